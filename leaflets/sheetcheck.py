"""A sheet's columns checked once its rows are read, so nothing is lost in silence: a column
that holds streets but is not read as the area description, columns nobody reads, a unit
written only in the first row of its block."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from leaflets.columns import column_index
from leaflets.headers import HeaderMatch, HeaderReading
from leaflets.problems import Problem, RowRef, Severity
from leaflets.text import fold

if TYPE_CHECKING:  # roster.py calls these checks on the rows it has just made
    from leaflets.roster import RawRow

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
    column = column_index(reading.letter)
    found = []
    for row in rows:
        line = texts[row.where.row - 1]
        if column < len(line) and line[column]:
            found.append((row.where.row, line[column]))
    return found


def description_refusal(
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


def unused_columns(
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


def fill_down_units(
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
