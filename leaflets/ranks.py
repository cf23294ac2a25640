"""Police ranks (ustawa o Policji): full names, standard abbreviations, normalisation."""

from __future__ import annotations

import difflib
import re

from leaflets.i18n import N_
from leaflets.text import fold, header_key

# (full name, standard abbreviation), lowest first. The full names are translated on the
# leaflets (`sierżant sztabowy (staff sergeant)`), so they are marked for extraction.
RANKS: tuple[tuple[str, str], ...] = (
    (N_("posterunkowy"), "post."),
    (N_("starszy posterunkowy"), "st. post."),
    (N_("sierżant"), "sierż."),
    (N_("starszy sierżant"), "st. sierż."),
    (N_("sierżant sztabowy"), "sierż. szt."),
    (N_("młodszy aspirant"), "mł. asp."),
    (N_("aspirant"), "asp."),
    (N_("starszy aspirant"), "st. asp."),
    (N_("aspirant sztabowy"), "asp. szt."),
    (N_("podkomisarz"), "podkom."),
    (N_("komisarz"), "kom."),
    (N_("nadkomisarz"), "nadkom."),
    (N_("podinspektor"), "podinsp."),
    (N_("młodszy inspektor"), "mł. insp."),
    (N_("inspektor"), "insp."),
    (N_("nadinspektor"), "nadinsp."),
    (N_("generalny inspektor"), "gen. insp."),
)


_BY_KEY: dict[str, str] = {}
for _full, _abbreviation in RANKS:
    _BY_KEY[header_key(_full)] = _abbreviation
    _BY_KEY[header_key(_abbreviation)] = _abbreviation
# Common spellings seen on police pages that the two forms above do not cover.
_BY_KEY.update({"sierzsztab": "sierż. szt.", "aspsztab": "asp. szt.", "stpost": "st. post."})


# Each word of a rank as people abbreviate it -> the word in full, so mixed spellings
# (`st. aspirant`, `młodszy asp.`, `sierż. sztab.`) read as the full name.
_WORDS = {
    "st": "starszy",
    "starszy": "starszy",
    "ml": "mlodszy",
    "mlodszy": "mlodszy",
    "szt": "sztabowy",
    "sztab": "sztabowy",
    "sztabowy": "sztabowy",
    "asp": "aspirant",
    "aspirant": "aspirant",
    "sierz": "sierzant",
    "sierzant": "sierzant",
    "post": "posterunkowy",
    "posterunkowy": "posterunkowy",
    "insp": "inspektor",
    "inspektor": "inspektor",
    "gen": "generalny",
    "generalny": "generalny",
}
_BY_WORDS: dict[tuple[str, ...], str] = {
    tuple(fold(_full).split()): _abbreviation for _full, _abbreviation in RANKS
}


def normalise_rank(text: str) -> str | None:
    """`sierz.szt.`, `Sierżant sztabowy`, `SIERŻ. SZT.`, `st. aspirant` -> the standard
    abbreviation (`sierż. szt.`, `st. asp.`); None if unknown."""
    found = _BY_KEY.get(header_key(text))
    if found is not None:
        return found
    words = tuple(_WORDS.get(word, word) for word in re.findall(r"[a-z]+", fold(text)))
    return _BY_WORDS.get(words)


def nearest_rank(text: str) -> str | None:
    """The full rank an unknown spelling most likely means (`aspirnat` -> `aspirant`), or None
    when nothing is close."""
    key = header_key(text)
    if not key:
        return None
    names = {header_key(full): full for full, _ in RANKS}
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.8)
    return names[close[0]] if close else None


def full_rank(abbreviation: str) -> str:
    """`sierż. szt.` -> `sierżant sztabowy`."""
    return next(full for full, short in RANKS if short == abbreviation)
