"""What the rules share: the Finding, text folding, measures, and the look of an element."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..metrics import text_twips
from ..vietnamese import without_marks
from .wordfile import Line, Para

TNR = "Times New Roman"


@dataclass(frozen=True)
class Finding:
    """One departure from the thể thức: a short ASCII rule id, where it is, and
    what the rule is (both in Vietnamese)."""

    rule: str
    where: str
    message: str
    order: int = field(default=-1, compare=False, repr=False)  # reading order, for sorting


def finding(rule: str, target, message: str) -> Finding:
    """A Finding located at a Line, a Para, or (target a string) a named place."""
    if isinstance(target, (Line, Para)):
        para = target.para if isinstance(target, Line) else target
        return Finding(rule, target.where, message, para.order)
    return Finding(rule, target, message)


# ---------------------------------------------------------------------------- text

_OLD_TONES = {  # old-style tone placement → the placement the decree uses, for matching only
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_DASHES = re.compile("[\u2010-\u2015\u2212]")
# Only an open syllable differs between the two placements (hoá/hóa, thuỷ/thủy); before
# another letter both write the same (hoài, hoàn, khuỷu): leave those alone.
_OLD_TONE = re.compile("(" + "|".join(_OLD_TONES) + ")(?![^\\W\\d_])", re.IGNORECASE)


def _placed(match: re.Match) -> str:
    old = match.group(0)
    new = _OLD_TONES[old.lower()]
    if old.isupper():
        return new.upper()
    return new[0].upper() + new[1] if old[0].isupper() else new


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)  # the same lines are looked at by several rules
def fold(text: str) -> str:
    """Case-folded, NFC, dashes as `-`, whitespace collapsed, old tone placement
    modernised: for finding an element whatever its spelling."""
    text = _OLD_TONE.sub(_placed, _DASHES.sub("-", nfc(text)).casefold())
    return " ".join(text.split())


def key(text: str) -> str:
    """fold() without any spaces: `Độc lập-Tự do-Hạnh phúc` finds the Tiêu ngữ."""
    return fold(text).replace(" ", "")


@lru_cache(maxsize=65536)
def bare(text: str) -> str:
    """fold() without diacritics (đ as d): finds `CONG HOA`, `So:`, `ngay` typed without them."""
    return without_marks(fold(text))


def has_diacritics(text: str) -> bool:
    """Whether any letter of `text` is outside plain ASCII (a Vietnamese letter)."""
    return any(c.isalpha() and not c.isascii() for c in text)


def modern(text: str) -> str:
    """NFC, whitespace collapsed, old tone placement (HOÁ, THUỶ) as the Decree
    writes it (HÓA, THỦY), case kept: for comparing text with the Decree's."""
    return _OLD_TONE.sub(_placed, collapse(text))


def collapse(text: str) -> str:
    return " ".join(nfc(text).split())


def is_upper(text: str) -> bool:
    """Some letter, and no lower-case one."""
    letter = False
    for c in text:
        if c.isalpha():
            if c.islower():
                return False
            letter = True
    return letter


# ---------------------------------------------------------------------------- numbers


def num(value: float, digits: int = 1) -> str:
    """`8,8`, `12`: Vietnamese decimal comma, no trailing `,0`."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else str(round(value))
    return text.replace(".", ",")


def cm(twips: float) -> str:
    return f"{num(twips / 567, 2 if twips < 567 else 1)} cm"


def mm(twips: float) -> str:
    return f"{num(twips / 56.7, 1)} mm"


def pt_range(lo: float, hi: float) -> str:
    return num(lo) if lo == hi else f"{num(lo)}–{num(hi)}"


# ---------------------------------------------------------------------------- measures


def line_twips(line: Line) -> float:
    """Estimated printed width of a line, leading and trailing spaces left out."""
    runs = [r for r in line.runs if r.text]
    total = 0.0
    for i, run in enumerate(runs):
        text = run.text.replace("\t", " ")
        if i == 0:
            text = text.lstrip()
        if i == len(runs) - 1:
            text = text.rstrip()
        p = run.props
        total += text_twips(text, p.size, p.bold, p.spacing, p.scale)
    return total


def first_line_room(line: Line) -> float:
    """Room for `line`: the paragraph's width, less the first-line indent on line 1."""
    room = line.para.avail
    if line.index == 0:
        room -= line.para.props.first_line
    return room


