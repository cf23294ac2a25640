"""The web app: pages rendered on the server with Jinja, htmx for progress and search.

Every route is a few lines over web.workspaces (files), web.store (records), web.builds (the
build processes) and the library (pipeline.find_in, the config checks). Every answer a browser
can get is an HTML page in Polish — errors included, whatever raised them. The routes are in
`workspace_pages` (workspaces, builds, progress) and `file_pages` (files, search, settings).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import quote

import anyio
import jinja2
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles

from leaflets.web import file_pages, security, views, workspace_pages
from leaflets.web.builds import Builds
from leaflets.web.common import (
    STATUS_PAGES,
    App,
    latest_version,
    page,
    polish_date,
    polish_number,
    read_form,
    see_other,
)
from leaflets.web.errors import PageError
from leaflets.web.security import FormRejected
from leaflets.web.settings import ServeSettings
from leaflets.web.store import Store
from leaflets.web.workspaces import Workspaces

log = logging.getLogger(__name__)


def create_app(settings: ServeSettings, *, build_command: tuple[str, ...] | None = None) -> FastAPI:
    """The app over `settings.data`. `build_command` replaces the build child (tests)."""
    settings.data.mkdir(parents=True, exist_ok=True)
    store = Store(settings.data)
    workspaces = Workspaces(settings.data, store)
    options: dict[str, Any] = {"jobs": settings.jobs}
    if build_command is not None:
        options["command"] = build_command
    builds = Builds(store, workspaces.build_paths, **options)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("leaflets.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["data"] = polish_date
    env.filters["liczba"] = polish_number
    env.filters["url"] = lambda text: quote(str(text), safe="/")
    env.filters["edycja"] = views.edition_title
    shared = App(settings, store, workspaces, builds, env)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        workspaces.sweep()
        builds.recover()
        builds.schedule()
        yield
        await anyio.to_thread.run_sync(builds.kill_all)

    app = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.shared = shared
    app.mount("/static", StaticFiles(packages=[("leaflets.web", "static")]), name="static")
    for routes in (
        _routes,
        workspace_pages.workspace_routes,
        workspace_pages.build_routes,
        workspace_pages.event_routes,
        file_pages.file_routes,
        file_pages.search_and_settings_routes,
    ):
        routes(app, shared)
    _errors(app, shared)

    async def error_page(status: int, title: str, message: str) -> Response:
        return page(shared, None, "blad.html", status, title=title, message=message)

    app.add_middleware(security.LoginRequired, password=settings.password)
    app.add_middleware(
        SessionMiddleware,
        secret_key=security.session_secret(settings.data),
        session_cookie=security.SESSION_COOKIE,
        same_site="strict",
        https_only=False,
        max_age=None,
    )
    app.add_middleware(security.HostCheck, allowed=settings.allowed_hosts(), error_page=error_page)
    app.add_middleware(security.SecurityHeaders)  # outermost: on every answer, refusals too
    return app


def _errors(app: FastAPI, shared: App) -> None:
    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError) -> Response:
        return page(shared, request, "blad.html", exc.status, title=exc.title, message=exc.message)

    @app.exception_handler(FormRejected)
    async def form_rejected(request: Request, exc: FormRejected) -> Response:
        log.info("form rejected: %s", exc)
        return page(
            shared,
            request,
            "blad.html",
            403,
            title="Formularz wygasł",
            message="Formularz nie pochodzi z tej strony albo jest nieaktualny. Wróć, odśwież"
            " stronę i spróbuj ponownie.",
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        title, message = STATUS_PAGES.get(exc.status_code, STATUS_PAGES[400])
        return page(shared, request, "blad.html", exc.status_code, title=title, message=message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        title, message = STATUS_PAGES[400]
        return page(shared, request, "blad.html", 400, title=title, message=message)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return page(
            shared,
            None,
            "blad.html",
            500,
            title="Błąd programu",
            message="Wystąpił nieoczekiwany błąd. Dane są bezpieczne; spróbuj ponownie, a jeśli"
            " błąd się powtórzy, przekaż informatykowi dziennik serwera.",
        )


# Lookups that end in the Polish 404 page


def _routes(app: FastAPI, shared: App) -> None:
    store, spaces = shared.store, shared.workspaces

    @app.get("/", response_class=HTMLResponse)
    async def start(request: Request) -> Response:
        items = []
        for workspace in store.workspaces():
            version = latest_version(shared, workspace)
            last = next(iter(store.builds(workspace.id)), None)
            items.append((workspace, version, last))
        return page(shared, request, "start.html", items=items, data=str(shared.settings.data))

    @app.get("/favicon.ico")
    async def favicon() -> Response:
        return see_other("/static/favicon.svg")

    @app.post("/wyslij")
    async def upload(request: Request) -> Response:
        limit = shared.settings.max_upload
        form = await read_form(request, limit, files=1)
        try:
            workspace, _ = await spaces.save_upload(form.get("wykaz"), None, limit, "wykaz")
        finally:
            await form.close()
        return see_other(f"/obszary/{workspace.id}")

    @app.get("/logowanie", response_class=HTMLResponse)
    async def login_page(request: Request, dalej: str = "/") -> Response:
        return page(shared, request, "logowanie.html", next=security.safe_next(dalej), wrong=False)

    @app.post("/logowanie")
    async def login(request: Request) -> Response:
        form = await read_form(request)
        password = shared.settings.password
        target = security.safe_next(str(form.get("dalej", "/")))
        sent = str(form.get("haslo", ""))
        if password is None:
            return see_other(target)
        if not await anyio.to_thread.run_sync(password.matches, sent):
            await anyio.sleep(0.5)  # slows guessing down
            return page(shared, request, "logowanie.html", 401, next=target, wrong=True)
        request.session.clear()
        request.session["zalogowany"] = password.fingerprint
        return see_other(target)

    @app.post("/wyloguj")
    async def logout(request: Request) -> Response:
        await read_form(request)
        request.session.clear()
        return see_other("/logowanie")
