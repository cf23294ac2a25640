"""Tests for leaflets.lookup: address and name search, overlaps, Polish order, street index."""

from __future__ import annotations

import functools
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from leaflets import lookup
from leaflets.areas import Area, CoverageLine, group_areas
from leaflets.config import LeafletConfig
from leaflets.lookup import (
    Address,
    Overlap,
    _same_town,
    _town_key,
    _typed_town,
    find_by_address,
    find_by_name,
    find_overlaps,
    parse_address,
    polish_sort_key,
    street_index,
    suggest_streets,
)
from leaflets.problems import RowRef
from leaflets.roster import RawRow, read_rosters
from leaflets.streets import Coverage, covers, parse_description, parse_numbers
from leaflets.validation import validate

SAMPLE = Path(__file__).resolve().parent.parent / "rosters" / "legnica-wzor.xlsx"
FILE = "rejony.csv"


def build(*rows: dict[str, str]) -> tuple[Area, ...]:
    """Roster rows (rows 2, 3, …) through validation and grouping, as the pipeline does."""
    raw = tuple(
        RawRow(RowRef(FILE, "", index), {k: v for k, v in cells.items() if v})
        for index, cells in enumerate(rows, start=2)
    )
    validated = validate(raw, LeafletConfig(), {FILE: Path("/nonexistent-roster-dir")})
    assert not [p for p in validated.problems if p.is_error], validated.problems
    return group_areas(validated.records).areas


def row(
    area: str,
    ulice: str,
    *,
    town: str = "Legnica",
    unit: str = "KP Legnica",
    numery: str = "",
    officer: int = 0,
) -> dict[str, str]:
    return {
        "jednostka": unit,
        "rejon": area,
        "miejscowosc": town,
        "ulice": ulice,
        "numery": numery,
        "imie": "Jan",
        "nazwisko": f"Testowy{chr(ord('A') + officer)}",
        "telefon": f"600 997 {100 + officer}",
    }


@pytest.fixture(scope="module")
def sample() -> tuple[Area, ...]:
    roster = read_rosters([SAMPLE])
    validated = validate(roster.rows, LeafletConfig(), roster.base_dirs)
    return group_areas(validated.records).areas


@pytest.fixture(scope="module")
def towns() -> tuple[Area, ...]:
    """Two towns with a ul. Polna, two areas sharing streets, a village and a street in it."""
    return build(
        row(
            "1",
            "ul. Lipowa (1-45); ul. Długa (od 48); ul. Krótka (do 70); ul. Polna (parzyste 2-20)",
            officer=1,
        ),
        row("1", "ul. Lipowa", numery="46-50", officer=1),
        row("2", "ul. Lipowa (parzyste od 34 do 70); ul. Krótka (nieparzyste od 51)", officer=2),
        row("3", "Kunice; Ziemnice", town="Ziemnice", officer=3),
        row("4", "ul. Leśna (1-10)", town="Ziemnice", officer=4),
        row("5", "ul. Słoneczna (1-9)", town="", officer=5),
        row("1", "ul. Polna (1-99)", town="Chojnów", unit="KP Chojnów", officer=6),
    )


@pytest.fixture(scope="module")
def named() -> tuple[Area, ...]:
    """Streets named after people, written in full in one area and short in another."""
    return build(
        row(
            "1",
            "al. Józefa Piłsudskiego (1-99); ul. ks. Jerzego Popiełuszki; "
            "ul. Jana III Sobieskiego (2-8); ul. Mieszka I 5; ul. chojnowska 12-30",
            officer=1,
        ),
        row("2", "ul. Piłsudskiego (od 100); ul. Marii Konopnickiej 4", officer=2),
        row("3", "ul. Jana Kilińskiego; ul. Pawła Włodkowica; ul. Na Skarpie", officer=3),
    )


def labels(matches: list[Area]) -> list[str]:
    return [
        area.number
        if area.unit.name.startswith("Komisariat")
        else f"{area.unit.name} {area.number}"
        for area in matches
    ]


# --- parse_address ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ul. Chojnowska 12, Legnica", ("Chojnowska", "12", "Legnica")),
        ("Chojnowska 12a Legnica", ("Chojnowska", "12a", "Legnica")),
        ("Bieniowice 5", ("Bieniowice", "5", "")),
        ("al. Piłsudskiego 3/4, Legnica", ("Piłsudskiego", "3/4", "Legnica")),
        ("Legnica, ul. Chojnowska 12", ("Chojnowska", "12", "Legnica")),
        ("Legnica ul. Chojnowska 72", ("Chojnowska", "72", "Legnica")),
        ("ul. Chojnowska 12 / 3", ("Chojnowska", "12/3", "")),
        ("Chojnowska 12 A", ("Chojnowska", "12a", "")),
        ("Chojnowska nr 12", ("Chojnowska", "12", "")),
        ("  ulica   Chojnowska   12  ", ("Chojnowska", "12", "")),
        ("ul. 3 Maja 5, Legnica", ("3 Maja", "5", "Legnica")),
        ("ul. 3 Maja", ("3 Maja", "", "")),
        ("Jana Pawła II 12 m. 4, 59-220 Legnica", ("Jana Pawła II", "12", "Legnica")),
        ("Żołnierzy 1 Armii 5", ("Żołnierzy 1 Armii", "5", "")),
        ("Jaśkowice Legnickie", ("Jaśkowice Legnickie", "", "")),
        ("Chojnowska, Legnica", ("Chojnowska", "", "Legnica")),
        ("przy ul. Chojnowskiej 12, Legnica", ("Chojnowskiej", "12", "Legnica")),
        ("przy ul. Chojnowskiej 12 w Legnicy", ("Chojnowskiej", "12", "w Legnicy")),
        ("na os. Piekary 6", ("Piekary", "6", "")),
        ("przy Chojnowskiej 12", ("przy Chojnowskiej", "12", "")),
    ],
)
def test_parse_address(text: str, expected: tuple[str, str, str]) -> None:
    assert parse_address(text) == Address(*expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "ul.",
        "12",
        "Chojnowska 12-14",
        "Chojnowska 0",
        "a, b, c",
        "Chojnowska 12, 5",
        "Chojnowska 12 Legnica, Legnica",
    ],
)
def test_parse_address_rejects_what_is_not_one_address(text: str) -> None:
    assert parse_address(text) is None


