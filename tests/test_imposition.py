"""Imposition on A4 sheets: cells, duplex backs, copies and cut marks, checked on rasters."""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
import qrcode
import weasyprint
import zxingcpp
from pypdf import PdfReader, PdfWriter

from leaflets.errors import RenderError
from leaflets.output.imposition import (
    LAYOUTS,
    MARK_LENGTH_MM,
    MARK_OFFSET_MM,
    Duplex,
    Leaflet,
    Rect,
    SheetLayout,
    cut_mark_segments,
    impose,
    leaflets_from_pdf,
)

DPI = 300
PX_PER_MM = DPI / 25.4
INSET_MM = 5.0  # the QR code's distance from the leaflet's top and side edges
# format: (width, height, QR side, label size in pt)
FORMATS = {
    "a5-2": (148, 210, 30, 36),
    "a6-4": (105, 148, 25, 24),
    "wizytowka-10": (90, 50, 16, 10),
}
LABEL = re.compile(r"A\d+ (przód|tył)")


# --- inputs: tiny two-sided leaflets, rendered once per format --------------------------------


def qr_data_uri(payload: str) -> str:
    image = qrcode.make(payload, border=4, box_size=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def payload(name: str, side: str) -> str:
    return f"{name} {'PRZOD' if side == 'przód' else 'TYL'}"


def leaflet_pdf(target: Path, names: list[str], size: tuple[float, float, float, float]) -> Path:
    """One PDF, pages front, back, front, back… A front has its QR code top-left, a back has it
    top-right: turned over side to side, each back code lies exactly behind its front code."""
    width, height, qr, label = size
    pages = []
    for name in names:
        for side, edge in (("przód", "left"), ("tył", "right")):
            pages.append(
                f'<section><img src="{qr_data_uri(payload(name, side))}" style="{edge}: 5mm">'
                f"<p>{name} {side}</p></section>"
            )
    html = f"""<html><head><style>
        @page {{ size: {width}mm {height}mm; margin: 0 }}
        body {{ margin: 0; font-family: sans-serif }}
        section {{ position: relative; width: {width}mm; height: {height}mm }}
        section + section {{ break-before: page }}
        img {{ position: absolute; top: {INSET_MM}mm; width: {qr}mm; height: {qr}mm;
               image-rendering: pixelated }}
        p {{ position: absolute; left: 5mm; bottom: 5mm; margin: 0; font-size: {label}pt }}
        </style></head><body>{"".join(pages)}</body></html>"""
    weasyprint.HTML(string=html).write_pdf(target)
    return target


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("leaflets")
    names = [f"A{n}" for n in range(1, 6)]
    return {
        layout: leaflet_pdf(folder / f"{layout}.pdf", names, size)
        for layout, size in FORMATS.items()
    }


def load(pdfs: dict[str, Path], layout: str, count: int) -> list[Leaflet]:
    return leaflets_from_pdf(PdfReader(pdfs[layout]), two_sided=True)[:count]


# --- reading the output back -----------------------------------------------------------------


@dataclass(frozen=True)
class Code:
    text: str
    x: float  # centre, mm from the sheet's left edge
    y: float  # centre, mm from the sheet's bottom edge (PDF-style)
    orientation: int


@dataclass(frozen=True)
class Sheet:
    width: float  # mm
    height: float
    text: str
    codes: list[Code]
    pixels: np.ndarray  # grayscale, row 0 at the top

    def labels(self) -> list[str]:
        return [m.group(0) for m in LABEL.finditer(self.text)]

    def dark(self, rect: Rect, below: int) -> bool:
        """Whether any pixel of `rect` (mm, PDF-style) is darker than `below`."""
        top = round((self.height - rect.top) * PX_PER_MM)
        bottom = round((self.height - rect.y) * PX_PER_MM)
        left, right = round(rect.x * PX_PER_MM), round(rect.right * PX_PER_MM)
        return bool((self.pixels[top:bottom, left:right] < below).any())


def scan(writer: PdfWriter) -> list[Sheet]:
    """Every sheet rasterised at 300 dpi, its QR codes decoded and its text extracted."""
    buffer = io.BytesIO()
    writer.write(buffer)
    document = pdfium.PdfDocument(buffer.getvalue())
    sheets = []
    for page in document:
        width, height = (v / 72 * 25.4 for v in page.get_size())
        image = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        codes = []
        for found in zxingcpp.read_barcodes(image):
            assert found.format == zxingcpp.BarcodeFormat.QRCode
            corners = [found.position.top_left, found.position.top_right]
            corners += [found.position.bottom_left, found.position.bottom_right]
            x = sum(c.x for c in corners) / 4 / PX_PER_MM
            y = height - sum(c.y for c in corners) / 4 / PX_PER_MM
            codes.append(Code(found.text, x, y, round(found.orientation / 90) * 90 % 360))
        text = page.get_textpage().get_text_range()
        sheets.append(Sheet(width, height, text, codes, np.asarray(image)))
    return sheets


def flipped(layout: SheetLayout, duplex: str, x: float, y: float) -> tuple[float, float]:
    """Where a point seen on the back of the sheet lies on the front after the physical flip:
    about the sheet's long edge (the 297 mm one) or its short edge."""
    width, height = layout.sheet_mm
    axis_is_vertical = (duplex == "long") == (width < height)
    return (width - x, y) if axis_is_vertical else (x, height - y)


def inside(rect: Rect, x: float, y: float) -> bool:
    return rect.x < x < rect.right and rect.y < y < rect.top


def front_code_spot(rect: Rect, layout: str) -> tuple[float, float]:
    half = FORMATS[layout][2] / 2
    return rect.x + INSET_MM + half, rect.top - INSET_MM - half


# --- layouts ---------------------------------------------------------------------------------


def test_layouts_put_the_right_cells_on_a4() -> None:
    assert {name: (x.sheet_mm, x.cell_mm, x.columns, x.rows) for name, x in LAYOUTS.items()} == {
        "a5-2": ((297, 210), (148, 210), 2, 1),  # A4 landscape
        "a6-4": ((210, 297), (105, 148), 2, 2),
        "wizytowka-10": ((210, 297), (90, 50), 2, 5),
    }
    cards = LAYOUTS["wizytowka-10"]
    for layout in LAYOUTS.values():
        grid = layout.grid
        width, height = layout.sheet_mm
        assert grid.x == pytest.approx(width - grid.right)  # centred
        assert grid.y == pytest.approx(height - grid.top)
    assert cards.cell(0) == Rect(15, 223.5, 90, 50)  # reading order: top-left first
    assert cards.cell(9) == Rect(105, 23.5, 90, 50)


def test_a_grid_larger_than_the_sheet_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match=r"does not fit a 210\.0×297\.0 mm sheet"):
        SheetLayout("a5-3", (210, 297), (148, 210), columns=1, rows=2)


