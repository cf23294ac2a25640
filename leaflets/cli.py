"""Command line: flags -> Settings -> one library call -> output and exit code. Polish."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from leaflets import pipeline
from leaflets.config import (
    DEFAULT_FORMATS,
    DEFAULT_LANGUAGES,
    Settings,
    find_config,
    load_config,
    parse_delimiter,
    parse_encoding,
    parse_formats,
    parse_languages,
)
from leaflets.errors import LeafletsError, output_error
from leaflets.problems import Problem

console = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

_SECTIONS = {"Options": "Opcje", "Commands": "Polecenia", "Arguments": "Argumenty"}


class PolishFormatter(click.HelpFormatter):
    """Click's own headings are English; the users read Polish."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Użycie: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_SECTIONS.get(heading, heading))


click.Context.formatter_class = PolishFormatter

CONTEXT = {"help_option_names": ["-h", "--help"]}
HELP_OPTION = {"help": "Pokaż tę pomoc i zakończ."}


class Number(click.IntRange):
    """A whole-number option whose complaints are Polish (click's are English)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"„{value}” nie jest liczbą całkowitą.", param, ctx)
        if (self.min is not None and number < self.min) or (
            self.max is not None and number > self.max
        ):
            allowed = f"od {self.min}" if self.min is not None else ""
            if self.max is not None:
                allowed = f"{allowed} do {self.max}".strip()
            self.fail(f"{number} — dozwolone {allowed}.", param, ctx)
        return number


class OneOf(click.Choice):  # type: ignore[type-arg]
    """A choice whose complaint is Polish."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value in self.choices:
            return value
        allowed = ", ".join(str(choice) for choice in self.choices)
        self.fail(f"„{value}” — dozwolone: {allowed}.", param, ctx)


def _help_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.help_option("-h", "--help", **HELP_OPTION)(function)


ROSTERS = click.argument(
    "rosters", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="ARKUSZ..."
)
CONFIG = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    metavar="PLIK",
    help="Plik konfiguracji (domyślnie leaflets.toml obok arkusza, jeśli jest).",
)
ENCODING = click.option(
    "--kodowanie",
    "encoding",
    metavar="KODOWANIE",
    help="Kodowanie pliku CSV, gdy wykrywanie zawiedzie: utf-8 albo cp1250.",
)
DELIMITER = click.option(
    "--separator",
    "delimiter",
    metavar="ZNAK",
    help="Separator kolumn CSV, gdy wykrywanie zawiedzie: srednik, przecinek albo tab.",
)
VERBOSE = click.option("-v", "--verbose", is_flag=True, help="Pokaż kolejne kroki pracy.")


@click.group(context_settings=CONTEXT, options_metavar="[OPCJE]", subcommand_metavar="POLECENIE")
@_help_option
def main() -> None:
    """Ulotki i plakaty „Twój dzielnicowy” z arkusza dzielnicowych.

    Przykład: leaflets build rosters/legnica-wzor.xlsx
    """


