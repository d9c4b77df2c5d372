"""Administrative geography at a document's date.

Until 30/6/2025 communes, wards and towns sit under districts (quận, huyện, thị xã,
thành phố thuộc tỉnh); from 01/7/2025 there is no district level: communes, wards and
special zones sit directly under the province or the city (Luật Tổ chức chính quyền địa
phương số 72/2025/QH15, Điều 51). The units in force from that day are a data table,
pipeline/data/don-vi-hanh-chinh-2025.csv (see the README beside it); for earlier dates the
workbook is taken at its word.

Bodies are named as staff write them (`UBND phường Phúc Lợi`, `ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ
NỘI`, `Sở Nội vụ thành phố Hà Nội`); everything here is plain data, no I/O but the table.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "don-vi-hanh-chinh-2025.csv"
TWO_LEVELS = date(2025, 7, 1)  # no district level from this day

PROVINCE_KINDS = ("tỉnh", "thành phố")
DISTRICT_KINDS = ("quận", "huyện", "thị xã", "thành phố")
COMMUNE_KINDS = ("phường", "xã", "thị trấn", "đặc khu")
_KINDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "xã", "quận", "huyện", "tỉnh")
_COMMITTEE = re.compile(r"^(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+", re.IGNORECASE)
_DEPARTMENT = re.compile(r"^(sở\s+.+?)(?:\s+(tỉnh|thành phố)\s+(.+))?$", re.IGNORECASE)

PROVINCE, DISTRICT, COMMUNE, DEPARTMENT, OTHER = ("province", "district", "commune", "department", "other")


@dataclass(frozen=True)
class Place:
    """An administrative unit: its kind (`phường`) and bare name (`Phúc Lợi`)."""

    kind: str
    name: str

    @property
    def text(self) -> str:
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class Body:
    """An issuing body as geography sees it."""

    level: str  # PROVINCE, DISTRICT, COMMUNE, DEPARTMENT (a Sở), OTHER
    place: Place | None  # the unit a People's Committee governs, or a Sở's province
    department: str | None = None  # `Sở Nội vụ` for a Sở


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _title(words: str) -> str:
    """`PHÚC LỢI` -> `Phúc Lợi`; mixed case is kept as written."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in words.split()) if words.isupper() else words


def place_of(text: str) -> Place | None:
    """`phường Phúc Lợi` / `THÀNH PHỐ HÀ NỘI` -> Place; None when it names no unit kind."""
    text = _nfc(text)
    for kind in _KINDS:
        if text.casefold().startswith(kind + " ") and len(text) > len(kind) + 1:
            return Place(kind, _title(text[len(kind) + 1 :]))
    return None


def body_of(name: str, day: date | None = None) -> Body:
    """What kind of body `name` is: `UBND quận Long Biên` -> DISTRICT; `Sở Nội vụ thành phố Hà
    Nội` -> DEPARTMENT with its province. A `thành phố` is a province from 01/7/2025 and when
    the table of provinces knows it; else (before) a city under a province: DISTRICT unless
    the province table knows it."""
    name = _nfc(name)
    department = _DEPARTMENT.match(name)
    if department:
        dept = department.group(1)
        if dept.isupper():  # `SỞ NỘI VỤ` -> `Sở Nội vụ`: the name's first word capitalised
            words = dept.lower().split()
            dept = " ".join(["Sở", words[1].capitalize(), *words[2:]])
        place = Place(department.group(2).lower(), _title(department.group(3))) if department.group(2) else None
        return Body(DEPARTMENT, place, dept)
    rest = _COMMITTEE.sub("", name)
    if rest == name:
        return Body(OTHER, None)
    place = place_of(rest)
    if place is None:
        return Body(OTHER, None)
    if place.kind == "tỉnh" or (
        place.kind == "thành phố"
        and province(place.name) is not None
        and (day is None or day >= TWO_LEVELS or place.name in CENTRAL_CITIES)
    ):
        return Body(PROVINCE, place)
    if place.kind in COMMUNE_KINDS:
        return Body(COMMUNE, place)
    return Body(DISTRICT, place)


