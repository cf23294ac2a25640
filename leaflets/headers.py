"""Roster headers read as people write them.

A header is read by its words, not looked up as a whole: `Opis rejonu służbowego`, `Ulice w
rejonie` and `Zasięg rejonu` are all the area description, `Nr tel. służbowego` and `Telefon
służbowy komórkowy` the officer's phone. Case, diacritics and punctuation are ignored, and a
word with a typo (`Telefn`, `Nazwsko`) is read as the word it misspells. `Lp.` and `Uwagi` are
recognised and ignored; a column with one person's rank and names (`Imię i nazwisko`,
`Stopień, imię i nazwisko`, `Dzielnicowy`) is a combined column, split by validation.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from rapidfuzz.distance import OSA

from leaflets.columns import (
    ALIASES,
    COMBINED,
    IGNORED,
    MEANING,
    PERSON_PARTS,
    REQUIRED,
    TRANSLATED_LANGUAGES,
    column_letter,
)
from leaflets.text import fold, header_key

# Word (folded) -> the concept it stands for. A header is read from the set of its concepts.
_CONCEPTS: dict[str, tuple[str, ...]] = {
    "REJON": ("rejon", "rejonu", "rejony", "rejonie", "rejonow", "rejonowy"),
    "NR": ("nr", "numer", "numeru", "no"),
    "NUMERY": ("numery", "numeracja", "numerow", "numeracji"),
    "DOMY": ("domu", "domow", "budynkow", "budynku", "posesji", "bloku", "blokow"),
    "SLUZBOWY": ("sluzbowy", "sluzbowego", "sluzbowa", "sluzbowej", "sluzb", "sl"),
    "IMIE": ("imie", "imiona", "imienia"),
    "NAZWISKO": ("nazwisko", "nazwiska", "nazwisk"),
    "DZIELNICOWY": ("dzielnicowy", "dzielnicowego", "dzielnicowych", "dzielnicowi"),
    "OSOBA": ("funkcjonariusz", "funkcjonariusza", "policjant", "policjanta", "osoba"),
    "STOPIEN": ("stopien", "stopnia", "stopnie"),
    "TEL": (
        "tel",
        "telefon",
        "telefonu",
        "telefony",
        "telefonow",
        "komorka",
        "komorkowy",
        "komorkowego",
        "kom",
        "gsm",
        "telefoniczny",
        "kontakt",
        "kontaktowy",
    ),
    "STACJ": ("stacjonarny", "stacjonarnego", "stacj", "stac", "biurowy", "biurowego"),
    "PRYWATNY": ("prywatny", "prywatnego", "domowy", "fax", "faks"),
    "EMAIL": ("email", "mail", "emaila", "poczta", "poczty"),
    "ADRES": ("adres",),
    "SIEDZIBA": ("siedziba", "siedziby"),
    "ADRESY": ("adresy", "adresow"),
    "JEDNOSTKA": (
        "jednostka",
        "jednostki",
        "komenda",
        "komendy",
        "komisariat",
        "komisariatu",
        "posterunek",
        "posterunku",
        "kp",
        "kmp",
        "kpp",
        "krp",
    ),
    "POLICJA": ("policji", "policja"),
    "DYZURNY": ("dyzurny", "dyzurnego", "dyzurnej", "dyzurnych"),
    "DYZUR": ("dyzur", "dyzury", "dyzuru", "dyzurow", "przyjec", "przyjecia", "przyjmowania"),
    "GODZINY": ("godziny", "godzin", "interesantow", "punkt"),
    "OPIS": (
        "opis",
        "opisu",
        "zasieg",
        "zasiegu",
        "granice",
        "granica",
        "granic",
        "zakres",
        "teren",
        "terenu",
        "obejmuje",
        "ulice",
        "ulica",
        "ulic",
        "ulicy",
        "ul",
        "miejscowosci",
    ),
    "NAZWA": ("nazwa", "nazwy"),
    "OSIEDLE": ("osiedle", "osiedla", "dzielnica", "dzielnicy", "os"),
    "OBSZAR": ("obszar", "obszaru", "obszary"),
    "MIEJSC": ("miejscowosc", "miasto", "gmina", "gminy", "wies", "solectwo"),
    "UWAGI": ("uwagi", "uwaga", "adnotacje", "notatki"),
    "ZDJECIE": ("zdjecie", "zdjecia", "foto", "fotografia", "fotka"),
    "PRIORYTET": ("priorytetowe", "priorytetowego", "priorytetowych", "priorytet", "priorytety"),
    "DZIALANIA": ("dzialania", "dzialan", "dzialaniu"),
    "PLAN": ("plan", "planu", "plany"),
}
_WORD_CONCEPT: dict[str, str] = {
    word: concept for concept, words in _CONCEPTS.items() for word in words
}
VOCABULARY = frozenset(_WORD_CONCEPT)
"""Every header word the reader knows (others may be typos of one of them)."""
# Words that carry no meaning of their own in a header.
_FILLER = frozenset(("i", "w", "we", "z", "ze", "oraz", "do", "na", "dla", "lub", "albo", "e"))


@functools.lru_cache(maxsize=4096)
def _concept(word: str) -> tuple[str | None, bool]:
    """(concept, by a typo) of a folded header word. Two words typed without the space between
    them (`nrrejonu`) are read as both; a word of 5 letters or more may be one edit away from a
    known word (two edits from 8 letters), a 4-letter word only by two letters swapped (`opsi`);
    shorter words must be exact (`stan` is not `stac.`)."""
    if word in _WORD_CONCEPT:
        return _WORD_CONCEPT[word], False
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if max(len(head), len(tail)) >= 5 and head in _WORD_CONCEPT and tail in _WORD_CONCEPT:
            return _WORD_CONCEPT[head] + "+" + _WORD_CONCEPT[tail], False
    if len(word) < 4 or word.isdigit():
        return None, False
    close = typo_candidates(word)
    if not close:
        return None, False
    nearest = min(close.values())
    concepts = {concept for concept, distance in close.items() if distance == nearest}
    # Equally near two different words (`adrey`: `adres` or `adresy`?) is no reading at all.
    return (concepts.pop(), True) if len(concepts) == 1 else (None, False)


def typo_candidates(word: str) -> dict[str, int]:
    """Concept -> the fewest edits from `word` to one of its words, for those within reach."""
    limit = 2 if len(word) >= 8 else 1
    found: dict[str, int] = {}
    for known, concept in _WORD_CONCEPT.items():
        if len(known) < 4 or abs(len(known) - len(word)) > limit:
            continue
        if len(word) == 4 and sorted(word) != sorted(known):
            continue
        # Optimal string alignment: a swap of neighbours is one edit (`opsi` -> `opis`).
        distance = OSA.distance(word, known, score_cutoff=limit)
        if distance <= limit and distance < found.get(concept, limit + 1):
            found[concept] = distance
    return found


@dataclass(frozen=True)
class Sense:
    """What one header says: a column (canonical or combined), ignored, or nothing known."""

    column: str | None
    kind: Literal["column", "combined", "ignored", "unknown"]
    typo: bool = False
    """Read through a misspelt word (`Telefn`)."""


_UNKNOWN = Sense(None, "unknown")
_DOCUMENTED = {
    header_key(name): column
    for column, names in (*ALIASES.items(), *COMBINED.items())
    for name in ((column, *names) if column in ALIASES else names)
}
"""Every documented header, matched whole first (`TELKOM` is `Tel. kom.`)."""


@functools.lru_cache(maxsize=4096)
def read_header(header: str) -> Sense:
    """What `header` says it holds."""
    key = header_key(header)
    if not key:
        return _UNKNOWN
    if key in _DOCUMENTED:
        documented = _DOCUMENTED[key]
        return Sense(documented, "combined" if documented in COMBINED else "column")
    for ignored in IGNORED:
        if key == ignored or (ignored == "lp" and key in ("lp", "lpk", "nrlp", "lpnr")):
            return Sense(ignored, "ignored")
    words = [w for w in re.split(r"[\W_]+", fold(header)) if w]
    if all(len(w) == 1 for w in words):  # `L.p.`, `L p`
        words = ["".join(words)]
        if words[0] == "lp":
            return Sense("lp", "ignored")
    if len(words) > 1 and words[-1] in TRANSLATED_LANGUAGES:  # `Dyżur (uk)`: a translation
        base = read_header(" ".join(words[:-1]))
        if base.column in ("dyzur", "dzialania_priorytetowe"):
            return replace(base, column=f"{base.column}_{words[-1]}")
    concepts: list[str] = []
    typo = False
    for word in words:
        if word in _FILLER:
            continue
        concept, misspelt = _concept(word)
        if concept is None:
            concepts.append("?")
            continue
        typo = typo or misspelt
        concepts.extend(concept.split("+"))
    column = _column(concepts)
    if column is None:
        return _UNKNOWN
    if column in IGNORED:
        return Sense(column, "ignored", typo)
    kind: Literal["column", "combined"] = "combined" if column in COMBINED else "column"
    return Sense(column, kind, typo)


_QUALIFIERS = frozenset(("DZIELNICOWY", "OSOBA", "POLICJA", "SLUZBOWY"))
"""Words that say whose or what kind (`Telefon dzielnicowego`, `Rejon służbowy`), not which
column; `Dzielnicowy` alone is the combined column."""


def _column(concepts: Sequence[str]) -> str | None:
    """The column a header's concepts name, most specific rule first."""
    known = [c for c in concepts if c != "?"]
    main = [c for c in known if c not in _QUALIFIERS]
    has = set(main).__contains__
    if not known:
        return None
    if not main:
        # `Dzielnicowy` is the person; `Obchód dzielnicowego` (a word unknown) is not.
        person = {"DZIELNICOWY", "OSOBA"} & set(known) and "?" not in concepts
        return "dzielnicowy" if person else None
    if main == ["UWAGI"]:
        return "uwagi"
    if has("PRIORYTET") or (has("DZIALANIA") and has("PLAN")):
        return "dzialania_priorytetowe"
    if has("ZDJECIE"):
        return "zdjecie"
    if has("EMAIL"):
        return "email"
    if has("TEL") or has("STACJ") or has("DYZURNY"):
        if has("PRYWATNY"):
            return None  # a private phone must never reach a leaflet
        if has("DYZURNY") or has("JEDNOSTKA"):
            return "telefon_jednostki"
        return "telefon_stacjonarny" if has("STACJ") else "telefon"
    if has("DYZUR") or (has("GODZINY") and not has("OPIS")):
        return "dyzur"
    if has("IMIE") and has("NAZWISKO"):
        first, surname = main.index("IMIE"), main.index("NAZWISKO")
        return "imie_nazwisko" if first < surname else "nazwisko_imie"
    if has("IMIE"):
        return "imie"
    if has("NAZWISKO"):
        return "nazwisko"
    if has("STOPIEN"):
        return "stopien"
    if has("SIEDZIBA") or (has("ADRES") and has("JEDNOSTKA")):
        return "adres_jednostki"
    if main == ["ADRES"]:
        return None  # the unit's or the area's addresses? Not guessed: reported as unused
    if has("OPIS") or has("ADRESY"):
        return "ulice"
    if has("OBSZAR"):
        # `Obszar` (or `Nazwa obszaru`) names the area; `Obszar działania` describes it.
        return "obszar" if set(main) <= {"OBSZAR", "NAZWA"} else "ulice"
    if has("NUMERY") or (has("NR") and has("DOMY")):
        return "numery"
    if has("JEDNOSTKA"):
        return "jednostka"
    if has("OSIEDLE") or (has("NAZWA") and has("REJON")):
        return "obszar"
    if has("REJON"):
        return "rejon"
    if has("MIEJSC"):
        return "miejscowosc"
    return None


