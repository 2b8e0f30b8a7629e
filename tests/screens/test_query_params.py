"""Screens: a bad query parameter is ignored, never an error page (issue 18, item 7)."""

from __future__ import annotations

import pytest
from support.apptest import new_app, sign_in

from jep.workshop import workshops

BAD = ["²", "١٢", "12abc", "9" * 5000, "-1", "", "1,²", "%00"]


@pytest.mark.parametrize("value", BAD)
def test_bad_year_on_the_home_page_is_ignored(db_file, conn, value):
    workshops.create_request(conn, "GM0344", "tester")
    at = new_app()
    at.query_params["jaar"] = value  # the home page opened from a link, before signing in
    sign_in(at)
    assert not at.exception, at.exception
    assert at.title  # the page itself, not an error page
    assert at.multiselect[0].value == []  # no year filter from the bad value


@pytest.mark.parametrize("value", BAD)
def test_bad_workshop_id_is_ignored(staff_app, conn, value):
    workshops.create_request(conn, "GM0344", "tester")
    at = staff_app
    for page in ("app_pages/planning.py", "app_pages/participants.py"):
        at.query_params["id"] = value
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert at.selectbox[0].value is None  # the picker waits for a real choice
