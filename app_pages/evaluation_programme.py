"""Staff: the evaluation over the whole programme, filtered by year and province."""

import streamlit as st

from app_ui import evaluation_widgets as ew
from app_ui import session, widgets
from jep.evaluation import questionnaire

session.require_staff()
st.title("Evaluaties van het programma")
q = widgets.reference_data(questionnaire.questionnaire, "De evaluatievragenlijst")
with session.conn() as d:
    widgets.demo_banner(d)
    options = ew.programme_filter_options(d)
st.caption(
    "Alle werkateliers die zijn uitgevoerd of evaluaties hebben. Zo ziet u welke doelen het "
    "werkatelier haalt en waar het achterblijft. Groepen van minder dan "
    f"{q.min_cell} respondenten worden niet getoond."
)
c1, c2 = st.columns(2)
# the filters stay as set when staff come back to this page (session-wide)
year = c1.selectbox(
    "Jaar",
    options["years"],
    index=None,
    placeholder="Alle jaren",
    key="evp_year",
    persist_state="session",
)
province = c2.selectbox(
    "Provincie",
    options["provinces"],
    index=None,
    placeholder="Alle provincies",
    key="evp_prov",
    persist_state="session",
)
with session.conn() as d:
    ew.programme_results(d, q, year, province)
