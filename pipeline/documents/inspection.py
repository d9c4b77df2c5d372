"""BIÊN BẢN kiểm tra: the minutes of the field inspection of one unit (Mẫu 1.9)."""

from __future__ import annotations

import pandas as pd

from .. import kinds as registry
from .. import vietnamese as vn
from ..model import Campaign, Inspection
from ..score import Results, grade_of
from .base import Built, Output
from .common import (
    BLANK_PERSON,
    FINDING_TITLES,
    capital,
    header,
    person_line,
    plan_citation,
    points,
    properties,
    punctuate,
    signer,
    summary_lines,
    total_max,
    when_or_dots,
)

KIND = registry.INSPECTION
ENTRY = registry.kind(KIND)  # its template and file names


def file_name(unit_code: str) -> str:
    return ENTRY.file(unit_code.lower())


def _findings(campaign: Campaign, unit: str) -> list[dict]:
    sections = []
    for kind, title in FINDING_TITLES.items():
        items = [capital(f.text) for f in campaign.findings if f.unit == unit and f.kind == kind]
        if items:
            letter = "abc"[len(sections)]
            sections.append({"title": f"{letter}) {title}:", "lines": punctuate(items)})
    return sections


def context(campaign: Campaign, visit: Inspection, results: Results) -> dict:
    """Context of `bien-ban-kiem-tra-<ma>.docx`. Missing people leave their lines blank."""
    inspected = visit.inspected
    host, guest = campaign.unit(inspected), campaign.unit(visit.inspector)
    leaders = campaign.people_with("trưởng đoàn", guest.code)
    members = campaign.people_with("đoàn kiểm tra", guest.code)
    hosts = campaign.people_with("đại diện", host.code)
    leader = leaders[0] if leaders else None
    table = results.table
    mine = table[table["unit"] == inspected]
    scored = dict(zip(mine["criterion"], zip(mine["self"], mine["team"])))
    own = campaign.scores[campaign.scores["unit"] == inspected]
    notes = dict(zip(own["criterion"], own["note"]))
    rows = []
    for c in campaign.criteria:
        self_score, team_score = scored[c.code]
        note = notes.get(c.code)
        rows.append(
            {
                "group": c.is_group,
                "code": c.code,
                "content": c.content,
                "max": vn.number(c.max),
                "self": points(self_score),
                "cluster": points(team_score),
                "note": "" if note is None or pd.isna(note) else note,
            }
        )
    result = results.of(inspected)
    team_total = result["team_total"]
    if pd.isna(team_total):  # no team scores in the workbook: the team writes them on the day
        conclusion = (
            f"Đoàn kiểm tra thống nhất chấm {host.name} đạt ………… điểm trên tổng số "
            f"{vn.number(total_max(campaign))} điểm, xếp loại …………."
        )
    else:
        grade = grade_of(team_total, campaign.grades)  # the team's on the day, not the meeting's
        conclusion = (
            f"Đoàn kiểm tra thống nhất chấm {host.name} đạt "
            f"{vn.number_with_words(team_total)} điểm trên tổng số "
            f"{vn.number(total_max(campaign))} điểm, xếp loại {grade.label}"
            + (f" ({grade.name})." if grade.name else ".")
        )
    day = vn.date_long(visit.day)
    place = f"trụ sở {host.name}"
    opening = (
        f"Vào hồi {when_or_dots(visit.start)}, {day}, tại {place}, Đoàn kiểm tra chéo "
        f"{campaign.cluster} do {guest.name} thực hiện đã tiến hành kiểm tra "
        f"{campaign.field_of_work} năm {campaign.year} của {host.name} theo "
        f"{plan_citation(campaign)}."
    )
    same_day = visit.end is None or visit.end.date() == visit.day
    end_when = when_or_dots(visit.end) + (" cùng ngày" if same_day else f", {vn.date_long(visit.end.date())}")
    team = [person_line(campaign, leader, " - Trưởng đoàn") if leader else f"{BLANK_PERSON} - Trưởng đoàn"]
    team += [person_line(campaign, p, " - Thành viên") for p in members if p != leader]
    host_lines = [person_line(campaign, p) for p in hosts] or [BLANK_PERSON]
    return {
        "doc": header(campaign, KIND, visit.day, with_date=False),
        "summary_lines": summary_lines(f"Kiểm tra chéo {campaign.field_of_work} năm {campaign.year} tại {host.name}"),
        "opening": opening,
        "team_heading": f"1. Đoàn kiểm tra ({guest.name}):",
        "team": punctuate(team),
        "hosts_heading": f"2. Đại diện {host.name}:",
        "hosts": punctuate(host_lines),
        "method": (
            "Đoàn kiểm tra đã nghe đại diện đơn vị báo cáo, kiểm tra thực tế hồ sơ, tài "
            "liệu và đối chiếu với biểu tự chấm điểm của đơn vị theo từng tiêu chí; "
            "kết quả như sau:"
        ),
        "rows": rows,
        "total": {
            "max": vn.number(total_max(campaign)),
            "self": points(result["self_total"]),
            "cluster": points(team_total),
        },
        "findings": _findings(campaign, inspected),
        "conclusion": conclusion,
        "closing": (
            f"Buổi kiểm tra kết thúc vào hồi {end_when}. Biên bản đã được đọc lại cho "
            f"các thành viên cùng nghe, thống nhất ký tên và lập thành 02 bản, "
            f"đơn vị được kiểm tra giữ 01 bản, đoàn kiểm tra giữ 01 bản./."
        ),
        "left": signer(f"ĐẠI DIỆN {host.name.upper()}", hosts[0].name if hosts else ""),
        "right": signer("TRƯỞNG ĐOÀN KIỂM TRA", leader.name if leader else ""),
    }


def build(campaign: Campaign, results: Results) -> Built:
    """One minutes per inspected unit, in schedule order."""
    return Built(
        [
            Output(
                file_name(visit.inspected),
                ENTRY.template,
                context(campaign, visit, results),
                properties(
                    campaign,
                    KIND,
                    f"Biên bản kiểm tra chéo "
                    f"{campaign.field_of_work} năm {campaign.year} tại "
                    f"{campaign.unit(visit.inspected).name}",
                ),
            )
            for visit in campaign.schedule
        ]
    )
