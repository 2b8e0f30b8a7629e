"""Staff: every message the application sends or would send: to, subject, text, attachments and
status, each downloadable as .eml; a test message to check the settings; retry, cancel or mark
as sent by hand."""

import streamlit as st

from app_ui import mail as mail_ui
from app_ui import session, widgets
from app_ui.widgets import md
from jep import outgoing
from jep.mail import eml, outbox
from jep.mail import worker as mail_worker
from jep.mail.errors import MailError
from jep.mail.templates import kind_title
from jep.store import db

user = session.require_staff()
s = st.session_state
st.title("Uitgaande berichten")
st.caption(
    "Alles wat de applicatie verstuurt: uitnodigingen en herinneringen voor het voorgesprek, "
    "bevestigingen met agenda-uitnodiging aan deelnemers, meldingen aan medewerkers en verslagen. "
    "Elk bericht staat ook in het auditlog (zonder adres en tekst)."
)
cfg = mail_ui.load_settings()
mail_ui.settings_notice(cfg)
widgets.show_flash("outbox")

with session.conn() as d:
    counts = outbox.counts(d)
    seen = db.get_meta(d, mail_worker.META_SEEN)
c1, c2, c3, c4 = st.columns(4)
c1.metric("In het postvak", counts["postvak"], border=True)
c2.metric("Te versturen", counts["wachtrij"] + counts["bezig"] + counts["fout"], border=True)
c3.metric("Verzonden", counts["verzonden"], border=True)
c4.metric("Mislukt of onzeker", counts["mislukt"] + counts["onzeker"], border=True)
if cfg and cfg.smtp_enabled:
    st.caption(
        f"Laatste verzendronde op de achtergrond: {mail_ui.stamp(seen) or 'nog niet gezien'}. "
        "Verzenden gebeurt elke paar seconden; mislukte berichten worden later opnieuw "
        "geprobeerd."
    )

errors = s.pop("ob_test_errors", {})
with st.expander("Testbericht versturen", icon=":material/send:", expanded=bool(errors)):
    with st.form("ob_test"):
        to = st.text_input("Aan", key="ob_test_to", max_chars=254, placeholder="naam@voorbeeld.nl")
        widgets.field_error(errors, "to")
        go = st.form_submit_button("Testbericht klaarzetten")
    if go:
        try:
            with session.conn() as d:
                mail_id = outgoing.queue_test(d, to, user["username"])
        except MailError as exc:
            s["ob_test_errors"] = {"to": str(exc)}
        else:
            widgets.flash("outbox", mail_ui.queued_text(mail_id, to.strip()))
        st.rerun()

st.subheader("Berichten")
f1, f2, f3 = st.columns([1, 1, 2])
status = widgets.filter_select(
    f1, "Status", outbox.STATUS_LABELS, "ob_status", "Alle", outbox.STATUS_LABELS.get
)
with session.conn() as d:
    kinds = outbox.kinds(d)
kind = widgets.filter_select(f2, "Soort", kinds, "ob_kind", "Alle", kind_title)
search = f3.text_input(
    "Zoeken op adres, onderwerp of bericht-id",
    key="ob_search",
    max_chars=200,
    persist_state="session",  # like the filters beside it: kept when staff come back
)
with session.conn() as d:
    df = outbox.listing(d, status=status, search=search or None, kind=kind, limit=500)
if df.empty:
    st.info(
        "Er zijn (nog) geen berichten." if not (status or search or kind) else "Niets gevonden."
    )
    st.stop()
st.dataframe(mail_ui.outbox_table(df), hide_index=True, width="stretch")
if len(df) == 500:
    st.caption("De nieuwste 500 berichten; zoek of filter om oudere te vinden.")

labels = {int(r.id): f"#{r.id} · {r.subject} · {r.to_addr}" for r in df.itertuples(index=False)}
chosen = st.selectbox(
    "Bericht bekijken",
    list(labels),
    index=None,
    format_func=labels.get,
    placeholder="Kies een bericht…",
    key="ob_pick",
)
if chosen is None:
    st.stop()
with session.conn() as d:
    row = outbox.get(d, chosen)
    files = outbox.attachment_names(d, chosen)
if row is None:
    st.stop()

with st.container(border=True):
    st.markdown(
        "\n".join(
            [
                f"- **Van:** {md(row['from_name'])} · {md(row['from_addr'])}",
                f"- **Aan:** {md(row['to_name'] or '')} · {md(row['to_addr'])}".replace(
                    "**  · ", "** "
                ),
                f"- **Onderwerp:** {md(row['subject'])}",
                f"- **Soort:** {md(kind_title(row['kind']))}",
                f"- **Status:** {md(outbox.STATUS_LABELS.get(row['status'], row['status']))}"
                f" · {row['attempts']} poging(en)",
                f"- **Aangemaakt:** {mail_ui.stamp(row['created_at'])}"
                f" door {md(row['created_by'])}",
                f"- **Verzonden:** {mail_ui.stamp(row['sent_at']) or '—'}"
                + (f" · antwoord: {md(row['smtp_response'])}" if row["smtp_response"] else ""),
                f"- **Bericht-id:** `{row['message_id']}`",
            ]
        )
    )
    if row["status"] in ("fout", "mislukt") and row["last_error"]:
        st.error(f"Melding: {md(row['last_error'])}", icon=":material/error:")
    elif row["status"] == "onzeker":
        st.warning(md(row["last_error"] or outbox.UNCERTAIN_TEXT), icon=":material/help:")
    if row["status"] == "fout" and row["next_attempt_at"]:
        st.caption(f"Volgende poging: {mail_ui.stamp(row['next_attempt_at'])}.")
    st.text(row["body"])
    if files:
        st.caption(
            "Bijlagen: " + ", ".join(f"{md(n)} ({size // 1024 + 1} kB)" for n, size in files)
        )


def _eml(mail_id: int) -> bytes:
    with session.conn() as d:
        return eml.build(outbox.get(d, mail_id) or {}, outbox.attachments(d, mail_id))


def _attachment(mail_id: int, index: int) -> bytes:
    with session.conn() as d:
        return outbox.attachments(d, mail_id)[index].content


b1, b2 = st.columns([1, 3])
try:
    eml.build(row, [])  # refuses an erased message before a button is offered
except MailError as exc:
    b1.caption(md(exc))
else:
    b1.download_button(
        "Download als .eml",
        data=lambda mid=chosen: _eml(mid),
        file_name=eml.filename(row),
        mime="message/rfc822",
        on_click="ignore",
        icon=":material/download:",
        key=f"ob_eml_{chosen}",
    )
for i, (name, _size) in enumerate(files):
    b2.download_button(
        f"Bijlage {md(name)}",
        data=lambda mid=chosen, idx=i: _attachment(mid, idx),
        file_name=name,
        on_click="ignore",
        key=f"ob_att_{chosen}_{i}",
    )

allowed = outbox.actions(row, bool(cfg and cfg.smtp_enabled))
if allowed:
    cols = st.columns(len(allowed) + 2)
    for col, action in zip(cols, allowed, strict=False):
        if col.button(outbox.ACTION_LABELS[action], key=f"ob_{action}_{chosen}"):
            try:
                with session.conn() as d:
                    text = outbox.act(d, chosen, action, user["username"])
            except MailError as exc:
                widgets.flash("outbox", str(exc), kind="error")
            else:
                mail_worker.wake()
                widgets.flash("outbox", text)
            st.rerun()
