"""The web app's records in SQLite: workspaces, their roster versions and builds.

Files stay on disk (web.workspaces); the database says what exists and in which state. One
short-lived connection per call, in WAL mode, so the event loop, the thread pool and the build
reader threads never share one. A row is written only once what it describes is complete, and
a build is `done` only after its files are in place, so a crash never shows half-done work
as done.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATABASE = "leaflets.sqlite3"

QUEUED = "czeka"
RUNNING = "trwa"
DONE = "gotowe"
FAILED = "blad"
CANCELLED = "anulowane"
INTERRUPTED = "przerwane"
FINAL = frozenset({DONE, FAILED, CANCELLED, INTERRUPTED})
ACTIVE = frozenset({QUEUED, RUNNING})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    filename TEXT NOT NULL,
    stored TEXT NOT NULL,
    size INTEGER NOT NULL,
    uploaded REAL NOT NULL,
    rows INTEGER, areas INTEGER, officers INTEGER, errors INTEGER, warnings INTEGER,
    message TEXT NOT NULL DEFAULT '',
    UNIQUE (workspace, number)
);
CREATE TABLE IF NOT EXISTS builds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    version INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    options TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL,
    started REAL,
    finished REAL,
    message TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '{}',
    files TEXT NOT NULL DEFAULT '[]',
    pgid INTEGER
);
CREATE TABLE IF NOT EXISTS build_files (
    build INTEGER NOT NULL REFERENCES builds(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    area TEXT NOT NULL,
    number TEXT NOT NULL,
    name TEXT NOT NULL,
    edition TEXT NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (build, seq)
);
"""


@dataclass(frozen=True)
class Workspace:
    id: str
    name: str
    created: float
    updated: float


@dataclass(frozen=True)
class Version:
    id: int
    workspace: str
    number: int
    filename: str
    """The name the user's file had (shown, never used as a path)."""
    stored: str
    """The server-chosen file name in the version's folder."""
    size: int
    uploaded: float
    rows: int | None
    areas: int | None
    officers: int | None
    errors: int | None
    warnings: int | None
    message: str
    """Why the file could not be read at all (a RosterError's text), else empty."""

    @property
    def readable(self) -> bool:
        return not self.message


@dataclass(frozen=True)
class Build:
    id: int
    workspace: str
    version: int
    status: str
    options: dict[str, Any]
    done: int
    total: int
    created: float
    started: float | None
    finished: float | None
    message: str
    summary: dict[str, Any]
    files: list[str]
    pgid: int | None

    @property
    def final(self) -> bool:
        return self.status in FINAL


@dataclass(frozen=True)
class BuildFile:
    """An area file the build reported complete while it ran."""

    seq: int
    area: str
    number: str
    name: str
    edition: str
    path: str


