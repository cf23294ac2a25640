"""Areas -> leaflet views: every text, link and QR code a template prints, ready to show, in
the edition's language (or both languages of a bilingual edition)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from leaflets.areas import Area, CoverageLine, Unit
from leaflets.config import LeafletConfig
from leaflets.contact import KMZB_NAME, contact_payload, short_unit_name
from leaflets.duty import duty_text
from leaflets.formats import RUN_IN_STEP, SHORT_BACK_STEP, SHORT_UNIT_STEP, FormatSpec
from leaflets.i18n import SOURCE, Edition, Phrase, edition
from leaflets.qrcodes import (
    make_qr,
    tel_payload,
)
from leaflets.ranks import full_rank, normalise_rank
from leaflets.streets import POLISH, NumberWords, format_coverage
from leaflets.validation import Officer

"""A proper name: it stays Polish and gets its meaning in the reader's language beside it."""


@dataclass(frozen=True)
class QrView:
    caption: Phrase
    target: str
    """The plain-text target printed under the code, for people without a scanner (a phone
    target is markup that keeps the number on one line)."""
    href: str
    src: str
    size_mm: float
    payload: str


@dataclass(frozen=True)
class OfficerView:
    rank: str
    rank_full: Phrase
    """`sierżant sztabowy`; in other editions with its meaning: `… (staff sergeant rank)`."""
    rank_name: str
    """`sierżant sztabowy`: the rank in full, in Polish only (as typed when not a known one)."""
    first_name: str
    surname: str
    phone: str
    phone_href: str
    landline: str
    email: str
    duty: Phrase
    """The duty hours in the edition's language: the roster's translated column (`Dyżur (uk)`)
    if there is one, else the Polish text with its closed words translated (`duty_text`)."""
    photo: str
    """A file URL of the checked photo, or empty."""
    call: QrView
    card: QrView
    named: str
    """How a sentence names the officer: `st. post. Michał Żak`; in a Ukrainian or English
    edition `Michał Żak (starszy posterunkowy)`, no Polish abbreviation inside its sentence."""

    @property
    def email_parts(self) -> tuple[str, ...]:
        """The e-mail cut where a line may break it: after the `@` and before each dot
        (`grzegorz` `.brzeczyszczykiewicz@` `bialoleka` … `.gov.pl`), so a narrow column
        never leaves `cz@` alone on a line; the template links each part."""
        login, at, domain = self.email.partition("@")
        host = [part for part in re.split(r"(?=\.)", domain) if part]
        if len(host) > 1:  # `.gov.pl` stays whole: no line of its own for `.pl`
            host[-2:] = [host[-2] + host[-1]]
        return tuple(part for part in re.split(r"(?=\.)", login + at) if part) + tuple(host)

    @property
    def long_name(self) -> bool:
        """The name has a part longer than a format's name line holds at full size
        (`Brzęczyszczykiewicz-`): the formats print it smaller (`.nazwisko.dluga`)."""
        parts = _NAME_BREAKS.split(f"{self.first_name} {self.surname}")
        return max(len(part) for part in parts) > _LONG_NAME_PART

    @property
    def display_name(self) -> str:
        """The name as printed: a part too long for a name line gets soft hyphens at its
        Polish syllables (`Brzę­czysz­czy­kie­wicz`), so a line that must break it breaks
        there, with a hyphen, and never cuts the word elsewhere."""
        return " ".join(_hyphenated(word) for word in f"{self.first_name} {self.surname}".split())


_NAME_BREAKS = re.compile(r"(?<=-)|\s+")
"""Where a name may break: at spaces, and after the hyphen of a double-barrelled surname."""
_LONG_NAME_PART = 14
"""About the longest part the narrowest name line (A5 flyer, codes beside it) holds at 22 pt."""


def _display_name(officer: Officer) -> str:
    """The officer's name with soft hyphens in its long parts (`OfficerView.display_name`)."""
    return " ".join(_hyphenated(w) for w in f"{officer.first_name} {officer.surname}".split())


@functools.cache
def _hyphenated(word: str) -> str:
    """A long part of a name with soft hyphens at its syllables (each part of a double-barrelled
    surname on its own: pyphen reads `-` as part of the word and splits `wicz` then)."""
    import pyphen  # WeasyPrint's own hyphenation dictionary

    syllables = pyphen.Pyphen(lang="pl_PL", left=3, right=3)
    return "-".join(
        syllables.inserted(part, hyphen="\u00ad")
        if len(part) > _LONG_NAME_PART and part.isalpha()
        else part
        for part in word.split("-")
    )


