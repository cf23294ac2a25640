"""Issue 3 acceptance over every fixture in tests/data: the manifest lists exactly the rows of
the file, each bad row is reported at the right sheet, row and column, in words a person
understands; broken files end with a clear message and exit code 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from leaflets import limits, pipeline, roster
from leaflets.config import LeafletConfig, Settings, UnitDefaults
from leaflets.errors import RosterError
from leaflets.output.paths import area_key
from tests.helpers import DATA, pdf_text


def _data_rows(path: Path) -> set[tuple[str, int]]:
    """(sheet, row) of every non-empty row below the header, read with other libraries than
    the tool uses (openpyxl, pandas' odf engine, the csv module)."""
    grids: list[tuple[str, list[list[object]]]] = []
    if path.suffix == ".xlsx":
        workbook = openpyxl.load_workbook(path)
        grids = [(s.title, [list(r) for r in s.iter_rows(values_only=True)]) for s in workbook]
    elif path.suffix == ".ods":
        frames = pd.read_excel(path, engine="odf", sheet_name=None, header=None)
        grids = [(name, frame.values.tolist()) for name, frame in frames.items()]
    else:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1250")
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,")
        grids = [("", [list(r) for r in csv.reader(io.StringIO(text), dialect)])]
    rows = set()
    for sheet, grid in grids:
        filled = [
            i + 1
            for i, r in enumerate(grid)
            if any(str(v).strip() not in ("", "None", "nan") for v in r)
        ]
        header = next(
            i + 1
            for i, r in enumerate(grid)
            if any(str(v).strip().lower() in ("imię", "imie") for v in r)
        )
        rows |= {(sheet, n) for n in filled if n > header}
    return rows


UNIT = LeafletConfig(unit=UnitDefaults("KP Test"))
"""These fixtures name no unit (but a title row or a sheet's name may): the configuration's
is used, as a unit would set it."""


def _build(path: Path, out: Path) -> tuple[pipeline.Report, dict[str, object]]:
    report = pipeline.run(Settings(rosters=(path,), out=out, formats=("ulotka-a5",), config=UNIT))
    return report, json.loads((out / "manifest.json").read_text(encoding="utf-8"))


NO_STREETS = (
    "rejon {} nie ma opisu ulic ani miejscowości — ulotki i plakaty wydrukują się bez niego;"
    " wpisz opis w kolumnie „Ulice”"
)

# fixture -> the bad rows: (sheet, row, column, severity, message)
EXPECTED: dict[str, list[tuple[str, int, str, str, str]]] = {
    "cp1250-srednik.csv": [],
    "utf8-bom-przecinek.csv": [],
    # Three officers do not fit one A5 front: each gets a flyer of their own, and it says so.
    "tytul-scalone.xlsx": [
        (
            "KP I",
            4,
            "ulice",
            "ostrzeżenie",
            "rejon 5 nie ma opisu ulic ani miejscowości — ulotki i plakaty wydrukują się bez"
            " niego; wpisz opis w kolumnie „Ulice”",
        ),
        (
            "KP I",
            4,
            "",
            "informacja",
            "ulotka-a5, rejon 5: dzielnicowi rejonu nie mieszczą się razem na jednej ulotce —"
            " każdy ma własną (w jednym pliku, po dwie strony), jak na plakacie; nic nie trzeba"
            " poprawiać",
        ),
        (
            "KP I",
            7,
            "ulice",
            "ostrzeżenie",
            "rejon 6 nie ma opisu ulic ani miejscowości — ulotki i plakaty wydrukują się bez"
            " niego; wpisz opis w kolumnie „Ulice”",
        ),
    ],
    # Issue 15, item 7: an area that would print no streets is a warning, once per area.
    "arkusz.ods": [
        (
            "Rejony",
            2,
            "ulice",
            "ostrzeżenie",
            "rejon 3 nie ma opisu ulic ani miejscowości — ulotki i plakaty wydrukują się bez"
            " niego; wpisz opis w kolumnie „Ulice”",
        ),
        (
            "Rejony",
            3,
            "ulice",
            "ostrzeżenie",
            "rejon 4 nie ma opisu ulic ani miejscowości — ulotki i plakaty wydrukują się bez"
            " niego; wpisz opis w kolumnie „Ulice”",
        ),
    ],
    "mieszane.xlsx": [
        ("KP I", 2, "ulice", "ostrzeżenie", NO_STREETS.format(1)),
        ("KP I", 3, "telefon", "błąd", "brak numeru telefonu"),
        (
            "KP I",
            4,
            "telefon",
            "błąd",
            "nieprawidłowy numer telefonu — podaj polski numer, np. 600 000 000",
        ),
        ("KP II", 2, "email", "ostrzeżenie", "nieprawidłowy adres e-mail — pominięty na ulotce"),
        ("KP II", 2, "ulice", "ostrzeżenie", NO_STREETS.format(4)),
        ("KP II", 3, "stopien", "ostrzeżenie", "nieznany stopień policyjny — pominięty na ulotce"),
        ("KP II", 3, "ulice", "ostrzeżenie", NO_STREETS.format(5)),
        ("KP II", 4, "ulice", "ostrzeżenie", NO_STREETS.format(6)),
    ],
    "wrogie.csv": [
        (
            "",
            2,
            "zdjecie",
            "ostrzeżenie",
            "ścieżka zdjęcia musi być względna, wewnątrz folderu arkusza — ulotka bez zdjęcia",
        ),
        (
            "",
            2,
            "ulice",
            "ostrzeżenie",
            "nie rozpoznano fragmentu opisu rejonu „<style>*{display:none}</style>ul. Polna”"
            " — wydrukowany dosłownie",
        ),
        (
            "",
            3,
            "zdjecie",
            "ostrzeżenie",
            "ścieżka zdjęcia musi być względna, wewnątrz folderu arkusza — ulotka bez zdjęcia",
        ),
    ],
}


@pytest.mark.pdf
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_manifest_rows_are_exactly_the_file_rows(name: str, tmp_path: Path) -> None:
    path = DATA / name
    report, manifest = _build(path, tmp_path / "out")
    rows = manifest["rows"]
    assert isinstance(rows, list)
    assert {(r["sheet"], r["row"]) for r in rows} == _data_rows(path)
    assert len(rows) == len(_data_rows(path)), "a row listed twice"
    assert all(r["file"] == str(path) for r in rows)
    found = [
        (r["sheet"], r["row"], p["column"], p["severity"], p["message"])
        for r in rows
        for p in r["problems"]
    ]
    assert found == EXPECTED[name]
    rejected = {(s, n) for s, n, _c, severity, _m in EXPECTED[name] if severity == "błąd"}
    assert {(r["sheet"], r["row"]) for r in rows if r["status"] == "rejected"} == rejected
    assert report.exit_code == (1 if rejected else 0)
    for r in rows:
        if r["status"] == "ok":
            assert (tmp_path / "out" / f"{r['area']}/ulotka-a5.pdf").is_file()


@pytest.mark.pdf
def test_merged_rejon_applies_to_every_row(tmp_path: Path) -> None:
    report, _ = _build(DATA / "tytul-scalone.xlsx", tmp_path / "out")
    five = next(a for a in report.areas if a.number == "5")
    assert [o.name for o in five.officers] == ["Marek Zając", "Ewa Lis", "Piotr Wróbel"]
    assert [o.phone.national for o in five.officers] == [
        "600 997 123",
        "600 997 123",
        "600 997 125",
    ]


@pytest.mark.pdf
def test_hostile_cells_print_as_literal_text(tmp_path: Path) -> None:
    report, _ = _build(DATA / "wrogie.csv", tmp_path / "out")
    # Compared without white space: long markup may wrap at "/" inside the leaflet.
    texts = {
        a.number: "".join(pdf_text(tmp_path / "out" / area_key(a) / "ulotka-a5.pdf").split())
        for a in report.areas
    }
    assert "<b>Jan</b>Nowak<script>alert(1)</script>" in texts["1"]
    assert "<style>*{display:none}</style>ul.Polna" in texts["1"]
    assert "Dyżur:=1+1" in texts["1"]
    assert '<imgsrc="https://example.com/x.png">' in texts["2"]
    assert not [p for p in report.problems if "WeasyPrint" in p.message]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("nie-arkusz.xlsx", "to nie jest arkusz kalkulacyjny (plik uszkodzony?)."),
        (
            "zaszyfrowany.xlsx",
            "skoroszyt jest zabezpieczony hasłem albo zapisany w starym formacie .xls. "
            "Zdejmij hasło i zapisz go jako .xlsx.",
        ),
        (
            "bomba.xlsx",
            "plik jest podejrzanie mocno skompresowany (1028:1, zwykle do 20:1) — odrzucony"
            " jako możliwa „bomba zip”. Zapisz arkusz ponownie w Excelu albo LibreOffice.",
        ),
        ("pusty.csv", "nie znaleziono żadnego wiersza z danymi dzielnicowych."),
    ],
)
def test_broken_files_end_with_a_clear_message(name: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(RosterError) as error:
        pipeline.run(Settings(rosters=(DATA / name,), out=tmp_path))
    assert str(error.value) == f"{DATA / name}: {message}"
    assert error.value.exit_code == 2
    assert not list(tmp_path.iterdir()), "nothing may be written for an unreadable roster"


def test_absurdly_large_sheet_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 5)
    with pytest.raises(RosterError, match=r"arkusz „KP I”: arkusz jest za duży \(7 wierszy"):
        roster.read_rosters([DATA / "tytul-scalone.xlsx"])


def test_a_header_typo_no_longer_refuses_the_file(tmp_path: Path) -> None:
    """Issue 15, item 1: `Telefn` is read as the phone column (it used to end the run)."""
    path = DATA / "brak-kolumny.xlsx"
    loaded = pipeline.intake(Settings(rosters=(path,), out=tmp_path))
    assert [r.get("telefon") for r in loaded.roster.rows] == ["600 997 111"]
    [sheet] = loaded.sheets
    assert sheet.headers[3].describe() == (
        "kolumna D „Telefn” → telefon służbowy (nagłówek z literówką?)"
    )
