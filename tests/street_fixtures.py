"""Fixtures of the street-language tests (a plugin: test modules name it in `pytest_plugins`)."""

from __future__ import annotations

import pytest

from leaflets.areas import Area, group_areas
from leaflets.config import LeafletConfig
from leaflets.roster import read_rosters
from leaflets.validation import validate
from tests.street_areas import SAMPLE, build, row


@pytest.fixture(scope="module")
def sample() -> tuple[Area, ...]:
    roster = read_rosters([SAMPLE])
    validated = validate(roster.rows, LeafletConfig(), roster.base_dirs)
    return group_areas(validated.records).areas


@pytest.fixture(scope="module")
def towns() -> tuple[Area, ...]:
    """Two towns with a ul. Polna, two areas sharing streets, a village and a street in it."""
    return build(
        row(
            "1",
            "ul. Lipowa (1-45); ul. Długa (od 48); ul. Krótka (do 70); ul. Polna (parzyste 2-20)",
            officer=1,
        ),
        row("1", "ul. Lipowa", numery="46-50", officer=1),
        row("2", "ul. Lipowa (parzyste od 34 do 70); ul. Krótka (nieparzyste od 51)", officer=2),
        row("3", "Kunice; Ziemnice", town="Ziemnice", officer=3),
        row("4", "ul. Leśna (1-10)", town="Ziemnice", officer=4),
        row("5", "ul. Słoneczna (1-9)", town="", officer=5),
        row("1", "ul. Polna (1-99)", town="Chojnów", unit="KP Chojnów", officer=6),
    )


@pytest.fixture(scope="module")
def named() -> tuple[Area, ...]:
    """Streets named after people, written in full in one area and short in another."""
    return build(
        row(
            "1",
            "al. Józefa Piłsudskiego (1-99); ul. ks. Jerzego Popiełuszki; "
            "ul. Jana III Sobieskiego (2-8); ul. Mieszka I 5; ul. chojnowska 12-30",
            officer=1,
        ),
        row("2", "ul. Piłsudskiego (od 100); ul. Marii Konopnickiej 4", officer=2),
        row("3", "ul. Jana Kilińskiego; ul. Pawła Włodkowica; ul. Na Skarpie", officer=3),
    )
