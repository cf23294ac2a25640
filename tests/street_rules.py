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
    return NumberRule(draw(st.sampled_from(PARITIES)), start, end)


rule_sets = st.lists(number_rules(), max_size=4).map(lambda rules: canonical_rules(tuple(rules)))
