"""What every official document shares: the header, people, recipients, citations."""

from __future__ import annotations

import re
from datetime import date

from .. import issuers
from .. import vietnamese as vn
from ..cells import has_time
from .. import kinds as registry
from ..kinds import kind as registered
from ..linebreaks import keep_names_whole, name_lines, unbreakable
from ..model import Award, Campaign, Issuance, Person
from ..score import Results
from ..timeline import blank_year
from .base import Properties

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
    """The `Văn bản` row of `kind`, or one derived from the facts (pipeline/issuers.py)."""
    found = campaign.issuances.get(kind)
    if found is not None:
        return found
    return issuers.derive(campaign, kind).issuance


def default_issuance_warning(campaign: Campaign, kind: str) -> str | None:
    """The warning for a kind built without its `Văn bản` row; None when the row exists."""
    kind = registered(kind).row or kind  # a kind issued under another kind's row
    if kind in campaign.issuances or kind == issuers.DECISION:  # decisions warn per authority
        return None
    return (
        f'Trang "Văn bản" chưa có dòng "{kind}": dùng cơ quan ban hành '
        f'"{issuers.default_issuer(campaign, kind)}", '
        f"số để trống cho văn thư ghi."
    )


def issuer_warnings(campaign: Campaign, kind: str) -> list[str]:
    """What could not be derived for `kind`'s issuer and signer, or departs from the rules."""
    kind = registered(kind).row or kind
    if kind == issuers.DECISION:
        return [w for d in issuers.decisions(campaign) for w in d.warnings]
    if not registered(kind).administrative:
        return []
    row = campaign.issuances.get(kind)
    out = issuers.derive(campaign, kind, row=row).warnings
    if kind in (registry.INSPECTION, registry.MEETING):  # minutes are signed by name
        out = [w for w in out if "thẩm quyền" not in w]
    found = issuers.managing_warning(campaign, issuance(campaign, kind), issuers.document_day(campaign, kind, row))
    return out + ([found] if found else [])


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
BLANK_PERSON = "Đồng chí …………………………, chức vụ …………………………"  # a name left to write by hand


def issue_date(campaign: Campaign, kind: str, default: date | None) -> date | None:
    return issuance(campaign, kind).date or default


def long_date(day: date | None, year: int) -> str:
    """`ngày 27 tháng 3 năm 2020`, or room for the clerk to write the date by hand."""
    return vn.date_long(day) if day else f"{BLANK_DATE} {year}"


def header(campaign: Campaign, kind: str, issued: date | None, with_date: bool, row: Issuance | None = None) -> dict:
    """Ô 1 to 4 and the signature's rows; `row`: how it is issued, when not `kind`'s own."""
    row = row or issuance(campaign, kind)
    when = row.date or issued
    managing = row.managing_body or ""
    if issuers.managing_warning(campaign, row, when or campaign.meeting_start.date()):
        managing = ""  # a Sở is never printed above a People's Committee
    # a body under another (a Chi cục of a Sở) without its place: the place of the body above
    place = row.place or issuers.seat_place(row.issuer, row.managing_body or campaign.superior, when)
    return {
        # one paragraph, breaking only between names (pipeline.linebreaks)
        "managing_body": unbreakable(name_lines(managing, 13, False, ISSUER_CELL_CM)) if managing else "",
        "issuer_lines": name_lines(row.issuer, 13, True, ISSUER_CELL_CM),
        "so_line": vn.so_ky_hieu(row.number, registered(kind).abbreviation, row.abbreviation),
        "place_date": (
            f"{place or issuers.DOTS_PLACE}, {long_date(when, blank_year(campaign, kind))}" if with_date else ""
        ),
        "recipients": recipients(row.recipients),
        "authority": list(row.authority),
        "signer_title": row.signer_title or "",
        "signer": row.signer or "",
    }


