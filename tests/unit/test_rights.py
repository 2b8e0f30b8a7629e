"""Access requests (export) and erasure/anonymisation of one municipality, and stored-text
redaction."""

import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from jep import auth
from jep.privacy import redaction, retention, rights
from jep.reference.toml import CatalogError
from jep.store import audit
from jep.workshop import invites, workshops

ROOT = Path(__file__).resolve().parents[2]
CONTACT = {"name": "Fenna Boer", "role": "OOV", "email": "fenna@gemeente.nl", "phone": ""}


@pytest.fixture(autouse=True)
def accounts(request):
    """An admin 'admin' and a staff member 'medewerker' (export and erasure are for admins)."""
    if "conn" in request.fixturenames:
        conn = request.getfixturevalue("conn")
        auth.create_staff(conn, "admin", "een-lang-wachtwoord", role="admin")
        auth.create_staff(conn, "medewerker", "een-lang-wachtwoord", role="staff")


def _held(conn, code="GM0344") -> tuple[int, str]:
    """A workshop with something in every table that hangs off it."""
    wid = workshops.create_request(conn, code, "tester")
    token = invites.issue(conn, wid, "tester")
    answers = {
        "contact": CONTACT,
        "knelpunten": {"dossiervorming": {"severity": 4, "explanation": "Feiten en meningen."}},
        "own_knelpunten": [{"text": "Eigen punt", "severity": 2}],
        "remarks": "Graag in de ochtend.",
    }
    conn.execute(
        "UPDATE intakes SET answers = ?, staff_notes = 'Gebeld.' WHERE workshop_id = ?",
        [json.dumps(answers), wid],
    )
    conn.execute(
        "INSERT INTO intake_knelpunten(workshop_id, knelpunt_id, severity) "
        "VALUES (?, 'dossiervorming', 4)",
        [wid],
    )
    conn.execute(
        "INSERT INTO participants(workshop_id, name, organisation, sector_id, email, status) "
        "VALUES (?, 'Piet Jansen', 'School', 'onderwijs', 'p@school.nl', 'aangemeld')",
        [wid],
    )
    cur = conn.execute(
        "INSERT INTO evaluation_responses(workshop_id, version, source, asked, created_at, "
        "updated_at) VALUES (?, 1, 'papier', '[]', '2026-01-01', '2026-01-01')",
        [wid],
    )
    conn.execute(
        "INSERT INTO evaluation_answers(response_id, item_id, kind, value, text) VALUES "
        "(?, 'cijfer', 'grade', 8, NULL), (?, 'meenemen', 'open', NULL, 'De werkwijze')",
        [cur.lastrowid, cur.lastrowid],
    )
    conn.conn.commit()
    return wid, token


@pytest.fixture
def report_table(conn):
    """A table added later by someone else (no ON DELETE CASCADE, a binary column)."""
    conn.execute(
        "CREATE TABLE later_reports (id INTEGER PRIMARY KEY, "
        "workshop_id INTEGER NOT NULL REFERENCES workshops(id), pdf BLOB)"
    )
    conn.conn.commit()


# ---------------------------------------------------------------- access request


def test_export_holds_everything_about_the_municipality_and_nothing_else(conn, report_table):
    wid, token = _held(conn)
    other, _ = _held(conn, "GM0014")
    conn.execute(
        "INSERT INTO later_reports(workshop_id, pdf) VALUES (?, ?)", [wid, b"%PDF-1.7 rapport"]
    )
    conn.conn.commit()
    data = rights.export_zip(conn, "GM0344", "admin")
    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    assert {"LEESMIJ.txt", "gegevens.json"} <= names
    pdfs = [n for n in names if n.startswith("bijlagen/") and n.endswith(".pdf")]
    assert len(pdfs) == 1 and zf.read(pdfs[0]) == b"%PDF-1.7 rapport"
    doc = json.loads(zf.read("gegevens.json"))
    assert doc["gemeente"] == {"code": "GM0344", "naam": "Utrecht", "provincie": "Utrecht"}
    t = doc["tabellen"]
    assert [w["id"] for w in t["workshops"]] == [wid]
    assert t["intakes"][0]["answers"]["contact"] == CONTACT  # JSON exported as JSON
    assert t["participants"][0]["name"] == "Piet Jansen"
    assert {a["text"] for a in t["evaluation_answers"]} == {None, "De werkwijze"}
    assert t["later_reports"][0]["pdf"] == {"bestand": pdfs[0]}
    raw = zf.read("gegevens.json").decode()
    assert "token_hash" not in raw and invites.hash_token(token) not in raw
    assert str(other) not in {str(w["id"]) for w in t["workshops"]}
    assert "Groningen" not in raw
    assert any(r["action"] == "aanvraag aangemaakt" for r in doc["auditlog"])
    row = audit.entries(conn, action="inzageverzoek geëxporteerd").iloc[0]
    assert (row["actor"], row["entity_id"]) == ("admin", "GM0344")