class Store:
    def __init__(self, folder: Path) -> None:
        self.path = folder / DATABASE
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys=ON")
        try:
            with db:  # one transaction: commit, or roll back on an exception
                yield db
        finally:
            db.close()

    # Workspaces

    def add_workspace(self, workspace_id: str, name: str) -> Workspace:
        now = time.time()
        with self._connect() as db:
            db.execute(
                "INSERT INTO workspaces (id, name, created, updated) VALUES (?, ?, ?, ?)",
                (workspace_id, name, now, now),
            )
        return Workspace(workspace_id, name, now, now)

    def workspace(self, workspace_id: str) -> Workspace | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM workspaces WHERE id = ?", (workspace_id,)).fetchone()
        return Workspace(**dict(row)) if row else None

    def workspaces(self, limit: int = 50) -> list[Workspace]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM workspaces ORDER BY updated DESC LIMIT ?", (limit,)
            ).fetchall()
        return [Workspace(**dict(row)) for row in rows]

    def rename_workspace(self, workspace_id: str, name: str) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE workspaces SET name = ?, updated = ? WHERE id = ?",
                (name, time.time(), workspace_id),
            )

    def touch(self, workspace_id: str) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE workspaces SET updated = ? WHERE id = ?", (time.time(), workspace_id)
            )

    def delete_workspace(self, workspace_id: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM workspaces WHERE id = ?", (workspace_id,))

    # Versions

    def add_version(
        self, workspace_id: str, number: int, filename: str, stored: str, size: int
    ) -> Version:
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO versions (workspace, number, filename, stored, size, uploaded)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (workspace_id, number, filename, stored, size, time.time()),
            )
            db.execute(
                "UPDATE workspaces SET updated = ? WHERE id = ?", (time.time(), workspace_id)
            )
            version_id = cursor.lastrowid
        version = self.version(int(version_id or 0))
        assert version is not None
        return version

    def next_version_number(self, workspace_id: str) -> int:
        with self._connect() as db:
            row = db.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE workspace = ?",
                (workspace_id,),
            ).fetchone()
        return int(row[0])

    def set_version_counts(self, version_id: int, counts: dict[str, int], message: str) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE versions SET rows = ?, areas = ?, officers = ?, errors = ?, warnings = ?,"
                " message = ? WHERE id = ?",
                (
                    counts.get("rows"),
                    counts.get("areas"),
                    counts.get("officers"),
                    counts.get("errors"),
                    counts.get("warnings"),
                    message,
                    version_id,
                ),
            )

    def version(self, version_id: int) -> Version | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM versions WHERE id = ?", (version_id,)).fetchone()
        return Version(**dict(row)) if row else None

    def versions(self, workspace_id: str) -> list[Version]:
        """Newest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM versions WHERE workspace = ? ORDER BY number DESC", (workspace_id,)
            ).fetchall()
        return [Version(**dict(row)) for row in rows]

    # Builds

    def add_build(self, workspace_id: str, version_id: int, options: dict[str, Any]) -> Build:
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO builds (workspace, version, status, options, created)"
                " VALUES (?, ?, ?, ?, ?)",
                (workspace_id, version_id, QUEUED, json.dumps(options), time.time()),
            )
            build_id = int(cursor.lastrowid or 0)
        build = self.build(build_id)
        assert build is not None
        return build

    def build(self, build_id: int) -> Build | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM builds WHERE id = ?", (build_id,)).fetchone()
        return _build(row) if row else None

    def builds(self, workspace_id: str) -> list[Build]:
        """Newest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM builds WHERE workspace = ? ORDER BY id DESC", (workspace_id,)
            ).fetchall()
        return [_build(row) for row in rows]

    def builds_in(self, statuses: Sequence[str]) -> list[Build]:
        """Oldest first: the order builds are started in."""
        marks = ", ".join("?" for _ in statuses)
        with self._connect() as db:
            rows = db.execute(
                f"SELECT * FROM builds WHERE status IN ({marks}) ORDER BY id", tuple(statuses)
            ).fetchall()
        return [_build(row) for row in rows]

    def update_build(self, build_id: int, **fields: Any) -> None:
        allowed = {"status", "done", "total", "started", "finished", "message", "pgid"}
        values = dict(fields)
        for name in ("summary", "files"):
            if name in values:
                values[name] = json.dumps(values[name], ensure_ascii=False)
                allowed.add(name)
        if not set(values) <= allowed:
            raise ValueError(f"unknown build fields: {sorted(set(values) - allowed)}")
        columns = ", ".join(f"{name} = ?" for name in values)
        with self._connect() as db:
            db.execute(f"UPDATE builds SET {columns} WHERE id = ?", (*values.values(), build_id))

    def finish_build(self, build_id: int, status: str, **fields: Any) -> None:
        """The final state, written once; a build already final keeps its state."""
        build = self.build(build_id)
        if build is None or build.final:
            return
        self.update_build(build_id, status=status, finished=time.time(), **fields)

    def add_build_file(self, build_id: int, item: BuildFile) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT OR IGNORE INTO build_files (build, seq, area, number, name, edition, path)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (build_id, item.seq, item.area, item.number, item.name, item.edition, item.path),
            )

    def build_files(self, build_id: int, after: int = 0) -> list[BuildFile]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT seq, area, number, name, edition, path FROM build_files"
                " WHERE build = ? AND seq > ? ORDER BY seq",
                (build_id, after),
            ).fetchall()
        return [BuildFile(**dict(row)) for row in rows]


def _build(row: sqlite3.Row) -> Build:
    values = dict(row)
    values["options"] = json.loads(values["options"])
    values["summary"] = json.loads(values["summary"])
    values["files"] = json.loads(values["files"])
    return Build(**values)
