"""Text where an office printer prints nothing (within ~4 mm of the paper's edge) is reported
at build time: a footer grown to three lines by a long unit address runs there."""

from __future__ import annotations

from pathlib import Path

from leaflets import pipeline
from leaflets.config import Settings
from tests.helpers import text_near_edges

LONG_ADDRESS = (
    "ul. Generała Władysława Andersa 123/125 lok. 4, 62-800 Przykładowo Wielkopolskie,"
    " pokój 15 na parterze budynku"
)


def _roster(tmp_path: Path, address: str) -> Path:
    path = tmp_path / "wykaz.csv"
    path.write_text(
        "Jednostka;Adres jednostki;Telefon jednostki;Rejon;Imię;Nazwisko;Telefon;Ulice\n"
        f"KP Test;{address};76 000 00 00;1;Jan;Nowak;723 645 827;ul. Polna\n",
        encoding="utf-8",
    )
    return path


def _build(tmp_path: Path, address: str) -> tuple[pipeline.Report, dict[str, list[str]]]:
    settings = Settings(
        rosters=(_roster(tmp_path, address),),
        out=tmp_path / "out",
        formats=("plakat-a4", "ulotka-a5", "ulotka-a6"),
        languages=("pl", "pl+uk"),
    )
    report = pipeline.run(settings)
    measured = {
        path.stem: text_near_edges(path) for path in sorted(settings.out.glob("*/rejon-1/*.pdf"))
    }
    return report, measured


def _warned(report: pipeline.Report) -> set[str]:
    return {
        p.message.split(",")[0]
        for p in report.problems
        if "od krawędzi kartki" in p.message and p.column == "adres_jednostki"
    }


def test_the_build_warns_exactly_where_text_reaches_the_edge(tmp_path: Path) -> None:
    report, measured = _build(tmp_path, LONG_ADDRESS)
    reaching = {stem for stem, found in measured.items() if found}
    assert reaching  # the long address does push some footers there
    assert _warned(report) == reaching
    # A rebuild renders nothing (unchanged inputs) and still says so.
    files = sorted((tmp_path / "out").glob("*/rejon-1/*.pdf"))
    written = [path.stat().st_mtime_ns for path in files]
    again = pipeline.run(
        Settings(
            rosters=(tmp_path / "wykaz.csv",),
            out=tmp_path / "out",
            formats=("plakat-a4", "ulotka-a5", "ulotka-a6"),
            languages=("pl", "pl+uk"),
        )
    )
    assert _warned(again) == reaching
    assert [path.stat().st_mtime_ns for path in files] == written


def test_a_usual_address_stays_clear_of_the_edge(tmp_path: Path) -> None:
    report, measured = _build(tmp_path, "ul. Przykładowa 1, 59-220 Legnica")
    assert measured and all(found == [] for found in measured.values())
    assert _warned(report) == set()
