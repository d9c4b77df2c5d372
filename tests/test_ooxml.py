"""Word and Excel open every file the project writes: each part validates against the
ECMA-376 schemas (tests/ooxml.py), drawing ids are unique, relationships resolve.

Built here: every kind of the sample and of the six-unit campaign, the yearly summary, the
blank workbook and the self-scoring forms. The schemas come from ../shared/reference/
ooxml-xsd (CI lays shared/ beside the checkout): skipped when absent, a failure when CI is set.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from pipeline.blank import write_blank_workbook
from pipeline.build import build_campaign, expand
from pipeline.forms.writer import write_forms
from pipeline.load import load_campaign
from pipeline.ooxml import SEQUENCES, schema_order, tidy_part, unique_drawing_ids
from pipeline.summary import build_summary
from pipeline.validate import validate_for_forms

from .campaigns import six_units_mixed_grades
from .conftest import SAMPLE
from .ooxml import require_schemas, validate_ooxml, xsd_sequence

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, list[Path]]:
    """Every .docx and .xlsx the project writes for two campaigns: campaign -> files."""
    root = tmp_path_factory.mktemp("ooxml")
    inputs, outputs = root / "inputs", root / "outputs"
    shutil.copytree(SAMPLE, inputs / SAMPLE.name)
    six_units_mixed_grades(inputs / "cum-6-don-vi")
    defaults = inputs / "cum-mac-dinh"  # only the plan's `Văn bản` row: the rest defaulted
    shutil.copytree(SAMPLE, defaults)
    book = openpyxl.load_workbook(defaults / "du-lieu.xlsx")
    book["Văn bản"].delete_rows(3, book["Văn bản"].max_row)
    book.save(defaults / "du-lieu.xlsx")
    files = {}
    for folder in sorted(inputs.iterdir()):
        outcome = build_campaign(folder, outputs, expand(["all"]))
        forms = write_forms(validate_for_forms(load_campaign(folder)), outputs / folder.name)
        files[folder.name] = [p for p in outcome.written if p.suffix in (".docx", ".xlsx")] + forms
    summary = build_summary(inputs, outputs, 2020)
    files["tong-hop"] = [p for p in summary.written if p.suffix in (".docx", ".xlsx")]
    write_blank_workbook(outputs / "du-lieu-trong.xlsx")
    files["blank"] = [outputs / "du-lieu-trong.xlsx"]
    return files


@pytest.mark.slow  # builds three campaigns, the summary and the forms
def test_every_file_written_validates(written):
    require_schemas()
    kinds = {p.name for paths in written.values() for p in paths}
    # every kind of document is among them, and the workbooks
    for name in (
        "ke-hoach.docx",
        "bien-ban-hop-cum.docx",
        "to-trinh-khen-thuong.docx",
        "quyet-dinh-khen-thuong.docx",
        "giay-khen.docx",
        "giay-khen-in-thu.docx",
        "tin-bai.docx",
        "bao-cao-tong-hop.docx",
        "tong-hop.xlsx",
        "du-lieu-trong.xlsx",
        "bieu-tu-cham-pl.xlsx",
    ):
        assert name in kinds
    assert any(n.startswith("bien-ban-kiem-tra-") for n in kinds)
    errors = {f"{campaign}/{path.name}": validate_ooxml(path) for campaign, paths in written.items() for path in paths}
    assert {name: e[:5] for name, e in errors.items() if e} == {}
    assert len(written["cum-mac-dinh"]) == len(written["cum-1-2020"])
    assert sum(len(paths) for paths in written.values()) >= 45


@pytest.mark.slow  # builds three campaigns, the summary and the forms
def test_proof_sheet_has_one_drawing_id_per_frame(written):
    proof = next(p for p in written["cum-1-2020"] if p.name == "giay-khen-in-thu.docx")
    with zipfile.ZipFile(proof) as archive:
        ids = [f.get("id") for f in etree.fromstring(archive.read("word/document.xml")).iter(f"{{{WP}}}docPr")]
    assert len(ids) > 1 and len(set(ids)) == len(ids)


# ---------------------------------------------------------------- the order tables


@pytest.mark.parametrize("container", sorted(SEQUENCES))
def test_order_table_is_the_schema_sequence(container):
    require_schemas()
    type_name, text = SEQUENCES[container]
    assert text.split() == xsd_sequence(type_name)


def _w(xml: str):
    return etree.fromstring(f'<w:root xmlns:w="{W}" xmlns:x="urn:other">{xml}</w:root>')


def test_schema_order_moves_properties_and_keeps_strangers_after_their_neighbour():
    root = _w(
        '<w:tblPr><w:tblLayout w:type="fixed"/><w:x/><x:ext/><w:jc w:val="center"/>'
        '<w:tblW w:w="0" w:type="auto"/></w:tblPr>'
        '<w:sectPr><w:docGrid w:linePitch="360"/><w:pgNumType w:start="1"/>'
        '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    )
    assert schema_order(root)
    names = [[etree.QName(c).localname for c in parent] for parent in root]
    # w:x is unknown to the table: it stays after tblLayout, as does x:ext
    assert names == [["tblW", "jc", "tblLayout", "x", "ext"], ["pgSz", "pgNumType", "docGrid"]]
    assert not schema_order(root)  # a second pass changes nothing


def test_tidy_part_is_identity_on_valid_parts_and_deterministic():
    good = etree.tostring(_w('<w:pPr><w:jc w:val="center"/></w:pPr>'))
    assert tidy_part(good) is good
    bad = etree.tostring(_w('<w:pPr><w:jc w:val="center"/><w:pBdr/></w:pPr>'))
    assert tidy_part(bad) == tidy_part(bad) != bad
    assert b"<w:pBdr/><w:jc" in tidy_part(bad)


def test_repeated_drawing_ids_are_renumbered_in_document_order():
    root = etree.fromstring(
        f'<r xmlns:wp="{WP}"><wp:docPr id="901"/><wp:docPr id="3"/><wp:docPr id="901"/><wp:docPr id="901"/></r>'
    )
    assert unique_drawing_ids(root)
    assert [d.get("id") for d in root] == ["901", "3", "902", "903"]
    assert not unique_drawing_ids(root)


# ---------------------------------------------------------------- the validator finds faults


def _rewrite(source: Path, target: Path, part: str, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename == part else data)
    return target


@pytest.mark.slow  # builds three campaigns, the summary and the forms
def test_validator_reports_order_ids_and_relationships(written, tmp_path):
    require_schemas()
    plan = next(p for p in written["cum-1-2020"] if p.name == "ke-hoach.docx")
    assert validate_ooxml(plan) == []

    def misorder(data: bytes) -> bytes:  # jc after tblLayout, as the templates had it
        root = etree.fromstring(data)
        tbl_pr = root.find(f".//{{{W}}}tblPr")
        tbl_pr.append(tbl_pr.find(f"{{{W}}}jc"))
        return etree.tostring(root)

    errors = validate_ooxml(_rewrite(plan, tmp_path / "a.docx", "word/document.xml", misorder))
    assert any("jc" in e and "not expected" in e for e in errors)

    def dangling(data: bytes) -> bytes:  # a header reference to no relationship
        return data.replace(b'r:id="rId', b'r:id="rIdX', 1)

    errors = validate_ooxml(_rewrite(plan, tmp_path / "b.docx", "word/document.xml", dangling))
    assert any("resolves to no relationship" in e for e in errors)

    proof = next(p for p in written["cum-1-2020"] if p.name == "giay-khen-in-thu.docx")

    def same_ids(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for frame in root.iter(f"{{{WP}}}docPr"):
            frame.set("id", "7")
        return etree.tostring(root)

    errors = validate_ooxml(_rewrite(proof, tmp_path / "c.docx", "word/document.xml", same_ids))
    assert any("drawing id 7" in e for e in errors)


def test_validator_reports_a_numbering_instance_without_definition(tmp_path):
    require_schemas()
    from docx import Document

    doc = Document()
    p = doc.add_paragraph("x", style="List Number")  # numbered through the style
    num_pr = etree.SubElement(p._p.get_or_add_pPr(), f"{{{W}}}numPr")
    etree.SubElement(num_pr, f"{{{W}}}ilvl").set(f"{{{W}}}val", "0")
    etree.SubElement(num_pr, f"{{{W}}}numId").set(f"{{{W}}}val", "999")
    schema_order(doc.element)
    buffer = io.BytesIO()
    doc.save(buffer)
    path = tmp_path / "n.docx"
    path.write_bytes(buffer.getvalue())
    assert any("numbering instance 999" in e for e in validate_ooxml(path))


@pytest.mark.slow  # builds three campaigns, the summary and the forms
def test_summary_report_core_properties_are_its_own(written):
    report = next(p for p in written["tong-hop"] if p.name == "bao-cao-tong-hop.docx")
    with zipfile.ZipFile(report) as archive:
        core = etree.fromstring(archive.read("docProps/core.xml"))
    values = {etree.QName(el).localname: el.text for el in core}
    assert values["title"] == "Báo cáo tổng hợp kết quả thi đua năm 2020"
    assert values["creator"] == "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN"
    # created/modified: the newest input's time (same inputs, same bytes), not the template's
    assert not values["created"].startswith("2013") and values["created"] == values["modified"]


def test_a_template_saved_out_of_order_still_gives_valid_files(tmp_path):
    """A template edited elsewhere (properties appended out of order in its styles and its
    body) is put back in order when rendered."""
    require_schemas()
    from pipeline.build import plan_outputs
    from pipeline.render import render_output
    from pipeline.config import TEMPLATES

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)

    def scramble(data: bytes) -> bytes:  # the first child of every container goes last
        root = etree.fromstring(data)
        for name in ("pPr", "rPr", "tblPr", "sectPr", "tcPr", "style"):
            for el in root.iter(f"{{{W}}}{name}"):
                if len(el) > 1:
                    el.append(el[0])
        return etree.tostring(root)

    source = TEMPLATES / "bien-ban-kiem-tra.docx"
    _rewrite(source, tmp_path / "a.docx", "word/styles.xml", scramble)
    _rewrite(tmp_path / "a.docx", templates / source.name, "word/document.xml", scramble)
    assert validate_ooxml(templates / source.name)  # the scrambled template is invalid
    outputs, _, _ = plan_outputs(SAMPLE, ["bien-ban-kiem-tra"])
    path = tmp_path / "out.docx"
    path.write_bytes(render_output(outputs[0], templates))
    assert validate_ooxml(path) == []
