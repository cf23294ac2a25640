"""How each header of the roster was read: the table on the workspace page, from the pipeline.

The roster reader is being extended to report, per sheet, every header with its Excel column
letter and the canonical column it was understood as. Until that lands nothing here has data
and the workspace page leaves the table out; when it does, `header_table` reads it from the
first object given (the pipeline's Report or Intake, or the Roster) that has a `headers`
attribute, in any of the plain shapes such a report is likely to take:

- a sequence of per-sheet objects with `file`, `sheet` and a sequence of entries (`columns`,
  `headers` or `entries`, or the object itself iterable);
- a mapping from a sheet name, or a (file, sheet) pair, to that sequence of entries;

where an entry is an (Excel letter, header, canonical column or None) triple or an object with
`letter`, `header` and `column`/`canonical` attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class HeaderRead:
    letter: str
    header: str
    column: str | None
    """The canonical column (`telefon`), None when the header matched no roster column."""


@dataclass(frozen=True)
class SheetHeaders:
    file: str
    sheet: str
    headers: tuple[HeaderRead, ...]


def header_table(*sources: object) -> list[SheetHeaders] | None:
    """The header table from the first source that reports one; None when none does."""
    for source in sources:
        found = getattr(source, "headers", None)
        if found is not None and not isinstance(found, str | bytes):
            return _sheets(found)
    return None


def _sheets(found: Any) -> list[SheetHeaders]:
    sheets: list[SheetHeaders] = []
    if isinstance(found, Mapping):
        for key, entries in found.items():
            file, sheet = key if isinstance(key, tuple) and len(key) == 2 else ("", key)
            sheets.append(SheetHeaders(_name(file), str(sheet), _entries(entries)))
        return sheets
    for item in found:
        entries = next(
            (getattr(item, a) for a in ("columns", "headers", "entries") if hasattr(item, a)),
            item,
        )
        sheets.append(
            SheetHeaders(
                _name(getattr(item, "file", "")), str(getattr(item, "sheet", "")), _entries(entries)
            )
        )
    return sheets


def _entries(entries: Iterable[Any]) -> tuple[HeaderRead, ...]:
    read: list[HeaderRead] = []
    for entry in entries:
        if isinstance(entry, tuple | list) and len(entry) == 3:
            letter, header, column = entry
        else:
            letter = getattr(entry, "letter", "")
            header = getattr(entry, "header", "")
            column = getattr(entry, "column", getattr(entry, "canonical", None))
        read.append(HeaderRead(str(letter), str(header), str(column) if column else None))
    return tuple(read)


def _name(file: object) -> str:
    """The file as the user knows it: its name, not the data folder's path."""
    return Path(str(file)).name if file else ""
