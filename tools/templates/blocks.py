"""The Decree 30 page, its styles and the pieces every template is laid out from."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips


ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "templates_docx"
FONT = "Times New Roman"
TEXT_WIDTH_CM = 16.5  # A4 21 cm minus 3 cm left and 1.5 cm right margins
LEFT_CM, RIGHT_CM = 6.3, 10.2  # header grid: ô 2-3 | ô 1, 4

RECORD = ".builder-hashes.json"  # in the templates folder: the parts the builder last wrote
NEWS_TEXT_WIDTH_CM = 21 - 2.5 - 2  # the news page: A4 less its margins (_portal_page)
PHOTO_CM = 14  # pipeline/documents/news.py DOCX_PHOTO_CM

C, J, L = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
R = WD_ALIGN_PARAGRAPH.RIGHT


# ---------------------------------------------------------------- document set-up


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _style(
    doc,
    name,
    size=14,
    bold=False,
    italic=False,
    align=J,
    indent_cm=0.0,
    before=0,
    after=0,
    line=1.0,
    keep_next=False,
    base="Normal",
):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    font = style.font
    font.name, font.size, font.bold, font.italic = FONT, Pt(size), bold, italic
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(indent_cm) if indent_cm else Cm(0)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = line
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    return style


def _rule_style(doc, name):
    """An empty paragraph whose top border is the rule; render.py sizes its indents."""
    style = _style(doc, name, size=2, align=C, line=1.0, before=3, after=3)
    ppr = style.element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    border.append(top)
    ppr.append(border)
    return style


def new_document():
    doc = Document()
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default)
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    _set_fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for name in ("Table Grid", "Header"):
        _set_fonts(doc.styles[name].element.get_or_add_rPr())

    _style(doc, "VB Co quan chu quan", size=13, align=C)
    _style(doc, "VB Co quan ban hanh", size=13, bold=True, align=C)
    _style(doc, "VB Quoc hieu", size=12, bold=True, align=C)
    _style(doc, "VB Tieu ngu", size=13, bold=True, align=C)
    _rule_style(doc, "VB Gach ngan")  # 1/3 to 1/2 of the text above
    _rule_style(doc, "VB Gach du")  # as long as the text above
    _style(doc, "VB So ky hieu", size=13, align=C, before=6)
    _style(doc, "VB Dia danh", size=14, italic=True, align=C, before=6)
    _style(doc, "VB Ten loai", size=14, bold=True, align=C, before=18, keep_next=True)
    _style(doc, "VB Trich yeu", size=14, bold=True, align=C, keep_next=True)
    _style(doc, "VB Noi dung", size=14, align=J, indent_cm=1.27, after=6, line=1.15)
    _style(doc, "VB Ket", size=14, align=J, indent_cm=1.27, after=6, line=1.15, keep_next=True)
    _style(doc, "VB Muc", size=14, bold=True, align=J, indent_cm=1.27, after=6, line=1.15, keep_next=True)
    _style(doc, "VB Bang", size=12, align=L)
    _style(doc, "VB Bang giua", size=12, align=C)
    _style(doc, "VB Bang dau", size=12, bold=True, align=C)
    _style(doc, "VB Chu thich", size=14, italic=True, align=C)
    _style(doc, "VB Kinh gui", size=14, align=C, before=6, after=6)
    _style(doc, "VB Kinh gui muc", size=14, align=L)
    _style(doc, "VB Can cu", size=14, italic=True, align=J, indent_cm=1.27, after=6, line=1.15)
    _style(doc, "VB Ky", size=14, bold=True, align=C)
    _style(doc, "VB Ky ten", size=14, bold=True, align=C, before=72)
    _style(doc, "VB Noi nhan", size=12, bold=True, italic=True, align=L)
    _style(doc, "VB Noi nhan muc", size=11, align=L)

    section = doc.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])
    section.first_page_header.paragraphs[0].text = ""
    body = doc.element.body
    for child in list(body):
        if child.tag == qn("w:p"):
            body.remove(child)
    return doc


def _page_number(paragraph) -> None:
    """Centred PAGE field in the header (shown from page 2: titlePg is set)."""
    paragraph.alignment = C
    run = paragraph.add_run()
    run.font.name, run.font.size = FONT, Pt(13)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


# ---------------------------------------------------------------- building blocks


def par(container, text="", style="VB Noi dung", runs=None, align=None):
    """A paragraph; `runs` is a list of (text, bold, italic) for mixed emphasis."""
    p = container.add_paragraph(style=style)
    for content, bold, italic in runs or [(text, None, None)]:
        if content:
            run = p.add_run(content)
            if bold is not None:
                run.bold = bold
            if italic is not None:
                run.italic = italic
    if align is not None:
        p.alignment = align
    return p


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _fixed(table, widths_cm) -> None:
    table.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/> in its place
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def _clear(cell) -> None:
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)


def layout_table(container, widths_cm, rows=1):
    table = container.add_table(rows=rows, cols=len(widths_cm))
    _no_borders(table)
    _fixed(table, widths_cm)
    for row in table.rows:
        for cell in row.cells:
            _clear(cell)
    return table


def header(doc, with_date: bool) -> None:
    """Ô 1-4 of Phụ lục I: bodies | Quốc hiệu, Tiêu ngữ; Số | place and date."""
    table = layout_table(doc, [LEFT_CM, RIGHT_CM], rows=2)
    left, right = table.rows[0].cells
    par(left, "{%p if doc.managing_body %}", "VB Co quan chu quan")
    par(left, "{{ doc.managing_body }}", "VB Co quan chu quan")
    par(left, "{%p endif %}", "VB Co quan chu quan")
    par(left, "{%p for line in doc.issuer_lines %}", "VB Co quan ban hanh")
    par(left, "{{ line }}", "VB Co quan ban hanh")
    par(left, "{%p endfor %}", "VB Co quan ban hanh")
    par(left, "", "VB Gach ngan")
    par(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "VB Quoc hieu")
    par(right, "Độc lập - Tự do - Hạnh phúc", "VB Tieu ngu")
    par(right, "", "VB Gach du")
    left, right = table.rows[1].cells
    par(left, "{{ doc.so_line }}", "VB So ky hieu")
    par(right, "{{ doc.place_date }}" if with_date else "", "VB Dia danh")


def title(doc, type_name: str) -> None:
    """Type name, then the trích yếu (context `summary_lines`, set as balanced lines)."""
    par(doc, type_name, "VB Ten loai")
    par(doc, "{%p for line in summary_lines %}", "VB Trich yeu")
    par(doc, "{{ line }}", "VB Trich yeu")
    par(doc, "{%p endfor %}", "VB Trich yeu")
    par(doc, "", "VB Gach ngan")
    par(doc, "", "VB Noi dung")


def data_table(doc, widths_cm, headings, style="Table Grid"):
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.style = doc.styles[style]
    _fixed(table, widths_cm)
    head = table.rows[0]
    tr_pr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    tr_pr.append(repeat)
    for cell, text in zip(head.cells, headings):
        _clear(cell)
        par(cell, text, "VB Bang dau")
    return table


def _cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def table_row(table, cells, bold=False, keep_next=False):
    """A row of (text, style) cells; a control row holds one tag in the first cell.

    `keep_next`: a group row, kept on the page of the row that follows it.
    """
    row = table.add_row()
    _cant_split(row)
    for cell, spec in zip(row.cells, cells):
        _clear(cell)
        text, style = spec if isinstance(spec, tuple) else (spec, "VB Bang")
        p = par(cell, text, style)
        if keep_next:
            p.paragraph_format.keep_with_next = True
        if bold:
            for run in p.runs:
                run.bold = True
    return row


def control_row(table, tag):
    return table_row(table, [tag] + [""] * (len(table.columns) - 1))


def _lines(cell, loop: str, style: str) -> None:
    par(cell, "{%p for line in " + loop + " %}", style)
    par(cell, "{{ line }}", style)
    par(cell, "{%p endfor %}", style)


def signatures(doc, left: str, right: str) -> None:
    """Two signature blocks side by side (context `left`, `right`: title_lines, name).

    Titles share one row and names the next, so both names sit on one line
    whatever the titles' lengths; rows never split across pages.
    """
    table = layout_table(doc, [7.5, 9.0], rows=2)
    for row in table.rows:
        _cant_split(row)
    titles, names = table.rows
    _lines(titles.cells[0], f"{left}.title_lines", "VB Ky")
    _lines(titles.cells[1], f"{right}.title_lines", "VB Ky")
    par(names.cells[0], "{{ " + left + ".name }}", "VB Ky ten")
    par(names.cells[1], "{{ " + right + ".name }}", "VB Ky ten")
    par(doc, "{%p if doc.recipients %}", "VB Noi nhan")
    apart = par(doc, "Nơi nhận:", "VB Noi nhan")
    apart.paragraph_format.space_before = Pt(24)  # Mẫu 1.9: apart from the signature row
    par(doc, "{%p for r in doc.recipients %}", "VB Noi nhan muc")
    par(doc, "{{ r }}", "VB Noi nhan muc")
    par(doc, "{%p endfor %}", "VB Noi nhan muc")
    par(doc, "{%p endif %}", "VB Noi nhan")


def titled_lists(doc, loop: str) -> None:
    """Groups of items under an italic title (`a) Ưu điểm:` …): each has .title and .lines."""
    par(doc, "{%p for g in " + loop + " %}")
    lead = par(doc, "{{ g.title }}", runs=[("{{ g.title }}", None, True)])
    lead.paragraph_format.keep_with_next = True  # never left at a page foot without its list
    bullet_list(doc, "g.lines")
    par(doc, "{%p endfor %}")


def official_signature(doc) -> None:
    """Ô 7 and 9b: Nơi nhận on the left, level with the authority block on the right."""
    par(doc, "", "VB Ket")
    table = layout_table(doc, [7.5, 9.0])
    _cant_split(table.rows[0])
    left, right = table.rows[0].cells
    par(left, "{%p if doc.recipients %}", "VB Noi nhan")
    par(left, "Nơi nhận:", "VB Noi nhan")
    par(left, "{%p for r in doc.recipients %}", "VB Noi nhan muc")
    par(left, "{{ r }}", "VB Noi nhan muc")
    par(left, "{%p endfor %}", "VB Noi nhan muc")
    par(left, "{%p endif %}", "VB Noi nhan")
    _lines(right, "sign.title_lines", "VB Ky")
    par(right, "{{ sign.name }}", "VB Ky ten")


def annex_heading(doc) -> None:
    """Phụ lục I §III.1: a section of its own on a new page, numbering its own pages (§đ:
    none on its first page, then 2, 3…); label, title, attachment note and a short rule."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = True
    number = section._sectPr.find(qn("w:pgNumType"))
    if number is None:
        number = OxmlElement("w:pgNumType")
        section._sectPr.append(number)
    number.set(qn("w:start"), "1")
    # its own headers, not linked to the body's: where the Phụ lục is left out (a Jinja `if`
    # around it), its section break is the document's last and must still number the pages
    section.header.is_linked_to_previous = False
    _page_number(section.header.paragraphs[0])
    section.first_page_header.is_linked_to_previous = False
    p = par(doc, "Phụ lục", "VB Ten loai")
    p.paragraph_format.space_before = Pt(0)
    _lines(doc, "annex.title_lines", "VB Trich yeu")
    par(doc, "{{ annex.note }}", "VB Chu thich")
    par(doc, "", "VB Gach ngan")
    par(doc, "", "VB Bang")


def bullet_list(doc, loop: str, item: str = "- {{ x }}", style="VB Noi dung"):
    par(doc, "{%p for x in " + loop + " %}", style)
    par(doc, item, style)
    par(doc, "{%p endfor %}", style)


def criteria_table(doc) -> None:
    table = data_table(doc, [1.5, 12.5, 2.5], ["Mã", "Nội dung tiêu chí", "Điểm tối đa"])
    center = "VB Bang giua"
    control_row(table, "{%tr for r in criteria %}")
    control_row(table, "{%tr if r.group %}")
    table_row(table, [("{{ r.code }}", center), "{{ r.content }}", ("{{ r.max }}", center)], bold=True, keep_next=True)
    control_row(table, "{%tr else %}")
    table_row(table, [("{{ r.code }}", center), "{{ r.content }}", ("{{ r.max }}", center)])
    control_row(table, "{%tr endif %}")
    control_row(table, "{%tr endfor %}")
    table_row(table, ["", "Tổng cộng", ("{{ total }}", center)], bold=True)
