"""Check a raw campaign against the contract and build the typed Campaign.

Every problem is collected, then all are raised at once as a ValidationError.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from datetime import datetime

import pandas as pd

from . import cells, issuers, timeline
from . import kinds as registry
from .contract import (
    AWARD_KINDS, DEFAULT_GRADES, DEFAULT_UNIT_KIND, FINDING_KINDS, FORMS_GENERAL,
    FORMS_SHEET, FORMS_SHEETS, GENERAL, GRANTED, PARTS_OF_DAY, PHOTOS_FOLDER, REQUIRED_SHEETS,
    ROLES, SCHEMAS, YES_NO, document_labels, document_row,
)
from .errors import Problem, ValidationError
from .forms.reader import Identity, Place, merge_self_scores, read_forms
from .load import RawCampaign, Sheet, header_key
from .messages import lines
from .model import (
    Award, Campaign, Criterion, Finding, Grade, Inspection, Issuance, Person, Photo, Unit,
)
from .sanity import check_year, same_but_case
from .vietnamese import number

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

    def __init__(self, raw: RawCampaign, required_sheets=REQUIRED_SHEETS,
                 required_items: set[str] | None = None):
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

    def add(self, message: str, sheet: Sheet | str, row: int | None = None,
            column: str | None = None) -> None:
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
        return sorted((self._addressed(p) for p in self.problems),
                      key=lambda p: (order.get(p.sheet, -1), p.row if p.row is not None else 10**9))

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
        self.warnings += lines([Problem(sheet.file, message, sheet.name, r["_row"], column,
                                        sheet.cell(column, r["_row"])) for r in records])


def _known(ck: _Checker, rec: dict, column: str, code: str | None,
           codes: set[str] | None) -> bool:
    """Whether a unit code refers to a unit; reports it when not. Unknown when `codes` is None."""
    if code is None or codes is None or code in codes:
        return True
    ck.at(rec, column, f'không có đơn vị mã "{code}" trong trang "Đơn vị".')
    return False


def _choice(ck: _Checker, values: dict, where: dict, key: str, label: str,
            allowed: dict) -> None:
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


def _general(ck: _Checker) -> dict:
    values: dict = {}
    records = ck.records("Chung")
    if records is None:
        return values
    labels = {header_key(k): k for k in GENERAL}
    seen: dict[str, int] = {}
    where: dict[str, dict] = {}  # attribute -> its record, to point problems at the row
    for rec in records:
        label = rec["Mục"]
        if label is None:
            continue
        key = header_key(label)
        if key not in labels:
            close = difflib.get_close_matches(key, labels, n=1, cutoff=0.5)
            hint = f' Có phải là "{labels[close[0]]}"?' if close else ""
            ck.at(rec, "Mục", f'mục "{label}" không có trong danh sách các mục.{hint}')
            continue
        name = labels[key]
        if key in seen:
            ck.at(rec, "Mục", f'mục "{name}" bị ghi hai lần (đã có ở dòng {seen[key]}).')
            continue
        seen[key] = rec["_row"]
        attr, parse, required = GENERAL[name]
        required = required if ck.required_items is None else name in ck.required_items
        where[attr] = rec
        raw = ck.raw.sheets["Chung"].rows
        cell = next(r for r in raw if r.number == rec["_row"]).get("Giá trị")
        if cell is None:
            if required:
                ck.at(rec, "Giá trị", f'mục "{name}" chưa có giá trị.')
            continue
        try:
            values[attr] = parse(cell)
            if attr == "year":
                check_year(values[attr], cell)
        except ValueError as exc:
            values.pop(attr, None)
            ck.at(rec, "Giá trị", f"{exc}.")
    for name, (_attr, _, required) in GENERAL.items():
        required = required if ck.required_items is None else name in ck.required_items
        if required and header_key(name) not in seen:
            ck.add(f'thiếu mục "{name}" (bắt buộc).', ck.raw.sheets["Chung"])
    _choice(ck, values, where, "inspection_part_of_day", "Buổi kiểm tra",
            {part: part for part in PARTS_OF_DAY})
    _choice(ck, values, where, "team_from_cluster", "Đoàn chấm theo Cụm chấm", YES_NO)
    start, end = values.get("meeting_start"), values.get("meeting_end")
    if start and end and end <= start:
        ck.at(where["meeting_end"], "Giá trị",
              f"giờ kết thúc họp ({end:%d/%m/%Y %H:%M}) phải sau giờ bắt đầu "
              f"({start:%d/%m/%Y %H:%M}).")
    values["_where"] = where
    return values


def _new_code(ck: _Checker, rec: dict, first: dict[str, int], pattern: re.Pattern,
              malformed: str, label: str) -> bool:
    """Whether the row's `Mã` is well formed and not seen before; reports it when not."""
    code = rec["Mã"]
    if code is None:
        return False
    if not pattern.fullmatch(code):
        ck.at(rec, "Mã", malformed.format(code=code))
        return False
    if code in first:
        ck.at(rec, "Mã", f'{label} "{code}" bị trùng (đã có ở dòng {first[code]}).')
        return False
    twin = same_but_case(code, first)
    if twin is not None:
        ck.at(rec, "Mã", f'{label} "{code}" chỉ khác mã "{twin}" (dòng {first[twin]}) ở chữ hoa, '
                         "chữ thường: tên tệp văn bản của hai mã sẽ trùng nhau; hãy dùng mã khác.")
        return False
    first[code] = rec["_row"]
    return True


