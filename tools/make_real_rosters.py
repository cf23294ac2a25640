"""Writes the rosters of tests/data/real/ from the real area descriptions in
tests/data/real/sources.json: every unit in the shapes clerks use and in README's documented
shape, and expected.json, the fate of every row as written (officer, vacancy, note).

Usage: .venv/bin/python -m tools.make_real_rosters            # write the files
       .venv/bin/python -m tools.make_real_rosters --figures  # read them back and count

The descriptions are copied verbatim from public pages (sources.json names each one); every
officer, phone (`600 000 1xx`, landlines `xx 000 00 xx`) and e-mail (`.example`) is invented.
The same content comes out on every run.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font

# The fixtures' writer: fixed dates in the file and its zip members, so reruns are identical.
from tests.data.make_fixtures import _rezip as rezip
from tests.data.make_fixtures import _save as save_fixture

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"

FIRST = [
    "Adam",
    "Agata",
    "Andrzej",
    "Anna",
    "Bartosz",
    "Beata",
    "Dariusz",
    "Dorota",
    "Ewa",
    "Filip",
    "Grażyna",
    "Grzegorz",
    "Halina",
    "Iwona",
    "Jacek",
    "Jan",
    "Joanna",
    "Kamil",
    "Karolina",
    "Krzysztof",
    "Łukasz",
    "Magdalena",
    "Marek",
    "Marta",
    "Michał",
    "Monika",
    "Paweł",
    "Piotr",
    "Renata",
    "Robert",
    "Sylwia",
    "Tomasz",
    "Urszula",
    "Wojciech",
    "Zofia",
    "Zbigniew",
]
SURNAMES = [
    "Nowak",
    "Kowalczyk",
    "Wiśniewski",
    "Wójcik",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Jankowski",
    "Mazur",
    "Kwiatkowski",
    "Krawczyk",
    "Piotrowski",
    "Grabowski",
    "Pawłowski",
    "Michalski",
    "Król",
    "Wieczorek",
    "Jabłoński",
    "Wróbel",
    "Nowakowski",
    "Majewski",
    "Olszewski",
    "Stępień",
    "Malinowski",
    "Jaworski",
    "Adamczyk",
    "Dudek",
    "Nowicki",
    "Pawlak",
    "Górski",
    "Witkowski",
    "Walczak",
    "Sikora",
    "Baran",
    "Rutkowski",
    "Michalak",
    "Szewczyk",
    "Ostrowski",
    "Tomaszewski",
    "Pietrzak",
    "Zalewski",
    "Wróblewski",
]
RANKS = ("sierż. szt.", "st. asp.", "mł.asp.", "asp.", "st. sierż.", "sierżant", "st. post.")
NAME_HEADERS = (
    "Stopień, imię i nazwisko",
    "Dzielnicowy (stopień, imię i nazwisko)",
    "Nazwisko i imię",
    "Dzielnicowy",
    "Imię i nazwisko",
)
PHONE_HEADERS = ("Tel. służbowy", "Nr tel. służbowego", "Telefon służbowy komórkowy", "Tel. kom.")
DESCRIPTION_HEADERS = (
    "Opis rejonu służbowego",
    "Ulice w rejonie",
    "Zasięg rejonu służbowego",
    "Zasięg rejonu",
    "Obszar działania",
)
DOCUMENTED = (
    "Jednostka",
    "Nr rejonu",
    "Stopień",
    "Imię",
    "Nazwisko",
    "Telefon",
    "E-mail",
    "Ulice",
    "Telefon dyżurnego",
    "Działania priorytetowe",
    "Uwagi",
)


def _feminine(surname: str, first: str) -> str:
    female = first.endswith("a") and first != "Barnaba"
    return surname[:-1] + "a" if female and surname.endswith("ki") else surname


def _ascii(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass
class Person:
    rank: str
    first: str
    surname: str
    phone: str
    email: str


@dataclass
class People:
    """Invented officers, one after another: every run gives the same ones."""

    count: int = 0
    made: list[Person] = field(default_factory=list)

    def next(self, mail: str) -> Person:
        n = self.count
        self.count += 1
        first = FIRST[(n * 7) % len(FIRST)]
        surname = _feminine(SURNAMES[(n * 11) % len(SURNAMES)], first)
        email = f"{_ascii(first).lower()}.{_ascii(surname).lower()}@{mail}.policja.example"
        person = Person(RANKS[n % len(RANKS)], first, surname, f"600 000 {100 + n}", email)
        self.made.append(person)
        return person


def _written_name(person: Person, header: str, index: int) -> str:
    """A person as a clerk types them under `header`: rank first, surname in capitals."""
    if header == "Nazwisko i imię":
        return f"{person.surname.upper()} {person.first}"
    if header == "Imię i nazwisko":
        return f"{person.first} {person.surname.upper()}"
    return f"{person.rank} {person.first} {person.surname.upper()}"


def _written_phone(phone: str, index: int) -> str:
    """The officer's mobile as clerks type it."""
    digits = phone.replace(" ", "")
    forms = (f"kom. {phone}", f"{digits[:3]}-{digits[3:6]}-{digits[6:]}", f"+48 {phone}", phone)
    return forms[index % len(forms)]


