"""QUYẾT ĐỊNH khen thưởng (Mẫu 1.2, quyết định cá biệt), with the list as Phụ lục when long.

The granting authority issues it from its `quyet-dinh` row of `Văn bản` (by
default `Cấp trên`). It grants the proposals of `Khen thưởng` whose `Quyết
định` is not `không`; the money of `Mức thưởng`, when given, is its own Điều.
"""

from __future__ import annotations

import re

from .. import geography as geo
from .. import issuers, legal
from .. import kinds as registry
from .. import vietnamese as vn
from ..issuers import Decision
from ..model import Award, Campaign, Issuance
from ..score import Results
from .base import Built, Output, Properties
from .common import (
    achievement,
    attachment_note,
    authority,
    award_groups,
    collective_unit,
    decision_tail,
    header,
    issuance,
    issue_date,
    number_and_symbol,
    official_signature,
    position_at,
    prose_body,
    punctuate,
    recipients,
    summary_lines,
)

KIND = registry.DECISION
ENTRY = registry.kind(KIND)  # its template and file names
INLINE_MAX = 3  # up to this many awards are listed in Điều 1; more go to a Phụ lục


def granted(campaign: Campaign) -> list[Award]:
    """The awards granted: collectives first, then persons, each in sheet order."""
    awards = [a for a in campaign.awards or [] if a.granted]
    return [a for a in awards if a.kind == "tập thể"] + [a for a in awards if a.kind == "cá nhân"]


def authority_prose(campaign: Campaign, row: Issuance) -> str:
    """Ô 6 as running text: `Chủ tịch UBND quận Long Biên`."""
    upper = authority(row)
    body = row.issuer.upper()
    if upper == body:
        return prose_body(campaign, body)
    head = upper[: -len(body)].strip()
    return f"{head[:1]}{head[1:].lower()} {prose_body(campaign, body)}"


def council(campaign: Campaign, row: Issuance | None = None) -> str:
    """The Hội đồng Thi đua - Khen thưởng of the deciding body (`row`'s issuer): the one the
    proposal went to when it is that body's, else the body's own (a Sở's council for a Sở)."""
    day = (row.date if row is not None else None) or campaign.meeting_start.date()
    body = geo.body_of(row.issuer, day) if row is not None else None
    own = None
    if body is not None and body.level == geo.DEPARTMENT and body.department:
        own = f"Hội đồng Thi đua - Khen thưởng {body.department}"
    elif body is not None and body.place is not None:
        own = f"Hội đồng Thi đua - Khen thưởng {body.place.kind} {body.place.name}"
    for line in issuance(campaign, registry.PROPOSAL).addressees:
        line = line.rstrip(" ;.,")
        if "hội đồng" in line.lower() and (
            own is None
            or line.casefold() == own.casefold()
            or body.level != geo.DEPARTMENT
            and line.casefold().endswith(body.place.name.casefold())
        ):
            return line
    return own or f"Hội đồng Thi đua - Khen thưởng {campaign.superior.removeprefix('UBND ')}"


def proposal_citation(campaign: Campaign) -> str:
    """`Tờ trình số 45/TTr-UBND ngày 18/8/2020`."""
    row = issuance(campaign, registry.PROPOSAL)
    day = issue_date(campaign, registry.PROPOSAL, campaign.meeting_start.date())
    number = f" số {number_and_symbol(campaign, 'to-trinh')}" if row.number else ""
    return f"Tờ trình{number} ngày {vn.date_short(day)}"


def award_word(forms: list[str]) -> str:
    """`tặng Giấy khen` when every award is one form of Giấy/Bằng khen, else `khen thưởng`."""
    if len(forms) == 1:
        head = forms[0].split(" của ")[0].strip()
        if head.lower() in ("giấy khen", "bằng khen"):
            return f"tặng {head[:1].upper()}{head[1:]}"
    return "khen thưởng"


def money(amount: int) -> str:
    return f"{vn.number(amount, 0)} đồng"


def money_in_words(amount: int) -> str:
    """`2.235.000 đồng (Bằng chữ: Hai triệu hai trăm ba mươi lăm nghìn đồng)`."""
    return f"{money(amount)} (Bằng chữ: {vn.capitalize_first(vn.number_words(amount))} đồng)"


def _counts(awards: list[Award]) -> str:
    collectives = sum(a.kind == "tập thể" for a in awards)
    persons = sum(a.kind == "cá nhân" for a in awards)
    return " và ".join(
        ([f"{collectives} tập thể"] if collectives else []) + ([f"{persons} cá nhân"] if persons else [])
    )


def describe(campaign: Campaign, award: Award) -> str:
    """`Nguyễn Thị Thu Trang, Công chức …, UBND phường Phúc Lợi` or the collective (and unit)."""
    if award.kind == "tập thể":
        unit = collective_unit(campaign, award)
        return f"{award.name}, {unit}" if unit else award.name
    return f"{award.name}, {position_at(campaign, award.position or '', award.unit)}"