def _units(ck: _Checker) -> tuple[list[Unit], set[str] | None]:
    """The units, and every code the sheet names (None when the sheet is unusable).

    Other sheets are checked against the codes, so that one bad unit row is
    reported once, not again at every reference to it.
    """
    units: list[Unit] = []
    first: dict[str, int] = {}
    records = ck.records("Đơn vị")
    for rec in records or []:
        if not _new_code(ck, rec, first, UNIT_CODE,
                         'mã "{code}" chỉ được gồm chữ cái không dấu và chữ số (ví dụ PL).', "mã"):
            continue
        if rec["Tên đơn vị"] and rec["Tên ngắn"]:
            units.append(Unit(rec["Mã"], rec["Tên đơn vị"], rec["Tên ngắn"]))
    ck.unit_order = dict(first)
    if records is not None and not first:
        ck.add("chưa có đơn vị nào.", ck.raw.sheets["Đơn vị"])
    return units, (set(first) if records is not None else None)


def _criteria(ck: _Checker) -> tuple[list[Criterion], set[str] | None, set[str] | None]:
    """The criteria, and the codes of all and of leaf criteria (None when unusable)."""
    rows = []
    first: dict[str, int] = {}
    records = ck.records("Tiêu chí")
    for rec in records or []:
        if not _new_code(ck, rec, first, CRITERION_CODE,
                         'mã tiêu chí "{code}" phải có dạng 1, 1.1, 1.2, 2…', "mã tiêu chí"):
            continue
        if rec["Điểm tối đa"] is not None and rec["Điểm tối đa"] <= 0:
            ck.at(rec, "Điểm tối đa", "điểm tối đa phải lớn hơn 0.")
            continue
        rows.append(rec)
    codes = set(first)
    parents = {c.rsplit(".", 1)[0] for c in codes if "." in c}
    criteria = []
    for rec in rows:
        code = rec["Mã"]
        parent = code.rsplit(".", 1)[0] if "." in code else None
        if parent is not None and parent not in codes:
            ck.at(rec, "Mã", f'tiêu chí "{code}" thuộc nhóm "{parent}" nhưng chưa có nhóm đó.')
        if rec["Nội dung"] and rec["Điểm tối đa"]:
            criteria.append(Criterion(code, rec["Nội dung"], rec["Điểm tối đa"], parent,
                                      code in parents))
    for c in criteria:
        if c.is_group:
            children = [x for x in criteria if x.parent == c.code]
            total = sum(x.max for x in children)
            if children and abs(total - c.max) > 1e-9:
                ck.add(f'điểm tối đa của nhóm "{c.code}" là {number(c.max)} nhưng tổng các '
                       f"tiêu chí con là {number(total)}.", ck.raw.sheets["Tiêu chí"],
                       first[c.code], "Điểm tối đa")
    if records is None:
        return criteria, None, None
    if not first:
        ck.add("chưa có tiêu chí nào.", ck.raw.sheets["Tiêu chí"])
    return criteria, codes, codes - parents


def has_team_column(raw: RawCampaign) -> bool:
    """Whether `Chấm điểm` has team scores: a `Đoàn chấm` column with at least one value.

    An empty optional column (the blank workbook's) is the same as an absent one.
    """
    sheet = raw.sheets.get("Chấm điểm")
    return sheet is not None and sheet.has("Đoàn chấm") and \
        any(row.get("Đoàn chấm") is not None for row in sheet.rows)


