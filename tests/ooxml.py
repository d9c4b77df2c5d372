"""Check the .docx and .xlsx files the project writes against the ECMA-376 schemas.

`validate_ooxml(path)` returns the file's errors (an empty list when Word would open it
without repair): every WordprocessingML and SpreadsheetML part against the transitional
schemas of `../shared/reference/ooxml-xsd` (after markup compatibility, as a consumer
applies it), drawing ids (`wp:docPr/@id`) unique within a document, every relationship id a
part uses resolving in that part's relationships, and every numbering instance a paragraph
names defined, with its abstract definition. `xsd_sequence(type)` reads the order of a
complex type's children from the schema (to test pipeline.ooxml's tables against it).

Other test modules call `validate_ooxml` on every file they generate; `schemas()` is None
when the schemas are not beside the checkout (`require_schemas` skips then, or fails in CI).
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

XSD = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "ooxml-xsd"
XS = "http://www.w3.org/2001/XMLSchema"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
KNOWN = {
    W,
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    R,
    WP,
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://www.w3.org/XML/1998/namespace",
    "urn:schemas-microsoft-com:vml",
    "urn:schemas-microsoft-com:office:office",
    "urn:schemas-microsoft-com:office:word",
    "urn:schemas-microsoft-com:office:excel",
}
WML_PART = re.compile(
    r"word/(document|styles|numbering|settings|header\d*|footer\d*|fontTable|"
    r"footnotes|endnotes|comments|webSettings)\.xml"
)
SML_PART = re.compile(r"xl/(workbook|styles|sharedStrings|worksheets/sheet\d+)\.xml")
# One edition difference the README names: Word for Mac's <w:zoom> without w:percent.
IGNORED = re.compile(r"zoom': The attribute .*percent' is required")


@lru_cache(maxsize=1)
def schemas() -> tuple[etree.XMLSchema, etree.XMLSchema] | None:
    """(WordprocessingML, SpreadsheetML) schemas, or None when they are not at hand."""
    if not (XSD / "wml.xsd").is_file():
        return None
    return (etree.XMLSchema(etree.parse(str(XSD / "wml.xsd"))), etree.XMLSchema(etree.parse(str(XSD / "sml.xsd"))))


def require_schemas():
    """The schemas; skip the calling test when they are absent, fail when CI is set."""
    import pytest

    found = schemas()
    if found is None:
        message = f"ECMA-376 schemas not found at {XSD}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _ns(name: str) -> str:
    return name[1:].split("}")[0] if name.startswith("{") else ""


def _compatible(root):
    """Markup compatibility as a consumer applies it: AlternateContent -> its Fallback;
    elements and attributes of namespaces the schemas do not define dropped."""
    for el in list(root.iter(f"{{{MC}}}AlternateContent")):
        parent, fallback = el.getparent(), el.find(f"{{{MC}}}Fallback")
        i = parent.index(el)
        parent.remove(el)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(i, child)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if _ns(el.tag) not in KNOWN and el.getparent() is not None:
            el.getparent().remove(el)
            continue
        for a in list(el.attrib):
            if _ns(a) and _ns(a) not in KNOWN:
                del el.attrib[a]
    return root


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _relationships(archive: zipfile.ZipFile, part: str, names: set[str]) -> tuple[dict, list[str]]:
    """A part's relationships (id -> target) and the errors of targets that are missing."""
    rels, errors = {}, []
    path = _rels_name(part)
    if path not in names:
        return rels, errors
    for rel in etree.fromstring(archive.read(path)).iter(f"{{{PKG_RELS}}}Relationship"):
        rels[rel.get("Id")] = rel.get("Target")
        if rel.get("TargetMode") == "External":
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(part), rel.get("Target")))
        if rel.get("Target", "").startswith("/"):
            target = rel.get("Target").lstrip("/")
        if target not in names:
            errors.append(f"{path}: relationship {rel.get('Id')} points to missing {target}")
    return rels, errors


