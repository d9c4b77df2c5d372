"""The pages of self-score collection: the staff's units' table and bulk drop, the units' links.

Staff (behind the page's password, on the campaign's page): the units' table (state, total,
time and how each form came, the errors of a refused one), many returned forms dropped at
once, each unit's link (copied, replaced, all of them as an .xlsx), the deadline.

A unit (no password, only through its link `/nop/<đợt>/<mã>/<secret>`): its campaign and
name, the deadline, its blank form, an upload for the filled one and a score-entry form for
phones. The unit app is a separate Starlette app that has only these routes: a link reaches
that unit's form and answer, and nothing else of the site. Wrong links are slowed per client
(pipeline.web.throttle) and every arrival is logged with the client's address.

Each accepted form is stored in `tu-cham/` under the campaign's lock and the campaign is
rebuilt in the background (arrivals close together share one rebuild): the table shows
the arrival at once, the documents follow.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import secrets as random
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .. import listing, runner, status
from ..collect import (
    PUBLIC_URL_VARIABLE,
    arrivals,
    check,
    linkbook,
    links,
    state_folder,
    state_path,
)
from ..collect.waiting import buildable, waiting_documents, waiting_for, waiting_kinds
from ..contract import FORMS_FOLDER
from ..errors import PipelineError
from ..forms import form_name
from ..load import source_files
from .uploads import is_campaign_name
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


# --------------------------------------------------------------------------- the staff side


def _parse_deadline(text: str) -> datetime | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        from ..cells import as_datetime

        return as_datetime(text)


def section(request: Request, name: str) -> dict:
    """What the campaign page's `_nop.html` shows (called from the template)."""
    col = collector(request)
    try:
        basis, typed = col.basis_and_typed(name)
    except PipelineError as error:
        return {"ready": False, "problems": check.problems_of(error)}
    rows = arrivals.table([(u.code, u.name) for u in basis.units], col.arrivals(name), col.by_hand(name, basis), typed)
    entry_status = status.load(col.site.outputs / name)
    batch = request.query_params.get("tha")
    dropped = [a for a in col.arrivals(name) if batch and a.batch == batch]
    deadline = col.deadline(name, basis)
    waiting = waiting_for(entry_status)
    return {
        "ready": True,
        "rows": rows,
        "public": bool(col.public_url),
        "links": {u.code: col.link(name, u.code) for u in basis.units},
        "deadline": deadline,
        "page_deadline": col.store(name).deadline(),
        "passed": links.passed(deadline),
        "waiting": waiting,
        # what the build held back, as it recorded them; else what waits for those facts
        "documents": (entry_status.held or waiting_documents(waiting)) if waiting else [],
        "some_built": bool(waiting and entry_status.written),
        "dropped": dropped,
        "sent": sum(1 for r in rows if r.good or r.by_hand or r.in_workbook),
        "variable": PUBLIC_URL_VARIABLE,
        "via": arrivals.VIA,
    }


def _back(name: str, anchor: str = "nop", **query) -> RedirectResponse:
    extra = "&".join(f"{k}={quote(str(v))}" for k, v in query.items())
    return RedirectResponse(f"/dot/{quote(name)}{'?' + extra if extra else ''}#{anchor}", status_code=303)


async def drop(request: Request) -> Response:
    """Many returned forms at once, each recognised by what it contains."""
    col = collector(request)
    name = col.site.campaign(request.path_params["name"])
    async with request.form(max_files=MAX_DROP, max_fields=5) as form:
        files = [f for f in form.getlist("bieu") if isinstance(f, UploadFile) and f.filename]
        received = [(_shown_name(f.filename), await f.read(check.MAX_FORM + 1)) for f in files]
    if not received:
        return _page(request, "error.html", 400, message="Chưa chọn biểu tự chấm nào để thả.")
    try:
        basis = await run_in_threadpool(col.basis, name)
    except PipelineError as error:
        return _page(
            request,
            "error.html",
            400,
            problems=getattr(error, "problems", None),
            message=f"Chưa đọc được danh sách đơn vị và tiêu chí của đợt {name}.",
        )
    batch = random.token_hex(4)
    client = client_of(request)

    def run() -> int:
        good = 0
        for filename, data in received:
            verdict = col.arrive(name, basis, data, filename, arrivals.STAFF, client, batch=batch)
            good += verdict.accepted
        return good

    good = await run_in_threadpool(run)
    if good:
        col.rebuild_soon(name)
    return _back(name, tha=batch)


def _shown_name(raw: str) -> str:
    """A browser's file name, without any folder part, as staff see it in the results."""
    return (raw or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:100] or "tệp"


async def replace_link(request: Request) -> Response:
    col = collector(request)
    name = col.site.campaign(request.path_params["name"])
    unit = request.path_params["unit"]
    basis = await run_in_threadpool(col.basis, name)
    if unit not in {u.code for u in basis.units}:
        raise HTTPException(404, f"Đợt {name} không có đơn vị mã {unit}.")
    await run_in_threadpool(col.store(name, write=True).replace, unit)
    return _back(name, anchor=f"don-vi-{unit}", thay=unit)


