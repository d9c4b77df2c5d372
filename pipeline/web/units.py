"""The units' side of self-score collection, a separate app reached only through a unit's
link `/nop/<đợt>/<mã>/<secret>`: its campaign and name, the deadline, its blank form, an
upload for the filled one and a score-entry form for phones; wrong links slowed per client."""

import asyncio
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..collect import (
    arrivals,
    check,
    links,
)
from ..errors import PipelineError
from ..forms import form_name
from .uploads import is_campaign_name
from .collector import WRONG_LINK, XLSX, Collector, _shown_name, client_of, collector


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
