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

One thread builds, one campaign at a time, through `status.build_and_record`
(which also holds the campaign's lock against the web page), so two builds of
one campaign never overlap and a change that arrives during a build gets a
build of its own afterwards. A bad workbook is one more `LOI.txt`, never the
end of the watcher; each build logs one line.
"""
from __future__ import annotations

import signal
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Callable

from .errors import InputError
from .load import is_campaign

IGNORED_PREFIXES = ("~$", ".~lock", ".", "~")
IGNORED_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp",
                    "~", "#")
# Reading a file is no change: the build itself opens the workbook.
IGNORED_EVENTS = {"opened", "closed_no_write"}

Snapshot = tuple[tuple[str, int, int], ...]


def ignored(name: str) -> bool:
    """Lock files, hidden files and the temporary files editors and copies leave behind."""
    lowered = name.lower()
    return lowered.startswith(IGNORED_PREFIXES) or lowered.endswith(IGNORED_SUFFIXES)


def campaign_of(path: str | Path, inputs: Path) -> str | None:
    """The campaign a changed path belongs to, or None when the change does not matter."""
    try:
        parts = Path(path).resolve().relative_to(inputs.resolve()).parts
    except ValueError:
        return None
    if not parts or any(ignored(part) for part in parts):
        return None
    return parts[0]


def snapshot(folder: Path) -> Snapshot:
    """Every file that matters in a campaign folder, with its size and time."""
    found = []
    if folder.is_dir():
        for path in folder.rglob("*"):
            rel = path.relative_to(folder)
            if any(ignored(part) for part in rel.parts):
                continue
            try:
                info = path.stat()
            except OSError:  # gone meanwhile: the next event will tell
                continue
            if path.is_file():
                found.append((str(rel), info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


def default_log(line: str) -> None:
    print(f"{datetime.now():%d/%m/%Y %H:%M:%S} {line}", flush=True)


def describe(campaign: str, outputs: Path, result) -> str:
    """One log line for a build's recorded status."""
    from . import status

    if result.state == status.FAILED and getattr(result, "held", None):
        return (f"{campaign}: dữ liệu có {len(result.problems)} lỗi; chưa tạo "
                f"{', '.join(result.held)}, đã tạo {result.written} văn bản khác; xem "
                f"{outputs / campaign / status.ERRORS}")
    if result.state == status.FAILED:
        count = len(result.problems)
        what = f"dữ liệu có {count} lỗi" if count else "lỗi"
        return f"{campaign}: {what}, chưa tạo văn bản; xem {outputs / campaign / status.ERRORS}"
    faulty = getattr(result, "faulty", None)
    if faulty:  # the format checker found fault with what was written: never simply built
        line = (f"{campaign}: đã ghi {result.written} văn bản trong {outputs / campaign}/, "
                f"trong đó {len(faulty)} văn bản có lỗi thể thức do chương trình")
    else:
        line = f"{campaign}: đã tạo {result.written} văn bản trong {outputs / campaign}/"
    if result.warnings:
        line += f" ({len(result.warnings)} cảnh báo, xem {status.WARNINGS})"
    return line


class Watcher:
    """Debounced, serialised rebuilds of the campaigns of `inputs` as their files change."""

    def __init__(self, inputs: Path, outputs: Path, templates: Path | None = None,
                 quiet: float = 1.0, settle: float = 0.4,
                 build: Callable[[Path], object] | None = None,
                 log: Callable[[str], None] = default_log):
        from . import status

        self.inputs, self.outputs = Path(inputs), Path(outputs)
        self.quiet, self.settle, self.log = quiet, settle, log
        self.build = build or (lambda folder: status.build_and_record(
            folder, self.outputs, templates=templates, inputs=self.inputs))
        self._due: dict[str, float] = {}           # campaign -> when it may be built
        self._seen: dict[str, Snapshot] = {}       # campaign -> its files at the last look
        self._built: dict[str, Snapshot] = {}      # campaign -> its files at its last build
        self._wake = threading.Condition()
        self._stopping = threading.Event()
        self._observer = None
        self._thread: threading.Thread | None = None
        self.builds = 0

    # ----------------------------------------------------------------- events in

    def notice(self, campaign: str) -> None:
        with self._wake:
            self._due[campaign] = time.monotonic() + self.quiet
            self._wake.notify()

    def on_event(self, event) -> None:
        """watchdog's callback (its own thread): mark the campaign of each path touched."""
        if event.event_type in IGNORED_EVENTS or (
                event.is_directory and event.event_type in ("modified", "attrib")):
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
            if ignored(folder.name) or not is_campaign(folder):
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

    def step(self, campaign: str) -> None:
        """A campaign is due: build it if its files are complete and changed."""
        folder = self.inputs / campaign
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
            self.log(f"{campaign}: lỗi ngoài dự kiến khi tạo văn bản: "
                     f"{type(error).__name__}: {error}")
            return
        self.log(describe(campaign, self.outputs, result))

    def _loop(self) -> None:
        while True:
            campaign = self._next_due()
            if campaign is None:
                return
            try:
                self.step(campaign)
            except Exception as error:  # e.g. a folder that cannot be read: go on watching
                self.log(f"{campaign}: không đọc được thư mục của đợt: "
                         f"{type(error).__name__}: {error}")

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

    def stop(self) -> None:
        """Stop watching; a build under way finishes first."""
        self._stopping.set()
        with self._wake:
            self._wake.notify_all()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join()
        if self._thread is not None:
            self._thread.join()

    def idle(self) -> bool:
        with self._wake:
            return not self._due


class _Handler:
    """The smallest watchdog handler: every event goes to the watcher."""

    def __init__(self, watcher: Watcher):
        self.watcher = watcher

    def dispatch(self, event) -> None:
        self.watcher.on_event(event)


def watch(inputs: Path, outputs: Path, templates: Path | None = None, quiet: float = 1.0) -> None:
    """Run until Ctrl-C (or SIGTERM from systemd), then stop cleanly."""
    watcher = Watcher(inputs, outputs, templates, quiet=quiet)
    stop = threading.Event()
    # Ctrl-C and systemd's SIGTERM both stop; set before anything starts, and even
    # where a shell started us with SIGINT ignored (a background job).
    previous = {sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        from .status import warm_up

        warm_up(templates)
        watcher.start()
        watcher.log(f"Đang theo dõi {inputs}/ (văn bản ghi vào {outputs}/). Bấm Ctrl-C để dừng.")
        while not stop.wait(0.5):
            pass
    finally:
        watcher.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    watcher.log("Đã dừng theo dõi.")
