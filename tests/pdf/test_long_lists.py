"""A very long street list (sample area 5, 27 streets) in every format and edition: it shrinks
step by step — smaller type, then the streets run on in lines, then a shorter flyer back —
and still fits the format's pages, with every street on the page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from leaflets import pipeline
from leaflets.areas import Area
from leaflets.config import KMZB_URL, LANGUAGES
from leaflets.content import keep_together
from leaflets.formats import FORMATS, RUN_IN_STEP
from leaflets.output.paths import area_key, edition_name
from tests.helpers import (
    pdf_pages,
    qr_payloads,
    sample_settings,
    text_near_edges,
    text_under_images,
)

BUILT = ("plakat-a4", "ulotka-a5", "ulotka-a6")
STEP = re.compile(
    r"^(?P<file>[\w.+-]+), rejon 5: lista ulic wydrukowana .*\(poziom (?P<step>\d) z 5\)"
)


@dataclass(frozen=True)
class LongList:
    out: Path
    area: Area
    steps: dict[str, int]
    """File stem (`ulotka-a6.uk`) -> the density step it ended at."""
    messages: list[str]

    def file(self, stem: str) -> Path:
        return self.out / area_key(self.area) / f"{stem}.pdf"


@pytest.fixture(scope="module")
def long_list(tmp_path_factory: pytest.TempPathFactory) -> LongList:
    out = tmp_path_factory.mktemp("long") / "output"
    settings = sample_settings(
        out, languages=LANGUAGES, formats=BUILT, address="ul. Skarbka 3, Legnica"
    )
    report = pipeline.run(settings)
    (area,) = report.areas
    messages = [p.message for p in report.problems]
    steps = {m["file"]: int(m["step"]) for m in map(STEP.match, messages) if m}
    return LongList(out, area, steps, messages)


def _pages(path: Path) -> list[str]:
    """Each page's text as one line."""
    return [" ".join(page.get_textpage().get_text_range().split()) for page in pdf_pages(path)]


def _stems() -> list[str]:
    return [edition_name(fmt, code) for fmt in BUILT for code in LANGUAGES]


def test_the_area_is_long_enough_to_need_every_step(long_list: LongList) -> None:
    assert len(long_list.area.lines) >= 25
    # The A6 back runs the streets on in lines in every edition; the bilingual and Ukrainian
    # ones need the short back too: the steps this test exists for are reached.
    assert all(long_list.steps.get(edition_name("ulotka-a6", c), 0) >= 4 for c in LANGUAGES)
    assert long_list.steps["ulotka-a6.uk"] >= 4
    assert long_list.steps["ulotka-a5.pl+uk"] >= 4  # the streets first on the back: 4 do
    assert 5 in long_list.steps.values(), long_list.steps  # the last step is reached too


@pytest.mark.parametrize("stem", _stems())
def test_every_street_fits_the_pages(long_list: LongList, stem: str) -> None:
    spec = FORMATS[stem.partition(".")[0]]
    path = long_list.file(stem)
    assert len(PdfReader(path).pages) == spec.expected_pages(len(long_list.area.officers))
    assert not [m for m in long_list.messages if m.startswith(f"{stem}, ") and "nie mieści" in m]
    text = " ".join(_pages(path))
    for line in long_list.area.lines:
        assert line.text.split(" (")[0] in text, (stem, line.text)


@pytest.mark.parametrize("stem", _stems())
def test_run_on_list_breaks_between_streets(long_list: LongList, stem: str) -> None:
    """Run on in lines, a short street line stays whole on a line and a long one keeps its
    `ul.` with the name; where the fitting stopped before the run-on step, the list is still
    in columns (no line runs streets on)."""
    lines = [
        line
        for page in pdf_pages(long_list.file(stem))
        for line in page.get_textpage().get_text_range().splitlines()
    ]
    # Lines of the run-on list: the footer's separators are spaced, the list's are not.
    listed = [" ".join(line.replace("\u00a0", " ").split()) for line in lines if "\u00a0·" in line]
    if long_list.steps.get(stem, 0) < RUN_IN_STEP:
        assert not [line for line in listed if line.count(" · ul. ") >= 2], stem
        return
    assert any(line.count(" · ul. ") >= 2 for line in listed), stem  # run on, not a column
    assert not [line for line in listed if line.endswith((" ul.", " pl."))], stem
    whole = [" ".join(line.replace("\u00a0", " ").split()) for line in lines]
    for street in long_list.area.lines:
        if len(street.text) <= 28 and "(" not in street.text:
            assert any(street.text in line for line in whole), (stem, street.text)


