"""run(settings) -> Report: read, check, group, render and write, one logged step each.

Log levels mean what WeasyPrint's do: errors are problems that stop something, warnings are
problems the user should see, information announces the steps (`Krok 1/5 — …`, shown with
`-v`), debug is for developers. Problems found in the data are not logged: they are data,
collected into the Report, and the CLI decides how to show them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from leaflets import checks
from leaflets.answers import Found, FoundArea, find_in, parse_address_or_refuse, short_query
from leaflets.areas import Area, Grouping, area_order, group_areas
from leaflets.config import Settings
from leaflets.errors import NotFoundError, UsageError
from leaflets.formats import FORMATS
from leaflets.meetings import NO_MEETINGS, Meeting, Meetings, check_meetings, read_meeting_files
from leaflets.output.files import (
    area_folders,
    build_lock,
    prepare_folder,
    remove_temporary_files,
)
from leaflets.output.manifest import RowStatus, row_statuses, write_manifest
from leaflets.output.paths import CACHE, MANIFEST, PROBLEM_REPORT, area_key, unit_folder
from leaflets.problems import UNREAD, Problem, RowRef
from leaflets.roster import Roster, SheetReading, read_rosters
from leaflets.streets import Address, find_by_address, suggest_streets
from leaflets.text import fold
from leaflets.validation import validate

if TYPE_CHECKING:  # rendering imports WeasyPrint: `find` and `--help` must not pay for it
    from leaflets.render.cache import ContentCache
    from leaflets.render.plan import Finished, Progress, Workers
    from leaflets.render.workers import Job

log = logging.getLogger(__name__)

__all__ = ["Found", "FoundArea", "Intake", "Report", "find", "find_in", "intake", "run"]


@dataclass(frozen=True)
class Report:
    rows: tuple[RowStatus, ...]
    areas: tuple[Area, ...]
    """Every area with its unit: those with leaflets and the vacant ones (no leaflet)."""
    files: tuple[Path, ...]
    """Every file of the build in the output folder, written now or current from before."""
    problems: tuple[Problem, ...]
    rendered: bool
    sheets: tuple[SheetReading, ...] = ()
    """How every sheet's headers were understood (`check` prints it, the web app shows it)."""
    meetings: tuple[Meeting, ...] = ()
    """The meetings with residents whose invitations the run printed (or would print)."""
    meeting_rows: frozenset[RowRef] = frozenset()
    """Which of `rows` are meetings' rows (the `Spotkania` sheets, `--spotkania` files)."""
    written: tuple[Path, ...] = ()
    """The leaflet files written in this run (area, print, sheet and index files)."""
    out: Path | None = None
    """The output folder (`build`), as given."""
    fitting: tuple[tuple[str, int], ...] = ()
    """(format, files) that needed a fitting step (`checks.FITTING`) or were split."""

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(not p.is_error and not p.is_info for p in self.problems)

    @property
    def notes(self) -> int:
        return sum(p.is_info for p in self.problems)

    @property
    def officers(self) -> int:
        """Distinct people: a namesake in another unit is another person."""
        return len({(fold(a.unit.name), *o.key) for a in self.areas for o in a.officers})

    @property
    def vacant(self) -> int:
        return sum(a.vacancy is not None for a in self.areas)

    @property
    def roster_rows(self) -> tuple[RowStatus, ...]:
        """`rows` without the meetings' rows: what the summaries count as the roster's."""
        return tuple(row for row in self.rows if row.where not in self.meeting_rows)

    @property
    def unread(self) -> bool:
        """A file or sheet could not be read at all."""
        return any(p.code in UNREAD and p.is_error for p in self.problems)

    @property
    def exit_code(self) -> int:
        """2 when some input could not be read, 1 when a row has an error, else 0."""
        return 2 if self.unread else 1 if self.errors else 0