# --- find_by_address -------------------------------------------------------------------------

ADDRESS_CASES = [
    # Even and odd ranges: first and last number, just outside, wrong parity.
    ("sample", "ul. Chojnowska 72, Legnica", ["1"]),
    ("sample", "Chojnowska 152", ["1"]),
    ("sample", "Chojnowska 154", []),
    ("sample", "Chojnowska 70", []),
    ("sample", "Chojnowska 71", ["1"]),
    ("sample", "Chojnowska 105", ["1"]),
    ("sample", "Chojnowska 107", []),
    ("sample", "Chojnowska 69", []),
    ("sample", "ul. Piekarska 1", ["2"]),
    ("sample", "Piekarska 31", ["2"]),
    ("sample", "Piekarska 30", []),
    ("sample", "Piekarska 33", []),
    ("sample", "Mickiewicza 40", ["5"]),
    ("sample", "Mickiewicza 59", ["7"]),
    ("sample", "Mickiewicza 42", []),
    ("sample", "Mickiewicza 61", []),
    # Letters and flats.
    ("sample", "Chojnowska 73a", ["1"]),
    ("sample", "Chojnowska 80/3, Legnica", ["1"]),
    ("sample", "al. Piłsudskiego 3/4, Legnica", []),
    ("sample", "al. Piłsudskiego 51/4, Legnica", ["3"]),
    ("sample", "ul. Batorego 12/3", ["5"]),
    ("sample", "ul. Batorego 12a", []),
    ("sample", "ul. Batorego 12a/3", []),
    ("sample", "ul. Batorego 13/3", []),
    # A Roman numeral is part of the name.
    ("sample", "ul. Mieszka I 5", ["5"]),
    ("sample", "Mieszka I 12, Legnica", ["5"]),
    ("sample", "Kazimierza Wielkiego 5", ["5"]),
    # Open ranges.
    ("sample", "Słubicka 48", ["1"]),
    ("sample", "Słubicka 46", []),
    ("sample", "Słubicka 9998", ["1"]),
    ("sample", "Słubicka 25", ["1"]),
    ("sample", "Słubicka 23", []),
    ("sample", "Ścinawska 1", ["1"]),
    ("sample", "Ścinawska 20", ["1"]),
    ("sample", "Ścinawska 21", ["12"]),
    ("sample", "Ścinawska 99", ["12"]),
    ("sample", "Ścinawska 100", []),
    ("sample", "Ścinawska", ["1", "12"]),
    # Explicit lists.
    ("sample", "ul. Rzemieślnicza 7a", ["8"]),
    ("sample", "Rzemieślnicza 7A", ["8"]),
    ("sample", "Rzemieślnicza 7", []),
    ("sample", "Rzemieślnicza 5", ["8"]),
    ("sample", "Rzemieślnicza 4", []),
    ("sample", "Jęczmienna 8", ["11"]),
    ("sample", "Jeczmienna 10", []),
    # Whole streets, any spelling.
    ("sample", "ul. kartuska 1", ["1"]),
    ("sample", "KARTUSKA 1000, legnica", ["1"]),
    ("sample", "os. Piekary 6", ["3"]),
    ("sample", "Piekary 7", []),
    ("sample", "Poznanska 40", ["8"]),
    ("sample", "Ogrodowa 15", ["8"]),
    # Villages.
    ("sample", "Bieniowice 5", ["10"]),
    ("sample", "Bieniowice", ["10"]),
    ("sample", "Bieniowice 5, Bieniowice", ["10"]),
    ("sample", "Bieniowice 5, Legnica", []),
    ("sample", "jaskowice legnickie 1", ["14"]),
    ("sample", "Polna 3, Kunice", ["10"]),
    ("sample", "ul. Polna 3, Legnica", ["9"]),
    # Towns typed in a case form, with or without "w".
    ("sample", "Kartuska 1000 w Legnicy", ["1"]),
    ("sample", "Kartuska 1000, Legnicy", ["1"]),
    ("sample", "Polna 3 w Kunicach", ["10"]),
    ("sample", "Polna 3 w Legnicy", ["9"]),
    ("sample", "Bieniowice 5, w Bieniowicach", ["10"]),
    ("sample", "Kartuska 1000 we Wrocławiu", []),
    # Streets typed in a case form, also after "przy" or "na", when no name matches as typed.
    ("sample", "przy ul. Kartuskiej 1000 w Legnicy", ["1"]),
    ("sample", "na Kartuskiej 5", ["1"]),
    ("sample", "Kartuskiej 5, Legnica", ["1"]),
    ("sample", "przy Ścinawskiej 21", ["12"]),
    ("sample", "przy Słubickiej 46", []),  # the street is known, the number is not covered
    ("sample", "przy Rzemieślniczej 7a", ["8"]),
    ("towns", "przy Polnej 4 w Chojnowie", ["KP Chojnów 1"]),
    ("towns", "przy Polnej 4", ["KP Chojnów 1", "KP Legnica 1"]),
    ("towns", "przy Polnej 5, Legnica", []),
    ("towns", "na Długiej 48", ["KP Legnica 1"]),
    ("towns", "Długiej 47", []),
    ("named", "przy Konopnickiej 4/2", ["KP Legnica 2"]),
    ("named", "przy al. Piłsudskiego 5", ["KP Legnica 1"]),
    ("named", "przy Chojnowskiej 15", ["KP Legnica 1"]),
    # "Na Skarpie" is a name: found as typed, the preposition kept.
    ("named", "Na Skarpie 5", ["KP Legnica 3"]),
    ("named", "ul. Na Skarpie 5", ["KP Legnica 3"]),
    ("named", "Skarpie 5", []),
    # Nobody.
    ("sample", "Chojnowska 80, Wrocław", []),
    ("sample", "Chojnowsk 80", []),
    # Two towns with a ul. Polna.
    ("towns", "ul. Polna 4", ["KP Chojnów 1", "KP Legnica 1"]),
    ("towns", "ul. Polna 4, Legnica", ["KP Legnica 1"]),
    ("towns", "Polna 4, chojnow", ["KP Chojnów 1"]),
    ("towns", "Polna 5, Legnica", []),
    ("towns", "Polna 5", ["KP Chojnów 1"]),
    ("towns", "Polna 22, Legnica", []),
    ("towns", "Polna 4 w Chojnowie", ["KP Chojnów 1"]),
    ("towns", "Polna 4 w Legnicy", ["KP Legnica 1"]),
    # Covered by two areas, and the long shape's `numery` column.
    ("towns", "ul. Lipowa 40", ["KP Legnica 1", "KP Legnica 2"]),
    ("towns", "Lipowa 41", ["KP Legnica 1"]),
    ("towns", "Lipowa 48", ["KP Legnica 1", "KP Legnica 2"]),
    ("towns", "Lipowa 49", ["KP Legnica 1"]),
    ("towns", "Lipowa 70", ["KP Legnica 2"]),
    ("towns", "Długa 48", ["KP Legnica 1"]),
    ("towns", "Długa 47", []),
    ("towns", "Krótka 70", ["KP Legnica 1"]),
    ("towns", "Krótka 69", ["KP Legnica 1", "KP Legnica 2"]),
    ("towns", "Krótka 71", ["KP Legnica 2"]),
    # A village claimed whole and a street in it claimed by another area.
    ("towns", "Leśna 5, Ziemnice", ["KP Legnica 3", "KP Legnica 4"]),
    ("towns", "Leśna 11, Ziemnice", ["KP Legnica 3"]),
    ("towns", "Leśna 5", ["KP Legnica 4"]),
    ("towns", "Ziemnice 7", ["KP Legnica 3"]),
    # A line without a town matches in any town.
    ("towns", "Słoneczna 3, Chojnów", ["KP Legnica 5"]),
    ("towns", "Słoneczna 3, Legnica", ["KP Legnica 5"]),
    # The short form of a name finds the full one, and the other way round.
    ("named", "Piłsudskiego 5", ["KP Legnica 1"]),
    ("named", "al. Piłsudskiego 5, Legnica", ["KP Legnica 1"]),
    ("named", "Józefa Piłsudskiego 5", ["KP Legnica 1"]),
    ("named", "Pilsudskiego 5", ["KP Legnica 1"]),
    ("named", "Marszałka Józefa Piłsudskiego 150", ["KP Legnica 2"]),
    ("named", "Józefa Piłsudskiego 150", ["KP Legnica 2"]),
    ("named", "Piłsudskiego 99/4", ["KP Legnica 1"]),
    ("named", "Piłsudskiego", ["KP Legnica 1", "KP Legnica 2"]),
    ("named", "Popiełuszki 3", ["KP Legnica 1"]),
    ("named", "ks. Popiełuszki 3", ["KP Legnica 1"]),
    ("named", "Jerzego Popiełuszki 3", ["KP Legnica 1"]),
    ("named", "Sobieskiego 4", ["KP Legnica 1"]),
    ("named", "Jana III Sobieskiego 4", ["KP Legnica 1"]),
    ("named", "Sobieskiego 9", []),
    ("named", "Konopnickiej 4/2", ["KP Legnica 2"]),
    ("named", "Konopnickiej 4a", []),
    ("named", "Kilińskiego 1", ["KP Legnica 3"]),
    ("named", "Mieszka I 5", ["KP Legnica 1"]),
    ("named", "Mieszka 5", []),  # the numeral is part of the name, never dropped
    ("named", "Chojnowska 15", ["KP Legnica 1"]),  # the roster typed it in lower case
    ("named", "Chojnowska 31", []),
    # Only a first name or title is left out, never the surname.
    ("named", "Józefa 5", []),
    ("named", "Jana 5", []),
    ("named", "Włodkowica 1", []),  # "Pawła" is not a known first name: no short form
    ("named", "Pawła Włodkowica 1", ["KP Legnica 3"]),
]


