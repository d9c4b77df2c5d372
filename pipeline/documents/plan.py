"""KẾ HOẠCH kiểm tra chéo: the plan the campaign follows, with the criteria as Phụ lục."""

from __future__ import annotations

from .. import kinds as registry
from .. import vietnamese as vn
from ..model import Campaign
from ..score import Results
from .base import Built, Output
from .common import (
    attachment_note,
    capital,
    header,
    inspection_period,
    issuance,
    official_signature,
    properties,
    prose_body,
    punctuate,
    recipients,
    summary_lines,
)

KIND = registry.PLAN
ENTRY = registry.kind(KIND)  # its template and file names


def _criteria_rows(campaign: Campaign) -> list[dict]:
    return [
        {"group": c.is_group or c.parent is None, "code": c.code, "content": c.content, "max": vn.number(c.max)}
        for c in campaign.criteria
    ]


def _when(start, day) -> str:
    """One time style through the document: `14 giờ 00 phút, ngày 14/8/2020`."""
    return f"{vn.time_long(start.time())}, ngày {vn.date_short(day)}" if start else f"ngày {vn.date_short(day)}"


def issuer_prose(campaign: Campaign) -> str:
    """Who issues the plan, as running text: the `ke-hoach` row's issuer; without it the
    leading unit when the plan implements `Căn cứ kế hoạch` (the cluster's own plan), else
    `Cấp trên`."""
    return prose_body(campaign, issuance(campaign, KIND).issuer)


def default_recipients(campaign: Campaign, issuer: str) -> list[str]:
    """`Nơi nhận` of a generated plan: the member units, the higher body, `Lưu: VT`."""
    members = [u.name for u in campaign.units if u.name.casefold() != issuer.casefold()]
    lines = [f"{campaign.superior} (để b/c)"] if issuer.casefold() != campaign.superior.casefold() else []
    lines += members
    return recipients(tuple(lines + ["Lưu: VT"]))


def opening(campaign: Campaign, issuer: str, purpose: str) -> str:
    """The plan's first sentence: `Thực hiện <Căn cứ kế hoạch>, …` when the campaign follows
    another body's plan (item 5 of issue 17), else the plan's own purpose."""
    field, year = campaign.field_of_work, campaign.year
    if campaign.plan_basis:
        basis = campaign.plan_basis.strip().rstrip(" .;,")  # a document's name keeps its capital
        return (
            f"Thực hiện {basis}, {issuer} (đơn vị cụm trưởng "
            f"{campaign.cluster}) ban hành Kế hoạch kiểm tra chéo {field} năm {year} tại các "
            f"{campaign.unit_kind} thuộc {campaign.cluster} như sau:"
        )
    return purpose


