"""Meetings -> iCalendar (RFC 5545) with `icalendar`: the small event a calendar QR code
carries, and each unit's `spotkania.ics` with every meeting.

Times are local to Europe/Warsaw, as the sheet gives them. The unit's file says so with a
TZID and the zone's VTIMEZONE; the QR code carries the same instants in UTC (`…Z`), the one
form every phone's camera reads without a time-zone table, so a meeting at 18:00 shows 18:00
on a phone in January (CET) and in July (CEST) alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from leaflets.meetings import Meeting
from leaflets.output.paths import area_key

ZONE = ZoneInfo("Europe/Warsaw")
PRODID = "-//leaflets//Spotkania z dzielnicowymi//PL"


def meeting_uid(meeting: Meeting) -> str:
    """Stable per meeting — its area and day — so a corrected time, place or topic updates
    the event a phone already has instead of adding a second one."""
    # The area's folder names are unique and already slugs; slugify would cut them at 60.
    area = area_key(meeting.area).replace("/", "-")
    return f"{meeting.date.isoformat()}-{area}@leaflets.spotkania"


def location(meeting: Meeting) -> str:
    """The place as typed, with the area's town when the place does not name it (a phone's
    map search needs it)."""
    town = meeting.area.town
    if town and town.casefold() not in meeting.place.casefold():
        return f"{meeting.place}, {town}"
    return meeting.place


def summary(meeting: Meeting, heading: str) -> str:
    """`Spotkanie z dzielnicowym: Bezpieczna droga do szkoły` (heading in the edition's
    language, the topic as typed)."""
    return f"{heading}: {meeting.topic}"


QR_TOPIC = 48
"""The topic in the calendar code is cut after this many characters (at a word, with "…"):
the poster prints it whole, and each character costs the code room."""


def short_topic(topic: str) -> str:
    if len(topic) <= QR_TOPIC:
        return topic
    return topic[:QR_TOPIC].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"


def local(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=ZONE)


def qr_event(meeting: Meeting, heading: str) -> str:
    """The smallest event phones add to their calendar: summary, start, end, location."""
    event = Event()
    event.add("summary", f"{heading}: {short_topic(meeting.topic)}")
    event.add("dtstart", local(meeting.starts).astimezone(dt.UTC))
    event.add("dtend", local(meeting.ends).astimezone(dt.UTC))
    event.add("location", location(meeting))
    # Lines end in LF, not the file format's CRLF: every reader takes both, and the code
    # stays a version smaller.
    text: str = event.to_ical().decode("utf-8")
    return text.replace("\r\n", "\n").strip()


def unit_calendar(meetings: Sequence[Meeting], *, name: str, heading: str, stamp: dt.date) -> bytes:
    """The unit's `spotkania.ics`: one event per meeting with its stable UID, local times in
    Europe/Warsaw and the zone's definition. `stamp` (the roster's "stan na" date) is every
    DTSTAMP, so the same roster gives the same bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Warsaw")
    stamped = dt.datetime.combine(stamp, dt.time(), dt.UTC)
    for meeting in sorted(meetings, key=lambda m: (m.starts, m.area.number)):
        event = Event()
        event.add("uid", meeting_uid(meeting))
        event.add("dtstamp", stamped)
        event.add("summary", summary(meeting, heading))
        event.add("dtstart", local(meeting.starts))
        event.add("dtend", local(meeting.ends))
        event.add("location", location(meeting))
        event.add("description", _description(meeting))
        calendar.add_component(event)
    # The zone's rules for the years the meetings are in, not icalendar's default 1970–2038
    # (a page of RDATEs a phone does not need).
    years = sorted(m.date.year for m in meetings) or [stamp.year]
    calendar.add_missing_timezones(
        first_date=dt.date(years[0] - 1, 1, 1), last_date=dt.date(years[-1] + 2, 1, 1)
    )
    data: bytes = calendar.to_ical()
    return data


def _description(meeting: Meeting) -> str:
    area = meeting.area
    lines = [meeting.topic]
    if meeting.description:
        lines.append(meeting.description)
    label = f"Rejon nr {area.number}" if area.number[:1].isdigit() else f"Rejon {area.number}"
    lines.append(f"{label}{' — ' + area.name if area.name else ''}")
    for officer in area.officers:
        lines.append(
            f"{officer.rank} {officer.first_name} {officer.surname}, "
            f"tel. {officer.phone.national}".strip()
        )
    if meeting.partners:
        lines.append(f"Zapraszają wspólnie: {meeting.partners}")
    return "\n".join(lines)
