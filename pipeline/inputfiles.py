"""A campaign's input files as the watcher and the build record see them.

What `vanban watch` ignores (lock files of Excel and LibreOffice, hidden files,
the temporary files of copies) and the listing of the files that matter, with their sizes
and times; `fingerprint` is that listing in one short text, recorded with each build
(status.py), so that the watcher does not build again what the web page has just built.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone
from pathlib import Path

IGNORED_PREFIXES = ("~$", ".~lock", ".", "~")
IGNORED_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", "~", "#")

Snapshot = tuple[tuple[str, int, int], ...]


def ignored(name: str) -> bool:
    """Lock files, hidden files and the temporary files editors and copies leave behind."""
    lowered = name.lower()
    return lowered.startswith(IGNORED_PREFIXES) or lowered.endswith(IGNORED_SUFFIXES)


def snapshot(folder: Path) -> Snapshot:
    """Every file that matters in a campaign folder, with its size and time."""
    found = []
    if folder.is_dir():
        for path in folder.rglob("*"):
            rel = path.relative_to(folder)
            if any(ignored(part) for part in rel.parts):
                continue
            try:
                info = path.stat()
            except OSError:  # gone meanwhile: the next event will tell
                continue
            if path.is_file():
                found.append((str(rel), info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


def fingerprint(folder: Path) -> str:
    """One short text for a campaign's input files as they are now (names, sizes, times)."""
    import hashlib

    return hashlib.sha256(repr(snapshot(Path(folder))).encode("utf-8")).hexdigest()[:32]


# The moment the documents' core properties carry (created, modified): SOURCE_DATE_EPOCH when
# set, else the newest modification time of what the documents are made from (the campaign's
# files, the templates), so that a rebuild from unchanged inputs writes the same bytes.
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
