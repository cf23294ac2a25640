"""`make bench`: the national-scale `plakat-a4` build against the naive baseline, in one run.

    .venv/bin/python -m tools.bench.run                 # 8,300 areas
    .venv/bin/python -m tools.bench.run --areas 300     # a quick run
    .venv/bin/python -m tools.bench.run --json bench.json

Steps: (1) generate the synthetic roster into a temporary folder; (2) render the first
`--naive-sample` areas with the naive baseline and with `leaflets` (same leaflets, same run) for
the per-leaflet ratio; (3) the full build, timed, with peak memory; (4) change one row and
rebuild incrementally; (5) the web app over HTTP on the sample (tools.bench.web). Prints the
figures and whether each target is met: the 8,300-area build under 180 s, 15 times faster per
leaflet than a naive one-document-per-leaflet build, under 1.5 GB of memory, a rebuild after
one changed row under 10 s, the web app's page and rebuild times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import weasyprint

from leaflets import pipeline
from leaflets.config import LeafletConfig, Settings
from leaflets.formats import FORMATS
from leaflets.streets.inflection import analyser
from tools.bench.cli import CliFigures, measure_cli
from tools.bench.cli import rows as cli_rows
from tools.bench.hostile import HostileFigure, measure_hostile
from tools.bench.hostile import rows as hostile_rows
from tools.bench.naive_baseline import run_naive, run_naive_poster
from tools.bench.synthetic_roster import (
    DEFAULT_AREAS,
    DEFAULT_SEED,
    Row,
    change_one_row,
    first_areas,
    write_roster,
    write_rows,
)
from tools.bench.web import WebFigure, measure_web

FORMAT = "plakat-a4"
AS_OF = dt.date(2026, 1, 1)  # a fixed "stan na", so the bench output does not depend on the day
MIB = 1024 * 1024

TARGET_RATIO = 15.0
TARGET_FULL_S = 180.0
TARGET_RSS_MIB = 1.5 * 1024
TARGET_REBUILD_S = 10.0


PHASES = {
    1: "odczyt",
    2: "sprawdzenie",
    3: "grupowanie",
    4: "składanie PDF",
    5: "manifest",
}
"""The pipeline's logged steps ("Krok N/5 — ...") and their short names in the table."""
_STEP_RE = re.compile(r"^Krok (\d+)/\d+")


