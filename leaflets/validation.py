"""Raw rows -> validated records and problems; one bad row never hides the next."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from leaflets import cells
from leaflets.cells import RowCheck
from leaflets.columns import COMBINED, TRANSLATED_LANGUAGES, column_letter
from leaflets.config import LeafletConfig
from leaflets.people import VacancyNote, split_person, vacancy_in, without_acting
from leaflets.phones import Phone, parse_phone
from leaflets.problems import Problem, RowRef, Severity
from leaflets.roster import RawRow, UnitHint
from leaflets.text import fold

__all__ = [
    "Officer",
    "Phone",
    "Record",
    "Vacancy",
    "Validated",
    "column_letter",
    "normalise_area",
    "normalise_name",
    "parse_phone",
    "validate",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Officer:
    """A dzielnicowy as a roster row gives them."""

    rank: str
    first_name: str
    surname: str
    phone: Phone
    landline: Phone | None
    email: str
    duty: str
    photo: Path | None
    written: str = ""
    """The roster's cell as typed when rank and names came from one column
    (`st. asp. Jan KOWALSKI`): kept in the manifest."""
    duty_translations: tuple[tuple[str, str], ...] = ()
    """(language, text) from the translated columns (`Dyżur (uk)`)."""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.surname}"

    @property
    def key(self) -> tuple[str, str]:
        return fold(self.first_name), fold(self.surname)


@dataclass(frozen=True)
class AreaRow:
    """What every row that makes an area gives: where it is, its unit and its area."""

    where: RowRef
    unit: str
    unit_address: str
    unit_phone: Phone | None
    area: str
    area_name: str
    town: str


@dataclass(frozen=True)
class Record(AreaRow):
    """One accepted roster row, every value cleaned and checked."""

    officer: Officer
    description: str
    numbers: str
    priority: str
    priority_translations: tuple[tuple[str, str], ...] = ()
    """(language, text) from the translated columns (`Działania priorytetowe (en)`)."""
    unit_source: str = ""
    """Where the unit came from: `wiersz` (the row's own column), `tytul`, `arkusz`,
    `naglowek` (the sheet), `konfiguracja`, or "" when there is none."""


@dataclass(frozen=True)
class Vacancy(AreaRow):
    """A roster row for a post nobody holds (`wakat`, `rejon nieobsadzony`, `p.o.`): its
    area stays in the street index and in `find`, with no leaflet for a person who does not
    exist."""

    note: str
    """The roster's words, as written."""
    covering_area: str
    """The rejon whose officer covers it (`6`), "" when the roster does not say."""
    acting: Officer | None
    """The officer named in the row as acting in the post (`p.o.`)."""
    description: str
    numbers: str
    priority: str


@dataclass(frozen=True)
class Validated:
    records: tuple[Record, ...]
    problems: tuple[Problem, ...]
    vacancies: tuple[Vacancy, ...] = ()


def normalise_area(text: str) -> str:
    """`Rejon nr 5`, `5`, `05`, `rejon służbowy nr 5` -> `5`; other ids (`5A`, `Łąka`) are
    kept as typed, minus the `Rejon nr` words (grouping compares them case-insensitively)."""
    rest = _AREA_PREFIX.sub("", " ".join(text.split()))
    if rest.isdigit():
        return str(int(rest))
    if rest[:1].isdigit():
        return rest.upper()  # "5a" and "5A" are one area, printed "5A"
    return rest or text.strip()


_AREA_PREFIX = re.compile(r"^(rejon(\s+s[łl]u[żz]bowy)?)?\s*(nr|numer)?\.?\s*", re.IGNORECASE)


def normalise_name(text: str) -> str:
    """Trim, and turn an all-capitals or all-lower-case name (`MAŁEK`, `nowak-kowalska`,
    `dąbrowska`) into `Małek`, `Nowak-Kowalska`, `Dąbrowska`."""
    name = " ".join(text.split())
    if len(name) > 1 and (name.isupper() or (name.islower() and _NAME.match(name))):
        return name.title()
    return name


_NAME = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")
"""A name only of letters (a lower-case text with anything else is left as typed)."""


def validate(
    rows: tuple[RawRow, ...],
    config: LeafletConfig,
    base_dirs: Mapping[str, Path],
    *,
    strict: bool = False,
) -> Validated:
    """`strict`: an unknown rank is an error (the rank would be missing from the leaflet)."""
    records: list[Record] = []
    vacancies: list[Vacancy] = []
    problems: list[Problem] = []
    hinted: set[UnitHint] = set()
    for row in rows:
        checked = RowCheck(row, config=config, strict=strict)
        record = _validate_row(checked, base_dirs[row.where.file])
        problems.extend(checked.problems)
        hint = checked.hint_used
        if hint is not None and hint not in hinted and (record is not None or checked.vacancy):
            hinted.add(hint)
            problems.append(_hint_problem(hint))
        if isinstance(record, Record):
            records.append(record)
        elif isinstance(record, Vacancy):
            vacancies.append(record)
    return Validated(tuple(records), tuple(problems), tuple(vacancies))


def _hint_problem(hint: UnitHint) -> Problem:
    source = {
        "tytul": "z tytułu nad tabelą",
        "arkusz": "z nazwy arkusza",
        "naglowek": "z nagłówka w tabeli",
    }[hint.source]
    return Problem(
        Severity.WARNING,
        "jednostka-z-arkusza",
        f"wiersze nie podają jednostki — przyjęto „{hint.name}” {source}",
        hint.where,
        "jednostka",
        hint.written,
    )


_MISSING = {
    "rejon": ("brak-rejonu", "brak numeru rejonu"),
    "imie": ("brak-imienia", "brak imienia"),
    "nazwisko": ("brak-nazwiska", "brak nazwiska"),
    "telefon": ("brak-telefonu", "brak numeru telefonu"),
}


def _validate_row(row: RowCheck, base_dir: Path) -> Record | Vacancy | None:
    raw, config = row.raw, row.config
    if not _whole_row(row):
        return None
    combined = _combined(row)
    note = _vacancy_note(row, combined)
    if note is not None:
        return _vacancy(row, note, combined, base_dir)
    if combined and not (row.raw.get("imie") and row.raw.get("nazwisko")):
        _split(row, combined)
    for column, (code, message) in _MISSING.items():
        if not row.get(column) and not (column in ("imie", "nazwisko") and combined):
            row.report(Severity.ERROR, code, column, message)
    phone, landline = cells.phones(row)
    unit_phone = cells.optional_phone(row, "telefon_jednostki") or (
        parse_phone(config.unit.phone) if config.unit.phone else None
    )
    email = cells.email(row)
    rank = cells.rank(row)
    photo = cells.photo(row, base_dir)
    if row.rejected or phone is None:
        return None
    return Record(
        where=raw.where,
        unit=_unit(row),
        unit_address=row.get("adres_jednostki") or config.unit.address,
        unit_phone=unit_phone,
        area=normalise_area(row.get("rejon")),
        area_name=_area_name(row.get("obszar"), row.get("rejon")),
        town=row.get("miejscowosc"),
        officer=Officer(
            rank=rank,
            first_name=normalise_name(row.get("imie")),
            surname=normalise_name(row.get("nazwisko")),
            phone=phone,
            landline=landline,
            email=email,
            duty=row.get("dyzur"),
            photo=photo,
            duty_translations=_translations(row, "dyzur"),
            written=combined,
        ),
        description=row.get("ulice"),
        numbers=row.get("numery"),
        priority=row.get("dzialania_priorytetowe"),
        priority_translations=_translations(row, "dzialania_priorytetowe"),
        unit_source=_unit_source(row),
    )


def _translations(row: RowCheck, column: str) -> tuple[tuple[str, str], ...]:
    """The row's translated cells of `column` (`dyzur_uk`, `dyzur_en`) as (language, text)."""
    found = ((language, row.get(f"{column}_{language}")) for language in TRANSLATED_LANGUAGES)
    return tuple((language, text) for language, text in found if text)


def _area_name(name: str, number: str) -> str:
    """The area's name, unless it only repeats the number (`Rejon 1` for rejon 1: journey P16
    printed `REJON NR 1 · Rejon 1`)."""
    return "" if name and normalise_area(name) == normalise_area(number) else name


def _unit_source(row: RowCheck) -> str:
    if row.raw.get("jednostka"):
        return "wiersz"
    if row.hint_used is not None:
        return row.hint_used.source
    return "konfiguracja" if row.config.unit.name else ""


def _unit(row: RowCheck) -> str:
    """The row's own unit, else the sheet's (title row, a unit-like sheet name, a heading in
    the table), else `[jednostka] nazwa`, else any other sheet name; "" when none."""
    own = row.raw.get("jednostka")
    if own:
        return own
    hint = row.raw.unit
    configured = row.config.unit.name
    if hint is not None and (hint.certain or not configured):
        row.hint_used = hint
        return hint.name
    return configured


def _combined(row: RowCheck) -> str:
    return next((row.raw.get(name) for name in COMBINED if row.raw.get(name)), "")


def _split(row: RowCheck, text: str) -> None:
    """Rank, first name and surname from a combined column; a guess is said with its reading."""
    order = next(name for name in COMBINED if row.raw.get(name) == text)
    reading = split_person(text, order)  # type: ignore[arg-type]
    if reading is None:
        row.report(
            Severity.ERROR,
            "niepelne-imie-nazwisko",
            "imie",
            "w komórce nie ma imienia i nazwiska (potrzebne oba słowa) — uzupełnij",
            text,
        )
        return
    row.split = {"imie": reading.first_name, "nazwisko": reading.surname}
    if reading.rank and not row.raw.get("stopien"):
        row.split["stopien"] = reading.rank
    if reading.guessed:
        row.report(
            Severity.WARNING,
            "imie-nazwisko-zgadniete",
            "imie",
            f"odczytano: {reading.reading} — jeśli to nie tak, wpisz imię i nazwisko w osobnych"
            " kolumnach „Imię” i „Nazwisko”",
            text,
        )


def _vacancy_note(row: RowCheck, combined: str) -> VacancyNote | None:
    """The row's words for a post nobody holds. The name and phone cells speak for the row;
    the remarks (`Uwagi`) only when the row names nobody, so `obsługuje też rejon 5` beside
    an officer's name is a remark, not a vacancy."""
    names = combined or " ".join(filter(None, (row.raw.get("imie"), row.raw.get("nazwisko"))))
    note = vacancy_in([names, row.raw.get("telefon"), row.raw.get("stopien")])
    if note is None and not names:
        note = vacancy_in(list(row.raw.remarks))
    if note is None:
        return None
    remark = vacancy_in(list(row.raw.remarks)) if not note.covering_area else None
    if remark is not None and remark.covering_area:
        # `wakat` as the name, `obsługuje dzielnicowy rejonu 8` in the remarks.
        text = f"{note.text} – {remark.text}"
        note = replace(note, text=text, covering_area=remark.covering_area)
    if not names and not note.acting and not row.raw.get("rejon"):
        return None  # a remark in a row with nothing else: validation reports the row
    return note


def _vacancy(row: RowCheck, note: VacancyNote, combined: str, base_dir: Path) -> Vacancy | None:
    """A vacant post: its area is kept, with the officer acting in it when the row names one."""
    row.vacancy = True
    raw, config = row.raw, row.config
    if not raw.get("rejon"):
        row.report(Severity.ERROR, "brak-rejonu", "rejon", "brak numeru rejonu")
        return None
    acting = _acting(row, note, combined, base_dir) if note.acting else None
    unit_phone = cells.optional_phone(row, "telefon_jednostki") or (
        parse_phone(config.unit.phone) if config.unit.phone else None
    )
    area = normalise_area(raw.get("rejon"))
    covering = normalise_area(note.covering_area) if note.covering_area else ""
    if acting is not None:
        said = f"obsługuje go {acting.rank} {acting.name}".replace("  ", " ")
    elif covering:
        said = f"obsługuje go dzielnicowy rejonu {covering}"
    else:
        said = "w skorowidzu ulic i w wyszukiwarce z telefonem jednostki"
    row.report(
        Severity.INFO,
        "wakat",
        "",
        f"rejon {area} nieobsadzony — bez ulotki; {said}",
        note.text,
    )
    return Vacancy(
        where=raw.where,
        unit=_unit(row),
        unit_address=raw.get("adres_jednostki") or config.unit.address,
        unit_phone=unit_phone,
        area=area,
        area_name=_area_name(raw.get("obszar"), raw.get("rejon")),
        town=raw.get("miejscowosc"),
        note=note.text,
        covering_area=covering,
        acting=acting,
        description=raw.get("ulice"),
        numbers=raw.get("numery"),
        priority=raw.get("dzialania_priorytetowe"),
    )


def _acting(row: RowCheck, note: VacancyNote, combined: str, base_dir: Path) -> Officer | None:
    """The officer a `p.o.` row names, when the row gives a name and a phone."""
    text = without_acting(combined or f"{row.raw.get('imie')} {row.raw.get('nazwisko')}")
    reading = split_person(text, "dzielnicowy")
    if reading is None or not row.raw.get("telefon"):
        return None
    if not row.raw.get("stopien") and reading.rank:
        row.split["stopien"] = reading.rank
    phone, landline = cells.phones(row)
    if phone is None:
        return None
    return Officer(
        rank=cells.rank(row),
        first_name=normalise_name(reading.first_name),
        surname=normalise_name(reading.surname),
        phone=phone,
        landline=landline,
        email=cells.email(row),
        duty=row.get("dyzur"),
        photo=cells.photo(row, base_dir),
        written=combined,
    )


def _whole_row(row: RowCheck) -> bool:
    """False when the row cannot be read as a whole: more CSV fields than the header, or data
    only in columns the tool does not know, or a cell cut at the length limit (the roster
    reported it). Text in a column without a header is reported."""
    if row.raw.too_long:
        return False
    stray = row.raw.stray
    if stray:
        csv_file = not row.raw.where.sheet
        shown = ", ".join(
            f"{'pole' if csv_file else 'kolumna'} {col if csv_file else column_letter(col)}:"
            f" „{text}”"
            for col, text in stray
        )
        if csv_file:
            # More fields than the header: most often the separator typed inside a cell,
            # which shifts every later cell into the wrong column. Refused, not guessed.
            row.report(
                Severity.ERROR,
                "za-duzo-pol",
                "",
                f"wiersz ma więcej pól niż nagłówek ({shown}) — jeśli tekst komórki zawiera"
                " separator, ujmij całą komórkę w cudzysłów; wiersz pominięty",
            )
            return False
        row.report(
            Severity.WARNING,
            "kolumna-bez-naglowka",
            "",
            f"dane w kolumnie bez nagłówka ({shown}) — nie trafią na ulotkę",
        )
    if not row.raw.cells:
        row.report(
            Severity.ERROR,
            "tylko-nieznane-kolumny",
            "",
            "wiersz ma dane tylko w nierozpoznanych kolumnach — pominięty",
        )
        return False
    return True
