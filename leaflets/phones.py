"""Phone numbers as clerks type them: `kom. 600 100 200`, `tel. (0-71) 340-00-01` (the old
trunk prefix), `600 100 201 wew. 12` (printed with the extension, dialled without it), and two
numbers in one cell. Messages use an example that cannot be anyone's number."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from leaflets.text import short_texts_cached

EXAMPLE = "600 000 000"
"""The number messages show: a `000` block, like the sample data, never a real-looking one."""


@dataclass(frozen=True)
class Phone:
    """A validated Polish phone number: printed nationally, dialled as E.164."""

    national: str
    """What is printed: `600 100 201`, with its extension `600 100 201 wew. 12`."""
    e164: str
    """What is dialled (QR codes, `tel:` links): never the extension."""
    mobile: bool
    extension: str = ""


_EXTENSION = re.compile(r"[\s,;]*\(?\b(?:wew|wewn|w)\s*\.?\s*:?\s*(\d{1,5})\)?\s*$", re.IGNORECASE)
_TRUNK = re.compile(r"\(\s*0\s*-?\s*(\d{2})\s*\)")
"""`(0-71)`, `(071)`, `(0 71)`: the area code with the trunk 0 dialled before 2005."""
_SEPARATORS = re.compile(r"\s*(?:[,;/\n]|\s(?:lub|albo|i|oraz)\s)\s*", re.IGNORECASE)


CACHED_CHARS = 64
"""Phone cells up to this long are parsed once per text (`text.short_texts_cached`): a roster
repeats an officer's number on every row of the long shape (100,000 rows: 10 s of
phonenumbers)."""


@short_texts_cached(CACHED_CHARS, 16_384)
def parse_phone(text: str) -> Phone | None:
    """A Polish mobile or landline in any common spelling (one number, an extension allowed),
    or None when it is not one."""
    extension = ""
    found = _EXTENSION.search(text)
    if found and re.search(r"\d{3}", text[: found.start()]):
        extension, text = found.group(1), text[: found.start()]
    text = _TRUNK.sub(r"(\1)", text)
    digits = re.sub(r"\D", "", text)
    if len(digits) == 10 and digits.startswith("0"):
        text = digits[1:]  # `071 340 00 01`: the trunk 0 without brackets
    try:
        number = phonenumbers.parse(text, "PL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number_for_region(number, "PL"):
        return None
    kind = phonenumbers.number_type(number)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return Phone(
        national=f"{national} wew. {extension}" if extension else national,
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        mobile=kind == phonenumbers.PhoneNumberType.MOBILE,
        extension=extension,
    )


@dataclass(frozen=True)
class PhoneCell:
    """Every number in one cell, and the parts that are not numbers."""

    phones: tuple[Phone, ...]
    rejected: tuple[str, ...]


@short_texts_cached(CACHED_CHARS, 16_384)
def read_phone_cell(text: str) -> PhoneCell:
    """`600 100 200, 71 340 00 00` -> both numbers; a cell that is one number -> that one."""
    whole = parse_phone(text)
    if whole is not None:
        return PhoneCell((whole,), ())
    phones: list[Phone] = []
    rejected: list[str] = []
    for part in _SEPARATORS.split(text):
        if not part.strip():
            continue
        phone = parse_phone(part)
        if phone is None:
            rejected.append(part.strip())
        elif phone.e164 not in {p.e164 for p in phones}:
            phones.append(phone)
    return PhoneCell(tuple(phones), tuple(rejected))


def why_not_a_phone(text: str) -> str:
    """What is wrong with a cell that holds no Polish number, and how to write one."""
    digits = re.sub(r"\D", "", text)
    foreign = re.match(r"\s*(?:\+|00)(\d{1,3})", text)
    if foreign and not foreign.group(1).startswith("48"):
        return (
            f"numer zagraniczny (+{foreign.group(1)}) — wpisz polski numer służbowy, np. {EXAMPLE}"
        )
    national = digits[2:] if digits.startswith("48") and len(digits) > 9 else digits
    if 6 <= len(national) < 9:
        return (
            f"numer ma {len(national)} cyfr, a polski numer ma 9 — sprawdź, czy nie brakuje"
            f" cyfry (np. {EXAMPLE})"
        )
    if len(national) > 9 and not re.search(r"[,;/]", text):
        return (
            f"numer ma {len(national)} cyfr, a polski numer ma 9 — sprawdź, czy nie ma cyfry"
            f" za dużo (np. {EXAMPLE})"
        )
    return f"nieprawidłowy numer telefonu — podaj polski numer, np. {EXAMPLE}"
