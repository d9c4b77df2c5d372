"""The collector of returned self-scoring forms: one per campaign, storing each accepted form
under the campaign's lock and rebuilding the campaign in the background (arrivals close
together share one rebuild)."""

import ipaddress
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request

from .. import listing, runner, status
from ..collect import (
    arrivals,
    check,
    links,
    state_folder,
    state_path,
)
from ..collect.waiting import buildable, waiting_for, waiting_kinds
from ..contract import FORMS_FOLDER
from ..load import source_files
from .throttle import Throttle

MAX_DROP = 60  # returned forms in one drop
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WRONG_LINK = (
    "Đường dẫn không đúng hoặc đã được thay bằng đường dẫn mới. Hãy dùng đường dẫn mới nhất do đơn vị cụm trưởng gửi."
)


# --------------------------------------------------------------------------- the collector


class Rebuilds:
    """Background rebuilds, one thread per campaign at a time; arrivals during a rebuild
    ask for one more, not one each."""

    def __init__(self):
        self._lock = threading.Lock()
        self._dirty: dict[str, bool] = {}
        self._threads: dict[str, threading.Thread] = {}

    def request(self, campaign: str, run) -> None:
        with self._lock:
            self._dirty[campaign] = True
            if campaign in self._threads:
                return
            thread = threading.Thread(
                target=self._loop, args=(campaign, run), daemon=True, name=f"vanban-rebuild-{campaign}"
            )
            self._threads[campaign] = thread
        thread.start()

    def _loop(self, campaign: str, run) -> None:
        while True:
            with self._lock:
                if not self._dirty.get(campaign):
                    del self._threads[campaign]
                    return
                self._dirty[campaign] = False
            try:
                run()
            except Exception:  # recorded by the build itself where expected; never fatal
                import traceback

                traceback.print_exc()

    def wait(self, timeout: float = 120.0) -> bool:
        """Wait until no rebuild runs or is asked for (tests, shutdown); False on timeout."""
        end = datetime.now().timestamp() + timeout
        while datetime.now().timestamp() < end:
            with self._lock:
                threads = list(self._threads.values())
            if not threads:
                return True
            for thread in threads:
                thread.join(timeout=max(0.0, end - datetime.now().timestamp()))
        return False


