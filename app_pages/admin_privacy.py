"""Admin: retention periods, access requests, erasure on request, redaction of stored text."""

from datetime import date

import pandas as pd
import streamlit as st

from app_ui import session, widgets
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.privacy import guard as privacy
from jep.privacy import redaction, retention, rights

SHOWN_HITS = 30

user = session.require_staff(admin=True)
me = user["username"]
st.title("Privacy en bewaartermijnen")
widgets.show_flash("privacy")

with session.conn() as d:
    options = widgets.municipality_options(d)
labels = dict(options)
codes = [c for c, _ in options]

tab_ret, tab_access, tab_erase, tab_text = st.tabs(
    ["Bewaartermijnen", "Inzageverzoek", "Anonimiseren of wissen", "Vrije tekst controleren"]
)

# ---------------------------------------------------------------- retention
with tab_ret:
    with session.conn() as d:
        rules = retention.status(d)
        last = retention.last_run(d)
    st.write(
        "Elke dag wist de applicatie wat niet langer nodig is, volgens de termijnen in "
        "`data/retention.toml`, en schrijft in het auditlog wat er is gewist. "
        f"Laatst uitgevoerd: **{fmt_date(last) if last else 'nog nooit'}**."
    )
    st.dataframe(
        pd.DataFrame(rules).rename(
            columns={
                "regel": "Regel",
                "wat": "Wat",
                "tabel": "Tabel",
                "velden": "Velden",
                "termijn": "Termijn",
                "werkt": "Actief",
            }
        ),
        hide_index=True,
        width="stretch",
        height=38 + 35 * len(rules),
        column_order=["Wat", "Termijn", "Actief", "Velden", "Tabel", "Regel"],
        column_config={"Wat": st.column_config.TextColumn(width="large")},
    )
    st.caption(
        "Demo-werkateliers vallen niet onder de termijnen; verwijder ze met de opdracht "
        "‘python -m jep seed-demo --remove’."
    )
    row = st.container(horizontal=True)
    if row.button("Controleren: wat zou nu worden gewist?"):
        with session.conn() as d:
            st.session_state["retention_preview"] = retention.apply(
                d, date.today(), dry_run=True, actor=me
            )
    if row.button("Nu toepassen", type="primary"):
        with session.conn() as d:
            done = retention.apply(d, date.today(), actor=me)
        st.session_state.pop("retention_preview", None)
        widgets.flash(
            "privacy",
            "Bewaartermijnen toegepast: " + "; ".join(e.line() for e in done)
            if done
            else "Bewaartermijnen toegepast: er was niets te wissen.",
        )
        st.rerun()
    preview = st.session_state.get("retention_preview")
    if preview is not None:
        if preview:
            st.warning(
                "Bij toepassen wordt gewist:\n\n" + "\n".join(f"- {md(e.line())}" for e in preview)
            )
        else:
            st.info("Er is nu niets te wissen: geen termijn verstreken.")

# ---------------------------------------------------------------- access request
with tab_access:
    st.write(
        "Een gemeente (of haar contactpersoon) vraagt welke gegevens wij bewaren. Kies de "
        "gemeente en download alles wat de applicatie over haar bewaart als ZIP-bestand "
        "(`gegevens.json` en opgeslagen bestanden). De export komt in het auditlog."
    )
    code = st.selectbox(
        "Gemeente",
        codes,
        index=None,
        format_func=labels.get,
        placeholder="Kies een gemeente…",
        key="access_code",
    )
    if code:
        with session.conn() as d:
            held = rights.summary(d, code)
        if held:
            st.caption(f"Bewaard: {rights.describe(held)}.")
        else:
            st.caption("Er zijn geen werkateliers van deze gemeente; de export bevat het auditlog.")

        def _export(code: str = code) -> bytes:
            with session.conn() as d:
                return rights.export_zip(d, code, me)

        st.download_button(
            "Gegevens downloaden (ZIP)",
            data=_export,
            file_name=f"inzage-{code}-{date.today().isoformat()}.zip",
            mime="application/zip",
            on_click="ignore",
            type="primary",
        )

