"""Stopping the server mid-build leaves no build process behind: by a signal (SIGTERM, the
interrupt key) and even when the server is killed outright (the child sees its standard input
close and ends its group)."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.web.conftest import SAMPLE, Served, gone, group_alive

pytestmark = pytest.mark.pdf


def _start_build(server: Served) -> int:
    """Upload the sample, start its build and return the build's process group once its
    render workers are at work."""
    client = httpx.Client(base_url=server.url, timeout=30, follow_redirects=True)
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text)
    assert token is not None
    sent = client.post(
        "/wyslij",
        data={"csrf": token.group(1)},
        files={"wykaz": ("legnica-wzor.xlsx", SAMPLE.read_bytes(), "application/octet-stream")},
    )
    workspace = str(sent.url.path)
    started = client.post(
        f"{workspace}/ulotki",
        data={"csrf": token.group(1), "format": ["plakat-a4", "ulotka-a5"], "jezyk": ["pl"]},
    )
    build = str(started.url.path)
    database = Path(server.log.parent) / server.log.name.removesuffix("-serwer.log")
    import sqlite3

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with sqlite3.connect(database / "leaflets.sqlite3") as db:
            row = db.execute(
                "SELECT pgid, total FROM builds WHERE id = ?", (int(build.rsplit("/", 1)[1]),)
            ).fetchone()
        if row and row[0] and row[1]:
            return int(row[0])
        time.sleep(0.1)
    raise AssertionError("the build did not start")


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_stopping_the_server_mid_build_leaves_no_process(tmp_path: Path, how: int) -> None:
    server = Served(tmp_path / "dane")
    try:
        pgid = _start_build(server)
        assert group_alive(pgid)
        stopped = time.monotonic()
        server.process.send_signal(how)
        server.process.wait(15)
        if how != signal.SIGKILL:
            assert time.monotonic() - stopped < 8
        assert gone(pgid, timeout=10), f"build group {pgid} outlived the server"
    finally:
        server.stop()
        import contextlib
        import os

        with contextlib.suppress(ProcessLookupError, UnboundLocalError):
            os.killpg(pgid, signal.SIGKILL)
