"""A workspace's files on disk and what its roster says: uploads, reading, folders, deleting.

    DANE/obszary/<id>/
        leaflets.toml, logo.png      the unit's settings (the settings page writes them)
        wersje/<n>/<name>.xlsx       each upload, under a name the server chose
        wyniki/                      the output folder every build shares: the content cache
                                     makes a new version's build render only what changed
        ulotki/<build>/              a finished build's files (hard links) and its ZIP
        miniatury/                   page images rendered from the PDFs
    DANE/dzienniki/<build>.log       a build's technical log (never served)

The roster is read here, in the web process (steps 1–3 of the pipeline take milliseconds for a
unit and the search needs the areas in memory), and kept per version and settings.
"""

from __future__ import annotations

import csv
import io
import os
import re
import secrets
import shutil
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from leaflets import pipeline
from leaflets.areas import Area
from leaflets.config import CONFIG_NAME, WEB_SETTINGS_PLACE, Settings, load_config
from leaflets.errors import LeafletsError
from leaflets.meetings import Meeting
from leaflets.output.files import atomic_file
from leaflets.problems import Problem
from leaflets.text import slugify
from leaflets.web.builds import BuildPaths
from leaflets.web.errors import PageError
from leaflets.web.headers import SheetHeaders, header_table
from leaflets.web.store import Build, Store, Version, Workspace
from leaflets.workbooks import SUFFIXES

WORKSPACES = "obszary"
VERSIONS = "wersje"
OUTPUT = "wyniki"
SNAPSHOTS = "ulotki"
PICTURES = "miniatury"
LOGS = "dzienniki"
UPLOAD_PREFIX = ".wysylanie-"
MEETINGS_FILE = "spotkania.csv"
MEETINGS_HEADER = "Jednostka;Rejon;Data;Godzina;Miejsce;Temat;Opis;Zapraszają wspólnie\n"
_ID = re.compile(r"^[0-9a-f]{12}$")
READ_CACHE = 16
"""Roster readings kept in memory (one per version and settings)."""


@dataclass(frozen=True)
class Reading:
    """What one version's roster holds (steps 1–3), as the workspace page shows it."""

    version: Version
    message: str
    """Why the file could not be read at all, else empty."""
    problems: tuple[Problem, ...]
    areas: tuple[Area, ...]
    rows: int
    rejected: int
    headers: list[SheetHeaders]
    meetings: tuple[Meeting, ...] = ()
    """The meetings with residents read (the roster's Spotkania sheet, the form's file)."""
    past_meetings: tuple[Meeting, ...] = ()
    rejected_meetings: int = 0

    @property
    def report(self) -> pipeline.Report:
        """The same counts as `check` prints (errors, warnings, officers), from its Report."""
        return pipeline.Report((), self.areas, (), self.problems, rendered=False)

    @property
    def errors(self) -> int:
        return self.report.errors

    @property
    def warnings(self) -> int:
        return self.report.warnings

    @property
    def officers(self) -> int:
        return self.report.officers

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "areas": len(self.areas),
            "officers": self.officers,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def valid_id(text: str) -> bool:
    return bool(_ID.match(text))


def display_name(filename: str) -> str:
    """A client's file name as shown: no folders, no control characters, not too long."""
    name = re.split(r"[\\/]", filename)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:200] or "wykaz"


