"""render.CompiledTemplate renders a template the way docxtpl does, once compiled instead of
at every document: every part of every sample document is the same, rendered both ways."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline import kinds as registry
from pipeline.build import plan_outputs
from pipeline.render import TEMPLATES, _contains, _render_with_docxtpl, compiled
from pipeline.documents.base import Picture

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "cum-1-2020"


DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
PARSER = etree.XMLParser(remove_blank_text=True)  # as python-docx reads the parts docxtpl saves


def _parts(data: bytes) -> dict[str, bytes]:
    """The XML parts of a .docx, canonical (attribute order, namespace declarations, no
    whitespace-only text between elements: python-docx drops it on reading)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: _canonical(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xml") and name != "docProps/core.xml"
        }


def _canonical(xml: bytes) -> bytes:
    """docxtpl numbers every drawing from 1001 where ours renumbers only the repeated ones:
    the ids must be unique (asserted), then they are compared by their order."""
    root = etree.fromstring(xml, PARSER)
    frames = list(root.iter(DOCPR))
    assert len({f.get("id") for f in frames}) == len(frames), "drawing ids repeated"
    for number, frame in enumerate(frames, start=1):
        frame.set("id", str(number))
    return etree.tostring(root, method="c14n")


def _outputs():
    outputs, _, _ = plan_outputs(SAMPLE, list(registry.SLUGS))
    return [o for o in outputs if o.template.endswith(".docx") and not _contains(o.context, Picture)]


@pytest.mark.parametrize("output", _outputs(), ids=lambda o: o.name)
def test_compiled_render_is_docxtpls(output):
    path = TEMPLATES / output.template
    ours = compiled(path).render(output.context)
    theirs = _render_with_docxtpl(path, output.context, None)
    mine, docxtpl = _parts(ours), _parts(theirs)
    assert set(mine) == set(docxtpl)
    for name in mine:
        assert mine[name] == docxtpl[name], f"{output.name}: {name} differs from docxtpl's"
