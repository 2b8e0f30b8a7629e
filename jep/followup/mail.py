"""The follow-up by e-mail: the invitation with the personal link, and the reminder.

Texts are data (`terugblik-uitnodiging`, `terugblik-herinnering` in data/messages.toml), queued in
the application's outbox (`jep.mail.outbox`) like every other message:

- `invitation`: the link staff just handed out, to the municipality's contact (the link is
  removed from the stored copy once delivered or expired). When the follow-up is already overdue,
  the invitation counts as its reminder;
- `queue_reminders`: run by the mail round (`jep.outgoing`): once a follow-up is overdue
  (`[timing] reminder_after_days` after it became due) and not yet reminded, a reminder to the
  contact whose link is still valid, at most once per link. The reminder holds no link (it is
  not stored); it points to the invitation.

Demo workshops never produce mail, and links handed out before mail existed in this database
produce no reminder.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlite_utils import Database

from jep.fmt import fmt_date
from jep.followup import answers as fa
from jep.followup.due import due_of
from jep.followup.questionnaire import FollowupConfig, config
from jep.mail import outbox
from jep.mail.errors import MailError
from jep.mail.settings import MailSettings
from jep.mail.templates import Templates, templates
from jep.store import audit
from jep.store.db import get_meta, write
from jep.workshop import messages, workshops

INVITATION = "terugblik-uitnodiging"
REMINDER = "terugblik-herinnering"
KINDS: dict[str, frozenset[str]] = {
    INVITATION: frozenset({"gemeente", "link", "geldig_tot", "verslag", "maanden"}),
    REMINDER: frozenset({"gemeente", "geldig_tot", "uitgenodigd_op"}),
}


def texts() -> Templates:
    """The follow-up's message texts, checked against the placeholders filled in here."""
    return templates().check(KINDS)


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def contact_address(db: Database, workshop_id: int) -> str | None:
    """Where the follow-up goes: the address typed in the follow-up itself, else the one the last
    follow-up invitation went to, else the intake's contact (`jep.workshop.messages`)."""
    return (
        messages.typed_address(db, "followups", workshop_id)
        or messages.last_sent_to(db, workshop_id, INVITATION)
        or messages.contact_address(db, workshop_id)
    )


def recently_invited(db: Database, workshop_id: int, to: str, seconds: int = 120) -> bool:
    """Whether a follow-up invitation to `to` was queued in the last `seconds` (a second click
    must not hand out a second link and make the first one useless)."""
    return messages.recently_sent(db, workshop_id, INVITATION, to, seconds)


def invitation(
    db: Database,
    workshop_id: int,
    to: str,
    link: str,
    actor: str,
    cfg: MailSettings | None = None,
    fcfg: FollowupConfig | None = None,
    today: date | None = None,
) -> int:
    """Queue the follow-up invitation with the personal `link` (of the workshop's current
    follow-up link) to `to`; returns the message id. MailError (nothing queued) on a bad address
    or without a valid link. When the follow-up is overdue it is recorded as reminded."""
    fcfg = fcfg or config()
    w = workshops.get(db, workshop_id)
    current = messages.current_link(db, workshop_id, fa.PURPOSE)
    if w is None or current is None:
        raise MailError("Er is geen geldige link voor de terugblik om te versturen.")
    link_id, _, expires = current
    due = due_of(db, workshop_id, today or date.today(), fcfg)
    subject, body = texts().render(
        INVITATION,
        {
            "gemeente": w["municipality_name"],
            "link": link,
            "geldig_tot": fmt_date(expires),
            "verslag": fmt_date(due.sent_on) if due else "eerder",
            "maanden": fcfg.due_after_months,
        },
    )
    draft = outbox.Draft(
        kind=INVITATION,
        to=to,
        subject=subject,
        body=body,
        workshop_id=workshop_id,
        municipality_code=w["municipality_code"],
        ref=f"invite:{link_id}",
        secrets=(link,),
        secret_until=expires,
        auto_submitted=False,
    )
    with write(db):
        mail_id = outbox.put(db, draft, actor, cfg)
        if due is not None and due.state == "achterstallig":
            _reminded(db, workshop_id, actor, "e-mail met nieuwe link")
    assert mail_id is not None  # no dedupe key: always queued
    return mail_id


def _reminded(db: Database, workshop_id: int, actor: str, how: str) -> None:
    """Record a reminder inside the caller's transaction."""
    db.execute(
        "UPDATE followups SET reminded_at = ? WHERE workshop_id = ?",
        [_stamp(_now()), workshop_id],
    )
    audit.log(db, actor, "terugblik herinnerd", "workshop", workshop_id, {"hoe": how})


def queue_reminders(
    db: Database,
    cfg: MailSettings,
    today: date | None = None,
    fcfg: FollowupConfig | None = None,
) -> int:
    """Reminders for overdue follow-ups that were not reminded since they became due and whose
    link is still valid; each at most once per link. Returns how many were queued."""
    fcfg = fcfg or config()
    day = today or date.today()
    since = get_meta(db, messages.META_SINCE) or ""
    rows = db.execute(
        "SELECT f.workshop_id, w.municipality_code, m.name, i.id, i.created_at, i.expires_at "
        "FROM followups f JOIN workshops w ON w.id = f.workshop_id "
        "JOIN municipalities m ON m.code = w.municipality_code "
        "JOIN invites i ON i.workshop_id = f.workshop_id AND i.purpose = ? "
        "AND i.revoked_at IS NULL AND i.expires_at > ? AND i.created_at >= ? "
        "WHERE f.state = 'concept' AND w.is_demo = 0",
        [fa.PURPOSE, _stamp(_now()), since],
    ).fetchall()
    if not rows:
        return 0
    queued = 0
    with write(db):
        for wid, code, name, link_id, created, expires in rows:
            due = due_of(db, wid, day, fcfg)
            if due is None or not due.needs_reminder:
                continue
            link = (link_id, created, expires)
            if messages.queue_link_reminder(db, cfg, REMINDER, (wid, code, name), link):
                _reminded(db, wid, "systeem", "e-mail")
                queued += 1
    return queued
