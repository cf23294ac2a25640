"""Tests for leaflets.ranks: police ranks in any common spelling -> the standard abbreviation."""

from __future__ import annotations

import pytest

from leaflets.ranks import RANKS, full_rank, normalise_rank
from leaflets.text import fold

# The ranks of the Police Act (ustawa o Policji, art. 47) and their standard abbreviations,
# lowest first.
EXPECTED = [
    ("posterunkowy", "post."),
    ("starszy posterunkowy", "st. post."),
    ("sierżant", "sierż."),
    ("starszy sierżant", "st. sierż."),
    ("sierżant sztabowy", "sierż. szt."),
    ("młodszy aspirant", "mł. asp."),
    ("aspirant", "asp."),
    ("starszy aspirant", "st. asp."),
    ("aspirant sztabowy", "asp. szt."),
    ("podkomisarz", "podkom."),
    ("komisarz", "kom."),
    ("nadkomisarz", "nadkom."),
    ("podinspektor", "podinsp."),
    ("młodszy inspektor", "mł. insp."),
    ("inspektor", "insp."),
    ("nadinspektor", "nadinsp."),
    ("generalny inspektor", "gen. insp."),
]


def test_ranks_table_matches_the_law() -> None:
    assert list(RANKS) == EXPECTED


@pytest.mark.parametrize(("full", "short"), EXPECTED)
def test_full_name_and_abbreviation_normalise_to_the_abbreviation(full: str, short: str) -> None:
    assert normalise_rank(full) == short
    assert normalise_rank(short) == short


@pytest.mark.parametrize(("full", "short"), EXPECTED)
def test_capitals_missing_dots_spaces_and_polish_letters_are_forgiven(
    full: str, short: str
) -> None:
    assert normalise_rank(full.upper()) == short
    assert normalise_rank(short.upper()) == short
    assert normalise_rank(short.replace(".", "")) == short  # "st post"
    assert normalise_rank(short.replace(" ", "")) == short  # "st.post."
    assert normalise_rank(fold(short)) == short  # "sierz. szt."
    assert normalise_rank(f"  {full.title()}  ") == short


@pytest.mark.parametrize(("full", "short"), EXPECTED)
def test_full_rank_inverts_the_abbreviation(full: str, short: str) -> None:
    assert full_rank(short) == full


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sierz.szt.", "sierż. szt."),
        ("sierż.szt.", "sierż. szt."),
        ("SIERŻ. SZT.", "sierż. szt."),
        ("sierż. sztab.", "sierż. szt."),
        ("mł.asp.", "mł. asp."),
        ("ml. asp", "mł. asp."),
        ("Mł. Asp.", "mł. asp."),
        ("St. Post.", "st. post."),
        ("st.post", "st. post."),
        ("Aspirant sztabowy", "asp. szt."),
        ("asp. sztab.", "asp. szt."),
        ("Starszy Sierżant", "st. sierż."),
        ("st.sierż.", "st. sierż."),
        ("gen.insp.", "gen. insp."),
        ("kom.", "kom."),
        ("nadkom", "nadkom."),
    ],
)
def test_sloppy_spellings_seen_on_police_pages(text: str, expected: str) -> None:
    assert normalise_rank(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "kapitan",  # army rank, not a police one
        "porucznik",
        "sierżant major",
        "st. sierż. szt.",
        "dzielnicowy",
        "asp. asp.",
        "st.",
    ],
)
def test_unknown_ranks_give_none(text: str) -> None:
    assert normalise_rank(text) is None


def test_similar_ranks_are_not_confused() -> None:
    # Each pair differs only by a prefix word; a loose match would merge them.
    assert normalise_rank("aspirant") == "asp."
    assert normalise_rank("młodszy aspirant") == "mł. asp."
    assert normalise_rank("starszy aspirant") == "st. asp."
    assert normalise_rank("komisarz") == "kom."
    assert normalise_rank("podkomisarz") == "podkom."
    assert normalise_rank("inspektor") == "insp."
    assert normalise_rank("podinspektor") == "podinsp."
