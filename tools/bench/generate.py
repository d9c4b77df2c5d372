"""The synthetic campaigns of the benchmark: tables, then workbooks or CSV files.

Each campaign is a valid input (tests/test_bench.py validates them): 5-8 units,
the sample's 14 criteria, realistic Vietnamese names and text, one `Văn bản`
row per document kind. Header rows come from the input contract
(pipeline.contract), CSV file names from its slugs.
"""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from pipeline import kinds as registry
from pipeline.contract import DEFAULT_GRADES, PHOTOS_FOLDER, SHEET_SLUGS, SHEETS, WORKBOOK
from pipeline import vietnamese
from pipeline.kinds import ROWS

from . import SAMPLE

from .words import (
    COMMUNES,
    DEM_NAM,
    DEM_NU,
    DISTRICTS,
    GHI_CHU_DIEM,
    HAN_CHE,
    HO,
    KIEN_NGHI,
    TEN_NAM,
    TEN_NU,
    UU_DIEM,
    WARDS,
)

GRADE_MIX = [("A", 45, 85.0, 99.0), ("B", 30, 70.0, 84.5), ("C", 17, 50.0, 69.5), ("D", 8, 38.0, 49.5)]
XEP_LOAI = [[g.label, g.min, g.name] for g in DEFAULT_GRADES]
KT_CT = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
VPTK = "Công chức Văn phòng - Thống kê"


def _table(sheet: str, rows: list[dict]) -> list[list]:
    """A sheet's rows, header first. The columns are the contract's
    (pipeline.contract.SHEETS), in its order: the required ones and those the rows
    name. An optional column no row names is left out, as staff may: an empty
    optional column can mean something (an empty `Đoàn chấm` asks for the scores)."""
    spec = SHEETS[sheet]
    named = {column for row in rows for column in row}
    unknown = sorted(named - set(spec.headers))
    if unknown:  # a column renamed or dropped in the contract
        raise RuntimeError(f"tools/bench/generate.py: {sheet} has no column {unknown}")
    headers = [c.header for c in spec.columns if c.required or c.header in named]
    return [headers] + [[row.get(h) for h in headers] for row in rows]


def ascii_slug(text: str) -> str:
    return vietnamese.slug(text)


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

    book = CalamineWorkbook.from_path(str(sample / WORKBOOK))
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


