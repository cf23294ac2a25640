"""Issue 15: rosters laid out the way Polish units keep them, read as a careful person would.

Each workbook is built here with openpyxl in the shape of `../shared/reviews/journey.md`'s test
files (fictional people, `000` phone blocks, `.example` e-mails). The messages are asserted
word for word; every one of these tests fails on the code before issue 15.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from leaflets import pipeline
from leaflets.config import LeafletConfig, Settings, UnitDefaults
from leaflets.errors import RosterError
from leaflets.index_content import index_view
from leaflets.problems import Severity

HEADER = [
    "Lp.",
    "Jednostka",
    "Nr rejonu",
    "Stopień",
    "Imię",
    "Nazwisko",
    "Telefon służbowy",
    "Adres e-mail",
    "Osiedle",
    "Ulice w rejonie",
    "Dyżur dzielnicowego",
    "Uwagi",
]
UNIT = "Komisariat Policji Wrocław-Krzyki"


def csv_roster(path: Path, *lines: str) -> Path:
    """A small UTF-8 CSV roster, a header line and rows."""
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook with these sheets, in order, each a list of rows."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def refusal(path: Path) -> str:
    """The message a roster the tool cannot read ends the run with."""
    with pytest.raises(RosterError) as error:
        pipeline.intake(Settings(rosters=(path,)))
    return str(error.value)


def several_files(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(an Excel lock file, a file that is no spreadsheet, a good roster)."""
    good = csv_roster(
        tmp_path / "wykaz.csv",
        "Jednostka;Nr rejonu;Imię;Nazwisko;Telefon;Ulice",
        "KP Test;1;Jan;Nowak;600 000 101;Polna",
    )
    lock = tmp_path / "~$wykaz-krzyki.xlsx"
    lock.write_bytes(b"\x00" * 165)
    broken = tmp_path / "zepsuty.xlsx"
    broken.write_text("nie arkusz", encoding="utf-8")
    return lock, broken, good


