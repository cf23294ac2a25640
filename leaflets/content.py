"""Areas -> leaflet views: every text, link and QR code a template prints, ready to show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from leaflets.areas import Area, Officer
from leaflets.config import FormatSpec, LeafletConfig
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
