"""A heading LibreOffice leaves alone at a page foot (issue 17, the generated campaigns'
last defect): the PDFs of the program's own documents are made again with a page break
before it (pipeline.export._repair, pipeline.pagination.break_before); the .docx is never
changed, and the checker's conversion of other people's documents shows the page as
LibreOffice lays it out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from pipeline import export
from pipeline.build import build_campaign
from pipeline.formatcheck.rendered import rendered_findings, stranded_headings
from pipeline.ooxml import schema_order
from pipeline.pagination import NS, break_before

from . import generated

W = NS["w"]
HEADING = "2. Kết quả chấm điểm, xếp loại"


def _doc(body: str):
    return etree.fromstring(f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')


def _p(text: str, style: str = "VBNoidung", keep: bool = False) -> str:
    keep_next = "<w:keepNext/>" if keep else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep_next}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def _broken(root) -> list[str]:
    return ["".join(p.itertext()) for p in root.iter(f"{{{W}}}p") if p.find("w:pPr/w:pageBreakBefore", NS) is not None]


def test_the_break_goes_before_the_heading_in_schema_order():
    root = _doc(_p("- Kết quả kiểm tra thực tế.") + _p(HEADING, "VBMuc", keep=True) + _p("Căn cứ các nội dung trên:"))
    assert break_before(root, [HEADING]) == 1
    assert _broken(root) == [HEADING]
    schema_order(root)
    ppr = root.find("w:body/w:p[2]/w:pPr", NS)
    assert [etree.QName(c).localname for c in ppr] == ["pStyle", "keepNext", "pageBreakBefore"]


def test_the_break_goes_before_the_bold_line_kept_with_the_heading():
    root = _doc(
        _p("Văn bản.")
        + _p("Kết quả: 5/5 phường đạt loại A.", keep=True)
        + _p("3. Đề nghị khen thưởng", "VBMuc", keep=True)
        + _p("Từ kết quả chấm điểm, …")
    )
    assert break_before(root, ["3. Đề nghị khen thưởng"]) == 1
    assert _broken(root) == ["Kết quả: 5/5 phường đạt loại A."]


def test_a_heading_found_twice_or_not_at_all_is_left_alone():
    root = _doc(_p("a) Tập thể:", keep=True) + _p("- Một.") + _p("a) Tập thể:", keep=True) + _p("- Hai."))
    assert break_before(root, ["a) Tập thể:", "Không có"]) == 0
    assert _broken(root) == []


def test_a_document_the_repair_cannot_read_keeps_its_first_pdf(tmp_path):
    """Gone meanwhile, or not a .docx: no copy is made, nothing raised (the PDF LibreOffice
    made first is delivered)."""
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK not a zip")
    for source in (broken, tmp_path / "mat.docx"):
        copy = tmp_path / "copy" / source.name
        assert export._with_breaks(source, copy, {HEADING}) is False
        assert not copy.exists()


@pytest.mark.slow
def test_the_pdf_of_a_stranding_layout_keeps_the_heading_with_its_text(tmp_path, soffice):
    """Seed 22's meeting minutes: LibreOffice 7.4 leaves "2. Kết quả …" as the last line
    of page 1 although it keeps with the next paragraph (w:keepNext, its style's too)."""
    spec = generated.campaign(22)
    folder = generated.write(spec, tmp_path / "inputs" / spec.label)
    build_campaign(folder, tmp_path / "outputs", ["bien-ban-hop-cum"])
    built = tmp_path / "outputs" / spec.label / "bien-ban-hop-cum.docx"
    as_laid, repaired = tmp_path / "as-laid" / built.name, tmp_path / "repaired" / built.name
    for copy in (as_laid, repaired):
        copy.parent.mkdir()
        shutil.copy2(built, copy)

    arrivals: list[Path] = []
    export.convert([as_laid], jobs=1)  # the checker's conversion: the page as LibreOffice lays it
    export.convert([repaired], jobs=1, stranded=stranded_headings, arrived=arrivals.append)

    assert stranded_headings(as_laid.with_suffix(".pdf"), as_laid) == [HEADING], (
        "LibreOffice no longer strands this heading: export._repair may no longer be needed"
    )
    assert stranded_headings(repaired.with_suffix(".pdf"), repaired) == []
    assert not rendered_findings(repaired.with_suffix(".pdf"), docx_path=repaired)
    assert arrivals == [repaired]  # handed over once, repaired
    assert repaired.read_bytes() == built.read_bytes()  # the .docx as built
    assert not [p for p in repaired.parent.iterdir() if p.name not in (built.name, "bien-ban-hop-cum.pdf")]
