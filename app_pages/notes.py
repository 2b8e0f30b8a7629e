"""Staff: the facilitators' notes of the day – dilemmas per werkwijze step, legal questions,
knelpunten confirmed or new, solutions of the participants. They feed the report."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from app_ui import session, widgets
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.workshop import intake, notes, workshops

user = session.require_staff()
actor = user["username"]
cat = session.cat()
s = st.session_state
st.title("Notities van de dag")
w = widgets.chosen_workshop()
wid = w["id"]
st.markdown(
    f"**{md(w['municipality_name'])}** · status {widgets.status_label(w['status'])} · "
    f"{fmt_date(w['date']) if w['date'] else 'nog geen datum'}"
)
if w["status"] not in workshops.HELD:
    st.info("Dit werkatelier is nog niet uitgevoerd. U kunt wel alvast notities maken.")
st.caption(
    "Noteer geen namen of herkenbare details van jongeren, gezinnen of collega’s: de casuïstiek "
    "blijft geanonimiseerd. De privacycontrole kijkt mee voordat er iets wordt opgeslagen. "
    "Deze notities komen in het verslag aan de gemeente."
)
widgets.show_flash(f"nt{wid}")
gone_slot = widgets.notice_slot()

STEPS = {step.number: f"Stap {step.number} – {step.title}" for step in cat.steps}
NEW_KP = "__nieuw__"
with session.conn() as d:
    all_notes = notes.list_df(d, wid)
    intake_kp = intake.severities(d, wid)


def _kp_label(kid: str) -> str:
    if kid == NEW_KP:
        return "Een ander knelpunt (beschrijf het hieronder)"
    name = cat.knelpunten[kid].text if kid in cat.knelpunten else kid
    return name + (f" — voorgesprek: ernst {intake_kp[kid]}" if kid in intake_kp else "")


def _empty(key: str) -> dict[str, Any]:
    """Start a choice widget empty, unless the session already holds its value."""
    return {} if key in s else {"index": None}


def _fields(kind: str, key: str, errors: dict[str, str]) -> None:
    """The input fields of one kind of note; values live in st.session_state[key + field]."""
    text_label, detail_label = notes.FIELD_LABELS[kind]
    if kind == "dilemma":
        st.selectbox(
            "Stap van de werkwijze",
            list(STEPS),
            format_func=lambda n: STEPS[n],
            key=key + "step",
            placeholder="Kies de stap waar het dilemma over ging…",
            **_empty(key + "step"),
        )
        widgets.field_error(errors, "step")
    if kind == "knelpunt":
        st.radio(
            "Bevestigd of nieuw?",
            list(notes.KNELPUNT_STATUS),
            format_func=lambda v: notes.KNELPUNT_STATUS[v],
            key=key + "knelpunt_status",
            horizontal=True,
            **_empty(key + "knelpunt_status"),
        )
        widgets.field_error(errors, "knelpunt_status")
        st.selectbox(
            "Knelpunt",
            [*cat.knelpunten, NEW_KP],
            format_func=_kp_label,
            key=key + "knelpunt_id",
            placeholder="Kies een knelpunt…",
            **_empty(key + "knelpunt_id"),
        )
        widgets.field_error(errors, "knelpunt_id")
    st.text_area(text_label, key=key + "text", max_chars=notes.TEXT_MAX, height=100)
    widgets.field_error(errors, "text", s.get(key + "text"))
    if detail_label:
        st.text_area(detail_label, key=key + "detail", max_chars=notes.TEXT_MAX, height=80)
        widgets.field_error(errors, "detail", s.get(key + "detail"))
    widgets.field_error(errors, "form")


def _raw(kind: str, key: str) -> dict[str, Any]:
    kid = s.get(key + "knelpunt_id")
    return {
        "kind": kind,
        "step": s.get(key + "step"),
        "knelpunt_id": None if kid == NEW_KP else kid,
        "knelpunt_status": s.get(key + "knelpunt_status"),
        "text": s.get(key + "text", ""),
        "detail": s.get(key + "detail", ""),
    }


def _clear(key: str) -> None:
    for field in (
        "step", "knelpunt_id", "knelpunt_status", "text", "detail", "errors", "ok", "version",
    ):  # fmt: skip
        s.pop(key + field, None)


def _show(note: dict[str, Any]) -> None:
    kind = note["kind"]
    if kind == "dilemma":
        step = note["step"]
        st.markdown(f"**{md(STEPS.get(step, f'Stap {step}'))}**")
    if kind == "knelpunt":
        kid = note["knelpunt_id"]
        status = "Bevestigd" if note["knelpunt_status"] == "bevestigd" else "Nieuw"
        name = _kp_label(kid) if kid else "Ander knelpunt"
        st.markdown(f"**{status}:** {md(name)}")
    if note["text"]:
        st.markdown(md(note["text"]).replace("\n", "  \n"))
    if note["detail"]:
        st.caption(md(note["detail"]).replace("\n", "  \n"))
    st.caption(f"{md(note['updated_by'] or '')} · {fmt_date(note['updated_at'])}")


def _edit(note: dict[str, Any], editing: str) -> None:
    """The edit form of one note (on the page while `editing` is set in the session)."""
    key = f"nt{wid}_e{note['id']}_"
    if key + "text" not in s:  # first time open: the stored values
        s[key + "step"] = note["step"] if note["step"] in STEPS else None
        s[key + "knelpunt_id"] = note["knelpunt_id"] or (
            NEW_KP if note["kind"] == "knelpunt" else None
        )
        s[key + "knelpunt_status"] = note["knelpunt_status"]
        s[key + "text"] = note["text"]
        s[key + "detail"] = note["detail"]
        s[key + "version"] = int(note["version"])  # saving over a later change is refused
    nid = int(note["id"])

    def save(privacy_confirmed: bool) -> dict[str, str]:
        with session.conn() as d:
            return notes.update(
                d,
                wid,
                nid,
                _raw(note["kind"], key),
                int(s.get(key + "version", note["version"])),
                actor,
                cat,
                privacy_confirmed=privacy_confirmed,
            )

    widgets.edit_form(
        key,
        editing,
        "Wijziging opslaan",
        lambda errors: _fields(note["kind"], key, errors),
        save,
        lambda: _clear(key),
        (f"nt{wid}", "Notitie gewijzigd."),
    )
    widgets.cancel_edit(st, key, editing, lambda: _clear(key))


def _gone() -> None:
    """Say so when a note whose edit form was open has been deleted by someone else meanwhile (its
    form is no longer drawn, so a click on *Wijziging opslaan* would otherwise do nothing), and
    repeat what the form held so that it can be copied."""
    widgets.say_gone(
        gone_slot,
        "een notitie",
        f"nt{wid}_editing_",
        all_notes["id"],
        lambda nid: f"nt{wid}_e{nid}_",
        ("text", "detail"),
        _clear,
    )


_gone()
tabs = st.tabs(list(notes.KINDS.values()), key=f"nt{wid}_tabs")
for tab, kind in zip(tabs, notes.KINDS, strict=True):
    with tab:
        if kind == "knelpunt" and intake_kp:
            named = ", ".join(
                f"{cat.knelpunten[k].short if k in cat.knelpunten else k} ({v})"
                for k, v in intake_kp.items()
            )
            st.caption(f"In het voorgesprek genoemd (ernst): {md(named)}")
        mine = all_notes[all_notes["kind"] == kind]
        if mine.empty:
            st.caption("Nog geen notities van deze soort.")
        else:
            st.caption(f"{len(mine)} notitie(s).")
        for rec in notes.records(mine):
            with st.container(border=True):
                _show(rec)
                editing = f"nt{wid}_editing_{rec['id']}"
                buttons = st.container(horizontal=True)
                widgets.opened_on_request(
                    buttons, editing, "Wijzigen", key=f"nt{wid}_edit{rec['id']}", width="content"
                )
                with buttons, st.popover("Verwijderen"):
                    st.write("Deze notitie verwijderen?")
                    if st.button("Ja, verwijderen", key=f"nt{wid}_del{rec['id']}", type="primary"):
                        with session.conn() as d:
                            notes.delete(d, wid, int(rec["id"]), actor)
                        # its own edit form goes with it, without a word
                        widgets.close_edit(editing, partial(_clear, f"nt{wid}_e{rec['id']}_"))
                        widgets.flash(f"nt{wid}", "Notitie verwijderd.")
                        st.rerun()
                with st.container():  # always there: what follows keeps its place
                    if s.get(editing):
                        _edit(rec, editing)
        st.markdown(f"**Nieuwe notitie: {notes.KINDS[kind].lower()}**")
        scope = f"nt{wid}_{kind}_"
        key = widgets.form_prefix(scope)  # a new, empty form after every note added
        errors = s.get(key + "errors", {})
        if errors and "form" not in errors:
            st.error("Er is nog niets opgeslagen; zie de melding(en) bij de velden.")
        with st.form(key + "form", enter_to_submit=False):
            _fields(kind, key, errors)
            widgets.privacy_confirm(errors, key + "ok")
            added = st.form_submit_button("Notitie toevoegen", type="primary")
        if added:
            with session.conn() as d:
                errors, _ = notes.add(
                    d, wid, _raw(kind, key), actor, cat, privacy_confirmed=bool(s.get(key + "ok"))
                )
            if errors:
                s[key + "errors"] = errors
            else:
                widgets.clear_form(scope)
                widgets.flash(f"nt{wid}", "Notitie toegevoegd.")
            st.rerun()
