"""Real browser: a contact opens the invite link, fills in the intake, submits; staff see it."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from support.browser import browser_sign_in, choose, next_section, open_bar, shot, wait_idle

from jep.reference.catalog import catalog
from jep.store import db
from jep.workshop import invites, workshops

pytestmark = pytest.mark.browser


def _open_intake_link(live_server, browser, width: int = 1280, height: int = 900):
    """A new request of Utrecht and its intake link opened by the contact: (workshop id, page)."""
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        token = invites.issue(d, wid, "tester")
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{live_server['url']}/?token={token}")
    wait_idle(page)
    return wid, page


def test_contact_fills_intake_and_staff_sees_it(live_server, browser):
    wid, page = _open_intake_link(live_server, browser)
    page.get_by_text("Voorgesprek werkatelier – gemeente Utrecht").wait_for()
    shot(page, "intake-01-empty")

    page.get_by_label("Naam", exact=True).fill("Fenna de Boer")
    page.get_by_label("Functie", exact=True).fill("beleidsadviseur OOV")
    page.get_by_label("E-mailadres", exact=True).fill("f.deboer@utrecht.example")
    next_section(page, "Ja")
    groups = page.get_by_role("radiogroup")
    expect(groups).to_have_count(5)
    for group in groups.all():
        group.get_by_text("Ja", exact=True).click()
        expect(group.get_by_role("radio", name="Ja")).to_be_checked()
    open_bar(page, "knelpunten", "Eigen knelpunt 1")
    choose(page, "Ernst", "4")  # the first knelpunt
    open_bar(page, "deelnemers", "Onderwijs")
    for label, value in (("Onderwijs", "4"), ("Veiligheid", "2")):
        page.get_by_label(label, exact=True).fill(value)
        page.get_by_label(label, exact=True).press("Tab")
    next_section(page, "Voorkeur 1")
    for i, days in ((1, 40), (2, 47)):
        field = page.get_by_label(f"Voorkeur {i}", exact=True)
        field.locator('[role="spinbutton"]').first.click()
        page.keyboard.type((date.today() + timedelta(days=days)).strftime("%d%m%Y"))
        page.keyboard.press("Tab")
    choose(page, "Wie regelt de locatie?", "De gemeente")
    choose(page, "Wie regelt de catering?", "Een partnerorganisatie")
    page.get_by_role("button", name="Indienen").click()
    wait_idle(page)
    try:
        page.get_by_text("Het voorgesprek is ingediend").first.wait_for(timeout=20_000)
        page.get_by_text("f.deboer@utrecht.example").wait_for()
    except Exception as exc:
        page.screenshot(path="out/screenshots/intake-02-FAILED.png", full_page=True)
        alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
        raise AssertionError(f"not submitted; messages on the page: {alerts}") from exc
    shot(page, "intake-02-submitted")

    staff = browser.new_page(viewport={"width": 1280, "height": 900})
    browser_sign_in(staff, live_server["url"])
    staff.get_by_role("link", name="Werkateliers", exact=True).click()  # home: the dashboard
    wait_idle(staff)
    staff.get_by_role("heading", name="Werkateliers").wait_for()
    staff.locator('[role="gridcell"]', has_text="Utrecht").first.wait_for(state="attached")
    shot(staff, "intake-03-staff-overview")
    staff.get_by_role("link", name="Voorgesprek").click()
    wait_idle(staff)
    choose(staff, "Werkatelier", f"Utrecht – voorgesprek ingediend (#{wid})")
    wait_idle(staff)
    wait_idle(staff)
    staff.get_by_text("Fenna de Boer, beleidsadviseur OOV").first.wait_for(timeout=20_000)
    shot(staff, "intake-04-staff-answers")


def test_typing_is_kept_across_bars_pages_and_a_reload(live_server, browser):
    """Text being typed when another section's bar is clicked, and unsaved answers when the
    contact opens the other page and comes back, are still there; a saved draft after F5."""
    wid, page = _open_intake_link(live_server, browser)
    page.get_by_label("Naam", exact=True).press_sequentially("Fenna de Boer", delay=30)
    open_bar(page, "knelpunten", "Eigen knelpunt 1")  # without leaving the field first
    page.get_by_label("Eigen knelpunt 1", exact=True).press_sequentially("Geen vast loket")
    open_bar(page, "contact", "Naam")
    wait_idle(page)
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Fenna de Boer")
    page.get_by_test_id("stSidebar").get_by_role("link", name="Werkatelier en deelnemers").click()
    wait_idle(page)
    page.get_by_test_id("stSidebar").get_by_role("link", name="Voorgesprek").click()
    wait_idle(page)
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Fenna de Boer")
    open_bar(page, "knelpunten", "Eigen knelpunt 1")
    expect(page.get_by_label("Eigen knelpunt 1", exact=True)).to_have_value("Geen vast loket")
    choose(page, "Ernst", "3 – gemiddeld", nth=len(catalog().knelpunten))  # the own one
    wait_idle(page)
    page.get_by_role("button", name="Concept opslaan").click()
    page.get_by_text("Opgeslagen.").first.wait_for(timeout=20_000)
    page.reload()
    wait_idle(page)
    open_bar(page, "contact", "Naam")
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Fenna de Boer")
    open_bar(page, "knelpunten", "Eigen knelpunt 1")
    expect(page.get_by_label("Eigen knelpunt 1", exact=True)).to_have_value("Geen vast loket")
    shot(page, "intake-05-draft-after-reload")


def test_a_save_with_an_error_far_up_brings_it_into_view_on_a_phone(live_server, browser):
    """On a phone, a draft saved from the last section with an error at the end of the long
    knelpunten section: that section opens and the page scrolls to the message (the scroll
    looked for it in an st.form only, so the message stayed screens away), also a second time."""
    wid, page = _open_intake_link(live_server, browser, 390, 844)
    open_bar(page, "knelpunten", "Eigen knelpunt 3")
    choose(page, "Ernst", "3 – gemiddeld", nth=len(catalog().knelpunten) + 2)  # own 3, no text
    wait_idle(page)
    open_bar(page, "praktisch", "Opmerkingen")
    message = page.get_by_text("Beschrijf het knelpunt of maak de ernst leeg.")
    for _ in range(2):
        save = page.get_by_role("button", name="Concept opslaan")
        save.scroll_into_view_if_needed()
        save.click()
        expect(message).to_be_in_viewport(timeout=10_000)
    shot(page, "intake-06-error-in-view-phone")
