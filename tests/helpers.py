"""What the tests share: the sample roster's settings, a memoised builder, and readers that
look at a PDF as a person does (text, glyph positions, QR codes decoded from the raster)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import zxingcpp

from leaflets import pipeline
from leaflets.config import Settings, find_config, load_config

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "rosters" / "legnica-wzor.xlsx"
DATA = Path(__file__).resolve().parent / "data"


def sample_settings(out: Path, **overrides: object) -> Settings:
    rosters = (SAMPLE,)
    config = load_config(find_config(None, rosters))
    return Settings(rosters=rosters, out=out, config=config, **overrides)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Built:
    out: Path
    report: pipeline.Report


class Builds:
    """Builds memoised by their settings for the whole session: fixtures that ask for the
    same build share it instead of each laying the sample out again."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._done: dict[tuple[object, ...], Built] = {}

    def sample(self, **overrides: object) -> Built:
        """The bundled sample, with `overrides` of its settings (formats, languages, ...)."""
        key = tuple(sorted((name, repr(value)) for name, value in overrides.items()))
        if key not in self._done:
            out = self.root / f"build-{len(self._done)}" / "output"
            report = pipeline.run(sample_settings(out, **overrides))
            warned = [p.message for p in report.problems if p.code == "weasyprint"]
            assert not warned, f"WeasyPrint warned: {warned}"
            self._done[key] = Built(out, report)
        return self._done[key]


def pdf_pages(path: Path) -> Iterator[pdfium.PdfPage]:
    document = pdfium.PdfDocument(path)
    for index in range(len(document)):
        yield document[index]


def pdf_text(path: Path) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in pdf_pages(path))


def _glyphs(page: pdfium.PdfPage) -> Iterator[tuple[tuple[float, float, float, float], str]]:
    """Each drawn character of a page with its box (left, bottom, right, top, in points); the
    specimen mark's huge letters, which lie behind everything and run off the page on
    purpose, left out (glyphs over 30 mm high)."""
    text = page.get_textpage()
    for index in range(text.count_chars()):
        left, bottom, right, top = text.get_charbox(index)
        if right > left and top - bottom <= SPECIMEN_GLYPH_PT:
            yield (left, bottom, right, top), text.get_text_range(index, 1)


def _pages_where(path: Path, found_on: Callable[[pdfium.PdfPage], str]) -> list[str]:
    """`found_on(page)` for every page of `path` where it finds something, with the page."""
    found = []
    for number, page in enumerate(pdf_pages(path), start=1):
        chars = found_on(page)
        if chars:
            found.append(f"{path.name}, str. {number}: {chars!r}")
    return found


def text_under_images(path: Path) -> list[str]:
    """Text drawn where an image is (a QR code with its quiet zone, a photo, a logo), page by
    page: a name running under a code is hidden from the reader but not from text extraction,
    so extraction alone cannot tell."""

    def hidden(page: pdfium.PdfPage) -> str:
        images = [
            image.get_bounds()
            for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5)
        ]
        return "".join(
            char
            for (left, bottom, right, top), char in _glyphs(page)
            if any(
                left < i_right and right > i_left and bottom < i_top and top > i_bottom
                for i_left, i_bottom, i_right, i_top in images
            )
        )

    return _pages_where(path, hidden)


SPECIMEN_GLYPH_PT = 85  # 30 mm
PRINTER_EDGE_MM = 4.0
"""What an office printer leaves blank along each edge of the paper (laser printers ~4.2 mm):
text there is cut off on the printout."""


def text_near_edges(path: Path, mm: float = PRINTER_EDGE_MM) -> list[str]:
    """Text closer than `mm` to an edge of the page, page by page."""
    limit = mm * 72 / 25.4

    def near(page: pdfium.PdfPage) -> str:
        width, height = page.get_size()
        return "".join(
            char
            for (left, bottom, right, top), char in _glyphs(page)
            if left < limit or bottom < limit or right > width - limit or top > height - limit
        )

    return _pages_where(path, near)


def qr_payloads(path: Path, dpi: int = 150) -> list[str]:
    """Every QR code decoded from the pages rasterised at `dpi`, as a phone camera would."""
    found = []
    for page in pdf_pages(path):
        image = page.render(scale=dpi / 72).to_pil()
        found.extend(
            result.text
            for result in zxingcpp.read_barcodes(image)
            if result.format == zxingcpp.BarcodeFormat.QRCode
        )
    return found


PT_PER_FONT_UNIT = 0.75
"""WeasyPrint writes text in CSS px under a 0.75 pt/px matrix: pdfium's font size × this = pt."""


def font_sizes(path: Path, needle: str) -> list[float]:
    """For each occurrence of `needle` in the PDF's text (spaces and line breaks between its
    words allowed), the smallest font size (pt) of its characters."""
    import re

    import pypdfium2.raw as pdfium_raw

    pattern = re.compile(r"\s+".join(re.escape(word) for word in needle.split()))
    found = []
    for page in pdf_pages(path):
        text = page.get_textpage()
        content = text.get_text_range()
        for match in pattern.finditer(content):
            found.append(
                min(
                    pdfium_raw.FPDFText_GetFontSize(text, i) * PT_PER_FONT_UNIT
                    for i in range(match.start(), match.end())
                    if not content[i].isspace()
                )
            )
    return found


def split_across_lines(path: Path, needle: str) -> list[str]:
    """Occurrences of `needle` whose glyphs do not all sit on one line (their baselines
    differ): a range, a time or a phone number broken over two lines, as a reader sees it.
    Spaces and line breaks between the characters are allowed in the text."""
    import re

    chars = [c for c in needle if not c.isspace()]
    pattern = re.compile(r"\s*".join(re.escape(c) for c in chars))
    broken = []
    for number, page in enumerate(pdf_pages(path), start=1):
        text = page.get_textpage()
        content = text.get_text_range()
        for match in pattern.finditer(content):
            # The loose box spans the font's ascent and descent: a dash's tight box starts
            # half way up the line, a digit's at the baseline.
            bottoms = [
                text.get_charbox(i, loose=True)[1]
                for i in range(match.start(), match.end())
                if not content[i].isspace()
            ]
            if max(bottoms) - min(bottoms) > 2:  # points: more than a glyph's own offset
                broken.append(f"{path.name}, str. {number}: {match.group(0)!r}")
    return broken
