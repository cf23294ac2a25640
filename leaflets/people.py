"""A person's cell read as a rank, a first name and a surname, and the words that say nobody
holds the post (`wakat`, `rejon nieobsadzony`, `obsługuje dzielnicowy rejonu 6`, `p.o.`).

Rosters often keep the whole person in one column: `st. asp. Jan KOWALSKI`, `KOWALSKI Jan`,
`Anna Nowak-Kowalska`. Capitals mark the surname when only part of the name is in them; else
the header's order (`Imię i nazwisko`, `Nazwisko i imię`) and a list of common Polish first
names decide, and a split they cannot settle is reported as a guess with its reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from leaflets.ranks import normalise_rank
from leaflets.text import fold

Order = Literal["imie_nazwisko", "nazwisko_imie", "dzielnicowy"]

# Common Polish first names (PESEL registry's most frequent, both genders), folded. Enough to
# tell `Kowalski Jan` from `Jan Kowalski`; a name not on the list is simply not evidence.
_GIVEN = frozenset(
    """
    adam adrian agata agnieszka aleksander aleksandra alicja amelia andrzej aneta aniela anna
    antoni antonina arkadiusz artur barbara bartlomiej bartosz beata bogdan bogumila boguslaw
    bozena cezary czeslaw damian daniel danuta dariusz dawid dominik dominika dorota edward
    edyta elzbieta emil emilia ewa ewelina filip franciszek gabriel gabriela grazyna grzegorz
    halina hanna helena henryk hubert ilona irena iwona izabela jacek jadwiga jakub jan janina
    janusz jaroslaw jerzy joanna jolanta jozef julia julian justyna kacper kamil kamila karol
    karolina katarzyna kazimierz kinga klaudia konrad krystian krystyna krzysztof lena leszek
    lucyna ludwik lukasz maciej magdalena maja malgorzata marcin marek maria marian marianna
    mariola mariusz marta marzena mateusz michal michalina mieczyslaw mikolaj milena miroslaw
    monika natalia norbert oliwia oliwer olga patrycja patryk paulina pawel piotr przemyslaw
    radoslaw rafal renata robert roman ryszard sebastian stanislaw stanislawa stefan sylwia
    szymon tadeusz teresa tomasz urszula wanda weronika wieslaw wiktor wiktoria witold
    wladyslaw wlodzimierz wojciech zbigniew zdzislaw zenon zofia zuzanna zygmunt
    """.split()  # noqa: SIM905 - a word list reads best as words
)


def is_given_name(word: str) -> bool:
    return fold(word) in _GIVEN


@dataclass(frozen=True)
class PersonReading:
    """One combined cell, read."""

    rank: str
    """The rank as written at the start (or end) of the cell, "" when none."""
    first_name: str
    surname: str
    guessed: bool
    """Where the first name ends and the surname begins is a guess."""

    @property
    def reading(self) -> str:
        """`imię Jan, nazwisko Nowak-Kowalski` (and the rank, when there is one)."""
        rank = f"stopień {self.rank}, " if self.rank else ""
        return f"{rank}imię {self.first_name}, nazwisko {self.surname}"


_GLUED_DOT = re.compile(r"\.(?=[^\W\d_])")
_NOTE = re.compile(r"\s*\([^)]*\)\s*")


def split_person(text: str, order: Order) -> PersonReading | None:
    """Rank, first name and surname of `text`; None when fewer than two name words are left
    (a surname alone cannot be split)."""
    cleaned = _NOTE.sub(" ", _GLUED_DOT.sub(". ", text)).replace(",", " ")
    words = cleaned.split()
    rank, words = _rank(words)
    if len(words) < 2:
        return None
    capitals = [i for i, w in enumerate(words) if _is_capitals(w)]
    if capitals and len(capitals) < len(words) and _contiguous(capitals):
        surname = " ".join(words[i] for i in capitals)
        first = " ".join(w for i, w in enumerate(words) if i not in capitals)
        return PersonReading(rank, first, surname, guessed=False)
    given = [is_given_name(w) for w in words]
    surname_first = order == "nazwisko_imie"
    guessed = False
    if given[-1] and not given[0]:
        guessed = not surname_first and order != "dzielnicowy"
        surname_first = True
    elif given[0] and not given[-1]:
        guessed = surname_first
        surname_first = False
    elif order == "dzielnicowy":
        guessed = True  # neither the header nor the names say which word is which
    if surname_first:
        return _reading(rank, words, first_from=_trailing_given(given), guessed=guessed)
    leading = _leading_given(given)
    guessed = guessed or (len(words) > 2 and leading != len(words) - 1)
    cut = max(1, min(leading, len(words) - 1))
    return PersonReading(rank, " ".join(words[:cut]), " ".join(words[cut:]), guessed)


def _reading(rank: str, words: list[str], first_from: int, guessed: bool) -> PersonReading:
    """Surname first: the surname is everything before `first_from`."""
    cut = min(max(1, first_from), len(words) - 1)
    unsure = guessed or (len(words) > 2 and first_from != 1)
    return PersonReading(rank, " ".join(words[cut:]), " ".join(words[:cut]), unsure)


def _leading_given(given: list[bool]) -> int:
    count = 0
    while count < len(given) and given[count]:
        count += 1
    return count


def _trailing_given(given: list[bool]) -> int:
    """Index where the run of first names at the end starts (len when there is none)."""
    start = len(given)
    while start > 0 and given[start - 1]:
        start -= 1
    return start


def _rank(words: list[str]) -> tuple[str, list[str]]:
    """The longest rank at the start of `words` (else at the end), and the words left."""
    for size in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:size])
        if normalise_rank(head) is not None:
            return head, words[size:]
    for size in range(min(4, len(words) - 1), 0, -1):
        tail = " ".join(words[-size:])
        if normalise_rank(tail) is not None:
            return tail, words[:-size]
    return "", words


def _is_capitals(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _contiguous(indexes: list[int]) -> bool:
    return indexes == list(range(indexes[0], indexes[-1] + 1))


# --- vacancies -----------------------------------------------------------------------------


@dataclass(frozen=True)
class VacancyNote:
    """What the roster says about a post nobody holds."""

    text: str
    """The words as written (`WAKAT`, `rejon nieobsadzony – obsługuje dzielnicowy rejonu 6`)."""
    covering_area: str
    """The rejon whose officer covers it, as written (`6`), "" when not named."""
    acting: bool
    """`p.o.`: someone named in the row acts in the post for now."""


_VACANT = re.compile(
    r"\bwakat(?:u|y|em)?\b|\bnieobsadzon\w*|\bnie ?obsadzon\w*|\bbrak dzielnicowego\b|\bvacat\b"
)
_ACTING = re.compile(r"(?:^|[\s(])p\.\s?o\.?(?=[\s)]|$)|\bpelniac\w* obowiazki\b")
_COVERING = re.compile(
    r"(?:obslug\w*|zastep\w*|zastepstw\w*|przejmuje|przejal|nadzoruje|prowadzi)"
    r"(?:[\s:,–-]+\w+){0,3}?[\s:,–-]+rejon\w*\s*(?:nr\.?|numer)?\s*([0-9]+[a-z]?|[ivxl]+)\b"
)


def without_acting(text: str) -> str:
    """`p.o. sierż. Jan Nowak` -> `sierż. Jan Nowak`: the name of the person acting."""
    text = re.sub(r"(?i)(?:^|(?<=[\s(]))p\.\s?o\.?(?=[\s)]|$)", " ", text)
    return " ".join(re.sub(r"\(\s*\)", " ", text).split())


def vacancy_in(texts: list[str]) -> VacancyNote | None:
    """The vacancy `texts` (a row's cells) speak of, or None."""
    for text in texts:
        folded = " ".join(fold(text).split())
        covering = _COVERING.search(folded)
        acting = _ACTING.search(folded) is not None
        if _VACANT.search(folded) or covering or acting:
            number = covering.group(1).upper() if covering else ""
            return VacancyNote(" ".join(text.split()), number, acting)
    return None
