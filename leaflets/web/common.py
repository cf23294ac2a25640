"""What the web app's pages share: the app's parts, rendering a page, looking up a workspace
and its builds, reading a form."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

import jinja2
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from leaflets.web import security
from leaflets.web.builds import Builds
from leaflets.web.errors import PageError
from leaflets.web.security import check_form, csrf_token
from leaflets.web.settings import ServeSettings
from leaflets.web.store import Build, Store, Version, Workspace
from leaflets.web.workspaces import Workspaces, too_large_message, valid_id

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


def page(
    shared: App, request: Request | None, name: str, status: int = 200, **context: Any
) -> HTMLResponse:
    return HTMLResponse(html(shared, request, name, **context), status_code=status)


def html(shared: App, request: Request | None, name: str, **context: Any) -> str:
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


def polish_date(timestamp: float | None) -> str:
    if not timestamp:
        return ""
    moment = dt.datetime.fromtimestamp(timestamp)
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"


def polish_number(value: float) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def workspace_of(shared: App, workspace_id: str) -> Workspace:
    workspace = shared.store.workspace(workspace_id) if valid_id(workspace_id) else None
    if workspace is None:
        raise PageError(404, "Nie ma takiego obszaru roboczego", "Mógł zostać usunięty.")
    return workspace


def build_of(shared: App, workspace: Workspace, build_id: int) -> Build:
    build = shared.store.build(build_id)
    if build is None or build.workspace != workspace.id:
        raise PageError(404, "Nie ma takiego tworzenia ulotek", "Mogło zostać usunięte.")
    return build


def workspace_and_build(shared: App, workspace_id: str, build_id: int) -> tuple[Workspace, Build]:
    workspace = workspace_of(shared, workspace_id)
    return workspace, build_of(shared, workspace, build_id)


def latest_version(shared: App, workspace: Workspace) -> Version | None:
    versions = shared.store.versions(workspace.id)
    return versions[0] if versions else None


async def read_form(request: Request, limit: int = 1024 * 1024, files: int = 0) -> FormData:
    """The form of a POST, with its size checked before it is read."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise PageError(*(411, *STATUS_PAGES[411]))
    if int(length) > limit + FORM_SLACK:
        raise PageError(413, "Plik jest za duży", too_large_message(limit))
    form = await request.form(max_files=files, max_fields=50, max_part_size=1024 * 1024)
    check_form(request, form)
    return form


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# Routes


def slug(text: str) -> str:
    from leaflets.text import slugify

    return slugify(text) or "obszar"