def krzyki(path: Path) -> Path:
    """journey.md's `wykaz-krzyki.xlsx`: a merged title, "stan na", the header on row 4,
    `Jednostka` merged over B5:B16 with an empty row 8 under it, a vacancy, a namesake with two
    phones, ranks as typed, a lower-case surname, a footer."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Dzielnicowi"
    sheet["A1"] = f"Wykaz dzielnicowych {UNIT}"
    sheet.merge_cells("A1:L1")
    sheet["A2"] = "stan na 15.11.2026 r."
    sheet.append([])
    sheet.append(HEADER)
    rows = [
        [1, UNIT, "1", "starszy aspirant", "Anna", "Kowalska", "tel. 71 000 45 67",
         "anna.kowalska@krzyki.example", "Gaj", "ul. Bardzka; ul. Gajowa", "wt 16–18", ""],
        [2, None, "2", "mł.asp", "Piotr", "Zieliński", "+48 600-000-200", "", "Huby",
         "ul. Glinianа; ul. Hubska", "", ""],
        [3, None, "3", "ST. SIERŻ.", "Ewa", "dąbrowska", "600000201", "", "Borek",
         "ul. Powstańców Śląskich", "", ""],
        [None] * 12,  # row 8: looks empty in Excel, only the merged unit is "in" it
        [4, None, "4", "asp. szt.", "Tomasz", "Wójcik", "600 000 234", "", "Partynice",
         "ul. Ołtaszyńska 1-20", "", ""],
        [5, None, "5", "aspirnat", "Jan", "Mazur", "602 000 22", "", "Brochów",
         "ul. Brochowska", "", ""],
        [6, None, "4", "asp. szt.", "Tomasz", "Wójcik", "600 000 235", "", "Partynice",
         "ul. Ołtaszyńska 21-40", "", ""],
        [7, None, "7", "", "WAKAT", "", "", "", "Oporów",
         "ul. Ołtaszyńska 41-120", "", "rejon nieobsadzony"],
        [8, None, "8", "sierż.", "Marek", "Lis", "600 000 208", "", "Klecina",
         "ul. Klecińska", "", "urlop do 30.11"],
        [9, None, "9", "podkom.", "Irena", "Sowa", "600 000 209", "", "Jagodno",
         "ul. Jagodzińska", "", ""],
        [10, None, "10", "post.", "Olga", "Kruk", "600 000 210 wew. 12", "", "Wojszyce",
         "ul. Wojszycka", "", ""],
        [11, None, "11", "st. post.", "Adam", "Nowak", "600 000 211, 71 000 12 34", "",
         "Ołtaszyn", "ul. Wałbrzyska", "", ""],
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("B5:B16")
    sheet.append([])
    sheet.append(["Sporządził: asp. szt. Zenon Przykładowy"])
    sheet.append(["Wrocław, 15.11.2026 r."])
    notes = book.create_sheet("Uwagi")
    notes.append(["Notatki koordynatora: spotkanie 20.11"])
    book.save(path)
    return path


@pytest.fixture
def read(tmp_path: Path) -> pipeline.Intake:
    return pipeline.intake(Settings(rosters=(krzyki(tmp_path / "wykaz-krzyki.xlsx"),)))


def test_every_header_is_read_by_what_it_says(read: pipeline.Intake) -> None:
    """Item 1: `check` prints this table; `Lp.` and `Uwagi` are ignored quietly."""
    sheet, notes = read.sheets
    assert (notes.sheet, notes.read, notes.headers) == ("Uwagi", False, ())  # no header: skipped
    assert sheet.header_row == 4
    assert [r.describe() for r in sheet.headers] == [
        "kolumna A „Lp.” → pominięta (numer porządkowy)",
        "kolumna B „Jednostka” → jednostka Policji",
        "kolumna C „Nr rejonu” → numer rejonu",
        "kolumna D „Stopień” → stopień",
        "kolumna E „Imię” → imię",
        "kolumna F „Nazwisko” → nazwisko",
        "kolumna G „Telefon służbowy” → telefon służbowy",
        "kolumna H „Adres e-mail” → e-mail",
        "kolumna I „Osiedle” → nazwa rejonu (osiedle, dzielnica)",
        "kolumna J „Ulice w rejonie” → opis rejonu",
        "kolumna K „Dyżur dzielnicowego” → dyżur dzielnicowego",
        "kolumna L „Uwagi” → pominięta (uwagi)",
    ]
    assert not [p for p in read.problems if p.code == "nieznana-kolumna"]


def test_every_row_is_accounted_for(read: pipeline.Intake) -> None:
    """Items 3, 4, 6: the merged-only row 8 is blank, the footer is a note, the vacancy keeps
    its area, both rows of the namesake with two phones are refused."""
    assert [(r.where.row, r.status) for r in read.rows] == [
        (5, "ok"),
        (6, "ok"),
        (7, "ok"),
        (9, "rejected"),  # Wójcik, 600 000 234
        (10, "rejected"),  # 602 000 22: eight digits
        (11, "rejected"),  # Wójcik, 600 000 235
        (12, "vacancy"),
        (13, "ok"),
        (14, "ok"),
        (15, "ok"),
        (16, "ok"),
        (18, "note"),
        (19, "note"),
    ]
    assert not [p for p in read.problems if p.where is not None and p.where.row == 8]


def test_the_problems_speak_the_sheets_language_in_row_order(
    read: pipeline.Intake, tmp_path: Path
) -> None:
    """Item 8: columns as the sheet names them, with their letters; rows in order; „…"."""
    path = tmp_path / "wykaz-krzyki.xlsx"
    rows = [p for p in read.problems if p.where is not None and p.where.sheet == "Dzielnicowi"]
    assert [p.where.row for p in rows if p.where] == sorted(p.where.row for p in rows if p.where)
    found = {(p.where.row, p.code): p for p in rows if p.where}
    assert found[(10, "zly-telefon")].describe() == (
        f"{path}, arkusz „Dzielnicowi”, wiersz 10, kolumna G „Telefon służbowy”: numer ma 8"
        " cyfr, a polski numer ma 9 — sprawdź, czy nie brakuje cyfry (np. 600 000 000)"
    )
    assert found[(10, "nieznany-stopien")].describe() == (
        f"{path}, arkusz „Dzielnicowi”, wiersz 10, kolumna D „Stopień”: nieznany stopień"
        " policyjny — pominięty na ulotce; czy chodziło o: aspirant?"
    )
    assert found[(9, "inne-dane-osoby")].message == (
        "Tomasz Wójcik ma inne dane niż w wierszu 11 (telefon 600 000 234 ≠ 600 000 235) —"
        " popraw jeden z wierszy"
    )
    assert found[(11, "inne-dane-osoby")].message == (
        "Tomasz Wójcik ma inne dane niż w wierszu 9 (telefon 600 000 235 ≠ 600 000 234) —"
        " popraw jeden z wierszy"
    )
    assert (found[(12, "wakat")].severity, found[(12, "wakat")].message) == (
        Severity.INFO,
        "rejon 7 nieobsadzony — bez ulotki; w skorowidzu ulic i w wyszukiwarce z telefonem"
        " jednostki",
    )
    assert found[(16, "dwa-telefony")].message == (
        "w komórce są dwa numery — komórkowy 600 000 211 wydrukowano jako telefon, stacjonarny"
        " 71 000 12 34 jako tel. stacjonarny; wpisz je w osobnych kolumnach „Telefon”"
        " i „Tel. stacjonarny”"
    )
    assert found[(15, "numer-wewnetrzny")].message == (
        "numer wewnętrzny wydrukowany przy numerze (600 000 210 wew. 12); kod QR i link"
        " dzwonią na 600 000 210"
    )
    assert [(p.severity, p.message, p.value) for p in rows if p.code == "notatka"] == [
        (
            Severity.INFO,
            "stopka lub data, nie dane dzielnicowego — pominięta",
            "Sporządził: asp. szt. Zenon Przykładowy",
        ),
        (
            Severity.INFO,
            "stopka lub data, nie dane dzielnicowego — pominięta",
            "Wrocław, 15.11.2026 r.",
        ),
    ]


