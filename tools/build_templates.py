"""Build the Word templates in templates_docx/ from code: every template, one builder.

The .docx files are the source staff may edit in Word or LibreOffice Writer;
this script is how they were first laid out, with every Jinja tag in one run
and the Decree 30 page, styles and header grid set once for all of them. The
news article (tin-bai.docx) is a portal page, not a Decree 30 document; its
HTML twin, templates_docx/tin-bai.html, is a hand-written Jinja file.

A template edited by hand is never overwritten silently. The builder records,
in templates_docx/.builder-hashes.json (committed), the SHA-256 of each part
(document.xml, styles.xml, …) of every template it wrote; parts, not the zip's
bytes, which carry timestamps. Before writing, a template whose parts match
neither that record nor what the builder is about to write was changed since
(staff edited it in Word): the builder then writes nothing and names it; run
`make templates FORCE=1` (--force) to overwrite it anyway.

Run: python tools/build_templates.py [--force] [--out DIR] [names...]
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips

from pipeline import kinds as registry
from pipeline.files import write_atomic
from pipeline.ooxml import schema_order

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


def _style(doc, name, size=14, bold=False, italic=False, align=J, indent_cm=0.0, before=0,
           after=0, line=1.0, keep_next=False, base="Normal"):
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
    _rule_style(doc, "VB Gach ngan")   # 1/3 to 1/2 of the text above
    _rule_style(doc, "VB Gach du")     # as long as the text above
    _style(doc, "VB So ky hieu", size=13, align=C, before=6)
    _style(doc, "VB Dia danh", size=14, italic=True, align=C, before=6)
    _style(doc, "VB Ten loai", size=14, bold=True, align=C, before=18, keep_next=True)
    _style(doc, "VB Trich yeu", size=14, bold=True, align=C, keep_next=True)
    _style(doc, "VB Noi dung", size=14, align=J, indent_cm=1.27, after=6, line=1.15)
    _style(doc, "VB Ket", size=14, align=J, indent_cm=1.27, after=6, line=1.15, keep_next=True)
    _style(doc, "VB Muc", size=14, bold=True, align=J, indent_cm=1.27, after=6, line=1.15,
           keep_next=True)
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
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                       ("end", None)):
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


# ---------------------------------------------------------------- the templates

def bien_ban_kiem_tra():
    doc = new_document()
    header(doc, with_date=False)
    title(doc, "BIÊN BẢN")
    par(doc, "{{ opening }}")
    par(doc, "I. THÀNH PHẦN", "VB Muc")
    par(doc, "{{ team_heading }}", "VB Muc")
    bullet_list(doc, "team")
    par(doc, "{{ hosts_heading }}", "VB Muc")
    bullet_list(doc, "hosts")
    par(doc, "II. NỘI DUNG KIỂM TRA", "VB Muc")
    par(doc, "{{ method }}")
    par(doc, "1. Kết quả chấm điểm", "VB Muc")
    table = data_table(doc, [1.2, 7.4, 1.7, 1.7, 1.8, 2.7],
                       ["Mã", "Nội dung tiêu chí", "Điểm tối đa", "Tự chấm", "Đoàn chấm",
                        "Ghi chú"])
    control_row(table, "{%tr for r in rows %}")
    control_row(table, "{%tr if r.group %}")
    center = "VB Bang giua"
    table_row(table, [("{{ r.code }}", center), "{{ r.content }}", ("{{ r.max }}", center),
                      ("{{ r.self }}", center), ("{{ r.cluster }}", center), "{{ r.note }}"],
              bold=True, keep_next=True)
    control_row(table, "{%tr else %}")
    table_row(table, [("{{ r.code }}", center), "{{ r.content }}", ("{{ r.max }}", center),
                      ("{{ r.self }}", center), ("{{ r.cluster }}", center), "{{ r.note }}"])
    control_row(table, "{%tr endif %}")
    control_row(table, "{%tr endfor %}")
    table_row(table, ["", "Tổng cộng", ("{{ total.max }}", center), ("{{ total.self }}", center),
                      ("{{ total.cluster }}", center), ""], bold=True)
    par(doc, "")
    par(doc, "2. Nhận xét", "VB Muc")
    titled_lists(doc, "findings")
    par(doc, "{%p if not findings %}")
    par(doc, "Đoàn kiểm tra không có nhận xét thêm.")
    par(doc, "{%p endif %}")
    par(doc, "III. KẾT LUẬN", "VB Muc")
    par(doc, "{{ conclusion }}", "VB Ket")  # the conclusion goes with the signatures
    par(doc, "{{ closing }}", "VB Ket")
    par(doc, "", "VB Ket")
    signatures(doc, "left", "right")
    return doc


def bien_ban_hop_cum():
    doc = new_document()
    header(doc, with_date=False)
    title(doc, "BIÊN BẢN")
    par(doc, "{{ start_line }}")
    par(doc, "{{ place_line }}")
    par(doc, "Thành phần tham dự:")
    bullet_list(doc, "attendees")
    par(doc, "{{ chair_line }}")
    par(doc, "{{ secretary_line }}")
    par(doc, "Nội dung:")
    par(doc, "1. Căn cứ chấm điểm, bình xét", "VB Muc")
    bullet_list(doc, "basis")
    par(doc, "2. Kết quả chấm điểm, xếp loại", "VB Muc")
    par(doc, "{{ results_intro }}")
    table = data_table(doc, [1.8, 6.1, 2.6, 2.6, 3.4],
                       ["Xếp hạng", "Đơn vị", "Tự chấm", "Cụm chấm", "Xếp loại"])
    control_row(table, "{%tr for r in results %}")
    center = "VB Bang giua"
    table_row(table, [("{{ r.rank }}", center), "{{ r.unit }}", ("{{ r.self }}", center),
                      ("{{ r.cluster }}", center), ("{{ r.grade }}", center)])
    control_row(table, "{%tr endfor %}")
    par(doc, "")
    par(doc, "{%p if changes %}")
    par(doc, "Cụm đã thống nhất điều chỉnh điểm đoàn kiểm tra chấm như sau:")
    bullet_list(doc, "changes", "{{ x }}")
    par(doc, "{%p endif %}")
    par(doc, "{{ outcome }}", runs=[("{{ outcome }}", True, None)])
    par(doc, "{%p if awards %}")
    par(doc, "3. Đề nghị khen thưởng", "VB Muc")
    par(doc, "{{ awards.intro }}")
    titled_lists(doc, "awards.groups")
    par(doc, "{%p endif %}")
    par(doc, "{{ vote_heading }}", "VB Muc")
    par(doc, "{{ vote }}", "VB Ket")  # the vote goes with the signatures: never a page of names alone
    par(doc, "{{ closing }}", "VB Ket")
    par(doc, "", "VB Ket")
    signatures(doc, "secretary", "chair")
    return doc


def criteria_table(doc) -> None:
    table = data_table(doc, [1.5, 12.5, 2.5], ["Mã", "Nội dung tiêu chí", "Điểm tối đa"])
    center = "VB Bang giua"
    control_row(table, "{%tr for r in criteria %}")
    control_row(table, "{%tr if r.group %}")
    table_row(table, [("{{ r.code }}", center), "{{ r.content }}", ("{{ r.max }}", center)],
              bold=True, keep_next=True)
    control_row(table, "{%tr else %}")
    table_row(table, [("{{ r.code }}", center), "{{ r.content }}", ("{{ r.max }}", center)])
    control_row(table, "{%tr endif %}")
    control_row(table, "{%tr endfor %}")
    table_row(table, ["", "Tổng cộng", ("{{ total }}", center)], bold=True)


def ke_hoach():
    doc = new_document()
    header(doc, with_date=True)
    title(doc, "KẾ HOẠCH")
    par(doc, "{{ intro }}")
    par(doc, "I. MỤC ĐÍCH, YÊU CẦU", "VB Muc")
    par(doc, "1. Mục đích", "VB Muc")
    bullet_list(doc, "purposes", "{{ x }}")
    par(doc, "2. Yêu cầu", "VB Muc")
    bullet_list(doc, "requirements", "{{ x }}")
    par(doc, "II. NỘI DUNG, THỜI GIAN KIỂM TRA", "VB Muc")
    par(doc, "1. Nội dung kiểm tra", "VB Muc")
    par(doc, "{{ content_intro }}")
    bullet_list(doc, "groups", "{{ x }}")
    par(doc, "2. Thời gian, đơn vị kiểm tra", "VB Muc")
    par(doc, "{{ schedule_intro }}")
    table = data_table(doc, [1.2, 5.2, 5.2, 4.9],
                       ["TT", "Đơn vị được kiểm tra", "Đơn vị kiểm tra", "Thời gian"])
    control_row(table, "{%tr for r in schedule %}")
    center = "VB Bang giua"
    table_row(table, [("{{ r.n }}", center), "{{ r.inspected }}", "{{ r.inspector }}",
                      ("{{ r.when }}", center)])
    control_row(table, "{%tr endfor %}")
    par(doc, "")
    par(doc, "3. Họp cụm chấm điểm, bình xét thi đua", "VB Muc")
    par(doc, "{{ meeting_line }}")
    par(doc, "III. TỔ CHỨC THỰC HIỆN", "VB Muc")
    par(doc, "{{ units_heading }}", "VB Muc")
    bullet_list(doc, "units_tasks", "{{ x }}")
    par(doc, "{{ leader_heading }}", "VB Muc")
    bullet_list(doc, "leader_tasks", "{{ x }}")
    par(doc, "{{ closing }}", "VB Ket")
    official_signature(doc)
    annex_heading(doc)
    criteria_table(doc)
    return doc


def to_trinh():
    doc = new_document()
    header(doc, with_date=True)
    title(doc, "TỜ TRÌNH")
    par(doc, "{%p if addressee %}", "VB Kinh gui")
    par(doc, "Kính gửi: {{ addressee }}", "VB Kinh gui")
    par(doc, "{%p else %}", "VB Kinh gui")
    par(doc, "Kính gửi:", "VB Kinh gui")
    p = par(doc, "{%p for a in addressees %}", "VB Kinh gui muc")
    p = par(doc, "{{ a }}", "VB Kinh gui muc")
    p.paragraph_format.left_indent = Cm(5.5)
    par(doc, "{%p endfor %}", "VB Kinh gui muc")
    par(doc, "{%p endif %}", "VB Kinh gui")
    bullet_list(doc, "basis", "{{ x }}", style="VB Can cu")
    par(doc, "{{ results_heading }}", "VB Muc")
    bullet_list(doc, "results", "{{ x }}")
    par(doc, "{{ proposal_heading }}", "VB Muc")
    par(doc, "{{ proposal }}")
    bullet_list(doc, "forms", "{{ x }}")
    par(doc, "{{ closing }}", "VB Ket")
    official_signature(doc)
    annex_heading(doc)
    table = data_table(doc, [1.2, 4.3, 3.6, 3.6, 3.8],
                       ["TT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị", "Thành tích"])
    center = "VB Bang giua"
    control_row(table, "{%tr for r in nominees %}")
    control_row(table, "{%tr if r.group %}")
    group = table_row(table, [("{{ r.n }}", center), "{{ r.name }}", "", "", ""], bold=True,
                      keep_next=True)
    merged = group.cells[1].merge(group.cells[4])
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    control_row(table, "{%tr else %}")
    table_row(table, [("{{ r.n }}", center), "{{ r.name }}", "{{ r.position }}", "{{ r.unit }}",
                      "{{ r.achievement }}"])
    control_row(table, "{%tr endif %}")
    control_row(table, "{%tr endfor %}")
    return doc


# ---------------------------------------------------------------- the news article

def _portal_page(doc) -> None:
    """A4 with even margins and no page-number header (that is the Decree 30 layout)."""
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    section.different_first_page_header_footer = False
    for page_header in (section.header, section.first_page_header):
        for paragraph in page_header.paragraphs:
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)


def _news_styles(doc) -> None:
    _style(doc, "TB Tieu de", size=16, bold=True, align=L, after=6, line=1.1, keep_next=True)
    _style(doc, "TB Ngay dang", size=12, italic=True, align=L, after=12)
    _style(doc, "TB Noi dung", size=13, align=J, after=8, line=1.2)
    _style(doc, "TB Muc anh", size=13, align=J, before=6, after=8, line=1.2, keep_next=True)
    _style(doc, "TB Anh", size=13, align=C, before=6, after=4, keep_next=True)
    caption = _style(doc, "TB Chu thich", size=12, italic=True, align=C, after=10)
    margin = Cm((NEWS_TEXT_WIDTH_CM - PHOTO_CM) / 2)  # as wide as the photo above it
    caption.paragraph_format.left_indent = caption.paragraph_format.right_indent = margin
    _style(doc, "TB Tac gia", size=13, bold=True, align=R, before=12)


def tin_bai():
    """Title, posting line, justified paragraphs, the photos (docxtpl InlineImage,
    ~14 cm wide) with centred italic captions, the byline on the right. No Quốc
    hiệu, no number, no signature block."""
    doc = new_document()
    _portal_page(doc)
    _news_styles(doc)
    par(doc, "{{ title }}", "TB Tieu de")
    par(doc, "{{ posted }}", "TB Ngay dang")
    par(doc, "{%p for p in paragraphs %}", "TB Noi dung")
    par(doc, "{{ p }}", "TB Noi dung")
    par(doc, "{%p endfor %}", "TB Noi dung")
    par(doc, "{%p if photos %}", "TB Muc anh")
    par(doc, "{{ photo_heading }}", "TB Muc anh")
    par(doc, "{%p for ph in photos %}", "TB Anh")
    par(doc, "{{ ph.image }}", "TB Anh")
    par(doc, "{%p if ph.caption %}", "TB Chu thich")
    par(doc, "{{ ph.caption }}", "TB Chu thich")
    par(doc, "{%p endif %}", "TB Chu thich")
    par(doc, "{%p endfor %}", "TB Anh")
    par(doc, "{%p endif %}", "TB Muc anh")
    par(doc, "{{ byline }}", "TB Tac gia")
    return doc


# ---------------------------------------------------------------- building and writing

TEMPLATES = {
    "ke-hoach": ke_hoach,
    "to-trinh": to_trinh,
    "bien-ban-kiem-tra": bien_ban_kiem_tra,
    "bien-ban-hop-cum": bien_ban_hop_cum,
    "tin-bai": tin_bai,
}


# ================================================================ issue 14: decision, certificates
# (kept as one block at the end so that it merges cleanly with the tools refactor on main)

from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_CELL_VERTICAL_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_BREAK  # noqa: E402
from docx.shared import RGBColor  # noqa: E402
from lxml import etree  # noqa: E402

def _article(doc) -> None:
    """`Điều N.` in bold, then the article's text; its items one per paragraph.

    The articles flow like body text; the last one keeps with the signature, so that the
    signature never stands alone and no first page is left half empty.
    """
    par(doc, "{%p for a in articles %}", "VB Noi dung")
    par(doc, "{%p if loop.last %}", "VB Ket")
    par(doc, runs=[("{{ a.label }}", True, None), (" {{ a.text }}", None, None)], style="VB Ket")
    bullet_list(doc, "a.lines", "{{ x }}", style="VB Ket")
    par(doc, "{%p else %}", "VB Noi dung")
    par(doc, runs=[("{{ a.label }}", True, None), (" {{ a.text }}", None, None)],
        style="VB Noi dung")
    bullet_list(doc, "a.lines", "{{ x }}")
    par(doc, "{%p endif %}", "VB Noi dung")
    par(doc, "{%p endfor %}", "VB Noi dung")


def _award_table(doc, money: bool) -> None:
    widths = [1.2, 5.6, 7.2, 2.5] if money else [1.2, 6.3, 9.0]
    headings = ["TT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị"]
    table = data_table(doc, widths, headings + (["Mức thưởng (đồng)"] if money else []))
    center = "VB Bang giua"
    control_row(table, "{%tr for r in rows %}")
    control_row(table, "{%tr if r.group %}")
    group = table_row(table, [("{{ r.n }}", center), "{{ r.name }}"] + [""] * (len(widths) - 2),
                      bold=True)
    merged = group.cells[1].merge(group.cells[len(widths) - 1])
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    control_row(table, "{%tr else %}")
    table_row(table, [("{{ r.n }}", center), "{{ r.name }}", "{{ r.where }}"]
              + ([("{{ r.amount }}", center)] if money else []))
    control_row(table, "{%tr endif %}")
    control_row(table, "{%tr endfor %}")
    if money:
        # unmerged, so that render's column fitting counts the total's width
        table_row(table, ["", "Tổng cộng", "", ("{{ total }}", center)], bold=True)


def quyet_dinh():
    """Mẫu 1.2: QUYẾT ĐỊNH (cá biệt), its list as Phụ lục when `annexed`."""
    doc = new_document()
    _style(doc, "VB Tham quyen", size=14, bold=True, align=C, before=0, after=6)
    header(doc, with_date=True)
    title(doc, "QUYẾT ĐỊNH")
    par(doc, "{{ authority }}", "VB Tham quyen")
    par(doc, "", "VB Noi dung")
    bullet_list(doc, "basis", "{{ x }}", style="VB Can cu")
    p = par(doc, "QUYẾT ĐỊNH:", "VB Ten loai")
    p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(6), Pt(6)
    _article(doc)
    official_signature(doc)
    par(doc, "{%p if annexed %}", "VB Bang")
    annex_heading(doc)
    par(doc, "{%p if with_money %}", "VB Bang")
    _award_table(doc, money=True)
    par(doc, "{%p else %}", "VB Bang")
    _award_table(doc, money=False)
    par(doc, "{%p endif %}", "VB Bang")
    par(doc, "{%p endif %}", "VB Bang")
    _same_headers_at_the_end(doc)
    return doc


def _same_headers_at_the_end(doc) -> None:
    """The last section refers to the first one's headers itself: without its Phụ lục (the
    list in the decision's body) the section break that carried them is not rendered, and the
    document would lose its page numbers. With the Phụ lục this is what it inherits anyway."""
    first, last = doc.sections[0]._sectPr, doc.sections[-1]._sectPr
    if first is last or last.find(qn("w:headerReference")) is not None:
        return
    for position, reference in enumerate(first.findall(qn("w:headerReference"))):
        last.insert(position, copy.deepcopy(reference))


# ---------------------------------------------------------------- the certificate

# Where each line falls on the usual pre-printed Giấy khen paper (A4 landscape), in cm.
# Staff shift the whole print with the page margins (Bố cục > Lề) and one line with the
# height of its row (Thuộc tính bảng > Hàng): every row has an exact height.
CERT_MARGINS = {"top": 2.0, "bottom": 1.0, "left": 3.0, "right": 3.0}
CERT_WIDTH = 29.7 - CERT_MARGINS["left"] - CERT_MARGINS["right"]
CERT_ROWS = [  # (height, what)
    (2.4, "printed: Quốc hiệu, Tiêu ngữ"),
    (1.0, "authority"),
    (0.8, "TẶNG"),
    (3.0, "printed: GIẤY KHEN"),
    (1.5, "name"),
    (1.0, "position and unit"),
    (2.2, "achievement"),
    (5.6, "decision number | place, date, signature"),
]
GREY = RGBColor(0x80, 0x80, 0x80)
FRAME_INSET_CM = 1.2  # the proof's frame: the printed border, this far from the paper's edge

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _emu(cm: float) -> int:
    return int(round(cm * 360000))


def _frame_run(paragraph) -> None:
    """A run holding the proof's frame: a rectangle anchored to the page, behind the text."""
    w, h = 29.7 - 2 * FRAME_INSET_CM, 21.0 - 2 * FRAME_INSET_CM
    xml = f"""<w:r xmlns:w="{_WNS}"><w:drawing><wp:anchor xmlns:wp="{_WP}" distT="0" distB="0"
 distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="1" locked="1" layoutInCell="0"
 allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="page"><wp:posOffset>{_emu(FRAME_INSET_CM)}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>{_emu(FRAME_INSET_CM)}</wp:posOffset></wp:positionV>
<wp:extent cx="{_emu(w)}" cy="{_emu(h)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="901" name="Khung in thu"/><wp:cNvGraphicFramePr/>
<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_WPS}"><wps:wsp xmlns:wps="{_WPS}">
<wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{_emu(w)}" cy="{_emu(h)}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>
<a:ln w="38100" cmpd="thickThin"><a:solidFill><a:srgbClr val="808080"/></a:solidFill></a:ln>
</wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"""
    paragraph._p.append(etree.fromstring(xml))


