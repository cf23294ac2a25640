"""Areas -> the unit's street index view (skorowidz ulic): street -> numbers -> area ->
officers with their phones, in the edition's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from leaflets.areas import Area, Unit
from leaflets.content import _named, number_words
from leaflets.i18n import SOURCE, Edition, Phrase, edition
from leaflets.streets import street_index, street_key


@dataclass(frozen=True)
class IndexRow:
    numbers: str
    area_label: Phrase
    officers: str
    """`sierż. szt. Łukasz Kowalczyk, tel. 723 000 114; …` (markup: phones kept whole)."""


@dataclass(frozen=True)
class IndexStreet:
    name: str
    rows: tuple[IndexRow, ...]


@dataclass(frozen=True)
class IndexLetter:
    letter: str
    streets: tuple[IndexStreet, ...]


@dataclass(frozen=True)
class IndexView:
    """The unit's street index (skorowidz ulic): street -> numbers -> area -> officer."""

    unit: Unit
    title: str
    letters: tuple[IndexLetter, ...]
    unit_phone: str
    density: int = 0
    """`dokument.html` gives every page its density class; an index has one size."""


def index_view(areas: Sequence[Area], language: str = SOURCE) -> IndexView:
    """`areas` all belong to one unit."""
    ed = edition(language)
    phone_label = ed.gettext("tel.").first
    letters: dict[str, dict[str, list[IndexRow]]] = {}
    for entry in street_index(areas, number_words(language)):
        area = entry.area
        # A phone number never breaks between its digit groups (`.numer`).
        officers = Markup("; ").join(
            Markup('{}, {}\u00a0<span class="numer">{}</span>').format(
                _named(o, ed), phone_label, o.phone.national
            )
            for o in (area.vacancy.covering if area.vacancy else area.officers)
        )
        if area.vacancy is not None:
            officers = _vacant(area, officers, ed)
        label = ed.gettext("rejon %(number)s", number=area.number)
        if area.name:
            label = Phrase(f"{label.first} ({area.name})", label.second, label.second_language)
        row = IndexRow(entry.numbers, label, officers)
        letter = _initial(entry.name)
        letters.setdefault(letter, {}).setdefault(entry.name, []).append(row)
    first = areas[0]
    index_title = ed.gettext("Skorowidz ulic")
    return IndexView(
        unit=first.unit,
        title=f"{index_title} — {first.unit.name}".rstrip(" —"),
        letters=tuple(
            IndexLetter(
                letter,
                tuple(IndexStreet(name, tuple(rows)) for name, rows in streets.items()),
            )
            for letter, streets in letters.items()
        ),
        unit_phone=first.unit.phone.national if first.unit.phone else "",
    )


def _vacant(area: Area, covering: Markup, ed: Edition) -> Markup:
    """The index's words for an area nobody holds: who covers it, else the unit's phone."""
    vacancy = area.vacancy
    if vacancy is not None and vacancy.covering_area and covering:
        # TRANSLATORS: street index, an area with no officer of its own ("wakat").
        head = ed.gettext(
            "nieobsadzony — obsługuje dzielnicowy rejonu %(number)s:",
            number=vacancy.covering_area,
        ).first
        return Markup("{} {}").format(head, covering)
    if covering:
        return Markup("{} {}").format(ed.gettext("nieobsadzony — obsługuje:").first, covering)
    if area.unit.phone is not None:
        label = ed.gettext("nieobsadzony — telefon jednostki:").first
        return Markup('{}\u00a0<span class="numer">{}</span>').format(
            label, area.unit.phone.national
        )
    return Markup("{}").format(ed.gettext("nieobsadzony — zadzwoń do jednostki Policji").first)


def _initial(name: str) -> str:
    """The index letter: the first letter after a street prefix (`al. Armii` -> `A`)."""
    return next((ch.upper() for ch in street_key(name) if ch.isalpha()), "#")
