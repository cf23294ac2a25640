"""CSV roster files -> a grid of cell texts: the encoding and the separator detected, and the
limits checked while the file is read, line by line, not after it is all in memory.

The standard csv module does the parsing (quoting, separators and line ends inside quotes,
CR-only line ends of old Mac files): it is linear in the input, where pandas' python engine,
which wraps the same module, was quadratic on a line of separators (100 kB: 66 s) and built
a frame of 20 million columns before its width could be checked.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import cast

from leaflets import limits
from leaflets.errors import RosterError

Grid = list[list[object]]

_DELIMITER_NAMES = {";": "średnik", ",": "przecinek", "\t": "tabulator"}
_SNIFF_CHARS = 16_384
"""What the separator is detected from: csv.Sniffer's patterns grow faster than the text."""
_VALID_UTF8 = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def read_csv(path: Path, *, encoding: str | None, delimiter: str | None) -> Grid:
    """The file's records as rows of text (a quoted cell may span lines: a record is a row, as
    a spreadsheet program shows it), all as wide as the widest."""
    with path.open("rb") as handle:
        raw = handle.read(limits.MAX_FILE_BYTES + 1)
    if len(raw) > limits.MAX_FILE_BYTES:
        raise RosterError(f"{path}: plik jest za duży (ponad {limits.MAX_FILE_BYTES // 2**20} MB).")
    text = _decode(path, raw, encoding)
    if not text.strip():
        # An empty file is an empty sheet, skipped like one (read_rosters says so when
        # nothing is left).
        return []
    delimiter = delimiter or _detect_delimiter(text)
    reader = csv.reader(_lines(path, text), delimiter=delimiter, strict=True)
    grid: list[list[str]] = []
    width = 0
    try:
        for row in reader:
            if len(row) > limits.MAX_COLUMNS:
                raise RosterError(
                    f"{path}, wiersz {len(grid) + 1}: wiersz ma {len(row)} pól (limit"
                    f" {limits.MAX_COLUMNS} kolumn) — sprawdź separator ({_name(delimiter)})"
                    " albo podaj go opcją --separator."
                )
            width = max(width, len(row))
            grid.append(row)
            if len(grid) > limits.MAX_ROWS or len(grid) * width > limits.MAX_CELLS:
                raise RosterError(
                    f"{path}: plik jest za duży (ponad {len(grid) - 1} wierszy po {width}"
                    f" kolumn; limit {limits.MAX_ROWS} wierszy i {limits.MAX_CELLS} komórek)."
                )
    except csv.Error as exc:
        where = f"{path}, wiersz {len(grid) + 1}"
        if "field larger" in str(exc):
            raise RosterError(
                f"{where}: komórka jest za długa (ponad {limits.MAX_CSV_FIELD_CHARS} znaków) —"
                " sprawdź cudzysłowy: tekst od cudzysłowu bez pary ciągnie się do końca pliku."
            ) from exc
        raise RosterError(f"{where}: {_problem(delimiter)}") from exc
    for row in grid:
        row.extend([""] * (width - len(row)))
    return cast(Grid, grid)  # rows of text are rows of cells


def _lines(path: Path, text: str) -> Iterator[str]:
    """The file's physical lines (CR, LF or CRLF), none longer than the limit."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > limits.MAX_CSV_LINE_CHARS:
            raise RosterError(
                f"{path}, linia {number}: linia ma {len(line)} znaków (limit"
                f" {limits.MAX_CSV_LINE_CHARS}) — to nie wygląda na wykaz."
            )
        yield line


def _decode(path: Path, raw: bytes, encoding: str | None) -> str:
    """The file's text. Without `encoding`: UTF-16 or UTF-8 by their byte-order mark, UTF-8
    when it decodes, else Windows-1250 (Polish Excel's CSV) — unless the bytes are UTF-8 with
    a few broken bytes, which cp1250 would turn into mojibake in every Polish name."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = encoding or "utf-16"  # Excel's "Unicode text"
    elif b"\x00" in raw[:4096]:
        raise RosterError(f"{path}: to nie jest plik tekstowy CSV.")
    if encoding is None:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if _mostly_utf8(raw):
                raise RosterError(
                    f"{path}: plik jest w kodowaniu UTF-8, ale bajt {exc.start + 1}"
                    f" ({_line_of(raw, exc.start)}) jest uszkodzony — zapisz plik"
                    " ponownie jako „CSV UTF-8” albo podaj kodowanie opcją --kodowanie."
                ) from exc
        encoding = "cp1250"
    try:
        return raw.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise RosterError(
            f"{path}: nie można odczytać pliku w kodowaniu {encoding} (bajt {exc.start + 1},"
            f" {_line_of(raw, exc.start)})."
        ) from exc
    except LookupError as exc:
        raise RosterError(f"{path}: nie można odczytać pliku w kodowaniu {encoding}.") from exc


def _line_of(raw: bytes, offset: int) -> str:
    line = raw.count(b"\n", 0, offset) + 1
    return f"wiersz {line}"


def _mostly_utf8(raw: bytes) -> bool:
    """More valid UTF-8 letters (Polish letters are two bytes) than bytes outside them: text
    written as UTF-8 and damaged, not text in a one-byte encoding (where a valid pair is a
    coincidence, `ÓŁ` = D3 A3, and nearly every letter is a stray byte)."""
    valid = _VALID_UTF8.findall(raw)
    foreign = sum(byte >= 0x80 for byte in raw) - sum(len(sequence) for sequence in valid)
    return len(valid) > foreign


def _name(delimiter: str) -> str:
    return _DELIMITER_NAMES.get(delimiter, f"„{delimiter}”")


def _problem(delimiter: str) -> str:
    """What the user can do about a CSV file the reader cannot parse (its message is English)."""
    return (
        f"nieprawidłowy plik CSV (separator: {_name(delimiter)}) — sprawdź cudzysłowy w"
        " komórkach albo podaj separator opcją --separator."
    )


def _detect_delimiter(text: str) -> str:
    sample = "\n".join(text[:_SNIFF_CHARS].splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ";,\t"}
        return max(counts, key=lambda d: counts[d])
