"""What only the laid-out page shows: checks on a PDF of the document.

    findings = rendered_findings(pdf_path, docx_path=docx_path)   # a PDF already made
    by_file = check_files(["a.docx", "b.docx"])                  # convert, then check

The PDF is read with poppler's `pdftotext -bbox-layout` (every line and word with
its box, in points from the top left). With the .docx beside it, the elements the
checker located there (Quốc hiệu, issuer, Số, date, type name, signature lines,
headings, table group rows) are looked up on the page; without it, they are
recognised by their text alone. The rules:

- every one-line element (Quốc hiệu, Tiêu ngữ, names of the bodies, Số, date
  line, type name, signature lines, `Nơi nhận:`, `Phụ lục`) is on one line;
- no heading and no table group row is the last thing on a page, nor `Nơi nhận:`;
- no document number (`127/KH-UBND`) is broken across lines;
- `Nơi nhận:` at the left margin, level with the signing authority (below the
  signatures in a biên bản);
- page numbers centred in the top margin from page 2, none on page 1, and each
  Phụ lục numbered on its own.

The generated documents' tests call rendered_findings on the PDFs of the sample
campaign: staff and the test suite share this code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from lxml import etree

from ..errors import PipelineError
from .rulekit import Finding, bare, is_upper, modern
from .locate import KINDS, Layout, locate
from .document import load
from .wordfile import quote

POPPLER_HINT = (
    "Chưa có pdftotext (poppler-utils) để đọc trang in. Trên Debian/Ubuntu chạy "
    "`make system-deps` (cài libreoffice-writer-nogui, fonts-liberation2, poppler-utils)."
)
PT_PER_CM = 72 / 2.54
ROW_TOLERANCE = 3.0  # points: words this close in height are on the same printed row
TOP_ZONE = 62.0  # points from the top edge: the page number sits above the text (top margin 20–25 mm)
BOTTOM_ZONE = 56.0  # points from the bottom edge: a footer, not the page's last line of text


class RenderUnavailable(PipelineError):
    """LibreOffice or poppler is missing: the rendered checks cannot run."""


@dataclass
class PLine:
    """One printed line: its text and box, on page `page` (1-based)."""

    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list = field(default_factory=list)

    @property
    def text_lines(self) -> list:
        """Lines of the text area: not the page number above it, nor a footer."""
        return [ln for ln in self.lines if ln.y0 >= TOP_ZONE - 6 and ln.y1 <= self.height - BOTTOM_ZONE + 6]

    def rows(self) -> list:
        """The text area's lines grouped into printed rows, top to bottom."""
        rows = []
        for ln in sorted(self.text_lines, key=lambda ln: (ln.y0, ln.x0)):
            if rows and abs(rows[-1][0].y0 - ln.y0) <= ROW_TOLERANCE:
                rows[-1].append(ln)
            else:
                rows.append([ln])
        return rows


def _norm(text: str) -> str:
    """For comparing text of the .docx with text of the page."""
    text = modern(text).replace("\u00a0", " ")
    return " ".join(re.sub("[\u2010-\u2015\u2212]", "-", text).split())


# ---------------------------------------------------------------------------- reading the PDF