def line_height(para: Para) -> float:
    """Height of one line of `para` in twips (single = 1.15 em for Times New Roman)."""
    sizes = [r.props.size for r in para.runs if r.text.strip()] or [para.mark.size if para.mark else 13]
    single = max(sizes) * 20 * 1.15
    props = para.props
    if props.line_rule == "exact":
        return props.line
    if props.line_rule == "atLeast":
        return max(props.line, single)
    return single * props.line / 240


def para_height(para: Para) -> float:
    room = max(para.avail, 1)
    lines = sum(max(1, math.ceil(line_twips(line) / room)) for line in para.lines)
    return lines * line_height(para) + para.props.before + para.props.after


# ---------------------------------------------------------------------------- rules under a line

_SOLID = ("single", "thick")


@dataclass
class Rule:
    """A line drawn under an element: a border, an underline or a shape."""

    length: float
    solid: bool


def rules_under(line: Line) -> list:
    """Every line that could be the rule under `line`, nearest first: the
    paragraph's bottom border, an underline of the text, a line shape in the
    paragraph, then borders and shapes of the empty paragraphs below and the top
    border of the next paragraph with text."""
    para = line.para
    found = []
    later = para.lines[line.index + 1 :]
    typed = [ln for ln in later if ln.text]
    if typed and is_typed_rule(typed[0].text):  # `HÀ NỘI⏎______`: typed after a line break
        found.append(_typed_in_line(typed[0], line))
    if all(not ln.text or is_typed_rule(ln.text) for ln in later):
        found += _border(para, "bottom")
    runs = line.ink_runs
    if runs and all(r.props.underline for r in runs):
        found.append(Rule(line_twips(line), all(r.props.underline in _SOLID for r in runs)))
    found += [Rule(s.length, s.solid) for s in para.shapes]
    below = para.next()
    while below is not None:
        found += _border(below, "top")
        found += [Rule(s.length, s.solid) for s in below.shapes]
        typed = _typed_rule(below, line)
        if typed is not None:
            found.append(typed)
        if below.text and not is_typed_rule(below.text):
            break
        found += _border(below, "bottom")
        below = below.next()
    above = para.next(-1)
    if above is not None:
        found += [Rule(s.length, s.solid) for s in above.shapes]
    found += _cell_tops_below(line)
    return found


def _cell_tops_below(line: Line) -> list:
    """The top borders of the cells of the next row that lie under `line`'s cell, when
    `line` ends the cell's text: the rule of a header laid out in a table drawn as the top
    border of a cell as wide as the rule."""
    cell = line.para.container
    table = cell.table
    if cell.kind != "cell" or table is None or cell.row >= len(table.rows):
        return []
    if any(ln.text for ln in line.para.lines[line.index + 1 :]) or any(p.text for p in cell.paras[line.para.pos + 1 :]):
        return []
    out = []
    for below in table.rows[cell.row]:
        middle = below.x + below.span / 2
        if below.top_border not in (None, "none", "nil") and cell.x <= middle <= cell.x + cell.span:
            out.append(Rule(below.span, below.top_border in _SOLID))
    return out


SHORT_RULE = (1 / 3 - 0.05, 1 / 2 + 0.05)  # 1/3–1/2 of the text, with some slack
FULL_RULE = (0.8, 1.25)  # as long as the text


