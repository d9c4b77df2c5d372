"""Fetch the external files of the format checker's measurement (sources.csv) and
convert the .doc ones to .docx with LibreOffice.

    python tests/external/fetch_external.py --git ROOT --out FOLDER

ROOT holds a git copy of each repository named in sources.csv, as any of
`ROOT/<owner>+<name>/repo` (a bare mirror), `ROOT/<owner>+<name>` or
`ROOT/<owner>/<name>` (clones: `git clone https://github.com/<owner>/<name>`).
Each file is read at the commit the list names (`git show <commit>:<path>`),
its blob hash checked, and written as FOLDER/<id>.docx (a .doc converted by
`soffice --headless --convert-to docx`). The files are not in this repository:
their repositories carry no licence that allows redistributing them.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources.csv"


def sources() -> list[dict]:
    with SOURCES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def git_dir(root: Path, repository: str) -> Path | None:
    owner, name = repository.split("/", 1)
    for candidate in (root / f"{owner}+{name}" / "repo", root / f"{owner}+{name}", root / owner / name):
        if (candidate / ".git").is_dir():
            return candidate / ".git"
        if (candidate / "objects").is_dir():
            return candidate
    return None


def read_blob(gdir: Path, commit: str, path: str, blob: str) -> bytes:
    """The file's bytes at `commit`, or at any commit holding the same blob."""
    for ref in (f"{commit}:{path}", blob):
        proc = subprocess.run(["git", "--git-dir", str(gdir), "cat-file", "blob", ref], capture_output=True)
        if proc.returncode == 0:
            return proc.stdout
    raise LookupError(f"{path} at {commit[:10]} is not in {gdir}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--git", type=Path, required=True, help="folder holding the repositories' git copies")
    parser.add_argument("--out", type=Path, required=True, help="folder for <id>.docx")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    missing, docs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for row in sources():
            gdir = git_dir(args.git, row["repository"])
            if gdir is None:
                missing.append(row["repository"])
                continue
            data = read_blob(gdir, row["commit"], row["path"], row["blob"])
            suffix = Path(row["path"]).suffix.lower()
            if suffix == ".docx":
                (args.out / f"{row['id']}.docx").write_bytes(data)
            else:
                source = Path(tmp) / f"{row['id']}{suffix}"
                source.write_bytes(data)
                docs.append(source)
        if docs:
            soffice = shutil.which("soffice") or shutil.which("libreoffice")
            if soffice is None:
                print("LibreOffice (soffice) is needed to convert the .doc files", file=sys.stderr)
                return 2
            for start in range(0, len(docs), 20):
                subprocess.run(
                    [
                        soffice,
                        "--headless",
                        "--convert-to",
                        "docx",
                        "--outdir",
                        str(args.out),
                        *map(str, docs[start : start + 20]),
                    ],
                    capture_output=True,
                    timeout=900,
                )
    for repository in sorted(set(missing)):
        print(f"missing: git clone https://github.com/{repository} into {args.git}", file=sys.stderr)
    written = len(list(args.out.glob("*.docx")))
    print(f"{written} .docx in {args.out} ({len(sources())} sources)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
