"""Settings and every default in one place; leaflets.toml loading and checking."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from leaflets.errors import ConfigError, UsageError, os_reason
from leaflets.text import fold

CONFIG_NAME = "leaflets.toml"

KMZB_URL = "https://mapy.geoportal.gov.pl/iMapLite/KMZBPublic.html"
# Moja Komenda's store IDs cannot be verified offline, so the default is the police portal,
# which is certain to exist and links the app; `check` says when this default is in use.
MOJA_KOMENDA_DEFAULT_URL = "https://policja.pl"

NAVY = "#14264b"  # police "granat"; white on it has a contrast of about 14:1
ACCENT = "#b3122e"


@dataclass(frozen=True)
class FormatSpec:
    """One output format: its template, trimmed page size and print rules."""

    name: str
    template: str
    width_mm: float
    height_mm: float
    pages: int
    """Pages the layout is designed for; more means content ran over and a warning is due."""
    qr_module_mm: float
    """Smallest QR module allowed: 1.0 mm for posters read at 1–2 m, 0.5 mm for flyers."""
    qr_min_mm: float
    """Smallest printed code: short payloads get larger modules so the caption fits under."""
    qr_max_mm: float
    """Largest code the layout has room for; a payload needing more at the minimum module is
    an error (a shrunken code would not scan from the distance the format is read at)."""
    description: str
    per_officer: bool = False
    """One copy of the layout per officer of the area (posters and A6 handouts: one per
    officer, naming the others; business cards)."""
    sheet: str = ""
    """Office-printer imposition layout (`--arkusz`), a key of imposition.LAYOUTS."""
    per_unit: bool = False
    """One document per unit rather than per area (the street index)."""
    file_name: str = ""
    """For per-unit formats: the file name in the unit's folder."""

    def expected_pages(self, officers: int) -> int:
        return self.pages * (max(1, officers) if self.per_officer else 1)


FORMATS: dict[str, FormatSpec] = {
    spec.name: spec
    for spec in (
        FormatSpec(
            name="plakat-a4",
            template="plakat-a4.html",
            width_mm=210,
            height_mm=297,
            pages=1,
            qr_module_mm=1.0,
            qr_min_mm=33,
            qr_max_mm=80,
            description="plakat A4 na klatkę schodową",
            per_officer=True,
        ),
        FormatSpec(
            name="ulotka-a5",
            template="ulotka-a5.html",
            width_mm=148,
            height_mm=210,
            pages=2,
            qr_module_mm=0.5,
            qr_min_mm=24,
            qr_max_mm=42,
            description="dwustronna ulotka A5 dla mieszkańców",
            sheet="a5-2",
        ),
        FormatSpec(
            name="ulotka-a6",
            template="ulotka-a6.html",
            width_mm=105,
            height_mm=148,
            pages=2,
            qr_module_mm=0.4,
            qr_min_mm=16,
            qr_max_mm=32,
            description="dwustronna ulotka A6 do skrzynek",
            sheet="a6-4",
            per_officer=True,
        ),
        FormatSpec(
            name="wizytowka",
            template="wizytowka.html",
            width_mm=90,
            height_mm=50,
            pages=2,
            qr_module_mm=0.4,
            qr_min_mm=16,
            qr_max_mm=31,
            description="wizytówka dzielnicowego",
            sheet="wizytowka-10",
            per_officer=True,
        ),
        FormatSpec(
            name="skorowidz",
            template="skorowidz.html",
            width_mm=210,
            height_mm=297,
            pages=1,
            qr_module_mm=1.0,
            qr_min_mm=0,
            qr_max_mm=0,
            description="skorowidz ulic jednostki",
            per_unit=True,
            file_name="skorowidz-ulic.pdf",
        ),
    )
}
DEFAULT_FORMATS: tuple[str, ...] = ("plakat-a4", "ulotka-a5", "skorowidz")

LANGUAGES: tuple[str, ...] = ("pl", "uk", "en", "pl+uk", "pl+en")
"""Editions: Polish (the source), Ukrainian, English, and bilingual ones with Polish first."""
DEFAULT_LANGUAGES: tuple[str, ...] = ("pl",)