@pytest.mark.parametrize(("source", "text", "expected"), ADDRESS_CASES)
def test_find_by_address(
    source: str,
    text: str,
    expected: list[str],
    sample: tuple[Area, ...],
    towns: tuple[Area, ...],
    named: tuple[Area, ...],
) -> None:
    address = parse_address(text)
    assert address is not None
    areas = {"sample": sample, "towns": towns, "named": named}[source]
    assert labels([match.area for match in find_by_address(areas, address)]) == expected


def test_address_table_is_large_and_covers_both_outcomes() -> None:
    assert len(ADDRESS_CASES) >= 40
    assert sum(not expected for _, _, expected in ADDRESS_CASES) >= 10
    assert sum(len(expected) == 2 for _, _, expected in ADDRESS_CASES) >= 5


def test_match_names_the_covering_line(sample: tuple[Area, ...]) -> None:
    address = parse_address("Chojnowska 80, Legnica")
    assert address is not None
    [match] = find_by_address(sample, address)
    assert match.line.text == "ul. Chojnowska (parzyste 72–152, nieparzyste 71–105)"
    assert match.line in match.area.lines


def test_matches_are_ordered_by_unit_then_area_number(towns: tuple[Area, ...]) -> None:
    address = parse_address("Polna 4")
    assert address is not None
    shuffled = list(towns)
    random.Random(4).shuffle(shuffled)
    assert labels([m.area for m in find_by_address(shuffled, address)]) == [
        "KP Chojnów 1",
        "KP Legnica 1",
    ]


