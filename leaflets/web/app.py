"""The web app: pages rendered on the server with Jinja, htmx for progress and search.

Every route is a few lines over web.workspaces (files), web.store (records), web.builds (the
build processes) and the library (pipeline.find_in, the config checks). Every answer a browser
can get is an HTML page in Polish — errors included, whatever raised them.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio
import jinja2
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from leaflets import pipeline
from leaflets.errors import ConfigError, LeafletsError
from leaflets.web import pictures, security, unitsettings, views
from leaflets.web import store as records
from leaflets.web.builds import Builds
from leaflets.web.errors import PageError
from leaflets.web.headers import SheetHeaders, from_json
from leaflets.web.security import FormRejected, check_form, csrf_token
from leaflets.web.settings import MAX_LOGO_BYTES, ServeSettings
from leaflets.web.store import Build, Store, Version, Workspace
from leaflets.web.workspaces import Reading, Workspaces, too_large_message, valid_id

log = logging.getLogger(__name__)

FORM_SLACK = 64 * 1024
"""Bytes a multipart body may carry beyond the file itself (boundaries, the other fields)."""
POLL_SECONDS = 0.25
_MONTHS = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
]


NOT_FOUND = ("Nie ma takiej strony", "Tej strony albo pliku nie ma. Wróć na stronę główną.")
STATUS_PAGES = {
    400: ("Niepoprawne żądanie", "Przeglądarka wysłała niepełne albo błędne dane."),
    403: ("Brak dostępu", "Nie masz dostępu do tej strony."),
    404: NOT_FOUND,
    405: ("Niedozwolona operacja", "Tej strony nie można otworzyć w ten sposób."),
    411: ("Brak rozmiaru pliku", "Przeglądarka nie podała rozmiaru wysyłanego pliku."),
    413: ("Plik jest za duży", "Wysłane dane przekraczają limit."),
}


@dataclass
class App:
    """What the routes share."""

    settings: ServeSettings
    store: Store
    workspaces: Workspaces
    builds: Builds
    templates: jinja2.Environment


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
    env.filters["data"] = _date
    env.filters["liczba"] = _number
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
        _workspace_routes,
        _build_routes,
        _event_routes,
        _file_routes,
        _search_and_settings_routes,
    ):
        routes(app, shared)
    _errors(app, shared)

    async def error_page(status: int, title: str, message: str) -> Response:
        return _page(shared, None, "blad.html", status, title=title, message=message)

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


# Rendering


def _page(
    shared: App, request: Request | None, name: str, status: int = 200, **context: Any
) -> HTMLResponse:
    return HTMLResponse(_html(shared, request, name, **context), status_code=status)


def _html(shared: App, request: Request | None, name: str, **context: Any) -> str:
    logged = False
    if request is not None and shared.settings.password is not None:
        logged = security.logged_in(request.scope, shared.settings.password)
    base = {
        "csrf": csrf_token(request) if request is not None else "",
        "password": shared.settings.password is not None,
        "logged_in": logged,
        "limit_mb": shared.settings.max_upload // (1024 * 1024),
    }
    return shared.templates.get_template(name).render(**base, **context)


def _date(timestamp: float | None) -> str:
    if not timestamp:
        return ""
    moment = dt.datetime.fromtimestamp(timestamp)
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"


def _number(value: float) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def _errors(app: FastAPI, shared: App) -> None:
    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError) -> Response:
        return _page(shared, request, "blad.html", exc.status, title=exc.title, message=exc.message)

    @app.exception_handler(FormRejected)
    async def form_rejected(request: Request, exc: FormRejected) -> Response:
        log.info("form rejected: %s", exc)
        return _page(
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
        return _page(shared, request, "blad.html", exc.status_code, title=title, message=message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        title, message = STATUS_PAGES[400]
        return _page(shared, request, "blad.html", 400, title=title, message=message)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _page(
            shared,
            None,
            "blad.html",
            500,
            title="Błąd programu",
            message="Wystąpił nieoczekiwany błąd. Dane są bezpieczne; spróbuj ponownie, a jeśli"
            " błąd się powtórzy, przekaż informatykowi dziennik serwera.",
        )


# Lookups that end in the Polish 404 page


def _workspace(shared: App, workspace_id: str) -> Workspace:
    workspace = shared.store.workspace(workspace_id) if valid_id(workspace_id) else None
    if workspace is None:
        raise PageError(404, "Nie ma takiego obszaru roboczego", "Mógł zostać usunięty.")
    return workspace


def _build(shared: App, workspace: Workspace, build_id: int) -> Build:
    build = shared.store.build(build_id)
    if build is None or build.workspace != workspace.id:
        raise PageError(404, "Nie ma takiego tworzenia ulotek", "Mogło zostać usunięte.")
    return build


def _workspace_build(shared: App, workspace_id: str, build_id: int) -> tuple[Workspace, Build]:
    workspace = _workspace(shared, workspace_id)
    return workspace, _build(shared, workspace, build_id)


def _latest(shared: App, workspace: Workspace) -> Version | None:
    versions = shared.store.versions(workspace.id)
    return versions[0] if versions else None


async def _form(request: Request, limit: int = 1024 * 1024, files: int = 0) -> FormData:
    """The form of a POST, with its size checked before it is read."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise PageError(*(411, *STATUS_PAGES[411]))
    if int(length) > limit + FORM_SLACK:
        raise PageError(413, "Plik jest za duży", too_large_message(limit))
    form = await request.form(max_files=files, max_fields=50, max_part_size=1024 * 1024)
    check_form(request, form)
    return form


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# Routes


