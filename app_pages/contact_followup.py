"""Municipality contact: the follow-up (terugblik), reached through its link alone (?terugblik=).

The contact fills it in (draft, resume, submit) and may make a link for the participants' short,
anonymous follow-up to forward to them.
"""

from datetime import date

import streamlit as st

from app_ui import followup as ui
from app_ui import session, widgets
from jep.fmt import fmt_date
from jep.followup import answers as fa
from jep.followup import participants as fp
from jep.followup import questionnaire

invite = session.require_followup_contact()
wid = invite.workshop_id  # every query below is scoped by the invite, never by the page
actor = f"gemeente:{invite.municipality_code}"
cfg = widgets.reference_data(questionnaire.config, "De terugblik (followup.toml)")

st.title(f"{cfg.texts['title']} – gemeente {widgets.md(invite.municipality_name)}")
st.caption(
    "Werkatelier ‘Informatie delen bij mogelijke radicalisering’ van Platform JEP · "
    f"deze link is geldig tot {fmt_date(invite.expires_at)}"
)
with session.conn() as d:
    record = fa.load(d, wid)
assert record is not None  # the invite resolves only when the follow-up exists

if record["state"] == "ingediend":
    widgets.show_flash(f"tb{wid}")
    st.success(
        f"De terugblik is ingediend op {fmt_date(record['submitted_at'])}. Hieronder ziet u de "
        f"antwoorden. Wilt u nog iets wijzigen? Bel Platform JEP: {session.JEP_PHONE}."
    )
    with session.conn() as d:
        tb = ui.terugblik(d, wid, date.today())
    ui.results_panel(tb, f"ctb{wid}")
else:
    st.write(cfg.texts["intro"])
    ui.followup_form(wid, actor, as_staff=False)

# ---------------------------------------------------------------- participants' link
st.header("Korte terugblik voor de deelnemers", divider="gray")
st.write(
    "Wilt u ook weten wat de deelnemers sinds het werkatelier anders doen? Maak een link en stuur "
    "die door aan de deelnemers. Zij vullen anoniem een paar vragen in (twee minuten); u en "
    f"Platform JEP zien de antwoorden pas als minstens {cfg.min_cell} deelnemers meededen."
)
with session.conn() as d:
    link = fp.active_link(d, wid)
if link:
    st.caption(
        f"Er is een deelnemerslink gemaakt op {fmt_date(link['created_at'])}, geldig tot "
        f"{fmt_date(link['expires_at'])}. Een nieuwe link maakt de vorige ongeldig."
    )
if st.button(
    "Nieuwe deelnemerslink maken" if link else "Deelnemerslink maken",
    key=f"ctb{wid}_plink",
    help="Een eerder gemaakte deelnemerslink werkt daarna niet meer." if link else None,
):
    with session.conn() as d:
        st.session_state[f"ctb{wid}_ptoken"] = fp.issue_link(d, wid, actor, cfg)
token = st.session_state.pop(f"ctb{wid}_ptoken", None)
if token:
    st.success("De link is gemaakt. Kopieer hem nu: hij wordt maar één keer getoond.")
    st.code(fp.link_url(session.app_base_url(), token), language=None)
