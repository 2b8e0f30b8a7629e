"""Delivery against a real SMTP server (aiosmtpd) started by the tests on localhost: plain SMTP,
STARTTLS with a self-signed certificate and sign-in, refusals, a server that is down, two workers
at once, and a worker killed mid-send (a real process, killed with SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from support.server import ROOT, free_port
from support.smtp import smtp_server

from jep import outgoing
from jep.mail import delivery, outbox, settings
from jep.store import audit, db


@pytest.fixture
def server():
    with smtp_server() as s:
        yield s


def use(monkeypatch, srv, security: str = "none", **extra: str) -> settings.MailSettings:
    for key, value in {**srv.env(security), **extra}.items():
        monkeypatch.setenv(key, value)
    return settings.load()


def queue(conn, to: str = "jan@gemeente.nl", n: int = 1, **kw) -> list[int]:
    return [
        outbox.queue(
            conn,
            outbox.Draft(
                kind="test", to=to, subject=f"Bericht {i}", body=f"Tekst {i}\n.punt\n", **kw
            ),
            "tester",
        )
        for i in range(n)
    ]


def test_a_queued_message_arrives_as_stored(conn, server, monkeypatch):
    cfg = use(monkeypatch, server)
    [mail_id] = queue(conn)
    row = outbox.get(conn, mail_id)
    assert row["status"] == "wachtrij"
    result = delivery.deliver_due(conn, cfg)
    assert result.sent == [mail_id]
    [got] = server.mailbox.messages
    assert got.rcpt_tos == ["jan@gemeente.nl"]
    assert got.mail_from == "werkateliers@platformjep.test"
    assert got.message_id == row["message_id"] and got.subject == "Bericht 0"
    assert got.text() == "Tekst 0\n.punt\n"  # a line starting with a dot survives
    sent = outbox.get(conn, mail_id)
    assert sent["status"] == "verzonden" and sent["smtp_response"].startswith("250")
    assert audit.count(conn, action="bericht verzonden") == 1
    assert delivery.deliver_due(conn, cfg).sent == []  # nothing is sent twice


def test_the_command_line_test_message_checks_the_settings(db_file, server):
    env = dict(os.environ, JEP_DB=str(db_file), **server.env())
    done = subprocess.run(
        [sys.executable, "-m", "jep", "mail", "test", "beheer@platformjep.nl"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Verzonden: de server antwoordde 250" in done.stdout
    [got] = server.mailbox.messages
    assert got.subject == "Testbericht van de werkatelier-applicatie"
    assert f"{server.host}:{server.port} (none)" in got.text()
    listing = subprocess.run(
        [sys.executable, "-m", "jep", "mail", "list"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "verzonden" in listing.stdout and "beheer@platformjep.nl" in listing.stdout


def test_starttls_with_a_self_signed_certificate_and_sign_in(conn, tmp_path, monkeypatch):
    with smtp_server(tmp_path, starttls=True, user="jep", password="s3cr3t") as srv:
        cfg = use(monkeypatch, srv, "starttls")
        assert cfg.user == "jep"
        [mail_id] = queue(conn)
        result = delivery.deliver_due(conn, cfg)
        assert result.sent == [mail_id], outbox.get(conn, mail_id)["last_error"]
        assert len(srv.mailbox.messages) == 1


def test_starttls_refuses_a_certificate_it_does_not_trust(conn, tmp_path, monkeypatch):
    with smtp_server(tmp_path, starttls=True) as srv:
        cfg = use(monkeypatch, srv, "starttls")
        cfg = settings.MailSettings(**{**cfg.__dict__, "cafile": None})  # system CAs only
        [mail_id] = queue(conn)
        result = delivery.deliver_due(conn, cfg)
        row = outbox.get(conn, mail_id)
        assert result.failed == [mail_id] and row["status"] == "fout"
        assert "Versleutelde verbinding" in row["last_error"]
        assert "CERTIFICATE_VERIFY_FAILED" in row["last_error"]
        assert srv.mailbox.messages == []


def test_a_wrong_password_is_shown_and_retried(conn, tmp_path, monkeypatch):
    with smtp_server(tmp_path, starttls=True, user="jep", password="goed") as srv:
        cfg = use(monkeypatch, srv, "starttls", JEP_SMTP_PASSWORD="fout")
        [mail_id] = queue(conn)
        delivery.deliver_due(conn, cfg)
        row = outbox.get(conn, mail_id)
        assert row["status"] == "fout" and "Aanmelden bij de mailserver" in row["last_error"]
        assert "535" in row["last_error"]


def test_plain_smtp_refused_when_starttls_is_required_by_the_settings(conn, server, monkeypatch):
    cfg = use(monkeypatch, server, "starttls")
    [mail_id] = queue(conn)
    delivery.deliver_due(conn, cfg)
    row = outbox.get(conn, mail_id)
    assert row["status"] == "fout" and "STARTTLS" in row["last_error"]
    assert server.mailbox.messages == []


def test_a_refused_recipient_fails_with_the_server_answer_and_the_rest_goes(
    conn, server, monkeypatch
):
    cfg = use(monkeypatch, server)
    server.mailbox.refuse["weg@gemeente.nl"] = "550 5.1.1 Deze postbus bestaat niet"
    server.mailbox.refuse["vol@gemeente.nl"] = "452 4.2.2 Postbus vol"
    [gone] = queue(conn, "weg@gemeente.nl")
    [full] = queue(conn, "vol@gemeente.nl")
    [ok] = queue(conn, "jan@gemeente.nl")
    result = delivery.deliver_due(conn, cfg)
    assert result.sent == [ok]
    assert outbox.get(conn, gone)["status"] == "mislukt"
    assert "550 5.1.1 Deze postbus bestaat niet" in outbox.get(conn, gone)["last_error"]
    assert outbox.get(conn, full)["status"] == "fout"  # temporary: retried later
    assert "452" in outbox.get(conn, full)["last_error"]
    assert [m.rcpt_tos for m in server.mailbox.messages] == [["jan@gemeente.nl"]]


def test_a_server_that_is_down_loses_nothing(conn, monkeypatch, tmp_path):
    port = free_port()
    monkeypatch.setenv("JEP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("JEP_SMTP_PORT", str(port))
    monkeypatch.setenv("JEP_SMTP_SECURITY", "none")
    monkeypatch.setenv("JEP_MAIL_FROM", "werkateliers@platformjep.test")
    cfg = settings.load()
    ids = queue(conn, n=3)
    result = delivery.deliver_due(conn, cfg)
    assert result.failed == ids[:1] and "niet bereikbaar" in (result.error or "")
    assert outbox.get(conn, ids[0])["status"] == "fout"
    assert [outbox.get(conn, i)["status"] for i in ids[1:]] == ["wachtrij", "wachtrij"]
    with smtp_server(port=port) as srv:
        later = outbox.utcnow() + timedelta(seconds=outbox.BACKOFF_SECONDS[0] + 1)
        result = delivery.deliver_due(conn, cfg, now=lambda: later)
        assert sorted(result.sent) == ids
        assert len(srv.mailbox.messages) == 3


def test_two_workers_at_once_send_every_message_once(db_file, server, monkeypatch):
    cfg = use(monkeypatch, server)
    with db.open_db(db_file) as d:
        ids = queue(d, n=24)

    def work(name: str) -> None:
        with db.open_db(db_file) as d:
            delivery.deliver_due(d, cfg, worker=f"{name}:{os.getpid()}:x")

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    got = [m.message_id for m in server.mailbox.messages]
    assert len(got) == len(ids) == len(set(got))
    with db.open_db(db_file) as d:
        assert outbox.counts(d)["verzonden"] == len(ids)


# ---------------------------------------------------------------- a worker killed mid-send


def _send_process(db_file: Path, srv) -> subprocess.Popen:
    env = dict(os.environ, JEP_DB=str(db_file), **srv.env())
    return subprocess.Popen(
        [sys.executable, "-m", "jep", "mail", "send"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)  # reaped: its process id is gone


def test_a_worker_killed_before_the_commit_delivers_each_message_once_after_restart(
    db_file, server, monkeypatch
):
    use(monkeypatch, server)
    with db.open_db(db_file) as d:
        ids = queue(d, "a@gemeente.nl") + queue(d, "b@gemeente.nl") + queue(d, "c@gemeente.nl")
    server.mailbox.hold_rcpt.add("b@gemeente.nl")
    proc = _send_process(db_file, server)
    assert server.mailbox.held.wait(120), proc.communicate(timeout=5)[0]
    _kill(proc)  # killed while the server holds message 2 (before its data went out)
    with db.open_db(db_file) as d:
        states = [outbox.get(d, i)["status"] for i in ids]
    assert states == ["verzonden", "bezig", "wachtrij"]
    server.mailbox.hold_rcpt.clear()
    server.mailbox.release.set()

    restarted = _send_process(db_file, server)
    out, _ = restarted.communicate(timeout=120)
    assert restarted.returncode == 0, out
    with db.open_db(db_file) as d:
        assert [outbox.get(d, i)["status"] for i in ids] == ["verzonden"] * 3
        assert outbox.get(d, ids[1])["attempts"] == 2
        expected = sorted(outbox.get(d, i)["message_id"] for i in ids)
    got = sorted(m.message_id for m in server.mailbox.messages)
    assert got == expected  # each exactly once


def test_a_worker_killed_after_the_commit_never_sends_again(db_file, server, monkeypatch):
    use(monkeypatch, server)
    with db.open_db(db_file) as d:
        [mail_id] = queue(d, "b@gemeente.nl")
    server.mailbox.hold_after_data.add("b@gemeente.nl")  # the server has it, the 250 waits
    proc = _send_process(db_file, server)
    assert server.mailbox.held.wait(120), proc.communicate(timeout=5)[0]
    _kill(proc)
    server.mailbox.hold_after_data.clear()
    server.mailbox.release.set()
    restarted = _send_process(db_file, server)
    restarted.communicate(timeout=120)
    with db.open_db(db_file) as d:
        row = outbox.get(d, mail_id)
        assert row["status"] == "onzeker" and "niet vanzelf opnieuw" in row["last_error"]
        assert outbox.actions(row, smtp_enabled=True) == ["retry", "delivered"]
        outbox.act(d, mail_id, "delivered", "tester")
        assert outbox.get(d, mail_id)["status"] == "verzonden"
    assert len(server.mailbox.messages) == 1


def test_the_background_worker_delivers_what_a_button_queued(db_file, server, monkeypatch):
    use(monkeypatch, server, JEP_MAIL_WORKER="1", JEP_MAIL_POLL_SECONDS="30")
    w = outgoing.start(db_file)
    assert w is not None
    assert outgoing.start(db_file) is w  # once per process and database (a cleared cache)
    try:
        time.sleep(0.5)  # the first round has run; the next is 30 s away unless woken
        with db.open_db(db_file) as d:
            outgoing.queue_test(d, "beheer@platformjep.nl", "tester")  # wakes the worker
        assert server.mailbox.wait_for(1, timeout=10)
    finally:
        w.stop.set()
        outgoing.mail_worker.wake()
