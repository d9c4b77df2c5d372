"""A campaign of 300 wards grown from the sample (two goals at once, issue 20)."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import openpyxl


def big_campaign(sample: Path, target: Path, units: int = 300) -> Path:
    """The sample grown to `units` wards: each new one scored and commented like Phúc Lợi,
    inspected by the next in a ring (two inspections a day)."""
    shutil.copytree(sample, target)
    path = target / "du-lieu.xlsx"
    book = openpyxl.load_workbook(path)
    scores = [[c.value for c in r] for r in book["Chấm điểm"].iter_rows(min_row=2)]
    notes = [[c.value for c in r] for r in book["Nhận xét"].iter_rows(min_row=2)]
    extra = [f"U{i:03}" for i in range(1, units - book["Đơn vị"].max_row + 2)]
    for i, code in enumerate(extra):
        book["Đơn vị"].append([code, f"UBND phường Số {i + 1}", f"Số {i + 1}"])
        for row in scores:
            if row[0] == "PL":
                book["Chấm điểm"].append([code, *row[1:]])
        for row in notes:
            if row[0] == "PL":
                book["Nhận xét"].append([code, *row[1:]])
        start = datetime.datetime(2020, 8, 17, 8) + datetime.timedelta(days=i // 2, hours=6 * (i % 2))
        book["Lịch kiểm tra"].append([code, extra[(i + 1) % len(extra)], start, start + datetime.timedelta(hours=2)])
    book.save(path)
    return target
