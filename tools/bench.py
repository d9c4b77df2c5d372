#!/usr/bin/env python3
"""Benchmark the pipeline on a synthetic national batch (`make bench`).

Generates N campaigns (default 500, 5-8 units each, the sample's 14 criteria,
realistic Vietnamese names and text) into a temporary folder, then measures,
in one run on this machine:

- `make all` on the batch, the way staff run it: wall time, documents per
  second, peak memory (largest single process, and the whole process tree);
- seconds per stage (load, validate, score, render, write) from
  `build_campaign` run in-process on a sample of the campaigns;
- the pipeline's renderer against a plain docxtpl loop on the same template
  and context, and the ratio;
- PDF: `pipeline.export.convert` against one `soffice --convert-to` per file;
- a second `make all` with nothing to do;

and prints a report with the machine and each target's PASS/FAIL. Targets are
measured here, never asserted in timed tests.

Usage:
    .venv/bin/python tools/bench.py [--campaigns 500] [--pdf-docs 24] [--keep DIR] [--json]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "inputs" / "cum-1-2020"
TEMPLATES = ROOT / "templates_docx"
GIB = 1024 ** 3

# Targets (issue: "make bench").
TARGET_DOCX_RATIO = 2.0          # pipeline docs/s >= 2x the plain docxtpl loop
TARGET_BATCH_SECONDS = 120.0     # the 500-campaign batch, every kind, on 2 cores
TARGET_BATCH_CAMPAIGNS = 500
TARGET_PEAK_BYTES = 1 * GIB      # peak memory of the batch
TARGET_PDF_RATIO = 0.5           # convert() <= 0.5x one soffice per file
TARGET_NOOP_SECONDS = 1.0        # a second `make all` with nothing to do

# --------------------------------------------------------------------------
# Synthetic data: word lists
# --------------------------------------------------------------------------

# (kind of the superior body, its name, kind of the member units, the members' pool)
WARDS = [
    "Phúc Lợi", "Việt Hưng", "Đức Giang", "Giang Biên", "Phúc Đồng", "Ngọc Thụy", "Bồ Đề",
    "Thạch Bàn", "Cự Khối", "Long Biên", "Gia Thụy", "Ngọc Lâm", "Sài Đồng", "Thượng Thanh",
    "Phúc Xá", "Trúc Bạch", "Vĩnh Phúc", "Cống Vị", "Liễu Giai", "Quán Thánh", "Ngọc Hà",
    "Điện Biên", "Đội Cấn", "Kim Mã", "Giảng Võ", "Thành Công", "Hàng Bạc", "Hàng Bồ",
    "Hàng Buồm", "Hàng Đào", "Hàng Gai", "Hàng Mã", "Lý Thái Tổ", "Tràng Tiền", "Chương Dương",
    "Cửa Đông", "Cửa Nam", "Đồng Xuân", "Phan Chu Trinh", "Trần Hưng Đạo", "Văn Miếu",
    "Quốc Tử Giám", "Láng Thượng", "Khâm Thiên", "Thổ Quan", "Nam Đồng", "Trung Phụng",
    "Quang Trung", "Trung Liệt", "Phương Liên", "Kim Liên", "Phương Mai", "Ngã Tư Sở",
    "Khương Thượng", "Trung Tự", "Văn Chương", "Hàng Bột", "Ô Chợ Dừa", "Nghĩa Đô",
    "Nghĩa Tân", "Mai Dịch", "Dịch Vọng", "Dịch Vọng Hậu", "Quan Hoa", "Yên Hòa", "Trung Hòa",
    "Nhân Chính", "Thượng Đình", "Khương Trung", "Khương Mai", "Thanh Xuân Trung", "Phương Liệt",
    "Hạ Đình", "Khương Đình", "Thanh Xuân Bắc", "Thanh Xuân Nam", "Kim Giang", "Hoàng Liệt",
    "Yên Sở", "Vĩnh Hưng", "Định Công", "Đại Kim", "Thịnh Liệt", "Tân Mai", "Tương Mai",
    "Giáp Bát", "Lĩnh Nam", "Trần Phú", "Mai Động", "Bạch Đằng", "Thanh Lương", "Đồng Tâm",
    "Quảng An", "Nhật Tân", "Tứ Liên", "Xuân La", "Phú Thượng", "Bưởi", "Thụy Khuê", "Yên Phụ",
    "Hòa Cường Bắc", "Hòa Cường Nam", "Thạch Thang", "Hải Châu I", "Phước Ninh", "Bình Hiên",
    "An Hải Bắc", "Phước Mỹ", "Mân Thái", "Thọ Quang", "Máy Tơ", "Lạch Tray", "Đằng Giang",
    "Cầu Đất", "Gia Viên", "Đông Khê", "Tân Lập", "Tân An", "An Hòa", "Xuân Khánh", "An Cư",
]
COMMUNES = [
    "Bát Tràng", "Kim Lan", "Văn Đức", "Đa Tốn", "Đông Dư", "Kiêu Kỵ", "Ninh Hiệp", "Phù Đổng",
    "Dương Hà", "Đặng Xá", "Lệ Chi", "Cổ Bi", "Dương Xá", "Phú Thị", "Kim Sơn", "Trung Mầu",
    "Uy Nỗ", "Vân Nội", "Nguyên Khê", "Xuân Nộn", "Thụy Lâm", "Liên Hà", "Việt Hùng",
    "Cổ Loa", "Hải Bối", "Kim Chung", "Võng La", "Đại Mạch", "Tiên Dương", "Vĩnh Ngọc",
    "Bắc Sơn", "Minh Trí", "Hồng Kỳ", "Nam Sơn", "Trung Giã", "Tân Hưng", "Bắc Phú",
    "Tả Thanh Oai", "Hữu Hòa", "Tam Hiệp", "Yên Mỹ", "Vĩnh Quỳnh", "Ngũ Hiệp", "Đông Mỹ",
    "Tản Lĩnh", "Ba Trại", "Minh Quang", "Cam Thượng", "Thụy An", "Phú Sơn", "Vật Lại",
    "Phú Nghĩa", "Trường Yên", "Ngọc Hòa", "Thủy Xuân Tiên", "Tân Tiến", "Đại Yên",
    "Tân An Hội", "Phước Vĩnh An", "Trung An", "Phú Hòa Đông", "Bình Mỹ", "Thái Mỹ",
    "Hòa Bắc", "Hòa Ninh", "Hòa Sơn", "Hòa Phú", "Hòa Phong", "Hòa Châu", "Hòa Tiến",
    "Tiến Thịnh", "Tráng Việt", "Văn Khê", "Chu Phan", "Tam Đồng", "Thạch Đà", "Hoàng Kim",
]
# (kind of the superior body, name, unit kind)
DISTRICTS = [
    ("quận", "Long Biên", "phường"), ("quận", "Ba Đình", "phường"),
    ("quận", "Hoàn Kiếm", "phường"), ("quận", "Đống Đa", "phường"),
    ("quận", "Hai Bà Trưng", "phường"), ("quận", "Cầu Giấy", "phường"),
    ("quận", "Thanh Xuân", "phường"), ("quận", "Hoàng Mai", "phường"),
    ("quận", "Tây Hồ", "phường"), ("quận", "Hà Đông", "phường"),
    ("quận", "Bắc Từ Liêm", "phường"), ("quận", "Nam Từ Liêm", "phường"),
    ("quận", "Hải Châu", "phường"), ("quận", "Sơn Trà", "phường"),
    ("quận", "Ngô Quyền", "phường"), ("quận", "Lê Chân", "phường"),
    ("quận", "Ninh Kiều", "phường"), ("quận", "Bình Thạnh", "phường"),
    ("quận", "Gò Vấp", "phường"), ("thị xã", "Sơn Tây", "phường"),
    ("thành phố", "Thủ Đức", "phường"),
    ("huyện", "Gia Lâm", "xã"), ("huyện", "Đông Anh", "xã"), ("huyện", "Sóc Sơn", "xã"),
    ("huyện", "Thanh Trì", "xã"), ("huyện", "Thanh Oai", "xã"), ("huyện", "Ba Vì", "xã"),
    ("huyện", "Chương Mỹ", "xã"), ("huyện", "Mê Linh", "xã"), ("huyện", "Củ Chi", "xã"),
    ("huyện", "Hòa Vang", "xã"), ("huyện", "Thủy Nguyên", "xã"),
]

HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
      "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Tạ", "Giáp", "Lương", "Trịnh", "Đào", "Mai",
      "Cao", "Chu", "Hà", "Kiều", "Lưu", "Tô", "Nghiêm", "Khổng", "Quách", "Vương", "Thân"]
DEM_NAM = ["Văn", "Đức", "Quốc", "Minh", "Hữu", "Công", "Mạnh", "Quang", "Thanh", "Xuân",
           "Ngọc", "Hoài", "Tuấn", "Trọng", "Đình", "Tiến", "Việt", "Bá", "Duy"]
DEM_NU = ["Thị", "Thị Thanh", "Thị Thu", "Thị Ngọc", "Thị Minh", "Thu", "Ngọc", "Thanh",
          "Thị Kim", "Thị Hồng", "Thị Lan", "Thị Mai", "Thị Phương", "Thị Bích", "Hải"]
TEN_NAM = ["Nam", "Hưng", "Long", "Sơn", "Khánh", "Cường", "Thành", "Vinh", "Đức", "Bình",
           "Dũng", "Hải", "Hùng", "Tuấn", "Trung", "Quân", "Phong", "Thắng", "Tùng", "Hiếu",
           "Hoàng", "Kiên", "Lâm", "Lộc", "Phúc", "Quang", "Tài", "Thịnh", "Toàn", "Việt"]
TEN_NU = ["Nhàn", "Thuần", "Trang", "Hà", "Mai", "Ánh", "Huyền", "Hương", "Lan", "Linh",
          "Hằng", "Hoa", "Hạnh", "Thảo", "Thủy", "Yến", "Vân", "Nga", "Ngân", "Phương",
          "Quỳnh", "Tâm", "Thúy", "Trinh", "Uyên", "Dung", "Giang", "Hiền", "Loan", "Oanh"]

UU_DIEM = [
    "Xây dựng báo cáo nghiêm túc, chuẩn bị đầy đủ hồ sơ, tài liệu minh chứng phục vụ kiểm tra",
    "Quan tâm bố trí kinh phí cho việc chỉnh lý tài liệu",
    "Bố trí kho lưu trữ bảo đảm diện tích rộng, thoáng và tương đối đầy đủ trang thiết bị",
    "Ban hành đầy đủ các văn bản chỉ đạo, điều hành; hồ sơ được lưu đầy đủ, khoa học",
    "Ứng dụng tốt phần mềm quản lý văn bản và hồ sơ công việc, chữ ký số",
    "Văn bản ban hành cơ bản đúng thể thức, kỹ thuật trình bày theo quy định",
    "Sổ đăng ký văn bản đi, văn bản đến được cập nhật đầy đủ, kịp thời",
    "Con dấu được quản lý chặt chẽ, đóng dấu đúng quy định",
]
HAN_CHE = [
    "Một số văn bản còn sai sót về thể thức",
    "Chưa thực hiện việc nộp lưu hồ sơ vào lưu trữ cơ quan đúng thời hạn",
    "Còn tài liệu tồn đọng chưa được chỉnh lý",
    "Kho lưu trữ còn chật, thiếu một số trang thiết bị bảo quản tài liệu",
    "Chưa lập danh mục hồ sơ năm {year}",
    "Việc lập hồ sơ công việc của một số bộ phận chưa đầy đủ",
    "Chưa có sổ theo dõi việc sử dụng con dấu và thiết bị lưu khóa bí mật",
    "Báo cáo thống kê công tác văn thư, lưu trữ còn chậm so với thời hạn",
]
KIEN_NGHI = [
    "Tiếp tục bố trí kinh phí chỉnh lý tài liệu tồn đọng",
    "Bố trí, cải tạo kho lưu trữ và bổ sung trang thiết bị bảo quản tài liệu",
    "Đôn đốc các bộ phận nộp lưu hồ sơ vào lưu trữ cơ quan đúng thời hạn",
    "Rà soát, trình bày văn bản đúng thể thức theo Nghị định số 30/2020/NĐ-CP",
    "Ban hành Danh mục hồ sơ năm {year} và lập hồ sơ theo danh mục",
    "Mở sổ theo dõi việc sử dụng con dấu, thiết bị lưu khóa bí mật",
    "Cử công chức tham gia các lớp bồi dưỡng nghiệp vụ văn thư, lưu trữ",
]
GHI_CHU_DIEM = [
    "Còn một số hồ sơ chưa nộp lưu", "Một số văn bản còn sai sót về thể thức",
    "Còn tài liệu tồn đọng chưa được chỉnh lý", "Chưa lập danh mục hồ sơ",
    "Cụm chấm lại theo báo cáo bổ sung", "Kho lưu trữ chưa đủ giá, kệ",
    "Chưa có sổ theo dõi sử dụng con dấu", "Báo cáo thống kê nộp chậm",
]
# (grade, weight, lowest and highest cluster total)
GRADE_MIX = [("A", 45, 85.0, 99.0), ("B", 30, 70.0, 84.5), ("C", 17, 50.0, 69.5),
             ("D", 8, 38.0, 49.5)]
XEP_LOAI = [["A", 85, "Xuất sắc"], ["B", 70, "Tốt"], ["C", 50, "Khá"], ["D", 0, "Trung bình"]]
VAN_BAN_HEADERS = ["Văn bản", "Cơ quan chủ quản", "Cơ quan ban hành", "Viết tắt", "Địa danh",
                   "Số", "Ngày", "Thẩm quyền", "Chức vụ ký", "Người ký", "Kính gửi", "Nơi nhận"]
KT_CT = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
VPTK = "Công chức Văn phòng - Thống kê"


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def unit_code(short: str, taken: set[str]) -> str:
    words = ascii_slug(short).split("-")
    code = "".join(w[0] for w in words).upper()
    if len(code) < 2:
        code = words[0][:2].upper()
    base, n = code, 2
    while code in taken:
        code, n = f"{base}{n}", n + 1
    taken.add(code)
    return code


def read_criteria(sample: Path = SAMPLE) -> list[tuple[str, str, float]]:
    """The sample's `Tiêu chí` rows (7 groups, 14 leaf criteria) as (code, text, max)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(sample / "du-lieu.xlsx"))
    grid = book.get_sheet_by_name("Tiêu chí").to_python()
    out = []
    for row in grid[1:]:
        if row and row[0] not in (None, ""):
            code = str(row[0]).strip()
            code = code[:-2] if code.endswith(".0") else code  # a group code read as 1.0
            out.append((code, str(row[1]), float(row[2])))
    return out


