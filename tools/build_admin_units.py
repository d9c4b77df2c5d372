"""Build pipeline/data/don-vi-hanh-chinh-2025.csv: the administrative units in force from
1 July 2025 (34 provinces and cities; their communes, wards and special zones, with the
General Statistics Office's codes).

Source: the `vietnam-provinces` package (GPL-3.0-or-later, Python >= 3.12), used only here,
in a throwaway environment, never at run time:

    python3.12 -m venv /tmp/vp && /tmp/vp/bin/pip install vietnam-provinces==2026.9.0
    .venv/bin/python -m tools.build_admin_units \
        /tmp/vp/lib/python3.12/site-packages/vietnam_provinces/data/nested-divisions.json

The package's `data/nested-divisions.json` is read as plain JSON (no import of its code).
Record the version used in pipeline/data/README.md when the table is rebuilt.
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "don-vi-hanh-chinh-2025.csv"
COLUMNS = ("Mã tỉnh", "Tỉnh", "Loại tỉnh", "Mã", "Tên", "Loại")
KINDS = {"thành phố trung ương": "thành phố", "tỉnh": "tỉnh"}


def _bare(name: str, kind: str) -> str:
    """`Phường Ba Đình` -> `Ba Đình`; `Thành phố Hà Nội` -> `Hà Nội`."""
    name = unicodedata.normalize("NFC", name).strip()
    for prefix in (kind, "Thành phố", "Tỉnh", "Phường", "Xã", "Đặc khu"):
        if name.casefold().startswith(prefix.casefold() + " "):
            return name[len(prefix) + 1 :]
    return name


def rows(nested: list[dict]) -> list[tuple]:
    out = []
    for province in nested:
        kind = KINDS[province["division_type"]]
        name = _bare(province["name"], kind)
        for ward in province["wards"]:
            out.append(
                (
                    f"{province['code']:02d}",
                    name,
                    kind,
                    f"{ward['code']:05d}",
                    _bare(ward["name"], ward["division_type"]),
                    ward["division_type"],
                )
            )
    return sorted(out, key=lambda r: (r[0], r[3]))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    nested = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    table = rows(nested)
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(table)
    print(f"{TARGET}: {len(nested)} tỉnh, thành phố; {len(table)} đơn vị hành chính cấp xã")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
