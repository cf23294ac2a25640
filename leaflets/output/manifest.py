"""manifest.json: every input row with its fate, every area with its officers and files, every
problem; the same officer shape serves `find --json`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from leaflets.areas import Area
from leaflets.meetings import NO_MEETINGS, Meeting, Meetings
from leaflets.output.files import write_json
from leaflets.output.paths import area_key
from leaflets.problems import Problem, RowRef
from leaflets.roster import Roster
from leaflets.validation import Officer


@dataclass(frozen=True)
class RowStatus:
    """What became of one input row: in an area's leaflets (`ok`), a vacant post whose area
    is kept in the street index without a leaflet (`vacancy`), a footer or heading that is no
    officer (`note`), or refused (`rejected`, with its problems)."""

    where: RowRef
    status: Literal["ok", "rejected", "vacancy", "note", "meeting", "past"]
    area: str | None
    """The area's key (`paths.area_key`) when the row is in one."""
    problems: tuple[Problem, ...]


def officer_json(officer: Officer) -> dict[str, Any]:
    found: dict[str, Any] = {
        "rank": officer.rank,
        "name": officer.name,
        "phone": officer.phone.national,
        "email": officer.email,
    }
    if officer.written:
        found["as_written"] = officer.written  # the combined cell the names were split from
    return found


def meeting_json(meeting: Meeting, files: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    key = f"{area_key(meeting.area)}/{meeting.date.isoformat()}"
    return {
        "id": key,
        "area": area_key(meeting.area),
        "date": meeting.date.isoformat(),
        "start": f"{meeting.start:%H:%M}",
        "end": f"{meeting.end:%H:%M}" if meeting.end else "",
        "place": meeting.place,
        "topic": meeting.topic,
        "description": meeting.description,
        "partners": meeting.partners,
        "file": meeting.where.file,
        "sheet": meeting.where.sheet,
        "row": meeting.where.row,
        "files": dict(files.get(key, {})),
    }


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "code": problem.code,
        "severity": problem.severity.value,
        "column": problem.column,
        "heading": problem.column_name,
        "message": problem.message,
        "value": problem.value,
    }


def _vacancy_json(area: Area) -> dict[str, Any] | None:
    vacancy = area.vacancy
    if vacancy is None:
        return None
    return {
        "note": vacancy.note,
        "covering_area": vacancy.covering_area,
        "covering": [officer_json(o) for o in vacancy.covering],
        "unit_phone": area.unit.phone.national if area.unit.phone else "",
    }


def write_manifest(
    path: Path,
    rows: Sequence[RowStatus],
    areas: Sequence[Area],
    problems: Sequence[Problem],
    files: Mapping[str, Mapping[str, str]],
    meetings: Sequence[Meeting] = (),
    invitations: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """`files`: area key -> {edition name (`plakat-a4.uk`) -> path relative to the output};
    `invitations`: meeting id (`kp-legnica/rejon-5/2026-12-01`) -> the same."""
    invited = invitations or {}
    write_json(
        path,
        {
            "rows": [
                {
                    "file": row.where.file,
                    "sheet": row.where.sheet,
                    "row": row.where.row,
                    "status": row.status,
                    "area": row.area,
                    "problems": [problem_json(p) for p in row.problems],
                }
                for row in rows
            ],
            "areas": [
                {
                    "id": area_key(area),
                    "unit": area.unit.name,
                    "number": area.number,
                    "name": area.name,
                    "officers": [officer_json(officer) for officer in area.officers],
                    "vacant": _vacancy_json(area),
                    "files": dict(files.get(area_key(area), {})),
                }
                for area in areas
            ],
            "meetings": [meeting_json(m, invited) for m in meetings],
            "problems": [
                {**problem_json(p), "where": p.where.describe() if p.where else ""}
                for p in problems
            ],
        },
    )


def row_statuses(
    roster: Roster,
    grouping_areas: Sequence[Area],
    rejected: frozenset[RowRef],
    problems: Sequence[Problem],
    meetings: Meetings = NO_MEETINGS,
) -> list[RowStatus]:
    """Every row below a header, in order: in a leaflet (`ok`), a vacant post kept in the
    index (`vacancy`), a footer or heading (`note`), or `rejected` with its problems; then
    the meetings' rows: printed (`meeting`), past and left out (`past`), or `rejected`."""
    area_of = {ref: area for area in grouping_areas for ref in area.rows}
    by_row: dict[RowRef, list[Problem]] = {}
    for problem in problems:
        if problem.where is not None:
            by_row.setdefault(problem.where, []).append(problem)
    notes = set(roster.notes)
    sheets = {(r.file, r.sheet): index for index, r in enumerate(roster.sheets)}
    refs = sorted(
        [*(row.where for row in roster.rows), *notes],
        key=lambda ref: (sheets.get((ref.file, ref.sheet), len(sheets)), ref.row),
    )
    statuses = []
    for ref in refs:
        found = tuple(roster.label(p) for p in by_row.get(ref, ()))
        if ref in notes:
            statuses.append(RowStatus(ref, "note", None, found))
            continue
        area = area_of.get(ref)
        if area is None or ref in rejected:
            statuses.append(RowStatus(ref, "rejected", None, found))
        else:
            status: Literal["ok", "vacancy"] = "vacancy" if area.vacancy else "ok"
            statuses.append(RowStatus(ref, status, area_key(area), found))
    kept = {m.where: m for m in meetings.kept}
    past = {m.where: m for m in meetings.past}
    for row in meetings.rows:
        found = tuple(roster.label(p) for p in by_row.get(row, ()))
        if row in kept:
            statuses.append(RowStatus(row, "meeting", area_key(kept[row].area), found))
        elif row in past:
            statuses.append(RowStatus(row, "past", area_key(past[row].area), found))
        else:
            statuses.append(RowStatus(row, "rejected", None, found))
    return statuses
