"""run(settings) -> Report: read, validate, group, render and write, one logged step each."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from leaflets.areas import Area, group_areas
from leaflets.config import DENSITY_STEPS, FORMATS, FormatSpec, Settings, contrast_ratio
from leaflets.content import LeafletView, as_of_text, leaflet_view
from leaflets.output import write_atomic, write_json
from leaflets.problem_report import write_problem_report
from leaflets.problems import Problem, RowRef, Severity
from leaflets.render import Rendered, Renderer, write_pages
from leaflets.roster import read_rosters
from leaflets.validation import validate

log = logging.getLogger(__name__)

BATCH_SIZE = 40
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


def run(settings: Settings, *, write: bool = True, progress: Progress | None = None) -> Report:
    """Build (write=True) or only check (write=False) the leaflets for `settings.rosters`."""
    log.info("Krok 1/5 — czytanie arkuszy: %s", ", ".join(map(str, settings.rosters)))
    roster = read_rosters(
        settings.rosters, encoding=settings.encoding, delimiter=settings.delimiter
    )
    log.info("Krok 2/5 — sprawdzanie %d wierszy", len(roster.rows))
    validated = validate(roster.rows, settings.config, roster.base_dirs)
    log.info("Krok 3/5 — grupowanie w rejony")
    grouping = group_areas(validated.records)
    problems = [
        *roster.problems,
        *validated.problems,
        *grouping.problems,
        *_config_problems(settings),
    ]

    errors = any(p.is_error for p in problems)
    render = not (settings.strict and errors)
    files: list[Path] = []
    files_by_area: dict[str, dict[str, str]] = {}
    if render and grouping.areas:
        log.info("Krok 4/5 — składanie %d rejonów", len(grouping.areas))
        allowed = [*roster.base_dirs.values()]
        if settings.config.logo is not None:
            allowed.append(settings.config.logo.parent)
        renderer = Renderer(settings.templates, allowed)
        layouts = _layout(renderer, settings, grouping.areas, problems, progress)
        if write:
            files, files_by_area = _write(settings, grouping.areas, layouts)
        problems.extend(_fetch_problems(renderer))
    elif not render:
        log.info("Krok 4/5 — pominięty: tryb --strict i są błędy")

    refs = [row.where for row in roster.rows]
    rows = _row_statuses(refs, grouping.areas, grouping.rejected, problems)
    report = Report(tuple(rows), grouping.areas, tuple(files), tuple(problems), render)
    if write:
        log.info("Krok 5/5 — zapis manifest.json i problemy.xlsx")
        manifest = settings.out / "manifest.json"
        write_json(manifest, _manifest(report, files_by_area))
        problems_file = settings.out / "problemy.xlsx"
        write_problem_report(problems_file, report.problems)
        report = replace(report, files=(*report.files, manifest, problems_file))
    return report


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
    ratio = contrast_ratio(config.primary_color, "#ffffff")
    if ratio < 4.5:
        found.append(
            Problem(
                Severity.WARNING,
                f"kolor {config.primary_color} ma za mały kontrast z białym tłem "
                f"({ratio:.1f}:1, potrzeba co najmniej 4,5:1) — tekst może być nieczytelny",
            )
        )
    return found


def _context(settings: Settings, title: str) -> dict[str, Any]:
    config = settings.config
    return {
        "title": title,
        "author": config.unit.name or "leaflets",
        "created": config.as_of.isoformat(),
        "as_of": as_of_text(config.as_of),
        "colors": {"primary": config.primary_color, "accent": config.accent_color},
        "specimen": config.specimen,
        "logo": config.logo.as_uri() if config.logo else "",
    }


Layout = dict[str, list[tuple[Rendered, int]]]
"""Format name -> for each area (in order), the batch holding its pages and its index there."""


def _layout(
    renderer: Renderer,
    settings: Settings,
    areas: Sequence[Area],
    problems: list[Problem],
    progress: Progress | None,
) -> Layout:
    specs = [FORMATS[name] for name in settings.formats]
    total, done = len(areas) * len(specs), 0
    layouts: Layout = {}
    for spec in specs:
        placed: list[tuple[Rendered, int]] = []
        for start in range(0, len(areas), BATCH_SIZE):
            chunk = areas[start : start + BATCH_SIZE]
            placed.extend(_fit(renderer, settings, spec, chunk, problems))
            done += len(chunk)
            if progress:
                progress(done, total)
        layouts[spec.name] = placed
    return layouts


def _fit(
    renderer: Renderer,
    settings: Settings,
    spec: FormatSpec,
    areas: Sequence[Area],
    problems: list[Problem],
) -> list[tuple[Rendered, int]]:
    """Lay out a batch; areas that run over their pages are laid out again, denser, down to
    the legibility floor, and then allowed to continue on another page (with a warning)."""
    context = _context(settings, f"Twój dzielnicowy — {spec.description}")
    placed: dict[int, tuple[Rendered, int]] = {}
    densities: dict[int, int] = {}
    pending = list(range(len(areas)))
    for density in range(DENSITY_STEPS):
        views: list[LeafletView] = [
            leaflet_view(areas[i], spec, settings.config, density) for i in pending
        ]
        rendered = renderer.render(spec, views, **context)
        problems.extend(
            Problem(Severity.WARNING, f"WeasyPrint: {message}") for message in rendered.warnings
        )
        for position, index in enumerate(pending):
            placed[index], densities[index] = (rendered, position), density
        pending = [
            index
            for position, index in enumerate(pending)
            if rendered.page_count(position) > spec.expected_pages(len(areas[index].officers))
        ]
        if not pending:
            break
    for index, area in enumerate(areas):
        rendered, position = placed[index]
        pages = rendered.page_count(position)
        expected = spec.expected_pages(len(area.officers))
        if pages > expected:
            message = (
                f"treść nie mieści się na {expected} str. nawet po zmniejszeniu listy ulic"
                f" — ulotka ma {pages} str."
            )
        elif densities[index]:
            message = (
                f"lista ulic zmniejszona (stopień {densities[index]} z {DENSITY_STEPS - 1}),"
                " aby zmieścić się na stronie"
            )
        else:
            continue
        problems.append(
            Problem(
                Severity.WARNING,
                f"{spec.name}, rejon {area.number}: {message}",
                area.rows[0],
                "ulice",
            )
        )
    return [placed[index] for index in range(len(areas))]


def _write(
    settings: Settings, areas: Sequence[Area], layouts: Layout
) -> tuple[list[Path], dict[str, dict[str, str]]]:
    """Per-area files, then one combined print file per unit and format."""
    files: list[Path] = []
    by_area: dict[str, dict[str, str]] = {area.path: {} for area in areas}
    for format_name, placed in layouts.items():
        spec = FORMATS[format_name]
        by_unit: dict[str, list[tuple[Rendered, int]]] = {}
        for area, part in zip(areas, placed, strict=True):
            relative = Path(area.path) / f"{format_name}.pdf"
            title = f"Twój dzielnicowy — {area.unit.name}, rejon {area.number}".replace(" , ", " ")
            _write_pdf(settings.out / relative, [part], title)
            files.append(settings.out / relative)
            by_area[area.path][format_name] = relative.as_posix()
            by_unit.setdefault(area.unit.slug, []).append(part)
        for unit_slug, parts in by_unit.items():
            path = settings.out / unit_slug / f"druk-{format_name}.pdf"
            _write_pdf(path, parts, f"Twój dzielnicowy — {spec.description}, wszystkie rejony")
            files.append(path)
    return files, by_area


def _write_pdf(path: Path, parts: list[tuple[Rendered, int]], title: str) -> None:
    # A fixed identifier derived from the file's place keeps rebuilds byte-identical.
    identifier = hashlib.md5(path.as_posix().encode(), usedforsecurity=False).hexdigest()
    write_atomic(
        path, lambda handle: write_pages(parts, handle, title=title, identifier=identifier.encode())
    )
    log.info("zapisano %s", path)


def _fetch_problems(renderer: Renderer) -> list[Problem]:
    return [
        Problem(
            Severity.WARNING,
            f"szablon odwołuje się do zasobu spoza dozwolonych folderów — pominięto: {url}",
        )
        for url in dict.fromkeys(renderer.fetcher.refused)
    ]


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
