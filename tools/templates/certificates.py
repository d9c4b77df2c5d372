"""Giấy khen printed on the pre-printed paper, with the framed proof (giay-khen.docx)."""

from __future__ import annotations


from docx.shared import Cm, Pt


from .blocks import C, FONT, L, _cant_split, _clear, layout_table, new_document, par
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_BREAK
from docx.shared import RGBColor
from lxml import etree


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


def _cert_par(cell, text="", size=14, bold=False, italic=False, grey=False, align=C, before=0):
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


def build():
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
    _proof_text(
        national, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13), ("Độc lập - Tự do - Hạnh phúc", 14)], 13, frame=True
    )
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
