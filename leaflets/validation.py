"""Raw rows -> validated records and problems; one bad row never hides the next."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from PIL import Image, UnidentifiedImageError

from leaflets.columns import TRANSLATED_LANGUAGES
from leaflets.config import LeafletConfig
from leaflets.problems import Problem, RowRef, Severity
from leaflets.ranks import normalise_rank
from leaflets.roster import RawRow
from leaflets.text import fold

log = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000


@dataclass(frozen=True)
class Phone:
    """A validated Polish phone number: printed nationally, dialled as E.164."""

    national: str
    e164: str
    mobile: bool


@dataclass(frozen=True)
class Officer:
    """A dzielnicowy as a roster row gives them."""

    rank: str
    first_name: str
    surname: str
    phone: Phone
    landline: Phone | None
    email: str
    duty: str
    photo: Path | None
    duty_translations: tuple[tuple[str, str], ...] = ()
    """(language, text) from the translated columns (`Dyżur (uk)`)."""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.surname}"

    @property
    def key(self) -> tuple[str, str]:
        return fold(self.first_name), fold(self.surname)


@dataclass(frozen=True)
class Record:
    """One accepted roster row, every value cleaned and checked."""

    where: RowRef
    unit: str
    unit_address: str
    unit_phone: Phone | None
    area: str
    area_name: str
    town: str
    officer: Officer
    description: str
    numbers: str
    priority: str
    priority_translations: tuple[tuple[str, str], ...] = ()
    """(language, text) from the translated columns (`Działania priorytetowe (en)`)."""


@dataclass(frozen=True)
class Validated:
    records: tuple[Record, ...]
    problems: tuple[Problem, ...]


def column_letter(column: int) -> str:
    """1 -> `A`, 27 -> `AA`: the column as Excel names it."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def parse_phone(text: str) -> Phone | None:
    """A Polish mobile or landline in any common spelling, or None when it is not one."""
    try:
        number = phonenumbers.parse(text, "PL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number_for_region(number, "PL"):
        return None
    kind = phonenumbers.number_type(number)
    return Phone(
        national=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        mobile=kind == phonenumbers.PhoneNumberType.MOBILE,
    )


def normalise_area(text: str) -> str:
    """`Rejon nr 5`, `5`, `05`, `rejon służbowy nr 5` -> `5`; other ids (`5A`, `Łąka`) are
    kept as typed, minus the `Rejon nr` words (grouping compares them case-insensitively)."""
    rest = _AREA_PREFIX.sub("", " ".join(text.split()))
    if rest.isdigit():
        return str(int(rest))
    if rest[:1].isdigit():
        return rest.upper()  # "5a" and "5A" are one area, printed "5A"
    return rest or text.strip()


_AREA_PREFIX = re.compile(r"^(rejon(\s+s[łl]u[żz]bowy)?)?\s*(nr|numer)?\.?\s*", re.IGNORECASE)


def normalise_name(text: str) -> str:
    """Trim, and turn an all-capitals name (`MAŁEK`, `NOWAK-KOWALSKA`) into `Małek`."""
    name = " ".join(text.split())
    if len(name) > 1 and name.isupper():
        return name.title()
    return name


def validate(
    rows: tuple[RawRow, ...], config: LeafletConfig, base_dirs: Mapping[str, Path]
) -> Validated:
    records: list[Record] = []
    problems: list[Problem] = []
    for row in rows:
        record, row_problems = _validate_row(row, config, base_dirs[row.where.file])
        problems.extend(row_problems)
        if record is not None:
            records.append(record)
    return Validated(tuple(records), tuple(problems))


@dataclass
class _Row:
    """One row being checked: its cells and the problems found in it so far."""

    raw: RawRow
    problems: list[Problem] = field(default_factory=list)

    def get(self, column: str) -> str:
        return self.raw.get(column)

    def report(
        self, severity: Severity, code: str, column: str, message: str, value: str = ""
    ) -> None:
        self.problems.append(Problem(severity, code, message, self.raw.where, column, value))

    @property
    def rejected(self) -> bool:
        return any(p.is_error for p in self.problems)


_MISSING = {
    "rejon": ("brak-rejonu", "brak numeru rejonu"),
    "imie": ("brak-imienia", "brak imienia"),
    "nazwisko": ("brak-nazwiska", "brak nazwiska"),
    "telefon": ("brak-telefonu", "brak numeru telefonu"),
}


def _validate_row(
    raw: RawRow, config: LeafletConfig, base_dir: Path
) -> tuple[Record | None, list[Problem]]:
    row = _Row(raw)
    if not _whole_row(row):
        return None, row.problems
    for column, (code, message) in _MISSING.items():
        if not row.get(column):
            row.report(Severity.ERROR, code, column, message)
    phone = _phone(row)
    landline = _optional_phone(row, "telefon_stacjonarny")
    unit_phone = _optional_phone(row, "telefon_jednostki") or (
        parse_phone(config.unit.phone) if config.unit.phone else None
    )
    email = _email(row)
    rank = _rank(row)
    photo = _photo(row, base_dir)
    if row.rejected or phone is None:
        return None, row.problems
    record = Record(
        where=raw.where,
        unit=row.get("jednostka") or config.unit.name,
        unit_address=row.get("adres_jednostki") or config.unit.address,
        unit_phone=unit_phone,
        area=normalise_area(row.get("rejon")),
        area_name=row.get("obszar"),
        town=row.get("miejscowosc"),
        officer=Officer(
            rank=rank,
            first_name=normalise_name(row.get("imie")),
            surname=normalise_name(row.get("nazwisko")),
            phone=phone,
            landline=landline,
            email=email,
            duty=row.get("dyzur"),
            photo=photo,
            duty_translations=_translations(row, "dyzur"),
        ),
        description=row.get("ulice"),
        numbers=row.get("numery"),
        priority=row.get("dzialania_priorytetowe"),
        priority_translations=_translations(row, "dzialania_priorytetowe"),
    )
    return record, row.problems


def _translations(row: _Row, column: str) -> tuple[tuple[str, str], ...]:
    """The row's translated cells of `column` (`dyzur_uk`, `dyzur_en`) as (language, text)."""
    found = ((language, row.get(f"{column}_{language}")) for language in TRANSLATED_LANGUAGES)
    return tuple((language, text) for language, text in found if text)


def _whole_row(row: _Row) -> bool:
    """False when the row cannot be read as a whole: more CSV fields than the header, or data
    only in columns the tool does not know. Text in a column without a header is reported."""
    stray = row.raw.stray
    if stray:
        csv_file = not row.raw.where.sheet
        shown = ", ".join(
            f"{'pole' if csv_file else 'kolumna'} {col if csv_file else column_letter(col)}:"
            f" „{text}”"
            for col, text in stray
        )
        if csv_file:
            # More fields than the header: most often the separator typed inside a cell,
            # which shifts every later cell into the wrong column. Refused, not guessed.
            row.report(
                Severity.ERROR,
                "za-duzo-pol",
                "",
                f"wiersz ma więcej pól niż nagłówek ({shown}) — jeśli tekst komórki zawiera"
                " separator, ujmij całą komórkę w cudzysłów; wiersz pominięty",
            )
            return False
        row.report(
            Severity.WARNING,
            "kolumna-bez-naglowka",
            "",
            f"dane w kolumnie bez nagłówka ({shown}) — nie trafią na ulotkę",
        )
    if not row.raw.cells:
        row.report(
            Severity.ERROR,
            "tylko-nieznane-kolumny",
            "",
            "wiersz ma dane tylko w nierozpoznanych kolumnach — pominięty",
        )
        return False
    return True


def _phone(row: _Row) -> Phone | None:
    if not row.get("telefon"):
        return None
    phone = parse_phone(row.get("telefon"))
    if phone is None:
        row.report(
            Severity.ERROR,
            "zly-telefon",
            "telefon",
            "nieprawidłowy numer telefonu — podaj polski numer, np. 723 645 827",
            row.get("telefon"),
        )
    return phone


def _optional_phone(row: _Row, column: str) -> Phone | None:
    if not row.get(column):
        return None
    phone = parse_phone(row.get(column))
    if phone is None:
        row.report(
            Severity.WARNING,
            "zly-telefon",
            column,
            "nieprawidłowy numer telefonu — pominięty na ulotce",
            row.get(column),
        )
    return phone


def _email(row: _Row) -> str:
    if not row.get("email"):
        return ""
    try:
        return validate_email(row.get("email"), check_deliverability=False).normalized
    except EmailNotValidError:
        row.report(
            Severity.WARNING,
            "zly-email",
            "email",
            "nieprawidłowy adres e-mail — pominięty na ulotce",
            row.get("email"),
        )
        return ""


def _rank(row: _Row) -> str:
    text = row.get("stopien")
    if not text:
        return ""
    normalised = normalise_rank(text)
    if normalised is None:
        row.report(
            Severity.WARNING,
            "nieznany-stopien",
            "stopien",
            "nieznany stopień policyjny — wydrukowany tak, jak wpisano",
            text,
        )
        return text
    return normalised


def _photo(row: _Row, base_dir: Path) -> Path | None:
    """The photo file, only if it is a real JPEG or PNG inside the roster's folder."""
    text = row.get("zdjecie")
    if not text:
        return None

    def reject(message: str) -> None:
        row.report(
            Severity.WARNING, "zle-zdjecie", "zdjecie", f"{message} — ulotka bez zdjęcia", text
        )

    posix, windows = PurePosixPath(text), PureWindowsPath(text)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or ".." in windows.parts:
        reject("ścieżka zdjęcia musi być względna, wewnątrz folderu arkusza")
        return None
    path = (base_dir / Path(*windows.parts)).resolve()
    if not path.is_relative_to(base_dir):
        reject("ścieżka zdjęcia wychodzi poza folder arkusza")
        return None
    if not path.is_file():
        reject(f"nie znaleziono pliku zdjęcia {path.name}")
        return None
    if path.stat().st_size > MAX_PHOTO_BYTES:
        reject("plik zdjęcia jest za duży (limit 10 MB)")
        return None
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        reject("plik zdjęcia nie jest obrazem JPEG ani PNG")
        return None
    if kind not in ("JPEG", "PNG"):
        reject("zdjęcie musi być w formacie JPEG albo PNG")
        return None
    if width * height > MAX_PHOTO_PIXELS:
        reject("zdjęcie ma zbyt dużą rozdzielczość (limit 40 Mpx)")
        return None
    return path
