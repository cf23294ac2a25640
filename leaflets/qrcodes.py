"""QR payloads (call, contact card, links) -> crisp, compact vector QR codes."""

from __future__ import annotations

import base64
import functools
import io
from dataclasses import dataclass

import qrcode
import qrcode.constants
import qrcode.util
import vobject
from PIL import Image

QUIET_ZONE = 4  # modules; the ISO minimum, printed as white space around the code
_LEVELS = {"M": qrcode.constants.ERROR_CORRECT_M, "Q": qrcode.constants.ERROR_CORRECT_Q}


@dataclass(frozen=True)
class QrCode:
    """A QR code as a 1-bit PNG, one pixel per module (quiet zone included). WeasyPrint
    draws it as one image, scaled without interpolation (`image-rendering: pixelated`), so
    modules stay crisp at any size; qrcode's per-module SVG path was most of the naive
    rendering time (see docs/decisions.md)."""

    payload: str
    modules: int
    """Width in modules, quiet zone included."""
    png: bytes

    def size_mm(self, module_mm: float) -> float:
        return round(self.modules * module_mm, 2)

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode()


@functools.lru_cache(maxsize=4096)
def make_qr(payload: str, level: str = "M") -> QrCode:
    """Generated once per payload and level: the same call card appears on both formats."""
    code = qrcode.QRCode(error_correction=_LEVELS[level], border=QUIET_ZONE, box_size=1)
    # One byte segment (optimize=0): the size is then exactly what qr_modules predicts.
    code.add_data(payload.encode("utf-8"), optimize=0)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if dark else 1 for row in matrix for dark in row])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return QrCode(payload=payload, modules=size, png=buffer.getvalue())


@functools.lru_cache(maxsize=16384)
def qr_modules(payload: str, level: str = "M") -> int:
    """Width in modules (quiet zone included) without building the code: the smallest
    version whose capacity (qrcode's own table) holds the payload as one byte segment, as
    make_qr encodes it. Building the code to ask would cost ~1 ms of bit-buffer writes."""
    bits = 8 * len(payload.encode("utf-8"))
    limits = qrcode.util.BIT_LIMIT_TABLE[_LEVELS[level]]
    for version in range(1, 41):
        header = 4 + qrcode.util.length_in_bits(qrcode.util.MODE_8BIT_BYTE, version)
        if header + bits <= limits[version]:
            return version * 4 + 17 + 2 * QUIET_ZONE
    raise ValueError("payload too long for any QR code")


def tel_payload(e164: str) -> str:
    return f"tel:{e164}"


def vcard_payload(
    *, first_name: str, surname: str, phone_e164: str, email: str, unit: str, title: str
) -> str:
    """A vCard 3.0 contact card; kept to the fields a resident needs so the code stays small."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=surname, given=first_name)
    card.add("fn").value = f"{first_name} {surname}"
    if unit:
        card.add("org").value = [unit]
    card.add("title").value = title
    tel = card.add("tel")
    tel.value = phone_e164
    tel.type_param = "CELL"
    if email:
        card.add("email").value = email
    text: str = card.serialize()
    return text
