"""The inspection minutes (one per inspected unit) and the cluster-meeting minutes."""
from __future__ import annotations

from datetime import datetime

import pandas as pd

from .. import score
from .. import vietnamese as vn
from ..errors import Problem, ValidationError
from ..model import Campaign
from .common import (
    grade_summary, header, person_line, plan_citation, position_at, punctuate, signer,
    summary_lines,
)

DOTS_TIME = "… giờ … phút"
FINDING_TITLES = {"ưu điểm": "Ưu điểm", "hạn chế": "Hạn chế", "kiến nghị": "Kiến nghị"}


def _when(moment: datetime | None) -> str:
    return vn.time_long(moment.time()) if moment is not None else DOTS_TIME


def _points(value: float) -> str:
    return "" if pd.isna(value) else vn.number(value)


def _require_cluster_scores(campaign: Campaign, units: list[str], document: str) -> None:
    missing = campaign.scores[campaign.scores["cluster"].isna() & campaign.scores["unit"].isin(units)]
    if missing.empty:
        return
    sheet = "Chấm điểm"
    problems = [
        Problem("du-lieu.xlsx" if not campaign.folder.joinpath("cham-diem.csv").exists()
                else "cham-diem.csv",
                f"{document} cần điểm cụm chấm của đơn vị {row.unit}, tiêu chí {row.criterion}.",
                sheet, int(row.row), "Cụm chấm")
        for row in missing.itertuples()
    ]
    raise ValidationError(problems)


def _findings(campaign: Campaign, unit: str) -> list[dict]:
    sections = []
    for kind, title in FINDING_TITLES.items():
        items = [f.text for f in campaign.findings if f.unit == unit and f.kind == kind]
        if items:
            letter = "abc"[len(sections)]
            sections.append({"title": f"{letter}) {title}:", "lines": punctuate(items)})
    return sections


def _total_max(campaign: Campaign) -> float:
    return sum(c.max for c in campaign.criteria if c.parent is None)


def inspection(campaign: Campaign, inspected: str, results: pd.DataFrame,
               table: pd.DataFrame) -> dict:
    """Context of `bien-ban-kiem-tra-<ma>.docx`."""
    visit = next(i for i in campaign.schedule if i.inspected == inspected)
    host, guest = campaign.unit(inspected), campaign.unit(visit.inspector)
    leaders = campaign.people_with("trưởng đoàn", guest.code)
    members = campaign.people_with("đoàn kiểm tra", guest.code)
    hosts = campaign.people_with("đại diện", host.code)
    problems = []
    if not leaders:
        problems.append(f"biên bản kiểm tra {host.name} cần một người có vai trò `trưởng đoàn` "
                        f"của đơn vị kiểm tra {guest.code}.")
    if not hosts:
        problems.append(f"biên bản kiểm tra {host.name} cần ít nhất một người có vai trò "
                        f"`đại diện` của đơn vị {host.code}.")
    if problems:
        raise ValidationError([Problem("du-lieu.xlsx", p, "Người") for p in problems])
    leader = leaders[0]
    mine = table[table["unit"] == inspected]
    points = dict(zip(mine["criterion"], zip(mine["self"], mine["cluster"])))
    own = campaign.scores[campaign.scores["unit"] == inspected]
    notes = dict(zip(own["criterion"], own["note"]))
    rows = []
    for c in campaign.criteria:
        self_score, cluster_score = points[c.code]
        note = notes.get(c.code)
        rows.append({
            "group": c.is_group, "code": c.code, "content": c.content, "max": vn.number(c.max),
            "self": _points(self_score), "cluster": _points(cluster_score),
            "note": "" if note is None or pd.isna(note) else note,
        })
    result = results.set_index("unit").loc[inspected]
    moment = visit.start
    day = vn.date_long(visit.day)
    place = f"trụ sở {host.name}"
    opening = (f"Vào hồi {_when(moment)}, {day}, tại {place}, Đoàn kiểm tra chéo "
               f"{campaign.cluster} do {guest.name} thực hiện đã tiến hành kiểm tra "
               f"{campaign.field_of_work} năm {campaign.year} của {host.name} theo "
               f"{plan_citation(campaign)}.")
    same_day = visit.end is None or visit.end.date() == visit.day
    end_when = _when(visit.end) + (" cùng ngày" if same_day else f", {vn.date_long(visit.end.date())}")
    team = [person_line(campaign, leader, " - Trưởng đoàn")]
    team += [person_line(campaign, p, " - Thành viên") for p in members if p != leader]
    grade = result["grade_name"]
    return {
        "doc": header(campaign, "bien-ban-kiem-tra", visit.day, with_date=False),
        "summary_lines": summary_lines(
            f"Kiểm tra chéo {campaign.field_of_work} năm {campaign.year} tại {host.name}"),
        "opening": opening,
        "team_heading": f"1. Đoàn kiểm tra ({guest.name}):",
        "team": punctuate(team),
        "hosts_heading": f"2. Đại diện {host.name}:",
        "hosts": punctuate([person_line(campaign, p) for p in hosts]),
        "method": ("Đoàn kiểm tra đã nghe đại diện đơn vị báo cáo, kiểm tra thực tế hồ sơ, tài "
                   "liệu và đối chiếu với biểu tự chấm điểm của đơn vị theo từng tiêu chí; "
                   "kết quả như sau:"),
        "rows": rows,
        "total": {"max": vn.number(_total_max(campaign)), "self": _points(result["self_total"]),
                  "cluster": _points(result["cluster_total"])},
        "findings": _findings(campaign, inspected),
        "conclusion": (f"Đoàn kiểm tra thống nhất chấm {host.name} đạt "
                       f"{vn.number_with_words(result['total'])} điểm trên tổng số "
                       f"{vn.number(_total_max(campaign))} điểm, xếp loại {result['grade']}"
                       + (f" ({grade})." if isinstance(grade, str) and grade else ".")),
        "closing": (f"Buổi kiểm tra kết thúc vào hồi {end_when}. Biên bản đã được đọc lại cho "
                    f"các thành viên cùng nghe, thống nhất ký tên và lập thành 02 bản, "
                    f"đơn vị được kiểm tra giữ 01 bản, đoàn kiểm tra giữ 01 bản./."),
        "left": signer(f"ĐẠI DIỆN {host.name.upper()}", hosts[0].name),
        "right": signer("TRƯỞNG ĐOÀN KIỂM TRA", leader.name),
    }


