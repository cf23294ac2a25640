"""Files in the output folder: the folder checked before work, atomic writes, JSON."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from leaflets.errors import OutputError, os_reason, output_error


def prepare_folder(out: Path) -> None:
    """Make sure the output folder exists and takes files before anything is rendered: a bad
    `--out` is said at once, in Polish, not after minutes of work or as a traceback."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"„{out}” to plik, a nie folder — podaj w --out folder na ulotki.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"nie można utworzyć folderu „{out}”: {os_reason(exc)}.") from exc
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"nie można zapisywać w folderze „{out}”: brak uprawnień.")


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside `path`, then rename it over `path`: an interrupted
    build leaves the previous complete file in place and no half-written one. A failing write
    (a full disk, a folder made read-only) is an OutputError naming the file, in Polish."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Not a with-block: the file must outlive the write so it can be renamed, then closed.
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise output_error(exc, path) from exc
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(handle.name).replace(path)
    except OSError as exc:
        Path(handle.name).unlink(missing_ok=True)
        raise output_error(exc, path) from exc
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    with atomic_file(path) as handle:
        handle.write(text.encode("utf-8"))
