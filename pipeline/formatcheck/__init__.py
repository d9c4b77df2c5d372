"""Decree 30 (Nghị định 30/2020/NĐ-CP) format checker for .docx files.

    results = {path: check_docx(path)}
    print(report_text(results))

`check_docx` reads one file and returns every departure from
spec/the-thuc.md as a Finding; it raises UnreadableDocx (a PipelineError) when
the file is missing or not a Word document. A document whose core property
`category` is `tin-bai` (the news article) or `giay-khen` (certificates typed on
pre-printed paper) is not an official document: it is skipped, with no findings.
A file with fewer than two of Quốc hiệu, type name and `Số:` line is not an
administrative document at all (a manual, a law, a form): it gets one verdict
(`Findings.verdict`) instead of a finding for every element it lacks, unless
`kind` names what it is. A Phụ lục in a file of its own (Mẫu 2.2) is checked as one: page, fonts, its title lines.

A legal normative document (văn bản quy phạm pháp luật: a number carrying its
year, `15/2010/QĐ-UBND`, or a type only they have, Luật, Nghị định, Thông tư)
is laid out by the rules for legal documents, not by Decree 30: it too gets one
verdict, unless `kind` forces a Decree 30 check.

`group_findings(findings)` gathers one rule's findings into one Group (count and
places); `report_text` prints one line per group, `report_json` every finding.

`rendered.rendered_findings(pdf)` adds what only the laid-out page shows.
Nothing here prints: the command `vanban check-format` (pipeline/cli.py) does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import kinds as registry
from . import rules_body, rules_extra, rules_header, rules_page
from .rulekit import Finding
from .locate import KINDS, locate
from .document import load
from .wordfile import UnreadableDocx

__all__ = [
    "Finding",
    "Findings",
    "Group",
    "KINDS",
    "UnreadableDocx",
    "check_docx",
    "report_text",
    "report_json",
    "exit_code",
    "group_findings",
    "group_line",
]

# The category a generated document carries in its core properties (the kind's slug, for
# the documents that are not administrative): the news article is read as a portal page, the
# certificates (typed onto pre-printed paper) are not checked.
NEWS_CATEGORY = registry.NEWS
CERTIFICATE_CATEGORY = registry.CERTIFICATES

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
    rules_extra.check_can_cu,
    rules_extra.check_decision,
    rules_body.check_body,
    rules_extra.check_numbered,
    rules_body.check_signature,
    rules_extra.check_signing_authority,
    rules_body.check_noi_nhan,
    rules_extra.check_appendices,
    rules_header.check_dates_in_text,
    rules_extra.check_diacritics,
    rules_extra.check_template_tags,
    rules_extra.check_final,
    rules_extra.check_legacy,
    rules_page.check_fonts,
    rules_page.check_colour,
)

# A Phụ lục in a file of its own (Mẫu 2.2) has no header, type name or signature.
APPENDIX_RULES = (
    rules_page.check_paper,
    rules_page.check_margins,
    rules_page.check_page_numbers,
    rules_extra.check_appendices,
    rules_header.check_dates_in_text,
    rules_extra.check_diacritics,
    rules_extra.check_template_tags,
    rules_extra.check_legacy,
    rules_page.check_fonts,
    rules_page.check_colour,
)

NOT_OFFICIAL = (
    "không phải văn bản hành chính (không có {missing}); nếu đúng là văn bản hành "
    "chính, ghi rõ loại: --kind ke-hoach, bien-ban, cong-van…"
)


LEGAL = (
    "văn bản quy phạm pháp luật ({why}): thể thức và kỹ thuật trình bày theo quy định về văn "
    "bản quy phạm pháp luật (Nghị định 78/2025/NĐ-CP, sửa đổi bởi Nghị định 187/2025/NĐ-CP; "
    "trước đây Nghị định 34/2016/NĐ-CP), không theo Nghị định 30/2020/NĐ-CP nên không kiểm tra; "
    "nếu đúng là văn bản hành chính, ghi rõ loại: --kind quyet-dinh, cong-van…"
)


class Findings(list):
    """The findings of one file (a list of Finding). `skipped` holds the reason
    when the file was not checked for the official layout; `verdict` the one line
    said of a file that is not an administrative document (then it fails)."""

    skipped = None
    verdict = None


def check_docx(path, kind: str | None = None, final: bool = False) -> Findings:
    """Every departure of the .docx at `path` from the Decree 30 format.

    `kind` (a key of KINDS: ke-hoach, bien-ban, cong-van…) says what the document
    is when the checker cannot tell; `final` marks a document ready to be issued:
    its number and date must be filled in.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    doc = load(path)
    out = Findings()
    if kind is None and doc.category.casefold() == NEWS_CATEGORY:
        out.skipped = "tin bài (không phải văn bản hành chính), không kiểm tra thể thức"
        return out
    if kind is None and doc.category.casefold() == CERTIFICATE_CATEGORY:
        out.skipped = "giấy khen in trên phôi (không phải văn bản hành chính), không kiểm tra thể thức"
        return out
    layout = locate(doc, kind=kind)
    layout.final = final
    if layout.appendix_only:
        found = [f for rule in APPENDIX_RULES for f in rule(doc, layout) if f is not None]
        out.extend(sorted(found, key=lambda f: f.order))
        return out
    if kind is None and layout.legal:
        out.verdict = LEGAL.format(why=layout.legal)
        return out
    if not layout.official:
        missing = [
            name
            for name, found in (
                ("Quốc hiệu", layout.quoc_hieu),
                ("tên loại văn bản", layout.type_line),
                ("số, ký hiệu", layout.so),
            )
            if found is None
        ]
        out.verdict = NOT_OFFICIAL.format(missing=", ".join(missing))
        return out
    found = [f for rule in RULES for f in rule(doc, layout) if f is not None]
    out.extend(sorted(found, key=lambda f: f.order))  # stable: page rules first, then reading order
    return out


