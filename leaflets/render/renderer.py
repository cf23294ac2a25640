"""Leaflet views -> PDF documents with Jinja2 and WeasyPrint (the only module importing it).

Many areas are laid out in one WeasyPrint document (one per format and batch) and split back
into per-area documents by their anchors, so each area is laid out once and the combined print
file reuses the same pages. Templates and stylesheets are looked up in the unit's own folder
first (`[wydruk] szablony`), then in the packaged `templates/`, so a unit copies only the
files it changes.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import jinja2
import weasyprint
from markupsafe import Markup
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from leaflets.content import keep_together, unbreakable
from leaflets.errors import RenderError
from leaflets.formats import FormatSpec
from leaflets.i18n import LABEL_FUNCTION, SOURCE, Edition, edition, translations
from leaflets.render.templates import template_folders

log = logging.getLogger(__name__)

BASE_TEMPLATE = "dokument.html"


class SandboxFetcher(URLFetcher):  # type: ignore[misc]
    """Fetches only data: URLs and files inside the allowed folders; never the network.
    Refusals are recorded, so a template or cell pointing elsewhere is reported, not silent."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots):
                return super().fetch(url, headers)
        elif parsed.scheme == "data":
            return super().fetch(url, headers)
        self.refused.append(url)
        raise ValueError(f"zasób spoza dozwolonych folderów: {url}")


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collect_weasyprint_warnings() -> Iterator[list[str]]:
    """WeasyPrint reports missing glyphs, images and bad CSS only as log warnings."""
    collector = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)


PRINTER_EDGE_MM = 3.8
"""What an office printer leaves blank along each edge (~4.2 mm for laser printers), less the
space a text box keeps below its glyphs: the tests check glyphs against 4 mm."""
PX_PER_MM = 96 / 25.4
SPECIMEN_PX = 100
"""Text this large is the diagonal specimen mark (150 pt = 200 px), not content."""


@dataclass
class Rendered:
    """One laid-out batch: the document and each item's page range in it."""

    document: Any
    ranges: list[tuple[int, int]]
    warnings: list[str] = field(default_factory=list)

    def page_count(self, index: int) -> int:
        start, end = self.ranges[index]
        return end - start

    def near_edge(self, index: int, mm: float = PRINTER_EDGE_MM) -> bool:
        """Whether item `index` has text closer than `mm` to an edge of its paper, where an
        office printer prints nothing (a footer grown to three lines by a long unit address).
        The specimen mark's huge letters run off the page on purpose and are left out."""
        limit = mm * PX_PER_MM
        start, end = self.ranges[index]
        for page in self.document.pages[start:end]:
            for box in page._page_box.descendants():
                if not isinstance(box, TextBox) or box.style["font_size"] > SPECIMEN_PX:
                    continue
                if (
                    box.position_x < limit
                    or box.position_y < limit
                    or box.position_x + box.width > page.width - limit
                    or box.position_y + box.height > page.height - limit
                ):
                    return True
        return False


