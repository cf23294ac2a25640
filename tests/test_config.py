"""Tests for leaflets.config: leaflets.toml loading and checking, formats, contrast."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from leaflets.checks import contrast_ratio
from leaflets.config import (
    ACCENT,
    KMZB_URL,
    MOJA_KOMENDA_DEFAULT_URL,
    NAVY,
    LeafletConfig,
    UnitDefaults,
    find_config,
    load_config,
    parse_formats,
)
from leaflets.errors import ConfigError, UsageError
from leaflets.formats import FORMATS


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "leaflets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def config_error(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.exit_code == 2
    return str(caught.value)


def test_no_file_gives_the_defaults() -> None:
    config = load_config(None)
    assert config == LeafletConfig(as_of=config.as_of)
    assert config.unit == UnitDefaults("", "", "", "")
    # No link is invented: without one the leaflets name the app and the stores, no code.
    assert config.moja_komenda_url == MOJA_KOMENDA_DEFAULT_URL == ""
    assert config.moja_komenda_is_default
    assert config.unit_page_url == ""
    assert config.kmzb_url == KMZB_URL == "https://mapy.geoportal.gov.pl/iMapLite/KMZBPublic.html"
    assert config.as_of == dt.date.today()
    assert (config.primary_color, config.accent_color) == (NAVY, ACCENT)
    assert (config.logo, config.specimen, config.source) == (None, False, None)


def test_an_empty_file_gives_the_defaults_and_remembers_its_source(tmp_path: Path) -> None:
    path = write(tmp_path, "# nic\n")
    config = load_config(path)
    assert config == LeafletConfig(as_of=config.as_of, source=path)


def test_polish_keys_are_read(tmp_path: Path) -> None:
    Image.new("RGB", (40, 20), "navy").save(tmp_path / "logo.png")
    path = write(
        tmp_path,
        """
[jednostka]
nazwa = "  Komisariat Policji Legnica-Śródmieście "
adres = "ul. Przykładowa 1, 59-220 Legnica"
telefon = "47 87 412 00"

[linki]
moja_komenda = "https://example.org/moja-komenda"
kmzb = "https://mapy.geoportal.gov.pl/iMapLite/KMZBPublic.html"

