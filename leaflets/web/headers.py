"""How each header of the roster was read: the table on the workspace page, the same reading
`check` prints (`roster.SheetReading`), kept as plain data so a finished build can store it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leaflets.roster import SheetReading


@dataclass(frozen=True)
class HeaderRead:
    letter: str
    header: str
    meaning: str
    """What the header was read as, in Polish (`opis rejonu`, `nieużywana — …`)."""
    used: bool
    """False for a column the tool does not use (shown apart on the page)."""


@dataclass(frozen=True)
class SheetHeaders:
    file: str
    sheet: str
    header_row: int
    headers: tuple[HeaderRead, ...]


def header_table(sheets: Sequence[SheetReading]) -> list[SheetHeaders]:
    """Every sheet that has a header row, with each header's reading."""
    return [
        SheetHeaders(
            _name(sheet.file),
            sheet.sheet,
            sheet.header_row,
            tuple(
                HeaderRead(h.letter, h.header, h.meaning, h.kind in ("column", "combined"))
                for h in sheet.headers
            ),
        )
        for sheet in sheets
        if sheet.headers
    ]


def from_json(data: Sequence[Mapping[str, Any]]) -> list[SheetHeaders]:
    """The table as a build stored it (`dataclasses.asdict` of `header_table`)."""
    return [
        SheetHeaders(
            str(sheet["file"]),
            str(sheet["sheet"]),
            int(sheet["header_row"]),
            tuple(HeaderRead(**header) for header in sheet["headers"]),
        )
        for sheet in data
    ]


def _name(file: object) -> str:
    """The file as the user knows it: its name, not the data folder's path."""
    return Path(str(file)).name if file else ""
