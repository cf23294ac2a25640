"""A workbook's archive checked before a spreadsheet parser inflates it: zip bombs, and each
sheet's size read from the sheet's own cell references, so a sheet too large for memory is
refused before any grid is built; also the merged ranges of .ods sheets.

python-calamine allocates a sheet's whole range (first to last cell holding something, ~32
bytes a cell) when the sheet is opened, and an allocation it cannot make aborts the process
(one cell at XFD1048576 asks for 512 GiB: exit 134, no Python exception to catch). So every
sheet part is streamed here first, its inflated size bounded by `limits.MAX_UNPACKED_BYTES`:
the positions of its cells the way the parser places them (a cell or row without a reference
follows the one before it), and the text its cells would hold (an .xlsx cell pointing at a
shared string gets its own copy of it; an .ods cell repeated N times is N copies).
Everything here raises `SheetsRefused` (a Polish reason) or a foreign error that the reading
boundary (`workbooks.read_grids`) turns into the file's message.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

from leaflets import limits


class SheetsRefused(Exception):
    """The archive is refused before parsing: `reason` is Polish, without the file name;
    `sheet` names the sheet when one is to blame."""

    def __init__(self, reason: str, sheet: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.sheet = sheet


@dataclass
class Extent:
    """How large a sheet's grid would be: its last row and column holding something (1-based)
    and the text its cells would hold."""

    rows: int = 0
    columns: int = 0
    text_bytes: int = 0
    cells: int = 0
    """Cells holding something, as the sheet's XML has them."""
    filled_rows: int = 0
    """The last row with a value in it (a cell with only a formula and no value, which some
    programs write, has none): a parser that reads fewer rows met damage."""

    @property
    def area(self) -> int:
        return self.rows * self.columns


