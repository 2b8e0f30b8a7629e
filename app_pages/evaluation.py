"""Staff: the evaluation of one workshop – results, the link with its QR code and how the room is
filling in, paper forms (printable and typed in)."""

import streamlit as st

from app_ui import evaluation_widgets as ew
from app_ui import session, widgets
from app_ui.widgets import md
from jep.evaluation import links, questionnaire, responses
from jep.fmt import fmt_date

user = session.require_staff()
st.title("Evaluatie")
q = widgets.reference_data(questionnaire.questionnaire, "De evaluatievragenlijst")
w = widgets.chosen_workshop()
wid = w["id"]
s = st.session_state
with session.conn() as d:
    links.drop_closed(d, q=q)  # a link that closed by the calendar: forget the respondents' keys
    state = links.link_state(d, wid, q=q)
    in_use = responses.version_in_use(d, wid, q)
version = in_use or q.current
token = s.get(f"ev_token_{wid}") if state.link else None
typing_key = f"pp_open_{wid}"  # staff are typing in paper forms (the entry form is shown)

st.markdown(
    f"**{md(w['municipality_name'])}** ({md(w['province'])}) · status "
    f"{widgets.status_label(w['status'])} · "
    f"datum {fmt_date(w['date'])}"
)
widgets.show_flash(f"ev{wid}")


# ---------------------------------------------------------------- link and QR code
def _link_tab() -> None:
    box = {"open": st.success, "not-yet": st.info, "closed": st.warning}[state.phase]
    box(links.status_line(state))
    if state.link:
        st.caption(
            f"Link uitgegeven op {fmt_date(state.link['created_at'])} door "
            f"{md(state.link['created_by'])}."
        )
    else:
        st.write("Er is nog geen geldige link. Maak er een om in de zaal te tonen.")

    buttons = st.container(horizontal=True)
    if buttons.button(
        "Nieuwe link en QR-code" if state.link else "Link en QR-code maken",
        type="primary",
        help="Een vorige link werkt daarna niet meer.",
    ):
        with session.conn() as d:
            s[f"ev_token_{wid}"] = links.issue_link(d, wid, user["username"], q=q)
        st.rerun()
    if not state.open and buttons.button("Nu openen", help="Open tot u hem sluit."):
        with session.conn() as d:
            links.set_manual(d, wid, "open", user["username"])
        st.rerun()
    if state.open and buttons.button(
        "Sluiten",
        help="Er kan niet meer worden ingevuld; wie nog bezig is, verliest wat niet verstuurd is.",
    ):
        with session.conn() as d:
            links.set_manual(d, wid, "closed", user["username"])
        st.rerun()
    if state.mode != "auto" and buttons.button(
        "Volgens de kalender", help="Openen op de dag van het werkatelier, daarna vanzelf sluiten."
    ):
        with session.conn() as d:
            links.set_manual(d, wid, None, user["username"])
        st.rerun()

    if token:
        url = links.link_url(session.app_base_url(), token)
        st.subheader("Toon deze QR-code in de zaal")
        if not state.open:
            st.warning(
                "Let op: de evaluatie is nu niet open. Wie scant, krijgt te zien dat de evaluatie "
                "nog niet open of gesloten is. Kies ‘Nu openen’ om meteen te laten invullen.",
                icon=":material/warning:",
            )
        st.caption(
            "De link zelf wordt niet bewaard (alleen een vingerafdruk ervan); u ziet hem hier "
            "zolang u aangemeld blijft. Download de QR-code en het papieren formulier nu als u ze "
            "later nodig hebt."
        )
        st.image(
            links.qr_png(url),
            width=360,
            alt=f"QR-code van de evaluatielink van {w['municipality_name']}",
        )
        st.code(url, language=None)
        d1, d2, d3, _ = st.columns([1, 1, 1.4, 0.6])
        d1.download_button(
            "QR-code (PNG)",
            data=lambda: links.qr_png(url, scale=20),
            file_name=f"evaluatie-{wid}-qr.png",
            mime="image/png",
            on_click="ignore",
        )
        d2.download_button(
            "QR-code (SVG)",
            data=lambda: links.qr_svg(url),
            file_name=f"evaluatie-{wid}-qr.svg",
            mime="image/svg+xml",
            on_click="ignore",
        )
        ew.paper_form_button(wid, url, d3, key=f"ev_paper_qr_{wid}")
    elif state.link:
        st.caption(
            "De QR-code van de huidige link is niet meer op te vragen (de link zelf wordt niet "
            "bewaard). Maak een nieuwe link als u de QR-code opnieuw nodig hebt; wie de oude al "
            "open heeft, moet dan opnieuw scannen."
        )
    if state.link and st.button("Link intrekken", help="De link werkt daarna niet meer."):
        with session.conn() as d:
            links.revoke_link(d, wid, user["username"])
        s.pop(f"ev_token_{wid}", None)
        st.rerun()

    ew.completion_panel(wid, q, live=state.open)


