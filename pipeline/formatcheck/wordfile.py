"""A .docx as the rules see it.

Every paragraph of the body, of table cells (nested tables too) and of text
boxes, in reading order, with its place, its resolved properties, its runs, its
lines (a line break w:br splits a paragraph into lines), its fields and the line
shapes drawn in it. Headers and footers are read the same way. Sections give
the page size, margins and header references.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional


from ..errors import PipelineError
from .styles import ParaProps, RunProps, StyleSheet


class UnreadableDocx(PipelineError):
    """The file cannot be read as a Word document; the message says why, in Vietnamese."""


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text[: limit - 1]}…"' if len(text) > limit else f'"{text}"'


@dataclass
class Run:
    text: str
    props: RunProps


@dataclass
class Field:
    instr: str
    runs: list  # the result runs, or the run that begins the field


@dataclass(eq=False)
class Container:
    kind: str  # body, cell, header, footer, textbox
    width: float  # width available to text, twips
    label: str = ""  # how a location in it is named
    table: Optional["Table"] = None
    row: int = 0
    col: int = 0
    paras: list = field(default_factory=list)
    x: float = 0  # a cell's left edge from the table's, twips
    span: float = 0  # a cell's full width, twips
    top_border: Optional[str] = None  # a cell's top border (w:val), when it has one


@dataclass(eq=False)
class Table:
    number: int
    el: object
    style_id: Optional[str]
    container: Container
    rows: list = field(default_factory=list)  # rows of cell Containers

    @property
    def top_level(self) -> bool:
        return self.container.kind == "body"

    def cells(self):
        return [cell for row in self.rows for cell in row]

    @property
    def first_order(self) -> Optional[int]:
        """Reading order of the table's first paragraph."""
        return next((p.order for cell in self.cells() for p in cell.paras), None)


@dataclass(eq=False)
class Line:
    para: "Para"
    index: int
    runs: list
    column: Optional[int] = None  # a column of a header laid out with tabs: 0 left, 1 right

    @cached_property  # the rules ask it hundreds of thousands of times; runs never change
    def text(self) -> str:
        return "".join(r.text for r in self.runs).strip()

    @property
    def ink_runs(self) -> list:
        """Runs that put something on paper (not only spaces)."""
        return [r for r in self.runs if r.text.strip()]

    @property
    def where(self) -> str:
        if (len(self.para.lines) == 1 and self.column is None) or not self.text:
            return self.para.where
        return self.para.located(quote(self.text))


@dataclass(eq=False)
class Para:
    el: object
    props: ParaProps
    container: Container
    pos: int  # 0-based index in its container
    order: int  # reading order over the whole document; -1 in headers and footers
    section: int  # 0-based section index
    runs: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    shapes: list = field(default_factory=list)
    fields: list = field(default_factory=list)
    page_break: bool = False
    mark: Optional[RunProps] = None  # the paragraph mark's run properties (size of an empty line)

    @property
    def text(self) -> str:
        # Asked tens of thousands of times per document; remembered with the lines it was
        # made of (a paragraph read in a legacy font gets new lines once).
        lines = self.lines
        known = self.__dict__.get("_text")
        if known is None or known[0] is not lines or known[1] != len(lines):
            known = self.__dict__["_text"] = (lines, len(lines), "\n".join(line.text for line in lines).strip())
        return known[2]

    @property
    def avail(self) -> float:
        """Width of the paragraph's lines: its container minus its indents."""
        return self.container.width - self.props.ind_left - self.props.ind_right

    @property
    def where(self) -> str:
        if self.text:
            return self.located(quote(self.text))
        c = self.container
        empty = f"đoạn thứ {self.pos + 1} (trống)"
        return f"{c.label}, {empty}" if c.label else empty

    def located(self, quoted: str) -> str:
        return f"{self.container.label}: {quoted}" if self.container.label else f"đoạn {quoted}"

    def next(self, step: int = 1) -> Optional["Para"]:
        i = self.pos + step
        paras = self.container.paras
        return paras[i] if 0 <= i < len(paras) else None


@dataclass
class Section:
    number: int
    el: object
    width: int
    height: int
    landscape: bool
    margins: dict  # top, bottom, left, right in twips
    title_page: bool
    headers: dict  # type → relationship id
    footers: dict
    page_start: Optional[int] = None  # w:pgNumType w:start: the section numbers its pages anew

    @property
    def text_width(self) -> int:
        return self.width - self.margins["left"] - self.margins["right"]

    @property
    def text_height(self) -> int:
        return self.height - self.margins["top"] - self.margins["bottom"]


@dataclass
class Doc:
    path: str
    category: str
    sheet: StyleSheet
    sections: list
    paras: list = field(default_factory=list)  # body, cells, text boxes, in order
    tables: list = field(default_factory=list)
    headers: dict = field(default_factory=dict)  # section 1: type → list of Para
    footers: dict = field(default_factory=dict)
    margin_paras: list = field(default_factory=list)  # every header/footer paragraph
    legacy: dict = field(default_factory=dict)  # legacy font (TCVN3, VNI) → first Para typed in it

    @property
    def lines(self):
        return [line for p in self.paras for line in p.lines]
