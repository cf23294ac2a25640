"""The street language's vocabulary: every prefix, parity word, filler, heading and ending, once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from leaflets.text import fold

Parity = Literal["all", "even", "odd"]
Place = Literal["street", "square", "estate", "roundabout"]
"""The kind of place a street type names. `ul.` and `al.` are one kind (residents and rosters
mix them up: "al. Piłsudskiego" is "ul. Piłsudskiego"); a square, an estate and a roundabout
are other places than the street of the same name (an estate numbers its own buildings)."""


@dataclass(frozen=True)
class StreetType:
    """One street type: how it is printed, what kind of place it is, how it is written."""

    printed: str
    place: Place
    spellings: tuple[str, ...]
    """Folded, without the dot: every abbreviation and case form seen before a name
    ("ul.", "ulica", "ulicy", "ulice:"; "Aleje Jerozolimskie" is "al. Jerozolimskie")."""


STREET_TYPES = (
    StreetType("ul.", "street", ("ul", "ulica", "ulicy", "ulice")),
    StreetType("pasaż", "street", ("pasaz", "pasazu")),
    StreetType("al.", "street", ("al", "aleja", "alei", "aleje", "alej")),
    StreetType("pl.", "square", ("pl", "plac", "placu")),
    StreetType("os.", "estate", ("os", "osiedle", "osiedla")),
    StreetType("rondo", "roundabout", ("rondo", "ronda")),
)
STREET_PREFIXES: dict[str, StreetType] = {
    spelling: kind for kind in STREET_TYPES for spelling in kind.spellings
}
"""Folded spelling without its dot -> street type: the parser, the address search, the
street key and the sort order all read prefixes from here."""
PLACE_OF_PRINTED: dict[str, Place] = {kind.printed: kind.place for kind in STREET_TYPES}

LOCALITY_LEADS = frozenset(
    (
        "wies", "wsie", "miejscowosc", "miejscowosci", "solectwo", "solectwa", "miasto", "m",
        "dzielnica", "dzielnice", "dzielnicy",
    )
)  # fmt: skip
"""Folded words that say a village or town follows: "wieś Kunice", "miejscowości: Bieniowice"."""
DOT_REQUIRED = frozenset(("m",))
"""Leads that count only with their dot: "m. Legnica" is a town, "M Kowalski" is not."""

HEADINGS: dict[str, str] = {
    **dict.fromkeys(
        ("wsie", "wies", "solectwa", "solectwo", "miejscowosci", "miejscowosc", "miasta"),
        "locality",
    ),
    **dict.fromkeys(("ulice", "ulica", "ul"), "ul."),
    **dict.fromkeys(("aleje", "aleja"), "al."),
    **dict.fromkeys(("osiedla", "osiedle", "os"), "os."),
    **dict.fromkeys(("place", "plac"), "pl."),
    **dict.fromkeys(("gminy", "gmina"), "gmina"),
}
"""Folded word before a colon that sets the kind of every item after it, up to the next
heading: "Wsie: Bieniowice, Dunino", "osiedla: Kościuszki, Przyszłość oraz ulice: Akacjową"."""
GMINA_LEAD_RE = re.compile(
    r"(?:miasto\s+i\s+gmin[aęy]|gmin[aęy]\s+i\s+miast[oa]|gmin[aęy]|gm\.)\s+(?=\S)",
    re.IGNORECASE,
)
"""`gmina X`, `Gminy X`, `miasto i gmina X`, `gm. X`: the whole gmina (its seat and villages)."""

# Keys are folded and without a trailing dot: rosters are often typed without Polish letters
# ("numerow", "calosc") and abbreviate with or without the dot.
PARITY_WORDS: dict[str, Parity] = {
    **dict.fromkeys(
        ("parzyste", "parzysta", "parzystej", "parzystych", "parzysty", "parzystymi", "parz"),
        "even",
    ),
    **dict.fromkeys(
        (
            "nieparzyste",
            "nieparzysta",
            "nieparzystej",
            "nieparzystych",
            "nieparzysty",
            "nieparzystymi",
            "nieparz",
        ),
        "odd",
    ),
    "wszystkie": "all",
}
FILLERS = frozenset(
    (
        "nr", "nry", "nru", "numer", "numery", "numeru", "numerow", "numerach", "numerami",
        "numeracja",
        "bloki", "blok", "blokow", "bl", "budynki", "budynek", "budynkow", "budynku",
        "str", "strona", "stronie", "stron", "po", "domy", "dom", "wlacznie",
    )
)  # fmt: skip
SIDE_WORDS: dict[str, Parity] = {
    **dict.fromkeys(("prawa", "prawej", "prawo"), "even"),
    **dict.fromkeys(("lewa", "lewej", "lewo"), "odd"),
}
"""`strona prawa`, `po lewej stronie`: the side the numbers do not name by parity."""
RANGE_WORDS = frozenset(("od", "do", "konca", "wzwyz"))
JOINERS = frozenset(("i", "oraz", "a", "takze"))
"""Between two parts of one street's numbers: "1-3 oraz parzyste od 2 do 6, a także 10-16"."""
WHOLE_WORDS = frozenset(("cala", "calosc", "calosci", "cale", "caly", "calej"))
WHOLE = frozenset(
    (
        "cala", "calosc", "w calosci", "cala ulica", "calosc ulicy", "cale", "caly",
        "cale osiedle", "cala wies", "cala miejscowosc", "cala ul", "wszystkie",
        "wszystkie numery",
    )
)  # fmt: skip
"""Whole numbers parts that mean every number (folded, dots dropped)."""
SPEC_WORDS = (
    FILLERS | RANGE_WORDS | JOINERS | WHOLE_WORDS | set(PARITY_WORDS) | set(SIDE_WORDS) | {"w"}
)
"""Words that belong to a number specification: they end a street name and, after a comma,
continue the previous item instead of starting a new one ("w" as in "w całości")."""

