"""Tests for leaflets.validation: phones, areas, names and the row checks of validate()."""

from __future__ import annotations

from pathlib import Path

import phonenumbers
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from PIL import Image

from leaflets.config import LeafletConfig, UnitDefaults
from leaflets.problems import Problem, RowRef, Severity
from leaflets.roster import RawRow
from leaflets.validation import (
    Phone,
    Validated,
    normalise_area,
    normalise_name,
    parse_phone,
    validate,
)

FILE = "rosters/legnica.xlsx"
SHEET = "KP I"

GOOD = {
    "rejon": "Rejon nr 5",
    "stopien": "sierż. szt.",
    "imie": "Mariusz",
    "nazwisko": "MAŁEK",
    "telefon": "723 645 827",
}


def row(number: int = 2, **cells: str) -> RawRow:
    return RawRow(RowRef(FILE, SHEET, number), cells)


def check(
    *rows: RawRow, base: Path | None = None, config: LeafletConfig | None = None
) -> Validated:
    base_dir = (base or Path("/nonexistent-roster-dir")).resolve()
    return validate(rows, config or LeafletConfig(), {FILE: base_dir})


def described(problems: tuple[Problem, ...]) -> list[str]:
    return [f"{p.severity.value}: {p.describe()}" for p in problems]


# --- parse_phone ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "national", "e164", "mobile"),
    [
        ("723 645 827", "723 645 827", "+48723645827", True),
        ("723645827", "723 645 827", "+48723645827", True),
        ("723-645-827", "723 645 827", "+48723645827", True),
        ("+48 723 645 827", "723 645 827", "+48723645827", True),
        ("+48723645827", "723 645 827", "+48723645827", True),
        ("0048 723 645 827", "723 645 827", "+48723645827", True),
        ("kom. 723 645 827", "723 645 827", "+48723645827", True),
        ("600997123", "600 997 123", "+48600997123", True),  # a number cell read as text
        ("(32) 47 88 366", "32 478 83 66", "+48324788366", False),
        ("tel. (32) 47 88 366", "32 478 83 66", "+48324788366", False),
        ("+48 22 123 45 67", "22 123 45 67", "+48221234567", False),
        ("76 877 12 00", "76 877 12 00", "+48768771200", False),
    ],
)
def test_parse_phone_accepts_polish_numbers(
    text: str, national: str, e164: str, mobile: bool
) -> None:
    assert parse_phone(text) == Phone(national=national, e164=e164, mobile=mobile)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "brak",
        "12345",
        "112",  # the emergency number is not an officer's phone
        "723 645 82",  # one digit short
        "723 645 8271",  # one digit too many
        "+49 30 123456",  # German
        "+44 20 7946 0958",  # British
        "0049 30 1234567",
        "wew. 12",
    ],
)
def test_parse_phone_rejects_what_is_not_a_polish_number(text: str) -> None:
    assert parse_phone(text) is None


@pytest.mark.parametrize(
    ("text", "national", "e164", "extension"),
    [
        ("kom. 600 100 200", "600 100 200", "+48600100200", ""),
        ("tel. (0-71) 340-00-01", "71 340 00 01", "+48713400001", ""),  # old trunk prefix
        ("(071) 340 00 01", "71 340 00 01", "+48713400001", ""),
        ("071 340 00 01", "71 340 00 01", "+48713400001", ""),
        ("600 100 201 wew. 12", "600 100 201 wew. 12", "+48600100201", "12"),
        ("71 340 00 01 w. 305", "71 340 00 01 wew. 305", "+48713400001", "305"),
        ("723645827 wew. 12", "723 645 827 wew. 12", "+48723645827", "12"),
    ],
)
def test_phones_as_clerks_type_them(text: str, national: str, e164: str, extension: str) -> None:
    """Issue 15, item 5 (journey C1): all of these were rejected. An extension is printed
    with the number and never dialled."""
    phone = parse_phone(text)
    assert phone is not None
    assert (phone.national, phone.e164, phone.extension) == (national, e164, extension)