def _status(result) -> dict:
    if isinstance(result, Exception):
        return {"ok": False, "error": str(result), "skipped": None, "verdict": None, "findings": []}
    verdict = getattr(result, "verdict", None)
    return {
        "ok": not result and not verdict,
        "error": None,
        "skipped": getattr(result, "skipped", None),
        "verdict": verdict,
        "findings": list(result),
    }


def exit_code(results: dict) -> int:
    """0 when every file conforms, 1 when one does not, 2 when one cannot be read."""
    statuses = [_status(r) for r in results.values()]
    if any(s["error"] for s in statuses):
        return 2
    return 0 if all(s["ok"] for s in statuses) else 1


@dataclass(frozen=True)
class Group:
    """One rule's findings in one document: the rule, the first finding's message,
    and every place, in reading order."""

    rule: str
    message: str
    places: tuple

    @property
    def count(self) -> int:
        return len(self.places)


SHOWN_PLACES = 3  # places named in a group's line; --json keeps them all


def group_findings(findings) -> list:
    """The findings (of one document) gathered by rule, in the order each rule first
    appears: a defect repeated on 97 paragraphs is one Group of 97 places."""
    groups: dict = {}
    for f in findings:
        groups.setdefault(f.rule, []).append(f)
    return [Group(rule, found[0].message, tuple(f.where for f in found)) for rule, found in groups.items()]


def group_line(group: Group) -> str:
    """`<where>: <message>` for one place; for more, the first message with the count
    and the first places: `… (97 chỗ, từ đoạn "…"; đoạn "…"; đoạn "…"; …)`."""
    if group.count == 1:
        return f"{group.places[0]}: {group.message}"
    shown = "; ".join(group.places[:SHOWN_PLACES]) + ("; …" if group.count > SHOWN_PLACES else "")
    return f"{group.message} ({group.count} chỗ, từ {shown})"


def report_text(results: dict) -> str:
    """One line per rule broken in a file (group_line: the count and the first
    places when a rule is broken in several), then one summary line per file. A
    value of `results` is a list of Finding or an UnreadableDocx."""
    lines = []
    for path, result in results.items():
        status = _status(result)
        if status["error"]:
            lines.append(f"{path}: không đọc được: {status['error']}.")
            continue
        if status["skipped"]:
            lines.append(f"{path}: bỏ qua: {status['skipped']}")
            continue
        if status["verdict"]:
            lines.append(f"{path}: {status['verdict']}")
            continue
        lines += [f"{path}: {group_line(g)}" for g in group_findings(status["findings"])]
        n = len(status["findings"])
        lines.append(f"{path}: đạt thể thức" if n == 0 else f"{path}: {n} lỗi thể thức")
    return "\n".join(lines)


def report_json(results: dict) -> str:
    """A JSON list, one object per file: file, ok, error, skipped, verdict,
    findings [{rule, where, message}]."""
    out = []
    for path, result in results.items():
        status = _status(result)
        out.append(
            {
                "file": str(path),
                "ok": status["ok"],
                "error": status["error"],
                "skipped": status["skipped"],
                "verdict": status["verdict"],
                "findings": [{"rule": f.rule, "where": f.where, "message": f.message} for f in status["findings"]],
            }
        )
    return json.dumps(out, ensure_ascii=False, indent=2)
