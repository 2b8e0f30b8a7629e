"""Staff: plan a workshop (date, half-day slot, location, host, facilitators); its status."""

from datetime import date

import pandas as pd
import streamlit as st

from app_ui import session, widgets
from app_ui.cache import Connection, cached_by
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.reference.toml import CatalogError
from jep.workshop import intake, planning


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

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Gegevens")
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
            widgets.flash(k + "saved", str(exc), kind="error")
        except planning.PlanningError as exc:
            errors = {}
            widgets.flash(k + "saved", str(exc), kind="error")
        else:
            if errors:
                widgets.scroll_to_error(k + "saved")
            else:
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
                    k + "saved",
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
    widgets.form_feedback(k + "saved", errors)  # next to the button that was pressed
    with session.conn() as d:
        notes = planning.clashes(
            d, wid, w["date"], w["time_slot"], [w["facilitator_1"], w["facilitator_2"]]
        )
    for note in notes:
        st.warning(md(note), icon="📅")


def _move(target: str, message: str) -> None:
    """Change the status through the pipeline rules and say so (or why not)."""
    try:
        with session.conn() as d:
            planning.change_status(d, wid, target, actor, today)
    except planning.PlanningError as exc:
        widgets.flash(k + "status", str(exc), kind="error")
    else:
        widgets.flash(k + "status", message)
        s[k + "loaded"] = None
    st.rerun()


def _take_date(day: date, part: str | None) -> None:
    """Put a preferred date (and part of day) of the voorgesprek into the form."""
    s[k + "date"] = day
    if part in cfg.time_slots:
        s[k + "time_slot"] = part


with right:
    with st.container(border=True, key=k + "intake"):
        st.markdown("**Uit het voorgesprek**")
        with session.conn() as d:
            record = intake.load(d, wid)
        if record["state"] != "ingediend":
            st.caption("Het voorgesprek is nog niet ingediend; dit is wat er tot nu toe staat.")
        st.markdown(
            "\n".join(
                f"- **{md(label)}:** {md(value)}"
                for label, value in intake.practical(record, session.cat())
            )
        )
        part = record["answers"].get("part_of_day")
        for iso in record["answers"].get("dates") or []:
            day = date.fromisoformat(iso)
            if day >= today:
                st.button(
                    f"{fmt_date(day)} overnemen",
                    key=k + f"take_{iso}",
                    on_click=_take_date,
                    args=(day, part),
                    icon=":material/event_available:",
                    help="Zet deze voorkeursdatum (en het gewenste dagdeel) in het formulier; "
                    "daarna nog opslaan.",
                )
    st.subheader("Status")
    widgets.show_flash(k + "status")  # next to the status buttons
    st.markdown(f"Nu: **{widgets.status_label(w['status'])}**")
    if w["date"]:
        st.caption(f"Datum: {fmt_date(w['date'])}")
    with session.conn() as d:
        options = planning.transitions(d, wid, today)
    steps = {kind: [t for t in options if t.kind == kind] for kind in planning.STEP_KINDS}
    # The main action: the next step, only when it is possible; otherwise why not.
    for t in steps[planning.FORWARD] + steps[planning.REOPEN]:
        if t.target == "verslag verstuurd":  # a report version is marked as sent there
            st.markdown("**Volgende stap: het verslag versturen**")
            st.caption(
                t.reason
                or "Markeer op de pagina Verslag de versie die u naar de gemeente stuurt; de "
                "status wordt dan ‘verslag verstuurd’."
            )
            st.page_link(
                "app_pages/report.py",
                label="Naar het verslag",
                icon=":material/description:",
                query_params={"id": str(wid)},
            )
        elif t.allowed:
            if st.button(t.label, key=k + f"to_{t.target}", type="primary", width="stretch"):
                _move(t.target, f"Status gewijzigd naar ‘{widgets.status_label(t.target)}’.")
        else:
            st.info(f"**{t.label}** kan nog niet. {t.reason}", icon=":material/info:")
    if not steps[planning.FORWARD] and not steps[planning.REOPEN]:
        st.caption("Er is geen volgende stap.")
    # Steps back and cancelling: secondary, each behind a confirmation.
    for t in steps[planning.BACK]:
        with st.expander(f"{t.label} (een stap terug)"):
            if not t.allowed:
                st.caption(t.reason)
                continue
            st.caption(
                f"Alleen om een vergissing te herstellen: de status wordt weer "
                f"‘{widgets.status_label(t.target)}’."
            )
            sure = st.checkbox(
                f"Ja, terug naar ‘{widgets.status_label(t.target)}’",
                key=k + f"back_sure_{t.target}",
            )
            if st.button(t.label, key=k + f"back_{t.target}", disabled=not sure):
                _move(t.target, f"Status teruggezet naar ‘{widgets.status_label(t.target)}’.")
    for t in steps[planning.CANCEL]:
        with st.expander("Werkatelier annuleren"):
            if not t.allowed:
                st.caption(t.reason)
                continue
            sure = st.checkbox("Ja, dit werkatelier gaat niet door", key=k + "cancel_sure")
            if st.button("Annuleren", key=k + "cancel", disabled=not sure):
                _move("geannuleerd", "Het werkatelier is geannuleerd.")
    st.page_link(
        "app_pages/participants.py",
        label="Deelnemers en mix",
        icon=":material/groups:",
        query_params={"id": str(wid)},
    )
