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
