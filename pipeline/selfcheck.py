"""The build checks what it wrote (issue 17 item 8).

After a campaign is built, and before its state is recorded, the format checker
(pipeline.formatcheck) reads each administrative document just written, from the bytes
still in memory. Its findings become warnings (`Cảnh báo:` in the terminal, CANH-BAO.txt,
the web page) naming the document, one line per rule with the count and the first places,
saying that the fault is the program's, not the clerk's. This runs in the one place that
builds and records a campaign (runner.build_and_record and the command line's build), never
inside the document stages. `make pdf` adds the checks of the laid-out pages
(`rendered_warnings`).
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from . import kinds as registry

# Said once per faulty document: whose fault it is and what to do.
PROGRAM_FAULT = (
    "lỗi thể thức trong văn bản do chương trình tạo ra (không phải lỗi của dữ "
    "liệu nhập); xin báo cho người phụ trách chương trình, và sửa tay trước khi "
    "ban hành"
)
FIRST_PLACES = 2  # places named per rule


def administrative(name: str) -> bool:
    """Whether the written file `name` is a Decree 30 document (not the news article, not
    the certificates typed on pre-printed paper, not the web page)."""
    if not name.endswith(".docx"):
        return False
    for kind in registry.KINDS:
        if any(fnmatch(name, pattern) for pattern in kind.writes):
            return kind.administrative
    return False


def check_bytes(name: str, data: bytes) -> list:
    """The format checker's findings on one document in memory (a list of Finding)."""
    from .formatcheck import UnreadableDocx, check_docx
    from .formatcheck.rulekit import Finding

    try:
        found = check_docx((name, data))
    except UnreadableDocx as error:
        return [Finding("unreadable", name, str(error))]
    if found.verdict:
        return [Finding("verdict", name, found.verdict)]
    return list(found)


def grouped(findings: list) -> list[str]:
    """One line per rule: its first message, the number of places and the first ones:
    `cỡ chữ phải là 13 (97 chỗ, từ đoạn "…", đoạn "…")`. (The checker's own text output
    groups the same way; this is the build's, kept small so it can be swapped for that.)"""
    by_rule: dict[str, list] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    lines = []
    for same in by_rule.values():
        message = same[0].message.rstrip(" .")
        places = list(dict.fromkeys(f.where for f in same))
        if len(same) == 1:
            lines.append(f"{message} ({places[0]})")
        else:
            first = ", ".join(places[:FIRST_PLACES])
            lines.append(f"{message} ({len(same)} chỗ, từ {first})")
    return lines


def warnings_for(name: str, findings: list) -> list[str]:
    """The warnings of one faulty document: one per rule, each naming the document."""
    return [f"{name}: {PROGRAM_FAULT}: {line}." for line in grouped(findings)]


def check_outcome(outcome) -> None:
    """Check every administrative document an Outcome (pipeline.build) just wrote: its
    findings into `outcome.findings` (file name -> findings) and `outcome.warnings`; the
    bytes kept for the check are then let go."""
    for name, data in sorted(outcome.rendered.items()):
        if not administrative(name):
            continue
        findings = check_bytes(name, data)
        if findings:
            outcome.findings[name] = findings
            outcome.warnings += warnings_for(name, findings)
    outcome.rendered = {}


def faulty(outcome) -> list[str]:
    """The documents the checker found fault with (never reported as simply built)."""
    return sorted(outcome.findings)


def rendered_warnings(pdfs: list[Path]) -> dict[Path, list[str]]:
    """`make pdf`: the checks of the laid-out pages on the PDFs just made, per PDF, as
    warnings (the .docx beside each PDF names the document)."""
    from .formatcheck.rendered import rendered_findings

    out: dict[Path, list[str]] = {}
    for pdf in pdfs:
        name = pdf.with_suffix(".docx").name
        if not administrative(name):
            continue
        try:
            source = pdf.with_suffix(".docx")
            findings = list(rendered_findings(pdf, docx_path=source if source.exists() else None))
        except Exception as error:  # a PDF the checker cannot read: said, not raised
            out[pdf] = [f"{pdf.name}: không kiểm tra được trang in ({error})."]
            continue
        if findings:
            out[pdf] = [f"{pdf.name}: {PROGRAM_FAULT}: {line}." for line in grouped(findings)]
    return out
