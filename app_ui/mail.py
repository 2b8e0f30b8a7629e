"""Shared UI of outgoing mail: the settings notice, the small send forms on shared screens (the
intake link, the report), the contact's calendar download, and the pieces of the screen
*Uitgaande berichten* (app_pages/outbox.py).

Every function here is one call from its screen, so the shared screens change by a line or two.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from app_ui import session, widgets
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.mail import outbox
from jep.mail import settings as mail_settings
from jep.mail import worker as mail_worker
from jep.mail.addresses import check_address
from jep.mail.errors import MailError, MailSettingsError
from jep.mail.templates import kind_title
from jep.report import content, sending
from jep.report import versions as report_versions
from jep.workshop import invites, messages

OUTBOX_PAGE = "app_pages/outbox.py"


def load_settings() -> mail_settings.MailSettings | None:
    """The mail settings, or None after showing why they are invalid."""
    try:
        return mail_settings.load()
    except MailSettingsError as exc:
        st.error(
            f"De instellingen voor uitgaande e-mail zijn ongeldig; er wordt niets verstuurd.\n\n"
            f"{md(exc)}",
            icon=":material/mail_lock:",
        )
        return None


def settings_notice(cfg: mail_settings.MailSettings | None) -> None:
    if cfg is None:
        return
    if cfg.smtp_enabled:
        st.success(md(cfg.describe()), icon=":material/outgoing_mail:")
    else:
        st.info(
            "**Geen mailserver ingesteld.** Berichten worden niet verstuurd: ze blijven hier in "
            "het postvak, waar u ze kunt lezen en als .eml-bestand kunt downloaden (en zelf "
            "versturen). Stel `JEP_SMTP_HOST` en `JEP_MAIL_FROM` in (zie de README) om ze te "
            "laten versturen.",
            icon=":material/inbox:",
        )


def queued_text(mail_id: int, to: str) -> str:
    """'… klaargezet voor …' with what happens next, in plain text."""
    with session.conn() as d:
        row = outbox.get(d, mail_id) or {}
    if row.get("status") == "postvak":
        tail = (
            "Er is geen mailserver ingesteld: het bericht staat in Uitgaande berichten, waar u "
            "het als .eml kunt downloaden."
        )
    else:
        tail = "Het wordt zo verstuurd; de voortgang ziet u in Uitgaande berichten."
    return f"Bericht klaargezet voor {to}. {tail}"


def address_problem(text: str | None) -> str | None:
    try:
        check_address(text)
    except MailError as exc:
        return str(exc)
    return None


# ---------------------------------------------------------------- the intake link


def invitation_field(key: str) -> str:
    """The optional address field of the new-request form."""
    return st.text_input(
        "E-mailadres van de contactpersoon (optioneel)",
        key=key,
        max_chars=254,
        placeholder="naam@gemeente.nl",
        help="Vult u een adres in, dan verstuurt de applicatie de link meteen per e-mail. "
        "De link wordt hoe dan ook één keer getoond om te kopiëren.",
    )


def send_invitation(workshop_id: int, token: str, to: str, actor: str) -> None:
    """Queue the intake invitation for a link just issued; a notice says what happened."""
    link = f"{session.app_base_url()}/?token={token}"
    try:
        with session.conn() as d:
            mail_id = messages.intake_invitation(d, workshop_id, to, link, actor)
    except MailError as exc:
        widgets.flash(f"invite{workshop_id}", str(exc), kind="error")
        return
    mail_worker.wake()
    widgets.flash(f"invite{workshop_id}", queued_text(mail_id, to))


def new_link_address(
    k: str,
    contact_address: Callable[[Database], str | None],
    recently_invited: Callable[[Database, str], bool],
) -> str | None:
    """The form "Nieuwe link per e-mail versturen" (session keys under `k`), filled in with the
    contact's known address. The checked address once it is submitted; None while it is not. A bad
    address, or one that was just sent a new link (a second would void the first), is refused
    under the field after a rerun."""
    s = st.session_state
    errors: dict[str, str] = s.pop(k + "errors", {})
    if k + "to" not in s:
        with session.conn() as d:
            s[k + "to"] = contact_address(d) or ""
    with st.form(k + "form", border=True):
        st.markdown("**Nieuwe link per e-mail versturen**")
        to = st.text_input("E-mailadres van de contactpersoon", key=k + "to", max_chars=254)
        widgets.field_error(errors, "to")
        go = st.form_submit_button("Nieuwe link uitgeven en mailen", icon=":material/send:")
    if not go:
        return None
    problem = address_problem(to)
    with session.conn() as d:
        if not problem and recently_invited(d, to):
            problem = (
                f"Er is zojuist al een nieuwe link naar {to.strip()} gestuurd; zie Uitgaande "
                "berichten. Een tweede link zou de eerste ongeldig maken."
            )
    if problem:
        s[k + "errors"] = {"to": problem}
        st.rerun()
    return to.strip()


def reissue_form(workshop_id: int, actor: str) -> None:
    """On the intake page: issue a new link and mail it in one go. The new link lands where the
    page shows a new link once (`link_<id>` in the session)."""
    widgets.show_flash(f"invite{workshop_id}")
    to = new_link_address(
        f"im{workshop_id}_",
        lambda d: messages.contact_address(d, workshop_id),
        lambda d, to: messages.recently_invited(d, workshop_id, to),
    )
    if to is None:
        return
    with session.conn() as d:
        token = invites.issue(d, workshop_id, actor)
    send_invitation(workshop_id, token, to, actor)
    widgets.show_flash(f"invite{workshop_id}")
    st.session_state[f"link_{workshop_id}"] = token  # shown once, with the copy button, as ever


# ---------------------------------------------------------------- the report


def report_section(w: dict[str, Any], actor: str) -> None:
    """On the report page: send a stored version to the municipality's contact."""
    wid = w["id"]
    s = st.session_state
    k = f"rs{wid}_"
    st.subheader("Verslag versturen")
    widgets.show_flash(k + "notice")
    with session.conn() as d:
        stored = report_versions.versions(d, wid)
        sent = sending.sent_messages(d, wid)
        if k + "to" not in s:
            s[k + "to"] = messages.contact_address(d, wid) or ""
    for m in sent[:5]:
        line = (
            f"{fmt_date(m['created_at'])}: aan {md(m['to_addr'])} · "
            f"**{outbox.STATUS_LABELS.get(m['status'], m['status'])}**"
        )
        if m["status"] == "verzonden":
            line += (
                f" op {report_versions.format_stamp(m['sent_at'])} · bericht-id `{m['message_id']}`"
            )
        st.markdown(line)
    if sent:
        st.page_link(OUTBOX_PAGE, label="Naar Uitgaande berichten", icon=":material/outgoing_mail:")
    if stored.empty:
        st.caption("Maak eerst een versie van het verslag; die kunt u hier versturen.")
        return
    held = w["status"] in ("uitgevoerd", "verslag verstuurd")
    if not held:
        st.caption("Het verslag kan pas verstuurd worden als het werkatelier is uitgevoerd.")
        return
    errors: dict[str, str] = s.pop(k + "errors", {})
    labels = {
        int(v.id): f"Versie {v.number} ({report_versions.format_stamp(v.created_at)})"
        for v in stored.itertuples(index=False)
    }
    with st.form(k + "form", border=True):
        version = st.selectbox(
            "Welke versie", list(labels), format_func=labels.get, key=k + "version"
        )
        to = st.text_input("Aan (contactpersoon van de gemeente)", key=k + "to", max_chars=254)
        widgets.field_error(errors, "to")
        st.caption(
            "De gekozen versie gaat als PDF-bijlage mee, precies zoals u haar kunt downloaden. "
            "Zodra de mailserver het bericht heeft aangenomen, wordt die versie gemarkeerd als "
            "verstuurd (met het bericht-id) en gaat het werkatelier naar ‘verslag verstuurd’."
        )
        go = st.form_submit_button("Verslag versturen", type="primary", icon=":material/send:")
    if go:
        problem = address_problem(to)
        if problem:
            s[k + "errors"] = {"to": problem}
            st.rerun()
        try:
            with session.conn() as d:
                mail_id = sending.send_report(d, wid, int(version), to, actor)
        except (MailError, content.ReportError) as exc:
            widgets.flash(k + "notice", str(exc), kind="error")
        else:
            mail_worker.wake()
            widgets.flash(k + "notice", f"{labels[int(version)]}: {queued_text(mail_id, to)}")
        st.rerun()