def campaign_tables(
    index: int,
    seed: int,
    criteria: list[tuple[str, str, float]],
    cluster_no: int,
    district: tuple[str, str, str],
    year: int,
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
        hour=rng.choice([8, 9, 14]), minute=rng.choice([0, 0, 30])
    )
    meeting_end = meeting_start + timedelta(minutes=rng.choice([120, 150, 180]))
    plan_day = _weekday(date(year, rng.randint(2, 5), rng.randint(1, 28)))
    proposal_day = _weekday(meeting_day + timedelta(days=rng.randint(1, 3)))

    chung = [
        ["Tên cụm", cluster],
        ["Lĩnh vực", field_of_work],
        ["Năm", year],
        ["Cấp trên", superior],
        ["Loại đơn vị", kind],
        ["Đơn vị cụm trưởng", leader],
    ]
    if index % 5 == 3:  # now and then the campaign follows an older dispatch, not the plan
        chung.append(
            [
                "Căn cứ kế hoạch",
                f"Văn bản số {rng.randint(100, 400)}/NV-VTLT ngày "
                f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{year - 1} của Phòng Nội vụ "
                f"{body_kind} {body_name}",
            ]
        )
    chung += [
        ["Ngày kiểm tra", inspection_day],
        ["Buổi kiểm tra", part],
        ["Bắt đầu họp", meeting_start],
        ["Kết thúc họp", meeting_end],
        ["Địa điểm họp", f"trụ sở {by_code[leader][1]}"],
    ]

    don_vi = _table("Đơn vị", [{"Mã": code, "Tên đơn vị": full, "Tên ngắn": short} for code, full, short in units])

    tieu_chi = _table(
        "Tiêu chí",
        [{"Mã": c, "Nội dung": text.replace("2020", str(year)), "Điểm tối đa": _number(m)} for c, text, m in criteria],
    )

    leaves = [(c, m) for c, _, m in criteria if not any(o.startswith(c + ".") for o, _, _ in criteria)]
    cham_diem = []
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
            cham_diem.append(
                {
                    "Mã đơn vị": code,
                    "Mã tiêu chí": c,
                    "Tự chấm": self_value,
                    "Cụm chấm": _number(cluster_score),
                    "Ghi chú": note,
                }
            )

    # People: per unit a vice-chair (team leader, meeting), a chair (speaks for the
    # unit when inspected) and one or two office clerks (team members).
    staff: dict[str, dict[str, list[_Person]]] = {}
    for code, full, _short in units:
        vice = _Person(names(), f"Phó Chủ tịch {full}", code)
        chair = _Person(names(), f"Chủ tịch {full}", code)
        clerks = [_Person(names(), VPTK, code) for _ in range(rng.randint(1, 2))]
        staff[code] = {"vice": [vice], "chair": [chair], "clerks": clerks}
    nguoi = []

    def person(p: _Person, role: str) -> None:
        nguoi.append({"Họ tên": p.name, "Chức vụ": p.position, "Mã đơn vị": p.unit, "Vai trò": role})

    person(staff[leader]["vice"][0], "chủ trì")
    for code in codes:
        if code != leader:
            person(staff[code]["vice"][0], "thành viên")
    person(staff[leader]["clerks"][0], "thư ký")
    for code in codes:
        if code != leader:
            person(staff[code]["clerks"][0], "thành viên")
    for code in codes:
        person(staff[code]["vice"][0] if rng.random() < 0.8 else staff[code]["chair"][0], "trưởng đoàn")
        for clerk in staff[code]["clerks"]:
            person(clerk, "đoàn kiểm tra")
        person(staff[code]["chair"][0], "đại diện")

    tables: dict[str, list[list]] = {
        "Chung": _table("Chung", [{"Mục": item, "Giá trị": value} for item, value in chung]),
        "Đơn vị": don_vi,
        "Tiêu chí": tieu_chi,
        "Chấm điểm": _table("Chấm điểm", cham_diem),
    }
    if index % 5 != 4:
        tables["Xếp loại"] = _table(
            "Xếp loại", [{"Loại": label, "Điểm từ": low, "Tên": name} for label, low, name in XEP_LOAI]
        )
    tables["Người"] = _table("Người", nguoi)

    if index % 3 != 2:  # every third campaign leaves the schedule to the rotation
        shift = rng.randint(1, len(codes) - 1)
        with_end = rng.random() < 0.6
        lich = []
        for i, code in enumerate(codes):
            day = inspection_day if rng.random() < 0.7 else _weekday(inspection_day + timedelta(days=1))
            start = datetime.combine(day, datetime.min.time()).replace(hour=start_hour)
            end = start + timedelta(hours=2) if with_end else None
            lich.append(
                {
                    "Đơn vị được kiểm tra": code,
                    "Đơn vị kiểm tra": codes[(i + shift) % len(codes)],
                    "Thời gian": start,
                    "Kết thúc": end,
                }
            )
        # A unit inspected by the unit it inspects is fine; inspecting itself is not.
        tables["Lịch kiểm tra"] = _table("Lịch kiểm tra", lich)

    nhan_xet = []
    for kind_name, texts in (("ưu điểm", UU_DIEM), ("hạn chế", HAN_CHE), ("kiến nghị", KIEN_NGHI)):
        for text in rng.sample(texts, rng.randint(2, 4)):
            sharing = codes if rng.random() < 0.3 else rng.sample(codes, rng.randint(1, len(codes)))
            for code in sharing:
                nhan_xet.append({"Mã đơn vị": code, "Loại": kind_name, "Nội dung": text.format(year=year)})
    tables["Nhận xét"] = _table("Nhận xét", nhan_xet)

    # Nominees come from the units graded A (the top unit when none is).
    ranked = sorted(codes, key=lambda c: -totals[c])
    ranked = [c for c in ranked if totals[c] >= 85] or ranked[:1]
    form = f"Giấy khen của Chủ tịch UBND {body_kind} {body_name}"
    khen = []
    for code in ranked[: rng.randint(1, 2)]:
        khen.append(
            {
                "Đối tượng": "tập thể",
                "Tên": by_code[code][1],
                "Mã đơn vị": code,
                "Hình thức": form,
                "Thành tích": f"Dẫn đầu {cluster} về {field_of_work} năm {year}",
            }
        )
    clerks = [c for code in ranked for c in staff[code]["clerks"]]
    for clerk in clerks[: rng.randint(1, 4)]:
        khen.append(
            {
                "Đối tượng": "cá nhân",
                "Tên": clerk.name,
                "Chức vụ": clerk.position,
                "Mã đơn vị": clerk.unit,
                "Hình thức": form,
                "Thành tích": f"Hoàn thành xuất sắc nhiệm vụ {field_of_work} năm {year}",
            }
        )
    tables["Khen thưởng"] = _table("Khen thưởng", khen)

    upper_body = f"{body_kind} {body_name}".upper()
    leader_full, leader_short = by_code[leader][1], by_code[leader][2]
    blank = rng.random() < 0.4  # numbers left for the clerk to write in
    rows = [
        {
            "Văn bản": registry.PLAN,
            "Cơ quan ban hành": f"ỦY BAN NHÂN DÂN {upper_body}",
            "Viết tắt": "UBND",
            "Địa danh": body_name,
            "Số": None if blank else rng.randint(20, 300),
            "Ngày": plan_day,
            "Thẩm quyền": KT_CT,
            "Chức vụ ký": "PHÓ CHỦ TỊCH",
            "Người ký": names(),
            "Nơi nhận": "\n".join(
                [
                    f"UBND các {kind} {cluster.lower()};",
                    f"Chủ tịch UBND {body_kind} (để b/c);",
                    f"Phòng Nội vụ {body_kind};",
                    "Lưu: VT, NV.",
                ]
            ),
        },
        {
            "Văn bản": registry.INSPECTION,
            "Cơ quan chủ quản": f"UBND {upper_body}",
            "Cơ quan ban hành": cluster.upper(),
            "Viết tắt": "CTĐ",
            "Địa danh": body_name,
        },
        {
            "Văn bản": registry.MEETING,
            "Cơ quan chủ quản": f"UBND {upper_body}",
            "Cơ quan ban hành": cluster.upper(),
            "Viết tắt": "CTĐ",
            "Địa danh": body_name,
            "Nơi nhận": "\n".join(
                [f"Phòng Nội vụ {body_kind} {body_name};", f"UBND các {kind} trong cụm;", "Lưu: VT."]
            ),
        },
        {
            "Văn bản": registry.PROPOSAL,
            "Cơ quan chủ quản": f"UBND {upper_body}",
            "Cơ quan ban hành": f"ỦY BAN NHÂN DÂN {kind.upper()} {leader_short.upper()}",
            "Viết tắt": "UBND",
            "Địa danh": leader_short,
            "Số": None if blank or rng.random() < 0.2 else rng.randint(10, 200),
            "Ngày": proposal_day,
            "Thẩm quyền": KT_CT,
            "Chức vụ ký": "PHÓ CHỦ TỊCH",
            "Người ký": staff[leader]["vice"][0].name,
            "Kính gửi": f"Hội đồng Thi đua - Khen thưởng {body_kind} {body_name}",
            "Nơi nhận": "\n".join(["Như trên;", f"Phòng Nội vụ {body_kind} {body_name};", "Lưu: VT, VP."]),
        },
        {
            "Văn bản": registry.NEWS,
            "Cơ quan ban hành": f"ỦY BAN NHÂN DÂN {upper_body}",
            "Ngày": datetime.combine(proposal_day, datetime.min.time()).replace(
                hour=rng.randint(8, 17), minute=rng.randint(0, 59)
            ),
            "Người ký": f"{kind.capitalize()} {leader_short}",
        },
        {
            "Văn bản": registry.DECISION,
            "Cơ quan ban hành": f"ỦY BAN NHÂN DÂN {upper_body}",
            "Viết tắt": "UBND",
            "Địa danh": body_name,
            "Số": None if blank else rng.randint(300, 900),
            "Ngày": proposal_day + timedelta(days=rng.randint(5, 12)),
            "Thẩm quyền": "KT. CHỦ TỊCH",
            "Chức vụ ký": "PHÓ CHỦ TỊCH",
            "Người ký": names(),
            "Nơi nhận": "\n".join(["Như Điều 3;", f"Phòng Nội vụ {body_kind};", "Lưu: VT, NV."]),
        },
    ]
    missing = set(ROWS) - {r["Văn bản"] for r in rows}
    if missing:  # a kind added to pipeline.kinds needs its row here
        raise RuntimeError(f"tools/bench/generate.py: no `Văn bản` row for {sorted(missing)}")
    tables["Văn bản"] = _table("Văn bản", rows)

    photos = index % 100 == 1  # a few campaigns carry the sample's photos
    if photos:
        tables["Ảnh"] = _table(
            "Ảnh",
            [
                {"Tệp": "kiem-tra-phuc-loi.jpg", "Chú thích": f"Đoàn kiểm tra làm việc tại {by_code[codes[0]][1]}"},
                {"Tệp": "kiem-tra-duc-giang.jpg", "Chú thích": f"Đoàn kiểm tra làm việc tại {by_code[codes[1]][1]}"},
                {
                    "Tệp": "hop-cum.jpg",
                    "Chú thích": f"{cluster} họp chấm điểm, bình xét thi đua năm {year} tại {leader_full}",
                },
            ],
        )
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
        write_xlsx(target / WORKBOOK, tables)
    else:
        write_csvs(target, tables)
    if photos:
        shutil.copytree(SAMPLE / PHOTOS_FOLDER, target / PHOTOS_FOLDER, dirs_exist_ok=True)
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


def generate(inputs: Path, campaigns: int, seed: int = 2020, fmt: str = "auto", jobs: int | None = None) -> Generated:
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
    return Generated(
        campaigns,
        sum(r[2] for r in results),
        n_xlsx,
        campaigns - n_xlsx,
        sum(r[1] for r in results),
        seconds,
        "xlsx" if n_xlsx == campaigns else "csv" if not n_xlsx else "mixed",
    )