# Titles of office keep their capitals mid-sentence (Phụ lục II of the Decree: `Phó Chủ
# tịch`); a position that is a category of staff does not (`công chức Văn phòng - Thống kê`).
LEADERSHIP = re.compile(
    r"^(phó\s+)?(chủ tịch|bí thư|giám đốc|chánh|trưởng|thủ trưởng|chủ nhiệm|hiệu trưởng|"
    r"tổng|cục trưởng|vụ trưởng)\b",
    re.IGNORECASE,
)


def embed(text: str) -> str:
    """A sentence-like item set inside a sentence: no end punctuation, first letter lower.

    Acronyms (`UBND …`) and words written with several capitals keep their case.
    """
    text = text.strip().rstrip(" .;,")
    first = text.split(" ", 1)[0]
    if sum(ch.isupper() for ch in first) > 1:
        return text
    return text[:1].lower() + text[1:]


def in_sentence(position: str) -> str:
    """A position as written mid-sentence: a title keeps its capital, a category does not."""
    return position.strip() if LEADERSHIP.match(position.strip()) else embed(position)


_BODY_WORDS = ("ubnd", "hđnd", "&", "và", "ủy", "uỷ", "ban", "nhân", "dân", "hội", "đồng")


def position_parts(position: str, unit_name: str, unit_short: str) -> tuple[str, str]:
    """A person's title and unit as parts, never doubled: (title, unit), printed as
    `title unit`. `Phó Chủ tịch`, `Phó Chủ tịch UBND phường`, `Phó Chủ tịch phường` and
    `Phó Chủ tịch UBND phường Phúc Lợi` all give (`Phó Chủ tịch`, `UBND phường Phúc Lợi`);
    `Phó Chủ tịch HĐND & UBND` gives (`Phó Chủ tịch HĐND & UBND`, `phường Phúc Lợi`).

    The words the title ends with that begin the unit's name (`UBND phường`), or begin it
    without its body (`phường`), are the unit's, written once from the unit's full name.
    """
    position = " ".join(position.split())
    unit = unit_name.split()
    if not position:
        return "", unit_name
    if unit_short and unit_short.casefold() in position.casefold():
        # the title names the unit already: what precedes the name is title and kind of unit
        at = position.casefold().rindex(unit_short.casefold())
        head = position[:at].strip()
        return position_parts(head, unit_name, "") if head else ("", unit_name)
    words = position.split(" ")
    fold, unit_fold = [w.casefold() for w in words], [w.casefold() for w in unit]
    body = 0  # the unit's leading body words (`UBND`), absent from `phường Phúc Lợi`
    while body < len(unit_fold) - 1 and unit_fold[body] in _BODY_WORDS:
        body += 1
    for start in range(len(words)):
        tail = fold[start:]
        title = words[:start]
        if tail == unit_fold[: len(tail)]:  # `… UBND phường`: ends with the name's start
            if title and title[-1] in ("&", "và") and body:  # `HĐND & UBND`: the body is the title's
                return " ".join(words[: start + body]), " ".join(unit[body:])
            return " ".join(title), unit_name
        if body and tail == unit_fold[body : body + len(tail)]:  # `… phường`
            # the body goes back in after a People's Committee's title (`Phó Chủ tịch
            # phường` is the UBND's), not after another's (`Bí thư Đảng ủy phường`)
            chair = [w.casefold() for w in title[-2:]] == ["chủ", "tịch"]
            return " ".join(title), " ".join((unit[:body] if chair else []) + unit[body:])
    if body and fold[-body:] == unit_fold[:body] and len(words) > body:
        return position, " ".join(unit[body:])  # `Phó Chủ tịch HĐND & UBND`
    return position, unit_name


def compose_position(position: str, unit_name: str, unit_short: str) -> str:
    """`Phó Chủ tịch UBND phường Phúc Lợi` from its parts (position_parts), never doubled."""
    return " ".join(p for p in position_parts(position, unit_name, unit_short) if p)


def position_at(campaign: Campaign, position: str, unit_code: str) -> str:
    """The position with its unit, composed from parts (never doubled); as mid-sentence."""
    unit = campaign.unit(unit_code)
    return compose_position(in_sentence(position), unit.name, unit.short)