class Renderer:
    """Keeps one Jinja environment per edition (language), one font configuration and one
    parsed stylesheet per format, so batches after the first pay only for layout."""

    def __init__(self, unit_templates: Path | None, allowed: Sequence[Path]) -> None:
        self.folders = template_folders(unit_templates)
        self._find(BASE_TEMPLATE, "szablonu")
        self.fetcher = SandboxFetcher([*self.folders, *allowed])
        self._environments: dict[str, jinja2.Environment] = {}
        self.fonts = FontConfiguration()
        self._stylesheets: dict[str, list[Any]] = {}

    def _find(self, name: str, what: str) -> Path:
        """The first folder's copy of `name`: the unit's own, else the packaged one."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        raise RenderError(f"{self.folders[0]}: brak {what} {name}.")

    def _stylesheets_for(self, spec: FormatSpec) -> list[Any]:
        if spec.name not in self._stylesheets:
            self._stylesheets[spec.name] = [
                weasyprint.CSS(
                    filename=str(self._find(name, "arkusza stylów")),
                    font_config=self.fonts,
                    url_fetcher=self.fetcher,
                )
                for name in ("wspolne.css", f"{spec.name}.css")
            ]
        return self._stylesheets[spec.name]

    def environment(self, language: str) -> jinja2.Environment:
        """The templates in one edition: `{% trans %}` and `_()` print its language(s)."""
        if language not in self._environments:
            env = jinja2.Environment(
                loader=jinja2.FileSystemLoader(self.folders),
                autoescape=True,
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
                extensions=["jinja2.ext.i18n"],
            )
            env.policies["ext.i18n.trimmed"] = True
            env.filters["razem"] = keep_together
            env.filters["niepodzielne"] = unbreakable
            env.filters["bez_odstepow"] = without_gaps
            _install_translations(env, edition(language))
            self._environments[language] = env
        return self._environments[language]

    def html(
        self, spec: FormatSpec, leaflets: Sequence[Any], *, language: str = SOURCE, **context: Any
    ) -> str:
        try:
            template = self.environment(language).get_template(BASE_TEMPLATE)
            return template.render(spec=spec, leaflets=leaflets, **context)
        except jinja2.TemplateError as exc:
            where = f" (wiersz {exc.lineno})" if isinstance(exc, jinja2.TemplateSyntaxError) else ""
            raise RenderError(
                f"błąd w szablonie {getattr(exc, 'name', None) or spec.template}{where}: {exc}"
            ) from exc

    def render(
        self, spec: FormatSpec, leaflets: Sequence[Any], *, language: str = SOURCE, **context: Any
    ) -> Rendered:
        """Lay out `leaflets` (each marked `id="leaflet-N"`) in one document."""
        source = self.html(spec, leaflets, language=language, **context)
        with _collect_weasyprint_warnings() as warnings:
            document = weasyprint.HTML(
                string=source, base_url=f"{self.folders[0]}/", url_fetcher=self.fetcher
            ).render(font_config=self.fonts, stylesheets=self._stylesheets_for(spec))
        starts = []
        for index in range(len(leaflets)):
            anchor = f"leaflet-{index}"
            page = next((n for n, p in enumerate(document.pages) if anchor in p.anchors), None)
            if page is None:
                raise RenderError(f'szablon {spec.template} nie zawiera id="{anchor}".')
            starts.append(page)
        ends = [*starts[1:], len(document.pages)]
        return Rendered(document, list(zip(starts, ends, strict=True)), list(warnings))


def without_gaps(html: str) -> Markup:
    """Markup without the whitespace between its tags. The templates' `bez_odstepow`, around
    what goes into a page's footnote area (`.stopa`): WeasyPrint lays a footnote out before
    whitespace between blocks is dropped, so each line break between tags there became an
    empty line (measured: the poster's foot grew from 120 to 193 mm). Text runs keep their
    spaces: only whitespace with a tag on both sides goes."""
    return Markup(_BETWEEN_TAGS.sub("><", str(html).strip()))


_BETWEEN_TAGS = re.compile(r">\s+<")


def _install_translations(env: jinja2.Environment, edition: Edition) -> None:
    """gettext for `{% trans %}` and `_()`, `etykieta()` for labels printed once, in the first
    language, and `edition` itself (`edition.first` is the document's `lang`)."""
    if edition.bilingual:
        env.install_gettext_callables(  # type: ignore[attr-defined]
            **edition.bilingual_gettext(), newstyle=True
        )
    else:
        env.install_gettext_translations(  # type: ignore[attr-defined]
            translations(edition.first), newstyle=True
        )

    def label(message: str, **values: Any) -> str:
        return Markup(edition.label(message)) % values

    env.globals[LABEL_FUNCTION] = label
    env.globals["edition"] = edition


def write_pages(
    parts: Sequence[tuple[Rendered, int]], target: Any, *, title: str, identifier: bytes
) -> None:
    """Write the pages of the given (batch, item) pairs, in order, as one PDF."""
    pages = [
        page
        for rendered, index in parts
        for page in rendered.document.pages[slice(*rendered.ranges[index])]
    ]
    if not parts:
        raise RenderError("brak stron do zapisania.")
    document = parts[0][0].document.copy(pages)
    document.metadata = copy.copy(document.metadata)
    document.metadata.title = title
    with _collect_weasyprint_warnings():
        # PDF/UA-1: tagged structure, document language and title, for screen readers and
        # for copies sent by e-mail; measured at no extra cost over an untagged file.
        document.write_pdf(target, pdf_identifier=identifier, pdf_variant="pdf/ua-1")
