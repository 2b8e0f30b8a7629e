"""`/aanmelden`: the staff sign-in page and form, and `/aanmelden/sso`, the start of single
sign-on.

The form is a plain HTML page served by this route, so the response that accepts the password is
also the one that sets the session cookie (a fresh random id, HttpOnly, SameSite=Lax, Secure
over HTTPS; only its hash is stored). It is protected against cross-site posts twice: the
browser's Sec-Fetch-Site/Origin must be our own, and a random token in the form must match a
SameSite=Strict cookie set with the form. Every attempt passes the throttle gate of
`jep.auth.authenticate` before its password is checked; a failure is answered after
`[signin] delay_seconds` (an asynchronous pause: the server keeps serving others meanwhile).
After signing in, the browser goes to `next` (only a path on this site), the page the visitor
first asked for.
"""

from __future__ import annotations

import asyncio
import logging
import secrets as pysecrets
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from app_server import cookies, html
from app_server import secrets as app_secrets
from jep import auth
from jep.access import sessions
from jep.store import db

log = logging.getLogger("jep.web.signin")
FORM_LIMITS = {"max_files": 0, "max_fields": 8, "max_part_size": 8 * 1024}
PASSWORD_MAX = 1024
NO_STORE = {"Cache-Control": "no-store"}


def _session_user(token: str | None) -> sessions.SessionUser | None:
    if not token:
        return None
    with db.open_db() as d:
        found = sessions.check(d, token, touch=False)
    return found.user if found.active else None


def _form(
    request: Request,
    next_url: str,
    *,
    username: str = "",
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The sign-in page with a fresh CSRF token (in the form and in a strict cookie)."""
    token = pysecrets.token_urlsafe(32)
    sso = app_secrets.sso_settings()
    body = html.signin_page(
        next_url=next_url,
        csrf=token,
        username=username,
        error=error,
        notice=notice,
        sso_label=sso.label if sso else None,
    )
    response = HTMLResponse(body, status_code=status, headers=NO_STORE)
    cookies.set_cookie(
        response,
        request,
        cookies.CSRF_COOKIE,
        token,
        max_age=3600,
        path="/aanmelden",
        samesite="strict",
    )
    return response


async def signin_page(request: Request) -> Response:
    """GET /aanmelden?next=…: the form, or straight on when this browser is signed in."""
    next_url = cookies.safe_next(request.query_params.get("next"))
    user = await run_in_threadpool(_session_user, cookies.session_token(request.cookies))
    if user is not None:
        return RedirectResponse(next_url, status_code=303)
    return _form(request, next_url)


def _sign_in(
    username: str, password: str, address: str, device: str, browser: str | None
) -> tuple[str, auth.Staff]:
    """Check the password (throttled) and open a session; returns the new session id."""
    with db.open_db() as d:
        staff = auth.authenticate(d, username, password, delay=0, address=address)
        token = sessions.new_token()
        sessions.create(d, staff.id, "password", token, device=device, browser=browser)
    return token, staff


def _end_previous(token: str | None) -> None:
    """Signing in again in a browser that held another session ends that one."""
    if not token:
        return
    with db.open_db() as d:
        found = sessions.check(d, token, touch=False)
        if found.user is not None and found.status in ("active", "idle"):
            sessions.revoke(d, found.user.session_id, sessions.REVOKED_SIGNOUT)


async def signin_submit(request: Request) -> Response:
    """POST /aanmelden: check the form, sign in, set the session cookie, go to `next`."""
    if not cookies.same_origin(request):
        return HTMLResponse(
            html.message_page(
                "Aanmelden geweigerd",
                "Dit aanmeldverzoek kwam niet van het werkatelier-dashboard zelf.",
                ("/aanmelden", "Naar het aanmeldformulier"),
            ),
            status_code=403,
            headers=NO_STORE,
        )
    try:
        form = await request.form(**FORM_LIMITS)
    except Exception:  # noqa: BLE001 - malformed or oversized: answer with a fresh form
        return _form(request, "/", error="Het formulier kon niet worden gelezen.", status=400)
    next_url = cookies.safe_next(str(form.get("next") or "/"))
    username = str(form.get("username") or "").strip()[: auth.USERNAME_MAX]
    password = str(form.get("password") or "")
    sent_token = str(form.get("csrf") or "")
    cookie_token = request.cookies.get(cookies.CSRF_COOKIE) or ""
    if not sent_token or not pysecrets.compare_digest(sent_token, cookie_token):
        return _form(
            request,
            next_url,
            username=username,
            error="Het aanmeldformulier was verlopen. Vul uw wachtwoord nog eens in.",
            status=400,
        )
    if not username or not password:
        return _form(
            request,
            next_url,
            username=username,
            error="Vul uw gebruikersnaam en wachtwoord in.",
            status=400,
        )
    if len(password) > PASSWORD_MAX:
        password = password[:PASSWORD_MAX]
    address = request.client.host if request.client else "onbekend"
    device = sessions.device_label(request.headers.get("user-agent"))
    try:
        token, staff = await run_in_threadpool(
            _sign_in,
            username,
            password,
            address,
            device,
            request.cookies.get(cookies.BROWSER_COOKIE),
        )
    except auth.SigninThrottled as exc:
        return _form(request, next_url, username=username, error=str(exc), status=429)
    except auth.SigninError as exc:
        await asyncio.sleep(auth.signin_delay())
        return _form(request, next_url, username=username, error=str(exc), status=401)
    await run_in_threadpool(_end_previous, cookies.session_token(request.cookies))
    target = "/" if staff.must_change_password else next_url
    response = RedirectResponse(target, status_code=303, headers=NO_STORE)
    max_age = int(sessions.policy().max_hours * 3600)
    cookies.set_cookie(
        response, request, cookies.session_cookie_name(request), token, max_age=max_age
    )
    cookies.delete_cookie(response, request, cookies.CSRF_COOKIE, path="/aanmelden")
    return response


async def sso_start(request: Request) -> Response:
    """GET /aanmelden/sso?next=…: remember `next` for ten minutes and let the Streamlit page
    start `st.login` (`/?sso=start`); after the identity provider it lands on `/` and goes on
    to `next` from there."""
    if app_secrets.sso_settings() is None:
        return RedirectResponse("/aanmelden", status_code=303)
    next_url = cookies.safe_next(request.query_params.get("next"))
    response = RedirectResponse("/?sso=start", status_code=303, headers=NO_STORE)
    cookies.set_cookie(
        response, request, cookies.NEXT_COOKIE, quote(next_url, safe=""), max_age=600
    )
    return response
