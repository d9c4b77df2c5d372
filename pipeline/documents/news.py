"""The news article for the portal (`tin-bai.docx`, `tin-bai.html`).

Not a Decree 30 document: fluent prose written from the data. `article` builds
the text (title, posting line, paragraphs, photos, byline) as plain strings;
`build` hands it to two templates, the Word `tin-bai.docx` and the
self-contained HTML `tin-bai.html` (render scales and embeds the photos).
"""

from __future__ import annotations

import re

from .. import kinds as registry
from .. import vietnamese as vn
from ..cells import has_time
from ..model import Award, Campaign, Person, Unit
from ..score import Results
from .base import Built, Output, Picture, Properties
from .common import (
    LEADERSHIP,
    embed,
    grade_summary,
    inspection_period,
    issuance,
    person_title,
    plan_citation,
    position_parts,
)

KIND = registry.NEWS
ENTRY = registry.kind(KIND)  # its template and file names

DOCX_PHOTO_CM = 14
PHOTO_HEADING = "Một số hình ảnh tại các buổi kiểm tra và họp cụm:"
CLAUSES_PER_SENTENCE = 2
# Positions that are named in the attendee sentence (titles); everyone else is summarised.
_LEADERSHIP = LEADERSHIP
_DISPATCH = re.compile(r"^(công văn|văn bản|hướng dẫn)\b", re.IGNORECASE)
_PLAN = re.compile(r"^kế hoạch\b", re.IGNORECASE)


# ---------------------------------------------------------------- small wording helpers


def _sentence(text: str) -> str:
    return vn.capitalize_first(text.strip())


def _kind(campaign: Campaign) -> str:
    return campaign.unit_kind or "đơn vị"


def _prefix(campaign: Campaign) -> str | None:
    """`UBND` when every unit is named `UBND <kind> <short>`; else None."""
    kind = _kind(campaign)
    heads = set()
    for unit in campaign.units:
        if not unit.name.endswith(unit.short):
            return None
        head = unit.name[: -len(unit.short)].strip()
        if not head.casefold().endswith(kind.casefold()) or kind == "đơn vị":
            return None
        heads.add(head[: -len(kind)].strip())
    return heads.pop() if len(heads) == 1 else None


def _members_listing(campaign: Campaign) -> str:
    """`UBND các phường: Phúc Lợi, …và Phúc Đồng`, or the units' full names."""
    prefix = _prefix(campaign)
    shorts = [u.short for u in campaign.units]
    if prefix is not None:
        lead = f"{prefix} các {_kind(campaign)}".strip()
        return f"{lead}: {vn.join_vi(shorts)}"
    return vn.join_vi([u.name for u in campaign.units])


def _members_body(campaign: Campaign) -> str:
    """How the whole membership is named as a subject: `UBND các phường`, `các đơn vị`."""
    prefix = _prefix(campaign)
    return f"{prefix} các {_kind(campaign)}".strip() if prefix else f"các {_kind(campaign)}"


def _where(campaign: Campaign, units: list[Unit]) -> str:
    """`phường Phúc Lợi`, `các phường Phúc Đồng, Phúc Lợi và Giang Biên`;
    the full names when the units are plain `đơn vị`."""
    kind = _kind(campaign)
    if kind == "đơn vị":
        return vn.join_vi([u.name for u in units])
    if len(units) == 1:
        return f"{kind} {units[0].short}"
    return f"các {kind} {vn.join_vi([u.short for u in units])}"


def _core_position(campaign: Campaign, position: str, unit_code: str) -> str:
    """The position without its unit (`Phó Chủ tịch UBND phường Việt Hưng` -> `Phó Chủ tịch`),
    lower-cased unless it is a leadership title."""
    unit = campaign.unit(unit_code)
    core = position_parts(position, unit.name, unit.short)[0].strip(" ,-") or position.strip()
    return core if _LEADERSHIP.match(core) else embed(core)


