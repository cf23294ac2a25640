"""Tests for leaflets.streets.overlaps: addresses two areas both claim."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leaflets import checks, limits
from leaflets.areas import Area, CoverageLine, area_order
from leaflets.streets import (
    Coverage,
    Overlap,
    covers,
    find_overlaps,
    overlaps,
    parse_description,
    parse_numbers,
)
from leaflets.streets.index import street_sort_key
from tests.street_areas import area_with, bases, build, claims, labels, ranges, row

pytest_plugins = ["tests.street_fixtures"]

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
        ("Ogrodowa", "Ogrodowa", ["Ogrodowa: wszystkie numery"]),
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
    ordered = sorted(areas, key=area_order)
    found: list[Overlap] = []
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            pair: dict[str, Overlap] = {}
            for mine in overlaps._claims(first):
                for theirs in overlaps._claims(second):
                    shared = overlaps._shared(mine, theirs)
                    if shared is None:
                        continue
                    rules, display, whole = shared
                    if rules is not None and display not in pair:
                        description = overlaps._describe(rules, whole)
                        pair[display] = Overlap(display, description, first, second)
            found.extend(pair[name] for name in sorted(pair, key=street_sort_key))
    return found


@pytest.mark.parametrize("seed", [1, 2])
def test_find_overlaps_equals_comparing_every_pair(seed: int) -> None:
    areas = _random_areas(seed, 100)  # every kind of overlap, thousands of them
    expected = _all_pairs_overlaps(areas)
    found = find_overlaps(areas)
    assert found == expected
    # The data exercises every kind: a village whole, its streets, and lines without a town.
    descriptions = {overlap.description for overlap in found}
    assert {"cała ulica", "cała miejscowość", "wszystkie numery"} <= descriptions
    assert any(overlap.description.startswith("numery parzyste") for overlap in found)
    assert any(not line.town for overlap in found for line in overlap.second.lines)
    assert len(found) > 1000


# --- bounded work ------------------------------------------------------------------------------


def _numbered(count: int, description: str) -> list[Area]:
    base = bases()[0]
    return [replace(area_with(base, description), number=str(n + 1)) for n in range(count)]


def test_a_street_claimed_by_thousands_of_areas_is_named_not_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Thousands of areas claiming the whole of one street are millions of pairs (hours, and
    as many warnings): that street is left out with a warning naming it, and the others are
    still compared. Here 400 areas (79,800 pairs) against a limit lowered to 2,000 a name,
    which is the same path, faster."""
    monkeypatch.setattr(limits, "MAX_OVERLAP_WORK_PER_NAME", 2_000)
    areas = _numbered(400, "ul. Testowa")
    base = bases()[0]
    areas += [
        replace(area_with(base, "ul. Inna (1-10)"), number="401"),
        replace(area_with(base, "ul. Inna (5-20)"), number="402"),
    ]
    checked = overlaps.check_overlaps(areas)
    assert [(c.street, c.areas, c.first.number) for c in checked.crowded] == [
        ("ul. Testowa", 400, "1")
    ]
    assert checked.stopped is None
    assert [(o.street, o.description) for o in checked.found] == [("ul. Inna", "numery 5–10")]
    problems = checks.overlaps(areas)
    crowded = [p for p in problems if p.code == "nakladanie-niesprawdzone"]
    assert [p.message for p in crowded] == [
        "ul. Testowa: występuje w 400 rejonach z numerami, które mogą się nakładać — tylu "
        "porównań nie robimy, więc nakładania się rejonów na tej ulicy nie sprawdzono; w "
        "prawdziwym wykazie jedną ulicę dzieli kilka rejonów: sprawdź, czy ten sam opis nie "
        "trafił do wielu wierszy"
    ]
    assert crowded[0].where == areas[0].rows[0]


def test_comparing_stops_when_all_streets_together_pass_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Many streets each within the limit for one name, together past the total: comparing
    stops where the total runs out, and a warning says at which street."""
    monkeypatch.setattr(limits, "MAX_OVERLAP_WORK", 100)
    base = bases()[0]
    streets = ("ul. Polna", "ul. Leśna", "ul. Łąkowa", "ul. Krótka")
    areas = [
        replace(area_with(base, streets[n % 4]), number=str(n + 1)) for n in range(40)
    ]  # 10 areas a street, 45 pairs each: the third street passes 100
    checked = overlaps.check_overlaps(areas)
    assert checked.crowded == ()
    assert checked.stopped is not None
    assert (checked.stopped.street, checked.stopped.areas) == ("ul. Łąkowa", 10)
    assert {o.street for o in checked.found} == {"ul. Polna", "ul. Leśna"}
    assert len(checked.found) == 90
    problems = [p for p in checks.overlaps(areas) if p.code == "nakladanie-przerwane"]
    assert [p.message for p in problems] == [
        f"{checked.stopped.street}: tu przerwano sprawdzanie, czy rejony się nakładają — tyle "
        "ulic występuje w wielu rejonach z tymi samymi numerami, że tej i części pozostałych "
        "ulic nie porównano; sprawdź, czy te same opisy nie trafiły do wielu wierszy"
    ]


def test_a_long_street_split_among_many_areas_costs_no_comparison(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A city's long street, its numbers shared out among 2,000 areas in ranges that do not
    meet: with room for a single comparison the check still finishes, and finds nothing."""
    base = bases()[0]
    areas = [
        replace(area_with(base, f"ul. Długa ({10 * n + 1}-{10 * n + 9})"), number=str(n + 1))
        for n in range(2_000)
    ]
    monkeypatch.setattr(limits, "MAX_OVERLAP_WORK", 1)
    monkeypatch.setattr(limits, "MAX_OVERLAP_WORK_PER_NAME", 1)
    assert overlaps.check_overlaps(areas) == overlaps.OverlapCheck(())
    # Two that do meet are still found, within the same room.
    areas[7] = replace(area_with(base, "ul. Długa (75-85)"), number="8")
    found = overlaps.check_overlaps(areas)
    assert (found.crowded, found.stopped) == ((), None)
    assert [(o.description, o.first.number, o.second.number) for o in found.found] == [
        ("numery 81–85", "8", "9")
    ]


def test_a_line_without_a_town_against_a_name_in_thousands_of_towns_is_linear(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One line without a town meets the name in every town; the towns' own claims are not
    paired with each other (each is in its own town), so 3,000 towns are 3,000 pairs, all
    counted: with room for 3,000 the check finishes and finds them all."""
    base = bases()[0]
    areas = [
        replace(area_with(base, "ul. Polna", town=f"Miasto {n}"), number=str(n + 1))
        for n in range(3_000)
    ]
    areas.append(replace(area_with(base, "ul. Polna", town=""), number="9999"))
    monkeypatch.setattr(limits, "MAX_OVERLAP_WORK_PER_NAME", 3_000)
    checked = overlaps.check_overlaps(areas)
    assert (checked.crowded, checked.stopped) == ((), None)
    assert len(checked.found) == 3_000