def _scores(ck: _Checker, unit_codes: set[str] | None, criteria: list[Criterion],
            codes: set[str] | None, leaf_codes: set[str] | None,
            team_from_cluster: bool = False) -> pd.DataFrame:
    leaves = {c.code: c for c in criteria if not c.is_group}
    seen: dict[tuple[str, str], int] = {}
    rows = []
    rejected: list[int] = []  # rows whose codes are wrong: a unit's gaps may come from them
    # rows rejected for one wrong (or blank) code: (row, unit, criterion, which code is wrong)
    wrong_code: list[tuple[int, str | None, str | None, str]] = []
    records = ck.records("Chấm điểm")
    team_column = has_team_column(ck.raw)
    for rec in records or []:
        unit, crit = rec["Mã đơn vị"], rec["Mã tiêu chí"]
        ok = True
        if not _known(ck, rec, "Mã đơn vị", unit, unit_codes):
            ok = False
        unit_ok = ok and unit is not None
        if crit is not None and codes is not None and crit in codes and crit not in leaf_codes:
            ck.at(rec, "Mã tiêu chí", f'"{crit}" là nhóm tiêu chí; chỉ chấm điểm cho tiêu chí con.')
            ok = False
        elif crit is not None and codes is not None and crit not in codes:
            ck.at(rec, "Mã tiêu chí", f'không có tiêu chí mã "{crit}" trong trang "Tiêu chí".')
            ok = False
        if crit not in leaves:
            ok = False  # a bad criterion row, already reported in "Tiêu chí"
        if not ok or unit is None or crit is None:
            rejected.append(rec["_row"])
            if unit_ok and crit not in leaves:
                wrong_code.append((rec["_row"], unit, crit, "Mã tiêu chí"))
            elif not unit_ok and crit in leaves:
                wrong_code.append((rec["_row"], unit, crit, "Mã đơn vị"))
            continue
        if (unit, crit) in seen:
            ck.at(rec, "Mã tiêu chí", f"đơn vị {unit} đã có điểm tiêu chí {crit} ở dòng "
                                      f"{seen[unit, crit]}.")
            continue
        seen[unit, crit] = rec["_row"]
        maximum = leaves[crit].max
        bad = set(rec.get("_bad", ()))
        for column in ("Tự chấm", "Đoàn chấm", "Cụm chấm"):
            value = rec[column]
            if value is not None and not 0 <= value <= maximum:
                ck.at(rec, column, f"điểm {number(value)} nằm ngoài khoảng 0 đến điểm tối đa "
                                   f"{number(maximum)} của tiêu chí {crit}.")
                rec[column] = None
                bad.add(column)
        team = rec["Đoàn chấm"] if team_column else \
            rec["Cụm chấm"] if team_from_cluster else None
        rows.append({"unit": unit, "criterion": crit, "self": rec["Tự chấm"], "team": team,
                     "cluster": rec["Cụm chấm"], "note": rec["Ghi chú"], "row": rec["_row"],
                     "_self_bad": "Tự chấm" in bad})
    sent = _self_scores(ck, rows, unit_codes, leaves) if unit_codes and leaf_codes else set()
    if records is not None and unit_codes and leaf_codes:
        sheet = ck.raw.sheets["Chấm điểm"]
        knock_on: dict[int, list[str]] = {}  # row of a wrong code -> the gaps it leaves
        reported = {(p.row, p.column) for p in ck.problems if p.sheet == "Chấm điểm"}
        wrong_code = [w for w in wrong_code if (w[0], w[3]) in reported]  # its cell's problem
        for unit in sorted(unit_codes - sent, key=lambda u: ck.unit_order.get(u, 0)):
            missing = [c for c in leaves if (unit, c) not in seen]
            causes = [row for row, u, c, wrong in wrong_code
                      if (wrong == "Mã tiêu chí" and u == unit)
                      or (wrong == "Mã đơn vị" and c in missing)]
            if missing and causes:  # one line: the wrong code's cells, naming the gaps
                for row in causes:
                    knock_on.setdefault(row, []).append(
                        f"đơn vị {unit} chưa có điểm các tiêu chí: {', '.join(missing)}")
            elif missing:
                why = (f" (có thể do mã gõ sai ở dòng {', '.join(map(str, rejected))} của trang "
                       "này, đã báo ở trên)") if rejected else ""
                ck.add(f"đơn vị {unit} chưa có điểm các tiêu chí: {', '.join(missing)}{why}.",
                       sheet)
        _name_knock_on(ck, wrong_code, knock_on)
    frame = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    return frame.astype({"self": "float64", "team": "float64", "cluster": "float64"})


def _name_knock_on(ck: _Checker, wrong_code: list[tuple], knock_on: dict[int, list[str]]) -> None:
    """A wrong or blank code in `Chấm điểm` that leaves a unit's scores incomplete: its own
    problem says so (one line for the cause, with its cells), instead of a second line
    about the unit without a row."""
    columns = {row: wrong for row, _u, _c, wrong in wrong_code}
    for index, problem in enumerate(ck.problems):
        if problem.sheet == "Chấm điểm" and problem.row in knock_on \
                and problem.column == columns[problem.row]:
            gaps = "; ".join(knock_on[problem.row])
            message = f"{problem.message.rstrip('.')}; vì thế {gaps}."
            ck.problems[index] = replace(problem, message=message)


def _self_scores(ck: _Checker, rows: list[dict], unit_codes: set[str],
                 leaves: dict[str, Criterion]) -> set[str]:
    """Fill `Tự chấm` from the units' forms in tu-cham/; return the units that sent one.

    A score given both in the workbook and in a form must agree; a form fills a
    blank cell, and the rows of a unit's form that `Chấm điểm` lacks.
    """
    found, problems = read_forms(ck.raw.forms, unit_codes,
                                 {code: c.max for code, c in leaves.items()},
                                 Identity(ck.raw.name, ck.year))
    sheet = ck.raw.sheets.get("Chấm điểm")
    file = sheet.file if sheet else ck.raw.file_of("Chấm điểm")
    workbook = {(r["unit"], r["criterion"]): (r["self"], Place(file, "Chấm điểm", r["row"],
                                                               "Tự chấm"))
                for r in rows if not r.pop("_self_bad")}
    when = ck.raw.mtimes.get(file)
    merged, clashes = merge_self_scores(workbook, found, when, ck.warnings)
    ck.problems += problems + clashes
    present = {(r["unit"], r["criterion"]) for r in rows}
    for r in rows:
        r["self"] = merged.get((r["unit"], r["criterion"]), r["self"])
    for (unit, crit), value in merged.items():
        if (unit, crit) not in present:
            rows.append({"unit": unit, "criterion": crit, "self": value, "team": None,
                         "cluster": None, "note": None, "row": None})
    return set(getattr(found, "files", {}))


