"""problemy.xlsx: the problem report a coordinator opens in Excel next to the roster.

Writing a workbook is the one place outside roster.py that uses openpyxl: the report is
output, not roster input, and belongs with the other files written at the end of a run.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from leaflets.output import atomic_file
from leaflets.problems import Problem

HEADERS = ("Plik", "Arkusz", "Wiersz", "Kolumna", "Rodzaj", "Opis", "Wartość")
WIDTHS = (28, 18, 8, 14, 12, 80, 30)
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV/XLSX
# injection); the report quotes such text so it stays inert.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def write_problem_report(path: Path, problems: Sequence[Problem]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Problemy"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for problem in problems:
        where = problem.where
        values: tuple[str | int, ...] = (
            where.file if where else "",
            where.sheet if where else "",
            where.row if where else "",
            problem.column,
            problem.severity.value,
            problem.message,
            problem.value,
        )
        sheet.append([neutralise(v) if isinstance(v, str) else v for v in values])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with atomic_file(path) as handle:
        handle.write(buffer.getvalue())
