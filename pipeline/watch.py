"""`vanban watch`: rebuild a campaign when something is dropped into its folder.

A watchdog observer reports every change under `inputs/`; each change marks
its campaign (the first folder under `inputs/`) as due once nothing has
changed there for `quiet` seconds. When due, the campaign's files are listed
with their sizes and times; if that listing differs from the one taken a
moment before (a copy still growing) the campaign waits again, and if it
equals the listing of its last build (only read, not changed) nothing is done.
Excel's and LibreOffice's lock files (`~$…`, `.~lock…#`), hidden files and
folders (such as the web page's `.truoc/` backups) and temporary files are
ignored.

One thread builds, one campaign at a time, through `runner.build_and_record`
(which also holds the campaign's lock against the web page), so two builds of
one campaign never overlap and a change that arrives during a build gets a
build of its own afterwards. A bad workbook is one more `LOI.txt`, never the
end of the watcher; each build logs one line.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Callable

from .errors import InputError
from .inputfiles import (  # noqa: F401 (also the watcher's names for them)
    IGNORED_PREFIXES,
    IGNORED_SUFFIXES,
    Snapshot,
    fingerprint,
    ignored,
    snapshot,
)
from .contract import is_campaign
from .sanity import inside

# Reading a file is no change: the build itself opens the workbook.
IGNORED_EVENTS = {"opened", "closed_no_write"}
STOP_WITHIN = 3.0  # seconds a stop waits for a build under way (the issue asks for 5 s)


def campaign_of(path: str | Path, inputs: Path) -> str | None:
    """The campaign a changed path belongs to, or None when the change does not matter."""
    try:
        parts = Path(path).resolve().relative_to(inputs.resolve()).parts
    except ValueError:
        return None
    if not parts or any(ignored(part) for part in parts):
        return None
    return parts[0]


def build_unless_built(folder: Path, outputs: Path, templates: Path | None = None, inputs: Path | None = None):
    """Build a campaign unless its last recorded build (the web page's, for an upload it
    has just built) was made from these very files: None then. Under the campaign's lock,
    so a build under way elsewhere is waited for, then not repeated."""
    from . import runner, status

    with runner.campaign_lock(outputs, folder.name):
        recorded = status.load(Path(outputs) / folder.name)
        if recorded is not None and recorded.inputs == fingerprint(folder):
            return None
        return runner.build_and_record(folder, outputs, templates=templates, inputs=inputs, locked=True)


def default_log(line: str) -> None:
    print(f"{datetime.now():%d/%m/%Y %H:%M:%S} {line}", flush=True)


def describe(campaign: str, outputs: Path, result) -> str:
    """One log line for a build's recorded status."""
    from . import status

    if result.state == status.FAILED and getattr(result, "held", None):
        return (
            f"{campaign}: dữ liệu có {len(result.problems)} lỗi; chưa tạo "
            f"{', '.join(result.held)}, đã tạo {result.written} văn bản khác; xem "
            f"{outputs / campaign / status.ERRORS}"
        )
    if result.state == status.FAILED:
        count = len(result.problems)
        what = f"dữ liệu có {count} lỗi" if count else "lỗi"
        return f"{campaign}: {what}, chưa tạo văn bản; xem {outputs / campaign / status.ERRORS}"
    faulty = getattr(result, "faulty", None)
    if faulty:  # the format checker found fault with what was written: never simply built
        line = (
            f"{campaign}: đã ghi {result.written} văn bản trong {outputs / campaign}/, "
            f"trong đó {len(faulty)} văn bản có lỗi thể thức do chương trình"
        )
    else:
        line = f"{campaign}: đã tạo {result.written} văn bản trong {outputs / campaign}/"
    if result.warnings:
        line += f" ({len(result.warnings)} cảnh báo, xem {status.WARNINGS})"
    return line


