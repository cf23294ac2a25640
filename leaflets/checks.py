"""The checks after grouping: areas, configuration and what rendering found -> problems.

Row problems come from the stages that read the rows (roster, validation, areas); everything
found later is made here, so "where does this warning come from?" has one answer: overlapping
areas, QR codes too large for a format, colour contrast, street lists that had to shrink,
content over its pages, text where an office printer cannot print, template resources, areas
without a unit name or without any streets.
"""

from __future__ import annotations

import math
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Protocol

from leaflets.areas import Area
from leaflets.config import CONFIG_NAME, Settings
from leaflets.formats import FORMATS, RUN_IN_STEP, SHORT_BACK_STEP, FormatSpec
from leaflets.i18n import SOURCE, edition
from leaflets.meetings import Meeting
from leaflets.output.paths import area_key, unit_folder
from leaflets.problems import Problem, RowRef, Severity
from leaflets.streets import find_overlaps


def overlaps(areas: Sequence[Area]) -> list[Problem]:
    """Every address claimed by two areas is a warning on the second area's first row."""
    return [
        Problem(
            Severity.WARNING,
            "nakladanie-rejonow",
            f"{overlap.street}, {overlap.description}: adres należy do dwóch rejonów — "
            f"{_area_name(overlap.first)} i {_area_name(overlap.second)}",
            overlap.second.rows[0],
            "ulice",
        )
        for overlap in find_overlaps(areas)
    ]


def _area_name(area: Area) -> str:
    return f"rejon {area.number}" + (f" ({area.unit.name})" if area.unit.name else "")


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
                f"aplikacji wpisz {_config_place(settings)}, w sekcji [linki], klucz "
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


def _config_place(settings: Settings) -> str:
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


@dataclass(frozen=True)
class CodesChecked:
    """Areas whose QR codes fit every format, the areas left out, and why."""

    kept: tuple[Area, ...]
    dropped: tuple[Area, ...]
    problems: tuple[Problem, ...]


def qr_fit(
    settings: Settings, areas: Sequence[Area], current: Set[str] = frozenset()
) -> CodesChecked:
    """Areas whose QR payloads (a long unit name or e-mail in the contact card) do not fit a
    format at its minimum module size are errors, not shrunken codes: they are left out.
    `current`: keys of areas rendered from the same inputs before (`ContentCache.current`),
    whose codes were checked then."""
    from leaflets.contact import oversized_codes  # QR arithmetic: not needed by `find`

    kept: list[Area] = []
    dropped: list[Area] = []
    problems: list[Problem] = []
    specs = [
        FORMATS[name]
        for name in settings.formats
        if not FORMATS[name].per_unit and not FORMATS[name].per_meeting
    ]
    for area in areas:
        if area_key(area) in current:
            kept.append(area)
            continue
        too_big = [
            (spec, caption, size)
            for spec in specs
            for caption, size in oversized_codes(area, spec, settings.config)
        ]
        for spec, caption, size in too_big:
            need = (
                "ma więcej danych, niż mieści największy kod QR"
                if math.isinf(size)
                else f"potrzebuje {size:.0f} mm przy module {decimal(spec.qr_module_mm)} mm,"
                f" a miejsca jest {spec.qr_max_mm:.0f} mm"
            )
            problems.append(
                Problem(
                    Severity.ERROR,
                    "kod-qr-za-duzy",
                    f"{spec.name}, rejon {area.number}: kod QR „{caption}” {need} — skróć"
                    " dane (np. nazwę jednostki albo e-mail); rejon pominięty",
                    area.rows[0],
                )
            )
        (dropped if too_big else kept).append(area)
    return CodesChecked(tuple(kept), tuple(dropped), tuple(problems))


