"""The workbook of every unit's link (`duong-dan-nop-<campaign>.xlsx`), to paste into messages.

Every text goes through the package's one text-writing helper: a unit named like a formula
(`=HYPERLINK(…)`) stays text in every office the workbook is opened in.
"""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from . import write_text

HEADERS = ("Mã đơn vị", "Tên đơn vị", "Đường dẫn gửi biểu tự chấm", "Hạn nộp")
WIDTHS = {"A": 12, "B": 40, "C": 90, "D": 18}


def link_workbook(campaign: str, rows: list[tuple[str, str, str]], deadline: datetime | None) -> bytes:
    """`rows`: (unit code, unit name, link) in the workbook's order; the .xlsx bytes."""
    book = Workbook()
    ws = book.active
    ws.title = "Đường dẫn"
    for column, header in enumerate(HEADERS, start=1):
        cell = write_text(ws.cell(1, column), header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="BDD7EE")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    shown = deadline.strftime("%H:%M %d/%m/%Y") if deadline else "không đặt hạn"
    for row, (code, name, link) in enumerate(rows, start=2):
        for column, value in enumerate((code, name, link, shown), start=1):
            write_text(ws.cell(row, column), value)
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    book.properties.title = f"Đường dẫn gửi biểu tự chấm: {campaign}"
    book.properties.creator = "Văn bản thi đua"
    from ..sanity import no_formulas

    no_formulas(book)  # nothing to compute: never recalculated on open
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
