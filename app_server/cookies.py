"""Cookies set by the application's routes: always HttpOnly and SameSite, Secure over HTTPS.

The request's scheme is "https" when the server itself terminates TLS or when a trusted reverse
proxy (uvicorn's proxy headers: the peer is in FORWARDED_ALLOW_IPS, 127.0.0.1 by default) said so
in X-Forwarded-Proto. Over HTTPS the session cookie is called `__Host-jep_sid`: the browser then
accepts it only as Secure, for the whole host, set by this host.

`set_cookie` is the one way a route sets a cookie (another feature's route, such as an anonymous
respondent key, uses it too).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal
from urllib.parse import urlsplit

from starlette.requests import HTTPConnection
from starlette.responses import Response

from jep.access import sessions

CSRF_COOKIE = "jep_csrf"
BROWSER_COOKIE = sessions.BROWSER_COOKIE
NEXT_COOKIE = "jep_next"
STREAMLIT_USER_COOKIE = "_streamlit_user"
"""Streamlit's signed single sign-on cookie (set by its /oauth2callback)."""


def is_https(conn: HTTPConnection) -> bool:
    return conn.url.scheme in ("https", "wss")


def session_cookie_name(conn: HTTPConnection) -> str:
    return sessions.SECURE_COOKIE if is_https(conn) else sessions.COOKIE


def session_token(cookies: Mapping[str, str]) -> str | None:
    """The session id a browser sent (the `__Host-` name first)."""
    for name in (sessions.SECURE_COOKIE, sessions.COOKIE):
        value = cookies.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def set_cookie(
    response: Response,
    conn: HTTPConnection,
    name: str,
    value: str,
    *,
    max_age: int,
    path: str = "/",
    samesite: Literal["lax", "strict"] = "lax",
) -> None:
    """Set an HttpOnly cookie; Secure whenever this request came over HTTPS."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=path,
        httponly=True,
        secure=is_https(conn),
        samesite=samesite,
    )


def delete_cookie(response: Response, conn: HTTPConnection, name: str, path: str = "/") -> None:
    response.delete_cookie(name, path=path, httponly=True, secure=is_https(conn), samesite="lax")


def same_origin(conn: HTTPConnection) -> bool:
    """Whether a state-changing request comes from our own pages (CSRF defence in depth).

    Browsers send Sec-Fetch-Site, which a page cannot forge; without it, Origin must name this
    host. (With `Referrer-Policy: no-referrer` Chromium sends `Origin: null` on our own form
    posts, so Sec-Fetch-Site goes first.) A request with neither header is not from a browser
    and is left to the CSRF token."""
    site = conn.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = conn.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == conn.headers.get("host")


def safe_next(value: str | None) -> str:
    """A same-site path to go to after signing in; anything else (another host, a scheme,
    `//host`, backslashes, control characters, the sign-in page itself) becomes `/`."""
    if not value or len(value) > 2000 or not value.startswith("/") or value.startswith("//"):
        return "/"
    if "\\" in value or any(ord(c) < 32 or ord(c) == 127 for c in value):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path.startswith("/aanmelden"):
        return "/"
    return value
