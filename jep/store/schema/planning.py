"""Planning tables: the participants of a werkatelier (registered or on the waiting list).

Participants are adult professionals; nothing about young people is stored here.
The workshop's planning fields (date, time slot, location, host, facilitators) live in the core
`workshops` table.
"""

from sqlite_utils import Database, Migrations

ORDER = 10
migrations = Migrations("jep-planning")


@migrations()
def m001_participants(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            organisation TEXT,
            sector_id TEXT NOT NULL,
            profession TEXT,
            email TEXT,
            status TEXT NOT NULL CHECK (status IN ('aangemeld', 'wachtlijst')),
            -- registration order within the workshop; the waiting list moves up in this order
            position INTEGER,
            -- NULL = not yet marked, 1 = present, 0 = absent
            attended INTEGER CHECK (attended IS NULL OR attended IN (0, 1)),
            created_at TEXT,
            created_by TEXT,
            updated_at TEXT,
            updated_by TEXT
        );
        CREATE INDEX idx_participants_workshop ON participants(workshop_id, status, position);
        CREATE INDEX idx_participants_sector ON participants(sector_id);
        CREATE UNIQUE INDEX ux_participants_email ON participants(workshop_id, lower(email))
            WHERE email IS NOT NULL AND email <> '';
        """
    )
