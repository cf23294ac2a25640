"""The options and arguments the commands share, with their Polish help."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from leaflets.cli.polish import HELP_OPTION
from leaflets.config import DEFAULT_LANGUAGES, Settings
from leaflets.formats import DEFAULT_FORMATS, FORMATS


def help_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.help_option("-h", "--help", **HELP_OPTION)(function)


ROSTERS = click.argument(
    "rosters", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="WYKAZ..."
)
CONFIG = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    metavar="PLIK",
    help="Plik konfiguracji (domyślnie leaflets.toml obok wykazu, jeśli jest).",
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


def out_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--out",
        type=click.Path(path_type=Path),
        default=Settings.out,
        metavar="FOLDER",
        help=f"{help} (domyślnie: {Settings.out}).",
    )


VERBOSE = click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Pokaż kolejne kroki pracy i to, jak ulotki dopasowano do stron.",
)
FORMATS_OPTION = click.option(
    "--format",
    "formats",
    default=",".join(DEFAULT_FORMATS),
    metavar="FORMATY",
    help="Formaty oddzielone przecinkami: "
    + "; ".join(f"{spec.name} ({spec.description})" for spec in FORMATS.values())
    + f". Domyślnie: {','.join(DEFAULT_FORMATS)}.",
)
LANGUAGES_OPTION = click.option(
    "--jezyk",
    "languages",
    default=",".join(DEFAULT_LANGUAGES),
    metavar="JĘZYKI",
    help="Wersje językowe oddzielone przecinkami: pl (polska), uk (ukraińska), en (angielska),"
    " pl+uk i pl+en (dwujęzyczne, polski pierwszy); domyślnie:"
    f" {','.join(DEFAULT_LANGUAGES)}. Pliki innych wersji mają w nazwie język, np."
    " plakat-a4.uk.pdf.",
)
MEETINGS = click.option(
    "--spotkania",
    "meetings",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="PLIK",
    help="Plik ze spotkaniami z mieszkańcami (xlsx, ods, csv), gdy nie ma ich w arkuszu"
    " „Spotkania” wykazu.",
)
