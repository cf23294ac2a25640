"""Tests for leaflets.columns: header matching, suggestions for typos, header-row scoring."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leaflets.columns import (
    ALIASES,
    REQUIRED,
    canonical,
    closest_header,
    header_score,
    match_headers,
)
from leaflets.text import fold, header_key

ALL_NAMES: list[tuple[str, str]] = [
    (column, name) for column, names in ALIASES.items() for name in (column, *names)
]
"""(canonical column, a header that must map to it) for every canonical name and alias."""


def test_the_columns_are_the_ones_domain_md_lists() -> None:
    assert list(ALIASES) == [
        "rejon",
        "imie",
        "nazwisko",
        "telefon",
        "stopien",
        "email",
        "jednostka",
        "obszar",
        "miejscowosc",
        "ulice",
        "numery",
        "telefon_stacjonarny",
        "adres_jednostki",
        "telefon_jednostki",
        "dyzur",
        "zdjecie",
        "dzialania_priorytetowe",
        # The translations a Ukrainian or English edition prints (README, Roster format).
        "dyzur_uk",
        "dyzur_en",
        "dzialania_priorytetowe_uk",
        "dzialania_priorytetowe_en",
    ]
    assert REQUIRED == ("rejon", "imie", "nazwisko", "telefon")


@pytest.mark.parametrize(("column", "header"), ALL_NAMES)
def test_every_canonical_name_and_alias_matches_its_column(column: str, header: str) -> None:
    assert canonical(header) == column


@pytest.mark.parametrize(("column", "header"), ALL_NAMES)
def test_matching_ignores_case_and_diacritics(column: str, header: str) -> None:
    assert canonical(header.upper()) == column
    assert canonical(fold(header)) == column  # typed without Polish letters: "Imie"


def test_no_two_columns_share_a_matching_key() -> None:
    owners: dict[str, str] = {}
    for column, header in ALL_NAMES:
        key = header_key(header)
        assert owners.setdefault(key, column) == column, f"{header!r} is ambiguous"


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("TEL. KOM.", "telefon"),
        ("tel kom", "telefon"),
        ("TEL.KOM", "telefon"),
        (" nr  rejonu ", "rejon"),
        ("Nr. rejonu:", "rejon"),
        ("Imie", "imie"),
        ("IMIĘ", "imie"),
        ("NAZWISKO ", "nazwisko"),
        ("Stopien sluzbowy", "stopien"),
        ("e-mail", "email"),
        ("E_MAIL", "email"),
        ("Adres e‑mail", "email"),  # non-breaking hyphen U+2011
        ("miejscowosc", "miejscowosc"),
        ("MIEJSCOWOŚĆ", "miejscowosc"),
        ("Nr domow", "numery"),
        ("Zasieg rejonu", "ulice"),
        ("Telefon\u00a0dyżurnego", "telefon_jednostki"),
        ("Działania priorytetowe", "dzialania_priorytetowe"),
        ("ZDJĘCIE", "zdjecie"),
        ("Godziny dyzuru", "dyzur"),
    ],
)
def test_sloppy_headers_match(header: str, column: str) -> None:
    assert canonical(header) == column


@pytest.mark.parametrize(
    "header",
    ["", "   ", "Uwagi", "Lp.", "Telefn", "Nazwsko", "Telefon prywatny", "Imię i nazwisko", "Nr"],
)
def test_headers_that_are_not_roster_columns(header: str) -> None:
    assert canonical(header) is None


def test_match_headers_maps_indexes_and_collects_unknown() -> None:
    match = match_headers(["Lp.", "Nr rejonu", "", "Imię", "Nazwisko", "Tel. kom.", "Uwagi "])
    assert match.by_index == {1: "rejon", 3: "imie", 4: "nazwisko", 5: "telefon"}
    assert match.unknown == ("Lp.", "Uwagi")
    assert match.found == frozenset({"rejon", "imie", "nazwisko", "telefon"})
    assert match.missing_required() == ()


def test_match_headers_first_duplicate_wins() -> None:
    match = match_headers(["Telefon", "imię", "Tel. kom."])
    assert match.by_index == {0: "telefon", 1: "imie"}
    assert match.unknown == ()


def test_match_headers_reports_missing_required_in_canonical_order() -> None:
    match = match_headers(["Nazwisko", "E-mail"])
    assert match.missing_required() == ("rejon", "imie", "telefon")


@pytest.mark.parametrize(
    ("missing", "candidates", "expected"),
    [
        ("telefon", ["rejon", "Imię", "Nazwisko", "Telefn"], "Telefn"),
        ("nazwisko", ["rejon", "Nazwsko", "Imię"], "Nazwsko"),
        ("telefon", ["rejon", "Tel kmo"], "Tel kmo"),  # close to the alias "Tel. kom."
        ("rejon", ["Nr rejnu", "Imię"], "Nr rejnu"),
        ("imie", ["Imiona"], "Imiona"),
    ],
)
def test_closest_header_suggests_the_typo(
    missing: str, candidates: list[str], expected: str
) -> None:
    assert closest_header(missing, candidates) == expected


def test_closest_header_prefers_the_closer_candidate() -> None:
    assert closest_header("telefon", ["Telefonn", "Telfn"]) == "Telefonn"


@pytest.mark.parametrize(
    ("missing", "candidates"),
    [("telefon", ["rejon", "Imię", "Nazwisko"]), ("rejon", []), ("imie", ["", "  "])],
)
def test_closest_header_gives_none_when_nothing_is_close(
    missing: str, candidates: list[str]
) -> None:
    assert closest_header(missing, candidates) is None


@pytest.mark.parametrize(
    ("cells", "score"),
    [
        (["Wykaz dzielnicowych KMP Legnica", "", ""], 0),
        (["", "", ""], 0),
        (["Rejon", "Imię", "Nazwisko", "Telefon"], 4),
        (["Rejon", "Nr rejonu", "Imię"], 2),  # two headers for one column count once
        (["Lp.", "rejon", "Uwagi", "", "E-mail"], 2),
        (["5", "Jan", "Nowak", "600 997 123"], 0),
    ],
)
def test_header_score_counts_distinct_recognised_columns(cells: list[str], score: int) -> None:
    assert header_score(cells) == score


# --- properties --------------------------------------------------------------------------

PUNCTUATION = st.text(alphabet=" \t\u00a0.,:;-_*()[]/\\!?'\"", max_size=4)


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    column, header = draw(st.sampled_from(ALL_NAMES))
    flips = draw(st.lists(st.booleans(), min_size=len(header), max_size=len(header)))
    cased = "".join(ch.swapcase() if flip else ch for ch, flip in zip(header, flips, strict=True))
    return column, draw(PUNCTUATION) + cased + draw(PUNCTUATION)


@given(disguised())
def test_case_spaces_and_punctuation_never_change_the_match(case: tuple[str, str]) -> None:
    column, header = case
    assert canonical(header) == column


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """An alias with a few letters inserted, deleted or replaced: near misses of real names."""
    _, header = draw(st.sampled_from(ALL_NAMES))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(header)))
        letter = draw(st.sampled_from("aeilnorstyąęłóż .-"))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "insert":
            header = header[:at] + letter + header[at:]
        elif action == "delete":
            header = header[:at] + header[at + 1 :]
        else:
            header = header[:at] + letter + header[at + 1 :]
    return header


@given(st.one_of(st.text(max_size=30), mutated()))
def test_a_random_header_never_matches_a_column_it_does_not_spell(header: str) -> None:
    column = canonical(header)
    if column is not None:
        keys = {header_key(name) for name in (column, *ALIASES[column])}
        assert header_key(header) in keys
