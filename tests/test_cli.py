"""The CLI forwards flags to one library call and turns the outcome into Polish output."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from leaflets import cli, pipeline
from leaflets import workbooks as workbooks_module
from leaflets.config import Settings
from tests.helpers import SAMPLE


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_help_is_polish() -> None:
    result = _invoke("build", "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Użycie: leaflets build [OPCJE] WYKAZ...\n")
    assert "\nOpcje:\n" in result.output
    assert "--out FOLDER Folder na gotowe pliki PDF (domyślnie: output)." in " ".join(
        result.output.split()
    )
    assert "Utwórz ulotki PDF dla każdego rejonu" in result.output


@pytest.mark.parametrize("command", ["build", "check", "find"])
def test_every_command_has_polish_help(command: str) -> None:
    result = _invoke(command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith(f"Użycie: leaflets {command} [OPCJE] WYKAZ...\n")
    assert cli.main.commands[command].help


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


def test_check_only_forwards_to_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run(settings: Settings, *, write: bool, progress: Any) -> pipeline.Report:
        seen["settings"], seen["write"], seen["progress"] = settings, write, progress
        return pipeline.Report(rows=(), areas=(), files=(), problems=(), rendered=False)

    monkeypatch.setattr(pipeline, "run", fake_run)
    result = _invoke("check", str(SAMPLE), "--kodowanie", "cp1250")
    assert result.exit_code == 0
    assert seen["write"] is False and seen["progress"] is None
    assert seen["settings"].rosters == (SAMPLE,)
    assert seen["settings"].encoding == "cp1250"
    assert seen["settings"].out == Path("output")  # the folder whose cache a check reuses


def test_find_only_forwards_to_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_find(settings: Settings, *, address: str, name: str) -> pipeline.Found:
        seen.update(settings=settings, address=address, name=name)
        return pipeline.Found(address, [], ["ul. Polna"])

    monkeypatch.setattr(pipeline, "find", fake_find)
    result = _invoke("find", str(SAMPLE), "--adres", " Polna 3 ")
    assert result.exit_code == 1
    assert seen["address"] == "Polna 3" and seen["name"] == ""
    assert seen["settings"].rosters == (SAMPLE,)
    assert _said(result) == "Nie znaleziono: „Polna 3”. Czy chodziło o: ul. Polna?"


def test_python_m_leaflets_is_the_same_command() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "leaflets", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Użycie: leaflets [OPCJE] POLECENIE\n")


@pytest.mark.pdf
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


def _said(result: Any) -> str:
    return " ".join(result.output.split())


def _small_roster(tmp_path: Path) -> Path:
    roster = tmp_path / "r.csv"
    roster.write_text("Rejon;Imię;Nazwisko;Telefon\n1;Jan;Nowak;723 645 827\n", encoding="utf-8")
    return roster


def test_a_folder_given_as_roster_is_named_as_such(tmp_path: Path) -> None:
    result = _invoke("check", str(tmp_path))
    assert result.exit_code == 2
    assert _said(result) == (
        f"Błąd: {tmp_path}: to folder — podaj plik arkusza (.xlsx, .ods albo .csv)."
    )


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("plik", "„{out}” to plik, a nie folder — podaj w --out folder na ulotki."),
        (
            "plik/wyniki",
            "nie można utworzyć folderu „{out}”: część ścieżki jest plikiem, a nie folderem.",
        ),
    ],
)
def test_an_unusable_output_folder_is_refused_before_any_work(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, out: str, message: str
) -> None:
    (tmp_path / "plik").write_text("nie folder", encoding="utf-8")
    rendered: list[object] = []
    monkeypatch.setattr("leaflets.render.plan.render_areas", lambda *a: rendered.append(a))
    target = tmp_path / out
    result = _invoke("build", str(_small_roster(tmp_path)), "--out", str(target))
    assert result.exit_code == 2
    assert _said(result) == "Błąd: " + message.format(out=target)
    assert rendered == []
    assert (tmp_path / "plik").read_text(encoding="utf-8") == "nie folder"


@pytest.mark.pdf
def test_a_write_failing_mid_build_is_said_in_polish(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A full disk while the problem report is written: no traceback, the file named, and
    no half-written file left behind."""
    out = tmp_path / "wyniki"
    real_fsync = os.fsync

    def full_disk(descriptor: int) -> None:
        if "problemy.xlsx" in str(Path(f"/proc/self/fd/{descriptor}").readlink()):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr("leaflets.output.files.os.fsync", full_disk)
    result = CliRunner().invoke(
        cli.main, ["build", str(_small_roster(tmp_path)), "--out", str(out)]
    )
    assert result.exit_code == 2, result.output
    assert _said(result) == (
        f"Błąd: nie można zapisać „{out / 'problemy.xlsx'}”: brak miejsca na dysku."
        " Wcześniej zapisane pliki są kompletne."
    )
    assert "No space" not in result.output and "Traceback" not in result.output
    assert not list(out.glob(".problemy.xlsx.*")), "the temporary file is removed"