class RenderResult(Protocol):
    """What checking a rendered area file needs (`render.workers.AreaResult` has it)."""

    @property
    def index(self) -> int: ...
    @property
    def format(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def pages(self) -> int: ...
    @property
    def density(self) -> int: ...
    @property
    def near_edge(self) -> bool: ...
    @property
    def split(self) -> bool: ...
    @property
    def warnings(self) -> tuple[str, ...]: ...
    @property
    def refused(self) -> tuple[str, ...]: ...


def rendering(
    areas: Sequence[Area], results: Sequence[RenderResult], settings: Settings | None = None
) -> list[Problem]:
    """What laying the areas out found: the fitting steps (information: nothing to fix),
    content over its pages (an error: the file is not written), a derived short unit name,
    text at the paper's edge, WeasyPrint's own warnings, resources a template may not read."""
    from leaflets.contact import short_unit_name  # only when something was laid out

    found: list[Problem] = []
    refused: dict[str, None] = {}
    shortened: dict[tuple[str, str], list[tuple[str, RowRef]]] = {}
    for result in sorted(results, key=lambda r: (r.name, r.index)):
        found.extend(weasyprint_warnings(result.warnings))
        refused.update(dict.fromkeys(result.refused))
        area = areas[result.index]
        spec = FORMATS[result.format]
        expected = spec.expected_pages(len(area.officers), result.split)
        where = area.rows[0]
        name = f"{result.name}, rejon {area.number}"
        if result.pages > expected:
            found.append(_over_pages(name, spec, result.pages, expected, where))
        elif result.density:
            found.append(_fitting_step(name, spec, result.density, where))
            if spec.steps and settings is not None:
                short, derived = short_unit_name(area.unit.name, settings.config)
                if derived:
                    shortened.setdefault((area.unit.name, short), []).append((name, where))
        if result.split:
            found.append(
                Problem(
                    Severity.INFO,
                    "ulotka-na-dzielnicowego",
                    f"{name}: dzielnicowi rejonu nie mieszczą się razem na jednej ulotce — "
                    "każdy ma własną (w jednym pliku, po dwie strony), jak na plakacie; nic "
                    "nie trzeba poprawiać",
                    where,
                )
            )
        if result.near_edge:
            found.append(
                Problem(
                    Severity.WARNING,
                    "tekst-przy-krawedzi",
                    f"{name}: tekst bliżej niż 4 mm od krawędzi kartki, gdzie drukarka biurowa "
                    "nie drukuje (zwykle stopka wydłużona przez długi adres jednostki) — skróć "
                    "adres jednostki",
                    where,
                    "adres_jednostki",
                )
            )
    if settings is not None:
        found.extend(_short_names(shortened, settings))
    found.extend(
        Problem(
            Severity.WARNING,
            "zasob-spoza-folderow",
            f"szablon odwołuje się do zasobu spoza dozwolonych folderów — pominięto: {url}",
        )
        for url in refused
    )
    return found


def _short_names(
    shortened: dict[tuple[str, str], list[tuple[str, RowRef]]], settings: Settings
) -> list[Problem]:
    """One warning per unit whose cards print a derived short name (not one per card: a unit
    of 14 areas in 5 editions would get 70), naming the first cards."""
    found = []
    for (_, short), cards in shortened.items():
        names = ", ".join(name for name, _ in cards[:3]) + (
            f" i jeszcze {len(cards) - 3}" if len(cards) > 3 else ""
        )
        found.append(
            Problem(
                Severity.WARNING,
                "skrocona-nazwa-jednostki",
                f"{names}: nazwa jednostki nie mieści się na wizytówce — wydrukowano „{short}”;"
                f" własny skrót wpisz {_config_place(settings)}, w sekcji [jednostka], klucz "
                "nazwa_krotka",
                cards[0][1],
                "jednostka",
            )
        )
    return found


FITTING = "dopasowanie"
"""The code of a fitting step: information, counted per format in the summary."""


def _fitting_step(name: str, spec: FormatSpec, density: int, where: RowRef) -> Problem:
    """A fitting step, said as what was printed: nothing needs fixing."""
    last = spec.fitting_steps - 1
    if spec.steps:  # the business card: no street list
        what = "krótka nazwa jednostki" + (" i mniejszy adres e-mail" if density > 1 else "")
        text = f"na wizytówce {what} (poziom {density} z {last})"
    elif density < RUN_IN_STEP:
        text = f"lista ulic wydrukowana mniejszą czcionką (poziom {density} z {last})"
    elif density < SHORT_BACK_STEP:
        text = f"lista ulic wydrukowana w jednym ciągu (poziom {density} z {last})"
    elif spec.pages == 1:
        text = (
            "lista ulic wydrukowana w jednym ciągu, aplikacje tylko wymienione, bez opisów"
            f" (poziom {density} z {last})"
        )
    else:
        text = (
            "lista ulic wydrukowana w jednym ciągu, tył ulotki skrócony"
            f" (poziom {density} z {last})"
        )
    return Problem(
        Severity.INFO, FITTING, f"{name}: {text} — nic nie trzeba poprawiać", where, "ulice"
    )


def _over_pages(name: str, spec: FormatSpec, pages: int, expected: int, where: RowRef) -> Problem:
    """Content over its pages after every step: an error, and the file is not written (a
    third page of a two-sided flyer breaks every duplex print of the unit)."""
    if spec.steps:
        what = (
            f"{name}: wizytówka nie mieści się na karcie 90×50 mm nawet z krótką nazwą "
            f"jednostki i mniejszym e-mailem ({pages} str. zamiast {expected}) — skróć nazwę "
            "jednostki ([jednostka] nazwa_krotka w leaflets.toml) albo adres e-mail"
        )
        column = "email"
    else:
        kind = "plakat" if spec.pages == 1 else "ulotka"
        what = (
            f"{name}: {kind} nie mieści się na {expected} str. nawet przy najmniejszej liście "
            f"ulic ({pages} str.) — skróć opis rejonu albo działania priorytetowe"
        )
        column = "ulice"
    return Problem(Severity.ERROR, "za-duzo-stron", f"{what}; pliku nie zapisano", where, column)


def weasyprint_warnings(messages: Sequence[str]) -> list[Problem]:
    """WeasyPrint's own warnings (a missing glyph, an image not found), as they came."""
    return [Problem(Severity.WARNING, "weasyprint", f"WeasyPrint: {m}") for m in messages]


def sheet_skipped(area: Area, reason: str) -> Problem:
    """An area file that could not be placed on an office sheet (`--arkusz`)."""
    return Problem(
        Severity.WARNING, "pominieto-na-arkuszu", f"{reason} — pominięto na arkuszu", area.rows[0]
    )


@dataclass(frozen=True)
class UnitsChecked:
    """Areas with a unit name, and the rows of those without one (each an error)."""

    kept: tuple[Area, ...]
    rejected: frozenset[RowRef]
    problems: tuple[Problem, ...]


def unit_names(areas: Sequence[Area]) -> UnitsChecked:
    """A poster is never printed without its unit: every row of an area that has none (no
    unit column, title, unit-like sheet name nor `[jednostka] nazwa`) is an error saying where
    to put one."""
    kept = tuple(area for area in areas if area.unit.name)
    missing = [ref for area in areas if not area.unit.name for ref in area.rows]
    problems = tuple(
        Problem(
            Severity.ERROR,
            "brak-jednostki",
            "brak nazwy jednostki Policji — wpisz ją w kolumnie „Jednostka”, jako nazwę arkusza"
            ' (np. „KP Legnica”) albo w leaflets.toml: [jednostka] nazwa = "…"',
            ref,
            "jednostka",
        )
        for ref in missing
    )
    return UnitsChecked(kept, frozenset(missing), problems)


def distinct_folders(areas: Sequence[Area]) -> UnitsChecked:
    """Every unit and area gets a folder of its own, checked before anything is written: two
    units whose names differ only in what a folder name drops (`KP Testowo 🚓` and `🚔`),
    two areas whose numbers do (`5/1` and `5-1`), would write into one folder — the later
    officers' leaflets over the earlier ones, with exit code 0. The second of each pair is
    an error of its rows, left out."""
    units: dict[str, str] = {}
    keys: dict[str, Area] = {}
    kept: list[Area] = []
    refused: list[RowRef] = []
    problems: list[Problem] = []
    for area in areas:
        folder = unit_folder(area.unit)
        first_unit = units.setdefault(folder, area.unit.name)
        key = area_key(area)
        first = keys.get(key)
        if first_unit != area.unit.name:
            message = (
                f"jednostka „{area.unit.name}” trafiłaby do tego samego folderu ({folder}) co"
                f" „{first_unit}” — nazwy różnią się tylko znakami, których nie ma w nazwach"
                " folderów; zmień jedną z nich"
            )
        elif first is not None:
            message = (
                f"rejon {area.number} trafiłby do tego samego folderu ({key}) co rejon"
                f" {first.number} (wiersz {first.rows[0].row}) — numery różnią się tylko"
                " znakami, których nie ma w nazwach folderów; zmień numer jednego z nich"
            )
        else:
            keys[key] = area
            kept.append(area)
            continue
        refused.extend(area.rows)
        problems.extend(
            Problem(Severity.ERROR, "ten-sam-folder", f"{message}; rejon pominięty", ref)
            for ref in area.rows
        )
    return UnitsChecked(tuple(kept), frozenset(refused), tuple(problems))


def coverage(areas: Sequence[Area]) -> list[Problem]:
    """An area whose leaflets would print no streets or villages is a warning, once."""
    found = []
    for area in areas:
        if area.lines:
            continue
        message = (
            f"rejon {area.number} (nieobsadzony) nie ma opisu ulic ani miejscowości — nie trafi"
            " do skorowidza ulic; wpisz opis w kolumnie „Ulice”"
            if area.vacancy is not None
            else f"rejon {area.number} nie ma opisu ulic ani miejscowości — ulotki i plakaty"
            " wydrukują się bez niego; wpisz opis w kolumnie „Ulice”"
        )
        found.append(Problem(Severity.WARNING, "rejon-bez-opisu", message, area.rows[0], "ulice"))
    return found


@dataclass(frozen=True)
class CodesFit:
    kept: tuple[Meeting, ...]
    problems: tuple[Problem, ...]
    rejected: frozenset[RowRef]


def calendar_codes(settings: Settings, meetings: Sequence[Meeting]) -> CodesFit:
    """Meetings whose calendar code, at an invitation format's minimum module, needs more
    room than the layout has are errors (a topic or place too long), left out."""
    from leaflets.invitations import oversized_calendar  # QR arithmetic

    kept: list[Meeting] = []
    problems: list[Problem] = []
    specs = [FORMATS[name] for name in settings.formats if FORMATS[name].per_meeting]
    for meeting in meetings:
        too_big = [
            (spec, size)
            for spec in specs
            if (size := oversized_calendar(meeting, spec, settings.config.qr_level)) is not None
        ]
        for spec, size in too_big:
            problems.append(
                Problem(
                    Severity.ERROR,
                    "kod-qr-za-duzy",
                    f"{spec.name}: kod „Dodaj do kalendarza” potrzebuje {size:.0f} mm przy "
                    f"module {spec.qr_module_mm} mm, a miejsca jest {spec.qr_max_mm:.0f} mm "
                    "— skróć temat albo miejsce spotkania",
                    meeting.where,
                    "temat",
                    heading="„Temat”",
                )
            )
        if not too_big:
            kept.append(meeting)
    rejected = frozenset(m.where for m in meetings if m not in kept)
    return CodesFit(tuple(kept), tuple(problems), rejected)


def invitations(
    warnings: Sequence[str], overflowing: Sequence[tuple[Meeting, str, int]]
) -> list[Problem]:
    """What laying the invitations out found: WeasyPrint's warnings, and an invitation whose
    text ran over its pages (a very long description)."""
    found = weasyprint_warnings(warnings)
    for meeting, name, pages in overflowing:
        found.append(
            Problem(
                Severity.WARNING,
                "za-duzo-stron",
                f"{name}, spotkanie {meeting.date:%d.%m.%Y}: treść nie mieści się na stronie "
                f"— zaproszenie ma {pages} str.; skróć opis spotkania",
                meeting.where,
                "opis",
                heading="„Opis”",
            )
        )
    return found
