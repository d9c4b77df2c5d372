"""Who issues and who signs each document, derived from the facts, never invented.

A kind with its `Văn bản` row is issued as the row says. Without one, in this order:
1. another row of the same issuer gives its managing body, abbreviation and địa danh;
2. the authority the award's `Hình thức` names (`Giấy khen của Giám đốc Sở Nội vụ` -> issued
   by the Sở, signed `GIÁM ĐỐC`; `Giấy khen của Chủ tịch UBND quận X` -> a decision of the
   Chủ tịch, signed `CHỦ TỊCH`, or `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` when a deputy signs);
3. `Chung` and the administrative geography in force at the document's date
   (pipeline/geography.py): a Sở sits under its province's People's Committee, a People's
   Committee has no managing body unless a row of the same issuer gives one, the địa danh is
   the province's name for a province-level body and a Sở, a unit's own name otherwise.
Signing authority follows pipeline/signing.py (Phụ lục I §II.7.b of Nghị định 30). What cannot
be derived is left blank for the clerk, with a warning naming the row to add: never a
placeholder word, never an agency's name in the date line.

Plain data in, plain data out: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from . import kinds as registry
from . import geography as geo
from . import signing, vietnamese
from .kinds import kind as registered
from .model import Award, Campaign, Issuance

DECISION = registry.DECISION
DOTS_PLACE = "……"  # a địa danh left for the clerk to write
# Heads' titles an award's `Hình thức` may name before the body (longest first).
HEADS = (
    "Phó Chủ tịch",
    "Chủ tịch",
    "Phó Giám đốc",
    "Giám đốc",
    "Trưởng phòng",
    "Trưởng ban",
    "Chánh Văn phòng",
    "Cục trưởng",
    "Chi cục trưởng",
    "Bộ trưởng",
)
_ABBREVIATED = {"UBND": "ỦY BAN NHÂN DÂN", "HĐND": "HỘI ĐỒNG NHÂN DÂN"}


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def upper_name(text: str) -> str:
    """`UBND phường Phúc Lợi` -> `ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI` (as Decree 30 prints it)."""
    text = _nfc(text)
    for short, full in _ABBREVIATED.items():
        text = re.sub(rf"^{short}\b", full, text)
    return text.upper()


def same_body(a: str, b: str) -> bool:
    return upper_name(a).replace("UỶ", "ỦY") == upper_name(b).replace("UỶ", "ỦY")


@dataclass(frozen=True)
class Authority:
    """Who grants an award: the head of a body (`Chủ tịch` of `UBND quận Long Biên`), or the
    body itself as a collective (head None)."""

    head: str | None
    body: str

    @property
    def text(self) -> str:
        return f"{self.head} {self.body}" if self.head else self.body

    @property
    def decides(self) -> str:
        return signing.INDIVIDUAL if self.head else signing.COLLECTIVE

    @property
    def slug(self) -> str:
        """`Chủ tịch UBND thành phố Hà Nội` -> `chu-tich-ubnd-thanh-pho-ha-noi`."""
        return vietnamese.slug(self.text)


def parse_authority(text: str) -> Authority:
    """`Chủ tịch UBND quận Long Biên` -> Authority(`Chủ tịch`, `UBND quận Long Biên`)."""
    text = _nfc(text)
    for head in HEADS:
        if text.casefold().startswith(head.casefold() + " "):
            return Authority(head, text[len(head) + 1 :])
    return Authority(None, text)


def form_authority(form: str) -> str | None:
    """The granting authority a form names: `Giấy khen của Chủ tịch UBND quận Long Biên` ->
    `Chủ tịch UBND quận Long Biên`; None when the form does not say."""
    match = re.search(r"\b(?:của|do)\s+(.+?)\s*$", _nfc(form))
    return match.group(1) if match else None


def document_day(campaign: Campaign, kind: str, row: Issuance | None = None) -> date:
    """The date a document speaks at: its row's, else the step of the campaign it records."""
    if row is not None and row.date:
        return row.date
    if kind in (registry.PLAN, registry.INSPECTION):
        return campaign.inspection_date
    return campaign.meeting_start.date()


def _rows(campaign: Campaign) -> list[Issuance]:
    return list(campaign.issuances.values()) + list(getattr(campaign, "decision_rows", ()))


def _hint(campaign: Campaign, day: date) -> geo.Place | None:
    """The province the campaign's bodies sit in, from `Cấp trên` or the leading unit."""
    for name in (campaign.superior, campaign.unit(campaign.leader).name):
        found = geo.province_of(name, day)
        if found is not None:
            return found
    return None


