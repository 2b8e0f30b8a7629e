"""Outgoing mail of the whole application: the steps of one round and the background worker.

This is where the concerns meet the mail machinery (`jep.mail`, low in the house): a round
queues what is due about workshops (`jep.workshop.messages`) and follow-ups
(`jep.followup.mail`), delivers the queue
(`jep.mail.delivery`), records delivered reports (`jep.report.sending`) and removes expired
personal links from stored copies. The server runs it every few seconds in one background
thread per process (`start`); `python -m jep mail send` runs one round (the same code).

Environment: `JEP_MAIL_WORKER=0` keeps the server from starting the thread (run
`python -m jep mail send` from cron instead); `JEP_MAIL_POLL_SECONDS` (default 5) is the pause
between rounds.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from jep.followup import mail as followup_mail
from jep.mail import delivery, outbox, templates
from jep.mail import settings as mail_settings
from jep.mail import worker as mail_worker
from jep.mail.errors import MailSettingsError
from jep.report import sending
from jep.store import stamps
from jep.workshop import messages

log = logging.getLogger("jep.mail")

REMINDER_EVERY_SECONDS = 600
_seen: dict[str, Any] = {}  # per database: the stamp and day of the last participant sync
_last_problem: list[str] = []


def check_texts() -> None:
    """Every message text is there and uses only known placeholders (CatalogError if not)."""
    known = {
        **messages.KINDS,
        **sending.KINDS,
        **followup_mail.KINDS,
        "test": TEST_PLACEHOLDERS,
    }
    templates.templates().check(known)
    extra = sorted(set(templates.templates().entries) - set(known))
    if extra:
        from jep.reference.toml import CatalogError

        raise CatalogError(f"messages.toml: onbekend bericht '{extra[0]}'")


def settings_or_none() -> mail_settings.MailSettings | None:
    """The mail settings; None (said once on the server log) while they are invalid."""
    try:
        cfg = mail_settings.load()
    except MailSettingsError as exc:
        if _last_problem != [str(exc)]:
            log.error("Uitgaande berichten: instellingen ongeldig: %s", exc)
            _last_problem[:] = [str(exc)]
        return None
    _last_problem.clear()
    return cfg


def _db_key(d: Database) -> str:
    row = d.execute("PRAGMA database_list").fetchone()
    return str(row[2] if row else "")


def queue_due(d: Database, today: date | None = None, force: bool = False) -> int:
    """Queue what is due about workshops. The participant sync runs only when participants or
    workshops were written since (or the day changed); reminders every ten minutes."""
    cfg = settings_or_none()
    if cfg is None:
        return 0
    day = today or date.today()
    key = _db_key(d)
    queued = 0
    mark = (stamps.stamp(d, ("workshops", "participants")), day)
    if force or _seen.get(key) != mark:
        queued += messages.sync_participants(d, cfg, day)
        _seen[key] = mark
    queued += messages.queue_staff_notifications(d, cfg)
    last = _seen.get(key + ":reminders", 0.0)
    if force or time.monotonic() - last >= REMINDER_EVERY_SECONDS:
        queued += messages.queue_reminders(d, cfg)
        queued += followup_mail.queue_reminders(d, cfg, day)
        _seen[key + ":reminders"] = time.monotonic()
    return queued


def deliver(d: Database) -> delivery.Round | None:
    cfg = settings_or_none()
    if cfg is None:
        return None
    return delivery.deliver_due(d, cfg)


def steps(force: bool = False) -> list[tuple[str, mail_worker.Step]]:
    """The steps of one round, in order."""
    return [
        ("berichten klaarzetten", lambda d: queue_due(d, force=force)),
        ("versturen", deliver),
        ("verslagen bijwerken", sending.record_delivered),
        ("links wissen", outbox.scrub_expired),
    ]


def run_round(d: Database) -> dict[str, Any]:
    """One full round now (the command line's `mail send`)."""
    return mail_worker.run_round(d, steps(force=True))


_workers: dict[str, tuple[mail_worker.Worker, threading.Thread]] = {}
_workers_lock = threading.Lock()


def start(db_file: str | Path) -> mail_worker.Worker | None:
    """Start the background worker of this process for `db_file`, once (a second call, e.g.
    after Streamlit's caches were cleared, returns the running one). None when
    JEP_MAIL_WORKER=0."""
    if os.environ.get("JEP_MAIL_WORKER", "1").strip() in ("0", "nee", "no", "false"):
        return None
    key = str(Path(db_file).resolve())
    with _workers_lock:
        running = _workers.get(key)
        if running and running[1].is_alive() and not running[0].stop.is_set():
            return running[0]
        w = _new_worker(db_file)
        _workers[key] = (w, w.start())
        return w


def _new_worker(db_file: str | Path) -> mail_worker.Worker:
    try:
        poll = max(0.2, float(os.environ.get("JEP_MAIL_POLL_SECONDS", "5")))
    except ValueError:
        poll = 5.0
    return mail_worker.Worker(db_file, steps(), poll)


# ---------------------------------------------------------------- the test message

TEST_KIND = "test"
TEST_PLACEHOLDERS = frozenset({"tijd", "afzender", "server"})


def queue_test(d: Database, to: str, actor: str) -> int:
    """Queue a test message to `to` (MailError on a bad address). Returns its id."""
    from datetime import datetime

    cfg = mail_settings.load()
    t = templates.templates().check({TEST_KIND: TEST_PLACEHOLDERS})
    subject, body = t.render(
        TEST_KIND,
        {
            "tijd": datetime.now().astimezone().strftime("%d-%m-%Y %H:%M"),
            "afzender": f"{cfg.sender_name} <{cfg.sender}>",
            "server": f"{cfg.host}:{cfg.port} ({cfg.security})"
            if cfg.smtp_enabled
            else "geen (alleen postvak)",
        },
    )
    mail_id = outbox.queue(
        d, outbox.Draft(kind=TEST_KIND, to=to, subject=subject, body=body), actor, cfg
    )
    assert mail_id is not None
    mail_worker.wake()
    return mail_id
