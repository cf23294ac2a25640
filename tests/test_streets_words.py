"""Tests for leaflets.streets.words: one vocabulary, read alike by the parser, the address
search, the street key and the street order."""

from __future__ import annotations

import pytest

from leaflets.streets import (
    find_by_address,
    parse_address,
    parse_segment,
    street_key,
    street_sort_key,
)
from leaflets.streets.words import STREET_TYPES
from tests.street_areas import build, row

# A roster cell, its town, what a resident types, and the area that must answer.
ALEJE_CASES = [
    ("Aleje Jerozolimskie 1-20", "Warszawa", "Aleje Jerozolimskie 5, Warszawa", ["1"]),
    ("Aleje Jerozolimskie 1-20", "Warszawa", "al. Jerozolimskie 5", ["1"]),
    ("Aleje Jerozolimskie 1-20", "Warszawa", "Jerozolimskie 5", ["1"]),
    ("Aleje Jerozolimskie 1-20", "Warszawa", "Aleje Jerozolimskie 21, Warszawa", []),
    ("al. Jerozolimskie 1-20", "Warszawa", "Aleje Jerozolimskie 5, Warszawa", ["1"]),
    ("Alei Róż 3", "Warszawa", "aleja Róż 3", ["1"]),
    ("placu Wolności 1-5", "Legnica", "pl. Wolności 2", ["1"]),
    ("ulicy Chojnowskiej 4", "Legnica", "przy ulicy Chojnowskiej 4", ["1"]),
]


@pytest.mark.parametrize(("cell", "town", "typed", "expected"), ALEJE_CASES)
def test_a_street_type_is_one_word_everywhere(
    cell: str, town: str, typed: str, expected: list[str]
) -> None:
    areas = build(row("1", cell, town=town))
    address = parse_address(typed)
    assert address is not None
    assert [match.area.number for match in find_by_address(areas, address)] == expected


@pytest.mark.parametrize(
    ("spelling", "kind"),
    [(spelling, kind) for kind in STREET_TYPES for spelling in kind.spellings],
)
def test_every_spelling_of_a_street_type_is_read_as_it(spelling: str, kind: object) -> None:
    printed = kind.printed
    for written in (f"{spelling}.", spelling.capitalize()):
        parsed = parse_segment(f"{written} Zielona 3")
        assert parsed is not None, written
        assert (parsed.prefix, parsed.name) == (printed, "Zielona")
        assert street_key(f"{written} Zielona") == "zielona"
        assert street_sort_key(f"{written} Zielona")[0] == street_sort_key("Zielona")[0]
        address = parse_address(f"{written} Zielona 3")
        assert address is not None and address.street == "Zielona", written
