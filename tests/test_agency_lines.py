"""Names of agencies in header and signature lines (issue 17, the generated campaigns'
"breaks" defect): one line when they fit, else broken after the body's head word or a dash,
never inside the field's words (`CHI CỤC VĂN THƯ -` / `LƯU TRỮ`, `PHÒNG TỔ` / `CHỨC, …`)."""

from __future__ import annotations

import pytest

from pipeline.documents.common import ISSUER_CELL_CM, SIGNATURE_CELL_CM
from pipeline.linebreaks import name_lines


@pytest.mark.parametrize(
    "text, lines",
    [
        ("CHI CỤC VĂN THƯ - LƯU TRỮ", ["CHI CỤC", "VĂN THƯ - LƯU TRỮ"]),
        ("TRUNG TÂM LƯU TRỮ LỊCH SỬ", ["TRUNG TÂM", "LƯU TRỮ LỊCH SỬ"]),
        ("TRUNG TÂM DỊCH VỤ SỐ 10", ["TRUNG TÂM", "DỊCH VỤ SỐ 10"]),
        ("PHÒNG CẢI CÁCH HÀNH CHÍNH", ["PHÒNG", "CẢI CÁCH HÀNH CHÍNH"]),
        ("SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI", ["SỞ NỘI VỤ", "THÀNH PHỐ HÀ NỘI"]),
        ("VĂN PHÒNG SỞ", ["VĂN PHÒNG SỞ"]),
        ("THANH TRA SỞ", ["THANH TRA SỞ"]),
    ],
)
def test_an_issuer_breaks_after_the_head_of_its_name(text, lines):
    assert name_lines(text, 13, True, ISSUER_CELL_CM) == lines


@pytest.mark.parametrize(
    "text, lines",
    [
        ("ĐẠI DIỆN CHI CỤC VĂN THƯ - LƯU TRỮ", ["ĐẠI DIỆN CHI CỤC", "VĂN THƯ - LƯU TRỮ"]),
        ("ĐẠI DIỆN PHÒNG TỔ CHỨC, BIÊN CHẾ", ["ĐẠI DIỆN PHÒNG", "TỔ CHỨC, BIÊN CHẾ"]),
        ("ĐẠI DIỆN PHÒNG CẢI CÁCH HÀNH CHÍNH", ["ĐẠI DIỆN PHÒNG", "CẢI CÁCH HÀNH CHÍNH"]),
        ("ĐẠI DIỆN TRUNG TÂM LƯU TRỮ LỊCH SỬ", ["ĐẠI DIỆN TRUNG TÂM", "LƯU TRỮ LỊCH SỬ"]),
        ("ĐẠI DIỆN VĂN PHÒNG SỞ", ["ĐẠI DIỆN VĂN PHÒNG SỞ"]),
    ],
)
def test_a_signature_title_keeps_the_field_of_an_agency_whole(text, lines):
    assert name_lines(text, 14, True, SIGNATURE_CELL_CM) == lines
