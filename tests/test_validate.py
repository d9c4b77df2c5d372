"""Tests for pipeline.validate: every kind of bad input gives an exact, located problem.

Row numbers refer to the sample built by tools/make_sample.py:
  Chung         2 Tên cụm … 7 Đơn vị cụm trưởng, 8 Ngày kiểm tra, 9 Buổi kiểm tra,
                10 Bắt đầu họp, 11 Kết thúc họp, 12 Địa điểm họp
  Đơn vị        2 PL, 3 VH, 4 DG, 5 GB, 6 PD
  Tiêu chí      2 group 1 (10 = 1.1 + 1.2), 3 1.1, 4 1.2, … 22 7.2 (21 rows)
  Chấm điểm     PL rows 2-15 (14 = PL 7.1, max 5), VH 16-29, DG 30-43, GB 44-57, PD 58-71
  Xếp loại      2 A 85, 3 B 70, 4 C 50, 5 D 0
  Người         2 chủ trì, 3 thành viên, 5 thư ký (25 rows)
  Lịch kiểm tra 2 PL inspected by VH … 6 PD by PL
  Nhận xét      2 PL ưu điểm …
  Khen thưởng   2 tập thể DG, 3 cá nhân (PD) …
  Văn bản       2 ke-hoach … 6 tin-bai
  Ảnh           2 kiem-tra-phuc-loi.jpg, 3 kiem-tra-duc-giang.jpg, 4 hop-cum.jpg
"""

from __future__ import annotations

import csv
import hashlib
from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline.errors import Problem, ValidationError
from pipeline.load import WORKBOOK, load_campaign
from pipeline.messages import lines
from pipeline.validate import validate

from .conftest import SAMPLE, edit_workbook
from .test_load import write_sample_as_csv

X = "du-lieu.xlsx"


def problems(folder: Path) -> list[str]:
    """The formatted problems of a campaign that must fail validation."""
    with pytest.raises(ValidationError) as info:
        validate(load_campaign(folder))
    assert str(info.value) == "\n".join(str(p) for p in info.value.problems)
    return [str(p) for p in info.value.problems]


def raw_problems(folder: Path) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        validate(load_campaign(folder))
    return info.value.problems


def edited(folder: Path, edits: dict) -> Path:
    edit_workbook(folder / WORKBOOK, edits)
    return folder


# --------------------------------------------------------------------------- the sample


def test_sample_validates_without_problems():
    campaign = validate(load_campaign(SAMPLE))
    assert [u.code for u in campaign.units] == ["PL", "VH", "DG", "GB", "PD"]
    assert len(campaign.criteria) == 21
    assert sum(c.max for c in campaign.criteria if c.parent is None) == 100
    assert len(campaign.scores) == 70
    assert campaign.inspection_date == date(2020, 8, 14)
    assert campaign.meeting_start == datetime(2020, 8, 17, 14, 0)
    assert campaign.meeting_end == datetime(2020, 8, 17, 16, 30)
    assert [p.name for p in campaign.people_with("chủ trì")] == ["Phạm Hoài Nam"]
    assert [p.name for p in campaign.people_with("thư ký")] == ["Nguyễn Thị Thu Trang"]
    assert campaign.warnings == []


def test_problem_format():
    problem = Problem("du-lieu.xlsx", "điểm 12 vượt điểm tối đa 10 của tiêu chí 3.2", "Chấm điểm", 14, "Cụm chấm")
    assert str(problem) == (
        'du-lieu.xlsx › Chấm điểm › dòng 14 › cột "Cụm chấm": điểm 12 vượt điểm tối đa 10 của tiêu chí 3.2'
    )
    assert str(Problem("du-lieu.xlsx", "thiếu.", "Người")) == "du-lieu.xlsx › Người: thiếu."


# --------------------------------------------------------------------------- Đơn vị


def test_duplicate_unit_code(campaign_dir):
    edited(campaign_dir, {("Đơn vị", "append"): ["PL", "UBND phường Phúc Lợi mới", "Phúc Lợi mới"]})
    assert problems(campaign_dir) == [
        f'{X} › Đơn vị › dòng 7 › cột "Mã": mã "PL" bị trùng (đã có ở dòng 2).',
    ]