def outcome(campaign: Campaign, results: pd.DataFrame) -> str:
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


def meeting(campaign: Campaign, results: pd.DataFrame) -> dict:
    """Context of `bien-ban-hop-cum.docx`."""
    _require_cluster_scores(campaign, [u.code for u in campaign.units], "Biên bản họp cụm")
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
         f"({len(groups)} nhóm tiêu chí, thang điểm {vn.number(_total_max(campaign))})"),
        "Báo cáo, biểu tự chấm điểm của các đơn vị",
        (f"Kết quả kiểm tra thực tế tại các đơn vị{part} "
         f"ngày {vn.date_short(campaign.inspection_date)}"),
    ]
    rows = [{
        "rank": str(r.rank), "unit": campaign.unit(r.unit).name, "self": _points(r.self_total),
        "cluster": _points(r.cluster_total),
        "grade": r.grade + (f" ({r.grade_name})" if isinstance(r.grade_name, str) else ""),
    } for r in results.itertuples()]
    awards = _award_groups(campaign)
    if campaign.awards is None:
        campaign.warnings.append('Chưa có trang "Khen thưởng": biên bản họp cụm không có phần '
                                 "đề nghị khen thưởng.")
    section = "4" if awards else "3"
    return {
        "doc": header(campaign, "bien-ban-hop-cum", start.date(), with_date=False),
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


def inspections(campaign: Campaign) -> dict[str, tuple[str, dict]]:
    """Every inspection minutes: output file name -> (template, context)."""
    results = campaign.results()
    table = score.criterion_table(campaign.scores, campaign.criteria)
    inspected = [i.inspected for i in campaign.schedule]
    _require_cluster_scores(campaign, inspected, "Biên bản kiểm tra")
    out = {}
    problems: list[Problem] = []
    for code in inspected:
        try:
            out[f"bien-ban-kiem-tra-{code.lower()}.docx"] = (
                "bien-ban-kiem-tra", inspection(campaign, code, results, table))
        except ValidationError as exc:
            problems += exc.problems
    if problems:
        raise ValidationError(problems)
    return out


def meeting_context(campaign: Campaign) -> dict:
    return meeting(campaign, campaign.results())
