"""Sending the report (verslag) to the municipality's contact, with the PDF attached.

`send_report` queues the chosen stored version as it is (the same bytes staff can download);
once the mail server accepted it, `record_delivered` (run by the worker after every delivery
round) marks that version as sent with the message's Message-ID and moves the workshop to
'verslag verstuurd' through the planning rules, so the record shows what was actually sent.
A message marked as sent by hand on *Uitgaande berichten* counts the same way.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from jep.fmt import fmt_date
from jep.mail import outbox
from jep.mail.addresses import check_address
from jep.mail.settings import MailSettings
from jep.mail.settings import load as load_settings
from jep.mail.templates import Templates, templates
from jep.report.content import ReportError
from jep.report.versions import mark_sent
from jep.store import audit
from jep.store.db import write
from jep.workshop import workshops

KIND = "verslag"
KINDS: dict[str, frozenset[str]] = {KIND: frozenset({"gemeente", "datum", "versie", "bestand"})}
REF = "report_version:"


def texts() -> Templates:
    return templates().check(KINDS)


def send_report(
    db: Database,
    workshop_id: int,
    version_id: int,
    to: str,
    actor: str,
    cfg: MailSettings | None = None,
) -> int:
    """Queue version `version_id` of the workshop's report to `to`. ReportError when the
    workshop was not held or the version is not this workshop's; MailError on a bad address or
    a PDF over the size limit. Returns the message id."""
    w = workshops.get(db, workshop_id)
    if w is None:
        raise ReportError("Dit werkatelier bestaat niet.")
    if w["status"] not in workshops.HELD:
        raise ReportError(
            "Een verslag kan pas verstuurd worden als het werkatelier is uitgevoerd; de status "
            f"is nu ‘{w['status']}’."
        )
    row = db.execute(
        "SELECT number, filename, pdf FROM report_versions WHERE id = ? AND workshop_id = ?",
        [version_id, workshop_id],
    ).fetchone()
    if not row:
        raise ReportError("Deze versie van het verslag bestaat niet.")
    number, filename, pdf = row
    subject, body = texts().render(
        KIND,
        {
            "gemeente": w["municipality_name"],
            "datum": fmt_date(w["date"]),
            "versie": number,
            "bestand": filename,
        },
    )
    to = check_address(to, "Het e-mailadres van de ontvanger")
    draft = outbox.Draft(
        kind=KIND,
        to=to,
        subject=subject,
        body=body,
        workshop_id=workshop_id,
        municipality_code=w["municipality_code"],
        ref=f"{REF}{version_id}",
        attachments=(outbox.Attachment(filename, "application/pdf", bytes(pdf)),),
        auto_submitted=False,
    )
    cfg = cfg or load_settings()
    with write(db):  # a second click while the first is still on its way sends nothing
        if db.execute(
            "SELECT 1 FROM mail_messages WHERE kind = ? AND ref = ? AND lower(to_addr) = lower(?) "
            "AND status IN ('postvak', 'wachtrij', 'bezig', 'fout')",
            [KIND, draft.ref, to],
        ).fetchone():
            raise ReportError(
                f"Versie {number} staat al klaar om naar {to} te gaan; zie Uitgaande berichten."
            )
        mail_id = outbox.put(db, draft, actor, cfg)
    assert mail_id is not None
    return mail_id


def record_delivered(db: Database, today: date | None = None) -> int:
    """Mark every report version whose message was delivered (and not yet recorded) as sent,
    with that message's Message-ID. Returns how many were recorded."""
    rows = db.execute(
        "SELECT m.id, m.workshop_id, CAST(substr(m.ref, ?) AS INTEGER), m.message_id, "
        "m.created_by FROM mail_messages m "
        "JOIN report_versions v ON v.id = CAST(substr(m.ref, ?) AS INTEGER) "
        "AND v.workshop_id = m.workshop_id "
        "WHERE m.kind = ? AND m.status = 'verzonden' AND m.ref LIKE ? "
        "AND v.sent_message_id IS NOT m.message_id ORDER BY m.id",
        [len(REF) + 1, len(REF) + 1, KIND, f"{REF}%"],
    ).fetchall()
    for mail_id, wid, version_id, message_id, actor in rows:
        try:
            mark_sent(db, wid, version_id, actor, today or date.today())
            note = None
        except ReportError as exc:  # e.g. the workshop was moved back meanwhile
            note = str(exc)
        with write(db):
            db.execute(
                "UPDATE report_versions SET sent_message_id = ?, "
                "sent_at = coalesce(sent_at, (SELECT sent_at FROM mail_messages WHERE id = ?)), "
                "sent_by = coalesce(sent_by, ?) WHERE id = ?",
                [message_id, mail_id, actor, version_id],
            )
            audit.log(
                db,
                "systeem",
                "verslag per e-mail afgeleverd",
                "report_version",
                version_id,
                {"werkatelier": wid, "bericht": message_id, "status niet gewijzigd": note},
            )
    return len(rows)


def sent_messages(db: Database, workshop_id: int) -> list[dict]:
    """The report messages of a workshop, newest first (for the report page)."""
    return outbox.for_workshop(db, workshop_id, [KIND])
