"""Measure the street language on the real-description corpus: segments understood, lookups right.

    python -m tools.street_corpus                 # this tree
    python -m tools.street_corpus --tree /tmp/old # another checkout's leaflets/ (before/after)

The tables are tests/data/real/segments.json (every segment of the texts in
tests/data/real/descriptions/ with the reading a careful person gives it) and
tests/data/real/lookups.json (addresses with the area(s) that must answer, or none). The tool
reads them from this repository and runs another tree's parser on them, so the lead can print
the "before" figures of any older commit (it knows the API of 6de1bc8 and 9db74c0 too).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"
TYPES = ("ul.", "al.", "pl.", "os.", "rondo", "pasaż", "gmina")


@dataclass(frozen=True)
class Figures:
    segments: int
    understood: int
    printed_right: int
    items: int
    types_right: int
    lookups: int
    right: int
    wrong: int
    not_found: int
    wrong_cases: tuple[str, ...]
    not_found_cases: tuple[str, ...]
    misprinted: tuple[str, ...]


def texts() -> dict[tuple[str, int], str]:
    """(file, index) -> the description text, as the corpus holds it."""
    found = {}
    for path in sorted((DATA / "descriptions").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = [a["description"] for a in data["areas"]] if "areas" in data else data["texts"]
        for index, text in enumerate(entries):
            found[path.name, index] = text
    return found


def street_type(printed: str) -> str:
    return next((kind for kind in TYPES if printed.startswith(f"{kind} ")), "")


def _load(tree: Path | None) -> tuple[ModuleType, ModuleType, Any]:
    if tree is not None:
        sys.path.insert(0, str(tree))
        for name in [n for n in sys.modules if n == "leaflets" or n.startswith("leaflets.")]:
            del sys.modules[name]
    streets = importlib.import_module("leaflets.streets")
    try:
        lookup = importlib.import_module("leaflets.lookup")  # 6de1bc8
    except ImportError:
        lookup = streets
    return streets, lookup, importlib.import_module("leaflets.areas")


def measure(tree: Path | None = None) -> Figures:
    streets, lookup, areas_module = _load(tree)
    corpus = texts()
    parsed = {key: streets.parse_description(text) for key, text in corpus.items()}
    rows = json.loads((DATA / "segments.json").read_text(encoding="utf-8"))
    understood = printed_right = items = types_right = 0
    misprinted = []
    for row in rows:
        description = parsed[row["file"], row["text"]]
        own = [c for c in description.items if c.source.split("\n")[0] == row["segment"]]
        continued = any(row["segment"] in c.source.split("\n")[1:] for c in description.items)
        headings = getattr(description, "headings", ())
        ok = bool(own) or continued or row["segment"] in headings
        understood += ok
        printed = [streets.format_coverage(c) for c in own]
        if row["kind"] == "verbatim":
            printed_right += row["segment"] in description.unparsed
        elif row["kind"] in ("heading", "continuation"):
            printed_right += ok
        else:
            printed_right += printed == row["expected"]
            if printed != row["expected"]:
                misprinted.append(f"{row['segment']!r}: {printed} != {row['expected']}")
            items += len(row["expected"])
            if len(printed) == len(row["expected"]):
                types_right += sum(
                    street_type(a) == street_type(e)
                    for a, e in zip(printed, row["expected"], strict=True)
                )
    cases = json.loads((DATA / "lookups.json").read_text(encoding="utf-8"))
    by_file = _areas(corpus, cases["towns"], areas_module)
    outcome: Counter[str] = Counter()
    wrong, missing = [], []
    for case in cases["cases"]:
        address = lookup.parse_address(case["address"])
        found = [] if address is None else lookup.find_by_address(by_file[case["file"]], address)
        definite = {m.area.number for m in found if getattr(m, "certainty", "exact") == "exact"}
        partial = {m.area.number for m in found if getattr(m, "certainty", "exact") == "part"}
        expected = set(case["areas"])
        if case.get("part"):
            kind = "right" if partial == expected and not definite else "not found"
        elif definite - expected:
            kind = "wrong"
        elif definite == expected:
            kind = "right"
        else:
            kind = "not found"
        outcome[kind] += 1
        label = (
            f"{case['file']}: {case['address']!r} -> {sorted(definite)} (want {sorted(expected)})"
        )
        if kind == "wrong":
            wrong.append(label)
        elif kind == "not found":
            missing.append(label)
    return Figures(
        len(rows),
        understood,
        printed_right,
        items,
        types_right,
        len(cases["cases"]),
        outcome["right"],
        outcome["wrong"],
        outcome["not found"],
        tuple(wrong),
        tuple(missing),
        tuple(misprinted),
    )


def _areas(
    corpus: dict[tuple[str, int], str], towns: dict[str, str], areas_module: ModuleType
) -> dict[str, Any]:
    """One unit per file, one area per text (numbered from 1), through validation and
    grouping as a roster's rows go."""
    validation = importlib.import_module("leaflets.validation")
    problems = importlib.import_module("leaflets.problems")
    roster = importlib.import_module("leaflets.roster")
    config = importlib.import_module("leaflets.config")
    by_file: dict[str, Any] = {}
    for file in sorted({file for file, _ in corpus}):
        raw = tuple(
            roster.RawRow(
                problems.RowRef(file, "", index + 2),
                {
                    "jednostka": file,
                    "rejon": str(index + 1),
                    "miejscowosc": towns[file],
                    "ulice": text,
                    "imie": "Jan",
                    "nazwisko": f"Testowy{index}",
                    "telefon": f"600 997 {100 + index}",
                },
            )
            for (name, index), text in sorted(corpus.items())
            if name == file
        )
        records = validation.validate(raw, config.LeafletConfig(), {file: Path("/nonexistent")})
        by_file[file] = areas_module.group_areas(records.records).areas
    return by_file


def report(figures: Figures, verbose: bool = False) -> str:
    def share(part: int, whole: int) -> str:
        return f"{part}/{whole} ({100 * part / whole:.1f} %)" if whole else "0/0"

    lines = [
        "segments understood (parsed or read as a heading): "
        + share(figures.understood, figures.segments),
        "segments read as the table says (printed form):     "
        + share(figures.printed_right, figures.segments),
        "printed street type right, per item:                "
        + share(figures.types_right, figures.items),
        f"lookups right:     {share(figures.right, figures.lookups)}",
        f"lookups wrong:     {share(figures.wrong, figures.lookups)}",
        f"lookups not found: {share(figures.not_found, figures.lookups)}",
    ]
    if verbose:
        lines += ["", "wrong:", *figures.wrong_cases, "", "not found:", *figures.not_found_cases]
        lines += ["", "printed otherwise:", *figures.misprinted]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="a checkout whose leaflets/ to measure")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    print(report(measure(args.tree), args.verbose))


if __name__ == "__main__":
    main()
