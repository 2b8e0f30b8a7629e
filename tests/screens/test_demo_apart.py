"""AppTest: the demo banner says when demo workshops are left out of the figures."""

from __future__ import annotations

from jep import demo
from jep.store import db
from jep.workshop import workshops


def banner(at) -> str:
    return " | ".join(w.value for w in at.warning if "Demodata" in w.value)


def test_the_banner_says_demo_workshops_do_not_count_once_real_ones_exist(staff_app, db_file):
    with db.open_db(db_file) as d:
        demo.seed_demo(d, count=6, seed=3)
    at = staff_app
    at.switch_page("app_pages/workshops.py").run()
    assert "Demodata" in banner(at) and "tellen niet mee" not in banner(at)
    with db.open_db(db_file) as d:
        workshops.create_request(d, "GM0344", "admin")
    at.run()
    assert "de verzonnen tellen niet mee in cijfers, vergelijkingen en exports" in banner(at)