def _grouped(campaign: Campaign, items: list[tuple[str, str]]) -> list[tuple[str, list[Unit], int]]:
    """(core position, unit code) pairs -> (position, its units in order of appearance, count)."""
    groups: dict[str, tuple[list[Unit], list[int]]] = {}
    for position, code in items:
        core = _core_position(campaign, position, code)
        units, count = groups.setdefault(core, ([], [0]))
        if campaign.unit(code) not in units:
            units.append(campaign.unit(code))
        count[0] += 1
    return [(core, units, count[0]) for core, (units, count) in groups.items()]


# ---------------------------------------------------------------- the paragraphs


def title(campaign: Campaign) -> str:
    return f"{campaign.cluster} họp cụm chấm điểm, bình xét thi đua {campaign.field_of_work} năm {campaign.year}"


def posted_line(campaign: Campaign) -> str:
    """`Ngày đăng 18/08/2020 | 16:17`; the meeting's end date (no time) when not given."""
    row = campaign.issuances.get(KIND)
    moment = row.moment if row is not None else None
    if moment is None:
        return f"Ngày đăng {vn.date_padded(campaign.meeting_end.date())}"
    line = f"Ngày đăng {vn.date_padded(moment.date())}"
    return f"{line} | {vn.time_colon(moment.time())}" if has_time(moment) else line


def _basis_clause(campaign: Campaign) -> str:
    citation = plan_citation(campaign).strip().rstrip(" .;,")
    if _PLAN.match(citation):
        return f"Triển khai {citation}"
    if _DISPATCH.match(citation):
        return f"Theo hướng dẫn tại {citation}"
    return f"Thực hiện {citation}"


def _when(moment) -> str:
    day = f"ngày {vn.date_short(moment.date())}"
    return f"{vn.part_of_day(moment.time())} {day}" if has_time(moment) else day


def lead(campaign: Campaign) -> str:
    n = len(campaign.units)
    return (
        f"{_basis_clause(campaign)}, vào {_when(campaign.meeting_start)}, "
        f"{campaign.cluster} đã tổ chức họp tại {embed(campaign.meeting_place)} để chấm "
        f"điểm, bình xét thi đua {campaign.field_of_work} năm {campaign.year}. "
        f"Cụm có {n} đơn vị thành viên, gồm {_members_listing(campaign)}."
    )


def _meeting_people(campaign: Campaign) -> tuple[Person | None, list[Person]]:
    chairs = campaign.people_with("chủ trì")
    chair = chairs[0] if chairs else None
    seen, others = ({chair.name} if chair else set()), []
    for person in campaign.people:
        if person.role in ("thành viên", "thư ký") and person.name not in seen:
            seen.add(person.name)
            others.append(person)
    return chair, others


def attendance(campaign: Campaign) -> str:
    chair, others = _meeting_people(campaign)
    chair_part = ""
    if chair is not None:  # without a chair the article says who attended, no more
        role = ", đại diện đơn vị cụm trưởng," if chair.unit == campaign.leader else ""
        chair_part = f"Buổi họp do đồng chí {chair.name}, {person_title(campaign, chair)}{role} chủ trì."
    leaders = [p for p in others if _LEADERSHIP.match(p.position)]
    rest = [p for p in others if not _LEADERSHIP.match(p.position)]
    named = [f"đồng chí {p.name}, {person_title(campaign, p)}" for p in leaders]
    summarised = []
    for core, units, count in _grouped(campaign, [(p.position, p.unit) for p in rest]):
        who = "các đồng chí" if count > 1 else "đồng chí"
        if len(units) == len(campaign.units) and len(units) > 1:
            where = f"của {len(units)} đơn vị trong cụm"
        else:
            where = _where(campaign, units)
        summarised.append(f"{who} {core} {where}")
    if not named and not summarised:
        return chair_part
    if named and summarised:
        guests = "; ".join(named) + ", cùng " + vn.join_vi(summarised)
    elif named:
        guests = "; ".join(named[:-1]) + (" và " if len(named) > 1 else "") + named[-1]
    else:
        guests = vn.join_vi(summarised)
    return f"{chair_part} Tham dự buổi họp có {guests}.".strip()


