"""Leaflets read at a glance (issue 18), checked as a reader checks them: a unit with the
longest real kind of name and areas of one, two and three officers with long names, in every
format and edition — page counts, street-list type, the contact code, units of meaning kept
on one line, the plural, the translations, the foot of the page, the footer where it is seen.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import zxingcpp
from pypdf import PdfReader

from leaflets import pipeline
from leaflets.areas import Area
from leaflets.config import LANGUAGES, LeafletConfig, Settings, UnitDefaults
from leaflets.formats import FORMATS
from leaflets.output.paths import area_key, edition_name
from leaflets.qrcodes import make_qr
from tests.helpers import (
    Built,
    font_sizes,
    pdf_pages,
    pdf_text,
    split_across_lines,
    text_near_edges,
    text_under_images,
)

UNIT = "Komisariat Policji Warszawa-Białołęka Komendy Rejonowej Policji Warszawa VI"
AREA_1 = (
    "ul. Światowida (parzyste od numeru 72 do numeru 152, nieparzyste od numeru 71 do "
    "numeru 105); ul. Myśliborska 10-40; pl. Hallera"
)
AREA_3 = (
    "ul. Ordona; ul. Mehoffera (parzyste 2–60, nieparzyste 1–47); ul. Strumykowa 72–152; "
    "ul. Książkowa; ul. Skarbka z Gór 10–120"
)
OFFICERS = (
    # rejon, osiedle, stopień, imię, nazwisko, telefon, e-mail, dyżur, działania, ulice
    ("1", "Tarchomin", "st. post.", "Grzegorz", "Brzęczyszczykiewicz", "600 000 101",
     "grzegorz.brzeczyszczykiewicz@bialoleka.warszawa.policja.gov.pl",
     "wtorek 16:00–18:00, pok. 12",
     "Ograniczenie spożywania alkoholu w miejscach publicznych (01.10.2026–31.03.2027).",
     AREA_1),
    ("2", "Choszczówka", "sierż. szt.", "Anna", "Kowalczyk", "600 000 201",
     "anna.kowalczyk@bialoleka.warszawa.policja.gov.pl", "środa 10:00–12:00", "",
     "ul. Bohaterów; ul. Klasyków"),
    ("2", "Choszczówka", "st. sierż.", "Jan", "Nowak", "600 000 202",
     "jan.nowak@bialoleka.warszawa.policja.gov.pl", "", "", "ul. Bohaterów; ul. Klasyków"),
    ("3", "Nowodwory", "asp. szt.", "Małgorzata", "Szczepankiewicz-Jędrzejczyk", "600 000 301",
     "m.szczepankiewicz-jedrzejczyk@bialoleka.policja.gov.pl",
     "poniedziałek 16:00–18:00, pok. 112", "", AREA_3),
    ("3", "Nowodwory", "mł. asp.", "Konstantynopolitańczykowianeczka", "Nowak", "600 000 302",
     "k.nowak@bialoleka.warszawa.policja.gov.pl", "czwartek 15:00–17:00, pok. 12", "", AREA_3),
    ("3", "Nowodwory", "st. post.", "Michał", "Wiśniewski-Żak", "600 000 303",
     "michal.wisniewski-zak@bialoleka.warszawa.policja.gov.pl", "", "", AREA_3),
)  # fmt: skip
TRANSLATED = {"1": ("вівторок 16:00–18:00, кімн. 12", "Limiting drinking in public places.")}
"""Area 1's translated columns: `Dyżur (uk)` and `Działania priorytetowe (en)`."""
BUILT = ("plakat-a4", "ulotka-a5", "ulotka-a6", "wizytowka")