@dataclass(frozen=True)
class Intake:
    """Steps 1–3: what the rosters hold, as areas, with every problem found so far."""

    roster: Roster
    grouping: Grouping
    problems: tuple[Problem, ...]
    meetings: Meetings = NO_MEETINGS
    """The meetings with residents read (`Spotkania` sheets, `--spotkania` files)."""

    @property
    def sheets(self) -> tuple[SheetReading, ...]:
        return self.roster.sheets

    @property
    def rows(self) -> tuple[RowStatus, ...]:
        """What became of every row, as far as reading and grouping tell (a build may still
        leave out an area whose QR codes do not fit)."""
        return tuple(
            row_statuses(
                self.roster,
                self.grouping.areas,
                self.grouping.rejected,
                self.problems,
                self.meetings,
            )
        )


def intake(settings: Settings, read: Callable[[Roster], None] | None = None) -> Intake:
    """Steps 1–3; `read(roster)` is called between reading and checking the rows."""
    log.info("Krok 1/5 — czytanie arkuszy: %s", ", ".join(map(str, settings.rosters)))
    roster = read_rosters(
        settings.rosters, encoding=settings.encoding, delimiter=settings.delimiter
    )
    if read is not None:
        read(roster)
    log.info("Krok 2/5 — sprawdzanie %d wierszy", len(roster.rows))
    validated = validate(roster.rows, settings.config, roster.base_dirs, strict=settings.strict)
    log.info("Krok 3/5 — grupowanie w rejony")
    grouping = group_areas(validated.records, validated.vacancies)
    units = checks.unit_names(grouping.areas)
    grouping = replace(grouping, areas=units.kept, rejected=grouping.rejected | units.rejected)
    folders = checks.distinct_folders(grouping.areas)
    grouping = replace(grouping, areas=folders.kept, rejected=grouping.rejected | folders.rejected)
    files = read_meeting_files(settings.meetings)
    meetings = check_meetings(
        (*roster.meetings, *files.rows),
        grouping.areas,
        settings.config.as_of,
        past=settings.past_meetings,
    )
    problems = (
        *roster.problems,
        *validated.problems,
        *grouping.problems,
        *units.problems,
        *folders.problems,
        *checks.coverage(grouping.areas),
        *checks.overlaps(grouping.areas),
        *checks.configuration(settings),
        *files.problems,
        *meetings.problems,
        *checks.translations(settings, grouping.areas),
    )
    return Intake(roster, grouping, in_order(roster, settings, problems), meetings)


def in_order(
    roster: Roster, settings: Settings, problems: Sequence[Problem]
) -> tuple[Problem, ...]:
    """The problems with their columns named as the sheets name them, file by file in the
    order given, sheet by sheet as the workbook has them, row by row; the run's own last."""
    files = {str(path): index for index, path in enumerate(settings.rosters)}
    sheets: dict[tuple[str, str], int] = {}
    for reading in roster.sheets:
        sheets.setdefault((reading.file, reading.sheet), len(sheets))

    def place(problem: Problem) -> tuple[int, int, int, int]:
        where = problem.where
        if where is None:
            return (1, 0, 0, 0)
        # A sheet without a header reading (the meetings sheet) comes after the roster's.
        sheet = sheets.get((where.file, where.sheet), len(sheets) if where.sheet else -1)
        return (0, files.get(where.file, len(files)), sheet, where.row)

    return tuple(sorted((roster.label(p) for p in problems), key=place))


def find(settings: Settings, *, address: str = "", name: str = "") -> Found:
    """`leaflets find`: the areas covering an address, or the officers matching a name."""
    if bool(address) == bool(name):
        raise UsageError("podaj dokładnie jedno: --adres albo --nazwisko.")
    short_query(address or name)
    parsed = parse_address_or_refuse(address) if address else None
    return find_in(intake(settings).grouping.areas, address=address, name=name, parsed=parsed)


def run(
    settings: Settings,
    *,
    write: bool = True,
    progress: Progress | None = None,
    finished: Finished | None = None,
) -> Report:
    """Build (write=True) or only check (write=False) the leaflets for `settings.rosters`.
    A check reads the output folder's content cache, so it lays out only what changed.
    `finished` is told each area file as it is complete (`render.plan.Finished`). A build
    holds the output folder (a second build into it waits) and first removes what
    interrupted builds left there."""
    # A typing error in --adres is said before the output folder is made.
    address = parse_address_or_refuse(settings.address) if settings.address else None
    if not write:
        return _run(settings, address, write=False, progress=progress, finished=finished)
    prepare_folder(settings.out)
    with build_lock(settings.out):
        removed = remove_temporary_files(settings.out)
        if removed:
            log.info("Usunięto pliki tymczasowe przerwanych wcześniej prac: %d", removed)
        return _run(settings, address, write=True, progress=progress, finished=finished)


