"""Staff: review the tailored recommendations of a workshop, make the report (PDF), see earlier
versions and mark the one that was sent."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from app_ui import mail as mail_ui
from app_ui import session, widgets
from app_ui.cache import Connection, cached_by
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.report import content, engine, review, rules, texts, versions
from jep.workshop import workshops


# What the rule engine reads: the workshop, its intake, the mix, the evaluation, the notes of the
# day and staff's decisions.
@cached_by(
    "workshops",
    "municipalities",
    "intakes",
    "intake_knelpunten",
    "intake_sectors",
    "participants",
    "evaluation_responses",
    "workshop_notes",
    "recommendation_decisions",
)
def _review(d: Connection, workshop_id: int) -> review.Review:
    """The proposals with staff's decisions, until what the rule engine reads changes."""
    return review.review(d, workshop_id, rules.rules())


user = session.require_staff()
actor = user["username"]
s = st.session_state
st.title("Verslag")
rb = widgets.reference_data(rules.rules, "De aanbevelingsregels (recommendations.toml)")
widgets.reference_data(texts.texts, "De teksten van het verslag (report.toml)")
w = widgets.chosen_workshop()
wid = w["id"]
k = f"rp{wid}_"
st.markdown(
    f"**{md(w['municipality_name'])}** · status {widgets.status_label(w['status'])} · "
    f"{fmt_date(w['date']) if w['date'] else 'nog geen datum'}"
)
widgets.show_flash(k + "notice")

with session.conn() as d:
    rv = _review(d, wid)
facts = rv.facts
OWNERS = list(rb.owners)
PRIORITIES = list(rb.priorities)


def _meta(rec: engine.Recommendation) -> str:
    extra = " · herschreven" if rec.reworded else ""
    return (
        f"Voor: {md(rb.owner_label(rec.owner))} · prioriteit: "
        f"{md(rb.priority_label(rec.priority))}{extra}"
    )


def _rec_fields(key: str, errors: dict[str, str], with_reason: bool) -> None:
    st.text_input("Titel", key=key + "title", max_chars=review.TITLE_MAX)
    widgets.field_error(errors, "title", s.get(key + "title"))
    st.text_area("Tekst", key=key + "text", max_chars=review.TEXT_MAX, height=140)
    widgets.field_error(errors, "text", s.get(key + "text"))
    c1, c2 = st.columns(2)
    with c1:
        st.selectbox(
            "Voor wie",
            OWNERS,
            format_func=rb.owner_label,
            key=key + "owner",
            placeholder="Kies…",
            **({} if key + "owner" in s else {"index": None}),
        )
        widgets.field_error(errors, "owner")
    with c2:
        st.selectbox(
            "Prioriteit",
            PRIORITIES,
            format_func=rb.priority_label,
            key=key + "priority",
            placeholder="Kies…",
            **({} if key + "priority" in s else {"index": None}),
        )
        widgets.field_error(errors, "priority")
    if with_reason:
        st.text_area(
            "Waarom (komt in het verslag; mag leeg blijven)",
            key=key + "reason",
            max_chars=review.REASON_MAX,
            height=70,
        )
        widgets.field_error(errors, "reason", s.get(key + "reason"))
    widgets.field_error(errors, "form")


def _raw(key: str) -> dict[str, Any]:
    return {f: s.get(key + f) for f in ("title", "text", "owner", "priority", "reason")}


def _prefill(key: str, rec: engine.Recommendation) -> None:
    if key + "title" not in s:
        s[key + "title"] = rec.title
        s[key + "text"] = rec.text
        s[key + "owner"] = rec.owner
        s[key + "priority"] = rec.priority
        s[key + "reason"] = rec.reason if rec.source == "eigen" else ""


def _clear(key: str) -> None:
    for f in ("title", "text", "owner", "priority", "reason", "errors", "ok"):
        s.pop(key + f, None)


