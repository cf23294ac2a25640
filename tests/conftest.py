"""Shared fixtures: the sample roster built once per test session, and PDF readers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest
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


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The bundled sample rendered once, in both formats, as `make demo` does."""
    out = tmp_path_factory.mktemp("sample") / "output"
    report = pipeline.run(sample_settings(out))
    return Built(out, report)


def pdf_pages(path: Path) -> Iterator[pdfium.PdfPage]:
    document = pdfium.PdfDocument(path)
    for index in range(len(document)):
        yield document[index]


def pdf_text(path: Path) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in pdf_pages(path))


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