def test_names_ranks_and_phones_as_typed(read: pipeline.Intake) -> None:
    officers = {o.surname: o for a in read.grouping.areas for o in a.officers}
    assert officers["Dąbrowska"].rank == "st. sierż."
    assert officers["Kowalska"].rank == "st. asp."
    assert officers["Zieliński"].rank == "mł. asp."
    assert officers["Kruk"].phone.national == "600 000 210 wew. 12"
    assert officers["Kruk"].phone.e164 == "+48600000210"
    assert officers["Nowak"].phone.national == "600 000 211"
    assert officers["Nowak"].landline is not None
    assert officers["Nowak"].landline.national == "71 000 12 34"
    assert "Wójcik" not in officers and "Mazur" not in officers


def test_the_vacant_area_stays_in_the_street_index(read: pipeline.Intake) -> None:
    """Item 4 (journey C10: rejon 7's streets vanished from the index)."""
    areas = read.grouping.areas
    seven = next(a for a in areas if a.number == "7")
    assert seven.officers == ()
    assert seven.vacancy is not None
    assert seven.vacancy.note == "WAKAT"
    rows = [
        (street.name, row.numbers, row.area_label.first, row.officers)
        for letter in index_view(areas).letters
        for street in letter.streets
        for row in street.rows
        if row.area_label.first.startswith("rejon 7")
    ]
    assert rows == [
        (
            "ul. Ołtaszyńska",
            "41–120",
            "rejon 7 (Oporów)",
            "nieobsadzony — zadzwoń do jednostki Policji",
        )
    ]


def test_a_vacant_area_is_found_with_the_unit_phone(tmp_path: Path) -> None:
    path = krzyki(tmp_path / "wykaz-krzyki.xlsx")
    config = LeafletConfig(unit=UnitDefaults(phone="71 000 00 00"))
    found = pipeline.find(Settings(rosters=(path,), config=config), address="Ołtaszyńska 50")
    [match] = found.matches
    assert (match.area.number, match.vacant, match.officers, match.unit_phone) == (
        "7",
        True,
        (),
        "71 000 00 00",
    )
    assert found.as_json()["matches"][0]["vacant"] is True


def vacancy_covered(path: Path) -> Path:
    return workbook(
        path,
        {
            "KP Test": [
                ["Nr rejonu", "Dzielnicowy", "Telefon", "Ulice"],
                ["6", "sierż. Jan NOWAK", "600 000 106", "ul. Polna"],
                ["7", "wakat – obsługuje dzielnicowy rejonu 6", "", "ul. Leśna"],
                ["8", "p.o. st. post. Anna LIS", "600 000 108", "ul. Łąkowa"],
            ]
        },
    )