# --- placement, counts and duplex ------------------------------------------------------------

# layout -> (leaflets, copies): each case fills one sheet and starts a second
CASES = {"a5-2": (3, 1), "a6-4": (5, 1), "wizytowka-10": (3, 4)}


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("name", list(LAYOUTS))
def test_fronts_fill_cells_and_backs_land_behind_them(
    pdfs: dict[str, Path], name: str, duplex: Duplex
) -> None:
    layout = LAYOUTS[name]
    count, copies = CASES[name]
    order = [f"A{n}" for n in range(1, count + 1) for _ in range(copies)]
    per_sheet = [order[i : i + layout.cells] for i in range(0, len(order), layout.cells)]
    sheets = scan(impose(load(pdfs, name, count), layout, copies=copies, duplex=duplex))

    assert len(sheets) == 2 * len(per_sheet)  # a back after every front
    for sheet in sheets:
        assert (sheet.width, sheet.height) == pytest.approx(layout.sheet_mm, abs=0.05)
    for number, names in enumerate(per_sheet):
        front, back = sheets[2 * number], sheets[2 * number + 1]
        assert sorted(front.labels()) == sorted(f"{n} przód" for n in names)
        assert sorted(back.labels()) == sorted(f"{n} tył" for n in names)
        # every front code is decoded and sits in its cell, where the leaflet put it
        assert len(front.codes) == len(names)
        for code in front.codes:
            index = next(i for i in range(len(names)) if inside(layout.cell(i), code.x, code.y))
            assert code.text == payload(names[index], "przód")
            spot = front_code_spot(layout.cell(index), name)
            assert (code.x, code.y) == pytest.approx(spot, abs=1.0)
            assert code.orientation == 0
        # every back code, after the sheet is turned over, is exactly behind its front code
        assert len(back.codes) == len(names)
        for code in back.codes:
            x, y = flipped(layout, duplex, code.x, code.y)
            partner = min(front.codes, key=lambda c: (c.x - x) ** 2 + (c.y - y) ** 2)
            assert partner.text == code.text.replace("TYL", "PRZOD")
            assert (x, y) == pytest.approx((partner.x, partner.y), abs=1.0)
        turned = flipped(layout, duplex, 0, 0)[1] != 0  # a flip about the horizontal axis
        assert {code.orientation for code in back.codes} == {180 if turned else 0}


