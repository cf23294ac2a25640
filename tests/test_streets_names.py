"""Tests for leaflets.streets.names: segment and description parsing, keys, printed form."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from leaflets.streets import (
    Coverage,
    NumberRule,
    ParsedDescription,
    canonical_rules,
    covers,
    format_coverage,
    format_rules,
    parse_description,
    parse_house_number,
    parse_numbers,
    parse_segment,
    split_segments,
    street_aliases,
    street_key,
)
from leaflets.streets import descriptions as streets
from leaflets.streets.specs import _two_sides
from leaflets.streets.words import CONJUNCTION_SPLIT_RE
from tests.street_rules import EVEN, ODD, house_texts, listed, number_rules, rule_sets, span

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
    ("UL. KARTUSKA", "street", "ul.", "Kartuska", ()),
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
    ("ul. Jana Pawła II 5", "street", "ul.", "Jana Pawła II", (listed("5"),)),
    # A Roman numeral after a name word is part of the name; "I" there is not "i" (and).
    ("ul. Mieszka I", "street", "ul.", "Mieszka I", ()),
    ("ul. Mieszka I 5", "street", "ul.", "Mieszka I", (listed("5"),)),
    ("ul. Mieszka I (2-10)", "street", "ul.", "Mieszka I", (span(2, 10),)),
    ("ul. Mieszka I parzyste", "street", "ul.", "Mieszka I", (EVEN,)),
    ("UL. MIESZKA I", "street", "ul.", "Mieszka I", ()),
    ("ul. Bolesława III Krzywoustego", "street", "ul.", "Bolesława III Krzywoustego", ()),
    ("ul. Zygmunta I Starego 3", "street", "ul.", "Zygmunta I Starego", (listed("3"),)),
    ("ul. Jana III Sobieskiego 2-8", "street", "ul.", "Jana III Sobieskiego", (span(2, 8),)),
    ("ul. Kazimierza Wielkiego", "street", "ul.", "Kazimierza Wielkiego", ()),
    ("ul. Kazimierza Wielkiego 5", "street", "ul.", "Kazimierza Wielkiego", (listed("5"),)),
    ("ul. I Armii Wojska Polskiego", "street", "ul.", "I Armii Wojska Polskiego", ()),
    ("Mieszka I 5", "street", "", "Mieszka I", (listed("5"),)),
    # Typed in lower case: after a street prefix it can only be a name, kept as typed.
    ("ul. chojnowska 12-30", "street", "ul.", "chojnowska", (span(12, 30),)),
    ("ul. chojnowska", "street", "ul.", "chojnowska", ()),
    ("ul. chojnowska do 70", "street", "ul.", "chojnowska", (span(None, 70),)),
    ("ul. chojnowska w całości", "street", "ul.", "chojnowska", ()),
    ("ul. chojnowska parzyste 2-20", "street", "ul.", "chojnowska", (span(2, 20, "even"),)),
    ("ul. chojnowska 12 a", "street", "ul.", "chojnowska", (listed("12a"),)),
    ("al. armii krajowej 3, 5", "street", "al.", "armii krajowej", (listed("3", "5"),)),
    ("ul. 3 maja 5", "street", "ul.", "3 maja", (listed("5"),)),
    ("ulica jana pawła ii 12", "street", "ul.", "jana pawła ii", (listed("12"),)),
    ("ul. mieszka I", "street", "ul.", "mieszka I", ()),
    ("ul. ks. józefa poniatowskiego 4",
     "street", "ul.", "ks. józefa poniatowskiego", (listed("4"),)),
    ("ul. bohaterów w getcie", "street", "ul.", "bohaterów w getcie", ()),
    ("ul. skłodowskiej-curie 10-20", "street", "ul.", "skłodowskiej-curie", (span(10, 20),)),
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
    "ul. Rybnicka 5 m. 3",
    "ul. Rybnicka 0",
    "ul. Rybnicka nr",
    "ul. Rybnicka (boczna) 3",
    "ul. Rybnicka (parzyste",
    "ul. Rybnicka ()",
    "ul. Cyryla i Metodego",  # indistinguishable from two streets joined by "i"
    "Bieniowice i Dunino",
    "ul. Mieszka i",  # a lower-case "i" is always "and"
    "ul. mieszka i",
    "ul. I",
    # Lower case needs a street prefix: bare, it may be prose.
    "chojnowska 12-30",
    "chojnowska",
    "armii krajowej 5",
    "ul. kartuska np. 5",
    "ul. kartuska przy szkole",
    "ul. chojnowska 12 ogródki",
    "ul. chojnowska m. 3",
    "ul. Kartuska boczna 3",  # a capitalised name does not run on into lower-case words
    "wieś Kunice 1-20",
    "ul.",
    "w Kunicach",
    "123456",
]


@pytest.mark.parametrize("segment", UNPARSED)
def test_unparsed_segments(segment: str) -> None:
    assert parse_segment(segment) is None
    assert parse_description(segment) == ParsedDescription((), (segment,))


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
    ("ul. Polna i ul. Leśna", ["ul. Polna", "ul. Leśna"]),
    ("ul. Mieszka I i ul. Polna", ["ul. Mieszka I", "ul. Polna"]),
    ("ul. Mieszka I, Leśna 2", ["ul. Mieszka I", "Leśna 2"]),
    ("UL. POLNA I UL. LEŚNA", ["UL. POLNA", "UL. LEŚNA"]),  # before a prefix, "I" is "and"
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


def test_roman_numeral_and_conjunction_in_descriptions() -> None:
    parsed = parse_description(
        "ul. Mieszka I, Bolesława III Krzywoustego 2-8; ul. Polna i ul. Leśna"
    )
    assert [(c.prefix, c.name, format_rules(c.rules)) for c in parsed.items] == [
        ("ul.", "Mieszka I", ""),
        ("ul.", "Bolesława III Krzywoustego", "2–8"),
        ("ul.", "Polna", ""),
        ("ul.", "Leśna", ""),
    ]
    assert parsed.unparsed == ()
    assert parse_description("Bieniowice i Dunino").unparsed == ("Bieniowice i Dunino",)


def test_lower_case_needs_its_own_prefix() -> None:
    # A carried-over prefix does not vouch for a lower-case word: "lipowa" may be prose.
    parsed = parse_description("ul. chojnowska 1-9, lipowa")
    assert [(c.prefix, c.name) for c in parsed.items] == [("ul.", "chojnowska")]
    assert parsed.unparsed == ("lipowa",)


def test_plural_lead_word_makes_streets_and_village_lead_ends_the_street_list() -> None:
    parsed = parse_description("ulice: Polna, Leśna, wieś Kunice, Dunino")
    assert [(c.kind, c.prefix, c.name) for c in parsed.items] == [
        ("street", "ul.", "Polna"),
        ("street", "ul.", "Leśna"),
        ("locality", "", "Kunice"),
        ("locality", "", "Dunino"),
    ]


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


@pytest.mark.parametrize(
    ("name", "aliases"),
    [
        ("al. Józefa Piłsudskiego", {"józefa piłsudskiego", "piłsudskiego"}),
        ("Piłsudskiego", {"piłsudskiego"}),
        (
            "al. Marszałka Józefa Piłsudskiego",
            {"marszałka józefa piłsudskiego", "józefa piłsudskiego", "piłsudskiego"},
        ),
        (
            "ul. ks. Jerzego Popiełuszki",
            {"ks jerzego popiełuszki", "jerzego popiełuszki", "popiełuszki"},
        ),
        ("gen. Władysława Sikorskiego", {"gen władysława sikorskiego", "władysława sikorskiego",
                                         "sikorskiego"}),
        ("św. Jana", {"św jana", "jana"}),
        ("Świętego Ducha", {"świętego ducha", "ducha"}),
        ("swietego Ducha", {"swietego ducha", "ducha"}),  # typed without Polish letters
        ("Marii Konopnickiej", {"marii konopnickiej", "konopnickiej"}),
        ("Jana III Sobieskiego", {"jana iii sobieskiego", "sobieskiego"}),  # and the numeral
        ("Jana Pawła II", {"jana pawła ii", "pawła ii"}),
        ("Kazimierza Wielkiego", {"kazimierza wielkiego", "wielkiego"}),
        ("Mieszka I", {"mieszka i"}),
        ("3 Maja", {"3 maja"}),
        ("Jana 3", {"jana 3"}),  # never shortened to digits only
        ("ul. Jana", {"jana"}),
        ("Armii Krajowej", {"armii krajowej"}),
        ("Bieniowice", {"bieniowice"}),
    ],
)  # fmt: skip
def test_street_aliases(name: str, aliases: set[str]) -> None:
    assert street_aliases(name) == aliases
    assert street_key(name) in street_aliases(name)


# --- properties -----------------------------------------------------------------------------

POLISH_LOWER = "aąbcćdeęfghijklłmnńoóprsśtuwyzźż"
# A name is printed in the nominative: no word ends in an accusative "-ą"/"-ę".
words = st.builds(
    lambda first, rest, last: first + rest + last,
    st.sampled_from("FGHJKLZŁŚŻ"),
    st.text(POLISH_LOWER, min_size=1, max_size=8),
    st.sampled_from("abcdefiklmnorstuwyz"),
)
plain_names = st.lists(words, min_size=1, max_size=3).map(" ".join)
street_names = st.one_of(
    plain_names,
    st.sampled_from(
        [
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
            "Mieszka I",
            "Zygmunta I Starego",
            "Bolesława III Krzywoustego",
        ]
    ),
)
# Lower-case names only parse after a prefix.
lower_street_names = st.sampled_from(
    [
        "chojnowska",
        "armii krajowej",
        "3 maja",
        "jana pawła ii",
        "mieszka I",
        "ks. józefa poniatowskiego",
        "bohaterów w getcie",
        "skłodowskiej-curie",
    ]
)


@st.composite
def coverages(draw: st.DrawFn) -> Coverage:
    if draw(st.integers(0, 4)) == 0:
        return Coverage("locality", "", draw(plain_names), (), "")
    prefix = draw(st.sampled_from(["ul.", "al.", "pl.", "os.", "rondo", ""]))
    name = draw(st.one_of(street_names, lower_street_names)) if prefix else draw(plain_names)
    rules = draw(rule_sets)
    # Two ranges of no parity, one starting odd and one even, are read as the street's two
    # sides (the reading Polish descriptions mean); the parser never makes them from text.
    assume(prefix == "os." or _two_sides(rules) is None)
    excluded = draw(st.lists(house_texts, max_size=3)) if draw(st.booleans()) else []
    exclusion = canonical_rules((NumberRule(numbers=tuple(excluded)),)) if excluded else ()
    return Coverage("street", prefix, name, rules, "", exclusion)


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
    # Every segment is an item (two for "Brzozową i Słoneczną" after a heading; numbers alone
    # join the street before them, on the item's next source line), kept verbatim, or a
    # heading of the items after it.
    sources = {line for item in parsed.items for line in item.source.split("\n")}
    assert sources | set(parsed.unparsed) | set(parsed.headings) == set(segments)
    for item in parsed.items:
        covers(item, house)
        assert format_coverage(item)
    parse_numbers(text)
    parse_house_number(text)
    street_key(text)


# --- the fast paths give the same answers -----------------------------------------------------


def _split_line_every_character(line: str) -> list[list[str]]:
    """The reference for `_split_line`, which looks only at brackets, separators and the
    whitespace before a conjunction: the same decisions, character by character."""
    chunks: list[list[str]] = [[]]
    depth = 0
    start = 0
    for index, char in enumerate(line):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif depth:
            continue
        elif char == ";":
            chunks[-1].append(line[start:index])
            chunks.append([])
            start = index + 1
        elif char == "," and streets._starts_new_item(line[index + 1 :]):
            chunks[-1].append(line[start:index])
            start = index + 1
        elif char.isspace() and (conjunction := CONJUNCTION_SPLIT_RE.match(line, index)):
            chunks[-1].append(line[start:index])
            start = conjunction.end()
    chunks[-1].append(line[start:])
    return chunks


SPLIT_VOCABULARY = [
    "ul.", "UL.", "al.", "ulica", "Aleja", "plac", "rondo", "os.", "Polna", "Mieszka", "I",
    "i", "oraz", "ORAZ", "3", "Maja", "1-5", ",", ";", "(", ")", "[", "]", "  ", "\t",
    "\u00a0", "\u2003", "", "nr", "5,", "ul.Polna", "i\u00a0ul.",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(SPLIT_VOCABULARY), max_size=30).map(" ".join)
    | st.lists(st.sampled_from(SPLIT_VOCABULARY), max_size=30).map("".join)
)
def test_split_line_decides_as_if_reading_every_character(line: str) -> None:
    assert streets._split_line(line) == _split_line_every_character(line)


@pytest.mark.parametrize("line", [case[0] for case in SPLIT_CASES])
def test_split_line_on_the_split_cases(line: str) -> None:
    for part in line.splitlines():
        assert streets._split_line(part) == _split_line_every_character(part)


def test_cached_answers_cannot_be_changed_by_a_caller() -> None:
    aliases = street_aliases("al. Józefa Piłsudskiego")
    aliases.add("changed")
    assert street_aliases("al. Józefa Piłsudskiego") == {"józefa piłsudskiego", "piłsudskiego"}
    parsed = parse_description("ul. Polna 1-5; Dunino")
    assert isinstance(parsed.items, tuple) and isinstance(parsed.unparsed, tuple)
    assert all(isinstance(item.rules, tuple) for item in parsed.items)
    with pytest.raises(AttributeError):
        parsed.items[0].name = "Leśna"  # type: ignore[misc]
    assert parse_description("ul. Polna 1-5; Dunino") == parsed
