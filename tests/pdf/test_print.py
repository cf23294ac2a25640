"""Print production: page sizes of every format, type sizes, QR module sizes on the printed
page, and office sheets (imposition) decoded at 300 dpi."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pypdfium2.raw as pdfium_raw
import pytest
import zxingcpp
from pypdf import PdfReader

from leaflets import pipeline
from leaflets.areas import Area
from leaflets.formats import FORMATS
from leaflets.output.paths import MANIFEST, area_key, unit_folder
from leaflets.qrcodes import make_qr
from tests.helpers import SAMPLE, pdf_pages, sample_settings

MM = 72 / 25.4
PT_PER_FONT_UNIT = 0.75  # WeasyPrint writes text in CSS px under a 0.75 pt/px matrix
FLYERS = ("ulotka-a5", "ulotka-a6", "wizytowka")


@pytest.fixture(scope="module")
def one_area(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Area, pipeline.Report]:
    """Area 1 (one officer, a photo, priority actions) in every format, with office sheets."""
    out = tmp_path_factory.mktemp("print")
    settings = sample_settings(
        out,
        formats=("plakat-a4", *FLYERS),
        address="ul. Chojnowska 80, Legnica",
        office_sheets=True,
    )
    report = pipeline.run(settings)
    (area,) = report.areas
    return out, area, report


def _occurrences(path: Path, needle: str) -> list[float]:
    """For each occurrence of `needle` in the PDF, the smallest font size (pt) of its
    characters."""
    smallest = []
    for page in pdf_pages(path):
        text = page.get_textpage()
        content = text.get_text_range()
        start = content.find(needle)
        while start >= 0:
            smallest.append(
                min(
                    pdfium_raw.FPDFText_GetFontSize(text, i) * PT_PER_FONT_UNIT
                    for i in range(start, start + len(needle))
                    if not content[i].isspace()
                )
            )
            start = content.find(needle, start + 1)
    assert smallest, f"{needle!r} not found in {path}"
    return smallest


@pytest.mark.parametrize("name", ["plakat-a4", *FLYERS])
def test_page_boxes_match_the_trimmed_size(
    one_area: tuple[Path, Area, pipeline.Report], name: str
) -> None:
    out, area, _ = one_area
    spec = FORMATS[name]
    for page in PdfReader(out / area_key(area) / f"{name}.pdf").pages:
        for box in (page.mediabox, page.trimbox, page.bleedbox):
            assert float(box.width) == pytest.approx(spec.width_mm * MM, abs=0.5)
            assert float(box.height) == pytest.approx(spec.height_mm * MM, abs=0.5)


def test_minimum_type_sizes(one_area: tuple[Path, Area, pipeline.Report]) -> None:
    out, area, _ = one_area
    officer = area.officers[0]
    poster = out / area_key(area) / "plakat-a4.pdf"
    # The name and phone are printed big once; smaller repeats are QR captions.
    assert max(_occurrences(poster, officer.first_name)) >= 36
    assert max(_occurrences(poster, officer.phone.national)) >= 36
    flyer = out / area_key(area) / "ulotka-a5.pdf"
    for body in ("nie jest numerem alarmowym", "Bezpłatna aplikacja", "policjanci"):
        assert min(_occurrences(flyer, body)) >= 12, body
    card = out / area_key(area) / "wizytowka.pdf"
    every = [
        pdfium_raw.FPDFText_GetFontSize(page.get_textpage(), i) * PT_PER_FONT_UNIT
        for page in pdf_pages(card)
        for i in range(page.get_textpage().count_chars())
        if not page.get_textpage().get_text_range(i, 1).isspace()
    ]
    assert min(every) >= 7 - 0.01


def _codes(path: Path, dpi: int) -> list[tuple[str, float, int]]:
    """(payload, module size in mm, page number) of every QR code on a `dpi` raster."""
    found = []
    for number, page in enumerate(pdf_pages(path)):
        image = page.render(scale=dpi / 72).to_pil()
        for result in zxingcpp.read_barcodes(image):
            corners = result.position
            side_px = math.dist(
                (corners.top_left.x, corners.top_left.y),
                (corners.top_right.x, corners.top_right.y),
            )
            modules = make_qr(result.text).modules - 8  # the symbol, without quiet zone
            found.append((result.text, side_px / modules * 25.4 / dpi, number))
    return found


@pytest.mark.parametrize(
    ("name", "minimum"),
    [("plakat-a4", 1.0), ("ulotka-a5", 0.5), ("ulotka-a6", 0.4), ("wizytowka", 0.4)],
)
def test_qr_modules_measured_on_the_raster(
    one_area: tuple[Path, Area, pipeline.Report], name: str, minimum: float
) -> None:
    out, area, _ = one_area
    codes = _codes(out / area_key(area) / f"{name}.pdf", dpi=300)
    # call, contact card, KMZB; Moja Komenda has no code until a verified link is set
    assert len(codes) == 3, codes
    for payload, module_mm, _page in codes:
        assert module_mm >= minimum - 0.03, (payload, module_mm)


@pytest.mark.parametrize(
    ("name", "per_sheet", "sheet_mm"),
    [("ulotka-a5", 2, (297, 210)), ("ulotka-a6", 4, (210, 297)), ("wizytowka", 10, (210, 297))],
)
def test_office_sheets_hold_the_copies_and_every_code_decodes(
    one_area: tuple[Path, Area, pipeline.Report],
    name: str,
    per_sheet: int,
    sheet_mm: tuple[int, int],
) -> None:
    out, area, _ = one_area
    officer = area.officers[0]
    sheet = out / area_key(area) / f"{name}-arkusz.pdf"
    pages = list(pdf_pages(sheet))
    assert len(pages) == 2, "a front sheet and its back"
    for page in PdfReader(sheet).pages:
        assert float(page.mediabox.width) == pytest.approx(sheet_mm[0] * MM, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(sheet_mm[1] * MM, abs=0.5)
    front = pages[0].get_textpage().get_text_range()
    marker = officer.phone.national if name == "wizytowka" else "TWÓJ DZIELNICOWY"
    assert front.count(marker) == per_sheet
    codes = _codes(sheet, dpi=300)
    payloads = [payload for payload, _size, _page in codes]
    assert payloads.count(f"tel:{officer.phone.e164}") == per_sheet
    assert payloads.count("https://mapy.geoportal.gov.pl/iMapLite/KMZBPublic.html") == per_sheet
    minimum = FORMATS[name].qr_module_mm
    assert all(size >= minimum - 0.03 for _p, size, _n in codes)
    # The manifest lists the sheet among the area's files (the review saw it left out).
    (entry,) = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["areas"]
    assert entry["files"][f"{name}-arkusz"] == f"{area_key(area)}/{name}-arkusz.pdf"


def test_unit_sheet_file_packs_every_area(tmp_path: Path) -> None:
    report = pipeline.run(sample_settings(tmp_path, formats=("wizytowka",), office_sheets=True))
    unit = unit_folder(report.areas[0].unit)
    sheets = PdfReader(tmp_path / unit / "druk-wizytowka-arkusze.pdf")
    cards = sum(len(a.officers) for a in report.areas)
    assert len(sheets.pages) == 2 * math.ceil(cards / 10)
    text = "".join(page.extract_text() for page in sheets.pages[::2])
    for area in report.areas:
        for officer in area.officers:
            assert officer.phone.national in text
    assert SAMPLE.is_file()


@pytest.mark.parametrize("bleed", [0, 2, 3, 5])
def test_print_shop_boxes(tmp_path: Path, bleed: int) -> None:
    settings = sample_settings(
        tmp_path,
        formats=("plakat-a4",),
        address="ul. Chojnowska 80, Legnica",
        bleed_mm=float(bleed),
        crop_marks=bleed == 3,
    )
    (area,) = pipeline.run(settings).areas
    path = tmp_path / area_key(area) / "plakat-a4-drukarnia.pdf"
    page = PdfReader(path).pages[0]
    trim = [float(v) / MM for v in page.trimbox]
    bleedbox = [float(v) / MM for v in page.bleedbox]
    media = [float(v) / MM for v in page.mediabox]
    assert trim == pytest.approx([0, 0, 210, 297], abs=0.1)
    assert bleedbox == pytest.approx([-bleed, -bleed, 210 + bleed, 297 + bleed], abs=0.1)
    extra = bleed + (8 if bleed == 3 else 0)
    assert media == pytest.approx([-extra, -extra, 210 + extra, 297 + extra], abs=0.1)


def test_print_shop_page_bleeds_marks_and_keeps_a_safe_margin(tmp_path: Path) -> None:
    settings = sample_settings(
        tmp_path,
        formats=("plakat-a4",),
        address="ul. Chojnowska 80, Legnica",
        bleed_mm=3.0,
        crop_marks=True,
    )
    (area,) = pipeline.run(settings).areas
    path = tmp_path / area_key(area) / "plakat-a4-drukarnia.pdf"
    dpi = 100
    page = next(pdf_pages(path))
    image = page.render(scale=dpi / 72).to_pil().convert("L")

    def px(mm_from_media_left: float) -> int:
        return round(mm_from_media_left / 25.4 * dpi)

    offset = 11  # media box starts 3 mm bleed + 8 mm marks outside the trim
    band_y = px(offset + 20)  # the navy band runs from 11 mm below the trim top
    # The band runs into the bleed on both sides, and stops at the bleed edge.
    assert image.getpixel((px(offset - 1.5), band_y)) < 80
    assert image.getpixel((px(offset + 210 + 1.5), band_y)) < 80
    assert image.getpixel((px(offset - 4), band_y)) > 200
    # Crop marks: dark pixels in line with the trim's left edge, above the top bleed.
    column = [image.getpixel((px(offset), y)) for y in range(px(1), px(offset - 3.5))]
    assert min(column) < 128
    # Nothing printed (text, codes) within 5 mm of the trim, except the band's background.
    text = page.get_textpage()
    for index in range(text.count_chars()):
        if text.get_text_range(index, 1).isspace():
            continue
        left, _bottom, right, _top = text.get_charbox(index)
        x0, x1 = left / MM, right / MM  # PDF user space: the trim box starts at 0
        assert x0 >= 5 - 0.2 and x1 <= 210 - 5 + 0.2, text.get_text_range(index, 1)
    for result in zxingcpp.read_barcodes(page.render(scale=300 / 72).to_pil()):
        xs = [p.x for p in (result.position.top_left, result.position.bottom_right)]
        assert all(5 <= x / 300 * 25.4 - offset <= 205 for x in xs), result.text


def test_a_payload_too_long_for_the_minimum_module_is_an_error(tmp_path: Path) -> None:
    """The flyer's contact card holds the unit: a unit name this long overflows it. (The
    business card's holds name, phone and e-mail only, so it would still fit there.)"""
    unit = "Komisariat Policji " + "Bardzo Długa Nazwa Jednostki " * 8
    roster = tmp_path / "r.csv"
    roster.write_text(
        "Jednostka;Rejon;Imię;Nazwisko;Telefon;E-mail\n"
        f"{unit};1;Jan;Nowak;723 645 827;jan.nowak.z.bardzo.dlugim.adresem@komisariat.example\n"
        "KP;2;Anna;Lis;723 645 828;\n",
        encoding="utf-8",
    )
    report = pipeline.run(
        pipeline.Settings(rosters=(roster,), out=tmp_path / "out", formats=("ulotka-a5",))
    )
    assert report.exit_code == 1
    (error,) = [p for p in report.problems if p.is_error]
    assert error.message == (
        "ulotka-a5, rejon 1: kod QR „Zapisz kontakt w telefonie” potrzebuje 46 mm przy module"
        " 0,5 mm, a miejsca jest 42 mm — skróć dane (np. nazwę jednostki albo e-mail); rejon"
        " pominięty"
    )
    assert [a.number for a in report.areas] == ["2"]
    assert {r.where.row: r.status for r in report.rows} == {2: "rejected", 3: "ok"}


def test_error_correction_level_q_is_a_setting(tmp_path: Path) -> None:
    from dataclasses import replace

    settings = sample_settings(tmp_path, formats=("ulotka-a5",), address="Chojnowska 80")
    settings = replace(settings, config=replace(settings.config, qr_level="Q"))
    (area,) = pipeline.run(settings).areas
    image = next(pdf_pages(tmp_path / area_key(area) / "ulotka-a5.pdf")).render(scale=3).to_pil()
    levels = {r.ec_level for r in zxingcpp.read_barcodes(image)}
    assert levels == {"Q"}
