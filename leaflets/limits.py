"""The limits that keep absurd or hostile input out, in one place: files, sheets, cells, the
configuration and images. Each is checked before the work it bounds (docs/hostile-cases.md).

Modules read them as `limits.NAME` when they check, so a test can lower one."""

from __future__ import annotations

MAX_FILE_BYTES = 100 * 1024 * 1024
"""A roster file (workbook or CSV) as stored."""
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
"""Everything a workbook's archive would inflate to."""
MAX_ZIP_RATIO = 200
"""Inflated size over stored size: real workbooks compress 5-20 times."""

# A national roster in the long shape is about 8,300 areas x 15 streets = 125,000 rows of
# ~15 columns (1.9 million cells), so these leave room above that. `check` of a sheet at the
# row limit stays within a minute (150,000 rows of xlsx: 49 s; 250,000: 68 s, which is why
# the limit is not 250,000 any more; tools/bench/hostile.py).
MAX_ROWS = 150_000
MAX_COLUMNS = 200
MAX_CELLS = 3_000_000
"""Rows x columns of a sheet as its grid would be built (every cell from A1 to the last one
holding something): a grid costs ~100 bytes a cell in python-calamine and Python together,
and rows within MAX_ROWS and columns within MAX_COLUMNS could still be 50 million cells."""
MAX_TEXT_BYTES = 200 * 1024 * 1024
"""The text a workbook's cells would hold once read: an .xlsx can point a million cells at one
long shared string, and an .ods can repeat a cell, each copy held in memory."""
MAX_CELL_CHARS = 10_000
"""One cell's text: the longest real area description in tests/data/real is ~1,450
characters; longer text is cut and its row refused (the street parser and the layout of a
street list grow with the text)."""
MAX_CSV_LINE_CHARS = 1_000_000
"""One physical line of a CSV file, checked before the line is split into fields."""
MAX_CSV_FIELD_CHARS = 131_072
"""The csv module's own field limit, named here: a field beyond it ends the reading."""

MAX_CONFIG_BYTES = 1024 * 1024
"""leaflets.toml: a real one is under 2 kB."""
MAX_CONFIG_TEXT_CHARS = 500
"""A text value of leaflets.toml (unit name, address, phone)."""
MAX_LINK_CHARS = 2_000
"""A link of leaflets.toml (printed as a QR code, so it is also checked against QR capacity)."""

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
MAX_LOGO_BYTES = 10 * 1024 * 1024
MAX_LOGO_PIXELS = 25_000_000
"""A logo is printed a few centimetres wide: 25 Mpx is ten times what 600 dpi needs."""

MAX_QUERY_CHARS = 500
"""A typed address or name (`find`, `build --adres`)."""

MAX_OVERLAP_WORK = 100_000
MAX_OVERLAP_WORK_PER_NAME = 20_000
"""Overlapping areas: how many pairs of number rules (ranges, lists) are compared, over all
pairs of claims whose numbers may meet — in all, and for one name (a street in a town, a
street without a town, a village). The synthetic national roster (8,300 areas) needs 20,157
in all and a few dozen a name; 100,000 took 1.5-1.7 s on a roster where every area claims the
same streets in 20 ranges each. Without a bound, 5,000 such areas would be 12.5 million pairs
of claims (hours, and millions of warnings). A name past its bound is not compared (a
warning names it); past the total, comparing stops (a warning says where)."""

MAX_CHECK_LAYOUTS = 40
"""Leaflets (area x format x edition) `check` lays out beyond those current from a build. The
fullest areas, which a share lays out, cost 0.5-1.3 s of one core each (several fitting
steps); on the synthetic national roster (8,300 areas) `check` took 22 s with none, 48 s with
40, 59 s with 60, 80 s with 120 (2026-12-01, two cores). 40 is a unit of 20 areas in the
default two formats; above it `check` lays out the fullest areas and says so
(`checks.layout_share`)."""

MAX_JOBS = 64
"""Worker processes (`--jobs`): each holds WeasyPrint and its fonts, 150-300 MB while laying
out, so 64 are already ~16 GB; `--jobs 500` would start 500 of them."""