def _grades(ck: _Checker) -> list[Grade]:
    records = ck.records("Xếp loại")
    if records is None:
        return list(DEFAULT_GRADES)
    grades = [Grade(r["Loại"], r["Điểm từ"], r["Tên"]) for r in records
              if r["Loại"] and r["Điểm từ"] is not None]
    first: dict[str, int] = {}
    for rec in records:  # the repeated label's own cell, and where it came first
        if rec["Loại"] and rec["Điểm từ"] is not None:
            if rec["Loại"] in first:
                ck.at(rec, "Loại", f'loại "{rec["Loại"]}" bị ghi hai lần (đã có ở dòng '
                                   f'{first[rec["Loại"]]}).')
            first.setdefault(rec["Loại"], rec["_row"])
    grades.sort(key=lambda g: -g.min)
    lowest = [r for r in records if grades and r["Loại"] == grades[-1].label
              and r["Điểm từ"] == grades[-1].min]
    if grades and grades[-1].min > 0 and lowest:  # at the lowest grade's threshold
        ck.at(lowest[0], "Điểm từ", "thang xếp loại phải có một loại với \"Điểm từ\" là 0 "
                                    f'(loại thấp nhất, nay là "{grades[-1].label}" từ '
                                    f"{number(grades[-1].min)} điểm).")
    elif not grades or grades[-1].min > 0:
        ck.add("thang xếp loại phải có một loại với \"Điểm từ\" là 0 (loại thấp nhất).",
               ck.raw.sheets["Xếp loại"])
    return grades


def _people(ck: _Checker, unit_codes: set[str] | None) -> list[Person]:
    people = []
    rows_of: dict[str, list[dict]] = {}  # role -> its people's rows
    records = ck.records("Người")
    for rec in records or []:
        role = rec["Vai trò"].lower() if rec["Vai trò"] else None
        if role is not None and role not in ROLES:
            ck.at(rec, "Vai trò", f'vai trò "{rec["Vai trò"]}" không hợp lệ; chọn một trong '
                                  f"{_choices(ROLES)}.")
            continue
        if not _known(ck, rec, "Mã đơn vị", rec["Mã đơn vị"], unit_codes):
            continue
        if None not in (rec["Họ tên"], rec["Chức vụ"], rec["Mã đơn vị"], role):
            people.append(Person(rec["Họ tên"], rec["Chức vụ"], rec["Mã đơn vị"], role))
            rows_of.setdefault(role, []).append(rec)
    if records is not None:  # two chairs contradict each other; a missing one is a blank (_needs)
        for role in MEETING_ROLES:
            count = sum(p.role == role for p in people)
            for rec in rows_of.get(role, []) if count > 1 else []:  # one line, their cells
                ck.at(rec, "Vai trò", f'cuộc họp cụm cần đúng một người có vai trò "{role}"; '
                                      f"hiện có {count}.")
    return people


def _schedule(ck: _Checker, units: list[Unit], unit_codes: set[str] | None,
              day) -> list[Inspection]:
    codes = [u.code for u in units]
    records = ck.records("Lịch kiểm tra")
    if records is None:
        if len(codes) < 2 or day is None:
            return []
        return [Inspection(code, codes[(i + 1) % len(codes)], None, day)
                for i, code in enumerate(codes)]
    schedule = []
    seen: dict[str, int] = {}
    for rec in records:
        inspected, inspector = rec["Đơn vị được kiểm tra"], rec["Đơn vị kiểm tra"]
        known = [_known(ck, rec, column, code, unit_codes) for column, code in
                 (("Đơn vị được kiểm tra", inspected), ("Đơn vị kiểm tra", inspector))]
        if not all(known) or inspected is None or inspector is None:
            continue
        if inspected == inspector:
            ck.at(rec, "Đơn vị kiểm tra", f"đơn vị {inspected} không được tự kiểm tra mình.")
            continue
        if inspected in seen:
            ck.at(rec, "Đơn vị được kiểm tra", f"đơn vị {inspected} đã có lịch kiểm tra ở dòng "
                                               f"{seen[inspected]}.")
            continue
        seen[inspected] = rec["_row"]
        start: datetime | None = rec["Thời gian"]
        end: datetime | None = rec["Kết thúc"]
        if start is not None and not cells.has_time(start):
            moment_day, start = start.date(), None
        else:
            moment_day = start.date() if start else day
        if moment_day is None:
            ck.at(rec, "Thời gian", "chưa có ngày kiểm tra (ghi ở đây hoặc ở mục "
                                    "\"Ngày kiểm tra\" của trang \"Chung\").")
            continue
        if end is not None and start is not None and end <= start:
            ck.at(rec, "Kết thúc", "giờ kết thúc phải sau giờ bắt đầu kiểm tra.")
            end = None
        schedule.append(Inspection(inspected, inspector, start, moment_day, end, rec["_row"]))
    return schedule


def _findings(ck: _Checker, unit_codes: set[str] | None) -> list[Finding]:
    findings = []
    for rec in ck.records("Nhận xét") or []:
        kind = rec["Loại"].lower() if rec["Loại"] else None
        if kind is not None and kind not in FINDING_KINDS:
            ck.at(rec, "Loại", f'loại nhận xét "{rec["Loại"]}" không hợp lệ; chọn một trong '
                               f"{_choices(FINDING_KINDS)}.")
            continue
        if not _known(ck, rec, "Mã đơn vị", rec["Mã đơn vị"], unit_codes):
            continue
        if None not in (rec["Mã đơn vị"], kind, rec["Nội dung"]):
            findings.append(Finding(rec["Mã đơn vị"], kind, rec["Nội dung"]))
    return findings


