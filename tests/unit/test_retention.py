"""Retention periods: the policy file, each kind of moment, the daily job, the audit log purge."""

import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest

from jep import auth, demo
from jep.dates import add_months
from jep.privacy import retention
from jep.reference.toml import DATA_DIR, CatalogError
from jep.store import audit, db
from jep.workshop import invites, workshops

ROOT = Path(__file__).resolve().parents[2]
TODAY = date.today()
CONTACT = {"name": "Fenna Boer", "role": "OOV", "email": "fenna@gemeente.nl", "phone": "0612345678"}


def _workshop(conn, code="GM0344", contact=CONTACT, notes="") -> int:
    wid = workshops.create_request(conn, code, "tester")
    answers = {"contact": dict(contact), "remarks": "Graag in de ochtend."}
    conn.execute(
        "UPDATE intakes SET answers = ?, staff_notes = ? WHERE workshop_id = ?",
        [json.dumps(answers), notes, wid],
    )
    conn.conn.commit()
    return wid


def _answers(conn, wid) -> dict:
    row = conn.execute("SELECT answers FROM intakes WHERE workshop_id = ?", [wid]).fetchone()
    return json.loads(row[0])


def _set_status_long_ago(conn, wid, status, when: str) -> None:
    """A status reached before the audit log knew it: the workshop's updated_at is the moment."""
    conn.execute(
        "UPDATE workshops SET status = ?, updated_at = ? WHERE id = ?", [status, when, wid]
    )
    conn.conn.commit()


def _retention_settled() -> None:
    """Wait for the application's background retention job (started at sign-in) to finish."""
    for thread in threading.enumerate():
        if thread.name == "jep-retention":
            thread.join(timeout=30)


# ---------------------------------------------------------------- policy file


def test_shipped_policy_is_valid_and_every_rule_runs_here(conn):
    pol = retention.load_policy()
    assert pol.audit_keep_years >= 1
    ids = {r.id for r in pol.rules}
    assert {"voorgesprek-contact", "deelnemers", "evaluatie-open-antwoorden"} <= ids
    rows = retention.status(conn)
    assert rows[-1]["regel"] == "auditlog"
    skipped = {r["regel"]: r["werkt"] for r in rows if r["werkt"] != "ja"}
    assert not skipped, skipped  # a skipped rule here means a table or column was renamed


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    target = tmp_path / "retention.toml"
    shutil.copy(DATA_DIR / "retention.toml", target)
    return target


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.replace("keep_years = 5", "keep_years = 0"), r"keep_years.*≥ 1"),
        (lambda s: s.replace("months = 12", "months = 12\ndays = 3", 1), "precies één"),
        (lambda s: s.replace('after = "geannuleerd"', 'after = "ooit"', 1), "'after' moet"),
        (lambda s: s.replace('table = "intakes"', 'table = "intakes; DROP"', 1), "tabel- of"),
        (lambda s: s.replace("months = 12", "month = 12", 1), "onbekende sleutel"),
        (lambda s: s + '\n[[rule]]\nid = "deelnemers"\ntitle = "x"\n', "'deelnemers'"),
        (lambda s: s.replace("[audit_log]", "[auditlog]"), r"\[audit_log\]"),
        (lambda s: s + "\n[[rule]\n", "geen geldige TOML"),
    ],
)
def test_broken_policy_names_file_and_entry(policy_file, change, message):
    policy_file.write_text(change(policy_file.read_text()))
    with pytest.raises(CatalogError, match=message) as err:
        retention.load_policy(policy_file)
    assert "retention.toml" in str(err.value)


