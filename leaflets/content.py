"""Areas -> leaflet views: every text, link and QR code a template prints, ready to show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from babel.dates import format_date

from leaflets.areas import Area, Officer
from leaflets.config import FormatSpec, LeafletConfig
from leaflets.lookup import street_index
from leaflets.qrcodes import make_qr, tel_payload, vcard_payload
from leaflets.ranks import full_rank, normalise_rank


@dataclass(frozen=True)
class QrView:
    caption: str
    target: str
    """The plain-text target printed under the code, for people without a scanner."""
    href: str
    src: str
    size_mm: float
    payload: str


@dataclass(frozen=True)
class OfficerView:
    rank: str
    rank_full: str
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


@dataclass(frozen=True)
class LeafletView:
    area: Area
    title: str
    area_label: str
    officers: tuple[OfficerView, ...]
    streets: tuple[str, ...]
    unit_phone: str
    unit_phone_href: str
    moja_komenda: QrView
    kmzb: QrView
    density: int


def display_url(url: str) -> str:
    """`https://mapy.geoportal.gov.pl/x` -> `mapy.geoportal.gov.pl/x`: what a person types."""
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")


def as_of_text(date: dt.date) -> str:
    return str(format_date(date, format="long", locale="pl"))


def _qr(caption: str, target: str, payload: str, href: str, spec: FormatSpec) -> QrView:
    code = make_qr(payload)
    return QrView(
        caption=caption,
        target=target,
        href=href,
        src=code.data_uri,
        size_mm=max(code.size_mm(spec.qr_module_mm), spec.qr_min_mm),
        payload=payload,
    )


def _officer_view(officer: Officer, area: Area, spec: FormatSpec) -> OfficerView:
    rank = normalise_rank(officer.rank)
    card = vcard_payload(
        first_name=officer.first_name,
        surname=officer.surname,
        phone_e164=officer.phone.e164,
        email=officer.email,
        unit=area.unit.name,
        title=f"dzielnicowy, rejon {area.number}",
    )
    return OfficerView(
        rank=officer.rank,
        rank_full=full_rank(rank) if rank else officer.rank,
        first_name=officer.first_name,
        surname=officer.surname,
        phone=officer.phone.national,
        phone_href=f"tel:{officer.phone.e164}",
        landline=officer.landline.national if officer.landline else "",
        email=officer.email,
        duty=officer.duty,
        photo=officer.photo.as_uri() if officer.photo else "",
        call=_qr(
            "Zadzwoń do dzielnicowego",
            f"tel. {officer.phone.national}",
            tel_payload(officer.phone.e164),
            f"tel:{officer.phone.e164}",
            spec,
        ),
        card=_qr(
            "Zapisz kontakt w telefonie",
            f"wizytówka: {officer.first_name} {officer.surname}",
            card,
            f"mailto:{officer.email}" if officer.email else f"tel:{officer.phone.e164}",
            spec,
        ),
    )


def leaflet_view(
    area: Area, spec: FormatSpec, config: LeafletConfig, density: int = 0
) -> LeafletView:
    label = f"Rejon nr {area.number}" if area.number[:1].isdigit() else f"Rejon {area.number}"
    return LeafletView(
        area=area,
        title=f"Twój dzielnicowy — {area.unit.name}, {label}".replace(" — , ", " — "),
        area_label=label,
        officers=tuple(_officer_view(o, area, spec) for o in area.officers),
        streets=tuple(line.text for line in area.lines),
        unit_phone=area.unit.phone.national if area.unit.phone else "",
        unit_phone_href=f"tel:{area.unit.phone.e164}" if area.unit.phone else "",
        moja_komenda=_qr(
            "Aplikacja Moja Komenda",
            display_url(config.moja_komenda_url),
            config.moja_komenda_url,
            config.moja_komenda_url,
            spec,
        ),
        kmzb=_qr(
            "Krajowa Mapa Zagrożeń Bezpieczeństwa",
            display_url(config.kmzb_url),
            config.kmzb_url,
            config.kmzb_url,
            spec,
        ),
        density=density,
    )


@dataclass(frozen=True)
class IndexRow:
    numbers: str
    area_label: str
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

    area: Area
    """The unit's first area: the shared header and footer macros read the unit from it."""
    title: str
    letters: tuple[IndexLetter, ...]
    unit_phone: str
    density: int = 0


def index_view(areas: Sequence[Area]) -> IndexView:
    """`areas` all belong to one unit."""
    letters: dict[str, dict[str, list[IndexRow]]] = {}
    for entry in street_index(areas):
        area = entry.area
        officers = "; ".join(
            f"{o.rank} {o.first_name} {o.surname}, tel. {o.phone.national}".strip()
            for o in area.officers
        )
        label = f"rejon {area.number}" + (f" ({area.name})" if area.name else "")
        row = IndexRow(entry.numbers, label, officers)
        letter = _initial(entry.name)
        letters.setdefault(letter, {}).setdefault(entry.name, []).append(row)
    first = areas[0]
    return IndexView(
        area=first,
        title=f"Skorowidz ulic — {first.unit.name}".rstrip(" —"),
        letters=tuple(
            IndexLetter(
                letter,
                tuple(IndexStreet(name, tuple(rows)) for name, rows in streets.items()),
            )
            for letter, streets in letters.items()
        ),
        unit_phone=first.unit.phone.national if first.unit.phone else "",
    )


def _initial(name: str) -> str:
    """The index letter: the first letter after a street prefix (`al. Armii` -> `A`)."""
    words = name.split()
    if len(words) > 1 and words[0].lower().rstrip(".") in ("ul", "al", "pl", "os", "rondo"):
        words = words[1:]
    text = " ".join(words)
    return next((ch.upper() for ch in text if ch.isalpha()), "#")
