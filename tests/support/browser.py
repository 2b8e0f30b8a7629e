"""Browser-test helpers: wait for Streamlit to be idle, sign in, pick in a selectbox, take a
screenshot."""

from __future__ import annotations

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from support.server import ADMIN_PASSWORD, ROOT

SHOTS = ROOT / "out" / "screenshots"


def wait_idle(page) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    page.wait_for_timeout(400)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden", timeout=90_000)


def browser_sign_in(
    page, base_url: str, username: str = "admin", password: str = ADMIN_PASSWORD, path: str = ""
) -> None:
    """Open `path` of the app in `page` signed out (which shows the /aanmelden page), sign in as
    staff; returns when the staff navigation shows."""
    page.goto(base_url + path)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    wait_idle(page)
    page.get_by_test_id("stSidebar").wait_for()


def shot(page, name: str) -> None:
    """Save a screenshot to out/screenshots/ and fail on any Streamlit exception box."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {name}"


def choose(
    page, label: str, option: str, *, nth: int = 0, part: bool = False, search: bool = False
) -> None:
    """Pick `option` in the `nth` Streamlit selectbox labelled `label`, as a user would: when the
    list did not open or a rerun (started by leaving the previous field) closed it again, wait
    for the rerun and open it once more. `part`: `option` is a part of the option's text;
    `search`: type it first (long lists show only their first options)."""
    box = page.get_by_role("combobox", name=label, exact=True).nth(nth)
    if part:
        options = page.get_by_role("option").filter(has_text=option)
    else:
        options = page.get_by_role("option", name=option, exact=True)
    for attempt in range(3):
        box.click()
        if search:
            box.fill("")
            box.press_sequentially(option)
        try:
            options.first.click(timeout=5_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_idle(page)


def section_bar(page, section_id: str):
    """The bar (a <details>) of one section of a form with one section open (app_ui/sections)."""
    return page.locator(f'[class*="_open_{section_id}"] details').first


def open_bar(page, section_id: str, ready: str) -> None:
    """Open a section by clicking its bar (if closed), until the field labelled `ready` shows.
    Looks once the page is idle: a bar that is closing still has its `open` attribute."""
    wait_idle(page)
    if section_bar(page, section_id).get_attribute("open") is None:
        section_bar(page, section_id).locator("summary").click()
    page.get_by_label(ready, exact=True).first.wait_for()


def next_section(page, ready: str) -> None:
    """Press the open section's *Volgende: …* button, until the field labelled `ready` shows."""
    page.get_by_role("button", name=re.compile("^Volgende: ")).click()
    page.get_by_label(ready, exact=True).first.wait_for()
