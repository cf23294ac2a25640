"""What keeps the app to its users: the Host allow-list, security headers, the login, and the
CSRF token and Origin check every form goes through. The middlewares are plain ASGI (not
BaseHTTPMiddleware), so the progress stream passes through untouched."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from leaflets.web.settings import PasswordHash

CSP = (
    "default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
    "object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
SESSION_COOKIE = "leaflets_sesja"
SECRET_FILE = ".sekret-sesji"
LOGIN_PATH = "/logowanie"
OPEN_PATHS = (LOGIN_PATH, "/static/")
"""What answers without a login: the login page and the files it needs."""

ErrorPage = Callable[[int, str, str], Awaitable[Any]]
"""(status, title, message) -> an ASGI response showing the Polish error page."""


class FormRejected(Exception):
    """A form without the right CSRF token or from another origin; answered with 403."""


def session_secret(folder: Path) -> str:
    """Kept in the data folder (mode 0600): open pages keep working across a restart."""
    path = folder / SECRET_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    secret = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(secret, encoding="utf-8")
    path.chmod(0o600)
    return secret


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostCheck:
    """Answers a request for any other Host with a Polish page (against DNS rebinding): a
    page of a foreign site that resolves its own name to this machine gets nothing."""

    def __init__(self, app: ASGIApp, allowed: list[str], error_page: ErrorPage) -> None:
        self.app = app
        self.allowed = {name.lower() for name in allowed}
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if _host_name(Headers(scope=scope).get("host", "")) in self.allowed:
            await self.app(scope, receive, send)
            return
        response = await self.error_page(
            400,
            "Nieznany adres serwera",
            "Ten serwer odpowiada tylko pod adresami, pod którymi go uruchomiono. Otwórz go"
            " adresem podanym przy uruchomieniu (np. http://127.0.0.1:8000).",
        )
        await response(scope, receive, send)


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if ":" in host else host


class LoginRequired:
    """With a password set, every page but the login page asks for a logged-in session."""

    def __init__(self, app: ASGIApp, password: PasswordHash | None) -> None:
        self.app = app
        self.password = password

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.password is None or logged_in(scope, self.password):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if any(path == p or (p.endswith("/") and path.startswith(p)) for p in OPEN_PATHS):
            await self.app(scope, receive, send)
            return
        from starlette.responses import RedirectResponse

        target = path if scope["method"] == "GET" and path.startswith("/") else "/"
        response = RedirectResponse(f"{LOGIN_PATH}?dalej={_quote(target)}", status_code=303)
        if Headers(scope=scope).get("hx-request"):
            response.headers["HX-Redirect"] = f"{LOGIN_PATH}?dalej={_quote(target)}"
        await response(scope, receive, send)


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


def logged_in(scope: Scope, password: PasswordHash) -> bool:
    session: Mapping[str, Any] = scope.get("session") or {}
    return session.get("zalogowany") == password.fingerprint


def safe_next(target: str) -> str:
    """Where to go after logging in: a path on this site only."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def check_form(request: Request, form: Mapping[str, Any]) -> None:
    """Every form: the session's CSRF token, and when the browser names the page's origin
    (Origin, Sec-Fetch-Site), this very site."""
    origin = request.headers.get("origin")
    site = request.headers.get("sec-fetch-site")
    if origin == "null" and site == "same-origin":
        # With `Referrer-Policy: no-referrer` Chromium sends `Origin: null` on form posts; the
        # browser's own Sec-Fetch-Site then says where the form came from.
        origin = None
    if origin is not None:
        host = request.headers.get("host", "")
        if origin != f"{request.url.scheme}://{host}":
            raise FormRejected("origin")
    if site not in (None, "same-origin", "none"):
        raise FormRejected("sec-fetch-site")
    sent = form.get("csrf")
    expected = request.session.get("csrf")
    if not isinstance(sent, str) or not isinstance(expected, str) or not expected:
        raise FormRejected("csrf missing")
    if not hmac.compare_digest(sent.encode(), expected.encode()):
        raise FormRejected("csrf wrong")
