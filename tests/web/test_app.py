"""Routes and behaviour of the web app through TestClient, with the fake build child (no
layout): uploads, the problem table, builds, files, security and the Polish error pages."""

from __future__ import annotations

import io
import re
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest

from leaflets.web import store as records
from tests.web.conftest import DATA, SAMPLE, MakeWeb, Web, fake, gone

POLISH_PAGE = '<html lang="pl">'


def is_polish_page(response: object) -> bool:
    text = getattr(response, "text", "")
    kind = getattr(response, "headers", {}).get("content-type", "")
    return kind.startswith("text/html") and POLISH_PAGE in text and "Traceback" not in text


# Uploads and the workspace page


def test_upload_shows_the_problem_table_in_the_words_of_check(web: Web) -> None:
    workspace = web.new_workspace()
    page = web.get(workspace)
    assert page.status_code == 200
    text = page.text
    assert "legnica-wzor.xlsx, arkusz „Rejony miejskie”" in text
    assert "nie ma linku do aplikacji Moja Komenda — ulotki nie mają jej kodu QR" in text
    assert "nie znaleziono pliku zdjęcia wzor-sylwetka.png" in text  # photos are not uploaded
    assert re.search(r"<dt>Rejony</dt><dd>14</dd>", text)
    assert re.search(r"<dt>Wiersze</dt><dd>42</dd>", text)
    assert "/tmp/" not in text.split("<footer")[0].replace(str(web.data), "")


def test_problem_filter_tells_errors_from_warnings(web: Web) -> None:
    workspace = web.new_workspace(DATA / "wrogie.csv")
    everything = web.get(workspace).text
    assert 'class="rodzaj rodzaj-blad"' in everything or "rodzaj-ostrzezenie" in everything
    errors = web.get(f"{workspace}?rodzaj=bledy").text
    warnings = web.get(f"{workspace}?rodzaj=ostrzezenia").text
    assert "rodzaj-ostrzezenie" not in errors.split('id="problemy"')[1]
    assert "rodzaj-blad" not in warnings.split('id="problemy"')[1]
    fragment = web.get(
        f"{workspace}?rodzaj=bledy", headers={"HX-Request": "true", "HX-Target": "problemy"}
    )
    assert fragment.text.lstrip().startswith('<div id="problemy"')


def test_cp1250_csv_reads_polish_letters(web: Web, tmp_path: Path) -> None:
    """Polish Excel's CSV (Windows-1250, `;`), with the unit every leaflet needs."""
    text = (DATA / "cp1250-srednik.csv").read_text(encoding="cp1250").splitlines()
    rows = [f"jednostka;{text[0]}", *(f"KP Żory;{line}" for line in text[1:])]
    roster = tmp_path / "wykaz.csv"
    roster.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1250"))
    workspace = web.new_workspace(roster)
    search = web.get(f"{workspace}/szukaj?nazwisko=Śliwińska").text
    assert "Żaneta Śliwińska" in search


def test_empty_wrong_type_and_oversized_files_get_a_polish_page(make_web: MakeWeb) -> None:
    web = make_web(max_upload=2000)
    empty = web.upload(b"", "wykaz.xlsx")
    assert empty.status_code == 400 and is_polish_page(empty)
    assert "jest pusty" in empty.text
    wrong = web.upload(b"%PDF-1.4 ...", "wykaz.pdf")
    assert wrong.status_code == 415 and is_polish_page(wrong)
    assert "nie jest arkuszem" in wrong.text
    big = web.upload(b"x" * 5000, "wykaz.csv")
    assert big.status_code == 413 and is_polish_page(big)
    assert "2 MB" not in big.text and "limit" in big.text
    assert web.get("/").text.count('class="obszar"') == 0  # nothing was kept
    assert not any((web.data / "obszary").iterdir())


