"""Meetings with residents: the `Spotkania` sheet (or a `--spotkania` file) -> meeting rows,
then rows -> meetings of known areas, with every problem found (sheet, row, column).

A meetings sheet is recognised by its name (`Spotkania`, `Spotkania z mieszkańcami`); its
header is read by its words, as the roster's is, so `Data spotkania`, `Godz.` and `Miejsce
(nazwa i adres)` are understood. Dates and times are read as typed (`dates`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from leaflets import sheetproblems
from leaflets.columns import column_letter
from leaflets.dates import Unreadable, parse_date, parse_hours, parse_time, time_in_cell
from leaflets.errors import RosterError
from leaflets.problems import Problem, RowRef, Severity
from leaflets.text import fold, header_key, search_key
from leaflets.workbooks import Grid, cell_text, read_grids, sheet_texts

if TYPE_CHECKING:  # areas -> validation -> roster -> this module: the type only
    from leaflets.areas import Area


COLUMNS: dict[str, str] = {
    "jednostka": "Jednostka",
    "rejon": "Rejon",
    "data": "Data",
    "godzina": "Godzina",
    "poczatek": "Początek",
    "koniec": "Koniec",
    "miejsce": "Miejsce",
    "temat": "Temat",
    "opis": "Opis",
    "wspolnie": "Zapraszają wspólnie",
}
"""Canonical meeting columns -> the header a user would write (what messages name)."""
REQUIRED = ("rejon", "data", "miejsce", "temat")

_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # The first column whose word is in a header wins: `Godzina zakończenia` is the end,
    # before `godzina` could make it the start.
    ("koniec", ("koniec", "konca", "zakonczenie", "zakonczenia", "do")),
    ("poczatek", ("poczatek", "rozpoczecie", "rozpoczecia", "od", "start")),
    ("wspolnie", ("wspolnie", "wspolorganizator", "wspolorganizatorzy", "partner",
                  "partnerzy", "zapraszaja", "zaprasza", "organizator", "zapraszajacy")),
    ("jednostka", ("jednostka", "komenda", "komisariat", "posterunek")),
    ("rejon", ("rejon", "rejonu")),
    ("data", ("data", "dzien", "termin")),
    ("godzina", ("godzina", "godz", "godziny", "czas")),
    ("miejsce", ("miejsce", "lokal", "adres", "gdzie", "sala")),
    ("temat", ("temat", "tematyka")),
    ("opis", ("opis", "szczegoly", "program")),
)  # fmt: skip
HEADER_SEARCH_ROWS = 30
DEFAULT_LENGTH = dt.timedelta(minutes=90)
"""A meeting given only its start lasts this long in the calendar."""


def is_meetings_sheet(name: str) -> bool:
    return fold(name).strip().startswith("spotkani")


@dataclass(frozen=True)
class MeetingRow:
    """One row of a meetings sheet as typed, canonical column -> text, with its position
    and each column's heading as the sheet names it (`C „Data spotkania”`)."""

    where: RowRef
    cells: Mapping[str, str]
    headings: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class MeetingSheet:
    rows: tuple[MeetingRow, ...]
    problems: tuple[Problem, ...]
    notes: tuple[RowRef, ...] = ()


def column_of(header: str) -> str | None:
    words = search_key(header).split()
    for column, keys in _WORDS:
        if any(word in keys for word in words):
            return column
    return None


def read_sheet(file: str, sheet: str, grid: Grid) -> MeetingSheet:
    """A meetings sheet: its header found among the first rows, every row below it a
    meeting, an empty row skipped, and text in a column the tool does not read reported."""
    texts, changed = sheet_texts(grid)  # control characters out, long texts cut
    cleaned = sheetproblems.changed_cells(file, sheet, changed, None, set())
    found = _read_texts(file, sheet, texts)
    return MeetingSheet(found.rows, (*cleaned, *found.problems))


