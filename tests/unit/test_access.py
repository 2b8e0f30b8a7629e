"""Staff sessions, sign-in throttling and single sign-on (jep/access, jep/auth)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from jep import auth
from jep.access import sessions, sso, throttle
from jep.store import audit, db

PASSWORD = "lang-genoeg-wachtwoord"


def _count_checks(monkeypatch) -> list[str]:
    """Record every password check (the stored hash it was checked against)."""
    checked: list[str] = []
    real = auth.verify_password

    def spy(password: str, stored: str) -> bool:
        checked.append(stored)
        return real(password, stored)

    monkeypatch.setattr(auth, "verify_password", spy)
    return checked


# ---------------------------------------------------------------- throttling


def test_fifty_guesses_at_once_check_at_most_five_passwords(db_file, monkeypatch):
    """Issue 18.1: the count is decided before any password is checked, in one transaction."""
    with db.open_db(db_file) as d:
        auth.create_staff(d, "mira", PASSWORD)
    checked = _count_checks(monkeypatch)
    results: list[str] = []
    start = threading.Barrier(50)

    def guess(i: int) -> None:
        with db.open_db(db_file) as d:
            start.wait()
            try:
                auth.authenticate(d, "mira", f"gok-{i:04d}-xx", delay=0, address="203.0.113.5")
            except auth.SigninThrottled:
                results.append("wait")
            except auth.SigninError:
                results.append("wrong")

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(checked) == 5
    assert results.count("wrong") == 5 and results.count("wait") == 45
    with db.open_db(db_file) as d:
        assert audit.count(d, action="aanmelding mislukt") == 5  # one row per checked guess


def test_delays_grow_and_reset(conn):
    auth.create_staff(conn, "mira", PASSWORD)
    t = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def attempt(password: str, seconds: float) -> None:
        auth.authenticate(
            conn, "mira", password, delay=0, address="a", now=t + timedelta(seconds=seconds)
        )

    for _ in range(5):
        with pytest.raises(auth.SigninError, match="klopt niet"):
            attempt("fout", 0)
    with pytest.raises(auth.SigninThrottled) as w:  # even the right password waits
        attempt(PASSWORD, 10)
    assert w.value.wait_seconds == 20
    with pytest.raises(auth.SigninError, match="klopt niet"):  # after the wait: one more guess
        attempt("fout", 31)
    with pytest.raises(auth.SigninThrottled) as w:  # and then twice as long
        attempt(PASSWORD, 32)
    assert w.value.wait_seconds == 59
    lim = throttle.limits()
    assert throttle.delay_after(30, 5, lim) == timedelta(minutes=lim.max_delay_minutes)
    attempt(PASSWORD, 31 + 61 * 60)  # an hour without failures: the counts start again


def test_nobody_can_lock_the_owner_out(conn):
    """Failures from elsewhere slow down only other addresses, not one that signed in before."""
    auth.create_staff(conn, "beheer", PASSWORD, role="admin")
    auth.authenticate(conn, "beheer", PASSWORD, delay=0, address="kantoor")
    for i in range(8):
        with pytest.raises(auth.SigninError):
            auth.authenticate(conn, "beheer", "fout", delay=0, address=f"aanvaller-{i % 2}")
    with pytest.raises(auth.SigninThrottled):
        auth.authenticate(conn, "beheer", PASSWORD, delay=0, address="nieuw-adres")
    assert auth.authenticate(conn, "beheer", PASSWORD, delay=0, address="kantoor")


def test_one_address_guessing_many_names_is_slowed_down(conn, monkeypatch):
    checked = _count_checks(monkeypatch)
    refused = 0
    t = datetime(2026, 12, 1, 9, 31, tzinfo=UTC)  # one quarter of an hour: one summary
    for i in range(1000):  # a bounded loop of many "users" from one address
        try:
            auth.authenticate(conn, f"naam{i}", "fout", delay=0, address="198.51.100.7", now=t)
        except auth.SigninThrottled:
            refused += 1
        except auth.SigninError:
            pass
    assert len(checked) == throttle.limits().address_max_failures == 20
    assert refused == 980
    # no audit row per attempt: the unknown names and refusals go into one summary row
    assert audit.count(conn) == 0
    assert throttle.flush_summaries(conn, t + timedelta(minutes=16)) == 1
    row = audit.entries(conn).iloc[0]
    assert row["action"] == throttle.SUMMARY_ACTION and row["actor"] == "anoniem"
    assert '"mislukt (onbekende naam)": 20' in row["detail"]
    assert '"geweigerd (te veel pogingen)": 980' in row["detail"]
    assert "naam1" not in row["detail"] and "198.51" not in row["detail"]


def test_unknown_names_are_checked_against_a_dummy_hash(conn, monkeypatch):
    """Issue 18.8: an unknown name takes as long as a known one (no scrypt skipped)."""
    checked = _count_checks(monkeypatch)
    with pytest.raises(auth.SigninError, match="klopt niet"):
        auth.authenticate(conn, "bestaat-niet", "fout", delay=0)
    assert len(checked) == 1 and checked[0].startswith("scrypt$")


def test_switched_off_account_is_refused_like_a_wrong_password(conn):
    auth.create_staff(conn, "mira", PASSWORD)
    conn.execute("UPDATE staff SET active = 0")
    with pytest.raises(auth.SigninError, match="klopt niet"):
        auth.authenticate(conn, "mira", PASSWORD, delay=0)


def test_names_and_addresses_are_stored_only_as_hashes(conn):
    with pytest.raises(auth.SigninError):
        auth.authenticate(conn, "Geheime.Naam", "fout", delay=0, address="192.0.2.44")
    keys = " ".join(r[0] for r in conn.execute("SELECT key FROM signin_throttle"))
    assert "geheime" not in keys.lower() and "192.0.2" not in keys


def test_reset_password_lifts_the_delay(conn):
    auth.ensure_admin(conn, PASSWORD)
    auth.create_staff(conn, "mira", PASSWORD)
    for _ in range(5):
        with pytest.raises(auth.SigninError):
            auth.authenticate(conn, "mira", "fout", delay=0, address="x")
    assert auth.list_staff(conn)[1]["locked"]
    new = auth.reset_password(conn, "mira", "admin")
    assert not auth.list_staff(conn)[1]["locked"]
    assert auth.authenticate(conn, "mira", new, delay=0, address="x").must_change_password


# ---------------------------------------------------------------- sessions


def _session(conn, name: str = "mira", role: str = "staff") -> tuple[auth.Staff, str]:
    staff = auth.get_staff(conn, name) or auth.create_staff(conn, name, PASSWORD, role=role)
    token = sessions.new_token()
    sessions.create(conn, staff.id, "password", token, device="Firefox · Linux")
    return staff, token


def test_only_the_hash_of_the_session_id_is_stored(conn):
    _, token = _session(conn)
    stored = conn.execute("SELECT token_hash FROM staff_sessions").fetchone()[0]
    assert token not in stored and stored == sessions.token_hash(token)
    assert len(token) >= 43


def test_session_states(conn):
    staff, token = _session(conn)
    now = datetime.now(UTC)
    assert sessions.check(conn, token).active
    assert sessions.check(conn, "vervalst-" + token).status == "unknown"
    assert sessions.check(conn, None).status == "unknown"
    assert sessions.check(conn, "x" * 5000).status == "unknown"
    idle = now + timedelta(minutes=61)
    assert sessions.check(conn, token, now=idle).status == "idle"
    assert sessions.revive(conn, sessions.check(conn, token).user.session_id, now=idle)
    assert sessions.check(conn, token, now=idle + timedelta(minutes=1)).active
    assert sessions.check(conn, token, now=now + timedelta(hours=12, seconds=1)).status == (
        "expired"
    )


def test_a_session_is_touched_at_most_once_a_minute(conn):
    _, token = _session(conn)
    first = conn.execute("SELECT last_seen_at FROM staff_sessions").fetchone()[0]
    sessions.check(conn, token)
    assert conn.execute("SELECT last_seen_at FROM staff_sessions").fetchone()[0] == first
    later = datetime.now(UTC) + timedelta(minutes=5)
    sessions.check(conn, token, now=later)
    assert conn.execute("SELECT last_seen_at FROM staff_sessions").fetchone()[0] > first


def test_password_reset_revokes_every_session(conn):
    """Issue 18.6: sessions after a password reset no longer work."""
    auth.ensure_admin(conn, PASSWORD)
    _, one = _session(conn)
    _, two = _session(conn)
    auth.reset_password(conn, "mira", "admin")
    for token in (one, two):
        found = sessions.check(conn, token)
        assert found.status == "revoked" and found.reason == sessions.REVOKED_RESET
    sid = sessions.check(conn, one)
    assert not sid.active
    # and a revoked session never comes back, not even with the password
    row = conn.execute("SELECT id FROM staff_sessions LIMIT 1").fetchone()[0]
    assert not sessions.revive(conn, row)


def test_own_password_change_keeps_this_session_and_ends_the_others(conn):
    _, here = _session(conn)
    _, there = _session(conn)
    keep = sessions.check(conn, here).user.session_id
    auth.change_password(conn, "mira", PASSWORD, "nieuw-wachtwoord-1", keep_session=keep)
    assert sessions.check(conn, here).active
    assert sessions.check(conn, there).reason == sessions.REVOKED_PASSWORD


def test_switching_off_and_demoting_revoke_sessions(conn):
    auth.ensure_admin(conn, PASSWORD)
    _, staff_token = _session(conn)
    _, admin_token = _session(conn, "tweede", role="admin")
    auth.set_role(conn, "mira", "admin", "admin")  # promoted: keeps working
    assert sessions.check(conn, staff_token).active
    auth.set_role(conn, "tweede", "staff", "admin")
    assert sessions.check(conn, admin_token).reason == sessions.REVOKED_ROLE
    auth.set_active(conn, "mira", False, "admin")
    assert sessions.check(conn, staff_token).reason == sessions.REVOKED_DISABLED


def test_admin_lists_and_ends_sessions(conn):
    auth.ensure_admin(conn, PASSWORD)
    _, token = _session(conn)
    live = sessions.live(conn)
    assert [s["username"] for s in live] == ["mira"] and live[0]["device"] == "Firefox · Linux"
    with pytest.raises(auth.AccountError, match="beheerder"):
        auth.end_session(conn, live[0]["id"], "mira")
    auth.end_session(conn, live[0]["id"], "admin")
    assert sessions.check(conn, token).reason == sessions.REVOKED_ADMIN
    assert sessions.live(conn) == []
    assert audit.count(conn, action="sessie beëindigd") == 1


def test_old_sessions_are_purged(conn):
    staff, token = _session(conn)
    conn.execute("UPDATE staff_sessions SET expires_at = '2020-01-01T00:00:00+00:00'")
    conn.conn.commit()
    _session(conn)
    assert conn.execute("SELECT count(*) FROM staff_sessions").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        ("Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0 Safari/537.36", "Chrome · Linux"),
        ("Mozilla/5.0 (Windows NT 10.0) Gecko/20100101 Firefox/140.0", "Firefox · Windows"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18) Version/18 Mobile Safari/604.1",
            "Safari · iPhone",
        ),
        (None, "onbekende browser"),
        ("<script>", "onbekende browser"),
    ],
)
def test_device_label(agent, label):
    assert sessions.device_label(agent) == label


# ---------------------------------------------------------------- single sign-on


def test_sso_settings_from_secrets():
    base = {"redirect_uri": "https://x/oauth2callback", "cookie_secret": "s" * 32}
    assert sso.settings({}) is None
    assert sso.settings({"auth": {"redirect_uri": "x"}}) is None
    assert sso.settings({"auth": base}) is None  # no provider
    one = sso.settings({"auth": {**base, "client_id": "c"}})
    assert one == sso.SsoSettings(None, sso.DEFAULT_LABEL)
    named = {"auth": {**base, "microsoft": {"client_id": "c"}}, "sso": {"label": "Via Entra"}}
    assert sso.settings(named) == sso.SsoSettings("microsoft", "Via Entra")
    assert sso.settings({**named, "sso": {"provider": "onbekend"}}) is None


def test_sso_maps_a_verified_email_to_an_account(conn):
    auth.ensure_admin(conn, PASSWORD)
    auth.create_staff(conn, "anna", PASSWORD)
    with pytest.raises(auth.SigninError, match="hoort niet bij een medewerkersaccount"):
        auth.sso_signin(conn, "anna@platformjep.example", True)
    auth.set_email(conn, "anna", "Anna@PlatformJEP.example", "admin")
    assert auth.sso_signin(conn, "anna@platformjep.example", True).username == "anna"
    with pytest.raises(auth.SigninError):
        auth.sso_signin(conn, "anna@platformjep.example", False)  # not verified
    with pytest.raises(auth.SigninError, match="geen e-mailadres"):
        auth.sso_signin(conn, None, None)
    with pytest.raises(auth.AccountError, match="al gekoppeld"):
        auth.set_email(conn, "admin", "anna@platformjep.example", "admin")
    with pytest.raises(auth.AccountError, match="geldig e-mailadres"):
        auth.set_email(conn, "admin", "geen adres", "admin")
    auth.set_active(conn, "anna", False, "admin")
    with pytest.raises(auth.SigninError):
        auth.sso_signin(conn, "anna@platformjep.example", True)
    acts = set(audit.entries(conn)["action"])
    assert {"aangemeld (SSO)", "aanmelding via SSO geweigerd"} <= acts


def test_only_a_fresh_identity_token_opens_a_session():
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert sso.is_fresh(now.timestamp() - 60, now)
    assert not sso.is_fresh(now.timestamp() - 3600, now)
    assert not sso.is_fresh("geen getal", now)
    assert not sso.is_fresh(None, now)


def test_new_accounts_default_to_the_least_privileged_role():
    """Issue 17.5: a list of roles built from ROLES offers Medewerker first."""
    assert list(auth.ROLES)[0] == "staff"


# ---------------------------------------------------------------- health


def test_health(db_file, tmp_path):
    assert db.health(db_file) == {"ok": True, "database": "ok", "pending_migrations": 0}
    assert db.health(tmp_path / "nope.db")["ok"] is False
    with db.open_db(db_file) as d:
        d.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'jep-access'")
        d.conn.commit()
    state = db.health(db_file)
    assert state["ok"] is False and state["pending_migrations"] == 1
