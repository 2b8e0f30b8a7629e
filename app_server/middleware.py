"""Middleware around every request (pure ASGI: streaming responses and the websocket pass
untouched).

- `SecurityHeaders` (outermost): a Content-Security-Policy that fits Streamlit 1.67 (no inline
  script except the one in Streamlit's own index.html and the application's listed ones, allowed
  by their hashes computed at start-up; no eval; inline styles because Streamlit's CSS-in-JS
  needs them; `frame-ancestors 'none'`), `Referrer-Policy: no-referrer` (invite and evaluation
  tokens travel in URLs and must never leak through the Referer header),
  `X-Content-Type-Options`, `X-Frame-Options`, HSTS over HTTPS, and `Secure` on every cookie over
  HTTPS (Streamlit sets its own cookies without it behind a TLS proxy). `/_stcore/metrics`
  (always on in Streamlit, no setting) answers 404.
- `PageGate`: a page load (not the websocket, not a file) of a staff page or of `/` by a browser
  without a live staff session goes to `/aanmelden?next=<that page>`; links for people without a
  staff account carry one of `PUBLIC_PARAMS` and pass. A page path that does not exist, or the
  own path of a role's default page, goes to `/` (Streamlit would show its English "Page not
  found"), and so does a deeper path below a page (Streamlit would show a blank page); paths with a
  dot (files), Streamlit's own deeper paths (`STREAMLIT_PREFIXES`) and our routes pass.
- `logs.ErrorMiddleware` (innermost): one log line and a Dutch 500 page per failing request.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from pathlib import Path
from urllib.parse import parse_qs, quote

import streamlit
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import cookie_parser

from app_pages import nav
from app_server import cookies, logs
from app_server import secrets as app_secrets
from app_server.routes import ROUTE_PATHS
from app_ui.session import LINK_TOKENS
from jep.access import sessions
from jep.store import db

PUBLIC_PARAMS = (*LINK_TOKENS, "sso")
"""Query parameters of links for people without a staff account (invite, evaluation, the
municipality's and the participants' follow-up) and of the start of single sign-on: a page load
with one of them is never sent to the staff sign-in."""
BLOCKED = ("/_stcore/metrics",)
STREAMLIT_ROUTES = frozenset({"oauth2callback"})
STREAMLIT_PREFIXES = frozenset({"_stcore", "static", "app", "media", "component", "auth"})
"""First path segments of Streamlit's own deeper paths (its API, files, single sign-on)."""


def inline_script_hashes() -> str:
    """CSP hashes of the inline scripts in the installed Streamlit's index.html and of the
    application's own (`app_ui.widgets.INLINE_SCRIPTS`)."""
    from app_ui.widgets import INLINE_SCRIPTS

    index = Path(streamlit.__file__).parent / "static" / "index.html"
    html = index.read_text(encoding="utf-8") + "".join(INLINE_SCRIPTS)
    bodies = re.findall(r"<script>(.*?)</script>", html, re.S)
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'"
        for b in bodies
    )


