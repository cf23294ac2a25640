"""Files in the output folder: atomic writes, merged print files and the manifest."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject


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


def merge_pdfs(paths: Sequence[Path], target: Path, title: str) -> None:
    """Concatenate finished PDFs into one print file without laying anything out again."""
    writer = PdfWriter()
    for path in paths:
        writer.append(path)
    writer.add_metadata({"/Title": title})
    # Same inputs, same bytes: a fixed file identifier instead of a random one.
    seed = "".join(f"{p.parent.name}/{p.name}" for p in paths).encode()
    identifier = hashlib.md5(seed, usedforsecurity=False).digest()
    writer._ID = ArrayObject([ByteStringObject(identifier), ByteStringObject(identifier)])
    buffer = io.BytesIO()
    writer.write(buffer)
    with atomic_file(target) as handle:
        handle.write(buffer.getvalue())


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    with atomic_file(path) as handle:
        handle.write(text.encode("utf-8"))
