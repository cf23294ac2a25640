"""The pipeline end to end: nothing lost, nothing silent, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from leaflets import pipeline
from leaflets.config import LeafletConfig, Settings, UnitDefaults, load_config
from leaflets.errors import RenderError, RosterError
from leaflets.output.files import atomic_file
from leaflets.render.renderer import Renderer
from tests.helpers import SAMPLE, Built, pdf_text

HEADER = "Jednostka;Rejon;Imię;Nazwisko;Telefon;E-mail;Ulice\n"


UNIT = LeafletConfig(unit=UnitDefaults("KP Test"))


def _csv(tmp_path: Path, body: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _nonempty_rows(path: Path) -> set[tuple[str, int]]:
    """Data rows counted independently of the tool: non-empty rows below each header."""
    workbook = openpyxl.load_workbook(path)
    rows = set()
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=2):
            if any(cell.value not in (None, "") for cell in row):
                rows.add((sheet.title, row[0].row))
    return rows


def test_manifest_lists_exactly_the_rows_of_the_file(built: Built) -> None:
    manifest = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    listed = {(row["sheet"], row["row"]) for row in manifest["rows"]}
    assert listed == _nonempty_rows(SAMPLE)
    assert {row["status"] for row in manifest["rows"] if row["sheet"] != "Spotkania"} == {"ok"}
    # The sample's meetings (its Spotkania sheet) are rows too, each printed.
    meetings = [row for row in manifest["rows"] if row["sheet"] == "Spotkania"]
    assert len(meetings) == 4 and {row["status"] for row in meetings} == {"meeting"}
    assert all(row["file"].endswith("legnica-wzor.xlsx") for row in manifest["rows"])
    ids = {area["id"] for area in manifest["areas"]}
    assert {row["area"] for row in manifest["rows"]} == ids
    for area in manifest["areas"]:
        assert set(area["files"]) == {"plakat-a4", "ulotka-a5"}
        for relative in area["files"].values():
            assert (built.out / relative).is_file()
        assert area["officers"] and all(o["phone"] for o in area["officers"])


def test_officer_serving_two_areas_is_on_both(built: Built) -> None:
    areas_by_officer: dict[str, set[str]] = {}
    for area in built.report.areas:
        for officer in area.officers:
            areas_by_officer.setdefault(officer.name, set()).add(area.number)
    assert any(len(numbers) >= 2 for numbers in areas_by_officer.values())


@pytest.mark.pdf
def test_bad_rows_are_reported_and_good_ones_still_rendered(tmp_path: Path) -> None:
    roster = _csv(
        tmp_path,
        "KP Test;1;Jan;Nowak;723 645 827;jan@test.example;ul. Polna\n"
        "KP Test;2;Anna;Lis;12345;;ul. Leśna\n",
    )
    report = pipeline.run(Settings(rosters=(roster,), out=tmp_path / "out", formats=("ulotka-a5",)))
    assert report.exit_code == 1
    statuses = {row.where.row: row.status for row in report.rows}
    assert statuses == {2: "ok", 3: "rejected"}
    bad = next(row for row in report.rows if row.where.row == 3)
    assert [p.describe() for p in bad.problems] == [
        f"{roster}, wiersz 3, kolumna E „Telefon”: nieprawidłowy numer telefonu — podaj polski"
        " numer, np. 600 000 000"
    ]
    assert (tmp_path / "out" / "kp-test" / "rejon-1" / "ulotka-a5.pdf").is_file()
    assert not (tmp_path / "out" / "kp-test" / "rejon-2").exists()


@pytest.mark.pdf
def test_strict_renders_nothing_when_any_row_is_bad(tmp_path: Path) -> None:
    roster = _csv(
        tmp_path,
        "KP Test;1;Jan;Nowak;723 645 827;;ul. Polna\nKP Test;2;Anna;Lis;;;ul. Leśna\n",
    )
    out = tmp_path / "out"
    report = pipeline.run(Settings(rosters=(roster,), out=out, strict=True))
    assert report.exit_code == 1
    assert not report.rendered
    assert sorted(p.name for p in out.rglob("*.pdf")) == []
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [row["status"] for row in manifest["rows"]] == ["ok", "rejected"]


@pytest.mark.pdf
def test_html_in_cells_prints_as_literal_text(tmp_path: Path) -> None:
    roster = _csv(
        tmp_path,
        'KP <i>Test</i>;1;<b>Jan</b>;Nowak<script>x</script>;723 645 827;;ul. <img src="http://x/y.png">\n',
    )
    report = pipeline.run(Settings(rosters=(roster,), out=tmp_path / "out", formats=("ulotka-a5",)))
    (path,) = (tmp_path / "out").rglob("ulotka-a5.pdf")
    text = pdf_text(path)
    assert "<b>Jan</b> Nowak<script>x</script>" in " ".join(text.split())
    assert "KP <i>Test</i>" in text
    assert not [p for p in report.problems if "WeasyPrint" in p.message]


@pytest.mark.pdf
def test_cyrillic_names_render_in_the_leaflet_font(tmp_path: Path) -> None:
    """Ukrainian editions need Cyrillic: no glyph may fall back to another font."""
    from pypdf import PdfReader

    roster = _csv(tmp_path, "KP Test;1;Олена;Коваленко;723 645 827;;ul. Polna\n")
    report = pipeline.run(Settings(rosters=(roster,), out=tmp_path / "out", formats=("ulotka-a5",)))
    (path,) = (tmp_path / "out").rglob("rejon-1/ulotka-a5.pdf")
    assert "Олена Коваленко" in " ".join(pdf_text(path).split())
    fonts = {
        str(ref.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(path).pages
        for ref in page["/Resources"]["/Font"].values()
    }
    assert all(name.startswith("Open-Sans") for name in fonts), fonts
    assert report.errors == 0


@pytest.mark.pdf
def test_check_mode_writes_nothing(tmp_path: Path) -> None:
    roster = _csv(tmp_path, "KP Test;1;Jan;Nowak;723 645 827;;ul. Polna\n")
    out = tmp_path / "out"
    report = pipeline.run(Settings(rosters=(roster,), out=out), write=False)
    assert report.exit_code == 0
    assert not out.exists()


@pytest.mark.pdf
def test_a_missing_moja_komenda_link_is_reported_with_where_the_file_goes(
    tmp_path: Path,
) -> None:
    roster = _csv(tmp_path, "KP Test;1;Jan;Nowak;723 645 827;;ul. Polna\n")
    report = pipeline.run(Settings(rosters=(roster,)), write=False)
    assert [p.message for p in report.problems if p.where is None] == [
        "nie ma linku do aplikacji Moja Komenda — ulotki nie mają jej kodu QR, tylko radę, by"
        " wyszukać ją w Google Play lub App Store; sprawdzony link do strony aplikacji wpisz w"
        f" pliku leaflets.toml obok pliku z wykazem (utwórz go w tym folderze, {tmp_path}/),"
        " w sekcji [linki], klucz moja_komenda"
    ]
    config = tmp_path / "leaflets.toml"
    config.write_text("[jednostka]\nnazwa = 'KP Test'\n", encoding="utf-8")
    settings = Settings(rosters=(roster,), config=load_config(config))
    (message,) = [p.message for p in pipeline.run(settings, write=False).problems]
    assert message.endswith(f"wpisz w pliku {config}, w sekcji [linki], klucz moja_komenda")


@pytest.mark.pdf
def test_low_contrast_colour_is_a_warning(tmp_path: Path) -> None:
    roster = _csv(tmp_path, "KP Test;1;Jan;Nowak;723 645 827;;ul. Polna\n")
    config = LeafletConfig(primary_color="#aaccee")
    report = pipeline.run(Settings(rosters=(roster,), config=config), write=False)
    assert any("ma za mały kontrast z białym tłem" in p.message for p in report.problems)


def test_interrupted_write_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "plakat-a4.pdf"
    target.parent.mkdir()
    target.write_bytes(b"%PDF-previous")
    with pytest.raises(KeyboardInterrupt), atomic_file(target) as handle:
        handle.write(b"%PDF-half")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"%PDF-previous"
    assert sorted(p.name for p in target.parent.iterdir()) == ["plakat-a4.pdf"]


@pytest.mark.pdf
@pytest.mark.weasyprint_warnings  # the refusals are what it checks
def test_renderer_refuses_files_outside_the_allowed_folders_and_the_network(
    tmp_path: Path,
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not really")
    (templates / "dokument.html").write_text(
        f'<html><body><img src="file://{secret}"><img src="https://example.com/x.png">'
        '<p id="leaflet-0">x</p></body></html>',
        encoding="utf-8",
    )
    for name in ("wspolne.css", "t.css"):
        (templates / name).write_text("", encoding="utf-8")
    renderer = Renderer(templates, allowed=[tmp_path / "rosters"])
    from leaflets.formats import FormatSpec

    spec = FormatSpec(
        name="t",
        template="t.html",
        width_mm=1,
        height_mm=1,
        pages=1,
        qr_module_mm=1,
        qr_min_mm=1,
        qr_max_mm=0,
        description="",
    )
    renderer.render(spec, [object()])
    assert renderer.fetcher.refused == [f"file://{secret}", "https://example.com/x.png"]


def test_broken_template_is_a_clear_error(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "dokument.html").write_text("{{ nie_ma_takiej_zmiennej }}", encoding="utf-8")
    renderer = Renderer(templates, allowed=[])
    from leaflets.formats import FORMATS

    with pytest.raises(RenderError, match="błąd w szablonie"):
        renderer.html(FORMATS["plakat-a4"], [])


@pytest.mark.pdf
def test_problem_report_neutralises_formulas(tmp_path: Path) -> None:
    roster = _csv(
        tmp_path,
        "KP Test;1;Jan;Nowak;723 645 827;;ul. Polna\nKP Test;2;Anna;Lis;=2+5*cmd;;ul. Leśna\n",
    )
    out = tmp_path / "out"
    pipeline.run(Settings(rosters=(roster,), out=out, formats=("ulotka-a5",)))
    sheet = openpyxl.load_workbook(out / "problemy.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Plik", "Arkusz", "Wiersz", "Kolumna", "Rodzaj", "Opis", "Wartość", "Kod")
    bad = next(row for row in rows if row[2] == 3)
    assert bad[3:] == (
        "E „Telefon”",
        "błąd",
        "nieprawidłowy numer telefonu — podaj polski numer, np. 600 000 000",
        "'=2+5*cmd",
        "zly-telefon",
    )
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.pdf
def test_csv_flags_override_detection(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("Rejon|Imię|Nazwisko|Telefon\n1|Łucja|Żak|723 645 827\n".encode("cp1250"))
    with pytest.raises(RosterError, match="nie rozpoznano wiersza nagłówka"):
        pipeline.run(Settings(rosters=(path,)), write=False)
    report = pipeline.run(
        Settings(rosters=(path,), encoding="cp1250", delimiter="|", config=UNIT), write=False
    )
    assert [(o.first_name, o.surname) for a in report.areas for o in a.officers] == [
        ("Łucja", "Żak")
    ]
