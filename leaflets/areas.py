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
from leaflets.streets.specs import parse_spec
from leaflets.text import fold, polish_sort_key, search_key
from leaflets.validation import Officer, Phone, Record, Vacancy


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
class VacantPost:
    """An area nobody holds: no leaflet, but it stays in the street index and in `find`."""

    note: str
    """The roster's words (`wakat`, `rejon nieobsadzony – obsługuje dzielnicowy rejonu 6`)."""
    covering_area: str
    """The rejon whose officers cover it, "" when none is named (or it is not in the roster)."""
    covering: tuple[Officer, ...]
    """Who residents should call: the covering rejon's officers or the one acting (`p.o.`);
    empty: the unit's duty phone."""


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
    vacancy: VacantPost | None = None
    """Set when the area has no officer of its own (then `officers` is empty)."""


@dataclass(frozen=True)
class Grouping:
    areas: tuple[Area, ...]
    problems: tuple[Problem, ...]
    rejected: frozenset[RowRef]


def group_areas(records: tuple[Record, ...], vacancies: tuple[Vacancy, ...] = ()) -> Grouping:
    with gc_paused():
        return _group_areas(records, vacancies)


def _group_areas(records: tuple[Record, ...], vacancies: tuple[Vacancy, ...]) -> Grouping:
    problems: list[Problem] = []
    rejected: set[RowRef] = set()
    accepted = _check_people(records, problems, rejected)
    groups: dict[tuple[str, str], list[Record]] = {}
    for record in accepted:
        groups.setdefault((fold(record.unit), fold(record.area)), []).append(record)
    areas = {key: _build_area(rows, problems) for key, rows in groups.items()}
    for rows in groups.values():
        problems.extend(_across_sheets(rows))
    vacant: dict[tuple[str, str], list[Vacancy]] = {}
    for vacancy in vacancies:
        key = (fold(vacancy.unit), fold(vacancy.area))
        if key not in areas:
            vacant.setdefault(key, []).append(vacancy)
    for key, posts in vacant.items():
        areas[key] = _vacant_area(posts, areas, problems)
    ordered = sorted(areas.values(), key=area_order)
    return Grouping(tuple(ordered), tuple(problems), frozenset(rejected))


def _across_sheets(records: list[Record]) -> list[Problem]:
    """One rejon on two sheets whose unit the rows do not give themselves: merged, since the
    unit is the same, but said, because a KMP's komisariaty each number their rejony from 1."""
    sheets = dict.fromkeys((r.where.file, r.where.sheet) for r in records)
    if len(sheets) < 2 or any(r.unit_source == "wiersz" for r in records):
        return []
    first = records[0]
    names = " i ".join(f"„{sheet}”" for _, sheet in sheets if sheet) or "kilku plikach"
    other = next(
        r for r in records if (r.where.file, r.where.sheet) != (first.where.file, first.where.sheet)
    )
    return [
        Problem(
            Severity.WARNING,
            "rejon-z-dwoch-arkuszy",
            f"rejon {first.area} jest w arkuszach {names} — połączono je w jeden rejon jednostki"
            f" „{first.unit}”; jeśli to różne jednostki, wpisz jednostkę w kolumnie „Jednostka”"
            " albo nazwij arkusze nazwami jednostek",
            other.where,
            "rejon",
        )
    ]