def test_one_sided_leaflets_make_no_back_sheets(pdfs: dict[str, Path]) -> None:
    fronts = [Leaflet(leaflet.front) for leaflet in load(pdfs, "a6-4", 5)]
    writer = impose(fronts, LAYOUTS["a6-4"])
    assert len(writer.pages) == 2
    texts = [page.extract_text() for page in writer.pages]
    assert [len(LABEL.findall(text)) for text in texts] == [4, 1]
    assert "tył" not in "".join(texts)
    assert writer.viewer_preferences is not None
    assert str(writer.viewer_preferences["/Duplex"]) == "/Simplex"


def test_a_one_sided_leaflet_leaves_its_back_cell_blank(pdfs: dict[str, Path]) -> None:
    first, second = load(pdfs, "a5-2", 2)
    writer = impose([Leaflet(first.front), second], LAYOUTS["a5-2"])
    assert len(writer.pages) == 2
    back = writer.pages[1].extract_text()
    assert "A2 tył" in back
    assert "A1" not in back


def test_copies_stack_one_leaflet_then_pack_the_next(pdfs: dict[str, Path]) -> None:
    layout = LAYOUTS["a6-4"]
    sheets = scan(impose(load(pdfs, "a6-4", 2), layout, copies=3))
    fronts = sheets[0::2]
    assert [sorted(s.labels()) for s in fronts] == [
        ["A1 przód"] * 3 + ["A2 przód"],
        ["A2 przód"] * 2,
    ]
    # the three copies are the same leaflet in cells 0, 1, 2, each laid out identically
    copies = sorted(fronts[0].codes, key=lambda c: (-round(c.y), c.x))[:3]
    assert [c.text for c in copies] == ["A1 PRZOD"] * 3
    for index, code in enumerate(copies):
        spot = front_code_spot(layout.cell(index), "a6-4")
        assert (code.x, code.y) == pytest.approx(spot, abs=1.0)
    cells = [_crop(fronts[0], layout.cell(i)) for i in range(3)]
    for cell in cells[1:]:
        assert np.mean(np.abs(cell.astype(int) - cells[0].astype(int))) < 2


def _crop(sheet: Sheet, rect: Rect) -> np.ndarray:
    top = int((sheet.height - rect.top) * PX_PER_MM)
    left = int(rect.x * PX_PER_MM)
    size = int(rect.height * PX_PER_MM) - 2, int(rect.width * PX_PER_MM) - 2
    return sheet.pixels[top : top + size[0], left : left + size[1]]


# --- cut marks -------------------------------------------------------------------------------


