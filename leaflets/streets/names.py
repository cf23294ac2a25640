"""Street and village names: keys, aliases, segment and description parsing, printing."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Literal

from leaflets.streets.numbers import (
    NumberRule,
    canonical_rules,
    format_rules,
    parse_numbers,
    rules_cover,
    word_key,
)
from leaflets.streets.words import (
    BARE_STOPWORDS,
    CONJUNCTION_SPLIT_RE,
    CONNECTORS,
    DOT_REQUIRED,
    LOCALITY_LEADS,
    LOWER_NAME_STOPS,
    NAME_LEADS,
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
    "ParsedDescription",
    "covers",
    "display_name",
    "format_coverage",
    "name_key",
    "name_keys",
    "parse_description",
    "parse_segment",
    "place_key",
    "split_segments",
    "street_aliases",
    "street_key",
]


@dataclass(frozen=True)
class Coverage:
    kind: Literal["street", "locality"]
    prefix: str
    name: str
    rules: tuple[NumberRule, ...]
    source: str


@dataclass(frozen=True)
class ParsedDescription:
    items: tuple[Coverage, ...]
    unparsed: tuple[str, ...]


_LEAD_RE = re.compile(r"([^\W\d_]+)(\.?)(:?)(\s*)")
_NAME_TOKEN_RE = re.compile(r"[^\s,:;]+|[,:;]")
_SEPARATOR_RE = re.compile(r"\s*(?:[,:]|[-–—](?=\s))\s*")
_BULLET_RE = re.compile(r"^[-–—•*·]\s+")
_QUOTES_RE = re.compile('["„”“«»]')
_NUMBERED_NAME_RE = re.compile(r"\d+\s+([^\W\d_]{2,})")  # ", 3 Maja" starts a new street
# Where `_split_line` has to look: brackets, separators and the whitespace before a conjunction
# (a zero-width match, so that `CONJUNCTION_SPLIT_RE` still decides at that very position).
_SPLIT_POINT_RE = re.compile(r"[()\[\];,]|(?=" + CONJUNCTION_SPLIT_RE.pattern + ")", re.IGNORECASE)

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
    `pilsudskiego`."""
    return frozenset(search_key(alias) for alias in _street_aliases(name))


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
    """The name as printed, with its street type: `ul. Chojnowska`, `Bieniowice`."""
    if coverage.kind == "street" and coverage.prefix:
        return f"{coverage.prefix} {coverage.name}"
    return coverage.name


def _is_capitalised(token: str) -> bool:
    body = token.removesuffix(".")
    return (
        bool(body)
        and body[0].isupper()
        and body[0].isalpha()
        and not body.endswith("-")
        and all(ch.isalpha() or ch in "-'’" for ch in body)
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
        return name_follows
    if word_key(token) in SPEC_WORDS:
        # "ul. Do Studzienki" is a name; "ul. Wodzisławska do 70" is not.
        return token[0].isupper() and _is_name_word(following, lower=False)
    if _is_capitalised(token):
        return not token.endswith(".") or name_follows
    if ORDINAL_RE.fullmatch(token):
        return True
    if token.isdigit():
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


Role = Literal["street", "locality", "bare", "bare_street"]


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _parse(segment: str) -> tuple[Coverage, Role] | None:
    source = segment.strip()
    work = _BULLET_RE.sub("", _QUOTES_RE.sub("", source), count=1)
    work = " ".join(work.split()).rstrip(" .,;:")
    head, inner = work, None
    if "(" in work or ")" in work or "[" in work or "]" in work:
        if not work.endswith(")") or work.count("(") != 1 or work.count(")") != 1:
            return None
        if "[" in work or "]" in work:
            return None
        head, inner = work[: work.index("(")].rstrip(), work[work.index("(") + 1 : -1].strip()
        if not inner:
            return None
    role: Role
    prefix = ""
    street = _strip_street_type(head)
    locality = None if street else _strip_locality_lead(head)
    if street:
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
        word_key(first) in BARE_STOPWORDS or not (first[0].isupper() or first[0].isdigit())
    ):
        return None
    if role == "locality" and not first[0].isalpha():
        return None
    separator = _SEPARATOR_RE.match(rest)
    rest = rest[separator.end() if separator else 0 :].strip()
    if inner is not None and rest:
        return None
    spec = inner if inner is not None else rest
    rules = parse_numbers(spec)
    if rules is None or (role == "locality" and rules):
        # Numbered houses in a village: printed back, it would read as a prefix-less street.
        return None
    if role == "bare" and spec:
        role = "bare_street"
    kind: Literal["street", "locality"] = "locality" if role in ("locality", "bare") else "street"
    return Coverage(kind, prefix, " ".join(names), rules, source), role