def check_rule_under(rule_id: str, lines: list, element: str, short: bool, below=None):
    """A Finding unless a solid line of the right length is drawn under `lines` (or
    under the Line `below`, when another line comes between): 1/3–1/2 of the text's
    width when `short`, else as long as the text."""
    last = below if below is not None else lines[-1]
    width = max(1, max(min(line_twips(ln), ln.para.avail) for ln in lines))
    lo, hi = SHORT_RULE if short else FULL_RULE
    if short:
        wanted = f"dài từ 1/3 đến 1/2 dòng chữ ({cm(width / 3)} đến {cm(width / 2)}), đặt cân đối giữa"
    else:
        wanted = f"dài bằng dòng chữ ({cm(width)})"
    rules = rules_under(last)
    if not rules:
        return finding(rule_id, last, f"Dưới {element} phải có đường kẻ ngang nét liền, {wanted}.")
    if any(r.solid and lo <= r.length / width <= hi for r in rules):
        return None
    if not rules[0].solid:
        return finding(rule_id, last, f"Đường kẻ dưới {element} phải là nét liền.")
    return finding(rule_id, last, f"Đường kẻ dưới {element} phải {wanted}; đang dài {cm(rules[0].length)}.")


GAP = re.compile(r"[\t ]*\t[\t ]*| {3,}")  # what separates the columns of a header laid out with tabs
UNDERSCORES = re.compile(r"^(_{3,}|-{3,}|[\u2013\u2014]{2,})$")  # typed: ____, -----, ———
RULE_CHARS = re.compile(r"_{3}|-{3}|[\u2013\u2014]{2}")  # what any UNDERSCORES piece holds
_RIGHT_ONLY = re.compile(r"^( *\t[\t ]*\t| {12,})")  # a lead this long puts lone text in the right column


def columns(raw: str) -> list:
    """(column, start, end) of each piece of text in a line laid out with tabs or
    runs of spaces: the first piece is the left column (0), the others the right
    (1); a lone piece behind two tabs or many spaces is in the right column."""
    pieces, pos = [], 0
    for m in list(GAP.finditer(raw)) + [None]:
        end = m.start() if m else len(raw)
        if raw[pos:end].strip():
            pieces.append([pos, end])
        if m is not None:
            pos = m.end()
    pieces = _rejoin(raw, pieces)
    if not pieces:
        return []
    if len(pieces) == 1:
        return [(1 if _RIGHT_ONLY.match(raw) else 0, *pieces[0])]
    return [(0 if i == 0 else 1, start, end) for i, (start, end) in enumerate(pieces)]


# A gap inside one element, not between columns: `Số:      /QĐ-UBND` (the number left blank
# for the clerk), `Quảng Bình, ngày` ⇥ `tháng 10 năm 2022` (a date laid out with tabs).
_OPEN_END = re.compile(r"(\bs[ốo]\s*:|\bng[àa]y|\bth[áa]ng|\bn[ăa]m|[,:/\-])$", re.IGNORECASE)
_GOES_ON = re.compile(r"^(/|th[áa]ng\b|n[ăa]m\b|\d{1,2}\s+th[áa]ng\b)", re.IGNORECASE)


def _rejoin(raw: str, pieces: list) -> list:
    """Pieces split by a gap that are one element (the gap inside `Số:` or the date) joined."""
    out = []
    for piece in pieces:
        if out and _OPEN_END.search(raw[out[-1][0] : out[-1][1]].rstrip()) and _GOES_ON.match(raw[piece[0] : piece[1]]):
            out[-1] = [out[-1][0], piece[1]]
        else:
            out.append(piece)
    return out


def is_typed_rule(text: str) -> bool:
    """A line of underscores only (`_______`): a rule typed as text, as the Decree's
    own .doc files do under the issuer, the Tiêu ngữ and the trích yếu."""
    if not RULE_CHARS.search(text):
        return False  # nearly every line: asked of each one, several times
    pieces = [p for p in GAP.split(text.strip()) if p]
    return bool(pieces) and all(UNDERSCORES.match(p.strip()) for p in pieces)


def _typed_rule(para: Para, above: Line) -> Optional[Rule]:
    """The rule typed as underscores in `para` that stands under `above` (in the
    same column of a header laid out with tabs), or None."""
    if len(para.lines) != 1:
        return None
    runs = para.lines[0].runs
    raw = "".join(r.text for r in runs)
    pieces = columns(raw)
    if above.column is None:
        if len(pieces) != 1 or not is_typed_rule(raw):
            return None
        _col, start, end = pieces[0]
    else:
        mine = [(s, e) for col, s, e in pieces if col == above.column]
        if not mine or not UNDERSCORES.match(raw[mine[0][0] : mine[0][1]].strip()):
            return None
        start, end = mine[0]
    pos, props = 0, None
    for run in runs:
        if pos <= start < pos + len(run.text):
            props = run.props
        pos += len(run.text)
    if props is None:
        return None
    return Rule(text_twips(raw[start:end].strip(), props.size, props.bold, props.spacing, props.scale), True)


