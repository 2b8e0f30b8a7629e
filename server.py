"""The server: Streamlit serves the application (app.py) with the application's own routes and
middleware.

`./run.sh`, the systemd unit in deploy/ and the tests start it with `streamlit run server.py`:
Streamlit finds the `st.App` below and serves app.py through it, adding (app_server/):

- routes (`app_server/routes.py`, the one list): `/aanmelden` (staff sign-in, sets the session
  cookie), `/aanmelden/sso` (start of single sign-on), `/healthz` (monitoring) and `/e` (gives an
  evaluation respondent's phone its anonymous key as an HttpOnly cookie, then shows the form);
- middleware (`app_server/middleware.py`): security headers on every response, Streamlit's
  `/_stcore/metrics` closed, signed-out page loads of staff pages sent to the sign-in page;
- a lifespan that sets TCP_NODELAY on the listening socket (`app_server/tcp.py`), checks the
  reference data, migrates the database and creates the first admin
  before the first request; one log line per error (`app_server/logs.py`).

`streamlit run app.py` would serve the pages without any of this (no sign-in route, no
headers): always start server.py. Tests run app.py itself through AppTest.
"""

from pathlib import Path

import streamlit as st

from app_server import logs
from app_server.lifespan import lifespan
from app_server.middleware import middleware
from app_server.routes import ROUTES

logs.setup()

app = st.App(
    Path(__file__).resolve().parent / "app.py",
    lifespan=lifespan,
    routes=ROUTES,
    middleware=middleware(),
    on_script_error=logs.on_script_error,
)
