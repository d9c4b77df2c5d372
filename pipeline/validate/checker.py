"""The checker every sheet's check writes to: the problems and warnings found, each at its
cell, and what each holds back."""

from __future__ import annotations

import re
from dataclasses import replace


from ..contract import (
    FORMS_SHEET,
    REQUIRED_SHEETS,
    SCHEMAS,
)
from ..errors import Problem
from ..load import RawCampaign, Sheet
from ..messages import lines


# The score frame: `team` is `Đoàn chấm`; without team scores, `Cụm chấm` when `Chung` says
# `Đoàn chấm theo Cụm chấm: có`, else blank (the minutes leave the column to write by hand).
SCORE_COLUMNS = ["unit", "criterion", "self", "team", "cluster", "note", "row"]
MEETING_ROLES = ("chủ trì", "thư ký")
UNIT_CODE = re.compile(r"[A-Za-z0-9]+")
CRITERION_CODE = re.compile(r"\d+(\.\d+)*")


def _choices(values) -> str:
    return ", ".join(f'"{v}"' for v in values)


class _Checker:
    """Collects problems while converting sheets into records."""

    def __init__(self, raw: RawCampaign, required_sheets=REQUIRED_SHEETS, required_items: set[str] | None = None):
        self.raw = raw
        self.required_sheets = required_sheets
        # `Mục` of `Chung` that must have a value (None: those the contract requires)
        self.required_items = required_items
        self.problems: list[Problem] = []
        self.warnings: list[str] = []  # located like problems, but nothing is held back
        self.unit_order: dict[str, int] = {}
        self.year: int | None = None  # `Năm`, once read: the returned forms must match it
        self.warnings: list[str] = []
        # Problems of the facts only some documents need (see `need`).
        self.needed: list[Problem] = []
        self.held: dict[str, list[Problem]] = {}  # kind -> problems holding it back
        self.held_units: dict[str, dict[str, list[Problem]]] = {}  # kind -> unit -> problems

    def need(self, slugs, problem: Problem, unit: str | None = None) -> None:
        """A problem with a fact that the kinds `slugs` need (for `unit`'s document only,
        given `unit`): it holds back those documents, and no other."""
        slugs = list(slugs)
        if not slugs:
            return
        problem = self._addressed(problem)  # with its cell (ô D14), as every problem shown
        if problem not in self.needed:
            self.needed.append(problem)
        for slug in slugs:
            if unit is None:
                self.held.setdefault(slug, []).append(problem)
            else:
                self.held_units.setdefault(slug, {}).setdefault(unit, []).append(problem)

    def add(self, message: str, sheet: Sheet | str, row: int | None = None, column: str | None = None) -> None:
        if isinstance(sheet, Sheet):
            file, name = sheet.file, sheet.name
        else:
            file, name = self.raw.file_of(sheet), sheet
        self.problems.append(Problem(file, message, name, row, column))

    def sorted_problems(self) -> list[Problem]:
        """Sheet by sheet in contract order, rows in order, sheet-wide problems last; each
        about one cell of the workbook with its address (ô D14)."""
        order = {name: i for i, name in enumerate(SCHEMAS)}
        order[FORMS_SHEET] = order["Chấm điểm"] + 0.5  # the self-scoring forms
        return sorted(
            (self._addressed(p) for p in self.problems),
            key=lambda p: (order.get(p.sheet, -1), p.row if p.row is not None else 10**9),
        )

    def _addressed(self, problem: Problem) -> Problem:
        sheet = self.raw.sheets.get(problem.sheet) if problem.sheet else None
        if problem.cell or sheet is None or sheet.file != problem.file:
            return problem
        return replace(problem, cell=sheet.cell(problem.column, problem.row))

    def records(self, name: str) -> list[dict] | None:
        """The sheet's rows as dicts of typed values (None where a cell is bad or blank)."""
        sheet = self.raw.sheets.get(name)
        if sheet is None:
            if name in self.required_sheets:
                self.add(f'thiếu trang tính "{name}" (bắt buộc).', name)
            return None
        if name not in REQUIRED_SHEETS and not sheet.rows:
            return None  # an optional sheet left empty (as in the blank workbook) is absent
        schema = SCHEMAS[name]
        missing = [c.header for c in schema if c.required and not sheet.has(c.header)]
        for header in missing:
            self.add(f'thiếu cột "{header}" ở dòng tiêu đề.', sheet, sheet.header_row or 1)
        if missing:
            return None
        out = []
        for row in sheet.rows:
            record = {"_row": row.number, "_sheet": sheet}
            for col in schema:
                value = row.get(col.header)
                if value is None:
                    if col.required:
                        self.add("ô bị bỏ trống; cột này bắt buộc.", sheet, row.number, col.header)
                    record[col.header] = None
                    continue
                try:
                    record[col.header] = col.parse(value)
                except ValueError as exc:
                    self.add(str(exc) + ".", sheet, row.number, col.header)
                    record[col.header] = None
                    record.setdefault("_bad", set()).add(col.header)
            out.append(record)
        return out

    def at(self, record: dict, column: str | None, message: str) -> None:
        self.add(message, record["_sheet"], record["_row"], column)

    def warn_at(self, records: list[dict], column: str, message: str) -> None:
        """One warning about the cells of `column` in `records` (rows and addresses)."""
        sheet = records[0]["_sheet"]
        self.warnings += lines(
            [
                Problem(sheet.file, message, sheet.name, r["_row"], column, sheet.cell(column, r["_row"]))
                for r in records
            ]
        )


def _known(ck: _Checker, rec: dict, column: str, code: str | None, codes: set[str] | None) -> bool:
    """Whether a unit code refers to a unit; reports it when not. Unknown when `codes` is None."""
    if code is None or codes is None or code in codes:
        return True
    ck.at(rec, column, f'không có đơn vị mã "{code}" trong trang "Đơn vị".')
    return False


def _choice(ck: _Checker, values: dict, where: dict, key: str, label: str, allowed: dict) -> None:
    """A `Chung` item that takes one of a few words: its value read through `allowed`
    (case-insensitive), or an error at its cell and the item dropped."""
    said = values.get(key)
    if said is None:
        return
    if said.lower() in allowed:
        values[key] = allowed[said.lower()]
        return
    words = " hoặc ".join(f'"{word}"' for word in allowed)
    ck.at(where[key], "Giá trị", f'"{label}" phải là {words}, không phải "{said}".')
    del values[key]
