"""Tests for leaflets.streets.index: the street index and its Polish order of street names."""

from __future__ import annotations

import random

import pytest

from leaflets.areas import Area
from leaflets.streets import street_index, street_sort_key
from tests.street_areas import build, row

pytest_plugins = ["tests.street_fixtures"]


def street_sorted(*items: str) -> list[str]:
    shuffled = list(items)
    random.Random(len(items)).shuffle(shuffled)
    return sorted(shuffled, key=street_sort_key)


@pytest.mark.parametrize(
    "expected",
    [
        # A name that starts with a number sorts by its words: "3 Maja" under M.
        ["Armii Ludowej", "11 Listopada", "Maja", "2 Maja", "3 Maja", "Polna", "1000-lecia"],
        ["ul. Kwiatowa", "ul. 3 Maja", "os. 700-lecia", "ul. Słoneczna"],
        [
            "al. Armii Krajowej",
            "ul. Bankowa",
            "os. Kopernika",
            "rondo Niepodległości",
            "pl. Słowiański",
        ],
    ],
)
def test_street_order(expected: list[str]) -> None:
    assert street_sorted(*expected) == expected


def test_street_order_ignores_the_street_type() -> None:
    assert street_sort_key("al. Armii Krajowej")[0] == street_sort_key("Armii Krajowej")[0]
    assert street_sort_key("ulica Armii")[0] == street_sort_key("ul.Armii")[0]
    assert street_sort_key("Aleje Jerozolimskie")[0] == street_sort_key("Jerozolimskie")[0]
    assert street_sort_key("Ul.")[0] != ()


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
        ("Ogrodowa", "wszystkie numery", "8"),
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
        ("Żabia", "wszystkie numery", "2"),
    ]
