"""The rendering engine: escaping, strictness, the sandbox, atomic writes, rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from pipeline.errors import RenderError
from pipeline.render import _style_map, fit_rules, render_bytes

from .docx_tools import paragraphs


def make_template(folder: Path, name: str, *texts: str) -> Path:
    doc = Document()
    for text in texts:
        doc.add_paragraph(text)
    path = folder / f"{name}.docx"
    doc.save(path)
    return folder


def render_to(tmp_path: Path, name: str, context: dict, *texts: str) -> list[str]:
    templates = make_template(tmp_path, name, *texts)
    out = tmp_path / "out.docx"
    out.write_bytes(render_bytes(name, context, templates))
    return paragraphs(out)


def test_xml_special_characters_survive(tmp_path):
    value = "Phòng \"Nội vụ\" & Tư pháp <quận> 'A'"
    assert render_to(tmp_path, "t", {"x": value}, "{{ x }}") == [value]


def test_missing_variable_is_named(tmp_path):
    make_template(tmp_path, "t", "{{ present }} {{ absent }}")
    with pytest.raises(RenderError) as info:
        render_bytes("t", {"present": 1}, tmp_path)
    assert str(info.value) == "Mẫu t.docx dùng biến chưa có dữ liệu: absent."


def test_missing_attribute_is_an_error_not_blank(tmp_path):
    make_template(tmp_path, "t", "{{ doc.nothing }}")
    with pytest.raises(RenderError) as info:
        render_bytes("t", {"doc": {}}, tmp_path)
    assert str(info.value).startswith("Mẫu t.docx: ")
    assert "nothing" in str(info.value)


def test_template_cannot_reach_python_internals(tmp_path):
    make_template(tmp_path, "t", "{{ x.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(RenderError) as info:
        render_bytes("t", {"x": "a"}, tmp_path)
    assert str(info.value).startswith("Mẫu t.docx")


def test_syntax_error_names_the_template(tmp_path):
    make_template(tmp_path, "t", "{% for x in xs %}{{ x }}")
    with pytest.raises(RenderError) as info:
        render_bytes("t", {"xs": []}, tmp_path)
    assert str(info.value).startswith("Mẫu t.docx bị lỗi cú pháp")


def test_missing_template(tmp_path):
    with pytest.raises(RenderError) as info:
        render_bytes("khong-co", {}, tmp_path)
    assert str(info.value) == f"Không tìm thấy mẫu văn bản {tmp_path / 'khong-co.docx'}."


def test_rules_are_centred_under_their_text():
    from pipeline.config import TEMPLATES

    doc = Document(str(TEMPLATES / "bien-ban-hop-cum.docx"))
    body = doc.add_paragraph("Độc lập - Tự do - Hạnh phúc", style="VB Tieu ngu")
    rule = doc.add_paragraph("", style="VB Gach du")
    fit_rules(doc.element, _style_map(doc.styles.element.xml.encode()))
    ind = rule._p.pPr.find(qn("w:ind"))
    left, right = int(ind.get(qn("w:left"))), int(ind.get(qn("w:right")))
    assert left == right
    # 16.5 cm of body width, 5.61 cm of text at 13 pt bold: (16.5 - 5.61) / 2 cm each side
    assert abs(left - 5.445 * 566.93) < 30
    assert body.text
