"""Checks of the grouped areas: overlapping areas, unit names, output folders that would
collide, areas without any streets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from leaflets.areas import Area
from leaflets.output.paths import area_key, unit_folder
from leaflets.problems import Problem, RowRef, Severity
from leaflets.streets import check_overlaps


def overlaps(areas: Sequence[Area]) -> list[Problem]:
    """Every address claimed by two areas is a warning on the second area's first row; a
    street claimed by so many areas that comparing them stopped is a warning of its own."""
    checked = check_overlaps(areas)
    found = [
        Problem(
            Severity.WARNING,
            "nakladanie-rejonow",
            f"{overlap.street}, {overlap.description}: adres należy do dwóch rejonów — "
            f"{_area_name(overlap.first)} i {_area_name(overlap.second)}",
            overlap.second.rows[0],
            "ulice",
        )
        for overlap in checked.found
    ]
    found.extend(
        Problem(
            Severity.WARNING,
            "nakladanie-niesprawdzone",
            f"{crowded.street}: występuje w {crowded.areas} rejonach z numerami, które mogą się "
            "nakładać — tylu porównań nie robimy, więc nakładania się rejonów na tej ulicy nie "
            "sprawdzono; w prawdziwym wykazie jedną ulicę dzieli kilka rejonów: sprawdź, czy ten "
            "sam opis nie trafił do wielu wierszy",
            crowded.first.rows[0],
            "ulice",
        )
        for crowded in checked.crowded
    )
    if checked.stopped is not None:
        stopped = checked.stopped
        found.append(
            Problem(
                Severity.WARNING,
                "nakladanie-przerwane",
                f"{stopped.street}: tu przerwano sprawdzanie, czy rejony się nakładają — tyle "
                "ulic występuje w wielu rejonach z tymi samymi numerami, że tej i części "
                "pozostałych ulic nie porównano; sprawdź, czy te same opisy nie trafiły do "
                "wielu wierszy",
                stopped.first.rows[0],
                "ulice",
            )
        )
    return found


def _area_name(area: Area) -> str:
    return f"rejon {area.number}" + (f" ({area.unit.name})" if area.unit.name else "")


@dataclass(frozen=True)
class UnitsChecked:
    """Areas with a unit name, and the rows of those without one (each an error)."""

    kept: tuple[Area, ...]
    rejected: frozenset[RowRef]
    problems: tuple[Problem, ...]


def unit_names(areas: Sequence[Area]) -> UnitsChecked:
    """A poster is never printed without its unit: every row of an area that has none (no
    unit column, title, unit-like sheet name nor `[jednostka] nazwa`) is an error saying where
    to put one."""
    kept = tuple(area for area in areas if area.unit.name)
    missing = [ref for area in areas if not area.unit.name for ref in area.rows]
    problems = tuple(
        Problem(
            Severity.ERROR,
            "brak-jednostki",
            "brak nazwy jednostki Policji — wpisz ją w kolumnie „Jednostka”, jako nazwę arkusza"
            ' (np. „KP Legnica”) albo w leaflets.toml: [jednostka] nazwa = "…"',
            ref,
            "jednostka",
        )
        for ref in missing
    )
    return UnitsChecked(kept, frozenset(missing), problems)


def distinct_folders(areas: Sequence[Area]) -> UnitsChecked:
    """Every unit and area gets a folder of its own, checked before anything is written: two
    units whose names differ only in what a folder name drops (`KP Testowo 🚓` and `🚔`),
    two areas whose numbers do (`5/1` and `5-1`), would write into one folder — the later
    officers' leaflets over the earlier ones, with exit code 0. The second of each pair is
    an error of its rows, left out."""
    units: dict[str, str] = {}
    keys: dict[str, Area] = {}
    kept: list[Area] = []
    refused: list[RowRef] = []
    problems: list[Problem] = []
    for area in areas:
        folder = unit_folder(area.unit)
        first_unit = units.setdefault(folder, area.unit.name)
        key = area_key(area)
        first = keys.get(key)
        if first_unit != area.unit.name:
            message = (
                f"jednostka „{area.unit.name}” trafiłaby do tego samego folderu ({folder}) co"
                f" „{first_unit}” — nazwy różnią się tylko znakami, których nie ma w nazwach"
                " folderów; zmień jedną z nich"
            )
        elif first is not None:
            message = (
                f"rejon {area.number} trafiłby do tego samego folderu ({key}) co rejon"
                f" {first.number} (wiersz {first.rows[0].row}) — numery różnią się tylko"
                " znakami, których nie ma w nazwach folderów; zmień numer jednego z nich"
            )
        else:
            keys[key] = area
            kept.append(area)
            continue
        refused.extend(area.rows)
        problems.extend(
            Problem(Severity.ERROR, "ten-sam-folder", f"{message}; rejon pominięty", ref)
            for ref in area.rows
        )
    return UnitsChecked(tuple(kept), frozenset(refused), tuple(problems))


def coverage(areas: Sequence[Area]) -> list[Problem]:
    """An area whose leaflets would print no streets or villages is a warning, once."""
    found = []
    for area in areas:
        if area.lines:
            continue
        message = (
            f"rejon {area.number} (nieobsadzony) nie ma opisu ulic ani miejscowości — nie trafi"
            " do skorowidza ulic; wpisz opis w kolumnie „Ulice”"
            if area.vacancy is not None
            else f"rejon {area.number} nie ma opisu ulic ani miejscowości — ulotki i plakaty"
            " wydrukują się bez niego; wpisz opis w kolumnie „Ulice”"
        )
        found.append(Problem(Severity.WARNING, "rejon-bez-opisu", message, area.rows[0], "ulice"))
    return found
