"""What `leaflets serve` runs with, and every default of the web app in one place.

The web defaults live here rather than in leaflets/config.py so that the web package stays
self-contained: config.py describes a build, this module a server.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

from leaflets.errors import UsageError, os_reason

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_JOBS = 1
"""Builds running at once across workspaces: each build already uses every core."""
PASSWORD_ENV = "LEAFLETS_HASLO"
"""The environment variable a password may come in (else `--haslo-plik`)."""
MAX_UPLOAD_BYTES = 25 * 1024 * 1024
"""Largest roster upload; stated on the start page. A national roster in the long shape is
about 10 MB as xlsx."""
MAX_LOGO_BYTES = 2 * 1024 * 1024
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
"""Host names a browser on this machine uses; always allowed (the port is not compared)."""
APP_NAME = "leaflets"


def default_data_dir() -> Path:
    """A folder in the user's data directory: $XDG_DATA_HOME/leaflets (~/.local/share/leaflets)
    on Linux, %LOCALAPPDATA%\\leaflets on Windows, ~/Library/Application Support on macOS."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    name = host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class PasswordHash:
    """The password as a salted scrypt hash: the text itself is dropped once hashed."""

    salt: bytes
    digest: bytes

    N = 2**14
    R = 8
    P = 1

    @classmethod
    def of(cls, password: str) -> PasswordHash:
        salt = secrets.token_bytes(16)
        return cls(salt, cls._hash(password, salt))

    @classmethod
    def _hash(cls, password: str, salt: bytes) -> bytes:
        return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=cls.N, r=cls.R, p=cls.P)

    def matches(self, password: str) -> bool:
        return hmac.compare_digest(self._hash(password, self.salt), self.digest)

    @property
    def fingerprint(self) -> str:
        """Kept in a logged-in session: a new password (a restart) logs everyone out."""
        return hashlib.sha256(self.salt + self.digest).hexdigest()[:16]


@dataclass(frozen=True)
class ServeSettings:
    """Everything the server needs; the CLI builds it from flags, tests build it directly."""

    data: Path = field(default_factory=default_data_dir)
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    jobs: int = DEFAULT_JOBS
    password: PasswordHash | None = None
    server_names: tuple[str, ...] = ()
    """Extra names or addresses colleagues open the server by (the Host allow-list)."""
    max_upload: int = MAX_UPLOAD_BYTES

    def allowed_hosts(self) -> list[str]:
        names = [*LOOPBACK_NAMES, *self.server_names]
        if not is_loopback(self.host) and self.host not in ("0.0.0.0", "::"):
            names.append(f"[{self.host}]" if ":" in self.host else self.host)
        return list(dict.fromkeys(names))

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.port}"


def read_password(path: Path | None) -> PasswordHash | None:
    """The password from `--haslo-plik` (its first line) or else the environment variable,
    hashed. The variable is removed from this process's environment, so build processes do
    not inherit it."""
    text: str | None = None
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise UsageError(
                f"{path}: nie można odczytać pliku z hasłem: {os_reason(exc)}."
            ) from exc
        except UnicodeDecodeError as exc:
            raise UsageError(f"{path}: plik z hasłem nie jest zapisany w UTF-8.") from exc
        text = lines[0].strip() if lines else ""
        if not text:
            raise UsageError(f"{path}: plik z hasłem jest pusty — wpisz hasło w pierwszym wierszu.")
    env = os.environ.pop(PASSWORD_ENV, None)
    if text is None and env is not None:
        text = env.strip()
        if not text:
            raise UsageError(f"zmienna {PASSWORD_ENV} jest pusta — ustaw w niej hasło.")
    if text is None:
        return None
    if len(text) < 8:
        raise UsageError("hasło musi mieć co najmniej 8 znaków.")
    return PasswordHash.of(text)


def check_exposure(settings: ServeSettings) -> None:
    """A server other machines can reach must ask for a password."""
    if not is_loopback(settings.host) and settings.password is None:
        raise UsageError(
            f"serwer pod adresem {settings.host} byłby dostępny z sieci, więc wymaga hasła: "
            f"podaj --haslo-plik PLIK (hasło w pierwszym wierszu) albo ustaw zmienną "
            f"{PASSWORD_ENV}."
        )