[wydruk]
stan_na = 2026-11-01
kolor = "#1A2B3C"
kolor_akcentu = "#B3122E"
logo = "logo.png"
wzor = true
""",
    )
    config = load_config(path)
    assert config == LeafletConfig(
        unit=UnitDefaults(
            "Komisariat Policji Legnica-Śródmieście",
            "ul. Przykładowa 1, 59-220 Legnica",
            "47 87 412 00",
        ),
        moja_komenda_url="https://example.org/moja-komenda",
        kmzb_url=KMZB_URL,
        as_of=dt.date(2026, 11, 1),
        primary_color="#1a2b3c",
        accent_color="#b3122e",
        logo=(tmp_path / "logo.png").resolve(),
        specimen=True,
        source=path,
    )
    assert not config.moja_komenda_is_default


def test_a_date_may_also_be_a_quoted_string(tmp_path: Path) -> None:
    path = write(tmp_path, '[wydruk]\nstan_na = "2026-03-15"\n')
    assert load_config(path).as_of == dt.date(2026, 3, 15)


def test_the_sample_config_in_rosters_loads() -> None:
    path = Path(__file__).resolve().parent.parent / "rosters" / "leaflets.toml"
    config = load_config(path)
    assert config.unit.name == "Komisariat Policji Legnica-Śródmieście (jednostka fikcyjna)"
    assert config.as_of == dt.date(2026, 11, 1)
    assert config.specimen


def test_unknown_section(tmp_path: Path) -> None:
    path = write(tmp_path, '[unit]\nname = "KP"\n')
    assert config_error(path) == (
        f"{path}: nieznana sekcja [unit]. Dozwolone: [jednostka], [linki], [wydruk]."
    )


def test_unknown_key(tmp_path: Path) -> None:
    path = write(tmp_path, '[jednostka]\nnazwa = "KP"\nemail = "kp@policja.example"\n')
    assert config_error(path) == (
        f"{path}: nieznany klucz „email” w [jednostka]. "
        "Dozwolone: nazwa, nazwa_krotka, adres, telefon."
    )


def test_unknown_key_lists_the_keys_of_its_own_section(tmp_path: Path) -> None:
    path = write(tmp_path, '[wydruk]\ncolor = "#000000"\n')
    assert config_error(path) == (
        f"{path}: nieznany klucz „color” w [wydruk]. "
        "Dozwolone: stan_na, kolor, kolor_akcentu, logo, wzor, korekcja_qr, szablony."
    )


def test_a_key_outside_any_section(tmp_path: Path) -> None:
    path = write(tmp_path, 'jednostka = "KP"\n')
    assert config_error(path) == f"{path}: [jednostka] musi być sekcją (tabelą TOML)."


@pytest.mark.parametrize("colour", ["navy", "#123", "#12345g", "14264b", "#14264b80", ""])
def test_a_bad_colour(tmp_path: Path, colour: str) -> None:
    path = write(tmp_path, f'[wydruk]\nkolor = "{colour}"\n')
    assert config_error(path) == f"{path}: [wydruk] kolor: kolor podaj jako #RRGGBB, np. #14264b."


def test_a_colour_that_is_not_text(tmp_path: Path) -> None:
    path = write(tmp_path, "[wydruk]\nkolor_akcentu = 0x14264b\n")
    assert config_error(path) == f"{path}: [wydruk] kolor_akcentu: oczekiwano tekstu w cudzysłowie."


@pytest.mark.parametrize(
    "value",
    [
        '"1.11.2026"',  # the Polish way of writing it
        '"2026-13-01"',
        '"jutro"',
        '""',
        "2026-11-01T10:00:00",  # a TOML date-time, not a date
        "20261101",  # a number
        "true",
    ],
)
def test_a_bad_date(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f"[wydruk]\nstan_na = {value}\n")
    assert config_error(path) == f"{path}: [wydruk] stan_na: data musi mieć postać RRRR-MM-DD."


@pytest.mark.parametrize(
    ("key", "url"),
    [
        ("moja_komenda", "http://policja.pl"),
        ("moja_komenda", "policja.pl"),
        ("kmzb", "javascript:alert(1)"),
        ("kmzb", "ftp://mapy.geoportal.gov.pl"),
    ],
)
def test_a_link_that_is_not_https(tmp_path: Path, key: str, url: str) -> None:
    path = write(tmp_path, f'[linki]\n{key} = "{url}"\n')
    assert config_error(path) == f"{path}: [linki] {key}: link musi zaczynać się od https://."


def test_links_are_trimmed(tmp_path: Path) -> None:
    path = write(tmp_path, '[linki]\nkmzb = "  https://mapy.geoportal.gov.pl  "\n')
    assert load_config(path).kmzb_url == "https://mapy.geoportal.gov.pl"


def test_a_missing_logo(tmp_path: Path) -> None:
    path = write(tmp_path, '[wydruk]\nlogo = "grafika/logo.png"\n')
    missing = (tmp_path / "grafika" / "logo.png").resolve()
    assert config_error(path) == f"{path}: [wydruk] logo: nie ma pliku logo {missing}."


def test_a_logo_of_the_wrong_type(tmp_path: Path) -> None:
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    path = write(tmp_path, '[wydruk]\nlogo = "logo.gif"\n')
    assert config_error(path) == f"{path}: [wydruk] logo: logo musi być plikiem PNG, JPEG albo SVG."


def test_the_logo_is_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "grafika").mkdir()
    (tmp_path / "grafika" / "Herb.SVG").write_text("<svg/>", encoding="utf-8")
    path = write(tmp_path, '[wydruk]\nlogo = "grafika/Herb.SVG"\n')
    assert load_config(path).logo == (tmp_path / "grafika" / "Herb.SVG").resolve()


def test_specimen_must_be_a_boolean(tmp_path: Path) -> None:
    path = write(tmp_path, '[wydruk]\nwzor = "tak"\n')
    assert config_error(path) == f"{path}: [wydruk] wzor: oczekiwano true albo false."


def test_unit_values_must_be_text(tmp_path: Path) -> None:
    path = write(tmp_path, "[jednostka]\ntelefon = 768771200\n")
    assert config_error(path) == f"{path}: [jednostka] telefon: oczekiwano tekstu w cudzysłowie."


def test_a_toml_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, "[wydruk\nkolor = \n")
    assert config_error(path) == f"{path}: wiersz 1: nazwę sekcji zamknij nawiasem: [wydruk]"


@pytest.mark.parametrize(
    ("line", "advice"),
    [
        (
            "nazwa = Komisariat Policji Wrocław-Krzyki",
            'tekst trzeba ująć w cudzysłów: nazwa = "Komisariat Policji Wrocław-Krzyki"',
        ),
        ("stan_na = 01.11.2026", "datę wpisz w postaci RRRR-MM-DD: stan_na = 2026-11-01"),
        ("wzór = true", "nazwy kluczy piszemy bez polskich liter i spacji: wzor = true"),
        ('nazwa = "Komisariat', 'brakuje cudzysłowu na końcu tekstu: nazwa = "Komisariat"'),
        ("telefon = 71 340 00 00", 'tekst trzeba ująć w cudzysłów: telefon = "71 340 00 00"'),
    ],
)
def test_toml_syntax_errors_are_explained_in_polish(tmp_path: Path, line: str, advice: str) -> None:
    """Issue 15, item 8 (journey C7): tomllib's English messages, with the fix."""
    path = write(tmp_path, f"[jednostka]\n{line}\n")
    assert config_error(path) == f"{path}: wiersz 2: {advice}"


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        (
            "[wydruk]\nstan_na = 2026-02-30\n",
            "wiersz 2: nie ma takiej daty: 2026-02-30 — wpisz prawdziwą datę w postaci RRRR-MM-DD",
        ),
        (
            '[linki]\nkmzb = "https://a.example"\nkmzb = "https://b.example"\n',
            "wiersz 3: klucz kmzb jest wpisany drugi raz — zostaw jeden",
        ),
        (
            "wydruk = 1\n[wydruk]\nwzor = true\n",
            "wiersz 2: sekcja [wydruk] powtarza nazwę użytą wcześniej w pliku — połącz je w jedną",
        ),
        (
            '[jednostka]\nnazwa = "KP"\n[jednostka]\nadres = "ul. Polna 1"\n',
            "wiersz 3: sekcja [jednostka] powtarza nazwę użytą wcześniej w pliku — połącz je"
            " w jedną",
        ),
    ],
)
def test_dates_and_repeated_keys_are_explained_in_polish(
    tmp_path: Path, text: str, advice: str
) -> None:
    """tomllib's "Invalid date or datetime", "Cannot overwrite a value" and "Cannot declare
    … twice" (the hostile review's F20) as what to change."""
    path = write(tmp_path, text)
    assert config_error(path) == f"{path}: {advice}"


