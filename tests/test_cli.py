"""The CLI forwards flags to one library call and turns the outcome into Polish output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from leaflets import cli, pipeline
from leaflets.config import Settings
from tests.conftest import SAMPLE


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_help_is_polish() -> None:
    result = _invoke("build", "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Użycie: main build [OPCJE] ARKUSZ...\n")
    assert "\nOpcje:\n" in result.output
    assert "--out FOLDER Folder na gotowe pliki PDF (domyślnie: output)." in " ".join(
        result.output.split()
    )
    assert "Utwórz ulotki PDF dla każdego rejonu" in result.output


def test_build_only_forwards_to_the_pipeline(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: dict[str, Any] = {}

    def fake_run(settings: Settings, *, write: bool, progress: Any) -> pipeline.Report:
        seen["settings"], seen["write"] = settings, write
        return pipeline.Report(rows=(), areas=(), files=(), problems=(), rendered=True)

    monkeypatch.setattr(pipeline, "run", fake_run)
    result = _invoke(
        "build", str(SAMPLE), "--out", str(tmp_path), "--format", "ulotka-a5", "--strict"
    )
    assert result.exit_code == 0
    settings = seen["settings"]
    assert seen["write"] is True
    assert settings.rosters == (SAMPLE,)
    assert settings.out == tmp_path
    assert settings.formats == ("ulotka-a5",)
    assert settings.strict is True
    assert settings.config.specimen is True  # rosters/leaflets.toml found beside the roster


def test_check_sample_exits_0() -> None:
    result = _invoke("check", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert "Wiersze: 42 (odrzucone: 0)" in result.output
    assert "Problemy: błędy 0" in result.output


def test_missing_file_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    missing = tmp_path / "nie-ma.xlsx"
    result = _invoke("check", str(missing))
    assert result.exit_code == 2
    assert f"Błąd: {missing}: nie ma takiego pliku." in " ".join(result.output.split())


def test_unknown_format_exits_2(tmp_path: Path) -> None:
    result = _invoke("build", str(SAMPLE), "--format", "plakat-a3", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert (
        "Nieznany format: plakat-a3. Dostępne: plakat-a4, ulotka-a5, "
        "ulotka-a6, wizytowka, skorowidz." in " ".join(result.output.split())
    )


def test_bad_config_exits_2(tmp_path: Path) -> None:
    config = tmp_path / "leaflets.toml"
    config.write_text("[wydruk]\nkolor = 'granatowy'\n", encoding="utf-8")
    result = _invoke("check", str(SAMPLE), "--config", str(config))
    assert result.exit_code == 2
    assert "kolor podaj jako #RRGGBB" in result.output


def test_rejected_rows_exit_1_and_are_listed(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text(
        "Rejon;Imię;Nazwisko;Telefon\n1;Jan;Nowak;723 645 827\n2;Anna;Lis;\n", encoding="utf-8"
    )
    result = _invoke("check", str(roster))
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert "brak numeru telefonu" in output
    assert "Wiersze: 2 (odrzucone: 1)" in output


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["build"],
            "Błąd użycia: brakuje argumentu ARKUSZ... — podaj plik z wykazem dzielnicowych",
        ),
        (["build", "x.xlsx", "--foo"], "Błąd użycia: nieznana opcja --foo"),
        (["build", "x.xlsx", "--job", "2"], "nieznana opcja --job — czy chodziło o --jobs?"),
        (["build", "x.xlsx", "--jobs", "0"], "nieprawidłowa wartość --jobs: 0 — dozwolone od 1."),
        (
            ["build", "x.xlsx", "--jobs", "dwa"],
            "nieprawidłowa wartość --jobs: „dwa” nie jest liczbą całkowitą.",
        ),
        (
            ["build", "x.xlsx", "--kopie", "5000"],
            "nieprawidłowa wartość --kopie: 5000 — dozwolone od 1 do 1000.",
        ),
        (
            ["build", "x.xlsx", "--spad", "4"],
            "nieprawidłowa wartość --spad: „4” — dozwolone: 0, 2, 3, 5.",
        ),
        (
            ["build", "x.xlsx", "--dupleks", "bok"],
            "nieprawidłowa wartość --dupleks: „bok” — dozwolone: dlugi, krotki.",
        ),
        (["build", "x.xlsx", "--jobs"], "Błąd użycia: opcja --jobs wymaga wartości"),
        (["find", "x.xlsx", "--adres"], "Błąd użycia: opcja --adres wymaga wartości"),
        (["build", "x.xlsx", "--force=1"], "Błąd użycia: opcja --force nie przyjmuje wartości"),
        (["druk", "x.xlsx"], "Błąd użycia: nieznane polecenie druk (są: build, check, find)"),
    ],
)
def test_usage_errors_are_polish(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.setattr("sys.argv", ["leaflets", *argv])
    with pytest.raises(SystemExit) as exit_info:
        cli.run()
    assert exit_info.value.code == 2
    err = " ".join(capsys.readouterr().err.split())
    assert message in err
    # Nothing of click's English is left.
    for english in ("Invalid value", "is not", "requires", "No such", "Did you mean", "Usage"):
        assert english not in err
