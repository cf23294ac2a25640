"""Roster files (xlsx, ods, csv) -> raw rows keyed by canonical column, with exact positions.

The cells come from `workbooks` (the spreadsheet libraries); this module reads them as a
sheet. A sheet is read as a clerk lays it out: title rows above the header (one may name the unit),
the header read by what it says (`columns`), then data rows, rows that are only a merged
cell's copies (blank), footer rows (`Sporządził: …`, a date: notes), and headings inside the
table that name a unit for the rows below them. Nothing is dropped without a word: a column
the tool does not use but that holds text is reported, and a file that cannot be read is
reported while the other files are still read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from leaflets import sheetcheck
from leaflets.columns import REQUIRED, USUAL, column_index
from leaflets.errors import RosterError
from leaflets.headers import (
    HeaderMatch,
    HeaderReading,
    closest_header,
    header_score,
    match_headers,
)
from leaflets.problems import Problem, RowRef, Severity
from leaflets.text import fold
from leaflets.units import unit_in_sheet_name, unit_in_text
from leaflets.workbooks import Copied, Grid, cell_text, read_grids

log = logging.getLogger(__name__)

__all__ = [
    "RawRow",
    "Roster",
    "SheetReading",
    "UnitHint",
    "cell_text",
    "read_rosters",
]

HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class UnitHint:
    """A unit name a sheet gives its rows when they have none of their own."""

    name: str
    source: Literal["tytul", "arkusz", "naglowek"]
    """The title row above the table, the sheet's name, or a heading row inside the table."""
    certain: bool
    """It names a unit (`Komisariat Policji …`, `KP I`); a sheet name that does not
    (`Krowodrza`) is used only when the configuration names no unit."""
    where: RowRef
    written: str
    """The text it was read from."""


@dataclass(frozen=True)
class RawRow:
    """One data row: where it is and its non-empty cells under canonical column names."""

    where: RowRef
    cells: Mapping[str, str]
    stray: tuple[tuple[int, str], ...] = ()
    """Non-empty cells in columns without a header: (1-based column, text). Validation says
    what becomes of them; they never vanish silently."""
    remarks: tuple[str, ...] = ()
    """Text of the `Uwagi` columns: not printed, but read for vacancies (`rejon
    nieobsadzony`)."""
    unit: UnitHint | None = None

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class SheetReading:
    """How one sheet was read: its header row and what every header was understood as."""

    file: str
    sheet: str
    header_row: int
    """As the spreadsheet numbers it (1 = first row); 0 when no header was found."""
    headers: tuple[HeaderReading, ...]
    match: HeaderMatch | None = None
    read: bool = True
    """False when the sheet was skipped (no header, a required column missing, …)."""


@dataclass(frozen=True)
class Roster:
    """Everything read from the roster files, in file, sheet and row order."""

    rows: tuple[RawRow, ...]
    problems: tuple[Problem, ...]
    base_dirs: Mapping[str, Path]
    """File label -> the folder its photos are resolved against."""
    sheets: tuple[SheetReading, ...] = ()
    notes: tuple[RowRef, ...] = ()
    """Rows below the header that are not officers (`Sporządził: …`, a date, a heading):
    each has an information problem saying so."""

    def label(self, problem: Problem) -> Problem:
        """`problem` with its column named as the sheet names it (`G „Telefon służbowy”`)."""
        if not problem.column or problem.heading or problem.where is None:
            return problem
        reading = self._readings().get((problem.where.file, problem.where.sheet))
        found = reading.reading(problem.column) if reading is not None else None
        if found is None:
            return problem
        return replace(problem, heading=found.label)

    def _readings(self) -> dict[tuple[str, str], HeaderMatch]:
        cached: dict[tuple[str, str], HeaderMatch] | None = self.__dict__.get("_cache")
        if cached is None:
            cached = {(s.file, s.sheet): s.match for s in self.sheets if s.match is not None}
            object.__setattr__(self, "_cache", cached)
        return cached

    def order(self) -> dict[tuple[str, str], int]:
        """(file, sheet) -> its place in the input: problems are listed in this order."""
        places: dict[tuple[str, str], int] = {}
        for sheet in self.sheets:
            places.setdefault((sheet.file, sheet.sheet), len(places))
            places.setdefault((sheet.file, ""), places[(sheet.file, sheet.sheet)])
        return places


