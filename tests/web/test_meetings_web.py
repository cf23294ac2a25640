"""Meetings in the web app: the workspace page lists those the roster has, the form adds
one (checked as the sheet is), and a real build offers the invitations and spotkania.ics."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from tests.web.conftest import MakeWeb, Web
from tests.web.test_app import is_polish_page

UNIT = "komisariat-policji-legnica-srodmiescie-jednostka-fikcyjna"


def test_the_workspace_lists_the_rosters_meetings(web: Web) -> None:
    page = web.get(web.new_workspace()).text
    assert "Spotkania z mieszkańcami" in page
    assert "08.12.2026" in page and "18:00–19:30" in page
    assert "Świetlica Spółdzielni Mieszkaniowej „Piekary” (fikcyjna), ul. Piekarska 12" in page
    assert "Kradzieże kieszonkowe przed świętami" in page
    assert "arkusz „Spotkania”, wiersz 2" in page


def test_the_form_adds_a_meeting(web: Web) -> None:
    workspace = web.new_workspace()
    web.get(workspace)
    response = web.post(
        f"{workspace}/spotkania",
        {
            "rejon": "12",
            "data": "20 stycznia 2027",
            "godzina": "godz. 17",
            "miejsce": "Klub Seniora, ul. Bielańska 4",
            "temat": "Oszustwa „na wnuczka”",
        },
    )
    assert response.status_code == 303
    page = web.get(workspace).text
    assert "20.01.2027" in page and "Oszustwa „na wnuczka”" in page and "formularz" in page
    stored = next(web.data.glob("obszary/*/spotkania.csv")).read_text(encoding="utf-8")
    assert "Klub Seniora, ul. Bielańska 4" in stored


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"data": "31.11.2026"}, "Data „31.11.2026” nie istnieje w kalendarzu."),
        ({"godzina": "25:00"}, "Godzina „25:00” nie istnieje."),
        ({"rejon": "99"}, "W wykazie nie ma rejonu „99”. Sprawdź numer."),
        ({"temat": ""}, "Wpisz temat spotkania."),
    ],
)
def test_a_wrong_meeting_gets_a_polish_page(web: Web, fields: dict[str, str], message: str) -> None:
    workspace = web.new_workspace()
    web.get(workspace)
    sent = {"rejon": "3", "data": "1.12.2026", "godzina": "18", "miejsce": "Sala",
            "temat": "Temat", **fields}  # fmt: skip
    response = web.post(f"{workspace}/spotkania", sent)
    assert response.status_code == 400
    assert is_polish_page(response) and message in response.text
    assert not list(web.data.glob("obszary/*/spotkania.csv"))


def test_the_meeting_form_checks_the_token(web: Web) -> None:
    workspace = web.new_workspace()
    response = web.client.post(f"{workspace}/spotkania", data={"csrf": "zly"})
    assert response.status_code == 403


@pytest.mark.pdf
def test_a_real_build_offers_the_invitations_and_the_calendar(make_web: MakeWeb) -> None:
    web = make_web(command=None)
    workspace = web.new_workspace()
    build = web.build(workspace, format=["spotkanie-a4", "spotkanie-a6"])
    assert web.wait(build, timeout=300) == "gotowe"
    page = web.get(build).text
    assert "Zaproszenie na spotkanie A4, spotkanie 8.12.2026" in page
    assert "Kalendarz spotkań z mieszkańcami (iCalendar)" in page
    calendar = web.get(f"{build}/pliki/{UNIT}/spotkania.ics")
    assert calendar.status_code == 200
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert len(list(Calendar.from_ical(calendar.content).walk("VEVENT"))) == 4
    pdf = web.get(f"{build}/pliki/{UNIT}/rejon-3-osiedle-piekary/spotkanie-a4-2026-12-08.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
