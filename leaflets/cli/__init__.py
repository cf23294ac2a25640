"""Command line: flags -> Settings -> one library call -> output and exit code. Polish.

Nothing heavy is imported here: `--help` and usage errors answer at once, and each command
imports the pipeline (and through it WeasyPrint) only when it runs.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from leaflets import limits
from leaflets.cli.options import (
    CONFIG,
    DELIMITER,
    ENCODING,
    FORMATS_OPTION,
    LANGUAGES_OPTION,
    MEETINGS,
    ROSTERS,
    VERBOSE,
    help_option,
    out_option,
)
from leaflets.cli.polish import CONTEXT, Number, OneOf, PolishFormatter, usage_message
from leaflets.cli.signals import Interrupted, interrupt_on_signals
from leaflets.config import (
    DUPLEX_MODES,
    Settings,
    find_config,
    load_config,
    parse_delimiter,
    parse_encoding,
    parse_formats,
    parse_languages,
)
from leaflets.errors import LeafletsError
from leaflets.formats import BLEEDS_MM, DEFAULT_BLEED_MM

click.Context.formatter_class = PolishFormatter


class LeafletsGroup(click.Group):
    """The one place where errors become output and exit codes: click's usage errors (in
    Polish), the project's errors (`LeafletsError` owns its exit code) and an interrupt."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> NoReturn:
        from leaflets.cli import console

        extra.pop("standalone_mode", None)
        given = list(args) if args is not None else sys.argv[1:]
        # uvicorn has its own handlers and shutdown (web/server.py).
        previous = interrupt_on_signals() if given[:1] != ["serve"] else {}
        try:
            code = super().main(args, prog_name or self.name, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            console.out.print(exc.ctx.get_help() if exc.ctx else "")
            code = 0
        except click.exceptions.UsageError as exc:
            console.error(usage_message(exc, self.commands), prefix="Błąd użycia")
            command = exc.ctx.command_path if exc.ctx else self.name
            console.line(f"Pomoc: {command} --help")
            code = 2
        except LeafletsError as exc:
            console.error(str(exc))
            code = exc.exit_code
        except (click.exceptions.Abort, KeyboardInterrupt) as exc:
            console.line("Przerwano. Wcześniej zapisane pliki pozostały bez zmian.")
            # click turns a KeyboardInterrupt into Abort, the signal is its cause.
            cause = exc if isinstance(exc, Interrupted) else exc.__context__
            code = 128 + cause.signal if isinstance(cause, Interrupted) else 130
        for number, handler in previous.items():  # a caller's own (tests, an embedding app)
            signal.signal(number, handler)
        sys.exit(code if isinstance(code, int) else 0)


_BLEEDS = [f"{mm:g}" for mm in BLEEDS_MM]


@click.group(
    "leaflets",
    cls=LeafletsGroup,
    context_settings=CONTEXT,
    options_metavar="[OPCJE]",
    subcommand_metavar="POLECENIE",
)
@help_option
def main() -> None:
    """Ulotki i plakaty „Twój dzielnicowy” z wykazu dzielnicowych.

    Przykład: leaflets build rosters/legnica-wzor.xlsx
    """


@main.command(
    context_settings=CONTEXT,
    options_metavar="[OPCJE]",
    short_help="Utwórz ulotki PDF dla każdego rejonu z WYKAZU.",
)
@ROSTERS
@CONFIG
@out_option("Folder na gotowe pliki PDF")
@FORMATS_OPTION
@LANGUAGES_OPTION
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
    type=Number(min=1, max=limits.MAX_JOBS),
    default=None,
    metavar="N",
    help=f"Liczba równoległych procesów, od 1 do {limits.MAX_JOBS} (domyślnie: wszystkie rdzenie).",
)
@click.option("--force", is_flag=True, help="Utwórz wszystko od nowa, także niezmienione rejony.")
@click.option(
    "--arkusz",
    "office_sheets",
    is_flag=True,
    help="Także arkusze A4 do drukarki biurowej: 2×A5, 4×A6, 10 wizytówek, ze znacznikami cięcia.",
)
@click.option(
    "--kopie",
    "copies",
    type=Number(min=1, max=1000),
    default=None,
    metavar="N",
    help="Ile egzemplarzy każdego rejonu na arkuszach (z --arkusz), od 1 do 1000"
    " (domyślnie: pełny arkusz).",
)
@click.option(
    "--dupleks",
    "duplex",
    type=OneOf(["długi", "krótki"], aliases={"dlugi": "długi", "krotki": "krótki"}),
    default="długi",
    metavar="KRAWĘDŹ",
    help="Druk dwustronny arkuszy: długi (obracanie wzdłuż dłuższej krawędzi, domyślnie)"
    " albo krótki (wzdłuż krótszej).",
)
@click.option(
    "--drukarnia",
    "print_shop",
    is_flag=True,
    help="Pliki dla drukarni: pojedyncze strony ze spadem (nazwy z końcówką -drukarnia).",
)
@click.option(
    "--spad",
    "bleed",
    type=OneOf(_BLEEDS),
    default=f"{DEFAULT_BLEED_MM:g}",
    metavar="MM",
    help=f"Spad w milimetrach dla --drukarnia: {', '.join(_BLEEDS[:-1])} albo {_BLEEDS[-1]}"
    f" (domyślnie {DEFAULT_BLEED_MM:g}).",
)
@click.option("--znaczniki", "crop_marks", is_flag=True, help="Znaczniki cięcia (z --drukarnia).")
@MEETINGS
@click.option(
    "--minione",
    "past_meetings",
    is_flag=True,
    help="Drukuj też zaproszenia na spotkania sprzed daty „stan na”.",
)
@ENCODING
@DELIMITER
@VERBOSE
@help_option
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
    office_sheets: bool,
    copies: int | None,
    duplex: str,
    print_shop: bool,
    bleed: str,
    crop_marks: bool,
    meetings: tuple[Path, ...],
    past_meetings: bool,
    encoding: str | None,
    delimiter: str | None,
    verbose: bool,
) -> int:
    """Utwórz ulotki PDF dla każdego rejonu z WYKAZU (xlsx, ods, csv)."""
    settings = _settings(
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
        office_sheets=office_sheets,
        copies=copies,
        duplex=DUPLEX_MODES[duplex],
        bleed_mm=float(bleed) if print_shop else None,
        crop_marks=crop_marks,
        meetings=meetings,
        past_meetings=past_meetings,
    )
    return _run(settings, write=True, verbose=verbose)


