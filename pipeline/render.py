"""Render Word templates with docxtpl, safely, and write files atomically.

- Jinja runs sandboxed, with StrictUndefined and autoescape: `&` and `<` in
  data reach Word intact, a missing variable is an error naming it, and a
  template edited by staff cannot run code.
- Rules under the issuing body, the Tiêu ngữ and the trích yếu are sized
  after rendering, from the text they underline (see `fit_rules`).
- A document is rendered to memory first; files appear whole or not at all.
"""
from __future__ import annotations

import io
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from .config import TEMPLATES
from .errors import RenderError
from .metrics import TWIPS_PER_CM, text_width_cm

RULES = {"VB Gach ngan": 0.4, "VB Gach du": 1.0}  # style -> share of the text above
CELL_MARGINS_CM = 0.38
BODY_WIDTH_CM = 16.5


@lru_cache(maxsize=None)
def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def render_bytes(name: str, context: dict, templates: Path = TEMPLATES) -> bytes:
    """Render template `templates/<name>.docx` with `context`; return the .docx as bytes."""
    path = Path(templates) / f"{name}.docx"
    if not path.is_file():
        raise RenderError(f"Không tìm thấy mẫu văn bản {path}.")
    try:
        template = DocxTemplate(str(path))
        env = environment()
        missing = template.get_undeclared_template_variables(env, context)
        if missing:
            raise RenderError(
                f"Mẫu {path.name} dùng biến chưa có dữ liệu: {', '.join(sorted(missing))}."
            )
        template.render(context, env, autoescape=True)
    except UndefinedError as exc:
        raise RenderError(f"Mẫu {path.name}: {exc}.") from None
    except TemplateError as exc:
        where = f" (dòng {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise RenderError(f"Mẫu {path.name} bị lỗi cú pháp{where}: {exc}.") from None
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        # A staff-edited template that loops over or calls the wrong thing.
        raise RenderError(f"Mẫu {path.name}: không điền được dữ liệu ({exc}).") from None
    fit_rules(template.docx)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- layout fix-ups

def _style_props(style) -> tuple[float, bool]:
    size, bold = None, None
    while style is not None and (size is None or bold is None):
        if size is None and style.font.size is not None:
            size = style.font.size.pt
        if bold is None and style.font.bold is not None:
            bold = style.font.bold
        style = style.base_style
    return size or 14.0, bool(bold)


def _paragraph_width(paragraph) -> float:
    size, bold = _style_props(paragraph.style)
    runs = [r for r in paragraph.runs if r.text]
    if runs and runs[0].font.size is not None:
        size = runs[0].font.size.pt
    if runs and runs[0].bold is not None:
        bold = runs[0].bold
    return text_width_cm(paragraph.text, size, bold)


def _container_width(paragraph) -> float:
    parent = paragraph._p.getparent()
    if parent.tag == qn("w:tc"):
        width = parent.find(qn("w:tcPr")).find(qn("w:tcW"))
        return int(width.get(qn("w:w"))) / TWIPS_PER_CM - CELL_MARGINS_CM
    return BODY_WIDTH_CM


def _paragraphs(container):
    for paragraph in container.paragraphs:
        yield paragraph
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from _paragraphs(cell)


def fit_rules(document) -> None:
    """Centre each rule paragraph under the text above it, at the share its style says."""
    seen = set()
    for paragraph in _paragraphs(document):
        if id(paragraph._p) in seen or paragraph.style.name not in RULES:
            continue
        seen.add(id(paragraph._p))
        container = _container_width(paragraph)
        above, node = [], paragraph._p.getprevious()
        from docx.text.paragraph import Paragraph

        while node is not None and node.tag == qn("w:p"):
            prev = Paragraph(node, paragraph._parent)
            if above and prev.style.name != above[0].style.name:
                break
            if prev.text.strip():
                above.append(prev)
            elif above:
                break
            node = node.getprevious()
        if not above:
            continue
        text = min(max(_paragraph_width(p) for p in above), container)
        rule = text * RULES[paragraph.style.name]
        side = max((container - rule) / 2, 0)
        ppr = paragraph._p.get_or_add_pPr()
        ind = ppr.find(qn("w:ind"))
        if ind is None:
            ind = OxmlElement("w:ind")
            ppr.append(ind)
        twips = str(round(side * TWIPS_PER_CM))
        ind.set(qn("w:left"), twips)
        ind.set(qn("w:right"), twips)
        ind.set(qn("w:firstLine"), "0")


# ---------------------------------------------------------------- writing

def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that the file appears whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
