"""Addresses: parse what a resident types, find the areas covering it, suggest streets."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

# The module, not its names: leaflets.areas imports this package's parser, so its names do not
# exist yet while this package loads; they are looked up when a search runs.
from leaflets import areas as area_model
from leaflets.streets.index import street_sort_key
from leaflets.streets.names import covers, display_name, name_key, name_keys
from leaflets.streets.numbers import parse_house_number
from leaflets.streets.words import (
    CASE_ENDINGS,
    FLAT_WORDS,
    NUMBER_WORDS,
    ORDINAL_RE,
    SPLIT_LETTERS,
    STREET_ENDINGS,
    STREET_PREFIXES,
    STREET_PREPOSITIONS,
    TOWN_PREPOSITIONS,
)
from leaflets.text import fold, search_key

if TYPE_CHECKING:
    from leaflets.areas import Area, CoverageLine

__all__ = ["Address", "Match", "find_by_address", "parse_address", "suggest_streets"]


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


_POSTAL_RE = re.compile(r"(?<!\w)\d{2}\s?-\s?\d{3}(?!\w)")
_HOUSE_TOKEN_RE = re.compile(r"\d{1,5}[a-z]?(?:/\d{1,5}[a-z]?)?", re.IGNORECASE)


def _is_prefix(token: str) -> bool:
    return fold(token).rstrip(".") in STREET_PREFIXES


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
    if rest and len(rest[0]) == 1 and rest[0].casefold() in SPLIT_LETTERS:
        text, rest = text + rest[0], rest[1:]
    # The flat ("12 m. 3") does not change who the officer is.
    if len(rest) >= 2 and rest[0].casefold() in FLAT_WORDS and rest[1][0].isdigit():
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
    if len(tokens) > 2 and tokens[0].casefold() in STREET_PREPOSITIONS and _is_prefix(tokens[1]):
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
        if index > 0 and token[0].isdigit() and not ORDINAL_RE.fullmatch(token)
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
    if end > 1 and tokens[end - 1].casefold() in NUMBER_WORDS:
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


_KEY_CACHE = 1 << 16


@functools.lru_cache(maxsize=_KEY_CACHE)
def _typed_town(town: str) -> str:
    """The key of a town as typed in a search: `w Legnicy` -> `legnicy`."""
    words = search_key(town).split()
    if len(words) > 1 and words[0] in TOWN_PREPOSITIONS:
        words = words[1:]
    return " ".join(words)


@functools.lru_cache(maxsize=_KEY_CACHE)
def _same_town(typed: str, known: str) -> bool:
    """Whether the typed town key is the known one or one of its case forms (`legnicy` ~
    `legnica`, `krakowie` ~ `krakow`, `zielonej gorze` ~ `zielona gora`; not `chojnice` ~
    `chojnow`). Roster towns are in the nominative; people type `w Legnicy`."""
    return _inflected(typed, known, CASE_ENDINGS)


@functools.lru_cache(maxsize=_KEY_CACHE)
def _same_street(typed: str, known: str) -> bool:
    """Whether a typed street key is a case form of a roster one (`chojnowskiej` ~
    `chojnowska`, `alei roz` ~ `aleja roz`): asked only when no name matched as typed."""
    return _inflected(typed, known, STREET_ENDINGS)


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


def _without_preposition(street: str) -> str:
    """A typed street without a leading `przy`/`na`; asked only after the name as typed (a
    street may be called `Na Skarpie`)."""
    words = street.split()
    if len(words) > 1 and words[0].casefold() in STREET_PREPOSITIONS:
        return " ".join(words[1:])
    return street


def _names_match(known: str, typed: str, inflected: bool) -> bool:
    if not inflected:
        return bool(name_keys(known) & name_keys(typed))
    typed_keys = name_keys(_without_preposition(typed))
    return any(_same_street(t, k) for t in typed_keys for k in name_keys(known))


def _line_covers(area: Area, line: CoverageLine, address: Address, inflected: bool) -> bool:
    coverage = line.coverage
    if coverage is None:
        return False
    town = _typed_town(address.town)
    if coverage.kind == "locality" and town and _same_town(town, name_key(coverage.name)):
        return True  # a whole village: any street, any number in it
    # "Piłsudskiego 5" is on "al. Józefa Piłsudskiego", and "Józefa Piłsudskiego 5" on
    # "al. Piłsudskiego": the names match when a short form of one is a form of the other.
    if not _names_match(coverage.name, address.street, inflected):
        return False
    line_town = search_key(line.town or area.town)
    if town and line_town and not _same_town(town, line_town):
        return False
    # A listed building ("12") covers its flats ("12/3"): `covers` knows.
    return covers(coverage, address.number)


def find_by_address(areas: Sequence[Area], address: Address) -> list[Match]:
    """Every area covering the address (by unit and area number), with its first matching line.

    A given town must be the line's town (or the area's), also in a case form (`w Legnicy`);
    a line without a town matches any. A street is looked up as typed, and only when that
    finds nothing, as a case form of a roster name (`przy Chojnowskiej 12`).
    """
    if not name_key(address.street):
        return []
    ordered = sorted(areas, key=area_model.area_order)
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
            key, display = name_key(coverage.name), display_name(coverage)
            if key not in displays or len(display) > len(displays[key]):
                displays[key] = display  # "ul. Poznańska" over "Poznańska"
            for form in name_keys(coverage.name):
                names_of.setdefault(form, set()).add(key)
    if limit <= 0:
        return []
    for typed in dict.fromkeys((street, _without_preposition(street))):
        wanted = name_key(typed)
        if not wanted:
            continue
        close = difflib.get_close_matches(wanted, list(names_of), n=limit, cutoff=0.6)
        starts = sorted((form for form in names_of if form.startswith(wanted)), key=street_sort_key)
        found = [
            displays[key]
            for form in [*close, *starts]
            for key in sorted(
                names_of[form], key=lambda k: (k != form, street_sort_key(displays[k]))
            )
        ]
        if found:
            return list(dict.fromkeys(found))[:limit]
    return []
