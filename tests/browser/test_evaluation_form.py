"""Real browser, phone-sized (390×844): the evaluation form is compact, fast to complete, keeps the
answers through a reload (the respondent cookie set by the route /e), counts once, and passes
axe-core; staff watch the room fill in and download the paper form.

Prints the form's height and the scripted completion time (see the test summary)."""

from __future__ import annotations

import io
import re
import time
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from support import evaluation_form as form
from support.axe import axe_violations
from support.browser import SHOTS, browser_sign_in, shot, wait_idle

from jep.evaluation import drafts, links, questionnaire
from jep.store import db
from jep.workshop import workshops

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
MAX_FORM_HEIGHT = 2500  # CSS px at 390 px wide (issue 19)
Q = questionnaire.questionnaire()


def phone(browser):
    return browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )


def open_workshop(path, present: int = 0) -> tuple[int, str]:
    db.init_db(path)
    with db.open_db(path) as d:
        wid = workshops.create_request(d, "GM0344", "tester")  # Utrecht
        d.execute(
            "UPDATE workshops SET status = 'uitgevoerd', date = ? WHERE id = ?",
            [date.today().isoformat(), wid],
        )
        for i in range(present):
            d.execute(
                "INSERT INTO participants(workshop_id, name, sector_id, status, position, "
                "attended) VALUES (?, ?, 'onderwijs', 'aangemeld', ?, 1)",
                [wid, f"Persoon {i}", i + 1],
            )
        return wid, links.issue_link(d, wid, "tester")


def rows(path, sql: str) -> list:
    with db.open_db(path) as d:
        return d.execute(sql).fetchall()


def draft_when_complete(path, wid: int, context, answers: dict, seconds: float = 20) -> dict:
    """The answers of this phone's draft once they match `answers` (or after `seconds`): the
    server may still be catching up with fast taps, but it must end with every one of them."""
    key = next(c["value"] for c in context.cookies() if c["name"] == "jep_respondent")
    deadline = time.time() + seconds
    while True:
        with db.open_db(path) as d:
            draft = drafts.load(d, wid, key)
        items = draft.raw["items"] if draft else {}
        if items == answers or time.time() > deadline:
            return items
        time.sleep(0.25)


def heights(page) -> dict:
    """The questionnaire's height (first section to the send button) and the page's."""
    return page.evaluate(
        """() => {
            const top = document.querySelector('[class*="st-key-evf-form"]')
                .getBoundingClientRect().top;
            const bottom = document.querySelector('.st-key-evf-submit')
                .getBoundingClientRect().bottom;
            const main = document.querySelector('[data-testid="stMain"]');
            return {form: Math.round(bottom - top), page: main.scrollHeight,
                    wide: document.documentElement.scrollWidth};
        }"""
    )


