"""What the pages show, made from the library's data: problems grouped by sheet, the build
options, a build's areas and files with their printing hints."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leaflets.config import DEFAULT_LANGUAGES, LANGUAGES
from leaflets.formats import DEFAULT_FORMATS, FORMATS
from leaflets.problems import Problem, Severity

FILTERS = {"wszystkie": "wszystkie", "bledy": "tylko błędy", "ostrzezenia": "tylko ostrzeżenia"}
LANGUAGE_NAMES = {
    "pl": "polska",
    "uk": "ukraińska",
    "en": "angielska",
    "pl+uk": "polsko-ukraińska",
    "pl+en": "polsko-angielska",
}
FORMAT_NAMES = {
    "plakat-a4": "Plakat A4",
    "ulotka-a5": "Ulotka A5",
    "ulotka-a6": "Ulotka A6",
    "wizytowka": "Wizytówka",
    "skorowidz": "Skorowidz ulic",
}
PAPER = {
    "plakat-a4": "A4",
    "ulotka-a5": "A5",
    "ulotka-a6": "A6",
    "wizytowka": "karton 90 × 50 mm",
    "skorowidz": "A4",
}
DUPLEX = "dwustronnie, obracanie wzdłuż dłuższej krawędzi, skala 100\u00a0%"
SIMPLEX = "jednostronnie, skala 100\u00a0%"


@dataclass(frozen=True)
class ProblemView:
    kind: str
    """`blad`, `ostrzezenie` or `informacja`: the CSS class and the filter."""
    label: str
    row: str
    column: str
    message: str
    value: str


@dataclass(frozen=True)
class ProblemGroup:
    title: str
    items: tuple[ProblemView, ...]

    @property
    def errors(self) -> int:
        return sum(item.kind == "blad" for item in self.items)

    @property
    def warnings(self) -> int:
        return sum(item.kind == "ostrzezenie" for item in self.items)


_KINDS = {
    Severity.ERROR: ("blad", "Błąd"),
    Severity.WARNING: ("ostrzezenie", "Ostrzeżenie"),
    Severity.INFO: ("informacja", "Informacja"),
}
_BY_VALUE = {severity.value: kind for severity, kind in _KINDS.items()}
GENERAL = "Cały wykaz i ustawienia"


def problem_groups(problems: Iterable[Problem], wanted: str = "wszystkie") -> list[ProblemGroup]:
    """Problems per file and sheet (as `check` prints them), the run-wide ones first."""
    rows = []
    for problem in problems:
        kind, label = _KINDS[problem.severity]
        where = problem.where
        title = GENERAL
        if where is not None:
            title = _sheet_title(where.file, where.sheet)
        rows.append(
            (
                title,
                ProblemView(
                    kind,
                    label,
                    str(where.row) if where else "",
                    problem.column,
                    problem.message,
                    problem.value,
                ),
            )
        )
    return _grouped(rows, wanted)


def manifest_problem_groups(manifest: Mapping[str, Any], wanted: str) -> list[ProblemGroup]:
    """The same from a build's manifest.json: row problems with their rows, then the rest."""
    rows = []
    for item in manifest.get("problems", []):
        if not item.get("where"):
            rows.append((GENERAL, _manifest_view(item, "")))
    for row in manifest.get("rows", []):
        for item in row.get("problems", []):
            rows.append(
                (_sheet_title(row["file"], row["sheet"]), _manifest_view(item, str(row["row"])))
            )
    return _grouped(rows, wanted)


def _manifest_view(item: Mapping[str, Any], row: str) -> ProblemView:
    kind, label = _BY_VALUE.get(item.get("severity", ""), ("informacja", "Informacja"))
    return ProblemView(
        kind, label, row, item.get("column", ""), item.get("message", ""), item.get("value", "")
    )


def _sheet_title(file: str, sheet: str) -> str:
    name = Path(file).name
    return f"{name}, arkusz „{sheet}”" if sheet else name


def _grouped(rows: Sequence[tuple[str, ProblemView]], wanted: str) -> list[ProblemGroup]:
    keep = {"bledy": {"blad"}, "ostrzezenia": {"ostrzezenie"}}.get(
        wanted, {"blad", "ostrzezenie", "informacja"}
    )
    groups: dict[str, list[ProblemView]] = {}
    for title, view in sorted(rows, key=lambda r: r[0] != GENERAL):
        if view.kind in keep:
            groups.setdefault(title, []).append(view)
    return [ProblemGroup(title, tuple(items)) for title, items in groups.items()]


# Build options


@dataclass(frozen=True)
class FormatOption:
    name: str
    title: str
    description: str
    picture: str
    checked: bool


def format_options(chosen: Sequence[str] | None = None) -> list[FormatOption]:
    chosen = list(chosen if chosen is not None else DEFAULT_FORMATS)
    return [
        FormatOption(
            name,
            FORMAT_NAMES.get(name, name),
            spec.description,
            f"/static/format-{name}.svg",
            name in chosen,
        )
        for name, spec in FORMATS.items()
    ]


