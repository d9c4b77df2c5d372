"""What arrives from offices, checked before anything trusts it.

The workbook is opened as the zip it is and its sheets are streamed with lxml
before python-calamine allocates anything, so that

- a file that decompresses to more than `MAX_UNPACKED` bytes, or a sheet whose
  used range claims a cell far beyond any real table (`XFD1048576`), is an
  input error found in seconds, not an allocation of hundreds of GiB;
- a formula without a cached value (a workbook saved by a script, or by Excel
  with calculation off) and an error value (`#DIV/0!`, `#REF!`) are errors
  naming the cell: calamine reads both as blank, and a blank score silently
  changes a total;
- a merged range is an error naming it (only its first cell has a value);
- hidden rows are read, with a warning naming them.

Text is bounded too: a cell longer than Excel's own limit is an error, and
noncharacters (U+FFFE, U+FFFF) are reported with the control characters.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Callable

from lxml import etree

from .errors import InputError, Problem

MAX_UNPACKED = 200 * 1024 * 1024  # bytes, all members of the workbook's zip together
MAX_MEMBERS = 10_000
MAX_ROWS = 100_000  # a national batch has a few thousand score rows per campaign
MAX_COLUMNS = 200  # column GR; the widest contract sheet has 11 columns
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def _split(ref: str) -> tuple[int, int] | None:
    """`B12` -> (12, 2); None when it is not a cell reference."""
    match = _REF.fullmatch(ref.strip())
    if not match:
        return None
    return int(match.group(2)), column_index(match.group(1))


@dataclass
class CellIssue:
    """A problem at one cell, before the sheet's headers are known."""

    row: int
    column: int  # 1-based
    message: str


@dataclass
class SheetReport:
    issues: list[CellIssue] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)


def _parser_kwargs() -> dict:
    # No entities, no network, no huge-tree mode: a hostile XML part stays small.
    return {"resolve_entities": False, "no_network": True, "huge_tree": False}


def _stream_kwargs() -> dict:
    # Recover from characters XML forbids (U+FFFE in a cell): calamine reads the cell
    # and load.py names it; only the structure matters here.
    return _parser_kwargs() | {"recover": True}


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part inside the zip (xl/worksheets/sheetN.xml)."""
    try:
        book = etree.fromstring(archive.read("xl/workbook.xml"),
                                etree.XMLParser(**_parser_kwargs()))
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"),
                                etree.XMLParser(**_parser_kwargs()))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    targets = {}
    for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
        target = rel.get("Target", "")
        if target.startswith("/"):
            target = target[1:]
        else:
            target = str(PurePosixPath("xl") / target)
        targets[rel.get("Id")] = target
    paths = {}
    for sheet in book.iter(f"{{{MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{REL}}}id"))
        if target:
            paths[sheet.get("name")] = target
    return paths


def _too_large(file: str, what: str) -> InputError:
    return InputError(
        f"{file}: {what}. Bảng tính của một đợt thi đua không cần lớn như vậy: hãy xóa các "
        "dòng, cột thừa (chọn chúng, nhấn chuột phải, Delete) rồi lưu lại.")


def check_zip(archive: zipfile.ZipFile, file: str) -> None:
    """Refuse a zip whose members would decompress past the limits, before reading any."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _too_large(file, f"tệp gồm {len(members)} phần, quá giới hạn {MAX_MEMBERS}")
    unpacked = sum(info.file_size for info in members)
    if unpacked > MAX_UNPACKED:
        raise _too_large(file, f"khi giải nén tệp chiếm {unpacked // (1024 * 1024)} MB, quá giới "
                               f"hạn {MAX_UNPACKED // (1024 * 1024)} MB")


def _bounded_read(archive: zipfile.ZipFile, name: str, file: str):
    """An open member that refuses to yield more bytes than its header declared."""
    info = archive.getinfo(name)

    class Reader:
        def __init__(self):
            self.handle = archive.open(info)
            self.seen = 0

        def read(self, size: int = -1) -> bytes:
            data = self.handle.read(65536 if size is None or size < 0 else size)
            self.seen += len(data)
            if self.seen > min(info.file_size, MAX_UNPACKED):
                raise _too_large(file, "một phần của tệp giải nén ra lớn hơn kích thước ghi trong "
                                       "tệp")
            return data

    return Reader()


