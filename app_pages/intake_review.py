"""Staff: read, fill in or correct the intake of one workshop; notes; reopen; the invite link."""

import streamlit as st

from app_ui import intake_form as forms
from app_ui import mail as mail_ui
from app_ui import session, widgets
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.workshop import intake, invites

user = session.require_staff()
st.title("Voorgesprek")
w = widgets.chosen_workshop()
wid = w["id"]
with session.conn() as d:
    record = intake.load(d, wid)
    link = invites.active_link(d, wid)

st.markdown(
    f"**{md(w['municipality_name'])}** ({md(w['province'])}) · status "
    f"{widgets.status_label(w['status'])} · "
    f"aangevraagd {fmt_date(w['requested_at'])}"
)
state = (
    "ingediend op " + fmt_date(record["submitted_at"])
    if record["state"] == "ingediend"
    else "concept (nog niet ingediend)"
)
st.caption(
    f"Voorgesprek: {state} · laatst opgeslagen {fmt_date(record['updated_at'])} door "
    f"{md(record['updated_by'] or '—')}"
)

tab_read, tab_edit, tab_notes, tab_link = st.tabs(
    ["Antwoorden", "Invullen of corrigeren", "Notities", "Uitnodigingslink"]
)
with tab_read:
    forms.intake_summary(record["answers"])
    if record["state"] == "ingediend" and st.button("Heropenen voor de gemeente"):
        with session.conn() as d:
            intake.reopen(d, wid, user["username"])
        st.session_state.pop(f"ik{wid}_version", None)
        st.rerun()
with tab_edit:
    st.caption("Vul het voorgesprek in namens de gemeente, bijvoorbeeld na een telefoongesprek.")
    forms.intake_form(wid, user["username"], as_staff=True)
with tab_notes:
    nk = f"ikn{wid}_"
    if nk + "text" not in st.session_state:  # first visit: the stored notes
        st.session_state[nk + "text"] = record["staff_notes"] or ""
    note_errors: dict[str, str] = st.session_state.get(nk + "errors", {})
    widgets.show_flash(nk)
    with st.form(f"notes_{wid}"):
        st.text_area(
            "Notities van het voorgesprek (alleen zichtbaar voor medewerkers)",
            key=nk + "text",
            height=200,
            max_chars=20000,
        )
        widgets.field_error(note_errors, "notes", st.session_state.get(nk + "text"))
        widgets.privacy_confirm(note_errors, nk + "ok")
        saved = st.form_submit_button("Notities opslaan")
    if saved:
        with session.conn() as d:
            finding = intake.save_staff_notes(
                d,
                wid,
                st.session_state.get(nk + "text", ""),
                user["username"],
                privacy_confirmed=bool(st.session_state.get(nk + "ok")),
            )
        if finding:  # nothing saved: show what the guard found, and the confirm step
            st.session_state[nk + "errors"] = {"privacy.notes": finding}
            widgets.flash(
                nk,
                "De notities zijn nog niet opgeslagen: er staat mogelijk een persoonsgegeven in. "
                "Pas de tekst aan, of vink aan dat het klopt en sla opnieuw op.",
                kind="warning",
            )
        else:
            st.session_state[nk + "errors"] = {}
            st.session_state.pop(nk + "ok", None)
            widgets.flash(nk, "Notities opgeslagen.")
        st.rerun()
with tab_link:
    widgets.link_state(link)
    c1, c2 = st.columns(2)
    if c1.button("Nieuwe link uitgeven", help="De vorige link werkt daarna niet meer."):
        with session.conn() as d:
            token = invites.issue(d, wid, user["username"])
        st.session_state[f"link_{wid}"] = token
    if link and c2.button("Link intrekken"):
        with session.conn() as d:
            invites.revoke(d, wid, user["username"])
        st.rerun()
    mail_ui.reissue_form(wid, user["username"])
    token = st.session_state.pop(f"link_{wid}", None)
    if token:
        st.success("Nieuwe link uitgegeven. Kopieer hem nu: hij wordt maar één keer getoond.")
        st.code(f"{session.app_base_url()}/?token={token}", language=None)
