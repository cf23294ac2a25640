"""The web app with the real build child on the sample roster: the files a reader checks
(page sizes, QR codes), a new version rebuilt incrementally while the old build stays as it
was, and a hostile roster's text escaped on the results page."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.helpers import pdf_text, qr_payloads
from tests.web.conftest import DATA, SAMPLE, MakeWeb, Web

pytestmark = pytest.mark.pdf

SAMPLE_SETTINGS = {
    "jednostka_nazwa": "Komisariat Policji Legnica-Śródmieście (jednostka fikcyjna)",
    "jednostka_adres": "ul. Przykładowa 1, 59-220 Legnica",
    "wydruk_stan_na": "2026-11-01",
    "wydruk_wzor": "tak",
}
UNIT = "komisariat-policji-legnica-srodmiescie-jednostka-fikcyjna"
AREA_1 = f"{UNIT}/rejon-1-zakaczawie/plakat-a4.pdf"
AREA_2 = f"{UNIT}/rejon-2-stare-miasto/plakat-a4.pdf"


def changed_phone(target: Path) -> Path:
    """The sample with area 1's phone changed (723 000 114 -> 723 000 999)."""
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("Tel. kom.") + 1
    assert sheet.cell(row=2, column=column).value == "723 000 114"
    sheet.cell(row=2, column=column).value = "723 000 999"
    book.save(target)
    return target


def snapshot(web: Web, build: str) -> Path:
    workspace_id, build_id = re.findall(r"/obszary/(\w+)/ulotki/(\d+)", build)[0]
    return web.data / "obszary" / workspace_id / "ulotki" / build_id


def test_sample_built_from_the_web_then_a_new_version(make_web: MakeWeb, tmp_path: Path) -> None:
    web = make_web(command=None)
    workspace = web.new_workspace()
    assert web.post(f"{workspace}/ustawienia", SAMPLE_SETTINGS).status_code == 200
    first = web.build(workspace, format=["plakat-a4"])
    assert web.wait(first, timeout=300) == "gotowe"

    page = web.get(first).text
    assert "Gotowe: 17 plików" in page  # 14 posters, the print file, manifest, report
    # The roster's 42 rows, as the CLI counts them (the Spotkania sheet's rows are meetings).
    assert "wiersze: 42 (odrzucone: 0)" in " ".join(page.split())
    pdf = web.get(f"{first}/pliki/{AREA_1}")
    assert pdf.status_code == 200
    saved = tmp_path / "plakat.pdf"
    saved.write_bytes(pdf.content)
    reader = PdfReader(saved)
    assert [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    ] == [(595, 842)]
    assert "tel:+48723000114" in qr_payloads(saved)
    names = zipfile.ZipFile(io.BytesIO(web.get(f"{first}/zip").content)).namelist()
    assert AREA_1 in names and "manifest.json" in names and "problemy.xlsx" in names
    thumb = web.get(f"{first}/obraz/{AREA_1}?strona=1&szerokosc=240")
    assert thumb.status_code == 200 and thumb.content.startswith(b"\x89PNG")

    new = changed_phone(tmp_path / "legnica-wzor.xlsx")
    assert web.upload(new.read_bytes(), new.name, url=f"{workspace}/wersje").status_code == 303
    second = web.build(workspace, format=["plakat-a4"])
    assert web.wait(second, timeout=300) == "gotowe"
    old, current = snapshot(web, first), snapshot(web, second)
    # Unchanged areas: the same file (hard links); the changed one: rendered anew, and the
    # first build keeps its own copy.
    assert (old / AREA_2).stat().st_ino == (current / AREA_2).stat().st_ino
    assert (old / AREA_1).stat().st_ino != (current / AREA_1).stat().st_ino
    assert "723 000 114" in pdf_text(old / AREA_1)
    assert "723 000 999" in pdf_text(current / AREA_1)
    assert "723 000 114" in web.get(first).text and "723 000 999" in web.get(second).text


def test_hostile_roster_text_is_escaped_on_the_results_page(
    make_web: MakeWeb, tmp_path: Path
) -> None:
    web = make_web(command=None)
    lines = (DATA / "wrogie.csv").read_text(encoding="utf-8").splitlines()
    roster = tmp_path / "wrogie.csv"  # with the unit every leaflet needs
    roster.write_text(
        "\n".join([f"Jednostka;{lines[0]}", *(f"KP Test;{line}" for line in lines[1:])]) + "\n",
        encoding="utf-8",
    )
    workspace = web.new_workspace(roster)
    build = web.build(workspace, format=["plakat-a4"])
    assert web.wait(build, timeout=300) == "gotowe"
    text = web.get(build).text
    assert "<script>alert" not in text and "<b>Jan</b>" not in text
    assert "&lt;b&gt;Jan&lt;/b&gt;" in text or "&lt;script&gt;" in text
