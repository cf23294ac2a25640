"""The content cache: what the last build into an output folder rendered from which inputs, so
an area whose inputs did not change is neither checked nor rendered again."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from leaflets.areas import Area
from leaflets.config import Settings
from leaflets.formats import FORMATS, FormatSpec
from leaflets.i18n import catalogs_digest
from leaflets.output.files import file_digest, write_json
from leaflets.output.paths import CACHE, area_key, area_pdf, edition_name
from leaflets.render.templates import digest_folders, template_folders


@dataclass(frozen=True)
class Entry:
    """One area file as the last build left it: the digest of its inputs, what checking its
    layout found then (so a cached area's problems are reported again unchanged), and the
    digest of the file's bytes (a file truncated or damaged since is not trusted)."""

    digest: str
    pages: int
    density: int
    near_edge: bool = False
    sha256: str = ""
    split: bool = False

    @classmethod
    def from_json(cls, data: object) -> Entry | None:
        """An entry read back, or None when it is not one (an older or damaged cache)."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                str(data["digest"]),
                int(data["pages"]),
                int(data["density"]),
                bool(data.get("near_edge", False)),
                str(data.get("sha256", "")),
                bool(data.get("split", False)),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def as_json(self) -> dict[str, Any]:
        return {
            "digest": self.digest,
            "pages": self.pages,
            "density": self.density,
            "near_edge": self.near_edge,
            "sha256": self.sha256,
            "split": self.split,
        }


@dataclass
class ContentCache:
    """`.leaflets-cache.json` of the output folder. A build reads and rewrites it; a check
    (`write=False`) only reads it, so checking after a build lays out nothing that is current."""

    settings: Settings
    entries: dict[str, Entry]
    templates: str
    """Digest of the templates (the unit's and the packaged ones) and the translations."""
    digests: dict[str, str] = field(default_factory=dict)
    hits: dict[str, Entry | None] = field(default_factory=dict)
    """Verdicts of `hit`: the QR check and the render plan ask the same question."""

    @classmethod
    def load(cls, settings: Settings) -> ContentCache:
        entries = {} if settings.force else load_entries(settings.out / CACHE)
        return cls(settings, entries, templates_digest(settings))

    def key(self, name: str, language: str, area: Area) -> str:
        return f"{edition_name(name, language)}/{area_key(area)}"

    def digest(self, name: str, language: str, area: Area) -> str:
        """The digest of one area's file in one format and edition, computed once."""
        key = self.key(name, language, area)
        if key not in self.digests:
            self.digests[key] = digest(area, FORMATS[name], self.settings, self.templates)
        return self.digests[key]

    def hit(self, name: str, language: str, area: Area) -> Entry | None:
        """The cached entry when its inputs are unchanged and the file is the one the build
        wrote (the same bytes: not deleted, truncated or damaged since)."""
        key = self.key(name, language, area)
        if key not in self.hits:
            entry = self.entries.get(key)
            fresh = entry is not None and entry.digest == self.digest(name, language, area)
            path = area_pdf(self.settings, area, name, language)
            intact = fresh and entry is not None and file_digest(path) == entry.sha256
            self.hits[key] = entry if intact else None
        return self.hits[key]

    def current(self, areas: Sequence[Area], editions: Sequence[tuple[str, str]]) -> set[str]:
        """Keys (`paths.area_key`) of the areas every file of which is up to date: their QR
        codes were checked when they were rendered, so a rebuild after one changed row checks
        one area, not a national roster's 8,300."""
        return {
            area_key(area)
            for area in areas
            if all(self.hit(name, language, area) for name, language in editions)
        }

    def save(self, results: dict[str, Entry]) -> None:
        write_json(
            self.settings.out / CACHE, {key: entry.as_json() for key, entry in results.items()}
        )


def load_entries(path: Path) -> dict[str, Entry]:
    entries = {}
    for key, value in load_json(path).items():
        entry = Entry.from_json(value)
        if entry is not None:
            entries[key] = entry
    return entries


def load_json(path: Path) -> dict[str, Any]:
    """A cache file's content; an absent or damaged file is an empty cache."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def templates_digest(settings: Settings) -> str:
    """The templates (the unit's folder and the packaged one) and the translations: editing
    any of them means a rebuild."""
    return digest_folders(template_folders(settings.config.templates)) + catalogs_digest()


def digest(
    area: Area | tuple[Area, ...], spec: FormatSpec, settings: Settings, templates: str
) -> str:
    """Everything a document's bytes depend on: area data, photos, format, configuration,
    templates and the tool's version."""
    group = area if isinstance(area, tuple) else (area,)
    photos = [
        (str(o.photo), o.photo.stat().st_size, o.photo.stat().st_mtime_ns)
        for a in group
        for o in a.officers
        if o.photo is not None
    ]
    common = _common_digest(spec, settings, templates)
    text = repr(area)
    for path in settings.rosters:
        # The rows name their file as it was given, which no PDF prints: the same roster
        # named by a relative or an absolute path is the same input (rendering it all again
        # cost a national build), and so is the web app's next version of a file of the same
        # name in another folder. The file's name stays (two rosters of a run differ by it).
        text = text.replace(repr(str(path)), repr(path.name))
    return hashlib.sha256(f"{common}{text}{photos!r}".encode()).hexdigest()


@functools.lru_cache(maxsize=32)
def _common_digest(spec: FormatSpec, settings: Settings, templates: str) -> str:
    """The part shared by every area of a run, computed once (repr of the configuration and
    the package version lookup dominated when computed per area)."""
    text = repr((spec, settings.config, templates, version("leaflets")))
    return hashlib.sha256(text.encode()).hexdigest()
