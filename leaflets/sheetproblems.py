"""What a sheet's reading says about the sheet itself, never in silence (issue 20): a sheet
read as empty although its file has values in it (damage), fewer rows read than it holds, no
header found above rows that look like officers', and cells whose text had to change (control
characters removed, a text cut at the length limit)."""

from __future__ import annotations

from collections.abc import Mapping

from leaflets import limits
from leaflets.columns import REQUIRED, USUAL, column_letter
from leaflets.headers import HeaderMatch
from leaflets.problems import Problem, RowRef, Severity
from leaflets.workbooks import SheetGrid

EMPTY_SHEET = "pusty-arkusz"
DAMAGED_SHEET = "arkusz-uszkodzony"
NO_HEADER = "brak-naglowka"
NO_HEADER_DATA = "arkusz-bez-naglowka"
CONTROL_CHARACTERS = "znaki-sterujace"
CELL_TOO_LONG = "komorka-za-dluga"


def empty_sheet(grid: SheetGrid, where: RowRef) -> Problem:
    """A sheet without a single cell read: said, never skipped in silence; an error when the
    file has values in it (the parser stopped at damage and gave nothing)."""
    if grid.filled_rows:
        return Problem(
            Severity.ERROR,
            DAMAGED_SHEET,
            f"arkusz jest uszkodzony: plik ma w nim dane (do wiersza {grid.filled_rows}), ale"
            " nie odczytano żadnej komórki — otwórz skoroszyt w Excelu albo LibreOffice i zapisz"
            " go ponownie",
            where,
        )
    return Problem(Severity.INFO, EMPTY_SHEET, "pusty arkusz — pominięty", where)


def shortfall(grid: SheetGrid, read: int, where: RowRef) -> list[Problem]:
    """Fewer rows read than the sheet's file has values in: the rest was lost to damage."""
    if grid.filled_rows <= read:
        return []
    return [
        Problem(
            Severity.WARNING,
            DAMAGED_SHEET,
            f"odczytano {read} wierszy, a plik ma w arkuszu dane do wiersza {grid.filled_rows} —"
            " arkusz może być uszkodzony; sprawdź, czy są wszystkie wiersze, albo zapisz"
            " skoroszyt ponownie",
            where,
        )
    ]


def no_header(texts: list[list[str]], nonempty: list[int], where: RowRef) -> Problem:
    """No header row found. A sheet whose rows look like officers' (three or more cells in a
    row, at least twice) is an error: its rows would be in no leaflet and no report; a legend
    or a note sheet is a warning."""
    found = ", ".join(f"„{c}”" for c in dict.fromkeys(texts[nonempty[0]]) if c) or "(brak)"
    rows = sum(1 for i in nonempty if sum(1 for text in texts[i] if text) >= 3)
    data = rows >= 2
    message = (
        f"nie rozpoznano wiersza nagłówka (pierwszy wiersz: {found}) — arkusz pominięty"
        + (f", a ma {rows} wierszy z danymi. Dopisz nad nimi wiersz nagłówka" if data else "")
        + f". Wymagane kolumny: {required_columns()}."
        + (" Jeśli kolumny rozdziela inny znak, użyj opcji --separator." if not where.sheet else "")
    )
    if data:
        return Problem(Severity.ERROR, NO_HEADER_DATA, message, where)
    return Problem(Severity.WARNING, NO_HEADER, message, where)


def changed_cells(
    file: str,
    sheet: str,
    changed: Mapping[tuple[int, int], int],
    match: HeaderMatch | None,
    data: set[int],
) -> list[Problem]:
    """A problem for every cell whose text had to change (`workbooks.sheet_texts`): control
    characters removed (a warning), a text cut at the limit (an error refusing a data row)."""
    problems = []
    columns = match.by_index if match is not None else {}
    for (r, c), length in sorted(changed.items()):
        where = RowRef(file, sheet, r + 1)
        column = columns.get(c, "")
        cell = "" if column else f"komórka {column_letter(c + 1)}: "
        if not length:
            problems.append(
                Problem(
                    Severity.WARNING,
                    CONTROL_CHARACTERS,
                    f"{cell}tekst zawierał znaki sterujące (niewidoczne, np. NUL albo ESC) —"
                    " usunięto je z ulotek i raportów",
                    where,
                    column,
                )
            )
        elif r in data:
            problems.append(
                Problem(
                    Severity.ERROR,
                    CELL_TOO_LONG,
                    f"{cell}tekst ma {length} znaków (limit {limits.MAX_CELL_CHARS}) — skróć go;"
                    " wiersz pominięty",
                    where,
                    column,
                )
            )
        else:
            problems.append(
                Problem(
                    Severity.WARNING,
                    CELL_TOO_LONG,
                    f"{cell}tekst ma {length} znaków (limit {limits.MAX_CELL_CHARS}) — obcięty",
                    where,
                    column,
                )
            )
    return problems


def required_columns() -> str:
    return ", ".join(USUAL[name] for name in REQUIRED) + " (albo Imię i nazwisko w jednej kolumnie)"
