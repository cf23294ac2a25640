"""A stand-in for `leaflets.web.buildproc` in the fast web tests: the same protocol on stdin
and stdout, blank A4 PDFs instead of leaflets (pypdf, no layout), and a worker grandchild in
its process group, so cancelling and shutdown are tested against a real group.

    python fakebuild.py [--steps N] [--delay S] [--fail]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from pypdf import PdfWriter

from leaflets.web.buildproc import emit, snapshot

UNIT = "komisariat-fikcyjny"


def _watch() -> None:
    while os.read(0, 1 << 16):
        pass
    os.killpg(0, 15)


def _pdf(path: Path, pages: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595.28, 841.89)
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("wb") as handle:
        writer.write(handle)
    temporary.replace(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--fail", action="store_true")
    args = parser.parse_args()
    emit(event="ready")
    line = sys.stdin.readline()
    if not line:
        return 0
    threading.Thread(target=_watch, daemon=True).start()
    job = json.loads(line)
    os.chdir(job["cwd"])
    worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    emit(event="start", pid=os.getpid(), worker=worker.pid)
    out = Path(job["out"])
    emit(event="progress", done=0, total=args.steps)
    files: list[Path] = []
    for step in range(1, args.steps + 1):
        time.sleep(args.delay)
        relative = f"{UNIT}/rejon-{step}/plakat-a4.pdf"
        _pdf(out / relative, 2 if step == 1 else 1)
        files.append(out / relative)
        emit(
            event="file",
            seq=step,
            area=f"{UNIT}/rejon-{step}",
            number=str(step),
            name="",
            edition="plakat-a4",
            path=relative,
        )
        emit(event="progress", done=step, total=args.steps)
    if args.fail:
        emit(event="error", message="Nie można odczytać wykazu: próba błędu.")
        worker.kill()
        return 2
    _pdf(out / UNIT / "druk-plakat-a4.pdf", args.steps)
    manifest = {
        "rows": [
            {
                "file": job["roster"],
                "sheet": "",
                "row": 2,
                "status": "ok",
                "area": f"{UNIT}/rejon-1",
                "problems": [],
            }
        ],
        "areas": [
            {
                "id": f"{UNIT}/rejon-{n}",
                "unit": "Komisariat Fikcyjny",
                "number": str(n),
                "name": "",
                "officers": [
                    {"rank": "asp.", "name": "Jan Nowak", "phone": "600 000 000", "email": ""}
                ],
                "files": {"plakat-a4": f"{UNIT}/rejon-{n}/plakat-a4.pdf"},
            }
            for n in range(1, args.steps + 1)
        ],
        "problems": [],
    }
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    files += [out / UNIT / "druk-plakat-a4.pdf", out / "manifest.json"]
    names = snapshot(out, files, Path(job["snapshot"]))
    worker.kill()
    worker.wait()
    emit(
        event="done",
        files=names,
        zip="ulotki.zip",
        summary={
            "rows": 1,
            "rejected": 0,
            "areas": args.steps,
            "officers": 1,
            "errors": 0,
            "warnings": 0,
            "files": len(names),
            "rendered": True,
            "headers": None,
        },
    )
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)