@main.command(
    context_settings=CONTEXT,
    options_metavar="[OPCJE]",
    short_help="Sprawdź WYKAZ i pokaż problemy; nie zapisuje plików.",
)
@ROSTERS
@CONFIG
@out_option("Folder, do którego tworzy build: to, co jest tam aktualne, nie jest składane ponownie")
@FORMATS_OPTION
@LANGUAGES_OPTION
@MEETINGS
@ENCODING
@DELIMITER
@VERBOSE
@click.option(
    "--caly-uklad",
    "every_layout",
    is_flag=True,
    help="Sprawdź układ stron każdej ulotki, choćby było ich tysiące (trwa tyle, co build);"
    f" bez tej opcji sprawdza się najwyżej {limits.MAX_CHECK_LAYOUTS} ulotek zmienionych od"
    " ostatniego budowania, tych o najdłuższej treści.",
)
@help_option
def check(
    rosters: tuple[Path, ...],
    config_path: Path | None,
    out: Path,
    meetings: tuple[Path, ...],
    formats: str,
    languages: str,
    encoding: str | None,
    delimiter: str | None,
    verbose: bool,
    every_layout: bool,
) -> int:
    """Sprawdź WYKAZ i pokaż problemy (także ulotki, które nie zmieszczą się na swoich
    stronach, w podanych formatach i językach); nie zapisuje żadnych plików."""
    settings = _settings(
        rosters,
        config_path,
        encoding,
        delimiter,
        out=out,
        formats=parse_formats(formats),
        languages=parse_languages(languages),
        meetings=meetings,
        every_layout=every_layout,
    )
    return _run(settings, write=False, verbose=verbose)


@main.command(
    context_settings=CONTEXT,
    options_metavar="[OPCJE]",
    short_help="Kto jest dzielnicowym pod ADRESEM albo gdzie pracuje osoba o NAZWISKU.",
)
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
@help_option
def find(
    rosters: tuple[Path, ...],
    config_path: Path | None,
    address: str,
    name: str,
    as_json: bool,
    encoding: str | None,
    delimiter: str | None,
) -> int:
    """Kto jest dzielnicowym pod ADRESEM albo gdzie pracuje osoba o NAZWISKU."""
    from leaflets import pipeline
    from leaflets.cli import console

    settings = _settings(rosters, config_path, encoding, delimiter)
    answer = pipeline.find(settings, address=address.strip(), name=name.strip())
    console.found(answer, as_json)
    return answer.exit_code


