"""problemy.xlsx: the problem report a coordinator opens in Excel next to the roster.

Writing a workbook is the one place outside roster.py that uses openpyxl: the report is
output, not roster input, and belongs with the other files written at the end of a run. The
columns are named as the roster names them (`G „Telefon służbowy”`), the header row stays in
view and has filters; the last column is each problem's code (`brak-telefonu`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font

from leaflets.output.files import atomic_file
from leaflets.problems import Problem

HEADERS = ("Plik", "Arkusz", "Wiersz", "Kolumna", "Rodzaj", "Opis", "Wartość", "Kod")
WIDTHS = (28, 18, 8, 14, 12, 80, 30, 24)
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV/XLSX
# injection); the report quotes such text so it stays inert.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def write_problem_report(path: Path, problems: Sequence[Problem], as_of: dt.date) -> None:
    # Write-only mode streams the rows: the in-memory sheet looks up its last row for every
    # row appended, which made the report a rebuild's largest cost after rendering.
    workbook = Workbook(write_only=True)
    # Fixed document dates: the same roster gives the same bytes.
    stamp = dt.datetime.combine(as_of, dt.time())
    workbook.properties.created = workbook.properties.modified = stamp
    sheet = workbook.create_sheet("Problemy")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{chr(ord('A') + len(HEADERS) - 1)}{len(problems) + 1}"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    sheet.append([_cell(sheet, header, font=bold) for header in HEADERS])
    for problem in problems:
        where = problem.where
        values: tuple[str | int, ...] = (
            where.file if where else "",
            where.sheet if where else "",
            where.row if where and where.row else "",
            problem.column_name,
            problem.severity.value,
            problem.message,
            problem.value,
            problem.code,
        )
        sheet.append([_cell(sheet, value, alignment=wrap) for value in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with atomic_file(path) as handle:
        handle.write(_fixed_zip_dates(buffer.getvalue(), stamp))


def _cell(
    sheet: Any,
    value: str | int,
    *,
    font: Font | None = None,
    alignment: Alignment | None = None,
) -> Cell:
    cell = WriteOnlyCell(sheet, value=neutralise(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _fixed_zip_dates(data: bytes, stamp: dt.datetime) -> bytes:
    """openpyxl stamps zip members and the `modified` property with the current time (it sets
    the property while saving); fix both to the report's date."""
    result = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(result, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    content,
                )
            target.writestr(fixed, content)
    return result.getvalue()
