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


def _alive(pid: int) -> bool:
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
            stale = (not _alive(int(pid))) if pid.isdigit() else \
                time.time() - path.stat().st_mtime > ORPHAN_AGE_S
            if stale:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed
