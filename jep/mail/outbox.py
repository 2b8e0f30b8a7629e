"""The outbox: every message from the moment it is queued, its delivery state and its history.

States (`status`):

- `postvak`: queued while no mail server is set; never delivered by itself. Staff read it on
  *Uitgaande berichten*, download it as `.eml`, and may send it later ("Alsnog versturen").
- `wachtrij`: waiting to be delivered (`next_attempt_at` not before).
- `bezig`: claimed by one worker (`claimed_by`, `lease_until`), which records how far the SMTP
  conversation got in `phase`: `verbinden` until the whole message is with the server but not
  yet committed, `afronden` from just before the final "." that commits it.
- `verzonden`: the server accepted it (`smtp_response`, `sent_at`).
- `fout`: refused for now (a 4xx answer, the server unreachable); retried with back-off.
- `mislukt`: refused for good (a 5xx answer) or too many attempts; staff may retry by hand.
- `onzeker`: the worker stopped after committing but before the server's answer: the message
  may have arrived, so it is never sent again by itself; staff check and decide.
- `geannuleerd`: staff stopped it before it was sent.

Exactly once: a message is claimed in a write transaction (one worker wins), the final "." is
sent only after `phase = 'afronden'` is committed by the worker that still holds the claim, and a
claim whose worker died (its process is gone, or its lease ran out) goes back to the queue only
when it never reached `afronden`. The Message-ID is fixed when queued and kept on every retry.

Every queued, delivered and failed message is in the audit log, without its address or body.
"""

from __future__ import annotations

import json
import os
import secrets as _secrets
import socket
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.mail import settings as mail_settings
from jep.mail.addresses import check_address, check_header
from jep.mail.errors import MailError
from jep.mail.templates import templates
from jep.store import audit
from jep.store.db import last_id, write

STATUS_LABELS: dict[str, str] = {
    "postvak": "alleen in het postvak",
    "wachtrij": "in de wachtrij",
    "bezig": "wordt verstuurd",
    "verzonden": "verzonden",
    "fout": "mislukt, nieuwe poging volgt",
    "mislukt": "mislukt",
    "onzeker": "mogelijk verzonden",
    "geannuleerd": "geannuleerd",
}
DUE = ("wachtrij", "fout")
BACKOFF_SECONDS = (60, 300, 900, 3600, 4 * 3600, 12 * 3600)
"""Wait after the 1st, 2nd, … failed attempt; after the last one the message is `mislukt`."""
MAX_ATTEMPTS = len(BACKOFF_SECONDS) + 1
LEASE_SECONDS = 300
SCRUBBED = "[persoonlijke link verwijderd]"
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{_secrets.token_hex(4)}"
"""This process's name on the claims it makes (host, process id, a random part)."""
ACTION_LABELS = {
    "retry": "Opnieuw versturen",
    "cancel": "Annuleren",
    "delivered": "Markeren als verzonden",
}