def inspect_sheet(archive: zipfile.ZipFile, part: str, file: str, sheet: str) -> SheetReport:
    """Stream one worksheet part; raise InputError when it claims an absurd size."""
    report = SheetReport()
    where = f"{file} › {sheet}"

    def beyond(row: int, column: int) -> bool:
        return row > MAX_ROWS or column > MAX_COLUMNS

    def refuse(ref: str) -> InputError:
        return _too_large(where, f"trang tính dùng đến ô {ref.upper()}, quá giới hạn "
                                 f"{MAX_ROWS} dòng, {MAX_COLUMNS} cột ({column_letter(MAX_COLUMNS)})")

    stream = _bounded_read(archive, part, file)
    tags = {f"{{{MAIN}}}{t}" for t in ("dimension", "row", "c", "mergeCell")}
    try:
        for _, element in etree.iterparse(stream, events=("end",), **_stream_kwargs()):
            tag = element.tag
            if tag not in tags:
                if tag == f"{{{MAIN}}}sheetData" or tag.endswith("}mergeCells"):
                    element.clear()
                continue
            if tag == f"{{{MAIN}}}dimension":
                last = (element.get("ref") or "").split(":")[-1]
                cell = _split(last)
                if cell and beyond(*cell):
                    raise refuse(last)
            elif tag == f"{{{MAIN}}}row":
                number = element.get("r")
                if number and number.isdigit():
                    if int(number) > MAX_ROWS:
                        raise refuse(f"A{number}")
                    if element.get("hidden") in ("1", "true"):
                        report.hidden_rows.append(int(number))
                element.clear()  # its cells were handled at their own end events
                while element.getprevious() is not None:
                    del element.getparent()[0]
            elif tag == f"{{{MAIN}}}c":
                _check_cell(element, report, refuse, beyond)
            else:  # mergeCell
                ref = element.get("ref") or ""
                corners = [_split(r) for r in ref.split(":")]
                if all(corners) and len(corners) == 2:
                    (r1, c1), (r2, c2) = corners
                    if beyond(r2, c2):
                        raise refuse(ref.split(":")[-1])
                    report.issues.append(CellIssue(
                        r1, c1, f"các ô {ref.upper()} được gộp (merge): chỉ ô đầu có giá trị, "
                                "các ô còn lại sẽ bị coi là trống. Hãy bỏ gộp ô (Unmerge) và ghi "
                                "giá trị vào từng ô."))
    except etree.XMLSyntaxError:
        raise InputError(f"{where}: nội dung trang tính bị hỏng, không đọc được. Hãy mở bằng "
                         "Excel và lưu lại dưới dạng Excel Workbook (.xlsx).") from None
    return report


def _check_cell(element, report: SheetReport, refuse, beyond) -> None:
    ref = element.get("r")
    position = _split(ref) if ref else None
    if position is None:
        return
    if beyond(*position):
        raise refuse(ref)
    formula = element.find(f"{{{MAIN}}}f")
    value = element.find(f"{{{MAIN}}}v")
    kind = element.get("t")
    row, column = position
    if kind == "e":
        shown = (value.text or "").strip() if value is not None else ""
        report.issues.append(CellIssue(row, column, (
            f"ô {ref} có giá trị lỗi {shown or '(lỗi)'} của Excel"
            + (" (do công thức)" if formula is not None else "")
            + ": hãy sửa công thức hoặc ghi số liệu trực tiếp.")))
    elif formula is not None and (value is None or (not value.text and kind != "str")):
        text = (formula.text or "").strip()
        shown = f" (={text})" if text else ""
        report.issues.append(CellIssue(row, column, (
            f"ô {ref} có công thức{shown} nhưng chưa có giá trị tính sẵn (tệp được lưu bởi "
            "một chương trình khác hoặc khi Excel tắt tính toán tự động): hãy mở bằng Excel, "
            "nhấn F9 để tính lại rồi lưu, hoặc ghi số liệu trực tiếp.")))
    element.clear()


def inspect_workbook(path, file: str, wanted: Callable[[str], bool]) -> dict[str, SheetReport]:
    """Check the zip, then every sheet whose name (as written in the file) is `wanted`."""
    with zipfile.ZipFile(path) as archive:
        check_zip(archive, file)
        names = set(archive.namelist())
        reports = {}
        for name, part in _sheet_paths(archive).items():
            if wanted(name) and part in names:
                reports[name] = inspect_sheet(archive, part, file, name)
        return reports


def attach(sheet, report: SheetReport | None, grid: list[list]) -> None:
    """Turn cell issues into the sheet's problems (with the column's header) and hidden
    rows holding data into one warning. `sheet` is a load.Sheet built from `grid`."""
    issues = (report.issues if report else []) + long_cells(grid)
    header = grid[sheet.header_row - 1] if 0 < sheet.header_row <= len(grid) else []
    for issue in issues:
        title = header[issue.column - 1] if issue.column <= len(header) else None
        title = str(title).strip() if title not in (None, "") else None
        sheet.problems.append(Problem(sheet.file, issue.message, sheet.name, issue.row,
                                      title or column_letter(issue.column)))
    if report and report.hidden_rows:
        used = {row.number for row in sheet.rows}
        hidden = [str(n) for n in report.hidden_rows if n in used]
        if hidden:
            sheet.warnings.append(
                f"{sheet.file} › {sheet.name}: các dòng {', '.join(hidden)} đang bị ẩn trong "
                "Excel; chương trình vẫn đọc các dòng này, hãy kiểm tra lại số liệu của chúng.")


def long_cells(grid: list[list]) -> list[CellIssue]:
    """Cells with more text than Excel allows in one cell."""
    issues = []
    for row, cells in enumerate(grid, start=1):
        for column, value in enumerate(cells, start=1):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                issues.append(CellIssue(row, column, (
                    f"ô {column_letter(column)}{row} có {len(value)} ký tự, quá giới hạn "
                    f"{MAX_CELL_CHARS} ký tự của một ô Excel.")))
    return issues
