"""Areas -> leaflet views: every text, link and QR code a template prints, ready to show, in
the edition's language (or both languages of a bilingual edition)."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from leaflets.areas import Area, CoverageLine, Unit
from leaflets.config import LeafletConfig
from leaflets.formats import RUN_IN_STEP, SHORT_BACK_STEP, FormatSpec
from leaflets.i18n import N_, SOURCE, Edition, Phrase, edition
from leaflets.qrcodes import make_qr, qr_modules, tel_payload, vcard_payload
from leaflets.ranks import full_rank, normalise_rank
from leaflets.streets import POLISH, NumberWords, format_coverage, street_index, street_key
from leaflets.validation import Officer

KMZB_NAME = N_("Krajowa Mapa Zagrożeń Bezpieczeństwa")
"""A proper name: it stays Polish and gets its meaning in the reader's language beside it."""


@dataclass(frozen=True)
class QrView:
    caption: Phrase
    target: str
    """The plain-text target printed under the code, for people without a scanner (a phone
    target is markup that keeps the number on one line)."""
    href: str
    src: str
    size_mm: float
    payload: str


@dataclass(frozen=True)
class OfficerView:
    rank: str
    rank_full: Phrase
    """`sierżant sztabowy`; in other editions with its meaning: `… (staff sergeant)`."""
    first_name: str
    surname: str
    phone: str
    phone_href: str
    landline: str
    email: str
    duty: str
    photo: str
    """A file URL of the checked photo, or empty."""
    call: QrView
    card: QrView

    @property
    def long_name(self) -> bool:
        """The name has a part longer than a format's name line holds at full size
        (`Brzęczyszczykiewicz-`): the formats print it smaller (`.nazwisko.dluga`)."""
        parts = _NAME_BREAKS.split(f"{self.first_name} {self.surname}")
        return max(len(part) for part in parts) > _LONG_NAME_PART


_NAME_BREAKS = re.compile(r"(?<=-)|\s+")
"""Where a name may break: at spaces, and after the hyphen of a double-barrelled surname."""
_LONG_NAME_PART = 14
"""About the longest part the narrowest name line (A5 flyer, codes beside it) holds at 22 pt."""


@dataclass(frozen=True)
class LeafletView:
    area: Area
    title: str
    area_label: Phrase
    streets_heading: Phrase
    """`Rejon nr 5 obejmuje`, above the street list."""
    officers: tuple[OfficerView, ...]
    streets: tuple[str, ...]
    unit_phone: str
    unit_phone_href: str
    moja_komenda: QrView
    kmzb: QrView
    density: int

    @property
    def unit(self) -> Unit:
        return self.area.unit

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
    def run_in(self) -> bool:
        """The street list runs on in lines instead of columns."""
        return self.density >= RUN_IN_STEP

    @property
    def short_back(self) -> bool:
        """The back of a two-sided flyer is shortened: each flyer's template says what it leaves
        out (the apps' descriptions, a 112 notice the front already has)."""
        return self.density >= SHORT_BACK_STEP


def keep_together(text: str) -> str:
    """No-break spaces where a line break would mislead: each comma-separated part of up to
    28 characters (`ul. Mieszka I`, `59-220 Legnica`, `tel. 76 000 00 00`) stays whole; a
    longer part keeps at least its leading abbreviation with the next word, so no line ends
    with `ul.` — and it can still break, so it never runs past the edge of a narrow page.
    The templates' `razem` filter: street lines run on in lines, and the footer (its margin
    box takes plain text, so `.numer` cannot reach it)."""
    return ", ".join(
        part.replace(" ", "\u00a0")
        if len(part) <= _WHOLE
        else _LEADING_ABBREVIATION.sub("\\1\u00a0", part)
        for part in text.split(", ")
    )


_WHOLE = 28
"""Parts up to this many characters are never broken (about half an A6 line at 9 pt)."""
_LEADING_ABBREVIATION = re.compile(r"^(\w{1,4}\.) ")


def display_url(url: str) -> str:
    """`https://mapy.geoportal.gov.pl/x` -> `mapy.geoportal.gov.pl/x`: what a person types."""
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")


def as_of_text(date: dt.date, language: str = SOURCE) -> Phrase:
    """The footer's `Stan na: 1 listopada 2026`, each language with its own date format."""
    ed = edition(language)
    return ed.gettext("Stan na: %(date)s", date=ed.date(date))


