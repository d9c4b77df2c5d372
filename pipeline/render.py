"""Render Word templates with docxtpl's tag language, safely and fast; write atomically.

- Jinja runs sandboxed, with StrictUndefined and autoescape: `&` and `<` in
  data reach Word intact, a missing variable is an error naming it, and a
  template edited by staff cannot run code.
- Each template is read, patched (docxtpl's `{%p`/`{%tr` tags) and compiled
  once per process; a document is then one Jinja render of document.xml and
  a zip of the template's other parts. Contexts holding docxtpl objects
  (InlineImage: the news photos) go through docxtpl itself.
- Rules under the issuing body, the Tiêu ngữ and the trích yếu are sized
  from the text they underline (see `fit_rules`).
- Photos (documents.base.Picture) are scaled once and embedded: as docxtpl
  InlineImage objects in Word, as data: URIs in HTML.
- A document is rendered to memory only; pipeline.files writes it.
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, UndefinedError, meta
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from .config import TEMPLATES
from .documents.base import Output, Picture
from .files import fixed_zip
from .errors import RenderError
from .images import cached_web_image
from .metrics import TWIPS_PER_CM, text_width_cm
from .ooxml import tidy, tidy_part
from .pagination import keep_headings, keep_noi_nhan, keep_signatures, keep_table_ends
from .sandbox import BoundedSandbox

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
RULES = {"VB Gach ngan": 0.4, "VB Gach du": 1.0}  # style -> share of the text above
CELL_MARGINS_CM = 0.38
FIT_SAFETY = 1.06  # measured widths run a little short of the laid-out line (marks, horns)
BODY_WIDTH_CM = 16.5
TAGGED = re.compile(r"\{[{%#]")
WORD_PART = re.compile(r"word/[^/]+\.xml")


@lru_cache(maxsize=None)
def environment() -> SandboxedEnvironment:
    return BoundedSandbox(undefined=StrictUndefined, autoescape=True)


# A w:t whose text holds what docxtpl's resolve_listing turns into Word's markup (a tab, a
# paragraph mark \a, a line break, a page break \f); its regular expressions, run over every
# paragraph and run, change nothing in a part without one.
LISTING_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
# docxtpl turns `{_{`, `}_}`, `{_%` and `%_}` of the rendered XML into `{{`, `}}`, `{%`, `%}`
# (the template's way of printing a tag literally). Data printed into a document must keep
# them as written: every printed value carrying one gets a private-use mark before its `_`,
# which the replacement does not match, and which is removed after it.
KEEP = "\U000ffffd"
_ESCAPES = ("{_{", "}_}", "{_%", "%_}")


def _keep_escapes(value):
    if isinstance(value, str) and "_" in value and any(e in value for e in _ESCAPES):
        return value.replace("_", KEEP + "_")
    return value


@lru_cache(maxsize=None)
def docx_environment() -> SandboxedEnvironment:
    """The environment of Word templates: data's `{_{` printed as written."""
    return BoundedSandbox(undefined=StrictUndefined, autoescape=True, finalize=_keep_escapes)


def _unkeep(xml: str) -> str:
    return xml.replace(KEEP, "")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# ---------------------------------------------------------------- styles and rules


def _style_map(styles_xml: bytes) -> dict[str, tuple[str, float, bool]]:
    """styleId -> (name, size in pt, bold), resolved through basedOn and the defaults."""
    root = etree.fromstring(styles_xml)
    default_size, default_bold = 11.0, False
    defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    if defaults is not None:
        size = defaults.find("w:sz", NS)
        default_size = int(size.get(_w("val"))) / 2 if size is not None else default_size
    raw = {}
    for style in root.findall("w:style", NS):
        rpr = style.find("w:rPr", NS)
        size = rpr.find("w:sz", NS) if rpr is not None else None
        bold = rpr.find("w:b", NS) if rpr is not None else None
        based = style.find("w:basedOn", NS)
        raw[style.get(_w("styleId"))] = (
            style.find("w:name", NS).get(_w("val")),
            int(size.get(_w("val"))) / 2 if size is not None else None,
            (bold.get(_w("val"), "true") not in ("0", "false")) if bold is not None else None,
            based.get(_w("val")) if based is not None else None,
        )

    def resolve(sid, depth=0):
        name, size, bold, based = raw[sid]
        if based in raw and depth < 20 and (size is None or bold is None):
            _, parent_size, parent_bold = resolve(based, depth + 1)
            size = parent_size if size is None else size
            bold = parent_bold if bold is None else bold
        return name, size if size is not None else default_size, bool(bold) if bold is not None else default_bold

    return {sid: resolve(sid) for sid in raw}


