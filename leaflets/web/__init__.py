"""The web app for officers (`leaflets serve`): upload a roster, see its problems, build,
preview and download the leaflets in a browser. `prepare(settings)` binds the address and
builds the app; `.run()` serves until stopped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaflets.web.settings import ServeSettings, read_password

if TYPE_CHECKING:  # FastAPI and uvicorn are imported when a server is prepared
    from leaflets.web.server import Prepared


def prepare(settings: ServeSettings) -> Prepared:
    from leaflets.web.server import Prepared

    return Prepared(settings)


__all__ = ["ServeSettings", "prepare", "read_password"]
