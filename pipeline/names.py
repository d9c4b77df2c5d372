"""What Make may build: campaign folders whose names are safe, checked before any shell.

`python3 -m pipeline.names --inputs DIR [--outputs DIR] [--campaign "A B"] [--report]`
prints the campaigns to build, one per line, for the Makefile. Run with the system
Python before the virtual environment exists: it imports nothing but the standard
library and the registry (pipeline.kinds).

- A folder name reaches Make and the shell only if it is made of ASCII letters,
  digits, `-`, `_` and `.` (the README asks for names without diacritics). Any
  other folder holding a workbook (`cum 2 2021`, `a'&&id>x&&'b`) is refused with a
  message naming it, and the other campaigns go on.
- A folder without `du-lieu.xlsx` (or with `Du-lieu.xlsx`), a `CAMPAIGN=` naming no
  campaign (a trailing slash is allowed), or no campaign at all: a message. When
  something asked for cannot be built, the word ERROR is printed too: Make then
  exits non-zero after building what it could.
- A file the build wrote (listed in the campaign's manifest) that was deleted since
  makes the target standing for it out of date, so `make all` writes it again.

Messages go to stderr only with --report (the goals that build), once per run.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import sys
from pathlib import Path

from . import kinds as registry

SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
WORKBOOK = "du-lieu.xlsx"
ERROR = "--vanban-error--"
MANIFEST = ".vanban-manifest.json"


def is_safe(name: str) -> bool:
    return bool(SAFE.fullmatch(name)) and name not in (".", "..")


def _is_campaign(folder: Path) -> bool:
    return (folder / WORKBOOK).is_file() or (folder / "chung.csv").is_file()


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
    return (f'Bỏ qua thư mục "{name}": tên thư mục của một đợt thi đua chỉ được gồm chữ cái '
            "không dấu, chữ số, dấu gạch ngang (-), gạch dưới (_) và dấu chấm, không có dấu "
            "cách, dấu nháy hay dấu ngoặc; hãy đổi tên thư mục (ví dụ cum-2-2021).")


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
                name = name[len(f"{inputs}/"):]
            folder = inputs / name
            if not name or not is_safe(name):
                messages.append("Lỗi: " + _refused(name or raw))
                failed = True
            elif not folder.is_dir():
                messages.append(f'Lỗi: không có đợt thi đua "{name}" trong {inputs}/ '
                                f"(CAMPAIGN= là tên một thư mục trong {inputs}/).")
                failed = True
            elif not _is_campaign(folder):
                messages.append("Lỗi: " + _missing_workbook(folder))
                failed = True
            elif name not in chosen:
                chosen.append(name)
        return chosen, messages, failed
    chosen = []
    for folder in _entries(inputs):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        if not _is_campaign(folder):
            messages.append("Cảnh báo: " + _missing_workbook(folder))
            continue
        if not is_safe(folder.name):
            messages.append("Cảnh báo: " + _refused(folder.name))
            continue
        chosen.append(folder.name)
    if not chosen:
        messages.append(f"Lỗi: không có đợt thi đua nào trong {inputs}/ (mỗi đợt là một thư mục "
                        f"có tệp {WORKBOOK}).")
        failed = True
    return chosen, messages, failed


def _missing_workbook(folder: Path) -> str:
    other = _wrong_case_workbook(folder)
    if other:
        return (f'thư mục "{folder.name}" có tệp {other}: hãy đổi tên thành {WORKBOOK} '
                "(chữ thường).")
    older = sorted(p.name for p in _entries(folder) if p.suffix.lower() in (".xls", ".ods")
                   and p.stem.lower() == "du-lieu")
    if older:
        return (f'thư mục "{folder.name}" có tệp {older[0]} nhưng chương trình chỉ đọc {WORKBOOK}: '
                "hãy mở tệp đó bằng Excel (hoặc LibreOffice Calc), chọn Tệp › Lưu thành (File › "
                'Save As), kiểu "Sổ làm việc Excel (.xlsx)", đặt tên du-lieu rồi lưu vào thư mục '
                "này.")
    return (f'thư mục "{folder.name}" không có tệp {WORKBOOK} (hoặc các tệp CSV như chung.csv) '
            "nên không được tạo văn bản.")


def refresh_deleted(outputs: Path, campaign: str) -> list[str]:
    """Files the manifest lists that are gone: forget them and make the targets standing for
    them out of date (their modification time set to 1970), so Make writes them again."""
    folder = outputs / campaign
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(manifest, dict):
        return []
    gone = [name for name in manifest if not (folder / name).exists()]
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
        del manifest[name]
    text = json.dumps(dict(sorted(manifest.items())), ensure_ascii=False, indent=1)
    temp = folder / f".vanban-{MANIFEST}.{os.getpid()}.names.tmp"
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, folder / MANIFEST)
    except OSError:
        temp.unlink(missing_ok=True)
    return gone


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m pipeline.names")
    parser.add_argument("--inputs", default="inputs")
    parser.add_argument("--outputs", default=None)
    parser.add_argument("--campaign", default="")
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args(argv)
    inputs = Path(args.inputs.rstrip("/") or "/")
    chosen, messages, failed = select(inputs, args.campaign.split())
    if args.outputs and args.report:
        for name in chosen:
            refresh_deleted(Path(args.outputs), name)
    if args.report:
        for message in messages:
            print(message, file=sys.stderr)
    for name in chosen:
        print(name)
    if failed:
        print(ERROR)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
