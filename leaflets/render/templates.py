"""Where templates and stylesheets are looked up — the unit's own folder (`[wydruk]
szablony`), then the packaged `templates/` — and the digest of what is there."""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import importlib.resources
from collections.abc import Sequence
from pathlib import Path

_RESOURCES = contextlib.ExitStack()
atexit.register(_RESOURCES.close)


@functools.cache
def packaged_templates() -> Path:
    """The `templates/` folder shipped with the package, as a real folder for the whole run
    (a zipped install is unpacked once and removed at exit)."""
    files = importlib.resources.files("leaflets.templates")
    return Path(_RESOURCES.enter_context(importlib.resources.as_file(files)))


def template_folders(unit_templates: Path | None) -> tuple[Path, ...]:
    """Where templates and stylesheets are looked up, in order: the unit's own folder (if
    any), then the packaged templates."""
    packaged = packaged_templates().resolve()
    return (unit_templates.resolve(), packaged) if unit_templates else (packaged,)


def digest_folders(folders: Sequence[Path]) -> str:
    """A hash of every file's name and bytes in `folders`: a template edit means a rebuild."""
    digest = hashlib.sha256()
    for folder in folders:
        digest.update(b"\0folder\0")  # the same file name in two folders is two files
        for path in sorted(
            p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
