"""The blank input workbook (pipeline.blank) and the self-scoring forms (pipeline.forms).

Layout of a form (bieu-tu-cham-<mã>.xlsx, one sheet `Tự chấm`), for the sample:
  1  title          BIỂU TỰ CHẤM ĐIỂM CÔNG TÁC VĂN THƯ, LƯU TRỮ NĂM 2020 (A1:E1 merged)
  2  Đơn vị:        UBND phường Phúc Lợi
  3  Mã đơn vị      PL
  4  instructions (A4:E4 merged)
  5  header         Mã tiêu chí | Nội dung | Điểm tối đa | Tự chấm | Ghi chú
  6  1 (group)  7 1.1  8 1.2  9 2  10 2.1  11 2.2  12 3  13 3.1  14 3.2  15 4  16 4.1  17 4.2
  18 5  19 5.1  20 5.2  21 6  22 6.1  23 6.2  24 7  25 7.1  26 7.2  27 Tổng cộng
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import openpyxl
import pytest

from pipeline.blank import (
    GENERAL_GUIDE,
    GUIDE,
    LAST,
    NOTES,
    SHEET_GUIDE,
    write_blank_workbook,
)
from pipeline.cells import as_number
from pipeline.errors import ValidationError
from pipeline.forms import HEADERS, form_name
from pipeline.forms.reader import Place, merge_self_scores, read_forms
from pipeline.forms.writer import write_form, write_forms
from pipeline.contract import document_labels
from pipeline import load
from pipeline.load import WORKBOOK, header_key, load_campaign
from pipeline.contract import AWARD_KINDS, DEFAULT_GRADES, FINDING_KINDS, GENERAL, ROLES, SCHEMAS
from pipeline.validate import validate

from .conftest import SAMPLE

DOCUMENT_KINDS = tuple(document_labels().values())  # the drop-down of `Văn bản`: labels

FORM_ROWS = {
    "1": 6,
    "1.1": 7,
    "1.2": 8,
    "2": 9,
    "2.1": 10,
    "2.2": 11,
    "3": 12,
    "3.1": 13,
    "3.2": 14,
    "4": 15,
    "4.1": 16,
    "4.2": 17,
    "5": 18,
    "5.1": 19,
    "5.2": 20,
    "6": 21,
    "6.1": 22,
    "6.2": 23,
    "7": 24,
    "7.1": 25,
    "7.2": 26,
}
TOTAL_ROW = 27
PL = "bieu-tu-cham-pl.xlsx"


@pytest.fixture(scope="module")
def sample():
    return validate(load_campaign(SAMPLE))


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "du-lieu-trong.xlsx"
    write_blank_workbook(path)
    return path


@pytest.fixture(scope="module")
def book(blank):
    return openpyxl.load_workbook(blank)


def column_of(sheet: str, header: str) -> str:
    headers = [c.header for c in SCHEMAS[sheet]]
    return openpyxl.utils.get_column_letter(headers.index(header) + 1)


def validations(ws, cell: str) -> list:
    return [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]


def only_validation(ws, cell: str):
    found = validations(ws, cell)
    assert len(found) == 1, (ws.title, cell, found)
    return found[0]


def guide_text(book) -> str:
    return "\n".join(str(v) for row in book[GUIDE].iter_rows(values_only=True) for v in row if v)


# =========================================================================== the blank workbook


@pytest.mark.slow
def test_sheets_in_order(book):
    assert book.sheetnames == [GUIDE, *SCHEMAS, NOTES]
    assert book.active.title == GUIDE


@pytest.mark.parametrize("sheet", list(SCHEMAS))
def test_exact_headers_styled_and_frozen(book, sheet):
    ws = book[sheet]
    assert [c.value for c in ws[1]] == [c.header for c in SCHEMAS[sheet]]
    assert ws.freeze_panes == "A2"
    for cell in ws[1]:
        assert cell.font.bold and cell.fill.fgColor.rgb.endswith(("BDD7EE", "DDEBF7"))
        assert ws.column_dimensions[cell.column_letter].width >= 8
        assert cell.comment is not None  # the column's meaning, on hover


def test_lich_kiem_tra_has_the_optional_end_column(book):
    assert [c.value for c in book["Lịch kiểm tra"][1]][-1] == "Kết thúc"


def test_chung_lists_every_item_with_a_comment_and_empty_values(book):
    ws = book["Chung"]
    assert ws.max_column == 2
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == list(GENERAL)
    assert all(ws.cell(r, 2).value is None for r in range(2, ws.max_row + 1))
    for row, label in enumerate(GENERAL, start=2):
        meaning, example = GENERAL_GUIDE[label][1:]
        assert meaning in ws.cell(row, 1).comment.text
        assert example in ws.cell(row, 1).comment.text


def test_xep_loai_holds_the_default_scale(book):
    rows = list(book["Xếp loại"].iter_rows(min_row=2, values_only=True))
    assert rows == [("A", 85, "Xuất sắc"), ("B", 70, "Tốt"), ("C", 50, "Khá"), ("D", 0, "Trung bình")]
    assert rows == [(g.label, g.min, g.name) for g in DEFAULT_GRADES]


@pytest.mark.parametrize(
    "sheet,header,values",
    [
        ("Người", "Vai trò", ROLES),
        ("Khen thưởng", "Đối tượng", AWARD_KINDS),
        ("Nhận xét", "Loại", FINDING_KINDS),
        ("Văn bản", "Văn bản", DOCUMENT_KINDS),
    ],
)
def test_drop_downs_for_the_fixed_vocabularies(book, sheet, header, values):
    letter = column_of(sheet, header)
    dv = only_validation(book[sheet], f"{letter}2")
    assert str(dv.sqref) == f"{letter}2:{letter}{LAST}" and LAST == 501
    assert dv.type == "list"
    assert dv.formula1 == '"' + ",".join(values) + '"'
    assert dv.showErrorMessage and dv.errorStyle in (None, "stop")
    assert dv.showInputMessage and dv.prompt and dv.error
    assert all(v in dv.error for v in values)
    # no other column of the sheet has that list
    others = [d for d in book[sheet].data_validations.dataValidation if d.formula1 == dv.formula1 and d is not dv]
    assert others == []


def test_drop_down_for_buoi_kiem_tra_in_chung(book):
    ws = book["Chung"]
    row = list(GENERAL).index("Buổi kiểm tra") + 2
    dv = only_validation(ws, f"B{row}")
    assert (dv.type, dv.formula1, str(dv.sqref)) == ("list", '"sáng,chiều"', f"B{row}")
    assert validations(ws, f"B{row - 1}") != [dv]


def test_unit_codes_are_suggested_from_don_vi(book):
    dv = only_validation(book["Chấm điểm"], "A2")
    assert (dv.type, dv.formula1, dv.errorStyle) == ("list", "'Đơn vị'!$A$2:$A$501", "warning")
    dv = only_validation(book["Chấm điểm"], "B2")
    assert dv.formula1 == "'Tiêu chí'!$A$2:$A$501"


@pytest.mark.parametrize(
    "sheet,header,operator",
    [
        ("Chấm điểm", "Tự chấm", "greaterThanOrEqual"),
        ("Chấm điểm", "Cụm chấm", "greaterThanOrEqual"),
        ("Xếp loại", "Điểm từ", "greaterThanOrEqual"),
        ("Tiêu chí", "Điểm tối đa", "greaterThan"),  # the contract says > 0
    ],
)
def test_number_validation(book, sheet, header, operator):
    letter = column_of(sheet, header)
    dv = only_validation(book[sheet], f"{letter}{LAST}")
    assert (dv.type, dv.operator, dv.formula1) == ("decimal", operator, "0")
    assert "Cần một số" in dv.error and dv.prompt


@pytest.mark.parametrize(
    "sheet,header,number_format",
    [
        ("Văn bản", "Ngày", "dd/mm/yyyy"),
        ("Lịch kiểm tra", "Thời gian", "dd/mm/yyyy hh:mm"),
        ("Lịch kiểm tra", "Kết thúc", "dd/mm/yyyy hh:mm"),
    ],
)
def test_date_validation_and_formats(book, sheet, header, number_format):
    ws = book[sheet]
    letter = column_of(sheet, header)
    dv = only_validation(ws, f"{letter}2")
    assert (dv.type, dv.operator) == ("date", "between")
    assert "ngày/tháng/năm" in dv.error
    assert ws[f"{letter}2"].number_format == number_format
    assert ws[f"{letter}{LAST}"].number_format == number_format


def test_chung_values_are_validated_and_formatted(book):
    ws = book["Chung"]
    row = {label: i for i, label in enumerate(GENERAL, start=2)}
    assert ws[f"B{row['Ngày kiểm tra']}"].number_format == "dd/mm/yyyy"
    assert ws[f"B{row['Bắt đầu họp']}"].number_format == "dd/mm/yyyy hh:mm"
    assert ws[f"B{row['Kết thúc họp']}"].number_format == "dd/mm/yyyy hh:mm"
    assert only_validation(ws, f"B{row['Ngày kiểm tra']}").type == "date"
    assert only_validation(ws, f"B{row['Năm']}").type == "whole"
    assert validations(ws, f"B{row['Tên cụm']}") == []


def test_codes_are_text_cells(book):
    """So that 1.10 stays 1.10 and 1.1 never becomes a date or a number."""
    assert book["Tiêu chí"]["A2"].number_format == "@"
    assert book["Chấm điểm"]["B300"].number_format == "@"


def test_every_validation_speaks_vietnamese_within_excel_limits(book):
    for ws in book.worksheets:
        for dv in ws.data_validations.dataValidation:
            assert dv.promptTitle == "Hướng dẫn nhập" and dv.errorTitle == "Giá trị chưa đúng"
            assert 0 < len(dv.prompt) <= 255 and 0 < len(dv.error) <= 255


def test_guide_matches_the_contract():
    assert list(SHEET_GUIDE) == list(SCHEMAS)
    for sheet, (_, _, columns) in SHEET_GUIDE.items():
        assert [c[0] for c in columns] == [c.header for c in SCHEMAS[sheet]]
    assert list(GENERAL_GUIDE) == list(GENERAL)
    for label, (needed, _, _) in GENERAL_GUIDE.items():
        assert (needed == "có") == GENERAL[label][2]


def test_guide_mentions_every_sheet_column_and_item(book):
    text = guide_text(book)
    for sheet, schema in SCHEMAS.items():
        assert f'Trang "{sheet}"' in text
        for col in schema:
            assert col.header in text
    for label in GENERAL:
        assert label in text
    assert 'Cột "Kết thúc" ở trang "Lịch kiểm tra"' in text
    assert 'Trang "Ghi chú"' in text and "chương trình không đọc trang này" in text
    assert "A từ 85 điểm (Xuất sắc), B từ 70 (Tốt), C từ 50 (Khá), D dưới 50" in text
    assert "thư mục tu-cham của đợt" in text
    assert "Tải lên và tạo văn bản" in text and "thư mục dùng chung" in text


def test_guide_speaks_to_the_page_and_the_shared_folder_not_the_terminal(book):
    """No command, no path of the project: the clerk has the web page and the shared folder."""
    text = guide_text(book)
    for terminal in ("make ", "inputs/", "outputs/", "vanban ", "`", "ke-hoach", "tin-bai", "quyet-dinh", "to-trinh"):
        assert terminal not in text, terminal


def test_every_sheet_prints_on_a4_one_page_wide_with_its_header_repeated(book):
    for ws in book.worksheets:
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4, ws.title  # 9: A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        if ws.title != "Hướng dẫn":
            assert ws.print_title_rows in ("1:1", "$1:$1"), ws.title


def test_blank_structure_loads_and_only_the_empty_data_is_reported(blank, tmp_path):
    folder = tmp_path / "dot-moi"
    folder.mkdir()
    shutil.copy(blank, folder / WORKBOOK)
    raw = load_campaign(folder)
    assert list(raw.sheets) == list(SCHEMAS)
    for name, sheet in raw.sheets.items():
        assert list(sheet.headers) == [header_key(c.header) for c in SCHEMAS[name]]
        assert sheet.header_row == 1
    with pytest.raises(ValidationError) as info:
        validate(raw)
    items = [
        f'du-lieu.xlsx › Chung › dòng {row} › cột "Giá trị": mục "{label}" chưa có giá trị.'
        for row, label in enumerate(GENERAL, start=2)
        if GENERAL[label][2]
    ]
    assert [str(p) for p in info.value.problems] == items + [
        "du-lieu.xlsx › Đơn vị: chưa có đơn vị nào.",
        "du-lieu.xlsx › Tiêu chí: chưa có tiêu chí nào.",
    ]


@pytest.mark.slow
def test_writing_is_atomic_and_overwrites(tmp_path):
    path = tmp_path / "out" / "du-lieu-trong.xlsx"
    write_blank_workbook(path)
    write_blank_workbook(path)
    assert [p.name for p in path.parent.iterdir()] == ["du-lieu-trong.xlsx"]
    assert openpyxl.load_workbook(path).sheetnames[0] == GUIDE


def fill_blank_with_sample(blank: Path, target: Path) -> None:
    """Type the sample's data into the blank workbook, cell by cell, keeping its formats."""
    source = openpyxl.load_workbook(SAMPLE / WORKBOOK)
    book = openpyxl.load_workbook(blank)
    for ws in source.worksheets:
        into = book[ws.title]
        # the sample's columns, in order; the blank may end with optional columns it skips
        assert [c.value for c in ws[1]] == [c.value for c in into[1]][: ws.max_column], ws.title
        if ws.title == "Chung":  # the blank lists every item; the sample skips one
            rows = {into.cell(r, 1).value: r for r in range(2, into.max_row + 1)}
            for label, value in ws.iter_rows(min_row=2, values_only=True):
                into.cell(rows[label], 2).value = value
            continue
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                into[cell.coordinate].value = cell.value
    book.save(target)


