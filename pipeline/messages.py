"""Problems as staff read them: one line per cause, with every cell it affects.

Validation reports one problem per cell. Where the same cause hits several cells of one
column (the same message, the same sheet and column), staff read it once, with the rows
and the cells' addresses: `du-lieu.xlsx › Người › dòng 3, 7 › cột "Chức vụ" › ô B3, B7:
ô bị bỏ trống; cột này bắt buộc.` The terminal, LOI.txt and the web page's table all
read these groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Problem

SHOWN = 12  # rows and cells listed in full before "…"


@dataclass(frozen=True)
class Group:
    """One cause: a message and the cells (rows) of one sheet and column it concerns."""

    file: str
    sheet: str | None
    column: str | None
    message: str
    rows: tuple[int, ...]
    cells: tuple[str, ...]

    @property
    def row_text(self) -> str:
        return _listed([str(r) for r in self.rows])

    @property
    def cell_text(self) -> str:
        return _listed(list(self.cells))

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.rows:
            parts.append(f"dòng {self.row_text}")
        if self.column:
            parts.append(f'cột "{self.column}"')
        if self.cells:
            parts.append(f"ô {self.cell_text}")
        return " › ".join(parts) + ": " + self.message


def _listed(items: list[str]) -> str:
    if len(items) <= SHOWN:
        return ", ".join(items)
    return ", ".join(items[:SHOWN]) + f"… ({len(items)} ô)"


def groups(problems: list[Problem]) -> list[Group]:
    """The problems gathered by cause, in the order the first of each came."""
    found: dict[tuple, tuple[list[int], list[str]]] = {}
    for problem in problems:
        key = (problem.file, problem.sheet, problem.column, problem.message)
        rows, cells = found.setdefault(key, ([], []))
        if problem.row is not None and problem.row not in rows:
            rows.append(problem.row)
        if problem.cell and problem.cell not in cells:
            cells.append(problem.cell)
    return [
        Group(file, sheet, column, message, tuple(rows), tuple(cells))
        for (file, sheet, column, message), (rows, cells) in found.items()
    ]


def lines(problems: list[Problem]) -> list[str]:
    """One line per cause (the terminal's and LOI.txt's)."""
    return [str(group) for group in groups(problems)]
