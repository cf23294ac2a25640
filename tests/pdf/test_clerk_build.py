"""Issue 15 through the command line and a build: what `check` prints about the headers, the
exit code when one file of several cannot be read, no street index without streets, no
leaflet for a vacant area. Each fails on the code before issue 15."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from leaflets import cli, pipeline
from leaflets.config import LeafletConfig, Settings, UnitDefaults
from tests.test_clerk_rosters import csv_roster, krzyki, several_files


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_check_prints_how_every_header_was_understood(tmp_path: Path) -> None:
    path = krzyki(tmp_path / "wykaz-krzyki.xlsx")
    result = _invoke("check", str(path), "--out", str(tmp_path / "out"))
    lines = result.output.splitlines()
    start = lines.index(f"{path}, arkusz „Dzielnicowi”: nagłówki w wierszu 4")
    assert lines[start + 1 : start + 4] == [
        "  kolumna A „Lp.” → pominięta (numer porządkowy)",
        "  kolumna B „Jednostka” → jednostka Policji",
        "  kolumna C „Nr rejonu” → numer rejonu",
    ]
    assert "  kolumna J „Ulice w rejonie” → opis rejonu" in lines
    output = " ".join(result.output.split())
    assert "Wiersze: 13 (odrzucone: 3, notatki: 2, wakaty: 1)" in output
    assert "Rejony: 8 (nieobsadzone: 1), dzielnicowi: 7" in output
    assert result.exit_code == 1


def test_one_unreadable_file_is_reported_the_others_are_read_and_the_exit_code_is_2(
    tmp_path: Path,
) -> None:
    lock, broken, good = several_files(tmp_path)
    result = _invoke("check", str(lock), str(broken), str(good), "--out", str(tmp_path / "out"))
    output = " ".join(result.output.split())
    # Each file's problems under its name (the table wraps long messages).
    assert f"{broken} ┏" in output and "│ błąd │ to nie jest arkusz kalkulacyjny" in output
    assert f"{lock} ┏" in output and "│ informacja │ to plik blokady Excela" in output
    assert "Wiersze: 1 (odrzucone: 0)" in output
    assert "Części wykazu nie odczytano — zobacz błędy powyżej (kod wyjścia 2)." in output
    assert result.exit_code == 2


def test_no_street_index_without_streets_and_no_leaflet_for_a_vacancy(tmp_path: Path) -> None:
    """Item 7: an empty street index is never written; item 4: the vacant area is in the
    index and the manifest, with no leaflet of its own."""
    bare = csv_roster(
        tmp_path / "bez-ulic.csv",
        "Jednostka;Nr rejonu;Imię;Nazwisko;Telefon",
        "KP Pusty;1;Jan;Nowak;600 000 101",
    )
    out = tmp_path / "out"
    report = pipeline.run(Settings(rosters=(bare,), out=out, formats=("ulotka-a6", "skorowidz")))
    assert (out / "kp-pusty" / "rejon-1" / "ulotka-a6.pdf").is_file()
    assert not (out / "kp-pusty" / "skorowidz-ulic.pdf").exists()
    assert [p.code for p in report.problems if p.code == "rejon-bez-opisu"] == ["rejon-bez-opisu"]

    vacant = csv_roster(
        tmp_path / "wakat.csv",
        "Jednostka;Nr rejonu;Imię;Nazwisko;Telefon;Ulice",
        "KP Test;1;Jan;Nowak;600 000 101;ul. Polna",
        "KP Test;2;WAKAT;;;ul. Leśna",
    )
    out = tmp_path / "out2"
    config = LeafletConfig(unit=UnitDefaults(phone="71 000 00 00"))
    report = pipeline.run(
        Settings(rosters=(vacant,), out=out, formats=("ulotka-a6", "skorowidz"), config=config)
    )
    assert report.exit_code == 0
    assert not (out / "kp-test" / "rejon-2").exists()
    index = out / "kp-test" / "skorowidz-ulic.pdf"
    from tests.helpers import pdf_text

    text = " ".join(pdf_text(index).split())
    assert "nieobsadzony — telefon jednostki: 71 000 00 00" in text
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [(r["row"], r["status"], r["area"]) for r in manifest["rows"]] == [
        (2, "ok", "kp-test/rejon-1"),
        (3, "vacancy", "kp-test/rejon-2"),
    ]
    two = next(a for a in manifest["areas"] if a["number"] == "2")
    assert (two["officers"], two["files"], two["vacant"]) == (
        [],
        {},
        {"note": "WAKAT", "covering_area": "", "covering": [], "unit_phone": "71 000 00 00"},
    )