@dataclass(frozen=True)
class LeafletView:
    area: Area
    title: str
    area_label: Phrase
    streets_heading: Phrase
    """`Rejon nr 5 obejmuje`, above the street list."""
    officers: tuple[OfficerView, ...]
    """Every officer of the area (a page made for one names the others)."""
    shown: tuple[OfficerView, ...]
    """The officers whose pages this leaflet holds: all of them, or one where a format gives
    each officer pages of their own (`FormatSpec.per_officer`, a split flyer)."""
    streets: tuple[str, ...]
    unit_short: str
    """The unit's name where the full one does not fit (`short_unit_name`)."""
    unit_phone: str
    unit_phone_href: str
    moja_komenda: QrView | None
    """None while `[linki] moja_komenda` is not set: no code, the text says how to find it."""
    moja_komenda_name: Phrase
    kmzb: QrView
    unit_page: str
    """The unit's "Twój dzielnicowy" page as a person types it, or ""."""
    priority: Phrase
    """The priority actions in the edition's language(s); empty in a Ukrainian or English
    edition without the translated column (the Polish paragraph is left out there)."""
    density: int

    @property
    def unit(self) -> Unit:
        return self.area.unit

    @property
    def area_name(self) -> str:
        return self.area.name

    @property
    def town(self) -> str:
        return self.area.town

    @property
    def split(self) -> bool:
        """This leaflet holds some of the area's officers only: it names the others."""
        return len(self.shown) < len(self.officers)

    @property
    def short_unit(self) -> bool:
        """The business card prints the unit's short name (`formats.SHORT_UNIT_STEP`)."""
        return self.density >= SHORT_UNIT_STEP and self.unit_short != self.unit.name

    @property
    def apps_indent_mm(self) -> float:
        """Where the two app descriptions start, beside the larger of their codes: one left
        edge for both, with or without the app's code."""
        codes = [code.size_mm for code in (self.moja_komenda, self.kmzb) if code is not None]
        return max(codes) + 3

    @property
    def run_in(self) -> bool:
        """The street list runs on in lines instead of columns."""
        return self.density >= RUN_IN_STEP

    @property
    def short_back(self) -> bool:
        """The back of a two-sided flyer is shortened: each flyer's template says what it leaves
        out (the apps' descriptions, a 112 notice the front already has)."""
        return self.density >= SHORT_BACK_STEP


def keep_together(text: str) -> str:
    """No-break spaces where a line break would mislead: each comma-separated part of up to
    28 characters (`ul. Mieszka I`, `59-220 Legnica`, `tel. 76 000 00 00`) stays whole; a
    longer part keeps at least its leading abbreviation with the next word, so no line ends
    with `ul.` — and it can still break, so it never runs past the edge of a narrow page.
    The templates' `razem` filter: street lines run on in lines, the footer and the unit's
    address."""
    return ", ".join(
        part.replace(" ", "\u00a0")
        if len(part) <= _WHOLE
        else _LEADING_ABBREVIATION.sub("\\1\u00a0", part)
        for part in text.split(", ")
    )


_WHOLE = 28
"""Parts up to this many characters are never broken (about half an A6 line at 9 pt)."""
_LEADING_ABBREVIATION = re.compile(r"^(\w{1,4}\.) ")


def unbreakable(text: str) -> Markup:
    """Text with its units of meaning kept on one line: a range (`72–152`, `2a-18`), a time
    span (`16:00–18:00`), a date span and a phone number (`76 000 00 00`) each in a
    `.numer` span (never broken), and a leading abbreviation bound to the next word
    (`ul. Chojnowska`). The templates' `niepodzielne` filter: street lines, duty hours,
    priority texts. Markup comes back; plain text is escaped first."""
    escaped = str(escape(text))
    escaped = _LEADING_ABBREVIATION.sub("\\1\u00a0", escaped)
    # Polish typography: a one-letter word (w, z, i, a, o, u) never ends a line, and a short
    # last word (`Warszawa VI`, `Mieszka I`) never starts one alone.
    escaped = _ONE_LETTER.sub("\\1\u00a0", escaped)
    escaped = _SHORT_LAST.sub("\u00a0\\1", escaped)
    return Markup(_UNIT_OF_MEANING.sub(_keep_whole, escaped))


_ONE_LETTER = re.compile(r"(?<![\w&#;.])([aiouwzAIOUWZ]) ")
_SHORT_LAST = re.compile(r" ([^\s;&]{1,3})$")


def _keep_whole(match: re.Match[str]) -> str:
    return f'<span class="numer">{match.group(0).replace(" ", NBSP)}</span>'


