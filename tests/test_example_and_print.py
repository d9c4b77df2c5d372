"""The filled example workbook, and the blank workbook as it prints (LibreOffice Calc)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline import listing, runner, status
from pipeline.blank import GUIDE, write_blank_workbook
from pipeline.cli import main
from pipeline.contract import SCHEMAS, document_labels
from pipeline.example import AWARD, example_workbook, write_example_workbook


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("mau") / "du-lieu-mau.xlsx"
    write_example_workbook(path)
    return path


@pytest.mark.slow
def test_the_example_is_a_whole_campaign_that_builds_every_document(example, tmp_path):
    folder = tmp_path / "inputs" / "vi-du"
    folder.mkdir(parents=True)
    shutil.copy(example, folder / "du-lieu.xlsx")
    result = runner.build_and_record(folder, tmp_path / "outputs")
    assert result.state == status.BUILT and result.warnings == []
    entry = listing.entry(tmp_path / "outputs", "vi-du", tmp_path / "inputs")
    assert entry.title == "Cụm thi đua số 4 – công tác văn thư, lưu trữ – 2026"
    assert [d.title for d in entry.rows] == [
        "Kế hoạch kiểm tra chéo",
        "Biên bản kiểm tra – UBND phường Bồ Đề",
        "Biên bản kiểm tra – UBND phường Long Biên",
        "Biên bản kiểm tra – UBND phường Việt Hưng",
        "Biên bản kiểm tra – UBND phường Phúc Lợi",
        "Biên bản họp cụm",
        "Tờ trình đề nghị khen thưởng",
        "Quyết định khen thưởng",
        "Giấy khen in trên phôi",
        "Giấy khen – bản in thử có khung",
        "Tin bài cho cổng thông tin",
    ]


def test_the_example_is_a_ward_cluster_after_2025_with_the_departments_awards():
    book = example_workbook()
    general = {r[0]: r[1] for r in book["Chung"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert general["Năm"] >= 2025 and general["Loại đơn vị"] == "phường"
    assert general["Cấp trên"] == "Sở Nội vụ thành phố Hà Nội"
    units = [r for r in book["Đơn vị"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(units) == 4 and all(name.startswith("UBND phường ") for _, name, _ in units)
    awards = [r for r in book["Khen thưởng"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert awards and {r[4] for r in awards} == {AWARD}
    kinds = [r[0] for r in book["Văn bản"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert kinds == list(document_labels().values())  # written as the drop-down offers them


def test_the_blank_workbooks_data_sheets_stay_empty(tmp_path):
    """Nothing of the example can slip into a real campaign."""
    path = tmp_path / "du-lieu-trong.xlsx"
    write_blank_workbook(path)
    book = openpyxl.load_workbook(path)
    for name in SCHEMAS:
        if name in ("Chung", "Xếp loại"):  # the items to fill, the default scale
            continue
        ws = book[name]
        assert [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None] == [], name
    values = [r[1] for r in book["Chung"].iter_rows(min_row=2, values_only=True)]
    assert all(v is None for v in values)


def test_make_blank_writes_the_example_beside_the_blank(tmp_path):
    out = tmp_path / "outputs" / "du-lieu-trong.xlsx"
    result = CliRunner().invoke(main, ["blank", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.parent.iterdir()) == ["du-lieu-mau.xlsx", "du-lieu-trong.xlsx"]
    assert "bảng tính mẫu" in result.output


def _pdf_pages(soffice: str, workbook: Path) -> list[tuple[str, float, float]]:
    """Each printed page: (its footer, width, height) in points."""
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(workbook.parent), str(workbook)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = workbook.with_suffix(".pdf")
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = [tuple(map(float, m)) for m in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    footers = [re.search(r"(\S[^\n]*?) – trang \d+/\d+", page).group(1) for page in text.split("\f") if page.strip()]
    return [(footer, w, h) for footer, (w, h) in zip(footers, sizes)]


@pytest.mark.slow
def test_the_blank_workbook_prints_on_a4_the_guide_one_page_wide(soffice, tmp_path):
    if not shutil.which("pdfinfo"):
        pytest.skip("poppler-utils (pdfinfo) is not installed")
    path = tmp_path / "du-lieu-trong.xlsx"
    write_blank_workbook(path)
    pages = _pdf_pages(soffice, path)
    assert all(round(w) == 842 and round(h) == 595 for _, w, h in pages)  # A4 landscape
    guide = [p for p in pages if p[0] == GUIDE]
    assert 1 <= len(guide) <= 6  # was 47 pages with its columns split
    sheets = [footer for footer, _, _ in pages if footer != GUIDE]
    assert sheets == [*SCHEMAS, "Ghi chú"]  # each data sheet: one page (empty, one wide)
    # one page wide: every column of the guide's tables is on its page
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(path.with_suffix(".pdf")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"Trang\s+Bắt buộc\?\s+Dùng để\s+Các cột", text)


LONG = (
    "Lập hồ sơ điện tử, nộp lưu hồ sơ, tài liệu vào lưu trữ cơ quan đúng thời hạn, đúng "
    "thành phần; chỉnh lý tài liệu tồn đọng; bố trí kho lưu trữ, trang thiết bị bảo quản "
    "tài liệu bảo đảm an toàn, phòng chống cháy nổ, ẩm mốc, côn trùng theo quy định"
)


@pytest.fixture
def long_form(campaign_dir, tmp_path) -> Path:
    from pipeline.forms.writer import write_form
    from pipeline.load import load_campaign
    from pipeline.validate import validate_for_forms

    from .conftest import edit_workbook

    edit_workbook(campaign_dir / "du-lieu.xlsx", {("Tiêu chí", "B4"): LONG})  # criterion 1.2
    basis = validate_for_forms(load_campaign(campaign_dir))
    path = tmp_path / "forms" / "bieu-tu-cham-pl.xlsx"
    path.parent.mkdir()
    write_form(path, basis, basis.units[0])
    return path


def test_the_form_prints_on_a4_one_page_wide_rows_high_enough(long_form):
    from pipeline.forms.writer import WIDTHS

    ws = openpyxl.load_workbook(long_form).active
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == LONG)
    lines = -(-len(LONG) // int(WIDTHS["B"] * 1.1 - 2))
    assert lines >= 3 and ws.row_dimensions[row].height >= 15 * lines
    short = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "1.1")
    assert ws.row_dimensions[short].height < 40  # a short criterion stays one line high


@pytest.mark.slow
def test_the_printed_form_shows_the_whole_criterion_on_a4(soffice, long_form):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(long_form.parent), str(long_form)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = long_form.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, not Letter
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert " ".join(LONG.split()) in " ".join(text.split())  # no line of it cut off
