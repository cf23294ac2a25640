"""QR codes: payloads, module size, and that the compact SVG decodes to the payload."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from leaflets.qrcodes import QUIET_ZONE, make_qr, qr_modules, vcard_payload


def _raster(payload: str, scale: int = 4) -> Image.Image:
    """The printed PNG, enlarged without interpolation as the PDF viewer does."""
    code = make_qr(payload)
    image = Image.open(io.BytesIO(code.png))
    assert image.mode == "1" and image.size == (code.modules, code.modules)
    return image.convert("L").resize(
        (code.modules * scale, code.modules * scale), Image.Resampling.NEAREST
    )


@settings(max_examples=30, deadline=None)
@given(
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x17F), min_size=1, max_size=80)
)
def test_printed_png_decodes_to_the_payload(payload: str) -> None:
    results = zxingcpp.read_barcodes(_raster(payload))
    assert [r.text for r in results] == [payload]


def test_quiet_zone_is_four_white_modules() -> None:
    code = make_qr("tel:+48723645827")
    image = _raster("tel:+48723645827", scale=1)
    border = [image.getpixel((x, y)) for x in range(code.modules) for y in range(QUIET_ZONE)]
    assert set(border) == {255}
    assert code.modules == 25 + 2 * QUIET_ZONE  # version 2 at level M


def test_kmzb_url_is_version_4_at_level_m() -> None:
    """DOMAIN.md: the 54-character KMZB URL is QR version 4 (33 modules) at level M."""
    assert make_qr("https://mapy.geoportal.gov.pl/iMapLite/KMZBPublic.html").modules == 33 + 8


def test_size_follows_the_module() -> None:
    code = make_qr("https://policja.pl")
    assert code.size_mm(1.0) == code.modules
    assert code.size_mm(0.5) == pytest.approx(code.modules / 2)


def test_vcard_escapes_and_keeps_polish_letters() -> None:
    card = vcard_payload(
        first_name="Łukasz",
        surname="Żółć",
        phone_e164="+48723645827",
        email="l.zolc@example.pl",
        unit="KP Legnica; Śródmieście",
        title="dzielnicowy, rejon 5",
    )
    assert "FN:Łukasz Żółć\r\n" in card
    assert "N:Żółć;Łukasz;;;\r\n" in card
    assert "ORG:KP Legnica\\; Śródmieście\r\n" in card
    assert "TITLE:dzielnicowy\\, rejon 5\r\n" in card
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert card.endswith("END:VCARD\r\n")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=400), st.sampled_from(["M", "Q"]))
def test_predicted_size_is_the_drawn_size(payload: str, level: str) -> None:
    assert qr_modules(payload, level) == make_qr(payload, level).modules
