"""Báo cáo tổng hợp: the year's results across clusters (bao-cao-tong-hop.docx)."""

from __future__ import annotations


from docx.shared import Pt


from .blocks import (
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


def _group_table(doc, widths, headings, group_cells, item_cells, loop, total=None):
    """A table of `loop` rows: a bold merged row when r.group, else item_cells."""
    table = data_table(doc, widths, headings)
    center = "VB Bang giua"
    control_row(table, "{%tr for r in " + loop + " %}")
    if group_cells is not None:
        control_row(table, "{%tr if r.group %}")
        group = table_row(table, group_cells + [""] * (len(widths) - len(group_cells)), bold=True)
        merged = group.cells[1].merge(group.cells[len(widths) - 1])
        for extra in merged.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        control_row(table, "{%tr else %}")
    table_row(table, [(c, center) if i != 1 else c for i, c in enumerate(item_cells)])
    if group_cells is not None:
        control_row(table, "{%tr endif %}")
    control_row(table, "{%tr endfor %}")
    return table


def build():
    """Mẫu 1.4: BÁO CÁO, the year's results across clusters, with the chart."""
    doc = new_document()
    center = "VB Bang giua"
    header(doc, with_date=True)
    title(doc, "BÁO CÁO")
    par(doc, "I. KẾT QUẢ CHUNG", "VB Muc")
    bullet_list(doc, "general", "{{ x }}")
    table = data_table(doc, [1.2, 6.3, 2.5, 6.5], ["TT", "Cụm thi đua", "Số đơn vị", "Kết quả xếp loại"])
    control_row(table, "{%tr for r in grade_rows %}")
    table_row(table, [("{{ r.n }}", center), "{{ r.cluster }}", ("{{ r.units }}", center), "{{ r.grades }}"])
    control_row(table, "{%tr endfor %}")
    p = par(doc, "{{ chart_caption }}")
    p.paragraph_format.space_before = Pt(6)
    p = par(doc, "{{ chart }}", "VB Bang giua")
    p.paragraph_format.keep_together = True
    par(doc, "II. KẾT QUẢ CỦA TỪNG CỤM", "VB Muc")
    bullet_list(doc, "cluster_lines", "{{ x }}")
    _group_table(
        doc,
        [1.6, 8.4, 2.6, 3.9],
        ["Xếp hạng", "Đơn vị", "Tổng điểm", "Xếp loại"],
        [("{{ r.n }}", center), "{{ r.name }}"],
        ["{{ r.rank }}", "{{ r.name }}", "{{ r.total }}", "{{ r.grade }}"],
        "cluster_rows",
    )
    par(doc, "")
    par(doc, "III. KHEN THƯỞNG", "VB Muc")
    par(doc, "{{ award_text }}")
    table = data_table(
        doc,
        [4.9, 2.9, 2.9, 2.9, 2.9],
        ["Cụm thi đua", "Đề nghị: tập thể", "Đề nghị: cá nhân", "Được khen: tập thể", "Được khen: cá nhân"],
    )
    control_row(table, "{%tr for r in award_rows %}")
    table_row(
        table,
        [
            "{{ r.cluster }}",
            ("{{ r.proposed_collectives }}", center),
            ("{{ r.proposed_persons }}", center),
            ("{{ r.granted_collectives }}", center),
            ("{{ r.granted_persons }}", center),
        ],
    )
    control_row(table, "{%tr endfor %}")
    par(doc, "")
    par(doc, "{%p if excluded %}")
    par(doc, "IV. CÁC ĐỢT CHƯA ĐƯỢC TỔNG HỢP", "VB Muc")
    bullet_list(doc, "excluded", "{{ x }}")
    par(doc, "{%p endif %}")
    par(doc, "{{ closing }}", "VB Ket")
    official_signature(doc)
    return doc
