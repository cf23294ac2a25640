"""Issue 15, item 10 and its acceptance: rosters built from real published area descriptions
(tests/data/real/, written by tools/make_real_rosters.py; sources in its README), in the
shapes clerks use and in README's documented shape.

Every data row is accounted for (a leaflet, a vacancy kept in the index, a note); no file is
refused for its shape; every area has its coverage and its right unit; the rows agree with a
count made without the tool. On the code before issue 15 every one of these files was refused
or lost its streets.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from leaflets import pipeline
from leaflets.config import Settings
from leaflets.index_content import index_view
from leaflets.problems import UNREAD
from leaflets.validation import normalise_area
from tests.helpers import DATA

REAL = DATA / "real"
EXPECTED: dict[str, list[dict[str, str | int]]] = json.loads(
    (REAL / "expected.json").read_text(encoding="utf-8")
)
SOURCES = json.loads((REAL / "sources.json").read_text(encoding="utf-8"))["units"]
STATUS = {"officer": "ok", "vacancy": "vacancy", "note": "note"}


def counted_rows(path: Path) -> list[tuple[str, int]]:
    """(sheet, row) of every row below the header that shows anything, read with other
    libraries than the tool's (openpyxl, pandas' odf engine, the csv module). A merged cell
    shows only in its first row, as in Excel."""
    grids: list[tuple[str, list[list[object]]]]
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        grids = [(s.title, [list(r) for r in s.iter_rows(values_only=True)]) for s in book]
    elif path.suffix == ".ods":
        frames = pd.read_excel(path, engine="odf", sheet_name=None, header=None)
        grids = [(name, frame.values.tolist()) for name, frame in frames.items()]
    else:
        text = path.read_bytes().decode("cp1250")
        grids = [("", [list(r) for r in csv.reader(io.StringIO(text), delimiter=";")])]
    found = []
    for sheet, grid in grids:
        cells = [
            [str(v).strip() for v in r if v is not None and str(v).strip() not in ("", "nan")]
            for r in grid
        ]
        header = next(i for i, r in enumerate(cells) if "Nr rejonu" in r)
        found += [(sheet, i + 1) for i, r in enumerate(cells) if i > header and r]
    return found


def test_the_corpus_has_every_kind_of_unit_the_issue_names() -> None:
    assert len(SOURCES) >= 8
    ids = {unit["id"] for unit in SOURCES}
    assert {"lodz", "krakow", "warszawa"} <= ids  # big cities, one sheet per komisariat
    assert all(
        len(u["komisariaty"]) >= 3 for u in SOURCES if u["id"] in ("lodz", "krakow", "warszawa")
    )
    assert {"zory", "wieliczka", "choszczno"} <= ids  # towns
    assert {"kadzidlo", "lukow", "suchy-dab", "krzyz"} <= ids  # villages, whole gminas
    shapes = {Path(name).name for name in EXPECTED}
    assert shapes == {"wykaz.xlsx", "wzor.xlsx", "wzor.ods", "wykaz.csv"}
    assert all(
        area["source"].startswith("http")
        for u in SOURCES
        for k in u["komisariaty"]
        for area in k["areas"]
    )


@pytest.fixture(scope="module")
def read() -> dict[str, pipeline.Intake]:
    return {name: pipeline.intake(Settings(rosters=(REAL / name,))) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_row_is_accounted_for(name: str, read: dict[str, pipeline.Intake]) -> None:
    rows = read[name].rows
    assert [(r.where.sheet, r.where.row, r.status) for r in rows] == [
        (str(e["sheet"]), int(e["row"]), STATUS[str(e["kind"])]) for e in EXPECTED[name]
    ]
    assert [(r.where.sheet, r.where.row) for r in rows] == counted_rows(REAL / name)
    for row in rows:
        if row.status == "note":
            assert [p.code for p in row.problems] == ["notatka"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_file_is_refused_and_no_row_has_an_error(
    name: str, read: dict[str, pipeline.Intake]
) -> None:
    problems = read[name].problems
    assert not [p for p in problems if p.code in UNREAD]
    assert [p.describe() for p in problems if p.is_error] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_area_has_its_coverage_and_its_unit(
    name: str, read: dict[str, pipeline.Intake]
) -> None:
    expected = {(str(e["sheet"]), int(e["row"])): e for e in EXPECTED[name]}
    areas = read[name].grouping.areas
    assert areas
    for area in areas:
        assert area.lines, f"{area.unit.name}, rejon {area.number}: no coverage"
        for ref in area.rows:
            row = expected[(ref.sheet, ref.row)]
            assert (area.unit.name, area.number) == (row["unit"], normalise_area(str(row["rejon"])))
    staffed = {e["kind"] for e in EXPECTED[name]}
    assert sum(a.vacancy is not None for a in areas) == sum(
        e["kind"] == "vacancy" for e in EXPECTED[name]
    ), staffed


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_vacant_areas_stay_in_the_street_index(name: str, read: dict[str, pipeline.Intake]) -> None:
    areas = read[name].grouping.areas
    for area in (a for a in areas if a.vacancy is not None):
        unit = [a for a in areas if a.unit == area.unit]
        labels = {
            row.area_label.first
            for letter in index_view(unit).letters
            for street in letter.streets
            for row in street.rows
            if row.officers.startswith("nieobsadzony")
        }
        assert any(label.startswith(f"rejon {area.number}") for label in labels)


def test_a_vacancy_is_covered_by_the_rejon_it_names(read: dict[str, pipeline.Intake]) -> None:
    areas = {a.number: a for a in read["zory/wykaz.xlsx"].grouping.areas}
    vacancy = areas["9"].vacancy
    assert vacancy is not None
    assert vacancy.covering_area == "8"
    assert vacancy.covering == areas["8"].officers


def test_the_descriptions_are_the_sources_verbatim() -> None:
    for unit in SOURCES:
        book = openpyxl.load_workbook(REAL / unit["id"] / "wykaz.xlsx")
        texts = {
            c for s in book for r in s.iter_rows(values_only=True) for c in r if isinstance(c, str)
        }
        for komisariat in unit["komisariaty"]:
            for area in komisariat["areas"]:
                assert area["text"] in texts


def test_every_person_is_invented(read: dict[str, pipeline.Intake]) -> None:
    officers = [o for r in read.values() for a in r.grouping.areas for o in a.officers]
    assert officers
    assert all(o.phone.national.startswith("600 000 ") for o in officers)
    assert all(o.email.endswith(".policja.example") for o in officers if o.email)
