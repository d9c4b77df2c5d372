"""A filled example workbook (`make blank` -> outputs/du-lieu-mau.xlsx; the page's "bảng
tính mẫu"): the blank workbook with one whole campaign in it, of the shape most offices
now have.

Since 1 July 2025 wards and communes sit directly under their province or city, and the
clusters of wards are run and rewarded by a department of the city: here four wards of
Hà Nội, the cross-inspection of their records offices planned by the Sở Nội vụ, whose
Giám đốc grants the Giấy khen. Every name, number and score is invented for the
example (the `Ghi chú` sheet says so); the amounts of money are left blank rather than
guessed. The blank workbook itself stays empty: nothing of the example can slip into a
real campaign.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from . import kinds as registry
from .blank import NOTES, blank_workbook
from .contract import document_labels
from .files import save_workbook
from .sanity import no_formulas

YEAR = 2026
CLUSTER = "Cụm thi đua số 4"
FIELD = "công tác văn thư, lưu trữ"
SUPERIOR = "Sở Nội vụ thành phố Hà Nội"
CITY = "UBND THÀNH PHỐ HÀ NỘI"
DEPARTMENT = "SỞ NỘI VỤ THÀNH PHỐ HÀ NỘI"
AWARD = "Giấy khen của Giám đốc Sở Nội vụ thành phố Hà Nội"

GENERAL = {
    "Tên cụm": CLUSTER,
    "Lĩnh vực": FIELD,
    "Năm": YEAR,
    "Cấp trên": SUPERIOR,
    "Loại đơn vị": "phường",
    "Đơn vị cụm trưởng": "BD",
    "Ngày kiểm tra": datetime(YEAR, 9, 15),
    "Buổi kiểm tra": "chiều",
    "Bắt đầu họp": datetime(YEAR, 9, 18, 14, 0),
    "Kết thúc họp": datetime(YEAR, 9, 18, 16, 30),
    "Địa điểm họp": "trụ sở UBND phường Bồ Đề",
}

UNITS = [
    ("BD", "UBND phường Bồ Đề", "Bồ Đề"),
    ("LB", "UBND phường Long Biên", "Long Biên"),
    ("VH", "UBND phường Việt Hưng", "Việt Hưng"),
    ("PL", "UBND phường Phúc Lợi", "Phúc Lợi"),
]

CRITERIA = [
    ("1", "Công tác chỉ đạo, điều hành, ban hành văn bản hướng dẫn về văn thư, lưu trữ", 10),
    ("1.1", f"Ban hành kế hoạch công tác văn thư, lưu trữ năm {YEAR} và văn bản chỉ đạo, hướng dẫn thực hiện", 5),
    ("1.2", "Ban hành Quy chế công tác văn thư, lưu trữ và Danh mục hồ sơ của cơ quan", 5),
    ("2", "Thể thức và kỹ thuật trình bày văn bản", 20),
    ("2.1", "Văn bản hành chính trình bày đúng thể thức, kỹ thuật theo Nghị định số 30/2020/NĐ-CP", 10),
    ("2.2", "Văn bản ban hành đúng thẩm quyền, trình tự; bản gốc văn bản được lưu đầy đủ", 10),
    ("3", "Quản lý văn bản đi, văn bản đến và lập hồ sơ", 30),
    ("3.1", "Đăng ký, quản lý văn bản đi, văn bản đến trên hệ thống quản lý văn bản", 15),
    ("3.2", "Lập hồ sơ điện tử và nộp lưu hồ sơ vào lưu trữ cơ quan đúng thời hạn", 15),
    ("4", "Kho lưu trữ, bảo quản và số hóa tài liệu", 40),
    ("4.1", "Bố trí kho lưu trữ và trang thiết bị bảo quản tài liệu đúng quy định", 20),
    ("4.2", "Chỉnh lý, số hóa tài liệu lưu trữ của các đơn vị hành chính trước sắp xếp", 20),
]
LEAVES = [(code, points) for code, _, points in CRITERIA if "." in code]

# Points below the maximum: unit -> criterion -> (self, team, cluster, note). The team's
# and the meeting's scores are equal except where the meeting corrected the team.
DEDUCTIONS = {
    "BD": {"3.2": (14, 13, 13, "Một số hồ sơ điện tử chưa nộp lưu đúng hạn")},
    "LB": {"2.1": (9, 8, 8, "Một số văn bản còn sai sót về thể thức"), "4.2": (17, 16, 16.5, None)},
    "VH": {"1.2": (5, 4, 4, "Chưa ban hành Danh mục hồ sơ năm 2026"), "4.1": (18, 17, 17, None)},
    "PL": {"4.2": (19, 18.5, 18.5, None)},
}

PEOPLE = [
    ("Nguyễn Văn Hùng", "Phó Chủ tịch UBND phường Bồ Đề", "BD", "chủ trì"),
    ("Lê Thị Thu Hà", "Công chức văn thư", "BD", "thư ký"),
    ("Trần Minh Tuấn", "Phó Chủ tịch UBND phường Long Biên", "LB", "thành viên"),
    ("Phạm Thị Lan", "Phó Chủ tịch UBND phường Việt Hưng", "VH", "thành viên"),
    ("Đỗ Quang Huy", "Phó Chủ tịch UBND phường Phúc Lợi", "PL", "thành viên"),
    ("Nguyễn Văn Hùng", "Phó Chủ tịch UBND phường Bồ Đề", "BD", "trưởng đoàn"),
    ("Lê Thị Thu Hà", "Công chức văn thư", "BD", "đoàn kiểm tra"),
    ("Trần Minh Tuấn", "Phó Chủ tịch UBND phường Long Biên", "LB", "trưởng đoàn"),
    ("Vũ Thị Hồng", "Công chức văn thư", "LB", "đoàn kiểm tra"),
    ("Phạm Thị Lan", "Phó Chủ tịch UBND phường Việt Hưng", "VH", "trưởng đoàn"),
    ("Hoàng Văn Nam", "Công chức văn thư", "VH", "đoàn kiểm tra"),
    ("Đỗ Quang Huy", "Phó Chủ tịch UBND phường Phúc Lợi", "PL", "trưởng đoàn"),
    ("Bùi Thị Mai", "Công chức văn thư", "PL", "đoàn kiểm tra"),
    ("Đặng Văn Thắng", "Chủ tịch UBND phường Bồ Đề", "BD", "đại diện"),
    ("Ngô Thị Bích", "Chủ tịch UBND phường Long Biên", "LB", "đại diện"),
    ("Lý Văn Sơn", "Chủ tịch UBND phường Việt Hưng", "VH", "đại diện"),
    ("Tạ Thị Hạnh", "Chủ tịch UBND phường Phúc Lợi", "PL", "đại diện"),
]

# Each ward is inspected by the next one, the last by the first, on the day of Chung.
SCHEDULE = [(UNITS[i][0], UNITS[(i + 1) % len(UNITS)][0]) for i in range(len(UNITS))]

FINDINGS = [
    *[
        (code, "ưu điểm", "Chuẩn bị đầy đủ báo cáo, hồ sơ, tài liệu minh chứng phục vụ kiểm tra")
        for code, _, _ in UNITS
    ],
    ("BD", "ưu điểm", "Kho lưu trữ rộng, đủ trang thiết bị; đã số hóa tài liệu của các phường cũ trước sắp xếp"),
    ("PL", "ưu điểm", "Kho lưu trữ rộng, đủ trang thiết bị; đã số hóa tài liệu của các phường cũ trước sắp xếp"),
    ("LB", "hạn chế", "Một số văn bản còn sai sót về thể thức"),
    ("VH", "hạn chế", "Chưa ban hành Danh mục hồ sơ năm 2026"),
    ("BD", "hạn chế", "Một số hồ sơ điện tử chưa nộp lưu đúng hạn"),
    ("LB", "kiến nghị", "Rà soát, trình bày văn bản đúng thể thức theo Nghị định số 30/2020/NĐ-CP"),
    ("VH", "kiến nghị", "Ban hành Danh mục hồ sơ và lập hồ sơ theo danh mục"),
]

AWARDS = [
    ("tập thể", "UBND phường Phúc Lợi", None, "PL", AWARD, f"Dẫn đầu {CLUSTER} về {FIELD} năm {YEAR}", None, "có"),
    (
        "cá nhân",
        "Lê Thị Thu Hà",
        "Công chức văn thư",
        "BD",
        AWARD,
        f"Hoàn thành xuất sắc nhiệm vụ {FIELD} năm {YEAR}",
        None,
        "có",
    ),
    (
        "cá nhân",
        "Bùi Thị Mai",
        "Công chức văn thư",
        "PL",
        AWARD,
        f"Hoàn thành xuất sắc nhiệm vụ {FIELD} năm {YEAR}",
        None,
        "có",
    ),
]


def _documents() -> list[tuple]:
    """The `Văn bản` rows, by the labels the drop-down offers."""
    label = document_labels()
    cluster_body = CLUSTER.upper()
    return [
        (
            label[registry.PLAN],
            CITY,
            "SỞ NỘI VỤ",
            "SNV",
            "Hà Nội",
            215,
            datetime(YEAR, 3, 20),
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Trần Thị Minh Hà",
            None,
            f"UBND các phường {CLUSTER.lower().replace('cụm', 'Cụm', 1)};\nGiám đốc Sở (để b/c);\nLưu: VT, CCVTLT.",
        ),
        (
            label[registry.INSPECTION],
            DEPARTMENT,
            cluster_body,
            "CTĐ",
            "Hà Nội",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ),
        (
            label[registry.MEETING],
            DEPARTMENT,
            cluster_body,
            "CTĐ",
            "Hà Nội",
            None,
            None,
            None,
            None,
            None,
            None,
            f"{SUPERIOR};\nUBND các phường trong cụm;\nLưu: VT.",
        ),
        (
            label[registry.PROPOSAL],
            None,
            "ỦY BAN NHÂN DÂN PHƯỜNG BỒ ĐỀ",
            "UBND",
            "Bồ Đề",
            112,
            datetime(YEAR, 9, 21),
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn Hùng",
            SUPERIOR,
            "Như trên;\nLưu: VT, VP.",
        ),
        (
            label[registry.NEWS],
            None,
            DEPARTMENT,
            None,
            None,
            None,
            datetime(YEAR, 9, 19, 10, 30),
            None,
            None,
            "Phường Bồ Đề",
            None,
            None,
        ),
        (
            label[registry.DECISION],
            CITY,
            "SỞ NỘI VỤ",
            "SNV",
            "Hà Nội",
            None,
            datetime(YEAR, 9, 30),
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Trần Thị Minh Hà",
            None,
            "Như Điều 3;\nGiám đốc Sở (để b/c);\nLưu: VT, CCVTLT.",
            # `Căn cứ thẩm quyền`: the city's decision on the Sở, its number and date to write in
            "Căn cứ Quyết định số ……/QĐ-UBND ngày …… của Ủy ban nhân dân thành phố Hà Nội quy định "
            "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ thành phố Hà Nội",
        ),
    ]


NOTES_ROWS = [
    (
        "Bảng tính mẫu: mọi tên người, số, ngày và điểm ở đây đều là giả định để minh họa, "
        "không lấy từ đợt thi đua có thật. Đừng tải bảng tính này lên làm dữ liệu thật; hãy dùng "
        "bảng tính trống.",
        "Minh họa",
    ),
    (
        "Cụm gồm bốn phường của thành phố Hà Nội sau sắp xếp đơn vị hành chính năm 2025 (phường "
        "trực thuộc thành phố); Sở Nội vụ ban hành kế hoạch kiểm tra chéo và Giám đốc Sở tặng "
        "Giấy khen.",
        "Minh họa",
    ),
    ('Cột "Mức thưởng" để trống: ghi số tiền thưởng theo quy định hiện hành nếu có.', "Minh họa"),
    (
        'Trang "Ảnh" để trống: tải ảnh lên cùng bảng tính (và ghi tên tệp ở trang "Ảnh") nếu muốn tin bài có ảnh.',
        "Minh họa",
    ),
]


def _rows(ws, rows) -> None:
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(number, column, value)


def example_workbook() -> Workbook:
    book = blank_workbook()
    chung = book["Chung"]
    for row in range(2, chung.max_row + 1):
        label = chung.cell(row, 1).value
        if label in GENERAL:
            chung.cell(row, 2, GENERAL[label])
    _rows(book["Đơn vị"], UNITS)
    _rows(book["Tiêu chí"], CRITERIA)
    scores = []
    for code, _, _ in UNITS:
        for criterion, points in LEAVES:
            own, team, cluster, note = DEDUCTIONS[code].get(criterion, (points, points, points, None))
            scores.append((code, criterion, own, cluster, note, team))
    _rows(book["Chấm điểm"], scores)
    _rows(book["Người"], PEOPLE)
    _rows(
        book["Lịch kiểm tra"],
        [
            (inspected, inspector, datetime(YEAR, 9, 15, 14, 0), datetime(YEAR, 9, 15, 16, 30))
            for inspected, inspector in SCHEDULE
        ],
    )
    _rows(book["Nhận xét"], FINDINGS)
    _rows(book["Khen thưởng"], AWARDS)
    _rows(book["Văn bản"], _documents())
    _rows(book[NOTES], NOTES_ROWS)
    book.properties.title = "Bảng tính mẫu: một đợt thi đua đã điền (giả định)"
    return book


def write_example_workbook(path: Path) -> None:
    """Write the filled example workbook to `path`."""
    book = example_workbook()
    no_formulas(book)
    save_workbook(book, Path(path))
