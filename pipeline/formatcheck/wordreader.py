"""Reading a .docx into the checker's model (pipeline/formatcheck/wordfile.py): the body,
table cells and text boxes in reading order, each paragraph's resolved properties, runs,
lines, fields and drawn lines; headers and footers; sections. Text in a legacy font
encoding (TCVN3, VNI) is read as Unicode."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Optional

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from . import package
from .drawings import children_no_fallback, shapes_in
from .legacy import decode, encoding_of, is_unicode_vietnamese
from .styles import DEFAULT_CELL_MARGIN, W_NS, StyleSheet, attr, local, markup_key, on_off, to_int, w

from .wordfile import (
    Container,
    Doc,
    Field,
    Line,
    Para,
    Run,
    Section,
    Table,
    UnreadableDocx,
)

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_RUN_CONTAINERS = {"hyperlink", "ins", "smartTag", "sdt", "sdtContent", "customXml", "moveTo", "dir", "bdo"}
_BLOCK_CONTAINERS = {"sdt", "sdtContent", "customXml", "ins", "moveTo"}

# ---------------------------------------------------------------------------- loading


def read(path) -> Doc:
    """Read `path` into a Doc as Word lays it out (document.load also reads a document laid
    out in one table as one), or raise UnreadableDocx. `path` may also be a (name, bytes)
    pair: a document still in memory (the build checks what it has just written)."""
    if isinstance(path, tuple):
        return _load_bytes(*path)
    p = Path(path)
    if not p.exists():
        raise UnreadableDocx("không tìm thấy tệp")
    if p.is_dir():
        raise UnreadableDocx("đây là thư mục, không phải tệp .docx")
    if not zipfile.is_zipfile(p):
        raise UnreadableDocx(
            "không phải tệp Word .docx (tệp .doc cũ hoặc tệp khác: hãy mở bằng Word và lưu lại dưới dạng .docx)"
        )
    try:
        document = docx.Document(str(p))
    except Exception as exc:  # any failure to open is an unreadable file, not a bug here
        raise UnreadableDocx(f"không mở được như văn bản Word .docx: {why(exc)}") from exc
    if document.element.find(w("body")) is None:
        raise UnreadableDocx("không mở được như văn bản Word .docx: phần nội dung chính (<w:body>) của tệp bị thiếu")
    try:
        return _Builder(document, str(path)).build()
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
        # A document Word itself would not write; it is unreadable, not a bug here.
        raise UnreadableDocx(f"không mở được như văn bản Word .docx: {why(exc)}") from exc


def _load_bytes(name: str, data: bytes) -> Doc:
    # The build's own documents: read only what the checker needs, the style sheet shared
    # between documents of one template (package.py); anything unusual as before.
    fast = package.read(data)
    if fast is not None and fast.element.find(w("body")) is not None:
        try:
            return _Builder(fast, name, sheet=fast.sheet, category=fast.category).build()
        except Exception:
            pass  # python-docx below says why, in the same words as for a file
    try:
        document = docx.Document(io.BytesIO(data))
        if document.element.find(w("body")) is None:
            raise ValueError("no w:body")
        return _Builder(document, name).build()
    except Exception as exc:  # the build's own output: say why, as for a file
        raise UnreadableDocx(f"không mở được như văn bản Word .docx: {why(exc)}") from exc


def why(exc: Exception) -> str:
    """Why python-docx could not open a zip file, in Vietnamese."""
    if isinstance(exc, PackageNotFoundError):
        return "tệp nén không chứa văn bản Word"
    if isinstance(exc, ValueError) and "not a Word file" in str(exc):
        return "đây là tệp Office khác (bảng tính, trình chiếu…), không phải văn bản Word"
    if isinstance(exc, etree.XMLSyntaxError):
        return "nội dung XML của tệp bị hỏng"
    if isinstance(exc, (KeyError, zipfile.BadZipFile)):
        return "tệp nén bị hỏng hoặc thiếu phần nội dung chính"
    return "tệp bị hỏng hoặc không đúng định dạng .docx"


def _related_xml(part, reltype):
    try:
        related = part.part_related_by(reltype)
    except (KeyError, ValueError):
        return None
    element = getattr(related, "element", None)
    if element is not None:
        return element
    try:
        return etree.fromstring(related.blob)
    except etree.XMLSyntaxError:
        return None


_PARAGRAPH_SECTIONS = etree.XPath(".//w:p/w:pPr/w:sectPr", namespaces={"w": W_NS})
MEMO_KEPT = 20_000  # paragraphs, and cells, remembered per style sheet (a few MB each)


class _Builder:
    def __init__(self, document, path: str, sheet: Optional[StyleSheet] = None, category: Optional[str] = None):
        self.document = document
        part = document.part
        self.part = part
        self.sheet = sheet or StyleSheet(
            _related_xml(part, RT_STYLES), _related_xml(part, RT_THEME), _related_xml(part, RT_NUMBERING)
        )
        if category is None:
            category = document.core_properties.category or ""
        self.doc = Doc(path=path, category=category.strip(), sheet=self.sheet, sections=self._sections())
        self.order = 0
        self.section = 0
        self.legacy_runs = []  # (Run, its text as stored, font, Para) of runs in a legacy font

    def build(self) -> Doc:
        body = self.part.element.find(w("body"))
        first = self.doc.sections[0]
        self._walk(body, Container("body", first.text_width))
        self._margins(first)
        self._legacy()
        return self.doc

    def _legacy(self) -> None:
        """Runs in a TCVN3 or VNI font read as Unicode, unless the text of that font already
        is Unicode (a Vietnamese letter beyond Latin-1 in it: only the font name was kept)."""
        fonts = {}
        for run, raw, font, para in self.legacy_runs:
            fonts.setdefault(font, []).append((run, raw, para))
        for font, runs in fonts.items():
            if any(is_unicode_vietnamese(raw) for _run, raw, _para in runs):
                continue
            if all(decode(raw, font) == raw for _run, raw, _para in runs):
                continue  # nothing but letters both tables share (a web address)
            touched = []
            for run, raw, para in runs:
                text = decode(raw, font)
                run.text = text.upper() if run.props.caps else text
                if para not in touched:
                    touched.append(para)
            for para in touched:
                para.lines = _split_lines(para)
            self.doc.legacy[font] = runs[0][2]

    # -------------------------------------------------------------- sections

    def _sections(self) -> list:
        body = self.part.element.find(w("body"))
        els = _PARAGRAPH_SECTIONS(body)  # in document order, by libxml2's XPath
        last = body.find(w("sectPr"))
        if last is not None:
            els.append(last)
        if not els:
            els = [etree.Element(w("sectPr"))]
        sections = []
        for n, el in enumerate(els):
            size = el.find(w("pgSz"))
            mar = el.find(w("pgMar"))
            width, height = to_int(attr(size, "w"), 12240), to_int(attr(size, "h"), 15840)
            margins = {
                side: abs(to_int(attr(mar, side), 1440 if side in ("top", "bottom") else 1800))
                for side in ("top", "bottom", "left", "right")
            }
            title = el.find(w("titlePg"))
            refs = {"header": {}, "footer": {}}
            for kind in refs:
                for ref in el.findall(w(kind + "Reference")):
                    refs[kind][attr(ref, "type") or "default"] = ref.get(f"{{{R_NS}}}id")
            sections.append(
                Section(
                    number=n + 1,
                    el=el,
                    width=width,
                    height=height,
                    landscape=attr(size, "orient") == "landscape" or width > height,
                    margins=margins,
                    title_page=title is not None and on_off(title),
                    headers=refs["header"],
                    footers=refs["footer"],
                    page_start=_page_start(el),
                )
            )
        return sections

    def _margins(self, first: Section) -> None:
        labels = {
            "header": {"default": "đầu trang", "first": "đầu trang của trang 1", "even": "đầu trang chẵn"},
            "footer": {"default": "chân trang", "first": "chân trang của trang 1", "even": "chân trang chẵn"},
        }
        seen = set()
        for section in self.doc.sections:
            for kind, refs in (("header", section.headers), ("footer", section.footers)):
                for typ, rid in refs.items():
                    try:
                        element = self.part.related_parts[rid].element
                    except (KeyError, AttributeError):
                        continue
                    if section is first:
                        container = Container(kind, first.text_width, label=labels[kind].get(typ, kind))
                        paras = self._walk(element, container, margin=True)
                        (self.doc.headers if kind == "header" else self.doc.footers)[typ] = paras
                        if rid not in seen:
                            self.doc.margin_paras.extend(paras)
                    elif rid not in seen:
                        container = Container(kind, section.text_width, label=labels[kind].get(typ, kind))
                        self.doc.margin_paras.extend(self._walk(element, container, margin=True))
                    seen.add(rid)

    # -------------------------------------------------------------- blocks

    def _walk(self, parent, container: Container, margin: bool = False) -> list:
        """Read the paragraphs and tables under `parent` into `container`."""
        out = []
        for child in children_no_fallback(parent):
            tag = local(child)
            if tag == "p":
                out += self._para(child, container, margin)
            elif tag == "tbl":
                out += self._table(child, container, margin)
            elif tag in _BLOCK_CONTAINERS:
                out += self._walk(child, container, margin)
        return out

    def _table(self, tbl, container: Container, margin: bool) -> list:
        tbl_pr = tbl.find(w("tblPr"))
        style_id = attr(tbl_pr.find(w("tblStyle")), "val") if tbl_pr is not None else None
        number = len(self.doc.tables) + 1
        table = Table(number, tbl, style_id, container)
        if not margin:
            self.doc.tables.append(table)
        grid_el = tbl.find(w("tblGrid"))
        grid = [to_int(attr(col, "w"), 0) for col in grid_el.findall(w("gridCol"))] if grid_el is not None else []
        table_width = self._table_width(tbl_pr, grid, container.width)
        default_margins = self._table_cell_margins(tbl_pr, style_id)
        out = []
        for r, tr in enumerate(_children_named(tbl, "tr"), start=1):
            tr_pr = tr.find(w("trPr"))
            col = to_int(attr(tr_pr.find(w("gridBefore")) if tr_pr is not None else None, "val"), 0)
            row = []
            tcs = _children_named(tr, "tc")
            for c, tc in enumerate(tcs, start=1):
                tc_pr = tc.find(w("tcPr"))
                # A cell's geometry follows from its properties and its place in the grid:
                # the same in every row of a data table, and in every document of a template.
                place = (markup_key(tc_pr), tuple(grid[col:]), table_width, len(tcs), default_margins)
                geometry = self.sheet.cells.get(place)
                if geometry is None:
                    span = to_int(attr(tc_pr.find(w("gridSpan")) if tc_pr is not None else None, "val"), 1)
                    width = self._cell_width(tc_pr, grid[col : col + span], table_width, len(tcs))
                    left, right = self._cell_margins(tc_pr, default_margins)
                    geometry = self.sheet.cells[place] = (span, width, left, right, _top_border(tc_pr))
                    if len(self.sheet.cells) > MEMO_KEPT:
                        self.sheet.cells.clear()
                span, width, left, right, top_border = geometry
                label = f"bảng {number}, ô ({r},{c})" if not margin else f"{container.label}, bảng, ô ({r},{c})"
                cell = Container(
                    "cell",
                    width - left - right,
                    label=label,
                    table=table,
                    row=r,
                    col=c,
                    x=sum(grid[:col]),
                    span=width,
                    top_border=top_border,
                )
                row.append(cell)
                out += self._walk(tc, cell, margin)
                col += span
            table.rows.append(row)
        return out

    @staticmethod
    def _table_width(tbl_pr, grid, container_width) -> float:
        tbl_w = tbl_pr.find(w("tblW")) if tbl_pr is not None else None
        if attr(tbl_w, "type") == "dxa" and to_int(attr(tbl_w, "w"), 0):
            return to_int(attr(tbl_w, "w"))
        if attr(tbl_w, "type") == "pct" and to_int(attr(tbl_w, "w"), 0):
            value = attr(tbl_w, "w")
            pct = to_int(value) if value.endswith("%") else to_int(value) / 50
            return container_width * pct / 100
        return sum(grid) or container_width

    @staticmethod
    def _cell_width(tc_pr, grid_cols, table_width, n_cells) -> float:
        tc_w = tc_pr.find(w("tcW")) if tc_pr is not None else None
        kind, value = attr(tc_w, "type"), attr(tc_w, "w")
        if kind == "dxa" and to_int(value, 0):
            return to_int(value)
        if kind == "pct" and to_int(value, 0):
            pct = to_int(value) if value.endswith("%") else to_int(value) / 50
            return table_width * pct / 100
        if grid_cols and sum(grid_cols):
            return sum(grid_cols)
        return table_width / max(n_cells, 1)

    def _table_cell_margins(self, tbl_pr, style_id) -> tuple:
        left = right = None
        layers = self.sheet.table_style_el(style_id, "tblPr") + [tbl_pr]
        for layer in layers:
            mar = layer.find(w("tblCellMar")) if layer is not None else None
            if mar is None:
                continue
            for names, side in ((("left", "start"), "l"), (("right", "end"), "r")):
                for name in names:
                    el = mar.find(w(name))
                    if el is not None:
                        if side == "l":
                            left = to_int(attr(el, "w"), 0)
                        else:
                            right = to_int(attr(el, "w"), 0)
        return (DEFAULT_CELL_MARGIN if left is None else left, DEFAULT_CELL_MARGIN if right is None else right)

    @staticmethod
    def _cell_margins(tc_pr, default) -> tuple:
        left, right = default
        mar = tc_pr.find(w("tcMar")) if tc_pr is not None else None
        if mar is not None:
            for name in ("left", "start"):
                if mar.find(w(name)) is not None:
                    left = to_int(attr(mar.find(w(name)), "w"), left)
            for name in ("right", "end"):
                if mar.find(w(name)) is not None:
                    right = to_int(attr(mar.find(w(name)), "w"), right)
        return left, right

    # -------------------------------------------------------------- paragraphs

    def _para(self, p_el, container: Container, margin: bool) -> list:
        table = container.table
        in_table = table is not None
        tbl_style = table.style_id if in_table else None
        ppr = p_el.find(w("pPr"))
        # A paragraph read before with the same markup, in the same kind of place and with
        # the same style sheet, reads the same (the documents of one template repeat most of
        # theirs: a criteria table's rows, the headings): its properties and runs are shared.
        key = (markup_key(p_el), tbl_style, in_table)
        known = self.sheet.paragraphs.get(key)
        if known is not None:
            props, mark, runs, page_break, lines = known
        else:
            props = self.sheet.para_props(ppr, tbl_style, in_table)
            rpr = ppr.find(w("rPr")) if ppr is not None else None
            mark = self.sheet.run_props(rpr, props.style_id, tbl_style, in_table)
        para = Para(
            p_el,
            props,
            container,
            pos=len(container.paras),
            order=-1 if margin else self.order,
            section=self.section,
            mark=mark,
        )
        if not margin:
            self.order += 1
        container.paras.append(para)
        boxes = []
        if known is not None:
            para.runs, para.page_break = list(runs), page_break
            para.lines = [_line(para, n, line_runs, text) for n, (line_runs, text) in enumerate(lines)]
        else:
            legacy = len(self.legacy_runs)
            self._inline(p_el, para, tbl_style, in_table, [], boxes)
            para.lines = _split_lines(para)
            if not (boxes or para.shapes or para.fields or len(self.legacy_runs) > legacy):
                if len(self.sheet.paragraphs) >= MEMO_KEPT:
                    self.sheet.paragraphs.clear()  # a long batch: start again, memory bounded
                lines = tuple((tuple(line.runs), line.text) for line in para.lines)
                self.sheet.paragraphs[key] = (props, mark, tuple(para.runs), para.page_break, lines)
        if ppr is not None and ppr.find(w("sectPr")) is not None and not margin:
            self.section = min(self.section + 1, len(self.doc.sections) - 1)
        if props.page_break_before:
            para.page_break = True
        out = [para]
        if not margin:
            self.doc.paras.append(para)
        for box, width in boxes:
            label = f"{container.label}, khung chữ" if container.label else "khung chữ"
            inner = Container("textbox", width - 288 if width > 288 else container.width, label=label)
            out += self._walk(box, inner, margin)
        return out

    def _inline(self, el, para: Para, tbl_style, in_table: bool, stack: list, boxes: list) -> None:
        """Read the runs under `el` (a paragraph or a run container) into `para`."""
        for child in children_no_fallback(el):
            tag = local(child)
            if tag == "r":
                self._run(child, para, tbl_style, in_table, stack, boxes)
            elif tag == "fldSimple":
                start = len(para.runs)
                self._inline(child, para, tbl_style, in_table, stack, boxes)
                begin = [Run("", self.sheet.run_props(None, para.props.style_id, tbl_style, in_table))]
                para.fields.append(Field(attr(child, "instr") or "", para.runs[start:] or begin))
            elif tag in _RUN_CONTAINERS:
                self._inline(child, para, tbl_style, in_table, stack, boxes)

    def _run(self, r_el, para: Para, tbl_style, in_table: bool, stack: list, boxes: list) -> None:
        props = self.sheet.run_props(r_el.find(w("rPr")), para.props.style_id, tbl_style, in_table)
        parts = []
        for child in children_no_fallback(r_el):
            tag = local(child)
            if tag == "t":
                parts.append(child.text or "")
            elif tag in ("tab", "ptab"):
                parts.append("\t")
            elif tag in ("br", "cr"):
                if attr(child, "type") == "page":
                    para.page_break = True
                else:
                    parts.append("\n")
            elif tag == "noBreakHyphen":
                parts.append("-")
            elif tag == "fldChar":
                kind = attr(child, "fldCharType")
                if kind == "begin":
                    stack.append({"instr": "", "runs": [], "begin": Run("", props), "result": False})
                elif kind == "separate" and stack:
                    stack[-1]["result"] = True
                elif kind == "end" and stack:
                    f = stack.pop()
                    para.fields.append(Field(f["instr"], f["runs"] or [f["begin"]]))
            elif tag == "instrText" and stack:
                stack[-1]["instr"] += child.text or ""
            elif tag in ("drawing", "pict", "object"):
                shapes, found = shapes_in(child)
                para.shapes += shapes
                boxes += found
        if props.vanish:
            return
        text = "".join(parts)
        run = Run(text.upper() if props.caps else text, props)
        font = props.font_for("\u00e0")  # the font of its Vietnamese letters
        if text.strip() and encoding_of(font):  # maybe typed in TCVN3 or VNI: see _legacy
            self.legacy_runs.append((run, text, font.strip(), para))
        if stack and stack[-1]["result"]:
            stack[-1]["runs"].append(run)
        if text:
            para.runs.append(run)


def _top_border(tc_pr) -> Optional[str]:
    borders = tc_pr.find(w("tcBorders")) if tc_pr is not None else None
    top = borders.find(w("top")) if borders is not None else None
    return attr(top, "val") if top is not None else None


def _page_start(sect_pr) -> Optional[int]:
    numbering = sect_pr.find(w("pgNumType"))
    start = attr(numbering, "start") if numbering is not None else None
    return to_int(start, None) if start is not None else None


def _children_named(el, name: str) -> list:
    """Rows of a table or cells of a row, also when wrapped in content controls."""
    out = []
    for child in children_no_fallback(el):
        tag = local(child)
        if tag == name:
            out.append(child)
        elif tag in _BLOCK_CONTAINERS:
            out += _children_named(child, name)
    return out


def _line(para: Para, index: int, runs: tuple, text: str) -> Line:
    """A line of `para` made of `runs` (shared, never changed), its text already known."""
    line = Line(para, index, list(runs))
    line.__dict__["text"] = text  # Line.text is a cached_property
    return line


def _split_lines(para: Para) -> list:
    lines, current = [], []
    for run in para.runs:
        pieces = run.text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append(Line(para, len(lines), current))
                current = []
            if piece:
                current.append(Run(piece, run.props))
    lines.append(Line(para, len(lines), current))
    return lines
