"""Duty hours in another edition's language: the closed words of `wtorek 15:00–17:00, pok. 12`
(weekdays, `pok.`, `godz.`) translated from the catalogs, the rest kept as written."""

from __future__ import annotations

import functools
import re

from leaflets.i18n import SOURCE, edition
from leaflets.text import fold


def duty_text(text: str, language: str) -> str:
    """`wtorek 15:00–17:00, pok. 12` -> `Tuesday 15:00–17:00, room 12`: the closed words of
    duty hours (weekdays in their usual forms and abbreviations, `pok.`, `godz.`, `oraz`)
    translated, everything else (times, room numbers, place names) kept as written."""
    if language == SOURCE:
        return text
    words = _duty_words(language)

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        translated = words.get(fold(word).rstrip("."))
        if translated is None:
            return word
        return translated[:1].upper() + translated[1:] if word[:1].isupper() else translated

    result = _DUTY_WORD.sub(swap, text)
    return " ".join(result.split()).replace(" ,", ",")


_DUTY_WORD = re.compile(r"(?<![\w.])(?:w|we)\s+(?=\w)|[^\W\d_]+\.?", re.IGNORECASE)
"""A word (with its abbreviation dot), or `w`/`we` before a word (`we wtorki`)."""


@functools.cache
def _duty_words(language: str) -> dict[str, str]:
    """Folded Polish word (no dot) -> its translation, from the catalogs (context `dyżur`)."""
    ed = edition(language)
    # TRANSLATORS: words of an officer's duty hours ("wtorek 15:00–17:00, pok. 12"): weekdays,
    # their plural ("we wtorki" = on Tuesdays), abbreviations, "pok." = room, "godz." = hours.
    table = {
        "poniedziałek": ed.pgettext("dyżur", "poniedziałek").first,
        "wtorek": ed.pgettext("dyżur", "wtorek").first,
        "środa": ed.pgettext("dyżur", "środa").first,
        "czwartek": ed.pgettext("dyżur", "czwartek").first,
        "piątek": ed.pgettext("dyżur", "piątek").first,
        "sobota": ed.pgettext("dyżur", "sobota").first,
        "niedziela": ed.pgettext("dyżur", "niedziela").first,
        "poniedziałki": ed.pgettext("dyżur", "poniedziałki").first,
        "wtorki": ed.pgettext("dyżur", "wtorki").first,
        "środy": ed.pgettext("dyżur", "środy").first,
        "czwartki": ed.pgettext("dyżur", "czwartki").first,
        "piątki": ed.pgettext("dyżur", "piątki").first,
        "soboty": ed.pgettext("dyżur", "soboty").first,
        "niedziele": ed.pgettext("dyżur", "niedziele").first,
        "pon.": ed.pgettext("dyżur", "pon.").first,
        "wt.": ed.pgettext("dyżur", "wt.").first,
        "śr.": ed.pgettext("dyżur", "śr.").first,
        "czw.": ed.pgettext("dyżur", "czw.").first,
        "pt.": ed.pgettext("dyżur", "pt.").first,
        "sob.": ed.pgettext("dyżur", "sob.").first,
        "niedz.": ed.pgettext("dyżur", "niedz.").first,
        "pok.": ed.pgettext("dyżur", "pok.").first,
        "pokój": ed.pgettext("dyżur", "pokój").first,
        "godz.": ed.pgettext("dyżur", "godz.").first,
        "oraz": ed.pgettext("dyżur", "oraz").first,
        "i": ed.pgettext("dyżur", "i").first,
        "w": ed.pgettext("dyżur", "w").first,
        "od": ed.pgettext("dyżur", "od").first,
        "do": ed.pgettext("dyżur", "do").first,
    }
    # Accusative after "w" (w środę, w sobotę, w niedzielę) reads as the nominative's word.
    table |= {"środę": table["środa"], "sobotę": table["sobota"], "niedzielę": table["niedziela"]}
    table["we"] = table["w"]
    return {fold(key).rstrip("."): value for key, value in table.items()}
