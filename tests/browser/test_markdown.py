"""Real browser: names and file text are shown exactly as typed in every kind of notice, never as
markdown, a link or an image (issue 18, item 3).

A name registered by a contact as `![i](http://…/px.png)` used to make the staff browser fetch
that image when the waiting-list promotion notice showed; links, bold and bare www. addresses
rendered in add notices, import errors, ignored columns and row names. Here each of those
notices is opened with hostile names, and the page must hold the literal text, no link or image
made of it, and the image server must see no request. (tests/unit/test_notices.py checks that
every notice in the code goes through the same escaping.)
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from support.browser import browser_sign_in, shot, wait_idle

from jep.reference.catalog import catalog
from jep.store import db
from jep.workshop import participants, workshops

pytestmark = pytest.mark.browser
WJ = "\u2060"  # the invisible word joiner md() puts into addresses


class _Pixel(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        _Pixel.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture
def pixel_server():
    server = HTTPServer(("127.0.0.1", 0), _Pixel)
    _Pixel.hits = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def hostile(px: str) -> list[str]:
    return [
        f"![i]({px}/px.png) Ina",
        "[klik](https://evil.example) Kees",
        "**Bo** www.evil.example",
        "- Lijst iemand@evil.example",
        ":material/home: :red[Rood]",
    ]


def page_text(page) -> str:
    return page.get_by_test_id("stMain").inner_text().replace(WJ, "")


def assert_inert(page, names: list[str], px: str) -> None:
    main = page.get_by_test_id("stMain")
    text = page_text(page)
    for name in names:
        assert name in text, name
    assert main.locator(f'img[src^="{px}"]').count() == 0
    assert main.locator('a[href*="evil.example"]').count() == 0
    assert main.locator('a[href^="mailto:"]').count() == 0


def remove_first_row(page) -> None:
    """Tick 'Verwijderen' on the first row of the participants table (a canvas grid) with the
    keyboard, as a keyboard user would."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 60, box["y"] + 52)  # the first row's name cell
    page.wait_for_timeout(300)
    for _ in range(10):  # 6 columns to the right; more stay on the last one (a lost press, too)
        page.keyboard.press("ArrowRight")
    page.keyboard.press(" ")
    wait_idle(page)


def test_hostile_names_are_inert_in_every_notice(live_server, browser, pixel_server, tmp_path):
    px = pixel_server
    names = hostile(px)
    cat = catalog()
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        d.execute(
            "UPDATE workshops SET status = 'gepland', date = ?, location = 'Zaal' WHERE id = ?",
            [(date.today() + timedelta(days=7)).isoformat(), wid],
        )
        d.conn.commit()
        for i in range(15):
            participants.add(d, wid, {"name": f"Persoon {i}", "sector_id": "onderwijs"}, "t", cat)
        # registered through the contact's link: on the waiting list
        errors, added = participants.add(
            d, wid, {"name": names[0], "sector_id": "veiligheid"}, "gemeente:GM0344", cat
        )
        assert not errors and added.status == "wachtlijst"

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    browser_sign_in(page, live_server["url"])
    page.get_by_role("link", name="Deelnemers en mix").click()
    wait_idle(page)
    page.get_by_label("Werkatelier", exact=True).first.click()
    page.get_by_role("option", name=f"(#{wid})").first.click()
    wait_idle(page)

    # 1. the waiting-list promotion notice
    remove_first_row(page)
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    wait_idle(page)
    page.get_by_text("Van de wachtlijst aangemeld").wait_for(timeout=20_000)
    wait_idle(page)
    assert_inert(page, [names[0]], px)
    shot(page, "markdown-01-promotion")

    # 2. the add notice
    page.get_by_role("tab", name="Toevoegen").click()
    page.get_by_label("Naam", exact=True).fill(names[2])
    page.get_by_label("Naam", exact=True).press("Tab")
    wait_idle(page)
    page.get_by_label("Sector", exact=True).first.click()
    page.get_by_role("option", name="Onderwijs", exact=True).first.click()
    wait_idle(page)
    page.get_by_role("button", name="Deelnemer toevoegen").click()
    wait_idle(page)
    page.get_by_text("Alle plaatsen zijn bezet").wait_for(timeout=20_000)
    wait_idle(page)
    assert_inert(page, [names[2]], px)

    # 3. import: row names, reasons and ignored column headings from the file
    upload = tmp_path / "lijst.csv"
    rows = [f"Naam;Sector;{names[1]}"] + [f"{n};Sport;x" for n in names]
    upload.write_text("\n".join(rows) + "\n", encoding="utf-8")
    page.get_by_role("tab", name="Importeren").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    wait_idle(page)
    page.get_by_text("5 rij(en) worden niet geïmporteerd").wait_for(timeout=20_000)
    wait_idle(page)
    page.get_by_text("Rij 6").wait_for(timeout=20_000)  # the last row of the list
    assert_inert(page, [*names, f"Genegeerde kolommen: {names[1]}"], px)
    shot(page, "markdown-02-import")

    page.wait_for_timeout(500)
    assert _Pixel.hits == []  # no image was fetched from the names
