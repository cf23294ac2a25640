"""Keep the committed POT creation date when `pybabel extract` found nothing new.

    python tools/keep_pot_date.py OLD.pot NEW.pot

Babel stamps the extraction time into the template, `pybabel update` copies it into every
catalog and `compile` into every .mo, so each `make translations` changed six files and,
through the catalogs' digest, invalidated every cached leaflet. When NEW differs from OLD
only in that stamp, OLD's text is written back to NEW.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_STAMP = re.compile(r'^"POT-Creation-Date: [^"\n]*\\n"$', re.MULTILINE)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    old_path, new_path = map(Path, argv)
    if not old_path.is_file():
        return 0
    old, new = old_path.read_text(encoding="utf-8"), new_path.read_text(encoding="utf-8")
    if _STAMP.sub("", old) == _STAMP.sub("", new):
        new_path.write_text(old, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
