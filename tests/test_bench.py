"""tools/bench/: the synthetic batch is valid input, and the report has every figure.

No timing is asserted here: the targets are measured by `make bench`, not by tests.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline import kinds as registry
from pipeline.build import find_campaigns
from pipeline.load import load_campaign
from pipeline.validate import validate
from tools.bench import generate
from tools.bench.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.slow
def test_generated_campaigns_validate_without_problems(tmp_path, fmt):
    inputs = tmp_path / "inputs"
    made = generate.generate(inputs, 3, seed=7, fmt=fmt, jobs=1)
    assert (made.campaigns, made.xlsx + made.csv) == (3, 3)
    assert (made.xlsx if fmt == "xlsx" else made.csv) == 3
    folders = find_campaigns(inputs)
    assert len(folders) == 3
    leaves = [
        c
        for c, _, _ in generate.read_criteria()
        if not any(o.startswith(c + ".") for o, _, _ in generate.read_criteria())
    ]
    assert len(leaves) == 14
    for folder in folders:
        # raises ValidationError on any problem
        campaign = validate(load_campaign(folder), registry.SLUGS)
        assert 5 <= len(campaign.units) <= 8
        assert all(u.code.isascii() and u.code.isalnum() for u in campaign.units)
        assert len([c for c in campaign.criteria if not c.is_group]) == 14
        assert {p.role for p in campaign.people} == {
            "chủ trì",
            "thư ký",
            "thành viên",
            "trưởng đoàn",
            "đoàn kiểm tra",
            "đại diện",
        }
        assert set(campaign.issuances) == set(registry.ROWS)
        assert campaign.scores["cluster"].notna().all()
        kinds = [a.kind for a in campaign.awards]
        assert 1 <= kinds.count("tập thể") <= 2 and 1 <= kinds.count("cá nhân") <= 4


def test_generation_is_deterministic(tmp_path):
    criteria = generate.read_criteria()
    plan = generate._plan(5, 11)
    assert plan == generate._plan(5, 11)
    first = [generate.campaign_tables(i, 11, criteria, n, d, y) for i, _, n, d, y in plan]
    again = [generate.campaign_tables(i, 11, criteria, n, d, y) for i, _, n, d, y in plan]
    assert first == again
    assert len({name for _, name, _, _, _ in plan}) == 5


@pytest.mark.slow
@pytest.mark.make
@pytest.mark.skipif(
    not (VENV / ".installed").exists() or not shutil.which("make"),
    reason="needs make and the project's .venv (make test sets both up)",
)
def test_benchmark_end_to_end_reports_every_figure(tmp_path, capsys):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    keep = tmp_path / "bench"
    assert (
        main(
            [
                "--campaigns",
                "4",
                "--pdf-docs",
                "2" if office else "0",
                "--renders",
                "2",
                "--stage-sample",
                "2",
                "--keep",
                str(keep),
                "--json",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    text, last = out.rsplit("\n", 2)[0], out.strip().splitlines()[-1]
    for figure in (
        "CPU",
        "cores",
        "memory",
        "Python",
        "LibreOffice",
        "campaigns      4",
        "documents/s",
        "peak memory",
        "largest single process",
        "sum of RSS",
        "load ",
        "validate",
        "score",
        "documents ",
        "render",
        "write",
        "serial",
        "docxtpl",
        "pipeline",
        "bien-ban-hop-cum",
        "bien-ban-kiem-tra",
        "Second make all",
        "Targets",
    ):
        assert figure in text, figure
    assert ("one soffice per file" in text) if office else ("skipped" in text)
    for target in ("DOCX >=", "batch, every kind", "peak memory < 1 GiB", "PDF <=", "second make all <"):
        line = next(line for line in text.splitlines() if target in line and "[" in line)
        assert any(v in line for v in ("[PASS]", "[FAIL]", "[SKIP]")), line
    results = json.loads(last)
    assert results["campaigns"] == 4
    assert results["make_all"]["documents"] > 0
    assert set(results["stages"]["seconds"]) == {"load", "validate", "score", "documents", "render", "write"}
    # the stages were timed on the kinds `make all` queues, every one of them
    assert f"kinds          {', '.join(registry.SLUGS)} (what" in text
    assert results["stages"]["seconds"]["render"] > 0
    assert len(results["baseline"]) == 2
    assert set(results["targets"]) == {"docx_ratio", "batch_seconds", "peak_memory", "pdf_ratio", "noop_seconds"}
    # --keep keeps the batch, and make left nothing queued behind.
    assert len(find_campaigns(keep / "inputs")) == 4
    assert not list((keep / "outputs").glob(".hang-doi*"))
