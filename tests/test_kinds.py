"""The registry of document kinds: every kind complete, and a new kind needs only its own parts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from pipeline import kinds as registry
from pipeline.config import TEMPLATES
from pipeline.documents.base import Built

from .conftest import SAMPLE
from .test_make import UP_TO_DATE
from .docx_tools import plain

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"


@pytest.mark.parametrize("kind", registry.KINDS, ids=lambda k: k.slug)
def test_every_kind_is_complete(kind):
    assert callable(kind.build)
    for template in kind.templates:
        assert (TEMPLATES / template).is_file(), template
    assert kind.group in registry.GROUPS
    assert set(kind.needs) <= set(registry.NEEDS)
    assert kind.issuer in ("leader", "superior")
    assert (kind.abbreviation is not None) == kind.administrative
    assert kind.target in kind.writes or kind.stamp


def test_every_group_has_a_kind_and_slugs_are_unique():
    assert len(set(registry.SLUGS)) == len(registry.KINDS)
    for group in registry.GROUPS:
        assert registry.members(group), group
    assert registry.members("all") == registry.SLUGS


def test_expand_takes_groups_and_kinds_once_in_order():
    assert registry.expand(["proposal", "minutes", "to-trinh"]) == ["to-trinh", "bien-ban-kiem-tra", "bien-ban-hop-cum"]
    assert registry.expand(["all"]) == list(registry.SLUGS)


def test_each_document_module_builds_from_campaign_and_results():
    from pipeline.load import load_campaign
    from pipeline.score import compute
    from pipeline.validate import validate

    campaign = validate(load_campaign(SAMPLE), registry.SLUGS)
    results = compute(campaign)
    for kind in registry.KINDS:
        built = kind.build(campaign, results)
        assert isinstance(built, Built) and built.outputs, kind.slug
        for output in built.outputs:
            assert output.template in kind.templates


# ---------------------------------------------------------------- a new kind

MODULE = '''"""A throw-away kind: the ranking as a plain list."""
from __future__ import annotations

from ..kinds import kind
from ..model import Campaign
from ..score import Results
from .base import Built, Output

KIND = kind("danh-sach")  # its file names and template, from its entry


def build(campaign: Campaign, results: Results) -> Built:
    rows = [f"{r.rank}. {campaign.unit(r.unit).name}" for r in results.units.itertuples()]
    return Built([Output(KIND.file(), KIND.template, {"title": campaign.cluster, "rows": rows})])
'''

ENTRY = """    Kind("danh-sach", "ranking", "danh sách xếp hạng", "ranking",
         templates=("danh-sach.docx",), writes=("danh-sach.docx",), target="danh-sach.docx"),
    # no type_name: a plain list, not an administrative document; the format check leaves it
"""


def _add_kind(tree: Path) -> None:
    """What the README says a new kind takes: its module, its template, its registry entry."""
    (tree / "pipeline" / "documents" / "ranking.py").write_text(MODULE, encoding="utf-8")
    doc = Document()
    for text in ("{{ title }}", "{%p for r in rows %}", "{{ r }}", "{%p endfor %}"):
        doc.add_paragraph(text)
    doc.save(tree / "templates_docx" / "danh-sach.docx")
    kinds = tree / "pipeline" / "kinds.py"
    text = kinds.read_text(encoding="utf-8")
    end = text.index("\n)\n", text.index("KINDS: tuple[Kind, ...] = ("))  # the tuple's end
    text = text[:end] + "\n" + ENTRY.rstrip("\n") + text[end:]
    text = text.replace(
        "GROUPS: dict[str, str] = {\n", 'GROUPS: dict[str, str] = {\n    "ranking": "Danh sách xếp hạng",\n', 1
    )
    kinds.write_text(text, encoding="utf-8")


@pytest.mark.make
@pytest.mark.skipif(
    not (VENV / ".installed").exists() or not shutil.which("make"),
    reason="needs make and the project's .venv (make test sets both up)",
)
def test_a_new_kind_needs_only_its_module_template_and_entry(tmp_path):
    tree = tmp_path / "tree"
    for part in ("pipeline", "templates_docx"):
        shutil.copytree(ROOT / part, tree / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / part, tree / part)
    shutil.copytree(SAMPLE, tree / "inputs" / SAMPLE.name)
    _add_kind(tree)
    env = os.environ | {"PYTHONPATH": str(tree)}  # the copy's pipeline, the project's venv
    done = subprocess.run(
        ["make", "--no-print-directory", "-C", str(tree), "all", f"VENV={VENV}"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    out = tree / "outputs" / SAMPLE.name
    assert done.stdout == f"{SAMPLE.name}: đã tạo 14 văn bản trong outputs/{SAMPLE.name}/\n"
    text = "\n".join(plain(p.text) for p in Document(str(out / "danh-sach.docx")).paragraphs)
    assert text.startswith("Cụm thi đua số 1\n1. UBND phường ")
    assert len(text.splitlines()) == 6
    again = subprocess.run(
        ["make", "--no-print-directory", "-C", str(tree), "ranking", f"VENV={VENV}"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert (again.returncode, again.stdout) == (0, UP_TO_DATE)  # nothing to do, and it says so
    helped = subprocess.run(
        ["make", "--no-print-directory", "-C", str(tree), "help"], capture_output=True, text=True, env=env
    )
    assert "make ranking" in helped.stdout
    listed = subprocess.run([str(VENV / "bin" / "vanban"), "kinds"], cwd=tree, capture_output=True, text=True, env=env)
    assert "danh-sach" in listed.stdout