def person_title(campaign: Campaign, person: Person) -> str:
    return position_at(campaign, person.position, person.unit)


def grade_summary(campaign: Campaign, results: Results) -> str:
    """`5/5 phường đạt loại A`; with mixed grades `4/5 phường đạt loại A, 1 phường đạt loại B`
    (the share once, then plain counts: never `1/5 phường`)."""
    n = len(results.units)
    parts = []
    for grade, count in results.counts:
        amount = vn.ratio(count, n) if not parts else str(count)
        parts.append(f"{amount} {campaign.unit_kind} đạt loại {grade.label}")
    return ", ".join(parts)


def person_line(campaign: Campaign, person: Person, suffix: str = "") -> str:
    return f"Đồng chí {person.name}, {person_title(campaign, person)}{suffix}"


def capital(item: str) -> str:
    """A list item of the workbook's text, on its own line: its first letter a capital
    whatever the workbook's case (after a `- ` mark)."""
    return re.sub(r"^([-–•+ ]*)(\w)", lambda m: m.group(1) + m.group(2).upper(), item)


def punctuate(items: list[str], last: str = ".") -> list[str]:
    """List items ending `;`, the last one ending `last`."""
    items = [i.rstrip(" ;.,") for i in items]
    return [f"{i};" for i in items[:-1]] + ([f"{items[-1]}{last}"] if items else [])


def plan_citation(campaign: Campaign) -> str:
    """What the campaign follows: `Căn cứ kế hoạch`, or the plan generated here."""
    if campaign.plan_basis:
        return campaign.plan_basis
    plan = campaign.issuances.get(registry.PLAN)
    subject = f"về việc kiểm tra chéo {campaign.field_of_work} năm {campaign.year}"
    if plan is not None and plan.number and plan.date:
        number = vn.so_ky_hieu(plan.number, "KH", plan.abbreviation).removeprefix("Số: ")
        return f"Kế hoạch số {number} ngày {vn.date_short(plan.date)} của {campaign.superior} {subject}"
    return f"Kế hoạch của {campaign.superior} {subject}"


SIGNATURE_CELL_CM = 7.5 - 0.38 - 0.3
OFFICIAL_SIGNATURE_CELL_CM = 9.0 - 0.38 - 0.3  # ô 7: the right-hand cell of the signature


def summary_lines(text: str) -> list[str]:
    """The trích yếu as balanced lines (no lone word on the last line), never breaking
    inside a name."""
    return name_lines(text, 14, True, 15.5, prose=True)


def signer(title: str, name: str) -> dict:
    """One signature block: title lines (broken between names), then the name under the
    space to sign."""
    return {"title_lines": name_lines(title, 14, True, SIGNATURE_CELL_CM), "name": name}


def number_and_symbol(campaign: Campaign, kind: str, row: Issuance | None = None) -> str:
    """`127/KH-UBND`, or `     /KH-UBND` when the number is left for the clerk."""
    row = row or issuance(campaign, kind)
    return vn.so_ky_hieu(row.number, registered(kind).abbreviation, row.abbreviation).removeprefix("Số: ")


def attachment_note(
    campaign: Campaign, kind: str, label: str, issuer: str, default: date | None = None, row: Issuance | None = None
) -> str:
    """The Phụ lục line `(Kèm theo Kế hoạch số 127/KH-UBND ngày 27 tháng 3 năm 2020 của …)`."""
    day = issue_date(campaign, kind, default) if row is None else (row.date or default)
    when = long_date(day, blank_year(campaign, kind))
    return f"(Kèm theo {label} số {number_and_symbol(campaign, kind, row)} {when} của {issuer})"


def official_signature(campaign: Campaign, kind: str, row: Issuance | None = None) -> dict:
    """The right-hand block of ô 7: authority lines, title, room to sign, name."""
    row = row or issuance(campaign, kind)
    lines = list(row.authority) + ([row.signer_title] if row.signer_title else [])
    if not lines:  # no `Thẩm quyền` given: the rules' block of the issuer (pipeline/signing.py)
        lines = issuers.signature_lines(row.issuer, None, row)[0]
    titles = [part for line in lines for part in name_lines(line.upper(), 14, True, OFFICIAL_SIGNATURE_CELL_CM)]
    return {"title_lines": titles, "name": row.signer or ""}


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


