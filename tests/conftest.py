"""Shared fixtures: the sample campaign, editable copies of it, LibreOffice."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path
from typing import Callable

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "cum-1-2020"


@pytest.fixture
def campaign_dir(tmp_path: Path) -> Path:
    """A fresh copy of the sample campaign at tmp_path/inputs/cum-1-2020."""
    target = tmp_path / "inputs" / SAMPLE.name
    shutil.copytree(SAMPLE, target)
    return target


def edit_workbook(path: Path, edits: dict) -> None:
    """Apply {(sheet, cell): value} edits; value None empties; ("delete-row", n) etc. below.

    Special keys: (sheet, "append") -> list of row values appended at the end;
    (sheet, "delete") -> row number to delete; ("drop", sheet) -> remove the sheet.
    """
    book = openpyxl.load_workbook(path)
    for key, value in edits.items():
        if key[0] == "drop":
            del book[key[1]]
            continue
        sheet, cell = key
        if cell == "append":
            book[sheet].append(value)
        elif cell == "delete":
            book[sheet].delete_rows(value)
        else:
            book[sheet][cell] = value
    book.save(path)


@pytest.fixture(scope="session")
def once_per_run(tmp_path_factory, request) -> Callable[[str, Callable[[Path], object]], object]:
    """`once_per_run(name, make)`: `make(folder)` run once per test run however many xdist
    workers ask. The first to ask builds into a folder all workers share, under a file lock;
    the others wait for it and read its (pickled) result. Without xdist (or with
    -p no:xdist), simply `make` in a fresh temporary folder."""
    worker = getattr(request.config, "workerinput", {}).get("workerid")

    def once(name: str, make: Callable[[Path], object]):
        if worker is None:
            return make(tmp_path_factory.mktemp(name))
        from filelock import FileLock

        folder = tmp_path_factory.getbasetemp().parent / name  # the run's, shared by workers
        result = folder.with_name(f"{name}.result")
        with FileLock(str(folder.with_name(f"{name}.lock"))):
            if not result.exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                result.write_bytes(pickle.dumps(make(folder)))
        return pickle.loads(result.read_bytes())

    return once


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice binary; skipped where absent, a failure where CI requires it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required here (REQUIRE_LIBREOFFICE=1) but missing")
        pytest.skip("LibreOffice is not installed")
    return found


# The hostile-input suite (`make hostile`, `pytest -m hostile`): each test one attack.
HOSTILE_MODULES = ("test_hostile", "test_hardening", "test_make_hardening", "test_make_spaces")


def pytest_collection_modifyitems(config, items) -> None:
    """Every test using LibreOffice (the soffice fixture) carries the `libreoffice` marker;
    every attack of the hostile-input modules the `hostile` marker."""
    for item in items:
        if "soffice" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.libreoffice)
        module = getattr(item, "module", None)
        if (
            module is not None
            and module.__name__.rsplit(".", 1)[-1] in HOSTILE_MODULES
            and not item.name.startswith("test_install_")
        ):  # the lock file: no attack
            item.add_marker(pytest.mark.hostile)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """With `-m hostile`: one line counting the attacks and those held."""
    if "hostile" not in (config.getoption("markexpr", "") or ""):
        return
    counts = {}
    for outcome in ("passed", "failed", "error", "skipped"):
        counts[outcome] = len(
            {r.nodeid for r in terminalreporter.stats.get(outcome, []) if "hostile" in getattr(r, "keywords", {})}
        )
    attacks = sum(counts.values())
    if not attacks:
        return
    terminalreporter.write_line(
        f"hostile suite: {attacks} attacks, {counts['passed']} held, "
        f"{counts['failed'] + counts['error']} got through, {counts['skipped']} not run "
        "(skipped: see the reasons above)",
        bold=True,
    )