async def set_deadline(request: Request) -> Response:
    col = collector(request)
    name = col.site.campaign(request.path_params["name"])
    async with request.form(max_files=0, max_fields=5) as form:
        typed = "" if form.get("bo") else str(form.get("han") or "")
    try:
        when = _parse_deadline(typed)
    except ValueError as error:
        return _page(request, "error.html", 400, message=f"Hạn nộp chưa đúng: {error}.")
    await run_in_threadpool(col.store(name, write=True).set_deadline, when)
    return _back(name)


async def link_book(request: Request) -> Response:
    col = collector(request)
    name = col.site.campaign(request.path_params["name"])
    if not col.public_url:
        raise HTTPException(
            404, f"Chưa đặt {PUBLIC_URL_VARIABLE}: các đơn vị chưa mở được trang này, nên chưa có đường dẫn."
        )
    basis = await run_in_threadpool(col.basis, name)
    rows = [(u.code, u.name, col.link(name, u.code)) for u in basis.units]
    data = await run_in_threadpool(linkbook.link_workbook, name, rows, col.deadline(name, basis))
    return Response(
        data, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="duong-dan-nop-{name}.xlsx"'}
    )


STAFF_ROUTES = [
    Route("/dot/{name}/nop/tha", drop, methods=["POST"]),
    Route("/dot/{name}/nop/doi/{unit}", replace_link, methods=["POST"]),
    Route("/dot/{name}/nop/han", set_deadline, methods=["POST"]),
    Route("/dot/{name}/nop/duong-dan.xlsx", link_book),
]


# --------------------------------------------------------------------------- the unit side


async def _reach(request: Request):
    """(collector, campaign, unit, basis) of a unit's link; 404 (slowed) for a wrong one."""
    col = collector(request)
    client = client_of(request)
    if col.throttle.blocked(client):
        raise HTTPException(
            429, "Đã thử quá nhiều đường dẫn sai; hãy đợi vài phút rồi thử lại bằng đường dẫn đơn vị cụm trưởng gửi."
        )
    name, unit = request.path_params["name"], request.path_params["unit"]
    given = request.path_params["secret"]

    def known():
        if not is_campaign_name(name) or not (col.folder(name)).is_dir():
            return None
        generation = col.store(name).generation(unit)
        if not links.matches(col.key, name, unit, generation, given):
            return None
        basis = col.basis(name)
        return basis if unit in {u.code for u in basis.units} else None

    try:
        basis = await run_in_threadpool(known)
    except PipelineError:
        raise HTTPException(503, "Đơn vị cụm trưởng đang sửa dữ liệu của đợt; hãy thử lại sau ít phút.") from None
    if basis is None:
        await asyncio.sleep(col.throttle.delay(client))
        col.throttle.failed(client)
        raise HTTPException(404, WRONG_LINK)
    return col, name, unit, basis


def _unit_page(
    request: Request, col: Collector, name: str, unit: str, basis, status_code: int = 200, **context
) -> Response:
    deadline = col.deadline(name, basis)
    mine = [a for a in col.arrivals(name) if a.unit == unit and a.accepted]
    leaves = [c for c in basis.criteria if not c.is_group]
    here = f"/nop/{quote(name)}/{quote(unit)}/{quote(request.path_params['secret'])}"
    last = mine[-1] if mine else None
    if last is not None and not context.get("typed"):
        context["typed"] = {c: f"{v:g}".replace(".", ",") for c, v in last.scores.items()}
    return _pages().TemplateResponse(
        request,
        "nop.html",
        {
            "campaign": name,
            "basis": basis,
            "unit": next(u for u in basis.units if u.code == unit),
            "deadline": deadline,
            "passed": links.passed(deadline),
            "last": last,
            "leaves": leaves,
            "here": here,
            "field": check.field_name,
            "note": check.note_name,
            **{"typed": {}, "notes": {}, **context},
        },
        status_code=status_code,
    )


async def unit_page(request: Request) -> Response:
    col, name, unit, basis = await _reach(request)
    return _unit_page(request, col, name, unit, basis)


