"""The commendation law and decree in force on a date, from a data table.

The table (pipeline/data/can-cu-khen-thuong.csv) lists each legal basis with
the dates it applies from and to; when the law changes, add a row and close
the old one. No legal text lives in code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .cells import as_date

TABLE = Path(__file__).with_name("data") / "can-cu-khen-thuong.csv"


@dataclass(frozen=True)
class Basis:
    start: date | None
    end: date | None
    text: str

    def applies(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@lru_cache(maxsize=None)
def bases(path: Path = TABLE) -> tuple[Basis, ...]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return tuple(
            Basis(
                as_date(row["Từ ngày"]) if row["Từ ngày"] else None,
                as_date(row["Đến ngày"]) if row["Đến ngày"] else None,
                row["Căn cứ"].strip(),
            )
            for row in csv.DictReader(handle)
        )


def in_force(day: date, path: Path = TABLE) -> list[str]:
    """The legal bases in force on `day`, in table order (law first, then decree)."""
    return [b.text for b in bases(path) if b.applies(day)]


COMPETENCE = Path(__file__).with_name("data") / "can-cu-tham-quyen.csv"


@lru_cache(maxsize=None)
def _competence_rows(path: Path = COMPETENCE) -> tuple[tuple[str, Basis], ...]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return tuple(
            (
                row["Cơ quan"].strip(),
                Basis(
                    as_date(row["Từ ngày"]) if row["Từ ngày"] else None,
                    as_date(row["Đến ngày"]) if row["Đến ngày"] else None,
                    row["Căn cứ"].strip(),
                ),
            )
            for row in csv.DictReader(handle)
        )


def competence(body: str, day: date, path: Path = COMPETENCE) -> list[str]:
    """The basis of a body's competence in force on `day` (`UBND`: the law on the
    organisation of local government); empty when the table has none for that body."""
    return [b.text for kind, b in _competence_rows(path) if kind == body and b.applies(day)]
