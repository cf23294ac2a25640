"""Checks of what rendering found: QR codes too large for a format, street lists that had
to shrink, content over its pages, text where an office printer cannot print, template
resources, office sheets left out."""

from __future__ import annotations

import math
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Protocol

from leaflets import limits
from leaflets.areas import Area
from leaflets.checks.settings import config_place, decimal
from leaflets.config import Settings
from leaflets.formats import FORMATS, RUN_IN_STEP, SHORT_BACK_STEP, FormatSpec
from leaflets.output.paths import area_key
from leaflets.problems import Problem, RowRef, Severity


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


@dataclass(frozen=True)
class LayoutShare:
    """The areas `check` lays out, and the warning when that is not all of them."""

    areas: tuple[Area, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def whole(self) -> bool:
        return not self.problems


OFFICER_CHARS = 300
"""An officer's block on a leaflet (photo, rank, name, phones, e-mail, duty hours) counted as
this many characters of street list when areas are ordered by how much they hold."""


def content_size(area: Area) -> int:
    """How much an area's leaflets hold, in characters: the street list, the priority actions
    (with their translations) and each officer's block. The longest are the likeliest to need
    a fitting step or to run over their pages."""
    return (
        sum(len(line.text) for line in area.lines)
        + len(area.priority)
        + sum(len(text) for _, text in area.priority_translations)
        + OFFICER_CHARS * len(area.officers)
    )


def layout_share(
    areas: Sequence[Area],
    current: Set[str],
    editions: int,
    *,
    every: bool = False,
    unit_formats: bool = False,
) -> LayoutShare:
    """What `check` lays out: every area when the leaflets not current from a build
    (`current`: `ContentCache.current`) are at most `limits.MAX_CHECK_LAYOUTS` (or `every`),
    else the areas holding the most (`content_size`) up to that many leaflets — a roster of
    thousands of areas would take as long to check as to build. The rest are said to be left
    to `build`, in one warning (`unit_formats`: a per-unit format such as the street index was
    asked for, which a share does not lay out)."""
    fresh = [area for area in areas if area_key(area) not in current]
    per_area = max(1, editions)
    if every or len(fresh) * per_area <= limits.MAX_CHECK_LAYOUTS:
        return LayoutShare(tuple(areas))
    room = max(1, limits.MAX_CHECK_LAYOUTS // per_area)
    chosen = {area_key(a) for a in sorted(fresh, key=content_size, reverse=True)[:room]}
    kept = tuple(a for a in areas if area_key(a) in current or area_key(a) in chosen)
    known = len(areas) - len(fresh)
    built = "; pozostałe rejony są aktualne z poprzedniego budowania" if known else ""
    index = "; skorowidza ulic nie sprawdzono" if unit_formats else ""
    problem = Problem(
        Severity.WARNING,
        "uklad-sprawdzony-czesciowo",
        f"układ stron sprawdzono w {len(chosen)} z {len(fresh)} rejonów do sprawdzenia{built} "
        "— w tych o najdłuższej treści (ulice, działania priorytetowe, dzielnicowi), bo "
        f"sprawdzenie wszystkich {len(fresh) * per_area} ulotek trwałoby tyle, co ich "
        "budowanie; czy pozostałe mieszczą się na stronach, sprawdzi build albo check "
        f"--caly-uklad{index}",
    )
    return LayoutShare(kept, (problem,))


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
                f" własny skrót wpisz {config_place(settings)}, w sekcji [jednostka], klucz "
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


def stale_folders(folders: Sequence[str]) -> list[Problem]:
    """Area folders of earlier builds whose areas have no leaflets now (gone from the roster,
    vacant, or left out for an error): their files show what was true then. Not removed —
    the tool deletes nothing it did not write in this run — but said, before someone prints
    an old officer's phone."""
    return [
        Problem(
            Severity.WARNING,
            "stary-folder",
            f"{folder}/: pliki z wcześniejszego budowania — ten rejon nie ma teraz ulotek (nie "
            "ma go w wykazie, jest wakatem albo jego wiersze mają błędy), więc mogą podawać "
            "nieaktualne dane; usuń ten folder, zanim ktoś je wydrukuje",
        )
        for folder in folders
    ]


def sheet_skipped(area: Area, reason: str) -> Problem:
    """An area file that could not be placed on an office sheet (`--arkusz`)."""
    return Problem(
        Severity.WARNING, "pominieto-na-arkuszu", f"{reason} — pominięto na arkuszu", area.rows[0]
    )
