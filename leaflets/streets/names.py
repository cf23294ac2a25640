"""Street and village names: keys, aliases, one segment's parsing, the printed form."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from leaflets.streets.inflection import nominative, normal_case, normal_spacing
from leaflets.streets.numbers import (
    NumberRule,
    canonical_rules,
    format_rules,
    rules_cover,
    word_key,
)
from leaflets.streets.specs import parse_spec
from leaflets.streets.words import (
    ABBREVIATIONS,
    BARE_STOPWORDS,
    CONNECTORS,
    DOT_REQUIRED,
    GMINA_LEAD_RE,
    LOCALITY_LEADS,
    LOWER_NAME_STOPS,
    MONTHS,
    NAME_LEADS,
    NUMERAL_NAMES,
    ORDINAL_RE,
    PLACE_OF_PRINTED,
    POLISH,
    ROMAN_NUMERALS,
    SPEC_WORDS,
    STREET_PREFIXES,
    TITLES,
    NumberWords,
)
from leaflets.text import fold, search_key

__all__ = [
    "Coverage",
    "Kind",
    "Role",
    "covers",
    "display_name",
    "format_coverage",
    "name_key",
    "name_keys",
    "parse_item",
    "parse_segment",
    "place_key",
    "printed_numbers",
    "street_aliases",
    "street_key",
]


Kind = Literal["street", "locality", "gmina"]
"""A street (any street type), a village or town, or a whole gmina (its seat and villages)."""


@dataclass(frozen=True)
class Coverage:
    """One street or village of an area, as the description says it."""

    kind: Kind
    prefix: str
    name: str
    rules: tuple[NumberRule, ...]
    """() = every number (of what `part` leaves)."""
    source: str
    excluded: tuple[NumberRule, ...] = ()
    """Numbers the description leaves out: `oprócz nr 3, 4a`."""
    part: str = ""
    """`od ul. Mickiewicza do ul. Kościuszki`: only part of the street, between boundaries no
    house number gives; an address on it may or may not be in the area."""
    town: str = ""
    """The town the description names for it (`Brzeg, ul. Lipowa`), else the roster's."""


_GLUED_PREFIX_RE = re.compile(r"\w-(?:ul|al|pl|os)\.")
_LEAD_RE = re.compile(r"([^\W\d_]+)(\.?)(:?)(\s*)")
_NAME_TOKEN_RE = re.compile(r"[^\s,:;]+|[,:;]")
_SEPARATOR_RE = re.compile(r"\s*(?:[,:]|[-–—](?=\s))\s*")
_BULLET_RE = re.compile(r"^[-–—•*·]\s+")
_QUOTES_RE = re.compile('["„”“«»]')

# Pure functions of strings, asked for the same names again and again: cached.
_WORD_CACHE = 1 << 16
_TEXT_CACHE = 1 << 17


@functools.lru_cache(maxsize=_WORD_CACHE)
def street_key(name: str) -> str:
    """Matching key: `ul. Jana  Pawła-II` -> `jana pawła ii` (Polish letters kept)."""
    words = "".join(ch if ch.isalnum() else " " for ch in name.casefold()).split()
    while len(words) > 1 and fold(words[0]) in STREET_PREFIXES:
        words.pop(0)
    return " ".join(words)


def street_aliases(name: str) -> set[str]:
    """`al. Józefa Piłsudskiego` -> {`józefa piłsudskiego`, `piłsudskiego`}: the `street_key`,
    and the keys left after dropping leading first names and titles (`ks.`, `gen.`, `Jana`,
    `Marszałka`, …) one by one, with a ruler's numeral after them (`Jana III Sobieskiego` ->
    `sobieskiego`). A name is never shortened to nothing or to digits only."""
    return set(_street_aliases(name))


@functools.lru_cache(maxsize=_WORD_CACHE)
def _street_aliases(name: str) -> frozenset[str]:
    key = street_key(name)
    aliases = {key}
    words = key.split()
    while len(words) >= 2 and fold(words[0]) in NAME_LEADS:
        rest = words[1:]
        if len(rest) >= 2 and rest[0].upper() in ROMAN_NUMERALS:
            rest = rest[1:]
        if not any(ch.isalpha() for ch in "".join(rest)):
            break
        words = rest
        aliases.add(" ".join(words))
    return frozenset(aliases)


@functools.lru_cache(maxsize=_WORD_CACHE)
def name_key(name: str) -> str:
    """The folded `street_key`: what a typed name and a roster name are compared by."""
    return search_key(street_key(name))


