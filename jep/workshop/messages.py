"""The messages about one werkatelier: what each says and to whom, queued in the outbox.

- `intake_invitation`: the personal intake link to the municipality's contact (on request);
- `queue_reminders`: to the contact when a draft intake is not submitted N days before its link
  expires, and when no intake was started M days after the link was issued (N, M in
  data/messages.toml; once per link);
- `queue_staff_notifications`: to staff (JEP_MAIL_STAFF) when a contact submitted an intake or
  registered a participant, read from the audit log after a cursor (each event once);
- `sync_participants`: to each participant with an e-mail address, from comparing the participant
  list and the planning with what they were last told (`mail_calendar`): a confirmation with a
  calendar invitation, a place on the waiting list, moving up from it, a changed date, slot,
  location or address (same UID, higher SEQUENCE), removal from the list or the cancelled
  workshop (METHOD:CANCEL). Comparing state rather than hooking every change means every path
  that changes a list (a screen, an import, the command line) is covered, and running it twice
  sends nothing twice;
- `workshop_ics`: the calendar file the contact downloads.

Every message carries one workshop's data only, to one recipient. A participant's message holds
their own name and the workshop, never anyone else's. Demo workshops never produce mail, and
events from before mail existed in this database (`mail_since`) produce none either.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

from sqlite_utils import Database

from jep.fmt import fmt_date
from jep.mail import ics, outbox
from jep.mail.addresses import is_address
from jep.mail.errors import MailError
from jep.mail.settings import MailSettings
from jep.mail.settings import load as load_settings
from jep.mail.templates import CALENDAR, Templates, templates
from jep.reference.catalog import catalog
from jep.store.db import get_meta, set_meta, write
from jep.workshop import planning, workshops

log = logging.getLogger("jep.mail")

PARTICIPANT = frozenset({"naam", "gemeente", "datum", "dagdeel", "locatie", "adres"})
KINDS: dict[str, frozenset[str]] = {
    "intake-uitnodiging": frozenset({"gemeente", "link", "geldig_tot", "dagen"}),
    "herinnering-verloopt": frozenset({"gemeente", "geldig_tot", "dagen_over", "uitgenodigd_op"}),
    "herinnering-niet-begonnen": frozenset({"gemeente", "geldig_tot", "uitgenodigd_op"}),
    "melding-voorgesprek-ingediend": frozenset({"gemeente", "werkatelier", "ingediend_op"}),
    "melding-aanmelding": frozenset(
        {"gemeente", "werkatelier", "datum", "naam", "organisatie", "sector", "plaats"}
    ),
    "deelnemer-bevestiging": PARTICIPANT,
    "deelnemer-wachtlijst": PARTICIPANT,
    "deelnemer-doorgeschoven": PARTICIPANT,
    "deelnemer-wijziging": PARTICIPANT | {"wijziging"},
    "deelnemer-afgemeld": PARTICIPANT,
    "deelnemer-geannuleerd": PARTICIPANT,
    CALENDAR: frozenset({"gemeente", "dagdeel", "locatie", "adres"}),
}
PARTICIPANT_KINDS = tuple(k for k in KINDS if k.startswith("deelnemer-"))
CONTACT_KINDS = ("intake-uitnodiging", "herinnering-verloopt", "herinnering-niet-begonnen")
META_CURSOR = "mail_audit_cursor"
META_SINCE = "mail_since"
NOTIFY_ACTIONS = ("voorgesprek ingediend", "deelnemer toegevoegd")
OPEN_TOLD = ("aangemeld", "wachtlijst")


def texts() -> Templates:
    """The message texts, checked against the placeholders this module fills in."""
    return templates().check(KINDS)


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _since(db: Database) -> str:
    return get_meta(db, META_SINCE) or ""


# ---------------------------------------------------------------- the contact


def current_link(
    db: Database, workshop_id: int, purpose: str = "intake"
) -> tuple[int, str, str] | None:
    """(id, created_at, expires_at) of the workshop's valid link for `purpose` (the intake's, or
    the follow-up's)."""
    row = db.execute(
        "SELECT id, created_at, expires_at FROM invites WHERE workshop_id = ? "
        "AND purpose = ? AND revoked_at IS NULL AND expires_at > ? "
        "ORDER BY id DESC LIMIT 1",
        [workshop_id, purpose, _stamp(_now())],
    ).fetchone()
    return (int(row[0]), row[1], row[2]) if row else None


