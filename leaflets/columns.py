"""Roster columns: the canonical columns, their documented headers, what each means in
Polish, and Excel's column letters. How a header is read is `headers.py`."""

from __future__ import annotations

# Canonical name -> the alternatives the README lists. Every one of them is read as
# its column (tests check it), but reading goes by words (`_read_words`), so many more work.
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

COMBINED: dict[str, tuple[str, ...]] = {
    "imie_nazwisko": (
        "Imię i nazwisko",
        "Stopień, imię i nazwisko",
        "Dzielnicowy (stopień, imię i nazwisko)",
    ),
    "nazwisko_imie": ("Nazwisko i imię",),
    "dzielnicowy": ("Dzielnicowy",),
}
"""Columns holding a whole person (rank, first name, surname): the key says which order the
header announces; the capitals in the cell, when they show the surname, win over it."""

PERSON_PARTS = ("stopien", "imie", "nazwisko")
"""What a combined column stands for."""

USUAL: dict[str, str] = {
    "rejon": "Nr rejonu",
    "imie": "Imię",
    "nazwisko": "Nazwisko",
    "telefon": "Telefon",
    "stopien": "Stopień",
    "email": "E-mail",
    "jednostka": "Jednostka",
    "obszar": "Nazwa rejonu",
    "miejscowosc": "Miejscowość",
    "ulice": "Ulice",
    "numery": "Numery",
    "telefon_stacjonarny": "Tel. stacjonarny",
    "adres_jednostki": "Adres jednostki",
    "telefon_jednostki": "Telefon dyżurnego",
    "dyzur": "Dyżur",
    "zdjecie": "Zdjęcie",
    "dzialania_priorytetowe": "Działania priorytetowe",
    "imie_nazwisko": "Imię i nazwisko",
    "nazwisko_imie": "Nazwisko i imię",
    "dzielnicowy": "Dzielnicowy",
}
"""The header a user would write for each column: what messages name instead of the key."""

MEANING: dict[str, str] = {
    "rejon": "numer rejonu",
    "imie": "imię",
    "nazwisko": "nazwisko",
    "telefon": "telefon służbowy",
    "stopien": "stopień",
    "email": "e-mail",
    "jednostka": "jednostka Policji",
    "obszar": "nazwa rejonu (osiedle, dzielnica)",
    "miejscowosc": "miejscowość",
    "ulice": "opis rejonu",
    "numery": "numery domów",
    "telefon_stacjonarny": "telefon stacjonarny",
    "adres_jednostki": "adres jednostki",
    "telefon_jednostki": "telefon jednostki (dyżurnego)",
    "dyzur": "dyżur dzielnicowego",
    "zdjecie": "zdjęcie",
    "dzialania_priorytetowe": "działania priorytetowe",
    "dyzur_uk": "dyżur dzielnicowego po ukraińsku",
    "dyzur_en": "dyżur dzielnicowego po angielsku",
    "dzialania_priorytetowe_uk": "działania priorytetowe po ukraińsku",
    "dzialania_priorytetowe_en": "działania priorytetowe po angielsku",
    "imie_nazwisko": "stopień, imię i nazwisko (rozdzielane)",
    "nazwisko_imie": "stopień, nazwisko i imię (rozdzielane)",
    "dzielnicowy": "stopień, imię i nazwisko (rozdzielane)",
}
"""How `check` says what a column was read as (`kolumna E „Opis rejonu służbowego” → opis
rejonu`)."""

IGNORED: dict[str, str] = {"lp": "numer porządkowy", "uwagi": "uwagi"}
"""Columns every official table has and the tool does not need: read, not reported."""


def column_letter(column: int) -> str:
    """1 -> `A`, 27 -> `AA`: the column as Excel names it."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letter: str) -> int:
    """`A` -> 0, `AA` -> 26: the 0-based index of an Excel column letter."""
    number = 0
    for ch in letter:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number - 1
