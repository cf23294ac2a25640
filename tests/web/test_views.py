"""The web app's small pure parts: the header-table adapter, file descriptions and printing
hints, the settings file the form writes, host names."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

from leaflets import pipeline
from leaflets.config import Settings, load_config
from leaflets.web import views
from leaflets.web.headers import from_json, header_table
from leaflets.web.security import _host_name, safe_next
from leaflets.web.unitsettings import toml_text
from leaflets.web.workspaces import display_name


def test_header_table_is_what_check_prints(tmp_path: Path) -> None:
    roster = tmp_path / "wykaz.csv"
    roster.write_text(
        "Nr rejonu;Stopień, imię i nazwisko;Tel. służbowy;Opis rejonu służbowego;Notatki\n"
        "1;st. asp. Jan KOWALSKI;600 000 001;ul. Polna;x\n",
        encoding="utf-8",
    )
    loaded = pipeline.intake(Settings(rosters=(roster,)))
    [sheet] = header_table(loaded.sheets)
    assert (sheet.file, sheet.sheet, sheet.header_row) == ("wykaz.csv", "", 1)
    assert [(h.letter, h.header, h.used) for h in sheet.headers] == [
        ("A", "Nr rejonu", True),
        ("B", "Stopień, imię i nazwisko", True),
        ("C", "Tel. służbowy", True),
        ("D", "Opis rejonu służbowego", True),
        ("E", "Notatki", False),
    ]
    assert sheet.headers[3].meaning == "opis rejonu"
    assert from_json([dataclasses.asdict(sheet)]) == [sheet]


def test_files_are_described_with_their_printing_hint() -> None:
    poster = views.describe_file("kp/rejon-1/plakat-a4.pdf")
    assert (
        poster.title == "Plakat A4" and poster.hint == "papier A4, jednostronnie, skala 100\u00a0%"
    )
    flyer = views.describe_file("kp/rejon-1/ulotka-a5.uk.pdf")
    assert flyer.title == "Ulotka A5, wersja ukraińska"
    assert "dwustronnie, obracanie wzdłuż dłuższej krawędzi, skala 100\u00a0%" in flyer.hint
    unit = views.describe_file("kp/druk-ulotka-a6-arkusze.pdf")
    assert unit.title == "Ulotka A6 — wszystkie rejony jednostki na arkuszach A4"
    assert unit.hint.endswith("potnij wzdłuż znaczników")
    assert views.describe_file("kp/skorowidz-ulic.pl+en.pdf").title == (
        "Skorowidz ulic, wersja polsko-angielska"
    )
    assert views.describe_file("kp/rejon-1/plakat-a4-drukarnia.pdf").hint.startswith("dla drukarni")
    assert views.describe_file("problemy.xlsx").pdf is False


def test_options_keep_only_known_formats_and_languages() -> None:
    sent = [("format", "plakat-a4"), ("format", "../x"), ("jezyk", "uk"), ("jezyk", "de")]
    options = views.parse_options({"arkusze": "tak"}, sent)
    assert options == {"formats": ["plakat-a4"], "languages": ["uk"], "office_sheets": True}


def test_settings_text_is_valid_toml_the_cli_reads(tmp_path: Path) -> None:
    text = toml_text(
        {
            "jednostka_nazwa": 'KP "Stare" \\ Miasto\n',
            "wydruk_stan_na": "2026-11-01",
            "linki_kmzb": "",
            "wydruk_kolor": "#14264b",
        },
        specimen=True,
        logo="",
    )
    data = tomllib.loads(text)
    assert data["jednostka"]["nazwa"] == 'KP "Stare" \\ Miasto'
    assert "linki" not in data
    path = tmp_path / "leaflets.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert config.specimen and config.as_of.isoformat() == "2026-11-01"


def test_hosts_and_next_pages() -> None:
    assert _host_name("127.0.0.1:8000") == "127.0.0.1"
    assert _host_name("[::1]:8000") == "[::1]"
    assert _host_name("LocalHost") == "localhost"
    assert safe_next("/obszary/abc") == "/obszary/abc"
    for bad in ("//evil.example", "https://evil.example", "/\\evil", "obszary"):
        assert safe_next(bad) == "/"


def test_client_file_names_are_shown_not_used() -> None:
    assert display_name("C:\\Users\\kp\\wykaz.xlsx") == "wykaz.xlsx"
    assert display_name("../../etc/wykaz\x00.xlsx") == "wykaz.xlsx"
    assert display_name("") == "wykaz"


def test_serve_only_forwards_its_flags(tmp_path: Path, monkeypatch: Any) -> None:
    from click.testing import CliRunner

    from leaflets import cli, web

    seen: list[web.ServeSettings] = []

    class Prepared:
        def __init__(self, settings: web.ServeSettings) -> None:
            seen.append(settings)
            self.settings = settings
            self.url = settings.url

        def run(self) -> int:
            return 0

    monkeypatch.setattr(web, "prepare", Prepared)
    secret = tmp_path / "haslo"
    secret.write_text("haslo-do-testu\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli.main,
        [
            "serve",
            "--host",
            "0.0.0.0",
            "--port",
            "8123",
            "--dane",
            str(tmp_path),
            "--jobs",
            "2",
            "--haslo-plik",
            str(secret),
            "--nazwa-serwera",
            "pc-kp",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    (settings,) = seen
    assert (settings.host, settings.port, settings.data, settings.jobs) == (
        "0.0.0.0",
        8123,
        tmp_path,
        2,
    )
    assert settings.server_names == ("pc-kp",)
    assert settings.password is not None and settings.password.matches("haslo-do-testu")
    assert f"Dane (obszary robocze, wykazy, ulotki): {tmp_path}" in result.output
    assert "Otwórz w przeglądarce: http://127.0.0.1:8123" in result.output
