"""Audit trail: rows cannot be changed, every kind of action is logged, filters, CSV export."""

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from support.server import ADMIN_PASSWORD

from jep import auth, demo
from jep.access import throttle
from jep.reference.catalog import catalog
from jep.store import audit
from jep.workshop import intake, invites, workshops


def _actions(conn) -> list[str]:
    return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY id")]


# ---------------------------------------------------------------- append-only


def test_audit_rows_cannot_be_updated(conn):
    audit.record(conn, "tester", "iets gedaan", "workshop", 1, {"a": 1})
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        conn.execute("UPDATE audit_log SET actor = 'iemand anders'")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        conn.execute("UPDATE audit_log SET at = '2000-01-01T00:00:00+00:00'")
    assert conn.execute("SELECT actor FROM audit_log").fetchall() == [("tester",)]


def test_recent_audit_rows_cannot_be_deleted(conn):
    audit.record(conn, "tester", "iets gedaan")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be deleted"):
        conn.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be deleted"):
        conn.execute("DELETE FROM audit_log WHERE actor = 'tester'")
    assert audit.count(conn) >= 1


def test_only_rows_older_than_a_year_can_be_deleted(conn):
    """Retention may remove old rows; the database itself refuses anything younger."""
    conn.execute(
        "INSERT INTO audit_log(at, actor, action) VALUES ('2020-01-01T00:00:00+00:00', 'x', 'oud')"
    )
    audit.log(conn, "x", "nieuw")
    conn.conn.commit()
    conn.execute("DELETE FROM audit_log WHERE action = 'oud'")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("DELETE FROM audit_log WHERE action = 'nieuw'")
    assert "nieuw" in _actions(conn) and "oud" not in _actions(conn)


def test_a_failed_transaction_leaves_no_audit_row(conn):
    """The audit row is written in the same transaction as the change it describes."""
    before = audit.count(conn)
    with pytest.raises(workshops.WorkshopError):
        workshops.create_request(conn, "GM9999", "tester")
    assert audit.count(conn) == before


# ---------------------------------------------------------------- coverage


def test_sign_in_failure_and_refusal_are_audited(conn):
    auth.ensure_admin(conn, ADMIN_PASSWORD)
    with pytest.raises(auth.SigninError):
        auth.authenticate(conn, "admin", "fout", delay=0)
    auth.authenticate(conn, "admin", ADMIN_PASSWORD, delay=0)
    for _ in range(5):
        with pytest.raises(auth.SigninError):
            auth.authenticate(conn, "admin", "fout", delay=0, address="192.0.2.9")
    with pytest.raises(auth.SigninThrottled):
        auth.authenticate(conn, "admin", ADMIN_PASSWORD, delay=0, address="192.0.2.9")
    acts = _actions(conn)
    assert acts.count("aanmelding mislukt") == 6
    assert "aangemeld" in acts
    row = conn.execute(
        "SELECT actor, entity, entity_id FROM audit_log WHERE action = 'aangemeld'"
    ).fetchone()
    assert row == ("admin", "staff", "admin")
    # the refused attempt is counted in the quarter-hour summary, one row once it is over
    later = datetime.now(UTC) + timedelta(minutes=16)
    assert throttle.flush_summaries(conn, later) == 1
    detail = conn.execute(
        "SELECT detail FROM audit_log WHERE action = ?", [throttle.SUMMARY_ACTION]
    ).fetchone()[0]
    assert '"geweigerd (te veel pogingen)": 1' in detail


def test_create_change_delete_link_and_export_are_audited(conn):
    cat = catalog()
    demo.seed_demo(conn, count=2)  # demo data goes only into a database without real workshops
    demo.remove_demo(conn)
    wid = workshops.create_request(conn, "GM0344", "anna")
    token = invites.issue(conn, wid, "anna")
    assert invites.resolve(conn, token, delay=0)
    answers = intake.empty_answers()
    answers["remarks"] = "graag in de ochtend"
    errors, version = intake.save(conn, wid, answers, 0, "gemeente:GM0344", cat, date.today())
    assert not errors
    intake.save_staff_notes(conn, wid, "gebeld", "anna")
    workshops.set_status(conn, wid, "gepland", "anna")
    invites.revoke(conn, wid, "anna")
    auth.create_staff(conn, "bram", "een-lang-wachtwoord", actor="admin")
    auth.change_password(conn, "bram", "een-lang-wachtwoord", "nog-een-lang-wachtwoord")
    audit.export_csv(conn, "anna")
    acts = _actions(conn)
    for expected in (
        "aanvraag aangemaakt",
        "link uitgegeven",
        "voorgesprek opgeslagen",
        "notities voorgesprek opgeslagen",
        "status gewijzigd",
        "link ingetrokken",
        "account aangemaakt",
        "wachtwoord gewijzigd",
        "demodata aangemaakt",
        "demodata verwijderd",
        "auditlog geëxporteerd",
    ):
        assert expected in acts, expected
    by_contact = conn.execute(
        "SELECT entity, entity_id FROM audit_log WHERE actor = 'gemeente:GM0344'"
    ).fetchall()
    assert by_contact == [("workshop", str(wid))]


# ---------------------------------------------------------------- filters


def _sample(conn) -> None:
    for actor, action, eid in (
        ("anna", "aangemeld", "anna"),
        ("bram", "aangemeld", "bram"),
        ("anna", "status gewijzigd", "7"),
        ("anna", "link uitgegeven", "8"),
    ):
        audit.record(conn, actor, action, "x", eid, {"gemeente": "GM0344_100%"})


def test_filters_by_actor_action_period_and_text(conn):
    _sample(conn)
    today = date.today().isoformat()
    assert set(audit.entries(conn, actor="anna")["action"]) == {
        "aangemeld",
        "status gewijzigd",
        "link uitgegeven",
    }
    assert list(audit.entries(conn, action="aangemeld")["actor"]) == ["bram", "anna"]
    assert audit.count(conn, actor="anna", action="aangemeld") == 1
    assert audit.count(conn, since=today, until=today) == audit.count(conn)
    assert audit.count(conn, until="2000-01-01") == 0
    assert audit.count(conn, since="2999-01-01") == 0
    assert audit.count(conn, search="100%") == 4  # LIKE wildcards are taken literally
    assert audit.count(conn, search="GM0344_1") == 4
    assert audit.count(conn, search="GM0344x1") == 0
    assert audit.count(conn, search="bram") == 1
    assert len(audit.entries(conn, limit=2)) == 2
    assert len(audit.entries(conn, limit=None)) == audit.count(conn)
    assert "bram" in audit.actors(conn) and "link uitgegeven" in audit.actions(conn)


def test_csv_export_is_audited_complete_and_formula_safe(conn):
    _sample(conn)
    audit.record(conn, '=HYPERLINK("http://x")', "aanmelding mislukt")  # typed by an attacker
    data = audit.export_csv(conn, "anna", actor=None)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    text = data.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == "at;actor;action;entity;entity_id;detail"
    assert len(lines) - 1 == audit.count(conn)  # every row, including the export itself
    assert "auditlog geëxporteerd" in lines[1]
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text
    last = audit.entries(conn, limit=1).iloc[0]
    assert (last["actor"], last["action"]) == ("anna", "auditlog geëxporteerd")


def test_csv_export_with_filters_records_them(conn):
    _sample(conn)
    text = audit.export_csv(conn, "bram", actor="anna", action="aangemeld").decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 2
    detail = audit.entries(conn, action="auditlog geëxporteerd").iloc[0]["detail"]
    assert '"actor": "anna"' in detail and '"action": "aangemeld"' in detail


# ---------------------------------------------------------------- screen
