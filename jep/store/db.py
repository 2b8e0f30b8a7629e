"""SQLite access: connections, migrations and the write transaction.

One connection per unit of work (Streamlit runs each script in its own thread), taken from a
small pool of idle ones: a new connection parses the whole schema (130 tables, indexes and
triggers) at its first statement, about 0.5 ms, several times per screen. A connection goes back
to the pool reset (no open transaction, writable again) and at most `POOL_SIZE` idle ones are
kept, over all database files. Every connection has foreign keys on and waits for locks; the file
uses WAL so readers never block the writer. Schema changes are versioned migrations in
`jep/schema/`, one sqlite-utils `Migrations` set per concern, applied in the order given by each
module's `ORDER`.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database, Migrations

from jep.reference.toml import DATA_DIR

DEFAULT_DB = DATA_DIR / "jep.db"
_initialised: set[str] = set()
_init_lock = threading.Lock()
POOL_SIZE = 4  # an idle connection keeps its page cache, up to ~3 MB (measured)
_idle: OrderedDict[int, tuple[str, sqlite3.Connection]] = OrderedDict()  # id → (file, conn)
_idle_lock = threading.Lock()


def db_path() -> Path:
    """Database file: `JEP_DB` from the environment, else data/jep.db."""
    return Path(os.environ.get("JEP_DB") or DEFAULT_DB)


def now() -> str:
    """Current UTC time as ISO text, the one timestamp format of the database."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def connect(path: Path | str | None = None) -> Database:
    """Open a connection with foreign keys on and a generous lock timeout."""
    conn = sqlite3.connect(str(path or db_path()), timeout=30, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    return Database(conn)


@contextmanager
def open_db(path: Path | str | None = None) -> Iterator[Database]:
    """A connection for one unit of work (the database initialised on first use), from the pool
    of idle connections to that file, and back to it afterwards."""
    target = Path(path or db_path())
    key = str(init_db(target))
    conn = _take(key)
    db = Database(conn) if conn else connect(target)
    try:
        yield db
    finally:
        _give_back(key, db.conn)


def _take(key: str) -> sqlite3.Connection | None:
    with _idle_lock:
        for ident, (file, conn) in reversed(_idle.items()):  # the most recently used first
            if file == key:
                del _idle[ident]
                return conn
    return None


def _give_back(key: str, conn: sqlite3.Connection) -> None:
    """Reset `conn` and keep it idle; close it when that fails or the pool is full."""
    try:
        if conn.in_transaction:
            conn.rollback()
        conn.execute("PRAGMA query_only = OFF")  # app_ui.session.conn makes idle sessions read-only
    except sqlite3.Error:
        conn.close()
        return
    with _idle_lock:
        _idle[id(conn)] = (key, conn)
        while len(_idle) > POOL_SIZE:
            _, (_, oldest) = _idle.popitem(last=False)
            oldest.close()


def close_idle() -> None:
    """Close every idle pooled connection (a database file replaced or removed, tests)."""
    with _idle_lock:
        conns = [conn for _, conn in _idle.values()]
        _idle.clear()
    for conn in conns:
        conn.close()


@contextmanager
def write(db: Database) -> Iterator[Database]:
    """A write transaction that takes the write lock at once (BEGIN IMMEDIATE).

    Checks and writes inside it see a stable database: two writers never both pass a check such
    as "a seat is free". Nested sqlite-utils writes become savepoints.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def migration_sets() -> list[Migrations]:
    """All migration sets in jep/schema/, in their declared order."""
    import jep.store.schema as pkg

    modules = [
        importlib.import_module(f"{pkg.__name__}.{m.name}")
        for m in pkgutil.iter_modules(pkg.__path__)
    ]
    modules.sort(key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
    return [m.migrations for m in modules]


def migrate(db: Database) -> None:
    """Apply every pending migration (safe to call any number of times)."""
    for mig in migration_sets():
        mig.apply(db)


def init_db(path: Path | str | None = None) -> Path:
    """Create the database file if needed, switch on WAL and apply migrations (once a process)."""
    target = Path(path or db_path())
    key = str(target.resolve())
    if key in _initialised:
        return target
    with _init_lock:
        if key in _initialised:
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        db = connect(target)
        try:
            db.conn.execute("PRAGMA journal_mode = WAL")
            migrate(db)
            from jep.reference.catalog import catalog
            from jep.reference.municipalities import sync_municipalities

            sync_municipalities(db, catalog())
        finally:
            db.close()
        _initialised.add(key)
    return target


def forget_initialised() -> None:
    """Tests: make the next open_db() initialise again (e.g. after deleting a file), on new
    connections."""
    _initialised.clear()
    close_idle()


def last_id(cur: sqlite3.Cursor) -> int:
    """The rowid of the row an INSERT just made."""
    if cur.lastrowid is None:
        raise RuntimeError("no row was inserted")
    return cur.lastrowid


def get_meta(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_meta(db: Database, key: str, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM meta WHERE key = ?", [key])
    else:
        db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def health(path: Path | str | None = None) -> dict[str, object]:
    """For monitoring (`/healthz`): does the database answer, and is every migration applied?

    Read-only: opens the file without creating it and counts pending migrations. `ok` is True
    only when both hold; nothing about the data is reported."""
    target = Path(path or db_path())
    if not target.is_file():
        return {"ok": False, "database": "ontbreekt", "pending_migrations": None}
    try:
        conn = sqlite3.connect(target.resolve().as_uri() + "?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return {"ok": False, "database": "onbereikbaar", "pending_migrations": None}
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        pending = sum(len(m.pending(Database(conn))) for m in migration_sets())
    except sqlite3.Error:
        return {"ok": False, "database": "onbereikbaar", "pending_migrations": None}
    finally:
        conn.close()
    return {"ok": pending == 0, "database": "ok", "pending_migrations": pending}
