"""The benchmark's stopwatch in a real browser (bench/browser.py): what counts as the page drawing.

An interaction's time starts at the person's action: its first pointer or key event, not the call
that makes Playwright check the target before it clicks. A screen's time ends at its last DOM
change. Two kinds of change are not drawing and must not
move that moment: React Aria's hidden screen-reader log, and what a data grid writes inside its
<canvas> for screen readers (a canvas never shows its content). The canvas's own size still
counts: that is the grid being laid out.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from support.server import chromium_path, launch_chromium

from bench import browser as bb

pytestmark = pytest.mark.browser
PAGE = """<!doctype html><body>
<div data-live-announcer="true"><div id="log"></div></div>
<canvas id="grid" width="10" height="10"></canvas>
<p id="text">tekst</p>
<button id="go" onclick="setTimeout(() => { text.textContent = 'klaar'; }, 60)">Go</button>
</body>"""


@pytest.fixture
def page() -> Iterator:
    if not chromium_path():
        if os.environ.get("JEP_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required for browser tests here (apt-get install chromium)")
        pytest.skip("no chromium on PATH: browser tests skipped (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        try:
            context = b.new_context()
            bb.install(context)
            pg = context.new_page()
            pg.route("http://bench.test/", lambda r: r.fulfill(body=PAGE, content_type="text/html"))
            pg.goto("http://bench.test/")
            yield pg
        finally:
            b.close()


def _moves(page, script: str) -> bool:
    """Whether `script`'s DOM change moves the monitor's moment of the last change."""
    before = page.evaluate("window.__jep.dom")
    page.wait_for_timeout(20)
    page.evaluate(script)
    page.wait_for_timeout(50)  # the observer's records arrive in a microtask
    return page.evaluate("window.__jep.dom") > before


def test_a_change_of_the_page_counts(page) -> None:
    assert _moves(page, "document.getElementById('text').textContent = 'anders'")


def test_the_screen_reader_log_does_not_count(page) -> None:
    add = "document.getElementById('log').append(document.createElement('div'))"
    assert not _moves(page, add)


def test_what_a_grid_writes_inside_its_canvas_does_not_count(page) -> None:
    table = "const t = document.createElement('table'); t.innerHTML = '<tr><td>a</td></tr>';"
    assert not _moves(page, table + "document.getElementById('grid').append(t)")
    assert not _moves(page, "document.querySelector('#grid td').textContent = 'b'")
    assert not _moves(page, "document.querySelector('#grid td').setAttribute('title', 'c')")


def test_the_canvas_own_size_counts(page) -> None:
    assert _moves(page, "document.getElementById('grid').setAttribute('width', '20')")


def _drawn_after(page, since: float) -> float:
    """What `bb.timed` returns, without the wait for a websocket message (this page has none)."""
    acted = float(page.evaluate(bb.FIRST_INPUT_JS, since))
    page.wait_for_timeout(400)
    return float(page.evaluate("window.__jep.dom")) - acted


def test_an_interaction_counts_from_the_click_not_from_the_call(page) -> None:
    since = bb.now_ms(page)
    page.wait_for_timeout(300)  # as Playwright's checks before a click, only longer
    page.click("#go")
    ms = _drawn_after(page, since)
    assert 50 <= ms < 250, ms  # the 60 ms of the page, not the 300 before the click


def test_without_an_input_event_it_counts_from_the_call(page) -> None:
    since = bb.now_ms(page)
    page.evaluate("setTimeout(() => { text.textContent = 'zelf'; }, 200)")
    assert _drawn_after(page, since) >= 200
