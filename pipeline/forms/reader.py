"""The self-scoring forms read back (load.read_forms gives their grids): their scores, checked
against the campaign, and merged with the workbook's."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .. import cells
from ..errors import Problem
from ..load import RawForm, form_header, form_label, header_key
from ..vietnamese import number
from . import CAMPAIGN_LABEL, CODE, FOLDER, SCORE, SHEET, UNIT_LABEL, YEAR_LABEL


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
    its file name, including units whose form gave no usable score; `.times` the same units
    to their form's modification time (seconds since the epoch)."""

    def __init__(self):
        super().__init__()
        self.files: dict[str, str] = {}
        self.times: dict[str, float] = {}


@dataclass(frozen=True)
class Identity:
    """The campaign a returned form must belong to: its folder name and its year."""

    name: str
    year: int | None


_LABELS = {header_key(CAMPAIGN_LABEL), header_key(YEAR_LABEL)}
_TITLE_YEAR = re.compile(r"\bNĂM\s+(\d{4})\b", re.IGNORECASE)


def _beside(grid, label: str) -> tuple[int, int, object] | None:
    """(Excel row, column index, value) of the first value right of a `label` cell."""
    wanted = header_key(label)
    for number_, line in enumerate(grid, start=1):
        for index, value in enumerate(line):
            if _label(value) == wanted:
                for at in range(index + 1, len(line)):
                    if _label(line[at]) in _LABELS:
                        break
                    if _clean(line[at]) is not None:
                        return number_, at, _clean(line[at])
                return number_, index + 1, None
    return None


def _wrong_campaign(grid, identity: Identity) -> tuple[str, int | None, str | None] | None:
    """Why a form is not of `identity`'s campaign (message, row, column label), or None.

    The form's `Mã đợt` (when it has one) must be the campaign's folder name, and its year
    (`Năm`, or the year in its title for forms written before `Năm` was added) the
    campaign's year."""
    found = _beside(grid, CAMPAIGN_LABEL)
    if found is not None and identity.name:
        row, _, value = found
        given = cells.as_text(value) if value is not None else ""
        if given != identity.name:
            return (
                f'biểu này là của đợt "{given}", không phải của đợt "{identity.name}": '
                "hãy gửi biểu tự chấm của đợt này.",
                row,
                CAMPAIGN_LABEL,
            )
    if identity.year is None:
        return None
    year, row, column = None, None, None
    labelled = _beside(grid, YEAR_LABEL)
    if labelled is not None and labelled[2] is not None:
        row, column = labelled[0], YEAR_LABEL
        try:
            year = cells.as_int(labelled[2])
        except ValueError:
            year = None
    if year is None:
        for number_, line in enumerate(grid[:3], start=1):
            text = " ".join(str(_clean(v)) for v in line if _clean(v) is not None)
            match = _TITLE_YEAR.search(text)
            if match:
                year, row, column = int(match.group(1)), number_, None
                break
    if year is None:
        return ("không thấy năm của biểu tự chấm: hãy dùng biểu do đơn vị cụm trưởng gửi.", None, None)
    if year != identity.year:
        return (
            f"biểu này là của năm {year}, không phải năm {identity.year} của đợt này: "
            f"hãy gửi biểu tự chấm năm {identity.year}.",
            row,
            column,
        )
    return None


def _clean(value):
    if isinstance(value, str):
        value = cells.clean_text(value)
        return value or None
    return value


_label = form_label
_find_header = form_header


def _find_unit(grid) -> tuple[int, object] | None:
    """(Excel row, the code beside it) of the `Mã đơn vị` label; None without a label."""
    wanted = header_key(UNIT_LABEL)
    for row, line in enumerate(grid, start=1):
        for index, value in enumerate(line):
            if _label(value) == wanted:
                beside = next((_clean(v) for v in line[index + 1 :] if _clean(v) is not None), None)
                if _label(beside) in _LABELS:  # the next label (`Mã đợt`): the code is blank
                    beside = None
                return row, beside
    return None


def _unit_code(value, units: set[str]) -> str | None:
    code = cells.as_text(value)
    if code in units:
        return code
    same = [u for u in units if u.casefold() == code.casefold()]
    return same[0] if len(same) == 1 else None


def _reporter(problems: list[Problem], file: str):
    """A function adding a problem of the form `file` (sheet `Tự chấm` unless told)."""

    def problem(message: str, row: int | None = None, column: str | None = None, sheet: str | None = SHEET) -> None:
        problems.append(Problem(file, message, sheet, row, column))

    return problem