def _routes(app: FastAPI, shared: App) -> None:
    store, spaces = shared.store, shared.workspaces

    @app.get("/", response_class=HTMLResponse)
    async def start(request: Request) -> Response:
        items = []
        for workspace in store.workspaces():
            version = _latest(shared, workspace)
            last = next(iter(store.builds(workspace.id)), None)
            items.append((workspace, version, last))
        return _page(shared, request, "start.html", items=items, data=str(shared.settings.data))

    @app.get("/favicon.ico")
    async def favicon() -> Response:
        return _see("/static/favicon.svg")

    @app.post("/wyslij")
    async def upload(request: Request) -> Response:
        limit = shared.settings.max_upload
        form = await _form(request, limit, files=1)
        try:
            workspace, _ = await spaces.save_upload(form.get("wykaz"), None, limit, "wykaz")
        finally:
            await form.close()
        return _see(f"/obszary/{workspace.id}")

    @app.get("/logowanie", response_class=HTMLResponse)
    async def login_page(request: Request, dalej: str = "/") -> Response:
        return _page(shared, request, "logowanie.html", next=security.safe_next(dalej), wrong=False)

    @app.post("/logowanie")
    async def login(request: Request) -> Response:
        form = await _form(request)
        password = shared.settings.password
        target = security.safe_next(str(form.get("dalej", "/")))
        sent = str(form.get("haslo", ""))
        if password is None:
            return _see(target)
        if not await anyio.to_thread.run_sync(password.matches, sent):
            await anyio.sleep(0.5)  # slows guessing down
            return _page(shared, request, "logowanie.html", 401, next=target, wrong=True)
        request.session.clear()
        request.session["zalogowany"] = password.fingerprint
        return _see(target)

    @app.post("/wyloguj")
    async def logout(request: Request) -> Response:
        await _form(request)
        request.session.clear()
        return _see("/logowanie")


