"""Meetings with residents: dates and times as typed, the Spotkania sheet read with its
problems (sheet, row, column), and the calendar events parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event
from openpyxl import Workbook

from leaflets import pipeline
from leaflets.dates import Hours, Unreadable, parse_date, parse_hours
from leaflets.events import meeting_uid, qr_event, unit_calendar
from leaflets.meetings import Meeting
from tests.helpers import SAMPLE, sample_settings

WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.mark.parametrize(
    "text",
    ["1.12.2026", "01.12.2026 r.", "2026-12-01", "1 grudnia 2026", "wtorek, 1 grudnia 2026 r.",
     "1 XII 2026", "01/12/2026", "2026-12-01 18:00"],
)  # fmt: skip
def test_dates_as_people_type_them(text: str) -> None:
    assert parse_date(text) == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31.11.2026", "data „31.11.2026” nie istnieje w kalendarzu"),
        ("1 grundnia 2026", "nie rozpoznano miesiąca „grundnia” w dacie „1 grundnia 2026”"),
        ("jutro", "nie rozpoznano daty „jutro” — wpisz ją np. jako 1.12.2026 albo 1 grudnia 2026"),
    ],
)
def test_a_date_that_cannot_be_is_said_why(text: str, reason: str) -> None:
    assert parse_date(text) == Unreadable(reason)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("18:00", dt.time(18), None),
        ("18.00", dt.time(18), None),
        ("godz. 18", dt.time(18), None),
        ("18:00–19:30", dt.time(18), dt.time(19, 30)),
        ("18:00 - 19:30", dt.time(18), dt.time(19, 30)),
        ("od 18 do 19.30", dt.time(18), dt.time(19, 30)),
        ("18:00:00", dt.time(18), None),
    ],
)
def test_times_as_people_type_them(text: str, start: dt.time, end: dt.time | None) -> None:
    assert parse_hours(text) == Hours(start, end)


def test_an_hour_that_does_not_exist() -> None:
    assert parse_hours("25:00") == Unreadable("godzina „25:00” nie istnieje")


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Dzielnicowi"
    sheet.append(["Nr rejonu", "Imię", "Nazwisko", "Telefon", "Miejscowość", "Jednostka"])
    sheet.append([1, "Jan", "Nowak", "600 000 001", "Legnica", "KP Legnica"])
    sheet.append([2, "Anna", "Lis", "600 000 002", "Legnica", "KP Legnica"])
    meetings = book.create_sheet("Spotkania")
    meetings.append(["Rejon", "Data spotkania", "Godzina", "Miejsce", "Temat", "Notatka"])
    for row in rows:
        meetings.append(row)
    book.save(path)
    return path


def _intake(tmp_path: Path, rows: list[list[object]], **settings: object) -> pipeline.Intake:
    roster = _workbook(tmp_path / "wykaz.xlsx", rows)
    base = sample_settings(tmp_path / "out", **settings)
    config = base.config.__class__(as_of=dt.date(2026, 11, 1))
    return pipeline.intake(base.__class__(rosters=(roster,), out=base.out, config=config))


def test_the_spotkania_sheet_is_read_with_every_problem_placed(tmp_path: Path) -> None:
    loaded = _intake(
        tmp_path,
        [
            [1, "1.12.2026", "18:00–19:30", "Świetlica „Piekary”, ul. Piekarska 12", "Parkingi"],
            [7, "2.12.2026", "18:00", "Szkoła", "Temat"],
            [2, "31.11.2026", "18:00", "Szkoła", "Temat"],
            [2, "3.12.2026", "19:00–18:00", "Szkoła", "Temat"],
            [2, "1.10.2026", "17", "Szkoła", "Minione", "nie czytana"],
            [1, "", "18", "Szkoła", "Bez daty"],
        ],
    )
    found = {(p.where.row if p.where else 0, p.code): p for p in loaded.problems}
    unknown = found[(3, "spotkanie-nieznany-rejon")]
    assert unknown.describe().endswith(
        "arkusz „Spotkania”, wiersz 3, kolumna A „Rejon”: w wykazie dzielnicowych nie ma rejonu „7”"
    )
    assert found[(4, "spotkanie-data")].heading == "B „Data spotkania”"
    assert found[(5, "spotkanie-godzina")].message == (
        "koniec spotkania (18:00) nie jest po jego początku (19:00)"
    )
    past = found[(6, "spotkanie-minione")]
    assert not past.is_error and "pominięte" in past.message
    assert found[(6, "spotkanie-nieznana-kolumna")].value == "nie czytana"
    assert found[(7, "spotkanie-brak-danych")].column == "data"
    (kept,) = loaded.meetings.kept
    assert (kept.date, kept.start, kept.end) == (dt.date(2026, 12, 1), dt.time(18), dt.time(19, 30))
    assert kept.place == "Świetlica „Piekary”, ul. Piekarska 12"
    # Nothing lost: every meeting row has a status.
    statuses = {r.where.row: r.status for r in loaded.rows if r.where.sheet == "Spotkania"}
    assert statuses == {2: "meeting", 3: "rejected", 4: "rejected", 5: "rejected", 6: "past",
                        7: "rejected"}  # fmt: skip


def _meetings_file(tmp_path: Path, row: str) -> pipeline.Intake:
    """The intake of an empty roster with `--spotkania` naming a CSV of one meeting `row`."""
    path = tmp_path / "spotkania.csv"
    path.write_text(f"Rejon;Data;Od;Do;Miejsce;Temat\n{row}\n")
    roster = _workbook(tmp_path / "wykaz.xlsx", [])
    base = sample_settings(tmp_path / "out")
    config = base.config.__class__(as_of=dt.date(2026, 11, 1))
    settings = base.__class__(rosters=(roster,), out=base.out, config=config, meetings=(path,))
    return pipeline.intake(settings)


def test_a_separate_meetings_file(tmp_path: Path) -> None:
    (meeting,) = _meetings_file(tmp_path, "2;1 grudnia 2026;18;19.30;Szkoła;Temat").meetings.kept
    assert (meeting.area.number, meeting.start, meeting.end) == ("2", dt.time(18), dt.time(19, 30))


def test_control_characters_in_a_meeting_are_reported_and_never_printed(tmp_path: Path) -> None:
    loaded = _meetings_file(tmp_path, "2;1.12.2026;18;19;Sala \x1b[31mA;Te\x07mat")
    (meeting,) = loaded.meetings.kept
    assert (meeting.place, meeting.topic) == ("Sala A", "Temat")
    cleaned = [p for p in loaded.problems if p.code == "znaki-sterujace"]
    assert [(p.where.row if p.where else 0, p.message) for p in cleaned] == [
        (
            2,
            f"komórka {c}: tekst zawierał znaki sterujące (niewidoczne, np. NUL albo ESC) —"
            " usunięto je z ulotek i raportów",
        )
        for c in "EF"
    ]


def _sample_meetings() -> tuple[Meeting, ...]:
    return pipeline.intake(sample_settings(Path("/nonexistent"))).meetings.kept


@pytest.mark.parametrize("month", [1, 7])
def test_the_calendar_code_keeps_local_time_in_winter_and_summer(month: int) -> None:
    meeting = next(m for m in _sample_meetings() if m.date.month == month)
    event = Event.from_ical(qr_event(meeting, "Spotkanie z dzielnicowym"))
    start = event.decoded("dtstart")
    assert start.tzinfo is not None and start.utcoffset() == dt.timedelta(0)  # UTC on the wire
    assert start.astimezone(WARSAW).time() == dt.time(18)
    assert str(event["summary"]).startswith("Spotkanie z dzielnicowym: ")
    assert set(event) == {"SUMMARY", "DTSTART", "DTEND", "LOCATION"}


def test_the_units_calendar_parses_back() -> None:
    meetings = _sample_meetings()
    data = unit_calendar(
        meetings, name="Spotkania", heading="Spotkanie", stamp=dt.date(2026, 11, 1)
    )
    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(meetings) == 4
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    for event in events:
        start = event.decoded("dtstart")
        assert str(start.tzinfo) == "Europe/Warsaw"
    uids = {str(e["uid"]) for e in events}
    assert uids == {meeting_uid(m) for m in meetings} and len(uids) == 4
    assert meeting_uid(meetings[0]) == (
        "2026-12-08-komisariat-policji-legnica-srodmiescie-jednostka-fikcyjna-"
        "rejon-3-osiedle-piekary@leaflets.spotkania"
    )
    # The same roster gives the same bytes (DTSTAMP is the "stan na" date).
    assert unit_calendar(meetings, name="Spotkania", heading="Spotkanie",
                         stamp=dt.date(2026, 11, 1)) == data  # fmt: skip


def test_the_uid_survives_a_corrected_time_and_place() -> None:
    meeting = _sample_meetings()[0]
    from dataclasses import replace

    moved = replace(meeting, start=dt.time(17), place="Inna sala")
    assert meeting_uid(moved) == meeting_uid(meeting)


def test_the_sample_has_its_meetings() -> None:
    assert SAMPLE.is_file()
    places = [m.place for m in _sample_meetings()]
    assert any("Spółdzielni" in p for p in places)
    assert any("parafialna" in p for p in places)
    assert any("wiejska" in p for p in places)


def test_one_meeting_per_area_a_day(tmp_path: Path) -> None:
    loaded = _intake(
        tmp_path,
        [
            [1, "1.12.2026", "18", "Szkoła", "Pierwsze"],
            [1, "01.12.2026 r.", "19", "Sala", "Drugie"],
        ],
    )
    (kept,) = loaded.meetings.kept
    assert kept.topic == "Pierwsze"
    (twice,) = [p for p in loaded.problems if p.code == "spotkanie-powtorzone"]
    assert twice.where is not None and twice.where.row == 3
    assert "wiersz 2" in twice.message


def test_a_rejon_of_two_units_needs_the_unit(tmp_path: Path) -> None:
    roster = tmp_path / "wykaz.csv"
    roster.write_text(
        "Nr rejonu;Imię;Nazwisko;Telefon;Jednostka\n"
        "1;Jan;Nowak;600 000 001;KP Legnica\n"
        "1;Anna;Lis;600 000 002;KP Chojnów\n",
        encoding="utf-8",
    )
    meetings = tmp_path / "spotkania.csv"
    meetings.write_text(
        "Jednostka;Rejon;Data;Godzina;Miejsce;Temat\n"
        ";1;1.12.2026;18;Szkoła;Bez jednostki\n"
        "KP Chojnów;1;2.12.2026;18;Sala;Z jednostką\n",
        encoding="utf-8",
    )
    base = sample_settings(tmp_path / "out")
    config = base.config.__class__(as_of=dt.date(2026, 11, 1))
    settings = base.__class__(rosters=(roster,), out=base.out, config=config, meetings=(meetings,))
    loaded = pipeline.intake(settings)
    (kept,) = loaded.meetings.kept
    assert kept.area.unit.name == "KP Chojnów"
    (ambiguous,) = [p for p in loaded.problems if p.code == "spotkanie-niejednoznaczny-rejon"]
    assert "KP Chojnów, KP Legnica" in ambiguous.message
