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

import os
import secrets as random
from datetime import datetime
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .. import status
from ..collect import (
    PUBLIC_URL_VARIABLE,
    arrivals,
    check,
    linkbook,
    links,
)
from ..collect.waiting import waiting_documents, waiting_for
from ..errors import PipelineError
from .throttle import Throttle
from .collector import MAX_DROP, XLSX, Collector, Rebuilds, _shown_name, client_of, collector
from .units import _PAGES, UNIT_PREFIX, _page, unit_app


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