def test_phone_form_is_compact_fast_and_survives_a_reload(live_server, browser, record_property):
    wid, token = open_workshop(live_server["db"])
    context = phone(browser)
    page = context.new_page()
    page.goto(links.link_url(live_server["url"], token))  # the QR code's address: /e?eval=…
    wait_idle(page)
    form.wait_for_form(page)
    assert page.url.endswith(f"/?eval={token}")
    cookie = next(c for c in context.cookies() if c["name"] == "jep_respondent")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    size = heights(page)
    assert size["wide"] <= PHONE["width"] + 1, "no sideways scrolling"
    assert size["form"] <= MAX_FORM_HEIGHT, size
    targets = page.evaluate(
        """() => [...document.querySelectorAll('[class*="st-key-evf-form"] [role="radio"]')]
            .map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"""
    )
    assert targets and min(min(w, h) for w, h in targets) >= 44, "touch targets ≥ 44 px"
    violations = axe_violations(page)
    assert not violations, violations
    shot(page, "evaluation-form-01-phone-top")

    answers = form.typical_answers(Q)
    answers["open-mist"] = "Meer tijd voor eigen casussen."
    reloaded = {}
    started = time.perf_counter()
    paused = 0.0

    def after_section(section_id: str) -> None:
        nonlocal paused
        if section_id != "zorgvuldig-delen" or reloaded:
            return
        t0 = time.perf_counter()
        wait_idle(page)  # the last answer reached the server
        page.reload()  # mid-way: an accidental swipe-away or reload
        wait_idle(page)
        form.wait_for_form(page)
        assert form.is_open(page, "netwerk"), "a reload opens the first section not answered"
        for sid in ("signalen", "weten-wat-mag", "zorgvuldig-delen"):
            form.open_section(page, Q, sid)
            for item in Q.items_of():
                if item.section == sid:
                    expected = answers[item.id]
                    reloaded[item.id] = (
                        form.chosen(page, f"Vóór: {item.text}"),
                        form.chosen(page, f"Nu: {item.text}"),
                    ) == (expected["before"], expected["now"])
        shot(page, "evaluation-form-02-after-reload")
        paused += time.perf_counter() - t0

    form.fill(page, Q, answers, after_section=after_section)
    form.pick_sector(page, Q.sector_question, "Onderwijs")
    t0 = time.perf_counter()
    kept = draft_when_complete(live_server["db"], wid, context, answers)
    paused += time.perf_counter() - t0
    assert kept == answers, "every answer is kept on the server before sending"
    form.send(page)
    try:
        page.get_by_text(Q.texts["thanks"]).first.wait_for(timeout=30_000)
    except Exception:
        page.screenshot(path=str(SHOTS / "evaluation-form-FAILED.png"), full_page=True)
        raise
    seconds = time.perf_counter() - started - paused
    record_property(
        "summary",
        f"evaluation form at 390 px: questionnaire {size['form']} px tall (page "
        f"{size['page']} px), scripted completion {seconds:.1f} s for "
        f"{sum(len(form.labels(i)) for i in Q.items_of())} taps + 2 texts + sector",
    )
    assert reloaded and all(reloaded.values()), reloaded
    assert rows(live_server["db"], "SELECT count(*), max(revision) FROM evaluation_responses") == [
        (1, 1)
    ]
    stored = dict(
        rows(
            live_server["db"],
            "SELECT item_id, coalesce(text, before || '-' || value, value) FROM evaluation_answers",
        )
    )
    for item in Q.items_of():
        value = answers[item.id]
        want = f"{value['before']}-{value['now']}" if item.kind == "prepost" else value
        assert str(stored[item.id]) == str(want), item.id
    assert rows(live_server["db"], "SELECT sector_id FROM evaluation_responses") == [("onderwijs",)]

    # sent: a reload still knows this respondent; a correction changes the same response
    page.reload()
    wait_idle(page)
    page.get_by_role("button", name="Wijzigingen opslaan").wait_for()
    form.open_section(page, Q, "reactie")
    form.choose(page, "Welk rapportcijfer geef je het werkatelier?", 9)
    page.get_by_text(Q.texts["unsent"]).wait_for()
    form.send(page, "Wijzigingen opslaan")
    page.get_by_text("Je wijzigingen zijn opgeslagen.").first.wait_for(timeout=30_000)
    assert rows(live_server["db"], "SELECT count(*), max(revision) FROM evaluation_responses") == [
        (1, 2)
    ]
    # a second tab on the same phone continues the same respondent
    tab = context.new_page()
    tab.goto(links.link_url(live_server["url"], token))
    wait_idle(tab)
    tab.get_by_role("button", name="Wijzigingen opslaan").wait_for()
    form.open_section(tab, Q, "reactie")
    assert form.chosen(tab, "Welk rapportcijfer geef je het werkatelier?") == 9
    shot(tab, "evaluation-form-03-second-tab")
    context.close()

    # another phone (a desktop, a colleague) is another respondent and starts empty
    other = phone(browser).new_page()
    other.goto(links.link_url(live_server["url"], token))
    wait_idle(other)
    form.open_section(other, Q, "reactie")
    assert form.chosen(other, "Welk rapportcijfer geef je het werkatelier?") is None
    other.context.close()


