"""Run the format checker on the external files and join its findings with the
judgements recorded for them.

    python tests/external/measure.py FOLDER            # FOLDER from fetch_external.py
    python tests/external/measure.py FOLDER --write     # rewrite findings.csv

findings.csv: one row per file and rule broken (the grouping of `vanban
check-format`), with the count of places and the first place, or one row for
a file's verdict (not an administrative document, legal normative document,
skipped). judgements.csv: the judgement of each such row — for a finding
`true` (the file breaks the rule there), `false` (it does not: a false alarm) or
`misleading` (a real defect, told wrongly); for a verdict `right` or `wrong` —
with a note. The summary gives the share of false alarms over all findings.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.formatcheck import UnreadableDocx, check_docx, group_findings  # noqa: E402

FINDINGS = HERE / "findings.csv"
JUDGEMENTS = HERE / "judgements.csv"
FIELDS = ["id", "rule", "count", "first_place", "message"]


def run(folder: Path) -> list[dict]:
    ids = [row["id"] for row in csv.DictReader((HERE / "sources.csv").open(encoding="utf-8"))]
    rows = []
    for ident in ids:
        path = folder / f"{ident}.docx"
        if not path.exists():
            rows.append(
                {
                    "id": ident,
                    "rule": "(không chuyển được)",
                    "count": 0,
                    "first_place": "",
                    "message": "LibreOffice không chuyển được tệp .doc này",
                }
            )
            continue
        try:
            found = check_docx(path)
        except UnreadableDocx as error:
            rows.append({"id": ident, "rule": "(không đọc được)", "count": 0, "first_place": "", "message": str(error)})
            continue
        if found.skipped or found.verdict:
            rows.append(
                {
                    "id": ident,
                    "rule": "(bỏ qua)" if found.skipped else "(kết luận)",
                    "count": 0,
                    "first_place": "",
                    "message": found.skipped or found.verdict,
                }
            )
            continue
        if not found:
            rows.append({"id": ident, "rule": "(đạt)", "count": 0, "first_place": "", "message": "đạt thể thức"})
        for group in group_findings(found):
            rows.append(
                {
                    "id": ident,
                    "rule": group.rule,
                    "count": group.count,
                    "first_place": group.places[0],
                    "message": group.message,
                }
            )
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--write", action="store_true", help="rewrite findings.csv with this run")
    args = parser.parse_args(argv)
    rows = run(args.folder)
    if args.write:
        with FINDINGS.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, FIELDS)
            writer.writeheader()
            writer.writerows(rows)
    judged = {}
    if JUDGEMENTS.exists():
        judged = {(r["id"], r["rule"]): r for r in csv.DictReader(JUDGEMENTS.open(encoding="utf-8"))}
    groups, places, unjudged = Counter(), Counter(), []
    verdicts = Counter()
    for row in rows:
        j = judged.get((row["id"], row["rule"]))
        if j is None:
            unjudged.append(f"{row['id']} {row['rule']}")
            continue
        if row["rule"].startswith("("):
            verdicts[j["judgement"]] += 1
        else:
            groups[j["judgement"]] += 1
            places[j["judgement"]] += int(row["count"])
    n_groups, n_places = sum(groups.values()), sum(places.values())
    print(f"files: {len({r['id'] for r in rows})}; verdicts: {dict(verdicts)}")
    print(
        f"findings (one line per file and rule): {n_groups} {dict(groups)}; "
        f"false alarms {groups['false']}/{n_groups} = {groups['false'] / max(n_groups, 1):.1%}"
    )
    print(
        f"places (every finding): {n_places} {dict(places)}; "
        f"false alarms {places['false']}/{n_places} = {places['false'] / max(n_places, 1):.1%}"
    )
    if unjudged:
        print(f"not judged yet ({len(unjudged)}): " + ", ".join(unjudged[:20]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
