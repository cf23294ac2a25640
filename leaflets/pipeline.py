"""run(settings) -> Report: read, validate, group, render and write, one logged step each."""

from __future__ import annotations

import logging
from collections.abc import Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from leaflets.areas import Area, Grouping, Officer, find_officers, group_areas
from leaflets.batches import Job, roster_set_aside
from leaflets.build import (
    ContentCache,
    Progress,
    area_files,
    impose_sheets,
    render_areas,
    render_indexes,
    render_problems,
)
from leaflets.config import FORMATS, Settings, contrast_ratio
from leaflets.content import oversized_codes
from leaflets.errors import NotFoundError, UsageError
from leaflets.output import prepare_folder, write_json
from leaflets.problem_report import write_problem_report
from leaflets.problems import Problem, RowRef, Severity
from leaflets.roster import Roster, read_rosters
from leaflets.streets import (
    Address,
    answer_address,
    find_by_address,
    find_overlaps,
    parse_address,
    suggest_streets,
)
from leaflets.validation import validate

log = logging.getLogger(__name__)


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
        officers = find_officers(areas, name)
        matches = [
            FoundArea(area, (match.officer,), None) for match in officers for area in match.areas
        ]
        return Found(name, matches, [], "found" if matches else "no_such_person")
    answer = answer_address(areas, _parse_address(address))
    matches = [
        FoundArea(m.area, m.area.officers, m.line.text, m.certainty, m.approximate)
        for m in answer.matches
    ]
    return Found(address, matches, list(answer.suggestions), answer.reason, answer.message)


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
    certainty: str = "exact"
    """`part`: the street is only partly in the area; `unsure`: the line was not understood."""
    approximate: bool = False
    """The street's name matched with a typo or a first name left out or added."""


@dataclass(frozen=True)
class Found:
    query: str
    matches: list[FoundArea]
    suggestions: list[str]
    """Nearest street names when an address matched nothing."""
    reason: str = "found"
    """`found`, `number_not_covered`, `no_such_street`, `no_such_person`."""
    message: str = ""
    """Polish: why nothing was found (the street's parts when only the number is not)."""

    @property
    def exit_code(self) -> int:
        return 0 if self.matches else 1

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "reason": self.reason,
            "message": self.message,
            "suggestions": self.suggestions,
            "matches": self._matches_json(),
        }

    def _matches_json(self) -> list[dict[str, Any]]:
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
                "certainty": m.certainty,
                "approximate": m.approximate,
            }
            for m in self.matches
        ]


def run(settings: Settings, *, write: bool = True, progress: Progress | None = None) -> Report:
    """Build (write=True) or only check (write=False) the leaflets for `settings.rosters`."""
    if write:
        prepare_folder(settings.out)
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

    cache = ContentCache.load(settings, write=write)
    areas, oversized = _fit_codes(settings, areas, problems, checked=cache.current(areas))
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
        with roster_set_aside():
            outcome = render_areas(job, areas, progress, cache)
            problems.extend(render_problems(areas, outcome.results))
            if write:
                files, files_by_area = area_files(settings, areas, outcome)
                if settings.sheets:
                    files.extend(impose_sheets(settings, areas, problems))
            files.extend(render_indexes(job, areas, problems, cache.templates))
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
    settings: Settings,
    areas: Sequence[Area],
    problems: list[Problem],
    checked: Set[str] = frozenset(),
) -> tuple[tuple[Area, ...], list[Area]]:
    """Areas whose QR payloads (a long unit name or e-mail in the contact card) do not fit a
    format at its minimum module size are errors, not shrunken codes: they are left out.
    `checked`: paths of areas rendered from the same inputs before (so their codes fit); a
    rebuild after one changed row then checks one area, not 8,300 (2.4 s)."""
    kept: list[Area] = []
    dropped: list[Area] = []
    for area in areas:
        if area.path in checked:
            kept.append(area)
            continue
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
