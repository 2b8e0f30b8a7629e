"""Staff account: change password (required after a one-time password) and sign out."""

import streamlit as st

from app_ui import session, widgets
from app_ui.widgets import md
from jep import auth
from jep.store import audit

user = session.require_staff()
st.title("Account")
st.write(f"Aangemeld als **{md(user['username'])}** ({md(user['role'])}).")
widgets.show_flash("account")
if user.get("must_change_password"):
    st.warning("U bent aangemeld met een eenmalig wachtwoord. Kies nu een eigen wachtwoord.")

with st.form("password"):
    old = st.text_input("Huidig wachtwoord", type="password", autocomplete="current-password")
    new = st.text_input(
        f"Nieuw wachtwoord (minstens {auth.MIN_PASSWORD_LENGTH} tekens)",
        type="password",
        autocomplete="new-password",
    )
    again = st.text_input("Nieuw wachtwoord nogmaals", type="password", autocomplete="new-password")
    changed = st.form_submit_button("Wachtwoord wijzigen", type="primary")
if changed:
    if new != again:
        st.error("De twee nieuwe wachtwoorden zijn niet gelijk.")
    else:
        with session.conn() as d:
            try:
                auth.change_password(d, user["username"], old, new)
            except ValueError as exc:
                st.error(md(str(exc)))
            else:
                st.session_state["staff"]["must_change_password"] = False
                widgets.flash("account", "Uw wachtwoord is gewijzigd.")
                st.rerun()

st.divider()
if st.button("Afmelden"):
    with session.conn() as d:
        audit.record(d, user["username"], "afgemeld", "staff", user["username"])
    session.sign_out(reason="U bent afgemeld.")
    st.rerun()