class ClaimLost(Exception):
    """The worker no longer holds the claim of the message it is sending (its lease ran out and
    the message was recovered): it must not commit the message."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    mime_type: str
    content: bytes


@dataclass(frozen=True)
class Draft:
    """A message to queue. `municipality_code` names the one municipality whose data it carries
    (None: no municipality's data, e.g. a test message); `dedupe_key` queues an event at most
    once; `secrets` are parts of the body (a personal link) removed from the stored copy once
    the message was delivered, cancelled or `secret_until` has passed."""

    kind: str
    to: str
    subject: str
    body: str
    to_name: str | None = None
    workshop_id: int | None = None
    municipality_code: str | None = None
    ref: str | None = None
    dedupe_key: str | None = None
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)
    secrets: tuple[str, ...] = field(default_factory=tuple)
    secret_until: str | None = None
    auto_submitted: bool = True


def utcnow() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def max_attachment_bytes() -> int:
    return templates().max_attachment_mb * 1024 * 1024


# ---------------------------------------------------------------- queueing


def _check(draft: Draft, limit: int) -> Draft:
    to = check_address(draft.to, "Het e-mailadres van de ontvanger")
    subject = check_header(draft.subject, "Het onderwerp")
    if not subject:
        raise MailError("Het onderwerp ontbreekt.")
    to_name = check_header(draft.to_name, "De naam van de ontvanger") or None
    total = 0
    for att in draft.attachments:
        name = check_header(att.filename, "De naam van de bijlage")
        if not name or any(ch in name for ch in '/\\"'):
            raise MailError(f"De bijlage heeft een ongeldige naam: {att.filename!r}.")
        check_header(att.mime_type, "Het type van de bijlage")
        total += len(att.content)
    if total > limit:
        raise MailError(
            f"De bijlagen zijn samen {total / 1024 / 1024:.1f} MB; hoogstens "
            f"{limit // 1024 // 1024} MB per bericht."
        )
    return replace(draft, to=to, subject=subject, to_name=to_name)


def validate(draft: Draft) -> Draft:
    """The draft as it would be queued (address and headers checked, attachments within the
    limit); MailError when it cannot be."""
    return _check(draft, max_attachment_bytes())


def put(
    db: Database,
    draft: Draft,
    actor: str,
    cfg: mail_settings.MailSettings | None = None,
    now: datetime | None = None,
) -> int | None:
    """Queue one message inside the caller's write transaction. Returns its id, or None when a
    message with the same `dedupe_key` was queued before. Raises MailError (nothing queued)."""
    cfg = cfg or mail_settings.load()
    draft = _check(draft, max_attachment_bytes())
    moment = stamp(now or utcnow())
    status = "wachtrij" if cfg.smtp_enabled else "postvak"
    cur = db.execute(
        "INSERT INTO mail_messages(kind, workshop_id, municipality_code, ref, dedupe_key, "
        "message_id, from_addr, from_name, to_addr, to_name, subject, body, auto_submitted, "
        "secret_values, secret_until, status, created_at, created_by, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(dedupe_key) DO NOTHING",
        [
            draft.kind,
            draft.workshop_id,
            draft.municipality_code,
            draft.ref,
            draft.dedupe_key,
            f"<jep.{uuid.uuid4().hex}@{cfg.domain}>",
            cfg.sender,
            cfg.sender_name,
            draft.to,
            draft.to_name,
            draft.subject,
            draft.body,
            int(draft.auto_submitted),
            json.dumps(list(draft.secrets)) if draft.secrets else None,
            draft.secret_until if draft.secrets else None,
            status,
            moment,
            actor,
            moment,
        ],
    )
    if cur.rowcount != 1:
        return None
    mail_id = last_id(cur)
    for att in draft.attachments:
        db.execute(
            "INSERT INTO mail_attachments(mail_id, filename, mime_type, content, size) "
            "VALUES (?, ?, ?, ?, ?)",
            [mail_id, att.filename, att.mime_type, att.content, len(att.content)],
        )
    audit.log(
        db,
        actor,
        "bericht klaargezet",
        "mail",
        mail_id,
        {
            "soort": draft.kind,
            "werkatelier": draft.workshop_id,
            "gemeente": draft.municipality_code,
            "status": status,
            "bijlagen": [a.filename for a in draft.attachments],
        },
    )
    return mail_id


def check_one_municipality(drafts: Sequence[Draft]) -> None:
    """A batch never mixes municipalities: MailError when the drafts carry the data of more
    than one."""
    codes = {d.municipality_code for d in drafts if d.municipality_code}
    if len(codes) > 1:
        raise MailError(
            "Deze verzending zou ontvangers van verschillende gemeenten mengen "
            f"({', '.join(sorted(codes))}); er is niets klaargezet."
        )


def queue(
    db: Database, draft: Draft, actor: str, cfg: mail_settings.MailSettings | None = None
) -> int | None:
    """Queue one message in a transaction of its own (see `put`)."""
    cfg = cfg or mail_settings.load()
    with write(db):
        return put(db, draft, actor, cfg)


def queue_batch(
    db: Database,
    drafts: Sequence[Draft],
    actor: str,
    cfg: mail_settings.MailSettings | None = None,
) -> list[int]:
    """Queue several messages at once, all or none, all of one municipality."""
    check_one_municipality(drafts)
    cfg = cfg or mail_settings.load()
    limit = max_attachment_bytes()
    for d in drafts:  # check everything before writing anything
        _check(d, limit)
    with write(db):
        ids = [put(db, d, actor, cfg) for d in drafts]
    return [i for i in ids if i is not None]


# ---------------------------------------------------------------- reading

LIST_COLUMNS = (
    "id",
    "created_at",
    "kind",
    "to_addr",
    "subject",
    "status",
    "attempts",
    "next_attempt_at",
    "last_error",
    "sent_at",
    "workshop_id",
)


def listing(
    db: Database,
    status: str | None = None,
    search: str | None = None,
    workshop_id: int | None = None,
    kind: str | None = None,
    limit: int | None = 200,
) -> pd.DataFrame:
    """Messages, newest first, optionally filtered (never bodies or attachments)."""
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if status:
        where.append("status = ?")
        params.append(status)
    if workshop_id is not None:
        where.append("workshop_id = ?")
        params.append(workshop_id)
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(
            "(to_addr LIKE ? ESCAPE '\\' OR subject LIKE ? ESCAPE '\\' "
            "OR message_id LIKE ? ESCAPE '\\')"
        )
        params += [f"%{escaped}%"] * 3
    sql = (
        f"SELECT {', '.join(LIST_COLUMNS)} FROM mail_messages WHERE {' AND '.join(where)} "
        "ORDER BY id DESC"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return pd.read_sql_query(sql, db.conn, params=params)


def counts(db: Database) -> dict[str, int]:
    """Messages per status (every status present, zero when none)."""
    found = dict(db.execute("SELECT status, count(*) FROM mail_messages GROUP BY status"))
    return {s: int(found.get(s, 0)) for s in STATUS_LABELS}


def get(db: Database, mail_id: int) -> dict[str, Any] | None:
    cur = db.execute("SELECT * FROM mail_messages WHERE id = ?", [mail_id])
    row = cur.fetchone()
    if not row:
        return None
    return dict(zip([c[0] for c in cur.description], row, strict=True))


def attachments(db: Database, mail_id: int) -> list[Attachment]:
    rows = db.execute(
        "SELECT filename, mime_type, content FROM mail_attachments WHERE mail_id = ? ORDER BY id",
        [mail_id],
    ).fetchall()
    return [Attachment(r[0], r[1], bytes(r[2])) for r in rows]


def attachment_names(db: Database, mail_id: int) -> list[tuple[str, int]]:
    return [
        (r[0], int(r[1]))
        for r in db.execute(
            "SELECT filename, size FROM mail_attachments WHERE mail_id = ? ORDER BY id", [mail_id]
        )
    ]


# ---------------------------------------------------------------- staff actions


def actions(row: dict[str, Any], smtp_enabled: bool) -> list[str]:
    """What staff may do with a message now: 'retry', 'cancel', 'delivered'."""
    status = row["status"]
    found = []
    if status in ("fout", "mislukt", "onzeker", "geannuleerd") or (
        status == "postvak" and smtp_enabled
    ):
        found.append("retry")
    if status in ("wachtrij", "fout", "postvak"):
        found.append("cancel")
    if status in ("onzeker", "postvak"):
        found.append("delivered")
    return found


def _scrub_sql() -> str:
    return "secret_values = NULL, secret_until = NULL"


def _scrub(db: Database, mail_id: int) -> None:
    """Remove the personal link(s) from the stored copy of a message."""
    row = db.execute(
        "SELECT body, secret_values FROM mail_messages WHERE id = ?", [mail_id]
    ).fetchone()
    if not row or not row[1]:
        return
    body = row[0]
    for secret in json.loads(row[1]):
        if secret:
            body = body.replace(secret, SCRUBBED)
    db.execute(f"UPDATE mail_messages SET body = ?, {_scrub_sql()} WHERE id = ?", [body, mail_id])


def act(
    db: Database,
    mail_id: int,
    action: str,
    actor: str,
    cfg: mail_settings.MailSettings | None = None,
) -> str:
    """Do a staff action on one message; returns a Dutch confirmation, MailError when the
    message's state does not allow it (any more)."""
    cfg = cfg or mail_settings.load()
    with write(db):
        row = get(db, mail_id)
        if row is None:
            raise MailError("Dit bericht bestaat niet.")
        if action not in actions(row, cfg.smtp_enabled):
            raise MailError(
                f"Dit kan niet meer: het bericht is nu ‘{STATUS_LABELS[row['status']]}’."
            )
        moment = stamp(utcnow())
        if action == "retry":
            if not cfg.smtp_enabled:
                raise MailError("Er is geen mailserver ingesteld; het bericht kan niet weg.")
            db.execute(
                "UPDATE mail_messages SET status = 'wachtrij', attempts = 0, "
                "next_attempt_at = NULL, last_error = NULL, phase = NULL, claimed_by = NULL, "
                "lease_until = NULL, updated_at = ? WHERE id = ?",
                [moment, mail_id],
            )
            text = "Het bericht staat weer in de wachtrij."
            done = "bericht opnieuw klaargezet"
        elif action == "cancel":
            db.execute(
                "UPDATE mail_messages SET status = 'geannuleerd', next_attempt_at = NULL, "
                "updated_at = ? WHERE id = ?",
                [moment, mail_id],
            )
            _scrub(db, mail_id)
            text = "Het bericht is geannuleerd en wordt niet verstuurd."
            done = "bericht geannuleerd"
        else:
            db.execute(
                "UPDATE mail_messages SET status = 'verzonden', sent_at = ?, smtp_response = ?, "
                "phase = NULL, claimed_by = NULL, lease_until = NULL, updated_at = ? "
                "WHERE id = ?",
                [moment, f"handmatig gemarkeerd als verzonden door {actor}", moment, mail_id],
            )
            _scrub(db, mail_id)
            text = "Het bericht is gemarkeerd als verzonden."
            done = "bericht gemarkeerd als verzonden"
        audit.log(db, actor, done, "mail", mail_id, {"soort": row["kind"], "was": row["status"]})
    return text


# ---------------------------------------------------------------- the worker's side


def claim_next(
    db: Database,
    worker: str = WORKER_ID,
    now: datetime | None = None,
    only: int | None = None,
) -> dict[str, Any] | None:
    """Claim the oldest due message (or message `only` when due) for `worker`, in one write
    transaction: of two workers asking at once, one gets it."""
    moment = now or utcnow()
    if not due_count(db, moment):
        return None  # nothing due: no write transaction
    with write(db):
        row = db.execute(
            "SELECT id FROM mail_messages WHERE status IN ('wachtrij', 'fout') "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND (? IS NULL OR id = ?) "
            "ORDER BY id LIMIT 1",
            [stamp(moment), only, only],
        ).fetchone()
        if not row:
            return None
        db.execute(
            "UPDATE mail_messages SET status = 'bezig', phase = 'verbinden', claimed_by = ?, "
            "lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?",
            [
                worker,
                stamp(moment + timedelta(seconds=LEASE_SECONDS)),
                stamp(moment),
                row[0],
            ],
        )
    return get(db, row[0])


def due_count(db: Database, now: datetime | None = None) -> int:
    """How many messages wait for delivery now."""
    return db.execute(
        "SELECT count(*) FROM mail_messages WHERE status IN ('wachtrij', 'fout') "
        "AND (next_attempt_at IS NULL OR next_attempt_at <= ?)",
        [stamp(now or utcnow())],
    ).fetchone()[0]


def set_phase(db: Database, mail_id: int, phase: str, worker: str = WORKER_ID) -> None:
    """Record how far the delivery got; ClaimLost when `worker` no longer holds the claim."""
    with write(db):
        cur = db.execute(
            "UPDATE mail_messages SET phase = ?, updated_at = ? "
            "WHERE id = ? AND status = 'bezig' AND claimed_by = ?",
            [phase, stamp(utcnow()), mail_id, worker],
        )
        if cur.rowcount != 1:
            raise ClaimLost(mail_id)


def finish_sent(db: Database, mail_id: int, response: str, worker: str = WORKER_ID) -> None:
    """The server accepted the message. Also when the claim was recovered meanwhile (the server's
    answer is the truth)."""
    moment = stamp(utcnow())
    with write(db):
        cur = db.execute(
            "UPDATE mail_messages SET status = 'verzonden', sent_at = ?, smtp_response = ?, "
            "last_error = NULL, phase = NULL, claimed_by = NULL, lease_until = NULL, "
            "next_attempt_at = NULL, updated_at = ? "
            "WHERE id = ? AND ((status = 'bezig' AND claimed_by = ?) "
            "OR status IN ('onzeker', 'fout', 'wachtrij'))",
            [moment, response[:500], moment, mail_id, worker],
        )
        if cur.rowcount != 1:
            return
        _scrub(db, mail_id)
        kind, attempts = db.execute(
            "SELECT kind, attempts FROM mail_messages WHERE id = ?", [mail_id]
        ).fetchone()
        audit.log(
            db, "systeem", "bericht verzonden", "mail", mail_id, {"soort": kind, "poging": attempts}
        )


def finish_failed(
    db: Database,
    mail_id: int,
    error: str,
    permanent: bool,
    worker: str = WORKER_ID,
    now: datetime | None = None,
) -> str:
    """The attempt failed before the message was committed: retry later (back-off) or give up.
    Returns the new status."""
    moment = now or utcnow()
    with write(db):
        row = db.execute(
            "SELECT attempts, kind FROM mail_messages WHERE id = ? AND status = 'bezig' "
            "AND claimed_by = ?",
            [mail_id, worker],
        ).fetchone()
        if not row:
            return "verloren"
        attempts, kind = row
        give_up = permanent or attempts >= MAX_ATTEMPTS
        status = "mislukt" if give_up else "fout"
        wait = BACKOFF_SECONDS[min(attempts, len(BACKOFF_SECONDS)) - 1]
        db.execute(
            "UPDATE mail_messages SET status = ?, last_error = ?, phase = NULL, "
            "claimed_by = NULL, lease_until = NULL, next_attempt_at = ?, updated_at = ? "
            "WHERE id = ?",
            [
                status,
                error[:1000],
                None if give_up else stamp(moment + timedelta(seconds=wait)),
                stamp(moment),
                mail_id,
            ],
        )
        if give_up:
            audit.log(
                db,
                "systeem",
                "bericht mislukt",
                "mail",
                mail_id,
                {"soort": kind, "pogingen": attempts, "melding": error[:200]},
            )
    return status


def finish_uncertain(db: Database, mail_id: int, error: str, worker: str = WORKER_ID) -> None:
    """The connection broke after the message was committed and before the server answered."""
    with write(db):
        cur = db.execute(
            "UPDATE mail_messages SET status = 'onzeker', last_error = ?, claimed_by = NULL, "
            "lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'bezig' "
            "AND claimed_by = ?",
            [error[:1000], stamp(utcnow()), mail_id, worker],
        )
        if cur.rowcount:
            audit.log(db, "systeem", "bericht mogelijk verzonden", "mail", mail_id, None)


UNCERTAIN_TEXT = (
    "De verzending werd onderbroken nadat het bericht aan de mailserver was overgedragen en "
    "voordat de server het bevestigde. Het kan zijn aangekomen; het wordt daarom niet vanzelf "
    "opnieuw verstuurd. Controleer het bij de ontvanger en kies ‘Opnieuw versturen’ of "
    "‘Markeren als verzonden’."
)
INTERRUPTED_TEXT = "De verzending werd onderbroken (het proces stopte); nieuwe poging volgt."


def process_alive(worker: str) -> bool:
    """Whether the process that made a claim still runs (only knowable on this host)."""
    host, _, rest = worker.partition(":")
    pid = rest.split(":", 1)[0]
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine: only its lease tells
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(
    db: Database,
    now: datetime | None = None,
    alive: Callable[[str], bool] = process_alive,
) -> dict[str, int]:
    """Release claims whose worker is gone (its process ended, or its lease ran out): back to
    the queue when the message was never committed, `onzeker` when it may have been."""
    moment = now or utcnow()
    done = {"opnieuw": 0, "onzeker": 0}
    if not db.execute("SELECT 1 FROM mail_messages WHERE status = 'bezig' LIMIT 1").fetchone():
        return done  # nothing claimed: no write transaction
    with write(db):
        rows = db.execute(
            "SELECT id, claimed_by, lease_until, phase FROM mail_messages WHERE status = 'bezig'"
        ).fetchall()
        for mail_id, worker, lease, phase in rows:
            expired = not lease or lease < stamp(moment)
            if not expired and alive(worker or ""):
                continue
            if phase == "afronden":
                db.execute(
                    "UPDATE mail_messages SET status = 'onzeker', last_error = ?, "
                    "claimed_by = NULL, lease_until = NULL, updated_at = ? WHERE id = ?",
                    [UNCERTAIN_TEXT, stamp(moment), mail_id],
                )
                audit.log(db, "systeem", "bericht mogelijk verzonden", "mail", mail_id, None)
                done["onzeker"] += 1
            else:
                db.execute(
                    "UPDATE mail_messages SET status = 'fout', last_error = ?, phase = NULL, "
                    "claimed_by = NULL, lease_until = NULL, next_attempt_at = ?, updated_at = ? "
                    "WHERE id = ?",
                    [INTERRUPTED_TEXT, stamp(moment), stamp(moment), mail_id],
                )
                done["opnieuw"] += 1
    return done


def scrub_expired(db: Database, now: datetime | None = None) -> int:
    """Remove personal links from stored copies whose link has expired (undelivered ones too)."""
    moment = stamp(now or utcnow())
    ids = [
        r[0]
        for r in db.execute(
            "SELECT id FROM mail_messages WHERE secret_values IS NOT NULL AND secret_until < ?",
            [moment],
        )
    ]
    if ids:
        with write(db):
            for mail_id in ids:
                _scrub(db, mail_id)
    return len(ids)


def kinds(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT kind FROM mail_messages ORDER BY kind")]


def for_workshop(db: Database, workshop_id: int, kinds_: Iterable[str]) -> list[dict[str, Any]]:
    """Messages of some kinds for one workshop, newest first (id, kind, to, status, times,
    Message-ID, ref)."""
    wanted = list(kinds_)
    marks = ", ".join("?" * len(wanted)) or "NULL"
    cur = db.execute(
        "SELECT id, kind, to_addr, status, created_at, created_by, sent_at, message_id, ref, "
        f"last_error FROM mail_messages WHERE workshop_id = ? AND kind IN ({marks}) "
        "ORDER BY id DESC",
        [workshop_id, *wanted],
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
