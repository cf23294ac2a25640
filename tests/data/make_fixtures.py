"""Writes the tiny roster fixtures in tests/data/; run once, commit the files it writes.

Usage: .venv/bin/python tests/data/make_fixtures.py

All people, phones and e-mails are invented. Mobiles use the `600 997 1xx` block and e-mails the
reserved `.example` domain.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2026, 11, 1, 12, 0, 0)
NBSP = "\u00a0"


def _save(workbook: openpyxl.Workbook, path: Path) -> None:
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.save(path)

    def fix_modified(name: str, data: bytes) -> bytes:
        # openpyxl stamps "modified" with the time of saving whatever we set.
        if name != "docProps/core.xml":
            return data
        stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)

    _rezip(path, fix_modified)


def cp1250_semicolon() -> None:
    """Polish Excel's "CSV (rozdzielany średnikami)": Windows-1250, `;`, a quoted `;` inside."""
    text = (
        "rejon;stopień;imię;nazwisko;telefon;e-mail;ulice\r\n"
        "Rejon nr 1;sierż. szt.;Łukasz;MAŁEK;600 997 100;l.malek@policja.example;"
        '"ul. Wodzisławska; ul. Rybnicka"\r\n'
        "Rejon nr 2;mł.asp.;Żaneta;Śliwińska;600 997 101;;ul. Źródlana\r\n"
    )
    (HERE / "cp1250-srednik.csv").write_bytes(text.encode("cp1250"))


def utf8_bom_comma() -> None:
    """UTF-8 with BOM, `,` separators, a quoted comma and an NBSP-padded surname."""
    text = (
        "Nr rejonu,Imię,Nazwisko,Tel. kom.,Ulice\n"
        f'05,Anna,{NBSP}Nowak{NBSP},+48 600 997 102,"ul. Folwarecka 3, 5, 7a"\n'
        "7,Jan,Kowalski,600-997-103,Bieniowice\n"
    )
    (HERE / "utf8-bom-przecinek.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def title_and_merged() -> None:
    """A title in A1, the header on row 3, `rejon` (the number 5) merged over rows 4-6, one
    phone stored as an integer and one as the float 6.00997123E8."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "KP I"
    sheet["A1"] = "Wykaz dzielnicowych KMP Legnica (stan na 1.11.2026)"
    sheet.append([])
    sheet.append(["Rejon", "Stopień", "Imię", "Nazwisko", "Telefon"])
    sheet.append([5, "sierż.", "Marek", "Zając", 600997123])
    sheet.append([None, "asp.", "Ewa", "Lis", 600997124])  # becomes 6.00997123E8 below
    sheet.append([None, "post.", "Piotr", f"Wróbel{NBSP}", "600 997 125"])
    sheet.append([6, "st. asp.", "Ola", "Sowa", "600 997 126"])
    sheet.merge_cells("A4:A6")
    path = HERE / "tytul-scalone.xlsx"
    _save(workbook, path)
    # openpyxl writes floats in plain notation; Excel and LibreOffice sometimes write a phone
    # typed as a number in exponent form, so put that form into the XML by hand.
    _rewrite_member(path, "xl/worksheets/sheet1.xml", "<v>600997124</v>", "<v>6.00997123E8</v>")


def _rewrite_member(path: Path, member: str, old: str, new: str) -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name != member:
            return data
        text = data.decode("utf-8")
        assert text.count(old) == 1, f"{old!r} not found once in {member}"
        return text.replace(old, new).encode("utf-8")

    _rezip(path, edit)


def _rezip(path: Path, edit: Callable[[str, bytes], bytes] = lambda _name, data: data) -> None:
    """Rewrite a zip-based file with fixed member dates, so reruns give identical bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w") as target:
            for info in source.infolist():
                fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
                # ODF wants its first member, "mimetype", stored uncompressed.
                fixed.compress_type = info.compress_type
                target.writestr(fixed, edit(info.filename, source.read(info.filename)))
        shutil.copyfile(copy, path)


def ods_sheet() -> None:
    frame = pd.DataFrame(
        {
            "Rejon służbowy": [3, 4],
            "Stopień": ["asp. szt.", "st. post."],
            "Imię": ["Karol", "Iga"],
            "Nazwisko": ["Wilk", "Kruk"],
            "Telefon komórkowy": [600997104, 600997105],
            "E-mail": ["k.wilk@policja.example", ""],
        }
    )
    path = HERE / "arkusz.ods"
    frame.to_excel(path, engine="odf", sheet_name="Rejony", index=False)
    _rezip(path)


def mixed() -> None:
    """Two sheets; good rows and one of each common mistake."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "KP I"
    header = ["rejon", "stopień", "imię", "nazwisko", "telefon", "e-mail", "Uwagi"]
    first.append(header)
    first.append(["1", "asp.", "Adam", "Mazur", "600 997 111", "a.mazur@policja.example", ""])
    first.append(["2", "asp.", "Beata", "Nowicka", None, "", "brak telefonu"])
    first.append(["3", "asp.", "Cezary", "Pawlak", "12345", "", ""])
    second = workbook.create_sheet("KP II")
    second.append(header)
    second.append(["4", "sierż.", "Dorota", "Kaczmarek", "600 997 114", "d.kaczmarek@", ""])
    second.append(["5", "kapitan", "Edward", "Zieliński", "600 997 115", "", ""])
    second.append(["6", "st. sierż.", "Felicja", "Król", "600 997 116", "", ""])
    _save(workbook, HERE / "mieszane.xlsx")


def missing_column() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Arkusz1"
    sheet.append(["rejon", "imię", "nazwisko", "Telefn"])
    sheet.append(["1", "Adam", "Mazur", "600 997 111"])
    _save(workbook, HERE / "brak-kolumny.xlsx")


def not_a_spreadsheet() -> None:
    (HERE / "nie-arkusz.xlsx").write_text("To jest zwykły tekst, nie arkusz.\n", encoding="utf-8")


def encrypted() -> None:
    """An encrypted .xlsx is an OLE2 compound file: it starts with D0 CF 11 E0 A1 B1 1A E1."""
    magic = bytes.fromhex("D0CF11E0A1B11AE1")
    (HERE / "zaszyfrowany.xlsx").write_bytes(magic + bytes(range(56)))


def zip_bomb() -> None:
    """A renamed zip whose one member inflates 1000-fold: refused before any parser sees it."""
    path = HERE / "bomba.xlsx"
    info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=FIXED_TIME.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(info, b"\0" * (20 * 1024 * 1024))


def hostile() -> None:
    """Markup, script and CSS in cells, a photo path escaping the folder, formula text."""
    text = (
        "Rejon;Imię;Nazwisko;Telefon;Ulice;Zdjęcie;Dyżur\n"
        "1;<b>Jan</b>;Nowak<script>alert(1)</script>;600 997 120;"
        "<style>*{display:none}</style>ul. Polna;../../etc/passwd;=1+1\n"
        '2;Anna;<img src="https://example.com/x.png">;600 997 121;ul. Leśna;/etc/hosts;\n'
    )
    (HERE / "wrogie.csv").write_text(text, encoding="utf-8")


def empty_csv() -> None:
    (HERE / "pusty.csv").write_bytes(b"")


def main() -> None:
    cp1250_semicolon()
    utf8_bom_comma()
    title_and_merged()
    ods_sheet()
    mixed()
    missing_column()
    not_a_spreadsheet()
    encrypted()
    empty_csv()
    zip_bomb()
    hostile()
    for path in sorted(HERE.iterdir()):
        if path.suffix != ".py":
            print(f"{path.stat().st_size:>6}  {path.name}")


if __name__ == "__main__":
    main()
