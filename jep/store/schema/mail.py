"""Mail tables: the outbox (messages and their attachments) and what each participant was told.

- `mail_messages`: every message the application sends, from the moment it is queued. Its
  `status` is the delivery state (see `jep.mail.outbox`); a message being delivered is claimed by
  one worker (`claimed_by`, `lease_until`) and records how far the SMTP conversation got
  (`phase`), so a worker that dies mid-send never causes a second delivery. `message_id` (the
  Message-ID header) is fixed when queued and kept on every retry. `dedupe_key` makes an event
  (an intake submitted, a reminder for one link) queue at most one message.
- `mail_attachments`: the files of a message (the report PDF, a calendar invitation).
- `mail_calendar`: per participant and address, the calendar invitation last sent (UID,
  SEQUENCE, date, slot, location) and what they were last told, so a change of date or location
  sends an update with the same UID and a higher SEQUENCE, and a cancellation reaches exactly
  those who had an invitation. No foreign key to `participants`: a removed participant still
  gets the cancellation of the invitation they had.
- `report_versions.sent_message_id`: the Message-ID with which a report version was e-mailed.

Every table hangs off a workshop (ON DELETE CASCADE, except test messages which belong to none),
so the municipality export and erasure (`jep.privacy.rights`) include them; the retention rules
in data/retention.toml erase addresses and bodies.
"""

from sqlite_utils import Database, Migrations

ORDER = 60
migrations = Migrations("jep-mail")


@migrations()
def m001_outbox(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE mail_messages (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            workshop_id INTEGER REFERENCES workshops(id) ON DELETE CASCADE,
            municipality_code TEXT,
            ref TEXT,
            dedupe_key TEXT UNIQUE,
            message_id TEXT NOT NULL UNIQUE,
            from_addr TEXT NOT NULL,
            from_name TEXT NOT NULL DEFAULT '',
            to_addr TEXT NOT NULL,
            to_name TEXT,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            auto_submitted INTEGER NOT NULL DEFAULT 1,
            secret_values TEXT,
            secret_until TEXT,
            status TEXT NOT NULL CHECK (status IN ('wachtrij', 'bezig', 'verzonden', 'fout',
                'mislukt', 'onzeker', 'postvak', 'geannuleerd')),
            phase TEXT CHECK (phase IS NULL OR phase IN ('verbinden', 'afronden')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            claimed_by TEXT,
            lease_until TEXT,
            last_error TEXT,
            smtp_response TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE INDEX idx_mail_messages_due ON mail_messages(status, next_attempt_at);
        CREATE INDEX idx_mail_messages_workshop ON mail_messages(workshop_id, kind);
        CREATE INDEX idx_mail_messages_ref ON mail_messages(ref);

        CREATE TABLE mail_attachments (
            id INTEGER PRIMARY KEY,
            mail_id INTEGER NOT NULL REFERENCES mail_messages(id) ON DELETE CASCADE,
            filename TEXT NOT NULL,
            mime_type TEXT NOT NULL,
            content BLOB NOT NULL,
            size INTEGER NOT NULL
        );
        CREATE INDEX idx_mail_attachments_mail ON mail_attachments(mail_id);

        CREATE TABLE mail_calendar (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL,
            email TEXT NOT NULL,
            uid TEXT NOT NULL UNIQUE,
            sequence INTEGER,
            told TEXT NOT NULL CHECK (told IN ('aangemeld', 'wachtlijst', 'afgemeld',
                'geannuleerd', 'bestaand')),
            date TEXT,
            time_slot TEXT,
            location TEXT,
            address TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX idx_mail_calendar_workshop ON mail_calendar(workshop_id, participant_id);

        ALTER TABLE report_versions ADD COLUMN sent_message_id TEXT;
        """
    )
    # Events before this moment (audit rows, links issued) never produce a message: an existing
    # database does not suddenly mail everyone about what happened before mail existed.
    db.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('mail_audit_cursor', "
        "(SELECT CAST(coalesce(max(id), 0) AS TEXT) FROM audit_log))"
    )
    db.execute(
        "INSERT OR REPLACE INTO meta(key, value) "
        "VALUES ('mail_since', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))"
    )