def _workspace_routes(app: FastAPI, shared: App) -> None:
    store, spaces, builds = shared.store, shared.workspaces, shared.builds

    @app.get("/obszary/{workspace_id}", response_class=HTMLResponse)
    async def workspace_page(request: Request, workspace_id: str, rodzaj: str = "") -> Response:
        workspace = _workspace(shared, workspace_id)
        versions = store.versions(workspace.id)
        wanted = rodzaj if rodzaj in views.FILTERS else "wszystkie"
        reading = await anyio.to_thread.run_sync(spaces.read, versions[0]) if versions else None
        all_builds = store.builds(workspace.id)
        context: dict[str, Any] = {
            "workspace": workspace,
            "versions": versions,
            "reading": reading,
            "groups": views.problem_groups(reading.problems, wanted) if reading else [],
            "wanted": wanted,
            "filters": views.FILTERS,
            "headers": _headers(reading, all_builds),
            "formats": views.format_options(_last_options(all_builds, "formats")),
            "languages": views.language_options(_last_options(all_builds, "languages")),
            "builds_by_version": _builds_by_version(all_builds),
            "active": next((b for b in all_builds if not b.final), None),
        }
        if request.headers.get("hx-request") and request.headers.get("hx-target") == "problemy":
            return _page(shared, request, "_problemy.html", **context)
        return _page(shared, request, "obszar.html", **context)

    @app.post("/obszary/{workspace_id}/wersje")
    async def new_version(request: Request, workspace_id: str) -> Response:
        workspace = _workspace(shared, workspace_id)
        limit = shared.settings.max_upload
        form = await _form(request, limit, files=1)
        try:
            await spaces.save_upload(form.get("wykaz"), workspace, limit, workspace.name)
        finally:
            await form.close()
        return _see(f"/obszary/{workspace.id}")

    @app.post("/obszary/{workspace_id}/nazwa")
    async def rename(request: Request, workspace_id: str) -> Response:
        workspace = _workspace(shared, workspace_id)
        form = await _form(request)
        name = " ".join(str(form.get("nazwa", "")).split())[:120]
        if not name:
            raise PageError(400, "Brak nazwy", "Wpisz nazwę obszaru roboczego.")
        store.rename_workspace(workspace.id, name)
        return _see(f"/obszary/{workspace.id}")

    @app.get("/obszary/{workspace_id}/usun", response_class=HTMLResponse)
    async def delete_page(request: Request, workspace_id: str) -> Response:
        workspace = _workspace(shared, workspace_id)
        return _page(shared, request, "usun.html", workspace=workspace)

    @app.post("/obszary/{workspace_id}/usun")
    async def delete(request: Request, workspace_id: str) -> Response:
        workspace = _workspace(shared, workspace_id)
        await _form(request)
        for build in store.builds(workspace.id):
            if not build.final:
                builds.cancel(build.id)
        await anyio.to_thread.run_sync(_wait_stopped, shared, workspace.id)
        await anyio.to_thread.run_sync(spaces.delete, workspace.id)
        return _see("/")


def _build_routes(app: FastAPI, shared: App) -> None:
    store, builds = shared.store, shared.builds

    @app.post("/obszary/{workspace_id}/ulotki")
    async def start_build(request: Request, workspace_id: str) -> Response:
        workspace = _workspace(shared, workspace_id)
        form = await _form(request)
        version = _latest(shared, workspace)
        if version is None or not version.readable:
            raise PageError(
                400, "Nie można utworzyć ulotek", "Najpierw wyślij wykaz, który da się odczytać."
            )
        options = views.parse_options(form, form.multi_items())
        if not options["formats"] or not options["languages"]:
            raise PageError(
                400,
                "Wybierz formaty i języki",
                "Zaznacz co najmniej jeden format i co najmniej jedną wersję językową.",
            )
        build = await anyio.to_thread.run_sync(builds.request, workspace.id, version.id, options)
        store.touch(workspace.id)
        return _see(f"/obszary/{workspace.id}/ulotki/{build.id}")

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}", response_class=HTMLResponse)
    async def build_page(
        request: Request, workspace_id: str, build_id: int, tryb: str = ""
    ) -> Response:
        workspace, build = _workspace_build(shared, workspace_id, build_id)
        mode = "odpytywanie" if tryb == "odpytywanie" else "zdarzenia"
        return _page(
            shared, request, "ulotki.html", **_build_context(shared, workspace, build), mode=mode
        )

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}/stan", response_class=HTMLResponse)
    async def build_state(request: Request, workspace_id: str, build_id: int) -> Response:
        workspace, build = _workspace_build(shared, workspace_id, build_id)
        context = _build_context(shared, workspace, build)
        # 286: htmx stops polling.
        return _page(
            shared,
            request,
            "_stan.html",
            286 if build.final else 200,
            **context,
            mode="odpytywanie",
            oob=True,
        )


