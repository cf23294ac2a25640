"""Roster files -> grids of cells: xlsx and ods through python-calamine, CSV through pandas,
with the limits that keep hostile files out.

Spreadsheets are read with python-calamine (the engine pandas uses for
`read_excel(engine="calamine")`) directly, because we need what pandas drops: merged-cell
ranges and the exact sheet row of every cell. CSV goes through pandas, which handles quoting,
embedded newlines and encodings for us. With `roster.py` the only code that touches
spreadsheet libraries.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

import python_calamine

from leaflets.errors import RosterError, os_reason

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

Grid = list[list[object]]
MergedRange = tuple[tuple[int, int], tuple[int, int]]
"""((top row, left column), (bottom row, right column)), 0-based and inclusive."""


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


def read_grids(
    path: Path, *, encoding: str | None, delimiter: str | None
) -> list[tuple[str, Grid, Copied]]:
    """Every sheet of `path` as (name, grid of cell values, merged-cell copies); a CSV file is
    one sheet named "". A file that cannot be read is a RosterError saying why, in Polish."""
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