class PhaseClock(logging.Handler):
    """Times the pipeline's steps from its own INFO log lines, without printing them."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.marks: list[tuple[float, int]] = []

    def emit(self, record: logging.LogRecord) -> None:
        match = _STEP_RE.match(record.getMessage())
        if match:
            self.marks.append((time.perf_counter(), int(match.group(1))))

    def phases(self, end: float) -> dict[str, float]:
        found: dict[str, float] = {}
        for (start, step), (stop, _) in zip(self.marks, [*self.marks[1:], (end, 0)], strict=True):
            name = PHASES.get(step, f"krok {step}")
            found[name] = found.get(name, 0.0) + stop - start
        return found


@contextmanager
def phase_clock() -> Iterator[PhaseClock]:
    logger = logging.getLogger("leaflets.pipeline")
    clock, level = PhaseClock(), logger.level
    logger.addHandler(clock)
    logger.setLevel(logging.INFO)
    try:
        yield clock
    finally:
        logger.removeHandler(clock)
        logger.setLevel(level)


@dataclass(frozen=True)
class Build:
    """One timed `pipeline.run`."""

    wall_s: float
    areas: int
    leaflets: int
    errors: int
    warnings: int
    phases: dict[str, float]

    @property
    def ms_per_leaflet(self) -> float:
        return self.wall_s * 1000 / self.leaflets if self.leaflets else float("nan")

    @property
    def leaflets_per_s(self) -> float:
        return self.leaflets / self.wall_s if self.wall_s else float("nan")


@dataclass
class Figures:
    """Everything the run measured; written as JSON with `--json`."""

    machine: dict[str, Any]
    roster: dict[str, Any]
    naive_sample_leaflets: int = 0
    naive_ms_per_leaflet: float = 0.0
    """The simple naive leaflet (the original baseline), ms per leaflet."""
    naive_poster_ms_per_leaflet: float = 0.0
    """Our own poster rendered the naive way, ms per leaflet."""
    sample_ms_per_leaflet: float = 0.0
    ratio_sample: float = 0.0
    ratio_full: float = 0.0
    ratio_poster_sample: float = 0.0
    ratio_poster_full: float = 0.0
    full_wall_s: float = 0.0
    full_areas: int = 0
    full_leaflets: int = 0
    full_leaflets_per_s: float = 0.0
    full_ms_per_leaflet: float = 0.0
    full_warnings: int = 0
    full_pages_in_print_files: tuple[int, int] | None = None
    """(pages in the print files, pages in the area files)."""
    peak_rss_mib: float = 0.0
    """max(ru_maxrss of this process, of its largest finished child): the largest process."""
    peak_rss_total_mib: float | None = None
    """Sum of the RSS of this process and all its children, sampled: the machine's view."""
    morphology_load_s: float = 0.0
    """Loading Morfeusz 2 and its dictionary (once per process; the street parser's case forms)."""
    rebuild_s: float = 0.0
    rebuild_changed: dict[str, Any] = field(default_factory=dict)
    rebuild_rewritten_area_pdfs: int = 0
    rebuild_rewritten_print_pdfs: int = 0
    full_phases: dict[str, float] = field(default_factory=dict)
    rebuild_phases: dict[str, float] = field(default_factory=dict)
    """Seconds per pipeline step, from its "Krok N/5" log lines (empty if they change)."""
    targets: dict[str, bool] = field(default_factory=dict)
    cli: CliFigures | None = None
    """Whole commands as a user waits for them (tools.bench.cli)."""
    web: list[WebFigure] = field(default_factory=list)
    """The web app over HTTP on the sample (tools.bench.web); empty with --bez-www."""
    hostile: list[HostileFigure] = field(default_factory=list)
    """`check` on the largest roster the limits let in (tools.bench.hostile)."""


