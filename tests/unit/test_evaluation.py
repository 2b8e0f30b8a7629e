"""The evaluation questionnaire, link state, server-side validation and storing of responses."""

from __future__ import annotations

import json
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from jep.demo import evaluation as demo_evaluation
from jep.evaluation import links, questionnaire, responses
from jep.reference.catalog import catalog
from jep.reference.toml import DATA_DIR, CatalogError
from jep.workshop import invites, workshops

TODAY = date(2026, 11, 30)


@pytest.fixture
def q() -> questionnaire.Questionnaire:
    return questionnaire.load_questionnaire()


def new_workshop(conn: Database, status: str = "uitgevoerd", day: date | None = TODAY) -> int:
    wid = workshops.create_request(conn, "GM0014", "test")
    conn.execute(
        "UPDATE workshops SET status = ?, date = ? WHERE id = ?",
        [status, day.isoformat() if day else None, wid],
    )
    return wid


def full_answer(q: questionnaire.Questionnaire, **overrides) -> dict:
    items: dict = {}
    for item in q.items_of():
        if item.kind == "prepost":
            items[item.id] = {"before": 2, "now": 4}
        elif item.kind == "grade":
            items[item.id] = 8
        elif item.kind == "likert":
            items[item.id] = 4
        else:
            items[item.id] = "De stappen van de werkwijze."
    items.update(overrides)
    return {"version": q.current, "sector": "onderwijs", "items": items}


# ---------------------------------------------------------------- the questionnaire file


def test_shipped_questionnaire(q):
    assert [g.id for g in q.goals] == [
        "signalen",
        "weten-wat-mag",
        "zorgvuldig-delen",
        "netwerk",
    ]
    kinds = [i.kind for i in q.items_of()]
    assert kinds.count("prepost") == 12 and kinds.count("grade") == 1
    assert kinds.count("open") == 2 and kinds.count("likert") == 3
    assert q.items["rapportcijfer"].required
    assert not any(i.required for i in q.items_of() if i.id != "rapportcijfer")
    assert q.min_cell == 3 and q.close_after_days == 14
    assert questionnaire.questionnaire() == q


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "evaluation.toml"
    shutil.copy(DATA_DIR / "evaluation.toml", target)
    return target


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"net-terugkoppeling",\n  "rapportcijfer"', '"net-x",\n  "rapportcijfer"', "net-x"),
        ('id = "casuistiek-aansluiting"\nsection = "reactie"\nkind = "likert"',
         'id = "casuistiek-aansluiting"\nsection = "reactie"\nkind = "prepost"', "goal = true"),
        ('kind = "grade"', 'kind = "cijfer"', "rapportcijfer"),
        ("min_cell = 3", "min_cell = 2", "min_cell"),
        ("current = 1", "current = 2", "current"),
        ('id = "aanbevelen"', 'id = "casuistiek-aansluiting"', "dubbel"),
        ('thanks = "Dank', 'thanks_ = "Dank', "thanks"),
        ("share_improved = 0.5", "share_improved = 1.5", "share_improved"),
    ],
)  # fmt: skip
def test_broken_questionnaire_names_file_and_entry(data_copy, old, new, message):
    text = data_copy.read_text(encoding="utf-8")
    assert old in text
    data_copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogError, match="evaluation.toml") as err:
        questionnaire.load_questionnaire(data_copy)
    assert message in str(err.value)


def test_not_toml(data_copy):
    data_copy.write_text("[[item]\n")
    with pytest.raises(CatalogError, match="evaluation.toml: geen geldige TOML"):
        questionnaire.load_questionnaire(data_copy)


# ---------------------------------------------------------------- validation on the server


def test_valid_response_is_cleaned(q):
    raw = full_answer(
        q, **{"open-mist": "  Meer tijd  ", "sig-herkennen": {"before": "2", "now": 3.0}}
    )
    clean, errors = responses.validate_response(raw, q, catalog())
    assert errors == {}
    assert clean["items"]["open-mist"] == "Meer tijd"
    assert clean["items"]["sig-herkennen"] == {"before": 2, "now": 3}
    assert clean["sector"] == "onderwijs"


def test_only_the_rapportcijfer_is_required(q):
    raw = {"version": q.current, "sector": None, "items": {"rapportcijfer": 7}}
    clean, errors = responses.validate_response(raw, q, catalog())
    assert errors == {} and clean["items"] == {"rapportcijfer": 7} and clean["sector"] is None
    _, errors = responses.validate_response({"version": q.current, "items": {}}, q, catalog())
    assert errors == {"item.rapportcijfer": "Geef een rapportcijfer van 1 tot en met 10."}


