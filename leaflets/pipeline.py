"""run(settings) -> Report: read, validate, group, render and write, one logged step each."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any, Literal

from pypdf import PdfWriter

from leaflets.areas import Area, Grouping, Officer, group_areas
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
from leaflets.config import DENSITY_STEPS, FORMATS, FormatSpec, Settings, contrast_ratio
from leaflets.content import oversized_codes
from leaflets.errors import NotFoundError, RenderError, UsageError
from leaflets.i18n import catalogs_digest, edition
from leaflets.imposition import LAYOUTS, Leaflet, impose, leaflets_from_pdf
from leaflets.lookup import (
    Address,
    find_by_address,
    find_by_name,
    find_overlaps,
    parse_address,
    suggest_streets,
)
from leaflets.output import atomic_file, merge_pdfs, write_json
from leaflets.problem_report import write_problem_report
from leaflets.problems import Problem, RowRef, Severity
from leaflets.render import digest_folder, packaged_templates
from leaflets.roster import Roster, read_rosters
from leaflets.validation import validate

log = logging.getLogger(__name__)

BATCH_SIZE = 40
WORKER_TASKS = 25
IN_PROCESS_BELOW = 30
"""Batches a worker renders before it is replaced, so WeasyPrint caches cannot grow forever."""
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RowStatus:
    where: RowRef
    status: Literal["ok", "rejected"]
    area: str | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Report:
    rows: tuple[RowStatus, ...]
    areas: tuple[Area, ...]
    files: tuple[Path, ...]
    problems: tuple[Problem, ...]
    rendered: bool

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def officers(self) -> int:
        return len({o.key for a in self.areas for o in a.officers})

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


@dataclass(frozen=True)
class Intake:
    """Steps 1–3: what the rosters hold, as areas, with every problem found so far."""

    roster: Roster
    grouping: Grouping
    problems: tuple[Problem, ...]


def intake(settings: Settings) -> Intake:
    log.info("Krok 1/5 — czytanie arkuszy: %s", ", ".join(map(str, settings.rosters)))
    roster = read_rosters(
        settings.rosters, encoding=settings.encoding, delimiter=settings.delimiter
    )
    log.info("Krok 2/5 — sprawdzanie %d wierszy", len(roster.rows))
    validated = validate(roster.rows, settings.config, roster.base_dirs)
    log.info("Krok 3/5 — grupowanie w rejony")
    grouping = group_areas(validated.records)
    return Intake(
        roster,
        grouping,
        (
            *roster.problems,
            *validated.problems,
            *grouping.problems,
            *_overlap_problems(grouping.areas),
            *_config_problems(settings),
        ),
    )


def find(settings: Settings, *, address: str = "", name: str = "") -> Found:
    """`leaflets find`: the areas covering an address, or the officers matching a name."""
    areas = intake(settings).grouping.areas
    if bool(address) == bool(name):
        raise UsageError("Podaj dokładnie jedno: --adres albo --nazwisko.")
    if name:
        officers = find_by_name(areas, name)
        matches = [
            FoundArea(area, (match.officer,), None) for match in officers for area in match.areas
        ]
        return Found(name, matches, [])
    parsed = _parse_address(address)
    matches = [
        FoundArea(m.area, m.area.officers, m.line.text) for m in find_by_address(areas, parsed)
    ]
    suggestions = [] if matches else suggest_streets(areas, parsed.street)
    return Found(address, matches, suggestions)


def _parse_address(text: str) -> Address:
    parsed = parse_address(text)
    if parsed is None:
        raise UsageError(
            f"Nie rozumiem adresu „{text}”. Podaj go jak na kopercie, "
            "np. „ul. Chojnowska 12, Legnica”."
        )
    return parsed


@dataclass(frozen=True)
class FoundArea:
    area: Area
    officers: tuple[Officer, ...]
    covered_by: str | None
    """The description segment that matched the address (None for a name search)."""


@dataclass(frozen=True)
class Found:
    query: str
    matches: list[FoundArea]
    suggestions: list[str]
    """Nearest street names when an address matched nothing."""

    @property
    def exit_code(self) -> int:
        return 0 if self.matches else 1

    def as_json(self) -> list[dict[str, Any]]:
        return [
            {
                "unit": m.area.unit.name,
                "area": m.area.number,
                "area_name": m.area.name,
                "officers": [
                    {
                        "rank": o.rank,
                        "name": o.name,
                        "phone": o.phone.national,
                        "email": o.email,
                    }
                    for o in m.officers
                ],
                "covered_by": m.covered_by,
            }
            for m in self.matches
        ]


def run(settings: Settings, *, write: bool = True, progress: Progress | None = None) -> Report:
    """Build (write=True) or only check (write=False) the leaflets for `settings.rosters`."""
    loaded = intake(settings)
    roster, grouping, problems = loaded.roster, loaded.grouping, list(loaded.problems)
    areas = grouping.areas
    if settings.address:
        parsed = _parse_address(settings.address)
        areas = tuple(m.area for m in find_by_address(areas, parsed))
        if not areas:
            hints = ", ".join(suggest_streets(grouping.areas, parsed.street))
            raise NotFoundError(
                f"Żaden rejon nie obejmuje adresu „{settings.address}”."
                + (f" Podobne ulice: {hints}." if hints else "")
            )

    areas, oversized = _fit_codes(settings, areas, problems)
    errors = any(p.is_error for p in problems)
    render = not (settings.strict and errors)
    files: list[Path] = []
    files_by_area: dict[str, dict[str, str]] = {}
    if render and areas:
        log.info("Krok 4/5 — składanie %d rejonów", len(areas))
        allowed = [*roster.base_dirs.values()]
        if settings.config.logo is not None:
            allowed.append(settings.config.logo.parent)
        job = Job(settings, tuple(allowed), write)
        outcome = _render(job, areas, progress)
        problems.extend(_render_problems(areas, outcome.results))
        if write:
            files, files_by_area = _files(settings, areas, outcome)
            if settings.sheets:
                files.extend(_impose(settings, areas, problems))
        files.extend(_render_indexes(job, areas, problems))
    elif not render:
        log.info("Krok 4/5 — pominięty: tryb --strict i są błędy")

    refs = [row.where for row in roster.rows]
    rejected = grouping.rejected | {ref for area in oversized for ref in area.rows}
    rows = _row_statuses(refs, grouping.areas, rejected, problems)
    report = Report(tuple(rows), tuple(areas), tuple(files), tuple(problems), render)
    if write:
        log.info("Krok 5/5 — zapis manifest.json i problemy.xlsx")
        manifest = settings.out / "manifest.json"
        write_json(manifest, _manifest(report, files_by_area))
        problems_file = settings.out / "problemy.xlsx"
        write_problem_report(problems_file, report.problems, settings.config.as_of)
        report = replace(report, files=(*report.files, manifest, problems_file))
    return report


def _fit_codes(
    settings: Settings, areas: Sequence[Area], problems: list[Problem]
) -> tuple[tuple[Area, ...], list[Area]]:
    """Areas whose QR payloads (a long unit name or e-mail in the contact card) do not fit a
    format at its minimum module size are errors, not shrunken codes: they are left out."""
    kept: list[Area] = []
    dropped: list[Area] = []
    for area in areas:
        too_big = [
            (spec, caption, size)
            for spec in (FORMATS[name] for name in settings.formats if not FORMATS[name].per_unit)
            for caption, size in oversized_codes(area, spec, settings.config)
        ]
        for spec, caption, size in too_big:
            problems.append(
                Problem(
                    Severity.ERROR,
                    f"{spec.name}, rejon {area.number}: kod QR „{caption}” potrzebuje "
                    f"{size:.0f} mm przy module {spec.qr_module_mm} mm, a miejsca "
                    f"jest {spec.qr_max_mm:.0f} mm — skróć dane (np. nazwę jednostki albo "
                    "e-mail); rejon pominięty",
                    area.rows[0],
                )
            )
        (dropped if too_big else kept).append(area)
    return tuple(kept), dropped


def _overlap_problems(areas: Sequence[Area]) -> list[Problem]:
    """Every address claimed by two areas is a warning on the second area's first row."""
    return [
        Problem(
            Severity.WARNING,
            f"{overlap.street}, {overlap.description}: adres należy do dwóch rejonów — "
            f"{_area_name(overlap.first)} i {_area_name(overlap.second)}",
            overlap.second.rows[0],
            "ulice",
        )
        for overlap in find_overlaps(areas)
    ]


