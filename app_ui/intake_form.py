"""The intake questionnaire form, shared by the municipality page and the staff page."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from app_ui import session, widgets
from jep.reference.catalog import Catalog
from jep.workshop import intake


def _k(wid: int, name: str) -> str:
    return f"ik{wid}_{name}"


def _load_into_state(wid: int, record: dict[str, Any], cat: Catalog) -> None:
    """Put the stored answers into the widgets' session state (first visit or after reload)."""
    a = record["answers"]
    s = st.session_state
    for key in ("name", "role", "email", "phone"):
        s[_k(wid, f"contact_{key}")] = a["contact"].get(key, "")
    for key in intake.CONTEXT_QUESTIONS:
        s[_k(wid, f"ctx_{key}")] = a["context"].get(key)
    for kid in cat.knelpunten:
        val = a["knelpunten"].get(kid) or {}
        s[_k(wid, f"kp_{kid}_sev")] = val.get("severity")
        s[_k(wid, f"kp_{kid}_expl")] = val.get("explanation", "")
    for i in range(intake.MAX_OWN_KNELPUNTEN):
        own = a["own_knelpunten"][i] if i < len(a["own_knelpunten"]) else {}
        s[_k(wid, f"own_{i}_text")] = own.get("text", "")
        s[_k(wid, f"own_{i}_sev")] = own.get("severity")
    for sid in cat.sectors:
        s[_k(wid, f"sec_{sid}")] = int(a["sectors"].get(sid, 0) or 0)
    for i in range(intake.MAX_DATES):
        value = a["dates"][i] if i < len(a["dates"]) else None
        s[_k(wid, f"date_{i}")] = date.fromisoformat(value) if value else None
    s[_k(wid, "part_of_day")] = a.get("part_of_day")
    s[_k(wid, "location_by")] = a.get("location_by")
    s[_k(wid, "catering_by")] = a.get("catering_by")
    s[_k(wid, "remarks")] = a.get("remarks", "")
    s[_k(wid, "version")] = record["version"]
    s[_k(wid, "errors")] = {}


def _collect(wid: int, cat: Catalog) -> dict[str, Any]:
    s = st.session_state
    return {
        "contact": {
            k: s.get(_k(wid, f"contact_{k}"), "") for k in ("name", "role", "email", "phone")
        },
        "context": {k: s.get(_k(wid, f"ctx_{k}")) for k in intake.CONTEXT_QUESTIONS},
        "knelpunten": {
            kid: {
                "severity": s.get(_k(wid, f"kp_{kid}_sev")),
                "explanation": s.get(_k(wid, f"kp_{kid}_expl"), ""),
            }
            for kid in cat.knelpunten
        },
        "own_knelpunten": [
            {
                "text": s.get(_k(wid, f"own_{i}_text"), ""),
                "severity": s.get(_k(wid, f"own_{i}_sev")),
            }
            for i in range(intake.MAX_OWN_KNELPUNTEN)
        ],
        "sectors": {sid: s.get(_k(wid, f"sec_{sid}"), 0) for sid in cat.sectors},
        "dates": [s.get(_k(wid, f"date_{i}")) for i in range(intake.MAX_DATES)],
        "part_of_day": s.get(_k(wid, "part_of_day")),
        "location_by": s.get(_k(wid, "location_by")),
        "catering_by": s.get(_k(wid, "catering_by")),
        "remarks": s.get(_k(wid, "remarks"), ""),
    }


