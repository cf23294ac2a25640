"""The address `leaflets serve` prints answers at once: a browser opened on it (or a test) is
queued until the app serves, never refused."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path


def test_the_printed_address_takes_connections_at_once(tmp_path: Path) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "leaflets", "serve", "--port", "0", "--dane", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:
            found = re.search(r"Otwórz w przeglądarce: http://([\d.]+):(\d+)", line)
            if found:
                break
        else:
            raise AssertionError("the server printed no address")
        # At once, before uvicorn has started: the socket already listens.
        socket.create_connection((found.group(1), int(found.group(2))), timeout=5).close()
    finally:
        server.terminate()
        server.wait(20)