LOCK_PREFIX = "~$"
"""Excel's lock file beside an open workbook (`~$wykaz.xlsx`): not a roster."""


def read_rosters(
    paths: Sequence[Path], *, encoding: str | None = None, delimiter: str | None = None
) -> Roster:
    """Every file in `paths`. A file that cannot be read is an error in the result while the
    others are still read; only when nothing at all can be read is it raised."""
    rows: list[RawRow] = []
    problems: list[Problem] = []
    failures: list[str] = []
    sheets: list[SheetReading] = []
    notes: list[RowRef] = []
    base_dirs: dict[str, Path] = {}
    for path in paths:
        label = str(path)
        base_dirs[label] = path.resolve().parent
        if path.name.startswith(LOCK_PREFIX):
            problems.append(
                Problem(
                    Severity.INFO,
                    "plik-blokady",
                    "to plik blokady Excela (powstaje, gdy skoroszyt jest otwarty) — pominięty",
                    RowRef(label, "", 0),
                )
            )
            continue
        try:
            grids = read_grids(path, encoding=encoding, delimiter=delimiter)
        except RosterError as exc:
            failures.append(str(exc))
            message = str(exc).removeprefix(f"{label}: ")
            problems.append(Problem(Severity.ERROR, UNREADABLE, message, RowRef(label, "", 0)))
            continue
        for sheet, grid, merged in grids:
            read = _read_sheet(label, sheet, grid, merged)
            rows.extend(read.rows)
            problems.extend(read.problems)
            notes.extend(read.notes)
            if read.reading is not None:
                sheets.append(read.reading)
    if not rows:
        refusals = [p for p in problems if p.is_error]
        if len(failures) == len(paths) == 1:
            raise RosterError(failures[0])
        if refusals:
            raise RosterError("\n".join(p.describe() for p in refusals))
        warned = [p for p in problems if not p.is_info]
        if warned:
            # Typically the header was not recognised: that explanation is the useful one.
            raise RosterError(warned[0].describe())
        names = ", ".join(str(p) for p in paths)
        raise RosterError(f"{names}: nie znaleziono żadnego wiersza z danymi dzielnicowych.")
    return Roster(
        rows=tuple(rows),
        problems=tuple(problems),
        base_dirs=base_dirs,
        sheets=tuple(sheets),
        notes=tuple(notes),
    )


UNREADABLE = "plik-nieczytelny"


@dataclass
class _SheetRead:
    rows: list[RawRow]
    problems: list[Problem]
    notes: list[RowRef]
    reading: SheetReading | None


_ORDINAL = re.compile(r"^\s*\d{1,5}\s*[.)]?\s*$")
"""What an `Lp.` cell holds: a row numbered `7.` with nothing else is an empty row."""
_FOOTER = re.compile(
    r"^\W*(?:sporzadzil\w*|sporz\.|zatwierdzil\w*|zatwierdzam|sprawdzil\w*|opracowal\w*|"
    r"wykonal\w*|podpis\w*|pieczec\w*|pieczatka|stan na\b|wg stanu|wedlug stanu|data\b|"
    r"razem\b|ogolem\b|lacznie\b|zalacznik\w*|z up\.|z upowaznienia|komendant\w*|"
    r"naczelnik\w*|kierownik\w*|koordynator\w*|aktualizacja|uwaga\b)"
)
_DATE = re.compile(
    r"^(?:[^\d]*,\s*)?(?:dnia\s*)?\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\s*(?:r\.?|roku)?$"
    r"|^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?$"
)


