"""Real browser: the staff home (programme dashboard) with demo data – the key figures, the map
of the Netherlands (a plotly choropleth), a shared link with a province filter, and a download."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from support.browser import SHOTS, shot, wait_idle
from support.server import ADMIN_PASSWORD

from jep import demo
from jep.store import db

pytestmark = pytest.mark.browser


def sign_in(page) -> None:
    page.get_by_label("Gebruikersnaam").fill("admin")
    page.get_by_label("Wachtwoord").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    wait_idle(page)


def map_chart(page):
    """The plotly chart that holds the choropleth (a .geo layer with municipality paths)."""
    chart = page.locator(".js-plotly-plot", has=page.locator(".geo")).first
    chart.locator("path.choroplethlocation").first.wait_for(state="attached", timeout=30_000)
    return chart


def metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]', has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text()


def test_dashboard_with_demo_data(live_server, browser):
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        demo.seed_demo(d, count=80, seed=11, today=date(2026, 11, 30))

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(live_server["url"])
    sign_in(page)
    page.get_by_role("heading", name="Programma", exact=True).wait_for(timeout=30_000)
    page.locator('[data-testid="stMetric"]').nth(5).wait_for(timeout=60_000)
    wait_idle(page)
    assert (
        page.locator('[data-testid="stMetric"]').count() == 6
    )  # key figures (only the open tab runs)
    assert metric(page, "Gemeenten bereikt").endswith("van 342")
    assert int(metric(page, "Werkateliers")) > 0
    assert "," in metric(page, "Rapportcijfer (mediaan)")  # a Dutch decimal, not hidden

    # the year filter lists the years, without Streamlit's English "Select all"
    page.get_by_role("combobox", name="Jaar").first.click()
    page.get_by_role("option").first.wait_for()
    years = page.get_by_role("option").all_inner_texts()
    assert years and all(y.strip().isdigit() for y in years), years
    page.keyboard.press("Escape")

    chart = map_chart(page)
    assert chart.locator("path.choroplethlocation").count() == 342
    assert chart.get_by_text("Bron: CBS, PDOK").count() == 1
    page.get_by_text("gemeenten naar hun verst gevorderde werkatelier").first.wait_for()
    # the summary with the main action comes first, the details in tabs
    assert page.get_by_role("button", name="Alle tabellen downloaden (Excel)").count() == 1
    shot(page, "dashboard-01-home")
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(SHOTS / "dashboard-01-map.png"))
    # every chart draws when its tab is opened, and only the open tab's charts are sent and drawn
    # (funnel, map; participants; goals; trends ×2; knelpunten, aanbevelingen, ontbrekende
    # sectoren); the open tab goes into the URL like the filters
    drawn = page.locator(".js-plotly-plot")
    for tab, charts in (("Wie", 1), ("Wat het oplevert", 1), ("Trends per kwartaal", 2),
                        ("Wat terugkomt", 3)):  # fmt: skip
        page.get_by_role("tab", name=tab).click()
        expect(drawn).to_have_count(charts, timeout=30_000)
        wait_idle(page)
        assert page.locator(".js-plotly-plot .main-svg").first.is_visible()
    assert "tab=Wat+terugkomt" in page.url or "tab=Wat%20terugkomt" in page.url
    shot(page, "dashboard-01-recurs")
    page.get_by_role("tab", name="Terugblik").click()
    page.get_by_text("Terugblik te doen").first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stMetric"]').count() == 6 + 4  # key figures, Terugblik
    page.get_by_role("tab", name="Wat terugkomt").click()
    expect(drawn).to_have_count(3, timeout=30_000)

    # a download: the file arrives and the export is in the audit log
    page.get_by_text("Tabel: Knelpunten die het vaakst genoemd worden").click()
    wait_idle(page)
    with page.expect_download(timeout=30_000) as dl:
        page.locator(".st-key-dl_kp_csv button").click()
    with open(dl.value.path(), encoding="utf-8-sig") as fh:
        content = fh.read()
    assert content.startswith("Knelpunt;Voorgesprekken;")
    with db.open_db(live_server["db"]) as d:
        assert (
            d.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'dashboard geëxporteerd' "
                "AND entity_id = 'knelpunten'"
            ).fetchone()[0]
            == 1
        )

    # the whole workbook: made when the button is pressed (in the server's download thread,
    # outside the page's run), with the tables of tabs that were never opened
    with page.expect_download(timeout=60_000) as dl:
        page.get_by_role("button", name="Alle tabellen downloaden (Excel)").click()
    assert dl.value.suggested_filename.endswith(".xlsx"), dl.value.suggested_filename
    book = load_workbook(io.BytesIO(dl.value.path().read_bytes()))
    assert len(book.worksheets) == 16, [ws.title for ws in book.worksheets]
    titles = " | ".join(ws.title for ws in book.worksheets)
    assert "terugblik" in titles.lower(), titles
    trends = next(ws for ws in book.worksheets if ws.title.startswith("Rapportcijfer en toename"))
    assert trends.max_row > 3  # the evaluation per quarter (never shown on the screen) has rows
    assert page.locator('[data-testid="stException"]').count() == 0


def test_shared_link_with_a_province(live_server, browser):
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        demo.seed_demo(d, count=80, seed=11, today=date(2026, 11, 30))

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(live_server["url"] + "/?provincie=Utrecht&tab=Waar")
    sign_in(page)  # the link survives signing in
    page.get_by_role("heading", name="Programma", exact=True).wait_for(timeout=30_000)
    page.locator('[data-testid="stMetric"]').nth(5).wait_for(timeout=60_000)
    wait_idle(page)
    assert metric(page, "Gemeenten bereikt").endswith("van 26")
    chart = map_chart(page)
    page.wait_for_function(
        "document.querySelectorAll('path.choroplethlocation').length === 26", timeout=30_000
    )
    assert chart.locator("path.choroplethlocation").count() == 26
    assert "provincie=Utrecht" in page.url
    page.get_by_text("Weergave: provincie Utrecht").wait_for()
    shot(page, "dashboard-02-utrecht")
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(SHOTS / "dashboard-02-map-utrecht.png"))

    # a view shared on another tab opens on that tab, with its filter
    other = browser.new_page(viewport={"width": 1400, "height": 1000})
    other.goto(live_server["url"] + "/?provincie=Utrecht&tab=Wat+terugkomt")
    sign_in(other)
    other.get_by_role("heading", name="Programma", exact=True).wait_for(timeout=30_000)
    selected = other.get_by_role("tab", name="Wat terugkomt")
    expect(selected).to_have_attribute("aria-selected", "true", timeout=30_000)
    other.get_by_text("Knelpunten die het vaakst genoemd worden").first.wait_for(timeout=30_000)
    assert other.locator(".geo").count() == 0  # the map's tab did not run
