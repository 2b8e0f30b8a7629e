"""Real browser: an admin reads the audit log, manages accounts and uses the privacy page."""

import pytest
from support.browser import browser_sign_in, shot, wait_idle

from jep import demo
from jep.store import db

pytestmark = pytest.mark.browser


def test_admin_pages_in_a_browser(live_server, browser):
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        demo.seed_demo(d, count=12)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    browser_sign_in(page, live_server["url"])
    page.get_by_text("Beheer").first.wait_for()

    page.get_by_role("link", name="Auditlog").click()
    wait_idle(page)
    page.get_by_role("heading", name="Auditlog").wait_for()
    page.get_by_text("regel(s), nieuwste bovenaan").wait_for()
    page.get_by_role("button", name="Exporteren als CSV").wait_for()
    shot(page, "admin-01-auditlog")

    page.get_by_role("link", name="Medewerkers").click()
    wait_idle(page)
    page.get_by_role("textbox", name="Gebruikersnaam").fill("nieuwe.collega")
    page.get_by_role("button", name="Account toevoegen").click()
    wait_idle(page)
    page.get_by_text("Account aangemaakt").wait_for()
    shot(page, "admin-02-medewerkers")

    page.get_by_role("link", name="Privacy en bewaartermijnen").click()
    wait_idle(page)
    page.get_by_role("heading", name="Privacy en bewaartermijnen").wait_for()
    shot(page, "admin-03-bewaartermijnen")
    page.get_by_role("tab", name="Vrije tekst controleren").click()
    page.get_by_role("button", name="Opgeslagen tekst doorzoeken").click()
    wait_idle(page)
    page.locator("mark").first.wait_for()
    shot(page, "admin-04-vrije-tekst")
    page.get_by_role("tab", name="Anonimiseren of wissen").click()
    wait_idle(page)
    shot(page, "admin-05-wissen")
