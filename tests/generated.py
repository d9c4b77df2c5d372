"""A seeded generator of varied campaigns (issue 17 item 9), written as workbooks staff
could have filled, so that the invariants are checked over more than the sample's shape.

`campaign(seed)` draws one campaign (a `Spec`); `write(spec, folder)` writes its
du-lieu.xlsx. What varies, drawn from the seed:

- the cluster's level: wards under a district before 7/2025, wards or communes under a city
  or province after, districts under a province, or a Sở's cluster of agencies;
- which `Văn bản` rows exist: none, some, all;
- the style of `Chức vụ`: `Phó Chủ tịch`, `Phó Chủ tịch UBND phường`,
  `Phó Chủ tịch UBND phường X`;
- `Đoàn chấm`: absent, empty, partial, complete, and `Đoàn chấm theo Cụm chấm`;
- a schedule of one day, of several days, or across a year end;
- 2 to 30 units;
- award forms from each kind of authority (a Chủ tịch UBND quận's or tỉnh's, a Giám đốc
  Sở's), one or two authorities in a campaign;
- names written in NFD (decomposed diacritics) as some keyboards and exports do.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl

LEVELS = ("ward-district", "ward-city", "commune-province", "district-province", "so")
ROWS_PRESENT = ("none", "some", "all")
TITLE_STYLES = ("bare", "kind", "full")
TEAM_STATES = ("absent", "empty", "partial", "complete", "empty-said", "complete-said")
SCHEDULES = ("one-day", "several-days", "year-end")

DISTRICTS = (
    "Long Biên",
    "Cầu Giấy",
    "Hoàng Mai",
    "Thanh Xuân",
    "Hai Bà Trưng",
    "Ngô Quyền",
    "Lê Chân",
    "Ninh Kiều",
    "Hải Châu",
)
CITIES = ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
PROVINCES = ("Bắc Ninh", "Nghệ An", "Thanh Hóa", "Quảng Ninh", "Lâm Đồng", "Đắk Lắk")
PLACES = (
    "Phúc Lợi",
    "Việt Hưng",
    "Đức Giang",
    "Giang Biên",
    "Phúc Đồng",
    "Bồ Đề",
    "Ngọc Lâm",
    "Thạch Bàn",
    "Cự Khối",
    "Long Biên",
    "Gia Thụy",
    "Ngọc Thụy",
    "Thượng Thanh",
    "Sài Đồng",
    "Yên Hòa",
    "Trung Hòa",
    "Nghĩa Đô",
    "Quan Hoa",
    "Dịch Vọng",
    "Mai Dịch",
    "Hoàng Liệt",
    "Tân Mai",
    "Vĩnh Hưng",
    "Định Công",
    "Khương Trung",
    "Nhân Chính",
    "Hạ Đình",
    "Bạch Đằng",
    "Đồng Nhân",
    "Thanh Lương",
    "Minh Khai",
    "Tân Lập",
    "An Bình",
    "Hòa Bình",
)
AGENCIES = (
    "Chi cục Văn thư - Lưu trữ",
    "Trung tâm Lưu trữ lịch sử",
    "Văn phòng Sở",
    "Phòng Tổ chức, biên chế",
    "Phòng Cải cách hành chính",
    "Ban Thi đua - Khen thưởng",
    "Ban Tôn giáo",
    "Phòng Xây dựng chính quyền",
    "Thanh tra Sở",
    "Phòng Công chức",
)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương")
MIDDLES = ("Văn", "Thị", "Minh", "Thu", "Hồng", "Quốc", "Thanh", "Ngọc", "Đức")
GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nhàn",
    "Oanh",
    "Phương",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
    "Ánh",
)


@dataclass
class Spec:
    """One generated campaign: its draws (to name it) and its sheets (to write it)."""

    seed: int
    level: str
    rows: str
    titles: str
    team: str
    schedule: str
    nfd: bool
    n_units: int
    year: int
    authorities: list[str]
    sheets: dict[str, list[list]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return (
            f"seed{self.seed}-{self.level}-{self.n_units}u-rows-{self.rows}-"
            f"titles-{self.titles}-team-{self.team}-{self.schedule}" + ("-nfd" if self.nfd else "")
        )


def _code(i: int) -> str:
    return f"U{i + 1:02d}"


def campaign(seed: int) -> Spec:
    """Draw one campaign from `seed` (the same seed, the same campaign)."""
    rng = random.Random(seed)
    level = LEVELS[seed % len(LEVELS)]  # every level in every run of consecutive seeds
    rows = ROWS_PRESENT[(seed // len(LEVELS)) % len(ROWS_PRESENT)]
    team = TEAM_STATES[seed % len(TEAM_STATES)]
    schedule = SCHEDULES[(seed // 2) % len(SCHEDULES)]
    titles = rng.choice(TITLE_STYLES)
    nfd = seed % 4 == 3
    n_units = 30 if seed % 7 == 0 and seed else rng.choice((2, 3, 4, 5, 6, 8, 12, 30))
    after = level in ("ward-city", "commune-province") or (level == "so" and rng.random() < 0.5)
    year = rng.choice((2025, 2026)) if after else rng.randint(2018, 2024)
    district, city, province = rng.choice(DISTRICTS), rng.choice(CITIES), rng.choice(PROVINCES)
    if level == "ward-district":
        superior, kind, unit_word = f"UBND quận {district}", "phường", "UBND phường"
        region = f"quận {district}"
    elif level == "ward-city":
        superior, kind, unit_word = f"UBND thành phố {city}", "phường", "UBND phường"
        region = f"thành phố {city}"
    elif level == "commune-province":
        superior, kind, unit_word = f"UBND tỉnh {province}", "xã", "UBND xã"
        region = f"tỉnh {province}"
    elif level == "district-province":
        superior, kind, unit_word = f"UBND tỉnh {province}", "huyện", "UBND huyện"
        region = f"tỉnh {province}"
    else:
        superior, kind, unit_word = f"Sở Nội vụ thành phố {city}", "đơn vị", None
        region = f"thành phố {city}"
    if unit_word:
        shorts = rng.sample(PLACES, min(n_units, len(PLACES)))
        while len(shorts) < n_units:
            shorts.append(f"{rng.choice(PLACES)} {len(shorts) + 1}")
        units = [(_code(i), f"{unit_word} {s}", s) for i, s in enumerate(shorts)]
    else:
        pool = list(AGENCIES) + [f"Trung tâm Dịch vụ số {i}" for i in range(1, 30)]
        names = pool[:n_units]
        units = [(_code(i), n, n) for i, n in enumerate(names)]
    authorities = _authorities(rng, level, district, city, province)
    spec = Spec(seed, level, rows, titles, team, schedule, nfd, n_units, year, authorities)
    spec.sheets = _sheets(rng, spec, superior, kind, region, units)
    return spec


def _authorities(rng, level, district, city, province) -> list[str]:
    """The award forms: one authority, sometimes two of different kinds."""
    by_level = {
        "ward-district": [
            f"Giấy khen của Chủ tịch UBND quận {district}",
            f"Bằng khen của Chủ tịch UBND thành phố {rng.choice(CITIES)}",
        ],
        "ward-city": [
            f"Bằng khen của Chủ tịch UBND thành phố {city}",
            f"Giấy khen của Giám đốc Sở Nội vụ thành phố {city}",
        ],
        "commune-province": [
            f"Bằng khen của Chủ tịch UBND tỉnh {province}",
            f"Giấy khen của Giám đốc Sở Nội vụ tỉnh {province}",
        ],
        "district-province": [
            f"Bằng khen của Chủ tịch UBND tỉnh {province}",
            f"Giấy khen của Giám đốc Sở Nội vụ tỉnh {province}",
        ],
        "so": [f"Giấy khen của Giám đốc Sở Nội vụ thành phố {city}", f"Bằng khen của Chủ tịch UBND thành phố {city}"],
    }[level]
    return by_level[:1] if rng.random() < 0.6 else by_level


def _person(rng) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _title(style: str, head: str, unit_name: str, level: str) -> str:
    """`Phó Chủ tịch`, `Phó Chủ tịch UBND phường`, `Phó Chủ tịch UBND phường X`."""
    if level == "so":
        head = "Phó Giám đốc" if head.startswith("Phó") else "Giám đốc"
        return head if style == "bare" else f"{head} {unit_name}"
    kind_part = " ".join(unit_name.split()[:2])  # `UBND phường`
    return {"bare": head, "kind": f"{head} {kind_part}", "full": f"{head} {unit_name}"}[style]


def _days(rng, spec: Spec) -> list[datetime]:
    if spec.schedule == "year-end":
        start = datetime(spec.year, 12, 29, 8) - timedelta(days=rng.randint(26, 30) % 3)
        while start.weekday() >= 5:  # a working day of December: the schedule crosses the year
            start -= timedelta(days=1)
        span = 8
    else:
        month = rng.randint(8, 11) if spec.year == 2025 else rng.randint(3, 11)
        start = datetime(spec.year, month, rng.randint(1, 20), 8)
        span = 0 if spec.schedule == "one-day" else rng.randint(1, 4)
    out = []
    for i in range(spec.n_units):
        day = start + timedelta(days=(i * (span + 1)) // max(spec.n_units, 1) if span else 0)
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        out.append(day.replace(hour=8 if i % 2 == 0 else 14))
    return out


def _sheets(rng, spec: Spec, superior: str, kind: str, region: str, units) -> dict:
    year, level = spec.year, spec.level
    cluster = f"Cụm thi đua số {rng.randint(1, 9)}"
    field_of_work = rng.choice(("công tác văn thư, lưu trữ", "công tác cải cách hành chính"))
    leader = units[0]
    visits = _days(rng, spec)
    last = max(visits)
    meeting = (last + timedelta(days=rng.randint(2, 8))).replace(hour=14, minute=0)
    if meeting.weekday() >= 5:
        meeting += timedelta(days=7 - meeting.weekday())
    nfd = (lambda t: unicodedata.normalize("NFD", t)) if spec.nfd else (lambda t: t)

    general = [
        ["Tên cụm", cluster],
        ["Lĩnh vực", field_of_work],
        ["Năm", year],
        ["Cấp trên", superior],
        ["Loại đơn vị", kind],
        ["Đơn vị cụm trưởng", leader[0]],
        ["Ngày kiểm tra", datetime(visits[0].year, visits[0].month, visits[0].day)],
        ["Bắt đầu họp", meeting],
        ["Kết thúc họp", meeting + timedelta(hours=2)],
        ["Địa điểm họp", f"trụ sở {leader[1]}"],
    ]
    if spec.team.endswith("-said"):
        general.append(["Đoàn chấm theo Cụm chấm", "có"])

    criteria = [
        ["1", "Công tác chỉ đạo, điều hành", 30],
        ["1.1", "Ban hành kế hoạch năm", 15],
        ["1.2", "Ban hành quy chế", 15],
        ["2", "Thể thức và kỹ thuật trình bày", 40],
        ["2.1", "Trình bày đúng thể thức", 20],
        ["2.2", "Quản lý văn bản đi, đến", 20],
        ["3", "Lưu trữ hồ sơ", 30],
        ["3.1", "Lập hồ sơ", 15],
        ["3.2", "Nộp lưu", 15],
    ]
    leaves = [(c[0], c[2]) for c in criteria if "." in c[0]]
    team_column = spec.team not in ("absent",)
    header = ["Mã đơn vị", "Mã tiêu chí", "Tự chấm", "Cụm chấm", "Ghi chú"] + (["Đoàn chấm"] if team_column else [])
    scores = [header]
    partial_unit = units[rng.randrange(len(units))][0]
    for code, _, _ in units:
        for i, (crit, maximum) in enumerate(leaves):
            own = maximum - rng.choice((0, 0, 1, 2))
            final = max(0, own - rng.choice((0, 0, 0, 1)))
            row = [code, crit, own, final, None]
            if team_column:
                team = None
                if (
                    spec.team in ("complete", "complete-said")
                    or spec.team == "partial"
                    and not (code == partial_unit and i < 2)
                ):
                    team = min(maximum, final + rng.choice((0, 0, 1)))
                row.append(team)
            scores.append(row)

    people = [["Họ tên", "Chức vụ", "Mã đơn vị", "Vai trò"]]
    names: dict[str, str] = {}
    for code, name, _ in units:
        head = _person(rng)
        names[code] = head
        people.append(
            [
                nfd(head),
                _title(spec.titles, "Phó Chủ tịch", name, level),
                code,
                "chủ trì" if code == leader[0] else "thành viên",
            ]
        )
        people.append([nfd(_person(rng)), _title(spec.titles, "Chủ tịch", name, level), code, "đại diện"])
        people.append([nfd(head), _title(spec.titles, "Phó Chủ tịch", name, level), code, "trưởng đoàn"])
        people.append([nfd(_person(rng)), "Công chức Văn phòng - Thống kê", code, "đoàn kiểm tra"])
    people.append([nfd(_person(rng)), "Công chức Văn phòng - Thống kê", leader[0], "thư ký"])

    schedule = [["Đơn vị được kiểm tra", "Đơn vị kiểm tra", "Thời gian", "Kết thúc"]]
    for i, (code, _, _) in enumerate(units):
        start = visits[i]
        schedule.append([code, units[(i + 1) % len(units)][0], start, start + timedelta(hours=2)])

    findings = [["Mã đơn vị", "Loại", "Nội dung"]]
    for code, _, _ in units[:3]:
        findings.append([code, "ưu điểm", "Chuẩn bị đầy đủ hồ sơ, tài liệu minh chứng"])
        findings.append([code, "hạn chế", "Một số hồ sơ chưa được lập đúng quy định"])

    awards = [["Đối tượng", "Tên", "Chức vụ", "Mã đơn vị", "Hình thức", "Thành tích", "Mức thưởng", "Quyết định"]]
    for i, form in enumerate(spec.authorities):
        unit = units[i % len(units)]
        awards.append(
            [
                "tập thể",
                nfd(unit[1]),
                None,
                unit[0],
                form,
                f"Dẫn đầu {cluster} về {field_of_work} năm {year}",
                None,
                None,
            ]
        )
        awards.append(
            [
                "cá nhân",
                nfd(_person(rng)),
                "Công chức Văn phòng - Thống kê",
                unit[0],
                form,
                f"Hoàn thành xuất sắc nhiệm vụ {field_of_work} năm {year}",
                None,
                None,
            ]
        )

    sheets = {
        "Chung": [["Mục", "Giá trị"], *general],
        "Đơn vị": [["Mã", "Tên đơn vị", "Tên ngắn"], *[[c, nfd(n), nfd(s)] for c, n, s in units]],
        "Tiêu chí": [["Mã", "Nội dung", "Điểm tối đa"], *criteria],
        "Chấm điểm": scores,
        "Người": people,
        "Lịch kiểm tra": schedule,
        "Nhận xét": findings,
        "Khen thưởng": awards,
    }
    sheets["Văn bản"] = _rows(rng, spec, superior, region, leader, cluster, visits, meeting)
    return sheets


def _upper_body(name: str) -> str:
    return name.replace("UBND", "ỦY BAN NHÂN DÂN", 1).upper()


def _rows(rng, spec: Spec, superior: str, region: str, leader, cluster: str, visits, meeting: datetime) -> list[list]:
    """The `Văn bản` sheet: none, some or all of the rows, as an office fills them."""
    header = [
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
    ]
    if spec.rows == "none":
        return [header]
    place = region.split(" ", 1)[1] if " " in region else region
    if region.startswith("thành phố"):  # `Hải Phòng`, not `phố Hải Phòng`
        place = region.split(" ", 2)[-1]
    superior_upper = _upper_body(superior)
    sở = superior.startswith("Sở")
    head = "GIÁM ĐỐC" if sở else "CHỦ TỊCH"
    plan_day = min(visits) - timedelta(days=rng.randint(10, 40))
    proposal_day = meeting + timedelta(days=rng.randint(0, 2))
    decision_day = proposal_day + timedelta(days=rng.randint(3, 12))
    leader_upper = _upper_body(leader[1])
    managing_leader = superior.upper().replace("UBND", "UBND") if not sở else f"UBND {region.upper()}"
    cluster_upper = cluster.upper()
    rows = {
        "ke-hoach": [
            "ke-hoach",
            f"UBND {region.upper()}" if sở else None,
            superior_upper,
            "SNV" if sở else "UBND",
            place,
            rng.randint(10, 300),
            datetime(plan_day.year, plan_day.month, plan_day.day),
            None if sở else "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
            f"PHÓ {head}" if sở else "PHÓ CHỦ TỊCH",
            _person(rng),
            None,
            f"Các đơn vị trong {cluster};\nLưu: VT.",
        ],
        "bien-ban-kiem-tra": [
            "bien-ban-kiem-tra",
            managing_leader,
            cluster_upper,
            "CTĐ",
            place,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        "bien-ban-hop-cum": [
            "bien-ban-hop-cum",
            managing_leader,
            cluster_upper,
            "CTĐ",
            place,
            None,
            None,
            None,
            None,
            None,
            None,
            f"{superior};\nCác đơn vị trong cụm;\nLưu: VT.",
        ],
        "to-trinh": [
            "to-trinh",
            managing_leader if not sở else None,
            leader_upper,
            "UBND" if leader[1].startswith("UBND") else "VP",
            leader[2],
            rng.randint(10, 90),
            datetime(proposal_day.year, proposal_day.month, proposal_day.day) if rng.random() < 0.6 else None,
            None,
            None,
            None,
            None,
            None,
        ],
        "tin-bai": [
            "tin-bai",
            None,
            superior_upper,
            None,
            None,
            None,
            meeting + timedelta(hours=3),
            None,
            None,
            leader[2],
            None,
            None,
        ],
        "quyet-dinh": [
            "quyet-dinh",
            f"UBND {region.upper()}" if sở else None,
            superior_upper,
            "SNV" if sở else "UBND",
            place,
            None,
            datetime(decision_day.year, decision_day.month, decision_day.day) if rng.random() < 0.5 else None,
            None,
            head,
            _person(rng),
            None,
            None,
        ],
    }
    chosen = list(rows) if spec.rows == "all" else rng.sample(list(rows), rng.randint(1, 4))
    return [header, *[rows[k] for k in rows if k in chosen]]


def write(spec: Spec, folder: Path) -> Path:
    """The campaign's workbook, `folder/du-lieu.xlsx`; the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in spec.sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(folder / "du-lieu.xlsx")
    return folder


def dates_of(spec: Spec) -> dict[str, date]:
    """The facts' dates (for the invariants): first and last inspection, the meeting."""
    visits = [r[2] for r in spec.sheets["Lịch kiểm tra"][1:]]
    meeting = next(v for k, v in spec.sheets["Chung"] if k == "Bắt đầu họp")
    return {"first": min(visits).date(), "last": max(visits).date(), "meeting": meeting.date()}
