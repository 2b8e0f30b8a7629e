import pytest

from jep import auth


def test_hash_is_salted_and_verifies():
    h1, h2 = auth.hash_password("correct horse"), auth.hash_password("correct horse")
    assert h1 != h2 and h1.startswith("scrypt$")
    assert auth.verify_password("correct horse", h1)
    assert not auth.verify_password("wrong horse", h1)
    assert not auth.verify_password("x", "garbage")


def test_first_start_creates_admin_with_one_time_password(conn):
    conn.execute("DELETE FROM staff")
    one_time = auth.ensure_admin(conn)
    assert one_time and len(one_time) >= 12
    user = auth.authenticate(conn, "admin", one_time, delay=0)
    assert user.role == "admin" and user.must_change_password
    assert auth.ensure_admin(conn) is None  # never a second time


def test_env_password_sets_admin(conn):
    conn.execute("DELETE FROM staff")
    assert auth.ensure_admin(conn, "een-eigen-wachtwoord") is None
    assert not auth.authenticate(
        conn, "admin", "een-eigen-wachtwoord", delay=0
    ).must_change_password


def test_wrong_password_and_growing_delay(conn):
    auth.create_staff(conn, "mira", "lang-genoeg-wachtwoord")
    for _ in range(4):
        with pytest.raises(auth.SigninError, match="klopt niet"):
            auth.authenticate(conn, "mira", "fout", delay=0, address="10.0.0.1")
    assert auth.authenticate(conn, "mira", "lang-genoeg-wachtwoord", delay=0, address="10.0.0.1")
    for _ in range(5):  # from another address: five free failures, then a wait
        with pytest.raises(auth.SigninError, match="klopt niet"):
            auth.authenticate(conn, "mira", "fout", delay=0, address="10.0.0.2")
    with pytest.raises(auth.SigninThrottled, match="Te veel mislukte pogingen") as refused:
        auth.authenticate(conn, "mira", "lang-genoeg-wachtwoord", delay=0, address="10.0.0.2")
    assert 28 <= refused.value.wait_seconds <= 30  # the first wait: 30 s
    # the owner's own address is not slowed down by failures from elsewhere
    assert auth.authenticate(conn, "mira", "lang-genoeg-wachtwoord", delay=0, address="10.0.0.1")
    actions = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE actor = 'mira'")]
    assert actions.count("aanmelding mislukt") == 9


def test_unknown_user_is_refused_the_same_way(conn):
    with pytest.raises(auth.SigninError, match="Gebruikersnaam of wachtwoord klopt niet"):
        auth.authenticate(conn, "niemand", "x", delay=0)


def test_create_staff_validates(conn):
    with pytest.raises(ValueError, match="minstens 10"):
        auth.create_staff(conn, "kort", "kort")
    with pytest.raises(ValueError, match="letters, cijfers"):
        auth.create_staff(conn, "met spatie", "lang-genoeg-wachtwoord")
    auth.create_staff(conn, "jan", "lang-genoeg-wachtwoord")
    with pytest.raises(ValueError, match="bestaat al"):
        auth.create_staff(conn, "JAN", "lang-genoeg-wachtwoord")


def test_change_password(conn):
    auth.create_staff(conn, "mira", "lang-genoeg-wachtwoord", must_change=True)
    with pytest.raises(ValueError, match="huidige wachtwoord klopt niet"):
        auth.change_password(conn, "mira", "fout", "nieuw-wachtwoord-1")
    auth.change_password(conn, "mira", "lang-genoeg-wachtwoord", "nieuw-wachtwoord-1")
    user = auth.authenticate(conn, "mira", "nieuw-wachtwoord-1", delay=0)
    assert not user.must_change_password


def test_cli_add_staff(db_file, capsys, monkeypatch):
    import io

    from jep.__main__ import main

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["add-staff", "noor"]) == 0
    out = capsys.readouterr().out
    assert "Eenmalig wachtwoord" in out
    password = out.split("Eenmalig wachtwoord: ")[1].split()[0]
    from jep.store import db

    with db.open_db(db_file) as d:
        assert auth.authenticate(d, "noor", password, delay=0).must_change_password
    monkeypatch.setattr("sys.stdin", io.StringIO("een-goed-wachtwoord\n"))
    assert main(["add-staff", "piet", "--admin", "--password-stdin"]) == 0
    assert main(["add-staff", "piet"]) == 1


def test_cli_init_prints_the_one_time_password_once(tmp_path, capsys, monkeypatch):
    from jep.__main__ import main
    from jep.store import db

    monkeypatch.setenv("JEP_DB", str(tmp_path / "nieuw.db"))
    monkeypatch.delenv("JEP_ADMIN_PASSWORD", raising=False)
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "nieuw.db").exists() and "Eenmalig wachtwoord" in out
    password = out.split("Eenmalig wachtwoord: ")[1].split()[0]
    with db.open_db(tmp_path / "nieuw.db") as d:
        assert auth.authenticate(d, "admin", password, delay=0).must_change_password
    assert main(["init"]) == 0
    assert "Eenmalig wachtwoord" not in capsys.readouterr().out
