"""Evaluation tables: link state per workshop, questionnaire snapshots, anonymous responses."""

from sqlite_utils import Database, Migrations

ORDER = 20
migrations = Migrations("jep-evaluation")


@migrations()
def m001_evaluation_tables(db: Database) -> None:
    db.executescript(
        """
        -- Open/closed state of a workshop's evaluation link. The link itself (its token hash,
        -- expiry, revocation) is a row in `invites` with purpose 'evaluatie'.
        CREATE TABLE evaluation_links (
            workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            manual TEXT CHECK (manual IN ('open', 'closed')),  -- NULL: by the calendar
            issued_on TEXT,
            updated_at TEXT NOT NULL,
            updated_by TEXT
        );

        -- A copy of each questionnaire version as it was first used, so that answers given under
        -- a version stay readable after the file in data/ changed.
        CREATE TABLE evaluation_questionnaires (
            version INTEGER PRIMARY KEY,
            definition TEXT NOT NULL,
            stored_at TEXT NOT NULL
        );

        -- One anonymous response. Online: `session_hash` is the SHA-256 of a random key kept in
        -- the respondent's browser session (never the key itself); paper: NULL.
        CREATE TABLE evaluation_responses (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('online', 'papier')),
            session_hash TEXT UNIQUE,
            sector_id TEXT,
            asked TEXT NOT NULL,  -- JSON list of the item ids this respondent was asked
            revision INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            entered_by TEXT  -- staff member who typed in a paper form
        );
        CREATE INDEX idx_evaluation_responses_workshop ON evaluation_responses(workshop_id);

        -- The answers, one row per answered item: `before` for the pre/post items' "vóór",
        -- `value` for "nu", a 5-point score or the rapportcijfer, `text` for open questions.
        CREATE TABLE evaluation_answers (
            response_id INTEGER NOT NULL REFERENCES evaluation_responses(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('prepost', 'likert', 'grade', 'open')),
            before INTEGER CHECK (before BETWEEN 1 AND 5),
            value INTEGER CHECK (value BETWEEN 1 AND 10),
            text TEXT,
            PRIMARY KEY (response_id, item_id)
        );
        CREATE INDEX idx_evaluation_answers_item ON evaluation_answers(item_id);
        """
    )
