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
import os
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
    "Makietów",
    "Szablonowo",
    "Modelewo",
    "Wzorcowice",
    "Umownice",
    "Zmyślin",
    "Wymyślice",
    "Projektowo",
    "Szkicowo",
    "Brudnopisy",
    "Ćwiczebne",
    "Pozorów",
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

    def numbers(self, parity: str = "all") -> tuple[int, int]:
        """A realistic house-number range; even/odd ranges start and end on that parity."""
        start = self.rng.randrange(1, 60)
        end = start + self.rng.randrange(6, 140)
        if parity == "even":
            start, end = start + start % 2, end + end % 2
        elif parity == "odd":
            start, end = start + 1 - start % 2, end + 1 - end % 2
        return start, end

    def street_segment(self, name: str) -> str:
        rng = self.rng
        roll = rng.random()
        street = f"ul. {name}"
        if roll < 0.28:
            return street
        if roll < 0.46:
            start, end = self.numbers()
            return f"{street} {start}-{end}"
        if roll < 0.58:
            start, end = self.numbers("even")
            return f"{street} (parzyste od {start} do {end})"
        if roll < 0.68:
            start, end = self.numbers("odd")
            return f"{street} (nieparzyste od {start} do {end})"
        if roll < 0.74:
            even, odd = self.numbers("even"), self.numbers("odd")
            return (
                f"{street} (parzyste od numeru {even[0]} do numeru {even[1]},"
                f" nieparzyste od numeru {odd[0]} do numeru {odd[1]})"
            )
        if roll < 0.79:
            return (
                f"{street} (numery parzyste od {self.numbers('even')[0]}"
                f" i nieparzyste od numeru {self.numbers('odd')[0]})"
            )
        if roll < 0.85:
            return f"{street} do numeru {self.numbers()[1]}"
        if roll < 0.90:
            return f"{street} od numeru {self.numbers()[0]}"
        first = rng.randrange(1, 40)
        houses = [str(first + 2 * step) for step in range(rng.randrange(2, 5))]
        if rng.random() < 0.4:
            houses[-1] += rng.choice("ab")
        return f"{street} {', '.join(houses)}"

    def estate_segment(self) -> str:
        estate = self.rng.choice(ESTATES)
        last = self.rng.randrange(3, 12)
        if self.rng.random() < 0.3:
            return f"os. {estate} (bloki 1-{last} i {last + 3}-{last + 5})"
        return f"os. {estate} (bloki 1-{last})"

    def city_description(self) -> str:
        count = self.rng.randint(*SEGMENTS)
        segments: list[str] = []
        for name in self.rng.sample(STREETS, count):
            roll = self.rng.random()
            if roll < 0.05:
                segments.append(self.estate_segment())
            elif roll < 0.07:
                segments.append(f"al. {self.rng.choice(AVENUES)}")
            elif roll < 0.09:
                segments.append(f"pl. {self.rng.choice(SQUARES)}")
            else:
                segments.append(self.street_segment(name))
        # Identical segments (the same estate twice) would be one line: keep the first.
        return "; ".join(dict.fromkeys(segments))

    def villages(self) -> list[str]:
        count = self.rng.randint(*SEGMENTS)
        names: dict[str, None] = {}
        while len(names) < count:
            names[self.rng.choice(VILLAGE_STEMS) + self.rng.choice(VILLAGE_ENDINGS)] = None
        return list(names)


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
        taken: set[tuple[str, str]] = set()
        for area_number in range(1, size + 1):
            if rng.random() < RURAL_SHARE:
                villages = gen.villages()
                area_name, area_town, streets = f"{villages[0]} i okolice", "", ", ".join(villages)
            else:
                area_name, area_town, streets = rng.choice(AREA_NAMES), town, gen.city_description()
            officers = 2 if rng.random() < TWO_OFFICERS_SHARE else 1
            for _ in range(officers):
                first, surname = gen.officer(taken)
                email = f"{_ascii(first)}.{_ascii(surname)}@{domain}"
                rows.append(
                    {
                        "Jednostka": unit,
                        "Rejon": area_style.format(area_number),
                        "Nazwa rejonu": area_name,
                        "Miejscowość": area_town,
                        "Stopień": gen.rank(),
                        "Imię": first,
                        "Nazwisko": (
                            surname.upper() if rng.random() < UPPERCASE_SURNAME_SHARE else surname
                        ),
                        "Telefon": gen.phone(),
                        "E-mail": "" if rng.random() < NO_EMAIL_SHARE else email,
                        "Ulice": streets,
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
    os.replace(temporary, path)


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