def _decide(rule_id: str, decision: str | None, message: str) -> None:
    with session.conn() as d:
        review.decide(d, wid, rule_id, decision, actor, rb)
    widgets.flash(k + "notice", message)
    st.rerun()


# ---------------------------------------------------------------- the facts
with st.expander("Waar de voorstellen op gebaseerd zijn"):
    basis = {
        "aanwezig": "aanwezige deelnemers",
        "aangemeld": "aangemelde deelnemers (aanwezigheid nog niet bijgehouden)",
        "geen": "nog geen deelnemers",
    }[facts.basis]
    n_notes = sum(facts.note_counts.values())
    st.markdown(
        f"- Voorgesprek: {len(facts.knelpunten)} knelpunt(en) met ernst, "
        f"{sum(1 for v in facts.context.values() if v)} contextvraag/-vragen beantwoord\n"
        f"- Mix: {sum(facts.sectors.values())} {basis}\n"
        f"- Evaluatie: {facts.respondents} ingevulde evaluatie(s)\n"
        f"- Notities van de dag: {n_notes}"
    )
    c1, c2, c3 = st.columns(3)
    c1.page_link("app_pages/notes.py", label="Notities van de dag", query_params={"id": str(wid)})
    c2.page_link(
        "app_pages/participants.py", label="Deelnemers en mix", query_params={"id": str(wid)}
    )
    c3.page_link("app_pages/evaluation.py", label="Evaluatie", query_params={"id": str(wid)})
    st.caption("De regels en teksten staan in data/recommendations.toml.")

# ---------------------------------------------------------------- review the proposals
st.subheader("Aanbevelingen beoordelen")
c = st.columns(4)
c[0].metric("Voorgesteld", len(rv.items))
c[1].metric("Aanvaard", len(rv.accepted))
c[2].metric("Afgewezen", len(rv.rejected))
c[3].metric("Nog te beoordelen", len(rv.undecided))
if not rv.items:
    st.info(
        "Er zijn (nog) geen voorstellen: geen regel past op wat er bekend is. Vul het voorgesprek, "
        "de notities van de dag of de evaluatie aan, of voeg hieronder zelf een aanbeveling toe."
    )
if rv.undecided and st.button(
    f"Alle {len(rv.undecided)} open voorstellen aanvaarden", key=k + "accept_all"
):
    with session.conn() as d:
        n = review.accept_all_open(d, wid, actor, rb)
    widgets.flash(k + "notice", f"{n} voorstel(len) aanvaard.")
    st.rerun()

LABEL = {
    None: ":orange[:material/pending: nog te beoordelen]",
    "aanvaard": ":green[:material/check_circle: aanvaard]",
    "afgewezen": ":red[:material/cancel: afgewezen]",
}
for item in rv.items:
    rec = item.current
    with st.container(border=True):
        st.markdown(f"**{md(rec.title)}**  \n{LABEL[rec.decision]}")
        st.markdown(md(rec.text))
        st.caption(f"**Waarom?** {md(engine.reason_sentence(rec.reason))}")
        st.caption(_meta(rec))
        b1, b2, b3, _ = st.columns([1, 1, 1.3, 2.7])
        if b1.button(
            "Aanvaarden",
            key=k + f"acc_{rec.id}",
            disabled=rec.decision == "aanvaard",
            icon=":material/check:",
            width="stretch",
        ):
            _decide(rec.id, "aanvaard", f"‘{rec.title}’ aanvaard.")
        if b2.button(
            "Afwijzen",
            key=k + f"rej_{rec.id}",
            disabled=rec.decision == "afgewezen",
            icon=":material/close:",
            width="stretch",
        ):
            _decide(rec.id, "afgewezen", f"‘{rec.title}’ afgewezen; komt niet in het verslag.")
        if b3.button(
            "Beoordeling wissen",
            key=k + f"clr_{rec.id}",
            disabled=rec.decision is None,
            width="stretch",
        ):
            _decide(rec.id, None, f"Beoordeling van ‘{rec.title}’ gewist.")
        with st.expander("Herformuleren"):
            key = k + f"rw_{rec.id}_"
            _prefill(key, rec)
            errors = s.get(key + "errors", {})
            with st.form(key + "form", enter_to_submit=False):
                _rec_fields(key, errors, with_reason=False)
                widgets.privacy_confirm(errors, key + "ok")
                saved = st.form_submit_button("Opslaan en aanvaarden", type="primary")
            if saved:
                with session.conn() as d:
                    errors = review.reword(
                        d,
                        wid,
                        rec.id,
                        _raw(key),
                        actor,
                        rb,
                        facts,
                        privacy_confirmed=bool(s.get(key + "ok")),
                    )
                if errors:
                    s[key + "errors"] = errors
                else:
                    _clear(key)
                    widgets.flash(k + "notice", f"Herschreven en aanvaard: ‘{rec.title}’.")
                st.rerun()
            if rec.reworded and st.button("Oorspronkelijke tekst terugzetten", key=key + "reset"):
                with session.conn() as d:
                    review.reset_wording(d, wid, rec.id, actor)
                _clear(key)
                widgets.flash(k + "notice", "De oorspronkelijke tekst staat er weer.")
                st.rerun()
            if item.basis:
                st.caption(f"Grond van deze regel: {md(item.basis)}")

