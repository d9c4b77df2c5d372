"""Issue 19: an error that follows from another is one line naming its cause's cell.

A wrong or blank code in `Chấm điểm` leaves its unit without a score: staff read one
line, at the wrong cell (with its address), saying which scores the unit then lacks; not
a second line about the unit without a row.
"""

from __future__ import annotations

import pytest

from pipeline import messages
from pipeline.errors import ValidationError
from pipeline.load import load_campaign
from pipeline.validate import validate

from .conftest import edit_workbook

AT = "du-lieu.xlsx › Chấm điểm"


def lines(campaign_dir, edits: dict) -> list[str]:
    edit_workbook(campaign_dir / "du-lieu.xlsx", edits)
    with pytest.raises(ValidationError) as caught:
        validate(load_campaign(campaign_dir))
    return messages.lines(caught.value.problems)


def test_a_unit_code_mistyped_on_every_row_is_one_line_with_its_cells(campaign_dir):
    rows = list(range(2, 16))  # the sample's rows of unit PL: 14 criteria
    found = lines(campaign_dir, {("Chấm điểm", f"A{r}"): "PLL" for r in rows})
    assert len(found) == 1
    line = found[0]
    assert line.startswith(
        f'{AT} › dòng 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13… (14 ô) › cột "Mã đơn vị" › ô A2, A3, A4,'
    )
    assert line.endswith(
        'không có đơn vị mã "PLL" trong trang "Đơn vị"; vì thế đơn vị PL chưa '
        "có điểm các tiêu chí: 1.1, 1.2, 2.1, 2.2, 3.1, 3.2, 4.1, 4.2, 5.1, "
        "5.2, 6.1, 6.2, 7.1, 7.2."
    )


def test_a_criterion_code_mistyped_names_the_score_it_leaves_missing(campaign_dir):
    assert lines(campaign_dir, {("Chấm điểm", "B14"): "7.9"}) == [
        f'{AT} › dòng 14 › cột "Mã tiêu chí" › ô B14: không có tiêu chí mã "7.9" trong trang '
        '"Tiêu chí"; vì thế đơn vị PL chưa có điểm các tiêu chí: 7.1.'
    ]


def test_a_group_code_in_place_of_a_criterion_names_the_score_it_leaves_missing(campaign_dir):
    assert lines(campaign_dir, {("Chấm điểm", "B14"): "7"}) == [
        f'{AT} › dòng 14 › cột "Mã tiêu chí" › ô B14: "7" là nhóm tiêu chí; chỉ chấm điểm cho '
        "tiêu chí con; vì thế đơn vị PL chưa có điểm các tiêu chí: 7.1."
    ]


def test_a_blank_criterion_code_names_the_score_it_leaves_missing(campaign_dir):
    assert lines(campaign_dir, {("Chấm điểm", "B14"): None}) == [
        f'{AT} › dòng 14 › cột "Mã tiêu chí" › ô B14: ô bị bỏ trống; cột này bắt buộc; vì thế '
        "đơn vị PL chưa có điểm các tiêu chí: 7.1."
    ]


def test_a_blank_unit_code_names_the_unit_left_without_the_score(campaign_dir):
    assert lines(campaign_dir, {("Chấm điểm", "A14"): None}) == [
        f'{AT} › dòng 14 › cột "Mã đơn vị" › ô A14: ô bị bỏ trống; cột này bắt buộc; vì thế '
        "đơn vị PL chưa có điểm các tiêu chí: 7.1."
    ]
