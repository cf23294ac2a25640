"""The street index: every street and village of a unit's areas in Polish order."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

# The module, not its names: see leaflets.streets.addresses.
from leaflets import areas as area_model
from leaflets.streets.names import display_name, name_key, printed_numbers
from leaflets.streets.numbers import canonical_rules, first_number
from leaflets.streets.words import (
    NUMERAL_NAMES,
    PLACE_OF_PRINTED,
    POLISH,
    SORT_PREFIX_RE,
    NumberWords,
)
from leaflets.text import SortKey, fold, polish_sort_key, search_key

if TYPE_CHECKING:
    from leaflets.areas import Area

__all__ = ["IndexEntry", "street_index", "street_sort_key", "whole_word"]


def street_sort_key(name: str) -> SortKey:
    """`polish_sort_key` with the street type ignored (`al. Armii Krajowej` sorts under A),
    and a name that starts with a number by its words: `3 Maja` under M (after `Maja` and
    `2 Maja`), `700-lecia` as `Siedemsetlecia`."""
    named = SORT_PREFIX_RE.sub("", " ".join(name.split()), count=1)
    match = _NUMBERED_RE.fullmatch(named)
    if match is None:
        return polish_sort_key(name, SORT_PREFIX_RE)
    digits, rest = match.groups()
    words = NUMERAL_NAMES.get(fold(f"{digits}-{rest}"))
    return polish_sort_key(words if words else f"{rest} {digits}")


_NUMBERED_RE = re.compile(r"(\d+)(?:\s*-\s*|\s+)([^\W\d_].*)")


@dataclass(frozen=True)
class IndexEntry:
    name: str
    """`ul. Chojnowska`, `Bieniowice`, or an unparsed line verbatim."""
    sort_key: SortKey
    """`street_sort_key(name)`."""
    numbers: str
    """This area's part: `parzyste 2–40`, `3, 5, 7a`, `cała ulica`; "" for an unparsed line."""
    area: Area


def whole_word(
    locality: bool,
    key: str,
    towns: Iterable[str],
    words: NumberWords = POLISH,
    gmina: bool = False,
    prefix: str = "",
) -> str:
    """What to say for all of a place: a street, a square, a village named as the town, a
    gmina, or an estate, a roundabout or a bare name that may be a street or a village
    (`wszystkie numery`)."""
    if gmina:
        return words.whole_gmina
    if not locality:
        place = PLACE_OF_PRINTED.get(prefix, "street")
        if place == "square":
            return words.whole_square
        return words.whole_street if place == "street" else words.whole_unknown
    return words.whole_locality if key in towns else words.whole_unknown


def street_index(areas: Sequence[Area], words: NumberWords = POLISH) -> list[IndexEntry]:
    """Every street and village of every area in Polish order, then by first number and area;
    an unparsed line is listed under its own text. Numbers are printed in `words`."""
    ranked: list[tuple[tuple[SortKey, int, str, tuple[int, str]], IndexEntry]] = []
    for area in areas:
        for line in area.lines:
            coverage = line.coverage
            if coverage is None:
                name, numbers, first = line.text, "", 0
            else:
                rules = canonical_rules(coverage.rules)
                name = display_name(coverage)
                whole = whole_word(
                    coverage.kind == "locality",
                    name_key(coverage.name),
                    (search_key(coverage.town or line.town or area.town),),
                    words,
                    gmina=coverage.kind == "gmina",
                    prefix=coverage.prefix,
                )
                numbers = printed_numbers(coverage, words) or whole
                first = first_number(rules)
            entry = IndexEntry(name, street_sort_key(name), numbers, area)
            unit, number = area_model.area_order(area)
            ranked.append(((entry.sort_key, first, unit, number), entry))
    ranked.sort(key=lambda item: item[0])
    return [entry for _, entry in ranked]