def _area_name(area: Area) -> str:
    return f"rejon {area.number}" + (f" ({area.unit.name})" if area.unit.name else "")


def _config_problems(settings: Settings) -> list[Problem]:
    config = settings.config
    found = []
    if config.moja_komenda_is_default:
        found.append(
            Problem(
                Severity.WARNING,
                f"używany jest domyślny link do aplikacji Moja Komenda ({config.moja_komenda_url})"
                " — wpisz właściwy w leaflets.toml, sekcja [linki], klucz moja_komenda",
            )
        )
    for colour in (config.primary_color, config.accent_color):
        ratio = contrast_ratio(colour, "#ffffff")
        if ratio < 4.5:
            found.append(
                Problem(
                    Severity.WARNING,
                    f"kolor {colour} ma za mały kontrast z białym tłem "
                    f"({ratio:.1f}:1, potrzeba co najmniej 4,5:1) — tekst może być nieczytelny",
                )
            )
    return found


CACHE_NAME = ".leaflets-cache.json"
INDEX_CACHE_NAME = ".leaflets-cache-jednostki.json"


@dataclass(frozen=True)
class _Outcome:
    results: list[AreaResult]
    """One per (format, area): rendered now or taken from the cache."""
    stale: set[Path]
    """Combined print files whose unit had an area rendered in this run."""
    written: set[Path]
    """Combined print files the workers already wrote from whole-unit batches."""


