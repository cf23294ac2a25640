"""Office-printer imposition: finished leaflet pages placed 1:1 on A4 sheets, with cut marks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import DecodedStreamObject, NameObject

from leaflets.errors import RenderError
from leaflets.formats import CROP_MARK_LENGTH_MM, CROP_MARK_OFFSET_MM, PT_PER_MM

Duplex = Literal["long", "short"]
"""How the printer turns the sheet for the back: about its long edge or its short edge."""

SIZE_TOLERANCE_MM = 0.5
"""How far a leaflet page may differ from its cell: nothing is ever scaled to fit."""
MARK_OFFSET_MM = CROP_MARK_OFFSET_MM
"""Gap between the trim line and the start of its cut mark."""
MARK_LENGTH_MM = CROP_MARK_LENGTH_MM
MARK_MIN_LENGTH_MM = 1.0
"""A cut mark squeezed shorter than this by a narrow margin is left out rather than drawn."""
MARK_WIDTH_PT = 0.25

_PRINTER_DUPLEX = {"long": "/DuplexFlipLongEdge", "short": "/DuplexFlipShortEdge"}


class Rect(NamedTuple):
    """A rectangle on a sheet in millimetres, PDF-style: origin at the bottom-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height


class Segment(NamedTuple):
    """A straight line on a sheet in millimetres (a cut mark)."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class SheetLayout:
    """A grid of equal cells centred on one sheet. Cells are numbered in reading order, left to
    right and top to bottom, as the front of the sheet is seen."""

    name: str
    sheet_mm: tuple[float, float]
    """Sheet width × height: A4 portrait (210, 297) or landscape (297, 210)."""
    cell_mm: tuple[float, float]
    """Trimmed leaflet width × height: every page placed in a cell must be this size."""
    columns: int
    rows: int
    gap_mm: float = 0.0
    """Space between neighbouring cells, in both directions."""

    def __post_init__(self) -> None:
        if self.columns < 1 or self.rows < 1 or self.gap_mm < 0:
            raise ValueError(f"sheet layout {self.name!r}: invalid grid")
        width, height = self.grid_mm
        if width > self.sheet_mm[0] + 1e-9 or height > self.sheet_mm[1] + 1e-9:
            # A programming error in LAYOUTS, not something a user can cause.
            raise ValueError(
                f"sheet layout {self.name!r}: a {width:.1f}×{height:.1f} mm grid does not fit "
                f"a {self.sheet_mm[0]:.1f}×{self.sheet_mm[1]:.1f} mm sheet"
            )

    @property
    def cells(self) -> int:
        return self.columns * self.rows

    @property
    def landscape(self) -> bool:
        return self.sheet_mm[0] > self.sheet_mm[1]

    @property
    def grid_mm(self) -> tuple[float, float]:
        width = self.columns * self.cell_mm[0] + (self.columns - 1) * self.gap_mm
        height = self.rows * self.cell_mm[1] + (self.rows - 1) * self.gap_mm
        return width, height

    @property
    def grid(self) -> Rect:
        """The whole grid, centred on the sheet."""
        width, height = self.grid_mm
        return Rect((self.sheet_mm[0] - width) / 2, (self.sheet_mm[1] - height) / 2, width, height)

    def cell(self, index: int) -> Rect:
        """Cell `index` (0-based, reading order) on the front of the sheet."""
        if not 0 <= index < self.cells:
            raise IndexError(index)
        row, column = divmod(index, self.columns)
        grid = self.grid
        width, height = self.cell_mm
        x = grid.x + column * (width + self.gap_mm)
        top = grid.top - row * (height + self.gap_mm)
        return Rect(x, top - height, width, height)

    def back_cell(self, index: int, duplex: Duplex = "long") -> tuple[Rect, bool]:
        """Where the back of the leaflet in front cell `index` goes on the back sheet (as a PDF
        viewer shows the back page), and whether it is turned 180°. See `flip_axis`."""
        front = self.cell(index)
        sheet_width, sheet_height = self.sheet_mm
        if flip_axis(self, duplex) == "vertical":
            return Rect(sheet_width - front.right, front.y, front.width, front.height), False
        return Rect(front.x, sheet_height - front.top, front.width, front.height), True


LAYOUTS: dict[str, SheetLayout] = {
    layout.name: layout
    for layout in (
        SheetLayout("a5-2", (297, 210), (148, 210), columns=2, rows=1),
        SheetLayout("a6-4", (210, 297), (105, 148), columns=2, rows=2),
        SheetLayout("wizytowka-10", (210, 297), (90, 50), columns=2, rows=5),
    )
}


@dataclass(frozen=True)
class Leaflet:
    """One finished leaflet: its front page and, when it is two-sided, its back page, both
    upright as in the single-leaflet PDF (the back stands upright when the leaflet is turned
    over side to side, the usual head-to-head convention)."""

    front: PageObject
    back: PageObject | None = None
    name: str = ""
    """Used in error messages; "ulotka N" when empty."""


def leaflets_from_pdf(
    source: PdfReader | Path, *, two_sided: bool, name: str = ""
) -> list[Leaflet]:
    """The leaflets in a finished PDF: each page one leaflet, or with `two_sided` each
    consecutive pair of pages one leaflet (front, back)."""
    reader = source if isinstance(source, PdfReader) else PdfReader(source)
    pages = list(reader.pages)
    label = name or (source.name if isinstance(source, Path) else "")
    if not pages:
        raise RenderError(f"{label or 'Plik PDF'}: plik nie zawiera stron.")
    if not two_sided:
        return [
            Leaflet(page, None, f"{label} strona {n}" if label else "")
            for n, page in enumerate(pages, 1)
        ]
    if len(pages) % 2:
        raise RenderError(
            f"{label or 'Plik PDF'}: ulotka dwustronna musi mieć parzystą liczbę stron "
            f"(przód, tył), a plik ma {len(pages)}."
        )
    return [
        Leaflet(pages[i], pages[i + 1], f"{label} ulotka {i // 2 + 1}" if label else "")
        for i in range(0, len(pages), 2)
    ]


def flip_axis(layout: SheetLayout, duplex: Duplex) -> Literal["vertical", "horizontal"]:
    """The axis, as the front of the sheet is seen in a PDF viewer, about which the printer
    turns the sheet over between the front and the back.

    "Long edge" and "short edge" are the physical edges of the A4 paper (297 and 210 mm), the
    meaning printer dialogs and IPP `sides` give them: the driver rotates a landscape page onto
    the paper, so on a landscape sheet the long edge is the top and bottom. The back page is
    printed so that it stands upright when the sheet is turned about that edge:

    ========== ======== ================= ======================================
    sheet      duplex   flip axis         back sheet (as a viewer shows it)
    ========== ======== ================= ======================================
    portrait   long     vertical (book)   columns mirrored, backs upright
    portrait   short    horizontal        rows mirrored, backs turned 180°
    landscape  long     horizontal        rows mirrored, backs turned 180°
    landscape  short    vertical (book)   columns mirrored, backs upright
    ========== ======== ================= ======================================

    A cut leaflet is turned over side to side (head-to-head: its back is upright after a turn
    about its own vertical axis). A turn about the sheet's horizontal axis equals a turn about
    the vertical axis plus a half-turn, so after a horizontal flip each back is turned 180° in
    its cell to end up head-to-head. A6 4-up, portrait sheet (``1'`` back of 1 upright, ``1*``
    back of 1 turned 180°)::

        front        long edge (vertical)   short edge (horizontal)
        +---+---+    +----+----+            +----+----+
        | 1 | 2 |    | 2' | 1' |            | 3* | 4* |
        +---+---+    +----+----+            +----+----+
        | 3 | 4 |    | 4' | 3' |            | 1* | 2* |
        +---+---+    +----+----+            +----+----+

    A5 2-up, landscape sheet: long edge gives ``| 1* | 2* |`` (the row mirrored onto itself),
    short edge gives ``| 2' | 1' |``.
    """
    if duplex not in _PRINTER_DUPLEX:
        raise ValueError(f"unknown duplex mode {duplex!r}: use 'long' or 'short'")
    long_edge_vertical = not layout.landscape
    return "vertical" if (duplex == "long") == long_edge_vertical else "horizontal"


def cut_mark_segments(layout: SheetLayout) -> list[Segment]:
    """Crop marks for every cut line of the grid: 5 mm lines starting 2 mm beyond the trim,
    in the sheet margins and in the gaps between cells, never over a cell. A margin with no
    room for a mark gets none: A5 2-up and A6 4-up on A4 leave at most 0.5 mm, so those sheets
    have no marks and are cut along the middle of the sheet."""
    sheet_width, sheet_height = layout.sheet_mm
    grid = layout.grid
    cell_width, cell_height = layout.cell_mm
    rects = [layout.cell(i) for i in range(layout.cells)]
    xs = sorted({round(v, 6) for r in rects for v in (r.x, r.right)})
    ys = sorted({round(v, 6) for r in rects for v in (r.y, r.top)})
    # The free bands a cut line crosses outside the cells, along the line's own axis.
    vertical_bands = _free_bands(grid.y, grid.top, sheet_height, cell_height, layout)
    horizontal_bands = _free_bands(grid.x, grid.right, sheet_width, cell_width, layout)
    marks: list[Segment] = []
    for x in xs:
        marks += [Segment(x, a, x, b) for band in vertical_bands for a, b in _marks_in(*band)]
    for y in ys:
        marks += [Segment(a, y, b, y) for band in horizontal_bands for a, b in _marks_in(*band)]
    return marks


_Band = tuple[float, float, bool, bool]
"""(start, end, a cell ends at start, a cell begins at end)."""


def _free_bands(
    grid_start: float, grid_end: float, sheet: float, cell: float, layout: SheetLayout
) -> list[_Band]:
    """The bands along one axis not covered by cells: both margins and every gap."""
    bands: list[_Band] = [(0.0, grid_start, False, True), (grid_end, sheet, True, False)]
    if layout.gap_mm > 0:
        gap_start = grid_start + cell
        while gap_start < grid_end - 1e-6:
            bands.append((gap_start, gap_start + layout.gap_mm, True, True))
            gap_start += layout.gap_mm + cell
    return bands


def _marks_in(
    start: float, end: float, trim_at_start: bool, trim_at_end: bool
) -> list[tuple[float, float]]:
    """The marks that fit in a free band: each begins MARK_OFFSET_MM away from a trim side of
    the band and runs MARK_LENGTH_MM away from it, shortened to fit or left out."""
    a, b = start, end
    if trim_at_start:
        a += MARK_OFFSET_MM
    if trim_at_end:
        b -= MARK_OFFSET_MM
    if b - a < MARK_MIN_LENGTH_MM:
        return []
    if trim_at_start and trim_at_end and b - a >= 2 * MARK_LENGTH_MM:
        return [(a, a + MARK_LENGTH_MM), (b - MARK_LENGTH_MM, b)]
    if trim_at_start and not trim_at_end:
        return [(a, min(b, a + MARK_LENGTH_MM))]
    if trim_at_end and not trim_at_start:
        return [(max(a, b - MARK_LENGTH_MM), b)]
    return [(a, b)]


def impose(
    leaflets: Sequence[Leaflet],
    layout: SheetLayout,
    *,
    copies: int = 1,
    duplex: Duplex = "long",
    cut_marks: bool = True,
) -> PdfWriter:
    """Place the leaflets 1:1 on sheets: `copies` of leaflet 1 in reading order, then of
    leaflet 2 and so on, different leaflets sharing a sheet when one does not fill it.

    When any leaflet has a back, every front sheet is followed by its back sheet (blank cells
    where a leaflet is one-sided), laid out for `duplex` as `flip_axis` describes, so that the
    pages pair up on a duplex printer. Cut marks go on the fronts only: the sheet is cut face
    up. The PDF asks the viewer to print at 100% and preselects the duplex mode."""
    if copies < 1:
        raise ValueError(f"copies must be at least 1, not {copies}")
    if not leaflets:
        raise ValueError("no leaflets to impose")
    flip_axis(layout, duplex)  # rejects an unknown duplex mode before any work
    labels = [leaflet.name or f"ulotka {n}" for n, leaflet in enumerate(leaflets, 1)]
    for leaflet, label in zip(leaflets, labels, strict=True):
        _check_size(leaflet.front, layout, f"{label} (przód)")
        if leaflet.back is not None:
            _check_size(leaflet.back, layout, f"{label} (tył)")
    two_sided = any(leaflet.back is not None for leaflet in leaflets)
    stream = [leaflet for leaflet in leaflets for _ in range(copies)]
    marks = _marks_page(layout) if cut_marks and cut_mark_segments(layout) else None
    width, height = (v * PT_PER_MM for v in layout.sheet_mm)

    writer = PdfWriter()
    for first in range(0, len(stream), layout.cells):
        chunk = stream[first : first + layout.cells]
        front = writer.add_blank_page(width, height)
        for index, leaflet in enumerate(chunk):
            _place(front, leaflet.front, layout.cell(index), turned=False)
        if marks is not None:
            front.merge_page(marks)
        if two_sided:
            back = writer.add_blank_page(width, height)
            for index, leaflet in enumerate(chunk):
                if leaflet.back is not None:
                    rect, turned = layout.back_cell(index, duplex)
                    _place(back, leaflet.back, rect, turned=turned)
    preferences = writer.create_viewer_preferences()
    preferences[NameObject("/PrintScaling")] = NameObject("/None")
    mode = _PRINTER_DUPLEX[duplex] if two_sided else "/Simplex"
    preferences[NameObject("/Duplex")] = NameObject(mode)
    return writer


def _display_size_mm(page: PageObject) -> tuple[float, float]:
    """The page's width × height as a viewer shows it (after /Rotate)."""
    box = page.mediabox
    width, height = float(box.width) / PT_PER_MM, float(box.height) / PT_PER_MM
    return (height, width) if page.rotation % 180 else (width, height)


