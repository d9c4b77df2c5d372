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

from .. import kinds as registry
from ..doctypes import LEGAL_TYPES, TYPE_ABBREVIATIONS, TYPE_NAMES
from .rulekit import bare, collapse, columns, fold, is_typed_rule, is_upper
from .wordfile import Doc, Line, Run, Table

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

# Phụ lục III's types and abbreviations, and the legal types: one table (pipeline/doctypes.py).
_TYPE_FOLDS = sorted(((fold(name), name) for name in TYPE_ABBREVIATIONS), key=lambda x: -len(x[0]))


def _slug(name: str) -> str:
    return bare(name).replace(" ", "-")


# --kind: what staff may say a document is; the value is its type name (None: công văn).
# Each type by its name, then the project's own kinds by their slug and file name
# (`bien-ban-hop-cum`, `to-trinh-khen-thuong`).
KINDS = {_slug(name): name for name in TYPE_ABBREVIATIONS}
KINDS["cong-van"] = None
for _kind in registry.KINDS:
    if _kind.administrative:
        for _name in (_kind.slug, *(w.removesuffix(".docx") for w in _kind.writes if "*" not in w)):
            KINDS.setdefault(_name, _kind.type_name)

# Matched against bare() text (no diacritics), so that text typed without them is
# still found, and reported as such.
SO_LINE = re.compile(r"^so\s*:|^so\s+\d*\s*/")  # lenient: the strict form is a rule
NOT_TRICH_YEU = re.compile(r"^(kinh gui|can cu)\b")
DATE_LINE = re.compile(r"^[^,]{1,80},\s*ngay\b")
VV_LINE = re.compile(r"^v/v\b")
NOI_NHAN = re.compile(r"^noi nhan\b")
AUTHORITY = re.compile(
    r"^(chu tich|giam doc|truong|chanh|cuc truong|bo truong|thu truong|hieu truong|"
    r"vien truong|tong giam doc|uy ban|hoi dong|ban thuong vu|ban chap hanh|chinh phu|"
    r"thu tuong|quoc hoi|chuong|phan|muc|dieu)\b"
)
ATTACHED_NOTE = re.compile(r"^\(?\s*(ban hanh )?kem theo\b")  # `(Ban hành kèm theo Quyết định …)`
APPENDIX_LINE = re.compile(r"^phu luc(\s+([ivxlc]+|\d+))?\s*$")
# Legal normative documents (văn bản quy phạm pháp luật): their number carries the year
# (`15/2010/QĐ-UBND`, `Luật số: 56/2010/QH12`), or their type is one only they have.
LEGAL_NUMBER = re.compile(r"^(luat |bo luat |phap lenh |lenh |nghi quyet )?so\s*:?\s*\d+\s*/\s*(19|20)\d\d\s*/\s*[a-z]")
_LEGAL_FOLDS = [(bare(t), t) for t in LEGAL_TYPES]
# The text a legal normative document issues (`(Ban hành kèm theo Quyết định số 09/2010/QĐ-UBND …)`)
LEGAL_ATTACHED = re.compile(r"^\(?\s*ban hanh kem theo .*?\bso\s*(\d+\s*/\s*(19|20)\d\d\s*/\s*[^\s,)]+)")
FORM_LINE = re.compile(r"^mau (so\b|\d)")  # `Mẫu số: 01/LPTB`: a form another text prescribes
_LEGAL_SEARCH = 14  # lines at the top in which a legal type name or number is looked for
_HEADER_SPLIT = 16  # lines at the top in which a line laid out with tabs is split into columns
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
    noi_nhan_entries: list = field(default_factory=list)  # one list of lines per entry (it may wrap)
    kind: Optional[str] = None  # what --kind said the document is
    final: bool = False  # --final: ready to be issued, no blank left for the clerk
    lines: list = field(default_factory=list)  # every line with text, header columns split
    appendix_only: bool = False  # a Phụ lục in a file of its own (Mẫu 2.2): it opens with `Phụ lục`
    header_in_margin: bool = False  # Quốc hiệu and issuer typed in the first page's header part
    signature_lines: list = field(default_factory=list)  # a signature laid out with tabs beside Nơi nhận
    legal: Optional[str] = None  # why it is a legal normative document (văn bản quy phạm pháp luật)
    vv: Optional[Line] = None  # a `V/v …` line in the header
    # `(Kèm theo Quyết định số … )` under the trích yếu: a text issued with a decision, which
    # carries no number, date, signature or Nơi nhận of its own (the decision does)
    attached: Optional[Line] = None

    @property
    def official(self) -> bool:
        """An administrative document: two of Quốc hiệu, type name and `Số:` line, or
        the Quốc hiệu with an issuer and a date line (an internal document without `Số:`),
        or staff said what it is. A manual titled `HƯỚNG DẪN SỬ DỤNG`, a law copied
        with its Quốc hiệu (`Luật số:` is no `Số:` line) or a citizen's đơn is not one."""
        found = [self.quoc_hieu is not None, self.type_line is not None, self.so is not None]
        internal = self.quoc_hieu is not None and bool(self.issuer) and self.date is not None
        return self.kind is not None or sum(found) >= 2 or internal

    @property
    def type_abbr(self) -> Optional[str]:
        return TYPE_ABBREVIATIONS.get(self.type_name) if self.type_name else None

    @property
    def is_bien_ban(self) -> bool:
        return self.type_name == "BIÊN BẢN"

    @property
    def is_cong_van(self) -> bool:
        """No type name and a ký hiệu without a type abbreviation: a công văn."""
        if self.kind is not None:
            return KINDS[self.kind] is None
        if self.type_name:
            return False
        if self.so is None:  # no number yet: a `V/v` line under the issuer tells
            return self.vv is not None
        m = re.search(r"/\s*([^\s\-/]+)", self.so.text)
        return m is not None and m.group(1) not in TYPE_NAMES