def context(campaign: Campaign) -> dict:
    doc = header(campaign, KIND, None, with_date=True)
    issuer = issuer_prose(campaign)
    if not doc["recipients"]:
        doc["recipients"] = default_recipients(campaign, issuer)
    kind = campaign.unit_kind
    field, year = campaign.field_of_work, campaign.year
    leader = campaign.unit(campaign.leader)
    groups = [c for c in campaign.criteria if c.parent is None]
    total = sum(c.max for c in groups)
    day = vn.date_short(campaign.inspection_date)
    meeting = campaign.meeting_start
    schedule = [
        {
            "n": str(i),
            "inspected": campaign.unit(v.inspected).name,
            "inspector": campaign.unit(v.inspector).name,
            "when": _when(v.start, v.day),
        }
        for i, v in enumerate(campaign.schedule, start=1)
    ]
    return {
        "doc": doc,
        "summary_lines": summary_lines(f"Kiểm tra chéo {field} năm {year}"),
        "intro": opening(
            campaign,
            issuer,
            (
                f"Để đánh giá kết quả thực hiện {field} năm {year} tại các {kind} thuộc "
                f"{campaign.cluster}, làm căn cứ chấm điểm, bình xét thi đua và đề nghị khen "
                f"thưởng, {issuer} ban hành Kế hoạch kiểm tra chéo {field} năm {year} như sau:"
            ),
        ),
        "purposes": [
            (
                f"- Đánh giá thực chất, khách quan kết quả thực hiện {field} năm {year} của từng "
                f"{kind}; làm căn cứ chấm điểm, xếp loại, bình xét thi đua và đề nghị khen thưởng;"
            ),
            (
                f"- Qua kiểm tra chéo, các {kind} học tập kinh nghiệm lẫn nhau, phát huy ưu điểm, "
                f"kịp thời khắc phục những hạn chế, tồn tại."
            ),
        ],
        "requirements": [
            (
                f"- Việc kiểm tra bảo đảm khách quan, công khai, đúng tiêu chí chấm điểm (Phụ lục "
                f"kèm theo Kế hoạch này), không làm ảnh hưởng đến hoạt động của {kind} được kiểm tra;"
            ),
            (
                f"- Các {kind} chuẩn bị đầy đủ báo cáo, biểu tự chấm điểm và hồ sơ, tài liệu minh "
                f"chứng phục vụ việc kiểm tra."
            ),
        ],
        "content_intro": (
            f"Kiểm tra việc thực hiện {field} năm {year} theo {len(groups)} nhóm "
            f"tiêu chí, thang điểm {vn.number(total)}:"
        ),
        "groups": punctuate([capital(f"- {c.content} ({vn.number(c.max)} điểm)") for c in groups]),
        "schedule_intro": (
            f"Các {kind} trong cụm kiểm tra chéo lẫn nhau {inspection_period(campaign)}, theo lịch sau:"
        ),
        "schedule": schedule,
        "meeting_line": (
            f"{campaign.cluster} họp chấm điểm, bình xét thi đua vào hồi "
            f"{vn.time_long(meeting.time())}, ngày {vn.date_short(meeting.date())} "
            f"tại {campaign.meeting_place}; {leader.name} (đơn vị cụm trưởng) chủ trì."
        ),
        "units_heading": f"1. Các {kind} thuộc {campaign.cluster}",
        "units_tasks": [
            (
                f"- Tự kiểm tra, chấm điểm theo các tiêu chí; gửi báo cáo và biểu tự chấm điểm về "
                f"{leader.name} trước ngày {day};"
            ),
            "- Cử thành phần tham gia đoàn kiểm tra chéo và bố trí người làm việc với đoàn;",
            f"- Cử đại diện lãnh đạo và công chức phụ trách dự họp cụm ngày {vn.date_short(meeting.date())}.",
        ],
        "leader_heading": f"2. {leader.name} (đơn vị cụm trưởng)",
        "leader_tasks": [
            "- Tổng hợp báo cáo, biểu tự chấm điểm của các đơn vị trong cụm;",
            (
                f"- Chủ trì họp cụm chấm điểm, bình xét thi đua; gửi biên bản họp cụm và tờ trình "
                f"đề nghị khen thưởng về {campaign.superior} sau cuộc họp cụm."
            ),
        ],
        "closing": (
            f"Trên đây là Kế hoạch kiểm tra chéo {field} năm {year} của "
            f"{issuer}. Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị "
            f"phản ánh về {issuer} để được hướng dẫn./."
        ),
        "sign": official_signature(campaign, KIND),
        "annex": {
            "title_lines": summary_lines(f"TIÊU CHÍ CHẤM ĐIỂM {field.upper()} NĂM {year}"),
            "note": attachment_note(campaign, KIND, "Kế hoạch", issuer),
        },
        "criteria": _criteria_rows(campaign),
        "total": vn.number(total),
    }


def build(campaign: Campaign, results: Results) -> Built:
    title = f"Kế hoạch kiểm tra chéo {campaign.field_of_work} năm {campaign.year}"
    return Built([Output(ENTRY.file(), ENTRY.template, context(campaign), properties(campaign, KIND, title))])
