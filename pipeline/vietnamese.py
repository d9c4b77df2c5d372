"""Vietnamese formatting helpers for Decree 30/2020/NĐ-CP documents.

Pure functions only: dates, times, numbers (digits and words), document
numbers/symbols, Roman numerals and list joining. No I/O, no clock reading.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache
from typing import Union

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

Number = Union[int, float, Decimal, str]

_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BLANK_SO = "      "  # six spaces left for the clerk to fill in the number
_GROUP_SYM = get_group_symbol("vi")
_DECIMAL_SYM = get_decimal_symbol("vi")


# --------------------------------------------------------------------------- dates / times


def date_long(d: date) -> str:
    """Decree 30 date: `ngày 05 tháng 01 năm 2026` (only months 1-2 padded)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def place_date(place: str, d: date) -> str:
    """Place-and-date line: `Long Biên, ngày 27 tháng 3 năm 2020`."""
    return f"{place}, {date_long(d)}"


def date_short(d: date) -> str:
    """Prose/citation date without padding: `17/8/2020`."""
    return f"{d.day}/{d.month}/{d.year}"


def date_padded(d: date) -> str:
    """Portal-style date, day and month padded: `18/08/2020`."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def time_long(t: time) -> str:
    """`14 giờ 00 phút`, `8 giờ 05 phút`."""
    return f"{t.hour} giờ {t.minute:02d} phút"


def time_short(t: time) -> str:
    """`14h00`, `8h05`."""
    return f"{t.hour}h{t.minute:02d}"


def time_colon(t: time) -> str:
    """`16:17`, `08:05`."""
    return f"{t.hour:02d}:{t.minute:02d}"


def weekday(d: date) -> str:
    """`thứ Hai` … `thứ Bảy`, `Chủ nhật`."""
    return _WEEKDAYS[d.weekday()]


def part_of_day(t: time) -> str:
    """`sáng` (<11h), `trưa` (11-12h), `chiều` (13-17h), `tối` (>=18h)."""
    if t.hour < 11:
        return "sáng"
    if t.hour < 13:
        return "trưa"
    if t.hour < 18:
        return "chiều"
    return "tối"


# --------------------------------------------------------------------------- numbers


def _to_decimal(x: Number) -> Decimal:
    """Convert int/float/Decimal/str to a finite Decimal (floats via str())."""
    if isinstance(x, bool):
        raise TypeError("bool is not a number here")
    try:
        if isinstance(x, Decimal):
            d = x
        elif isinstance(x, int):
            d = Decimal(x)
        elif isinstance(x, (float, str)):
            d = Decimal(str(x).strip())
        else:
            raise TypeError(f"unsupported number type: {type(x).__name__}")
    except InvalidOperation:
        raise ValueError(f"not a number: {x!r}") from None
    if not d.is_finite():
        raise ValueError(f"not a finite number: {x!r}")
    return d


def round_half_up(x: Number, places: int) -> Decimal:
    """Round HALF UP (away from zero on ties) to `places` decimals."""
    d = _to_decimal(x)
    with localcontext() as ctx:
        ctx.prec = max(50, d.adjusted() + places + 5)
        return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _format(d: Decimal, fraction: str) -> str:
    """Format a pre-rounded Decimal with Babel vi, forcing `.` group / `,` decimal."""
    if d == 0:
        d = abs(d)  # avoid "-0"
    with localcontext() as ctx:  # Babel quantizes in the current context: room for any size
        ctx.prec = max(50, d.adjusted() + len(fraction) + 5)
        s = format_decimal(d, format="#,##0" + (f".{fraction}" if fraction else ""), locale="vi")
    if (_GROUP_SYM, _DECIMAL_SYM) != (".", ","):
        s = s.replace(_DECIMAL_SYM, "\0").replace(_GROUP_SYM, ".").replace("\0", ",")
    return s


@lru_cache(maxsize=8192)  # scores repeat: 5, 9,5, 10 … formatting is the costly part
def number(x: Number, places: int = 2) -> str:
    """`93,5`, `1.250.000`, `2,68`: half-up to at most `places` decimals."""
    return _format(round_half_up(x, places), "#" * places)


def number_fixed(x: Number, places: int) -> str:
    """Like number() but keeps exactly `places` decimals: `93,50`."""
    return _format(round_half_up(x, places), "0" * places)


def _group_words(g: int, full: bool) -> list[str]:
    """Words for 1..999; `full` reads hundreds and `linh` even when leading zeros."""
    h, t, u = g // 100, g // 10 % 10, g % 10
    words: list[str] = []
    if h or full:
        words += [_DIGITS[h], "trăm"]
    if t == 0:
        if u:
            words += (["linh"] if words else []) + [_DIGITS[u]]
    elif t == 1:
        words.append("mười")
        if u:
            words.append("lăm" if u == 5 else _DIGITS[u])
    else:
        words += [_DIGITS[t], "mươi"]
        if u:
            words.append({1: "mốt", 5: "lăm"}.get(u, _DIGITS[u]))
    return words


def _int_words(n: int, full: bool = False) -> list[str]:
    """Words for a non-negative int; groups after a higher one are read in full."""
    if n >= 10**9:
        q, r = divmod(n, 10**9)
        words = _int_words(q, full) + ["tỷ"]
        return words + (_int_words(r, True) if r else [])
    words: list[str] = []
    for scale, name in ((10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        g = n // scale % 1000
        if g:
            words += _group_words(g, full) + ([name] if name else [])
            full = True
    return words or ["không"]


def number_words(x: Number) -> str:
    """Vietnamese words, lower case: 21 `hai mươi mốt`, 9.05 `chín phẩy không năm`."""
    d = _to_decimal(x)
    sign = ["âm"] if d < 0 and d != 0 else []
    int_part, _, frac = format(abs(d), "f").partition(".")
    words = sign + _int_words(int(int_part))
    frac = frac.rstrip("0")
    if frac:
        digits = frac.lstrip("0")
        words += ["phẩy"] + ["không"] * (len(frac) - len(digits)) + _int_words(int(digits))
    return " ".join(words)


def capitalize_first(s: str) -> str:
    """Upper-case only the first character (`đ` -> `Đ`)."""
    return s[:1].upper() + s[1:]


def number_with_words(x: Number, places: int = 2) -> str:
    """`95 (Chín mươi lăm)`, `93,5 (Chín mươi ba phẩy năm)`."""
    r = round_half_up(x, places)
    return f"{number(r, places)} ({capitalize_first(number_words(r))})"


def two_digits(n: int) -> str:
    """`03` for 0 <= n < 10, otherwise str(n)."""
    return f"{n:02d}" if 0 <= n < 10 else str(n)


def ratio(n: int, total: int) -> str:
    """`5/5`."""
    return f"{n}/{total}"


# --------------------------------------------------------------------------- document symbols


def ky_hieu(loai: str | None, viet_tat: str) -> str:
    """Document symbol: `BB-UBND`, or just `UBND-VP` when there is no type."""
    return f"{loai}-{viet_tat}" if loai else viet_tat


def so_ky_hieu(so: int | str | None, loai: str | None, viet_tat: str) -> str:
    """Decree 30 `Số:` line: `Số: 05/BB-UBND`; blank number -> `Số:      /BB-UBND`."""
    if isinstance(so, str):
        so = so.strip()
        if so.isascii() and so.isdigit():
            so = int(so)
    if so is None or so == "":
        return f"Số:{_BLANK_SO}/{ky_hieu(loai, viet_tat)}"
    text = two_digits(so) if isinstance(so, int) else so
    return f"Số: {text}/{ky_hieu(loai, viet_tat)}"


# --------------------------------------------------------------------------- misc

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    """Roman numeral for headings: 14 -> `XIV` (1..3999)."""
    if not 1 <= n <= 3999:
        raise ValueError(f"roman() needs 1..3999, got {n}")
    out = []
    for value, sym in _ROMAN:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def join_vi(items: list[str]) -> str:
    """`A`; `A và B`; `A, B và C`."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def without_marks(text: str) -> str:
    """`Đức Giang` -> `Duc Giang`: tone and vowel marks dropped, đ as d (names in ASCII)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def slug(text: str) -> str:
    """`Chủ tịch UBND phường Đức Giang` -> `chu-tich-ubnd-phuong-duc-giang`."""
    return re.sub(r"[^a-z0-9]+", "-", without_marks(text).lower()).strip("-")