@dataclass
class Collector:
    site: object  # pipeline.web.Site
    public_url: str | None
    throttle: Throttle
    rebuilds: Rebuilds

    def __post_init__(self):
        self._bases: dict[str, tuple[tuple, object]] = {}
        self._bases_lock = threading.Lock()
        self._state: Path | None = None
        self._key: bytes | None = None

    @property
    def state(self) -> Path:
        """The server's folder, made on first use (a site that never collects has none)."""
        if self._state is None:
            self._state = state_folder(self.site.inputs, self.site.outputs)
        return self._state

    def peek(self) -> Path:
        """The server's folder for reading: not made when it does not exist yet."""
        return self._state or state_path(self.site.inputs, self.site.outputs)

    def arrivals(self, name: str) -> list[arrivals.Arrival]:
        return arrivals.read(self.peek(), name)

    @property
    def key(self) -> bytes:
        with self._bases_lock:
            if self._key is None:
                self._key = links.load_key(self.state)
            return self._key

    # ----------------------------------------------------------------- the campaign's facts
    def folder(self, name: str) -> Path:
        return self.site.inputs / name

    def basis(self, name: str):
        """The campaign's forms basis (cached while its input files are unchanged)."""
        return self.basis_and_typed(name)[0]

    def basis_and_typed(self, name: str):
        """The basis and the units whose self-scores the workbook already has (cached)."""
        folder = self.folder(name)
        stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in source_files(folder) if p.is_file())
        with self._bases_lock:
            cached = self._bases.get(name)
            if cached is not None and cached[0] == stamp:
                return cached[1]
        made = check.basis_and_typed(folder)
        with self._bases_lock:
            self._bases[name] = (stamp, made)
        return made

    def by_hand(self, name: str, basis) -> dict[str, datetime]:
        """check.by_hand, cached while tu-cham/ holds the same files."""
        try:
            stamp = tuple(
                sorted(
                    (p.name, p.stat().st_mtime_ns, p.stat().st_size)
                    for p in (self.folder(name) / FORMS_FOLDER).glob("*.xlsx")
                )
            )
        except OSError:  # a file replaced while listing: read them all
            stamp = None
        key = (FORMS_FOLDER, name)
        with self._bases_lock:
            cached = self._bases.get(key)
            if stamp is not None and cached is not None and cached[0] == (stamp, id(basis)):
                return cached[1]
        found = check.by_hand(self.folder(name), basis)
        with self._bases_lock:
            self._bases[key] = ((stamp, id(basis)), found)
        return found

    def store(self, name: str, write: bool = False) -> links.Store:
        return links.Store(self.state if write else self.peek(), name)

    def deadline(self, name: str, basis) -> datetime | None:
        return links.effective_deadline(self.store(name).deadline(), getattr(basis, "self_score_deadline", None))

    def link(self, name: str, unit: str) -> str | None:
        if not self.public_url:
            return None
        code = links.secret(self.key, name, unit, self.store(name).generation(unit))
        return f"{self.public_url.rstrip('/')}/nop/{quote(name)}/{quote(unit)}/{code}"

    # ----------------------------------------------------------------- an arrival
    def arrive(
        self,
        name: str,
        basis,
        data: bytes,
        filename: str,
        via: str,
        client: str,
        expected_unit: str | None = None,
        batch: str = "",
    ) -> check.Verdict:
        """Check one form, store it when good, log it either way (the caller then asks for
        a rebuild)."""
        verdict = check.check(basis, data, filename, expected_unit)
        now = datetime.now()
        if verdict.accepted:
            with runner.campaign_lock(self.site.outputs, name):
                check.store(self.folder(name), basis, verdict.unit, data, now)
        arrivals.append(
            self.state,
            name,
            arrivals.Arrival(
                now.isoformat(timespec="seconds"),
                verdict.unit,
                via,
                client,
                verdict.accepted,
                filename if via == arrivals.STAFF else "",
                verdict.total,
                verdict.scores,
                [list(e) for e in verdict.errors],
                batch,
            ),
        )
        return verdict

    def rebuild_soon(self, name: str) -> None:
        self.rebuilds.request(name, lambda: self.site.built(name, self.rebuild(name)))

    def rebuild(self, name: str):
        """Build the campaign as far as its facts allow; its recorded state."""
        site = self.site
        with runner.campaign_lock(site.outputs, name):
            result = site.build(
                self.folder(name), site.outputs, templates=site.templates, inputs=site.inputs, locked=True
            )
            facts = waiting_for(result)
            kinds = buildable(facts) if facts else []
            if not kinds:
                return result
            partial = site.build(
                self.folder(name), site.outputs, kinds=kinds, templates=site.templates, inputs=site.inputs, locked=True
            )
            if partial.state != status.BUILT:
                return partial
            note = f"Văn bản chờ số liệu cuộc họp ({', '.join(facts)}): {', '.join(waiting_kinds(kinds))}."
            recorded = status.record_success(site.outputs, name, partial.written, [*partial.warnings, note])
        listing.write_index(site.outputs, site.inputs)
        return recorded


def collector(request: Request) -> Collector:
    return request.app.state.collect


def client_of(request: Request) -> str:
    """The client's address; behind a reverse proxy on this machine, the address the proxy
    says it forwards for (its last X-Forwarded-For entry), so that units do not share one."""
    peer = request.client.host if request.client else "?"
    forwarded = request.headers.get("x-forwarded-for")
    try:
        local = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        local = peer == "localhost"
    if forwarded and local:
        return forwarded.split(",")[-1].strip() or peer
    return peer


def _shown_name(raw: str) -> str:
    """A browser's file name, without any folder part, as staff see it in the results."""
    return (raw or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:100] or "tệp"
