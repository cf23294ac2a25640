"""What a reader of the PDFs checks: page size, fonts, text with Polish letters, QR codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from leaflets.config import KMZB_URL
from leaflets.output.paths import area_key, unit_folder
from leaflets.pipeline import Report
from leaflets.problems import Severity
from tests.helpers import Built, pdf_text, qr_payloads, text_near_edges, text_under_images

MM = 72 / 25.4
SIZES = {"plakat-a4": (210, 297), "ulotka-a5": (148, 210)}


def _areas(report: Report) -> list[tuple[str, str]]:
    return [(area_key(area), area.number) for area in report.areas]


def _files(built: Built, fmt: str) -> list[Path]:
    manifest = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    return [built.out / area["files"][fmt] for area in manifest["areas"]]


def test_sample_build_has_no_problems_that_matter(built: Built) -> None:
    """Rendering logs no WeasyPrint warning (missing glyph, image, bad CSS) and no error."""
    report = built.report
    assert report.errors == 0
    assert [p.message for p in report.problems if "WeasyPrint" in p.message] == []
    assert len(report.areas) >= 10
    assert report.officers >= 12


@pytest.mark.parametrize("fmt", SIZES)
def test_page_size(built: Built, fmt: str) -> None:
    width, height = SIZES[fmt]
    for path in _files(built, fmt):
        for page in PdfReader(path).pages:
            box = page.mediabox
            assert float(box.width) == pytest.approx(width * MM, abs=0.5), path
            assert float(box.height) == pytest.approx(height * MM, abs=0.5), path


@pytest.mark.parametrize("fmt", SIZES)
def test_every_font_is_embedded_and_covers_polish(built: Built, fmt: str) -> None:
    names = set()
    for path in _files(built, fmt):
        for page in PdfReader(path).pages:
            fonts = page["/Resources"]["/Font"]
            for ref in fonts.values():
                font = ref.get_object()
                descendant = font.get("/DescendantFonts")
                descriptor = (
                    descendant[0].get_object()["/FontDescriptor"]
                    if descendant
                    else font["/FontDescriptor"]
                ).get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                    f"{path}: font {font['/BaseFont']} not embedded"
                )
                names.add(str(font["/BaseFont"]).split("+")[-1])
    assert names, "no fonts found"
    assert all(name.startswith("Open-Sans") for name in names), names


def test_text_has_every_officer_with_polish_letters(built: Built) -> None:
    for area in built.report.areas:
        for fmt in SIZES:
            path = built.out / area_key(area) / f"{fmt}.pdf"
            text = " ".join(pdf_text(path).split())
            for officer in area.officers:
                assert f"{officer.first_name} {officer.surname}" in text or (
                    officer.first_name in text and officer.surname in text
                ), (path, officer.name)
                assert officer.phone.national in text, (path, officer.phone.national)
            assert "112" in text
            assert "nie jest numerem alarmowym" in text
            assert "Stan na 1 listopada 2026 r." in text


def test_polish_letters_survive_extraction(built: Built) -> None:
    """Names from the sample with ą ć ę ł ń ó ś ź ż come back from the PDF unchanged."""
    text = pdf_text(built.out / _path(built, "2") / "plakat-a4.pdf")
    assert "Karolina Wiśniewska" in text
    assert "Michał Żak" in text
    assert "Działania priorytetowe" in pdf_text(built.out / _path(built, "1") / "ulotka-a5.pdf")


def _path(built: Built, number: str) -> str:
    return next(path for path, n in _areas(built.report) if n == number)


@pytest.mark.parametrize("fmt", SIZES)
def test_every_qr_code_decodes_at_150_dpi(built: Built, fmt: str) -> None:
    """Call, contact card and KMZB; no Moja Komenda code without a verified link (the text
    names the stores instead)."""
    area = next(a for a in built.report.areas if a.number == "1")
    officer = area.officers[0]
    path = built.out / area_key(area) / f"{fmt}.pdf"
    payloads = qr_payloads(path, dpi=150)
    assert f"tel:{officer.phone.e164}" in payloads
    assert KMZB_URL in payloads
    assert len(payloads) == 3, payloads
    assert "Wyszukaj „Moja Komenda” w Google Play lub App Store." in " ".join(
        pdf_text(path).split()
    )
    cards = [p for p in payloads if p.startswith("BEGIN:VCARD")]
    assert len(cards) == 1
    card = cards[0]
    assert f"FN:{officer.first_name} {officer.surname}" in card
    if fmt == "plakat-a4":  # capped at 41 mm: the e-mail is printed, the code holds the rest
        assert officer.email in " ".join(pdf_text(path).split())
    else:
        assert f"EMAIL:{officer.email}" in card
    if fmt == "ulotka-a5":  # the flyer's card also saves the unit and the job title
        assert f"TEL;TYPE=CELL:{officer.phone.e164}" in card
        assert "ORG:Komisariat Policji Legnica-Śródmieście (jednostka fikcyjna)" in card
    else:  # the poster's holds name, phone and e-mail only (a smaller code)
        assert f"TEL:{officer.phone.e164}" in card
        assert "ORG:" not in card and "TITLE:" not in card


def test_two_officer_area_has_a_poster_per_officer_and_both_on_the_flyer(built: Built) -> None:
    area = next(a for a in built.report.areas if a.number == "2")
    assert len(area.officers) == 2
    poster = built.out / area_key(area) / "plakat-a4.pdf"
    assert len(PdfReader(poster).pages) == 2
    flyer_codes = qr_payloads(built.out / area_key(area) / "ulotka-a5.pdf")
    for officer in area.officers:
        assert f"tel:{officer.phone.e164}" in flyer_codes


def test_page_counts(built: Built) -> None:
    for area in built.report.areas:
        assert len(PdfReader(built.out / area_key(area) / "plakat-a4.pdf").pages) == len(
            area.officers
        )
        assert len(PdfReader(built.out / area_key(area) / "ulotka-a5.pdf").pages) == 2


def test_combined_print_file_holds_every_area_page(built: Built) -> None:
    unit = unit_folder(built.report.areas[0].unit)
    for fmt in SIZES:
        combined = len(PdfReader(built.out / unit / f"druk-{fmt}.pdf").pages)
        separate = sum(len(PdfReader(path).pages) for path in _files(built, fmt))
        assert combined == separate


def test_specimen_mark_is_visible(built: Built) -> None:
    text = pdf_text(built.out / _path(built, "3") / "plakat-a4.pdf")
    assert "WZÓR — dane fikcyjne, nie wywieszać" in text


def test_long_street_list_shrinks_and_check_warns(built: Built) -> None:
    area = next(a for a in built.report.areas if len(a.lines) >= 30)
    assert len(PdfReader(built.out / area_key(area) / "plakat-a4.pdf").pages) == 1
    text = " ".join(pdf_text(built.out / area_key(area) / "plakat-a4.pdf").split())
    for line in area.lines:
        assert line.text.split(" (")[0] in text
    steps = [p for p in built.report.problems if p.code == "dopasowanie"]
    assert all(p.severity is Severity.INFO for p in steps)
    assert any(
        p.message.startswith(f"plakat-a4, rejon {area.number}: lista ulic wydrukowana")
        and p.message.endswith(" — nic nie trzeba poprawiać")
        for p in steps
    )


def test_pdf_is_tagged_with_language_and_title(built: Built) -> None:
    area = built.report.areas[0]
    for fmt in SIZES:
        reader = PdfReader(built.out / area_key(area) / f"{fmt}.pdf")
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "pl"
        assert bool(root["/MarkInfo"]["/Marked"])
        tree = root["/StructTreeRoot"].get_object()
        assert tree["/K"], "empty structure tree"
        assert reader.metadata is not None
        assert reader.metadata.title == (
            f"Twój dzielnicowy — {area.unit.name}, rejon {area.number}"
        )
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_phone_email_and_codes_are_clickable(built: Built) -> None:
    area = next(a for a in built.report.areas if a.number == "1")
    officer = area.officers[0]
    reader = PdfReader(built.out / area_key(area) / "ulotka-a5.pdf")
    links = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert f"tel:{officer.phone.e164}" in links
    assert f"mailto:{officer.email}" in links
    assert KMZB_URL in links


def test_no_text_runs_under_a_code_or_photo_in_the_sample(built: Built) -> None:
    """Text under an image is hidden from the reader though extraction still finds it."""
    files = sorted(built.out.glob("*/rejon-*/*.pdf"))
    assert files
    assert [found for path in files for found in text_under_images(path)] == []


def test_no_text_where_an_office_printer_cannot_print(built: Built) -> None:
    """The footer (date, unit address and phone) ran to 1.5 mm from the A5 flyer's edge."""
    files = sorted(built.out.glob("*/rejon-*/*.pdf")) + sorted(built.out.glob("*/skorowidz*.pdf"))
    assert [found for path in files for found in text_near_edges(path)] == []
