"""Police unit names found where clerks write them when there is no unit column: the title row
above the table ("Wykaz dzielnicowych Komisariatu Policji Kraków-Krowodrza"), the sheet's
name (`KP I`, `Komisariat Śródmieście`), a heading row inside the table. Each is turned into
the name a poster prints: nominative, abbreviations written out, no "stan na" date."""

from __future__ import annotations

import re

from leaflets.text import fold

_UNIT_START = re.compile(
    r"\b(komisariat\w*|komend\w*|posterun\w*|rewir\w*|kmp|kpp|krp|kp)\b", re.IGNORECASE
)
_ABBREVIATIONS = {
    "kmp": "Komenda Miejska Policji",
    "kpp": "Komenda Powiatowa Policji",
    "krp": "Komenda Rejonowa Policji",
    "kp": "Komisariat Policji",
}
# The genitive a title uses ("Wykaz dzielnicowych Komendy Miejskiej …") -> the nominative.
_NOMINATIVE = {
    "komisariatu": "Komisariat",
    "komendy": "Komenda",
    "posterunku": "Posterunek",
    "rewiru": "Rewir",
    "miejskiej": "Miejska",
    "powiatowej": "Powiatowa",
    "rejonowej": "Rejonowa",
    "wojewodzkiej": "Wojewódzka",
    "stolecznej": "Stołeczna",
}
_TRAILER = re.compile(
    r"\s*(?:[(\[,;–—-]\s*)?(?:stan na|wg stanu|według stanu|na dzień|z dnia|aktualny na|"
    r"aktualizacja|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}).*$",
    re.IGNORECASE,
)
_GENERIC_SHEETS = re.compile(
    r"^(arkusz|sheet|dzielnicowi|dzielnicowy|wykaz|lista|dane|rejony|rejon|tabela|strona|"
    r"uwagi|notatki|informacje|info)(?=\W|\d|$)",
    re.IGNORECASE,
)
_SMALL_WORDS = frozenset(("w", "we", "z", "ze", "na", "pod", "nad"))


def unit_in_text(text: str) -> str | None:
    """The unit a title or heading names, or None: `Wykaz dzielnicowych KMP w Żorach (stan na
    1.11.2026)` -> `Komenda Miejska Policji w Żorach`."""
    text = " ".join(text.split())
    start = _UNIT_START.search(text)
    if start is None:
        return None
    begin = start.start()
    numeral = re.search(r"\b([IVX]+)\s+$", text[:begin])
    if numeral:
        begin = numeral.start(1)  # `I Komisariat Policji KMP w Łodzi`
    name = _TRAILER.sub("", text[begin:])
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name)  # `Warszawa II (Mokotów)`: a note
    name = re.split(r"\s[–—-]\s", name)[0].strip(" .,:;–—-")  # `… w Łukowie – gmina Łuków`
    if name.isupper():
        name = _title(name)
    words = name.split()
    if not words:
        return None
    lead = 1 if _ROMAN.match(words[0]) and len(words) > 1 else 0
    first = fold(words[lead])
    if first in _ABBREVIATIONS:
        words = [*words[:lead], *_ABBREVIATIONS[first].split(), *words[lead + 1 :]]
    for index, word in enumerate(words[:4]):
        if fold(word) in _NOMINATIVE:
            words[index] = _NOMINATIVE[fold(word)]
    name = " ".join(words)
    return name if len(name.split()) >= 2 else None


def unit_in_sheet_name(name: str) -> tuple[str, bool] | None:
    """(unit, certain) a sheet's name gives: certain when it names a unit (`KP I` ->
    `Komisariat Policji I`), else the name as it is (`Krowodrza`), or None for the names
    spreadsheets and clerks give sheets that hold nothing of the sort (`Arkusz1`, `Rejony`)."""
    name = " ".join(name.split())
    if not name or _GENERIC_SHEETS.match(name):
        return None
    named = unit_in_text(name) if _UNIT_START.search(name) else None
    return (named, True) if named else (name, False)


def _title(text: str) -> str:
    """`KOMISARIAT POLICJI W KĄTACH WROCŁAWSKICH` -> `Komisariat Policji w Kątach Wrocławskich`;
    Roman numerals and short abbreviations (`KP II`, `KMP`) stay as they are."""
    words = []
    for index, word in enumerate(text.split()):
        if _ROMAN.match(word) or (len(word) <= 3 and fold(word) not in _SMALL_WORDS):
            words.append(word)
        elif index and fold(word) in _SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(words)


_ROMAN = re.compile(r"^[IVXL]+$")
