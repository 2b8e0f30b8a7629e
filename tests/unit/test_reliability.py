"""Reliability: concurrent saves, a process killed mid-write, hostile input, invite tokens."""

from __future__ import annotations

import base64
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.hostile import _hostile_answers

from jep.evaluation import links, questionnaire, responses
from jep.reference.catalog import catalog
from jep.store import audit, db
from jep.workshop import intake, invites, workshops

ROOT = Path(__file__).resolve().parents[2]
THREADS = 50
TODAY = date.today()


def _run_threads(target, n: int = THREADS) -> list:
    """Start `n` threads at the same moment (a barrier); return their results or exceptions."""
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = target(i)
        except BaseException as exc:  # noqa: BLE001 - collected and checked by the test
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _answers(text: str) -> dict:
    answers = intake.empty_answers()
    answers["remarks"] = text
    answers["knelpunten"] = {"dossiervorming": {"severity": 3, "explanation": text}}
    answers["sectors"] = {"onderwijs": 2}
    return answers


# ---------------------------------------------------------------- concurrent saves


def test_50_concurrent_intake_saves_to_distinct_workshops(db_file, conn):
    cat = catalog()
    wids = [workshops.create_request(conn, "GM0344", "tester") for _ in range(THREADS)]

    def save(i: int) -> int:
        with db.open_db(db_file) as d:
            errors, version = intake.save(
                d, wids[i], _answers(f"opslag {i}"), 0, f"draad-{i}", cat, TODAY
            )
        assert not errors
        return version

    results = _run_threads(save)
    assert results == [1] * THREADS, [r for r in results if r != 1][:3]
    for i, wid in enumerate(wids):  # none lost, none mixed up
        record = intake.load(conn, wid)
        assert (record["version"], record["answers"]["remarks"]) == (1, f"opslag {i}")
        assert record["updated_by"] == f"draad-{i}"
    assert audit.count(conn, action="voorgesprek opgeslagen") == THREADS  # none doubled
    n = conn.execute("SELECT count(*) FROM intake_knelpunten").fetchone()[0]
    assert n == THREADS


def test_50_concurrent_saves_of_one_intake_with_version_check(db_file, conn):
    cat = catalog()
    wid = workshops.create_request(conn, "GM0344", "tester")

    def save_once(i: int) -> int:
        with db.open_db(db_file) as d:
            return intake.save(d, wid, _answers(f"eerste {i}"), 0, f"d{i}", cat, TODAY)[1]

    first = _run_threads(save_once)
    winners = [r for r in first if r == 1]
    conflicts = [r for r in first if isinstance(r, intake.ConflictError)]
    assert len(winners) == 1 and len(conflicts) == THREADS - 1, first[:3]

    def save_until_stored(i: int) -> int:
        """What a user does after a conflict: load the newest version and save again."""
        with db.open_db(db_file) as d:
            while True:
                version = intake.load(d, wid)["version"]
                try:
                    errors, new = intake.save(
                        d, wid, _answers(f"r{i}"), version, f"d{i}", cat, TODAY
                    )
                except intake.ConflictError:
                    continue
                assert not errors
                return new

    versions = _run_threads(save_until_stored)
    assert sorted(versions) == list(range(2, THREADS + 2))  # each save its own version
    record = intake.load(conn, wid)
    assert record["version"] == THREADS + 1
    last = versions.index(THREADS + 1)
    assert record["answers"]["remarks"] == f"r{last}"  # the last save won, whole
    assert audit.count(conn, action="voorgesprek opgeslagen") == THREADS + 1
    assert conn.execute("SELECT count(*) FROM intake_knelpunten").fetchone()[0] == 1


