"""Tests for leaflets.columns: header matching, suggestions for typos, header-row scoring."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from leaflets.columns import ALIASES, REQUIRED
from leaflets.headers import (
    VOCABULARY,
    canonical,
    closest_header,
    header_score,
    match_headers,
    read_header,
    typo_candidates,
)
from leaflets.text import fold, header_key


def header_key_words(header: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", fold(header)) if w]


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
    ["", "   ", "Uwagi", "Lp.", "L.p.", "Telefon prywatny", "Nr", "Adres", "Rewir", "stan na 1.11"],
)
def test_headers_that_are_not_roster_columns(header: str) -> None:
    assert canonical(header) is None


def test_match_headers_maps_indexes_and_collects_unknown() -> None:
    match = match_headers(
        ["Lp.", "Nr rejonu", "", "Imię", "Nazwisko", "Tel. kom.", "Uwagi ", "Numer służbowy"]
    )
    assert match.by_index == {1: "rejon", 3: "imie", 4: "nazwisko", 5: "telefon"}
    assert [(r.letter, r.header, r.kind) for r in match.unknown] == [
        ("H", "Numer służbowy", "unknown")
    ]
    assert match.found == frozenset({"rejon", "imie", "nazwisko", "telefon"})
    assert match.missing_required() == ()


def test_match_headers_names_both_headers_of_one_column() -> None:
    match = match_headers(["Telefon", "imię", "Tel. kom."])
    assert match.by_index == {0: "telefon", 1: "imie"}
    [(first, second)] = match.duplicates
    assert (first.label, second.label) == ("A „Telefon”", "C „Tel. kom.”")


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
        (["Wykaz dzielnicowych KMP Legnica", "", ""], 1),  # a unit, but one column only
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


WORDS = sorted(
    {
        w
        for _, name in ALL_NAMES
        for w in header_key_words(name)
        if len(w) >= 6 and w not in {"dyzuru", "numery", "numeracja"}
    }
)


@st.composite
def misspelt(draw: st.DrawFn) -> tuple[str, str]:
    """A documented header with one of its long words misspelt once (a letter dropped,
    changed, or two letters swapped) into a word the vocabulary does not have."""
    column, header = draw(
        st.sampled_from(
            [(c, h) for c, h in ALL_NAMES if any(w in WORDS for w in header_key_words(h))]
        )
    )
    words = header_key_words(header)
    index = draw(st.sampled_from([i for i, w in enumerate(words) if w in WORDS]))
    word = words[index]
    at = draw(st.integers(0, len(word) - 2))
    action = draw(st.sampled_from(["delete", "replace", "swap"]))
    if action == "delete":
        typo = word[:at] + word[at + 1 :]
    elif action == "replace":
        typo = word[:at] + draw(st.sampled_from("aeiouyklmnprstz")) + word[at + 1 :]
    else:
        typo = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    assume(typo not in VOCABULARY and len(typo_candidates(typo)) == 1)
    return column, " ".join([*words[:index], typo, *words[index + 1 :]])


@given(misspelt())
def test_a_typo_in_a_long_word_still_reads_as_the_same_column(case: tuple[str, str]) -> None:
    """Issue 15, item 1: headers "with their typos within reason" (a typo as near one word
    as another is no reading: `adrey`)."""
    column, header = case
    sense = read_header(header)
    assert sense.column == column
    assert sense.typo


@given(st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=4, max_size=12))
def test_consonant_noise_is_never_a_column(header: str) -> None:
    assert canonical(header) is None
