"""What the CLI prints: the problem tables, the summary, the progress bar, `find`'s answers."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from leaflets.problems import Problem, Severity

if TYPE_CHECKING:
    from leaflets.pipeline import Found, FoundArea, Report
    from leaflets.roster import SheetReading

errors = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def error(message: str, prefix: str = "Błąd") -> None:
    """`Błąd: …` on standard error, the message starting lower-case as after any colon."""
    errors.print(f"[bold red]{prefix}:[/] {escape(after_colon(message))}")


def after_colon(message: str) -> str:
    """`Nieznany format` -> `nieznany format`: a message after `Błąd:` starts lower-case;
    a name (`WeasyPrint`, `KMZB`), a path or a number stays as it is."""
    first = message.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].isalpha() and first[1:].islower():
        return message[:1].lower() + message[1:]
    return message


def printing_hint(duplex: str) -> str:
    """One line after `--arkusz`: how to print the sheets so that the backs line up."""
    edge = "dłuższej" if duplex == "long" else "krótszej"
    return (
        f"Arkusze drukuj dwustronnie, z obracaniem wzdłuż {edge} krawędzi, w skali 100 %"
        " (bez „dopasuj do strony”), potem przytnij wzdłuż znaczników."
    )


def line(text: str) -> None:
    errors.print(escape(text))


class ProgressBar:
    """The rendering progress bar, only on a terminal (logs and pipes get the summary)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and errors.is_terminal
        self.bar = Progress(
            TextColumn("Składanie ulotek"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=errors,
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


SHOWN_PROBLEMS = 200
"""Problems printed one by one without `-v`: a table of tens of thousands of rows takes
minutes to print (75,000: 226 s) and nobody reads it; the rest are counted by kind."""


def problems(found: Sequence[Problem], verbose: bool = False, *, write: bool = False) -> None:
    """The problems as one table per file and sheet, then the run-wide ones. The fitting
    steps (information: nothing to fix) are listed only with `-v`; the summary counts them.
    Without `-v` at most SHOWN_PROBLEMS are listed, errors first, and the rest counted by
    kind."""
    found = [p for p in found if verbose or p.code not in _FITTING_CODES]
    if not found:
        return
    if verbose or len(found) <= SHOWN_PROBLEMS:
        _problem_tables(found)
        return
    # Errors first, then warnings, then information; each table still in row order.
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    order = sorted(range(len(found)), key=lambda i: (rank[found[i].severity], i))
    shown = set(order[:SHOWN_PROBLEMS])
    _problem_tables([p for i, p in enumerate(found) if i in shown])
    _problems_left([p for i, p in enumerate(found) if i not in shown], len(found), write)


def _problems_left(left: Sequence[Problem], total: int, write: bool) -> None:
    """The problems not listed, one line per kind with its count and first example."""
    kinds: dict[tuple[str, str], list[Problem]] = {}
    for problem in left:
        kinds.setdefault((problem.severity.value, problem.code), []).append(problem)
    where = "są w problemy.xlsx w folderze wyników" if write else "pokaże leaflets check -v"
    out.print(
        f"Pokazano {total - len(left)} z {total} problemów (najpierw błędy); pozostałe "
        f"{len(left)} zliczono według rodzaju (wszystkie {where}):"
    )
    table = Table(show_lines=False, expand=False)
    table.add_column("Rodzaj")
    table.add_column("Liczba", justify="right")
    table.add_column("Pierwszy z nich")
    for (severity, _), items in sorted(kinds.items(), key=lambda kind: -len(kind[1])):
        table.add_row(severity, str(len(items)), escape(items[0].describe()))
    out.print(table)


def _problem_tables(found: Sequence[Problem]) -> None:
    groups: dict[str, list[Problem]] = {}
    for problem in found:
        if problem.where is None:
            key = "Uwagi ogólne (konfiguracja)"
        elif problem.where.sheet:
            key = f"{problem.where.file}, arkusz „{problem.where.sheet}”"
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
            style = "red" if problem.is_error else "cyan" if problem.is_info else "yellow"
            table.add_row(
                str(problem.where.row) if problem.where and problem.where.row else "",
                escape(problem.column_name),
                f"[{style}]{problem.severity.value}[/]",
                escape(
                    problem.message + (f" (wartość: „{problem.value}”)" if problem.value else "")
                ),
            )
        out.print(table)


_FITTING_CODES = frozenset(("dopasowanie", "ulotka-na-dzielnicowego"))
"""Problems that say how a leaflet was fitted to its pages (`checks.FITTING` and a flyer split
per officer): information, listed only with `-v`."""


def headers(sheets: Sequence[SheetReading]) -> None:
    """How every header of every sheet was understood, sheet by sheet."""
    for sheet in sheets:
        if not sheet.headers:
            continue
        where = f"{sheet.file}, arkusz „{sheet.sheet}”" if sheet.sheet else sheet.file
        skipped = "" if sheet.read else " — arkusz pominięty"
        out.print(f"[bold]{escape(where)}[/]: nagłówki w wierszu {sheet.header_row}{skipped}")
        for reading in sheet.headers:
            out.print("  " + escape(reading.describe()))


def summary(report: Report, write: bool, verbose: bool = False) -> None:
    roster_rows = report.roster_rows
    count = {
        status: sum(row.status == status for row in roster_rows)
        for status in ("rejected", "note", "vacancy")
    }
    extra = "".join(
        f", {label}: {count[status]}"
        for status, label in (("note", "notatki"), ("vacancy", "wakaty"))
        if count[status]
    )
    vacant = f" (nieobsadzone: {report.vacant})" if report.vacant else ""
    notes = f", informacje {report.notes}" if report.notes else ""
    lines = [
        f"Wiersze: {len(roster_rows)} (odrzucone: {count['rejected']}{extra})",
        f"Rejony: {len(report.areas)}{vacant}, dzielnicowi: {report.officers}",
        *_meetings_line(report),
        f"Problemy: błędy {report.errors}, ostrzeżenia {report.warnings}{notes}",
    ]
    if report.fitting:
        counts = ", ".join(f"{name} {n}" for name, n in report.fitting)
        hint = "" if verbose else " (lista: -v)"
        lines.append(f"Dopasowane do stron, nic nie trzeba poprawiać: {counts}{hint}")
    if report.unread:
        lines.append("Części wykazu nie odczytano — zobacz błędy powyżej (kod wyjścia 2).")
    if write:
        lines.append(
            files_written(report) if report.rendered else "Nie utworzono ulotek (--strict)."
        )
    out.print("\n".join(escape(line) for line in lines))


def files_written(report: Report) -> str:
    """`Zapisano 33 pliki w folderze output/`, or `Bez zmian — 33 pliki w output/ są aktualne`
    when nothing but the manifest and problem report was written again."""
    total = len(report.files)
    folder = f"{report.out}/" if report.out is not None else ""
    if not report.written:
        return f"Bez zmian — {count_files(total)} w {folder} {are_current(total)}"
    # The manifest and the problem report are written again with every build.
    written = min(total, len(report.written) + 2)
    rest = f" ({total - written} bez zmian)" if written < total else ""
    return f"Zapisano {count_files(written)} w folderze {folder}{rest}"


def count_files(number: int) -> str:
    """`1 plik`, `3 pliki`, `5 plików`, `22 pliki`: the Polish plural after a number."""
    return f"{number} {_plural(number, 'plik', 'pliki', 'plików')}"


def are_current(number: int) -> str:
    """The verb after `count_files`: `jest aktualny`, `są aktualne`, `jest aktualnych`."""
    return _plural(number, "jest aktualny", "są aktualne", "jest aktualnych")


def _plural(number: int, one: str, few: str, many: str) -> str:
    if number == 1:
        return one
    if number % 10 in (2, 3, 4) and number % 100 not in (12, 13, 14):
        return few
    return many


def _meetings_line(report: Report) -> list[str]:
    """`Spotkania: 4 (odrzucone: 1, minione: 1)`, when the input has meetings."""
    rows = [row for row in report.rows if row.where in report.meeting_rows]
    if not rows:
        return []
    counts = [
        f"{label}: {found}"
        for status, label in (("rejected", "odrzucone"), ("past", "minione, pominięte"))
        if (found := sum(row.status == status for row in rows))
    ]
    printed = f"Spotkania z mieszkańcami: {len(report.meetings)} z {len(rows)}"
    return [printed + (f" ({', '.join(counts)})" if counts else "")]


def found(answer: Found, as_json: bool) -> None:
    """`find`'s answer: the areas and officers, or what is nearest."""
    if as_json:
        out.print_json(json.dumps(answer.as_json(), ensure_ascii=False))
        return
    if not answer.matches:
        out.print(f"Nie znaleziono: „{escape(answer.query)}”.")
        if answer.message:
            out.print(escape(answer.message))
        if answer.suggestions:
            out.print("Czy chodziło o: " + ", ".join(escape(s) for s in answer.suggestions) + "?")
        return
    for match in answer.matches:
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
        if match.vacant:
            out.print("  " + escape(_vacant(match)))
        for officer in match.officers:
            parts = [f"{officer.rank} {officer.name}".strip(), f"tel. {officer.phone.national}"]
            if officer.email:
                parts.append(officer.email)
            out.print("  " + escape(", ".join(parts)))


def _vacant(match: FoundArea) -> str:
    """What `find` says about an area nobody holds: who covers it, else the unit's phone."""
    if match.officers and match.covering_area:
        return f"rejon nieobsadzony — obsługuje go dzielnicowy rejonu {match.covering_area}:"
    if match.officers:
        return "rejon nieobsadzony — obsługuje go:"
    if match.unit_phone:
        return f"rejon nieobsadzony — dzwoń do jednostki: tel. {match.unit_phone}"
    return "rejon nieobsadzony — zadzwoń do jednostki Policji"
