"""Settings and every default in one place; leaflets.toml loading and checking."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from leaflets import limits
from leaflets.errors import ConfigError, UsageError, os_reason
from leaflets.formats import DEFAULT_FORMATS, FORMATS
from leaflets.text import fold

CONFIG_NAME = "leaflets.toml"

KMZB_URL = "https://mapy.geoportal.gov.pl/iMapLite/KMZBPublic.html"
# Moja Komenda's store IDs cannot be verified offline, so there is no default link: until a
# unit sets `[linki] moja_komenda`, the leaflets print no code for the app but say how to find
# it in the stores, and `check` says so.
MOJA_KOMENDA_DEFAULT_URL = ""

NAVY = "#14264b"  # police "granat"; white on it has a contrast of about 14:1
ACCENT = "#b3122e"


LANGUAGES: tuple[str, ...] = ("pl", "uk", "en", "pl+uk", "pl+en")
"""Editions: Polish (the source), Ukrainian, English, and bilingual ones with Polish first."""
DEFAULT_LANGUAGES: tuple[str, ...] = ("pl",)


@dataclass(frozen=True)
class UnitDefaults:
    """Unit data used when the roster has no unit columns."""

    name: str = ""
    address: str = ""
    phone: str = ""
    short_name: str = ""
    """`[jednostka] nazwa_krotka`: the unit's name where a long one does not fit (the
    business card), for the unit named `nazwa`, or for every unit when `nazwa` is not set."""


@dataclass(frozen=True)
class LeafletConfig:
    """What leaflets.toml can set. Every field has a default, so no file is needed."""

    unit: UnitDefaults = field(default_factory=UnitDefaults)
    moja_komenda_url: str = MOJA_KOMENDA_DEFAULT_URL
    kmzb_url: str = KMZB_URL
    unit_page_url: str = ""
    """`[linki] strona_jednostki`: the unit's own "Twój dzielnicowy" page, printed as text so
    residents can check that a leaflet is genuine; empty: no such line."""
    as_of: dt.date = field(default_factory=dt.date.today)
    primary_color: str = NAVY
    accent_color: str = ACCENT
    logo: Path | None = None
    specimen: bool = False
    qr_level: str = "M"
    """QR error correction: M (15 %, the default) or Q (25 %, for worn or dirty posters)."""
    templates: Path | None = None
    """The unit's own templates folder (`[wydruk] szablony`), looked up before the packaged
    templates, so it holds only the files the unit changes; None: the packaged ones only."""
    source: Path | None = None

    @property
    def moja_komenda_is_default(self) -> bool:
        """No link to the app is set: the leaflets name it and say how to find it."""
        return self.moja_komenda_url == MOJA_KOMENDA_DEFAULT_URL


WEB_SETTINGS_PLACE = "na stronie „Ustawienia jednostki” obszaru roboczego"
"""Where the web app's messages send the user for a setting (`Settings.settings_place`)."""


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
    office_sheets: bool = False
    """Also impose flyers and cards on A4 sheets for office printers (`--arkusz`)."""
    copies: int | None = None
    """Copies of each area on its sheets; None = fill one sheet per area."""
    duplex: Literal["long", "short"] = "long"
    """Which edge the printer flips on for two-sided sheets."""
    bleed_mm: float | None = None
    """Print-shop files (`--drukarnia`): bleed around the trimmed page; None = office files."""
    crop_marks: bool = False
    """Crop marks outside the bleed; they belong to print-shop files only (`marks`)."""
    meetings: tuple[Path, ...] = ()
    """Files of meetings with residents (`--spotkania`), read besides the rosters' own
    `Spotkania` sheets."""
    past_meetings: bool = False
    """Also print meetings dated before the "stan na" date (`--minione`)."""
    every_layout: bool = False
    """`check` lays out every leaflet, however many (`check --caly-uklad`); else at most
    `limits.MAX_CHECK_LAYOUTS` beyond those current from a build."""
    settings_place: str = ""
    """Where the user changes `leaflets.toml`'s settings, when not in the file itself (the web
    app: its settings page); messages then say that instead of a folder."""

    @property
    def marks(self) -> bool:
        """Whether files get crop marks: asked for, and print-shop files (with a bleed)."""
        return self.crop_marks and self.bleed_mm is not None


