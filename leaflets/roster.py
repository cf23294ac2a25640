"""Roster files (xlsx, ods, csv) -> raw rows keyed by canonical column, with exact positions.

The only module that touches spreadsheet libraries. Spreadsheets are read with
python-calamine (the engine pandas uses for `read_excel(engine="calamine")`) directly, because
we need what pandas drops: merged-cell ranges and the exact sheet row of every cell. CSV goes
through pandas, which handles quoting, embedded newlines and encodings for us.

A sheet is read as a clerk lays it out: title rows above the header (one may name the unit),
the header read by what it says (`columns`), then data rows, rows that are only a merged
cell's copies (blank), footer rows (`Sporządził: …`, a date: notes), and headings inside the
table that name a unit for the rows below them. Nothing is dropped without a word: a column
the tool does not use but that holds text is reported, and a file that cannot be read is
reported while the other files are still read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import math
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree

import python_calamine

from leaflets.columns import (
    REQUIRED,
    USUAL,
    HeaderMatch,
    HeaderReading,
    closest_header,
    header_score,
    match_headers,
)
from leaflets.errors import RosterError, os_reason
from leaflets.problems import Problem, RowRef, Severity
from leaflets.text import fold
from leaflets.units import unit_in_sheet_name, unit_in_text

log = logging.getLogger(__name__)

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
SUFFIXES = SPREADSHEET_SUFFIXES + CSV_SUFFIXES

# Limits against absurd or hostile files. A national roster in the long shape is about
# 8,300 areas x 15 streets = 125,000 rows, so the row limit leaves room above that.
MAX_ROWS = 250_000
MAX_COLUMNS = 200
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_ZIP_RATIO = 200
HEADER_SEARCH_ROWS = 30

Grid = list[list[object]]
MergedRange = tuple[tuple[int, int], tuple[int, int]]
"""((top row, left column), (bottom row, right column)), 0-based and inclusive."""


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
            grids = _read_grids(path, encoding=encoding, delimiter=delimiter)
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


def cell_text(value: object) -> str:
    """A cell as the text a person typed: 600997123.0 -> "600997123", NBSP -> space."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() else str(value.date())
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    text = str(value).replace("\u00a0", " ").replace("\u202f", " ").replace("\r\n", "\n")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


Copied = frozenset[tuple[int, int]]
"""(row, column) of the cells that hold a merged cell's value copied from its first cell."""


def _read_grids(
    path: Path, *, encoding: str | None, delimiter: str | None
) -> list[tuple[str, Grid, Copied]]:
    if path.is_dir():
        raise RosterError(f"{path}: to folder — podaj plik arkusza (.xlsx, .ods albo .csv).")
    if not path.is_file():
        raise RosterError(f"{path}: nie ma takiego pliku.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise RosterError(
            f"{path}: nieobsługiwany typ pliku. Zapisz arkusz jako .xlsx, .ods albo .csv."
        )
    if path.stat().st_size > MAX_FILE_BYTES:
        raise RosterError(f"{path}: plik jest za duży (ponad {MAX_FILE_BYTES // 2**20} MB).")
    try:
        if suffix in CSV_SUFFIXES:
            return [("", _read_csv(path, encoding=encoding, delimiter=delimiter), frozenset())]
        return _read_spreadsheet(path)
    except OSError as exc:
        raise RosterError(f"{path}: nie można odczytać pliku: {os_reason(exc)}.") from exc


def _read_spreadsheet(path: Path) -> list[tuple[str, Grid, Copied]]:
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterError(
            f"{path}: skoroszyt jest zabezpieczony hasłem albo zapisany w starym formacie .xls. "
            "Zdejmij hasło i zapisz go jako .xlsx."
        )
    if not magic.startswith(b"PK"):
        raise RosterError(f"{path}: to nie jest arkusz kalkulacyjny (plik uszkodzony?).")
    _check_zip(path)
    ods_merged = _ods_merged_ranges(path) if path.suffix.lower() == ".ods" else {}
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        grids = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            if sheet.height > MAX_ROWS or sheet.width > MAX_COLUMNS:
                raise RosterError(
                    f"{path}, arkusz „{name}”: arkusz jest za duży ({sheet.height} wierszy, "
                    f"{sheet.width} kolumn; limit {MAX_ROWS} wierszy i {MAX_COLUMNS} kolumn)."
                )
            grid: Grid = [list(row) for row in sheet.to_python(skip_empty_area=False)]
            merged = sheet.merged_cell_ranges or ods_merged.get(name, [])
            grids.append((name, grid, _fill_merged(grid, merged)))
    except RosterError:
        raise
    except Exception as exc:  # calamine raises several untyped errors for broken files
        raise RosterError(f"{path}: nie można odczytać arkusza — plik jest uszkodzony.") from exc
    return grids