def _half(x: float) -> float:
    return round(x * 2) / 2


def _number(x: float):
    return int(x) if float(x).is_integer() else float(x)


@dataclass
class _Person:
    name: str
    position: str
    unit: str


class _Names:
    """Unique full names within one campaign."""

    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def __call__(self) -> str:
        rng = self.rng
        while True:
            if rng.random() < 0.55:
                name = f"{rng.choice(HO)} {rng.choice(DEM_NU)} {rng.choice(TEN_NU)}"
            else:
                name = f"{rng.choice(HO)} {rng.choice(DEM_NAM)} {rng.choice(TEN_NAM)}"
            if name not in self.used:
                self.used.add(name)
                return name


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def campaign_tables(index: int, seed: int, criteria: list[tuple[str, str, float]],
                    cluster_no: int, district: tuple[str, str, str], year: int
                    ) -> tuple[dict[str, list[list]], bool]:
    """One synthetic campaign: sheet name -> rows (header first); and whether it has photos."""
    rng = random.Random(f"{seed}:{index}")
    names = _Names(rng)
    body_kind, body_name, kind = district
    superior = f"UBND {body_kind} {body_name}"
    pool = WARDS if kind == "phường" else COMMUNES
    shorts = rng.sample(pool, rng.randint(5, 8))
    taken: set[str] = set()
    units = [(unit_code(s, taken), f"UBND {kind} {s}", s) for s in shorts]
    codes = [u[0] for u in units]
    by_code = {u[0]: u for u in units}
    leader = rng.choice(codes)
    cluster = f"Cụm thi đua số {cluster_no}"
    field_of_work = "công tác văn thư, lưu trữ"

    inspection_day = _weekday(date(year, rng.randint(7, 11), rng.randint(1, 28)))
    part = rng.choice(["sáng", "chiều"])
    start_hour = 8 if part == "sáng" else 14
    meeting_day = _weekday(inspection_day + timedelta(days=rng.randint(2, 6)))
    meeting_start = datetime.combine(meeting_day, datetime.min.time()).replace(
        hour=rng.choice([8, 9, 14]), minute=rng.choice([0, 0, 30]))
    meeting_end = meeting_start + timedelta(minutes=rng.choice([120, 150, 180]))
    plan_day = _weekday(date(year, rng.randint(2, 5), rng.randint(1, 28)))
    proposal_day = _weekday(meeting_day + timedelta(days=rng.randint(1, 3)))

    chung = [["Mục", "Giá trị"],
             ["Tên cụm", cluster], ["Lĩnh vực", field_of_work], ["Năm", year],
             ["Cấp trên", superior], ["Loại đơn vị", kind], ["Đơn vị cụm trưởng", leader]]
    if index % 5 == 3:  # now and then the campaign follows an older dispatch, not the plan
        chung.append(["Căn cứ kế hoạch",
                      f"Văn bản số {rng.randint(100, 400)}/NV-VTLT ngày "
                      f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{year - 1} của Phòng Nội vụ "
                      f"{body_kind} {body_name}"])
    chung += [["Ngày kiểm tra", inspection_day], ["Buổi kiểm tra", part],
              ["Bắt đầu họp", meeting_start], ["Kết thúc họp", meeting_end],
              ["Địa điểm họp", f"trụ sở {by_code[leader][1]}"]]

    don_vi = [["Mã", "Tên đơn vị", "Tên ngắn"]] + [list(u) for u in units]

    tieu_chi = [["Mã", "Nội dung", "Điểm tối đa"]] + [
        [c, text.replace("2020", str(year)), _number(m)] for c, text, m in criteria]

    leaves = [(c, m) for c, _, m in criteria
              if not any(o.startswith(c + ".") for o, _, _ in criteria)]
    cham_diem = [["Mã đơn vị", "Mã tiêu chí", "Tự chấm", "Cụm chấm", "Ghi chú"]]
    totals = {}
    text_cell = rng.random() < 0.5  # one score typed as text with a decimal comma
    for code in codes:
        grade = rng.choices(GRADE_MIX, weights=[g[1] for g in GRADE_MIX])[0]
        target = _half(rng.uniform(grade[2], grade[3]))
        deduction = {c: 0.0 for c, _ in leaves}
        left = 100.0 - target
        while left > 0:
            c, m = rng.choice(leaves)
            if deduction[c] + 0.5 <= m:
                deduction[c] += 0.5
                left -= 0.5
        totals[code] = target
        for c, m in leaves:
            cluster_score = m - deduction[c]
            self_score = min(m, max(0.0, cluster_score + rng.choice([0, 0, 0, 0.5, 1, -0.5])))
            note = rng.choice(GHI_CHU_DIEM) if deduction[c] >= 1.5 and rng.random() < 0.3 else None
            self_value = _number(self_score)
            if text_cell and not float(self_score).is_integer():
                self_value, text_cell = f"{self_score:g}".replace(".", ","), False
            cham_diem.append([code, c, self_value, _number(cluster_score), note])

    # People: per unit a vice-chair (team leader, meeting), a chair (speaks for the
    # unit when inspected) and one or two office clerks (team members).
    staff: dict[str, dict[str, list[_Person]]] = {}
    for code, full, short in units:
        vice = _Person(names(), f"Phó Chủ tịch {full}", code)
        chair = _Person(names(), f"Chủ tịch {full}", code)
        clerks = [_Person(names(), VPTK, code) for _ in range(rng.randint(1, 2))]
        staff[code] = {"vice": [vice], "chair": [chair], "clerks": clerks}
    nguoi = [["Họ tên", "Chức vụ", "Mã đơn vị", "Vai trò"]]

    def person(p: _Person, role: str) -> None:
        nguoi.append([p.name, p.position, p.unit, role])

    person(staff[leader]["vice"][0], "chủ trì")
    for code in codes:
        if code != leader:
            person(staff[code]["vice"][0], "thành viên")
    person(staff[leader]["clerks"][0], "thư ký")
    for code in codes:
        if code != leader:
            person(staff[code]["clerks"][0], "thành viên")
    for code in codes:
        person(staff[code]["vice"][0] if rng.random() < 0.8 else staff[code]["chair"][0],
               "trưởng đoàn")
        for clerk in staff[code]["clerks"]:
            person(clerk, "đoàn kiểm tra")
        person(staff[code]["chair"][0], "đại diện")

    tables: dict[str, list[list]] = {"Chung": chung, "Đơn vị": don_vi, "Tiêu chí": tieu_chi,
                                     "Chấm điểm": cham_diem}
    if index % 5 != 4:
        tables["Xếp loại"] = [["Loại", "Điểm từ", "Tên"]] + [list(r) for r in XEP_LOAI]
    tables["Người"] = nguoi

    if index % 3 != 2:  # every third campaign leaves the schedule to the rotation
        shift = rng.randint(1, len(codes) - 1)
        with_end = rng.random() < 0.6
        lich = [["Đơn vị được kiểm tra", "Đơn vị kiểm tra", "Thời gian", "Kết thúc"]]
        for i, code in enumerate(codes):
            day = inspection_day if rng.random() < 0.7 else _weekday(
                inspection_day + timedelta(days=1))
            start = datetime.combine(day, datetime.min.time()).replace(hour=start_hour)
            end = start + timedelta(hours=2) if with_end else None
            lich.append([code, codes[(i + shift) % len(codes)], start, end])
        # A unit inspected by the unit it inspects is fine; inspecting itself is not.
        tables["Lịch kiểm tra"] = lich

    nhan_xet = [["Mã đơn vị", "Loại", "Nội dung"]]
    for kind_name, texts in (("ưu điểm", UU_DIEM), ("hạn chế", HAN_CHE),
                             ("kiến nghị", KIEN_NGHI)):
        for text in rng.sample(texts, rng.randint(2, 4)):
            sharing = codes if rng.random() < 0.3 else rng.sample(codes, rng.randint(1, len(codes)))
            for code in sharing:
                nhan_xet.append([code, kind_name, text.format(year=year)])
    tables["Nhận xét"] = nhan_xet

    # Nominees come from the units graded A (the top unit when none is).
    ranked = sorted(codes, key=lambda c: -totals[c])
    ranked = [c for c in ranked if totals[c] >= 85] or ranked[:1]
    form = f"Giấy khen của Chủ tịch UBND {body_kind} {body_name}"
    khen = [["Đối tượng", "Tên", "Chức vụ", "Mã đơn vị", "Hình thức", "Thành tích"]]
    for code in ranked[:rng.randint(1, 2)]:
        khen.append(["tập thể", by_code[code][1], None, code, form,
                     f"Dẫn đầu {cluster} về {field_of_work} năm {year}"])
    clerks = [c for code in ranked for c in staff[code]["clerks"]]
    for clerk in clerks[:rng.randint(1, 4)]:
        khen.append(["cá nhân", clerk.name, clerk.position, clerk.unit, form,
                     f"Hoàn thành xuất sắc nhiệm vụ {field_of_work} năm {year}"])
    tables["Khen thưởng"] = khen

    upper_body = f"{body_kind} {body_name}".upper()
    leader_full, leader_short = by_code[leader][1], by_code[leader][2]
    blank = rng.random() < 0.4  # numbers left for the clerk to write in
    rows = [
        {"Văn bản": "ke-hoach", "Cơ quan ban hành": f"ỦY BAN NHÂN DÂN {upper_body}",
         "Viết tắt": "UBND", "Địa danh": body_name,
         "Số": None if blank else rng.randint(20, 300), "Ngày": plan_day, "Thẩm quyền": KT_CT,
         "Chức vụ ký": "PHÓ CHỦ TỊCH", "Người ký": names(),
         "Nơi nhận": "\n".join([f"UBND các {kind} {cluster.lower()};",
                                f"Chủ tịch UBND {body_kind} (để b/c);",
                                f"Phòng Nội vụ {body_kind};", "Lưu: VT, NV."])},
        {"Văn bản": "bien-ban-kiem-tra", "Cơ quan chủ quản": f"UBND {upper_body}",
         "Cơ quan ban hành": cluster.upper(), "Viết tắt": "CTĐ", "Địa danh": body_name},
        {"Văn bản": "bien-ban-hop-cum", "Cơ quan chủ quản": f"UBND {upper_body}",
         "Cơ quan ban hành": cluster.upper(), "Viết tắt": "CTĐ", "Địa danh": body_name,
         "Nơi nhận": "\n".join([f"Phòng Nội vụ {body_kind} {body_name};",
                                f"UBND các {kind} trong cụm;", "Lưu: VT."])},
        {"Văn bản": "to-trinh", "Cơ quan chủ quản": f"UBND {upper_body}",
         "Cơ quan ban hành": f"ỦY BAN NHÂN DÂN {kind.upper()} {leader_short.upper()}",
         "Viết tắt": "UBND", "Địa danh": leader_short,
         "Số": None if blank or rng.random() < 0.2 else rng.randint(10, 200),
         "Ngày": proposal_day, "Thẩm quyền": KT_CT, "Chức vụ ký": "PHÓ CHỦ TỊCH",
         "Người ký": staff[leader]["vice"][0].name,
         "Kính gửi": f"Hội đồng Thi đua - Khen thưởng {body_kind} {body_name}",
         "Nơi nhận": "\n".join(["Như trên;", f"Phòng Nội vụ {body_kind} {body_name};",
                                "Lưu: VT, VP."])},
        {"Văn bản": "tin-bai", "Cơ quan ban hành": f"ỦY BAN NHÂN DÂN {upper_body}",
         "Ngày": datetime.combine(proposal_day, datetime.min.time()).replace(
             hour=rng.randint(8, 17), minute=rng.randint(0, 59)),
         "Người ký": f"{kind.capitalize()} {leader_short}"},
    ]
    tables["Văn bản"] = [VAN_BAN_HEADERS] + [[r.get(h) for h in VAN_BAN_HEADERS] for r in rows]

    photos = index % 100 == 1  # a few campaigns carry the sample's photos
    if photos:
        tables["Ảnh"] = [["Tệp", "Chú thích"],
                         ["kiem-tra-phuc-loi.jpg", f"Đoàn kiểm tra làm việc tại {by_code[codes[0]][1]}"],
                         ["kiem-tra-duc-giang.jpg", f"Đoàn kiểm tra làm việc tại {by_code[codes[1]][1]}"],
                         ["hop-cum.jpg", f"{cluster} họp chấm điểm, bình xét thi đua năm {year} "
                                         f"tại {leader_full}"]]
    return tables, photos


