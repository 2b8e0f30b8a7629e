"""AppTest helpers: a fresh app, and a staff sign-in.

Signing in is a browser posting the `/aanmelden` form, whose answer sets the HttpOnly session
cookie; AppTest has no HTTP and cannot send cookies. `sign_in` therefore does what that route
does — the password checked by the real `jep.auth.authenticate`, a real session row — and hands
the cookie to the app through the one test seam, `st.session_state[session.TEST_COOKIES]`, which
the app reads only while AppTest runs it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .server import ADMIN_PASSWORD, ROOT


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def session_cookie(username: str = "admin", password: str = ADMIN_PASSWORD) -> dict[str, str]:
    """Sign in as the route does; the cookies a browser would then send."""
    from jep import auth, startup
    from jep.access import sessions
    from jep.store import db

    startup.prepare(db.db_path())  # as the app's first run: the first admin exists
    with db.open_db() as d:
        staff = auth.authenticate(d, username, password, delay=0, address="apptest")
        token = sessions.new_token()
        sessions.create(d, staff.id, "password", token, device="AppTest")
    return {sessions.COOKIE: token}


def sign_in(at: AppTest, username: str = "admin", password: str = ADMIN_PASSWORD) -> AppTest:
    """Sign `at` in (raises jep.auth.SigninError for a wrong password) and run it."""
    from app_ui.session import TEST_COOKIES

    at.session_state[TEST_COOKIES] = session_cookie(username, password)
    at.run()
    return at


def assert_unreachable(at: AppTest, page: str) -> None:
    """`page` exists but is not in this user's navigation: switching to it is refused.

    Asserts the specific refusal, so a misspelled page path fails the test instead of passing."""
    assert (ROOT / page).is_file(), f"no such page: {page}"
    try:
        at.switch_page(page).run()
    except ValueError as exc:
        assert "Could not find a navigation page" in str(exc), exc
    else:
        raise AssertionError(f"{page} was reachable")


def open_tab(at: AppTest, label: str, key: str = "tab") -> AppTest:
    """Open the tab `label` of lazy tabs (`st.tabs(..., key=key, on_change="rerun")`: only the open
    tab runs) as a click would, and run the page."""
    at.session_state[key] = label
    return at.run()


def open_expander(at: AppTest, key: str) -> AppTest:
    """Open the lazy expander `key` (`st.expander(..., key=key, on_change="rerun")`) as a tap on
    its bar would, and run the page."""
    at.session_state[key] = True
    return at.run()


def open_form_section(at: AppTest, prefix: str, section: str) -> AppTest:
    """Open one section of a form with one section open (app_ui/sections.py: only the open
    one's widgets exist), as a tap on its bar would."""
    from app_ui.sections import open_key

    return open_expander(at, open_key(prefix, section))


def open_section(at: AppTest, workshop_id: int, section: str) -> AppTest:
    """Open one section of the phone evaluation form."""
    return open_form_section(at, f"ev{workshop_id}", section)


def open_intake_section(at: AppTest, workshop_id: int, section: str) -> AppTest:
    """Open one section of the intake form (jep.workshop.intake.SECTIONS)."""
    return open_form_section(at, f"ik{workshop_id}", section)


def open_followup_section(at: AppTest, workshop_id: int, section: str) -> AppTest:
    """Open one section of the follow-up form (jep.followup.answers.SECTIONS)."""
    return open_form_section(at, f"tb{workshop_id}", section)


def bar_mark(at: AppTest, workshop_id: int, section: str, form: str = "ev") -> str:
    """What the bar of `section` of a one-section-open form shows after its title (drawn by its
    style sheet), e.g. "1 van 2". `form`: "ev" (the phone evaluation form) or "ik" (the intake)."""
    from app_ui.sections import open_key

    selector = f".st-key-{open_key(f'{form}{workshop_id}', section)} summary"
    for html in at.get("html"):
        for line in str(html.proto.body).splitlines():
            if line.startswith(selector + " "):
                return line.split('content: " · ')[1].split('"')[0]
    raise AssertionError(f"no mark for {section}")


def in_every_tab(at: AppTest, labels: list[str], read, key: str = "tab") -> list:
    """`read(at)` in each of the lazy tabs `labels`, in order (the first tab open last)."""
    seen = [read(open_tab(at, label, key)) for label in labels]
    open_tab(at, labels[0], key)
    return seen


def click_download(at: AppTest, deferred: dict, key: str) -> bytes:
    """What a click on the download button with this key hands to the browser (`deferred`:
    the screen tests' fixture of that name)."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(key))
    return deferred[button.proto.deferred_file_id]()


def in_order(node) -> list:
    """The elements under `node` in the order the page shows them."""
    children = getattr(node, "children", None)
    if not children:
        return [node]
    return [e for _, child in sorted(children.items()) for e in in_order(child)]


def message_after(at: AppTest, key: str, *same_row: str) -> str | None:
    """The error or warning shown after the field `key` and the fields `same_row` beside it, before
    the next field: the message about that row, None when there is none."""
    elements = in_order(at.main)
    start = next(i for i, e in enumerate(elements) if getattr(e, "key", None) == key)
    for e in elements[start + 1 :]:
        if type(e).__name__ in ("Error", "Warning"):
            return e.value
        if getattr(e, "key", None) and e.key not in same_row:
            return None  # the next field: nothing was said about this one
    return None


def answer_rows(at: AppTest) -> list[tuple[str, str]]:
    """The (question, answer) rows of the read-only answer lists on the page
    (`widgets.answer_list`), as the browser shows them: unescaped, <br> as a line break."""
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.cells: list[str] = []
            self.inside = False

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag in ("dt", "dd"):
                self.cells.append("")
                self.inside = True
            elif tag == "br" and self.inside:
                self.cells[-1] += "\n"

        def handle_endtag(self, tag: str) -> None:
            if tag in ("dt", "dd"):
                self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside:
                self.cells[-1] += data

    rows: list[tuple[str, str]] = []
    for element in at.get("html"):
        body = str(element.proto.body)
        if 'class="jep-answers"' in body:
            parser = Rows()
            parser.feed(body)
            rows += list(zip(parser.cells[::2], parser.cells[1::2], strict=True))
    return rows
