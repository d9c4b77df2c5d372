"""Check a raw campaign against the contract and build the typed Campaign.

Every problem is collected, then all are raised at once as a ValidationError; `check` says
which documents can still be built despite them (each fault holds back only the documents
that need the fact). The sheets' checks are in `sheets` and `scores`, the documents' needs in
`needs`; all of them write to one `checker._Checker`. Nothing here reads a file: load did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from .. import cells, timeline
from .. import kinds as registry
from ..contract import DEFAULT_UNIT_KIND, FORMS_GENERAL, FORMS_SHEET, FORMS_SHEETS, GENERAL, SCHEMAS
from ..errors import Problem, ValidationError
from ..load import RawCampaign
from ..model import Campaign, Criterion, Unit
from .checker import SCORE_COLUMNS, _Checker
from .needs import _needs
from .scores import _scores, has_team_column
from .sheets import (
    _awards,
    _criteria,
    _findings,
    _general,
    _grades,
    _issuances,
    _people,
    _photos,
    _schedule,
    _units,
)


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
    return (
        problem.sheet is None
        or problem.sheet in registry.CORE_SHEETS
        or problem.sheet not in SCHEMAS
        and problem.sheet != FORMS_SHEET
    )


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
        ck.at(
            where["leader"],
            "Giá trị",
            f'"Đơn vị cụm trưởng" là "{leader}" nhưng không có đơn vị mã đó trong trang "Đơn vị".',
        )
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
        name=raw.name,
        folder=raw.folder,
        units=units,
        criteria=criteria,
        scores=scores,
        grades=grades,
        people=people,
        schedule=schedule,
        findings=findings,
        awards=awards,
        issuances=issuances,
        photos=photos,
        warnings=list(raw.warnings) + ck.warnings,
        sources={name: raw.file_of(name) for name in SCHEMAS},
        decision_rows=getattr(ck, "decision_rows", ()),
        team_column=has_team_column(raw),
        team_from_cluster=team_from_cluster,
        general_rows={name: where[attr]["_row"] for name, (attr, _, _) in GENERAL.items() if attr in where},
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
    return FormsBasis(
        general["field_of_work"], general["year"], units, criteria, empty, raw.name, general.get("self_score_deadline")
    )
