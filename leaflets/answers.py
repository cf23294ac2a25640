"""`find`'s answers: the areas covering an address, or the officers matching a name, over
areas already read (the CLI's `find`, the web app's search)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from leaflets import limits
from leaflets.areas import Area, find_officers
from leaflets.errors import UsageError
from leaflets.output.manifest import officer_json
from leaflets.streets import Address, answer_address, parse_address
from leaflets.validation import Officer


def find_in(
    areas: Sequence[Area], *, address: str = "", name: str = "", parsed: Address | None = None
) -> Found:
    """`find` over areas already read (the web app keeps a roster's areas between searches):
    by `address` (parsed, unless `parsed` is given; UsageError when it cannot be) or else
    by `name`."""
    if address and parsed is None:
        parsed = parse_address_or_refuse(address)
    if parsed is None:
        officers = find_officers(areas, name)
        matches = [
            FoundArea(area, (match.officer,), None) for match in officers for area in match.areas
        ]
        return Found(name, matches, [], "found" if matches else "no_such_person")
    answer = answer_address(areas, parsed)
    matches = [_found(m.area, m.line.text, m.certainty, m.approximate) for m in answer.matches]
    return Found(address, matches, list(answer.suggestions), answer.reason, answer.message)


def short_query(text: str) -> None:
    """A typed address or name has a length limit: a 60 kB query took 61 s to answer."""
    if len(text) > limits.MAX_QUERY_CHARS:
        raise UsageError(
            f"Zapytanie ma {len(text)} znaków (limit {limits.MAX_QUERY_CHARS}) — podaj sam adres"
            " albo nazwisko."
        )


def parse_address_or_refuse(text: str) -> Address:
    short_query(text)
    parsed = parse_address(text)
    if parsed is None:
        raise UsageError(
            f"nie rozumiem adresu „{text}” — podaj go jak na kopercie, "
            "np. „ul. Chojnowska 12, Legnica”."
        )
    return parsed


def _found(area: Area, line: str, certainty: str, approximate: bool) -> FoundArea:
    """An area covering the address: its officers, or for a vacant one who covers it."""
    vacancy = area.vacancy
    if vacancy is None:
        return FoundArea(area, area.officers, line, certainty, approximate)
    return FoundArea(
        area,
        vacancy.covering,
        line,
        certainty,
        approximate,
        vacant=True,
        covering_area=vacancy.covering_area,
    )


@dataclass(frozen=True)
class FoundArea:
    area: Area
    officers: tuple[Officer, ...]
    """The area's officers; for a vacant area, those covering it (none: call the unit)."""
    covered_by: str | None
    """The description segment that matched the address (None for a name search)."""
    certainty: str = "exact"
    """`part`: the street is only partly in the area; `unsure`: the line was not understood."""
    approximate: bool = False
    """The street's name matched with a typo or a first name left out or added."""
    vacant: bool = False
    """Nobody holds the area (`wakat`): `officers` are those covering it."""
    covering_area: str = ""
    """The rejon whose officers cover a vacant area, "" when none is named."""

    @property
    def unit_phone(self) -> str:
        phone = self.area.unit.phone
        return phone.national if phone else ""


@dataclass(frozen=True)
class Found:
    query: str
    matches: list[FoundArea]
    suggestions: list[str]
    """Nearest street names when an address matched nothing."""
    reason: str = "found"
    """`found`, `number_not_covered`, `no_such_street`, `no_such_person`."""
    message: str = ""
    """Polish: why nothing was found (the street's parts when only the number is not)."""

    @property
    def exit_code(self) -> int:
        return 0 if self.matches else 1

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "reason": self.reason,
            "message": self.message,
            "suggestions": self.suggestions,
            "matches": self._matches_json(),
        }

    def _matches_json(self) -> list[dict[str, Any]]:
        return [
            {
                "unit": m.area.unit.name,
                "area": m.area.number,
                "area_name": m.area.name,
                "officers": [officer_json(o) for o in m.officers],
                "covered_by": m.covered_by,
                "certainty": m.certainty,
                "approximate": m.approximate,
                # A vacant area says so; `officers` are then those covering it.
                **(
                    {"vacant": True, "covering_area": m.covering_area, "unit_phone": m.unit_phone}
                    if m.vacant
                    else {}
                ),
            }
            for m in self.matches
        ]
