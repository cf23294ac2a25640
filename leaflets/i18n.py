"""Editions and translations: gettext catalogs (Polish is the source) and bilingual texts."""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import hashlib
import importlib.resources
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date
from markupsafe import Markup, escape

from leaflets.config import LANGUAGES
from leaflets.errors import RenderError

SOURCE = "pl"
"""The language the templates and the code are written in: its msgids are the Polish texts."""
DOMAIN = "messages"
LABEL_FUNCTION = "etykieta"
"""The templates' gettext for labels printed once, in the first language (`make translations`
extracts it with `-k etykieta`)."""
SECOND_LANGUAGE_CLASS = "drugi-jezyk"
"""The class of the element around the second language's text in a bilingual edition."""
DATE_LOCALES = {"pl": "pl_PL", "uk": "uk_UA", "en": "en_GB"}
"""Babel locales for dates: British English writes "1 November 2026", not "November 1"."""


def N_(message: str) -> str:
    """Mark a text for extraction where it is defined; it is translated where it is used."""
    return message


def _catalog_files() -> Any:
    return importlib.resources.files("leaflets") / "locale"


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language`, shipped in leaflets/locale/<language>/."""
    if language == SOURCE:
        return gettext.NullTranslations()
    resource = _catalog_files() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with resource.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except OSError as exc:
        raise RenderError(
            f"brak skompilowanych tłumaczeń dla języka {language} ({resource}) — "
            "uruchom make translations."
        ) from exc


@functools.cache
def catalogs_digest() -> str:
    """A hash of every compiled catalog: an edited translation means a rebuild."""
    digest = hashlib.sha256()
    for language in sorted({part for code in LANGUAGES for part in code.split("+")}):
        if language != SOURCE:
            resource = _catalog_files() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
            digest.update(language.encode())
            digest.update(resource.read_bytes() if resource.is_file() else b"")
    return digest.hexdigest()


@dataclass(frozen=True)
class Phrase:
    """A text in an edition's language, or in both languages of a bilingual edition. Prints
    as markup in a template (the second language wrapped in its own `lang`) and as plain text
    everywhere else (PDF titles, alt text)."""

    first: str
    second: str = ""
    second_language: str = ""

    def __str__(self) -> str:
        return f"{self.first} / {self.second}" if self.second else self.first

    def __bool__(self) -> bool:
        """An empty phrase (no text in either language) is false: `{% if officer.duty %}`."""
        return bool(self.first or self.second)

    def __html__(self) -> str:
        if not self.second:
            return str(escape(self.first))
        return str(
            Markup('{}<span class="{}" lang="{}">{}</span>').format(
                self.first, SECOND_LANGUAGE_CLASS, self.second_language, self.second
            )
        )


@dataclass(frozen=True)
class Edition:
    """One language version of the leaflets: `uk`, or the bilingual `pl+uk` (Polish first)."""

    code: str

    def __post_init__(self) -> None:
        if self.code not in LANGUAGES:
            raise ValueError(f"unknown edition {self.code!r}")

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.code.split("+"))

    @property
    def first(self) -> str:
        """The main language: the document's `lang`; in a bilingual edition, Polish."""
        return self.languages[0]

    @property
    def second(self) -> str:
        """The second language of a bilingual edition, else ""."""
        return self.languages[1] if len(self.languages) > 1 else ""

    @property
    def bilingual(self) -> bool:
        return bool(self.second)

    def each(self, text: Callable[[str], str]) -> Phrase:
        """`text(language)` for each of the edition's languages, as one Phrase."""
        second = self.second
        return Phrase(text(self.first), text(second) if second else "", second)

    def gettext(self, message: str, **values: object) -> Phrase:
        """`message` translated in each of the edition's languages, `values` filled in (a
        Phrase value gives each language its own text, e.g. a date)."""
        return self.each(
            lambda language: _fill(
                translations(language).gettext(message), self._values(values, language)
            )
        )

    def pgettext(self, context: str, message: str, **values: object) -> Phrase:
        return self.each(
            lambda language: _fill(
                translations(language).pgettext(context, message), self._values(values, language)
            )
        )

    def _values(self, values: dict[str, object], language: str) -> dict[str, object]:
        return {
            key: (value.first if language == self.first else value.second)
            if isinstance(value, Phrase)
            else value
            for key, value in values.items()
        }

    def gloss(self, name: str) -> Phrase:
        """A Polish proper name with its meaning in the reader's language: `sierżant sztabowy
        (staff sergeant)`; bilingual editions print the meaning as the second language."""
        if self.bilingual:
            return Phrase(name, translations(self.second).gettext(name), self.second)
        meaning = translations(self.first).gettext(name)
        return Phrase(name if meaning == name else f"{name} ({meaning})")

    def date(self, date: dt.date) -> Phrase:
        """`1 listopada 2026`, `1 листопада 2026 р.`, `1 November 2026`."""
        return self.each(
            lambda language: str(format_date(date, format="long", locale=DATE_LOCALES[language]))
        )

    def bilingual_gettext(self) -> dict[str, Callable[..., str]]:
        """gettext for the templates of a bilingual edition: each text in both languages, the
        second wrapped in its own `lang`. Templates are trusted markup, so a translation keeps
        the tags of its msgid (`<strong>`)."""
        first = translations(self.first)
        second = translations(self.second)
        opening = Markup(f'<span class="{SECOND_LANGUAGE_CLASS}" lang="{self.second}">')

        def both(one: str, other: str) -> str:
            return Markup(one) + opening + Markup(other) + Markup("</span>")

        return {
            "gettext": lambda message: both(first.gettext(message), second.gettext(message)),
            "ngettext": lambda singular, plural, n: both(
                first.ngettext(singular, plural, n), second.ngettext(singular, plural, n)
            ),
            "pgettext": lambda context, message: both(
                first.pgettext(context, message), second.pgettext(context, message)
            ),
            "npgettext": lambda context, singular, plural, n: both(
                first.npgettext(context, singular, plural, n),
                second.npgettext(context, singular, plural, n),
            ),
        }

    def label(self, message: str) -> str:
        """Only the first language: for short labels (`tel.`) a bilingual edition prints once,
        and for attributes, where markup cannot go."""
        return translations(self.first).gettext(message)


def _fill(text: str, values: dict[str, object]) -> str:
    return text % values if values else text


@functools.cache
def edition(code: str) -> Edition:
    return Edition(code)