if rv.stale:
    with st.expander(f"Eerder beoordeeld, nu niet meer van toepassing ({len(rv.stale)})"):
        st.caption(
            "Deze regels passen niet meer op de huidige gegevens en komen niet in het verslag. "
            "Voeg de tekst zo nodig toe als eigen aanbeveling."
        )
        for rec in rv.stale:
            st.markdown(f"- **{md(rec.title)}** ({LABEL[rec.decision]})")

# ---------------------------------------------------------------- staff's own
st.subheader("Eigen aanbevelingen")
for rec in rv.own:
    with st.container(border=True):
        st.markdown(f"**{md(rec.title)}**")
        st.markdown(md(rec.text))
        if rec.reason:
            st.caption(f"**Waarom?** {md(rec.reason)}")
        st.caption(_meta(rec))
        e1, e2 = st.columns([3, 1])
        with e1, st.expander("Wijzigen"):
            key = k + f"own_{rec.id}_"
            _prefill(key, rec)
            errors = s.get(key + "errors", {})
            with st.form(key + "form", enter_to_submit=False):
                _rec_fields(key, errors, with_reason=True)
                widgets.privacy_confirm(errors, key + "ok")
                saved = st.form_submit_button("Wijziging opslaan", type="primary")
            if saved:
                with session.conn() as d:
                    errors = review.update_own(
                        d,
                        wid,
                        rec.id,
                        _raw(key),
                        actor,
                        rb,
                        privacy_confirmed=bool(s.get(key + "ok")),
                    )
                if errors:
                    s[key + "errors"] = errors
                else:
                    _clear(key)
                    widgets.flash(k + "notice", "Eigen aanbeveling gewijzigd.")
                st.rerun()
        with e2, st.popover("Verwijderen", width="stretch"):
            st.write("Deze aanbeveling verwijderen?")
            if st.button("Ja, verwijderen", key=k + f"del_{rec.id}", type="primary"):
                with session.conn() as d:
                    review.delete_own(d, wid, rec.id, actor)
                widgets.flash(k + "notice", "Eigen aanbeveling verwijderd.")
                st.rerun()
with st.expander("Eigen aanbeveling toevoegen", expanded=not rv.own and not rv.items):
    key = k + "new_"
    errors = s.get(key + "errors", {})
    if errors and "form" not in errors:
        st.error("Er is nog niets opgeslagen; zie de melding(en) bij de velden.")
    with st.form(key + "form", enter_to_submit=False):
        _rec_fields(key, errors, with_reason=True)
        widgets.privacy_confirm(errors, key + "ok")
        added = st.form_submit_button("Aanbeveling toevoegen", type="primary")
    if added:
        with session.conn() as d:
            errors, _ = review.add_own(
                d, wid, _raw(key), actor, rb, privacy_confirmed=bool(s.get(key + "ok"))
            )
        if errors:
            s[key + "errors"] = errors
        else:
            _clear(key)
            widgets.flash(k + "notice", "Eigen aanbeveling toegevoegd.")
        st.rerun()