def canonical(header: str) -> str | None:
    """The column a header stands for (canonical or combined), or None when it is not a
    roster column (ignored ones like `Lp.` included)."""
    sense = read_header(header)
    return sense.column if sense.kind in ("column", "combined") else None


@dataclass(frozen=True)
class HeaderReading:
    """How one header of a sheet was understood: what `check` prints and the web app shows."""

    letter: str
    """The column as Excel names it (`E`); CSV files too, as Excel opens them."""
    header: str
    """The header as written."""
    column: str | None
    """The canonical or combined column (`ulice`, `imie_nazwisko`); `lp`/`uwagi` for ignored
    columns; None for a column the tool does not use."""
    kind: Literal["column", "combined", "ignored", "unknown", "duplicate", "merged"]
    """`duplicate`: a second header claiming a column another one has; `merged`: the rest of a
    header cell merged over several columns."""
    typo: bool = False

    def describe(self) -> str:
        """`kolumna E „Opis rejonu służbowego” → opis rejonu`."""
        return f"kolumna {self.letter} „{self.header}” → {self.meaning}"

    @property
    def meaning(self) -> str:
        if self.kind in ("column", "combined") and self.column:
            return MEANING[self.column] + (" (nagłówek z literówką?)" if self.typo else "")
        if self.kind == "ignored" and self.column:
            return f"pominięta ({IGNORED[self.column]})"
        if self.kind == "duplicate":
            return f"druga kolumna „{MEANING[self.column or '']}” — błąd"
        if self.kind == "merged":
            return "część scalonego nagłówka"
        return "nieużywana — nie trafia na ulotkę"

    @property
    def label(self) -> str:
        """How messages name the column: `G „Telefon służbowy”`."""
        return f"{self.letter} „{self.header}”"


