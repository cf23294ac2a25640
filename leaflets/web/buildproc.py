"""One build, as a child process of the web app: `python -m leaflets.web.buildproc`.

The web app starts it in a process group of its own, ahead of need (it imports the pipeline
and WeasyPrint and sets up fonts while nobody waits), then writes one JSON line to its standard
input: what to build. The child calls the library (`pipeline.run`) and answers on standard
output with one JSON object a line:

    {"event": "ready"}                                  imports done, waiting for the job
    {"event": "start", "pid": …}                        the job was read
    {"event": "progress", "done": 7, "total": 28}
    {"event": "file", "area": …, "number": …, "name": …, "edition": …, "path": …}
    {"event": "done", "summary": {…}, "files": [...], "zip": "ulotki.zip"}
    {"event": "error", "message": "…"}                  Polish, for the page

Its standard input stays open after the job line: end-of-file there means the web app is
gone (even killed outright), and the child then ends its whole group, workers included.
A finished build's files are linked into the build's own folder (the snapshot: later builds
into the shared output folder replace files by renaming, so the links keep this build's
bytes) together with a ZIP of everything; only then is `done` printed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import signal
import sys
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ZIP_NAME = "ulotki.zip"


def emit(**message: Any) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _watch_parent() -> None:
    """Blocks until the web app closes our standard input, then ends this process group."""
    # The raw descriptor, not sys.stdin: a daemon thread blocked in a buffered read would
    # stop the interpreter from finishing (it holds the buffer's lock at shutdown).
    with contextlib.suppress(OSError):
        while os.read(0, 1 << 16):
            pass
    os.killpg(0, signal.SIGTERM)


def _warm_up() -> None:
    """Import what a build needs and let Pango load its fonts, before the job arrives."""
    import leaflets.output.printfiles
    import leaflets.output.problem_report
    import leaflets.pipeline
    import leaflets.render.plan
    import leaflets.render.renderer  # noqa: F401 - imports WeasyPrint

    with contextlib.suppress(Exception):
        import weasyprint

        weasyprint.HTML(string="<p>ąę</p>").write_pdf()


def snapshot(out: Path, files: Sequence[Path], target: Path) -> list[str]:
    """Hard-link (else copy) `files` from `out` into `target`, with a ZIP of them, through a
    temporary folder renamed at the end: the folder is complete or absent."""
    import shutil

    staging = target.with_name(f".{target.name}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    names: list[str] = []
    for path in files:
        relative = path.resolve().relative_to(out.resolve()).as_posix()
        destination = staging / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, destination)
        except OSError:
            shutil.copy2(path, destination)
        names.append(relative)
    names.sort()
    with zipfile.ZipFile(staging / ZIP_NAME, "w") as archive:
        for name in names:
            # PDFs are compressed already; the manifest and the report shrink.
            method = zipfile.ZIP_STORED if name.endswith(".pdf") else zipfile.ZIP_DEFLATED
            archive.write(staging / name, name, compress_type=method)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return names


def build(job: dict[str, Any]) -> int:
    from leaflets import pipeline
    from leaflets.config import WEB_SETTINGS_PLACE, Settings, load_config
    from leaflets.output.paths import area_key, area_pdf

    os.chdir(job["cwd"])  # the roster's name, not its folder, then names every problem's file
    config_path = Path(job["config"]) if job.get("config") else None
    out = Path(job["out"])
    settings = Settings(
        rosters=(Path(job["roster"]),),
        out=out,
        formats=tuple(job["formats"]),
        languages=tuple(job["languages"]),
        config=load_config(config_path),
        office_sheets=bool(job.get("office_sheets")),
        jobs=job.get("jobs"),
        meetings=(Path(job["meetings"]),) if job.get("meetings") else (),
        settings_place=WEB_SETTINGS_PLACE,
    )
    seq = 0

    def progress(done: int, total: int) -> None:
        emit(event="progress", done=done, total=total)

    def finished(items: Sequence[tuple[Any, Any]]) -> None:
        nonlocal seq
        for area, result in items:
            seq += 1
            path = area_pdf(settings, area, result.format, result.language)
            emit(
                event="file",
                seq=seq,
                area=area_key(area),
                number=area.number,
                name=area.name,
                edition=result.name,
                path=path.relative_to(out).as_posix(),
            )

    report = pipeline.run(settings, progress=progress, finished=finished)
    from leaflets.web.headers import header_table

    kept = [path for path in report.files if path.is_file()]
    headers = header_table(report.sheets)
    names = snapshot(out, kept, Path(job["snapshot"]))
    emit(
        event="done",
        summary={
            "rows": len(report.roster_rows),
            "rejected": sum(row.status == "rejected" for row in report.roster_rows),
            "areas": len(report.areas),
            "officers": report.officers,
            "errors": report.errors,
            "warnings": report.warnings,
            "files": len(names),
            "rendered": report.rendered,
            "headers": [dataclasses.asdict(sheet) for sheet in headers],
        },
        files=names,
        zip=ZIP_NAME,
    )
    return 0


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    _warm_up()
    emit(event="ready")
    line = sys.stdin.readline()
    if not line:
        return 0  # the web app stopped before giving this spare process a job
    threading.Thread(target=_watch_parent, daemon=True).start()
    from leaflets.errors import LeafletsError

    try:
        job = json.loads(line)
        emit(event="start", pid=os.getpid())
        return build(job)
    except LeafletsError as exc:
        emit(event="error", message=str(exc))
        return exc.exit_code
    except Exception:
        log.exception("build failed")
        emit(
            event="error",
            message="Nieoczekiwany błąd programu. Szczegóły są w dzienniku serwera"
            " (folder danych, dzienniki/).",
        )
        return 3


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # the stdin watcher thread is still blocked in its read
