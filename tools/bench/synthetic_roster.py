"""A deterministic synthetic NATIONAL roster (about 8,300 areas) for the benchmark.

Everything is invented: units "Komisariat Policji Przykładowo-3 (fikcyjny)", officers combined
from short lists of common Polish first names and surnames, mobiles with a `000` middle block,
e-mails under the reserved `.example` domain; street names are common public names. The file is
a UTF-8 CSV separated by `;` (the wide shape: one row per officer per area), because CSV is fast
to write and read at this size. The same seed gives a byte-identical file.

    .venv/bin/python -m tools.bench.synthetic_roster --areas 8300 --out wykaz.csv
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SEED = 2026
DEFAULT_AREAS = 8300
MAX_AREAS = 50_000

HEADER: tuple[str, ...] = (
    "Jednostka",
    "Rejon",
    "Nazwa rejonu",
    "Miejscowość",
    "Stopień",
    "Imię",
    "Nazwisko",
    "Telefon",
    "E-mail",
    "Ulice",
    "Dyżur",
)
UNIT, AREA, PHONE = "Jednostka", "Rejon", "Telefon"

Row = dict[str, str]

# The CSV dialect of every file written here; `change_one_row` rewrites with the same one, so
# the rows it does not touch keep their bytes.
_CSV_OPTIONS: dict[str, str] = {"delimiter": ";", "quotechar": '"', "lineterminator": "\r\n"}

UNIT_SIZE = (10, 40)
SEGMENTS = (5, 25)
RURAL_SHARE = 0.10
TWO_OFFICERS_SHARE = 0.08
FEMALE_SHARE = 0.2
UPPERCASE_SURNAME_SHARE = 0.25
NO_EMAIL_SHARE = 0.04
NO_DUTY_SHARE = 0.15

# 17 voivodeship-style groups (16 voivodeships + the capital's own command), invented names.
REGIONS: tuple[str, ...] = (
    "Przykładowo",
    "Wzorowo",
    "Testowice",
    "Próbkowo",
    "Makietowo",
    "Szablonowo",
    "Modelewo",
    "Wzorcowice",
    "Umownice",
    "Zmyślino",
    "Wymyślice",
    "Projektowo",
    "Szkicowo",
    "Brudnopisy",
    "Ćwiczebnowo",
    "Pozorowo",
    "Symulowice",
)

MALE_NAMES: tuple[str, ...] = (
    "Adam", "Andrzej", "Bartłomiej", "Damian", "Dariusz", "Dawid", "Grzegorz", "Jakub", "Jan",
    "Jarosław", "Kamil", "Krzysztof", "Łukasz", "Maciej", "Marcin", "Marek", "Mariusz",
    "Mateusz", "Michał", "Mikołaj", "Paweł", "Piotr", "Przemysław", "Rafał", "Robert",
    "Sebastian", "Szymon", "Tomasz", "Wojciech", "Zbigniew",
)  # fmt: skip
FEMALE_NAMES: tuple[str, ...] = (
    "Agata", "Agnieszka", "Aleksandra", "Anna", "Barbara", "Beata", "Dorota", "Emilia", "Ewa",
    "Izabela", "Joanna", "Justyna", "Karolina", "Katarzyna", "Kinga", "Magdalena", "Małgorzata",
    "Marta", "Monika", "Natalia", "Paulina", "Renata", "Sylwia", "Weronika",
)  # fmt: skip
# Masculine forms; -ski/-cki/-dzki take -ska/-cka/-dzka for women, the rest do not change.
SURNAMES: tuple[str, ...] = (
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski",
    "Zając", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel",
    "Nowakowski", "Majewski", "Olszewski", "Stępień", "Malinowski", "Jaworski", "Adamczyk",
    "Dudek", "Nowicki", "Pawlak", "Górski", "Witkowski", "Walczak", "Sikora", "Baran",
    "Rutkowski", "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak", "Marciniak",
    "Wróblewski", "Zalewski", "Jakubowski", "Jasiński", "Zawadzki", "Sadowski", "Bąk",
    "Chmielewski", "Włodarczyk", "Borkowski", "Czarnecki", "Sawicki", "Sokołowski",
    "Urbański", "Kubiak", "Maciejewski", "Szczepański", "Kucharski", "Wilk", "Kalinowski",
    "Lis", "Mazurek", "Wysocki", "Kaźmierczak", "Wasilewski", "Sobczak", "Czerwiński",
    "Cieślak", "Głowacki", "Kołodziej", "Sikorski", "Krajewski", "Szulc", "Małek",
)  # fmt: skip

# Ranks a dzielnicowy normally holds (posterunkowy .. aspirant sztabowy), with weights and the
# inconsistent spellings coordinators type; leaflets.ranks normalises every one of them.
RANKS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (2, ("post.", "posterunkowy")),
    (5, ("st. post.", "st.post.", "starszy posterunkowy")),
    (8, ("sierż.", "sierżant")),
    (12, ("st. sierż.", "st.sierż.", "starszy sierżant")),
    (16, ("sierż. szt.", "sierż.szt.", "sierżant sztabowy")),
    (16, ("mł. asp.", "mł.asp.", "młodszy aspirant")),
    (15, ("asp.", "aspirant")),
    (14, ("st. asp.", "st.asp.", "starszy aspirant")),
    (12, ("asp. szt.", "asp.szt.", "aspirant sztabowy")),
)

# Service mobiles: valid Polish mobile prefixes with a `000` middle block (6xx 000 xxx, ...).
PHONE_PREFIXES: tuple[int, ...] = (
    *range(600, 610),
    *range(660, 670),
    *range(690, 700),
    *range(720, 740),
    *range(780, 800),
)

STREETS: tuple[str, ...] = (
    "Polna", "Leśna", "Słoneczna", "Krótka", "Szkolna", "Ogrodowa", "Lipowa", "Brzozowa",
    "Łąkowa", "Kwiatowa", "Sosnowa", "Kościelna", "Akacjowa", "Parkowa", "Zielona", "Kolejowa",
    "Klonowa", "Dębowa", "Jasna", "Długa", "Spacerowa", "Cicha", "Wiśniowa", "Wrzosowa",
    "Topolowa", "Jesionowa", "Bukowa", "Cmentarna", "Rolnicza", "Młyńska", "Wiejska", "Nowa",
    "Stawowa", "Wodna", "Źródlana", "Torowa", "Przemysłowa", "Fabryczna", "Rzemieślnicza",
    "Handlowa", "Targowa", "Zamkowa", "Graniczna", "Boczna", "Krzywa", "Prosta", "Wąska",
    "Szeroka", "Górna", "Dolna", "Wysoka", "Podgórna", "Nadrzeczna", "Rzeczna", "Mostowa",
    "Sportowa", "Harcerska", "Akademicka", "Lotnicza", "Wojska Polskiego", "Armii Krajowej",
    "Niepodległości", "Wolności", "Pokoju", "Zwycięstwa", "3 Maja", "1 Maja", "11 Listopada",
    "Grunwaldzka", "Warszawska", "Krakowska", "Poznańska", "Gdańska", "Wrocławska",
    "Lubelska", "Łódzka", "Toruńska", "Szczecińska", "Bydgoska", "Katowicka", "Opolska",
    "Kielecka", "Rzeszowska", "Piastowska", "Jagiellońska", "Bolesława Chrobrego",
    "Kazimierza Wielkiego", "Królowej Jadwigi", "Mikołaja Kopernika", "Adama Mickiewicza",
    "Henryka Sienkiewicza", "Juliusza Słowackiego", "Tadeusza Kościuszki", "Fryderyka Chopina",
    "Marii Konopnickiej", "Stefana Żeromskiego", "Bolesława Prusa", "Elizy Orzeszkowej",
    "Jana Kochanowskiego", "Władysława Reymonta", "Moniuszki", "Jana Matejki",
    "Wyspiańskiego", "Cypriana Norwida", "Aleksandra Fredry", "Asnyka", "Kasprowicza",
    "Juliana Tuwima", "Romualda Traugutta", "Jana Kilińskiego", "Dąbrowskiego", "Pułaskiego",
    "Jana III Sobieskiego", "Stefana Batorego", "Józefa Piłsudskiego", "Władysława Sikorskiego",
    "Wincentego Witosa", "Ignacego Paderewskiego", "Marii Curie-Skłodowskiej",
    "Gabriela Narutowicza", "Jana Pawła II", "Kardynała Stefana Wyszyńskiego",
    "Ks. Jerzego Popiełuszki", "Szarych Szeregów", "Bohaterów Westerplatte",
    "Powstańców Śląskich", "Powstańców Wielkopolskich", "Wileńska", "Lwowska", "Morska",
    "Bałtycka", "Tatrzańska", "Karpacka", "Sudecka", "Mazowiecka", "Mazurska", "Kujawska",
    "Śląska", "Pomorska", "Kaszubska", "Orla", "Sokola", "Słowicza", "Jarzębinowa", "Kalinowa",
    "Malinowa", "Jagodowa", "Poziomkowa", "Różana", "Fiołkowa", "Konwaliowa", "Makowa",
    "Chabrowa", "Żytnia", "Pszenna", "Miodowa", "Pogodna", "Wesoła", "Spokojna", "Świerkowa",
    "Grabowa", "Wierzbowa", "Kasztanowa", "Orzechowa", "Modrzewiowa", "Lawendowa",
)  # fmt: skip
AVENUES: tuple[str, ...] = ("Niepodległości", "Jana Pawła II", "Wojska Polskiego", "Lipowa")
SQUARES: tuple[str, ...] = ("Wolności", "Grunwaldzki", "Kościuszki", "Zwycięstwa", "Rynek")
ESTATES: tuple[str, ...] = (
    "Słoneczne", "Zielone", "Młodych", "Piastowskie", "Tysiąclecia", "Przyjaźni", "Kościuszki",
    "Kopernika", "Sobieskiego", "Leśne", "Parkowe", "Jagiellońskie", "Bema", "Chrobrego",
    "Asnyka", "Witosa", "Reymonta", "Batorego", "Łokietka", "Konopnickiej",
)  # fmt: skip
# Every name a town's streets can have, each once (the tool compares names without prefixes).
NAMES: tuple[tuple[str, str], ...] = tuple(
    {
        name.casefold(): (prefix, name)
        for prefix, names in (("pl.", SQUARES), ("os.", ESTATES), ("ul.", STREETS))
        for name in names
    }.values()
)
AREAS_PER_TOWN = 20
"""Above this many city areas a unit covers another town (its own set of street names)."""
TOWN_SUFFIXES: tuple[str, ...] = ("Nowe", "Stare", "Dolne", "Górne")
AREA_NAMES: tuple[str, ...] = (
    "Śródmieście", "Stare Miasto", "Nowe Miasto", "Zatorze", "Przedmieście", "Centrum",
    "Północ", "Południe", "Wschód", "Zachód", "Podzamcze", "Zalesie", "Nadrzecze",
    "Osiedle Słoneczne", "Osiedle Młodych", "Osiedle Piastowskie", "Osiedle Tysiąclecia",
    "Dworzec", "Park Miejski", "Stadion",
)  # fmt: skip
VILLAGE_STEMS: tuple[str, ...] = (
    "Dąbr", "Brzez", "Lip", "Kamien", "Zaleś", "Stud", "Gór", "Olsz", "Krzyż", "Grab", "Łęk",
    "Ros", "Boj", "Kun", "Bien", "Dun", "Jan", "Mik", "Wierzb", "Buk", "Jasien", "Chełm",
    "Sław", "Mił", "Bogusz", "Rad", "Strzel", "Wilk", "Krzes", "Przyb",
)  # fmt: skip
VILLAGE_ENDINGS: tuple[str, ...] = ("owice", "ów", "owo", "ino", "ice", "ki", "iec", "ówka", "in")
DAYS: tuple[str, ...] = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek")


@dataclass(frozen=True)
class ChangedRow:
    """What `change_one_row` changed: the data row (1 = first row under the header)."""

    row: int
    unit: str
    area: str
    old_phone: str
    new_phone: str


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used_phones: set[int] = set()
        self.rank_weights = [weight for weight, _ in RANKS]

    def phone(self) -> str:
        while True:
            prefix = self.rng.choice(PHONE_PREFIXES)
            number = prefix * 1_000_000 + self.rng.randrange(1000)
            if number not in self.used_phones:
                self.used_phones.add(number)
                return _format_phone(number, self.rng.random())

    def rank(self) -> str:
        _, spellings = self.rng.choices(RANKS, weights=self.rank_weights)[0]
        # The standard abbreviation most of the time, other spellings now and then.
        return spellings[0] if self.rng.random() < 0.7 else self.rng.choice(spellings)

    def officer(self, taken: set[tuple[str, str]]) -> tuple[str, str]:
        """A name not yet used in the unit: namesakes in one unit would be one person."""
        while True:
            female = self.rng.random() < FEMALE_SHARE
            first = self.rng.choice(FEMALE_NAMES if female else MALE_NAMES)
            surname = self.rng.choice(SURNAMES)
            if female and surname.endswith(("ski", "cki", "dzki")):
                surname = surname[:-1] + "a"
            if (first, surname) not in taken:
                taken.add((first, surname))
                return first, surname

    def duty(self) -> str:
        if self.rng.random() < NO_DUTY_SHARE:
            return ""
        start = self.rng.randrange(8, 17)
        text = f"{self.rng.choice(DAYS)} {start}:00–{start + self.rng.choice((1, 2))}:00"
        if self.rng.random() < 0.5:
            text += f", pokój {self.rng.randrange(1, 40)}"
        return text

    def _cuts(self, length: int, pieces: int) -> list[int]:
        """`pieces - 1` cut points at least 3 apart: piece i is cuts[i-1]+1 .. cuts[i]."""
        return sorted(self.rng.sample(range(3, length - 2, 3), pieces - 1))

    def _ranges(self, street: str, length: int, pieces: int) -> list[str]:
        """The street split into consecutive number ranges (`do numeru`, `a-b`, `od numeru`)."""
        cuts = self._cuts(length, pieces)
        bounds = list(zip([1, *(c + 1 for c in cuts)], [*cuts, length], strict=True))
        segments = []
        for index, (start, end) in enumerate(bounds):
            if index == 0 and self.rng.random() < 0.5:
                segments.append(f"{street} do numeru {end}")
            elif index == len(bounds) - 1 and self.rng.random() < 0.5:
                segments.append(f"{street} od numeru {start}")
            else:
                segments.append(f"{street} {start}-{end}")
        return segments

    def street_layout(self, street: str, pieces: int = 0) -> list[str]:
        """How one street of a town is shared between areas: disjoint segments, none of them
        overlapping another (the tool warns about an address claimed by two areas)."""
        rng = self.rng
        length = rng.randrange(20, 240)
        if pieces >= 2:
            return self._ranges(street, max(length, 4 * pieces + 4), pieces)
        roll = rng.random()
        if roll < 0.30:
            return [street]
        if roll < 0.55:
            return self._ranges(street, length, rng.randint(2, 4))
        even_end, odd_end = length - length % 2, length - 1 + length % 2
        if roll < 0.72:  # one side of the street each
            return [
                f"{street} (parzyste od 2 do {even_end})",
                f"{street} (nieparzyste od 1 do {odd_end})",
            ]
        if roll < 0.82:
            even, odd = rng.randrange(10, length) & ~1, rng.randrange(10, length) | 1
            return [
                f"{street} (parzyste od numeru 2 do numeru {even},"
                f" nieparzyste od numeru 1 do numeru {odd})",
                f"{street} (numery parzyste od {even + 2} i nieparzyste od numeru {odd + 2})",
            ]
        if roll < 0.90:  # one side, part of it; the rest of the street is another unit's
            start = rng.randrange(1, length // 2)
            parity, start = (
                ("parzyste", start + start % 2)
                if rng.random() < 0.5
                else ("nieparzyste", start | 1)
            )
            return [f"{street} ({parity} od {start} do {start + 2 * rng.randrange(3, 30)})"]
        first = rng.randrange(1, 30)
        houses = [str(first + 2 * step) for step in range(rng.randrange(2, 5))]
        after = first + 2 * len(houses)
        if rng.random() < 0.4:
            houses[-1] += rng.choice("ab")
        return [f"{street} {', '.join(houses)}", f"{street} od numeru {after}"]

    def estate_layout(self, estate: str) -> list[str]:
        rng = self.rng
        if rng.random() < 0.3:
            return [estate]
        first = rng.randrange(3, 9)
        if rng.random() < 0.3:
            gap = rng.randrange(2, 4)
            last = first + gap + rng.randrange(2, 5)
            return [
                f"{estate} (bloki 1-{first} i {first + gap + 1}-{last})",
                f"{estate} (bloki {first + 1}-{first + gap})",
            ]
        return [f"{estate} (bloki 1-{first})", f"{estate} (bloki {first + 1}-{first + 12})"]

    def town_segments(self, needed: int) -> list[tuple[str, str]]:
        """(name, segment) pieces of one town's streets, at least `needed` of them."""
        rng = self.rng
        layouts: dict[str, list[str]] = {}
        for kind, name in rng.sample(NAMES, len(NAMES)):
            prefix = "al." if kind == "ul." and name in AVENUES and rng.random() < 0.5 else kind
            full = f"{prefix} {name}"
            if prefix == "os.":
                layouts[full] = self.estate_layout(full)
            elif prefix == "pl.":
                layouts[full] = [full]
            else:
                layouts[full] = self.street_layout(full)
        streets = [full for full in layouts if full.startswith(("ul.", "al."))]
        total = sum(map(len, layouts.values()))
        while total < needed:  # a big town: split more streets into more pieces
            full = rng.choice(streets)
            more = min(len(layouts[full]) + 2, 8)
            total += more - len(layouts[full])
            layouts[full] = self.street_layout(full, more)
        pieces = [(full, segment) for full, segments in layouts.items() for segment in segments]
        rng.shuffle(pieces)
        return pieces

    def deal(self, pieces: list[tuple[str, str]], count: int) -> str:
        """Take `count` pieces for one area, preferring streets the area does not have yet."""
        picked: list[int] = []
        names: set[str] = set()
        for index, (name, _) in enumerate(pieces):
            if name not in names:
                picked.append(index)
                names.add(name)
                if len(picked) == count:
                    break
        for index in range(len(pieces)):
            if len(picked) >= count:
                break
            if index not in picked:
                picked.append(index)
        segments = [pieces[index][1] for index in picked]
        for index in sorted(picked, reverse=True):
            del pieces[index]
        return "; ".join(segments)

    def villages(self, count: int, taken: set[str]) -> list[str]:
        """Villages of one rural area, none used by another area of the same unit."""
        names: list[str] = []
        for _ in range(count * 20):
            stem, ending = self.rng.choice(VILLAGE_STEMS), self.rng.choice(VILLAGE_ENDINGS)
            name = stem + ending
            if stem[-1] != ending[0] and name not in taken:  # no "Bukki"
                taken.add(name)
                names.append(name)
                if len(names) == count:
                    break
        return names