# --------------------------------------------------------------------------
# Writing workbooks (or CSV files)
# --------------------------------------------------------------------------

def write_xlsx(path: Path, tables: dict[str, list[list]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, datetime):
                    cell.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(cell.value, date):
                    cell.number_format = "dd/mm/yyyy"
    book.save(path)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value.day}/{value.month}/{value.year} {value.hour}:{value.minute:02d}"
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def write_csvs(folder: Path, tables: dict[str, list[list]]) -> None:
    from pipeline.load import SHEET_SLUGS

    for name, rows in tables.items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])
        (folder / f"{SHEET_SLUGS[name]}.csv").write_text(out.getvalue(), encoding="utf-8-sig")


def _plan(campaigns: int, seed: int) -> list[tuple[int, str, int, tuple, int]]:
    """(index, folder name, cluster number, district, year) for each campaign, deterministic."""
    rng = random.Random(seed)
    counter: dict[tuple[str, int], int] = {}
    out = []
    for index in range(campaigns):
        district = rng.choice(DISTRICTS)
        year = rng.randint(2020, 2025)
        key = (district[1], year)
        counter[key] = counter.get(key, 0) + 1
        number = counter[key]
        out.append((index, f"cum-{number}-{ascii_slug(district[1])}-{year}", number, district, year))
    return out


