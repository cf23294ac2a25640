"""The whole journey in a real browser: Debian's chromium driven by Playwright against
`leaflets serve` on the sample roster, with the pages' CSP enforced.

Upload, the problem table and its filter, the settings form, options, progress values that
really change, thumbnails that load, a PDF and the ZIP downloaded and checked (page sizes,
QR codes decoded), the page view, the search as one types, the login; axe-core on every page,
keyboard focus, the layout at 1280×800 and 390 px. A failing test leaves a screenshot (its
path is printed). `LEAFLETS_ZRZUTY=DIR` also saves every page's screenshot into DIR (that is
how docs/web/ is made).
"""

from __future__ import annotations

import io
import os
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.helpers import qr_payloads
from tests.web.conftest import ROOT, SAMPLE, Served

pytestmark = [pytest.mark.browser, pytest.mark.pdf]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "tests" / "vendor" / "axe-core-4.14.1.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SHOTS = os.environ.get("LEAFLETS_ZRZUTY", "")

if not Path(CHROMIUM).is_file():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs chromium via apt")
    pytest.skip("chromium is not installed (make test installs it)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Browser, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """New pages (1280×800 unless told) that record console errors and CSP violations; on a
    failure each leaves a screenshot."""
    pages: list[Page] = []
    problems: list[str] = []

    def make(width: int = 1280, height: int = 800) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": height}, accept_downloads=True, locale="pl-PL"
        )
        page = context.new_page()
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e =>"
            " console.error('CSP ' + e.violatedDirective + ' ' + e.blockedURI));"
        )
        # An error page is a document answered on purpose; a failing image, script or
        # stylesheet is a fault (the console repeats those without their address).
        page.on(
            "console",
            lambda m: (
                m.type == "error"
                and not m.text.startswith("Failed to load resource")
                and problems.append(m.text)
            ),
        )
        page.on(
            "response",
            lambda r: (
                r.status >= 400
                and r.request.resource_type != "document"
                and problems.append(f"{r.status} {r.url}")
            ),
        )
        page.on("pageerror", lambda e: problems.append(str(e)))
        pages.append(page)
        return page

    yield make
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        for index, page in enumerate(pages):
            path = tmp_path / f"blad-{index}.png"
            page.screenshot(path=str(path), full_page=True)
            print(f"\nscreenshot of the failure: {path}")
    for page in pages:
        page.context.close()
    assert not problems, problems


def axe(page: Page) -> None:
    """axe-core through the DevTools protocol (the page's CSP would block a <script>)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                                           nodes: v.nodes.map(n => n.target.join(' '))}));
        }"""
    )
    bad = [v for v in found if v["impact"] in ("serious", "critical")]
    assert not bad, f"{page.url}: {bad}"


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def fits(page: Page, width: int) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= width, f"{page.url} is {overflow} px wide at {width} px"


def images_loaded(page: Page, selector: str, at_least: int = 1) -> None:
    page.wait_for_function(
        "([sel, n]) => { const all = [...document.querySelectorAll(sel)];"
        " return all.length >= n"
        " && all.slice(0, n).every(i => i.complete && i.naturalWidth > 0); }",
        arg=[selector, at_least],
        timeout=30_000,
    )


def _start(page: Page, server: Served, visited: dict[str, str]) -> None:
    page.goto(server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ulotki i plakaty dla dzielnicowych")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Przejdź do treści"
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    axe(page)
    shot(page, "start")
    visited["start"] = page.url


def _upload(page: Page, visited: dict[str, str]) -> str:
    page.set_input_files("input[name=wykaz]", SAMPLE)
    expect(page.locator("[data-nazwa-pliku]").first).to_have_text("legnica-wzor.xlsx")
    started = time.perf_counter()
    page.get_by_role("button", name="Wyślij wykaz").click()
    expect(page.get_by_role("heading", name="Problemy w wykazie")).to_be_visible()
    assert time.perf_counter() - started < 5
    table = page.locator("#problemy")
    expect(table).to_contain_text(
        "nie ma linku do aplikacji Moja Komenda — ulotki nie mają jej kodu QR"
    )
    expect(page.locator(".liczby")).to_contain_text("14")
    workspace = page.url
    page.get_by_label("tylko błędy").check()
    expect(page.locator("#problemy")).to_contain_text("Brak problemów tego rodzaju.")
    assert "rodzaj=bledy" in page.url
    page.get_by_label("wszystkie").check()
    expect(page.locator("#problemy .rodzaj-ostrzezenie").first).to_be_visible()
    images_loaded(page, ".format img", 5)
    axe(page)
    shot(page, "obszar")
    visited["obszar"] = workspace
    return workspace


def _settings(page: Page, tmp_path: Path, visited: dict[str, str]) -> None:
    page.get_by_role("link", name="Ustawienia jednostki").click()
    page.get_by_label("Kolor nagłówków").fill("niebieski")
    page.get_by_role("button", name="Zapisz ustawienia").click()
    expect(page.locator("#blad-ustawien")).to_contain_text("kolor podaj jako #RRGGBB")
    page.get_by_label("Kolor nagłówków").fill("")
    page.get_by_label("Nazwa jednostki").fill(
        "Komisariat Policji Legnica-Śródmieście (jednostka fikcyjna)"
    )
    page.get_by_label("Adres jednostki").fill("ul. Przykładowa 1, 59-220 Legnica")
    page.get_by_label("Data „stan na”").fill("2026-11-01")
    page.get_by_label("znak „WZÓR” na ulotkach").check()
    logo = tmp_path / "logo.png"
    from PIL import Image

    emblem = Image.new("RGB", (120, 120), "white")
    emblem.paste(Image.new("RGB", (80, 80), "#14264b"), (20, 20))
    emblem.save(logo)
    page.set_input_files("#logo", logo)
    page.get_by_role("button", name="Zapisz ustawienia").click()
    expect(page.locator("#zapisano")).to_contain_text("Zapisano ustawienia.")
    images_loaded(page, ".logo-obecne img")
    axe(page)
    shot(page, "ustawienia")
    visited["ustawienia"] = page.url


def _build(page: Page, workspace: str, visited: dict[str, str]) -> None:
    page.goto(workspace)
    expect(page.get_by_label("Plakat A4")).to_be_checked()
    page.get_by_role("button", name="Utwórz ulotki").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ulotki:")
    build = page.url
    values: list[str] = []
    thumbnail_while_running = False
    axe_while_running = False
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not page.locator("#wynik").count():
        bar = page.locator("#pasek-postepu")
        value = bar.get_attribute("value") if bar.count() else None
        if value is not None and (not values or values[-1] != value):
            values.append(value)
        if not thumbnail_while_running and page.evaluate(
            "() => [...document.querySelectorAll('#miniatury img')]"
            ".some(i => i.complete && i.naturalWidth === 240)"
        ):
            thumbnail_while_running = True
            shot(page, "postep")
            if not axe_while_running and not page.locator("#wynik").count():
                axe(page)
                axe_while_running = True
        page.wait_for_timeout(50)
    expect(page.locator("#wynik")).to_have_attribute("data-stan", "gotowe")
    assert len(values) >= 3, values
    assert thumbnail_while_running
    expect(page.get_by_role("button", name="Anuluj")).to_have_count(0)
    expect(page.locator("#stan-tworzenia")).to_have_text("gotowe")
    images_loaded(page, ".pliki-rejonu img", 4)
    axe(page)
    shot(page, "wyniki")
    visited["wyniki"] = build


def _downloads(page: Page, tmp_path: Path) -> None:
    poster = page.locator(".rejon").first.get_by_role("link", name="Pobierz Plakat A4")
    with page.expect_download() as download:
        poster.click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(pdf).pages
    }
    assert sizes == {(595, 842)}
    payloads = qr_payloads(pdf)
    assert "tel:+48723000114" in payloads
    assert "https://mapy.geoportal.gov.pl/iMapLite/KMZBPublic.html" in payloads

    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz wszystko (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    names = archive.namelist()
    assert "manifest.json" in names and "problemy.xlsx" in names
    assert sum(name.endswith("/plakat-a4.pdf") for name in names) == 14
    assert archive.read(names[0])  # readable


def _page_view(page: Page, visited: dict[str, str]) -> None:
    page.locator("a.podglad").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plakat A4")
    images_loaded(page, ".strony img")
    axe(page)
    shot(page, "strony")
    visited["strony"] = page.url


def _search(page: Page, workspace: str, visited: dict[str, str]) -> None:
    page.goto(f"{workspace}/szukaj")
    page.get_by_label("Kto jest dzielnicowym pod adresem…?").press_sequentially(
        "Chojnowska 80, Legnica", delay=40
    )
    expect(page.locator("#odpowiedz")).to_contain_text("Rejon nr 1 — Zakaczawie")
    expect(page.locator("#odpowiedz")).to_contain_text("Łukasz Kowalczyk")
    page.get_by_label("Gdzie pracuje…?").press_sequentially("Wiśniews", delay=40)
    expect(page.locator("#odpowiedz")).to_contain_text("Karolina Wiśniewska")
    expect(page.locator("#odpowiedz")).to_contain_text("Rejon nr 2")
    axe(page)
    shot(page, "szukaj")
    visited["szukaj"] = page.url


def _error_page(page: Page, server: Served, visited: dict[str, str]) -> None:
    page.goto(f"{server.url}/nie-ma-takiej-strony")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nie ma takiej strony")
    axe(page)
    shot(page, "blad")
    visited["blad"] = page.url


def test_the_whole_journey(open_page: Any, tmp_path: Path) -> None:
    server = Served(tmp_path / "dane")
    visited: dict[str, str] = {}
    try:
        page = open_page()
        _start(page, server, visited)
        workspace = _upload(page, visited)
        _settings(page, tmp_path, visited)
        _build(page, workspace, visited)
        _downloads(page, tmp_path)
        _page_view(page, visited)
        _search(page, workspace, visited)
        _error_page(page, server, visited)
        narrow = open_page(390, 844)
        for name, url in visited.items():
            narrow.goto(url)
            narrow.wait_for_load_state("networkidle")
            fits(narrow, 390)
            axe(narrow)
            shot(narrow, f"{name}-390")
    finally:
        server.stop()


def test_login_when_a_password_is_set(open_page: Any, tmp_path: Path) -> None:
    server = Served(tmp_path / "dane", env={"LEAFLETS_HASLO": "haslo-biura-2026"})
    try:
        page = open_page()
        page.goto(server.url)
        expect(page.get_by_role("heading", level=1)).to_have_text("Logowanie")
        assert "/logowanie" in page.url
        axe(page)
        page.get_by_label("Hasło").fill("zle-haslo")
        page.get_by_role("button", name="Zaloguj").click()
        expect(page.get_by_role("alert")).to_contain_text("Nieprawidłowe hasło")
        shot(page, "logowanie")
        page.get_by_label("Hasło").fill("haslo-biura-2026")
        page.get_by_role("button", name="Zaloguj").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Ulotki i plakaty dla dzielnicowych"
        )
        expect(page.get_by_role("button", name="Wyloguj")).to_be_visible()
        narrow = open_page(390, 844)
        narrow.goto(f"{server.url}/logowanie")
        fits(narrow, 390)
        axe(narrow)
    finally:
        server.stop()
