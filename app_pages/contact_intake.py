"""Municipality contact: the intake questionnaire, reached through the invite link alone."""

import streamlit as st

from app_ui import intake_form as forms
from app_ui import session, widgets
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.workshop import intake

invite = session.require_contact()
wid = invite.workshop_id  # every query below is scoped by the invite, never by the page
actor = f"gemeente:{invite.municipality_code}"

st.title(f"Voorgesprek werkatelier – gemeente {md(invite.municipality_name)}")
st.caption(
    "Werkatelier ‘Informatie delen bij mogelijke radicalisering’ van Platform JEP · "
    f"deze link is geldig tot {fmt_date(invite.expires_at)}"
)
with session.conn() as d:
    record = intake.load(d, wid)

if record["state"] == "ingediend":
    # One confirmation: right after submitting it also thanks (not a second green box). A save
    # refused because it was submitted meanwhile (another tab, staff) says so: no thanks.
    notice = widgets.take_flash(f"ik{wid}")
    thanks = "Dank u wel! " if notice and notice[0] == "success" else ""
    if notice and notice[0] != "success":
        st.error(notice[1], icon=":material/error:")  # escaped by flash()
    st.success(
        f"{thanks}Het voorgesprek is ingediend op {fmt_date(record['submitted_at'])}; Platform "
        "JEP neemt contact met u op. Hieronder ziet u uw antwoorden. Wilt u nog iets wijzigen? "
        f"Bel Platform JEP: {session.JEP_PHONE}."
    )
    forms.intake_summary(record["answers"])
else:
    st.write(
        "Met dit voorgesprek bereiden we het werkatelier voor op de situatie in uw gemeente. "
        "U kunt op elk moment **Concept opslaan** en later via dezelfde link verdergaan. "
        "Klaar? Kies **Indienen**."
    )
    forms.intake_form(wid, actor, as_staff=False)