def content_security_policy() -> str:
    return "; ".join(
        [
            "default-src 'self'",
            # hashes: Streamlit's one inline script and ours; wasm: protobuf probes WebAssembly
            f"script-src 'self' {inline_script_hashes()} 'wasm-unsafe-eval'".replace("  ", " "),
            "style-src 'self' 'unsafe-inline'",  # emotion (CSS-in-JS) injects <style> tags
            "img-src 'self' data:",  # Streamlit's own icons are data: URLs
            "font-src 'self' data:",
            "connect-src 'self'",  # CSP3: also ws:/wss: to this host and port
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeaders:
    def __init__(self, app) -> None:  # noqa: ANN001 - an ASGI app
        self.app = app
        self.headers = [
            (b"content-security-policy", content_security_policy().encode()),
            (b"referrer-policy", b"no-referrer"),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
        ]

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI
        if scope["type"] != "http":  # websocket and lifespan pass untouched
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"
        extra = list(self.headers)
        if https:
            extra.append((b"strict-transport-security", b"max-age=31536000"))
        norm = "/" + "/".join(p for p in scope.get("path", "").split("/") if p)
        if any(b in norm for b in BLOCKED):
            await send(
                {
                    "type": "http.response.start",
                    "status": 404,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), *extra],
                }
            )
            await send({"type": "http.response.body", "body": b"Niet gevonden"})
            return

        async def send_with_headers(message) -> None:  # noqa: ANN001 - ASGI message
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if https:
                    headers = [
                        (k, v + b"; Secure")
                        if k.lower() == b"set-cookie" and b"secure" not in v.lower()
                        else (k, v)
                        for k, v in headers
                    ]
                present = {k.lower() for k, _ in headers}
                message["headers"] = headers + [(k, v) for k, v in extra if k not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _page_paths() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(staff page paths, every page path, default pages' own paths) from app_pages/nav.py."""
    every = nav.every_page()
    defaults = frozenset(nav.url_path(p) for p in every if p.default)
    known = frozenset(nav.url_path(p) for p in every) - defaults
    staff = frozenset(nav.url_path(p) for p in nav.STAFF) - defaults
    return staff, known, defaults


def _is_page_load(scope) -> bool:  # noqa: ANN001 - ASGI scope
    if scope.get("method") not in ("GET", "HEAD"):
        return False
    headers = dict(scope.get("headers") or [])
    dest = headers.get(b"sec-fetch-dest")
    if dest is not None:
        return dest == b"document"
    return b"text/html" in headers.get(b"accept", b"")


def _signed_in(token: str | None) -> bool:
    if not token:
        return False
    with db.open_db() as d:
        return sessions.check(d, token, touch=False).active


class PageGate:
    def __init__(self, app) -> None:  # noqa: ANN001 - an ASGI app
        self.app = app
        self.staff, self.known, self.defaults = _page_paths()
        self.routes = frozenset(p.strip("/") for p in ROUTE_PATHS) | STREAMLIT_ROUTES
        # With single sign-on, Streamlit's sign-in cookie is checked by the page itself
        self.sso = app_secrets.sso_settings() is not None

    async def _redirect(self, send, location: str) -> None:  # noqa: ANN001 - ASGI send
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("latin-1")),
                    (b"cache-control", b"no-store"),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI
        if scope["type"] != "http" or not _is_page_load(scope):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        jar = cookie_parser(headers.get(b"cookie", b"").decode("latin-1"))
        if cookies.BROWSER_COOKIE not in jar:
            send = _with_browser_cookie(send)
        path = scope.get("path", "")
        segment = path.strip("/")
        raw_query = scope.get("query_string", b"").decode("latin-1")
        query = "?" + raw_query if raw_query else ""
        if "." in segment or segment in self.routes:
            await self.app(scope, receive, send)
            return
        if "/" in segment:  # Streamlit's own paths pass; a page below a page would be blank
            if segment.split("/", 1)[0] in STREAMLIT_PREFIXES:
                await self.app(scope, receive, send)
            else:
                await self._redirect(send, "/" + query)
            return
        if segment in self.defaults or (segment and segment not in self.known):
            await self._redirect(send, "/" + query)
            return
        if segment == "" or segment in self.staff:
            params = parse_qs(raw_query)
            if not any(p in params for p in PUBLIC_PARAMS):
                sso_cookie = self.sso and any(
                    k.startswith(cookies.STREAMLIT_USER_COOKIE) for k in jar
                )
                token = cookies.session_token(jar)
                if not sso_cookie and not await run_in_threadpool(_signed_in, token):
                    target = quote(path + query, safe="/")
                    await self._redirect(send, f"/aanmelden?next={target}")
                    return
        await self.app(scope, receive, send)


def _with_browser_cookie(send):  # noqa: ANN001, ANN202 - ASGI send
    """Give a browser without one its own random id (see jep.access.sessions.BROWSER_COOKIE)."""
    value = secrets.token_urlsafe(24)
    cookie = (
        f"{cookies.BROWSER_COOKIE}={value}; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax"
    ).encode()

    async def wrapped(message) -> None:  # noqa: ANN001 - ASGI message
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie)]
        await send(message)

    return wrapped


def middleware() -> list[Middleware]:
    """st.App's middleware, outermost first."""
    return [
        Middleware(SecurityHeaders),
        Middleware(PageGate),
        Middleware(logs.ErrorMiddleware),
    ]