def _exact(row, height_cm: float) -> None:
    row.height = Cm(height_cm)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    _cant_split(row)


def _cert_par(cell, text="", size=14, bold=False, italic=False, grey=False, align=C,
              before=0):
    p = cell.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(before), Pt(0)
    p.paragraph_format.line_spacing = 1.0
    if text:
        run = p.add_run(text)
        run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
        if grey:
            run.font.color.rgb = GREY
    return p


def _proof_text(cell, lines, size, bold=True, frame=False) -> None:
    """What the paper has printed, drawn (grey) only in the proof."""
    first = True
    for text, line_size in lines:
        p = _cert_par(cell, "", size)
        tag = p.add_run("{%r if proof %}")
        tag.font.size = Pt(1)
        if frame and first:
            _frame_run(p)
        run = p.add_run(text)
        run.font.name, run.font.size, run.bold = FONT, Pt(line_size or size), bold
        run.font.color.rgb = GREY
        end = p.add_run("{%r endif %}")
        end.font.size = Pt(1)
        first = False


def giay_khen():
    doc = new_document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(CERT_MARGINS["top"]), Cm(CERT_MARGINS["bottom"])
    section.left_margin = Cm(CERT_MARGINS["left"])
    section.right_margin = Cm(CERT_MARGINS["right"])
    section.different_first_page_header_footer = False
    for part in (section.header, section.first_page_header):
        for p in part.paragraphs:
            for r in list(p.runs):
                r._r.getparent().remove(r._r)
    par(doc, "{%p for c in certificates %}", "VB Bang")
    left = 9.7
    table = layout_table(doc, [left, CERT_WIDTH - left], rows=len(CERT_ROWS))
    for row, (height, _) in zip(table.rows, CERT_ROWS):
        _exact(row, height)
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    cells = []
    for row in table.rows[:-1]:
        for cell in row.cells:
            cell.add_paragraph()
        merged = row.cells[0].merge(row.cells[1])
        _clear(merged)
        cells.append(merged)
    national, authority, give, title, name, position, deed = cells
    _proof_text(national, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13),
                           ("Độc lập - Tự do - Hạnh phúc", 14)], 13, frame=True)
    _cert_par(authority, "{{ c.authority }}", 15, bold=True)
    _cert_par(give, "TẶNG", 14, bold=True)
    _proof_text(title, [("GIẤY KHEN", 48)], 48)
    _cert_par(name, "{{ c.name }}", 24, bold=True)
    _cert_par(position, "{{ c.position }}", 15)
    _cert_par(deed, "{{ c.achievement }}", 15, italic=True)
    bottom_left, bottom_right = table.rows[-1].cells
    bottom_left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    bottom_right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    _cert_par(bottom_left, "{{ c.decision }}", 12, align=L)
    _cert_par(bottom_left, "{{ c.register }}", 12, align=L)
    _cert_par(bottom_right, "{{ c.place_date }}", 14, italic=True)
    _cert_par(bottom_right, "{%p for line in c.title_lines %}", 14, bold=True)
    _cert_par(bottom_right, "{{ line }}", 14, bold=True)
    _cert_par(bottom_right, "{%p endfor %}", 14, bold=True)
    _cert_par(bottom_right, "{{ c.signer }}", 14, bold=True, before=66)
    brk = par(doc, "{%p if not loop.last %}", "VB Bang")
    brk = par(doc, "", "VB Bang")
    brk.add_run().add_break(WD_BREAK.PAGE)
    brk.paragraph_format.space_before = brk.paragraph_format.space_after = Pt(0)
    for run in brk.runs:
        run.font.size = Pt(1)
    par(doc, "{%p endif %}", "VB Bang")
    par(doc, "{%p endfor %}", "VB Bang")
    return doc


