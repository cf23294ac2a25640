"""Generate the fictional Legnica sample roster (xlsx) and the placeholder portrait (png)."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "rosters"
XLSX_NAME = "legnica-wzor.xlsx"
PHOTO_REL = "zdjecia/wzor-sylwetka.png"

UNIT = "Komisariat Policji Legnica-Śródmieście (jednostka fikcyjna)"
UNIT_ADDRESS = "ul. Przykładowa 1, 59-220 Legnica"
UNIT_PHONE = "76 000 00 00"
TOWN = "Legnica"
MAIL_DOMAIN = "legnica.policja.example"
FIXED_TIME = dt.datetime(2026, 1, 1, 12, 0, 0)
DASH = "\u2013"  # en dash, as Polish typography writes ranges

Cell = str | int | None

_ASCII = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


@dataclass(frozen=True)
class Officer:
    """One invented officer exactly as the coordinator typed them."""

    rank: str
    first: str
    last: str
    phone: str | int
    landline: str = ""
    duty: str = ""
    photo: str = ""

    @property
    def email(self) -> str:
        """Service e-mail: `first.last@domain`, lower-case ASCII."""
        local = f"{self.first}.{self.last}".lower().translate(_ASCII)
        return f"{local}@{MAIL_DOMAIN}"


@dataclass(frozen=True)
class WideArea:
    """An area on the wide sheet: the whole description sits in one `Ulice` cell."""

    number: str | int
    name: str
    officers: tuple[Officer, ...]
    segments: tuple[str, ...]
    separator: str = "; "
    priority: str = ""
    trailing: str = ""

    @property
    def description(self) -> str:
        """The `Ulice` cell text."""
        return self.separator.join(self.segments) + self.trailing


@dataclass(frozen=True)
class LongArea:
    """An area on the long sheet: one row per (town, street or village, numbers)."""

    number: str | int
    name: str
    officer: Officer
    rows: tuple[tuple[str, str, str | int], ...] = field(default=())


def hours(day: str, start: str, end: str, place: str = "") -> str:
    """Duty hours as typed in rosters, e.g. `wtorek 15:00-17:00, pok. 12` (en dash)."""
    text = f"{day} {start}{DASH}{end}"
    return f"{text}, {place}" if place else text


# --- officers (all invented; mobiles use a `000` middle block, e-mails use `.example`) ---

KOWALCZYK = Officer(
    "sierż. szt.", "Łukasz", "KOWALCZYK", "723 000 114", "(76) 000 00 11",
    hours("wtorek", "15:00", "17:00", "pok. 12"), PHOTO_REL,
)  # fmt: skip
WISNIEWSKA = Officer(
    "mł.asp.", "Karolina", "Wiśniewska", "511-000-482", "76 000 00 12",
    hours("czwartek", "8:00", "10:00"),
)  # fmt: skip
ZAK = Officer(
    "st.post.", "Michał", "ŻAK", "+48 604 000 371", "76 000 00 12",
    hours("poniedziałek", "16:00", "18:00", "pok. 14"),
)  # fmt: skip
SOBCZAK = Officer(
    "Aspirant sztabowy", "Grzegorz", "Sobczak", "669000903", "76-000-00-13",
    hours("środa", "15:00", "17:00", "pok. 21 (I piętro)"),
)  # fmt: skip
JABLONSKI = Officer(
    "asp.", "Marek", "JABŁOŃSKI", "786 000 245", "76 000 00 14",
    hours("piątek", "9:00", "11:00"),
)  # fmt: skip
LUKASIK = Officer(
    "st. sierż.", "Agnieszka", "ŁUKASIK", "+48 880 000 517", "76 000 00 15",
    hours("wtorek", "8:00", "10:00") + " oraz " + hours("czwartek", "15:00", "16:00", "pok. 12"),
)  # fmt: skip
KACZMAREK = Officer("sierz.szt.", "Dariusz", "KACZMAREK", 530000618)  # number cell, no duty
PAWLAK = Officer(
    "młodszy aspirant", "Joanna", "PAWLAK", "728-000-306",
    duty=hours("środa", "8:00", "10:00", "pok. 3"),
)  # fmt: skip
DUDEK = Officer(
    "st. post.", "Sebastian", "Dudek", 797000452,  # number cell on every row
    duty=hours("czwartek", "15:00", "17:00"),
)  # fmt: skip
SLIWA = Officer(
    "asp.", "Krzysztof", "ŚLIWA", "+48 694 000 128",
    duty=hours("wtorek", "16:00", "18:00", "pok. 7"),
)  # fmt: skip
GORSKA = Officer("sierż.", "Ewelina", "Górska", "663 000 741")  # no duty hours
WROBEL = Officer(
    "post.", "Bartłomiej", "Wróbel", "885000629", duty=hours("piątek", "8:00", "10:00")
)
KROL = Officer(
    "mł. asp.", "Magdalena", "Król", "+48 512-000-843",
    duty=hours("środa", "16:00", "18:00", "pok. 9"),
)  # fmt: skip
MAZUR = Officer(
    "st.sierż.", "Piotr", "MAZUR", "734 000 256", duty=hours("czwartek", "9:00", "11:00")
)

PERIOD = f"(01.10.2026{DASH}31.03.2027)"

WIDE_AREAS: tuple[WideArea, ...] = (
    WideArea(
        "1",
        "Zakaczawie",
        (KOWALCZYK,),
        (
            "ul. Chojnowska (parzyste od numeru 72 do numeru 152, "
            "nieparzyste od numeru 71 do numeru 105)",
            "ul. Kartuska",
            "ul. Słubicka (numery parzyste od 48 i nieparzyste od numeru 25)",
            "ul. Rycerska",
            "ul. Ścinawska do numeru 20",
            "ul. Wjazdowa 3",
        ),
        priority=(
            "Ograniczenie spożywania alkoholu w miejscach publicznych w rejonie skweru "
            f"przy ul. Kartuskiej oraz zakłócania ciszy nocnej {PERIOD}."
        ),
    ),
    WideArea(
        2,
        "Stare Miasto",
        (WISNIEWSKA, ZAK),
        (
            "Rynek",
            "ul. Najświętszej Marii Panny",
            "ul. Środkowa",
            "ul. Mariacka",
            "ul. Piekarska (nieparzyste od numeru 1 do numeru 31)",
            "ul. Gwarna",
            "ul. Bankowa",
        ),
        separator="\n",
    ),
    WideArea(
        "Rejon nr 3",
        "Osiedle Piekary",
        (SOBCZAK,),
        (
            "os. Piekary (bloki 1-6 i 9-10)",
            "al. Piłsudskiego (parzyste od numeru 40 do numeru 92, "
            "nieparzyste od numeru 51 do numeru 75)",
            "ul. Pątnowska",
            "ul. Wierzyńskiego",
            "ul. Grabskiego",
            "ul. Sikorskiego do numeru 30",
        ),
        priority=(
            "Poprawa bezpieczeństwa w ruchu drogowym: eliminowanie nieprawidłowego parkowania "
            f"na drogach pożarowych przy blokach os. Piekary {PERIOD}."
        ),
    ),
    WideArea(
        4,
        "Osiedle Kopernika",
        (JABLONSKI,),
        (
            "ul. Kopernika",
            "ul. Gwiezdna",
            "ul. Pomorska (parzyste od numeru 2 do numeru 24)",
            "ul. Zielona 3",
        ),
        separator="\n",
    ),
    WideArea(
        "5",
        "Śródmieście",
        (LUKASIK,),
        (
            "ul. Złotoryjska (parzyste od numeru 2 do numeru 60, "
            "nieparzyste od numeru 1 do numeru 47)",
            "ul. Skarbka",
            "ul. Witelona",
            "ul. Zamkowa",
            "ul. Dziennikarska",
            "ul. Senatorska",
            "ul. Partyzantów (numery parzyste od 2 i nieparzyste od numeru 9)",
            "ul. Dworcowa",
            "pl. Słowiański",
            "pl. Katedralny",
            "ul. Wrocławska (parzyste od numeru 2 do numeru 48)",
            "ul. Jaworzyńska do numeru 30",
            "ul. Libana",
            "ul. Kościuszki",
            "ul. Chopina",
            "ul. Moniuszki",
            "ul. Kołłątaja",
            "ul. Wojska Polskiego",
            "ul. Staszica",
            "ul. Okrzei",
            "ul. Grunwaldzka",
            "ul. Nowy Świat",
            "ul. Jaracza",
            "ul. Mickiewicza (parzyste od numeru 2 do numeru 40)",
            "ul. Pocztowa",
            "ul. Kilińskiego",
            "ul. Słowackiego",
            "ul. Żeromskiego",
            "ul. Matejki",
            "ul. Batorego 12",
            "ul. Piastowska (parzyste od numeru 2 do numeru 18)",
            "ul. Chrobrego",
            "ul. Mieszka I",
            "ul. Łokietka",
            "ul. Kazimierza Wielkiego 5",
        ),
    ),
    WideArea(
        "Rejon nr 6",
        "Tarninów",
        (JABLONSKI,),
        (
            "ul. Jaworzyńska (parzyste od numeru 100 do numeru 200, "
            "nieparzyste od numeru 101 do numeru 235)",
            "ul. Lotnicza",
            "ul. Nowodworska do numeru 30",
            "ul. Sejmowa",
        ),
        priority=(
            "Przeciwdziałanie kradzieżom i włamaniom do altan na terenie ogródków działkowych "
            f"przy ul. Lotniczej {PERIOD}."
        ),
    ),
    WideArea(
        7,
        "Osiedle Asnyka",
        (KACZMAREK,),
        (
            "ul. Asnyka",
            "ul. Kasprowicza",
            "ul. Konopnickiej",
            "ul. Orzeszkowej",
            "ul. Reymonta",
            "ul. Mickiewicza (nieparzyste od numeru 1 do numeru 59)",
        ),
        trailing=";",
    ),
)

LONG_AREAS: tuple[LongArea, ...] = (
    LongArea(
        8,
        "Osiedle Fabryczna",
        PAWLAK,
        (
            (TOWN, "ul. Fabryczna", "1-45"),
            (TOWN, "Poznańska", "parzyste 2-40"),
            (TOWN, "ul. Rzemieślnicza", "3, 5, 7a"),
            (TOWN, "Ogrodowa", ""),
            (TOWN, "ul. Spółdzielcza", 12),
        ),
    ),
    LongArea(
        9,
        "Przybków",
        DUDEK,
        (
            (TOWN, "ul. Głogowska", "nieparzyste 1-99"),
            (TOWN, "ul. Lubińska", "1-60"),
            (TOWN, "Spokojna", ""),
            (TOWN, "Cicha", ""),
            (TOWN, "ul. Polna", "2-28"),
        ),
    ),
    LongArea(
        "10",
        "Kunice i okolice",
        SLIWA,
        (
            ("Kunice", "Kunice", ""),
            ("Ziemnice", "Ziemnice", ""),
            ("Bieniowice", "Bieniowice", ""),
            ("Grzybiany", "Grzybiany", ""),
            ("Spalona", "Spalona", ""),
        ),
    ),
    LongArea(
        "Rejon nr 11",
        "Czarny Dwór",
        GORSKA,
        (
            (TOWN, "al. Rzeczypospolitej", "1-50"),
            (TOWN, "ul. Wrocławska", "nieparzyste 151-223"),
            (TOWN, "ul. Pszenna", ""),
            (TOWN, "ul. Żytnia", ""),
            (TOWN, "ul. Jęczmienna", "2, 4, 6, 8"),
        ),
    ),
    LongArea(
        12,
        "Bielany",
        WROBEL,
        (
            (TOWN, "ul. Bielańska", ""),
            (TOWN, "ul. Ścinawska", "21-99"),
            (TOWN, "Żeglarska", ""),
            (TOWN, "ul. Rybacka", "1-15"),
            (TOWN, "ul. Łąkowa", ""),
        ),
    ),
    LongArea(
        13,
        "Osiedle Sienkiewicza",
        KROL,
        (
            (TOWN, "ul. Sienkiewicza", "1-40"),
            (TOWN, "ul. Lwowska", "parzyste 2-30"),
            (TOWN, "ul. Wileńska", ""),
            (TOWN, "ul. Śląska", "5, 7, 9, 11"),
        ),
    ),
    LongArea(
        "Rejon nr 14",
        "Dunino i okolice",
        MAZUR,
        (
            ("Dunino", "Dunino", ""),
            ("Jaśkowice Legnickie", "Jaśkowice Legnickie", ""),
            ("Pątnów Legnicki", "Pątnów Legnicki", ""),
            ("Piątnica", "Piątnica", ""),
            ("Stare Piekary", "Stare Piekary", ""),
        ),
    ),
)

WIDE_HEADERS: tuple[tuple[str, float], ...] = (
    ("Jednostka Policji", 30),
    ("Nr rejonu", 11),
    ("Nazwa rejonu", 20),
    ("Miejscowość", 13),
    ("Stopień", 18),
    ("Imię", 12),
    ("Nazwisko", 14),
    ("Tel. kom.", 17),
    ("Telefon stacjonarny", 16),
    ("E-mail", 38),
    ("Ulice", 70),
    ("Dyżur", 30),
    ("Zdjęcie", 26),
    ("Działania priorytetowe", 50),
    ("Adres jednostki", 32),
    ("Telefon dyżurnego", 16),
)

LONG_HEADERS: tuple[tuple[str, float], ...] = (
    ("Jednostka Policji", 30),
    ("Nr rejonu", 11),
    ("Nazwa rejonu", 20),
    ("Miejscowość", 20),
    ("Stopień", 18),
    ("Imię", 12),
    ("Nazwisko", 14),
    ("Tel. kom.", 17),
    ("E-mail", 38),
    ("Ulica", 24),
    ("Numery", 18),
    ("Dyżur", 30),
)

MEETING_HEADERS: tuple[tuple[str, float], ...] = (
    ("Jednostka Policji", 30),
    ("Nr rejonu", 11),
    ("Data spotkania", 16),
    ("Godzina", 14),
    ("Miejsce (nazwa i adres)", 48),
    ("Temat", 40),
    ("Krótki opis", 50),
    ("Zapraszają wspólnie z Policją", 30),
)

MEETINGS: tuple[tuple[Cell, ...], ...] = (
    # Dates and times as coordinators type them; every place is invented.
    (
        UNIT, "Rejon nr 3", "8.12.2026", f"18:00{DASH}19:30",
        "Świetlica Spółdzielni Mieszkaniowej „Piekary” (fikcyjna), ul. Piekarska 12",
        "Bezpieczne parkingi osiedlowe",
        "Porozmawiamy o zgłoszeniach z mapy zagrożeń: parkowanie na trawnikach i "
        "niszczenie samochodów.",
        "Spółdzielnia Mieszkaniowa „Piekary”",
    ),
    (
        UNIT, 5, "15 grudnia 2026 r.", "godz. 17",
        "Sala parafialna przy kościele pw. św. Jana (fikcyjna), ul. Przykładowa 5",
        "Kradzieże kieszonkowe przed świętami", "", "Parafia pw. św. Jana",
    ),
    (
        UNIT, "10", "2027-01-14", "18.00-19.30",
        "Świetlica wiejska w Kunicach (fikcyjna), Kunice 21",
        "Nielegalne wysypiska i kradzieże na działkach",
        "Podsumujemy działania z ostatniego półrocza i zaplanujemy kolejne.",
        "Sołtys i Rada Sołecka Kunic",
    ),
    (
        UNIT, 1, "01.07.2027", "18:00",
        "Szkoła Podstawowa nr 100 (fikcyjna), ul. Kartuska 3, sala gimnastyczna",
        "Bezpieczne wakacje nad Kaczawą", "", "Szkoła Podstawowa nr 100",
    ),
)  # fmt: skip
"""Meetings with residents (the `Spotkania` sheet): a cooperative's club room, a parish
hall, a village community centre, a school — one in winter and one in summer time."""

WRAP_COLUMNS = {
    "Ulice",
    "Działania priorytetowe",
    "Dyżur",
    "Miejsce (nazwa i adres)",
    "Krótki opis",
}


def wide_rows() -> list[list[Cell]]:
    """One row per officer per area, in the wide shape."""
    rows: list[list[Cell]] = []
    for area in WIDE_AREAS:
        for off in area.officers:
            rows.append(
                [
                    UNIT, area.number, area.name, TOWN, off.rank, off.first, off.last,
                    off.phone, off.landline, off.email, area.description, off.duty,
                    off.photo, area.priority, UNIT_ADDRESS, UNIT_PHONE,
                ]
            )  # fmt: skip
    return rows


def long_rows() -> list[list[Cell]]:
    """One row per street or village, officer columns repeated, in the long shape."""
    rows: list[list[Cell]] = []
    for area in LONG_AREAS:
        off = area.officer
        for town, street, numbers in area.rows:
            rows.append(
                [
                    UNIT, area.number, area.name, town, off.rank, off.first, off.last,
                    off.phone, off.email, street, numbers, off.duty,
                ]
            )  # fmt: skip
    return rows


def fill_sheet(
    ws: Worksheet, headers: tuple[tuple[str, float], ...], rows: list[list[Cell]]
) -> None:
    """Write a header row (bold, frozen) and data rows; empty strings stay empty cells."""
    bold = Font(bold=True)
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    for col, (title, width) in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=col, value=title)
        cell.font = bold
        cell.alignment = wrap
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col, value=None if value == "" else value)
            cell.alignment = wrap if headers[col - 1][0] in WRAP_COLUMNS else top
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def make_workbook(path: Path) -> None:
    """Build and save the two-sheet sample roster."""
    wb = Workbook()
    wide = wb.active
    assert wide is not None
    wide.title = "Rejony miejskie"
    fill_sheet(wide, WIDE_HEADERS, wide_rows())
    fill_sheet(wb.create_sheet("Rejony wiejskie"), LONG_HEADERS, long_rows())
    fill_sheet(wb.create_sheet("Spotkania"), MEETING_HEADERS, [list(m) for m in MEETINGS])
    wb.properties.creator = "tools/make_sample_roster.py"
    wb.properties.title = "Wzór grafiku dzielnicowych (dane fikcyjne)"
    wb.properties.created = FIXED_TIME
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def make_silhouette(path: Path, size: tuple[int, int] = (600, 750)) -> None:
    """Draw a neutral grey head-and-shoulders placeholder with a small "WZÓR" label."""
    k = 3  # draw at 3x and downsample, for smooth edges
    w, h = size[0] * k, size[1] * k
    img = Image.new("RGB", (w, h), (232, 234, 237))
    draw = ImageDraw.Draw(img)
    grey = (150, 154, 160)
    cx = w // 2
    # shoulders: a wide ellipse cut off by the bottom edge, then neck and head
    draw.ellipse((cx - 260 * k, int(h * 0.60), cx + 260 * k, int(h * 1.25)), fill=grey)
    draw.rectangle((cx - 48 * k, int(h * 0.47), cx + 48 * k, int(h * 0.64)), fill=grey)
    draw.ellipse((cx - 118 * k, int(h * 0.16), cx + 118 * k, int(h * 0.52)), fill=grey)
    # label band; Pillow's bundled font lacks "Ó", so draw "WZOR" and add the acute by hand
    band = 70 * k
    draw.rectangle((0, h - band, w, h), fill=(255, 255, 255))
    font = ImageFont.load_default(size=34 * k)
    ink = (40, 44, 52)
    left, top, right, bottom = draw.textbbox((0, 0), "WZOR", font=font)
    x = (w - (right - left)) // 2 - left
    y = h - band + (band - (bottom - top)) // 2 - top + 3 * k
    draw.text((x, y), "WZOR", fill=ink, font=font)
    o_mid = x + draw.textlength("WZ", font=font) + draw.textlength("O", font=font) / 2
    base = y + top - 4 * k
    draw.line([(o_mid - 1 * k, base), (o_mid + 6 * k, base - 8 * k)], fill=ink, width=3 * k)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.resize(size, Image.Resampling.LANCZOS).save(path, format="PNG", optimize=False)


def main(argv: list[str] | None = None) -> int:
    """Write the workbook and the portrait into `--out-dir`."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--out-dir", type=Path, default=DEFAULT_OUT, help="target folder (default: rosters/)"
    )
    args = parser.parse_args(argv)
    out: Path = args.out_dir
    make_workbook(out / XLSX_NAME)
    make_silhouette(out / PHOTO_REL)
    officers = {(o.first, o.last) for a in WIDE_AREAS for o in a.officers}
    officers |= {(a.officer.first, a.officer.last) for a in LONG_AREAS}
    print(f"wrote {out / XLSX_NAME} ({len(WIDE_AREAS) + len(LONG_AREAS)} areas, "
          f"{len(officers)} officers) and {out / PHOTO_REL}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
