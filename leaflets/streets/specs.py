"""The numbers part of a segment, read: ranges, parity, lists, sides, exclusions, boundaries."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from leaflets.streets.numbers import (
    HouseNumber,
    NumberRule,
    canonical_rules,
    parse_house_number,
    word_key,
)
from leaflets.streets.words import (
    FILLERS,
    JOINERS,
    PARITY_WORDS,
    RANGE_WORDS,
    SIDE_WORDS,
    SPLIT_LETTERS,
    WHOLE,
    Parity,
)
from leaflets.text import fold

__all__ = ["Spec", "parse_numbers", "parse_spec"]

_TEXT_CACHE = 1 << 17
_SPEC_PUNCTUATION = str.maketrans({"–": "-", "—": "-", "−": "-", "‒": "-", "‐": "-", ":": " "})
# A space-separated suffix letter must not be a one-letter Polish word: "bloki 1-6 i 9-10".
_SPEC_TOKEN_RE = re.compile(
    r"\s*(?:(?P<num>\d+(?:[a-z](?![^\W\d_])|\s[abcdefghjklmnprstvxy](?![^\W\d_]|\.))?"
    r"(?:\s*/\s*\d+[a-z]?)?)|(?P<word>[^\W\d_]+\.?)|(?P<dash>-)|(?P<sep>[,;]))"
)


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
    r"(?:\s+(?:[A-ZĄĆĘŁŃÓŚŹŻ][\w.-]*|\d+(?![\w-])(?=\s*(?:$|[,;)]|do\b|od\b))))*"
    r"|za\s+\S+)"
)
"""`od ul. Zbożowej`, `do Kolejowej`, `do skrzyżowania z ul. Polną`, `do ul. Dywizjonu 303`,
`do lasu Baraniok`, `za "czwórką"`: a boundary at a cross street or a landmark (a capitalised
word, a street type or a landmark word after `od`/`do`, a quoted name after `za`)."""
_WITHIN_RE = re.compile(r"\s*\bw\s+obrębie\s+(?:ul\.|ulicy|al\.)\s*(?:[A-ZĄĆĘŁŃÓŚŹŻ][\w.-]*\s*)+")
"""`bloki 1-6 i 9-10 w obrębie ul. Dąbrowskiego`: where the blocks stand, not which they are."""
_NR_HYPHEN_RE = re.compile(r"\bnr-([yu])\b", re.IGNORECASE)  # "nr-y 3-11", "od 63 nr-u"


_WHOLE_SPEC = Spec(())
_BOUNDARY_WORDS_RE = re.compile(r"\b(?:od|do|za)\s")
_EXCLUSION_HINT_RE = re.compile(r"pr[oó]cz|\bbez\b|wyj[aą]tk|wy[lł][aą]cz")


@functools.lru_cache(maxsize=_TEXT_CACHE)
def parse_spec(text: str, street: bool = True) -> Spec | None:
    """The numbers part of a segment: `parse_numbers` plus exclusions (`oprócz nr 7`), a
    boundary at a cross street (`od ul. Mickiewicza do ul. Kościuszki`) and, on a street
    (`street`), two ranges that start odd and even read as its two sides."""
    if not text or text.isspace():
        return _WHOLE_SPEC
    normal = " ".join(text.split())
    lowered = normal.casefold()
    # Each rewrite only where its trigger is: this runs on every segment of a national roster.
    if "nr-" in lowered:
        normal = _NR_HYPHEN_RE.sub(r"nr\1", normal)
    if "nie " in lowered:
        normal = " ".join(_NOT_PARITY_RE.sub("nie", normal).split())
    within = _WITHIN_RE.search(normal) if "obręb" in lowered else None
    if within is not None:
        normal = (normal[: within.start()] + " " + normal[within.end() :]).strip()
    cross = _CROSS_STREET_RE.search(normal) if _BOUNDARY_WORDS_RE.search(lowered) else None
    if cross:
        known = _CROSS_STREET_RE.sub(" ", normal)
        rules = parse_numbers(known)
        if rules is None:
            return None
        part = " ".join(normal.replace("( ", "(").replace(" )", ")").split()).strip(" ,;.")
        part = part.replace(" ,", ",")
        return Spec(rules, (), part, within=within.group().strip() if within else "")
    pieces = (
        _EXCLUSION_RE.split(normal, maxsplit=1) if _EXCLUSION_HINT_RE.search(lowered) else [normal]
    )
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