BARE_STOPWORDS = frozenset(
    (
        "okolice", "okolica", "okolicy", "teren", "tereny", "terenu", "rejon", "rejonu",
        "obszar", "obszaru", "czesc", "ogrodki", "dzialki", "posesje", "skrzyzowanie", "np",
        "obejmuje", "gmina", "bez", "poza", "przy", "granice", "granica", "wykaz",
        "obwod", "obwodu", "okreg", "okregu", "ewakuacja", "adres", "numer",
    )
) | SPEC_WORDS  # fmt: skip
"""A capitalised first word that describes a place rather than naming it: "Okolice dworca"."""
CONNECTORS = frozenset(("nad", "pod", "na", "w", "we", "z", "ze", "im"))
PREPOSITIONS = CONNECTORS | frozenset(("za", "przy", "przed", "u", "między", "miedzy", "ponad"))
"""A name word after these keeps its case: `Pod Lipą`, `Za Fosą` (not accusatives)."""
PLACE_NOUNS = frozenset(
    (
        "park", "rod", "rynek", "skwer", "ogrod", "ogrody", "obwodnica", "cmentarz", "dworzec",
        "zespol", "teren", "tereny", "las", "bulwar", "stadion", "spoldzielnia", "dzielnica",
    )
)  # fmt: skip
"""Folded first words of places that are no street: a `ul.` before the items before them does
not reach them (`ul. Rybnicką, Park Cegielnia, ROD Calineczka`)."""
"""Lower-case words inside a name: "Rudnik nad Sanem", "Bohaterów w Getcie"."""
TITLES = frozenset(
    (
        "ks.", "gen.", "św.", "bp.", "abp.", "kard.", "mjr.", "płk.", "ppłk.", "kpt.", "por.",
        "ppor.", "prof.", "dr.", "marsz.", "hm.", "im.", "bł.", "o.", "kmdr.", "adm.", "hetm.",
        "bpa.", "rtm.", "mjr", "bp", "gen", "ks", "dr", "prof", "św", "boh.",
    )
)  # fmt: skip
"""Abbreviated titles inside a name, compared case-folded with their dot: "ul. ks. Józefa"."""
ROMAN_NUMERALS = frozenset(
    ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
)
""""Mieszka I", "Bolesława III Krzywoustego": after a name word "I" is a numeral, not "i"."""
LOWER_NAME_STOPS = BARE_STOPWORDS | frozenset(
    ("oprocz", "procz", "wyjatkiem", "tylko", "lub", "albo", "a", "ale", "czy", "jak", "tj")
)
"""Words that end a name typed in lower case ("ul. kartuska oprócz 5"): prose, not a name."""
_NAME_LEAD_WORDS = (*TITLES, *(
    "Józefa", "Jana", "Marii", "Adama", "Tadeusza", "Stefana", "Henryka", "Ignacego",
    "Władysława", "Kazimierza", "Bolesława", "Mikołaja", "Juliusza", "Fryderyka", "Marszałka",
    "Generała", "Księdza", "Świętego", "Świętej", "Kardynała", "Biskupa", "Profesora",
    "Doktora", "Pułkownika", "Majora", "Kapitana", "Porucznika", "Hetmana", "Jerzego",
    "Stanisława", "Piotra", "Karola", "Wincentego", "Aleksandra", "Franciszka", "Wojciecha",
    "Emilii", "Elizy", "Zofii",
))  # fmt: skip
NAME_LEADS = frozenset(fold(word).rstrip(".") for word in _NAME_LEAD_WORDS)
"""A leading first name or title the short form of a street name leaves out: "al. Józefa
Piłsudskiego" is "Piłsudskiego 5" to most residents (folded, without the dot)."""

ABBREVIATIONS: dict[str, str] = {
    "ak": "armii krajowej",
    "nmp": "najswietszej maryi panny",
    "wp": "wojska polskiego",
    "jp ii": "jana pawla ii",
    "jp2": "jana pawla ii",
}
"""Folded short forms residents type for whole street names: `AK 5` is `Armii Krajowej 5`."""
NUMERAL_NAMES: dict[str, str] = {
    "25-lecia": "dwudziestopieciolecia",
    "40-lecia": "czterdziestolecia",
    "50-lecia": "piecdziesieciolecia",
    "60-lecia": "szescdziesieciolecia",
    "500-lecia": "piecsetlecia",
    "600-lecia": "szescsetlecia",
    "700-lecia": "siedemsetlecia",
    "750-lecia": "siedemsetpiecdziesieciolecia",
    "800-lecia": "osiemsetlecia",
    "1000-lecia": "tysiaclecia",
}
"""Folded: anniversaries are written in digits or in words (`os. 700-lecia` =
`os. Siedemsetlecia`, `1000-lecia` = `Tysiąclecia`)."""

