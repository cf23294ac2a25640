"""Validated records -> service areas: rows grouped by (unit, area), officers merged."""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from leaflets.problems import Problem, RowRef, Severity

# The submodules, not the package: the package's answer modules import this one.
from leaflets.streets.descriptions import parse_description
from leaflets.streets.names import Coverage, format_coverage, parse_segment
from leaflets.streets.specs import parse_spec
from leaflets.text import fold, polish_sort_key, search_key, slugify
from leaflets.validation import Phone, Record


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No automatic cyclic garbage collection inside, for building many small acyclic objects
    (tens per area): each automatic full collection walks the whole heap, and at 8,300 areas
    they took a third of the grouping time. Reference counting still frees what is dropped;
    the collector, if it was on, is on again afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass(frozen=True)
class Unit:
    name: str
    address: str
    phone: Phone | None

    @property
    def slug(self) -> str:
        return slugify(self.name) or "jednostka"


@dataclass(frozen=True)
class Officer:
    rank: str
    first_name: str
    surname: str
    phone: Phone
    landline: Phone | None
    email: str
    duty: str
    photo: Path | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.surname}"

    @property
    def key(self) -> tuple[str, str]:
        return fold(self.first_name), fold(self.surname)


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

    @property
    def id(self) -> str:
        """The area's folder under the unit: `rejon-5-osiedle-piekary`."""
        suffix = f"-{slugify(self.name)}" if slugify(self.name) else ""
        return f"rejon-{slugify(self.number) or self.number}{suffix}"

    @property
    def path(self) -> str:
        return f"{self.unit.slug}/{self.id}"


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


def _officer(record: Record) -> Officer:
    return Officer(
        rank=record.rank,
        first_name=record.first_name,
        surname=record.surname,
        phone=record.phone,
        landline=record.landline,
        email=record.email,
        duty=record.duty,
        photo=record.photo,
    )


def _check_people(
    records: tuple[Record, ...], problems: list[Problem], rejected: set[RowRef]
) -> list[Record]:
    """The same person must have one phone and one e-mail across all rows."""
    first_seen: dict[tuple[str, str, str], Record] = {}
    accepted = []
    for record in records:
        # Same name in another unit is another person (a national roster has namesakes).
        key = (fold(record.unit), fold(record.first_name), fold(record.surname))
        earlier = first_seen.setdefault(key, record)
        conflicts = []
        if earlier.phone.e164 != record.phone.e164:
            conflicts.append(f"telefon {record.phone.national} ≠ {earlier.phone.national}")
        if earlier.email and record.email and earlier.email.lower() != record.email.lower():
            conflicts.append(f"e-mail {record.email} ≠ {earlier.email}")
        if conflicts:
            phone_differs = earlier.phone.e164 != record.phone.e164
            problems.append(
                Problem(
                    Severity.ERROR,
                    f"{record.first_name} {record.surname} ma inne dane niż w "
                    f"{earlier.where.describe()} ({'; '.join(conflicts)}) — popraw jeden z wierszy",
                    record.where,
                    "telefon" if phone_differs else "email",
                    # The value shown must be the one in the reported column.
                    record.phone.national if phone_differs else record.email,
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
        officer = _officer(record)
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
            )
    name = next((r.area_name for r in records if r.area_name), "")
    for record in records:
        if record.area_name and fold(record.area_name) != fold(name):
            problems.append(
                Problem(
                    Severity.WARNING,
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
    )


def _coverage_lines(records: list[Record], problems: list[Problem]) -> tuple[CoverageLine, ...]:
    lines: dict[str, CoverageLine] = {}
    for record in records:
        if not record.description:
            if record.numbers:
                problems.append(
                    Problem(
                        Severity.WARNING,
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
            spec = parse_spec(record.numbers)
            if street is not None and spec is not None:
                source = f"{record.description} {record.numbers}"
                # A bare name reads as a village; with house numbers it is a street.
                parsed.append(
                    replace(
                        street,
                        kind="street",
                        rules=spec.rules,
                        excluded=spec.excluded,
                        part=spec.part,
                        source=source,
                    )
                )
            else:
                verbatim.append(f"{record.description} {record.numbers}")
        else:
            description = parse_description(record.description)
            parsed.extend(description.items)
            verbatim.extend(description.unparsed)
            # How a segment was read where a reader may read it otherwise (two ranges as the
            # two sides, a cross street as a boundary): said once, on the row.
            problems.extend(
                Problem(Severity.WARNING, note, record.where, "ulice", record.description)
                for note in description.notes
            )
        for coverage in parsed:
            text = format_coverage(coverage)
            lines.setdefault(fold(text), CoverageLine(text, coverage, record.town))
        for text in verbatim:
            problems.append(
                Problem(
                    Severity.WARNING,
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
