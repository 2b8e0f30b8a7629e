"""Staff: review the tailored recommendations of a workshop, make the report (PDF), see earlier
versions and mark the one that was sent.

In the order staff work: a summary at the top with the main action (make the report, mark the
latest version as sent), then the details in tabs: the proposals to review, staff's own
recommendations, the versions, and what the proposals are based on."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import streamlit as st

from app_ui import followup as followup_ui
from app_ui import mail as mail_ui
from app_ui import session, widgets
from app_ui.cache import Connection, cached_by
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.followup import addendum
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

with session.conn() as d:
    rv = _review(d, wid)
    track = followup_ui.track_records(d)  # how often each rule's advice was carried out
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
    for f in ("title", "text", "owner", "priority", "reason", "errors", "ok", "was"):
        s.pop(key + f, None)


def _decide(rule_id: str, decision: str | None, message: str) -> None:
    with session.conn() as d:
        review.decide(d, wid, rule_id, decision, actor, rb)
    widgets.flash(k + f"item_{rule_id}", message)  # shown with the item that was decided
    st.rerun()


def _pdf(version_id: int) -> bytes:
    """The stored PDF of a version (run when the download button is clicked)."""
    with session.conn() as d:
        return versions.version_pdf(d, wid, version_id, actor)[1]


def _mark_sent(version_id: int) -> None:
    try:
        with session.conn() as d:
            message = versions.mark_sent(d, wid, version_id, actor, date.today())
    except content.ReportError as exc:
        widgets.flash(k + "notice", str(exc), kind="error")
    else:
        widgets.flash(k + "notice", message)


def _confirm_sent(version_id: int, number: int) -> None:
    """The warning before marking a version as sent while proposals are undecided."""
    n = len(rv.undecided)
    st.warning(
        f"{'1 voorgestelde aanbeveling is' if n == 1 else f'{n} voorgestelde aanbevelingen zijn'} "
        f"nog niet beoordeeld en {'staat' if n == 1 else 'staan'} niet in versie {number}. "
        "Beoordeel ze eerst en maak een nieuwe versie, of markeer deze versie toch als verstuurd.",
        icon=":material/warning:",
    )
    c1, c2, _ = st.columns([1.2, 1, 2])
    if c1.button("Toch markeren als verstuurd", key=k + f"sent_yes_{version_id}"):
        s.pop(k + "confirm_sent", None)
        _mark_sent(version_id)
        st.rerun()
    if c2.button("Annuleren", key=k + f"sent_no_{version_id}"):
        s.pop(k + "confirm_sent", None)
        st.rerun()


def _send_button(v: Any, container: Any) -> None:
    """'Markeer als verstuurd' for an unsent version (asks first while proposals are open)."""
    can_send = w["status"] in workshops.HELD
    if container.button(
        "Markeer als verstuurd",
        key=k + f"sent_{v.id}",
        disabled=not can_send,
        help=None if can_send else "Kan pas als het werkatelier is uitgevoerd.",
    ):
        if rv.undecided:  # ask first: these proposals are not in the report
            s[k + "confirm_sent"] = int(v.id)
        else:
            _mark_sent(int(v.id))
        st.rerun()


with session.conn() as d:
    stored = versions.versions(d, wid)
final = rv.final()

# ---------------------------------------------------------------- summary and the main action
with st.container(border=True):
    c = st.columns(5)
    c[0].metric("Voorgesteld", len(rv.items))
    c[1].metric("Nog te beoordelen", len(rv.undecided))
    c[2].metric("Aanvaard", len(rv.accepted))
    c[3].metric("Eigen", len(rv.own))
    c[4].metric("In het verslag", len(final))
    latest = next(stored.itertuples(index=False), None)
    if latest is None:
        st.write("Er is nog geen verslag gemaakt.")
    elif latest.sent_at:
        st.write(
            f"Versie {latest.number} is verstuurd op {versions.format_stamp(latest.sent_at)} "
            f"door {md(latest.sent_by)}."
        )
    else:
        st.write(
            f"Laatste versie: **versie {latest.number}** van "
            f"{versions.format_stamp(latest.created_at)}, nog niet als verstuurd gemarkeerd."
        )
    if rv.undecided:
        st.warning(
            f"{len(rv.undecided)} voorstel(len) zijn nog niet beoordeeld (tab **Voorstellen "
            "beoordelen**). Zij komen niet in het verslag, tenzij u dat hieronder aanvinkt."
        )
    followup_ui.report_note(wid)
    include = rv.undecided and st.checkbox(
        "Ook de nog niet beoordeelde voorstellen opnemen", key=k + "include"
    )
    b1, b2, b3 = st.columns([1, 1.3, 2])
    make = b1.button("Rapport maken", type="primary", key=k + "make", width="stretch")
    if latest is not None and not latest.sent_at:
        _send_button(latest, b2)
    if make:
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
                        addendum=addendum.for_report(d, wid),  # the Terugblik, once submitted
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
                widgets.flash(
                    k + "notice",
                    f"Versie {made['number']} is gemaakt ({made['size'] // 1024} kB, "
                    f"{made['seconds']:.1f} s).",
                )
                st.rerun()  # the summary and the send button show the new version
    made = s.get(k + "made")
    if made:
        b3.download_button(
            f"Versie {made['number']} downloaden (PDF)",
            data=lambda vid=made["id"]: _pdf(vid),
            file_name=made["filename"],
            mime="application/pdf",
            on_click="ignore",
            icon=":material/download:",
            key=k + "dl_new",
        )
    widgets.show_flash(k + "notice")  # the outcome of the buttons just above
    if latest is not None and s.get(k + "confirm_sent") == int(latest.id):
        _confirm_sent(int(latest.id), int(latest.number))


def _rewrite(rec: engine.Recommendation, basis: str, rewriting: str) -> None:
    """The rewrite form of a proposal (on the page while `rewriting` is set): saving accepts it."""
    st.markdown("**Herformuleren**")
    key = k + f"rw_{rec.id}_"
    _prefill(key, rec)

    def reword(privacy_confirmed: bool) -> dict[str, str]:
        with session.conn() as d:
            return review.reword(
                d, wid, rec.id, _raw(key), actor, rb, facts, privacy_confirmed=privacy_confirmed
            )

    widgets.edit_form(
        key,
        rewriting,
        "Opslaan en aanvaarden",
        lambda errors: _rec_fields(key, errors, with_reason=False),
        reword,
        lambda: _clear(key),
        (k + f"item_{rec.id}", f"Herschreven en aanvaard: ‘{rec.title}’."),
    )
    c_reset, c_cancel, _ = st.columns([1.6, 1, 2])
    if rec.reworded and c_reset.button("Oorspronkelijke tekst terugzetten", key=key + "reset"):
        with session.conn() as d:
            review.reset_wording(d, wid, rec.id, actor)
        widgets.close_edit(rewriting, lambda: _clear(key))
        widgets.flash(k + f"item_{rec.id}", "De oorspronkelijke tekst staat er weer.")
        st.rerun()
    widgets.cancel_edit(c_cancel, key, rewriting, lambda: _clear(key))
    if basis:
        st.caption(f"Grond van deze regel: {md(basis)}")


def _edit_own(rec: engine.Recommendation, editing: str) -> None:
    """The edit form of one of staff's own recommendations (on the page while `editing` is set)."""
    key = k + f"own_{rec.id}_"
    if key + "title" not in s:  # what the form starts from: saving over a later change is refused
        s[key + "was"] = {f: getattr(rec, f) for f in review.OWN_FIELDS}
    _prefill(key, rec)

    def save(privacy_confirmed: bool) -> dict[str, str]:
        with session.conn() as d:
            return review.update_own(
                d,
                wid,
                rec.id,
                _raw(key),
                actor,
                rb,
                privacy_confirmed=privacy_confirmed,
                expected=s.get(key + "was"),
            )

    widgets.edit_form(
        key,
        editing,
        "Wijziging opslaan",
        lambda errors: _rec_fields(key, errors, with_reason=True),
        save,
        lambda: _clear(key),
        (k + "own", "Eigen aanbeveling gewijzigd."),
    )
    widgets.cancel_edit(st, key, editing, lambda: _clear(key))