def read_forms(
    forms: list[RawForm], units: set[str], leaves: Mapping[str, float], identity: Identity | None = None
) -> tuple[FormScores, list[Problem]]:
    """The scores of the returned forms (load.read_forms: tu-cham/*.xlsx, by name).

    `units`: the unit codes of `Đơn vị`; `leaves`: leaf criterion code -> its maximum.
    Returns the scores, {(unit, criterion): (score, Place)}, and the problems, each naming
    the form's file, sheet `Tự chấm`, the Excel row and the column.
    `identity`: the campaign the forms must belong to (its `Mã đợt` and year); None skips it.
    """
    scores = FormScores()
    problems: list[Problem] = []
    groups = {code.rsplit(".", i)[0] for code in leaves for i in range(1, code.count(".") + 1)}
    for form in forms:
        file, grid = form.file, form.grid
        problem = _reporter(problems, file)
        if grid is None:
            problem(form.why, sheet=None)
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
            problem(f'không có đơn vị mã "{cells.as_text(raw_code)}" trong trang "Đơn vị".', unit_row, UNIT_LABEL)
            continue
        if unit in scores.files:
            problem(
                f"đơn vị {unit} đã có biểu tự chấm {scores.files[unit]}; mỗi đơn vị chỉ gửi một biểu.",
                unit_row,
                UNIT_LABEL,
            )
            continue
        if identity is not None:
            wrong = _wrong_campaign(grid, identity)
            if wrong is not None:
                problem(*wrong)
                continue
        header = _find_header(grid)
        if header is None:
            problem(f'không thấy dòng tiêu đề có các cột "{CODE}" và "{SCORE}".')
            continue
        scores.files[unit] = file
        scores.times[unit] = form.mtime
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
                problem(
                    f"điểm {number(score)} nằm ngoài khoảng 0 đến điểm tối đa {number(maximum)} của tiêu chí {code}.",
                    number_,
                    SCORE,
                )
                continue
            found_scores.append((code, score, Place(file, SHEET, number_, SCORE)))
        formulas = form.formula_rows & {row for row, _ in blank}
        if blank and len(blank) == len(seen) and not formulas:
            problem("biểu chưa có điểm tự chấm nào.")
        else:
            for row, code in blank:
                if row in formulas:
                    problem(
                        f"ô điểm của tiêu chí {code} là công thức chưa có giá trị: ghi "
                        "thẳng số điểm vào ô, hoặc mở biểu bằng Excel và lưu lại.",
                        row,
                        SCORE,
                    )
                else:
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
    workbook_time: float | None = None,
    warnings: list[str] | None = None,
) -> tuple[dict[Key, float], list[Problem]]:
    """Combine the `Tự chấm` cells of `Chấm điểm` with the forms' scores.

    `workbook`: (unit, leaf) -> (the cell's score or None when blank, Place of the cell);
    `forms`: what read_forms returned. A score in both that differs is a problem at the
    workbook cell naming the form and its row; equal scores are fine; a form fills a blank
    cell. A blank cell is a problem only when the unit sent no form (when it did, read_forms
    has already reported the leaf missing from it). Keys only in the forms are returned too.
    Returns (unit, leaf) -> self score, and the problems in the order of `workbook`.

    Given `workbook_time` (the workbook's modification time) and a `warnings` list, a form
    saved after the workbook wins where the two differ: its score is used and a warning
    naming both cells is appended to `warnings` instead of a problem.
    """
    times = getattr(forms, "times", {})
    covered = set(getattr(forms, "files", {})) | {unit for unit, _ in forms}
    merged: dict[Key, float] = {}
    problems: list[Problem] = []
    for key, (value, place) in workbook.items():
        unit, criterion = key
        form = forms.get(key)
        if value is None and form is None:
            if unit not in covered:
                problems.append(
                    place.problem(
                        f"chưa có điểm tự chấm của đơn vị {unit}, tiêu chí {criterion}: ghi ở ô này, "
                        f"hoặc chép biểu tự chấm của đơn vị vào thư mục {FOLDER}/."
                    )
                )
            continue
        if value is None:
            merged[key] = form[0]
            continue
        merged[key] = value
        if (
            form is not None
            and abs(form[0] - value) > 1e-9
            and warnings is not None
            and workbook_time is not None
            and times.get(unit, 0) > workbook_time
        ):
            merged[key] = form[0]
            warnings.append(
                f"điểm tự chấm của đơn vị {unit}, tiêu chí {criterion}: dùng điểm "
                f'{number(form[0])} của biểu tự chấm {form[1].file} (trang "{form[1].sheet}" '
                f'dòng {form[1].row}, cột "{form[1].column}"), gửi sau bảng tính, thay cho '
                f'điểm {number(value)} ở {place.file} (trang "{place.sheet}" dòng {place.row}, '
                f'cột "{place.column}").'
            )
        elif form is not None and abs(form[0] - value) > 1e-9:
            problems.append(
                place.problem(
                    f"điểm tự chấm {number(value)} của đơn vị {unit}, tiêu chí {criterion} khác với "
                    f"điểm {number(form[0])} ghi trong biểu tự chấm {form[1]}; sửa cho hai nơi giống "
                    "nhau, hoặc xóa điểm ở bảng tính để dùng điểm trong biểu."
                )
            )
    for key, (value, _) in forms.items():
        if key not in workbook:
            merged[key] = value
    return merged, problems