@pytest.mark.slow
def test_blank_filled_with_the_sample_validates_into_the_same_campaign(blank, sample, tmp_path):
    folder = tmp_path / "inputs" / SAMPLE.name
    shutil.copytree(SAMPLE, folder)
    fill_blank_with_sample(blank, folder / WORKBOOK)
    filled = openpyxl.load_workbook(folder / WORKBOOK)
    assert filled.sheetnames == [GUIDE, *SCHEMAS, NOTES]
    assert filled["Người"].data_validations.dataValidation  # the drop-downs are still there
    campaign = validate(load_campaign(folder))
    assert campaign.scores.equals(sample.scores)
    for field in dataclasses.fields(sample):
        if field.name not in ("scores", "folder", "photos", "general_rows"):
            assert getattr(campaign, field.name) == getattr(sample, field.name), field.name
    assert [(p.file.name, p.caption) for p in campaign.photos] == [(p.file.name, p.caption) for p in sample.photos]
    assert campaign.units == sample.units and campaign.issuances == sample.issuances


# =========================================================================== forms: writing


def without_self_scores(campaign):
    """The campaign as it is before the units have scored themselves."""
    scores = campaign.scores.copy()
    scores["self"] = float("nan")
    return dataclasses.replace(campaign, scores=scores)


@pytest.fixture(scope="module")
def blank_forms(sample, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("forms") / "tu-cham"
    write_forms(without_self_scores(sample), folder)
    return folder


@pytest.fixture
def forms_dir(blank_forms, tmp_path) -> Path:
    """Unfilled forms of every unit, as the cluster leader sends them out."""
    return Path(shutil.copytree(blank_forms, tmp_path / "tu-cham"))


@pytest.mark.slow
def test_one_form_per_unit(sample, tmp_path):
    paths = write_forms(sample, tmp_path / "out")
    names = [
        "bieu-tu-cham-pl.xlsx",
        "bieu-tu-cham-vh.xlsx",
        "bieu-tu-cham-dg.xlsx",
        "bieu-tu-cham-gb.xlsx",
        "bieu-tu-cham-pd.xlsx",
    ]
    assert paths == [tmp_path / "out" / n for n in names]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)
    assert form_name("PL") == PL