def _read_sheet(file: str, sheet: str, grid: Grid, copied: Copied) -> _SheetRead:
    texts = [[cell_text(value) for value in row] for row in grid]
    nonempty = [i for i, row in enumerate(texts) if any(row)]
    if not nonempty:
        log.info("Pusty arkusz pominięty: %s %s", file, sheet)
        return _SheetRead([], [], [], None)
    header_index = _find_header(texts, nonempty)
    if header_index is None:
        found = ", ".join(f"„{c}”" for c in dict.fromkeys(texts[nonempty[0]]) if c) or "(brak)"
        problem = Problem(
            Severity.WARNING,
            "brak-naglowka",
            f"nie rozpoznano wiersza nagłówka (pierwszy wiersz: {found}) — arkusz pominięty. "
            f"Wymagane kolumny: {_required()}."
            + (" Jeśli kolumny rozdziela inny znak, użyj opcji --separator." if not sheet else ""),
            RowRef(file, sheet, nonempty[0] + 1),
        )
        return _SheetRead([], [problem], [], SheetReading(file, sheet, 0, (), None, read=False))
    headers = texts[header_index]
    spans = {c for c in range(len(headers)) if (header_index, c) in copied}
    match = match_headers(headers, spans)
    header_ref = RowRef(file, sheet, header_index + 1)
    reading = SheetReading(file, sheet, header_index + 1, match.readings, match)
    refusal = _header_refusal(match, header_ref)
    if refusal is not None:
        return _SheetRead([], [refusal], [], replace(reading, read=False))
    unit = _title_unit(file, sheet, texts, nonempty, header_index) or _sheet_unit(sheet, header_ref)
    read = _rows(file, sheet, texts, copied, nonempty, header_index, match, unit)
    problems = read.problems
    refusal = sheetcheck.description_refusal(match, read.rows, texts, header_ref)
    if refusal is not None:
        return _SheetRead([], [refusal], [], replace(reading, read=False))
    problems.extend(sheetcheck.unused_columns(match, read.rows, texts, header_ref))
    rows = sheetcheck.fill_down_units(read.rows, match, header_ref, problems)
    return _SheetRead(rows, problems, read.notes, reading)


def _required() -> str:
    return ", ".join(USUAL[name] for name in REQUIRED) + " (albo Imię i nazwisko w jednej kolumnie)"


def _find_header(texts: list[list[str]], nonempty: list[int]) -> int | None:
    """The header is the row (of the first few) naming the most roster columns, at least two,
    so title rows like "Wykaz dzielnicowych KMP ..." above it are skipped."""
    best: tuple[int, int] | None = None
    for index in nonempty[:HEADER_SEARCH_ROWS]:
        score = header_score(texts[index])
        if score >= 2 and (best is None or score > best[0]):
            best = (score, index)
    return best[1] if best else None


def _header_refusal(match: HeaderMatch, where: RowRef) -> Problem | None:
    """A header row the sheet cannot be read with: two headers for one column, or a required
    column missing. The sheet is skipped: its rows would be read wrong."""
    for first, second in match.duplicates:
        return Problem(
            Severity.ERROR,
            "niejednoznaczne-kolumny",
            f"kolumny {first.label} i {second.label} oznaczają to samo"
            f" ({first.meaning}) — zmień nagłówek jednej z nich albo ją usuń; arkusz pominięty",
            where,
        )
    missing = match.missing_required()
    if not missing:
        return None
    written = [r.header for r in match.readings]
    hints = []
    for name in missing:
        unused = [r.header for r in match.readings if r.kind == "unknown"]
        near = closest_header(name, unused)
        hints.append(f"{USUAL[name]} (czy to „{near}”?)" if near else USUAL[name])
    found = ", ".join(r.label for r in match.readings) or "(brak)"
    names_missing = {"imie", "nazwisko"} <= set(missing) and written
    return Problem(
        Severity.ERROR,
        "brak-kolumn",
        f"brak wymaganych kolumn: {', '.join(hints)}. Znalezione kolumny: {found}."
        + (
            " Imię i nazwisko mogą być w jednej kolumnie „Imię i nazwisko”."
            if names_missing
            else ""
        )
        + " Arkusz pominięty.",
        where,
    )