@pytest.mark.parametrize("code", ["ĐT", "P L", "Bồ Đề", "PL-2"])
@pytest.mark.slow
def test_unit_code_with_diacritics_spaces_or_punctuation(campaign_dir, code):
    edited(campaign_dir, {("Đơn vị", "append"): [code, "UBND phường Bồ Đề", "Bồ Đề"]})
    assert problems(campaign_dir) == [
        f'{X} › Đơn vị › dòng 7 › cột "Mã": mã "{code}" chỉ được gồm chữ cái không dấu và chữ số (ví dụ PL).',
    ]


# --------------------------------------------------------------------------- Chấm điểm


def test_unknown_unit_code_in_scores(campaign_dir):
    edited(campaign_dir, {("Chấm điểm", "append"): ["XX", "1.1", 5, 5]})
    assert problems(campaign_dir) == [
        f'{X} › Chấm điểm › dòng 72 › cột "Mã đơn vị": không có đơn vị mã "XX" trong trang "Đơn vị".',
    ]


def test_unknown_criterion_code_in_scores(campaign_dir):
    edited(campaign_dir, {("Chấm điểm", "append"): ["PL", "8.1", 5, 5]})
    assert problems(campaign_dir) == [
        f'{X} › Chấm điểm › dòng 72 › cột "Mã tiêu chí": không có tiêu chí mã "8.1" trong trang "Tiêu chí".',
    ]


def test_score_for_a_group_criterion(campaign_dir):
    edited(campaign_dir, {("Chấm điểm", "append"): ["PL", "1", 10, 10]})
    assert problems(campaign_dir) == [
        f'{X} › Chấm điểm › dòng 72 › cột "Mã tiêu chí": "1" là nhóm tiêu chí; chỉ chấm điểm cho tiêu chí con.',
    ]


@pytest.mark.parametrize("value, shown", [(12, "12"), (5.5, "5,5")])
@pytest.mark.slow
def test_score_above_the_maximum(campaign_dir, value, shown):
    edited(campaign_dir, {("Chấm điểm", "D14"): value})  # PL 7.1, max 5
    assert problems(campaign_dir) == [
        f'{X} › Chấm điểm › dòng 14 › cột "Cụm chấm": điểm {shown} nằm ngoài khoảng 0 đến '
        "điểm tối đa 5 của tiêu chí 7.1.",
    ]


@pytest.mark.slow
def test_negative_score(campaign_dir):
    edited(campaign_dir, {("Chấm điểm", "C14"): -1})
    assert problems(campaign_dir) == [
        f'{X} › Chấm điểm › dòng 14 › cột "Tự chấm": điểm -1 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 7.1.',
    ]


@pytest.mark.parametrize("text", ["chín", "1.250", "5đ", "9,5,0"])
@pytest.mark.slow
def test_score_that_is_not_a_number(campaign_dir, text):
    edited(campaign_dir, {("Chấm điểm", "C14"): text})
    assert problems(campaign_dir) == [
        f'{X} › Chấm điểm › dòng 14 › cột "Tự chấm": "{text}" không phải là số (dùng dấu phẩy '
        "cho phần thập phân, ví dụ 9,5).",
    ]


def test_score_with_decimal_comma_text_is_accepted(campaign_dir):
    edited(campaign_dir, {("Chấm điểm", "C14"): "4,5"})
    scores = validate(load_campaign(campaign_dir)).scores
    assert scores.loc[scores["row"] == 14, "self"].tolist() == [4.5]


def test_blank_required_score(campaign_dir):
    edited(campaign_dir, {("Chấm điểm", "C14"): None})
    assert problems(campaign_dir) == [
        f'{X} › Chấm điểm › dòng 14 › cột "Tự chấm": chưa có điểm tự chấm của đơn vị PL, '
        "tiêu chí 7.1: ghi ở ô này, hoặc chép biểu tự chấm của đơn vị vào thư mục tu-cham/.",
    ]


def test_unit_missing_a_criterion(campaign_dir):
    edited(campaign_dir, {("Chấm điểm", "delete"): 14})
    assert problems(campaign_dir) == [
        f"{X} › Chấm điểm: đơn vị PL chưa có điểm các tiêu chí: 7.1.",
    ]


def test_duplicated_unit_and_criterion_row(campaign_dir):
    edited(campaign_dir, {("Chấm điểm", "append"): ["PL", "1.1", 5, 5]})
    assert problems(campaign_dir) == [
        f'{X} › Chấm điểm › dòng 72 › cột "Mã tiêu chí": đơn vị PL đã có điểm tiêu chí 1.1 ở dòng 2.',
    ]


