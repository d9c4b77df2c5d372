"""The house plan, checked: no import loops, and no stage imports a later one.

Stages, in the order data flows through them:
  foundation (errors, config, cells, legacy, vietnamese, metrics, legal, model,
  contract, kinds, files, images, signing, geography, issuers) -> load -> forms.reader -> validate -> score ->
  documents -> render -> manifest -> build -> the edges (cli, export, blank,
  forms.writer, templatecheck, formatcheck and anything else).
"""
from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pipeline"

FOUNDATION = {"errors", "config", "cells", "legacy", "vietnamese", "metrics", "legal", "model",
              "contract", "kinds", "files", "images", "forms", "signing", "geography", "issuers"}
STAGES = ["load", "forms.reader", "validate", "score", "documents", "render", "manifest",
          "build"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The pipeline modules `name` (at `path`) imports, at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                stem = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("pipeline"):
                stem = node.module.removeprefix("pipeline").lstrip(".")
            else:
                continue
            targets = [f"{stem}.{alias.name}".lstrip(".") for alias in node.names] + [stem]
        elif isinstance(node, ast.Import):
            targets = [a.name.removeprefix("pipeline").lstrip(".") for a in node.names
                       if a.name.startswith("pipeline")]
        for target in targets:
            # the longest known module the name starts with (`.documents.base.Output` -> documents.base)
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


@functools.lru_cache(maxsize=1)
def graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    files.pop("", None)
    known = set(files)
    return {name: _imports(path, name, known) for name, path in files.items()}


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


def stage_of(module: str) -> int | None:
    """The rank of a module's stage; None for foundation and edge modules."""
    if module in FOUNDATION:
        return None
    for rank, stage in reversed(list(enumerate(STAGES))):
        if module == stage or module.startswith(stage + "."):
            return rank
    return None


@pytest.mark.slow
def test_the_graph_is_read():
    edges = graph()
    assert "build" in edges and "validate" in edges["build"] and "score" in edges["build"]
    assert "documents.base" in edges["render"]


def test_no_import_loops():
    assert _cycles(graph()) == []


def test_a_loop_is_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_stage_imports_a_later_one():
    late = []
    for module, targets in graph().items():
        rank = stage_of(module)
        if rank is None:
            continue
        for target in targets:
            other = stage_of(target)
            if other is not None and other > rank:
                late.append(f"{module} -> {target}")
    assert late == []


@pytest.mark.parametrize("module", sorted(FOUNDATION - {"forms"}))
def test_foundation_imports_no_stage(module):
    stages = {t for t in graph().get(module, ()) if stage_of(t) is not None}
    assert stages == set(), module
