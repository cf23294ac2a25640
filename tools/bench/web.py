"""The web app's figures (issue 17), against a real `leaflets serve` on the sample roster.

    .venv/bin/python -m tools.bench.web        # prints the table
    from tools.bench.web import measure_web    # for tools/bench/run.py: list of WebFigure

Measured over HTTP as a browser asks (the server in its own process, the build in its child):
upload of the sample -> workspace page with the problem table; the whole sample built from
the web (the same settings as `leaflets build` of rosters/ with its leaflets.toml) against the
CLI's own time; a new version with one changed phone rebuilt and its results page shown;
every other page (median of five); the search as one types (median of five keystrokes).
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make `tools` and `leaflets` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx2 as httpx
import openpyxl

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "rosters" / "legnica-wzor.xlsx"
SETTINGS = {
    "jednostka_nazwa": "Komisariat Policji Legnica-Śródmieście (jednostka fikcyjna)",
    "jednostka_adres": "ul. Przykładowa 1, 59-220 Legnica",
    "linki_kmzb": "https://mapy.geoportal.gov.pl/iMapLite/KMZBPublic.html",
    "wydruk_stan_na": "2026-11-01",
    "wydruk_wzor": "tak",
}
FORMATS = ["plakat-a4", "ulotka-a5", "skorowidz"]
PAUSE = 5.0
"""Seconds between a build and the next upload (a person picking the file): the server's
spare build process gets ready in that time, as it would between two real uploads."""


@dataclass(frozen=True)
class WebFigure:
    measure: str
    seconds: float
    target: str
    met: bool

    def row(self) -> str:
        met = "met" if self.met else "**not met**"
        return f"| {self.measure} | {self.seconds:.2f} s | {self.target} | {met} |"


class _Server:
    def __init__(self, data: Path) -> None:
        self.log = data.with_suffix(".log")
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "leaflets", "serve", "--port", "0", "--dane", str(data)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while not (found := re.search(r"przeglądarce: (http://\S+)", self.log.read_text())):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(self.log.read_text())
            time.sleep(0.05)
        self.client = httpx.Client(base_url=found.group(1), timeout=600, follow_redirects=True)
        self.token = _token(self.client.get("/").text)

    def post(self, url: str, **kwargs: object) -> httpx.Response:
        data = {"csrf": self.token, **kwargs.pop("data", {})}  # type: ignore[dict-item]
        return self.client.post(url, data=data, **kwargs)  # type: ignore[arg-type]

    def upload(self, path: Path, url: str = "/wyslij") -> httpx.Response:
        files = {"wykaz": (path.name, path.read_bytes(), "application/octet-stream")}
        return self.post(url, files=files)

    def build(self, workspace: str) -> str:
        """Start a build and wait for its results page; the build's URL."""
        page = self.post(f"{workspace}/ulotki", data={"format": FORMATS, "jezyk": ["pl"]})
        build = str(page.url.path)
        while 'data-stan="' not in page.text:
            time.sleep(0.25)  # as often as the progress stream looks
            page = self.client.get(f"{build}/stan")
        assert 'data-stan="gotowe"' in page.text, page.text[-2000:]
        self.client.get(build)  # the results page as shown
        return build

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def _token(text: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', text)
    assert found is not None
    return found.group(1)


def _median(server: _Server, url: str, headers: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        assert server.client.get(url, headers=headers).status_code == 200, url
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _changed_phone(target: Path) -> Path:
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book.worksheets[0]
    column = [cell.value for cell in sheet[1]].index("Tel. kom.") + 1
    sheet.cell(row=2, column=column).value = "723 000 999"
    book.save(target)
    return target


def _cli_build(work: Path) -> float:
    rosters = work / "cli"
    rosters.mkdir()
    for name in ("legnica-wzor.xlsx", "leaflets.toml"):
        shutil.copy(ROOT / "rosters" / name, rosters / name)
    shutil.copytree(ROOT / "rosters" / "zdjecia", rosters / "zdjecia")
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "leaflets",
            "build",
            str(rosters / "legnica-wzor.xlsx"),
            "--out",
            str(work / "cli-output"),
            "--format",
            ",".join(FORMATS),
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def measure_web(work: Path | None = None) -> list[WebFigure]:
    """Every figure with its target; `work` is a scratch folder (a temporary one if None)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-web-")) if work is None else work
    server = _Server(folder / "dane")
    try:
        start = time.perf_counter()
        page = server.upload(SAMPLE)
        assert "Problemy w wykazie" in page.text
        upload = time.perf_counter() - start
        workspace = str(page.url.path)
        server.post(f"{workspace}/ustawienia", data=SETTINGS)

        cli = _cli_build(folder)
        start = time.perf_counter()
        build = server.build(workspace)
        web_build = time.perf_counter() - start

        changed = _changed_phone(folder / "legnica-wzor.xlsx")
        time.sleep(PAUSE)
        start = time.perf_counter()
        server.upload(changed, url=f"{workspace}/wersje")
        server.build(workspace)
        rebuild = time.perf_counter() - start

        pages = {
            "start page": "/",
            "workspace page": workspace,
            "results page": build,
            "search page": f"{workspace}/szukaj",
            "settings page": f"{workspace}/ustawienia",
            "page view (images cached)": f"{build}/strony/"
            "komisariat-policji-legnica-srodmiescie-jednostka-fikcyjna/rejon-1-zakaczawie/"
            "ulotka-a5.pdf",
        }
        slowest = max(pages, key=lambda name: _median(server, pages[name]))
        slowest_s = _median(server, pages[slowest])
        typed = "ul. Chojnowska 80, Legnica"
        search = max(
            _median(server, f"{workspace}/szukaj?adres={typed[:n]}", {"HX-Request": "true"})
            for n in range(6, len(typed) + 1, 4)
        )
    finally:
        server.stop()
        if work is None:
            shutil.rmtree(folder, ignore_errors=True)
    return [
        WebFigure("upload of the sample -> problem table shown", upload, "≤ 1.5 s", upload <= 1.5),
        WebFigure(
            f"whole sample built from the web (CLI: {cli:.2f} s)",
            web_build,
            "≤ CLI + 2 s",
            web_build <= cli + 2,
        ),
        WebFigure(
            "new version, one changed phone: rebuilt and shown", rebuild, "≤ 3 s", rebuild <= 3
        ),
        WebFigure(
            f"slowest other page, median of 5 ({slowest})", slowest_s, "≤ 0.2 s", slowest_s <= 0.2
        ),
        WebFigure(
            "search as one types, slowest keystroke (median of 5)", search, "≤ 0.3 s", search <= 0.3
        ),
    ]


def table(figures: list[WebFigure]) -> str:
    return "\n".join(
        ["| measure | value | target | |", "|---|---|---|---|", *(f.row() for f in figures)]
    )


if __name__ == "__main__":
    print(table(measure_web()))