# Long street lists shrink in these steps (a CSS class per step) before running over a page:
# smaller type in table columns (1, 2), the legibility floor in CSS columns (3), the floor's
# type with the streets run on in lines (4), and last a shorter back side of a two-sided
# flyer (5). Flyer body text stays at or above 12 pt at step 0.
DENSITY_STEPS = 6
RUN_IN_STEP = 4
SHORT_BACK_STEP = 5

BLEEDS_MM = (0, 2, 3, 5)
"""Bleeds a print shop asks for: 3 mm is the common default, Polish online printers often 2."""
CROP_MARK_SPACE_MM = 8
"""Room outside the bleed for crop marks: 2 mm offset + 5 mm mark + 1 mm paper."""


@dataclass(frozen=True)
class UnitDefaults:
    """Unit data used when the roster has no unit columns."""

    name: str = ""
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class LeafletConfig:
    """What leaflets.toml can set. Every field has a default, so no file is needed."""

    unit: UnitDefaults = field(default_factory=UnitDefaults)
    moja_komenda_url: str = MOJA_KOMENDA_DEFAULT_URL
    kmzb_url: str = KMZB_URL
    as_of: dt.date = field(default_factory=dt.date.today)
    primary_color: str = NAVY
    accent_color: str = ACCENT
    logo: Path | None = None
    specimen: bool = False
    qr_level: str = "M"
    """QR error correction: M (15 %, the default) or Q (25 %, for worn or dirty posters)."""
    source: Path | None = None

    @property
    def moja_komenda_is_default(self) -> bool:
        return self.moja_komenda_url == MOJA_KOMENDA_DEFAULT_URL


@dataclass(frozen=True)
class Settings:
    """Everything one run needs; the CLI builds it from flags, tests build it directly."""

    rosters: tuple[Path, ...]
    out: Path = Path("output")
    formats: tuple[str, ...] = DEFAULT_FORMATS
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    """Editions to render (`pl`, `uk`, `en`, `pl+uk`, `pl+en`), each into its own files."""
    strict: bool = False
    config: LeafletConfig = field(default_factory=LeafletConfig)
    templates: Path | None = None
    """A folder of the unit's own templates; None means the packaged `templates/`."""
    encoding: str | None = None
    """CSV encoding when detection guesses wrong (e.g. `cp1250`); None = detect."""
    delimiter: str | None = None
    """CSV separator when detection guesses wrong; None = detect."""
    jobs: int | None = None
    """Worker processes for rendering; None = all cores."""
    force: bool = False
    """Re-render every area even when its inputs did not change."""
    address: str = ""
    """Render only the areas covering this address (`build --adres`)."""
    sheets: bool = False
    """Also impose flyers and cards on A4 sheets for office printers (`--arkusz`)."""
    copies: int | None = None
    """Copies of each area on its sheets; None = fill one sheet per area."""
    duplex: Literal["long", "short"] = "long"
    """Which edge the printer flips on for two-sided sheets."""
    bleed_mm: float | None = None
    """Print-shop files (`--drukarnia`): bleed around the trimmed page; None = office files."""
    crop_marks: bool = False
    """Print-shop files: crop marks outside the bleed."""


def parse_formats(text: str) -> tuple[str, ...]:
    """`plakat-a4,ulotka-a5` -> the format names, checked against FORMATS."""
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        known = ", ".join(FORMATS)
        raise UsageError(f"Nieznany format: {', '.join(unknown) or '(pusty)'}. Dostępne: {known}.")
    return names