def test_cut_marks_sit_in_the_margins_and_never_on_a_cell(pdfs: dict[str, Path]) -> None:
    layout = LAYOUTS["wizytowka-10"]
    sheet = scan(impose(load(pdfs, "wizytowka-10", 1), layout, copies=10))[0]
    grid = layout.grid
    for index in range(layout.cells):
        cell = layout.cell(index)
        for strip in (
            Rect(cell.x, cell.y, 1, cell.height),
            Rect(cell.right - 1, cell.y, 1, cell.height),
            Rect(cell.x, cell.y, cell.width, 1),
            Rect(cell.x, cell.top - 1, cell.width, 1),
        ):
            assert not sheet.dark(strip, below=250), (index, strip)
    near, far = MARK_OFFSET_MM + 0.5, MARK_OFFSET_MM + MARK_LENGTH_MM - 0.5
    xs = sorted({v for i in range(layout.cells) for v in (layout.cell(i).x, layout.cell(i).right)})
    ys = sorted({v for i in range(layout.cells) for v in (layout.cell(i).y, layout.cell(i).top)})
    for x in xs:  # a mark above and below the grid on every vertical cut line
        assert sheet.dark(Rect(x - 0.3, grid.top + near, 0.6, far - near), below=160)
        assert sheet.dark(Rect(x - 0.3, grid.y - far, 0.6, far - near), below=160)
    for y in ys:  # and left and right of it on every horizontal one
        assert sheet.dark(Rect(grid.x - far, y - 0.3, far - near, 0.6), below=160)
        assert sheet.dark(Rect(grid.right + near, y - 0.3, far - near, 0.6), below=160)
    # the marks keep their 2 mm distance from the trim: the band around the grid is clean
    gap = MARK_OFFSET_MM - 0.3
    for band in (
        Rect(grid.x - gap, grid.top, grid.width + 2 * gap, gap),
        Rect(grid.x - gap, grid.y - gap, grid.width + 2 * gap, gap),
        Rect(grid.x - gap, grid.y, gap, grid.height),
        Rect(grid.right, grid.y, gap, grid.height),
    ):
        assert not sheet.dark(band, below=250), band
    # nothing else in the margins: away from the cut lines they are white
    reach = MARK_OFFSET_MM + MARK_LENGTH_MM + 0.3
    assert not sheet.dark(Rect(0, 0, layout.sheet_mm[0], grid.y - reach), below=250)
    assert not sheet.dark(Rect(xs[0] + 1, grid.top, xs[1] - xs[0] - 2, 20), below=250)


def _crosses(segment: tuple[float, float, float, float], cell: Rect) -> bool:
    x1, y1, x2, y2 = segment
    return (
        min(x1, x2) < cell.right
        and max(x1, x2) > cell.x
        and min(y1, y2) < cell.top
        and max(y1, y2) > cell.y
    )


def _distance(segment: tuple[float, float, float, float], cell: Rect) -> float:
    x1, y1, x2, y2 = segment
    dx = max(cell.x - max(x1, x2), min(x1, x2) - cell.right, 0)
    dy = max(cell.y - max(y1, y2), min(y1, y2) - cell.top, 0)
    return float(max(dx, dy))


GAPPED = SheetLayout("wizytowka-odstep", (210, 297), (90, 50), columns=2, rows=5, gap_mm=6)


@pytest.mark.parametrize("layout", [*LAYOUTS.values(), GAPPED], ids=lambda layout: layout.name)
def test_marks_stay_off_every_cell_and_on_the_sheet(layout: SheetLayout) -> None:
    cells = [layout.cell(i) for i in range(layout.cells)]
    width, height = layout.sheet_mm
    for segment in cut_mark_segments(layout):
        x1, y1, x2, y2 = segment
        assert 0 <= x1 <= width and 0 <= x2 <= width
        assert 0 <= y1 <= height and 0 <= y2 <= height
        assert not any(_crosses(segment, cell) for cell in cells)
        assert min(_distance(segment, cell) for cell in cells) >= MARK_OFFSET_MM - 1e-6