def write_roster(path: Path, officers: tuple[tuple[str, ...], ...] = OFFICERS) -> Path:
    header = (
        "Jednostka;Adres jednostki;Tel. jednostki;Rejon;Osiedle;Miejscowość;Stopień;Imię;"
        "Nazwisko;Telefon;E-mail;Dyżur;Działania priorytetowe;Ulice;Dyżur (uk);"
        "Działania priorytetowe (en)"
    )
    rows = [header]
    for area, name, rank, first, last, phone, email, duty, priority, streets in officers:
        duty_uk, priority_en = TRANSLATED.get(area, ("", ""))
        rows.append(
            f"{UNIT};ul. Marywilska 16, 03-228 Warszawa;47 723 62 00;{area};{name};Warszawa;"
            f'{rank};{first};{last};{phone};{email};{duty};{priority};"{streets}";{duty_uk};'
            f"{priority_en}"
        )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Three:
    out: Path
    report: pipeline.Report

    def area(self, number: str) -> Area:
        return next(a for a in self.report.areas if a.number == number)

    def file(self, number: str, fmt: str, code: str = "pl") -> Path:
        return self.out / area_key(self.area(number)) / f"{edition_name(fmt, code)}.pdf"

    def messages(self, code: str) -> list[str]:
        return [p.message for p in self.report.problems if p.code == code]


CONFIG = LeafletConfig(as_of=dt.date(2026, 11, 1))


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Three:
    tmp = tmp_path_factory.mktemp("three")
    roster = write_roster(tmp / "wykaz.csv")
    settings = Settings(
        rosters=(roster,), out=tmp / "output", formats=BUILT, languages=LANGUAGES, config=CONFIG
    )
    report = pipeline.run(settings)
    assert not [p.message for p in report.problems if p.code == "weasyprint"]
    return Three(settings.out, report)


def _words(path: Path) -> str:
    return " ".join(pdf_text(path).replace("\u00a0", " ").split())


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("fmt", BUILT)
def test_every_page_count_is_what_the_format_promises(three: Three, fmt: str, code: str) -> None:
    """One poster page per officer; two sides per flyer, A6 handout and card (per officer
    where the format gives each their own) — never a third side, for 1, 2 and 3 officers."""
    spec = FORMATS[fmt]
    for number, officers in (("1", 1), ("2", 2), ("3", 3)):
        pages = len(PdfReader(three.file(number, fmt, code)).pages)
        if fmt == "ulotka-a5":  # together on one flyer, or split into one flyer per officer
            assert pages in (2, 2 * officers), (number, pages)
        else:
            assert pages == spec.expected_pages(officers), (number, pages)
    assert three.report.errors == 0, [p.message for p in three.report.problems if p.is_error]


def test_three_officers_get_a_flyer_each_when_they_do_not_fit_together(three: Three) -> None:
    """The Polish A5 holds three officers on one front only if there is room; here one
    flyer per officer, each naming the other two, and the run says so (information)."""
    path = three.file("3", "ulotka-a5")
    pages = [" ".join(p.get_textpage().get_text_range().split()) for p in pdf_pages(path)]
    assert len(pages) == 6
    for front, name in zip(pages[::2], ("Małgorzata", "Konstantynopoli", "Michał"), strict=True):
        assert name in front and "W rejonie pracują także:" in front
    assert (
        "ulotka-a5, rejon 3: dzielnicowi rejonu nie mieszczą się razem na jednej ulotce — każdy"
        " ma własną (w jednym pliku, po dwie strony), jak na plakacie; nic nie trzeba poprawiać"
    ) in three.messages("ulotka-na-dzielnicowego")


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_street_list_on_every_poster_is_at_least_12_pt(three: Three, code: str) -> None:
    for area in three.report.areas:
        path = three.file(area.number, "plakat-a4", code)
        for line in area.lines:
            word = _street_word(line.text)
            sizes = font_sizes(path, word)
            assert sizes and min(sizes) >= 12 - 0.01, (path.name, word, sizes)


def _street_word(text: str) -> str:
    """The longest word of a street's name: printed in the street list only."""
    return max(re.findall(r"[^\W\d_]{4,}", text.split(" (", maxsplit=1)[0]), key=len)


