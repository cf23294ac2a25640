"""Validated records -> service areas: rows grouped by (unit, area), officers merged."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from leaflets._gc import gc_paused
from leaflets.problems import Problem, RowRef, Severity

# The submodules, not the package: the package's answer modules import this one.
from leaflets.streets.descriptions import parse_description
from leaflets.streets.names import Coverage, format_coverage, parse_segment
from leaflets.streets.specs import parse_numbers
from leaflets.text import fold, polish_sort_key, search_key
from leaflets.validation import Officer, Phone, Record


@dataclass(frozen=True)
class Unit:
    name: str
    address: str
    phone: Phone | None


@dataclass(frozen=True)
class CoverageLine:
    """One line of the street list: parsed (and so searchable) or kept verbatim."""

    text: str
    coverage: Coverage | None
    town: str


@dataclass(frozen=True)
class Area:
    unit: Unit
    number: str
    name: str
    town: str
    officers: tuple[Officer, ...]
    lines: tuple[CoverageLine, ...]
    priority: str
    rows: tuple[RowRef, ...]
    priority_translations: tuple[tuple[str, str], ...] = ()
    """(language, text) of the priority actions from the translated columns."""


@dataclass(frozen=True)
class Grouping:
    areas: tuple[Area, ...]
    problems: tuple[Problem, ...]
    rejected: frozenset[RowRef]


def group_areas(records: tuple[Record, ...]) -> Grouping:
    with gc_paused():
        return _group_areas(records)


def _group_areas(records: tuple[Record, ...]) -> Grouping:
    problems: list[Problem] = []
    rejected: set[RowRef] = set()
    accepted = _check_people(records, problems, rejected)
    groups: dict[tuple[str, str], list[Record]] = {}
    for record in accepted:
        groups.setdefault((fold(record.unit), fold(record.area)), []).append(record)
    areas = [_build_area(rows, problems) for rows in groups.values()]
    areas.sort(key=area_order)
    return Grouping(tuple(areas), tuple(problems), frozenset(rejected))


def area_order(area: Area) -> tuple[str, tuple[int, str]]:
    """Sort key for areas: by unit, then by area number as a number (`2` before `10`)."""
    digits = re.match(r"\d+", area.number)
    return fold(area.unit.name), (int(digits.group()) if digits else 10**9, area.number)


def _check_people(
    records: tuple[Record, ...], problems: list[Problem], rejected: set[RowRef]
) -> list[Record]:
    """The same person must have one phone and one e-mail across all rows."""
    first_seen: dict[tuple[str, str, str], Record] = {}
    accepted = []
    for record in records:
        # Same name in another unit is another person (a national roster has namesakes).
        officer = record.officer
        key = (fold(record.unit), *officer.key)
        earlier = first_seen.setdefault(key, record)
        known = earlier.officer
        conflicts = []
        if known.phone.e164 != officer.phone.e164:
            conflicts.append(f"telefon {officer.phone.national} ≠ {known.phone.national}")
        if known.email and officer.email and known.email.lower() != officer.email.lower():
            conflicts.append(f"e-mail {officer.email} ≠ {known.email}")
        if conflicts:
            phone_differs = known.phone.e164 != officer.phone.e164
            problems.append(
                Problem(
                    Severity.ERROR,
                    "inne-dane-osoby",
                    f"{officer.name} ma inne dane niż w "
                    f"{earlier.where.describe()} ({'; '.join(conflicts)}) — popraw jeden z wierszy",
                    record.where,
                    "telefon" if phone_differs else "email",
                    # The value shown must be the one in the reported column.
                    officer.phone.national if phone_differs else officer.email,
                )
            )
            rejected.add(record.where)
        else:
            accepted.append(record)
    return accepted


def _build_area(records: list[Record], problems: list[Problem]) -> Area:
    first = records[0]
    officers: dict[tuple[str, str], Officer] = {}
    for record in records:
        officer = record.officer
        known = officers.get(officer.key)
        if known is None:
            officers[officer.key] = officer
        else:
            # Long-shape rows repeat the officer; fill in what an earlier row left empty.
            officers[officer.key] = replace(
                known,
                rank=known.rank or officer.rank,
                landline=known.landline or officer.landline,
                email=known.email or officer.email,
                duty=known.duty or officer.duty,
                photo=known.photo or officer.photo,
                duty_translations=known.duty_translations or officer.duty_translations,
            )
    name = next((r.area_name for r in records if r.area_name), "")
    for record in records:
        if record.area_name and fold(record.area_name) != fold(name):
            problems.append(
                Problem(
                    Severity.WARNING,
                    "inna-nazwa-rejonu",
                    f"rejon {first.area} ma w innych wierszach nazwę „{name}” — użyto jej",
                    record.where,
                    "obszar",
                    record.area_name,
                )
            )
    priorities = dict.fromkeys(r.priority for r in records if r.priority)
    unit = Unit(
        name=first.unit,
        address=next((r.unit_address for r in records if r.unit_address), ""),
        phone=next((r.unit_phone for r in records if r.unit_phone), None),
    )
    return Area(
        unit=unit,
        number=first.area,
        name=name,
        town=next((r.town for r in records if r.town), ""),
        officers=tuple(officers.values()),
        lines=_coverage_lines(records, problems),
        priority="\n".join(priorities),
        rows=tuple(r.where for r in records),
        priority_translations=_merged_translations(records),
    )


def _merged_translations(records: list[Record]) -> tuple[tuple[str, str], ...]:
    """Each language's translated priority texts of the area's rows, joined as the Polish."""
    texts: dict[str, dict[str, None]] = {}
    for record in records:
        for language, text in record.priority_translations:
            texts.setdefault(language, {})[text] = None
    return tuple((language, "\n".join(found)) for language, found in texts.items())


def _coverage_lines(records: list[Record], problems: list[Problem]) -> tuple[CoverageLine, ...]:
    lines: dict[str, CoverageLine] = {}
    for record in records:
        if not record.description:
            if record.numbers:
                problems.append(
                    Problem(
                        Severity.WARNING,
                        "numery-bez-ulicy",
                        "numery domów bez nazwy ulicy — pominięte na ulotce",
                        record.where,
                        "numery",
                        record.numbers,
                    )
                )
            continue
        parsed: list[Coverage] = []
        verbatim: list[str] = []
        if record.numbers:
            street = parse_segment(record.description)
            rules = parse_numbers(record.numbers)
            if street is not None and rules is not None:
                source = f"{record.description} {record.numbers}"
                # A bare name reads as a village; with house numbers it is a street.
                parsed.append(replace(street, kind="street", rules=rules, source=source))
            else:
                verbatim.append(f"{record.description} {record.numbers}")
        else:
            description = parse_description(record.description)
            parsed.extend(description.items)
            verbatim.extend(description.unparsed)
            # How a segment was read where a reader may read it otherwise (two ranges as the
            # two sides, a cross street as a boundary): said once, on the row.
            problems.extend(
                Problem(
                    Severity.INFO, "odczyt-opisu", note, record.where, "ulice", record.description
                )
                for note in description.notes
            )
        for coverage in parsed:
            text = format_coverage(coverage)
            lines.setdefault(fold(text), CoverageLine(text, coverage, record.town))
        for text in verbatim:
            problems.append(
                Problem(
                    Severity.WARNING,
                    "nierozpoznany-opis",
                    f"nie rozpoznano fragmentu opisu rejonu „{text}” — wydrukowany dosłownie",
                    record.where,
                    "ulice",
                    text,
                )
            )
            lines.setdefault(fold(text), CoverageLine(text, None, record.town))
    return tuple(lines.values())


@dataclass(frozen=True)
class OfficerMatch:
    officer: Officer
    areas: tuple[Area, ...]


def find_officers(areas: Sequence[Area], query: str) -> list[OfficerMatch]:
    """Officers whose `first surname` or `surname first` contains `query`, ignoring case and
    Polish letters (`malek` finds Małek); one entry per person with all their areas."""
    needle = search_key(query)
    if not needle:
        return []
    found: dict[tuple[str, str], tuple[Officer, list[Area]]] = {}
    for area in sorted(areas, key=area_order):
        for officer in area.officers:
            first, surname = officer.first_name, officer.surname
            if needle in search_key(f"{first} {surname}") or needle in search_key(
                f"{surname} {first}"
            ):
                found.setdefault(officer.key, (officer, []))[1].append(area)
    people = sorted(
        found.values(),
        key=lambda item: (polish_sort_key(item[0].surname), polish_sort_key(item[0].first_name)),
    )
    return [OfficerMatch(officer, tuple(served)) for officer, served in people]
