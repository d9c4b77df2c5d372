"""Tests for pipeline.load: the workbook (or its CSV files) read into plain tables."""

from __future__ import annotations

import csv
import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from pipeline.errors import InputError
from pipeline.contract import SHEET_SLUGS
from pipeline.load import WORKBOOK, load_campaign, source_files
from pipeline.validate import validate

from .conftest import SAMPLE, edit_workbook

CONTRACT_SHEETS = [
    "Chung",
    "Đơn vị",
    "Tiêu chí",
    "Chấm điểm",
    "Xếp loại",
    "Người",
    "Lịch kiểm tra",
    "Nhận xét",
    "Khen thưởng",
    "Văn bản",
    "Ảnh",
]


def codes(sheet, header: str) -> list[tuple[int, object]]:
    """(Excel row number, value of `header`) for every row of a loaded sheet."""
    return [(row.number, row.get(header)) for row in sheet.rows]


# --------------------------------------------------------------------------- the sample


def test_sample_has_all_eleven_contract_sheets_in_order():
    raw = load_campaign(SAMPLE)
    assert list(raw.sheets) == CONTRACT_SHEETS
    assert list(SHEET_SLUGS) == CONTRACT_SHEETS
    assert raw.name == "cum-1-2020"
    assert {s.file for s in raw.sheets.values()} == {WORKBOOK}


def test_extra_sheet_of_the_sample_is_ignored():
    raw = load_campaign(SAMPLE)
    assert "Ghi chú" not in raw.sheets


def test_row_numbers_are_excel_row_numbers():
    raw = load_campaign(SAMPLE)
    assert codes(raw.sheets["Đơn vị"], "Mã") == [(2, "PL"), (3, "VH"), (4, "DG"), (5, "GB"), (6, "PD")]
    scores = raw.sheets["Chấm điểm"]
    assert scores.header_row == 1
    assert [r.number for r in scores.rows] == list(range(2, 72))
    assert scores.rows[12].number == 14
    assert (scores.rows[12].get("Mã đơn vị"), scores.rows[12].get("Mã tiêu chí")) == ("PL", "7.1")


def test_cells_are_cleaned_and_blank_cells_are_none():
    raw = load_campaign(SAMPLE)
    first = raw.sheets["Chấm điểm"].rows[0]
    assert first.values == {
        "mã đơn vị": "PL",
        "mã tiêu chí": "1.1",
        "tự chấm": 5.0,
        "cụm chấm": 5.0,
        "ghi chú": None,
        "đoàn chấm": 5.0,
    }
    chung = {r.get("Mục"): r.get("Giá trị") for r in raw.sheets["Chung"].rows}
    assert chung["Ngày kiểm tra"] == date(2020, 8, 14)
    assert chung["Bắt đầu họp"] == datetime(2020, 8, 17, 14, 0)
    assert raw.sheets["Văn bản"].rows[0].get("Thẩm quyền") == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"


# --------------------------------------------------------------------------- blank rows


def test_blank_row_is_skipped_and_later_rows_keep_their_excel_numbers(campaign_dir):
    path = campaign_dir / WORKBOOK
    book = openpyxl.load_workbook(path)
    book["Chấm điểm"].insert_rows(10)
    book.save(path)

    scores = load_campaign(campaign_dir).sheets["Chấm điểm"]
    assert [r.number for r in scores.rows] == list(range(2, 10)) + list(range(11, 73))
    moved = next(r for r in scores.rows if r.number == 11)
    assert (moved.get("Mã đơn vị"), moved.get("Mã tiêu chí")) == ("PL", "5.1")


def test_problem_after_a_blank_row_names_the_shifted_excel_row(campaign_dir):
    from pipeline.errors import ValidationError

    path = campaign_dir / WORKBOOK
    book = openpyxl.load_workbook(path)
    book["Chấm điểm"].insert_rows(10)
    book["Chấm điểm"]["D15"] = 12  # PL 7.1, row 14 before the insertion
    book.save(path)

    with pytest.raises(ValidationError) as info:
        validate(load_campaign(campaign_dir))
    assert [str(p) for p in info.value.problems] == [
        'du-lieu.xlsx › Chấm điểm › dòng 15 › cột "Cụm chấm": điểm 12 nằm ngoài khoảng 0 '
        "đến điểm tối đa 5 của tiêu chí 7.1."
    ]


