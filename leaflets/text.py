"""Text normalisation: the few ways the tool compares, names and orders Polish text.

Which to use for what:

=================== ============================================ ===============================
function            ``"ul. Łąkowa-Nowa 3"`` ->                   use it to
=================== ============================================ ===============================
``fold``            ``"ul. lakowa-nowa 3"``                      compare words typed with or
                                                                 without Polish letters and
                                                                 capitals (vocabulary look-ups)
``header_key``      ``"ullakowanowa3"``                          match a roster header or a
                                                                 rank: punctuation and spaces
                                                                 ignored (``Tel. kom.``)
``search_key``      ``"ul lakowa nowa 3"``                       compare names word by word:
                                                                 people, towns, street names
``slugify``         ``"ul-lakowa-nowa-3"``                       output file and folder names
``polish_sort_key`` (Polish order, street prefix ignored)        sort anything a person reads
=================== ============================================ ===============================

A street's own key (its name without the `ul.`/`al.` word, Polish letters kept) is
`leaflets.streets.street_key`: it knows the street vocabulary, which this module does not.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar

__all__ = [
    "SortKey",
    "fold",
    "header_key",
    "polish_sort_key",
    "search_key",
    "short_texts_cached",
    "slugify",
]

# Letters NFKD does not decompose into base + combining mark.
_EXTRA_FOLDS = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})
# The functions are pure and asked for the same unit, area, officer and street names all
# over a national roster: cached.
_CACHE = 1 << 17


T = TypeVar("T")


def short_texts_cached(chars: int, size: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """`functools.lru_cache` for a pure function of one cell's text, for texts up to `chars`
    long: a roster repeats its units, names and phones row after row, while a cell may hold
    10,000 characters that a cache of `size` entries should not keep alive."""

    def decorate(function: Callable[[str], T]) -> Callable[[str], T]:
        cached = functools.lru_cache(maxsize=size)(function)

        @functools.wraps(function)
        def call(text: str) -> T:
            return cached(text) if len(text) <= chars else function(text)

        return call

    return decorate


@functools.lru_cache(maxsize=_CACHE)
def fold(text: str) -> str:
    """Lower-case `text` and strip Polish (and other) diacritics: `Łódź` -> `lodz`."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def header_key(text: str) -> str:
    """`fold` without spaces and punctuation, so `Tel. kom.`, `tel kom` and `TEL.KOM` are the
    same column header (and `sierż.szt.` the same rank as `Sierż. szt.`)."""
    return re.sub(r"[\W_]+", "", fold(text))


@functools.lru_cache(maxsize=_CACHE)
def search_key(text: str) -> str:
    """`fold` with every run of punctuation and spaces made one space: `Bielsko-Biała` ->
    `bielsko biala`, `KOWALSKI  Jan` -> `kowalski jan`."""
    return " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())


def slugify(text: str) -> str:
    """`Komisariat Policji Legnica-Śródmieście` -> `komisariat-policji-legnica-srodmiescie`."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60].strip("-")


SortKey = tuple[tuple[tuple[int, int], ...], str, str]
"""Polish alphabetical order first; case and foreign diacritics only break ties."""

_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_SORT_TOKEN_RE = re.compile(r"(\d+)|([^\W\d_])|([\s\-‐–—/]+)")


def _letter_rank(letter: str) -> tuple[int, int]:
    if letter in _LETTER_RANK:
        return 2, _LETTER_RANK[letter]
    base = fold(letter)  # "é" sorts with "e"; the tie-break tells them apart
    if base in _LETTER_RANK:
        return 2, _LETTER_RANK[base]
    return 3, ord(letter)


@functools.lru_cache(maxsize=_CACHE)
def polish_sort_key(text: str, ignore: re.Pattern[str] | None = None) -> SortKey:
    """Polish dictionary order: a < ą < b … l < ł … z < ź < ż, case-insensitive, spaces before
    digits before letters, numbers by value; `ignore` matches a leading part left out of the
    order (the street vocabulary passes its prefixes: `ul.`, `al.`, …)."""
    normal = unicodedata.normalize("NFC", " ".join(text.split()))
    if ignore is not None and ignore.match(normal):
        normal = ignore.sub("", normal, count=1)
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