def top_table(container) -> Optional[Table]:
    table = container.table
    while table is not None and not table.top_level:
        table = table.container.table
    return table


def type_name_of(text: str) -> Optional[str]:
    """The type name `text` begins with, when it is in capitals: `BIÊN BẢN LÀM VIỆC`
    is a BIÊN BẢN, `BAO CAO` (no diacritics) a BÁO CÁO."""
    if not is_upper(text) or len(text) > 120:
        return None
    folded, plain = fold(text), bare(text)
    for name_fold, name in _TYPE_FOLDS:
        for got, want in ((folded, name_fold), (plain, bare(name_fold))):
            if got.startswith(want) and (len(got) == len(want) or not got[len(want)].isalnum()):
                return name
    return None


def legal_type_of(text: str) -> Optional[str]:
    """The type name of a legal normative document that `text` is, in capitals (`NGHỊ ĐỊNH`,
    `THÔNG TƯ`, `LUẬT THANH TRA`), or None. `QUYẾT ĐỊNH` and `NGHỊ QUYẾT` are both kinds:
    only their number tells."""
    if not is_upper(text) or len(text) > 120:
        return None
    plain = bare(text).rstrip(" :")
    if plain.startswith(("luat su", "bo luat su")):  # a lawyer (luật sư), not a law
        return None
    for folded, name in _LEGAL_FOLDS:
        if plain == folded or (plain.startswith(folded + " ") and name not in ("LỆNH",)):
            return name
    return None


def _legal(lines: list) -> Optional[str]:
    """Why the document is a legal normative one: its number with the year, or its type."""
    form = False
    for ln in lines[:_LEGAL_SEARCH]:
        text = ln.text
        plain = bare(text)
        m = LEGAL_NUMBER.match(plain)
        if m:
            return f'số, ký hiệu có năm ban hành: "{collapse(text)}"'
        form = form or FORM_LINE.match(plain) is not None
        m = LEGAL_ATTACHED.match(plain)
        if m and not form:
            number = re.search(r"\d+\s*/\s*(19|20)\d\d\s*/\s*[^\s,)]+", collapse(text))
            return f"ban hành kèm theo văn bản số {number.group(0) if number else m.group(1)}"
        name = legal_type_of(text)
        if name is not None:
            return f"tên loại {name}"
    return None


def _split_columns(lines: list) -> list:
    """The first lines, with each line of a header laid out with tabs or runs of
    spaces (not a table) split into its columns; the header ends at the type
    name, at `Kính gửi`/`Căn cứ`, or one line after the date line (room for V/v)."""
    out, after_date = [], None
    for n, line in enumerate(lines):
        plain = bare(line.text)
        if (
            n >= _HEADER_SPLIT
            or type_name_of(line.text)
            or NOT_TRICH_YEU.match(plain)
            or (after_date is not None and n > after_date + 1)
        ):
            return out + lines[n:]
        split = _columns(line) if line.para.container.kind in ("body", "header") else []
        out += split or [line]
        if after_date is None and any(DATE_LINE.match(bare(piece.text)) for piece in split or [line]):
            after_date = n
    return out