def _uniform(awards: list[Award]) -> str | None:
    """`mỗi tập thể 894.000 đồng, mỗi cá nhân 447.000 đồng` when each kind has one amount."""
    parts = []
    for kind in ("tập thể", "cá nhân"):
        of_kind = [a for a in awards if a.kind == kind]
        amounts = {a.amount for a in of_kind}
        if not of_kind:
            continue
        if len(amounts) != 1 or None in amounts:
            return None
        parts.append(f"mỗi {kind} {money(amounts.pop())}")
    return ", ".join(parts)


def competence(campaign: Campaign, row: Issuance, day) -> tuple[list[str], list[str]]:
    """The căn cứ of the issuer's competence, first of the decision's căn cứ (item 10): the
    row's `Căn cứ thẩm quyền`; for a People's Committee or its Chủ tịch, the law on the
    organisation of local government in force at its date; else a line left to fill."""
    if row.competence:
        return [
            re.sub(r"^căn cứ\s+", "", line.strip(), flags=re.IGNORECASE).rstrip(" ;.,")
            for line in row.competence
            if line.strip()
        ], []
    if geo.body_of(row.issuer, day).level in (geo.PROVINCE, geo.DISTRICT, geo.COMMUNE):
        found = legal.competence("UBND", day)
        if found:
            return found, []
    return ["…………………………………………………………"], [
        f'Quyết định của {row.issuer}: chưa có căn cứ thẩm quyền; ghi cột "Căn cứ thẩm quyền" ở '
        f'dòng "{KIND}" của cơ quan này trong trang "Văn bản" (mỗi dòng một căn cứ); quyết định '
        "để trống dòng căn cứ đầu tiên để ghi tay."
    ]