def intake_invitation(
    db: Database,
    workshop_id: int,
    to: str,
    link: str,
    actor: str,
    cfg: MailSettings | None = None,
) -> int:
    """Queue the intake invitation with the personal `link` (of the workshop's current intake
    link) to `to`. The link is removed from the stored copy once the message is delivered, or
    when the link expires. Returns the message id; MailError (nothing queued) on a bad address."""
    w = workshops.get(db, workshop_id)
    invite = current_link(db, workshop_id)
    if w is None or invite is None:
        raise MailError("Er is geen geldige link voor het voorgesprek om te versturen.")
    invite_id, created, expires = invite
    days = max(1, (datetime.fromisoformat(expires) - datetime.fromisoformat(created)).days)
    subject, body = texts().render(
        "intake-uitnodiging",
        {
            "gemeente": w["municipality_name"],
            "link": link,
            "geldig_tot": fmt_date(expires),
            "dagen": days,
        },
    )
    mail_id = outbox.queue(
        db,
        outbox.Draft(
            kind="intake-uitnodiging",
            to=to,
            subject=subject,
            body=body,
            workshop_id=workshop_id,
            municipality_code=w["municipality_code"],
            ref=f"invite:{invite_id}",
            secrets=(link,),
            secret_until=expires,
            auto_submitted=False,
        ),
        actor,
        cfg,
    )
    assert mail_id is not None  # no dedupe key: always queued
    return mail_id


def recently_sent(db: Database, workshop_id: int, kind: str, to: str, seconds: int = 120) -> bool:
    """Whether a message `kind` to `to` was queued for this workshop in the last `seconds` (a
    second click must not issue a second link and make the first one useless)."""
    since = _stamp(_now() - timedelta(seconds=seconds))
    return bool(
        db.execute(
            "SELECT 1 FROM mail_messages WHERE workshop_id = ? AND kind = ? "
            "AND lower(to_addr) = lower(?) AND created_at >= ?",
            [workshop_id, kind, to.strip(), since],
        ).fetchone()
    )


def recently_invited(db: Database, workshop_id: int, to: str, seconds: int = 120) -> bool:
    """Whether an intake invitation to `to` was queued for this workshop in the last `seconds`."""
    return recently_sent(db, workshop_id, "intake-uitnodiging", to, seconds)


ANSWER_TABLES = ("intakes", "followups")
"""Tables whose `answers` (JSON) hold the contact's own address under contact.email."""


def typed_address(db: Database, table: str, workshop_id: int) -> str | None:
    """The address the contact typed in the intake or the follow-up (`table`), if valid."""
    if table not in ANSWER_TABLES:
        raise ValueError(f"geen antwoordentabel: {table}")
    row = db.execute(f"SELECT answers FROM {table} WHERE workshop_id = ?", [workshop_id]).fetchone()
    try:
        email = ((json.loads(row[0] or "{}") if row else {}).get("contact") or {}).get("email")
    except (ValueError, AttributeError):
        email = None
    return str(email).strip() if is_address(email) else None


def last_sent_to(db: Database, workshop_id: int, kind: str) -> str | None:
    """The address the last message `kind` of this workshop went to, if valid."""
    row = db.execute(
        "SELECT to_addr FROM mail_messages WHERE workshop_id = ? AND kind = ? "
        "ORDER BY id DESC LIMIT 1",
        [workshop_id, kind],
    ).fetchone()
    return str(row[0]) if row and is_address(row[0]) else None


def contact_address(db: Database, workshop_id: int) -> str | None:
    """The municipality contact's address: from the intake (typed by the contact), else the
    address the last intake invitation went to."""
    return typed_address(db, "intakes", workshop_id) or last_sent_to(
        db, workshop_id, "intake-uitnodiging"
    )