def _awards(ck: _Checker, unit_codes: set[str] | None) -> list[Award] | None:
    records = ck.records("Khen thưởng")
    if records is None:
        return None
    awards = []
    for rec in records:
        kind = rec["Đối tượng"].lower() if rec["Đối tượng"] else None
        if kind is not None and kind not in AWARD_KINDS:
            ck.at(rec, "Đối tượng", f'đối tượng "{rec["Đối tượng"]}" không hợp lệ; chọn '
                                    f"{_choices(AWARD_KINDS)}.")
            continue
        if kind == "cá nhân" and not rec["Chức vụ"]:
            ck.at(rec, "Chức vụ", "cá nhân được đề nghị khen thưởng cần ghi chức vụ.")
            continue
        if not _known(ck, rec, "Mã đơn vị", rec["Mã đơn vị"], unit_codes):
            continue
        granted = _granted(ck, rec)
        if granted is None:
            continue
        if None not in (kind, rec["Tên"], rec["Mã đơn vị"], rec["Hình thức"]):
            awards.append(Award(kind, rec["Tên"], rec["Chức vụ"], rec["Mã đơn vị"],
                                rec["Hình thức"], rec["Thành tích"], rec["Mức thưởng"], granted))
    return awards


def _granted(ck: _Checker, rec: dict) -> bool | None:
    """The optional `Quyết định` cell: `có` or blank = granted, `không` = not; None if bad."""
    value = rec.get("Quyết định")
    if value is None:
        return True
    if value.lower() not in GRANTED:
        ck.at(rec, "Quyết định", f'"{value}" không hợp lệ; ghi {_choices(GRANTED)} (để trống là '
                                 "có).")
        return None
    return GRANTED[value.lower()]


def _number_text(value) -> str | None:
    if value is None:
        return None
    return cells.as_text(value)


def _issuances(ck: _Checker) -> dict[str, Issuance]:
    out: dict[str, Issuance] = {}
    first: dict[str, int] = {}
    decisions: list[Issuance] = []  # every `quyet-dinh` row, one per granting authority
    for rec in ck.records("Văn bản") or []:
        kind = rec["Văn bản"]
        if kind is None:
            continue
        kind = document_row(kind)  # the code (ke-hoach) or the label (Kế hoạch kiểm tra chéo)
        if kind is None:
            ck.at(rec, "Văn bản", f'loại văn bản "{rec["Văn bản"]}" không hợp lệ; chọn một trong '
                                  f"{_choices(document_labels().values())}.")
            continue
        label = document_labels()[kind]
        if kind in first and not (kind == "quyet-dinh" and rec["Cơ quan ban hành"] and not any(
                _same_issuer(rec["Cơ quan ban hành"], other.issuer) for other in decisions)):
            ck.at(rec, "Văn bản", f'dòng "{label}" bị ghi hai lần (đã có ở dòng {first[kind]}).'
                  + (" Mỗi cơ quan ban hành quyết định chỉ một dòng." if kind == "quyet-dinh"
                     else ""))
            continue
        first.setdefault(kind, rec["_row"])
        if registry.kind(kind).administrative:
            for column in ("Cơ quan ban hành", "Viết tắt", "Địa danh"):
                if rec[column] is None:
                    ck.at(rec, column, f'dòng "{label}" cần ghi {column.lower()}.')
        moment: datetime | None = rec["Ngày"]
        sheet = rec["_sheet"]
        raw_number = next(r for r in sheet.rows if r.number == rec["_row"]).get("Số")
        place, wrong = issuers.checked_place(rec["Địa danh"] or "", rec["Cơ quan ban hành"] or "",
                                             rec["Cơ quan chủ quản"], moment.date() if moment else None)
        if wrong:
            ck.warn_at([rec], "Địa danh", f'dòng "{label}": {wrong}')
        row = Issuance(
            kind=kind,
            managing_body=rec["Cơ quan chủ quản"],
            issuer=rec["Cơ quan ban hành"] or "",
            abbreviation=rec["Viết tắt"] or "",
            place=place,
            number=_number_text(raw_number),
            date=moment.date() if moment else None,
            moment=moment,
            authority=tuple(rec["Thẩm quyền"] or ()),
            signer_title=rec["Chức vụ ký"],
            signer=rec["Người ký"],
            addressees=tuple(rec["Kính gửi"] or ()),
            recipients=tuple(rec["Nơi nhận"] or ()),
            competence=tuple(rec.get("Căn cứ thẩm quyền") or ()),
            row=rec["_row"],
        )
        out.setdefault(kind, row)
        if kind == "quyet-dinh":
            decisions.append(row)
    ck.decision_rows = tuple(decisions)
    return out


def _same_issuer(a: str, b: str) -> bool:
    return " ".join(a.upper().split()) == " ".join(b.upper().split())


PHOTO_HINT = "Tải ảnh lên (hoặc chép vào thư mục anh/) rồi tạo lại để có ảnh trong tin bài."


