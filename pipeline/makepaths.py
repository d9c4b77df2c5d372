"""A name Make can use for a folder whose path holds spaces (`/srv/chia se/inputs`).

Make splits file names at spaces: its rules and wildcards cannot name such a folder. The
Makefile gives them instead a symbolic link without spaces to the same folder, in a private
folder of the user's (`$XDG_RUNTIME_DIR` or the temporary folder, mode 0700), one link per
path; the commands themselves still get the real paths. Standard library only (run with
`python -S` before the environment exists).

    python -m pipeline.makepaths PATH  ->  prints the link (or PATH itself when it has no
                                           whitespace)
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from pathlib import Path


def _private_folder() -> Path:
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    folder = Path(base) / f"vanban-make-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise OSError(f"{folder} is not a private folder of this user")
    return folder


def link_for(path: str) -> str:
    """A space-free path naming the same folder as `path`."""
    if not any(c.isspace() for c in path):
        return path
    real = os.path.abspath(path)
    name = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    link = _private_folder() / name
    try:
        if os.readlink(link) == real:
            return str(link)
    except OSError:
        pass
    spare = link.with_name(f".{name}.{os.getpid()}")
    spare.unlink(missing_ok=True)
    os.symlink(real, spare)
    os.replace(spare, link)  # atomic: two makes at once agree
    return str(link)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m pipeline.makepaths PATH", file=sys.stderr)
        return 2
    try:
        print(link_for(argv[0]))
    except OSError as error:
        print(f"Lỗi: không tạo được lối tắt cho đường dẫn có dấu cách {argv[0]}: {error}", file=sys.stderr)
        print(argv[0])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
