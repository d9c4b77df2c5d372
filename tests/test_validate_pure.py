"""Input is read at the edge: `load` reads every file of a campaign (workbook, returned
forms, photos), and `validate` works on what load gathered, touching no file."""

from __future__ import annotations

import builtins
import io
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from pipeline import kinds as registry
from pipeline.forms import form_name
from pipeline.forms.writer import write_forms
from pipeline.load import load_campaign
from pipeline.validate import check, validate_for_forms

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "cum-1-2020"


def _no_disk(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"validate touched the disk: {args[:1]}")

    for module, name in (
        (builtins, "open"),
        (io, "open"),
        (os, "stat"),
        (os, "lstat"),
        (os, "listdir"),
        (os, "scandir"),
        (os, "open"),
        (os.path, "realpath"),
    ):
        monkeypatch.setattr(module, name, refuse)


@pytest.fixture
def campaign(tmp_path):
    """The sample with a returned form in tu-cham/, a missing photo and a broken one."""
    folder = tmp_path / "cum-1-2020"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".*"))
    forms = tmp_path / "forms"
    raw = load_campaign(folder, photos=False)
    basis = validate_for_forms(raw)
    write_forms(basis, forms)
    unit = basis.units[0].code
    returned = folder / "tu-cham" / form_name(unit)
    returned.parent.mkdir(exist_ok=True)
    shutil.copy(forms / form_name(unit), returned)
    book = openpyxl.load_workbook(returned)  # the unit types the workbook's own self-scores
    sheet = book["Tự chấm"]
    rows = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    for row in raw.sheets["Chấm điểm"].rows:
        if row.get("Mã đơn vị") == unit and row.get("Mã tiêu chí") in rows:
            sheet.cell(rows[row.get("Mã tiêu chí")], 4).value = row.get("Tự chấm")
    book.save(returned)
    photos = sorted((folder / "anh").iterdir())
    photos[0].unlink()
    photos[1].write_bytes(b"not a picture")
    return folder


def test_validate_reads_no_file(campaign, monkeypatch):
    raw = load_campaign(campaign)
    assert raw.forms and raw.forms[0].grid is not None
    assert {p.present for p in raw.photos.values()} == {True, False}
    _no_disk(monkeypatch)
    checked = check(raw, registry.SLUGS)
    monkeypatch.undo()
    assert not checked.problems, checked.problems
    warnings = "\n".join(str(w) for w in checked.campaign.warnings)
    assert "không thấy tệp ảnh" in warnings and "không đọc được ảnh" in warnings
    assert checked.campaign.photos, "the photos that open are kept"


def test_the_forms_scores_come_from_load(campaign, monkeypatch):
    """A form's score that differs from the workbook's is caught without touching the disk:
    the form was read by load."""
    returned = next((campaign / "tu-cham").iterdir())
    book = openpyxl.load_workbook(returned)
    sheet = book["Tự chấm"]
    row = next(
        r
        for r in range(6, sheet.max_row + 1)
        if isinstance(sheet.cell(r, 4).value, (int, float)) and sheet.cell(r, 4).value > 0
    )
    sheet.cell(row, 4).value = 0
    book.save(returned)
    raw = load_campaign(campaign)
    _no_disk(monkeypatch)
    checked = check(raw, ["bien-ban-hop-cum"])
    monkeypatch.undo()
    said = [str(p) for p in checked.problems + checked.campaign.warnings]
    assert any(returned.name in line for line in said), said


def test_photos_opened_only_for_the_documents_that_embed_them(campaign):
    raw = load_campaign(campaign, photos=False)
    assert raw.photos and not any(p.decoded for p in raw.photos.values())
    check(raw, ["bien-ban-hop-cum"])  # needs no photo: not opened, no complaint
    with pytest.raises(RuntimeError):
        check(raw, ["tin-bai"])
