"""Issue 20: INPUTS, OUTPUTS and TEMPLATES whose paths hold spaces (a Samba share,
`/srv/chia se/inputs`) work for every Make goal."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE
from .test_make_hardening import VENV

pytestmark = [
    pytest.mark.make,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (VENV / ".installed").exists() or not shutil.which("make"),
        reason="needs make and the project's .venv (make test sets both up)",
    ),
]


@pytest.fixture
def share(tmp_path) -> Path:
    tree = tmp_path / "chia se" / "phòng văn thư"
    shutil.copytree(SAMPLE, tree / "du lieu vao" / SAMPLE.name)
    shutil.copytree(ROOT / "templates_docx", tree / "mau van ban")
    return tree


def make(tree: Path, *args: str, **variables) -> subprocess.CompletedProcess:
    settings = {
        "VENV": str(VENV),
        "INPUTS": str(tree / "du lieu vao"),
        "OUTPUTS": str(tree / "van ban ra"),
        "TEMPLATES": str(tree / "mau van ban"),
    }
    settings.update(variables)
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args, *(f"{k}={v}" for k, v in settings.items())],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tree,
    )


def test_spaces_every_document_goal_builds_then_does_nothing(share):
    done = make(share, "all")
    assert done.returncode == 0, done.stderr
    assert "mixed implicit" not in done.stderr and "No rule" not in done.stderr
    out = share / "van ban ra" / SAMPLE.name
    assert len(list(out.glob("*.docx"))) >= 7
    again = make(share, "all").stdout  # up to date: nothing rebuilt, and it says so
    assert again.startswith("Văn bản đã mới nhất") and again.count("\n") == 1
    plan = out / "ke-hoach.docx"
    before = plan.stat().st_mtime_ns
    time.sleep(0.05)
    (share / "du lieu vao" / SAMPLE.name / "du-lieu.xlsx").touch()
    again = make(share, "plan")
    assert again.returncode == 0 and plan.stat().st_mtime_ns > before, again.stderr


@pytest.mark.parametrize(
    "goal,extra,made",
    [
        ("summary", {"YEAR": "2020"}, "tong-hop-2020/tong-hop.xlsx"),
        ("blank", {}, "du-lieu-trong.xlsx"),
        ("forms", {}, f"{SAMPLE.name}/bieu-tu-cham-pl.xlsx"),
    ],
)
def test_spaces_other_goals_write_where_asked(share, goal, extra, made):
    done = make(share, goal, **extra)
    assert done.returncode == 0, done.stderr
    assert (share / "van ban ra" / made).is_file(), sorted(p.name for p in (share / "van ban ra").rglob("*"))


def test_spaces_check_format_and_check_templates(share):
    assert make(share, "plan").returncode == 0
    done = make(share, "check-format")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ke-hoach.docx" in done.stdout
    done = make(share, "check-templates")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("goal,ready", [("watch", "Đang theo dõi"), ("serve", "Mở http")])
def test_spaces_watch_and_serve_start_on_the_share(share, goal, ready):
    env = dict(os.environ)
    env.pop("VANBAN_PASSWORD", None)
    settings = {
        "VENV": str(VENV),
        "INPUTS": str(share / "du lieu vao"),
        "OUTPUTS": str(share / "van ban ra"),
        "TEMPLATES": str(share / "mau van ban"),
    }
    if goal == "serve":
        settings["PORT"] = "0"
    process = subprocess.Popen(
        ["make", "--no-print-directory", "-C", str(ROOT), goal, *(f"{k}={v}" for k, v in settings.items())],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        line = process.stdout.readline()
        assert ready in line, (line, process.stderr.read() if process.poll() is not None else "")
        assert str(share / "du lieu vao") in line or goal == "serve"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_spaces_pdf(share, soffice):
    assert make(share, "plan").returncode == 0
    done = make(share, "pdf")
    assert done.returncode == 0, done.stderr
    assert (share / "van ban ra" / SAMPLE.name / "ke-hoach.pdf").read_bytes().startswith(b"%PDF")
