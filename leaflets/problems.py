"""Problems found in the input: data collected per row, never a first-error stop.

Every problem carries a short machine code (`brak-telefonu`): tests, `manifest.json` and
`problemy.xlsx` filter by it, while the Polish message stays free to improve. The codes are
Polish, like everything a user or a unit's IT person reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from leaflets.columns import USUAL


class Severity(StrEnum):
    """How bad a problem is. An error rejects the row; a warning keeps it; information is
    something a user may want to know (how a text was read) that needs no fixing."""

    ERROR = "błąd"
    WARNING = "ostrzeżenie"
    INFO = "informacja"


@dataclass(frozen=True, order=True)
class RowRef:
    """Where a row lives, as the user sees it in the spreadsheet (row 1 = first row); row 0
    is the whole file or sheet."""

    file: str
    sheet: str
    row: int

    def describe(self) -> str:
        sheet = f", arkusz „{self.sheet}”" if self.sheet else ""
        row = f", wiersz {self.row}" if self.row else ""
        return f"{self.file}{sheet}{row}"


@dataclass(frozen=True)
class Problem:
    """One finding. `where` is None for problems about the whole run (e.g. configuration).
    `code` names the kind of problem (`brak-telefonu`, `nakladanie-rejonow`); `column` the
    canonical column (`telefon`), `heading` the column as the sheet names it, with its Excel
    letter (`G „Telefon służbowy”`), once the roster has labelled it (`Roster.label`)."""

    severity: Severity
    code: str
    message: str
    where: RowRef | None = None
    column: str = ""
    value: str = ""
    heading: str = ""

    @property
    def column_name(self) -> str:
        """What a user is shown for the column: the sheet's own header, else the usual one."""
        if self.heading:
            return self.heading
        return f"„{USUAL[self.column]}”" if self.column in USUAL else self.column

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_info(self) -> bool:
        return self.severity is Severity.INFO

    def describe(self) -> str:
        """The one-line Polish form: `plik, arkusz „X”, wiersz 14, kolumna G „Telefon”: …`."""
        parts = []
        if self.where is not None:
            parts.append(self.where.describe())
        if self.column or self.heading:
            parts.append(f"kolumna {self.column_name}")
        prefix = ", ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


UNREAD = frozenset(
    ("plik-nieczytelny", "brak-kolumn", "niejednoznaczne-kolumny", "opis-nierozpoznany")
)
"""Codes of input the tool could not read at all (a file, or a sheet it had to skip): the
run goes on with the rest and ends with exit code 2."""