def _event_routes(app: FastAPI, shared: App) -> None:
    store, builds = shared.store, shared.builds

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}/zdarzenia")
    async def build_events(request: Request, workspace_id: str, build_id: int) -> Response:
        workspace, build = _workspace_build(shared, workspace_id, build_id)
        stopping = anyio.Event()

        async def events() -> AsyncIterator[ServerSentEvent]:
            shown = 0
            last: tuple[Any, ...] | None = None
            while True:
                current = await anyio.to_thread.run_sync(store.build, build.id)
                if current is None:
                    return
                if stopping.is_set() and not current.final:
                    with anyio.move_on_after(0.8):  # the reader thread records the end
                        while current is not None and not current.final:
                            await anyio.sleep(0.05)
                            current = store.build(build.id)
                    if current is None:
                        return
                key = (current.status, current.done, current.total)
                if key != last:
                    last = key
                    context = _build_context(shared, workspace, current)
                    yield ServerSentEvent(
                        _html(shared, request, "_postep.html", **context), event="postep"
                    )
                new = store.build_files(build.id, shown)
                if new and not current.final:
                    shown = new[-1].seq
                    yield ServerSentEvent(
                        _html(
                            shared,
                            request,
                            "_pliki.html",
                            workspace=workspace,
                            build=current,
                            items=new,
                        ),
                        event="plik",
                    )
                if current.final or stopping.is_set():
                    context = _build_context(shared, workspace, current)
                    yield ServerSentEvent(
                        _html(shared, request, "_koniec.html", **context, oob=True),
                        event="koniec",
                    )
                    return
                with anyio.move_on_after(POLL_SECONDS):
                    await stopping.wait()

        return EventSourceResponse(
            events(), ping=10, shutdown_event=stopping, shutdown_grace_period=1.0
        )

    @app.post("/obszary/{workspace_id}/ulotki/{build_id}/anuluj")
    async def cancel(request: Request, workspace_id: str, build_id: int) -> Response:
        workspace, build = _workspace_build(shared, workspace_id, build_id)
        await _form(request)
        builds.cancel(build.id)
        with anyio.move_on_after(5):
            while (current := store.build(build.id)) is not None and not current.final:
                await anyio.sleep(0.1)
        return _see(f"/obszary/{workspace.id}/ulotki/{build.id}")

    @app.post("/obszary/{workspace_id}/ulotki/{build_id}/ponow")
    async def retry(request: Request, workspace_id: str, build_id: int) -> Response:
        workspace, build = _workspace_build(shared, workspace_id, build_id)
        await _form(request)
        again = await anyio.to_thread.run_sync(
            builds.request, workspace.id, build.version, build.options
        )
        return _see(f"/obszary/{workspace.id}/ulotki/{again.id}")


def _file_routes(app: FastAPI, shared: App) -> None:
    store, spaces = shared.store, shared.workspaces

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}/pliki/{path:path}")
    async def download(workspace_id: str, build_id: int, path: str) -> Response:
        _, build = _workspace_build(shared, workspace_id, build_id)
        file = _file(shared, build, path, finished_only=True)
        return FileResponse(file, filename=Path(path).name, content_disposition_type="attachment")

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}/zip")
    async def archive(workspace_id: str, build_id: int) -> Response:
        workspace, build = _workspace_build(shared, workspace_id, build_id)
        file = spaces.snapshot(build) / "ulotki.zip"
        if build.status != records.DONE or not file.is_file():
            raise PageError(404, *NOT_FOUND)
        version = store.version(build.version)
        number = version.number if version else 0
        name = f"ulotki-{_slug(workspace.name)}-wersja-{number}.zip"
        return FileResponse(file, media_type="application/zip", filename=name)

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}/obraz/{path:path}")
    def page_image(
        workspace_id: str, build_id: int, path: str, strona: int = 1, szerokosc: int = 240
    ) -> Response:
        workspace, build = _workspace_build(shared, workspace_id, build_id)
        pdf = _file(shared, build, path, finished_only=False)
        if szerokosc not in pictures.WIDTHS or not path.endswith(".pdf"):
            raise PageError(404, *NOT_FOUND)
        try:
            png = pictures.page_image(pdf, strona, szerokosc, spaces.pictures(workspace.id))
        except IndexError:
            raise PageError(404, *NOT_FOUND) from None
        return FileResponse(
            png, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"}
        )

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}/strony/{path:path}")
    def page_view(request: Request, workspace_id: str, build_id: int, path: str) -> Response:
        workspace, build = _workspace_build(shared, workspace_id, build_id)
        pdf = _file(shared, build, path, finished_only=True)
        if not path.endswith(".pdf"):
            raise PageError(404, *NOT_FOUND)
        count = pictures.page_count(pdf)
        return _page(
            shared,
            request,
            "strony.html",
            workspace=workspace,
            build=build,
            file=views.describe_file(path),
            pages=range(1, count + 1),
        )


