"""Biên bản kiểm tra tại từng đơn vị (bien-ban-kiem-tra.docx)."""

from __future__ import annotations


from .blocks import (
    bullet_list,
    control_row,
    data_table,
    header,
    new_document,
    par,
    signatures,
    table_row,
    title,
    titled_lists,
)


def build():
    doc = new_document()
    header(doc, with_date=False)
    title(doc, "BIÊN BẢN")
    par(doc, "{{ opening }}")
    par(doc, "I. THÀNH PHẦN", "VB Muc")
    par(doc, "{{ team_heading }}", "VB Muc")
    bullet_list(doc, "team")
    par(doc, "{{ hosts_heading }}", "VB Muc")
    bullet_list(doc, "hosts")
    par(doc, "II. NỘI DUNG KIỂM TRA", "VB Muc")
    par(doc, "{{ method }}")
    par(doc, "1. Kết quả chấm điểm", "VB Muc")
    table = data_table(
        doc,
        [1.2, 7.4, 1.7, 1.7, 1.8, 2.7],
        ["Mã", "Nội dung tiêu chí", "Điểm tối đa", "Tự chấm", "Đoàn chấm", "Ghi chú"],
    )
    control_row(table, "{%tr for r in rows %}")
    control_row(table, "{%tr if r.group %}")
    center = "VB Bang giua"
    table_row(
        table,
        [
            ("{{ r.code }}", center),
            "{{ r.content }}",
            ("{{ r.max }}", center),
            ("{{ r.self }}", center),
            ("{{ r.cluster }}", center),
            "{{ r.note }}",
        ],
        bold=True,
        keep_next=True,
    )
    control_row(table, "{%tr else %}")
    table_row(
        table,
        [
            ("{{ r.code }}", center),
            "{{ r.content }}",
            ("{{ r.max }}", center),
            ("{{ r.self }}", center),
            ("{{ r.cluster }}", center),
            "{{ r.note }}",
        ],
    )
    control_row(table, "{%tr endif %}")
    control_row(table, "{%tr endfor %}")
    table_row(
        table,
        [
            "",
            "Tổng cộng",
            ("{{ total.max }}", center),
            ("{{ total.self }}", center),
            ("{{ total.cluster }}", center),
            "",
        ],
        bold=True,
    )
    par(doc, "")
    par(doc, "2. Nhận xét", "VB Muc")
    titled_lists(doc, "findings")
    par(doc, "{%p if not findings %}")
    par(doc, "Đoàn kiểm tra không có nhận xét thêm.")
    par(doc, "{%p endif %}")
    par(doc, "III. KẾT LUẬN", "VB Muc")
    par(doc, "{{ conclusion }}", "VB Ket")  # the conclusion goes with the signatures
    par(doc, "{{ closing }}", "VB Ket")
    par(doc, "", "VB Ket")
    signatures(doc, "left", "right")
    return doc
