"""Police ranks (ustawa o Policji): full names, standard abbreviations, normalisation."""

from __future__ import annotations

from leaflets.i18n import N_
from leaflets.text import header_key

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


def normalise_rank(text: str) -> str | None:
    """`sierz.szt.`, `Sierżant sztabowy`, `SIERŻ. SZT.` -> `sierż. szt.`; None if unknown."""
    return _BY_KEY.get(header_key(text))


def full_rank(abbreviation: str) -> str:
    """`sierż. szt.` -> `sierżant sztabowy`."""
    return next(full for full, short in RANKS if short == abbreviation)
