"""What Make and Python agree on, in one place: the Makefile reads it, the build obeys it.

Make asks once, before anything is built, with the system Python (`python3 -S`, before the
virtual environment exists): this module imports only the standard library and the
project's light modules (the registry, the input contract, the manifest, the writer).

    python3 -S -m pipeline.makeproto make --inputs DIR [--outputs DIR] [--campaign "A B"]
                                          [--goals "all …"]
        one line of words for the Makefile:
        - `kind:<slug>|<group>|<target>|<templates>|<photos>` per document kind (templates
          joined by commas; photos 1 when the kind depends on the photos in anh/);
        - `group:<goal>` per Make goal that builds a group of kinds;
        - `input:<glob>` the campaign files a document depends on, `folder:<name>` the
          campaign folders whose additions and removals count, `photos:<folder>`;
        - `code:<file>` the newest file of the code (a document depends on the code);
        - the campaigns to build (safe names, below), then ERROR when something asked for
          cannot be built (Make then fails after building what it could).
    python3 -S -m pipeline.makeproto help      the Make goals of the registry, for `make help`

Safe names: a folder name reaches Make and the shell only if it is made of ASCII letters,
digits, `-`, `_` and `.` (the README asks for names without diacritics). Any other folder
holding a workbook (`cum 2 2021`, `a'&&id>x&&'b`) is refused with a message naming it, and
the other campaigns go on. A folder without `du-lieu.xlsx` (or with `Du-lieu.xlsx`), a
`CAMPAIGN=` naming no campaign (a trailing slash is allowed), or no campaign at all: a
message. Messages go to stderr only when a goal builds documents (`all`, a group), once
per run.

Deleted documents: a file the build wrote (listed in the campaign's manifest) that was
deleted since makes the target standing for it out of date, so `make all` writes it again.

Queue files: an out-of-date target's recipe appends `<campaign> <kind>` to
`outputs/.hang-doi-<make's pid>`; the goal then runs `vanban build --queue` once
(`read_queue`), which also removes the queues of make processes that are gone. A kind whose
files vary with the data is stood for by a stamp its build writes (`write_stamp`).
"""

from __future__ import annotations

import argparse
import fnmatch
import glob
import os
import re
import sys
from pathlib import Path

from . import kinds as registry
from . import manifest
from .contract import FORMS_FOLDER, PHOTOS_FOLDER, SHEET_SLUGS, WORKBOOK, is_campaign
from .errors import PipelineError
from .files import alive, write_atomic

SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
ERROR = "--vanban-error--"
QUEUE_PREFIX = ".hang-doi"
# What a document depends on besides its campaign's files and its templates (globs, from
# the project folder, Make's working directory).
CODE = ("pipeline/*.py", "pipeline/*/*.py", "pipeline/data/*")
# A campaign's files a document depends on (globs in its folder), and the folders whose
# additions and removals count (names Make cannot use, with spaces, are left to them).
INPUT_FILES = (WORKBOOK, "*.csv", f"{FORMS_FOLDER}/*.xlsx")
INPUT_FOLDERS = (FORMS_FOLDER,)


# ------------------------------------------------------------ the registry's words


def make_words() -> list[str]:
    """One word per kind for the Makefile: slug|group|target|templates|photos.

    Make splits it with $(subst |, ,…); templates are joined by commas.
    """
    return [f"{k.slug}|{k.group}|{k.target}|{','.join(k.templates)}|{int(k.photos)}" for k in registry.KINDS]


def newest_code() -> str:
    """The most recently modified file of CODE: the one prerequisite standing for all of
    them (a document is out of date when any is newer), so Make compares one file per
    target, not a hundred."""
    newest, found = -1, ""
    for pattern in CODE:
        for name in sorted(glob.glob(pattern)):
            try:
                mtime = os.stat(name).st_mtime_ns
            except OSError:
                continue
            if mtime > newest:
                newest, found = mtime, name
    return found


# ------------------------------------------------------------ safe folder names


def is_safe(name: str) -> bool:
    return bool(SAFE.fullmatch(name)) and name not in (".", "..")


