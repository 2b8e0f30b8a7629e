"""Staff: plan a workshop (date, half-day slot, location, host, facilitators); its status."""

from datetime import date

import pandas as pd
import streamlit as st

from app_ui import session, widgets
from app_ui.cache import Connection, cached_by
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.reference.toml import CatalogError
from jep.workshop import planning


@cached_by("workshops", "participants", "municipalities", max_entries=4)
def _agenda(d: Connection, today: date) -> pd.DataFrame:
    """The agenda of every workshop, until a workshop, participant or municipality changes."""
    return planning.schedule(d, today)


user = session.require_staff()
actor = user["username"]
today = date.today()
s = st.session_state
st.title("Planning")
try:
    cfg = planning.config()
except CatalogError as exc:
    st.error(f"De planningsinstellingen kunnen niet worden gelezen: {exc}")
    st.stop()

with session.conn() as d:
    widgets.demo_banner(d)
    agenda = _agenda(d, today)
    w = widgets.pick_workshop(d)

with st.expander("Agenda: alle werkateliers, de eerstvolgende bovenaan", expanded=w is None):
    if agenda.empty:
        st.info("Er zijn nog geen werkateliers.")
    else:
        st.dataframe(
            agenda,
            hide_index=True,
            width="stretch",
            column_config={
                "id": st.column_config.NumberColumn("#", width="small"),
                "gemeente": "Gemeente",
                "status": "Status",
                "datum": "Datum",
                "dagdeel": "Dagdeel",
                "locatie": "Locatie",
                "aangemeld": st.column_config.NumberColumn("Aangemeld", width="small"),
                "wachtlijst": st.column_config.NumberColumn("Wachtlijst", width="small"),
                "begeleiders": "Begeleiders",
            },
        )
if w is None:
    st.stop()
wid = w["id"]
k = f"pl{wid}_"


def _load(workshop: dict) -> None:
    """Put the stored plan into the form's widgets (first visit, or after saving)."""
    s[k + "date"] = date.fromisoformat(workshop["date"]) if workshop["date"] else None
    s[k + "time_slot"] = workshop["time_slot"] if workshop["time_slot"] in cfg.time_slots else None
    for key in ("location", "address", "host_contact", "facilitator_1", "facilitator_2"):
        s[k + key] = workshop[key] or ""
    s[k + "loaded"] = workshop["updated_at"]
    s[k + "errors"] = {}


if s.get(k + "loaded") is None or k + "location" not in s:  # widget state is dropped on
    _load(w)  # a page switch; reload the stored plan then
errors: dict[str, str] = s.get(k + "errors", {})

st.markdown(
    f"**{md(w['municipality_name'])}** ({md(w['province'])}) · status "
    f"{widgets.status_label(w['status'])}"
)
widgets.show_flash(k + "notice")

left, right = st.columns([2, 1], gap="large")
with left:
    st.subheader("Gegevens")
    if errors:
        st.error("Er is nog niets opgeslagen; zie de melding(en) bij de velden.")
    with st.form(k + "form", enter_to_submit=False):
        c1, c2 = st.columns(2)
        with c1:
            st.date_input("Datum", key=k + "date", format="DD-MM-YYYY")
            widgets.field_error(errors, "date")
        with c2:
            st.selectbox(
                "Dagdeel",
                list(cfg.time_slots),
                format_func=lambda sid: cfg.time_slots[sid].label,
                key=k + "time_slot",
                index=None,
                placeholder="Kies een dagdeel…",
            )
            widgets.field_error(errors, "time_slot")
        st.text_input(
            "Locatie",
            key=k + "location",
            max_chars=planning.TEXT_LIMITS["location"],
            placeholder="bijv. Stadhuis, zaal 2",
        )
        widgets.field_error(errors, "location")
        st.text_input("Adres", key=k + "address", max_chars=planning.TEXT_LIMITS["address"])
        widgets.field_error(errors, "address")
        st.text_input(
            "Contactpersoon op de locatie (gastheer/gastvrouw)",
            key=k + "host_contact",
            max_chars=planning.TEXT_LIMITS["host_contact"],
            placeholder="naam en telefoonnummer",
        )
        widgets.field_error(errors, "host_contact")
        c1, c2 = st.columns(2)
        with c1:
            st.text_input(
                cfg.facilitator_labels[0],
                key=k + "facilitator_1",
                max_chars=planning.TEXT_LIMITS["facilitator_1"],
            )
            widgets.field_error(errors, "facilitator_1")
        with c2:
            st.text_input(
                cfg.facilitator_labels[1],
                key=k + "facilitator_2",
                max_chars=planning.TEXT_LIMITS["facilitator_2"],
            )
            widgets.field_error(errors, "facilitator_2")
        saved = st.form_submit_button("Planning opslaan", type="primary")
    if saved:
        raw = {key: s.get(k + key) for key in planning.PLAN_FIELDS}
        try:
            with session.conn() as d:
                errors = planning.save_plan(d, wid, raw, actor, today)
        except planning.PlanningError as exc:
            errors = {}
            widgets.flash(k + "notice", str(exc), kind="error")
        else:
            if not errors:
                widgets.flash(k + "notice", "Planning opgeslagen.")
                s[k + "loaded"] = None  # reload the stored (cleaned) values
        s[k + "errors"] = errors
        st.rerun()
    with session.conn() as d:
        notes = planning.clashes(
            d, wid, w["date"], w["time_slot"], [w["facilitator_1"], w["facilitator_2"]]
        )
    for note in notes:
        st.warning(md(note), icon="📅")

with right:
    st.subheader("Status")
    st.markdown(f"Nu: **{widgets.status_label(w['status'])}**")
    if w["date"]:
        st.caption(f"Datum: {fmt_date(w['date'])}")
    with session.conn() as d:
        options = planning.transitions(d, wid, today)
    if not options:
        st.caption("Er is geen volgende stap.")
    for t in options:
        if t.target == "geannuleerd":
            continue
        if st.button(
            t.label,
            key=k + f"to_{t.target}",
            disabled=not t.allowed,
            type="primary" if t.allowed else "secondary",
            width="stretch",
        ):
            try:
                with session.conn() as d:
                    planning.change_status(d, wid, t.target, actor, today)
            except planning.PlanningError as exc:
                widgets.flash(k + "notice", str(exc), kind="error")
            else:
                widgets.flash(k + "notice", f"Status gewijzigd naar ‘{t.target}’.")
                s[k + "loaded"] = None
            st.rerun()
        if not t.allowed:
            st.caption(t.reason)
    cancel = next((t for t in options if t.target == "geannuleerd"), None)
    if cancel:
        with st.expander("Werkatelier annuleren"):
            sure = st.checkbox("Ja, dit werkatelier gaat niet door", key=k + "cancel_sure")
            if st.button("Annuleren", key=k + "cancel", disabled=not sure):
                with session.conn() as d:
                    planning.change_status(d, wid, "geannuleerd", actor, today)
                widgets.flash(k + "notice", "Het werkatelier is geannuleerd.")
                s[k + "loaded"] = None
                st.rerun()
    st.page_link(
        "app_pages/participants.py",
        label="Deelnemers en mix",
        icon=":material/groups:",
        query_params={"id": str(wid)},
    )
