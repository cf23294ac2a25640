"""Roster column names: canonical names, accepted alternatives and header matching."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from leaflets.text import header_key

# Canonical name -> accepted alternatives, as the README's "Roster format" lists them.
ALIASES: dict[str, tuple[str, ...]] = {
    "rejon": ("Nr rejonu", "Rejon służbowy", "Numer rejonu"),
    "imie": ("Imię",),
    "nazwisko": (),
    "telefon": (
        "Tel.",
        "Tel. kom.",
        "Telefon komórkowy",
        "Telefon służbowy",
        "Nr telefonu",
    ),
    "stopien": ("Stopień", "Stopień służbowy"),
    "email": ("E-mail", "Adres e-mail", "Mail"),
    "jednostka": ("Jednostka Policji", "Komenda", "Komisariat"),
    "obszar": ("Osiedle", "Dzielnica", "Nazwa rejonu"),
    "miejscowosc": ("Miejscowość", "Miasto", "Gmina"),
    "ulice": ("Ulice", "Zasięg rejonu", "Opis rejonu", "Ulica", "Adresy"),
    "numery": ("Numery", "Numeracja", "Nr domów"),
    "telefon_stacjonarny": ("Tel. stacjonarny", "Telefon stacjonarny"),
    "adres_jednostki": ("Adres jednostki", "Siedziba"),
    "telefon_jednostki": ("Tel. jednostki", "Telefon dyżurnego"),
    "dyzur": ("Dyżur", "Godziny dyżuru"),
    "zdjecie": ("Zdjęcie", "Foto"),
    "dzialania_priorytetowe": ("Działania priorytetowe", "Plan działania priorytetowego"),
    # Translations for the Ukrainian and English editions (`Dyżur (uk)`).
    "dyzur_uk": ("Dyżur (uk)", "Godziny dyżuru (uk)"),
    "dyzur_en": ("Dyżur (en)", "Godziny dyżuru (en)"),
    "dzialania_priorytetowe_uk": ("Działania priorytetowe (uk)",),
    "dzialania_priorytetowe_en": ("Działania priorytetowe (en)",),
}
TRANSLATED_LANGUAGES: tuple[str, ...] = ("uk", "en")
"""Languages of the translated columns: `dyzur_uk`, `dzialania_priorytetowe_en`, …"""

REQUIRED: tuple[str, ...] = ("rejon", "imie", "nazwisko", "telefon")

_LOOKUP: dict[str, str] = {}
for _canonical, _alternatives in ALIASES.items():
    for _name in (_canonical, *_alternatives):
        _LOOKUP[header_key(_name)] = _canonical


def canonical(header: str) -> str | None:
    """The canonical column a header stands for, or None when it is not a roster column."""
    return _LOOKUP.get(header_key(header))


@dataclass(frozen=True)
class HeaderMatch:
    """How a header row maps onto canonical columns."""

    by_index: dict[int, str]
    """Column index -> canonical name, for the recognised columns (first occurrence wins)."""
    unknown: tuple[str, ...]
    """Non-empty headers that match no roster column."""

    @property
    def found(self) -> frozenset[str]:
        return frozenset(self.by_index.values())

    def missing_required(self) -> tuple[str, ...]:
        return tuple(name for name in REQUIRED if name not in self.found)


def match_headers(headers: Iterable[str]) -> HeaderMatch:
    by_index: dict[int, str] = {}
    unknown: list[str] = []
    for index, header in enumerate(headers):
        if not header.strip():
            continue
        name = canonical(header)
        if name is None:
            unknown.append(header.strip())
        elif name not in by_index.values():
            by_index[index] = name
    return HeaderMatch(by_index=by_index, unknown=tuple(unknown))


def closest_header(missing: str, candidates: Iterable[str]) -> str | None:
    """The header among `candidates` most like the `missing` column or one of its aliases."""
    keyed = {header_key(c): c for c in candidates if c.strip()}
    names = (missing, *ALIASES[missing])
    best: tuple[float, str] | None = None
    for name in names:
        for key in difflib.get_close_matches(header_key(name), keyed, n=1, cutoff=0.6):
            ratio = difflib.SequenceMatcher(None, header_key(name), key).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, keyed[key])
    return best[1] if best else None


def header_score(cells: Iterable[str]) -> int:
    """How many cells of a row are recognised column names: used to find the header row
    below title rows such as "Wykaz dzielnicowych KMP ..." in A1."""
    return len({canonical(cell) for cell in cells if cell.strip()} - {None})