def _render(job: Job, areas: Sequence[Area], progress: Progress | None) -> _Outcome:
    """Render every (format, area) whose inputs changed since the last build into the same
    folder (all of them with --force), in batches of one unit each, in worker processes."""
    settings = job.settings
    cache_path = settings.out / CACHE_NAME
    cache = _load_cache(cache_path) if job.write and not settings.force else {}
    templates = _templates_digest(settings)
    results: list[AreaResult] = []
    tasks: list[_Task] = []
    digests: dict[str, str] = {}
    for name, language in _area_editions(settings):
        by_unit: dict[str, list[tuple[int, Area]]] = {}
        for index, area in enumerate(areas):
            key = f"{edition(language).file_name(name)}/{area.path}"
            digests[key] = _digest(area, FORMATS[name], settings, templates)
            cached = cache.get(key)
            pdf = area_pdf(settings, area, name, language)
            if cached and cached["digest"] == digests[key] and pdf.is_file():
                results.append(
                    AreaResult(index, name, cached["pages"], cached["density"], language=language)
                )
            else:
                by_unit.setdefault(area.unit.slug, []).append((index, area))
        for unit, items in by_unit.items():
            whole = len(items) == sum(a.unit.slug == unit for a in areas)
            for start in range(0, len(items), BATCH_SIZE):
                chunk = items[start : start + BATCH_SIZE]
                single = whole and len(items) <= BATCH_SIZE
                combined = unit_pdf(settings, unit, name, language=language) if single else None
                tasks.append((name, chunk, combined, language))
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
            cache_path,
            {
                f"{r.name}/{areas[r.index].path}": {
                    "digest": digests[f"{r.name}/{areas[r.index].path}"],
                    "pages": r.pages,
                    "density": r.density,
                }
                for r in sorted(results, key=lambda r: (r.name, r.index))
            },
        )
    return _Outcome(
        results,
        stale={
            unit_pdf(settings, c.unit.slug, n, language=lang)
            for n, items, _, lang in tasks
            for _, c in items
        },
        written={combined for _, _, combined, _ in tasks if combined is not None},
    )