def _write_one(job) -> tuple[str, bool, int]:
    index, folder, number, district, year, seed, inputs, fmt, criteria = job
    tables, photos = campaign_tables(index, seed, criteria, number, district, year)
    target = Path(inputs) / folder
    target.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        write_xlsx(target / "du-lieu.xlsx", tables)
    else:
        write_csvs(target, tables)
    if photos:
        shutil.copytree(SAMPLE / "anh", target / "anh", dirs_exist_ok=True)
    return fmt, photos, len(tables["Đơn vị"]) - 1


@dataclass
class Generated:
    campaigns: int
    units: int
    xlsx: int
    csv: int
    photos: int
    seconds: float
    fmt: str


def generate(inputs: Path, campaigns: int, seed: int = 2020, fmt: str = "auto",
             jobs: int | None = None) -> Generated:
    """Write `campaigns` synthetic campaigns into `inputs`. fmt: xlsx, csv, or auto.

    auto writes xlsx when the first workbooks say all of them take under 60 s,
    else CSV for most campaigns and xlsx for one in ten. Same content either way.
    """
    inputs.mkdir(parents=True, exist_ok=True)
    criteria = read_criteria()
    plan = _plan(campaigns, seed)
    jobs = max(1, min(jobs or os.cpu_count() or 1, campaigns))
    started = time.perf_counter()
    formats = ["xlsx"] * campaigns if fmt in ("xlsx", "auto") else ["csv"] * campaigns
    head = min(campaigns, 8) if fmt == "auto" else 0
    results = []
    if head:
        for p in plan[:head]:
            results.append(_write_one((*p, seed, str(inputs), "xlsx", criteria)))
        per = (time.perf_counter() - started) / head
        if per * campaigns / jobs > 60:
            formats = ["xlsx" if i < head or i % 10 == 0 else "csv" for i in range(campaigns)]
    work = [(*p, seed, str(inputs), formats[p[0]], criteria) for p in plan[head:]]
    if jobs > 1 and len(work) > 8:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results += list(pool.map(_write_one, work, chunksize=8))
    else:
        results += [_write_one(w) for w in work]
    seconds = time.perf_counter() - started
    n_xlsx = sum(r[0] == "xlsx" for r in results)
    return Generated(campaigns, sum(r[2] for r in results), n_xlsx, campaigns - n_xlsx,
                     sum(r[1] for r in results), seconds,
                     "xlsx" if n_xlsx == campaigns else "csv" if not n_xlsx else "mixed")


# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------

def _clean_env() -> dict[str, str]:
    """The environment of a staff member's shell: not a sub-make of `make bench`."""
    env = dict(os.environ)
    for key in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES", "MAKE_TERMOUT",
                "MAKE_TERMERR"):
        env.pop(key, None)
    return env


class TreeMemory(threading.Thread):
    """Samples the total RSS and PSS of a process and all its descendants every 0.2 s."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self.peak_processes = 0
        self.samples = 0
        self._halt = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
        out, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            out.append(pid)
            todo += children.get(pid, [])
        return out

    def _sample(self) -> None:
        rss = pss = 0
        pids = self._tree()
        for pid in pids:
            try:
                with open(f"/proc/{pid}/statm", "rb") as f:
                    rss += int(f.read().split()[1]) * self._page
                with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                    for line in f:
                        if line.startswith(b"Pss:"):
                            pss += int(line.split()[1]) * 1024
                            break
            except (OSError, ValueError, IndexError):
                continue
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
        self.peak_processes = max(self.peak_processes, len(pids))
        self.samples += 1

    def run(self) -> None:
        while not self._halt.is_set():
            self._sample()
            self._halt.wait(self.interval)


@dataclass
class Run:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    maxrss: int = 0  # bytes: the largest single process of the tree (wait4 rusage)
    cpu_seconds: float = 0.0  # user + system time of the whole tree
    tree_rss: int = 0
    tree_pss: int = 0
    processes: int = 0


def run_make(target: str, inputs: Path, outputs: Path, sample_memory: bool = False) -> Run:
    """`make <target> INPUTS=… OUTPUTS=…` from the project folder, as staff type it."""
    command = ["make", target, f"INPUTS={inputs}", f"OUTPUTS={outputs}"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, env=_clean_env())
        sampler = TreeMemory(process.pid) if sample_memory else None
        if sampler:
            sampler.start()
        # wait4's rusage = RUSAGE_CHILDREN of this one child: the max RSS of any single
        # process in its tree (make, the shell, vanban, each worker), not their sum.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.stop()
        out.seek(0)
        err.seek(0)
        run = Run(seconds, process.returncode, out.read().decode("utf-8", "replace"),
                  err.read().decode("utf-8", "replace"), usage.ru_maxrss * 1024,
                  usage.ru_utime + usage.ru_stime)
    if sampler:
        run.tree_rss, run.tree_pss, run.processes = (sampler.peak_rss, sampler.peak_pss,
                                                     sampler.peak_processes)
    return run


def queued_kinds(inputs: Path, outputs: Path) -> list[str]:
    """The document kinds `make all` queues (a dry run, parsed), in the pipeline's order."""
    from pipeline.build import KINDS

    done = subprocess.run(["make", "-n", "all", f"INPUTS={inputs}", f"OUTPUTS={outputs}"],
                          cwd=ROOT, capture_output=True, text=True, env=_clean_env())
    found = set(re.findall(r"echo '\S+ ([a-z-]+)' >>", done.stdout))
    return [k for k in KINDS if k in found] + sorted(found - set(KINDS))


def documents(outputs: Path) -> list[Path]:
    return sorted(p for p in outputs.rglob("*") if p.is_file() and not p.name.startswith(".")
                  and p.suffix in (".docx", ".html", ".pdf"))


