"""House numbers: the rules a description states, which houses they cover, their overlap, print."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from leaflets.streets.words import (
    POLISH,
    NumberWords,
    Parity,
)
from leaflets.text import fold

__all__ = [
    "HouseNumber",
    "NumberRule",
    "canonical_rules",
    "format_rules",
    "intersect_rules",
    "parse_house_number",
    "rules_cover",
    "union_rules",
]


@dataclass(frozen=True)
class HouseNumber:
    """`12a` -> (12, "a"); `12/3` -> (12, "/3"); `7A` -> (7, "a")."""

    number: int
    suffix: str = ""

    @property
    def text(self) -> str:
        return f"{self.number}{self.suffix}"


@dataclass(frozen=True)
class NumberRule:
    """One rule; a street is covered where any of its rules matches.

    With `numbers` set the rule is an explicit list matched exactly; parity and bounds are unused.
    """

    parity: Parity = "all"
    start: int | None = None
    end: int | None = None
    numbers: tuple[str, ...] = ()
    start_letter: str = ""
    """`od 6c`: the range starts at 6c (6, 6a, 6b are outside; 7 is inside)."""
    end_letter: str = ""
    """`do 27b`: 27, 27a and 27b are inside, 27c is not; without a letter every 27x is."""

    @property
    def low(self) -> tuple[int, str]:
        """The first house of the range, in house order: (6, "c") for `od 6c`."""
        return (self.start if self.start is not None else 1), self.start_letter

    @property
    def high(self) -> tuple[float, str]:
        """The last house of the range, in house order; `do 27` reaches every 27x."""
        end: float = self.end if self.end is not None else float("inf")
        return end, self.end_letter or _LAST_LETTER


_LAST_LETTER = "\uffff"
"""Sorts after every letter: an end without a letter includes all of that number's letters."""


_HOUSE_RE = re.compile(r"(?:nr\.?\s*)?(\d{1,5})\s*([a-z])?(?:\s*/\s*(\d{1,5}[a-z]?))?")
# The parsing functions are pure and take strings (or frozen values) and return frozen values,
# so they are cached: a national roster repeats the same words, numbers and streets many times.
_WORD_CACHE = 1 << 16
_TEXT_CACHE = 1 << 17


@functools.lru_cache(maxsize=_WORD_CACHE)
def word_key(word: str) -> str:
    """A word as the vocabulary tables hold it: folded, without its dot (`Nieparz.`)."""
    return fold(word).rstrip(".")


@functools.lru_cache(maxsize=_WORD_CACHE)
def parse_house_number(text: str) -> HouseNumber | None:
    """`12a`, `12 A`, `12/3`, `nr 5`; None for anything else, including 0 and `12-14`."""
    match = _HOUSE_RE.fullmatch(" ".join(text.lower().split()))
    if match is None or int(match.group(1)) == 0:
        return None
    letter, flat = match.group(2) or "", match.group(3)
    return HouseNumber(int(match.group(1)), letter + (f"/{flat}" if flat else ""))


@functools.lru_cache(maxsize=_TEXT_CACHE)
def canonical_rules(rules: tuple[NumberRule, ...]) -> tuple[NumberRule, ...]:
    """The order and shape the parser produces, so equal coverage compares equal.

    Ranges of any parity first, then one merged explicit list, then even, then odd ranges:
    every parity range is printed with its own parity word, so reading the printed form back
    never lets a parity carry over to a later item.
    """
    listed: dict[str, tuple[int, int, str]] = {}
    ranges: set[NumberRule] = set()
    for rule in rules:
        if rule.numbers:
            for item in rule.numbers:
                house = parse_house_number(item)
                text = house.text if house else " ".join(item.lower().split())
                listed[text] = (0, house.number, house.suffix) if house else (1, 0, text)
        elif rule.parity == "all" and rule.start is None and rule.end is None:
            return ()
        else:
            ranges.add(replace(rule, numbers=()))

    def order(rule: NumberRule) -> tuple[int, int, str, int, str]:
        end = rule.end if rule.end is not None else 1 << 30
        parity = ("all", "even", "odd").index(rule.parity)
        return parity, rule.start or 0, rule.start_letter, end, rule.end_letter

    ordered = sorted(ranges, key=order)
    result = [r for r in ordered if r.parity == "all"]
    if listed:
        result.append(NumberRule(numbers=tuple(sorted(listed, key=listed.__getitem__))))
    return (*result, *(r for r in ordered if r.parity != "all"))


# --- which numbers a rule covers --------------------------------------------------------------


