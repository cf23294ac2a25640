"""A build's files (downloads, thumbnails, page views), the search and the unit's settings."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Any

import anyio
from fastapi import FastAPI
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from leaflets import pipeline
from leaflets.errors import ConfigError, LeafletsError
from leaflets.web import pictures, unitsettings, views
from leaflets.web import store as records
from leaflets.web.common import (
    NOT_FOUND,
    App,
    latest_version,
    page,
    read_form,
    slug,
    workspace_and_build,
    workspace_of,
)
from leaflets.web.errors import PageError
from leaflets.web.settings import MAX_LOGO_BYTES
from leaflets.web.store import Build, Workspace
from leaflets.web.workspaces import Reading

log = logging.getLogger(__name__)


def file_routes(app: FastAPI, shared: App) -> None:
    store, spaces = shared.store, shared.workspaces

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}/pliki/{path:path}")
    async def download(workspace_id: str, build_id: int, path: str) -> Response:
        _, build = workspace_and_build(shared, workspace_id, build_id)
        file = _file(shared, build, path, finished_only=True)
        return FileResponse(file, filename=Path(path).name, content_disposition_type="attachment")

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}/zip")
    async def archive(workspace_id: str, build_id: int) -> Response:
        workspace, build = workspace_and_build(shared, workspace_id, build_id)
        file = spaces.snapshot(build) / "ulotki.zip"
        if build.status != records.DONE or not file.is_file():
            raise PageError(404, *NOT_FOUND)
        version = store.version(build.version)
        number = version.number if version else 0
        name = f"ulotki-{slug(workspace.name)}-wersja-{number}.zip"
        return FileResponse(file, media_type="application/zip", filename=name)

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}/obraz/{path:path}")
    def page_image(
        workspace_id: str, build_id: int, path: str, strona: int = 1, szerokosc: int = 240
    ) -> Response:
        workspace, build = workspace_and_build(shared, workspace_id, build_id)
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
        workspace, build = workspace_and_build(shared, workspace_id, build_id)
        pdf = _file(shared, build, path, finished_only=True)
        if not path.endswith(".pdf"):
            raise PageError(404, *NOT_FOUND)
        count = pictures.page_count(pdf)
        return page(
            shared,
            request,
            "strony.html",
            workspace=workspace,
            build=build,
            file=views.describe_file(path),
            pages=range(1, count + 1),
        )


def search_and_settings_routes(app: FastAPI, shared: App) -> None:
    spaces = shared.workspaces

    @app.get("/obszary/{workspace_id}/szukaj", response_class=HTMLResponse)
    async def search(
        request: Request, workspace_id: str, adres: str = "", nazwisko: str = ""
    ) -> Response:
        workspace = workspace_of(shared, workspace_id)
        version = latest_version(shared, workspace)
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
            return page(shared, request, "_odpowiedz.html", **context)
        return page(shared, request, "szukaj.html", **context)

    @app.get("/obszary/{workspace_id}/ustawienia", response_class=HTMLResponse)
    async def settings_page(request: Request, workspace_id: str) -> Response:
        workspace = workspace_of(shared, workspace_id)
        folder = spaces.folder(workspace.id)
        form = unitsettings.read_form(folder)
        return _settings_page(shared, request, workspace, form, error="", warnings=None)

    @app.post("/obszary/{workspace_id}/ustawienia")
    async def save_settings(request: Request, workspace_id: str) -> Response:
        workspace = workspace_of(shared, workspace_id)
        folder = spaces.folder(workspace.id)
        form = await read_form(request, MAX_LOGO_BYTES, files=1)
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
        workspace = workspace_of(shared, workspace_id)
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
    return page(
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