def test_a_missing_config_file(tmp_path: Path) -> None:
    path = tmp_path / "brak.toml"
    assert config_error(path) == f"{path}: nie ma takiego pliku konfiguracji."


def test_a_config_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "leaflets.toml"
    path.write_bytes('[jednostka]\nnazwa = "Śródmieście"\n'.encode("cp1250"))
    assert config_error(path) == (
        f"{path}: plik konfiguracji nie jest zapisany w UTF-8 (bajt 22)"
        " — zapisz go ponownie, wybierając kodowanie UTF-8."
    )


# --- find_config / parse_formats -----------------------------------------------------------


def test_find_config_prefers_the_explicit_file(tmp_path: Path) -> None:
    write(tmp_path, "")
    explicit = tmp_path / "inny.toml"
    assert find_config(explicit, (tmp_path / "rejony.xlsx",)) == explicit


def test_find_config_looks_beside_the_first_roster(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    other = tmp_path / "inne"
    other.mkdir()
    assert find_config(None, (tmp_path / "rejony.xlsx", other / "b.xlsx")) == path
    assert find_config(None, (other / "b.xlsx", tmp_path / "rejony.xlsx")) is None
    assert find_config(None, ()) is None


def test_parse_formats() -> None:
    assert parse_formats("plakat-a4") == ("plakat-a4",)
    assert parse_formats(" ulotka-a5 , plakat-a4,ulotka-a5,") == ("ulotka-a5", "plakat-a4")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a3",
            "nieznany format „a3”. Dostępne: plakat-a4, ulotka-a5, "
            "ulotka-a6, wizytowka, skorowidz, spotkanie-a4, spotkanie-a6.",
        ),
        (
            "plakat",
            "nieznany format „plakat” — czy chodziło o plakat-a4? Dostępne: plakat-a4, "
            "ulotka-a5, ulotka-a6, wizytowka, skorowidz, spotkanie-a4, spotkanie-a6.",
        ),
        (
            "plakat-a4,a6,dl",
            "nieznany format „a6”, „dl”. Dostępne: plakat-a4, ulotka-a5, "
            "ulotka-a6, wizytowka, skorowidz, spotkanie-a4, spotkanie-a6.",
        ),
        (
            "",
            "nie podano formatu. Dostępne: plakat-a4, ulotka-a5, ulotka-a6, wizytowka, skorowidz,"
            " spotkanie-a4, spotkanie-a6.",
        ),
        (
            " , ",
            "nie podano formatu. Dostępne: plakat-a4, ulotka-a5, ulotka-a6, wizytowka, skorowidz,"
            " spotkanie-a4, spotkanie-a6.",
        ),
    ],
)
def test_parse_formats_refuses_unknown_names(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_formats(text)
    assert str(caught.value) == message


def test_format_sizes_are_the_paper_sizes() -> None:
    assert (FORMATS["plakat-a4"].width_mm, FORMATS["plakat-a4"].height_mm) == (210, 297)
    assert (FORMATS["ulotka-a5"].width_mm, FORMATS["ulotka-a5"].height_mm) == (148, 210)
    assert FORMATS["plakat-a4"].qr_module_mm == 1.0
    assert FORMATS["ulotka-a5"].qr_module_mm == 0.5


# --- contrast ------------------------------------------------------------------------------


def test_white_on_black_is_21_to_1() -> None:
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)


def test_a_colour_on_itself_is_1_to_1() -> None:
    assert contrast_ratio(NAVY, NAVY) == pytest.approx(1.0)


def test_navy_passes_and_light_grey_fails_on_white() -> None:
    assert contrast_ratio(NAVY, "#ffffff") > 4.5
    assert contrast_ratio(NAVY, "#ffffff") == pytest.approx(14.5, abs=0.5)  # "about 14:1"
    assert contrast_ratio(ACCENT, "#ffffff") > 4.5
    assert contrast_ratio("#aaaaaa", "#ffffff") < 4.5
    # The WCAG reference value for #777777 on white is 4.48:1: just below the line.
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_the_units_templates_folder_is_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "moje-szablony").mkdir()
    config = load_config(write(tmp_path, '[wydruk]\nszablony = "moje-szablony"\n'))
    assert config.templates == (tmp_path / "moje-szablony").resolve()


def test_a_missing_templates_folder(tmp_path: Path) -> None:
    path = write(tmp_path, '[wydruk]\nszablony = "nie-ma"\n')
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value) == (
        f"{path}: [wydruk] szablony: nie ma folderu z szablonami {(tmp_path / 'nie-ma').resolve()}."
    )
