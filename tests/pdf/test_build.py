"""Batched, parallel and incremental builds write what a one-area-at-a-time build writes."""

from __future__ import annotations

import gc
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from leaflets import _gc, contact, pipeline
from leaflets.config import Settings
from leaflets.formats import FORMATS
from leaflets.output.printfiles import print_file_title
from leaflets.render import plan, workers
from tests.helpers import Builds, pdf_pages, pdf_text, sample_settings


def page_texts(path: Path) -> list[str]:
    return [page.get_textpage().get_text_range() for page in pdf_pages(path)]


def _pdfs(out: Path) -> dict[str, Path]:
    return {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*.pdf"))}


def four_areas(tmp_path: Path) -> Path:
    """Two units: one of three areas (one with two officers, one with a street list long
    enough to shrink), one of a single area; what a batched build must get right."""
    names = (
        "Klonowa", "Akacjowa", "Brzozowa", "Dębowa", "Grabowa", "Jesionowa", "Jodłowa",
        "Kasztanowa", "Lipowa", "Modrzewiowa", "Olchowa", "Orzechowa", "Sosnowa", "Świerkowa",
        "Topolowa", "Wierzbowa", "Wiązowa", "Jaworowa", "Cisowa", "Bukowa", "Jałowcowa",
        "Jarzębinowa", "Kalinowa", "Leszczynowa", "Malinowa", "Różana", "Tulipanowa", "Wrzosowa",
    )  # fmt: skip
    streets = "; ".join(f"ul. {name} (parzyste 2-{20 + 2 * n})" for n, name in enumerate(names))
    roster = tmp_path / "r.csv"
    roster.write_text(
        "Jednostka;Rejon;Imię;Nazwisko;Telefon;Ulice\n"
        "KP Jeden;1;Jan;Nowak;600 000 001;ul. Polna\n"
        'KP Jeden;2;Anna;Lis;600 000 002;"ul. Leśna; ul. Krótka 1-9"\n'
        'KP Jeden;2;Piotr;Sowa;600 000 003;"ul. Leśna; ul. Krótka 1-9"\n'
        f'KP Jeden;3;Ewa;Kruk;600 000 004;"{streets}"\n'
        "KP Dwa;1;Adam;Wilk;600 000 005;Kunice, Grzybiany\n",
        encoding="utf-8",
    )
    return roster


def test_parallel_batched_build_equals_one_area_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of two areas in two worker processes (a unit split over batches, whose print
    file the parent merges, and a whole unit, whose print file its worker merges) write what
    one process writes one area at a time."""
    roster = four_areas(tmp_path)
    formats = ("ulotka-a5", "plakat-a4")
    monkeypatch.setattr(plan, "IN_PROCESS_BELOW", 0)  # use worker processes even here
    monkeypatch.setattr(plan, "BATCH_SIZE", 2)
    batched = tmp_path / "batched"
    report = pipeline.run(Settings(rosters=(roster,), out=batched, formats=formats, jobs=2))
    codes = [p.code for p in report.problems]
    assert "dopasowanie" in codes and "za-duzo-pol" not in codes
    monkeypatch.setattr(plan, "BATCH_SIZE", 1)
    single = tmp_path / "single"
    pipeline.run(Settings(rosters=(roster,), out=single, formats=formats, jobs=1))
    left, right = _pdfs(batched), _pdfs(single)
    assert left.keys() == right.keys()
    assert len(left) == 2 * 4 + 2 * 2
    for name in left:
        assert len(PdfReader(left[name]).pages) == len(PdfReader(right[name]).pages), name
        assert pdf_text(left[name]) == pdf_text(right[name]), name


def test_rebuild_is_byte_identical(builds: Builds, tmp_path: Path) -> None:
    first = builds.sample(formats=("ulotka-a5",)).out
    second = tmp_path / "b"
    pipeline.run(sample_settings(second, formats=("ulotka-a5",), force=True))
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


def two_areas(tmp_path: Path) -> Path:
    """A roster of two one-officer areas in one unit (no e-mails yet)."""
    roster = tmp_path / "r.csv"
    roster.write_text(
        "Jednostka;Rejon;Imię;Nazwisko;Telefon;E-mail;Ulice\n"
        "KP Test;1;Jan;Nowak;723 645 827;;ul. Polna\n"
        "KP Test;2;Anna;Lis;723 645 828;;ul. Leśna\n",
        encoding="utf-8",
    )
    return roster


def test_incremental_rebuild_renders_only_what_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    roster = two_areas(tmp_path)
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


def test_rebuild_checks_the_codes_of_changed_areas_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The QR size check (2.4 s for a national roster) runs again only where inputs changed;
    a changed area is still checked, and an oversized code there is still an error."""
    out, roster = tmp_path / "out", two_areas(tmp_path)
    # The flyer's contact card holds the unit and the e-mail: a long e-mail overflows it.
    settings = Settings(rosters=(roster,), out=out, formats=("ulotka-a5",))
    pipeline.run(settings)
    checked: list[str] = []
    real = contact.oversized_codes

    def counting(area, spec, config):  # type: ignore[no-untyped-def]
        checked.append(area.number)
        return real(area, spec, config)

    monkeypatch.setattr(contact, "oversized_codes", counting)
    pipeline.run(settings)
    assert checked == [], "nothing changed: nothing to check"

    long_email = "a" * 64 + "@" + ".".join(("b" * 60, "c" * 60, "d" * 60)) + ".pl"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace("723 645 828;", f"723 645 828;{long_email}"),
        encoding="utf-8",
    )
    report = pipeline.run(settings)
    assert checked == ["2"]
    assert report.exit_code == 1
    assert any("kod QR" in p.message and p.is_error for p in report.problems)
    pipeline.run(replace(settings, force=True))
    assert checked == ["2", "1", "2"], "--force checks every area again"


