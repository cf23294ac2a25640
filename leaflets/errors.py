"""The exceptions that end a run, each owning the exit code the CLI returns for it."""

from __future__ import annotations


class LeafletsError(Exception):
    """Base class: a run cannot go on. The message is Polish and meant for the user."""

    exit_code = 2


class UsageError(LeafletsError):
    """Raised for bad command-line input: an unknown format, a missing roster path."""


class ConfigError(LeafletsError):
    """Raised when leaflets.toml cannot be read or holds an invalid value."""


class RosterError(LeafletsError):
    """Raised when a roster file as a whole cannot be read: corrupt, encrypted, too large,
    not a spreadsheet, or missing a required column. Row problems are not errors: they are
    collected as `Problem` records instead."""


class RenderError(LeafletsError):
    """Raised when a template is broken (syntax, undefined variable) or a PDF cannot be written."""


class NotFoundError(LeafletsError):
    """Raised when a lookup (`build --adres`) finds no area: the input was fine, the answer
    is "nobody", so the exit code is 1 like `find` finding nothing."""

    exit_code = 1