def _photos(ck: _Checker) -> list[Photo]:
    photos, missing = [], []
    for rec in ck.records("Ảnh") or []:
        name = rec["Tệp"]
        if name is None:
            continue
        if ck.raw.photos_outside:  # anh/ itself a link out of the campaign
            ck.at(rec, "Tệp", f'thư mục {PHOTOS_FOLDER}/ của đợt thi đua là lối tắt ra ngoài '
                              "thư mục đợt: hãy chép ảnh vào một thư mục anh/ thật.")
            continue
        found = ck.raw.photos.get(str(name))
        if found is None or not found.inside:
            ck.at(rec, "Tệp", f'ảnh "{name}" phải là một tệp trong thư mục anh/ của đợt thi đua '
                              "(không ghi đường dẫn tuyệt đối, \"../\" hay lối tắt ra ngoài).")
            continue
        # A photo that is missing or not a picture only leaves the news article without it.
        if not found.present:
            missing.append(rec)
            continue
        if found.path.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            ck.warn_at([rec], "Tệp", f'ảnh "{name}" phải là tệp JPEG hoặc PNG; tin bài được tạo '
                                     "không có ảnh này.")
            continue
        photos.append(Photo(found.path, rec["Chú thích"] or "", rec["_row"]))
    if len(missing) == 1:  # one line for every photo not there yet (the photos come later)
        ck.warn_at(missing, "Tệp", f'không thấy tệp ảnh "{missing[0]["Tệp"]}" trong thư mục anh/ '
                                   f"của đợt thi đua; tin bài được tạo không có ảnh này. {PHOTO_HINT}")
    elif missing:
        names = ", ".join(f'"{rec["Tệp"]}"' for rec in missing)
        ck.warn_at(missing, "Tệp", f"không thấy {len(missing)} tệp ảnh {names} trong thư mục anh/ "
                                   f"của đợt thi đua; tin bài được tạo không có các ảnh này. "
                                   f"{PHOTO_HINT}")
    return photos


def _needs(ck: _Checker, kinds: list[str], campaign: Campaign) -> None:
    """What the kinds being built need of the input: problems (each held against the kinds
    that need the fact: `ck.needed`), or warnings for facts that only fill a blank the
    staff can write by hand."""
    wanted = [registry.kind(slug) for slug in kinds]
    by_need: dict[str, list[str]] = {}  # need -> the kinds (slugs) that have it
    for kind in wanted:
        for need in kind.needs:
            by_need.setdefault(need, []).append(kind.slug)
    if registry.AWARDS in by_need and not campaign.awards:
        why = "chưa có trang" if campaign.awards is None else "trang chưa có dòng nào ở"
        ck.need(by_need[registry.AWARDS], Problem(
            ck.raw.file_of("Khen thưởng"), f"{_labels(by_need[registry.AWARDS])} cần danh sách "
            f'đề nghị khen thưởng; {why} "Khen thưởng".', "Khen thưởng"))
    if registry.GRANTED_AWARDS in by_need and campaign.awards and \
            not any(a.granted for a in campaign.awards):
        ck.need(by_need[registry.GRANTED_AWARDS], Problem(
            ck.raw.file_of("Khen thưởng"), f"{_labels(by_need[registry.GRANTED_AWARDS])} cần ít "
            'nhất một tập thể, cá nhân được khen thưởng; mọi dòng đều ghi "không" ở cột '
            '"Quyết định".', "Khen thưởng"))
    _needed_scores(ck, campaign, by_need)
    if any(kind.photos for kind in wanted):
        before = len(ck.problems)
        _readable_photos(ck, campaign)
        found, ck.problems[before:] = ck.problems[before:], []
        for problem in found:
            ck.need([k.slug for k in wanted if k.photos], problem)
    if registry.INSPECTION_PEOPLE in by_need:
        campaign.warnings += _missing_inspection_people(campaign)
    if registry.MEETING_PEOPLE in by_need:
        for role in MEETING_ROLES:
            if not campaign.people_with(role):
                campaign.warnings.append(
                    f'Trang "Người" chưa có người vai trò "{role}" của cuộc họp cụm: '
                    f"{_labels(by_need[registry.MEETING_PEOPLE])} để trống tên để viết tay; thêm "
                    f'một dòng vai trò "{role}" để in tên.')


def _labels(slugs: list[str]) -> str:
    return _join([registry.kind(slug).label for slug in slugs])


def _readable_photos(ck: _Checker, campaign: Campaign) -> None:
    """Each photo a document embeds opens as an image (load decoded it, and images keeps it
    for the render); one that does not is left out of the news article, with a warning."""
    kept = []
    for photo in campaign.photos:
        found = next(p for p in ck.raw.photos.values() if p.path == photo.file)
        if not found.decoded:
            raise RuntimeError(f"{photo.file}: the campaign was loaded without its photos "
                               "(load_campaign(photos=True) for the documents that embed them)")
        if found.too_large is not None:
            ck.add(found.too_large, "Ảnh", photo.row, "Tệp")
            continue
        if found.unreadable is not None:
            sheet = ck.raw.sheets["Ảnh"]
            campaign.warnings.append(Problem(
                sheet.file, f'không đọc được ảnh "{PHOTOS_FOLDER}/{photo.file.name}": tệp hỏng '
                "hoặc không phải ảnh JPEG/PNG; tin bài được tạo không có ảnh này.",
                "Ảnh", photo.row, "Tệp", sheet.cell("Tệp", photo.row)).located())
            continue
        kept.append(photo)
    campaign.photos[:] = kept