class Workspaces:
    def __init__(self, data: Path, store: Store) -> None:
        self.data = data
        self.store = store
        self.root = data / WORKSPACES
        self.root.mkdir(parents=True, exist_ok=True)
        (data / LOGS).mkdir(exist_ok=True)
        self._readings: OrderedDict[tuple[int, tuple[int, ...]], Reading] = OrderedDict()
        self._lock = threading.Lock()

    # Folders

    def folder(self, workspace_id: str) -> Path:
        if not valid_id(workspace_id):
            raise ValueError(workspace_id)
        return self.root / workspace_id

    def version_file(self, version: Version) -> Path:
        return self.folder(version.workspace) / VERSIONS / str(version.number) / version.stored

    def config_path(self, workspace_id: str) -> Path:
        return self.folder(workspace_id) / CONFIG_NAME

    def output(self, workspace_id: str) -> Path:
        return self.folder(workspace_id) / OUTPUT

    def snapshot(self, build: Build) -> Path:
        return self.folder(build.workspace) / SNAPSHOTS / str(build.id)

    def pictures(self, workspace_id: str) -> Path:
        return self.folder(workspace_id) / PICTURES

    def build_paths(self, build: Build) -> BuildPaths:
        version = self.store.version(build.version)
        assert version is not None
        config = self.config_path(build.workspace)
        return BuildPaths(
            cwd=self.version_file(version).parent,
            roster=version.stored,
            config=config if config.is_file() else None,
            out=self.output(build.workspace),
            snapshot=self.snapshot(build),
            log=self.data / LOGS / f"{build.id}.log",
            meetings=self._meetings_file(build.workspace),
        )

    def meetings_path(self, workspace_id: str) -> Path:
        """The meetings added with the form: a CSV the library reads as `--spotkania`."""
        return self.folder(workspace_id) / MEETINGS_FILE

    def _meetings_file(self, workspace_id: str) -> Path | None:
        path = self.meetings_path(workspace_id)
        return path if path.is_file() else None

    def add_meeting(self, workspace_id: str, row: Sequence[str]) -> None:
        """One meeting appended to the workspace's meetings file (written whole, atomically)."""
        path = self.meetings_path(workspace_id)
        with self._lock:
            text = path.read_text(encoding="utf-8") if path.is_file() else MEETINGS_HEADER
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=";", lineterminator="\n").writerow(row)
            with atomic_file(path) as handle:
                handle.write((text + buffer.getvalue()).encode("utf-8"))

    def clean(self, message: str, workspace_id: str) -> str:
        """A library message without the data folder's paths: the user knows file names."""
        folder = str(self.folder(workspace_id))
        message = re.sub(re.escape(folder) + r"/wersje/\d+/", "", message)
        return message.replace(folder + os.sep, "").replace(str(self.data) + os.sep, "")

    # Uploads

    async def save_upload(
        self, upload: object, workspace: Workspace | None, limit: int, name_hint: str
    ) -> tuple[Workspace, Version]:
        """Keep an uploaded roster as the next version of `workspace` (a new workspace when
        None). Nothing is recorded until the file is complete; a refused file leaves nothing."""
        from starlette.datastructures import UploadFile

        if not isinstance(upload, UploadFile) or not upload.filename:
            raise PageError(400, "Nie wybrano pliku", "Wybierz plik z wykazem dzielnicowych.")
        original = display_name(upload.filename)
        suffix = Path(original).suffix.lower()
        if suffix not in SUFFIXES:
            allowed = ", ".join(s.lstrip(".") for s in SUFFIXES)
            raise PageError(
                415,
                "Nieobsługiwany rodzaj pliku",
                f"Plik „{original}” nie jest arkuszem z wykazem. Wyślij plik {allowed}.",
            )
        new = workspace is None
        workspace_id = secrets.token_hex(6) if workspace is None else workspace.id
        folder = self.folder(workspace_id)
        (folder / VERSIONS).mkdir(parents=True, exist_ok=True)
        temporary = folder / VERSIONS / f"{UPLOAD_PREFIX}{secrets.token_hex(8)}"
        size = 0
        try:
            with temporary.open("wb") as target:
                while chunk := await upload.read(1 << 16):
                    size += len(chunk)
                    if size > limit:
                        raise PageError(413, "Plik jest za duży", too_large_message(limit))
                    target.write(chunk)
            if size == 0:
                raise PageError(400, "Plik jest pusty", f"Plik „{original}” jest pusty (0 bajtów).")
            if workspace is None:
                workspace = self.store.add_workspace(workspace_id, Path(original).stem or name_hint)
            number = self.store.next_version_number(workspace_id)
            stored = (slugify(Path(original).stem)[:60] or "wykaz") + suffix
            final = folder / VERSIONS / str(number) / stored
            final.parent.mkdir(parents=True, exist_ok=True)
            temporary.replace(final)
            version = self.store.add_version(workspace_id, number, original, stored, size)
        except BaseException:
            temporary.unlink(missing_ok=True)
            if new and self.store.workspace(workspace_id) is None:
                shutil.rmtree(folder, ignore_errors=True)
            raise
        reading = self.read(version)
        self.store.set_version_counts(version.id, reading.counts(), reading.message)
        return workspace, self.store.version(version.id) or version

    def sweep(self) -> None:
        """At start-up: uploads cut off by a crash are removed (they were never recorded)."""
        for temporary in self.root.glob(f"*/{VERSIONS}/{UPLOAD_PREFIX}*"):
            temporary.unlink(missing_ok=True)
        for staging in self.root.glob(f"*/{SNAPSHOTS}/.*.tmp"):
            shutil.rmtree(staging, ignore_errors=True)

    def delete(self, workspace_id: str) -> None:
        """The records first (the workspace is gone at once), then its files."""
        self.store.delete_workspace(workspace_id)
        folder = self.folder(workspace_id)
        doomed = folder.with_name(f".usuwane-{workspace_id}")
        if folder.is_dir():
            folder.rename(doomed)
            shutil.rmtree(doomed, ignore_errors=True)
        with self._lock:
            for key in [
                k for k, r in self._readings.items() if r.version.workspace == workspace_id
            ]:
                del self._readings[key]

    # Reading

    def settings_stamp(self, workspace_id: str) -> tuple[int, ...]:
        """Changes whenever the workspace's settings (or their logo) change."""
        stamp: list[int] = []
        for path in [
            *sorted(self.folder(workspace_id).glob("logo*.*")),
            self.config_path(workspace_id),
            self.meetings_path(workspace_id),
        ]:
            if path.is_file():
                info = path.stat()
                stamp.extend((info.st_mtime_ns, info.st_size))
        return tuple(stamp)

    def settings_for(self, version: Version) -> Settings:
        config = self.config_path(version.workspace)
        meetings = self._meetings_file(version.workspace)
        return Settings(
            rosters=(self.version_file(version),),
            config=load_config(config if config.is_file() else None),
            meetings=(meetings,) if meetings else (),
            settings_place=WEB_SETTINGS_PLACE,
        )

    def read(self, version: Version) -> Reading:
        key = (version.id, self.settings_stamp(version.workspace))
        with self._lock:
            if key in self._readings:
                self._readings.move_to_end(key)
                return self._readings[key]
            reading = self._read(version)
            self._readings[key] = reading
            while len(self._readings) > READ_CACHE:
                self._readings.popitem(last=False)
            return reading

    def _read(self, version: Version) -> Reading:
        try:
            loaded = pipeline.intake(self.settings_for(version))
        except LeafletsError as exc:
            message = self.clean(str(exc), version.workspace)
            return Reading(version, message, (), (), 0, 0, [])
        meeting_rows = set(loaded.meetings.rows)
        grouping = loaded.grouping
        in_area = {ref for area in grouping.areas for ref in area.rows}
        rejected = sum(
            row.where in grouping.rejected or row.where not in in_area for row in loaded.roster.rows
        )
        return Reading(
            version,
            "",
            loaded.problems,
            grouping.areas,
            len(loaded.roster.rows),
            rejected,
            header_table(loaded.sheets),
            meetings=loaded.meetings.kept,
            past_meetings=loaded.meetings.past,
            rejected_meetings=len(meeting_rows & set(loaded.meetings.rejected)),
        )


def too_large_message(limit: int) -> str:
    return (
        f"Plik jest większy niż {limit // (1024 * 1024)} MB, a tyle wynosi limit. Jeśli to "
        "wykaz, usuń z niego zbędne arkusze lub obrazy i wyślij go ponownie."
    )