# Cities directly under the central government before 01/7/2025 (Huế from 01/01/2025).
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")


@dataclass(frozen=True)
class Unit2025:
    province_code: str
    province: str
    province_kind: str
    code: str
    name: str
    kind: str

    @property
    def province_place(self) -> Place:
        return Place(self.province_kind, self.province)


@lru_cache(maxsize=None)
def units(path: Path = TABLE) -> tuple[Unit2025, ...]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return tuple(
            Unit2025(r["Mã tỉnh"], r["Tỉnh"], r["Loại tỉnh"], r["Mã"], r["Tên"], r["Loại"])
            for r in csv.DictReader(handle)
        )


def _key(text: str) -> str:
    return _nfc(text).casefold()


@lru_cache(maxsize=None)
def _index(path: Path = TABLE) -> tuple[dict[str, Place], dict[tuple[str, str], list[Unit2025]]]:
    """(provinces by name, units by (kind, name)), keys NFC and case-folded."""
    provinces: dict[str, Place] = {}
    by_name: dict[tuple[str, str], list[Unit2025]] = {}
    for u in units(path):
        provinces.setdefault(_key(u.province), u.province_place)
        by_name.setdefault((_key(u.kind), _key(u.name)), []).append(u)
    return provinces, by_name


def province(name: str) -> Place | None:
    """The province or city of 01/7/2025 named `name` (`Hà Nội`), else None."""
    return _index()[0].get(_key(name))


def lookup(place: Place, within: Place | None = None) -> list[Unit2025]:
    """The units of 01/7/2025 of that kind and name (in `within` province when given)."""
    found = list(_index()[1].get((_key(place.kind), _key(place.name)), ()))
    if within is not None:
        found = [u for u in found if _key(u.province) == _key(within.name)]
    return found


def place_name(name: str, day: date | None) -> str | None:
    """The địa danh of a body (Phụ lục I §II.3 of Nghị định 30): a province-level body and a
    Sở: the province's or city's name (`Hà Nội`); a district, ward or commune: its own name
    (`Long Biên`, `Phúc Lợi`); None when the name tells no place."""
    body = body_of(name, day)
    if body.place is None:
        return None
    return body.place.name


def province_of(name: str, day: date | None, hint: Place | None = None) -> Place | None:
    """The province or city a commune-level unit sits under from 01/7/2025 (the table; `hint`
    chooses between namesakes), or a Sở's or province's own; None when unknown."""
    body = body_of(name, day)
    if body.level in (PROVINCE, DEPARTMENT):
        return body.place
    if body.level == COMMUNE and (day is None or day >= TWO_LEVELS):
        found = lookup(body.place, hint) or lookup(body.place)
        provinces = {u.province_place for u in found}
        return provinces.pop() if len(provinces) == 1 else None
    return None


def committee(place: Place) -> str:
    """The People's Committee of a place as running text: `UBND thành phố Hà Nội`."""
    return f"UBND {place.kind} {place.name}"


def unknown_after_reform(name: str, day: date, hint: Place | None = None) -> str | None:
    """From 01/7/2025: a district-level body, or a commune-level name the table does not
    know (in the hinted province), as a Vietnamese reason; None when all is well."""
    if day < TWO_LEVELS:
        return None
    body = body_of(name, day)
    if body.level == DISTRICT:
        return f"“{name}” là cấp huyện, không còn từ ngày 01/7/2025 (xã, phường trực thuộc tỉnh, thành phố)"
    if body.level == COMMUNE and not (lookup(body.place, hint) if hint else lookup(body.place)):
        where = f" thuộc {hint.text}" if hint else ""
        return (
            f"“{name}” không có trong danh mục đơn vị hành chính từ ngày 01/7/2025{where} "
            "(pipeline/data/don-vi-hanh-chinh-2025.csv)"
        )
    return None
