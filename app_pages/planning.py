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
    agenda = planning.schedule(d, today)
    agenda["status"] = agenda["status"].map(widgets.status_label)
    return agenda


user = session.require_staff()
actor = user["username"]
today = date.today()
s = st.session_state
st.title("Planning")
try:
    cfg = planning.config()
except CatalogError as exc:
    st.error(f"De planningsinstellingen kunnen niet worden gelezen: {md(exc)}")
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
                "datum": st.column_config.DateColumn("Datum", format="DD-MM-YYYY"),
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


def _put(key: str, value: object) -> None:
    """One stored planning value into its widget."""
    if key == "date":
        s[k + key] = date.fromisoformat(str(value)) if value else None
    elif key == "time_slot":
        s[k + key] = value if value in cfg.time_slots else None
    else:
        s[k + key] = value or ""


def _load(workshop: dict) -> None:
    """Put the stored plan into the form's widgets (first visit, or after saving). The plan as
    loaded is the form's base: a save writes only what the user changed against it."""
    for key in planning.PLAN_FIELDS:
        _put(key, workshop[key])
    s[k + "base"] = {key: workshop[key] for key in planning.PLAN_FIELDS}
    s[k + "loaded"] = workshop["updated_at"]
    s[k + "errors"] = {}


if s.get(k + "loaded") is None or k + "location" not in s:  # widget state is dropped on
    _load(w)  # a page switch; reload the stored plan then
for key, value in s.pop(k + "refresh", {}).items():  # a colleague's values, after a conflict
    _put(key, value)
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
        base = s.get(k + "base") or {key: w[key] for key in planning.PLAN_FIELDS}
        try:
            with session.conn() as d:
                errors = planning.save_plan(d, wid, raw, actor, today, base=base)
        except planning.PlanConflict as exc:
            errors = {}
            # Fields only the colleague changed show their new value; for the fields both
            # changed the user's input stays, and saving again deliberately overwrites.
            mine = planning.normalise_plan(raw)
            before = planning.normalise_plan(base)
            s[k + "refresh"] = {
                key: exc.current[key]
                for key in planning.PLAN_FIELDS
                if mine[key] == before[key] and exc.current[key] != base[key]
            }
            s[k + "base"] = dict(exc.current)
            widgets.flash(k + "notice", str(exc), kind="error")
        except planning.PlanningError as exc:
            errors = {}
            widgets.flash(k + "notice", str(exc), kind="error")
        else:
            if not errors:
                with session.conn() as d:
                    now_stored = planning.stored_plan(d, wid)
                mine = planning.normalise_plan(raw)
                before = planning.normalise_plan(base)
                kept = [
                    planning.field_labels(cfg)[key]
                    for key in planning.PLAN_FIELDS
                    if mine[key] == before[key] and now_stored[key] != base[key]
                ]
                widgets.flash(
                    k + "notice",
                    "Planning opgeslagen."
                    + (
                        " Intussen door iemand anders gewijzigd en behouden: "
                        + ", ".join(kept)
                        + "."
                        if kept
                        else ""
                    ),
                )
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
