"""What a user waits for at the command line, timed as whole commands (start-up included):
`--help`, a usage error, `find` and `check` on the bundled sample, a rebuild with nothing
changed, a unit-sized build against the naive build of the same leaflets, and the test loops."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "rosters" / "legnica-wzor.xlsx"
LEAFLETS = (sys.executable, "-m", "leaflets")

TARGET_HELP_S = 0.3
TARGET_FIND_S = 1.0
TARGET_UNIT_RATIO = 0.4
TARGET_TEST_FAST_S = 15.0


@dataclass
class CliFigures:
    """Seconds, the median of `repeats` runs each (the machine is noisy)."""

    repeats: int = 0
    help_s: float = 0.0
    usage_error_s: float = 0.0
    find_s: float = 0.0
    check_s: float = 0.0
    """`check` on the sample after a build into the folder it reads."""
    rebuild_unchanged_s: float = 0.0
    """`build` on the sample again with nothing changed."""
    unit_build_s: float = 0.0
    unit_leaflets: int = 0
    naive_unit_s: float = 0.0
    """The same leaflets rendered the naive way (one document each), in this run."""
    test_fast_s: float | None = None
    test_s: float | None = None
    targets: dict[str, bool] = field(default_factory=dict)

    @property
    def unit_ratio(self) -> float:
        return self.unit_build_s / self.naive_unit_s if self.naive_unit_s else float("nan")


def timed(command: Sequence[str], repeats: int, *, cwd: Path = ROOT) -> float:
    """The median wall time of `command`, which must end with exit code 0, 1 or 2."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1, 2):
            raise SystemExit(f"{' '.join(command)}: kod wyjścia {done.returncode}")
    return statistics.median(times)


def measure_cli(
    work: Path,
    unit_roster: Path,
    unit_leaflets: int,
    naive_ms_per_leaflet: float,
    *,
    repeats: int = 5,
    tests: bool = True,
) -> CliFigures:
    """`unit_roster`: a unit-sized roster of posters; `naive_ms_per_leaflet`: the naive poster
    measured in the same run, for the ratio."""
    figures = CliFigures(repeats=repeats, unit_leaflets=unit_leaflets)
    figures.help_s = timed((*LEAFLETS, "--help"), repeats)
    figures.usage_error_s = timed((*LEAFLETS, "build"), repeats)
    address = ("--adres", "ul. Chojnowska 80, Legnica")
    figures.find_s = timed((*LEAFLETS, "find", str(SAMPLE), *address), repeats)
    out = work / "cli-probka"
    shutil.rmtree(out, ignore_errors=True)
    timed((*LEAFLETS, "build", str(SAMPLE), "--out", str(out)), 1)
    figures.rebuild_unchanged_s = timed((*LEAFLETS, "build", str(SAMPLE), "--out", str(out)), 3)
    figures.check_s = timed((*LEAFLETS, "check", str(SAMPLE), "--out", str(out)), 3)
    unit_out = work / "cli-jednostka"
    posters = ("--format", "plakat-a4", "--force", "--out", str(unit_out))
    figures.unit_build_s = timed((*LEAFLETS, "build", str(unit_roster), *posters), 2)
    figures.naive_unit_s = naive_ms_per_leaflet * unit_leaflets / 1000
    if tests:
        figures.test_fast_s = timed(("make", "test-fast"), 1)
        figures.test_s = timed(("make", "test"), 1)
    figures.targets = {
        "help": figures.help_s <= TARGET_HELP_S,
        "usage_error": figures.usage_error_s <= TARGET_HELP_S,
        "find": figures.find_s <= TARGET_FIND_S,
        "check": figures.check_s <= figures.rebuild_unchanged_s,
        "unit_build": figures.unit_ratio <= TARGET_UNIT_RATIO,
    }
    if figures.test_fast_s is not None:
        figures.targets["test_fast"] = figures.test_fast_s <= TARGET_TEST_FAST_S
    return figures


def rows(figures: CliFigures) -> list[tuple[str, str, str, str]]:
    """The table rows: measure, value, target, met."""
    t = figures.targets

    def yes(key: str) -> str:
        return "TAK" if t.get(key) else "NIE"

    found = [
        ("leaflets --help", f"{figures.help_s:.2f} s", f"≤ {TARGET_HELP_S} s", yes("help")),
        (
            "błąd użycia (leaflets build bez wykazu)",
            f"{figures.usage_error_s:.2f} s",
            f"≤ {TARGET_HELP_S} s",
            yes("usage_error"),
        ),
        ("find na próbce", f"{figures.find_s:.2f} s", f"≤ {TARGET_FIND_S:.0f} s", yes("find")),
        (
            "check na próbce po budowie / przebudowa bez zmian",
            f"{figures.check_s:.2f} s / {figures.rebuild_unchanged_s:.2f} s",
            "check ≤ przebudowa",
            yes("check"),
        ),
        (
            f"budowa jednostki ({figures.unit_leaflets} plakatów) / naiwnie",
            f"{figures.unit_build_s:.1f} s / {figures.naive_unit_s:.1f} s"
            f" = {figures.unit_ratio:.2f}×",
            f"≤ {TARGET_UNIT_RATIO}×",
            yes("unit_build"),
        ),
    ]
    if figures.test_fast_s is not None:
        found.append(
            (
                "make test-fast",
                f"{figures.test_fast_s:.1f} s",
                f"≤ {TARGET_TEST_FAST_S:.0f} s",
                yes("test_fast"),
            )
        )
    if figures.test_s is not None:
        found.append(("make test (cały zestaw)", f"{figures.test_s:.0f} s", "", ""))
    return found