def context(
    campaign: Campaign, results: Results | None = None, decision: Decision | None = None
) -> tuple[dict, list[str]]:
    """Context of `quyet-dinh-khen-thuong.docx` (of `decision`, by default the first), and its
    warnings."""
    warnings: list[str] = []
    decision = decision or issuers.decisions(campaign)[0]
    row = decision.row
    day = row.date
    proposal_day = issue_date(campaign, registry.PROPOSAL, campaign.meeting_start.date())
    if day is None:
        warnings.append(
            f'Quyết định khen thưởng chưa có ngày (trang "Văn bản", dòng "{KIND}"): '
            f"chừa chỗ để ghi ngày; căn cứ pháp lý lấy theo ngày của tờ trình "
            f"({vn.date_short(proposal_day)}), cần xem lại nếu luật đổi trước ngày "
            "ký quyết định."
        )
    elif day < proposal_day:
        warnings.append(
            f"Quyết định khen thưởng ghi ngày {vn.date_short(day)}, trước ngày tờ "
            f"trình đề nghị ({vn.date_short(proposal_day)})."
        )
    awards = decision.awards
    refused = [a for a in campaign.awards or [] if not a.granted]
    forms = list(dict.fromkeys(a.form for a in awards))
    if len(forms) > 1:
        warnings.append(
            "Quyết định khen thưởng gồm nhiều hình thức ("
            + "; ".join(forms)
            + "): kiểm tra lại các hình thức này cùng thuộc thẩm quyền của "
            f"{authority_prose(campaign, row)}."
        )
    field, year = campaign.field_of_work, campaign.year
    word = award_word(forms)
    basis_day = day or proposal_day
    own, missing_basis = competence(campaign, row, basis_day)
    warnings += missing_basis
    basis = [f"Căn cứ {text}" for text in own + legal.in_force(basis_day)]
    basis.append(
        f"Theo đề nghị của {campaign.unit(campaign.leader).name} tại "
        f"{proposal_citation(campaign)} và ý kiến của {council(campaign, row)}"
    )
    annexed = len(awards) > INLINE_MAX
    with_money = [a for a in awards if a.amount]
    articles: list[dict] = []

    # Điều 1: the award.
    lines: list[str] = []
    if annexed:
        first = "; ".join(
            f"{'Tặng' if i == 0 else 'tặng'} {form} cho {_counts([a for a in awards if a.form == form])}"
            for i, form in enumerate(forms)
        )
        text = f"{first} đã có thành tích trong {field} năm {year} (có danh sách kèm theo)."
    else:
        opening = f"Tặng {forms[0]}" if len(forms) == 1 else "Khen thưởng"
        text = f"{opening} cho {_counts(awards)}"
        text = f"{text} sau đây đã có thành tích trong {field} năm {year}:"
        items = []
        for n, a in enumerate(awards, start=1):
            form = "" if len(forms) == 1 else f" ({a.form})"
            items.append(f"{n}. {describe(campaign, a)}{form}: {achievement(campaign, a)}")
        lines = punctuate(items)
    articles.append({"text": text, "lines": lines})

    # Điều 2 (when `Mức thưởng` gives amounts): the money, totalled and in words.
    if with_money:
        total = sum(a.amount for a in with_money)
        each = _uniform(awards)
        if each:
            how = f"Kèm theo {word.removeprefix('tặng ')} là tiền thưởng: {each}"
        elif annexed:
            how = "Kèm theo khen thưởng là tiền thưởng theo mức của từng tập thể, cá nhân ghi trong danh sách kèm theo"
        else:
            how = "Kèm theo khen thưởng là tiền thưởng: " + "; ".join(f"{a.name} {money(a.amount)}" for a in with_money)
        missing = [a.name for a in awards if not a.amount]
        if missing:
            warnings.append(
                "Quyết định khen thưởng: chưa có mức thưởng của "
                + vn.join_vi(missing)
                + ' (cột "Mức thưởng" của trang "Khen thưởng"); '
                "tổng tiền thưởng chỉ cộng các mức đã ghi."
            )
        articles.append(
            {
                "text": f"{how}. Tổng số tiền thưởng là {money_in_words(total)}, chi "
                "từ nguồn kinh phí thi đua, khen thưởng theo quy định.",
                "lines": [],
            }
        )

    # Điều 3: who carries it out.
    units = list(dict.fromkeys(a.unit for a in awards))
    heads = [
        f"Chủ tịch {campaign.unit(u).name}"
        if campaign.unit(u).name.startswith("UBND ")
        else f"Thủ trưởng {campaign.unit(u).name}"
        for u in units
    ]
    articles.append(
        {
            "text": f"Thủ trưởng các cơ quan, đơn vị có liên quan, {', '.join(heads)} "
            f"và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi "
            f"hành Quyết định này./.",
            "lines": [],
        }
    )
    for n, article in enumerate(articles, start=1):
        article["label"] = f"Điều {n}."

    doc = header(campaign, KIND, day, with_date=True, row=row)
    if not doc["recipients"]:
        doc["recipients"] = recipients((f"Như Điều {len(articles)}", "Lưu: VT"))
    decider = authority_prose(campaign, row)
    whom = ", ".join(k for k in ("tập thể", "cá nhân") if any(a.kind == k for a in awards))
    whom = whom or "tập thể, cá nhân"  # (what this decision grants: one authority's awards)
    subject = (
        f"Về việc {word} cho {whom} có thành tích trong {field} năm {year}"
        if word.startswith("tặng")
        else f"Về việc khen thưởng {whom} có thành tích trong {field} năm {year}"
    )
    if refused:
        warnings.append(
            "Quyết định khen thưởng không gồm "
            + vn.join_vi([a.name for a in refused])
            + ' (ghi "không" ở cột "Quyết định").'
        )
    return {
        "doc": doc,
        "summary_lines": summary_lines(subject),
        "authority": authority(row),
        "basis": punctuate(basis),
        "articles": articles,
        "sign": official_signature(campaign, KIND, row),
        "annexed": annexed,
        "annex": {
            "title_lines": [f"DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC {word.upper()}"],
            "note": attachment_note(campaign, KIND, "Quyết định", decider, day, row),
        },
        "with_money": bool(with_money),
        "rows": annex_rows(campaign, awards) if annexed else [],
        "total": vn.number(sum(a.amount for a in with_money), 0) if with_money else "",
    }, warnings


def annex_rows(campaign: Campaign, awards: list[Award]) -> list[dict]:
    """Group rows (`I. TẬP THỂ: form`) then one row per award, numbered within its group."""
    rows = []
    for numeral, heading, members in award_groups(awards):
        rows.append({"group": True, "n": numeral, "name": heading, "where": "", "achievement": "", "amount": ""})
        for n, a in members:
            where = (
                collective_unit(campaign, a)
                if a.kind == "tập thể"
                else vn.capitalize_first(position_at(campaign, a.position or "", a.unit))
            )
            rows.append(
                {
                    "group": False,
                    "n": str(n),
                    "name": a.name,
                    "where": where,
                    "achievement": vn.capitalize_first(achievement(campaign, a)),
                    "amount": vn.number(a.amount, 0) if a.amount else "",
                }
            )
    return rows


def build(campaign: Campaign, results: Results) -> Built:
    """One decision per granting authority (pipeline/issuers.py `decisions`)."""
    outputs, warnings = [], []
    for decision in issuers.decisions(campaign):
        ctx, found = context(campaign, results, decision)
        warnings += found
        title = f"Quyết định khen thưởng {campaign.field_of_work} năm {campaign.year}"
        if decision.slug:
            title += f" ({decision.authority.text})"
        outputs.append(
            Output(
                ENTRY.file(decision_tail(decision)),
                ENTRY.template,
                ctx,
                Properties(title=title, creator=decision.row.issuer),
            )
        )
    return Built(outputs, warnings)