# --------------------------------------------------------------------------- Tiêu chí


def test_group_maximum_differs_from_its_children(campaign_dir):
    edited(campaign_dir, {("Tiêu chí", "C2"): 12})
    assert problems(campaign_dir) == [
        f'{X} › Tiêu chí › dòng 2 › cột "Điểm tối đa": điểm tối đa của nhóm "1" là 12 nhưng '
        "tổng các tiêu chí con là 10.",
    ]


@pytest.mark.parametrize("maximum", [0, -5])
@pytest.mark.slow
def test_criterion_maximum_not_positive(campaign_dir, maximum):
    edited(campaign_dir, {("Tiêu chí", "append"): ["8", "Tiêu chí bổ sung", maximum]})
    assert problems(campaign_dir) == [
        f'{X} › Tiêu chí › dòng 23 › cột "Điểm tối đa": điểm tối đa phải lớn hơn 0.',
    ]


def test_group_maximum_not_positive_is_reported_once(campaign_dir):
    edited(campaign_dir, {("Tiêu chí", "C2"): 0})
    assert problems(campaign_dir) == [
        f'{X} › Tiêu chí › dòng 2 › cột "Điểm tối đa": điểm tối đa phải lớn hơn 0.',
    ]


def test_group_maximum_not_positive_is_reported(campaign_dir):
    edited(campaign_dir, {("Tiêu chí", "C2"): 0})
    assert problems(campaign_dir)[0] == (f'{X} › Tiêu chí › dòng 2 › cột "Điểm tối đa": điểm tối đa phải lớn hơn 0.')


def test_criterion_whose_group_is_missing(campaign_dir):
    edited(
        campaign_dir, {("Tiêu chí", "append"): ["9.1", "Tiêu chí lẻ", 5], ("Chấm điểm", "append"): ["PL", "9.1", 5, 5]}
    )
    assert problems(campaign_dir)[0] == (
        f'{X} › Tiêu chí › dòng 23 › cột "Mã": tiêu chí "9.1" thuộc nhóm "9" nhưng chưa có nhóm đó.'
    )


def test_badly_formed_criterion_code(campaign_dir):
    edited(campaign_dir, {("Tiêu chí", "append"): ["8a", "Tiêu chí bổ sung", 5]})
    assert problems(campaign_dir) == [
        f'{X} › Tiêu chí › dòng 23 › cột "Mã": mã tiêu chí "8a" phải có dạng 1, 1.1, 1.2, 2…',
    ]


# --------------------------------------------------------------------------- sheets and columns


@pytest.mark.parametrize(
    "sheet",
    [
        "Người",
        "Chung",
        "Chấm điểm",
        "Đơn vị",
        "Tiêu chí",
    ],
)
@pytest.mark.slow
def test_missing_required_sheet(campaign_dir, sheet):
    edited(campaign_dir, {("drop", sheet): None})
    assert problems(campaign_dir) == [f'{X} › {sheet}: thiếu trang tính "{sheet}" (bắt buộc).']


MISSING_TEN_NGAN = f'{X} › Đơn vị › dòng 1: thiếu cột "Tên ngắn" ở dòng tiêu đề.'


def test_missing_required_column_is_reported_on_the_header_row(campaign_dir):
    edited(campaign_dir, {("Đơn vị", "C1"): None})
    assert problems(campaign_dir)[0] == MISSING_TEN_NGAN


@pytest.mark.slow
def test_missing_required_column_is_the_only_problem(campaign_dir):
    edited(campaign_dir, {("Đơn vị", "C1"): None})
    assert problems(campaign_dir) == [MISSING_TEN_NGAN]


@pytest.mark.parametrize(
    "sheet, cell, header",
    [
        ("Nhận xét", "C1", "Nội dung"),
        ("Khen thưởng", "E1", "Hình thức"),
        ("Ảnh", "A1", "Tệp"),
        ("Văn bản", "A1", "Văn bản"),
    ],
)
@pytest.mark.slow
def test_missing_required_column_of_an_optional_sheet(campaign_dir, sheet, cell, header):
    edited(campaign_dir, {(sheet, cell): None})
    assert problems(campaign_dir) == [
        f'{X} › {sheet} › dòng 1: thiếu cột "{header}" ở dòng tiêu đề.',
    ]


