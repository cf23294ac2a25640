"""QR payloads (call, contact card, links) -> QR codes drawn as crisp 1-bit PNGs, one pixel
per module, never interpolated."""

from __future__ import annotations

import base64
import functools
import io
from dataclasses import dataclass

import numpy as np
import qrcode
import qrcode.constants
import qrcode.util
import vobject
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import NDArray
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


Matrix = NDArray[np.bool_]

# ISO/IEC 18004 penalty rule 3: 1:1:3:1:1 finder-like runs with four light modules on one side.
_FINDER_LIKE = np.array(
    [[1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1]], bool
)


def penalty(matrix: Matrix) -> int:
    """The penalty qrcode.util.lost_point gives a symbol (ISO/IEC 18004 §7.8.3: runs, 2×2
    blocks, finder-like patterns, dark share), computed on arrays: the same number, in a
    fraction of the time of qrcode's per-module loops."""
    size = len(matrix)
    total = 0
    for lines in (matrix, matrix.T):
        # Rule 1: a run of n >= 5 same-coloured modules costs n - 2. A sentinel column on
        # each side keeps runs from joining across lines.
        padded = np.full((size, size + 2), 2, np.int8)
        padded[:, 1:-1] = lines
        flat = padded.ravel()
        runs = np.diff(np.flatnonzero(flat[1:] != flat[:-1]))
        total += int((runs[runs >= 5] - 2).sum())
        # Rule 3: 40 for every finder-like window.
        windows = sliding_window_view(lines, 11, axis=1)
        for pattern in _FINDER_LIKE:
            total += 40 * int((windows == pattern).all(axis=-1).sum())
    # Rule 2: 3 for every 2×2 block of one colour.
    corner = matrix[:-1, :-1]
    blocks = (corner == matrix[1:, :-1]) & (corner == matrix[:-1, 1:]) & (corner == matrix[1:, 1:])
    total += 3 * int(blocks.sum())
    # Rule 4: 10 for every 5 % the dark share departs from 50 % (qrcode's arithmetic).
    percent = float(int(matrix.sum())) / (size**2)
    total += int(abs(percent * 100 - 50) / 5) * 10
    return total


@functools.lru_cache(maxsize=64)
def _mask_flips(size: int) -> Matrix:
    """(8, size, size): where each of qrcode's eight mask functions differs from mask 0."""
    functions = [qrcode.util.mask_func(pattern) for pattern in range(8)]
    masks = np.array(
        [[[f(row, col) for col in range(size)] for row in range(size)] for f in functions], bool
    )
    flips: Matrix = masks ^ masks[0]
    return flips


class _QRCode(qrcode.QRCode):  # type: ignore[misc]  # qrcode ships no type information
    """qrcode's QRCode choosing the same mask as qrcode does, with the same rules, but from
    one data placement instead of eight: the other seven masks are XORs of the first on the
    data modules, scored by `penalty`. qrcode's own choice was most of a contact card's time
    (docs/decisions.md, "QR mask chosen on arrays")."""

    _data_modules: Matrix

    def map_data(self, data: bytes, mask_pattern: int) -> None:
        # map_data fills exactly the modules no function pattern has claimed.
        self._data_modules = np.array([[m is None for m in row] for row in self.modules], bool)
        super().map_data(data, mask_pattern)

    def best_mask_pattern(self) -> int:
        self.makeImpl(True, 0)  # a test symbol: format and version areas left light
        first = np.array(self.modules, bool)
        flips = _mask_flips(len(first)) & self._data_modules
        scores = [penalty(first ^ flip) for flip in flips]
        return scores.index(min(scores))  # the first of equals, as qrcode picks


def _byte_segment(payload: str) -> qrcode.util.QRData:
    return qrcode.util.QRData(payload.encode("utf-8"), mode=qrcode.util.MODE_8BIT_BYTE)


@functools.lru_cache(maxsize=4096)
def make_qr(payload: str, level: str = "M") -> QrCode:
    """Generated once per payload and level: the same call card appears on both formats."""
    # The version is known without qrcode's trial encoding (qr_modules), which assumes one
    # byte-mode segment; qrcode would pick numeric mode for a digits-only payload on its own.
    version = (qr_modules(payload, level) - 2 * QUIET_ZONE - 17) // 4
    code = _QRCode(version=version, error_correction=_LEVELS[level], border=QUIET_ZONE, box_size=1)
    code.add_data(_byte_segment(payload))
    code.make(fit=False)
    light = ~np.array(code.get_matrix(), bool)
    image = Image.fromarray(light)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return QrCode(payload=payload, modules=len(light), png=buffer.getvalue())


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
    *,
    first_name: str,
    surname: str,
    phone_e164: str,
    email: str = "",
    unit: str = "",
    title: str = "",
    mobile: bool = True,
) -> str:
    """A vCard 3.0 contact card; kept to the fields a resident needs so the code stays small.
    An empty `unit`, `title` or `email` is left out, and `mobile=False` drops the phone's
    `TYPE=CELL` (10 bytes: on a poster's 1 mm modules a version of the code is 4 mm)."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=surname, given=first_name)
    card.add("fn").value = f"{first_name} {surname}"
    if unit:
        card.add("org").value = [unit]
    if title:
        card.add("title").value = title
    tel = card.add("tel")
    tel.value = phone_e164
    if mobile:
        tel.type_param = "CELL"
    if email:
        card.add("email").value = email
    text: str = card.serialize()
    return text


def short_vcard_payload(*, first_name: str, surname: str, phone_e164: str, email: str = "") -> str:
    """The smallest vCard 3.0 phones read as a contact: N, FN, TEL and (given) EMAIL, in the
    order phones list them, without the empty name parts and the last line break vobject
    writes (5 bytes: on a poster's 1 mm modules every 16 bytes or so are a version, 4 mm).
    Posters and business cards hold it (`FormatSpec.short_card`)."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escaped(surname)};{_escaped(first_name)}",
        f"FN:{_escaped(f'{first_name} {surname}')}",
        f"TEL:{phone_e164}",
        *([f"EMAIL:{_escaped(email)}"] if email else []),
        "END:VCARD",
    ]
    return "\r\n".join(lines)


def _escaped(value: str) -> str:
    """A vCard 3.0 text value (RFC 2426 §4): backslash, comma and semicolon escaped."""
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
