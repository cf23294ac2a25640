"""House-number rules and hypothesis strategies shared by the street-language tests."""

from __future__ import annotations

from hypothesis import strategies as st

from leaflets.streets import NumberRule, Parity, canonical_rules


def span(start: int | None, end: int | None, parity: Parity = "all") -> NumberRule:
    return NumberRule(parity, start, end)


def listed(*numbers: str) -> NumberRule:
    return NumberRule(numbers=numbers)


EVEN = span(None, None, "even")
ODD = span(None, None, "odd")
PARITIES: tuple[Parity, ...] = ("all", "even", "odd")
suffixes = st.sampled_from(["", "a", "b", "h", "/1", "/12", "c/2"])
house_texts = st.builds(lambda n, s: f"{n}{s}", st.integers(1, 300), suffixes)


@st.composite
def number_rules(draw: st.DrawFn) -> NumberRule:
    if draw(st.booleans()):
        return NumberRule(numbers=tuple(draw(st.lists(house_texts, min_size=1, max_size=4))))
    start = draw(st.one_of(st.none(), st.integers(1, 300)))
    end = draw(st.one_of(st.none(), st.integers(start or 1, 600)))
    # "od 6c do 27b": a letter may bound either end (after the start's letter on one number).
    start_letter = draw(st.sampled_from(["", "", "a", "c"])) if start is not None else ""
    end_letter = draw(st.sampled_from(["", "", "b", "d"])) if end is not None else ""
    if start is not None and start == end and end_letter and end_letter <= start_letter:
        end_letter = ""
    if start is not None and start == end and not end_letter:
        start_letter = ""
    return NumberRule(draw(st.sampled_from(PARITIES)), start, end, (), start_letter, end_letter)


rule_sets = st.lists(number_rules(), max_size=4).map(lambda rules: canonical_rules(tuple(rules)))
