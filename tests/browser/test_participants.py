"""Real browser: staff add participants to a planned workshop, see the mix chart, and watch a
warning and a suggestion change when the missing domain arrives."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from support.browser import browser_sign_in, choose, shot, wait_idle

from jep.fmt import fmt_date
from jep.reference.catalog import catalog
from jep.store import db
from jep.workshop import participants, workshops

pytestmark = pytest.mark.browser


def add_person(page, name: str, sector: str, profession: str | None = None) -> None:
    page.get_by_label("Naam", exact=True).fill(name)
    page.get_by_label("Naam", exact=True).press("Tab")  # commit the text (a rerun) before
    wait_idle(page)  # opening a dropdown, which that rerun would otherwise close
    choose(page, "Sector", sector)
    wait_idle(page)
    if profession:
        choose(page, "Beroep (optioneel)", profession)
        wait_idle(page)
    page.get_by_role("button", name="Deelnemer toevoegen").click()
    wait_idle(page)
    page.get_by_text(f"{name} is aangemeld.").wait_for(timeout=20_000)


def test_add_participants_and_see_the_mix_change(live_server, browser):
    cat = catalog()
    when = date.today() + timedelta(days=7)
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        d.execute(
            "UPDATE workshops SET status = 'gepland', date = ?, location = 'Stadhuis' WHERE id = ?",
            [when.isoformat(), wid],
        )
        d.execute(
            "INSERT INTO intake_sectors(workshop_id, sector_id, desired) "
            "VALUES (?, 'veiligheid', 2)",
            [wid],
        )
        d.conn.commit()
        for i, sector in enumerate(["onderwijs", "onderwijs", "jeugdhulp"]):
            participants.add(d, wid, {"name": f"Bestaand {i}", "sector_id": sector}, "t", cat)

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    browser_sign_in(page, live_server["url"])
    page.get_by_role("link", name="Deelnemers en mix").click()
    wait_idle(page)
    choose(page, "Werkatelier", f"Utrecht – gepland – {fmt_date(when)} (#{wid})")
    wait_idle(page)

    page.get_by_role("heading", name="Mix", exact=True).wait_for()
    warning = "Nog niemand aangemeld uit Veiligheid."
    page.get_by_text(warning).wait_for(timeout=20_000)
    page.get_by_text("Veiligheid: nodig nog 2 deelnemers uit (gewenst 2, aangemeld 0)").wait_for()
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.locator(".main-svg").first.wait_for(timeout=20_000)
    assert chart.locator("g.trace.bars").count() >= 1
    shot(page, "participants-01-before")

    page.get_by_role("tab", name="Toevoegen").click()
    add_person(page, "Fatima Ouali (test)", "Veiligheid", "wijkagent")
    page.get_by_text("Veiligheid: nodig nog 1 deelnemer uit (gewenst 2, aangemeld 1)").wait_for(
        timeout=20_000
    )
    assert page.get_by_text(warning).count() == 0  # the core-domain warning is gone
    page.get_by_text("Aangemeld: 4 deelnemers.").wait_for()

    page.get_by_role("tab", name="Per sector").click()
    wait_idle(page)
    # only the open tab's chart is sent and drawn (the per-domain one is gone)
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(1, timeout=20_000)
    sector_chart = page.locator('[data-testid="stPlotlyChart"]').first
    sector_chart.locator(".main-svg").first.wait_for()
    assert "Veiligheid" in sector_chart.inner_text()
    assert page.get_by_role("tab", name="Per sector").get_attribute("aria-selected") == "true"
    shot(page, "participants-02-after")

    page.get_by_role("tab", name="Toevoegen").click()
    add_person(page, "Rob de Wit (test)", "Veiligheid")
    page.get_by_text("Veiligheid: nodig nog").wait_for(state="detached")
    page.get_by_role("tab", name="Lijst en wijzigen").click()
    page.locator('[role="gridcell"]', has_text="Rob de Wit (test)").first.wait_for(
        state="attached", timeout=20_000
    )
    page.get_by_role("button", name="Wijzigingen opslaan").scroll_into_view_if_needed()
    shot(page, "participants-03-list")


def sign_in(page, url: str) -> None:
    browser_sign_in(page, url)


def test_import_a_list_with_good_and_bad_rows(live_server, browser, tmp_path):
    when = date.today() + timedelta(days=10)
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        wid = workshops.create_request(d, "GM0363", "tester")
        d.execute(
            "UPDATE workshops SET status = 'gepland', date = ?, location = 'Zaal' WHERE id = ?",
            [when.isoformat(), wid],
        )
        d.conn.commit()
    upload = tmp_path / "uitnodigingslijst.csv"
    upload.write_text(
        "Naam;Organisatie;Sector;Beroep;E-mail\n"
        "Anna Docent;Stadsschool;Onderwijs;docent;anna@school.example\n"
        ";Stadsschool;Onderwijs;;\n"
        "Bas Agent;Politie;;wijkagent;bas@politie.example\n"
        "Cor Sport;Club;Sport;;\n",
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    sign_in(page, live_server["url"])
    page.get_by_role("link", name="Deelnemers en mix").click()
    wait_idle(page)
    choose(page, "Werkatelier", f"Amsterdam – gepland – {fmt_date(when)} (#{wid})")
    wait_idle(page)
    page.get_by_role("tab", name="Importeren").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    wait_idle(page)
    page.get_by_text("2 rij(en) worden niet geïmporteerd").wait_for(timeout=20_000)
    page.get_by_text("2 goede rij(en): 2 worden aangemeld.").wait_for()
    page.get_by_text("Onbekende sector ‘Sport’", exact=False).wait_for()
    page.locator('[role="gridcell"]', has_text="Bas Agent").first.wait_for(state="attached")
    page.get_by_role("button", name="2 deelnemer(s) importeren").scroll_into_view_if_needed()
    shot(page, "participants-04-import-preview")
    page.get_by_role("button", name="2 deelnemer(s) importeren").click()
    wait_idle(page)
    page.get_by_text("2 deelnemer(s) geïmporteerd: 2 aangemeld, 0 op de wachtlijst.").wait_for(
        timeout=20_000
    )
    with db.open_db(live_server["db"]) as d:
        df = participants.list_df(d, wid)
    assert sorted(df["name"]) == ["Anna Docent", "Bas Agent"]

    page.get_by_role("link", name="Planning").click()
    wait_idle(page)
    page.get_by_role("heading", name="Planning").wait_for()
    page.get_by_role("button", name="Planning opslaan").wait_for()
    shot(page, "planning-01-form")