def test_not_found_suggests_the_nearest_street(sample: tuple[Area, ...]) -> None:
    assert suggest_streets(sample, "Chojnowsk")[0] == "ul. Chojnowska"
    assert suggest_streets(sample, "Zlotorijska")[0] == "ul. Złotoryjska"
    assert suggest_streets(sample, "Piłsud") == ["al. Piłsudskiego"]
    assert suggest_streets(sample, "Bieniowic")[0] == "Bieniowice"
    assert len(suggest_streets(sample, "Wrocławsk", limit=1)) == 1
    assert suggest_streets(sample, "Qqqqqqq") == []
    assert suggest_streets(sample, "") == []
    # After "przy"/"na", also in a case form; "przy" alone is not dropped.
    assert suggest_streets(sample, "przy Chojnowskiej")[0] == "ul. Chojnowska"
    assert suggest_streets(sample, "na Złotoryjskiej")[0] == "ul. Złotoryjska"
    assert suggest_streets(sample, "przy") == []


def test_suggestions_know_names_by_their_short_form(named: tuple[Area, ...]) -> None:
    # A street named just "Piłsudskiego" comes before one whose short form that is.
    assert suggest_streets(named, "Piłsudsk")[:2] == ["ul. Piłsudskiego", "al. Józefa Piłsudskiego"]
    assert suggest_streets(named, "Piłsudskiego", limit=1) == ["ul. Piłsudskiego"]
    assert suggest_streets(named, "Pilsucki")[:2] == ["ul. Piłsudskiego", "al. Józefa Piłsudskiego"]
    only_full = build(row("1", "al. Józefa Piłsudskiego (1-99); ul. Kościuszki", officer=1))
    assert suggest_streets(only_full, "Piłsudsk") == ["al. Józefa Piłsudskiego"]
    assert suggest_streets(only_full, "Piłsudskiego 5") == ["al. Józefa Piłsudskiego"]
    assert suggest_streets(named, "Popieluszk") == ["ul. ks. Jerzego Popiełuszki"]
    assert suggest_streets(named, "Sobieskeigo") == ["ul. Jana III Sobieskiego"]
    assert suggest_streets(named, "Konopnicka")[0] == "ul. Marii Konopnickiej"
    assert suggest_streets(named, "Józefa Piłsudzkiego")[0] == "al. Józefa Piłsudskiego"
    assert "ul. chojnowska" in suggest_streets(named, "Chojnowsk")


# --- find_by_name ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lukasik", [("Agnieszka Łukasik", ["5"])]),
        ("ŁUKASIK", [("Agnieszka Łukasik", ["5"])]),
        ("ŚLIWA", [("Krzysztof Śliwa", ["10"])]),
        ("sliwa krzysztof", [("Krzysztof Śliwa", ["10"])]),
        ("Magdalena Król", [("Magdalena Król", ["13"])]),
        ("krol magda", [("Magdalena Król", ["13"])]),
        ("jabł", [("Marek Jabłoński", ["4", "6"])]),
        ("Marek Jablonski", [("Marek Jabłoński", ["4", "6"])]),
        ("michal zak", [("Michał Żak", ["2"])]),
        ("zak", [("Grzegorz Sobczak", ["3"]), ("Michał Żak", ["2"])]),
        ("łuk", [("Łukasz Kowalczyk", ["1"]), ("Agnieszka Łukasik", ["5"])]),
        ("Nowak", []),
        ("   ", []),
    ],
)
def test_find_by_name(
    query: str, expected: list[tuple[str, list[str]]], sample: tuple[Area, ...]
) -> None:
    found = find_by_name(sample, query)
    assert [(m.officer.name, labels(list(m.areas))) for m in found] == expected


def test_find_by_name_gives_phone_and_email(sample: tuple[Area, ...]) -> None:
    [match] = find_by_name(sample, "Wiśniewska")
    assert match.officer.phone.national == "511 000 482"
    assert match.officer.email == "karolina.wisniewska@legnica.policja.example"


# --- find_overlaps ---------------------------------------------------------------------------


def test_sample_has_no_overlaps(sample: tuple[Area, ...]) -> None:
    assert find_overlaps(sample) == []


def test_overlaps_in_the_towns_fixture(towns: tuple[Area, ...]) -> None:
    found = [(o.street, o.description, *labels([o.first, o.second])) for o in find_overlaps(towns)]
    assert found == [
        ("ul. Krótka", "numery nieparzyste 51–69", "KP Legnica 1", "KP Legnica 2"),
        ("ul. Lipowa", "numery parzyste 34–50", "KP Legnica 1", "KP Legnica 2"),
        ("ul. Leśna", "numery 1–10", "KP Legnica 3", "KP Legnica 4"),
    ]


