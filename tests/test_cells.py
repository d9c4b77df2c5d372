"""Table-driven tests for pipeline.cells: cell values as staff really type them."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time, timedelta

import pytest

from pipeline.cells import as_date, as_datetime, as_lines, as_number, as_text, as_time, clean_text

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731

NOT_A_NUMBER = '"{}" không phải là số (dùng dấu phẩy cho phần thập phân, ví dụ 9,5)'
NOT_A_DATE = '"{}" không phải là ngày (ghi theo dạng ngày/tháng/năm, ví dụ 14/8/2020)'
NOT_REAL = 'ngày "{}" không có thật (ghi theo thứ tự ngày/tháng/năm)'
NOT_A_TIME = '"{}" không phải là giờ (ví dụ 14:00, 14h00 hoặc 14 giờ 00)'
NOT_A_DATETIME = '"{}" không phải là ngày giờ (ví dụ 17/8/2020 14:00)'


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    "raw, expected",
    [
        (NFD("Phúc Lợi"), "Phúc Lợi"),
        (NFD("Nguyễn Thị Thu Trang"), "Nguyễn Thị Thu Trang"),
        ("  Phúc   Lợi  ", "Phúc Lợi"),
        ("Phúc\t\tLợi", "Phúc Lợi"),
        ("Phúc\u00a0\u00a0Lợi", "Phúc Lợi"),  # non-breaking spaces pasted from the web
        ("A & B <c> \"d\" 'e'", "A & B <c> \"d\" 'e'"),
        ("Như trên;\nLưu: VT.", "Như trên;\nLưu: VT."),
        ("Như trên;\r\nLưu: VT.", "Như trên;\nLưu: VT."),
        ("Như trên;\rLưu: VT.", "Như trên;\nLưu: VT."),
        ("  Như   trên; \n   Lưu:  VT. ", "Như trên;\nLưu: VT."),
        ("   ", ""),
        ("", ""),
    ],
    ids=[
        "nfd-name",
        "nfd-person",
        "spaces",
        "tabs",
        "nbsp",
        "markup-chars",
        "lf",
        "crlf",
        "cr",
        "line-spaces",
        "only-spaces",
        "empty",
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_returns_nfc():
    result = clean_text(NFD("ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI"))
    assert unicodedata.is_normalized("NFC", result)
    assert result == unicodedata.normalize("NFC", "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LỢI")


@pytest.mark.parametrize(
    "raw, expected",
    [
        (1.0, "1"),
        (2020.0, "2020"),
        (1.5, "1.5"),
        (127, "127"),
        (date(2020, 8, 14), "14/08/2020"),
        (datetime(2020, 8, 17, 14, 0), "17/08/2020 14:00"),
        ("  PL ", "PL"),
    ],
)
def test_as_text(raw, expected):
    assert as_text(raw) == expected


def test_as_lines_one_item_per_line():
    assert as_lines("Như trên;\n\n  Phòng Nội vụ;  \nLưu: VT.") == ["Như trên;", "Phòng Nội vụ;", "Lưu: VT."]


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("9,5", 9.5),
        (" 9,5 ", 9.5),
        ("9.5", 9.5),
        ("12.75", 12.75),
        ("1000.5", 1000.5),
        ("-1,5", -1.5),
        ("10", 10.0),
        ("0", 0.0),
        (9.5, 9.5),
        (10, 10.0),
        (0, 0.0),
        ("1,250", 1.25),  # a comma is always the decimal mark
    ],
)
def test_as_number_accepts(raw, expected):
    result = as_number(raw)
    assert result == expected
    assert isinstance(result, float)


@pytest.mark.parametrize(
    "raw, shown",
    [
        # One dot followed by exactly three digits reads as a thousands separator in
        # Vietnamese: ambiguous, so it is refused rather than guessed.
        ("1.250", "1.250"),
        ("100.000", "100.000"),
        ("1.250,5", "1.250,5"),
        ("abc", "abc"),
        ("chín", "chín"),
        ("9,5,1", "9,5,1"),
        ("1e3", "1e3"),
        ("nan", "nan"),
        (date(2020, 8, 14), "14/08/2020"),
    ],
)
def test_as_number_rejects_with_vietnamese_message(raw, shown):
    with pytest.raises(ValueError) as info:
        as_number(raw)
    assert str(info.value) == NOT_A_NUMBER.format(shown)


def test_as_number_rejects_booleans():
    with pytest.raises(ValueError) as info:
        as_number(True)
    assert str(info.value) == "cần một số"


def test_as_number_message_quotes_the_text_as_typed():
    with pytest.raises(ValueError) as info:
        as_number("9,5 điểm")
    assert str(info.value) == NOT_A_NUMBER.format("9,5 điểm")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "raw, expected",
    [
        (date(2020, 8, 14), date(2020, 8, 14)),
        (datetime(2020, 8, 14, 0, 0), date(2020, 8, 14)),
        (datetime(2020, 8, 14, 14, 30), date(2020, 8, 14)),
        ("14/8/2020", date(2020, 8, 14)),
        ("14/08/2020", date(2020, 8, 14)),
        ("14-8-2020", date(2020, 8, 14)),
        ("14-08-2020", date(2020, 8, 14)),
        ("14.8.2020", date(2020, 8, 14)),
        (" 14 / 8 / 2020 ", date(2020, 8, 14)),
        ("1/2/2020", date(2020, 2, 1)),  # day first: 1 February, never 2 January
        ("12/1/2020", date(2020, 1, 12)),
        ("29/02/2020", date(2020, 2, 29)),
    ],
)
def test_as_date_accepts(raw, expected):
    result = as_date(raw)
    assert result == expected
    assert type(result) is date


@pytest.mark.parametrize(
    "raw, message",
    [
        ("8/14/2020", NOT_REAL.format("8/14/2020")),  # month first is never accepted
        ("31/02/2020", NOT_REAL.format("31/02/2020")),
        ("29/02/2021", NOT_REAL.format("29/02/2021")),
        ("0/8/2020", NOT_REAL.format("0/8/2020")),
        ("2020-08-14", NOT_A_DATE.format("2020-08-14")),
        ("14/8/20", NOT_A_DATE.format("14/8/20")),
        ("14/8", NOT_A_DATE.format("14/8")),
        ("hôm nay", NOT_A_DATE.format("hôm nay")),
        ("14/8/2020 14:00", NOT_A_DATE.format("14/8/2020 14:00")),
    ],
)
def test_as_date_rejects(raw, message):
    with pytest.raises(ValueError) as info:
        as_date(raw)
    assert str(info.value) == message


# --------------------------------------------------------------------------- times


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("14:00", time(14, 0)),
        ("14:30", time(14, 30)),
        ("7:05", time(7, 5)),
        ("14h00", time(14, 0)),
        ("14h30", time(14, 30)),
        ("14H30", time(14, 30)),
        ("14h", time(14, 0)),
        ("14 giờ 00", time(14, 0)),
        ("14 giờ 30", time(14, 30)),
        ("14 giờ 30 phút", time(14, 30)),
        ("14 giờ", time(14, 0)),
        (NFD("14 giờ 30"), time(14, 30)),
        (time(14, 0), time(14, 0)),
        (time(16, 30), time(16, 30)),
        (datetime(2020, 8, 17, 14, 0), time(14, 0)),
        (timedelta(hours=14), time(14, 0)),
        (timedelta(hours=16, minutes=30), time(16, 30)),
        (14 / 24, time(14, 0)),  # an Excel time read as a fraction of a day
    ],
)
def test_as_time_accepts(raw, expected):
    assert as_time(raw) == expected


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("25:00", "25:00"),
        ("14:60", "14:60"),
        ("14", "14"),
        ("2 giờ chiều", "2 giờ chiều"),
        ("abc", "abc"),
        (14, "14"),
    ],
)
def test_as_time_rejects(raw, shown):
    with pytest.raises(ValueError) as info:
        as_time(raw)
    assert str(info.value) == NOT_A_TIME.format(shown)


def test_as_time_rejects_a_duration_of_a_day_or_more():
    with pytest.raises(ValueError):
        as_time(timedelta(hours=25))


# --------------------------------------------------------------------------- date and time


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("17/8/2020 14:00", datetime(2020, 8, 17, 14, 0)),
        ("17/08/2020 16:30", datetime(2020, 8, 17, 16, 30)),
        ("17/8/2020 14h00", datetime(2020, 8, 17, 14, 0)),
        ("17/8/2020 14 giờ", datetime(2020, 8, 17, 14, 0)),
        ("17/8/2020 14 giờ 30", datetime(2020, 8, 17, 14, 30)),
        ("17/8/2020, 14:00", datetime(2020, 8, 17, 14, 0)),
        ("17/8/2020 lúc 14h30", datetime(2020, 8, 17, 14, 30)),
        ("14:00 17/8/2020", datetime(2020, 8, 17, 14, 0)),
        ("17-8-2020 14:00", datetime(2020, 8, 17, 14, 0)),
        ("17/8/2020", datetime(2020, 8, 17, 0, 0)),  # date only: midnight
        (date(2020, 8, 17), datetime(2020, 8, 17, 0, 0)),
        (datetime(2020, 8, 17, 14, 0), datetime(2020, 8, 17, 14, 0)),
    ],
)
def test_as_datetime_accepts(raw, expected):
    result = as_datetime(raw)
    assert result == expected
    assert type(result) is datetime


@pytest.mark.parametrize(
    "raw, message",
    [
        ("8/17/2020 14:00", NOT_REAL.format("8/17/2020 14:00")),
        ("31/02/2020 14:00", NOT_REAL.format("31/02/2020 14:00")),
        ("17/8/2020 25:00", NOT_A_TIME.format("25:00")),
        ("17/8/2020 chiều", NOT_A_TIME.format("chiều")),
        ("14:00", NOT_A_DATETIME.format("14:00")),
        ("hôm nay", NOT_A_DATETIME.format("hôm nay")),
    ],
)
def test_as_datetime_rejects(raw, message):
    with pytest.raises(ValueError) as info:
        as_datetime(raw)
    assert str(info.value) == message
