"""Benchmark the pipeline on a synthetic national batch (`make bench`).

Generates N campaigns (default 500, 5-8 units each, the sample's 14 criteria,
realistic Vietnamese names and text) into a temporary folder, then measures,
in one run on this machine:

- `make all` on the batch, the way staff run it: wall time, documents per
  second, peak memory (largest single process, and the whole process tree);
- seconds per stage (load, validate, score, documents, render, write) from
  `build_campaign` run in-process on a sample of the campaigns;
- the pipeline's renderer against a plain docxtpl loop on the same template
  and context, and the ratio;
- PDF: `pipeline.export.convert` against one `soffice --convert-to` per file;
- a second `make all` with nothing to do;

and prints a report with the machine and each target's PASS/FAIL. Targets are
measured here, never asserted in timed tests.

Modules: generate (the synthetic campaigns), measure (the runs and the
measurements), report (the text report), __main__ (the command line).

Usage, from the project folder:
    .venv/bin/python -m tools.bench [--campaigns 500] [--pdf-docs 24] [--keep DIR] [--json]
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "inputs" / "cum-1-2020"
TEMPLATES = ROOT / "templates_docx"
GIB = 1024**3

# Targets (issue: "make bench").
TARGET_DOCX_RATIO = 2.0  # pipeline docs/s >= 2x the plain docxtpl loop
TARGET_BATCH_SECONDS = 120.0  # the 500-campaign batch, every kind, on 2 cores
TARGET_BATCH_CAMPAIGNS = 500
TARGET_PEAK_BYTES = 1 * GIB  # peak memory of the batch
TARGET_PDF_RATIO = 0.5  # convert() <= 0.5x one soffice per file
TARGET_NOOP_SECONDS = 1.0  # a second `make all` with nothing to do