def parse_formats(text: str) -> tuple[str, ...]:
    """`plakat-a4,ulotka-a5` -> the format names, checked against FORMATS."""
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    _known_names(names, tuple(FORMATS), "format", "nie podano formatu")
    return names


def parse_languages(text: str) -> tuple[str, ...]:
    """`pl,uk,pl+en` -> the editions, checked against LANGUAGES."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    _known_names(names, LANGUAGES, "język", "nie podano języka")
    return names


def _known_names(names: tuple[str, ...], known: tuple[str, ...], what: str, empty: str) -> None:
    """`nieznany format „plakat” — czy chodziło o plakat-a4? Dostępne: …`."""
    available = f"Dostępne: {', '.join(known)}."
    if not names:
        raise UsageError(f"{empty}. {available}")
    unknown = [name for name in names if name not in known]
    if unknown:
        quoted = ", ".join(f"„{name}”" for name in unknown)
        # `uk+pl` is `pl+uk` in the wrong order; else the nearest spelling (`plakat`).
        same = [name for name in known if sorted(name.split("+")) == sorted(unknown[0].split("+"))]
        close = same or difflib.get_close_matches(unknown[0], known, n=1, cutoff=0.6)
        hint = f" — czy chodziło o {close[0]}?" if close else "."
        raise UsageError(f"nieznany {what} {quoted}{hint} {available}")


DUPLEX_MODES: dict[str, Literal["long", "short"]] = {
    "długi": "long",
    "krótki": "short",
    "dlugi": "long",
    "krotki": "short",
}
"""`--dupleks` -> which edge a duplex printer flips on."""

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
        raise UsageError(
            f"nieznane kodowanie „{text}”. Dostępne: {', '.join(ENCODINGS)}."
        ) from None


def parse_delimiter(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return DELIMITERS[fold(text.strip())]
    except KeyError:
        raise UsageError(
            f"nieznany separator „{text}”. Dostępne: srednik, przecinek, tab."
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
    "jednostka": {
        "nazwa": "name",
        "nazwa_krotka": "short_name",
        "adres": "address",
        "telefon": "phone",
    },
    "linki": {
        "moja_komenda": "moja_komenda_url",
        "kmzb": "kmzb_url",
        "strona_jednostki": "unit_page_url",
    },
    "wydruk": {
        "stan_na": "as_of",
        "kolor": "primary_color",
        "kolor_akcentu": "accent_color",
        "logo": "logo",
        "wzor": "specimen",
        "korekcja_qr": "qr_level",
        "szablony": "templates",
    },
}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def load_config(path: Path | None) -> LeafletConfig:
    """Read and check leaflets.toml; None gives the defaults."""
    if path is None:
        return LeafletConfig()
    try:
        text = _read(path).removeprefix("\ufeff")  # the byte-order mark Notepad writes
        data = tomllib.loads(text)
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
        from leaflets.config_syntax import explain

        raise ConfigError(f"{path}: {explain(text, exc)}") from exc
    except RecursionError as exc:
        raise ConfigError(
            f"{path}: wartości są zagnieżdżone zbyt głęboko (tablica w tablicy…) — to nie"
            " wygląda na plik konfiguracji leaflets."
        ) from exc
    except ValueError as exc:  # an integer of thousands of digits (int's own limit)
        raise ConfigError(
            f"{path}: plik zawiera liczbę zbyt długą do odczytania — to nie wygląda na plik"
            " konfiguracji leaflets."
        ) from exc
    return _checked_links(path, _build(path, data))


def _read(path: Path) -> str:
    """The file's text, if it is a regular file of a sensible size: a FIFO would block and
    /dev/zero would fill the memory."""
    if path.exists() and not path.is_file() and not path.is_dir():  # a folder: said below
        raise ConfigError(
            f"{path}: to plik specjalny (np. potok albo urządzenie), a nie plik konfiguracji."
        )
    with path.open("rb") as handle:
        raw = handle.read(limits.MAX_CONFIG_BYTES + 1)
    if len(raw) > limits.MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{path}: plik konfiguracji jest za duży (ponad {limits.MAX_CONFIG_BYTES // 1024}"
            " kB; zwykle ma mniej niż 2 kB)."
        )
    return raw.decode("utf-8")


def _check_logo(where: str, logo: Path) -> None:
    """A logo is printed a few centimetres wide, and decoded whole by the renderer for each
    leaflet: its size and, for PNG and JPEG, its pixel count (read from the header, nothing
    decoded) are limited as photos are."""
    from leaflets.cells import image_header

    if logo.stat().st_size > limits.MAX_LOGO_BYTES:
        raise ConfigError(
            f"{where}: plik logo jest za duży (limit {limits.MAX_LOGO_BYTES // 2**20} MB)."
        )
    if logo.suffix.lower() == ".svg":
        return
    header = image_header(logo)
    if header is None:
        raise ConfigError(f"{where}: plik logo nie jest obrazem PNG ani JPEG.")
    if header[1] > limits.MAX_LOGO_PIXELS:
        raise ConfigError(
            f"{where}: logo ma zbyt dużą rozdzielczość (ponad {header[1] // 10**6} Mpx, limit"
            f" {limits.MAX_LOGO_PIXELS // 10**6} Mpx) — zmniejsz je, np. do 2000 pikseli"
            " szerokości."
        )


_LINK_KEYS = {"moja_komenda_url": "[linki] moja_komenda", "kmzb_url": "[linki] kmzb"}


def _checked_links(path: Path, config: LeafletConfig) -> LeafletConfig:
    """A link is printed as a QR code: one that no code can hold is the key's error, not a
    failure while laying out."""
    from leaflets.qrcodes import qr_modules

    for field_name, key in _LINK_KEYS.items():
        link = getattr(config, field_name)
        try:
            qr_modules(link, config.qr_level)
        except ValueError:
            raise ConfigError(
                f"{path}: {key}: link ma {len(link)} znaków — żaden kod QR go nie pomieści"
                f" (przy korekcji {config.qr_level}); podaj krótszy adres."
            ) from None
    return config


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


def _text(where: str, value: object, limit: int | None = None) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: oczekiwano tekstu w cudzysłowie.")
    limit = limits.MAX_CONFIG_TEXT_CHARS if limit is None else limit
    if len(value) > limit:
        raise ConfigError(f"{where}: tekst ma {len(value)} znaków (limit {limit}) — skróć go.")
    if _CONTROL.search(value):
        raise ConfigError(
            f"{where}: tekst zawiera znaki sterujące (niewidoczne, np. NUL albo ESC) — usuń je."
        )
    return value.strip()


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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
    link = target in ("moja_komenda_url", "kmzb_url")
    text = _text(where, value, limits.MAX_LINK_CHARS if link else None)
    if target in ("primary_color", "accent_color"):
        if not _HEX.match(text):
            raise ConfigError(f"{where}: kolor podaj jako #RRGGBB, np. {NAVY}.")
        return text.lower()
    if target == "templates":
        folder = (base / text).resolve()
        if not folder.is_dir():
            raise ConfigError(f"{where}: nie ma folderu z szablonami {folder}.")
        return folder
    if target == "logo":
        logo = (base / text).resolve()
        if not logo.is_file():
            raise ConfigError(f"{where}: nie ma pliku logo {logo}.")
        if logo.suffix.lower() not in (".png", ".jpg", ".jpeg", ".svg"):
            raise ConfigError(f"{where}: logo musi być plikiem PNG, JPEG albo SVG.")
        _check_logo(where, logo)
        return logo
    if not text.startswith("https://"):
        raise ConfigError(f"{where}: link musi zaczynać się od https://.")
    return text
