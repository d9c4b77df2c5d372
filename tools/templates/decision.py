"""Quyết định khen thưởng with its list of awards (quyet-dinh.docx)."""

from __future__ import annotations

import copy

from docx.oxml.ns import qn
from docx.shared import Pt


from .blocks import (
    C,
    _style,
    annex_heading,
    bullet_list,
    control_row,
    data_table,
    header,
    new_document,
    official_signature,
    par,
    table_row,
    title,
)


def _article(doc) -> None:
    """`Điều N.` in bold, then the article's text; its items one per paragraph.

    The articles flow like body text; the last one keeps with the signature, so that the
    signature never stands alone and no first page is left half empty.
    """
    par(doc, "{%p for a in articles %}", "VB Noi dung")
    par(doc, "{%p if loop.last %}", "VB Ket")
    par(doc, runs=[("{{ a.label }}", True, None), (" {{ a.text }}", None, None)], style="VB Ket")
    bullet_list(doc, "a.lines", "{{ x }}", style="VB Ket")
    par(doc, "{%p else %}", "VB Noi dung")
    par(doc, runs=[("{{ a.label }}", True, None), (" {{ a.text }}", None, None)], style="VB Noi dung")
    bullet_list(doc, "a.lines", "{{ x }}")
    par(doc, "{%p endif %}", "VB Noi dung")
    par(doc, "{%p endfor %}", "VB Noi dung")


def _award_table(doc, money: bool) -> None:
    widths = [1.2, 5.6, 7.2, 2.5] if money else [1.2, 6.3, 9.0]
    headings = ["TT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị"]
    table = data_table(doc, widths, headings + (["Mức thưởng (đồng)"] if money else []))
    center = "VB Bang giua"
    control_row(table, "{%tr for r in rows %}")
    control_row(table, "{%tr if r.group %}")
    group = table_row(table, [("{{ r.n }}", center), "{{ r.name }}"] + [""] * (len(widths) - 2), bold=True)
    merged = group.cells[1].merge(group.cells[len(widths) - 1])
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    control_row(table, "{%tr else %}")
    table_row(
        table,
        [("{{ r.n }}", center), "{{ r.name }}", "{{ r.where }}"] + ([("{{ r.amount }}", center)] if money else []),
    )
    control_row(table, "{%tr endif %}")
    control_row(table, "{%tr endfor %}")
    if money:
        # unmerged, so that render's column fitting counts the total's width
        table_row(table, ["", "Tổng cộng", "", ("{{ total }}", center)], bold=True)


def build():
    """Mẫu 1.2: QUYẾT ĐỊNH (cá biệt), its list as Phụ lục when `annexed`."""
    doc = new_document()
    _style(doc, "VB Tham quyen", size=14, bold=True, align=C, before=0, after=6)
    header(doc, with_date=True)
    title(doc, "QUYẾT ĐỊNH")
    par(doc, "{{ authority }}", "VB Tham quyen")
    par(doc, "", "VB Noi dung")
    bullet_list(doc, "basis", "{{ x }}", style="VB Can cu")
    p = par(doc, "QUYẾT ĐỊNH:", "VB Ten loai")
    p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(6), Pt(6)
    _article(doc)
    official_signature(doc)
    par(doc, "{%p if annexed %}", "VB Bang")
    annex_heading(doc)
    par(doc, "{%p if with_money %}", "VB Bang")
    _award_table(doc, money=True)
    par(doc, "{%p else %}", "VB Bang")
    _award_table(doc, money=False)
    par(doc, "{%p endif %}", "VB Bang")
    par(doc, "{%p endif %}", "VB Bang")
    _same_headers_at_the_end(doc)
    return doc


def _same_headers_at_the_end(doc) -> None:
    """The last section refers to the first one's headers itself: without its Phụ lục (the
    list in the decision's body) the section break that carried them is not rendered, and the
    document would lose its page numbers. With the Phụ lục this is what it inherits anyway."""
    first, last = doc.sections[0]._sectPr, doc.sections[-1]._sectPr
    if first is last or last.find(qn("w:headerReference")) is not None:
        return
    for position, reference in enumerate(first.findall(qn("w:headerReference"))):
        last.insert(position, copy.deepcopy(reference))
