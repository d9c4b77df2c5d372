"""Giấy khen: one page per granted award, typed onto the usual pre-printed paper.

The paper carries the frame, the Quốc hiệu and `GIẤY KHEN`; the template
(templates_docx/giay-khen.docx, A4 landscape, rows of exact height) places the
rest in its blank areas. `giay-khen-in-thu.docx` is the same pages with the
printed parts drawn in grey, for a test print on plain paper laid over the real one.
The certificates are signed as the decision is: its `quyet-dinh` row of `Văn bản`.
"""
from __future__ import annotations

from .. import vietnamese as vn
from ..model import Award, Campaign
from ..score import Results
from ..timeline import blank_year
from .base import Built, Output
from .common import (
    issuance, long_date, number_and_symbol, official_signature, position_at, properties,
)
from .decision import KIND as DECISION, achievement, authority, collective_unit, granted

REAL, PROOF = "giay-khen.docx", "giay-khen-in-thu.docx"


def _position(campaign: Campaign, award: Award) -> str:
    if award.kind == "tập thể":
        return collective_unit(campaign, award)
    return vn.capitalize_first(position_at(campaign, award.position or "", award.unit))


def certificates(campaign: Campaign) -> list[dict]:
    row = issuance(campaign, DECISION)
    sign = official_signature(campaign, DECISION)
    day = row.date
    number = number_and_symbol(campaign, DECISION)
    when = f"ngày {vn.date_short(day)}" if day else f"ngày …/…/{blank_year(campaign, DECISION)}"
    decision = f"Quyết định số {number} {when}"
    return [{
        "authority": authority(row),
        "name": award.name,
        "position": _position(campaign, award),
        "achievement": achievement(campaign, award),
        "decision": decision,
        "register": "Số sổ vàng: ……………",
        "place_date": f"{row.place}, {long_date(day, blank_year(campaign, DECISION))}",
        "title_lines": sign["title_lines"],
        "signer": sign["name"],
    } for award in granted(campaign)]


def build(campaign: Campaign, results: Results) -> Built:
    pages = certificates(campaign)
    about = properties(campaign, DECISION, f"Giấy khen {campaign.field_of_work} năm {campaign.year}")
    return Built([Output(REAL, "giay-khen.docx", {"certificates": pages, "proof": False}, about),
                  Output(PROOF, "giay-khen.docx", {"certificates": pages, "proof": True}, about)])