def queue_reminders(db: Database, cfg: MailSettings, now: datetime | None = None) -> int:
    """Reminders to contacts whose intake link is about to expire unsubmitted, or whose intake
    was not started; each at most once per link. Returns how many were queued."""
    t = texts()
    moment = now or _now()
    queued = 0
    with write(db):
        rows = db.execute(
            "SELECT i.id, i.workshop_id, i.created_at, i.expires_at, w.municipality_code, m.name, "
            "k.version FROM invites i JOIN workshops w ON w.id = i.workshop_id "
            "JOIN municipalities m ON m.code = w.municipality_code "
            "JOIN intakes k ON k.workshop_id = i.workshop_id "
            "WHERE i.purpose = 'intake' AND i.revoked_at IS NULL AND i.expires_at > ? "
            "AND i.created_at >= ? AND w.is_demo = 0 AND w.status = 'aanvraag' "
            "AND k.state = 'concept'",
            [_stamp(moment), _since(db)],
        ).fetchall()
        for invite_id, wid, created, expires, code, name, version in rows:
            left = datetime.fromisoformat(expires) - moment
            if version > 0 and left <= timedelta(days=t.reminder_before_expiry_days):
                kind = "herinnering-verloopt"
            elif version == 0 and moment - datetime.fromisoformat(created) >= timedelta(
                days=t.reminder_not_started_days
            ):
                kind = "herinnering-niet-begonnen"
            else:
                continue
            fields = {"dagen_over": max(1, left.days + (1 if left.seconds else 0))}
            if queue_link_reminder(
                db, cfg, kind, (wid, code, name), (invite_id, created, expires), fields, moment
            ):
                queued += 1
    return queued


def queue_link_reminder(
    db: Database,
    cfg: MailSettings,
    kind: str,
    workshop: tuple[int, str, str],
    link: tuple[int, str, str],
    fields: Mapping[str, object] | None = None,
    now: datetime | None = None,
) -> bool:
    """Queue the reminder `kind` about a contact's link (the intake's or the follow-up's) to
    the workshop's contact, at most once per link (its dedupe key). `workshop`: id, municipality
    code and name; `link`: the invite's id, created and expires stamps; `fields`: more values
    for the text. False when there is no contact address or it was queued before. Call inside a
    write."""
    wid, code, name = workshop
    link_id, created, expires = link
    to = contact_address(db, wid)
    if to is None:
        return False
    subject, body = texts().render(
        kind,
        {
            "gemeente": name,
            "geldig_tot": fmt_date(expires),
            "uitgenodigd_op": fmt_date(created),
            **(fields or {}),
        },
    )
    draft = outbox.Draft(
        kind=kind,
        to=to,
        subject=subject,
        body=body,
        workshop_id=wid,
        municipality_code=code,
        ref=f"invite:{link_id}",
        dedupe_key=f"{kind}:{link_id}",
    )
    return outbox.put(db, draft, "systeem", cfg, now) is not None


# ---------------------------------------------------------------- staff


def queue_staff_notifications(db: Database, cfg: MailSettings) -> int:
    """Notify staff of what contacts did since the last run (intake submitted, participant
    registered), read from the append-only audit log after a cursor kept in `meta`."""
    t = texts()
    cat = catalog()
    queued = 0
    top = db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
    if top <= int(get_meta(db, META_CURSOR) or 0):
        return 0  # nothing new: no write transaction
    with write(db):
        cursor = int(get_meta(db, META_CURSOR) or 0)
        top = db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
        if top <= cursor:
            return 0
        rows = db.execute(
            "SELECT id, at, action, entity_id, detail FROM audit_log WHERE id > ? AND id <= ? "
            "AND actor LIKE 'gemeente:%' AND action IN (?, ?) ORDER BY id",
            [cursor, top, *NOTIFY_ACTIONS],
        ).fetchall()
        for audit_id, at, action, entity_id, detail in rows:
            drafts = _notification(db, t, cat, audit_id, at, action, entity_id, detail, cfg)
            for draft in drafts:
                if outbox.put(db, draft, "systeem", cfg) is not None:
                    queued += 1
        set_meta(db, META_CURSOR, str(top))
    return queued