TEMPLATES["quyet-dinh"] = quyet_dinh
TEMPLATES["giay-khen"] = giay_khen


def _group_table(doc, widths, headings, group_cells, item_cells, loop, total=None):
    """A table of `loop` rows: a bold merged row when r.group, else item_cells."""
    table = data_table(doc, widths, headings)
    center = "VB Bang giua"
    control_row(table, "{%tr for r in " + loop + " %}")
    if group_cells is not None:
        control_row(table, "{%tr if r.group %}")
        group = table_row(table, group_cells + [""] * (len(widths) - len(group_cells)), bold=True)
        merged = group.cells[1].merge(group.cells[len(widths) - 1])
        for extra in merged.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        control_row(table, "{%tr else %}")
    table_row(table, [(c, center) if i != 1 else c for i, c in enumerate(item_cells)])
    if group_cells is not None:
        control_row(table, "{%tr endif %}")
    control_row(table, "{%tr endfor %}")
    return table


def bao_cao_tong_hop():
    """Mẫu 1.4: BÁO CÁO, the year's results across clusters, with the chart."""
    doc = new_document()
    center = "VB Bang giua"
    header(doc, with_date=True)
    title(doc, "BÁO CÁO")
    par(doc, "I. KẾT QUẢ CHUNG", "VB Muc")
    bullet_list(doc, "general", "{{ x }}")
    table = data_table(doc, [1.2, 6.3, 2.5, 6.5], ["TT", "Cụm thi đua", "Số đơn vị",
                                                   "Kết quả xếp loại"])
    control_row(table, "{%tr for r in grade_rows %}")
    table_row(table, [("{{ r.n }}", center), "{{ r.cluster }}", ("{{ r.units }}", center),
                      "{{ r.grades }}"])
    control_row(table, "{%tr endfor %}")
    p = par(doc, "{{ chart_caption }}")
    p.paragraph_format.space_before = Pt(6)
    p = par(doc, "{{ chart }}", "VB Bang giua")
    p.paragraph_format.keep_together = True
    par(doc, "II. KẾT QUẢ CỦA TỪNG CỤM", "VB Muc")
    bullet_list(doc, "cluster_lines", "{{ x }}")
    _group_table(doc, [1.6, 8.4, 2.6, 3.9], ["Xếp hạng", "Đơn vị", "Tổng điểm", "Xếp loại"],
                 [("{{ r.n }}", center), "{{ r.name }}"],
                 ["{{ r.rank }}", "{{ r.name }}", "{{ r.total }}", "{{ r.grade }}"],
                 "cluster_rows")
    par(doc, "")
    par(doc, "III. KHEN THƯỞNG", "VB Muc")
    par(doc, "{{ award_text }}")
    table = data_table(doc, [4.9, 2.9, 2.9, 2.9, 2.9],
                       ["Cụm thi đua", "Đề nghị: tập thể", "Đề nghị: cá nhân",
                        "Được khen: tập thể", "Được khen: cá nhân"])
    control_row(table, "{%tr for r in award_rows %}")
    table_row(table, ["{{ r.cluster }}", ("{{ r.proposed_collectives }}", center),
                      ("{{ r.proposed_persons }}", center), ("{{ r.granted_collectives }}", center),
                      ("{{ r.granted_persons }}", center)])
    control_row(table, "{%tr endfor %}")
    par(doc, "")
    par(doc, "{%p if excluded %}")
    par(doc, "IV. CÁC ĐỢT CHƯA ĐƯỢC TỔNG HỢP", "VB Muc")
    bullet_list(doc, "excluded", "{{ x }}")
    par(doc, "{%p endif %}")
    par(doc, "{{ closing }}", "VB Ket")
    official_signature(doc)
    return doc


