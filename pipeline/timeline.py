"""The campaign's dates in the order its documents follow one another.

plan ≤ inspections ≤ meeting ≤ proposal ≤ decision (issue 17 item 4; spec inputs.md).
`order_warnings` names the cells of a date out of order, or of an inspection held at the
hour of the meeting; `blank_year` is the year printed under a date left for the clerk
(`ngày … tháng … năm 2021`): the year of the documents it follows, never an earlier one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from . import kinds as registry
from . import vietnamese as vn
from .cells import has_time
from .model import Campaign

# The stages in order, and the kinds dated at each (news follows the meeting, the
# certificates their decision). A kind's blank date takes the latest year before it.
STAGES = (registry.PLAN, registry.INSPECTION, registry.MEETING, registry.PROPOSAL, registry.DECISION)
FOLLOWS = {registry.NEWS: registry.MEETING, registry.CERTIFICATES: registry.DECISION}
# An inspection with a start but no end is taken to last this long.
VISIT = timedelta(hours=2)


def _dates(campaign: Campaign) -> dict[str, date | None]:
    """The date known for each stage (None: left blank)."""

    def row_date(kind):
        row = campaign.issuances.get(kind)
        return row.date if row is not None else None

    days = [v.day for v in campaign.schedule] or [campaign.inspection_date]
    meeting = campaign.meeting_start.date()
    return {
        registry.PLAN: row_date(registry.PLAN),
        registry.INSPECTION: max(days),
        registry.MEETING: row_date(registry.MEETING) or meeting,
        registry.PROPOSAL: row_date(registry.PROPOSAL) or meeting,
        registry.DECISION: row_date(registry.DECISION),
    }


def blank_year(campaign: Campaign, kind: str) -> int:
    """The year under `kind`'s blank date: the latest of the dates of the documents before
    it (a decision answering a proposal of January 2021 is of 2021), at least the campaign's."""
    stage = FOLLOWS.get(kind, kind)
    before = STAGES[: STAGES.index(stage)] if stage in STAGES else STAGES
    known = [d.year for k, d in _dates(campaign).items() if k in before and d is not None]
    return max([campaign.year, *known])


def _cell(campaign: Campaign, sheet: str, row: int | None, column: str) -> str:
    file = campaign.sources.get(sheet, "du-lieu.xlsx")
    where = f" › dòng {row}" if row is not None else ""
    return f'{file} › {sheet}{where} › cột "{column}"'


def _general(campaign: Campaign, item: str) -> str:
    return _cell(campaign, "Chung", campaign.general_rows.get(item), "Giá trị") + f" ({item})"


def _row(campaign: Campaign, kind: str) -> str:
    row = campaign.issuances[kind]
    return _cell(campaign, "Văn bản", row.row, "Ngày") + f' (dòng "{kind}")'


def _visit_cell(campaign: Campaign, visit) -> str:
    if visit.row is None:
        return _general(campaign, "Ngày kiểm tra")
    return _cell(campaign, "Lịch kiểm tra", visit.row, "Thời gian")


def order_warnings(campaign: Campaign) -> list[str]:
    """A date out of order, or an inspection at the hour of the meeting: one warning each,
    naming the cells."""
    out: list[str] = []
    meeting_start, meeting_end = campaign.meeting_start, campaign.meeting_end
    meeting = meeting_start.date()
    meeting_cell = _general(campaign, "Bắt đầu họp")
    visits = list(campaign.schedule)
    plan = campaign.issuances.get(registry.PLAN)
    if plan is not None and plan.date is not None and visits:
        first = min(visits, key=lambda v: v.day)
        if plan.date > first.day:
            out.append(
                f"Kế hoạch kiểm tra ghi ngày {vn.date_short(plan.date)} ({_row(campaign, 'ke-hoach')}), "
                f"sau ngày kiểm tra {vn.date_short(first.day)} ({_visit_cell(campaign, first)}): "
                "kế hoạch phải ban hành trước khi kiểm tra; xem lại hai ô này."
            )
    for visit in visits:
        where = _visit_cell(campaign, visit)
        unit = campaign.unit(visit.inspected).name
        if visit.day > meeting:
            out.append(
                f"Buổi kiểm tra {unit} ngày {vn.date_short(visit.day)} ({where}) sau cuộc "
                f"họp cụm ngày {vn.date_short(meeting)} ({meeting_cell}): cuộc họp chấm "
                "điểm theo kết quả kiểm tra nên phải họp sau khi kiểm tra xong; xem lại "
                "hai ô này."
            )
        elif _same_time(campaign, visit, meeting_start, meeting_end):
            out.append(
                f"Buổi kiểm tra {unit} ({where}) trùng giờ cuộc họp cụm "
                f"({vn.time_long(meeting_start.time())}, ngày {vn.date_short(meeting)}; "
                f"{meeting_cell}): xem lại giờ kiểm tra hoặc giờ họp."
            )
    proposal = campaign.issuances.get(registry.PROPOSAL)
    if proposal is not None and proposal.date is not None and proposal.date < meeting:
        out.append(
            f"Tờ trình đề nghị khen thưởng ghi ngày {vn.date_short(proposal.date)} "
            f"({_row(campaign, 'to-trinh')}), trước cuộc họp cụm ngày "
            f"{vn.date_short(meeting)} ({meeting_cell}) mà tờ trình dựa vào."
        )
    minutes = campaign.issuances.get(registry.MEETING)
    if minutes is not None and minutes.date is not None and minutes.date < meeting:
        out.append(
            f"Biên bản họp cụm ghi ngày {vn.date_short(minutes.date)} "
            f"({_row(campaign, 'bien-ban-hop-cum')}), trước cuộc họp cụm ngày "
            f"{vn.date_short(meeting)} ({meeting_cell})."
        )
    return out


def _same_time(campaign: Campaign, visit, start: datetime, end: datetime) -> bool:
    """Whether an inspection overlaps the meeting: by the hour when it has one, else by the
    part of the day (`Buổi kiểm tra`)."""
    if visit.day != start.date():
        return False
    if visit.start is not None and has_time(visit.start):
        visit_end = visit.end if visit.end is not None else visit.start + VISIT
        return visit.start < end and visit_end > start
    part = campaign.inspection_part_of_day
    return part is not None and part == vn.part_of_day(start.time())
