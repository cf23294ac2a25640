"""Roster files -> grids of cells: xlsx and ods through python-calamine, CSV through the csv
module, behind one boundary that turns any failure of a damaged file into the file's message.

Spreadsheets are read with python-calamine (the engine pandas uses for
`read_excel(engine="calamine")`) directly, because we need what pandas drops: merged-cell
ranges and the exact sheet row of every cell. Before calamine opens a workbook, `archives`
checks what its archive would inflate to (a sheet too large is refused before calamine
allocates it: an allocation it cannot make aborts the process). With `roster.py` the only
code that touches spreadsheet libraries.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import python_calamine

from leaflets import archives, limits
from leaflets.archives import Extent, MergedRange, SheetsRefused
from leaflets.csvfiles import read_csv
from leaflets.errors import RosterError, os_reason
from leaflets.text import short_texts_cached

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
SUFFIXES = SPREADSHEET_SUFFIXES + CSV_SUFFIXES

Grid = list[list[object]]
__all__ = ["Copied", "Grid", "MergedRange", "SheetGrid", "cell_text", "read_grids"]


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
    return _string_cell(str(value))[0]


@short_texts_cached(200, 1 << 16)
def _string_cell(text: str) -> tuple[str, bool]:
    """A text cell cleaned (`cell_text`), and whether it held control characters; cached, as
    a roster repeats its unit, ranks, names and phones row after row (250,000 rows: 18 s of
    cleaning, most of it repeats)."""
    safe = without_controls(text)
    unsafe = safe is not text  # `without_controls` returns the text itself when it holds none
    safe = safe.replace("\u00a0", " ").replace("\u202f", " ").replace("\r\n", "\n")
    lines = (" ".join(line.split()) for line in safe.split("\n"))
    return "\n".join(line for line in lines if line), unsafe


Copied = frozenset[tuple[int, int]]
"""(row, column) of the cells that hold a merged cell's value copied from its first cell."""

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters: NUL and the rest that openpyxl refuses to write, ESC (terminal escape
sequences), DEL and the C1 controls. Tab and line ends are white space, kept as such."""


_ESCAPE = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor, clearing the screen
    "|(?:\x1b[\\]PX^_]|[\x90\x9d\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"  # OSC, DCS
    "|\x1b[@-Z\\\\-_]"  # other two-character escapes
)
"""Terminal escape sequences, removed whole (`ESC[31m` would otherwise leave `[31m`)."""


def without_controls(text: str) -> str:
    """The text without escape sequences and control characters."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub("", _ESCAPE.sub("", text))


def sheet_texts(grid: Grid) -> tuple[list[list[str]], dict[tuple[int, int], int]]:
    """Every cell as text (`cell_text`), and the cells whose text had to change: (row,
    column) -> the length of a text cut at `limits.MAX_CELL_CHARS`, or 0 for a text whose
    control characters were removed. Nothing unsafe for a PDF, a workbook or a terminal
    leaves here, and nothing longer than the limit."""
    texts: list[list[str]] = []
    changed: dict[tuple[int, int], int] = {}
    limit = limits.MAX_CELL_CHARS
    for r, row in enumerate(grid):
        line = []
        for c, value in enumerate(row):
            if value.__class__ is str:
                text, unsafe = _string_cell(value)
            else:
                text, unsafe = cell_text(value), False
            if len(text) > limit:
                changed[(r, c)] = len(text)
                text = text[:limit]
            elif unsafe:
                changed[(r, c)] = 0
            line.append(text)
        texts.append(line)
    return texts, changed


@dataclass(frozen=True)
class SheetGrid:
    """One sheet as read: its name, its cells from A1, the cells holding a merged cell's
    copied value, and the last row its file has a value in (0 for CSV: no other reading)."""

    name: str
    grid: Grid
    copied: Copied = frozenset()
    filled_rows: int = 0