def _check_size(page: PageObject, layout: SheetLayout, label: str) -> None:
    width, height = _display_size_mm(page)
    cell_width, cell_height = layout.cell_mm
    if abs(width - cell_width) > SIZE_TOLERANCE_MM or abs(height - cell_height) > SIZE_TOLERANCE_MM:
        raise RenderError(
            f"{label}: strona ma wymiary {_mm(width)}×{_mm(height)} mm, a arkusz oczekuje "
            f"{_mm(cell_width)}×{_mm(cell_height)} mm."
        )


# Exact matrices (a, b, c, d) for counter-clockwise quarter turns: no 6e-17 noise in the PDF.
_QUARTER_TURNS = {0: (1, 0, 0, 1), 90: (0, 1, -1, 0), 180: (-1, 0, 0, -1), 270: (0, -1, 1, 0)}


def _place(sheet: PageObject, page: PageObject, cell: Rect, *, turned: bool) -> None:
    """Merge `page` into `cell` of `sheet` at 100%, upright as a viewer shows it (its /Rotate
    applied), or turned 180° for a back after a flip about the horizontal axis."""
    angle = (-page.rotation + (180 if turned else 0)) % 360
    a, b, c, d = _QUARTER_TURNS[angle]
    box = page.mediabox
    corners = [(float(x), float(y)) for x in (box.left, box.right) for y in (box.bottom, box.top)]
    min_x = min(a * x + c * y for x, y in corners)
    min_y = min(b * x + d * y for x, y in corners)
    e = round(cell.x * PT_PER_MM - min_x, 4)
    f = round(cell.y * PT_PER_MM - min_y, 4)
    sheet.merge_transformed_page(page, Transformation((a, b, c, d, e, f)))


