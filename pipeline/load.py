"""Read a campaign's workbook (or its CSV files) into plain tables.

Only I/O and cell clean-up happen here; types and rules are validate.py's job.
Every row keeps its Excel row number so that problems can point at it.
"""
from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from . import inputguard, legacy
from .cells import clean_text
from .contract import SHEET_SLUGS, WORKBOOK
from .errors import InputError, Problem

NOT_A_WORKBOOK = ("không đọc được tệp này như một bảng tính Excel (.xlsx). Hãy mở bằng Excel "
                  "và lưu lại dưới dạng Excel Workbook (.xlsx).")


def header_key(text: str) -> str:
    """Headers and sheet names match ignoring case and surrounding spaces only."""
    return unicodedata.normalize("NFC", str(text)).strip().casefold()


@dataclass
class Row:
    number: int  # the Excel row number (or CSV line number)
    values: dict[str, object]  # header key -> cleaned cell value (None when blank)

    def get(self, header: str):
        return self.values.get(header_key(header))


@dataclass
class Sheet:
    name: str  # as the contract writes it
    file: str  # what messages call the file: du-lieu.xlsx or chung.csv
    headers: dict[str, str]  # header key -> header as written in the file
    header_row: int
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # cells no one can use as typed
    warnings: list[str] = field(default_factory=list)  # cells repaired on the way in
    letters: dict[str, str] = field(default_factory=dict)  # header key -> column letter

    def has(self, header: str) -> bool:
        return header_key(header) in self.headers

    def cell(self, header: str | None, row: int | None) -> str | None:
        """The address of a cell ("D14") under `header` in `row`, when both are known."""
        letter = self.letters.get(header_key(header)) if header else None
        return f"{letter}{row}" if letter and row is not None else None


@dataclass
class RawCampaign:
    name: str
    folder: Path
    sheets: dict[str, Sheet]  # contract sheet name -> sheet
    csv: bool = False  # the tables came as CSV files, one per sheet

    @property
    def problems(self) -> list[Problem]:
        return [p for sheet in self.sheets.values() for p in sheet.problems]

    @property
    def warnings(self) -> list[str]:
        return [w for sheet in self.sheets.values() for w in sheet.warnings]

    def file_of(self, sheet: str) -> str:
        """The file a sheet lives (or should live) in, as messages name it."""
        return f"{SHEET_SLUGS[sheet]}.csv" if self.csv else WORKBOOK