def read_grids(path: Path, *, encoding: str | None, delimiter: str | None) -> list[SheetGrid]:
    """Every sheet of `path`; a CSV file is one sheet named "". A file that cannot be read is
    a RosterError saying why, in Polish: this is the boundary where every failure a damaged
    file can cause in the libraries below (zlib, zipfile, XML, python-calamine, the csv
    module) becomes the file's message."""
    if path.is_dir():
        raise RosterError(f"{path}: to folder — podaj plik arkusza (.xlsx, .ods albo .csv).")
    if not path.is_file():
        raise RosterError(f"{path}: nie ma takiego pliku.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise RosterError(
            f"{path}: nieobsługiwany typ pliku. Zapisz arkusz jako .xlsx, .ods albo .csv."
        )
    try:
        if path.stat().st_size > limits.MAX_FILE_BYTES:
            raise RosterError(
                f"{path}: plik jest za duży (ponad {limits.MAX_FILE_BYTES // 2**20} MB)."
            )
        if suffix in CSV_SUFFIXES:
            return [SheetGrid("", read_csv(path, encoding=encoding, delimiter=delimiter))]
        return _read_spreadsheet(path)
    except RosterError:
        raise
    except SheetsRefused as exc:
        where = f"{path}, arkusz „{exc.sheet}”" if exc.sheet is not None else f"{path}"
        raise RosterError(f"{where}: {exc.reason}") from exc
    except OSError as exc:
        if not isinstance(exc, zipfile.BadZipFile) and exc.errno is not None:
            raise RosterError(f"{path}: nie można odczytać pliku: {os_reason(exc)}.") from exc
        raise RosterError(f"{path}: {_damage(exc)}") from exc
    except MemoryError as exc:
        raise RosterError(f"{path}: zabrakło pamięci, by odczytać plik — jest za duży.") from exc
    except Exception as exc:  # any failure of a damaged file in the libraries below
        raise RosterError(f"{path}: {_damage(exc)}") from exc
    except BaseException as exc:
        # pyo3 turns a panic in python-calamine into PanicException, a BaseException.
        if type(exc).__name__ != "PanicException":
            raise
        raise RosterError(f"{path}: {_damage(exc)}") from exc


def _damage(exc: BaseException) -> str:
    """What a foreign failure says about the file, in Polish (the libraries speak English)."""
    if isinstance(exc, zlib.error | EOFError):
        detail = "uszkodzone dane skompresowane"
    elif isinstance(exc, zipfile.BadZipFile | zipfile.LargeZipFile | NotImplementedError):
        detail = "nieprawidłowe archiwum"
    elif isinstance(exc, UnicodeError):
        detail = "nieprawidłowe znaki w nazwach lub tekście"
    elif isinstance(exc, ElementTree.ParseError):
        detail = "nieprawidłowy XML"
    else:
        detail = "nie można odczytać arkusza"
    return (
        f"plik jest uszkodzony ({detail}). Otwórz go w Excelu albo LibreOffice i zapisz ponownie."
    )


def _read_spreadsheet(path: Path) -> list[SheetGrid]:
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterError(
            f"{path}: skoroszyt jest zabezpieczony hasłem albo zapisany w starym formacie .xls. "
            "Zdejmij hasło i zapisz go jako .xlsx."
        )
    if not magic.startswith(b"PK"):
        raise RosterError(f"{path}: to nie jest arkusz kalkulacyjny (plik uszkodzony?).")
    ods = path.suffix.lower() == ".ods"
    merged: dict[str, list[MergedRange]] = {}
    with zipfile.ZipFile(path) as archive:
        archives.check_zip(archive)
        if ods:
            sheets = archives.ods_sheets(archive)
            extents = {name: sheet.extent for name, sheet in sheets.items()}
            merged = {name: sheet.merged for name, sheet in sheets.items()}
            worst = Extent()
        else:
            extents, worst = archives.xlsx_extents(archive)
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    grids = []
    for name in workbook.sheet_names:
        extent = extents.get(name, worst)
        archives.refuse_large(name, extent)
        sheet = workbook.get_sheet_by_name(name)
        if sheet.height > limits.MAX_ROWS or sheet.width > limits.MAX_COLUMNS:
            archives.refuse_large(name, Extent(sheet.height, sheet.width))
        grid: Grid = [list(row) for row in sheet.to_python(skip_empty_area=False)]
        ranges = sheet.merged_cell_ranges or merged.get(name, [])
        copied = _fill_merged(name, grid, ranges)
        grids.append(SheetGrid(without_controls(name), grid, copied, extent.filled_rows))
    return grids


def _fill_merged(name: str, grid: Grid, ranges: Sequence[MergedRange]) -> Copied:
    """A merged cell's value applies to every cell it spans (e.g. one `rejon` for 5 rows);
    returns the cells that got a copy, so a row holding nothing else is seen as blank."""
    copied: set[tuple[int, int]] = set()
    work = 0
    for (top, left), (bottom, right) in ranges:
        if top >= len(grid) or left >= len(grid[top]):
            continue
        # Ranges may overlap: a hundred thousand ranges over the whole sheet would take hours.
        work += (min(bottom, len(grid) - 1) - top + 1) * (min(right, len(grid[top]) - 1) - left + 1)
        if work > 2 * limits.MAX_CELLS:
            raise SheetsRefused("arkusz ma zbyt wiele nakładających się scalonych komórek.", name)
        value = grid[top][left]
        for r in range(top, min(bottom, len(grid) - 1) + 1):
            for c in range(left, min(right, len(grid[r]) - 1) + 1):
                if (r, c) != (top, left):
                    grid[r][c] = value
                    copied.add((r, c))
    return frozenset(copied)