def test_add_months_clamps_the_day():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 12) == date(2027, 11, 30)
    assert add_months(date(2024, 2, 29), -12) == date(2023, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


# ---------------------------------------------------------------- the moments


def test_contact_erased_twelve_months_after_the_report_was_sent(conn):
    wid = _workshop(conn)
    other = _workshop(conn, "GM0014")  # report not sent: kept
    workshops.set_status(conn, wid, "verslag verstuurd", "tester")  # audited today
    assert retention.apply(conn, add_months(TODAY, 12) - timedelta(days=1)) == []
    assert _answers(conn, wid)["contact"] == CONTACT
    preview = retention.apply(conn, add_months(TODAY, 12), dry_run=True)
    assert [(e.rule, e.count, e.ids) for e in preview] == [("voorgesprek-contact", 1, (wid,))]
    assert _answers(conn, wid)["contact"] == CONTACT  # a dry run changes nothing
    done = retention.apply(conn, add_months(TODAY, 12))
    assert [(e.rule, e.count) for e in done] == [("voorgesprek-contact", 1)]
    answers = _answers(conn, wid)
    assert answers["contact"] == {"name": "", "role": "", "email": "", "phone": ""}
    assert answers["remarks"] == "Graag in de ochtend."  # only what the rule names
    assert _answers(conn, other)["contact"] == CONTACT
    row = audit.entries(conn, action="bewaartermijn toegepast").iloc[0]
    assert row["actor"] == "systeem"
    assert json.loads(row["detail"]) == {
        "regel": "voorgesprek-contact",
        "aantal": 1,
        "rijen": [wid],
    }
    assert retention.apply(conn, add_months(TODAY, 12)) == []  # nothing left to erase


def test_moment_falls_back_to_the_workshops_last_change(conn):
    wid = _workshop(conn, notes="Gebeld met de contactpersoon.")
    _set_status_long_ago(conn, wid, "verslag verstuurd", "2024-03-01T10:00:00+00:00")
    done = {e.rule for e in retention.apply(conn, TODAY)}
    assert done == {"voorgesprek-contact", "notities-voorgesprek"}  # 12 and 24 months
    assert conn.execute("SELECT staff_notes FROM intakes").fetchone()[0] == ""


def test_cancelled_workshop_contact_erased_after_six_months(conn):
    wid = _workshop(conn)
    _set_status_long_ago(conn, wid, "geannuleerd", "2026-01-15")
    done = retention.apply(conn, date(2026, 7, 15))
    assert [e.rule for e in done] == ["voorgesprek-contact-geannuleerd"]
    assert _answers(conn, wid)["contact"]["email"] == ""


def test_participants_anonymised_keeping_sector_and_attendance(conn):
    wid = _workshop(conn)
    conn.execute(
        "INSERT INTO participants(workshop_id, name, organisation, sector_id, email, status, "
        "attended) VALUES (?, 'Piet Jansen', 'School', 'onderwijs', 'p@school.nl', "
        "'aangemeld', 1), (?, 'Joke', NULL, 'veiligheid', NULL, 'aangemeld', 0)",
        [wid, wid],
    )
    _set_status_long_ago(conn, wid, "verslag verstuurd", "2025-01-01")
    done = {e.rule: e.count for e in retention.apply(conn, TODAY)}
    assert done["deelnemers"] == 2
    rows = conn.execute(
        "SELECT name, organisation, email, sector_id, attended FROM participants ORDER BY id"
    ).fetchall()
    assert rows == [
        ("[verwijderd]", None, None, "onderwijs", 1),
        ("[verwijderd]", None, None, "veiligheid", 0),
    ]


def test_evaluation_open_answers_erased_after_twelve_months(conn):
    wid = _workshop(conn)
    for rid, created in ((1, "2025-06-01T12:00:00+00:00"), (2, TODAY.isoformat())):
        conn.execute(
            "INSERT INTO evaluation_responses(id, workshop_id, version, source, asked, "
            "created_at, updated_at) VALUES (?, ?, 1, 'papier', '[]', ?, ?)",
            [rid, wid, created, created],
        )
        conn.execute(
            "INSERT INTO evaluation_answers(response_id, item_id, kind, value, text) VALUES "
            "(?, 'cijfer', 'grade', 8, NULL), (?, 'meenemen', 'open', NULL, 'De werkwijze')",
            [rid, rid],
        )
    conn.conn.commit()
    done = {e.rule: e.count for e in retention.apply(conn, date(2026, 6, 1))}
    assert done == {"evaluatie-open-antwoorden": 1}
    rows = conn.execute(
        "SELECT response_id, item_id, value, text FROM evaluation_answers ORDER BY 1, 2"
    ).fetchall()
    assert rows == [
        (1, "cijfer", 8, None),
        (1, "meenemen", None, None),
        (2, "cijfer", 8, None),
        (2, "meenemen", None, "De werkwijze"),
    ]


def test_expired_links_and_old_signin_failures_are_deleted(conn):
    wid = _workshop(conn)
    invites.issue(conn, wid, "tester")
    conn.execute("UPDATE invites SET expires_at = '2026-01-01T00:00:00+00:00'")
    conn.execute(
        "INSERT INTO signin_failures(username, failures, last_failure_at) VALUES "
        "('oud', 2, '2026-01-01T00:00:00+00:00'), ('nieuw', 1, ?)",
        [TODAY.isoformat()],
    )
    conn.conn.commit()
    done = {e.rule: e.count for e in retention.apply(conn, TODAY)}
    assert done["uitnodigingslinks"] == 1 and done["mislukte-aanmeldingen"] == 1
    assert conn.execute("SELECT username FROM signin_failures").fetchall() == [("nieuw",)]


def test_demo_workshops_are_left_alone(conn):
    demo.seed_demo(conn, count=12, today=TODAY)
    assert retention.apply(conn, add_months(TODAY, 60), dry_run=True) == []


def test_audit_rows_older_than_the_period_are_purged(conn):
    conn.execute(
        "INSERT INTO audit_log(at, actor, action) VALUES "
        "('2019-05-01T00:00:00+00:00', 'x', 'heel oud'), "
        "('2024-05-01T00:00:00+00:00', 'x', 'twee jaar oud')"
    )
    conn.conn.commit()
    done = retention.apply(conn, date(2026, 11, 30))
    assert [(e.rule, e.count) for e in done] == [("auditlog", 1)]
    acts = set(audit.actions(conn))
    assert "heel oud" not in acts and "twee jaar oud" in acts
    # however far ahead `today` is, rows younger than a year are never deleted
    short = retention.Policy(audit_keep_years=1, rules=())
    retention.apply(conn, date(2099, 1, 1), pol=short)
    acts = set(audit.actions(conn))
    assert "twee jaar oud" not in acts and "bewaartermijn toegepast" in acts
    assert audit.count(conn, action="bewaartermijn toegepast") >= 1


def test_rule_on_a_missing_table_or_column_is_skipped(conn):
    pol = retention.Policy(
        audit_keep_years=5,
        rules=(
            retention.Rule(
                "weg",
                "Bestaat niet",
                "bestaat_niet",
                "kolom",
                days=1,
                after_column="x",
                action="delete",
            ),
            retention.Rule(
                "kolom",
                "Kolom ontbreekt",
                "workshops",
                "werkatelier_datum",
                months=1,
                workshop_column="id",
                columns=("geen_kolom",),
            ),
        ),
    )
    rows = {r["regel"]: r["werkt"] for r in retention.status(conn, pol)}
    assert "bestaat (nog) niet" in rows["weg"] and "geen_kolom" in rows["kolom"]
    assert retention.apply(conn, TODAY, pol=pol) == []


# ---------------------------------------------------------------- the daily job


def test_run_if_due_runs_once_a_day(conn):
    wid = _workshop(conn)
    _set_status_long_ago(conn, wid, "verslag verstuurd", "2024-01-01")
    first = retention.run_if_due(conn, TODAY)
    assert [e.rule for e in first] == ["voorgesprek-contact"]
    assert retention.run_if_due(conn, TODAY) is None
    assert retention.last_run(conn) == TODAY.isoformat()
    assert retention.run_if_due(conn, TODAY + timedelta(days=1)) == []


def test_cli_dry_run_and_apply(db_file):
    with db.open_db(db_file) as d:
        auth.ensure_admin(d, "x-wachtwoord-123")
        wid = _workshop(d)
        _set_status_long_ago(d, wid, "verslag verstuurd", "2024-01-01")
    env = dict(os.environ, JEP_DB=str(db_file))
    run = [sys.executable, "-m", "jep", "retention"]
    out = subprocess.run([*run, "--dry-run"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "Zou wissen: Contactgegevens" in out.stdout
    with db.open_db(db_file) as d:
        assert _answers(d, wid)["contact"] == CONTACT
    out = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True)
    assert "Gewist: Contactgegevens" in out.stdout
    with db.open_db(db_file) as d:
        assert _answers(d, wid)["contact"]["name"] == ""
        assert audit.entries(d, action="bewaartermijn toegepast").iloc[0]["actor"] == (
            "opdrachtregel"
        )


def test_background_job_never_raises(db_file, caplog):
    caplog.set_level("INFO", logger="jep.retention")
    with db.open_db(db_file) as d:
        wid = _workshop(d)
        _set_status_long_ago(d, wid, "verslag verstuurd", "2024-01-01")
    assert [e.rule for e in retention.run_daily(db_file, TODAY)] == ["voorgesprek-contact"]
    assert "Bewaartermijnen toegepast" in caplog.text
    assert retention.run_daily(db_file, TODAY) is None  # already done today
    assert retention.run_daily("/proc/geen/map/jep.db", TODAY) is None
    assert "niet toegepast" in caplog.text
