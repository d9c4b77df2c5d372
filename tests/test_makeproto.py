"""Issue 21: the one Make protocol module (pipeline/makeproto.py) runs on the system Python
alone, and a `make all` with nothing to do costs Make the same few processes and a handful
of prerequisites per document however many campaigns there are, while a changed input,
template, photo or code file still queues exactly what depends on it.

The batches here are fakes (an empty du-lieu.xlsx, empty targets): Make reads no content,
it compares modification times; `make -n` shows what would be queued without building.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import kinds as registry
from pipeline import makeproto

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"

needs_make = pytest.mark.skipif(
    not (VENV / ".installed").exists() or not shutil.which("make"),
    reason="needs make and the project's .venv (make test sets both up)",
)
QUEUED = re.compile(r"'(\S+) ([a-z-]+)' >> '[^']*\.hang-doi")


def test_the_protocol_module_imports_the_standard_library_and_light_modules_only():
    """`python3 -S` has no site-packages: pandas, click, docx… cannot be imported at all."""
    code = (
        "import sys, pipeline.makeproto; "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] "
        "not in sys.stdlib_module_names)))"
    )
    done = subprocess.run([sys.executable, "-S", "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split()) - {"__main__"}
    assert loaded and all(m.startswith("pipeline") for m in loaded), loaded
    assert "pipeline.model" in loaded  # the constants come from their real homes…
    assert not loaded & {"pipeline.load", "pipeline.build", "pipeline.cli"}  # …which are light


def test_nothing_of_the_protocol_is_declared_twice():
    from pipeline import contract, manifest

    assert makeproto.WORKBOOK is contract.WORKBOOK and makeproto.is_campaign is contract.is_campaign
    assert makeproto.manifest is manifest and makeproto.write_atomic.__module__ == "pipeline.files"
    assert not (ROOT / "pipeline" / "names.py").exists()
    assert not (ROOT / "pipeline" / "durable.py").exists()  # split by job (files, runner, export)


def _protocol(*args: str, cwd: Path = ROOT) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-S", "-m", "pipeline.makeproto", "make", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


def test_make_reads_the_registry_and_campaigns_in_one_call_of_the_system_python(tmp_path):
    """Make asks the registry before the virtual environment exists."""
    fake_batch(tmp_path, 2)
    words = _protocol("--inputs", str(tmp_path / "inputs"))
    assert [w for w in words if w.startswith("kind:")] == [f"kind:{w}" for w in makeproto.make_words()]
    assert [w for w in words if w.startswith("group:")] == [f"group:{g}" for g in registry.GROUPS]
    assert "kind:to-trinh|proposal|to-trinh-khen-thuong.docx|to-trinh.docx|0" in words
    assert "kind:tin-bai|news|tin-bai.html|tin-bai.docx,tin-bai.html|1" in words
    assert {"input:du-lieu.xlsx", "input:*.csv", "input:tu-cham/*.xlsx", "folder:tu-cham", "photos:anh"} <= set(words)
    assert [w for w in words if ":" not in w] == ["cum-0", "cum-1"]
    code = [w for w in words if w.startswith("code:")]
    assert len(code) == 1 and (ROOT / code[0][5:]).is_file()
    assert "--vanban-error--" not in words
    assert _protocol("--inputs", str(tmp_path / "nowhere"))[-1] == "--vanban-error--"


def test_the_newest_code_file_stands_for_the_code(tmp_path, monkeypatch):
    for name in ("pipeline/a.py", "pipeline/documents/b.py", "pipeline/data/c.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    for age, name in enumerate(("pipeline/documents/b.py", "pipeline/data/c.csv", "pipeline/a.py")):
        os.utime(tmp_path / name, (1_000_000 - age, 1_000_000 - age))
    monkeypatch.chdir(tmp_path)  # Make's working directory: the project folder
    assert makeproto.newest_code() == "pipeline/documents/b.py"
    os.utime(tmp_path / "pipeline/data/c.csv", (1_000_001, 1_000_001))
    assert makeproto.newest_code() == "pipeline/data/c.csv"


def test_queue_files_of_gone_make_processes_are_removed(tmp_path):
    mine = tmp_path / f".hang-doi-{os.getpid()}"
    mine.write_text("cum-1 ke-hoach\n", encoding="utf-8")
    (tmp_path / ".hang-doi").write_text("cum-1 ke-hoach\n", encoding="utf-8")
    (tmp_path / ".hang-doi-999999999").write_text("cum-1 ke-hoach\n", encoding="utf-8")
    assert makeproto.read_queue(mine) == {"cum-1": ["ke-hoach"]}
    assert sorted(p.name for p in tmp_path.iterdir()) == [mine.name]


# ---------------------------------------------------------------- Make on a fake batch


def _age(path: Path, moment: float) -> None:
    os.utime(path, (moment, moment))


def moments() -> tuple[int, int, int]:
    """Inputs and code, then the targets, then a change: all in the past."""
    now = int(time.time())
    return now - 300, now - 200, now - 100


def fake_batch(root: Path, campaigns: int, before: float | None = None, built: float | None = None) -> None:
    """`campaigns` campaigns (cum-0, cum-1, …), each with an empty workbook (and one photo
    in cum-0), every target built at `built` (default: now, after the project's code) and
    its inputs at `before`; templates in root/templates."""
    built = time.time() if built is None else built
    before = built - 300 if before is None else before
    templates = root / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    for name in {t for k in registry.KINDS for t in k.templates}:
        (templates / name).write_bytes(b"")
        _age(templates / name, before)
    for index in range(campaigns):
        folder = root / "inputs" / f"cum-{index}"
        folder.mkdir(parents=True)
        (folder / "du-lieu.xlsx").write_bytes(b"")
        if index == 0:
            (folder / "anh").mkdir()
            (folder / "anh" / "a.jpg").write_bytes(b"")
            _age(folder / "anh" / "a.jpg", before)
            _age(folder / "anh", before)
        _age(folder / "du-lieu.xlsx", before)
        out = root / "outputs" / folder.name
        out.mkdir(parents=True)
        for kind in registry.KINDS:
            (out / kind.target).write_bytes(b"")
            _age(out / kind.target, built)


def code_copy(root: Path, before: float) -> Path:
    """The Makefile and pipeline/ in `root/tree`, every code file dated `before`."""
    tree = root / "tree"
    shutil.copytree(ROOT / "pipeline", tree / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, tree / name)
    for path in (tree / "pipeline").rglob("*"):
        _age(path, before)
    return tree


def make(root: Path, *args: str, tree: Path = ROOT, **variables) -> subprocess.CompletedProcess:
    settings = {
        "VENV": str(VENV),
        "INPUTS": str(root / "inputs"),
        "OUTPUTS": str(root / "outputs"),
        "TEMPLATES": str(root / "templates"),
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE") and k != "MFLAGS"}
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(tree),
            *args,
            *(f"{k}={v}" for k, v in (settings | variables).items()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def queued(root: Path, tree: Path = ROOT) -> set[tuple[str, str]]:
    done = make(root, "-n", "all", tree=tree)
    assert done.returncode == 0, done.stderr
    return set(QUEUED.findall(done.stdout))


@pytest.mark.make
@needs_make
def test_a_change_queues_exactly_the_documents_depending_on_it(tmp_path):
    BEFORE, BUILT, LATER = moments()
    fake_batch(tmp_path, 3, BEFORE, BUILT)
    tree = code_copy(tmp_path, BEFORE)
    every = {(f"cum-{i}", k.slug) for i in range(3) for k in registry.KINDS}
    assert queued(tmp_path, tree) == set()

    _age(tmp_path / "inputs" / "cum-1" / "du-lieu.xlsx", LATER)  # a workbook: its campaign
    assert queued(tmp_path, tree) == {("cum-1", k.slug) for k in registry.KINDS}
    _age(tmp_path / "inputs" / "cum-1" / "du-lieu.xlsx", BEFORE)

    _age(tmp_path / "inputs" / "cum-0" / "anh" / "a.jpg", LATER)  # a photo: the news only
    assert queued(tmp_path, tree) == {("cum-0", "tin-bai")}
    _age(tmp_path / "inputs" / "cum-0" / "anh" / "a.jpg", BEFORE)

    _age(tmp_path / "templates" / "tin-bai.html", LATER)  # a template: its kind everywhere
    assert queued(tmp_path, tree) == {(f"cum-{i}", "tin-bai") for i in range(3)}
    _age(tmp_path / "templates" / "tin-bai.html", BEFORE)

    forms = tmp_path / "inputs" / "cum-2" / "tu-cham"  # a returned form: its campaign
    forms.mkdir()
    (forms / "bieu-tu-cham-pl.xlsx").write_bytes(b"")
    _age(forms / "bieu-tu-cham-pl.xlsx", LATER)
    assert queued(tmp_path, tree) == {("cum-2", k.slug) for k in registry.KINDS}
    shutil.rmtree(forms)
    assert queued(tmp_path, tree) == set()

    for code in ("pipeline/documents/plan.py", "pipeline/kinds.py"):  # code: everything
        _age(tree / code, LATER)
        assert queued(tmp_path, tree) == every, code
        _age(tree / code, BEFORE)
    data = sorted((tree / "pipeline" / "data").iterdir())[0]
    _age(data, LATER)
    assert queued(tmp_path, tree) == every
    _age(data, BEFORE)
    assert queued(tmp_path, tree) == set()


class Counter:
    """SHELL for make: every shell it starts ($(shell …) and recipes) leaves a line."""

    def __init__(self, root: Path):
        self.log = root / "shells.log"
        self.path = root / "counting-sh"
        self.path.write_text(f'#!/bin/sh\necho x >> "{self.log}"\nexec /bin/sh "$@"\n')
        self.path.chmod(0o755)

    def count(self) -> int:
        n = len(self.log.read_text().splitlines()) if self.log.exists() else 0
        self.log.unlink(missing_ok=True)
        return n


@pytest.mark.make
@needs_make
def test_nothing_to_do_costs_the_same_processes_and_few_checks_per_document(tmp_path):
    """Processes started, and Make's prerequisite checks per target, do not grow with the
    campaigns (issue 21: `make all` walked ~90 code files and ~90 built-in rules per
    document, 0.45 s at 500 campaigns and 1.84 s at 2,000)."""
    counter = Counter(tmp_path)
    shells, checks = {}, {}
    for size in (2, 40):
        root = tmp_path / str(size)
        fake_batch(root, size)
        done = make(root, "all", f"SHELL={counter.path}")
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("Văn bản đã mới nhất")
        shells[size] = counter.count()
        debug = make(root, "-d", "all")
        assert debug.returncode == 0, debug.stderr
        targets = size * len(registry.KINDS)
        checks[size] = (
            debug.stdout.count("Trying implicit prerequisite") / targets,
            debug.stdout.count("older than target") / targets,
        )
    assert shells[2] == shells[40] <= 4  # make's pid, the protocol, the goal's recipe
    for size, (implicit, older) in checks.items():
        # a target: its workbook (folder), templates, photos, the newest code file
        assert implicit <= 6 and older <= 6, (size, implicit, older)


@pytest.mark.make
@needs_make
def test_nothing_to_do_at_500_campaigns_takes_well_under_three_seconds(tmp_path):
    fake_batch(tmp_path, 500)
    best = None
    for _ in range(2):
        started = time.perf_counter()
        done = make(tmp_path, "all")
        seconds = time.perf_counter() - started
        assert done.returncode == 0 and done.stdout.startswith("Văn bản đã mới nhất"), done.stderr
        best = seconds if best is None else min(best, seconds)
    assert best < 3, best
