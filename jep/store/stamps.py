"""Write counters ("stamps"): a cheap value that changes on every write to a table.

Triggers (migrations in `jep/store/schema/dashboard.py` and `perf.py`) count every insert, update
and delete per watched table in `dashboard_version`, also through cascades and direct SQL. A stamp
of some tables is a few index look-ups, so the screens key their caches by it: a cached figure is
rebuilt exactly when one of the tables it reads was written.

`WATCHED` is the one list of tables with a counter. Asking for another table raises at once
(a misspelled name would otherwise give a constant stamp and a cache that never refreshes).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pandas as pd
from sqlite_utils import Database

F = TypeVar("F", bound=Callable[..., Any])

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


def add_write_counter(db: Database, table: str) -> None:
    """Migrations: give `table` a write counter (idempotent). Add the table to WATCHED too."""
    db.execute("INSERT OR IGNORE INTO dashboard_version(name, n) VALUES (?, 0)", [table])
    for op in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS dashboard_version_{table}_{op.lower()} "
            f"AFTER {op} ON {table} "
            f"BEGIN UPDATE dashboard_version SET n = n + 1 WHERE name = '{table}'; END"
        )


def memo_by(*tables: str, max_entries: int = 4) -> Callable[[F], F]:
    """Keep the results of `fn(db, *args)` (hashable args) until one of `tables` is written: the
    key is the database file, the tables' stamp and the arguments. For work outside the screens
    (a PDF report, the command line), which Streamlit's caches do not reach. Nothing is kept for an
    in-memory database or inside an open transaction (its writes may still be rolled back, and
    the stamp with them). A DataFrame is handed out as a copy."""
    wanted = check_tables(tables)

    def wrap(fn: F) -> F:
        kept: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(fn)
        def run(db: Database, *args: Any) -> Any:
            file = db.conn.execute("PRAGMA database_list").fetchone()[2]
            if not file or db.conn.in_transaction:
                return fn(db, *args)
            key = (file, stamp(db, wanted), args)
            with lock:
                if key in kept:
                    kept.move_to_end(key)
                    value = kept[key]
                    return value.copy() if isinstance(value, pd.DataFrame) else value
            value = fn(db, *args)
            with lock:
                kept[key] = value.copy() if isinstance(value, pd.DataFrame) else value
                while len(kept) > max_entries:
                    kept.popitem(last=False)
            return value

        run.cache_clear = kept.clear  # type: ignore[attr-defined]
        return run  # type: ignore[return-value]

    return wrap