def test_blank_rows_above_the_header_are_skipped(campaign_dir):
    path = campaign_dir / WORKBOOK
    book = openpyxl.load_workbook(path)
    book["Đơn vị"].insert_rows(1, amount=2)
    book.save(path)

    units = load_campaign(campaign_dir).sheets["Đơn vị"]
    assert units.header_row == 3
    assert codes(units, "Mã") == [(4, "PL"), (5, "VH"), (6, "DG"), (7, "GB"), (8, "PD")]
    validate(load_campaign(campaign_dir))


def test_row_of_spaces_counts_as_blank(campaign_dir):
    edit_workbook(campaign_dir / WORKBOOK, {("Đơn vị", "append"): ["   ", None, " \u00a0 "]})
    units = load_campaign(campaign_dir).sheets["Đơn vị"]
    assert [r.number for r in units.rows] == [2, 3, 4, 5, 6]


# --------------------------------------------------------------------------- headers


def test_header_matching_ignores_case_and_surrounding_spaces(campaign_dir):
    edit_workbook(campaign_dir / WORKBOOK, {("Chấm điểm", "A1"): "  mã ĐƠN VỊ "})
    raw = load_campaign(campaign_dir)
    scores = raw.sheets["Chấm điểm"]
    assert scores.has("Mã đơn vị")
    assert scores.rows[0].get("Mã đơn vị") == "PL"
    campaign = validate(raw)
    assert len(campaign.scores) == 70
    assert set(campaign.scores["unit"]) == {"PL", "VH", "DG", "GB", "PD"}


@pytest.mark.parametrize("header", ["Ma don vi", "Mã đơn vị (PL)", "Mã-đơn-vị", "Mãđơnvị", "Đơn vị"])
@pytest.mark.slow
def test_header_matching_allows_no_other_difference(campaign_dir, header):
    edit_workbook(campaign_dir / WORKBOOK, {("Chấm điểm", "A1"): header})
    scores = load_campaign(campaign_dir).sheets["Chấm điểm"]
    assert not scores.has("Mã đơn vị")
    assert scores.rows[0].get("Mã đơn vị") is None


@pytest.mark.slow
def test_sheet_name_matching_ignores_case(campaign_dir):
    path = campaign_dir / WORKBOOK
    book = openpyxl.load_workbook(path)
    sheet = book["Chấm điểm"]
    sheet.title = "tạm"  # openpyxl would append "1" to a title that differs only in case
    sheet.title = "CHẤM ĐIỂM"
    book.save(path)
    assert "CHẤM ĐIỂM" in openpyxl.load_workbook(path, read_only=True).sheetnames
    raw = load_campaign(campaign_dir)
    assert list(raw.sheets) == CONTRACT_SHEETS
    validate(raw)


def test_extra_unknown_sheet_is_ignored(campaign_dir):
    path = campaign_dir / WORKBOOK
    book = openpyxl.load_workbook(path)
    extra = book.create_sheet("Hướng dẫn", 0)
    extra.append(["Mã", "Điểm tối đa"])
    extra.append(["không phải dữ liệu", "abc"])
    book.save(path)
    raw = load_campaign(campaign_dir)
    assert list(raw.sheets) == CONTRACT_SHEETS
    validate(raw)


# --------------------------------------------------------------------------- CSV


