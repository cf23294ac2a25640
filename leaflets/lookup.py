"""Areas -> answers: who covers an address, who an officer is, overlaps and the street index."""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from leaflets._gc import gc_paused
from leaflets.areas import Area, CoverageLine, area_order
from leaflets.columns import fold
from leaflets.streets import (
    Coverage,
    NumberRule,
    canonical_rules,
    covers,
    fold_diacritics,
    format_rules,
    parse_house_number,
    street_aliases,
    street_key,
)
from leaflets.validation import Officer

__all__ = [
    "Address",
    "IndexEntry",
    "Match",
    "OfficerMatch",
    "Overlap",
    "SortKey",
    "find_by_address",
    "find_by_name",
    "find_overlaps",
    "parse_address",
    "polish_sort_key",
    "street_index",
    "suggest_streets",
]

SortKey = tuple[tuple[tuple[int, int], ...], str, str]
"""Polish alphabetical order first; case and foreign diacritics only break ties."""


@dataclass(frozen=True)
class Address:
    """What a resident types: `ul. Chojnowska 12a, Legnica`, `Bieniowice 5`."""

    street: str
    """Street name without its prefix (`Chojnowska`), or a village name."""
    number: str
    """Normalised house number (`12a`, `12/3`); "" when not given."""
    town: str
    """Town or village as typed; "" when not given."""


@dataclass(frozen=True)
class Match:
    area: Area
    line: CoverageLine
    """The description line that covers the address (`line.text` is what to show)."""


@dataclass(frozen=True)
class OfficerMatch:
    officer: Officer
    areas: tuple[Area, ...]


@dataclass(frozen=True)
class Overlap:
    street: str
    """Display name with prefix: `ul. Chojnowska`, `Bieniowice`."""
    description: str
    """The numbers both areas claim: `numery parzyste 34–70`, `numer 3`, `cała ulica`."""
    first: Area
    second: Area


@dataclass(frozen=True)
class IndexEntry:
    name: str
    """`ul. Chojnowska`, `Bieniowice`, or an unparsed line verbatim."""
    sort_key: SortKey
    """`polish_sort_key(name)`."""
    numbers: str
    """This area's part: `parzyste 2–40`, `3, 5, 7a`, `cała ulica`; "" for an unparsed line."""
    area: Area


# --- addresses -------------------------------------------------------------------------------

_PREFIX_WORDS = frozenset(
    ("ul", "ulica", "al", "aleja", "aleje", "pl", "plac", "os", "osiedle", "rondo")
)
_POSTAL_RE = re.compile(r"(?<!\w)\d{2}\s?-\s?\d{3}(?!\w)")
_HOUSE_TOKEN_RE = re.compile(r"\d{1,5}[a-z]?(?:/\d{1,5}[a-z]?)?", re.IGNORECASE)
_ORDINAL_RE = re.compile(r"\d+-[^\W\d_]+")  # "1000-lecia" is part of a name
# A letter written apart from its number ("12 A"), but never a one-letter Polish word ("w", "i").
_SPLIT_LETTERS = frozenset("abcdefghjklmnprstvxy")
_NUMBER_WORDS = frozenset(("nr", "nr.", "numer"))
_STREET_PREPOSITIONS = frozenset(("przy", "na"))
"""`przy ul. Chojnowskiej 12`, `na Chojnowskiej 12`: how people say where they live."""
_FLAT_WORDS = frozenset(("m", "m.", "lok", "lok.", "lokal", "mieszkanie"))


def _is_prefix(token: str) -> bool:
    return token.casefold().rstrip(".") in _PREFIX_WORDS


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


@dataclass(frozen=True)
class _StreetPart:
    name: str
    number: str
    town: str


