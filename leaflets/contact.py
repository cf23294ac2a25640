"""The officer's contact card (vCard) each format's "save the contact" code holds, the codes
too large for a format, and the unit's short name where its full one does not fit a card."""

from __future__ import annotations

import math
import re

from leaflets.areas import Area
from leaflets.config import LeafletConfig
from leaflets.formats import FormatSpec
from leaflets.i18n import N_, SOURCE, Edition, edition
from leaflets.qrcodes import qr_modules, short_vcard_payload, tel_payload, vcard_payload
from leaflets.text import fold
from leaflets.validation import Officer

KMZB_NAME = N_("Krajowa Mapa Zagrożeń Bezpieczeństwa")


def oversized_codes(area: Area, spec: FormatSpec, config: LeafletConfig) -> list[tuple[str, float]]:
    """(caption, size in mm) of the codes that, at the format's minimum module size, need
    more room than the layout has. Checked on the Polish payloads, without drawing codes."""
    if not spec.qr_max_mm:
        return []
    ed = edition(SOURCE)
    payloads = [(KMZB_NAME, config.kmzb_url)]
    if not config.moja_komenda_is_default:
        payloads.append(("Aplikacja Moja Komenda", config.moja_komenda_url))
    for officer in area.officers:
        payloads.append(("Zadzwoń do dzielnicowego", tel_payload(officer.phone.e164)))
        card = contact_payload(officer, area, spec, ed, config.qr_level)
        payloads.append(("Zapisz kontakt w telefonie", card))
    found = []
    for caption, payload in payloads:
        size = _size_mm(payload, config.qr_level, spec.qr_module_mm)
        if size > spec.qr_max_mm:
            found.append((caption, size))
    return found


def _size_mm(payload: str, level: str, module_mm: float) -> float:
    """A code's size at `module_mm`; infinite when no code (version 40) holds the payload."""
    try:
        return qr_modules(payload, level) * module_mm
    except ValueError:
        return math.inf


def contact_payload(officer: Officer, area: Area, spec: FormatSpec, ed: Edition, level: str) -> str:
    """The contact card (vCard) a format's "save the contact" code holds. Posters and
    business cards hold the name, phone and e-mail only (`FormatSpec.short_card`), and leave
    the e-mail out where it would make the code larger than `card_max_mm` (it is printed
    beside the code); flyers add the unit and the job title."""
    if not spec.short_card:
        return vcard_payload(
            first_name=officer.first_name,
            surname=officer.surname,
            phone_e164=officer.phone.e164,
            email=officer.email,
            unit=area.unit.name,
            # TRANSLATORS: the job title saved with the officer's phone contact (vCard).
            title=ed.gettext("dzielnicowy, rejon %(number)s", number=area.number).first,
        )
    card = short_vcard_payload(
        first_name=officer.first_name,
        surname=officer.surname,
        phone_e164=officer.phone.e164,
        email=officer.email,
    )
    limit = spec.card_max_mm or spec.qr_max_mm
    if officer.email and limit and _size_mm(card, level, spec.qr_module_mm) > limit:
        return short_vcard_payload(
            first_name=officer.first_name,
            surname=officer.surname,
            phone_e164=officer.phone.e164,
        )
    return card


def short_unit_name(unit: str, config: LeafletConfig) -> tuple[str, bool]:
    """The unit's name where a long one does not fit, and whether it was derived (not set in
    `[jednostka] nazwa_krotka`, so `build` says what it printed). The configured short name
    belongs to the unit `[jednostka] nazwa` names, or to every unit when that is not set.
    Derived: the superior unit left out and the unit's kind abbreviated as the police write
    it — `Komisariat Policji Warszawa-Białołęka Komendy Rejonowej Policji Warszawa VI` ->
    `KP Warszawa-Białołęka`; a name with nothing to shorten stays as it is."""
    configured = config.unit.short_name
    if configured and (not config.unit.name or fold(config.unit.name) == fold(unit)):
        return configured, False
    name = _SUPERIOR_UNIT.sub("", " ".join(unit.split()))
    for full, short in _UNIT_KINDS:
        if name.lower().startswith(full.lower() + " "):
            name = short + name[len(full) :]
            break
    return name, name != unit


_UNIT_KINDS = (
    ("Komenda Stołeczna Policji", "KSP"),
    ("Komenda Wojewódzka Policji", "KWP"),
    ("Komenda Miejska Policji", "KMP"),
    ("Komenda Powiatowa Policji", "KPP"),
    ("Komenda Rejonowa Policji", "KRP"),
    ("Komisariat Kolejowy Policji", "KKP"),
    ("Komisariat Wodny Policji", "KWP"),
    ("Komisariat Policji", "KP"),
    ("Posterunek Policji", "PP"),
)
"""Kinds of police units and the abbreviations their own pages use."""
_SUPERIOR_UNIT = re.compile(
    r"\s+(?:Komendy\s+(?:Stołecznej|Wojewódzkiej|Miejskiej|Powiatowej|Rejonowej)\s+Policji"
    r"|KSP|KWP|KMP|KPP|KRP)\b.*$",
    re.IGNORECASE,
)
"""`… Komendy Rejonowej Policji Warszawa VI`, `… KMP w Legnicy`: the unit a unit belongs to."""
