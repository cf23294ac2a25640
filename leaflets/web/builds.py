"""Builds outside the web process: a queue, one child process per build, cancelling, shutdown.

Each build is a `leaflets.web.buildproc` child in a process group of its own (its render
workers join that group), so „Anuluj” and a server shutdown end the whole group with one
signal. A spare child is kept started: it imports the pipeline and WeasyPrint while nobody
waits, and a build takes it over by writing its job to the child's standard input. At most
`jobs` builds run at once, and never two of one workspace (they share its output folder): a
build that cannot start yet waits as `czeka`, and the page says why.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from leaflets.web import store as records
from leaflets.web.store import Build, BuildFile, Store

log = logging.getLogger(__name__)

KILL_AFTER = 3.0
"""Seconds between SIGTERM and SIGKILL for a build group that does not end."""
COMMAND = (sys.executable, "-m", "leaflets.web.buildproc")


@dataclass
class _Child:
    process: subprocess.Popen[str]
    build_id: int | None = None


@dataclass(frozen=True)
class BuildPaths:
    """Where one build reads and writes (web.workspaces decides)."""

    cwd: Path
    roster: str
    config: Path | None
    out: Path
    snapshot: Path
    log: Path


class Builds:
    def __init__(
        self,
        store: Store,
        paths: Callable[[Build], BuildPaths],
        *,
        jobs: int = 1,
        command: Sequence[str] = COMMAND,
        environment: dict[str, str] | None = None,
        on_finished: Callable[[Build], None] | None = None,
    ) -> None:
        self.store = store
        self.paths = paths
        self.jobs = max(1, jobs)
        self.command = tuple(command)
        self.environment = environment
        self.on_finished = on_finished
        self.lock = threading.RLock()
        self.running: dict[int, _Child] = {}
        self.cancelled: set[int] = set()
        self.spare: _Child | None = None
        self.stopping = False
        self.workers = max(1, (os.cpu_count() or 1) // self.jobs)
        """Render processes per build: the cores shared among the builds that may run."""

    # Start-up and shutdown

    def recover(self) -> None:
        """After a restart: a build the last server left running or waiting was cut off."""
        for build in self.store.builds_in(sorted(records.ACTIVE)):
            self.store.finish_build(
                build.id, records.INTERRUPTED, message="Przerwane: serwer został zatrzymany."
            )

    def start_spare(self) -> None:
        with self.lock:
            if self.spare is None and not self.stopping:
                self.spare = _Child(self._spawn())

    def _spawn(self) -> subprocess.Popen[str]:
        env = dict(self.environment if self.environment is not None else os.environ)
        env["PYTHONUNBUFFERED"] = "1"
        return subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,  # kept open: end-of-file tells the child the server is gone
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
            start_new_session=True,  # a process group of its own: pgid == pid
            close_fds=True,
            env=env,
        )

    def terminate_all(self) -> None:
        """From the signal handler: SIGTERM to every build group and the spare; never blocks."""
        self.stopping = True
        for child in [*self.running.values(), *([self.spare] if self.spare else [])]:
            _killpg(child.process.pid, signal.SIGTERM)

    def kill_all(self, timeout: float = KILL_AFTER) -> None:
        """Lifespan shutdown: SIGTERM, a wait, SIGKILL for what is left, and reaping."""
        self.terminate_all()
        with self.lock:
            children = [*self.running.values(), *([self.spare] if self.spare else [])]
            self.spare = None
        deadline = time.monotonic() + timeout
        for child in children:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.process.wait(max(0.0, deadline - time.monotonic()))
        for child in children:
            _killpg(child.process.pid, signal.SIGKILL)  # also reaches the render workers
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.process.wait(5)
            if child.process.stdin:
                with contextlib.suppress(OSError):
                    child.process.stdin.close()

    # Queue

    def request(self, workspace: str, version: int, options: dict[str, Any]) -> Build:
        build = self.store.add_build(workspace, version, options)
        self.schedule()
        return self.store.build(build.id) or build

    def waiting_reason(self, build: Build) -> str:
        """Why a queued build has not started, in Polish."""
        running = self.store.builds_in([records.RUNNING])
        if any(b.workspace == build.workspace for b in running):
            return "Czeka, aż skończy się tworzenie ulotek rozpoczęte wcześniej w tym obszarze."
        if any(
            b.workspace == build.workspace and b.id < build.id
            for b in self.store.builds_in([records.QUEUED])
        ):
            return "Czeka w kolejce za wcześniejszym zleceniem tego obszaru."
        return (
            f"Czeka na wolne miejsce: naraz mogą trwać najwyżej {self.jobs} tworzenia ulotek,"
            " a trwa tworzenie w innym obszarze."
        )

    def schedule(self) -> None:
        with self.lock:
            if self.stopping:
                return
            busy = {b.workspace for b in self.store.builds_in([records.RUNNING])}
            slots = self.jobs - len(self.running)
            for build in self.store.builds_in([records.QUEUED]):
                if slots <= 0:
                    break
                if build.workspace in busy:
                    continue
                busy.add(build.workspace)
                slots -= 1
                self._start(build)
            if not self.running:
                # Only while nothing renders: a spare importing WeasyPrint beside a build
                # takes a core from it (measured: the sample's build 3 s slower on two cores).
                self.start_spare()

    def _start(self, build: Build) -> None:
        paths = self.paths(build)
        paths.snapshot.parent.mkdir(parents=True, exist_ok=True)
        paths.out.mkdir(parents=True, exist_ok=True)
        paths.log.parent.mkdir(parents=True, exist_ok=True)
        child = self.spare if self.spare and self.spare.process.poll() is None else None
        if child is None and self.spare is not None:
            _killpg(self.spare.process.pid, signal.SIGKILL)
        child = child or _Child(self._spawn())
        self.spare = None
        child.build_id = build.id
        job = {
            "cwd": str(paths.cwd),
            "roster": paths.roster,
            "config": str(paths.config) if paths.config else None,
            "out": str(paths.out),
            "snapshot": str(paths.snapshot),
            "formats": build.options["formats"],
            "languages": build.options["languages"],
            "office_sheets": build.options.get("office_sheets", False),
            "jobs": self.workers,
        }
        self.running[build.id] = child
        self.store.update_build(
            build.id, status=records.RUNNING, started=time.time(), pgid=child.process.pid
        )
        try:
            assert child.process.stdin is not None
            child.process.stdin.write(json.dumps(job, ensure_ascii=False) + "\n")
            child.process.stdin.flush()
        except OSError:
            log.exception("build %s: the child did not take its job", build.id)
        threading.Thread(target=self._read, args=(build.id, child, paths.log), daemon=True).start()

    def cancel(self, build_id: int) -> bool:
        """„Anuluj”: a waiting build is dropped, a running one's group ended."""
        build = self.store.build(build_id)
        if build is None or build.final:
            return False
        with self.lock:
            child = self.running.get(build_id)
            if child is None:
                self.store.finish_build(build_id, records.CANCELLED, message="Anulowano.")
                return True
            self.cancelled.add(build_id)
        _killpg(child.process.pid, signal.SIGTERM)
        timer = threading.Timer(KILL_AFTER, _killpg, (child.process.pid, signal.SIGKILL))
        timer.daemon = True
        timer.start()
        return True

    # The child's report

    def _read(self, build_id: int, child: _Child, log_path: Path) -> None:
        process = child.process
        stderr = threading.Thread(target=_copy, args=(process.stderr, log_path), daemon=True)
        stderr.start()
        done: dict[str, Any] | None = None
        error = ""
        assert process.stdout is not None
        for line in process.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                log.warning("build %s: not a JSON line: %r", build_id, line[:200])
                continue
            event = message.get("event")
            if event == "progress":
                self.store.update_build(build_id, done=message["done"], total=message["total"])
            elif event == "file":
                self.store.add_build_file(
                    build_id,
                    BuildFile(
                        int(message["seq"]),
                        str(message["area"]),
                        str(message["number"]),
                        str(message["name"]),
                        str(message["edition"]),
                        str(message["path"]),
                    ),
                )
            elif event == "done":
                done = message
            elif event == "error":
                error = str(message.get("message", ""))
        code = process.wait()
        stderr.join(5)
        with contextlib.suppress(OSError):
            if process.stdin:
                process.stdin.close()
        with self.lock:
            self.running.pop(build_id, None)
            was_cancelled = build_id in self.cancelled
            self.cancelled.discard(build_id)
        if code == 0 and done is not None:
            self.store.finish_build(
                build_id,
                records.DONE,
                summary=done.get("summary", {}),
                files=done.get("files", []),
                message="",
            )
        elif was_cancelled:
            self.store.finish_build(build_id, records.CANCELLED, message="Anulowano.")
        elif self.stopping:
            self.store.finish_build(
                build_id, records.INTERRUPTED, message="Przerwane: serwer został zatrzymany."
            )
        else:
            self.store.finish_build(
                build_id,
                records.FAILED,
                message=error or f"Tworzenie ulotek zakończyło się błędem (kod {code}).",
            )
        build = self.store.build(build_id)
        if build is not None and self.on_finished is not None:
            self.on_finished(build)
        self.schedule()


def _copy(stream: IO[str] | None, path: Path) -> None:
    if stream is None:
        return
    with path.open("a", encoding="utf-8") as log_file:
        for line in stream:
            log_file.write(line)
            log_file.flush()


def _killpg(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)
