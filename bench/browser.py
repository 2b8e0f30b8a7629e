"""What people feel in the browser: every screen of every role in Chromium (Playwright), from
navigation until the page is idle and every visible chart is drawn, and the main interaction of
each screen (pick a workshop, change a filter, save a form).

How a time is taken (`Monitor`): a script in the page records the moment of every DOM change, of
every websocket message and of every pointer or key event (an interaction counts from its first
such event: Playwright's checks before a click are not time a person waits). A screen is
*ready* when a message came after the action, no "running" indicator shows, every visible chart
is drawn (a plotly chart has its SVG layers, a Vega chart its canvas or SVG), and neither DOM
nor websocket changed for `QUIET_MS`; its time is
the last DOM change minus the moment of the action, so the quiet wait is not counted. For a page
opened by URL the action is the navigation itself (performance.now() counts from it). Lines that
React Aria adds to and, seconds later, removes from its visually hidden screen-reader log ("3,420
options available" after every pick) are not changes of the page: counted, one removal 1–2 s
after a pick kept the quiet wait from ever starting, and a pick measured up to 2 s. Nor is what
a data grid writes inside its <canvas> (a table for screen readers, 300 ms after the cells are
drawn; a canvas never shows its content): counted, a pick on *Deelnemers en mix* read 300 ms
later than its grid was drawn.

The screens come from app_pages/nav.py (a new screen is measured without wiring); the main
interaction of a screen is in `INTERACTIONS` by its file (none: "—").
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

QUIET_MS = 500
MONITOR_JS = """
(() => {
  if (window.__jep) return;
  const m = window.__jep = {dom: performance.now(), msg: performance.now(), msgs: 0};
  const Orig = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Orig(...args);
    ws.addEventListener('message', () => { m.msg = performance.now(); m.msgs += 1; });
    return ws;
  };
  window.WebSocket.prototype = Orig.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  // Not the page drawing, so not counted: React Aria's screen-reader log (a visually hidden
  // box) adds a line on every pick and removes it seconds later on a timer; a data grid writes
  // a copy of its cells for screen readers into its <canvas> 300 ms after drawing them, and a
  // canvas never shows what is inside it (its own size and style still count)
  const drawn = r => {
    const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    if (!el || el.closest('[data-live-announcer]')) return false;
    if (r.type === 'childList' && el.tagName === 'CANVAS') return false;
    return !(el.parentElement && el.parentElement.closest('canvas'));
  };
  // The moment of the person's action: Playwright checks that a target is visible, stable and
  // not covered before it clicks or presses (tens of ms a person does not wait for), so an
  // interaction counts from its first real input event after the call, not from the call
  m.inputs = [];
  const acted = e => { if (e.isTrusted) m.inputs.push(performance.now()); };
  for (const kind of ['pointerdown', 'keydown']) addEventListener(kind, acted, true);
  const watch = () => new MutationObserver(records => {
    if (records.some(drawn)) m.dom = performance.now();
  }).observe(document.documentElement,
             {subtree: true, childList: true, attributes: true, characterData: true});
  if (document.documentElement) watch(); else addEventListener('DOMContentLoaded', watch);
})();
"""
READY_JS = """
([since, quiet]) => {
  const m = window.__jep;
  if (!m || m.msg < since) return false;
  const now = performance.now();
  if (now - m.dom < quiet || now - m.msg < quiet) return false;
  const running = document.querySelector('[data-testid="stStatusWidget"]');
  if (running && running.offsetParent !== null) return false;
  if (!document.querySelector('[data-testid="stApp"]')) return false;
  const visible = el => el.offsetParent !== null && el.getClientRects().length > 0;
  for (const el of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (visible(el) && !el.querySelector('.main-svg')) return false;
  }
  for (const el of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    if (visible(el) && !el.querySelector('canvas, svg')) return false;
  }
  return true;
}
"""
KINDS_JS = """
() => {
  const out = {};
  const shown = '[data-testid="stElementContainer"] > [data-testid]';
  for (const el of document.querySelectorAll(shown)) {
    const kind = el.getAttribute('data-testid');
    out[kind] = (out[kind] || 0) + 1;
  }
  return out;
}
"""
CHARTS_JS = """
() => [...document.querySelectorAll(
    '[data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"]')]
  .filter(el => el.offsetParent !== null).length