@pytest.mark.parametrize("code", LANGUAGES)
def test_short_back_keeps_the_apps(long_list: LongList, code: str) -> None:
    """The apps named in a row: the map's code and link, Moja Komenda with the stores."""
    stem = edition_name("ulotka-a6", code)
    payloads = qr_payloads(long_list.file(stem))
    assert KMZB_URL in payloads
    _, back = _pages(long_list.file(stem))
    assert "Moja Komenda" in back and "Google Play, App Store" in back
    assert "mapy.geoportal.gov.pl" in back.replace(" ", "")


NOTICE = "nie jest numerem alarmowym"
"""The 112 notice (the map's description also says "dzwoń pod 112")."""


@pytest.mark.parametrize("stem", [edition_name("ulotka-a5", code) for code in LANGUAGES])
def test_the_112_notice_is_on_one_side_only(long_list: LongList, stem: str) -> None:
    front, back = _pages(long_list.file(stem))
    notice = {"uk": "не є екстреним номером", "en": "is not an emergency number"}
    words = notice.get(stem.partition(".")[2], NOTICE)
    assert (words in front) != (words in back), stem
    assert words in front  # one officer: the front has room for it


def test_streets_come_before_the_apps_on_the_a5_back(long_list: LongList) -> None:
    _, back = _pages(long_list.file("ulotka-a5"))
    assert back.index("Rejon nr 5 obejmuje") < back.index("Moja Komenda")


def test_short_back_is_reported(long_list: LongList) -> None:
    shortened = [m for m in long_list.messages if "tył ulotki skrócony" in m]
    assert shortened and all("(poziom 5 z 5) — nic nie trzeba poprawiać" in m for m in shortened)
    assert any(m.startswith("ulotka-a6.uk, rejon 5:") for m in shortened)


def test_run_on_lines_keep_short_streets_whole() -> None:
    streets = ("ul. Złotoryjska (parzyste 2–60, 1–47)", "ul. Mieszka I", "Kunice", "os. Asnyka")
    assert tuple(keep_together(street) for street in streets) == (
        "ul.\u00a0Złotoryjska (parzyste 2–60, 1–47)",
        "ul.\u00a0Mieszka\u00a0I",
        "Kunice",
        "os.\u00a0Asnyka",
    )


@pytest.mark.parametrize("stem", _stems())
def test_footer_keeps_address_and_phone_whole(long_list: LongList, stem: str) -> None:
    """The footer's address breaks only after a comma and its phone not at all (on the A6
    pl+uk back `ul.` used to end a line); the poster prints them in its header band."""
    unit = long_list.area.unit
    assert unit.phone
    # The label is the edition's first language: `tel.`, `тел.`; the poster's band says
    # `tel. dyżurnego 76 000 00 00`.
    phone = f" {unit.phone.national}" if stem.startswith("plakat") else f". {unit.phone.national}"
    parts = [*unit.address.split(", "), phone]
    assert len(parts) == 3
    for page in pdf_pages(long_list.file(stem)):
        lines = [
            " ".join(line.replace("\u00a0", " ").split())
            for line in page.get_textpage().get_text_range().splitlines()
        ]
        for part in parts:
            assert any(part in line for line in lines), (stem, part, lines[-3:])


@pytest.mark.parametrize("stem", _stems())
def test_no_text_runs_under_a_code_or_off_the_printable_area(
    long_list: LongList, stem: str
) -> None:
    assert text_under_images(long_list.file(stem)) == []
    assert text_near_edges(long_list.file(stem)) == []
