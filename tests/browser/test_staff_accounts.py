"""Real browser, Medewerkers: one account picked once takes several actions in a row. Switching it
off or changing its role changes its label in the picker, which made the picker a new widget:
the next press was lost and the picker emptied."""

import re

import pytest
from support.browser import browser_sign_in, wait_idle

from jep import auth
from jep.store import db

pytestmark = pytest.mark.browser


def account(path, name: str) -> dict:
    with db.open_db(path) as d:
        return next(a for a in auth.list_staff(d) if a["username"] == name)


def test_actions_in_a_row_on_one_picked_account(live_server, browser):
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        auth.create_staff(d, "mira", "wachtwoord-1234", actor="test")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    browser_sign_in(page, live_server["url"])
    page.get_by_role("link", name=re.compile("Medewerkers$")).click()
    wait_idle(page)
    box = page.get_by_role("combobox", name="Account", exact=True)
    box.click()
    page.get_by_role("option").filter(has_text="mira (").first.click()
    wait_idle(page)
    page.get_by_role("button", name="Uitschakelen").click()
    wait_idle(page)
    assert not account(live_server["db"], "mira")["active"]
    assert "uitgeschakeld" in box.input_value()  # still picked, with its new label
    page.get_by_role("button", name="Maak beheerder").click()
    wait_idle(page)
    assert account(live_server["db"], "mira")["role"] == "admin"
    assert box.input_value().startswith("mira (")
    page.get_by_role("button", name="Weer inschakelen").click()
    wait_idle(page)
    assert account(live_server["db"], "mira")["active"]