def _run(
    settings: Settings,
    address: Address | None,
    *,
    write: bool,
    progress: Progress | None,
    finished: Finished | None,
) -> Report:
    from leaflets.render.cache import ContentCache
    from leaflets.render.plan import Workers, area_editions

    with Workers(_job(settings, write)) as workers:
        first_build = write and (settings.force or not (settings.out / CACHE).is_file())

        def start_workers(roster: Roster) -> None:
            # A first build renders every row: start the workers (WeasyPrint, fonts) now, so
            # they get ready while the rows are checked and grouped.
            if first_build:
                workers.start(len(roster.rows) * len(area_editions(settings)))

        loaded = intake(settings, start_workers)
        roster, grouping, problems = loaded.roster, loaded.grouping, list(loaded.problems)
        meetings = loaded.meetings
        areas = grouping.areas
        if address is not None:
            areas = _covering(grouping.areas, address, settings.address)
        vacant = tuple(area for area in areas if area.vacancy is not None)
        staffed = tuple(area for area in areas if area.vacancy is None)
        cache = ContentCache.load(settings)
        editions = area_editions(settings)
        current = cache.current(staffed, editions)
        codes = checks.qr_fit(settings, staffed, current)
        problems.extend(codes.problems)
        areas = tuple(sorted((*codes.kept, *vacant), key=area_order))
        share = checks.LayoutShare(codes.kept)
        if not write:
            share = checks.layout_share(
                codes.kept,
                current,
                len(editions),
                every=settings.every_layout,
                unit_formats=any(FORMATS[name].per_unit for name in settings.formats),
            )
            problems.extend(share.problems)
        render = not (settings.strict and any(p.is_error for p in problems))
        rendered = _Rendered()
        if render and areas:
            log.info("Krok 4/5 — składanie %d rejonów", len(share.areas))
            indexed = areas if share.whole else ()
            rendered = _render(workers, share.areas, indexed, progress, cache, problems, finished)
        elif not render:
            log.info("Krok 4/5 — pominięty: tryb --strict i są błędy")
        if write and render and address is None:
            # Only the folders of this roster's units: another roster built into the same
            # folder has its own units.
            printed = {area_key(area) for area in codes.kept}
            units = (unit_folder(area.unit) for area in grouping.areas)
            old = [key for key in area_folders(settings.out, units) if key not in printed]
            problems.extend(checks.stale_folders(old))
        meetings, invited = _invite(workers, meetings, areas, render, cache, problems, rendered)

    rejected = grouping.rejected | {ref for area in codes.dropped for ref in area.rows}
    rows = row_statuses(roster, grouping.areas, rejected, problems, meetings)
    problems = list(in_order(roster, settings, problems))
    report = Report(
        tuple(rows),
        areas,
        tuple(rendered.files),
        tuple(problems),
        render,
        roster.sheets,
        meetings.kept,
        frozenset(meetings.rows),
        tuple(rendered.written),
        settings.out if write else None,
        tuple(sorted(rendered.fitting.items())),
    )
    if write:
        log.info("Krok 5/5 — zapis %s i %s", MANIFEST, PROBLEM_REPORT)
        from leaflets.output.problem_report import write_problem_report

        write_manifest(
            settings.out / MANIFEST,
            rows,
            areas,
            problems,
            rendered.files_by_area,
            meetings.kept,
            invited,
        )
        write_problem_report(settings.out / PROBLEM_REPORT, problems, settings.config.as_of)
        report = replace(
            report, files=(*report.files, settings.out / MANIFEST, settings.out / PROBLEM_REPORT)
        )
    return report