def _search_and_settings_routes(app: FastAPI, shared: App) -> None:
    spaces = shared.workspaces

    @app.get("/obszary/{workspace_id}/szukaj", response_class=HTMLResponse)
    async def search(
        request: Request, workspace_id: str, adres: str = "", nazwisko: str = ""
    ) -> Response:
        workspace = _workspace(shared, workspace_id)
        version = _latest(shared, workspace)
        reading = await anyio.to_thread.run_sync(spaces.read, version) if version else None
        address, name = adres.strip()[:200], nazwisko.strip()[:100]
        answer = _answer(reading, address, name)
        context = {
            "workspace": workspace,
            "reading": reading,
            "adres": address,
            "nazwisko": name,
            **answer,
        }
        if request.headers.get("hx-request"):
            return _page(shared, request, "_odpowiedz.html", **context)
        return _page(shared, request, "szukaj.html", **context)

    @app.get("/obszary/{workspace_id}/ustawienia", response_class=HTMLResponse)
    async def settings_page(request: Request, workspace_id: str) -> Response:
        workspace = _workspace(shared, workspace_id)
        folder = spaces.folder(workspace.id)
        form = unitsettings.read_form(folder)
        return _settings_page(shared, request, workspace, form, error="", warnings=None)

    @app.post("/obszary/{workspace_id}/ustawienia")
    async def save_settings(request: Request, workspace_id: str) -> Response:
        workspace = _workspace(shared, workspace_id)
        folder = spaces.folder(workspace.id)
        form = await _form(request, MAX_LOGO_BYTES, files=1)
        try:
            values = {name: str(form.get(name, ""))[:500] for name in unitsettings.FIELDS}
            specimen = form.get("wydruk_wzor") == "tak"
            kept = unitsettings.read_form(folder).logo
            logo = "" if form.get("usun_logo") == "tak" else kept
            added = ""
            try:
                upload = form.get("logo")
                if isinstance(upload, UploadFile) and upload.filename:
                    logo = added = await _save_logo(folder, upload)
                _, warnings = unitsettings.save(folder, values, specimen, logo)
            except ConfigError as exc:
                if added:
                    (folder / added).unlink(missing_ok=True)
                sent = unitsettings.UnitForm(values, specimen, kept)
                return _settings_page(
                    shared, request, workspace, sent, error=str(exc), warnings=None, status=400
                )
        finally:
            await form.close()
        for stale in folder.glob("logo*.*"):
            if stale.name != logo:
                stale.unlink(missing_ok=True)
        form_now = unitsettings.read_form(folder)
        return _settings_page(shared, request, workspace, form_now, error="", warnings=warnings)

    @app.get("/obszary/{workspace_id}/logo")
    async def logo_preview(workspace_id: str) -> Response:
        workspace = _workspace(shared, workspace_id)
        folder = spaces.folder(workspace.id)
        name = unitsettings.read_form(folder).logo
        path = folder / name
        if not name.startswith("logo-") or "/" in name or not path.is_file():
            raise PageError(404, *NOT_FOUND)
        return FileResponse(
            path, headers={"Content-Security-Policy": "sandbox; default-src 'none'"}
        )


async def _save_logo(folder: Path, upload: UploadFile) -> str:
    data = await upload.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise ConfigError(f"logo jest większe niż {MAX_LOGO_BYTES // (1024 * 1024)} MB.")
    if not data:
        raise ConfigError("plik logo jest pusty.")
    suffix = unitsettings.logo_suffix(upload.filename or "", data)
    name = f"logo-{secrets.token_hex(4)}{suffix}"
    temporary = folder / f".{name}.tmp"
    temporary.write_bytes(data)
    temporary.replace(folder / name)
    return name


