"""`vanban serve`: a small local web page for staff who never see a terminal.

Starlette with server-rendered Jinja pages (a few lines of plain JavaScript say
"Đang tạo…" and keep a button from being pressed twice; every page works without
it): the campaigns and their state, uploads of a workbook, photos and returned
forms, the errors as a table, the documents by title (pipeline/catalogue.py),
old documents marked as old, downloads (documents, PDFs, a campaign as .zip, the
blank and the example workbooks, the self-scoring forms) and each document's
pages as images, made in the background after each build (pipeline/pregenerate.py).

This module is the app: its routes and `serve`. The pages are in web/pages.py, downloads in
web/downloads.py, previews and PDFs in web/previews.py, the guard in front of them in
web/guard.py (with web/requestguard.py and web/throttle.py), what they share in web/site.py;
earlier workbooks: web/history.py; the bin: web/trash.py; the units' door: web/collect.py.

Every build goes through `runner.build_and_record` under the campaign's lock,
so two uploads to one campaign are served one after the other, and the web page,
the watcher and `make` record the same state in outputs/.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import Route

from .. import pregenerate, runner
from ..config import TEMPLATES
from ..errors import InputError
from . import history, requestguard, trash
from .downloads import blank, campaign_zip, download, example, forms_zip
from .guard import Guard
from .pages import campaign_page, home, not_found, unexpected, upload
from .previews import page_image, pdf, preview
from .site import MAX_UPLOAD, PAGES, PASSWORD_VARIABLE, Site, page
from .throttle import Throttle

__all__ = ["Site", "create_app", "is_loopback", "serve"]


# --------------------------------------------------------------------------- the app


def create_app(
    inputs: Path,
    outputs: Path,
    templates: Path = TEMPLATES,
    password: str | None = None,
    limit: int = MAX_UPLOAD,
    build: Callable | None = None,
    policy: requestguard.Policy | None = None,
    throttle: Throttle | None = None,
    background: pregenerate.Background | None = None,
):
    app = Starlette(
        routes=[
            Route("/", home),
            Route("/tai-len", upload, methods=["POST"]),
            Route("/bang-tinh-trong.xlsx", blank),
            Route("/bang-tinh-mau.xlsx", example),
            Route("/dot/{name}", campaign_page),
            Route("/dot/{name}/tai-ve.zip", campaign_zip),
            Route("/dot/{name}/tat-ca-pdf.zip", campaign_zip),
            *history.ROUTES,
            *trash.ROUTES,
            Route("/dot/{name}/bieu-tu-cham.zip", forms_zip),
            Route("/dot/{name}/tep/{file}", download),
            Route("/dot/{name}/pdf/{file}", pdf),
            Route("/dot/{name}/xem/{file}", preview),
            Route("/dot/{name}/xem/{file}/{image}", page_image),
        ],
        exception_handlers={HTTPException: not_found, Exception: unexpected},
    )
    app.state.site = Site(inputs, outputs, templates, build, background)
    app.state.render = page  # for the pages of the modules beside this one (trash)
    Path(inputs).mkdir(parents=True, exist_ok=True)
    guarded = Guard(app, password, limit, policy, throttle)
    guarded.state = app.state  # for tests
    from . import collect  # the units' table, bulk drop and links (their own door: /nop/)

    return collect.install(app, guarded, Guard, limit, PAGES, policy)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    inputs: Path,
    outputs: Path,
    templates: Path = TEMPLATES,
    host: str = "127.0.0.1",
    port: int = 8000,
    ready: Callable[[str], None] = lambda line: None,
) -> None:
    """Run the page until Ctrl-C; off this machine only with a password from the environment.
    `ready` is told, in a line for staff, where to open the page once it is ready (the command
    line prints it)."""
    import uvicorn

    password = os.environ.get(PASSWORD_VARIABLE) or None
    if not is_loopback(host) and password is None:
        raise InputError(
            f"Không mở trang ở địa chỉ {host} khi chưa đặt mật khẩu: hãy đặt biến "
            f"môi trường {PASSWORD_VARIABLE} (ví dụ {PASSWORD_VARIABLE}=... "
            f"make serve HOST={host}), hoặc dùng HOST=127.0.0.1."
        )
    if os.environ.get("VANBAN_PUBLIC_URL") and password is None:  # behind a reverse proxy
        raise InputError(
            f"Đã đặt VANBAN_PUBLIC_URL (trang mở cho các đơn vị) nên phải đặt cả "
            f"mật khẩu cho các trang của cán bộ: biến môi trường {PASSWORD_VARIABLE}."
        )
    try:
        policy = requestguard.Policy.for_server(host, port)
    except ValueError as error:
        raise InputError(f"Biến môi trường {error} không phải một địa chỉ http:// hoặc https:// hợp lệ.") from None
    app = create_app(inputs, outputs, templates, password, policy=policy, background=pregenerate.BACKGROUND)
    runner.warm_up(templates)
    shown = f"[{host}]" if ":" in host else host
    ready(f"Mở http://{shown}:{port}/ trong trình duyệt. Bấm Ctrl-C để dừng.")
    # Forwarded headers are judged by requestguard (VANBAN_TRUSTED_PROXY), not by uvicorn.
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)
