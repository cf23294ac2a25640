"""How names are written: case forms back to the nominative, CAPITALS, lost spaces."""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from leaflets.streets.words import (
    CASE_ENDINGS,
    CONNECTORS,
    PREPOSITIONS,
    ROMAN_NUMERALS,
    STREET_ENDINGS,
    TITLES,
    TOWN_PREPOSITIONS,
)
from leaflets.text import fold, search_key

log = logging.getLogger(__name__)

_FEMININE_NOMINATIVE = "adj:sg:nom.voc:f:pos"


@functools.cache
def analyser() -> Any:
    """Morfeusz 2 with its bundled dictionary (SGJP), loaded once per process (~0.1 s; `make
    bench` reports it)."""
    import morfeusz2

    log.debug("ładowanie analizatora morfologicznego Morfeusz 2")
    return morfeusz2.Morfeusz(generate=True, analyse=True)


@functools.lru_cache(maxsize=1 << 14)
def is_place_name(word: str) -> bool:
    """The dictionary knows `word` only as the name of a place (`Kleszczówka`, `Baranowice`),
    not as an adjective, a surname or a common noun, as most street names are: a district or
    a village listed among streets ("ul. Wodzisławska do numeru 70, Kleszczówka do DK-81")."""
    analyses = [analysis[2] for analysis in analyser().analyse(word)]
    return bool(analyses) and all(
        tag.startswith("subst:") and "nazwa_geograficzna" in qualifiers
        for _form, _lemma, tag, qualifiers, *_ in analyses
    )


@functools.lru_cache(maxsize=1 << 14)
def may_be_town(word: str) -> bool:
    """The dictionary knows `word` as a place's name and not as an adjective, as most street
    names are: `Brzeg` (also a common noun, "shore") may be a town, `Akacjowa` may not."""
    analyses = [analysis[2] for analysis in analyser().analyse(word)]
    return any(
        tag.startswith("subst:") and ":nom" in tag and "nazwa_geograficzna" in qualifiers
        for _form, _lemma, tag, qualifiers, *_ in analyses
    ) and not any(tag.startswith("adj:") for _form, _lemma, tag, *_ in analyses)


def _match_case(form: str, like: str) -> str:
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


@functools.lru_cache(maxsize=1 << 14)
def nominative_word(word: str) -> str:
    """`Klonową` -> `Klonowa`, `Szczejkowicką` -> `Szczejkowicka`, `Żegocinę` -> `Żegocina`;
    any other word as it is. Only accusative and instrumental singular feminine forms (the
    `-ą`/`-ę` that descriptions use after "obejmuje" or "ulice:") are changed, never a
    genitive: `Mickiewicza` is the street's own name, not a case form of it."""
    if not word.endswith(("ą", "ę")) or len(word) < 4:
        return word
    analyses = [analysis[2] for analysis in analyser().analyse(word)]
    for _form, lemma, tag, *_ in analyses:
        if tag.startswith("adj:sg:") and ":f:" in tag and ("acc" in tag or "inst" in tag):
            generated = [g[0] for g in analyser().generate(lemma) if g[2] == _FEMININE_NOMINATIVE]
            if generated:
                return _match_case(generated[0], word)
    for _form, lemma, tag, *_ in analyses:
        if tag.startswith("subst:sg:") and ("acc" in tag or "inst" in tag) and ":f" in tag:
            return _match_case(lemma.split(":")[0], word)
    # Not in the dictionary ("Szczejkowicką", a local name): the feminine ending rule; "-kią"
    # is no Polish ending at all, only a typo of "-ką" ("Wodzisławskią").
    if word.endswith(("kią", "gią")):
        return word[:-2] + "a"
    return word[:-1] + "a"


_TITLE_GLUED_RE = re.compile(r"(?<![\w.])([^\W\d_]{1,4}\.)(?=[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż])")
_CAMEL_RE = re.compile(r"(?<=[a-ząćęłńóśźż]{2})(?=[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż])")
_SPACED_HYPHEN_RE = re.compile(
    r"(?<=[a-ząćęłńóśźż]{2}) ?[-–] ?(?=[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż])|(?<=\d) ?- ?(?=lec)"
)
_ANNIVERSARY_RE = re.compile(r"(?<=\d) (?=[Ll]eci[ae]\b)")  # "os. 700 Lecia" = "os. 700-lecia"


def normal_spacing(text: str) -> str:
    """`ArmiiKrajowej` -> `Armii Krajowej` (a space lost in copying), `Curie - Skłodowskiej`
    -> `Curie-Skłodowskiej`, `700 - lecia` -> `700-lecia`."""
    # One search for all four triggers: this runs on every segment of a national roster.
    if not _SPACING_TRIGGER_RE.search(text):
        return text
    text = _TITLE_GLUED_RE.sub(r"\1 ", text)  # "Ks.Józefa Szafranka", "Al.Niepodległości"
    text = _ANNIVERSARY_RE.sub("-", text).replace("-Lecia", "-lecia")
    return _SPACED_HYPHEN_RE.sub("-", _CAMEL_RE.sub(" ", text))


_SPACING_TRIGGER_RE = re.compile(
    r"\.[A-ZĄĆĘŁŃÓŚŹŻ]|\d ?-? ?[Ll]ec|[a-ząćęłńóśźż]{2}[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]"
    r"|[a-ząćęłńóśźż] [-–]|[-–] [A-ZĄĆĘŁŃÓŚŹŻ]"
)


def normal_case(names: tuple[str, ...], segment: str) -> tuple[str, ...]:
    """A segment typed in CAPITALS (`UL. KOŁOBRZESKA`) is printed in normal case; a name's
    own capitals in normal text stay (`rondo ONZ`, `ul. Bolesława III`)."""
    if not segment.isupper() or sum(ch.isalpha() for ch in segment) < 4:
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


def nominative(names: tuple[str, ...]) -> tuple[str, ...]:
    """`Klonową`, `Aleję Wojska Polskiego`: names listed after "obejmuje" or a heading in the
    accusative, printed and found in the nominative; a word after a preposition keeps its
    case (`Pod Lipą`)."""
    if not any(token.endswith(("ą", "ę")) for token in names):
        return names
    result: list[str] = []
    for index, token in enumerate(names):
        after_connector = index > 0 and fold(names[index - 1]) in PREPOSITIONS
        result.append(token if after_connector else nominative_word(token))
    return tuple(result)


# --- case forms typed in a search -------------------------------------------------------------

_KEY_CACHE = 1 << 16


@functools.lru_cache(maxsize=_KEY_CACHE)
def typed_town(town: str) -> str:
    """The key of a town as typed in a search: `w Legnicy` -> `legnicy`."""
    words = search_key(town).split()
    if len(words) > 1 and words[0] in TOWN_PREPOSITIONS:
        words = words[1:]
    return " ".join(words)


@functools.lru_cache(maxsize=_KEY_CACHE)
def same_town(typed: str, known: str) -> bool:
    """Whether the typed town key is the known one or one of its case forms (`legnicy` ~
    `legnica`, `krakowie` ~ `krakow`, `zielonej gorze` ~ `zielona gora`; not `chojnice` ~
    `chojnow`). Roster towns are in the nominative; people type `w Legnicy`."""
    return _inflected(typed, known, CASE_ENDINGS)


@functools.lru_cache(maxsize=_KEY_CACHE)
def same_street(typed: str, known: str) -> bool:
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
