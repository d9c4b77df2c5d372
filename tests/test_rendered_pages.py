"""Every page a văn thư signs, read as printed: the sample and a six-unit mixed-grade campaign.

Each document is converted with LibreOffice (the project's exporter) and read back with
poppler (`pdftotext -bbox-layout`, word positions), through the same code as
`make check-format RENDER=1` (pipeline.formatcheck.rendered), then checked for what a
clerk would send back: wording (Phụ lục II capitals, natural counts, one time style) and
layout (Nơi nhận apart below a biên bản's signatures, names and numbers on one line,
each Phụ lục numbered on its own).
"""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path

import pytest

from pipeline import export
from pipeline.build import build_campaign
from pipeline.formatcheck import report_text
from pipeline.formatcheck.rendered import read_pdf, rendered_findings, stranded_headings
from pipeline.kinds import KINDS, SLUGS
from pipeline.load import load_campaign
from pipeline.validate import validate

from .campaigns import six_units_mixed_grades
from .conftest import SAMPLE

pytestmark = pytest.mark.slow


def _build(folder: Path, out: Path) -> dict[str, tuple[Path, Path]]:
    outcome = build_campaign(folder, out, list(SLUGS))
    administrative = {name for k in KINDS if k.administrative for name in k.writes}
    docs = [
        p
        for p in outcome.written
        if p.suffix == ".docx" and any(fnmatch(p.name, pattern) for pattern in administrative)
    ]
    export.convert(docs, jobs=2, timeout=300, stranded=stranded_headings)
    return {p.stem: (p, p.with_suffix(".pdf")) for p in docs}


@pytest.fixture(scope="module")
def printed(tmp_path_factory, soffice) -> dict[str, dict[str, tuple[Path, Path]]]:
    work = tmp_path_factory.mktemp("printed")
    mixed = six_units_mixed_grades(work / "inputs" / "cum-6-2020")
    return {"sample": _build(SAMPLE, work / "out"), "mixed": _build(mixed, work / "out")}


def text_of(pdf: Path) -> list[str]:
    """The printed lines in reading order, page after page (`pdftotext -layout`; runs of
    spaces, from justified lines, and no-break spaces read as one space)."""
    import subprocess

    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(line.replace("\u00a0", " ").split()) for line in out.splitlines() if line.strip()]


def _all(printed) -> list[tuple[str, str]]:
    return [(c, name) for c, docs in printed.items() for name in docs]


def test_both_campaigns_are_printed(printed):
    assert len(printed["sample"]) == 9 and len(printed["mixed"]) == 10


@pytest.mark.parametrize("campaign", ["sample", "mixed"])
def test_every_page_passes_the_rendered_checks(printed, campaign):
    for name, (docx, pdf) in printed[campaign].items():
        found = rendered_findings(pdf, docx_path=docx)
        assert found == [], report_text({name: found})


NAMES = [
    "Phạm Hoài Nam",
    "Nguyễn Thị Thu Trang",
    "Dương Thị Thanh Huyền",
    "Vũ Thị Ngọc Ánh",
    "UBND phường Phúc Lợi",
    "UBND phường Giang Biên",
    "UBND phường Đức Giang",
]
MIXED_NAMES = ["UBND phường Ngọc Thụy", "Trần Thị Bích Ngọc", "Mai Thị Phương Thảo"]


@pytest.mark.parametrize("campaign", ["sample", "mixed"])
def test_no_name_breaks_across_lines(printed, campaign):
    names = NAMES + (MIXED_NAMES if campaign == "mixed" else [])
    for name, (_, pdf) in printed[campaign].items():
        lines = text_of(pdf)
        for whole in names:
            words = whole.split()
            for line, following in zip(lines, lines[1:]):
                for cut in range(1, len(words)):
                    if words[cut - 1] == "UBND":  # between two names (issue 17, item 6)
                        continue
                    head, rest = " ".join(words[:cut]), " ".join(words[cut:])
                    assert not (line.endswith(head) and following.startswith(rest)), (
                        f"{name}: {whole!r} breaks after {head!r}"
                    )


def test_document_numbers_stay_whole(printed):
    for campaign, name in _all(printed):
        for line in text_of(printed[campaign][name][1]):
            assert not re.search(r"\d+/\d{4}/[A-ZĐ]+-$", line.rstrip()), (name, line)
            assert not re.search(r"\b\d+/[A-ZĐ][A-Za-z]*-$", line.rstrip()), (name, line)


