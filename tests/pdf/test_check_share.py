"""`check` lays out at most `limits.MAX_CHECK_LAYOUTS` leaflets beyond those current from a
build: the areas holding the most, and one warning naming what is left to `build`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from leaflets import checks, limits, pipeline
from leaflets.areas import Area
from leaflets.render import plan, workers
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
        f"układ stron sprawdzono w 3 z {len(staffed)} rejonów do sprawdzenia — w tych o "
        "najdłuższej treści (ulice, działania priorytetowe, dzielnicowi), bo sprawdzenie "
        f"wszystkich {2 * len(staffed)} ulotek trwałoby tyle, co ich budowanie; czy pozostałe "
        "mieszczą się na stronach, sprawdzi build albo check --caly-uklad; skorowidza ulic nie "
        "sprawdzono"
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


def test_after_a_build_check_lays_out_nothing_and_needs_no_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = sample_settings(tmp_path / "out", formats=("plakat-a4",))
    pipeline.run(settings)
    monkeypatch.setattr(limits, "MAX_CHECK_LAYOUTS", 1)
    batches: list[int] = []
    render_batch = workers.render_batch

    def counted(task: workers.Task) -> list[workers.AreaResult]:
        batches.append(len(task.items))
        return render_batch(task)

    monkeypatch.setattr(workers, "render_batch", counted)
    report = pipeline.run(settings, write=False)
    assert not [p for p in report.problems if p.code == SHARE], "every area is current"
    assert batches == [], "nothing laid out again"


def test_check_lays_out_the_invitations_of_a_share_of_the_meetings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample's four meetings in two invitation formats, with room for two invitations:
    one meeting's invitations are laid out, and a warning says so."""
    from leaflets.render import invitations

    monkeypatch.setattr(limits, "MAX_CHECK_LAYOUTS", 2)
    given: list[int] = []
    render_invitations = invitations.render_invitations

    def counted(job: workers.Job, meetings: Sequence[object], templates: str) -> object:
        given.append(len(meetings))
        return render_invitations(job, meetings, templates)  # type: ignore[arg-type]

    monkeypatch.setattr(invitations, "render_invitations", counted)
    settings = sample_settings(tmp_path / "out", formats=("spotkanie-a4", "spotkanie-a6"))
    report = pipeline.run(settings, write=False)
    assert given == [1]
    shares = [p.message for p in report.problems if p.code == "uklad-zaproszen-czesciowo"]
    assert shares == [
        f"układ zaproszeń sprawdzono dla 1 z {len(report.meetings)} spotkań (pierwszych w "
        "wykazie), bo sprawdzenie wszystkich trwałoby tyle, co ich budowanie; pozostałe "
        "sprawdzi build albo check --caly-uklad"
    ]
    given.clear()
    pipeline.run(replace(settings, every_layout=True), write=False)
    assert given == [len(report.meetings)]