_NUMBER = r"\d+(?:[:.]\d+)*[a-zA-Z]?"
_UNIT_OF_MEANING = re.compile(
    rf"(?<![\w&#;]){_NUMBER}(?:\s?[–-]\s?{_NUMBER})+(?!\w)"  # 72–152, 16:00–18:00, 2a-18
    r"|(?<![\w&#;])\(?\d{2,3}\)?(?: \d{2,3}){2,3}(?![\w])"  # 76 000 00 00, (32) 47 88 366
)


def display_url(url: str) -> str:
    """`https://mapy.geoportal.gov.pl/x` -> `mapy.geoportal.gov.pl/x`: what a person types."""
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")


def as_of_text(date: dt.date, language: str = SOURCE) -> Phrase:
    """The footer's `Stan na 1 listopada 2026 r.`, each language with its own date format."""
    ed = edition(language)
    # TRANSLATORS: "as of <date>"; Polish official style writes "r." (roku) after the year.
    return ed.gettext("Stan na %(date)s r.", date=ed.date(date))


def document_title(area: Area, language: str = SOURCE) -> str:
    """The PDF's title: `Twój dzielnicowy — Komisariat Policji …, rejon 5`."""
    ed = edition(language)
    heading = ed.gettext("Twój dzielnicowy")
    label = ed.gettext("rejon %(number)s", number=area.number)
    return f"{heading} — {area.unit.name}, {label}".replace(" — , ", " — ")


def area_label(area: Area, ed: Edition) -> Phrase:
    if area.number[:1].isdigit():
        # TRANSLATORS: "rejon" is the officer's service area (beat), "nr" = number.
        return ed.gettext("Rejon nr %(number)s", number=area.number)
    return ed.gettext("Rejon %(number)s", number=area.number)


def _streets_heading(area: Area, ed: Edition) -> Phrase:
    if area.number[:1].isdigit():
        return ed.gettext("Rejon nr %(number)s obejmuje", number=area.number)
    return ed.gettext("Rejon %(number)s obejmuje", number=area.number)


@functools.cache
def number_words(language: str) -> NumberWords:
    """The words the street printer puts around house numbers (street lines and the street
    index), in `language`; a bilingual edition prints the Polish ones (Polish leads)."""
    ed = edition(language)
    if ed.first == SOURCE or ed.bilingual:
        return POLISH
    # TRANSLATORS: words around house numbers after a street name: "(parzyste 72–152)",
    # "od 12", "do 70", "(cała)" = the whole street.
    return NumberWords(
        whole_locality=ed.pgettext("numery domów", "cała miejscowość").first,
        whole_street=ed.pgettext("numery domów", "cała ulica").first,
        whole_square=ed.pgettext("numery domów", "cały plac").first,
        whole_unknown=ed.pgettext("numery domów", "wszystkie numery").first,
        whole=ed.pgettext("numery domów", "cała").first,
        odd=ed.pgettext("numery domów", "nieparzyste").first,
        even=ed.pgettext("numery domów", "parzyste").first,
        since=ed.pgettext("numery domów", "od").first,
        until=ed.pgettext("numery domów", "do").first,
        # TRANSLATORS: "(1–20, oprócz 7)" = except number 7; "cała gmina" = the whole gmina
        # (commune: its town and villages).
        without=ed.pgettext("numery domów", "oprócz").first,
        whole_gmina=ed.pgettext("numery domów", "cała gmina").first,
    )


def _street_line(line: CoverageLine, words: NumberWords) -> str:
    """A line of the street list: names as written, house-number words in the edition's."""
    if line.coverage is None or words == POLISH:
        return line.text
    return format_coverage(line.coverage, words)


def kmzb_code(ed: Edition, config: LeafletConfig, spec: FormatSpec) -> QrView:
    """The threat map's code, as every leaflet and invitation prints it."""
    url = config.kmzb_url
    return qr_view(ed.gloss(KMZB_NAME), display_url(url), url, url, spec, config.qr_level)


def qr_view(
    caption: Phrase, target: str, payload: str, href: str, spec: FormatSpec, level: str
) -> QrView:
    code = make_qr(payload, level)
    return QrView(
        caption=caption,
        target=target,
        href=href,
        src=code.data_uri,
        size_mm=max(code.size_mm(spec.qr_module_mm), spec.qr_min_mm),
        payload=payload,
    )


