"""The input side end to end: what staff fill by hand builds the same documents."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline.blank import write_blank_workbook
from pipeline.build import build_campaign
from pipeline.kinds import SLUGS as KINDS
from pipeline.cli import main
from pipeline.load import WORKBOOK, load_campaign
from pipeline.validate import validate

from .conftest import SAMPLE
from .docx_tools import parts
from .test_blank_and_forms import fill_all, fill_blank_with_sample


pytestmark = pytest.mark.slow  # builds whole campaigns


def documents(folder: Path) -> dict[str, dict[str, str]]:
    """Every generated file's XML parts (docx) or bytes (html), by name."""
    out = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".docx":
            out[path.name] = parts(path)
            # the build time differs between two builds; everything else must not
            out[path.name]["docProps/core.xml"] = re.sub(
                r"(<dcterms:(created|modified)[^>]*>)[^<]*", r"\1", out[path.name]["docProps/core.xml"]
            )
        elif path.suffix == ".html":
            out[path.name] = {"html": path.read_text(encoding="utf-8")}
    return out


@pytest.fixture(scope="module")
def sample_documents(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("sample")
    build_campaign(SAMPLE, out, list(KINDS))
    return documents(out / SAMPLE.name)


def test_blank_workbook_filled_by_hand_builds_the_same_documents(tmp_path, sample_documents):
    folder = tmp_path / "inputs" / SAMPLE.name
    shutil.copytree(SAMPLE, folder)
    blank = tmp_path / "du-lieu-trong.xlsx"
    write_blank_workbook(blank)
    fill_blank_with_sample(blank, folder / WORKBOOK)
    build_campaign(folder, tmp_path / "out", list(KINDS))
    assert documents(tmp_path / "out" / SAMPLE.name) == sample_documents


def test_forms_round_trip_for_a_workbook_without_self_scores(tmp_path, sample_documents):
    folder = tmp_path / "inputs" / SAMPLE.name
    shutil.copytree(SAMPLE, folder)
    book = openpyxl.load_workbook(folder / WORKBOOK)
    sheet = book["Chấm điểm"]
    for row in sheet.iter_rows(min_row=2):
        row[2].value = None  # Tự chấm
    book.save(folder / WORKBOOK)

    result = CliRunner().invoke(main, ["forms", "--inputs", str(folder.parent), "--outputs", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{SAMPLE.name}: đã tạo 5 biểu tự chấm trong {tmp_path / 'out' / SAMPLE.name}/\n"
    sent = tmp_path / "out" / SAMPLE.name
    (folder / "tu-cham").mkdir()
    for form in sent.glob("bieu-tu-cham-*.xlsx"):
        shutil.copy(form, folder / "tu-cham" / form.name)
    fill_all(folder / "tu-cham", validate(load_campaign(SAMPLE)))

    build_campaign(folder, tmp_path / "built", list(KINDS))
    assert documents(tmp_path / "built" / SAMPLE.name) == sample_documents


def test_forms_go_out_before_the_meeting_is_set(tmp_path):
    """Only Lĩnh vực, Năm, Đơn vị and Tiêu chí are needed to send the forms."""
    folder = tmp_path / "inputs" / SAMPLE.name
    shutil.copytree(SAMPLE, folder)
    book = openpyxl.load_workbook(folder / WORKBOOK)
    for name in ("Người", "Chấm điểm", "Văn bản"):
        del book[name]
    chung = book["Chung"]
    for row in chung.iter_rows(min_row=2):
        if row[0].value in ("Bắt đầu họp", "Kết thúc họp", "Địa điểm họp"):
            row[1].value = None
    book.save(folder / WORKBOOK)
    result = CliRunner().invoke(main, ["forms", "--inputs", str(folder.parent), "--outputs", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


def test_forms_report_what_they_need(tmp_path):
    folder = tmp_path / "inputs" / SAMPLE.name
    shutil.copytree(SAMPLE, folder)
    book = openpyxl.load_workbook(folder / WORKBOOK)
    del book["Tiêu chí"]
    book.save(folder / WORKBOOK)
    result = CliRunner().invoke(main, ["forms", "--inputs", str(folder.parent), "--outputs", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Lỗi: {SAMPLE.name}: dữ liệu có 1 lỗi, chưa tạo biểu tự chấm nào của đợt này:\n"
        '  du-lieu.xlsx › Tiêu chí: thiếu trang tính "Tiêu chí" (bắt buộc).\n'
    )
