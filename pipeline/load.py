"""Read a campaign from disk: its workbook (or CSV files) into plain tables, the units'
returned self-scoring forms into grids, and what the photos it names are on disk.

This is the only stage that reads the campaign's files; types and rules are validate.py's
job, and validate reads nothing but what is gathered here. Every row keeps its Excel row
number so that problems can point at it.
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
from .contract import (
    FORM_HEADERS,
    FORMS_FOLDER,
    FORMS_SHEET,
    PHOTOS_FOLDER,
    SHEET_SLUGS,
    WORKBOOK,
)
from .errors import InputError, Problem
from .images import unreadable
from .sanity import PhotoTooLarge, inside

NOT_A_WORKBOOK = (
    "không đọc được tệp này như một bảng tính Excel (.xlsx). Hãy mở bằng Excel "
    "và lưu lại dưới dạng Excel Workbook (.xlsx)."
)


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


@dataclass(frozen=True)
class RawForm:
    """A unit's returned self-scoring form (tu-cham/*.xlsx) as read from disk."""

    file: str  # its name in tu-cham/
    mtime: float  # seconds since the epoch: the later of two sources of a score wins
    grid: list[list] | None  # the `Tự chấm` sheet, None when it cannot be read
    why: str | None = None  # why it cannot be read
    formula_rows: frozenset[int] = frozenset()  # Excel rows whose blank score is a formula


@dataclass(frozen=True)
class RawPhoto:
    """A photo the `Ảnh` sheet names, as found in anh/ (validate decides what it means)."""

    name: str  # as written in `Tệp`
    path: Path
    inside: bool  # the name, links followed, stays inside anh/
    present: bool  # a regular file
    unreadable: str | None = None  # why it does not decode (e.g. "OSError"), None when it does
    too_large: str | None = None  # the message when its header gives too many pixels
    decoded: bool = False  # whether it was opened at all (only when a document embeds it)


@dataclass
class RawCampaign:
    name: str
    folder: Path
    sheets: dict[str, Sheet]  # contract sheet name -> sheet
    csv: bool = False  # the tables came as CSV files, one per sheet
    mtimes: dict[str, float] = field(default_factory=dict)  # source file name -> mtime
    forms: list[RawForm] = field(default_factory=list)  # tu-cham/*.xlsx, by name
    photos: dict[str, RawPhoto] = field(default_factory=dict)  # `Tệp` -> what is on disk
    photos_outside: bool = False  # anh/ itself a link out of the campaign folder

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
    where = f'{sheet.file} › {sheet.name} › dòng {row} › cột "{header}"'
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    controls = legacy.control_characters(text)
    if controls:
        sheet.problems.append(
            Problem(
                sheet.file,
                f"ô có ký tự điều khiển không in được ({', '.join(controls)}), thường do "
                "dán từ phần mềm khác; hãy xóa nội dung ô và gõ lại.",
                sheet.name,
                row,
                header,
            )
        )
        # Go on without them, so the cell is not also reported as blank or unknown.
        text = "".join(ch for ch in text if f"U+{ord(ch):04X}" not in controls)
    hidden = legacy.zero_width(text)
    if hidden:
        text = "".join(ch for ch in text if f"U+{ord(ch):04X}" not in hidden)
        sheet.warnings.append(f"{where}: đã xóa ký tự vô hình ({', '.join(hidden)}).")
    converted, encoding = legacy.to_unicode(text)
    if encoding is not None:
        names = {legacy.TCVN3: "TCVN3 (ABC, phông .VnTime)", legacy.VNI: "VNI-Windows"}
        sheet.warnings.append(
            f"{where}: chữ gõ bằng bảng mã {names[encoding]} đã được chuyển "
            f'sang Unicode: "{clean_text(converted)}"; hãy kiểm tra lại.'
        )
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
            raise InputError(f"{path.name}: tệp CSV lớn hơn giới hạn {inputguard.MAX_UNPACKED // (1024 * 1024)} MB.")
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


def _form_clean(value):
    if isinstance(value, str):
        value = clean_text(value)
        return value or None
    return value


def form_label(value) -> str | None:
    """A form's cell as a label: header key, without a trailing colon (`Mã đơn vị:`)."""
    value = _form_clean(value)
    return header_key(str(value)).rstrip(":").strip() if value is not None else None


def form_header(grid) -> tuple[int, dict[str, int]] | None:
    """(Excel row, header key -> column index) of the row holding `Mã tiêu chí` and `Tự chấm`."""
    need = {header_key(FORM_HEADERS[0]), header_key(FORM_HEADERS[3])}
    for number, line in enumerate(grid, start=1):
        columns: dict[str, int] = {}
        for index, value in enumerate(line):
            key = form_label(value)
            if key is not None and key not in columns:
                columns[key] = index
        if need <= set(columns):
            return number, columns
    return None


