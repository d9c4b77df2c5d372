"""BIÊN BẢN họp cụm: the cluster meeting that scores, ranks and proposes (Mẫu 1.9)."""

from __future__ import annotations

import pandas as pd

from .. import kinds as registry
from .. import vietnamese as vn
from ..model import Campaign
from ..score import Results
from .base import Built, Output
from .common import (
    BLANK_PERSON,
    authorities,
    embed,
    grade_summary,
    header,
    inspection_period,
    person_line,
    plan_citation,
    points,
    position_at,
    properties,
    punctuate,
    signer,
    summary_lines,
    total_max,
)

KIND = registry.MEETING
ENTRY = registry.kind(KIND)  # its template and file names
NO_AWARDS = 'Chưa có trang "Khen thưởng": biên bản họp cụm không có phần đề nghị khen thưởng.'


def outcome(campaign: Campaign, results: Results) -> str:
    """`Kết quả: 5/5 phường đạt loại A.` or `4/6 phường đạt loại A, 2/6 phường đạt loại B.`"""
    return f"Kết quả: {grade_summary(campaign, results)}."


def _award_groups(campaign: Campaign) -> dict | None:
    if campaign.awards is None:
        return None
    collectives = [a for a in campaign.awards if a.kind == "tập thể"]
    persons = [a for a in campaign.awards if a.kind == "cá nhân"]
    if not collectives and not persons:
        return None
    groups = []
    letters = iter("ab")
    if collectives:
        groups.append(
            {"title": f"{next(letters)}) Tập thể:", "lines": punctuate([f"{a.name}: {a.form}" for a in collectives])}
        )
    if persons:
        lines = [f"Đồng chí {a.name}, {position_at(campaign, a.position, a.unit)}: {a.form}" for a in persons]
        groups.append({"title": f"{next(letters)}) Cá nhân:", "lines": punctuate(lines)})
    counts = []
    if collectives:
        counts.append(f"{len(collectives)} tập thể")
    if persons:
        counts.append(f"{len(persons)} cá nhân")
    granting = authorities(a.form for a in campaign.awards)
    who = granting[0] if len(granting) == 1 else "cấp có thẩm quyền"
    return {
        "intro": (
            f"Từ kết quả chấm điểm, Cụm thống nhất đề nghị {who} khen "
            f"thưởng {' và '.join(counts)} có thành tích tiêu biểu trong "
            f"{campaign.field_of_work} năm {campaign.year}, cụ thể:"
        ),
        "groups": groups,
    }


def changes(campaign: Campaign) -> list[str]:
    """Each score the meeting changed from the team's (`Đoàn chấm` -> `Cụm chấm`), with why."""
    if not campaign.team_column:
        return []
    lines = []
    for row in campaign.scores.itertuples():
        if pd.isna(row.team) or pd.isna(row.cluster) or abs(row.team - row.cluster) < 1e-9:
            continue
        why = f" ({embed(row.note)})" if isinstance(row.note, str) and row.note else ""
        lines.append(
            f"- Tiêu chí {row.criterion} của {campaign.unit(row.unit).name}: đoàn kiểm "
            f"tra chấm {vn.number(row.team)} điểm, Cụm thống nhất chấm "
            f"{vn.number(row.cluster)} điểm{why}"
        )
    return punctuate(lines)


def _chair_line(campaign: Campaign, chair) -> str:
    if chair is None:
        return f"Chủ trì: {BLANK_PERSON}."
    role = ", đại diện đơn vị cụm trưởng" if chair.unit == campaign.leader else ""
    return f"Chủ trì: {person_line(campaign, chair)}{role}."


def context(campaign: Campaign, results: Results) -> dict:
    """Context of `bien-ban-hop-cum.docx`. A chair or secretary the workbook does not name
    leaves a line to write by hand (validate warns)."""
    chairs, secretaries = campaign.people_with("chủ trì"), campaign.people_with("thư ký")
    chair = chairs[0] if chairs else None
    secretary = secretaries[0] if secretaries else None
    named = {p.name for p in (chair, secretary) if p is not None}
    members = [p for p in campaign.people_with("thành viên") if p.name not in named]
    # the role never splits at a line end (`Chủ` / `trì`): no-break spaces
    attendees = [person_line(campaign, chair, " -\u00a0Chủ\u00a0trì")] if chair else []
    attendees += [person_line(campaign, p) for p in members]
    if secretary:
        attendees.append(person_line(campaign, secretary, " -\u00a0Thư\u00a0ký"))
    start, end = campaign.meeting_start, campaign.meeting_end
    end_day = " cùng ngày" if end.date() == start.date() else f", {vn.date_long(end.date())}"
    groups = sorted({c.code for c in campaign.criteria if c.parent is None})
    basis = [
        f"{plan_citation(campaign)}",
        (
            f"Bộ tiêu chí chấm điểm thi đua {campaign.field_of_work} năm {campaign.year} "
            f"({len(groups)} nhóm tiêu chí, thang điểm {vn.number(total_max(campaign))})"
        ),
        "Báo cáo, biểu tự chấm điểm của các đơn vị",
        f"Kết quả kiểm tra thực tế tại các đơn vị {inspection_period(campaign)}",
    ]
    rows = [
        {
            "rank": str(r.rank),
            "unit": campaign.unit(r.unit).name,
            "self": points(r.self_total),
            "cluster": points(r.cluster_total),
            "grade": r.grade + (f" ({r.grade_name})" if isinstance(r.grade_name, str) else ""),
        }
        for r in results.units.itertuples()
    ]
    awards = _award_groups(campaign)
    section = "4" if awards else "3"
    return {
        "doc": header(campaign, KIND, start.date(), with_date=False),
        "summary_lines": summary_lines(
            f"Họp cụm chấm điểm, bình xét thi đua {campaign.field_of_work} năm {campaign.year}"
        ),
        "start_line": f"Thời gian bắt đầu: {vn.time_long(start.time())}, {vn.date_long(start.date())}.",
        "place_line": f"Địa điểm: {vn.capitalize_first(campaign.meeting_place)}.",
        "attendees": punctuate(attendees),
        "chair_line": _chair_line(campaign, chair),
        "secretary_line": (f"Thư ký: {person_line(campaign, secretary)}." if secretary else f"Thư ký: {BLANK_PERSON}."),
        "basis": punctuate(basis),
        "results_intro": (
            f"Căn cứ các nội dung trên, {campaign.cluster} đã tiến hành chấm điểm "
            f"thi đua đối với từng đơn vị; kết quả chấm điểm, xếp hạng như sau:"
        ),
        "results": rows,
        "changes": changes(campaign),
        "outcome": outcome(campaign, results),
        "awards": awards or {},
        "vote_heading": f"{section}. Biểu quyết",
        "vote": (
            "Các thành viên dự họp đã biểu quyết, nhất trí 100% với kết quả chấm điểm, xếp "
            "loại" + (" và danh sách đề nghị khen thưởng" if awards else "") + " nêu trên."
        ),
        "closing": f"Cuộc họp kết thúc vào hồi {vn.time_long(end.time())}{end_day}./.",
        "secretary": signer("THƯ KÝ", secretary.name if secretary else ""),
        "chair": signer("CHỦ TRÌ", chair.name if chair else ""),
    }


def build(campaign: Campaign, results: Results) -> Built:
    warnings = [NO_AWARDS] if campaign.awards is None else []
    title = f"Biên bản họp cụm chấm điểm, bình xét thi đua {campaign.field_of_work} năm {campaign.year}"
    return Built(
        [Output(ENTRY.file(), ENTRY.template, context(campaign, results), properties(campaign, KIND, title))], warnings
    )