TEMPLATES["bao-cao-tong-hop"] = bao_cao_tong_hop


def _kind_of(name: str) -> registry.Kind | None:
    """The kind rendering template `name`; None for the summary's report (no kind of its own)."""
    return next((k for k in registry.KINDS if f"{name}.docx" in k.templates), None)


def build(name: str) -> bytes:
    """The .docx the builder lays out for template `name`."""
    doc = TEMPLATES[name]()
    kind = _kind_of(name)
    props = doc.core_properties
    props.author, props.title, props.comments = "vanban", name, ""
    props.category = "van-ban-hanh-chinh" if kind is None or kind.administrative else kind.slug
    for part in doc.part.package.iter_parts():  # appended elements back in schema order
        if hasattr(part, "_element") and str(part.partname).startswith("/word/"):
            schema_order(part._element)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def parts(data: bytes) -> dict[str, str]:
    """Part name -> SHA-256 of its bytes (the zip's timestamps do not count)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: hashlib.sha256(archive.read(info)).hexdigest()
                for info in archive.infolist()}


def read_record(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / RECORD
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def write_record(folder: Path, record: dict[str, dict[str, str]]) -> None:
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(folder / RECORD, text.encode("utf-8"))


def edited_by_hand(path: Path, recorded: dict[str, str] | None, new: dict[str, str]) -> bool:
    """Whether overwriting `path` would lose changes: its parts are neither those the
    builder last wrote (the record) nor those it is about to write."""
    if not path.exists():
        return False
    try:
        current = parts(path.read_bytes())
    except (OSError, zipfile.BadZipFile):
        return True  # not a template the builder wrote: keep it unless forced
    return current != new and current != recorded


def _same_parts(path: Path, new: dict[str, str]) -> bool:
    try:
        return parts(path.read_bytes()) == new
    except (OSError, zipfile.BadZipFile):
        return False


def refusal(names: list[str]) -> str:
    """What the builder says when it would overwrite templates edited by hand."""
    files = ", ".join(names)
    return (f"Không dựng lại mẫu: {files} đã được sửa sau lần dựng gần nhất "
            "(khác với bản công cụ đã ghi). Không tệp nào bị ghi đè. Nếu muốn bỏ phần sửa "
            "đó và dựng lại từ tools/build_templates.py, chạy: make templates FORCE=1 "
            "(nên sao lưu tệp trước).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Word templates of templates_docx/.")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"templates to build (default: all): {', '.join(TEMPLATES)}")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="templates folder (default: %(default)s)")
    parser.add_argument("--force", action="store_true",
                        help="overwrite templates edited since the builder last wrote them")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in TEMPLATES]
    if unknown:
        parser.error(f"unknown template(s): {', '.join(unknown)}")
    names = list(dict.fromkeys(args.names)) or list(TEMPLATES)
    built = {name: build(name) for name in names}
    record = read_record(args.out)
    new = {name: parts(data) for name, data in built.items()}
    edited = [f"{args.out.name}/{name}.docx" for name in names
              if edited_by_hand(args.out / f"{name}.docx", record.get(f"{name}.docx"), new[name])]
    if edited and not args.force:
        print(refusal(edited), file=sys.stderr)
        return 1
    for name, data in built.items():
        path = args.out / f"{name}.docx"
        record[path.name] = new[name]
        if path.is_file() and _same_parts(path, new[name]):
            # Only the zip's timestamps would change: leave the file (and Make) alone.
            print(f"{args.out.name}/{path.name} (không đổi)")
            continue
        write_atomic(path, data)
        print(f"{args.out.name}/{path.name}")
    if record != read_record(args.out):
        write_record(args.out, record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
