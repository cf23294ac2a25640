"""Problems found in the input: data collected per row, never a first-error stop."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is. An error rejects the row; a warning keeps it."""

    ERROR = "błąd"
    WARNING = "ostrzeżenie"


@dataclass(frozen=True, order=True)
class RowRef:
    """Where a row lives, as the user sees it in the spreadsheet (row 1 = first row)."""

    file: str
    sheet: str
    row: int

    def describe(self) -> str:
        sheet = f', arkusz "{self.sheet}"' if self.sheet else ""
        return f"{self.file}{sheet}, wiersz {self.row}"


@dataclass(frozen=True)
class Problem:
    """One finding. `where` is None for problems about the whole run (e.g. configuration)."""

    severity: Severity
    message: str
    where: RowRef | None = None
    column: str = ""
    value: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def describe(self) -> str:
        """The one-line Polish form: `plik, arkusz "X", wiersz 14, kolumna telefon: ...`."""
        parts = []
        if self.where is not None:
            parts.append(self.where.describe())
        if self.column:
            parts.append(f"kolumna {self.column}")
        prefix = ", ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message
