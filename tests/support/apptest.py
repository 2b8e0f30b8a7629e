"""AppTest helpers: a fresh app and the staff sign-in through the sign-in form."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from support.server import ADMIN_PASSWORD, ROOT


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def sign_in(at: AppTest, username: str = "admin", password: str = ADMIN_PASSWORD) -> AppTest:
    at.run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()
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