def test_incomplete_unit_row_is_not_reported_as_unknown_elsewhere(campaign_dir):
    edited(campaign_dir, {("Đơn vị", "B3"): None})
    assert problems(campaign_dir) == [
        f'{X} › Đơn vị › dòng 3 › cột "Tên đơn vị": ô bị bỏ trống; cột này bắt buộc.',
    ]


# --------------------------------------------------------------------------- Chung


def test_unknown_item_suggests_the_closest_one(campaign_dir):
    edited(campaign_dir, {("Chung", "A8"): "Ngay kiem tra"})
    assert problems(campaign_dir) == [
        f'{X} › Chung › dòng 8 › cột "Mục": mục "Ngay kiem tra" không có trong danh sách các '
        'mục. Có phải là "Ngày kiểm tra"?',
        f'{X} › Chung: thiếu mục "Ngày kiểm tra" (bắt buộc).',
    ]


def test_unknown_item_without_a_close_one(campaign_dir):
    edited(campaign_dir, {("Chung", "append"): ["Số điện thoại", "0243 000 000"]})
    assert problems(campaign_dir) == [
        f'{X} › Chung › dòng 13 › cột "Mục": mục "Số điện thoại" không có trong danh sách các mục.',
    ]


def test_item_matching_ignores_case_and_spaces(campaign_dir):
    edited(campaign_dir, {("Chung", "A2"): "  tên CỤM "})
    assert validate(load_campaign(campaign_dir)).cluster == "Cụm thi đua số 1"


def test_duplicated_item(campaign_dir):
    edited(campaign_dir, {("Chung", "append"): ["Tên cụm", "Cụm thi đua số 2"]})
    assert problems(campaign_dir) == [
        f'{X} › Chung › dòng 13 › cột "Mục": mục "Tên cụm" bị ghi hai lần (đã có ở dòng 2).',
    ]


def test_missing_required_item(campaign_dir):
    edited(campaign_dir, {("Chung", "delete"): 12})
    assert problems(campaign_dir) == [f'{X} › Chung: thiếu mục "Địa điểm họp" (bắt buộc).']


def test_required_item_without_value(campaign_dir):
    edited(campaign_dir, {("Chung", "B12"): None})
    assert problems(campaign_dir) == [
        f'{X} › Chung › dòng 12 › cột "Giá trị": mục "Địa điểm họp" chưa có giá trị.',
    ]


@pytest.mark.parametrize("text", ["31/02/2020", "8/14/2020"])
@pytest.mark.slow
def test_impossible_date(campaign_dir, text):
    edited(campaign_dir, {("Chung", "B8"): text})
    assert problems(campaign_dir) == [
        f'{X} › Chung › dòng 8 › cột "Giá trị": ngày "{text}" không có thật (ghi theo thứ tự ngày/tháng/năm).',
    ]


def test_date_typed_as_text_is_accepted(campaign_dir):
    edited(
        campaign_dir,
        {("Chung", "B8"): "14/8/2020", ("Chung", "B10"): "17/8/2020 14 giờ", ("Chung", "B11"): "17/8/2020 16h30"},
    )
    campaign = validate(load_campaign(campaign_dir))
    assert campaign.inspection_date == date(2020, 8, 14)
    assert (campaign.meeting_start, campaign.meeting_end) == (
        datetime(2020, 8, 17, 14, 0),
        datetime(2020, 8, 17, 16, 30),
    )


def test_year_that_is_not_a_whole_number(campaign_dir):
    edited(campaign_dir, {("Chung", "B4"): "2020,5"})
    assert problems(campaign_dir) == [
        f'{X} › Chung › dòng 4 › cột "Giá trị": cần một số nguyên, không phải 2020,5.',
    ]


MEETING_END = "giờ kết thúc họp (17/08/2020 13:00) phải sau giờ bắt đầu (17/08/2020 14:00)."
BAD_PART_OF_DAY = '"Buổi kiểm tra" phải là "sáng" hoặc "chiều", không phải "tối".'
BAD_LEADER = '"Đơn vị cụm trưởng" là "XX" nhưng không có đơn vị mã đó trong trang "Đơn vị".'
CHUNG_VALUE_CASES = [
    pytest.param("B11", "17/8/2020 13:00", 11, MEETING_END, id="meeting-end-before-start"),
    pytest.param("B9", "tối", 9, BAD_PART_OF_DAY, id="part-of-day"),
    pytest.param("B7", "XX", 7, BAD_LEADER, id="unknown-leader"),
]


