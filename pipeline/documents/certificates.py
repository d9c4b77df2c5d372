"""Giấy khen: one page per granted award, typed onto the usual pre-printed paper.

The paper carries the frame, the Quốc hiệu and `GIẤY KHEN`; the template
(templates_docx/giay-khen.docx, A4 landscape, rows of exact height) places the
rest in its blank areas. `giay-khen-in-thu.docx` is the same pages with the
printed parts drawn in grey, for a test print on plain paper laid over the real one.
The certificates are signed as the decision is: its `quyet-dinh` row of `Văn bản`.
"""

from __future__ import annotations

from .. import issuers
from .. import kinds as registry
from .. import vietnamese as vn
from ..issuers import Decision
from ..model import Award, Campaign
from ..score import Results
from ..timeline import blank_year
from .base import Built, Output, Properties
from .common import (
    achievement,
    authority,
    collective_unit,
    decision_tail,
    long_date,
    number_and_symbol,
    official_signature,
    position_at,
)

KIND = registry.CERTIFICATES
ENTRY = registry.kind(KIND)  # its template and file names
DECISION = ENTRY.own_row  # issued under the decision's row


def _position(campaign: Campaign, award: Award) -> str:
    if award.kind == "tập thể":
        return collective_unit(campaign, award)
    return vn.capitalize_first(position_at(campaign, award.position or "", award.unit))


def certificates(campaign: Campaign, decision: Decision | None = None) -> list[dict]:
    """The pages of one decision's certificates (by default the first decision's), signed as
    that decision is."""
    decision = decision or issuers.decisions(campaign)[0]
    row = decision.row
    sign = official_signature(campaign, DECISION, row)
    day = row.date
    number = number_and_symbol(campaign, DECISION, row)
    when = f"ngày {vn.date_short(day)}" if day else f"ngày …/…/{blank_year(campaign, DECISION)}"
    decision_line = f"Quyết định số {number} {when}"
    return [
        {
            "authority": authority(row),
            "name": award.name,
            "position": _position(campaign, award),
            "achievement": vn.capitalize_first(achievement(campaign, award)),
            "decision": decision_line,
            "register": "Số sổ vàng: ……………",
            "place_date": f"{row.place or issuers.DOTS_PLACE}, {long_date(day, blank_year(campaign, DECISION))}",
            "title_lines": sign["title_lines"],
            "signer": sign["name"],
        }
        for award in decision.awards
    ]


def build(campaign: Campaign, results: Results) -> Built:
    """One certificates file (and its proof) per decision: the certificates follow it."""
    outputs = []
    for decision in issuers.decisions(campaign):
        pages = certificates(campaign, decision)
        title = f"Giấy khen {campaign.field_of_work} năm {campaign.year}"
        if decision.slug:
            title += f" ({decision.authority.text})"
        about = Properties(title=title, creator=decision.row.issuer)
        tail = decision_tail(decision)
        outputs += [
            Output(ENTRY.file(tail), ENTRY.template, {"certificates": pages, "proof": False}, about),
            Output(ENTRY.file(f"{tail}-in-thu"), ENTRY.template, {"certificates": pages, "proof": True}, about),
        ]
    return Built(outputs)