@dataclass(frozen=True)
class HeaderMatch:
    """How a header row maps onto columns."""

    readings: tuple[HeaderReading, ...]
    """One per non-empty header, left to right."""
    by_index: dict[int, str]
    """Column index -> canonical or combined column, for the columns read."""

    @property
    def found(self) -> frozenset[str]:
        """The canonical columns present, a combined column standing for its parts."""
        found = set(self.by_index.values())
        if found & set(COMBINED):
            found |= set(PERSON_PARTS)
        return frozenset(found)

    @property
    def unknown(self) -> tuple[HeaderReading, ...]:
        return tuple(r for r in self.readings if r.kind == "unknown")

    @property
    def duplicates(self) -> tuple[tuple[HeaderReading, HeaderReading], ...]:
        """(the header that has the column, the later one claiming it too)."""
        first = {r.column: r for r in self.readings if r.kind in ("column", "combined")}
        return tuple(
            (first[r.column], r) for r in self.readings if r.kind == "duplicate" and r.column
        )

    def missing_required(self) -> tuple[str, ...]:
        return tuple(name for name in REQUIRED if name not in self.found)

    def reading(self, column: str) -> HeaderReading | None:
        """The header a canonical column was read from; for a person's rank and names, the
        combined column when there is no column of their own."""
        for index, name in self.by_index.items():
            if name == column:
                return self._at(index)
        if column in PERSON_PARTS:
            for index, name in self.by_index.items():
                if name in COMBINED:
                    return self._at(index)
        return None

    def _at(self, index: int) -> HeaderReading:
        letter = column_letter(index + 1)
        return next(r for r in self.readings if r.letter == letter)