def _read_texts(file: str, sheet: str, texts: list[list[str]]) -> MeetingSheet:
    header = _header_row(texts)
    if header is None:
        first = next((row for row in texts if any(row)), [])
        found = ", ".join(f"„{c}”" for c in first if c) or "(brak)"
        return MeetingSheet(
            (),
            (
                Problem(
                    Severity.ERROR,
                    "brak-kolumn",
                    f"nie rozpoznano nagłówka arkusza spotkań (pierwszy wiersz: {found}). "
                    f"Potrzebne kolumny: {', '.join(COLUMNS[c] for c in REQUIRED)}, "
                    "Godzina — arkusz pominięty.",
                    RowRef(file, sheet, 1),
                ),
            ),
        )
    index, columns = header
    headings = {
        column: f"{column_letter(c + 1)} „{texts[index][c]}”" for c, column in columns.items()
    }
    problems: list[Problem] = []
    missing = [c for c in REQUIRED if c not in columns.values()]
    if not {"godzina", "poczatek"} & set(columns.values()):
        missing.append("godzina")
    if missing:
        names = ", ".join(f"„{COLUMNS[c]}”" for c in missing)
        problems.append(
            Problem(
                Severity.ERROR,
                "brak-kolumn",
                f"w arkuszu spotkań brakuje kolumn: {names} — arkusz pominięty.",
                RowRef(file, sheet, index + 1),
            )
        )
        return MeetingSheet((), tuple(problems))
    unused = {
        c: texts[index][c] or column_letter(c + 1)
        for c in range(max(map(len, texts)))
        if c not in columns
    }
    rows: list[MeetingRow] = []
    for number, row in enumerate(texts[index + 1 :], start=index + 2):
        if not any(row):
            continue
        where = RowRef(file, sheet, number)
        cells = {columns[c]: text for c, text in enumerate(row) if text and c in columns}
        if not cells:
            continue
        for c, text in enumerate(row):
            if text and c in unused:
                problems.append(
                    Problem(
                        Severity.WARNING,
                        "spotkanie-nieznana-kolumna",
                        f"kolumna „{unused[c]}” nie jest czytana — tekst „{text}” pominięty "
                        "(przenieś go do kolumny Opis, jeśli ma być na zaproszeniu)",
                        where,
                        value=text,
                        heading=f"{column_letter(c + 1)} „{texts[index][c]}”",
                    )
                )
        rows.append(MeetingRow(where, cells, headings))
    return MeetingSheet(tuple(rows), tuple(problems))


def _header_row(texts: list[list[str]]) -> tuple[int, dict[int, str]] | None:
    """The first row naming at least the rejon and the date: row index, column -> canonical."""
    for index, row in enumerate(texts[:HEADER_SEARCH_ROWS]):
        columns: dict[int, str] = {}
        for c, text in enumerate(row):
            column = column_of(text) if text else None
            if column is not None and column not in columns.values():
                columns[c] = column
        if {"rejon", "data"} <= set(columns.values()):
            return index, columns
    return None


@dataclass(frozen=True)
class Meeting:
    """A meeting of an area's officers with its residents."""

    area: Area
    date: dt.date
    start: dt.time
    end: dt.time | None
    """None when the sheet gives only the start (the calendar then takes DEFAULT_LENGTH)."""
    place: str
    topic: str
    description: str
    partners: str
    """Who invites together with the police (a housing cooperative, a parish, a school)."""
    where: RowRef

    @property
    def starts(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start)

    @property
    def ends(self) -> dt.datetime:
        if self.end is None:
            return self.starts + DEFAULT_LENGTH
        return dt.datetime.combine(self.date, self.end)


@dataclass(frozen=True)
class Meetings:
    kept: tuple[Meeting, ...]
    """The meetings to print: of known areas, readable, and not past (unless asked)."""
    problems: tuple[Problem, ...]
    rejected: frozenset[RowRef]
    past: tuple[Meeting, ...] = ()
    """Meetings before the roster's "stan na" date, left out (warned about)."""
    rows: tuple[RowRef, ...] = ()
    """Every meeting row read, in order: each ends printed, past or rejected."""


NO_MEETINGS = Meetings((), (), frozenset())


def check_meetings(
    rows: Sequence[MeetingRow], areas: Sequence[Area], as_of: dt.date, *, past: bool = False
) -> Meetings:
    """Rows -> meetings of `areas`. Errors (an unknown rejon, a date or time that cannot be
    read or does not exist, an end before the start) reject the row; a date before `as_of`
    is a warning and the meeting is left out unless `past`."""
    kept: list[Meeting] = []
    old: list[Meeting] = []
    problems: list[Problem] = []
    rejected: set[RowRef] = set()
    seen: dict[tuple[str, str, dt.date], RowRef] = {}
    for row in rows:
        found: list[Problem] = []
        meeting = _meeting(row, areas, found)
        if meeting is not None:
            key = (meeting.area.unit.name, meeting.area.number, meeting.date)
            if key in seen:
                found.append(
                    _problem(
                        row,
                        "data",
                        "spotkanie-powtorzone",
                        f"rejon {meeting.area.number} ma już spotkanie tego dnia "
                        f"({seen[key].describe()}) — jedno spotkanie rejonu dziennie",
                    )
                )
            else:
                seen[key] = row.where
        if any(p.is_error for p in found) or meeting is None:
            rejected.add(row.where)
        elif meeting.date < as_of:
            found.append(
                _problem(
                    row,
                    "data",
                    "spotkanie-minione",
                    f"spotkanie {meeting.date:%d.%m.%Y} jest przed datą „stan na” "
                    f"({as_of:%d.%m.%Y})"
                    + (" — drukowane na życzenie (--minione)" if past else " — pominięte"),
                    severity=Severity.WARNING,
                )
            )
            (kept if past else old).append(meeting)
        else:
            kept.append(meeting)
        problems.extend(found)
    rows_read = tuple(row.where for row in rows)
    return Meetings(tuple(kept), tuple(problems), frozenset(rejected), tuple(old), rows_read)