def overlap_of(
    first: str, second: str, first_town: str = "Legnica", second_town: str = "Legnica"
) -> list[str]:
    areas = build(
        row("1", first, town=first_town, officer=1),
        row("2", second, town=second_town, officer=2),
    )
    return [f"{o.street}: {o.description}" for o in find_overlaps(areas)]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (
            "ul. Chojnowska (parzyste 34-152)",
            "ul. Chojnowska (parzyste 2-70)",
            ["ul. Chojnowska: numery parzyste 34–70"],
        ),
        ("ul. Chojnowska (12-20)", "ul. Chojnowska", ["ul. Chojnowska: numery 12–20"]),
        ("ul. Chojnowska", "ul. Chojnowska", ["ul. Chojnowska: cała ulica"]),
        ("ul. Chojnowska (parzyste 2-40)", "ul. Chojnowska (nieparzyste 1-39)", []),
        (
            "ul. Chojnowska (parzyste 2-40)",
            "ul. Chojnowska (5-45)",
            ["ul. Chojnowska: numery parzyste 6–40"],
        ),
        ("ul. Chojnowska (od 48)", "ul. Chojnowska (do 70)", ["ul. Chojnowska: numery 48–70"]),
        ("ul. Chojnowska (do 20)", "ul. Chojnowska (od 21)", []),
        (
            "ul. Chojnowska (parzyste od 48)",
            "ul. Chojnowska (od 25)",
            ["ul. Chojnowska: numery parzyste od 48"],
        ),
        (
            "ul. Chojnowska (nieparzyste do 9)",
            "ul. Chojnowska (do 20)",
            ["ul. Chojnowska: numery nieparzyste do 9"],
        ),
        ("ul. Chojnowska 3, 5, 7a", "ul. Chojnowska (1-5)", ["ul. Chojnowska: numery 3, 5"]),
        ("ul. Chojnowska 3, 5, 7a", "ul. Chojnowska 7A, 9", ["ul. Chojnowska: numer 7a"]),
        ("ul. Chojnowska 3, 5", "ul. Chojnowska (parzyste 2-10)", []),
        ("ul. Chojnowska 12", "ul. Chojnowska (nieparzyste 1-11)", []),
        (
            "ul. Chojnowska (parzyste 2-100, nieparzyste 1-99)",
            "ul. Chojnowska (50-60)",
            ["ul. Chojnowska: numery parzyste 50–60, nieparzyste 51–59"],
        ),
        (
            "ul. Chojnowska (1-10); ul. Chojnowska 20; ul. Lipowa 2",
            "ul. Chojnowska; ul. Lipowa (1-9)",
            ["ul. Chojnowska: numery 1–10, 20", "ul. Lipowa: numer 2"],
        ),
        (
            "ul. Chojnowska (parzyste 2-9, parzyste 11-20)",
            "ul. Chojnowska",
            ["ul. Chojnowska: numery parzyste 2–8, parzyste 12–20"],
        ),
        (
            "ul. Chojnowska (parzyste 2-8, parzyste 10-20, nieparzyste 3-5)",
            "ul. Chojnowska (od 4)",
            ["ul. Chojnowska: numery 5, parzyste 4–20"],
        ),
        (
            "ul. Chojnowska (1-20, parzyste 4-30)",
            "ul. Chojnowska (do 10)",
            ["ul. Chojnowska: numery 1–10"],
        ),
        ("ul. Chojnowska (1-10, 5, 12)", "ul. Chojnowska", ["ul. Chojnowska: numery 1–10, 12"]),
        ("ul. Chojnowska (parzyste 3-3)", "ul. Chojnowska", []),
        ("ul. Chojnowska (1-5, 7-9)", "ul. Chojnowska", ["ul. Chojnowska: numery 1–5, 7–9"]),
        ("ul. Chojnowska (1-5, 6-9)", "ul. Chojnowska", ["ul. Chojnowska: numery 1–9"]),
        (
            "ul. Chojnowska (do 1, od 1)",
            "ul. Chojnowska (do 7, od 2)",
            ["ul. Chojnowska: cała ulica"],
        ),
        ("Ogrodowa", "ul. Ogrodowa (1-9)", ["ul. Ogrodowa: numery 1–9"]),
        ("Ogrodowa", "Ogrodowa", ["Ogrodowa: całość"]),
        # A listed building holds its flats; another letter is another building.
        ("ul. Batorego 12", "ul. Batorego 12/3", ["ul. Batorego: numer 12/3"]),
        ("ul. Batorego 12/3, 14", "ul. Batorego 12, 14/1", ["ul. Batorego: numery 12/3, 14/1"]),
        ("ul. Batorego 12, 12/3", "ul. Batorego 12", ["ul. Batorego: numer 12"]),
        ("ul. Batorego 12a", "ul. Batorego 12/3", []),
        ("ul. Batorego 12/3", "ul. Batorego 12/4", []),
        ("ul. Batorego 12/3", "ul. Batorego (10-20)", ["ul. Batorego: numer 12/3"]),
        # A street written in full in one area and short in the other is one street.
        (
            "al. Józefa Piłsudskiego (1-99)",
            "ul. Piłsudskiego (od 51)",
            ["al. Józefa Piłsudskiego: numery 51–99"],
        ),
        (
            "ul. Jana III Sobieskiego 4",
            "ul. Sobieskiego (2-8)",
            ["ul. Jana III Sobieskiego: numer 4"],
        ),
        ("ul. Marii Konopnickiej", "ul. Konopnickiej 4", ["ul. Marii Konopnickiej: numer 4"]),
        ("ul. Józefa Piłsudskiego (1-49)", "ul. Piłsudskiego (od 51)", []),
        ("ul. Jana Kilińskiego", "ul. Jana Kochanowskiego", []),
        # An estate, a square or a roundabout is another place than the street of its name.
        ("os. Kopernika (1-20)", "ul. Mikołaja Kopernika (1-20)", []),
        ("pl. Kopernika", "ul. Kopernika", []),
        ("rondo Kopernika", "ul. Kopernika", []),
        ("os. Kopernika (1-20)", "os. Mikołaja Kopernika 5", ["os. Mikołaja Kopernika: numer 5"]),
    ],
)
def test_overlap_descriptions(first: str, second: str, expected: list[str]) -> None:
    assert overlap_of(first, second) == expected


