import time
from datetime import UTC, datetime, timedelta

from jep.workshop import invites, workshops


def _workshop(conn, code="GM0344"):
    return workshops.create_request(conn, code, "tester")


def test_token_is_long_random_and_only_its_hash_is_stored(conn, db_file):
    wid = _workshop(conn)
    token = invites.issue(conn, wid, "tester")
    assert len(token) >= 43  # 32 bytes urlsafe base64 = 256 bits
    stored = [r[0] for r in conn.execute("SELECT token_hash FROM invites")]
    assert stored == [invites.hash_token(token)] and token not in stored
    conn.execute("PRAGMA wal_checkpoint(FULL)")
    assert token.encode() not in db_file.read_bytes()


def test_resolve_scopes_to_its_workshop(conn):
    a = _workshop(conn, "GM0344")
    b = _workshop(conn, "GM0014")
    ta, tb = invites.issue(conn, a, "t"), invites.issue(conn, b, "t")
    ia, ib = invites.resolve(conn, ta, delay=0), invites.resolve(conn, tb, delay=0)
    assert (ia.workshop_id, ia.municipality_name) == (a, "Utrecht")
    assert (ib.workshop_id, ib.municipality_name) == (b, "Groningen")


def test_unknown_revoked_expired_and_wrong_purpose(conn):
    wid = _workshop(conn)
    assert invites.resolve(conn, "x" * 43, delay=0) is None
    assert invites.resolve(conn, None, delay=0) is None
    token = invites.issue(conn, wid, "t")
    assert invites.resolve(conn, token, purpose="evaluatie", delay=0) is None
    invites.revoke(conn, wid, "t")
    assert invites.resolve(conn, token, delay=0) is None
    token = invites.issue(conn, wid, "t")
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="seconds")
    conn.execute("UPDATE invites SET expires_at = ? WHERE revoked_at IS NULL", [past])
    conn.conn.commit()
    assert invites.resolve(conn, token, delay=0) is None


def test_reissue_revokes_the_old_link(conn):
    wid = _workshop(conn)
    old = invites.issue(conn, wid, "t")
    new = invites.issue(conn, wid, "t")
    assert invites.resolve(conn, old, delay=0) is None
    assert invites.resolve(conn, new, delay=0).workshop_id == wid


def test_expiry_default_and_env(conn, monkeypatch):
    wid = _workshop(conn)
    invites.issue(conn, wid, "t")
    link = invites.active_link(conn, wid)
    days = (datetime.fromisoformat(link["expires_at"]) - datetime.now(UTC)).days
    assert days in (29, 30)
    monkeypatch.setenv("JEP_INVITE_DAYS", "7")
    assert invites.expiry_days() == 7


def test_wrong_token_is_slow(conn):
    start = time.perf_counter()
    assert invites.resolve(conn, "y" * 43, delay=0.2) is None
    assert time.perf_counter() - start >= 0.2
