"""Tờ trình đề nghị khen thưởng (to-trinh.docx)."""

from __future__ import annotations


from docx.shared import Cm


from .blocks import (
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


def build():
    doc = new_document()
    header(doc, with_date=True)
    title(doc, "TỜ TRÌNH")
    par(doc, "{%p if addressee %}", "VB Kinh gui")
    par(doc, "Kính gửi: {{ addressee }}", "VB Kinh gui")
    par(doc, "{%p else %}", "VB Kinh gui")
    par(doc, "Kính gửi:", "VB Kinh gui")
    p = par(doc, "{%p for a in addressees %}", "VB Kinh gui muc")
    p = par(doc, "{{ a }}", "VB Kinh gui muc")
    p.paragraph_format.left_indent = Cm(5.5)
    par(doc, "{%p endfor %}", "VB Kinh gui muc")
    par(doc, "{%p endif %}", "VB Kinh gui")
    bullet_list(doc, "basis", "{{ x }}", style="VB Can cu")
    par(doc, "{{ results_heading }}", "VB Muc")
    bullet_list(doc, "results", "{{ x }}")
    par(doc, "{{ proposal_heading }}", "VB Muc")
    par(doc, "{{ proposal }}")
    bullet_list(doc, "forms", "{{ x }}")
    par(doc, "{{ closing }}", "VB Ket")
    official_signature(doc)
    annex_heading(doc)
    table = data_table(
        doc, [1.2, 4.3, 3.6, 3.6, 3.8], ["TT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị", "Thành tích"]
    )
    center = "VB Bang giua"
    control_row(table, "{%tr for r in nominees %}")
    control_row(table, "{%tr if r.group %}")
    group = table_row(table, [("{{ r.n }}", center), "{{ r.name }}", "", "", ""], bold=True, keep_next=True)
    merged = group.cells[1].merge(group.cells[4])
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    control_row(table, "{%tr else %}")
    table_row(table, [("{{ r.n }}", center), "{{ r.name }}", "{{ r.position }}", "{{ r.unit }}", "{{ r.achievement }}"])
    control_row(table, "{%tr endif %}")
    control_row(table, "{%tr endfor %}")
    return doc
