"""Self-scoring forms: one workbook per unit, sent out, filled, dropped into `tu-cham/`.

`write_forms` writes `bieu-tu-cham-<mã>.xlsx` for every unit (`make forms`); `read_forms`
reads the filled forms back from `inputs/<campaign>/tu-cham/`; `merge_self_scores` combines
them with the `Tự chấm` column of `Chấm điểm`. Reading and merging only report problems
(pipeline.errors.Problem); validate.py decides what to do with them.
"""
from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from . import cells
from .blank import save_atomic
from .errors import Problem
from .load import header_key
from .model import Campaign, Unit
from .sanity import literal

SHEET = "Tự chấm"
FOLDER = "tu-cham"
UNIT_LABEL = "Mã đơn vị"
HEADERS = ("Mã tiêu chí", "Nội dung", "Điểm tối đa", "Tự chấm", "Ghi chú")
CODE, TEXT, MAX, SCORE, NOTE = HEADERS
HEADER_ROW = 5
TOTAL = "Tổng cộng"
WIDTHS = {"A": 12, "B": 72, "C": 12, "D": 12, "E": 32}

BOLD = Font(bold=True)
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="BDD7EE")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells a unit fills
UNLOCKED = Protection(locked=False)


def form_name(unit_code: str) -> str:
    return f"bieu-tu-cham-{unit_code.lower()}.xlsx"


# --------------------------------------------------------------------------- writing

def _excel_number(value: float):
    """Whole numbers as int, so Excel shows 10 rather than 10.0."""
    return int(value) if float(value).is_integer() else float(value)


def _self_scores(campaign: Campaign, unit: str) -> dict[str, float]:
    """The unit's `Tự chấm` already known to the campaign (blank ones left out)."""
    frame = campaign.scores
    mine = frame[frame["unit"] == unit]
    return {crit: float(value) for crit, value in zip(mine["criterion"], mine["self"])
            if pd.notna(value)}


