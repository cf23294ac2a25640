"""Police ranks (ustawa o Policji): full names, standard abbreviations, normalisation."""

from __future__ import annotations

import re

from leaflets.columns import fold

# (full name, standard abbreviation), lowest first.
RANKS: tuple[tuple[str, str], ...] = (
    ("posterunkowy", "post."),
    ("starszy posterunkowy", "st. post."),
    ("sierżant", "sierż."),
    ("starszy sierżant", "st. sierż."),
    ("sierżant sztabowy", "sierż. szt."),
    ("młodszy aspirant", "mł. asp."),
    ("aspirant", "asp."),
    ("starszy aspirant", "st. asp."),
    ("aspirant sztabowy", "asp. szt."),
    ("podkomisarz", "podkom."),
    ("komisarz", "kom."),
    ("nadkomisarz", "nadkom."),
    ("podinspektor", "podinsp."),
    ("młodszy inspektor", "mł. insp."),
    ("inspektor", "insp."),
    ("nadinspektor", "nadinsp."),
    ("generalny inspektor", "gen. insp."),
)


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))


_BY_KEY: dict[str, str] = {}
for _full, _abbreviation in RANKS:
    _BY_KEY[_key(_full)] = _abbreviation
    _BY_KEY[_key(_abbreviation)] = _abbreviation
# Common spellings seen on police pages that the two forms above do not cover.
_BY_KEY.update({"sierzsztab": "sierż. szt.", "aspsztab": "asp. szt.", "stpost": "st. post."})


def normalise_rank(text: str) -> str | None:
    """`sierz.szt.`, `Sierżant sztabowy`, `SIERŻ. SZT.` -> `sierż. szt.`; None if unknown."""
    return _BY_KEY.get(_key(text))


def full_rank(abbreviation: str) -> str:
    """`sierż. szt.` -> `sierżant sztabowy`."""
    return next(full for full, short in RANKS if short == abbreviation)