def parse_languages(text: str) -> tuple[str, ...]:
    """`pl,uk,pl+en` -> the editions, checked against LANGUAGES."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [name for name in names if name not in LANGUAGES]
    if unknown or not names:
        known = ", ".join(LANGUAGES)
        raise UsageError(f"Nieznany język: {', '.join(unknown) or '(pusty)'}. Dostępne: {known}.")
    return names


DELIMITERS = {"srednik": ";", ";": ";", "przecinek": ",", ",": ",", "tab": "\t", "\\t": "\t"}
ENCODINGS = {
    "utf-8": "utf-8-sig",
    "utf8": "utf-8-sig",
    "cp1250": "cp1250",
    "windows-1250": "cp1250",
}


def parse_encoding(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return ENCODINGS[text.strip().lower()]
    except KeyError:
        raise UsageError(f"Nieznane kodowanie: {text}. Dostępne: {', '.join(ENCODINGS)}.") from None


def parse_delimiter(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return DELIMITERS[fold(text.strip())]
    except KeyError:
        raise UsageError(
            f"Nieznany separator: {text}. Dostępne: srednik, przecinek, tab."
        ) from None


def find_config(explicit: Path | None, rosters: tuple[Path, ...]) -> Path | None:
    """The config to use: the explicit one, else leaflets.toml beside the first roster."""
    if explicit is not None:
        return explicit
    for roster in rosters[:1]:
        candidate = roster.parent / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


# Section -> Polish key -> LeafletConfig field.
_KEYS = {
    "jednostka": {"nazwa": "name", "adres": "address", "telefon": "phone"},
    "linki": {"moja_komenda": "moja_komenda_url", "kmzb": "kmzb_url"},
    "wydruk": {
        "stan_na": "as_of",
        "kolor": "primary_color",
        "kolor_akcentu": "accent_color",
        "logo": "logo",
        "wzor": "specimen",
        "korekcja_qr": "qr_level",
    },
}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def load_config(path: Path | None) -> LeafletConfig:
    """Read and check leaflets.toml; None gives the defaults."""
    if path is None:
        return LeafletConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: nie ma takiego pliku konfiguracji.") from exc
    except OSError as exc:
        raise ConfigError(
            f"{path}: nie można odczytać pliku konfiguracji: {os_reason(exc)}."
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: plik konfiguracji nie jest zapisany w UTF-8 (bajt {exc.start + 1})"
            " — zapisz go ponownie, wybierając kodowanie UTF-8."
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: błąd składni TOML: {exc}.") from exc
    return _build(path, data)


def _build(path: Path, data: dict[str, Any]) -> LeafletConfig:
    values: dict[str, Any] = {}
    unit: dict[str, str] = {}
    for section, content in data.items():
        if section not in _KEYS:
            known = ", ".join(f"[{name}]" for name in _KEYS)
            raise ConfigError(f"{path}: nieznana sekcja [{section}]. Dozwolone: {known}.")
        if not isinstance(content, dict):
            raise ConfigError(f"{path}: [{section}] musi być sekcją (tabelą TOML).")
        for key, value in content.items():
            target = _KEYS[section].get(key)
            if target is None:
                known = ", ".join(_KEYS[section])
                raise ConfigError(
                    f"{path}: nieznany klucz „{key}” w [{section}]. Dozwolone: {known}."
                )
            where = f"{path}: [{section}] {key}"
            if section == "jednostka":
                unit[target] = _text(where, value)
            else:
                values[target] = _convert(where, target, value, path.parent)
    return replace(LeafletConfig(), unit=UnitDefaults(**unit), source=path, **values)


def _text(where: str, value: object) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: oczekiwano tekstu w cudzysłowie.")
    return value.strip()


def _convert(where: str, target: str, value: object, base: Path) -> object:
    if target == "as_of":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if not isinstance(value, str):
            # A TOML date-time or a bare number: say what a date looks like, not "use quotes".
            raise ConfigError(f"{where}: data musi mieć postać RRRR-MM-DD.")
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ConfigError(f"{where}: data musi mieć postać RRRR-MM-DD.") from exc
    if target == "qr_level":
        level = _text(where, value).upper()
        if level not in ("M", "Q"):
            raise ConfigError(f"{where}: poziom korekcji kodów QR to M albo Q.")
        return level
    if target == "specimen":
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: oczekiwano true albo false.")
        return value
    text = _text(where, value)
    if target in ("primary_color", "accent_color"):
        if not _HEX.match(text):
            raise ConfigError(f"{where}: kolor podaj jako #RRGGBB, np. {NAVY}.")
        return text.lower()
    if target == "logo":
        logo = (base / text).resolve()
        if not logo.is_file():
            raise ConfigError(f"{where}: nie ma pliku logo {logo}.")
        if logo.suffix.lower() not in (".png", ".jpg", ".jpeg", ".svg"):
            raise ConfigError(f"{where}: logo musi być plikiem PNG, JPEG albo SVG.")
        return logo
    if not text.startswith("https://"):
        raise ConfigError(f"{where}: link musi zaczynać się od https://.")
    return text


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
