"""Header lines and titles break between names, never inside one (pipeline.linebreaks)."""

from __future__ import annotations

import time

import pytest

from pipeline.documents.common import (
    ISSUER_CELL_CM,
    OFFICIAL_SIGNATURE_CELL_CM,
    SIGNATURE_CELL_CM,
    signer,
    summary_lines,
)
from pipeline.linebreaks import NBSP, gap_costs, name_lines, unbreakable
from pipeline.metrics import text_width_cm


def issuer(text: str) -> list[str]:
    return name_lines(text, 13, True, ISSUER_CELL_CM)


@pytest.mark.parametrize(
    "text, lines",
    [
        # the issue's cases: a Sở and its city; a People's Committee and its ward
        ("SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI", ["SỞ NỘI VỤ", "THÀNH PHỐ HÀ NỘI"]),
        ("ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI", ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚC LỢI"]),
        ("CỤM THI ĐUA VĂN THƯ LƯU TRỮ SỐ 3", ["CỤM THI ĐUA", "VĂN THƯ LƯU TRỮ SỐ 3"]),
        ("ỦY BAN NHÂN DÂN QUẬN LONG BIÊN", ["ỦY BAN NHÂN DÂN", "QUẬN LONG BIÊN"]),
        ("ỦY BAN NHÂN DÂN ĐẶC KHU PHÚ QUỐC", ["ỦY BAN NHÂN DÂN", "ĐẶC KHU PHÚ QUỐC"]),
        ("ỦY BAN NHÂN DÂN THỊ TRẤN ĐÔNG ANH", ["ỦY BAN NHÂN DÂN", "THỊ TRẤN ĐÔNG ANH"]),
        ("PHÒNG NỘI VỤ QUẬN LONG BIÊN", ["PHÒNG NỘI VỤ", "QUẬN LONG BIÊN"]),
        # long ones that need two breaks, each between names
        ("ỦY BAN NHÂN DÂN XÃ PHƯỚC VĨNH AN HUYỆN CỦ CHI", ["ỦY BAN NHÂN DÂN", "XÃ PHƯỚC VĨNH AN", "HUYỆN CỦ CHI"]),
        ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG QUẬN LONG BIÊN", ["HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG", "QUẬN LONG BIÊN"]),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH BÀ RỊA - VŨNG TÀU", ["SỞ GIÁO DỤC", "VÀ ĐÀO TẠO", "TỈNH BÀ RỊA - VŨNG TÀU"]),
        # short ones stay on one line
        ("CỤM THI ĐUA SỐ 1", ["CỤM THI ĐUA SỐ 1"]),
        ("UBND QUẬN LONG BIÊN", ["UBND QUẬN LONG BIÊN"]),
    ],
)
def test_issuer_lines_break_between_names(text, lines):
    assert issuer(text) == lines
    for line in lines:  # each fits its cell, except a name that cannot fit anyway
        assert text_width_cm(line, 13, True) <= ISSUER_CELL_CM or " " not in line


def test_a_proper_name_too_long_for_a_line_breaks_after_its_prefix_not_inside():
    lines = issuer("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH")
    assert lines[0] == "ỦY BAN NHÂN DÂN"
    assert "HỒ CHÍ MINH" in lines  # `HỒ CHÍ` / `MINH` never
    assert issuer("SỞ NỘI VỤ THÀNH PHỐ HỒ CHÍ MINH")[-1] in ("HỒ CHÍ MINH", "THÀNH PHỐ HỒ CHÍ MINH")


def test_mixed_case_prefixes_are_found():
    assert name_lines("Ủy ban nhân dân phường Thạch Bàn quận Long Biên", 13, True, 5.0) == [
        "Ủy ban nhân dân",
        "phường Thạch Bàn",
        "quận Long Biên",
    ]


def test_costs_forbid_inside_names_and_free_between_them():
    words = "SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI".split()
    costs = gap_costs(words)
    assert costs[2] == 0  # VỤ | THÀNH: a new name
    assert costs[5] >= 100 and costs[3] >= 100  # HÀ | NỘI, THÀNH | PHỐ


@pytest.mark.parametrize(
    "title, lines",
    [
        ("ĐẠI DIỆN ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI", ["ĐẠI DIỆN", "ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚC LỢI"]),
        ("ĐẠI DIỆN UBND PHƯỜNG THẠCH BÀN", ["ĐẠI DIỆN UBND", "PHƯỜNG THẠCH BÀN"]),
        ("CHỦ TRÌ", ["CHỦ TRÌ"]),
        ("THƯ KÝ", ["THƯ KÝ"]),
        ("TRƯỞNG ĐOÀN KIỂM TRA", ["TRƯỞNG ĐOÀN KIỂM TRA"]),
    ],
)
def test_signer_titles(title, lines):
    assert signer(title, "Nguyễn Văn A") == {"title_lines": lines, "name": "Nguyễn Văn A"}
    assert all(text_width_cm(x, 14, True) <= SIGNATURE_CELL_CM for x in lines)


def test_authority_line_of_a_city_breaks_before_the_city():
    assert name_lines("TM. ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", 14, True, OFFICIAL_SIGNATURE_CELL_CM) == [
        "TM. ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ HỒ CHÍ MINH",
    ]


def test_trich_yeu_is_balanced_and_keeps_place_names_whole():
    lines = summary_lines(
        "Về việc đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc "
        "trong phong trào thi đua năm 2025 của Ủy ban nhân dân phường Hồng Hà "
        "thành phố Hà Nội"
    )
    assert len(lines) >= 2
    text = "\n".join(lines)
    assert "Hồng Hà" in text and "Hà Nội" in text and "phường Hồng" not in lines[-1][-12:]
    widths = [text_width_cm(x, 14, True) for x in lines]
    assert max(widths) <= 15.5 and min(widths) > 0.5 * max(widths)  # no lone word


def test_unbreakable_joins_lines_so_a_paragraph_breaks_only_between_them():
    assert unbreakable(["SỞ NỘI VỤ", "THÀNH PHỐ HÀ NỘI"]) == f"SỞ{NBSP}NỘI{NBSP}VỤ THÀNH{NBSP}PHỐ{NBSP}HÀ{NBSP}NỘI"


def test_a_huge_cell_is_laid_out_fast():
    text = "Ủy ban nhân dân phường Phúc Lợi thi đua văn thư lưu trữ " * 600
    start = time.perf_counter()
    lines = name_lines(text + "x", 13, True, 8.0)  # uncached text
    assert time.perf_counter() - start < 1.0
    assert " ".join(lines).split() == (text + "x").split()  # every word, once, in order


def test_names_written_in_nfd_break_in_the_same_places():
    import unicodedata

    text = unicodedata.normalize("NFD", "SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI")
    assert [unicodedata.normalize("NFC", x) for x in issuer(text)] == ["SỞ NỘI VỤ", "THÀNH PHỐ HÀ NỘI"]


def test_unit_names_in_text_break_only_between_names():
    from pipeline.linebreaks import keep_names_whole

    assert keep_names_whole("UBND phường Đức Giang") == f"UBND phường{NBSP}Đức{NBSP}Giang"
    assert keep_names_whole("Nguyễn Thị Thu Trang") == f"Nguyễn{NBSP}Thị{NBSP}Thu{NBSP}Trang"
    assert (
        keep_names_whole("UBND phường Phúc Lợi quận Long Biên")
        == f"UBND phường{NBSP}Phúc{NBSP}Lợi quận{NBSP}Long{NBSP}Biên"
    )