def _paper_entry() -> None:
    """Typing in paper forms: which form (a new one or one to correct), then the form."""
    if st.button(
        "Klaar met overtypen",
        key=f"pp_stop_{wid}",
        help="Sluit het invoerformulier; wat niet is opgeslagen, vervalt.",
    ):
        s[typing_key] = False
        st.rerun()
    with session.conn() as d:
        papers = responses.responses_list(d, wid)
    paper_ids = papers.loc[papers["source"] == "papier", "id"].astype(int).tolist()
    editing = st.selectbox(
        "Formulier",
        [0, *paper_ids],
        format_func=lambda i: (
            "Nieuw formulier" if i == 0 else f"Papieren formulier nr. {i} corrigeren"
        ),
        key=f"pp_pick_{wid}",
    )
    counter = s.setdefault(f"pp_counter_{wid}", 0)
    prefix = f"pp{wid}_{editing or 'new'}_{counter}"
    paper_version = version
    if editing:
        with session.conn() as d:
            stored = responses.paper_response(d, wid, editing)
        paper_version = stored["version"] if stored["version"] in q.versions else version
        # widget values are dropped when staff open another page: load again then too
        if f"{prefix}_loaded" not in s or f"{prefix}_sector" not in s:
            ew.load_into_state(prefix, stored, q)
            s[f"{prefix}_loaded"] = True
    pstate = s.setdefault(f"{prefix}_state", {"errors": {}, "privacy": {}})
    ew.error_banner(pstate["errors"], pstate["privacy"])
    if ew.questionnaire_form(
        prefix,
        q,
        session.cat(),
        paper_version,
        pstate["errors"],
        pstate["privacy"],
        "Wijzigingen opslaan" if editing else "Formulier opslaan",
    ):
        with session.conn() as d:
            result = responses.save_paper(
                d,
                wid,
                ew.collect(prefix, q, paper_version),
                user["username"],
                session.cat(),
                q=q,
                response_id=editing or None,
                confirm_privacy=bool(s.get(f"{prefix}_privacy_ok")),
            )
        pstate["errors"], pstate["privacy"] = result.errors, result.privacy
        if result.ok:
            s[f"pp_counter_{wid}"] = counter + 1  # fresh, empty widgets for the next form
            widgets.flash(
                f"ev{wid}",
                f"Papieren formulier nr. {result.response_id} "
                + ("gecorrigeerd." if result.updated else "opgeslagen. Het volgende kan."),
            )
        st.rerun()


# ---------------------------------------------------------------- paper forms
def _paper_tab() -> None:
    st.markdown("**Formulier om te printen**")
    if in_use is None:
        st.caption(
            f"Dit werkatelier heeft nog geen ingevulde evaluaties: het formulier gebruikt de "
            f"huidige vragenlijst (versie {version})."
        )
    ew.paper_form_button(
        wid, links.link_url(session.app_base_url(), token) if token else None, st,
        key=f"ev_paper_{wid}",
    )  # fmt: skip
    if not token:
        st.caption(
            "Zonder QR-code: de link wordt niet bewaard. Maak onder ‘Link en QR-code’ een (nieuwe) "
            "link als de QR-code op het formulier moet staan."
        )
    st.markdown("**Ingevulde formulieren overtypen**")
    st.caption(
        "Eén formulier per keer, in dezelfde volgorde en met dezelfde nummers als op papier. Dit "
        "kan ook als de link gesloten is."
    )
    # The entry form (some thirty answers) is only on the page while staff type forms in: the
    # browser would otherwise draw it, hidden, on every visit and every pick of a workshop.
    if s.get(typing_key):
        _paper_entry()
    elif st.button("Formulieren overtypen", icon=":material/edit_note:", key=f"pp_start_{wid}"):
        s[typing_key] = True
        st.rerun()


# ---------------------------------------------------------------- the list
def _list_tab() -> None:
    with session.conn() as d:
        rows = responses.responses_list(d, wid)
    if rows.empty:
        st.info("Nog geen evaluaties.")
    else:
        st.caption(
            "Alleen nummer, bron en datum: de inhoud staat per vraag onder Resultaten, zodat een "
            "losse evaluatie niet naar een persoon te herleiden is."
        )
        st.dataframe(
            rows.rename(
                columns={
                    "id": "Nr.",
                    "source": "Bron",
                    "created_at": "Ingevuld",
                    "updated_at": "Gewijzigd",
                    "revision": "Versies",
                    "entered_by": "Ingevoerd door",
                }
            ),
            hide_index=True,
            width="stretch",
        )
        with st.form(f"ev_delete_{wid}"):
            victim = st.selectbox(
                "Evaluatie verwijderen (bijvoorbeeld een dubbel ingevoerd papieren formulier)",
                rows["id"].astype(int).tolist(),
                index=None,
                placeholder="Kies een nummer…",
            )
            sure = st.checkbox("Ja, deze evaluatie verwijderen")
            if st.form_submit_button("Verwijderen"):
                if victim is None or not sure:
                    st.error("Kies een nummer en vink aan dat u het zeker weet.")
                else:
                    with session.conn() as d:
                        responses.delete_response(d, wid, int(victim), user["username"])
                    widgets.flash(f"ev{wid}", f"Evaluatie nr. {victim} verwijderd.")
                    st.rerun()


# Only the open tab runs and is drawn (on_change="rerun"): the browser drew every tab's content,
# hidden, on every pick of a workshop, and the room's panel refreshed while another tab was open.
# The paper forms' tab always runs: what is typed in a form stays while another tab is open.
tab_results, tab_link, tab_paper, tab_list = st.tabs(
    ["Resultaten", "Link en QR-code", "Papieren formulieren", "Ingevulde evaluaties"],
    key="ev_tabs",
    on_change="rerun",
)
with tab_results:
    if tab_results.open:
        with session.conn() as d:
            ew.workshop_results(d, wid, q)
with tab_link:
    if tab_link.open:
        _link_tab()
with tab_paper:
    _paper_tab()
with tab_list:
    if tab_list.open:
        _list_tab()
