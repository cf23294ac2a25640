"""Very long names in every format: smaller where a part is too long for the name line, and
never cut off or run under a QR code (which hides it from the reader, not from extraction)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from leaflets import pipeline
from leaflets.config import LANGUAGES, Settings
from leaflets.content import OfficerView
from leaflets.output.paths import area_key, edition_name
from tests.helpers import Built, pdf_text, text_near_edges, text_under_images

FORMATS_BUILT = ("plakat-a4", "ulotka-a5", "ulotka-a6", "wizytowka")
NAMES = {
    "1": ("Małgorzata", "Brzęczyszczykiewicz-Wiśniewska"),
    "2": ("Anna", "Szczepankiewicz-Jędrzejczyk"),
    "3": ("Konstantynopolitańczykowianeczka", "Nowak"),
}


@pytest.fixture(scope="module")
def long_names(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("names")
    roster = tmp / "wykaz.csv"
    roster.write_text(
        "Jednostka;Rejon;Stopień;Imię;Nazwisko;Telefon;E-mail;Ulice\n"
        + "".join(
            f"KP Test;{area};asp.;{first};{last};723 645 82{area};"
            f"{first.lower()[:12]}@legnica.policja.gov.pl;ul. Polna\n"
            for area, (first, last) in NAMES.items()
        ),
        encoding="utf-8",
    )
    out = tmp / "output"
    settings = Settings(
        rosters=(roster,), out=out, formats=FORMATS_BUILT, languages=("pl", "pl+uk")
    )
    return Built(out, pipeline.run(settings))


def _files(built: Built) -> list[Path]:
    return sorted(built.out.glob("*/rejon-*/*.pdf"))


def test_every_file_was_built(long_names: Built) -> None:
    assert len(_files(long_names)) == len(NAMES) * len(FORMATS_BUILT) * 2


def test_no_name_runs_under_a_code_or_off_the_printable_area(long_names: Built) -> None:
    hidden = [found for path in _files(long_names) for found in text_under_images(path)]
    assert hidden == []
    assert [found for path in _files(long_names) for found in text_near_edges(path)] == []


@pytest.mark.parametrize("code", ["pl", "pl+uk"])
@pytest.mark.parametrize("fmt", FORMATS_BUILT)
def test_the_whole_name_is_printed(long_names: Built, fmt: str, code: str) -> None:
    for area in long_names.report.areas:
        path = long_names.out / area_key(area) / f"{edition_name(fmt, code)}.pdf"
        # Lines joined and hyphens dropped: a word wrapped at a syllable (drawn as U+2010), or
        # after the hyphen of a double-barrelled name (which extraction reads as a soft
        # hyphen), joined back.
        text = "".join(pdf_text(path).split())
        text = text.replace("\ufffe", "").replace("-", "").replace(HYPHEN, "")
        first, last = NAMES[area.number]
        assert f"{first}{last}".replace("-", "") in text, (path.name, first, last)


HYPHEN = "\u2010"
"""What a line broken at a soft hyphen ends with in the PDF's text."""


@pytest.mark.parametrize("code", ["pl", "pl+uk"])
@pytest.mark.parametrize("fmt", FORMATS_BUILT)
def test_a_name_breaks_only_at_a_space_or_with_a_hyphen(
    long_names: Built, fmt: str, code: str
) -> None:
    """Never cut inside a word without a hyphen (`Brzęczyszczykie` / `wicz`): every line the
    name is broken over ends with a whole word or a hyphen, at a Polish syllable."""
    syllable_breaks = 0
    for area in long_names.report.areas:
        path = long_names.out / area_key(area) / f"{edition_name(fmt, code)}.pdf"
        lines = [line.strip() for line in pdf_text(path).splitlines()]
        first, last = NAMES[area.number]
        parts = f"{first} {last}".replace("-", " ").split()
        for line, following in itertools.pairwise(lines):
            if not line or not following:
                continue
            tail, head = line.split()[-1], following.split()[0]
            if tail.endswith(HYPHEN):
                syllable_breaks += 1
                # pdfium may give the name's own hyphen as U+FFFE (`wicz-Wiśniewska`).
                # A long word may take three lines (`Konstantynopoli-` `tańczykowia-`).
                joined = tail.removesuffix(HYPHEN) + head.replace("\ufffe", "-").rstrip(HYPHEN)
                joined = joined.split("-")[0].rstrip(",")
                assert any(joined in part for part in parts), joined  # inside the name
                continue
            cut = [p for p in parts if p != tail and p.startswith(tail) and (tail + head) in p]
            assert not cut, f"{path.name}: {tail!r} | {head!r} — cut without a hyphen"
    if fmt != "plakat-a4":
        assert syllable_breaks, "no long name needed a syllable break here"


def test_long_name_is_a_part_longer_than_the_narrowest_name_line() -> None:
    def view(first: str, last: str) -> OfficerView:
        officer = OfficerView.__new__(OfficerView)
        object.__setattr__(officer, "first_name", first)
        object.__setattr__(officer, "surname", last)
        return officer

    assert view("Małgorzata", "Brzęczyszczykiewicz-Wiśniewska").long_name
    assert view("Konstantynopolitańczykowianeczka", "Nowak").long_name
    assert not view("Katarzyna", "Kowalska-Wiśniewska").long_name  # breaks after the hyphen
    assert not view("Grzegorz", "Przybyszewski").long_name
    assert LANGUAGES  # every edition shares the rule: it is in the view, not the template