def form_workbook(campaign: Campaign, unit: Unit) -> Workbook:
    """The form of one unit, sheet `Tự chấm`: title (row 1), `Đơn vị:` and the unit's name
    (row 2), `Mã đơn vị` and its code (A3, B3), instructions (row 4), the header (row 5),
    every criterion (groups bold with SUM formulas; leaves' `Tự chấm` and `Ghi chú` unlocked,
    yellow, validated 0..max), then `Tổng cộng`. Protected without a password."""
    from .vietnamese import number

    book = Workbook()
    ws = book.active
    ws.title = SHEET
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width

    literal(ws["A1"], f"BIỂU TỰ CHẤM ĐIỂM {campaign.field_of_work.upper()} NĂM {campaign.year}")
    ws["A1"].font = Font(bold=True, size=13)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells("A1:E1")
    ws.row_dimensions[1].height = 36
    ws["A2"], ws["A3"] = "Đơn vị:", UNIT_LABEL
    literal(ws["B2"], unit.name)  # data from the workbook: text, never a formula
    literal(ws["B3"], unit.code)
    for cell in (ws["A2"], ws["A3"], ws["B2"], ws["B3"]):
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="left")
    ws["B3"].comment = Comment("Mã của đơn vị trong bảng tính của cụm; giữ nguyên mã này.",
                               "Văn bản thi đua")
    ws["A4"] = ("Ghi điểm tự chấm vào các ô màu vàng của cột \"Tự chấm\" (từ 0 đến điểm tối đa; "
                "số thập phân như 9,5). Điểm của nhóm và tổng cộng tự tính. Lưu tệp dạng .xlsx "
                "rồi gửi lại đơn vị cụm trưởng.")
    ws["A4"].font = Font(italic=True)
    ws["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A4:E4")
    ws.row_dimensions[4].height = 32

    for column, header in enumerate(HEADERS, start=1):
        cell = ws.cell(HEADER_ROW, column, header)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    known = _self_scores(campaign, unit.code)
    row_of: dict[str, int] = {}
    row = HEADER_ROW
    for criterion in campaign.criteria:
        row += 1
        row_of[criterion.code] = row
    by_row: dict[float, list[int]] = {}  # leaf maximum -> rows, one validation each
    for criterion in campaign.criteria:
        row = row_of[criterion.code]
        literal(ws.cell(row, 1), criterion.code)
        literal(ws.cell(row, 2), criterion.content)
        ws.cell(row, 3, _excel_number(criterion.max))
        if criterion.is_group:
            children = [c.code for c in campaign.criteria if c.parent == criterion.code]
            ws.cell(row, 4, "=SUM(" + ",".join(f"D{row_of[c]}" for c in children) + ")")
            for column in range(1, 6):
                ws.cell(row, column).font = BOLD
                ws.cell(row, column).fill = GROUP_FILL
        else:
            if criterion.code in known:
                ws.cell(row, 4, _excel_number(known[criterion.code]))
            for column in (4, 5):
                ws.cell(row, column).protection = UNLOCKED
                ws.cell(row, column).fill = INPUT_FILL
            by_row.setdefault(criterion.max, []).append(row)
        for column in range(1, 6):
            cell = ws.cell(row, column)
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=column in (2, 5),
                                       horizontal="center" if column in (1, 3, 4) else None)

    total_row = HEADER_ROW + len(campaign.criteria) + 1
    top = [c for c in campaign.criteria if c.parent is None]
    ws.cell(total_row, 2, TOTAL)
    ws.cell(total_row, 3, _excel_number(sum(c.max for c in top)))
    if top:
        ws.cell(total_row, 4, "=SUM(" + ",".join(f"D{row_of[c.code]}" for c in top) + ")")
    for column in range(1, 6):
        cell = ws.cell(total_row, column)
        cell.font = BOLD
        cell.border = BOX
        cell.fill = GROUP_FILL
        cell.alignment = Alignment(horizontal="center" if column != 5 else None)

    for maximum, rows in by_row.items():
        shown = number(maximum)
        dv = DataValidation(type="decimal", operator="between", formula1="0",
                            formula2=repr(float(maximum)), allow_blank=True,
                            showInputMessage=True, showErrorMessage=True)
        dv.promptTitle = "Điểm tự chấm"
        dv.prompt = f"Ghi điểm tự chấm, từ 0 đến {shown}."
        dv.errorTitle = "Điểm chưa đúng"
        dv.error = (f"Điểm tự chấm phải là một số từ 0 đến {shown} (điểm tối đa của tiêu chí). "
                    "Số thập phân dùng dấu phẩy (9,5); nếu máy dùng dấu chấm thập phân thì gõ 9.5.")
        ws.add_data_validation(dv)
        for row in rows:
            dv.add(f"D{row}")

    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True  # no password: it guards against slips, not against people
    ws.protection.formatColumns = False  # widening a column is allowed
    ws.protection.formatRows = False
    book.calculation.fullCalcOnLoad = True
    book.properties.title = f"Biểu tự chấm điểm: {unit.name}"
    book.properties.creator = "Văn bản thi đua"
    return book


def write_form(path: Path, campaign: Campaign, unit: Unit) -> None:
    """Write the form of `unit` to `path` (atomically)."""
    save_atomic(form_workbook(campaign, unit), Path(path))


def write_forms(campaign: Campaign, folder: Path) -> list[Path]:
    """One `bieu-tu-cham-<mã>.xlsx` per unit in `folder` (outputs/<campaign>/); the paths."""
    folder = Path(folder)
    written = []
    for unit in campaign.units:
        path = folder / form_name(unit.code)
        write_form(path, campaign, unit)
        written.append(path)
    return written


# --------------------------------------------------------------------------- reading

@dataclass(frozen=True)
class Place:
    """Where a value was read: enough to build a Problem pointing at it."""

    file: str
    sheet: str
    row: int
    column: str

    def problem(self, message: str) -> Problem:
        return Problem(self.file, message, self.sheet, self.row, self.column)

    def __str__(self) -> str:
        return f"{self.file} (dòng {self.row})"


Key = tuple[str, str]  # (unit code, leaf criterion code)


class FormScores(dict):
    """(unit, criterion) -> (score, Place); `.files` maps each unit with a readable form to
    its file name, including units whose form gave no usable score."""

    def __init__(self):
        super().__init__()
        self.files: dict[str, str] = {}


