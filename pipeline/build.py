"""One campaign, start to finish: load, validate, build contexts, render, write.

Everything is rendered in memory before the first file is written, so a
campaign with a problem gets no document at all.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .config import TEMPLATES
from .documents import minutes, news, plan, proposal
from .errors import InputError
from .load import is_campaign, load_campaign
from .model import Campaign
from . import manifest
from .render import render_bytes, write_atomic
from .validate import validate


@dataclass(frozen=True)
class Output:
    """One file to write: a Word template with its context, or bytes made elsewhere."""

    name: str
    template: str | None = None
    context: dict | None = None
    data: bytes | None = None


# Document kind -> builder of its outputs from (campaign, templates folder).
# Each builder raises ValidationError (never writes) when the campaign lacks
# what the document needs.
BUILDERS: dict[str, Callable[[Campaign, Path], list[Output]]] = {
    "ke-hoach": lambda c, t: [Output("ke-hoach.docx", "ke-hoach", plan.context(c))],
    "bien-ban-kiem-tra": lambda c, t: [Output(name, tpl, ctx) for name, (tpl, ctx)
                                       in minutes.inspections(c).items()],
    "bien-ban-hop-cum": lambda c, t: [Output("bien-ban-hop-cum.docx", "bien-ban-hop-cum",
                                             minutes.meeting_context(c))],
    "to-trinh": lambda c, t: [Output("to-trinh-khen-thuong.docx", "to-trinh",
                                     proposal.context(c))],
    "tin-bai": lambda c, t: news.outputs(c, t),
}
KINDS = tuple(BUILDERS)
GROUPS = {"minutes": ("bien-ban-kiem-tra", "bien-ban-hop-cum"), "plan": ("ke-hoach",),
          "proposal": ("to-trinh",), "news": ("tin-bai",), "all": KINDS}


INSPECTIONS_STAMP = ".bien-ban-kiem-tra.done"


@dataclass
class Outcome:
    campaign: str
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, for the benchmark


def find_campaigns(inputs: Path, names: tuple[str, ...] = ()) -> list[Path]:
    """Every folder of `inputs` holding a campaign, or just the named ones."""
    if names:
        folders = [inputs / name for name in names]
        for folder in folders:
            if not is_campaign(folder):
                raise InputError(f"Không có đợt thi đua {folder} (cần tệp {folder}/du-lieu.xlsx).")
        return folders
    if not inputs.is_dir():
        raise InputError(f"Không tìm thấy thư mục dữ liệu {inputs}.")
    return sorted(p for p in inputs.iterdir() if p.is_dir() and is_campaign(p))


def expand(kinds: tuple[str, ...]) -> list[str]:
    """Kinds and groups of kinds -> the document kinds, each once, in the order given."""
    out: list[str] = []
    for kind in kinds:
        for k in GROUPS.get(kind, (kind,)):
            if k not in out:
                out.append(k)
    return out


def build_campaign(folder: Path, outputs: Path, kinds: list[str],
                   templates: Path = TEMPLATES) -> Outcome:
    clock = _Stopwatch()
    raw = load_campaign(folder)
    clock.lap("load")
    campaign = validate(raw)
    clock.lap("validate")
    planned = [output for kind in kinds for output in BUILDERS[kind](campaign, templates)]
    clock.lap("score")  # scores, grades and ranks are computed while building contexts
    rendered = {o.name: o.data if o.data is not None
                else render_bytes(o.template, o.context, templates) for o in planned}
    clock.lap("render")
    target = outputs / folder.name
    outcome = Outcome(folder.name, warnings=list(dict.fromkeys(campaign.warnings)))
    outcome.written, kept = manifest.write_all(target, rendered)
    for path, aside in kept:
        outcome.warnings.append(
            f"{path.name} đã được sửa tay sau khi tạo: bản sửa tay được giữ lại ở "
            f"{aside.name}, văn bản mới được ghi vào {path.name}.")
    if "bien-ban-kiem-tra" in kinds:  # Make's stand-in for the per-unit minutes
        write_atomic(target / INSPECTIONS_STAMP, b"")
    clock.lap("write")
    outcome.seconds = clock.laps
    return outcome


class _Stopwatch:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self._last
        self._last = now
