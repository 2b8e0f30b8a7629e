"""Every screen of every role in a real browser, with demo data: no Streamlit exception, no
error box, and no serious or critical accessibility violation (axe-core) caused by our content.

The navigation lists come from app_pages/nav.py, so a new screen is visited without wiring.
Screenshots go to out/screenshots/all-<role>-NN.png.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from support import axe
from support.axe import AXE
from support.browser import SHOTS, browser_sign_in, wait_idle
from support.server import ADMIN_PASSWORD

from app_pages.nav import pages_for
from jep import auth, demo
from jep.evaluation import links
from jep.followup import answers as followup
from jep.followup import participants as followup_people
from jep.store import db
from jep.workshop import invites

pytestmark = pytest.mark.browser


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations of the current page, minus Streamlit's own
    (support.axe); without axe-core (and not required) the other checks still run."""
    if not AXE.exists():
        if os.environ.get("JEP_REQUIRE_BROWSER"):
            pytest.fail("axe-core is missing: run `npm ci` (test.sh does this when npm exists)")
        return []
    return axe.axe_violations(page)


WARNINGS: dict[str, list[str]] = {}  # page -> the warnings it showed (rule-driven, allowed)


def check_page(page, name: str, streamlit: bool = True) -> list[dict]:
    """No exception and no error box; warnings (rule-driven notices such as a missing domain in
    the mix) are allowed and recorded. Returns the page's accessibility violations.
    `streamlit=False`: a page of our own HTML (the sign-in page)."""
    if streamlit:
        wait_idle(page)
        page.wait_for_timeout(700)  # charts draw
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {name}"
    errors = page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
    assert not errors, f"error box on {name}: {errors}"
    WARNINGS[name] = page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
    return [{"page": name, **v} for v in axe_violations(page)]


@pytest.fixture
def demo_server(live_server):
    dbp = live_server["db"]
    db.init_db(dbp)
    with db.open_db(dbp) as d:
        demo.seed_demo(d, seed=7)
        auth.ensure_admin(d, ADMIN_PASSWORD)  # before any other account, as on a first start
        auth.create_staff(d, "medewerker", "medewerker-wachtwoord")
        wid = d.execute(
            "SELECT id FROM workshops WHERE status IN ('uitgevoerd', 'verslag verstuurd') "
            "ORDER BY status, id LIMIT 1"
        ).fetchone()[0]
        live_server["workshop"] = wid
        live_server["contact_token"] = invites.issue(d, wid, "test")
        live_server["eval_token"] = links.issue_link(d, wid, "test")
        sent = d.execute(  # a follow-up that is due and not yet submitted
            "SELECT workshop_id FROM report_versions WHERE sent_at IS NOT NULL AND workshop_id "
            "NOT IN (SELECT workshop_id FROM followups WHERE state = 'ingediend') "
            "ORDER BY sent_at LIMIT 1"
        ).fetchone()[0]
        live_server["followup_token"] = followup.issue_link(d, sent, "test")
        live_server["nameting_token"] = followup_people.issue_link(d, sent, "test")
    return live_server


def nav_link(page, title: str):
    """The sidebar link of a page (its accessible name ends with the title, after the icon)."""
    name = re.compile(re.escape(title) + "$")
    return page.get_by_test_id("stSidebar").get_by_role("link", name=name)


def choose_sample(page, wid: int) -> bool:
    """On a workshop page, make sure the picker holds the sample workshop (pick it when it holds
    another one or none: its value is the input's value, its "Kies een werkatelier…" only a
    placeholder). False when the page has no workshop picker."""
    picker = page.get_by_role("combobox", name="Werkatelier", exact=True)
    if not picker.count():
        return False
    if f"(#{wid})" not in picker.first.input_value():
        picker.first.click()
        page.get_by_role("option").filter(has_text=f"(#{wid})").first.click()
        wait_idle(page)
    assert f"(#{wid})" in picker.first.input_value(), picker.first.input_value()
    return True


def visit_staff(page, server: dict, role: str) -> list[dict]:
    found = []
    specs = pages_for(role)
    for i, spec in enumerate(specs, 1):
        workshop_page = spec.section == "Werkatelier" and spec.path != "app_pages/new_request.py"
        try:
            nav_link(page, spec.title).click()
            wait_idle(page)
            if workshop_page:  # wait for this page's picker, not the previous page's content
                picker = page.get_by_role("combobox", name="Werkatelier", exact=True)
                picker.first.wait_for(timeout=30_000)
            picked = choose_sample(page, server["workshop"])
        except Exception as exc:
            raise AssertionError(f"{role}: screen {spec.title!r} did not finish") from exc
        if workshop_page:
            assert picked, f"{role}: {spec.title!r} has no workshop picker"
        found += check_page(page, f"all-{role}-{i:02d}")
    return found


def test_every_screen_of_every_role(demo_server, browser):
    base = demo_server["url"]
    violations: list[dict] = []

    page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page.goto(base)  # signed out: the sign-in page (HTML served by /aanmelden)
    assert "/aanmelden?next=" in page.url
    violations += check_page(page, "all-anonymous-01", streamlit=False)
    browser_sign_in(page, base)
    violations += visit_staff(page, demo_server, "admin")
    page.close()

    page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    browser_sign_in(page, base, "medewerker", "medewerker-wachtwoord")
    violations += visit_staff(page, demo_server, "staff")
    for admin_page in (p for p in pages_for("admin") if p.admin_only):
        assert nav_link(page, admin_page.title).count() == 0, admin_page.title
    page.close()

    page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page.goto(f"{base}/?token={demo_server['contact_token']}")
    for i, spec in enumerate(pages_for("contact"), 1):
        if i > 1:
            nav_link(page, spec.title).click()
        violations += check_page(page, f"all-contact-{i:02d}")
    page.close()

    page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page.goto(f"{base}/?terugblik={demo_server['followup_token']}")
    page.get_by_role("button", name="Indienen").wait_for(timeout=60_000)
    violations += check_page(page, "all-followup-contact-01")
    page.close()

    page = browser.new_page(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page.goto(f"{base}/?nameting={demo_server['nameting_token']}")
    page.get_by_role("button", name="Versturen").wait_for(timeout=60_000)
    violations += check_page(page, "all-followup-respondent-01")
    page.close()

    page = browser.new_page(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page.goto(f"{base}/?eval={demo_server['eval_token']}")
    violations += check_page(page, "all-respondent-01")
    page.goto(f"{base}/?token=dit-is-geen-geldige-link-00000000000000")
    violations += check_page(page, "all-invalid-link-01")
    page.close()

    notices = json.dumps(WARNINGS, indent=1, ensure_ascii=False)
    (SHOTS.parent / "all-screens-warnings.json").write_text(notices)
    report = json.dumps(violations, indent=1, ensure_ascii=False)
    (SHOTS.parent / "axe-violations.json").write_text(report)
    assert not violations, f"serious/critical accessibility violations:\n{report}"
