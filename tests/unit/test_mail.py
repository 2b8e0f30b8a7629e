"""The mail machinery without a server: addresses, settings, texts, the outbox's states and
claims, .eml, .ics, retention and the municipality's rights."""

from __future__ import annotations

import email
import email.policy
import io
import json
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from jep import outgoing
from jep.mail import addresses, eml, ics, outbox, settings, templates
from jep.mail.errors import MailError, MailSettingsError
from jep.privacy import retention, rights
from jep.reference import config
from jep.reference.toml import CatalogError
from jep.store import audit, db
from jep.workshop import workshops

# ---------------------------------------------------------------- addresses and headers


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "jan",
        "jan@",
        "@gemeente.nl",
        "jan@gemeente",
        "jan@@gemeente.nl",
        "jan de vries@gemeente.nl",
        "jan@gemeente.nl, piet@gemeente.nl",
        "jan@gemeente.nl;piet@gemeente.nl",
        "Jan <jan@gemeente.nl>",
        "jan@gemeente.nl\r\nBcc: iedereen@example.nl",
        "jan@gemeente.nl\nBcc: x@y.nl",
        "jöns@gemeente.nl",
        "a@b..nl",
        '"jan"@gemeente.nl',
        "x" * 250 + "@gemeente.nl",
    ],
)
def test_bad_addresses_are_refused_with_a_dutch_reason(text):
    with pytest.raises(MailError) as exc:
        addresses.check_address(text)
    assert "adres" in str(exc.value)


@pytest.mark.parametrize(
    "text", ["jan@gemeente.nl", " Jan.de.Vries+jep@utrecht.nl ", "a_b@sub.domein-x.example"]
)
def test_good_addresses_pass_stripped(text):
    assert addresses.check_address(text) == text.strip()


def test_a_line_break_in_a_header_value_is_refused():
    for bad in ("Onderwerp\r\nBcc: x@y.nl", "a\nb", "a\u2028b"):
        with pytest.raises(MailError, match="regeleinde"):
            addresses.check_header(bad, "Het onderwerp")


# ---------------------------------------------------------------- settings


def test_without_settings_everything_stays_in_the_outbox():
    cfg = settings.load()
    assert not cfg.smtp_enabled
    assert cfg.sender == "werkateliers@jep.invalid"
    assert cfg.staff == (cfg.sender,)
    assert "postvak" in cfg.describe()


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("JEP_SMTP_HOST", "mail.example.nl")
    monkeypatch.setenv("JEP_SMTP_SECURITY", "ssl")
    monkeypatch.setenv("JEP_SMTP_USER", "jep")
    monkeypatch.setenv("JEP_SMTP_PASSWORD", "geheim")
    monkeypatch.setenv("JEP_MAIL_FROM", "Platform JEP <werkateliers@platformjep.nl>")
    monkeypatch.setenv("JEP_MAIL_STAFF", "team@platformjep.nl, planning@platformjep.nl")
    cfg = settings.load()
    assert (cfg.host, cfg.port, cfg.security, cfg.user) == ("mail.example.nl", 465, "ssl", "jep")
    assert (cfg.sender, cfg.sender_name) == ("werkateliers@platformjep.nl", "Platform JEP")
    assert cfg.staff == ("team@platformjep.nl", "planning@platformjep.nl")
    assert "geheim" not in cfg.describe() and "geheim" not in repr(cfg)


def test_settings_from_secrets_toml_and_the_environment_wins(monkeypatch, tmp_path):
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(
        'JEP_SMTP_HOST = "smtp.secrets.nl"\nJEP_SMTP_PORT = 2525\n'
        'JEP_MAIL_FROM = "werkateliers@platformjep.nl"\n[connections]\nx = 1\n'
    )
    monkeypatch.setattr(config, "SECRETS_FILES", (tmp_path / "missing.toml", secrets_file))
    cfg = settings.load()
    assert (cfg.host, cfg.port, cfg.security) == ("smtp.secrets.nl", 2525, "starttls")
    monkeypatch.setenv("JEP_SMTP_HOST", "smtp.env.nl")
    assert settings.load().host == "smtp.env.nl"


