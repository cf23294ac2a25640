"""Render orchestration: which (format, language, area) need rendering (the content cache),
in which batches and processes, and the print files, sheets and indexes that result."""

from __future__ import annotations

import functools
import hashlib
import io
import json
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pypdf import PdfWriter

from leaflets.areas import Area
from leaflets.batches import (
    AreaResult,
    Job,
    area_pdf,
    combined_title,
    file_stem,
    init_worker,
    render_batch,
    render_unit,
    unit_pdf,
)
from leaflets.config import DENSITY_STEPS, FORMATS, SHORT_BACK_STEP, FormatSpec, Settings
from leaflets.errors import RenderError
from leaflets.i18n import catalogs_digest, edition
from leaflets.imposition import LAYOUTS, Leaflet, impose, leaflets_from_pdf
from leaflets.output import atomic_file, merge_pdfs, write_json
from leaflets.problems import Problem, Severity
from leaflets.render import digest_folder, packaged_templates

log = logging.getLogger(__name__)

BATCH_SIZE = 40
WORKER_TASKS = 100
"""Batches a worker renders before it is replaced, so WeasyPrint caches cannot grow forever.
Each pool start and drain idles a core for a few seconds; since each batch collects its
garbage (batches.layout_gc) a worker's memory stays flat, and 100 instead of 25 took the
national build from 664 to 621 s at the same peak RSS (docs/decisions.md)."""
IN_PROCESS_BELOW = 30
"""Below this many leaflets one process is faster than starting workers."""
Progress = Callable[[int, int], None]


CACHE_NAME = ".leaflets-cache.json"
INDEX_CACHE_NAME = ".leaflets-cache-jednostki.json"


@dataclass(frozen=True)
class Outcome:
    results: list[AreaResult]
    """One per (format, area): rendered now or taken from the cache."""
    stale: set[Path]
    """Combined print files whose unit had an area rendered in this run."""
    written: set[Path]
    """Combined print files the workers already merged from whole-unit batches."""


@dataclass
class ContentCache:
    """What the last build into this folder rendered from which inputs (`.leaflets-cache.json`):
    an area whose digest is unchanged and whose file is there is neither checked nor rendered
    again."""

    settings: Settings
    entries: dict[str, dict[str, Any]]
    templates: str
    """Digest of the templates and translations, read once per run."""
    digests: dict[str, str] = field(default_factory=dict)
    hits: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    """Verdicts of `hit`: the QR check and the render plan ask the same question."""

    @classmethod
    def load(cls, settings: Settings, *, write: bool = True) -> ContentCache:
        use = write and not settings.force
        entries = _load_cache(settings.out / CACHE_NAME) if use else {}
        return cls(settings, entries, _templates_digest(settings))

    def digest(self, name: str, language: str, area: Area) -> tuple[str, str]:
        """(key, digest) of one area's file in one format and edition, computed once."""
        key = f"{edition(language).file_name(name)}/{area.path}"
        if key not in self.digests:
            self.digests[key] = _digest(area, FORMATS[name], self.settings, self.templates)
        return key, self.digests[key]

    def hit(self, name: str, language: str, area: Area) -> dict[str, Any] | None:
        key, digest = self.digest(name, language, area)
        if key not in self.hits:
            entry = self.entries.get(key)
            fresh = entry is not None and entry.get("digest") == digest
            exists = fresh and area_pdf(self.settings, area, name, language).is_file()
            self.hits[key] = entry if exists else None
        return self.hits[key]

    def current(self, areas: Sequence[Area]) -> set[str]:
        """Paths of the areas every file of which is up to date."""
        editions = _area_editions(self.settings)
        return {
            area.path
            for area in areas
            if all(self.hit(name, language, area) for name, language in editions)
        }


def render_areas(
    job: Job, areas: Sequence[Area], progress: Progress | None, cache: ContentCache
) -> Outcome:
    """Render every (format, area) whose inputs changed since the last build into the same
    folder (all of them with --force), in batches of one unit each, in worker processes."""
    settings = job.settings
    results: list[AreaResult] = []
    tasks: list[_Task] = []
    for name, language in _area_editions(settings):
        by_unit: dict[str, list[tuple[int, Area]]] = {}
        for index, area in enumerate(areas):
            cached = cache.hit(name, language, area)
            if cached:
                results.append(
                    AreaResult(
                        index,
                        name,
                        cached["pages"],
                        cached["density"],
                        language=language,
                        near_edge=cached.get("near_edge", False),
                    )
                )
            else:
                by_unit.setdefault(area.unit.slug, []).append((index, area))
        for unit, items in by_unit.items():
            whole = len(items) == sum(a.unit.slug == unit for a in areas)
            combined = unit_pdf(settings, unit, name, language=language)
            for start in range(0, len(items), BATCH_SIZE):
                single = whole and len(items) <= BATCH_SIZE
                chunk = items[start : start + BATCH_SIZE]
                tasks.append((name, chunk, language, combined if single else None))
    total = len(areas) * len(_area_editions(settings))
    done = len(results)
    if progress:
        progress(done, total)
    for batch in _run_tasks(job, tasks):
        results.extend(batch)
        done += len(batch)
        if progress:
            progress(done, total)
    if job.write:
        write_json(
            settings.out / CACHE_NAME,
            {
                key: {
                    "digest": digest,
                    "pages": r.pages,
                    "density": r.density,
                    "near_edge": r.near_edge,
                }
                for r in sorted(results, key=lambda r: (r.name, r.index))
                for key, digest in [cache.digest(r.format, r.language, areas[r.index])]
            },
        )
    return Outcome(
        results,
        stale={
            unit_pdf(settings, c.unit.slug, n, language=lang)
            for n, items, lang, _ in tasks
            for _, c in items
        },
        written={combined for *_, combined in tasks if combined is not None},
    )


