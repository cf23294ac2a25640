"""One row's cells checked: the officer's phones, e-mail, rank and photo, each problem
reported on the row it is found in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from email_validator import EmailNotValidError, validate_email
from PIL import Image, UnidentifiedImageError

from leaflets.config import LeafletConfig
from leaflets.phones import Phone, parse_phone, read_phone_cell, why_not_a_phone
from leaflets.problems import Problem, Severity
from leaflets.ranks import nearest_rank, normalise_rank
from leaflets.roster import RawRow, UnitHint

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000


@dataclass
class RowCheck:
    """One row being checked: its cells and the problems found in it so far."""

    raw: RawRow
    config: LeafletConfig = field(default_factory=LeafletConfig)
    strict: bool = False
    problems: list[Problem] = field(default_factory=list)
    split: dict[str, str] = field(default_factory=dict)
    """Rank and names read from a combined column, when the row has no columns of their own."""
    hint_used: UnitHint | None = None
    vacancy: bool = False

    def get(self, column: str) -> str:
        return self.raw.get(column) or self.split.get(column, "")

    def report(
        self, severity: Severity, code: str, column: str, message: str, value: str = ""
    ) -> None:
        self.problems.append(Problem(severity, code, message, self.raw.where, column, value))

    @property
    def rejected(self) -> bool:
        return any(p.is_error for p in self.problems)


def phones(row: RowCheck) -> tuple[Phone | None, Phone | None]:
    """The officer's phone and landline. A cell with two numbers gives the mobile to the
    phone and the landline to the landline (when that column is empty), with a warning; an
    extension is printed and never dialled."""
    landline = optional_phone(row, "telefon_stacjonarny")
    text = row.get("telefon")
    if not text:
        return None, landline
    cell = read_phone_cell(text)
    if not cell.phones:
        row.report(Severity.ERROR, "zly-telefon", "telefon", why_not_a_phone(text), text)
        return None, landline
    mobiles = [p for p in cell.phones if p.mobile]
    phone = mobiles[0] if mobiles else cell.phones[0]
    others = [p for p in cell.phones if p is not phone]
    to_landline = next((p for p in others if not p.mobile), None) if landline is None else None
    if to_landline is not None:
        landline = to_landline
        others.remove(to_landline)
        row.report(
            Severity.WARNING,
            "dwa-telefony",
            "telefon",
            f"w komórce są dwa numery — komórkowy {phone.national} wydrukowano jako telefon,"
            f" stacjonarny {to_landline.national} jako tel. stacjonarny; wpisz je w osobnych"
            " kolumnach „Telefon” i „Tel. stacjonarny”",
            text,
        )
    if others:
        row.report(
            Severity.WARNING,
            "dwa-telefony",
            "telefon",
            f"w komórce jest kilka numerów — na ulotce {phone.national}, pominięto:"
            f" {', '.join(p.national for p in others)}",
            text,
        )
    if cell.rejected:
        row.report(
            Severity.WARNING,
            "czesc-telefonu",
            "telefon",
            f"część komórki to nie numer telefonu ({', '.join(f'„{r}”' for r in cell.rejected)})"
            f" — na ulotce {phone.national}",
            text,
        )
    if phone.extension:
        row.report(
            Severity.INFO,
            "numer-wewnetrzny",
            "telefon",
            f"numer wewnętrzny wydrukowany przy numerze ({phone.national}); kod QR i link"
            f" dzwonią na {phone.national.removesuffix(f' wew. {phone.extension}')}",
            text,
        )
    return phone, landline


def optional_phone(row: RowCheck, column: str) -> Phone | None:
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


def email(row: RowCheck) -> str:
    text = row.get("email")
    if not text:
        return ""
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        pass
    # The typos a reader sees through: `gov,pl`, `@@`, spaces (journey P9).
    mended = re.sub(r"@+", "@", text.replace(",", ".").replace(" ", ""))
    try:
        address = validate_email(mended, check_deliverability=False).normalized
    except EmailNotValidError:
        row.report(
            Severity.WARNING,
            "zly-email",
            "email",
            "nieprawidłowy adres e-mail — pominięty na ulotce",
            text,
        )
        return ""
    row.report(
        Severity.WARNING,
        "poprawiony-email",
        "email",
        f"adres e-mail z literówką (przecinek zamiast kropki, podwójne @ albo spacja) —"
        f" wydrukowano {address}; popraw go w wykazie",
        text,
    )
    return address


def rank(row: RowCheck) -> str:
    """The standard abbreviation. An unknown rank is not printed (a typo would go on a public
    poster): a warning with the nearest real rank, an error under --strict."""
    text = row.get("stopien")
    if not text:
        return ""
    normalised = normalise_rank(text)
    if normalised is None:
        near = nearest_rank(text)
        row.report(
            Severity.ERROR if row.strict else Severity.WARNING,
            "nieznany-stopien",
            "stopien",
            "nieznany stopień policyjny — pominięty na ulotce"
            + (f"; czy chodziło o: {near}?" if near else ""),
            text,
        )
        return ""
    return normalised


def photo(row: RowCheck, base_dir: Path) -> Path | None:
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
