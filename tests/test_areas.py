"""Tests for leaflets.areas: validated rows -> service areas with officers and street lines."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from leaflets.areas import (
    Area,
    CoverageLine,
    Grouping,
    Unit,
    find_officers,
    gc_paused,
    group_areas,
)
from leaflets.config import LeafletConfig
from leaflets.output.paths import area_folder, area_key, unit_folder
from leaflets.problems import Problem, RowRef, Severity
from leaflets.roster import RawRow
from leaflets.validation import Phone, validate
from tests.street_areas import labels

pytest_plugins = ["tests.street_fixtures"]

FILE = "rejony.xlsx"
SHEET = "KP I"

NOWAK = {"imie": "Jan", "nazwisko": "Nowak", "telefon": "600 997 101"}
LIS = {"imie": "Ewa", "nazwisko": "Lis", "telefon": "600 997 102"}
WILK = {"imie": "Karol", "nazwisko": "Wilk", "telefon": "600 997 103"}


def ref(row: int) -> RowRef:
    return RowRef(FILE, SHEET, row)


def group(*rows: dict[str, str]) -> Grouping:
    """Rows numbered from 2 (row 1 is the header), validated first as the pipeline does."""
    raw = tuple(RawRow(ref(index), cells) for index, cells in enumerate(rows, start=2))
    validated = validate(raw, LeafletConfig(), {FILE: Path("/nonexistent-roster-dir")})
    assert validated.problems == (), validated.problems
    return group_areas(validated.records)


def summary(area: Area) -> tuple[str, str, list[str], list[int]]:
    return (
        area.unit.name,
        area.number,
        [officer.name for officer in area.officers],
        [where.row for where in area.rows],
    )


def test_rejon_nr_5_and_5_and_05_are_one_area() -> None:
    grouping = group(
        {"rejon": "Rejon nr 5", **NOWAK},
        {"rejon": "5", **LIS},
        {"rejon": "05", **WILK},
    )
    assert [summary(a) for a in grouping.areas] == [
        ("", "5", ["Jan Nowak", "Ewa Lis", "Karol Wilk"], [2, 3, 4])
    ]
    assert grouping.problems == ()
    assert grouping.rejected == frozenset()


def test_areas_are_keyed_by_unit_and_number_and_sorted_numerically() -> None:
    grouping = group(
        {"jednostka": "KP Legnica", "rejon": "10", **NOWAK},
        {"jednostka": "KP Chojnów", "rejon": "1", **LIS},
        {"jednostka": "kp legnica", "rejon": "Rejon nr 10", **WILK},  # same unit, other case
        {"jednostka": "KP Legnica", "rejon": "9", **NOWAK},
    )
    assert [summary(a) for a in grouping.areas] == [
        ("KP Chojnów", "1", ["Ewa Lis"], [3]),
        ("KP Legnica", "9", ["Jan Nowak"], [5]),
        ("KP Legnica", "10", ["Jan Nowak", "Karol Wilk"], [2, 4]),
    ]


def test_an_area_with_two_officers_keeps_their_order_and_data() -> None:
    grouping = group(
        {"rejon": "2", "stopien": "asp.", "email": "e.lis@policja.example", **LIS},
        {"rejon": "2", "stopien": "sierż. szt.", **NOWAK},
    )
    [area] = grouping.areas
    assert [(o.rank, o.name, o.phone.e164, o.email) for o in area.officers] == [
        ("asp.", "Ewa Lis", "+48600997102", "e.lis@policja.example"),
        ("sierż. szt.", "Jan Nowak", "+48600997101", ""),
    ]


def test_an_officer_serving_two_areas_appears_in_both() -> None:
    grouping = group(
        {"rejon": "4", "ulice": "ul. Polna", **NOWAK},
        {"rejon": "6", "ulice": "Kunice", **NOWAK},
    )
    assert [summary(a) for a in grouping.areas] == [
        ("", "4", ["Jan Nowak"], [2]),
        ("", "6", ["Jan Nowak"], [3]),
    ]
    assert [[line.text for line in a.lines] for a in grouping.areas] == [["ul. Polna"], ["Kunice"]]
    assert grouping.problems == ()


def test_long_shape_rows_merge_into_one_officer_with_several_lines() -> None:
    grouping = group(
        {"rejon": "8", "stopien": "st. post.", "miejscowosc": "Legnica", **NOWAK,
         "ulice": "ul. Wodzisławska", "numery": "parzyste 2-40"},
        {"rejon": "8", "miejscowosc": "Legnica", "email": "j.nowak@policja.example", **NOWAK,
         "ulice": "ul. Leśna", "numery": "3, 5, 7a"},
        {"rejon": "8", "miejscowosc": "Legnica", **NOWAK, "ulice": "ul. Polna"},
        {"rejon": "8", "miejscowosc": "Kunice", "dyzur": "wtorek 15–17", **NOWAK,
         "ulice": "Kunice"},
        {"rejon": "8", "miejscowosc": "Legnica", **NOWAK,  # the same street again
         "ulice": "ul. Polna"},
    )  # fmt: skip
    [area] = grouping.areas
    [officer] = area.officers
    # What one row left empty, another filled in.
    assert (officer.rank, officer.email, officer.duty) == (
        "st. post.",
        "j.nowak@policja.example",
        "wtorek 15–17",
    )
    assert [(line.text, line.town) for line in area.lines] == [
        ("ul. Wodzisławska (parzyste 2–40)", "Legnica"),
        ("ul. Leśna 3, 5, 7a", "Legnica"),
        ("ul. Polna", "Legnica"),
        ("Kunice", "Kunice"),
    ]
    assert all(line.coverage is not None for line in area.lines)
    assert area.rows == tuple(ref(row) for row in range(2, 7))
    assert area.town == "Legnica"
    assert grouping.problems == ()


def test_long_shape_numbers_that_cannot_be_read_are_printed_verbatim_with_a_warning() -> None:
    grouping = group({"rejon": "8", **NOWAK, "ulice": "ul. Polna", "numery": "koło sklepu"})
    [area] = grouping.areas
    assert area.lines == (CoverageLine("ul. Polna koło sklepu", None, ""),)
    assert grouping.problems == (
        Problem(
            Severity.WARNING,
            "nierozpoznany-opis",
            "nie rozpoznano fragmentu opisu rejonu „ul. Polna koło sklepu” — wydrukowany dosłownie",
            ref(2),
            "ulice",
            "ul. Polna koło sklepu",
        ),
    )


def test_an_unparsed_description_segment_is_warned_about_and_kept_verbatim() -> None:
    grouping = group(
        {"rejon": "3", **NOWAK, "miejscowosc": "Legnica",
         "ulice": "ul. Polna; okolice dworca; Bieniowice, Dunino"},
    )  # fmt: skip
    [area] = grouping.areas
    assert [(line.text, line.coverage is None) for line in area.lines] == [
        ("ul. Polna", False),
        ("Bieniowice", False),
        ("Dunino", False),
        ("okolice dworca", True),
    ]
    [problem] = grouping.problems
    assert problem.severity is Severity.WARNING
    assert problem.describe() == (
        "rejony.xlsx, arkusz „KP I”, wiersz 2, kolumna „Ulice”: "
        "nie rozpoznano fragmentu opisu rejonu „okolice dworca” — wydrukowany dosłownie"
    )
    assert problem.value == "okolice dworca"


def test_a_different_phone_for_the_same_person_rejects_both_rows() -> None:
    """Issue 15, item 6: which phone is right only the unit knows, so neither row is printed
    (the first used to go on the leaflet silently) and each names the other."""
    grouping = group(
        {"rejon": "1", **NOWAK},
        {"rejon": "2", **LIS},
        {"rejon": "3", **NOWAK, "nazwisko": "NOWAK", "telefon": "600 997 199"},
    )
    assert [summary(a) for a in grouping.areas] == [("", "2", ["Ewa Lis"], [3])]
    assert grouping.rejected == frozenset({ref(2), ref(4)})
    assert [p.severity for p in grouping.problems] == [Severity.ERROR, Severity.ERROR]
    assert [(p.column, p.value) for p in grouping.problems] == [
        ("telefon", "600 997 101"),
        ("telefon", "600 997 199"),
    ]
    assert [p.describe() for p in grouping.problems] == [
        "rejony.xlsx, arkusz „KP I”, wiersz 2, kolumna „Telefon”: Jan Nowak ma inne dane niż"
        " w wierszu 4 (telefon 600 997 101 ≠ 600 997 199) — popraw jeden z wierszy",
        "rejony.xlsx, arkusz „KP I”, wiersz 4, kolumna „Telefon”: Jan Nowak ma inne dane niż"
        " w wierszu 2 (telefon 600 997 199 ≠ 600 997 101) — popraw jeden z wierszy",
    ]


def test_a_conflict_on_another_sheet_names_the_sheet() -> None:
    raw = (
        RawRow(RowRef(FILE, "KP I", 2), {"rejon": "1", **NOWAK}),
        RawRow(RowRef(FILE, "KP II", 5), {"rejon": "2", **NOWAK, "telefon": "600 997 199"}),
    )
    validated = validate(raw, LeafletConfig(), {FILE: Path("/nonexistent-roster-dir")})
    grouping = group_areas(validated.records)
    assert [p.message for p in grouping.problems] == [
        "Jan Nowak ma inne dane niż w rejony.xlsx, arkusz „KP II”, wiersz 5 (telefon"
        " 600 997 101 ≠ 600 997 199) — popraw jeden z wierszy",
        "Jan Nowak ma inne dane niż w rejony.xlsx, arkusz „KP I”, wiersz 2 (telefon"
        " 600 997 199 ≠ 600 997 101) — popraw jeden z wierszy",
    ]


def test_a_different_email_for_the_same_person_is_an_error_in_the_email_column() -> None:
    grouping = group(
        {"rejon": "1", **NOWAK, "email": "j.nowak@policja.example"},
        {"rejon": "2", **NOWAK, "email": "jan.nowak@policja.example"},
        {"rejon": "3", **NOWAK, "email": "J.Nowak@policja.example"},  # same address
        {"rejon": "4", **NOWAK},  # no address: nothing to disagree with
    )
    assert [a.number for a in grouping.areas] == ["4"]
    assert grouping.rejected == frozenset({ref(2), ref(3), ref(4)})
    assert grouping.problems == (
        Problem(
            Severity.ERROR,
            "inne-dane-osoby",
            "Jan Nowak ma inne dane niż w wierszu 3 "
            "(e-mail j.nowak@policja.example ≠ jan.nowak@policja.example) "
            "— popraw jeden z wierszy",
            ref(2),
            "email",
            "j.nowak@policja.example",
        ),
        Problem(
            Severity.ERROR,
            "inne-dane-osoby",
            "Jan Nowak ma inne dane niż w wierszu 2 "
            "(e-mail jan.nowak@policja.example ≠ j.nowak@policja.example) "
            "— popraw jeden z wierszy",
            ref(3),
            "email",
            "jan.nowak@policja.example",
        ),
        Problem(
            Severity.ERROR,
            "inne-dane-osoby",
            "Jan Nowak ma inne dane niż w wierszu 3 "
            "(e-mail J.Nowak@policja.example ≠ jan.nowak@policja.example) "
            "— popraw jeden z wierszy",
            ref(4),
            "email",
            "J.Nowak@policja.example",
        ),
    )


def test_phone_and_email_conflicts_are_reported_together() -> None:
    grouping = group(
        {"rejon": "1", **NOWAK, "email": "j.nowak@policja.example"},
        {"rejon": "1", **NOWAK, "telefon": "600 997 199", "email": "jn@policja.example"},
    )
    assert [p.message for p in grouping.problems] == [
        "Jan Nowak ma inne dane niż w wierszu 3 (telefon 600 997 101 ≠ 600 997 199; e-mail"
        " j.nowak@policja.example ≠ jn@policja.example) — popraw jeden z wierszy",
        "Jan Nowak ma inne dane niż w wierszu 2 (telefon 600 997 199 ≠ 600 997 101; e-mail"
        " jn@policja.example ≠ j.nowak@policja.example) — popraw jeden z wierszy",
    ]
    assert [(p.column, p.value) for p in grouping.problems] == [
        ("telefon", "600 997 101"),
        ("telefon", "600 997 199"),
    ]


def test_the_same_phone_in_another_spelling_is_not_a_conflict() -> None:
    grouping = group(
        {"rejon": "1", **NOWAK},
        {"rejon": "2", **NOWAK, "telefon": "+48 600-997-101"},
    )
    assert grouping.problems == ()
    assert len(grouping.areas) == 2


def test_conflicting_area_names_warn_and_use_the_first() -> None:
    grouping = group(
        {"rejon": "5", "obszar": "Osiedle Piekary", **NOWAK},
        {"rejon": "5", "obszar": "OSIEDLE PIEKARY", **LIS},  # same name, other case: fine
        {"rejon": "5", **WILK},  # no name: fine
        {"rejon": "5", "obszar": "Kopernik", **NOWAK},
    )
    [area] = grouping.areas
    assert area.name == "Osiedle Piekary"
    assert area_folder(area) == "rejon-5-osiedle-piekary"
    assert grouping.problems == (
        Problem(
            Severity.WARNING,
            "inna-nazwa-rejonu",
            "rejon 5 ma w innych wierszach nazwę „Osiedle Piekary” — użyto jej",
            ref(5),
            "obszar",
            "Kopernik",
        ),
    )
    assert grouping.rejected == frozenset()


def test_unit_data_and_priorities_are_collected_from_all_rows() -> None:
    grouping = group(
        {"jednostka": "KP Legnica", "rejon": "1", **NOWAK, "dzialania_priorytetowe": "Parkowanie"},
        {"jednostka": "KP Legnica", "rejon": "1", **LIS, "adres_jednostki": "ul. Wrocławska 1",
         "telefon_jednostki": "76 877 12 00", "dzialania_priorytetowe": "Parkowanie"},
        {"jednostka": "KP Legnica", "rejon": "1", **WILK, "dzialania_priorytetowe": "Graffiti"},
    )  # fmt: skip
    [area] = grouping.areas
    assert area.unit == Unit(
        "KP Legnica", "ul. Wrocławska 1", Phone("76 877 12 00", "+48768771200", mobile=False)
    )
    assert area.priority == "Parkowanie\nGraffiti"
    assert area_key(area) == "kp-legnica/rejon-1"


def test_a_unit_without_a_name_has_a_folder_name() -> None:
    assert unit_folder(Unit("", "", None)) == "jednostka"


def test_gc_paused_restores_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with gc_paused():
            raise KeyError
    except KeyError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left off: whoever turned it off turns it on
    finally:
        gc.enable()


# --- find_officers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lukasik", [("Agnieszka Łukasik", ["5"])]),
        ("ŁUKASIK", [("Agnieszka Łukasik", ["5"])]),
        ("ŚLIWA", [("Krzysztof Śliwa", ["10"])]),
        ("sliwa krzysztof", [("Krzysztof Śliwa", ["10"])]),
        ("Magdalena Król", [("Magdalena Król", ["13"])]),
        ("krol magda", [("Magdalena Król", ["13"])]),
        ("jabł", [("Marek Jabłoński", ["4", "6"])]),
        ("Marek Jablonski", [("Marek Jabłoński", ["4", "6"])]),
        ("michal zak", [("Michał Żak", ["2"])]),
        ("zak", [("Grzegorz Sobczak", ["3"]), ("Michał Żak", ["2"])]),
        ("łuk", [("Łukasz Kowalczyk", ["1"]), ("Agnieszka Łukasik", ["5"])]),
        ("Nowak", []),
        ("   ", []),
    ],
)
def test_find_officers(
    query: str, expected: list[tuple[str, list[str]]], sample: tuple[Area, ...]
) -> None:
    found = find_officers(sample, query)
    assert [(m.officer.name, labels(list(m.areas))) for m in found] == expected


def test_find_officers_gives_phone_and_email(sample: tuple[Area, ...]) -> None:
    [match] = find_officers(sample, "Wiśniewska")
    assert match.officer.phone.national == "511 000 482"
    assert match.officer.email == "karolina.wisniewska@legnica.policja.example"
