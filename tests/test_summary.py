"""The district's summary of a year: the sample and two more campaigns, and what is left out."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.formatcheck import check_docx
from pipeline.summary import build_summary

from .conftest import SAMPLE, edit_workbook
from .docx_tools import paragraphs, parts, table_rows

# Chấm điểm: 14 criteria per unit, units in sheet order PL, VH, DG, GB, PD from row 2.
pytestmark = pytest.mark.slow  # builds several campaigns

FIRST_ROW = {"PL": 2, "VH": 16, "DG": 30, "GB": 44, "PD": 58}
NAMES_2 = [
    "UBND phường Bồ Đề",
    "UBND phường Ngọc Lâm",
    "UBND phường Gia Thụy",
    "UBND phường Ngọc Thụy",
    "UBND phường Thượng Thanh",
]


def _campaign(inputs: Path, name: str, edits: dict) -> Path:
    folder = inputs / name
    shutil.copytree(SAMPLE, folder)
    edit_workbook(folder / "du-lieu.xlsx", edits)
    return folder


def _zero(unit: str, criteria: int) -> dict:
    """`Cụm chấm` 0 for the unit's first `criteria` criteria."""
    return {("Chấm điểm", f"D{FIRST_ROW[unit] + i}"): 0 for i in range(criteria)}


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> tuple[Path, Path]:
    """inputs/ with the sample, two more 2020 campaigns, a broken one and one of 2021."""
    inputs = tmp_path_factory.mktemp("inputs")
    shutil.copytree(SAMPLE, inputs / SAMPLE.name)
    names = {("Đơn vị", f"B{i}"): n for i, n in enumerate(NAMES_2, start=2)}
    names |= {("Đơn vị", f"C{i}"): n.removeprefix("UBND phường ") for i, n in enumerate(NAMES_2, start=2)}
    # cum-2 and cum-3 have their decisions' numbers (F7); the sample's decision has none yet
    _campaign(
        inputs,
        "cum-2-2020",
        {("Chung", "B2"): "Cụm thi đua số 2", **names, **_zero("VH", 4), **_zero("GB", 2), ("Văn bản", "F7"): 312},
    )
    _campaign(
        inputs,
        "cum-3-2020",
        {
            ("Chung", "B2"): "Cụm thi đua số 3",
            **_zero("DG", 6),
            ("Văn bản", "F7"): 315,
            ("Khen thưởng", "H3"): "không",
            ("Khen thưởng", "H4"): "không",
        },
    )
    _campaign(inputs, "cum-4-2020", {("Chung", "B2"): "Cụm thi đua số 4", ("Chấm điểm", "D3"): 12})
    _campaign(inputs, "cum-5-2020", {("Chung", "B2"): "Cụm thi đua số 5", ("Chấm điểm", "D20"): None})
    _campaign(inputs, "cum-1-2021", {("Chung", "B4"): 2021})
    outputs = tmp_path_factory.mktemp("outputs")
    outcome = build_summary(inputs, outputs, 2020, date(2020, 12, 21))
    assert outcome.included == ["cum-1-2020", "cum-2-2020", "cum-3-2020"]
    return outputs / "tong-hop-2020", outcome


def test_the_report_is_a_bao_cao_that_passes_the_format_checker(year):
    folder, outcome = year
    path = folder / "bao-cao-tong-hop.docx"
    found = check_docx(path)
    assert list(found) == [] and found.skipped is None
    texts = [t for t in paragraphs(path) if t]
    assert texts[:2] == ["ỦY BAN NHÂN DÂN", "QUẬN LONG BIÊN"]
    assert "Số:      /BC-UBND" in texts
    assert "Long Biên, ngày 21 tháng 12 năm 2020" in texts
    start = texts.index("BÁO CÁO")
    assert " ".join(texts[start + 1 : start + 3]) == (
        "Tổng hợp kết quả chấm điểm, bình xét thi đua công tác văn thư, lưu trữ năm 2020 của các cụm thi đua"
    )
    assert (
        "Năm 2020, 3 cụm thi đua (Cụm thi đua số 1, Cụm thi đua số 2 và Cụm thi đua số 3) "
        "với 15 đơn vị đã tổ chức kiểm tra chéo, chấm điểm, bình xét thi đua công tác văn "
        "thư, lưu trữ. Kết quả chung: 12/15 đơn vị đạt loại A, 1 đơn vị đạt loại B, "
        "2 đơn vị đạt loại C."
    ) in texts
    assert texts[-1] == "Nguyễn Văn Bình"
    assert texts[texts.index("Nơi nhận:") + 1] == "- Lưu: VT."


