"""Write counters ("stamps"): a cheap value that changes on every write to a table.

Triggers (migrations in `jep/store/schema/dashboard.py` and `perf.py`) count every insert, update
and delete per watched table in `dashboard_version`, also through cascades and direct SQL. A stamp
of some tables is a few index look-ups, so the screens key their caches by it: a cached figure is
rebuilt exactly when one of the tables it reads was written.

`WATCHED` is the one list of tables with a counter. Asking for another table raises at once
(a misspelled name would otherwise give a constant stamp and a cache that never refreshes).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from jep.store.db import get_meta

WATCHED: tuple[str, ...] = (
    "workshops",
    "intakes",
    "intake_knelpunten",
    "intake_sectors",
    "participants",
    "evaluation_responses",
    "municipalities",
    "recommendation_decisions",
    "workshop_notes",
    "followups",  # jep/store/schema/followup.py
    "followup_responses",
    "report_versions",
    "invites",
)


def check_tables(tables: Sequence[str]) -> tuple[str, ...]:
    """`tables` as a tuple; ValueError naming any table without a write counter."""
    unknown = [t for t in tables if t not in WATCHED]
    if unknown or not tables:
        raise ValueError(
            f"Geen schrijfteller voor tabel(len) {', '.join(unknown) or '(geen)'}; "
            f"bekend zijn: {', '.join(WATCHED)}"
        )
    return tuple(tables)


def stamp(db: Database, tables: Sequence[str]) -> str:
    """The write counters of `tables`, joined: changes on every write to any of them."""
    wanted = check_tables(tables)
    rows = dict(db.execute("SELECT name, n FROM dashboard_version").fetchall())
    missing = [t for t in wanted if t not in rows]
    if missing:
        raise ValueError(f"De database heeft geen schrijfteller voor {', '.join(missing)}")
    return "-".join(str(rows[t]) for t in wanted)


GENERATION_KEY = "teruggezet"
"""The meta row a restore of a backup gives a new value (`jep.store.backup.restore`)."""


def generation(db: Database) -> str:
    """Changes when a backup is restored over the database, and only then. For what is kept by
    content, not by write counter: after a restore the same rows (a response with the same id
    and revision) can hold other data."""
    return get_meta(db, GENERATION_KEY) or ""


def add_write_counter(db: Database, table: str) -> None:
    """Migrations: give `table` a write counter (idempotent). Add the table to WATCHED too."""
    db.execute("INSERT OR IGNORE INTO dashboard_version(name, n) VALUES (?, 0)", [table])
    for op in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS dashboard_version_{table}_{op.lower()} "
            f"AFTER {op} ON {table} "
            f"BEGIN UPDATE dashboard_version SET n = n + 1 WHERE name = '{table}'; END"
        )
