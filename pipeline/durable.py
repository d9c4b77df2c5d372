"""Nothing lost, nothing half-written, the same bytes for the same inputs.

- `fixed_zip`: every member of a .docx/.xlsx zip dated 1980-01-01, so that the
  same inputs give byte-identical files (python-docx stamps members with the
  time of saving). An unchanged document is then never taken for a hand edit.
- `input_moment`: the time the documents' core properties carry (created,
  modified): SOURCE_DATE_EPOCH when set, else the newest modification time of
  what the documents are made from (the campaign's files, the templates), so a
  rebuild from unchanged inputs writes the same bytes.
- `clean_stray_temps`: temporary files left by a write that was killed (their
  writer's process is gone) are removed before the next write in that folder.
- `WriteError`: a write that failed (read-only folder, full disk) as one
  Vietnamese line; the file it was replacing is untouched.
"""
from __future__ import annotations

import errno
import io
import os
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from .errors import PipelineError

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
TEMP_PREFIX = ".vanban-"
TEMP_SUFFIX = ".tmp"
ORPHAN_AGE_S = 3600  # a temporary file without a writer's process id, older than this


class WriteError(PipelineError):
    """An output file could not be written."""


def write_error(path: Path, exc: OSError) -> WriteError:
    where = Path(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return WriteError(f"Không ghi được {where}: ổ đĩa đã đầy. Các văn bản đã có vẫn còn "
                          "nguyên; hãy giải phóng chỗ trống rồi chạy lại.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return WriteError(f"Không ghi được {where}: không có quyền ghi vào thư mục "
                          f"{where.parent} (hoặc thư mục chỉ đọc).")
    return WriteError(f"Không ghi được {where}: {exc.strerror or exc}.")


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every member dated FIXED_DATE (order and compression kept)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, FIXED_DATE)
            member.compress_type = info.compress_type
            member.external_attr = info.external_attr
            target.writestr(member, source.read(info))
    return out.getvalue()


def input_moment(folder: Path, templates: Path) -> datetime:
    """SOURCE_DATE_EPOCH, or the newest modification time of the campaign's files and the
    templates (UTC, whole seconds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        newest = int(epoch)
    else:
        newest = 0
        for root in (Path(folder), Path(templates)):
            if not root.is_dir():
                continue
            for path in root.rglob("*"):
                try:
                    if path.is_file():
                        newest = max(newest, int(path.stat().st_mtime))
                except OSError:
                    continue
        newest = newest or int(time.time())
    return datetime.fromtimestamp(newest, tz=timezone.utc).replace(tzinfo=None)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stray_temps(folder: Path) -> list[Path]:
    """Remove temporary files of killed writes in `folder`; return what was removed.

    files.write_atomic names them `.vanban-<name>.<pid>.<random>.tmp`; one whose
    process is gone is a leftover. Older names without a pid go after an hour.
    """
    removed = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    for path in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        parts = path.name[:-len(TEMP_SUFFIX)].rsplit(".", 2)
        pid = parts[1] if len(parts) == 3 else ""
        try:
            stale = (not alive(int(pid))) if pid.isdigit() else \
                time.time() - path.stat().st_mtime > ORPHAN_AGE_S
            if stale:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


# ------------------------------------------------------------ runs sharing one outputs/

LOCK_NAME = ".vanban.lock"


class output_lock:
    """Hold `outputs/.vanban.lock` (flock) while building: a second build on the same
    outputs/ waits for the first, then does its own work. Released when the process dies.
    `waiting(outputs)` is called before waiting (the CLI says so on the terminal)."""

    def __init__(self, outputs: Path, waiting=None):
        self.path = Path(outputs) / LOCK_NAME
        self.handle = None
        self.waiting = waiting

    def __enter__(self):
        import fcntl

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(self.path, "a+b")
        except OSError as exc:
            raise write_error(self.path, exc) from None
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if self.waiting is not None:
                self.waiting(self.path.parent)
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc) -> None:
        import fcntl

        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()


# ------------------------------------------------------------ what pdf and check-format read

def generated_documents(outputs: Path) -> list[Path]:
    """The .docx files of every campaign folder of `outputs` (not hidden, not Word's locks)."""
    outputs = Path(outputs)
    if not outputs.is_dir():
        return []
    return [f for folder in sorted(p for p in outputs.iterdir() if p.is_dir())
            for f in sorted(folder.glob("*.docx")) if not f.name.startswith((".", "~$"))]


def pdf_sources(outputs: Path, campaigns: tuple[str, ...] = ()) -> list[Path]:
    """The documents `make pdf` converts; PipelineError when there is nothing to convert."""
    outputs = Path(outputs)
    if campaigns:
        found = []
        for raw in campaigns:
            name = raw.strip().rstrip("/\\")
            folder = outputs / name
            if not name or not folder.is_dir():
                raise WriteError(f'Chưa có văn bản nào của đợt "{raw}" trong {outputs}/: hãy kiểm '
                                 f"tra tên đợt (CAMPAIGN=) và chạy make all CAMPAIGN={name or raw} "
                                 "trước khi tạo PDF.")
            documents = [f for f in sorted(folder.glob("*.docx"))
                         if not f.name.startswith((".", "~$"))]
            if not documents:
                raise WriteError(f"Thư mục {folder}/ chưa có văn bản .docx nào để chuyển sang PDF: "
                                 f"hãy chạy make all CAMPAIGN={name} trước.")
            found += documents
        return found
    found = generated_documents(outputs)
    if not found:
        raise WriteError(f"Chưa có văn bản .docx nào trong {outputs}/ để chuyển sang PDF: hãy "
                         "chạy make all trước.")
    return found


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