def test_export_of_an_unknown_municipality_is_refused(conn):
    with pytest.raises(rights.RightsError):
        rights.export_zip(conn, "GM9999", "admin")


# ---------------------------------------------------------------- erasure


def test_erasure_needs_the_typed_name(conn):
    wid, _ = _held(conn)
    for wrong in ("", "Utrech", "GM0344", "Utrecht (gemeente)"):
        with pytest.raises(rights.RightsError, match="Utrecht"):
            rights.erase(conn, "GM0344", "wissen", wrong, "admin")
    assert workshops.get(conn, wid) is not None
    with pytest.raises(rights.RightsError):
        rights.erase(conn, "GM0344", "verbranden", "Utrecht", "admin")


def test_wissen_deletes_everything_attached_but_not_other_municipalities(conn, report_table):
    wid, _ = _held(conn)
    other, _ = _held(conn, "GM0014")
    conn.execute(
        "INSERT INTO later_reports(workshop_id, pdf) VALUES (?, x'00'), (?, x'01')", [wid, other]
    )
    conn.conn.commit()
    done = rights.erase(conn, "GM0344", "wissen", "  utrecht ", "admin")
    assert done["workshops"] == 1 and done["later_reports"] == 1
    assert rights.summary(conn, "GM0344") == {}
    kept = rights.summary(conn, "GM0014")
    assert kept["workshops"] == 1 and kept["later_reports"] == 1 and kept["participants"] == 1
    for table in ("intakes", "invites", "participants", "evaluation_answers", "later_reports"):
        n = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert n == kept[table], table
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    row = audit.entries(conn, action="gemeente gewist").iloc[0]
    assert row["entity_id"] == "GM0344" and json.loads(row["detail"])["werkateliers"] == [wid]


def test_anonimiseren_erases_people_and_text_but_keeps_the_figures(conn):
    wid, token = _held(conn)
    rights.erase(conn, "GM0344", "anonimiseren", "Utrecht", "admin")
    answers = json.loads(conn.execute("SELECT answers FROM intakes").fetchone()[0])
    assert answers["contact"] == {"name": "", "role": "", "email": "", "phone": ""}
    assert answers["knelpunten"]["dossiervorming"] == {"severity": 4, "explanation": "[verwijderd]"}
    assert answers["own_knelpunten"] == [{"text": "[verwijderd]", "severity": 2}]
    assert answers["remarks"] == "[verwijderd]"
    assert conn.execute("SELECT staff_notes FROM intakes").fetchone()[0] == ""
    assert conn.execute("SELECT name, email, sector_id FROM participants").fetchall() == [
        ("[verwijderd]", None, "onderwijs")
    ]
    assert conn.execute(
        "SELECT value, text FROM evaluation_answers ORDER BY item_id"
    ).fetchall() == [
        (8, None),
        (None, None),
    ]
    assert conn.execute("SELECT severity FROM intake_knelpunten").fetchall() == [(4,)]
    assert invites.resolve(conn, token, delay=0) is None  # the link is gone
    assert workshops.get(conn, wid)["status"] == "aanvraag"
    assert audit.count(conn, action="gemeente geanonimiseerd") == 1


