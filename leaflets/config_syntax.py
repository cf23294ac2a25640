"""leaflets.toml syntax errors explained in Polish, with the fix for the usual mistakes of
someone who has never seen TOML: text without quotes, a date written `01.11.2026`, Polish
letters in a key. tomllib's own messages are English and name only a line and a column."""

from __future__ import annotations

import re
import tomllib

from leaflets.text import fold

_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_KEY = re.compile(r"^\s*([^=\[\]#\"']+?)\s*=\s*(.*)$")
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*(?:r\.?)?$")
_VALUE_STARTS = ('"', "'", "[", "{", "true", "false")


def explain(text: str, error: tomllib.TOMLDecodeError) -> str:
    """What is wrong, on which line, and how the line should look."""
    found = _LINE.search(str(error))
    if found is None:
        return "błąd składni — sprawdź cudzysłowy i znaki = w pliku"
    number = int(found.group(1))
    lines = text.splitlines()
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    return f"wiersz {number}: {_advice(_without_comment(line), str(error))}"


def _without_comment(line: str) -> str:
    """The line up to a `#` that is not inside quotes."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[:index].rstrip()
    return line.rstrip()


def _advice(line: str, error: str = "") -> str:
    stripped = line.strip()
    if stripped.startswith("[") and not stripped.endswith("]"):
        return f"nazwę sekcji zamknij nawiasem: {stripped.rstrip(']')}]"
    if stripped.startswith("[") and error.startswith("Cannot"):
        return f"sekcja {stripped} powtarza nazwę użytą wcześniej w pliku — połącz je w jedną"
    pair = _KEY.match(line)
    if pair is not None and error.startswith("Cannot overwrite"):
        return f"klucz {pair.group(1).strip()} jest wpisany drugi raz — zostaw jeden"
    if pair is not None and error.startswith("Invalid date"):
        value = pair.group(2).strip()
        return f"nie ma takiej daty: {value} — wpisz prawdziwą datę w postaci RRRR-MM-DD"
    if pair is None:
        return f"„{stripped}” — każdy wiersz to klucz = wartość albo [sekcja]"
    key, value = pair.group(1).strip(), pair.group(2).strip()
    if not _PLAIN_KEY.match(key):
        plain = re.sub(r"[^a-z0-9_-]+", "_", fold(key)).strip("_")
        return f"nazwy kluczy piszemy bez polskich liter i spacji: {plain} = {value}"
    date = _DATE.match(value)
    if date:
        day, month, year = (int(part) for part in date.groups())
        return f"datę wpisz w postaci RRRR-MM-DD: {key} = {year:04d}-{month:02d}-{day:02d}"
    if value.startswith('"') and (len(value) == 1 or not value.endswith('"')):
        return f'brakuje cudzysłowu na końcu tekstu: {key} = "{value.strip(chr(34))}"'
    if value and not value.startswith(_VALUE_STARTS) and not re.match(r"^[\d.+-]", value):
        return f'tekst trzeba ująć w cudzysłów: {key} = "{value}"'
    if value and re.match(r"^\d", value) and not re.match(r"^[\d._]+$|^\d{4}-\d{2}-\d{2}$", value):
        return f'tekst trzeba ująć w cudzysłów: {key} = "{value}"'
    return f"„{stripped}” — sprawdź cudzysłowy i znak = (tekst piszemy w cudzysłowie)"
