"""The benchmark's tools: the synthetic national roster and the naive baseline."""

from __future__ import annotations

from pathlib import Path

import phonenumbers
import pytest
from pypdf import PdfReader

from leaflets.areas import group_areas
from leaflets.config import LeafletConfig, Settings
from leaflets.roster import read_rosters
from leaflets.streets import find_overlaps
from leaflets.validation import validate
from tests.helpers import pdf_text, qr_payloads
from tools.bench.naive_baseline import run_naive, run_naive_poster
from tools.bench.synthetic_roster import (
    HEADER,
    change_one_row,
    first_areas,
    generate_rows,
    read_rows,
    write_roster,
    write_rows,
)

AREAS = 50


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "wykaz.csv"
    write_roster(path, AREAS)
    return path


def areas_of(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    return {(row["Jednostka"], row["Rejon"]) for row in rows}


def test_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(
    roster: Path, tmp_path: Path
) -> None:
    again, other = tmp_path / "again.csv", tmp_path / "other.csv"
    write_roster(again, AREAS)
    write_roster(other, AREAS, seed=7)
    assert again.read_bytes() == roster.read_bytes()
    assert other.read_bytes() != roster.read_bytes()


def test_header_encoding_and_separator(roster: Path) -> None:
    first_line = roster.read_bytes().split(b"\r\n", 1)[0].decode("utf-8")
    assert first_line == ";".join(HEADER)


@pytest.mark.parametrize("count", [1, 9, 10, 11, AREAS, 333])
def test_the_requested_number_of_areas(count: int) -> None:
    assert len(areas_of(generate_rows(count))) == count


def test_units_two_officer_areas_and_rural_areas() -> None:
    rows = generate_rows(2000)
    units: dict[str, set[str]] = {}
    officers: dict[tuple[str, str], int] = {}
    for row in rows:
        units.setdefault(row["Jednostka"], set()).add(row["Rejon"])
        key = (row["Jednostka"], row["Rejon"])
        officers[key] = officers.get(key, 0) + 1
    assert all(10 <= len(areas) <= 49 for areas in units.values())
    assert all("fikcyj" in unit for unit in units)
    two = sum(count == 2 for count in officers.values()) / len(officers)
    assert 0.05 < two < 0.11
    # Rural areas list villages: no street prefix anywhere in their description.
    descriptions = {(row["Jednostka"], row["Rejon"]): row["Ulice"] for row in rows}
    prefixes = ("ul. ", "os. ", "al. ", "pl. ")
    rural = [text for text in descriptions.values() if not any(p in text for p in prefixes)]
    assert 0.06 < len(rural) / len(descriptions) < 0.14
    assert all(row["E-mail"].endswith(".example") for row in rows if row["E-mail"])


def test_every_phone_is_a_valid_polish_number_with_a_000_block_and_unique() -> None:
    rows = generate_rows(1000)
    digits = []
    for row in rows:
        number = phonenumbers.parse(row["Telefon"], "PL")
        assert phonenumbers.is_valid_number_for_region(number, "PL"), row["Telefon"]
        national = str(number.national_number)
        assert national[3:6] == "000"
        digits.append(national)
    assert len(set(digits)) == len(digits)


def test_the_real_tool_reads_validates_and_groups_every_row(roster: Path) -> None:
    read = read_rosters((roster,))
    assert not read.problems
    assert len(read.rows) == len(read_rows(roster))
    validated = validate(read.rows, LeafletConfig(), read.base_dirs)
    assert not validated.problems
    assert len(validated.records) == len(read.rows)
    grouping = group_areas(validated.records)
    assert not grouping.problems  # every street segment and village is understood
    assert not grouping.rejected
    assert len(grouping.areas) == AREAS
    # Streets are shared out within a town like in a real roster: no address in two areas.
    assert find_overlaps(grouping.areas) == []


def test_change_one_row_changes_exactly_one_phone(roster: Path, tmp_path: Path) -> None:
    copy = tmp_path / "wykaz.csv"
    copy.write_bytes(roster.read_bytes())
    before = read_rows(copy)
    changed = change_one_row(copy)
    after = read_rows(copy)
    assert len(after) == len(before)
    differing = [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    assert differing == [changed.row - 1]
    old, new = before[differing[0]], after[differing[0]]
    assert {k for k in old if old[k] != new[k]} == {"Telefon"}
    assert (old["Telefon"], new["Telefon"]) == (changed.old_phone, changed.new_phone)
    assert phonenumbers.is_valid_number(phonenumbers.parse(new["Telefon"], "PL"))
    assert new["Telefon"] not in {row["Telefon"] for row in before}
    # Only that row's bytes change, and the change is deterministic.
    assert len(copy.read_bytes()) == len(roster.read_bytes())
    again = tmp_path / "again.csv"
    again.write_bytes(roster.read_bytes())
    change_one_row(again)
    assert again.read_bytes() == copy.read_bytes()


def test_first_areas_keeps_every_officer_of_an_area() -> None:
    rows = generate_rows(200)
    picked = first_areas(rows, 40)
    assert len(areas_of(picked)) == 40
    assert picked == rows[: len(picked)]
    assert (picked[-1]["Jednostka"], picked[-1]["Rejon"]) != (
        rows[len(picked)]["Jednostka"],
        rows[len(picked)]["Rejon"],
    )


@pytest.mark.pdf
def test_the_naive_baseline_renders_one_pdf_per_leaflet(tmp_path: Path) -> None:
    rows = generate_rows(2)[:2]
    ms = run_naive(rows, tmp_path, warm_up=False)
    assert ms > 0
    pdfs = sorted(tmp_path.glob("ulotka-*.pdf"))
    assert len(pdfs) == 2
    assert all(pdf.read_bytes().startswith(b"%PDF") for pdf in pdfs)


@pytest.mark.pdf
def test_the_naive_poster_baseline_renders_our_poster_with_svg_codes(
    roster: Path, tmp_path: Path
) -> None:
    """The like-for-like baseline: our poster, one document per leaflet, vector QR codes
    that still scan."""
    sample = tmp_path / "probka.csv"
    write_rows(sample, first_areas(read_rows(roster), 2))
    settings = Settings(rosters=(sample,), out=tmp_path / "out", formats=("plakat-a4",))
    ms, leaflets = run_naive_poster(settings, settings.out, warm_up=False)
    files = sorted(settings.out.glob("plakat-*.pdf"))
    assert ms > 0 and leaflets == len(files) >= 2
    text = "\n".join(pdf_text(path) for path in files)
    for row in read_rows(sample):
        assert row["Nazwisko"].title() in text
    payloads = qr_payloads(files[0])
    assert any(p.startswith("tel:+48") for p in payloads)
    assert any(p.startswith("BEGIN:VCARD") for p in payloads)
    assert len(PdfReader(files[0]).pages[0].images) == 0, "codes drawn as SVG paths, not images"
