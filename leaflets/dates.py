"""Dates and times as people type them in a meetings sheet: `1.12.2026`, `01.12.2026 r.`,
`2026-12-01`, `1 grudnia 2026`; `18:00`, `18.00`, `godz. 18`, `18:00–19:30`.

Each parser answers a value or a Polish reason why the text is not one (`Unreadable`), so
the sheet reader can say exactly what is wrong with which cell."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from leaflets.text import fold


@dataclass(frozen=True)
class Unreadable:
    """Why a cell is not a date or time, in Polish."""

    reason: str


MONTHS: dict[str, int] = {
    # Genitive (`1 grudnia`), nominative (`grudzień 2026`) and the usual abbreviations,
    # folded (no diacritics, lower case).
    **{
        name: number
        for number, names in enumerate(
            (
                ("stycznia", "styczen", "sty"),
                ("lutego", "luty", "lut"),
                ("marca", "marzec", "mar"),
                ("kwietnia", "kwiecien", "kwi"),
                ("maja", "maj"),
                ("czerwca", "czerwiec", "cze"),
                ("lipca", "lipiec", "lip"),
                ("sierpnia", "sierpien", "sie"),
                ("wrzesnia", "wrzesien", "wrz"),
                ("pazdziernika", "pazdziernik", "paz"),
                ("listopada", "listopad", "lis"),
                ("grudnia", "grudzien", "gru"),
            ),
            start=1,
        )
        for name in names
    },
}
ROMAN = {
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6,
    "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12,
}  # fmt: skip
"""`1 XII 2026`: months in Roman numerals, as older documents write them."""

_WEEKDAY = re.compile(
    r"^(?:poniedzialek|wtorek|sroda|czwartek|piatek|sobota|niedziela|pon|wt|sr|czw|pt|sob|"
    r"niedz?)\.?,?\s+"
)
_YEAR_WORD = re.compile(r"\s*(?:r\.?|rok|roku)\s*$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$")
_WORDS = re.compile(r"^(\d{1,2})\.?\s+([a-z]+)\.?\s+(\d{4})$")


def parse_date(text: str) -> dt.date | Unreadable:
    """A calendar date written any of the ways a Polish office writes one."""
    folded = _YEAR_WORD.sub("", _WEEKDAY.sub("", " ".join(fold(text).split()))).strip()
    found = _ISO.match(folded)
    if found:
        year, month, day = (int(part) for part in found.groups())
        return _date(year, month, day, text)
    found = _NUMERIC.match(folded)
    if found:
        day, month, year = (int(part) for part in found.groups())
        return _date(year + 2000 if year < 100 else year, month, day, text)
    found = _WORDS.match(folded)
    if found:
        day_text, month_name, year_text = found.groups()
        named: int | None = MONTHS.get(month_name) or ROMAN.get(month_name)
        if named is None:
            return Unreadable(f"nie rozpoznano miesiąca „{month_name}” w dacie „{text}”")
        return _date(int(year_text), named, int(day_text), text)
    return Unreadable(
        f"nie rozpoznano daty „{text}” — wpisz ją np. jako 1.12.2026 albo 1 grudnia 2026"
    )


def _date(year: int, month: int, day: int, text: str) -> dt.date | Unreadable:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return Unreadable(f"data „{text}” nie istnieje w kalendarzu")


@dataclass(frozen=True)
class Hours:
    start: dt.time
    end: dt.time | None
    """None when only the start was given."""


_TIME = re.compile(r"(\d{1,2})(?:\s*[:.]\s*(\d{2}))?(?::\d{2})?")
_TIME_WORDS = re.compile(r"\b(?:godz(?:ina|inie|iny)?|g|od|h|w|o|ok|okolo)\b\.?")
_SEPARATOR = re.compile(r"\s*(?:[-‐–—]|\bdo\b)\s*")


def parse_hours(text: str) -> Hours | Unreadable:
    """`18:00`, `18.00`, `godz. 18`, `18:00–19:30`, `od 18 do 19.30`."""
    folded = _TIME_WORDS.sub(" ", fold(text)).strip(" .,")
    parts = [part.strip(" .,") for part in _SEPARATOR.split(folded) if part.strip(" .,")]
    if not parts or len(parts) > 2:
        return Unreadable(f"nie rozpoznano godziny „{text}” — wpisz ją np. jako 18:00–19:30")
    times = [parse_time(part) for part in parts]
    for found in times:
        if isinstance(found, Unreadable):
            return Unreadable(f"{found.reason} (w „{text}”)" if len(parts) > 1 else found.reason)
    start, *rest = times
    assert isinstance(start, dt.time)
    end = rest[0] if rest else None
    assert end is None or isinstance(end, dt.time)
    return Hours(start, end)


def parse_time(text: str) -> dt.time | Unreadable:
    """One time of day: `18`, `18:30`, `18.30`, `18:30:00` (a time cell)."""
    folded = _TIME_WORDS.sub(" ", fold(text)).strip(" .,")
    found = _TIME.fullmatch(folded)
    if not found:
        return Unreadable(f"nie rozpoznano godziny „{text.strip()}”")
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if hour > 23 or minute > 59:
        return Unreadable(f"godzina „{text.strip()}” nie istnieje")
    return dt.time(hour, minute)


def time_in_cell(text: str) -> dt.time | None:
    """The time of a date cell that also holds one (`2026-12-01 18:00`, a datetime cell)."""
    found = re.search(r"\b(\d{1,2}):(\d{2})(?::\d{2})?$", text.strip())
    if not found or ("-" not in text and "." not in text):
        return None
    hour, minute = int(found.group(1)), int(found.group(2))
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None
