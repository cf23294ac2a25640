"""The worker side of rendering: areas -> per-area PDFs, a batch at a time, in a process.

Each worker keeps one Renderer (Jinja environment, font configuration, parsed stylesheets)
for its whole life, lays out a batch of areas as one WeasyPrint document, lays out again
only the areas that ran over their page budget (denser, `formats.DENSITY_STEPS`), writes each
area's PDF and drops the document, so memory stays flat however many areas a roster has.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leaflets._gc import layout_gc
from leaflets.areas import Area
from leaflets.config import Settings
from leaflets.content import as_of_text, document_title, index_view, leaflet_view
from leaflets.formats import CROP_MARK_SPACE_MM, DENSITY_STEPS, FORMATS, FormatSpec
from leaflets.i18n import SOURCE
from leaflets.output.files import atomic_file
from leaflets.output.paths import area_key, area_pdf, edition_name
from leaflets.output.printfiles import merge_pdfs, print_file_title, print_shop_boxes

if TYPE_CHECKING:  # WeasyPrint is imported where documents are laid out, not in the parent
    from leaflets.render.renderer import Rendered, Renderer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """What every worker needs; picklable, sent once per worker process."""

    settings: Settings
    allowed: tuple[Path, ...]
    write: bool


@dataclass(frozen=True)
class Task:
    """One batch for a worker: the areas (with their positions in the run's list) of one
    format and edition; `print_file` when the batch is a whole unit, whose print file the
    worker then merges from the area files it has just written."""

    format: str
    items: tuple[tuple[int, Area], ...]
    language: str = SOURCE
    print_file: Path | None = None


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
    """Text closer to the paper's edge than an office printer prints (PRINTER_EDGE_MM)."""

    @property
    def name(self) -> str:
        """The format in this edition, as files, the cache and the manifest name it:
        `plakat-a4`, `plakat-a4.uk`."""
        return edition_name(self.format, self.language)


@dataclass(frozen=True)
class Colors:
    primary: str
    accent: str


@dataclass(frozen=True)
class PageContext:
    """What `dokument.html` reads besides the leaflets: the document's metadata and the
    run's look (colours, specimen mark, logo, print-shop bleed)."""

    title: str
    author: str
    created: str
    as_of: Any
    """The footer's "stan na" phrase in the edition's language(s) (an i18n.Phrase)."""
    colors: Colors
    specimen: bool
    logo: str
    bleed: float
    media_extra: float
    """Room laid out around the trimmed page: the bleed, plus room for crop marks."""

    def variables(self) -> dict[str, Any]:
        """The template's variables (one level: `colors.primary` stays an attribute)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def page_context(settings: Settings, title: str, language: str = SOURCE) -> PageContext:
    config = settings.config
    bleed = settings.bleed_mm or 0
    return PageContext(
        title=title,
        author=config.unit.name or "leaflets",
        created=config.as_of.isoformat(),
        as_of=as_of_text(config.as_of, language),
        colors=Colors(config.primary_color, config.accent_color),
        specimen=config.specimen,
        logo=config.logo.as_uri() if config.logo else "",
        bleed=bleed,
        # WeasyPrint draws its own crop marks inside the bleed; ours go outside it, so the
        # page is laid out with room for them and the boxes are set after writing.
        media_extra=bleed + (CROP_MARK_SPACE_MM if settings.marks else 0),
    )


@dataclass(frozen=True)
class Placement:
    """Where an area ended up after fitting: its batch document, its position there, and the
    density step it needed."""

    rendered: Rendered
    position: int
    density: int


@dataclass
class _Fitted:
    placements: list[Placement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_worker: tuple[Job, Renderer] | None = None


PARENT_POLL_S = 1.0
"""How often a worker looks whether the process that started it is still there."""


def start_worker(job: Job, parent: int) -> None:
    """The pool's initialiser: a worker watches its parent and ends itself when the parent is
    gone (killed with SIGKILL, it cannot stop its workers: they would go on writing into the
    output folder, and stay, idle, holding hundreds of megabytes)."""
    watcher = threading.Thread(target=_watch_parent, args=(parent,), daemon=True)
    watcher.start()
    init_worker(job)


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != parent:  # re-parented: the parent is dead
            os._exit(1)


def init_worker(job: Job) -> None:
    """Process initialiser: one Renderer per worker, reused for every batch it renders."""
    global _worker  # noqa: PLW0603 - per-process state is the point of a worker initialiser
    from leaflets.render.renderer import Renderer

    _worker = (job, Renderer(job.settings.config.templates, job.allowed))


def _renderer(job: Job) -> Renderer:
    """This process's renderer for `job` (made now when this process is not yet a worker)."""
    if _worker is None or _worker[0] != job:
        init_worker(job)
    assert _worker is not None
    return _worker[1]


def render_batch(task: Task) -> list[AreaResult]:
    """Worker entry point: lay out the task's areas, write their PDFs, report. When the batch
    is a whole unit, the worker also merges the unit's print file, so those merges overlap
    with rendering instead of following it."""
    if _worker is None:
        raise RuntimeError("init_worker() was not called in this process")
    job, renderer = _worker
    spec = FORMATS[task.format]
    areas = [area for _, area in task.items]
    with layout_gc():
        fitted = _fit(renderer, job.settings, spec, areas, task.language)
        if job.write:
            for area, placed in zip(areas, fitted.placements, strict=True):
                write_area_pdf(job.settings, area, spec, placed, task.language)
    results = []
    warnings = tuple(fitted.warnings)
    for (index, _), placed in zip(task.items, fitted.placements, strict=True):
        results.append(
            AreaResult(
                index=index,
                format=task.format,
                pages=placed.rendered.page_count(placed.position),
                density=placed.density,
                warnings=warnings,
                refused=tuple(renderer.fetcher.refused),
                language=task.language,
                # Print-shop files are trimmed, with their own safe margin (5 mm, tested).
                near_edge=job.settings.bleed_mm is None
                and placed.rendered.near_edge(placed.position),
            )
        )
        warnings = ()  # batch-level messages are reported once, with the first area
    if job.write and task.print_file is not None:
        paths = [area_pdf(job.settings, area, task.format, task.language) for area in areas]
        merge_pdfs(paths, task.print_file, print_file_title(spec, task.language))
    renderer.fetcher.refused.clear()
    return results


def render_unit(
    job: Job, spec: FormatSpec, areas: Sequence[Area], path: Path, language: str = SOURCE
) -> list[str]:
    """A per-unit document (the street index), laid out and written in this process."""
    renderer = _renderer(job)
    view = index_view(areas, language)
    context = page_context(job.settings, view.title, language)
    with layout_gc():
        rendered = renderer.render(spec, [view], language=language, **context.variables())
        if job.write:
            name = f"{path.parent.name}/{path.name}"
            write_pdf(path, [(rendered, 0)], view.title, name, job.settings)
    return list(rendered.warnings)


def _fit(
    renderer: Renderer,
    settings: Settings,
    spec: FormatSpec,
    areas: Sequence[Area],
    language: str = SOURCE,
) -> _Fitted:
    """Lay out a batch; areas that run over their pages are laid out again, denser, down to
    the legibility floor, and then allowed to continue on another page."""
    context = page_context(settings, f"Twój dzielnicowy — {spec.description}", language)
    placed: dict[int, Placement] = {}
    fitted = _Fitted()
    pending = list(range(len(areas)))
    for density in range(DENSITY_STEPS):
        views = [leaflet_view(areas[i], spec, settings.config, density, language) for i in pending]
        rendered = renderer.render(spec, views, language=language, **context.variables())
        fitted.warnings.extend(rendered.warnings)
        for position, index in enumerate(pending):
            placed[index] = Placement(rendered, position, density)
        pending = [
            index
            for position, index in enumerate(pending)
            if rendered.page_count(position) > spec.expected_pages(len(areas[index].officers))
        ]
        if not pending:
            break
    fitted.placements = [placed[index] for index in range(len(areas))]
    return fitted


def write_area_pdf(
    settings: Settings, area: Area, spec: FormatSpec, placed: Placement, language: str = SOURCE
) -> None:
    title = document_title(area, language)
    path = area_pdf(settings, area, spec.name, language)
    parts = [(placed.rendered, placed.position)]
    write_pdf(path, parts, title, f"{area_key(area)}/{path.name}", settings)


def write_pdf(
    path: Path,
    parts: list[tuple[Rendered, int]],
    title: str,
    name: str,
    settings: Settings | None = None,
) -> None:
    from leaflets.render.renderer import write_pages

    # A fixed identifier derived from the file's name keeps rebuilds byte-identical.
    identifier = hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    data = io.BytesIO()
    write_pages(parts, data, title=title, identifier=identifier.encode())
    pdf = data.getvalue()
    if settings is not None and settings.bleed_mm is not None:
        pdf = print_shop_boxes(pdf, settings.bleed_mm, crop_marks=settings.marks)
    with atomic_file(path) as handle:
        handle.write(pdf)
    log.info("zapisano %s", path)
