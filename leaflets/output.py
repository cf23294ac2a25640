"""Files in the output folder: atomic writes and the manifest."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside `path`, then rename it over `path`: an interrupted
    build leaves the previous complete file in place and no half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Not a with-block: the file must outlive the write so it can be renamed, then closed.
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(handle.name).replace(path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, writer: Callable[[IO[bytes]], None]) -> None:
    with atomic_file(path) as handle:
        writer(handle)


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    with atomic_file(path) as handle:
        handle.write(text.encode("utf-8"))