def _impose(settings: Settings, areas: Sequence[Area], problems: list[Problem]) -> list[Path]:
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


def _render_indexes(job: Job, areas: Sequence[Area], problems: list[Problem]) -> list[Path]:
    """Per-unit documents (the street index): one small document per unit, rendered in this
    process when the unit's areas changed since the last build."""
    settings = job.settings
    specs = [FORMATS[name] for name in settings.formats if FORMATS[name].per_unit]
    if not specs:
        return []
    units: dict[str, list[Area]] = {}
    for area in areas:
        units.setdefault(area.unit.slug, []).append(area)
    cache_path = settings.out / INDEX_CACHE_NAME
    cache = _load_cache(cache_path) if job.write and not settings.force else {}
    templates = _templates_digest(settings)
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


_Task = tuple[str, list[tuple[int, Area]], Path | None, str]
"""One batch for a worker: format, (index, area) items, the unit's print file, language."""


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
    text = repr((area, photos, spec, settings.config, templates, version("leaflets")))
    return hashlib.sha256(text.encode()).hexdigest()


def _load_cache(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _render_problems(areas: Sequence[Area], results: Sequence[AreaResult]) -> list[Problem]:
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
                f"lista ulic zmniejszona (stopień {result.density} z {DENSITY_STEPS - 1}),"
                " aby zmieścić się na stronie"
            )
        else:
            continue
        found.append(
            Problem(
                Severity.WARNING,
                f"{result.name}, rejon {area.number}: {message}",
                area.rows[0],
                "ulice",
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


def _files(
    settings: Settings, areas: Sequence[Area], outcome: _Outcome
) -> tuple[list[Path], dict[str, dict[str, str]]]:
    """The per-area files, and one combined print file per unit and format: written by the
    worker when it rendered the whole unit, otherwise merged here from the area files."""
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


def _row_statuses(
    rows: Sequence[RowRef],
    grouping_areas: Sequence[Area],
    rejected: frozenset[RowRef],
    problems: Sequence[Problem],
) -> list[RowStatus]:
    area_of = {ref: area.path for area in grouping_areas for ref in area.rows}
    by_row: dict[RowRef, list[Problem]] = {}
    for problem in problems:
        if problem.where is not None:
            by_row.setdefault(problem.where, []).append(problem)
    statuses = []
    for ref in rows:
        area = area_of.get(ref)
        ok = area is not None and ref not in rejected
        statuses.append(
            RowStatus(
                ref, "ok" if ok else "rejected", area if ok else None, tuple(by_row.get(ref, ()))
            )
        )
    return statuses


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "severity": problem.severity.value,
        "column": problem.column,
        "message": problem.message,
        "value": problem.value,
    }


def _manifest(report: Report, files: dict[str, dict[str, str]]) -> dict[str, Any]:
    return {
        "rows": [
            {
                "file": row.where.file,
                "sheet": row.where.sheet,
                "row": row.where.row,
                "status": row.status,
                "area": row.area,
                "problems": [_problem_json(p) for p in row.problems],
            }
            for row in report.rows
        ],
        "areas": [
            {
                "id": area.path,
                "unit": area.unit.name,
                "number": area.number,
                "name": area.name,
                "officers": [
                    {
                        "rank": officer.rank,
                        "name": officer.name,
                        "phone": officer.phone.national,
                        "email": officer.email,
                    }
                    for officer in area.officers
                ],
                "files": files.get(area.path, {}),
            }
            for area in report.areas
        ],
        "problems": [
            {**_problem_json(p), "where": p.where.describe() if p.where else ""}
            for p in report.problems
        ],
    }