def _word_checks(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    """What Word requires beyond the schema: unique drawing ids, resolving relationship
    ids, numbering instances defined."""
    errors = []
    document = etree.fromstring(archive.read("word/document.xml"))
    ids = [el.get("id") for el in document.iter(f"{{{WP}}}docPr")]
    errors += [
        f"word/document.xml: drawing id {i} used {ids.count(i)} times (wp:docPr ids must be unique)"
        for i in sorted(set(ids))
        if ids.count(i) > 1
    ]
    numbering = None
    if "word/numbering.xml" in names:
        numbering = etree.fromstring(archive.read("word/numbering.xml"))
    abstract = {
        a.get(f"{{{W}}}abstractNumId") for a in (numbering.iter(f"{{{W}}}abstractNum") if numbering is not None else [])
    }
    nums = {}
    for num in numbering.iter(f"{{{W}}}num") if numbering is not None else []:
        ref = num.find(f"{{{W}}}abstractNumId")
        nums[num.get(f"{{{W}}}numId")] = ref.get(f"{{{W}}}val") if ref is not None else None
    for num_id, ref in nums.items():
        if ref not in abstract:
            errors.append(f"word/numbering.xml: w:num {num_id} names abstractNum {ref}, which is not defined")
    for part in sorted(names):
        if not WML_PART.fullmatch(part):
            continue
        root = document if part == "word/document.xml" else etree.fromstring(archive.read(part))
        rels, missing = _relationships(archive, part, names)
        errors += missing
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr, value in el.attrib.items():
                if _ns(attr) == R and value not in rels:
                    errors.append(f"{part}: r:{attr.split('}')[1]}={value} resolves to no relationship")
            if el.tag == f"{{{W}}}numId" and el.getparent().tag == f"{{{W}}}numPr":
                value = el.get(f"{{{W}}}val")
                if value != "0" and value not in nums:
                    errors.append(f"{part}: numbering instance {value} is not defined")
    return errors


def validate_ooxml(path) -> list[str]:
    """Every error of one .docx or .xlsx (empty: valid). Needs the schemas (see schemas())."""
    found = schemas()
    if found is None:
        raise RuntimeError(f"ECMA-376 schemas not found at {XSD}")
    wml, sml = found
    errors = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names:
            errors.append("[Content_Types].xml is missing")
        for part in sorted(names):
            schema = wml if WML_PART.fullmatch(part) else sml if SML_PART.fullmatch(part) else None
            if schema is None:
                continue
            root = _compatible(etree.fromstring(archive.read(part)))
            if not schema.validate(root):
                errors += [f"{part}:{e.line}: {e.message}" for e in schema.error_log if not IGNORED.search(e.message)]
        if "word/document.xml" in names:
            errors += _word_checks(archive, names)
    return errors


# ---------------------------------------------------------------- sequences of the schema


@lru_cache(maxsize=1)
def _wml_definitions() -> tuple[dict, dict]:
    tree = etree.parse(str(XSD / "wml.xsd"))
    types = {t.get("name"): t for t in tree.getroot().iter(f"{{{XS}}}complexType") if t.get("name")}
    groups = {g.get("name"): g for g in tree.getroot().iter(f"{{{XS}}}group") if g.get("name")}
    return types, groups


def xsd_sequence(type_name: str) -> list[str]:
    """The local names of a WordprocessingML complex type's child elements in the order its
    content model lists them (base types first, groups expanded)."""
    types, groups = _wml_definitions()
    out: list[str] = []

    def walk(node):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag == "element":
                name = child.get("name") or child.get("ref", "").split(":")[-1]
                if name not in out:
                    out.append(name)
            elif tag == "group" and child.get("ref"):
                walk(groups[child.get("ref").split(":")[-1]])
            elif tag == "extension":
                walk(types[child.get("base").split(":")[-1]])
                walk(child)
            elif tag in ("sequence", "choice", "complexContent", "group", "all"):
                walk(child)

    walk(types[type_name])
    return out