def test_gaps_between_cells_get_marks_too() -> None:
    marks = cut_mark_segments(GAPPED)
    grid = GAPPED.grid
    in_gaps = [m for m in marks if grid.x < m.x1 < grid.right and grid.y < m.y1 < grid.top]
    assert in_gaps  # horizontal cut lines marked in the column gap, vertical in the row gaps
    assert all(abs(m.x2 - m.x1) + abs(m.y2 - m.y1) <= MARK_LENGTH_MM + 1e-6 for m in marks)


def test_full_sheets_have_no_room_for_marks() -> None:
    """2×A5 and 4×A6 cover A4 to within 0.5 mm: there is no margin to put a mark in."""
    assert cut_mark_segments(LAYOUTS["a5-2"]) == []
    assert cut_mark_segments(LAYOUTS["a6-4"]) == []
    assert len(cut_mark_segments(LAYOUTS["wizytowka-10"])) == 2 * 3 + 2 * 6


# --- errors, rotation, determinism -----------------------------------------------------------


def test_a_page_of_the_wrong_size_is_refused_in_polish(pdfs: dict[str, Path]) -> None:
    with pytest.raises(RenderError) as error:
        impose(load(pdfs, "a5-2", 1), LAYOUTS["a6-4"])
    assert str(error.value) == (
        "ulotka 1 (przód): strona ma wymiary 148×210 mm, a arkusz oczekuje 105×148 mm."
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"copies": 0}, "copies must be at least 1, not 0"),
        ({"duplex": "boczna"}, "unknown duplex mode 'boczna'"),
    ],
)
def test_misuse_of_the_api_is_a_value_error(
    pdfs: dict[str, Path], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        impose(load(pdfs, "a5-2", 1), LAYOUTS["a5-2"], **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no leaflets"):
        impose([], LAYOUTS["a5-2"])


def test_leaflets_from_pdf_pairs_pages(pdfs: dict[str, Path], tmp_path: Path) -> None:
    leaflets = leaflets_from_pdf(pdfs["a5-2"], two_sided=True)
    assert len(leaflets) == 5
    assert "A2 tył" in (leaflets[1].back.extract_text() if leaflets[1].back else "")
    assert len(leaflets_from_pdf(pdfs["a5-2"], two_sided=False)) == 10
    odd = PdfWriter(clone_from=pdfs["a5-2"])
    odd.remove_page(0)
    odd.write(tmp_path / "odd.pdf")
    with pytest.raises(RenderError, match="parzystą liczbę stron"):
        leaflets_from_pdf(tmp_path / "odd.pdf", two_sided=True)


def test_a_page_with_rotate_is_placed_as_it_is_seen(pdfs: dict[str, Path]) -> None:
    """A portrait leaflet stored as a landscape MediaBox shown with /Rotate goes in upright."""
    writer = PdfWriter(clone_from=pdfs["a5-2"])
    page = writer.pages[0]
    page.rotate(90)
    page.transfer_rotation_to_content()  # content now lies on its side in a landscape box
    page.rotate(270)  # ...and the viewer turns it back upright
    assert page.mediabox.width > page.mediabox.height
    sheet = scan(impose([Leaflet(page)], LAYOUTS["a5-2"]))[0]
    (code,) = sheet.codes
    assert code.orientation == 0
    spot = front_code_spot(LAYOUTS["a5-2"].cell(0), "a5-2")
    assert (code.x, code.y) == pytest.approx(spot, abs=1.0)


def test_output_is_deterministic_and_asks_for_100_percent(pdfs: dict[str, Path]) -> None:
    def build() -> bytes:
        buffer = io.BytesIO()
        impose(load(pdfs, "wizytowka-10", 3), LAYOUTS["wizytowka-10"], duplex="short").write(buffer)
        return buffer.getvalue()

    first = build()
    assert first == build()
    preferences = PdfReader(io.BytesIO(first)).viewer_preferences
    assert preferences is not None
    assert str(preferences["/PrintScaling"]) == "/None"
    assert str(preferences["/Duplex"]) == "/DuplexFlipShortEdge"