def test_the_sample_posters_street_lists_are_at_least_12_pt(built: Built) -> None:
    for area in built.report.areas:
        path = built.out / area_key(area) / "plakat-a4.pdf"
        for line in area.lines:
            word = _street_word(line.text)
            sizes = font_sizes(path, word)
            assert sizes and min(sizes) >= 12 - 0.01, (area.number, word, sizes)


def _contact_code(path: Path, dpi: int = 300) -> tuple[str, float, float]:
    """(payload, module mm, symbol side mm) of the page's contact (vCard) code, measured on
    the rasterised page: zxing gives the symbol's outer corners (quiet zone not included)."""
    image = next(pdf_pages(path)).render(scale=dpi / 72).to_pil()
    for result in zxingcpp.read_barcodes(image):
        if result.text.startswith("BEGIN:VCARD"):
            corners = result.position
            side_px = math.dist(
                (corners.top_left.x, corners.top_left.y), (corners.top_right.x, corners.top_right.y)
            )
            side_mm = side_px * 25.4 / dpi
            return result.text, side_mm / (make_qr(result.text).modules - 8), side_mm
    raise AssertionError(f"no contact code on {path}")


def test_the_posters_contact_code_is_capped_with_1_mm_modules(built: Built) -> None:
    """Name and phone (and the e-mail when it still fits): at most version 6 (41 modules,
    41 mm; 49 mm with its quiet zone) instead of the 12 (65 mm) the unit and job title made
    it; modules stay 1.0 mm. The e-mail is printed beside it in any case."""
    for area in built.report.areas:
        if area.vacancy is not None:
            continue
        officer = area.officers[0]
        path = built.out / area_key(area) / "plakat-a4.pdf"
        payload, module_mm, side_mm = _contact_code(path)
        assert module_mm >= 1.0 - 0.03, (area.number, module_mm)
        assert side_mm <= 41 + 1.0, (area.number, side_mm)
        assert (make_qr(payload).modules - 8 - 17) // 4 <= 6
        assert f"FN:{officer.first_name} {officer.surname}" in payload
        assert f"TEL:{officer.phone.e164}" in payload
        assert "ORG:" not in payload and "TITLE:" not in payload
        assert officer.email in _words(path)


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("fmt", BUILT)
def test_no_range_time_or_phone_is_split_across_two_lines(
    three: Three, fmt: str, code: str
) -> None:
    units = ["72–152", "16:00–18:00", "15:00–17:00", "10:00–12:00", "47 723 62 00"]
    units += [officer[5] for officer in OFFICERS]
    for number in ("1", "2", "3"):
        path = three.file(number, fmt, code)
        assert [found for unit in units for found in split_across_lines(path, unit)] == []


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("fmt", BUILT)
def test_no_text_under_a_code_or_off_the_printable_area(three: Three, fmt: str, code: str) -> None:
    for number in ("1", "2", "3"):
        path = three.file(number, fmt, code)
        assert text_under_images(path) == []
        assert text_near_edges(path) == []


def test_a_line_never_starts_with_a_separator(three: Three) -> None:
    for path in sorted(three.out.glob("*/rejon-*/*.pdf")):
        lines = [line.strip() for line in pdf_text(path).splitlines()]
        assert not [line for line in lines if line.startswith("·")], path.name


@pytest.mark.parametrize(
    ("code", "one", "several", "absent"),
    [
        ("pl", "W rejonie pracuje także:", "W rejonie pracują także:", ()),
        ("uk", "На дільниці також працює:", "На дільниці також працюють:", ("аспірант",)),
        (
            "en",
            "Also serving this area: Anna Kowalczyk (sierżant sztabowy), tel. 600 000 201",
            "Konstantynopolitańczykowianeczka Nowak (młodszy aspirant), tel. 600 000 302",
            ("mł. asp.", "st. post.", "commissioner", "Your community officer"),
        ),
    ],
)
def test_the_others_are_named_in_the_right_number_and_words(
    three: Three, code: str, one: str, several: str, absent: tuple[str, ...]
) -> None:
    two = _words(three.file("2", "plakat-a4", code))
    many = _words(three.file("3", "plakat-a4", code))
    assert one in two
    assert several in many
    for word in absent:
        assert word not in two + many, word


