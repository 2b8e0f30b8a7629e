"""The intake questionnaire form, shared by the municipality page and the staff page."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import streamlit as st

from app_ui import session, widgets
from app_ui.draft_form import KEEP, DraftForm
from jep.reference.catalog import Catalog
from jep.workshop import intake


def _k(wid: int, name: str) -> str:
    return f"ik{wid}_{name}"


def _load_into_state(wid: int, record: dict[str, Any], cat: Catalog) -> None:
    """Put the stored answers into the widgets' session state (`DraftForm.load`)."""
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


def _form(wid: int) -> DraftForm:
    return DraftForm(
        f"ik{wid}",
        intake.SECTIONS,
        intake.section_of,
        "Dit voorgesprek is intussen door iemand anders opgeslagen. Uw invoer hieronder is nog "
        "niet bewaard.",
        first_field="contact_name",
    )


def intake_form(wid: int, actor: str, as_staff: bool) -> None:
    """Render the questionnaire for workshop `wid`, with draft save and submission: five
    sections, one open at a time, each bar showing how far it is (app_ui/draft_form.py)."""
    cat = session.cat()
    with session.conn() as d:
        record = intake.load(d, wid)
    form = _form(wid)
    form.load(
        record["version"],
        lambda: _load_into_state(wid, record, cat),
        lambda: _collect(wid, cat),
    )
    errors = form.errors

    def body(section_id: str) -> None:
        _SECTION_BODIES[section_id](wid, cat, errors)

    form.draw(
        intake.section_progress(_collect(wid, cat), cat),
        body,
        submitted=record["state"] == "ingediend",
        save=partial(_save, wid, actor, as_staff),
    )


def _contact(wid: int, cat: Catalog, errors: dict[str, str]) -> None:
    c1, c2 = st.columns(2)
    with c1:
        st.text_input(
            "Naam", key=_k(wid, "contact_name"), max_chars=intake.SHORT_MAX, persist_state=KEEP
        )
        widgets.field_error(errors, "contact.name")
        st.text_input(
            "E-mailadres",
            key=_k(wid, "contact_email"),
            max_chars=intake.SHORT_MAX,
            persist_state=KEEP,
        )
        widgets.field_error(errors, "contact.email")
    with c2:
        st.text_input(
            "Functie", key=_k(wid, "contact_role"), max_chars=intake.SHORT_MAX, persist_state=KEEP
        )
        widgets.field_error(errors, "contact.role")
        st.text_input(
            "Telefoonnummer", key=_k(wid, "contact_phone"), max_chars=40, persist_state=KEEP
        )
        widgets.field_error(errors, "contact.phone")


def _situation(wid: int, cat: Catalog, errors: dict[str, str]) -> None:
    for key, question in intake.CONTEXT_QUESTIONS.items():
        st.radio(
            question,
            list(intake.CONTEXT_ANSWERS),
            horizontal=True,
            format_func=intake.CONTEXT_ANSWERS.get,
            key=_k(wid, f"ctx_{key}"),
            persist_state=KEEP,
        )
        widgets.field_error(errors, f"context.{key}")


def _knelpunten(wid: int, cat: Catalog, errors: dict[str, str]) -> None:
    s = st.session_state
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
                persist_state=KEEP,
            )
        with c2:
            widgets.severity_select("Ernst", _k(wid, f"kp_{kid}_sev"), "speelt niet", persist=True)
        widgets.field_error(errors, f"knelpunt.{kid}", s.get(_k(wid, f"kp_{kid}_expl")))
    st.markdown("**Eigen knelpunten** (optioneel)")
    widgets.field_error(errors, "own_knelpunten")
    for i in range(intake.MAX_OWN_KNELPUNTEN):
        c1, c2 = st.columns([3, 1])
        with c1:
            st.text_input(
                f"Eigen knelpunt {i + 1}",
                key=_k(wid, f"own_{i}_text"),
                max_chars=intake.SHORT_MAX,
                persist_state=KEEP,
            )
        with c2:
            widgets.severity_select("Ernst", _k(wid, f"own_{i}_sev"), "—", persist=True)
        widgets.field_error(errors, f"own.{i}", s.get(_k(wid, f"own_{i}_text")))


