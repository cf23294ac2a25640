"""Real builds signalled (issue 20, item 5; docs/hostile.md): SIGTERM, SIGINT and SIGHUP stop
the workers and end with the Polish "Przerwano" line; a parent killed with SIGKILL leaves no
worker behind (they watch it); a killed worker ends the build with a Polish message naming
the areas, and every PDF written before is whole.

Each build runs in a session of its own, so every process it starts can be found (and, if a
test fails, killed) by the session id. Nothing waits a fixed time: the tests poll, with
generous limits, for a PDF to appear and for processes to end (a loaded 2-core machine)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pytest

from tests.helpers import SAMPLE

LEAFLETS = Path(sys.executable).with_name("leaflets")
OPTIONS = ("--jezyk", "pl,uk,en", "--jobs", "2", "--force")


def session(sid: int) -> list[int]:
    """Processes of the session `sid` still alive (zombies are dead)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.append(int(entry.name))
    return found


def wait_for(condition: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s: {what}")
        time.sleep(0.2)


@contextlib.contextmanager
def build(out: Path) -> Iterator[subprocess.Popen[str]]:
    """A real build with two workers in its own session; whatever is left is killed."""
    process = subprocess.Popen(
        [str(LEAFLETS), "build", str(SAMPLE), "--out", str(out), *OPTIONS],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        # Some area files written: the workers are busy with the rest.
        wait_for(lambda: list(out.rglob("rejon-*/*.pdf")), 300, "the first area file")
        yield process
    finally:
        for pid in session(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.communicate(timeout=30)


def whole_pdfs(out: Path) -> int:
    """Every PDF in the folder opens (atomic writes: none is half-written)."""
    paths = list(out.rglob("*.pdf"))
    for path in paths:
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) >= 1, path
    return len(paths)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_stops_the_build_and_its_workers(tmp_path: Path, number: int) -> None:
    """F15: SIGTERM or SIGHUP killed the parent with no message and left its 2 workers and
    the resource tracker running (writing 60 more PDFs)."""
    out = tmp_path / "out"
    with build(out) as process:
        assert len(session(process.pid)) >= 3  # the parent, its workers, the tracker
        os.kill(process.pid, number)
        output, _ = process.communicate(timeout=120)
        expected = 130 if number == signal.SIGINT else 128 + number
        assert process.returncode == expected, output
        assert "Przerwano. Wcześniej zapisane pliki pozostały bez zmian." in output
        assert "Traceback" not in output
        wait_for(lambda: not session(process.pid), 30, "every process of the build ended")
    assert whole_pdfs(out)


def test_workers_of_a_killed_parent_exit_on_their_own(tmp_path: Path) -> None:
    """F15: after `kill -9` of the parent its workers went on for 40 s and more."""
    out = tmp_path / "out"
    with build(out) as process:
        workers = children(process.pid)
        assert workers
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        wait_for(lambda: not session(process.pid), 30, "the orphaned workers ended")
    assert whole_pdfs(out)


def test_a_killed_worker_ends_the_build_with_a_polish_message(tmp_path: Path) -> None:
    """F5c: a worker killed mid-build (by hand, or by the kernel out of memory) was a
    `BrokenProcessPool` traceback."""
    out = tmp_path / "out"
    with build(out) as process:
        tracker = "resource_tracker"
        workers = [
            pid
            for pid in children(process.pid)
            if tracker not in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
        ]
        assert workers
        os.kill(workers[0], signal.SIGKILL)
        output, _ = process.communicate(timeout=180)
        assert process.returncode == 2, output
        assert "proces składający ulotki zakończył się nagle" in output
        assert "rejonów: " in output
        assert "Traceback" not in output
        wait_for(lambda: not session(process.pid), 30, "every process of the build ended")
    assert whole_pdfs(out)
