"""Backups: a consistent copy of the live database, and bringing one back after checking it.

`backup` uses SQLite's online backup API (`sqlite3.Connection.backup`), so the copy is consistent
even while the application keeps writing. `restore` checks the file first (it opens, passes
`PRAGMA integrity_check`, is a JEP database and not from a newer version of the application),
saves the current database next to it as `<db>.before-restore-<time>`, and then copies the backup
into the live file with the same backup API, which takes SQLite's locks like any other writer:
connections of a running application see the restored data on their next read. The restored
write counters (`jep.store.stamps`) are set past the replaced ones, so the application's caches
never answer with figures of the data that was replaced.

Every backup records the application version that made it (`version_of`); `rotate` keeps the
newest N backups of a folder (the nightly timer in deploy/ uses it).
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from jep.errors import UserError
from jep.store import audit, db, stamps

REQUIRED_TABLES = ("_sqlite_migrations", "workshops", "intakes", "audit_log", "staff")
META_VERSION = "backup_app_version"
META_MADE = "backup_made_at"


class BackupError(UserError):
    """A backup or restore was refused; the message is Dutch and safe to show."""


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _copy(src: sqlite3.Connection, target: Path) -> None:
    """Copy `src` into a fresh file at `target` (written beside it, then moved into place)."""
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    dst = sqlite3.connect(str(tmp))
    try:
        src.backup(dst)  # one step: a consistent snapshot; WAL writers are not blocked
        dst.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
    finally:
        dst.close()
    os.replace(tmp, target)


def backup(
    target: Path | str, source: Path | str | None = None, actor: str = "opdrachtregel"
) -> Path:
    """Write a consistent copy of the database (default: the live one) to `target`."""
    source = Path(source or db.db_path())
    target = Path(target)
    if not source.exists():
        raise BackupError(f"Er is geen database op {source}.")
    if target.resolve() == source.resolve():
        raise BackupError("Het doelbestand is de database zelf; kies een ander bestand.")
    if target.is_dir():
        target = target / f"jep-backup-{_stamp()}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(source), timeout=30)
    try:
        _copy(src, target)
    finally:
        src.close()
    _stamp_version(target)
    problem = check(target)
    if problem:
        raise BackupError(f"De kopie is niet in orde: {problem}")
    with db.open_db(source) as d:
        audit.record(d, actor, "backup gemaakt", "database", None, {"bestand": str(target)})
    return target


def _stamp_version(path: Path) -> None:
    """Write the application's version and the moment into the copy (meta table)."""
    from jep import __version__

    conn = sqlite3.connect(str(path))
    try:
        with conn:
            for key, value in (
                (META_VERSION, __version__),
                (META_MADE, datetime.now(UTC).isoformat(timespec="seconds")),
            ):
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )
    finally:
        conn.close()


def version_of(path: Path | str) -> str | None:
    """The application version that made a backup (None for backups made before 0.2.0)."""
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", [META_VERSION]).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return row[0] if row else None


def rotate(folder: Path | str, keep: int) -> list[Path]:
    """Delete all but the `keep` newest `jep-backup-*.db` files in `folder`; returns the deleted."""
    if keep < 1:
        raise BackupError("Bewaar minstens één backup (--keep 1 of meer).")
    found = sorted(Path(folder).glob("jep-backup-*.db"), key=lambda p: p.name, reverse=True)
    gone = found[keep:]
    for old in gone:
        old.unlink()
    return gone


def check(path: Path | str) -> str | None:
    """Why `path` is not a usable JEP database (Dutch), or None when it is."""
    path = Path(path)
    if not path.is_file():
        return f"bestand {path} bestaat niet"
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            return "dit is geen SQLite-database"
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return f"de database opent niet ({exc})"
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            return "PRAGMA integrity_check meldt fouten: " + "; ".join(result[:5])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            return (
                "dit is geen database van deze applicatie (ontbreekt: " + ", ".join(missing) + ")"
            )
        applied = set(conn.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall())
    except sqlite3.Error as exc:
        return f"de database is niet leesbaar ({exc})"
    finally:
        conn.close()
    if ("jep-core", "m001_core_tables") not in applied:
        return "dit is geen database van deze applicatie (migratie jep-core ontbreekt)"
    known = {(m.name, mig.name) for m in db.migration_sets() for mig in m._migrations}
    unknown = sorted(applied - known)
    if unknown:
        names = ", ".join(f"{s}/{n}" for s, n in unknown[:5])
        return f"de backup komt van een nieuwere versie van de applicatie (onbekend: {names})"
    return None


def restore(
    source: Path | str, target: Path | str | None = None, actor: str = "opdrachtregel"
) -> Path | None:
    """Replace the database (default: the live one) with the backup `source`, after checking it.

    Returns the path of the safety copy of the database as it was before (None when there was
    no database yet).
    """
    source, target = Path(source), Path(target or db.db_path())
    problem = check(source)
    if problem:
        raise BackupError(f"Terugzetten geweigerd: {problem}.")
    if target.exists() and source.resolve() == target.resolve():
        raise BackupError("De backup is de database zelf; er valt niets terug te zetten.")
    safety: Path | None = target.with_name(f"{target.name}.before-restore-{_stamp()}")
    seen: dict[str, int] = {}
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    staged = target.with_name(f"{target.name}.restoring")
    try:
        if target.exists():
            live = sqlite3.connect(str(target), timeout=30)
            try:
                seen = _counters(live)
                _copy(live, safety)  # type: ignore[arg-type]  # set above, None only below
                # The backup goes in with its counters already past the replaced ones and a new
                # generation: a restore stopped after this step (a migration below fails, the
                # command is interrupted) leaves nothing a running application kept to return.
                _copy(src, staged)
                ready = sqlite3.connect(str(staged))
                try:
                    _wind_forward(ready, seen)
                    ready.commit()
                    # The backup API writes into the live file under SQLite's own locks, so a
                    # running application never sees a half-restored database.
                    ready.backup(live)
                finally:
                    ready.close()
            finally:
                live.close()
        else:
            safety = None
            _copy(src, target)
    finally:
        src.close()
        staged.unlink(missing_ok=True)
    db.forget_initialised()  # the restored file may need newer migrations: apply them
    with db.open_db(target) as d:
        with db.write(d):  # again, for a backup from before the counters (now migrated)
            _wind_forward(d.conn, seen)
        audit.record(d, actor, "backup teruggezet", "database", None, {"bestand": str(source)})
    return safety


def _wind_forward(conn: sqlite3.Connection, seen: dict[str, int]) -> None:
    """In a backup about to be restored: the write counters past `seen` (those of the database
    it replaces) and a new generation (`jep.store.stamps.generation`). A backup of a version
    without these tables is left as it is (the step after the migrations sets them)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "dashboard_version" in tables:
        for name, n in conn.execute("SELECT name, n FROM dashboard_version").fetchall():
            conn.execute(
                "UPDATE dashboard_version SET n = ? WHERE name = ?",
                [max(n, seen.get(name, 0)) + 1, name],
            )
    if "meta" in tables:
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [stamps.GENERATION_KEY, secrets.token_hex(8)],
        )


def _counters(conn: sqlite3.Connection) -> dict[str, int]:
    """The write counters (`jep.store.stamps`) of a database, before it is restored over. The
    restored ones are set past them: counters that went back would reach values again that the
    running application's caches hold the figures of the replaced data for."""
    try:
        return dict(conn.execute("SELECT name, n FROM dashboard_version").fetchall())
    except sqlite3.OperationalError:  # a database from before the counters
        return {}