@functools.lru_cache(maxsize=_WORD_CACHE)
def name_keys(name: str) -> frozenset[str]:
    """`name_key` of the full name and of its short forms: `Józefa Piłsudskiego` is also
    `pilsudskiego`; `AK` is `armii krajowej`, `os. 700-lecia` is `siedemsetlecia`."""
    keys = {search_key(alias) for alias in _street_aliases(name)}
    for key in list(keys):
        if key in _ABBREVIATIONS:
            keys.add(_ABBREVIATIONS[key])
        for digits, words in _NUMERALS.items():
            if digits in f" {key} ":
                keys.add(f" {key} ".replace(digits, f" {words} ").strip())
    return frozenset(keys)


_ABBREVIATIONS = {search_key(short): search_key(full) for short, full in ABBREVIATIONS.items()}
_NUMERALS = {f" {search_key(digits)} ": words for digits, words in NUMERAL_NAMES.items()}


@functools.lru_cache(maxsize=_WORD_CACHE)
def place_key(coverage: Coverage) -> str:
    """One key per place: the shortest of `name_keys` (`al. Józefa Piłsudskiego` and
    `ul. Piłsudskiego` are one street), after the kind of place for squares, estates and
    roundabouts (`pl. Kopernika` is not `ul. Kopernika`); a village by its name."""
    if coverage.kind == "locality":
        return name_key(coverage.name)
    short = min(name_keys(coverage.name), key=lambda key: (len(key), key))
    place = PLACE_OF_PRINTED.get(coverage.prefix, "street")
    return short if place == "street" else f"{place} {short}"


def display_name(coverage: Coverage) -> str:
    """The name as printed, with its street type: `ul. Chojnowska`, `Bieniowice`,
    `gmina Suchy Dąb`."""
    if coverage.kind == "street" and coverage.prefix:
        return f"{coverage.prefix} {coverage.name}"
    if coverage.kind == "gmina":
        return f"gmina {coverage.name}"
    return coverage.name


CODE_NAME_RE = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ]{2,4}-\d{1,3}")
"""`PU-1`, `DK-81`: a place a unit names by its code."""


def _is_capitalised(token: str) -> bool:
    body = token.removesuffix(".")
    if not body or not body[0].isupper():
        return False
    if CODE_NAME_RE.fullmatch(body):
        return True
    return (
        body[0].isalpha()
        and not body.endswith("-")
        and body.replace("-", "").replace("'", "").replace("’", "").isalpha()
    )


def _is_lower_word(token: str) -> bool:
    """`armii`, `curie-skłodowskiej`: a plain word typed in lower case (no dot, no digits)."""
    return (
        token[0].islower()
        and not token.endswith("-")
        and all(ch.isalpha() or ch in "-'’" for ch in token)
    )


@functools.lru_cache(maxsize=_WORD_CACHE)
def _is_name_word(token: str | None, lower: bool) -> bool:
    """A word that can carry a name on: capitalised, or (in a lower-case name) any plain word."""
    if token is None or word_key(token) in SPEC_WORDS:
        return False
    if _is_capitalised(token):
        return True
    return lower and _is_lower_word(token) and word_key(token) not in LOWER_NAME_STOPS


def _is_name_token(token: str, previous: str | None, following: str | None, lower: bool) -> bool:
    """Does `token` continue a street name? `lower`: the name is typed in lower case after a
    street prefix ("ul. armii krajowej"), so plain lower-case words count as name words."""
    name_follows = _is_name_word(following, lower)
    if (
        token in ROMAN_NUMERALS
        and previous is not None
        and not previous.endswith(".")
        and _is_name_word(previous, lower)
    ):
        return True  # "Mieszka I", "Jana Pawła II": after a name word "I" is not "and"
    lowered = token.casefold()
    if lowered in CONNECTORS or lowered in TITLES:
        # "ks. bp Alojzego Orszulika": a title before another title still leads the name.
        return name_follows or (following is not None and following.casefold() in TITLES)
    if word_key(token) in SPEC_WORDS:
        # "ul. Do Studzienki" is a name; "ul. Wodzisławska do 70" is not.
        return token[0].isupper() and _is_name_word(following, lower=False)
    if _is_capitalised(token):
        return not token.endswith(".") or name_follows
    if ORDINAL_RE.fullmatch(token):
        return True
    if previous is not None and previous.isdigit() and fold(token) in MONTHS:
        return True  # "17 sierpnia": a date names a street, in any case
    if token.isdigit():
        if previous is None and following is not None and fold(following) in MONTHS:
            return True
        # "ul. 3 Maja" but not "ul. Chojnowska 12 A"; lower case only first: "ul. 3 maja".
        return (
            name_follows
            and following is not None
            and len(following) > 1
            and (_is_capitalised(following) or previous is None)
        )
    return lower and _is_name_word(token, lower)


