"""Decree 30 (Nghị định 30/2020/NĐ-CP) format checker for .docx files.

    results = {path: check_docx(path)}
    print(report_text(results))

`check_docx` reads one file and returns every departure from
spec/the-thuc.md as a Finding; it raises UnreadableDocx when the file is
missing or not a Word document. A document whose core property `category` is
`tin-bai` (the news article) or `giay-khen` (certificates on pre-printed paper)
is not an official document: it is skipped, with no findings. `main()` is the command line: `python -m pipeline.formatcheck
a.docx b.docx [--json]`, exit 0 when every file conforms, 1 when one does not,
2 when one cannot be read.

No click here: a CLI wrapper only has to call check_docx and the reports.
"""
from __future__ import annotations

import json
import sys

from . import rules_body, rules_header, rules_page
from .common import Finding
from .locate import locate
from .model import UnreadableDocx, load

__all__ = ["Finding", "Findings", "UnreadableDocx", "check_docx", "report_text", "report_json", "main"]

NEWS_CATEGORY = "tin-bai"
CERTIFICATE_CATEGORY = "giay-khen"  # certificates typed onto pre-printed paper

# Each rule is a function (Doc, Layout) yielding Findings (or None when all is well).
RULES = (
    rules_page.check_paper,
    rules_page.check_margins,
    rules_page.check_page_numbers,
    rules_header.check_quoc_hieu,
    rules_header.check_tieu_ngu,
    rules_header.check_managing,
    rules_header.check_issuer,
    rules_header.check_so,
    rules_header.check_date_line,
    rules_body.check_type_name,
    rules_body.check_trich_yeu,
    rules_body.check_kinh_gui,
    rules_body.check_body,
    rules_body.check_signature,
    rules_body.check_noi_nhan,
    rules_header.check_dates_in_text,
    rules_page.check_fonts,
    rules_page.check_colour,
)


class Findings(list):
    """The findings of one file (a list of Finding). `skipped` holds the reason
    when the file was not checked for the official layout."""

    skipped = None


def check_docx(path) -> Findings:
    """Every departure of the .docx at `path` from the Decree 30 format."""
    doc = load(path)
    out = Findings()
    if doc.category.casefold() == NEWS_CATEGORY:
        out.skipped = "tin bài (không phải văn bản hành chính), không kiểm tra thể thức"
        return out
    if doc.category.casefold() == CERTIFICATE_CATEGORY:
        out.skipped = "giấy khen in trên phôi (không phải văn bản hành chính), không kiểm tra thể thức"
        return out
    layout = locate(doc)
    found = [f for rule in RULES for f in rule(doc, layout) if f is not None]
    out.extend(sorted(found, key=lambda f: f.order))  # stable: page rules first, then reading order
    return out


def _status(result) -> dict:
    if isinstance(result, Exception):
        return {"ok": False, "error": str(result), "skipped": None, "findings": []}
    return {"ok": not result, "error": None, "skipped": getattr(result, "skipped", None),
            "findings": list(result)}


def report_text(results: dict) -> str:
    """One line per finding `<file>: <where>: <message>`, then one summary line
    per file. A value of `results` is a list of Finding or an UnreadableDocx."""
    lines = []
    for path, result in results.items():
        status = _status(result)
        if status["error"]:
            lines.append(f"{path}: không đọc được: {status['error']}.")
            continue
        if status["skipped"]:
            lines.append(f"{path}: bỏ qua: {status['skipped']}")
            continue
        lines += [f"{path}: {f.where}: {f.message}" for f in status["findings"]]
        n = len(status["findings"])
        lines.append(f"{path}: đạt thể thức" if n == 0 else f"{path}: {n} lỗi thể thức")
    return "\n".join(lines)


def report_json(results: dict) -> str:
    """A JSON list, one object per file: file, ok, error, skipped,
    findings [{rule, where, message}]."""
    out = []
    for path, result in results.items():
        status = _status(result)
        out.append({
            "file": str(path),
            "ok": status["ok"],
            "error": status["error"],
            "skipped": status["skipped"],
            "findings": [{"rule": f.rule, "where": f.where, "message": f.message} for f in status["findings"]],
        })
    return json.dumps(out, ensure_ascii=False, indent=2)


USAGE = """Cách dùng: python -m pipeline.formatcheck [--json] TỆP.docx [TỆP.docx …]

Kiểm tra thể thức văn bản theo Nghị định 30/2020/NĐ-CP.
  --json   in kết quả dạng JSON
Mã thoát: 0 tất cả đạt, 1 có văn bản chưa đạt, 2 có tệp không đọc được."""


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in args):
        print(USAGE)
        return 0
    as_json = "--json" in args
    unknown = [a for a in args if a.startswith("-") and a != "--json"]
    paths = [a for a in args if not a.startswith("-")]
    if unknown or not paths:
        problem = f"tùy chọn không hợp lệ: {' '.join(unknown)}" if unknown else "chưa chỉ ra tệp nào"
        print(f"Lỗi: {problem}\n{USAGE}", file=sys.stderr)
        return 2
    results = {}
    for path in paths:
        try:
            results[path] = check_docx(path)
        except UnreadableDocx as exc:
            results[path] = exc
    _utf8(sys.stdout)
    print(report_json(results) if as_json else report_text(results))
    if any(isinstance(r, Exception) for r in results.values()):
        return 2
    return 1 if any(r for r in results.values()) else 0


def _utf8(stream) -> None:
    """Print Vietnamese even where the console's code page cannot (Windows)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "reconfigure"):
        try:
            stream.reconfigure(encoding="utf-8")
        except (ValueError, OSError):
            pass
