"""The server: Streamlit serves the application (app.py) with the application's own routes.

`./run.sh` and the tests start it with `streamlit run server.py`: Streamlit finds the `st.App`
below and serves app.py through it, adding:

- `/e` (`app_ui/respondent_route.py`): gives an evaluation respondent's phone its anonymous key
  as an HttpOnly cookie, then shows the form.

Tests run app.py itself through AppTest; this file only adds routes around it.
"""

from pathlib import Path

import streamlit as st

from app_ui import respondent_route

app = st.App(Path(__file__).resolve().parent / "app.py", routes=[*respondent_route.ROUTES])