def machine() -> dict[str, Any]:
    cpu_model = ""
    memory_kib = 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count() or 1
    return {
        "cpus": os.cpu_count() or 1,
        "cpus_usable": usable,
        "cpu_model": cpu_model or platform.processor(),
        "memory_gib": round(memory_kib / MIB, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "weasyprint": weasyprint.__version__,
        "leaflets": version("leaflets"),
    }


def peak_rss_mib() -> float:
    """ru_maxrss is in KiB on Linux (bytes on macOS)."""
    scale = 1 if sys.platform == "darwin" else 1024
    peaks = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return max(peaks) * scale / MIB


class TreeRss:
    """Samples the summed RSS of this process and its descendants (Linux /proc) in a thread.
    Pages shared between processes are counted in each, so this is an upper bound."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peak_bytes = 0
        self.available = Path("/proc/self/stat").is_file()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._page = os.sysconf("SC_PAGE_SIZE") if self.available else 0

    def __enter__(self) -> TreeRss:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.available:
            self._thread.join()

    def _loop(self) -> None:
        while True:
            self.peak_bytes = max(self.peak_bytes, self.sample())
            if self._stop.wait(self.interval):
                return

    def sample(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue  # the process ended meanwhile
            fields = stat[stat.rindex(")") + 2 :].split()
            pid = int(entry.name)
            parents[pid] = int(fields[1])
            rss[pid] = int(fields[21]) * self._page
        root = os.getpid()
        total = 0
        for pid, size in rss.items():
            ancestor = pid
            while ancestor not in (root, 0, 1) and ancestor in parents:
                ancestor = parents[ancestor]
            if ancestor == root:
                total += size
        return total

    @property
    def peak_mib(self) -> float | None:
        return self.peak_bytes / MIB if self.available else None


def timed_build(settings: Settings) -> Build:
    with phase_clock() as clock:
        start = time.perf_counter()
        report = pipeline.run(settings)
        end = time.perf_counter()
    spec = FORMATS[FORMAT]
    leaflets = sum(spec.expected_pages(len(area.officers)) for area in report.areas)
    return Build(
        end - start,
        len(report.areas),
        leaflets,
        report.errors,
        report.warnings,
        clock.phases(end),
    )


def settings_for(roster: Path, out: Path, jobs: int | None, *, force: bool) -> Settings:
    return Settings(
        rosters=(roster,),
        out=out,
        formats=(FORMAT,),
        config=LeafletConfig(as_of=AS_OF),
        jobs=jobs,
        force=force,
    )


def pdf_states(out: Path) -> dict[Path, tuple[int, int]]:
    """Every PDF under `out` -> (inode, mtime): a rename-written file gets a new inode."""
    states: dict[Path, tuple[int, int]] = {}
    for path in out.rglob("*.pdf"):
        stat = path.stat()
        states[path] = (stat.st_ino, stat.st_mtime_ns)
    return states


def print_file_pages(out: Path) -> tuple[int, int] | None:
    """(pages in all combined print files `druk-plakat-a4.pdf`, pages in all area files), or
    None when unreadable. Equal when every area page is in its unit's print file once; a
    poster whose content runs over (reported as a warning) has two pages in both."""
    try:
        import pikepdf

        def pages(pattern: str) -> int:
            total = 0
            for path in out.rglob(pattern):
                with pikepdf.open(path) as pdf:
                    total += len(pdf.pages)
            return total

        return pages(f"druk-{FORMAT}.pdf"), pages(f"{FORMAT}.pdf")
    except Exception:  # a diagnostic only: never fail the benchmark on it
        return None


@contextmanager
def step(text: str) -> Iterator[None]:
    print(f"… {text}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    yield
    print(f"  gotowe w {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)


def measure_naive(
    args: argparse.Namespace, work: Path, rows: Sequence[Row], sample: Path, figures: Figures
) -> None:
    """The two naive baselines on the sample: the simple naive leaflet and our own poster."""
    with step(f"podejście naiwne: {len(rows)} ulotek, każda osobnym dokumentem"):
        figures.naive_ms_per_leaflet = run_naive(rows, work / "naiwnie")
    with step("nasz plakat podejściem naiwnym: ta sama próbka, każdy osobnym dokumentem"):
        settings = settings_for(sample, work / "naiwnie-plakat", args.jobs, force=True)
        figures.naive_poster_ms_per_leaflet, _ = run_naive_poster(settings, settings.out)


def measure_commands(
    args: argparse.Namespace, work: Path, sample: Path, leaflets: int, figures: Figures
) -> CliFigures:
    with step("wiersz poleceń: --help, błąd użycia, find, check, budowa jednostki, testy"):
        return measure_cli(
            work, sample, leaflets, figures.naive_poster_ms_per_leaflet, tests=not args.no_tests
        )


def load_morphology() -> float:
    """Seconds to load Morfeusz 2 (the street parser loads it once per process)."""
    with step("słownik morfologiczny (Morfeusz 2)"):
        start = time.perf_counter()
        analyser()
        return time.perf_counter() - start


def measure_www(args: argparse.Namespace, work: Path) -> list[WebFigure]:
    """The web app's figures (a real `leaflets serve`), unless --bez-www."""
    if args.no_web:
        return []
    with step("aplikacja www na wykazie przykładowym"):
        folder = work / "www"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        return measure_web(folder)


def measure_all(args: argparse.Namespace, work: Path) -> Figures:
    """The build figures (`measure`), then the web app's."""
    figures = measure(args, work)
    figures.web = measure_www(args, work)
    if not args.no_hostile:
        with step("check na wykazach 100 000 i 150 000 wierszy"):
            figures.hostile = measure_hostile(work, work / "wykaz-krajowy.csv", args.areas)
    return figures


def measure(args: argparse.Namespace, work: Path) -> Figures:
    for name in ("naiwnie", "naiwnie-plakat", "probka-out", "out"):
        shutil.rmtree(work / name, ignore_errors=True)  # a reused --workdir starts clean
    roster = work / "wykaz-krajowy.csv"
    with step(f"generowanie wykazu: {args.areas} rejonów (ziarno {args.seed})"):
        start = time.perf_counter()
        rows = write_roster(roster, args.areas, args.seed)
        generated = time.perf_counter() - start
    figures = Figures(
        machine=machine(),
        roster={
            "areas": args.areas,
            "rows": len(rows),
            "seed": args.seed,
            "bytes": roster.stat().st_size,
            "generate_s": round(generated, 2),
        },
    )
    figures.machine["jobs"] = args.jobs or os.cpu_count() or 1

    figures.morphology_load_s = load_morphology()

    sample_rows = first_areas(rows, min(args.naive_sample, args.areas))
    sample = work / "probka.csv"
    write_rows(sample, sample_rows)
    figures.naive_sample_leaflets = len(sample_rows)
    measure_naive(args, work, sample_rows, sample, figures)
    with step(f"leaflets na tej samej próbce ({len(sample_rows)} ulotek)"):
        sampled = timed_build(settings_for(sample, work / "probka-out", args.jobs, force=True))
    figures.sample_ms_per_leaflet = sampled.ms_per_leaflet
    figures.cli = measure_commands(args, work, sample, sampled.leaflets, figures)
    figures.ratio_sample = figures.naive_ms_per_leaflet / sampled.ms_per_leaflet
    figures.ratio_poster_sample = figures.naive_poster_ms_per_leaflet / sampled.ms_per_leaflet

    out = work / "out"
    with step(f"pełna budowa: {args.areas} rejonów, format {FORMAT}"), TreeRss() as tree:
        full = timed_build(settings_for(roster, out, args.jobs, force=True))
    figures.peak_rss_mib = peak_rss_mib()
    figures.peak_rss_total_mib = tree.peak_mib
    figures.full_wall_s = full.wall_s
    figures.full_phases = full.phases
    figures.full_areas = full.areas
    figures.full_leaflets = full.leaflets
    figures.full_leaflets_per_s = full.leaflets_per_s
    figures.full_ms_per_leaflet = full.ms_per_leaflet
    figures.full_warnings = full.warnings
    figures.ratio_full = figures.naive_ms_per_leaflet / full.ms_per_leaflet
    figures.ratio_poster_full = figures.naive_poster_ms_per_leaflet / full.ms_per_leaflet
    figures.full_pages_in_print_files = print_file_pages(out)
    if full.errors or sampled.errors:
        raise SystemExit(f"Błędy w wykazie syntetycznym ({full.errors}) — to błąd generatora.")

    before = pdf_states(out)
    changed = change_one_row(roster)
    figures.rebuild_changed = asdict(changed)
    with step(f"zmiana 1 wiersza (telefon, wiersz {changed.row}) i przebudowa"):
        rebuilt = timed_build(settings_for(roster, out, args.jobs, force=False))
    figures.rebuild_s = rebuilt.wall_s
    figures.rebuild_phases = rebuilt.phases
    after = pdf_states(out)
    rewritten = [path for path, state in after.items() if before.get(path) != state]
    figures.rebuild_rewritten_print_pdfs = sum(p.name.startswith("druk-") for p in rewritten)
    figures.rebuild_rewritten_area_pdfs = len(rewritten) - figures.rebuild_rewritten_print_pdfs

    rss_for_target = figures.peak_rss_total_mib or figures.peak_rss_mib
    figures.targets = {
        # Per leaflet, like for like: the same poster rendered naively vs in the full build.
        "ratio": figures.ratio_poster_full >= TARGET_RATIO,
        "full_build": figures.full_wall_s < TARGET_FULL_S,
        "peak_rss": rss_for_target < TARGET_RSS_MIB,
        "rebuild": figures.rebuild_s < TARGET_REBUILD_S,
    }
    return figures


def _yes(ok: bool) -> str:
    return "TAK" if ok else "NIE"


def table(figures: Figures) -> str:
    m, r, t = figures.machine, figures.roster, figures.targets
    total_rss = figures.peak_rss_total_mib
    rows: list[tuple[str, str, str, str]] = [
        ("ulotki na sekundę (pełna budowa)", f"{figures.full_leaflets_per_s:.1f}", "", ""),
        ("ms na ulotkę (pełna budowa)", f"{figures.full_ms_per_leaflet:.1f}", "", ""),
        (
            f"ms na ulotkę — naiwnie, prosta ulotka (próbka {figures.naive_sample_leaflets})",
            f"{figures.naive_ms_per_leaflet:.1f}",
            "",
            "",
        ),
        (
            "ms na ulotkę — naiwnie, nasz plakat (ta sama próbka)",
            f"{figures.naive_poster_ms_per_leaflet:.1f}",
            "",
            "",
        ),
        (
            "ms na ulotkę — leaflets (ta sama próbka)",
            f"{figures.sample_ms_per_leaflet:.1f}",
            "",
            "",
        ),
        (
            "przyspieszenie — prosta ulotka: próbka / pełna budowa",
            f"{figures.ratio_sample:.1f}× / {figures.ratio_full:.1f}×",
            "",
            "",
        ),
        (
            "przyspieszenie — nasz plakat: próbka",
            f"{figures.ratio_poster_sample:.1f}×",
            "",
            "",
        ),
        (
            "przyspieszenie — nasz plakat: pełna budowa",
            f"{figures.ratio_poster_full:.1f}×",
            f"≥ {TARGET_RATIO:.0f}×",
            _yes(t["ratio"]),
        ),
        (
            f"pełna budowa: {figures.full_areas} rejonów, {figures.full_leaflets} ulotek",
            f"{figures.full_wall_s:.1f} s",
            f"< {TARGET_FULL_S:.0f} s",
            _yes(t["full_build"]),
        ),
        (
            "wczytanie słownika Morfeusz 2 (raz na proces)",
            f"{figures.morphology_load_s:.2f} s",
            "",
            "",
        ),
        (
            "szczytowe RSS — największy proces (getrusage)",
            f"{figures.peak_rss_mib:.0f} MiB",
            "" if total_rss is not None else f"< {TARGET_RSS_MIB:.0f} MiB",
            "" if total_rss is not None else _yes(t["peak_rss"]),
        ),
    ]
    if total_rss is not None:
        rows.append(
            (
                "szczytowe RSS — suma wszystkich procesów",
                f"{total_rss:.0f} MiB",
                f"< {TARGET_RSS_MIB:.0f} MiB",
                _yes(t["peak_rss"]),
            )
        )
    rows += [
        (
            "przebudowa po zmianie 1 wiersza",
            f"{figures.rebuild_s:.1f} s",
            f"< {TARGET_REBUILD_S:.0f} s",
            _yes(t["rebuild"]),
        ),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    widths[0] = max(widths[0], len("miara"))
    header = ("miara", "wartość", "cel", "wynik")
    lines = [
        f"Wydajność — {FORMAT} (leaflets {m['leaflets']})",
        f"  maszyna: {m['cpus']} CPU ({m['cpus_usable']} dostępne, jobs={m['jobs']}),"
        f" {m['cpu_model']}, {m['memory_gib']} GiB RAM",
        f"           {m['platform']}",
        f"           Python {m['python']}, WeasyPrint {m['weasyprint']}",
        f"  wykaz:   {r['areas']} rejonów, {r['rows']} wierszy, ziarno {r['seed']},"
        f" {r['bytes'] / MIB:.1f} MiB CSV, wygenerowany w {r['generate_s']} s",
        "",
        "  " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        "  " + "-" * (sum(widths) + 6),
    ]
    lines += [
        "  "
        + "  ".join(
            (cell.ljust(w) if i == 0 else cell.rjust(w) if i == 1 else cell.ljust(w))
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    counted = figures.full_pages_in_print_files
    if counted is not None:
        printed, in_areas = counted
        state = "zgodnie" if printed == in_areas else "NIEZGODNIE"
        lines.append(
            f"\n  strony w plikach zbiorczych: {printed}, w plikach rejonów: {in_areas} ({state};"
            f" {figures.full_leaflets} plakatów); ostrzeżeń budowy: {figures.full_warnings}"
        )
    lines.append(
        f"  przebudowa przepisała {figures.rebuild_rewritten_area_pdfs} plik(ów) PDF rejonów"
        f" i {figures.rebuild_rewritten_print_pdfs} plik(ów) zbiorczych"
    )
    for label, phases in (
        ("pełnej budowy", figures.full_phases),
        ("przebudowy", figures.rebuild_phases),
    ):
        if phases:
            parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
            lines.append(f"  kroki {label}: {parts}")
    if total_rss is not None:
        lines.append(
            "  RSS sumy procesów liczy strony współdzielone w każdym procesie (górne oszacowanie)."
        )
    if figures.cli is not None:
        lines += ["", f"Wiersz poleceń (mediana z {figures.cli.repeats} uruchomień, z startem)"]
        lines += _aligned(cli_rows(figures.cli))
    if figures.web:
        lines += ["", "Aplikacja www (leaflets serve na wykazie przykładowym, przez HTTP)"]
        lines += _aligned(
            [(f.measure, f"{f.seconds:.2f} s", f.target, _yes(f.met)) for f in figures.web]
        )
    if figures.hostile:
        lines += ["", "Wykazy wrogie i największe, jakie wpuszczają limity, na zimno"]
        lines += _aligned(hostile_rows(figures.hostile))
    return "\n".join(lines)


def _aligned(rows: list[tuple[str, str, str, str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return [
        "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench.run",
        description="Benchmark: budowa w skali kraju kontra podejście naiwne.",
    )
    parser.add_argument("--areas", type=int, default=DEFAULT_AREAS, help="liczba rejonów")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="ziarno generatora")
    parser.add_argument(
        "--naive-sample", type=int, default=40, help="rejony w próbce do porównania z naiwnym"
    )
    parser.add_argument("--jobs", type=int, default=None, help="procesy (domyślnie: wszystkie)")
    parser.add_argument("--json", type=Path, default=None, help="zapisz wyniki do pliku JSON")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="folder roboczy (zostaje); domyślnie tymczasowy"
    )
    parser.add_argument(
        "--check", action="store_true", help="kod wyjścia 1, gdy któryś cel nie jest spełniony"
    )
    parser.add_argument(
        "--bez-testow",
        dest="no_tests",
        action="store_true",
        help="nie mierz czasu make test-fast i make test",
    )
    parser.add_argument(
        "--bez-www",
        dest="no_web",
        action="store_true",
        help="nie mierz aplikacji www (leaflets serve)",
    )
    parser.add_argument(
        "--bez-duzego",
        dest="no_hostile",
        action="store_true",
        help="nie mierz check na wykazach 100 000 i 150 000 wierszy",
    )
    args = parser.parse_args(argv)
    if args.areas < 1 or args.naive_sample < 1:
        parser.error("--areas i --naive-sample muszą być dodatnie")
    return args


def with_workdir(args: argparse.Namespace, body: Callable[[Path], Figures]) -> Figures:
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        return body(args.workdir)
    with tempfile.TemporaryDirectory(prefix="leaflets-bench-") as folder:
        return body(Path(folder))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)  # the step clock turns INFO on for one logger
    figures = with_workdir(args, lambda work: measure_all(args, work))
    print(table(figures))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(asdict(figures), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    counted = figures.full_pages_in_print_files
    pages_ok = counted is None or counted[0] == counted[1]
    if not pages_ok:
        return 1
    met = [
        *figures.targets.values(),
        *(figures.cli.targets.values() if figures.cli else ()),
        *(f.met for f in figures.web),
        *(f.met for f in figures.hostile),
    ]
    return 1 if args.check and not all(met) else 0


if __name__ == "__main__":
    raise SystemExit(main())