def test_print_file_is_merged_with_title_language_and_stable_bytes(
    builds: Builds, tmp_path: Path
) -> None:
    first, second = builds.sample(formats=("plakat-a4",)).out, tmp_path / "b"
    pipeline.run(sample_settings(second, formats=("plakat-a4",)))
    (combined,) = first.glob("*/druk-plakat-a4.pdf")
    again = second / combined.relative_to(first)
    assert combined.read_bytes() == again.read_bytes()
    reader = PdfReader(combined)
    assert reader.metadata is not None
    assert reader.metadata.title == print_file_title(FORMATS["plakat-a4"])
    assert reader.trailer["/Root"]["/Lang"] == "pl"
    areas = sorted(combined.parent.glob("*/plakat-a4.pdf"))
    pages = Counter(text for path in areas for text in page_texts(path))
    assert Counter(page_texts(combined)) == pages, "every area page, once"


def test_layout_runs_with_fewer_collections_and_restores_the_thresholds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Layout and writing run with the raised collector thresholds, and in one process with
    the roster read before set aside from the collections (the speed is measured by `make
    bench`, not here); the process gets its own thresholds and objects back, also after an
    error."""
    seen: list[tuple[tuple[int, int, int], int]] = []
    real = workers.write_area_pdf

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        return real(*args, **kwargs)

    monkeypatch.setattr(workers, "write_area_pdf", recording)
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    out, roster = tmp_path / "out", two_areas(tmp_path)
    pipeline.run(Settings(rosters=(roster,), out=out, formats=("wizytowka",), jobs=1))
    assert [threshold for threshold, _ in seen] == [_gc.LAYOUT_GC_THRESHOLD] * 2
    assert all(count > frozen for _, count in seen)
    assert gc.get_threshold() == before != _gc.LAYOUT_GC_THRESHOLD
    assert gc.get_freeze_count() == frozen

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("dysk pełny")

    monkeypatch.setattr(workers, "write_area_pdf", failing)
    with pytest.raises(OSError):
        pipeline.run(
            Settings(rosters=(roster,), out=out, formats=("wizytowka",), force=True, jobs=1)
        )
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen


def test_street_indexes_are_laid_out_with_the_roster_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The street index is laid out in the parent process, which holds the whole roster: the
    collection each layout starts with must not scan it (0.5 s a unit nationally)."""
    seen: list[int] = []
    real = plan.worker.render_unit

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_freeze_count())
        return real(*args, **kwargs)

    monkeypatch.setattr(plan.worker, "render_unit", recording)
    frozen = gc.get_freeze_count()
    pipeline.run(
        Settings(rosters=(two_areas(tmp_path),), out=tmp_path / "out", formats=("skorowidz",))
    )
    assert len(seen) == 1 and seen[0] > frozen
    assert gc.get_freeze_count() == frozen


def test_an_area_folder_of_an_earlier_build_is_named_not_removed(tmp_path: Path) -> None:
    """An area gone from the roster (or vacant now) keeps its old folder, with the old
    officer's phone: the build names it in a warning and deletes nothing."""
    out = tmp_path / "out"
    settings = sample_settings(out, formats=("plakat-a4",))
    first = pipeline.run(settings)
    assert not [p for p in first.problems if p.code == "stary-folder"]
    unit = next(path for path in out.iterdir() if path.is_dir())
    old = unit / "rejon-99-dawny"
    old.mkdir()
    shutil.copy(next(unit.glob("rejon-1-*/plakat-a4.pdf")), old / "plakat-a4.pdf")
    (unit / "rejon-98-pusty").mkdir()  # no PDF: nothing to print by mistake
    again = pipeline.run(settings)
    stale = [p.message for p in again.problems if p.code == "stary-folder"]
    assert stale == [
        f"{unit.name}/rejon-99-dawny/: pliki z wcześniejszego budowania — ten rejon nie ma "
        "teraz ulotek (nie ma go w wykazie, jest wakatem albo jego wiersze mają błędy), więc "
        "mogą podawać nieaktualne dane; usuń ten folder, zanim ktoś je wydrukuje"
    ]
    assert (old / "plakat-a4.pdf").is_file(), "nothing is deleted"
    assert again.exit_code == 0
    # `build --adres` renders some areas only: the others' folders are not stale.
    some = pipeline.run(replace(settings, address="Chojnowska 80, Legnica"))
    assert [p for p in some.problems if p.code == "stary-folder"] == []
    # Another unit's roster built into the same folder: the sample's folders are its own.
    other = tmp_path / "inna.csv"
    other.write_text(
        "Jednostka;Rejon;Imię;Nazwisko;Telefon;Ulice\n"
        "KP Przykładowo;1;Anna;Nowak;600 000 001;ul. Polna\n",
        encoding="utf-8",
    )
    another = pipeline.run(replace(settings, rosters=(other,)))
    assert [p for p in another.problems if p.code == "stary-folder"] == []