@st.composite
def polish_mobiles(draw: st.DrawFn) -> str:
    digits = draw(st.sampled_from("5678")) + draw(st.text("0123456789", min_size=8, max_size=8))
    number = phonenumbers.parse(digits, "PL")
    assume(phonenumbers.is_valid_number(number))
    assume(phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE)
    return digits


@given(polish_mobiles(), st.sampled_from(["", "+48 ", "+48", "0048 ", "(+48) "]))
def test_any_mobile_in_any_spelling_gives_one_e164(digits: str, prefix: str) -> None:
    phone = parse_phone(digits)
    assert phone is not None
    assert phone.mobile
    assert phone.e164 == f"+48{digits}"
    spaced = f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    dashed = spaced.replace(" ", "-")
    for spelling in (digits, spaced, dashed, phone.national):
        again = parse_phone(prefix + spelling)
        assert again is not None, prefix + spelling
        assert again.e164 == phone.e164
        assert again.national == phone.national


# --- normalise_area / normalise_name ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rejon nr 5", "5"),
        ("5", "5"),
        ("05", "5"),
        (" 5 ", "5"),
        ("rejon służbowy nr 5", "5"),
        ("REJON SŁUŻBOWY NR 5", "5"),
        ("Rejon 12", "12"),
        ("Rejon nr. 3", "3"),
        ("nr 7", "7"),
        ("Numer 7", "7"),
        ("Rejon nr 5a", "5A"),
        ("5a", "5A"),
        ("IIa", "IIa"),
        ("Łąka", "Łąka"),
    ],
)
def test_normalise_area(text: str, expected: str) -> None:
    assert normalise_area(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MAŁEK", "Małek"),
        ("NOWAK-KOWALSKA", "Nowak-Kowalska"),
        ("ŁUKASZ", "Łukasz"),
        ("McDonald", "McDonald"),
        ("Nowak-kowalska", "Nowak-kowalska"),  # mixed case is the officer's own spelling
        ("dąbrowska", "Dąbrowska"),  # issue 15, item 6: lower case like all capitals
        ("nowak-kowalska", "Nowak-Kowalska"),
        ("jan maria", "Jan Maria"),
        ("  Jan   Maria ", "Jan Maria"),
        ("A", "A"),  # a lone initial stays a capital
    ],
)
def test_normalise_name(text: str, expected: str) -> None:
    assert normalise_name(text) == expected


# --- validate(): accepted rows ---------------------------------------------------------------


def test_a_good_row_becomes_a_clean_record() -> None:
    result = check(
        row(
            14,
            **GOOD,
            email="M.Malek@Policja.GOV.pl",
            telefon_stacjonarny="(32) 47 88 366",
            jednostka="KP Legnica",
            obszar="Osiedle Piekary",
            miejscowosc="Legnica",
            ulice="ul. Wodzisławska",
            numery="2-20",
            dyzur="wtorek 15–17",
            dzialania_priorytetowe="Parkowanie",
        )
    )
    assert result.problems == ()
    [record] = result.records
    assert record.where == RowRef(FILE, SHEET, 14)
    assert record.area == "5"
    assert record.officer.rank == "sierż. szt."
    assert (record.officer.first_name, record.officer.surname) == ("Mariusz", "Małek")
    assert record.officer.phone == Phone("723 645 827", "+48723645827", mobile=True)
    assert record.officer.landline == Phone("32 478 83 66", "+48324788366", mobile=False)
    assert record.officer.email == "M.Malek@policja.gov.pl"
    assert (record.unit, record.area_name, record.town) == (
        "KP Legnica",
        "Osiedle Piekary",
        "Legnica",
    )
    assert (record.description, record.numbers) == ("ul. Wodzisławska", "2-20")
    officer = record.officer
    assert (officer.duty, record.priority, officer.photo) == ("wtorek 15–17", "Parkowanie", None)