def _clean(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = clean_text(value)
        return value or None
    return value


def _repair(sheet: Sheet, row: int, header: str, value):
    """Text as it arrives from offices: legacy encodings, invisible and control characters."""
    if not isinstance(value, str):
        return value
    where = f"{sheet.file} › {sheet.name} › dòng {row} › cột \"{header}\""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    controls = legacy.control_characters(text)
    if controls:
        sheet.problems.append(Problem(
            sheet.file, f"ô có ký tự điều khiển không in được ({', '.join(controls)}), thường do "
            "dán từ phần mềm khác; hãy xóa nội dung ô và gõ lại.", sheet.name, row, header))
        # Go on without them, so the cell is not also reported as blank or unknown.
        text = "".join(ch for ch in text if f"U+{ord(ch):04X}" not in controls)
    hidden = legacy.zero_width(text)
    if hidden:
        text = "".join(ch for ch in text if f"U+{ord(ch):04X}" not in hidden)
        sheet.warnings.append(f"{where}: đã xóa ký tự vô hình ({', '.join(hidden)}).")
    converted, encoding = legacy.to_unicode(text)
    if encoding is not None:
        names = {legacy.TCVN3: "TCVN3 (ABC, phông .VnTime)", legacy.VNI: "VNI-Windows"}
        sheet.warnings.append(f"{where}: chữ gõ bằng bảng mã {names[encoding]} đã được chuyển "
                              f"sang Unicode: \"{clean_text(converted)}\"; hãy kiểm tra lại.")
    return converted


def _letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: a spreadsheet's column letters."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _table(name: str, file: str, grid: list[list]) -> Sheet:
    """Turn a grid of cells into a Sheet; the header is the first non-blank row."""
    rows = iter(enumerate(grid, start=1))
    headers: dict[str, str] = {}
    order: list[str | None] = []
    header_row = 0
    for number, cells in rows:
        cleaned = [_clean(c) for c in cells]
        if any(c is not None for c in cleaned):
            header_row = number
            for cell in cleaned:
                key = header_key(cell) if cell is not None else None
                if key is not None and key not in headers:
                    headers[key] = str(cell).strip()
                    order.append(key)
                else:
                    order.append(None)
            break
    sheet = Sheet(name, file, headers, header_row)
    sheet.letters = {key: _letter(index) for index, key in enumerate(order) if key is not None}
    for number, cells in rows:
        values = {}
        for key, cell in zip(order, cells):
            if key is not None:
                values[key] = _clean(_repair(sheet, number, headers[key], cell))
        if any(v is not None for v in values.values()):
            sheet.rows.append(Row(number, values))
    return sheet


def open_workbook(path: Path):
    """The workbook at `path` (python-calamine), or InputError saying why it cannot be read."""
    from python_calamine import CalamineWorkbook

    try:
        if not zipfile.is_zipfile(path):
            raise ValueError
        with zipfile.ZipFile(path) as archive:  # sizes first (pipeline/inputguard.py)
            inputguard.check_zip(archive, Path(path).name)
        return CalamineWorkbook.from_path(str(path))
    except InputError:
        raise
    except Exception:
        raise InputError(f"{Path(path).name}: {NOT_A_WORKBOOK}") from None


def read_grid(book, sheet_name: str) -> list[list]:
    """A sheet's cells as rows of Python values, blank areas kept (Excel row n = index n-1)."""
    try:
        return book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except Exception:
        raise InputError(f"{sheet_name}: {NOT_A_WORKBOOK}") from None


def _read_workbook(path: Path) -> dict[str, Sheet]:
    known = {header_key(s): s for s in SHEET_SLUGS}
    # Formulas without values, error values, merges, hidden rows, the used range and
    # over-long text, streamed before calamine allocates anything (pipeline/inputguard.py).
    try:
        reports = inputguard.inspect_workbook(path, path.name, lambda n: header_key(n) in known)
    except (zipfile.BadZipFile, OSError):
        raise InputError(f"{path.name}: {NOT_A_WORKBOOK}") from None
    book = open_workbook(path)
    sheets = {}
    for sheet_name in book.sheet_names:
        canonical = known.get(header_key(sheet_name))
        if canonical is None:
            continue  # extra sheets (notes, the instructions) are allowed
        grid = read_grid(book, sheet_name)
        sheets[canonical] = _table(canonical, path.name, grid)
        inputguard.attach(sheets[canonical], reports.get(sheet_name), grid)
    return sheets


def _read_csvs(folder: Path) -> dict[str, Sheet]:
    sheets = {}
    for name, slug in SHEET_SLUGS.items():
        path = folder / f"{slug}.csv"
        if not path.exists():
            continue
        if not path.is_file():  # a folder, a FIFO: never opened
            raise InputError(f"{path.name} không phải là một tệp CSV.")
        if path.stat().st_size > inputguard.MAX_UNPACKED:
            raise InputError(f"{path.name}: tệp CSV lớn hơn giới hạn "
                             f"{inputguard.MAX_UNPACKED // (1024 * 1024)} MB.")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{path.name}: tệp CSV phải được lưu với mã UTF-8.") from None
        try:
            grid = list(csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            raise InputError(f"{path.name}: tệp CSV bị hỏng ({exc}).") from None
        sheets[name] = _table(name, path.name, grid)
        inputguard.attach(sheets[name], None, grid)
    return sheets


def source_files(folder: Path) -> list[Path]:
    """The input files of a campaign folder (what Make watches)."""
    workbook = folder / WORKBOOK
    if workbook.exists():
        return [workbook]
    return sorted(p for p in (folder / f"{s}.csv" for s in SHEET_SLUGS.values()) if p.exists())


def load_campaign(folder: Path) -> RawCampaign:
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"Không tìm thấy thư mục đợt thi đua {folder}.")
    workbook = folder / WORKBOOK
    if workbook.exists() and not workbook.is_file():  # a folder, a FIFO: never opened
        raise InputError(f"{folder.name}/{WORKBOOK} không phải là một tệp bảng tính.")
    if workbook.exists():
        return RawCampaign(folder.name, folder, _read_workbook(workbook))
    if (folder / "chung.csv").exists():
        return RawCampaign(folder.name, folder, _read_csvs(folder), csv=True)
    raise InputError(
        f"{folder}: không có tệp {WORKBOOK} (hoặc các tệp CSV như chung.csv) trong thư mục."
    )
