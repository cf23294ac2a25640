"""House numbers: parse, order, cover, intersect and print the numbers part of a description."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from leaflets.streets.words import (
    FILLERS,
    JOINERS,
    PARITY_WORDS,
    POLISH,
    RANGE_WORDS,
    SIDE_WORDS,
    SPLIT_LETTERS,
    WHOLE,
    NumberWords,
    Parity,
)
from leaflets.text import fold

__all__ = [
    "HouseNumber",
    "NumberRule",
    "Spec",
    "canonical_rules",
    "format_rules",
    "intersect_rules",
    "parse_house_number",
    "parse_numbers",
    "parse_spec",
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


_SPEC_PUNCTUATION = str.maketrans({"–": "-", "—": "-", "−": "-", "‒": "-", "‐": "-", ":": " "})
_HOUSE_RE = re.compile(r"(?:nr\.?\s*)?(\d{1,5})\s*([a-z])?(?:\s*/\s*(\d{1,5}[a-z]?))?")
# A space-separated suffix letter must not be a one-letter Polish word: "bloki 1-6 i 9-10".
_SPEC_TOKEN_RE = re.compile(
    r"\s*(?:(?P<num>\d+(?:[a-z](?![^\W\d_])|\s[abcdefghjklmnprstvxy](?![^\W\d_]|\.))?"
    r"(?:\s*/\s*\d+[a-z]?)?)|(?P<word>[^\W\d_]+\.?)|(?P<dash>-)|(?P<sep>[,;]))"
)

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


# --- parsing ----------------------------------------------------------------------------------


def _spec_tokens(text: str) -> list[tuple[str, str]] | None:
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _SPEC_TOKEN_RE.match(text, position)
        if match is None:
            return None if text[position:].strip() else tokens
        kind = match.lastgroup
        assert kind is not None
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _clauses(tokens: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    clauses: list[list[tuple[str, str]]] = [[]]
    for kind, value in tokens:
        key = word_key(value) if kind == "word" else ""
        clause = clauses[-1]
        if kind == "sep" or key in JOINERS:
            clauses.append([])
        elif key in PARITY_WORDS and _leads_with_parity(clause):
            # "parzyste 2-20 nieparzyste 1-9": a clause that began with its parity ends where
            # the next parity word begins ("2-20 parzyste" keeps its trailing parity).
            clauses.append([(kind, value)])
        else:
            clause.append((kind, value))
    return [clause for clause in clauses if clause]


def _leads_with_parity(clause: list[tuple[str, str]]) -> bool:
    words = [word_key(value) for kind, value in clause if kind == "word"]
    leading = next((word for word in words if word not in FILLERS), None)
    return leading in PARITY_WORDS and any(kind == "num" for kind, _ in clause)


_STARTS = {("od", "n"), ("od", "n", "do", "konca"), ("od", "n", "wzwyz"), ("n", "wzwyz")}
_BOUNDED = {("n", "-", "n"), ("od", "n", "do", "n"), ("n", "do", "n"), ("od", "n", "-", "n")}


def _clause_rule(
    clause: list[tuple[str, str]], sticky: Parity
) -> tuple[NumberRule | HouseNumber, Parity] | None:
    """One clause -> a range rule or a single listed number, plus the parity that carries on."""
    lead: Parity | None = None
    trail: Parity | None = None
    side: Parity | None = None
    shape: list[str] = []
    houses: list[HouseNumber] = []
    for kind, value in clause:
        key = word_key(value)
        if kind == "word" and key in FILLERS:
            continue
        if trail is not None:
            return None  # a trailing parity ends the clause: "2-20 parzyste"
        if kind == "word" and key in SIDE_WORDS:
            side = SIDE_WORDS[key]
            continue
        if kind == "word" and key in PARITY_WORDS:
            parity = PARITY_WORDS[key]
            if shape:
                trail = parity
            elif lead not in (None, parity):
                return None
            else:
                lead = parity
        elif kind == "word" and key in RANGE_WORDS:
            shape.append(key)
        elif kind == "num":
            house = parse_house_number(value)
            if house is None:
                return None
            houses.append(house)
            shape.append("n")
        elif kind == "dash":
            shape.append("-")
        else:
            return None
    if lead is not None and trail is not None and lead != trail:
        return None
    if side is not None and lead is None and trail is None:
        # "strona prawa od nr 2 do nr 40": the numbers say the side when both ends agree;
        # otherwise the rule for numbering Polish streets (odd on the left, even on the right).
        ends = {house.number % 2 for house in houses}
        lead = side if len(ends) != 1 else ("even" if ends == {0} else "odd")
    carried = lead if lead is not None else sticky
    parity = trail or carried
    key_shape = tuple(shape)
    if not key_shape:
        return (NumberRule(parity), carried) if lead or trail else None
    if key_shape == ("n",):
        return houses[0], carried
    if not houses or any("/" in house.suffix for house in houses):
        return None  # "od 12/3 do 20": a flat does not bound a range of buildings
    # "od 6c do 20", "od nr 3 do 27b": a letter bounds the range inside its number.
    first, last = houses[0], houses[-1]
    if key_shape in _BOUNDED and (first.number, first.suffix) <= (last.number, last.suffix):
        rule = NumberRule(parity, first.number, last.number)
        return replace(rule, start_letter=first.suffix, end_letter=last.suffix), carried
    if key_shape in _STARTS:
        return NumberRule(parity, first.number, None, start_letter=first.suffix), carried
    if key_shape == ("do", "n"):
        return NumberRule(parity, None, first.number, end_letter=first.suffix), carried
    return None


@functools.lru_cache(maxsize=_TEXT_CACHE)
def parse_numbers(text: str) -> tuple[NumberRule, ...] | None:
    """`1-45`, `parzyste od 34 do 152, nieparzyste od 85`, `3, 5, 7a`; `""` -> whole street.

    A parity word before the numbers carries on to later clauses ("parzyste 2-20 i 30-40");
    one after them applies to its own clause only ("2-20 parzyste, 3-9").
    """
    normal = " ".join(text.lower().translate(_SPEC_PUNCTUATION).split()).rstrip(" .")
    if not normal or fold(normal).replace(".", "") in WHOLE:
        return ()
    tokens = _spec_tokens(normal)
    if not tokens:
        return None
    rules: list[NumberRule] = []
    listed: list[str] = []
    sticky: Parity = "all"
    for clause in _clauses(tokens):
        letter = _bare_letter(clause)
        if letter and listed:
            # "Aleja Wojska Polskiego 1A, B, C": a letter alone is another building of the
            # number before it.
            house = parse_house_number(listed[-1])
            if house is not None and len(house.suffix) == 1:
                listed.append(f"{house.number}{letter}")
                continue
        result = _clause_rule(clause, sticky)
        if result is None:
            return None
        item, sticky = result
        if isinstance(item, HouseNumber):
            listed.append(item.text)
        else:
            rules.append(item)
    if listed:
        rules.append(NumberRule(numbers=tuple(listed)))
    return canonical_rules(tuple(rules)) if rules else None


def _bare_letter(clause: list[tuple[str, str]]) -> str:
    if len(clause) == 1 and clause[0][0] == "word" and len(clause[0][1]) == 1:
        return clause[0][1] if clause[0][1] in SPLIT_LETTERS else ""
    return ""


@dataclass(frozen=True)
class Spec:
    """The numbers part of one description segment, read in full."""

    rules: tuple[NumberRule, ...]
    excluded: tuple[NumberRule, ...] = ()
    """`oprócz nr 3, 4a`, `bez numerów parzystych od 86 do 104`: numbers not in the area."""
    part: str = ""
    """`od ul. Mickiewicza do ul. Kościuszki`: a boundary no number says; the street is only
    partly in the area, and `rules` are what the text does say (`do numeru 40`)."""
    sides: bool = False
    """Two ranges without parity words were read as the odd and the even side."""
    within: str = ""
    """`w obrębie ul. Dąbrowskiego`: where the numbers stand, left out of the reading."""


_NOT_PARITY_RE = re.compile(r"\bnie\s+(?=parzyst)", re.IGNORECASE)  # "nr nie parzyste"
_EXCLUSION_RE = re.compile(
    r"\s*,?\s*\b(?:oprócz|oprocz|prócz|procz|bez|z\s+wyjątkiem|z\s+wyjatkiem|z\s+wyłączeniem"
    r"|z\s+wylaczeniem|wyłączając|wylaczajac)\b\s*",
    re.IGNORECASE,
)
_CROSS_STREET_RE = re.compile(
    r"\b(?:(?:od|do)\s+(?:(?:skrzyżowania|skrzyzowania)\s+z\s+)?"
    r"(?:(?:ul\.?|ulicy|al\.?|alei|pl\.?|placu|ronda)\s*[^\W\d_][\w.-]*|[A-ZĄĆĘŁŃÓŚŹŻ][\w.-]*"
    r"|(?:lasu|torów|torow|granicy|mostu|rzeki|potoku|drogi)\s+[\w.-]+)"
    r"(?:\s+(?:[A-ZĄĆĘŁŃÓŚŹŻ][\w.-]*|\d+(?![\w-])(?=\s*(?:$|[,;)]))))*"
    r"|za\s+\S+)"
)
"""`od ul. Zbożowej`, `do Kolejowej`, `do skrzyżowania z ul. Polną`, `do ul. Dywizjonu 303`,
`do lasu Baraniok`, `za "czwórką"`: a boundary at a cross street or a landmark (a capitalised
word, a street type or a landmark word after `od`/`do`, a quoted name after `za`)."""
_WITHIN_RE = re.compile(r"\s*\bw\s+obrębie\s+(?:ul\.|ulicy|al\.)\s*(?:[A-ZĄĆĘŁŃÓŚŹŻ][\w.-]*\s*)+")
"""`bloki 1-6 i 9-10 w obrębie ul. Dąbrowskiego`: where the blocks stand, not which they are."""
_NR_HYPHEN_RE = re.compile(r"\bnr-([yu])\b", re.IGNORECASE)  # "nr-y 3-11", "od 63 nr-u"


@functools.lru_cache(maxsize=_TEXT_CACHE)
def parse_spec(text: str, street: bool = True) -> Spec | None:
    """The numbers part of a segment: `parse_numbers` plus exclusions (`oprócz nr 7`), a
    boundary at a cross street (`od ul. Mickiewicza do ul. Kościuszki`) and, on a street
    (`street`), two ranges that start odd and even read as its two sides."""
    normal = " ".join(_NOT_PARITY_RE.sub("nie", _NR_HYPHEN_RE.sub(r"nr\1", text)).split())
    within = _WITHIN_RE.search(normal)
    if within is not None:
        normal = (normal[: within.start()] + " " + normal[within.end() :]).strip()
    cross = list(_CROSS_STREET_RE.finditer(normal))
    if cross:
        known = _CROSS_STREET_RE.sub(" ", normal)
        rules = parse_numbers(known)
        if rules is None:
            return None
        part = " ".join(normal.replace("( ", "(").split()).strip(" ,;.")
        return Spec(rules, (), part, within=within.group().strip() if within else "")
    pieces = _EXCLUSION_RE.split(normal, maxsplit=1)
    rules = parse_numbers(pieces[0])
    excluded = parse_numbers(pieces[1]) if len(pieces) == 2 else ()
    if rules is None or excluded is None or (len(pieces) == 2 and not excluded):
        return None
    dropped = within.group().strip() if within else ""
    sided = _two_sides(rules) if street else None
    if sided is not None:
        return Spec(sided, excluded, "", sides=True, within=dropped)
    return Spec(rules, excluded, within=dropped)


def _two_sides(rules: tuple[NumberRule, ...]) -> tuple[NumberRule, ...] | None:
    """`od 3 do 27a oraz od 2 do 18b`: two ranges of no parity, one starting odd and one even,
    each ending on its own parity, are the street's odd and even sides, as Polish descriptions
    mean them (the numbers between them would otherwise be claimed twice)."""
    if len(rules) != 2 or any(r.numbers or r.parity != "all" or r.start is None for r in rules):
        return None
    first, second = rules
    assert first.start is not None and second.start is not None
    if first.start % 2 == second.start % 2:
        return None
    if any(r.end is not None and r.end % 2 != r.start % 2 for r in rules):  # type: ignore[operator]
        return None
    return canonical_rules(
        tuple(replace(r, parity="odd" if r.start % 2 else "even") for r in rules)  # type: ignore[operator]
    )


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
