"""Reading a .docx in memory quickly, for the build's check of what it wrote.

The build checks every administrative document it writes (pipeline/selfcheck.py): some
ten per campaign, thousands in a national batch, all made from a handful of templates.
Two costs dominated and are cut here without changing what the checker sees:

- Opening the package with python-docx parses every XML part (settings, font table, web
  settings…) and builds its object graph; the checker reads only the main document, its
  headers and footers, styles, theme, numbering and the core properties. `read` parses
  just those, with python-docx's own parser (the same element classes, the same treatment
  of blank text) for the parts python-docx parses and lxml's default one for the theme, as
  python-docx does. A package this reader does not recognise as an ordinary Word document
  (another main content type, a part of an unexpected type, a relationship it cannot
  resolve) returns None, and the caller opens it with python-docx as before, so that a
  faulty file is reported in the same words.
- Resolving styles (docDefaults, basedOn chains, table styles, numbering) is the same
  work for every document made from one template. `sheet_for` keeps one StyleSheet per
  digest of the styles, theme and numbering parts' bytes, so that a resolved paragraph or
  run style is resolved once per template, not once per document. A StyleSheet's
  resolutions depend only on those three parts (and on the properties asked about, which
  are part of its cache keys), so a shared one gives the same answers as a fresh one.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import threading
from collections import OrderedDict
from typing import Optional

from docx.oxml.parser import parse_xml
from lxml import etree

from .styles import StyleSheet

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT = RT + "officeDocument"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
# The parts the checker reads, with the content type python-docx parses as XML for them
# (the theme is a plain part for python-docx: its blob parsed with lxml's default parser).
EXPECTED = {
    RT + "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    RT + "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    RT + "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    RT + "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    RT + "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
}
SHEETS_KEPT = 64  # style sheets kept (templates × kinds); each holds one styles part's tree


class _Unusual(Exception):
    """The package is not one this reader handles; python-docx opens it instead."""


class Part:
    """What the checker's builder asks of a python-docx part: its element, its related
    parts by relationship id, and the one part related by a relationship type."""

    def __init__(self, element, related: dict, by_type: dict):
        self.element = element
        self.related_parts = related
        self._by_type = by_type

    def part_related_by(self, reltype: str):
        found = self._by_type.get(reltype, [])
        if len(found) != 1:  # python-docx: KeyError when none, ValueError when several
            raise KeyError(reltype)
        return found[0]


class Package:
    """The main document part, its category and its style sheet."""

    def __init__(self, part: Part, category: str, sheet: StyleSheet):
        self.part = part
        self.element = part.element
        self.category = category
        self.sheet = sheet


_sheets: "OrderedDict[bytes, StyleSheet]" = OrderedDict()

# The parts the reader walks, parsed as python-docx parses them but into plain lxml elements:
# python-docx's element classes cost at every element the reader visits, and it uses none.
# One parser per thread: an lxml parser is not to be shared between threads.
_parsers = threading.local()


def _plain(blob: bytes):
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    return etree.fromstring(blob, parser)


def sheet_for(key: tuple, parse) -> StyleSheet:
    """The StyleSheet of the styles, theme and numbering parts `key` identifies (each part's
    name, CRC-32 and size, from the zip's directory: nothing read or hashed), shared by every
    document that has the same parts; `parse()` gives their elements when it is new."""
    sheet = _sheets.get(key)
    if sheet is None:
        sheet = _sheets[key] = StyleSheet(*parse())
        if len(_sheets) > SHEETS_KEPT:
            _sheets.popitem(last=False)
    else:
        _sheets.move_to_end(key)
    return sheet


def _content_types(zf: zipfile.ZipFile) -> tuple[dict, dict]:
    root = etree.fromstring(zf.read("[Content_Types].xml"))
    defaults = {el.get("Extension", "").lower(): el.get("ContentType") for el in root.iter(f"{{{CT_NS}}}Default")}
    overrides = {el.get("PartName", "").lower(): el.get("ContentType") for el in root.iter(f"{{{CT_NS}}}Override")}
    return defaults, overrides


def _rels(zf: zipfile.ZipFile, names: set, partname: str) -> list:
    """(id, type, partname) of the internal relationships of `partname` ('' for the package)."""
    folder, base = posixpath.split(partname)
    rels_name = posixpath.join(folder, "_rels", base + ".rels") if partname else "_rels/.rels"
    if rels_name not in names:
        return []
    out = []
    for rel in etree.fromstring(zf.read(rels_name)).iter(f"{{{PR_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        if target.startswith("/"):
            name = posixpath.normpath(target.lstrip("/"))
        else:
            name = posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Id"), rel.get("Type"), name))
    return out


def read(data: bytes) -> Optional[Package]:
    """The parts of the .docx `data` the checker reads, or None when python-docx should
    open it (see the module's docstring)."""
    try:
        return _read(data)
    except (_Unusual, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None


def _read(data: bytes) -> Package:
    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    defaults, overrides = _content_types(zf)

    def content_type(name: str) -> Optional[str]:
        return overrides.get("/" + name.lower()) or defaults.get(name.rsplit(".", 1)[-1].lower())

    top = _rels(zf, names, "")
    main = [name for _, reltype, name in top if reltype == RT_OFFICE_DOCUMENT]
    if len(main) != 1 or content_type(main[0]) != CT_MAIN:
        raise _Unusual("main document")
    main_name = main[0]
    related: dict = {}
    by_type: dict = {}
    blobs: dict = {}
    for rid, reltype, name in _rels(zf, names, main_name):
        if name not in names:  # python-docx refuses a package with a dangling part
            raise _Unusual(name)
        if reltype not in EXPECTED:
            continue
        if content_type(name) != EXPECTED[reltype]:
            raise _Unusual(name)
        if reltype in (RT + "header", RT + "footer"):
            part = Part(_plain(zf.read(name)), {}, {})
            related[rid] = part
        else:
            part = None  # styles, theme, numbering: read and parsed only for a new style sheet
            blobs.setdefault(reltype, []).append(name)
        by_type.setdefault(reltype, []).append(part)

    def single(reltype: str) -> Optional[str]:
        found = blobs.get(reltype, [])
        return found[0] if len(found) == 1 else None

    def identity(name: Optional[str]) -> Optional[tuple]:
        info = zf.getinfo(name) if name is not None else None
        return None if info is None else (name, info.CRC, info.file_size)

    styles, theme, numbering = single(RT + "styles"), single(RT + "theme"), single(RT + "numbering")
    sheet = sheet_for(
        (identity(styles), identity(theme), identity(numbering)),
        lambda: (
            None if styles is None else parse_xml(zf.read(styles)),
            None if theme is None else etree.fromstring(zf.read(theme)),
            None if numbering is None else parse_xml(zf.read(numbering)),
        ),
    )
    part = Part(_plain(zf.read(main_name)), related, by_type)
    category = ""
    core = [name for _, reltype, name in top if reltype == RT_CORE]
    if core:
        if len(core) != 1 or core[0] not in names or content_type(core[0]) != CT_CORE:
            raise _Unusual("core properties")
        found = etree.fromstring(zf.read(core[0])).find(f"{{{CORE_NS}}}category")
        category = (found.text or "") if found is not None else ""
    return Package(part, category, sheet)
