"""A returned form checked on arrival with the build's own rules, then stored in tu-cham/.

`check` writes the bytes to a scratch folder and reads them with `forms.reader.read_forms`,
exactly as the build reads `tu-cham/`: the campaign (`Mã đợt`) and year, a unit of the
campaign, every criterion, scores within their maxima, no formula without a value. Before
that, the file's type (an .xlsx by name and by content) and size. Each error comes back
with the cell it is about (`D12`), read from the form's own layout.
"""

from __future__ import annotations

import dataclasses
import io
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from .. import cells
from . import write_text
from ..contract import FORMS_FOLDER
from ..errors import InputError, ValidationError
from ..files import write_atomic
from ..forms import CAMPAIGN_LABEL, HEADERS, NOTE, SHEET, UNIT_LABEL, YEAR_LABEL, form_name
from ..forms import reader
from ..load import read_form
from ..load import header_key, load_campaign
from ..validate import FormsBasis, validate_for_forms
from ..vietnamese import number

MAX_FORM = 2 * 1024 * 1024  # bytes: a filled form is about 10 kB
ZIP = b"PK\x03\x04"


def basis(folder: Path) -> FormsBasis:
    """What checking a form needs (`Lĩnh vực`, `Năm`, the units and the criteria); raises
    ValidationError when those are wrong, InputError when the workbook cannot be read."""
    return validate_for_forms(load_campaign(Path(folder), photos=False))


def basis_and_typed(folder: Path) -> tuple[FormsBasis, set[str]]:
    """The basis, and the units whose every `Tự chấm` is already typed in `Chấm điểm`
    (staff copied them in by hand: nothing to wait for from those units)."""
    raw = load_campaign(Path(folder), photos=False)
    made = validate_for_forms(raw)
    sheet = raw.sheets.get("Chấm điểm")
    if sheet is None:
        return made, set()
    wanted, have = set(leaves(made)), {}
    for row in sheet.rows:
        unit, code, value = row.get("Mã đơn vị"), row.get("Mã tiêu chí"), row.get("Tự chấm")
        if unit is not None and code is not None and value is not None:
            have.setdefault(cells.as_text(unit), set()).add(cells.as_text(code))
    return made, {u for u, codes in have.items() if wanted <= codes}


def leaves(basis_: FormsBasis) -> dict[str, float]:
    return {c.code: c.max for c in basis_.criteria if not c.is_group}


@dataclass
class Verdict:
    """What checking one form found: its unit (when it names one), scores, total, errors."""

    unit: str | None
    scores: dict[str, float] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (cell or field, message)

    @property
    def accepted(self) -> bool:
        return self.unit is not None and not self.errors

    @property
    def total(self) -> float | None:
        return sum(self.scores.values()) if self.accepted else None


def _letters(grid) -> dict[str, str]:
    """Column label (as Problem.column names it) -> the column letter in this form."""
    found: dict[str, str] = {}
    header = reader._find_header(grid)
    if header is not None:
        for key, index in header[1].items():
            found[key] = get_column_letter(index + 1)
    for label in (UNIT_LABEL, YEAR_LABEL, CAMPAIGN_LABEL):
        beside = reader._beside(grid, label)
        if beside is not None:
            found[header_key(label)] = get_column_letter(beside[1] + 1)
    return found


def _cell(letters: dict[str, str], row: int | None, column: str | None) -> str:
    letter = letters.get(header_key(column)) if column else None
    if row is not None and letter:
        return f"{letter}{row}"
    if row is not None:
        return f"dòng {row}"
    return ""


def _unit_of(grid, units: set[str]) -> str | None:
    found = reader._find_unit(grid)
    if found is None or found[1] is None:
        return None
    return reader._unit_code(found[1], units)


def check(
    basis_: FormsBasis, data: bytes, filename: str = "bieu-tu-cham.xlsx", expected_unit: str | None = None
) -> Verdict:
    """Check a returned form's bytes against the campaign; nothing is written anywhere."""
    units = {u.code for u in basis_.units}
    if len(data) > MAX_FORM:
        return Verdict(
            None,
            errors=[
                (
                    "",
                    f"tệp nặng {len(data) // 1024} kB, quá giới hạn "
                    f"{MAX_FORM // (1024 * 1024)} MB của một biểu tự chấm.",
                )
            ],
        )
    if filename and Path(filename).suffix.lower() != ".xlsx":
        return Verdict(None, errors=[("", "chỉ nhận biểu tự chấm dạng bảng tính Excel (.xlsx).")])
    if not data.startswith(ZIP):
        return Verdict(None, errors=[("", "nội dung tệp không phải bảng tính Excel (.xlsx).")])
    with tempfile.TemporaryDirectory(prefix="vanban-bieu-") as scratch:
        folder = Path(scratch) / FORMS_FOLDER
        folder.mkdir()
        path = folder / "bieu.xlsx"
        path.write_bytes(data)
        form = read_form(path)
        grid = form.grid
        unit = _unit_of(grid, units) if grid is not None else None
        letters = _letters(grid) if grid is not None else {}
        if expected_unit is not None and unit is not None and unit != expected_unit:
            return Verdict(
                unit,
                errors=[
                    (
                        _cell(letters, *_unit_row(grid)),
                        f"biểu này là của đơn vị {unit}, không phải của đơn vị "
                        f"{expected_unit}: hãy gửi biểu của chính đơn vị mình.",
                    )
                ],
            )
        scores, problems = reader.read_forms([form], units, leaves(basis_), reader.Identity(basis_.name, basis_.year))
    errors = [(_cell(letters, p.row, p.column), p.message) for p in problems]
    mine = {code: value for (who, code), (value, _) in scores.items() if who == unit}
    return Verdict(unit, mine if not errors else {}, errors)