def _settings_page(
    shared: App,
    request: Request,
    workspace: Workspace,
    form: unitsettings.UnitForm,
    *,
    error: str,
    warnings: list[str] | None,
    status: int = 200,
) -> Response:
    values = form.values
    colours = {
        name: values.get(name) or unitsettings.DEFAULTS[name]
        for name in ("wydruk_kolor", "wydruk_kolor_akcentu")
    }
    return _page(
        shared,
        request,
        "ustawienia.html",
        status,
        workspace=workspace,
        form=form,
        defaults=unitsettings.DEFAULTS,
        colours=colours,
        contrast={name: unitsettings.contrast(value) for name, value in colours.items()},
        error=error,
        warnings=warnings,
    )


def _answer(reading: Reading | None, address: str, name: str) -> dict[str, Any]:
    """The search's answer: matches, suggestions, or why there is none."""
    empty: dict[str, Any] = {"found": None, "hint": "", "asked": ""}
    if reading is None or reading.message or not (address or name):
        return empty
    query = address or name
    if (address and len(address) < 3) or (name and len(name) < 2):
        return {**empty, "hint": "Wpisz więcej liter.", "asked": query}
    try:
        found = pipeline.find_in(reading.areas, address=address, name="" if address else name)
    except LeafletsError:
        return {
            **empty,
            "asked": query,
            "hint": "Podaj ulicę z numerem domu i miejscowość, np. „ul. Chojnowska 12, Legnica”.",
        }
    return {"found": found, "hint": "", "asked": query}


def _file(shared: App, build: Build, path: str, *, finished_only: bool) -> Path:
    """A file of the build, only when the build listed it: its snapshot's once done, while it
    runs an area file it reported complete (still in the shared output folder)."""
    if build.status == records.DONE and views.is_allowed(path, build.files):
        folder = shared.workspaces.snapshot(build)
    elif (
        not finished_only
        and build.status == records.RUNNING
        and views.is_allowed(path, (f.path for f in shared.store.build_files(build.id)))
    ):
        folder = shared.workspaces.output(build.workspace)
    else:
        raise PageError(404, *NOT_FOUND)
    file = (folder / path).resolve()
    if not file.is_relative_to(folder.resolve()) or not file.is_file():
        raise PageError(404, *NOT_FOUND)
    return file


def _build_context(shared: App, workspace: Workspace, build: Build) -> dict[str, Any]:
    version = shared.store.version(build.version)
    context: dict[str, Any] = {
        "workspace": workspace,
        "build": build,
        "version": version,
        "waiting": shared.builds.waiting_reason(build) if build.status == records.QUEUED else "",
        "results": None,
        "groups": [],
        "message": shared.workspaces.clean(build.message, workspace.id),
        "shown": shared.store.build_files(build.id) if build.status == records.RUNNING else [],
    }
    if build.status == records.DONE:
        results = views.results(shared.workspaces.snapshot(build), build.files)
        context["results"] = results
        context["groups"] = views.manifest_problem_groups(results.manifest, "wszystkie")
    return context


def _headers(reading: Reading | None, builds: list[Build]) -> list[SheetHeaders] | None:
    """How the headers were read: from the reading, else from the last finished build of the
    same version (its summary keeps the table)."""
    if reading is None:
        return None
    if reading.headers:
        return reading.headers
    for build in builds:
        if build.version == reading.version.id and build.summary.get("headers"):
            return from_json(build.summary["headers"])
    return None


def _last_options(builds: list[Build], name: str) -> list[str] | None:
    return list(builds[0].options.get(name, [])) if builds else None


def _builds_by_version(builds: list[Build]) -> dict[int, list[Build]]:
    grouped: dict[int, list[Build]] = {}
    for build in builds:
        grouped.setdefault(build.version, []).append(build)
    return grouped


def _wait_stopped(shared: App, workspace_id: str) -> None:
    import time

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if all(b.final for b in shared.store.builds(workspace_id)):
            return
        time.sleep(0.1)


def _slug(text: str) -> str:
    from leaflets.text import slugify

    return slugify(text) or "obszar"
