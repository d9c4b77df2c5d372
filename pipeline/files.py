"""Writing files: whole or not at all, readable by colleagues.

Every file the pipeline writes (documents, the manifest, workbooks, stamps)
goes through `write_atomic`: the bytes go to a temporary file beside the
target, which is then renamed over it. The result gets the permissions the
user's umask gives a new file (0644 under the usual 022), not mkstemp's 0600,
so that colleagues on a shared folder can open it.
"""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".vanban-"
TEMP_SUFFIX = ".tmp"


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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX,
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_workbook(book, path: Path) -> None:
    """Save an openpyxl workbook atomically."""
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())