def test_ukrainian_and_english_editions_print_their_own_free_text(three: Three) -> None:
    """Duty hours from the translated column, or with their closed words translated; the
    priority actions only in a language that has them (area 1 has English only)."""
    uk = _words(three.file("1", "plakat-a4", "uk"))
    en = _words(three.file("1", "plakat-a4", "en"))
    assert "Прийом: вівторок 16:00–18:00, кімн. 12" in uk
    assert "Office hours: Tuesday 16:00–18:00, room 12" in en
    assert "Limiting drinking in public places." in en
    assert "Ograniczenie" not in uk and "Ograniczenie" not in en
    assert "Пріоритетні заходи" not in uk
    assert three.messages("brak-tlumaczenia") == [
        "rejon 1: działania priorytetowe pominięte w wersji uk — nie ma ich tłumaczenia; dodaj"
        " kolumnę „Działania priorytetowe (uk)”"
    ]
    both = _words(three.file("1", "ulotka-a5", "pl+en"))
    assert "Ograniczenie spożywania alkoholu" in both and "Limiting drinking" in both
    uk_three = _words(three.file("3", "plakat-a4", "uk"))
    assert "Прийом: четвер 15:00–17:00, кімн. 12" in uk_three


def test_the_bilingual_business_card_has_bilingual_labels(three: Three) -> None:
    _, back = (" ".join(p.get_textpage().get_text_range().split()) for p in
               list(pdf_pages(three.file("1", "wizytowka", "pl+uk")))[:2])  # fmt: skip
    for polish, ukrainian in (("Zadzwoń", "Подзвонити"), ("Zapisz kontakt", "Зберегти контакт")):
        assert polish in back and ukrainian in back
    assert "Mapa zagrożeń" in back and "Карта загроз" in back


def test_a_long_unit_name_is_shortened_on_the_card_and_said(three: Three) -> None:
    warned = three.messages("skrocona-nazwa-jednostki")
    assert len(warned) == 1, warned  # one unit: said once, naming the first cards
    assert all(
        m.endswith(
            ": nazwa jednostki nie mieści się na wizytówce — wydrukowano „KP Warszawa-Białołęka”;"
            " własny skrót wpisz w pliku leaflets.toml obok pliku z wykazem (utwórz go w tym"
            f" folderze, {three.out.parent}/), w sekcji [jednostka], klucz nazwa_krotka"
        )
        for m in warned
    ), warned
    shortened = warned[0].split(",")[0]
    fmt, _, code = shortened.partition(".")
    number = warned[0].split(", rejon ")[1].split(",")[0].split(":")[0]
    assert "KP WARSZAWA-BIAŁOŁĘKA" in _words(three.file(number, fmt, code or "pl"))


def test_a_configured_short_name_is_used_without_a_warning(tmp_path: Path) -> None:
    roster = write_roster(tmp_path / "wykaz.csv", OFFICERS[3:4])
    config = replace(CONFIG, unit=UnitDefaults(short_name="KP Białołęka"))
    settings = Settings(
        rosters=(roster,), out=tmp_path / "out", formats=("wizytowka",), languages=("uk",),
        config=config,
    )  # fmt: skip
    report = pipeline.run(settings)
    assert not [p for p in report.problems if p.code == "skrocona-nazwa-jednostki"]
    (card,) = (tmp_path / "out").rglob("wizytowka.uk.pdf")
    assert "KP BIAŁOŁĘKA" in _words(card)
    assert len(PdfReader(card).pages) == 2