def _check_zip(path: Path) -> None:
    """Refuse zip bombs before a parser inflates them."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise RosterError(f"{path}: plik jest uszkodzony (nieprawidłowe archiwum).") from exc
    unpacked = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_ZIP_RATIO:
        raise RosterError(
            f"{path}: plik po rozpakowaniu byłby zbyt duży ({unpacked // 2**20} MB) — "
            "odrzucony jako podejrzany."
        )


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_merged_ranges(path: Path) -> dict[str, list[MergedRange]]:
    """Merged ranges of every sheet of an .ods file, read from content.xml: python-calamine
    reports merged ranges for xlsx only. Spans are `number-rows/columns-spanned` on a cell;
    repeated rows and cells (`number-*-repeated`) advance the position."""
    ranges: dict[str, list[MergedRange]] = {}
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            sheet, row, column = "", -1, 0
            for event, element in ElementTree.iterparse(content, events=("start", "end")):
                tag = element.tag
                if event == "start" and tag == f"{_ODS_TABLE}table":
                    sheet, row = element.get(f"{_ODS_TABLE}name", ""), -1
                    ranges[sheet] = []
                elif event == "start" and tag == f"{_ODS_TABLE}table-row":
                    row, column = row + 1, 0
                elif event == "end" and tag == f"{_ODS_TABLE}table-row":
                    row += int(element.get(f"{_ODS_TABLE}number-rows-repeated", "1")) - 1
                    element.clear()
                elif event == "end" and tag in (
                    f"{_ODS_TABLE}table-cell",
                    f"{_ODS_TABLE}covered-table-cell",
                ):
                    rows = int(element.get(f"{_ODS_TABLE}number-rows-spanned", "1"))
                    columns = int(element.get(f"{_ODS_TABLE}number-columns-spanned", "1"))
                    if rows > 1 or columns > 1:
                        ranges[sheet].append(
                            ((row, column), (row + rows - 1, column + columns - 1))
                        )
                    column += int(element.get(f"{_ODS_TABLE}number-columns-repeated", "1"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError) as exc:
        raise RosterError(f"{path}: plik .ods jest uszkodzony.") from exc
    return ranges


def _fill_merged(grid: Grid, ranges: Sequence[MergedRange]) -> Copied:
    """A merged cell's value applies to every cell it spans (e.g. one `rejon` for 5 rows);
    returns the cells that got a copy, so a row holding nothing else is seen as blank."""
    copied: set[tuple[int, int]] = set()
    for (top, left), (bottom, right) in ranges:
        if top >= len(grid) or left >= len(grid[top]):
            continue
        value = grid[top][left]
        for r in range(top, min(bottom, len(grid) - 1) + 1):
            for c in range(left, min(right, len(grid[r]) - 1) + 1):
                if (r, c) != (top, left):
                    grid[r][c] = value
                    copied.add((r, c))
    return frozenset(copied)


def _read_csv(path: Path, *, encoding: str | None, delimiter: str | None) -> Grid:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise RosterError(f"{path}: to nie jest plik tekstowy CSV.")
    encoding = encoding or _detect_encoding(raw)
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise RosterError(f"{path}: nie można odczytać pliku w kodowaniu {encoding}.") from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        # pandas would fail with an English "No columns to parse"; an empty file is an empty
        # sheet, skipped like one (read_rosters says so when nothing is left).
        return []
    delimiter = delimiter or _detect_delimiter(text)
    import pandas as pd  # only CSV needs it, and it takes a third of a second to import

    try:
        # As wide as the widest row: a title line above the header, or a row with more cells
        # than the header (reported by validation), must not stop the file being read.
        width = max(len(fields) for fields in csv.reader(io.StringIO(text), delimiter=delimiter))
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            names=range(width),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="python",
        )
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        raise RosterError(f"{path}: {_csv_problem(delimiter)}") from exc
    if len(frame) > MAX_ROWS or len(frame.columns) > MAX_COLUMNS:
        raise RosterError(f"{path}: plik jest za duży (limit {MAX_ROWS} wierszy).")
    return [list(row) for row in frame.itertuples(index=False, name=None)]


_DELIMITER_NAMES = {";": "średnik", ",": "przecinek", "\t": "tabulator"}


def _csv_problem(delimiter: str) -> str:
    """What the user can do about a CSV file pandas cannot parse (its message is English)."""
    name = _DELIMITER_NAMES.get(delimiter, f"„{delimiter}”")
    return (
        f"nieprawidłowy plik CSV (separator: {name}) — sprawdź cudzysłowy w komórkach albo"
        " podaj separator opcją --separator."
    )


def _detect_encoding(raw: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else Windows-1250 (Polish Excel's CSV)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1250"
    return "utf-8-sig"


def _detect_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ";,\t"}
        return max(counts, key=lambda d: counts[d])


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
    refusal = _description_refusal(match, read.rows, texts, header_ref)
    if refusal is not None:
        return _SheetRead([], [refusal], [], replace(reading, read=False))
    problems.extend(_unused_columns(match, read.rows, texts, header_ref))
    rows = _fill_down_units(read.rows, match, header_ref, problems)
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
        for int_col in (_index(reading.letter),)
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


def _index(letter: str) -> int:
    number = 0
    for ch in letter:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number - 1


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


_STREETS = re.compile(
    r"\b(?:ul|al|pl|os)\.\s*\w|\b(?:ulica|ulice|ulicy|osiedle|aleja|plac|miejscowosci|"
    r"wsie|solectwa|gmina|gminy|nieparzyste|parzyste)\b"
)
_NAME_LIST = re.compile(
    r"^[^\W\d_][\w.-]+(?:\s[\w.-]+)*(?:\s*[,;]\s*[^\W\d_][\w.-]+(?:\s[\w.-]+)*)+"
)


def looks_like_streets(text: str) -> bool:
    """Whether a cell reads like an area description: street words, or a list of names."""
    folded = fold(text)
    if _STREETS.search(folded):
        return True
    return bool(_NAME_LIST.match(text)) and sum(ch.isupper() for ch in text) >= 2


def _column_texts(
    reading: HeaderReading, rows: list[RawRow], texts: list[list[str]]
) -> list[tuple[int, str]]:
    column = _index(reading.letter)
    found = []
    for row in rows:
        line = texts[row.where.row - 1]
        if column < len(line) and line[column]:
            found.append((row.where.row, line[column]))
    return found


def _description_refusal(
    match: HeaderMatch, rows: list[RawRow], texts: list[list[str]], where: RowRef
) -> Problem | None:
    """No column is read as the area description, but one holds streets or villages: that is
    an error naming it, never leaflets without their area."""
    if "ulice" in match.found:
        return None
    for reading in match.unknown:
        cells = _column_texts(reading, rows, texts)
        streets = sum(looks_like_streets(text) for _, text in cells)
        if cells and streets * 2 >= len(cells):
            return Problem(
                Severity.ERROR,
                "opis-nierozpoznany",
                "ta kolumna wygląda na opis rejonu (ulice, miejscowości), ale jej nagłówka nie"
                " rozpoznano — zmień nagłówek na „Ulice” albo „Opis rejonu”; bez tego ulotki"
                " byłyby bez ulic. Arkusz pominięty",
                where,
                "ulice",
                heading=reading.label,
            )
    return None


def _unused_columns(
    match: HeaderMatch, rows: list[RawRow], texts: list[list[str]], where: RowRef
) -> list[Problem]:
    """Every column the tool does not use but that holds text, once, with an example."""
    found = []
    for reading in match.unknown:
        cells = _column_texts(reading, rows, texts)
        if not cells:
            continue
        row, text = cells[0]
        found.append(
            Problem(
                Severity.WARNING,
                "nieznana-kolumna",
                f"kolumna nieużywana — jej treść nie trafi na ulotkę (np. wiersz {row}:"
                f" „{_short(text)}”)",
                where,
                heading=reading.label,
            )
        )
    return found


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fill_down_units(
    rows: list[RawRow], match: HeaderMatch, where: RowRef, problems: list[Problem]
) -> list[RawRow]:
    """A unit written only in the first row of a block (a merged cell exported to CSV, or
    typed once) holds for the rows below it, with a warning listing them."""
    if "jednostka" not in match.found:
        return rows
    filled: list[int] = []
    last = ""
    result = []
    for row in rows:
        unit = row.get("jednostka")
        if unit:
            last = unit
        elif last and (row.cells or row.remarks):
            result.append(replace(row, cells={**row.cells, "jednostka": last}))
            filled.append(row.where.row)
            continue
        result.append(row)
    if filled:
        problems.append(
            Problem(
                Severity.WARNING,
                "jednostka-uzupelniona",
                "nazwa jednostki wpisana tylko w pierwszym wierszu bloku — przyjęto ją z wiersza"
                f" powyżej także dla wierszy {_ranges(filled)}",
                where,
                "jednostka",
            )
        )
    return result


def _ranges(numbers: list[int]) -> str:
    """[5, 6, 7, 9] -> `5–7, 9`."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)
