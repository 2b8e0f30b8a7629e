"""Real browser: staying signed in (refresh, new tab, shared link), revocation in every open tab,
an idle session that keeps what was typed, and a municipality contact moving between and
refreshing their pages (issue 17.6), and the follow-up links (issue 15) beside a staff session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from support.browser import SHOTS, browser_sign_in, shot, wait_idle
from support.followup_data import sent_workshop
from support.server import ADMIN_PASSWORD

from jep import auth
from jep.access import sessions
from jep.followup import answers as fa
from jep.followup import participants as fp
from jep.store import db
from jep.workshop import invites, workshops

pytestmark = pytest.mark.browser


def _heading(page) -> str:
    return page.locator("h1").first.inner_text()


def test_signed_in_across_refresh_tabs_and_links_until_revoked(live_server, browser):
    with db.open_db(live_server["db"]) as d:
        auth.ensure_admin(d, ADMIN_PASSWORD)
        wid = workshops.create_request(d, "GM0344", "tester")
    base = live_server["url"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # a shared link while signed out: sign in, then land on that very page
    browser_sign_in(page, base, path=f"/planning?id={wid}")
    assert page.url == f"{base}/planning?id={wid}"
    page.get_by_role("heading", name="Planning").wait_for()
    page.get_by_text("Utrecht").first.wait_for()  # the linked workshop is picked
    cookie = next(c for c in context.cookies() if c["name"] == sessions.COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]
    assert sessions.COOKIE not in page.evaluate("document.cookie")  # out of reach of scripts

    page.reload()  # F5
    wait_idle(page)
    assert _heading(page) == "Planning" and "?id=" in page.url

    second = context.new_page()  # a new tab with a filtered dashboard link
    second.goto(f"{base}/?provincie=Utrecht")
    wait_idle(second)
    assert _heading(second) == "Programma"
    second.get_by_text("Weergave: provincie Utrecht").wait_for()
    shot(second, "service-01-new-tab")

    # signing out in the second tab signs the first out at its next interaction
    second.get_by_test_id("stSidebar").get_by_role("link", name="Account en afmelden").click()
    wait_idle(second)
    second.get_by_role("button", name="Afmelden", exact=True).click()
    wait_idle(second)
    second.get_by_text("U bent afgemeld.").wait_for()
    page.get_by_test_id("stSidebar").get_by_role("link", name="Werkateliers").click()
    page.get_by_text("U bent afgemeld.").wait_for()
    wait_idle(page)
    assert _heading(page) == "Werkateliers informatie delen"
    shot(page, "service-02-signed-out-elsewhere")
    page.reload()  # and a page load goes to the sign-in page
    page.get_by_label("Wachtwoord").wait_for()
    assert "/aanmelden?next=" in page.url

    # an admin resetting the password ends a session the same way
    browser_sign_in(page, base)
    with db.open_db(live_server["db"]) as d:
        auth.create_staff(d, "tweede", "tweede-wachtwoord", role="admin")
        auth.reset_password(d, "admin", "tweede")
    page.get_by_test_id("stSidebar").get_by_role("link", name="Planning").click()
    wait_idle(page)
    page.get_by_text("wachtwoord van uw account is gereset").wait_for()
    context.close()


def test_idle_session_keeps_typed_text_and_saves_after_the_password(live_server, browser):
    with db.open_db(live_server["db"]) as d:
        auth.ensure_admin(d, ADMIN_PASSWORD)
        wid = workshops.create_request(d, "GM0363", "tester")
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    browser_sign_in(page, live_server["url"], path=f"/planning?id={wid}")
    page.get_by_label("Locatie", exact=True).fill("Stadhuis, zaal 2")
    page.get_by_label("Adres", exact=True).fill("Amstel 1, Amsterdam")
    long_ago = (datetime.now(UTC) - timedelta(minutes=61)).isoformat(timespec="seconds")
    with db.open_db(live_server["db"]) as d:  # an hour passes without a click
        d.execute("UPDATE staff_sessions SET last_seen_at = ?", [long_ago])
        d.conn.commit()
    page.get_by_role("button", name="Planning opslaan").click()
    wait_idle(page)
    page.get_by_text("Niet opgeslagen: uw sessie was verlopen").wait_for()
    expect(page.get_by_label("Locatie", exact=True)).to_have_count(1)
    assert page.get_by_label("Locatie", exact=True).input_value() == "Stadhuis, zaal 2"
    assert page.get_by_label("Adres", exact=True).input_value() == "Amstel 1, Amsterdam"
    page.screenshot(path=str(SHOTS / "service-03-idle.png"), full_page=True)
    with db.open_db(live_server["db"]) as d:
        assert d.execute("SELECT location FROM workshops WHERE id = ?", [wid]).fetchone()[0] is None
    form = page.locator('[data-testid="stForm"]').first
    form.get_by_label("Wachtwoord").fill(ADMIN_PASSWORD)
    form.get_by_role("button", name="Opnieuw aanmelden").click()
    wait_idle(page)
    page.get_by_text("U bent weer aangemeld").wait_for()
    location = page.get_by_label("Locatie", exact=True)
    expect(location).to_have_count(1)  # the page has settled after the panel went away
    assert location.input_value() == "Stadhuis, zaal 2"
    page.get_by_role("button", name="Planning opslaan").click()
    wait_idle(page)
    page.get_by_text("Planning opgeslagen.").wait_for()
    shot(page, "service-04-saved-after-password")
    with db.open_db(live_server["db"]) as d:
        row = d.execute("SELECT location, address FROM workshops WHERE id = ?", [wid]).fetchone()
    assert row == ("Stadhuis, zaal 2", "Amstel 1, Amsterdam")


def test_contact_pages_survive_refresh_and_navigation(live_server, browser):
    """Issue 17.6: the invite token stays in the URL of every contact page; no English
    Streamlit message, also not for a page path without the token."""
    with db.open_db(live_server["db"]) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        token = invites.issue(d, wid, "tester")
    base = live_server["url"]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/?token={token}")
    wait_idle(page)
    assert _heading(page).startswith("Voorgesprek werkatelier")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("link", name="Werkatelier en deelnemers").click()
    wait_idle(page)
    assert page.url == f"{base}/werkatelier?token={token}"
    page.reload()
    wait_idle(page)
    assert _heading(page) == "Werkatelier – gemeente Utrecht"
    shot(page, "service-05-contact-refresh")
    sidebar.get_by_role("link", name="Voorgesprek").click()
    wait_idle(page)
    assert _heading(page).startswith("Voorgesprek werkatelier") and token in page.url
    for path in ("/werkatelier", f"/bestaat-niet?token={token}", f"/planning?token={token}"):
        page.goto(base + path)
        wait_idle(page)
        assert page.get_by_text("Page not found").count() == 0, path
        assert page.get_by_text("does not seem to exist").count() == 0, path
    page.goto(f"{base}/werkatelier")
    wait_idle(page)
    assert _heading(page) == "Deze link is niet (meer) geldig"


def test_follow_up_links_need_no_staff_sign_in_and_keep_their_token(live_server, browser):
    """The municipality's follow-up link (?terugblik=) and the participants' (?nameting=) open
    without a staff sign-in, show that municipality only, survive a refresh and a staff page
    path; in a browser that also has a staff session, the link's tab stays the link's."""
    with db.open_db(live_server["db"]) as d:
        auth.ensure_admin(d, ADMIN_PASSWORD)
        wid, _ = sent_workshop(d, "GM0344")  # Utrecht
        other, _ = sent_workshop(d, "GM0363")  # Amsterdam
        token = fa.issue_link(d, wid, "tester")
        fa.issue_link(d, other, "tester")
        ptoken = fp.issue_link(d, wid, "tester")
    base = live_server["url"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/?terugblik={token}")
    wait_idle(page)
    assert "/aanmelden" not in page.url
    page.get_by_role("button", name="Indienen").wait_for(timeout=60_000)
    assert "gemeente Utrecht" in _heading(page)
    assert page.get_by_text("Amsterdam").count() == 0
    page.get_by_label("Naam", exact=True).fill("Fenna de Boer")
    page.reload()  # F5: the same page, still through the link
    wait_idle(page)
    page.get_by_role("button", name="Indienen").wait_for(timeout=60_000)
    assert "gemeente Utrecht" in _heading(page) and f"terugblik={token}" in page.url
    shot(page, "service-06-followup-refresh")
    for path in (f"/followup?terugblik={token}", f"/overzicht?terugblik={token}"):
        page.goto(base + path)  # a staff page's path with the link: the contact's own page
        wait_idle(page)
        assert "/aanmelden" not in page.url, path
        assert page.get_by_text("Page not found").count() == 0, path
        page.get_by_role("button", name="Indienen").wait_for(timeout=60_000)
        assert "gemeente Utrecht" in _heading(page) and f"terugblik={token}" in page.url, path

    respondent = context.new_page()
    respondent.goto(f"{base}/?nameting={ptoken}")
    wait_idle(respondent)
    respondent.get_by_role("button", name="Versturen").wait_for(timeout=60_000)
    respondent.reload()
    wait_idle(respondent)
    respondent.get_by_role("button", name="Versturen").wait_for(timeout=60_000)
    assert "/aanmelden" not in respondent.url and f"nameting={ptoken}" in respondent.url
    context.close()

    # a staff member's browser: the link's tab is the municipality's, the staff tab stays staff
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    staff = context.new_page()
    browser_sign_in(staff, base)
    link_tab = context.new_page()
    link_tab.goto(f"{base}/?terugblik={token}")
    wait_idle(link_tab)
    link_tab.get_by_role("button", name="Indienen").wait_for(timeout=60_000)
    sidebar = link_tab.get_by_test_id("stSidebar")
    assert sidebar.get_by_role("link", name="Werkateliers").count() == 0
    staff.get_by_test_id("stSidebar").get_by_role("link", name="Terugblik").click()
    wait_idle(staff)
    assert _heading(staff) == "Terugblik"
    context.close()
