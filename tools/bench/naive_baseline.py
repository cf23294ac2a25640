"""The naive approach the benchmark compares against, self-contained on purpose.

One WeasyPrint document per leaflet, `HTML(string=...).write_pdf()`, no shared font
configuration or parsed CSS; a simple A4 leaflet (title, officer, phone, streets) with three QR
codes drawn by qrcode's default SVG path factory (one path per module run), embedded as data
URIs. It shares no code with `leaflets`, so optimising the tool cannot speed the baseline up.

`run_naive_poster` renders our own poster the same naive way (it shares the templates and the
content views, nothing of the rendering path), so the ratio also compares like with like.
"""

from __future__ import annotations

import base64
import html
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import qrcode
import qrcode.image.svg
import weasyprint

from leaflets import pipeline
from leaflets.config import Settings
from leaflets.content import LeafletView, QrView, leaflet_view
from leaflets.formats import FORMATS
from leaflets.render.renderer import Renderer
from leaflets.render.templates import packaged_templates
from leaflets.render.workers import page_context

T = TypeVar("T")

KMZB_URL = "https://mapy.geoportal.gov.pl/iMapLite/KMZBPublic.html"

CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "Open Sans", sans-serif; font-size: 13pt; color: #111; }
h1 { background: #14264b; color: #fff; padding: 4mm 6mm; font-size: 26pt; margin: 0 0 5mm; }
p { margin: 0 0 2mm; }
.officer { font-size: 32pt; font-weight: bold; }
.phone { font-size: 36pt; font-weight: bold; }
h2 { font-size: 15pt; margin: 2mm 0; }
ul { columns: 2; font-size: 9pt; padding-left: 5mm; margin: 0; }
.codes { display: flex; gap: 8mm; margin: 3mm 0; }
.codes figure { margin: 0; text-align: center; font-size: 10pt; }
.codes img { width: 34mm; height: 34mm; }
"""


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())[-9:]


def qr_data_uri(payload: str) -> str:
    """qrcode's default SVG path image as a data URI (the slow part of the naive leaflet)."""
    image = qrcode.make(payload, image_factory=qrcode.image.svg.SvgPathImage)
    svg: bytes = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def leaflet_html(row: Mapping[str, str]) -> str:
    """One leaflet for one roster row (keys as in the synthetic roster's header)."""
    first, surname = row.get("Imię", ""), row.get("Nazwisko", "").title()
    phone = _digits(row.get("Telefon", ""))
    vcard = "\n".join(
        (
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{surname};{first};;;",
            f"FN:{first} {surname}",
            f"ORG:{row.get('Jednostka', '')}",
            f"TEL;TYPE=CELL:+48{phone}",
            f"EMAIL:{row.get('E-mail', '')}",
            "END:VCARD",
        )
    )
    codes = (
        ("Zadzwoń", f"tel:+48{phone}"),
        ("Zapisz kontakt", vcard),
        ("Mapa zagrożeń", KMZB_URL),
    )
    description = row.get("Ulice", "")
    separator = ";" if ";" in description else ","  # villages are listed with commas
    streets = "".join(
        f"<li>{html.escape(part.strip())}</li>"
        for part in description.split(separator)
        if part.strip()
    )
    figures = "".join(
        f'<figure><img src="{qr_data_uri(payload)}"><figcaption>{caption}</figcaption></figure>'
        for caption, payload in codes
    )
    escape = html.escape
    return (
        f'<!doctype html><html lang="pl"><head><meta charset="utf-8"><style>{CSS}</style>'
        f"</head><body><h1>Twój dzielnicowy</h1>"
        f"<p>{escape(row.get('Jednostka', ''))}, rejon {escape(row.get('Rejon', ''))}</p>"
        f'<p class="officer">{escape(row.get("Stopień", ""))} {escape(first)} {escape(surname)}'
        f'</p><p class="phone">{phone[:3]} {phone[3:6]} {phone[6:]}</p>'
        f"<p>{escape(row.get('E-mail', ''))}</p>"
        f'<p class="note">To nie jest numer alarmowy. W nagłych wypadkach dzwoń pod 112.</p>'
        f'<div class="codes">{figures}</div>'
        f"<h2>Rejon obejmuje</h2><ul>{streets}</ul></body></html>"
    )


def render_one(row: Mapping[str, str], target: Path) -> None:
    weasyprint.HTML(string=leaflet_html(row)).write_pdf(target)


def run_naive(rows: Sequence[Mapping[str, str]], out_dir: Path, *, warm_up: bool = True) -> float:
    """Render one PDF per row into `out_dir`; returns milliseconds per leaflet."""
    if not rows:
        raise ValueError("run_naive needs at least one row")
    elapsed = _timed(rows, render_one, out_dir, "ulotka", warm_up=warm_up)
    return elapsed * 1000 / len(rows)


def _timed(
    items: Sequence[T],
    render_one: Callable[[T, Path], None],
    out_dir: Path,
    stem: str,
    *,
    warm_up: bool,
) -> float:
    """Seconds to render every item into `out_dir/{stem}-NNNNN.pdf`. With `warm_up`, the
    first item is rendered once more first and not timed, so the one-off font loading of the
    first WeasyPrint document in a process is not charged to the baseline."""
    out_dir.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)  # keep the benchmark output readable
    try:
        if warm_up:
            render_one(items[0], out_dir / "rozgrzewka.pdf")
        start = time.perf_counter()
        for index, item in enumerate(items):
            render_one(item, out_dir / f"{stem}-{index:05d}.pdf")
        return time.perf_counter() - start
    finally:
        logger.setLevel(level)


def run_naive_poster(
    settings: Settings, out_dir: Path, *, warm_up: bool = True
) -> tuple[float, int]:
    """Our own poster (same template, same data, same codes) rendered the naive way: one
    WeasyPrint document per leaflet, the stylesheets parsed and fonts configured again for
    each, every QR code drawn as qrcode's default SVG path and generated again on every
    leaflet, no fitting of long street lists. Returns (ms per leaflet, leaflets).

    This measures the architecture on the same document; `run_naive` above renders a much
    simpler leaflet, so its ratio also compares two different documents."""
    areas = pipeline.intake(settings).grouping.areas
    spec = FORMATS["plakat-a4"]
    templates = packaged_templates()
    renderer = Renderer(None, [])  # only for its Jinja environment
    context = page_context(settings, "Twój dzielnicowy").variables()
    views = [leaflet_view(area, spec, settings.config, 0) for area in areas]
    stylesheets = [templates / "wspolne.css", templates / f"{spec.name}.css"]

    def render_poster(view: LeafletView, target: Path) -> None:
        def svg(code: QrView) -> QrView:
            return replace(code, src=qr_data_uri(code.payload))

        officers = tuple(replace(o, call=svg(o.call), card=svg(o.card)) for o in view.officers)
        naive = replace(
            view,
            officers=officers,
            shown=officers,
            moja_komenda=svg(view.moja_komenda) if view.moja_komenda else None,
            kmzb=svg(view.kmzb),
        )
        html = renderer.html(spec, [naive], **context)
        weasyprint.HTML(string=html, base_url=str(templates) + "/").write_pdf(
            target, stylesheets=[weasyprint.CSS(filename=str(path)) for path in stylesheets]
        )

    elapsed = _timed(views, render_poster, out_dir, "plakat", warm_up=warm_up)
    leaflets = sum(len(view.officers) for view in views)
    return elapsed * 1000 / leaflets, leaflets