def test_an_unreadable_roster_is_said_in_polish(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    roster = _small_roster(tmp_path)

    def denied(path: Path, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(workbooks_module, "read_csv", denied)
    result = _invoke("check", str(roster))
    assert result.exit_code == 2
    assert _said(result) == f"Błąd: {roster}: nie można odczytać pliku: brak uprawnień."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "nie można odczytać pliku konfiguracji: to folder, a nie plik."),
        (
            b"[wydruk]\nkolor = '\xb9'\n",
            "plik konfiguracji nie jest zapisany w UTF-8 (bajt 19)"
            " — zapisz go ponownie, wybierając kodowanie UTF-8.",
        ),
    ],
)
def test_an_unreadable_config_is_said_in_polish(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    config = tmp_path / "leaflets.toml"
    if content is None:
        config.mkdir()
    else:
        config.write_bytes(content)
    result = _invoke("check", str(SAMPLE), "--config", str(config))
    assert result.exit_code == 2
    assert _said(result) == f"Błąd: {config}: {message}"


def test_unknown_format_exits_2(tmp_path: Path) -> None:
    result = _invoke("build", str(SAMPLE), "--format", "plakat-a3", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert _said(result) == (
        "Błąd: nieznany format „plakat-a3” — czy chodziło o plakat-a4? Dostępne: plakat-a4,"
        " ulotka-a5, ulotka-a6, wizytowka, skorowidz, spotkanie-a4, spotkanie-a6."
    )


def test_bad_config_exits_2(tmp_path: Path) -> None:
    config = tmp_path / "leaflets.toml"
    config.write_text("[wydruk]\nkolor = 'granatowy'\n", encoding="utf-8")
    result = _invoke("check", str(SAMPLE), "--config", str(config))
    assert result.exit_code == 2
    assert "kolor podaj jako #RRGGBB" in result.output


@pytest.mark.pdf
def test_rejected_rows_exit_1_and_are_listed(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text(
        "Jednostka;Rejon;Imię;Nazwisko;Telefon\n"
        "KP Test;1;Jan;Nowak;723 645 827\nKP Test;2;Anna;Lis;\n",
        encoding="utf-8",
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
            "Błąd użycia: podaj plik z wykazem dzielnicowych, np. leaflets check wykaz.xlsx",
        ),
        (["build", "x.xlsx", "--foo"], "Błąd użycia: nieznana opcja --foo"),
        (["build", "x.xlsx", "--job", "2"], "nieznana opcja --job — czy chodziło o --jobs?"),
        (
            ["build", "x.xlsx", "--jobs", "0"],
            "nieprawidłowa wartość --jobs: 0 — dozwolone od 1 do 64.",
        ),
        (
            ["build", "x.xlsx", "--jobs", "500"],
            "nieprawidłowa wartość --jobs: 500 — dozwolone od 1 do 64.",
        ),
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
            "nieprawidłowa wartość --dupleks: „bok” — dozwolone: długi, krótki.",
        ),
        (["find", "x.xlsx"], "Błąd: podaj dokładnie jedno: --adres albo --nazwisko."),
        (["build", "x.xlsx", "--jobs"], "Błąd użycia: opcja --jobs wymaga wartości"),
        (["find", "x.xlsx", "--adres"], "Błąd użycia: opcja --adres wymaga wartości"),
        (["build", "x.xlsx", "--force=1"], "Błąd użycia: opcja --force nie przyjmuje wartości"),
        (
            ["druk", "x.xlsx"],
            "Błąd użycia: nieznane polecenie „druk” (są: build, check, find, serve)",
        ),
        (
            ["buidl", "x.xlsx"],
            "Błąd użycia: nieznane polecenie „buidl” — czy chodziło o build? (są: build, check,"
            " find, serve)",
        ),
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
        cli.main()
    assert exit_info.value.code == 2
    err = " ".join(capsys.readouterr().err.split())
    assert message in err
    # Nothing of click's English is left.
    for english in ("Invalid value", "is not", "requires", "No such", "Did you mean", "Usage"):
        assert english not in err


def test_a_long_problem_list_shows_its_first_problems_and_counts_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """250 rows without a usable phone: 200 listed one by one, the other 50 counted by kind
    with the first of them; `-v` lists all 250."""
    monkeypatch.chdir(tmp_path)
    lines = ["Jednostka;Rejon;Imię;Nazwisko;Telefon;Ulice"]
    lines += [f"KP Przykładowo;{n};Anna;Nowak{n};123;ul. Polna {n}" for n in range(1, 251)]
    Path("wykaz.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _invoke("check", "wykaz.csv")
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert (
        "Pokazano 200 z 251 problemów (najpierw błędy); pozostałe 51 zliczono według rodzaju "
        "(wszystkie pokaże leaflets check -v):" in text
    )
    listed = [int(n) for n in re.findall(r"^│\s+(\d+) │", result.output, re.MULTILINE)]
    assert listed == list(range(2, 202)), "rows 2-201 are listed, not those after"
    assert "│ błąd │ 50 │ wykaz.csv, wiersz 202, kolumna E „Telefon”:" in text
    verbose = _invoke("check", "-v", "wykaz.csv")
    assert "Pokazano" not in verbose.output
    rows = [int(n) for n in re.findall(r"^│\s+(\d+) │", verbose.output, re.MULTILINE)]
    assert rows == list(range(2, 252))


def test_the_problems_listed_are_the_errors_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """250 rows with warnings, then 60 with an error: the 60 errors are all listed (with 140
    warnings), so what makes the exit code 1 is never among the problems only counted."""
    monkeypatch.chdir(tmp_path)
    lines = ["Jednostka;Rejon;Imię;Nazwisko;Telefon;E-mail"]
    lines += [f"KP Przykładowo;{n};Anna;Nowak{n};600 000 {n:03d};brak" for n in range(1, 251)]
    lines += [f"KP Przykładowo;{n};Anna;Nowak{n};123;" for n in range(251, 311)]
    Path("wykaz.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _invoke("check", "wykaz.csv")
    assert result.exit_code == 1
    listed = [int(n) for n in re.findall(r"^│\s+(\d+) │", result.output, re.MULTILINE)]
    errors = list(range(252, 312))
    assert set(errors) <= set(listed), "every error row is listed"
    assert len(listed) == 200  # a warning row has two problems
    assert listed == sorted(listed), "the tables stay in row order"