def document_title(area: Area, language: str = SOURCE) -> str:
    """The PDF's title: `Twój dzielnicowy — Komisariat Policji …, rejon 5`."""
    ed = edition(language)
    heading = ed.gettext("Twój dzielnicowy")
    label = ed.gettext("rejon %(number)s", number=area.number)
    return f"{heading} — {area.unit.name}, {label}".replace(" — , ", " — ")


def _area_label(area: Area, ed: Edition) -> Phrase:
    if area.number[:1].isdigit():
        # TRANSLATORS: "rejon" is the officer's service area (beat), "nr" = number.
        return ed.gettext("Rejon nr %(number)s", number=area.number)
    return ed.gettext("Rejon %(number)s", number=area.number)


def _streets_heading(area: Area, ed: Edition) -> Phrase:
    if area.number[:1].isdigit():
        return ed.gettext("Rejon nr %(number)s obejmuje", number=area.number)
    return ed.gettext("Rejon %(number)s obejmuje", number=area.number)


@functools.cache
def number_words(language: str) -> NumberWords:
    """The words the street printer puts around house numbers (street lines and the street
    index), in `language`; a bilingual edition prints the Polish ones (Polish leads)."""
    ed = edition(language)
    if ed.first == SOURCE or ed.bilingual:
        return POLISH
    # TRANSLATORS: words around house numbers after a street name: "(parzyste 72–152)",
    # "od 12", "do 70", "(cała)" = the whole street.
    return NumberWords(
        whole_locality=ed.pgettext("numery domów", "cała miejscowość").first,
        whole_street=ed.pgettext("numery domów", "cała ulica").first,
        whole_unknown=ed.pgettext("numery domów", "całość").first,
        whole=ed.pgettext("numery domów", "cała").first,
        odd=ed.pgettext("numery domów", "nieparzyste").first,
        even=ed.pgettext("numery domów", "parzyste").first,
        since=ed.pgettext("numery domów", "od").first,
        until=ed.pgettext("numery domów", "do").first,
        # TRANSLATORS: "(1–20, oprócz 7)" = except number 7; "cała gmina" = the whole gmina
        # (commune: its town and villages).
        without=ed.pgettext("numery domów", "oprócz").first,
        whole_gmina=ed.pgettext("numery domów", "cała gmina").first,
    )


def _street_line(line: CoverageLine, words: NumberWords) -> str:
    """A line of the street list: names as written, house-number words in the edition's."""
    if line.coverage is None or words == POLISH:
        return line.text
    return format_coverage(line.coverage, words)


def _qr(
    caption: Phrase, target: str, payload: str, href: str, spec: FormatSpec, level: str
) -> QrView:
    code = make_qr(payload, level)
    return QrView(
        caption=caption,
        target=target,
        href=href,
        src=code.data_uri,
        size_mm=max(code.size_mm(spec.qr_module_mm), spec.qr_min_mm),
        payload=payload,
    )


def oversized_codes(area: Area, spec: FormatSpec, config: LeafletConfig) -> list[tuple[str, float]]:
    """(caption, size in mm) of the codes that, at the format's minimum module size, need
    more room than the layout has. Checked on the Polish payloads, without drawing codes."""
    if not spec.qr_max_mm:
        return []
    ed = edition(SOURCE)
    payloads = [
        ("Aplikacja Moja Komenda", config.moja_komenda_url),
        (KMZB_NAME, config.kmzb_url),
    ]
    for officer in area.officers:
        payloads.append(("Zadzwoń do dzielnicowego", tel_payload(officer.phone.e164)))
        payloads.append(("Zapisz kontakt w telefonie", _card_payload(officer, area, ed)))
    found = []
    for caption, payload in payloads:
        try:
            size = qr_modules(payload, config.qr_level) * spec.qr_module_mm
        except ValueError:  # more than the largest code (version 40) holds
            size = math.inf
        if size > spec.qr_max_mm:
            found.append((caption, size))
    return found


def _card_payload(officer: Officer, area: Area, ed: Edition) -> str:
    return vcard_payload(
        first_name=officer.first_name,
        surname=officer.surname,
        phone_e164=officer.phone.e164,
        email=officer.email,
        unit=area.unit.name,
        # TRANSLATORS: the job title saved with the officer's phone contact (vCard).
        title=ed.gettext("dzielnicowy, rejon %(number)s", number=area.number).first,
    )