def _listed_covers(item: str, house: HouseNumber) -> bool:
    """Listed `12` covers `12` and its flats `12/3`, not `12a`; listed `12/3` only `12/3`."""
    listed = parse_house_number(item)
    if listed is None or listed == house:
        return listed is not None
    building, flat_mark, _ = house.suffix.partition("/")
    return bool(flat_mark) and listed == HouseNumber(house.number, building)


def _parity_fits(parity: Parity, number: int) -> bool:
    return parity == "all" or (number % 2 == 0) == (parity == "even")


def _rule_matches(rule: NumberRule, house: HouseNumber) -> bool:
    if rule.numbers:
        return any(_listed_covers(item, house) for item in rule.numbers)
    if not _parity_fits(rule.parity, house.number):
        return False
    building = (house.number, house.suffix.partition("/")[0])
    return rule.low <= building <= rule.high


def _rule_is_empty(rule: NumberRule) -> bool:
    if rule.numbers:
        return False
    low = max(rule.start or 1, 1)
    if rule.end is None:
        return False
    if rule.parity != "all" and low == rule.end:
        return not _parity_fits(rule.parity, low)
    return (low, rule.start_letter) > rule.high


def rules_cover(rules: tuple[NumberRule, ...], house_number: str | None) -> bool:
    """Do the rules include this house? `()` is every number. Ranges and parity use the integer
    part of `12a`; a listed building (`12`, `12a`) covers its flats (`12/3`, `12a/3`), not
    other buildings. No number given: whether any rule covers some number."""
    if not rules:
        return True
    if not house_number or not house_number.strip():
        return not all(_rule_is_empty(rule) for rule in rules)
    house = parse_house_number(house_number)
    return house is not None and any(_rule_matches(rule, house) for rule in rules)


# --- intersection and union, for the numbers two areas both claim -----------------------------


def _low(rule: NumberRule) -> int:
    return rule.start if rule.start is not None else 1


def _high(rule: NumberRule) -> float:
    return rule.end if rule.end is not None else float("inf")


def _range_is_empty(rule: NumberRule) -> bool:
    """For a range already tightened to its parity."""
    return rule.low > rule.high


def _same_house(first: str, second: str) -> bool:
    house = parse_house_number(first)
    return first == second or (house is not None and house == parse_house_number(second))


def _inside(listed: str, number: str) -> bool:
    """Is `number` the listed house or, for a listed building (`12`), one of its flats?"""
    return _same_house(listed, number) or rules_cover((NumberRule(numbers=(listed,)),), number)


def _tighten(rule: NumberRule) -> NumberRule:
    """Bounds of a parity range are numbers of that parity: even 5–41 is even 6–40."""
    start, end = rule.start, rule.end
    start_letter, end_letter = rule.start_letter, rule.end_letter
    if start is not None and not _parity_fits(rule.parity, start):
        start, start_letter = start + 1, ""
    if end is not None and not _parity_fits(rule.parity, end):
        end, end_letter = end - 1, ""
    return NumberRule(rule.parity, start, end, (), start_letter, end_letter)


def _meet(first: NumberRule, second: NumberRule) -> NumberRule | None:
    if first.numbers and second.numbers:
        # Building 12 in one list and its flat 12/3 in the other share the flat.
        common = [
            *(n for n in first.numbers if any(_inside(m, n) for m in second.numbers)),
            *(m for m in second.numbers if any(_inside(n, m) for n in first.numbers)),
        ]
        return NumberRule(numbers=tuple(common)) if common else None
    if first.numbers or second.numbers:
        listed, span = (first, second) if first.numbers else (second, first)
        inside = tuple(n for n in listed.numbers if rules_cover((span,), n))
        return NumberRule(numbers=inside) if inside else None
    if "all" not in (first.parity, second.parity) and first.parity != second.parity:
        return None
    parity = first.parity if first.parity != "all" else second.parity
    starts = [(r.start, r.start_letter) for r in (first, second) if r.start is not None]
    ends = [(r.end, r.end_letter) for r in (first, second) if r.end is not None]
    # An end without a letter reaches every letter of its number: it is the later end.
    start = max(starts) if starts else (None, "")
    end = min(ends, key=lambda e: (e[0], e[1] or _LAST_LETTER)) if ends else (None, "")
    rule = _tighten(NumberRule(parity, start[0], end[0], (), start[1], end[1]))
    return None if _range_is_empty(rule) else rule


