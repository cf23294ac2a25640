"""Tests for leaflets.streets.numbers: house numbers, number rules, coverage and printing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leaflets.streets import (
    Coverage,
    HouseNumber,
    NumberRule,
    Parity,
    canonical_rules,
    covers,
    format_coverage,
    format_rules,
    parse_house_number,
    parse_numbers,
    parse_segment,
)
from tests.street_rules import ODD, PARITIES, listed, span, suffixes

COVERS_CASES = [
    # Wodzisławska: even 34–152, odd 85–105
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "34", True),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "152", True),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "32", False),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "154", False),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "33", False),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "85", True),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "105", True),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "107", False),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "34a", True),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "35a", False),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", None, True),
    ("ul. Rybnicka (numery parzyste od 48 i nieparzyste od numeru 25)", "48", True),
    ("ul. Rybnicka (numery parzyste od 48 i nieparzyste od numeru 25)", "46", False),
    ("ul. Rybnicka (numery parzyste od 48 i nieparzyste od numeru 25)", "9999", True),
    ("ul. Rybnicka (numery parzyste od 48 i nieparzyste od numeru 25)", "23", False),
    ("ul. Wodzisławska do numeru 70", "70", True),
    ("ul. Wodzisławska do numeru 70", "70a", True),
    ("ul. Wodzisławska do numeru 70", "71", False),
    ("ul. Wodzisławska do numeru 70", "1", True),
    ("ul. Chojnowska 1-45", "12a", True),
    ("ul. Chojnowska 1-45", "12 A", True),
    ("ul. Chojnowska 1-45", "12/3", True),
    ("ul. Chojnowska 1-45", "46", False),
    ("ul. Chojnowska 1-45", "abc", False),
    ("ul. Chojnowska 1-45", "", True),
    ("ul. Folwarecka 3, 5, 7a", "7a", True),
    ("ul. Folwarecka 3, 5, 7a", "7A", True),
    ("ul. Folwarecka 3, 5, 7a", "7", False),
    ("ul. Folwarecka 3, 5, 7a", "5", True),
    ("ul. Folwarecka 3, 5, 7a", "5b", False),
    ("ul. Folwarecka 3, 5, 7a", "4", False),
    ("ul. Kartuska numery 12/3", "12/3", True),
    ("ul. Kartuska numery 12/3", "12 / 3", True),
    ("ul. Kartuska numery 12/3", "12", False),
    ("ul. Kartuska numery 12/3", "12/4", False),
    ("ul. Kartuska numery 12/3", "12a/3", False),
    # A listed building covers its flats; a letter is another building.
    ("ul. Batorego 12", "12", True),
    ("ul. Batorego 12", "12/3", True),
    ("ul. Batorego 12", "12 / 3", True),
    ("ul. Batorego 12", "12a", False),
    ("ul. Batorego 12", "12a/3", False),
    ("ul. Batorego 12", "13/3", False),
    ("ul. Batorego 12a", "12a/3", True),
    ("ul. Batorego 12a", "12/3", False),
    ("ul. Batorego 12a", "12", False),
    ("ul. Batorego 3, 12, 7a", "12/1", True),
    ("ul. Batorego 3, 12, 7a", "7a/1", True),
    ("ul. Batorego 3, 12, 7a", "7/1", False),
    # Ranges and parity already use the building's integer part.
    ("ul. Chojnowska 1-45", "45/7", True),
    ("ul. Chojnowska 1-45", "46/1", False),
    ("ul. Chojnowska do 70", "70/2", True),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "34/3", True),
    ("ul. Wodzisławska (parzyste od 34 do 152, nieparzyste od 85 do 105)", "35/2", False),
    ("ul. Kartuska (nr nieparzyste)", "13/2", True),
    ("ul. Kartuska (nr nieparzyste)", "14/1", False),
    ("ul. Kartuska (nr nieparzyste)", "1", True),
    ("ul. Kartuska (nr nieparzyste)", "2", False),
    ("ul. Kartuska (nr nieparzyste)", "101b", True),
    ("os. Księcia Władysława (bloki 1-6 i 9-10)", "6", True),
    ("os. Księcia Władysława (bloki 1-6 i 9-10)", "7", False),
    ("os. Księcia Władysława (bloki 1-6 i 9-10)", "9", True),
    ("ul. Chojnowska", "999", True),
    ("ul. Chojnowska", "nie wiem", True),
    ("Bieniowice", "12", True),
    ("Bieniowice", None, True),
]


@pytest.mark.parametrize(("segment", "house", "expected"), COVERS_CASES)
def test_covers(segment: str, house: str | None, expected: bool) -> None:
    coverage = parse_segment(segment)
    assert coverage is not None
    assert covers(coverage, house) is expected


def test_covers_without_house_number_needs_a_nonempty_rule() -> None:
    street = Coverage("street", "ul.", "Pusta", (span(3, 3, "even"), span(9, 5)), "")
    assert covers(street, None) is False
    assert covers(replace(street, rules=(span(4, 4, "even"),)), "") is True


NUMBERS_CASES: list[tuple[str, tuple[NumberRule, ...] | None]] = [
    ("", ()),
    ("  ", ()),
    ("cała", ()),
    ("calosc", ()),
    ("1-45", (span(1, 45),)),
    ("parzyste 2-20", (span(2, 20, "even"),)),
    ("nieparzyste: 1–19", (span(1, 19, "odd"),)),
    ("3, 5, 7a", (listed("3", "5", "7a"),)),
    ("numery 12/3", (listed("12/3"),)),
    ("12a/3", (listed("12a/3"),)),
    ("od 5", (span(5, None),)),
    ("do 9", (span(None, 9),)),
    ("5 do 9", (span(5, 9),)),
    ("np. 5", None),
    ("1-45a", (NumberRule("all", 1, 45, end_letter="a"),)),
    ("1-", None),
    ("ogródki", None),
    (",", None),
    ("parzyste nieparzyste 1-5", None),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS_CASES)
def test_parse_numbers(text: str, expected: tuple[NumberRule, ...] | None) -> None:
    assert parse_numbers(text) == expected


HOUSE_CASES = [
    ("12", HouseNumber(12)),
    ("12a", HouseNumber(12, "a")),
    ("12 A", HouseNumber(12, "a")),
    ("7A", HouseNumber(7, "a")),
    ("12/3", HouseNumber(12, "/3")),
    ("12 / 3", HouseNumber(12, "/3")),
    ("12a/3", HouseNumber(12, "a/3")),
    ("nr 5", HouseNumber(5)),
    (" 007 ", HouseNumber(7)),
    ("0", None),
    ("12-14", None),
    ("abc", None),
    ("", None),
    ("123456", None),
]


@pytest.mark.parametrize(("text", "expected"), HOUSE_CASES)
def test_parse_house_number(text: str, expected: HouseNumber | None) -> None:
    assert parse_house_number(text) == expected


FORMAT_RULES_CASES: list[tuple[tuple[NumberRule, ...], str]] = [
    ((), ""),
    ((span(None, None),), ""),
    ((span(1, 5), span(None, None)), ""),
    ((span(34, 152, "even"), span(85, 105, "odd")), "parzyste 34–152, nieparzyste 85–105"),
    ((span(85, 105, "odd"), span(34, 152, "even")), "parzyste 34–152, nieparzyste 85–105"),
    ((listed("3", "5", "7a"),), "3, 5, 7a"),
    ((listed("7A"), listed("3", "5")), "3, 5, 7a"),
    ((span(None, 70),), "do 70"),
    ((span(48, None, "even"), span(25, None, "odd")), "parzyste od 48, nieparzyste od 25"),
    ((ODD,), "nieparzyste"),
    ((span(1, 6), span(9, 10)), "1–6, 9–10"),
    ((span(40, None, "even"), listed("25"), span(10, 20)), "10–20, 25, parzyste od 40"),
]


@pytest.mark.parametrize(("rules", "expected"), FORMAT_RULES_CASES)
def test_format_rules(rules: tuple[NumberRule, ...], expected: str) -> None:
    assert format_rules(rules) == expected
    assert parse_numbers(expected) == canonical_rules(rules)


# --- properties -----------------------------------------------------------------------------


def _matches_parity(number: int, parity: Parity) -> bool:
    return parity == "all" or (number % 2 == 0) == (parity == "even")


@st.composite
def range_and_inside(draw: st.DrawFn) -> tuple[NumberRule, HouseNumber]:
    parity = draw(st.sampled_from(PARITIES))
    start = draw(st.integers(1, 400))
    end = draw(st.integers(start + 1, start + 400))
    number = draw(
        st.integers(start, end).filter(lambda n: _matches_parity(n, parity)),
    )
    rule = NumberRule(
        parity,
        draw(st.sampled_from([start, None])),
        draw(st.sampled_from([end, None])),
    )
    return rule, HouseNumber(number, draw(suffixes))


@settings(max_examples=200, deadline=None)
@given(range_and_inside())
def test_number_of_right_parity_inside_range_is_covered(
    case: tuple[NumberRule, HouseNumber],
) -> None:
    rule, house = case
    street = Coverage("street", "ul.", "Polna", (rule,), "")
    assert covers(street, house.text)
    reparsed = parse_segment(format_coverage(street))
    assert reparsed is not None
    assert covers(reparsed, house.text)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9999), st.sampled_from(["", "a", "B"]), st.integers(1, 999))
def test_a_listed_building_covers_its_flats_and_a_flat_only_itself(
    number: int, letter: str, flat: int
) -> None:
    building = f"{number}{letter}"
    street = Coverage("street", "ul.", "Polna", (listed(building),), "")
    assert covers(street, f"{building}/{flat}")
    assert not covers(street, f"{number}x/{flat}")
    assert not covers(street, f"{number + 1}{letter}/{flat}")
    only_flat = replace(street, rules=(listed(f"{building}/{flat}"),))
    assert covers(only_flat, f"{building}/{flat}")
    assert not covers(only_flat, building)
    assert not covers(only_flat, f"{building}/{flat + 1}")


@settings(max_examples=200, deadline=None)
@given(range_and_inside())
def test_number_of_wrong_parity_is_not_covered(case: tuple[NumberRule, HouseNumber]) -> None:
    rule, house = case
    parity: Parity = "odd" if house.number % 2 == 0 else "even"
    street = Coverage("street", "ul.", "Polna", (replace(rule, parity=parity),), "")
    assert not covers(street, house.text)
    text = f"ul. Polna {'parzyste' if parity == 'even' else 'nieparzyste'} od 1 do 99999"
    parsed = parse_segment(text)
    assert parsed is not None
    assert not covers(parsed, house.text)


# Name pieces avoid the parser's reserved words on purpose; those are covered by the tables.
