"""A document laid out entirely in one table, read as the document it is.

Real offices often lay the whole document in one table: the two-column header in
the first rows (issuer beside the Quốc hiệu, `Số:` beside the date), the type name,
trích yếu and body in rows of one cell, and the Nơi nhận beside the signature in the
last row. The rules expect a header table, body paragraphs and a signature table, so
such a table is split (its paragraphs keep their places and reading order):

- the rows above the one that opens with the type name stay the header table;
- the paragraphs of the rows of one cell from there on become paragraphs of the body
  (one container per row);
- the rows after them (Nơi nhận and signature side by side) become a table of their own.
"""

from __future__ import annotations

from .locate import QUOC_HIEU, type_name_of
from .rulekit import bare
from .wordfile import Container, Doc, Table


def _row_text(row) -> list:
    return [ln.text for cell in row for p in cell.paras for ln in p.lines if ln.text]


def _type_row(table: Table):
    """Index of the row below the Quốc hiệu that opens with a type name, or None."""
    qh_key = bare(QUOC_HIEU).replace(" ", "")
    qh_row = next(
        (n for n, row in enumerate(table.rows) if any(bare(t).replace(" ", "") == qh_key for t in _row_text(row))), None
    )
    if qh_row is None:
        return None
    for n in range(qh_row + 1, len(table.rows)):
        texts = _row_text(table.rows[n])
        if not texts:
            continue
        if len([c for c in table.rows[n] if any(p.text for p in c.paras)]) == 1 and type_name_of(texts[0]):
            return n
    return None


def unwrap(doc: Doc) -> None:
    """Split the first top-level table when it holds the Quốc hiệu and, in a row of one
    cell below it, the type name (the document laid out in one table)."""
    tops = [t for t in doc.tables if t.top_level]
    table = tops[0] if tops else None
    if table is None or any(
        p.text and p.container.kind == "body" and p.order < (table.first_order or 0) and type_name_of(p.text)
        for p in doc.paras
    ):
        return
    start = _type_row(table)
    if start is None:
        return
    end = start
    while end < len(table.rows) and len([c for c in table.rows[end] if any(p.text for p in c.paras)]) <= 1:
        end += 1
    middle, tail = table.rows[start:end], table.rows[end:]
    rows_of = {}
    for n, row in enumerate(middle, start=start):
        # one body container per row: a row is one block (the title's lines, the body)
        body = rows_of[n] = Container("body", max(c.width for c in row))
        for cell in row:
            for para in cell.paras:
                para.container, para.pos = body, len(body.paras)
                body.paras.append(para)
    # nested tables of those cells now stand in the body
    for nested in doc.tables:
        if nested.container.table is table and nested.container.row - 1 in range(start, end):
            nested.container = rows_of[nested.container.row - 1]
    table.rows = table.rows[:start]
    if tail:
        rest = Table(len(doc.tables) + 1, table.el, table.style_id, table.container)
        for r, row in enumerate(tail, start=1):
            for cell in row:
                cell.table, cell.row = rest, r
            rest.rows.append(row)
        doc.tables.insert(doc.tables.index(table) + 1, rest)