def inspection_period(campaign: Campaign) -> str:
    """When the inspections took place, as the schedule says: `vào chiều ngày 14/8/2020`,
    or `từ ngày 14/8/2020 đến ngày 16/8/2020` when they span several days."""
    days = sorted({i.day for i in campaign.schedule}) or [campaign.inspection_date]
    if len(days) > 1:
        return f"từ ngày {vn.date_short(days[0])} đến ngày {vn.date_short(days[-1])}"
    part = campaign.inspection_part_of_day
    if not part:
        parts = {vn.part_of_day(i.start.time()) for i in campaign.schedule if i.start is not None and has_time(i.start)}
        part = parts.pop() if len(parts) == 1 else None
    day = f"ngày {vn.date_short(days[0])}"
    return f"vào {part} {day}" if part else f"vào {day}"


def inspection_days(campaign: Campaign) -> str:
    """The day of the inspections, `ngày 14/8/2020`, or the range they ran over:
    `từ ngày 30/12/2020 đến ngày 05/01/2021`."""
    days = sorted({i.day for i in campaign.schedule}) or [campaign.inspection_date]
    if len(days) > 1:
        return f"từ ngày {vn.date_short(days[0])} đến ngày {vn.date_short(days[-1])}"
    return f"ngày {vn.date_short(days[0])}"


def granting_authority(form: str) -> str | None:
    """Who grants a form of commendation, read from it: `Giấy khen của Chủ tịch UBND quận
    Long Biên` -> `Chủ tịch UBND quận Long Biên`; None when the form does not say."""
    match = re.search(r"\b(?:của|do)\s+(.+?)\s*$", form)
    return match.group(1) if match else None


def authorities(forms) -> list[str]:
    """The granting authorities of the forms, each once, in order (unknown ones left out)."""
    return list(dict.fromkeys(a for a in map(granting_authority, forms) if a))


def properties(campaign: Campaign, kind: str, title: str) -> Properties:
    """Core properties: the document's title, and its issuing body as the author."""
    return Properties(title=title, creator=issuance(campaign, kind).issuer)


# ---------------------------------------------------------------- words kept on one line

NBSP, NB_HYPHEN = "\u00a0", "\u2011"
# Document numbers and symbols: 30/2020/NĐ-CP, 127/KH-UBND, 06/2022/QH15 (Word and
# LibreOffice honour the non-breaking hyphen; render writes it as <w:noBreakHyphen/>).
DOCUMENT_NUMBER = re.compile(r"\b\d+/(?:\d{4}/)?[A-ZĐ][\wĐđ]*(?:-[A-ZĐ][\wĐđ]*)+")


def _names(campaign: Campaign) -> list[str]:
    """Personal and unit names of the campaign that must not break across lines."""
    names = {u.name for u in campaign.units} | {u.short for u in campaign.units}
    names |= {p.name for p in campaign.people}
    names |= {a.name for a in campaign.awards or []}
    return sorted((n for n in names if " " in n.strip()), key=len, reverse=True)


def keep_together(context, campaign: Campaign):
    """The context with every document number and name made unbreakable (no-break hyphens
    and spaces), so that `30/2020/NĐ-CP` or `Nguyễn Thị Thu Trang` never splits at a line end;
    a unit's name may break only between the names it is made of (`UBND` / `phường Phúc Lợi`,
    pipeline.linebreaks)."""
    names = _names(campaign)
    pattern = re.compile("|".join(re.escape(n) for n in names)) if names else None

    def fix(value):
        if isinstance(value, str):
            value = DOCUMENT_NUMBER.sub(lambda m: m.group(0).replace("-", NB_HYPHEN), value)
            if pattern is not None:
                value = pattern.sub(lambda m: keep_names_whole(m.group(0)), value)
            return value
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, tuple):
            return tuple(fix(v) for v in value)
        return value

    return fix(context)


