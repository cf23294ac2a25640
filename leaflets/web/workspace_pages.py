"""The pages of a workspace: its versions, its builds and their progress."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio
from fastapi import FastAPI
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from leaflets.web import store as records
from leaflets.web import views
from leaflets.web.common import (
    POLL_SECONDS,
    App,
    html,
    latest_version,
    page,
    read_form,
    see_other,
    workspace_and_build,
    workspace_of,
)
from leaflets.web.errors import PageError
from leaflets.web.headers import SheetHeaders, from_json
from leaflets.web.store import Build, Workspace
from leaflets.web.workspaces import Reading

log = logging.getLogger(__name__)


def workspace_routes(app: FastAPI, shared: App) -> None:
    store, spaces, builds = shared.store, shared.workspaces, shared.builds

    @app.get("/obszary/{workspace_id}", response_class=HTMLResponse)
    async def workspace_page(request: Request, workspace_id: str, rodzaj: str = "") -> Response:
        workspace = workspace_of(shared, workspace_id)
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
            return page(shared, request, "_problemy.html", **context)
        return page(shared, request, "obszar.html", **context)

    @app.post("/obszary/{workspace_id}/wersje")
    async def new_version(request: Request, workspace_id: str) -> Response:
        workspace = workspace_of(shared, workspace_id)
        limit = shared.settings.max_upload
        form = await read_form(request, limit, files=1)
        try:
            await spaces.save_upload(form.get("wykaz"), workspace, limit, workspace.name)
        finally:
            await form.close()
        return see_other(f"/obszary/{workspace.id}")

    @app.post("/obszary/{workspace_id}/nazwa")
    async def rename(request: Request, workspace_id: str) -> Response:
        workspace = workspace_of(shared, workspace_id)
        form = await read_form(request)
        name = " ".join(str(form.get("nazwa", "")).split())[:120]
        if not name:
            raise PageError(400, "Brak nazwy", "Wpisz nazwę obszaru roboczego.")
        store.rename_workspace(workspace.id, name)
        return see_other(f"/obszary/{workspace.id}")

    @app.get("/obszary/{workspace_id}/usun", response_class=HTMLResponse)
    async def delete_page(request: Request, workspace_id: str) -> Response:
        workspace = workspace_of(shared, workspace_id)
        return page(shared, request, "usun.html", workspace=workspace)

    @app.post("/obszary/{workspace_id}/usun")
    async def delete(request: Request, workspace_id: str) -> Response:
        workspace = workspace_of(shared, workspace_id)
        await read_form(request)
        for build in store.builds(workspace.id):
            if not build.final:
                builds.cancel(build.id)
        await anyio.to_thread.run_sync(_wait_stopped, shared, workspace.id)
        await anyio.to_thread.run_sync(spaces.delete, workspace.id)
        return see_other("/")


def build_routes(app: FastAPI, shared: App) -> None:
    store, builds = shared.store, shared.builds

    @app.post("/obszary/{workspace_id}/ulotki")
    async def start_build(request: Request, workspace_id: str) -> Response:
        workspace = workspace_of(shared, workspace_id)
        form = await read_form(request)
        version = latest_version(shared, workspace)
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
        return see_other(f"/obszary/{workspace.id}/ulotki/{build.id}")

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}", response_class=HTMLResponse)
    async def build_page(
        request: Request, workspace_id: str, build_id: int, tryb: str = ""
    ) -> Response:
        workspace, build = workspace_and_build(shared, workspace_id, build_id)
        mode = "odpytywanie" if tryb == "odpytywanie" else "zdarzenia"
        return page(
            shared, request, "ulotki.html", **_build_context(shared, workspace, build), mode=mode
        )

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}/stan", response_class=HTMLResponse)
    async def build_state(request: Request, workspace_id: str, build_id: int) -> Response:
        workspace, build = workspace_and_build(shared, workspace_id, build_id)
        context = _build_context(shared, workspace, build)
        # 286: htmx stops polling.
        return page(
            shared,
            request,
            "_stan.html",
            286 if build.final else 200,
            **context,
            mode="odpytywanie",
            oob=True,
        )


def event_routes(app: FastAPI, shared: App) -> None:
    store, builds = shared.store, shared.builds

    @app.get("/obszary/{workspace_id}/ulotki/{build_id}/zdarzenia")
    async def build_events(request: Request, workspace_id: str, build_id: int) -> Response:
        workspace, build = workspace_and_build(shared, workspace_id, build_id)
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
                        html(shared, request, "_postep.html", **context), event="postep"
                    )
                new = store.build_files(build.id, shown)
                if new and not current.final:
                    shown = new[-1].seq
                    yield ServerSentEvent(
                        html(
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
                        html(shared, request, "_koniec.html", **context, oob=True),
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
        workspace, build = workspace_and_build(shared, workspace_id, build_id)
        await read_form(request)
        builds.cancel(build.id)
        with anyio.move_on_after(5):
            while (current := store.build(build.id)) is not None and not current.final:
                await anyio.sleep(0.1)
        return see_other(f"/obszary/{workspace.id}/ulotki/{build.id}")

    @app.post("/obszary/{workspace_id}/ulotki/{build_id}/ponow")
    async def retry(request: Request, workspace_id: str, build_id: int) -> Response:
        workspace, build = workspace_and_build(shared, workspace_id, build_id)
        await read_form(request)
        again = await anyio.to_thread.run_sync(
            builds.request, workspace.id, build.version, build.options
        )
        return see_other(f"/obszary/{workspace.id}/ulotki/{again.id}")


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
