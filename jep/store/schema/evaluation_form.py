"""The phone form of the evaluation: drafts kept per section, and refusals of an overused link.

A respondent's answers are saved as they go, per section, under the hash of a random respondent
key (an HttpOnly cookie on the phone; never the key itself). When the evaluation link closes the
hash and the unsent answers are dropped; what stays is anonymous: when a draft was started and sent
and how many items of each section were answered (for the completion figures staff see).
"""

from sqlite_utils import Database, Migrations

ORDER = 25  # after jep-evaluation (20)
migrations = Migrations("jep-evaluation-form")


@migrations()
def m001_drafts(db: Database) -> None:
    db.executescript(
        """
        -- One respondent of one workshop. `session_hash`: SHA-256 of the workshop and the random
        -- respondent key (the same hash as the response's `session_hash`); NULL once the link
        -- closed. `link_id`: the evaluation link it was started under (the cap is per link).
        CREATE TABLE evaluation_drafts (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            link_id INTEGER REFERENCES invites(id) ON DELETE SET NULL,
            session_hash TEXT UNIQUE,
            version INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            submitted_at TEXT,   -- the first time it was sent (counted once)
            sent_hash TEXT       -- fingerprint of the answers last sent; NULL once the link closed
        );
        CREATE INDEX idx_evaluation_drafts_workshop ON evaluation_drafts(workshop_id, link_id);

        -- The answers of one section of a draft as JSON (NULL once the link closed) and how many
        -- of its items have an answer. The sector question is section '_sector'.
        CREATE TABLE evaluation_draft_sections (
            draft_id INTEGER NOT NULL REFERENCES evaluation_drafts(id) ON DELETE CASCADE,
            section_id TEXT NOT NULL,
            answers TEXT,
            answered INTEGER NOT NULL DEFAULT 0,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (draft_id, section_id)
        );

        -- New respondents refused per workshop: over the cap of the link, or too many from one
        -- client address (the address itself is never stored).
        CREATE TABLE evaluation_refusals (
            workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            over_cap INTEGER NOT NULL DEFAULT 0,
            rate_limited INTEGER NOT NULL DEFAULT 0,
            last_at TEXT
        );
        """
    )