def test_a_card_that_cannot_fit_is_an_error_naming_it_and_not_written(tmp_path: Path) -> None:
    officer = (*OFFICERS[3][:6], "malgorzata.szczepankiewicz-jedrzejczyk@bialoleka.warszawa"
               ".policja.gov.pl", *OFFICERS[3][7:])  # fmt: skip
    roster = write_roster(tmp_path / "wykaz.csv", (officer,))
    settings = Settings(
        rosters=(roster,), out=tmp_path / "out", formats=("wizytowka",), languages=("pl+uk",),
        config=CONFIG,
    )  # fmt: skip
    report = pipeline.run(settings)
    assert report.exit_code == 1
    (error,) = [p for p in report.problems if p.is_error]
    assert error.code == "za-duzo-stron"
    assert error.message == (
        "wizytowka.pl+uk, rejon 3: wizytówka nie mieści się na karcie 90×50 mm nawet z krótką"
        " nazwą jednostki i mniejszym e-mailem (3 str. zamiast 2) — skróć nazwę jednostki"
        " ([jednostka] nazwa_krotka w leaflets.toml) albo adres e-mail; pliku nie zapisano"
    )
    assert not list((tmp_path / "out").rglob("wizytowka.pl+uk.pdf"))


def test_the_foot_of_a_short_poster_is_at_the_foot_of_the_page(three: Three) -> None:
    """A short area does not end in white: the 112 notice and the codes sit at the bottom."""
    page = next(pdf_pages(three.file("2", "plakat-a4")))
    text = page.get_textpage()
    content = text.get_text_range()
    start = content.index("nie jest numerem alarmowym")
    top = text.get_charbox(start)[3]
    height = page.get_size()[1]
    assert top < height * 0.45, "the 112 notice is in the lower half of the page"
    streets = content.index("Klasyków")  # after a no-break space: `ul.`&nbsp;`Klasyków`
    assert text.get_charbox(streets)[1] - top > 72, "white space between the streets and the foot"


@pytest.mark.parametrize("fmt", BUILT)
def test_the_footer_is_drawn_where_it_is_seen(three: Three, fmt: str) -> None:
    """`Stan na 1 listopada 2026 r.` in the bottom margin of every page that has a footer,
    once, and no hidden copy at the top of the page (the business card has none)."""
    for page in pdf_pages(three.file("3", fmt)):
        text = page.get_textpage()
        content = text.get_text_range()
        count = content.count("Stan na 1 listopada 2026 r.")
        if fmt == "wizytowka":
            assert count == 0
            continue
        assert count == 1
        _, bottom, _, _ = text.get_charbox(content.index("Stan na"))
        assert bottom < 14 * 72 / 25.4, "in the bottom margin"


def test_the_two_app_descriptions_start_at_one_left_edge(tmp_path: Path) -> None:
    roster = write_roster(tmp_path / "wykaz.csv", OFFICERS[1:2])
    config = replace(CONFIG, moja_komenda_url="https://play.google.com/store/apps/details?id=x")
    settings = Settings(rosters=(roster,), out=tmp_path / "out", formats=("plakat-a4",),
                        config=config)  # fmt: skip
    pipeline.run(settings)
    (poster,) = (tmp_path / "out").rglob("plakat-a4.pdf")
    page = next(pdf_pages(poster))
    text = page.get_textpage()
    content = text.get_text_range()
    # The loose box starts at the glyph's origin: "A" and "K" differ in their side bearings.
    lefts = [
        text.get_charbox(content.index(h), loose=True)[0]
        for h in ("Aplikacja Moja", "Krajowa Mapa")
    ]
    assert abs(lefts[0] - lefts[1]) < 1, lefts
    assert "https://play.google.com/store/apps/details?id=x" in [
        r.text for r in zxingcpp.read_barcodes(page.render(scale=150 / 72).to_pil())
    ]
