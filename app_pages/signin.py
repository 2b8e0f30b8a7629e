"""Staff sign-in, as the Streamlit page of a visitor without a staff session.

Signing in with a password happens on the `/aanmelden` page (app_server/signin.py), whose answer
sets the HttpOnly session cookie: a page load of a staff page without a session goes there by
itself. This page is what a tab shows when its session ended while it was open, or after single
sign-on was refused: why, a link to the sign-in that comes back to this page, and the single
sign-on button when that is configured (`st.login`, Streamlit's own OpenID Connect).
"""

from html import escape

import streamlit as st

from app_ui import session, widgets
from app_ui.widgets import md

st.title("Werkateliers informatie delen")
st.caption("Platform JEP · aanmelden voor medewerkers")
widgets.show_flash("signin")
settings = session.sso_settings()
if settings and st.query_params.get("sso") == "start":
    st.login(settings.provider)
if settings and st.button(md(settings.label), type="primary"):
    st.login(settings.provider)
link = escape(session.signin_url(st.session_state.get("_page") or ""))
st.html(
    f'<p><a href="{link}" style="font-weight:600">'
    "Aanmelden met gebruikersnaam en wachtwoord</a></p>"
)
st.write(
    "Bent u contactpersoon van een gemeente? Gebruik dan de persoonlijke link uit de uitnodiging "
    f"van Platform JEP. Geen link ontvangen? Bel {session.JEP_PHONE}."
)
