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
year = widgets.filter_select(c1, "Jaar", options["years"], "evp_year", "Alle jaren")
province = widgets.filter_select(
    c2, "Provincie", options["provinces"], "evp_prov", "Alle provincies"
)
with session.conn() as d:
    ew.programme_results(d, q, year, province)
