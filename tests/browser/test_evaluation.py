"""Real browser: a participant fills in the evaluation on a phone-sized screen and corrects it;
staff see the link with its QR code and the charts."""

from datetime import date

import pytest
from support.browser import browser_sign_in, shot, wait_idle

from jep import demo
from jep.evaluation import links
from jep.store import db
from jep.workshop import workshops

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def radio(page, index: int, option: str) -> None:
    """Click `option` in the index-th radio group of the page."""
    group = page.locator('[data-testid="stRadio"]').nth(index)
    group.scroll_into_view_if_needed()
    group.get_by_text(option, exact=True).click()


def tall(page, name: str) -> None:
    """Screenshot the whole page: Streamlit scrolls inside the page, so make the window tall."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 7000})
    page.wait_for_timeout(2000)
    shot(page, name)
    page.set_viewport_size(size)


def count(path, sql: str):
    with db.open_db(path) as d:
        return d.execute(sql).fetchone()


def test_participant_fills_in_the_form_on_a_phone(live_server, browser):
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        wid = workshops.create_request(d, "GM0344", "tester")  # Utrecht
        d.execute(
            "UPDATE workshops SET status = 'uitgevoerd', date = ? WHERE id = ?",
            [date.today().isoformat(), wid],
        )
        token = links.issue_link(d, wid, "tester")
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)  # fmt: skip
    page = context.new_page()
    page.goto(links.link_url(live_server["url"], token))
    wait_idle(page)
    page.get_by_text("Gemeente Utrecht").first.wait_for()
    # fits the screen: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path="out/screenshots/evaluation-01-phone-top.png")

    radio(page, 0, "2")  # signalen herkennen: vóór
    radio(page, 1, "4")  # … nu
    radio(page, 2, "3")
    radio(page, 3, "5")
    radio(page, 24, "8")  # rapportcijfer
    radio(page, 26, "5")  # aanbevelen
    page.get_by_label("Wat neem je mee?").fill("Feiten en meningen gescheiden houden.")
    box = page.get_by_label("In welke sector werk je?", exact=True).first
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option", name="Onderwijs", exact=True).first.click()
    page.get_by_role("button", name="Versturen").click()
    wait_idle(page)
    try:
        page.get_by_text("Dank je wel! Je antwoorden zijn opgeslagen.").last.wait_for(
            timeout=20_000
        )
    except Exception:
        page.screenshot(path="out/screenshots/evaluation-02-FAILED.png", full_page=True)
        raise
    page.screenshot(path="out/screenshots/evaluation-02-phone-thanks.png")
    assert count(live_server["db"], "SELECT count(*), max(revision) FROM evaluation_responses") == (
        1,
        1,
    )

    # correction in the same browser session: the same row changes
    radio(page, 24, "9")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    wait_idle(page)
    page.get_by_text("Je wijzigingen zijn opgeslagen.").last.wait_for(timeout=20_000)
    assert count(live_server["db"], "SELECT count(*), max(revision) FROM evaluation_responses") == (
        1,
        2,
    )
    assert count(
        live_server["db"], "SELECT value FROM evaluation_answers WHERE item_id = 'rapportcijfer'"
    ) == (9,)
    tall(page, "evaluation-03-phone-full")
    context.close()


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
    page.get_by_role("tab", name="Link en QR-code").click()
    page.get_by_role("button", name="Link en QR-code maken").click()
    wait_idle(page)
    page.get_by_role("img", name="QR-code van de evaluatielink").first.wait_for()
    shot(page, "evaluation-06-staff-qr")
    page.get_by_role("link", name="Evaluaties programma").click()
    wait_idle(page)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    tall(page, "evaluation-07-programme")
