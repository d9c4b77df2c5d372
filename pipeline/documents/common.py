"""What every official document shares: the header, people, recipients, citations."""
from __future__ import annotations

import re
from datetime import date

from .. import vietnamese as vn
from ..kinds import kind as registered
from ..metrics import balanced_lines
from ..model import Campaign, Issuance, Person
from ..score import Results

ISSUER_CELL_CM = 6.3 - 0.38 - 0.2  # left header cell, less margins and a little air
_ABBREVIATED = {"UBND": "ỦY BAN NHÂN DÂN", "HĐND": "HỘI ĐỒNG NHÂN DÂN"}


def full_body_name(text: str) -> str:
    """`UBND phường Phúc Lợi` -> `ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI` (the issuer as Decree 30 writes it)."""
    for short, full in _ABBREVIATED.items():
        text = re.sub(rf"^{short}\b", full, text)
    return text.upper()


def initials(text: str) -> str:
    first = text.split()[0] if text.split() else ""
    return first if first.isupper() else "".join(w[0] for w in text.split()).upper()


def issuance(campaign: Campaign, kind: str) -> Issuance:
    """The `Văn bản` row of `kind`, or defaults derived from `Chung` (`defaulted`)."""
    found = campaign.issuances.get(kind)
    if found is not None:
        return found
    if registered(kind).issuer == "superior":
        managing, issuer, source = None, campaign.superior, campaign.superior
    else:
        leader = campaign.unit(campaign.leader)
        managing, issuer, source = campaign.superior, leader.name, leader.name
    place = source.split(" ", 2)[-1] if source.startswith("UBND ") else source
    place = re.sub(r"^(phường|xã|quận|huyện|thị trấn|thị xã|thành phố|tỉnh)\s+", "", place,
                   flags=re.IGNORECASE)
    return Issuance(
        kind=kind, managing_body=managing.upper() if managing else None,
        issuer=full_body_name(issuer), abbreviation=initials(issuer), place=place,
        number=None, date=None, moment=None, defaulted=True,
    )


def default_issuance_warning(campaign: Campaign, kind: str) -> str | None:
    """The warning for a kind built without its `Văn bản` row; None when the row exists."""
    kind = registered(kind).row or kind  # a kind issued under another kind's row
    if kind in campaign.issuances:
        return None
    source = campaign.superior if registered(kind).issuer == "superior" else \
        campaign.unit(campaign.leader).name
    return (f'Trang "Văn bản" chưa có dòng "{kind}": dùng cơ quan ban hành "{source}", '
            f"số để trống cho văn thư ghi.")


def recipients(lines: tuple[str, ...]) -> list[str]:
    """`Nơi nhận` entries as Decree 30 prints them: `- X;` … `- Lưu: VT, ….`"""
    items = [re.sub(r"^[-–•+]\s*", "", line).rstrip(" ;.,") for line in lines]
    items = [i for i in items if i]
    if not items:
        return []
    keep = [i for i in items if not i.lower().startswith("lưu")]
    archive = [i for i in items if i.lower().startswith("lưu")] or ["Lưu: VT"]
    items = keep + archive[:1]
    return [f"- {item};" for item in items[:-1]] + [f"- {items[-1]}."]


BLANK_DATE = "ngày … tháng … năm"


def issue_date(campaign: Campaign, kind: str, default: date | None) -> date | None:
    return issuance(campaign, kind).date or default


def long_date(day: date | None, year: int) -> str:
    """`ngày 27 tháng 3 năm 2020`, or room for the clerk to write the date by hand."""
    return vn.date_long(day) if day else f"{BLANK_DATE} {year}"


def header(campaign: Campaign, kind: str, issued: date | None, with_date: bool) -> dict:
    row = issuance(campaign, kind)
    when = row.date or issued
    return {
        "managing_body": row.managing_body or "",
        "issuer_lines": balanced_lines(row.issuer, 13, True, ISSUER_CELL_CM),
        "so_line": vn.so_ky_hieu(row.number, registered(kind).abbreviation, row.abbreviation),
        "place_date": f"{row.place}, {long_date(when, campaign.year)}" if with_date else "",
        "recipients": recipients(row.recipients),
        "authority": list(row.authority),
        "signer_title": row.signer_title or "",
        "signer": row.signer or "",
    }


