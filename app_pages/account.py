"""Staff account: change password (required after a one-time password), the account's open
sessions, and sign out."""

import pandas as pd
import streamlit as st

from app_ui import session, widgets
from app_ui.widgets import md
from jep import auth
from jep.access import sessions
from jep.fmt import fmt_moment

user = session.require_staff()
st.title("Account")
role_name = auth.ROLES.get(user["role"], user["role"]).lower()
st.write(f"Aangemeld als **{md(user['username'])}** ({md(role_name)}).")
widgets.show_flash("account")
if user.get("must_change_password"):
    st.warning("U bent aangemeld met een eenmalig wachtwoord. Kies nu een eigen wachtwoord.")

if user.get("method") == "sso":
    st.info(
        "U bent aangemeld via uw organisatie-account (eenmalige aanmelding). Uw wachtwoord "
        "beheert u bij uw eigen organisatie."
    )
else:
    st.subheader("Wachtwoord wijzigen")
    st.caption("Daarna wordt u op al uw andere apparaten en tabbladen afgemeld.")
    with st.form("password"):
        old = st.text_input("Huidig wachtwoord", type="password", autocomplete="current-password")
        new = st.text_input(
            f"Nieuw wachtwoord (minstens {auth.MIN_PASSWORD_LENGTH} tekens)",
            type="password",
            autocomplete="new-password",
        )
        again = st.text_input(
            "Nieuw wachtwoord nogmaals", type="password", autocomplete="new-password"
        )
        changed = st.form_submit_button("Wachtwoord wijzigen", type="primary")
    if changed:
        if new != again:
            st.error("De twee nieuwe wachtwoorden zijn niet gelijk.")
        else:
            with session.conn() as d:
                try:
                    auth.change_password(
                        d, user["username"], old, new, keep_session=user["session_id"]
                    )
                except ValueError as exc:
                    st.error(md(str(exc)))
                else:
                    widgets.flash("account", "Uw wachtwoord is gewijzigd.")
                    st.rerun()

st.subheader("Waar u bent aangemeld")
with session.conn() as d:
    mine = [s for s in sessions.live(d) if s["username"] == user["username"]]
st.dataframe(
    pd.DataFrame(
        [
            {
                "Browser": s["device"] or "—",
                "Aangemeld met": sessions.METHODS.get(s["method"], s["method"]),
                "Sinds": fmt_moment(s["created_at"]),
                "Laatst actief": fmt_moment(s["last_seen_at"]),
                "Deze browser": "ja" if s["id"] == user["session_id"] else "",
            }
            for s in mine
        ]
    ),
    hide_index=True,
    width="stretch",
)
others = [s for s in mine if s["id"] != user["session_id"]]
if others and st.button(f"Overal elders afmelden ({len(others)} andere)"):
    with session.conn() as d:
        for s in others:
            sessions.revoke(d, s["id"], sessions.REVOKED_SIGNOUT)
    widgets.flash("account", "U bent op uw andere apparaten en tabbladen afgemeld.")
    st.rerun()

st.divider()
if st.button("Afmelden", type="primary"):
    session.sign_out()
    st.rerun()
