"""Dashboard: per-table write counters, and indexes for the programme figures.

`dashboard_version` counts, per watched table, every insert, update and delete of its rows (also
through cascades and direct SQL), so the dashboard's cached figures can be keyed by it
(`jep.store.stamps`). The answers of an evaluation are not watched: they are always
written together with their response row, which is.
"""

from sqlite_utils import Database, Migrations

ORDER = 50
migrations = Migrations("jep-dashboard")

WATCHED = (
    "workshops",
    "intakes",
    "intake_knelpunten",
    "intake_sectors",
    "participants",
    "evaluation_responses",
    "municipalities",
    "recommendation_decisions",  # jep/schema/report.py (ORDER 40), when it exists
)


@migrations()
def m001_data_version(db: Database) -> None:
    db.execute("CREATE TABLE dashboard_version (name TEXT PRIMARY KEY, n INTEGER NOT NULL)")
    existing = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in WATCHED:
        if table not in existing:
            continue
        db.execute("INSERT INTO dashboard_version(name, n) VALUES (?, 0)", [table])
        for op in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER dashboard_version_{table}_{op.lower()} AFTER {op} ON {table} "
                f"BEGIN UPDATE dashboard_version SET n = n + 1 WHERE name = '{table}'; END"
            )


@migrations()
def m002_indexes(db: Database) -> None:
    # Participants per workshop, status and sector (and attendance) without reading the rows:
    # the programme counts, the domain filter and the mix per sector use it.
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_participants_dashboard "
        "ON participants(workshop_id, status, sector_id, attended)"
    )