def test_cli_export_and_erase(db_file, conn, tmp_path):
    _held(conn)
    env = dict(os.environ, JEP_DB=str(db_file))
    out = tmp_path / "inzage.zip"
    run = subprocess.run(
        [sys.executable, "-m", "jep", "export-municipality", "gm0344", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "gegevens.json" in zipfile.ZipFile(out).namelist()
    base = [sys.executable, "-m", "jep", "erase-municipality", "GM0344", "--mode", "wissen"]
    run = subprocess.run(
        [*base, "--confirm", "Amsterdam"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 1 and "Utrecht" in run.stderr
    run = subprocess.run(
        [*base, "--confirm", "Utrecht"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert rights.summary(conn, "GM0344") == {}


# ---------------------------------------------------------------- redaction of stored text


def _store_remarks(conn, wid, text) -> None:
    answers = json.loads(
        conn.execute("SELECT answers FROM intakes WHERE workshop_id = ?", [wid]).fetchone()[0]
    )
    answers["remarks"] = text
    conn.execute("UPDATE intakes SET answers = ? WHERE workshop_id = ?", [json.dumps(answers), wid])
    conn.conn.commit()


def test_free_text_fields_file_is_valid_and_checked_here(conn):
    assert {f.id for f in redaction.load_fields()} >= {"voorgesprek-opmerkingen", "evaluatie-open"}
    assert all(r["gecontroleerd"] == "ja" for r in redaction.status(conn))


def test_broken_free_text_file_names_the_entry(tmp_path):
    path = tmp_path / "free_text.toml"
    path.write_text('[[field]]\nid = "x"\ntitle = "X"\ntable = "intakes"\n')
    with pytest.raises(CatalogError, match=r"free_text.toml.*'x'.*column"):
        redaction.load_fields(path)


def test_scan_and_redact_stored_text(conn):
    wid, _ = _held(conn)
    _store_remarks(conn, wid, "Bel de moeder van Sanne (14) op 06-12345678.")
    conn.execute("UPDATE evaluation_answers SET text = 'Mail mij: a.b@c.nl' WHERE kind = 'open'")
    conn.conn.commit()
    hits = redaction.scan_stored(conn)
    by_field = {h.field: h for h in hits}
    assert set(by_field) == {"voorgesprek-opmerkingen", "evaluatie-open"}
    remark = by_field["voorgesprek-opmerkingen"]
    assert remark.municipality == "Utrecht" and remark.workshop_id == wid
    assert {f.kind for f in remark.findings} >= {"telefoon"}
    version = conn.execute("SELECT version FROM intakes").fetchone()[0]
    new = redaction.redact(conn, remark.field, remark.rowid, remark.path, "admin")
    assert "06-12345678" not in new and "verwijderd]" in new
    answers = json.loads(conn.execute("SELECT answers FROM intakes").fetchone()[0])
    assert answers["remarks"] == new
    assert answers["contact"] == CONTACT  # nothing else touched
    assert conn.execute("SELECT version FROM intakes").fetchone()[0] == version + 1
    detail = audit.entries(conn, action="vrije tekst geredigeerd").iloc[0]["detail"]
    assert "06-12345678" not in detail and "telefoon" in detail  # no personal data in the log
    assert redaction.redact_all(conn, redaction.scan_stored(conn), "admin") == 1
    assert redaction.scan_stored(conn) == []
    assert (
        "a.b@c.nl"
        not in (
            conn.execute("SELECT text FROM evaluation_answers WHERE kind = 'open'").fetchone()[0]
        )
    )


def test_redact_refuses_a_stale_reference(conn):
    wid, _ = _held(conn)
    _store_remarks(conn, wid, "Bel 06-12345678.")
    hit = redaction.scan_stored(conn)[0]
    with pytest.raises(redaction.RedactionError):
        redaction.redact(conn, hit.field, hit.rowid + 100, hit.path, "admin")
    with pytest.raises(redaction.RedactionError):
        redaction.redact(conn, hit.field, hit.rowid, ("bestaat", "niet"), "admin")
    _store_remarks(conn, wid, "Niets bijzonders meer.")
    assert redaction.redact(conn, hit.field, hit.rowid, hit.path, "admin") is None


def test_notes_of_the_day_are_searched_and_redacted(conn):
    from jep.reference.catalog import catalog
    from jep.workshop import notes

    wid, _ = _held(conn)
    errors, note_id = notes.add(
        conn,
        wid,
        {"kind": "dilemma", "step": 1, "text": "Casus van mijn cliënt Sanne de Vries"},
        "admin",
        catalog(),
        privacy_confirmed=True,
    )
    assert not errors
    hits = [h for h in redaction.scan_stored(conn) if h.field == "notities-van-de-dag"]
    assert len(hits) == 1 and hits[0].rowid == note_id
    new = redaction.redact(conn, hits[0].field, hits[0].rowid, hits[0].path, "admin")
    assert "Sanne" not in new
    assert conn.execute("SELECT version FROM workshop_notes").fetchone()[0] == 2


@pytest.mark.parametrize("actor", ["medewerker", "gemeente:GM0344", "onbekend", ""])
def test_export_and_erasure_check_the_actors_role_themselves(conn, actor):
    """Not only the page: a caller that forgot the admin guard is refused too (issue 18.10)."""
    _held(conn)
    with pytest.raises(rights.RightsError, match="Alleen een beheerder"):
        rights.export_zip(conn, "GM0344", actor)
    with pytest.raises(rights.RightsError, match="Alleen een beheerder"):
        rights.erase(conn, "GM0344", "wissen", "Utrecht", actor)
    with pytest.raises(retention.AccessError, match="Alleen een beheerder"):
        retention.apply(conn, date.today(), actor=actor)
    with pytest.raises(retention.AccessError):
        retention.apply(conn, date.today(), dry_run=True, actor=actor)
    assert conn.execute("SELECT count(*) FROM workshops").fetchone()[0] == 1


def test_the_application_itself_may_but_not_an_account_named_like_it(conn):
    _held(conn)
    assert rights.export_zip(conn, "GM0344", "opdrachtregel")  # the command line
    assert retention.apply(conn, date.today(), actor="systeem") == []  # the daily job
    auth.create_staff(conn, "systeem", "een-lang-wachtwoord", role="staff")
    with pytest.raises(retention.AccessError):
        retention.apply(conn, date.today(), actor="systeem")
    auth.set_active(conn, "medewerker", False, "admin")
    auth.set_role(conn, "medewerker", "admin", "admin")
    with pytest.raises(rights.RightsError):  # a switched-off admin is no admin
        rights.export_zip(conn, "GM0344", "medewerker")