def _join(labels: list[str]) -> str:
    return ", ".join(labels[:-1]) + (" và " if len(labels) > 1 else "") + labels[-1]


def _needed_scores(ck: _Checker, campaign: Campaign, by_need: dict[str, list[str]]) -> None:
    """Every score a requested document prints: one problem per cell, naming who needs it.

    The documents that report the results need every `Cụm chấm` (held back whole). The
    inspection minutes print the team's scores of the day: `Đoàn chấm` where the workbook has
    team scores, then every inspected unit's must be complete (a missing cell holds back that
    unit's minutes only); `Cụm chấm` when `Chung` says `Đoàn chấm theo Cụm chấm: có`; else
    the column is left blank for the team to write by hand, with one warning.
    """
    wanted: dict[tuple[str, str], list[str]] = {}  # (unit, column) -> kinds needing it
    per_unit: set[str] = set(by_need.get(registry.TEAM_SCORES, ()))  # one document per unit
    if registry.CLUSTER_SCORES in by_need:
        for unit in campaign.units:
            wanted[unit.code, "cluster"] = list(by_need[registry.CLUSTER_SCORES])
    if registry.TEAM_SCORES in by_need:
        if campaign.team_column or campaign.team_from_cluster:
            column = "team" if campaign.team_column else "cluster"
            for visit in campaign.schedule:
                slugs = wanted.setdefault((visit.inspected, column), [])
                slugs += [x for x in by_need[registry.TEAM_SCORES] if x not in slugs]
        else:
            campaign.warnings.append(
                'Trang "Chấm điểm" chưa có điểm ở cột "Đoàn chấm": '
                f"{_labels(by_need[registry.TEAM_SCORES])} để trống cột điểm đoàn chấm và tổng "
                "điểm để đoàn kiểm tra ghi tay trong buổi kiểm tra. Nếu điểm của đoàn kiểm tra "
                'chính là điểm cụm chấm, ghi mục "Đoàn chấm theo Cụm chấm" là "có" ở trang '
                '"Chung" để in điểm cụm chấm vào đó.')
    scores = campaign.scores
    file = campaign.sources.get("Chấm điểm", ck.raw.file_of("Chấm điểm"))
    headers = {"team": ("Đoàn chấm", "đoàn chấm"), "cluster": ("Cụm chấm", "cụm chấm")}
    for row in scores.itertuples():
        for column in ("team", "cluster"):
            slugs = wanted.get((row.unit, column))
            if not slugs or pd.notna(getattr(row, column)):
                continue
            header, words = headers[column]
            where = int(row.row) if pd.notna(row.row) else None
            if column == "team" or not campaign.team_column and campaign.team_from_cluster:
                labels = [f"biên bản kiểm tra {campaign.unit(row.unit).name}" if s in per_unit
                          else registry.kind(s).label for s in slugs]
            else:
                labels = [registry.kind(s).label for s in slugs]
            problem = Problem(
                file, # no criterion in the message: one line per unit, with its rows and cells
                f"chưa có điểm {words} của đơn vị {row.unit}; "
                      f"{_join(list(dict.fromkeys(labels)))} cần điểm này.", "Chấm điểm", where,
                header)
            whole = [s for s in slugs if s not in per_unit or column == "cluster"
                     and registry.CLUSTER_SCORES in registry.kind(s).needs]
            ck.need(whole, problem)
            ck.need([s for s in slugs if s not in whole], problem, unit=row.unit)


def _missing_inspection_people(campaign: Campaign) -> list[str]:
    """Inspection minutes keep the titles and leave the names to write by hand."""
    warnings = []
    for visit in campaign.schedule:
        host, guest = campaign.unit(visit.inspected), campaign.unit(visit.inspector)
        if not campaign.people_with("trưởng đoàn", guest.code):
            warnings.append(
                f'Trang "Người" chưa có người vai trò "trưởng đoàn" của {guest.name} ({guest.code}): '
                f"biên bản kiểm tra {host.name} để trống tên trưởng đoàn để viết tay; thêm một "
                'dòng vai trò "trưởng đoàn" để in tên.')
        if not campaign.people_with("đại diện", host.code):
            warnings.append(
                f'Trang "Người" chưa có người vai trò "đại diện" của {host.name} ({host.code}): '
                f"biên bản kiểm tra {host.name} để trống tên người đại diện để viết tay; thêm một "
                'dòng vai trò "đại diện" để in tên.')
    return warnings


@dataclass
class Checked:
    """A campaign checked for the kinds about to be built.

    `problems`: every problem, in report order. `held`: the kinds none of whose documents
    can be built, each with the problems that hold it back; `held_units`: of a kind built
    one document per unit (the inspection minutes), the units whose document is held back.
    Every kind neither held nor listed with units is built whole.
    """

    campaign: Campaign
    problems: list[Problem] = field(default_factory=list)
    held: dict[str, list[Problem]] = field(default_factory=dict)
    held_units: dict[str, dict[str, list[Problem]]] = field(default_factory=dict)


def _row_kind(raw: RawCampaign, problem: Problem) -> str | None:
    """The kind named by the `Văn bản` row a problem is about (None: unknown)."""
    sheet = raw.sheets.get("Văn bản")
    if sheet is None or problem.row is None:
        return None
    row = next((r for r in sheet.rows if r.number == problem.row), None)
    value = row.get("Văn bản") if row is not None else None
    kind = cells.as_text(value).lower() if value is not None else None
    return kind if kind in registry.ROWS else None


