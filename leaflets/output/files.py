"""Files in the output folder: the folder checked before work, atomic writes, JSON."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from leaflets.errors import OutputError, os_reason, output_error

log = logging.getLogger(__name__)


def prepare_folder(out: Path) -> None:
    """Make sure the output folder exists and takes files before anything is rendered: a bad
    `--out` is said at once, in Polish, not after minutes of work or as a traceback."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"„{out}” to plik, a nie folder — podaj w --out folder na ulotki.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"nie można utworzyć folderu „{out}”: {os_reason(exc)}.") from exc
    if not os.access(out, os.W_OK | os.X_OK):
        reason = "dysk tylko do odczytu" if _read_only(out) else "brak uprawnień"
        raise OutputError(f"nie można zapisywać w folderze „{out}”: {reason}.")


def _read_only(folder: Path) -> bool:
    """Whether the folder is on a file system mounted read-only (a write-protected USB stick,
    a network share mounted `ro`): not a matter of permissions the user could change."""
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    if statvfs is None:
        return False
    try:
        return bool(statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold the output folder for one build: a second build into it waits until the first
    is done (never interleaves its files). The lock is the kernel's (flock on the folder
    itself), so a killed build releases it and no lock file is left behind."""
    try:
        descriptor = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise output_error(exc, out) from exc
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("Inna praca zapisuje teraz do folderu „%s” — czekam, aż się skończy.", out)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""What `atomic_file` names its temporary files (NamedTemporaryFile's 8 random characters)."""


def remove_temporary_files(out: Path) -> int:
    """Remove the temporary files interrupted builds left in the output folder (a write
    killed before its rename); called under `build_lock`, so none is being written. Returns
    how many were removed."""
    removed = 0
    for folder, _, names in os.walk(out):
        for name in names:
            if _TEMPORARY.match(name):
                with contextlib.suppress(OSError):
                    (Path(folder) / name).unlink()
                    removed += 1
    return removed


def area_folders(out: Path, units: Iterable[str]) -> list[str]:
    """The area folders of `units` (their folders' names) in the output folder that hold
    PDFs (`unit/rejon-…`, as `paths.area_key` names them), whichever build wrote them."""
    return sorted(
        f"{unit}/{folder.name}"
        for unit in set(units)
        for folder in (out / unit).glob("rejon-*")
        if folder.is_dir() and any(folder.glob("*.pdf"))
    )


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside `path`, then rename it over `path`: an interrupted
    build leaves the previous complete file in place and no half-written one. A failing write
    (a full disk, a folder made read-only) is an OutputError naming the file, in Polish."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Not a with-block: the file must outlive the write so it can be renamed, then closed.
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise output_error(exc, path) from exc
    try:
        with handle:
            # NamedTemporaryFile creates the file 0600 and the rename keeps that mode: give
            # it the mode any new file gets, so colleagues on a shared folder can open it.
            os.fchmod(handle.fileno(), 0o666 & ~current_umask())
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(handle.name).replace(path)
    except OSError as exc:
        Path(handle.name).unlink(missing_ok=True)
        raise output_error(exc, path) from exc
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    with atomic_file(path) as handle:
        handle.write(text.encode("utf-8"))


def current_umask() -> int:
    """The process's umask, read without changing it (os.umask sets it to read it, which a
    thread writing a file at that moment would see); Linux says it in /proc/self/status."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, None when it is not there: what a cache trusts instead
    of the file merely existing (a truncated or damaged PDF is not current). Computed once per
    version of the file (its size, time and inode)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _digest(path, stat.st_size, stat.st_mtime_ns, stat.st_ino)


@functools.lru_cache(maxsize=65_536)
def _digest(path: Path, size: int, mtime_ns: int, inode: int) -> str | None:
    del size, mtime_ns, inode  # the key of the memo: another version is hashed again
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
