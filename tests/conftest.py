"""Fixtures: the session's memoised builds, the `pdf` marker for tests that lay documents
out (`make test-fast` runs the others), and the rule that any WeasyPrint warning fails a test."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import Builds, Built

PDF_FOLDER = Path(__file__).resolve().parent / "pdf"
PDF_FIXTURES = {"built", "builds", "pdfs", "sample_area", "two_officers"}
"""Fixtures that lay documents out: a test using one is a `pdf` test wherever it is."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/pdf/ lays documents out, and so does every test that uses a
    build fixture."""
    for item in items:
        uses_build = PDF_FIXTURES & set(getattr(item, "fixturenames", ()))
        if item.path.is_relative_to(PDF_FOLDER) or uses_build:
            item.add_marker(pytest.mark.pdf)


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory.mktemp("builds"))


@pytest.fixture(scope="session")
def built(builds: Builds) -> Built:
    """The bundled sample rendered once, in the default formats, as `make demo` does."""
    return builds.sample()


class _WarningLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(autouse=True)
def _no_weasyprint_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    """A WeasyPrint warning (a missing glyph, an image not found, bad CSS) fails the test that
    caused it. Workers report theirs as problems with the code `weasyprint`, which the build
    fixtures check."""
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.WARNING)  # the CLI turns it down; a test must still hear it
    log = _WarningLog()
    logger.addHandler(log)
    try:
        yield
    finally:
        logger.removeHandler(log)
        logger.setLevel(level)
    allowed = request.node.get_closest_marker("weasyprint_warnings")
    if log.messages and allowed is None:
        pytest.fail("WeasyPrint warned: " + "; ".join(log.messages), pytrace=False)


@pytest.fixture(autouse=True)
def _layout_only_in_pdf_tests(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test that lays a document out must be marked `pdf`, so that `make test-fast` (which
    runs the unmarked ones) stays fast: laying out without the marker fails."""
    if request.node.get_closest_marker("pdf") is not None:
        return

    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail("this test lays out a document: mark it `pdf`", pytrace=False)

    # Every layout in this process goes through a worker's renderer (`init_worker`); patching
    # it, not the renderer, keeps WeasyPrint itself out of the fast loop's imports.
    monkeypatch.setattr("leaflets.render.workers.init_worker", refuse)