def language_options(chosen: Sequence[str] | None = None) -> list[tuple[str, str, bool]]:
    chosen = list(chosen if chosen is not None else DEFAULT_LANGUAGES)
    return [(code, LANGUAGE_NAMES[code], code in chosen) for code in LANGUAGES]


def parse_options(form: Mapping[str, Any], values: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """The build options a form sent, keeping only known formats and languages."""
    sent = list(values)
    formats = [str(v) for k, v in sent if k == "format" and v in FORMATS]
    languages = [str(v) for k, v in sent if k == "jezyk" and v in LANGUAGES]
    return {
        "formats": list(dict.fromkeys(formats)),
        "languages": list(dict.fromkeys(languages)),
        "office_sheets": form.get("arkusze") == "tak",
    }


# A build's files


@dataclass(frozen=True)
class FileView:
    path: str
    title: str
    hint: str
    format: str
    """The format name (`plakat-a4`) when the file is a PDF of one, else empty."""
    pdf: bool


def describe_file(path: str) -> FileView:
    """What a file of the output is and how to print it, from its name."""
    name = Path(path).name
    stem, _, suffix = name.rpartition(".")
    if suffix == "xlsx":
        return FileView(path, "Raport problemów (Excel)", "do otwarcia w arkuszu", "", False)
    if suffix == "json":
        return FileView(path, "Spis plików i wierszy (JSON)", "dla informatyka", "", False)
    if suffix == "zip":
        return FileView(path, "Wszystkie pliki (ZIP)", "", "", False)
    base, _, language = stem.partition(".")
    unit_file = base.startswith("druk-")
    base = base.removeprefix("druk-")
    sheets = base.endswith("-arkusz") or base.endswith("-arkusze")
    base = base.removesuffix("-arkusze").removesuffix("-arkusz")
    shop = base.endswith("-drukarnia")
    base = base.removesuffix("-drukarnia")
    if base == "skorowidz-ulic":
        base = "skorowidz"
    spec = FORMATS.get(base)
    title = FORMAT_NAMES.get(base, base)
    if unit_file:
        title = f"{title} — wszystkie rejony jednostki"
    if sheets:
        title = f"{title} na arkuszach A4"
    if language:
        title = f"{title}, wersja {LANGUAGE_NAMES.get(language, language)}"
    if shop:
        hint = "dla drukarni: strony ze spadem, nie do drukarki biurowej"
    elif sheets:
        hint = f"papier A4, {DUPLEX}; potnij wzdłuż znaczników"
    elif spec is not None:
        hint = f"papier {PAPER.get(base, 'A4')}, {DUPLEX if spec.pages == 2 else SIMPLEX}"
        if base == "skorowidz":
            hint = f"papier A4, {DUPLEX}"
    else:
        hint = ""
    return FileView(path, title, hint, base if spec else "", suffix == "pdf")


@dataclass(frozen=True)
class AreaCard:
    id: str
    unit: str
    number: str
    name: str
    officers: tuple[Mapping[str, str], ...]
    files: tuple[FileView, ...]


@dataclass(frozen=True)
class Results:
    areas: tuple[AreaCard, ...]
    unit_files: tuple[FileView, ...]
    manifest: Mapping[str, Any] = field(default_factory=dict)


def results(snapshot: Path, files: Sequence[str]) -> Results:
    """A finished build's areas (from its manifest) and files."""
    manifest_path = snapshot / "manifest.json"
    manifest: dict[str, Any] = {}
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    order = {name: index for index, name in enumerate(FORMATS)}
    taken: set[str] = set()
    cards = []
    for area in manifest.get("areas", []):
        prefix = area["id"] + "/"
        mine = [describe_file(f) for f in files if f.startswith(prefix)]
        mine.sort(key=lambda v: (order.get(v.format, 99), v.path))
        taken.update(v.path for v in mine)
        cards.append(
            AreaCard(
                area["id"],
                area.get("unit", ""),
                str(area.get("number", "")),
                area.get("name", ""),
                tuple(area.get("officers", [])),
                tuple(mine),
            )
        )
    rest = [describe_file(f) for f in files if f not in taken]
    rest.sort(key=lambda v: (not v.pdf, v.path.count("/") == 0, v.path))
    return Results(tuple(cards), tuple(rest), manifest)


def edition_title(edition: str) -> str:
    """`plakat-a4.uk` -> `Plakat A4, wersja ukraińska`."""
    name, _, language = edition.partition(".")
    title = FORMAT_NAMES.get(name, name)
    return f"{title}, wersja {LANGUAGE_NAMES.get(language, language)}" if language else title


def is_allowed(path: str, allowed: Iterable[str]) -> bool:
    """Only a file the build itself listed, compared as the exact text it listed."""
    return path in set(allowed)
