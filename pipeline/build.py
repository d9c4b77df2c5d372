"""One campaign, start to finish, stage by stage.

load -> validate (checks what each requested kind needs) -> score (once) ->
documents (contexts and warnings) -> render (in memory) -> write.

Everything is rendered in memory before the first file is written, so a
campaign with a problem gets no document at all.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import kinds as registry
from . import manifest
from .config import TEMPLATES
from .documents.base import Output
from .documents.common import default_issuance_warning, issuer_warnings, keep_together
from .issuers import geography_warnings
from .durable import input_moment
from .errors import InputError
from .files import write_atomic
from .load import WORKBOOK, is_campaign, load_campaign
from .render import render_output
from .score import compute
from .validate import validate

expand = registry.expand  # kinds and groups -> kinds (kept here for callers of the build)


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
                raise InputError(f"Không có đợt thi đua {folder} (cần tệp {folder}/{WORKBOOK}).")
        return folders
    if not inputs.is_dir():
        raise InputError(f"Không tìm thấy thư mục dữ liệu {inputs}.")
    return sorted(p for p in inputs.iterdir() if p.is_dir() and is_campaign(p))


def plan_outputs(folder: Path, kinds: list[str]) -> tuple[list[Output], list[str], dict]:
    """Load, validate, score and build the contexts: (outputs, warnings, seconds per stage).

    Raises ValidationError (every input problem at once) before anything is rendered.
    """
    clock = _Stopwatch()
    raw = load_campaign(folder)
    clock.lap("load")
    campaign = validate(raw, kinds)
    clock.lap("validate")
    results = compute(campaign)
    clock.lap("score")
    outputs: list[Output] = []
    warnings = list(campaign.warnings)
    for slug in kinds:
        built = registry.kind(slug).build(campaign, results)
        outputs += [replace(o, context=keep_together(o.context, campaign))
                    if o.template.endswith(".docx") else o for o in built.outputs]
        warnings += built.warnings
        warning = default_issuance_warning(campaign, slug)
        if warning:
            warnings.append(warning)
        warnings += issuer_warnings(campaign, slug)
    warnings += geography_warnings(campaign, kinds)
    clock.lap("documents")
    return outputs, list(dict.fromkeys(warnings)), clock.laps


def build_campaign(folder: Path, outputs: Path, kinds: list[str],
                   templates: Path = TEMPLATES) -> Outcome:
    folder = Path(folder)
    planned, warnings, seconds = plan_outputs(folder, list(kinds))
    clock = _Stopwatch()
    moment = input_moment(folder, templates)  # same inputs, same bytes (pipeline/durable.py)
    rendered = {o.name: render_output(o, templates, moment) for o in planned}
    clock.lap("render")
    target = Path(outputs) / folder.name
    outcome = Outcome(folder.name, warnings=warnings)
    outcome.written, kept = manifest.write_all(target, rendered)
    for path, aside in kept:
        outcome.warnings.append(
            f"{path.name} đã được sửa tay sau khi tạo: bản sửa tay được giữ lại ở "
            f"{aside.name}, văn bản mới được ghi vào {path.name}.")
    for slug in kinds:  # Make's stand-in for a kind whose files vary with the data
        kind = registry.kind(slug)
        if kind.stamp:
            write_atomic(target / kind.target, b"")
    clock.lap("write")
    outcome.seconds = seconds | clock.laps
    return outcome


class _Stopwatch:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self._last
        self._last = now
