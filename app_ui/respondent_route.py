"""The application's own route /e: gives a phone its anonymous respondent key, then the form.

The QR code and the evaluation link point here (`jep.evaluation.links.link_url`). The route sets
the HttpOnly cookie `jep_respondent` (a random 256-bit key; an existing valid one is kept) and
answers 303 to the form at `./?eval=TOKEN`. It reads no database and says nothing about the token:
the form checks the link. Only an HTTP response can set an HttpOnly cookie, hence a route rather
than the Streamlit script; `server.py` mounts `ROUTES` on the `st.App`.

Cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the request came over HTTPS (behind a trusted
proxy uvicorn rewrites the scheme from X-Forwarded-Proto), Max-Age the link window plus two days.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from app_ui.respondent import COOKIE
from jep.evaluation import drafts
from jep.evaluation.links import START_PATH
from jep.evaluation.questionnaire import questionnaire
from jep.reference.toml import CatalogError

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,200}$")
DEFAULT_DAYS = 16


def cookie_days() -> int:
    """How long the phone keeps its key: the link window plus two days."""
    try:
        return questionnaire().close_after_days + 2
    except CatalogError:
        return DEFAULT_DAYS


async def start(request: Request) -> Response:
    """GET /e?eval=TOKEN: set (or keep) the respondent cookie, then 303 to ./?eval=TOKEN."""
    token = request.query_params.get("eval", "")
    target = "./?" + urlencode({"eval": token}) if TOKEN_RE.match(token) else "./"
    response = RedirectResponse(target, status_code=303)
    key = request.cookies.get(COOKIE)
    if not drafts.valid_key(key):
        key = drafts.new_key()
    response.set_cookie(
        COOKIE,
        str(key),
        max_age=cookie_days() * 86400,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


ROUTES = [Route(START_PATH, start, methods=["GET"], name="evaluation-start")]