def parse_segment(segment: str) -> Coverage | None:
    """One street or village; a lone name without numbers is a village (None = not understood)."""
    parsed = _parse(segment)
    if parsed is None:
        return None
    coverage, role = parsed
    if role == "bare" and not coverage.name[0].isalpha():
        return None  # "3 Maja" alone is a street name, but of which kind of street?
    return coverage


def _starts_new_item(rest: str) -> bool:
    text = rest.lstrip()
    if not text:
        return True
    if text[0].isdigit():
        match = _NUMBERED_NAME_RE.match(text)
        return (
            match is not None
            and match.group(1)[0].isupper()
            and word_key(match.group(1)) not in SPEC_WORDS
        )
    word = _LEAD_RE.match(text)
    return word is not None and word_key(word.group(1)) not in SPEC_WORDS


def _split_line(line: str) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    depth = 0
    start = 0
    # Only brackets, separators and a conjunction's whitespace matter: skip everything else.
    for point in _SPLIT_POINT_RE.finditer(line):
        index = point.start()
        char = line[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif depth:
            continue
        elif char == ";":
            chunks[-1].append(line[start:index])
            chunks.append([])
            start = index + 1
        elif char == "," and _starts_new_item(line[index + 1 :]):
            chunks[-1].append(line[start:index])
            start = index + 1
        elif char.isspace() and (conjunction := CONJUNCTION_SPLIT_RE.match(line, index)):
            chunks[-1].append(line[start:index])
            start = conjunction.end()
    chunks[-1].append(line[start:])
    return chunks


def _chunks(text: str) -> list[list[str]]:
    """Segments grouped by `;` / line: a street prefix carries over commas, never further."""
    grouped: list[list[str]] = []
    for line in text.splitlines():
        for chunk in _split_line(line):
            pieces = [piece.strip() for piece in chunk if piece.strip()]
            if pieces:
                grouped.append(pieces)
    return grouped


def split_segments(text: str) -> list[str]:
    """Split on `;`, line breaks and commas that start a new street or village, verbatim."""
    return [segment for chunk in _chunks(text) for segment in chunk]


@functools.lru_cache(maxsize=_WORD_CACHE)
def parse_description(text: str) -> ParsedDescription:
    """Whole `ulice` cell; in `ul. Polna, Leśna, Łąkowa` the prefix applies to every name."""
    items: list[Coverage] = []
    unparsed: list[str] = []
    for chunk in _chunks(text):
        inherited: str | None = None
        for segment in chunk:
            parsed = _parse(segment)
            if parsed is None:
                unparsed.append(segment)
                continue
            coverage, role = parsed
            if role in ("bare", "bare_street") and inherited is not None:
                coverage = replace(coverage, kind="street", prefix=inherited)
            elif role == "bare" and not coverage.name[0].isalpha():
                unparsed.append(segment)
                continue
            elif role == "street":
                inherited = coverage.prefix
            elif role == "locality":
                inherited = None
            items.append(coverage)
    return ParsedDescription(tuple(items), tuple(unparsed))


def covers(coverage: Coverage, house_number: str | None) -> bool:
    """Does the area include this address? Ranges and parity use the integer part of `12a`;
    a listed building (`12`, `12a`) covers its flats (`12/3`, `12a/3`), not other buildings."""
    return rules_cover(coverage.rules, house_number)


def format_coverage(coverage: Coverage, words: NumberWords = POLISH) -> str:
    """Canonical printed form, in the edition's `words`:
    `ul. Wodzisławska (parzyste 34–152, nieparzyste 85–105)`."""
    head = display_name(coverage)
    numbers = _printed_numbers(coverage.rules, words)
    if not numbers:
        # A prefix-less street needs a marker, or reading it back would make it a village.
        if coverage.kind == "locality" or coverage.prefix:
            return head
        return f"{head} ({words.whole})"
    return head + numbers


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _printed_numbers(rules: tuple[NumberRule, ...], words: NumberWords) -> str:
    """What `format_coverage` puts after the name: ` 3, 5, 7a` (a list alone),
    ` (parzyste 34–152, nieparzyste 85–105)`, or "" for the whole street or village."""
    rules = canonical_rules(rules)
    if not rules:
        return ""
    if len(rules) == 1 and rules[0].numbers:
        return f" {format_rules(rules, words)}"
    return f" ({format_rules(rules, words)})"
