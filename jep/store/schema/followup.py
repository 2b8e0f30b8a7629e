"""Follow-up tables: the municipality's terugblik and the participants' anonymous short follow-up.

Every table hangs off a workshop (ON DELETE CASCADE), so removing demo data or erasing a
municipality removes its follow-up too, and the access export (jep.privacy.rights, which follows
the foreign keys) includes it. Nothing here names a young person; who picked a recommendation up
is stored as a role, never a name.
"""

from sqlite_utils import Database, Migrations

from jep.store.stamps import add_write_counter

ORDER = 60  # after report (report_versions) and dashboard (dashboard_version)
migrations = Migrations("jep-followup")


@migrations()
def m001_followup_tables(db: Database) -> None:
    db.executescript(
        """
        -- One follow-up per workshop, made when staff hand out its link or fill it in. `basis`
        -- is what it looks back on, copied when it was made so later changes never alter it:
        -- the report version that was sent and its recommendations as sent, the intake's
        -- knelpunten with their severity then, the intake's context answers then (JSON).
        -- `answers` is the municipality's answer document (JSON; see jep/followup/answers.py).
        CREATE TABLE followups (
            workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            report_version_id INTEGER REFERENCES report_versions(id) ON DELETE SET NULL,
            sent_at TEXT NOT NULL,
            basis TEXT NOT NULL DEFAULT '{}',
            answers TEXT NOT NULL DEFAULT '{}',
            state TEXT NOT NULL DEFAULT 'concept' CHECK (state IN ('concept', 'ingediend')),
            version INTEGER NOT NULL DEFAULT 0,
            on_behalf INTEGER NOT NULL DEFAULT 0,
            staff_notes TEXT NOT NULL DEFAULT '',
            reminded_at TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT,
            updated_at TEXT NOT NULL,
            updated_by TEXT,
            submitted_at TEXT,
            submitted_by TEXT
        );
        CREATE INDEX idx_followups_state ON followups(state, workshop_id);

        -- Denormalised from followups.answers on every save, for the programme figures:
        -- per recommendation of the sent report its status and the role that picked it up.
        CREATE TABLE followup_recommendations (
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            rec_id TEXT NOT NULL,
            rule_id TEXT,  -- NULL for staff's own recommendations
            owner TEXT,
            status TEXT,
            role TEXT,
            PRIMARY KEY (workshop_id, rec_id)
        );
        CREATE INDEX idx_followup_recommendations_rule
            ON followup_recommendations(rule_id, status);

        -- Per knelpunt: severity in the intake (`before`) and today (`after`). kind 'voorgesprek'
        -- (a catalogue knelpunt of the intake), 'eigen' (the intake's own, id 'eigen-<n>'),
        -- 'nieuw' (named in the follow-up; a catalogue id or 'nieuw-<n>').
        CREATE TABLE followup_knelpunten (
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            knelpunt_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('voorgesprek', 'eigen', 'nieuw')),
            before INTEGER CHECK (before BETWEEN 1 AND 5),
            after INTEGER CHECK (after BETWEEN 1 AND 5),
            PRIMARY KEY (workshop_id, knelpunt_id)
        );

        -- The participants' anonymous short follow-up. `session_hash` is the SHA-256 of a random
        -- key kept in the respondent's browser session (never the key itself).
        CREATE TABLE followup_responses (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            session_hash TEXT UNIQUE,
            revision INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX idx_followup_responses_workshop ON followup_responses(workshop_id);

        -- One row per answered item: `value` for a 1–5 item, `choice` for a choice item, `text`
        -- for an open question.
        CREATE TABLE followup_answers (
            response_id INTEGER NOT NULL
                REFERENCES followup_responses(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            value INTEGER CHECK (value BETWEEN 1 AND 5),
            choice TEXT,
            text TEXT,
            PRIMARY KEY (response_id, item_id)
        );

        -- The due list reads only when each report was sent, never the stored PDFs.
        CREATE INDEX IF NOT EXISTS idx_report_versions_sent
            ON report_versions(sent_at, workshop_id) WHERE sent_at IS NOT NULL;
        """
    )
    # Screens cache by these (jep.store.stamps.WATCHED). The denormalised tables and the answers
    # are always written together with their followups / followup_responses row; `invites` tells
    # the due list when a link was handed out.
    for table in ("followups", "followup_responses", "report_versions", "invites"):
        add_write_counter(db, table)
