"""Tests for leaflets.roster: reading xlsx/ods/csv into rows with the positions users see.

The files in tests/data/ are written by tests/data/make_fixtures.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

from leaflets.config import LeafletConfig
from leaflets.errors import RosterError
from leaflets.problems import RowRef, Severity
from leaflets.roster import RawRow, Roster, cell_text, read_rosters
from leaflets.validation import validate
from tests.test_clerk_rosters import workbook

DATA = Path(__file__).resolve().parent / "data"


def read(name: str) -> Roster:
    return read_rosters([DATA / name])


def rows_of(roster: Roster) -> list[tuple[str, int, dict[str, str]]]:
    return [(row.where.sheet, row.where.row, dict(row.cells)) for row in roster.rows]


def roster_error(*paths: Path) -> RosterError:
    with pytest.raises(RosterError) as caught:
        read_rosters(list(paths))
    return caught.value


# --- reading good files -----------------------------------------------------------------------


def test_windows_1250_csv_with_semicolons() -> None:
    roster = read("cp1250-srednik.csv")
    assert rows_of(roster) == [
        (
            "",
            2,
            {
                "rejon": "Rejon nr 1",
                "stopien": "sierż. szt.",
                "imie": "Łukasz",
                "nazwisko": "MAŁEK",
                "telefon": "600 997 100",
                "email": "l.malek@policja.example",
                "ulice": "ul. Wodzisławska; ul. Rybnicka",  # quoted `;` stays in the cell
            },
        ),
        (
            "",
            3,
            {
                "rejon": "Rejon nr 2",
                "stopien": "mł.asp.",
                "imie": "Żaneta",
                "nazwisko": "Śliwińska",
                "telefon": "600 997 101",
                "ulice": "ul. Źródlana",
            },
        ),
    ]
    assert roster.problems == ()
    path = DATA / "cp1250-srednik.csv"
    assert roster.rows[0].where == RowRef(str(path), "", 2)
    assert roster.base_dirs == {str(path): DATA}


def test_utf8_csv_with_bom_and_commas() -> None:
    roster = read("utf8-bom-przecinek.csv")
    assert rows_of(roster) == [
        (
            "",
            2,
            {
                "rejon": "05",
                "imie": "Anna",
                "nazwisko": "Nowak",  # NBSP on both sides trimmed
                "telefon": "+48 600 997 102",
                "ulice": "ul. Folwarecka 3, 5, 7a",
            },
        ),
        (
            "",
            3,
            {
                "rejon": "7",
                "imie": "Jan",
                "nazwisko": "Kowalski",
                "telefon": "600-997-103",
                "ulice": "Bieniowice",
            },
        ),
    ]


def test_title_row_merged_area_and_numbers_stored_as_numbers() -> None:
    roster = read("tytul-scalone.xlsx")
    assert rows_of(roster) == [
        # Row numbers as Excel shows them: title on 1, blank 2, header 3, data from 4.
        # `rejon` 5 is one cell merged over rows 4-6; each of them gets it.
        ("KP I", 4, {"rejon": "5", "stopien": "sierż.", "imie": "Marek", "nazwisko": "Zając",
                     "telefon": "600997123"}),
        # 6.00997123E8 in the file is the phone someone typed as 600997123.
        ("KP I", 5, {"rejon": "5", "stopien": "asp.", "imie": "Ewa", "nazwisko": "Lis",
                     "telefon": "600997123"}),
        ("KP I", 6, {"rejon": "5", "stopien": "post.", "imie": "Piotr", "nazwisko": "Wróbel",
                     "telefon": "600 997 125"}),
        ("KP I", 7, {"rejon": "6", "stopien": "st. asp.", "imie": "Ola", "nazwisko": "Sowa",
                     "telefon": "600 997 126"}),
    ]  # fmt: skip
    assert roster.problems == ()


def test_ods_sheet() -> None:
    roster = read("arkusz.ods")
    assert rows_of(roster) == [
        ("Rejony", 2, {"rejon": "3", "stopien": "asp. szt.", "imie": "Karol", "nazwisko": "Wilk",
                       "telefon": "600997104", "email": "k.wilk@policja.example"}),
        ("Rejony", 3, {"rejon": "4", "stopien": "st. post.", "imie": "Iga", "nazwisko": "Kruk",
                       "telefon": "600997105"}),
    ]  # fmt: skip


def test_two_sheets_keep_their_names_and_row_numbers() -> None:
    roster = read("mieszane.xlsx")
    assert [(r.where.sheet, r.where.row, r.get("nazwisko")) for r in roster.rows] == [
        ("KP I", 2, "Mazur"),
        ("KP I", 3, "Nowicka"),
        ("KP I", 4, "Pawlak"),
        ("KP II", 2, "Kaczmarek"),
        ("KP II", 3, "Zieliński"),
        ("KP II", 4, "Król"),
    ]
    # Issue 15, item 1: "Uwagi" is recognised and ignored quietly (it used to be a warning on
    # every sheet); its text is kept aside for vacancies, never printed.
    assert roster.problems == ()
    assert "Uwagi" not in roster.rows[1].cells
    assert roster.rows[1].remarks == ("brak telefonu",)


def test_mixed_rows_validate_to_exactly_the_expected_problems() -> None:
    roster = read("mieszane.xlsx")
    result = validate(roster.rows, LeafletConfig(), roster.base_dirs)
    assert [(r.where.sheet, r.where.row) for r in result.records] == [
        ("KP I", 2),
        ("KP II", 2),
        ("KP II", 3),
        ("KP II", 4),
    ]
    path = DATA / "mieszane.xlsx"
    # Once per sheet, as soon as a row uses it, the unit read from the sheet's name.
    assert [p.describe() for p in result.problems] == [
        f"{path}, arkusz „KP I”, wiersz 1, kolumna „Jednostka”: wiersze nie podają jednostki"
        " — przyjęto „Komisariat Policji I” z nazwy arkusza",
        f"{path}, arkusz „KP I”, wiersz 3, kolumna „Telefon”: brak numeru telefonu",
        f"{path}, arkusz „KP I”, wiersz 4, kolumna „Telefon”: "
        "nieprawidłowy numer telefonu — podaj polski numer, np. 600 000 000",
        f"{path}, arkusz „KP II”, wiersz 2, kolumna „E-mail”: "
        "nieprawidłowy adres e-mail — pominięty na ulotce",
        f"{path}, arkusz „KP II”, wiersz 1, kolumna „Jednostka”: wiersze nie podają jednostki"
        " — przyjęto „Komisariat Policji II” z nazwy arkusza",
        f"{path}, arkusz „KP II”, wiersz 3, kolumna „Stopień”: "
        "nieznany stopień policyjny — pominięty na ulotce",
    ]
    assert {r.unit for r in result.records} == {"Komisariat Policji I", "Komisariat Policji II"}


def test_several_files_are_read_in_order() -> None:
    roster = read_rosters([DATA / "arkusz.ods", DATA / "cp1250-srednik.csv"])
    assert [(Path(r.where.file).name, r.where.row) for r in roster.rows] == [
        ("arkusz.ods", 2),
        ("arkusz.ods", 3),
        ("cp1250-srednik.csv", 2),
        ("cp1250-srednik.csv", 3),
    ]


def test_an_empty_file_among_good_ones_is_skipped() -> None:
    roster = read_rosters([DATA / "pusty.csv", DATA / "arkusz.ods"])
    assert [r.get("nazwisko") for r in roster.rows] == ["Wilk", "Kruk"]


# --- broken files -------------------------------------------------------------------------------


def test_a_header_typo_is_read_as_the_column_it_misspells() -> None:
    """Issue 15, item 1: `Telefn` used to refuse the whole file."""
    roster = read("brak-kolumny.xlsx")
    [row] = roster.rows
    assert row.get("telefon") == "600 997 111"
    [sheet] = roster.sheets
    assert [r.describe() for r in sheet.headers] == [
        "kolumna A „rejon” → numer rejonu",
        "kolumna B „imię” → imię",
        "kolumna C „nazwisko” → nazwisko",
        "kolumna D „Telefn” → telefon służbowy (nagłówek z literówką?)",
    ]


def test_missing_required_column_is_named_by_its_usual_header(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["rejon", "imię", "nazwisko", "Telefon prywatny"],
        ["1", "Adam", "Mazur", "600 997 111"],
    ]
    path = workbook(tmp_path / "rejony.xlsx", {"Arkusz1": rows})
    error = roster_error(path)
    assert str(error) == (
        f"{path}, arkusz „Arkusz1”, wiersz 1: brak wymaganych kolumn: Telefon (czy to"
        " „Telefon prywatny”?). Znalezione kolumny: A „rejon”, B „imię”, C „nazwisko”,"
        " D „Telefon prywatny”. Arkusz pominięty."
    )
    assert error.exit_code == 2


def test_a_text_file_named_xlsx() -> None:
    path = DATA / "nie-arkusz.xlsx"
    error = roster_error(path)
    assert str(error) == f"{path}: to nie jest arkusz kalkulacyjny (plik uszkodzony?)."
    assert error.exit_code == 2


def test_a_password_protected_workbook() -> None:
    path = DATA / "zaszyfrowany.xlsx"
    error = roster_error(path)
    assert str(error) == (
        f"{path}: skoroszyt jest zabezpieczony hasłem albo zapisany w starym formacie .xls. "
        "Zdejmij hasło i zapisz go jako .xlsx."
    )
    assert error.exit_code == 2


def test_an_empty_csv() -> None:
    path = DATA / "pusty.csv"
    error = roster_error(path)
    assert str(error) == f"{path}: nie znaleziono żadnego wiersza z danymi dzielnicowych."
    assert error.exit_code == 2


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "brak.xlsx"
    assert str(roster_error(path)) == f"{path}: nie ma takiego pliku."


def test_an_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "rejony.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    assert str(roster_error(path)) == (
        f"{path}: nieobsługiwany typ pliku. Zapisz arkusz jako .xlsx, .ods albo .csv."
    )


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "rejony.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    assert str(roster_error(path)) == (f"{path}: plik jest uszkodzony (nieprawidłowe archiwum).")


def test_a_binary_file_named_csv(tmp_path: Path) -> None:
    path = tmp_path / "rejony.csv"
    path.write_bytes(b"rejon;imie\x00\x01\x02")
    assert str(roster_error(path)) == f"{path}: to nie jest plik tekstowy CSV."


def test_a_csv_with_only_the_header(tmp_path: Path) -> None:
    path = tmp_path / "rejony.csv"
    path.write_text("rejon;imie;nazwisko;telefon\n", encoding="utf-8")
    assert str(roster_error(path)) == (
        f"{path}: nie znaleziono żadnego wiersza z danymi dzielnicowych."
    )


def test_a_sheet_without_a_header_row_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "rejony.xlsx"
    workbook = openpyxl.Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "Notatki"
    notes.append(["Lista do wydruku", "wersja 2"])
    data = workbook.create_sheet("Dane")
    data.append(["rejon", "imie", "nazwisko", "telefon"])
    data.append(["1", "Jan", "Nowak", "600 997 123"])
    workbook.save(path)
    roster = read_rosters([path])
    assert [(r.where.sheet, r.where.row) for r in roster.rows] == [("Dane", 2)]
    [problem] = roster.problems
    assert problem.describe() == (
        f"{path}, arkusz „Notatki”, wiersz 1: nie rozpoznano wiersza nagłówka "
        "(pierwszy wiersz: „Lista do wydruku”, „wersja 2”) — arkusz pominięty. "
        "Wymagane kolumny: Nr rejonu, Imię, Nazwisko, Telefon (albo Imię i nazwisko w jednej"
        " kolumnie)."
    )
    assert problem.severity is Severity.WARNING


# --- CSV details -------------------------------------------------------------------------------


def test_csv_row_numbers_count_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "rejony.csv"
    path.write_text(
        "rejon;imie;nazwisko;telefon\n\n1;Jan;Nowak;600997123\n;;;\n2;Ala;Kot;600997124\n",
        encoding="utf-8",
    )
    assert [(r.where.row, r.get("imie")) for r in read_rosters([path]).rows] == [
        (3, "Jan"),
        (5, "Ala"),
    ]


def test_a_quoted_newline_keeps_one_row_and_the_lines(tmp_path: Path) -> None:
    path = tmp_path / "rejony.csv"
    path.write_text(
        'rejon;imie;nazwisko;telefon;ulice\n1;Jan;Nowak;600997123;"ul. Polna\r\nul. Leśna"\n'
        "2;Ala;Kot;600997124;Kunice\n",
        encoding="utf-8",
    )
    rows = read_rosters([path]).rows
    assert [(r.where.row, r.get("ulice")) for r in rows] == [
        (2, "ul. Polna\nul. Leśna"),
        (3, "Kunice"),
    ]


def test_explicit_encoding_and_delimiter_override_detection(tmp_path: Path) -> None:
    path = tmp_path / "rejony.txt"
    path.write_bytes("rejon|imie|nazwisko|telefon\n1|Łucja|Żak|600997123\n".encode("iso-8859-2"))
    [row] = read_rosters([path], encoding="iso-8859-2", delimiter="|").rows
    assert row == RawRow(
        RowRef(str(path), "", 2),
        {"rejon": "1", "imie": "Łucja", "nazwisko": "Żak", "telefon": "600997123"},
    )


def test_an_unknown_encoding_is_a_roster_error(tmp_path: Path) -> None:
    path = tmp_path / "rejony.csv"
    path.write_text("rejon;imie;nazwisko;telefon\n", encoding="utf-8")
    with pytest.raises(RosterError) as caught:
        read_rosters([path], encoding="klingon")
    assert str(caught.value) == f"{path}: nie można odczytać pliku w kodowaniu klingon."


# --- cell_text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("", ""),
        (600997123.0, "600997123"),
        (6.00997123e8, "600997123"),
        (600997123, "600997123"),
        (5.0, "5"),
        (5, "5"),
        (2.5, "2.5"),
        (float("nan"), ""),
        (True, "tak"),
        ("\u00a0Nowak\u00a0", "Nowak"),
        ("Jan\u202fMaria", "Jan Maria"),
        ("  ul.  Polna  ", "ul. Polna"),
        ("ul. Polna\r\n\r\nul. Leśna\n", "ul. Polna\nul. Leśna"),
        (dt.date(2026, 11, 1), "2026-11-01"),
        (dt.datetime(2026, 11, 1), "2026-11-01"),
        (dt.datetime(2026, 11, 1, 15, 30), "2026-11-01 15:30"),
        (dt.time(15, 30), "15:30:00"),
    ],
)
def test_cell_text_is_what_a_person_typed(value: object, text: str) -> None:
    assert cell_text(value) == text


def write_ods_with_merged_area(path: Path) -> None:
    def cell(text: str, **attributes: int) -> TableCell:
        element = TableCell(valuetype="string", **attributes)
        element.addElement(P(text=text))
        return element

    table = Table(name="Rejony")
    rows = [
        [cell(h) for h in ("rejon", "imie", "nazwisko", "telefon")],
        [cell("5", numberrowsspanned=2), cell("Jan"), cell("Nowak"), cell("600997123")],
        [CoveredTableCell(), cell("Ala"), cell("Kot"), cell("600997124")],
    ]
    for cells in rows:
        row = TableRow()
        for element in cells:
            row.addElement(element)
        table.addElement(row)
    document = OpenDocumentSpreadsheet()
    document.spreadsheet.addElement(table)
    document.save(str(path))


def test_merged_cells_in_ods_apply_to_every_spanned_row(tmp_path: Path) -> None:
    path = tmp_path / "scalone.ods"
    write_ods_with_merged_area(path)
    rows = read_rosters([path]).rows
    assert [(r.where.row, r.get("rejon"), r.get("imie")) for r in rows] == [
        (2, "5", "Jan"),
        (3, "5", "Ala"),
    ]


# --- cells outside the header's columns ------------------------------------------------------


def _problems(path: Path) -> list[tuple[int, Severity, str]]:
    roster = read_rosters([path])
    found = [*roster.problems, *validate(roster.rows, LeafletConfig(), roster.base_dirs).problems]
    return [(p.where.row, p.severity, p.message) for p in found if p.where is not None]


def test_a_csv_title_line_above_the_header_is_read(tmp_path: Path) -> None:
    """A title line has fewer fields than the header: the file is read as wide as its widest
    row (pandas would stop at the first longer row)."""
    path = tmp_path / "rejony.csv"
    path.write_text(
        "Wykaz dzielnicowych KP Test\nrejon;imie;nazwisko;telefon\n1;Jan;Nowak;600997123\n",
        encoding="utf-8",
    )
    assert [(r.where.row, r.get("nazwisko")) for r in read_rosters([path]).rows] == [(3, "Nowak")]


def test_a_csv_row_with_more_fields_than_the_header_is_refused_not_cut(tmp_path: Path) -> None:
    """An unquoted separator inside a cell shifts every later cell: the row is an error with
    its number and the stray text, the other rows stay."""
    path = tmp_path / "rejony.csv"
    path.write_text(
        "rejon;imie;nazwisko;telefon;ulice\n"
        "1;Jan;Nowak;600997123;ul. Polna; ul. Leśna\n"
        "2;Ala;Kot;600997124;Kunice\n",
        encoding="utf-8",
    )
    roster = read_rosters([path])
    validated = validate(roster.rows, LeafletConfig(), roster.base_dirs)
    assert [r.where.row for r in validated.records] == [3]
    assert _problems(path) == [
        (
            2,
            Severity.ERROR,
            "wiersz ma więcej pól niż nagłówek (pole 6: „ul. Leśna”) — jeśli tekst komórki"
            " zawiera separator, ujmij całą komórkę w cudzysłów; wiersz pominięty",
        )
    ]


def test_a_spreadsheet_cell_without_a_column_header_is_reported(tmp_path: Path) -> None:
    """In a workbook cells cannot shift: the row stays, the stray cell is named."""
    path = tmp_path / "rejony.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Rejon", "Imię", "Nazwisko", "Telefon", None, "Uwagi"])
    sheet.append([1, "Jan", "Nowak", "600 997 123", "urlop do 5.12", "x"])
    book.save(path)
    roster = read_rosters([path])
    [row] = roster.rows
    assert row.stray == ((5, "urlop do 5.12"),)
    assert (
        2,
        Severity.WARNING,
        "dane w kolumnie bez nagłówka (kolumna E: „urlop do 5.12”) — nie trafią na ulotkę",
    ) in _problems(path)
    (record,) = validate(roster.rows, LeafletConfig(), roster.base_dirs).records
    assert record.where.row == 2


def test_a_csv_pandas_cannot_parse_is_explained_in_polish(tmp_path: Path) -> None:
    path = tmp_path / "rejony.csv"
    path.write_text('rejon;imie;nazwisko;telefon\n1;Jan;"Nowak;600997123\n', encoding="utf-8")
    assert str(roster_error(path)) == (
        f"{path}: nieprawidłowy plik CSV (separator: średnik) — sprawdź cudzysłowy w komórkach"
        " albo podaj separator opcją --separator."
    )
