"""Make: real file targets, nothing rebuilt twice, only what a change touches."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"

pytestmark = [
    pytest.mark.make,
    pytest.mark.skipif(
        not (VENV / ".installed").exists() or not shutil.which("make"),
        reason="needs make and the project's .venv (make test sets both up)",
    ),
]


# What a run with nothing to do says (the Makefile's UP_TO_DATE).
UP_TO_DATE = "Văn bản đã mới nhất: dữ liệu, ảnh và mẫu không đổi từ lần tạo trước, không có gì phải tạo lại.\n"


def make(tmp_path: Path, *targets: str) -> str:
    done = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(ROOT),
            *targets,
            f"VENV={VENV}",
            f"INPUTS={tmp_path / 'inputs'}",
            f"OUTPUTS={tmp_path / 'outputs'}",
            f"TEMPLATES={tmp_path / 'templates'}",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def later(path: Path, outputs: Path) -> None:
    """Make `path` newer than everything built so far (and not in the future)."""
    newest = max(p.stat().st_mtime for p in outputs.rglob("*"))
    while time.time() <= newest:
        time.sleep(0.01)
    path.touch()


@pytest.fixture
def tree(campaign_dir, tmp_path):
    shutil.copytree(ROOT / "templates_docx", tmp_path / "templates")
    return tmp_path


def mtimes(folder: Path) -> dict[str, float]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.docx")}


def test_second_run_does_nothing_and_changes_rebuild_only_their_documents(tree):
    out = tree / "outputs" / "cum-1-2020"
    assert make(tree, "minutes") == f"cum-1-2020: đã tạo 6 văn bản trong {out}/\n"
    assert len(list(out.glob("bien-ban-kiem-tra-*.docx"))) == 5
    assert (out / "bien-ban-hop-cum.docx").exists()
    before = mtimes(out)

    assert make(tree, "minutes") == UP_TO_DATE
    assert mtimes(out) == before

    later(tree / "templates" / "bien-ban-hop-cum.docx", out)
    before = mtimes(out)
    assert make(tree, "minutes") == f"cum-1-2020: đã tạo 1 văn bản trong {out}/\n"
    changed = {n for n, t in mtimes(out).items() if t != before[n]}
    assert changed == {"bien-ban-hop-cum.docx"}

    later(tree / "inputs" / "cum-1-2020" / "du-lieu.xlsx", out)
    assert make(tree, "minutes") == f"cum-1-2020: đã tạo 6 văn bản trong {out}/\n"
    assert make(tree, "minutes") == UP_TO_DATE


def test_all_builds_every_kind_once(tree):
    out = tree / "outputs" / "cum-1-2020"
    assert make(tree, "all") == f"cum-1-2020: đã tạo 13 văn bản trong {out}/\n"
    assert make(tree, "all") == UP_TO_DATE


def test_campaign_narrows_the_build(tree):
    shutil.copytree(tree / "inputs" / "cum-1-2020", tree / "inputs" / "cum-2-2021")
    out = make(tree, "minutes", "CAMPAIGN=cum-2-2021")
    assert out.startswith("cum-2-2021: đã tạo 6 văn bản") and "cum-1-2020" not in out
    assert not (tree / "outputs" / "cum-1-2020").exists()


def test_decision_and_certificates_have_their_goals(tree):
    out = tree / "outputs" / "cum-1-2020"
    assert make(tree, "decision") == f"cum-1-2020: đã tạo 1 văn bản trong {out}/\n"
    assert make(tree, "certificates") == f"cum-1-2020: đã tạo 2 văn bản trong {out}/\n"
    assert sorted(p.name for p in out.glob("*.docx")) == [
        "giay-khen-in-thu.docx",
        "giay-khen.docx",
        "quyet-dinh-khen-thuong.docx",
    ]
    assert make(tree, "decision", "certificates") == UP_TO_DATE


def test_summary_spans_the_campaigns_of_a_year(tree):
    out = tree / "outputs" / "tong-hop-2020"
    assert make(tree, "summary", "YEAR=2020", "DATE=21/12/2020") == (
        f"tong-hop-2020: đã tổng hợp 1 đợt (cum-1-2020); đã tạo 3 tệp trong {out}/\n"
    )
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "bao-cao-tong-hop.docx",
        "bieu-do-xep-loai.png",
        "tong-hop.xlsx",
    ]
    done = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "summary", f"VENV={VENV}"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Lỗi: ghi năm cần tổng hợp, ví dụ: make summary YEAR=2020\n")


def test_help_lists_targets():
    done = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", "help"], capture_output=True, text=True)
    assert "make minutes" in done.stdout and "make test" in done.stdout