def _note_and_cover(note: str) -> tuple[str, str]:
    head, _, cover = note.partition(" – ")
    return head, cover


@dataclass
class Ledger:
    """expected.json: what each written row is, decided here, not by the tool."""

    files: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(
        self, file: str, sheet: str, row: int, kind: str, unit: str = "", rejon: str = ""
    ) -> None:
        self.files.setdefault(file, []).append(
            {"sheet": sheet, "row": row, "kind": kind, "unit": unit, "rejon": rejon}
        )


def clerk_workbook(unit: dict[str, Any], index: int, people: People, ledger: Ledger) -> Path:
    """One sheet per komisariat as a clerk lays it out: a merged title naming the unit, "stan
    na", the header on row 4 with `Lp.`, a combined name column and `Uwagi`, rejon and
    description merged over an area's officers, vacancies, a footer and a date."""
    path = REAL / unit["id"] / "wykaz.xlsx"
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    name_header = NAME_HEADERS[index % len(NAME_HEADERS)]
    phone_header = PHONE_HEADERS[index % len(PHONE_HEADERS)]
    description_header = DESCRIPTION_HEADERS[index % len(DESCRIPTION_HEADERS)]
    header = ["Lp.", "Nr rejonu", name_header, phone_header, "Adres e-mail"]
    header += [description_header, "Dyżur dzielnicowego", "Uwagi"]
    label = f"{unit['id']}/wykaz.xlsx"
    for komisariat in unit["komisariaty"]:
        sheet = book.create_sheet(komisariat["sheet"])
        _clerk_sheet(sheet, komisariat, header, unit, people, Place(ledger, label))
    _save(book, path)
    return path


@dataclass(frozen=True)
class Place:
    ledger: Ledger
    label: str


def _clerk_sheet(
    sheet: Any,
    komisariat: dict[str, Any],
    header: list[str],
    unit: dict[str, Any],
    people: People,
    place: Place,
) -> None:
    """One komisariat's sheet; every row it writes goes into the ledger with its fate."""
    ledger, label, name_header = place.ledger, place.label, header[2]
    expected_unit = komisariat.get("sheet_unit") or komisariat["unit"]
    if komisariat["title"]:
        sheet["A1"] = komisariat["title"]
        sheet.merge_cells("A1:H1")
        sheet["A1"].font = Font(bold=True)
    sheet["A2"] = "stan na 01.11.2026 r."
    sheet.append([])
    sheet.append(header)
    number = 0
    written = 4  # the header's row; `append([])` adds a row that max_row does not see
    for area in komisariat["areas"]:
        top = written + 1
        if "vacant" in area:
            name, cover = _note_and_cover(area["vacant"])
            number += 1
            sheet.append([number, area["rejon"], name, "", "", area["text"], "", cover])
            ledger.add(label, komisariat["sheet"], top, "vacancy", expected_unit, area["rejon"])
            written += 1
            continue
        for n in range(area.get("officers", 1)):
            person = people.next(unit["mail"])
            number += 1
            row = [number, area["rejon"], _written_name(person, name_header, n)]
            row += [_written_phone(person.phone, people.count), person.email]
            row += [area["text"] if n == 0 else None, "wtorek 15:00–17:00, pok. 12", ""]
            sheet.append(row)
            ledger.add(label, komisariat["sheet"], top + n, "officer", expected_unit, area["rejon"])
        rows = area.get("officers", 1) + (1 if area.get("blank_below") else 0)
        if area.get("blank_below"):
            sheet.append([])  # under the merged cells: blank in Excel, not a data row
        if rows > 1:
            for column in ("B", "F"):
                sheet.merge_cells(f"{column}{top}:{column}{top + rows - 1}")
        written += rows
    sheet.append([])
    sheet.append(["Sporządził: koordynator ds. dzielnicowych"])
    sheet.append([f"{unit['town'] or 'Miejscowość'}, dnia 01.11.2026 r."])
    ledger.add(label, komisariat["sheet"], written + 2, "note")
    ledger.add(label, komisariat["sheet"], written + 3, "note")
    sheet.column_dimensions["F"].width = 80
    for cells in sheet.iter_rows(min_row=5):
        cells[5].alignment = Alignment(wrap_text=True, vertical="top")