@pytest.mark.parametrize(
    ("item", "value", "fragment"),
    [
        ("rapportcijfer", 11, "1 tot en met 10"),
        ("rapportcijfer", 0, "1 tot en met 10"),
        ("rapportcijfer", 7.5, "1 tot en met 10"),
        ("rapportcijfer", True, "1 tot en met 10"),
        ("rapportcijfer", "acht", "1 tot en met 10"),
        ("aanbevelen", 6, "1 tot en met 5"),
        ("sig-herkennen", {"before": 0, "now": 3}, "1 tot en met 5"),
        ("sig-herkennen", {"before": 3, "now": 6}, "1 tot en met 5"),
        ("sig-herkennen", {"before": 3, "now": None}, "allebei leeg"),
        ("open-mist", "x" * 1001, "te lang"),
    ],
)
def test_out_of_range_values_are_refused(q, item, value, fragment):
    _, errors = responses.validate_response(full_answer(q, **{item: value}), q, catalog())
    assert list(errors) == [f"item.{item}"] and fragment in errors[f"item.{item}"]


def test_unknown_sector_and_version_refused(q):
    raw = full_answer(q)
    raw["sector"] = "brandweer"
    assert responses.validate_response(raw, q, catalog())[1] == {
        "sector": "Kies een sector uit de lijst."
    }
    raw = full_answer(q)
    raw["version"] = 99
    assert "form" in responses.validate_response(raw, q, catalog())[1]


def test_unknown_items_are_ignored(q):
    raw = full_answer(q)
    raw["items"]["naam"] = "Jan"
    clean, errors = responses.validate_response(raw, q, catalog())
    assert not errors and "naam" not in clean["items"]


# ---------------------------------------------------------------- link state


@pytest.mark.parametrize(
    ("status", "day", "phase"),
    [
        ("gepland", TODAY + timedelta(days=3), "not-yet"),
        ("gepland", TODAY, "open"),  # on the day itself
        ("gepland", None, "not-yet"),
        ("uitgevoerd", None, "open"),
        ("uitgevoerd", TODAY - timedelta(days=14), "open"),
        ("uitgevoerd", TODAY - timedelta(days=15), "closed"),
        ("verslag verstuurd", TODAY - timedelta(days=60), "closed"),
        ("geannuleerd", TODAY, "closed"),
    ],
)
def test_link_state_by_the_calendar(conn, q, status, day, phase):
    wid = new_workshop(conn, status, day)
    state = links.link_state(conn, wid, TODAY, q)
    assert state.phase == phase and state.mode == "auto"
    assert not state.has_link


