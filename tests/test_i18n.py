"""Editions in Ukrainian and English and bilingual ones: catalogs complete, texts, fonts,
QR codes and page counts as a reader of each edition gets them."""

from __future__ import annotations

import datetime as dt
import gettext
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from click.testing import CliRunner
from pypdf import PdfReader

from leaflets import cli, pipeline
from leaflets.areas import Area
from leaflets.config import KMZB_URL, LANGUAGES, Settings, parse_languages
from leaflets.content import leaflet_view, number_words
from leaflets.errors import UsageError
from leaflets.formats import FORMATS
from leaflets.i18n import LABEL_FUNCTION, Phrase, edition, translations
from leaflets.output.paths import area_key, edition_name, unit_folder
from leaflets.ranks import RANKS
from leaflets.render.renderer import Renderer
from leaflets.render.workers import page_context
from leaflets.streets import format_coverage, format_rules, parse_numbers, parse_segment
from tests.helpers import ROOT, pdf_pages, pdf_text, qr_payloads, sample_settings

LOCALE = ROOT / "leaflets" / "locale"
TRANSLATED = ("uk", "en")
FORMATS_BUILT = ("plakat-a4", "ulotka-a5")
TAG = re.compile(r"</?[a-z][^>]*>")


# --- the catalogs ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The messages in the code and templates now, extracted as `make translations` does."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "--quiet",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            LABEL_FUNCTION,
            "-o",
            str(pot),
            str(ROOT / "leaflets"),
            str(ROOT / "templates"),
        ]
    )
    with pot.open("rb") as handle:
        return read_po(handle)


