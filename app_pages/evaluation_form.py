"""Respondent: the anonymous evaluation form, reached only through the evaluation link (?eval=).

Made for a phone. One response per browser session: a random key lives in this session only and
the database keeps just its hash, so submitting again corrects the same answer.
"""

import streamlit as st

from app_ui import evaluation_widgets as ew
from app_ui import session
from app_ui.widgets import md
from jep.evaluation import links, questionnaire, responses
from jep.fmt import fmt_date
from jep.reference.toml import CatalogError

try:
    q = questionnaire.questionnaire()
except CatalogError:
    st.title("Evaluatie")
    st.error(
        "De vragenlijst kan op dit moment niet worden geladen. Probeer het later opnieuw of vraag "
        "de begeleiders om een papieren formulier."
    )
    st.stop()

with session.conn() as d:
    link = links.resolve_link(d, st.session_state.get("eval_token"), q=q)

if link is None or not link.state.open:
    # Nothing about any workshop or municipality on this page.
    st.title(q.texts["title"])
    if link is None:
        st.info(q.texts["unknown"], icon=":material/link_off:")
    elif link.state.phase == "not-yet":
        st.info(q.texts["not_open"], icon=":material/schedule:")
    else:
        st.info(q.texts["closed"], icon=":material/lock:")
    st.stop()

wid = link.workshop_id  # every read and write below is scoped by the link, never by the page
s = st.session_state
s.setdefault("eval_session_key", responses.new_session_key())
prefix = f"ev{wid}"
state_key = f"{prefix}_state"
if state_key not in s:
    with session.conn() as d:
        earlier = responses.session_response(d, wid, s["eval_session_key"])
    if earlier:
        ew.load_into_state(prefix, earlier, q)
    s[state_key] = {"errors": {}, "privacy": {}, "saved": bool(earlier), "notice": None}
state = s[state_key]

st.title(q.texts["title"])
st.caption(
    q.texts["subtitle"]
    + f" · gemeente {md(link.municipality_name)}"
    + (f" · {fmt_date(link.workshop_date)}" if link.workshop_date else "")
)
notice = state["notice"]
if notice:
    st.success(notice, icon=":material/check_circle:")
if state["saved"]:
    st.info(q.texts["correct"])
else:
    st.write(q.texts["intro"])
ew.error_banner(state["errors"], state["privacy"])

submitted = ew.questionnaire_form(
    prefix,
    q,
    session.cat(),
    q.current,
    state["errors"],
    state["privacy"],
    "Wijzigingen opslaan" if state["saved"] else "Versturen",
)
# The button is at the bottom of a long page on a phone: repeat the outcome next to it.
if notice:
    st.success(notice, icon=":material/check_circle:")
    state["notice"] = None
ew.error_banner(state["errors"], state["privacy"])
if submitted:
    raw = ew.collect(prefix, q, q.current)
    with session.conn() as d:
        result = responses.submit_online(
            d,
            s.get("eval_token"),
            s["eval_session_key"],
            raw,
            session.cat(),
            q=q,
            confirm_privacy=bool(s.get(f"{prefix}_privacy_ok")),
        )
    state["errors"], state["privacy"] = result.errors, result.privacy
    if result.ok:
        state["saved"] = True
        state["notice"] = "Je wijzigingen zijn opgeslagen." if result.updated else q.texts["thanks"]
        s.pop(f"{prefix}_privacy_ok", None)
    st.rerun()
