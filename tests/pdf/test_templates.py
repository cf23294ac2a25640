"""A unit changes the look by copying one template file into its own folder: that file wins,
every other file comes from the package, and editing it means a rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2.raw as pdfium_raw

from leaflets import pipeline
from leaflets.config import Settings, load_config
from leaflets.render.templates import packaged_templates
from tests.helpers import pdf_pages

PT_PER_FONT_UNIT = 0.75  # WeasyPrint writes text in CSS px under a 0.75 pt/px matrix


def _title_size(path: Path) -> float:
    """The font size (pt) of the band's "TWÓJ DZIELNICOWY" on the first page."""
    page = next(pdf_pages(path))
    text = page.get_textpage()
    content = text.get_text_range()
    start = content.upper().index("TWÓJ DZIELNICOWY")
    return pdfium_raw.FPDFText_GetFontSize(text, start) * PT_PER_FONT_UNIT


def _unit(tmp_path: Path) -> tuple[Path, Path]:
    roster = tmp_path / "wykaz.csv"
    roster.write_text(
        "Jednostka;Rejon;Imię;Nazwisko;Telefon;Ulice\nKP Test;1;Jan;Nowak;600 000 001;ul. Polna\n",
        encoding="utf-8",
    )
    own = tmp_path / "moje-szablony"
    own.mkdir()
    css = (packaged_templates() / "plakat-a4.css").read_text(encoding="utf-8")
    (own / "plakat-a4.css").write_text(
        css + "\n.pasek .tytul { font-size: 20pt; }\n", encoding="utf-8"
    )
    (tmp_path / "leaflets.toml").write_text(
        '[wydruk]\nszablony = "moje-szablony"\n', encoding="utf-8"
    )
    return roster, own


def test_one_copied_file_overrides_the_packaged_one(tmp_path: Path) -> None:
    roster, _ = _unit(tmp_path)
    config = load_config(tmp_path / "leaflets.toml")
    out = tmp_path / "out"
    settings = Settings(
        rosters=(roster,), out=out, config=config, formats=("plakat-a4", "ulotka-a5")
    )
    report = pipeline.run(settings)
    assert report.errors == 0
    poster = out / "kp-test" / "rejon-1" / "plakat-a4.pdf"
    flyer = out / "kp-test" / "rejon-1" / "ulotka-a5.pdf"
    assert round(_title_size(poster)) == 20, "the unit's plakat-a4.css"
    assert round(_title_size(flyer)) == 24, "the packaged ulotka-a5.css"


def test_editing_the_units_file_rebuilds_and_removing_it_restores_the_package(
    tmp_path: Path,
) -> None:
    roster, own = _unit(tmp_path)
    out = tmp_path / "out"

    def build() -> Path:
        config = load_config(tmp_path / "leaflets.toml")
        pipeline.run(Settings(rosters=(roster,), out=out, config=config, formats=("plakat-a4",)))
        return out / "kp-test" / "rejon-1" / "plakat-a4.pdf"

    poster = build()
    written = poster.stat().st_mtime_ns
    assert build().stat().st_mtime_ns == written, "nothing changed"
    css = own / "plakat-a4.css"
    css.write_text(css.read_text(encoding="utf-8").replace("20pt", "22pt"), encoding="utf-8")
    assert round(_title_size(build())) == 22
    shutil.rmtree(own)
    own.mkdir()
    assert round(_title_size(build())) == 34, "the packaged poster again"
