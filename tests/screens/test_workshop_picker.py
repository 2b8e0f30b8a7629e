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


def _held(conn, code: str, when: str) -> int:
    wid = workshops.create_request(conn, code, "tester")
    conn.execute(
        "UPDATE workshops SET status = 'verslag verstuurd', date = ? WHERE id = ?", [when, wid]
    )
    conn.conn.commit()
    return wid


def test_older_workshops_are_one_switch_away_and_a_link_always_opens(staff_app, conn):
    """By default the picker lists the workshops in work and those of the last year (a shorter
    list is a faster page); "Alle" lists every one and stays on across pages; a link to an
    older workshop opens it."""
    from datetime import date

    from jep.dates import add_months

    recent = _held(conn, "GM0344", add_months(date.today(), -2).isoformat())
    old = _held(conn, "GM0363", add_months(date.today(), -14).isoformat())
    request = workshops.create_request(conn, "GM0014", "tester")
    at = staff_app
    at.switch_page("app_pages/planning.py").run()
    assert set(picker(at).options) == {
        lbl for i, lbl in workshops.options(conn) if i in (recent, request)
    }
    at.toggle(key="workshop_picker_all").set_value(True).run()
    assert len(picker(at).options) == 3
    picker(at).set_value(old).run()
    assert picker(at).value == old
    at.switch_page("app_pages/report.py").run()  # the switch stays on on the next page
    assert at.toggle(key="workshop_picker_all").value is True
    assert len(picker(at).options) == 3
    at.toggle(key="workshop_picker_all").set_value(False).run()
    assert picker(at).value == old  # the chosen one stays listed and chosen
    assert len(picker(at).options) == 3
    picker(at).set_value(recent).run()
    assert len(picker(at).options) == 2  # once another is chosen, the old one leaves the list
    at.query_params["id"] = str(old)  # a link to an older workshop
    at.switch_page("app_pages/planning.py").run()
    assert picker(at).value == old
