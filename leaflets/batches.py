"""Areas -> per-area PDFs, rendered in batches inside worker processes.

Each worker keeps one Renderer (Jinja environment, font configuration, parsed stylesheets)
for its whole life, lays out a batch of areas as one WeasyPrint document, lays out again
only the areas that ran over their page budget, writes each area's PDF and drops the
document, so memory stays flat however many areas a roster has.
"""

from __future__ import annotations

import gc
import hashlib
import io
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leaflets.areas import Area
from leaflets.config import CROP_MARK_SPACE_MM, DENSITY_STEPS, FORMATS, FormatSpec, Settings
from leaflets.content import as_of_text, document_title, index_view, leaflet_view
from leaflets.i18n import SOURCE, edition
from leaflets.output import atomic_file, merge_pdfs, print_shop_boxes
from leaflets.render import Rendered, Renderer, write_pages

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """What every worker needs; picklable, sent once per worker process."""

    settings: Settings
    allowed: tuple[Path, ...]
    write: bool


@dataclass(frozen=True)
class AreaResult:
    index: int
    """Position of the area in the run's area list."""
    format: str
    pages: int
    density: int
    warnings: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()
    language: str = SOURCE
    """The edition: `pl`, `uk`, `en`, `pl+uk`, `pl+en`."""
    near_edge: bool = False
    """Text closer to the paper's edge than an office printer prints (render.PRINTER_EDGE_MM)."""

    @property
    def name(self) -> str:
        """The format in this edition, as files, the cache and the manifest name it:
        `plakat-a4`, `plakat-a4.uk`."""
        return edition(self.language).file_name(self.format)


_worker: tuple[Job, Renderer] | None = None

LAYOUT_GC_THRESHOLD = (50_000, 50, 1_000)
"""CPython's cyclic garbage collector thresholds while a batch is laid out and written
(CPython's default is 700, 10, 10); docs/decisions.md."""