@pytest.mark.parametrize("cell, value, row, message", CHUNG_VALUE_CASES)
@pytest.mark.slow
def test_bad_value_in_chung_is_reported(campaign_dir, cell, value, row, message):
    edited(campaign_dir, {("Chung", cell): value})
    assert [(p.file, p.sheet, p.message) for p in raw_problems(campaign_dir)] == [(X, "Chung", message)]


@pytest.mark.parametrize("cell, value, row, message", CHUNG_VALUE_CASES)
@pytest.mark.slow
def test_bad_value_in_chung_names_its_row_and_column(campaign_dir, cell, value, row, message):
    edited(campaign_dir, {("Chung", cell): value})
    assert problems(campaign_dir) == [f'{X} › Chung › dòng {row} › cột "Giá trị": {message}']


# --------------------------------------------------------------------------- Người


def test_two_chairs_and_no_secretary(campaign_dir):
    edited(campaign_dir, {("Người", "D5"): "chủ trì"})
    assert lines(raw_problems(campaign_dir)) == [
        f'{X} › Người › dòng 2, 5 › cột "Vai trò" › ô D2, D5: cuộc họp cụm cần đúng một người '
        'có vai trò "chủ trì"; hiện có 2.',
    ]  # one line, with both chairs' cells; two chairs contradict each other;
    # a missing secretary only leaves a blank (a warning)


def test_unknown_role(campaign_dir):
    edited(campaign_dir, {("Người", "D3"): "thanh vien"})
    assert problems(campaign_dir) == [
        f'{X} › Người › dòng 3 › cột "Vai trò": vai trò "thanh vien" không hợp lệ; chọn một '
        'trong "chủ trì", "thư ký", "thành viên", "trưởng đoàn", "đoàn kiểm tra", "đại diện".',
    ]


def test_role_matching_ignores_case(campaign_dir):
    edited(campaign_dir, {("Người", "D2"): "Chủ Trì"})
    campaign = validate(load_campaign(campaign_dir))
    assert [p.name for p in campaign.people_with("chủ trì")] == ["Phạm Hoài Nam"]


# --------------------------------------------------------------------------- Lịch kiểm tra


def test_unit_inspecting_itself(campaign_dir):
    edited(campaign_dir, {("Lịch kiểm tra", "B2"): "PL"})
    assert problems(campaign_dir) == [
        f'{X} › Lịch kiểm tra › dòng 2 › cột "Đơn vị kiểm tra": đơn vị PL không được tự kiểm tra mình.',
    ]


def test_unit_inspected_twice(campaign_dir):
    edited(campaign_dir, {("Lịch kiểm tra", "A3"): "PL"})
    assert problems(campaign_dir) == [
        f'{X} › Lịch kiểm tra › dòng 3 › cột "Đơn vị được kiểm tra": đơn vị PL đã có lịch kiểm tra ở dòng 2.',
    ]


# --------------------------------------------------------------------------- Nhận xét, Khen thưởng


def test_unknown_finding_kind(campaign_dir):
    edited(campaign_dir, {("Nhận xét", "B2"): "nhược điểm"})
    assert problems(campaign_dir) == [
        f'{X} › Nhận xét › dòng 2 › cột "Loại": loại nhận xét "nhược điểm" không hợp lệ; '
        'chọn một trong "ưu điểm", "hạn chế", "kiến nghị".',
    ]


def test_person_award_without_position(campaign_dir):
    edited(campaign_dir, {("Khen thưởng", "C3"): None})
    assert problems(campaign_dir) == [
        f'{X} › Khen thưởng › dòng 3 › cột "Chức vụ": cá nhân được đề nghị khen thưởng cần ghi chức vụ.',
    ]


def test_unknown_award_kind(campaign_dir):
    edited(campaign_dir, {("Khen thưởng", "A3"): "nhóm"})
    assert problems(campaign_dir) == [
        f'{X} › Khen thưởng › dòng 3 › cột "Đối tượng": đối tượng "nhóm" không hợp lệ; chọn "tập thể", "cá nhân".',
    ]


# --------------------------------------------------------------------------- Văn bản, Ảnh