def _notification(
    db: Database,
    t: Templates,
    cat: Any,
    audit_id: int,
    at: str,
    action: str,
    entity_id: str | None,
    detail: str | None,
    cfg: MailSettings,
) -> list[outbox.Draft]:
    if action == "voorgesprek ingediend":
        wid = int(entity_id) if entity_id and entity_id.isdigit() else None
        w = workshops.get(db, wid) if wid else None
        if w is None or w["is_demo"]:
            return []
        kind = "melding-voorgesprek-ingediend"
        values: dict[str, Any] = {
            "gemeente": w["municipality_name"],
            "werkatelier": f"#{w['id']}",
            "ingediend_op": fmt_date(at),
        }
    else:
        pid = int(entity_id) if entity_id and entity_id.isdigit() else None
        row = db.execute(
            "SELECT workshop_id, name, organisation, sector_id, status FROM participants "
            "WHERE id = ?",
            [pid],
        ).fetchone()
        w = workshops.get(db, row[0]) if row else None
        if row is None or w is None or w["is_demo"]:
            return []
        sector = cat.sectors.get(row[3])
        kind = "melding-aanmelding"
        values = {
            "gemeente": w["municipality_name"],
            "werkatelier": f"#{w['id']}",
            "datum": fmt_date(w["date"]),
            "naam": row[1],
            "organisatie": row[2] or "—",
            "sector": sector.name if sector else row[3],
            "plaats": "aangemeld" if row[4] == "aangemeld" else "op de wachtlijst",
        }
    subject, body = t.render(kind, values)
    return [
        outbox.Draft(
            kind=kind,
            to=address,
            subject=subject,
            body=body,
            workshop_id=w["id"],
            municipality_code=w["municipality_code"],
            ref=f"audit:{audit_id}",
            dedupe_key=f"audit:{audit_id}:{address.lower()}",
        )
        for address in cfg.staff
    ]


# ---------------------------------------------------------------- participants


@dataclass(frozen=True)
class Plan:
    date: str | None
    time_slot: str | None
    location: str | None
    address: str | None


def _slot_label(slot: str | None) -> str:
    found = planning.config().time_slots.get(slot or "")
    return found.label if found else (slot or "—")


def _values(name: str, municipality: str, plan: Plan) -> dict[str, Any]:
    return {
        "naam": name,
        "gemeente": municipality,
        "datum": fmt_date(plan.date),
        "dagdeel": _slot_label(plan.time_slot),
        "locatie": plan.location or "—",
        "adres": plan.address or "—",
    }


def _changes(old: Plan, new: Plan) -> str:
    """'de datum is verplaatst van … naar … en de locatie is nu …'."""
    parts = []
    if old.date != new.date:
        parts.append(f"de datum is verplaatst van {fmt_date(old.date)} naar {fmt_date(new.date)}")
    if old.time_slot != new.time_slot:
        parts.append(f"het dagdeel is nu {_slot_label(new.time_slot)}")
    if old.location != new.location:
        parts.append(f"de locatie is nu {new.location or '—'}")
    if old.address != new.address:
        parts.append(f"het adres is nu {new.address or '—'}")
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " en " + parts[-1]
    return parts[0] if parts else "de gegevens zijn bijgewerkt"


def calendar_event(
    t: Templates,
    cfg: MailSettings,
    uid: str,
    sequence: int,
    municipality: str,
    plan: Plan,
    attendee: tuple[str, str] | None = None,
) -> ics.CalendarEvent:
    """The calendar event of a planned workshop (for one attendee, or for a download)."""
    slot = planning.config().time_slots.get(plan.time_slot or "")
    summary, description = t.render(
        CALENDAR,
        {
            "gemeente": municipality,
            "dagdeel": _slot_label(plan.time_slot),
            "locatie": plan.location or "—",
            "adres": plan.address or "—",
        },
        signature=False,
    )
    return ics.CalendarEvent(
        uid=uid,
        sequence=sequence,
        summary=summary,
        description=description.strip(),
        location=", ".join(x for x in (plan.location, plan.address) if x),
        day=date.fromisoformat(str(plan.date)[:10]),
        start=slot.start if slot else None,
        end=slot.end if slot else None,
        organiser_email=cfg.sender,
        organiser_name=cfg.sender_name,
        attendee_email=attendee[0] if attendee else None,
        attendee_name=attendee[1] if attendee else None,
    )


@dataclass
class _State:
    id: int
    participant_id: int
    email: str
    uid: str
    sequence: int | None
    told: str
    plan: Plan


