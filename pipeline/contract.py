"""The input contract (shared/spec/inputs.md) in one place.

Sheets, their columns and parsers, the `Mục` of `Chung`, the fixed vocabularies,
the defaults and the CSV slugs: load, validate, the blank workbook, the
self-scoring forms and the tools all read them from here, the self-scoring form's own
layout too. The document kinds (the values of the `Văn bản` sheet) live in the registry,
pipeline/kinds.py, and the types of document in pipeline/doctypes.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NamedTuple

from . import cells
from .model import Grade

WORKBOOK = "du-lieu.xlsx"
PHOTOS_FOLDER = "anh"
FORMS_FOLDER = "tu-cham"  # returned self-scoring forms, bieu-tu-cham-<mã>.xlsx
FORMS_SHEET = "Tự chấm"  # the sheet of a unit's self-scoring form
# The self-scoring form (one workbook per unit, sheet `Tự chấm`): its labels and columns.
FORM_UNIT_LABEL = "Mã đơn vị"
FORM_YEAR_LABEL = "Năm"  # C2, the campaign's year beside it (D2)
FORM_CAMPAIGN_LABEL = "Mã đợt"  # C3, the campaign's folder name beside it (D3)
FORM_HEADERS = ("Mã tiêu chí", "Nội dung", "Điểm tối đa", "Tự chấm", "Ghi chú")
FORM_HEADER_ROW = 5
FORM_TOTAL = "Tổng cộng"


def form_name(unit_code: str) -> str:
    """The file a unit's self-scoring form is sent and returned as."""
    return f"bieu-tu-cham-{unit_code.lower()}.xlsx"


ROLES = ("chủ trì", "thư ký", "thành viên", "trưởng đoàn", "đoàn kiểm tra", "đại diện")
FINDING_KINDS = ("ưu điểm", "hạn chế", "kiến nghị")
AWARD_KINDS = ("tập thể", "cá nhân")
GRANTED = {"có": True, "không": False}  # `Quyết định` of `Khen thưởng`; blank = granted
PARTS_OF_DAY = ("sáng", "chiều")
DEFAULT_UNIT_KIND = "đơn vị"
DEFAULT_GRADES = (Grade("A", 85, "Xuất sắc"), Grade("B", 70, "Tốt"), Grade("C", 50, "Khá"), Grade("D", 0, "Trung bình"))


@dataclass(frozen=True)
class Col:
    header: str
    parse: Callable = cells.as_text
    required: bool = False


@dataclass(frozen=True)
class SheetSpec:
    name: str  # as the contract writes it
    slug: str  # the CSV file name without .csv
    columns: tuple[Col, ...]
    required: bool = False

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


SHEETS: dict[str, SheetSpec] = {
    s.name: s
    for s in (
        SheetSpec("Chung", "chung", (Col("Mục", required=True), Col("Giá trị")), True),
        SheetSpec(
            "Đơn vị",
            "don-vi",
            (Col("Mã", required=True), Col("Tên đơn vị", required=True), Col("Tên ngắn", required=True)),
            True,
        ),
        SheetSpec(
            "Tiêu chí",
            "tieu-chi",
            (Col("Mã", required=True), Col("Nội dung", required=True), Col("Điểm tối đa", cells.as_number, True)),
            True,
        ),
        SheetSpec(
            "Chấm điểm",
            "cham-diem",
            (
                Col("Mã đơn vị", required=True),
                Col("Mã tiêu chí", required=True),
                Col("Tự chấm", cells.as_number),
                Col("Cụm chấm", cells.as_number),
                Col("Ghi chú"),
                Col("Đoàn chấm", cells.as_number),
            ),
            True,
        ),  # added column: last, as staff add it
        SheetSpec(
            "Xếp loại", "xep-loai", (Col("Loại", required=True), Col("Điểm từ", cells.as_number, True), Col("Tên"))
        ),
        SheetSpec(
            "Người",
            "nguoi",
            (
                Col("Họ tên", required=True),
                Col("Chức vụ", required=True),
                Col("Mã đơn vị", required=True),
                Col("Vai trò", required=True),
            ),
            True,
        ),
        SheetSpec(
            "Lịch kiểm tra",
            "lich-kiem-tra",
            (
                Col("Đơn vị được kiểm tra", required=True),
                Col("Đơn vị kiểm tra", required=True),
                Col("Thời gian", cells.as_datetime),
                Col("Kết thúc", cells.as_datetime),
            ),
        ),
        SheetSpec(
            "Nhận xét",
            "nhan-xet",
            (Col("Mã đơn vị", required=True), Col("Loại", required=True), Col("Nội dung", required=True)),
        ),
        SheetSpec(
            "Khen thưởng",
            "khen-thuong",
            (
                Col("Đối tượng", required=True),
                Col("Tên", required=True),
                Col("Chức vụ"),
                Col("Mã đơn vị", required=True),
                Col("Hình thức", required=True),
                Col("Thành tích"),
                Col("Mức thưởng", cells.as_amount),
                Col("Quyết định"),
            ),
        ),
        SheetSpec(
            "Văn bản",
            "van-ban",
            (
                Col("Văn bản", required=True),
                Col("Cơ quan chủ quản"),
                Col("Cơ quan ban hành"),
                Col("Viết tắt"),
                Col("Địa danh"),
                Col("Số"),
                Col("Ngày", cells.as_datetime),
                Col("Thẩm quyền", cells.as_lines),
                Col("Chức vụ ký"),
                Col("Người ký"),
                Col("Kính gửi", cells.as_lines),
                Col("Nơi nhận", cells.as_lines),
                Col("Căn cứ thẩm quyền", cells.as_lines),
            ),
        ),  # added column: last, as staff add it
        SheetSpec("Ảnh", "anh", (Col("Tệp", required=True), Col("Chú thích"))),
    )
}