def impose_sheets(settings: Settings, areas: Sequence[Area], problems: list[Problem]) -> list[Path]:
    """`--arkusz`: flyers and cards placed on A4 sheets with cut marks, backs aligned for
    duplex: per area a sheet file of copies (a stack for one estate), per unit all areas."""
    written: list[Path] = []
    for name, language in _area_editions(settings):
        spec = FORMATS[name]
        if not spec.sheet:
            continue
        layout = LAYOUTS[spec.sheet]
        units: dict[str, list[Leaflet]] = {}
        for area in areas:
            source = area_pdf(settings, area, name, language)
            try:
                leaflets = leaflets_from_pdf(source, two_sided=spec.pages == 2, name=str(source))
            except RenderError as exc:
                problems.append(
                    Problem(Severity.WARNING, f"{exc} — pominięto na arkuszu", area.rows[0])
                )
                continue
            copies = settings.copies or layout.cells
            target = source.with_name(f"{file_stem(settings, name, language, '-arkusz')}.pdf")
            _write_sheets(impose(leaflets, layout, copies=copies, duplex=settings.duplex), target)
            written.append(target)
            units.setdefault(area.unit.slug, []).extend(leaflets)
        for unit, leaflets in units.items():
            target = unit_pdf(settings, unit, name, "-arkusze", language)
            sheets = impose(leaflets, layout, copies=settings.copies or 1, duplex=settings.duplex)
            _write_sheets(sheets, target)
            written.append(target)
    return written


def _write_sheets(writer: PdfWriter, target: Path) -> None:
    buffer = io.BytesIO()
    writer.write(buffer)
    with atomic_file(target) as handle:
        handle.write(buffer.getvalue())


def _area_formats(settings: Settings) -> list[str]:
    return [name for name in settings.formats if not FORMATS[name].per_unit]


def _area_editions(settings: Settings) -> list[tuple[str, str]]:
    """(format, language) for every per-area file a build writes."""
    return [(name, language) for name in _area_formats(settings) for language in settings.languages]


def _templates_digest(settings: Settings) -> str:
    """The templates and the translations: editing either means a rebuild."""
    return digest_folder(settings.templates or packaged_templates()) + catalogs_digest()


def render_indexes(
    job: Job, areas: Sequence[Area], problems: list[Problem], templates: str
) -> list[Path]:
    """Per-unit documents (the street index): one small document per unit, rendered in this
    process when the unit's areas changed since the last build. `templates`: the run's
    templates digest (`ContentCache.templates`)."""
    settings = job.settings
    specs = [FORMATS[name] for name in settings.formats if FORMATS[name].per_unit]
    if not specs:
        return []
    units: dict[str, list[Area]] = {}
    for area in areas:
        units.setdefault(area.unit.slug, []).append(area)
    cache_path = settings.out / INDEX_CACHE_NAME
    cache = _load_cache(cache_path) if job.write and not settings.force else {}
    written: list[Path] = []
    for spec in specs:
        for unit, unit_areas in units.items():
            for language in settings.languages:
                stem = edition(language).file_name(Path(spec.file_name).stem)
                path = settings.out / unit / f"{stem}.pdf"
                key = f"{edition(language).file_name(spec.name)}/{unit}"
                digest = _digest(tuple(unit_areas), spec, settings, templates)
                if cache.get(key, {}).get("digest") == digest and path.is_file():
                    written.append(path)
                    continue
                warnings = render_unit(job, spec, unit_areas, path, language)
                problems.extend(Problem(Severity.WARNING, f"WeasyPrint: {m}") for m in warnings)
                cache[key] = {"digest": digest}
                if job.write:
                    written.append(path)
    if job.write:
        write_json(cache_path, dict(sorted(cache.items())))
    return written


_Task = tuple[str, list[tuple[int, Area]], str, Path | None]
"""One batch for a worker: format, (index, area) items, language, the unit's print file when
the batch is the whole unit."""