def _columns(line: Line) -> list:
    """Line's columns (Lines with `column` set) when a gap of tabs or spaces splits
    it, or tabs place it (its alignment is then the tab stop's); [] otherwise."""
    raw = "".join(r.text for r in line.runs)
    pieces = columns(raw)
    placed = len(pieces) == 1 and (pieces[0][0] == 1 or raw[: pieces[0][1]].count("\t"))  # by a tab stop
    if len(pieces) < 2 and not placed:
        return []
    return [Line(line.para, line.index, _slice_runs(line.runs, start, end), column=col) for col, start, end in pieces]


def _slice_runs(runs: list, start: int, end: int) -> list:
    out, pos = [], 0
    for run in runs:
        lo, hi = max(start, pos), min(end, pos + len(run.text))
        if lo < hi:
            out.append(Run(run.text[lo - pos : hi - pos], run.props))
        pos += len(run.text)
    return out


def locate(doc: Doc, kind: Optional[str] = None) -> Layout:
    lay = Layout(kind=kind)
    lines = [line for line in doc.lines if line.text and not is_typed_rule(line.text)]
    margin = _header_part(doc, lines)
    lay.header_in_margin = bool(margin)
    lines = _split_columns(margin + lines)
    lay.lines = lines
    index = {id(line): i for i, line in enumerate(lines)}

    qh_key, tn_key = bare(QUOC_HIEU).replace(" ", ""), bare(TIEU_NGU).replace(" ", "")
    lay.quoc_hieu = next((ln for ln in lines if bare(ln.text).replace(" ", "") == qh_key), None)
    start = index[id(lay.quoc_hieu)] + 1 if lay.quoc_hieu else 0
    lay.tieu_ngu = next((ln for ln in lines[start:] if bare(ln.text).replace(" ", "") == tn_key), None)

    anchor = lay.tieu_ngu or lay.quoc_hieu
    if anchor is not None:
        lay.header_table = top_table(anchor.para.container)
    header_end = index[id(anchor)] if anchor else -1
    if lay.header_table is not None:
        header_end = max(i for i, ln in enumerate(lines) if top_table(ln.para.container) is lay.header_table)

    # the type name: among the first lines after the header
    after = [ln for ln in lines[header_end + 1 : header_end + 1 + _TYPE_SEARCH] if top_table(ln.para.container) is None]
    lay.type_line = next((ln for ln in after if type_name_of(ln.text)), None)
    if lay.type_line:
        lay.type_name = type_name_of(lay.type_line.text)
    elif kind is not None:
        lay.type_name = KINDS[kind]

    header_stop = index[id(lay.type_line)] if lay.type_line else header_end + 1 + _TYPE_SEARCH
    head = lines[: max(header_stop, 0)]
    lay.so = next((ln for ln in head if SO_LINE.match(bare(ln.text))), None)
    lay.date = next((ln for ln in head if DATE_LINE.match(bare(ln.text))), None)
    _find_issuer(lay, head)
    lay.vv = next((ln for ln in head if VV_LINE.match(bare(ln.text))), None)

    # trích yếu: centred lines right after the type name (the V/v line of a công văn)
    body_start = index[id(lay.type_line)] if lay.type_line else header_end
    if lay.is_cong_van:
        vv = lay.vv
        if vv is not None:
            lay.trich_yeu = [vv]
            body_start = max(body_start, index[id(vv)])
    else:
        lay.trich_yeu = _trich_yeu(lines[body_start + 1 :])
        if lay.trich_yeu:
            body_start = index[id(lay.trich_yeu[-1])]
        nxt = lines[body_start + 1] if lay.type_line is not None and body_start + 1 < len(lines) else None
        if nxt is not None and ATTACHED_NOTE.match(bare(nxt.text)):
            lay.attached = nxt  # a text issued with a decision (Phụ lục III, after Mẫu 1.3)
            body_start += 1
    _find_body_and_signature(lay, doc, lines[body_start + 1 :])
    opens_appendix = (
        bool(lines) and lines[0].para.container.kind == "body" and APPENDIX_LINE.match(bare(lines[0].text)) is not None
    )
    # A file that opens with `Phụ lục` is one (Mẫu 2.2), even when the forms it holds show a
    # Quốc hiệu and a `Số:` line (the Decree's own Phụ lục III).
    lay.appendix_only = kind is None and opens_appendix
    legal = _legal(lines)
    # a Phụ lục opens with `Phụ lục`; it is a legal one when it is issued with a legal text
    lay.legal = legal if not opens_appendix or (legal or "").startswith("ban hành kèm theo") else None
    if lay.legal:
        lay.appendix_only = False
    return lay


