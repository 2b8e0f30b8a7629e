"""Staff: the follow-up (terugblik) of one workshop – when it is due, its link and reminder,
filling it in on the municipality's behalf, the participants' link, and the Terugblik itself
with the report's addendum."""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_ui import followup as ui
from app_ui import session, widgets
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.followup import addendum, questionnaire
from jep.followup import answers as fa
from jep.followup import participants as fp
from jep.report import versions

user = session.require_staff()
actor = user["username"]
s = st.session_state
st.title("Terugblik")
cfg = widgets.reference_data(questionnaire.config, "De terugblik (followup.toml)")
w = widgets.chosen_workshop()
wid = w["id"]
k = f"stb{wid}_"
today = date.today()
with session.conn() as d:
    tb = ui.terugblik(d, wid, today)
st.markdown(
    f"**{md(w['municipality_name'])}** ({md(w['province'])}) · status "
    f"{widgets.status_label(w['status'])} · "
    f"{fmt_date(w['date']) if w['date'] else 'nog geen datum'}"
)
widgets.show_flash(k + "notice")

due = tb.due
if due is None:
    st.info(fa.NOT_SENT, icon=":material/schedule:")
    st.page_link("app_pages/report.py", label="Naar het verslag", query_params={"id": str(wid)})
    st.stop()

record = tb.record
when = (
    f"Verslag verstuurd op {fmt_date(due.sent_on)}. De terugblik is aan de beurt vanaf "
    f"{fmt_date(due.due_on)} ({cfg.due_after_months} maanden later); herinneren vanaf "
    f"{fmt_date(due.remind_on)}."
)
if due.state == "ingediend":
    by = " (door Platform JEP namens de gemeente)" if record and record["on_behalf"] else ""
    st.success(f"Terugblik ingediend op {fmt_date(due.submitted_on)}{md(by)}. {when}")
elif due.state == "achterstallig":
    reminded = f" Herinnerd op {fmt_date(due.reminded_on)}." if due.reminded_on else ""
    st.warning(f"**Achterstallig.** {when}{md(reminded)}", icon=":material/schedule:")
elif due.state == "te-doen":
    st.warning(f"**Te doen.** {when}", icon=":material/event_upcoming:")
else:
    st.info(f"Nog niet aan de beurt. {when}", icon=":material/event:")
if due.started:
    st.caption(
        f"Er is een concept, laatst opgeslagen op {fmt_date(record['updated_at'])}."
        if record
        else ""
    )

tab_result, tab_link, tab_fill, tab_people, tab_notes = st.tabs(
    ["Resultaat", "Link en herinnering", "Invullen namens de gemeente", "Deelnemers", "Notities"]
)

# ---------------------------------------------------------------- results and the addendum
with tab_result:
    if not tb.submitted:
        st.info(
            "Er is nog geen ingediende terugblik. Geef de gemeente de link (tab ‘Link en "
            "herinnering’) of vul hem in namens de gemeente, bijvoorbeeld na een telefoongesprek."
        )
    else:
        ui.results_panel(tb, k + "res")
        st.subheader("Verslag met terugblik")
        st.write(
            "Maak het verslag opnieuw, met de aanbevelingen zoals ze verstuurd zijn en een "
            "hoofdstuk ‘Terugblik’. Het wordt bewaard als nieuwe versie (zie ook de pagina "
            "Verslag)."
        )
        if st.button("Verslag met terugblik maken (PDF)", type="primary", key=k + "addendum"):
            try:
                with st.spinner("Het verslag wordt gemaakt…"), session.conn() as d:
                    s[k + "made"] = addendum.create_version(d, wid, actor)
            except fa.FollowupError as exc:
                st.error(md(str(exc)))
        made = s.get(k + "made")
        if made:

            def _pdf(version_id: int = int(made["id"])) -> bytes:
                with session.conn() as d:
                    return versions.version_pdf(d, wid, version_id, actor)[1]

            st.success(f"Versie {made['number']} met terugblik is bewaard.")
            st.download_button(
                f"Versie {made['number']} downloaden (PDF)",
                data=_pdf,
                file_name=made["filename"],
                mime="application/pdf",
                on_click="ignore",
                icon=":material/download:",
                key=k + "dl",
            )
        with st.popover("Heropenen voor de gemeente"):
            st.write(
                "De gemeente kan de terugblik dan weer aanpassen via haar link; hij telt pas weer "
                "mee als hij opnieuw is ingediend."
            )
            if st.button("Ja, heropenen", key=k + "reopen"):
                with session.conn() as d:
                    fa.reopen(d, wid, actor)
                s.pop(f"tb{wid}_version", None)
                widgets.flash(k + "notice", "De terugblik is heropend voor de gemeente.")
                st.rerun()