@main.command(context_settings=CONTEXT, options_metavar="[OPCJE]")
@ROSTERS
@CONFIG
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("output"),
    metavar="FOLDER",
    help="Folder na gotowe pliki PDF (domyślnie: output).",
)
@click.option(
    "--format",
    "formats",
    default=",".join(DEFAULT_FORMATS),
    metavar="FORMATY",
    help=f"Formaty oddzielone przecinkami (domyślnie: {','.join(DEFAULT_FORMATS)}).",
)
@click.option(
    "--jezyk",
    "languages",
    default=",".join(DEFAULT_LANGUAGES),
    metavar="JĘZYKI",
    help="Wersje językowe oddzielone przecinkami: pl (polska), uk (ukraińska), en (angielska),"
    " pl+uk i pl+en (dwujęzyczne, polski pierwszy); domyślnie:"
    f" {','.join(DEFAULT_LANGUAGES)}. Pliki innych wersji mają w nazwie język, np."
    " plakat-a4.uk.pdf.",
)
@click.option("--strict", is_flag=True, help="Przy jakimkolwiek błędzie nie twórz żadnej ulotki.")
@click.option(
    "--adres",
    "address",
    default="",
    metavar="ADRES",
    help="Tylko rejony obejmujące ten adres, np. „ul. Chojnowska 12, Legnica”.",
)
@click.option(
    "--jobs",
    type=Number(min=1),
    default=None,
    metavar="N",
    help="Liczba równoległych procesów (domyślnie: wszystkie rdzenie).",
)
@click.option("--force", is_flag=True, help="Utwórz wszystko od nowa, także niezmienione rejony.")
@click.option(
    "--arkusz",
    "sheets",
    is_flag=True,
    help="Także arkusze A4 do drukarki biurowej: 2×A5, 4×A6, 10 wizytówek, ze znacznikami cięcia.",
)
@click.option(
    "--kopie",
    "copies",
    type=Number(min=1, max=1000),
    default=None,
    metavar="N",
    help="Ile egzemplarzy każdego rejonu na arkuszach (domyślnie: pełny arkusz).",
)
@click.option(
    "--dupleks",
    type=OneOf(["dlugi", "krotki"]),
    default="dlugi",
    help="Druk dwustronny: obracanie wzdłuż dłuższej (domyślnie) albo krótszej krawędzi.",
)
@click.option(
    "--drukarnia",
    "print_shop",
    is_flag=True,
    help="Pliki dla drukarni: pojedyncze strony ze spadem (nazwy z końcówką -drukarnia).",
)
@click.option(
    "--spad",
    type=OneOf(["0", "2", "3", "5"]),
    default="3",
    metavar="MM",
    help="Spad w milimetrach dla --drukarnia: 0, 2, 3 (domyślnie) albo 5.",
)
@click.option("--znaczniki", "crop_marks", is_flag=True, help="Znaczniki cięcia (z --drukarnia).")
@ENCODING
@DELIMITER
@VERBOSE
@_help_option
def build(
    rosters: tuple[Path, ...],
    config_path: Path | None,
    out: Path,
    formats: str,
    languages: str,
    strict: bool,
    address: str,
    jobs: int | None,
    force: bool,
    sheets: bool,
    copies: int | None,
    dupleks: str,
    print_shop: bool,
    spad: str,
    crop_marks: bool,
    encoding: str | None,
    delimiter: str | None,
    verbose: bool,
) -> None:
    """Utwórz ulotki PDF dla każdego rejonu z ARKUSZA (xlsx, ods, csv)."""
    _run(
        lambda: _settings(
            rosters,
            config_path,
            encoding,
            delimiter,
            out=out,
            formats=parse_formats(formats),
            languages=parse_languages(languages),
            strict=strict,
            address=address.strip(),
            jobs=jobs,
            force=force,
            sheets=sheets,
            copies=copies,
            duplex="short" if dupleks == "krotki" else "long",
            bleed_mm=float(spad) if print_shop else None,
            crop_marks=crop_marks and print_shop,
        ),
        write=True,
        verbose=verbose,
    )


@main.command(context_settings=CONTEXT, options_metavar="[OPCJE]")
@ROSTERS
@CONFIG
@ENCODING
@DELIMITER
@VERBOSE
@_help_option
def check(
    rosters: tuple[Path, ...],
    config_path: Path | None,
    encoding: str | None,
    delimiter: str | None,
    verbose: bool,
) -> None:
    """Sprawdź ARKUSZ i pokaż problemy; nie zapisuje żadnych plików."""
    _run(
        lambda: _settings(rosters, config_path, encoding, delimiter),
        write=False,
        verbose=verbose,
    )


