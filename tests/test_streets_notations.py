"""The notations of real rosters (issue 16), with made-up examples: parsed and printed form."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from leaflets.streets import (
    Address,
    HouseNumber,
    NumberRule,
    answer_address,
    canonical_rules,
    covers,
    find_by_address,
    format_coverage,
    parse_address,
    parse_description,
    parse_segment,
)
from tests.street_areas import area_with, bases, build, row

# (segment, printed form)
PRINTED = [
    # 1. Letters at a range's ends.
    ("ul. Lipowa od numeru 3 do 27b", "ul. Lipowa (3–27b)"),
    ("ul. Lipowa od 6c do 20", "ul. Lipowa (6c–20)"),
    ("ul. Lipowa od nr 41a do nr 59", "ul. Lipowa (41a–59)"),
    ("ul. Lipowa nieparzyste od 3A do 11", "ul. Lipowa (nieparzyste 3a–11)"),
    # 2. Parity anywhere.
    ("ul. Lipowa od nr 1 do 33 (nieparzyste)", "ul. Lipowa (nieparzyste 1–33)"),
    ("ul. Lipowa od nr 7 do nr 45( nieparzyste)", "ul. Lipowa (nieparzyste 7–45)"),
    ("ul. Lipowa od nr 8 do końca(parzyste)", "ul. Lipowa (parzyste od 8)"),
    ("ul. Lipowa strona parzysta", "ul. Lipowa (parzyste)"),
    ("ul. Lipowa strona nieparzysta", "ul. Lipowa (nieparzyste)"),
    ("ul. Lipowa nr nie parzyste", "ul. Lipowa (nieparzyste)"),
    ("ul. Lipowa numery parzyste", "ul. Lipowa (parzyste)"),
    ("Lipowa (strona parzysta) 2-20", "Lipowa (parzyste 2–20)"),
    ("ul. Lipowa od nr 4 - 38 (parzyste)", "ul. Lipowa (parzyste 4–38)"),
    (
        "ul. Lipowa od 53 do końca nieparzyste i od 50 do końca parzyste",
        "ul. Lipowa (parzyste od 50, nieparzyste od 53)",
    ),
    (
        "ul. Lipowa parz. od nr 2 do nr 164 i nieparz. od nr 1 do nr 153",
        "ul. Lipowa (parzyste 2–164, nieparzyste 1–153)",
    ),
    ("ul. Rybnicka parzyste 2-20 nieparzyste 1-9", "ul. Rybnicka (parzyste 2–20, nieparzyste 1–9)"),
    # 3. Two sides of a street, and a side by name.
    ("ul. Lipowa od 3 do 27a oraz od 2 do 18b", "ul. Lipowa (parzyste 2–18b, nieparzyste 3–27a)"),
    ("ul. Lipowa strona prawa od nr 2 do nr 40", "ul. Lipowa (parzyste 2–40)"),
    ("ul. Lipowa strona lewa od nr 1 do nr 175", "ul. Lipowa (nieparzyste 1–175)"),
    # 4. Exclusions.
    ("ul. Lipowa oprócz nr 3, 4a, 4b", "ul. Lipowa (oprócz 3, 4a, 4b)"),
    ("ul. Lipowa bez nr 7", "ul. Lipowa (oprócz 7)"),
    ("ul. Lipowa z wyjątkiem nr 12", "ul. Lipowa (oprócz 12)"),
    ("ul. Lipowa 1-40 z wyłączeniem nr 9, nr 11", "ul. Lipowa (1–40, oprócz 9, 11)"),
    (
        "ul. Lipowa (bez numerów parzystych od 86 do 104)",
        "ul. Lipowa (oprócz parzyste 86–104)",
    ),
    # 5. Lists and single numbers.
    ("ul. Lipowa numer 4", "ul. Lipowa 4"),
    ("ul. Lipowa numery 11 i 12", "ul. Lipowa 11, 12"),
    ("ul. Lipowa nr:1,2,15B", "ul. Lipowa 1, 2, 15b"),
    ("ul. Lipowa Nr  9", "ul. Lipowa 9"),
    ("ul. Lipowa 1-9 i nr 14", "ul. Lipowa (1–9, 14)"),
    ("Aleja Róż 1A, B, C", "al. Róż 1a, 1b, 1c"),
    ("ul. Lipowa 1-9, 12-20 oraz 30-40", "ul. Lipowa (1–9, 12–20, 30–40)"),
    # 6. Streets bounded by cross streets: partly in the area.
    (
        "ul. Długa od ul. Mickiewicza do ul. Kościuszki",
        "ul. Długa (od ul. Mickiewicza do ul. Kościuszki)",
    ),
    ("ul. Łaska od Kolejowej do numeru 40", "ul. Łaska (od Kolejowej do numeru 40)"),
    ("ul. Krakowska (do ul. Polnej)", "ul. Krakowska (do ul. Polnej)"),
    # 7. Case forms and CAPITALS.
    ("ul. Klonową", "ul. Klonowa"),
    ("Aleję Wojska Polskiego", "al. Wojska Polskiego"),
    ("ul. Pod Lipą", "ul. Pod Lipą"),
    ("UL. KOŁOBRZESKA 1-9", "ul. Kołobrzeska (1–9)"),
    ("ul. Bolesława III", "ul. Bolesława III"),
    # 8. Names.
    ("św. Jana", "św. Jana (cała)"),
    ("3 Maja", "3 Maja (cała)"),
    ("ul. 11 Listopada", "ul. 11 Listopada"),
    ("ul. Curie - Skłodowskiej", "ul. Curie-Skłodowskiej"),
    ("Al.Niepodległości", "al. Niepodległości"),
    ("ul. ArmiiKrajowej", "ul. Armii Krajowej"),
    ("os. 700 - lecia", "os. 700-lecia"),
    ("Plac Wolności", "pl. Wolności"),
    ("Aleje Jerozolimskie", "al. Jerozolimskie"),
    ("Osiedle Zielone", "os. Zielone"),
    ("Rondo Daszyńskiego", "rondo Daszyńskiego"),
    # 9. Whole gminas.
    ("gmina Suchy Dąb", "gmina Suchy Dąb"),
    ("Gmina Zgorzelec", "gmina Zgorzelec"),
    ("miasto i gmina Strzelin", "gmina Strzelin"),
    ("sołectwo Dunino", "Dunino"),
]


@pytest.mark.parametrize(("segment", "printed"), PRINTED)
def test_notations_are_read_and_printed(segment: str, printed: str) -> None:
    coverage = parse_segment(segment)
    assert coverage is not None, segment
    assert format_coverage(coverage) == printed
    again = parse_segment(printed)
    assert again is not None
    assert format_coverage(again) == printed


# (segment, house, covered)
COVERED = [
    ("ul. Lipowa od 6c do 20", "6", False),
    ("ul. Lipowa od 6c do 20", "6b", False),
    ("ul. Lipowa od 6c do 20", "6c", True),
    ("ul. Lipowa od 6c do 20", "7", True),
    ("ul. Lipowa od numeru 3 do 27b", "27", True),
    ("ul. Lipowa od numeru 3 do 27b", "27b", True),
    ("ul. Lipowa od numeru 3 do 27b", "27c", False),
    ("ul. Lipowa od numeru 3 do 27b", "28", False),
    ("ul. Lipowa od 3 do 27a oraz od 2 do 18b", "5", True),
    ("ul. Lipowa od 3 do 27a oraz od 2 do 18b", "20", False),
    ("ul. Lipowa od 3 do 27a oraz od 2 do 18b", "18b", True),
    ("ul. Lipowa od 3 do 27a oraz od 2 do 18b", "27b", False),
    ("ul. Lipowa oprócz nr 3, 4a, 4b", "3", False),
    ("ul. Lipowa oprócz nr 3, 4a, 4b", "4", True),
    ("ul. Lipowa oprócz nr 3, 4a, 4b", "4a", False),
    ("ul. Lipowa (bez numerów parzystych od 86 do 104)", "90", False),
    ("ul. Lipowa (bez numerów parzystych od 86 do 104)", "91", True),
    ("Aleja Róż 1A, B, C", "1b", True),
    ("Aleja Róż 1A, B, C", "1", False),
]


@pytest.mark.parametrize(("segment", "house", "covered"), COVERED)
def test_notations_cover_what_they_say(segment: str, house: str, covered: bool) -> None:
    coverage = parse_segment(segment)
    assert coverage is not None
    assert covers(coverage, house) is covered


def test_a_street_type_names_one_item_and_a_heading_all_items_after_it() -> None:
    parsed = parse_description(
        "Plac Wolności, Leśna, Osiedle Zielone, Reymonta; osiedla: Kościuszki, Przyszłość oraz "
        "ulice: Klonową, Brzozową i Słoneczną.\nWsie: Bieniowice, Dunino"
    )
    assert [format_coverage(item) for item in parsed.items] == [
        "pl. Wolności",
        "Leśna",
        "os. Zielone",
        "Reymonta",
        "os. Kościuszki",
        "os. Przyszłość",
        "ul. Klonowa",
        "ul. Brzozowa",
        "ul. Słoneczna",
        "Bieniowice",
        "Dunino",
    ]
    assert parsed.unparsed == ()


def test_ul_carries_over_a_comma_list_but_not_onto_a_park() -> None:
    parsed = parse_description(
        "ul. Rybnicką, Wyzwolenia, Park Cegielnia, Za Fosą, Baranowice wraz z ul. Kościuszki 28"
    )
    assert [format_coverage(item) for item in parsed.items] == [
        "ul. Rybnicka",
        "ul. Wyzwolenia",
        "Park Cegielnia",
        "ul. Za Fosą",
        "Baranowice",
        "ul. Kościuszki 28",
    ]


def test_a_town_and_gmina_above_a_village_list_is_its_heading_not_the_whole_gmina() -> None:
    parsed = parse_description("Miasto i Gmina Strzelin\nBiały Kościół, Gębczyce")
    assert [(item.kind, format_coverage(item)) for item in parsed.items] == [
        ("locality", "Strzelin"),
        ("locality", "Biały Kościół"),
        ("locality", "Gębczyce"),
    ]
    alone = parse_description("gmina Suchy Dąb")
    assert [(item.kind, item.name) for item in alone.items] == [("gmina", "Suchy Dąb")]


def test_a_whole_gmina_covers_its_seat_and_an_address_that_names_the_gmina() -> None:
    areas = build(row("1", "gmina Suchy Dąb", town=""), row("2", "ul. Polna", town="Gdańsk"))
    for typed, expected in [
        ("Suchy Dąb 5", ["1"]),
        ("Polna 3, Suchy Dąb", ["1"]),
        ("Krzywe Koło 12, gm. Suchy Dąb", ["1"]),
        ("Krzywe Koło 12", []),
        ("Polna 3, Gdańsk", ["2"]),
    ]:
        address = parse_address(typed)
        assert address is not None
        assert [m.area.number for m in find_by_address(areas, address)] == expected, typed


def test_a_town_before_its_streets_is_their_town_not_an_item() -> None:
    parsed = parse_description("Brzeg, ul. Lipowa, ul. Polna 1-9")
    assert [(format_coverage(item), item.town) for item in parsed.items] == [
        ("ul. Lipowa", "Brzeg"),
        ("ul. Polna (1–9)", "Brzeg"),
    ]
    assert parsed.headings == ("Brzeg",)


def test_how_a_segment_was_read_is_noted_once_in_polish() -> None:
    parsed = parse_description(
        "ul. Lipowa od 3 do 27a oraz od 2 do 18b; ul. Długa od ul. Mickiewicza do ul. Kościuszki"
    )
    assert parsed.notes == (
        "„ul. Lipowa od 3 do 27a oraz od 2 do 18b”: dwa zakresy bez słowa parzyste/nieparzyste "
        "odczytano jako dwie strony ulicy — parzyste 2–18b, nieparzyste 3–27a",
        "„ul. Długa od ul. Mickiewicza do ul. Kościuszki”: granicą jest ulica poprzeczna, a nie "
        "numer — adres przy tej ulicy wyszukiwarka pokaże jako „część ulicy”; dopisz numery, "
        "jeśli je znasz",
    )


# --- properties of the new notations ----------------------------------------------------------


@st.composite
def lettered_ranges(draw: st.DrawFn) -> tuple[str, NumberRule, HouseNumber]:
    """`od 6c do 27b` with a house inside it, as text, rule and house."""
    parity = draw(st.sampled_from(["all", "even", "odd"]))
    start = draw(st.integers(1, 200))
    end = draw(st.integers(start + 2, start + 200))
    start_letter = draw(st.sampled_from(["", "a", "c"]))
    end_letter = draw(st.sampled_from(["", "b", "d"]))
    number = draw(
        st.integers(start + 1, end - 1).filter(
            lambda n: parity == "all" or (n % 2 == 0) == (parity == "even")
        )
    )
    word = {"all": "", "even": " (parzyste)", "odd": " (nieparzyste)"}[parity]
    text = f"od {start}{start_letter} do {end}{end_letter}{word}"
    rule = NumberRule(parity, start, end, (), start_letter, end_letter)  # type: ignore[arg-type]
    return text, rule, HouseNumber(number, draw(st.sampled_from(["", "a", "/2"])))


@settings(max_examples=150, deadline=None)
@given(lettered_ranges(), st.sampled_from(["", " oprócz nr 1"]))
def test_inside_a_lettered_range_is_found_and_the_wrong_side_is_not(
    case: tuple[str, NumberRule, HouseNumber], exclusion: str
) -> None:
    text, rule, house = case
    area = area_with(bases()[0], f"ul. Próbna {text}{exclusion}")
    line = area.lines[0]
    assert line.coverage is not None and line.coverage.rules == canonical_rules((rule,))
    # What is printed reads back the same.
    assert parse_segment(format_coverage(line.coverage)) == replace(
        line.coverage, source=format_coverage(line.coverage)
    )
    found = find_by_address([area], Address("Próbna", house.text, "Legnica"))
    assert [m.area for m in found] == [area]
    if rule.parity != "all":
        other = house.number + 1 if house.number + 1 < (rule.end or 0) else house.number - 1
        assume(other > (rule.start or 0))
        assert find_by_address([area], Address("Próbna", str(other), "")) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 200), min_size=1, max_size=5, unique=True), st.integers(1, 200))
def test_an_excluded_number_is_not_found_and_the_rest_of_the_street_is(
    excluded: list[int], other: int
) -> None:
    text = ", ".join(f"nr {n}" for n in excluded)
    area = area_with(bases()[0], f"ul. Próbna (oprócz {text})")
    for number in excluded:
        assert find_by_address([area], Address("Próbna", str(number), "")) == []
        assert find_by_address([area], Address("Próbna", f"{number}/4", "")) == []
    assume(other not in excluded)
    assert [m.area for m in find_by_address([area], Address("Próbna", str(other), ""))] == [area]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 99).map(lambda n: 2 * n - 1), st.integers(1, 99).map(lambda n: 2 * n))
def test_two_ranges_starting_odd_and_even_are_the_two_sides(odd: int, even: int) -> None:
    coverage = parse_segment(f"ul. Próbna od {odd} do {odd + 20} oraz od {even} do {even + 20}")
    assert coverage is not None
    assert coverage.rules == canonical_rules(
        (NumberRule("odd", odd, odd + 20), NumberRule("even", even, even + 20))
    )
    assert not covers(coverage, str(odd + 22))  # the next odd number is the next area's
    assert covers(coverage, str(even + 20)) and not covers(coverage, str(even + 22))


def test_a_typo_or_a_first_name_finds_the_street_as_an_approximate_match() -> None:
    areas = build(row("1", "ul. Tadeusza Kościuszki 1-99; ul. Mickiewicza 1-9; ul. Lipowa 1-9"))
    for typed, approximate in [
        ("Tadeusza Kościuszki 5", False),
        ("Kościuszki 5", True),  # the patron's first name left out
        ("Kościszki 5", True),  # a letter left out
        ("Adama Mickiewicza 5", True),  # a first name added
        ("Mickiewicza 5", False),
        ("przy ul. Lipowej 5", False),  # a case form is no approximation
    ]:
        address = parse_address(typed)
        assert address is not None
        [match] = find_by_address(areas, address)
        assert match.approximate is approximate, typed
    # Too far from every name, or too short to tell a typo from another street.
    for typed in ("Kościuszkowska 5", "Lipa 5", "Lisowa 5"):
        address = parse_address(typed)
        assert address is not None
        assert find_by_address(areas, address) == [], typed


def test_answers_say_why_nothing_was_found() -> None:
    areas = build(row("1", "ul. Chojnowska (parzyste 72-152, nieparzyste 71-105)"))
    outside = parse_address("Chojnowska 200, Legnica")
    unknown = parse_address("Kwiatowa 5, Legnica")
    assert outside is not None and unknown is not None
    said = answer_address(areas, outside)
    assert (said.reason, said.message, said.suggestions) == (
        "number_not_covered",
        "ul. Chojnowska jest w wykazie, ale numer 200 nie należy do żadnego rejonu: "
        "rejon 1 — parzyste 72–152, nieparzyste 71–105",
        (),
    )
    said = answer_address(areas, unknown)
    assert (said.reason, said.message, said.suggestions) == (
        "no_such_street",
        "Nie ma w wykazie ulicy ani miejscowości „Kwiatowa”.",
        (),  # nothing like it: no suggestion at all
    )


cross_names = st.sampled_from(["Mickiewicza", "Kościuszki", "Polnej", "Dywizjonu 303", "Kolejowej"])


@settings(max_examples=100, deadline=None)
@given(cross_names, cross_names, st.sampled_from(["ul. ", ""]), st.integers(1, 300))
def test_a_street_between_cross_streets_prints_and_reads_back_the_same(
    first: str, second: str, kind: str, number: int
) -> None:
    for part in (f"od {kind}{first} do {kind}{second}", f"od ul. {first} do numeru {number}"):
        coverage = parse_segment(f"ul. Długa ({part})")
        assert coverage is not None and coverage.part == part
        printed = format_coverage(coverage)
        assert parse_segment(printed) == replace(coverage, source=printed)
        address = Address("Długa", str(number + 2), "")
        matches = find_by_address([area_with(bases()[0], printed)], address)
        # A number the text itself bounds is outside; any other may be in the part.
        assert [m.certainty for m in matches] == ([] if "numeru" in part else ["part"])
