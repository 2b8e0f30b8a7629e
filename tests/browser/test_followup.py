"""Real browser: with demo data, staff see a due follow-up, mail its link; the municipality
fills it in and submits it; staff see the Terugblik, make the report with its addendum (the PDF
has the section) and the programme figures change."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from support.browser import browser_sign_in, choose, next_section, shot, wait_idle
from support.followup_data import sent_workshop

from jep import demo
from jep.store import db

pytestmark = pytest.mark.browser


def nav(page, title: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role(
        "link", name=re.compile(re.escape(title) + "$")
    ).click()
    wait_idle(page)


def pick(page, wid: int) -> None:
    page.get_by_label("Werkatelier", exact=True).first.click()
    page.get_by_role("option").filter(has_text=f"(#{wid})").first.click()
    wait_idle(page)


def metric(page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label).first
    return box.get_by_test_id("stMetricValue").inner_text().strip()


def test_follow_up_from_due_to_addendum(live_server, browser):
    dbp = live_server["db"]
    db.init_db(dbp)
    with db.open_db(dbp) as d:
        demo.seed_demo(d, seed=7)
        wid, _ = sent_workshop(d, "GM0344")  # Utrecht: 3 recommendations, 4 knelpunten
        seven_months = (datetime.now(UTC) - timedelta(days=215)).isoformat(timespec="seconds")
        d.execute(
            "UPDATE report_versions SET sent_at = ? WHERE workshop_id = ?", [seven_months, wid]
        )
        d.conn.commit()

    staff = browser.new_page(viewport={"width": 1280, "height": 1000})
    browser_sign_in(staff, live_server["url"])
    staff.get_by_role("tab", name="Terugblik").click()  # the dashboard's tab
    staff.get_by_role("heading", name="Te doen en achterstallig").wait_for()
    before = int(metric(staff, "Terugblik te doen"))
    assert before >= 1
    expect(staff.get_by_text("Te doen en achterstallig")).to_be_visible()
    shot(staff, "followup-01-dashboard")

    nav(staff, "Terugblik")
    pick(staff, wid)
    staff.get_by_text("Achterstallig.").first.wait_for()
    staff.get_by_role("tab", name="Link en herinnering").click()
    staff.get_by_label("E-mailadres van de contactpersoon").fill("fenna@utrecht.example")
    staff.get_by_role("button", name="Nieuwe link uitgeven en mailen").click()
    wait_idle(staff)
    staff.get_by_text(re.compile("Bericht klaargezet voor fenna\u2060?@utrecht")).wait_for()
    url = staff.get_by_test_id("stCode").first.inner_text().strip()
    assert "/?terugblik=" in url
    shot(staff, "followup-02-link")

    gemeente = browser.new_page(viewport={"width": 1280, "height": 1000})
    gemeente.goto(url)
    wait_idle(gemeente)
    gemeente.get_by_role("button", name="Indienen").wait_for(timeout=30_000)
    expect(gemeente.get_by_role("heading", name=re.compile("gemeente Utrecht"))).to_be_visible()
    # one section open at a time; each "Volgende" opens the next
    gemeente.get_by_label("Naam", exact=True).fill("Fenna de Boer")
    gemeente.get_by_label("Functie", exact=True).fill("beleidsadviseur OOV")
    next_section(gemeente, "Wat hielp?")
    groups = gemeente.get_by_role("radiogroup")
    expect(groups).to_have_count(3)
    statuses = ["Uitgevoerd", "In gang gezet", "Nog niet gestart"]
    for i, status in enumerate(statuses):
        groups.nth(i).get_by_text(status, exact=True).click()
    choose(gemeente, "Wie pakte het op?", "Contactpunt radicalisering", nth=0)
    choose(gemeente, "Wie pakte het op?", "Zorg- en Veiligheidshuis", nth=1)
    gemeente.get_by_label("Wat hielp?", exact=True).first.fill("Steun van de wethouder.")
    next_section(gemeente, "Ernst nu")
    for i, severity in enumerate(["2", "3 – gemiddeld", "3 – gemiddeld", "1 – klein"]):
        choose(gemeente, "Ernst nu", severity, nth=i)
    next_section(gemeente, "Soms, of bij een deel van de partners")
    expect(groups).to_have_count(6 + 5)
    for i in range(6):
        groups.nth(i).get_by_text("Soms, of bij een deel van de partners", exact=True).click()
    for i in range(6, 6 + 5):
        groups.nth(i).get_by_text("Ja", exact=True).click()
    next_section(gemeente, "Misschien later")
    gemeente.get_by_role("radiogroup").first.get_by_text("Misschien later", exact=True).click()
    wait_idle(gemeente)
    # every bar says its section is done
    for bar in gemeente.locator('[class*="st-key-oneopen-"] summary').all():
        mark = bar.evaluate("e => getComputedStyle(e.querySelector('p'), '::after').content")
        assert mark == '" · klaar ✓"', mark
    gemeente.get_by_role("button", name="Indienen").click()
    wait_idle(gemeente)
    try:
        gemeente.get_by_text("De terugblik is ingediend").first.wait_for(timeout=20_000)
    except Exception as exc:
        gemeente.screenshot(path="out/screenshots/followup-03-FAILED.png", full_page=True)
        alerts = gemeente.locator('[data-testid="stAlert"]').all_inner_texts()
        raise AssertionError(f"not submitted; messages on the page: {alerts}") from exc
    shot(gemeente, "followup-03-submitted")

    nav(staff, "Overzicht")  # and back: the same workshop, now with its Terugblik
    nav(staff, "Terugblik")
    staff.get_by_text("Terugblik ingediend op").first.wait_for()
    staff.get_by_role("tab", name="Resultaat").click()
    assert metric(staff, "Aanbevelingen uitgevoerd") == "1 van 3"
    assert metric(staff, "Knelpunten kleiner geworden") == "3 van 4"
    shot(staff, "followup-04-terugblik")
    staff.get_by_role("button", name="Verslag met terugblik maken (PDF)").click()
    wait_idle(staff)
    staff.get_by_text("met terugblik is bewaard").wait_for(timeout=30_000)
    with staff.expect_download() as download:
        staff.get_by_role("button", name=re.compile(r"Versie 2 downloaden")).click()
    pdf = download.value.path().read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "9. Terugblik" in text and "Steun van de wethouder." in text

    nav(staff, "Overzicht")
    staff.get_by_role("tab", name="Terugblik").click()
    staff.get_by_role("heading", name="Te doen en achterstallig").wait_for()
    assert int(metric(staff, "Terugblik te doen")) == before - 1
    shot(staff, "followup-05-dashboard-after")
