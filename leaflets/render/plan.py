"""The render plan: which (format, edition, area) files need rendering, in which batches and
processes, and the per-unit documents; what comes out is a result per area file."""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from leaflets._gc import roster_set_aside
from leaflets.areas import Area
from leaflets.config import Settings
from leaflets.errors import RenderError
from leaflets.formats import FORMATS
from leaflets.output.files import file_digest, write_json
from leaflets.output.paths import (
    INDEX_CACHE,
    area_pdf,
    edition_name,
    unit_document,
    unit_folder,
    unit_pdf,
)
from leaflets.render import workers as worker
from leaflets.render.cache import ContentCache, Entry, digest, load_json
from leaflets.render.workers import AreaResult, Job, Task

log = logging.getLogger(__name__)

BATCH_SIZE = 40
"""Most areas in one batch (one WeasyPrint document): larger batches share more of the
document set-up, smaller ones keep a worker's memory down (docs/decisions.md)."""
WORKER_TASKS = 100
"""Batches a worker renders before it is replaced, so WeasyPrint caches cannot grow forever
(docs/decisions.md, "Workers recycled after 100 batches, not 25")."""
IN_PROCESS_BELOW = 30
"""Below this many leaflets one process is faster than starting workers (each starts
WeasyPrint and its fonts anew), unless they were started while the roster was read."""
BATCHES_PER_WORKER = 2
"""A unit-sized run is cut into at least this many batches per worker, so every core has work
and the last batch to finish is small."""
Progress = Callable[[int, int], None]
Finished = Callable[[Sequence[tuple[Area, AreaResult]]], None]
"""Told which area files are complete: those current from the cache first, then each batch's
as it comes back (before `progress` counts it), so a caller can show them while the run goes
on (the web app's thumbnails)."""


def area_editions(settings: Settings) -> list[tuple[str, str]]:
    """(format, language) for every per-area file a build writes."""
    return [
        (name, language)
        for name in settings.formats
        if not FORMATS[name].per_unit and not FORMATS[name].per_meeting
        for language in settings.languages
    ]


@dataclass(frozen=True)
class Outcome:
    results: list[AreaResult]
    """One per (format, edition, area): rendered now or taken from the cache."""
    written: set[Path]
    """Combined print files the workers already merged from whole-unit batches."""


class Workers:
    """The worker processes of a run. Started early (`start`) they import WeasyPrint and set
    up their fonts while the parent reads the roster; started late they cost that time."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.count = job.settings.jobs or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None
        self.started_early = False

    def start(self, leaflets: int) -> None:
        """Start the workers now for about `leaflets` to render, if that many are worth it."""
        if self.count > 1 and self._pool is None and leaflets >= IN_PROCESS_BELOW:
            self._pool = self._new_pool(self.count)
            for _ in range(self.count):
                self._pool.submit(_ready)
            self.started_early = True

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        # spawn, not fork: WeasyPrint's font configuration must not be shared across a fork.
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=worker.start_worker,
            initargs=(self.job, os.getpid()),
        )

    def close(self, *, stop: bool = False) -> None:
        """Shut the workers down; `stop`: now, without finishing their batches (the run was
        interrupted: a killed write leaves only a temporary file, removed by the next build)."""
        if self._pool is not None:
            if stop:
                for process in list(getattr(self._pool, "_processes", {}).values()):
                    process.terminate()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.close(stop=kind is not None)

    def run(self, tasks: Sequence[Task]) -> Iterator[list[AreaResult]]:
        """Each task's results as it finishes."""
        leaflets = sum(len(task.items) for task in tasks)
        in_process = (
            self.count == 1
            or len(tasks) <= 1
            or (leaflets < IN_PROCESS_BELOW and not self.started_early)
        )
        if in_process:
            self.close()
            with roster_set_aside():
                worker.init_worker(self.job)
                for task in tasks:
                    yield worker.render_batch(task)
            return
        # Workers are recycled by a fresh pool every `count * WORKER_TASKS` batches, so caches
        # cannot grow without bound; ProcessPoolExecutor's own max_tasks_per_child deadlocked
        # on Python 3.11 in the national benchmark (docs/decisions.md).
        per_pool = self.count * WORKER_TASKS
        for start in range(0, len(tasks), per_pool):
            if self._pool is None:
                self._pool = self._new_pool(min(self.count, len(tasks) - start))
            futures: dict[Future[list[AreaResult]], Task] = {
                self._pool.submit(worker.render_batch, task): task
                for task in tasks[start : start + per_pool]
            }
            try:
                for future in as_completed(futures):
                    yield future.result()
            except BrokenProcessPool as exc:
                unfinished = [task for future, task in futures.items() if not _succeeded(future)]
                raise RenderError(_worker_died(unfinished)) from exc
            if start + per_pool < len(tasks):
                self.close()


