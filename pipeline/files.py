"""Writing files: whole or not at all, readable by colleagues.

Every file the pipeline writes (documents, the manifest, workbooks, stamps)
goes through `write_atomic`: the bytes go to a temporary file beside the
target, which is then renamed over it. The result gets the permissions the
user's umask gives a new file (0644 under the usual 022), not mkstemp's 0600,
so that colleagues on a shared folder can open it.

Nothing lost, nothing half-written, the same bytes for the same inputs:

- `write_error`: a write that failed (read-only folder, full disk) as one Vietnamese line
  (`WriteError`); the file it was replacing is untouched.
- `clean_stray_temps`: temporary files left by a write that was killed (their writer's
  process is gone) are removed before the next write in that folder.
- `fixed_zip`: every member of a .docx/.xlsx zip dated 1980-01-01, so that the same inputs
  give byte-identical files (python-docx stamps members with the time of saving). An
  unchanged document is then never taken for a hand edit.

Plain standard library: the Make protocol (pipeline/makeproto.py) imports it on the system
Python.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
import time
import zipfile
from pathlib import Path

from .errors import PipelineError

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
TEMP_PREFIX = ".vanban-"
TEMP_SUFFIX = ".tmp"
ORPHAN_AGE_S = 3600  # a temporary file without a writer's process id, older than this


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def file_mode() -> int:
    """The mode a new file gets from the user's umask."""
    return 0o666 & ~_umask()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that the file appears whole or not at all."""
    path = Path(path)
    try:  # the writer's pid in the name: clean_stray_temps knows a leftover
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent
        )
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk, a read-only folder: one clear line
            raise write_error(path, exc) from None
        raise


def save_workbook(book, path: Path) -> None:
    """Save an openpyxl workbook atomically."""
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())


class WriteError(PipelineError):
    """An output file could not be written."""


def write_error(path: Path, exc: OSError) -> WriteError:
    where = Path(path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return WriteError(
            f"Không ghi được {where}: ổ đĩa đã đầy. Các văn bản đã có vẫn còn "
            "nguyên; hãy giải phóng chỗ trống rồi chạy lại."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return WriteError(
            f"Không ghi được {where}: không có quyền ghi vào thư mục {where.parent} (hoặc thư mục chỉ đọc)."
        )
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
        parts = path.name[: -len(TEMP_SUFFIX)].rsplit(".", 2)
        pid = parts[1] if len(parts) == 3 else ""
        try:
            stale = (not alive(int(pid))) if pid.isdigit() else time.time() - path.stat().st_mtime > ORPHAN_AGE_S
            if stale:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed
