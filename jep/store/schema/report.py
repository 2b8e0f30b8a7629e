"""Report tables: facilitators' notes of the day, recommendation decisions, report versions.

Nothing here names a young person: the notes describe anonymised cases. Every table hangs off a
workshop and goes with it (ON DELETE CASCADE), so removing demo data or erasing a municipality
removes its notes, decisions and stored reports too.
"""

from sqlite_utils import Database, Migrations

ORDER = 40
migrations = Migrations("jep-report")


@migrations()
def m001_report_tables(db: Database) -> None:
    db.executescript(
        """
        -- What the facilitators noted on the day.
        --   kind 'dilemma'    a case or dilemma discussed (anonymised); step = werkwijze step
        --   kind 'juridisch'  a legal question that came up; detail = the answer given
        --   kind 'knelpunt'   a knelpunt confirmed on the day or newly found; knelpunt_id is a
        --                     catalogue id (data/knelpunten.toml) or NULL for a new one in text
        --   kind 'oplossing'  a solution the participants themselves proposed
        CREATE TABLE workshop_notes (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('dilemma', 'juridisch', 'knelpunt', 'oplossing')),
            step INTEGER CHECK (step IS NULL OR step >= 1),
            knelpunt_id TEXT,
            knelpunt_status TEXT CHECK (knelpunt_status IS NULL
                OR knelpunt_status IN ('bevestigd', 'nieuw')),
            text TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            created_by TEXT,
            updated_at TEXT NOT NULL,
            updated_by TEXT
        );
        CREATE INDEX idx_workshop_notes_workshop ON workshop_notes(workshop_id, kind, id);

        -- Staff's review of the recommendations for one workshop.
        --   rule_id set:   a decision on a proposal of the rule base (data/recommendations.toml):
        --                  accepted (optionally reworded: title/text/owner/priority not NULL)
        --                  or rejected.
        --   rule_id NULL:  a recommendation staff added themselves (always 'aanvaard').
        CREATE TABLE recommendation_decisions (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            rule_id TEXT,
            decision TEXT NOT NULL CHECK (decision IN ('aanvaard', 'afgewezen')),
            title TEXT,
            text TEXT,
            owner TEXT,
            priority INTEGER,
            reason TEXT,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT,
            updated_at TEXT NOT NULL,
            updated_by TEXT
        );
        CREATE UNIQUE INDEX ux_recommendation_decisions_rule
            ON recommendation_decisions(workshop_id, rule_id) WHERE rule_id IS NOT NULL;
        CREATE INDEX idx_recommendation_decisions_workshop
            ON recommendation_decisions(workshop_id);

        -- Every generated report: who made it, when, the PDF itself and the recommendations it
        -- contained (JSON), so the report that was sent can be handed out again unchanged.
        CREATE TABLE report_versions (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            filename TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            pdf BLOB NOT NULL,
            recommendations TEXT NOT NULL DEFAULT '[]',
            facts TEXT NOT NULL DEFAULT '{}',
            build_seconds REAL,
            sent_at TEXT,
            sent_by TEXT,
            UNIQUE (workshop_id, number)
        );
        """
    )