def _grid(path: Path):
    """The `Tự chấm` sheet as a grid, or a message saying why it cannot be read."""
    from python_calamine import CalamineWorkbook

    try:
        if not zipfile.is_zipfile(path):
            raise ValueError
        book = CalamineWorkbook.from_path(str(path))
    except Exception:
        return None, ("không đọc được tệp này như một bảng tính Excel (.xlsx). Hãy mở bằng Excel "
                      "và lưu lại dưới dạng Excel Workbook (.xlsx).")
    wanted = header_key(SHEET)
    for name in book.sheet_names:
        if header_key(name) == wanted:
            return book.get_sheet_by_name(name).to_python(skip_empty_area=False), None
    return None, f'không có trang tính "{SHEET}" (giữ nguyên trang này của biểu tự chấm).'


def _clean(value):
    if isinstance(value, str):
        value = cells.clean_text(value)
        return value or None
    return value


def _label(value) -> str | None:
    value = _clean(value)
    return header_key(str(value)).rstrip(":").strip() if value is not None else None


def _find_unit(grid) -> tuple[int, object] | None:
    """(Excel row, the code beside it) of the `Mã đơn vị` label; None without a label."""
    wanted = header_key(UNIT_LABEL)
    for number, line in enumerate(grid, start=1):
        for index, value in enumerate(line):
            if _label(value) == wanted:
                beside = next((_clean(v) for v in line[index + 1:] if _clean(v) is not None), None)
                return number, beside
    return None


def _find_header(grid) -> tuple[int, dict[str, int]] | None:
    """(Excel row, header key -> column index) of the row holding `Mã tiêu chí` and `Tự chấm`."""
    need = {header_key(CODE), header_key(SCORE)}
    for number, line in enumerate(grid, start=1):
        columns: dict[str, int] = {}
        for index, value in enumerate(line):
            key = _label(value)
            if key is not None and key not in columns:
                columns[key] = index
        if need <= set(columns):
            return number, columns
    return None


def _unit_code(value, units: set[str]) -> str | None:
    code = cells.as_text(value)
    if code in units:
        return code
    same = [u for u in units if u.casefold() == code.casefold()]
    return same[0] if len(same) == 1 else None