def _header_part(doc: Doc, lines: list) -> list:
    """The lines of the first page's header part when the Quốc hiệu is typed there (and
    not in the body), as Word users do: they head the document."""
    qh_key = bare(QUOC_HIEU).replace(" ", "")

    def has_qh(paras_or_lines):
        return any(qh_key in bare(x.text).replace(" ", "") for x in paras_or_lines)

    if has_qh(lines[:_HEADER_SPLIT]):
        return []
    first = doc.sections[0].title_page and doc.headers.get("first")
    paras = first or doc.headers.get("default", [])
    if not has_qh(paras):
        return []
    return [ln for p in paras for ln in p.lines if ln.text and not is_typed_rule(ln.text)]


def _trich_yeu(following: list) -> list:
    """The centred lines in sentence case that follow the type name, one paragraph
    after the other."""
    out = []
    for ln in following:
        para = ln.para
        # typed in capitals (a defect the rule names) only right under the type name, and
        # not the authority line of a decision (`CHỦ TỊCH …`, `ỦY BAN NHÂN DÂN …`)
        capitals = is_upper(ln.text) and (
            any(not is_upper(x.text) for x in out) or AUTHORITY.match(bare(ln.text)) is not None
        )
        if (
            para.props.alignment != "center"
            or capitals
            or NOT_TRICH_YEU.match(bare(ln.text))
            or ATTACHED_NOTE.match(bare(ln.text))
            or type_name_of(ln.text)
            or ln.text.rstrip().endswith(":")
        ):
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
        candidates = candidates[: next((i for i, ln in enumerate(candidates) if ln is so), len(candidates))]
    elif lay.quoc_hieu is not None and lay.quoc_hieu.para.container.kind == "cell":
        qh = lay.quoc_hieu.para.container
        column = [c for row in qh.table.rows for c in row if c.col < qh.col]
        candidates = [ln for c in column for p in c.paras for ln in p.lines if ln.text]
    else:  # no header table: the lines above `Số:` (or above the Quốc hiệu)
        anchor = so or lay.quoc_hieu
        candidates = head[: next((i for i, ln in enumerate(head) if ln is anchor), 0)]
    candidates = [
        ln
        for ln in candidates
        if id(ln) not in taken and not VV_LINE.match(bare(ln.text)) and not ln.column and not is_typed_rule(ln.text)
    ]
    issuer = []
    for ln in reversed(candidates):
        if ln.ink_runs and all(r.props.bold for r in ln.ink_runs):
            issuer.insert(0, ln)
        elif issuer:
            break
    if not issuer and candidates:
        issuer = [candidates[-1]]
    lay.issuer = issuer
    lay.managing = candidates[: len(candidates) - len(issuer)]


def _in_big_table(line: Line) -> bool:
    """In a table too large for a signature block: a table of examples, not the Nơi nhận."""
    table = top_table(line.para.container)
    return table is not None and (len(table.rows) > 3 or any(len(row) > 3 for row in table.rows))


