"""Files in the output folder: atomic writes, merged print files and the manifest."""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pikepdf
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    DecodedStreamObject,
    NameObject,
    RectangleObject,
)

from leaflets.errors import OutputError, os_reason


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


def merge_pdfs(paths: Sequence[Path], target: Path, title: str) -> None:
    """Concatenate finished PDFs into one print file without laying anything out again.

    qpdf (pikepdf) copies the pages: ~2 ms a leaflet, against ~19 ms for pypdf and ~30 ms for
    WeasyPrint painting the pages a second time. The print file is for the printer: it keeps
    the title and language, not the per-area structure trees (the area files keep theirs)."""
    with contextlib.ExitStack() as stack:
        merged = stack.enter_context(pikepdf.new())
        for path in paths:
            source = stack.enter_context(pikepdf.open(path))
            if "/Lang" in source.Root and "/Lang" not in merged.Root:
                merged.Root.Lang = source.Root.Lang
            merged.pages.extend(source.pages)
        merged.docinfo["/Title"] = title
        merged.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        buffer = io.BytesIO()
        # The file identifier is computed from the content: same inputs, same bytes.
        merged.save(
            buffer,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    with atomic_file(target) as handle:
        handle.write(buffer.getvalue())


MM = 72 / 25.4


def print_shop_boxes(pdf: bytes, bleed_mm: float, *, crop_marks: bool) -> bytes:
    """Print-shop boxes on a WeasyPrint PDF laid out with its bleed (plus room for marks):
    BleedBox = TrimBox + bleed, MediaBox = everything, and crop marks drawn outside the
    bleed, in line with the trim edges, so a guillotine can follow them."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    bleed = bleed_mm * MM
    for page in writer.pages:
        trim = page.trimbox
        left, bottom = float(trim.left), float(trim.bottom)
        right, top = float(trim.right), float(trim.top)
        page.bleedbox = RectangleObject((left - bleed, bottom - bleed, right + bleed, top + bleed))
        if crop_marks:
            page.merge_page(_crop_marks(page, (left, bottom, right, top), bleed))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _crop_marks(page: PageObject, trim: tuple[float, float, float, float], bleed: float) -> Any:
    left, bottom, right, top = trim
    start, length = bleed + 2 * MM, 5 * MM
    lines = []
    for x in (left, right):
        for y, sign in ((bottom, -1), (top, 1)):
            lines.append((x, y + sign * start, x, y + sign * (start + length)))
    for y in (bottom, top):
        for x, sign in ((left, -1), (right, 1)):
            lines.append((x + sign * start, y, x + sign * (start + length), y))
    ops = "".join(f"{x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l " for x0, y0, x1, y1 in lines)
    marks = PageObject.create_blank_page(
        width=float(page.mediabox.width), height=float(page.mediabox.height)
    )
    marks.mediabox = page.mediabox
    stream = DecodedStreamObject()
    stream.set_data(f"q 0.25 w 0 0 0 RG {ops}S Q".encode())
    marks[NameObject("/Contents")] = stream
    return marks


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    with atomic_file(path) as handle:
        handle.write(text.encode("utf-8"))