def _after_number(tokens: list[str], index: int) -> tuple[str, list[str]] | None:
    """The house number at `index` (with a detached letter) and the tokens left for the town."""
    text = tokens[index]
    rest = tokens[index + 1 :]
    if rest and len(rest[0]) == 1 and rest[0].casefold() in _SPLIT_LETTERS:
        text, rest = text + rest[0], rest[1:]
    # The flat ("12 m. 3") does not change who the officer is.
    if len(rest) >= 2 and rest[0].casefold() in _FLAT_WORDS and rest[1][0].isdigit():
        rest = rest[2:]
    if not _HOUSE_TOKEN_RE.fullmatch(text) or any(ch.isdigit() for ch in "".join(rest)):
        return None
    house = parse_house_number(text)
    return (house.text, rest) if house is not None else None


def _split_street(text: str) -> _StreetPart | None:
    tokens = text.split()
    if all(_is_prefix(token) for token in tokens):
        return None
    town: list[str] = []
    # "przy ul. Chojnowskiej 12": the preposition names no town.
    if len(tokens) > 2 and tokens[0].casefold() in _STREET_PREPOSITIONS and _is_prefix(tokens[1]):
        tokens = tokens[1:]
    # "Legnica ul. Chojnowska 12": words before a street prefix name the town.
    for index in range(1, len(tokens) - 1):
        if not _is_prefix(tokens[0]) and _is_prefix(tokens[index]):
            town, tokens = tokens[:index], tokens[index:]
            break
    while len(tokens) > 1 and _is_prefix(tokens[0]):
        tokens = tokens[1:]
    # The first number after the name is the house number ("ul. 3 Maja 5", "Jana Pawła II 5"),
    # unless digits follow it, as in "Żołnierzy 1 Armii 5".
    candidates = [
        index
        for index, token in enumerate(tokens)
        if index > 0 and token[0].isdigit() and not _ORDINAL_RE.fullmatch(token)
    ]
    number, end = "", len(tokens)
    trailing: list[str] = []
    for index in candidates:
        found = _after_number(tokens, index)
        if found is not None:
            (number, trailing), end = found, index
            break
    else:
        if candidates:
            return None  # "Chojnowska 12-14", "Chojnowska 0": not one house
    if end > 1 and tokens[end - 1].casefold() in _NUMBER_WORDS:
        end -= 1
    name = " ".join(tokens[:end])
    if not _has_letter(name) or (town and trailing):
        return None
    return _StreetPart(name, number, " ".join(town or trailing))


def parse_address(text: str) -> Address | None:
    """`ul. Chojnowska 12a, Legnica`, `Legnica, Chojnowska 12/3`, `Bieniowice 5`; None when the
    text is not one street (or village) with at most one house number and one town."""
    normal = _POSTAL_RE.sub(" ", " ".join(text.split()))
    normal = re.sub(r"\s*/\s*", "/", normal).strip(" .,;")
    parts = [part.strip(" .") for part in normal.split(",")]
    parts = [part for part in parts if part]
    if not parts or len(parts) > 2:
        return None
    if len(parts) == 1:
        street = _split_street(parts[0])
        return None if street is None else Address(street.name, street.number, street.town)
    first, second = (_split_street(part) for part in parts)
    # "Legnica, ul. Chojnowska 12": the part with a number or a prefix is the street.
    if (
        second is not None
        and (second.number or _is_prefix(parts[1].split()[0]))
        and not (first is not None and (first.number or _is_prefix(parts[0].split()[0])))
    ):
        first, second, town = second, first, parts[0]
    else:
        town = parts[1]
    if first is None or first.town or any(ch.isdigit() for ch in town) or not _has_letter(town):
        return None
    return Address(first.name, first.number, town)


# The name and town keys are pure and asked for again and again (every line of every area, every
# pair of claims): cached.
_KEY_CACHE = 1 << 16


@functools.lru_cache(maxsize=_KEY_CACHE)
def _name_key(name: str) -> str:
    return fold(street_key(name))