def _participant_draft(
    t: Templates,
    cfg: MailSettings,
    kind: str,
    workshop: dict[str, Any],
    person: tuple[int, str, str],
    plan: Plan,
    uid: str,
    method: str | None,
    sequence: int | None,
    extra: dict[str, Any] | None = None,
) -> outbox.Draft:
    pid, name, email = person
    subject, body = t.render(kind, {**_values(name, workshop["name"], plan), **(extra or {})})
    files: tuple[outbox.Attachment, ...] = ()
    if method and sequence is not None and plan.date:
        event = calendar_event(t, cfg, uid, sequence, workshop["name"], plan, (email, name))
        files = (
            outbox.Attachment(
                "uitnodiging.ics" if method == "REQUEST" else "afzegging.ics",
                ics.mime_type(method),
                ics.build(event, method),
            ),
        )
    return outbox.Draft(
        kind=kind,
        to=email,
        to_name=name,
        subject=subject,
        body=body,
        workshop_id=workshop["id"],
        municipality_code=workshop["code"],
        ref=f"participant:{pid}",
        attachments=files,
    )


def sync_participants(db: Database, cfg: MailSettings, today: date | None = None) -> int:
    """Queue what participants of planned and cancelled workshops have not been told yet.
    One write transaction: run by two workers at once, it still sends everything once."""
    t = texts()
    day = (today or date.today()).isoformat()
    queued = 0
    with write(db):
        since = _since(db)
        rows = db.execute(
            "SELECT w.id, w.status, w.date, w.time_slot, w.location, w.address, "
            "w.municipality_code, m.name FROM workshops w "
            "JOIN municipalities m ON m.code = w.municipality_code "
            "WHERE w.is_demo = 0 AND ((w.status = 'gepland' AND w.date >= ?) "
            "OR (w.status = 'geannuleerd' AND EXISTS (SELECT 1 FROM mail_calendar c "
            "WHERE c.workshop_id = w.id AND c.told IN ('aangemeld', 'wachtlijst'))))",
            [day],
        ).fetchall()
        for wid, status, wdate, slot, location, address, code, name in rows:
            workshop = {"id": wid, "code": code, "name": name}
            plan = Plan(wdate, slot, location, address)
            for draft in _sync_one(db, t, cfg, workshop, status, plan, since):
                outbox.put(db, draft, "systeem", cfg)
                queued += 1
    return queued


