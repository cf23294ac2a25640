"""Tests for leaflets.streets: area-description parsing, coverage checks and printed form."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leaflets.streets import (
    Coverage,
    HouseNumber,
    NumberRule,
    Parity,
    ParsedDescription,
    canonical_rules,
    covers,
    fold_diacritics,
    format_coverage,
    parse_description,
    parse_house_number,
    parse_numbers,
    parse_segment,
    split_segments,
    street_key,
)


def span(start: int | None, end: int | None, parity: Parity = "all") -> NumberRule:
    return NumberRule(parity, start, end)


def listed(*numbers: str) -> NumberRule:
    return NumberRule(numbers=numbers)


EVEN = span(None, None, "even")
ODD = span(None, None, "odd")

Kind = Literal["street", "locality"]

# (segment, kind, prefix, name, rules)
PARSE_CASES: list[tuple[str, Kind, str, str, tuple[NumberRule, ...]]] = [
    (
        "ul. Wodzisławska (parzyste od numeru 34 do numeru 152, "
        "nieparzyste od numeru 85 do numeru 105)",
        "street", "ul.", "Wodzisławska", (span(34, 152, "even"), span(85, 105, "odd")),
    ),
    (
        "ul. Rybnicka (numery parzyste od 48 i nieparzyste od numeru 25)",
        "street", "ul.", "Rybnicka", (span(48, None, "even"), span(25, None, "odd")),
    ),
    ("ul. Wodzisławska do numeru 70", "street", "ul.", "Wodzisławska", (span(None, 70),)),
    ("ul. Folwarecka 3", "street", "ul.", "Folwarecka", (listed("3"),)),
    ("ul. Folwarecka 3, 5, 7a", "street", "ul.", "Folwarecka", (listed("3", "5", "7a"),)),
    ("ul. Folwarecka 7a, 3, 5", "street", "ul.", "Folwarecka", (listed("3", "5", "7a"),)),
    ("ul. Chojnowska 1-45", "street", "ul.", "Chojnowska", (span(1, 45),)),
    ("ul. Chojnowska 1–45", "street", "ul.", "Chojnowska", (span(1, 45),)),
    ("ul. Chojnowska 1 - 45", "street", "ul.", "Chojnowska", (span(1, 45),)),
    ("ul. Chojnowska od 1 do 45", "street", "ul.", "Chojnowska", (span(1, 45),)),
    ("ul. Chojnowska od nr 48", "street", "ul.", "Chojnowska", (span(48, None),)),
    ("ul. Chojnowska od 48 do końca", "street", "ul.", "Chojnowska", (span(48, None),)),
    ("ul. Chojnowska od 48 wzwyż", "street", "ul.", "Chojnowska", (span(48, None),)),
    ("ul. Chojnowska do 70 włącznie", "street", "ul.", "Chojnowska", (span(None, 70),)),
    ("ul. Złotoryjska nr 2-20 parzyste", "street", "ul.", "Złotoryjska", (span(2, 20, "even"),)),
    ("ul. Kartuska (nr nieparzyste)", "street", "ul.", "Kartuska", (ODD,)),
    ("ul. Kartuska parz.", "street", "ul.", "Kartuska", (EVEN,)),
    ("ul. Kartuska nieparz. 1-9", "street", "ul.", "Kartuska", (span(1, 9, "odd"),)),
    ("ul. Kartuska str. parzysta", "street", "ul.", "Kartuska", (EVEN,)),
    ("ul. Kartuska strona parzysta", "street", "ul.", "Kartuska", (EVEN,)),
    ("ul. Kartuska po stronie nieparzystej", "street", "ul.", "Kartuska", (ODD,)),
    ("ul. Kartuska numery 12/3", "street", "ul.", "Kartuska", (listed("12/3"),)),
    ("ul. Kartuska 12 A", "street", "ul.", "Kartuska", (listed("12a"),)),
    ("ul. Kartuska 7A", "street", "ul.", "Kartuska", (listed("7a"),)),
    ("ul. Kartuska 2, 4 i 6", "street", "ul.", "Kartuska", (listed("2", "4", "6"),)),
    (
        "ul. Rybnicka parzyste 2-20 i 30-40",
        "street", "ul.", "Rybnicka", (span(2, 20, "even"), span(30, 40, "even")),
    ),
    (
        "ul. Rybnicka 2-20 parzyste, 31-41",
        "street", "ul.", "Rybnicka", (span(31, 41), span(2, 20, "even")),
    ),
    (
        "ul. Rybnicka nieparzyste od 85 do 105; parzyste od 34 do 152",
        "street", "ul.", "Rybnicka", (span(34, 152, "even"), span(85, 105, "odd")),
    ),
    (
        "ul. Wodzisławska 34–152 parzyste, 85–105 nieparzyste",
        "street", "ul.", "Wodzisławska", (span(34, 152, "even"), span(85, 105, "odd")),
    ),
    (
        "ul. Wodzisławska (parzyste od numeru 34 do numeru 152, nieparzyste od numeru 85)",
        "street", "ul.", "Wodzisławska", (span(34, 152, "even"), span(85, None, "odd")),
    ),
    ("ul. Rybnicka 10-20, 25", "street", "ul.", "Rybnicka", (span(10, 20), listed("25"))),
    # typed without Polish letters
    ("ul. Rybnicka numerow nieparzystych od 5",
     "street", "ul.", "Rybnicka", (span(5, None, "odd"),)),
    ("ul Kartuska 5", "street", "ul.", "Kartuska", (listed("5"),)),
    ("ul.Kartuska", "street", "ul.", "Kartuska", ()),
    ("UL. KARTUSKA", "street", "ul.", "KARTUSKA", ()),
    ("ulica Kartuska", "street", "ul.", "Kartuska", ()),
    ("ul. Chojnowska – cała", "street", "ul.", "Chojnowska", ()),
    ("ul. Chojnowska (w całości)", "street", "ul.", "Chojnowska", ()),
    ("ul. Chojnowska, nr 1-45", "street", "ul.", "Chojnowska", (span(1, 45),)),
    ("ul. Chojnowska: 1-45.", "street", "ul.", "Chojnowska", (span(1, 45),)),
    ("- ul. Chojnowska 3", "street", "ul.", "Chojnowska", (listed("3"),)),
    ("al. Armii Krajowej", "street", "al.", "Armii Krajowej", ()),
    ("aleja Róż 3", "street", "al.", "Róż", (listed("3"),)),
    ("pl. Słowiański", "street", "pl.", "Słowiański", ()),
    ("plac Wolności 1-5", "street", "pl.", "Wolności", (span(1, 5),)),
    ("osiedle Piastów", "street", "os.", "Piastów", ()),
    ("os. „Tysiąclecia”", "street", "os.", "Tysiąclecia", ()),
    (
        "os. Księcia Władysława (bloki 1-6 i 9-10)",
        "street", "os.", "Księcia Władysława", (span(1, 6), span(9, 10)),
    ),
    ("os. Piastów bl. 1-6", "street", "os.", "Piastów", (span(1, 6),)),
    ("rondo Kwiatkowskiego", "street", "rondo", "Kwiatkowskiego", ()),
    ("ul. 3 Maja", "street", "ul.", "3 Maja", ()),
    ("ul. 11 Listopada 5", "street", "ul.", "11 Listopada", (listed("5"),)),
    ("ul. 1000-lecia 2-8", "street", "ul.", "1000-lecia", (span(2, 8),)),
    ("ul. Jana Pawła II", "street", "ul.", "Jana Pawła II", ()),
    ("ul. Jana Pawła II 12", "street", "ul.", "Jana Pawła II", (listed("12"),)),
    ("ul. ks. Józefa Poniatowskiego 4",
     "street", "ul.", "ks. Józefa Poniatowskiego", (listed("4"),)),
    ("ul. Skłodowskiej-Curie 10-20", "street", "ul.", "Skłodowskiej-Curie", (span(10, 20),)),
    ("ul. Bohaterów w Getcie", "street", "ul.", "Bohaterów w Getcie", ()),
    ("ul. Do Studzienki 5", "street", "ul.", "Do Studzienki", (listed("5"),)),
    ("Chojnowska 12-30", "street", "", "Chojnowska", (span(12, 30),)),
    ("Chojnowska (cała)", "street", "", "Chojnowska", ()),
    ("Bieniowice", "locality", "", "Bieniowice", ()),
    ("Nowa Wieś", "locality", "", "Nowa Wieś", ()),
    ("Rudnik nad Sanem", "locality", "", "Rudnik nad Sanem", ()),
    ("wieś Kunice", "locality", "", "Kunice", ()),
    ("Wieś: Kunice", "locality", "", "Kunice", ()),
    ("miejscowości: Bieniowice", "locality", "", "Bieniowice", ()),
    ("sołectwo Dunino", "locality", "", "Dunino", ()),
    ("m. Legnica", "locality", "", "Legnica", ()),
]  # fmt: skip


@pytest.mark.parametrize(("segment", "kind", "prefix", "name", "rules"), PARSE_CASES)
def test_parse_segment(
    segment: str, kind: Kind, prefix: str, name: str, rules: tuple[NumberRule, ...]
) -> None:
    assert parse_segment(segment) == Coverage(kind, prefix, name, rules, segment.strip())


UNPARSED = [
    "teren ogródków działkowych przy ul. Polnej",
    "okolice dworca",
    "Okolice dworca PKP",
    "Rejon nr 1",
    "ul. Kartuska np. 5",  # "np." means "for example", not "nieparzyste"
    "ul. Kartuska np. 5-9",
    "ul. Rybnicka od 152 do 34",
    "ul. Rybnicka od 12a do 20",
    "ul. Rybnicka 5 m. 3",
    "ul. Rybnicka 0",
    "ul. Rybnicka nr",
    "ul. Rybnicka (boczna) 3",
    "ul. Rybnicka 1-5 (parzyste)",
    "ul. Rybnicka (parzyste",
    "ul. Rybnicka ()",
    "ul. Rybnicka parzyste 2-20 nieparzyste 1-9",
    "ul. Cyryla i Metodego",  # indistinguishable from two streets joined by "i"
    "Bieniowice i Dunino",
    "wieś Kunice 1-20",
    "3 Maja",
    "ul.",
    "w Kunicach",
    "Gmina Zgorzelec",
    "123456",
]


@pytest.mark.parametrize("segment", UNPARSED)
def test_unparsed_segments(segment: str) -> None:
    assert parse_segment(segment) is None
    assert parse_description(segment) == ParsedDescription((), (segment,))


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
    ("ul. Kartuska numery 12/3", "12", False),
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


SPLIT_CASES = [
    ("Bieniowice, Dunino, Kunice", ["Bieniowice", "Dunino", "Kunice"]),
    ("ul. Folwarecka 3, 5, 7a", ["ul. Folwarecka 3, 5, 7a"]),
    (
        "ul. Wodzisławska parzyste od 34 do 152, nieparzyste od 85",
        ["ul. Wodzisławska parzyste od 34 do 152, nieparzyste od 85"],
    ),
    (
        "ul. Rybnicka (parzyste od 48, nieparzyste od 25), ul. Folwarecka 3; os. Piastów",
        ["ul. Rybnicka (parzyste od 48, nieparzyste od 25)", "ul. Folwarecka 3", "os. Piastów"],
    ),
    ("ul. A 1-5\nul. B\r\n\nul. C", ["ul. A 1-5", "ul. B", "ul. C"]),
    ("ul. X (2; 4), ul. Y", ["ul. X (2; 4)", "ul. Y"]),
    ("ul. A i ul. B oraz al. C", ["ul. A", "ul. B", "al. C"]),
    ("ul. Folwarecka, 3 Maja 5, 7", ["ul. Folwarecka", "3 Maja 5, 7"]),
    ("ul. Kartuska, nr 5", ["ul. Kartuska, nr 5"]),
    ("ul. Kartuska 1-5, np. ogródki", ["ul. Kartuska 1-5", "np. ogródki"]),
    ("miejscowości: Bieniowice, Dunino", ["miejscowości: Bieniowice", "Dunino"]),
    ("  ;; , \n", []),
    ("ul. A 1-5 i 9, ", ["ul. A 1-5 i 9"]),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_CASES)
def test_split_segments(text: str, expected: list[str]) -> None:
    assert split_segments(text) == expected


def test_parse_description_real_area() -> None:
    text = (
        "ul. Wodzisławska (parzyste od numeru 34 do numeru 152, nieparzyste od numeru 85 do "
        "numeru 105); ul. Folwarecka 3, 5, 7a\nBieniowice, Dunino, wieś Kunice; okolice dworca"
    )
    parsed = parse_description(text)
    assert [format_coverage(item) for item in parsed.items] == [
        "ul. Wodzisławska (parzyste 34–152, nieparzyste 85–105)",
        "ul. Folwarecka 3, 5, 7a",
        "Bieniowice",
        "Dunino",
        "Kunice",
    ]
    assert [item.kind for item in parsed.items] == ["street"] * 2 + ["locality"] * 3
    assert parsed.unparsed == ("okolice dworca",)


def test_prefix_carries_over_a_comma_list_but_not_past_semicolon() -> None:
    parsed = parse_description("ul. Polna, Leśna 2-8, 3 Maja; Dunino")
    assert [(c.kind, c.prefix, c.name) for c in parsed.items] == [
        ("street", "ul.", "Polna"),
        ("street", "ul.", "Leśna"),
        ("street", "ul.", "3 Maja"),
        ("locality", "", "Dunino"),
    ]
    assert parsed.items[1].rules == (span(2, 8),)
    assert parsed.items[1].source == "Leśna 2-8"


def test_plural_lead_word_makes_streets_and_village_lead_ends_the_street_list() -> None:
    parsed = parse_description("ulice: Polna, Leśna, wieś Kunice, Dunino")
    assert [(c.kind, c.prefix, c.name) for c in parsed.items] == [
        ("street", "ul.", "Polna"),
        ("street", "ul.", "Leśna"),
        ("locality", "", "Kunice"),
        ("locality", "", "Dunino"),
    ]


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
    ("1-45a", None),
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


FORMAT_CASES = [
    (
        "ul. Wodzisławska (parzyste od numeru 34 do numeru 152, nieparzyste od numeru 85 do "
        "numeru 105)",
        "ul. Wodzisławska (parzyste 34–152, nieparzyste 85–105)",
    ),
    (
        "ul. Rybnicka (numery parzyste od 48 i nieparzyste od numeru 25)",
        "ul. Rybnicka (parzyste od 48, nieparzyste od 25)",
    ),
    ("ul. Folwarecka 3, 5, 7a", "ul. Folwarecka 3, 5, 7a"),
    ("ul. Chojnowska do numeru 70", "ul. Chojnowska (do 70)"),
    ("ulica Chojnowska 1-45", "ul. Chojnowska (1–45)"),
    ("ul. Kartuska (nr nieparzyste)", "ul. Kartuska (nieparzyste)"),
    ("ul. Rybnicka 10-20, 25, parzyste od 40", "ul. Rybnicka (10–20, 25, parzyste od 40)"),
    ("Chojnowska (cała)", "Chojnowska (cała)"),
    ("wieś Bieniowice", "Bieniowice"),
]


@pytest.mark.parametrize(("segment", "expected"), FORMAT_CASES)
def test_format_coverage(segment: str, expected: str) -> None:
    coverage = parse_segment(segment)
    assert coverage is not None
    assert format_coverage(coverage) == expected


def test_locality_given_numbers_by_the_caller_prints_without_a_lead_word() -> None:
    # The long roster shape puts a bare street in `ulice` and its numbers beside it.
    village = Coverage("locality", "", "Chojnowska", (span(1, 45),), "Chojnowska")
    assert format_coverage(village) == "Chojnowska (1–45)"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ul. Jana  Pawła-II", "jana pawła ii"),
        ("Ulica 3 Maja", "3 maja"),
        ("al. Armii Krajowej", "armii krajowej"),
        ("os.Księcia Władysława", "księcia władysława"),
        ("Plac", "plac"),
        ("rondo ONZ", "onz"),
    ],
)
def test_street_key(name: str, key: str) -> None:
    assert street_key(name) == key


def test_fold_diacritics_covers_every_polish_letter() -> None:
    assert fold_diacritics("ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż") == "ACELNOSZZ acelnoszz"
    assert fold_diacritics("Łódź") == "Lodz"


# --- properties -----------------------------------------------------------------------------

PARITIES: tuple[Parity, ...] = ("all", "even", "odd")
suffixes = st.sampled_from(["", "a", "b", "h", "/1", "/12", "c/2"])


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
POLISH_LOWER = "aąbcćdeęfghijklłmnńoóprsśtuwyzźż"
words = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("FGHJKLZŁŚŻ"),
    st.text(POLISH_LOWER, min_size=2, max_size=9),
)
plain_names = st.lists(words, min_size=1, max_size=3).map(" ".join)
street_names = st.one_of(
    plain_names,
    st.sampled_from(
        [
            "3 Maja",
            "11 Listopada",
            "Jana Pawła II",
            "Armii Krajowej",
            "ks. Józefa Poniatowskiego",
            "Skłodowskiej-Curie",
            "1000-lecia",
            "Księcia Władysława",
            "Bohaterów w Getcie",
            "Do Studzienki",
            "Nad Wisłą",
        ]
    ),
)
house_texts = st.builds(lambda n, s: f"{n}{s}", st.integers(1, 300), suffixes)


@st.composite
def number_rules(draw: st.DrawFn) -> NumberRule:
    if draw(st.booleans()):
        return NumberRule(numbers=tuple(draw(st.lists(house_texts, min_size=1, max_size=4))))
    start = draw(st.one_of(st.none(), st.integers(1, 300)))
    end = draw(st.one_of(st.none(), st.integers(start or 1, 600)))
    return NumberRule(draw(st.sampled_from(PARITIES)), start, end)


rule_sets = st.lists(number_rules(), max_size=4).map(lambda rules: canonical_rules(tuple(rules)))


@st.composite
def coverages(draw: st.DrawFn) -> Coverage:
    if draw(st.integers(0, 4)) == 0:
        return Coverage("locality", "", draw(plain_names), (), "")
    prefix = draw(st.sampled_from(["ul.", "al.", "pl.", "os.", "rondo", ""]))
    name = draw(street_names) if prefix else draw(plain_names)
    return Coverage("street", prefix, name, draw(rule_sets), "")


@settings(max_examples=200, deadline=None)
@given(coverages())
def test_format_then_parse_round_trips(coverage: Coverage) -> None:
    text = format_coverage(coverage)
    parsed = parse_segment(text)
    assert parsed == replace(coverage, source=text)
    assert parse_description(text).items == (parsed,)


@settings(max_examples=200, deadline=None)
@given(coverages(), st.lists(number_rules(), max_size=4))
def test_rule_order_and_duplicates_do_not_change_printed_form(
    coverage: Coverage, rules: list[NumberRule]
) -> None:
    messy = replace(coverage, rules=(*rules, *reversed(rules)))
    tidy = replace(coverage, rules=canonical_rules(tuple(rules)))
    assert format_coverage(messy) == format_coverage(tidy)


VOCABULARY = [
    "ul.", "ul", "al.", "pl.", "os.", "rondo", "wieś", "miejscowości:", "ulice:", "Polna",
    "3", "Maja", "12a", "7 A", "12/3", "II", "ks.", "parzyste", "nieparz.", "np.", "od", "do",
    "nr", "numeru", "i", "oraz", "cała", "-", "–", ",", ";", "\n", "(", ")", ":", "/", "0",
    "99999999", "bloki", "str.", "„", "ł", " ", "końca",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=80), st.lists(st.sampled_from(VOCABULARY), max_size=25).map(" ".join)
)


@settings(max_examples=200, deadline=None)
@given(texts, st.one_of(st.none(), st.text(max_size=8)))
def test_parsing_never_raises_and_loses_nothing(text: str, house: str | None) -> None:
    segments = split_segments(text)
    assert all(segment and segment == segment.strip() and segment in text for segment in segments)
    parsed = parse_description(text)
    assert len(parsed.items) + len(parsed.unparsed) == len(segments)
    assert all(item.source in segments for item in parsed.items)
    assert all(piece in segments for piece in parsed.unparsed)
    for item in parsed.items:
        covers(item, house)
        assert format_coverage(item)
    parse_numbers(text)
    parse_house_number(text)
    street_key(text)
    fold_diacritics(text)