def read_forms(folder: Path, units: set[str],
               leaves: Mapping[str, float]) -> tuple[FormScores, list[Problem]]:
    """Read every `*.xlsx` of `folder` (inputs/<campaign>/tu-cham/) with python-calamine.

    `units`: the unit codes of `Đơn vị`; `leaves`: leaf criterion code -> its maximum.
    Returns the scores, {(unit, criterion): (score, Place)}, and the problems, each naming
    the form's file, sheet `Tự chấm`, the Excel row and the column. A missing folder
    gives nothing and no problem. Excel's lock files (`~$…`) and hidden files are skipped.
    """
    from .vietnamese import number

    scores = FormScores()
    problems: list[Problem] = []
    folder = Path(folder)
    if not folder.is_dir():
        return scores, problems
    paths = sorted(p for p in folder.iterdir()
                   if p.suffix.lower() == ".xlsx" and p.is_file()
                   and not p.name.startswith(("~$", ".")))
    groups = {code.rsplit(".", i)[0] for code in leaves for i in range(1, code.count(".") + 1)}
    for path in paths:
        file = path.name

        def problem(message: str, row: int | None = None, column: str | None = None,
                    sheet: str | None = SHEET) -> None:
            problems.append(Problem(file, message, sheet, row, column))

        grid, why = _grid(path)
        if grid is None:
            problem(why, sheet=None)
            continue
        found = _find_unit(grid)
        if found is None:
            problem(f'không thấy ô "{UNIT_LABEL}" ghi mã của đơn vị tự chấm.')
            continue
        unit_row, raw_code = found
        if raw_code is None:
            problem(f'chưa ghi mã đơn vị bên cạnh ô "{UNIT_LABEL}".', unit_row, UNIT_LABEL)
            continue
        unit = _unit_code(raw_code, units)
        if unit is None:
            problem(f'không có đơn vị mã "{cells.as_text(raw_code)}" trong trang "Đơn vị".',
                    unit_row, UNIT_LABEL)
            continue
        if unit in scores.files:
            problem(f"đơn vị {unit} đã có biểu tự chấm {scores.files[unit]}; mỗi đơn vị chỉ "
                    "gửi một biểu.", unit_row, UNIT_LABEL)
            continue
        header = _find_header(grid)
        if header is None:
            problem(f'không thấy dòng tiêu đề có các cột "{CODE}" và "{SCORE}".')
            continue
        scores.files[unit] = file
        header_row, columns = header
        code_at, score_at = columns[header_key(CODE)], columns[header_key(SCORE)]
        seen: dict[str, int] = {}
        blank: list[tuple[int, str]] = []
        found_scores: list[tuple[str, float, Place]] = []
        for number_, line in enumerate(grid[header_row:], start=header_row + 1):
            raw = _clean(line[code_at]) if code_at < len(line) else None
            if raw is None:
                continue  # the Tổng cộng row, blank rows
            code = cells.as_text(raw)
            if code in groups:
                continue  # a group: its score is a formula over its children
            if code not in leaves:
                problem(f'mã tiêu chí "{code}" không có trong trang "Tiêu chí".', number_, CODE)
                continue
            if code in seen:
                problem(f"tiêu chí {code} đã có ở dòng {seen[code]}.", number_, CODE)
                continue
            seen[code] = number_
            value = _clean(line[score_at]) if score_at < len(line) else None
            if value is None:
                blank.append((number_, code))
                continue
            try:
                score = cells.as_number(value)
            except ValueError as exc:
                problem(f"{exc}.", number_, SCORE)
                continue
            maximum = leaves[code]
            if not 0 <= score <= maximum:
                problem(f"điểm {number(score)} nằm ngoài khoảng 0 đến điểm tối đa "
                        f"{number(maximum)} của tiêu chí {code}.", number_, SCORE)
                continue
            found_scores.append((code, score, Place(file, SHEET, number_, SCORE)))
        if blank and len(blank) == len(seen):
            problem("biểu chưa có điểm tự chấm nào.")
        else:
            for row, code in blank:
                problem(f"chưa ghi điểm tự chấm của tiêu chí {code}.", row, SCORE)
        missing = [code for code in leaves if code not in seen]
        if missing:
            problem(f"biểu thiếu dòng của các tiêu chí: {', '.join(missing)}.")
        for code, score, place in found_scores:
            scores[unit, code] = (score, place)
    return scores, problems


# --------------------------------------------------------------------------- merging

def merge_self_scores(
    workbook: Mapping[Key, tuple[float | None, Place]],
    forms: Mapping[Key, tuple[float, Place]],
) -> tuple[dict[Key, float], list[Problem]]:
    """Combine the `Tự chấm` cells of `Chấm điểm` with the forms' scores.

    `workbook`: (unit, leaf) -> (the cell's score or None when blank, Place of the cell);
    `forms`: what read_forms returned. A score in both that differs is a problem at the
    workbook cell naming the form and its row; equal scores are fine; a form fills a blank
    cell. A blank cell is a problem only when the unit sent no form (when it did, read_forms
    has already reported the leaf missing from it). Keys only in the forms are returned too.
    Returns (unit, leaf) -> self score, and the problems in the order of `workbook`.
    """
    from .vietnamese import number

    covered = set(getattr(forms, "files", {})) | {unit for unit, _ in forms}
    merged: dict[Key, float] = {}
    problems: list[Problem] = []
    for key, (value, place) in workbook.items():
        unit, criterion = key
        form = forms.get(key)
        if value is None and form is None:
            if unit not in covered:
                problems.append(place.problem(
                    f"chưa có điểm tự chấm của đơn vị {unit}, tiêu chí {criterion}: ghi ở ô này, "
                    f"hoặc chép biểu tự chấm của đơn vị vào thư mục {FOLDER}/."))
            continue
        if value is None:
            merged[key] = form[0]
            continue
        merged[key] = value
        if form is not None and abs(form[0] - value) > 1e-9:
            problems.append(place.problem(
                f"điểm tự chấm {number(value)} của đơn vị {unit}, tiêu chí {criterion} khác với "
                f"điểm {number(form[0])} ghi trong biểu tự chấm {form[1]}; sửa cho hai nơi giống "
                "nhau, hoặc xóa điểm ở bảng tính để dùng điểm trong biểu."))
    for key, (value, _) in forms.items():
        if key not in workbook:
            merged[key] = value
    return merged, problems