def _sync_one(
    db: Database,
    t: Templates,
    cfg: MailSettings,
    workshop: dict[str, Any],
    status: str,
    plan: Plan,
    since: str,
) -> list[outbox.Draft]:
    """The drafts for one workshop; updates `mail_calendar` as it goes (inside the caller's
    transaction)."""
    wid = workshop["id"]
    states: dict[tuple[int, str], _State] = {}
    for r in db.execute(
        "SELECT id, participant_id, email, uid, sequence, told, date, time_slot, location, "
        "address FROM mail_calendar WHERE workshop_id = ? ORDER BY id",
        [wid],
    ).fetchall():
        states[(r[1], r[2].lower())] = _State(
            r[0], r[1], r[2], r[3], r[4], r[5], Plan(r[6], r[7], r[8], r[9])
        )
    drafts: list[outbox.Draft] = []
    seen: set[tuple[int, str]] = set()

    def record(
        st: _State | None, uid: str, pid: int, email: str, told: str, seq: int | None
    ) -> None:
        if st is None:
            db.execute(
                "INSERT INTO mail_calendar(workshop_id, participant_id, email, uid, sequence, "
                "told, date, time_slot, location, address, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [wid, pid, email, uid, seq, told, *_plan_values(plan), _stamp(_now())],
            )
        else:
            db.execute(
                "UPDATE mail_calendar SET sequence = ?, told = ?, date = ?, time_slot = ?, "
                "location = ?, address = ?, updated_at = ? WHERE id = ?",
                [seq, told, *_plan_values(plan), _stamp(_now()), st.id],
            )

    def add(draft_of: Callable[[], outbox.Draft]) -> bool:
        """Keep the draft when it can be queued; a bad one is skipped (and said on the log)."""
        try:
            drafts.append(outbox.validate(draft_of()))
        except MailError as exc:
            log.warning(
                "Bericht aan deelnemer overgeslagen (werkatelier %s): %s", wid, type(exc).__name__
            )
            return False
        return True

    if status == "gepland":
        people = db.execute(
            "SELECT id, name, email, status, created_at FROM participants "
            "WHERE workshop_id = ? AND email IS NOT NULL AND email <> '' ORDER BY position, id",
            [wid],
        ).fetchall()
        for pid, name, email, pstatus, created in people:
            if not is_address(email):
                continue
            key = (pid, email.strip().lower())
            seen.add(key)
            st = states.get(key)
            person = (pid, name, email.strip())
            uid = st.uid if st else f"jep-{uuid.uuid4().hex}@{cfg.domain}"
            nxt = 0 if st is None or st.sequence is None else st.sequence + 1
            if st is None and (created or "") < since:
                record(None, uid, pid, person[2], pstatus, None)  # registered before mail existed
                continue
            if pstatus == "aangemeld":
                told = st.told if st else None
                if told is None or told in ("afgemeld", "geannuleerd"):
                    kind = "deelnemer-bevestiging"
                elif told == "wachtlijst":
                    kind = "deelnemer-doorgeschoven"
                elif st is not None and st.plan != plan:
                    kind = "deelnemer-wijziging"
                else:
                    continue
                extra = {"wijziging": _changes(st.plan, plan)} if st is not None else {}
                if add(
                    partial(
                        _participant_draft,
                        t,
                        cfg,
                        kind,
                        workshop,
                        person,
                        plan,
                        uid,
                        "REQUEST",
                        nxt,
                        extra,
                    )
                ):
                    record(st, uid, pid, person[2], "aangemeld", nxt)
            elif st is None or st.told in ("afgemeld", "geannuleerd"):
                seq = st.sequence if st else None
                if add(
                    partial(
                        _participant_draft,
                        t,
                        cfg,
                        "deelnemer-wachtlijst",
                        workshop,
                        person,
                        plan,
                        uid,
                        None,
                        None,
                    )
                ):
                    record(st, uid, pid, person[2], "wachtlijst", seq)
    # Those who were told something and are no longer on the list (or the workshop is off).
    for key, st in states.items():
        if key in seen or st.told not in OPEN_TOLD or not is_address(st.email):
            continue
        cancelled = status == "geannuleerd"
        seq = st.sequence + 1 if st.sequence is not None else None
        name = _participant_name(db, st.participant_id) or "deelnemer"
        if add(
            partial(
                _participant_draft,
                t,
                cfg,
                "deelnemer-geannuleerd" if cancelled else "deelnemer-afgemeld",
                workshop,
                (st.participant_id, name, st.email),
                st.plan,
                st.uid,
                "CANCEL" if seq is not None else None,
                seq,
            )
        ):
            db.execute(
                "UPDATE mail_calendar SET sequence = ?, told = ?, updated_at = ? WHERE id = ?",
                [seq, "geannuleerd" if cancelled else "afgemeld", _stamp(_now()), st.id],
            )
    outbox.check_one_municipality(drafts)
    return drafts


def _plan_values(plan: Plan) -> list[str | None]:
    return [plan.date, plan.time_slot, plan.location, plan.address]


def _participant_name(db: Database, pid: int) -> str | None:
    row = db.execute("SELECT name FROM participants WHERE id = ?", [pid]).fetchone()
    return row[0] if row else None


# ---------------------------------------------------------------- downloads and the worker


def workshop_ics(db: Database, workshop_id: int, cfg: MailSettings | None = None) -> bytes:
    """The workshop as a calendar file for the contact (METHOD:PUBLISH, no attendees); MailError
    while it has no date."""
    cfg = cfg or load_settings()
    w = workshops.get(db, workshop_id)
    if w is None or not w["date"]:
        raise MailError("Het werkatelier heeft nog geen datum.")
    plan = Plan(w["date"], w["time_slot"], w["location"], w["address"])
    event = calendar_event(
        texts(), cfg, f"werkatelier-{workshop_id}@{cfg.domain}", 0, w["municipality_name"], plan
    )
    return ics.build(event, "PUBLISH")


def queue_due(db: Database, cfg: MailSettings, today: date | None = None) -> int:
    """Everything about workshops that is due now: participants, staff, reminders."""
    return (
        sync_participants(db, cfg, today)
        + queue_staff_notifications(db, cfg)
        + queue_reminders(db, cfg)
    )
