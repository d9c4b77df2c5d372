"""Lines drawn as shapes (DrawingML and VML), and text boxes, inside a run.

A rule under the Tiêu ngữ or the issuing body is often a drawn line rather than
a paragraph border; this finds such lines and their lengths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .styles import to_int, w

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"

EMU_PER_TWIP = 635
_LINE_PRESETS = {"line", "straightConnector1"}
_VML_UNITS = {"pt": 20, "in": 1440, "cm": 567, "mm": 56.7, "pc": 240, "px": 15, "": 15}


@dataclass
class Shape:
    """A line (or a hairline rectangle) drawn as a shape."""

    length: float  # twips
    solid: bool


_ALTERNATE = f"{{{MC_NS}}}AlternateContent"


def children_no_fallback(el) -> list:
    """Children, reading mc:AlternateContent as its first mc:Choice (a list: this is asked
    for every paragraph and run of every document the build checks)."""
    if el.find(_ALTERNATE) is None:
        return list(el)  # nearly always: no choice to make
    out = []
    for child in el:
        if child.tag == _ALTERNATE:
            choice = child.find(f"{{{MC_NS}}}Choice")
            if choice is None:
                choice = child.find(f"{{{MC_NS}}}Fallback")
            if choice is not None:
                out += children_no_fallback(choice)
        else:
            out.append(child)
    return out


def _descendants(el):
    """Descendants, without mc:Fallback copies and without the contents of text
    boxes (their paragraphs are read as paragraphs of their own)."""
    for child in children_no_fallback(el):
        yield child
        if child.tag != w("txbxContent"):
            yield from _descendants(child)


def _vml_length(value: str) -> float:
    m = re.match(r"\s*(-?[\d.]+)\s*([a-z]*)", value or "")
    if not m:
        return 0.0
    return float(m.group(1)) * _VML_UNITS.get(m.group(2), 15)


def _vml_style(style: str) -> dict:
    out = {}
    for item in (style or "").split(";"):
        if ":" in item:
            k, v = item.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return out


def shapes_in(el) -> tuple:
    """Line shapes and text-box contents found in a run's drawing or picture."""
    shapes, boxes = [], []
    nodes = [el] + list(_descendants(el))
    extent = None
    for node in nodes:
        tag = node.tag
        if tag == f"{{{WP_NS}}}extent":
            extent = (to_int(node.get("cx"), 0), to_int(node.get("cy"), 0))
        elif tag == f"{{{WPS_NS}}}wsp":
            geom = node.find(f".//{{{A_NS}}}prstGeom")
            prst = geom.get("prst") if geom is not None else None
            ext = node.find(f"{{{WPS_NS}}}spPr/{{{A_NS}}}xfrm/{{{A_NS}}}ext")
            cx, cy = (to_int(ext.get("cx"), 0), to_int(ext.get("cy"), 0)) if ext is not None else (extent or (0, 0))
            if extent is not None and extent[0] > cx:  # LibreOffice writes a:ext 360×360 for a line; the
                cx = extent[0]  # anchor's extent is its real size
            has_box = node.find(f"{{{WPS_NS}}}txbx") is not None
            if prst in _LINE_PRESETS or (not has_box and cx and cy <= 2 * 12700):
                dash = node.find(f".//{{{A_NS}}}ln/{{{A_NS}}}prstDash")
                solid = dash is None or dash.get("val") == "solid"
                shapes.append(Shape(length=cx / EMU_PER_TWIP, solid=solid))
            if has_box:
                box = node.find(f"{{{WPS_NS}}}txbx/{w('txbxContent')}")
                if box is not None:
                    boxes.append((box, cx / EMU_PER_TWIP))
        elif tag == f"{{{V_NS}}}line":
            x1 = _vml_length((node.get("from") or "0,0").split(",")[0])
            x2 = _vml_length((node.get("to") or "0,0").split(",")[0])
            shapes.append(Shape(length=abs(x2 - x1), solid=_vml_solid(node)))
        elif tag in (f"{{{V_NS}}}shape", f"{{{V_NS}}}rect"):
            style = _vml_style(node.get("style"))
            width = _vml_length(style.get("width", "0"))
            height = _vml_length(style.get("height", "0"))
            connector = node.get(f"{{{O_NS}}}connectortype") or (node.get("type") or "").endswith("_x0000_t32")
            box = node.find(f"{{{V_NS}}}textbox/{w('txbxContent')}")
            if box is not None:
                boxes.append((box, width))
            elif connector or (width and height <= 40):
                shapes.append(Shape(length=width, solid=_vml_solid(node)))
    return shapes, boxes


def _vml_solid(node) -> bool:
    stroke = node.find(f"{{{V_NS}}}stroke")
    dash = stroke.get("dashstyle") if stroke is not None else None
    return dash in (None, "solid")
