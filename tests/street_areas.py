"""Areas built from roster rows for the street-language tests."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from hypothesis import assume
from hypothesis import strategies as st

from leaflets.areas import Area, CoverageLine, group_areas
from leaflets.config import LeafletConfig
from leaflets.problems import RowRef
from leaflets.roster import RawRow
from leaflets.streets import covers, parse_description
from leaflets.validation import validate

SAMPLE = Path(__file__).resolve().parent.parent / "rosters" / "legnica-wzor.xlsx"
FILE = "rejony.csv"


def build(*rows: dict[str, str]) -> tuple[Area, ...]:
    """Roster rows (rows 2, 3, …) through validation and grouping, as the pipeline does."""
    raw = tuple(
        RawRow(RowRef(FILE, "", index), {k: v for k, v in cells.items() if v})
        for index, cells in enumerate(rows, start=2)
    )
    validated = validate(raw, LeafletConfig(), {FILE: Path("/nonexistent-roster-dir")})
    assert not [p for p in validated.problems if p.is_error], validated.problems
    return group_areas(validated.records).areas


def row(
    area: str,
    ulice: str,
    *,
    town: str = "Legnica",
    unit: str = "KP Legnica",
    numery: str = "",
    officer: int = 0,
) -> dict[str, str]:
    return {
        "jednostka": unit,
        "rejon": area,
        "miejscowosc": town,
        "ulice": ulice,
        "numery": numery,
        "imie": "Jan",
        "nazwisko": f"Testowy{chr(ord('A') + officer)}",
        "telefon": f"600 997 {100 + officer}",
    }


def labels(matches: list[Area]) -> list[str]:
    return [
        area.number
        if area.unit.name.startswith("Komisariat")
        else f"{area.unit.name} {area.number}"
        for area in matches
    ]


# --- properties ------------------------------------------------------------------------------

PARITY_WORDS = {"all": "", "even": "parzyste ", "odd": "nieparzyste "}


@st.composite
def ranges(draw: st.DrawFn) -> tuple[str, int | None, int | None, str]:
    """A description's number part: parity, bounds (None = open) and its text."""
    parity = draw(st.sampled_from(["all", "even", "odd"]))
    start = draw(st.none() | st.integers(1, 300))
    end = draw(st.none() | st.integers(start or 1, 400))
    assume(start is not None or end is not None)
    if start is not None and end is not None:
        bounds = f"od {start} do {end}"
    elif start is not None:
        bounds = f"od {start}"
    else:
        bounds = f"do {end}"
    return parity, start, end, f"{PARITY_WORDS[parity]}{bounds}"


def area_with(base: Area, description: str, town: str = "Legnica") -> Area:
    parsed = parse_description(description)
    assert parsed.unparsed == (), parsed.unparsed
    return replace(
        base, town=town, lines=tuple(CoverageLine(description, c, town) for c in parsed.items)
    )


@functools.cache
def bases() -> tuple[Area, ...]:
    """Two areas whose lines the properties replace (small, so failures print readably)."""
    return build(row("1", "ul. Baza", officer=1), row("2", "ul. Baza", officer=2))


def claims(area: Area, number: int) -> bool:
    return any(line.coverage and covers(line.coverage, str(number)) for line in area.lines)


def fits(parity: str, number: int) -> bool:
    return parity == "all" or (number % 2 == 0) == (parity == "even")
