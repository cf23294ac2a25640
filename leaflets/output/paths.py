"""Every name in the output folder, decided here: unit and area folders, each format's and
edition's files, print-shop and office-sheet files, the unit's print files and indexes."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from leaflets.areas import Area, Unit
from leaflets.config import Settings
from leaflets.formats import FormatSpec
from leaflets.i18n import SOURCE
from leaflets.text import fold, slugify

MANIFEST = "manifest.json"
PROBLEM_REPORT = "problemy.xlsx"
CACHE = ".leaflets-cache.json"
"""What the last build rendered from which inputs, per area file (render.cache)."""
INDEX_CACHE = ".leaflets-cache-jednostki.json"
"""The same for the per-unit documents (the street index)."""
MEETINGS_CACHE = ".leaflets-cache-spotkania.json"
"""The same for the invitations to meetings with residents."""
MEETINGS_PRINT_SOURCES = ".leaflets-druk-spotkania.json"
"""What each unit's print file of invitations was merged from (as `PRINT_SOURCES`)."""
MEETINGS_CALENDAR = "spotkania.ics"
"""Each unit's calendar of its meetings, in the unit's folder."""
PRINT_SOURCES = ".leaflets-druk.json"
"""What each unit print file was merged from: the digests of its area files, in order, and
its own digest (output.printfiles)."""


def unit_folder(unit: Unit) -> str:
    """`Komisariat Policji Legnica-Śródmieście` -> `komisariat-policji-legnica-srodmiescie`.
    A name whose slug is cut at 60 characters ends in a digest of the whole name: two units
    alike in their first 60 characters ("Komenda Powiatowa Policji w Środzie Wielkopolskiej —
    Komisariat Policji w …") get two folders. Any other collision (names differing only in
    what a slug drops) is found by `checks.distinct_folders` before anything is written."""
    slug = slugify(unit.name) or "jednostka"
    if len(slug) >= SLUG_CUT and len(_full_slug(unit.name)) > len(slug):
        digest = hashlib.sha256(unit.name.encode()).hexdigest()[:6]
        slug = f"{slug[: SLUG_CUT - 7].rstrip('-')}-{digest}"
    return slug


SLUG_CUT = 60
"""`text.slugify` cuts a slug at this many characters."""


def _full_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def area_folder(area: Area) -> str:
    """The area's folder under its unit: `rejon-5-osiedle-piekary`."""
    suffix = f"-{slugify(area.name)}" if slugify(area.name) else ""
    return f"rejon-{slugify(area.number) or area.number}{suffix}"


def area_key(area: Area) -> str:
    """`kp-legnica/rejon-5`: the area's folder relative to the output folder, which is also
    its id in `manifest.json` and in the content cache."""
    return f"{unit_folder(area.unit)}/{area_folder(area)}"


def edition_name(name: str, language: str = SOURCE) -> str:
    """`plakat-a4` -> `plakat-a4.uk` in the Ukrainian edition; the Polish edition keeps the
    plain name. The manifest's `files` keys and the cache keys use it too."""
    return name if language == SOURCE else f"{name}.{language}"


def file_stem(
    settings: Settings, format_name: str, language: str = SOURCE, suffix: str = ""
) -> str:
    """`plakat-a4`, `plakat-a4-drukarnia` for print-shop files (with bleed), `plakat-a4.uk`
    for the Ukrainian edition, `ulotka-a6-arkusz` for an office sheet."""
    name = format_name + ("-drukarnia" if settings.bleed_mm is not None else "") + suffix
    return edition_name(name, language)


def area_pdf(settings: Settings, area: Area, format_name: str, language: str = SOURCE) -> Path:
    """`output/kp-legnica/rejon-5/plakat-a4.pdf`."""
    return settings.out / area_key(area) / f"{file_stem(settings, format_name, language)}.pdf"


def sheet_pdf(settings: Settings, area: Area, format_name: str, language: str = SOURCE) -> Path:
    """The area's office sheet (`--arkusz`): `output/kp-legnica/rejon-5/ulotka-a6-arkusz.pdf`."""
    stem = file_stem(settings, format_name, language, "-arkusz")
    return settings.out / area_key(area) / f"{stem}.pdf"


def unit_pdf(
    settings: Settings,
    unit: str,
    format_name: str,
    suffix: str = "",
    language: str = SOURCE,
) -> Path:
    """The unit's print file (`unit` is its folder): `druk-plakat-a4.pdf`,
    `druk-ulotka-a5-arkusze.pdf`, `druk-plakat-a4.uk.pdf`."""
    stem = file_stem(settings, format_name, language, suffix)
    return settings.out / unit / f"druk-{stem}.pdf"


def unit_document(settings: Settings, unit: str, spec: FormatSpec, language: str = SOURCE) -> Path:
    """A per-unit document (`spec.per_unit`): `output/kp-legnica/skorowidz-ulic.uk.pdf`."""
    stem = edition_name(Path(spec.file_name).stem, language)
    return settings.out / unit / f"{stem}.pdf"


def meeting_pdf(
    settings: Settings, area: Area, format_name: str, date: dt.date, language: str = SOURCE
) -> Path:
    """An invitation, dated: `output/kp-legnica/rejon-5/spotkanie-a4-2026-12-01.pdf`."""
    stem = file_stem(settings, format_name, language, f"-{date.isoformat()}")
    return settings.out / area_key(area) / f"{stem}.pdf"


def meeting_sheet_pdf(
    settings: Settings, area: Area, format_name: str, date: dt.date, language: str = SOURCE
) -> Path:
    """An invitation's office sheet: `rejon-5/spotkanie-a6-2026-12-01-arkusz.pdf`."""
    stem = file_stem(settings, format_name, language, f"-{date.isoformat()}-arkusz")
    return settings.out / area_key(area) / f"{stem}.pdf"


def unit_calendar_file(settings: Settings, unit: str) -> Path:
    """`output/kp-legnica/spotkania.ics`."""
    return settings.out / unit / MEETINGS_CALENDAR
