"""Building one campaign, the one way: the command line (Make's goals), the watcher and the web
page all come through here. One build of a campaign at a time (a lock across threads and
processes), what was written read back by the format checker, the state recorded in its output
folder (pipeline.status), and the listing rewritten (pipeline.listing)."""

from __future__ import annotations

import fcntl
import threading
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import PipelineError
from .files import write_error
from . import listing
from .status import BUILDING, LOCK, Status, _save, record_failure, record_outcome


_THREAD_LOCKS: dict[Path, threading.Lock] = {}
_GUARD = threading.Lock()


@contextmanager
def campaign_lock(outputs: Path, campaign: str):
    """Hold one campaign for one build or upload: across threads and processes."""
    folder = (Path(outputs) / campaign).resolve()
    with _GUARD:
        lock = _THREAD_LOCKS.setdefault(folder, threading.Lock())
    with lock:
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / LOCK, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class Built:
    """One campaign's build: what was written (an Outcome), or the error that stopped it;
    `inputs`: the fingerprint of the input files read, taken before reading them."""

    campaign: str
    outcome: object | None = None  # pipeline.build.Outcome
    error: PipelineError | None = None
    inputs: str | None = None


def build(folder: Path, outputs: Path, kinds: list[str], templates: Path | None = None, locked: bool = False) -> Built:
    """Build one campaign under its lock (unless the caller holds it: `locked`) and read back
    what was written with the format checker; expected failures are returned, never raised.
    Runs in the command line's worker processes too (the result is picklable)."""
    from . import build as builder
    from . import selfcheck
    from .config import TEMPLATES
    from .inputfiles import fingerprint

    folder, outputs = Path(folder), Path(outputs)
    try:
        with nullcontext() if locked else campaign_lock(outputs, folder.name):
            seen = fingerprint(folder)  # before reading: a change during the build differs
            outcome = builder.build_campaign(folder, outputs, kinds, templates or TEMPLATES)
    except PipelineError as error:
        return Built(folder.name, error=error)
    except OSError as error:  # the campaign's lock file in a read-only or full outputs/
        return Built(folder.name, error=write_error(outputs / folder.name, error))
    selfcheck.check_outcome(outcome)  # what was just written, read back by the checker
    return Built(folder.name, outcome=outcome, inputs=seen)


def record(outputs: Path, built: Built, every_kind: bool = False) -> Status:
    """Record a build in the campaign's output folder (LOI.txt, CANH-BAO.txt, its state);
    `every_kind`: the build was of every document (what the watcher would build), so the
    state keeps the inputs' fingerprint."""
    if built.error is not None:
        return record_failure(outputs, built.campaign, built.error)
    status = record_outcome(outputs, built.campaign, built.outcome)
    if every_kind:
        status.inputs = built.inputs
        _save(Path(outputs) / built.campaign, status)
    return status


def build_and_record(
    folder: Path,
    outputs: Path,
    kinds: list[str] | None = None,
    templates: Path | None = None,
    inputs: Path | None = None,
    locked: bool = False,
) -> Status:
    """Build one campaign, record its state and rewrite the index; the state (the watcher's
    and the web page's way: the campaign marked as building meanwhile).

    Expected failures are recorded, not raised. `locked`: the caller already
    holds the campaign's lock.
    """
    from . import kinds as registry

    folder, outputs = Path(folder), Path(outputs)
    every = registry.expand(("all",))
    kinds = kinds or every
    inputs = inputs if inputs is not None else folder.parent

    def run() -> Status:
        return record(outputs, build(folder, outputs, kinds, templates, locked=True), every_kind=kinds == every)

    if locked:
        status = _marked(outputs, folder.name, inputs, run)
    else:
        with campaign_lock(outputs, folder.name):
            status = _marked(outputs, folder.name, inputs, run)
    listing.write_index(outputs, inputs)
    return status


def _marked(outputs: Path, campaign: str, inputs: Path, run: Callable[[], Status]) -> Status:
    """Run one build with the campaign marked as building (index.html then refreshes itself)."""
    mark = Path(outputs) / campaign / BUILDING
    mark.parent.mkdir(parents=True, exist_ok=True)
    mark.touch()
    try:
        listing.write_index(outputs, inputs)
        return run()
    finally:
        mark.unlink(missing_ok=True)


def warm_up(templates: Path | None = None) -> None:
    """Load the pipeline and compile the templates now, so the first build is as quick as
    the next ones (the watcher and the web page call this before they say they are ready).
    A template that does not compile is left for its build to report."""
    from . import build  # noqa: F401  (pandas, docxtpl: most of a cold start)
    from .config import TEMPLATES
    from .render import compiled

    for path in sorted(Path(templates or TEMPLATES).glob("*.docx")):
        try:
            compiled(path)
        except Exception:  # reported, in Vietnamese, by the build that needs it
            continue


# ------------------------------------------------------------ runs sharing one outputs/

LOCK_NAME = ".vanban.lock"


class output_lock:
    """Hold `outputs/.vanban.lock` (flock) while building: a second build on the same
    outputs/ waits for the first, then does its own work. Released when the process dies.
    `waiting(outputs)` is called before waiting (the CLI says so on the terminal)."""

    def __init__(self, outputs: Path, waiting=None):
        self.path = Path(outputs) / LOCK_NAME
        self.handle = None
        self.waiting = waiting

    def __enter__(self):
        import fcntl

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(self.path, "a+b")
        except OSError as exc:
            raise write_error(self.path, exc) from None
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if self.waiting is not None:
                self.waiting(self.path.parent)
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc) -> None:
        import fcntl

        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
