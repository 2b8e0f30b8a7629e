"""Real browser: picking workshop after workshop at the top of a workshop page keeps every pick
(every other pick was lost), the next page opens on the last pick, and a reload keeps it."""

import re

import pytest
from support.browser import browser_sign_in, wait_idle

from jep.store import db
from jep.workshop import workshops

pytestmark = pytest.mark.browser


def pick(page, wid: int) -> None:
    picker = page.get_by_role("combobox", name="Werkatelier", exact=True).first
    picker.click()
    picker.fill(f"#{wid})")
    page.get_by_role("option").filter(has_text=f"(#{wid})").first.click()
    wait_idle(page)


def shown(page) -> str:
    return page.get_by_role("combobox", name="Werkatelier", exact=True).first.input_value()


def test_every_pick_is_kept(live_server, browser):
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        ids = [workshops.create_request(d, c, "test") for c in ("GM0344", "GM0363", "GM0014")]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    browser_sign_in(page, live_server["url"])
    page.get_by_role("link", name=re.compile("Planning$")).click()
    wait_idle(page)
    for wid in (ids[0], ids[1], ids[2], ids[0], ids[1]):
        pick(page, wid)
        assert f"(#{wid})" in shown(page), (wid, shown(page))
        assert page.url.endswith(f"id={wid}"), page.url
    page.get_by_role("link", name=re.compile("Verslag$")).click()  # the next workshop page
    wait_idle(page)
    assert f"(#{ids[1]})" in shown(page)
    page.reload()
    wait_idle(page)
    assert f"(#{ids[1]})" in shown(page)


def test_typing_lists_the_workshops_that_contain_the_text(live_server, browser):
    """A long list is searched by the text as typed, not by its letters spread out: 'ren' is in
    no label ('Utrecht – aanvraag' and 'Groningen – aanvraag' only hold its letters in order);
    and by the name people use for a municipality ('Den Haag')."""
    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        for code in ("GM0344", "GM0363", "GM0014", "GM0518"):
            workshops.create_request(d, code, "test")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    browser_sign_in(page, live_server["url"])
    page.get_by_role("link", name=re.compile("Planning$")).click()
    wait_idle(page)
    picker = page.get_by_role("combobox", name="Werkatelier", exact=True).first
    picker.click()
    picker.press_sequentially("Utr")
    page.get_by_role("option").first.wait_for()
    assert page.get_by_role("option").all_inner_texts() == ["Utrecht – aanvraag (#1)"]
    picker.fill("")
    picker.press_sequentially("Den Haag")  # the name people use for 's-Gravenhage
    page.get_by_role("option").first.wait_for()
    assert page.get_by_role("option").all_inner_texts() == [
        "'s-Gravenhage / Den Haag – aanvraag (#4)"
    ]
    picker.fill("")
    picker.press_sequentially("ren")
    page.wait_for_timeout(500)
    assert page.get_by_role("option").all_inner_texts() == ["No results"]  # Streamlit’s own


def test_a_new_request_finds_the_municipality_by_the_name_people_use(live_server, browser):
    """The municipality choice puts the best match first ('Utrecht' is also the province of 25
    other municipalities) and knows 'Den Haag' for 's-Gravenhage."""
    db.init_db(live_server["db"])
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    browser_sign_in(page, live_server["url"])
    page.get_by_role("link", name=re.compile("Nieuwe aanvraag$")).click()
    wait_idle(page)
    box = page.get_by_role("combobox", name="Gemeente (typ om te zoeken)")
    for typed, first in (
        ("Utrecht", "Utrecht (Utrecht)"),
        ("Den Haag", "'s-Gravenhage / Den Haag (Zuid-Holland)"),
        ("zuidwest", "Súdwest-Fryslân / Sudwest-Fryslan / Zuidwest-Friesland (Fryslân)"),
    ):
        box.click()
        box.fill("")
        box.press_sequentially(typed)
        page.get_by_role("option").first.wait_for()
        assert page.get_by_role("option").first.inner_text() == first, typed
        page.keyboard.press("Escape")


def test_older_workshops_come_with_alle_which_stays_on_across_pages(live_server, browser):
    """The picker lists the workshops in work and those of the last 12 months; "Alle" adds the
    older ones and stays on on the next page; a link opens an older workshop without it."""
    from datetime import date

    from jep.dates import add_months

    db.init_db(live_server["db"])
    with db.open_db(live_server["db"]) as d:
        recent, old = (workshops.create_request(d, c, "test") for c in ("GM0344", "GM0363"))
        for wid, months in ((recent, 1), (old, 13)):
            d.execute(
                "UPDATE workshops SET status = 'verslag verstuurd', date = ? WHERE id = ?",
                [add_months(date.today(), -months).isoformat(), wid],
            )
        d.conn.commit()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    browser_sign_in(page, live_server["url"])
    page.get_by_role("link", name=re.compile("Planning$")).click()
    wait_idle(page)

    def listed() -> list[str]:
        picker = page.get_by_role("combobox", name="Werkatelier", exact=True).first
        picker.click()
        page.get_by_role("option").first.wait_for()
        texts = page.get_by_role("option").all_inner_texts()
        page.mouse.click(1260, 880)  # close the list, keep the choice (Escape would clear it)
        page.get_by_role("option").first.wait_for(state="detached")
        return [re.sub(r" – .*\(", " (", t) for t in texts]

    assert listed() == [f"Utrecht (#{recent})"]
    page.get_by_text("Alle", exact=True).click()
    wait_idle(page)
    assert listed() == [f"Amsterdam (#{old})", f"Utrecht (#{recent})"]
    pick(page, old)
    page.get_by_role("link", name=re.compile("Verslag$")).click()
    wait_idle(page)
    assert page.get_by_role("switch", name="Alle").is_checked()
    assert f"(#{old})" in shown(page)
    page.get_by_text("Alle", exact=True).click()  # off again: the chosen one stays
    wait_idle(page)
    assert f"(#{old})" in shown(page)
    page.goto(f"{live_server['url']}/planning?id={old}")  # a link, in a new visit
    wait_idle(page)
    assert f"(#{old})" in shown(page)
    assert not page.get_by_role("switch", name="Alle").is_checked()
