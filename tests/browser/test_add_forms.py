"""Real browser: add forms lose nothing typed and cannot store the same thing twice (issue 17,
items 1 and 3).

- Adding a second participant (staff and the municipality contact), the typed organisation
  survives picking a sector and is saved.
- After "Notitie toegevoegd" the note form is empty, so a second click stores nothing twice.
"""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from support.browser import browser_sign_in, choose, shot, wait_idle

from jep.store import db
from jep.workshop import invites, notes, participants, workshops

pytestmark = pytest.mark.browser


def open_workshop_page(page, link: str, wid: int) -> None:
    """Go to a workshop page through the sidebar (a typed URL would start a new session) and
    pick the workshop."""
    page.get_by_role("link", name=link).click()
    wait_idle(page)
    page.get_by_label("Werkatelier", exact=True).first.click()
    page.get_by_role("option", name=f"(#{wid})").first.click()
    wait_idle(page)


def planned_workshop(path, code: str = "GM0344") -> int:
    db.init_db(path)
    with db.open_db(path) as d:
        wid = workshops.create_request(d, code, "tester")
        d.execute(
            "UPDATE workshops SET status = 'gepland', date = ?, location = 'Stadhuis' WHERE id = ?",
            [(date.today() + timedelta(days=7)).isoformat(), wid],
        )
        d.conn.commit()
    return wid


def add_two(page, done: str) -> None:
    """Add two participants the way a user types: name, organisation, then the sector.

    The second time, the rerun started by leaving Naam used to drop the notice of the first add
    from above the form; the browser then rebuilt the fields and the organisation being typed
    was lost."""
    for name, org, sector in (
        ("Anna Eerste", "Stadsschool", "Onderwijs"),
        ("Bram Tweede", "Politie Midden", "Veiligheid"),
    ):
        page.get_by_label("Naam", exact=True).fill(name)
        page.get_by_label("Organisatie", exact=True).click()  # leaving Naam starts a rerun
        page.keyboard.type(org, delay=80)  # typed at a person's pace while it runs
        choose(page, "Sector", sector)
        wait_idle(page)
        expect(page.get_by_label("Organisatie", exact=True)).to_have_value(org)
        page.get_by_role("button", name="Deelnemer toevoegen").click()
        wait_idle(page)
        page.get_by_text(done.format(name=name)).wait_for(timeout=20_000)
        wait_idle(page)  # the run that shows the notice also replaces the form
        expect(page.get_by_label("Naam", exact=True)).to_have_value("")
        expect(page.get_by_label("Organisatie", exact=True)).to_have_value("")


def organisations(path, wid: int) -> dict[str, str]:
    with db.open_db(path) as d:
        df = participants.list_df(d, wid)
    return dict(zip(df["name"], df["organisation"], strict=True))


def test_staff_add_keeps_the_organisation_of_the_second_participant(live_server, browser):
    wid = planned_workshop(live_server["db"])
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    browser_sign_in(page, live_server["url"])
    open_workshop_page(page, "Deelnemers en mix", wid)
    page.get_by_role("tab", name="Toevoegen").click()
    add_two(page, "{name} is aangemeld.")
    shot(page, "add-forms-01-staff-participants")
    assert organisations(live_server["db"], wid) == {
        "Anna Eerste": "Stadsschool",
        "Bram Tweede": "Politie Midden",
    }


def test_contact_add_keeps_the_organisation_of_the_second_participant(live_server, browser):
    wid = planned_workshop(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        token = invites.issue(d, wid, "tester")
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{live_server['url']}/?token={token}")
    wait_idle(page)
    page.get_by_role("link", name="Werkatelier en deelnemers").click()
    wait_idle(page)
    add_two(page, "{name} is aangemeld.")
    shot(page, "add-forms-02-contact-participants")
    assert organisations(live_server["db"], wid) == {
        "Anna Eerste": "Stadsschool",
        "Bram Tweede": "Politie Midden",
    }


def test_a_note_is_added_once_and_the_form_is_empty_after(live_server, browser):
    wid = planned_workshop(live_server["db"])
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    browser_sign_in(page, live_server["url"])
    open_workshop_page(page, "Notities van de dag", wid)
    page.get_by_role("tab", name="Oplossingen van de deelnemers").click()
    panel = page.get_by_role("tabpanel", name="Oplossingen van de deelnemers")
    text = "Een vast aanspreekpunt per school voor de wijkagent."
    field = panel.get_by_role("textbox").first
    field.fill(text)
    add = panel.get_by_role("button", name="Notitie toevoegen")
    add.click()
    wait_idle(page)
    page.get_by_text("Notitie toegevoegd.").wait_for(timeout=20_000)
    expect(panel.get_by_role("textbox").first).to_have_value("")
    wait_idle(page)
    page.wait_for_timeout(500)
    add.click()  # the user clicks again, as if the first click had not worked
    wait_idle(page)
    panel.get_by_text("Beschrijf de oplossing.").wait_for(timeout=20_000)  # an empty form
    shot(page, "add-forms-03-notes")
    with db.open_db(live_server["db"]) as d:
        stored = notes.list_df(d, wid)
    assert stored["text"].tolist() == [text]

    # the note's edit form opens on request; what is being typed in the new-note form below
    # stays while it opens and while the edit is saved
    new_field = panel.get_by_role("textbox", name="Oplossing", exact=True).last
    new_field.fill("Nog niet opgeslagen.")
    panel.get_by_role("button", name="Wijzigen").click()
    wait_idle(page)
    edit_field = panel.get_by_role("textbox", name="Oplossing", exact=True).first
    expect(edit_field).to_have_value(text)
    edit_field.fill(text + " Ook voor het mbo.")
    panel.get_by_role("button", name="Wijziging opslaan").click()
    wait_idle(page)
    page.get_by_text("Notitie gewijzigd.").wait_for(timeout=20_000)
    expect(panel.get_by_role("button", name="Wijziging opslaan")).to_have_count(0)
    expect(panel.get_by_role("textbox", name="Oplossing", exact=True).last).to_have_value(
        "Nog niet opgeslagen."
    )
    with db.open_db(live_server["db"]) as d:
        stored = notes.list_df(d, wid)
    assert stored["text"].tolist() == [text + " Ook voor het mbo."]