def _typed_in_line(rule_line: Line, above: Line) -> Rule:
    """The rule typed as underscores on `rule_line`, in `above`'s column when laid out with tabs."""
    raw = "".join(r.text for r in rule_line.runs)
    pieces = columns(raw)
    if above.column is not None:
        pieces = [p for p in pieces if p[0] == above.column] or pieces
    _col, start, end = pieces[0] if pieces else (0, 0, len(raw))
    props = rule_line.runs[0].props
    pos = 0
    for run in rule_line.runs:
        if pos <= start < pos + len(run.text):
            props = run.props
        pos += len(run.text)
    return Rule(text_twips(raw[start:end].strip(), props.size, props.bold, props.spacing, props.scale), True)


def _border(para: Para, side: str) -> list:
    val, _size = para.props.borders.get(side, ("none", 0))
    if val in ("none", "nil"):
        return []
    return [Rule(max(para.avail, 0), val in _SOLID)]


# ---------------------------------------------------------------------------- the look of an element

_ALIGN_NAMES = {
    "left": "căn trái",
    "center": "căn giữa",
    "right": "căn phải",
    "both": "căn đều hai bên",
    "distribute": "căn đều hai bên",
}
CENTER = ("center",)
JUSTIFIED = ("both", "distribute")
LEFT_OR_JUSTIFIED = ("left", "both", "distribute")


def align_name(jc: str) -> str:
    return _ALIGN_NAMES.get(jc, f"căn lề {jc}")


@dataclass(frozen=True)
class Look:
    """How an element must look; None leaves an aspect unchecked."""

    sizes: Optional[tuple] = None  # (lowest, highest) in pt
    bold: Optional[bool] = None
    italic: Optional[bool] = None
    align: Optional[tuple] = None
    upper: Optional[bool] = None

    def describe(self) -> str:
        parts = []
        if self.upper:
            parts.append("viết in hoa")
        if self.bold is not None:
            parts.append("in đậm" if self.bold else "không in đậm")
        if self.italic is not None:
            parts.append("in nghiêng" if self.italic else "kiểu chữ đứng")
        if self.sizes:
            parts.append(f"cỡ chữ {pt_range(*self.sizes)}")
        if self.align:
            names = []
            for a in self.align:
                if align_name(a) not in names:
                    names.append(align_name(a))
            parts.append(" hoặc ".join(names))
        return ", ".join(parts)

    def problems(self, line: Line) -> list:
        runs = line.ink_runs
        out = []
        if self.upper and not is_upper(line.text):
            out.append("không viết in hoa")
        if self.bold is not None and runs:
            wrong = [r for r in runs if r.props.bold != self.bold]
            if wrong:
                word = "không in đậm" if self.bold else "in đậm"
                out.append(word if len(wrong) == len(runs) else f"có chữ {word}")
        if self.italic is not None and runs:
            wrong = [r for r in runs if r.props.italic != self.italic]
            if wrong:
                word = "không in nghiêng" if self.italic else "in nghiêng"
                out.append(word if len(wrong) == len(runs) else f"có chữ {word}")
        if self.sizes and runs:
            lo, hi = self.sizes
            sizes = sorted({r.props.size for r in runs})
            if any(not lo - 0.01 <= s <= hi + 0.01 for s in sizes):
                out.append("cỡ chữ " + ", ".join(num(s) for s in sizes))
        if self.align and line.column is None:  # a tab-laid column has no alignment of its own
            got = line.para.props.alignment
            if got not in self.align:
                out.append(align_name(got))
        return out

    def check(self, rule: str, line: Line, element: str):
        """A Finding when `line` does not look as it must, else None."""
        problems = self.problems(line)
        if problems:
            return finding(rule, line, f"{element} phải {self.describe()}; đang: {', '.join(problems)}.")
        return None