# ---------------------------------------------------------------- erasure
with tab_erase:
    st.write(
        "Op verzoek van een gemeente. **Anonimiseren** wist contactgegevens, namen en vrije tekst "
        "en bewaart de cijfers (knelpunten, aantallen, scores). **Wissen** verwijdert alle "
        "werkateliers van de gemeente met alles wat eraan hangt. Beide zijn niet terug te draaien "
        "(behalve met een backup) en komen in het auditlog."
    )
    errors = st.session_state.get("erase_errors", {})
    if st.session_state.pop("erase_clear", False):
        st.session_state["erase_confirm"] = ""
    code = st.selectbox(
        "Gemeente",
        codes,
        index=None,
        format_func=labels.get,
        placeholder="Kies een gemeente…",
        key="erase_code",
    )
    widgets.field_error(errors, "code")
    if code:
        with session.conn() as d:
            held = rights.summary(d, code)
        st.caption(
            f"Bewaard: {rights.describe(held)}."
            if held
            else "Er zijn geen werkateliers van deze gemeente."
        )
    with st.form("erase"):
        mode = st.radio("Wat moet er gebeuren?", list(rights.MODES), format_func=rights.MODES.get)
        confirm = st.text_input(
            "Typ ter bevestiging de naam van de gemeente",
            placeholder=md(labels.get(code, "")) if code else "",
            key="erase_confirm",
        )
        widgets.field_error(errors, "confirm")
        go = st.form_submit_button("Uitvoeren", type="primary")
    if go:
        if not code:
            st.session_state["erase_errors"] = {"code": "Kies eerst een gemeente."}
            st.rerun()
        try:
            with session.conn() as d:
                done = rights.erase(d, code, mode, confirm, me)
        except rights.RightsError as exc:
            st.session_state["erase_errors"] = {"confirm": str(exc)}
        else:
            st.session_state["erase_errors"] = {}
            st.session_state["erase_clear"] = True
            verb = "gewist" if mode == "wissen" else "geanonimiseerd"
            widgets.flash(
                "privacy",
                f"Gegevens van {labels[code]} {verb}: {rights.describe(done) or 'niets te doen'}.",
            )
        st.rerun()

# ---------------------------------------------------------------- stored free text
with tab_text:
    st.write(
        "Doorzoek opgeslagen vrije tekst (toelichtingen en opmerkingen in voorgesprekken, "
        "notities, open evaluatieantwoorden) op wat lijkt op persoonsgegevens van een jongere of "
        "gezin, en vervang het door een aanduiding zoals “[BSN verwijderd]”. Elke redactie komt "
        "in het auditlog (zonder de tekst zelf)."
    )
    with st.expander("Welke velden worden doorzocht?"), session.conn() as d:
        st.dataframe(pd.DataFrame(redaction.status(d)), hide_index=True, width="stretch")
    if st.button("Opgeslagen tekst doorzoeken"):
        with st.spinner("Opgeslagen tekst doorzoeken…"), session.conn() as d:
            st.session_state["redaction_hits"] = redaction.scan_stored(d)
    hits = st.session_state.get("redaction_hits")
    if hits is not None:
        if not hits:
            st.success("Niets gevonden dat op persoonsgegevens lijkt.")
        else:
            st.warning(
                f"{len(hits)} tekst(en) met mogelijke persoonsgegevens"
                + (f"; de eerste {SHOWN_HITS} staan hieronder." if len(hits) > SHOWN_HITS else ".")
            )
            if st.button(f"Alle {len(hits)} redigeren", type="primary"):
                with session.conn() as d:
                    n = redaction.redact_all(d, hits, me)
                st.session_state["redaction_hits"] = []
                widgets.flash("privacy", f"{n} tekst(en) geredigeerd.")
                st.rerun()
            for i, hit in enumerate(hits[:SHOWN_HITS]):
                with st.container(border=True):
                    where = (
                        f"{hit.municipality} · werkatelier #{hit.workshop_id}"
                        if hit.workshop_id is not None
                        else f"rij {hit.rowid}"
                    )
                    st.markdown(f"**{md(hit.title)}** · {md(where)}")
                    # highlight_html escapes all of the text; st.html does no Markdown.
                    st.html(
                        '<div style="white-space: pre-wrap; font-size: 0.95rem">'
                        + privacy.highlight_html(hit.text, list(hit.findings))
                        + "</div>"
                    )
                    st.caption(md(privacy.summary(list(hit.findings))))
                    if st.button("Redigeren", key=f"redact_{i}_{hit.ref}"):
                        try:
                            with session.conn() as d:
                                redaction.redact(d, hit.field, hit.rowid, hit.path, me)
                        except redaction.RedactionError as exc:
                            st.error(md(str(exc)))
                        else:
                            st.session_state["redaction_hits"] = [h for h in hits if h is not hit]
                            widgets.flash("privacy", "Tekst geredigeerd.")
                            st.rerun()
