"""Make: real file targets, nothing rebuilt twice, only what a change touches."""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"

pytestmark = pytest.mark.skipif(not (VENV / ".installed").exists() or not shutil.which("make"),
                                reason="needs make and the project's .venv (make test sets both up)")


def make(tmp_path: Path, *targets: str) -> str:
    done = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *targets, f"VENV={VENV}",
         f"INPUTS={tmp_path / 'inputs'}", f"OUTPUTS={tmp_path / 'outputs'}",
         f"TEMPLATES={tmp_path / 'templates'}"],
        capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def later(path: Path) -> None:
    """Give `path` a modification time clearly newer than everything built so far."""
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))


@pytest.fixture
def tree(campaign_dir, tmp_path):
    shutil.copytree(ROOT / "templates_docx", tmp_path / "templates")
    return tmp_path


def test_second_run_does_nothing_and_changes_rebuild_only_their_documents(tree):
    first = make(tree, "minutes")
    assert first.count(" build ") == 2
    out = tree / "outputs" / "cum-1-2020"
    assert len(list(out.glob("bien-ban-kiem-tra-*.docx"))) == 5
    assert (out / "bien-ban-hop-cum.docx").exists()

    assert make(tree, "minutes") == "make: Nothing to be done for 'minutes'.\n"

    later(tree / "templates" / "bien-ban-hop-cum.docx")
    again = make(tree, "minutes")
    assert "--doc bien-ban-hop-cum" in again and "--doc bien-ban-kiem-tra" not in again

    later(tree / "inputs" / "cum-1-2020" / "du-lieu.xlsx")
    again = make(tree, "minutes")
    assert "--doc bien-ban-hop-cum" in again and "--doc bien-ban-kiem-tra" in again


def test_campaign_narrows_the_build(tree):
    shutil.copytree(tree / "inputs" / "cum-1-2020", tree / "inputs" / "cum-2-2021")
    out = make(tree, "minutes", "CAMPAIGN=cum-2-2021")
    assert "--campaign 'cum-2-2021'" in out and "cum-1-2020" not in out
    assert not (tree / "outputs" / "cum-1-2020").exists()


def test_help_lists_targets():
    done = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", "help"],
                          capture_output=True, text=True)
    assert "make minutes" in done.stdout and "make test" in done.stdout
