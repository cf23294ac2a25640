"""Addresses: parse what a resident types, find the areas covering it, suggest streets."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

# The module, not its names: leaflets.areas imports this package's parser, so its names do not
# exist yet while this package loads; they are looked up when a search runs.
from leaflets import areas as area_model
from leaflets.streets.index import street_sort_key
from leaflets.streets.inflection import same_street, same_town, typed_town
from leaflets.streets.names import covers, display_name, name_key, name_keys, printed_numbers
from leaflets.streets.numbers import parse_house_number
from leaflets.streets.words import (
    FLAT_WORDS,
    GMINA_LEAD_RE,
    NUMBER_WORDS,
    ORDINAL_RE,
    SPLIT_LETTERS,
    STREET_PREFIXES,
    STREET_PREPOSITIONS,
)
from leaflets.text import fold, search_key

if TYPE_CHECKING:
    from leaflets.areas import Area, CoverageLine

__all__ = [
    "Address",
    "Answer",
    "Match",
    "answer_address",
    "find_by_address",
    "parse_address",
    "suggest_streets",
]


@dataclass(frozen=True)
class Address:
    """What a resident types: `ul. Chojnowska 12a, Legnica`, `Bieniowice 5`."""

    street: str
    """Street name without its prefix (`Chojnowska`), or a village name."""
    number: str
    """Normalised house number (`12a`, `12/3`); "" when not given."""
    town: str
    """Town or village as typed; "" when not given."""
    gmina: str = ""
    """The gmina, when typed (`Kunice 5, gm. Legnickie Pole`)."""


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
    # "Kunice 5, gm. Legnickie Pole": the gmina, when a resident adds it.
    gminas = [part for part in parts if GMINA_LEAD_RE.match(part)]
    if len(gminas) > 1:
        return None
    gmina = GMINA_LEAD_RE.sub("", gminas[0], count=1) if gminas else ""
    parts = [part for part in parts if part not in gminas]
    if not parts or len(parts) > 2:
        return None
    address = _street_and_town(parts)
    return replace(address, gmina=gmina) if address is not None and gmina else address


def _street_and_town(parts: list[str]) -> Address | None:
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


def _without_preposition(street: str) -> str:
    """A typed street without a leading `przy`/`na`; asked only after the name as typed (a
    street may be called `Na Skarpie`)."""
    words = street.split()
    if len(words) > 1 and words[0].casefold() in STREET_PREPOSITIONS:
        return " ".join(words[1:])
    return street


Certainty = Literal["exact", "part", "unsure"]
Reason = Literal["found", "number_not_covered", "no_such_street"]


@dataclass(frozen=True)
class Match:
    area: Area
    line: CoverageLine
    """The description line that covers the address (`line.text` is what to show)."""
    approximate: bool = False
    """The street's name matched only with a typo or a first name left out or added
    (`Kościszki` for `Kościuszki`, `Mickiewicza` for `Adama Mickiewicza`)."""

    @property
    def certainty(self) -> Certainty:
        """`part`: the street is only partly in the area, between cross streets; `unsure`: the
        line was not understood and names the street somewhere in its text."""
        if self.line.coverage is None:
            return "unsure"
        return "part" if self.line.coverage.part else "exact"


@dataclass(frozen=True)
class Answer:
    """What `find --adres` says: the areas, why none, and what else to try."""

    address: Address
    matches: tuple[Match, ...]
    reason: Reason
    message: str
    """Polish, for a person: why nothing was found, or "" when something was."""
    suggestions: tuple[str, ...]
    """Similar street and village names (`ul. Chojnowska`) when the street is not known."""


def answer_address(areas: Sequence[Area], address: Address) -> Answer:
    """The areas covering the address, or why none does: the street is known but not that
    number (with the parts that are), or the street is not known (with similar names)."""
    matches = tuple(find_by_address(areas, address))
    if matches:
        return Answer(address, matches, "found", "", ())
    known = _known_parts(areas, address)
    if known:
        parts = "; ".join(f"rejon {area.number} — {numbers}" for area, numbers, _ in known)
        message = (
            f"{known[0][2]} jest w wykazie, ale numer {address.number} nie należy do "
            f"żadnego rejonu: {parts}"
        )
        return Answer(address, (), "number_not_covered", message, ())
    suggestions = tuple(suggest_streets(areas, address.street))
    message = f"Nie ma w wykazie ulicy ani miejscowości „{address.street}”."
    return Answer(address, (), "no_such_street", message, suggestions)


def _known_parts(areas: Sequence[Area], address: Address) -> list[tuple[Area, str, str]]:
    """(area, its numbers, the street's name) for every area listing the typed street in the
    typed town, when the address has a number none of them covers."""
    if not address.number:
        return []
    any_number = Address(address.street, "", address.town, address.gmina)
    found = []
    for match in find_by_address(areas, any_number):
        coverage = match.line.coverage
        if coverage is not None and coverage.kind == "street" and not match.approximate:
            numbers = printed_numbers(coverage) or "cała ulica"
            found.append((match.area, numbers, display_name(coverage)))
    return found


_AS_TYPED, _INFLECTED, _TYPO = range(3)
"""How a typed name may match a roster name, tried in this order: as typed, also by a short
form (`Piłsudskiego` on `al. Józefa Piłsudskiego`), as a case form (`przy Chojnowskiej`),
with a typo (`Kościszki`)."""


def _names_match(known: str, typed: str, how: int) -> bool | None:
    """None: no match; True: an approximate one (a short form, a typo); False: exact."""
    if how == _AS_TYPED:
        if name_key(typed) in name_keys(known) - _first_name_forms(known):
            return False
        return True if name_keys(known) & name_keys(typed) else None
    typed_keys = name_keys(_without_preposition(typed))
    if how == _INFLECTED:
        return (
            False if any(same_street(t, k) for t in typed_keys for k in name_keys(known)) else None
        )
    return True if any(_typo(t, k) for t in typed_keys for k in name_keys(known)) else None


def _first_name_forms(name: str) -> frozenset[str]:
    """The short forms a name has by leaving out a first name or a title (an exact match of
    one of them is approximate: `Mickiewicza` is not said to be `Adama Mickiewicza`)."""
    return name_keys(name) - {name_key(name)}


@functools.lru_cache(maxsize=1 << 16)
def _typo(typed: str, known: str) -> bool:
    """One letter wrong, missing or extra in a name of at least 8 letters, two in one of at
    least 12 (`kosciszki` ~ `kosciuszki`): a typo in the search or in the roster. Shorter names
    are too often other streets one letter away (`Lisowa`, `Lipowa`)."""
    if typed == known or min(len(typed), len(known)) < 8 or typed[0] != known[0]:
        return False
    allowed = 2 if min(len(typed), len(known)) >= 12 else 1
    return bool(Levenshtein.distance(typed, known, score_cutoff=allowed) <= allowed)


def _line_match(area: Area, line: CoverageLine, address: Address, how: int) -> Match | None:
    coverage = line.coverage
    if coverage is None:
        return None
    town = typed_town(address.town)
    line_town = search_key(coverage.town or line.town or area.town)
    if coverage.kind in ("locality", "gmina") and how == _AS_TYPED:
        place = name_key(coverage.name)
        if town and same_town(town, place):
            return Match(area, line)  # a whole village, or a gmina's seat: any street in it
        if coverage.kind == "gmina" and same_town(typed_town(address.gmina), place):
            return Match(area, line)  # "Kunice 5, gm. Legnickie Pole": the roster names it
        if coverage.kind == "gmina" and not town and name_key(address.street) == place:
            return Match(area, line)  # "Suchy Dąb 5": the seat, addressed like a village
    if coverage.kind == "gmina":
        return None
    # "Piłsudskiego 5" is on "al. Józefa Piłsudskiego", and "Józefa Piłsudskiego 5" on
    # "al. Piłsudskiego": the names match when a short form of one is a form of the other.
    approximate = _names_match(coverage.name, address.street, how)
    if approximate is None or (town and line_town and not same_town(town, line_town)):
        return None
    # A listed building ("12") covers its flats ("12/3"): `covers` knows.
    return Match(area, line, approximate) if covers(coverage, address.number) else None


def _verbatim_names(area: Area, line: CoverageLine, address: Address) -> bool:
    """A line kept verbatim that names the typed street (`Bogucką (lewa strona za "czwórką")`
    names Bogucka): the answer says the description was not fully understood."""
    key = name_key(address.street)
    if line.coverage is not None or len(key) < 4:
        return False
    town = typed_town(address.town)
    line_town = search_key(line.town or area.town)
    if town and line_town and not same_town(town, line_town):
        return False
    return f" {key} " in f" {search_key(line.text)} "


def find_by_address(areas: Sequence[Area], address: Address) -> list[Match]:
    """Every area covering the address (by unit and area number), with its first matching line.

    A given town must be the line's town (or the area's), also in a case form (`w Legnicy`);
    a line without a town matches any. A street is looked up as typed, and only when that
    finds nothing, as a case form of a roster name (`przy Chojnowskiej 12`),
    with a typo (marked approximate), and last in the lines kept verbatim.
    """
    if not name_key(address.street):
        return []
    ordered = sorted(areas, key=area_model.area_order)
    for how in (_AS_TYPED, _INFLECTED, _TYPO):
        found = []
        for area in ordered:
            matches = (_line_match(area, line, address, how) for line in area.lines)
            match = next((match for match in matches if match is not None), None)
            if match is not None:
                found.append(match)
        if found:
            return found
    unsure = []
    for area in ordered:
        line = next((line for line in area.lines if _verbatim_names(area, line, address)), None)
        if line is not None:
            unsure.append(Match(area, line))
    return unsure


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
        # Really similar only: 70 % of the letters in common (`zlotorijska` ~ `zlotoryjska`).
        close = [
            form
            for form, _score, _index in process.extract(
                wanted, list(names_of), scorer=fuzz.ratio, limit=limit, score_cutoff=70
            )
        ]
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
