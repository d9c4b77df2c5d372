"""Cell values as staff really type them: text, numbers, dates and times.

Each parser takes a raw cell (str, int, float, bool, date, datetime, time or
timedelta, as the workbook or CSV reader returns it) and returns a typed value,
or raises ValueError with a Vietnamese message saying what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

_SPACES = re.compile(r"[ \t\u00a0]+")


def clean_text(value: str) -> str:
    """NFC, no surrounding spaces, inner runs of spaces collapsed, line breaks kept."""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return "\n".join(line for line in lines if line)


def as_text(value) -> str:
    """Any cell as text; whole floats print without '.0' (a code typed as 1 is '1')."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return clean_text(str(value))


def as_lines(value) -> list[str]:
    """A multi-line cell (Alt+Enter) as a list of items, one per line."""
    return [line for line in as_text(value).split("\n") if line]


def as_number(value) -> float:
    if isinstance(value, bool):
        raise ValueError("cần một số")
    if isinstance(value, (int, float)):
        return float(value)
    typed = as_text(value)
    text = typed.replace(" ", "")
    if re.fullmatch(r"-?\d+(,\d+)?", text):
        return float(text.replace(",", "."))
    if re.fullmatch(r"-?\d+\.\d+", text):
        # A dot decimal is unambiguous only with one dot and not three digits after it.
        if not re.fullmatch(r"-?\d{1,3}\.\d{3}", text):
            return float(text)
    raise ValueError(f'"{typed}" không phải là số (dùng dấu phẩy cho phần thập phân, ví dụ 9,5)')


def as_amount(value) -> int:
    """A sum of money in đồng: `1500000`, `1.500.000`, `1 500 000`, `1.500.000 đồng`."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and value >= 0:
            return int(value)
    else:
        typed = as_text(value)
        text = re.sub(r"\s*(đồng|đ|vnđ|vnd)\.?$", "", typed, flags=re.IGNORECASE)
        text = text.replace(" ", "")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", text):
            return int(text.replace(".", ""))
    raise ValueError(f'"{as_text(value)}" không phải là số tiền (ghi số đồng, ví dụ 500.000)')


def as_int(value) -> int:
    number = as_number(value)
    if not number.is_integer():
        raise ValueError(f"cần một số nguyên, không phải {as_text(value)}")
    return int(number)


_DATE = re.compile(r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})")
_TIME = re.compile(r"(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{1,2})?\s*(?:phút|p)?", re.IGNORECASE)


def _make_date(day: int, month: int, year: int, text: str) -> date:
    try:
        return _in_range(date(year, month, day), text)
    except ValueError as error:
        if "khoảng" in str(error):
            raise
        raise ValueError(f'ngày "{text}" không có thật (ghi theo thứ tự ngày/tháng/năm)') from None


YEAR_MIN, YEAR_MAX = 2000, 2100  # every year and date; the blank workbook's validation too


def _in_range(moment, typed):
    """A date whose year a campaign can have (`17/8/0020` would print "năm 20")."""
    if not YEAR_MIN <= moment.year <= YEAR_MAX:
        shown = typed if isinstance(typed, str) else moment.strftime("%d/%m/") + str(moment.year)
        raise ValueError(
            f'ngày "{shown}" có năm {moment.year} nằm ngoài khoảng {YEAR_MIN}–'
            f"{YEAR_MAX}: hãy ghi năm đủ bốn chữ số (ví dụ 17/8/2020)"
        )
    return moment


def as_date(value) -> date:
    if isinstance(value, datetime):
        return _in_range(value.date(), value)
    if isinstance(value, date):
        return _in_range(value, value)
    text = as_text(value)
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueError(f'"{text}" không phải là ngày (ghi theo dạng ngày/tháng/năm, ví dụ 14/8/2020)')
    day, month, year = (int(g) for g in match.groups())
    return _make_date(day, month, year, text)


def as_time(value) -> time:
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        if 0 <= minutes < 24 * 60:
            return time(minutes // 60, minutes % 60)
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return time(minutes // 60, minutes % 60)
    text = as_text(value)
    match = _TIME.fullmatch(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValueError(f'"{text}" không phải là giờ (ví dụ 14:00, 14h00 hoặc 14 giờ 00)')


def as_datetime(value) -> datetime:
    """A date with an optional time: `17/8/2020 14:00`, `17/8/2020 14 giờ`."""
    if isinstance(value, datetime):
        return _in_range(value, value)
    if isinstance(value, date):
        return _in_range(datetime(value.year, value.month, value.day), value)
    text = as_text(value)
    match = _DATE.search(text)
    if not match:
        raise ValueError(f'"{text}" không phải là ngày giờ (ví dụ 17/8/2020 14:00)')
    day, month, year = (int(g) for g in match.groups())
    moment = _make_date(day, month, year, text)
    rest = (text[: match.start()] + " " + text[match.end() :]).strip(" ,-")
    rest = re.sub(r"^(lúc|vào hồi|hồi)\s*", "", rest, flags=re.IGNORECASE)
    clock = as_time(rest) if rest else time(0, 0)
    return datetime.combine(moment, clock)


def has_time(value: datetime) -> bool:
    return (value.hour, value.minute) != (0, 0)
