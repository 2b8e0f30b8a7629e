"""The application's own HTTP routes, mounted by `st.App` in server.py before Streamlit's own.

To add a route, write its handler in a module of this package and append it to `ROUTES`. Paths
must not start with `/_stcore/`, `/static/`, `/media/` or `/component/` (Streamlit refuses them)
and must not shadow Streamlit's `/auth/login`, `/auth/logout` or `/oauth2callback` (single
sign-on needs them). A route that answers a page load of its own is listed in `ROUTE_PATHS`, so
the middleware never sends it elsewhere.
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from app_server import health, signin
from app_ui import respondent_route

ROUTES: list[BaseRoute] = [
    Route("/aanmelden", signin.signin_page, methods=["GET"]),
    Route("/aanmelden", signin.signin_submit, methods=["POST"]),
    Route("/aanmelden/sso", signin.sso_start, methods=["GET"]),
    Route("/healthz", health.healthz, methods=["GET", "HEAD"]),
    *respondent_route.ROUTES,  # /e: the evaluation respondent's anonymous key
]
ROUTE_PATHS: frozenset[str] = frozenset(r.path for r in ROUTES if isinstance(r, Route))
