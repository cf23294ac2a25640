"""pipeline.run(finished=...): each area file is reported once, complete on disk, before the
progress counts it; a rebuild reports the files it keeps from the cache first."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from leaflets import pipeline
from leaflets.config import LeafletConfig, Settings, UnitDefaults
from leaflets.output.paths import area_pdf
from tests.helpers import DATA


def test_finished_reports_every_area_file_once(tmp_path: Path) -> None:
    settings = Settings(
        rosters=(DATA / "cp1250-srednik.csv",),
        out=tmp_path / "out",
        formats=("plakat-a4",),
        config=LeafletConfig(unit=UnitDefaults(name="KP Testowo")),  # the CSV names no unit
    )
    seen: list[tuple[str, Path, int]] = []
    progress: list[int] = []

    def finished(items: Sequence[tuple[Any, Any]]) -> None:
        for area, result in items:
            path = area_pdf(settings, area, result.format, result.language)
            assert path.is_file() and path.read_bytes().startswith(b"%PDF")
            seen.append((area.number, path, len(progress)))

    def counted(done: int, total: int) -> None:
        progress.append(done)

    report = pipeline.run(settings, progress=counted, finished=finished)
    paths = [path for _, path, _ in seen]
    assert len(paths) == len(set(paths)) == len(report.areas) >= 2
    assert all(when < len(progress) for *_, when in seen)  # reported before the last count
    assert progress[-1] == len(report.areas)

    again: list[Path] = []
    pipeline.run(
        settings,
        finished=lambda items: again.extend(
            area_pdf(settings, a, r.format, r.language) for a, r in items
        ),
    )
    assert sorted(again) == sorted(paths)
