"""Rules of the header (ô 1–4): Quốc hiệu, Tiêu ngữ, the bodies, `Số:` and the date."""

from __future__ import annotations

import re
from datetime import date

from .rulekit import (
    CENTER,
    Look,
    check_rule_under,
    cm,
    collapse,
    finding,
    first_line_room,
    has_diacritics,
    is_upper,
    line_twips,
    modern,
)
from .locate import QUOC_HIEU, TIEU_NGU, TYPE_NAMES, Layout
from .wordfile import Doc

QUOC_HIEU_LOOK = Look(sizes=(12, 13), bold=True, italic=False, align=CENTER)
TIEU_NGU_LOOK = Look(sizes=(13, 14), bold=True, italic=False, align=CENTER)
ISSUER_LOOK = Look(sizes=(12, 13), bold=True, italic=False, align=CENTER)
MANAGING_LOOK = Look(sizes=(12, 13), bold=False, align=CENTER, upper=True)
SO_LOOK = Look(sizes=(13, 13), italic=False, align=CENTER)
DATE_LOOK = Look(sizes=(13, 14), italic=True, align=CENTER)

# `So:`, `ngay … thang … nam` typed without diacritics are reported once, as such
# (rules_extra.check_diacritics), not again as a wrong form.
SO_FORM = re.compile(r"^S[ốo]:\s*(\d*)\s*/\s*(?:((?:19|20)\d\d)\s*/\s*)?(\S+)$")
DATE_FORM = re.compile(r"^[^,]+, ng[àa]y (\S*?) ?th[áa]ng (\S*?) ?n[ăa]m (\d{4}|[.…]*)$")
DATE_IN_TEXT = re.compile(r"\bngày\s+(\d{1,3})\s+tháng\s+(\d{1,3})\s+năm\s+(\d{4})\b", re.IGNORECASE)
_BLANK = re.compile(r"^[\s.…]*$")  # a day or month left blank for the clerk


def check_quoc_hieu(doc: Doc, lay: Layout):
    qh = lay.quoc_hieu
    if qh is None:
        yield finding("quoc-hieu-thieu", "đầu văn bản", f'Thiếu Quốc hiệu "{QUOC_HIEU}" ở góc trên bên phải trang đầu.')
        return
    if modern(qh.text) != QUOC_HIEU and has_diacritics(qh.text):  # CỘNG HOÀ is CỘNG HÒA
        yield finding("quoc-hieu-chu", qh, f'Quốc hiệu phải viết đúng, in hoa: "{QUOC_HIEU}".')
    yield QUOC_HIEU_LOOK.check("quoc-hieu-dinh-dang", qh, "Quốc hiệu")
    width, room = line_twips(qh), first_line_room(qh)
    if width > room + 1 and qh.column is None:  # a tab-laid header: only the page shows it
        yield finding(
            "quoc-hieu-mot-dong",
            qh,
            f"Quốc hiệu phải nằm trên một dòng: chữ rộng khoảng {cm(width)} nhưng chỗ "
            f"trình bày chỉ rộng {cm(room)} (nới rộng ô hoặc giảm cỡ chữ về 12).",
        )


def check_tieu_ngu(doc: Doc, lay: Layout):
    tn = lay.tieu_ngu
    if tn is None:
        yield finding(
            "tieu-ngu-thieu", lay.quoc_hieu or "đầu văn bản", f'Thiếu Tiêu ngữ "{TIEU_NGU}" ngay dưới Quốc hiệu.'
        )
        return
    if modern(tn.text) != TIEU_NGU and has_diacritics(tn.text):
        yield finding(
            "tieu-ngu-chu",
            tn,
            f'Tiêu ngữ phải viết đúng "{TIEU_NGU}" (chữ đầu các cụm từ viết hoa, '
            "giữa các cụm từ là gạch nối có cách chữ).",
        )
    yield TIEU_NGU_LOOK.check("tieu-ngu-dinh-dang", tn, "Tiêu ngữ")
    yield check_rule_under("tieu-ngu-gach-duoi", [tn], "Tiêu ngữ", short=False)


def check_issuer(doc: Doc, lay: Layout):
    if not lay.issuer:
        if lay.official:
            yield finding(
                "co-quan-ban-hanh-thieu",
                lay.so or lay.quoc_hieu,
                "Thiếu tên cơ quan, tổ chức ban hành văn bản ở góc trên bên trái, trên dòng số, ký hiệu.",
            )
        return
    for ln in lay.issuer:
        if not is_upper(ln.text):
            yield finding("co-quan-ban-hanh-chu-hoa", ln, "Tên cơ quan, tổ chức ban hành văn bản phải viết in hoa.")
        yield ISSUER_LOOK.check("co-quan-ban-hanh-dinh-dang", ln, "Tên cơ quan, tổ chức ban hành")
    yield check_rule_under("co-quan-ban-hanh-gach-duoi", lay.issuer, "tên cơ quan ban hành", short=True)


def check_managing(doc: Doc, lay: Layout):
    for ln in lay.managing:
        yield MANAGING_LOOK.check("co-quan-chu-quan-dinh-dang", ln, "Tên cơ quan chủ quản")


