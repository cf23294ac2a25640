"""Batched, parallel and incremental builds write what a one-area-at-a-time build writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from leaflets import build, pipeline
from leaflets.config import Settings
from tests.conftest import pdf_text, sample_settings


def _pdfs(out: Path) -> dict[str, Path]:
    return {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*.pdf"))}


def test_parallel_batched_build_equals_one_area_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batched = tmp_path / "batched"
    monkeypatch.setattr(build, "IN_PROCESS_BELOW", 0)  # use worker processes even here
    pipeline.run(sample_settings(batched, formats=("ulotka-a5", "plakat-a4"), jobs=2))
    monkeypatch.setattr(build, "BATCH_SIZE", 1)
    single = tmp_path / "single"
    pipeline.run(sample_settings(single, formats=("ulotka-a5", "plakat-a4"), jobs=1))
    left, right = _pdfs(batched), _pdfs(single)
    assert left.keys() == right.keys()
    assert len(left) == 2 * 14 + 2
    for name in left:
        assert len(PdfReader(left[name]).pages) == len(PdfReader(right[name]).pages), name
        assert pdf_text(left[name]) == pdf_text(right[name]), name


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    pipeline.run(sample_settings(first, formats=("ulotka-a5",)))
    pipeline.run(sample_settings(second, formats=("ulotka-a5",), force=True))
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


def test_incremental_rebuild_renders_only_what_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    roster = tmp_path / "r.csv"
    roster.write_text(
        "Jednostka;Rejon;Imię;Nazwisko;Telefon;Ulice\n"
        "KP Test;1;Jan;Nowak;723 645 827;ul. Polna\n"
        "KP Test;2;Anna;Lis;723 645 828;ul. Leśna\n",
        encoding="utf-8",
    )
    settings = Settings(rosters=(roster,), out=out, formats=("ulotka-a5",))
    pipeline.run(settings)
    area1, area2 = out / "kp-test/rejon-1/ulotka-a5.pdf", out / "kp-test/rejon-2/ulotka-a5.pdf"
    combined = out / "kp-test/druk-ulotka-a5.pdf"
    before = {p: p.stat().st_mtime_ns for p in (area1, area2, combined)}

    pipeline.run(settings)
    assert {p: p.stat().st_mtime_ns for p in before} == before, "nothing changed, nothing written"

    roster.write_text(
        roster.read_text(encoding="utf-8").replace("723 645 828", "723 645 829"),
        encoding="utf-8",
    )
    report = pipeline.run(settings)
    assert area1.stat().st_mtime_ns == before[area1]
    assert area2.stat().st_mtime_ns != before[area2]
    assert combined.stat().st_mtime_ns != before[combined]
    assert "723 645 829" in pdf_text(area2)
    assert "723 645 829" in pdf_text(combined) and "723 645 827" in pdf_text(combined)
    assert len(PdfReader(combined).pages) == 4
    assert report.exit_code == 0

    shutil.rmtree(out / "kp-test" / "rejon-1")
    pipeline.run(settings)
    assert area1.is_file(), "a deleted file is rendered again"

    pipeline.run(Settings(rosters=(roster,), out=out, formats=("ulotka-a5",), force=True))
    assert area2.stat().st_mtime_ns != before[area2]
