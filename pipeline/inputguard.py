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
        book = etree.fromstring(archive.read("xl/workbook.xml"), etree.XMLParser(**_parser_kwargs()))
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), etree.XMLParser(**_parser_kwargs()))
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
        "dòng, cột thừa (chọn chúng, nhấn chuột phải, Delete) rồi lưu lại."
    )


def check_zip(archive: zipfile.ZipFile, file: str) -> None:
    """Refuse a zip whose members would decompress past the limits, before reading any."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _too_large(file, f"tệp gồm {len(members)} phần, quá giới hạn {MAX_MEMBERS}")
    unpacked = sum(info.file_size for info in members)
    if unpacked > MAX_UNPACKED:
        raise _too_large(
            file,
            f"khi giải nén tệp chiếm {unpacked // (1024 * 1024)} MB, quá giới hạn {MAX_UNPACKED // (1024 * 1024)} MB",
        )


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
                raise _too_large(file, "một phần của tệp giải nén ra lớn hơn kích thước ghi trong tệp")
            return data

    return Reader()


EXCERPT = 40  # characters of an over-long text quoted in a message
# Over-long cells are reported with their column like any cell problem while calamine can
# still read them cheaply; past these bounds the workbook is refused while it is streamed,
# before any of the text exists as one string.
HARD_CELL_CHARS = 4 * MAX_CELL_CHARS
HARD_LONG_TOTAL = 1_000_000  # characters in over-long cells, the whole workbook together


def excerpt(text: str) -> str:
    """At most EXCERPT characters of `text`, for a message."""
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def _long_message(ref: str, length: int, start: str, more: bool = False) -> str:
    count = f"hơn {HARD_CELL_CHARS}" if more else str(length)
    return (
        f"ô {ref} có {count} ký tự, quá giới hạn {MAX_CELL_CHARS} ký tự của một ô Excel "
        f'(bắt đầu bằng "{excerpt(start)}"): hãy rút gọn nội dung ô.'
    )


class _Text:
    """A text counted as it streams: its length and its first characters, never all of it."""

    __slots__ = ("length", "start")

    def __init__(self):
        self.length, self.start = 0, ""

    def add(self, chunk: str) -> None:
        self.length += len(chunk)
        if len(self.start) <= EXCERPT:
            self.start += chunk[: EXCERPT + 1]


class _Budget:
    """Characters in over-long cells so far, over every part of one workbook."""

    def __init__(self, file: str):
        self.file, self.total = file, 0

    def spend(self, where: str, ref: str, text: _Text, done: bool) -> None:
        if text.length > HARD_CELL_CHARS:
            raise InputError(f"{where}: {_long_message(ref, text.length, text.start, True)}")
        if done and text.length > MAX_CELL_CHARS:
            self.total += text.length
            if self.total > HARD_LONG_TOTAL:
                raise InputError(
                    f"{where}: {_long_message(ref, text.length, text.start)} "
                    "Bảng tính có quá nhiều ô dài như vậy; chương trình dừng đọc."
                )


def _stream(stream, target) -> None:
    parser = etree.XMLParser(target=target, **_stream_kwargs())
    while True:
        data = stream.read(65536)
        if not data:
            break
        parser.feed(data)
    parser.close()


class _SharedStrings:
    """Target parser over sharedStrings.xml: only the over-long strings are remembered."""

    def __init__(self, budget: _Budget, where: str):
        self.budget, self.where = budget, where
        self.index, self.text, self.inside = -1, None, False
        self.long: dict[int, _Text] = {}

    def start(self, tag, attrib):
        if tag == f"{{{MAIN}}}si":
            self.index += 1
            self.text = _Text()
        elif tag == f"{{{MAIN}}}t" and self.text is not None:
            self.inside = True

    def data(self, chunk):
        if self.inside:
            self.text.add(chunk)
            if self.text.length > HARD_CELL_CHARS:
                self.budget.spend(self.where, f"(chuỗi dùng chung số {self.index + 1})", self.text, False)

    def end(self, tag):
        if tag == f"{{{MAIN}}}t":
            self.inside = False
        elif tag == f"{{{MAIN}}}si":
            if self.text.length > MAX_CELL_CHARS:
                self.long[self.index] = self.text
            self.text = None

    def close(self):
        return self.long


def shared_strings(archive: zipfile.ZipFile, file: str, budget: _Budget) -> dict[int, _Text]:
    """The over-long shared strings (index -> length and start), streamed."""
    part = "xl/sharedStrings.xml"
    if part not in archive.namelist():
        return {}
    try:
        target = _SharedStrings(budget, file)
        _stream(_bounded_read(archive, part, file), target)
        return target.long
    except etree.XMLSyntaxError:
        raise InputError(
            f"{file}: bảng chuỗi dùng chung bị hỏng, không đọc được. Hãy mở bằng "
            "Excel và lưu lại dưới dạng Excel Workbook (.xlsx)."
        ) from None


class _Sheet:
    """Target parser over one worksheet: cells found by `r` or, without it, by their order."""

    CAP = 200  # characters of a formula or a value kept for a message

    def __init__(self, report: SheetReport, refuse, beyond, where: str, budget: _Budget, long_shared: dict[int, _Text]):
        self.report, self.refuse, self.beyond = report, refuse, beyond
        self.where, self.budget, self.long_shared = where, budget, long_shared
        self.row, self.column = 0, 0
        self.cell = None  # [ref, row, column, kind, formula, value, text] of the open cell
        self.capture = None  # "f", "v" or "t": where character data goes

    def start(self, tag, attrib):
        if not tag.startswith(f"{{{MAIN}}}"):
            return
        local = tag[len(MAIN) + 2 :]
        if local == "c":
            ref = attrib.get("r")
            position = _split(ref) if ref else None
            if position is None:  # placed by order: the next column of the current row
                position = (self.row or 1, self.column + 1)
                ref = f"{column_letter(position[1])}{position[0]}"
            if self.beyond(*position):
                raise self.refuse(ref)
            self.row, self.column = position
            self.cell = [ref.upper(), *position, attrib.get("t"), None, None, None]
        elif self.cell is not None and local in ("f", "v"):
            self.cell[4 if local == "f" else 5] = self.cell[4 if local == "f" else 5] or ""
            self.capture = local
        elif self.cell is not None and local == "t":
            if self.cell[6] is None:
                self.cell[6] = _Text()
            self.capture = "t"
        elif local == "row":
            number = attrib.get("r")
            self.row = int(number) if number and number.isdigit() else self.row + 1
            self.column = 0
            if self.row > MAX_ROWS:
                raise self.refuse(f"A{self.row}")
            if attrib.get("hidden") in ("1", "true"):
                self.report.hidden_rows.append(self.row)
        elif local == "dimension":
            last = (attrib.get("ref") or "").split(":")[-1]
            cell = _split(last)
            if cell and self.beyond(*cell):
                raise self.refuse(last)
        elif local == "mergeCell":
            ref = attrib.get("ref") or ""
            corners = [_split(r) for r in ref.split(":")]
            if all(corners) and len(corners) == 2:
                (r1, c1), (r2, c2) = corners
                if self.beyond(r2, c2):
                    raise self.refuse(ref.split(":")[-1])
                self.report.issues.append(
                    CellIssue(
                        r1,
                        c1,
                        f"các ô {ref.upper()} được gộp (merge): chỉ ô đầu có giá trị, "
                        "các ô còn lại sẽ bị coi là trống. Hãy bỏ gộp ô (Unmerge) và ghi "
                        "giá trị vào từng ô.",
                    )
                )

    def data(self, chunk):
        if self.capture == "t":
            text = self.cell[6]
            text.add(chunk)
            if text.length > HARD_CELL_CHARS:
                self.budget.spend(self.where, self.cell[0], text, False)
        elif self.capture is not None:
            index = 4 if self.capture == "f" else 5
            if len(self.cell[index]) < self.CAP:
                self.cell[index] += chunk[: self.CAP]
            if self.capture == "v" and self.cell[3] != "s":  # a formula's text result
                if self.cell[6] is None:
                    self.cell[6] = _Text()
                self.cell[6].add(chunk)
                if self.cell[6].length > HARD_CELL_CHARS:
                    self.budget.spend(self.where, self.cell[0], self.cell[6], False)

    def end(self, tag):
        local = tag[len(MAIN) + 2 :] if tag.startswith(f"{{{MAIN}}}") else None
        if local in ("f", "v", "t"):
            self.capture = None
        elif local == "c" and self.cell is not None:
            self._check(*self.cell)
            self.cell = None

    def _check(self, ref, row, column, kind, formula, value, text) -> None:
        issues = self.report.issues
        if kind == "s" and value and value.strip().isdigit():
            text = self.long_shared.get(int(value.strip()))
        if text is not None and text.length > MAX_CELL_CHARS:
            self.budget.spend(self.where, ref, text, True)
            issues.append(CellIssue(row, column, _long_message(ref, text.length, text.start)))
        if kind == "e":
            shown = (value or "").strip()
            issues.append(
                CellIssue(
                    row,
                    column,
                    (
                        f"ô {ref} có giá trị lỗi {excerpt(shown) or '(lỗi)'} của Excel"
                        + (" (do công thức)" if formula is not None else "")
                        + ": hãy sửa công thức hoặc ghi số liệu trực tiếp."
                    ),
                )
            )
        elif formula is not None and (value is None or (not value and kind != "str")):
            shown = f" (={excerpt(formula.strip())})" if formula.strip() else ""
            issues.append(
                CellIssue(
                    row,
                    column,
                    (
                        f"ô {ref} có công thức{shown} nhưng chưa có giá trị tính sẵn (tệp được lưu bởi "
                        "một chương trình khác hoặc khi Excel tắt tính toán tự động): hãy mở bằng Excel, "
                        "nhấn F9 để tính lại rồi lưu, hoặc ghi số liệu trực tiếp."
                    ),
                )
            )

    def close(self):
        return self.report


def inspect_sheet(
    archive: zipfile.ZipFile,
    part: str,
    file: str,
    sheet: str,
    budget: _Budget | None = None,
    long_shared: dict[int, _Text] | None = None,
) -> SheetReport:
    """Stream one worksheet part; raise InputError when it claims an absurd size or holds
    absurdly long text. Every cell is checked, with or without its `r` attribute."""
    report = SheetReport()
    where = f"{file} › {sheet}"

    def beyond(row: int, column: int) -> bool:
        return row > MAX_ROWS or column > MAX_COLUMNS

    def refuse(ref: str) -> InputError:
        return _too_large(
            where,
            f"trang tính dùng đến ô {ref.upper()}, quá giới hạn "
            f"{MAX_ROWS} dòng, {MAX_COLUMNS} cột ({column_letter(MAX_COLUMNS)})",
        )

    target = _Sheet(report, refuse, beyond, where, budget or _Budget(file), long_shared or {})
    try:
        _stream(_bounded_read(archive, part, file), target)
    except etree.XMLSyntaxError:
        raise InputError(
            f"{where}: nội dung trang tính bị hỏng, không đọc được. Hãy mở bằng "
            "Excel và lưu lại dưới dạng Excel Workbook (.xlsx)."
        ) from None
    return report


def inspect_workbook(path, file: str, wanted: Callable[[str], bool]) -> dict[str, SheetReport]:
    """Check the zip, then every sheet whose name (as written in the file) is `wanted`."""
    with zipfile.ZipFile(path) as archive:
        check_zip(archive, file)
        names = set(archive.namelist())
        budget = _Budget(file)
        long_shared = shared_strings(archive, file, budget)
        reports = {}
        for name, part in _sheet_paths(archive).items():
            if wanted(name) and part in names:
                reports[name] = inspect_sheet(archive, part, file, name, budget, long_shared)
        return reports


def attach(sheet, report: SheetReport | None, grid: list[list]) -> None:
    """Turn cell issues into the sheet's problems (with the column's header) and hidden
    rows holding data into one warning. `sheet` is a load.Sheet built from `grid`."""
    issues = report.issues if report else long_cells(grid)  # a workbook's were streamed
    header = grid[sheet.header_row - 1] if 0 < sheet.header_row <= len(grid) else []
    for issue in issues:
        title = header[issue.column - 1] if issue.column <= len(header) else None
        title = excerpt(str(title).strip()) if title not in (None, "") else None
        sheet.problems.append(
            Problem(sheet.file, issue.message, sheet.name, issue.row, title or column_letter(issue.column))
        )
    if report and report.hidden_rows:
        used = {row.number for row in sheet.rows}
        hidden = [str(n) for n in report.hidden_rows if n in used]
        if hidden:
            sheet.warnings.append(
                f"{sheet.file} › {sheet.name}: các dòng {', '.join(hidden)} đang bị ẩn trong "
                "Excel; chương trình vẫn đọc các dòng này, hãy kiểm tra lại số liệu của chúng."
            )


def long_cells(grid: list[list]) -> list[CellIssue]:
    """Cells with more text than Excel allows in one cell."""
    issues = []
    for row, cells in enumerate(grid, start=1):
        for column, value in enumerate(cells, start=1):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                issues.append(
                    CellIssue(
                        row, column, _long_message(f"{column_letter(column)}{row}", len(value), value[: EXCERPT + 1])
                    )
                )
    return issues