def check_zip(archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs before a parser inflates them: the sizes the archive declares (a
    parser that inflates more than declared is stopped by `_stream`)."""
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if unpacked > limits.MAX_UNPACKED_BYTES:
        raise SheetsRefused(
            f"plik po rozpakowaniu byłby zbyt duży ({unpacked // 2**20} MB, limit"
            f" {limits.MAX_UNPACKED_BYTES // 2**20} MB) — odrzucony jako podejrzany."
        )
    if unpacked / packed > limits.MAX_ZIP_RATIO:
        raise SheetsRefused(
            f"plik jest podejrzanie mocno skompresowany ({unpacked // packed}:1, zwykle do"
            f" 20:1) — odrzucony jako możliwa „bomba zip”. Zapisz arkusz ponownie w Excelu"
            " albo LibreOffice."
        )


def refuse_large(name: str, extent: Extent) -> None:
    """SheetsRefused when the sheet `name` would not fit the limits once read."""
    if (
        extent.rows > limits.MAX_ROWS
        or extent.columns > limits.MAX_COLUMNS
        or extent.area > limits.MAX_CELLS
    ):
        raise SheetsRefused(
            f"arkusz jest za duży ({extent.rows} wierszy, {extent.columns} kolumn, razem"
            f" {extent.area} komórek do ostatniej wypełnionej; limit {limits.MAX_ROWS} wierszy,"
            f" {limits.MAX_COLUMNS} kolumn i {limits.MAX_CELLS} komórek). Usuń dane zapisane"
            " daleko za tabelą albo podziel arkusz.",
            name,
        )


def refuse_text(total: int) -> None:
    if total > limits.MAX_TEXT_BYTES:
        raise SheetsRefused(
            f"komórki arkuszy zawierałyby po odczytaniu {total // 2**20} MB tekstu (limit"
            f" {limits.MAX_TEXT_BYTES // 2**20} MB) — odrzucony jako podejrzany."
        )


CHUNK = 1 << 20
_MAX_TAG = 1 << 20
"""A tag longer than this (an attribute list of a megabyte) is no spreadsheet's."""


def _stream(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[int, bytes]]:
    """A member's inflated bytes in chunks that end before a `<`, each with its offset, so a
    tag is never split between two chunks; bounded by the unpacked-size limit whatever the
    archive declares."""
    carry, offset, total = b"", 0, 0
    with archive.open(name) as member:
        while chunk := member.read(CHUNK):
            total += len(chunk)
            if total > limits.MAX_UNPACKED_BYTES:
                raise SheetsRefused("plik po rozpakowaniu byłby zbyt duży — odrzucony.")
            data = carry + chunk
            cut = data.rfind(b"<")
            if cut < 0:
                cut = len(data)
            elif len(data) - cut > _MAX_TAG:
                # Long text after a whole tag is passed on; a tag of a megabyte is no sheet's.
                if data.find(b">", cut) < 0:
                    raise SheetsRefused("plik jest uszkodzony (nieprawidłowy XML arkusza).")
                cut = len(data)
            if cut:
                yield offset, data[:cut]
            offset += cut
            carry = data[cut:]
    if carry:
        yield offset, carry


# --- xlsx --------------------------------------------------------------------------------------

_QUOTED = rb"(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+"  # possessive: no backtracking
_XLSX_TAG = re.compile(
    rb"<(?:[A-Za-z_][\w.\-]*:)?(row|c|v|t|si)(?=[\s/>])("
    + _QUOTED
    + rb")>([^<]*)|</(?:[\w.\-]+:)?si>"
)
_ATTRIBUTE = re.compile(rb"""(?<![\w:.\-])(r|t)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = re.compile(rb"^\$?([A-Za-z]{1,7})\$?(\d{1,12})$|^(\d{1,12})$")
_REL_TYPES = ("/worksheet", "/sharedStrings")


def _attributes(text: bytes) -> dict[bytes, bytes]:
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
        for m in _ATTRIBUTE.finditer(text)
    }


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def xlsx_extents(archive: zipfile.ZipFile) -> tuple[dict[str, Extent], Extent]:
    """Each sheet's extent by its name, and the largest extent of any sheet part (for a sheet
    whose part the workbook's relationships do not name)."""
    sheets, strings = _xlsx_parts(archive)
    lengths = _shared_string_lengths(archive, strings) if strings else []
    members = set(archive.namelist())
    parts = {part for part in sheets.values() if part in members}
    parts |= {n for n in members if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    extents = {part: _sheet_extent(archive, part, lengths) for part in sorted(parts)}
    refuse_text(sum(extent.text_bytes for extent in extents.values()))
    worst = Extent()
    for extent in extents.values():
        if extent.area > worst.area or extent.rows > worst.rows or extent.columns > worst.columns:
            worst = Extent(
                max(worst.rows, extent.rows),
                max(worst.columns, extent.columns),
                max(worst.text_bytes, extent.text_bytes),
                max(worst.cells, extent.cells),
            )
    return {name: extents[part] for name, part in sheets.items() if part in extents}, worst


def _xlsx_parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], str]:
    """Sheet name -> its part, and the shared strings part, from the workbook's relationships
    (as a parser finds them); empty when the archive does not say."""
    members = set(archive.namelist())
    workbook = "xl/workbook.xml"
    for rel in _relationships(archive, "_rels/.rels", ""):
        if rel[0].endswith("/officeDocument") and rel[2] in members:
            workbook = rel[2]
    folder = posixpath.dirname(workbook)
    rels_path = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
    targets: dict[str, str] = {}
    strings = ""
    for kind, rel_id, target in _relationships(archive, rels_path, folder):
        if kind.endswith("/worksheet"):
            targets[rel_id] = target
        elif kind.endswith("/sharedStrings"):
            strings = target
    if "xl/sharedStrings.xml" in members and not strings:
        strings = "xl/sharedStrings.xml"
    sheets: dict[str, str] = {}
    if workbook in members:
        root = _small_xml(archive, workbook)
        for element in root.iter():
            if element.tag.rsplit("}", 1)[-1] != "sheet":
                continue
            rel_id = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
            if rel_id in targets:
                sheets[element.get("name", "")] = targets[rel_id]
    return sheets, strings if strings in members else ""


def _relationships(archive: zipfile.ZipFile, path: str, folder: str) -> list[tuple[str, str, str]]:
    if path not in archive.namelist():
        return []
    found = []
    for element in _small_xml(archive, path).iter():
        if element.tag.rsplit("}", 1)[-1] != "Relationship":
            continue
        target = element.get("Target", "")
        resolved = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        found.append((element.get("Type", ""), element.get("Id", ""), resolved))
    return found


_SMALL_XML = 10 * 1024 * 1024


def _small_xml(archive: zipfile.ZipFile, path: str) -> ElementTree.Element:
    """A workbook's small part (relationships, the sheet list), parsed whole."""
    with archive.open(path) as member:
        data = member.read(_SMALL_XML + 1)
    if len(data) > _SMALL_XML:
        raise SheetsRefused(f"część pliku {path} jest podejrzanie duża — odrzucony.")
    return ElementTree.fromstring(data)


def _shared_string_lengths(archive: zipfile.ZipFile, path: str) -> list[int]:
    """The length in bytes of each shared string's XML (an upper bound of its text)."""
    lengths: list[int] = []
    start = -1
    for offset, chunk in _stream(archive, path):
        for match in _XLSX_TAG.finditer(chunk):
            if match.group(1) == b"si":
                start = offset + match.start()
                if match.group(2).endswith(b"/"):
                    lengths.append(0)
                    start = -1
            elif match.group(1) is None and start >= 0:
                lengths.append(offset + match.end() - start)
                start = -1
    return lengths


def _sheet_extent(archive: zipfile.ZipFile, part: str, strings: list[int]) -> Extent:
    extent = Extent()
    row, column = 0, 0
    shared = open_cell = False
    for _, chunk in _stream(archive, part):
        # Every byte of the part may be text a cell holds (inline strings): counted whole.
        extent.text_bytes += len(chunk)
        for match in _XLSX_TAG.finditer(chunk):
            tag, attributes, text = match.group(1), match.group(2), match.group(3)
            if tag in (b"v", b"t"):
                if open_cell and text.strip() and not attributes.endswith(b"/"):
                    extent.filled_rows = max(extent.filled_rows, row)
                if tag == b"v" and shared and text.strip().isdigit():
                    index = int(text[:12])
                    extent.text_bytes += strings[index] if index < len(strings) else 0
                shared = False
                continue
            if tag not in (b"row", b"c"):
                continue
            open_cell = False
            found = _attributes(attributes)
            reference = found.get(b"r")
            parsed = _REFERENCE.match(reference.strip()) if reference is not None else None
            if tag == b"row":
                row = int(parsed.group(3)) if parsed and parsed.group(3) else row + 1
                column = 0
                continue
            if parsed and parsed.group(1):
                column, row = _column_number(parsed.group(1)), int(parsed.group(2))
            else:
                column += 1
            shared = found.get(b"t") == b"s"
            if not attributes.endswith(b"/"):  # an empty cell (`<c r="X9" s="1"/>`) is no data
                open_cell = True
                extent.cells += 1
                extent.rows, extent.columns = max(extent.rows, row), max(extent.columns, column)
    return extent


# --- ods -----------------------------------------------------------------------------------------

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")
MergedRange = tuple[tuple[int, int], tuple[int, int]]
"""((top row, left column), (bottom row, right column)), 0-based and inclusive."""


@dataclass
class OdsSheet:
    merged: list[MergedRange] = field(default_factory=list)
    extent: Extent = field(default_factory=Extent)


def ods_sheets(archive: zipfile.ZipFile) -> dict[str, OdsSheet]:
    """Every sheet of an .ods file: its merged ranges (python-calamine reports merged ranges
    for xlsx only: spans are `number-rows/columns-spanned` on a cell) and its extent (repeated
    rows and cells, `number-*-repeated`, are as many rows and cells once read)."""
    sheets: dict[str, OdsSheet] = {}
    sheet = OdsSheet()
    row, column, row_repeat = -1, 0, 1
    text_bytes = 0
    with archive.open("content.xml") as content:
        for event, element in ElementTree.iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_TABLE}table":
                    sheet = sheets.setdefault(element.get(f"{_TABLE}name", ""), OdsSheet())
                    row = -1
                elif tag == f"{_TABLE}table-row":
                    row, column = row + 1, 0
                    row_repeat = _count(element, "number-rows-repeated")
                continue
            if tag == f"{_TABLE}table-row":
                row += row_repeat - 1
                element.clear()
            elif tag in _CELLS:
                rows = _count(element, "number-rows-spanned")
                columns = _count(element, "number-columns-spanned")
                if rows > 1 or columns > 1:
                    sheet.merged.append(((row, column), (row + rows - 1, column + columns - 1)))
                repeat = _count(element, "number-columns-repeated")
                column += repeat
                valued = f"{_OFFICE}value-type" in element.attrib
                if len(element) or valued:
                    extent = sheet.extent
                    if valued:
                        extent.filled_rows = max(extent.filled_rows, row + row_repeat)
                    extent.rows = max(extent.rows, row + row_repeat)
                    extent.columns = max(extent.columns, column)
                    extent.cells += repeat * row_repeat
                    size = sum(len(text) for text in element.itertext())
                    extent.text_bytes += size * repeat * row_repeat
                    text_bytes += size * repeat * row_repeat
                    if extent.cells > limits.MAX_CELLS or text_bytes > limits.MAX_TEXT_BYTES:
                        break  # refused below: the rest would only take longer
                element.clear()
    refuse_text(text_bytes)
    return sheets


def _count(element: ElementTree.Element, name: str) -> int:
    """A `number-…` attribute; a value that is not a positive number is the parser's to refuse."""
    value = element.get(f"{_TABLE}{name}", "1")
    if not value.isdigit():
        return 1
    return int(value) if len(value) < 19 else 10**18
