"""Real browser: the Werkateliers table's selected row stays the workshop the user chose. A
selection is a row position: after another status filter the same position held another
workshop, and "Open het voorgesprek" opened that one."""

import re

import pytest
from support.browser import browser_sign_in, wait_idle

from jep.store import db
from jep.workshop import workshops

pytestmark = pytest.mark.browser


def status(page, name: str) -> None:
    page.get_by_role("combobox", name="Status", exact=True).first.click()
    page.get_by_role("option", name=name, exact=True).first.click()
    wait_idle(page)


def open_link(page) -> str | None:
    link = page.get_by_role("link", name="Open het voorgesprek")
    return link.get_attribute("href") if link.count() else None


def test_a_selected_row_never_becomes_another_workshop(live_server, browser):
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        planned = [workshops.create_request(d, c, "test") for c in ("GM0344", "GM0363")]
        done = [workshops.create_request(d, c, "test") for c in ("GM0014", "GM0599")]
        for wid, state in [(w, "gepland") for w in planned] + [(w, "uitgevoerd") for w in done]:
            d.execute("UPDATE workshops SET status = ? WHERE id = ?", [state, wid])
        d.conn.commit()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    browser_sign_in(page, live_server["url"])
    page.get_by_role("link", name=re.compile("Werkateliers$")).click()
    wait_idle(page)
    status(page, "gepland")
    grid = page.get_by_test_id("stDataFrame").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 * 2 + 18)  # the second row's selector
    wait_idle(page)
    chosen = open_link(page)
    assert chosen and re.search(r"id=(\d+)", chosen).group(1) in {str(w) for w in planned}
    status(page, "uitgevoerd")  # another list: no row of it was chosen
    assert open_link(page) is None
    assert page.get_by_text("Selecteer een rij om het werkatelier te openen.").is_visible()