# Derived views, for the modules that only need one aspect.
SCHEMAS: dict[str, tuple[Col, ...]] = {name: spec.columns for name, spec in SHEETS.items()}
SHEET_SLUGS: dict[str, str] = {name: spec.slug for name, spec in SHEETS.items()}
REQUIRED_SHEETS: tuple[str, ...] = tuple(name for name, spec in SHEETS.items() if spec.required)


def is_campaign(folder: Path) -> bool:
    """A campaign folder holds the workbook, or the CSV file of `Chung`."""
    folder = Path(folder)
    return (folder / WORKBOOK).is_file() or (folder / f"{SHEET_SLUGS['Chung']}.csv").is_file()


class Item(NamedTuple):
    """One `Mục` of `Chung`."""

    attribute: str  # the Campaign field it fills
    parse: Callable
    required: bool


# Mục of `Chung`, in the order the blank workbook lists them.
GENERAL: dict[str, Item] = {
    "Tên cụm": Item("cluster", cells.as_text, True),
    "Lĩnh vực": Item("field_of_work", cells.as_text, True),
    "Năm": Item("year", cells.as_int, True),
    "Cấp trên": Item("superior", cells.as_text, True),
    "Loại đơn vị": Item("unit_kind", cells.as_text, False),
    "Đơn vị cụm trưởng": Item("leader", cells.as_text, True),
    "Căn cứ kế hoạch": Item("plan_basis", cells.as_text, False),
    "Ngày kiểm tra": Item("inspection_date", cells.as_date, True),
    "Buổi kiểm tra": Item("inspection_part_of_day", cells.as_text, False),
    "Bắt đầu họp": Item("meeting_start", cells.as_datetime, True),
    "Kết thúc họp": Item("meeting_end", cells.as_datetime, True),
    "Địa điểm họp": Item("meeting_place", cells.as_text, True),
    "Hạn nộp tự chấm": Item("self_score_deadline", cells.as_datetime, False),
    "Đoàn chấm theo Cụm chấm": Item("team_from_cluster", cells.as_text, False),
}
# `Đoàn chấm theo Cụm chấm`: `có` prints `Cụm chấm` as the team's scores of the day.
YES_NO = {"có": True, "không": False}

# The `Mục` the self-scoring forms need (they go out before the meeting is set).
FORMS_GENERAL = ("Lĩnh vực", "Năm")
FORMS_SHEETS = ("Chung", "Đơn vị", "Tiêu chí")


# --------------------------------------------------------------------------- `Văn bản` rows


def _label_key(text: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def document_labels() -> dict[str, str]:
    """A `Văn bản` row's kind -> its label as the drop-down offers it (Kế hoạch kiểm tra chéo)."""
    from . import kinds as registry

    return {slug: registry.kind(slug).label[:1].upper() + registry.kind(slug).label[1:] for slug in registry.ROWS}


def document_row(value: str) -> str | None:
    """A `Văn bản` cell -> its kind: the code (`ke-hoach`) or the label (`Kế hoạch kiểm tra
    chéo`), in any case; None for anything else."""
    from . import kinds as registry

    key = _label_key(value)
    if key in registry.ROWS:
        return key
    for slug, label in document_labels().items():
        if _label_key(label) == key:
            return slug
    return None