def _core(problem: Problem) -> bool:
    """A problem every document shares: a sheet all read, or the workbook itself."""
    return problem.sheet is None or problem.sheet in registry.CORE_SHEETS or \
        problem.sheet not in SCHEMAS and problem.sheet != FORMS_SHEET


def check(raw: RawCampaign, kinds=()) -> Checked:
    """The typed campaign and what holds back which of `kinds`.

    A problem in a sheet every document reads (`Chung`, `Đơn vị`, `Tiêu chí`), or in the
    workbook itself, raises ValidationError with every problem found. Any other problem
    holds back only the kinds that read the faulty sheet (pipeline.kinds: `reads`), or
    need the missing fact (`needs`); the others are built.
    """
    ck = _Checker(raw)
    ck.problems += raw.problems
    general = _general(ck)
    where = general.pop("_where", {})
    ck.year = general.get("year")
    units, unit_codes = _units(ck)
    leader = general.get("leader")
    if leader is not None and unit_codes is not None and leader not in unit_codes:
        ck.at(where["leader"], "Giá trị", f'"Đơn vị cụm trưởng" là "{leader}" nhưng không có '
                                          'đơn vị mã đó trong trang "Đơn vị".')
    team_from_cluster = bool(general.pop("team_from_cluster", False))
    criteria, codes, leaf_codes = _criteria(ck)
    scores = _scores(ck, unit_codes, criteria, codes, leaf_codes, team_from_cluster)
    grades = _grades(ck)
    people = _people(ck, unit_codes)
    schedule = _schedule(ck, units, unit_codes, general.get("inspection_date"))
    findings = _findings(ck, unit_codes)
    awards = _awards(ck, unit_codes)
    issuances = _issuances(ck)
    photos = _photos(ck)
    if any(_core(p) for p in ck.problems):
        raise ValidationError(ck.sorted_problems())
    found, ck.problems = ck.sorted_problems(), []
    wanted = [registry.kind(slug) for slug in kinds]
    for problem in found:
        sheet = "Chấm điểm" if problem.sheet == FORMS_SHEET else problem.sheet
        row = _row_kind(raw, problem) if sheet == "Văn bản" else None
        ck.needed.append(problem)
        for kind in wanted:
            if kind.reads_sheet(sheet, row):
                ck.held.setdefault(kind.slug, []).append(problem)
    campaign = Campaign(
        name=raw.name, folder=raw.folder, units=units, criteria=criteria, scores=scores,
        grades=grades, people=people, schedule=schedule, findings=findings, awards=awards,
        issuances=issuances, photos=photos, present_sheets=set(raw.sheets),
        warnings=list(raw.warnings) + ck.warnings,
        sources={name: raw.file_of(name) for name in SCHEMAS},
        decision_rows=getattr(ck, "decision_rows", ()),
        team_column=has_team_column(raw), team_from_cluster=team_from_cluster,
        general_rows={name: where[attr]["_row"] for name, (attr, _, _) in GENERAL.items()
                      if attr in where},
        unit_kind=general.pop("unit_kind", None) or DEFAULT_UNIT_KIND,
        plan_basis=general.pop("plan_basis", None),
        inspection_part_of_day=general.pop("inspection_part_of_day", None),
        **general,
    )
    _needs(ck, [slug for slug in kinds if slug not in ck.held], campaign)
    campaign.warnings += timeline.order_warnings(campaign)
    ck.problems = ck.needed
    return Checked(campaign, ck.sorted_problems(), ck.held, ck.held_units)


def validate(raw: RawCampaign, kinds=()) -> Campaign:
    """Return the typed campaign, or raise ValidationError listing every problem.

    `kinds`: the document kinds about to be built; what each of them needs of the
    input (pipeline.kinds: `needs`) is checked too. (`check` says which documents can
    still be built despite the problems.)
    """
    checked = check(raw, kinds)
    if checked.problems:
        raise ValidationError(checked.problems)
    return checked.campaign


@dataclass
class FormsBasis:
    """What the self-scoring forms need: enough to send them before the meeting is set."""

    field_of_work: str
    year: int
    units: list[Unit]
    criteria: list[Criterion]
    scores: pd.DataFrame  # empty: forms go out blank
    name: str = ""  # the campaign's folder name, written in each form (`Mã đợt`)
    self_score_deadline: datetime | None = None  # `Hạn nộp tự chấm`, when given


def validate_for_forms(raw: RawCampaign) -> FormsBasis:
    """Check only `Lĩnh vực`, `Năm`, `Đơn vị` and `Tiêu chí`; raise every problem in them."""
    ck = _Checker(raw, required_sheets=FORMS_SHEETS, required_items=set(FORMS_GENERAL))
    ck.problems += [p for p in raw.problems if p.sheet in FORMS_SHEETS]
    general = _general(ck)
    units, _ = _units(ck)
    criteria, _, _ = _criteria(ck)
    if ck.problems:
        raise ValidationError(ck.sorted_problems())
    empty = pd.DataFrame(columns=SCORE_COLUMNS)
    return FormsBasis(general["field_of_work"], general["year"], units, criteria, empty,
                      raw.name, general.get("self_score_deadline"))
