"""Meetings -> invitation views: every text and QR code the `spotkanie-*` templates print, in
the edition's language(s): the date and time, place, topic, the area's officers and
priorities, and three codes — add to calendar, the KMZB map, call the officer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from leaflets.areas import Area, Unit
from leaflets.config import LeafletConfig
from leaflets.content import (
    OfficerView,
    QrView,
    area_label,
    kmzb_code,
    officer_view,
    qr_view,
)
from leaflets.events import qr_event
from leaflets.formats import FormatSpec
from leaflets.i18n import DATE_LOCALES, N_, SOURCE, Phrase, edition
from leaflets.meetings import Meeting
from leaflets.qrcodes import qr_modules

HEADING = N_("Spotkanie z dzielnicowym")
"""The calendar event's summary and the invitation's title."""
LONG_TEXT = 70
"""A place or topic longer than this is set smaller (`.dlugi`), and past twice this smaller
again (`.bardzo-dlugi`); then it wraps, like any text. Never clipped."""


@dataclass(frozen=True)
class InvitationView:
    meeting: Meeting
    title: str
    heading: Phrase
    date: Phrase
    """`wtorek, 1 grudnia 2026` in each language of the edition (Babel)."""
    hours: str
    """`18:00–19:30`, or `18:00` when only the start is known."""
    area_label: Phrase
    officers: tuple[OfficerView, ...]
    calendar: QrView
    kmzb: QrView
    call: QrView | None
    """The first officer's number (the others are listed with theirs); None when the area
    has nobody to call."""
    unit_phone: str
    density: int = 0

    @property
    def area(self) -> Area:
        return self.meeting.area

    @property
    def unit(self) -> Unit:
        return self.meeting.area.unit

    @property
    def area_name(self) -> str:
        return self.area.name

    @property
    def town(self) -> str:
        return self.area.town

    @property
    def priority(self) -> str:
        return self.area.priority

    @property
    def place(self) -> str:
        return self.meeting.place

    @property
    def topic(self) -> str:
        return self.meeting.topic

    @property
    def description(self) -> str:
        return self.meeting.description

    @property
    def partners(self) -> str:
        return self.meeting.partners

    @property
    def place_size(self) -> str:
        return _size(self.place)

    @property
    def topic_size(self) -> str:
        return _size(self.topic)


def _size(text: str) -> str:
    if len(text) > 2 * LONG_TEXT:
        return "bardzo-dlugi"
    return "dlugi" if len(text) > LONG_TEXT else ""


def meeting_date(date: dt.date, language: str) -> Phrase:
    """The weekday and the date, per language: `wtorek, 1 grudnia 2026`, `вівторок, 1 грудня
    2026 р.`, `Tuesday, 1 December 2026`."""
    ed = edition(language)
    return ed.each(lambda lang: str(format_date(date, format="full", locale=DATE_LOCALES[lang])))


def hours_text(meeting: Meeting) -> str:
    start = f"{meeting.start:%H:%M}"
    return f"{start}–{meeting.end:%H:%M}" if meeting.end is not None else start


def calendar_payload(meeting: Meeting, language: str = SOURCE) -> str:
    """The calendar code's event: its summary in the edition's first language."""
    return qr_event(meeting, edition(language).gettext(HEADING).first)


def oversized_calendar(meeting: Meeting, spec: FormatSpec, level: str) -> float | None:
    """The calendar code's size (mm) at the format's minimum module when it needs more room
    than the layout has (checked on the Polish payload, the longest is the topic's), else
    None."""
    size = qr_modules(calendar_payload(meeting), level) * spec.qr_module_mm
    return size if spec.qr_max_mm and size > spec.qr_max_mm else None


def invitation_view(
    meeting: Meeting, spec: FormatSpec, config: LeafletConfig, language: str = SOURCE
) -> InvitationView:
    ed = edition(language)
    area = meeting.area
    people = area.officers or (area.vacancy.covering if area.vacancy else ())
    officers = tuple(officer_view(o, area, spec, ed, config.qr_level) for o in people)
    hours = hours_text(meeting)
    date = meeting_date(meeting.date, language)
    heading = ed.gettext(HEADING)
    return InvitationView(
        meeting=meeting,
        title=f"{heading.first} — {area.unit.name}, {meeting.date.isoformat()}",
        heading=heading,
        date=date,
        hours=hours,
        area_label=area_label(area, ed),
        officers=officers,
        calendar=qr_view(
            ed.gettext("Dodaj do kalendarza"),
            f"{meeting.date:%d.%m.%Y}, {hours}",
            calendar_payload(meeting, language),
            "",
            spec,
            config.qr_level,
        ),
        kmzb=kmzb_code(ed, config, spec),
        call=officers[0].call if officers else None,
        unit_phone=area.unit.phone.national if area.unit.phone else "",
    )
