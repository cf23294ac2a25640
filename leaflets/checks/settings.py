"""Checks of the configuration: links, colour contrast, translated columns."""

from __future__ import annotations

from collections.abc import Sequence

from leaflets.areas import Area
from leaflets.config import CONFIG_NAME, Settings
from leaflets.formats import FORMATS
from leaflets.i18n import SOURCE, edition
from leaflets.problems import Problem, Severity


def configuration(settings: Settings) -> list[Problem]:
    """What the configuration makes every leaflet print: a placeholder link, weak colours."""
    config = settings.config
    found = []
    if config.moja_komenda_is_default:
        found.append(
            Problem(
                Severity.WARNING,
                "brak-linku-moja-komenda",
                "nie ma linku do aplikacji Moja Komenda — ulotki nie mają jej kodu QR, tylko "
                "radę, by wyszukać ją w Google Play lub App Store; sprawdzony link do strony "
                f"aplikacji wpisz {config_place(settings)}, w sekcji [linki], klucz "
                "moja_komenda",
            )
        )
    for colour in (config.primary_color, config.accent_color):
        ratio = contrast_ratio(colour, "#ffffff")
        if ratio < 4.5:
            found.append(
                Problem(
                    Severity.WARNING,
                    "slaby-kontrast",
                    f"kolor {colour} ma za mały kontrast z białym tłem "
                    f"({decimal(ratio)}:1, potrzeba co najmniej 4,5:1) — tekst może być "
                    "nieczytelny",
                )
            )
    return found


def config_place(settings: Settings) -> str:
    """Where the user writes a setting: the configuration file in use, else the file to make
    beside the (first) roster, where `build` looks for it."""
    if settings.settings_place:
        return settings.settings_place
    source = settings.config.source
    if source is not None:
        return f"w pliku {source}"
    folder = settings.rosters[0].parent if settings.rosters else None
    where = f", {folder}/" if folder is not None and str(folder) != "." else ""
    return f"w pliku {CONFIG_NAME} obok pliku z wykazem (utwórz go w tym folderze{where})"


def decimal(number: float, digits: int = 1) -> str:
    """`1.5` -> `1,5`: a decimal number as Polish writes it."""
    return f"{number:.{digits}f}".replace(".", ",")


def translations(settings: Settings, areas: Sequence[Area]) -> list[Problem]:
    """A Ukrainian or English edition prints an area's priority actions only in its own
    language: without the translated column (`Działania priorytetowe (uk)`) it leaves the
    Polish paragraph out rather than print it under a translated heading — said once per
    area and language."""
    languages = [
        code
        for code in settings.languages
        if edition(code).first != SOURCE and any(not FORMATS[f].per_unit for f in settings.formats)
    ]
    found = []
    for area in areas:
        translated = dict(area.priority_translations)
        for code in languages:
            if area.priority and code not in translated:
                found.append(
                    Problem(
                        Severity.WARNING,
                        "brak-tlumaczenia",
                        f"rejon {area.number}: działania priorytetowe pominięte w wersji "
                        f"{code} — nie ma ich tłumaczenia; dodaj kolumnę „Działania "
                        f"priorytetowe ({code})”",
                        area.rows[0],
                        "dzialania_priorytetowe",
                    )
                )
    return found


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
