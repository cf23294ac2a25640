"""`check` on the hostile review's 100,000-row roster and on the largest the limits let in
(issue 20): rows in the long shape, areas of 20 street rows each, 50 areas a unit; every person
invented, the streets named after a numbered test street. Timed as a user waits for it, with
the peak memory of the whole process tree, against the reading alone (`find` on the same
file) in the same run.

    .venv/bin/python -m tools.bench.hostile        # prints the table
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make `tools` and `leaflets` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
LEAFLETS = (sys.executable, "-m", "leaflets")
TARGET_S = 60.0
TARGET_MIB = 1024.0

_FIRST = ("Anna", "Jan", "Piotr", "Ewa", "Marek", "Agata", "Tomasz", "Katarzyna")
_LAST = (
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
    "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski",
    "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski",
)  # fmt: skip


def write_crowded_roster(path: Path, areas: int = 5_000, streets: int = 20) -> int:
    """The roster, as .xlsx; returns its data rows. Each area has its own officer (a double
    surname, so no two areas share one) and `streets` streets, shared with the areas 100
    further on, with ranges that overlap (the overlap check's worst case)."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Dzielnicowi")
    sheet.append(
        ["Jednostka", "Rejon", "Stopień", "Imię", "Nazwisko", "Telefon", "Ulica", "Numery"]
    )
    for area in range(areas):
        unit = f"Komisariat Policji Przykładowo-{area // 50 + 1} (fikcyjny)"
        first = _FIRST[area % len(_FIRST)]
        pair = area // len(_FIRST)
        last = f"{_LAST[pair % len(_LAST)]}-{_LAST[pair // len(_LAST) % len(_LAST)]}"
        phone = f"600 {area // 1000:03d} {area % 1000:03d}"
        for street in range(streets):
            name = f"ul. Testowa {(area * streets + street) % 2_000 + 1}"
            sheet.append(
                [unit, str(area % 50 + 1), "st. sierż.", first, last, phone, name,
                 f"{street + 1}-{street + 30}"]
            )  # fmt: skip
    book.save(path)
    return areas * streets


@dataclass(frozen=True)
class HostileFigure:
    measure: str
    value: float
    unit: str
    target: str
    met: bool


def _timed(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Seconds, the process tree's peak RSS in MiB, and the exit code of one run."""
    from tools.bench.run import MIB, TreeRss

    with TreeRss() as tree:
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        seconds = time.perf_counter() - start
    if done.returncode not in (0, 1, 2):
        raise SystemExit(f"{' '.join(command)}: kod wyjścia {done.returncode}")
    return seconds, tree.peak_bytes / MIB, done.returncode


def measure_hostile(
    work: Path, national: Path | None = None, areas: int = 0
) -> list[HostileFigure]:
    """The review's 100,000 rows and the most rows a sheet may have (`limits.MAX_ROWS`, its
    header included); `national`: the benchmark's synthetic roster, whose cold `check` is
    timed too."""
    from leaflets import limits

    figures: list[HostileFigure] = []
    for wanted in (100_000, limits.MAX_ROWS - 1):
        figures += _measure_rows(work, wanted // 20)
    if national is not None:
        empty = work / "pusty-krajowy"
        seconds, mib, code = _timed([*LEAFLETS, "check", str(national), "--out", str(empty)], work)
        cold = f"check, wykaz syntetyczny {areas} rejonów, na zimno (kod {code})"
        figures += [
            HostileFigure(cold, seconds, "s", "≤ 60 s", seconds <= TARGET_S),
            HostileFigure("  szczyt pamięci procesów", mib, "MiB", "≤ 1024 MiB", mib <= TARGET_MIB),
        ]  # fmt: skip
    return figures


def _measure_rows(work: Path, areas: int) -> list[HostileFigure]:
    roster = work / f"wykaz-{areas}.xlsx"
    rows = write_crowded_roster(roster, areas)
    # `find` reads, validates and groups: the part of `check` no limit shortens.
    read_s, read_mib, _ = _timed([*LEAFLETS, "find", roster.name, "--nazwisko", "Brak"], work)
    check_s, check_mib, code = _timed(
        [*LEAFLETS, "check", roster.name, "--out", str(work / f"pusty-{areas}")], work
    )
    checked = f"check, {rows} wierszy (kod {code})"
    return [
        HostileFigure(checked, check_s, "s", "≤ 60 s", check_s <= TARGET_S),
        HostileFigure("  w tym czytanie i grupowanie (find)", read_s, "s", "", True),
        HostileFigure("  szczyt pamięci procesów", check_mib, "MiB", "≤ 1024 MiB",
                      check_mib <= TARGET_MIB),
        HostileFigure("  find: szczyt pamięci", read_mib, "MiB", "", True),
    ]  # fmt: skip


def rows(figures: list[HostileFigure]) -> list[tuple[str, str, str, str]]:
    return [(f.measure, f"{f.value:.1f} {f.unit}", f.target, _met(f)) for f in figures]


def _met(figure: HostileFigure) -> str:
    return "" if not figure.target else "tak" if figure.met else "NIE"


def main() -> int:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="leaflets-hostile-") as folder:
        figures = measure_hostile(Path(folder))
    for row in rows(figures):
        print("  ".join(row))
    return 0 if all(f.met for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