def _succeeded(future: Future[list[AreaResult]]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _worker_died(unfinished: Sequence[Task]) -> str:
    """What the user is told when a worker process dies (killed, or by the kernel for lack
    of memory): the areas being rendered then, and that the files written are complete."""
    areas = [f"{area.number} ({area.unit.name}, {task.format})" for task in unfinished
             for _, area in task.items]  # fmt: skip
    shown = ", ".join(areas[:5]) + (f" i {len(areas) - 5} innych" if len(areas) > 5 else "")
    return (
        "proces składający ulotki zakończył się nagle (przerwany z zewnątrz albo zabrakło"
        f" mu pamięci) podczas składania rejonów: {shown}. Pliki zapisane wcześniej są"
        " kompletne — uruchom budowanie ponownie; jeśli to się powtarza, użyj --jobs 1."
    )


def _ready() -> None:
    """A no-op task: submitting one per worker makes the pool start them now."""


def batch_size(leaflets: int, workers: int) -> int:
    """Batches small enough that each worker gets `BATCHES_PER_WORKER` of a small run, and
    never larger than `BATCH_SIZE`."""
    return max(1, min(BATCH_SIZE, math.ceil(leaflets / (workers * BATCHES_PER_WORKER))))


@dataclass
class _Plan:
    results: list[AreaResult] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


def render_areas(
    workers: Workers,
    areas: Sequence[Area],
    progress: Progress | None,
    cache: ContentCache,
    finished: Finished | None = None,
) -> Outcome:
    """Render every (format, edition, area) whose inputs changed since the last build into
    the same folder (all of them with --force), in batches, in worker processes."""
    settings = workers.job.settings
    plan = _plan(workers, areas, cache)
    total = len(areas) * len(area_editions(settings))
    done = len(plan.results)
    if finished and plan.results:
        finished([(areas[r.index], r) for r in plan.results])
    if progress:
        progress(done, total)
    results = list(plan.results)
    for batch in workers.run(plan.tasks):
        results.extend(batch)
        done += len(batch)
        if finished:
            finished([(areas[r.index], r) for r in batch])
        if progress:
            progress(done, total)
    if workers.job.write:
        entries = {
            cache.key(r.format, r.language, areas[r.index]): Entry(
                cache.digest(r.format, r.language, areas[r.index]),
                r.pages,
                r.density,
                r.near_edge,
                file_digest(area_pdf(settings, areas[r.index], r.format, r.language)) or "",
                r.split,
            )
            for r in sorted(results, key=lambda r: (r.name, r.index))
        }
        cache.save(entries)
    return Outcome(
        results,
        written={task.print_file for task in plan.tasks if task.print_file is not None},
    )


def _plan(workers: Workers, areas: Sequence[Area], cache: ContentCache) -> _Plan:
    """Cached results for the current files, and batches of one unit each for the rest."""
    settings = workers.job.settings
    plan = _Plan()
    pending: list[tuple[str, str, dict[str, list[tuple[int, Area]]]]] = []
    for name, language in area_editions(settings):
        by_unit: dict[str, list[tuple[int, Area]]] = {}
        for index, area in enumerate(areas):
            cached = cache.hit(name, language, area)
            if cached:
                plan.results.append(
                    AreaResult(
                        index,
                        name,
                        cached.pages,
                        cached.density,
                        language=language,
                        near_edge=cached.near_edge,
                        split=cached.split,
                    )
                )
            else:
                by_unit.setdefault(unit_folder(area.unit), []).append((index, area))
        pending.append((name, language, by_unit))
    leaflets = sum(len(items) for *_, by_unit in pending for items in by_unit.values())
    size = batch_size(leaflets, workers.count)
    unit_sizes: dict[str, int] = {}
    for area in areas:
        unit_sizes[unit_folder(area.unit)] = unit_sizes.get(unit_folder(area.unit), 0) + 1
    for name, language, by_unit in pending:
        for unit, items in by_unit.items():
            whole = len(items) == unit_sizes[unit] and len(items) <= size
            combined = unit_pdf(settings, unit, name, language=language) if whole else None
            for start in range(0, len(items), size):
                chunk = tuple(items[start : start + size])
                plan.tasks.append(Task(name, chunk, language, combined))
    return plan


def render_indexes(workers: Workers, areas: Sequence[Area], templates: str) -> list[RenderedUnit]:
    """Per-unit documents (the street index): one small document per unit, rendered in this
    process when the unit's areas changed since the last build. `templates`: the run's
    templates digest (`ContentCache.templates`)."""
    job = workers.job
    settings = job.settings
    specs = [FORMATS[name] for name in settings.formats if FORMATS[name].per_unit]
    if not specs:
        return []
    units: dict[str, list[Area]] = {}
    for area in areas:
        units.setdefault(unit_folder(area.unit), []).append(area)
    # An index without a single street would be a page with only its heading: not written.
    units = {unit: found for unit, found in units.items() if any(a.lines for a in found)}
    cache_path = settings.out / INDEX_CACHE
    cache = load_json(cache_path) if not settings.force else {}
    done: list[RenderedUnit] = []
    with roster_set_aside():
        for spec in specs:
            for unit, unit_areas in units.items():
                for language in settings.languages:
                    path = unit_document(settings, unit, spec, language)
                    key = f"{edition_name(spec.name, language)}/{unit}"
                    current = digest(tuple(unit_areas), spec, settings, templates)
                    entry = cache.get(key)
                    fresh = isinstance(entry, dict) and entry.get("digest") == current
                    if fresh and path.is_file():
                        done.append(RenderedUnit(path, ()))
                        continue
                    warnings = worker.render_unit(job, spec, unit_areas, path, language)
                    done.append(RenderedUnit(path, tuple(warnings), written=job.write))
                    if job.write:
                        cache[key] = {"digest": current}
    if job.write:
        write_json(cache_path, dict(sorted(cache.items())))
    return done if job.write else [RenderedUnit(None, unit.warnings) for unit in done]


@dataclass(frozen=True)
class RenderedUnit:
    """A per-unit document of this run: its file (None when only checking) and WeasyPrint's
    warnings (empty for a file that was current)."""

    path: Path | None
    warnings: tuple[str, ...]
    written: bool = False
    """Laid out and written in this run (not current from before)."""