def position_at(campaign: Campaign, position: str, unit_code: str) -> str:
    """The position with its unit, unless the position already names it."""
    unit = campaign.unit(unit_code)
    if unit.short.casefold() in position.casefold():
        return position
    return f"{position} {unit.name}"


def person_title(campaign: Campaign, person: Person) -> str:
    return position_at(campaign, person.position, person.unit)


def grade_summary(campaign: Campaign, results: Results) -> str:
    """`5/5 phường đạt loại A` or `4/6 phường đạt loại A, 2/6 phường đạt loại B`."""
    n = len(results.units)
    return ", ".join(f"{vn.ratio(count, n)} {campaign.unit_kind} đạt loại {grade.label}"
                     for grade, count in results.counts)


def person_line(campaign: Campaign, person: Person, suffix: str = "") -> str:
    return f"Đồng chí {person.name}, {person_title(campaign, person)}{suffix}"


def punctuate(items: list[str], last: str = ".") -> list[str]:
    """List items ending `;`, the last one ending `last`."""
    items = [i.rstrip(" ;.,") for i in items]
    return [f"{i};" for i in items[:-1]] + ([f"{items[-1]}{last}"] if items else [])


def plan_citation(campaign: Campaign) -> str:
    """What the campaign follows: `Căn cứ kế hoạch`, or the plan generated here."""
    if campaign.plan_basis:
        return campaign.plan_basis
    plan = campaign.issuances.get("ke-hoach")
    subject = f"về việc kiểm tra chéo {campaign.field_of_work} năm {campaign.year}"
    if plan is not None and plan.number and plan.date:
        number = vn.so_ky_hieu(plan.number, "KH", plan.abbreviation).removeprefix("Số: ")
        return (f"Kế hoạch số {number} ngày {vn.date_short(plan.date)} "
                f"của {campaign.superior} {subject}")
    return f"Kế hoạch của {campaign.superior} {subject}"


SIGNATURE_CELL_CM = 7.5 - 0.38 - 0.3


def summary_lines(text: str) -> list[str]:
    """The trích yếu as balanced lines (no lone word on the last line)."""
    return balanced_lines(text, 14, True, 15.5)


def signer(title: str, name: str) -> dict:
    """One signature block: title lines (balanced), then the name under the space to sign."""
    return {"title_lines": balanced_lines(title, 14, True, SIGNATURE_CELL_CM), "name": name}


def number_and_symbol(campaign: Campaign, kind: str) -> str:
    """`127/KH-UBND`, or `     /KH-UBND` when the number is left for the clerk."""
    row = issuance(campaign, kind)
    return vn.so_ky_hieu(row.number, registered(kind).abbreviation,
                         row.abbreviation).removeprefix("Số: ")


def attachment_note(campaign: Campaign, kind: str, label: str, issuer: str,
                    default: date | None = None) -> str:
    """The Phụ lục line `(Kèm theo Kế hoạch số 127/KH-UBND ngày 27 tháng 3 năm 2020 của …)`."""
    when = long_date(issue_date(campaign, kind, default), campaign.year)
    return f"(Kèm theo {label} số {number_and_symbol(campaign, kind)} {when} của {issuer})"


def official_signature(campaign: Campaign, kind: str) -> dict:
    """The right-hand block of ô 7: authority lines, title, room to sign, name."""
    row = issuance(campaign, kind)
    lines = list(row.authority) + ([row.signer_title] if row.signer_title else [])
    if not lines:  # no `Thẩm quyền` given: the usual block of the issuer's kind
        ubnd = row.issuer.startswith("ỦY BAN NHÂN DÂN")
        lines = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] if ubnd else ["THỦ TRƯỞNG CƠ QUAN"]
    return {"title_lines": [line.upper() for line in lines], "name": row.signer or ""}


DOTS_TIME = "… giờ … phút"
FINDING_TITLES = {"ưu điểm": "Ưu điểm", "hạn chế": "Hạn chế", "kiến nghị": "Kiến nghị"}


def when_or_dots(moment) -> str:
    """`14 giờ 00 phút`, or room to write the time by hand."""
    return vn.time_long(moment.time()) if moment is not None else DOTS_TIME


def points(value: float) -> str:
    """A score as printed; blank when there is none."""
    return "" if value != value or value is None else vn.number(value)


def total_max(campaign: Campaign) -> float:
    return sum(c.max for c in campaign.criteria if c.parent is None)