def test_nothing_is_lost_when_another_section_is_tapped_mid_answer(live_server, browser):
    """One section is drawn at a time: quick taps and text still being typed go along when the
    participant taps another section's bar, and what was given shows again when it reopens."""
    wid, token = open_workshop(live_server["db"])
    context = phone(browser)
    page = context.new_page()
    page.goto(links.link_url(live_server["url"], token))
    wait_idle(page)
    form.wait_for_form(page)
    herkennen, beschrijven = (item for item in Q.items_of() if item.section == "signalen")
    form.choose(page, f"Vóór: {herkennen.text}", 2)
    form.choose(page, f"Nu: {herkennen.text}", 4)
    form.choose(page, f"Vóór: {beschrijven.text}", 1)
    form.choose(page, f"Nu: {beschrijven.text}", 5)
    form.bar(page, "open").locator("summary").click()  # at once, no pause
    form.wait_section(page, Q, "open")
    box = page.get_by_label(Q.items["open-meenemen"].text, exact=True)
    box.click()
    page.keyboard.type("Eerst feiten, dan meningen.")
    form.bar(page, "reactie").locator("summary").click()  # without leaving the field
    form.wait_section(page, Q, "reactie")
    form.choose(page, "Welk rapportcijfer geef je het werkatelier?", 8)
    want = {
        herkennen.id: {"before": 2, "now": 4},
        beschrijven.id: {"before": 1, "now": 5},
        "open-meenemen": "Eerst feiten, dan meningen.",
        "rapportcijfer": 8,
    }
    assert draft_when_complete(live_server["db"], wid, context, want) == want
    wait_idle(page)
    assert [sid for sid in ("signalen", "open", "reactie") if form.is_open(page, sid)] == [
        "reactie"
    ]
    form.open_section(page, Q, "open")
    assert box.input_value() == "Eerst feiten, dan meningen."
    form.open_section(page, Q, "signalen")
    assert form.chosen(page, f"Nu: {beschrijven.text}") == 5
    # "Volgende" brings the next section to the top of the screen, under the progress bar
    page.get_by_role("button", name="Volgende: Weten wat mag", exact=True).click()
    form.wait_section(page, Q, "weten-wat-mag")
    page.wait_for_function(
        """() => {
            const bar = document.querySelector('[class*="_open_weten-wat-mag"] details');
            const top = bar.getBoundingClientRect().top;
            return top > 100 && top < 260;
        }""",
        timeout=10_000,
    )
    context.close()


def test_form_closed_meanwhile_says_so(live_server, browser):
    wid, token = open_workshop(live_server["db"])
    context = phone(browser)
    page = context.new_page()
    page.goto(links.link_url(live_server["url"], token))
    wait_idle(page)
    form.open_section(page, Q, "reactie")
    form.choose(page, "Welk rapportcijfer geef je het werkatelier?", 7)
    wait_idle(page)
    with db.open_db(live_server["db"]) as d:
        links.set_manual(d, wid, "closed", "tester")
    form.send(page)
    page.get_by_text(Q.texts["closed"]).first.wait_for(timeout=30_000)
    assert rows(live_server["db"], "SELECT count(*) FROM evaluation_responses") == [(0,)]
    assert rows(
        live_server["db"], "SELECT count(*) FROM evaluation_drafts WHERE session_hash IS NOT NULL"
    ) == [(0,)]
    shot(page, "evaluation-form-04-closed")
    context.close()


def test_staff_watch_the_room_and_print_the_paper_form(live_server, browser):
    wid, token = open_workshop(live_server["db"], present=3)
    for n in range(3):  # three phones answer
        context = phone(browser)
        page = context.new_page()
        page.goto(links.link_url(live_server["url"], token))
        wait_idle(page)
        form.open_section(page, Q, "reactie")
        form.choose(page, "Welk rapportcijfer geef je het werkatelier?", 7 + n)
        form.send(page)
        page.get_by_text(Q.texts["thanks"]).first.wait_for(timeout=30_000)
        context.close()

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    browser_sign_in(page, live_server["url"])  # a new address would be a new, signed-out session
    page.get_by_role("link", name="Evaluatie", exact=True).click()
    wait_idle(page)
    page.get_by_label("Werkatelier", exact=True).first.click()
    page.get_by_role("option").filter(has_text=f"(#{wid})").first.click()
    wait_idle(page)
    page.get_by_role("tab", name="Link en QR-code").click()
    status = page.get_by_text(re.compile(r"^De evaluatie is open tot en met \d"))
    status.first.wait_for()
    assert page.get_by_role("button", name="Nu openen").count() == 0
    panel = page.get_by_text("Invullen in de zaal")
    panel.scroll_into_view_if_needed()
    page.get_by_text("3 van 3").first.wait_for()
    shot(page, "evaluation-form-05-staff-completion")
    violations = axe_violations(page)
    assert not violations, violations

    page.get_by_role("tab", name="Papieren formulieren").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Papieren formulier (PDF, zonder QR-code)").click()
    data = Path(info.value.path()).read_bytes()
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    )
    for item in Q.items_of():
        assert item.text in text, item.text
    (SHOTS / "evaluation-form-paper.pdf").write_bytes(data)
    # typing in paper forms: the entry form appears on request, in the same tab
    page.get_by_role("button", name="Formulieren overtypen").click()
    wait_idle(page)
    assert (
        page.get_by_role("tab", name="Papieren formulieren").get_attribute("aria-selected")
        == "true"
    )
    page.get_by_role("button", name="Formulier opslaan").wait_for()
    page.get_by_role("button", name="Klaar met overtypen").click()
    wait_idle(page)
    expect(page.get_by_role("button", name="Formulier opslaan")).to_have_count(0)
    page.close()
