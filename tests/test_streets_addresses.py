"""Tests for leaflets.streets.addresses: parsing a typed address, finding and suggesting."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from leaflets.areas import Area
from leaflets.streets import Address, find_by_address, parse_address, suggest_streets
from leaflets.streets.inflection import same_town, typed_town
from leaflets.text import search_key
from tests.street_areas import area_with, bases, build, fits, labels, ranges, row

pytest_plugins = ["tests.street_fixtures"]

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
    ("sample", "Chojnowsk 80", ["1"]),  # a typo: found, marked approximate
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
    assert same_town(typed_town(typed), search_key(known)) is same
