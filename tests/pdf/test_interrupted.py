"""Builds killed at the worst moments (issue 20, docs/hostile.md): the next build repairs the
folder — print files follow their area files, truncated PDFs are not trusted, the temporary
files of killed writes go — and ends with what a clean build writes, byte for byte.

A build is killed by SIGKILL from inside, at a named point, by a driver that patches one
function and runs the real CLI in a child process (`--jobs 1`: no worker processes to clean
up; the point is in the parent, where the content cache and the print files are written)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from leaflets.output.paths import CACHE, PRINT_SOURCES
from tests.helpers import pdf_text

OLD, NEW = "600 100 102", "600 100 202"
OPTIONS = ("--format", "plakat-a4,ulotka-a5", "--jobs", "1")

ROSTER = """Jednostka Policji;Nr rejonu;Nazwa rejonu;Stopień;Imię;Nazwisko;Tel. kom.;Ulice
KP Próbna;1;Zakole;asp.;Jan;Nowak;600 100 101;"ul. Polna; ul. Leśna"
KP Próbna;2;Górka;asp.;Anna;Kowal;{phone};ul. Łąkowa
KP Próbna;3;Dolina;asp.;Ewa;Bór;600 100 103;ul. Krótka
"""

DRIVER = r"""
import os, signal, sys
from leaflets.output import printfiles
from leaflets.render import cache

point = sys.argv[1]


def die():
    os.kill(os.getpid(), signal.SIGKILL)


if point == "after-cache":
    save = cache.ContentCache.save

    def saved_then_killed(self, results):
        save(self, results)
        die()

    cache.ContentCache.save = saved_then_killed
elif point.startswith("merge-"):
    number, calls, merge = int(point.removeprefix("merge-")), [], printfiles.merge_pdfs

    def merge_or_die(paths, target, title):
        calls.append(target)
        if len(calls) == number:
            die()
        merge(paths, target, title)

    printfiles.merge_pdfs = merge_or_die
elif point == "mid-merge-write":
    # Half the print file written to its temporary file, then killed: a `.tmp` is left.
    atomic = printfiles.atomic_file

    class Killing:
        def __init__(self, target):
            self.inner = atomic(target)

        def __enter__(self):
            handle = self.inner.__enter__()
            real = handle.write

            def write(data):
                real(data[: len(data) // 2])
                handle.flush()
                die()

            handle.write = write
            return handle

        def __exit__(self, *exc):
            return self.inner.__exit__(*exc)

    printfiles.atomic_file = Killing
elif point == "before-record":
    write_json = printfiles.write_json

    def write_or_die(path, data):
        if path.name == ".leaflets-druk.json":
            die()
        write_json(path, data)

    printfiles.write_json = write_or_die
elif point != "none":
    raise SystemExit(f"unknown point {point}")
os.umask(0o022)
sys.argv = ["leaflets", "build", *sys.argv[2:]]
from leaflets.cli import main

main()
"""


def build(roster: Path, out: Path, point: str = "none") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", DRIVER, point, str(roster), "--out", str(out), *OPTIONS],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def pdfs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}


def digits(path: Path) -> str:
    return pdf_text(path).replace(" ", "").replace("\n", "")


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "wykaz.csv"
    path.write_text(ROSTER.format(phone=OLD), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What the same two builds write when nothing stops them: the roster with the old
    phone, then with the new one (an area rendered alone is not byte-identical to the same
    area rendered in a batch with others, so the reference is the same sequence)."""
    folder = tmp_path_factory.mktemp("clean")
    roster, out = folder / "wykaz.csv", folder / "out"
    for phone in (OLD, NEW):
        roster.write_text(ROSTER.format(phone=phone), encoding="utf-8")
        done = build(roster, out)
        assert done.returncode == 0, done.stderr
    return pdfs(out)


@pytest.mark.parametrize(
    "point", ["after-cache", "merge-1", "merge-2", "mid-merge-write", "before-record"]
)
def test_print_files_follow_their_area_files_after_a_killed_build(
    tmp_path: Path, roster: Path, clean: dict[str, bytes], point: str
) -> None:
    """Issue 20 (F2, the worst case): a build killed after the content cache is written but
    before the unit's print files are merged left `druk-*.pdf` with the old phone number,
    and no later build repaired them. Killed at each point of that window, then rebuilt:
    every print file has the new phone, and the folder is a clean build's, byte for byte."""
    out = tmp_path / "out"
    first = build(roster, out)
    assert first.returncode == 0, first.stderr
    roster.write_text(ROSTER.format(phone=NEW), encoding="utf-8")

    killed = build(roster, out, point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (out / CACHE).is_file()
    prints = sorted(out.glob("*/druk-*.pdf"))
    assert len(prints) == 2
    if point in ("after-cache", "merge-1"):
        # The dangerous state is real: area files new, the unit's print files still old.
        assert NEW.replace(" ", "") in digits(out / "kp-probna" / "rejon-2-gorka" / "plakat-a4.pdf")
        assert all(OLD.replace(" ", "") in digits(path) for path in prints)
    if point == "mid-merge-write":
        assert list(out.rglob(".druk-*.tmp"))

    rebuilt = build(roster, out)
    assert rebuilt.returncode == 0, rebuilt.stderr
    for path in prints:
        text = digits(path)
        assert NEW.replace(" ", "") in text, path.name
        assert OLD.replace(" ", "") not in text, path.name
    assert not list(out.rglob("*.tmp"))
    assert pdfs(out) == clean
    assert (out / PRINT_SOURCES).is_file()


def test_a_truncated_or_damaged_pdf_is_rebuilt(tmp_path: Path, roster: Path) -> None:
    """Issue 20 (F17): the cache trusted any file that existed. An area PDF cut in half, a
    print file cut in half and an area PDF with one byte changed (same size) are all
    rebuilt: byte for byte what a rebuild writes when those files are deleted (an area laid
    out alone is not byte-identical to one laid out in a batch, so that is the reference)."""
    out, reference = tmp_path / "out", tmp_path / "reference"
    assert build(roster, out).returncode == 0
    shutil.copytree(out, reference)
    damaged = {
        "kp-probna/rejon-1-zakole/plakat-a4.pdf": "cut",
        "kp-probna/druk-ulotka-a5.pdf": "cut",
        "kp-probna/rejon-3-dolina/ulotka-a5.pdf": "flip",
    }
    for name, how in damaged.items():
        path = out / name
        data = bytearray(path.read_bytes())
        if how == "cut":
            del data[len(data) // 2 :]
        else:
            data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
        (reference / name).unlink()

    for folder in (out, reference):
        rebuilt = build(roster, folder)
        assert rebuilt.returncode == 0, rebuilt.stderr
    assert pdfs(out) == pdfs(reference)
    for name in damaged:
        assert pdf_text(out / name)  # opens, and has its text


def test_outputs_get_the_mode_of_a_new_file_under_the_umask(tmp_path: Path, roster: Path) -> None:
    """Issue 20 (F18): every output was 0600 (the temporary file's mode survived the
    rename), so colleagues on a shared folder could not open the leaflets. Under umask 022
    (the driver sets it) every file is 0644."""
    out = tmp_path / "out"
    assert build(roster, out).returncode == 0
    files = [path for path in out.rglob("*") if path.is_file()]
    assert len(files) > 8
    modes = {path.relative_to(out).as_posix(): oct(path.stat().st_mode & 0o777) for path in files}
    assert set(modes.values()) == {"0o644"}, modes
    assert out.stat().st_mode & 0o777 == 0o755
