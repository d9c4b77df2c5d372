"""BIÊN BẢN họp cụm: the cluster meeting that scores, ranks and proposes (Mẫu 1.9)."""
from __future__ import annotations

from .. import vietnamese as vn
from ..model import Campaign
from ..score import Results
from .base import Built, Output
from .common import (
    grade_summary, header, person_line, plan_citation, points, position_at, punctuate, signer,
    summary_lines, total_max,
)

KIND = "bien-ban-hop-cum"
NO_AWARDS = ('Chưa có trang "Khen thưởng": biên bản họp cụm không có phần đề nghị khen '
             "thưởng.")


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
        groups.append({"title": f"{next(letters)}) Tập thể:",
                       "lines": punctuate([f"{a.name}: {a.form}" for a in collectives])})
    if persons:
        lines = [f"Đồng chí {a.name}, {position_at(campaign, a.position, a.unit)}: {a.form}"
                 for a in persons]
        groups.append({"title": f"{next(letters)}) Cá nhân:", "lines": punctuate(lines)})
    counts = []
    if collectives:
        counts.append(f"{len(collectives)} tập thể")
    if persons:
        counts.append(f"{len(persons)} cá nhân")
    return {
        "intro": (f"Từ kết quả chấm điểm, Cụm thống nhất đề nghị {campaign.superior} khen "
                  f"thưởng {' và '.join(counts)} có thành tích tiêu biểu trong "
                  f"{campaign.field_of_work} năm {campaign.year}, cụ thể:"),
        "groups": groups,
    }


def context(campaign: Campaign, results: Results) -> dict:
    """Context of `bien-ban-hop-cum.docx`."""
    chair = campaign.people_with("chủ trì")[0]
    secretary = campaign.people_with("thư ký")[0]
    members = [p for p in campaign.people_with("thành viên") if p.name not in (chair.name, secretary.name)]
    attendees = [person_line(campaign, chair, " - Chủ trì")]
    attendees += [person_line(campaign, p) for p in members]
    attendees.append(person_line(campaign, secretary, " - Thư ký"))
    start, end = campaign.meeting_start, campaign.meeting_end
    end_day = " cùng ngày" if end.date() == start.date() else f", {vn.date_long(end.date())}"
    leader = campaign.unit(campaign.leader)
    groups = sorted({c.code for c in campaign.criteria if c.parent is None})
    part = f" buổi {campaign.inspection_part_of_day}" if campaign.inspection_part_of_day else ""
    basis = [
        f"{plan_citation(campaign)}",
        (f"Bộ tiêu chí chấm điểm thi đua {campaign.field_of_work} năm {campaign.year} "
         f"({len(groups)} nhóm tiêu chí, thang điểm {vn.number(total_max(campaign))})"),
        "Báo cáo, biểu tự chấm điểm của các đơn vị",
        (f"Kết quả kiểm tra thực tế tại các đơn vị{part} "
         f"ngày {vn.date_short(campaign.inspection_date)}"),
    ]
    rows = [{
        "rank": str(r.rank), "unit": campaign.unit(r.unit).name, "self": points(r.self_total),
        "cluster": points(r.cluster_total),
        "grade": r.grade + (f" ({r.grade_name})" if isinstance(r.grade_name, str) else ""),
    } for r in results.units.itertuples()]
    awards = _award_groups(campaign)
    section = "4" if awards else "3"
    return {
        "doc": header(campaign, KIND, start.date(), with_date=False),
        "summary_lines": summary_lines(f"Họp cụm chấm điểm, bình xét thi đua "
                                       f"{campaign.field_of_work} năm {campaign.year}"),
        "start_line": f"Thời gian bắt đầu: {vn.time_long(start.time())}, {vn.date_long(start.date())}.",
        "place_line": f"Địa điểm: {vn.capitalize_first(campaign.meeting_place)}.",
        "attendees": punctuate(attendees),
        "chair_line": (f"Chủ trì: {person_line(campaign, chair)}, đại diện đơn vị cụm trưởng "
                       f"({leader.name})."),
        "secretary_line": f"Thư ký: {person_line(campaign, secretary)}.",
        "basis": punctuate(basis),
        "results_intro": (f"Căn cứ các nội dung trên, {campaign.cluster} đã tiến hành chấm điểm "
                          f"thi đua đối với từng đơn vị; kết quả chấm điểm, xếp hạng như sau:"),
        "results": rows,
        "outcome": outcome(campaign, results),
        "awards": awards or {},
        "vote_heading": f"{section}. Biểu quyết",
        "vote": ("Các thành viên dự họp đã biểu quyết, nhất trí 100% với kết quả chấm điểm, xếp "
                 "loại" + (" và danh sách đề nghị khen thưởng" if awards else "") + " nêu trên."),
        "closing": f"Cuộc họp kết thúc vào hồi {vn.time_long(end.time())}{end_day}./.",
        "secretary": signer("THƯ KÝ", secretary.name),
        "chair": signer("CHỦ TRÌ", chair.name),
    }


def build(campaign: Campaign, results: Results) -> Built:
    warnings = [NO_AWARDS] if campaign.awards is None else []
    return Built([Output("bien-ban-hop-cum.docx", "bien-ban-hop-cum.docx",
                         context(campaign, results))], warnings)
