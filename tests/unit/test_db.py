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


# ---------------------------------------------------------------- the pool of idle connections


def test_a_connection_is_used_again_after_its_unit_of_work(db_file):
    with db.open_db(db_file) as d:
        first = d.conn
    with db.open_db(db_file) as d:
        assert d.conn is first
        assert d.execute("SELECT count(*) FROM municipalities").fetchone()[0] == 342


def test_two_units_of_work_at_once_get_two_connections(db_file):
    with db.open_db(db_file) as a, db.open_db(db_file) as b:
        assert a.conn is not b.conn


def test_a_connection_comes_back_without_its_open_transaction_and_writable(db_file):
    with db.open_db(db_file) as d:
        d.conn.execute("BEGIN IMMEDIATE")
        d.execute("INSERT INTO meta(key, value) VALUES ('pool-test', 'niet bewaard')")
        d.conn.execute("PRAGMA query_only = ON")
        used = d.conn
    with db.open_db(db_file) as d:
        assert d.conn is used
        assert not d.conn.in_transaction
        assert d.execute("SELECT count(*) FROM meta WHERE key = 'pool-test'").fetchone()[0] == 0
        d.execute("INSERT INTO meta(key, value) VALUES ('pool-test', 'bewaard')")  # writable
        d.conn.commit()
    # nothing else saw the write that was never committed, and the file is not locked
    with db.open_db(db_file) as a, db.open_db(db_file) as b, db.write(b):
        row = a.execute("SELECT value FROM meta WHERE key = 'pool-test'").fetchone()
        assert row[0] == "bewaard"


def test_a_closed_connection_is_not_kept(db_file):
    with db.open_db(db_file) as d:
        d.conn.close()
    with db.open_db(db_file) as d:  # a new one: the closed one was dropped
        assert d.execute("SELECT 1").fetchone()[0] == 1


def test_at_most_pool_size_idle_connections_over_all_files(tmp_path, monkeypatch):
    files = [tmp_path / f"db{i}.sqlite" for i in range(db.POOL_SIZE + 3)]
    for f in files:
        with db.open_db(f):
            pass
    assert len(db._idle) == db.POOL_SIZE
    db.forget_initialised()  # closes the idle ones: a file may be deleted and made again
    assert len(db._idle) == 0