def _catalog(language: str) -> Any:
    with (LOCALE / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def test_extraction_finds_the_leaflet_texts(extracted: Any) -> None:
    ids = {message.id for message in extracted if message.id}
    assert {"Twój dzielnicowy", "Zadzwoń do dzielnicowego", "Stan na %(date)s r."} <= ids
    assert ("W rejonie pracuje także:", "W rejonie pracują także:") in ids  # plural forms
    assert extracted.get("wtorek", context="dyżur") is not None
    assert "sierżant sztabowy" in ids  # ranks are marked where they are defined
    assert any("nie jest numerem alarmowym" in message for message in ids)
    assert extracted.get("parzyste", context="numery domów") is not None


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_has_a_translation(extracted: Any, language: str) -> None:
    """Fails on a text added to a template or the code and not translated, on a fuzzy or
    empty translation, and on a translation that lost a placeholder or a tag."""
    catalog = _catalog(language)
    problems = []
    for message in extracted:
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        strings = entry.string if entry is not None and isinstance(entry.string, tuple) else ()
        if entry is None or not entry.string or entry.fuzzy or not all(strings or [1]):
            problems.append(f"{message.context or ''}|{message.id}: no translation")
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in strings or (entry.string,):
            if sorted(TAG.findall(ids[0])) != sorted(TAG.findall(text)):
                problems.append(f"{message.id}: tags differ in {text}")
    problems.extend(f"{message.id}: {errors}" for message, errors in catalog.check())
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalog_matches_its_source(language: str) -> None:
    """The .mo the code loads is the compiled .po (run `make translations` after editing)."""
    compiled = translations(language)
    for message in _catalog(language):
        if message.id and isinstance(message.id, tuple):
            singular, plural = message.id
            assert compiled.ngettext(singular, plural, 1) == message.string[0]
            assert compiled.ngettext(singular, plural, 2) == message.string[1]
        elif message.id and message.string:
            if message.context:
                assert compiled.pgettext(message.context, message.id) == message.string
            else:
                assert compiled.gettext(message.id) == message.string


def test_compiled_catalogs_ship_with_the_package() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.mo"' in text
    for language in TRANSLATED:
        path = LOCALE / language / "LC_MESSAGES" / "messages.mo"
        with path.open("rb") as handle:
            assert gettext.GNUTranslations(handle).info()["language"] == language


# --- texts of an edition -----------------------------------------------------------------------


def test_file_names_carry_the_language_except_polish() -> None:
    assert edition_name("plakat-a4", "pl") == "plakat-a4"
    assert edition_name("plakat-a4", "uk") == "plakat-a4.uk"
    assert edition_name("ulotka-a5", "pl+en") == "ulotka-a5.pl+en"


def test_phrases_keep_data_escaped_and_mark_the_second_language() -> None:
    phrase = edition("pl+uk").gettext("Rejon nr %(number)s", number="<b>5</b>")
    assert str(phrase) == "Rejon nr <b>5</b> / Дільниця № <b>5</b>"
    assert phrase.__html__() == (
        'Rejon nr &lt;b&gt;5&lt;/b&gt;<span class="drugi-jezyk" lang="uk">'
        "Дільниця № &lt;b&gt;5&lt;/b&gt;</span>"
    )
    assert Phrase("a < b").__html__() == "a &lt; b"


def test_ranks_stay_polish_with_their_meaning_by_level() -> None:
    """A rank is glossed by its level, never by a false friend: in Ukrainian `аспірант` is a
    PhD student and `поліцейський` any police officer; in English a `commissioner` heads a
    whole force (docs/translations-uk.md, docs/translations-en.md)."""
    assert str(edition("pl").gloss("sierżant sztabowy")) == "sierżant sztabowy"
    assert str(edition("en").gloss("sierżant sztabowy")) == (
        "sierżant sztabowy (staff sergeant rank)"
    )
    assert str(edition("uk").gloss("młodszy aspirant")) == (
        "młodszy aspirant (звання поліції, молодший начальницький склад)"
    )
    assert str(edition("uk").gloss("posterunkowy")) == "posterunkowy (рядовий поліції)"
    assert str(edition("en").gloss("komisarz")) == "komisarz (junior officer rank)"
    for rank, _ in RANKS:
        assert "аспірант" not in str(edition("uk").gloss(rank)), rank
        assert "commissioner" not in str(edition("en").gloss(rank)), rank
        assert "aspirant" not in str(edition("en").gloss(rank)).partition("(")[2], rank
    bilingual = edition("pl+en").gloss("sierżant sztabowy")
    assert (bilingual.first, bilingual.second) == ("sierżant sztabowy", "staff sergeant rank")


def test_dates_follow_the_language() -> None:
    date = dt.date(2026, 11, 1)
    assert str(edition("pl").date(date)) == "1 listopada 2026"
    assert str(edition("uk").date(date)) == "1 листопада 2026\u202fр."  # CLDR's narrow space
    assert str(edition("en").date(date)) == "1 November 2026"


def test_house_number_words_are_printed_in_the_edition_language() -> None:
    text = "do 70, parzyste 2–40, nieparzyste od 5"
    rules = parse_numbers(text)
    assert rules is not None
    assert format_rules(rules, number_words("en")) == "up to 70, even 2–40, odd from 5"
    assert format_rules(rules, number_words("uk")) == "до 70, парні 2–40, непарні від 5"
    assert format_rules(rules, number_words("pl+uk")) == text
    village = parse_segment("Chojnowska (cała)")
    assert village is not None
    assert format_coverage(village, number_words("en")) == "Chojnowska (whole street)"


@pytest.mark.pdf
def test_street_lines_keep_names_and_translate_numbers(tmp_path: Path) -> None:
    roster = _roster(tmp_path, [("1", "Jan", "Nowak", "723 645 827", "ul. Do Studzienki (od 12)")])
    (area,) = pipeline.run(Settings(rosters=(roster,)), write=False).areas
    view = leaflet_view(area, FORMATS["ulotka-a5"], Settings(rosters=()).config, language="en")
    assert view.streets == ("ul. Do Studzienki (from 12)",)
    polish = leaflet_view(area, FORMATS["ulotka-a5"], Settings(rosters=()).config, language="pl+en")
    assert polish.streets == ("ul. Do Studzienki (od 12)",)


@pytest.mark.pdf
def test_html_language_and_second_language_markup(tmp_path: Path) -> None:
    roster = _roster(tmp_path, [("1", "Jan", "Nowak", "723 645 827", "ul. Polna")])
    (area,) = pipeline.run(Settings(rosters=(roster,)), write=False).areas
    renderer = Renderer(None, allowed=[])
    spec = FORMATS["ulotka-a5"]
    settings = Settings(rosters=())
    views = [leaflet_view(area, spec, settings.config, language="pl+uk")]
    html = renderer.html(
        spec, views, language="pl+uk", **page_context(settings, "t", "pl+uk").variables()
    )
    assert '<html lang="pl">' in html
    assert '<span class="drugi-jezyk" lang="uk">Ваш дільничний</span>' in html
    assert '<body class="ulotka-a5 dwujezyczna">' in html
    views = [leaflet_view(area, spec, settings.config, language="uk")]
    html = renderer.html(
        spec, views, language="uk", **page_context(settings, "t", "uk").variables()
    )
    assert '<html lang="uk">' in html
    assert "drugi-jezyk" not in html


# --- built editions ----------------------------------------------------------------------------


def _roster(tmp_path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    path = tmp_path / "wykaz.csv"
    lines = ["Jednostka;Rejon;Stopień;Imię;Nazwisko;Telefon;E-mail;Tel. stacjonarny;Dyżur;Ulice"]
    lines += [
        f"KP Test;{area};st. post.;{first};{last};{phone};{first.lower()}@kp.example;"
        f'76 000 00 12;czwartek 8:00–10:00;"{streets}"'
        for area, first, last, phone, streets in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Editions:
    out: Path
    report: pipeline.Report

    def area(self, number: str) -> Area:
        return next(a for a in self.report.areas if a.number == number)

    def file(self, number: str, name: str) -> Path:
        return self.out / area_key(self.area(number)) / f"{name}.pdf"


@pytest.fixture(scope="module")
def sample_area(tmp_path_factory: pytest.TempPathFactory) -> Editions:
    """Area 1 of the sample (photo, priority actions, landline, duty) in every edition."""
    out = tmp_path_factory.mktemp("editions") / "output"
    settings = sample_settings(
        out,
        languages=LANGUAGES,
        formats=(*FORMATS_BUILT, "skorowidz"),
        address="ul. Chojnowska 80, Legnica",
    )
    return Editions(out, pipeline.run(settings))


@pytest.fixture(scope="module")
def two_officers(tmp_path_factory: pytest.TempPathFactory) -> Editions:
    """An area served by two officers, without photos, in every edition, with A6 sheets."""
    tmp = tmp_path_factory.mktemp("two")
    roster = _roster(
        tmp,
        [
            ("2", "Karolina", "Wiśniewska", "511 000 482", "Rynek; ul. Mariacka; ul. Gwarna"),
            ("2", "Michał", "Żak", "604 000 371", "ul. Piekarska (nieparzyste 1-31)"),
        ],
    )
    settings = Settings(
        rosters=(roster,),
        out=tmp / "output",
        formats=(*FORMATS_BUILT, "ulotka-a6"),
        languages=("pl", "uk", "en", "pl+uk", "pl+en"),
        office_sheets=True,
    )
    return Editions(tmp / "output", pipeline.run(settings))


def _words(path: Path) -> str:
    """The page text as one line: wrapped lines joined, a word broken after its hyphen too."""
    return " ".join(pdf_text(path).split()).replace("- ", "-")


def test_editions_render_without_weasyprint_warnings(sample_area: Editions) -> None:
    messages = [p.message for p in sample_area.report.problems]
    assert [m for m in messages if "WeasyPrint" in m or "nie mieści" in m] == []
    assert sample_area.report.errors == 0


def test_every_edition_has_its_files_and_manifest_entries(sample_area: Editions) -> None:
    area = sample_area.area("1")
    unit = sample_area.out / unit_folder(area.unit)
    manifest = json.loads((sample_area.out / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = manifest["areas"]
    names = {edition_name(fmt, code) for fmt in FORMATS_BUILT for code in LANGUAGES}
    assert set(entry["files"]) == names
    assert "plakat-a4.uk" in names and "ulotka-a5.pl+en" in names
    for name in names:
        assert (sample_area.out / entry["files"][name]).is_file(), name
        assert (unit / f"druk-{name}.pdf").is_file(), name
    for code in LANGUAGES:
        assert (unit / f"{edition_name('skorowidz-ulic', code)}.pdf").is_file()


UKRAINIAN = (
    "ВАШ ДІЛЬНИЧНИЙ",
    "Телефон дільничного не є екстреним номером.",
    "телефонуйте на номер 112",
    "Станом на 1 листопада 2026 р.",
    "Дільничний відповідає на дзвінки під час служби.",
    "sierżant sztabowy (штаб-сержант поліції)",
    "Подзвонити дільничному",
    "Krajowa Mapa Zagrożeń Bezpieczeństwa",
    "Прийом: вівторок 15:00–17:00, кімн. 12",  # the duty hours' closed words translated
    "Знайдіть «Moja Komenda» в Google Play або App Store.",
)
ENGLISH = (
    "YOUR COMMUNITY POLICE OFFICER",
    "The community police officer’s phone is not an emergency number.",
    "call 112",
    "As of 1 November 2026",
    "The officer answers this phone when on duty.",
    "sierżant sztabowy (staff sergeant rank)",
    "Call your community police officer",
    "(National Map of Security Threats)",
    "Office hours: Tuesday 15:00–17:00, room 12",
    "Search for “Moja Komenda” on Google Play or the App Store.",
)
POLISH = (
    "TWÓJ DZIELNICOWY",
    "Telefon dzielnicowego nie jest numerem alarmowym.",
    "Stan na 1 listopada 2026 r.",
    "Dzielnicowy odbiera telefon w godzinach służby.",
    "Zadzwoń do dzielnicowego",
    "Ograniczenie spożywania alkoholu",  # the priority actions, in Polish only
)


@pytest.mark.parametrize("fmt", FORMATS_BUILT)
@pytest.mark.parametrize(
    ("code", "expected", "absent"),
    [
        ("uk", UKRAINIAN, POLISH),
        ("en", ENGLISH, POLISH),
        ("pl+uk", (*POLISH, *UKRAINIAN[:4], "штаб-сержант поліції"), ENGLISH),
        ("pl+en", (*POLISH, *ENGLISH[:4], "staff sergeant rank"), UKRAINIAN[:4]),
    ],
)
def test_edition_text(
    sample_area: Editions, fmt: str, code: str, expected: tuple[str, ...], absent: tuple[str, ...]
) -> None:
    text = _words(sample_area.file("1", edition_name(fmt, code)))
    officer = sample_area.area("1").officers[0]
    assert f"{officer.first_name} {officer.surname}" in text
    assert officer.phone.national in text
    for phrase in expected:
        assert phrase in text, (code, fmt, phrase)
    for phrase in absent:
        assert phrase not in text, (code, fmt, phrase)


def test_street_index_is_translated(sample_area: Editions) -> None:
    unit = sample_area.out / unit_folder(sample_area.area("1").unit)
    text = _words(unit / "skorowidz-ulic.uk.pdf")
    assert "ПОКАЖЧИК ВУЛИЦЬ: ХТО ВАШ ДІЛЬНИЧНИЙ?" in text
    assert "ul. Chojnowska" in text and "дільниця 1 (Zakaczawie)" in text
    assert "парні 72–152" in text


@pytest.mark.parametrize("code", LANGUAGES)
def test_pdf_language_is_the_editions_first(sample_area: Editions, code: str) -> None:
    for fmt in FORMATS_BUILT:
        reader = PdfReader(sample_area.file("1", edition_name(fmt, code)))
        assert reader.trailer["/Root"]["/Lang"] == edition(code).first


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_font_is_open_sans_in_every_edition(sample_area: Editions, code: str) -> None:
    unit = sample_area.out / unit_folder(sample_area.area("1").unit)
    paths = [sample_area.file("1", edition_name(fmt, code)) for fmt in FORMATS_BUILT]
    paths.append(unit / f"{edition_name('skorowidz-ulic', code)}.pdf")
    for path in paths:
        fonts = {
            str(ref.get_object()["/BaseFont"]).split("+")[-1]
            for page in PdfReader(path).pages
            for ref in page["/Resources"]["/Font"].values()
        }
        assert fonts and all(name.startswith("Open-Sans") for name in fonts), (path, fonts)


@pytest.mark.parametrize("fmt", FORMATS_BUILT)
@pytest.mark.parametrize("code", ["uk", "en", "pl+uk", "pl+en"])
def test_qr_codes_decode_in_every_edition(sample_area: Editions, fmt: str, code: str) -> None:
    officer = sample_area.area("1").officers[0]
    payloads = qr_payloads(sample_area.file("1", edition_name(fmt, code)))
    assert f"tel:{officer.phone.e164}" in payloads
    assert KMZB_URL in payloads
    (card,) = [p for p in payloads if p.startswith("BEGIN:VCARD")]
    assert f"FN:{officer.first_name} {officer.surname}" in card
    if fmt == "plakat-a4":  # the poster's card: name, phone and e-mail only
        assert "TITLE:" not in card and "ORG:" not in card
        return
    titles = {"uk": "дільничний\\, дільниця 1", "en": "community police officer\\, area 1"}
    title = titles.get(code, "dzielnicowy\\, rejon 1")  # bilingual editions: Polish
    assert f"TITLE:{title}" in card


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_normal_area_fits_its_pages_in_every_edition(sample_area: Editions, code: str) -> None:
    area = sample_area.area("1")
    poster = sample_area.file("1", edition_name("plakat-a4", code))
    flyer = sample_area.file("1", edition_name("ulotka-a5", code))
    assert len(PdfReader(poster).pages) == len(area.officers) == 1
    assert len(PdfReader(flyer).pages) == 2


@pytest.mark.parametrize("code", LANGUAGES)
def test_two_officers_fit_in_every_edition(two_officers: Editions, code: str) -> None:
    """Bilingual flyers too: there the codes stand beside the officers' text and the 112
    notice is on the back only."""
    area = two_officers.area("2")
    assert len(area.officers) == 2
    poster = two_officers.file("2", edition_name("plakat-a4", code))
    flyer = two_officers.file("2", edition_name("ulotka-a5", code))
    assert len(PdfReader(poster).pages) == 2
    assert len(PdfReader(flyer).pages) == 2
    pages = [page.get_textpage().get_text_range() for page in pdf_pages(flyer)]
    front, back = (" ".join(page.split()) for page in pages)
    assert "Michał Żak" in front and "Karolina Wiśniewska" in front
    assert "112" in back
    # A phone number is never split over two lines.
    lines = [line.strip() for line in pdf_text(flyer).splitlines()]
    assert sum("76 000 00 12" in line for line in lines) == 2, lines
    assert not [p for p in two_officers.report.problems if "nie mieści" in p.message]


@pytest.mark.pdf
def test_an_added_language_renders_only_its_own_files(tmp_path: Path) -> None:
    roster = _roster(tmp_path, [("1", "Jan", "Nowak", "723 645 827", "ul. Polna")])
    out = tmp_path / "out"
    pipeline.run(Settings(rosters=(roster,), out=out, formats=("ulotka-a5",)))
    polish = out / "kp-test" / "rejon-1" / "ulotka-a5.pdf"
    before = polish.stat().st_mtime_ns
    pipeline.run(
        Settings(rosters=(roster,), out=out, formats=("ulotka-a5",), languages=("pl", "uk"))
    )
    assert polish.stat().st_mtime_ns == before
    assert (out / "kp-test" / "rejon-1" / "ulotka-a5.uk.pdf").is_file()
    cache = json.loads((out / ".leaflets-cache.json").read_text(encoding="utf-8"))
    assert sorted(cache) == ["ulotka-a5.uk/kp-test/rejon-1", "ulotka-a5/kp-test/rejon-1"]


# --- the command line --------------------------------------------------------------------------


def test_parse_languages() -> None:
    assert parse_languages("pl") == ("pl",)
    assert parse_languages(" UK , pl+en,uk") == ("uk", "pl+en")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("de", "nieznany język „de”. Dostępne: pl, uk, en, pl+uk, pl+en."),
        (
            "pl,uk+pl",
            "nieznany język „uk+pl” — czy chodziło o pl+uk? Dostępne: pl, uk, en, pl+uk, pl+en.",
        ),
        (" , ", "nie podano języka. Dostępne: pl, uk, en, pl+uk, pl+en."),
    ],
)
def test_parse_languages_refuses_unknown_ones(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_languages(text)
    assert str(caught.value) == message


def test_build_forwards_the_languages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: dict[str, Settings] = {}

    def fake_run(settings: Settings, *, write: bool, progress: Any) -> pipeline.Report:
        seen["settings"] = settings
        return pipeline.Report(rows=(), areas=(), files=(), problems=(), rendered=True)

    monkeypatch.setattr(pipeline, "run", fake_run)
    roster = _roster(tmp_path, [("1", "Jan", "Nowak", "723 645 827", "ul. Polna")])
    result = CliRunner().invoke(
        cli.main, ["build", str(roster), "--out", str(tmp_path), "--jezyk", "pl,uk,pl+en"]
    )
    assert result.exit_code == 0, result.output
    assert seen["settings"].languages == ("pl", "uk", "pl+en")


def test_build_rejects_an_unknown_language(tmp_path: Path) -> None:
    roster = _roster(tmp_path, [("1", "Jan", "Nowak", "723 645 827", "ul. Polna")])
    result = CliRunner().invoke(
        cli.main, ["build", str(roster), "--out", str(tmp_path / "o"), "--jezyk", "pl,de"]
    )
    assert result.exit_code == 2
    assert "Błąd: nieznany język „de”. Dostępne: pl, uk, en, pl+uk, pl+en." in " ".join(
        result.output.split()
    )
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("code", LANGUAGES)
def test_a6_handout_per_officer_names_the_others(two_officers: Editions, code: str) -> None:
    """The A6 front has room for one officer: one handout (front, back) per officer, the
    other officer named with the phone; both go on the office sheet."""
    area = two_officers.area("2")
    karolina, michal = area.officers
    flyer = two_officers.file("2", edition_name("ulotka-a6", code))
    pages = [" ".join(page.get_textpage().get_text_range().split()) for page in pdf_pages(flyer)]
    assert len(pages) == 4
    for front, back, officer, other in (
        (pages[0], pages[1], karolina, michal),
        (pages[2], pages[3], michal, karolina),
    ):
        assert f"{officer.first_name} {officer.surname}" in front
        assert officer.email in front
        # Ukrainian and English name the rank in full after the name, not `st. post.`
        named = f"{other.first_name} {other.surname}"
        if edition(code).first != "pl":
            named += " (starszy posterunkowy)"
        # On the front, or — where the front has no room (the last fitting step) — the back.
        assert f"{named}, " in front + back
        assert other.phone.national in front + back and other.email not in front + back
        assert "112" in front + back
        assert "ul. Piekarska" in back
    payloads = qr_payloads(flyer)
    assert {f"tel:{karolina.phone.e164}", f"tel:{michal.phone.e164}"} <= set(payloads)
    sheet = flyer.with_name(f"{edition_name('ulotka-a6-arkusz', code)}.pdf")
    fronts = " ".join(pdf_text(sheet).split())
    assert "Karolina Wiśniewska" in fronts and "Michał Żak" in fronts
    assert not [p for p in two_officers.report.problems if "arkusz" in p.message]