@dataclass
class Stages:
    sample: int
    seconds: dict[str, float]  # per stage, summed over the sample
    documents: int
    first_campaign: dict[str, float] = field(default_factory=dict)  # includes compiling


def stage_seconds(inputs: Path, outputs: Path, kinds: list[str], sample: int) -> Stages:
    from pipeline import render
    from pipeline.build import build_campaign, find_campaigns

    folders = find_campaigns(inputs)
    step = max(1, len(folders) // max(1, sample))
    chosen = folders[::step][:sample]
    render._compiled.cache_clear()
    warm = build_campaign(folders[-1], outputs, kinds, TEMPLATES)  # compiles the templates
    totals: dict[str, float] = {}
    written = 0
    for folder in chosen:
        outcome = build_campaign(folder, outputs, kinds, TEMPLATES)
        written += len(outcome.written)
        for stage, seconds in outcome.seconds.items():
            totals[stage] = totals.get(stage, 0.0) + seconds
    return Stages(len(chosen), totals, written, dict(warm.seconds))


@dataclass
class Baseline:
    template: str
    renders: int
    docxtpl_per_s: float
    pipeline_per_s: float

    @property
    def ratio(self) -> float:
        return self.pipeline_per_s / self.docxtpl_per_s


def baseline(inputs: Path, renders: int) -> list[Baseline]:
    """The pipeline's renderer against a plain docxtpl loop, same template and context."""
    from docxtpl import DocxTemplate

    from pipeline import render
    from pipeline.build import find_campaigns
    from pipeline.documents import minutes
    from pipeline.load import load_campaign
    from pipeline.validate import validate

    campaign = validate(load_campaign(find_campaigns(inputs)[0]))
    cases = [("bien-ban-hop-cum", minutes.meeting_context(campaign))]
    cases.append(next(iter(minutes.inspections(campaign).values())))
    out = []
    rounds = min(5, renders)  # alternate the two loops, so that other load hits both alike
    for name, context in cases:
        path = TEMPLATES / f"{name}.docx"
        render._compiled.cache_clear()  # the pipeline pays its one compile inside its loop
        plain = ours = 0.0
        for r in range(rounds):
            count = renders // rounds + (r < renders % rounds)
            started = time.perf_counter()
            for _ in range(count):
                template = DocxTemplate(str(path))
                template.render(context, autoescape=True)
                template.save(io.BytesIO())
            plain += time.perf_counter() - started
            started = time.perf_counter()
            for _ in range(count):
                render.render_bytes(name, context, TEMPLATES)
            ours += time.perf_counter() - started
        out.append(Baseline(name, renders, renders / plain, renders / ours))
    return out


@dataclass
class Pdf:
    documents: int
    convert_seconds: float
    naive_seconds: float
    shared_seconds: float  # one soffice per file, reusing one profile (the default profile)

    @property
    def ratio(self) -> float:
        return self.convert_seconds / self.naive_seconds

    @property
    def shared_ratio(self) -> float:
        return self.convert_seconds / self.shared_seconds


def pick(files: list[Path], count: int) -> list[Path]:
    """`count` files spread evenly over the list (every kind, many campaigns)."""
    if count >= len(files):
        return list(files)
    step = len(files) / count
    return [files[int(i * step)] for i in range(count)]


def pdf_compare(files: list[Path], work: Path) -> Pdf:
    from pipeline import export

    binary = export.soffice()
    copies = {}
    for label in ("convert", "naive", "shared"):
        copies[label] = []
        for f in files:
            target = work / label / f.parent.name / f.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, target)
            copies[label].append(target)

    started = time.perf_counter()
    export.convert(copies["convert"])
    converted = time.perf_counter() - started

    def one_by_one(paths: list[Path], fresh_profile: bool) -> float:
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="bench-lo-") as home:
            for i, f in enumerate(paths):
                profile = Path(home) / (f"p{i}" if fresh_profile else "shared")
                subprocess.run([binary, f"-env:UserInstallation={profile.as_uri()}",
                                "--headless", "--convert-to", "pdf", "--outdir", str(f.parent),
                                str(f)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               check=False, timeout=300)
        return time.perf_counter() - started

    naive = one_by_one(copies["naive"], fresh_profile=True)
    shared = one_by_one(copies["shared"], fresh_profile=False)
    for label in copies:
        missing = [f for f in copies[label] if not f.with_suffix(".pdf").exists()]
        if missing:
            raise RuntimeError(f"PDF ({label}): no PDF for {', '.join(map(str, missing))}")
    return Pdf(len(files), converted, naive, shared)


# --------------------------------------------------------------------------
# The machine
# --------------------------------------------------------------------------

def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    office = None
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary:
        try:
            office = subprocess.run([binary, "--version"], capture_output=True, text=True,
                                    timeout=60).stdout.strip() or None
        except (OSError, subprocess.SubprocessError):
            office = None
    make = subprocess.run(["make", "--version"], capture_output=True, text=True).stdout
    return {
        "cpu": cpu, "cores": os.cpu_count() or 1,
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_bytes": memory, "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "make": make.splitlines()[0] if make else None, "libreoffice": office,
        "loadavg_at_start": list(os.getloadavg()),
    }


# --------------------------------------------------------------------------
# The run and the report
# --------------------------------------------------------------------------

def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _gib(n: int) -> str:
    return f"{n / GIB:.2f} GiB ({n / 1024 ** 2:.0f} MiB)"


def _verdict(ok: bool | None) -> str:
    return "PASS" if ok else "FAIL" if ok is not None else "SKIP"


def _watched() -> dict[Path, int]:
    """Modification times of what `make all` depends on besides the inputs."""
    paths = [ROOT / "Makefile", *ROOT.glob("pipeline/*.py"), *ROOT.glob("pipeline/*/*.py"),
             *ROOT.glob("pipeline/data/*"), *TEMPLATES.glob("*")]
    return {p: p.stat().st_mtime_ns for p in paths if p.is_file()}


def _changed(before: dict[Path, int]) -> list[Path]:
    """Files edited (or added) since `before`: someone working on the tree meanwhile."""
    now = _watched()
    return sorted(p for p, t in now.items() if before.get(p) != t)


def _noise(run: Run) -> list[str]:
    """What a nothing-to-do run printed, besides Make's own `Nothing to be done`."""
    return [line for line in (run.stdout + run.stderr).splitlines() if line.strip()
            and not re.match(r"make(\[\d+\])?: (Nothing to be done|'.*' is up to date)", line)]


def _rebuilt(run: Run) -> int:
    """Campaigns a supposedly nothing-to-do run built again."""
    return sum(": đã tạo " in line for line in run.stdout.splitlines())


def benchmark(campaigns: int, pdf_docs: int, keep: Path | None, seed: int, fmt: str,
              renders: int, stage_sample: int, noop_runs: int) -> tuple[str, dict]:
    started = time.perf_counter()
    info = machine()
    holder = tempfile.TemporaryDirectory(prefix="vanban-bench-") if keep is None else None
    base = Path(holder.name) if holder else keep.resolve()
    if keep is not None:
        if base.exists() and any(base.iterdir()):
            raise SystemExit(f"--keep {base}: the folder must be empty or absent.")
        base.mkdir(parents=True, exist_ok=True)
    inputs, outputs = base / "inputs", base / "outputs"
    results: dict = {"machine": info, "campaigns": campaigns, "folder": str(base)}
    try:
        _log(f"generating {campaigns} campaigns in {inputs}")
        gen = generate(inputs, campaigns, seed, fmt)
        results["generate"] = gen.__dict__

        watched = _watched()  # what Make compares the documents with, before it runs
        kinds = queued_kinds(inputs, outputs)
        results["kinds"] = kinds
        _log(f"make all ({', '.join(kinds)})")
        batch = run_make("all", inputs, outputs, sample_memory=True)
        if batch.returncode != 0:
            raise SystemExit(f"make all failed ({batch.returncode}):\n{batch.stderr[-4000:]}")
        docs = documents(outputs)
        by_kind: dict[str, int] = {}
        for d in docs:
            kind = re.sub(r"^bien-ban-kiem-tra-[a-z0-9]+", "bien-ban-kiem-tra-*", d.name)
            by_kind[kind] = by_kind.get(kind, 0) + 1
        warnings = sum(line.startswith("Cảnh báo") for line in batch.stderr.splitlines())
        results["make_all"] = {
            "seconds": batch.seconds, "documents": len(docs), "by_file": by_kind,
            "documents_per_s": len(docs) / batch.seconds, "warnings": warnings,
            "docx_per_s": sum(d.suffix == ".docx" for d in docs) / batch.seconds,
            "cpu_seconds": batch.cpu_seconds,
            "max_single_process_rss_bytes": batch.maxrss, "tree_rss_peak_bytes": batch.tree_rss,
            "tree_pss_peak_bytes": batch.tree_pss, "processes_peak": batch.processes,
        }

        _log(f"second make all, nothing to do ({noop_runs} runs)")
        noops = [run_make("all", inputs, outputs) for _ in range(noop_runs)]
        best = min(noops, key=lambda r: r.seconds)
        noise = _noise(best)
        results["noop"] = {"seconds_best": best.seconds, "seconds": [r.seconds for r in noops],
                           "rebuilt": [_rebuilt(r) for r in noops], "output": noise[:10],
                           "changed": [str(p.relative_to(ROOT)) for p in _changed(watched)]}

        _log(f"stage timing on {min(stage_sample, campaigns)} campaigns, in-process")
        stages = stage_seconds(inputs, base / "stage-outputs", kinds, stage_sample)
        results["stages"] = {"sample": stages.sample, "documents": stages.documents,
                             "seconds": stages.seconds, "first_campaign": stages.first_campaign}

        _log(f"renderer against plain docxtpl ({renders} renders per template)")
        base_results = baseline(inputs, renders)
        results["baseline"] = [{"template": b.template, "renders": b.renders,
                                "docxtpl_per_s": b.docxtpl_per_s,
                                "pipeline_per_s": b.pipeline_per_s, "ratio": b.ratio}
                               for b in base_results]

        pdf = None
        pdf_note = ""
        if pdf_docs <= 0:
            pdf_note = "skipped (--pdf-docs 0)"
        elif not (shutil.which("soffice") or shutil.which("libreoffice")):
            pdf_note = "skipped: LibreOffice (soffice) is not installed (make system-deps)"
        else:
            chosen = pick([d for d in docs if d.suffix == ".docx"], pdf_docs)
            _log(f"PDF: {len(chosen)} documents, convert() against one soffice per file")
            pdf = pdf_compare(chosen, base / "pdf")
        results["pdf"] = (pdf.__dict__ | {"ratio": pdf.ratio, "shared_ratio": pdf.shared_ratio}
                          if pdf else {"skipped": pdf_note})

    finally:
        if holder:
            holder.cleanup()
    results["bench_seconds"] = time.perf_counter() - started
    results["loadavg_at_end"] = list(os.getloadavg())

    # ---------------------------------------------------------------- targets
    cores = info["usable_cores"] or info["cores"]
    batch_limit = TARGET_BATCH_SECONDS * campaigns / TARGET_BATCH_CAMPAIGNS
    peak = max(results["make_all"]["tree_rss_peak_bytes"],
               results["make_all"]["max_single_process_rss_bytes"])
    targets = {
        "docx_ratio": (min(b.ratio for b in base_results) >= TARGET_DOCX_RATIO),
        "batch_seconds": results["make_all"]["seconds"] < batch_limit,
        "peak_memory": peak < TARGET_PEAK_BYTES,
        "pdf_ratio": (pdf.ratio <= TARGET_PDF_RATIO) if pdf else None,
        "noop_seconds": best.seconds < TARGET_NOOP_SECONDS and not noise,
    }
    results["targets"] = {k: _verdict(v) for k, v in targets.items()}
    return report(results, stages, base_results, pdf, pdf_note, cores, batch_limit, peak), results


def report(r: dict, stages: Stages, base_results: list[Baseline], pdf: Pdf | None,
           pdf_note: str, cores: int, batch_limit: float, peak: int) -> str:
    m, g, b, n = r["machine"], r["generate"], r["make_all"], r["campaigns"]
    lines = ["=" * 78, "Văn bản thi đua: benchmark", "=" * 78, "", "Machine"]
    lines += [
        f"  CPU            {m['cpu']}",
        f"  cores          {m['cores']} (usable by this process: {m['usable_cores']})",
        f"  memory         {_gib(m['memory_bytes'])}",
        f"  OS             {m['os']}",
        f"  Python         {m['python']}",
        f"  make           {m['make']}",
        f"  LibreOffice    {m['libreoffice'] or 'not installed'}",
        f"  load average   {' '.join(f'{x:.2f}' for x in m['loadavg_at_start'])} (at start; "
        "other work on the machine skews the figures)",
        "",
        "Batch",
        f"  campaigns      {n} ({g['units']} units; {g['xlsx']} as du-lieu.xlsx, {g['csv']} as CSV; "
        f"{g['photos']} with photos)",
        f"  generated in   {g['seconds']:.1f} s (format: {g['fmt']})",
        f"  kinds          {', '.join(r['kinds'])} (what `make all` queues)",
        "",
        "make all (one run, cold: every document out of date)",
        f"  wall time      {b['seconds']:.1f} s",
        f"  documents      {b['documents']} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(b["by_file"].items())) + ")",
        f"  rate           {b['documents_per_s']:.1f} documents/s (files written / wall time); "
        f"{b['docx_per_s']:.1f} .docx/s counting Word files only",
        f"  CPU time       {b['cpu_seconds']:.1f} s user+system for the whole tree = "
        f"{b['cpu_seconds'] / (b['seconds'] * cores) * 100:.0f}% of {cores} cores over the run",
        f"  warnings       {b['warnings']} (Cảnh báo lines on stderr)",
        f"  peak memory    largest single process {_gib(b['max_single_process_rss_bytes'])} "
        "(wait4 ru_maxrss)",
        f"                 whole tree, sum of RSS {_gib(b['tree_rss_peak_bytes'])}; sum of PSS "
        f"{_gib(b['tree_pss_peak_bytes'])} (sampled every 0.2 s, up to "
        f"{b['processes_peak']} processes)",
        "",
        f"Stages (build_campaign in-process, {stages.sample} campaigns, templates already "
        "compiled)",
    ]
    total = sum(stages.seconds.values())
    for stage in ("load", "validate", "score", "render", "write"):
        s = stages.seconds.get(stage, 0.0)
        lines.append(f"  {stage:<9}      {s / stages.sample * 1000:7.1f} ms/campaign  "
                     f"{s / total * 100:5.1f}%   x{n} = {s / stages.sample * n:6.1f} s")
    per = total / stages.sample
    lines += [
        f"  total          {per * 1000:7.1f} ms/campaign          x{n} = {per * n:6.1f} s "
        f"serial, {per * n / cores:.1f} s on {cores} cores",
        "  first campaign of a process (compiles the templates): "
        + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.first_campaign.items()),
        f"  make all used {b['cpu_seconds']:.0f} CPU-s for {per * n:.0f} s of stage work x{n}: "
        + (f"{b['cpu_seconds'] - per * n:.0f} CPU-s more (Make, start-up and imports, template "
           "compiles per worker, pickling)" if b["cpu_seconds"] > per * n * 1.05 else
           "the rest (Make, start-up, imports, pickling) is within the noise"),
        f"                 with {cores} cores to itself the run would take about "
        f"{max(b['cpu_seconds'], per * n) / cores:.0f} s",
        "",
        "DOCX rendering: pipeline.render.render_bytes against a plain docxtpl loop",
        "  (DocxTemplate(path), render(context, autoescape=True), save(BytesIO); same context;",
        "  the two loops alternate in 5 rounds; the pipeline's one template compile is included)",
    ]
    for x in base_results:
        lines.append(f"  {x.template:<18} docxtpl {x.docxtpl_per_s:6.1f} docs/s   pipeline "
                     f"{x.pipeline_per_s:6.1f} docs/s   ratio {x.ratio:.2f}x ({x.renders} renders)")
    lines += ["", "PDF"]
    if pdf:
        lines += [
            f"  documents      {pdf.documents}",
            f"  convert()      {pdf.convert_seconds:.1f} s = {pdf.convert_seconds / pdf.documents:.2f} "
            f"s/document (batches, one soffice per core)",
            f"  one soffice per file, fresh profile each  {pdf.naive_seconds:.1f} s = "
            f"{pdf.naive_seconds / pdf.documents:.2f} s/document   ratio {pdf.ratio:.2f}",
            f"  one soffice per file, one reused profile  {pdf.shared_seconds:.1f} s = "
            f"{pdf.shared_seconds / pdf.documents:.2f} s/document   ratio {pdf.shared_ratio:.2f} "
            "(for information)",
        ]
    else:
        lines.append(f"  {pdf_note}")
    nb = r["noop"]
    lines += [
        "",
        "Second make all, nothing to do",
        f"  best of {len(nb['seconds'])}      {nb['seconds_best']:.2f} s  (runs: "
        + ", ".join(f"{s:.2f}" for s in nb["seconds"]) + ")",
        "  output         " + ("none (best run)" if not nb["output"]
                                 else " | ".join(nb["output"][:3])[:300]),
    ]
    if any(nb["rebuilt"]):
        lines.append("  rebuilt        " + ", ".join(str(x) for x in nb["rebuilt"]) + " campaigns per "
                     "run: Make found documents older than what they depend on")
    if nb["changed"]:
        lines.append("  edited         during the benchmark: " + ", ".join(nb["changed"][:8])
                     + (" …" if len(nb["changed"]) > 8 else "")
                     + " (the tree was not quiet; rerun on a quiet tree)")
    lines += [
        "",
        "Targets",
    ]
    t = r["targets"]
    ratio = min(x.ratio for x in base_results)
    scaled = "" if n == TARGET_BATCH_CAMPAIGNS else f" (120 s scaled to {n} campaigns)"
    core_note = "" if cores == 2 else f" (measured on {cores} cores, target is for 2)"
    lines += [
        f"  [{t['docx_ratio']}] DOCX >= {TARGET_DOCX_RATIO:g}x the plain docxtpl loop: "
        f"{ratio:.2f}x (lowest of {len(base_results)} templates)",
        f"  [{t['batch_seconds']}] batch, every kind, < {batch_limit:.0f} s{scaled}: "
        f"{b['seconds']:.1f} s{core_note}",
        f"  [{t['peak_memory']}] peak memory < 1 GiB: {_gib(peak)} (the larger of tree RSS "
        "sum and the largest process)",
        f"  [{t['pdf_ratio']}] PDF <= {TARGET_PDF_RATIO:g}x one soffice per file: "
        + (f"{pdf.ratio:.2f}x" if pdf else pdf_note),
        f"  [{t['noop_seconds']}] second make all < {TARGET_NOOP_SECONDS:g} s, silent: "
        f"{nb['seconds_best']:.2f} s",
        "",
        f"Benchmark took {r['bench_seconds']:.0f} s; load average at the end "
        f"{' '.join(f'{x:.2f}' for x in r['loadavg_at_end'])}.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--campaigns", type=int, default=500,
                        help="campaigns in the synthetic batch (default 500)")
    parser.add_argument("--pdf-docs", type=int, default=24,
                        help="documents for the PDF comparison; 0 skips it (default 24)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate into DIR (empty or absent) and keep it")
    parser.add_argument("--json", action="store_true",
                        help="also print the results as one JSON object (the last line)")
    parser.add_argument("--seed", type=int, default=2020, help="random seed (default 2020)")
    parser.add_argument("--format", choices=("auto", "xlsx", "csv"), default="auto",
                        help="input files: xlsx, csv, or auto (xlsx unless too slow to write)")
    parser.add_argument("--renders", type=int, default=100,
                        help="renders per template in the docxtpl comparison (default 100)")
    parser.add_argument("--stage-sample", type=int, default=50,
                        help="campaigns built in-process for the stage seconds (default 50)")
    parser.add_argument("--noop-runs", type=int, default=2,
                        help="runs of the nothing-to-do make all; the best counts (default 2)")
    args = parser.parse_args(argv)
    if args.campaigns < 1:
        parser.error("--campaigns must be at least 1")
    text, results = benchmark(args.campaigns, args.pdf_docs, args.keep, args.seed, args.format,
                              max(1, args.renders), max(1, args.stage_sample),
                              max(1, args.noop_runs))
    print(text)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
