"""`check` lays out at most `limits.MAX_CHECK_LAYOUTS` leaflets beyond those current from a
build: the areas holding the most, and one warning naming what is left to `build`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from leaflets import checks, limits, pipeline
from leaflets.areas import Area
from leaflets.render import plan
from tests.helpers import sample_settings

SHARE = "uklad-sprawdzony-czesciowo"


@pytest.fixture
def laid_out(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The area numbers each `render_areas` call was given, and `["index"]` for each street
    index laid out."""
    calls: list[list[str]] = []
    areas_of = plan.render_areas
    indexes_of = plan.render_indexes

    def render_areas(workers: plan.Workers, areas: Sequence[Area], *rest: object) -> object:
        calls.append([area.number for area in areas])
        return areas_of(workers, areas, *rest)  # type: ignore[arg-type]

    def render_indexes(workers: plan.Workers, areas: Sequence[Area], *rest: object) -> object:
        if areas:
            calls.append(["index"])
        return indexes_of(workers, areas, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(plan, "render_areas", render_areas)
    monkeypatch.setattr(plan, "render_indexes", render_indexes)
    return calls


def test_check_lays_out_the_fullest_areas_up_to_its_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, laid_out: list[list[str]]
) -> None:
    monkeypatch.setattr(limits, "MAX_CHECK_LAYOUTS", 6)  # 3 areas in 2 formats
    settings = sample_settings(tmp_path / "out", formats=("plakat-a4", "ulotka-a5", "skorowidz"))
    report = pipeline.run(settings, write=False)
    staffed = [area for area in report.areas if area.vacancy is None]
    fullest = sorted(staffed, key=checks.content_size, reverse=True)[:3]
    assert len(laid_out) == 1, "the street index is not laid out for a share"
    assert sorted(laid_out[0]) == sorted(area.number for area in fullest)
    shares = [p for p in report.problems if p.code == SHARE]
    assert [p.message for p in shares] == [
        f"układ stron sprawdzono w 3 z {len(staffed)} rejonów — w tych o najdłuższej treści "
        "(ulice, działania priorytetowe, dzielnicowi), bo sprawdzenie wszystkich "
        f"{2 * len(staffed)} ulotek trwałoby tyle, co ich budowanie; czy pozostałe mieszczą "
        "się na stronach, sprawdzi build albo check --caly-uklad (skorowidza ulic nie "
        "sprawdzano)"
    ]
    assert report.exit_code == 0, "a warning, not an error"
    assert not (tmp_path / "out").exists(), "check writes nothing"

    # --caly-uklad: every area and the index, no warning.
    laid_out.clear()
    every = pipeline.run(
        settings.__class__(**{**vars(settings), "every_layout": True}), write=False
    )
    assert sorted(laid_out[0]) == sorted(area.number for area in staffed)
    assert laid_out[1:] == [["index"]]
    assert not [p for p in every.problems if p.code == SHARE]


def test_after_a_build_check_lays_out_only_what_changed_and_needs_no_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, laid_out: list[list[str]]
) -> None:
    settings = sample_settings(tmp_path / "out", formats=("plakat-a4",))
    pipeline.run(settings)
    monkeypatch.setattr(limits, "MAX_CHECK_LAYOUTS", 1)
    laid_out.clear()
    report = pipeline.run(settings, write=False)
    assert not [p for p in report.problems if p.code == SHARE], "every area is current"