def test_overlaps_follow_towns() -> None:
    assert overlap_of("ul. Polna", "ul. Polna", second_town="Chojnów") == []
    assert overlap_of("ul. Polna", "ul. Polna", second_town="") == ["ul. Polna: cała ulica"]
    assert overlap_of("Kunice", "Kunice", first_town="Kunice", second_town="Kunice") == [
        "Kunice: cała miejscowość"
    ]
    assert overlap_of("Kunice", "ul. Polna (2-8)", first_town="Kunice", second_town="Kunice") == [
        "ul. Polna: numery 2–8"
    ]
    # A street in another town is no part of the village.
    assert overlap_of("Kunice", "ul. Polna (2-8)", first_town="Kunice", second_town="Legnica") == []


def test_each_street_and_pair_is_reported_once_for_every_pair() -> None:
    areas = build(
        row("1", "ul. Polna (1-20); ul. Lipowa", officer=1),
        row("2", "ul. Polna (10-30); ul. Lipowa 5", officer=2),
        row("3", "ul. Polna (parzyste 16-40)", officer=3),
    )
    assert [
        (o.street, o.description, o.first.number, o.second.number) for o in find_overlaps(areas)
    ] == [
        ("ul. Lipowa", "numer 5", "1", "2"),
        ("ul. Polna", "numery 10–20", "1", "2"),
        ("ul. Polna", "numery parzyste 16–20", "1", "3"),
        ("ul. Polna", "numery parzyste 16–30", "2", "3"),
    ]
    assert all(isinstance(o, Overlap) for o in find_overlaps(areas))


# --- Polish order ----------------------------------------------------------------------------


def polish_sorted(*items: str) -> list[str]:
    shuffled = list(items)
    random.Random(len(items)).shuffle(shuffled)
    return sorted(shuffled, key=polish_sort_key)


def test_polish_alphabet_order() -> None:
    alphabet = "aąbcćdeęfghijklłmnńoóprsśtuwyzźż"
    assert "".join(polish_sorted(*alphabet)) == alphabet
    assert "".join(polish_sorted(*alphabet.upper())) == alphabet.upper()


@pytest.mark.parametrize(
    "expected",
    [
        ["Ananasowa", "Ąbc", "Bankowa"],
        ["Lipowa", "Lwowska", "Łąkowa", "Mariacka"],
        ["Sienkiewicza", "Szkolna", "Śląska", "Środkowa", "Tęczowa"],
        ["Zielona", "Zygmunta", "Źródlana", "Żabia", "Żytnia"],
        ["zielona", "Zygmunta", "źródlana", "ŻABIA", "żytnia"],
        ["Cicha", "Cypriana", "Ćwiklińskiej", "Dębowa"],
        ["Nowa", "Nowy", "Nowy Świat", "Nowy Targ", "Nowych"],
        ["Dębowa", "Emile", "Émile", "Ewa", "Fabryczna"],
        ["3 Maja", "11 Listopada", "1000-lecia", "Armii Ludowej"],
        [
            "al. Armii Krajowej",
            "ul. Bankowa",
            "os. Kopernika",
            "rondo Niepodległości",
            "pl. Słowiański",
        ],
    ],
)
def test_polish_order(expected: list[str]) -> None:
    assert polish_sorted(*expected) == expected


def test_polish_order_ignores_case_and_prefix_but_not_letters() -> None:
    assert polish_sort_key("Żak")[0] == polish_sort_key("żAK")[0]
    assert polish_sort_key("Żak") > polish_sort_key("Zzz")
    assert polish_sort_key("Zak") < polish_sort_key("żak")
    assert polish_sort_key("al. Armii Krajowej")[0] == polish_sort_key("Armii Krajowej")[0]
    assert polish_sort_key("ulica Armii")[0] == polish_sort_key("ul.Armii")[0]
    assert polish_sort_key("Ul.")[0] != ()


# --- street_index ----------------------------------------------------------------------------