def _paragraph_style(p, styles) -> tuple[str, float, bool]:
    pstyle = p.find("w:pPr/w:pStyle", NS)
    sid = pstyle.get(_w("val")) if pstyle is not None else "Normal"
    return styles.get(sid, ("Normal", 14.0, False))


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(_w("t")))


def _width(p, styles) -> float:
    _, size, bold = _paragraph_style(p, styles)
    run = next((r for r in p.iter(_w("r")) if r.find("w:t", NS) is not None), None)
    rpr = run.find("w:rPr", NS) if run is not None else None
    if rpr is not None:
        sz, b = rpr.find("w:sz", NS), rpr.find("w:b", NS)
        size = int(sz.get(_w("val"))) / 2 if sz is not None else size
        bold = b.get(_w("val"), "true") not in ("0", "false") if b is not None else bold
    return text_width_cm(_text(p), size, bold)


def no_break_hyphens(root) -> None:
    """Write each U+2011 of the text as Word's own <w:noBreakHyphen/> (LibreOffice reads it)."""
    for t in list(root.iter(_w("t"))):
        text = t.text or ""
        if "\u2011" not in text:
            continue
        pieces = text.split("\u2011")
        t.text = pieces[0]
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        anchor = t
        for piece in pieces[1:]:
            hyphen = etree.Element(_w("noBreakHyphen"))
            anchor.addnext(hyphen)
            follow = etree.Element(_w("t"))
            follow.text = piece
            follow.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            hyphen.addnext(follow)
            anchor = follow


def fit_rules(root, styles: dict[str, tuple[str, float, bool]]) -> None:
    """Centre each rule paragraph under the text above it, at the share its style says."""
    for p in root.iter(_w("p")):
        name = _paragraph_style(p, styles)[0]
        if name not in RULES:
            continue
        parent = p.getparent()
        container = BODY_WIDTH_CM
        if parent.tag == _w("tc"):
            width = parent.find("w:tcPr/w:tcW", NS)
            container = int(width.get(_w("w"))) / TWIPS_PER_CM - CELL_MARGINS_CM
        above, node = [], p.getprevious()
        while node is not None and node.tag == _w("p"):
            if above and _paragraph_style(node, styles)[0] != _paragraph_style(above[0], styles)[0]:
                break
            if _text(node).strip():
                above.append(node)
            elif above:
                break
            node = node.getprevious()
        if not above:
            continue
        text = min(max(_width(q, styles) for q in above), container)
        side = max((container - text * RULES[name]) / 2, 0)
        ppr = p.find("w:pPr", NS)
        if ppr is None:
            ppr = etree.SubElement(p, _w("pPr"))
            p.insert(0, ppr)
        ind = ppr.find("w:ind", NS)
        if ind is None:
            ind = etree.SubElement(ppr, _w("ind"))
        twips = str(round(side * TWIPS_PER_CM))
        ind.set(_w("left"), twips)
        ind.set(_w("right"), twips)
        ind.set(_w("firstLine"), "0")


def _cell_text(tc, header: bool) -> list[tuple[str, bool]]:
    """(text, bold) of each paragraph of a table cell (a header row's text is bold)."""
    out = []
    for p in tc.iter(_w("p")):
        text = _text(p)
        if text.strip():
            out.append((text, header or p.find(f".//{{{W}}}b") is not None))
    return out


@lru_cache(maxsize=65536)  # criteria, names and headers repeat across documents
def _fit_widths(text: str, size_pt: float, bold: bool) -> tuple[float, float]:
    """(the widest unbreakable piece, the whole line) of a cell's text, in cm."""
    pieces = [x for x in text.split(" ") if x]
    widest = max((text_width_cm(x, size_pt, bold) for x in pieces), default=0)
    return widest, text_width_cm(text, size_pt, bold)