def test_a_vacancy_names_who_covers_it(tmp_path: Path) -> None:
    read = pipeline.intake(Settings(rosters=(vacancy_covered(tmp_path / "w.xlsx"),)))
    areas = {a.number: a for a in read.grouping.areas}
    assert areas["7"].vacancy is not None
    assert [o.name for o in areas["7"].vacancy.covering] == ["Jan Nowak"]
    assert areas["7"].vacancy.covering_area == "6"
    assert areas["8"].vacancy is not None
    assert [(o.rank, o.name) for o in areas["8"].vacancy.covering] == [("st. post.", "Anna Lis")]
    # As a reader sees it: the phone's no-break span and the rank's no-break space are layout.
    index = {
        row.area_label.first: re.sub(r"<[^>]+>", "", row.officers).replace("\u00a0", " ")
        for letter in index_view(read.grouping.areas).letters
        for street in letter.streets
        for row in street.rows
    }
    assert index["rejon 7"] == (
        "nieobsadzony — obsługuje dzielnicowy rejonu 6: sierż. Jan Nowak, tel. 600 000 106"
    )
    assert index["rejon 8"] == "nieobsadzony — obsługuje: st. post. Anna Lis, tel. 600 000 108"
    [found] = pipeline.find(Settings(rosters=(tmp_path / "w.xlsx",)), address="Leśna 3").matches
    assert (found.vacant, found.covering_area, [o.name for o in found.officers]) == (
        True,
        "6",
        ["Jan Nowak"],
    )
    assert [(r.where.row, r.status) for r in read.rows] == [
        (2, "ok"),
        (3, "vacancy"),
        (4, "vacancy"),
    ]


# --- units ------------------------------------------------------------------------------------


