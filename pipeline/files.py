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

from .durable import TEMP_PREFIX, TEMP_SUFFIX, write_error


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
    try:  # the writer's pid in the name: durable.clean_stray_temps knows a leftover
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.{os.getpid()}.",
                                   suffix=TEMP_SUFFIX, dir=path.parent)
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