"""


def install(context: Any) -> None:
    """Put the monitor in every page of a browser context (before the page's own scripts)."""
    context.add_init_script(MONITOR_JS)


def now_ms(page: Any) -> float:
    return float(page.evaluate("performance.now()"))


def ready_ms(page: Any, since: float, timeout: float = 120_000) -> float:
    """Wait until the page is ready after an action taken at `since` (page clock, ms); the time
    from `since` to the last DOM change."""
    page.wait_for_function(READY_JS, arg=[since, QUIET_MS], timeout=timeout, polling=50)
    last = float(page.evaluate("window.__jep.dom"))
    return max(0.0, last - since)


FIRST_INPUT_JS = "since => window.__jep.inputs.find(t => t >= since) ?? since"


def timed(page: Any, action: Callable[[], Any], timeout: float = 120_000) -> float:
    """Run `action` (a click, a key pressed) and return the time from the person's action (its
    first pointer or key event; the call itself when it made none) until the page is ready."""
    since = now_ms(page)
    action()
    acted = float(page.evaluate(FIRST_INPUT_JS, since))
    return ready_ms(page, acted, timeout)


def navigation_ms(page: Any, action: Callable[[], Any], timeout: float = 120_000) -> float:
    """Run `action` that makes the browser load a new document (a form posted, a redirect) and
    return the time until that document is ready: from the action (wall clock of the page) to
    the new document's last DOM change."""
    since = float(page.evaluate("Date.now()"))
    with page.expect_navigation(timeout=timeout):
        action()
    page.wait_for_function(READY_JS, arg=[0.0, QUIET_MS], timeout=timeout, polling=50)
    last = float(page.evaluate("performance.timeOrigin + window.__jep.dom"))
    return max(0.0, last - since)


def goto_ms(page: Any, url: str, timeout: float = 120_000) -> float:
    """Open `url` in `page`: the time from the navigation's start until ready."""
    page.goto(url)
    return ready_ms(page, 0.0, timeout)


def charts(page: Any) -> int:
    return int(page.evaluate(CHARTS_JS))


def exception_shown(page: Any) -> bool:
    return page.locator('[data-testid="stException"]').count() > 0


# ---------------------------------------------------------------- the screens' main interactions


@dataclass
class Ctx:
    """What an interaction needs: the page and the workshops to pick from."""

    page: Any
    wid: int
    other: int
    round: int = 0


def nav_link(page: Any, title: str) -> Any:
    name = re.compile(re.escape(title) + "$")
    return page.get_by_test_id("stSidebar").get_by_role("link", name=name).first


def wait_ready(page: Any) -> None:
    ready_ms(page, now_ms(page) - QUIET_MS)


def pick_workshop(page: Any, wid: int, measure: bool = False) -> float | None:
    """Choose workshop `wid` in the page's picker (typed, then the option clicked)."""
    picker = page.get_by_role("combobox", name="Werkatelier", exact=True).first
    if f"(#{wid})" in (picker.input_value() or ""):
        return None
    picker.click()
    picker.fill(f"#{wid})")
    option = page.get_by_role("option").filter(has_text=f"(#{wid})").first
    option.wait_for()
    if measure:
        return timed(page, option.click)
    option.click()
    wait_ready(page)
    return None


def _pick_other(c: Ctx) -> float | None:
    # alternate: another workshop, then back to the sample (both are real picks)
    target = c.other if c.round % 2 == 0 else c.wid
    return pick_workshop(c.page, target, measure=True)


def _multiselect(label: str, clear: str | None = None) -> Callable[[Ctx], float | None]:
    """Pick an option of a multiselect filter (another one each round: a view not seen yet),
    then clear the filters again (not timed)."""

    def run(c: Ctx) -> float | None:
        box = c.page.get_by_role("combobox", name=label).first
        box.click()
        options = c.page.get_by_role("option")
        options.first.wait_for()
        option = options.nth(c.round % max(1, options.count()))
        ms = timed(c.page, option.click)
        c.page.keyboard.press("Escape")
        if clear:
            c.page.get_by_role("button", name=clear).first.click()
            wait_ready(c.page)
        return ms

    return run


def _selectbox(label: str) -> Callable[[Ctx], float | None]:
    """Choose an option of a select box (another one each round; never the one it holds, which
    would not rerun: a screen may keep its choice when it is left and opened again)."""

    def run(c: Ctx) -> float | None:
        box = c.page.get_by_role("combobox", name=label, exact=True).first
        held = (box.input_value() or "").strip()
        box.click()
        options = c.page.get_by_role("option")
        options.first.wait_for()
        others = [i for i, t in enumerate(options.all_inner_texts()) if t.strip() != held]
        return timed(c.page, options.nth(others[c.round % len(others)] if others else 0).click)

    return run


def _search(label: str, *texts: str) -> Callable[[Ctx], float | None]:
    """Type a search and press Enter: another text each round (a screen left and opened again
    starts with an empty box, so an empty search would not rerun)."""

    def run(c: Ctx) -> float | None:
        box = c.page.get_by_label(label, exact=True).first
        box.fill(texts[c.round % len(texts)])
        return timed(c.page, lambda: box.press("Enter"))

    return run


def _click(name: str) -> Callable[[Ctx], float | None]:
    def run(c: Ctx) -> float | None:
        return timed(c.page, c.page.get_by_role("button", name=name, exact=True).first.click)

    return run


def _tap_answer(c: Ctx) -> float | None:
    group = c.page.get_by_role("radiogroup").nth(c.round % 4)
    return timed(c.page, group.get_by_role("radio", name=str(2 + c.round % 3), exact=True).click)


# (what it is, how) per screen file; a screen without an entry has no measured interaction.
INTERACTIONS: dict[str, tuple[str, Callable[[Ctx], float | None]]] = {
    "app_pages/dashboard.py": ("filter: jaar", _multiselect("Jaar", clear="Wissen")),
    "app_pages/workshops.py": ("filter: status", _selectbox("Status")),
    "app_pages/evaluation_programme.py": ("filter: jaar", _selectbox("Jaar")),
    "app_pages/intake_review.py": ("werkatelier kiezen", _pick_other),
    "app_pages/planning.py": ("werkatelier kiezen", _pick_other),
    "app_pages/participants.py": ("werkatelier kiezen", _pick_other),
    "app_pages/evaluation.py": ("werkatelier kiezen", _pick_other),
    "app_pages/notes.py": ("werkatelier kiezen", _pick_other),
    "app_pages/report.py": ("werkatelier kiezen", _pick_other),
    "app_pages/followup.py": ("werkatelier kiezen", _pick_other),
    "app_pages/audit.py": (
        "zoeken",
        _search("Zoeken in onderwerp en details", "demo", "aanmelden", "werkatelier"),
    ),
    # the demo sends no mail, so the outbox has no message to open: its filter instead
    "app_pages/outbox.py": ("filter: status", _selectbox("Status")),
    "app_pages/admin_staff.py": ("account kiezen", _selectbox("Account")),
    "app_pages/contact_intake.py": ("concept opslaan", _click("Concept opslaan")),
    "app_pages/contact_followup.py": ("concept opslaan", _click("Concept opslaan")),
    "app_pages/evaluation_form.py": ("antwoord tikken", _tap_answer),
}


# ---------------------------------------------------------------- the tour


def median(xs: list[float]) -> float | None:
    return round(statistics.median(xs), 1) if xs else None


def staff_tour(
    page: Any,
    base: str,
    password: str,
    wid: int,
    other: int,
    rounds: int,
    log: Callable,
    samples: dict[str, tuple[int, int]] | None = None,
) -> list[dict[str, Any]]:
    """Sign in (timed: the sign-in page and signing in), then every staff screen `rounds` times
    through the sidebar, each with its main interaction. `samples` gives a screen (by file) its
    own pair of workshops (the Terugblik: ones with a follow-up)."""
    from app_pages.nav import pages_for

    specs = pages_for("admin")
    nav: dict[str, list[float]] = {s.path: [] for s in specs}
    act: dict[str, list[float]] = {s.path: [] for s in specs}
    n_charts: dict[str, int] = {}
    problems: dict[str, str] = {}
    # Signed out, a page load goes to the sign-in form /aanmelden (a plain HTML page of the
    # server, app_server/signin.py); its answer sets the session cookie and sends the browser on
    # to the staff home. The first sign-in in this browser (reported, no target: Streamlit's and
    # plotly's scripts come over the network first); then signed out again with the browser's
    # cache kept, as a staff member's own browser the next morning, and the judged sign-in.
    page.goto(base)
    page.get_by_label("Gebruikersnaam").fill("admin")
    page.get_by_label("Wachtwoord").fill(password)
    first_signin = navigation_ms(page, page.get_by_role("button", name="Aanmelden").click)
    opened, signed_in = [], []
    for _ in range(max(rounds, 1)):  # signed out (cookies gone, cache kept) and in again
        page.context.clear_cookies()
        start = time.perf_counter()
        page.goto(base)  # timed: until the form can be filled in
        page.get_by_label("Gebruikersnaam").wait_for()
        opened.append((time.perf_counter() - start) * 1000)
        page.get_by_label("Gebruikersnaam").fill("admin")
        page.get_by_label("Wachtwoord").fill(password)
        signed_in.append(navigation_ms(page, page.get_by_role("button", name="Aanmelden").click))
    signin_open, signin = statistics.median(opened), statistics.median(signed_in)
    for r in range(rounds):
        for spec in specs:
            try:
                one, two = (samples or {}).get(spec.path, (wid, other))
                nav[spec.path].append(timed(page, nav_link(page, spec.title).click))
                if page.get_by_role("combobox", name="Werkatelier", exact=True).count():
                    pick_workshop(page, one)  # the sample workshop before the interaction
                n_charts[spec.path] = charts(page)
                if spec.path in INTERACTIONS:
                    ms = INTERACTIONS[spec.path][1](Ctx(page, one, two, r))
                    if ms is not None:
                        act[spec.path].append(ms)
                if exception_shown(page):
                    problems[spec.path] = "exception on the page"
            except Exception as exc:  # noqa: BLE001 - reported in the table, the tour goes on
                problems[spec.path] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
                page.keyboard.press("Escape")
        log(f"  browser round {r + 1}/{rounds} done")
    rows = [
        {
            "role": "anoniem",
            "screen": "Aanmelden",
            "path": "app_pages/signin.py",
            "browser_ms": round(signin_open, 1),
            "interaction": "aanmelden",
            "interaction_ms": round(signin, 1),
            "first_signin_ms": round(first_signin, 1),
        }
    ]
    for spec in specs:
        row: dict[str, Any] = {
            "role": "medewerker",
            "screen": spec.title,
            "path": spec.path,
            "browser_ms": median(nav[spec.path]),
            "browser_runs": [round(x) for x in nav[spec.path]],
            "charts": n_charts.get(spec.path, 0),
        }
        if spec.path in INTERACTIONS:
            row["interaction"] = INTERACTIONS[spec.path][0]
            row["interaction_ms"] = median(act[spec.path])
        if spec.path in problems:
            row["problem"] = problems[spec.path]
        rows.append(row)
    return rows


def link_tour(
    browser: Any, url: str, role: str, wid: int, rounds: int, prefer_specs: list[Any]
) -> list[dict[str, Any]]:
    """A link holder's screens (contact: invite link; respondent: evaluation link): the link
    opened in a fresh context (timed from navigation), then each screen through the sidebar,
    with its main interaction."""
    rows: dict[str, dict[str, Any]] = {}
    for r in range(rounds):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        install(context)
        page = context.new_page()
        try:
            first = goto_ms(page, url)
            for i, spec in enumerate(prefer_specs):
                row = rows.setdefault(
                    spec.path,
                    {"role": role, "screen": spec.title, "path": spec.path, "_nav": [], "_act": []},
                )
                try:  # a problem on one screen is reported with it; the tour goes on
                    if i == 0:
                        row["_nav"].append(first)
                        # what the link showed: Streamlit's floor gets as many of each kind
                        row["widgets"] = page.evaluate(KINDS_JS)
                    else:
                        row["_nav"].append(timed(page, nav_link(page, spec.title).click))
                    row["charts"] = charts(page)
                    if spec.path in INTERACTIONS:
                        row["interaction"] = INTERACTIONS[spec.path][0]
                        ms = INTERACTIONS[spec.path][1](Ctx(page, wid, wid, r))
                        if ms is not None:
                            row["_act"].append(ms)
                    if exception_shown(page):
                        row["problem"] = "exception on the page"
                except Exception as exc:  # noqa: BLE001
                    row["problem"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
                    page.keyboard.press("Escape")
        except Exception as exc:  # noqa: BLE001 - the link itself did not open
            for spec in prefer_specs:
                rows.setdefault(spec.path, {"role": role, "screen": spec.title, "_nav": []})
                rows[spec.path]["problem"] = (
                    f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
                )
        finally:
            context.close()
    out = []
    for row in rows.values():
        row["browser_ms"] = median(row.pop("_nav", []))
        acts = row.pop("_act", [])
        if "interaction" in row:
            row["interaction_ms"] = median(acts)
        out.append(row)
    return out


def dashboard_ms(page: Any) -> float:
    """The staff dashboard opened from another screen (Werkateliers → Overzicht); NaN when it
    did not get ready within 2 minutes (counted, not fatal)."""
    try:
        page.keyboard.press("Escape")
        nav_link(page, "Werkateliers").click()
        wait_ready(page)
        return timed(page, nav_link(page, "Overzicht").click)
    except Exception:  # noqa: BLE001 - a timeout under load is a result too
        return float("nan")


def timed_loop(fn: Callable[[], float], until: Callable[[], bool], at_least: int) -> list[float]:
    out: list[float] = []
    while len(out) < at_least or not until():
        out.append(fn())
        time.sleep(0.2)
    return out
