"""Files for printing: each unit's print files merged from its area files, and the boxes and
crop marks of print-shop files."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from leaflets.areas import Area
from leaflets.config import Settings
from leaflets.formats import (
    CROP_MARK_LENGTH_MM,
    CROP_MARK_OFFSET_MM,
    FORMATS,
    PT_PER_MM,
    FormatSpec,
)
from leaflets.i18n import SOURCE
from leaflets.output.files import atomic_file, file_digest, write_json
from leaflets.output.imposition import Segment, marks_page
from leaflets.output.paths import (
    PRINT_SOURCES,
    area_key,
    area_pdf,
    edition_name,
    unit_folder,
    unit_pdf,
)


def print_file_title(spec: FormatSpec, language: str = SOURCE) -> str:
    """`Twój dzielnicowy — plakat A4 na klatkę schodową, wszystkie rejony`."""
    title = f"Twój dzielnicowy — {spec.description}, wszystkie rejony"
    return title if language == SOURCE else f"{title} (wersja {language})"


def merge_pdfs(paths: Sequence[Path], target: Path, title: str) -> None:
    """Concatenate finished PDFs into one print file without laying anything out again.

    qpdf (pikepdf) copies the pages, many times faster than pypdf or than WeasyPrint painting
    the pages a second time (docs/decisions.md). The print file is for the printer: it keeps
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


def unit_print_files(
    settings: Settings,
    areas: Sequence[Area],
    editions: Sequence[tuple[str, str]],
    written: set[Path],
) -> tuple[list[Path], dict[str, dict[str, str]], list[Path]]:
    """The per-area files, and one print file per unit, format and edition, merged from the
    area files unless a worker merged it already (`written`). Also each area's files for the
    manifest: area key -> {edition name -> path relative to the output folder}, and the print
    files written in this run (merged here or by a worker). An area file over its pages was
    not written and is left out of all three.

    A print file follows its inputs, not the run: `PRINT_SOURCES` records the digests of the
    area files it was merged from, in order, and its own digest; it is merged again whenever
    either differs from the files on disk, whether or not this run rendered an area (a build
    killed after the content cache was written, before the merge, left an old phone number
    in it that no later build would have repaired)."""
    files: list[Path] = []
    merged: list[Path] = []
    by_area: dict[str, dict[str, str]] = {area_key(area): {} for area in areas}
    record = PrintRecord.load(settings.out / PRINT_SOURCES, force=settings.force)
    for name, language in editions:
        units: dict[str, list[Path]] = {}
        for area in areas:
            path = area_pdf(settings, area, name, language)
            if not path.is_file():
                continue  # over its pages: not written (an error says so)
            files.append(path)
            by_area[area_key(area)][edition_name(name, language)] = path.relative_to(
                settings.out
            ).as_posix()
            units.setdefault(unit_folder(area.unit), []).append(path)
        for unit, paths in units.items():
            combined = unit_pdf(settings, unit, name, language=language)
            title = print_file_title(FORMATS[name], language)
            done = combined in written
            if record.merge(settings.out, paths, combined, title, done=done) or done:
                merged.append(combined)
            files.append(combined)
    record.save()
    return files, by_area, merged


@dataclass
class PrintRecord:
    """What each print file of a folder was merged from (the digests of its inputs, in order,
    and its own), as the last build left it (`recorded`) and as this one leaves it (`merged`):
    a print file follows its inputs, not the run — a build stopped between an input and the
    merge leaves no old page in it for good."""

    path: Path
    recorded: dict[str, dict[str, Any]]
    merged: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, *, force: bool) -> PrintRecord:
        return cls(path, {} if force else load_sources(path))

    def merge(
        self, out: Path, paths: Sequence[Path], combined: Path, title: str, *, done: bool = False
    ) -> bool:
        """Merge `paths` into `combined` unless it is what they make already, by the record,
        or `done` (merged already in this run); recorded either way. True when merged now."""
        key = combined.relative_to(out).as_posix()
        inputs = [file_digest(path) or "" for path in paths]
        before = self.recorded.get(key, {})
        current = done or (
            before.get("from") == inputs and before.get("sha256") == file_digest(combined)
        )
        if not current:
            merge_pdfs(paths, combined, title)
        self.merged[key] = {"from": inputs, "sha256": file_digest(combined) or ""}
        return not current

    def save(self) -> None:
        """Written after every merge: a build stopped before this point merges again next time."""
        write_json(self.path, dict(sorted(self.merged.items())))


def load_sources(path: Path) -> dict[str, dict[str, Any]]:
    """`PRINT_SOURCES` as the last build left it; absent or damaged, nothing is current."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(value, dict)}


def print_shop_boxes(pdf: bytes, bleed_mm: float, *, crop_marks: bool) -> bytes:
    """Print-shop boxes on a WeasyPrint PDF laid out with its bleed (plus room for marks):
    BleedBox = TrimBox + bleed, MediaBox = everything, and crop marks drawn outside the
    bleed, in line with the trim edges, so a guillotine can follow them."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    bleed = bleed_mm * PT_PER_MM
    for page in writer.pages:
        trim = page.trimbox
        left, bottom = float(trim.left), float(trim.bottom)
        right, top = float(trim.right), float(trim.top)
        page.bleedbox = RectangleObject((left - bleed, bottom - bleed, right + bleed, top + bleed))
        if crop_marks:
            media = page.mediabox
            marks = marks_page(
                float(media.width) / PT_PER_MM,
                float(media.height) / PT_PER_MM,
                crop_mark_segments(
                    tuple(v / PT_PER_MM for v in (left, bottom, right, top)), bleed_mm
                ),
            )
            marks.mediabox = media
            page.merge_page(marks)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def crop_mark_segments(trim: tuple[float, ...], bleed_mm: float) -> list[Segment]:
    """Two marks at each corner of the trim box (mm), in line with its edges, starting
    `CROP_MARK_OFFSET_MM` beyond the bleed."""
    left, bottom, right, top = trim
    start, length = bleed_mm + CROP_MARK_OFFSET_MM, CROP_MARK_LENGTH_MM
    marks = []
    for x in (left, right):
        for y, sign in ((bottom, -1), (top, 1)):
            marks.append(Segment(x, y + sign * start, x, y + sign * (start + length)))
    for y in (bottom, top):
        for x, sign in ((left, -1), (right, 1)):
            marks.append(Segment(x + sign * start, y, x + sign * (start + length), y))
    return marks