def test_upload_without_a_length_is_refused(web: Web) -> None:
    web.get("/")
    response = web.client.post(
        "/wyslij",
        content=iter([b"--x\r\n"]),
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert response.status_code == 411 and is_polish_page(response)


def test_a_renamed_file_is_explained_on_its_workspace(web: Web) -> None:
    workspace = web.new_workspace(DATA / "nie-arkusz.xlsx")
    text = web.get(workspace).text
    assert "Nie można odczytać wykazu" in text
    assert "nie-arkusz.xlsx" in text
    assert str(web.data) not in text.split("<footer")[0]
    assert "Utwórz ulotki</button>" not in text


def test_uploads_are_stored_under_server_chosen_names(web: Web) -> None:
    workspace = web.new_workspace(SAMPLE, name="../../Wykaz <KP> ŁÓDŹ.xlsx")
    files = list((web.data / "obszary").rglob("*.xlsx"))
    assert [f.name for f in files] == ["wykaz-kp-lodz.xlsx"]
    assert files[0].parent.name == "1" and files[0].is_relative_to(web.data)
    assert "Wykaz &lt;KP&gt; ŁÓDŹ" in web.get(workspace).text


def test_a_new_version_keeps_the_earlier_one(web: Web) -> None:
    workspace = web.new_workspace()
    response = web.upload(SAMPLE.read_bytes(), "legnica-wzor.xlsx", url=f"{workspace}/wersje")
    assert response.status_code == 303
    text = web.get(workspace).text
    assert "Wersja 2 z" in text
    assert text.count('<td data-etykieta="Wersja">') == 2


def test_rename_and_delete(web: Web) -> None:
    workspace = web.new_workspace()
    workspace_id = workspace.rsplit("/", 1)[1]
    assert web.post(f"{workspace}/nazwa", {"nazwa": "  KP   Legnica  "}).status_code == 303
    assert "<h1>KP Legnica</h1>" in web.get(workspace).text
    build = web.build(workspace)
    assert web.wait(build) == "gotowe"
    assert web.get(f"{workspace}/usun").status_code == 200
    assert web.post(f"{workspace}/usun").status_code == 303
    assert not (web.data / "obszary" / workspace_id).exists()
    assert web.get(workspace).status_code == 404
    assert web.get(build).status_code == 404


# Builds


def test_build_reports_progress_and_serves_its_files(web: Web) -> None:
    workspace = web.new_workspace()
    build = web.build(workspace)
    assert web.wait(build) == "gotowe"
    page = web.get(build).text
    links = re.findall(r'href="([^"]+/pliki/[^"]+)"', page)
    assert any(link.endswith("rejon-1/plakat-a4.pdf") for link in links)
    pdf = web.get(next(link for link in links if link.endswith("rejon-1/plakat-a4.pdf")))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf.headers["content-disposition"]
    image = web.get(f"{build}/obraz/komisariat-fikcyjny/rejon-1/plakat-a4.pdf?strona=2")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    view = web.get(f"{build}/strony/komisariat-fikcyjny/rejon-1/plakat-a4.pdf").text
    assert "Strona 2 z 2" in view
    assert "skala 100\u00a0%" in page


def test_zip_holds_every_file_of_the_build(web: Web) -> None:
    workspace = web.new_workspace()
    build = web.build(workspace)
    web.wait(build)
    response = web.get(f"{build}/zip")
    assert response.status_code == 200
    assert "ulotki-legnica-wzor-wersja-1.zip" in response.headers["content-disposition"]
    names = sorted(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    assert names == sorted(
        [
            "komisariat-fikcyjny/druk-plakat-a4.pdf",
            "manifest.json",
            *(f"komisariat-fikcyjny/rejon-{n}/plakat-a4.pdf" for n in (1, 2, 3)),
        ]
    )


TRAVERSALS = [
    "..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e/%2e%2e/%2e%2e/leaflets.sqlite3",
    "komisariat-fikcyjny/..%2F..%2F..%2F..%2Fleaflets.sqlite3",
    "%2Fetc%2Fpasswd",
    "manifest.json%00.pdf",
    "komisariat-fikcyjny%5C..%5C..%5Cleaflets.sqlite3",
    ".sekret-sesji",
    "..%252F..%252Fleaflets.sqlite3",
]


@pytest.mark.parametrize("route", ["pliki", "obraz", "strony"])
def test_encoded_path_traversal_finds_nothing(web: Web, route: str) -> None:
    workspace = web.new_workspace()
    build = web.build(workspace)
    web.wait(build)
    for attempt in TRAVERSALS:
        response = web.client.get(f"{build}/{route}/{attempt}")
        assert response.status_code == 404, attempt
        assert is_polish_page(response), attempt
        assert b"root:" not in response.content and b"SQLite" not in response.content


def test_sse_stream_sends_progress_files_and_the_end(make_web: MakeWeb) -> None:
    web = make_web(command=fake("--steps", "4", "--delay", "0.3"))
    workspace = web.new_workspace()
    build = web.build(workspace)
    events: list[tuple[str, str]] = []
    event = ""
    with web.client.stream("GET", f"{build}/zdarzenia") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event:
                events.append((event, line[5:]))
    names = [name for name, _ in events]
    assert names[-1] == "koniec"
    values = [
        int(m.group(1))
        for name, data in events
        if name == "postep"
        for m in [re.search(r'value="(\d+)"', data)]
        if m
    ]
    assert len(set(values)) >= 3 and values == sorted(values)
    assert any(name == "plik" and "rejon-1/plakat-a4.pdf" in data for name, data in events)
    assert any('id="akcje" hx-swap-oob="true"' in data for _, data in events)


def test_polling_fallback_stops_with_286(web: Web) -> None:
    workspace = web.new_workspace()
    build = web.build(workspace)
    assert 'hx-get="' in web.get(f"{build}?tryb=odpytywanie").text or True
    web.wait(build)
    state = web.get(f"{build}/stan")
    assert state.status_code == 286
    assert 'data-stan="gotowe"' in state.text and "hx-trigger" not in state.text


def test_cancel_ends_the_whole_process_group(make_web: MakeWeb) -> None:
    web = make_web(command=fake("--steps", "50", "--delay", "0.2"))
    workspace = web.new_workspace()
    build = web.build(workspace)
    build_id = int(build.rsplit("/", 1)[1])
    store = records.Store(web.data)
    deadline = time.monotonic() + 20
    while (found := store.build(build_id)) is None or found.done < 1:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    pgid = found.pgid
    assert pgid is not None
    assert web.post(f"{build}/anuluj").status_code == 303
    assert web.wait(build) == "anulowane"
    assert "Spróbuj ponownie" in web.get(build).text
    assert gone(pgid)


def test_a_second_build_of_a_workspace_waits_and_says_so(make_web: MakeWeb) -> None:
    web = make_web(command=fake("--steps", "20", "--delay", "0.1"), jobs=2)
    workspace = web.new_workspace()
    first = web.build(workspace)
    second = web.build(workspace)
    other = web.build(web.new_workspace())
    text = web.get(second).text
    assert "Czeka, aż skończy się tworzenie ulotek rozpoczęte wcześniej w tym obszarze." in text
    assert "Czeka" not in web.get(other).text.split('id="tworzenie"')[1].split("</div>")[0]
    assert web.wait(first) == web.wait(second) == web.wait(other) == "gotowe"


def test_builds_beyond_jobs_wait_for_a_free_slot(make_web: MakeWeb) -> None:
    web = make_web(command=fake("--steps", "20", "--delay", "0.1"), jobs=1)
    first = web.build(web.new_workspace())
    second = web.build(web.new_workspace())
    assert "Czeka na wolne miejsce: naraz mogą trwać najwyżej 1" in web.get(second).text
    assert web.wait(first) == web.wait(second) == "gotowe"


def test_a_failed_build_shows_its_polish_message(make_web: MakeWeb) -> None:
    web = make_web(command=fake("--fail"))
    build = web.build(web.new_workspace())
    assert web.wait(build) == "blad"
    text = web.get(build).text
    assert "Nie można odczytać wykazu: próba błędu." in text
    assert "Spróbuj ponownie" in text
    assert web.get(f"{build}/zip").status_code == 404


def test_a_build_cut_off_by_a_restart_is_interrupted_and_can_be_retried(
    make_web: MakeWeb, tmp_path: Path
) -> None:
    data = tmp_path / "wspolne"
    web = make_web(command=fake("--steps", "100", "--delay", "0.2"), data=data)
    build = web.build(web.new_workspace())
    time.sleep(0.5)
    web.client.__exit__(None, None, None)  # the server stops: its lifespan ends the build
    again = make_web(command=fake(), data=data)
    text = again.get(build).text
    assert 'data-stan="przerwane"' in text and "Spróbuj ponownie" in text
    retried = again.post(f"{build}/ponow")
    assert retried.status_code == 303
    assert again.wait(retried.headers["location"]) == "gotowe"


def test_a_crash_mid_build_never_shows_as_done(make_web: MakeWeb, tmp_path: Path) -> None:
    data = tmp_path / "po-awarii"
    web = make_web(data=data)
    workspace = web.new_workspace()
    workspace_id = workspace.rsplit("/", 1)[1]
    store = records.Store(data)
    version = store.versions(workspace_id)[0]
    crashed = store.add_build(
        workspace_id, version.id, {"formats": ["plakat-a4"], "languages": ["pl"]}
    )
    store.update_build(crashed.id, status=records.RUNNING)
    half = data / "obszary" / workspace_id / "wersje" / ".wysylanie-0123456789abcdef"
    half.write_bytes(b"half an upload")
    later = make_web(data=data)
    assert store.build(crashed.id).status == records.INTERRUPTED  # type: ignore[union-attr]
    assert not half.exists()
    assert 'data-stan="przerwane"' in later.get(f"{workspace}/ulotki/{crashed.id}").text


def test_records_live_in_sqlite_in_the_data_folder(web: Web) -> None:
    workspace = web.new_workspace()
    web.wait(web.build(workspace))
    with sqlite3.connect(web.data / "leaflets.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM workspaces").fetchone() == (1,)
        assert db.execute("SELECT status FROM builds").fetchall() == [("gotowe",)]
        assert db.execute("SELECT number, filename FROM versions").fetchall() == [
            (1, "legnica-wzor.xlsx")
        ]


# Security


def test_forms_need_the_csrf_token_and_this_origin(web: Web) -> None:
    web.get("/")
    content = SAMPLE.read_bytes()
    files = {"wykaz": ("w.xlsx", content, "application/octet-stream")}
    missing = web.client.post("/wyslij", files=files)
    assert missing.status_code == 403 and is_polish_page(missing)
    wrong = web.client.post("/wyslij", data={"csrf": "x" * 43}, files=files)
    assert wrong.status_code == 403
    foreign = web.client.post(
        "/wyslij", data={"csrf": web.token}, files=files, headers={"Origin": "http://evil.example"}
    )
    assert foreign.status_code == 403
    null = web.client.post(
        "/wyslij", data={"csrf": web.token}, files=files, headers={"Origin": "null"}
    )
    assert null.status_code == 403  # a sandboxed or file:// page
    cross = web.client.post(
        "/wyslij", data={"csrf": web.token}, files=files, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert cross.status_code == 403
    same = web.client.post(
        "/wyslij",
        data={"csrf": web.token},
        files=files,
        headers={"Origin": "http://127.0.0.1"},
        follow_redirects=False,
    )
    assert same.status_code == 303
    assert web.get("/").text.count('class="obszar"') == 1


def test_every_form_checks_the_token(web: Web) -> None:
    workspace = web.new_workspace()
    build = web.build(workspace)
    web.wait(build)
    for url in (
        "/wyloguj",
        f"{workspace}/wersje",
        f"{workspace}/nazwa",
        f"{workspace}/usun",
        f"{workspace}/ulotki",
        f"{workspace}/ustawienia",
        f"{build}/anuluj",
        f"{build}/ponow",
        "/logowanie",
    ):
        response = web.client.post(url, data={"csrf": "zly"})
        assert response.status_code == 403, url
        assert is_polish_page(response), url


def test_a_foreign_host_gets_a_polish_refusal(web: Web) -> None:
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example"):
        response = web.client.get("/", headers={"Host": host})
        assert response.status_code == 400 and is_polish_page(response), host
        assert "Nieznany adres serwera" in response.text
    for host in ("localhost:8000", "[::1]:8000", "127.0.0.1"):
        assert web.client.get("/", headers={"Host": host}).status_code == 200, host


def test_security_headers_on_every_answer(web: Web) -> None:
    for url in ("/", "/static/leaflets.css", "/nie-ma"):
        headers = web.client.get(url).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    refused = web.client.get("/", headers={"Host": "evil.example"}).headers
    assert refused["x-content-type-options"] == "nosniff"


def test_pages_load_nothing_remote_and_run_no_inline_script(web: Web) -> None:
    workspace = web.new_workspace()
    build = web.build(workspace)
    web.wait(build)
    for url in ("/", workspace, build, f"{workspace}/szukaj", f"{workspace}/ustawienia"):
        text = web.get(url).text
        assert not re.search(r'(src|href)="(https?:)?//', text), url
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), url
        assert " style=" not in text and " onclick=" not in text, url


def test_errors_are_polish_pages_never_json(web: Web) -> None:
    for url, status in (
        ("/nie-ma-takiej-strony", 404),
        ("/obszary/000000000000", 404),
        ("/obszary/nie-id", 404),
        ("/obszary/000000000000/ulotki/nie-liczba", 400),
        ("/obszary/000000000000/ulotki/1/obraz/x.pdf?strona=abc", 400),
        ("/static/nie-ma.css", 404),
    ):
        response = web.client.get(url)
        assert response.status_code == status, url
        assert is_polish_page(response), url
        assert not response.text.lstrip().startswith("{")
    method = web.client.put("/")
    assert method.status_code == 405 and is_polish_page(method)


def test_password_is_required_off_loopback() -> None:
    from leaflets.errors import UsageError
    from leaflets.web.settings import PasswordHash, ServeSettings, check_exposure

    for host in ("0.0.0.0", "192.168.1.20", "::"):
        with pytest.raises(UsageError, match="wymaga hasła"):
            check_exposure(ServeSettings(host=host))
        check_exposure(ServeSettings(host=host, password=PasswordHash.of("dlugie-haslo")))
    check_exposure(ServeSettings(host="127.0.0.1"))
    check_exposure(ServeSettings(host="::1"))


def test_serve_refuses_to_start_on_the_network_without_a_password(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "LEAFLETS_HASLO"}
    done = subprocess.run(
        [sys.executable, "-m", "leaflets", "serve", "--host", "0.0.0.0", "--dane", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert "wymaga hasła: podaj --haslo-plik PLIK" in done.stderr
    assert not (tmp_path / "leaflets.sqlite3").exists()


def test_password_file_and_variable_are_kept_only_as_a_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leaflets.errors import UsageError
    from leaflets.web.settings import PASSWORD_ENV, read_password

    secret = tmp_path / "haslo.txt"
    secret.write_text("tajne-haslo-123\n", encoding="utf-8")
    hashed = read_password(secret)
    assert hashed is not None and hashed.matches("tajne-haslo-123")
    assert not hashed.matches("tajne-haslo-124")
    assert b"tajne" not in hashed.digest + hashed.salt
    monkeypatch.setenv(PASSWORD_ENV, "z-zmiennej-1")
    from_env = read_password(None)
    assert from_env is not None and from_env.matches("z-zmiennej-1")
    import os

    assert PASSWORD_ENV not in os.environ  # build children do not inherit it
    (tmp_path / "puste.txt").write_text("\n", encoding="utf-8")
    with pytest.raises(UsageError, match="pusty"):
        read_password(tmp_path / "puste.txt")
    (tmp_path / "krotkie.txt").write_text("abc", encoding="utf-8")
    with pytest.raises(UsageError, match="8 znaków"):
        read_password(tmp_path / "krotkie.txt")


def test_login_guards_every_page(make_web: MakeWeb) -> None:
    from leaflets.web.settings import PasswordHash

    web = make_web(password=PasswordHash.of("haslo-biura-1"))
    first = web.client.get("/obszary/000000000000", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/logowanie?dalej=/obszary/000000000000"
    assert web.client.get("/static/leaflets.css").status_code == 200
    login = web.get("/logowanie")
    assert login.status_code == 200 and 'type="password"' in login.text
    assert web.post("/wyslij").status_code == 303  # to the login, nothing uploaded
    wrong = web.post("/logowanie", {"haslo": "zle-haslo", "dalej": "/"})
    assert wrong.status_code == 401 and "Nieprawidłowe hasło" in wrong.text
    right = web.post("/logowanie", {"haslo": "haslo-biura-1", "dalej": "//evil.example/"})
    assert right.status_code == 303 and right.headers["location"] == "/"
    assert "Wyloguj" in web.get("/").text
    cookie = web.client.cookies.get("leaflets_sesja")
    assert cookie and "haslo-biura" not in cookie
    web.post("/wyloguj")
    assert web.client.get("/", follow_redirects=False).status_code == 303


def test_session_secret_is_kept_private_across_restarts(make_web: MakeWeb, tmp_path: Path) -> None:
    data = tmp_path / "sesja"
    make_web(data=data)
    secret = data / ".sekret-sesji"
    assert secret.stat().st_mode & 0o777 == 0o600
    first = secret.read_text()
    make_web(data=data)
    assert secret.read_text() == first


XSS = "<script>alert('x')</script>"


def test_roster_text_is_escaped_on_every_page(web: Web) -> None:
    workspace = web.new_workspace(DATA / "wrogie.csv", name=f"{XSS}.csv")
    web.post(f"{workspace}/nazwa", {"nazwa": f"KP {XSS}"})
    web.post(f"{workspace}/ustawienia", {"jednostka_nazwa": XSS, "jednostka_adres": '"><img>'})
    build = web.build(workspace)
    web.wait(build)
    pages = [
        "/",
        workspace,
        f"{workspace}?rodzaj=bledy",
        f"{workspace}/szukaj?nazwisko=Nowak",
        f"{workspace}/szukaj?adres={XSS}",
        f"{workspace}/szukaj?nazwisko={XSS}",
        f"{workspace}/ustawienia",
        f"{workspace}/usun",
        build,
    ]
    for url in pages:
        text = web.get(url).text
        assert "<script>alert" not in text and "<b>Jan</b>" not in text, url
        assert "<style>*{display" not in text and '<img src="https://example' not in text, url
    found = web.get(f"{workspace}/szukaj?nazwisko=Nowak").text
    assert "Nowak&lt;script&gt;alert(1)&lt;/script&gt;" in found


# Search and settings


def test_search_answers_address_and_name(web: Web) -> None:
    workspace = web.new_workspace()
    address = web.get(f"{workspace}/szukaj?adres=ul. Chojnowska 80, Legnica").text
    assert "Rejon nr 1 — Zakaczawie" in address and "Łukasz Kowalczyk" in address
    fragment = web.get(
        f"{workspace}/szukaj?nazwisko=kowalczyk", headers={"HX-Request": "true"}
    ).text
    assert fragment.lstrip().startswith('<section id="odpowiedz"')
    assert "Łukasz Kowalczyk" in fragment and "<html" not in fragment
    nothing = web.get(f"{workspace}/szukaj?adres=Chojnowsk 12, Legnica").text
    assert "Nie znaleziono" in nothing
    unclear = web.get(f"{workspace}/szukaj?adres=Legnica").text
    assert "Podaj ulicę z numerem domu" in unclear or "Nie znaleziono" in unclear
    short = web.get(f"{workspace}/szukaj?nazwisko=k").text
    assert "Wpisz więcej liter." in short


def test_settings_form_saves_leaflets_toml_checked_like_the_cli(web: Web) -> None:
    workspace = web.new_workspace()
    folder = web.data / "obszary" / workspace.rsplit("/", 1)[1]
    good = web.post(
        f"{workspace}/ustawienia",
        {
            "jednostka_nazwa": 'KP "Śródmieście"',
            "jednostka_adres": "ul. Przykładowa 1, 59-220 Legnica",
            "wydruk_stan_na": "2026-11-01",
            "wydruk_kolor": "#14264B",
            "wydruk_wzor": "tak",
            "wydruk_korekcja_qr": "Q",
        },
    )
    assert good.status_code == 200 and "Zapisano ustawienia." in good.text
    import tomllib

    saved = tomllib.loads((folder / "leaflets.toml").read_text(encoding="utf-8"))
    assert saved["jednostka"]["nazwa"] == 'KP "Śródmieście"'
    assert str(saved["wydruk"]["stan_na"]) == "2026-11-01"
    assert saved["wydruk"]["wzor"] is True and saved["wydruk"]["korekcja_qr"] == "Q"
    assert "nie ma linku do aplikacji Moja Komenda — ulotki nie mają jej kodu QR" in good.text
    bad_colour = web.post(f"{workspace}/ustawienia", {"wydruk_kolor": "granatowy"})
    assert bad_colour.status_code == 400
    assert "[wydruk] kolor: kolor podaj jako #RRGGBB, np. #14264b." in bad_colour.text
    assert str(folder) not in bad_colour.text
    bad_link = web.post(f"{workspace}/ustawienia", {"linki_moja_komenda": "http://x.example"})
    assert "[linki] moja_komenda: link musi zaczynać się od https://." in bad_link.text
    bad_date = web.post(f"{workspace}/ustawienia", {"wydruk_stan_na": "1.11.2026"})
    assert "data musi mieć postać RRRR-MM-DD" in bad_date.text
    weak = web.post(f"{workspace}/ustawienia", {"wydruk_kolor": "#aaaaaa"})
    assert "ma za mały kontrast z białym tłem" in weak.text
    assert tomllib.loads((folder / "leaflets.toml").read_text())["wydruk"]["kolor"] == "#aaaaaa"


def test_settings_logo_upload(web: Web) -> None:
    from PIL import Image

    workspace = web.new_workspace()
    folder = web.data / "obszary" / workspace.rsplit("/", 1)[1]
    picture = io.BytesIO()
    Image.new("RGB", (40, 20), "#14264b").save(picture, format="PNG")
    saved = web.post(
        f"{workspace}/ustawienia",
        files={"logo": ("nasze logo.png", picture.getvalue(), "image/png")},
    )
    assert saved.status_code == 200 and "Zapisano ustawienia." in saved.text
    logos = list(folder.glob("logo-*.png"))
    assert len(logos) == 1
    assert f'logo = "{logos[0].name}"' in (folder / "leaflets.toml").read_text()
    preview = web.get(f"{workspace}/logo")
    assert preview.status_code == 200 and preview.content == picture.getvalue()
    fake_png = web.post(
        f"{workspace}/ustawienia", files={"logo": ("logo.png", b"<html>", "image/png")}
    )
    assert (
        fake_png.status_code == 400 and "logo musi być plikiem PNG, JPEG albo SVG" in fake_png.text
    )
    assert list(folder.glob("logo-*.png")) == logos
    removed = web.post(f"{workspace}/ustawienia", {"usun_logo": "tak"})
    assert removed.status_code == 200 and not list(folder.glob("logo-*"))


def test_pages_answer_quickly(web: Web) -> None:
    workspace = web.new_workspace()
    build = web.build(workspace)
    web.wait(build)
    for url in (
        "/",
        workspace,
        build,
        f"{workspace}/szukaj?adres=Chojnowska 80, Legnica",
        f"{workspace}/ustawienia",
    ):
        web.get(url)
        start = time.perf_counter()
        web.get(url)
        assert time.perf_counter() - start < 0.5, url  # 200 ms is measured by make bench