@main.command(
    context_settings=CONTEXT,
    options_metavar="[OPCJE]",
    short_help="Aplikacja w przeglądarce: wyślij wykaz, zobacz problemy, pobierz ulotki.",
)
@click.option(
    "--host",
    default=None,
    metavar="ADRES",
    help="Adres, na którym serwer słucha (domyślnie 127.0.0.1: tylko ten komputer). Inny,"
    " np. 0.0.0.0 dla sieci biura, wymaga hasła.",
)
@click.option(
    "--port",
    type=Number(min=0, max=65535),
    default=None,
    metavar="N",
    help="Port (domyślnie 8000).",
)
@click.option(
    "--dane",
    "data",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FOLDER",
    help="Folder na obszary robocze, wersje wykazów i ulotki (domyślnie w folderze danych"
    " użytkownika; podawany przy uruchomieniu).",
)
@click.option(
    "--jobs",
    type=Number(min=1, max=limits.MAX_JOBS),
    default=None,
    metavar="N",
    help="Ile tworzeń ulotek (różnych obszarów) może trwać naraz (domyślnie 1).",
)
@click.option(
    "--haslo-plik",
    "password_file",
    type=click.Path(path_type=Path),
    default=None,
    metavar="PLIK",
    help="Plik z hasłem w pierwszym wierszu (albo zmienna LEAFLETS_HASLO); wymagane, gdy"
    " serwer jest dostępny z sieci.",
)
@click.option(
    "--nazwa-serwera",
    "server_names",
    multiple=True,
    metavar="NAZWA",
    help="Nazwa lub adres, pod którym koledzy otwierają serwer (np. 192.168.1.20); można"
    " podać kilka razy.",
)
@help_option
def serve(
    host: str | None,
    port: int | None,
    data: Path | None,
    jobs: int | None,
    password_file: Path | None,
    server_names: tuple[str, ...],
) -> int:
    """Aplikacja w przeglądarce: wyślij wykaz, zobacz problemy, utwórz i pobierz ulotki."""
    from leaflets import web
    from leaflets.cli import console

    given: dict[str, Any] = {"host": host, "port": port, "data": data, "jobs": jobs}
    settings = web.ServeSettings(
        **{name: value for name, value in given.items() if value is not None},
        password=web.read_password(password_file),
        server_names=server_names,
    )
    server = web.prepare(settings)
    console.line(f"Dane (obszary robocze, wykazy, ulotki): {server.settings.data}")
    console.line(f"Otwórz w przeglądarce: {server.url}   (zatrzymanie: Ctrl+C)")
    return server.run()


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


def _run(settings: Settings, *, write: bool, verbose: bool) -> int:
    """`build` and `check`: the pipeline with a progress bar, then the problems and summary."""
    from leaflets import pipeline
    from leaflets.cli import console

    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(message)s", force=True
    )
    # WeasyPrint warnings are collected into the report; keep them off the console here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR if not verbose else logging.WARNING)
    for notice in unused_options(settings):
        console.line(f"Uwaga: {notice}")
    with console.ProgressBar(write) as progress:
        report = pipeline.run(settings, write=write, progress=progress)
    if not write or verbose:
        console.headers(report.sheets)
    console.problems(report.problems, verbose, write=write)
    console.summary(report, write, verbose)
    if write and report.rendered and settings.office_sheets:
        console.out.print(console.printing_hint(settings.duplex))
    return report.exit_code


def unused_options(settings: Settings) -> list[str]:
    """Options given that do nothing without another one, said rather than ignored."""
    found = []
    if settings.crop_marks and settings.bleed_mm is None:
        found.append("--znaczniki działa tylko z --drukarnia — znaczników nie będzie")
    if settings.copies is not None and not settings.office_sheets:
        found.append("--kopie działa tylko z --arkusz — liczba kopii pominięta")
    if not any(path.suffix.lower() == ".csv" for path in settings.rosters):
        for flag, value in (
            ("--separator", settings.delimiter),
            ("--kodowanie", settings.encoding),
        ):
            if value is not None:
                found.append(f"{flag} dotyczy tylko plików CSV — tu pominięto")
    return found
