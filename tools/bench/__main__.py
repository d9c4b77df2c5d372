"""`python -m tools.bench`: the command line of the benchmark (see tools/bench/__init__.py)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __doc__ as DOC
from .measure import benchmark
from .report import report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description=DOC.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--campaigns", type=int, default=500, help="campaigns in the synthetic batch (default 500)")
    parser.add_argument(
        "--pdf-docs", type=int, default=24, help="documents for the PDF comparison; 0 skips it (default 24)"
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate into DIR (empty or absent) and keep it")
    parser.add_argument("--json", action="store_true", help="also print the results as one JSON object (the last line)")
    parser.add_argument("--seed", type=int, default=2020, help="random seed (default 2020)")
    parser.add_argument(
        "--format",
        choices=("auto", "xlsx", "csv"),
        default="auto",
        help="input files: xlsx, csv, or auto (xlsx unless too slow to write)",
    )
    parser.add_argument(
        "--renders", type=int, default=100, help="renders per template in the docxtpl comparison (default 100)"
    )
    parser.add_argument(
        "--stage-sample", type=int, default=50, help="campaigns built in-process for the stage seconds (default 50)"
    )
    parser.add_argument(
        "--noop-runs", type=int, default=2, help="runs of the nothing-to-do make all; the best counts (default 2)"
    )
    args = parser.parse_args(argv)
    if args.campaigns < 1:
        parser.error("--campaigns must be at least 1")
    bench = benchmark(
        args.campaigns,
        args.pdf_docs,
        args.keep,
        args.seed,
        args.format,
        max(1, args.renders),
        max(1, args.stage_sample),
        max(1, args.noop_runs),
    )
    print(report(bench))
    if args.json:
        print(json.dumps(bench.results, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