MONTHS = frozenset(
    (
        "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
        "wrzesnia", "pazdziernika", "listopada", "grudnia",
    )
)  # fmt: skip
"""Folded: a day and a month name a street even typed in lower case: `17 sierpnia`."""
LEAD_WORDS_RE = re.compile(
    r"(?:także|również|obejmuje(?:\s+(?:swoim\s+zasięgiem|teren|również))?)\s+(?=\S)",
    re.IGNORECASE,
)
"""What a pasted description says before its first item: `obejmuje os. Korfantego`,
`także miasto Choszczno`."""
GLUED_HEADING_RE = re.compile(r"(?<=[^\s(])\s+(?=(?:Wsie|Sołectwa|Miejscowości|Osiedla)\s*:)")
"""`… od nr 103 do 108 Wsie: Bielice Nowe`: a heading glued to the previous item."""

DOCUMENT_WORDS = frozenset(("obwod", "okreg", "granice", "wykaz", "numer", "adres", "lista"))
"""Folded first words of a pasted document's own labels (`Obwód nr 1`, `Granice okręgu
wyborczego`, `numer komisji: 21`): headings to leave out, with a note, not area items."""

# --- what residents type around an address ----------------------------------------------------

STREET_PREPOSITIONS = frozenset(("przy", "na"))
"""`przy ul. Chojnowskiej 12`, `na Chojnowskiej 12`: how people say where they live."""
TOWN_PREPOSITIONS = frozenset(("w", "we"))
"""`Chojnowska 12 w Legnicy`: the preposition before a typed town is not part of it."""
NUMBER_WORDS = frozenset(("nr", "nr.", "numer"))
FLAT_WORDS = frozenset(("m", "m.", "lok", "lok.", "lokal", "mieszkanie"))
"""`Chojnowska 12 m. 3`: the flat does not change who the officer is."""
SPLIT_LETTERS = frozenset("abcdefghjklmnprstvxy")
"""A letter written apart from its number ("12 A"), never a one-letter Polish word ("w", "i")."""
CASE_ENDINGS = frozenset(
    {"", "a", "e", "i", "y", "u", "o", "m", "ie", "iu", "ia", "ej", "em", "om", "ze", "ce"}
    | {"ach", "ami", "ich", "iej", "im", "ym", "ymi", "owi", "ego", "emu", "rze", "dze", "zie"}
)
"""Folded endings of Polish case forms of town and street names: Legnic-y, Krakow-ie, Gorze
(Góra), Kunic-ach, Jaśkowic-ach Legnick-ich, Zakopane-m, Chojnowsk-iej, Ale-i."""
STREET_ENDINGS = CASE_ENDINGS - {""}
"""A street is never typed without its ending (towns are: `z Kielc`); `Chojnowsk 80` is a
typo, answered with suggestions."""

# --- patterns built from the vocabulary -------------------------------------------------------

ORDINAL_RE = re.compile(r"\d+-[^\W\d_]+")
"""`1000-lecia`, `1-go`: a number joined to a word is part of a name, not a house number."""
_PREFIX_ALTERNATIVES = "|".join(sorted(STREET_PREFIXES, key=len, reverse=True))
CONJUNCTION_SPLIT_RE = re.compile(
    rf"\s+(?:i|oraz)\s+(?=(?:{_PREFIX_ALTERNATIVES})(?:\.|\s|:))", re.IGNORECASE
)
"""`ul. Polna i ul. Leśna`: a conjunction before a street prefix starts a new street."""
SORT_PREFIX_RE = re.compile(rf"(?:{_PREFIX_ALTERNATIVES})(?:\.\s*|\s+)(?=\S)", re.IGNORECASE)
"""The prefix the street index ignores when it orders names: `al. Armii` sorts under A."""


# --- the words printed around house numbers ---------------------------------------------------


@dataclass(frozen=True)
class NumberWords:
    """The words the printer puts around house numbers, in one edition's language; the Polish
    ones (the default) are also words the parser reads, so a printed line reads back."""

    even: str = "parzyste"
    odd: str = "nieparzyste"
    since: str = "od"
    until: str = "do"
    whole: str = "cała"
    """After a street without a prefix: `Chojnowska (cała)` (alone it would read as a village)."""
    whole_street: str = "cała ulica"
    whole_locality: str = "cała miejscowość"
    whole_square: str = "cały plac"
    whole_unknown: str = "wszystkie numery"
    """A bare name (a village or, in a town, often a street typed without "ul."), an estate or
    a roundabout: say neither street nor village."""
    without: str = "oprócz"
    """Before the numbers a description leaves out: `(1–20, oprócz 7)`."""
    whole_gmina: str = "cała gmina"


POLISH = NumberWords()