@contextmanager
def layout_gc() -> Iterator[None]:
    """Collect garbage cycles less often while WeasyPrint works. A batch keeps hundreds of
    thousands of boxes and computed styles alive until its PDFs are written, so with the
    default thresholds the collector scans that growing heap again and again: 10 % of a
    parallel build, 28 % of a one-process run (measured, docs/decisions.md). Unlike
    `areas.gc_paused` (for acyclic objects), the collector stays on: layout makes cycles, and
    with collection off a 200-area run grew from 260 to 682 MiB. The previous batch's cycles
    are collected first, while the heap is small (without it a worker grew to 515 MiB over its
    25 batches; with it 288 MiB); the caller's thresholds are restored afterwards."""
    gc.collect()
    previous = gc.get_threshold()
    gc.set_threshold(*LAYOUT_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@contextmanager
def roster_set_aside() -> Iterator[None]:
    """Leave everything alive now (the roster and its areas, read before) out of the
    collections `layout_gc` starts with, while this process lays documents out itself
    (`--jobs 1`, small runs, the units' street indexes): one collection over 8,300 read areas
    takes ~450 ms, and each unit's street index (2.2 s) took 0.5 s longer without this."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def init_worker(job: Job) -> None:
    """Process initialiser: one Renderer per worker, reused for every batch it renders."""
    global _worker  # noqa: PLW0603 - per-process state is the point of a worker initialiser
    _worker = (job, Renderer(job.settings.templates, job.allowed))


def render_batch(
    format_name: str,
    items: Sequence[tuple[int, Area]],
    language: str = SOURCE,
    combined: Path | None = None,
) -> list[AreaResult]:
    """Worker entry point: lay out `items` (index, area), write their PDFs, report. When the
    batch is a whole unit, `combined` gets the unit's print file, merged from the area files
    just written, in the worker: the 313 merges of a national build (~18 s one after another)
    overlap with rendering; the full build's time did not change measurably (802 vs 801 s)."""
    if _worker is None:
        raise RuntimeError("init_worker() was not called in this process")
    job, renderer = _worker
    spec = FORMATS[format_name]
    areas = [a for _, a in items]
    with layout_gc():
        placed, densities, warnings = _fit(renderer, job.settings, spec, areas, language)
        if job.write:
            for position, area in enumerate(areas):
                rendered, at = placed[position]
                write_area_pdf(job.settings, area, spec, rendered, at, language)
    results = []
    for position, (index, _) in enumerate(items):
        rendered, at = placed[position]
        results.append(
            AreaResult(
                index=index,
                format=format_name,
                pages=rendered.page_count(at),
                density=densities[position],
                warnings=tuple(warnings),
                refused=tuple(renderer.fetcher.refused),
                language=language,
                # Print-shop files are trimmed, with their own safe margin (5 mm, tested).
                near_edge=job.settings.bleed_mm is None and rendered.near_edge(at),
            )
        )
        warnings = []  # batch-level messages are reported once, with the first area
    if job.write and combined is not None:
        paths = [area_pdf(job.settings, area, format_name, language) for area in areas]
        merge_pdfs(paths, combined, combined_title(spec, language))
    renderer.fetcher.refused.clear()
    return results


def render_unit(
    job: Job, spec: FormatSpec, areas: Sequence[Area], path: Path, language: str = SOURCE
) -> list[str]:
    """A per-unit document (the street index), laid out and written in this process."""
    if _worker is None or _worker[0] != job:
        init_worker(job)
    assert _worker is not None
    renderer = _worker[1]
    view = index_view(areas, language)
    ctx = context(job.settings, view.title, language)
    with layout_gc():
        rendered = renderer.render(spec, [view], language=language, **ctx)
        if job.write:
            name = f"{path.parent.name}/{path.name}"
            write_pdf(path, [(rendered, 0)], view.title, name, job.settings)
    return list(rendered.warnings)


def combined_title(spec: FormatSpec, language: str = SOURCE) -> str:
    title = f"Twój dzielnicowy — {spec.description}, wszystkie rejony"
    return title if language == SOURCE else f"{title} (wersja {language})"


def context(settings: Settings, title: str, language: str = SOURCE) -> dict[str, Any]:
    config = settings.config
    return {
        "title": title,
        "author": config.unit.name or "leaflets",
        "created": config.as_of.isoformat(),
        "as_of": as_of_text(config.as_of, language),
        "colors": {"primary": config.primary_color, "accent": config.accent_color},
        "specimen": config.specimen,
        "logo": config.logo.as_uri() if config.logo else "",
        "bleed": settings.bleed_mm or 0,
        # WeasyPrint draws its own crop marks inside the bleed; ours go outside it, so the
        # page is laid out with room for them and the boxes are set after writing.
        "media_extra": (settings.bleed_mm or 0)
        + (CROP_MARK_SPACE_MM if settings.crop_marks else 0),
    }


def _fit(
    renderer: Renderer,
    settings: Settings,
    spec: FormatSpec,
    areas: Sequence[Area],
    language: str = SOURCE,
) -> tuple[dict[int, tuple[Rendered, int]], dict[int, int], list[str]]:
    """Lay out a batch; areas that run over their pages are laid out again, denser, down to
    the legibility floor, and then allowed to continue on another page."""
    ctx = context(settings, f"Twój dzielnicowy — {spec.description}", language)
    placed: dict[int, tuple[Rendered, int]] = {}
    densities: dict[int, int] = {}
    warnings: list[str] = []
    pending = list(range(len(areas)))
    for density in range(DENSITY_STEPS):
        views = [leaflet_view(areas[i], spec, settings.config, density, language) for i in pending]
        rendered = renderer.render(spec, views, language=language, **ctx)
        warnings.extend(rendered.warnings)
        for position, index in enumerate(pending):
            placed[index], densities[index] = (rendered, position), density
        pending = [
            index
            for position, index in enumerate(pending)
            if rendered.page_count(position) > spec.expected_pages(len(areas[index].officers))
        ]
        if not pending:
            break
    return placed, densities, warnings


def file_stem(
    settings: Settings, format_name: str, language: str = SOURCE, suffix: str = ""
) -> str:
    """`plakat-a4`, `plakat-a4-drukarnia` for print-shop files (with bleed), `plakat-a4.uk`
    for the Ukrainian edition: the one place that names an edition's files."""
    name = format_name + ("-drukarnia" if settings.bleed_mm is not None else "") + suffix
    return edition(language).file_name(name)


def area_pdf(settings: Settings, area: Area, format_name: str, language: str = SOURCE) -> Path:
    return settings.out / area.path / f"{file_stem(settings, format_name, language)}.pdf"


def unit_pdf(
    settings: Settings,
    unit_slug: str,
    format_name: str,
    suffix: str = "",
    language: str = SOURCE,
) -> Path:
    """The unit's combined print file: `druk-plakat-a4.pdf`, `druk-ulotka-a5-arkusze.pdf`,
    `druk-plakat-a4.uk.pdf`."""
    stem = file_stem(settings, format_name, language, suffix)
    return settings.out / unit_slug / f"druk-{stem}.pdf"


def write_area_pdf(
    settings: Settings,
    area: Area,
    spec: FormatSpec,
    rendered: Rendered,
    at: int,
    language: str = SOURCE,
) -> None:
    title = document_title(area, language)
    path = area_pdf(settings, area, spec.name, language)
    write_pdf(path, [(rendered, at)], title, f"{area.path}/{path.name}", settings)


def write_pdf(
    path: Path,
    parts: list[tuple[Rendered, int]],
    title: str,
    name: str,
    settings: Settings | None = None,
) -> None:
    # A fixed identifier derived from the file's name keeps rebuilds byte-identical.
    identifier = hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    data = io.BytesIO()
    write_pages(parts, data, title=title, identifier=identifier.encode())
    pdf = data.getvalue()
    if settings is not None and settings.bleed_mm is not None:
        pdf = print_shop_boxes(pdf, settings.bleed_mm, crop_marks=settings.crop_marks)
    with atomic_file(path) as handle:
        handle.write(pdf)
    log.info("zapisano %s", path)