def test_each_cluster_its_units_totals_grades_and_ranks(year):
    folder, _ = year
    path = folder / "bao-cao-tong-hop.docx"
    rows = table_rows(path, 1)
    assert rows[0] == ["TT", "Cụm thi đua", "Số đơn vị", "Kết quả xếp loại"]
    assert rows[1:] == [
        ["1", "Cụm thi đua số 1", "5", "5 loại A"],
        ["2", "Cụm thi đua số 2", "5", "3 loại A, 1 loại B, 1 loại C"],
        ["3", "Cụm thi đua số 3", "5", "4 loại A, 1 loại C"],
        ["", "Tổng cộng", "15", "12 loại A, 1 loại B, 2 loại C"],
    ]
    ranks = table_rows(path, 2)
    assert ranks[0] == ["Xếp hạng", "Đơn vị", "Tổng điểm", "Xếp loại"]
    groups = [r[1] for r in ranks if r[0] in ("I", "II", "III")]
    assert groups == ["Cụm thi đua số 1", "Cụm thi đua số 2", "Cụm thi đua số 3"]
    second = ranks[ranks.index(next(r for r in ranks if r[0] == "II")) + 1 :][:5]
    assert [r[3] for r in second] == ["A", "A", "A", "B", "C"]
    assert [r[0] for r in second] == ["1", "2", "3", "4", "5"]
    assert second[-1][1] == "UBND phường Ngọc Lâm"
    assert all(r[1].startswith("UBND phường ") for r in second)


def test_awards_proposed_and_granted(year):
    folder, _ = year
    path = folder / "bao-cao-tong-hop.docx"
    # granted only by a decision with a number and a date: the sample's has no number yet
    assert (
        "Các cụm đề nghị khen thưởng 3 tập thể, 9 cá nhân; đã được khen thưởng 2 tập thể, "
        "4 cá nhân; Cụm thi đua số 1 chưa có quyết định khen thưởng."
    ) in paragraphs(path)
    assert table_rows(path, 3)[1:] == [
        ["Cụm thi đua số 1", "1", "3", "", ""],
        ["Cụm thi đua số 2", "1", "3", "1", "3"],
        ["Cụm thi đua số 3", "1", "3", "1", "1"],
        ["Tổng cộng", "3", "9", "2", "4"],
    ]


def test_campaigns_with_input_errors_are_listed_not_fatal(year):
    folder, outcome = year
    texts = paragraphs(folder / "bao-cao-tong-hop.docx")
    start = texts.index("IV. CÁC ĐỢT CHƯA ĐƯỢC TỔNG HỢP")
    assert texts[start + 1] == (
        '- cum-4-2020: dữ liệu có 1 lỗi, ví dụ: du-lieu.xlsx › Chấm điểm › dòng 3 › cột "Cụm '
        'chấm": điểm 12 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 1.2;'
    )
    assert texts[start + 2] == (
        "- cum-5-2020: chưa đủ điểm cụm chấm (1 ô trống, ví dụ đơn vị VH, tiêu chí 3.1); kết quả chưa chính thức."
    )
    assert [name for name, _ in outcome.excluded] == ["cum-4-2020", "cum-5-2020"]
    assert "cum-1-2021" not in " ".join(texts)


