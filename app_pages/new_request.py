"""Staff: register a municipality's request and issue its intake link."""

import streamlit as st

from app_ui import mail as mail_ui
from app_ui import session, widgets
from jep.reference import municipalities
from jep.workshop import invites, workshops

user = session.require_staff()
st.title("Nieuwe aanvraag")
st.write(
    "Kies de gemeente die een werkatelier aanvraagt. Er wordt een werkatelier met status "
    "**aanvraag** aangemaakt en een persoonlijke link voor het voorgesprek."
)
with session.conn() as d:
    options = municipalities.municipality_options(d)
labels = dict(options)
errors = st.session_state.pop("new_request_errors", {})
with st.form("new_request"):
    code = st.selectbox(
        "Gemeente (typ om te zoeken)",
        [c for c, _ in options],
        index=None,
        format_func=labels.get,
        placeholder="Kies een van de 342 gemeenten…",
    )
    email = mail_ui.invitation_field("new_request_email")
    widgets.field_error(errors, "email")
    go = st.form_submit_button("Aanvraag registreren", type="primary")
if go:
    if code is None:
        st.error("Kies eerst een gemeente.")
    elif email.strip() and (problem := mail_ui.address_problem(email)):
        st.session_state["new_request_errors"] = {"email": problem}  # nothing made yet
        st.rerun()
    else:
        with session.conn() as d:
            wid = workshops.create_request(d, code, user["username"])
            token = invites.issue(d, wid, user["username"])
        if email.strip():
            mail_ui.send_invitation(wid, token, email.strip(), user["username"])
        st.session_state["new_link"] = (wid, labels[code], token)
        st.rerun()

new = st.session_state.pop("new_link", None)
if new:
    wid, name, token = new
    st.success(f"Aanvraag voor {name} geregistreerd (werkatelier #{wid}).")
    widgets.show_flash(f"invite{wid}")
    st.markdown(
        "**Link voor het voorgesprek.** Deze link wordt maar één keer getoond: kopieer hem nu "
        "(knop rechts in het vak) en stuur hem naar de contactpersoon van de gemeente."
    )
    st.code(f"{session.app_base_url()}/?token={token}", language=None)
    st.caption(
        f"De link is {invites.expiry_days()} dagen geldig en kan worden ingetrokken of "
        "opnieuw uitgegeven op de pagina Voorgesprek."
    )
    st.page_link(
        "app_pages/intake_review.py",
        label="Naar het voorgesprek",
        icon=":material/edit_note:",
        query_params={"id": str(wid)},
    )