def test_noi_nhan_of_a_bien_ban_stands_apart_below_the_signatures(printed):
    for campaign in ("sample", "mixed"):
        pages = read_pdf(printed[campaign]["bien-ban-hop-cum"][1])
        last = pages[-1]
        names = next(line for line in last.lines if "Phạm Hoài Nam" in line.text.replace("\u00a0", " "))
        noi = next(line for line in last.lines if line.text.startswith("Nơi nhận"))
        gap = noi.y0 - names.y1
        assert gap > 12, f"Nơi nhận touches the names ({gap:.1f} pt)"
        assert noi.x0 < names.x0  # at the left margin, under the left signature


def test_the_mixed_counts_read_naturally(printed):
    meeting = " ".join(text_of(printed["mixed"]["bien-ban-hop-cum"][1]))
    assert "Kết quả: 4/6 phường đạt loại A, 2 phường đạt loại B." in meeting
    proposal = " ".join(text_of(printed["mixed"]["to-trinh-khen-thuong"][1]))
    assert "4/6 phường đạt loại A, 2 phường đạt loại B" in proposal
    for text in (meeting, proposal):
        assert not re.search(r"\b[12]/6 phường", text)


def test_positions_follow_the_decrees_capitals(printed):
    for campaign, name in _all(printed):
        text = " ".join(text_of(printed[campaign][name][1]))
        # a category of staff is lower case mid-sentence; a title keeps its capitals
        assert ", Công chức Văn phòng" not in text, name
    meeting = " ".join(text_of(printed["sample"]["bien-ban-hop-cum"][1]))
    assert "Đồng chí Phan Thị Hà, công chức Văn phòng - Thống kê UBND phường Việt Hưng" in meeting
    assert "Đồng chí Phạm Hoài Nam, Phó Chủ tịch UBND phường Phúc Lợi" in meeting
    # the chair's unit is named once
    assert "đại diện đơn vị cụm trưởng (UBND phường Phúc Lợi)" not in meeting


def test_one_time_style_per_document(printed):
    for campaign, name in _all(printed):
        text = " ".join(text_of(printed[campaign][name][1]))
        assert not re.search(r"\b\d{1,2}h\d{2}\b", text), name
        assert not re.search(r"\b\d{1,2}:\d{2}\b", text), name


def test_the_plan_says_when_the_inspections_are_as_the_schedule_does(printed, tmp_path, campaign_dir):
    plan = " ".join(text_of(printed["sample"]["ke-hoach"][1]))
    assert "Các phường trong cụm kiểm tra chéo lẫn nhau vào chiều ngày 14/8/2020" in plan
    # a schedule over several days says from which day to which
    import openpyxl

    book = openpyxl.load_workbook(campaign_dir / "du-lieu.xlsx")
    sheet = book["Lịch kiểm tra"]
    for row in sheet.iter_rows(min_row=4):
        row[2].value = row[2].value.replace(day=18)
        row[3].value = row[3].value.replace(day=18)
    book.save(campaign_dir / "du-lieu.xlsx")
    campaign = validate(load_campaign(campaign_dir), ["ke-hoach"])
    from pipeline.documents.plan import context

    intro = context(campaign)["schedule_intro"]
    assert intro == ("Các phường trong cụm kiểm tra chéo lẫn nhau từ ngày 14/8/2020 đến ngày 18/8/2020, theo lịch sau:")


def test_the_meeting_states_the_score_it_changed(printed):
    meeting = " ".join(text_of(printed["sample"]["bien-ban-hop-cum"][1]))
    assert "Cụm đã thống nhất điều chỉnh điểm đoàn kiểm tra chấm như sau:" in meeting
    assert (
        "Tiêu chí 7.2 của UBND phường Giang Biên: đoàn kiểm tra chấm 2,5 điểm, Cụm thống "
        "nhất chấm 3,5 điểm (cụm chấm lại theo báo cáo thống kê bổ sung)." in meeting
    )
    inspection = " ".join(text_of(printed["sample"]["bien-ban-kiem-tra-gb"][1]))
    assert "đạt 88 (Tám mươi tám) điểm" in inspection  # the team's total on the day


def test_each_annex_numbers_its_own_pages(printed):
    pages = read_pdf(printed["mixed"]["to-trinh-khen-thuong"][1])
    start = next(p.number for p in pages if any(line.text == "Phụ lục" for line in p.lines))
    annex = [p for p in pages if p.number >= start]
    assert len(annex) >= 2  # the 22 nominees run over several pages
    tops = [min(annex_page.lines, key=lambda line: line.y0).text for annex_page in annex]
    assert tops[0] == "Phụ lục"  # its first page carries no number
    assert tops[1:] == [str(n) for n in range(2, len(annex) + 1)]