@functools.lru_cache(maxsize=_KEY_CACHE)
def _name_keys(name: str) -> frozenset[str]:
    """`_name_key` of the full name and of its short forms: `Józefa Piłsudskiego` is also
    `piłsudskiego` (folded)."""
    return frozenset(fold(alias) for alias in street_aliases(name))


_PLACE_KINDS = {"pl": "pl ", "plac": "pl ", "os": "os ", "osiedle": "os ", "rondo": "rondo "}
"""Squares, estates and roundabouts are other places than the street of the same name (an
estate numbers its own buildings); `ul.`, `al.` and no prefix are one kind."""


def _place_kind(prefix: str) -> str:
    return _PLACE_KINDS.get(fold(prefix).rstrip("."), "")


@functools.lru_cache(maxsize=_KEY_CACHE)
def _short_key(name: str) -> str:
    """The shortest of `_name_keys`: `al. Józefa Piłsudskiego` and `ul. Piłsudskiego` are one
    street for overlaps, as they are for the address lookup."""
    return min(_name_keys(name), key=lambda key: (len(key), key))


@functools.lru_cache(maxsize=_KEY_CACHE)
def _town_key(town: str) -> str:
    """Normalised like `_name_key`, so a village name compares equal to a town name."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(town)).split())


_TOWN_PREPOSITIONS = frozenset(("w", "we"))
"""`Chojnowska 12 w Legnicy`: the preposition before a typed town is not part of it."""
_CASE_ENDINGS = frozenset(
    {"", "a", "e", "i", "y", "u", "o", "m", "ie", "iu", "ia", "ej", "em", "om", "ze", "ce"}
    | {"ach", "ami", "ich", "iej", "im", "ym", "ymi", "owi", "ego", "emu", "rze", "dze", "zie"}
)
"""Folded endings of Polish case forms of town and street names: Legnic-y, Krakow-ie, Gorze
(Góra), Kunic-ach, Jaśkowic-ach Legnick-ich, Zakopane-m, Chojnowsk-iej, Ale-i."""
_STREET_ENDINGS = _CASE_ENDINGS - {""}
"""A street is never typed without its ending (towns are: `z Kielc`); `Chojnowsk 80` is a
typo, answered with suggestions."""


@functools.lru_cache(maxsize=_KEY_CACHE)
def _typed_town(town: str) -> str:
    """The key of a town as typed in a search: `w Legnicy` -> `legnicy`."""
    words = _town_key(town).split()
    if len(words) > 1 and words[0] in _TOWN_PREPOSITIONS:
        words = words[1:]
    return " ".join(words)


@functools.lru_cache(maxsize=_KEY_CACHE)
def _same_town(typed: str, known: str) -> bool:
    """Whether the typed town key is the known one or one of its case forms (`legnicy` ~
    `legnica`, `krakowie` ~ `krakow`, `zielonej gorze` ~ `zielona gora`; not `chojnice` ~
    `chojnow`). Roster towns are in the nominative; people type `w Legnicy`."""
    return _inflected(typed, known, _CASE_ENDINGS)


@functools.lru_cache(maxsize=_KEY_CACHE)
def _same_street(typed: str, known: str) -> bool:
    """Whether a typed street key is a case form of a roster one (`chojnowskiej` ~
    `chojnowska`, `alei roz` ~ `aleja roz`): asked only when no name matched as typed."""
    return _inflected(typed, known, _STREET_ENDINGS)


def _inflected(typed: str, known: str, endings: frozenset[str]) -> bool:
    """Word by word, the typed word is the known one or shares a stem of at least three
    letters with it that leaves at most two letters of the known word, the rest of the typed
    word one of `endings`."""
    typed_words, known_words = typed.split(), known.split()
    if len(typed_words) != len(known_words):
        return False
    for word, base in zip(typed_words, known_words, strict=True):
        if word == base:
            continue
        # The shared stem may end inside the ending: legnick|ich ~ legnick|ie share `legnicki`.
        longest = next(
            (i for i, (a, b) in enumerate(zip(word, base, strict=False)) if a != b),
            min(len(word), len(base)),
        )
        shortest = max(3, len(base) - 2)
        if not any(word[stem:] in endings for stem in range(shortest, longest + 1)):
            return False
    return True


def _line_town(area: Area, line: CoverageLine) -> str:
    return _town_key(line.town or area.town)


def _display(coverage: Coverage) -> str:
    if coverage.kind == "street" and coverage.prefix:
        return f"{coverage.prefix} {coverage.name}"
    return coverage.name


def _without_preposition(street: str) -> str:
    """A typed street without a leading `przy`/`na`; asked only after the name as typed (a
    street may be called `Na Skarpie`)."""
    words = street.split()
    if len(words) > 1 and words[0].casefold() in _STREET_PREPOSITIONS:
        return " ".join(words[1:])
    return street


def _names_match(known: str, typed: str, inflected: bool) -> bool:
    if not inflected:
        return bool(_name_keys(known) & _name_keys(typed))
    typed_keys = _name_keys(_without_preposition(typed))
    return any(_same_street(t, k) for t in typed_keys for k in _name_keys(known))


def _line_covers(area: Area, line: CoverageLine, address: Address, inflected: bool) -> bool:
    coverage = line.coverage
    if coverage is None:
        return False
    town = _typed_town(address.town)
    if coverage.kind == "locality" and town and _same_town(town, _name_key(coverage.name)):
        return True  # a whole village: any street, any number in it
    # "Piłsudskiego 5" is on "al. Józefa Piłsudskiego", and "Józefa Piłsudskiego 5" on
    # "al. Piłsudskiego": the names match when a short form of one is a form of the other.
    if not _names_match(coverage.name, address.street, inflected):
        return False
    line_town = _line_town(area, line)
    if town and line_town and not _same_town(town, line_town):
        return False
    # A listed building ("12") covers its flats ("12/3"): `covers` knows.
    return covers(coverage, address.number)


def _in_order(areas: Iterable[Area]) -> list[Area]:
    return sorted(areas, key=area_order)


def find_by_address(areas: Sequence[Area], address: Address) -> list[Match]:
    """Every area covering the address (by unit and area number), with its first matching line.

    A given town must be the line's town (or the area's), also in a case form (`w Legnicy`);
    a line without a town matches any. A street is looked up as typed, and only when that
    finds nothing, as a case form of a roster name (`przy Chojnowskiej 12`).
    """
    if not _name_key(address.street):
        return []
    ordered = _in_order(areas)
    for inflected in (False, True):
        found = []
        for area in ordered:
            line = next(
                (line for line in area.lines if _line_covers(area, line, address, inflected)),
                None,
            )
            if line is not None:
                found.append(Match(area, line))
        if found:
            return found
    return []


def suggest_streets(areas: Sequence[Area], street: str, limit: int = 3) -> list[str]:
    """Known street and village names nearest to `street`, with prefix: `["ul. Chojnowska"]`.

    A name is also known by its short forms: `Piłsudsk` suggests `al. Józefa Piłsudskiego`
    (after a street named just `Piłsudskiego`, if there is one).
    """
    displays: dict[str, str] = {}  # full key -> display
    names_of: dict[str, set[str]] = {}  # full key or short form -> full keys
    for area in areas:
        for line in area.lines:
            coverage = line.coverage
            if coverage is None:
                continue
            key, display = _name_key(coverage.name), _display(coverage)
            if key not in displays or len(display) > len(displays[key]):
                displays[key] = display  # "ul. Poznańska" over "Poznańska"
            for form in _name_keys(coverage.name):
                names_of.setdefault(form, set()).add(key)
    if limit <= 0:
        return []
    for typed in dict.fromkeys((street, _without_preposition(street))):
        wanted = _name_key(typed)
        if not wanted:
            continue
        close = difflib.get_close_matches(wanted, list(names_of), n=limit, cutoff=0.6)
        starts = sorted((form for form in names_of if form.startswith(wanted)), key=polish_sort_key)
        found = [
            displays[key]
            for form in [*close, *starts]
            for key in sorted(
                names_of[form], key=lambda k: (k != form, polish_sort_key(displays[k]))
            )
        ]
        if found:
            return list(dict.fromkeys(found))[:limit]
    return []


# --- officers --------------------------------------------------------------------------------


def _person_text(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())


def find_by_name(areas: Sequence[Area], query: str) -> list[OfficerMatch]:
    """Officers whose `first surname` or `surname first` contains `query`, ignoring case and
    Polish letters (`malek` finds Małek); one entry per person with all their areas."""
    needle = _person_text(query)
    if not needle:
        return []
    found: dict[tuple[str, str], tuple[Officer, list[Area]]] = {}
    for area in _in_order(areas):
        for officer in area.officers:
            first, surname = officer.first_name, officer.surname
            if needle in _person_text(f"{first} {surname}") or needle in _person_text(
                f"{surname} {first}"
            ):
                found.setdefault(officer.key, (officer, []))[1].append(area)
    people = sorted(
        found.values(),
        key=lambda item: (polish_sort_key(item[0].surname), polish_sort_key(item[0].first_name)),
    )
    return [OfficerMatch(officer, tuple(served)) for officer, served in people]


# --- overlaps --------------------------------------------------------------------------------

_WHOLE_STREET = "cała ulica"
_WHOLE_LOCALITY = "cała miejscowość"
# A bare name is a village or, in a town, often a street typed without "ul.": say neither.
_WHOLE_UNKNOWN = "całość"


class _Claim(NamedTuple):
    """What one area says about one name in one town, all its lines merged."""

    key: str
    town: str
    locality: bool
    display: str
    rules: tuple[NumberRule, ...]  # () = all of it


def _claims(area: Area) -> list[_Claim]:
    merged: dict[tuple[str, str], _Claim] = {}
    for line in area.lines:
        coverage = line.coverage
        if coverage is None:
            continue
        locality = coverage.kind == "locality"
        key = (
            _name_key(coverage.name)
            if locality
            else f"{_place_kind(coverage.prefix)}{_short_key(coverage.name)}"
        )
        town = _line_town(area, line)
        claim = _Claim(key, town, locality, _display(coverage), coverage.rules)
        known = merged.get((key, town))
        if known is not None:
            rules = known.rules + claim.rules if known.rules and claim.rules else ()
            claim = _Claim(
                key,
                town,
                known.locality and claim.locality,
                max(known.display, claim.display, key=len),
                canonical_rules(rules),
            )
        merged[(key, town)] = claim
    return list(merged.values())


def _low(rule: NumberRule) -> int:
    return rule.start if rule.start is not None else 1


def _high(rule: NumberRule) -> float:
    return rule.end if rule.end is not None else float("inf")


def _parity_fits(parity: str, number: int) -> bool:
    return parity == "all" or (number % 2 == 0) == (parity == "even")


def _range_is_empty(rule: NumberRule) -> bool:
    """For a range already tightened to its parity."""
    return _low(rule) > _high(rule)


def _in_range(rule: NumberRule, number: str) -> bool:
    return covers(Coverage("street", "", "", (rule,), ""), number)


def _same_house(first: str, second: str) -> bool:
    house = parse_house_number(first)
    return first == second or (house is not None and house == parse_house_number(second))


def _inside(listed: str, number: str) -> bool:
    """Is `number` the listed house or, for a listed building (`12`), one of its flats?"""
    return _same_house(listed, number) or _in_range(NumberRule(numbers=(listed,)), number)


def _tighten(rule: NumberRule) -> NumberRule:
    """Bounds of a parity range are numbers of that parity: even 5–41 is even 6–40."""
    start, end = rule.start, rule.end
    if start is not None and not _parity_fits(rule.parity, start):
        start += 1
    if end is not None and not _parity_fits(rule.parity, end):
        end -= 1
    return NumberRule(rule.parity, start, end)


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
        inside = tuple(n for n in listed.numbers if _in_range(span, n))
        return NumberRule(numbers=inside) if inside else None
    if "all" not in (first.parity, second.parity) and first.parity != second.parity:
        return None
    parity = first.parity if first.parity != "all" else second.parity
    starts = [r.start for r in (first, second) if r.start is not None]
    ends = [r.end for r in (first, second) if r.end is not None]
    start, end = (max(starts) if starts else None), (min(ends) if ends else None)
    rule = _tighten(NumberRule(parity, start, end))
    return None if _range_is_empty(rule) else rule


def _contains(outer: NumberRule, inner: NumberRule) -> bool:
    return (
        outer.parity in ("all", inner.parity)
        and _low(outer) <= _low(inner)
        and _high(inner) <= _high(outer)
    )


def _merge_ranges(ranges: Iterable[NumberRule]) -> list[NumberRule]:
    """Join ranges of one parity that touch: even 34–44 and 46–50 are even 34–50."""
    merged: list[NumberRule] = []
    for rule in sorted(ranges, key=lambda r: (r.parity, _low(r), _high(r))):
        last = merged[-1] if merged else None
        step = 1 if rule.parity == "all" else 2
        if last is not None and last.parity == rule.parity and _low(rule) <= _high(last) + step:
            end = None if rule.end is None or last.end is None else max(last.end, rule.end)
            merged[-1] = NumberRule(rule.parity, last.start, end)
        else:
            merged.append(rule)
    return merged


def _simplify(pieces: Sequence[NumberRule]) -> tuple[NumberRule, ...] | None:
    """The union of `pieces` in printed order; () = every number, None = no number."""
    if not pieces:
        return None  # the common case in `find_overlaps`: parts of one street that do not meet
    tight = (_tighten(piece) for piece in pieces if not piece.numbers)
    ranges = _merge_ranges(rule for rule in tight if not _range_is_empty(rule))
    ranges = [r for r in ranges if not any(o != r and _contains(o, r) for o in ranges)]
    # "nieparzyste 5–5" reads better as the number 5.
    singles = [str(r.start) for r in ranges if r.start is not None and r.start == r.end]
    ranges = [r for r in ranges if r.start is None or r.start != r.end]
    listed = [
        n
        for n in [*singles, *(n for p in pieces for n in p.numbers)]
        if not any(_in_range(r, n) for r in ranges)
    ]
    unique = [
        n
        for i, n in enumerate(listed)
        if not any(_same_house(n, m) for m in listed[:i])
        and not any(_inside(m, n) and not _same_house(m, n) for m in listed)  # 12 holds 12/3
    ]
    rules = (*ranges, NumberRule(numbers=tuple(unique))) if unique else tuple(ranges)
    return canonical_rules(rules) if rules else None


def _intersect(
    first: tuple[NumberRule, ...], second: tuple[NumberRule, ...]
) -> tuple[NumberRule, ...] | None:
    """The numbers both rule sets cover; () = all of them, None = none."""
    if not first or not second:
        rest = first or second
        return _simplify(rest) if rest else ()
    return _simplify([meet for a in first for b in second if (meet := _meet(a, b)) is not None])


def _whole_word(locality: bool, key: str, towns: Iterable[str]) -> str:
    if not locality:
        return _WHOLE_STREET
    return _WHOLE_LOCALITY if key in towns else _WHOLE_UNKNOWN


def _describe(rules: tuple[NumberRule, ...], whole: str) -> str:
    if not rules:
        return whole
    if len(rules) == 1 and len(rules[0].numbers) == 1:
        return f"numer {rules[0].numbers[0]}"
    return "numery " + format_rules(rules)


def _shared(mine: _Claim, theirs: _Claim) -> tuple[tuple[NumberRule, ...] | None, str, str] | None:
    """What a claim of the earlier area and one of the later area have in common: the numbers
    (None = none), the name to show and the word for the whole of it; None when the claims are
    about different places."""
    same_name = mine.key == theirs.key and (
        not mine.town or not theirs.town or mine.town == theirs.town
    )
    if same_name:
        rules = _intersect(mine.rules, theirs.rules)
        display = max(mine.display, theirs.display, key=len)
        whole = _whole_word(mine.locality and theirs.locality, mine.key, (mine.town, theirs.town))
    # A village claimed whole overlaps every street another area lists in it.
    elif mine.locality and theirs.town == mine.key:
        rules, display = theirs.rules, theirs.display
        whole = _whole_word(theirs.locality, theirs.key, (theirs.town,))
    elif theirs.locality and mine.town == theirs.key:
        rules, display = mine.rules, mine.display
        whole = _whole_word(mine.locality, mine.key, (mine.town,))
    else:
        return None
    return rules, display, whole


def _pair_overlaps(
    first: Area, second: Area, claim_pairs: Iterable[tuple[_Claim, _Claim]]
) -> list[Overlap]:
    """The overlaps of two areas, given their pairs of claims in the order to try them (the
    earlier area's claim first; pairs about different places may be left out)."""
    found: dict[str, Overlap] = {}
    for mine, theirs in claim_pairs:
        shared = _shared(mine, theirs)
        if shared is None:
            continue
        rules, display, whole = shared
        if rules is not None and display not in found:
            found[display] = Overlap(display, _describe(rules, whole), first, second)
    return [found[name] for name in sorted(found, key=polish_sort_key)]


_ClaimRef = tuple[int, int]
"""(area, claim): indexes into the areas in order and into that area's claims."""


def _candidate_pairs(
    claims: Sequence[Sequence[_Claim]],
) -> dict[tuple[int, int], set[tuple[int, int]]]:
    """For every pair of areas (earlier index first) the pairs of their claims (earlier area's
    first) that `_shared` may find in common: the same name in the same town, or with a town
    unknown; and a village claimed as a locality with any claim in that village. `_shared` is
    None for every pair of claims left out, so only areas with a common bucket are compared."""
    same: dict[tuple[str, str], list[_ClaimRef]] = {}  # (name, town) -> claims, in order
    by_town: dict[str, list[_ClaimRef]] = {}
    villages: list[tuple[str, _ClaimRef]] = []
    for area, area_claims in enumerate(claims):
        for index, claim in enumerate(area_claims):
            ref = (area, index)
            same.setdefault((claim.key, claim.town), []).append(ref)
            by_town.setdefault(claim.town, []).append(ref)
            if claim.locality:
                villages.append((claim.key, ref))
    pairs: dict[tuple[int, int], set[tuple[int, int]]] = {}

    def link(one: _ClaimRef, other: _ClaimRef) -> None:
        (area, mine), (later, theirs) = (one, other) if one < other else (other, one)
        if area != later:
            pairs.setdefault((area, later), set()).add((mine, theirs))

    # A line without a town matches the same name in any town.
    anywhere = {key for key, town in same if not town}
    by_name: dict[str, list[_ClaimRef]] = {}
    for (key, town), refs in same.items():
        if key in anywhere:
            by_name.setdefault(key, []).extend(refs)
        if town:
            # One claim per name and town in an area: `refs` are of different areas, in order.
            for (area, mine), (later, theirs) in itertools.combinations(refs, 2):
                pairs.setdefault((area, later), set()).add((mine, theirs))
    for key in anywhere:
        for one in same[key, ""]:
            for other in by_name[key]:
                link(one, other)
    for key, village in villages:
        for other in by_town.get(key, ()):
            link(village, other)
    return pairs


def find_overlaps(areas: Sequence[Area]) -> list[Overlap]:
    """Every pair of areas claiming a common address (same town, or a town unknown), once per
    street and pair, with the exact numbers both claim."""
    with gc_paused():
        return _find_overlaps(areas)


def _find_overlaps(areas: Sequence[Area]) -> list[Overlap]:
    ordered = _in_order(areas)
    claims = [_claims(area) for area in ordered]
    found: list[Overlap] = []
    for (index, later), claim_pairs in sorted(_candidate_pairs(claims).items()):
        mine, theirs = claims[index], claims[later]
        found.extend(
            _pair_overlaps(
                ordered[index],
                ordered[later],
                ((mine[a], theirs[b]) for a, b in sorted(claim_pairs)),
            )
        )
    return found


# --- street index ----------------------------------------------------------------------------

_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_SORT_PREFIX_RE = re.compile(
    r"(?:(?:ul|al|pl|os)\.|(?:ul|al|pl|os|ulica|aleja|aleje|plac|osiedle|rondo)(?=\s))\s*(?=\S)",
    re.IGNORECASE,
)
_SORT_TOKEN_RE = re.compile(r"(\d+)|([^\W\d_])|([\s\-‐–—/]+)")


def _letter_rank(letter: str) -> tuple[int, int]:
    if letter in _LETTER_RANK:
        return 2, _LETTER_RANK[letter]
    base = fold_diacritics(letter)  # "é" sorts with "e"; the tie-break tells them apart
    if base in _LETTER_RANK:
        return 2, _LETTER_RANK[base]
    return 3, ord(letter)


@functools.lru_cache(maxsize=_KEY_CACHE)
def polish_sort_key(text: str) -> SortKey:
    """Polish dictionary order: a < ą < b … l < ł … z < ź < ż, case-insensitive, spaces before
    digits before letters, numbers by value, the street prefix (`ul.`, `al.`, …) ignored."""
    normal = unicodedata.normalize("NFC", " ".join(text.split()))
    normal = _SORT_PREFIX_RE.sub("", normal, count=1) if _SORT_PREFIX_RE.match(normal) else normal
    lowered = normal.casefold()
    primary: list[tuple[int, int]] = []
    for digits, letter, _space in _SORT_TOKEN_RE.findall(lowered):
        if digits:
            primary.append((1, int(digits)))
        elif letter:
            primary.append(_letter_rank(letter))
        elif primary and primary[-1] != (0, 0):
            primary.append((0, 0))
    if primary and primary[-1] == (0, 0):
        primary.pop()
    return tuple(primary), lowered, normal


def _first_number(rules: tuple[NumberRule, ...]) -> int:
    firsts = [_low(rule) for rule in rules if not rule.numbers] + [
        house.number
        for rule in rules
        for item in rule.numbers
        if (house := parse_house_number(item)) is not None
    ]
    return min(firsts, default=0)


def street_index(areas: Sequence[Area]) -> list[IndexEntry]:
    """Every street and village of every area in Polish order, then by first number and area;
    an unparsed line is listed under its own text."""
    ranked: list[tuple[tuple[SortKey, int, str, tuple[int, str]], IndexEntry]] = []
    for area in areas:
        for line in area.lines:
            coverage = line.coverage
            if coverage is None:
                name, numbers, first = line.text, "", 0
            else:
                rules = canonical_rules(coverage.rules)
                name = _display(coverage)
                whole = _whole_word(
                    coverage.kind == "locality",
                    _name_key(coverage.name),
                    (_line_town(area, line),),
                )
                numbers = format_rules(rules) or whole
                first = _first_number(rules)
            entry = IndexEntry(name, polish_sort_key(name), numbers, area)
            unit, number = area_order(area)
            ranked.append(((entry.sort_key, first, unit, number), entry))
    ranked.sort(key=lambda item: item[0])
    return [entry for _, entry in ranked]
