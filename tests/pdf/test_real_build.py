"""Issue 15 acceptance through a build: the clerk-shaped rosters of every real unit at once
(tests/data/real/*/wykaz.xlsx). The manifest agrees with expected.json, which the generator
wrote without the tool; every area with an officer has its leaflet, every unit its street
index, and a vacant area has no leaflet but is in the index."""

from __future__ import annotations

import json
from pathlib import Path

from leaflets import pipeline
from leaflets.config import Settings
from tests.helpers import pdf_text
from tests.test_real_rosters import EXPECTED, REAL, STATUS


def test_the_manifest_agrees_with_the_rows_as_written(tmp_path: Path) -> None:
    names = sorted(name for name in EXPECTED if name.endswith("/wykaz.xlsx"))
    out = tmp_path / "out"
    report = pipeline.run(
        Settings(
            rosters=tuple(REAL / name for name in names),
            out=out,
            formats=("ulotka-a6", "skorowidz"),
        )
    )
    assert not [p.message for p in report.problems if p.code == "weasyprint"]
    assert report.exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    written = [
        (str(REAL / name), str(e["sheet"]), int(e["row"]), STATUS[str(e["kind"])])
        for name in names
        for e in EXPECTED[name]
    ]
    assert [(r["file"], r["sheet"], r["row"], r["status"]) for r in manifest["rows"]] == written
    areas = {a["id"]: a for a in manifest["areas"]}
    for row in manifest["rows"]:
        if row["status"] == "ok":
            assert (out / row["area"] / "ulotka-a6.pdf").is_file()
            assert areas[row["area"]]["files"]
        elif row["status"] == "vacancy":
            assert not (out / row["area"]).exists()
            assert areas[row["area"]]["vacant"] is not None
    units = {area["id"].split("/")[0] for area in manifest["areas"]}
    assert len(units) == len({e["unit"] for n in names for e in EXPECTED[n] if e["unit"]})
    for unit in units:
        assert (out / unit / "skorowidz-ulic.pdf").is_file()
    index = " ".join(
        pdf_text(out / "komenda-miejska-policji-w-zorach" / "skorowidz-ulic.pdf").split()
    )
    assert "nieobsadzony — obsługuje dzielnicowy rejonu 8:" in index