def test_street_index_of_the_sample(sample: tuple[Area, ...]) -> None:
    index = street_index(sample)
    rows = [(e.name, e.numbers, e.area.number) for e in index]
    assert len(index) == sum(len(area.lines) for area in sample)
    assert [e.sort_key for e in index] == sorted(e.sort_key for e in index)
    assert rows[0] == ("ul. Asnyka", "cała ulica", "7")
    assert rows[-1] == ("ul. Żytnia", "cała ulica", "11")
    for entry in [
        ("ul. Chojnowska", "parzyste 72–152, nieparzyste 71–105", "1"),
        ("ul. Słubicka", "parzyste od 48, nieparzyste od 25", "1"),
        ("ul. Rzemieślnicza", "3, 5, 7a", "8"),
        ("Bieniowice", "cała miejscowość", "10"),
        ("Ogrodowa", "całość", "8"),
        ("ul. Kartuska", "cała ulica", "1"),
        ("os. Piekary", "1–6, 9–10", "3"),
        ("ul. Mieszka I", "cała ulica", "5"),
        ("ul. Kazimierza Wielkiego", "5", "5"),
    ]:
        assert entry in rows
    names = [name for name, _, _ in rows]

    def before(first: str, second: str) -> bool:
        return names.index(first) < names.index(second)

    assert before("ul. Lwowska", "ul. Łąkowa") and before("ul. Łokietka", "ul. Mariacka")
    assert before("ul. Staszica", "ul. Ścinawska") and before("ul. Śląska", "ul. Środkowa")
    assert before("ul. Złotoryjska", "Żeglarska") and before("Ziemnice", "ul. Złotoryjska")
    assert before("os. Piekary", "al. Piłsudskiego") and before("al. Piłsudskiego", "ul. Pocztowa")
    assert before("ul. Mickiewicza", "ul. Mieszka I") and before("ul. Mieszka I", "ul. Moniuszki")
    # One street in two areas: by first number, then by area.
    assert [(n, a) for n, _, a in rows if n == "ul. Ścinawska"] == [
        ("ul. Ścinawska", "1"),
        ("ul. Ścinawska", "12"),
    ]
    assert [(n, a) for n, _, a in rows if n == "ul. Mickiewicza"] == [
        ("ul. Mickiewicza", "7"),
        ("ul. Mickiewicza", "5"),
    ]


def test_street_index_lists_an_unparsed_line_verbatim() -> None:
    areas = build(row("1", "ul. Polna; okolice dworca", officer=1))
    assert [(e.name, e.numbers) for e in street_index(areas)] == [
        ("okolice dworca", ""),
        ("ul. Polna", "cała ulica"),
    ]


def test_street_index_orders_equal_streets_by_area_number() -> None:
    areas = build(
        row("10", "ul. Zielona", officer=1),
        row("2", "ul. Zielona; Żabia", officer=2),
        row("3", "al. Armii Krajowej (parzyste 2-8)", officer=3),
    )
    assert [(e.name, e.numbers, e.area.number) for e in street_index(areas)] == [
        ("al. Armii Krajowej", "parzyste 2–8", "3"),
        ("ul. Zielona", "cała ulica", "2"),
        ("ul. Zielona", "cała ulica", "10"),
        ("Żabia", "całość", "2"),
    ]


# --- properties ------------------------------------------------------------------------------

PARITY_WORDS = {"all": "", "even": "parzyste ", "odd": "nieparzyste "}


@st.composite
def ranges(draw: st.DrawFn) -> tuple[str, int | None, int | None, str]:
    """A description's number part: parity, bounds (None = open) and its text."""
    parity = draw(st.sampled_from(["all", "even", "odd"]))
    start = draw(st.none() | st.integers(1, 300))
    end = draw(st.none() | st.integers(start or 1, 400))
    assume(start is not None or end is not None)
    if start is not None and end is not None:
        bounds = f"od {start} do {end}"
    elif start is not None:
        bounds = f"od {start}"
    else:
        bounds = f"do {end}"
    return parity, start, end, f"{PARITY_WORDS[parity]}{bounds}"


def area_with(base: Area, description: str, town: str = "Legnica") -> Area:
    parsed = parse_description(description)
    assert parsed.unparsed == (), parsed.unparsed
    return replace(
        base, town=town, lines=tuple(CoverageLine(description, c, town) for c in parsed.items)
    )


@functools.cache
def bases() -> tuple[Area, ...]:
    """Two areas whose lines the properties replace (small, so failures print readably)."""
    return build(row("1", "ul. Baza", officer=1), row("2", "ul. Baza", officer=2))


def claims(area: Area, number: int) -> bool:
    return any(line.coverage and covers(line.coverage, str(number)) for line in area.lines)


def fits(parity: str, number: int) -> bool:
    return parity == "all" or (number % 2 == 0) == (parity == "even")


@settings(max_examples=150, deadline=None)
@given(spec=ranges(), pick=st.integers(0, 10_000), letter=st.sampled_from(["", "a", "/3"]))
def test_an_inside_address_is_found_and_a_wrong_parity_one_is_not(
    spec: tuple[str, int | None, int | None, str], pick: int, letter: str
) -> None:
    parity, start, end, text = spec
    area = area_with(bases()[0], f"ul. Próbna ({text})")
    low, high = start or 1, end if end is not None else (start or 1) + 50
    inside = [n for n in range(low, high + 1) if fits(parity, n)]
    assume(inside)
    number = inside[pick % len(inside)]
    found = find_by_address([area], Address("Próbna", f"{number}{letter}", "Legnica"))
    assert [m.area for m in found] == [area]
    if parity != "all":
        wrong = number + 1 if number + 1 <= high else number - 1
        assume(low <= wrong)
        assert find_by_address([area], Address("próbna", f"{wrong}{letter}", "")) == []


@st.composite
def number_parts(draw: st.DrawFn) -> str:
    """One to three ranges and explicit numbers, as a description's parenthesis holds them."""
    parts = draw(
        st.lists(
            ranges().map(lambda spec: spec[3])
            | st.lists(st.integers(1, 420), min_size=1, max_size=3).map(
                lambda numbers: ", ".join(map(str, numbers))
            ),
            min_size=1,
            max_size=3,
        )
    )
    return ", ".join(parts)


