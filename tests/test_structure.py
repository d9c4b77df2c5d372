"""The house plan, checked: no import loops, and no stage imports a later one.

The stage order and the independence of the document modules are import-linter contracts
in pyproject.toml (`[tool.importlinter]`, run by `make lint` and here). Stages, in the order
data flows through them:
  foundation (errors, config, cells, vietnamese, model, contract, kinds, files, …) -> load ->
  forms (the self-scoring forms' reader) -> validate -> score -> documents -> render ->
  manifest -> build -> the edges (cli, export, blank, templatecheck, formatcheck, web, …).
The layers contract is exhaustive: every module of pipeline/ sits in one layer.

What the contracts cannot express, checked here: no import loop at all (modules of one
layer may import each other, but not in a circle), and the registry's dynamic edge
(pipeline/kinds.py names the document modules by string and imports them with importlib,
which no import graph sees): the modules the registry names are exactly the document
modules on disk and exactly those the independence contract lists.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from pipeline.kinds import KINDS

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _contracts() -> list[dict]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]["contracts"]


def _lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=120)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_the_contracts_are_kept():
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 kept, 0 broken" in run.stdout


def test_a_stage_importing_a_later_one_breaks_the_contract(tmp_path):
    """The same kind of contract, on a package of three layers where the lowest imports the
    highest: lint-imports fails and names the import."""
    package = tmp_path / "house"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "load.py").write_text("from . import build\n")
    (package / "score.py").write_text("from . import load\n")
    (package / "build.py").write_text("from . import score\n")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = house\n\n[importlinter:contract:stages]\nname = stages\n"
        "type = layers\ncontainers = house\nexhaustive = true\nlayers =\n    build\n    score\n"
        "    load\n"
    )
    run = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(tmp_path), "PATH": ""},
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "house.load -> house.build" in run.stdout


def test_no_import_loops():
    graph = grimp.build_graph("pipeline")
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    assert edges["pipeline.build"] >= {"pipeline.validate", "pipeline.score"}  # the graph is read
    assert _cycles(edges) == []


def test_a_loop_is_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_registry_names_exactly_the_independent_document_modules():
    """kinds.Kind.build imports pipeline.documents.<module> by name: every such module is one
    the independence contract holds apart, and every kind's module on disk is registered."""
    named = {f"pipeline.documents.{kind.module}" for kind in KINDS}
    (independence,) = [c for c in _contracts() if c["type"] == "independence"]
    assert set(independence["modules"]) == named
    shared = {"__init__", "base", "common"}
    on_disk = {
        f"pipeline.documents.{p.stem}" for p in (ROOT / "pipeline" / "documents").glob("*.py") if p.stem not in shared
    }
    assert on_disk == named
    assert all(callable(kind.build) for kind in KINDS)  # each name imports, with its build()


@pytest.mark.parametrize("layer", ["documents", "score", "validate", "load"])
def test_every_stage_is_a_layer(layer):
    """The stages the data flows through are layers of their own, in order."""
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    order = ["build", "manifest", "render", "documents", "score", "validate", "forms", "load"]
    named = [part.strip() for layer in layers["layers"] for part in layer.split(":")]
    assert [name for name in named if name in order] == order
    assert layers["exhaustive"] is True and layers["containers"] == ["pipeline"]
    assert layer in layers["layers"]


def test_no_module_over_600_lines():
    """A module that grows past 600 lines is split by job (validate, blank, the templates'
    layouts were); the limit keeps each one readable whole."""
    long = {
        str(p.relative_to(ROOT)): n
        for folder in ("pipeline", "tools")
        for p in (ROOT / folder).rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}
