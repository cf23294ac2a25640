"""Invitations to meetings with residents: one file per meeting, format and edition in the
area's folder, laid out in this process (a unit has a few meetings, not thousands), each
format and edition's stale meetings in one WeasyPrint document; the unit's print files and
office sheets of them, and each unit's `spotkania.ics`. What was rendered from which inputs
is kept in `MEETINGS_CACHE`, so a rebuild lays out only the meetings that changed."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfWriter

from leaflets._gc import layout_gc, roster_set_aside
from leaflets.events import unit_calendar
from leaflets.formats import FORMATS, FormatSpec
from leaflets.i18n import SOURCE, edition
from leaflets.invitations import HEADING, invitation_view
from leaflets.meetings import Meeting
from leaflets.output.files import atomic_file, file_digest, write_json
from leaflets.output.imposition import LAYOUTS, Leaflet, impose, leaflets_from_pdf
from leaflets.output.paths import (
    MEETINGS_CACHE,
    MEETINGS_PRINT_SOURCES,
    area_key,
    edition_name,
    meeting_pdf,
    meeting_sheet_pdf,
    unit_calendar_file,
    unit_folder,
    unit_pdf,
)
from leaflets.output.printfiles import PrintRecord
from leaflets.render.cache import digest, load_json
from leaflets.render.workers import Job, _renderer, page_context, write_pdf

if TYPE_CHECKING:
    from leaflets.render.renderer import Rendered


@dataclass
class InvitationFiles:
    files: list[Path] = field(default_factory=list)
    by_meeting: dict[str, dict[str, str]] = field(default_factory=dict)
    """Meeting id (`meeting_id`) -> {edition name -> path relative to the output folder}."""
    warnings: list[str] = field(default_factory=list)
    """WeasyPrint's warnings of the documents laid out now."""
    overflowing: list[tuple[Meeting, str, int]] = field(default_factory=list)
    """(meeting, edition name, pages) of invitations that ran over their pages."""
    written: list[Path] = field(default_factory=list)
    """The files of `files` written in this run (the rest were current)."""


def meeting_id(meeting: Meeting) -> str:
    """`kp-legnica/rejon-5/2026-12-01`: the meeting's id in the manifest."""
    return f"{area_key(meeting.area)}/{meeting.date.isoformat()}"


def meeting_specs(formats: Sequence[str]) -> list[FormatSpec]:
    return [FORMATS[name] for name in formats if FORMATS[name].per_meeting]


def render_invitations(job: Job, meetings: Sequence[Meeting], templates: str) -> InvitationFiles:
    """Every meeting's invitations in the run's formats and editions (those current from the
    last build are kept), the unit print files, office sheets and calendars."""
    settings = job.settings
    done = InvitationFiles()
    specs = meeting_specs(settings.formats)
    if not meetings or not specs:
        return done  # the calendar comes with the invitations: a poster-only run has neither
    cache_path = settings.out / MEETINGS_CACHE
    cache = load_json(cache_path) if not settings.force else {}
    record = PrintRecord.load(settings.out / MEETINGS_PRINT_SOURCES, force=settings.force)
    with roster_set_aside():
        for spec in specs:
            for language in settings.languages:
                _edition(job, spec, language, meetings, templates, cache, done, record)
    if job.write:
        write_json(cache_path, dict(sorted(cache.items())))
        record.save()
        _calendars(job, meetings, done)
    return done


def _edition(
    job: Job,
    spec: FormatSpec,
    language: str,
    meetings: Sequence[Meeting],
    templates: str,
    cache: dict[str, object],
    done: InvitationFiles,
    record: PrintRecord,
) -> None:
    settings = job.settings
    name = edition_name(spec.name, language)
    stale: list[tuple[Meeting, Path, str, str]] = []
    units: dict[str, list[Path]] = {}
    for meeting in meetings:
        path = meeting_pdf(settings, meeting.area, spec.name, meeting.date, language)
        key = f"{name}/{meeting_id(meeting)}"
        current = _digest(meeting, spec, job, templates)
        entry = cache.get(key)
        fresh = isinstance(entry, dict) and entry.get("digest") == current
        # Trusted by its bytes, not by being there: a truncated or damaged file is laid out again.
        if not (fresh and isinstance(entry, dict) and entry.get("sha256") == file_digest(path)):
            stale.append((meeting, path, key, current))
        elif int(entry.get("pages", spec.pages)) > spec.pages:
            done.overflowing.append((meeting, name, int(entry["pages"])))
        units.setdefault(unit_folder(meeting.area.unit), []).append(path)
        if job.write:
            done.files.append(path)
        done.by_meeting.setdefault(meeting_id(meeting), {})[name] = path.relative_to(
            settings.out
        ).as_posix()
    if stale:
        _lay_out(job, spec, language, stale, cache, done)
    if not job.write:
        return
    for unit, paths in units.items():
        combined = unit_pdf(settings, unit, spec.name, language=language)
        title = f"Spotkania z mieszkańcami — {spec.description}"
        title = title if language == SOURCE else f"{title} ({language})"
        if record.merge(settings.out, paths, combined, title):
            done.written.append(combined)
        done.files.append(combined)
    if settings.office_sheets and spec.sheet_layout:
        _sheets(job, spec, language, meetings, done)