def test_unit_defaults_come_from_the_config_when_the_roster_has_none() -> None:
    config = LeafletConfig(unit=UnitDefaults("KP Legnica", "ul. Przykładowa 1", "76 877 12 00"))
    [record] = check(row(**GOOD), config=config).records
    assert (record.unit, record.unit_address) == ("KP Legnica", "ul. Przykładowa 1")
    assert record.unit_phone == Phone("76 877 12 00", "+48768771200", mobile=False)


def test_roster_unit_columns_win_over_the_config() -> None:
    config = LeafletConfig(unit=UnitDefaults("KP Legnica", "ul. Przykładowa 1", "76 877 12 00"))
    cells = {**GOOD, "jednostka": "KP Chojnów", "telefon_jednostki": "76 818 80 00"}
    [record] = check(row(**cells), config=config).records
    assert record.unit == "KP Chojnów"
    assert record.unit_phone is not None
    assert record.unit_phone.e164 == "+48768188000"


# --- validate(): rejected rows ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "usual", "message"),
    [
        ("rejon", "Nr rejonu", "brak numeru rejonu"),
        ("imie", "Imię", "brak imienia"),
        ("nazwisko", "Nazwisko", "brak nazwiska"),
        ("telefon", "Telefon", "brak numeru telefonu"),
    ],
)
def test_a_missing_required_value_is_an_error_and_rejects_the_row(
    column: str, usual: str, message: str
) -> None:
    """Issue 15, item 8: a column is named by the header users write, never an internal key
    (the roster's own header replaces it once the pipeline labels the problem)."""
    cells = {k: v for k, v in GOOD.items() if k != column}
    result = check(row(14, **cells))
    assert result.records == ()
    assert described(result.problems) == [
        f"błąd: rosters/legnica.xlsx, arkusz „KP I”, wiersz 14, kolumna „{usual}”: {message}"
    ]


def test_every_missing_value_of_a_row_is_reported_together() -> None:
    result = check(row(3, stopien="asp."))
    assert result.records == ()
    assert [(p.severity, p.column, p.message) for p in result.problems] == [
        (Severity.ERROR, "rejon", "brak numeru rejonu"),
        (Severity.ERROR, "imie", "brak imienia"),
        (Severity.ERROR, "nazwisko", "brak nazwiska"),
        (Severity.ERROR, "telefon", "brak numeru telefonu"),
    ]


def test_an_invalid_phone_is_an_error_with_an_example() -> None:
    result = check(row(7, **{**GOOD, "telefon": "12345"}))
    assert result.records == ()
    [problem] = result.problems
    assert problem == Problem(
        Severity.ERROR,
        "zly-telefon",
        "nieprawidłowy numer telefonu — podaj polski numer, np. 600 000 000",
        RowRef(FILE, SHEET, 7),
        "telefon",
        "12345",
    )


def test_a_row_with_only_unknown_columns_is_rejected_visibly() -> None:
    result = check(row(9))
    assert result.records == ()
    assert described(result.problems) == [
        "błąd: rosters/legnica.xlsx, arkusz „KP I”, wiersz 9: "
        "wiersz ma dane tylko w nierozpoznanych kolumnach — pominięty"
    ]


def test_one_bad_row_does_not_hide_the_next() -> None:
    result = check(
        row(2, **GOOD),
        row(3, **{**GOOD, "telefon": ""}),
        row(4, **{**GOOD, "imie": "Anna", "telefon": "600 997 123"}),
        row(5, **{**GOOD, "nazwisko": ""}),
    )
    assert [r.where.row for r in result.records] == [2, 4]
    assert [(p.where.row if p.where else None, p.column) for p in result.problems] == [
        (3, "telefon"),
        (5, "nazwisko"),
    ]


# --- validate(): warnings keep the row -------------------------------------------------------


def test_an_invalid_email_is_a_warning_and_is_dropped() -> None:
    result = check(row(6, **GOOD, email="m.malek@"))
    [record] = result.records
    assert record.officer.email == ""
    assert described(result.problems) == [
        "ostrzeżenie: rosters/legnica.xlsx, arkusz „KP I”, wiersz 6, kolumna „E-mail”: "
        "nieprawidłowy adres e-mail — pominięty na ulotce"
    ]
    assert result.problems[0].value == "m.malek@"