def _format_phone(number: int, style: float) -> str:
    digits = f"{number:09d}"
    spaced = f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    if style < 0.6:
        return spaced
    if style < 0.75:
        return spaced.replace(" ", "-")
    if style < 0.9:
        return f"+48 {spaced}"
    return digits


def _ascii(text: str) -> str:
    return text.lower().translate(str.maketrans("ąćęłńóśźż", "acelnoszz"))


def _unit_sizes(rng: random.Random, areas: int) -> list[int]:
    sizes: list[int] = []
    left = areas
    while left > 0:
        size = min(rng.randint(*UNIT_SIZE), left)
        sizes.append(size)
        left -= size
    if len(sizes) > 1 and sizes[-1] < UNIT_SIZE[0]:
        last = sizes.pop()
        sizes[-1] += last  # a short last unit joins the one before it
    return sizes


def generate_rows(areas: int = DEFAULT_AREAS, seed: int = DEFAULT_SEED) -> list[Row]:
    """The roster rows, unit by unit and area by area (one row per officer of an area)."""
    if not 1 <= areas <= MAX_AREAS:
        raise ValueError(f"areas must be between 1 and {MAX_AREAS}, not {areas}")
    gen = _Generator(seed)
    rng = gen.rng
    sizes = _unit_sizes(rng, areas)
    per_region: dict[str, int] = {}
    rows: list[Row] = []
    for unit_index, size in enumerate(sizes):
        region = REGIONS[unit_index * len(REGIONS) // len(sizes)]
        number = per_region[region] = per_region.get(region, 0) + 1
        town = f"{region}-{number}"
        if number == 1:
            unit = f"Komenda Miejska Policji {town} (fikcyjna)"
        elif number % 5 == 2:
            unit = f"Komenda Powiatowa Policji {town} (fikcyjna)"
        else:
            unit = f"Komisariat Policji {town} (fikcyjny)"
        domain = f"{_ascii(town)}.policja.example"
        area_style = rng.choice(("{}", "{}", "Rejon nr {}", "Rejon służbowy nr {}"))
        # Per area: rural?, officers, segments. Streets are then shared out town by town, so
        # no address belongs to two areas, as in a real roster.
        plans = [
            (
                rng.random() < RURAL_SHARE,
                2 if rng.random() < TWO_OFFICERS_SHARE else 1,
                rng.randint(*SEGMENTS),
            )
            for _ in range(size)
        ]
        places: dict[int, tuple[str, str, str]] = {}  # area index -> name, town, description
        city = [index for index, plan in enumerate(plans) if not plan[0]]
        towns = -(-len(city) // AREAS_PER_TOWN)
        for town_index in range(towns):
            members = city[town_index * len(city) // towns : (town_index + 1) * len(city) // towns]
            name = town if town_index == 0 else f"{town} {TOWN_SUFFIXES[town_index - 1]}"
            pieces = gen.town_segments(sum(plans[index][2] for index in members) * 11 // 10 + 1)
            for index in members:
                description = gen.deal(pieces, plans[index][2])
                places[index] = (rng.choice(AREA_NAMES), name, description)
        taken_people: set[tuple[str, str]] = set()
        taken_villages: set[str] = set()
        for index, (rural, officers, segments) in enumerate(plans):
            if rural:
                villages = gen.villages(segments, taken_villages)
                places[index] = (f"{villages[0]} i okolice", f"gmina {town}", ", ".join(villages))
            area_name, area_town, description = places[index]
            for _ in range(officers):
                first, surname = gen.officer(taken_people)
                email = f"{_ascii(first)}.{_ascii(surname)}@{domain}"
                rows.append(
                    {
                        "Jednostka": unit,
                        "Rejon": area_style.format(index + 1),
                        "Nazwa rejonu": area_name,
                        "Miejscowość": area_town,
                        "Stopień": gen.rank(),
                        "Imię": first,
                        "Nazwisko": (
                            surname.upper() if rng.random() < UPPERCASE_SURNAME_SHARE else surname
                        ),
                        "Telefon": gen.phone(),
                        "E-mail": "" if rng.random() < NO_EMAIL_SHARE else email,
                        "Ulice": description,
                        "Dyżur": gen.duty(),
                    }
                )
    return rows


def write_rows(path: Path, rows: Iterable[Mapping[str, str]]) -> None:
    """Write `rows` as the benchmark's CSV (UTF-8, `;`, header first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, **_CSV_OPTIONS)  # type: ignore[arg-type]
        writer.writerow(HEADER)
        writer.writerows([row.get(column, "") for column in HEADER] for row in rows)
    temporary.replace(path)


def read_rows(path: Path) -> list[Row]:
    """The rows of a CSV written by `write_rows`, keyed by header."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, **_CSV_OPTIONS)  # type: ignore[arg-type]
        header = next(reader)
        return [dict(zip(header, cells, strict=True)) for cells in reader]


def write_roster(path: Path, areas: int = DEFAULT_AREAS, seed: int = DEFAULT_SEED) -> list[Row]:
    """Generate and write the synthetic roster; returns its rows."""
    rows = generate_rows(areas, seed)
    write_rows(path, rows)
    return rows


def area_key(row: Mapping[str, str]) -> tuple[str, str]:
    return row[UNIT], row[AREA]


def first_areas(rows: Sequence[Row], count: int) -> list[Row]:
    """The rows of the first `count` areas (all officers of each area)."""
    seen: set[tuple[str, str]] = set()
    picked: list[Row] = []
    for row in rows:
        key = area_key(row)
        if key not in seen:
            if len(seen) == count:
                break
            seen.add(key)
        picked.append(row)
    return picked


def change_one_row(path: Path) -> ChangedRow:
    """Give one officer (the middle data row) a new phone number, rewriting the file in place.

    Deterministic: the same file always gets the same change. The new number keeps the old
    one's prefix and spelling, and is used by no other row.
    """
    rows = read_rows(path)
    if not rows:
        raise ValueError(f"{path}: no data rows")
    index = len(rows) // 2
    row = rows[index]
    old = row[PHONE]
    digits = "".join(ch for ch in old if ch.isdigit())[-9:]
    used = {"".join(ch for ch in r[PHONE] if ch.isdigit())[-9:] for r in rows}
    prefix, suffix = digits[:6], int(digits[6:])
    for step in range(1, 1000):
        candidate = f"{prefix}{(suffix + step) % 1000:03d}"
        if candidate not in used:
            break
    else:
        raise ValueError(f"{path}: no free phone number under the prefix {prefix}")
    # Every spelling written here ends in the last three digits: only they change.
    new = old[:-3] + candidate[-3:]
    row[PHONE] = new
    write_rows(path, rows)
    return ChangedRow(index + 1, row[UNIT], row[AREA], old, new)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--areas", type=int, default=DEFAULT_AREAS, help="number of areas")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--out", type=Path, default=Path("wykaz-krajowy.csv"), help="CSV file")
    args = parser.parse_args(argv)
    rows = write_roster(args.out, args.areas, args.seed)
    print(f"{args.out}: {args.areas} rejonów, {len(rows)} wierszy")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
