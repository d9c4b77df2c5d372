"""Effective run and paragraph properties, resolved as Word resolves them.

Order of the layers, lowest first (ECMA-376 §17.7.2): document defaults
(w:docDefaults), the table style (for paragraphs in a table), the numbering level
(paragraphs only), the paragraph style and its w:basedOn chain, the character
style and its chain (runs only), then direct formatting. Each property is taken
from the highest layer that sets it; theme fonts (w:asciiTheme …) are looked up
in the theme part.

Simplifications: toggle properties (bold, italic, caps) simply override instead
of toggling between style layers; conditional table formatting (first row,
banded rows) is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
DEFAULT_FONT = "Times New Roman"  # what Word uses when no font is set anywhere
DEFAULT_SIZE = 10.0  # pt, when no w:sz is set anywhere
DEFAULT_CELL_MARGIN = 108  # twips left and right, Word's "Normal Table"

_FONT_SLOTS = (("ascii", "asciiTheme"), ("hAnsi", "hAnsiTheme"), ("eastAsia", "eastAsiaTheme"), ("cs", "cstheme"))
_TOGGLES = {"b": "bold", "i": "italic", "caps": "caps", "vanish": "vanish", "cs": "complex", "rtl": "complex"}


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def local(el) -> str:
    tag = el.tag
    return _local(tag) if isinstance(tag, str) else ""


@lru_cache(maxsize=4096)  # a few hundred tags, asked for hundreds of thousands of times
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def attr(el, name: str) -> Optional[str]:
    return None if el is None else el.get(w(name))


def on_off(el) -> bool:
    """Value of an on/off element that is present (`<w:b/>` is on)."""
    return attr(el, "val") not in ("0", "false", "off", "none")


def to_int(value: Optional[str], default: Optional[int] = None) -> Optional[int]:
    if value is None:
        return default
    try:
        return int(round(float(value.strip().rstrip("%"))))
    except ValueError:
        return default


@dataclass
class RunProps:
    fonts: dict = field(default_factory=dict)  # slot → font name
    hint: Optional[str] = None
    size: float = DEFAULT_SIZE
    bold: bool = False
    italic: bool = False
    caps: bool = False
    vanish: bool = False
    complex: bool = False  # w:cs or w:rtl: the run uses the complex-script font
    color: str = "auto"
    theme_color: Optional[str] = None
    underline: Optional[str] = None
    spacing: int = 0  # twips added after each character
    scale: int = 100  # horizontal scale, percent

    def font_names(self, text: str) -> set:
        """The fonts Word would use to draw `text` (ignoring spaces)."""
        fonts = self.fonts
        one = fonts.get("ascii") or DEFAULT_FONT
        if all((fonts.get(slot) or DEFAULT_FONT) == one for slot in ("hAnsi", "eastAsia", "cs")):
            # every slot names the same font (a generated document): no need to ask per letter
            return {one} if text and not text.isspace() else set()
        names = set()
        for ch in set(text):  # each character once: a line repeats its letters
            if ch.isspace():
                continue
            names.add(self.font_for(ch))
        return names

    def font_for(self, ch: str) -> str:
        if self.complex:
            slot = "cs"
        elif ord(ch) < 0x80:
            slot = "ascii"
        elif self.hint == "eastAsia" and (0xA0 <= ord(ch) <= 0x24F or 0x1E00 <= ord(ch) <= 0x1EFF):
            slot = "eastAsia"
        else:
            slot = "hAnsi"
        return self.fonts.get(slot) or DEFAULT_FONT

    @property
    def black(self) -> bool:
        if self.theme_color and self.theme_color.lower() not in ("text1", "dark1"):
            return False
        return self.color.lower() in ("auto", "000000")


@dataclass
class ParaProps:
    style_id: Optional[str] = None
    jc: str = "left"
    ind_left: int = 0
    ind_right: int = 0
    first_line: int = 0  # twips; negative for a hanging indent
    first_line_chars: Optional[int] = None  # hundredths of a character
    before: int = 0
    after: int = 0
    line: int = 240
    line_rule: str = "auto"
    contextual: bool = False
    borders: dict = field(default_factory=dict)  # side → (val, size in eighths of pt)
    num: Optional[tuple] = None  # (numId, ilvl)
    page_break_before: bool = False

    @property
    def alignment(self) -> str:
        return {"start": "left", "end": "right", "justify": "both"}.get(self.jc, self.jc)


def _theme_fonts(theme) -> dict:
    fonts: dict = {}
    if theme is None:
        return fonts
    scheme = theme.find(f".//{{{A_NS}}}fontScheme")
    if scheme is None:
        return fonts
    for kind in ("major", "minor"):
        font = scheme.find(f"{{{A_NS}}}{kind}Font")
        if font is None:
            continue
        for script, names in (("latin", ("Ascii", "HAnsi")), ("ea", ("EastAsia",)), ("cs", ("Bidi",))):
            el = font.find(f"{{{A_NS}}}{script}")
            typeface = el.get("typeface") if el is not None else None
            for name in names:
                if typeface:
                    fonts[kind + name] = typeface
    return fonts


def markup_key(el) -> Optional[tuple]:
    """What identifies an element's markup, for the caches: every element's tag, text and
    attributes (a third of the cost of etree.tostring, which writes out every namespace of
    the document for each element)."""
    if el is None:
        return None
    return tuple((e.tag, _text_of(e), tuple(e.attrib.items())) for e in el.iter())


# lxml's own text: python-docx's element classes give some elements (w:r) a `text` of
# their own, computed with XPath.
_text_of = etree._Element.text.__get__


class StyleSheet:
    """Styles, theme fonts and numbering of one document."""

    def __init__(self, styles=None, theme=None, numbering=None):
        self.theme = _theme_fonts(theme)
        self.styles: dict = {}
        self.defaults: dict = {}
        self.doc_rpr = self.doc_ppr = None
        if styles is not None:
            for st in styles.iter(w("style")):
                sid = attr(st, "styleId")
                self.styles[sid] = st
                if attr(st, "default") in ("1", "true", "on"):
                    self.defaults.setdefault(attr(st, "type"), sid)
            dd = styles.find(w("docDefaults"))
            if dd is not None:
                self.doc_rpr = dd.find(f"{w('rPrDefault')}/{w('rPr')}")
                self.doc_ppr = dd.find(f"{w('pPrDefault')}/{w('pPr')}")
        self.numbering = numbering
        self._cache: dict = {}
        self.paragraphs: dict = {}  # pipeline.formatcheck.wordreader: paragraphs already read
        self.cells: dict = {}  # and table cells' geometry

    # ------------------------------------------------------------------ styles

    def chain(self, style_id: Optional[str], kind: str) -> list:
        """The style and its w:basedOn ancestors, base first."""
        if style_id is None or style_id not in self.styles:
            style_id = self.defaults.get(kind)
        out, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            st = self.styles[style_id]
            out.append(st)
            style_id = attr(st.find(w("basedOn")), "val")
        return out[::-1]

    def table_style_el(self, tbl_style_id: Optional[str], name: str) -> list:
        """`name` (w:pPr, w:rPr, w:tblPr) of a table style chain, base first."""
        return [st.find(w(name)) for st in self.chain(tbl_style_id, "table")]

    # ------------------------------------------------------------------ runs

    def run_props(
        self, rpr, para_style: Optional[str], tbl_style: Optional[str] = None, in_table: bool = False
    ) -> RunProps:
        # Resolved once per run properties and place and shared, as para_props does: a
        # RunProps is never modified.
        whole = ("R", markup_key(rpr), para_style, tbl_style, in_table)
        found = self._cache.get(whole)
        if found is None:
            found = self._cache[whole] = self._run_props(rpr, para_style, tbl_style, in_table)
        return found

    def _run_props(
        self, rpr, para_style: Optional[str], tbl_style: Optional[str] = None, in_table: bool = False
    ) -> RunProps:
        char_style = attr(rpr.find(w("rStyle")), "val") if rpr is not None else None
        key = ("r", para_style, tbl_style if in_table else None, in_table, char_style)
        base = self._cache.get(key)
        if base is None:
            state: dict = {}
            layers = [self.doc_rpr]
            if in_table:
                layers += self.table_style_el(tbl_style, "rPr")
            layers += [st.find(w("rPr")) for st in self.chain(para_style, "paragraph")]
            layers += [st.find(w("rPr")) for st in self.chain(char_style, "character")]
            for layer in layers:
                self._apply_rpr(state, layer)
            base = self._cache[key] = state
        state = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
        self._apply_rpr(state, rpr)
        return RunProps(**state)

    def _apply_rpr(self, s: dict, rpr) -> None:
        if rpr is None:
            return
        for child in rpr:
            tag = local(child)
            if tag == "rFonts":
                fonts = s.setdefault("fonts", {})
                for slot, theme_attr in _FONT_SLOTS:
                    theme_name = attr(child, theme_attr)
                    if theme_name and theme_name in self.theme:
                        fonts[slot] = self.theme[theme_name]
                    elif attr(child, slot):
                        fonts[slot] = attr(child, slot)
                if attr(child, "hint"):
                    s["hint"] = attr(child, "hint")
            elif tag == "sz":
                half_points = to_int(attr(child, "val"))
                if half_points:
                    s["size"] = half_points / 2
            elif tag in _TOGGLES:
                s[_TOGGLES[tag]] = on_off(child)
            elif tag == "color":
                s["color"] = attr(child, "val") or "auto"
                s["theme_color"] = attr(child, "themeColor")
            elif tag == "u":
                val = attr(child, "val") or "single"
                s["underline"] = None if val == "none" else val
            elif tag == "spacing":
                s["spacing"] = to_int(attr(child, "val"), 0)
            elif tag == "w":
                s["scale"] = to_int(attr(child, "val"), 100)

    # ------------------------------------------------------------------ paragraphs

    def para_props(self, ppr, tbl_style: Optional[str] = None, in_table: bool = False) -> ParaProps:
        # The same pPr in the same place resolves the same (a generated document repeats a
        # few dozen of them): resolved once and shared, so a ParaProps is never modified.
        key = ("p", markup_key(ppr), tbl_style if in_table else None, in_table)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._para_props(ppr, tbl_style, in_table)
        return found

    def _para_props(self, ppr, tbl_style: Optional[str] = None, in_table: bool = False) -> ParaProps:
        style_id = attr(ppr.find(w("pStyle")), "val") if ppr is not None else None
        if style_id not in self.styles:
            style_id = self.defaults.get("paragraph")
        style_layers = [st.find(w("pPr")) for st in self.chain(style_id, "paragraph")]
        num = None
        for layer in style_layers + [ppr]:
            num = self._num_pr(layer, num)
        layers = [self.doc_ppr]
        if in_table:
            layers += self.table_style_el(tbl_style, "pPr")
        if num is not None:
            layers.append(self._numbering_ppr(*num))
        layers += style_layers + [ppr]
        state: dict = {"style_id": style_id, "num": num}
        for layer in layers:
            self._apply_ppr(state, layer)
        return ParaProps(**state)

    @staticmethod
    def _num_pr(ppr, current):
        el = ppr.find(w("numPr")) if ppr is not None else None
        if el is None:
            return current
        num_id = attr(el.find(w("numId")), "val")
        ilvl = attr(el.find(w("ilvl")), "val") or (current[1] if current else "0")
        if num_id in (None, "0"):
            return None if num_id == "0" else current
        return (num_id, ilvl)

    def _numbering_ppr(self, num_id: str, ilvl: str):
        if self.numbering is None:
            return None
        for num in self.numbering.iter(w("num")):
            if attr(num, "numId") != num_id:
                continue
            for override in num.iter(w("lvlOverride")):
                if attr(override, "ilvl") == ilvl and override.find(w("lvl")) is not None:
                    return override.find(w("lvl")).find(w("pPr"))
            abstract_id = attr(num.find(w("abstractNumId")), "val")
            for abstract in self.numbering.iter(w("abstractNum")):
                if attr(abstract, "abstractNumId") == abstract_id:
                    for lvl in abstract.iter(w("lvl")):
                        if attr(lvl, "ilvl") == ilvl:
                            return lvl.find(w("pPr"))
        return None

    @staticmethod
    def _apply_ppr(s: dict, ppr) -> None:
        if ppr is None:
            return
        for child in ppr:
            tag = local(child)
            if tag == "jc":
                s["jc"] = attr(child, "val") or "left"
            elif tag == "ind":
                left = to_int(attr(child, "left") or attr(child, "start"))
                right = to_int(attr(child, "right") or attr(child, "end"))
                if left is not None:
                    s["ind_left"] = left
                if right is not None:
                    s["ind_right"] = right
                if attr(child, "hanging") is not None:
                    s["first_line"] = -to_int(attr(child, "hanging"), 0)
                    s["first_line_chars"] = None
                elif attr(child, "firstLine") is not None:
                    s["first_line"] = to_int(attr(child, "firstLine"), 0)
                    s["first_line_chars"] = None
                if attr(child, "firstLineChars") is not None:
                    s["first_line_chars"] = to_int(attr(child, "firstLineChars"), 0)
                if attr(child, "hangingChars") is not None:
                    s["first_line_chars"] = -to_int(attr(child, "hangingChars"), 0)
            elif tag == "spacing":
                for name in ("before", "after"):
                    if on_off_attr(child, name + "Autospacing"):
                        s[name] = 280
                    elif attr(child, name + "Lines") is not None:
                        s[name] = to_int(attr(child, name + "Lines"), 0) * 240 // 100
                    elif attr(child, name) is not None:
                        s[name] = to_int(attr(child, name), 0)
                if attr(child, "line") is not None:
                    s["line"] = to_int(attr(child, "line"), 240)
                    s["line_rule"] = attr(child, "lineRule") or "auto"
            elif tag == "contextualSpacing":
                s["contextual"] = on_off(child)
            elif tag == "pageBreakBefore":
                s["page_break_before"] = on_off(child)
            elif tag == "pBdr":
                borders = dict(s.get("borders", {}))
                for side in child:
                    val = attr(side, "val") or "none"
                    borders[local(side)] = (val, to_int(attr(side, "sz"), 4))
                s["borders"] = borders


def on_off_attr(el, name: str) -> bool:
    return attr(el, name) in ("1", "true", "on")
