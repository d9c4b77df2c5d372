"""Issue 17 item 8: the build checks what it wrote (pipeline/selfcheck.py)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import listing, runner, selfcheck, status
from pipeline.cli import main
from pipeline.config import TEMPLATES
from pipeline.formatcheck.rulekit import Finding


def _arial_plan(templates: Path) -> Path:
    """The templates with the plan's fonts made Arial: a fault of the program's own."""
    shutil.copytree(TEMPLATES, templates)
    path = templates / "ke-hoach.docx"
    with zipfile.ZipFile(path) as source:
        parts = {i: source.read(i) for i in source.namelist()}
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"Times New Roman", b"Arial")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return templates


def test_grouped_one_line_per_rule_with_the_count_and_first_places():
    findings = [Finding("font", f'đoạn "{i}"', "phông chữ phải là Times New Roman.") for i in range(12, 15)] + [
        Finding("margin", "trang 1", "lề trên 20 mm.")
    ]
    assert selfcheck.grouped(findings) == [
        'phông chữ phải là Times New Roman (3 chỗ, từ đoạn "12", đoạn "13")',
        "lề trên 20 mm (trang 1)",
    ]


def test_the_sample_written_by_the_build_has_no_findings(campaign_dir, tmp_path):
    out = tmp_path / "out"
    result = runner.build_and_record(campaign_dir, out)
    assert result.faulty == [] and result.state == status.BUILT
    assert not any("lỗi thể thức" in w for w in result.warnings)


def test_a_faulty_document_is_a_warning_naming_it_and_never_simply_built(campaign_dir, tmp_path):
    templates = _arial_plan(tmp_path / "templates")
    out = tmp_path / "out"
    result = runner.build_and_record(campaign_dir, out, ["ke-hoach", "to-trinh"], templates)
    assert result.faulty == ["ke-hoach.docx"]
    mine = [w for w in result.warnings if w.startswith("ke-hoach.docx: ")]
    assert mine and all("do chương trình tạo ra (không phải lỗi của dữ liệu nhập)" in w for w in mine)
    assert any("Times New Roman" in w and " chỗ, từ " in w for w in mine)
    assert len({w.split(": ", 3)[-1].split(" (")[0] for w in mine}) == len(mine)  # one per rule
    assert result.kinds["ke-hoach"]["faulty"] == ["ke-hoach.docx"]
    assert result.kinds["to-trinh"]["faulty"] == []
    text = (out / "cum-1-2020" / status.WARNINGS).read_text(encoding="utf-8-sig")
    assert "Cảnh báo: cum-1-2020: ke-hoach.docx: lỗi thể thức trong văn bản do chương trình" in text
    entry = next(e for e in listing.campaigns(out) if e.name == "cum-1-2020")
    assert entry.label == "có lỗi thể thức" and entry.label != "đã tạo"
    page = (out / status.INDEX).read_text(encoding="utf-8")
    assert "có lỗi thể thức" in page


def test_the_command_line_says_which_documents_the_checker_faults(campaign_dir, tmp_path):
    templates = _arial_plan(tmp_path / "templates")
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--inputs",
            str(campaign_dir.parent),
            "--outputs",
            str(tmp_path / "out"),
            "--templates",
            str(templates),
            "-d",
            "ke-hoach",
            "-j",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Cảnh báo: cum-1-2020: ke-hoach.docx: lỗi thể thức" in result.stderr
    assert "đã tạo" not in result.stdout
    assert "trong đó 1 văn bản có lỗi thể thức do chương trình (ke-hoach.docx" in result.stdout


def test_the_laid_out_pages_findings_join_the_recorded_warnings(campaign_dir, tmp_path):
    """`make pdf`'s findings on a PDF: recorded with the campaign's warnings (CANH-BAO.txt,
    the web page), the document faulty; a later conversion replaces what was said of it."""
    out = tmp_path / "out"
    runner.build_and_record(campaign_dir, out, ["ke-hoach"])
    line = f"ke-hoach.pdf: {selfcheck.PROGRAM_FAULT}: Tên cơ quan tách dòng (trang 1)."
    status.add_rendered_warnings(out, "cum-1-2020", {"ke-hoach.pdf": [line]})
    recorded = status.load(out / "cum-1-2020")
    assert line in recorded.warnings and recorded.faulty == ["ke-hoach.docx"]
    text = (out / "cum-1-2020" / status.WARNINGS).read_text(encoding="utf-8-sig")
    assert f"Cảnh báo: cum-1-2020: {line}" in text
    status.add_rendered_warnings(out, "cum-1-2020", {"ke-hoach.pdf": []})
    assert line not in status.load(out / "cum-1-2020").warnings


@pytest.mark.slow
def test_make_pdf_checks_the_pages_it_made(campaign_dir, tmp_path, soffice):
    out = tmp_path / "out"
    runner = CliRunner()
    built = runner.invoke(
        main, ["build", "--inputs", str(campaign_dir.parent), "--outputs", str(out), "-d", "ke-hoach", "-j", "1"]
    )
    assert built.exit_code == 0, built.output
    made = runner.invoke(main, ["pdf", "--outputs", str(out), "-j", "1"])
    assert made.exit_code == 0, made.output
    assert (out / "cum-1-2020" / "ke-hoach.pdf").exists()
    # the sample's plan lays out right: nothing said, nothing recorded as faulty
    assert "Cảnh báo" not in made.stderr
    assert status.load(out / "cum-1-2020").faulty == []


def test_names_that_take_no_diacritics_are_not_text_typed_without_them(campaign_dir, tmp_path):
    """Phường Phan Chu Trinh and Cao Thu Trinh are written right without marks: the header's
    `PHAN CHU TRINH` and a nominee's table cell are names, in a document typed in Unicode
    (the 500-campaign benchmark's generated names showed it)."""
    from pipeline import kinds as registry

    from .conftest import edit_workbook

    edit_workbook(
        campaign_dir / "du-lieu.xlsx",
        {
            ("Đơn vị", "B2"): "UBND phường Phan Chu Trinh",
            ("Đơn vị", "C2"): "Phan Chu Trinh",
            ("Khen thưởng", "B4"): "Cao Thu Trinh",
        },
    )
    built = runner.build(campaign_dir, tmp_path / "outputs", list(registry.SLUGS))
    assert built.error is None, built.error
    assert not built.outcome.findings, built.outcome.warnings
    out = tmp_path / "outputs" / campaign_dir.name
    xml = {}
    for name in ("bien-ban-kiem-tra-pl.docx", "quyet-dinh-khen-thuong.docx"):
        with zipfile.ZipFile(io.BytesIO((out / name).read_bytes())) as docx:
            xml[name] = docx.read("word/document.xml").decode().replace("\u00a0", " ")  # names kept whole
    assert "PHAN CHU TRINH" in xml["bien-ban-kiem-tra-pl.docx"]  # the names the rule read
    assert "Cao Thu Trinh" in xml["quyet-dinh-khen-thuong.docx"]
