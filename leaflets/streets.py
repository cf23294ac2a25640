"""Free-text area descriptions ("ulice") -> structured street and village coverage."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

__all__ = [
    "Coverage",
    "HouseNumber",
    "NumberRule",
    "Parity",
    "ParsedDescription",
    "canonical_rules",
    "covers",
    "fold_diacritics",
    "format_coverage",
    "format_rules",
    "parse_description",
    "parse_house_number",
    "parse_numbers",
    "parse_segment",
    "split_segments",
    "street_aliases",
    "street_key",
]

Parity = Literal["all", "even", "odd"]


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


# Keys are casefolded, diacritics folded and without a trailing dot: rosters are often typed
# without Polish letters ("numerow", "calosc") and abbreviate with or without the dot.
_PARITY_WORDS: dict[str, Parity] = {
    **dict.fromkeys(
        ("parzyste", "parzysta", "parzystej", "parzystych", "parzysty", "parzystymi", "parz"),
        "even",
    ),
    **dict.fromkeys(
        (
            "nieparzyste",
            "nieparzysta",
            "nieparzystej",
            "nieparzystych",
            "nieparzysty",
            "nieparzystymi",
            "nieparz",
        ),
        "odd",
    ),
    "wszystkie": "all",
}
_FILLERS = frozenset(
    (
        "nr", "nry", "numer", "numery", "numeru", "numerow", "numerach", "numerami", "numeracja",
        "bloki", "blok", "blokow", "bl", "budynki", "budynek", "budynkow", "budynku",
        "str", "strona", "stronie", "stron", "po", "domy", "dom", "wlacznie",
    )
)  # fmt: skip
_RANGE_WORDS = frozenset(("od", "do", "konca", "wzwyz"))
_JOINERS = frozenset(("i", "oraz"))
_WHOLE_WORDS = frozenset(("cala", "calosc", "calosci", "cale", "caly", "calej"))
_WHOLE = frozenset(
    (
        "cala", "calosc", "w calosci", "cala ulica", "calosc ulicy", "cale", "caly",
        "cale osiedle", "cala wies", "cala miejscowosc", "cala ul", "wszystkie",
        "wszystkie numery",
    )
)  # fmt: skip
# Words that belong to a number specification: they end a street name and, after a comma,
# continue the previous item instead of starting a new one ("w" as in "w całości").
_SPEC_WORDS = _FILLERS | _RANGE_WORDS | _JOINERS | _WHOLE_WORDS | set(_PARITY_WORDS) | {"w"}

_STREET_PREFIXES = {
    "ul.": "ul.", "ul": "ul.", "ulica": "ul.", "ulicy": "ul.", "ulice": "ul.",
    "al.": "al.", "al": "al.", "aleja": "al.", "alei": "al.",
    "pl.": "pl.", "pl": "pl.", "plac": "pl.", "placu": "pl.",
    "os.": "os.", "os": "os.", "osiedle": "os.", "osiedla": "os.",
    "rondo": "rondo", "ronda": "rondo",
}  # fmt: skip
_LOCALITY_LEADS = dict.fromkeys(
    (
        "wieś", "wies", "wsie", "miejscowość", "miejscowosc", "miejscowości", "miejscowosci",
        "sołectwo", "solectwo", "sołectwa", "solectwa", "miasto", "m.",
    ),
    "",
)  # fmt: skip
# A capitalised first word that describes a place rather than naming it: "Okolice dworca".
_BARE_STOPWORDS = frozenset(
    (
        "okolice", "okolica", "okolicy", "teren", "tereny", "terenu", "rejon", "rejonu",
        "obszar", "obszaru", "czesc", "ogrodki", "dzialki", "posesje", "skrzyzowanie", "np",
        "obejmuje", "gmina", "dzielnica", "bez", "poza", "przy",
    )
) | _SPEC_WORDS  # fmt: skip
_CONNECTORS = frozenset(("nad", "pod", "na", "w", "we", "z", "ze", "im"))
_TITLES = frozenset(
    (
        "ks.", "gen.", "św.", "bp.", "abp.", "kard.", "mjr.", "płk.", "ppłk.", "kpt.", "por.",
        "ppor.", "prof.", "dr.", "marsz.", "hm.", "im.", "bł.", "o.", "kmdr.", "adm.", "hetm.",
    )
)  # fmt: skip
_KEY_PREFIXES = frozenset(("ul", "ulica", "al", "aleja", "pl", "plac", "os", "osiedle", "rondo"))
# "Mieszka I", "Bolesława III Krzywoustego": after a name word "I" is a numeral, not "i" (and).
_ROMAN_NUMERALS = frozenset(
    ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
)
# Words that end a name typed in lower case ("ul. kartuska oprócz 5"): prose, not a name part.
_LOWER_NAME_STOPS = _BARE_STOPWORDS | frozenset(
    ("oprocz", "procz", "wyjatkiem", "tylko", "lub", "albo", "a", "ale", "czy", "jak", "tj")
)
# A leading first name or title the short form of a street name leaves out: "al. Józefa
# Piłsudskiego" is "Piłsudskiego 5" to most residents (compared folded, without the dot).
_NAME_LEAD_WORDS = (*_TITLES, *(
    "Józefa", "Jana", "Marii", "Adama", "Tadeusza", "Stefana", "Henryka", "Ignacego",
    "Władysława", "Kazimierza", "Bolesława", "Mikołaja", "Juliusza", "Fryderyka", "Marszałka",
    "Generała", "Księdza", "Świętego", "Świętej", "Kardynała", "Biskupa", "Profesora",
    "Doktora", "Pułkownika", "Majora", "Kapitana", "Porucznika", "Hetmana", "Jerzego",
    "Stanisława", "Piotra", "Karola", "Wincentego", "Aleksandra", "Franciszka", "Wojciecha",
    "Emilii", "Elizy", "Zofii",
))  # fmt: skip

_LEAD_RE = re.compile(r"([^\W\d_]+)(\.?)(:?)(\s*)")
_NAME_TOKEN_RE = re.compile(r"[^\s,:;]+|[,:;]")
_ORDINAL_RE = re.compile(r"\d+-[^\W\d_]+")  # "1000-lecia", "1-go"
_SEPARATOR_RE = re.compile(r"\s*(?:[,:]|[-–—](?=\s))\s*")
_BULLET_RE = re.compile(r"^[-–—•*·]\s+")
_QUOTES_RE = re.compile('["„”“«»]')
_SPEC_PUNCTUATION = str.maketrans({"–": "-", "—": "-", "−": "-", "‒": "-", "‐": "-", ":": " "})
_HOUSE_RE = re.compile(r"(?:nr\.?\s*)?(\d{1,5})\s*([a-z])?(?:\s*/\s*(\d{1,5}[a-z]?))?")
# A space-separated suffix letter must not be a one-letter Polish word: "bloki 1-6 i 9-10".
_SPEC_TOKEN_RE = re.compile(
    r"\s*(?:(?P<num>\d+(?:[a-z](?![^\W\d_])|\s[abcdefghjklmnprstvxy](?![^\W\d_]|\.))?"
    r"(?:\s*/\s*\d+[a-z]?)?)|(?P<word>[^\W\d_]+\.?)|(?P<dash>-)|(?P<sep>[,;]))"
)
_CONJUNCTION_SPLIT_RE = re.compile(
    r"\s+(?:i|oraz)\s+(?=(?:ul|al|pl|os)\.|(?:ulica|aleja|plac|osiedle|rondo)\s)", re.IGNORECASE
)
_NUMBERED_NAME_RE = re.compile(r"\d+\s+([^\W\d_]{2,})")  # ", 3 Maja" starts a new street
# Where `_split_line` has to look: brackets, separators and the whitespace before a conjunction
# (a zero-width match, so that `_CONJUNCTION_SPLIT_RE` still decides at that very position).
_SPLIT_POINT_RE = re.compile(r"[()\[\];,]|(?=" + _CONJUNCTION_SPLIT_RE.pattern + ")", re.IGNORECASE)
_L_STROKE = str.maketrans("łŁ", "lL")

# The parsing functions are pure and take strings (or frozen values) and return frozen values,
# so they are cached: a national roster repeats the same words, numbers and streets many times.
_WORD_CACHE = 1 << 16
_TEXT_CACHE = 1 << 17


@functools.lru_cache(maxsize=_WORD_CACHE)
def fold_diacritics(text: str) -> str:
    """`Łódź, Żółć` -> `Lodz, Zolc`; ł has no decomposition, so it is mapped by hand."""
    decomposed = unicodedata.normalize("NFD", text.translate(_L_STROKE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


_NAME_LEADS = frozenset(fold_diacritics(word.casefold()).rstrip(".") for word in _NAME_LEAD_WORDS)


@functools.lru_cache(maxsize=_WORD_CACHE)
def _word_key(word: str) -> str:
    return fold_diacritics(word.casefold()).rstrip(".")


@functools.lru_cache(maxsize=_WORD_CACHE)
def street_key(name: str) -> str:
    """Matching key: `ul. Jana  Pawła-II` -> `jana pawła ii` (Polish letters kept)."""
    words = "".join(ch if ch.isalnum() else " " for ch in name.casefold()).split()
    while len(words) > 1 and words[0] in _KEY_PREFIXES:
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
    while len(words) >= 2 and fold_diacritics(words[0]) in _NAME_LEADS:
        rest = words[1:]
        if len(rest) >= 2 and rest[0].upper() in _ROMAN_NUMERALS:
            rest = rest[1:]
        if not any(ch.isalpha() for ch in "".join(rest)):
            break
        words = rest
        aliases.add(" ".join(words))
    return frozenset(aliases)


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
            ranges.add(NumberRule(rule.parity, rule.start, rule.end))

    def order(rule: NumberRule) -> tuple[int, int, int]:
        end = rule.end if rule.end is not None else 1 << 30
        return ("all", "even", "odd").index(rule.parity), rule.start or 0, end

    ordered = sorted(ranges, key=order)
    result = [r for r in ordered if r.parity == "all"]
    if listed:
        result.append(NumberRule(numbers=tuple(sorted(listed, key=listed.__getitem__))))
    return (*result, *(r for r in ordered if r.parity != "all"))


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
        if kind == "sep" or (kind == "word" and _word_key(value) in _JOINERS):
            clauses.append([])
        else:
            clauses[-1].append((kind, value))
    return [clause for clause in clauses if clause]


_STARTS = {("od", "n"), ("od", "n", "do", "konca"), ("od", "n", "wzwyz"), ("n", "wzwyz")}
_BOUNDED = {("n", "-", "n"), ("od", "n", "do", "n"), ("n", "do", "n")}


def _clause_rule(
    clause: list[tuple[str, str]], sticky: Parity
) -> tuple[NumberRule | HouseNumber, Parity] | None:
    """One clause -> a range rule or a single listed number, plus the parity that carries on."""
    lead: Parity | None = None
    trail: Parity | None = None
    shape: list[str] = []
    houses: list[HouseNumber] = []
    for kind, value in clause:
        key = _word_key(value)
        if kind == "word" and key in _FILLERS:
            continue
        if trail is not None:
            return None  # a trailing parity ends the clause: "2-20 parzyste"
        if kind == "word" and key in _PARITY_WORDS:
            parity = _PARITY_WORDS[key]
            if shape:
                trail = parity
            elif lead not in (None, parity):
                return None
            else:
                lead = parity
        elif kind == "word" and key in _RANGE_WORDS:
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
    carried = lead if lead is not None else sticky
    parity = trail or carried
    key_shape = tuple(shape)
    if not key_shape:
        return (NumberRule(parity), carried) if lead or trail else None
    if key_shape == ("n",):
        return houses[0], carried
    if any(house.suffix for house in houses):
        return None  # "od 12a do 20" would wrongly include 12 or exclude 12b; ask a human
    if key_shape in _BOUNDED and houses[0].number <= houses[1].number:
        return NumberRule(parity, houses[0].number, houses[1].number), carried
    if key_shape in _STARTS:
        return NumberRule(parity, houses[0].number, None), carried
    if key_shape == ("do", "n"):
        return NumberRule(parity, None, houses[0].number), carried
    return None


@functools.lru_cache(maxsize=_TEXT_CACHE)
def parse_numbers(text: str) -> tuple[NumberRule, ...] | None:
    """`1-45`, `parzyste od 34 do 152, nieparzyste od 85`, `3, 5, 7a`; `""` -> whole street.

    A parity word before the numbers carries on to later clauses ("parzyste 2-20 i 30-40");
    one after them applies to its own clause only ("2-20 parzyste, 3-9").
    """
    normal = " ".join(text.lower().translate(_SPEC_PUNCTUATION).split()).rstrip(" .")
    if not normal or fold_diacritics(normal).replace(".", "") in _WHOLE:
        return ()
    tokens = _spec_tokens(normal)
    if not tokens:
        return None
    rules: list[NumberRule] = []
    listed: list[str] = []
    sticky: Parity = "all"
    for clause in _clauses(tokens):
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


@functools.lru_cache(maxsize=_WORD_CACHE)
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
    if token is None or _word_key(token) in _SPEC_WORDS:
        return False
    if _is_capitalised(token):
        return True
    return lower and _is_lower_word(token) and _word_key(token) not in _LOWER_NAME_STOPS


def _is_name_token(token: str, previous: str | None, following: str | None, lower: bool) -> bool:
    """Does `token` continue a street name? `lower`: the name is typed in lower case after a
    street prefix ("ul. armii krajowej"), so plain lower-case words count as name words."""
    name_follows = _is_name_word(following, lower)
    if (
        token in _ROMAN_NUMERALS
        and previous is not None
        and not previous.endswith(".")
        and _is_name_word(previous, lower)
    ):
        return True  # "Mieszka I", "Jana Pawła II": after a name word "I" is not "and"
    lowered = token.casefold()
    if lowered in _CONNECTORS or lowered in _TITLES:
        return name_follows
    if _word_key(token) in _SPEC_WORDS:
        # "ul. Do Studzienki" is a name; "ul. Wodzisławska do 70" is not.
        return token[0].isupper() and _is_name_word(following, lower=False)
    if _is_capitalised(token):
        return not token.endswith(".") or name_follows
    if _ORDINAL_RE.fullmatch(token):
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
        if lowered in _TITLES or lowered in _CONNECTORS or token.isdigit():
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


def _strip_lead(text: str, table: dict[str, str]) -> tuple[str, str] | None:
    match = _LEAD_RE.match(text)
    if match is None:
        return None
    word, dot, colon, space = match.groups()
    key = word.casefold() + dot
    if key not in table or not (dot or colon or space):
        return None
    return table[key], text[match.end() :]


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
    street = _strip_lead(head, _STREET_PREFIXES)
    locality = None if street else _strip_lead(head, _LOCALITY_LEADS)
    if street:
        (prefix, body), role = street, "street"
    elif locality:
        body, role = locality[1], "locality"
    else:
        body, role = head, "bare"
    names, rest = _scan_name(body, after_prefix=role == "street")
    if not names:
        return None
    first = names[0]
    if role != "street" and (
        _word_key(first) in _BARE_STOPWORDS or not (first[0].isupper() or first[0].isdigit())
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
            and _word_key(match.group(1)) not in _SPEC_WORDS
        )
    word = _LEAD_RE.match(text)
    return word is not None and _word_key(word.group(1)) not in _SPEC_WORDS


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
        elif char.isspace() and (conjunction := _CONJUNCTION_SPLIT_RE.match(line, index)):
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


def _listed_covers(item: str, house: HouseNumber) -> bool:
    """Listed `12` covers `12` and its flats `12/3`, not `12a`; listed `12/3` only `12/3`."""
    listed = parse_house_number(item)
    if listed is None or listed == house:
        return listed is not None
    building, flat_mark, _ = house.suffix.partition("/")
    return bool(flat_mark) and listed == HouseNumber(house.number, building)


def _rule_matches(rule: NumberRule, house: HouseNumber) -> bool:
    if rule.numbers:
        return any(_listed_covers(item, house) for item in rule.numbers)
    if rule.parity != "all" and (house.number % 2 == 0) != (rule.parity == "even"):
        return False
    return (rule.start is None or rule.start <= house.number) and (
        rule.end is None or house.number <= rule.end
    )


def _rule_is_empty(rule: NumberRule) -> bool:
    if rule.numbers:
        return False
    low = max(rule.start or 1, 1)
    if rule.end is None:
        return False
    if rule.parity != "all" and low == rule.end:
        return (low % 2 == 0) != (rule.parity == "even")
    return low > rule.end


def covers(coverage: Coverage, house_number: str | None) -> bool:
    """Does the area include this address? Ranges and parity use the integer part of `12a`;
    a listed building (`12`, `12a`) covers its flats (`12/3`, `12a/3`), not other buildings."""
    if not coverage.rules:
        return True
    if not house_number or not house_number.strip():
        return not all(_rule_is_empty(rule) for rule in coverage.rules)
    house = parse_house_number(house_number)
    return house is not None and any(_rule_matches(rule, house) for rule in coverage.rules)


def _format_rule(rule: NumberRule) -> str:
    if rule.numbers:
        return ", ".join(rule.numbers)
    parity = {"all": "", "even": "parzyste", "odd": "nieparzyste"}[rule.parity]
    if rule.start is not None and rule.end is not None:
        bounds = f"{rule.start}–{rule.end}"
    elif rule.start is not None:
        bounds = f"od {rule.start}"
    elif rule.end is not None:
        bounds = f"do {rule.end}"
    else:
        bounds = ""
    return " ".join(part for part in (parity, bounds) if part)


@functools.lru_cache(maxsize=_TEXT_CACHE)
def format_rules(rules: tuple[NumberRule, ...]) -> str:
    """The printed numbers part, in canonical order: `parzyste 34–152, nieparzyste 85–105`,
    `3, 5, 7a`, `do 70`; "" for the whole street or village."""
    return ", ".join(_format_rule(rule) for rule in canonical_rules(rules))


def format_coverage(coverage: Coverage) -> str:
    """Canonical printed form: `ul. Wodzisławska (parzyste 34–152, nieparzyste 85–105)`."""
    head = coverage.name
    if coverage.kind == "street" and coverage.prefix:
        head = f"{coverage.prefix} {coverage.name}"
    numbers = _printed_numbers(coverage.rules)
    if not numbers:
        # A prefix-less street needs a marker, or reading it back would make it a village.
        return head if coverage.kind == "locality" or coverage.prefix else f"{head} (cała)"
    return head + numbers


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _printed_numbers(rules: tuple[NumberRule, ...]) -> str:
    """What `format_coverage` puts after the name: ` 3, 5, 7a` (a list alone),
    ` (parzyste 34–152, nieparzyste 85–105)`, or "" for the whole street or village."""
    rules = canonical_rules(rules)
    if not rules:
        return ""
    if len(rules) == 1 and rules[0].numbers:
        return f" {format_rules(rules)}"
    return f" ({format_rules(rules)})"