@settings(max_examples=200, deadline=None)
@given(first=number_parts(), second=number_parts())
def test_overlap_is_exactly_the_numbers_both_areas_claim(first: str, second: str) -> None:
    one = area_with(bases()[0], f"ul. Próbna ({first})")
    two = area_with(bases()[1], f"ul. Próbna ({second})")
    probe = range(1, 460)
    # The parser's own reading of each description, number by number.
    both = {n for n in probe if claims(one, n) and claims(two, n)}
    overlaps = find_overlaps([two, one])
    if not both:
        assert overlaps == []
        return
    [overlap] = overlaps
    assert (overlap.street, overlap.first, overlap.second) == ("ul. Próbna", one, two)
    rules = parse_numbers(overlap.description.removeprefix("numery ").removeprefix("numer "))
    assert rules is not None, overlap.description
    claimed = Coverage("street", "ul.", "Próbna", rules, overlap.description)
    assert {n for n in probe if covers(claimed, str(n))} == both


# --- find_overlaps against every pair --------------------------------------------------------

_PLACES = (
    "ul. Polna",
    "al. Polna",
    "Polna",
    "ul. Lipowa",
    "ul. Józefa Piłsudskiego",
    "ul. Piłsudskiego",
    "Kunice",
    "wieś Kunice",
    "Chojnów",
    "ul. Legnicka",
)
_NUMBERS = (
    "",
    "",
    " (parzyste 2-40)",
    " (nieparzyste 1-39)",
    " (5-45)",
    " (od 20)",
    " (do 15)",
    " 3, 5, 7a",
    " 12/3",
    " 12, 14/1",
    " (1-10, 12)",
    " (parzyste od 34, nieparzyste do 9)",
)
_TOWNS = ("Legnica", "Legnica", "Chojnów", "Kunice", "")


def _random_areas(seed: int, count: int) -> list[Area]:
    """`count` areas of two units with lines from a few streets and villages in a few towns
    (or none): many overlaps of every kind, and some lines left unparsed."""
    rng = random.Random(seed)
    base = bases()[0]
    areas = []
    for index in range(count):
        unit = replace(base.unit, name=rng.choice(("KP Legnica", "KP Chojnów")))
        town = rng.choice(_TOWNS)
        lines = []
        for _ in range(rng.randint(1, 5)):
            text = rng.choice(_PLACES) + rng.choice(_NUMBERS)
            line_town = rng.choice((town, town, *_TOWNS))
            parsed = parse_description(text)
            lines += [CoverageLine(text, item, line_town) for item in parsed.items]
            lines += [CoverageLine(text, None, line_town) for _ in parsed.unparsed]
        areas.append(replace(base, unit=unit, number=str(index + 1), town=town, lines=tuple(lines)))
    rng.shuffle(areas)
    return areas


def _all_pairs_overlaps(areas: list[Area]) -> list[Overlap]:
    """The reference: every claim of every area against every claim of every later area."""
    ordered = lookup._in_order(areas)
    found: list[Overlap] = []
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            pair: dict[str, Overlap] = {}
            for mine in lookup._claims(first):
                for theirs in lookup._claims(second):
                    shared = lookup._shared(mine, theirs)
                    if shared is None:
                        continue
                    rules, display, whole = shared
                    if rules is not None and display not in pair:
                        description = lookup._describe(rules, whole)
                        pair[display] = Overlap(display, description, first, second)
            found.extend(pair[name] for name in sorted(pair, key=polish_sort_key))
    return found


@pytest.mark.parametrize("seed", [1, 2])
def test_find_overlaps_equals_comparing_every_pair(seed: int) -> None:
    areas = _random_areas(seed, 250)
    expected = _all_pairs_overlaps(areas)
    found = find_overlaps(areas)
    assert found == expected
    # The data exercises every kind: a village whole, its streets, and lines without a town.
    descriptions = {overlap.description for overlap in found}
    assert {"cała ulica", "cała miejscowość", "całość"} <= descriptions
    assert any(overlap.description.startswith("numery parzyste") for overlap in found)
    assert any(not line.town for overlap in found for line in overlap.second.lines)
    assert len(found) > 1000


@pytest.mark.parametrize(
    ("typed", "known", "same"),
    [
        ("Legnica", "Legnica", True),
        ("w Legnicy", "Legnica", True),
        ("Legnicą", "Legnica", True),
        ("w Krakowie", "Kraków", True),
        ("w Łodzi", "Łódź", True),
        ("we Wrocławiu", "Wrocław", True),
        ("w Warszawie", "Warszawa", True),
        ("w Gdyni", "Gdynia", True),
        ("w Zielonej Górze", "Zielona Góra", True),
        ("w Bielsku-Białej", "Bielsko-Biała", True),
        ("w Jaśkowicach Legnickich", "Jaśkowice Legnickie", True),
        ("w Zakopanem", "Zakopane", True),
        ("w Suwałkach", "Suwałki", True),
        # Other towns stay other towns.
        ("w Chojnicach", "Chojnów", False),
        ("Legnica", "Legnickie Pole", False),
        ("w Legnickim Polu", "Legnica", False),
        ("Kunów", "Kunice", False),
        ("Lubin", "Lublin", False),
        ("w Lublinie", "Lubin", False),
        ("Wrocław", "Legnica", False),
    ],
)
def test_a_town_matches_its_case_forms_and_no_other_town(
    typed: str, known: str, same: bool
) -> None:
    assert _same_town(_typed_town(typed), _town_key(known)) is same