def test_an_unknown_rank_is_a_warning_and_left_off_the_leaflet() -> None:
    result = check(row(6, **{**GOOD, "stopien": "kapitan"}))
    [record] = result.records
    assert record.officer.rank == ""
    assert described(result.problems) == [
        "ostrzeżenie: rosters/legnica.xlsx, arkusz „KP I”, wiersz 6, kolumna „Stopień”: "
        "nieznany stopień policyjny — pominięty na ulotce"
    ]


def test_an_unknown_rank_suggests_the_nearest_real_one() -> None:
    """Issue 15, item 6 (journey C4: `aspirnat` went onto the poster)."""
    result = check(row(6, **{**GOOD, "stopien": "aspirnat"}))
    [record] = result.records
    assert record.officer.rank == ""
    [problem] = result.problems
    assert (problem.severity, problem.code, problem.value) == (
        Severity.WARNING,
        "nieznany-stopien",
        "aspirnat",
    )
    assert problem.message == (
        "nieznany stopień policyjny — pominięty na ulotce; czy chodziło o: aspirant?"
    )


def test_an_unknown_rank_is_an_error_under_strict() -> None:
    raw = (row(6, **{**GOOD, "stopien": "aspirnat"}),)
    result = validate(raw, LeafletConfig(), {FILE: Path("/nonexistent").resolve()}, strict=True)
    assert result.records == ()
    [problem] = result.problems
    assert problem.severity is Severity.ERROR
    assert problem.message.endswith("czy chodziło o: aspirant?")


@pytest.mark.parametrize("column", ["telefon_stacjonarny", "telefon_jednostki"])
def test_an_invalid_optional_phone_is_a_warning_and_is_dropped(column: str) -> None:
    result = check(row(6, **GOOD, **{column: "+49 30 123456"}))
    [record] = result.records
    assert record.officer.landline is None
    assert record.unit_phone is None
    assert [(p.severity, p.column, p.message, p.value) for p in result.problems] == [
        (
            Severity.WARNING,
            column,
            "nieprawidłowy numer telefonu — pominięty na ulotce",
            "+49 30 123456",
        )
    ]


def test_a_missing_rank_is_not_a_problem() -> None:
    cells = {k: v for k, v in GOOD.items() if k != "stopien"}
    result = check(row(**cells))
    assert result.problems == ()
    assert result.records[0].officer.rank == ""


# --- photos ----------------------------------------------------------------------------------


def write_png(path: Path, size: tuple[int, int] = (4, 6)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (20, 38, 75)).save(path, format="PNG")
    return path


def photo_problem(tmp_path: Path, text: str) -> tuple[Path | None, list[str]]:
    result = check(row(8, **GOOD, zdjecie=text), base=tmp_path)
    [record] = result.records  # a bad photo never rejects the row
    assert all(p.severity is Severity.WARNING and p.column == "zdjecie" for p in result.problems)
    assert all(p.value == text for p in result.problems)
    return record.officer.photo, [p.message for p in result.problems]


def test_a_real_png_inside_the_roster_folder_is_accepted(tmp_path: Path) -> None:
    png = write_png(tmp_path / "zdjecia" / "malek.png")
    assert photo_problem(tmp_path, "zdjecia/malek.png") == (png.resolve(), [])


def test_a_windows_style_relative_path_is_accepted(tmp_path: Path) -> None:
    png = write_png(tmp_path / "zdjecia" / "malek.png")
    assert photo_problem(tmp_path, "zdjecia\\malek.png") == (png.resolve(), [])


def test_a_jpeg_is_accepted(tmp_path: Path) -> None:
    jpeg = tmp_path / "malek.jpg"
    Image.new("RGB", (4, 4), "white").save(jpeg, format="JPEG")
    assert photo_problem(tmp_path, "malek.jpg") == (jpeg.resolve(), [])


