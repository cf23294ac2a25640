"""Meetings with residents in the web app: the form that adds one to the workspace's
meetings file (read with the roster's own `Spotkania` sheet at every reading and build)."""

from __future__ import annotations

import anyio
from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response

from leaflets.dates import Unreadable, parse_date, parse_hours
from leaflets.meetings import area_number_key
from leaflets.web.common import App, latest_version, read_form, see_other, workspace_of
from leaflets.web.errors import PageError

FIELDS = ("jednostka", "rejon", "data", "godzina", "miejsce", "temat", "opis", "wspolnie")
"""The form's fields, in the meetings file's column order."""
REQUIRED = {
    "rejon": "numer rejonu",
    "data": "datę",
    "godzina": "godzinę",
    "miejsce": "miejsce",
    "temat": "temat",
}
LIMIT = 400
"""Most characters a field keeps (a long description belongs in the sheet)."""
TITLE = "Nie dodano spotkania"


def meeting_routes(app: FastAPI, shared: App) -> None:
    spaces = shared.workspaces

    @app.post("/obszary/{workspace_id}/spotkania")
    async def add_meeting(request: Request, workspace_id: str) -> Response:
        workspace = workspace_of(shared, workspace_id)
        form = await read_form(request)
        values = {name: " ".join(str(form.get(name, "")).split())[:LIMIT] for name in FIELDS}
        missing = [label for name, label in REQUIRED.items() if not values[name]]
        if missing:
            raise PageError(400, TITLE, f"Wpisz {', '.join(missing)} spotkania.")
        for parsed in (parse_date(values["data"]), parse_hours(values["godzina"])):
            if isinstance(parsed, Unreadable):
                raise PageError(400, TITLE, parsed.reason[:1].upper() + parsed.reason[1:] + ".")
        version = latest_version(shared, workspace)
        if version is not None:
            reading = await anyio.to_thread.run_sync(spaces.read, version)
            known = {area_number_key(area.number) for area in reading.areas}
            if known and area_number_key(values["rejon"]) not in known:
                raise PageError(
                    400, TITLE, f"W wykazie nie ma rejonu „{values['rejon']}”. Sprawdź numer."
                )
        row = [values[name] for name in FIELDS]
        await anyio.to_thread.run_sync(spaces.add_meeting, workspace.id, row)
        return see_other(f"/obszary/{workspace.id}#spotkania")
