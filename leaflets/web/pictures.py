"""Page images of a build's PDFs (pypdfium2), rendered on demand and kept on disk.

PDFium is not thread-safe and the app renders from the thread pool, so one lock serialises
every call into it. An image is named after the PDF's identity (path, inode, size, mtime), so
the hard-linked copy of an unchanged area in a later build reuses its images.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

WIDTHS = (240, 1000)
"""Thumbnail and page-view widths in pixels; nothing else is rendered on request."""
_LOCK = threading.Lock()


def _identity(pdf: Path) -> str:
    info = pdf.stat()
    text = f"{info.st_ino}|{info.st_size}|{info.st_mtime_ns}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    with _LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def page_image(pdf: Path, page: int, width: int, cache: Path) -> Path:
    """PNG of `page` (1-based) of `pdf`, `width` pixels wide; IndexError past the last page."""
    import pypdfium2 as pdfium

    if width not in WIDTHS:
        raise ValueError(width)
    target = cache / f"{_identity(pdf)}-{page}-{width}.png"
    if target.is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with _LOCK:
        if target.is_file():
            return target
        document = pdfium.PdfDocument(pdf)
        try:
            if not 1 <= page <= len(document):
                raise IndexError(page)
            sheet = document[page - 1]
            points, _ = sheet.get_size()
            image = sheet.render(scale=width / points).to_pil()
            sheet.close()
        finally:
            document.close()
    temporary = target.with_name(f".{target.name}.tmp")
    image.save(temporary, format="PNG")
    temporary.replace(target)
    return target