def _wrong_case_workbook(folder: Path) -> str | None:
    for entry in _entries(folder):
        if entry.name != WORKBOOK and entry.name.casefold() == WORKBOOK and entry.is_file():
            return entry.name
    return None


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _refused(name: str) -> str:
    return (
        f'Bỏ qua thư mục "{name}": tên thư mục của một đợt thi đua chỉ được gồm chữ cái '
        "không dấu, chữ số, dấu gạch ngang (-), gạch dưới (_) và dấu chấm, không có dấu "
        "cách, dấu nháy hay dấu ngoặc; hãy đổi tên thư mục (ví dụ cum-2-2021)."
    )


def select(inputs: Path, wanted: list[str]) -> tuple[list[str], list[str], bool]:
    """(campaigns to build, messages, whether something asked for cannot be built)."""
    messages: list[str] = []
    failed = False
    if not inputs.is_dir():
        return [], [f"Lỗi: không tìm thấy thư mục dữ liệu {inputs}."], True
    if wanted:
        chosen = []
        for raw in wanted:
            name = raw.rstrip("/\\")
            if name.startswith(f"{inputs}/"):  # CAMPAIGN=inputs/cum-1-2020
                name = name[len(f"{inputs}/") :]
            folder = inputs / name
            if not name or not is_safe(name):
                messages.append("Lỗi: " + _refused(name or raw))
                failed = True
            elif not folder.is_dir():
                messages.append(
                    f'Lỗi: không có đợt thi đua "{name}" trong {inputs}/ '
                    f"(CAMPAIGN= là tên một thư mục trong {inputs}/)."
                )
                failed = True
            elif not is_campaign(folder):
                messages.append("Lỗi: " + _missing_workbook(folder))
                failed = True
            elif name not in chosen:
                chosen.append(name)
        return chosen, messages, failed
    chosen = []
    try:
        entries = sorted((e.name, e.is_dir()) for e in os.scandir(inputs))
    except OSError:
        entries = []
    for name, is_dir in entries:
        if not is_dir or name.startswith("."):
            continue
        folder = inputs / name
        if not is_campaign(folder):
            messages.append("Cảnh báo: " + _missing_workbook(folder))
            continue
        if not is_safe(folder.name):
            messages.append("Cảnh báo: " + _refused(folder.name))
            continue
        chosen.append(folder.name)
    if not chosen:
        messages.append(f"Lỗi: không có đợt thi đua nào trong {inputs}/ (mỗi đợt là một thư mục có tệp {WORKBOOK}).")
        failed = True
    return chosen, messages, failed


def _missing_workbook(folder: Path) -> str:
    other = _wrong_case_workbook(folder)
    if other:
        return f'thư mục "{folder.name}" có tệp {other}: hãy đổi tên thành {WORKBOOK} (chữ thường).'
    older = sorted(
        p.name for p in _entries(folder) if p.suffix.lower() in (".xls", ".ods") and p.stem.lower() == "du-lieu"
    )
    if older:
        return (
            f'thư mục "{folder.name}" có tệp {older[0]} nhưng chương trình chỉ đọc {WORKBOOK}: '
            "hãy mở tệp đó bằng Excel (hoặc LibreOffice Calc), chọn Tệp › Lưu thành (File › "
            'Save As), kiểu "Sổ làm việc Excel (.xlsx)", đặt tên du-lieu rồi lưu vào thư mục '
            "này."
        )
    return (
        f'thư mục "{folder.name}" không có tệp {WORKBOOK} (hoặc các tệp CSV như '
        f"{SHEET_SLUGS['Chung']}.csv) nên không được tạo văn bản."
    )


# ------------------------------------------------------------ targets and stamps


def write_stamp(folder: Path, slug: str) -> None:
    """Write the stamp standing for a kind whose files vary with the data (Kind.stamp)."""
    write_atomic(Path(folder) / registry.kind(slug).target, b"")


