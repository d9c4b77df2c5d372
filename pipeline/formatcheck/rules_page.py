"""Rules of the page: paper, margins, font and colour of every run, page numbers."""

from __future__ import annotations

import re

from .rulekit import TNR, align_name, finding, mm, num, para_height
from .locate import Layout
from .wordfile import Doc, quote

A4 = (11906, 16838)
A4_TOLERANCE = 5
MARGINS = {  # side: (lowest, highest) twips, and its Vietnamese name
    "top": (1134, 1418, "trên"),
    "bottom": (1134, 1418, "dưới"),
    "left": (1701, 1985, "trái"),
    "right": (850, 1134, "phải"),
}
PAGE_FIELD = re.compile(r"^\s*PAGE\b", re.IGNORECASE)


def _section_place(doc: Doc, section, what: str) -> str:
    return what if len(doc.sections) == 1 else f"{what} (phần {section.number})"


def _is_a4(width: int, height: int) -> bool:
    return abs(width - A4[0]) <= A4_TOLERANCE and abs(height - A4[1]) <= A4_TOLERANCE


def _landscape_table_section(section) -> bool:
    """A later section on A4 turned sideways, as the decree allows for tables."""
    return section.number > 1 and _is_a4(section.height, section.width)


def _body_table_in(doc: Doc, lay: Layout, section) -> bool:
    """A table of content among the body paragraphs of `section` (not the header or signature
    table): Phụ lục I, I.2 lets such a text be laid across the A4 sheet."""
    if not lay.body:
        return False
    first, last = lay.body[0].order, lay.body[-1].order
    for table in doc.tables:
        if not table.top_level or table is lay.header_table or table is lay.signature_table:
            continue
        paras = [p for cell in table.cells() for p in cell.paras]
        if paras and first < paras[0].order < last and paras[0].section + 1 == section.number:
            return True
    return False


def _across_with_table(doc: Doc, lay: Layout, section) -> bool:
    """A4 laid across: a later section (a table), or the text itself when its body holds a table."""
    return _is_a4(section.height, section.width) and (section.number > 1 or _body_table_in(doc, lay, section))


def check_paper(doc: Doc, lay: Layout):
    for s in doc.sections:
        if not _is_a4(s.width, s.height) and not _across_with_table(doc, lay, s):
            yield finding(
                "kho-giay",
                _section_place(doc, s, "khổ giấy"),
                f"Khổ giấy phải là A4 (210 × 297 mm), đặt dọc; đang là {mm(s.width)} × {mm(s.height)}.",
            )


def check_margins(doc: Doc, lay: Layout):
    for s in doc.sections:
        if _landscape_table_section(s):
            continue
        wrong = [
            f"lề {name} {mm(s.margins[side])}"
            for side, (lo, hi, name) in MARGINS.items()
            if not lo <= s.margins[side] <= hi
        ]
        if wrong:
            yield finding(
                "le-trang",
                _section_place(doc, s, "lề trang"),
                "Lề trên và lề dưới phải từ 20 đến 25 mm, lề trái từ 30 đến 35 mm, "
                f"lề phải từ 15 đến 20 mm; đang: {', '.join(wrong)}.",
            )


def check_fonts(doc: Doc, lay: Layout):
    """Every run in Times New Roman: the first offending run of each paragraph."""
    for para in doc.paras + doc.margin_paras:
        for run in para.runs:
            others = sorted(
                n for n in run.props.font_names(run.text) if _face(n) != TNR.casefold() and n.strip() not in doc.legacy
            )  # bang-ma-cu
            if others:
                yield finding(
                    "phong-chu",
                    para,
                    f"Phông chữ phải là {TNR}; chữ {quote(run.text, 30)} đang dùng {', '.join(others)}.",
                )
                break


_FACES = re.compile(r"\s+(bold|italic|bold italic|regular)$", re.IGNORECASE)


def _face(name: str) -> str:
    """`Times New Roman Bold` (a face named as a font, as some converters write) is Times New Roman."""
    return _FACES.sub("", name.strip()).casefold()


def check_colour(doc: Doc, lay: Layout):
    for para in doc.paras + doc.margin_paras:
        for run in para.runs:
            if run.text.strip() and not run.props.black:
                colour = run.props.theme_color or f"#{run.props.color}"
                yield finding("mau-chu", para, f"Chữ phải màu đen; chữ {quote(run.text, 30)} đang có màu {colour}.")
                break


def _page_fields(paras):
    return [(p, f) for p in paras for f in p.fields if PAGE_FIELD.match(f.instr)]


def check_page_numbers(doc: Doc, lay: Layout):
    """Page numbers: centred in the header, 13–14 pt, from page 2 (w:titlePg)."""
    section = doc.sections[0]
    in_header = _page_fields(doc.headers.get("default", []))
    if not in_header:
        in_footer = _page_fields([p for paras in doc.footers.values() for p in paras])
        if in_footer:
            yield finding(
                "so-trang-vi-tri", in_footer[0][0], "Số trang phải đặt ở giữa lề trên (đầu trang), không ở chân trang."
            )
        elif _longer_than_a_page(doc):
            yield finding(
                "so-trang-thieu",
                "đầu trang",
                "Văn bản dài hơn một trang (ước tính) phải đánh số trang bằng chữ số "
                "Ả Rập ở giữa đầu trang, từ trang thứ 2.",
            )
        return
    para, field = in_header[0]
    if para.props.alignment != "center":
        yield finding(
            "so-trang-can-giua", para, f"Số trang phải căn giữa ở đầu trang; đang {align_name(para.props.alignment)}."
        )
    runs = [r for r in field.runs if r.text.strip()] or field.runs
    sizes = sorted({r.props.size for r in runs})
    if any(not 13 <= s <= 14 for s in sizes):
        yield finding(
            "so-trang-dinh-dang", para, f"Số trang phải cỡ chữ 13–14; đang cỡ chữ {', '.join(num(s) for s in sizes)}."
        )
    first = doc.headers.get("first", [])
    if not section.title_page:
        yield finding(
            "so-trang-trang-dau",
            para,
            'Không đánh số trang thứ nhất: bật "Trang đầu khác" (w:titlePg) và để trống đầu trang của trang 1.',
        )
    elif _page_fields(first) or (any(p.text for p in first) and not lay.header_in_margin):
        where = next(p for p in first if p.text or p.fields)
        yield finding("so-trang-trang-dau", where, "Không đánh số trang thứ nhất: đầu trang của trang 1 phải để trống.")


def _longer_than_a_page(doc: Doc) -> bool:
    """Rough estimate of the body's height against one page's text area."""
    if any(p.page_break for p in doc.paras) or len(doc.sections) > 1:
        return True
    height, seen = 0.0, set()
    for para in doc.paras:
        kind = para.container.kind
        if kind == "body":
            height += para_height(para)
        elif kind == "cell":
            table = para.container.table
            while not table.top_level:
                table = table.container.table
            if id(table) not in seen:
                seen.add(id(table))
                height += _table_height(table)
    return height > doc.sections[0].text_height


def _table_height(table) -> float:
    return sum(max((sum(para_height(p) for p in cell.paras) for cell in row), default=0) for row in table.rows)