def _marks_page(layout: SheetLayout) -> PageObject:
    """A transparent page the size of the sheet holding only the cut marks."""
    width, height = layout.sheet_mm
    return marks_page(width, height, cut_mark_segments(layout))


def marks_page(width_mm: float, height_mm: float, segments: Sequence[Segment]) -> PageObject:
    """A transparent page holding only `segments` as thin black lines: the one drawer of cut
    marks, for office sheets and print-shop files alike. `segments` in mm from the page's
    bottom-left corner (which may be negative, for a page whose media box starts there)."""
    page = PageObject.create_blank_page(None, width_mm * PT_PER_MM, height_mm * PT_PER_MM)
    lines = [f"q 0 G {MARK_WIDTH_PT} w 0 J [] 0 d"]
    for x1, y1, x2, y2 in segments:
        points = (v * PT_PER_MM for v in (x1, y1, x2, y2))
        p1, q1, p2, q2 = (f"{v:.3f}" for v in points)
        lines.append(f"{p1} {q1} m {p2} {q2} l S")
    lines.append("Q")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(lines).encode("ascii"))
    page[NameObject("/Contents")] = stream
    return page


def _mm(value: float) -> str:
    """148.0 → "148", 99.24 → "99,2": one decimal at most, with a Polish decimal comma."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