def read_pdf(pdf_path) -> list:
    """The pages of `pdf_path` with their printed lines (pdftotext -bbox-layout)."""
    if not shutil.which("pdftotext"):
        raise RenderUnavailable(POPPLER_HINT)
    proc = subprocess.run(["pdftotext", "-bbox-layout", str(pdf_path), "-"], capture_output=True)
    if proc.returncode != 0:
        raise RenderUnavailable(
            f"pdftotext không đọc được {pdf_path}: {proc.stderr.decode('utf-8', 'replace').strip()}"
        )
    root = etree.fromstring(proc.stdout, etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    for n, page_el in enumerate(root.iter("{*}page"), start=1):
        page = Page(n, float(page_el.get("width")), float(page_el.get("height")))
        for line_el in page_el.iter("{*}line"):
            words = [w.text or "" for w in line_el.iter("{*}word")]
            text = _norm(" ".join(words))
            if text:
                page.lines.append(PLine(n, text, *(float(line_el.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))))
        pages.append(page)
    return pages


# ---------------------------------------------------------------------------- what to look for


@dataclass
class Expect:
    """What the .docx (or, without it, the text alone) says the page must show."""

    one_line: list = field(default_factory=list)  # (element name, text, first page only)
    headings: list = field(default_factory=list)  # texts of headings and table group rows
    bien_ban: bool = False
    appendix_titles: list = field(default_factory=list)  # normalised `Phụ lục …` lines
    noi_nhan: str = ""  # the `Nơi nhận:` line, never the last of a page


def _expect_from_docx(docx_path, kind: Optional[str]) -> Expect:
    from .rules_body import _kinds
    from .rules_extra import appendices

    doc = load(docx_path)
    lay: Layout = locate(doc, kind=kind)
    exp = Expect(bien_ban=lay.is_bien_ban)
    named = [
        ("Quốc hiệu", lay.quoc_hieu),
        ("Tiêu ngữ", lay.tieu_ngu),
        ("Số, ký hiệu", lay.so),
        ("Địa danh và ngày tháng", lay.date),
        ("Tên loại văn bản", lay.type_line),
    ]
    # The names of the managing and issuing bodies may take several lines (Phụ lục I, mục
    # II.3: a long name is broken into lines), and no rule holds the signer's title to one.
    exp.one_line = [(name, ln.text, True) for name, ln in named if ln is not None]
    if lay.noi_nhan is not None:
        exp.one_line.append(("Nơi nhận", lay.noi_nhan.text, False))
        exp.noi_nhan = lay.noi_nhan.text
    for para in appendices(doc, lay):
        exp.one_line.append(("Phụ lục", para.text, False))
        exp.appendix_titles.append(_norm(para.text))
    for para, k in zip(lay.body, _kinds(lay.body)):
        bold = [r for r in para.runs if r.text.strip()]
        all_bold = bool(bold) and all(r.props.bold for r in bold)
        if ARTICLE_WITH_TEXT.match(para.text) and not all_bold:
            continue  # `Điều 1. Tặng …`: an article and its text, a paragraph like any other
        if k == "heading" or (all_bold and len(para.text) < 120):
            exp.headings.append(para.text)
    for table in doc.tables:
        if not table.top_level or len(table.rows) < 3 or table is lay.signature_table or table is lay.header_table:
            continue
        for row in table.rows[:-1]:  # the last row (a total) may close a page
            runs = [r for cell in row for p in cell.paras for r in p.runs if r.text.strip()]
            if runs and all(r.props.bold for r in runs):
                longest = max((p.text for cell in row for p in cell.paras), key=len)
                exp.headings.append(longest)
    return exp


ARTICLE_WITH_TEXT = re.compile(r"^Điều\s+\d+\.\s+\S")
HEADING_TEXT = re.compile(r"^([IVXLC]+\.\s+\S|(Phần|Chương|Mục)\s+[IVXLC\d]+\b|Điều\s+\d+\.)")


def _expect_from_text(pages: list, kind: Optional[str]) -> Expect:
    exp = Expect(bien_ban=kind is not None and KINDS.get(kind) == "BIÊN BẢN")
    first = pages[0].lines if pages else []
    for ln in first:
        b = bare(ln.text)
        if "cong hoa xa hoi" in b or b.startswith("cong hoa"):
            exp.one_line.append(("Quốc hiệu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True))
        if b.startswith("doc lap"):
            exp.one_line.append(("Tiêu ngữ", "Độc lập - Tự do - Hạnh phúc", True))
        if b.startswith("bien ban"):
            exp.bien_ban = True
    for page in pages:
        for ln in page.text_lines:
            if HEADING_TEXT.match(ln.text) and (is_upper(ln.text) or ln.text.startswith("Điều")):
                exp.headings.append(ln.text)
            if re.match(r"^phu luc(\s+[ivxlc\d]+)?$", bare(ln.text)):
                exp.appendix_titles.append(ln.text)
            if bare(ln.text) == "noi nhan:":
                exp.noi_nhan = ln.text
    return exp


# ---------------------------------------------------------------------------- the rules


def _f(rule: str, where: str, message: str) -> Finding:
    return Finding(rule, where, message)


def _check_one_line(pages: list, exp: Expect):
    seen = set()
    for name, text, first_only in exp.one_line:
        want = _norm(text)
        if not want or (name, want) in seen:
            continue
        seen.add((name, want))
        where = pages[:1] if first_only else pages
        lines = [ln for page in where for ln in page.lines]
        rows = [
            " ".join(ln.text for ln in sorted(row, key=lambda ln: ln.x0)) for page in where for row in page.rows()
        ]  # a wide gap splits a line in two
        if any(want in ln.text for ln in lines) or any(want in row for row in rows):
            continue
        head = want.split()[0]
        pieces = [ln for ln in lines if ln.text.endswith(head) or head in ln.text.split()]
        page = pieces[0].page if pieces else 1
        yield _f(
            "trang-mot-dong",
            f"trang {page}: {quote(text)}",
            f"Trên trang in, {name} phải nằm trên một dòng; đang bị xuống dòng (hoặc không tìm thấy nguyên dòng).",
        )


def _stranded(pages: list, exp: Expect):
    """(page, heading) for each page but the last whose last line is a heading."""
    wanted = [_norm(t) for t in exp.headings if len(_norm(t)) >= 2]
    for page in pages[:-1]:
        rows = page.rows()
        if not rows:
            continue
        for ln in sorted(rows[-1], key=lambda ln: -len(ln.text)):
            hit = next((h for h in wanted if ln.text == h or (len(ln.text) >= 6 and ln.text in h)), None)
            if hit is not None:
                yield page, hit
                break


def stranded_headings(pdf_path, docx_path) -> list[str]:
    """The headings, as the .docx writes them, that the printed pages of `pdf_path`, made
    from `docx_path`, leave alone at a page foot: what `trang-de-muc-cuoi-trang` reports."""
    pages = read_pdf(pdf_path)
    if not pages:
        return []
    exp = _expect_from_docx(docx_path, None)
    written = {_norm(t): t for t in exp.headings}
    return [written.get(hit, hit) for _, hit in _stranded(pages, exp)]


def _check_stranded(pages: list, exp: Expect):
    for page, hit in _stranded(pages, exp):
        yield _f(
            "trang-de-muc-cuoi-trang",
            f"trang {page.number}: {quote(hit)}",
            "Đề mục (hoặc dòng nhóm của bảng) đứng một mình ở cuối trang, nội dung của nó "
            "sang trang sau: cho đề mục sang trang sau cùng nội dung (giữ với đoạn sau).",
        )
    for page in pages[:-1]:
        rows = page.rows()
        if not rows:
            continue
        last = rows[-1]
        noi_nhan = _norm(exp.noi_nhan)
        if noi_nhan and any(ln.text == noi_nhan for ln in last):
            yield _f(
                "trang-noi-nhan-cuoi-trang",
                f"trang {page.number}: {quote(noi_nhan)}",
                '"Nơi nhận:" đứng một mình ở cuối trang, danh sách nơi nhận sang trang sau: '
                "giữ cả khối Nơi nhận trên một trang.",
            )


BROKEN_NUMBER = re.compile(r"(\b\d+/[\wĐđ/.\-]*[-/])$")


def _check_broken_numbers(pages: list):
    for page in pages:
        for ln in page.text_lines:
            m = BROKEN_NUMBER.search(ln.text)
            if m:
                yield _f(
                    "trang-so-hieu-ngat",
                    f'trang {page.number}: dòng "…{_tail(ln.text)}"',
                    f'Số, ký hiệu văn bản "{m.group(1)}…" bị ngắt xuống dòng; số, ký hiệu phải '
                    "liền một dòng (dùng dấu gạch nối không ngắt hoặc xuống dòng trước số).",
                )


def _tail(text: str, limit: int = 40) -> str:
    """The last whole words of `text`, about `limit` characters."""
    words, out = text.split(), []
    while words and len(" ".join([words[-1], *out])) <= limit:
        out.insert(0, words.pop())
    return " ".join(out) or text[-limit:]


def _check_noi_nhan(pages: list, exp: Expect):
    for page in pages:
        head = next((ln for ln in page.text_lines if re.fullmatch(r"noi nhan\s*:?", bare(ln.text))), None)
        if head is None:
            continue
        left = min(ln.x0 for ln in page.text_lines)
        where = f'trang {page.number}: "Nơi nhận:"'
        if head.x0 - left > 1.0 * PT_PER_CM:
            yield _f(
                "trang-noi-nhan-vi-tri",
                where,
                f'"Nơi nhận:" phải sát lề trái; đang lùi vào {(head.x0 - left) / PT_PER_CM:.1f} cm '
                "so với lề trái của chữ.".replace(".", ",", 1),
            )
        right = [ln for ln in page.text_lines if ln.x0 > page.width * 0.45 and ln.y0 < head.y0 + 2 * PT_PER_CM]
        if exp.bien_ban:
            signers = [ln for ln in page.text_lines if re.match(r"^(thu ky|chu tri|chu toa)\b", bare(ln.text))]
            if signers and head.y0 < max(s.y1 for s in signers):
                yield _f(
                    "trang-noi-nhan-vi-tri",
                    where,
                    'Biên bản: "Nơi nhận:" và danh sách nơi nhận đặt dưới hàng chữ ký (Mẫu 1.9).',
                )
            continue
        level = [ln for ln in right if is_upper(ln.text) and abs(ln.y0 - head.y0) <= 0.45 * PT_PER_CM]
        if not level:
            yield _f(
                "trang-noi-nhan-vi-tri",
                where,
                '"Nơi nhận:" phải ngang hàng với dòng quyền hạn, chức vụ của người ký (bên phải).',
            )
        break


def _text_centres(pages: list) -> dict:
    """The centre of the text area for each page width (portrait, landscape), from the
    text of every page that wide: a page holding only `Nơi nhận` at the left margin, or a
    signature in the right column, still has its page number over the middle of the
    margins, not over its own few lines."""
    extents: dict = {}
    for page in pages:
        for ln in page.text_lines:
            x0, x1 = extents.get(page.width, (ln.x0, ln.x1))
            extents[page.width] = (min(x0, ln.x0), max(x1, ln.x1))
    return {width: (x0 + x1) / 2 for width, (x0, x1) in extents.items()}


def _check_page_numbers(pages: list, exp: Expect):
    if len(pages) < 2:
        return
    starts = {1}
    for page in pages[1:]:
        first = sorted(page.text_lines, key=lambda ln: ln.y0)[:2]
        if any(_norm(ln.text) in exp.appendix_titles for ln in first):
            starts.add(page.number)
    centres = _text_centres(pages)
    expected = 0
    for page in pages:
        expected = 1 if page.number in starts else expected + 1
        top = [ln for ln in page.lines if ln.y1 <= TOP_ZONE + 4]
        numbers = [ln for ln in top if re.fullmatch(r"\d+", ln.text)]
        if expected == 1:
            if page.number == 1 and numbers:
                yield _f(
                    "trang-so-trang",
                    f"trang {page.number}",
                    f"Không đánh số trang thứ nhất; đang có số {numbers[0].text}.",
                )
            elif numbers and numbers[0].text != "1":
                yield _f(
                    "trang-so-trang",
                    f"trang {page.number}",
                    "Phụ lục phải đánh số trang riêng (Phụ lục I, mục III.1.đ): trang đầu của Phụ lục "
                    f"không đánh số (hoặc là số 1); đang mang số {numbers[0].text}, nối tiếp văn bản.",
                )
            continue
        if not numbers:
            bottom = [ln for ln in page.lines if ln.y0 >= page.height - BOTTOM_ZONE and re.fullmatch(r"\d+", ln.text)]
            yield _f(
                "trang-so-trang",
                f"trang {page.number}",
                "Số trang phải ở giữa đầu trang (lề trên), từ trang thứ 2"
                + ("; đang ở chân trang." if bottom else "; trang này không có số trang."),
            )
            continue
        number = numbers[0]
        if number.text != str(expected):
            what = "Phụ lục đánh số trang riêng" if len(starts) > 1 else "số trang liên tục"
            yield _f(
                "trang-so-trang",
                f"trang {page.number}",
                f"Trang này phải mang số {expected} ({what}); đang là {number.text}.",
            )
        centre = centres.get(page.width)
        if centre is not None:
            if abs(number.cx - centre) > 1.5 * PT_PER_CM:
                yield _f("trang-so-trang", f"trang {page.number}", "Số trang phải ở giữa đầu trang.")


def rendered_findings(pdf_path, kind: Optional[str] = None, docx_path=None) -> list:
    """Every departure from the Decree that the printed pages of `pdf_path` show.
    `docx_path` (the document it was made from) says which lines are which
    elements; without it they are recognised by their text."""
    pages = read_pdf(pdf_path)
    if not pages:
        return []
    exp = _expect_from_docx(docx_path, kind) if docx_path is not None else _expect_from_text(pages, kind)
    out = []
    for rule in (
        _check_one_line(pages, exp),
        _check_stranded(pages, exp),
        _check_broken_numbers(pages),
        _check_noi_nhan(pages, exp),
        _check_page_numbers(pages, exp),
    ):
        out += list(rule)
    return out


def check_files(paths: list, kind: Optional[str] = None, jobs: Optional[int] = None, timeout: float = 240.0) -> dict:
    """Convert each .docx of `paths` with LibreOffice (a copy, in a temporary
    folder: nothing is written beside the staff's files) and check its pages;
    path → list of Finding. Raises a PipelineError when LibreOffice or poppler is
    missing or a file cannot be converted."""
    from .. import export

    if not paths:
        return {}
    if not shutil.which("pdftotext"):
        raise RenderUnavailable(POPPLER_HINT)
    with tempfile.TemporaryDirectory(prefix="vanban-kiem-tra-") as work:
        copies = {}
        for n, path in enumerate(paths):
            folder = Path(work) / str(n)
            folder.mkdir()
            copy = folder / f"van-ban-{n}.docx"  # plain names: LibreOffice and odd characters
            shutil.copyfile(path, copy)
            copies[path] = copy
        export.convert(list(copies.values()), jobs=jobs, timeout=timeout)
        return {
            path: rendered_findings(copy.with_suffix(".pdf"), kind=kind, docx_path=copy)
            for path, copy in copies.items()
        }
