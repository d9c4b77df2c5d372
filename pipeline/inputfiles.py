"""A campaign's input files as the watcher and the build record see them.

What `vanban watch` ignores (lock files of Excel and LibreOffice, hidden files,
the temporary files of copies) and the listing of the files that matter, with their sizes
and times; `fingerprint` is that listing in one short text, recorded with each build
(status.py), so that the watcher does not build again what the web page has just built.
"""
from __future__ import annotations

from pathlib import Path

IGNORED_PREFIXES = ("~$", ".~lock", ".", "~")
IGNORED_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp",
                    "~", "#")

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