# ---------------------------------------------------------------- the contact's page


def ics_download(workshop_id: int, when: str | None) -> None:
    """The workshop as a calendar file (for the municipality's contact)."""
    if not when:
        return

    def data() -> bytes:
        with session.conn() as d:
            return messages.workshop_ics(d, workshop_id)

    st.download_button(
        "In mijn agenda zetten (.ics)",
        data=data,
        file_name=f"werkatelier-{date.fromisoformat(when[:10]).isoformat()}.ics",
        mime="text/calendar",
        on_click="ignore",
        icon=":material/calendar_add_on:",
        key=f"ics_{workshop_id}",
    )


# ---------------------------------------------------------------- the outbox screen


def outbox_table(df: pd.DataFrame) -> pd.DataFrame:
    """The outbox listing for reading: Dutch headings, kind titles and status labels."""
    return pd.DataFrame(
        {
            "#": df["id"],
            "Aangemaakt": [stamp(v) for v in df["created_at"]],
            "Status": [outbox.STATUS_LABELS.get(v, v) for v in df["status"]],
            "Aan": df["to_addr"],
            "Onderwerp": df["subject"],
            "Soort": [kind_title(k) for k in df["kind"]],
            "Pogingen": df["attempts"],
            "Melding van de server": df["last_error"].fillna(""),
        }
    )


def stamp(value: Any) -> str:
    """'01-12-2026 14:05' in local time; '' when empty."""
    if not isinstance(value, str) or not value:
        return ""
    return datetime.fromisoformat(value).astimezone().strftime("%d-%m-%Y %H:%M")