# ---------------------------------------------------------------- make the report
st.subheader("Rapport maken")
final = rv.final()
st.write(
    f"In het verslag komen **{len(final)}** aanbeveling(en): {len(rv.accepted)} aanvaarde "
    f"voorstel(len) en {len(rv.own)} eigen."
)
if rv.undecided:
    st.warning(
        f"{len(rv.undecided)} voorstel(len) zijn nog niet beoordeeld. Zij komen niet in het "
        "verslag, tenzij u dat hieronder aanvinkt."
    )
include = st.checkbox(
    "Ook de nog niet beoordeelde voorstellen opnemen", key=k + "include", disabled=not rv.undecided
)


def _pdf(version_id: int) -> bytes:
    """The stored PDF of a version (run when the download button is clicked)."""
    with session.conn() as d:
        return versions.version_pdf(d, wid, version_id, actor)[1]


if st.button("Rapport maken", type="primary", key=k + "make"):
    with st.status("Het verslag wordt gemaakt…", expanded=True) as status:
        bar = st.progress(0.0, text="Beginnen")
        try:
            with session.conn() as d:
                made = versions.create_version(
                    d,
                    wid,
                    actor,
                    include_undecided=bool(include),
                    progress=lambda f, label: bar.progress(min(1.0, f), text=label),
                )
        except content.ReportError as exc:
            status.update(label=str(exc), state="error")
            made = None
        if made:
            status.update(
                label=f"Versie {made['number']} is klaar ({made['size'] // 1024} kB, "
                f"{made['seconds']:.1f} s).",
                state="complete",
                expanded=False,
            )
            s[k + "made"] = made
made = s.get(k + "made")
if made:
    st.download_button(
        f"Versie {made['number']} downloaden (PDF)",
        data=lambda vid=made["id"]: _pdf(vid),
        file_name=made["filename"],
        mime="application/pdf",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
        key=k + "dl_new",
    )

# ---------------------------------------------------------------- versions
st.subheader("Eerdere versies")
with session.conn() as d:
    stored = versions.versions(d, wid)
if stored.empty:
    st.caption("Er is nog geen verslag gemaakt.")
can_send = w["status"] in workshops.HELD
for v in stored.itertuples(index=False):
    with st.container(border=True):
        c1, c2, c3 = st.columns([3, 1.2, 1.4])
        sent = (
            f" · **verstuurd** {versions.format_stamp(v.sent_at)} door {md(v.sent_by)}"
            if v.sent_at
            else ""
        )
        c1.markdown(
            f"**Versie {v.number}** · {versions.format_stamp(v.created_at)} · door "
            f"{md(v.created_by)} · {v.recommendations} aanbeveling(en) · {v.size // 1024} kB{sent}"
        )
        c2.download_button(
            "Downloaden",
            data=lambda vid=int(v.id): _pdf(vid),
            file_name=v.filename,
            mime="application/pdf",
            on_click="ignore",
            icon=":material/download:",
            key=k + f"dl_{v.id}",
        )
        if not v.sent_at and c3.button(
            "Markeer als verstuurd",
            key=k + f"sent_{v.id}",
            disabled=not can_send,
            help=None if can_send else "Kan pas als het werkatelier is uitgevoerd.",
        ):
            try:
                with session.conn() as d:
                    message = versions.mark_sent(d, wid, int(v.id), actor, date.today())
            except content.ReportError as exc:
                widgets.flash(k + "notice", str(exc), kind="error")
            else:
                widgets.flash(k + "notice", message)
            st.rerun()

mail_ui.report_section(w, actor)
