#!/usr/bin/env python3
"""Write the sample input workbook for the campaign `cum-1-2020`.

The sample describes the real cross-inspection of the văn thư, lưu trữ work of
Cụm thi đua số 1 (five wards of Long Biên district, 2020), as reported on the
Long Biên portal on 18/08/2020 (shared/reference/tin-bai-cum-1-2020.txt).
Facts the article does not give (individual scores, the secretary, team
members, nominees' names, findings other than the shared strengths, times,
document numbers other than 127/KH-UBND, photos) are illustrative; the extra
sheet `Ghi chú` says which is which.

Usage:
    python -m tools.make_sample [--out PATH]   (from the project's root)

The output is byte-for-byte deterministic: fixed document properties and fixed
zip entry timestamps.
"""

from __future__ import annotations

import argparse
import io
import sys
import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from pipeline.contract import SHEETS, WORKBOOK
from pipeline.files import write_atomic
from pipeline.kinds import ROWS as SLUGS  # the kinds with a `Văn bản` row of their own

from .sample_facts import (  # the facts written into the workbook
    ANH,
    CHUNG,
    CRITERIA,
    DEDUCTIONS,
    GHI_CHU,
    INSPECTION_END,
    INSPECTION_START,
    KHEN_THUONG,
    MUC_THUONG,
    NGUOI,
    NHAN_XET,
    TEAM_SCORES,
    TEXT_SCORE_CELL,
    UNITS,
    VAN_BAN,
    XEP_LOAI,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "inputs" / "cum-1-2020" / WORKBOOK

# Fixed stamp used for document properties and zip entries (the article's
# publication time), so that two runs give identical bytes.
FIXED_STAMP = datetime(2020, 8, 18, 16, 17, 0)

DATE_FMT = "dd/mm/yyyy"
DATETIME_FMT = "dd/mm/yyyy hh:mm"


# --------------------------------------------------------------------------
# Building the workbook
# --------------------------------------------------------------------------


def nfc(value):
    """Normalise text to NFC; leave other values alone."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def unit_name(short: str) -> str:
    return f"UBND phường {short}"


def leaf_codes() -> list[str]:
    codes = [c for c, _, _ in CRITERIA]
    return [c for c in codes if not any(o.startswith(c + ".") for o in codes)]


def scores() -> list[tuple[str, str, float, float, str]]:
    """(unit, leaf, self, cluster, remark) for every unit and leaf."""
    maxima = {c: m for c, _, m in CRITERIA}
    rows = []
    for unit, _ in UNITS:
        for leaf in leaf_codes():
            d_self, d_cluster, remark = DEDUCTIONS[unit].get(leaf, (0, 0, ""))
            rows.append((unit, leaf, maxima[leaf] - d_self, maxima[leaf] - d_cluster, remark))
    return rows


def van_ban_rows() -> list[dict]:
    """The `Văn bản` rows in the registry's order: one per kind of pipeline.kinds."""
    by_kind = {row["Văn bản"]: row for row in VAN_BAN}
    unknown = sorted(set(by_kind) - set(SLUGS))
    missing = [slug for slug in SLUGS if slug not in by_kind]
    if unknown or missing or len(by_kind) != len(VAN_BAN):
        raise SystemExit(
            f"tools/make_sample.py: VAN_BAN does not match pipeline.kinds "
            f"(unknown: {unknown}, missing: {missing}, or a kind twice)"
        )
    return [by_kind[slug] for slug in SLUGS]


def as_number(x: float):
    """Whole numbers as int, so Excel stores 10 rather than 10.0."""
    return int(x) if float(x).is_integer() else float(x)


class Sheet:
    """A worksheet written whole: header, rows, formats, widths.

    The header row is the contract's (pipeline.contract.SHEETS), in its order:
    its required columns and those the rows name (a contract column no row
    names, such as an optional column added since, is left out, as staff may).
    Only `Ghi chú`, the sample's own notes, is not a sheet of the contract.
    """

    def __init__(self, wb: Workbook, title: str, widths: list[int], rows: list[dict], headers: list[str] | None = None):
        if headers is None:
            spec = SHEETS[title]
            named = {column for row in rows for column in row}
            unknown = sorted(named - set(spec.headers))
            if unknown:  # a column renamed or dropped in the contract
                raise SystemExit(f"tools/make_sample.py: {title} has no column {unknown}")
            headers = [c.header for c in spec.columns if c.required or c.header in named]
        self.ws = wb.create_sheet(nfc(title))
        self.headers = [nfc(h) for h in headers]
        self.ws.append(self.headers)
        for cell in self.ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        self.ws.freeze_panes = "A2"
        for i, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        for row in rows:
            self._add(row)

    def _add(self, row: dict) -> None:
        row = {nfc(k): v for k, v in row.items()}
        self.ws.append([nfc(row.get(h)) for h in self.headers])
        for cell in self.ws[self.ws.max_row]:
            v = cell.value
            if isinstance(v, datetime):
                cell.number_format = DATETIME_FMT
            elif isinstance(v, date):
                cell.number_format = DATE_FMT
            if isinstance(v, str) and "\n" in v:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")


def score_rows() -> list[dict]:
    rows = []
    for unit, leaf, self_score, cluster_score, remark in scores():
        self_value = as_number(self_score)
        if (unit, leaf, "Tự chấm") == TEXT_SCORE_CELL:
            self_value = f"{self_score:g}".replace(".", ",")
        team = TEAM_SCORES.get((unit, leaf), cluster_score)
        rows.append(
            {
                "Mã đơn vị": unit,
                "Mã tiêu chí": leaf,
                "Tự chấm": self_value,
                "Cụm chấm": as_number(cluster_score),
                "Ghi chú": remark or None,
                "Đoàn chấm": as_number(team),
            }
        )
    return rows


def schedule_rows() -> list[dict]:
    codes = [code for code, _ in UNITS]
    return [
        {
            "Đơn vị được kiểm tra": inspected,
            "Đơn vị kiểm tra": codes[(i + 1) % len(codes)],
            "Thời gian": INSPECTION_START,
            "Kết thúc": INSPECTION_END,
        }
        for i, inspected in enumerate(codes)
    ]


def build() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)

    Sheet(wb, "Chung", [22, 44], [{"Mục": key, "Giá trị": value} for key, value in CHUNG])
    Sheet(
        wb,
        "Đơn vị",
        [8, 30, 16],
        [{"Mã": code, "Tên đơn vị": unit_name(short), "Tên ngắn": short} for code, short in UNITS],
    )
    s = Sheet(
        wb,
        "Tiêu chí",
        [8, 90, 13],
        [{"Mã": code, "Nội dung": text, "Điểm tối đa": maximum} for code, text, maximum in CRITERIA],
    )
    for number, (code, _, _) in enumerate(CRITERIA, start=2):
        if "." not in code:  # a group of criteria
            for cell in s.ws[number]:
                cell.font = Font(bold=True)
    Sheet(wb, "Chấm điểm", [12, 13, 11, 11, 50, 11], score_rows())
    Sheet(wb, "Xếp loại", [8, 10, 14], [{"Loại": label, "Điểm từ": low, "Tên": name} for label, low, name in XEP_LOAI])
    Sheet(
        wb,
        "Người",
        [26, 38, 12, 15],
        [
            {"Họ tên": name, "Chức vụ": position, "Mã đơn vị": unit, "Vai trò": role}
            for name, position, unit, role in NGUOI
        ],
    )
    Sheet(wb, "Lịch kiểm tra", [22, 18, 18, 18], schedule_rows())
    Sheet(
        wb,
        "Nhận xét",
        [12, 12, 90],
        [{"Mã đơn vị": unit, "Loại": kind, "Nội dung": text} for kind, text, units in NHAN_XET for unit in units],
    )
    Sheet(
        wb,
        "Khen thưởng",
        [12, 26, 32, 12, 42, 62, 12, 11],
        [
            {
                "Đối tượng": who,
                "Tên": name,
                "Chức vụ": position,
                "Mã đơn vị": unit,
                "Hình thức": form,
                "Thành tích": merit,
                "Mức thưởng": MUC_THUONG[who],
                "Quyết định": "có",
            }
            for who, name, position, unit, form, merit in KHEN_THUONG
        ],
    )
    Sheet(wb, "Văn bản", [18, 22, 36, 9, 12, 6, 16, 24, 16, 18, 44, 36], van_ban_rows())
    Sheet(wb, "Ảnh", [26, 90], [{"Tệp": file, "Chú thích": caption} for file, caption in ANH])
    s = Sheet(
        wb,
        "Ghi chú",
        [100, 45],
        [{"Nội dung": text, "Nguồn": source} for text, source in GHI_CHU],
        headers=["Nội dung", "Nguồn"],
    )
    for number in range(2, s.ws.max_row + 1):
        s.ws.cell(number, 1).alignment = Alignment(wrap_text=True, vertical="top")

    wb.properties.creator = "tools/make_sample.py"
    wb.properties.lastModifiedBy = "tools/make_sample.py"
    wb.properties.title = "Dữ liệu mẫu: Cụm thi đua số 1, năm 2020"
    wb.properties.created = FIXED_STAMP
    wb.properties.modified = FIXED_STAMP
    return wb


def to_bytes(wb: Workbook) -> bytes:
    """Serialise with fixed zip timestamps (openpyxl's own save stamps 'now')."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the sample workbook inputs/cum-1-2020/du-lieu.xlsx.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output path (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    write_atomic(args.out, to_bytes(build()))
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
