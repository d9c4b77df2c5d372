"""TỜ TRÌNH đề nghị khen thưởng, with the list of nominees as Phụ lục."""

from __future__ import annotations

from .. import legal
from .. import kinds as registry
from .. import vietnamese as vn
from ..model import Award, Campaign
from ..score import Results
from .base import Built, Output
from .common import (
    attachment_note,
    authorities,
    award_groups,
    grade_summary,
    granting_authority,
    header,
    inspection_days,
    issuance,
    issue_date,
    official_signature,
    plan_citation,
    position_parts,
    properties,
    punctuate,
    recipients,
    summary_lines,
)

KIND = registry.PROPOSAL
ENTRY = registry.kind(KIND)  # its template and file names


def nominee_warnings(campaign: Campaign, results: Results) -> list[str]:
    """A nominee's unit should hold the top grade: warn, do not fail."""
    top = campaign.grades[0].label
    grades = dict(zip(results.units["unit"], results.units["grade"]))
    return [
        f"{award.name} ({award.kind}) được đề nghị khen thưởng nhưng đơn vị "
        f"{campaign.unit(award.unit).name} xếp loại {grades[award.unit]}, "
        f"không phải loại cao nhất ({top})."
        for award in campaign.awards or []
        if grades[award.unit] != top
    ]


def _counts(awards: list[Award]) -> str:
    collectives = sum(a.kind == "tập thể" for a in awards)
    persons = sum(a.kind == "cá nhân" for a in awards)
    parts = ([f"{collectives} tập thể"] if collectives else []) + ([f"{persons} cá nhân"] if persons else [])
    return ", ".join(parts)


def _forms(awards: list[Award]) -> list[str]:
    """One line per form of commendation, in order of first appearance."""
    forms = list(dict.fromkeys(a.form for a in awards))
    return punctuate([f"- {form}: {_counts([a for a in awards if a.form == form])}" for form in forms])


def _title(campaign: Campaign, award: Award) -> str:
    """The position alone, its unit being the next column (never printed twice)."""
    unit = campaign.unit(award.unit)
    return vn.capitalize_first(position_parts(award.position or "", unit.name, unit.short)[0])


def _annex_rows(campaign: Campaign, awards: list[Award]) -> list[dict]:
    rows = []
    for numeral, heading, members in award_groups(awards):
        rows.append({"group": True, "n": numeral, "name": heading, "position": "", "unit": "", "achievement": ""})
        rows += [
            {
                "group": False,
                "n": str(n),
                "name": a.name,
                "position": vn.capitalize_first(_title(campaign, a)),
                "unit": campaign.unit(a.unit).name,
                "achievement": vn.capitalize_first(a.achievement or ""),
            }
            for n, a in members
        ]
    return rows


def _same_body(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def who_decides(addressee: str, forms: list[str], verb: str = "trình") -> str:
    """What the addressee is asked to do after considering: decide, when it grants every
    award itself; else `<verb>` the authority the forms name to decide (`Giấy khen của Chủ
    tịch UBND quận Long Biên` -> `trình Chủ tịch UBND quận Long Biên quyết định`)."""
    granting = authorities(forms)
    if granting and all(_same_body(addressee, g) for g in granting):
        return "quyết định"
    if len(granting) == 1 and all(granting_authority(f) for f in forms):
        return f"{verb} {granting[0]} quyết định"
    return f"{verb} cấp có thẩm quyền quyết định"


def context(campaign: Campaign, results: Results) -> dict:
    """Context of `to-trinh-khen-thuong.docx` (validate has checked `Khen thưởng` is there)."""
    meeting_day = campaign.meeting_start.date()
    day = issue_date(campaign, KIND, meeting_day)
    row = issuance(campaign, KIND)
    issuer = campaign.unit(campaign.leader).name
    awards = campaign.awards
    addressees = [a.rstrip(" ;.,") for a in row.addressees] or [
        f"Hội đồng Thi đua - Khen thưởng {campaign.superior.removeprefix('UBND ')}"
    ]
    addressee = addressees[0]  # the body asked throughout; more lines only copy others in
    decides = who_decides(addressee, [a.form for a in awards])
    field, year = campaign.field_of_work, campaign.year
    outcome = grade_summary(campaign, results)
    best = results.units.iloc[0]
    basis = [f"Căn cứ {text}" for text in legal.in_force(day)]
    basis.append(f"Căn cứ {plan_citation(campaign)}")
    basis.append(
        f"Căn cứ Biên bản họp cụm chấm điểm, bình xét thi đua {field} năm {year} "
        f"ngày {vn.date_short(meeting_day)} của {campaign.cluster}"
    )
    names = vn.join_vi([u.short for u in campaign.units])
    doc = header(campaign, KIND, meeting_day, with_date=True)
    if not doc["recipients"]:  # the addressee (`Như trên`) and the archive, at least
        doc["recipients"] = recipients(("Như trên", "Lưu: VT"))
    return {
        "doc": doc,
        "summary_lines": summary_lines(
            f"Về việc đề nghị khen thưởng tập thể, cá nhân có thành tích trong {field} năm {year}"
        ),
        "addressee": f"{addressees[0]}." if len(addressees) == 1 else "",
        "addressees": [f"- {a}" for a in punctuate(addressees)] if len(addressees) > 1 else [],
        "basis": punctuate(basis),
        "results_heading": "I. KẾT QUẢ CHẤM ĐIỂM, BÌNH XÉT THI ĐUA",
        "results": [
            (
                f"Ngày {vn.date_short(meeting_day)}, {campaign.cluster} gồm {len(campaign.units)} "
                f"{campaign.unit_kind} ({names}) đã họp chấm điểm, bình xét thi đua {field} năm "
                f"{year} trên cơ sở báo cáo, biểu tự chấm điểm của các đơn vị và kết quả kiểm tra "
                f"chéo {inspection_days(campaign)}."
            ),
            (f"Kết quả: {outcome}; {campaign.unit(best.unit).name} dẫn đầu cụm với {vn.number(best.total)} điểm."),
        ],
        "proposal_heading": "II. ĐỀ NGHỊ KHEN THƯỞNG",
        "proposal": (
            f"Căn cứ kết quả trên, {issuer} (đơn vị cụm trưởng) kính đề nghị "
            f"{addressee} xem xét, {decides} khen thưởng {_counts(awards)} có thành "
            f"tích trong {field} năm {year} (có danh sách kèm theo), cụ thể:"
        ),
        "forms": _forms(awards),
        "closing": (
            f"{issuer} kính trình {addressee} xem xét, {who_decides(addressee, [a.form for a in awards], 'đề nghị')}./."
        ),
        "sign": official_signature(campaign, KIND),
        "annex": {
            "title_lines": ["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"],
            "note": attachment_note(campaign, KIND, "Tờ trình", issuer, meeting_day),
        },
        "nominees": _annex_rows(campaign, awards),
    }


def build(campaign: Campaign, results: Results) -> Built:
    title = (
        f"Tờ trình đề nghị khen thưởng tập thể, cá nhân có thành tích trong "
        f"{campaign.field_of_work} năm {campaign.year}"
    )
    return Built(
        [Output(ENTRY.file(), ENTRY.template, context(campaign, results), properties(campaign, KIND, title))],
        nominee_warnings(campaign, results),
    )
