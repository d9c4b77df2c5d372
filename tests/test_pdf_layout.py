"""What no XML test sees: the minutes as LibreOffice lays them out on paper."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline import export
from pipeline.build import build_campaign
from pipeline.formatcheck.rendered import stranded_headings

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, soffice) -> dict[str, Path]:
    """The sample's minutes converted by the project's own exporter (vanban pdf)."""
    for tool in ("pdftotext", "pdffonts"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} (poppler-utils) is needed with LibreOffice")
    work = tmp_path_factory.mktemp("pdf")
    build_campaign(SAMPLE, work, ["bien-ban-hop-cum", "bien-ban-kiem-tra"])
    docs = [work / SAMPLE.name / n for n in ("bien-ban-hop-cum.docx", "bien-ban-kiem-tra-pl.docx")]
    export.convert(docs, jobs=2, timeout=240, stranded=stranded_headings)
    return {p.stem: p.with_suffix(".pdf") for p in docs}


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.mark.parametrize("name", ["bien-ban-hop-cum", "bien-ban-kiem-tra-pl"])
def test_quoc_hieu_on_one_line_beside_the_issuer(pdfs, name):
    first = pages(pdfs[name])[0].splitlines()
    line = next(line for line in first if "CỘNG HÒA" in line)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line
    assert line.split("CỘNG HÒA")[0].strip() == "UBND QUẬN LONG BIÊN"
    motto = next(line for line in first if "Độc lập" in line)
    assert "Độc lập - Tự do - Hạnh phúc" in motto


@pytest.mark.parametrize("name", ["bien-ban-hop-cum", "bien-ban-kiem-tra-pl"])
def test_page_numbers_from_page_two(pdfs, name):
    sheets = pages(pdfs[name])
    assert len(sheets) >= 2
    assert sheets[0].strip().splitlines()[0].strip() != "1"
    for number, sheet in enumerate(sheets[1:], start=2):
        assert sheet.strip().splitlines()[0].strip() == str(number)


@pytest.mark.parametrize("name", ["bien-ban-hop-cum", "bien-ban-kiem-tra-pl"])
def test_fonts_embedded_times_metric_only(pdfs, name):
    listing = subprocess.run(
        ["pdffonts", str(pdfs[name])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing
    for row in listing:
        font, embedded = row.split()[0], row.split()[-5]
        assert "LiberationSerif" in font or "TimesNewRoman" in font, row
        assert embedded == "yes", row


def test_signatures_side_by_side_on_the_last_page(pdfs):
    last = pages(pdfs["bien-ban-hop-cum"])[-1]
    line = next(line for line in last.splitlines() if "THƯ KÝ" in line)
    assert "CHỦ TRÌ" in line and line.index("THƯ KÝ") < line.index("CHỦ TRÌ")
    names = next(line for line in last.splitlines() if "Phạm Hoài Nam" in line)
    assert "Nguyễn Thị Thu Trang" in names
    assert names.index("Nguyễn Thị Thu Trang") < names.index("Phạm Hoài Nam")
    # The signatures never stand alone: the closing line shares their page.
    assert "Cuộc họp kết thúc vào hồi 16 giờ 30 phút cùng ngày./." in last


def test_only_changed_documents_are_converted_again(pdfs):
    docx = pdfs["bien-ban-hop-cum"].with_suffix(".docx")
    assert not export.stale(docx)
    docx.touch()
    assert export.stale(docx)
