"""The blank input workbook staff fill by hand (`make blank` -> outputs/du-lieu-trong.xlsx).

Every sheet and header of the contract (shared/spec/inputs.md), in contract order, after a
first sheet `Hướng dẫn` that explains each sheet and column in plain Vietnamese with an
example. The data sheets carry drop-down lists for the fixed vocabularies, number and date
validation, date formats, frozen and styled headers, so that the workbook, once filled,
loads and validates with no other change.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..contract import (
    AWARD_KINDS,
    DEFAULT_GRADES,
    FINDING_KINDS,
    GENERAL,
    GRANTED,
    PARTS_OF_DAY,
    ROLES,
    SCHEMAS,
    document_labels,
)
from ..files import save_workbook
from ..sanity import no_formulas
from .wording import EXTRAS, GENERAL_GUIDE, HOW_TO, SHEET_GUIDE, SUMMARY

GUIDE = "Hướng dẫn"
NOTES = "Ghi chú"  # optional extra sheet; the program does not read it
ROWS = 500  # data rows that get formats and validation (rows 2..ROWS+1)
LAST = ROWS + 1
DATE_FMT = "dd/mm/yyyy"
DATETIME_FMT = "dd/mm/yyyy hh:mm"
TEXT_FMT = "@"  # codes stay text: "1.10" is not 1.1, and "1.1" is never a date
AUTHOR = "Văn bản thi đua"

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADING = Font(bold=True, size=12, color="1F4E78")
HEADER_FILL = PatternFill("solid", fgColor="BDD7EE")  # required column
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")  # optional column
THIN = Side(style="thin", color="8EA9DB")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")

# --------------------------------------------------------------------------- data sheets

WIDTHS = {
    "Chung": [22, 48],
    "Đơn vị": [8, 32, 18],
    "Tiêu chí": [9, 90, 13],
    "Chấm điểm": [12, 13, 11, 11, 50, 11],
    "Xếp loại": [8, 10, 14],
    "Người": [26, 38, 12, 16],
    "Lịch kiểm tra": [22, 18, 18, 18],
    "Nhận xét": [12, 12, 90],
    "Khen thưởng": [12, 26, 32, 12, 42, 62, 12, 11],
    "Văn bản": [18, 22, 36, 9, 12, 8, 16, 24, 16, 20, 44, 36],
    "Ảnh": [26, 90],
}

UNIT_LIST = "'Đơn vị'!$A$2:$A$%d" % LAST
CRITERION_LIST = "'Tiêu chí'!$A$2:$A$%d" % LAST
DATE_MIN, DATE_MAX = "DATE(2000,1,1)", "DATE(2100,12,31)"


def _inline(values) -> str:
    return '"' + ",".join(values) + '"'


def _choices(values) -> str:
    return ", ".join(values)


def _list(values, what: str) -> DataValidation:
    return _validation(
        type="list",
        formula1=_inline(values),
        prompt=f"Chọn {what} trong danh sách: {_choices(values)}.",
        error=f"Giá trị không có trong danh sách. Chọn {what}: {_choices(values)}.",
    )


def _code_list(formula: str, what: str, sheet: str) -> DataValidation:
    """Codes typed in another sheet; a warning only, so the order of filling is free."""
    return _validation(
        type="list",
        formula1=formula,
        errorStyle="warning",
        prompt=f'Chọn hoặc gõ một mã đã có ở trang "{sheet}".',
        error=f'Mã này chưa có ở trang "{sheet}". Kiểm tra lại {what}, hoặc thêm mã vào trang "{sheet}" trước.',
    )


def _decimal(minimum: int, operator: str, prompt: str) -> DataValidation:
    bound = "lớn hơn" if operator == "greaterThan" else "lớn hơn hoặc bằng"
    return _validation(
        type="decimal",
        operator=operator,
        formula1=str(minimum),
        prompt=prompt,
        error=f"Cần một số {bound} {minimum}. Số thập phân dùng dấu phẩy (9,5); nếu máy dùng "
        "dấu chấm thập phân thì gõ 9.5.",
    )


def _date(with_time: bool, prompt: str) -> DataValidation:
    example = "17/8/2020 14:00" if with_time else "14/8/2020"
    return _validation(
        type="date",
        operator="between",
        formula1=DATE_MIN,
        formula2=DATE_MAX,
        prompt=prompt,
        error=f"Cần một ngày{' giờ' if with_time else ''} từ năm 2000 đến 2100, ghi theo thứ tự "
        f"ngày/tháng/năm, ví dụ {example}.",
    )


def _validation(type: str, prompt: str, error: str, **kwargs) -> DataValidation:
    dv = DataValidation(type=type, allow_blank=True, showInputMessage=True, showErrorMessage=True, **kwargs)
    dv.promptTitle = "Hướng dẫn nhập"
    dv.prompt = prompt[:255]
    dv.errorTitle = "Giá trị chưa đúng"
    dv.error = error[:255]
    return dv


def _column_rules(sheet: str) -> dict[str, tuple[DataValidation | None, str | None]]:
    """Column header -> (validation, number format) for a data sheet."""
    unit = _code_list(UNIT_LIST, "mã đơn vị", "Đơn vị")
    rules: dict[str, dict[str, tuple[DataValidation | None, str | None]]] = {
        "Đơn vị": {"Mã": (None, TEXT_FMT)},
        "Tiêu chí": {
            "Mã": (None, TEXT_FMT),
            "Điểm tối đa": (
                _decimal(0, "greaterThan", "Điểm tối đa của tiêu chí, lớn hơn 0. Nhóm: bằng tổng các tiêu chí con."),
                None,
            ),
        },
        "Chấm điểm": {
            "Mã đơn vị": (unit, TEXT_FMT),
            "Mã tiêu chí": (_code_list(CRITERION_LIST, "mã tiêu chí", "Tiêu chí"), TEXT_FMT),
            "Tự chấm": (
                _decimal(0, "greaterThanOrEqual", "Điểm đơn vị tự chấm, từ 0 đến điểm tối đa của tiêu chí."),
                None,
            ),
            "Đoàn chấm": (
                _decimal(0, "greaterThanOrEqual", "Điểm đoàn kiểm tra chấm tại buổi kiểm tra, từ 0 đến điểm tối đa."),
                None,
            ),
            "Cụm chấm": (
                _decimal(
                    0,
                    "greaterThanOrEqual",
                    "Điểm cụm chấm tại cuộc họp cụm, từ 0 đến điểm tối đa; để trống nếu chưa họp.",
                ),
                None,
            ),
        },
        "Xếp loại": {
            "Điểm từ": (
                _decimal(0, "greaterThanOrEqual", "Tổng điểm thấp nhất để đạt loại này; loại thấp nhất ghi 0."),
                None,
            )
        },
        "Người": {"Mã đơn vị": (unit, TEXT_FMT), "Vai trò": (_list(ROLES, "vai trò"), None)},
        "Lịch kiểm tra": {
            "Đơn vị được kiểm tra": (unit, TEXT_FMT),
            "Đơn vị kiểm tra": (_code_list(UNIT_LIST, "mã đơn vị", "Đơn vị"), TEXT_FMT),
            "Thời gian": (_date(True, "Ngày và giờ bắt đầu kiểm tra, ví dụ 14/8/2020 14:00."), DATETIME_FMT),
            "Kết thúc": (
                _date(
                    True,
                    "Ngày và giờ kết thúc kiểm tra, ví dụ 14/8/2020 16:00; để trống thì biên bản chừa chỗ viết tay.",
                ),
                DATETIME_FMT,
            ),
        },
        "Nhận xét": {"Mã đơn vị": (unit, TEXT_FMT), "Loại": (_list(FINDING_KINDS, "loại nhận xét"), None)},
        "Khen thưởng": {
            "Đối tượng": (_list(AWARD_KINDS, "đối tượng"), None),
            "Mã đơn vị": (unit, TEXT_FMT),
            "Mức thưởng": (
                _validation(
                    type="whole",
                    operator="greaterThanOrEqual",
                    formula1="0",
                    prompt="Tiền thưởng kèm theo, số đồng, ví dụ 447000.",
                    error="Cần số đồng (số nguyên, không âm), ví dụ 447000.",
                ),
                "#,##0",
            ),
            "Quyết định": (_list(tuple(GRANTED), "có hoặc không"), None),
        },
        "Văn bản": {
            "Văn bản": (_list(tuple(document_labels().values()), "loại văn bản"), None),
            "Số": (None, TEXT_FMT),
            "Ngày": (
                _date(
                    False, "Ngày ban hành, ví dụ 18/8/2020; để trống thì lấy ngày họp cụm. Tin bài: ngày và giờ đăng."
                ),
                DATE_FMT,
            ),
        },
    }
    return rules.get(sheet, {})


def _general_rules() -> dict[str, tuple[DataValidation | None, str | None]]:
    """Mục of `Chung` -> (validation, number format) for its `Giá trị` cell."""
    return {
        "Năm": (
            _validation(
                type="whole",
                operator="between",
                formula1="2000",
                formula2="2100",
                prompt="Năm thi đua, bốn chữ số, ví dụ 2020.",
                error="Cần một năm có bốn chữ số, từ 2000 đến 2100.",
            ),
            "0",
        ),
        "Đơn vị cụm trưởng": (_code_list(UNIT_LIST, "mã đơn vị", "Đơn vị"), TEXT_FMT),
        "Ngày kiểm tra": (_date(False, "Ngày kiểm tra thực tế, ví dụ 14/8/2020."), DATE_FMT),
        "Buổi kiểm tra": (_list(PARTS_OF_DAY, "buổi kiểm tra"), None),
        "Bắt đầu họp": (_date(True, "Ngày và giờ bắt đầu họp cụm, ví dụ 17/8/2020 14:00."), DATETIME_FMT),
        "Kết thúc họp": (_date(True, "Ngày và giờ kết thúc họp cụm, ví dụ 17/8/2020 16:30."), DATETIME_FMT),
        "Hạn nộp tự chấm": (_date(True, "Hạn gửi biểu tự chấm, ví dụ 10/8/2020 17:00."), DATETIME_FMT),
    }


def _header(ws: Worksheet, headers: list[str], required: set[str], widths: list[int], notes: dict[str, str]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL if cell.value in required else OPTIONAL_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if notes.get(cell.value):
            cell.comment = _comment(notes[cell.value])
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _comment(text: str) -> Comment:
    comment = Comment(text, AUTHOR)
    comment.width = 320
    comment.height = 40 + 18 * (len(text) // 45 + 1)
    return comment


def _data_sheet(book: Workbook, name: str) -> Worksheet:
    ws = book.create_sheet(name)
    schema = SCHEMAS[name]
    _, _, columns = SHEET_GUIDE[name]
    notes = {column: f"{meaning} Ví dụ: {example.replace(chr(10), ' / ')}" for column, _, meaning, example in columns}
    required = {c.header for c in schema if c.required}
    _header(ws, [c.header for c in schema], required, WIDTHS[name], notes)
    rules = _column_rules(name)
    for index, col in enumerate(schema, start=1):
        letter = get_column_letter(index)
        validation, number_format = rules.get(col.header, (None, None))
        if validation is not None:
            if validation not in ws.data_validations.dataValidation:
                ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{LAST}")
        if number_format is not None:
            for row in range(2, LAST + 1):
                ws.cell(row, index).number_format = number_format
    return ws


def _fill_general(ws: Worksheet) -> None:
    rules = _general_rules()
    for row, label in enumerate(GENERAL, start=2):
        needed, meaning, example = GENERAL_GUIDE[label]
        cell = ws.cell(row, 1, label)
        cell.comment = _comment(f"{meaning} Bắt buộc: {needed}. Ví dụ: {example}")
        cell.alignment = Alignment(vertical="top")
        if needed == "có":
            cell.font = BOLD
        validation, number_format = rules.get(label, (None, None))
        value = ws.cell(row, 2)
        value.alignment = WRAP_TOP
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(value.coordinate)
        if number_format is not None:
            value.number_format = number_format


def _fill_grades(ws: Worksheet) -> None:
    for grade in DEFAULT_GRADES:
        ws.append([grade.label, int(grade.min), grade.name])


# --------------------------------------------------------------------------- the guide


def _height(texts: list[tuple[str, int]]) -> float:
    """A row height fitting wrapped texts: (text, column width in characters)."""
    lines = 1
    for text, width in texts:
        count = sum(max(1, -(-len(part) // max(width - 2, 1))) for part in text.split("\n"))
        lines = max(lines, count)
    return 15 * lines + 3


GUIDE_WIDTHS = [26, 16, 72, 44]


def _paragraph(ws: Worksheet, text: str, font: Font | None = None) -> None:
    ws.append([text])
    row = ws.max_row
    ws.merge_cells(start_row=row, end_row=row, start_column=1, end_column=len(GUIDE_WIDTHS))
    cell = ws.cell(row, 1)
    cell.alignment = WRAP_TOP
    if font is not None:
        cell.font = font
    ws.row_dimensions[row].height = _height([(text, sum(GUIDE_WIDTHS))])


def _table(ws: Worksheet, header: list[str], rows: list[tuple[str, ...]]) -> None:
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for values in rows:
        ws.append(list(values))
        row = ws.max_row
        for cell in ws[row]:
            cell.border = BOX
            cell.alignment = WRAP_TOP
        ws.cell(row, 1).font = BOLD
        ws.row_dimensions[row].height = _height(list(zip(values, GUIDE_WIDTHS)))


def _guide(book: Workbook) -> None:
    ws = book.active
    ws.title = GUIDE
    for i, width in enumerate(GUIDE_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    _paragraph(ws, "HƯỚNG DẪN NHẬP SỐ LIỆU THI ĐUA (BẢNG TÍNH du-lieu.xlsx)", TITLE)
    ws.row_dimensions[1].height = 24
    ws.append([])
    _paragraph(ws, "Cách dùng", HEADING)
    for number, text in enumerate(HOW_TO, start=1):
        _paragraph(ws, f"{number}. {text}")
    ws.append([])
    _paragraph(ws, "Các trang tính", HEADING)
    _table(
        ws,
        ["Trang", "Bắt buộc?", "Dùng để", "Các cột"],
        [
            (name, "có" if needed else "không", SUMMARY[name], ", ".join(column for column, *_ in columns))
            for name, (needed, _, columns) in SHEET_GUIDE.items()
        ],
    )
    for name, (needed, purpose, columns) in SHEET_GUIDE.items():
        ws.append([])
        _paragraph(ws, f'Trang "{name}" ({"bắt buộc" if needed else "không bắt buộc"})', HEADING)
        _paragraph(ws, purpose)
        _table(ws, ["Cột", "Bắt buộc?", "Ý nghĩa", "Ví dụ"], columns)
        if name == "Chung":
            ws.append([])
            _paragraph(ws, 'Các mục của trang "Chung" (cột "Mục"):', BOLD)
            _table(ws, ["Mục", "Bắt buộc?", "Ý nghĩa", "Ví dụ"], [(label, *GENERAL_GUIDE[label]) for label in GENERAL])
    ws.append([])
    _paragraph(ws, "Phần thêm của chương trình (ngoài mẫu gốc)", HEADING)
    _table(ws, ["Phần thêm", "Bắt buộc?", "Ý nghĩa", ""], [(what, "không", meaning, "") for what, meaning in EXTRAS])
    ws.sheet_view.showGridLines = False


# --------------------------------------------------------------------------- printing


def _print_settings(ws: Worksheet) -> None:
    """A4, one page wide (as many pages down as needed), the header row on every page, page
    numbers in the footer. The guide is read on paper too: landscape keeps its text large."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "&A – trang &P/&N"
    if ws.title != GUIDE:
        ws.print_title_rows = "1:1"


# --------------------------------------------------------------------------- writing


def blank_workbook() -> Workbook:
    book = Workbook()
    _guide(book)
    for name in SCHEMAS:
        ws = _data_sheet(book, name)
        if name == "Chung":
            _fill_general(ws)
        elif name == "Xếp loại":
            _fill_grades(ws)
    notes = book.create_sheet(NOTES)
    _header(notes, ["Nội dung", "Nguồn"], set(), [100, 45], {})
    for ws in book.worksheets:
        _print_settings(ws)
    book.active = 0
    book.properties.title = "Mẫu trống: dữ liệu một đợt thi đua"
    book.properties.creator = AUTHOR
    return book


def write_blank_workbook(path: Path) -> None:
    """Write the blank workbook (every contract sheet, the guide, validations) to `path`."""
    book = blank_workbook()
    no_formulas(book)  # it holds none: any text that looks like one stays text
    save_workbook(book, Path(path))
