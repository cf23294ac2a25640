"""A seeded fuzzer of the roster readers (issue 20, docs/hostile.md): mutants of a workbook
(.xlsx, .ods) or a CSV file, each read, checked and grouped as `leaflets check` does before
layout, and its problem report written. A mutant passes when the run ends as the CLI would
end it: a report (exit 0 or 1) or a RosterError naming the file (exit 2). Anything else —
another exception, a native crash, a run over its time — is a finding, printed with the
seed and the mutant's number so it can be made again.

    python -m tools.fuzz --kind xlsx --count 300 --seed 20   # `make fuzz` runs more

Mutations: bytes of the file flipped, inserted or removed (what a damaged download or disk
does: the archive's checksums and compressed streams); for a workbook also bytes flipped
inside one XML part, stored again in a valid archive (what reaches the XML and spreadsheet
parsers); for CSV, control characters, quotes, separators and stray bytes put in.

Run in a child process by tests/test_fuzz.py: a native abort of a parser must fail the test,
not end the test run."""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "xlsx": ROOT / "rosters" / "legnica-wzor.xlsx",
    "ods": ROOT / "tests" / "data" / "arkusz.ods",
    "csv": ROOT / "tests" / "data" / "cp1250-srednik.csv",
}
CSV_NOISE = [b"\x00", b"\x1b[2J", b"\x07", b'"', b";", b",", b"\t", b"\r", b"\n", b"\xff", b"\xc5"]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out))
        action = rng.random()
        if action < 0.7:
            out[at] ^= 1 << rng.randrange(8) if rng.random() < 0.5 else rng.randrange(1, 256)
        elif action < 0.85:
            out.insert(at, rng.randrange(256))
        elif len(out) > 1:
            del out[at]
    return bytes(out)


def flip_inside(data: bytes, rng: random.Random) -> bytes:
    """One XML part of the archive damaged, the archive itself valid."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    xml = [i for i, (info, _) in enumerate(members) if info.filename.endswith(".xml")]
    index = rng.choice(xml)
    info, content = members[index]
    members[index] = (info, flip_bytes(content, rng) if content else content)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in members:
            archive.writestr(info.filename, content)
    return buffer.getvalue()


def noisy_csv(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(out) + 1)
        out[at:at] = rng.choice(CSV_NOISE)
    return bytes(out)


def mutant(kind: str, source: bytes, rng: random.Random) -> bytes:
    if kind == "csv":
        return noisy_csv(source, rng) if rng.random() < 0.6 else flip_bytes(source, rng)
    return flip_inside(source, rng) if rng.random() < 0.5 else flip_bytes(source, rng)


def check(path: Path, out: Path) -> str:
    """'0/1' for a report, '2' for the file's RosterError; raises anything else."""
    from leaflets import pipeline
    from leaflets.config import Settings
    from leaflets.errors import RosterError
    from leaflets.output.problem_report import write_problem_report

    settings = Settings(rosters=(path,), out=out)
    try:
        loaded = pipeline.intake(settings)
    except RosterError as exc:
        if not str(exc).startswith(str(path)):
            raise AssertionError(f"the message does not name the file: {exc}") from exc
        return "2"
    write_problem_report(out / "problemy.xlsx", loaded.problems, settings.config.as_of)
    return "0/1"


def run(kind: str, count: int, seed: int, limit_s: float) -> dict[str, object]:
    source = SOURCES[kind].read_bytes()
    outcomes: dict[str, int] = {}
    findings: list[str] = []
    slowest = 0.0
    with tempfile.TemporaryDirectory(prefix="leaflets-fuzz-") as folder:
        for number in range(count):
            rng = random.Random(f"{seed}-{kind}-{number}")
            path = Path(folder) / f"mutant-{number}.{kind}"
            path.write_bytes(mutant(kind, source, rng))
            out = Path(folder) / f"out-{number}"
            out.mkdir()
            started = time.monotonic()
            try:
                outcome = check(path, out)
            except Exception:  # a finding, whatever it is
                outcome = "traceback"
                findings.append(f"{kind} seed {seed} mutant {number}:\n{traceback.format_exc()}")
            took = time.monotonic() - started
            slowest = max(slowest, took)
            if took > limit_s:
                findings.append(f"{kind} seed {seed} mutant {number}: {took:.1f} s")
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            path.unlink()
    return {"kind": kind, "count": count, "outcomes": outcomes, "slowest_s": round(slowest, 2),
            "findings": findings}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=sorted(SOURCES), action="append")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--limit", type=float, default=30.0, help="seconds a mutant may take")
    args = parser.parse_args()
    import logging

    logging.disable(logging.WARNING)
    failed = False
    for kind in args.kind or sorted(SOURCES):
        result = run(kind, args.count, args.seed, args.limit)
        print(json.dumps(result, ensure_ascii=False))
        failed = failed or bool(result["findings"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