def check_so(doc: Doc, lay: Layout):
    so = lay.so
    if so is None and lay.attached is not None:
        return  # a text issued with a decision: the decision bears the number
    if so is None:
        yield finding(
            "so-ky-hieu-thieu",
            lay.issuer[-1] if lay.issuer else "đầu văn bản",
            'Thiếu dòng số, ký hiệu ("Số: 127/KH-UBND") dưới tên cơ quan ban hành.',
        )
        return
    yield SO_LOOK.check("so-ky-hieu-dinh-dang", so, "Số, ký hiệu")
    m = SO_FORM.match(collapse(so.text))
    if m is None:
        yield finding(
            "so-ky-hieu-dang",
            so,
            'Số, ký hiệu phải có dạng "Số: 127/KH-UBND" (số, dấu /, chữ viết tắt tên '
            "loại văn bản - chữ viết tắt tên cơ quan ban hành).",
        )
        return
    number, year, symbol = m.groups()
    if year:  # checked as an administrative document (--kind): its number carries no year
        yield finding(
            "so-ky-hieu-nam",
            so,
            f'Số, ký hiệu của văn bản hành chính không ghi năm ban hành: "Số: {number}/{symbol}" '
            f'(dạng "{number}/{year}/{symbol}" là của văn bản quy phạm pháp luật).',
        )
    if number and int(number) < 10 and len(number) < 2:
        yield finding(
            "so-ky-hieu-so-0", so, f'Số văn bản nhỏ hơn 10 phải có số 0 phía trước: "Số: 0{number}/{symbol}".'
        )
    parts = symbol.split("-")
    if lay.is_cong_van:
        return
    expected = lay.type_abbr
    if expected is None:  # no type name found: at least the abbreviation must exist
        if parts[0] not in TYPE_NAMES:
            yield finding("so-ky-hieu-loai", so, _unknown_type(parts[0]))
        elif len(parts) < 2:
            yield finding("so-ky-hieu-dang", so, _missing_issuer(parts[0]))
        return
    if parts[0] != expected:
        if parts[0].casefold() == expected.casefold():
            message = f'Chữ viết tắt tên loại phải viết đúng "{expected}" (phân biệt chữ hoa, chữ thường).'
        elif parts[0] in TYPE_NAMES:
            message = (
                f'Ký hiệu "{parts[0]}" ({TYPE_NAMES[parts[0]].lower()}) không khớp tên loại '
                f'{lay.type_name}: phải là "{expected}".'
            )
        else:
            message = _unknown_type(parts[0]) + f' Với {lay.type_name.lower()} là "{expected}".'
        yield finding("so-ky-hieu-loai", so, message)
    elif len(parts) < 2 or not all(parts[1:]):
        yield finding("so-ky-hieu-dang", so, _missing_issuer(expected))


def _unknown_type(abbr: str) -> str:
    return (
        f'"{abbr}" không phải chữ viết tắt tên loại văn bản theo Phụ lục III Nghị định '
        "30/2020/NĐ-CP (KH, BB, TTr, BC, TB, QĐ…)."
    )


def _missing_issuer(abbr: str) -> str:
    return f'Ký hiệu thiếu chữ viết tắt tên cơ quan ban hành: phải có dạng "{abbr}-UBND" (tên loại - cơ quan).'


def check_date_line(doc: Doc, lay: Layout):
    line = lay.date
    if line is None:
        if not lay.is_bien_ban and lay.official and lay.attached is None:
            yield finding(
                "ngay-thang-thieu",
                lay.tieu_ngu or lay.quoc_hieu or lay.so,
                'Thiếu địa danh và thời gian ban hành ("Long Biên, ngày 27 tháng 3 năm 2020") dưới Tiêu ngữ.',
            )
        return
    yield DATE_LOOK.check("ngay-thang-dinh-dang", line, "Địa danh và thời gian ban hành")
    m = DATE_FORM.match(collapse(line.text))
    if m is None:
        yield finding(
            "ngay-thang-dang",
            line,
            'Địa danh và thời gian ban hành phải có dạng "Long Biên, ngày 27 tháng 3 năm 2020".',
        )
        return
    day, month, year = m.groups()
    if _BLANK.match(day) or _BLANK.match(month) or _BLANK.match(year):
        return  # left blank for the clerk to fill in when signing
    if not (day.isdigit() and month.isdigit()):
        yield finding("ngay-thang-dang", line, 'Ngày và tháng phải viết bằng chữ số Ả Rập: "ngày 27 tháng 3 năm 2020".')
        return
    yield from _check_date(line, day, month, year)


def _check_date(line, day: str, month: str, year: str):
    text = f"ngày {day} tháng {month} năm {year}"
    d, m, y = int(day), int(month), int(year)
    try:
        date(y, m, d)
    except ValueError:
        yield finding("ngay-thang-khong-hop-le", line, f'Ngày "{text}" không có thật.')
        return
    wrong = []
    if d < 10 and len(day) != 2:
        wrong.append(f"ngày dưới 10 phải có số 0 phía trước (ngày {d:02d})")
    elif len(day) > 2 or (d >= 10 and day.startswith("0")):
        wrong.append(f"viết ngày {d}")
    if m <= 2 and len(month) != 2:
        wrong.append(f"tháng 1 và tháng 2 phải có số 0 phía trước (tháng {m:02d})")
    elif m > 2 and month != str(m):
        wrong.append(f'chỉ tháng 1 và 2 có số 0 phía trước: viết "tháng {m}", không viết "tháng {month}"')
    if wrong:
        yield finding("ngay-thang-so-0", line, f'Ngày "{text}": {"; ".join(wrong)}.')


def check_dates_in_text(doc: Doc, lay: Layout):
    """Every `ngày … tháng … năm …` outside the date line: padding and real dates."""
    for para in doc.paras:
        for line in para.lines:
            if line is lay.date:
                continue
            for m in DATE_IN_TEXT.finditer(line.text):
                yield from _check_date(line, *m.groups())