def test_link_opened_and_closed_by_hand(conn, q):
    wid = new_workshop(conn, "verslag verstuurd", TODAY - timedelta(days=60))
    links.set_manual(conn, wid, "open", "admin")
    assert links.link_state(conn, wid, TODAY, q).phase == "open"
    links.set_manual(conn, wid, "closed", "admin")
    state = links.link_state(conn, wid, TODAY, q)
    assert (state.phase, state.mode) == ("closed", "closed")
    links.set_manual(conn, wid, None, "admin")
    assert links.link_state(conn, wid, TODAY, q).mode == "auto"
    actions = [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions[-3:] == ["evaluatie geopend", "evaluatie gesloten", "evaluatie automatisch"]


def test_link_without_date_closes_after_days_from_issue(conn, q):
    wid = new_workshop(conn, "uitgevoerd", None)
    links.issue_link(conn, wid, "admin", q=q)
    conn.execute(
        "UPDATE evaluation_links SET issued_on = ? WHERE workshop_id = ?",
        [(TODAY - timedelta(days=20)).isoformat(), wid],
    )
    assert links.link_state(conn, wid, TODAY, q).phase == "closed"


def test_link_token_is_hashed_and_resolves(conn, q):
    wid = new_workshop(conn)
    token = links.issue_link(conn, wid, "admin", q=q)
    stored = conn.execute("SELECT token_hash, purpose FROM invites").fetchall()
    assert stored == [(invites.hash_token(token), "evaluatie")]
    link = links.resolve_link(conn, token, TODAY, q, delay=0)
    assert link.workshop_id == wid and link.state.open and link.municipality_name == "Groningen"
    assert links.resolve_link(conn, "x" * 43, TODAY, q, delay=0) is None
    assert invites.resolve(conn, token, purpose="intake", delay=0) is None  # not an intake link
    links.revoke_link(conn, wid, "admin")
    assert links.resolve_link(conn, token, TODAY, q, delay=0) is None
    url = links.link_url("https://jep.example/", token)
    assert url == f"https://jep.example/e?eval={token}"  # the route that gives the phone its key
    assert links.form_url("https://jep.example/", token) == f"https://jep.example/?eval={token}"


def test_qr_codes():
    png = links.qr_png("https://jep.example/evaluatie?eval=abc")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 200
    svg = links.qr_svg("https://jep.example/evaluatie?eval=abc")
    assert b"<svg" in svg


# ---------------------------------------------------------------- saving online


@pytest.fixture
def link(conn: Database, q) -> tuple[int, str]:
    wid = new_workshop(conn)
    return wid, links.issue_link(conn, wid, "admin", q=q)


def submit(conn, token, key, raw, q, **kw):
    return responses.submit_online(conn, token, key, raw, catalog(), q=q, today=TODAY, **kw)


def test_submit_and_correct_within_the_session(conn, q, link):
    wid, token = link
    key = responses.new_session_key()
    first = submit(conn, token, key, full_answer(q), q)
    assert first.ok and not first.updated
    again = submit(conn, token, key, full_answer(q, rapportcijfer=5), q)
    assert again.ok and again.updated and again.response_id == first.response_id
    rows = conn.execute(
        "SELECT id, source, session_hash, revision, sector_id FROM evaluation_responses"
    ).fetchall()
    assert len(rows) == 1 and rows[0][1] == "online" and rows[0][3] == 2
    assert rows[0][2] == responses.session_hash(wid, key) and key not in rows[0][2]
    grade = conn.execute(
        "SELECT value FROM evaluation_answers WHERE item_id = 'rapportcijfer'"
    ).fetchall()
    assert grade == [(5,)]
    assert responses.session_response(conn, wid, key)["items"]["rapportcijfer"] == 5
    other = submit(conn, token, responses.new_session_key(), full_answer(q), q)
    assert other.ok and other.response_id != first.response_id
    assert conn.execute("SELECT count(*) FROM evaluation_responses").fetchone()[0] == 2
    actions = [r[0] for r in conn.execute("SELECT actor, action FROM audit_log").fetchall()]
    assert "respondent" in actions


def test_a_correction_can_clear_an_answer(conn, q, link):
    wid, token = link
    key = responses.new_session_key()
    submit(conn, token, key, full_answer(q), q)
    submit(conn, token, key, full_answer(q, **{"open-mist": "", "aanbevelen": None}), q)
    ids = {r[0] for r in conn.execute("SELECT item_id FROM evaluation_answers")}
    assert "open-mist" not in ids and "aanbevelen" not in ids and "open-meenemen" in ids


def test_invalid_submission_stores_nothing(conn, q, link):
    _, token = link
    res = submit(conn, token, responses.new_session_key(), full_answer(q, rapportcijfer=12), q)
    assert not res.ok and "item.rapportcijfer" in res.errors
    assert conn.execute("SELECT count(*) FROM evaluation_responses").fetchone()[0] == 0


def test_closed_or_unknown_link_refuses(conn, q, link):
    wid, token = link
    links.set_manual(conn, wid, "closed", "admin")
    res = submit(conn, token, responses.new_session_key(), full_answer(q), q)
    assert res.errors == {"form": q.texts["closed"]}
    res = submit(conn, "y" * 43, responses.new_session_key(), full_answer(q), q)
    assert res.errors == {"form": q.texts["unknown"]}
    assert conn.execute("SELECT count(*) FROM evaluation_responses").fetchone()[0] == 0


def test_personal_data_in_open_answers_needs_confirmation(conn, q, link):
    _, token = link
    key = responses.new_session_key()
    raw = full_answer(q, **{"open-mist": "Bel me op 06-12345678 over de jongen van 15."})
    res = submit(conn, token, key, raw, q)
    assert not res.ok and list(res.privacy) == ["item.open-mist"]
    assert "06-12345678" in res.privacy["item.open-mist"]
    assert conn.execute("SELECT count(*) FROM evaluation_responses").fetchone()[0] == 0
    assert submit(conn, token, key, raw, q, confirm_privacy=True).ok


# ---------------------------------------------------------------- paper forms


def test_paper_forms_entered_and_corrected_by_staff(conn, q):
    wid = new_workshop(conn, "verslag verstuurd", TODAY - timedelta(days=90))  # link closed
    res = responses.save_paper(conn, wid, full_answer(q), "admin", catalog(), q=q)
    assert res.ok
    raw = responses.paper_response(conn, wid, res.response_id)
    assert raw["items"]["rapportcijfer"] == 8 and raw["sector"] == "onderwijs"
    raw["items"]["rapportcijfer"] = 9
    fix = responses.save_paper(conn, wid, raw, "admin", catalog(), q=q, response_id=res.response_id)
    assert fix.ok and fix.updated
    rows = responses.responses_list(conn, wid)
    assert rows[["source", "revision", "entered_by"]].values.tolist() == [["papier", 2, "admin"]]
    assert "sector_id" not in rows.columns
    bad = responses.save_paper(conn, wid, full_answer(q, aanbevelen=9), "admin", catalog(), q=q)
    assert "item.aanbevelen" in bad.errors


def test_online_answers_cannot_be_edited_as_paper(conn, q, link):
    wid, token = link
    res = submit(conn, token, responses.new_session_key(), full_answer(q), q)
    with pytest.raises(KeyError):
        responses.paper_response(conn, wid, res.response_id)
    with pytest.raises(KeyError):
        responses.save_paper(conn, wid, full_answer(q), "admin", catalog(), q=q,
                      response_id=res.response_id)  # fmt: skip


def test_delete_response_is_audited(conn, q):
    wid = new_workshop(conn)
    rid = responses.save_paper(conn, wid, full_answer(q), "admin", catalog(), q=q).response_id
    assert responses.delete_response(conn, wid, rid, "admin")
    assert conn.execute("SELECT count(*) FROM evaluation_answers").fetchone()[0] == 0
    assert not responses.delete_response(conn, wid, rid, "admin")
    row = conn.execute(
        "SELECT actor, entity_id FROM audit_log WHERE action = 'evaluatie verwijderd'"
    ).fetchall()
    assert row == [("admin", str(rid))]


def test_snapshot_of_the_version_is_stored_once(conn, q):
    wid = new_workshop(conn)
    responses.save_paper(conn, wid, full_answer(q), "admin", catalog(), q=q)
    responses.save_paper(conn, wid, full_answer(q), "admin", catalog(), q=q)
    stored = responses.stored_definitions(conn)
    assert list(stored) == [q.current]
    assert [i["id"] for i in stored[q.current]["items"]] == list(q.version().items)
    asked = conn.execute("SELECT asked FROM evaluation_responses LIMIT 1").fetchone()[0]
    assert json.loads(asked) == list(q.version().items)


def test_database_refuses_out_of_range_values(conn, q):
    wid = new_workshop(conn)
    rid = responses.save_paper(conn, wid, full_answer(q), "admin", catalog(), q=q).response_id
    with pytest.raises(Exception, match="CHECK"):
        conn.execute(
            "INSERT INTO evaluation_answers(response_id, item_id, kind, before, value) "
            "VALUES (?, 'x', 'prepost', 6, 1)",
            [rid],
        )


# ---------------------------------------------------------------- demo data


def test_demo_seeder(conn):
    wids = [new_workshop(conn, "uitgevoerd", TODAY - timedelta(days=k)) for k in (1, 5)]
    skip = new_workshop(conn, "gepland", TODAY + timedelta(days=9))
    ws = [
        {"id": w, "status": "uitgevoerd", "date": TODAY, "answers": {"sectors": {
            "onderwijs": 4, "jeugdhulp": 5, "veiligheid": 3}}}
        for w in wids
    ] + [{"id": skip, "status": "gepland", "date": None, "answers": {}}]  # fmt: skip
    with conn.conn:
        demo_evaluation.seed_demo(conn, random.Random(1), ws, catalog())
    for w in wids:
        n = conn.execute(
            "SELECT count(*) FROM evaluation_responses WHERE workshop_id = ?", [w]
        ).fetchone()[0]
        assert 6 <= n < 12  # fewer than the 12 attendees
    assert not conn.execute(
        "SELECT count(*) FROM evaluation_responses WHERE workshop_id = ?", [skip]
    ).fetchone()[0]
    sectors = {r[0] for r in conn.execute("SELECT DISTINCT sector_id FROM evaluation_responses")}
    assert {"onderwijs", "jeugdhulp", "veiligheid"} <= sectors
    assert (
        conn.execute("SELECT count(*) FROM evaluation_answers WHERE kind = 'open'").fetchone()[0]
        > 0
    )
    per = conn.execute("SELECT count(*) FROM evaluation_answers GROUP BY response_id").fetchall()
    assert min(r[0] for r in per) < 18  # some optional answers left out
