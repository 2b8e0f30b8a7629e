"""Core tables: municipalities, staff, workshops, intakes, invite links, audit log, meta."""

from sqlite_utils import Database, Migrations

ORDER = 0
migrations = Migrations("jep-core")


@migrations()
def m001_core_tables(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);

        CREATE TABLE municipalities (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            province TEXT NOT NULL,
            lat REAL, lon REAL,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX idx_municipalities_province ON municipalities(province);

        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
            must_change_password INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            last_signin_at TEXT
        );

        CREATE TABLE signin_failures (
            username TEXT PRIMARY KEY COLLATE NOCASE,
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            last_failure_at TEXT
        );

        CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            municipality_code TEXT NOT NULL REFERENCES municipalities(code),
            status TEXT NOT NULL DEFAULT 'aanvraag' CHECK (status IN ('aanvraag', 'intake',
                'gepland', 'uitgevoerd', 'verslag verstuurd', 'geannuleerd')),
            requested_at TEXT NOT NULL,
            created_by TEXT,
            date TEXT,
            time_slot TEXT,
            location TEXT,
            address TEXT,
            host_contact TEXT,
            facilitator_1 TEXT,
            facilitator_2 TEXT,
            updated_at TEXT NOT NULL,
            is_demo INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX idx_workshops_municipality ON workshops(municipality_code);
        CREATE INDEX idx_workshops_status ON workshops(status);
        CREATE INDEX idx_workshops_date ON workshops(date);

        CREATE TABLE intakes (
            workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            answers TEXT NOT NULL DEFAULT '{}',
            state TEXT NOT NULL DEFAULT 'concept' CHECK (state IN ('concept', 'ingediend')),
            version INTEGER NOT NULL DEFAULT 0,
            submitted_at TEXT,
            updated_at TEXT NOT NULL,
            updated_by TEXT,
            staff_notes TEXT NOT NULL DEFAULT ''
        );

        -- Denormalised from intakes.answers on every save, for the dashboards.
        CREATE TABLE intake_knelpunten (
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            knelpunt_id TEXT NOT NULL,
            severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
            PRIMARY KEY (workshop_id, knelpunt_id)
        );
        CREATE TABLE intake_sectors (
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            sector_id TEXT NOT NULL,
            desired INTEGER NOT NULL CHECK (desired >= 0),
            PRIMARY KEY (workshop_id, sector_id)
        );

        CREATE TABLE invites (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL DEFAULT 'intake',
            token_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            created_by TEXT,
            expires_at TEXT NOT NULL,
            revoked_at TEXT,
            last_used_at TEXT
        );
        CREATE INDEX idx_invites_workshop ON invites(workshop_id, purpose);

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT,
            entity_id TEXT,
            detail TEXT
        );
        CREATE INDEX idx_audit_at ON audit_log(at);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit log rows cannot be changed'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit log rows cannot be deleted'); END;
        """
    )
