"""Reading the self-scoring forms back (through the loader), and merging their scores."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import cells
from ..errors import InputError, Problem
from ..load import header_key, open_workbook, read_grid
from ..vietnamese import number
from . import CODE, FOLDER, SCORE, SHEET, UNIT_LABEL


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
    try:
        book = open_workbook(path)
    except InputError as error:
        return None, str(error).removeprefix(f"{path.name}: ")
    wanted = header_key(SHEET)
    for name in book.sheet_names:
        if header_key(name) == wanted:
            return read_grid(book, name), None
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
