"""Indexes for the programme-wide figures at national scale (found with the benchmark, bench/).

Each index names the query it serves; they change no data and can be dropped again by a later
migration if a query changes.
"""

from sqlite_utils import Database, Migrations

ORDER = 90
migrations = Migrations("jep-perf")


@migrations()
def m001_evaluation_answers_by_kind(db: Database) -> None:
    # evaluation_stats.counts() and programme_measures(): the answers of one kind (grade,
    # pre/post, likert, open) of the respondents in view, with item and scores, read from the
    # index alone (without it every answer row of every kind is visited).
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_evaluation_answers_kind "
        "ON evaluation_answers(kind, response_id, item_id, before, value)"
    )


@migrations()
def m002_count_notes_writes(db: Database) -> None:
    # The report page caches its recommendation review per data stamp (jep.store.stamps);
    # the notes of the day feed the review, so count their writes like jep/schema/dashboard.py
    # counts those of the tables the dashboard watches.
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"workshop_notes", "dashboard_version"} <= tables:
        return
    db.execute("INSERT OR IGNORE INTO dashboard_version(name, n) VALUES ('workshop_notes', 0)")
    for op in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS dashboard_version_workshop_notes_{op.lower()} "
            f"AFTER {op} ON workshop_notes "
            "BEGIN UPDATE dashboard_version SET n = n + 1 WHERE name = 'workshop_notes'; END"
        )


@migrations()
def m003_count_evaluation_writes_per_workshop(db: Database) -> None:
    # programme_measures() keeps the programme's measures and computes again only the workshops
    # whose evaluations were written since. A fingerprint of the responses themselves (count,
    # ids, revisions, newest time) misses a form removed and another typed in within the same
    # second: the id is given again (no AUTOINCREMENT) and times have one-second resolution.
    # A counter per workshop that only goes up cannot repeat. No foreign key: a workshop's
    # counter outlives the workshop, so a new workshop given the same id continues it.
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "evaluation_responses" not in tables:
        return
    db.execute(
        "CREATE TABLE IF NOT EXISTS evaluation_writes ("
        "workshop_id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"
    )
    bump = (
        "INSERT INTO evaluation_writes(workshop_id, n) VALUES ({row}.workshop_id, 1) "
        "ON CONFLICT(workshop_id) DO UPDATE SET n = n + 1;"
    )
    for op, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS evaluation_writes_{op.lower()} "
            f"AFTER {op} ON evaluation_responses "
            f"BEGIN {' '.join(bump.format(row=row) for row in rows)} END"
        )
