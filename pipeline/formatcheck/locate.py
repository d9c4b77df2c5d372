"""Find the elements of a Decree 30 document by their content, not by style names.

Documents come from many hands, so the Quốc hiệu is the line that reads
`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` whatever its case or style, the `Số:` line
is the line that starts with `Số:`, and so on. Everything found is put in a
Layout for the rules to check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .common import fold, is_upper, key
from .model import Doc, Line, Table

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

# Phụ lục III of Nghị định 30/2020/NĐ-CP: type names and their abbreviations.
# Công văn has none: its ký hiệu is the issuer's abbreviation only.
TYPE_ABBREVIATIONS = {
    "NGHỊ QUYẾT": "NQ", "QUYẾT ĐỊNH": "QĐ", "CHỈ THỊ": "CT", "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ", "THÔNG CÁO": "TC", "THÔNG BÁO": "TB", "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr", "KẾ HOẠCH": "KH", "PHƯƠNG ÁN": "PA", "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA", "BÁO CÁO": "BC", "BIÊN BẢN": "BB", "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ", "CÔNG ĐIỆN": "CĐ", "BẢN GHI NHỚ": "BGN", "BẢN THỎA THUẬN": "BTT",
    "GIẤY ỦY QUYỀN": "GUQ", "GIẤY MỜI": "GM", "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP", "PHIẾU GỬI": "PG", "PHIẾU CHUYỂN": "PC", "PHIẾU BÁO": "PB",
}
TYPE_NAMES = {abbr: name for name, abbr in TYPE_ABBREVIATIONS.items()}
_TYPE_KEYS = {key(name): name for name in TYPE_ABBREVIATIONS}

SO_LINE = re.compile(r"^số\s*:|^số\s+\d*\s*/")  # lenient: the strict form is a rule
NOT_TRICH_YEU = re.compile(r"^(kính gửi|căn cứ)\b")
DATE_LINE = re.compile(r"^[^,]{1,80},\s*ngày\b")
VV_LINE = re.compile(r"^v/v\b")
NOI_NHAN = re.compile(r"^nơi nhận\b")
_TYPE_SEARCH = 6  # non-empty lines after the header in which the type name must appear


@dataclass
class Layout:
    quoc_hieu: Optional[Line] = None
    tieu_ngu: Optional[Line] = None
    header_table: Optional[Table] = None
    so: Optional[Line] = None
    date: Optional[Line] = None
    managing: list = field(default_factory=list)
    issuer: list = field(default_factory=list)
    type_line: Optional[Line] = None
    type_name: Optional[str] = None  # canonical upper-case name, e.g. KẾ HOẠCH
    trich_yeu: list = field(default_factory=list)
    body: list = field(default_factory=list)  # body paragraphs with text
    body_closed: bool = False  # the body ends with ./.
    signature_table: Optional[Table] = None
    noi_nhan: Optional[Line] = None
    noi_nhan_entries: list = field(default_factory=list)

    @property
    def type_abbr(self) -> Optional[str]:
        return TYPE_ABBREVIATIONS.get(self.type_name) if self.type_name else None

    @property
    def is_bien_ban(self) -> bool:
        return self.type_name == "BIÊN BẢN"

    @property
    def is_cong_van(self) -> bool:
        """No type name and a ký hiệu without a type abbreviation: a công văn."""
        if self.type_name or self.so is None:
            return False
        m = re.search(r"/\s*([^\s\-/]+)", self.so.text)
        return m is not None and m.group(1) not in TYPE_NAMES


def top_table(container) -> Optional[Table]:
    table = container.table
    while table is not None and not table.top_level:
        table = table.container.table
    return table


def locate(doc: Doc) -> Layout:
    lay = Layout()
    lines = [line for line in doc.lines if line.text]
    index = {id(line): i for i, line in enumerate(lines)}

    qh_key, tn_key = key(QUOC_HIEU), key(TIEU_NGU)
    lay.quoc_hieu = next((ln for ln in lines if key(ln.text) == qh_key), None)
    start = index[id(lay.quoc_hieu)] + 1 if lay.quoc_hieu else 0
    lay.tieu_ngu = next((ln for ln in lines[start:] if key(ln.text) == tn_key), None)

    anchor = lay.tieu_ngu or lay.quoc_hieu
    if anchor is not None:
        lay.header_table = top_table(anchor.para.container)
    header_end = index[id(anchor)] if anchor else -1
    if lay.header_table is not None:
        header_end = max(i for i, ln in enumerate(lines) if top_table(ln.para.container) is lay.header_table)

    # the type name: among the first lines after the header
    after = [ln for ln in lines[header_end + 1:header_end + 1 + _TYPE_SEARCH]
             if top_table(ln.para.container) is None]
    lay.type_line = next((ln for ln in after if key(ln.text) in _TYPE_KEYS), None)
    if lay.type_line:
        lay.type_name = _TYPE_KEYS[key(lay.type_line.text)]

    header_stop = index[id(lay.type_line)] if lay.type_line else header_end + 1 + _TYPE_SEARCH
    head = lines[:max(header_stop, 0)]
    lay.so = next((ln for ln in head if SO_LINE.match(fold(ln.text))), None)
    lay.date = next((ln for ln in head if DATE_LINE.match(fold(ln.text))), None)
    _find_issuer(lay, head)

    # trích yếu: centred lines right after the type name (the V/v line of a công văn)
    body_start = index[id(lay.type_line)] if lay.type_line else header_end
    if lay.is_cong_van:
        vv = next((ln for ln in head if VV_LINE.match(fold(ln.text))), None)
        if vv is not None:
            lay.trich_yeu = [vv]
            body_start = max(body_start, index[id(vv)])
    else:
        lay.trich_yeu = _trich_yeu(lines[body_start + 1:])
        if lay.trich_yeu:
            body_start = index[id(lay.trich_yeu[-1])]
    _find_body_and_signature(lay, doc, lines[body_start + 1:])
    return lay


def _trich_yeu(following: list) -> list:
    """The centred lines in sentence case that follow the type name, one paragraph
    after the other."""
    out = []
    for ln in following:
        para = ln.para
        if para.props.alignment != "center" or is_upper(ln.text) or NOT_TRICH_YEU.match(fold(ln.text)):
            break
        prev = out[-1].para if out else None
        if prev is not None and para is not prev and (para.container is not prev.container or para.pos != prev.pos + 1):
            break
        out.append(ln)
    return out


def _find_issuer(lay: Layout, head: list) -> None:
    """Managing and issuing body: the lines above `Số:` in the header's left column."""
    so, taken = lay.so, {id(x) for x in (lay.quoc_hieu, lay.tieu_ngu, lay.date, lay.so) if x}
    if so is not None and so.para.container.kind == "cell":
        cell = so.para.container
        column = [c for row in cell.table.rows for c in row if c.col == cell.col and c.row <= cell.row]
        candidates = [ln for c in column for p in c.paras for ln in p.lines if ln.text]
        candidates = candidates[:next((i for i, ln in enumerate(candidates) if ln is so), len(candidates))]
    elif lay.quoc_hieu is not None and lay.quoc_hieu.para.container.kind == "cell":
        qh = lay.quoc_hieu.para.container
        column = [c for row in qh.table.rows for c in row if c.col < qh.col]
        candidates = [ln for c in column for p in c.paras for ln in p.lines if ln.text]
    else:  # no header table: the lines above `Số:` (or above the Quốc hiệu)
        anchor = so or lay.quoc_hieu
        candidates = head[:next((i for i, ln in enumerate(head) if ln is anchor), 0)]
    candidates = [ln for ln in candidates if id(ln) not in taken and not VV_LINE.match(fold(ln.text))]
    issuer = []
    for ln in reversed(candidates):
        if ln.ink_runs and all(r.props.bold for r in ln.ink_runs):
            issuer.insert(0, ln)
        elif issuer:
            break
    if not issuer and candidates:
        issuer = [candidates[-1]]
    lay.issuer = issuer
    lay.managing = candidates[:len(candidates) - len(issuer)]