def _run_tasks(job: Job, tasks: list[_Task]) -> Iterator[list[AreaResult]]:
    jobs = job.settings.jobs or os.cpu_count() or 1
    # Starting a worker (spawn, import WeasyPrint, fonts) costs about a second: below a few
    # dozen leaflets one process is faster.
    small = sum(len(task[1]) for task in tasks) < IN_PROCESS_BELOW
    if jobs == 1 or len(tasks) <= 1 or small:
        init_worker(job)
        for task in tasks:
            yield render_batch(*task)
        return
    # spawn, not fork: WeasyPrint's font configuration must not be shared across a fork.
    # Workers are recycled by starting a fresh pool every `jobs * WORKER_TASKS` batches, so
    # caches cannot grow without bound; ProcessPoolExecutor's own max_tasks_per_child
    # deadlocked on Python 3.11 in our national-scale benchmark (workers exited, none came
    # back, the parent waited forever).
    workers = min(jobs, len(tasks))
    per_pool = workers * WORKER_TASKS
    for start in range(0, len(tasks), per_pool):
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(job,),
        ) as pool:
            futures = [pool.submit(render_batch, *task) for task in tasks[start : start + per_pool]]
            for future in as_completed(futures):
                yield future.result()


def _digest(
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
    return hashlib.sha256(f"{common}{area!r}{photos!r}".encode()).hexdigest()


@functools.lru_cache(maxsize=32)
def _common_digest(spec: FormatSpec, settings: Settings, templates: str) -> str:
    """The part shared by every area of a run, computed once: repr of the configuration and
    the package version lookup were most of the 4 s spent on 8,300 digests."""
    text = repr((spec, settings.config, templates, version("leaflets")))
    return hashlib.sha256(text.encode()).hexdigest()


def _load_cache(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def render_problems(areas: Sequence[Area], results: Sequence[AreaResult]) -> list[Problem]:
    found: list[Problem] = []
    refused: dict[str, None] = {}
    for result in sorted(results, key=lambda r: (r.name, r.index)):
        found.extend(Problem(Severity.WARNING, f"WeasyPrint: {m}") for m in result.warnings)
        refused.update(dict.fromkeys(result.refused))
        area = areas[result.index]
        spec = FORMATS[result.format]
        expected = spec.expected_pages(len(area.officers))
        if result.pages > expected:
            message = (
                f"treść nie mieści się na {expected} str. nawet po zmniejszeniu listy ulic"
                f" — ulotka ma {result.pages} str."
            )
        elif result.density:
            message = (
                f"lista ulic zmniejszona (stopień {result.density} z {DENSITY_STEPS - 1})"
                + (", tył ulotki skrócony" if result.density >= SHORT_BACK_STEP else "")
                + ", aby zmieścić się na stronie"
            )
        else:
            message = ""
        if message:
            found.append(
                Problem(
                    Severity.WARNING,
                    f"{result.name}, rejon {area.number}: {message}",
                    area.rows[0],
                    "ulice",
                )
            )
        if result.near_edge:
            found.append(
                Problem(
                    Severity.WARNING,
                    f"{result.name}, rejon {area.number}: tekst bliżej niż 4 mm od krawędzi"
                    " kartki, gdzie drukarka biurowa nie drukuje (zwykle stopka wydłużona przez"
                    " długi adres jednostki) — skróć adres jednostki",
                    area.rows[0],
                    "adres_jednostki",
                )
            )
    found.extend(
        Problem(
            Severity.WARNING,
            f"szablon odwołuje się do zasobu spoza dozwolonych folderów — pominięto: {url}",
        )
        for url in refused
    )
    return found


def area_files(
    settings: Settings, areas: Sequence[Area], outcome: Outcome
) -> tuple[list[Path], dict[str, dict[str, str]]]:
    """The per-area files, and one combined print file per unit and format, merged from the
    area files (qpdf copies the finished pages: ~2 ms a leaflet, where having WeasyPrint
    paint and write the same pages again cost ~30 ms): by the worker that rendered the whole
    unit, otherwise here."""
    files: list[Path] = []
    by_area: dict[str, dict[str, str]] = {area.path: {} for area in areas}
    for name, language in _area_editions(settings):
        units: dict[str, list[Path]] = {}
        for area in areas:
            path = area_pdf(settings, area, name, language)
            files.append(path)
            key = edition(language).file_name(name)
            by_area[area.path][key] = path.relative_to(settings.out).as_posix()
            units.setdefault(area.unit.slug, []).append(path)
        for unit, paths in units.items():
            combined = unit_pdf(settings, unit, name, language=language)
            stale = combined in outcome.stale or not combined.is_file()
            if stale and combined not in outcome.written:
                merge_pdfs(paths, combined, combined_title(FORMATS[name], language))
            files.append(combined)
    return files, by_area
