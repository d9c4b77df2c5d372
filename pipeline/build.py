"""One campaign, start to finish, stage by stage.

load -> validate (checks what each requested kind needs) -> score (once) ->
documents (contexts and warnings) -> render (in memory) -> write.

Everything is rendered in memory before the first file is written. An input problem
holds back only the documents that need the faulty fact (pipeline.validate.check): the
others are written, and the Outcome says, kind by kind, what was built and what was
held back, and why. Only a problem in what every document reads (or in every kind
requested) stops the campaign with a ValidationError.
"""

from __future__ import annotations

import time
from fnmatch import fnmatch
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import kinds as registry
from . import manifest
from .config import TEMPLATES
from .contract import WORKBOOK, is_campaign
from .documents.base import Output
from .documents.common import default_issuance_warning, issuer_warnings, keep_together
from .issuers import geography_warnings
from .inputfiles import input_moment
from .errors import InputError, Problem, ValidationError
from .load import load_campaign
from .makeproto import write_stamp
from .render import render_output
from .score import compute
from .validate import check

expand = registry.expand  # kinds and groups -> kinds (kept here for callers of the build)


@dataclass
class Held:
    """What input problems hold back: filled by `plan_outputs` when given one."""

    problems: list[Problem] = field(default_factory=list)  # every problem found, in order
    kinds: dict[str, list[Problem]] = field(default_factory=dict)  # kind -> none of it built
    files: dict[str, list[Problem]] = field(default_factory=dict)  # one file of a kind held
    file_kinds: dict[str, str] = field(default_factory=dict)  # held file -> its kind


# A kind's state after a build (Outcome.states).
KIND_BUILT, KIND_PARTLY, KIND_HELD = "built", "partly", "held"


@dataclass
class KindState:
    """One kind after a build: built (whole or in part) or held back, with its problems."""

    kind: str
    state: str  # KIND_BUILT, KIND_PARTLY (some of its files held back), KIND_HELD
    files: list[str] = field(default_factory=list)  # written
    held_files: list[str] = field(default_factory=list)  # not written (KIND_PARTLY)
    problems: list[Problem] = field(default_factory=list)  # what holds back what is not built


@dataclass
class Outcome:
    campaign: str
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, for the benchmark
    problems: list[Problem] = field(default_factory=list)  # input problems (then exit non-zero)
    states: dict[str, KindState] = field(default_factory=dict)  # per kind requested
    # file name -> the format checker's findings on it (pipeline.selfcheck), when checked
    findings: dict[str, list] = field(default_factory=dict)
    # what was written, still in memory, for the check after the build (then dropped)
    rendered: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def held(self) -> list[KindState]:
        """The kinds not built whole: held back, or built for some units only."""
        return [s for s in self.states.values() if s.state != KIND_BUILT]


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


def plan_outputs(folder: Path, kinds: list[str], held: Held | None = None) -> tuple[list[Output], list[str], dict]:
    """Load, validate, score and build the contexts: (outputs, warnings, seconds per stage).

    Without `held`, raises ValidationError (every input problem at once) before anything is
    rendered. Given `held`, plans every document whose facts are sound and fills `held` with
    the problems and what they hold back; raises only when nothing can be built.
    """
    clock = _Stopwatch()
    raw = load_campaign(folder, photos=any(registry.kind(slug).photos for slug in kinds))
    clock.lap("load")
    checked = check(raw, kinds)
    if checked.problems and (held is None or all(s in checked.held for s in kinds)):
        raise ValidationError(checked.problems)
    campaign = checked.campaign
    clock.lap("validate")
    try:
        results = compute(campaign)
    except (KeyError, ValueError, TypeError, IndexError):
        if not checked.problems:
            raise
        results = None  # faulty scores: only kinds that do not read them are built
    clock.lap("score")
    outputs: list[Output] = []
    warnings = list(campaign.warnings)
    for slug in kinds:
        if slug in checked.held:
            continue
        kind = registry.kind(slug)
        if results is None and kind.reads_sheet("Chấm điểm"):
            checked.held[slug] = [p for p in checked.problems if p.sheet == "Chấm điểm"]
            continue
        built = kind.build(campaign, results)
        units = checked.held_units.get(slug, {})
        skipped = {_file_of(kind, unit): problems for unit, problems in units.items()}
        outputs += [
            replace(o, context=keep_together(o.context, campaign)) if o.template.endswith(".docx") else o
            for o in built.outputs
            if o.name not in skipped
        ]
        if held is not None:
            held.files.update(skipped)
            held.file_kinds.update({name: slug for name in skipped})
        warnings += built.warnings
        warning = default_issuance_warning(campaign, slug)
        if warning:
            warnings.append(warning)
        warnings += issuer_warnings(campaign, slug)
    warnings += geography_warnings(campaign, kinds)
    if held is not None:
        held.problems = list(checked.problems)
        held.kinds = {slug: checked.held[slug] for slug in kinds if slug in checked.held}
    clock.lap("documents")
    return outputs, list(dict.fromkeys(warnings)), clock.laps


def _file_of(kind: registry.Kind, unit: str) -> str:
    """The file a kind written one per unit writes for `unit` (bien-ban-kiem-tra-pl.docx)."""
    return next(w for w in kind.writes if "*" in w).replace("*", unit.lower())


def build_campaign(folder: Path, outputs: Path, kinds: list[str], templates: Path = TEMPLATES) -> Outcome:
    folder = Path(folder)
    held = Held()
    planned, warnings, seconds = plan_outputs(folder, list(kinds), held)
    clock = _Stopwatch()
    moment = input_moment(folder, templates)  # same inputs, same bytes (pipeline/inputfiles.py)
    rendered = {o.name: render_output(o, templates, moment) for o in planned}
    clock.lap("render")
    target = Path(outputs) / folder.name
    outcome = Outcome(folder.name, warnings=warnings, problems=held.problems)
    outcome.written, kept = manifest.write_all(target, rendered)
    outcome.states = _states(kinds, planned, held)
    outcome.rendered = rendered
    for path, aside in kept:
        outcome.warnings.append(
            f"{path.name} đã được sửa tay sau khi tạo: bản sửa tay được giữ lại ở "
            f"{aside.name}, văn bản mới được ghi vào {path.name}."
        )
    for slug in kinds:  # Make's stand-in for a kind whose files vary with the data
        if registry.kind(slug).stamp and slug not in held.kinds:
            write_stamp(target, slug)
    clock.lap("write")
    outcome.seconds = seconds | clock.laps
    return outcome


def _states(kinds, planned: list[Output], held: Held) -> dict[str, KindState]:
    """Each requested kind: the files written, or what holds it (or some of its files) back."""
    names = [o.name for o in planned]
    states = {}
    for slug in kinds:
        kind = registry.kind(slug)
        if slug in held.kinds:
            states[slug] = KindState(slug, KIND_HELD, problems=list(held.kinds[slug]))
            continue
        files = [n for n in names if any(fnmatch(n, w) for w in kind.writes)]
        mine = [n for n, k in held.file_kinds.items() if k == slug]
        problems = list(dict.fromkeys(p for n in mine for p in held.files[n]))
        states[slug] = KindState(slug, KIND_PARTLY if mine else KIND_BUILT, files, mine, problems)
    return states


class _Stopwatch:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self._last
        self._last = now
