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
from leaflets.content import as_of_text, document_title, leaflet_view
from leaflets.formats import CROP_MARK_SPACE_MM, FORMATS, FormatSpec
from leaflets.i18n import SOURCE
from leaflets.index_content import index_view
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
    split: bool = False
    """A flyer whose officers did not fit together: one flyer per officer in the file."""
    written: bool = False
    """The file was written in this run (a file over its pages is not written at all)."""

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
    """Where a leaflet ended up after fitting: its batch document, its position there, and
    the density step it needed."""

    rendered: Rendered
    position: int
    density: int

    @property
    def pages(self) -> int:
        return self.rendered.page_count(self.position)


@dataclass(frozen=True)
class AreaPlacement:
    """An area's file: its leaflets in order — one, or one per officer where each officer has
    pages of their own (`FormatSpec.per_officer`, a split flyer), each fitted on its own."""

    parts: tuple[Placement, ...]
    split: bool = False

    @property
    def pages(self) -> int:
        return sum(part.pages for part in self.parts)

    @property
    def density(self) -> int:
        """The step the area's file needed: its most shrunken leaflet's."""
        return max(part.density for part in self.parts)

    def near_edge(self) -> bool:
        return any(part.rendered.near_edge(part.position) for part in self.parts)


@dataclass(frozen=True)
class Piece:
    """What one leaflet (`<section>`) of a batch document holds: an area's pages, or one
    officer's pages of it (`officer`, a position in `Area.officers`)."""

    area: int
    """The area's position in the batch."""
    officer: int | None = None


@dataclass
class _Fitted:
    placements: list[AreaPlacement] = field(default_factory=list)
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
        written = []
        for area, placed in zip(areas, fitted.placements, strict=True):
            fits = placed.pages <= spec.expected_pages(len(area.officers), placed.split)
            if job.write and fits:
                write_area_pdf(job.settings, area, spec, placed, task.language)
            elif job.write:
                # A file over its pages is an error, not a file: a third page would break
                # every duplex print of the unit (checks.rendering says what to shorten).
                area_pdf(job.settings, area, spec.name, task.language).unlink(missing_ok=True)
            written.append(job.write and fits)
    results = []
    warnings = tuple(fitted.warnings)
    for (index, _), placed, done in zip(task.items, fitted.placements, written, strict=True):
        results.append(
            AreaResult(
                index=index,
                format=task.format,
                pages=placed.pages,
                density=placed.density,
                warnings=warnings,
                refused=tuple(renderer.fetcher.refused),
                language=task.language,
                # Print-shop files are trimmed, with their own safe margin (5 mm, tested).
                near_edge=job.settings.bleed_mm is None and placed.near_edge(),
                split=placed.split,
                written=done,
            )
        )
        warnings = ()  # batch-level messages are reported once, with the first area
    if job.write and task.print_file is not None:
        paths = [area_pdf(job.settings, area, task.format, task.language) for area in areas]
        paths = [path for path in paths if path.is_file()]
        if paths:
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
    """Lay out a batch; leaflets that run over their pages are laid out again, denser, down
    to the format's last step (`FormatSpec.fitting_steps`). Each leaflet is fitted on its
    own: on formats with pages per officer that is each officer's pages, so one officer's
    long name never shrinks a colleague's street list. A flyer whose officers still do not
    fit together (`split_when_over`) is fitted again as one flyer per officer."""
    context = page_context(settings, f"Twój dzielnicowy — {spec.description}", language)
    fitted = _Fitted()
    placed: dict[Piece, Placement] = {}
    split: set[int] = set()
    pending = _pieces(spec, areas)
    while pending:
        over = _ladder(renderer, settings, spec, areas, language, pending, context, placed)
        fitted.warnings.extend(over.warnings)
        pending = []
        for piece in over.pieces if spec.split_when_over else ():
            officers = len(areas[piece.area].officers)
            if piece.officer is None and officers > 1:
                split.add(piece.area)
                del placed[piece]
                pending.extend(Piece(piece.area, officer) for officer in range(officers))
    parts: dict[int, list[Placement]] = {}
    for piece in sorted(placed, key=lambda p: (p.area, -1 if p.officer is None else p.officer)):
        parts.setdefault(piece.area, []).append(placed[piece])
    fitted.placements = [
        AreaPlacement(tuple(parts[index]), index in split) for index in range(len(areas))
    ]
    return fitted


@dataclass
class _Over:
    pieces: list[Piece]
    """The leaflets still over their pages at the last step."""
    warnings: list[str]


def _ladder(
    renderer: Renderer,
    settings: Settings,
    spec: FormatSpec,
    areas: Sequence[Area],
    language: str,
    pending: list[Piece],
    context: PageContext,
    placed: dict[Piece, Placement],
) -> _Over:
    """`pending` laid out at each step in turn; those that fit are placed and left behind."""
    warnings: list[str] = []
    for density in range(spec.fitting_steps):
        views = [
            leaflet_view(
                areas[piece.area],
                spec,
                settings.config,
                density,
                language,
                shown=None if piece.officer is None else (piece.officer,),
            )
            for piece in pending
        ]
        rendered = renderer.render(spec, views, language=language, **context.variables())
        warnings.extend(rendered.warnings)
        for position, piece in enumerate(pending):
            placed[piece] = Placement(rendered, position, density)
        pending = [
            piece
            for position, piece in enumerate(pending)
            if rendered.page_count(position) > spec.pages
        ]
        if not pending:
            break
    return _Over(pending, warnings)


def _pieces(spec: FormatSpec, areas: Sequence[Area]) -> list[Piece]:
    """The leaflets of a batch: one per officer where each has pages of their own, else one
    per area (an area without officers is one leaflet either way)."""
    if not spec.per_officer:
        return [Piece(index) for index in range(len(areas))]
    return [
        Piece(index, officer if area.officers else None)
        for index, area in enumerate(areas)
        for officer in range(max(1, len(area.officers)))
    ]


def write_area_pdf(
    settings: Settings,
    area: Area,
    spec: FormatSpec,
    placed: AreaPlacement,
    language: str = SOURCE,
) -> None:
    title = document_title(area, language)
    path = area_pdf(settings, area, spec.name, language)
    parts = [(part.rendered, part.position) for part in placed.parts]
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
