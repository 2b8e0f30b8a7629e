"""Every kind of message, composed from real workshop data and received by a real SMTP server
(aiosmtpd on localhost): the recipient, subject, body and attachment of each, the .ics against
the planning, and that running the producers again sends nothing twice."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from support.report_data import held_workshop
from support.smtp import smtp_server

from jep.mail import delivery, outbox, settings
from jep.mail.errors import MailError
from jep.reference.catalog import catalog
from jep.report import sending, versions
from jep.report.content import ReportError
from jep.store import db
from jep.workshop import intake, invites, messages, participants, planning, workshops

CAT = catalog()
SMALL = dataclasses.replace(CAT, settings={**CAT.settings, "workshop": {"max_participants": 2}})
TODAY = date.today()
DAY = TODAY + timedelta(days=21)
LOCAL = ZoneInfo("Europe/Amsterdam")
CONTACT = "gemeente:GM0344"


@pytest.fixture
def server():
    with smtp_server() as s:
        yield s


@pytest.fixture
def cfg(server, monkeypatch) -> settings.MailSettings:
    for key, value in server.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("JEP_MAIL_STAFF", "team@platformjep.test")
    return settings.load()


def received(server, conn, cfg) -> list:
    start = len(server.mailbox.messages)
    result = delivery.deliver_due(conn, cfg)
    assert not result.failed, [outbox.get(conn, i)["last_error"] for i in result.failed]
    return server.mailbox.messages[start:]


def plan(conn, when: date = DAY, slot: str = "middag", location: str = "Stadhuis") -> int:
    wid = workshops.create_request(conn, "GM0344", "tester")
    conn.execute(
        "UPDATE workshops SET status = 'gepland', date = ?, time_slot = ?, location = ?, "
        "address = 'Stadsplateau 1, Utrecht' WHERE id = ?",
        [when.isoformat(), slot, location, wid],
    )
    conn.conn.commit()
    return wid


def add(conn, wid, name, email=None, actor="tester", cat=SMALL, by_contact=False):
    errors, added = participants.add(
        conn,
        wid,
        {"name": name, "organisation": "School", "sector_id": "onderwijs", "email": email},
        actor,
        cat,
        by_contact=by_contact,
    )
    assert not errors, errors
    return added


def ics_of(msg) -> Calendar:
    [(ctype, data)] = [v for k, v in msg.attachments().items() if k.endswith(".ics")]
    assert ctype.startswith("text/calendar")
    return Calendar.from_ical(data)


def by_to(msgs) -> dict[str, object]:
    return {m.rcpt_tos[0]: m for m in msgs}


# ---------------------------------------------------------------- participants


def test_participants_are_told_every_change_once_with_matching_calendar_invitations(
    conn, server, cfg
):
    wid = plan(conn)
    anna = add(conn, wid, "Anna Aalders", "anna@school.nl")
    add(conn, wid, "Bram Bos", "bram@school.nl")
    cees = add(conn, wid, "Cees Cools", "cees@school.nl")  # waiting list (2 seats)
    add(conn, wid, "Dirk zonder adres")
    assert cees.status == "wachtlijst"

    assert messages.sync_participants(conn, cfg) == 3
    got = by_to(received(server, conn, cfg))
    assert set(got) == {"anna@school.nl", "bram@school.nl", "cees@school.nl"}
    first = got["anna@school.nl"]
    assert first.subject.startswith("Bevestiging: werkatelier")
    body = first.text()
    assert "Beste Anna Aalders," in body and "Stadhuis" in body and "Utrecht" in body
    assert "Bram" not in body and "Cees" not in body  # never anyone else's name
    cal = ics_of(first)
    ev = cal.events[0]
    assert str(cal["METHOD"]) == "REQUEST" and int(ev["SEQUENCE"]) == 0
    assert ev.start == datetime.combine(DAY, time(13, 30), LOCAL).astimezone(UTC)
    assert ev.end == datetime.combine(DAY, time(17, 0), LOCAL).astimezone(UTC)
    assert str(ev["LOCATION"]) == "Stadhuis, Stadsplateau 1, Utrecht"
    assert str(ev["ATTENDEE"]) == "mailto:anna@school.nl"
    assert "werkateliers@platformjep.test" in str(ev["ORGANIZER"])
    uid_anna = str(ev["UID"])
    assert got["cees@school.nl"].subject.startswith("Wachtlijst:")
    assert got["cees@school.nl"].attachments() == {}

    assert messages.sync_participants(conn, cfg) == 0  # nothing twice

    new_day = DAY + timedelta(days=7)
    errors = planning.save_plan(
        conn,
        wid,
        {
            "date": new_day,
            "time_slot": "ochtend",
            "location": "Bibliotheek",
            "address": "Stadsplateau 1, Utrecht",
        },
        "tester",
        TODAY,
    )
    assert not errors
    assert messages.sync_participants(conn, cfg) == 2  # not the waiting list
    got = by_to(received(server, conn, cfg))
    assert set(got) == {"anna@school.nl", "bram@school.nl"}
    update = got["anna@school.nl"]
    assert update.subject.startswith("Gewijzigd:")
    assert "de datum is verplaatst van" in update.text() and "Bibliotheek" in update.text()
    ev = ics_of(update).events[0]
    assert str(ev["UID"]) == uid_anna and int(ev["SEQUENCE"]) == 1
    assert ev.start == datetime.combine(new_day, time(9, 0), LOCAL).astimezone(UTC)

    promoted = participants.remove(conn, wid, anna.id, "tester", SMALL)
    assert promoted == ["Cees Cools"]
    assert messages.sync_participants(conn, cfg) == 2
    got = by_to(received(server, conn, cfg))
    cancel = ics_of(got["anna@school.nl"])
    assert got["anna@school.nl"].subject.startswith("Afgemeld:")
    assert str(cancel["METHOD"]) == "CANCEL" and str(cancel.events[0]["UID"]) == uid_anna
    assert int(cancel.events[0]["SEQUENCE"]) == 2
    assert str(cancel.events[0]["STATUS"]) == "CANCELLED"
    moved = got["cees@school.nl"]
    assert moved.subject.startswith("Er is een plaats vrij")
    assert int(ics_of(moved).events[0]["SEQUENCE"]) == 0

    planning.change_status(conn, wid, "geannuleerd", "tester", TODAY)
    assert messages.sync_participants(conn, cfg) == 2
    got = by_to(received(server, conn, cfg))
    assert set(got) == {"bram@school.nl", "cees@school.nl"}
    for m in got.values():
        assert m.subject.startswith("Geannuleerd:")
        assert str(ics_of(m)["METHOD"]) == "CANCEL"
    assert messages.sync_participants(conn, cfg) == 0
    kinds = {r[0] for r in conn.execute("SELECT kind FROM mail_messages")}
    assert kinds == {
        "deelnemer-bevestiging",
        "deelnemer-wachtlijst",
        "deelnemer-wijziging",
        "deelnemer-afgemeld",
        "deelnemer-doorgeschoven",
        "deelnemer-geannuleerd",
    }


def test_a_changed_address_cancels_the_old_and_invites_the_new(conn, server, cfg):
    wid = plan(conn)
    anna = add(conn, wid, "Anna", "anna@oud.nl")
    messages.sync_participants(conn, cfg)
    received(server, conn, cfg)
    errors, _ = participants.apply_changes(
        conn, wid, {anna.id: {"email": "anna@nieuw.nl"}}, [], "tester", SMALL
    )
    assert not errors
    messages.sync_participants(conn, cfg)
    got = by_to(received(server, conn, cfg))
    assert str(ics_of(got["anna@oud.nl"])["METHOD"]) == "CANCEL"
    assert str(ics_of(got["anna@nieuw.nl"])["METHOD"]) == "REQUEST"


def test_no_mail_for_demo_workshops_past_days_or_registrations_before_mail_existed(
    conn, server, cfg
):
    demo = plan(conn)
    conn.execute("UPDATE workshops SET is_demo = 1 WHERE id = ?", [demo])
    conn.conn.commit()
    add(conn, demo, "Demo", "demo@school.nl")
    old = plan(conn)
    add(conn, old, "Oud", "oud@school.nl")
    conn.execute("UPDATE participants SET created_at = '2020-01-01T00:00:00+00:00'")
    conn.conn.commit()
    assert messages.sync_participants(conn, cfg) == 0
    # a later change does reach the one registered before mail existed (first invitation)
    errors = planning.save_plan(
        conn,
        old,
        {"date": DAY + timedelta(days=1), "time_slot": "middag", "location": "Stadhuis"},
        "tester",
        TODAY,
    )
    assert not errors
    assert messages.sync_participants(conn, cfg) == 1
    [m] = received(server, conn, cfg)
    assert m.rcpt_tos == ["oud@school.nl"] and int(ics_of(m).events[0]["SEQUENCE"]) == 0
    assert messages.sync_participants(conn, cfg, today=DAY + timedelta(days=5)) == 0


def test_a_participant_list_that_would_mix_municipalities_is_refused(conn):
    drafts = [
        outbox.Draft("deelnemer-bevestiging", "a@x.nl", "s", "b", municipality_code="GM0344"),
        outbox.Draft("deelnemer-bevestiging", "b@x.nl", "s", "b", municipality_code="GM0363"),
    ]
    with pytest.raises(MailError, match="verschillende gemeenten"):
        outbox.check_one_municipality(drafts)


def test_the_contact_downloads_the_workshop_as_ics(conn, cfg):
    wid = plan(conn)
    cal = Calendar.from_ical(messages.workshop_ics(conn, wid))
    ev = cal.events[0]
    assert str(cal["METHOD"]) == "PUBLISH" and "ATTENDEE" not in ev
    assert "Utrecht" in str(ev["SUMMARY"])
    assert ev.start == datetime.combine(DAY, time(13, 30), LOCAL).astimezone(UTC)
    unplanned = workshops.create_request(conn, "GM0344", "tester")
    with pytest.raises(MailError, match="nog geen datum"):
        messages.workshop_ics(conn, unplanned)


# ---------------------------------------------------------------- the contact


def test_intake_invitation_with_the_link_and_its_expiry(conn, server, cfg):
    wid = workshops.create_request(conn, "GM0344", "tester")
    token = invites.issue(conn, wid, "tester")
    link = f"http://localhost:8501/?token={token}"
    with pytest.raises(MailError):
        messages.intake_invitation(conn, wid, "contact@gemeente", link, "tester", cfg)
    mail_id = messages.intake_invitation(conn, wid, "contact@utrecht.nl", link, "tester", cfg)
    [m] = received(server, conn, cfg)
    assert m.rcpt_tos == ["contact@utrecht.nl"] and "gemeente Utrecht" in m.subject
    expires = invites.active_link(conn, wid)["expires_at"]
    from jep.fmt import fmt_date

    assert link in m.text() and fmt_date(expires) in m.text()
    assert "Auto-Submitted" not in m.message  # a person asked for it
    assert token not in outbox.get(conn, mail_id)["body"]  # not kept once delivered


def _submit_as_contact(conn, wid, submit: bool, email: str = "anna@utrecht.nl") -> None:
    raw = {
        "contact": {"name": "Anna", "role": "beleid", "email": email, "phone": ""},
        "context": dict.fromkeys(intake.CONTEXT_QUESTIONS, "ja"),
        "knelpunten": {"geen-terugkoppeling": {"severity": 3, "explanation": ""}},
        "own_knelpunten": [],
        "sectors": {"onderwijs": 2, "jeugdhulp": 2, "veiligheid": 1},
        "dates": [DAY, DAY + timedelta(days=7)],
        "location_by": "gemeente",
        "catering_by": "gemeente",
        "remarks": "",
    }
    version = intake.load(conn, wid)["version"]
    errors, _ = intake.save(conn, wid, raw, version, CONTACT, CAT, TODAY, submit=submit)
    assert not errors, errors


def test_reminders_before_the_link_expires_and_when_nothing_was_started(conn, server, cfg):
    t = messages.texts()
    idle = workshops.create_request(conn, "GM0344", "tester")
    token = invites.issue(conn, idle, "tester")
    messages.intake_invitation(conn, idle, "contact@utrecht.nl", f"http://x/?token={token}", "t")
    draft = workshops.create_request(conn, "GM0344", "tester")
    invites.issue(conn, draft, "tester")
    _submit_as_contact(conn, draft, submit=False)
    received(server, conn, cfg)

    now = datetime.now(UTC)
    assert messages.queue_reminders(conn, cfg, now) == 0  # too early for either
    later = now + timedelta(days=t.reminder_not_started_days, hours=1)
    assert messages.queue_reminders(conn, cfg, later) == 1
    [m] = received(server, conn, cfg)
    assert m.rcpt_tos == ["contact@utrecht.nl"] and "nog niet begonnen" not in m.subject
    assert "nog niet begonnen" in m.text()
    assert messages.queue_reminders(conn, cfg, later) == 0  # once per link

    expires = datetime.fromisoformat(invites.active_link(conn, draft)["expires_at"])
    near = expires - timedelta(days=t.reminder_before_expiry_days) + timedelta(hours=1)
    assert messages.queue_reminders(conn, cfg, near) == 1
    [m] = received(server, conn, cfg)
    assert m.rcpt_tos == ["anna@utrecht.nl"]  # the address the contact typed in the intake
    assert "nog niet ingediend" in m.subject and "verloopt over" in m.text()
    assert messages.queue_reminders(conn, cfg, near) == 0
    invites.revoke(conn, idle, "tester")  # a revoked link is never reminded of


# ---------------------------------------------------------------- staff


def test_staff_hear_when_a_contact_submits_or_registers(conn, server, cfg):
    wid = workshops.create_request(conn, "GM0344", "tester")
    _submit_as_contact(conn, wid, submit=True)
    planned = plan(conn)
    add(conn, planned, "Fatima Ouali", "fatima@politie.nl", actor=CONTACT, by_contact=True)
    add(conn, planned, "Staff Added", actor="tester")  # by staff: no notification
    assert messages.queue_staff_notifications(conn, cfg) == 2
    assert messages.queue_staff_notifications(conn, cfg) == 0
    msgs = [m for m in received(server, conn, cfg) if m.rcpt_tos == ["team@platformjep.test"]]
    subjects = sorted(m.subject for m in msgs)
    assert subjects[0].startswith("Nieuwe aanmelding voor het werkatelier in Utrecht")
    assert subjects[1] == f"Voorgesprek ingediend door gemeente Utrecht (werkatelier #{wid})"
    registration = next(m for m in msgs if "aanmelding" in m.subject).text()
    assert "Fatima Ouali" in registration and "Onderwijs" in registration


# ---------------------------------------------------------------- the report


def test_the_report_goes_with_the_pdf_and_the_version_records_the_message(conn, server, cfg):
    wid = held_workshop(conn)
    made = versions.create_version(conn, wid, "tester")
    filename, pdf = versions.version_pdf(conn, wid, made["id"])
    with pytest.raises(MailError):
        sending.send_report(conn, wid, made["id"], "anna@", "tester", cfg)
    other = held_workshop(conn, code="GM0363")
    with pytest.raises(ReportError, match="bestaat niet"):
        sending.send_report(conn, other, made["id"], "anna@utrecht.nl", "tester", cfg)
    mail_id = sending.send_report(conn, wid, made["id"], "anna@utrecht.nl", "tester", cfg)
    with pytest.raises(ReportError, match="staat al klaar"):  # a second click
        sending.send_report(conn, wid, made["id"], "Anna@Utrecht.nl", "tester", cfg)
    assert sending.record_delivered(conn) == 0  # not delivered yet: not marked
    assert workshops.get(conn, wid)["status"] == "uitgevoerd"
    [m] = received(server, conn, cfg)
    assert m.rcpt_tos == ["anna@utrecht.nl"] and m.subject.startswith("Verslag werkatelier")
    assert m.attachments() == {filename: ("application/pdf", pdf)}
    assert sending.record_delivered(conn) == 1
    row = conn.execute(
        "SELECT sent_at, sent_by, sent_message_id FROM report_versions WHERE id = ?",
        [made["id"]],
    ).fetchone()
    assert row[1] == "tester" and row[2] == outbox.get(conn, mail_id)["message_id"] == m.message_id
    assert workshops.get(conn, wid)["status"] == "verslag verstuurd"
    assert sending.record_delivered(conn) == 0


def test_a_report_cannot_be_sent_before_the_workshop_was_held(conn, cfg):
    wid = plan(conn)
    with pytest.raises(ReportError, match="uitgevoerd"):
        sending.send_report(conn, wid, 1, "anna@utrecht.nl", "tester", cfg)


def test_without_a_mail_server_every_message_waits_in_the_outbox(db_file):
    with db.open_db(db_file) as conn:
        cfg = settings.load()
        wid = plan(conn)
        add(conn, wid, "Anna", "anna@school.nl")
        messages.sync_participants(conn, cfg)
        [row] = outbox.listing(conn).to_dict("records")
        assert row["status"] == "postvak" and row["kind"] == "deelnemer-bevestiging"
        assert delivery.deliver_due(conn, cfg).sent == []
        assert outbox.get(conn, row["id"])["status"] == "postvak"