def komisariaty(path: Path) -> Path:
    """One sheet per komisariat, each numbering its rejony from 1, the unit only in the title
    row and the sheet name (journey: three komisariats' rejon 1 became one leaflet)."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for index, (name, title) in enumerate(
        [
            ("Krowodrza", "Wykaz dzielnicowych Komisariatu Policji Kraków-Krowodrza"),
            ("Nowa Huta", "WYKAZ DZIELNICOWYCH KOMISARIATU POLICJI KRAKÓW-NOWA HUTA"),
            ("KP Podgórze", ""),
        ]
    ):
        sheet = book.create_sheet(name)
        sheet.append([title])
        sheet.append(["Lp.", "Nr rejonu", "Imię i nazwisko", "Telefon", "Opis rejonu"])
        sheet.append([1, "1", f"Jan NOWAK{'CKI' * index}", f"600 000 1{index}1", "ul. Polna"])
        sheet.append([2, "2", f"Anna LIS{'EK' * index}", f"600 000 1{index}2", "ul. Leśna"])
    book.save(path)
    return path


def test_rejony_of_different_komisariaty_are_never_merged(tmp_path: Path) -> None:
    """Item 3: the unit from the title row (genitive, capitals), else the sheet name."""
    read = pipeline.intake(Settings(rosters=(komisariaty(tmp_path / "kmp.xlsx"),)))
    assert [(a.unit.name, a.number, [o.name for o in a.officers]) for a in read.grouping.areas] == [
        ("Komisariat Policji Kraków-Krowodrza", "1", ["Jan Nowak"]),
        ("Komisariat Policji Kraków-Krowodrza", "2", ["Anna Lis"]),
        ("Komisariat Policji Kraków-Nowa Huta", "1", ["Jan Nowakcki"]),
        ("Komisariat Policji Kraków-Nowa Huta", "2", ["Anna Lisek"]),
        ("Komisariat Policji Podgórze", "1", ["Jan Nowakckicki"]),
        ("Komisariat Policji Podgórze", "2", ["Anna Lisekek"]),
    ]
    said = [
        (p.where.sheet, p.where.row, p.message)
        for p in read.problems
        if p.where and p.code == "jednostka-z-arkusza"
    ]
    assert said == [
        (
            "Krowodrza",
            1,
            "wiersze nie podają jednostki — przyjęto „Komisariat Policji Kraków-Krowodrza” z"
            " tytułu nad tabelą",
        ),
        (
            "Nowa Huta",
            1,
            "wiersze nie podają jednostki — przyjęto „Komisariat Policji Kraków-Nowa Huta” z"
            " tytułu nad tabelą",
        ),
        (
            "KP Podgórze",
            2,
            "wiersze nie podają jednostki — przyjęto „Komisariat Policji Podgórze” z nazwy arkusza",
        ),
    ]
    # The combined column was split without a guess (the capitals show the surname).
    assert not [p for p in read.problems if p.code == "imie-nazwisko-zgadniete"]


def test_one_rejon_on_two_sheets_of_one_unit_is_merged_and_said(tmp_path: Path) -> None:
    header = ["Rejon", "Imię", "Nazwisko", "Telefon", "Ulice"]
    path = workbook(
        tmp_path / "dwa.xlsx",
        {
            "Miasto": [header, ["1", "Jan", "Nowak", "600 000 101", "ul. Polna"]],
            "Wieś": [header, ["1", "Anna", "Lis", "600 000 102", "Kunice"]],
        },
    )
    config = LeafletConfig(unit=UnitDefaults("KP Test"))
    read = pipeline.intake(Settings(rosters=(path,), config=config))
    [area] = read.grouping.areas
    assert [o.name for o in area.officers] == ["Jan Nowak", "Anna Lis"]
    [warning] = [p for p in read.problems if p.code == "rejon-z-dwoch-arkuszy"]
    assert warning.message == (
        "rejon 1 jest w arkuszach „Miasto” i „Wieś” — połączono je w jeden rejon jednostki"
        " „KP Test”; jeśli to różne jednostki, wpisz jednostkę w kolumnie „Jednostka” albo"
        " nazwij arkusze nazwami jednostek"
    )


def test_a_unit_written_once_is_filled_down_with_a_warning(tmp_path: Path) -> None:
    """Item 3: a CSV exported from a merged cell has the unit in the first row only."""
    path = tmp_path / "wykaz.csv"
    path.write_bytes(
        (
            "Jednostka;Nr rejonu;Imię;Nazwisko;Telefon;Ulice\r\n"
            f"{UNIT};1;Jan;Nowak;600 000 101;ul. Polna\r\n"
            ";2;Anna;Lis;600 000 102;ul. Leśna\r\n"
            ";3;Ewa;Kot;600 000 103;ul. Łąkowa\r\n"
        ).encode("cp1250")
    )
    read = pipeline.intake(Settings(rosters=(path,)))
    assert {a.unit.name for a in read.grouping.areas} == {UNIT}
    [warning] = [p for p in read.problems if p.code == "jednostka-uzupelniona"]
    assert warning.describe() == (
        f"{path}, wiersz 1, kolumna A „Jednostka”: nazwa jednostki wpisana tylko w pierwszym"
        " wierszu bloku — przyjęto ją z wiersza powyżej także dla wierszy 3–4"
    )


def test_no_unit_anywhere_is_an_error_saying_where_to_put_one(tmp_path: Path) -> None:
    path = csv_roster(
        tmp_path / "wykaz.csv",
        "Nr rejonu;Imię;Nazwisko;Telefon;Ulice",
        "1;Jan;Nowak;600 000 101;ul. Polna",
    )
    read = pipeline.intake(Settings(rosters=(path,)))
    assert read.grouping.areas == ()
    [error] = [p for p in read.problems if p.is_error]
    assert error.describe() == (
        f"{path}, wiersz 2, kolumna „Jednostka”: brak nazwy jednostki Policji — wpisz ją w"
        " kolumnie „Jednostka”, jako nazwę arkusza (np. „KP Legnica”) albo w leaflets.toml:"
        ' [jednostka] nazwa = "…"'
    )
    assert [r.status for r in read.rows] == ["rejected"]


# --- combined columns -------------------------------------------------------------------------


def test_a_combined_name_column_is_split_and_the_manifest_keeps_the_cell(tmp_path: Path) -> None:
    """Item 2 (journey B2: the whole file was refused)."""
    path = csv_roster(
        tmp_path / "wykaz-imie-nazwisko.csv",
        "Jednostka;Nr rejonu;Stopień, imię i nazwisko;Tel. służbowy;Zasięg rejonu",
        "KP Test;1;sierż. szt. Mariusz MAŁEK;600 000 101;ul. Polna",
        "KP Test;2;Kowalski Jan;600 000 102;ul. Leśna",
    )
    read = pipeline.intake(Settings(rosters=(path,)))
    officers = [o for a in read.grouping.areas for o in a.officers]
    assert [(o.rank, o.first_name, o.surname, o.written) for o in officers] == [
        ("sierż. szt.", "Mariusz", "Małek", "sierż. szt. Mariusz MAŁEK"),
        ("", "Jan", "Kowalski", "Kowalski Jan"),
    ]
    [guess] = [p for p in read.problems if p.code == "imie-nazwisko-zgadniete"]
    assert guess.describe() == (
        f"{path}, wiersz 3, kolumna C „Stopień, imię i nazwisko”: odczytano: imię Jan, nazwisko"
        " Kowalski — jeśli to nie tak, wpisz imię i nazwisko w osobnych kolumnach „Imię”"
        " i „Nazwisko”"
    )
    assert guess.value == "Kowalski Jan"


# --- nothing lost in silence -------------------------------------------------------------------


def test_an_unused_column_with_text_is_named_with_its_letter(tmp_path: Path) -> None:
    path = csv_roster(
        tmp_path / "w.csv",
        "Jednostka;Nr rejonu;Imię;Nazwisko;Telefon;Ulice;Numer służbowy",
        "KP Test;1;Jan;Nowak;600 000 101;ul. Polna;12345",
    )
    read = pipeline.intake(Settings(rosters=(path,)))
    [unused] = [p for p in read.problems if p.code == "nieznana-kolumna"]
    assert unused.describe() == (
        f"{path}, wiersz 1, kolumna G „Numer służbowy”: kolumna nieużywana — jej treść nie"
        " trafi na ulotkę (np. wiersz 2: „12345”)"
    )


def test_a_street_column_with_an_unknown_header_is_an_error_not_leaflets_without_streets(
    tmp_path: Path,
) -> None:
    """Item 7 (journey B1: every poster printed without its area, exit code 0)."""
    path = csv_roster(
        tmp_path / "w.csv",
        "Jednostka;Nr rejonu;Imię;Nazwisko;Telefon;Obchód",
        "KP Test;1;Jan;Nowak;600 000 101;ul. Polna, ul. Leśna",
        "KP Test;2;Anna;Lis;600 000 102;Kunice, Bieniowice",
    )
    assert refusal(path) == (
        f"{path}, wiersz 1, kolumna F „Obchód”: ta kolumna wygląda na opis"
        " rejonu (ulice, miejscowości), ale jej nagłówka nie rozpoznano — zmień nagłówek na"
        " „Ulice” albo „Opis rejonu”; bez tego ulotki byłyby bez ulic. Arkusz pominięty"
    )


def test_two_headers_claiming_one_column_are_an_error_naming_both(tmp_path: Path) -> None:
    path = csv_roster(
        tmp_path / "w.csv",
        "Jednostka;Nr rejonu;Imię;Nazwisko;Telefon;Tel. kom.;Ulice",
        "KP Test;1;Jan;Nowak;600 000 101;600 000 102;ul. Polna",
    )
    assert refusal(path) == (
        f"{path}, wiersz 1: kolumny E „Telefon” i F „Tel. kom.” oznaczają to samo (telefon"
        " służbowy) — zmień nagłówek jednej z nich albo ją usuń; arkusz pominięty"
    )


# --- many files at once -------------------------------------------------------------------------


def test_a_lock_file_is_skipped_and_one_unreadable_file_does_not_stop_the_rest(
    tmp_path: Path,
) -> None:
    """Item 9 (journey C11: the lock file of an open workbook ended the whole run)."""
    lock, broken, good = several_files(tmp_path)
    read = pipeline.intake(Settings(rosters=(lock, broken, good)))
    assert [r.where.file for r in read.roster.rows] == [str(good)]
    assert [
        (p.severity, p.code, p.describe()) for p in read.problems if p.where and p.where.row == 0
    ] == [
        (
            Severity.INFO,
            "plik-blokady",
            f"{lock}: to plik blokady Excela (powstaje, gdy skoroszyt jest otwarty) — pominięty",
        ),
        (
            Severity.ERROR,
            "plik-nieczytelny",
            f"{broken}: to nie jest arkusz kalkulacyjny (plik uszkodzony?).",
        ),
    ]


# --- what the outputs say ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "meaning"),
    [
        ("Opis rejonu służbowego", "opis rejonu"),
        ("Ulice w rejonie", "opis rejonu"),
        ("Zasięg rejonu służbowego", "opis rejonu"),
        ("Dyżur dzielnicowego", "dyżur dzielnicowego"),
        ("Tel. służbowy", "telefon służbowy"),
        ("Nr tel. służbowego", "telefon służbowy"),
        ("Telefon służbowy komórkowy", "telefon służbowy"),
        ("L.p.", "pominięta (numer porządkowy)"),
        ("Lp.", "pominięta (numer porządkowy)"),
        ("Uwagi", "pominięta (uwagi)"),
        ("Opsi rejonu", "opis rejonu (nagłówek z literówką?)"),
        ("Nazwsko", "nazwisko (nagłówek z literówką?)"),
        ("Imię i nazwisko", "stopień, imię i nazwisko (rozdzielane)"),
        ("Nazwisko i imię", "stopień, nazwisko i imię (rozdzielane)"),
        ("Stopień, imię i nazwisko", "stopień, imię i nazwisko (rozdzielane)"),
        ("Dzielnicowy (stopień, imię i nazwisko)", "stopień, imię i nazwisko (rozdzielane)"),
        ("Dzielnicowy", "stopień, imię i nazwisko (rozdzielane)"),
        ("Telefon prywatny", "nieużywana — nie trafia na ulotkę"),
    ],
)
def test_the_issues_headers_are_understood(header: str, meaning: str) -> None:
    """Item 1, the issue's list: each was an unknown column (its content silently dropped)."""
    from leaflets.headers import match_headers

    [reading] = match_headers(["", "", "", "", header]).readings
    assert reading.describe() == f"kolumna E „{header}” → {meaning}"