async def unit_form(request: Request) -> Response:
    """The unit's blank form (its last accepted scores filled in, when it sent some)."""
    import dataclasses
    import io

    import pandas as pd

    from ..forms.writer import form_workbook

    col, name, unit, basis = await _reach(request)
    mine = [a for a in col.arrivals(name) if a.unit == unit and a.accepted]
    frame = pd.DataFrame(
        [{"unit": unit, "criterion": c, "self": v} for c, v in (mine[-1].scores if mine else {}).items()],
        columns=["unit", "criterion", "self"],
    )

    def make() -> bytes:
        book = form_workbook(dataclasses.replace(basis, scores=frame), next(u for u in basis.units if u.code == unit))
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    data = await run_in_threadpool(make)
    return Response(data, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{form_name(unit)}"'})


def _closed(request, col, name, unit, basis) -> Response | None:
    if links.passed(col.deadline(name, basis)):
        return _unit_page(request, col, name, unit, basis, 403)
    return None


async def unit_upload(request: Request) -> Response:
    col, name, unit, basis = await _reach(request)
    if (closed := _closed(request, col, name, unit, basis)) is not None:
        return closed
    async with request.form(max_files=1, max_fields=2) as form:
        sent = form.get("bieu")
        if not isinstance(sent, UploadFile) or not sent.filename:
            return _unit_page(
                request, col, name, unit, basis, 400, errors=[("", "chưa chọn tệp biểu tự chấm.")], kind="tep"
            )
        filename = _shown_name(sent.filename)
        data = await sent.read(check.MAX_FORM + 1)
    verdict = await run_in_threadpool(col.arrive, name, basis, data, filename, arrivals.LINK, client_of(request), unit)
    if not verdict.accepted:
        return _unit_page(request, col, name, unit, basis, 400, errors=verdict.errors, kind="tep")
    col.rebuild_soon(name)
    return _unit_page(request, col, name, unit, basis, verdict=verdict)


async def unit_entry(request: Request) -> Response:
    col, name, unit, basis = await _reach(request)
    if (closed := _closed(request, col, name, unit, basis)) is not None:
        return closed
    codes = [c.code for c in basis.criteria if not c.is_group]
    async with request.form(max_files=0, max_fields=2 * len(codes) + 5) as form:
        typed = {c: str(form.get(check.field_name(c)) or "") for c in codes}
        notes = {c: str(form.get(check.note_name(c)) or "") for c in codes}
    data, errors = await run_in_threadpool(check.entry_form, basis, unit, typed, notes)
    if errors:
        return _unit_page(request, col, name, unit, basis, 400, errors=errors, kind="nhap", typed=typed, notes=notes)
    verdict = await run_in_threadpool(
        col.arrive, name, basis, data, form_name(unit), arrivals.ENTRY, client_of(request), unit
    )
    if not verdict.accepted:  # the same rules as a file: only a bug gets here
        return _unit_page(
            request, col, name, unit, basis, 400, errors=verdict.errors, kind="nhap", typed=typed, notes=notes
        )
    col.rebuild_soon(name)
    return _unit_page(request, col, name, unit, basis, verdict=verdict)


async def unit_error(request: Request, error: HTTPException) -> Response:
    headers = {"Retry-After": "60"} if error.status_code == 429 else None
    response = _pages().TemplateResponse(
        request, "nop-loi.html", {"message": error.detail}, status_code=error.status_code
    )
    if headers:
        response.headers.update(headers)
    return response


async def unit_unexpected(request: Request, error: Exception) -> Response:
    return _pages().TemplateResponse(
        request,
        "nop-loi.html",
        {
            "message": "Trang gặp lỗi ngoài dự kiến; biểu đã gửi trước đây không bị ảnh hưởng. "
            "Hãy báo đơn vị cụm trưởng."
        },
        status_code=500,
    )


UNIT_PREFIX = "/nop/"
_PAGES: list = []  # the site's Jinja2Templates, given by `install` (web imports this module)


def _pages():
    return _PAGES[-1]


def _page(request: Request, name: str, status_code: int = 200, **context) -> Response:
    return _pages().TemplateResponse(request, name, context, status_code=status_code)


def unit_app(state) -> Starlette:
    base = "/nop/{name}/{unit}/{secret}"
    app = Starlette(
        routes=[
            Route(base, unit_page),
            Route(base + "/bieu.xlsx", unit_form),
            Route(base + "/tep", unit_upload, methods=["POST"]),
            Route(base + "/nhap", unit_entry, methods=["POST"]),
        ],
        exception_handlers={HTTPException: unit_error, Exception: unit_unexpected},
    )
    app.state.collect = state.collect
    app.state.site = state.site
    return app


class Doors:
    """Two apps behind one address: `/nop/…` goes to the units' app (no password), the
    rest to the staff's (behind the password when one is set)."""

    def __init__(self, staff, units):
        self.staff, self.units = staff, units
        self.state = getattr(staff, "state", None)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("path", "").startswith(UNIT_PREFIX):
            return await self.units(scope, receive, send)
        return await self.staff(scope, receive, send)


def install(app: Starlette, guarded, guard, limit: int, pages, policy=None):
    """Add the staff routes and the Jinja helper to `app`; the ASGI app to serve
    (`guarded`, the staff app behind its guard, with the units' door beside it)."""
    site = app.state.site
    public = os.environ.get(PUBLIC_URL_VARIABLE) or None
    app.state.collect = Collector(site, public, Throttle(), Rebuilds())
    if public:  # fail at start, not on a unit's first visit, when the folder is refused
        _ = app.state.collect.state
    for route in STAFF_ROUTES:
        app.router.routes.insert(0, route)
    _PAGES[:] = [pages]
    pages.env.globals["nop_section"] = section
    pages.env.globals["cho_so_lieu"] = waiting_for
    # The units' door answers the same hosts and origins as the staff's (DNS rebinding).
    units = guard(unit_app(app.state), None, min(limit, check.MAX_FORM + 256 * 1024), policy)
    doors = Doors(guarded, units)
    doors.state = app.state
    return doors
