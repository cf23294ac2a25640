"""`leaflets find`, `build --adres`, overlap warnings and the street index (skorowidz)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from leaflets import cli, pipeline
from leaflets.config import Settings
from leaflets.errors import NotFoundError, UsageError
from leaflets.output.paths import unit_folder
from leaflets.streets import street_sort_key
from tests.helpers import SAMPLE, Built, pdf_text


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def test_find_by_address_prints_area_and_officer() -> None:
    result = _invoke("find", str(SAMPLE), "--adres", "ul. Chojnowska 80, Legnica")
    assert result.exit_code == 0
    assert result.output.splitlines()[:3] == [
        "Rejon nr 1 — Zakaczawie, Komisariat Policji Legnica-Śródmieście (jednostka fikcyjna)",
        "  obejmuje: ul. Chojnowska (parzyste 72–152, nieparzyste 71–105)",
        "  sierż. szt. Łukasz Kowalczyk, tel. 723 000 114, "
        "lukasz.kowalczyk@legnica.policja.example",
    ]


def test_find_json_shape() -> None:
    result = _invoke("find", str(SAMPLE), "--adres", "Chojnowska 81", "--json")
    assert result.exit_code == 0
    assert json.loads(result.output)["matches"] == [
        {
            "unit": "Komisariat Policji Legnica-Śródmieście (jednostka fikcyjna)",
            "area": "1",
            "area_name": "Zakaczawie",
            "officers": [
                {
                    "rank": "sierż. szt.",
                    "name": "Łukasz Kowalczyk",
                    "phone": "723 000 114",
                    "email": "lukasz.kowalczyk@legnica.policja.example",
                }
            ],
            "covered_by": "ul. Chojnowska (parzyste 72–152, nieparzyste 71–105)",
            "certainty": "exact",
            "approximate": False,
        }
    ]


def test_find_an_unknown_street_suggests_similar_ones() -> None:
    result = _invoke("find", str(SAMPLE), "--adres", "Chojnowskaja 80")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Nie znaleziono: „Chojnowskaja 80”.",
        "Nie ma w wykazie ulicy ani miejscowości „Chojnowskaja”.",
        "Czy chodziło o: ul. Chojnowska?",
    ]
    found = json.loads(_invoke("find", str(SAMPLE), "--adres", "Chojnowskaja 80", "--json").output)
    assert found == {
        "query": "Chojnowskaja 80",
        "reason": "no_such_street",
        "message": "Nie ma w wykazie ulicy ani miejscowości „Chojnowskaja”.",
        "suggestions": ["ul. Chojnowska"],
        "matches": [],
    }


def test_find_a_number_the_street_does_not_cover_says_which_parts_are() -> None:
    result = _invoke("find", str(SAMPLE), "--adres", "ul. Chojnowska 200, Legnica")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Nie znaleziono: „ul. Chojnowska 200, Legnica”.",
        "ul. Chojnowska jest w wykazie, ale numer 200 nie należy do żadnego rejonu: "
        "rejon 1 — parzyste 72–152, nieparzyste 71–105",
    ]


def test_find_a_typo_finds_the_street_and_says_so() -> None:
    result = _invoke("find", str(SAMPLE), "--adres", "Chojnowsk 80")
    assert result.exit_code == 0
    assert result.output.splitlines()[1:3] == [
        "  obejmuje: ul. Chojnowska (parzyste 72–152, nieparzyste 71–105)",
        "  (nazwa ulicy dopasowana w przybliżeniu — sprawdź pisownię)",
    ]


def test_find_by_name_ignores_case_and_polish_letters() -> None:
    result = _invoke("find", str(SAMPLE), "--nazwisko", "jablonski", "--json")
    assert result.exit_code == 0
    found = json.loads(result.output)["matches"]
    assert [m["area"] for m in found] == ["4", "6"]
    assert {m["officers"][0]["name"] for m in found} == {"Marek Jabłoński"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "podaj dokładnie jedno: --adres albo --nazwisko."),
        (("--adres", "12"), "nie rozumiem adresu „12” — podaj go jak na kopercie,"),
    ],
)
def test_find_bad_usage_exits_2(args: tuple[str, ...], message: str) -> None:
    result = _invoke("find", str(SAMPLE), *args)
    assert result.exit_code == 2
    assert message in result.output


def test_build_for_one_address_renders_only_its_area(tmp_path: Path) -> None:
    settings = Settings(
        rosters=(SAMPLE,), out=tmp_path, formats=("ulotka-a5",), address="Chojnowska 80, Legnica"
    )
    report = pipeline.run(settings)
    assert [a.number for a in report.areas] == ["1"]
    assert sorted(p.parent.name for p in tmp_path.rglob("ulotka-a5.pdf")) == ["rejon-1-zakaczawie"]


def test_build_for_an_address_nobody_covers(tmp_path: Path) -> None:
    settings = Settings(rosters=(SAMPLE,), out=tmp_path, address="ul. Chojnowska 999, Legnica")
    with pytest.raises(NotFoundError, match="żaden rejon nie obejmuje adresu"):
        pipeline.run(settings)
    with pytest.raises(UsageError):
        pipeline.run(Settings(rosters=(SAMPLE,), out=tmp_path, address="???"))


def test_overlapping_areas_are_a_check_warning(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text(
        "Jednostka;Rejon;Imię;Nazwisko;Telefon;Ulice\n"
        "KP;1;Jan;Nowak;723 645 827;ul. Polna 1-40\n"
        "KP;2;Anna;Lis;723 645 828;ul. Polna (parzyste od 30)\n",
        encoding="utf-8",
    )
    report = pipeline.run(Settings(rosters=(roster,)), write=False)
    overlaps = [p for p in report.problems if "dwóch rejonów" in p.message]
    assert [(p.where.row if p.where else 0, p.message) for p in overlaps] == [
        (
            3,
            "ul. Polna, numery parzyste 30–40: adres należy do dwóch rejonów — "
            "rejon 1 (KP) i rejon 2 (KP)",
        )
    ]


def test_street_index_is_in_polish_order_with_every_street(built: Built) -> None:
    unit = unit_folder(built.report.areas[0].unit)
    path = built.out / unit / "skorowidz-ulic.pdf"
    assert len(PdfReader(path).pages) >= 2
    text = pdf_text(path)
    names = [
        line.strip()
        for line in text.splitlines()
        if line.strip().startswith(("ul. ", "al. ", "pl. ", "os. "))
    ]
    keys = [street_sort_key(n) for n in names]
    assert keys == sorted(keys), "streets out of Polish alphabetical order"
    flat = " ".join(text.split())
    for area in built.report.areas:
        for line in area.lines:
            if line.coverage is not None and line.coverage.kind == "street":
                assert line.coverage.name in flat, line.coverage.name
        for officer in area.officers:
            assert officer.phone.national in flat
    # Polish order: Łużycka-style names after L, Ś after S, Ż after Z.
    assert flat.index("ul. Lubińska") < flat.index("ul. Łąkowa")


def test_find_says_when_a_street_is_only_partly_in_the_area_or_not_understood(
    tmp_path: Path,
) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text(
        "Jednostka;Rejon;Imię;Nazwisko;Telefon;Miejscowość;Ulice\n"
        'KP;1;Jan;Nowak;723 645 827;Legnica;"ul. Długa od ul. Mickiewicza do ul. Kościuszki"\n'
        'KP;2;Anna;Lis;723 645 828;Legnica;"Bogucką (lewa strona za czwórką szkołą)"\n',
        encoding="utf-8",
    )
    part = _invoke("find", str(roster), "--adres", "Długa 5, Legnica")
    assert part.exit_code == 0
    assert part.output.splitlines()[:2] == [
        "Rejon nr 1, KP",
        "  obejmuje: ul. Długa — część: od ul. Mickiewicza do ul. Kościuszki",
    ]
    unsure = _invoke("find", str(roster), "--adres", "Bogucka 5, Legnica", "--json")
    [match] = json.loads(unsure.output)["matches"]
    assert (match["area"], match["certainty"]) == ("2", "unsure")
    text = _invoke("find", str(roster), "--adres", "Bogucka 5, Legnica").output.splitlines()
    assert text[1] == (
        "  opis rejonu nie został w pełni zrozumiany: „Bogucką (lewa strona za czwórką szkołą)”"
    )
