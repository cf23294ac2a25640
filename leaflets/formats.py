"""Print formats: each output format's page, page budget, QR rules and office-sheet layout,
the street-list density ladder, bleeds and crop-mark geometry."""

from __future__ import annotations

from dataclasses import dataclass

PT_PER_MM = 72 / 25.4
"""PDF points in a millimetre."""


DENSITY_STEPS = 6
"""The fitting ladder, one CSS class per step (`gestosc-N` on each leaflet's section), tried
in order until a leaflet fits its pages: 0 the designed size; 1, 2 smaller type in table
columns; 3 the legibility floor in CSS columns; 4 (`RUN_IN_STEP`) the floor's type with the
streets run on in lines; 5 (`SHORT_BACK_STEP`) a shorter back of a two-sided flyer, or on the
poster the apps named instead of described (each format's template says what it leaves out).
The street list never goes below the format's floor (poster 12 pt, flyers 10–12 pt, A6 9 pt).
Each format's CSS sets the type of each step; `czesci.zasieg` the columns."""
RUN_IN_STEP = 4
SHORT_BACK_STEP = 5
CARD_STEPS = 3
"""The business card's own ladder (it has no street list): 0 as designed; 1 the unit's short
name (`[jednostka] nazwa_krotka`, else derived); 2 a long e-mail and name smaller (7 pt)."""
SHORT_UNIT_STEP = 1


@dataclass(frozen=True)
class FormatSpec:
    """One output format: its template, trimmed page size and print rules."""

    name: str
    template: str
    width_mm: float
    height_mm: float
    pages: int
    """Pages the layout is designed for; more means content ran over and a warning is due."""
    qr_module_mm: float
    """Smallest QR module allowed: 1.0 mm for posters read at 1–2 m, 0.5 mm for flyers."""
    qr_min_mm: float
    """Smallest printed code: short payloads get larger modules so the caption fits under."""
    qr_max_mm: float
    """Largest code the layout has room for; a payload needing more at the minimum module is
    an error (a shrunken code would not scan from the distance the format is read at)."""
    description: str
    per_officer: bool = False
    """One copy of the layout per officer of the area (posters and A6 handouts: one per
    officer, naming the others; business cards)."""
    sheet_layout: str = ""
    """Office-printer imposition layout (`--arkusz`), a key of output.imposition.LAYOUTS."""
    per_unit: bool = False
    """One document per unit rather than per area (the street index)."""
    file_name: str = ""
    """For per-unit formats: the file name in the unit's folder."""
    per_meeting: bool = False
    """One document per meeting with residents (the invitations), in the area's folder."""
    steps: int = 0
    """How many fitting steps the format has (`DENSITY_STEPS` by default, see there)."""
    split_when_over: bool = False
    """An area whose officers still do not fit the pages together at the last step gets one
    copy of the layout per officer instead, each naming the others (as `per_officer` does)."""
    short_card: bool = False
    """The contact code holds only name, phone and e-mail (no unit, no job title): a poster's
    1 mm modules, an A6 front and a business card's back have no room for more (a long unit
    name and e-mail made the full card too large for them: the area was left out)."""
    card_max_mm: float = 0
    """Largest contact code (quiet zone included); a card that needs more at the minimum
    module leaves the e-mail out of the code (it is printed beside it). 0: `qr_max_mm`."""

    @property
    def fitting_steps(self) -> int:
        return self.steps or DENSITY_STEPS

    def expected_pages(self, officers: int, split: bool = False) -> int:
        """The pages an area's file has when it fits: one set per officer on per-officer
        formats and on a split flyer (`split_when_over`), else one."""
        per_officer = self.per_officer or split
        return self.pages * (max(1, officers) if per_officer else 1)


FORMATS: dict[str, FormatSpec] = {
    spec.name: spec
    for spec in (
        FormatSpec(
            name="plakat-a4",
            template="plakat-a4.html",
            width_mm=210,
            height_mm=297,
            pages=1,
            qr_module_mm=1.0,
            qr_min_mm=33,
            qr_max_mm=80,
            description="plakat A4 na klatkę schodową",
            per_officer=True,
            short_card=True,
            # Version 6 at most (41 mm, 49 with the quiet zone): name, phone and, when it
            # still fits, the e-mail (printed beside it in any case). Journey §4.1: a
            # resident scans it at arm's length; the room goes to the street list.
            card_max_mm=49,
        ),
        FormatSpec(
            name="ulotka-a5",
            template="ulotka-a5.html",
            width_mm=148,
            height_mm=210,
            pages=2,
            qr_module_mm=0.5,
            qr_min_mm=24,
            qr_max_mm=42,
            description="dwustronna ulotka A5 dla mieszkańców",
            sheet_layout="a5-2",
            split_when_over=True,
        ),
        FormatSpec(
            name="ulotka-a6",
            template="ulotka-a6.html",
            width_mm=105,
            height_mm=148,
            pages=2,
            qr_module_mm=0.4,
            qr_min_mm=16,
            qr_max_mm=32,
            description="dwustronna ulotka A6 do skrzynek",
            sheet_layout="a6-4",
            per_officer=True,
            short_card=True,
        ),
        FormatSpec(
            name="wizytowka",
            template="wizytowka.html",
            width_mm=90,
            height_mm=50,
            pages=2,
            qr_module_mm=0.4,
            qr_min_mm=18,
            qr_max_mm=31,
            description="wizytówka dzielnicowego",
            sheet_layout="wizytowka-10",
            per_officer=True,
            steps=CARD_STEPS,
            short_card=True,
            card_max_mm=25,
        ),
        FormatSpec(
            name="skorowidz",
            template="skorowidz.html",
            width_mm=210,
            height_mm=297,
            pages=1,
            qr_module_mm=1.0,
            qr_min_mm=0,
            qr_max_mm=0,
            description="skorowidz ulic jednostki",
            per_unit=True,
            file_name="skorowidz-ulic.pdf",
        ),
        FormatSpec(
            name="spotkanie-a4",
            template="spotkanie-a4.html",
            width_mm=210,
            height_mm=297,
            pages=1,
            qr_module_mm=1.0,
            qr_min_mm=33,
            qr_max_mm=90,  # the calendar code has the left of the codes' row to itself
            description="zaproszenie na spotkanie z mieszkańcami, A4 na tablice ogłoszeń",
            per_meeting=True,
        ),
        FormatSpec(
            name="spotkanie-a6",
            template="spotkanie-a6.html",
            width_mm=105,
            height_mm=148,
            pages=2,
            qr_module_mm=0.4,
            qr_min_mm=16,
            qr_max_mm=36,  # three codes in the back's row: 36 + 2 × 25 mm
            description="dwustronne zaproszenie A6 na spotkanie z mieszkańcami",
            sheet_layout="a6-4",
            per_meeting=True,
        ),
    )
}
DEFAULT_FORMATS: tuple[str, ...] = (
    "plakat-a4",
    "ulotka-a5",
    "skorowidz",
    "spotkanie-a4",
    "spotkanie-a6",
)
"""The invitations are written only for the meetings a roster has (its `Spotkania` sheet)."""

BLEEDS_MM = (0, 2, 3, 5)
"""Bleeds a print shop asks for: 3 mm is the common default, Polish online printers often 2."""
DEFAULT_BLEED_MM = 3
CROP_MARK_SPACE_MM = 8
"""Room outside the bleed for crop marks: 2 mm offset + 5 mm mark + 1 mm paper."""
CROP_MARK_OFFSET_MM = 2.0
"""Gap between the trim (or bleed) edge and the start of a crop mark."""
CROP_MARK_LENGTH_MM = 5.0
