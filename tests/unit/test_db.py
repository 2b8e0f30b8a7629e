import sqlite3

import pytest

from jep.store import db


def test_fresh_database_has_schema_wal_and_foreign_keys(conn):
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM municipalities").fetchone()[0] == 342
    for table in ("workshops", "intakes", "invites", "staff", "audit_log", "meta"):
        assert conn[table].exists(), table


def test_migrations_applied_twice_change_nothing(db_file):
    d = db.connect(db_file)
    before = d.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    db.migrate(d)
    db.migrate(d)
    assert d.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == before
    db.forget_initialised()
    db.init_db(db_file)  # a second start of the application
    assert d.execute("SELECT count(*) FROM municipalities").fetchone()[0] == 342
    d.close()


def test_default_path_is_data_folder(monkeypatch):
    monkeypatch.delenv("JEP_DB", raising=False)
    assert db.db_path() == db.DEFAULT_DB
    assert db.db_path().parent.name == "data"


def test_foreign_keys_enforced(conn):
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO workshops(municipality_code, requested_at, updated_at) "
            "VALUES ('GM9999', 'x', 'x')"
        )


def test_write_rolls_back_on_error(conn):
    with pytest.raises(RuntimeError), db.write(conn):
        db.set_meta(conn, "probe", "1")
        raise RuntimeError("boom")
    assert db.get_meta(conn, "probe") is None


def test_audit_rows_cannot_be_changed(conn):
    from jep.store import audit

    audit.record(conn, "tester", "iets gedaan")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        conn.execute("UPDATE audit_log SET actor = 'ander'")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be deleted"):
        conn.execute("DELETE FROM audit_log")
