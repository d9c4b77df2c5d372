"""The developer tools: the template builder never overwrites a hand-edited template
silently, it reproduces the committed templates, and make_sample the sample workbook."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tools import build_templates, make_sample

pytestmark = pytest.mark.slow  # runs the template builder

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates_docx"


def _edit_in_word(path: Path) -> None:
    """A staff edit: one paragraph more in word/document.xml."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", "<w:body><w:p><w:r><w:t>Sửa tay</w:t></w:r></w:p>".encode(), 1)
            archive.writestr(info, data)


def test_builder_refuses_to_overwrite_a_template_edited_by_hand(tmp_path, capsys):
    folder = tmp_path / "templates_docx"
    shutil.copytree(TEMPLATES, folder)
    _edit_in_word(folder / "to-trinh.docx")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    names = ["ke-hoach", "to-trinh"]  # two templates, one edited: nothing is written
    assert build_templates.main(["--out", str(folder), *names]) == 1
    err = capsys.readouterr().err
    assert "to-trinh.docx" in err and "make templates FORCE=1" in err
    assert "ke-hoach.docx" not in err  # only the edited one is named
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before

    assert build_templates.main(["--out", str(folder), "--force", "to-trinh"]) == 0
    rebuilt = build_templates.parts((folder / "to-trinh.docx").read_bytes())
    assert rebuilt == build_templates.parts((TEMPLATES / "to-trinh.docx").read_bytes())
    assert build_templates.read_record(folder) == build_templates.read_record(TEMPLATES)
    assert build_templates.main(["--out", str(folder), "to-trinh"]) == 0  # no longer refused


@pytest.mark.slow  # lays out all five templates
def test_builder_output_is_the_committed_templates_and_their_record():
    record = build_templates.read_record(TEMPLATES)
    assert set(record) == {f"{name}.docx" for name in build_templates.TEMPLATES}
    for name in build_templates.TEMPLATES:
        built = build_templates.parts(build_templates.build(name))
        committed = build_templates.parts((TEMPLATES / f"{name}.docx").read_bytes())
        assert built == committed == record[f"{name}.docx"], name


def test_builder_leaves_unchanged_templates_alone(tmp_path):
    folder = tmp_path / "templates_docx"
    shutil.copytree(TEMPLATES, folder)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    assert build_templates.main(["--out", str(folder), "tin-bai", "ke-hoach"]) == 0
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()} == before


def _values(data: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_make_sample_reproduces_the_committed_sample(tmp_path):
    out = tmp_path / "du-lieu.xlsx"
    assert make_sample.main(["--out", str(out)]) == 0
    committed = ROOT / "inputs" / "cum-1-2020" / "du-lieu.xlsx"
    assert _values(out.read_bytes()) == _values(committed.read_bytes())


def test_each_kind_has_its_layout_module():
    """tools/templates/<module>.py lays out the templates of the kind (or report: the yearly
    summary) whose module has that name; blocks is the only other."""
    from pipeline.kinds import KINDS

    from pipeline.kinds import REPORTS

    entries = (*KINDS, *REPORTS)
    on_disk = {p.stem for p in (ROOT / "tools" / "templates").glob("*.py")}
    assert on_disk - {"__init__", "blocks"} == {entry.module for entry in entries}
    assert set(build_templates.TEMPLATES) == {
        t.removesuffix(".docx") for entry in entries for t in entry.templates if t.endswith(".docx")
    }