def test_form_layout(forms_dir, sample):
    book = openpyxl.load_workbook(forms_dir / PL)
    assert book.sheetnames == ["Tự chấm"]
    ws = book["Tự chấm"]
    assert ws["A1"].value == "BIỂU TỰ CHẤM ĐIỂM CÔNG TÁC VĂN THƯ, LƯU TRỮ NĂM 2020"
    assert (ws["A2"].value, ws["B2"].value) == ("Đơn vị:", "UBND phường Phúc Lợi")
    assert (ws["A3"].value, ws["B3"].value) == ("Mã đơn vị", "PL")
    assert tuple(c.value for c in ws[5]) == HEADERS == ("Mã tiêu chí", "Nội dung", "Điểm tối đa", "Tự chấm", "Ghi chú")
    assert {ws.cell(row, 1).value: row for row in range(6, TOTAL_ROW)} == FORM_ROWS
    for c in sample.criteria:
        row = FORM_ROWS[c.code]
        assert (ws.cell(row, 2).value, ws.cell(row, 3).value) == (c.content, c.max)
        assert ws.cell(row, 1).font.bold == c.is_group
    assert ws["D6"].value == "=SUM(D7,D8)"
    assert ws["D24"].value == "=SUM(D25,D26)"
    assert ws.cell(TOTAL_ROW, 2).value == "Tổng cộng"
    assert ws.cell(TOTAL_ROW, 3).value == 100
    assert ws.cell(TOTAL_ROW, 4).value == "=SUM(D6,D9,D12,D15,D18,D21,D24)"
    assert ws.max_row == TOTAL_ROW
    assert all(ws.cell(FORM_ROWS[c.code], 4).value is None for c in sample.criteria if not c.is_group)