def _invite(
    workers: Workers,
    meetings: Meetings,
    areas: Sequence[Area],
    render: bool,
    cache: ContentCache,
    problems: list[Problem],
    rendered: _Rendered,
) -> tuple[Meetings, dict[str, dict[str, str]]]:
    """Step 4 for the meetings of `areas`: their calendar codes checked, their invitations
    and calendars written; the meetings kept and each one's files for the manifest."""
    shown = {area_key(area) for area in areas}
    settings = workers.job.settings
    fit = checks.calendar_codes(settings, [m for m in meetings.kept if area_key(m.area) in shown])
    problems.extend(fit.problems)
    meetings = replace(meetings, kept=fit.kept, rejected=meetings.rejected | fit.rejected)
    if not (render and meetings.kept):
        return meetings, {}
    from leaflets.render.invitations import render_invitations

    invited = meetings.kept
    if not workers.job.write:
        share = checks.invitation_share(invited, settings)
        problems.extend(share.problems)
        invited = share.meetings
    done = render_invitations(workers.job, invited, cache.templates)
    problems.extend(checks.invitations(done.warnings, done.overflowing))
    rendered.files.extend(done.files)
    rendered.written.extend(done.written)
    return meetings, done.by_meeting


def _job(settings: Settings, write: bool) -> Job:
    """What every worker needs: the settings and the folders the renderer may read (the
    rosters' folders, for photos, and the logo's)."""
    from leaflets.render.workers import Job

    allowed = [path.resolve().parent for path in settings.rosters]
    if settings.config.logo is not None:
        allowed.append(settings.config.logo.parent)
    return Job(settings, tuple(dict.fromkeys(allowed)), write)


def _covering(areas: Sequence[Area], address: Address, text: str) -> tuple[Area, ...]:
    """`build --adres`: only the areas covering the address."""
    found = tuple(m.area for m in find_by_address(areas, address))
    if not found:
        hints = ", ".join(suggest_streets(areas, address.street))
        raise NotFoundError(
            f"żaden rejon nie obejmuje adresu „{text}”."
            + (f" Podobne ulice: {hints}." if hints else "")
        )
    return found


@dataclass
class _Rendered:
    """What step 4 made: every file, each area's files for the manifest, the files written
    now, and per format how many files needed a fitting step."""

    files: list[Path] = field(default_factory=list)
    files_by_area: dict[str, dict[str, str]] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    fitting: dict[str, int] = field(default_factory=dict)


def _render(
    workers: Workers,
    areas: Sequence[Area],
    indexed: Sequence[Area],
    progress: Progress | None,
    cache: ContentCache,
    problems: list[Problem],
    finished: Finished | None = None,
) -> _Rendered:
    """Step 4: the area files, the unit's print files and office sheets, the indexes
    (`indexed`: the areas with leaflets and the vacant ones, which have none)."""
    from leaflets.output.paths import area_pdf
    from leaflets.output.printfiles import unit_print_files
    from leaflets.output.sheets import impose_sheets
    from leaflets.render.plan import area_editions, render_areas, render_indexes

    settings = workers.job.settings
    editions = area_editions(settings)
    outcome = render_areas(workers, areas, progress, cache, finished)
    problems.extend(checks.rendering(areas, outcome.results, settings))
    done = _Rendered()
    for result in outcome.results:
        if result.density or result.split:
            done.fitting[result.format] = done.fitting.get(result.format, 0) + 1
        if result.written:
            done.written.append(
                area_pdf(settings, areas[result.index], result.format, result.language)
            )
    if workers.job.write and areas:
        done.files, done.files_by_area, merged = unit_print_files(
            settings, areas, editions, outcome.written
        )
        done.written.extend(merged)
        if settings.office_sheets:
            sheets = impose_sheets(settings, areas, editions)
            for key, files in sheets.by_area.items():
                done.files_by_area.setdefault(key, {}).update(files)
            done.files.extend(sheets.written)
            done.written.extend(sheets.written)
            problems.extend(checks.sheet_skipped(s.area, s.reason) for s in sheets.skipped)
    for unit in render_indexes(workers, indexed, cache.templates):
        problems.extend(checks.weasyprint_warnings(unit.warnings))
        if unit.path is not None:
            done.files.append(unit.path)
            if unit.written:
                done.written.append(unit.path)
    return done
