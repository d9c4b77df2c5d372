"""Small checks on values that look fine one at a time but break documents together.

- Codes that differ only by case (`PL` and `pl`) name the same file on Windows
  and in the output names (which are lower case): one unit's minutes would
  overwrite the other's.
- A year outside a sane range (`0020`) would be printed as "năm 20".
- A photo must stay inside the campaign's `anh/` folder: no absolute path, no
  `../`, no symbolic link leading out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .cells import YEAR_MAX, YEAR_MIN  # noqa: F401 (the range, for the blank workbook)


def same_but_case(code: str, known: Iterable[str]) -> str | None:
    """A known code equal to `code` ignoring case (but not equal to it), if any."""
    folded = code.casefold()
    return next((k for k in known if k != code and k.casefold() == folded), None)


def check_year(year: int, typed) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        from .cells import as_text

        shown = as_text(typed)
        raise ValueError(
            f'năm "{shown}" không hợp lệ: cần một năm từ {YEAR_MIN} đến {YEAR_MAX}, viết đủ bốn chữ số (ví dụ 2020)'
        )


def inside(folder: Path, name: str) -> bool:
    """Whether `folder/name` (symbolic links followed) lies inside `folder`."""
    if Path(name).is_absolute() or name.startswith(("/", "\\")) or name[1:3] in (":/", ":\\"):
        return False
    try:
        real = Path(os.path.realpath(Path(folder) / name))
        root = Path(os.path.realpath(folder))
    except (OSError, ValueError):
        return False
    return real != root and real.is_relative_to(root)


MAX_PHOTO_PIXELS = 50_000_000  # a 50-megapixel camera; decoding stays far under 1 GiB


class PhotoTooLarge(ValueError):
    pass


def check_pixels(path: Path, size: tuple[int, int]) -> None:
    """Refuse a photo whose pixel count (read from its header) is over the limit."""
    width, height = size
    if width * height > MAX_PHOTO_PIXELS:
        raise PhotoTooLarge(
            f'ảnh "anh/{Path(path).name}" có {width} × {height} điểm ảnh, quá giới hạn '
            f"{MAX_PHOTO_PIXELS // 1_000_000} triệu điểm ảnh: hãy thu nhỏ ảnh (ví dụ còn rộng "
            "2000 điểm ảnh) rồi lưu lại."
        )


# ------------------------------------------------------------ text into workbooks we write

FORMULA_STARTS = ("=", "+", "-", "@")  # what Excel (or LibreOffice) may take for a formula


def literal(cell, value):
    """Put `value` in an openpyxl cell; text always as text, never as a formula.

    openpyxl turns any string starting with `=` into a formula; `=HYPERLINK(…)` or
    `=cmd|…` in a unit's name would then run in every office the form is sent to.
    Text starting with `=`, `+`, `-` or `@` also gets Excel's quote prefix, so that
    editing the cell later keeps it text.
    """
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.lstrip().startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def no_formulas(book) -> None:
    """Make every formula-looking string of a workbook without formulas plain text, and
    stop it recalculating on open (openpyxl sets that by default): nothing to compute."""
    book.calculation.fullCalcOnLoad = False
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and (
                    cell.data_type == "f" or cell.value.lstrip().startswith(FORMULA_STARTS)
                ):
                    literal(cell, cell.value)


def write_row(ws, values, row: int | None = None) -> int:
    """Write `values` as one row of `ws` (after its last row, or at `row`), every value
    through `literal`: the one way text from data enters any workbook the project writes
    (forms, blank workbook, yearly summary, the units' links). Returns the row number."""
    if row is None:  # openpyxl reports max_row 1 for a sheet without any cell
        row = ws.max_row + 1 if ws._cells else 1
    for column, value in enumerate(values, start=1):
        literal(ws.cell(row=row, column=column), value)
    return row


# The program's own formulas: sums of cells by reference, nothing else.
OWN_FORMULA = r"SUM\(\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?(,\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?)*\)"