def _named(officer: Officer, ed: Edition) -> str:
    """`st. post. Michał Żak` (the abbreviation kept whole); Ukrainian and English editions
    name the rank in full after the name, so no Polish abbreviation sits inside their
    sentence: `Michał Żak (starszy posterunkowy)`."""
    name = f"{officer.first_name} {officer.surname}"
    if not officer.rank:
        return name
    rank = normalise_rank(officer.rank)
    if ed.first == SOURCE:
        return f"{officer.rank.replace(' ', NBSP)} {name}"
    return f"{name} ({full_rank(rank) if rank else officer.rank})"


NBSP = "\u00a0"


def officer_view(
    officer: Officer, area: Area, spec: FormatSpec, ed: Edition, level: str
) -> OfficerView:
    rank = normalise_rank(officer.rank)
    phone_label = ed.gettext("tel.").first
    card = contact_payload(officer, area, spec, ed, level)
    return OfficerView(
        rank=officer.rank,
        rank_full=ed.gloss(full_rank(rank)) if rank else Phrase(officer.rank),
        rank_name=full_rank(rank) if rank else officer.rank,
        first_name=officer.first_name,
        surname=officer.surname,
        phone=officer.phone.national,
        phone_href=f"tel:{officer.phone.e164}",
        landline=officer.landline.national if officer.landline else "",
        email=officer.email,
        duty=ed.each(lambda language: _duty(officer, language)) if officer.duty else Phrase(""),
        photo=officer.photo.as_uri() if officer.photo else "",
        call=qr_view(
            ed.gettext("Zadzwoń do dzielnicowego"),
            # The number never breaks between its digit groups, in any caption (`.numer`).
            Markup('{} <span class="numer">{}</span>').format(phone_label, officer.phone.national),
            tel_payload(officer.phone.e164),
            f"tel:{officer.phone.e164}",
            spec,
            level,
        ),
        card=qr_view(
            ed.gettext("Zapisz kontakt w telefonie"),
            # TRANSLATORS: under the "save the contact" code: whose contact it saves.
            ed.gettext("kontakt: %(name)s", name=_display_name(officer)).first,
            card,
            f"mailto:{officer.email}" if officer.email else f"tel:{officer.phone.e164}",
            spec,
            level,
        ),
        named=_named(officer, ed),
    )


def _duty(officer: Officer, language: str) -> str:
    """The duty hours in `language`: the roster's own translation, else the Polish text with
    its closed words (weekdays, `pok.`, `godz.`) translated."""
    if language == SOURCE:
        return officer.duty
    return dict(officer.duty_translations).get(language) or duty_text(officer.duty, language)


def _priority(area: Area, ed: Edition) -> Phrase:
    """The priority actions: Polish, and in each other language its translated column; a
    Ukrainian or English edition without one leaves the paragraph out (`checks` says so)."""
    if not area.priority:
        return Phrase("")
    translated = dict(area.priority_translations)
    if ed.first != SOURCE:
        return Phrase(translated.get(ed.first, ""))
    if ed.bilingual:
        return Phrase(area.priority, translated.get(ed.second, ""), ed.second)
    return Phrase(area.priority)


def leaflet_view(
    area: Area,
    spec: FormatSpec,
    config: LeafletConfig,
    density: int = 0,
    language: str = SOURCE,
    shown: Sequence[int] | None = None,
) -> LeafletView:
    """`shown`: the positions of the officers whose pages this leaflet holds (None: all)."""
    ed = edition(language)
    officers = tuple(officer_view(o, area, spec, ed, config.qr_level) for o in area.officers)
    short, _ = short_unit_name(area.unit.name, config)
    return LeafletView(
        area=area,
        title=document_title(area, language),
        area_label=area_label(area, ed),
        streets_heading=_streets_heading(area, ed),
        officers=officers,
        shown=officers if shown is None else tuple(officers[i] for i in shown),
        streets=tuple(_street_line(line, number_words(language)) for line in area.lines),
        unit_short=short,
        unit_phone=area.unit.phone.national if area.unit.phone else "",
        unit_phone_href=f"tel:{area.unit.phone.e164}" if area.unit.phone else "",
        moja_komenda=None
        if config.moja_komenda_is_default
        else qr_view(
            ed.gettext("Aplikacja Moja Komenda"),
            display_url(config.moja_komenda_url),
            config.moja_komenda_url,
            config.moja_komenda_url,
            spec,
            config.qr_level,
        ),
        moja_komenda_name=ed.gettext("Aplikacja Moja Komenda"),
        kmzb=kmzb_code(ed, config, spec),
        unit_page=display_url(config.unit_page_url) if config.unit_page_url else "",
        priority=_priority(area, ed),
        density=density,
    )