def test_a_missing_secrets_file_is_fine_and_a_broken_one_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "SECRETS_FILES", (tmp_path / "nope.toml",))
    assert config.value("JEP_SMTP_HOST") is None
    broken = tmp_path / "secrets.toml"
    broken.write_text("JEP_SMTP_HOST = \n")
    monkeypatch.setattr(config, "SECRETS_FILES", (broken,))
    with pytest.raises(CatalogError, match="secrets.toml"):
        config.value("JEP_SMTP_HOST")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"JEP_SMTP_HOST": "mail.nl", "JEP_SMTP_PORT": "abc"}, "JEP_SMTP_PORT"),
        ({"JEP_SMTP_HOST": "mail.nl", "JEP_SMTP_SECURITY": "tls"}, "JEP_SMTP_SECURITY"),
        ({"JEP_SMTP_HOST": "mail.nl"}, "JEP_MAIL_FROM"),
        ({"JEP_MAIL_FROM": "geen adres"}, "JEP_MAIL_FROM"),
        (
            {"JEP_SMTP_HOST": "m.nl", "JEP_SMTP_SECURITY": "none", "JEP_SMTP_USER": "u"},
            "versleutelde",
        ),
        ({"JEP_MAIL_STAFF": "a@b.nl, kapot"}, "JEP_MAIL_STAFF"),
        ({"JEP_SMTP_CAFILE": "/bestaat/niet.pem"}, "JEP_SMTP_CAFILE"),
    ],
)
def test_invalid_settings_name_the_key(monkeypatch, env, message):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(MailSettingsError, match=message):
        settings.load()


# ---------------------------------------------------------------- texts