def _title_unit(
    file: str, sheet: str, texts: list[list[str]], nonempty: list[int], header_index: int
) -> UnitHint | None:
    for index in nonempty:
        if index >= header_index:
            return None
        text = " ".join(dict.fromkeys(t for t in texts[index] if t))
        name = unit_in_text(text)
        if name:
            return UnitHint(name, "tytul", True, RowRef(file, sheet, index + 1), text)
    return None


def _sheet_unit(sheet: str, where: RowRef) -> UnitHint | None:
    found = unit_in_sheet_name(sheet) if sheet else None
    if found is None:
        return None
    name, certain = found
    return UnitHint(name, "arkusz", certain, where, sheet)


@dataclass
class _Rows:
    rows: list[RawRow]
    problems: list[Problem]
    notes: list[RowRef]


def _rows(
    file: str,
    sheet: str,
    texts: list[list[str]],
    copied: Copied,
    nonempty: list[int],
    header_index: int,
    match: HeaderMatch,
    unit: UnitHint | None,
) -> _Rows:
    headers = texts[header_index]
    named = {col for col, header in enumerate(headers) if header}
    ignored = {
        int_col: reading.column
        for reading in match.readings
        if reading.kind == "ignored"
        for int_col in (column_index(reading.letter),)
    }
    rows: list[RawRow] = []
    problems: list[Problem] = []
    notes: list[RowRef] = []
    for index in nonempty:
        if index <= header_index:
            continue
        row = texts[index]
        where = RowRef(file, sheet, index + 1)
        own = [c for c, text in enumerate(row) if text and (index, c) not in copied]
        meaningful = [c for c in own if not (ignored.get(c) == "lp" and _ORDINAL.match(row[c]))]
        if not meaningful:
            continue  # blank in Excel: only copies of a merged cell, or only its `Lp.`
        values = list(dict.fromkeys(row[c] for c in meaningful))
        note = _note(values, row, meaningful, index, copied)
        if note is not None:
            heading = unit_in_text(values[0]) if note == "naglowek" else None
            if heading:
                unit = UnitHint(heading, "naglowek", True, where, values[0])
                message = f"nagłówek w tabeli: jednostka „{heading}” dla wierszy poniżej"
            elif note == "naglowek":
                message = "nagłówek w tabeli, nie dane dzielnicowego — pominięty"
            else:
                message = "stopka lub data, nie dane dzielnicowego — pominięta"
            problems.append(
                Problem(Severity.INFO, "notatka", message, where, value=" ".join(values))
            )
            notes.append(where)
            continue
        cells = {
            name: row[col] for col, name in match.by_index.items() if col < len(row) and row[col]
        }
        stray = tuple((col + 1, text) for col, text in enumerate(row) if text and col not in named)
        remarks = tuple(
            row[col]
            for col, name in ignored.items()
            if name == "uwagi" and col < len(row) and row[col]
        )
        # A row with data only in unknown columns is kept (empty cells) so validation
        # rejects it visibly instead of it vanishing.
        rows.append(RawRow(where, cells, stray, remarks, unit))
    return _Rows(rows, problems, notes)


def _note(
    values: list[str], row: list[str], own: list[int], index: int, copied: Copied
) -> Literal["stopka", "naglowek"] | None:
    """Whether a row below the header is a footer (`Sporządził: …`, a date, signatures) or a
    heading across the table (one text merged over several columns), not an officer."""
    if all(_FOOTER.match(fold(v)) or _DATE.match(v.strip()) for v in values):
        return "stopka"
    if len(values) == 1 and unit_in_text(values[0]):
        return "naglowek"
    spans = sum(1 for c, text in enumerate(row) if text == values[0] and (index, c) in copied)
    if len(values) == 1 and len(own) == 1 and spans >= 1:
        return "naglowek"
    return None
