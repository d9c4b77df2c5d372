"""Biên bản họp cụm (bien-ban-hop-cum.docx)."""

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
    par(doc, "{{ start_line }}")
    par(doc, "{{ place_line }}")
    par(doc, "Thành phần tham dự:")
    bullet_list(doc, "attendees")
    par(doc, "{{ chair_line }}")
    par(doc, "{{ secretary_line }}")
    par(doc, "Nội dung:")
    par(doc, "1. Căn cứ chấm điểm, bình xét", "VB Muc")
    bullet_list(doc, "basis")
    par(doc, "2. Kết quả chấm điểm, xếp loại", "VB Muc")
    par(doc, "{{ results_intro }}")
    table = data_table(doc, [1.8, 6.1, 2.6, 2.6, 3.4], ["Xếp hạng", "Đơn vị", "Tự chấm", "Cụm chấm", "Xếp loại"])
    control_row(table, "{%tr for r in results %}")
    center = "VB Bang giua"
    table_row(
        table,
        [
            ("{{ r.rank }}", center),
            "{{ r.unit }}",
            ("{{ r.self }}", center),
            ("{{ r.cluster }}", center),
            ("{{ r.grade }}", center),
        ],
    )
    control_row(table, "{%tr endfor %}")
    par(doc, "")
    par(doc, "{%p if changes %}")
    par(doc, "Cụm đã thống nhất điều chỉnh điểm đoàn kiểm tra chấm như sau:")
    bullet_list(doc, "changes", "{{ x }}")
    par(doc, "{%p endif %}")
    par(doc, "{{ outcome }}", runs=[("{{ outcome }}", True, None)])
    par(doc, "{%p if awards %}")
    par(doc, "3. Đề nghị khen thưởng", "VB Muc")
    par(doc, "{{ awards.intro }}")
    titled_lists(doc, "awards.groups")
    par(doc, "{%p endif %}")
    par(doc, "{{ vote_heading }}", "VB Muc")
    par(doc, "{{ vote }}", "VB Ket")  # the vote goes with the signatures: never a page of names alone
    par(doc, "{{ closing }}", "VB Ket")
    par(doc, "", "VB Ket")
    signatures(doc, "secretary", "chair")
    return doc
