"""Kế hoạch kiểm tra chéo (ke-hoach.docx)."""

from __future__ import annotations


from .blocks import (
    annex_heading,
    bullet_list,
    control_row,
    criteria_table,
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
    title(doc, "KẾ HOẠCH")
    par(doc, "{{ intro }}")
    par(doc, "I. MỤC ĐÍCH, YÊU CẦU", "VB Muc")
    par(doc, "1. Mục đích", "VB Muc")
    bullet_list(doc, "purposes", "{{ x }}")
    par(doc, "2. Yêu cầu", "VB Muc")
    bullet_list(doc, "requirements", "{{ x }}")
    par(doc, "II. NỘI DUNG, THỜI GIAN KIỂM TRA", "VB Muc")
    par(doc, "1. Nội dung kiểm tra", "VB Muc")
    par(doc, "{{ content_intro }}")
    bullet_list(doc, "groups", "{{ x }}")
    par(doc, "2. Thời gian, đơn vị kiểm tra", "VB Muc")
    par(doc, "{{ schedule_intro }}")
    table = data_table(doc, [1.2, 5.2, 5.2, 4.9], ["TT", "Đơn vị được kiểm tra", "Đơn vị kiểm tra", "Thời gian"])
    control_row(table, "{%tr for r in schedule %}")
    center = "VB Bang giua"
    table_row(table, [("{{ r.n }}", center), "{{ r.inspected }}", "{{ r.inspector }}", ("{{ r.when }}", center)])
    control_row(table, "{%tr endfor %}")
    par(doc, "")
    par(doc, "3. Họp cụm chấm điểm, bình xét thi đua", "VB Muc")
    par(doc, "{{ meeting_line }}")
    par(doc, "III. TỔ CHỨC THỰC HIỆN", "VB Muc")
    par(doc, "{{ units_heading }}", "VB Muc")
    bullet_list(doc, "units_tasks", "{{ x }}")
    par(doc, "{{ leader_heading }}", "VB Muc")
    bullet_list(doc, "leader_tasks", "{{ x }}")
    par(doc, "{{ closing }}", "VB Ket")
    official_signature(doc)
    annex_heading(doc)
    criteria_table(doc)
    return doc