def test_the_chart_is_embedded_and_written(year):
    folder, _ = year
    png = (folder / "bieu-do-xep-loai.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    with Image.open(folder / "bieu-do-xep-loai.png") as image:
        assert image.size == (1000, 500)
    xml = parts(folder / "bao-cao-tong-hop.docx")["word/document.xml"]
    assert xml.count("<pic:pic") == 1
    doc = Document(str(folder / "bao-cao-tong-hop.docx"))
    assert len(doc.inline_shapes) == 1
    assert round(doc.inline_shapes[0].width.cm, 1) == 15.5


def test_the_workbook_has_the_tables_and_a_native_chart(year):
    folder, _ = year
    book = openpyxl.load_workbook(folder / "tong-hop.xlsx")
    assert book.sheetnames == ["Đơn vị", "Xếp loại", "Khen thưởng", "Chưa tổng hợp"]
    units = list(book["Đơn vị"].values)
    assert units[0] == ("Cụm", "Đợt", "Lĩnh vực", "Mã", "Đơn vị", "Tổng điểm", "Xếp loại", "Xếp hạng")
    assert len(units) == 16
    grades = list(book["Xếp loại"].values)
    assert grades == [
        ("Cụm", "Loại A", "Loại B", "Loại C", "Loại D", "Số đơn vị"),
        ("Cụm thi đua số 1", 5, 0, 0, 0, 5),
        ("Cụm thi đua số 2", 3, 1, 1, 0, 5),
        ("Cụm thi đua số 3", 4, 0, 1, 0, 5),
    ]
    with zipfile.ZipFile(folder / "tong-hop.xlsx") as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = archive.read(charts[0]).decode("utf-8")
    assert "<barChart>" in chart and '<grouping val="stacked"/>' in chart  # default namespace
    assert chart.count("<ser>") == 4
    awards = list(book["Khen thưởng"].values)
    assert awards[1] == ("Cụm thi đua số 1", 1, 3, None, None, "chưa có số, ngày")
    assert awards[2] == ("Cụm thi đua số 2", 1, 3, 1, 3, "312/QĐ-UBND ngày 28/8/2020")
    left = list(book["Chưa tổng hợp"].values)
    assert [r[0] for r in left] == ["Đợt", "cum-4-2020", "cum-5-2020"]


def test_a_year_with_no_campaign_is_one_clear_error(tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "inputs" / SAMPLE.name)
    with pytest.raises(InputError) as info:
        build_summary(tmp_path / "inputs", tmp_path / "outputs", 2019)
    assert str(info.value) == f"Không có đợt thi đua nào của năm 2019 trong {tmp_path / 'inputs'} để tổng hợp."
    result = CliRunner().invoke(
        main,
        ["summary", "--year", "2019", "--inputs", str(tmp_path / "inputs"), "--outputs", str(tmp_path / "outputs")],
    )
    assert result.exit_code == 1
    assert result.output.strip().startswith("Lỗi: tong-hop-2019: Không có đợt thi đua nào")
    assert not (tmp_path / "outputs" / "tong-hop-2019").exists()


def test_the_cli_reports_what_it_made_and_what_it_left_out(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(SAMPLE, inputs / SAMPLE.name)
    _campaign(inputs, "cum-4-2020", {("Chấm điểm", "D3"): 12})
    result = CliRunner().invoke(
        main, ["summary", "-y", "2020", "--inputs", str(inputs), "--outputs", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == (
        f"tong-hop-2020: đã tổng hợp 1 đợt (cum-1-2020), chưa tổng hợp 1 đợt; "
        f"đã tạo 3 tệp trong {tmp_path / 'out' / 'tong-hop-2020'}/"
    )
    assert "Cảnh báo: tong-hop-2020: đợt cum-4-2020 chưa được tổng hợp: dữ liệu có 1 lỗi" in result.output
    bad = CliRunner().invoke(
        main,
        ["summary", "-y", "2020", "--date", "31/2/2020", "--inputs", str(inputs), "--outputs", str(tmp_path / "out")],
    )
    assert bad.exit_code == 2 and bad.output.startswith("Lỗi: --date: ")


@pytest.mark.libreoffice
def test_the_report_prints(year, soffice, tmp_path):
    folder, _ = year
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(folder / "bao-cao-tong-hop.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "bao-cao-tong-hop.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "BÁO CÁO" in text and "Cụm thi đua số 3" in text and "Nguyễn Văn Bình" in text