def intake_form(wid: int, actor: str, as_staff: bool) -> None:
    """Render the questionnaire for workshop `wid`, with draft save and submission."""
    cat = session.cat()
    with session.conn() as d:
        record = intake.load(d, wid)
    s = st.session_state
    if _k(wid, "version") not in s:
        _load_into_state(wid, record, cat)
    errors: dict[str, str] = s.get(_k(wid, "errors"), {})
    if s[_k(wid, "version")] != record["version"]:
        st.warning(
            "Dit voorgesprek is intussen door iemand anders opgeslagen. Uw invoer hieronder is nog "
            "niet bewaard."
        )
        if st.button("Nieuwste versie laden (uw wijzigingen vervallen)", key=_k(wid, "reload")):
            _load_into_state(wid, record, cat)
            st.rerun()

    max_seats = int(cat.settings["workshop"]["max_participants"])
    with st.form(_k(wid, "form"), enter_to_submit=False):
        st.subheader("1. Contactpersoon")
        c1, c2 = st.columns(2)
        with c1:
            st.text_input("Naam", key=_k(wid, "contact_name"), max_chars=intake.SHORT_MAX)
            widgets.field_error(errors, "contact.name")
            st.text_input("E-mailadres", key=_k(wid, "contact_email"), max_chars=intake.SHORT_MAX)
            widgets.field_error(errors, "contact.email")
        with c2:
            st.text_input("Functie", key=_k(wid, "contact_role"), max_chars=intake.SHORT_MAX)
            widgets.field_error(errors, "contact.role")
            st.text_input("Telefoonnummer", key=_k(wid, "contact_phone"), max_chars=40)
            widgets.field_error(errors, "contact.phone")

        st.subheader("2. De situatie in uw gemeente")
        for key, question in intake.CONTEXT_QUESTIONS.items():
            st.radio(
                question,
                list(intake.CONTEXT_ANSWERS),
                horizontal=True,
                format_func=intake.CONTEXT_ANSWERS.get,
                key=_k(wid, f"ctx_{key}"),
            )
            widgets.field_error(errors, f"context.{key}")

        st.subheader("3. Knelpunten bij het delen van informatie")
        st.caption(
            "Geef bij elk knelpunt dat in uw gemeente speelt aan hoe groot het is (1 = klein, "
            "5 = groot). Laat de ernst leeg als het niet speelt. Noem geen namen of andere "
            "herleidbare gegevens van jongeren of gezinnen."
        )
        widgets.field_error(errors, "knelpunten")
        for kid, kp in cat.knelpunten.items():
            c1, c2 = st.columns([3, 1])
            with c1:
                st.text_input(
                    kp.text,
                    key=_k(wid, f"kp_{kid}_expl"),
                    max_chars=intake.TEXT_MAX,
                    placeholder="Toelichting (optioneel)",
                )
            with c2:
                widgets.severity_select("Ernst", _k(wid, f"kp_{kid}_sev"), "speelt niet")
            widgets.field_error(
                errors, f"knelpunt.{kid}", st.session_state.get(_k(wid, f"kp_{kid}_expl"))
            )
        st.markdown("**Eigen knelpunten** (optioneel)")
        widgets.field_error(errors, "own_knelpunten")
        for i in range(intake.MAX_OWN_KNELPUNTEN):
            c1, c2 = st.columns([3, 1])
            with c1:
                st.text_input(
                    f"Eigen knelpunt {i + 1}",
                    key=_k(wid, f"own_{i}_text"),
                    max_chars=intake.SHORT_MAX,
                )
            with c2:
                widgets.severity_select("Ernst", _k(wid, f"own_{i}_sev"), "—")
            widgets.field_error(errors, f"own.{i}", st.session_state.get(_k(wid, f"own_{i}_text")))

        st.subheader("4. Wie nodigt u uit?")
        st.caption(
            f"Aan een werkatelier doen hoogstens {max_seats} professionals mee. Het werkt het best "
            "met deelnemers uit de domeinen jeugd, onderwijs en veiligheid samen."
        )
        widgets.field_error(errors, "sectors")
        cols = st.columns(3)
        for i, (sid, sector) in enumerate(cat.sectors.items()):
            with cols[i % 3]:
                st.number_input(
                    f"{sector.name}",
                    min_value=0,
                    max_value=max_seats,
                    step=1,
                    key=_k(wid, f"sec_{sid}"),
                    help=f"Domein: {cat.domains[sector.domain].name}. Bijvoorbeeld: "
                    + ", ".join(sector.professions),
                )
                widgets.field_error(errors, f"sector.{sid}")

        st.subheader("5. Praktisch")
        st.markdown(
            f"**Voorkeursdata** (minstens {cat.settings['intake']['min_preferred_dates']}, "
            "in de toekomst)"
        )
        widgets.field_error(errors, "dates")
        cols = st.columns(intake.MAX_DATES)
        for i in range(intake.MAX_DATES):
            with cols[i]:
                st.date_input(
                    f"Voorkeur {i + 1}",
                    key=_k(wid, f"date_{i}"),
                    format="DD-MM-YYYY",
                )
                widgets.field_error(errors, f"date.{i}")
        parts = intake.parts_of_day()
        c0, c1, c2 = st.columns(3)
        with c0:
            st.selectbox(
                "Voorkeur dagdeel",
                list(parts),
                format_func=parts.get,
                key=_k(wid, "part_of_day"),
                placeholder="Kies…",
            )
            widgets.field_error(errors, "part_of_day")
        with c1:
            st.selectbox(
                "Wie regelt de locatie?",
                list(intake.ARRANGED_BY),
                format_func=intake.ARRANGED_BY.get,
                key=_k(wid, "location_by"),
                placeholder="Kies…",
            )
            widgets.field_error(errors, "location_by")
        with c2:
            st.selectbox(
                "Wie regelt de catering?",
                list(intake.ARRANGED_BY),
                format_func=intake.ARRANGED_BY.get,
                key=_k(wid, "catering_by"),
                placeholder="Kies…",
            )
            widgets.field_error(errors, "catering_by")
        st.text_area("Opmerkingen", key=_k(wid, "remarks"), max_chars=intake.TEXT_MAX)
        widgets.field_error(errors, "remarks", st.session_state.get(_k(wid, "remarks")))
        widgets.privacy_confirm(errors, _k(wid, "privacy_ok"))

        c1, c2, _ = st.columns([1, 1, 2])
        draft = c1.form_submit_button("Concept opslaan")
        submit = c2.form_submit_button(
            "Wijzigingen opslaan" if record["state"] == "ingediend" else "Indienen",
            type="primary",
        )
    if draft or submit:
        _save(wid, actor, as_staff, submit=submit and record["state"] != "ingediend")
    # The form is long (about 3,500 px): the outcome shows under its buttons, where the user is,
    # and after a save with errors the page scrolls to the first one.
    widgets.form_feedback(f"ik{wid}", errors)