def _is_lower_name(tokens: list[str]) -> bool:
    """Is the name typed in lower case? Judged by its first word that is not a title, connector
    or number: "ul. ks. józefa", "ul. 3 maja" are; "ul. ks. Józefa" is not."""
    for token in tokens:
        lowered = token.casefold()
        if lowered in TITLES or lowered in CONNECTORS or token.isdigit():
            continue
        return token[0].islower()
    return False


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _scan_name(text: str, after_prefix: bool = False) -> tuple[tuple[str, ...], str]:
    tokens = [(m.group(), m.start()) for m in _NAME_TOKEN_RE.finditer(text)]
    lower = after_prefix and _is_lower_name([token for token, _ in tokens])
    names: list[str] = []
    for index, (token, start) in enumerate(tokens):
        following = tokens[index + 1][0] if index + 1 < len(tokens) else None
        previous = names[-1] if names else None
        if not _is_name_token(token, previous, following, lower):
            return tuple(names), text[start:]
        names.append(token)
    return tuple(names), ""


def _strip_street_type(text: str) -> tuple[str, str] | None:
    """`ul. Polna 3` -> (`ul.`, `Polna 3`); `Aleje Jerozolimskie` -> (`al.`, `Jerozolimskie`)."""
    lead = _lead(text)
    if lead is None or lead[0] not in STREET_PREFIXES:
        return None
    return STREET_PREFIXES[lead[0]].printed, lead[1]


def _strip_locality_lead(text: str) -> str | None:
    """`wieś Kunice` -> `Kunice`; `m. Legnica` -> `Legnica`."""
    lead = _lead(text)
    if lead is None or lead[0] not in LOCALITY_LEADS:
        return None
    return lead[1]


def _lead(text: str) -> tuple[str, str] | None:
    """The first word (folded) and the rest, when the word ends in a dot, colon or space."""
    match = _LEAD_RE.match(text)
    if match is None:
        return None
    word, dot, colon, space = match.groups()
    key = fold(word)
    if not (dot or colon or space) or (key in DOT_REQUIRED and not dot):
        return None
    return key, text[match.end() :]


Role = Literal["street", "locality", "gmina", "bare", "bare_street"]


@functools.lru_cache(maxsize=_TEXT_CACHE)
def parse_item(segment: str) -> tuple[Coverage, Role, tuple[str, ...]] | None:
    source = segment.strip()
    work = _BULLET_RE.sub("", _QUOTES_RE.sub("", source), count=1)
    work = normal_spacing(" ".join(work.split()).strip(" .,;:"))
    head, bracketed = work, ""
    if "[" in work or "]" in work or _GLUED_PREFIX_RE.search(work):
        return None  # "Sołectwo Dubiny-ul. Szkolna": a village and its street, run together
    if "(" in work or ")" in work:
        # "od nr 7 do nr 45( nieparzyste)", "Wojska Polskiego (strona parzysta) 2-20": what the
        # brackets hold belongs to the numbers, wherever they stand after the name.
        if not _balanced(work):
            return None
        cut = work.index("(")
        head = work[:cut].rstrip()
        bracketed = " ".join(work[cut:].replace("(", " ").replace(")", " ").split())
        if not bracketed:
            return None
    role: Role
    prefix = ""
    gmina = GMINA_LEAD_RE.match(head)
    street = None if gmina else _strip_street_type(head)
    locality = None if street or gmina else _strip_locality_lead(head)
    if gmina:
        body, role = head[gmina.end() :], "gmina"
    elif street:
        (prefix, body), role = street, "street"
    elif locality is not None:
        body, role = locality, "locality"
    else:
        body, role = head, "bare"
    names, rest = _scan_name(body, after_prefix=role == "street")
    if not names:
        return None
    first = names[0]
    if role != "street" and (
        word_key(first) in BARE_STOPWORDS
        or not (first[0].isupper() or first[0].isdigit() or first.casefold() in TITLES)
    ):
        return None
    if role in ("locality", "gmina") and not first[0].isalpha():
        return None
    names = nominative(normal_case(names, work))
    separator = _SEPARATOR_RE.match(rest)
    rest = rest[separator.end() if separator else 0 :].strip()
    text = " ".join(part for part in (rest, bracketed) if part)
    spec = parse_spec(text, street=role not in ("locality", "gmina") and prefix != "os.")
    if spec is None or (role in ("locality", "gmina") and (spec.rules or spec.excluded)):
        # Numbered houses in a village: printed back, it would read as a prefix-less street.
        return None
    if role == "bare" and (text or not first[0].isalpha() or first.casefold() in TITLES):
        # "Chojnowska 12-30", "3 Maja", "św. Jana": a village has no numbers, digits or titles.
        role = "bare_street"
    kind: Kind = "locality" if role in ("locality", "bare") else "street"
    if role == "gmina":
        kind = "gmina"
    name = " ".join(names)
    coverage = Coverage(kind, prefix, name, spec.rules, source, spec.excluded, spec.part)
    notes = []
    if spec.sides:
        notes.append(
            f"„{source}”: dwa zakresy bez słowa parzyste/nieparzyste odczytano jako dwie "
            f"strony ulicy — {format_rules(spec.rules)}"
        )
    if spec.within:
        notes.append(f"„{source}”: pominięto „{spec.within}” — to opis położenia, nie numery")
    if spec.part:
        notes.append(
            f"„{source}”: granicą jest ulica poprzeczna, a nie numer — adres przy tej ulicy "
            "wyszukiwarka pokaże jako „część ulicy”; dopisz numery, jeśli je znasz"
        )
    return coverage, role, tuple(notes)


