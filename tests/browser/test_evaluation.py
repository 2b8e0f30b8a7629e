"""Real browser: an unknown evaluation link on a phone; staff see the link with its QR code and
the charts. (Filling in, correcting and reloading the phone form: test_evaluation_form.py.)"""

import pytest
from playwright.sync_api import expect
from support.browser import browser_sign_in, shot, wait_idle

from jep import demo
from jep.evaluation import links
from jep.store import db

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def tall(page, name: str) -> None:
    """Screenshot the whole page: Streamlit scrolls inside the page, so make the window tall."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 7000})
    page.wait_for_timeout(2000)
    shot(page, name)
    page.set_viewport_size(size)


def test_unknown_link_on_a_phone(live_server, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(links.link_url(live_server["url"], "q" * 43))
    wait_idle(page)
    page.get_by_text("Deze evaluatielink bestaat niet").wait_for()
    shot(page, "evaluation-04-phone-unknown")


def test_staff_sees_qr_code_and_charts(live_server, browser):
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        demo.seed_demo(d)
        wid, name = d.execute(
            "SELECT w.id, m.name FROM workshops w JOIN municipalities m "
            "ON m.code = w.municipality_code WHERE w.id IN "
            "(SELECT workshop_id FROM evaluation_responses) ORDER BY w.date DESC LIMIT 1"
        ).fetchone()
        status = d.execute("SELECT status FROM workshops WHERE id = ?", [wid]).fetchone()[0]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    browser_sign_in(page, live_server["url"])
    page.get_by_role("link", name="Evaluatie", exact=True).click()
    wait_idle(page)
    box = page.get_by_label("Werkatelier", exact=True).first
    box.click()
    page.get_by_role("option", name=f"{name} – {status}", exact=False).first.click()
    wait_idle(page)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    tall(page, "evaluation-05-staff-results")
    # the results in tabs: only the open one's charts are sent and drawn
    drawn = page.locator(".js-plotly-plot")
    expect(drawn).to_have_count(2, timeout=30_000)
    page.get_by_role("tab", name="Vergelijking").click()
    expect(drawn).to_have_count(1, timeout=30_000)
    wait_idle(page)
    assert page.locator(".js-plotly-plot .main-svg").first.is_visible()
    shot(page, "evaluation-05-staff-compare")
    page.get_by_role("tab", name="Link en QR-code").click()
    page.get_by_role("button", name="Link en QR-code maken").click()
    wait_idle(page)
    page.get_by_role("img", name="QR-code van de evaluatielink").first.wait_for()
    shot(page, "evaluation-06-staff-qr")
    page.get_by_role("link", name="Evaluaties programma").click()
    wait_idle(page)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    tall(page, "evaluation-07-programme")
