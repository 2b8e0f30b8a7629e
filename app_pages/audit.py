"""Staff: read and filter the audit log (who did what, when) and export it as CSV."""

from datetime import date, timedelta

import streamlit as st

from app_ui import session, widgets
from jep.store import audit
from jep.workshop import workshops

SHOWN = 1000

user = session.require_staff()
st.title("Auditlog")
st.caption(
    "Elke aanmelding, mislukte aanmelding, wijziging, verwijdering, export en uitgegeven link, "
    "met wie en wanneer. Regels in het auditlog kunnen niet worden gewijzigd of verwijderd."
)
with session.conn() as d:
    actors = audit.actors(d)
    actions = audit.actions(d)

c1, c2, c3 = st.columns([1, 1, 1])
actor = widgets.filter_select(c1, "Wie", actors, "audit_actor", "Iedereen")
action = widgets.filter_select(c2, "Handeling", actions, "audit_action", "Alles")
today = date.today()
period = c3.date_input(
    "Periode",
    value=(today - timedelta(days=30), today),
    max_value=today,
    format="DD-MM-YYYY",
    key="audit_period",
    persist_state="session",  # like the filters above: kept when staff come back
)
search = st.text_input(
    "Zoeken in onderwerp en details",
    placeholder="bijv. GM0344 of een werkateliernummer",
    key="audit_search",
    persist_state="session",
)
# A range picker yields one date while the second is still being chosen.
since = period[0] if isinstance(period, tuple) and period else None
until = period[1] if isinstance(period, tuple) and len(period) > 1 else since
filters = {
    "actor": actor,
    "action": action,
    "since": since.isoformat() if since else None,
    "until": until.isoformat() if until else None,
    "search": search.strip() or None,
}

with session.conn() as d:
    total = audit.count(
        d,
        filters["actor"],
        filters["action"],
        filters["since"],
        until=filters["until"],
        search=filters["search"],
    )
    df = audit.entries(
        d,
        filters["actor"],
        filters["action"],
        filters["since"],
        SHOWN,
        until=filters["until"],
        search=filters["search"],
    )

if df.empty:
    st.info("Geen regels gevonden met deze filters.")
else:
    shown = f"de nieuwste {SHOWN} van {total}" if total > SHOWN else f"{total}"
    st.caption(f"{shown} regel(s), nieuwste bovenaan; tijden in Nederlandse tijd.")
    st.dataframe(
        audit.for_display(df, workshops.STATUS_LABELS),
        hide_index=True,
        width="stretch",
        column_config={
            "Tijdstip": st.column_config.TextColumn(width="medium"),
            "Details": st.column_config.TextColumn(width="large"),
        },
    )


def _export() -> bytes:
    with session.conn() as d:
        return audit.export_csv(
            d,
            user["username"],
            filters["actor"],
            filters["action"],
            filters["since"],
            until=filters["until"],
            search=filters["search"],
        )


st.download_button(
    f"Exporteren als CSV ({total} regels)",
    data=_export,
    file_name=f"auditlog-{today.isoformat()}.csv",
    mime="text/csv",
    on_click="ignore",
    disabled=total == 0,
    help="Alle regels die aan de filters voldoen. Ook de export zelf komt in het auditlog.",
)