def test_namesakes_in_different_units_are_two_people(tmp_path: Path) -> None:
    """Item 6: the summary's officer count."""
    path = csv_roster(
        tmp_path / "w.csv",
        "Jednostka;Nr rejonu;Imię;Nazwisko;Telefon;Ulice",
        "KP Jeden;1;Jan;Nowak;600 000 101;ul. Polna",
        "KP Dwa;1;Jan;Nowak;600 000 102;ul. Leśna",
        "KP Dwa;2;Jan;Nowak;600 000 102;ul. Łąkowa",
    )
    read = pipeline.intake(Settings(rosters=(path,)))
    report = pipeline.Report((), read.grouping.areas, (), read.problems, rendered=False)
    assert report.officers == 2
    assert report.exit_code == 0


def test_the_manifest_keeps_the_combined_cell() -> None:
    from leaflets.output.manifest import officer_json
    from leaflets.phones import parse_phone
    from leaflets.validation import Officer

    phone = parse_phone("600 000 101")
    assert phone is not None
    officer = Officer("sierż.", "Jan", "Nowak", phone, None, "", "", None, "sierż. Jan NOWAK")
    assert officer_json(officer) == {
        "rank": "sierż.",
        "name": "Jan Nowak",
        "phone": "600 000 101",
        "email": "",
        "as_written": "sierż. Jan NOWAK",
    }


def test_the_problem_report_has_filters_a_frozen_header_and_the_sheets_headers(
    read: pipeline.Intake, tmp_path: Path
) -> None:
    """Item 8 (journey C6: internal column names, no autofilter)."""
    import datetime as dt

    from leaflets.output.problem_report import write_problem_report

    path = tmp_path / "problemy.xlsx"
    write_problem_report(path, read.problems, dt.date(2026, 11, 1))
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:H{len(rows)}"
    columns = {row[3] for row in rows[1:]}
    assert "G „Telefon służbowy”" in columns
    assert "D „Stopień”" in columns
    assert not columns & {"telefon", "stopien", "imie", "ulice", "rejon"}