class Watcher:
    """Debounced, serialised rebuilds of the campaigns of `inputs` as their files change."""

    def __init__(
        self,
        inputs: Path,
        outputs: Path,
        templates: Path | None = None,
        quiet: float = 1.0,
        settle: float = 0.4,
        build: Callable[[Path], object] | None = None,
        log: Callable[[str], None] = default_log,
        after: Callable[[str], None] | None = None,
    ):

        self.inputs, self.outputs = Path(inputs), Path(outputs)
        self.after = after  # a campaign whose build wrote documents (PDFs, previews next)
        self.quiet, self.settle, self.log = quiet, settle, log
        self.build = build or (
            lambda folder: build_unless_built(folder, self.outputs, templates=templates, inputs=self.inputs)
        )
        self._due: dict[str, float] = {}  # campaign -> when it may be built
        self._seen: dict[str, Snapshot] = {}  # campaign -> its files at the last look
        self._built: dict[str, Snapshot] = {}  # campaign -> its files at its last build
        self._wake = threading.Condition()
        self._stopping = threading.Event()
        self._observer = None
        self._thread: threading.Thread | None = None
        self._refused: set[str] = set()
        self.builds = 0

    # ----------------------------------------------------------------- events in

    def notice(self, campaign: str) -> None:
        with self._wake:
            self._due[campaign] = time.monotonic() + self.quiet
            self._wake.notify()

    def on_event(self, event) -> None:
        """watchdog's callback (its own thread): mark the campaign of each path touched."""
        if event.event_type in IGNORED_EVENTS or (event.is_directory and event.event_type in ("modified", "attrib")):
            return  # a folder "modified" is a file in it that has its own event
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                campaign = campaign_of(path, self.inputs)
                if campaign is not None:
                    self.notice(campaign)

    def catch_up(self) -> None:
        """At start: every campaign whose files are newer than its last recorded build."""
        from . import status

        for folder in sorted(p for p in self.inputs.iterdir() if p.is_dir()):
            if self._stopping.is_set():
                return
            if ignored(folder.name) or not self._own(folder.name) or not is_campaign(folder):
                continue
            files = snapshot(folder)
            recorded = status.load(self.outputs / folder.name)
            newest = max((mtime for _, _, mtime in files), default=0) / 1e9
            if recorded is None or newest > recorded.time.timestamp():
                self.notice(folder.name)
            else:  # up to date: a later event that changes nothing builds nothing
                self._seen[folder.name] = self._built[folder.name] = files

    # ----------------------------------------------------------------- builds out

    def _next_due(self) -> str | None:
        """Wait until a campaign is due (its name) or the watcher stops (None)."""
        with self._wake:
            while not self._stopping.is_set():
                now = time.monotonic()
                due = [c for c, t in self._due.items() if t <= now]
                if due:
                    campaign = min(due, key=self._due.get)
                    del self._due[campaign]
                    return campaign
                wait = min(self._due.values(), default=now + 3600) - now
                self._wake.wait(timeout=max(0.01, min(wait, 1.0)))
        return None

    def _own(self, campaign: str) -> bool:
        """A campaign folder really inside inputs/ (a link leading out is never built)."""
        if inside(self.inputs, campaign):
            return True
        if campaign not in self._refused:
            self._refused.add(campaign)
            self.log(f"{campaign}: thư mục là lối tắt ra ngoài {self.inputs}/, không theo dõi.")
        return False

    def step(self, campaign: str) -> None:
        """A campaign is due: build it if its files are complete and changed."""
        folder = self.inputs / campaign
        if not self._own(campaign):
            return
        files = snapshot(folder)
        if files != self._seen.get(campaign):  # first look, or still being copied
            self._seen[campaign] = files
            with self._wake:
                self._due.setdefault(campaign, time.monotonic() + self.settle)
                self._wake.notify()
            return
        if files == self._built.get(campaign) or not is_campaign(folder):
            return
        self._built[campaign] = files
        self.builds += 1
        try:
            result = self.build(folder)
        except Exception as error:  # a bug must not end the watcher; say so and go on
            self.log(f"{campaign}: lỗi ngoài dự kiến khi tạo văn bản: {type(error).__name__}: {error}")
            return
        if result is None:
            self.log(f"{campaign}: văn bản đã được tạo từ đúng các tệp này (trang web hoặc make), không tạo lại.")
            return
        self.log(describe(campaign, self.outputs, result))
        if self.after is not None and (getattr(result, "written", 0) or 0) > 0:
            self.after(campaign)  # PDFs and previews of what it wrote, even when held in part

    def _loop(self) -> None:
        while True:
            campaign = self._next_due()
            if campaign is None:
                return
            try:
                self.step(campaign)
            except Exception as error:  # e.g. a folder that cannot be read: go on watching
                self.log(f"{campaign}: không đọc được thư mục của đợt: {type(error).__name__}: {error}")

    # ----------------------------------------------------------------- life

    def start(self, catch_up: bool = True) -> None:
        from watchdog.observers import Observer

        if not self.inputs.is_dir():
            raise InputError(f"Không tìm thấy thư mục dữ liệu {self.inputs}.")
        handler = _Handler(self)
        self._observer = Observer()
        self._observer.schedule(handler, str(self.inputs), recursive=True)
        self._observer.start()
        if catch_up:
            self.catch_up()
        self._thread = threading.Thread(target=self._loop, name="vanban-watch", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop watching; a build under way finishes first, waited for at most `timeout`
        seconds (None: as long as it takes). Whether everything has stopped."""
        self._stopping.set()
        deadline = None if timeout is None else time.monotonic() + timeout

        def left() -> float | None:
            return None if deadline is None else max(0.0, deadline - time.monotonic())

        with self._wake:
            self._wake.notify_all()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(left())
        if self._thread is not None:
            self._thread.join(left())
        return not any(t is not None and t.is_alive() for t in (self._observer, self._thread))

    def idle(self) -> bool:
        with self._wake:
            return not self._due


class _Handler:
    """The smallest watchdog handler: every event goes to the watcher."""

    def __init__(self, watcher: Watcher):
        self.watcher = watcher

    def dispatch(self, event) -> None:
        self.watcher.on_event(event)


class _Stop(BaseException):
    """Raised in the main thread by SIGINT/SIGTERM: whatever it was doing ends there."""


def watch(inputs: Path, outputs: Path, templates: Path | None = None, quiet: float = 1.0) -> None:
    """Run until Ctrl-C (or SIGTERM from systemd), then stop within a few seconds whatever
    the watcher was waiting on (a lock held by the web page, a slow build)."""
    from .pregenerate import Background

    background = Background(log=default_log)
    watcher = Watcher(
        inputs, outputs, templates, quiet=quiet, after=lambda campaign: background.after_build(outputs, campaign)
    )
    stopping = threading.Event()

    def on_signal(*_):
        if stopping.is_set():  # a second Ctrl-C while stopping: at once
            os._exit(130)
        stopping.set()
        raise _Stop

    # Ctrl-C and systemd's SIGTERM both stop; set before anything starts, and even
    # where a shell started us with SIGINT ignored (a background job).
    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    stopped = True
    try:
        from .runner import warm_up

        warm_up(templates)
        watcher.start()
        watcher.log(f"Đang theo dõi {inputs}/ (văn bản ghi vào {outputs}/). Bấm Ctrl-C để dừng.")
        while True:
            time.sleep(3600)
    except _Stop:
        pass
    finally:
        stopping.set()
        stopped = watcher.stop(timeout=STOP_WITHIN)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if not stopped:
        watcher.log("Dừng khi một lần tạo văn bản chưa xong (đang chờ khóa hoặc tệp); lần theo dõi sau sẽ tạo lại.")
    watcher.log("Đã dừng theo dõi.")
    if not stopped:  # the build thread is stuck in a system call: end the process now
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
