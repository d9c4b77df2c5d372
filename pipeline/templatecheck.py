"""Check the Word templates staff may edit: every tag whole, loops closed, variables known.

Word splits text into runs whenever formatting or spell-checking changes; a
tag cut in two is still understood by the renderer in most cases, but it is
fragile and invisible to staff, so it is reported with the tag's text. Each
template is then compiled, and rendered with the sample campaign's data, so
that a misspelt variable or an unclosed loop is named before a real run.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from .errors import PipelineError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
OPENERS = {"for": "endfor", "if": "endif"}
CLOSERS = {"endfor": "for", "endif": "if"}


def _paragraph_runs(xml: bytes):
    """For each paragraph: the texts of its runs, in order."""
    root = etree.fromstring(xml)
    for p in root.iter(f"{W}p"):
        runs = ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in p.iter(f"{W}r")]
        if any(runs):
            yield runs


def _keyword(tag: str) -> str | None:
    match = re.match(r"\{%\s*(?:[ptrc]{1,2}\s+)?(\w+)", tag)
    return match.group(1) if match else None


def structure_problems(path: Path) -> list[str]:
    """Tags split across runs, and for/if blocks that do not close in order."""
    problems = []
    stack: list[tuple[str, str]] = []
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [
                n
                for n in archive.namelist()
                if n == "word/document.xml" or re.match(r"word/(header|footer)\d*\.xml$", n)
            ]
            xml = {n: archive.read(n) for n in parts}
    except (OSError, zipfile.BadZipFile):
        return [f"không mở được {path.name} như một tệp Word (.docx)."]
    for name in parts:
        for runs in _paragraph_runs(xml[name]):
            text = "".join(runs)
            bounds, start = [], 0
            for run in runs:
                bounds.append((start, start + len(run)))
                start += len(run)
            for match in TAG.finditer(text):
                inside = any(a <= match.start() and match.end() <= b for a, b in bounds)
                if not inside:
                    problems.append(
                        f"thẻ `{match.group(0)}` bị Word tách thành nhiều đoạn định "
                        "dạng; hãy xóa thẻ và gõ lại liền một lần, cùng một định dạng."
                    )
                word = _keyword(match.group(0))
                if word in OPENERS:
                    stack.append((word, match.group(0)))
                elif word in CLOSERS:
                    if not stack or stack[-1][0] != CLOSERS[word]:
                        problems.append(f"thẻ `{match.group(0)}` không khớp với thẻ mở nào.")
                    else:
                        stack.pop()
    for _, opener in stack:
        problems.append(f"thẻ `{opener}` chưa có thẻ đóng `{{% end{_keyword(opener)} %}}`.")
    return problems


def _campaigns():
    """The sample campaign when the checkout has it, and always the example workbook
    (pipeline/example.py, what `make blank` writes beside the blank one): check-templates
    works in an office's copy whose inputs/ holds only its own campaigns."""
    import tempfile

    from .config import ROOT
    from .example import example_workbook
    from .load import WORKBOOK, load_campaign

    sample = ROOT / "inputs" / "cum-1-2020"
    if (sample / WORKBOOK).is_file():
        yield load_campaign(sample, photos=False)
    with tempfile.TemporaryDirectory(prefix="vanban-mau-") as scratch:
        folder = Path(scratch) / "vi-du"
        folder.mkdir()
        example_workbook().save(folder / WORKBOOK)
        yield load_campaign(folder, photos=False)


def sample_contexts() -> dict[str, dict]:
    """A context for each Word template, from the sample campaign and the example workbook
    (what a real run would pass).

    Photos are left out: the check renders through the compiled template, which
    takes no pictures (a real run embeds them through docxtpl).
    """
    from . import kinds as registry
    from .score import compute
    from .summary import CHART, TEMPLATE, Included, Year, report_context
    from .validate import validate

    contexts: dict[str, list[dict]] = {}
    for raw in _campaigns():
        campaign = validate(raw, [s for s in registry.SLUGS if not registry.kind(s).photos])
        results = compute(campaign)
        for kind in registry.KINDS:
            for output in kind.build(campaign, results).outputs:
                if output.template.endswith(".docx"):
                    context = output.context | ({"photos": []} if "photos" in output.context else {})
                    contexts.setdefault(output.template.removesuffix(".docx"), []).append(context)
        summary, _ = report_context(Year(campaign.year, [Included(campaign, results)]), None, Path(CHART))
        contexts.setdefault(TEMPLATE.removesuffix(".docx"), []).append(summary | {"chart": ""})
    return contexts


def check(path: Path, contexts: list[dict] | dict | None) -> list[str]:
    """Every problem of one template; renders it with each of `contexts` when given."""
    from .render import compiled

    problems = structure_problems(path)
    if problems:
        return problems
    if isinstance(contexts, dict):
        contexts = [contexts]
    try:
        template = compiled(path)
        for context in contexts or ():
            template.render(context)
    except PipelineError as error:
        problems.append(str(error))
    return problems
