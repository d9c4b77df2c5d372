"""The district's summary of a year: every campaign of that year in inputs/, together.

collect (load, validate, score each campaign of the year; one that fails is
listed with its reason, not fatal) -> report context (BÁO CÁO, Mẫu 1.4) ->
chart (matplotlib PNG, embedded) and workbook (openpyxl, with a native chart)
-> written to outputs/tong-hop-<year>/ through the manifest (hand edits kept).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import kinds as registry
from . import issuers, manifest
from . import vietnamese as vn
from .config import TEMPLATES
from .contract import is_campaign
from .documents.base import Output, Picture, Properties
from .documents.common import (
    NBSP,
    full_body_name,
    grade_summary,
    header,
    issuance,
    keep_together,
    long_date,
    official_signature,
    punctuate,
    recipients,
    summary_lines,
)
from .documents.common import prose_body
from .inputfiles import input_moment
from .errors import InputError, PipelineError, ValidationError
from .load import header_key, load_campaign
from .model import Campaign
from .render import render_output
from .score import Results, compute
from .validate import validate

ENTRY = registry.SUMMARY  # its template and files, in the registry beside the kinds
REPORT, WORKBOOK, CHART = ENTRY.writes
TEMPLATE = ENTRY.template


def folder_name(year: int) -> str:
    return f"{ENTRY.slug}-{year}"


@dataclass
class Included:
    campaign: Campaign
    results: Results


@dataclass
class Year:
    year: int
    included: list[Included] = field(default_factory=list)
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (campaign folder, reason)


def _raw_year(raw) -> int | None:
    """`Năm` of `Chung` read leniently, for a campaign that does not validate."""
    sheet = raw.sheets.get("Chung")
    for row in sheet.rows if sheet else []:
        if header_key(row.get("Mục") or "") == header_key("Năm"):
            try:
                return int(float(str(row.get("Giá trị")).strip()))
            except ValueError:
                return None
    return None


def _reason(error: PipelineError) -> str:
    if isinstance(error, ValidationError):
        first = error.problems[0]
        more = f" (và {len(error.problems) - 1} lỗi khác)" if len(error.problems) > 1 else ""
        return f"dữ liệu có {len(error.problems)} lỗi, ví dụ: {first}{more}"
    return str(error)


def collect(inputs: Path, year: int) -> Year:
    """Every campaign of `year` in `inputs`, scored; the ones with input errors set aside."""
    if not Path(inputs).is_dir():
        raise InputError(f"Không tìm thấy thư mục dữ liệu {inputs}.")
    out = Year(year)
    for folder in sorted(p for p in Path(inputs).iterdir() if p.is_dir() and is_campaign(p)):
        try:
            raw = load_campaign(folder, photos=False)
        except PipelineError as error:
            if str(year) in folder.name:
                out.excluded.append((folder.name, _reason(error)))
            continue
        try:
            campaign = validate(raw)
        except ValidationError as error:
            found = _raw_year(raw)
            if found == year or (found is None and str(year) in folder.name):
                out.excluded.append((folder.name, _reason(error)))
            continue
        if campaign.year != year:
            continue
        missing = campaign.scores[campaign.scores["cluster"].isna()]
        if len(missing):
            first = missing.iloc[0]
            out.excluded.append(
                (
                    folder.name,
                    f"chưa đủ điểm cụm chấm ({len(missing)} ô trống, "
                    f"ví dụ đơn vị {first.unit}, tiêu chí "
                    f"{first.criterion}); kết quả chưa chính thức",
                )
            )
            continue
        out.included.append(Included(campaign, compute(campaign)))
    return out


# ---------------------------------------------------------------- figures


def grade_labels(data: Year) -> list[str]:
    """Every grade label in use, in the order the campaigns list them (highest first)."""
    labels: list[str] = []
    for item in data.included:
        for grade in item.campaign.grades:
            if grade.label not in labels:
                labels.append(grade.label)
    return labels


def grade_table(data: Year) -> list[tuple[str, dict[str, int], int]]:
    """(cluster, units per grade label, units) for each included campaign."""
    rows = []
    for item in data.included:
        counts = {g.label: n for g, n in item.results.counts}
        rows.append((item.campaign.cluster, counts, len(item.campaign.units)))
    return rows


def decided(campaign: Campaign) -> bool:
    """Whether the campaign's awards are granted: its decision has a number and a date.
    Until then they are only proposed (`đề nghị`), whatever `Quyết định` says."""
    row = campaign.issuances.get(registry.DECISION)
    return row is not None and bool(row.number) and row.date is not None


def award_counts(campaign: Campaign) -> dict[str, int]:
    awards = campaign.awards or []
    granted = decided(campaign)
    return {
        "proposed_collectives": sum(a.kind == "tập thể" for a in awards),
        "proposed_persons": sum(a.kind == "cá nhân" for a in awards),
        "granted_collectives": sum(a.kind == "tập thể" and a.granted and granted for a in awards),
        "granted_persons": sum(a.kind == "cá nhân" and a.granted and granted for a in awards),
    }


def award_sentence(data: Year, sums: dict[str, int]) -> str:
    """The awards in words: proposed, and granted only by the decisions that have a number
    and a date; the clusters still waiting for theirs are named."""
    proposed = f"Các cụm đề nghị khen thưởng {sums['proposed_collectives']} tập thể, {sums['proposed_persons']} cá nhân"
    waiting = [i.campaign.cluster for i in data.included if i.campaign.awards and not decided(i.campaign)]
    with_awards = [i for i in data.included if i.campaign.awards]
    if with_awards and len(waiting) == len(with_awards):
        return f"{proposed}; chưa có quyết định khen thưởng."
    granted = f"đã được khen thưởng {sums['granted_collectives']} tập thể, {sums['granted_persons']} cá nhân"
    if not waiting:
        return f"{proposed}; {granted}."
    return f"{proposed}; {granted}; {vn.join_vi(waiting)} chưa có quyết định khen thưởng."


def chart_png(data: Year) -> bytes:
    """Units per grade in each cluster, stacked bars (matplotlib, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    labels = grade_labels(data)
    rows = grade_table(data)
    clusters = [cluster for cluster, _, _ in rows]
    colours = ["#1f5f8b", "#4f9fd1", "#f2b134", "#d9534f", "#7f7f7f", "#5cb85c"]
    figure, axes = plt.subplots(figsize=(10, 5), dpi=100)
    bottom = [0] * len(rows)
    for i, label in enumerate(labels):
        values = [counts.get(label, 0) for _, counts, _ in rows]
        axes.bar(clusters, values, bottom=bottom, label=f"Loại {label}", color=colours[i % len(colours)], width=0.55)
        for x, (value, base) in enumerate(zip(values, bottom)):
            if value:
                axes.text(
                    x,
                    base + value / 2,
                    str(value),
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=11,
                    fontweight="bold",
                )
        bottom = [b + v for b, v in zip(bottom, values)]
    axes.set_ylabel("Số đơn vị")
    axes.set_title(f"Xếp loại thi đua năm {data.year} theo cụm", fontsize=13)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


# ---------------------------------------------------------------- the report


def _issuer_campaign(data: Year) -> Campaign:
    """The campaign whose `Cấp trên` issues the report: the one most campaigns report to."""
    superiors = [i.campaign.superior for i in data.included]
    common = max(dict.fromkeys(superiors), key=superiors.count)
    return next(i.campaign for i in data.included if i.campaign.superior == common)


def _row_kind(campaign: Campaign) -> str:
    """The `Văn bản` row of the superior to issue under: the decision's, else the plan's."""
    body = full_body_name(campaign.superior)
    for kind in (registry.DECISION, registry.PLAN):
        row = campaign.issuances.get(kind)
        if row is not None and row.issuer.upper() == body:
            return kind
    return registry.DECISION


def _report_row(lead: Campaign, day: date | None, year: int):
    """How the report is issued: from 01/7/2025 by the province's Sở Nội vụ (there is no
    district level), else under the superior's row."""
    return issuers.yearly_summary_row(lead, day or date(year, 12, 31)) or issuance(lead, _row_kind(lead))


def _nb(text: str) -> str:
    """A short name kept on one line in a table cell (no-break spaces)."""
    return text.replace(" ", NBSP)


def report_context(data: Year, day: date | None, chart: Path) -> tuple[dict, list[str]]:
    warnings: list[str] = []
    lead = _issuer_campaign(data)
    kind = _row_kind(lead)
    superiors = sorted({i.campaign.superior for i in data.included})
    if len(superiors) > 1:
        warnings.append(
            f"Các đợt có cấp trên khác nhau ({'; '.join(superiors)}): báo cáo ghi cơ quan ban hành là {lead.superior}."
        )
    row = _report_row(lead, day, data.year)
    doc = header(lead, kind, day, with_date=True, row=row)
    doc["so_line"] = vn.so_ky_hieu(None, "BC", row.abbreviation)  # the number: the clerk's
    doc["place_date"] = f"{row.place}, {long_date(day, data.year)}"  # not the row's own date
    if day is None:
        warnings.append(
            f"Báo cáo tổng hợp chưa có ngày: chừa chỗ ghi ngày, tháng; năm in sẵn là "
            f"{data.year} (ghi ngày bằng DATE=…, hoặc --date, nếu ký vào năm khác)."
        )
    doc["recipients"] = recipients(("Lưu: VT",))
    fields = list(dict.fromkeys(i.campaign.field_of_work for i in data.included))
    field = fields[0] if len(fields) == 1 else "các lĩnh vực"
    year = data.year
    labels = grade_labels(data)
    units = sum(len(i.campaign.units) for i in data.included)
    totals = {label: sum(c.get(label, 0) for _, c, _ in grade_table(data)) for label in labels}
    held = [(label, n) for label, n in totals.items() if n]  # the share once, then counts
    outcome = ", ".join(
        f"{vn.ratio(n, units) if i == 0 else n} đơn vị đạt loại {label}" for i, (label, n) in enumerate(held)
    )
    clusters = vn.join_vi([i.campaign.cluster for i in data.included])
    general = [
        (
            f"Năm {year}, {len(data.included)} cụm thi đua ({clusters}) với {units} đơn vị đã tổ "
            f"chức kiểm tra chéo, chấm điểm, bình xét thi đua {field}. Kết quả chung: {outcome}."
        ),
    ]
    if data.excluded:
        general.append(
            f"Có {len(data.excluded)} đợt chưa được tổng hợp do dữ liệu chưa đầy đủ hoặc có sai sót (nêu tại Mục IV)."
        )

    cluster_rows: list[dict] = []
    cluster_lines: list[str] = []
    for n, item in enumerate(data.included, start=1):
        c, r = item.campaign, item.results
        best = r.units.iloc[0]
        cluster_lines.append(
            f"{n}. {c.cluster} ({len(c.units)} {c.unit_kind}, họp ngày "
            f"{vn.date_short(c.meeting_start.date())}): "
            + grade_summary(c, r)
            + f"; {c.unit(best.unit).name} dẫn đầu với {vn.number(best.total)} điểm."
        )
        cluster_rows.append({"group": True, "n": vn.roman(n), "name": c.cluster, "total": "", "grade": "", "rank": ""})
        for u in r.units.itertuples():
            cluster_rows.append(
                {
                    "group": False,
                    "n": str(u.rank),
                    "name": c.unit(u.unit).name,
                    "total": vn.number(u.total),
                    "grade": u.grade,
                    "rank": str(u.rank),
                }
            )

    def spread(counts: dict[str, int]) -> str:
        return ", ".join(f"{counts[label]} loại {label}" for label in labels if counts.get(label))

    grade_rows = [
        {"n": str(n), "cluster": _nb(cluster), "units": str(total), "grades": spread(counts)}
        for n, (cluster, counts, total) in enumerate(grade_table(data), start=1)
    ]
    grade_rows.append({"n": "", "cluster": "Tổng cộng", "units": str(units), "grades": spread(totals)})

    awards = [award_counts(i.campaign) for i in data.included]
    award_rows = [
        {"cluster": _nb(i.campaign.cluster), **{k: str(v) for k, v in a.items()}} for i, a in zip(data.included, awards)
    ]
    for counted, item in zip(award_rows, data.included):  # not granted yet: nothing to count
        if not decided(item.campaign):
            counted["granted_collectives"] = counted["granted_persons"] = ""
    sums = {k: sum(a[k] for a in awards) for k in awards[0]} if awards else {}
    award_rows.append({"cluster": "Tổng cộng", **{k: str(v) for k, v in sums.items()}})
    if not any(decided(i.campaign) for i in data.included):  # nothing granted yet
        award_rows[-1]["granted_collectives"] = award_rows[-1]["granted_persons"] = ""
    award_text = award_sentence(data, sums) if sums else ""
    excluded = [f"- {name}: {reason}" for name, reason in data.excluded]
    closing = (
        f"Trên đây là báo cáo tổng hợp kết quả chấm điểm, bình xét thi đua {field} năm {year} của các cụm thi đua./."
    )
    decider = prose_body(lead, row.issuer)
    return {
        "doc": doc,
        "summary_lines": summary_lines(
            f"Tổng hợp kết quả chấm điểm, bình xét thi đua {field} năm {year} của các cụm thi đua"
        ),
        "general": general,
        "chart": Picture(chart, 15.5),
        "chart_caption": f"Số đơn vị theo xếp loại của từng cụm năm {year} được thể hiện ở biểu đồ dưới đây:",
        "grade_rows": grade_rows,
        "cluster_lines": punctuate(cluster_lines),
        "cluster_rows": cluster_rows,
        "award_text": award_text,
        "award_rows": award_rows,
        "excluded": punctuate(excluded),
        "closing": closing,
        "issuer": decider,
        "sign": official_signature(lead, kind, row),
    }, warnings


# ---------------------------------------------------------------- the workbook


def workbook_bytes(data: Year) -> bytes:
    """tong-hop.xlsx: units, grades by cluster (with a native stacked bar chart), awards,
    and the campaigns left out."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    from .sanity import write_row

    book = Workbook()
    book.calculation.fullCalcOnLoad = False  # no formulas: nothing to recalculate on open
    bold = Font(bold=True)

    def sheet(title: str, headers: list[str], rows: list[list], widths: list[int]):
        ws = book.create_sheet(title)
        write_row(ws, headers, 1)
        for cell in ws[1]:
            cell.font = bold
        for number, row in enumerate(rows, start=2):  # names from data: text, never formulas
            write_row(ws, row, number)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[chr(64 + i)].width = width
        ws.freeze_panes = "A2"
        return ws

    book.remove(book.active)
    units = []
    for item in data.included:
        c = item.campaign
        for u in item.results.units.itertuples():
            units.append(
                [
                    c.cluster,
                    c.name,
                    c.field_of_work,
                    u.unit,
                    c.unit(u.unit).name,
                    round(float(u.total), 2),
                    u.grade,
                    int(u.rank),
                ]
            )
    sheet(
        "Đơn vị",
        ["Cụm", "Đợt", "Lĩnh vực", "Mã", "Đơn vị", "Tổng điểm", "Xếp loại", "Xếp hạng"],
        units,
        [22, 16, 26, 8, 30, 11, 10, 10],
    )
    labels = grade_labels(data)
    rows = [
        [cluster] + [counts.get(label, 0) for label in labels] + [total] for cluster, counts, total in grade_table(data)
    ]
    ws = sheet(
        "Xếp loại",
        ["Cụm"] + [f"Loại {label}" for label in labels] + ["Số đơn vị"],
        rows,
        [22] + [10] * len(labels) + [11],
    )
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = f"Xếp loại thi đua năm {data.year} theo cụm"
    chart.y_axis.title = "Số đơn vị"
    chart.y_axis.majorUnit = 1
    values = Reference(ws, min_col=2, max_col=1 + len(labels), min_row=1, max_row=1 + len(rows))
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=1 + len(rows)))
    chart.width, chart.height = 15, 8  # fits a portrait page when printed
    ws.add_chart(chart, f"A{len(rows) + 4}")

    def award_row(campaign: Campaign) -> list:
        counts = list(award_counts(campaign).values())
        if not decided(campaign):  # proposed only: nothing granted to count yet
            return [campaign.cluster] + counts[:2] + [None, None, "chưa có số, ngày"]
        row = campaign.issuances[registry.DECISION]
        number = vn.so_ky_hieu(row.number, "QĐ", row.abbreviation).removeprefix("Số: ")
        return [campaign.cluster] + counts + [f"{number} ngày {vn.date_short(row.date)}"]

    sheet(
        "Khen thưởng",
        ["Cụm", "Đề nghị: tập thể", "Đề nghị: cá nhân", "Được khen: tập thể", "Được khen: cá nhân", "Quyết định"],
        [award_row(i.campaign) for i in data.included],
        [22, 16, 16, 18, 18, 26],
    )
    sheet("Chưa tổng hợp", ["Đợt", "Lý do"], [list(e) for e in data.excluded], [18, 120])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- the driver


@dataclass
class SummaryOutcome:
    folder: Path
    written: list[Path]
    included: list[str]
    excluded: list[tuple[str, str]]
    warnings: list[str]


def build_summary(
    inputs: Path, outputs: Path, year: int, day: date | None = None, templates: Path = TEMPLATES
) -> SummaryOutcome:
    """Collect, render in memory, then write: the report, its chart and the workbook."""
    data = collect(inputs, year)
    if not data.included:
        why = "; ".join(f"{name}: {reason}" for name, reason in data.excluded)
        raise InputError(
            f"Không có đợt thi đua nào của năm {year} trong {inputs} để tổng hợp"
            + (f" (chưa tổng hợp được: {why})." if why else ".")
        )
    target = Path(outputs) / folder_name(year)
    png = chart_png(data)
    target.mkdir(parents=True, exist_ok=True)
    chart_path = target / CHART
    manifest.write_all(target, {CHART: png})  # the report embeds it from here
    context, warnings = report_context(data, day, chart_path)
    for item in data.included:  # names and document numbers never break across lines
        context = keep_together(context, item.campaign)
    lead = _issuer_campaign(data)
    about = Properties(
        title=f"Báo cáo tổng hợp kết quả thi đua năm {year}", creator=_report_row(lead, day, year).issuer
    )
    # Its own created/modified (the newest of its campaigns' inputs), not the template's.
    moment = max(input_moment(i.campaign.folder, templates) for i in data.included)
    files = {
        REPORT: render_output(Output(REPORT, TEMPLATE, context, about), templates, moment),
        WORKBOOK: workbook_bytes(data),
    }
    written, kept = manifest.write_all(target, files)
    for path, aside in kept:
        warnings.append(
            f"{path.name} đã được sửa tay sau khi tạo: bản sửa tay được giữ lại ở "
            f"{aside.name}, tệp mới được ghi vào {path.name}."
        )
    for name, reason in data.excluded:
        warnings.append(f"đợt {name} chưa được tổng hợp: {reason}")
    return SummaryOutcome(
        target, [chart_path] + written, [i.campaign.name for i in data.included], data.excluded, warnings
    )