def match_headers(headers: Sequence[str], merged: Iterable[int] = ()) -> HeaderMatch:
    """Read a header row; `merged`: indexes whose text was copied from a merged cell to the
    left (one header spanning several columns claims its column once)."""
    spans = set(merged)
    by_index: dict[int, str] = {}
    readings: list[HeaderReading] = []
    for index, header in enumerate(headers):
        text = " ".join(header.split())
        if not text:
            continue
        letter = column_letter(index + 1)
        if index in spans:
            readings.append(HeaderReading(letter, text, None, "merged"))
            continue
        sense = read_header(text)
        if sense.kind in ("column", "combined") and sense.column in by_index.values():
            earlier = next(i for i, name in by_index.items() if name == sense.column)
            old = next(n for n, r in enumerate(readings) if r.letter == column_letter(earlier + 1))
            if _broader(text) and not _broader(readings[old].header):
                readings.append(HeaderReading(letter, text, None, "unknown", sense.typo))
                continue
            if _broader(readings[old].header) and not _broader(text):
                readings[old] = replace(readings[old], column=None, kind="unknown")
                del by_index[earlier]
            else:
                readings.append(HeaderReading(letter, text, sense.column, "duplicate", sense.typo))
                continue
        if sense.kind in ("column", "combined") and sense.column is not None:
            by_index[index] = sense.column
        readings.append(HeaderReading(letter, text, sense.column, sense.kind, sense.typo))
    return HeaderMatch(tuple(readings), by_index)


_BROADER = frozenset(("gmina", "gminy", "dzielnica", "dzielnicy", "powiat"))


def _broader(header: str) -> bool:
    """`Gmina` beside `Miejscowość`, `Dzielnica` beside `Osiedle`: the broader place is not
    the column when the narrower one is there (it is reported as unused instead)."""
    return bool(_BROADER & set(re.split(r"[\W_]+", fold(header))))


def closest_header(missing: str, candidates: Iterable[str]) -> str | None:
    """The header among `candidates` most like the `missing` column or one of its aliases:
    for a header that was not read as the column, the likely meant one."""
    keyed = {header_key(c): c for c in candidates if c.strip()}
    names = (missing, *ALIASES[missing])
    best: tuple[float, str] | None = None
    for name in names:
        for key in difflib.get_close_matches(header_key(name), keyed, n=1, cutoff=0.6):
            ratio = difflib.SequenceMatcher(None, header_key(name), key).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, keyed[key])
    return best[1] if best else None


HEADER_CELL_CHARS = 60
"""Longer cells are data or titles, never headers."""


def header_score(cells: Iterable[str]) -> int:
    """How many cells of a row are recognised column names: used to find the header row
    below title rows such as "Wykaz dzielnicowych KMP ..." in A1."""
    return len(
        {canonical(cell) for cell in cells if cell.strip() and len(cell) <= HEADER_CELL_CHARS}
        - {None}
    )