def _find_body_and_signature(lay: Layout, doc: Doc, rest: list) -> None:
    lay.noi_nhan = next((ln for ln in rest if NOI_NHAN.match(fold(ln.text))), None)
    body_paras = []
    for ln in rest:
        if ln.para.container.kind == "body" and (not body_paras or body_paras[-1] is not ln.para):
            body_paras.append(ln.para)
    end = next((p for p in body_paras if p.text.rstrip().endswith("./.")), None)
    lay.body_closed = end is not None

    table = top_table(lay.noi_nhan.para.container) if lay.noi_nhan else None
    if table is None:
        after = end.order if end else (rest[0].para.order if rest else 0)
        tables = [t for t in doc.tables if t.top_level and t.first_order is not None and t.first_order > after]
        table = next((t for t in tables if _looks_like_signature(t)), None)
    lay.signature_table = table

    if end is not None:
        stop = end.order
    else:
        stops = [table.first_order - 1] if table is not None and table.first_order is not None else []
        if lay.noi_nhan is not None and lay.noi_nhan.para.container.kind == "body":
            stops.append(lay.noi_nhan.para.order - 1)
        stop = min(stops, default=float("inf"))
    lay.body = [p for p in body_paras if p.order <= stop]

    if lay.noi_nhan is not None:
        para = lay.noi_nhan.para
        same = [ln for p in para.container.paras[para.pos:] for ln in p.lines if ln.text]
        entries = same[same.index(lay.noi_nhan) + 1:]
        if para.container.kind == "body":
            cut = next((i for i, ln in enumerate(entries) if not ln.text.startswith(("-", "+"))), len(entries))
            entries = entries[:cut]
        lay.noi_nhan_entries = entries


def _looks_like_signature(table: Table) -> bool:
    """A small table with an upper-case bold line in a cell: a signature block."""
    if len(table.rows) > 2 or any(len(row) > 3 for row in table.rows):
        return False
    for cell in table.cells():
        for p in cell.paras:
            for ln in p.lines:
                if ln.text and is_upper(ln.text) and ln.ink_runs and all(r.props.bold for r in ln.ink_runs):
                    return True
    return False