def test_unknown_document_kind(campaign_dir):
    edited(campaign_dir, {("Văn bản", "A2"): "quyet-dinh-khen"})
    assert problems(campaign_dir) == [
        f'{X} › Văn bản › dòng 2 › cột "Văn bản": loại văn bản "quyet-dinh-khen" không hợp lệ; '
        'chọn một trong "Kế hoạch kiểm tra chéo", "Biên bản kiểm tra tại từng đơn vị", '
        '"Biên bản họp cụm", "Tờ trình đề nghị khen thưởng", "Tin bài cho cổng thông tin", '
        '"Quyết định khen thưởng".',
    ]


def test_certificates_have_no_row_of_their_own(campaign_dir):
    """The certificates are signed under the decision's row: `giay-khen` is no row value."""
    edited(campaign_dir, {("Văn bản", "A2"): "giay-khen"})
    assert problems(campaign_dir) == [
        f'{X} › Văn bản › dòng 2 › cột "Văn bản": loại văn bản "giay-khen" không hợp lệ; '
        'chọn một trong "Kế hoạch kiểm tra chéo", "Biên bản kiểm tra tại từng đơn vị", '
        '"Biên bản họp cụm", "Tờ trình đề nghị khen thưởng", "Tin bài cho cổng thông tin", '
        '"Quyết định khen thưởng".',
    ]


def test_duplicated_document_kind(campaign_dir):
    edited(campaign_dir, {("Văn bản", "A3"): "Kế hoạch kiểm tra chéo"})
    assert problems(campaign_dir) == [
        f'{X} › Văn bản › dòng 3 › cột "Văn bản": dòng "Kế hoạch kiểm tra chéo" bị ghi hai lần (đã có ở dòng 2).',
    ]


def test_document_rows_read_the_label_as_the_code(campaign_dir):
    """The blank workbook's drop-down offers the labels; workbooks written with codes work."""
    coded = validate(load_campaign(campaign_dir))
    edited(
        campaign_dir,
        {
            ("Văn bản", "A2"): "Kế hoạch kiểm tra chéo",
            ("Văn bản", "A5"): "tờ trình  đề nghị khen thưởng",
            ("Văn bản", "A7"): "QUYẾT ĐỊNH KHEN THƯỞNG",
        },
    )
    labelled = validate(load_campaign(campaign_dir))
    assert labelled.issuances == coded.issuances
    assert set(labelled.issuances) == {
        "ke-hoach",
        "bien-ban-kiem-tra",
        "bien-ban-hop-cum",
        "to-trinh",
        "tin-bai",
        "quyet-dinh",
    }


def test_photo_missing_from_the_folder_is_a_warning_and_the_photo_is_left_out(campaign_dir):
    (campaign_dir / "anh" / "hop-cum.jpg").unlink()
    campaign = validate(load_campaign(campaign_dir), ["tin-bai"])
    assert [p.file.name for p in campaign.photos] == ["kiem-tra-phuc-loi.jpg", "kiem-tra-duc-giang.jpg"]
    assert [w for w in campaign.warnings if "Ảnh" in w] == [
        f'{X} › Ảnh › dòng 4 › cột "Tệp" › ô A4: không thấy tệp ảnh "hop-cum.jpg" trong thư '
        "mục anh/ của đợt thi đua; tin bài được tạo không có ảnh này. Tải ảnh lên (hoặc chép "
        "vào thư mục anh/) rồi tạo lại để có ảnh trong tin bài.",
    ]


def test_photo_that_is_not_jpeg_or_png_is_a_warning(campaign_dir):
    (campaign_dir / "anh" / "ghi-chu.txt").write_text("không phải ảnh", encoding="utf-8")
    edited(campaign_dir, {("Ảnh", "append"): ["ghi-chu.txt", "Ghi chú"]})
    campaign = validate(load_campaign(campaign_dir))
    assert len(campaign.photos) == 3
    assert [w for w in campaign.warnings if "Ảnh" in w] == [
        f'{X} › Ảnh › dòng 5 › cột "Tệp" › ô A5: ảnh "ghi-chu.txt" phải là tệp JPEG hoặc PNG; '
        "tin bài được tạo không có ảnh này.",
    ]


# --------------------------------------------------------------------------- Xếp loại


def test_grading_scale_without_a_zero_threshold(campaign_dir):
    edited(campaign_dir, {("Xếp loại", "B5"): 40})
    assert lines(raw_problems(campaign_dir)) == [  # at the lowest grade's threshold
        f'{X} › Xếp loại › dòng 5 › cột "Điểm từ" › ô B5: thang xếp loại phải có một loại với '
        '"Điểm từ" là 0 (loại thấp nhất, nay là "D" từ 40 điểm).',
    ]