def _open_evaluation(conn) -> tuple[int, str, dict]:
    wid = workshops.create_request(conn, "GM0344", "tester")
    conn.execute(
        "UPDATE workshops SET status = 'uitgevoerd', date = ? WHERE id = ?",
        [TODAY.isoformat(), wid],
    )
    conn.conn.commit()
    token = links.issue_link(conn, wid, "tester")
    links.set_manual(conn, wid, "open", "tester")
    q = questionnaire.questionnaire()
    items: dict = {}
    for item in q.items_of():
        if item.kind == "prepost":
            items[item.id] = {"before": 2, "now": 4}
        elif item.kind in ("likert", "grade"):
            items[item.id] = 4
    return wid, token, {"version": q.current, "sector": "onderwijs", "items": items}


def test_50_concurrent_evaluation_submissions(db_file, conn):
    cat = catalog()
    wid, token, raw = _open_evaluation(conn)
    keys = [responses.new_session_key() for _ in range(THREADS)]

    def submit(i: int) -> int:
        with db.open_db(db_file) as d:
            result = responses.submit_online(d, token, keys[i], raw, cat)
        assert not result.errors and not result.privacy, result
        return result.response_id

    ids = _run_threads(submit)
    assert all(isinstance(i, int) for i in ids), [i for i in ids if not isinstance(i, int)][:3]
    assert len(set(ids)) == THREADS  # every respondent counted once
    n = conn.execute(
        "SELECT count(*) FROM evaluation_responses WHERE workshop_id = ?", [wid]
    ).fetchone()[0]
    assert n == THREADS

    # one respondent's session submitting from 50 threads: one response, corrected in place
    one = responses.new_session_key()

    def resubmit(i: int) -> int:
        with db.open_db(db_file) as d:
            return responses.submit_online(d, token, one, raw, cat).response_id

    again = _run_threads(resubmit)
    assert len(set(again)) == 1 and isinstance(again[0], int), again[:3]
    revision = conn.execute(
        "SELECT revision FROM evaluation_responses WHERE id = ?", [again[0]]
    ).fetchone()[0]
    assert revision == THREADS
    n = conn.execute("SELECT count(*) FROM evaluation_responses").fetchone()[0]
    assert n == THREADS + 1


# ---------------------------------------------------------------- killed mid-write

CHILD = """
import sys
from jep.store import db
from jep.workshop import workshops
with db.open_db(sys.argv[1]) as d:
    while True:
        wid = workshops.create_request(d, "GM0344", "kind")
        print(wid, flush=True)
"""


@pytest.mark.parametrize("after", [5, 40, 150])
def test_process_killed_mid_write_leaves_a_sound_database(db_file, after):
    env = dict(os.environ, JEP_DB=str(db_file), PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_file)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    committed: list[int] = []
    try:
        for line in child.stdout:
            committed.append(int(line))
            if len(committed) >= after:
                os.kill(child.pid, signal.SIGKILL)  # in the middle of the next write
                break
        committed += [int(line) for line in child.stdout.read().split()]
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert len(committed) >= after
    conn = sqlite3.connect(str(db_file))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = {r[0] for r in conn.execute("SELECT id FROM workshops")}
        assert set(committed) <= stored  # every committed row is there
        assert len(stored - set(committed)) <= 1  # at most the one committed but not printed
        intakes = {r[0] for r in conn.execute("SELECT workshop_id FROM intakes")}
        assert intakes == stored  # never half a request
        logged = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'aanvraag aangemaakt'"
        ).fetchone()[0]
        assert logged == len(stored)
    finally:
        conn.close()
    with db.open_db(db_file) as d:  # and the application carries on
        workshops.create_request(d, "GM0014", "na de crash")


# ---------------------------------------------------------------- hostile input


