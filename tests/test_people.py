"""Tests for leaflets.people: a combined person cell split into rank, first name and surname
(issue 15, item 2), and the words that say a post is vacant (item 4)."""

from __future__ import annotations

import pytest

from leaflets.people import PersonReading, split_person, vacancy_in, without_acting


@pytest.mark.parametrize(
    ("text", "order", "rank", "first", "surname"),
    [
        ("st. asp. Jan KOWALSKI", "imie_nazwisko", "st. asp.", "Jan", "KOWALSKI"),
        ("KOWALSKI Jan", "imie_nazwisko", "", "Jan", "KOWALSKI"),  # capitals beat the header
        ("sierż. szt. Mariusz MAŁEK", "dzielnicowy", "sierż. szt.", "Mariusz", "MAŁEK"),
        ("MAŁEK Mariusz", "dzielnicowy", "", "Mariusz", "MAŁEK"),
        ("mł.asp. Mikołaj WIDENKA", "dzielnicowy", "mł. asp.", "Mikołaj", "WIDENKA"),
        ("st.asp.Jan Nowak", "imie_nazwisko", "st. asp.", "Jan", "Nowak"),  # glued dots
        ("starszy aspirant Tomasz Wójcik", "imie_nazwisko", "starszy aspirant", "Tomasz", "Wójcik"),
        ("Jan Nowak, st. asp.", "imie_nazwisko", "st. asp.", "Jan", "Nowak"),  # rank at the end
        ("Anna Nowak-Kowalska", "imie_nazwisko", "", "Anna", "Nowak-Kowalska"),
        ("Jan Maria ROKITA", "imie_nazwisko", "", "Jan Maria", "ROKITA"),  # two first names
        ("Jan Maria Rokita", "imie_nazwisko", "", "Jan Maria", "Rokita"),
        ("Anna MAZUR NOWAK", "imie_nazwisko", "", "Anna", "MAZUR NOWAK"),  # two-word surname
        ("Nowak Anna", "nazwisko_imie", "", "Anna", "Nowak"),
        ("Brzęczyszczykiewicz Grzegorz", "dzielnicowy", "", "Grzegorz", "Brzęczyszczykiewicz"),
    ],
)
def test_a_person_cell_is_split_without_guessing(
    text: str, order: str, rank: str, first: str, surname: str
) -> None:
    assert split_person(text, order) == PersonReading(rank, first, surname, guessed=False)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "order", "reading"),
    [
        # The header says surname first, but `Jan` is a first name: a guess, said as read.
        ("Jan Nowak-Kowalski", "nazwisko_imie", "imię Jan, nazwisko Nowak-Kowalski"),
        ("Kowalski Jan", "imie_nazwisko", "imię Jan, nazwisko Kowalski"),
        # Neither the header nor the names say which word is which.
        ("Zbyszko Bogdaniec", "dzielnicowy", "imię Zbyszko, nazwisko Bogdaniec"),
        (
            "st. post. Zbyszko Bogdaniec",
            "dzielnicowy",
            "stopień st. post., imię Zbyszko, nazwisko Bogdaniec",
        ),
    ],
)
def test_a_guessed_split_says_how_it_was_read(text: str, order: str, reading: str) -> None:
    found = split_person(text, order)  # type: ignore[arg-type]
    assert found is not None
    assert found.guessed
    assert found.reading == reading


def test_one_word_cannot_be_split() -> None:
    assert split_person("Nowak", "imie_nazwisko") is None
    assert split_person("sierż. Nowak", "imie_nazwisko") is None


@pytest.mark.parametrize(
    ("texts", "covering", "acting"),
    [
        (["WAKAT"], "", False),
        (["wakat"], "", False),
        (["rejon nieobsadzony"], "", False),
        (["Rejon nieobsadzony – obsługuje dzielnicowy rejonu 6"], "6", False),
        (["obsługuje dzielnicowy rejonu nr 4"], "4", False),
        (["Rejon obsługiwany przez dzielnicowego rejonu 12"], "12", False),
        (["zastępstwo: rejon IV"], "IV", False),
        (["p.o. sierż. Jan Nowak"], "", True),
        (["", "sierż. Jan Nowak (p.o.)"], "", True),
    ],
)
def test_vacancy_words(texts: list[str], covering: str, acting: bool) -> None:
    note = vacancy_in(texts)
    assert note is not None
    assert (note.covering_area, note.acting) == (covering, acting)


@pytest.mark.parametrize("text", ["Jan Nowak", "st. asp. Anna Pośpiech", "Wakatowski Jan"])
def test_a_name_is_no_vacancy(text: str) -> None:
    assert vacancy_in([text]) is None  # whole words only: `Wakatowski` is a surname


def test_the_acting_mark_is_taken_off_the_name() -> None:
    assert without_acting("p.o. sierż. Jan Nowak") == "sierż. Jan Nowak"
    assert without_acting("sierż. Jan Nowak (p.o.)") == "sierż. Jan Nowak"