@pytest.mark.parametrize(
    "text",
    ["/etc/passwd", "C:\\Zdjecia\\malek.png", "\\\\serwer\\zdjecia\\malek.png", "C:malek.png"],
)
def test_an_absolute_photo_path_is_refused(tmp_path: Path, text: str) -> None:
    assert photo_problem(tmp_path, text) == (
        None,
        ["ścieżka zdjęcia musi być względna, wewnątrz folderu arkusza — ulotka bez zdjęcia"],
    )


@pytest.mark.parametrize("text", ["../malek.png", "zdjecia/../../malek.png", "..\\malek.png"])
def test_a_photo_path_climbing_out_is_refused(tmp_path: Path, text: str) -> None:
    roster_dir = tmp_path / "rosters"
    write_png(tmp_path / "malek.png")  # exists, but outside the roster folder
    roster_dir.mkdir()
    assert photo_problem(roster_dir, text) == (
        None,
        ["ścieżka zdjęcia musi być względna, wewnątrz folderu arkusza — ulotka bez zdjęcia"],
    )


def test_a_symlink_leading_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    roster_dir = tmp_path / "rosters"
    roster_dir.mkdir()
    (roster_dir / "malek.png").symlink_to(write_png(tmp_path / "elsewhere.png"))
    assert photo_problem(roster_dir, "malek.png") == (
        None,
        ["ścieżka zdjęcia wychodzi poza folder arkusza — ulotka bez zdjęcia"],
    )


def test_a_missing_photo_file_is_named(tmp_path: Path) -> None:
    assert photo_problem(tmp_path, "zdjecia/brak.png") == (
        None,
        ["nie znaleziono pliku zdjęcia brak.png — ulotka bez zdjęcia"],
    )


def test_a_text_file_renamed_png_is_refused(tmp_path: Path) -> None:
    (tmp_path / "malek.png").write_text("to nie jest obraz", encoding="utf-8")
    assert photo_problem(tmp_path, "malek.png") == (
        None,
        ["plik zdjęcia nie jest obrazem JPEG ani PNG — ulotka bez zdjęcia"],
    )


def test_a_gif_is_refused(tmp_path: Path) -> None:
    Image.new("RGB", (4, 4), "white").save(tmp_path / "malek.gif", format="GIF")
    assert photo_problem(tmp_path, "malek.gif") == (
        None,
        ["zdjęcie musi być w formacie JPEG albo PNG — ulotka bez zdjęcia"],
    )


def test_a_folder_named_like_a_photo_is_not_a_photo(tmp_path: Path) -> None:
    (tmp_path / "malek.png").mkdir()
    assert photo_problem(tmp_path, "malek.png") == (
        None,
        ["nie znaleziono pliku zdjęcia malek.png — ulotka bez zdjęcia"],
    )


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("anna.kowalska@wroclaw.policja.gov,pl", "anna.kowalska@wroclaw.policja.gov.pl"),
        ("jan.nowak@@policja.example", "jan.nowak@policja.example"),
    ],
)
def test_an_email_typo_a_reader_sees_through_is_mended_with_a_warning(
    typed: str, printed: str
) -> None:
    """Journey P9: `…policja.gov,pl` was dropped from the leaflet."""
    result = check(row(6, **GOOD, email=typed))
    [record] = result.records
    assert record.officer.email == printed
    [problem] = result.problems
    assert (problem.severity, problem.code, problem.value) == (
        Severity.WARNING,
        "poprawiony-email",
        typed,
    )
    assert problem.message == (
        "adres e-mail z literówką (przecinek zamiast kropki, podwójne @ albo spacja) —"
        f" wydrukowano {printed}; popraw go w wykazie"
    )


@pytest.mark.parametrize("name", ["Rejon 1", "rejon nr 1", "1"])
def test_an_area_name_that_repeats_the_number_is_dropped(name: str) -> None:
    """Journey P16: `REJON NR 1 · Rejon 1` and a folder `rejon-1-rejon-1`."""
    [record] = check(row(6, **{**GOOD, "rejon": "1"}, obszar=name)).records
    assert record.area_name == ""
    [other] = check(row(6, **{**GOOD, "rejon": "1"}, obszar="Zakaczawie")).records
    assert other.area_name == "Zakaczawie"
