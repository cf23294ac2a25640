"""The unit settings page: the `leaflets.toml` keys as form fields and back, checked with the
same code (and so the same messages) as the command line's `--config`."""

from __future__ import annotations

import datetime as dt
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from leaflets import checks
from leaflets.config import (
    ACCENT,
    CONFIG_NAME,
    KMZB_URL,
    MOJA_KOMENDA_DEFAULT_URL,
    NAVY,
    LeafletConfig,
    Settings,
    load_config,
)
from leaflets.errors import ConfigError

LOGO_TYPES = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
"""Logo files the form takes, with the bytes they start with (SVG is checked apart)."""

# Form field -> (section, key): the form's names are the file's, so the page teaches the file.
FIELDS: dict[str, tuple[str, str]] = {
    "jednostka_nazwa": ("jednostka", "nazwa"),
    "jednostka_adres": ("jednostka", "adres"),
    "jednostka_telefon": ("jednostka", "telefon"),
    "linki_moja_komenda": ("linki", "moja_komenda"),
    "linki_kmzb": ("linki", "kmzb"),
    "wydruk_stan_na": ("wydruk", "stan_na"),
    "wydruk_kolor": ("wydruk", "kolor"),
    "wydruk_kolor_akcentu": ("wydruk", "kolor_akcentu"),
    "wydruk_korekcja_qr": ("wydruk", "korekcja_qr"),
}
DEFAULTS = {
    "linki_moja_komenda": MOJA_KOMENDA_DEFAULT_URL,
    "linki_kmzb": KMZB_URL,
    "wydruk_kolor": NAVY,
    "wydruk_kolor_akcentu": ACCENT,
    "wydruk_korekcja_qr": "M",
}


@dataclass(frozen=True)
class UnitForm:
    values: dict[str, str]
    specimen: bool
    logo: str
    """The logo's file name in the workspace folder, or empty."""


def read_form(folder: Path) -> UnitForm:
    """The workspace's leaflets.toml as form values (empty when there is none)."""
    path = folder / CONFIG_NAME
    data: dict[str, object] = {}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            data = {}
    values: dict[str, str] = {}
    for name, (section, key) in FIELDS.items():
        part = data.get(section)
        value = part.get(key) if isinstance(part, dict) else None
        values[name] = "" if value is None else str(value)
    wydruk = data.get("wydruk")
    specimen = isinstance(wydruk, dict) and wydruk.get("wzor") is True
    logo = wydruk.get("logo", "") if isinstance(wydruk, dict) else ""
    return UnitForm(values, specimen, str(logo))


def toml_text(values: Mapping[str, str], specimen: bool, logo: str) -> str:
    """The file the form describes; empty fields are left out (the defaults apply)."""
    sections: dict[str, list[str]] = {"jednostka": [], "linki": [], "wydruk": []}
    for name, (section, key) in FIELDS.items():
        value = values.get(name, "").strip()
        if not value:
            continue
        if name == "wydruk_stan_na" and _is_date(value):
            sections[section].append(f"{key} = {value}")
        else:
            sections[section].append(f"{key} = {_quoted(value)}")
    if logo:
        sections["wydruk"].append(f"logo = {_quoted(logo)}")
    if specimen:
        sections["wydruk"].append("wzor = true")
    lines = ["# Ustawienia jednostki zapisane na stronie „Ustawienia” aplikacji leaflets."]
    for section, entries in sections.items():
        if entries:
            lines += ["", f"[{section}]", *entries]
    return "\n".join(lines) + "\n"


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _quoted(text: str) -> str:
    """A TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def logo_suffix(name: str, head: bytes) -> str:
    """The suffix a logo upload is kept under, or ConfigError when it is no PNG/JPEG/SVG."""
    suffix = Path(name).suffix.lower()
    if suffix in LOGO_TYPES and head.startswith(LOGO_TYPES[suffix]):
        return ".jpg" if suffix == ".jpeg" else suffix
    if suffix == ".svg" and b"<svg" in head[:4096].lower():
        return ".svg"
    raise ConfigError(
        "logo musi być plikiem PNG, JPEG albo SVG (sprawdź, czy plik nie jest uszkodzony)."
    )


def save(
    folder: Path, values: Mapping[str, str], specimen: bool, logo: str
) -> tuple[LeafletConfig, list[str]]:
    """Check the settings as `--config` would and, when they are valid, replace the
    workspace's leaflets.toml. Returns the config and the warnings `check` would give for it
    (a placeholder link, weak colours); ConfigError (message without the folder) otherwise."""
    text = toml_text(values, specimen, logo)
    temporary = folder / f".{CONFIG_NAME}.{secrets.token_hex(4)}.tmp"
    temporary.write_text(text, encoding="utf-8")
    try:
        config = load_config(temporary)
    except ConfigError as exc:
        temporary.unlink(missing_ok=True)
        message = str(exc).replace(f"{temporary}: ", "").replace(str(folder) + "/", "")
        raise ConfigError(message) from exc
    temporary.replace(folder / CONFIG_NAME)
    warnings = [p.message for p in checks.configuration(Settings(rosters=(), config=config))]
    return config, warnings


def contrast(colour: str) -> str:
    """`14,1:1` for a valid #rrggbb, else empty."""
    try:
        ratio = checks.contrast_ratio(colour, "#ffffff")
    except (ValueError, IndexError):
        return ""
    return f"{ratio:.1f}".replace(".", ",") + ":1"