def _save(wid: int, actor: str, as_staff: bool, submit: bool) -> None:
    cat = session.cat()
    s = st.session_state
    try:
        with session.conn() as d:
            errors, version = intake.save(
                d,
                wid,
                _collect(wid, cat),
                s[_k(wid, "version")],
                actor,
                cat,
                date.today(),
                submit=submit,
                as_staff=as_staff,
                privacy_confirmed=bool(s.get(_k(wid, "privacy_ok"))),
            )
    except intake.ConflictError as exc:
        s[_k(wid, "errors")] = {}
        widgets.flash(f"ik{wid}", str(exc), kind="error")
        st.rerun()
    except intake.IntakeLocked as exc:
        widgets.flash(f"ik{wid}", str(exc), kind="error")
        st.rerun()
    s[_k(wid, "errors")] = errors
    if errors:
        widgets.scroll_to_error(f"ik{wid}")
    else:
        s[_k(wid, "version")] = version
        s.pop(_k(wid, "privacy_ok"), None)
        message = (
            "Dank u wel! Het voorgesprek is ingediend. Platform JEP neemt contact met u op."
            if submit
            else "Opgeslagen. U kunt later via dezelfde link verder."
        )
        widgets.flash(f"ik{wid}", message)
    st.rerun()


def intake_summary(answers: dict[str, Any]) -> None:
    """Read-only list of every answer; user text shown with st.text (no Markdown, no HTML)."""
    with st.container(border=True):
        for question, answer in intake.summary_rows(answers, session.cat()):
            c1, c2 = st.columns([2, 3])
            c1.text(question)
            c2.text(answer)
