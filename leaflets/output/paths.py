"""Every name in the output folder, decided here: unit and area folders, each format's and
edition's files, print-shop and office-sheet files, the unit's print files and indexes."""

from __future__ import annotations

from pathlib import Path

from leaflets.areas import Area, Unit
from leaflets.config import Settings
from leaflets.formats import FormatSpec
from leaflets.i18n import SOURCE
from leaflets.text import slugify

MANIFEST = "manifest.json"
PROBLEM_REPORT = "problemy.xlsx"
CACHE = ".leaflets-cache.json"
"""What the last build rendered from which inputs, per area file (render.cache)."""
INDEX_CACHE = ".leaflets-cache-jednostki.json"
"""The same for the per-unit documents (the street index)."""


def unit_folder(unit: Unit) -> str:
    """`Komisariat Policji Legnica-Śródmieście` -> `komisariat-policji-legnica-srodmiescie`."""
    return slugify(unit.name) or "jednostka"


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