tab_review, tab_own, tab_versions, tab_basis = st.tabs(
    ["Voorstellen beoordelen", "Eigen aanbevelingen", "Versies", "Waarop gebaseerd"]
)

# ---------------------------------------------------------------- review the proposals
with tab_review:
    widgets.show_flash(k + "review")
    if not rv.items:
        st.info(
            "Er zijn (nog) geen voorstellen: geen regel past op wat er bekend is. Vul het "
            "voorgesprek, de notities van de dag of de evaluatie aan, of voeg zelf een aanbeveling "
            "toe (tab Eigen aanbevelingen)."
        )
    if rv.undecided and st.button(
        f"Alle {len(rv.undecided)} open voorstellen aanvaarden", key=k + "accept_all"
    ):
        with session.conn() as d:
            n = review.accept_all_open(d, wid, actor, rb)
        widgets.flash(k + "review", f"{n} voorstel(len) aanvaard.")
        st.rerun()

    LABEL = {
        None: ":orange[:material/pending: nog te beoordelen]",
        "aanvaard": ":green[:material/check_circle: aanvaard]",
        "afgewezen": ":red[:material/cancel: afgewezen]",
    }
    for item in rv.items:
        rec = item.current
        with st.container(border=True):
            # one markdown and one caption per proposal (not one element per line: a page of
            # twenty proposals drew ~160 elements on every pick of a workshop)
            st.markdown(f"**{md(rec.title)}**  \n{LABEL[rec.decision]}\n\n{md(rec.text)}")
            folded = [
                f"‘{md(engine.render(r.title, facts, r))}’"
                for mid in item.proposal.merged
                if (r := rb.get(mid)) is not None
            ]
            track_line = followup_ui.track_line(track, rec.id)
            st.caption(
                f"**Waarom?** {md(engine.reason_sentence(rec.reason))}  \n{_meta(rec)}"
                + (f"  \n{track_line}" if track_line else "")
                + (
                    "  \nSamengevoegd met "
                    + ", ".join(folded)
                    + ": zelfde aanleiding, één voorstel."
                    if folded
                    else ""
                )
            )
            b1, b2, b3, b4, _ = st.columns([1.3, 1.15, 1.55, 1.45, 0.55])
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
            # The rewrite form is on the page only while it is open (a form per proposal, drawn
            # hidden, made the page slow); open, it stays until saved or cancelled.
            rewriting = k + f"rw_open_{rec.id}"
            opened = widgets.opened_on_request(
                b4, rewriting, "Herformuleren", key=k + f"rw_start_{rec.id}"
            )
            widgets.show_flash(k + f"item_{rec.id}")  # next to the buttons just pressed
            if not opened:
                continue
            with st.container(border=True):
                _rewrite(rec, item.basis, rewriting)

    if rv.stale:
        with st.expander(f"Eerder beoordeeld, nu niet meer van toepassing ({len(rv.stale)})"):
            st.caption(
                "Deze regels passen niet meer op de huidige gegevens en komen niet in het "
                "verslag. Voeg de tekst zo nodig toe als eigen aanbeveling."
            )
            for rec in rv.stale:
                st.markdown(f"- **{md(rec.title)}** ({LABEL[rec.decision]})")

