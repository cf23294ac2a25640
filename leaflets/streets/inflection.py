"""How names are written: case forms back to the nominative, CAPITALS, lost spaces."""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from leaflets.streets.words import CONNECTORS, PREPOSITIONS, ROMAN_NUMERALS, TITLES
from leaflets.text import fold

log = logging.getLogger(__name__)

_FEMININE_NOMINATIVE = "adj:sg:nom.voc:f:pos"


@functools.cache
def _analyser() -> Any:
    """Morfeusz 2 with its bundled dictionary (SGJP), loaded once per process (~0.4 s)."""
    import morfeusz2

    log.debug("ładowanie analizatora morfologicznego Morfeusz 2")
    return morfeusz2.Morfeusz(generate=True, analyse=True)


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
    analyses = [analysis[2] for analysis in _analyser().analyse(word)]
    for _form, lemma, tag, *_ in analyses:
        if tag.startswith("adj:sg:") and ":f:" in tag and ("acc" in tag or "inst" in tag):
            generated = [g[0] for g in _analyser().generate(lemma) if g[2] == _FEMININE_NOMINATIVE]
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
    text = _TITLE_GLUED_RE.sub(r"\1 ", text)  # "Ks.Józefa Szafranka", "Al.Niepodległości"
    text = _ANNIVERSARY_RE.sub("-", text).replace("-Lecia", "-lecia")
    return _SPACED_HYPHEN_RE.sub("-", _CAMEL_RE.sub(" ", text))


def normal_case(names: tuple[str, ...], segment: str) -> tuple[str, ...]:
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


def nominative(names: tuple[str, ...]) -> tuple[str, ...]:
    """`Klonową`, `Aleję Wojska Polskiego`: names listed after "obejmuje" or a heading in the
    accusative, printed and found in the nominative; a word after a preposition keeps its
    case (`Pod Lipą`)."""
    result: list[str] = []
    for index, token in enumerate(names):
        after_connector = index > 0 and fold(names[index - 1]) in PREPOSITIONS
        result.append(token if after_connector else nominative_word(token))
    return tuple(result)