def test_grading_scale_with_a_repeated_label(campaign_dir):
    edited(campaign_dir, {("Xếp loại", "A5"): "C"})
    assert lines(raw_problems(campaign_dir)) == [  # the repeated label's cell, where it came first
        f'{X} › Xếp loại › dòng 5 › cột "Loại" › ô A5: loại "C" bị ghi hai lần (đã có ở dòng 4).'
    ]


# --------------------------------------------------------------------------- crashes


def test_absurdly_large_score_is_a_problem_not_a_crash(campaign_dir):
    edited(campaign_dir, {("Chấm điểm", "C14"): 1e30})
    assert [(p.sheet, p.row, p.column) for p in raw_problems(campaign_dir)] == [("Chấm điểm", 14, "Tự chấm")]


# --------------------------------------------------------------------------- all at once


def test_several_problems_in_different_sheets_are_reported_together_in_sheet_order(campaign_dir):
    (campaign_dir / "anh" / "hop-cum.jpg").unlink()
    edited(
        campaign_dir,
        {  # listed here in reverse order on purpose
            ("Người", "D3"): "thanh vien",
            ("Chấm điểm", "D14"): 12,
            ("Đơn vị", "append"): ["PL", "UBND phường Phúc Lợi mới", "Phúc Lợi mới"],
            ("Chung", "B8"): "31/02/2020",
        },
    )
    assert problems(campaign_dir) == [
        f'{X} › Chung › dòng 8 › cột "Giá trị": ngày "31/02/2020" không có thật (ghi theo thứ tự ngày/tháng/năm).',
        f'{X} › Đơn vị › dòng 7 › cột "Mã": mã "PL" bị trùng (đã có ở dòng 2).',
        f'{X} › Chấm điểm › dòng 14 › cột "Cụm chấm": điểm 12 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 7.1.',
        f'{X} › Người › dòng 3 › cột "Vai trò": vai trò "thanh vien" không hợp lệ; chọn một '
        'trong "chủ trì", "thư ký", "thành viên", "trưởng đoàn", "đoàn kiểm tra", "đại diện".',
    ]


def test_several_problems_in_one_sheet_are_in_row_order(campaign_dir):
    edited(campaign_dir, {("Chấm điểm", "C20"): "x", ("Chấm điểm", "D3"): 9})
    assert problems(campaign_dir) == [
        f'{X} › Chấm điểm › dòng 3 › cột "Cụm chấm": điểm 9 nằm ngoài khoảng 0 đến điểm tối đa 5 của tiêu chí 1.2.',
        f'{X} › Chấm điểm › dòng 20 › cột "Tự chấm": "x" không phải là số (dùng dấu phẩy cho '
        "phần thập phân, ví dụ 9,5).",
    ]


# --------------------------------------------------------------------------- inputs untouched


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_validation_never_modifies_inputs(campaign_dir):
    (campaign_dir / "anh" / "hop-cum.jpg").unlink()
    edited(campaign_dir, {("Chấm điểm", "D14"): 12, ("Chung", "B8"): "31/02/2020"})
    before = _fingerprint(campaign_dir)
    assert len(problems(campaign_dir)) == 2  # the missing photo is only a warning
    assert _fingerprint(campaign_dir) == before


# --------------------------------------------------------------------------- CSV input


def _edit_csv(path: Path, row: int, column: int, value: str) -> None:
    """Set the cell at 1-based CSV record `row`, 0-based `column`."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        grid = list(csv.reader(fh))
    grid[row - 1][column] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(grid)


def test_csv_problem_names_the_csv_file_and_row(tmp_path):
    folder = tmp_path / "cum-csv"
    write_sample_as_csv(folder)
    _edit_csv(folder / "cham-diem.csv", 14, 3, "12")
    assert problems(folder) == [
        'cham-diem.csv › Chấm điểm › dòng 14 › cột "Cụm chấm": điểm 12 nằm ngoài khoảng 0 đến '
        "điểm tối đa 5 của tiêu chí 7.1.",
    ]


def test_csv_missing_required_sheet_names_its_file(tmp_path):
    folder = tmp_path / "cum-csv"
    write_sample_as_csv(folder)
    (folder / "nguoi.csv").unlink()
    assert [(p.file, p.sheet) for p in raw_problems(folder)] == [("nguoi.csv", "Người")]