def test_form_is_protected_except_the_cells_to_fill(forms_dir, sample):
    ws = openpyxl.load_workbook(forms_dir / PL)["Tự chấm"]
    assert ws.protection.sheet and not ws.protection.password
    for c in sample.criteria:
        row = FORM_ROWS[c.code]
        for column in "ABCDE":
            expect_locked = c.is_group or column in "ABC"
            assert ws[f"{column}{row}"].protection.locked == expect_locked, (c.code, column)
    for cell in ("A1", "B2", "B3", "A5", "D5", f"D{TOTAL_ROW}", f"E{TOTAL_ROW}"):
        assert ws[cell].protection.locked


def test_form_leaf_scores_are_validated_against_their_maximum(forms_dir, sample):
    ws = openpyxl.load_workbook(forms_dir / PL)["Tự chấm"]
    for c in sample.criteria:
        cell = f"D{FORM_ROWS[c.code]}"
        found = validations(ws, cell)
        if c.is_group:
            assert found == []
            continue
        assert len(found) == 1
        dv = found[0]
        assert (dv.type, dv.operator, dv.formula1, float(dv.formula2)) == ("decimal", "between", "0", c.max)
        assert f"phải là một số từ 0 đến {c.max:g}" in dv.error and dv.showErrorMessage


def test_form_is_prefilled_with_known_self_scores(sample, tmp_path):
    write_form(tmp_path / "dg.xlsx", sample, sample.unit("DG"))
    ws = openpyxl.load_workbook(tmp_path / "dg.xlsx")["Tự chấm"]
    assert ws["D10"].value == 9.5  # 2.1, typed "9,5" in the sample
    assert ws["D7"].value == 5 and isinstance(ws["D7"].value, int)
    assert (ws["A2"].value, ws["B2"].value, ws["B3"].value) == ("Đơn vị:", "UBND phường Đức Giang", "DG")