def complete_body(campaign: Campaign, body: str, day: date) -> str:
    """A Sở named without its province gets it: from a row of the same Sở, else from the
    campaign's province (`Sở Nội vụ` -> `Sở Nội vụ thành phố Hà Nội`)."""
    found = geo.body_of(body, day)
    if found.level != geo.DEPARTMENT or found.place is not None:
        return body
    for row in _rows(campaign):
        other = geo.body_of(row.issuer, day)
        if (
            other.level == geo.DEPARTMENT
            and other.place is not None
            and (other.department or "").casefold() == (found.department or "").casefold()
        ):
            return f"{found.department} {other.place.text}"
    hint = _hint(campaign, day)
    return f"{found.department} {hint.text}" if hint else body


def abbreviation_of(issuer: str, day: date) -> str:
    """The body's abbreviation in the ký hiệu: `UBND` for a People's Committee, `SNV` for the
    Sở Nội vụ (`S` and the initials of its field); else the initials of its name."""
    body = geo.body_of(issuer, day)
    if body.level in (geo.PROVINCE, geo.DISTRICT, geo.COMMUNE):
        return "UBND"
    if body.level == geo.DEPARTMENT:
        words = [w for w in (body.department or "").split()[1:] if w.casefold() != "và"]
        return "S" + "".join(w[0] for w in words).upper()
    words = [w for w in _nfc(issuer).split() if not w.isdigit() and w.casefold() != "số"]
    return "".join(w[0] for w in words).upper()


@dataclass
class Derived:
    issuance: Issuance
    warnings: list[str] = field(default_factory=list)


def _same_issuer_row(campaign: Campaign, issuer: str) -> Issuance | None:
    return next((r for r in _rows(campaign) if r.issuer and same_body(r.issuer, issuer)), None)


def _managing(campaign: Campaign, issuer: str, day: date, same: Issuance | None) -> str | None:
    """Phụ lục I §II.2: the managing body where there is one. A Sở: its province's People's
    Committee; a People's Committee: only what a row of the same issuer gives."""
    body = geo.body_of(issuer, day)
    if (
        same is not None
        and same.managing_body
        and not (
            geo.body_of(same.managing_body, day).level == geo.DEPARTMENT
            and body.level in (geo.PROVINCE, geo.DISTRICT, geo.COMMUNE)
        )
    ):  # never a Sở above
        return same.managing_body
    if body.level == geo.DEPARTMENT and body.place is not None:
        return upper_name(geo.committee(body.place)).replace("ỦY BAN NHÂN DÂN", "UBND", 1)
    if body.level in (geo.PROVINCE, geo.DISTRICT, geo.COMMUNE):
        return None
    return upper_name(campaign.superior).replace("ỦY BAN NHÂN DÂN", "UBND", 1)


# First words of a body's name, never of a place's (`Chi cục Văn thư - Lưu trữ`, `Sở …`).
_BODY_WORDS = (
    "chi cục",
    "cục",
    "tổng cục",
    "sở",
    "phòng",
    "văn phòng",
    "trung tâm",
    "thanh tra",
    "ban",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "hđnd",
    "hội đồng",
    "cụm",
    "khối",
    "đoàn",
    "trường",
    "bệnh viện",
    "viện",
    "công ty",
    "bộ",
)


def names_a_body(text: str) -> bool:
    """Whether `text` is a body's name rather than a place's (`Chi cục Văn thư - Lưu trữ`)."""
    folded = _nfc(text).casefold()
    return any(folded == w or folded.startswith(w + " ") for w in _BODY_WORDS)


def seat_place(issuer: str, managing: str | None, day: date | None) -> str | None:
    """The địa danh of `issuer` (Phụ lục I §II.4.a: the administrative unit where it has its
    seat): its own place when its name tells one (a People's Committee, a Sở); else, for a
    state body under another (a Chi cục, a Phòng), its managing body's place; None when
    unknown (an association's seat is not its managing body's place)."""
    found = geo.place_name(issuer, day) if issuer else None
    if found is None and managing and names_a_body(issuer):  # not an association's
        found = geo.place_name(managing, day)
    return found


def checked_place(place: str, issuer: str, managing: str | None, day: date | None) -> tuple[str, str | None]:
    """A row's `Địa danh` as printed, and why it was not printed as written: a body's name
    there (`Chi cục Văn thư - Lưu trữ, ngày …`) gives way to the place derived from the
    issuer and its managing body, or to a blank for the clerk."""
    if not place or not (names_a_body(place) or same_body(place, issuer)):
        return place, None
    derived = seat_place(issuer, managing, day) or ""
    then = f'văn bản in "{derived}"' if derived else "văn bản để trống địa danh cho văn thư ghi"
    return derived, (
        f'cột "Địa danh" ghi "{_nfc(place)}" là tên một cơ quan, không phải địa '
        f"danh (tên đơn vị hành chính nơi cơ quan ban hành đóng trụ sở); {then}."
    )


