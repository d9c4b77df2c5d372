"""Build the Word templates in templates_docx/ from code: every template, one builder.

Each kind's layout is in tools/templates/<module>.py, the module named as the kind's
module in pipeline/documents/ (the registry's `module`); the yearly summary's is
tools/templates/summary.py.

The .docx files are the source staff may edit in Word or LibreOffice Writer;
this script is how they were first laid out, with every Jinja tag in one run
and the Decree 30 page, styles and header grid set once for all of them. The
news article (tin-bai.docx) is a portal page, not a Decree 30 document; its
HTML twin, templates_docx/tin-bai.html, is a hand-written Jinja file.

A template edited by hand is never overwritten silently. The builder records,
in templates_docx/.builder-hashes.json (committed), the SHA-256 of each part
(document.xml, styles.xml, …) of every template it wrote; parts, not the zip's
bytes, which carry timestamps. Before writing, a template whose parts match
neither that record nor what the builder is about to write was changed since
(staff edited it in Word): the builder then writes nothing and names it; run
`make templates FORCE=1` (--force) to overwrite it anyway.

Run: python -m tools.build_templates [--force] [--out DIR] [names...]   (from the project's root)
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Callable

from pipeline import kinds as registry
from pipeline.files import write_atomic
from pipeline.ooxml import schema_order
from tools.templates.blocks import OUT, RECORD


def _builders() -> dict[str, Callable]:
    """Template name (templates_docx/<name>.docx) -> the function laying it out: each kind's
    (and report's) Word templates from tools/templates/<its module>."""
    found = {}
    for entry in (*registry.KINDS, *registry.REPORTS):
        module = importlib.import_module(f"tools.templates.{entry.module}")
        for template in entry.templates:
            if template.endswith(".docx"):
                found[template.removesuffix(".docx")] = module.build
    return found


TEMPLATES = _builders()


def _kind_of(name: str) -> registry.Kind | None:
    """The kind rendering template `name`; None for the summary's report (no kind of its own)."""
    return next((k for k in registry.KINDS if f"{name}.docx" in k.templates), None)


def build(name: str) -> bytes:
    """The .docx the builder lays out for template `name`."""
    doc = TEMPLATES[name]()
    kind = _kind_of(name)
    props = doc.core_properties
    props.author, props.title, props.comments = "vanban", name, ""
    props.category = "van-ban-hanh-chinh" if kind is None or kind.administrative else kind.slug
    for part in doc.part.package.iter_parts():  # appended elements back in schema order
        if hasattr(part, "_element") and str(part.partname).startswith("/word/"):
            schema_order(part._element)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def parts(data: bytes) -> dict[str, str]:
    """Part name -> SHA-256 of its bytes (the zip's timestamps do not count)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: hashlib.sha256(archive.read(info)).hexdigest() for info in archive.infolist()}


def read_record(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / RECORD
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def write_record(folder: Path, record: dict[str, dict[str, str]]) -> None:
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(folder / RECORD, text.encode("utf-8"))


def edited_by_hand(path: Path, recorded: dict[str, str] | None, new: dict[str, str]) -> bool:
    """Whether overwriting `path` would lose changes: its parts are neither those the
    builder last wrote (the record) nor those it is about to write."""
    if not path.exists():
        return False
    try:
        current = parts(path.read_bytes())
    except (OSError, zipfile.BadZipFile):
        return True  # not a template the builder wrote: keep it unless forced
    return current != new and current != recorded


def _same_parts(path: Path, new: dict[str, str]) -> bool:
    try:
        return parts(path.read_bytes()) == new
    except (OSError, zipfile.BadZipFile):
        return False


def refusal(names: list[str]) -> str:
    """What the builder says when it would overwrite templates edited by hand."""
    files = ", ".join(names)
    return (
        f"Không dựng lại mẫu: {files} đã được sửa sau lần dựng gần nhất "
        "(khác với bản công cụ đã ghi). Không tệp nào bị ghi đè. Nếu muốn bỏ phần sửa "
        "đó và dựng lại từ tools/build_templates.py, chạy: make templates FORCE=1 "
        "(nên sao lưu tệp trước)."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Word templates of templates_docx/.")
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"templates to build (default: all): {', '.join(TEMPLATES)}"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="templates folder (default: %(default)s)")
    parser.add_argument(
        "--force", action="store_true", help="overwrite templates edited since the builder last wrote them"
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in TEMPLATES]
    if unknown:
        parser.error(f"unknown template(s): {', '.join(unknown)}")
    names = list(dict.fromkeys(args.names)) or list(TEMPLATES)
    built = {name: build(name) for name in names}
    record = read_record(args.out)
    new = {name: parts(data) for name, data in built.items()}
    edited = [
        f"{args.out.name}/{name}.docx"
        for name in names
        if edited_by_hand(args.out / f"{name}.docx", record.get(f"{name}.docx"), new[name])
    ]
    if edited and not args.force:
        print(refusal(edited), file=sys.stderr)
        return 1
    for name, data in built.items():
        path = args.out / f"{name}.docx"
        record[path.name] = new[name]
        if path.is_file() and _same_parts(path, new[name]):
            # Only the zip's timestamps would change: leave the file (and Make) alone.
            print(f"{args.out.name}/{path.name} (không đổi)")
            continue
        write_atomic(path, data)
        print(f"{args.out.name}/{path.name}")
    if record != read_record(args.out):
        write_record(args.out, record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