_NOT_BRACKETS_RE = re.compile(r"[^()]+")


def _balanced(text: str) -> bool:
    depth = 0
    for char in _NOT_BRACKETS_RE.sub("", text):
        depth += (char == "(") - (char == ")")
        if depth not in (0, 1):
            return False
    return depth == 0


def parse_segment(segment: str) -> Coverage | None:
    """One street or village; a lone name without numbers is a village (None = not understood)."""
    parsed = parse_item(segment)
    if parsed is None:
        return None
    coverage, role, _ = parsed
    if role == "bare" and not coverage.name[0].isalpha():
        return None  # "3 Maja" alone is a street name, but of which kind of street?
    return coverage


def covers(coverage: Coverage, house_number: str | None) -> bool:
    """Does the area include this address? Ranges and parity use the integer part of `12a`;
    a listed building (`12`, `12a`) covers its flats (`12/3`, `12a/3`), not other buildings;
    an excluded number is not covered. For a street only `part`ly in the area: may it be?"""
    if not rules_cover(coverage.rules, house_number):
        return False
    if coverage.excluded and house_number and house_number.strip():
        return not rules_cover(coverage.excluded, house_number)
    return True


def printed_numbers(coverage: Coverage, words: NumberWords = POLISH) -> str:
    """The numbers part alone, for the street index and answers: `parzyste 72–152`,
    `od ul. Mickiewicza do ul. Kościuszki`, `1–20, oprócz 7`; "" for the whole of it."""
    text = _printed_numbers(coverage.rules, coverage.excluded, coverage.part, words).strip()
    return text[1:-1] if text.startswith("(") and text.endswith(")") else text


def format_coverage(coverage: Coverage, words: NumberWords = POLISH) -> str:
    """Canonical printed form, in the edition's `words`:
    `ul. Wodzisławska (parzyste 34–152, nieparzyste 85–105)`, `ul. Polna (oprócz 3, 4a)`."""
    head = display_name(coverage)
    numbers = _printed_numbers(coverage.rules, coverage.excluded, coverage.part, words)
    if not numbers:
        # A prefix-less street needs a marker, or reading it back would make it a village.
        if coverage.kind != "street" or coverage.prefix:
            return head
        return f"{head} ({words.whole})"
    return head + numbers


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _printed_numbers(
    rules: tuple[NumberRule, ...],
    excluded: tuple[NumberRule, ...],
    part: str,
    words: NumberWords,
) -> str:
    """What `format_coverage` puts after the name: ` 3, 5, 7a` (a list alone),
    ` (parzyste 34–152, nieparzyste 85–105)`, or "" for the whole street or village."""
    rules = canonical_rules(rules)
    # A boundary text says the numbers it knows itself ("od Kolejowej do numeru 40").
    inner = part or format_rules(rules, words)
    if excluded:
        inner = ", ".join(
            p for p in (inner, f"{words.without} {format_rules(excluded, words)}") if p
        )
    if not inner:
        return ""
    if len(rules) == 1 and rules[0].numbers and not excluded and not part:
        return f" {inner}"
    return f" ({inner})"