def _problem(
    row: MeetingRow,
    column: str,
    code: str,
    message: str,
    *,
    severity: Severity = Severity.ERROR,
) -> Problem:
    return Problem(
        severity,
        code,
        message,
        row.where,
        column=column,
        value=row.get(column),
        heading=row.headings.get(column, f"„{COLUMNS.get(column, column)}”"),
    )


def _meeting(row: MeetingRow, areas: Sequence[Area], found: list[Problem]) -> Meeting | None:
    for column in REQUIRED:
        if not row.get(column):
            found.append(
                _problem(
                    row,
                    column,
                    "spotkanie-brak-danych",
                    f"brak: {COLUMNS[column].lower()} spotkania",
                )
            )
    area = _area(row, areas, found) if row.get("rejon") else None
    date = _read(row, "data", parse_date, found) if row.get("data") else None
    hours = _hours(row, found)
    if area is None or date is None or hours is None or found:
        return None
    start, end = hours
    return Meeting(
        area=area,
        date=date,
        start=start,
        end=end,
        place=row.get("miejsce"),
        topic=row.get("temat"),
        description=row.get("opis"),
        partners=row.get("wspolnie"),
        where=row.where,
    )


T = TypeVar("T")


def _read(
    row: MeetingRow, column: str, parse: Callable[[str], T | Unreadable], found: list[Problem]
) -> T | None:
    value = parse(row.get(column))
    if isinstance(value, Unreadable):
        found.append(_problem(row, column, f"spotkanie-{column}", value.reason))
        return None
    return value


def _hours(row: MeetingRow, found: list[Problem]) -> tuple[dt.time, dt.time | None] | None:
    """From `Godzina` (`18:00–19:30`), or `Początek` and `Koniec`, or the date cell's time."""
    start: dt.time | None = None
    end: dt.time | None = None
    column = "godzina"
    if row.get("godzina"):
        hours = parse_hours(row.get("godzina"))
        if isinstance(hours, Unreadable):
            found.append(_problem(row, "godzina", "spotkanie-godzina", hours.reason))
            return None
        start, end = hours.start, hours.end
    elif row.get("poczatek"):
        column = "poczatek"
        start = _read(row, "poczatek", parse_time, found)
        if start is None:
            return None
    else:
        start = time_in_cell(row.get("data"))
    if row.get("koniec"):
        end = _read(row, "koniec", parse_time, found)
        if end is None:
            return None
    if start is None:
        found.append(_problem(row, "godzina", "spotkanie-brak-danych", "brak: godzina spotkania"))
        return None
    if end is not None and end <= start:
        found.append(
            _problem(
                row,
                "koniec" if row.get("koniec") else column,
                "spotkanie-godzina",
                f"koniec spotkania ({end:%H:%M}) nie jest po jego początku ({start:%H:%M})",
            )
        )
        return None
    return start, end


_AREA_WORDS = re.compile(r"\b(?:rejon\w*|nr|numer|rej)\b\.?")


def area_number_key(text: str) -> str:
    """`Rejon nr 5`, `5.`, `nr 5` -> `5`: how a meetings sheet's rejon meets the roster's."""
    return header_key(_AREA_WORDS.sub(" ", fold(text)))


def _area(row: MeetingRow, areas: Sequence[Area], found: list[Problem]) -> Area | None:
    number = area_number_key(row.get("rejon"))
    unit = search_key(row.get("jednostka"))
    matches = [
        area
        for area in areas
        if area_number_key(area.number) == number
        and (not unit or unit in search_key(area.unit.name) or search_key(area.unit.name) in unit)
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        where = f" w jednostce „{row.get('jednostka')}”" if unit else ""
        found.append(
            _problem(
                row,
                "rejon",
                "spotkanie-nieznany-rejon",
                f"w wykazie dzielnicowych nie ma rejonu „{row.get('rejon')}”{where}",
            )
        )
        return None
    units = ", ".join(sorted({area.unit.name for area in matches}))
    found.append(
        _problem(
            row,
            "rejon",
            "spotkanie-niejednoznaczny-rejon",
            f"rejon „{row.get('rejon')}” jest w kilku jednostkach ({units}) — "
            "wpisz jednostkę w kolumnie Jednostka",
        )
    )
    return None


def read_meeting_files(paths: Sequence[Path]) -> MeetingSheet:
    """`--spotkania FILE`: every sheet of each file (or the CSV) read as meetings; a file
    that cannot be read is an error in the result, not a stop."""
    rows: list[MeetingRow] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            grids = read_grids(path, encoding=None, delimiter=None)
        except RosterError as exc:
            message = str(exc).removeprefix(f"{path}: ")
            problems.append(
                Problem(Severity.ERROR, "plik-nieczytelny", message, RowRef(str(path), "", 0))
            )
            continue
        for sheet in grids:
            if not any(cell_text(value) for row in sheet.grid for value in row):
                continue
            found = read_sheet(str(path), sheet.name, sheet.grid)
            rows.extend(found.rows)
            problems.extend(found.problems)
    return MeetingSheet(tuple(rows), tuple(problems))