def _lay_out(
    job: Job,
    spec: FormatSpec,
    language: str,
    stale: Sequence[tuple[Meeting, Path, str, str]],
    cache: dict[str, object],
    done: InvitationFiles,
) -> None:
    """Lay the stale invitations out in one document; those that run over their pages are
    laid out again denser (`.gestosc-N` in the format's CSS: smaller type, then wrapping),
    up to `DENSITY_STEPS`, and reported if they still do not fit."""
    settings = job.settings
    renderer = _renderer(job)
    heading = edition(language).gettext(HEADING).first
    context = page_context(settings, f"{heading} — {spec.description}", language)
    placed: dict[int, tuple[Rendered, int, str]] = {}
    pending = list(range(len(stale)))
    with layout_gc():
        for density in range(DENSITY_STEPS):
            views = [
                replace(
                    invitation_view(stale[i][0], spec, settings.config, language), density=density
                )
                for i in pending
            ]
            rendered = renderer.render(spec, views, language=language, **context.variables())
            done.warnings.extend(rendered.warnings)
            for position, index in enumerate(pending):
                placed[index] = (rendered, position, views[position].title)
            pending = [i for p, i in enumerate(pending) if rendered.page_count(p) > spec.pages]
            if not pending:
                break
        for index, (meeting, path, key, current) in enumerate(stale):
            rendered, position, title = placed[index]
            pages = rendered.page_count(position)
            if pages > spec.pages:
                done.overflowing.append((meeting, edition_name(spec.name, language), pages))
            if job.write:
                relative = path.relative_to(settings.out).as_posix()
                write_pdf(path, [(rendered, position)], title, relative, settings)
                cache[key] = {"digest": current, "pages": pages, "sha256": file_digest(path)}
                done.written.append(path)


DENSITY_STEPS = 4
"""Invitation densities: 0 as designed, 1–3 smaller type and tighter spacing (each
format's CSS); the date and time stay the largest text at every step."""


def _digest(meeting: Meeting, spec: FormatSpec, job: Job, templates: str) -> str:
    area = digest(meeting.area, spec, job.settings, templates)
    fields = (meeting.date, meeting.start, meeting.end, meeting.place, meeting.topic)
    text = f"{area}{fields!r}{meeting.description!r}{meeting.partners!r}"
    return hashlib.sha256(text.encode()).hexdigest()


def _sheets(
    job: Job,
    spec: FormatSpec,
    language: str,
    meetings: Sequence[Meeting],
    done: InvitationFiles,
) -> None:
    """Office sheets (`--arkusz`): a sheet of each invitation, and the unit's all together."""
    settings = job.settings
    layout = LAYOUTS[spec.sheet_layout]
    units: dict[str, list[Leaflet]] = {}
    for meeting in meetings:
        source = meeting_pdf(settings, meeting.area, spec.name, meeting.date, language)
        leaflets = leaflets_from_pdf(source, two_sided=spec.pages == 2, name=str(source))
        target = meeting_sheet_pdf(settings, meeting.area, spec.name, meeting.date, language)
        copies = settings.copies or layout.cells
        _write_sheet(impose(leaflets, layout, copies=copies, duplex=settings.duplex), target)
        done.files.append(target)
        done.written.append(target)
        units.setdefault(unit_folder(meeting.area.unit), []).extend(leaflets)
    for unit, leaflets in units.items():
        target = unit_pdf(settings, unit, spec.name, "-arkusze", language)
        _write_sheet(impose(leaflets, layout, copies=settings.copies or 1), target)
        done.files.append(target)
        done.written.append(target)


def _write_sheet(writer: PdfWriter, target: Path) -> None:
    buffer = io.BytesIO()
    writer.write(buffer)
    with atomic_file(target) as handle:
        handle.write(buffer.getvalue())


def _calendars(job: Job, meetings: Sequence[Meeting], done: InvitationFiles) -> None:
    """Each unit's `spotkania.ics`, every meeting of the unit in it (Polish)."""
    settings = job.settings
    units: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        units.setdefault(unit_folder(meeting.area.unit), []).append(meeting)
    heading = edition(SOURCE).gettext(HEADING).first
    for unit, found in units.items():
        name = f"Spotkania z dzielnicowymi — {found[0].area.unit.name}".rstrip(" —")
        data = unit_calendar(found, name=name, heading=heading, stamp=settings.config.as_of)
        path = unit_calendar_file(settings, unit)
        with atomic_file(path) as handle:
            handle.write(data)
        done.files.append(path)
        done.written.append(path)
