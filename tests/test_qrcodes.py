"""QR codes: payloads, module size, the symbol qrcode would make, and that the printed PNG
decodes to the payload."""

from __future__ import annotations

import io

import numpy as np
import pytest
import qrcode
import qrcode.util
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from leaflets.qrcodes import (
    _LEVELS,
    QUIET_ZONE,
    make_qr,
    penalty,
    qr_modules,
    short_vcard_payload,
    vcard_payload,
)


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
    """The 54-character KMZB URL is QR version 4 (33 modules) at level M."""
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


def test_the_short_vcard_reads_back_as_the_same_contact_in_fewer_bytes() -> None:
    """Posters and business cards (issue 18): N, FN, TEL, EMAIL only, read back by a vCard
    parser as the same person; smaller than vobject's own serialisation."""
    import vobject

    fields = {"first_name": "Łukasz", "surname": "Żółć; Nowak", "phone_e164": "+48723645827"}
    card = short_vcard_payload(**fields, email="l.zolc@example.pl")
    parsed = vobject.readOne(card)
    assert parsed.n.value.family == "Żółć; Nowak" and parsed.n.value.given == "Łukasz"
    assert parsed.fn.value == "Łukasz Żółć; Nowak"
    assert parsed.tel.value == "+48723645827" and parsed.email.value == "l.zolc@example.pl"
    full = vcard_payload(**fields, email="l.zolc@example.pl", mobile=False)
    assert len(card.encode()) < len(full.encode())
    assert "EMAIL" not in short_vcard_payload(**fields)


def _reference(payload: str, level: str) -> qrcode.QRCode:
    """The symbol qrcode itself makes from one byte-mode segment: its own version fit and
    its own mask choice."""
    code = qrcode.QRCode(error_correction=_LEVELS[level], border=QUIET_ZONE, box_size=1)
    code.add_data(qrcode.util.QRData(payload.encode("utf-8"), mode=qrcode.util.MODE_8BIT_BYTE))
    code.make(fit=True)
    return code


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(st.text(min_size=1, max_size=400), st.from_regex(r"\A[0-9A-Z ]{1,300}\Z")),
    st.sampled_from(["M", "Q"]),
)
def test_predicted_size_is_what_qrcode_fits(payload: str, level: str) -> None:
    """Also for digits-only payloads, which qrcode would otherwise encode in numeric mode."""
    assert qr_modules(payload, level) == len(_reference(payload, level).get_matrix())


def _drawn(payload: str, level: str) -> list[list[bool]]:
    image = Image.open(io.BytesIO(make_qr(payload, level).png))
    light = np.array(image, bool)
    return [[not module for module in row] for row in light.tolist()]


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=300), st.sampled_from(["M", "Q"]))
def test_drawn_symbol_is_the_one_qrcode_makes(payload: str, level: str) -> None:
    """Same version, same mask (qrcode's penalty choice), same modules, quiet zone included."""
    assert _drawn(payload, level) == _reference(payload, level).get_matrix()


@pytest.mark.parametrize(
    "payload",
    [
        "tel:+48723645827",
        "https://mapy.geoportal.gov.pl/iMapLite/KMZBPublic.html",
        vcard_payload(
            first_name="Zdzisław",
            surname="Jabłoński-Wąsowicz",
            phone_e164="+48601234567",
            email="zdzislaw.jablonski@example.pl",
            unit="Komenda Miejska Policji w Legnicy",
            title="dzielnicowy",
        ),
        "x" * 1200,  # version 29 at level M: version information blocks present
    ],
)
def test_drawn_symbol_of_typical_payloads_is_qrcodes(payload: str) -> None:
    assert _drawn(payload, "M") == _reference(payload, "M").get_matrix()


@settings(max_examples=200, deadline=None)
@given(st.integers(21, 61), st.integers(0, 2**32 - 1), st.floats(0.05, 0.95))
def test_penalty_is_qrcodes_lost_point(size: int, seed: int, dark_share: float) -> None:
    """Random matrices, dense and sparse (long runs, blocks, finder-like windows)."""
    matrix = np.random.default_rng(seed).random((size, size)) < dark_share
    assert penalty(matrix) == qrcode.util.lost_point(matrix.tolist())


@pytest.mark.parametrize("fill", [False, True])
def test_penalty_of_a_one_colour_matrix(fill: bool) -> None:
    matrix = np.full((21, 21), fill)
    assert penalty(matrix) == qrcode.util.lost_point(matrix.tolist())
