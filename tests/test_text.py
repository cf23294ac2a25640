"""Tests for leaflets.text: folding, keys, slugs and Polish order."""

from __future__ import annotations

import random

import pytest

from leaflets.text import fold, header_key, polish_sort_key, search_key, slugify


def test_fold_strips_diacritics_and_lowercases() -> None:
    assert fold("Łódź") == "lodz"
    assert fold("ZAŻÓŁĆ GĘŚLĄ JAŹŃ") == "zazolc gesla jazn"
    assert fold("ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż") == "acelnoszz acelnoszz"


def test_header_key_folds_polish_letters_and_drops_punctuation() -> None:
    assert header_key("Zasięg rejonu") == "zasiegrejonu"
    assert header_key(" Łódź, ŻÓŁĆ! ") == "lodzzolc"
    assert header_key("Tel. kom.") == header_key("TEL KOM") == "telkom"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Bielsko-Biała", "bielsko biala"),
        ("  KOWALSKI   Jan ", "kowalski jan"),
        ("w Zielonej Górze", "w zielonej gorze"),
        ("Jana Pawła II, 12/3", "jana pawla ii 12 3"),
        ("_-_", ""),
    ],
)
def test_search_key_compares_names_word_by_word(text: str, key: str) -> None:
    assert search_key(text) == key


def test_slugify() -> None:
    assert slugify("Komisariat Policji Legnica-Śródmieście") == (
        "komisariat-policji-legnica-srodmiescie"
    )
    assert slugify("  Rejon nr 5 / Łąki  ") == "rejon-nr-5-laki"
    assert slugify("x" * 59 + " y") == "x" * 59  # cut at 60, no trailing dash


def polish_sorted(*items: str) -> list[str]:
    shuffled = list(items)
    random.Random(len(items)).shuffle(shuffled)
    return sorted(shuffled, key=polish_sort_key)


def test_polish_alphabet_order() -> None:
    alphabet = "aąbcćdeęfghijklłmnńoóprsśtuwyzźż"
    assert "".join(polish_sorted(*alphabet)) == alphabet
    assert "".join(polish_sorted(*alphabet.upper())) == alphabet.upper()


@pytest.mark.parametrize(
    "expected",
    [
        ["Ananasowa", "Ąbc", "Bankowa"],
        ["Lipowa", "Lwowska", "Łąkowa", "Mariacka"],
        ["Sienkiewicza", "Szkolna", "Śląska", "Środkowa", "Tęczowa"],
        ["Zielona", "Zygmunta", "Źródlana", "Żabia", "Żytnia"],
        ["zielona", "Zygmunta", "źródlana", "ŻABIA", "żytnia"],
        ["Cicha", "Cypriana", "Ćwiklińskiej", "Dębowa"],
        ["Nowa", "Nowy", "Nowy Świat", "Nowy Targ", "Nowych"],
        ["Dębowa", "Emile", "Émile", "Ewa", "Fabryczna"],
        ["Kowalczyk", "Kowalski", "Łukasik", "Żak"],
    ],
)
def test_polish_order(expected: list[str]) -> None:
    assert polish_sorted(*expected) == expected


def test_polish_order_ignores_case_but_not_letters() -> None:
    assert polish_sort_key("Żak")[0] == polish_sort_key("żAK")[0]
    assert polish_sort_key("Żak") > polish_sort_key("Zzz")
    assert polish_sort_key("Zak") < polish_sort_key("żak")
    # Without a pattern to ignore, nothing is left out: "ul." is letters like any other.
    assert polish_sort_key("ul. Armii")[0] != polish_sort_key("Armii")[0]
