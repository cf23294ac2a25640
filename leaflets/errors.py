"""The exceptions that end a run, each owning the exit code the CLI returns for it."""

from __future__ import annotations

import errno


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


class OutputError(LeafletsError):
    """Raised when the output folder cannot be created or written: a file in its place, no
    permission, a full disk. Files written before stay complete (atomic writes)."""


_OS_REASONS = {
    errno.ENOENT: "nie ma takiego pliku ani folderu",
    errno.ENOTDIR: "część ścieżki jest plikiem, a nie folderem",
    errno.EISDIR: "to folder, a nie plik",
    errno.EACCES: "brak uprawnień",
    errno.EPERM: "brak uprawnień",
    errno.EROFS: "dysk tylko do odczytu",
    errno.ENOSPC: "brak miejsca na dysku",
    errno.EDQUOT: "przekroczony przydział miejsca na dysku",
    errno.EEXIST: "plik już istnieje",
    errno.ENAMETOOLONG: "za długa nazwa pliku",
    errno.EBUSY: "plik jest zajęty przez inny program",
}


def os_reason(exc: OSError) -> str:
    """What went wrong with a file, in Polish: the system's own text is English."""
    return _OS_REASONS.get(exc.errno or 0, f"błąd systemu plików nr {exc.errno}")


def output_error(exc: OSError, path: object = None) -> OutputError:
    """An OSError met while writing `path` (else the file the error names), as the message
    the user gets."""
    target = path if path is not None else exc.filename
    where = f" „{target}”" if target else ""
    return OutputError(
        f"nie można zapisać{where}: {os_reason(exc)}. Wcześniej zapisane pliki są kompletne."
    )