def test_the_shipped_texts_are_complete():
    outgoing.check_texts()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "messages.toml"
    path.write_text(templates.MESSAGES_FILE.read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


def test_a_broken_text_is_refused_naming_the_file_and_the_entry(tmp_path):
    good = templates.MESSAGES_FILE.read_text(encoding="utf-8")
    cases = {
        good.replace("{link}", "{link.__class__}"): "intake-uitnodiging",
        good.replace("{geldig_tot}", "{geldig_tot!r}"): "intake-uitnodiging",
        good.replace("Beste {naam},", "Beste {naam,"): "deelnemer-bevestiging",
        good.replace("max_attachment_mb = 10", "max_attachment_mb = 0"): "max_attachment_mb",
        good.replace('id = "verslag"', 'id = "test"'): "'test'",
    }
    for text, entry in cases.items():
        path = tmp_path / "messages.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(CatalogError) as exc:
            templates.load_templates(path)
        assert "messages.toml" in str(exc.value) and entry in str(exc.value), str(exc.value)


def test_an_unknown_placeholder_names_the_message_and_what_is_allowed(tmp_path):
    good = templates.MESSAGES_FILE.read_text(encoding="utf-8")
    path = tmp_path / "messages.toml"
    path.write_text(good.replace("Beste {naam},", "Beste {naam}, {deelnemerslijst}", 1))
    t = templates.load_templates(path)
    from jep.workshop import messages

    with pytest.raises(CatalogError) as exc:
        t.check(messages.KINDS)
    assert "deelnemer-bevestiging" in str(exc.value)
    assert "{deelnemerslijst}" in str(exc.value) and "{naam}" in str(exc.value)


def test_rendering_inserts_values_as_text_and_refuses_a_subject_with_a_line_break():
    t = templates.templates()
    subject, body = t.render("test", {"tijd": "{gemeente} <b>", "afzender": "x", "server": "y"})
    assert "{gemeente} <b>" in body and body.endswith("070 - 333 4558\n")
    with pytest.raises(MailError, match="regeleinde"):
        t.render(
            "melding-voorgesprek-ingediend",
            {"gemeente": "Utrecht\r\nBcc: x@y.nl", "werkatelier": "#1", "ingediend_op": "x"},
        )


# ---------------------------------------------------------------- the outbox


def draft(**kw) -> outbox.Draft:
    base = {"kind": "test", "to": "jan@gemeente.nl", "subject": "Onderwerp", "body": "Tekst\n"}
    return outbox.Draft(**{**base, **kw})


def test_queue_without_a_server_keeps_the_message_in_the_outbox_and_audits_without_body(conn):
    mail_id = outbox.queue(conn, draft(body="Geheime inhoud\n"), "tester")
    row = outbox.get(conn, mail_id)
    assert row["status"] == "postvak" and row["message_id"].endswith("@jep.invalid>")
    log = audit.entries(conn, action="bericht klaargezet")
    assert len(log) == 1
    assert "Geheime inhoud" not in log["detail"][0] and "jan@gemeente.nl" not in log["detail"][0]
    with pytest.raises(MailError):  # no server: cannot be sent, only read or cancelled
        outbox.act(conn, mail_id, "retry", "tester")
    assert outbox.actions(row, smtp_enabled=False) == ["cancel", "delivered"]


def test_bad_input_queues_nothing(conn):
    for bad in (
        draft(to="jan@gemeente.nl, piet@gemeente.nl"),
        draft(subject="Hallo\r\nBcc: iedereen@example.nl"),
        draft(to_name="Jan\nBcc: x@y.nl"),
        draft(subject=""),
        draft(attachments=(outbox.Attachment("../etc/passwd", "text/plain", b"x"),)),
    ):
        with pytest.raises(MailError):
            outbox.queue(conn, bad, "tester")
    assert conn.execute("SELECT count(*) FROM mail_messages").fetchone()[0] == 0


def test_attachments_over_the_limit_are_refused(conn):
    limit = outbox.max_attachment_bytes()
    big = outbox.Attachment("groot.pdf", "application/pdf", b"x" * (limit + 1))
    with pytest.raises(MailError, match="MB"):
        outbox.queue(conn, draft(attachments=(big,)), "tester")
    ok = outbox.Attachment("klein.pdf", "application/pdf", b"x" * (limit - 10))
    assert outbox.queue(conn, draft(attachments=(ok,)), "tester")


def test_a_batch_never_mixes_municipalities(conn):
    drafts = [draft(municipality_code="GM0344"), draft(municipality_code="GM0363")]
    with pytest.raises(MailError, match="verschillende gemeenten"):
        outbox.queue_batch(conn, drafts, "tester")
    assert conn.execute("SELECT count(*) FROM mail_messages").fetchone()[0] == 0
    assert len(outbox.queue_batch(conn, [draft(municipality_code="GM0344")] * 2, "t")) == 2


def test_a_dedupe_key_queues_an_event_once(conn):
    assert outbox.queue(conn, draft(dedupe_key="x:1"), "t") is not None
    assert outbox.queue(conn, draft(dedupe_key="x:1"), "t") is None
    assert conn.execute("SELECT count(*) FROM mail_messages").fetchone()[0] == 1


def smtp_on(monkeypatch):
    monkeypatch.setenv("JEP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("JEP_SMTP_SECURITY", "none")
    monkeypatch.setenv("JEP_MAIL_FROM", "werkateliers@platformjep.test")


def test_one_claim_per_message_and_back_off_until_it_gives_up(conn, monkeypatch):
    smtp_on(monkeypatch)
    mail_id = outbox.queue(conn, draft(), "t")
    t0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    first = outbox.claim_next(conn, "host:1:a", t0)
    assert first["id"] == mail_id and first["status"] == "bezig"
    assert outbox.claim_next(conn, "host:2:b", t0) is None  # already claimed
    moment = t0
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        status = outbox.finish_failed(conn, mail_id, "451 later", False, "host:1:a", moment)
        row = outbox.get(conn, mail_id)
        if attempt == outbox.MAX_ATTEMPTS:
            assert status == "mislukt" and row["next_attempt_at"] is None
            break
        assert status == "fout" and row["last_error"] == "451 later"
        wait = timedelta(seconds=outbox.BACKOFF_SECONDS[attempt - 1])
        assert outbox.claim_next(conn, "host:1:a", moment + wait - timedelta(seconds=1)) is None
        moment = moment + wait
        assert outbox.claim_next(conn, "host:1:a", moment)["attempts"] == attempt + 1
    assert outbox.act(conn, mail_id, "retry", "tester") == "Het bericht staat weer in de wachtrij."
    assert outbox.get(conn, mail_id)["attempts"] == 0


def test_a_permanent_refusal_fails_at_once(conn, monkeypatch):
    smtp_on(monkeypatch)
    mail_id = outbox.queue(conn, draft(), "t")
    outbox.claim_next(conn, "w")
    assert outbox.finish_failed(conn, mail_id, "550 no such user", True, "w") == "mislukt"
    assert audit.count(conn, action="bericht mislukt") == 1


def test_recovery_requeues_an_uncommitted_message_and_never_a_committed_one(conn, monkeypatch):
    smtp_on(monkeypatch)
    a = outbox.queue(conn, draft(), "t")
    b = outbox.queue(conn, draft(), "t")
    t0 = datetime.now(UTC)
    outbox.claim_next(conn, "dead:1:x", t0)
    outbox.claim_next(conn, "dead:1:x", t0)
    outbox.set_phase(conn, b, "afronden", "dead:1:x")
    # while the lease runs and the worker lives, nothing happens
    assert outbox.recover(conn, t0, alive=lambda w: True) == {"opnieuw": 0, "onzeker": 0}
    # the worker's process is gone
    assert outbox.recover(conn, t0, alive=lambda w: False) == {"opnieuw": 1, "onzeker": 1}
    assert outbox.get(conn, a)["status"] == "fout"
    assert outbox.get(conn, b)["status"] == "onzeker"
    assert outbox.claim_next(conn, "w2", t0)["id"] == a  # only the uncommitted one comes back
    assert outbox.claim_next(conn, "w2", t0) is None


def test_an_expired_lease_is_recovered_even_when_the_worker_seems_alive(conn, monkeypatch):
    smtp_on(monkeypatch)
    a = outbox.queue(conn, draft(), "t")
    t0 = datetime.now(UTC)
    outbox.claim_next(conn, "other-host:1:x", t0)
    later = t0 + timedelta(seconds=outbox.LEASE_SECONDS + 1)
    assert outbox.recover(conn, later, alive=lambda w: True)["opnieuw"] == 1
    # the old worker wakes up and tries to commit: refused, so it drops the connection
    with pytest.raises(outbox.ClaimLost):
        outbox.set_phase(conn, a, "afronden", "other-host:1:x")


def test_a_process_that_is_gone_is_recognised():
    import os
    import socket

    assert outbox.process_alive(outbox.WORKER_ID)
    assert outbox.process_alive(f"another-host-{os.getpid()}:1:x")  # unknowable: its lease says
    assert not outbox.process_alive(f"{socket.gethostname()}:999999999:x")


def test_the_personal_link_leaves_the_stored_copy_once_sent_or_expired(conn, monkeypatch):
    smtp_on(monkeypatch)
    link = "http://localhost:8501/?token=" + "a" * 43
    sent = outbox.queue(
        conn, draft(body=f"Link: {link}\n", secrets=(link,), secret_until="2099-01-01"), "t"
    )
    kept = outbox.queue(
        conn,
        draft(body=f"Link: {link}\n", secrets=(link,), secret_until="2026-01-01T00:00:00+00:00"),
        "t",
    )
    outbox.claim_next(conn, "w")
    outbox.set_phase(conn, sent, "afronden", "w")
    outbox.finish_sent(conn, sent, "250 ok", "w")
    assert (
        link not in outbox.get(conn, sent)["body"]
        and outbox.SCRUBBED in outbox.get(conn, sent)["body"]
    )
    assert link in outbox.get(conn, kept)["body"]
    assert outbox.scrub_expired(conn) == 1
    assert link not in outbox.get(conn, kept)["body"]
    assert outbox.get(conn, kept)["secret_values"] is None


# ---------------------------------------------------------------- .eml and .ics


def test_the_eml_is_the_stored_message(conn):
    cal = outbox.Attachment("uitnodiging.ics", ics.mime_type("REQUEST"), b"BEGIN:VCALENDAR\r\n")
    mail_id = outbox.queue(
        conn,
        draft(
            to_name="Zoë de Vries",
            subject="Bevestiging – werkatelier op 3 maart",
            body="Beste Zoë,\n.regel die met een punt begint\n€ 12,50 😀\n",
            attachments=(cal,),
        ),
        "t",
    )
    row = outbox.get(conn, mail_id)
    data = eml.build(row, outbox.attachments(conn, mail_id))
    assert data.isascii() and b"\r\n" in data
    assert data == eml.build(row, outbox.attachments(conn, mail_id))  # same bytes every time
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert msg["To"].addresses[0].display_name == "Zoë de Vries"
    assert msg["Subject"] == "Bevestiging – werkatelier op 3 maart"
    assert msg["Message-ID"] == row["message_id"]
    assert msg["Auto-Submitted"] == "auto-generated"
    assert "€ 12,50 😀" in msg.get_body(("plain",)).get_content()
    part = next(msg.iter_attachments())
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"


def test_an_event_as_ics_request_cancel_and_all_day():
    event = ics.CalendarEvent(
        uid="jep-1@platformjep.test",
        sequence=2,
        summary="Werkatelier – gemeente Utrecht",
        description="Regel 1\nRegel 2, met komma",
        location="Stadhuis, Markt 1",
        day=date(2026, 7, 2),
        start=time(13, 30),
        end=time(17, 0),
        organiser_email="werkateliers@platformjep.test",
        organiser_name="Platform JEP",
        attendee_email="piet@school.nl",
        attendee_name="Piet",
    )
    cal = Calendar.from_ical(ics.build(event, "REQUEST"))
    ev = cal.events[0]
    assert str(cal["METHOD"]) == "REQUEST" and str(ev["STATUS"]) == "CONFIRMED"
    assert ev.start == datetime(2026, 7, 2, 11, 30, tzinfo=UTC)  # 13.30 summer time
    assert ev.end == datetime(2026, 7, 2, 15, 0, tzinfo=UTC)
    assert int(ev["SEQUENCE"]) == 2 and str(ev["UID"]) == "jep-1@platformjep.test"
    assert str(ev["LOCATION"]) == "Stadhuis, Markt 1"
    assert str(ev["ATTENDEE"]) == "mailto:piet@school.nl"
    cancel = Calendar.from_ical(ics.build(event, "CANCEL"))
    assert str(cancel["METHOD"]) == "CANCEL" and str(cancel.events[0]["STATUS"]) == "CANCELLED"
    winter = Calendar.from_ical(
        ics.build(ics.CalendarEvent(**{**event.__dict__, "day": date(2026, 12, 3)}), "PUBLISH")
    ).events[0]
    assert winter.start == datetime(2026, 12, 3, 12, 30, tzinfo=UTC)  # 13.30 winter time
    all_day = ics.CalendarEvent(**{**event.__dict__, "start": None, "end": None})
    ev = Calendar.from_ical(ics.build(all_day, "REQUEST")).events[0]
    assert ev.start == date(2026, 7, 2) and ev.end == date(2026, 7, 3)


# ---------------------------------------------------------------- privacy


def test_retention_erases_addresses_bodies_and_attachments(conn):
    wid = workshops.create_request(conn, "GM0344", "t")
    att = outbox.Attachment("verslag.pdf", "application/pdf", b"%PDF-1.4 x")
    mail_id = outbox.queue(
        conn,
        draft(workshop_id=wid, municipality_code="GM0344", body="Beste Jan\n", attachments=(att,)),
        "t",
    )
    loose = outbox.queue(conn, draft(to="test@platformjep.nl"), "t")
    later = date.today() + timedelta(days=400)
    erased = retention.apply(conn, later)
    assert {e.rule for e in erased} >= {"berichten", "berichten-bijlagen"}
    for mid in (mail_id, loose):
        row = outbox.get(conn, mid)
        assert row["to_addr"] == "[verwijderd]" and row["body"] == "[verwijderd]"
        assert row["subject"]  # what was sent stays known, not to whom or what it said
    assert outbox.attachments(conn, mail_id) == []
    with pytest.raises(MailError, match="gewist"):
        eml.build(outbox.get(conn, mail_id), [])


def test_the_municipality_export_and_erasure_include_its_mail(conn):
    wid = workshops.create_request(conn, "GM0344", "t")
    att = outbox.Attachment("verslag.pdf", "application/pdf", b"%PDF-1.4 x")
    mail_id = outbox.queue(
        conn, draft(workshop_id=wid, municipality_code="GM0344", attachments=(att,)), "t"
    )
    other = workshops.create_request(conn, "GM0363", "t")
    outbox.queue(conn, draft(workshop_id=other, municipality_code="GM0363"), "t")
    data = rights.export_zip(conn, "GM0344", "opdrachtregel")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        doc = json.loads(zf.read("gegevens.json"))
    assert [m["id"] for m in doc["tabellen"]["mail_messages"]] == [mail_id]
    assert len(doc["tabellen"]["mail_attachments"]) == 1
    rights.erase(conn, "GM0344", "anonimiseren", "Utrecht", "opdrachtregel")
    assert outbox.get(conn, mail_id)["to_addr"] == "[verwijderd]"
    rights.erase(conn, "GM0344", "wissen", "Utrecht", "opdrachtregel")
    assert outbox.get(conn, mail_id) is None
    assert conn.execute("SELECT count(*) FROM mail_messages").fetchone()[0] == 1  # the other


def test_the_migration_starts_mail_after_what_happened_before(tmp_path):
    path = tmp_path / "x.db"
    db.init_db(path)
    with db.open_db(path) as d:
        cursor = int(db.get_meta(d, "mail_audit_cursor"))
        assert cursor >= 0 and db.get_meta(d, "mail_since")