def _officer_view(
    officer: Officer, area: Area, spec: FormatSpec, ed: Edition, level: str
) -> OfficerView:
    rank = normalise_rank(officer.rank)
    name = f"{officer.first_name} {officer.surname}"
    phone_label = ed.gettext("tel.").first
    card = _card_payload(officer, area, ed)
    return OfficerView(
        rank=officer.rank,
        rank_full=ed.gloss(full_rank(rank)) if rank else Phrase(officer.rank),
        first_name=officer.first_name,
        surname=officer.surname,
        phone=officer.phone.national,
        phone_href=f"tel:{officer.phone.e164}",
        landline=officer.landline.national if officer.landline else "",
        email=officer.email,
        duty=officer.duty,
        photo=officer.photo.as_uri() if officer.photo else "",
        call=_qr(
            ed.gettext("Zadzwoń do dzielnicowego"),
            # The number never breaks between its digit groups, in any caption (`.numer`).
            Markup('{} <span class="numer">{}</span>').format(phone_label, officer.phone.national),
            tel_payload(officer.phone.e164),
            f"tel:{officer.phone.e164}",
            spec,
            level,
        ),
        card=_qr(
            ed.gettext("Zapisz kontakt w telefonie"),
            ed.gettext("wizytówka: %(name)s", name=name).first,
            card,
            f"mailto:{officer.email}" if officer.email else f"tel:{officer.phone.e164}",
            spec,
            level,
        ),
    )


def leaflet_view(
    area: Area,
    spec: FormatSpec,
    config: LeafletConfig,
    density: int = 0,
    language: str = SOURCE,
) -> LeafletView:
    ed = edition(language)
    return LeafletView(
        area=area,
        title=document_title(area, language),
        area_label=_area_label(area, ed),
        streets_heading=_streets_heading(area, ed),
        officers=tuple(_officer_view(o, area, spec, ed, config.qr_level) for o in area.officers),
        streets=tuple(_street_line(line, number_words(language)) for line in area.lines),
        unit_phone=area.unit.phone.national if area.unit.phone else "",
        unit_phone_href=f"tel:{area.unit.phone.e164}" if area.unit.phone else "",
        moja_komenda=_qr(
            ed.gettext("Aplikacja Moja Komenda"),
            display_url(config.moja_komenda_url),
            config.moja_komenda_url,
            config.moja_komenda_url,
            spec,
            config.qr_level,
        ),
        kmzb=_qr(
            ed.gloss(KMZB_NAME),
            display_url(config.kmzb_url),
            config.kmzb_url,
            config.kmzb_url,
            spec,
            config.qr_level,
        ),
        density=density,
    )


@dataclass(frozen=True)
class IndexRow:
    numbers: str
    area_label: Phrase
    officers: str
    """`sierż. szt. Łukasz Kowalczyk, tel. 723 000 114; …`"""


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
        officers = "; ".join(
            f"{o.rank} {o.first_name} {o.surname}, {phone_label} {o.phone.national}".strip()
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


def _vacant(area: Area, covering: str, ed: Edition) -> str:
    """The index's words for an area nobody holds: who covers it, else the unit's phone."""
    vacancy = area.vacancy
    if vacancy is not None and vacancy.covering_area and covering:
        # TRANSLATORS: street index, an area with no officer of its own ("wakat").
        head = ed.gettext(
            "nieobsadzony — obsługuje dzielnicowy rejonu %(number)s:",
            number=vacancy.covering_area,
        ).first
        return f"{head} {covering}"
    if covering:
        # Not inside the f-string: Babel's extractor does not look into f-strings' fields.
        head = ed.gettext("nieobsadzony — obsługuje:").first
        return f"{head} {covering}"
    if area.unit.phone is not None:
        label = ed.gettext("nieobsadzony — telefon jednostki:").first
        return f"{label} {area.unit.phone.national}"
    return ed.gettext("nieobsadzony — zadzwoń do jednostki Policji").first


def _initial(name: str) -> str:
    """The index letter: the first letter after a street prefix (`al. Armii` -> `A`)."""
    return next((ch.upper() for ch in street_key(name) if ch.isalpha()), "#")