def _vacant_area(
    rows: list[Vacancy], areas: dict[tuple[str, str], Area], problems: list[Problem]
) -> Area:
    """An area only vacancy rows describe: covered by the rejon they name, by the officer
    acting in it, or (neither) by the unit's duty phone."""
    first = rows[0]
    unit = Unit(
        name=first.unit,
        address=next((r.unit_address for r in rows if r.unit_address), ""),
        phone=next((r.unit_phone for r in rows if r.unit_phone), None),
    )
    acting = tuple(dict.fromkeys(r.acting for r in rows if r.acting is not None))
    covering_area = next((r.covering_area for r in rows if r.covering_area), "")
    covering: tuple[Officer, ...] = acting
    if not covering and covering_area:
        cover = areas.get((fold(first.unit), fold(covering_area)))
        if cover is not None and cover.officers:
            covering = cover.officers
        else:
            problems.append(
                Problem(
                    Severity.WARNING,
                    "wakat-bez-zastepstwa",
                    f"rejon {first.area}: „{first.note}”, ale rejonu {covering_area} z"
                    " dzielnicowym nie ma w wykazie — w skorowidzu ulic telefon jednostki",
                    first.where,
                )
            )
            covering_area = ""
    if not covering and unit.phone is None:
        problems.append(
            Problem(
                Severity.WARNING,
                "wakat-bez-telefonu",
                f"rejon {first.area} jest nieobsadzony, a nie podano telefonu jednostki — w"
                " skorowidzu ulic bez numeru; wpisz go w kolumnie „Telefon dyżurnego” albo w"
                " leaflets.toml ([jednostka] telefon)",
                first.where,
                "telefon_jednostki",
            )
        )
    return Area(
        unit=unit,
        number=first.area,
        name=next((r.area_name for r in rows if r.area_name), ""),
        town=next((r.town for r in rows if r.town), ""),
        officers=(),
        lines=_coverage_lines(rows, problems),
        priority="\n".join(dict.fromkeys(r.priority for r in rows if r.priority)),
        rows=tuple(r.where for r in rows),
        vacancy=VacantPost(first.note, covering_area if not acting else "", covering),
    )


def area_order(area: Area) -> tuple[str, tuple[int, str]]:
    """Sort key for areas: by unit, then by area number as a number (`2` before `10`)."""
    digits = re.match(r"\d+", area.number)
    return fold(area.unit.name), (int(digits.group()) if digits else 10**9, area.number)


def _check_people(
    records: tuple[Record, ...], problems: list[Problem], rejected: set[RowRef]
) -> list[Record]:
    """The same person must have one phone and one e-mail across all rows: every row that
    disagrees with another carries the error (which of them is right only the unit knows)."""
    people: dict[tuple[str, str, str], list[Record]] = {}
    for record in records:
        # Same name in another unit is another person (a national roster has namesakes).
        people.setdefault((fold(record.unit), *record.officer.key), []).append(record)
    refused: set[RowRef] = set()
    for rows in people.values():
        if len(rows) < 2:
            continue
        for record in rows:
            other = next((o for o in rows if _conflicts(record, o)), None)
            if other is None:
                continue
            conflicts = _conflicts(record, other)
            officer = record.officer
            phone_differs = officer.phone.e164 != other.officer.phone.e164
            problems.append(
                Problem(
                    Severity.ERROR,
                    "inne-dane-osoby",
                    f"{officer.name} ma inne dane niż w {_place(other.where, record.where)}"
                    f" ({'; '.join(conflicts)}) — popraw jeden z wierszy",
                    record.where,
                    "telefon" if phone_differs else "email",
                    # The value shown must be the one in the reported column.
                    officer.phone.national if phone_differs else officer.email,
                )
            )
            refused.add(record.where)
    rejected |= refused
    return [r for r in records if r.where not in refused]


def _conflicts(record: Record, other: Record) -> list[str]:
    mine, theirs = record.officer, other.officer
    found = []
    if mine.phone.e164 != theirs.phone.e164:
        found.append(f"telefon {mine.phone.national} ≠ {theirs.phone.national}")
    if mine.email and theirs.email and mine.email.lower() != theirs.email.lower():
        found.append(f"e-mail {mine.email} ≠ {theirs.email}")
    return found


def _place(where: RowRef, here: RowRef) -> str:
    """`wierszu 9` on the same sheet, else the whole place."""
    if (where.file, where.sheet) == (here.file, here.sheet):
        return f"wierszu {where.row}"
    return where.describe()


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


def _merged_translations(records: Sequence[Record]) -> tuple[tuple[str, str], ...]:
    """Each language's translated priority texts of the area's rows, joined as the Polish."""
    texts: dict[str, dict[str, None]] = {}
    for record in records:
        for language, text in record.priority_translations:
            texts.setdefault(language, {})[text] = None
    return tuple((language, "\n".join(found)) for language, found in texts.items())


def _coverage_lines(
    records: Sequence[Record | Vacancy], problems: list[Problem]
) -> tuple[CoverageLine, ...]:
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
