"""Office sheets (`--arkusz`): each area's flyers and cards placed on A4 sheets, a file per
area (a stack for one estate) and one per unit (every area packed)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfWriter

from leaflets.areas import Area
from leaflets.config import Settings
from leaflets.errors import RenderError
from leaflets.formats import FORMATS
from leaflets.output.files import atomic_file
from leaflets.output.imposition import LAYOUTS, Leaflet, impose, leaflets_from_pdf
from leaflets.output.paths import area_key, area_pdf, sheet_pdf, unit_folder, unit_pdf


@dataclass(frozen=True)
class SkippedSheet:
    """An area file that cannot go on an office sheet, and why (in Polish)."""

    area: Area
    reason: str


@dataclass(frozen=True)
class Sheets:
    written: list[Path]
    skipped: list[SkippedSheet]
    by_area: dict[str, dict[str, str]] = field(default_factory=dict)
    """Each area's sheet files for the manifest: `{"ulotka-a6-arkusz": "kp/rejon-5/…pdf"}`."""


def impose_sheets(
    settings: Settings, areas: Sequence[Area], editions: Sequence[tuple[str, str]]
) -> Sheets:
    """Flyers and cards placed on A4 sheets with cut marks, backs aligned for duplex."""
    written: list[Path] = []
    skipped: list[SkippedSheet] = []
    by_area: dict[str, dict[str, str]] = {}
    for name, language in editions:
        spec = FORMATS[name]
        if not spec.sheet_layout:
            continue
        layout = LAYOUTS[spec.sheet_layout]
        units: dict[str, list[Leaflet]] = {}
        for area in areas:
            source = area_pdf(settings, area, name, language)
            if not source.is_file():
                continue  # over its pages, not written: an error says so
            try:
                leaflets = leaflets_from_pdf(source, two_sided=spec.pages == 2, name=str(source))
            except RenderError as exc:
                skipped.append(SkippedSheet(area, str(exc)))
                continue
            copies = settings.copies or layout.cells
            target = sheet_pdf(settings, area, name, language)
            _write(impose(leaflets, layout, copies=copies, duplex=settings.duplex), target)
            written.append(target)
            by_area.setdefault(area_key(area), {})[target.stem] = target.relative_to(
                settings.out
            ).as_posix()
            units.setdefault(unit_folder(area.unit), []).extend(leaflets)
        for unit, leaflets in units.items():
            target = unit_pdf(settings, unit, name, "-arkusze", language)
            sheets = impose(leaflets, layout, copies=settings.copies or 1, duplex=settings.duplex)
            _write(sheets, target)
            written.append(target)
    return Sheets(written, skipped, by_area)


def _write(writer: PdfWriter, target: Path) -> None:
    buffer = io.BytesIO()
    writer.write(buffer)
    with atomic_file(target) as handle:
        handle.write(buffer.getvalue())
