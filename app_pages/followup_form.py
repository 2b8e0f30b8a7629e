"""Participant: the anonymous short follow-up, reached only through its link (?nameting=).

Made for a phone. One response per browser session: a random key lives in this session only and
the database keeps just its hash, so submitting again corrects the same answers.
"""

import streamlit as st

from app_ui import followup as ui
from app_ui import session, widgets
from jep.followup import participants as fp
from jep.followup import questionnaire

cfg = widgets.reference_data(questionnaire.config, "De terugblik (followup.toml)")
token = st.session_state.get("nameting_token")
with session.conn() as d:
    invite = fp.resolve(d, token)

if invite is None:  # nothing about any workshop or municipality on this page
    st.title(cfg.texts["participants_title"])
    st.info(cfg.texts["participants_unknown"], icon=":material/link_off:")
    st.stop()

wid = invite.workshop_id  # every read and write below is scoped by the link, never by the page
s = st.session_state
s.setdefault("nameting_session_key", fp.new_session_key())
prefix = f"nm{wid}"
state_key = f"{prefix}_state"
if state_key not in s:
    with session.conn() as d:
        earlier = fp.session_response(d, wid, s["nameting_session_key"])
    if earlier:
        ui.participant_load(prefix, earlier)
    s[state_key] = {"errors": {}, "privacy": {}, "saved": bool(earlier), "notice": None}
state = s[state_key]

st.title(cfg.texts["participants_title"])
st.caption(
    "Werkatelier ‘Informatie delen bij mogelijke radicalisering’ · "
    f"gemeente {widgets.md(invite.municipality_name)}"
)
if state["notice"]:
    st.success(state["notice"], icon=":material/check_circle:")
st.write(cfg.texts["participants_correct"] if state["saved"] else cfg.texts["participants_intro"])
if state["errors"] and "form" not in state["errors"]:
    st.error("Een antwoord klopt niet; zie de melding bij de vraag. Er is nog niets opgeslagen.")
elif state["privacy"]:
    st.warning(
        "In je antwoord staat mogelijk een persoonsgegeven. Pas het aan, of bevestig onderaan dat "
        "het klopt. Er is nog niets opgeslagen.",
        icon=":material/privacy_tip:",
    )

submitted = ui.participant_form(prefix, state["errors"], state["privacy"])
if state["notice"]:  # the button is at the bottom of a long page on a phone
    st.success(state["notice"], icon=":material/check_circle:")
    state["notice"] = None
if submitted:
    with session.conn() as d:
        result = fp.submit(
            d,
            token,
            s["nameting_session_key"],
            ui.participant_collect(prefix),
            cfg,
            confirm_privacy=bool(s.get(f"{prefix}_privacy_ok")),
        )
    state["errors"], state["privacy"] = result.errors, result.privacy
    if result.ok:
        state["notice"] = (
            "Je wijzigingen zijn opgeslagen."
            if result.updated
            else cfg.texts["participants_thanks"]
        )
        state["saved"] = True
        s.pop(f"{prefix}_privacy_ok", None)
    st.rerun()
