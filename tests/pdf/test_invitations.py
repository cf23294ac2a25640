"""Invitations to meetings with residents, read as a resident reads them: the date, time,
place and topic in every edition's text, and the three codes decoded from the raster."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from leaflets import pipeline
from leaflets.config import LeafletConfig, Settings
from tests.helpers import Builds, pdf_pages, pdf_text, qr_payloads

EDITIONS = ("pl", "uk", "pl+uk", "en")
FORMATS = ("spotkanie-a4", "spotkanie-a6")
UNIT = "komisariat-policji-legnica-srodmiescie-jednostka-fikcyjna"
PIEKARY = f"{UNIT}/rejon-3-osiedle-piekary"
DATES = {
    "pl": "wtorek, 8 grudnia 2026",
    "uk": "вівторок, 8 грудня 2026",
    "en": "Tuesday, 8 December 2026",
}
pytestmark = pytest.mark.pdf


@pytest.fixture(scope="module")
def invitations(builds: Builds) -> Path:
    return builds.sample(formats=FORMATS, languages=EDITIONS).out


def _file(out: Path, name: str, language: str, date: str = "2026-12-08") -> Path:
    suffix = "" if language == "pl" else f".{language}"
    return out / PIEKARY / f"{name}-{date}{suffix}.pdf"


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("name", FORMATS)
def test_date_time_place_and_topic_in_every_edition(
    invitations: Path, name: str, language: str
) -> None:
    path = _file(invitations, name, language)
    text = " ".join(pdf_text(path).split())
    for part in language.split("+"):
        assert DATES[part] in text
    assert "18:00–19:30" in text
    assert "Świetlica Spółdzielni Mieszkaniowej „Piekary” (fikcyjna), ul. Piekarska 12" in text
    assert "Bezpieczne parkingi osiedlowe" in text
    assert "Grzegorz Sobczak" in text and "669 000 903" in text
    assert len(list(pdf_pages(path))) == (1 if name == "spotkanie-a4" else 2)


@pytest.mark.parametrize(("date", "month"), [("2027-01-14", 1), ("2027-07-01", 7)])
def test_the_calendar_code_adds_the_meeting_at_its_local_time(
    invitations: Path, date: str, month: int
) -> None:
    area = "rejon-10-kunice-i-okolice" if month == 1 else "rejon-1-zakaczawie"
    path = invitations / UNIT / area / f"spotkanie-a6-{date}.pdf"
    codes = qr_payloads(path)
    (calendar,) = [c for c in codes if c.startswith("BEGIN:VEVENT")]
    event = Event.from_ical(calendar)
    start = event.decoded("dtstart").astimezone(ZoneInfo("Europe/Warsaw"))
    assert (start.date(), start.time()) == (dt.date.fromisoformat(date), dt.time(18))
    assert "Legnica" in str(event["location"]) or "Kunice" in str(event["location"])
    assert "https://mapy.geoportal.gov.pl/iMapLite/KMZBPublic.html" in codes
    assert any(c.startswith("tel:+48") for c in codes)


def test_the_poster_codes_decode(invitations: Path) -> None:
    codes = qr_payloads(_file(invitations, "spotkanie-a4", "pl+uk"), dpi=100)
    assert len(codes) == 3
    assert "tel:+48669000903" in codes


def test_the_unit_print_file_calendar_and_manifest_list_them(invitations: Path) -> None:
    print_file = invitations / UNIT / "druk-spotkanie-a4.uk.pdf"
    assert len(list(pdf_pages(print_file))) == 4
    calendar = Calendar.from_ical((invitations / UNIT / "spotkania.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 4
    manifest = json.loads((invitations / "manifest.json").read_text(encoding="utf-8"))
    (meeting,) = [m for m in manifest["meetings"] if m["date"] == "2026-12-08"]
    assert meeting["files"]["spotkanie-a6.pl+uk"] == f"{PIEKARY}/spotkanie-a6-2026-12-08.pl+uk.pdf"


def test_a_long_place_and_topic_fit(tmp_path: Path) -> None:
    roster = tmp_path / "wykaz.csv"
    roster.write_text(
        "Nr rejonu;Imię;Nazwisko;Telefon;Miejscowość;Jednostka\n"
        "1;Jan;Nowak;600 000 001;Legnica;KP Legnica\n",
        encoding="utf-8",
    )
    place = (
        "Świetlica Środowiskowa Spółdzielni Mieszkaniowej Lokatorsko-Własnościowej "
        "„Przyszłość”, ul. Księdza Biskupa Józefa Pawłowskiego 124a"
    )
    topic = (
        "Bezpieczeństwo w ruchu drogowym na skrzyżowaniu ulic Chojnowskiej i Piekarskiej, "
        "parkowanie na trawnikach, zaśmiecanie podwórek oraz spożywanie alkoholu w miejscach "
        "publicznych w okolicy placu zabaw"
    )
    meetings = tmp_path / "spotkania.csv"
    meetings.write_text(
        f"Rejon;Data;Godzina;Miejsce;Temat\n1;1.12.2026;18:00–19:30;{place};{topic}\n",
        encoding="utf-8",
    )
    settings = Settings(
        rosters=(roster,),
        out=tmp_path / "out",
        config=LeafletConfig(as_of=dt.date(2026, 11, 1), specimen=True),
        formats=FORMATS,
        languages=("pl", "pl+uk"),
        meetings=(meetings,),
    )
    report = pipeline.run(settings)
    assert not [p for p in report.problems if p.code in ("za-duzo-stron", "kod-qr-za-duzy")]
    for path in report.files:
        if path.suffix == ".pdf" and "spotkanie" in path.name and "druk" not in path.name:
            # Wrapped lines: compare without the spaces and hyphens a line break adds.
            text = _squeezed(pdf_text(path))
            assert _squeezed(place) in text
            assert _squeezed(topic) in text


def _squeezed(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-\u00ad\u2010\ufffe")


def _small(tmp_path: Path, meetings: str, **overrides: object) -> Settings:
    tmp_path.mkdir(parents=True, exist_ok=True)
    roster = tmp_path / "wykaz.csv"
    roster.write_text(
        "Nr rejonu;Imię;Nazwisko;Telefon;Miejscowość;Jednostka\n"
        "1;Jan;Nowak;600 000 001;Legnica;KP Legnica\n"
        "2;Anna;Lis;600 000 002;Legnica;KP Legnica\n",
        encoding="utf-8",
    )
    path = tmp_path / "spotkania.csv"
    path.write_text("Rejon;Data;Godzina;Miejsce;Temat\n" + meetings, encoding="utf-8")
    return Settings(
        rosters=(roster,),
        out=tmp_path / "out",
        config=LeafletConfig(as_of=dt.date(2026, 11, 1)),
        formats=FORMATS,
        meetings=(path,),
        **overrides,  # type: ignore[arg-type]
    )


TWO = (
    "1;1.12.2026;18:00;Szkoła, ul. Szkolna 1;Parkingi\n2;2.12.2026;17:00;Sala, ul. Polna 2;Hałas\n"
)


def test_a_rebuild_lays_out_only_the_meeting_that_changed(tmp_path: Path) -> None:
    settings = _small(tmp_path, TWO)
    pipeline.run(settings)
    first = tmp_path / "out/kp-legnica/rejon-1/spotkanie-a4-2026-12-01.pdf"
    second = tmp_path / "out/kp-legnica/rejon-2/spotkanie-a4-2026-12-02.pdf"
    printed = tmp_path / "out/kp-legnica/druk-spotkanie-a4.pdf"
    stamps = {p: p.stat().st_mtime_ns for p in (first, second, printed)}
    pipeline.run(settings)
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    changed = TWO.replace("Hałas", "Hałas nocą")
    report = pipeline.run(_small(tmp_path, changed))
    assert first.stat().st_mtime_ns == stamps[first]
    assert second.stat().st_mtime_ns != stamps[second]
    assert "Hałas nocą" in pdf_text(second)
    assert "Hałas nocą" in pdf_text(printed)
    assert second in report.files and printed in report.files


def test_damaged_invitations_and_a_stale_print_file_are_repaired(tmp_path: Path) -> None:
    """As the leaflets' files (issue 20): a truncated invitation is laid out again, and a unit
    print file that is not what its invitations make (a build killed before the merge, a file
    replaced) is merged again — whether or not any invitation changed."""
    settings = _small(tmp_path, TWO)
    pipeline.run(settings)
    second = tmp_path / "out/kp-legnica/rejon-2/spotkanie-a4-2026-12-02.pdf"
    printed = tmp_path / "out/kp-legnica/druk-spotkanie-a4.pdf"
    whole = second.read_bytes()
    second.write_bytes(whole[: len(whole) // 2])
    printed.write_bytes(second.read_bytes())  # an old or foreign print file
    pipeline.run(settings)
    # Laid out again (alone, so its font subset differs from the batch's: not byte for byte).
    assert len(second.read_bytes()) > len(whole) // 2 and "Hałas" in pdf_text(second)
    assert len(list(pdf_pages(printed))) == 2
    assert "Hałas" in pdf_text(printed)


def test_office_sheets_and_print_shop_files(tmp_path: Path) -> None:
    office = pipeline.run(_small(tmp_path / "a", TWO, office_sheets=True))
    sheet = tmp_path / "a/out/kp-legnica/rejon-1/spotkanie-a6-2026-12-01-arkusz.pdf"
    assert sheet in office.files
    assert len(list(pdf_pages(sheet))) == 2  # the fronts, then the backs for duplex
    assert tmp_path / "a/out/kp-legnica/druk-spotkanie-a6-arkusze.pdf" in office.files
    shop = pipeline.run(_small(tmp_path / "b", TWO, bleed_mm=3.0))
    poster = tmp_path / "b/out/kp-legnica/rejon-1/spotkanie-a4-drukarnia-2026-12-01.pdf"
    assert poster in shop.files
    from pypdf import PdfReader

    page = PdfReader(poster).pages[0]
    assert round(float(page.trimbox.width) / 72 * 25.4) == 210
    assert float(page.bleedbox.width) > float(page.trimbox.width)


def test_a_past_meeting_is_printed_only_when_asked(tmp_path: Path) -> None:
    past = "1;1.10.2026;18:00;Szkoła;Dawne\n"
    report = pipeline.run(_small(tmp_path / "a", past))
    assert not [p for p in report.files if "spotkanie" in p.name]
    assert [p.code for p in report.problems if p.code.startswith("spotkanie")] == [
        "spotkanie-minione"
    ]
    asked = pipeline.run(_small(tmp_path / "b", past, past_meetings=True))
    assert [p.name for p in asked.files if p.parent.name == "rejon-1"] == [
        "spotkanie-a4-2026-10-01.pdf",
        "spotkanie-a6-2026-10-01.pdf",
    ]
