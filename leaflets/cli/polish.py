"""click in Polish: the help formatter, parameter types that complain in Polish, and click's
own usage errors (English) as the users read them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

import click

_SECTIONS = {"Options": "Opcje", "Commands": "Polecenia", "Arguments": "Argumenty"}


class PolishFormatter(click.HelpFormatter):
    """Click's own headings are English; the users read Polish."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Użycie: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_SECTIONS.get(heading, heading))


CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"]}
HELP_OPTION = {"help": "Pokaż tę pomoc i zakończ."}


class Number(click.IntRange):
    """A whole-number option whose complaints are Polish (click's are English); its help says
    the range in words, so click's `[x>=1]` is not appended."""

    def _describe_range(self) -> str:
        return ""

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
    """A choice whose complaint is Polish; `aliases` are accepted spellings of a choice
    (`krótki` for `krotki`)."""

    def __init__(self, choices: Iterable[str], aliases: dict[str, str] | None = None) -> None:
        super().__init__(list(choices))
        self.aliases = aliases or {}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        value = self.aliases.get(value, value)
        if value in self.choices:
            return value
        allowed = ", ".join(str(choice) for choice in self.choices)
        self.fail(f"„{value}” — dozwolone: {allowed}.", param, ctx)


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
    (re.compile(r"No such command '(?P<c>[^']+)'\."), "nieznane polecenie „{c}”{hint}"),
    (re.compile(r"Got unexpected extra arguments? \((?P<a>.*)\)"), "nadmiarowe argumenty: {a}"),
)
"""Click's other usage messages (English) and how the users read them."""


def usage_message(exc: click.exceptions.UsageError, commands: Iterable[str]) -> str:
    """What a click usage error says, in Polish."""
    if isinstance(exc, click.exceptions.NoSuchOption):
        close = list(exc.possibilities or ())  # nearest first
        hint = f" — czy chodziło o {close[0]}?" if close else ""
        return f"nieznana opcja {exc.option_name}{hint}"
    if isinstance(exc, click.exceptions.MissingParameter):
        return "podaj plik z wykazem dzielnicowych, np. leaflets check wykaz.xlsx"
    if isinstance(exc, click.exceptions.BadParameter):
        # Number and OneOf have already put the message in Polish.
        name = exc.param.opts[0] if exc.param is not None and exc.param.opts else ""
        return f"nieprawidłowa wartość {name}: {exc.message}"
    names = sorted(commands)
    for pattern, polish in _CLICK_USAGE:
        found = pattern.fullmatch(exc.message)
        if found:
            values = found.groupdict()
            return polish.format(**values, hint=suggestion(values.get("c", ""), names))
    return exc.message


def suggestion(typed: str, known: Iterable[str]) -> str:
    """` — czy chodziło o build? (są: build, check, find)`: the nearest known name, if one is
    near, then all of them. For a mistyped command or format."""
    names = list(known)
    close = difflib.get_close_matches(typed, names, n=1, cutoff=0.5)
    hint = f" — czy chodziło o {close[0]}?" if close else ""
    return f"{hint} (są: {', '.join(names)})"
