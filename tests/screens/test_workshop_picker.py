"""AppTest: the workshop picker at the top of every workshop page keeps each pick.

Found in Chromium: the picker's position came from the URL and its widget had no key, so the run
after a pick made a new widget (its position is part of a keyless widget's identity) and the
next pick was lost: picking A, then B, showed A again."""

from __future__ import annotations

import pytest

from jep.workshop import workshops

PAGES = ["app_pages/planning.py", "app_pages/report.py", "app_pages/intake_review.py"]


def picker(at):
    return next(s for s in at.selectbox if s.label == "Werkatelier")


@pytest.mark.parametrize("page", PAGES)
def test_every_pick_is_kept(staff_app, conn, page):
    a, b, c = (
        workshops.create_request(conn, code, "tester") for code in ("GM0344", "GM0363", "GM0014")
    )
    at = staff_app
    at.switch_page(page).run()
    assert picker(at).value is None  # nothing chosen yet: the page waits
    for wid in (a, b, c, a, b):  # every pick, not every other one
        picker(at).set_value(wid).run()
        assert not at.exception, at.exception
        assert picker(at).value == wid
        assert at.query_params["id"] == [str(wid)] or at.query_params["id"] == str(wid)
    at.run()  # a rerun without a pick keeps it too
    assert picker(at).value == b
    picker(at).set_value(None).run()  # cleared (its x): the page waits for a choice again
    assert picker(at).value is None
    assert "id" not in at.query_params
    at.run()
    assert picker(at).value is None


def test_the_url_still_chooses_and_the_choice_follows_to_another_page(staff_app, conn):
    a, b = (workshops.create_request(conn, code, "tester") for code in ("GM0344", "GM0363"))
    at = staff_app
    at.query_params["id"] = str(a)
    at.switch_page("app_pages/planning.py").run()
    assert picker(at).value == a
    picker(at).set_value(b).run()
    at.switch_page("app_pages/report.py").run()  # the next page opens on the same workshop
    assert picker(at).value == b
    at.query_params["id"] = str(a)  # a link to another workshop wins over the last pick
    at.switch_page("app_pages/planning.py").run()
    assert picker(at).value == a