@main.command(context_settings=CONTEXT, options_metavar="[OPCJE]")
@ROSTERS
@CONFIG
@click.option(
    "--adres",
    "address",
    default="",
    metavar="ADRES",
    help="Adres, np. „ul. Chojnowska 12, Legnica”.",
)
@click.option(
    "--nazwisko", "name", default="", metavar="TEKST", help="Nazwisko lub imię (fragment)."
)
@click.option("--json", "as_json", is_flag=True, help="Wynik jako JSON.")
@ENCODING
@DELIMITER
@_help_option
def find(
    rosters: tuple[Path, ...],
    config_path: Path | None,
    address: str,
    name: str,
    as_json: bool,
    encoding: str | None,
    delimiter: str | None,
) -> None:
    """Kto jest dzielnicowym pod ADRESEM albo gdzie pracuje osoba o NAZWISKU."""
    try:
        settings = _settings(rosters, config_path, encoding, delimiter)
        found = pipeline.find(settings, address=address.strip(), name=name.strip())
    except LeafletsError as exc:
        console.print(f"[bold red]Błąd:[/] {escape(str(exc))}")
        sys.exit(exc.exit_code)
    if as_json:
        out.print_json(json.dumps(found.as_json(), ensure_ascii=False))
    else:
        _print_found(found)
    sys.exit(found.exit_code)


def _print_found(found: pipeline.Found) -> None:
    if not found.matches:
        out.print(f"Nie znaleziono: „{escape(found.query)}”.")
        if found.message:
            out.print(escape(found.message))
        if found.suggestions:
            out.print("Może chodzi o: " + ", ".join(escape(s) for s in found.suggestions) + "?")
        return
    for match in found.matches:
        area = match.area
        title = f"Rejon nr {area.number}" + (f" — {area.name}" if area.name else "")
        out.print(
            f"[bold]{escape(title)}[/]" + (f", {escape(area.unit.name)}" if area.unit.name else "")
        )
        if match.covered_by and match.certainty == "unsure":
            out.print(f"  opis rejonu nie został w pełni zrozumiany: „{escape(match.covered_by)}”")
        elif match.covered_by and match.certainty == "part":
            street, _, part = match.covered_by.partition(" (")
            out.print(f"  obejmuje: {escape(street)} — część: {escape(part.removesuffix(')'))}")
        elif match.covered_by:
            out.print(f"  obejmuje: {escape(match.covered_by)}")
        if match.approximate:
            out.print("  (nazwa ulicy dopasowana w przybliżeniu — sprawdź pisownię)")
        for officer in match.officers:
            parts = [f"{officer.rank} {officer.name}".strip(), f"tel. {officer.phone.national}"]
            if officer.email:
                parts.append(officer.email)
            out.print("  " + escape(", ".join(parts)))


def _settings(
    rosters: tuple[Path, ...],
    config_path: Path | None,
    encoding: str | None,
    delimiter: str | None,
    **extra: Any,
) -> Settings:
    """What every command reads the rosters with; `extra` are the command's own settings."""
    return Settings(
        rosters=rosters,
        config=load_config(find_config(config_path, rosters)),
        encoding=parse_encoding(encoding),
        delimiter=parse_delimiter(delimiter),
        **extra,
    )


def run() -> None:
    """Console entry point: click's own usage errors are English, so they are put in
    Polish here before they reach the user (exit code 2, like every usage error)."""
    try:
        main.main(standalone_mode=False)
    except click.exceptions.NoSuchOption as exc:
        close = list(exc.possibilities or ())  # nearest first
        hint = f" — czy chodziło o {close[0]}?" if close else ""
        _usage(exc, f"nieznana opcja {exc.option_name}{hint}")
    except click.exceptions.MissingParameter as exc:
        name = exc.param.human_readable_name if exc.param else ""
        _usage(exc, f"brakuje argumentu {name} — podaj plik z wykazem dzielnicowych")
    except click.exceptions.BadParameter as exc:
        # Number and OneOf have already put the message in Polish.
        name = exc.param.opts[0] if exc.param is not None and exc.param.opts else ""
        _usage(exc, f"nieprawidłowa wartość {name}: {exc.message}")
    except click.exceptions.NoArgsIsHelpError as exc:
        console.print(exc.ctx.get_help() if exc.ctx else "")
        sys.exit(0)
    except click.exceptions.UsageError as exc:
        _usage(exc, _polish_usage(exc.message))
    except click.exceptions.Abort:
        console.print("Przerwano.")
        sys.exit(130)