def documented_workbook(unit: dict[str, Any], people: People, ledger: Ledger, ods: bool) -> Path:
    """README's shape: one row per officer, every column named as the README names it."""
    path = REAL / unit["id"] / ("wzor.ods" if ods else "wzor.xlsx")
    label = f"{unit['id']}/{path.name}"
    rows: list[list[str]] = []
    for komisariat in unit["komisariaty"]:
        for area in komisariat["areas"]:
            base = [komisariat["unit"], area["rejon"]]
            tail = [area["text"], unit["duty_phone"], area.get("priority", "")]
            if "vacant" in area:
                _, cover = _note_and_cover(area["vacant"])
                rows.append([*base, "", "wakat", "", "", "", *tail, cover])
                ledger.add(
                    label, "Rejony", len(rows) + 1, "vacancy", komisariat["unit"], area["rejon"]
                )
                continue
            for _ in range(area.get("officers", 1)):
                person = people.next(unit["mail"])
                rows.append(
                    [*base, person.rank, person.first, person.surname, person.phone, person.email,
                     *tail, ""]
                )  # fmt: skip
                ledger.add(
                    label, "Rejony", len(rows) + 1, "officer", komisariat["unit"], area["rejon"]
                )
    frame = pd.DataFrame(rows, columns=list(DOCUMENTED))
    if ods:
        frame.to_excel(path, engine="odf", sheet_name="Rejony", index=False)
        rezip(path)
    else:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Rejony"
        sheet.append(list(DOCUMENTED))
        for row in rows:
            sheet.append(row)
        _save(book, path)
    return path


def cp1250_csv(unit: dict[str, Any], people: People, ledger: Ledger) -> Path | None:
    """Polish Excel's "CSV (rozdzielany średnikami)" of a single-unit roster: Windows-1250,
    `;`, the unit only in the first row (what a merged cell exports), surnames first. Rows
    are numbered as records (a quoted cell may hold line breaks), as the tool numbers them."""
    if len(unit["komisariaty"]) != 1:
        return None
    komisariat = unit["komisariaty"][0]
    path = REAL / unit["id"] / "wykaz.csv"
    label = f"{unit['id']}/wykaz.csv"
    lines = ["Jednostka;Nr rejonu;Nazwisko i imię;Tel. służbowy;Zasięg rejonu;Uwagi"]
    for area in komisariat["areas"]:
        text = '"' + area["text"].replace('"', '""') + '"'
        first = komisariat["unit"] if len(lines) == 1 else ""
        if "vacant" in area:
            name, cover = _note_and_cover(area["vacant"])
            lines.append(f"{first};{area['rejon']};{name.upper()};;{text};{cover}")
            ledger.add(label, "", len(lines), "vacancy", komisariat["unit"], area["rejon"])
            continue
        for _ in range(area.get("officers", 1)):
            person = people.next(unit["mail"])
            name = f"{person.surname.upper()} {person.first}"
            phone = _written_phone(person.phone, people.count + 1)
            lines.append(f"{first};{area['rejon']};{name};{phone};{text};")
            ledger.add(label, "", len(lines), "officer", komisariat["unit"], area["rejon"])
            first = ""
    lines += [";;;;;", "Sporządził: koordynator ds. dzielnicowych;;;;;"]
    ledger.add(label, "", len(lines), "note")
    content = "\r\n".join(lines) + "\r\n"
    try:
        data = content.encode("cp1250")
    except UnicodeEncodeError:
        ledger.files.pop(label)
        return None
    path.write_bytes(data)
    return path


def _save(book: openpyxl.Workbook, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    save_fixture(book, path)


def write() -> None:
    units = json.loads((REAL / "sources.json").read_text(encoding="utf-8"))["units"]
    ledger = Ledger()
    people = People()
    for index, unit in enumerate(units):
        folder = REAL / unit["id"]
        folder.mkdir(parents=True, exist_ok=True)
        clerk_workbook(unit, index, people, ledger)
        documented_workbook(unit, people, ledger, ods=unit["id"] == "kadzidlo")
        cp1250_csv(unit, people, ledger)
    text = json.dumps(ledger.files, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (REAL / "expected.json").write_text(text, encoding="utf-8")
    for path in sorted(REAL.rglob("*")):
        if path.is_file() and path.suffix in (".xlsx", ".ods", ".csv"):
            print(f"{path.stat().st_size:>7}  {path.relative_to(REAL)}")


def figures() -> None:
    """Every corpus file read back with the tool: rows by fate, areas with coverage."""
    from leaflets import pipeline
    from leaflets.config import Settings

    expected = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))
    totals: dict[str, int] = {}
    areas = parsed = verbatim = 0
    for name in sorted(expected):
        read = pipeline.intake(Settings(rosters=(REAL / name,)))
        for row in read.rows:
            totals[row.status] = totals.get(row.status, 0) + 1
        areas += len(read.grouping.areas)
        covered = sum(bool(a.lines) for a in read.grouping.areas)
        parsed += sum(1 for a in read.grouping.areas for line in a.lines if line.coverage)
        verbatim += sum(1 for a in read.grouping.areas for line in a.lines if not line.coverage)
        print(f"{name:28} rows {len(read.rows):3}  areas {len(read.grouping.areas):3}"
              f"  with coverage {covered:3}")  # fmt: skip
    print(f"files {len(expected)}; rows {sum(totals.values())}: {totals}")
    print(f"areas {areas}; coverage lines parsed {parsed}, kept verbatim {verbatim}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", action="store_true", help="read the files back and count")
    if parser.parse_args().figures:
        figures()
    else:
        write()


if __name__ == "__main__":
    main()