def signature_lines(issuer: str, decides: str | None, row: Issuance | None) -> tuple[list[str], list[str]]:
    """(ô 7a lines, warnings). An explicit `Thẩm quyền` is printed as written (with a warning
    where it departs from the rules); else the rules' block for the issuer, a deputy signing
    `KT.` when `Chức vụ ký` is a deputy's title; [] when the head's title cannot be told."""
    written = list(row.authority) if row is not None else []
    title = row.signer_title if row is not None else None
    if written:
        lines = written + ([title] if title else [])
        found = signing.problems(lines, issuer, decides)
        return [line.upper() for line in lines], [
            f'Dòng "{row.kind}" của trang "Văn bản", cột "Thẩm quyền" ({" / ".join(lines)}): '
            f"{problem}; văn bản in đúng như đã ghi."
            for problem in found
        ]
    decides = decides or (signing.COLLECTIVE if signing.is_collective_body(issuer) else signing.INDIVIDUAL)
    deputy = bool(title) and _nfc(title).upper().startswith("PHÓ ")
    try:
        lines = signing.block(issuer, decides, signing.DEPUTY if deputy else signing.HEAD, title if deputy else None)
    except ValueError:
        return ([_nfc(title).upper()] if title else []), []
    if title and not deputy and _nfc(title).upper() != lines[-1]:
        lines[-1] = _nfc(title).upper()
    return lines, []


def default_issuer(campaign: Campaign, kind: str) -> str:
    """Who issues `kind` without a row, as running text: `Cấp trên` for the superior's kinds
    (but a plan implementing `Căn cứ kế hoạch` is the cluster's own), else the leading unit."""
    if registered(kind).issuer == "superior" and not (kind == registry.PLAN and campaign.plan_basis):
        return campaign.superior
    return campaign.unit(campaign.leader).name


def derive(campaign: Campaign, kind: str, authority: Authority | None = None, row: Issuance | None = None) -> Derived:
    """How `kind` is issued (by `authority` for a decision): the row when given, completed
    and signed by the rules; else derived (module docstring)."""
    day = document_day(campaign, kind, row)
    warnings: list[str] = []
    if authority is not None:
        issuer_prose = complete_body(campaign, authority.body, day)
        authority = replace(authority, body=issuer_prose)
    else:
        issuer_prose = default_issuer(campaign, kind)
    if row is None:
        same = _same_issuer_row(campaign, issuer_prose)
        issuer = upper_name(same.issuer if same is not None else issuer_prose)
        managing = _managing(campaign, issuer, day, same)
        place = (same.place if same is not None and same.place else None) or seat_place(issuer_prose, managing, day)
        row = Issuance(
            kind=kind,
            managing_body=managing,
            issuer=issuer,
            abbreviation=(
                same.abbreviation if same is not None and same.abbreviation else abbreviation_of(issuer_prose, day)
            ),
            place=place or "",
            number=None,
            date=None,
            moment=None,
        )
        if not place:
            warnings.append(
                f"Chưa xác định được địa danh của {issuer_prose}: thêm dòng "
                f'"{registered(kind).row or kind}" (cột "Địa danh") vào trang "Văn '
                f'bản"; văn bản để trống địa danh cho văn thư ghi.'
            )
    decides = authority.decides if authority is not None else None
    lines, found = signature_lines(row.issuer, decides, row)
    warnings += found
    if not lines:
        warnings.append(
            f'Chưa xác định được thẩm quyền ký của {issuer_prose}: ghi cột "Thẩm '
            f'quyền" và "Chức vụ ký" ở dòng "{registered(kind).row or kind}" của '
            f'trang "Văn bản"; văn bản để trống chức vụ ký cho văn thư ghi.'
        )
    signed = replace(row, authority=tuple(lines[:-1]) if lines else (), signer_title=lines[-1] if lines else None)
    return Derived(signed, warnings)


def managing_warning(campaign: Campaign, row: Issuance, day: date) -> str | None:
    """A Sở is never printed above a People's Committee (Phụ lục I §II.2)."""
    if not row.managing_body:
        return None
    above, below = geo.body_of(row.managing_body, day), geo.body_of(row.issuer, day)
    if above.level == geo.DEPARTMENT and below.level in (geo.PROVINCE, geo.DISTRICT, geo.COMMUNE):
        return (
            f'Dòng "{row.kind}" của trang "Văn bản": cơ quan chủ quản "{row.managing_body}" là '
            f'một sở, không đứng trên "{row.issuer}"; văn bản không in cơ quan chủ quản.'
        )
    return None