def _find_body_and_signature(lay: Layout, doc: Doc, rest: list) -> None:
    lay.noi_nhan = next((ln for ln in rest if NOI_NHAN.match(bare(ln.text)) and not _in_big_table(ln)), None)
    tabbed = _tab_laid_signature(lay)
    body_paras = []
    for ln in rest:
        if ln.para.container.kind == "body" and (not body_paras or body_paras[-1] is not ln.para):
            body_paras.append(ln.para)
    end = next((p for p in body_paras if p.text.rstrip().endswith("./.")), None)
    lay.body_closed = end is not None

    table = top_table(lay.noi_nhan.para.container) if lay.noi_nhan else None
    if table is None and not tabbed:
        after = end.order if end else (rest[0].para.order if rest else 0)
        tables = [t for t in doc.tables if t.top_level and t.first_order is not None and t.first_order > after]
        table = next((t for t in tables if _looks_like_signature(t)), None)
    lay.signature_table = table

    # The body ends at `./.`, or at the signature or the Nơi nhận when they come first: an
    # attached regulation after the signature (`QUY ĐỊNH … (Ban hành kèm theo …)`) is not it.
    stops = [end.order] if end is not None else []
    if table is not None and table.first_order is not None:
        stops.append(table.first_order - 1)
    if lay.noi_nhan is not None and lay.noi_nhan.para.container.kind == "body":
        stops.append(lay.noi_nhan.para.order - 1)
    stop = min(stops, default=float("inf"))
    lay.body = [p for p in body_paras if p.order <= stop]
    if tabbed:
        return

    if lay.noi_nhan is not None:
        para = lay.noi_nhan.para
        same = [
            ln for p in para.container.paras[para.pos :] for ln in p.lines if ln.text and not is_typed_rule(ln.text)
        ]
        lay.noi_nhan_entries = _entries(same[same.index(lay.noi_nhan) + 1 :], para.container.kind == "body")


def _tab_laid_signature(lay: Layout) -> bool:
    """A signature laid out with tabs beside the Nơi nhận, in paragraphs of the body
    (`Nơi nhận:` ⇥⇥ `TM. ỦY BAN NHÂN DÂN`): the left column is the Nơi nhận list, the
    right column the signature (lay.signature_lines). True when found so."""
    head = lay.noi_nhan
    if head is None or head.para.container.kind != "body":
        return False
    paras = head.para.container.paras
    start = head.para.pos
    # the signature's first lines may stand above the Nơi nhận, each alone in the right column
    while start > 0 and head.para.pos - start < 4:
        above = paras[start - 1]
        pieces = [columns("".join(r.text for r in ln.runs)) for ln in above.lines if ln.text]
        if above.text and not all(len(p) == 1 and p[0][0] == 1 for p in pieces):
            break
        start -= 1
    left, right = [], []
    for para in paras[start:]:
        for ln in para.lines:
            raw = "".join(r.text for r in ln.runs)
            pieces = columns(raw)
            if len(pieces) == 1 and "\t" in raw[: pieces[0][1]]:  # one piece placed by a tab stop
                pieces = [(1, pieces[0][1], pieces[0][2])]
            for col, start, end in pieces:
                piece = Line(ln.para, ln.index, _slice_runs(ln.runs, start, end), column=col)
                if piece.text and not is_typed_rule(piece.text):
                    (left if col == 0 else right).append(piece)
    if (
        not right
        or not left
        or not any(is_upper(x.text) for x in right)
        or left[0] is not head
        and NOI_NHAN.match(bare(left[0].text)) is None
    ):
        return False
    lay.noi_nhan = left[0]
    lay.noi_nhan_entries = _entries(left[1:], in_body=False)
    lay.signature_lines = right
    return True


def _entries(lines: list, in_body: bool) -> list:
    """The Nơi nhận list, one list of lines per entry: a line that does not start
    with `-` after one that does not end an entry (`;`, `.`) continues it."""
    entries = []
    for ln in lines:
        text = ln.text
        starts = text.startswith(("-", "+"))
        if entries and not starts and not entries[-1][-1].text.rstrip().endswith((";", ".")):
            entries[-1].append(ln)
        elif starts or not in_body:
            entries.append([ln])
        else:
            break
    return entries


def _looks_like_signature(table: Table) -> bool:
    """A small table with an upper-case bold line in a cell: a signature block."""
    if len(table.rows) > 2 or any(len(row) > 3 for row in table.rows):
        return False
    for cell in table.cells():
        for p in cell.paras:
            for ln in p.lines:
                if ln.text and is_upper(ln.text) and ln.ink_runs and all(r.props.bold for r in ln.ink_runs):
                    return True
                if SIGNER.match(bare(ln.text)):  # `Thư ký`, `Chủ tọa` typed in sentence case
                    return True
    return False


SIGNER = re.compile(
    r"^(tm|kt|tl|tuq|q)\.\s|^(thu ky|chu toa|chu tri|nguoi lap|nguoi ghi bien ban|"
    r"chu tich|pho chu tich|giam doc|pho giam doc|truong phong|pho truong phong|"
    r"thu truong|hieu truong|truong ban)\s*:?$"
)
