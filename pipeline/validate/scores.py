"""`Chấm điểm`: the scores of every unit on every criterion, and the units' returned forms."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..forms.reader import Identity, Place, merge_self_scores, read_forms
from ..load import RawCampaign
from ..model import (
    Criterion,
)
from ..vietnamese import number
from .checker import SCORE_COLUMNS, _Checker, _known


def has_team_column(raw: RawCampaign) -> bool:
    """Whether `Chấm điểm` has team scores: a `Đoàn chấm` column with at least one value.

    An empty optional column (the blank workbook's) is the same as an absent one.
    """
    sheet = raw.sheets.get("Chấm điểm")
    return sheet is not None and sheet.has("Đoàn chấm") and any(row.get("Đoàn chấm") is not None for row in sheet.rows)


def _scores(
    ck: _Checker,
    unit_codes: set[str] | None,
    criteria: list[Criterion],
    codes: set[str] | None,
    leaf_codes: set[str] | None,
    team_from_cluster: bool = False,
) -> pd.DataFrame:
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
            ck.at(rec, "Mã tiêu chí", f"đơn vị {unit} đã có điểm tiêu chí {crit} ở dòng {seen[unit, crit]}.")
            continue
        seen[unit, crit] = rec["_row"]
        maximum = leaves[crit].max
        bad = set(rec.get("_bad", ()))
        for column in ("Tự chấm", "Đoàn chấm", "Cụm chấm"):
            value = rec[column]
            if value is not None and not 0 <= value <= maximum:
                ck.at(
                    rec,
                    column,
                    f"điểm {number(value)} nằm ngoài khoảng 0 đến điểm tối đa {number(maximum)} của tiêu chí {crit}.",
                )
                rec[column] = None
                bad.add(column)
        team = rec["Đoàn chấm"] if team_column else rec["Cụm chấm"] if team_from_cluster else None
        rows.append(
            {
                "unit": unit,
                "criterion": crit,
                "self": rec["Tự chấm"],
                "team": team,
                "cluster": rec["Cụm chấm"],
                "note": rec["Ghi chú"],
                "row": rec["_row"],
                "_self_bad": "Tự chấm" in bad,
            }
        )
    sent = _self_scores(ck, rows, unit_codes, leaves) if unit_codes and leaf_codes else set()
    if records is not None and unit_codes and leaf_codes:
        sheet = ck.raw.sheets["Chấm điểm"]
        knock_on: dict[int, list[str]] = {}  # row of a wrong code -> the gaps it leaves
        reported = {(p.row, p.column) for p in ck.problems if p.sheet == "Chấm điểm"}
        wrong_code = [w for w in wrong_code if (w[0], w[3]) in reported]  # its cell's problem
        for unit in sorted(unit_codes - sent, key=lambda u: ck.unit_order.get(u, 0)):
            missing = [c for c in leaves if (unit, c) not in seen]
            causes = [
                row
                for row, u, c, wrong in wrong_code
                if (wrong == "Mã tiêu chí" and u == unit) or (wrong == "Mã đơn vị" and c in missing)
            ]
            if missing and causes:  # one line: the wrong code's cells, naming the gaps
                for row in causes:
                    knock_on.setdefault(row, []).append(
                        f"đơn vị {unit} chưa có điểm các tiêu chí: {', '.join(missing)}"
                    )
            elif missing:
                why = (
                    (f" (có thể do mã gõ sai ở dòng {', '.join(map(str, rejected))} của trang này, đã báo ở trên)")
                    if rejected
                    else ""
                )
                ck.add(f"đơn vị {unit} chưa có điểm các tiêu chí: {', '.join(missing)}{why}.", sheet)
        _name_knock_on(ck, wrong_code, knock_on)
    frame = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    return frame.astype({"self": "float64", "team": "float64", "cluster": "float64"})


def _name_knock_on(ck: _Checker, wrong_code: list[tuple], knock_on: dict[int, list[str]]) -> None:
    """A wrong or blank code in `Chấm điểm` that leaves a unit's scores incomplete: its own
    problem says so (one line for the cause, with its cells), instead of a second line
    about the unit without a row."""
    columns = {row: wrong for row, _u, _c, wrong in wrong_code}
    for index, problem in enumerate(ck.problems):
        if problem.sheet == "Chấm điểm" and problem.row in knock_on and problem.column == columns[problem.row]:
            gaps = "; ".join(knock_on[problem.row])
            message = f"{problem.message.rstrip('.')}; vì thế {gaps}."
            ck.problems[index] = replace(problem, message=message)


def _self_scores(ck: _Checker, rows: list[dict], unit_codes: set[str], leaves: dict[str, Criterion]) -> set[str]:
    """Fill `Tự chấm` from the units' forms in tu-cham/; return the units that sent one.

    A score given both in the workbook and in a form must agree; a form fills a
    blank cell, and the rows of a unit's form that `Chấm điểm` lacks.
    """
    found, problems = read_forms(
        ck.raw.forms, unit_codes, {code: c.max for code, c in leaves.items()}, Identity(ck.raw.name, ck.year)
    )
    sheet = ck.raw.sheets.get("Chấm điểm")
    file = sheet.file if sheet else ck.raw.file_of("Chấm điểm")
    workbook = {
        (r["unit"], r["criterion"]): (r["self"], Place(file, "Chấm điểm", r["row"], "Tự chấm"))
        for r in rows
        if not r.pop("_self_bad")
    }
    when = ck.raw.mtimes.get(file)
    merged, clashes = merge_self_scores(workbook, found, when, ck.warnings)
    ck.problems += problems + clashes
    present = {(r["unit"], r["criterion"]) for r in rows}
    for r in rows:
        r["self"] = merged.get((r["unit"], r["criterion"]), r["self"])
    for (unit, crit), value in merged.items():
        if (unit, crit) not in present:
            rows.append(
                {
                    "unit": unit,
                    "criterion": crit,
                    "self": value,
                    "team": None,
                    "cluster": None,
                    "note": None,
                    "row": None,
                }
            )
    return set(getattr(found, "files", {}))
