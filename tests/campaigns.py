"""Campaigns other than the sample, written as workbooks the way staff would edit one."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from .conftest import SAMPLE

NEW_PEOPLE = [
    ("Đỗ Văn Thành", "Phó Chủ tịch UBND phường Ngọc Thụy", "NT", "thành viên"),
    ("Đỗ Văn Thành", "Phó Chủ tịch UBND phường Ngọc Thụy", "NT", "trưởng đoàn"),
    ("Lê Thị Hồng Nhung", "Công chức Văn phòng - Thống kê", "NT", "đoàn kiểm tra"),
    ("Trần Minh Quang", "Chủ tịch UBND phường Ngọc Thụy", "NT", "đại diện"),
]
EXTRA_NOMINEES = [
    "Nguyễn Văn An",
    "Trần Thị Bích Ngọc",
    "Lê Hoàng Long",
    "Phạm Thị Thu Hà",
    "Hoàng Văn Dũng",
    "Vũ Thị Mai Hương",
    "Đặng Quốc Khánh",
    "Bùi Thị Lan Anh",
    "Ngô Minh Tuấn",
    "Dương Thị Hồng",
    "Lý Văn Hùng",
    "Trịnh Thị Ngọc Ánh",
    "Đinh Công Sơn",
    "Mai Thị Phương Thảo",
    "Tạ Văn Hiếu",
    "Hồ Thị Kim Oanh",
    "Phan Đức Mạnh",
    "Cao Thị Thanh Tâm",
]


def _rows(sheet) -> list[list]:
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]


def six_units_mixed_grades(target: Path) -> Path:
    """The sample plus Ngọc Thụy (NT): 6 wards, 4 of grade A and 2 of grade B (Giang Biên and
    Ngọc Thụy, 75 points), a meeting that changed one team score, and 21 nominees, so that the
    proposal's list runs over several pages."""
    shutil.copytree(SAMPLE, target)
    path = target / "du-lieu.xlsx"
    book = openpyxl.load_workbook(path)
    book["Đơn vị"].append(["NT", "UBND phường Ngọc Thụy", "Ngọc Thụy"])

    scores = book["Chấm điểm"]
    header = [c.value for c in scores[1]]
    unit, crit, cluster = (header.index(h) for h in ("Mã đơn vị", "Mã tiêu chí", "Cụm chấm"))
    for row in _rows(scores):
        if row[unit] == "GB":
            scores.append(["NT", *row[1:]])
    for row in scores.iter_rows(min_row=2):  # 89 - 5 - 9 = 75 for Giang Biên and Ngọc Thụy
        if row[unit].value in ("GB", "NT") and row[crit].value in ("1.1", "2.1"):
            row[cluster].value = 0

    people = book["Người"]
    for person in NEW_PEOPLE:
        people.append(list(person))

    schedule = book["Lịch kiểm tra"]
    for row in schedule.iter_rows(min_row=2):
        if row[0].value == "PD":  # PD now inspected by NT, NT by PL
            row[1].value = "NT"
            start, end = row[2].value, row[3].value
    schedule.append(["NT", "PL", start, end])

    findings = book["Nhận xét"]
    for row in _rows(findings):
        if row[0] == "GB":
            findings.append(["NT", *row[1:]])

    awards = book["Khen thưởng"]
    form = "Giấy khen của Chủ tịch UBND quận Long Biên"
    for i, name in enumerate(EXTRA_NOMINEES):
        code = ("PL", "VH", "DG", "PD")[i % 4]
        awards.append(
            [
                "cá nhân",
                name,
                "Công chức Văn phòng - Thống kê",
                code,
                form,
                "Hoàn thành xuất sắc nhiệm vụ công tác văn thư, lưu trữ năm 2020",
            ]
        )
    book.save(path)
    return target
