"""Staff sign-in."""

import streamlit as st

from app_ui import session, widgets
from app_ui.widgets import md
from jep import auth

st.title("Werkateliers informatie delen")
st.caption("Platform JEP · aanmelden voor medewerkers")
widgets.show_flash("signin")
st.write(
    "Bent u contactpersoon van een gemeente? Gebruik dan de persoonlijke link uit de uitnodiging "
    f"van Platform JEP. Geen link ontvangen? Bel {session.JEP_PHONE}."
)
with st.form("signin", enter_to_submit=True):
    username = st.text_input("Gebruikersnaam", autocomplete="username")
    password = st.text_input("Wachtwoord", type="password", autocomplete="current-password")
    submitted = st.form_submit_button("Aanmelden", type="primary")
if submitted:
    with session.conn() as d:
        try:
            user = auth.authenticate(d, username, password)
        except auth.SigninError as exc:
            st.error(md(str(exc)))
        else:
            session.sign_in(user)
            st.rerun()
