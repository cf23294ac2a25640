"""Fixtures of the web tests: the app over a temporary data folder (with the fake build child
unless a test asks for the real one), a client that knows its CSRF token, process helpers."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sse_starlette.sse import AppStatus
from starlette.testclient import TestClient

from leaflets.web.app import create_app
from leaflets.web.settings import ServeSettings

HERE = Path(__file__).resolve().parent
FAKE = HERE / "fakebuild.py"
ROOT = HERE.parent.parent
SAMPLE = ROOT / "rosters" / "legnica-wzor.xlsx"
DATA = ROOT / "tests" / "data"
BASE = "http://127.0.0.1"


def fake(*args: str) -> tuple[str, ...]:
    return (sys.executable, str(FAKE), *args)


class Web:
    """A TestClient with the page's CSRF token at hand."""

    def __init__(self, client: TestClient, data: Path) -> None:
        self.client = client
        self.data = data
        self.token = ""

    def get(self, url: str, **kwargs: Any) -> Any:
        response = self.client.get(url, **kwargs)
        found = re.search(r'name="csrf" value="([^"]+)"', response.text)
        if found:
            self.token = found.group(1)
        return response

    def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        if not self.token:
            self.get("/")
        fields = {"csrf": self.token, **(data or {})}
        kwargs.setdefault("follow_redirects", False)
        return self.client.post(url, data=fields, **kwargs)

    def upload(self, content: bytes, name: str = "wykaz.xlsx", url: str = "/wyslij") -> Any:
        return self.post(url, files={"wykaz": (name, content, "application/octet-stream")})

    def new_workspace(self, path: Path = SAMPLE, name: str | None = None) -> str:
        response = self.upload(path.read_bytes(), name or path.name)
        assert response.status_code == 303, response.text
        return str(response.headers["location"])

    def build(self, workspace: str, **fields: Any) -> str:
        data = {"format": ["plakat-a4", "ulotka-a5", "skorowidz"], "jezyk": ["pl"], **fields}
        response = self.post(f"{workspace}/ulotki", data)
        assert response.status_code == 303, response.text
        return str(response.headers["location"])

    def wait(self, build: str, timeout: float = 60) -> str:
        """The build's final state (`gotowe`, `anulowane`, …) once it has one."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(r'id="wynik" data-stan="([a-z]+)"', self.get(build).text)
            if found:
                return found.group(1)
            time.sleep(0.1)
        raise AssertionError(f"{build} did not finish in {timeout} s")


@pytest.fixture(autouse=True)
def _fresh_sse_state() -> Iterator[None]:
    """sse-starlette's shutdown flag is process-wide and sticky (set by one app's shutdown)."""
    AppStatus.should_exit = False
    yield
    AppStatus.should_exit = False


MakeWeb = Callable[..., Web]


@pytest.fixture
def make_web(tmp_path: Path) -> Iterator[MakeWeb]:
    opened: list[TestClient] = []

    def make(
        *, command: tuple[str, ...] | None = fake(), data: Path | None = None, **settings: Any
    ) -> Web:
        folder = data or tmp_path / "dane"
        app = create_app(ServeSettings(data=folder, **settings), build_command=command)
        client = TestClient(app, base_url=BASE)
        client.__enter__()
        opened.append(client)
        return Web(client, folder)

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def web(make_web: MakeWeb) -> Web:
    return make_web()


def group_alive(pgid: int) -> bool:
    """A process of group `pgid` that is not a zombie (os.killpg(pgid, 0) counts zombies,
    and orphans are reaped by init only after a second or two)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


def gone(pgid: int, timeout: float = 8) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not group_alive(pgid):
            return True
        time.sleep(0.05)
    return False


class Served:
    """`leaflets serve` run as a user runs it, in a process of its own, on a free port."""

    def __init__(self, data: Path, *args: str, env: dict[str, str] | None = None) -> None:
        import os
        import subprocess

        self.log = data.parent / f"{data.name}-serwer.log"
        data.mkdir(parents=True, exist_ok=True)
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "leaflets",
                    "serve",
                    "--port",
                    "0",
                    "--dane",
                    str(data),
                    *args,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, **(env or {})},
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            found = re.search(r"Otwórz w przeglądarce: (http://\S+)", self.log.read_text())
            if found:
                self.url = found.group(1)
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"the server did not start: {self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(20)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test, so a browser fixture can tell it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report