_CLICK_USAGE = (
    (re.compile(r"Option '(?P<o>[^']+)' requires an argument\."), "opcja {o} wymaga wartości"),
    (
        re.compile(r"Option '(?P<o>[^']+)' requires (?P<n>\d+) arguments\."),
        "opcja {o} wymaga {n} wartości",
    ),
    (
        re.compile(r"Option '(?P<o>[^']+)' does not take a value\."),
        "opcja {o} nie przyjmuje wartości",
    ),
    (re.compile(r"No such command '(?P<c>[^']+)'\."), "nieznane polecenie {c} (są: {commands})"),
    (re.compile(r"Got unexpected extra arguments? \((?P<a>.*)\)"), "nadmiarowe argumenty: {a}"),
)
"""Click's other usage messages (English) and how the users read them."""


def _polish_usage(message: str) -> str:
    for pattern, polish in _CLICK_USAGE:
        found = pattern.fullmatch(message)
        if found:
            return polish.format(**found.groupdict(), commands=", ".join(sorted(main.commands)))
    return message


def _usage(exc: click.exceptions.UsageError, message: str) -> None:
    command = exc.ctx.command_path if exc.ctx else "leaflets"
    console.print(f"[bold red]Błąd użycia:[/] {escape(message)}")
    console.print(f"Pomoc: {command} --help")
    sys.exit(2)


def _run(settings: Callable[[], Settings], *, write: bool, verbose: bool) -> None:
    """The one place where errors become output and exit codes."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(message)s", force=True
    )
    # WeasyPrint warnings are collected into the report; keep them off the console here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR if not verbose else logging.WARNING)
    try:
        resolved = settings()
        with _progress_bar(write) as progress:
            report = pipeline.run(resolved, write=write, progress=progress)
    except LeafletsError as exc:
        console.print(f"[bold red]Błąd:[/] {escape(str(exc))}")
        sys.exit(exc.exit_code)
    except OSError as exc:  # writing failed mid-build: a full disk, a folder made read-only
        error = output_error(exc)
        console.print(f"[bold red]Błąd:[/] {escape(str(error))}")
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        console.print("Przerwano. Wcześniej zapisane pliki pozostały bez zmian.")
        sys.exit(130)
    _print_problems(report.problems)
    _print_summary(report, write)
    sys.exit(report.exit_code)


class _progress_bar:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and console.is_terminal
        self.bar = Progress(
            TextColumn("Składanie ulotek"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task = self.bar.add_task("ulotki", total=None)

    def __enter__(self) -> Callable[[int, int], None] | None:
        if not self.enabled:
            return None
        self.bar.start()
        return self.update

    def update(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()


def _print_problems(problems: Sequence[Problem]) -> None:
    if not problems:
        return
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.where is None:
            key = "ogólne"
        elif problem.where.sheet:
            key = f'{problem.where.file}, arkusz "{problem.where.sheet}"'
        else:
            key = problem.where.file
        groups.setdefault(key, []).append(problem)
    for key, items in groups.items():
        table = Table(title=key, title_justify="left", show_lines=False, expand=False)
        table.add_column("Wiersz", justify="right")
        table.add_column("Kolumna")
        table.add_column("Rodzaj")
        table.add_column("Opis")
        for problem in items:
            style = "red" if problem.is_error else "yellow"
            table.add_row(
                str(problem.where.row) if problem.where else "",
                problem.column,
                f"[{style}]{problem.severity.value}[/]",
                escape(
                    problem.message + (f" (wartość: „{problem.value}”)" if problem.value else "")
                ),
            )
        out.print(table)


def _print_summary(report: pipeline.Report, write: bool) -> None:
    rejected = sum(row.status == "rejected" for row in report.rows)
    files = len(report.files)
    lines = [
        f"Wiersze: {len(report.rows)} (odrzucone: {rejected})",
        f"Rejony: {len(report.areas)}, dzielnicowi: {report.officers}",
        f"Problemy: błędy {report.errors}, ostrzeżenia {report.warnings}",
    ]
    if write:
        lines.append(
            f"Zapisane pliki: {files}" if report.rendered else "Nie utworzono ulotek (--strict)."
        )
    out.print("\n".join(lines))
