"""Descriptions: a whole `ulice` cell split into segments and read item by item."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from leaflets.streets.inflection import is_place_name, may_be_town
from leaflets.streets.names import CODE_NAME_RE, Coverage, Role, parse_item
from leaflets.streets.numbers import canonical_rules, word_key
from leaflets.streets.specs import parse_spec
from leaflets.streets.words import (
    CONJUNCTION_SPLIT_RE,
    DOCUMENT_WORDS,
    GLUED_HEADING_RE,
    HEADINGS,
    LEAD_WORDS_RE,
    PLACE_NOUNS,
    SPEC_WORDS,
    STREET_PREFIXES,
)
from leaflets.text import fold

__all__ = ["ParsedDescription", "parse_description", "split_segments"]

_WORD_CACHE = 1 << 16
_LEAD_RE = re.compile(r"([^\W\d_]+)(\.?)(:?)(\s*)")
_NUMBERED_NAME_RE = re.compile(r"\d+\s+([^\W\d_]{2,})")  # ", 3 Maja" starts a new street


# Where `_split_line` has to look: brackets, separators and the whitespace before a conjunction
# (a zero-width match, so that `CONJUNCTION_SPLIT_RE` still decides at that very position).
@dataclass(frozen=True)
class ParsedDescription:
    items: tuple[Coverage, ...]
    unparsed: tuple[str, ...]
    notes: tuple[str, ...] = ()
    """How a segment was read where a reader may read it otherwise (Polish, for `check`)."""
    headings: tuple[str, ...] = ()
    """Segments read as headings of the items after them (`Wsie:`, `Brzeg` before its streets)."""


_SPLIT_POINT_RE = re.compile(r"[()\[\];,]|(?=" + CONJUNCTION_SPLIT_RE.pattern + ")", re.IGNORECASE)


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
    items = reader.items
    if len(items) > 1:
        # "Miasto i Gmina Strzelin" pasted above a list of villages is the list's heading: the
        # town and the villages named are the area, not the whole gmina.
        items = [
            replace(item, kind="locality") if _SEAT_AND_GMINA_RE.match(item.source) else item
            for item in items
        ]
    return ParsedDescription(
        tuple(items), tuple(reader.unparsed), tuple(reader.notes), tuple(reader.headings)
    )


_SEAT_AND_GMINA_RE = re.compile(r"\s*miasto\s+i\s+gmina\s", re.IGNORECASE)


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
    if (
        colon
        and len(words) >= 2
        and not any(fold(word) in STREET_PREFIX_WORDS for word in words)
        and parse_item(title) is None
        and not _heading(text)
    ):
        if fold(words[-1]) in HEADINGS:
            return f"{words[-1]}: {rest.strip()}"
        return rest.strip() or None
    return text


STREET_PREFIX_WORDS = frozenset(f"{spelling}." for spelling in STREET_PREFIXES)
"""`ul.`, `al.`: a title before a colon names no street (`ul. Zajęcza Sołectwo Lipiny oraz
miejscowości: Nieznany Bór` is items, not a title)."""
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
        wrapped = _WRAPPED_RE.fullmatch(segment.strip(" .")) if "(" in segment else None
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
        parsed = parse_item(body)
        if parsed is None and self.items and self._continues(body):
            return  # "DWORCOWA" and on the next line "od nr 7 do nr 41a strona nieparzysta"
        if parsed is not None:
            # The dictionary must know the name as a place's: "Akacjowa, Aleja Wycieczkowa" is
            # two streets.
            if (
                first
                and parsed[1] == "bare"
                and _streets_follow(chunk)
                and may_be_town(parsed[0].name.split()[0].split("-")[0])
            ):
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
        halves = [parse_item(half) for half in pair.groups()] if pair else []
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
        if coverage.source != segment.strip():
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
                and not (" " not in coverage.name and is_place_name(coverage.name))
                and not CODE_NAME_RE.fullmatch(coverage.name)
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
    following = parse_item(chunk[1])
    return following is not None and following[1] == "street"