def outcome_sentence(campaign: Campaign, results: Results) -> str:
    """`Theo kết quả chấm điểm, 5/5 phường đạt loại A.`"""
    return f"Theo kết quả chấm điểm, {grade_summary(campaign, results)}."


def _persons_detail(campaign: Campaign, persons: list[Award]) -> str:
    groups = _grouped(campaign, [(a.position or "", a.unit) for a in persons])
    if len(persons) == 1:
        core, units, _ = groups[0]
        return f"cá nhân được đề nghị là {core} {_where(campaign, units)}".replace("  ", " ")
    described = [f"{count} {core} {_where(campaign, units)}".replace("  ", " ") for core, units, count in groups]
    if len(described) == 1:
        return f"các cá nhân được đề nghị là {described[0]}"
    return f"các cá nhân được đề nghị gồm {', '.join(described)}"


def commendation_sentences(campaign: Campaign) -> str:
    """What the cluster proposes; '' without a `Khen thưởng` sheet or when it is empty."""
    if not campaign.awards:
        return ""
    collectives = [a for a in campaign.awards if a.kind == "tập thể"]
    persons = [a for a in campaign.awards if a.kind == "cá nhân"]
    counts = [f"{len(group)} {label}" for group, label in ((collectives, "tập thể"), (persons, "cá nhân")) if group]
    forms = {a.form for a in campaign.awards}
    if len(forms) == 1:
        action = f"đề nghị tặng {forms.pop()} cho {' và '.join(counts)}"
    else:
        action = f"đề nghị {campaign.superior} khen thưởng {' và '.join(counts)}"
    first = f"Trên cơ sở đó, Cụm đã thống nhất {action} có thành tích tiêu biểu."
    details = []
    if collectives:
        names = vn.join_vi([a.name for a in collectives])
        details.append(
            f"tập thể được đề nghị là {names}" if len(collectives) == 1 else f"các tập thể được đề nghị là {names}"
        )
    if persons:
        details.append(_persons_detail(campaign, persons))
    return f"{first} {_sentence('; '.join(details))}."


def scoring(campaign: Campaign, results: Results) -> str:
    basis = (
        f"Việc chấm điểm được thực hiện trên cơ sở bộ tiêu chí thi đua, báo cáo và biểu tự "
        f"chấm điểm do các đơn vị gửi về, đối chiếu với kết quả kiểm tra thực tế tại từng "
        f"đơn vị {inspection_period(campaign)}."
    )
    parts = [basis, outcome_sentence(campaign, results), commendation_sentences(campaign)]
    return " ".join(p for p in parts if p)


def _shared(campaign: Campaign, kind: str) -> list[tuple[str, list[Unit]]]:
    """Distinct findings of `kind` in order of first appearance, each with its units in the
    order they first appear for it."""
    found: dict[str, list[Unit]] = {}
    for finding in campaign.findings:
        if finding.kind != kind:
            continue
        units = found.setdefault(finding.text, [])
        unit = campaign.unit(finding.unit)
        if unit not in units:
            units.append(unit)
    return list(found.items())


def _item(text: str) -> str:
    """A finding as an item of a list joined by `;`: embedded, inner `;` softened to `,`."""
    return re.sub(r"\s*;\s*", ", ", embed(text))