def test_too_long_and_malformed_input_is_refused_with_messages(conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    answers = _hostile_answers("x" * (intake.TEXT_MAX + 5000), "y" * 10_000)
    answers["contact"]["email"] = "<script>@x"
    answers["contact"]["phone"] = "'; DROP TABLE--"
    errors, version = intake.save(conn, wid, answers, 0, "tester", catalog(), TODAY)
    assert version == 0
    assert {"remarks", "knelpunt.dossiervorming", "contact.name", "contact.email"} <= set(errors)
    assert "contact.phone" in errors and "own.0" in errors
    assert intake.load(conn, wid)["version"] == 0  # nothing stored


# property-based: the validators take anything a form (or an attacker) can send

KEYS = list(intake.empty_answers()) + ["unknown"]
FIELD_WORDS = [
    "name",
    "email",
    "phone",
    "severity",
    "explanation",
    "text",
    "dossiervorming",
    "onderwijs",
    "pga",
    "contactpunt",
    "ja",
]
JSON_LIKE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.sampled_from(FIELD_WORDS), inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), JSON_LIKE, max_size=10))
def test_normalise_and_validate_never_raise(raw):
    data = intake.normalise(raw)
    for final in (False, True):
        errors = intake.validate(data, catalog(), TODAY, final=final)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in errors.items())
    json.dumps(data, default=str)  # the document can always be stored
    if not intake.validate(data, catalog(), TODAY, final=False):
        intake.summary_rows(data, catalog())  # and a valid one can always be shown


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["name", "role", "email", "phone"]), st.text(max_size=300), max_size=4
    ),
    st.text(max_size=3000),
)
def test_text_fields_never_raise_and_stay_bounded(contact, remarks):
    data = intake.normalise({"contact": contact, "remarks": remarks})
    errors = intake.validate(data, catalog(), TODAY, final=False)
    for key, value in data["contact"].items():
        assert len(value) <= intake.SHORT_MAX + 1
        assert all(ch in "\n\t" or ch.isprintable() for ch in value)
        if len(value) > intake.SHORT_MAX:
            assert f"contact.{key}" in errors
    assert (len(data["remarks"]) > intake.TEXT_MAX) == ("remarks" in errors)


# ---------------------------------------------------------------- invite tokens


def test_invite_tokens_have_at_least_128_bits_and_never_repeat(conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    tokens = {invites.issue(conn, wid, "tester") for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(raw) * 8 >= 128


def test_invite_tokens_are_hashed_at_rest(db_file, conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    tokens = [invites.issue(conn, wid, "tester") for _ in range(5)]

    def file_bytes() -> bytes:
        return b"".join(
            p.read_bytes() for p in db_file.parent.glob(db_file.name + "*") if p.is_file()
        )

    for blob in (file_bytes(),):  # before a checkpoint: main file and WAL
        for token in tokens:
            assert token.encode() not in blob
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    blob = file_bytes()
    for token in tokens:
        assert token.encode() not in blob
        assert invites.hash_token(token).encode() in blob  # only the hash is there


def test_expiry_and_revocation_are_honoured(conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    token = invites.issue(conn, wid, "tester")
    assert invites.resolve(conn, token, delay=0).workshop_id == wid
    soon = (datetime.now(UTC) + timedelta(seconds=2)).isoformat(timespec="seconds")
    conn.execute("UPDATE invites SET expires_at = ?", [soon])
    conn.conn.commit()
    assert invites.resolve(conn, token, delay=0) is not None
    time.sleep(2.1)
    assert invites.resolve(conn, token, delay=0) is None  # expired
    token = invites.issue(conn, wid, "tester")
    assert invites.resolve(conn, token, delay=0) is not None
    invites.revoke(conn, wid, "tester")
    assert invites.resolve(conn, token, delay=0) is None  # revoked
    assert invites.resolve(conn, token.upper(), delay=0) is None  # no case folding


def test_wrong_tokens_are_slowed_down(conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    token = invites.issue(conn, wid, "tester")
    for wrong in (token[:-1] + ("A" if token[-1] != "A" else "B"), "kort", "", "x" * 500):
        start = time.perf_counter()
        assert invites.resolve(conn, wrong) is None
        assert time.perf_counter() - start >= invites.WRONG_TOKEN_DELAY
    assert invites.WRONG_TOKEN_DELAY >= 0.2