def _contains(outer: NumberRule, inner: NumberRule) -> bool:
    return (
        outer.parity in ("all", inner.parity)
        and outer.low <= inner.low
        and inner.high <= outer.high
    )


def _merge_ranges(ranges: Iterable[NumberRule]) -> list[NumberRule]:
    """Join ranges of one parity that touch: even 34–44 and 46–50 are even 34–50."""
    merged: list[NumberRule] = []
    for rule in sorted(ranges, key=lambda r: (r.parity, r.low, r.high)):
        last = merged[-1] if merged else None
        step = 1 if rule.parity == "all" else 2
        # Ranges touch when the next starts right after the last one's number (no letters in
        # between to lose) or inside it.
        touches = last is not None and (
            rule.low <= last.high
            or (not last.end_letter and not rule.start_letter and _low(rule) <= _high(last) + step)
        )
        if last is not None and last.parity == rule.parity and touches:
            if rule.end is None or last.end is None:
                end, end_letter = None, ""
            else:
                end, end_letter = max(
                    (last.high, last.end, last.end_letter), (rule.high, rule.end, rule.end_letter)
                )[1:]
            merged[-1] = replace(last, end=end, end_letter=end_letter)
        else:
            merged.append(rule)
    return merged


def union_rules(pieces: Sequence[NumberRule]) -> tuple[NumberRule, ...] | None:
    """The union of `pieces` in printed order; () = every number, None = no number."""
    if not pieces:
        return None  # the common case in `find_overlaps`: parts of one street that do not meet
    tight = (_tighten(piece) for piece in pieces if not piece.numbers)
    ranges = _merge_ranges(rule for rule in tight if not _range_is_empty(rule))
    ranges = [r for r in ranges if not any(o != r and _contains(o, r) for o in ranges)]
    # "nieparzyste 5–5" reads better as the number 5.
    singles = [f"{r.start}{r.start_letter}" for r in ranges if _single(r)]
    ranges = [r for r in ranges if not _single(r)]
    listed = [
        n
        for n in [*singles, *(n for p in pieces for n in p.numbers)]
        if not any(rules_cover((r,), n) for r in ranges)
    ]
    unique = [
        n
        for i, n in enumerate(listed)
        if not any(_same_house(n, m) for m in listed[:i])
        and not any(_inside(m, n) and not _same_house(m, n) for m in listed)  # 12 holds 12/3
    ]
    rules = (*ranges, NumberRule(numbers=tuple(unique))) if unique else tuple(ranges)
    return canonical_rules(rules) if rules else None


def _single(rule: NumberRule) -> bool:
    return (
        rule.start is not None and rule.start == rule.end and rule.start_letter == rule.end_letter
    )


def intersect_rules(
    first: tuple[NumberRule, ...], second: tuple[NumberRule, ...]
) -> tuple[NumberRule, ...] | None:
    """The numbers both rule sets cover; () = all of them, None = none."""
    if not first or not second:
        rest = first or second
        return union_rules(rest) if rest else ()
    return union_rules([meet for a in first for b in second if (meet := _meet(a, b)) is not None])


def first_number(rules: tuple[NumberRule, ...]) -> int:
    """The lowest number the rules name (0 for none): the street index orders parts by it."""
    firsts = [_low(rule) for rule in rules if not rule.numbers] + [
        house.number
        for rule in rules
        for item in rule.numbers
        if (house := parse_house_number(item)) is not None
    ]
    return min(firsts, default=0)


# --- printing ---------------------------------------------------------------------------------


def _format_rule(rule: NumberRule, words: NumberWords) -> str:
    if rule.numbers:
        return ", ".join(rule.numbers)
    parity = {"all": "", "even": words.even, "odd": words.odd}[rule.parity]
    start, end = f"{rule.start}{rule.start_letter}", f"{rule.end}{rule.end_letter}"
    if rule.start is not None and rule.end is not None:
        bounds = f"{start}–{end}"
    elif rule.start is not None:
        bounds = f"{words.since} {start}"
    elif rule.end is not None:
        bounds = f"{words.until} {end}"
    else:
        bounds = ""
    return " ".join(part for part in (parity, bounds) if part)


@functools.lru_cache(maxsize=_TEXT_CACHE)
def format_rules(rules: tuple[NumberRule, ...], words: NumberWords = POLISH) -> str:
    """The printed numbers part, in canonical order and the edition's `words`:
    `parzyste 34–152, nieparzyste 85–105`, `3, 5, 7a`, `do 70`; "" for the whole of it."""
    return ", ".join(_format_rule(rule, words) for rule in canonical_rules(rules))
