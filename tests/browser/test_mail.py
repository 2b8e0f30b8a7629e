"""Real browser and a real mail server: staff plan a workshop, the municipality's contact
registers a participant on their page, and the confirmation with its calendar invitation arrives
in the test server's mailbox (sent by the server's own background worker); staff see it as sent
on Uitgaande berichten."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from support.browser import browser_sign_in, choose, shot, wait_idle
from support.server import chromium_path, launch_chromium, running_app
from support.smtp import smtp_server

from jep.reference.catalog import catalog
from jep.store import db
from jep.workshop import intake, invites, workshops

pytestmark = pytest.mark.browser
DAY = date.today() + timedelta(days=14)


def type_date(page, label: str, value: date) -> None:
    field = page.get_by_label(label, exact=True)
    field.locator('[role="spinbutton"]').first.click()
    page.keyboard.type(value.strftime("%d%m%Y"))
    page.keyboard.press("Tab")


def submitted_request(path) -> tuple[int, str]:
    """A workshop whose intake was submitted (status 'intake') and the contact's link."""
    db.init_db(path)
    with db.open_db(path) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        token = invites.issue(d, wid, "tester")
        raw = {
            "contact": {"name": "Anna", "role": "beleid", "email": "anna@utrecht.nl"},
            "context": dict.fromkeys(intake.CONTEXT_QUESTIONS, "ja"),
            "knelpunten": {"geen-terugkoppeling": {"severity": 3, "explanation": ""}},
            "sectors": {"onderwijs": 2, "veiligheid": 1},
            "dates": [DAY, DAY + timedelta(days=7)],
            "location_by": "gemeente",
            "catering_by": "gemeente",
        }
        errors, _ = intake.save(
            d, wid, raw, 0, "tester", catalog(), date.today(), submit=True, as_staff=True
        )
        assert not errors, errors
    return wid, token


def test_plan_register_and_the_confirmation_arrives_with_its_ics(tmp_path):
    if not chromium_path():
        if os.environ.get("JEP_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required for browser tests here (apt-get install chromium)")
        pytest.skip("no chromium on PATH: browser tests skipped (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    path = tmp_path / "live.db"
    wid, token = submitted_request(path)
    with smtp_server() as smtp:
        env = {
            **smtp.env(),
            "JEP_MAIL_WORKER": "1",
            "JEP_MAIL_POLL_SECONDS": "1",
            "JEP_MAIL_STAFF": "team@platformjep.test",
        }
        with (
            running_app(path, env=env, log=tmp_path / "server.log") as server,
            sync_playwright() as p,
        ):
            browser = launch_chromium(p)
            try:
                staff = browser.new_page(viewport={"width": 1280, "height": 1000})
                browser_sign_in(staff, server.url)
                staff.get_by_role("link", name="Planning").click()
                wait_idle(staff)
                choose(staff, "Werkatelier", f"Utrecht – voorgesprek ingediend (#{wid})")
                wait_idle(staff)
                type_date(staff, "Datum", DAY)
                choose(staff, "Dagdeel", "Middag (13.30–17.00 uur)")
                staff.get_by_label("Locatie", exact=True).fill("Stadhuis, zaal 2")
                staff.get_by_label("Adres", exact=True).fill("Stadsplateau 1, Utrecht")
                staff.get_by_role("button", name="Planning opslaan").click()
                wait_idle(staff)
                staff.get_by_text("Planning opgeslagen.").wait_for(timeout=20_000)
                staff.get_by_role("button", name="Inplannen (status gepland)").click()
                wait_idle(staff)
                staff.get_by_text("Status gewijzigd naar ‘gepland’.").wait_for(timeout=20_000)

                contact = browser.new_page(viewport={"width": 1280, "height": 1000})
                contact.goto(f"{server.url}/?token={token}")
                wait_idle(contact)
                contact.get_by_role("link", name="Werkatelier en deelnemers").click()
                wait_idle(contact)
                with contact.expect_download() as dl:
                    contact.get_by_role("button", name="In mijn agenda zetten (.ics)").click()
                own = Calendar.from_ical(open(dl.value.path(), "rb").read())  # noqa: SIM115
                assert str(own["METHOD"]) == "PUBLISH"
                contact.get_by_label("Naam", exact=True).fill("Fatima Ouali")
                contact.get_by_label("Naam", exact=True).press("Tab")
                wait_idle(contact)
                choose(contact, "Sector", "Veiligheid")
                wait_idle(contact)
                contact.get_by_label("E-mailadres (optioneel)", exact=True).fill(
                    "fatima@politie.example"
                )
                contact.get_by_role("button", name="Deelnemer toevoegen").click()
                wait_idle(contact)
                contact.get_by_text("Fatima Ouali is aangemeld.").wait_for(timeout=20_000)
                shot(contact, "mail-01-contact-registered")

                smtp.mailbox.wait_for(2, timeout=60)
                [confirmation] = smtp.mailbox.to("fatima@politie.example")
                assert confirmation.subject.startswith("Bevestiging: werkatelier")
                assert "Beste Fatima Ouali," in confirmation.text()
                [(ctype, data)] = confirmation.attachments().values()
                assert ctype.content_type == "text/calendar" and ctype.params["method"] == "REQUEST"
                event = Calendar.from_ical(data).events[0]
                local = ZoneInfo("Europe/Amsterdam")
                assert event.start == datetime.combine(DAY, time(13, 30), local).astimezone(UTC)
                assert str(event["LOCATION"]) == "Stadhuis, zaal 2, Stadsplateau 1, Utrecht"
                assert str(event["UID"]) != str(own.events[0]["UID"])
                [note] = smtp.mailbox.to("team@platformjep.test")
                assert note.subject.startswith("Nieuwe aanmelding voor het werkatelier in Utrecht")

                staff.get_by_role("link", name="Uitgaande berichten").click()
                wait_idle(staff)
                staff.get_by_text("Mailserver 127.0.0.1").first.wait_for(timeout=20_000)
                grid = staff.locator('[data-testid="stDataFrame"]').first
                grid.wait_for()
                shot(staff, "mail-02-outbox")
                assert staff.locator('[data-testid="stMetricValue"]').nth(2).inner_text() == "2"
            finally:
                browser.close()