def fit_columns(root, size_pt: float = 12.0) -> None:
    """Size the columns of each data table (one with a repeated header row) from the text
    they hold, keeping the table's width: each column is at least as wide as its longest
    unbreakable piece (a name joined by no-break spaces, a number), and the rest of the
    width goes to the columns whose text would wrap most."""
    for tbl in root.iter(_w("tbl")):
        first = tbl.find("w:tr", NS)
        if first is None or first.find("w:trPr/w:tblHeader", NS) is None:
            continue
        grid = tbl.find("w:tblGrid", NS)
        cols = grid.findall("w:gridCol", NS) if grid is not None else []
        if not cols:
            continue
        total = sum(int(c.get(_w("w"))) for c in cols) / TWIPS_PER_CM
        n = len(cols)
        least, want = [0.0] * n, [0.0] * n
        for tr in tbl.findall("w:tr", NS):
            cells = tr.findall("w:tc", NS)
            if len(cells) != n:  # a row with merged cells (a group row) spans columns
                continue
            header = tr.find("w:trPr/w:tblHeader", NS) is not None
            for j, tc in enumerate(cells):
                for text, bold in _cell_text(tc, header):
                    widest, whole = _fit_widths(text, size_pt, bold)
                    least[j] = max(least[j], widest * FIT_SAFETY + CELL_MARGINS_CM + 0.1)
                    want[j] = max(want[j], whole * FIT_SAFETY + CELL_MARGINS_CM)
        if sum(least) > total:
            continue  # cannot fit every piece on one line: keep the template's widths
        if sum(want) <= total:
            spare = total - sum(want)
            widths = [w + spare * w / sum(want) for w in want]
        else:
            spare = total - sum(least)
            wraps = [max(w - m, 0) for w, m in zip(want, least)]
            widths = [m + spare * x / sum(wraps) for m, x in zip(least, wraps)]
        twips = [round(w * TWIPS_PER_CM) for w in widths]
        for col, width in zip(cols, twips):
            col.set(_w("w"), str(width))
        for tr in tbl.findall("w:tr", NS):
            j = 0
            for tc in tr.findall("w:tc", NS):
                span = tc.find("w:tcPr/w:gridSpan", NS)
                count = int(span.get(_w("val"))) if span is not None else 1
                width = tc.find("w:tcPr/w:tcW", NS)
                if width is not None:
                    width.set(_w("w"), str(sum(twips[j : j + count])))
                    width.set(_w("type"), "dxa")
                j += count


# ---------------------------------------------------------------- compiled templates


