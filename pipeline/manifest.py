"""Nothing lost: remember what was generated, and keep hand edits aside.

Each campaign's output folder holds `.vanban-manifest.json`: file name ->
SHA-256 of the bytes the pipeline wrote. Before a file is replaced, its
current bytes are compared with that record; a file that differs (staff
edited it after it was generated, or it was never ours) is renamed to
`<name>.sua-tay.docx` (then `.sua-tay-2`, …) instead of being overwritten.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .files import clean_stray_temps, write_error
from .files import write_atomic

NAME = ".vanban-manifest.json"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(folder: Path) -> dict[str, str]:
    try:
        return json.loads((folder / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save(folder: Path, manifest: dict[str, str]) -> None:
    text = json.dumps(dict(sorted(manifest.items())), ensure_ascii=False, indent=1)
    write_atomic(folder / NAME, text.encode("utf-8"))


def aside_name(path: Path) -> Path:
    """`to-trinh.docx` -> `to-trinh.sua-tay.docx`, or the first free `.sua-tay-N`."""
    candidate = path.with_name(f"{path.stem}.sua-tay{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.sua-tay-{n}{path.suffix}")
        n += 1
    return candidate


def keep_hand_edit(path: Path, manifest: dict[str, str], new: bytes) -> Path | None:
    """If `path` holds bytes the pipeline did not write, move them aside; return where."""
    if not path.exists():
        return None
    current = digest(path.read_bytes())
    if current in (manifest.get(path.name), digest(new)):
        return None
    target = aside_name(path)
    path.rename(target)
    return target


def write_all(folder: Path, files: dict[str, bytes]) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """Write every file atomically, keeping hand edits aside.

    Returns the files written, and (file, where its hand-edited bytes were kept) pairs.
    """
    clean_stray_temps(folder)  # leftovers of a killed write
    manifest = load(folder)
    kept = []
    written = []
    for name, data in files.items():
        path = folder / name
        try:
            aside = keep_hand_edit(path, manifest, data)
        except OSError as exc:
            raise write_error(path, exc) from None
        if aside is not None:
            kept.append((path, aside))
        write_atomic(path, data)
        manifest[name] = digest(data)
        written.append(path)
        # Recorded as each file is written: a run killed part-way leaves a manifest
        # that knows every file it wrote, so the next run takes none for a hand edit.
        save(folder, manifest)
    if not files:
        save(folder, manifest)
    return written, kept
