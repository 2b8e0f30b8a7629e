"""Staff: overview of all workshops with municipality, status and dates."""

from datetime import date

import pandas as pd
import streamlit as st

from app_ui import session, widgets
from app_ui.cache import Connection, cached_by
from jep.workshop import workshops


@cached_by("workshops", "intakes", "municipalities", max_entries=16)
def _overview(d: Connection, status: str | None, search: str | None, today: date) -> pd.DataFrame:
    """The table of every workshop, until a workshop, intake or municipality changes."""
    return workshops.overview(d, status=status, search=search, today=today)


session.require_staff()
st.title("Werkateliers")
with session.conn() as d:
    widgets.demo_banner(d)
    c1, c2 = st.columns([1, 2])
    status = c1.selectbox(
        "Status",
        workshops.STATUSES,
        index=None,
        placeholder="Alle statussen",
        format_func=widgets.status_label,
    )
    search = c2.text_input("Zoek gemeente", placeholder="bijv. Utrecht")
    df = _overview(d, status, search or None, date.today())

if df.empty:
    st.info("Geen werkateliers gevonden. Registreer een aanvraag via **Nieuwe aanvraag**.")
else:
    st.caption(
        f"{len(df)} werkatelier(s). Eerstvolgende data bovenaan, dan de werkateliers zonder "
        "datum (nieuwste aanvraag eerst), dan de gehouden (laatste eerst); geannuleerde onderaan."
    )
    event = st.dataframe(
        df,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "id": st.column_config.NumberColumn("#", width="small"),
            "gemeente": "Gemeente",
            "provincie": "Provincie",
            "status": "Status",
            "datum": "Datum",
            "aangevraagd": "Aangevraagd",
            "voorgesprek": "Voorgesprek ingediend",
        },
        key=widgets.selection_key("workshop_table", df["id"]),
    )
    rows = event.selection.rows if event else []
    if rows:
        chosen = int(df.iloc[rows[0]]["id"])
        st.page_link(
            "app_pages/intake_review.py",
            label="Open het voorgesprek",
            icon=":material/edit_note:",
            query_params={"id": str(chosen)},
        )
    else:
        st.caption("Selecteer een rij om het werkatelier te openen.")