def _participants(wid: int, cat: Catalog, errors: dict[str, str]) -> None:
    max_seats = int(cat.settings["workshop"]["max_participants"])
    st.caption(
        f"Aan een werkatelier doen hoogstens {max_seats} professionals mee. Het werkt het best "
        "met deelnemers uit de domeinen jeugd, onderwijs en veiligheid samen."
    )
    widgets.field_error(errors, "sectors")
    cols = st.columns(3)
    for i, (sid, sector) in enumerate(cat.sectors.items()):
        with cols[i % 3]:
            # No bounds: the browser would not send a number outside them (the field would show
            # 20 while 0 is saved, without a word); `validate` says what is wrong in Dutch.
            st.number_input(
                f"{sector.name}",
                step=1,
                key=_k(wid, f"sec_{sid}"),
                help=f"Domein: {cat.domains[sector.domain].name}. Bijvoorbeeld: "
                + ", ".join(sector.professions),
                persist_state=KEEP,
            )
            widgets.field_error(errors, f"sector.{sid}")


def _practical(wid: int, cat: Catalog, errors: dict[str, str]) -> None:
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
                persist_state=KEEP,
            )
            widgets.field_error(errors, f"date.{i}")
    parts = intake.parts_of_day()
    c0, c1, c2 = st.columns(3)
    for col, name, label, options in (
        (c0, "part_of_day", "Voorkeur dagdeel", parts),
        (c1, "location_by", "Wie regelt de locatie?", intake.ARRANGED_BY),
        (c2, "catering_by", "Wie regelt de catering?", intake.ARRANGED_BY),
    ):
        with col:
            st.selectbox(
                label,
                list(options),
                format_func=options.get,
                key=_k(wid, name),
                placeholder="Kies…",
                persist_state=KEEP,
            )
            widgets.field_error(errors, name)
    st.text_area(
        "Opmerkingen", key=_k(wid, "remarks"), max_chars=intake.TEXT_MAX, persist_state=KEEP
    )
    widgets.field_error(errors, "remarks", st.session_state.get(_k(wid, "remarks")))


_SECTION_BODIES = {
    "contact": _contact,
    "situatie": _situation,
    "knelpunten": _knelpunten,
    "deelnemers": _participants,
    "praktisch": _practical,
}


def _save(wid: int, actor: str, as_staff: bool, submit: bool) -> None:
    """A save button's callback (before the page is drawn, so it can open the section of the
    first error): validate and store, and leave the outcome for the page."""
    cat = session.cat()
    form = _form(wid)
    answers = _collect(wid, cat)
    try:
        with session.conn() as d:
            errors, version = intake.save(
                d,
                wid,
                answers,
                form.version,
                actor,
                cat,
                date.today(),
                submit=submit,
                as_staff=as_staff,
                privacy_confirmed=form.privacy_confirmed,
            )
    except (intake.ConflictError, intake.IntakeLocked) as exc:
        form.refused(str(exc))
        return
    if submit:
        message = (
            "Het voorgesprek is ingediend namens de gemeente."
            if as_staff
            else "Dank u wel! Het voorgesprek is ingediend. Platform JEP neemt contact met u op."
        )
    else:
        message = (
            "Opgeslagen." if as_staff else "Opgeslagen. U kunt later via dezelfde link verder."
        )
    form.saved(errors, version, answers, message)


def intake_summary(answers: dict[str, Any]) -> None:
    """Read-only list of every answer (user text escaped: no Markdown, no HTML)."""
    with st.container(border=True):
        widgets.answer_list(intake.summary_rows(answers, session.cat()))