def _formula_rows(path: Path, grid) -> frozenset[int]:
    """The Excel rows whose `Tự chấm` cell is blank in calamine's view but holds a formula
    (a form filled by a tool that saved no values); openpyxl is opened only for those."""
    header = form_header(grid)
    if header is None:
        return frozenset()
    header_row, columns = header
    code_at, column = columns[header_key(FORM_HEADERS[0])], columns[header_key(FORM_HEADERS[3])]
    blank = [
        number
        for number, line in enumerate(grid[header_row:], start=header_row + 1)
        if code_at < len(line)
        and _form_clean(line[code_at]) is not None
        and (column >= len(line) or _form_clean(line[column]) is None)
    ]
    if not blank:
        return frozenset()
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # read by calamine already; openpyxl's view is only a hint
        return frozenset()
    try:
        wanted = header_key(FORMS_SHEET)
        sheet = next((book[n] for n in book.sheetnames if header_key(n) == wanted), None)
        if sheet is None:
            return frozenset()
        found = set()
        for row in blank:
            cell = sheet.cell(row, column + 1)
            if getattr(cell, "data_type", None) == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                found.add(row)
        return frozenset(found)
    finally:
        book.close()


def read_form(path: Path) -> RawForm:
    """A returned form's `Tự chấm` sheet, or why it cannot be read (never raises)."""
    path = Path(path)
    mtime = path.stat().st_mtime
    try:
        book = open_workbook(path)
    except InputError as error:
        return RawForm(path.name, mtime, None, str(error).removeprefix(f"{path.name}: "))
    wanted = header_key(FORMS_SHEET)
    for name in book.sheet_names:
        if header_key(name) == wanted:
            try:
                grid = read_grid(book, name)
            except InputError as error:
                return RawForm(path.name, mtime, None, str(error).removeprefix(f"{name}: "))
            return RawForm(path.name, mtime, grid, None, _formula_rows(path, grid))
    return RawForm(
        path.name, mtime, None, f'không có trang tính "{FORMS_SHEET}" (giữ nguyên trang này của biểu tự chấm).'
    )


def read_forms(folder: Path) -> list[RawForm]:
    """Every `*.xlsx` of `folder` (tu-cham/), by name; Excel's lock files (`~$…`) and hidden
    files skipped; a missing folder gives none."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return [
        read_form(p)
        for p in sorted(folder.iterdir())
        if p.suffix.lower() == ".xlsx" and p.is_file() and not p.name.startswith(("~$", "."))
    ]


def _photo_names(sheets: dict[str, Sheet]) -> list[str]:
    sheet = sheets.get("Ảnh")
    names = [] if sheet is None else [row.get("Tệp") for row in sheet.rows]
    return list(dict.fromkeys(str(n) for n in names if n is not None))


def read_photo(folder: Path, name: str, decode: bool) -> RawPhoto:
    """What `anh/<name>` is on disk; `decode`: also open it as the documents will (the
    picture is kept in images' cache for the render)."""
    path = folder / name
    if not inside(folder, name):
        return RawPhoto(name, path, inside=False, present=False)
    if not path.is_file():
        return RawPhoto(name, path, inside=True, present=False)
    if not decode or path.suffix.lower() not in (".jpg", ".jpeg", ".png"):
        return RawPhoto(name, path, inside=True, present=True)
    try:
        why = unreadable(path)
    except PhotoTooLarge as exc:
        return RawPhoto(name, path, True, True, too_large=str(exc), decoded=True)
    return RawPhoto(name, path, True, True, unreadable=why, decoded=True)


def _mtimes(folder: Path, sheets: dict[str, Sheet]) -> dict[str, float]:
    found = {}
    for file in {sheet.file for sheet in sheets.values()}:
        try:
            found[file] = (folder / file).stat().st_mtime
        except OSError:
            pass
    return found


def source_files(folder: Path) -> list[Path]:
    """The input files of a campaign folder (what Make watches)."""
    workbook = folder / WORKBOOK
    if workbook.exists():
        return [workbook]
    return sorted(p for p in (folder / f"{s}.csv" for s in SHEET_SLUGS.values()) if p.exists())


def load_campaign(folder: Path, photos: bool = True) -> RawCampaign:
    """The campaign in `folder`, read whole. `photos`: open the photos `Ảnh` names as the
    documents will (only the documents that embed them need it); without it their presence
    is still looked at."""
    raw = _load_tables(Path(folder))
    raw.mtimes = _mtimes(raw.folder, raw.sheets)
    raw.forms = read_forms(raw.folder / FORMS_FOLDER)
    raw.photos_outside = not inside(raw.folder, PHOTOS_FOLDER)
    if not raw.photos_outside:
        raw.photos = {name: read_photo(raw.folder / PHOTOS_FOLDER, name, photos) for name in _photo_names(raw.sheets)}
    return raw


def _load_tables(folder: Path) -> RawCampaign:
    if not folder.is_dir():
        raise InputError(f"Không tìm thấy thư mục đợt thi đua {folder}.")
    workbook = folder / WORKBOOK
    if workbook.exists() and not workbook.is_file():  # a folder, a FIFO: never opened
        raise InputError(f"{folder.name}/{WORKBOOK} không phải là một tệp bảng tính.")
    if workbook.exists():
        return RawCampaign(folder.name, folder, _read_workbook(workbook))
    if (folder / "chung.csv").exists():
        return RawCampaign(folder.name, folder, _read_csvs(folder), csv=True)
    raise InputError(f"{folder}: không có tệp {WORKBOOK} (hoặc các tệp CSV như chung.csv) trong thư mục.")
