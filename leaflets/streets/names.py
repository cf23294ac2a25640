"""Street and village names: keys, aliases, segment and description parsing, printing."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Literal

from leaflets.streets.inflection import nominative_word
from leaflets.streets.numbers import (
    NumberRule,
    canonical_rules,
    format_rules,
    parse_spec,
    rules_cover,
    word_key,
)
from leaflets.streets.words import (
    BARE_STOPWORDS,
    CONJUNCTION_SPLIT_RE,
    CONNECTORS,
    DOCUMENT_WORDS,
    DOT_REQUIRED,
    GLUED_HEADING_RE,
    GMINA_LEAD_RE,
    HEADINGS,
    LEAD_WORDS_RE,
    LOCALITY_LEADS,
    LOWER_NAME_STOPS,
    MONTHS,
    NAME_LEADS,
    ORDINAL_RE,
    PLACE_NOUNS,
    PLACE_OF_PRINTED,
    POLISH,
    PREPOSITIONS,
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


@dataclass(frozen=True)
class ParsedDescription:
    items: tuple[Coverage, ...]
    unparsed: tuple[str, ...]
    notes: tuple[str, ...] = ()
    """How a segment was read where a reader may read it otherwise (Polish, for `check`)."""
    headings: tuple[str, ...] = ()
    """Segments read as headings of the items after them (`Wsie:`, `Brzeg` before its streets)."""


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
    """The name as printed, with its street type: `ul. Chojnowska`, `Bieniowice`,
    `gmina Suchy Dąb`."""
    if coverage.kind == "street" and coverage.prefix:
        return f"{coverage.prefix} {coverage.name}"
    if coverage.kind == "gmina":
        return f"gmina {coverage.name}"
    return coverage.name


_CODE_NAME_RE = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ]{2,4}-\d{1,3}")
"""`PU-1`, `DK-81`: a place a unit names by its code."""


def _is_capitalised(token: str) -> bool:
    body = token.removesuffix(".")
    if _CODE_NAME_RE.fullmatch(body):
        return True
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
def _parse(segment: str) -> tuple[Coverage, Role, tuple[str, ...]] | None:
    source = segment.strip()
    work = _BULLET_RE.sub("", _QUOTES_RE.sub("", source), count=1)
    work = _normal_spacing(" ".join(work.split()).strip(" .,;:"))
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
    names = _nominative(_normal_case(names, work))
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


_GLUED_PREFIX_RE = re.compile(r"\w-(?:ul|al|pl|os)\.")
_TITLE_GLUED_RE = re.compile(r"(?<![\w.])([^\W\d_]{1,4}\.)(?=[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż])")
_CAMEL_RE = re.compile(r"(?<=[a-ząćęłńóśźż]{2})(?=[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż])")
_SPACED_HYPHEN_RE = re.compile(
    r"(?<=[a-ząćęłńóśźż]{2}) ?[-–] ?(?=[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż])|(?<=\d) ?- ?(?=lec)"
)
_ANNIVERSARY_RE = re.compile(r"(?<=\d) (?=[Ll]eci[ae]\b)")  # "os. 700 Lecia" = "os. 700-lecia"


def _normal_spacing(text: str) -> str:
    """`ArmiiKrajowej` -> `Armii Krajowej` (a space lost in copying), `Curie - Skłodowskiej`
    -> `Curie-Skłodowskiej`, `700 - lecia` -> `700-lecia`."""
    text = _TITLE_GLUED_RE.sub(r"\1 ", text)  # "Ks.Józefa Szafranka", "Al.Niepodległości"
    text = _ANNIVERSARY_RE.sub("-", text).replace("-Lecia", "-lecia")
    return _SPACED_HYPHEN_RE.sub("-", _CAMEL_RE.sub(" ", text))


def _normal_case(names: tuple[str, ...], segment: str) -> tuple[str, ...]:
    """A segment typed in CAPITALS (`UL. KOŁOBRZESKA`) is printed in normal case; a name's
    own capitals in normal text stay (`rondo ONZ`, `ul. Bolesława III`)."""
    letters = [ch for ch in segment if ch.isalpha()]
    if len(letters) < 4 or not all(ch.isupper() for ch in letters):
        return names
    normal = []
    for index, token in enumerate(names):
        if index and token in ROMAN_NUMERALS:
            normal.append(token)
        elif token.casefold() in CONNECTORS or token.casefold() in TITLES:
            normal.append(token.casefold() if index else token.capitalize())
        else:
            normal.append("-".join(part.capitalize() for part in token.split("-")))
    return tuple(normal)


def _nominative(names: tuple[str, ...]) -> tuple[str, ...]:
    """`Klonową`, `Aleję Wojska Polskiego`: names listed after "obejmuje" or a heading in the
    accusative, printed and found in the nominative; a word after a preposition keeps its
    case (`Pod Lipą`)."""
    result: list[str] = []
    for index, token in enumerate(names):
        after_connector = index > 0 and fold(names[index - 1]) in PREPOSITIONS
        result.append(token if after_connector else nominative_word(token))
    return tuple(result)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth not in (0, 1):
            return False
    return depth == 0


def parse_segment(segment: str) -> Coverage | None:
    """One street or village; a lone name without numbers is a village (None = not understood)."""
    parsed = _parse(segment)
    if parsed is None:
        return None
    coverage, role, _ = parsed
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
    for line in GLUED_HEADING_RE.sub(", ", text).splitlines():
        for chunk in _split_line(line):
            pieces = [piece.strip() for piece in chunk if piece.strip()]
            if pieces:
                grouped.append(pieces)
    return grouped


def split_segments(text: str) -> list[str]:
    """Split on `;`, line breaks and commas that start a new street or village, verbatim."""
    return [segment for chunk in _chunks(text) for segment in chunk]


_HEADING_RE = re.compile(r"([^\W\d_]+)\.?\s*:\s*")


def _heading(segment: str) -> tuple[str, str] | None:
    """`Wsie: Bieniowice` -> (`locality`, `Bieniowice`); `ulice:` -> (`ul.`, ``)."""
    match = _HEADING_RE.match(segment)
    if match is None or fold(match.group(1)) not in HEADINGS:
        return None
    return HEADINGS[fold(match.group(1))], segment[match.end() :]


@functools.lru_cache(maxsize=_WORD_CACHE)
def parse_description(text: str) -> ParsedDescription:
    """Whole `ulice` cell. A heading (`Wsie:`, `osiedla:`, `ulice:`) sets the kind of every
    item after it until the next heading; without one, names after a street are streets
    (`ul. Polna, Leśna` — and `pl. Wolności, Leśna` is `ul. Leśna`: a square or an estate
    names itself only); a town before its streets is their town (`Brzeg, ul. Lipowa`)."""
    reader = _Reader()
    for chunk in _chunks(text):
        reader.inherited, reader.town = None, ""
        for index, segment in enumerate(chunk):
            reader.read(segment, first=index == 0, chunk=chunk)
    return ParsedDescription(
        tuple(reader.items), tuple(reader.unparsed), tuple(reader.notes), tuple(reader.headings)
    )


def _without_lead(segment: str) -> str | None:
    """The segment without what a pasted text says before its items (`obejmuje`, `także`,
    `Granice obwodu głosowania:`); None when that is all there is."""
    text = segment.strip()
    text = LEAD_WORDS_RE.sub("", text, count=1) if LEAD_WORDS_RE.match(text) else text
    text = _LABEL_RE.sub("", text, count=1) if _LABEL_RE.match(text) else text
    title, colon, rest = text.partition(":")
    words = title.split()
    # Two or more words before a colon that do not name a street: a title, not an item;
    # when its last word is a heading ("POLKOWICE ulice:"), that heading.
    if colon and len(words) >= 2 and _parse(title) is None and not _heading(text):
        if fold(words[-1]) in HEADINGS:
            return f"{words[-1]}: {rest.strip()}"
        return rest.strip() or None
    return text


_WRAPPED_RE = re.compile(r"(?:Rejon|Obwód|Okręg|Grupa)\s+[\w.]+\s*\((.+)\)")
_LABEL_RE = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ]{1,4}\s+[IVX]+\s*[-–]\s+(?=\S)")
"""`GO  I    - Osiedle Groty`: a group's label before its items."""
_PAIR_RE = re.compile(r"(.+?)\s+(?:i|oraz)\s+([A-ZĄĆĘŁŃÓŚŹŻ].*)")
_TOGETHER_RE = re.compile(r"(.+?)\s+wraz\s+ze?\s+(.+)")
"""`Baranowice wraz z ul. Kościuszki 28, 30`: the village and the street both."""