def geography_warnings(campaign: Campaign, kinds: list[str]) -> list[str]:
    """From 01/7/2025: a district-level issuer, managing body or award, naming the cell; a
    unit the table of administrative units does not know."""
    out: list[str] = []
    day = campaign.meeting_start.date()
    if day < geo.TWO_LEVELS:
        return out
    hint = _hint(campaign, day)
    for item, value in (("Cấp trên", campaign.superior),):
        reason = geo.unknown_after_reform(value, day, hint)
        if reason:
            out.append(f'Trang "Chung", mục "{item}": {reason}.')
    for unit in campaign.units:
        reason = geo.unknown_after_reform(unit.name, day, hint)
        if reason:
            out.append(f'Trang "Đơn vị", mã "{unit.code}": {reason}.')
    for row in _rows(campaign):
        row_day = row.date or day
        for column, value in (("Cơ quan chủ quản", row.managing_body), ("Cơ quan ban hành", row.issuer)):
            if value:
                reason = geo.unknown_after_reform(value, row_day, hint)
                if reason and geo.body_of(value, row_day).level == geo.DISTRICT:
                    out.append(f'Trang "Văn bản", dòng "{row.kind}", cột "{column}": {reason}.')
    for award in campaign.awards or []:
        granting = form_authority(award.form)
        if granting and geo.body_of(parse_authority(granting).body, day).level == geo.DISTRICT:
            out.append(
                f'Trang "Khen thưởng", "{award.name}", cột "Hình thức" ({award.form}): '
                f"{geo.unknown_after_reform(parse_authority(granting).body, day)}."
            )
    return list(dict.fromkeys(out))


# ---------------------------------------------------------------- one decision per authority


@dataclass
class Decision:
    """One decision: its granting authority, how it is issued, its awards and files."""

    authority: Authority | None
    row: Issuance
    awards: list[Award]
    slug: str  # "" when the campaign has a single decision (the sample's file names)
    warnings: list[str] = field(default_factory=list)


def _granted(campaign: Campaign) -> list[Award]:
    awards = [a for a in campaign.awards or [] if a.granted]
    return [a for a in awards if a.kind == "tập thể"] + [a for a in awards if a.kind == "cá nhân"]


def decision_rows(campaign: Campaign) -> list[Issuance]:
    rows = list(getattr(campaign, "decision_rows", ()))
    first = campaign.issuances.get(DECISION)
    if first is not None and not any(r is first for r in rows):
        rows.insert(0, first)
    return rows


def decisions(campaign: Campaign) -> list[Decision]:
    """The granted awards as one decision per granting authority, in order of first
    appearance; awards whose form names no authority go with the first decision (or the one
    `quyet-dinh` row)."""
    awards = _granted(campaign)
    day = campaign.meeting_start.date()
    groups: dict[str, tuple[Authority | None, list[Award]]] = {}
    for award in awards:
        named = form_authority(award.form)
        authority = parse_authority(named) if named else None
        if authority is not None:
            authority = replace(authority, body=complete_body(campaign, authority.body, day))
        key = upper_name(authority.text) if authority else ""
        groups.setdefault(key, (authority, []))[1].append(award)
    if "" in groups and len(groups) > 1:  # forms without an authority join the first one
        unnamed = groups.pop("")[1]
        first = next(iter(groups))
        groups[first][1].extend(unnamed)
    rows = decision_rows(campaign)
    single = len(groups) <= 1
    out: list[Decision] = []
    for authority, members in groups.values() or [(None, [])]:
        if single and len(rows) == 1:
            row = rows[0]
        elif authority is not None:
            row = next((r for r in rows if same_body(r.issuer, authority.body)), None)
        else:
            row = rows[0] if rows else None
        derived = derive(campaign, DECISION, authority, row)
        warnings = list(derived.warnings)
        if row is None:
            body = authority.body if authority else campaign.superior
            whose = "" if single else f" của {authority.text if authority else body}"
            warnings.append(
                f'Trang "Văn bản" chưa có dòng "{DECISION}"{whose}: dùng cơ quan ban '
                f'hành "{body}", số để trống cho văn thư ghi.'
            )
        out.append(
            Decision(
                authority,
                derived.issuance,
                members,
                "" if single else (authority.slug if authority else "khac"),
                warnings,
            )
        )
    return out


def yearly_summary_row(campaign: Campaign, day: date) -> Issuance | None:
    """From 01/7/2025 the yearly summary is the province's, issued by its Sở Nội vụ (a row of
    that Sở, else derived); None before, or when the province cannot be told."""
    if day < geo.TWO_LEVELS:
        return None
    hint = _hint(campaign, day)
    if hint is None:
        return None
    body = f"Sở Nội vụ {hint.text}"
    row = next((r for r in _rows(campaign) if same_body(r.issuer, body)), None)
    return derive(campaign, DECISION, Authority("Giám đốc", body), row).issuance