def strengths(campaign: Campaign) -> list[str]:
    """Sentences on the `ưu điểm`, in order of first appearance: a finding of every unit is
    said of all of them; one shared by some lists them (`… như Phúc Đồng, Việt Hưng`)."""
    kind, total = _kind(campaign), len(campaign.units)
    runs: list[tuple[bool, list[str]]] = []
    for text, units in _shared(campaign, "ưu điểm"):
        everyone = len(units) == total and total > 1
        if everyone:
            clause = _item(text)
        elif len(units) > 1:
            some = "nhiều" if 3 * len(units) > 2 * total else "một số"
            clause = f"{some} {kind} {_item(text)} như {', '.join(u.short for u in units)}"
        else:
            clause = f"{_where(campaign, units)} {_item(text)}"
        if runs and runs[-1][0] == everyone and len(runs[-1][1]) < CLAUSES_PER_SENTENCE:
            runs[-1][1].append(clause)
        else:
            runs.append((everyone, [clause]))
    connectives = {True: ["Ngoài ra, ", "Đồng thời, "], False: ["Đáng chú ý, ", "Bên cạnh đó, "]}
    sentences = []
    for index, (everyone, clauses) in enumerate(runs):
        body = f"các {kind} đều {vn.join_vi(clauses)}" if everyone else "; ".join(clauses)
        lead_in = ""
        if index:
            pool = connectives[everyone]
            lead_in = pool.pop(0) if len(pool) > 1 else pool[0]
        sentences.append(_sentence(lead_in + body) + ".")
    return sentences


def assessment(campaign: Campaign) -> str:
    general = (
        f"Đánh giá chung, đợt kiểm tra chéo {campaign.field_of_work} năm "
        f"{campaign.year} tại {campaign.cluster} được triển khai bài bản, đúng kế hoạch, "
        f"đúng hướng dẫn của cấp trên và bảo đảm tiến độ đề ra."
    )
    found = strengths(campaign)
    if not found:
        return general
    attention = (
        f"Kết quả kiểm tra cho thấy lãnh đạo {_members_body(campaign)} đã quan tâm đến {campaign.field_of_work}."
    )
    return " ".join([general, attention] + found)


def weaknesses(campaign: Campaign) -> str:
    """One sentence on the `hạn chế` shared by several units (or the first few if none is)."""
    found = _shared(campaign, "hạn chế")
    if not found:
        return ""
    common = [text for text, units in found if len(units) > 1] or [t for t, _ in found[:3]]
    return (
        "Bên cạnh những kết quả đạt được, qua kiểm tra vẫn còn một số hạn chế cần khắc "
        f"phục như: {'; '.join(_item(t) for t in common)}."
    )


def closing(campaign: Campaign) -> str:
    return (
        f"Đợt kiểm tra chéo là dịp để các {_kind(campaign)} nhìn lại những việc đã "
        f"làm được và những mặt còn tồn tại, qua đó học hỏi kinh nghiệm lẫn nhau, khắc "
        f"phục hạn chế, góp phần nâng cao hiệu quả {campaign.field_of_work} trong những "
        f"năm tiếp theo./."
    )


def article(campaign: Campaign, results: Results) -> dict:
    """The article as plain, already-formatted text."""
    row = issuance(campaign, KIND)
    byline = row.signer or campaign.unit(campaign.leader).name
    last = " ".join(p for p in (weaknesses(campaign), closing(campaign)) if p)
    return {
        "title": title(campaign),
        "posted": posted_line(campaign),
        "paragraphs": [lead(campaign), attendance(campaign), scoring(campaign, results), assessment(campaign), last],
        "photo_heading": PHOTO_HEADING if campaign.photos else "",
        "photos": [{"image": Picture(p.file, DOCX_PHOTO_CM), "caption": p.caption} for p in campaign.photos],
        "byline": byline,
    }


def build(campaign: Campaign, results: Results) -> Built:
    """`tin-bai.docx` and `tin-bai.html`: one text, two templates."""
    text = article(campaign, results)
    about = Properties(title=text["title"], creator=text["byline"])
    return Built(
        [Output(ENTRY.file(), ENTRY.templates[0], text, about), Output(ENTRY.file(index=1), ENTRY.templates[1], text)]
    )
