"""Real browser: one werkatelier's whole life, from the request to the sent report, the way staff
and the municipality's contact walk it. Screens that guide: Planning offers only the next step
that is possible (with the reason when it is not) and keeps the steps back secondary and
confirmed; it shows what the voorgesprek asked for; a save confirms next to its button; the
report warns before a version with undecided proposals is marked as sent."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from support.browser import browser_sign_in, choose, next_section, shot, wait_idle

from jep.fmt import fmt_date
from jep.store import db
from jep.workshop import workshops

pytestmark = pytest.mark.browser
TODAY = date.today()


def nav(page, title: str) -> None:
    link = page.get_by_test_id("stSidebar").get_by_role(
        "link", name=re.compile(re.escape(title) + "$")
    )
    link.click()
    wait_idle(page)


def type_date(page, label: str, day: date) -> None:
    field = page.get_by_label(label, exact=True)
    field.locator('[role="spinbutton"]').first.click()
    page.keyboard.type(day.strftime("%d%m%Y"))
    page.keyboard.press("Tab")


def near(page, notice, button) -> None:
    """The notice shows right next to (under) the button that was pressed, not far away
    (`button`: the button, or where it was before it went away)."""
    n = notice.bounding_box()
    b = button if isinstance(button, dict) else button.bounding_box()
    assert n and b, (n, b)
    assert 0 <= n["y"] - b["y"] < 250, (n, b)


def status_of(server, wid: int) -> str:
    with db.open_db(server["db"]) as d:
        return workshops.get(d, wid)["status"]


def test_from_request_to_sent_report(live_server, browser):
    db.init_db(live_server["db"])
    url = live_server["url"]

    # ---------------------------------------------------------------- staff: the request
    staff = browser.new_page(viewport={"width": 1280, "height": 900})
    browser_sign_in(staff, url)
    nav(staff, "Nieuwe aanvraag")
    choose(staff, "Gemeente (typ om te zoeken)", "Utrecht", part=True, search=True)
    staff.get_by_role("button", name="Aanvraag registreren").click()
    wait_idle(staff)
    link = staff.get_by_test_id("stCode").inner_text().strip()
    wid = int(re.search(r"werkatelier #(\d+)", staff.get_by_test_id("stAlert").inner_text())[1])
    assert "/?token=" in link
    shot(staff, "walk-01-request")

    # ---------------------------------------------------------------- the contact: voorgesprek
    contact = browser.new_page(viewport={"width": 1280, "height": 900})
    contact.goto(link)
    wait_idle(contact)
    contact.get_by_text("Voorgesprek werkatelier – gemeente Utrecht").wait_for()
    # one section open at a time; each "Volgende" opens the next
    contact.get_by_label("Naam", exact=True).fill("Fenna de Boer")
    contact.get_by_label("Functie", exact=True).fill("beleidsadviseur OOV")
    contact.get_by_label("E-mailadres", exact=True).fill("niet-een-adres")
    next_section(contact, "Ja")
    for group in contact.get_by_role("radiogroup").all():
        group.get_by_text("Ja", exact=True).click()
    next_section(contact, "Eigen knelpunt 1")
    choose(contact, "Ernst", "4", part=True)  # the first knelpunt
    next_section(contact, "Onderwijs")
    for label, value in (
        ("Onderwijs", "4"),
        ("Veiligheid", "2"),
        ("Jeugdhulp & jeugdbescherming", "3"),
    ):
        contact.get_by_label(label, exact=True).fill(value)
        contact.get_by_label(label, exact=True).press("Tab")
    next_section(contact, "Voorkeur 1")
    # Dutch date placeholders
    year = contact.get_by_label("Voorkeur 3", exact=True).locator('[data-type="year"]')
    content = year.evaluate("e => getComputedStyle(e, '::before').content")
    assert content == '"jjjj"', content
    wish = TODAY + timedelta(days=40)
    type_date(contact, "Voorkeur 1", wish)
    type_date(contact, "Voorkeur 2", wish + timedelta(days=7))
    choose(contact, "Voorkeur dagdeel", "Middag", part=True)
    choose(contact, "Wie regelt de locatie?", "De gemeente", part=True)
    choose(contact, "Wie regelt de catering?", "Een partnerorganisatie", part=True)
    wait_idle(contact)
    # every bar says how far its section is
    bars = contact.locator('[class*="st-key-oneopen-"] summary').all()
    marks = [
        b.evaluate("e => getComputedStyle(e.querySelector('p'), '::after').content") for b in bars
    ]
    assert marks == [
        '" · klaar ✓"',
        '" · klaar ✓"',
        '" · 1 knelpunt gekozen"',
        '" · 9 van 15 plaatsen"',
        '" · klaar ✓"',
    ], marks
    submit = contact.get_by_role("button", name="Indienen")
    submit.click()
    wait_idle(contact)
    # the mistake is shown at the field (its section opens), the page scrolls there, and a
    # summary sits under the button that was pressed
    field_error = contact.get_by_text("Vul een geldig e-mailadres in").first
    field_error.wait_for()
    contact.wait_for_timeout(800)  # the smooth scroll
    expect(field_error).to_be_in_viewport()
    near(contact, contact.get_by_text("Er is nog niets opgeslagen").first, submit)
    shot(contact, "walk-02-intake-error")
    contact.get_by_label("E-mailadres", exact=True).fill("f.deboer@utrecht.example")
    contact.get_by_role("button", name="Indienen").click()
    wait_idle(contact)
    thanks = contact.get_by_test_id("stAlertContentSuccess")
    thanks.first.wait_for(timeout=20_000)
    assert thanks.count() == 1  # one green box, not two saying the same
    assert "Dank u wel" in thanks.inner_text() and "ingediend op" in thanks.inner_text()
    shot(contact, "walk-03-intake-submitted")
    assert status_of(live_server, wid) == "intake"

    # ---------------------------------------------------------------- staff: planning
    nav(staff, "Planning")
    choose(staff, "Werkatelier", f"(#{wid})", part=True)
    wait_idle(staff)
    assert (
        "Utrecht – voorgesprek ingediend"
        in staff.get_by_role("combobox", name="Werkatelier").input_value()
    )
    text = staff.locator(f".st-key-pl{wid}_intake").inner_text()
    for expected in (
        fmt_date(wish),
        "Middag (13.30–17.00 uur)",
        "De gemeente",
        "Een partnerorganisatie",
        "9 (",
    ):
        assert expected in text, (expected, text)
    # the next step is not offered while it is impossible; the page says why
    assert staff.get_by_role("button", name="Inplannen (status gepland)").count() == 0
    staff.get_by_text("Vul eerst een datum en een locatie in").wait_for()
    type_date(staff, "Datum", TODAY)
    staff.get_by_label("Locatie", exact=True).fill("Stadhuis, zaal 2")
    save = staff.get_by_role("button", name="Planning opslaan")
    save.click()
    wait_idle(staff)
    saved = staff.get_by_text("Planning opgeslagen.")
    saved.wait_for()
    near(staff, saved, save)
    shot(staff, "walk-04-planning-saved")
    staff.get_by_role("button", name="Inplannen (status gepland)").click()
    wait_idle(staff)
    staff.get_by_text("Status gewijzigd naar ‘gepland’.").wait_for()

    # ---------------------------------------------------------------- the contact: participants
    # issue 17.1: the organisation typed for a second participant survives picking the sector
    nav(contact, "Werkatelier en deelnemers")
    for name, org, sector in (
        ("Anna Eerste", "Stadsschool", "Onderwijs"),
        ("Bram Tweede", "Politie Midden", "Veiligheid"),
    ):
        contact.get_by_label("Naam", exact=True).fill(name)
        contact.get_by_label("Organisatie", exact=True).click()  # leaving Naam starts a rerun
        contact.keyboard.type(org, delay=60)
        contact.keyboard.press("Tab")
        wait_idle(contact)
        choose(contact, "Sector", sector, part=True)
        wait_idle(contact)
        expect(contact.get_by_label("Organisatie", exact=True)).to_have_value(org)
        contact.get_by_role("button", name="Deelnemer toevoegen").click()
        wait_idle(contact)
        contact.get_by_text(f"{name} is aangemeld.").wait_for(timeout=20_000)
        wait_idle(contact)
        expect(contact.get_by_label("Organisatie", exact=True)).to_have_value("")
    with db.open_db(live_server["db"]) as d:
        orgs = dict(
            d.execute(
                "SELECT name, organisation FROM participants WHERE workshop_id = ?", [wid]
            ).fetchall()
        )
    assert orgs == {"Anna Eerste": "Stadsschool", "Bram Tweede": "Politie Midden"}
    shot(contact, "walk-04b-contact-participants")

    staff.get_by_role("button", name="Markeren als uitgevoerd").click()
    wait_idle(staff)
    staff.get_by_text("Status gewijzigd naar ‘uitgevoerd’.").wait_for()
    wait_idle(staff)
    assert status_of(live_server, wid) == "uitgevoerd"
    # after 'uitgevoerd': no "report sent" button while there is no report; the way there
    for name in ("Verslag is verstuurd", "Verslag versturen", "Markeer als verstuurd"):
        assert staff.get_by_role("button", name=name).count() == 0, name
    staff.get_by_text("Er is nog geen verslag gemaakt").wait_for()
    # going back is secondary and asks for confirmation
    staff.get_by_text("Terug naar gepland (een stap terug)").click()
    back_button = staff.get_by_role("button", name="Terug naar gepland", exact=True)
    expect(back_button).to_be_disabled(timeout=15_000)
    assert staff.get_by_role("checkbox", name="Ja, terug naar ‘gepland’").count() == 1
    shot(staff, "walk-05-planning-held")

    # ---------------------------------------------------------------- staff: a note of the day
    # issue 17.3: after "Notitie toegevoegd" the form is empty; a second click stores nothing
    nav(staff, "Notities van de dag")
    staff.get_by_role("tab", name="Oplossingen van de deelnemers").click()
    panel = staff.get_by_role("tabpanel", name="Oplossingen van de deelnemers")
    panel.get_by_role("textbox").first.fill("Een vast aanspreekpunt per school.")
    add = panel.get_by_role("button", name="Notitie toevoegen")
    add.click()
    wait_idle(staff)
    staff.get_by_text("Notitie toegevoegd.").wait_for(timeout=20_000)
    wait_idle(staff)
    expect(panel.get_by_role("textbox").first).to_have_value("")
    add.click()
    wait_idle(staff)
    panel.get_by_text("Beschrijf de oplossing.").wait_for(timeout=20_000)
    with db.open_db(live_server["db"]) as d:
        assert d.execute(
            "SELECT count(*) FROM workshop_notes WHERE workshop_id = ?", [wid]
        ).fetchone() == (1,)
    nav(staff, "Planning")
    wait_idle(staff)

    # ---------------------------------------------------------------- staff: the report
    staff.get_by_role("link", name="Naar het verslag").click()
    wait_idle(staff)
    staff.get_by_role("heading", name="Verslag").wait_for()
    staff.locator('[data-testid="stMetric"]', has_text="In het verslag").wait_for()
    wait_idle(staff)
    make = staff.get_by_role("button", name="Rapport maken")
    make.click()
    wait_idle(staff)
    staff.get_by_text("Versie 1 is gemaakt").wait_for(timeout=60_000)
    shot(staff, "walk-06-report-made")
    send = staff.get_by_role("button", name="Markeer als verstuurd")
    send.click()
    wait_idle(staff)
    staff.get_by_text("nog niet beoordeeld en", exact=False).first.wait_for()
    shot(staff, "walk-07-report-undecided-warning")
    assert status_of(live_server, wid) == "uitgevoerd"
    staff.get_by_role("button", name="Annuleren").click()
    wait_idle(staff)
    staff.get_by_role("button", name=re.compile(r"^Alle \d+ open voorstellen aanvaarden$")).click()
    wait_idle(staff)
    staff.get_by_text("voorstel(len) aanvaard.").wait_for()
    wait_idle(staff)
    staff.get_by_role("button", name="Rapport maken").click()
    wait_idle(staff)
    staff.get_by_text("Versie 2 is gemaakt").wait_for(timeout=60_000)
    send = staff.get_by_role("button", name="Markeer als verstuurd")
    where = send.bounding_box()  # the button goes once the version is sent
    send.click()
    wait_idle(staff)
    done = staff.get_by_text("Versie 2 is gemarkeerd als verstuurd.")
    done.wait_for()
    near(staff, done, where)
    shot(staff, "walk-08-report-sent")
    assert status_of(live_server, wid) == "verslag verstuurd"

    # ---------------------------------------------------------------- the end of the pipeline
    nav(staff, "Planning")
    staff.get_by_text("Nu: verslag verstuurd").wait_for()
    staff.get_by_text("Er is geen volgende stap.").wait_for()
    assert staff.get_by_role("button", name=re.compile("^Terug naar")).count() == 0  # folded
    shot(staff, "walk-09-planning-done")