def _unit_row(grid) -> tuple[int | None, str | None]:
    found = reader._find_unit(grid)
    return (found[0], UNIT_LABEL) if found else (None, None)


# --------------------------------------------------------------------------- storing


def _unit_in_file(path: Path, units: set[str]) -> str | None:
    grid = read_form(path).grid
    return _unit_of(grid, units) if grid is not None else None


def store(folder: Path, basis_: FormsBasis, unit: str, data: bytes, when: datetime | None = None) -> Path:
    """Write an accepted form as `tu-cham/bieu-tu-cham-<mã>.xlsx` of the campaign `folder`.

    The unit's previous form (under that name or any other in tu-cham/) is kept in
    `.truoc/` with the time in its name, then removed from tu-cham/, so the build reads
    exactly one form per unit. The caller holds the campaign's lock."""
    from ..web.uploads import keep_previous

    when = when or datetime.now()
    forms = Path(folder) / FORMS_FOLDER
    forms.mkdir(parents=True, exist_ok=True)
    target = forms / form_name(unit)
    units = {u.code for u in basis_.units}
    for other in sorted(forms.glob("*.xlsx")):
        if other.name != target.name and not other.name.startswith(("~$", ".")) and _unit_in_file(other, units) == unit:
            keep_previous(Path(folder), other, when)
            other.unlink()
    if target.is_file() and target.read_bytes() != data:
        keep_previous(Path(folder), target, when)
    write_atomic(target, data)
    return target


def by_hand(folder: Path, basis_: FormsBasis) -> dict[str, datetime]:
    """Units with a form in tu-cham/ (however it got there) -> that file's time."""
    forms = Path(folder) / FORMS_FOLDER
    units = {u.code for u in basis_.units}
    found: dict[str, datetime] = {}
    if not forms.is_dir():
        return found
    for path in sorted(forms.glob("*.xlsx")):
        if path.name.startswith(("~$", ".")):
            continue
        unit = _unit_in_file(path, units)
        if unit is not None:
            found[unit] = datetime.fromtimestamp(path.stat().st_mtime)
    return found


# --------------------------------------------------------------------------- the entry form


def field_name(code: str) -> str:
    """The name of a criterion's number field on the score-entry form."""
    return "diem-" + code


def note_name(code: str) -> str:
    return "ghi-chu-" + code


def entry_form(
    basis_: FormsBasis, unit: str, values: dict[str, str], notes: dict[str, str]
) -> tuple[bytes | None, list[tuple[str, str]]]:
    """The score-entry form's fields -> the unit's filled form (.xlsx bytes), or the errors,
    each naming its field (`Tiêu chí 1.2`). The bytes then go through `check` like any
    returned form."""
    errors: list[tuple[str, str]] = []
    scores: dict[str, float] = {}
    for code, maximum in leaves(basis_).items():
        label = f"Tiêu chí {code}"
        typed = (values.get(code) or "").strip()
        if not typed:
            errors.append((label, f"chưa ghi điểm tự chấm của tiêu chí {code}."))
            continue
        try:
            score = cells.as_number(typed)
        except ValueError as exc:
            errors.append((label, f"{exc}."))
            continue
        if not 0 <= score <= maximum:
            errors.append(
                (
                    label,
                    f"điểm {number(score)} nằm ngoài khoảng 0 đến điểm tối đa {number(maximum)} của tiêu chí {code}.",
                )
            )
            continue
        scores[code] = score
    if errors:
        return None, errors
    from ..forms.writer import form_workbook

    frame = pd.DataFrame([{"unit": unit, "criterion": c, "self": v} for c, v in scores.items()])
    filled = dataclasses.replace(basis_, scores=frame)
    book = form_workbook(filled, next(u for u in basis_.units if u.code == unit))
    ws = book[SHEET]
    note_column = HEADERS.index(NOTE) + 1
    for row in ws.iter_rows(min_row=1):
        code = cells.as_text(row[0].value) if row[0].value is not None else ""
        note = (notes.get(code) or "").strip()
        if code in scores and note:
            write_text(ws.cell(row[0].row, note_column), note[:500])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), []


def problems_of(error: Exception) -> list[tuple[str, str]]:
    """A workbook that cannot give the forms' basis: its problems as (where, message)."""
    if isinstance(error, ValidationError):
        return [(str(p).split(": ", 1)[0], p.message) for p in error.problems]
    if isinstance(error, InputError):
        return [("", str(error))]
    raise error