# ---------------------------------------------------------------- link and reminder
with tab_link:
    with session.conn() as d:
        link = fa.active_link(d, wid)
    widgets.link_state(link)
    c1, c2 = st.columns(2)
    if c1.button(
        "Nieuwe link uitgeven" if link else "Link uitgeven",
        type="primary",
        key=k + "issue",
        help="Een vorige link werkt daarna niet meer.",
    ):
        try:
            with session.conn() as d:
                s[k + "token"] = fa.issue_link(d, wid, actor, cfg)
        except fa.FollowupError as exc:
            st.error(md(str(exc)))
    if link and c2.button("Link intrekken", key=k + "revoke"):
        with session.conn() as d:
            fa.revoke_link(d, wid, actor)
        widgets.flash(k + "notice", "De link is ingetrokken.")
        st.rerun()
    ui.link_mail_form(wid, actor, k + "token")
    token = s.pop(k + "token", None)
    if token:
        st.success(
            "Nieuwe link uitgegeven. Kopieer hem nu als u hem zelf wilt doorgeven: hij wordt maar "
            "één keer getoond."
        )
        st.code(fa.link_url(session.app_base_url(), token), language=None)
    if due.state != "ingediend":
        st.subheader("Herinnering")
        if due.needs_reminder:
            st.warning(
                f"Herinnering nodig: de terugblik is sinds {fmt_date(due.remind_on)} "
                "achterstallig.",
                icon=":material/notifications:",
            )
        elif due.reminded_on:
            st.caption(f"Laatste herinnering: {fmt_date(due.reminded_on)}.")
        else:
            st.caption(f"Een herinnering is nodig vanaf {fmt_date(due.remind_on)}.")
        st.caption(
            "Is er dan een geldige link en een e-mailadres, dan stuurt de applicatie de "
            "herinnering zelf (zie Uitgaande berichten). Herinnert u per telefoon, leg dat dan "
            "hier vast."
        )
        if record is not None and st.button(
            "Herinnering verstuurd (vastleggen)",
            key=k + "remind",
            help="Leg vast dat de gemeente is herinnerd, bijvoorbeeld per telefoon of e-mail.",
        ):
            with session.conn() as d:
                fa.mark_reminded(d, wid, actor)
            widgets.flash(k + "notice", "De herinnering is vastgelegd.")
            st.rerun()

# ---------------------------------------------------------------- on the municipality's behalf
with tab_fill:
    if record is None:
        st.write(
            "Vul de terugblik in namens de gemeente, bijvoorbeeld tijdens of na een "
            "telefoongesprek. Daarmee wordt hij aangemaakt met de aanbevelingen van het "
            "verstuurde verslag."
        )
        if st.button("Terugblik aanmaken en invullen", key=k + "start"):
            try:
                with session.conn() as d:
                    fa.start(d, wid, actor)
            except fa.FollowupError as exc:
                widgets.flash(k + "notice", str(exc), kind="error")
            s[k + "fill"] = True  # straight on to the form
            st.rerun()
    # The form is long (a block per recommendation): it is built only when asked for, so the
    # rest of the page stays quick.
    elif st.toggle("Formulier tonen", key=k + "fill"):
        st.caption("Vul de terugblik in of corrigeer hem namens de gemeente.")
        ui.followup_form(wid, actor, as_staff=True)

# ---------------------------------------------------------------- participants
with tab_people:
    st.write(
        "Een korte, anonieme terugblik voor de deelnemers van het werkatelier. De gemeente kan de "
        "link zelf maken en doorsturen; u kunt hem hier ook maken."
    )
    with session.conn() as d:
        plink = fp.active_link(d, wid)
    if plink:
        st.caption(
            f"Er is een geldige deelnemerslink, gemaakt op {fmt_date(plink['created_at'])} door "
            f"{md(plink['created_by'])}, geldig tot {fmt_date(plink['expires_at'])}."
        )
    c1, c2 = st.columns(2)
    if c1.button(
        "Nieuwe deelnemerslink" if plink else "Deelnemerslink maken",
        key=k + "pissue",
        help="Een vorige deelnemerslink werkt daarna niet meer.",
    ):
        with session.conn() as d:
            s[k + "ptoken"] = fp.issue_link(d, wid, actor, cfg)
    if plink and c2.button("Deelnemerslink intrekken", key=k + "prevoke"):
        with session.conn() as d:
            fp.revoke_link(d, wid, actor)
        widgets.flash(k + "notice", "De deelnemerslink is ingetrokken.")
        st.rerun()
    ptoken = s.pop(k + "ptoken", None)
    if ptoken:
        st.success("Deelnemerslink gemaakt. Kopieer hem nu: hij wordt maar één keer getoond.")
        st.code(fp.link_url(session.app_base_url(), ptoken), language=None)
    ui.participants_panel(tb.participants, k + "ppl")

# ---------------------------------------------------------------- staff notes
with tab_notes:
    if record is None:
        st.caption("Notities kunnen worden vastgelegd zodra de terugblik is aangemaakt.")
    else:
        problem = s.get(k + "notes_problem")
        with st.form(k + "notes_form"):
            notes = st.text_area(
                "Notities bij de terugblik (alleen zichtbaar voor medewerkers)",
                value=record["staff_notes"],
                height=200,
                max_chars=10 * fa.TEXT_MAX,
            )
            if problem:
                st.warning(md(problem), icon=":material/shield_person:")
                st.checkbox("Ik heb de tekst gecontroleerd. Toch opslaan.", key=k + "notes_ok")
            if st.form_submit_button("Notities opslaan"):
                with session.conn() as d:
                    s[k + "notes_problem"] = fa.save_staff_notes(
                        d, wid, notes, actor, privacy_confirmed=bool(s.get(k + "notes_ok"))
                    )
                if s[k + "notes_problem"] is None:
                    s.pop(k + "notes_ok", None)
                    widgets.flash(k + "notice", "Notities opgeslagen.")
                st.rerun()
