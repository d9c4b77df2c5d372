"""The validated campaign: plain values, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # an annotation only: the model imports no third-party package
    import pandas as pd


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    short: str


@dataclass(frozen=True)
class Criterion:
    code: str
    content: str
    max: float
    parent: str | None
    is_group: bool

    @property
    def depth(self) -> int:
        return self.code.count(".")


@dataclass(frozen=True)
class Grade:
    label: str
    min: float
    name: str | None


@dataclass(frozen=True)
class Person:
    name: str
    position: str
    unit: str
    role: str


@dataclass(frozen=True)
class Inspection:
    inspected: str
    inspector: str
    start: datetime | None  # None when only the date is known
    day: date
    end: datetime | None = None
    row: int | None = None  # of `Lịch kiểm tra` (None: the rotation on `Ngày kiểm tra`)


@dataclass(frozen=True)
class Remark:
    """A line of `Nhận xét`: an inspection's ưu điểm, hạn chế or kiến nghị for a unit (not
    the format checker's findings, formatcheck.rulekit.Finding)."""

    unit: str
    kind: str
    text: str


@dataclass(frozen=True)
class Award:
    kind: str  # tập thể / cá nhân
    name: str
    position: str | None
    unit: str
    form: str
    achievement: str | None
    amount: int | None = None  # `Mức thưởng`, in đồng (the decision's Điều 2)
    granted: bool = True  # `Quyết định`: `không` when the granting authority refused it


@dataclass(frozen=True)
class Issuance:
    """How one document kind is issued (a row of `Văn bản`)."""

    kind: str
    managing_body: str | None
    issuer: str
    abbreviation: str
    place: str
    number: str | None
    date: date | None
    moment: datetime | None  # tin-bai: publication date and time
    authority: tuple[str, ...] = ()
    signer_title: str | None = None
    signer: str | None = None
    addressees: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    competence: tuple[str, ...] = ()  # `Căn cứ thẩm quyền`: the issuer's basis of competence
    row: int | None = None  # of the `Văn bản` sheet


@dataclass(frozen=True)
class Photo:
    file: Path
    caption: str
    row: int | None = None  # of the `Ảnh` sheet


@dataclass
class Campaign:
    name: str
    folder: Path
    cluster: str
    field_of_work: str
    year: int
    superior: str
    unit_kind: str
    leader: str
    plan_basis: str | None
    inspection_date: date
    inspection_part_of_day: str | None
    meeting_start: datetime
    meeting_end: datetime
    meeting_place: str
    units: list[Unit]
    criteria: list[Criterion]
    scores: pd.DataFrame  # unit, criterion, self, team, cluster, note, row
    grades: list[Grade]  # highest threshold first
    people: list[Person]
    schedule: list[Inspection]
    findings: list[Remark]
    awards: list[Award] | None  # None when the sheet is absent
    issuances: dict[str, Issuance]
    photos: list[Photo]
    warnings: list[str] = field(default_factory=list)  # from reading and validating the input
    sources: dict[str, str] = field(default_factory=dict)  # sheet -> the file messages name
    team_column: bool = False  # `Chấm điểm` has `Đoàn chấm` (else team scores are `Cụm chấm`)
    # every `quyet-dinh` row, one per granting authority (issuances["quyet-dinh"] is the first)
    decision_rows: tuple[Issuance, ...] = ()
    self_score_deadline: datetime | None = None  # `Hạn nộp tự chấm`: the units' links close
    team_column: bool = False  # `Chấm điểm` has team scores: a `Đoàn chấm` with values
    # `Chung` says `Đoàn chấm theo Cụm chấm: có`: without `Đoàn chấm`, the team's scores are
    # `Cụm chấm`; else they are blank for the team to write on the day
    team_from_cluster: bool = False
    general_rows: dict[str, int] = field(default_factory=dict)  # `Chung` Mục -> its row

    def unit(self, code: str) -> Unit:
        return next(u for u in self.units if u.code == code)

    def people_with(self, role: str, unit: str | None = None) -> list[Person]:
        return [p for p in self.people if p.role == role and (unit is None or p.unit == unit)]