# =========================================================================== forms: reading


def self_scores(campaign) -> dict[tuple[str, str], float]:
    return {(r.unit, r.criterion): r.self for r in campaign.scores.itertuples()}


def leaves_of(campaign) -> dict[str, float]:
    return {c.code: c.max for c in campaign.criteria if not c.is_group}


def units_of(campaign) -> set[str]:
    return {u.code for u in campaign.units}


def fill(path: Path, values: dict[str, object]) -> None:
    """Type scores into a form as a unit would: {criterion code: value}."""
    book = openpyxl.load_workbook(path)
    ws = book["Tự chấm"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    for code, value in values.items():
        ws.cell(rows[code], 4).value = value
    book.save(path)


def fill_all(folder: Path, campaign) -> None:
    for unit in campaign.units:
        values = {
            crit: (int(v) if v.is_integer() else v) for (u, crit), v in self_scores(campaign).items() if u == unit.code
        }
        if unit.code == "DG":
            values["2.1"] = "9,5"  # typed as text with a decimal comma
        fill(folder / form_name(unit.code), values)


def read(folder: Path, campaign):
    scores, problems = read_forms(load.read_forms(folder), units_of(campaign), leaves_of(campaign))
    return scores, [str(p) for p in problems]


def workbook_self_scores(folder: Path) -> dict:
    """What validate sees in `Chấm điểm`: (unit, leaf) -> (Tự chấm or None, its Place)."""
    sheet = load_campaign(folder).sheets["Chấm điểm"]
    out = {}
    for row in sheet.rows:
        value = row.get("Tự chấm")
        out[row.get("Mã đơn vị"), row.get("Mã tiêu chí")] = (
            None if value is None else as_number(value),
            Place(sheet.file, sheet.name, row.number, "Tự chấm"),
        )
    return out


@pytest.mark.slow
def test_round_trip_supplies_the_self_scores_of_a_workbook_without_them(sample, tmp_path):
    folder = tmp_path / "inputs" / SAMPLE.name
    shutil.copytree(SAMPLE, folder)
    book = openpyxl.load_workbook(folder / WORKBOOK)
    for row in range(2, book["Chấm điểm"].max_row + 1):
        book["Chấm điểm"].cell(row, 3).value = None
    book.save(folder / WORKBOOK)
    # the cluster leader sends the forms out; each unit fills its own; they come back
    sent = tmp_path / "outputs" / SAMPLE.name
    write_forms(without_self_scores(sample), sent)
    (folder / "tu-cham").mkdir()
    for path in sent.iterdir():
        shutil.copy(path, folder / "tu-cham" / path.name)
    fill_all(folder / "tu-cham", sample)

    scores, problems = read(folder / "tu-cham", sample)
    assert problems == []
    assert {k: v for k, (v, _) in scores.items()} == self_scores(sample)
    assert scores["DG", "2.1"] == (9.5, Place("bieu-tu-cham-dg.xlsx", "Tự chấm", 10, "Tự chấm"))
    assert set(scores.files) == units_of(sample)

    workbook = workbook_self_scores(folder)
    assert len(workbook) == 70 and all(v is None for v, _ in workbook.values())
    merged, problems = merge_self_scores(workbook, scores)
    assert problems == []
    assert merged == self_scores(sample)


def test_prefilled_forms_read_back_as_the_sample(sample, tmp_path):
    write_forms(sample, tmp_path)
    scores, problems = read(tmp_path, sample)
    assert problems == [] and {k: v for k, (v, _) in scores.items()} == self_scores(sample)
    merged, problems = merge_self_scores(workbook_self_scores(SAMPLE), scores)
    assert problems == [] and merged == self_scores(sample)


def test_rows_inserted_by_staff_are_followed(forms_dir, sample):
    book = openpyxl.load_workbook(forms_dir / PL)
    ws = book["Tự chấm"]
    for merged in list(ws.merged_cells.ranges):  # openpyxl does not shift them, Excel does
        ws.unmerge_cells(str(merged))
    ws.insert_rows(2)
    ws["A2"] = "Kèm theo Công văn số 12/UBND ngày 20/7/2020"
    book.save(forms_dir / PL)
    fill_all(forms_dir, sample)
    fill(forms_dir / PL, {"1.2": None})
    scores, problems = read(forms_dir, sample)
    assert problems == [f'{PL} › Tự chấm › dòng 9 › cột "Tự chấm": chưa ghi điểm tự chấm của tiêu chí 1.2.']
    assert scores["PL", "1.1"][1].row == 8


def test_no_folder_no_scores(sample, tmp_path):
    scores, problems = read(tmp_path / "tu-cham", sample)
    assert (scores, problems) == ({}, [])


def test_excel_lock_files_are_skipped(forms_dir, sample):
    fill_all(forms_dir, sample)
    (forms_dir / "~$bieu-tu-cham-pl.xlsx").write_bytes(b"owner")
    assert read(forms_dir, sample)[1] == []


def test_unit_code_may_be_typed_in_lower_case(forms_dir, sample):
    fill_all(forms_dir, sample)
    book = openpyxl.load_workbook(forms_dir / PL)
    book["Tự chấm"]["B3"] = " pl "
    book.save(forms_dir / PL)
    scores, problems = read(forms_dir, sample)
    assert problems == [] and ("PL", "1.1") in scores


# --------------------------------------------------------------------------- form errors


def edit_form(path: Path, edits: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    for cell, value in edits.items():
        book["Tự chấm"][cell] = value
    book.save(path)


@pytest.mark.parametrize(
    "edits,expected",
    [
        ({"B3": "XX"}, f'{PL} › Tự chấm › dòng 3 › cột "Mã đơn vị": không có đơn vị mã "XX" trong trang "Đơn vị".'),
        ({"B3": None}, f'{PL} › Tự chấm › dòng 3 › cột "Mã đơn vị": chưa ghi mã đơn vị bên cạnh ô "Mã đơn vị".'),
        ({"A3": "Đơn vị số"}, f'{PL} › Tự chấm: không thấy ô "Mã đơn vị" ghi mã của đơn vị tự chấm.'),
        ({"D5": "Điểm"}, f'{PL} › Tự chấm: không thấy dòng tiêu đề có các cột "Mã tiêu chí" và "Tự chấm".'),
        ({"D7": None}, f'{PL} › Tự chấm › dòng 7 › cột "Tự chấm": chưa ghi điểm tự chấm của tiêu chí 1.1.'),
        (
            {"D7": 6},
            f'{PL} › Tự chấm › dòng 7 › cột "Tự chấm": điểm 6 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 1.1.',
        ),
        (
            {"D13": "8,5"},
            f'{PL} › Tự chấm › dòng 13 › cột "Tự chấm": điểm 8,5 nằm ngoài khoảng 0 '
            "đến điểm tối đa 8 của tiêu chí 3.1.",
        ),
        (
            {"D7": -1},
            f'{PL} › Tự chấm › dòng 7 › cột "Tự chấm": điểm -1 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 1.1.',
        ),
        (
            {"D7": "năm"},
            f'{PL} › Tự chấm › dòng 7 › cột "Tự chấm": "năm" không phải là số (dùng '
            "dấu phẩy cho phần thập phân, ví dụ 9,5).",
        ),
        (
            {"A28": "9.9", "D28": 5},
            f'{PL} › Tự chấm › dòng 28 › cột "Mã tiêu chí": mã tiêu chí "9.9" không có trong trang "Tiêu chí".',
        ),
        ({"A28": "1.1", "D28": 5}, f'{PL} › Tự chấm › dòng 28 › cột "Mã tiêu chí": tiêu chí 1.1 đã có ở dòng 7.'),
        ({"A7": None, "D7": None}, f"{PL} › Tự chấm: biểu thiếu dòng của các tiêu chí: 1.1."),
    ],
    ids=[
        "unknown-unit",
        "blank-unit",
        "no-unit-label",
        "no-header",
        "blank-leaf",
        "above-max",
        "text-above-max",
        "negative",
        "not-a-number",
        "unknown-criterion",
        "leaf-twice",
        "missing-leaf",
    ],
)
@pytest.mark.slow
def test_form_problems(forms_dir, sample, edits, expected):
    fill_all(forms_dir, sample)
    edit_form(forms_dir / PL, edits)
    scores, problems = read(forms_dir, sample)
    assert problems == [expected]
    assert ("VH", "1.1") in scores  # the other forms are still read


def test_a_blank_form_is_one_problem(forms_dir, sample):
    fill_all(forms_dir, sample)
    write_form(forms_dir / PL, without_self_scores(sample), sample.unit("PL"))
    scores, problems = read(forms_dir, sample)
    assert problems == [f"{PL} › Tự chấm: biểu chưa có điểm tự chấm nào."]
    assert "PL" in scores.files and not any(u == "PL" for u, _ in scores)


def test_a_file_that_is_not_a_workbook(forms_dir, sample):
    fill_all(forms_dir, sample)
    (forms_dir / "bieu-tu-cham-xx.xlsx").write_text("không phải bảng tính", encoding="utf-8")
    assert read(forms_dir, sample)[1] == [
        "bieu-tu-cham-xx.xlsx: không đọc được tệp này như một bảng tính Excel (.xlsx). Hãy mở "
        "bằng Excel và lưu lại dưới dạng Excel Workbook (.xlsx)."
    ]


def test_a_workbook_without_the_form_sheet(forms_dir, sample):
    fill_all(forms_dir, sample)
    book = openpyxl.load_workbook(forms_dir / PL)
    book["Tự chấm"].title = "Sheet1"
    book.save(forms_dir / PL)
    assert read(forms_dir, sample)[1] == [
        f'{PL}: không có trang tính "Tự chấm" (giữ nguyên trang này của biểu tự chấm).'
    ]


def test_two_forms_for_the_same_unit(forms_dir, sample):
    fill_all(forms_dir, sample)
    shutil.copy(forms_dir / PL, forms_dir / "bieu-tu-cham-pl-sua.xlsx")
    scores, problems = read(forms_dir, sample)
    # files are read in name order: "bieu-tu-cham-pl-sua" sorts before "bieu-tu-cham-pl."
    assert problems == [
        f'{PL} › Tự chấm › dòng 3 › cột "Mã đơn vị": đơn vị PL đã có biểu tự '
        "chấm bieu-tu-cham-pl-sua.xlsx; mỗi đơn vị chỉ gửi một biểu."
    ]
    assert scores.files["PL"] == "bieu-tu-cham-pl-sua.xlsx"


# =========================================================================== merging


def place(row: int) -> Place:
    return Place("du-lieu.xlsx", "Chấm điểm", row, "Tự chấm")


def form_place(row: int) -> Place:
    return Place(PL, "Tự chấm", row, "Tự chấm")


def test_merge_equal_values_agree_and_forms_fill_blanks():
    workbook = {("PL", "7.1"): (4.0, place(14)), ("PL", "7.2"): (None, place(15))}
    forms = {("PL", "7.1"): (4.0, form_place(25)), ("PL", "7.2"): (5.0, form_place(26))}
    assert merge_self_scores(workbook, forms) == ({("PL", "7.1"): 4.0, ("PL", "7.2"): 5.0}, [])


def test_merge_different_values_name_both_places():
    workbook = {("PL", "7.1"): (4.0, place(14))}
    forms = {("PL", "7.1"): (4.5, form_place(25))}
    merged, problems = merge_self_scores(workbook, forms)
    assert [str(p) for p in problems] == [
        'du-lieu.xlsx › Chấm điểm › dòng 14 › cột "Tự chấm": điểm tự chấm 4 của đơn vị PL, '
        "tiêu chí 7.1 khác với điểm 4,5 ghi trong biểu tự chấm bieu-tu-cham-pl.xlsx (dòng 25); "
        "sửa cho hai nơi giống nhau, hoặc xóa điểm ở bảng tính để dùng điểm trong biểu."
    ]
    assert merged == {("PL", "7.1"): 4.0}


def test_merge_blank_without_a_form_is_a_problem_at_the_cell():
    workbook = {("VH", "1.1"): (None, place(16)), ("VH", "1.2"): (5.0, place(17))}
    merged, problems = merge_self_scores(workbook, {})
    assert [str(p) for p in problems] == [
        'du-lieu.xlsx › Chấm điểm › dòng 16 › cột "Tự chấm": chưa có điểm tự chấm của đơn vị '
        "VH, tiêu chí 1.1: ghi ở ô này, hoặc chép biểu tự chấm của đơn vị vào thư mục tu-cham/."
    ]
    assert merged == {("VH", "1.2"): 5.0}


def test_merge_blank_left_to_the_form_problem_when_the_unit_sent_one(forms_dir, sample):
    """A leaf missing from a unit's form is reported once, in the form, not again here."""
    fill_all(forms_dir, sample)
    edit_form(forms_dir / PL, {"D7": None})
    scores, problems = read(forms_dir, sample)
    assert len(problems) == 1
    merged, merge_problems = merge_self_scores({("PL", "1.1"): (None, place(2))}, scores)
    assert merge_problems == [] and ("PL", "1.1") not in merged