class CompiledTemplate:
    """A .docx template read, patched and compiled once, rendered many times."""

    def __init__(self, path: Path):
        self.path = path
        env = docx_environment()
        try:
            with zipfile.ZipFile(path) as archive:
                self.members = [(info, archive.read(info)) for info in archive.infolist()]
        except (OSError, zipfile.BadZipFile):
            raise RenderError(f"Mẫu {path.name} không phải là tệp Word (.docx) đọc được.") from None
        helper = DocxTemplate(str(path))
        self._helper = helper
        self.compiled = {}
        self.variables: set[str] = set()
        styles = b""
        for info, data in self.members:
            if info.filename == "word/styles.xml":
                styles = data
            if not info.filename.endswith(".xml") or not TAGGED.search(data.decode("utf-8", "ignore")):
                continue
            xml = helper.patch_xml(data.decode("utf-8"))
            xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
            try:
                self.variables |= meta.find_undeclared_variables(env.parse(xml))
                self.compiled[info.filename] = env.from_string(xml)
            except TemplateError as exc:
                raise template_error(path, exc) from None
        self.styles = _style_map(styles) if styles else {}
        # The parts no tag touches, compressed once; each document appends its own (and its
        # core properties).
        skeleton = io.BytesIO()
        self.core = None
        with zipfile.ZipFile(skeleton, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in self.members:
                if info.filename == CORE:
                    self.core = (info, data)
                elif info.filename not in self.compiled:
                    if WORD_PART.fullmatch(info.filename):  # a template saved out of order
                        data = tidy_part(data)
                    out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        self.skeleton = skeleton.getvalue()

    def check_variables(self, context: dict) -> None:
        """Name every variable the template uses that the context does not give."""
        missing = self.variables - set(context)
        if missing:
            raise RenderError(f"Mẫu {self.path.name} dùng biến chưa có dữ liệu: {', '.join(sorted(missing))}.")

    def render(self, context: dict, properties=None, moment: datetime | None = None) -> bytes:
        self.check_variables(context)
        rendered = [
            (info, self._render_part(self.compiled[info.filename], context))
            for info, _ in self.members
            if info.filename in self.compiled
        ]
        if self.core is not None:
            info, data = self.core
            rendered.append((info, core_xml(data, properties, moment)))
        buffer = io.BytesIO(self.skeleton)
        buffer.seek(0, io.SEEK_END)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as out:
            for info, data in rendered:
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        return buffer.getvalue()

    def xml_part(self, template, context: dict) -> str:
        """A part's XML as docxtpl's `render_xml_part` makes it (tests/test_render_pinned.py
        holds the two equal), from the template compiled once instead of at every render."""
        try:
            xml = template.render(context)
        except (TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
            raise template_error(self.path, exc) from None
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = _unkeep(xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}"))
        if not LISTING_TEXT.search(xml):
            return xml  # no tab, line or page break typed in any text: the same XML, at once
        return self._helper.resolve_listing(xml)

    def _render_part(self, template, context: dict) -> bytes:
        xml = self.xml_part(template, context)
        root = etree.fromstring(xml.encode("utf-8"))
        fit_rules(root, self.styles)
        fit_columns(root)
        no_break_hyphens(root)
        keep_table_ends(root)
        keep_headings(root)
        keep_signatures(root)
        keep_noi_nhan(root)
        tidy(root)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


CORE = "docProps/core.xml"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"


def core_xml(template: bytes, properties=None, moment: datetime | None = None) -> bytes:
    """The template's core properties with the document's title, issuer and build time."""
    if properties is None and moment is None:
        return template
    root = etree.fromstring(template)

    def put(namespace: str, tag: str, text: str) -> None:
        node = root.find(f"{{{namespace}}}{tag}")
        if node is None:
            node = etree.SubElement(root, f"{{{namespace}}}{tag}")
        node.text = text

    if properties is not None:
        put(DC, "title", properties.title)
        put(DC, "creator", properties.creator)
        put(CP, "lastModifiedBy", properties.creator)
    if moment is not None:
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        put(DCTERMS, "created", stamp)
        put(DCTERMS, "modified", stamp)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def template_error(path: Path, exc: Exception) -> RenderError:
    if isinstance(exc, SecurityError):
        return RenderError(f"Mẫu {path.name}: {exc}.")
    if isinstance(exc, UndefinedError):
        return RenderError(f"Mẫu {path.name}: {exc}.")
    if isinstance(exc, TemplateError):
        where = f" (dòng {exc.lineno})" if getattr(exc, "lineno", None) else ""
        return RenderError(f"Mẫu {path.name} bị lỗi cú pháp{where}: {exc}.")
    # A staff-edited template that loops over or calls the wrong thing.
    return RenderError(f"Mẫu {path.name}: không điền được dữ liệu ({exc}).")


@lru_cache(maxsize=64)
def _compiled(path: Path, mtime_ns: int) -> CompiledTemplate:
    return CompiledTemplate(path)


def compiled(path: Path) -> CompiledTemplate:
    """The compiled template, recompiled when the file changes."""
    return _compiled(path, path.stat().st_mtime_ns)


def _contains(value, kind: type) -> bool:
    """Whether a context holds an object of `kind` anywhere in its dicts and lists."""
    if isinstance(value, kind):
        return True
    if isinstance(value, dict):
        return any(_contains(v, kind) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_contains(v, kind) for v in value)
    return False


def _render_with_docxtpl(
    path: Path, context: dict, template: DocxTemplate | None, properties=None, moment: datetime | None = None
) -> bytes:
    template = template or DocxTemplate(str(path))
    env = docx_environment()
    if "render_xml_part" not in vars(template):  # data's `{_{` kept (see KEEP)
        render_part = template.render_xml_part
        template.render_xml_part = lambda *a, **k: _unkeep(render_part(*a, **k))
    try:
        template.render(context, env, autoescape=True)
    except (TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise template_error(path, exc) from None
    fit_rules(template.docx.element, compiled(path).styles)
    fit_columns(template.docx.element)
    no_break_hyphens(template.docx.element)
    keep_table_ends(template.docx.element)
    keep_headings(template.docx.element)
    keep_signatures(template.docx.element)
    keep_noi_nhan(template.docx.element)
    for part in template.docx.part.package.iter_parts():
        if hasattr(part, "_element") and str(part.partname).startswith("/word/"):
            tidy(part._element)
    core = template.docx.core_properties
    if properties is not None:  # Word's core properties hold 255 characters at most
        core.title, core.author = properties.title[:255], properties.creator[:255]
        core.last_modified_by = properties.creator[:255]
    if moment is not None:
        core.created = core.modified = moment
    buffer = io.BytesIO()
    template.save(buffer)
    return fixed_zip(buffer.getvalue())  # python-docx dates members now: same inputs, same bytes


def render_bytes(
    name: str,
    context: dict,
    templates: Path = TEMPLATES,
    docx_template: DocxTemplate | None = None,
    properties=None,
    moment: datetime | None = None,
) -> bytes:
    """Render template `templates/<name>.docx` with `context`; return the .docx as bytes.

    `docx_template` is the docxtpl object to use when the context holds
    InlineImage objects (they must be made from that same object). `properties`
    (documents.base.Properties) and `moment` fill the core properties.
    """
    path = Path(templates) / f"{name}.docx"
    if not path.is_file():
        raise RenderError(f"Không tìm thấy mẫu văn bản {path}.")
    template = compiled(path)
    if docx_template is not None or _contains(context, InlineImage):
        template.check_variables(context)
        return _render_with_docxtpl(path, context, docx_template, properties, moment)
    return template.render(context, properties, moment)


# ---------------------------------------------------------------- pictures and outputs


@dataclass(frozen=True)
class WebPicture:
    """A Picture as the HTML template sees it."""

    src: str
    width: int
    height: int


def _replace_pictures(value, convert):
    """A copy of a context with every Picture replaced by convert(picture)."""
    if isinstance(value, Picture):
        return convert(value)
    if isinstance(value, dict):
        return {k: _replace_pictures(v, convert) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_replace_pictures(v, convert) for v in value]
    return value


def _web_picture(picture: Picture) -> WebPicture:
    image = cached_web_image(picture.path)
    return WebPicture(
        "data:image/jpeg;base64," + base64.b64encode(image.data).decode("ascii"), image.width, image.height
    )


@lru_cache(maxsize=16)
def _html_template(path: Path, mtime_ns: int):
    return environment().from_string(path.read_text(encoding="utf-8"))


def render_html(name: str, context: dict, templates: Path = TEMPLATES) -> bytes:
    """Render the HTML template `templates/<name>` (photos embedded as data: URIs)."""
    path = Path(templates) / name
    if not path.is_file():
        raise RenderError(f"Không tìm thấy mẫu {path}.")
    try:
        page = _html_template(path, path.stat().st_mtime_ns)
        return page.render(_replace_pictures(context, _web_picture)).encode("utf-8")
    except (TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise template_error(path, exc) from None


def _render_docx_with_pictures(
    name: str, context: dict, templates: Path, properties=None, moment: datetime | None = None
) -> bytes:
    """A Word template whose context holds photos: InlineImage objects belong to the
    DocxTemplate they go into, so the template is opened here for them."""
    from docx.shared import Cm

    path = Path(templates) / f"{name}.docx"
    if not path.is_file():
        raise RenderError(f"Không tìm thấy mẫu văn bản {path}.")
    template = DocxTemplate(str(path))

    def inline(picture: Picture) -> InlineImage:
        image = cached_web_image(picture.path)
        return InlineImage(template, io.BytesIO(image.data), width=Cm(picture.width_cm))

    return render_bytes(
        name,
        _replace_pictures(context, inline),
        templates,
        docx_template=template,
        properties=properties,
        moment=moment,
    )


def render_output(output: Output, templates: Path = TEMPLATES, moment: datetime | None = None) -> bytes:
    """The bytes of one Output, by its template's kind (.docx or .html); a .docx carries
    the output's core properties and `moment` (the build time) as created/modified."""
    name = output.template
    if name.endswith(".html"):
        return render_html(name, output.context, templates)
    stem = name.removesuffix(".docx")
    if _contains(output.context, Picture):
        return _render_docx_with_pictures(stem, output.context, templates, output.properties, moment)
    return render_bytes(stem, output.context, templates, properties=output.properties, moment=moment)
