"""Running the app: uvicorn on a socket bound before start-up, and a shutdown that leaves no
build process behind.

uvicorn installs its signal handlers inside `serve()`, so the hook is `handle_exit`: the
build groups get SIGTERM the moment a signal arrives (sse-starlette's own patch of
`handle_exit` runs through `super()` and ends the open progress streams); the app's lifespan
then waits for them and SIGKILLs what is left. A build child whose server died outright
sees end-of-file on its standard input and ends its own group.
"""

from __future__ import annotations

import socket
from types import FrameType

import uvicorn

from leaflets.web.builds import Builds
from leaflets.web.settings import ServeSettings, check_exposure

GRACEFUL_SECONDS = 3
"""How long uvicorn waits for open connections at shutdown (its default is forever)."""


BACKLOG = 2048
"""Connections queued before they are accepted (uvicorn's own default)."""


class Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, builds: Builds) -> None:
        super().__init__(config)
        self.builds = builds

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.builds.terminate_all()
        super().handle_exit(sig, frame)


class Prepared:
    """A server bound to its address, not yet serving: the caller can say where it is."""

    def __init__(self, settings: ServeSettings) -> None:
        check_exposure(settings)
        from leaflets.web.app import create_app

        family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((settings.host, settings.port))
        except OSError as exc:
            self.socket.close()
            from leaflets.errors import UsageError

            raise UsageError(
                f"Nie można nasłuchiwać pod {settings.host}:{settings.port}: port jest zajęty"
                " albo adres nie należy do tego komputera. Podaj inny --port."
            ) from exc
        # Listening from now on: the address is announced before uvicorn starts serving, and
        # a browser (or a test) opening it at once is queued, not refused.
        self.socket.listen(BACKLOG)
        port = self.socket.getsockname()[1]
        self.settings = ServeSettings(**{**settings.__dict__, "port": port})
        self.app = create_app(self.settings)

    @property
    def url(self) -> str:
        return self.settings.url

    def run(self) -> int:
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=GRACEFUL_SECONDS,
            lifespan="on",
        )
        server = Server(config, self.app.state.shared.builds)
        try:
            server.run(sockets=[self.socket])
        except KeyboardInterrupt:  # uvicorn raises SIGINT again after a clean shutdown
            return 130
        return 0
