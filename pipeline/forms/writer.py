"""Writing the self-scoring forms (openpyxl): one protected workbook per unit."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from ..files import save_workbook
from ..model import Campaign, Unit
from ..sanity import literal
from ..vietnamese import number
from . import (
    CAMPAIGN_LABEL,
    HEADER_ROW,
    HEADERS,
    SHEET,
    TOTAL,
    UNIT_LABEL,
    YEAR_LABEL,
    form_name,
)

WIDTHS = {"A": 12, "B": 72, "C": 12, "D": 12, "E": 32}

BOLD = Font(bold=True)
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="BDD7EE")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells a unit fills
UNLOCKED = Protection(locked=False)


def _excel_number(value: float):
    """Whole numbers as int, so Excel shows 10 rather than 10.0."""
    return int(value) if float(value).is_integer() else float(value)


def row_height(text: str, width: float) -> float:
    """Points for a row whose wrapped `text` sits in a column `width` characters wide: every
    line shown (Excel and LibreOffice do not grow a row written with a height of its own)."""
    per_line = max(int(width * 1.1) - 2, 1)  # characters of Vietnamese text per line
    lines = sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))
    return 15.0 * lines + 4


def _self_scores(campaign: Campaign, unit: str) -> dict[str, float]:
    """The unit's `Tự chấm` already known to the campaign (blank ones left out)."""
    frame = campaign.scores
    mine = frame[frame["unit"] == unit]
    return {crit: float(value) for crit, value in zip(mine["criterion"], mine["self"]) if pd.notna(value)}


def form_workbook(campaign: Campaign, unit: Unit) -> Workbook:
    """The form of one unit, sheet `Tự chấm`: title (row 1), `Đơn vị:` and the unit's name
    (row 2), `Mã đơn vị` and its code (A3, B3), instructions (row 4), the header (row 5),
    every criterion (groups bold with SUM formulas; leaves' `Tự chấm` and `Ghi chú` unlocked,
    yellow, validated 0..max), then `Tổng cộng`. Protected without a password."""
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
    # What the form belongs to, read back when it returns (never its file name).
    ws["C2"], ws["D2"] = YEAR_LABEL, campaign.year
    ws["C3"] = CAMPAIGN_LABEL
    literal(ws["D3"], getattr(campaign, "name", "") or "")
    for cell in (ws["A2"], ws["A3"], ws["B2"], ws["B3"], ws["C2"], ws["C3"], ws["D2"], ws["D3"]):
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="left")
    ws["D3"].comment = Comment("Mã của đợt thi đua; giữ nguyên để biểu được nhận đúng đợt.", "Văn bản thi đua")
    ws["B3"].comment = Comment("Mã của đơn vị trong bảng tính của cụm; giữ nguyên mã này.", "Văn bản thi đua")
    ws["A4"] = (
        'Ghi điểm tự chấm vào các ô màu vàng của cột "Tự chấm" (từ 0 đến điểm tối đa; '
        "số thập phân như 9,5). Điểm của nhóm và tổng cộng tự tính. Lưu tệp dạng .xlsx "
        "rồi gửi lại đơn vị cụm trưởng."
    )
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
            cell.alignment = Alignment(
                vertical="top", wrap_text=column in (2, 5), horizontal="center" if column in (1, 3, 4) else None
            )
        ws.row_dimensions[row].height = row_height(criterion.content, WIDTHS["B"])

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
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=repr(float(maximum)),
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
        )
        dv.promptTitle = "Điểm tự chấm"
        dv.prompt = f"Ghi điểm tự chấm, từ 0 đến {shown}."
        dv.errorTitle = "Điểm chưa đúng"
        dv.error = (
            f"Điểm tự chấm phải là một số từ 0 đến {shown} (điểm tối đa của tiêu chí). "
            "Số thập phân dùng dấu phẩy (9,5); nếu máy dùng dấu chấm thập phân thì gõ 9.5."
        )
        ws.add_data_validation(dv)
        for row in rows:
            dv.add(f"D{row}")

    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4  # LibreOffice would otherwise print on Letter
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
    save_workbook(form_workbook(campaign, unit), Path(path))


def write_forms(campaign: Campaign, folder: Path) -> list[Path]:
    """One `bieu-tu-cham-<mã>.xlsx` per unit in `folder` (outputs/<campaign>/); the paths."""
    folder = Path(folder)
    written = []
    for unit in campaign.units:
        path = folder / form_name(unit.code)
        write_form(path, campaign, unit)
        written.append(path)
    return written