def refresh_deleted(outputs: Path, campaign: str) -> list[str]:
    """Files the manifest lists that are gone: forget them and make the targets standing for
    them out of date (their modification time set to 1970), so Make writes them again."""
    folder = outputs / campaign
    listed = manifest.load(folder)
    if not isinstance(listed, dict) or not listed:
        return []
    try:  # one listing of the folder, not one look-up per file (2,000 campaigns, each run)
        present = set(os.listdir(folder))
    except OSError:
        return []
    gone = [name for name in listed if name not in present and ("/" not in name or not (folder / name).exists())]
    if not gone:
        return []
    for kind in registry.KINDS:
        if any(fnmatch.fnmatch(name, pattern) for name in gone for pattern in kind.writes):
            target = folder / kind.target
            try:
                if target.exists():
                    os.utime(target, (0, 0))
            except OSError:
                continue
    for name in gone:
        del listed[name]
    try:
        manifest.save(folder, listed)
    except PipelineError:  # a read-only outputs/: the build that follows says so
        pass
    return gone


# ------------------------------------------------------------ queue files


def clean_stale_queues(queue: Path) -> list[Path]:
    """Remove the queues of make processes that are gone (`.hang-doi-<pid>`, and the old
    shared `.hang-doi`), other than `queue` itself."""
    removed = []
    folder = Path(queue).parent
    for path in folder.glob(f"{QUEUE_PREFIX}*"):
        if path == Path(queue) or not path.is_file():
            continue
        pid = path.name[len(QUEUE_PREFIX) + 1 :]
        if path.name == QUEUE_PREFIX or (pid.isdigit() and not alive(int(pid))):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                continue
    return removed


def read_queue(path: Path) -> dict[str, list[str]]:
    """`campaign kind` lines (written by Make for each out-of-date document) -> kinds per
    campaign; the queues of make processes that are gone are removed first.

    A line cut short by a killed run, or naming no known kind, is skipped (the next
    `make` queues that document again)."""
    clean_stale_queues(path)
    jobs: dict[str, list[str]] = {}
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        name, _, kind = line.strip().rpartition(" ")
        if not name.strip() or kind not in registry.NAMES:
            continue
        jobs.setdefault(name.strip(), [])
        if kind not in jobs[name.strip()]:
            jobs[name.strip()].append(kind)
    return jobs


# ------------------------------------------------------------ for the Makefile


def _make(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m pipeline.makeproto make")
    parser.add_argument("--inputs", default="inputs")
    parser.add_argument("--outputs", default=None)
    parser.add_argument("--campaign", default="")
    parser.add_argument(
        "--goals",
        default="",
        help="make's goals: the messages are said (and deleted documents looked for) when one of them builds documents",
    )
    args = parser.parse_args(argv)
    inputs = Path(args.inputs.rstrip("/") or "/")
    chosen, messages, failed = select(inputs, args.campaign.split())
    report = any(goal in ("all", *registry.GROUPS) for goal in args.goals.split())
    if args.outputs and report:
        for name in chosen:
            refresh_deleted(Path(args.outputs), name)
    if report:
        for message in messages:
            print(message, file=sys.stderr)
    words = [f"kind:{word}" for word in make_words()]
    words += [f"group:{group}" for group in registry.GROUPS]
    words += [f"input:{pattern}" for pattern in INPUT_FILES]
    words += [f"folder:{name}" for name in INPUT_FOLDERS] + [f"photos:{PHOTOS_FOLDER}"]
    words += [f"code:{newest_code()}", *chosen] + ([ERROR] if failed else [])
    print(" ".join(words))
    return 0


def main(argv: list[str]) -> int:
    what = argv[0] if argv else ""
    if what == "make":
        return _make(argv[1:])
    if what == "help":
        for group, text in registry.GROUPS.items():
            print(f"  make {group:<16} {text}")
        return 0
    print("usage: python3 -m pipeline.makeproto make|help …", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def split_file_list(text: str) -> list[str]:
    """FILES= as typed: quoted names, or names with spaces matched to files that exist."""
    import shlex

    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    out, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):  # the longest run of words naming a file
            candidate = " ".join(words[i:j])
            if Path(candidate).exists():
                out.append(candidate)
                i = j
                break
        else:
            out.append(words[i])
            i += 1
    return out