class _Reader:
    """What `parse_description` knows while it reads: the heading in force, the street type a
    bare name after a street takes, the town a chunk names first."""

    def __init__(self) -> None:
        self.items: list[Coverage] = []
        self.unparsed: list[str] = []
        self.notes: list[str] = []
        self.headings: list[str] = []
        self.heading: str | None = None
        self.inherited: str | None = None
        self.town = ""

    def read(self, segment: str, first: bool, chunk: list[str]) -> None:
        wrapped = _WRAPPED_RE.fullmatch(segment.strip(" ."))
        if wrapped is not None and self._read_inside(wrapped.group(1), segment):
            return
        body = _without_lead(segment)
        if body is None:
            self.headings.append(segment)  # "Granice obwodu głosowania (nazwy ulic):"
            return
        found = _heading(body)
        if found is not None:
            self.heading, body = found
            if not body.strip(" ,.;"):
                self.headings.append(segment)
                return
        parsed = _parse(body)
        if parsed is None and self.items and self._continues(body):
            return  # "DWORCOWA" and on the next line "od nr 7 do nr 41a strona nieparzysta"
        if parsed is not None:
            if first and parsed[1] == "bare" and _streets_follow(chunk):
                self.town = parsed[0].name  # "Brzeg, ul. Lipowa": Lipowa in Brzeg, not Brzeg
                self.headings.append(segment)
                return
            self._add(parsed, segment)
            return
        # "ulice: Brzozową i Słoneczną", "…, Chudek oraz Kierzek.": the last two names of a
        # list joined by "i" ("Cyryla i Metodego" alone is one street, or two: verbatim).
        in_list = self.heading is not None or len(chunk) >= 2
        together = _TOGETHER_RE.fullmatch(body.strip(" ."))
        pair = together or (_PAIR_RE.fullmatch(body.strip(" .")) if in_list else None)
        halves = [_parse(half) for half in pair.groups()] if pair else []
        if halves and all(half is not None for half in halves):
            roles = {half[1] for half in halves if half is not None}
            # Two names of one list are of one kind: "Stare i Nowe Górce" is not two.
            if together or roles <= {"bare", "locality"}:
                for half in halves:
                    assert half is not None
                    # "Baranowice wraz z ul. Kościuszki": a place with its street.
                    self._add(half, segment, together=together is not None)
                return
        first_word = fold(word.group()) if (word := re.match(r"\w+", body)) else ""
        if first_word in DOCUMENT_WORDS and "(" not in body:
            self.headings.append(segment)  # "Obwód nr 1", "Granice okręgu wyborczego"
            self.notes.append(f"„{segment}”: pominięto — to nagłówek dokumentu, nie ulica")
            return
        self.unparsed.append(segment)

    def _read_inside(self, inner: str, segment: str) -> bool:
        """`Rejon I (Osiedla: Śródmieście-Wschód, Katedralna)`: a list under a label."""
        parsed = parse_description(inner)
        if parsed.unparsed or not parsed.items:
            return False
        self.items.extend(replace(item, source=segment.strip()) for item in parsed.items)
        self.notes.extend(parsed.notes)
        return True

    def _continues(self, body: str) -> bool:
        """Numbers alone after a name are that street's numbers: "DWORCOWA" and on the next
        line "od nr 7 do nr 41a strona nieparzysta"; "(strona nieparzysta) 29-31;41-51"."""
        last = self.items[-1]
        if last.kind == "gmina" or last.excluded or last.part or not last.source:
            return False
        spec = parse_spec(body)
        if spec is None or not (spec.rules or spec.excluded or spec.part):
            return False
        rules = spec.rules
        parities = {rule.parity for rule in last.rules}
        if len(parities) == 1 and all(rule.parity == "all" for rule in rules):
            rules = tuple(replace(rule, parity=next(iter(parities))) for rule in rules)
        self.items[-1] = replace(
            last,
            kind="street",
            rules=canonical_rules(last.rules + rules),
            excluded=spec.excluded,
            part=spec.part,
            source=f"{last.source}\n{body}",
        )
        return True

    def _add(
        self, parsed: tuple[Coverage, Role, tuple[str, ...]], segment: str, together: bool = False
    ) -> None:
        coverage, role, notes = parsed
        coverage = replace(coverage, source=segment.strip())
        self.notes.extend(notes)
        heading = self.heading
        if role in ("bare", "bare_street"):
            if heading == "gmina" and role == "bare":
                coverage = replace(coverage, kind="gmina")
            elif heading not in (None, "locality", "gmina"):
                coverage = replace(coverage, kind="street", prefix=heading)
            elif (
                heading is None
                and self.inherited is not None
                and not together
                and fold(coverage.name.split()[0]) not in PLACE_NOUNS
            ):
                coverage = replace(coverage, kind="street", prefix=self.inherited)
        elif role == "street" and coverage.prefix == "ul.":
            self.inherited = "ul."
        elif role == "locality":
            self.inherited, self.heading = None, None
        if self.town:
            coverage = replace(coverage, town=self.town)
        self.items.append(coverage)


def _streets_follow(chunk: list[str]) -> bool:
    if len(chunk) < 2:
        return False
    following = _parse(chunk[1])
    return following is not None and following[1] == "street"


def covers(coverage: Coverage, house_number: str | None) -> bool:
    """Does the area include this address? Ranges and parity use the integer part of `12a`;
    a listed building (`12`, `12a`) covers its flats (`12/3`, `12a/3`), not other buildings;
    an excluded number is not covered. For a street only `part`ly in the area: may it be?"""
    if not rules_cover(coverage.rules, house_number):
        return False
    if coverage.excluded and house_number and house_number.strip():
        return not rules_cover(coverage.excluded, house_number)
    return True


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