# ---------------------------------------------------------------- staff's own
with tab_own:
    widgets.show_flash(k + "own")
    gone_slot = widgets.notice_slot()  # always there: what follows keeps its place
    widgets.say_gone(  # deleted by someone else while its edit form was open
        gone_slot,
        "een aanbeveling",
        k + "own_open_",
        [r.id for r in rv.own],
        lambda gone: k + f"own_{gone}_",
        ("title", "text"),
        _clear,
    )
    if not rv.own:
        st.caption("Nog geen eigen aanbevelingen.")
    for rec in rv.own:
        with st.container(border=True):
            st.markdown(f"**{md(rec.title)}**")
            st.markdown(md(rec.text))
            if rec.reason:
                st.caption(f"**Waarom?** {md(rec.reason)}")
            st.caption(_meta(rec))
            editing = k + f"own_open_{rec.id}"
            buttons = st.container(horizontal=True)
            widgets.opened_on_request(
                buttons, editing, "Wijzigen", key=k + f"own_edit_{rec.id}", width="content"
            )
            with buttons, st.popover("Verwijderen"):
                st.write("Deze aanbeveling verwijderen?")
                if st.button("Ja, verwijderen", key=k + f"del_{rec.id}", type="primary"):
                    with session.conn() as d:
                        review.delete_own(d, wid, rec.id, actor)
                    # its own edit form goes with it, without a word
                    widgets.close_edit(editing, partial(_clear, k + f"own_{rec.id}_"))
                    widgets.flash(k + "own", "Eigen aanbeveling verwijderd.")
                    st.rerun()
            with st.container():  # always there: what follows keeps its place
                if s.get(editing):
                    _edit_own(rec, editing)
    st.markdown("**Eigen aanbeveling toevoegen**")
    scope = k + "new_"
    key = widgets.form_prefix(scope)  # a new, empty form after every add
    errors = s.get(key + "errors", {})
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
            widgets.scroll_to_error(scope)
        else:
            widgets.clear_form(scope)
            widgets.flash(scope, "Eigen aanbeveling toegevoegd.")
        st.rerun()
    widgets.form_feedback(scope, {e: m for e, m in errors.items() if e != "form"})

# ---------------------------------------------------------------- versions
with tab_versions:
    if stored.empty:
        st.caption("Er is nog geen verslag gemaakt.")
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
                f"{md(v.created_by)} · {v.recommendations} aanbeveling(en) · "
                f"{v.size // 1024} kB{sent}"
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
            if not v.sent_at and (latest is None or int(v.id) != int(latest.id)):
                _send_button(v, c3)  # the latest version's button is in the summary
            if s.get(k + "confirm_sent") == int(v.id) and int(v.id) != int(latest.id):
                _confirm_sent(int(v.id), int(v.number))
    mail_ui.report_section(w, actor)  # send a version to the municipality's contact by e-mail

# ---------------------------------------------------------------- the facts
with tab_basis:
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