def _csv_cell(value) -> str:
    """A cell as staff would type it in a CSV: day-first dates, decimal comma."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return f"{value.day}/{value.month}/{value.year} {value:%H:%M}"
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    return str(value)


def write_sample_as_csv(folder: Path) -> None:
    """Every contract sheet of the sample as <slug>.csv; every other file with BOM."""
    folder.mkdir(parents=True)
    shutil.copytree(SAMPLE / "anh", folder / "anh")
    book = CalamineWorkbook.from_path(str(SAMPLE / WORKBOOK))
    for i, (sheet, slug) in enumerate(SHEET_SLUGS.items()):
        grid = book.get_sheet_by_name(sheet).to_python()
        encoding = "utf-8-sig" if i % 2 == 0 else "utf-8"
        with open(folder / f"{slug}.csv", "w", newline="", encoding=encoding) as fh:
            csv.writer(fh).writerows([[_csv_cell(v) for v in row] for row in grid])


def test_csv_files_with_and_without_bom(tmp_path):
    folder = tmp_path / "cum-csv"
    write_sample_as_csv(folder)
    assert (folder / "chung.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not (folder / "don-vi.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "17/8/2020 14:00" in (folder / "chung.csv").read_text(encoding="utf-8-sig")

    raw = load_campaign(folder)
    assert list(raw.sheets) == CONTRACT_SHEETS
    assert raw.sheets["Chung"].file == "chung.csv"
    assert raw.sheets["Chung"].has("Mục")  # the BOM is not part of the first header
    assert raw.sheets["Đơn vị"].has("Mã")
    assert codes(raw.sheets["Đơn vị"], "Mã") == [(2, "PL"), (3, "VH"), (4, "DG"), (5, "GB"), (6, "PD")]
    assert source_files(folder) == sorted(folder / f"{s}.csv" for s in SHEET_SLUGS.values())


def test_csv_campaign_equals_the_workbook_campaign(tmp_path):
    folder = tmp_path / "cum-csv"
    write_sample_as_csv(folder)
    from_xlsx = validate(load_campaign(SAMPLE))
    from_csv = validate(load_campaign(folder))

    assert from_csv.units == from_xlsx.units
    assert from_csv.criteria == from_xlsx.criteria
    assert from_csv.people == from_xlsx.people
    assert from_csv.grades == from_xlsx.grades
    assert from_csv.schedule == from_xlsx.schedule
    assert from_csv.findings == from_xlsx.findings
    assert from_csv.awards == from_xlsx.awards
    assert from_csv.issuances == from_xlsx.issuances
    assert [p.caption for p in from_csv.photos] == [p.caption for p in from_xlsx.photos]
    for attr in (
        "cluster",
        "field_of_work",
        "year",
        "superior",
        "unit_kind",
        "leader",
        "inspection_date",
        "inspection_part_of_day",
        "meeting_start",
        "meeting_end",
        "meeting_place",
    ):
        assert getattr(from_csv, attr) == getattr(from_xlsx, attr), attr
    assert from_csv.inspection_date == date(2020, 8, 14)
    assert from_csv.meeting_start == datetime(2020, 8, 17, 14, 0)
    assert from_csv.meeting_end == datetime(2020, 8, 17, 16, 30)
    assert from_csv.scores.equals(from_xlsx.scores)
    totals = from_csv.scores.groupby("unit")[["self", "cluster"]].sum()
    assert totals.loc["DG"].tolist() == [96.5, 95.5]  # includes the text cell "9,5"
    assert totals.equals(from_xlsx.scores.groupby("unit")[["self", "cluster"]].sum())


def test_workbook_wins_over_csv_files(campaign_dir):
    (campaign_dir / "chung.csv").write_text("Mục,Giá trị\nTên cụm,Khác\n", encoding="utf-8")
    raw = load_campaign(campaign_dir)
    assert raw.sheets["Chung"].file == WORKBOOK
    assert source_files(campaign_dir) == [campaign_dir / WORKBOOK]


def test_csv_not_in_utf8_is_an_input_error(tmp_path):
    folder = tmp_path / "cum-csv"
    write_sample_as_csv(folder)
    text = (folder / "don-vi.csv").read_text(encoding="utf-8")
    (folder / "don-vi.csv").write_bytes(text.encode("utf-16"))
    with pytest.raises(InputError) as info:
        load_campaign(folder)
    assert str(info.value) == "don-vi.csv: tệp CSV phải được lưu với mã UTF-8."


# --------------------------------------------------------------------------- unreadable input

NOT_A_WORKBOOK = (
    "du-lieu.xlsx: không đọc được tệp này như một bảng tính Excel (.xlsx). "
    "Hãy mở bằng Excel và lưu lại dưới dạng Excel Workbook (.xlsx)."
)


def test_file_that_is_not_a_workbook_is_an_input_error(campaign_dir):
    (campaign_dir / WORKBOOK).write_bytes(b"not a zip")
    with pytest.raises(InputError) as info:
        load_campaign(campaign_dir)
    assert str(info.value) == NOT_A_WORKBOOK


def test_zip_that_is_not_a_workbook_is_an_input_error(campaign_dir):
    import zipfile

    with zipfile.ZipFile(campaign_dir / WORKBOOK, "w") as archive:
        archive.writestr("readme.txt", "không phải bảng tính")
    with pytest.raises(InputError) as info:
        load_campaign(campaign_dir)
    assert str(info.value) == NOT_A_WORKBOOK


def test_missing_folder_is_an_input_error(tmp_path):
    missing = tmp_path / "inputs" / "cum-9-2030"
    with pytest.raises(InputError) as info:
        load_campaign(missing)
    assert str(info.value) == f"Không tìm thấy thư mục đợt thi đua {missing}."


def test_folder_without_workbook_or_csv_is_an_input_error(tmp_path):
    folder = tmp_path / "cum-trong"
    folder.mkdir()
    with pytest.raises(InputError) as info:
        load_campaign(folder)
    assert str(info.value) == (f"{folder}: không có tệp du-lieu.xlsx (hoặc các tệp CSV như chung.csv) trong thư mục.")