def award_groups(awards):
    """The awards as a list groups them: collectives then persons, each by form of
    commendation in order of first appearance. Yields (numeral, `TẬP THỂ: <form>`,
    [(number within the group, award)])."""
    numerals = (vn.roman(i) for i in range(1, 100))
    for kind, title in (("tập thể", "TẬP THỂ"), ("cá nhân", "CÁ NHÂN")):
        chosen = [a for a in awards if a.kind == kind]
        for form in dict.fromkeys(a.form for a in chosen):
            members = [a for a in chosen if a.form == form]
            yield next(numerals), f"{title}: {form}", list(enumerate(members, start=1))


# ------------------------------------------------------------- what the award documents share
# (the decision, its certificates, the plan's and the summary's prose)

_ADMIN = ("thành phố", "thị trấn", "thị xã", "phường", "xã", "quận", "huyện", "tỉnh")


def prose_body(campaign: Campaign, upper: str) -> str:
    """A body's name as running text: `ỦY BAN NHÂN DÂN QUẬN LONG BIÊN` -> `UBND quận Long Biên`."""
    for known in [campaign.superior] + [u.name for u in campaign.units]:
        if full_body_name(known) == upper.upper():
            return known
    match = re.match(r"^(ỦY BAN NHÂN DÂN|UBND)\s+(.*)$", upper)
    if not match:
        return upper
    rest = match.group(2)
    for admin in _ADMIN:
        if rest.lower().startswith(admin + " "):
            name = rest[len(admin) + 1 :]
            return f"UBND {admin} {' '.join(w[:1].upper() + w[1:].lower() for w in name.split())}"
    return f"UBND {rest}"


def authority(row: Issuance) -> str:
    """Ô 6 of Mẫu 1.2: who decides, from how the row signs.

    `TM.` (a collective body) -> the body; `KT. CHỦ TỊCH` or a signer titled
    `CHỦ TỊCH` -> `CHỦ TỊCH <body>`; no signing lines: the head of an Ủy ban nhân
    dân (its Chủ tịch grants Giấy khen), or the body itself.
    """
    body = row.issuer.upper()
    lines = [line.strip().upper() for line in row.authority]
    if any(line.startswith("TM.") for line in lines):
        return body
    deputy = next((line[3:].strip() for line in lines if line.startswith("KT.")), None)
    if deputy:
        return f"{deputy} {body}"
    if row.signer_title:
        return f"{row.signer_title.upper()} {body}"
    return f"CHỦ TỊCH {body}" if body.startswith("ỦY BAN NHÂN DÂN") else body


def collective_unit(campaign: Campaign, award: Award) -> str:
    """The unit of a collective that is part of it (`Bộ phận Một cửa` of a ward), else ``."""
    unit = campaign.unit(award.unit).name
    return "" if unit.casefold() in award.name.casefold() else unit


def achievement(campaign: Campaign, award: Award) -> str:
    """The achievement as a certificate and the decision print it: naming the field and the
    year where the workbook gives only `Dẫn đầu cụm` (or no year)."""
    field, year = campaign.field_of_work, campaign.year
    text = " ".join((award.achievement or "").split()).rstrip(" .;,")
    if not text:
        return f"Đã có thành tích trong {field} năm {year}"
    text = (
        re.sub(r"\bcụm(?!\s+(?:thi đua|\d))", campaign.cluster, text, count=1, flags=re.IGNORECASE)
        if campaign.cluster.casefold() not in text.casefold()
        else text
    )
    if field.casefold() not in text.casefold():
        text = f"{text} về {field}" if re.match(r"(?i)dẫn đầu", text) else f"{text} trong {field}"
    if str(year) not in text:
        text = f"{text} năm {year}"
    return text


def decision_tail(decision) -> str:
    """What a decision's files (and its certificates') carry after their name: nothing when
    the campaign has one decision (the sample's names), else `-<the authority>`."""
    return f"-{decision.slug}" if decision.slug else ""
