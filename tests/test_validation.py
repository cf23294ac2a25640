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
        "723645827 wew. 12",
    ],
)
def test_parse_phone_rejects_what_is_not_a_polish_number(text: str) -> None:
    assert parse_phone(text) is None


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
    ("column", "message"),
    [
        ("rejon", "brak numeru rejonu"),
        ("imie", "brak imienia"),
        ("nazwisko", "brak nazwiska"),
        ("telefon", "brak numeru telefonu"),
    ],
)
def test_a_missing_required_value_is_an_error_and_rejects_the_row(
    column: str, message: str
) -> None:
    cells = {k: v for k, v in GOOD.items() if k != column}
    result = check(row(14, **cells))
    assert result.records == ()
    assert described(result.problems) == [
        f'błąd: rosters/legnica.xlsx, arkusz "KP I", wiersz 14, kolumna {column}: {message}'
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
        "nieprawidłowy numer telefonu — podaj polski numer, np. 723 645 827",
        RowRef(FILE, SHEET, 7),
        "telefon",
        "12345",
    )


def test_a_row_with_only_unknown_columns_is_rejected_visibly() -> None:
    result = check(row(9))
    assert result.records == ()
    assert described(result.problems) == [
        'błąd: rosters/legnica.xlsx, arkusz "KP I", wiersz 9: '
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
        'ostrzeżenie: rosters/legnica.xlsx, arkusz "KP I", wiersz 6, kolumna email: '
        "nieprawidłowy adres e-mail — pominięty na ulotce"
    ]
    assert result.problems[0].value == "m.malek@"


def test_an_unknown_rank_is_a_warning_and_kept_as_typed() -> None:
    result = check(row(6, **{**GOOD, "stopien": "kapitan"}))
    [record] = result.records
    assert record.officer.rank == "kapitan"
    assert described(result.problems) == [
        'ostrzeżenie: rosters/legnica.xlsx, arkusz "KP I", wiersz 6, kolumna stopien: '
        "nieznany stopień policyjny — wydrukowany tak, jak wpisano"
    ]


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
