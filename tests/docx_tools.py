"""Helpers to open generated documents and look at them part by part."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def parts(path: Path) -> dict[str, str]:
    """Every XML part of the .docx as text."""
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")}


def plain(text: str) -> str:
    """Text as read aloud: no-break spaces and hyphens as ordinary ones."""
    return text.replace("\u00a0", " ").replace("\u2011", "-")


def paragraphs(path: Path) -> list[str]:
    """Text of every paragraph, body and tables, in document order (see `plain`)."""
    doc = Document(str(path))
    return [plain(p.text) for p in _walk(doc)]


def _walk(container):
    body = container.element.body if hasattr(container, "element") else container._element
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, container)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, container).rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from _walk(cell)


def find(path: Path, text: str):
    """The python-docx paragraph whose text is exactly `text`."""
    doc = Document(str(path))
    for p in _walk(doc):
        if plain(p.text) == text:
            return p
    raise AssertionError(f"no paragraph {text!r} in {path.name}")


def table_rows(path: Path, index: int) -> list[list[str]]:
    doc = Document(str(path))
    table = doc.tables[index]
    return [[plain(c.text) for c in row.cells] for row in table.rows]


def effective(paragraph, attribute: str):
    """A run property of the paragraph's first run, resolved through its style chain."""
    run = next(r for r in paragraph.runs if r.text)
    value = getattr(run.font, attribute)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.font, attribute)
        style = style.base_style
    return value
