"""Workbooks of other offices for the issuer tests: clusters of wards before and after the
reform of 01/7/2025, whose `Văn bản` sheet has rows for only some kinds."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import openpyxl

from .conftest import SAMPLE

VAN_BAN = (
    "Văn bản",
    "Cơ quan chủ quản",
    "Cơ quan ban hành",
    "Viết tắt",
    "Địa danh",
    "Số",
    "Ngày",
    "Thẩm quyền",
    "Chức vụ ký",
    "Người ký",
    "Kính gửi",
    "Nơi nhận",
)
# Titles as offices write them: with the unit, with only its kind, without it.
TITLES = {
    "Phó Chủ tịch UBND phường Phúc Lợi": "Phó Chủ tịch",
    "Phó Chủ tịch UBND phường Việt Hưng": "Phó Chủ tịch UBND phường",
    "Phó Chủ tịch UBND phường Đức Giang": "Phó Chủ tịch phường",
    "Phó Chủ tịch UBND phường Giang Biên": "Phó Chủ tịch HĐND & UBND",
}


def _set(sheet, item: str, value) -> None:
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == item:
            row[1].value = value
            return
    sheet.append([item, value])


def _rewrite(sheet, rows: list[list]) -> None:
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append(row)


def _common(target: Path, year: int, names: dict[str, str], superior: str) -> openpyxl.Workbook:
    shutil.copytree(SAMPLE, target)
    book = openpyxl.load_workbook(target / "du-lieu.xlsx")
    chung = book["Chung"]
    _set(chung, "Năm", year)
    _set(chung, "Cấp trên", superior)
    _set(chung, "Ngày kiểm tra", datetime(year, 11, 14))
    _set(chung, "Bắt đầu họp", datetime(year, 11, 17, 14))
    _set(chung, "Kết thúc họp", datetime(year, 11, 17, 16, 30))
    _set(chung, "Địa điểm họp", f"trụ sở UBND phường {names['PL']}")
    for row in book["Đơn vị"].iter_rows(min_row=2):
        row[1].value, row[2].value = f"UBND phường {names[row[0].value]}", names[row[0].value]
    for row in book["Người"].iter_rows(min_row=2):
        if row[1].value in TITLES:
            row[1].value = TITLES[row[1].value]
        elif row[1].value.startswith("Chủ tịch UBND phường"):
            row[1].value = f"Chủ tịch UBND phường {names[row[2].value]}"
    for row in book["Lịch kiểm tra"].iter_rows(min_row=2):
        row[2].value = datetime(year, 11, 14, 14)
        row[3].value = datetime(year, 11, 14, 16)
    for row in book["Khen thưởng"].iter_rows(min_row=2):
        if row[0].value == "tập thể":
            row[1].value = f"UBND phường {names[row[3].value]}"
            row[5].value = "Dẫn đầu cụm"
        else:
            row[5].value = row[5].value.replace("2020", str(year))
    for row in book["Tiêu chí"].iter_rows(min_row=2):
        row[1].value = row[1].value.replace("2020", str(year))
    for row in book["Nhận xét"].iter_rows(min_row=2):
        row[2].value = row[2].value.replace("2020", str(year))
    del book["Ảnh"]
    shutil.rmtree(target / "anh")
    return book


def wards_under_a_district_2018(target: Path) -> Path:
    """2018: five wards under UBND quận Long Biên; `Văn bản` has only the plan (issued by
    the quận) and the proposal; awards are the Chủ tịch UBND quận's Giấy khen."""
    names = {"PL": "Phúc Lợi", "VH": "Việt Hưng", "DG": "Đức Giang", "GB": "Giang Biên", "PD": "Phúc Đồng"}
    book = _common(target, 2018, names, "UBND quận Long Biên")
    _rewrite(
        book["Văn bản"],
        [
            [
                "ke-hoach",
                None,
                "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
                "UBND",
                "Long Biên",
                88,
                datetime(2018, 3, 20),
                None,
                None,
                "Nguyễn Văn Bình",
                None,
                None,
            ],
            [
                "to-trinh",
                "UBND QUẬN LONG BIÊN",
                "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI",
                "UBND",
                "Phúc Lợi",
                31,
                datetime(2018, 11, 19),
                None,
                None,
                "Phạm Hoài Nam",
                "Hội đồng Thi đua - Khen thưởng quận Long Biên",
                None,
            ],
        ],
    )
    book.save(target / "du-lieu.xlsx")
    return target


SO_NOI_VU = "Giấy khen của Giám đốc Sở Nội vụ"
CHU_TICH_TP = "Bằng khen của Chủ tịch UBND thành phố Hà Nội"
PLAN_BASIS = (
    "Kế hoạch số 215/KH-SNV ngày 10/3/2025 của Sở Nội vụ thành phố Hà Nội về kiểm tra "
    "công tác văn thư, lưu trữ năm 2025"
)


def wards_under_a_city_2025(target: Path) -> Path:
    """After the reform: five wards directly under UBND thành phố Hà Nội; the collective's
    Bằng khen is the Chủ tịch UBND thành phố's, the persons' Giấy khen the Sở Nội vụ
    director's; `Văn bản` has the proposal and the inspection minutes only, the latter
    wrongly headed by the Sở; the campaign follows the Sở's plan (`Căn cứ kế hoạch`)."""
    names = {"PL": "Phúc Lợi", "VH": "Việt Hưng", "DG": "Bồ Đề", "GB": "Long Biên", "PD": "Hồng Hà"}
    book = _common(target, 2025, names, "UBND thành phố Hà Nội")
    _set(book["Chung"], "Căn cứ kế hoạch", PLAN_BASIS)
    for row in book["Khen thưởng"].iter_rows(min_row=2):
        row[4].value = CHU_TICH_TP if row[0].value == "tập thể" else SO_NOI_VU
    _rewrite(
        book["Văn bản"],
        [
            [
                "bien-ban-kiem-tra",
                "SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI",
                "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI",
                "UBND",
                "Phúc Lợi",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            [
                "to-trinh",
                None,
                "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI",
                "UBND",
                "Phúc Lợi",
                52,
                datetime(2025, 11, 18),
                "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
                "PHÓ CHỦ TỊCH",
                "Phạm Hoài Nam",
                "Sở Nội vụ thành phố Hà Nội",
                None,
            ],
        ],
    )
    book.save(target / "du-lieu.xlsx")
    return target
