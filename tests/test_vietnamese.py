"""Table-driven tests for pipeline.vietnamese."""

from datetime import date, time
from decimal import Decimal

import pytest

from pipeline import vietnamese as vn


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "d, expected",
    [
        (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (date(2020, 8, 17), "ngày 17 tháng 8 năm 2020"),
        (date(2020, 3, 27), "ngày 27 tháng 3 năm 2020"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (date(2020, 12, 31), "ngày 31 tháng 12 năm 2020"),
        (date(2021, 10, 10), "ngày 10 tháng 10 năm 2021"),
    ],
)
def test_date_long_examples(d, expected):
    assert vn.date_long(d) == expected


@pytest.mark.parametrize("day", range(1, 32))
def test_date_long_day_padding(day):
    expected_day = f"0{day}" if day < 10 else str(day)
    assert vn.date_long(date(2025, 1, day)) == f"ngày {expected_day} tháng 01 năm 2025"


@pytest.mark.parametrize(
    "month, expected",
    [
        (1, "01"),
        (2, "02"),
        (3, "3"),
        (4, "4"),
        (5, "5"),
        (6, "6"),
        (7, "7"),
        (8, "8"),
        (9, "9"),
        (10, "10"),
        (11, "11"),
        (12, "12"),
    ],
)
def test_date_long_month_padding(month, expected):
    assert vn.date_long(date(2025, month, 15)) == f"ngày 15 tháng {expected} năm 2025"


@pytest.mark.parametrize(
    "place, d, expected",
    [
        ("Long Biên", date(2020, 3, 27), "Long Biên, ngày 27 tháng 3 năm 2020"),
        ("Hà Nội", date(2026, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2026"),
    ],
)
def test_place_date(place, d, expected):
    assert vn.place_date(place, d) == expected


@pytest.mark.parametrize(
    "d, short, padded",
    [
        (date(2020, 8, 17), "17/8/2020", "17/08/2020"),
        (date(2026, 1, 5), "5/1/2026", "05/01/2026"),
        (date(2020, 8, 18), "18/8/2020", "18/08/2020"),
        (date(2020, 12, 31), "31/12/2020", "31/12/2020"),
    ],
)
def test_date_short_and_padded(d, short, padded):
    assert vn.date_short(d) == short
    assert vn.date_padded(d) == padded


# --------------------------------------------------------------------------- times


@pytest.mark.parametrize(
    "t, long_, short, colon",
    [
        (time(14, 0), "14 giờ 00 phút", "14h00", "14:00"),
        (time(8, 5), "8 giờ 05 phút", "8h05", "08:05"),
        (time(16, 17), "16 giờ 17 phút", "16h17", "16:17"),
        (time(0, 0), "0 giờ 00 phút", "0h00", "00:00"),
        (time(23, 59), "23 giờ 59 phút", "23h59", "23:59"),
    ],
)
def test_time_forms(t, long_, short, colon):
    assert vn.time_long(t) == long_
    assert vn.time_short(t) == short
    assert vn.time_colon(t) == colon


@pytest.mark.parametrize(
    "d, expected",
    [
        (date(2025, 11, 24), "thứ Hai"),
        (date(2025, 11, 25), "thứ Ba"),
        (date(2025, 11, 26), "thứ Tư"),
        (date(2025, 11, 27), "thứ Năm"),
        (date(2025, 11, 28), "thứ Sáu"),
        (date(2025, 11, 29), "thứ Bảy"),
        (date(2025, 11, 30), "Chủ nhật"),
    ],
)
def test_weekday(d, expected):
    assert vn.weekday(d) == expected


@pytest.mark.parametrize(
    "t, expected",
    [
        (time(0, 0), "sáng"),
        (time(7, 30), "sáng"),
        (time(10, 59), "sáng"),
        (time(11, 0), "trưa"),
        (time(12, 59), "trưa"),
        (time(13, 0), "chiều"),
        (time(17, 59), "chiều"),
        (time(18, 0), "tối"),
        (time(23, 59), "tối"),
    ],
)
def test_part_of_day(t, expected):
    assert vn.part_of_day(t) == expected


# --------------------------------------------------------------------------- rounding / digits


@pytest.mark.parametrize(
    "x, places, expected",
    [
        (2.675, 2, Decimal("2.68")),
        (0.125, 2, Decimal("0.13")),
        (0.5, 0, Decimal("1")),
        (2.5, 0, Decimal("3")),
        (-2.5, 0, Decimal("-3")),
        ("1.005", 2, Decimal("1.01")),
        (Decimal("93.45"), 1, Decimal("93.5")),
        (7, 2, Decimal("7.00")),
    ],
)
def test_round_half_up(x, places, expected):
    result = vn.round_half_up(x, places)
    assert result == expected
    assert str(result) == str(expected)


@pytest.mark.parametrize(
    "x, places, expected",
    [
        (93.5, 2, "93,5"),
        (95.0, 2, "95"),
        (95, 2, "95"),
        (1250000, 2, "1.250.000"),
        (2.675, 2, "2,68"),
        (0.125, 2, "0,13"),
        (-3.5, 2, "-3,5"),
        (0.5, 0, "1"),  # Babel alone would give "0" (half-even)
        (2.5, 0, "3"),  # Babel alone would give "2" (half-even)
        (1.5, 0, "2"),
        (0, 2, "0"),
        (-0.001, 2, "0"),  # no "-0"
        (1234.5678, 2, "1.234,57"),
        (1234.5678, 3, "1.234,568"),
        ("93.50", 2, "93,5"),
        (Decimal("1E+3"), 2, "1.000"),
        (123456789012345.67, 2, "123.456.789.012.345,67"),
    ],
)
def test_number(x, places, expected):
    assert vn.number(x, places) == expected


def test_number_default_places():
    assert vn.number(1.005) == "1,01"
    assert vn.number(8.333333) == "8,33"


@pytest.mark.parametrize(
    "x, places, expected",
    [
        (93.5, 2, "93,50"),
        (95, 2, "95,00"),
        (2.675, 2, "2,68"),
        (1250000, 1, "1.250.000,0"),
        (2.5, 0, "3"),
        (-3.5, 2, "-3,50"),
        (-0.001, 2, "0,00"),
    ],
)
def test_number_fixed(x, places, expected):
    assert vn.number_fixed(x, places) == expected


# --------------------------------------------------------------------------- number words


@pytest.mark.parametrize(
    "x, expected",
    [
        (0, "không"),
        (1, "một"),
        (2, "hai"),
        (3, "ba"),
        (4, "bốn"),
        (5, "năm"),
        (6, "sáu"),
        (7, "bảy"),
        (8, "tám"),
        (9, "chín"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi bốn"),
        (25, "hai mươi lăm"),
        (31, "ba mươi mốt"),
        (55, "năm mươi lăm"),
        (95, "chín mươi lăm"),
        (99, "chín mươi chín"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (999, "chín trăm chín mươi chín"),
        (1000, "một nghìn"),
        (1001, "một nghìn không trăm linh một"),
        (1005, "một nghìn không trăm linh năm"),
        (1010, "một nghìn không trăm mười"),
        (1100, "một nghìn một trăm"),
        (2021, "hai nghìn không trăm hai mươi mốt"),
        (10000, "mười nghìn"),
        (15000, "mười lăm nghìn"),
        (21000, "hai mươi mốt nghìn"),
        (100000, "một trăm nghìn"),
        (105000, "một trăm linh năm nghìn"),
        (1000000, "một triệu"),
        (1000005, "một triệu không trăm linh năm"),
        (1005000, "một triệu không trăm linh năm nghìn"),
        (1250000, "một triệu hai trăm năm mươi nghìn"),
        (10**9, "một tỷ"),
        (10**9 + 5, "một tỷ không trăm linh năm"),
        (2 * 10**9 + 5 * 10**6, "hai tỷ không trăm linh năm triệu"),
        (10**12, "một nghìn tỷ"),
        (10**15, "một triệu tỷ"),
        (10**12 + 10**9, "một nghìn không trăm linh một tỷ"),
        (
            1234567891234567,
            "một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy tỷ "
            "tám trăm chín mươi mốt triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy",
        ),
    ],
)
def test_number_words_integers(x, expected):
    assert vn.number_words(x) == expected


@pytest.mark.parametrize(
    "x, expected",
    [
        (9.05, "chín phẩy không năm"),
        (9.5, "chín phẩy năm"),
        ("9.50", "chín phẩy năm"),
        (Decimal("9.50"), "chín phẩy năm"),
        (93.25, "chín mươi ba phẩy hai mươi lăm"),
        (93.5, "chín mươi ba phẩy năm"),
        (0.5, "không phẩy năm"),
        (0.005, "không phẩy không không năm"),
        (2.675, "hai phẩy sáu trăm bảy mươi lăm"),
        (95.0, "chín mươi lăm"),
        ("1250000", "một triệu hai trăm năm mươi nghìn"),
        (Decimal("1E+3"), "một nghìn"),
    ],
)
def test_number_words_decimals(x, expected):
    assert vn.number_words(x) == expected


@pytest.mark.parametrize(
    "x, expected",
    [
        (-5, "âm năm"),
        (-3.5, "âm ba phẩy năm"),
        (-21, "âm hai mươi mốt"),
        (-0.0, "không"),
        (Decimal("-0.00"), "không"),
    ],
)
def test_number_words_negative(x, expected):
    assert vn.number_words(x) == expected


@pytest.mark.parametrize("bad", ["abc", "", float("nan"), float("inf")])
def test_number_words_rejects_non_numbers(bad):
    with pytest.raises(ValueError):
        vn.number_words(bad)


@pytest.mark.parametrize(
    "x, expected",
    [
        (95, "95 (Chín mươi lăm)"),
        (93.5, "93,5 (Chín mươi ba phẩy năm)"),
        (1250000, "1.250.000 (Một triệu hai trăm năm mươi nghìn)"),
        (2.675, "2,68 (Hai phẩy sáu mươi tám)"),
        (-3.5, "-3,5 (Âm ba phẩy năm)"),
        (0, "0 (Không)"),
    ],
)
def test_number_with_words(x, expected):
    assert vn.number_with_words(x) == expected


@pytest.mark.parametrize(
    "s, expected",
    [
        ("đội", "Đội"),
        ("ủy ban nhân dân", "Ủy ban nhân dân"),
        ("chín mươi lăm", "Chín mươi lăm"),
        ("Already", "Already"),
        ("aBC", "ABC"),
        ("", ""),
    ],
)
def test_capitalize_first(s, expected):
    assert vn.capitalize_first(s) == expected


@pytest.mark.parametrize(
    "n, expected",
    [
        (0, "00"),
        (3, "03"),
        (9, "09"),
        (10, "10"),
        (127, "127"),
    ],
)
def test_two_digits(n, expected):
    assert vn.two_digits(n) == expected


@pytest.mark.parametrize("n, total, expected", [(5, 5, "5/5"), (3, 12, "3/12")])
def test_ratio(n, total, expected):
    assert vn.ratio(n, total) == expected


# --------------------------------------------------------------------------- document symbols


@pytest.mark.parametrize(
    "loai, viet_tat, expected",
    [
        ("BB", "UBND", "BB-UBND"),
        ("KH", "UBND", "KH-UBND"),
        (None, "UBND-VP", "UBND-VP"),
        ("", "UBND-VP", "UBND-VP"),
    ],
)
def test_ky_hieu(loai, viet_tat, expected):
    assert vn.ky_hieu(loai, viet_tat) == expected


def test_ky_hieu_in_citation():
    assert f"Kế hoạch số 127/{vn.ky_hieu('KH', 'UBND')}" == "Kế hoạch số 127/KH-UBND"


@pytest.mark.parametrize(
    "so, loai, viet_tat, expected",
    [
        (5, "BB", "UBND", "Số: 05/BB-UBND"),
        (127, "KH", "UBND", "Số: 127/KH-UBND"),
        (10, "QĐ", "UBND", "Số: 10/QĐ-UBND"),
        (12, None, "UBND-VP", "Số: 12/UBND-VP"),
        (None, "BB", "UBND", "Số:      /BB-UBND"),
        ("", "BB", "UBND", "Số:      /BB-UBND"),
        ("   ", "BB", "UBND", "Số:      /BB-UBND"),
        (None, None, "UBND-VP", "Số:      /UBND-VP"),
        ("5", "BB", "UBND", "Số: 05/BB-UBND"),
        ("05", "BB", "UBND", "Số: 05/BB-UBND"),
        ("127", "KH", "UBND", "Số: 127/KH-UBND"),
        ("45a", "TB", "UBND", "Số: 45a/TB-UBND"),
    ],
)
def test_so_ky_hieu(so, loai, viet_tat, expected):
    assert vn.so_ky_hieu(so, loai, viet_tat) == expected


def test_so_ky_hieu_blank_has_six_spaces():
    line = vn.so_ky_hieu(None, "BB", "UBND")
    assert line[len("Số:") : line.index("/")] == " " * 6


# --------------------------------------------------------------------------- misc


@pytest.mark.parametrize(
    "n, expected",
    [
        (1, "I"),
        (2, "II"),
        (3, "III"),
        (4, "IV"),
        (5, "V"),
        (6, "VI"),
        (9, "IX"),
        (10, "X"),
        (14, "XIV"),
        (19, "XIX"),
        (40, "XL"),
        (2026, "MMXXVI"),
    ],
)
def test_roman(n, expected):
    assert vn.roman(n) == expected


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_roman_out_of_range(n):
    with pytest.raises(ValueError):
        vn.roman(n)


@pytest.mark.parametrize(
    "items, expected",
    [
        ([], ""),
        (["A"], "A"),
        (["A", "B"], "A và B"),
        (["A", "B", "C"], "A, B và C"),
        (["UBND phường", "Công an phường", "MTTQ", "Đoàn TN"], "UBND phường, Công an phường, MTTQ và Đoàn TN"),
    ],
)
def test_join_vi(items, expected):
    assert vn.join_vi(items) == expected
