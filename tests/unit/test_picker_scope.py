"""Which workshops the picker lists by default (`workshops.current_ids`): every one still in
work, and the held ones of the last 12 months; older and cancelled ones only with "Alle"."""

from __future__ import annotations

from datetime import date

from jep.dates import add_months
from jep.workshop import workshops

TODAY = date(2026, 12, 2)


def _workshop(conn, status: str, when: date | None) -> int:
    wid = workshops.create_request(conn, "GM0344", "tester")
    conn.execute(
        "UPDATE workshops SET status = ?, date = ? WHERE id = ?",
        [status, when.isoformat() if when else None, wid],
    )
    conn.conn.commit()
    return wid


def test_work_in_progress_and_the_last_year_are_listed(conn):
    long_ago = date(2023, 5, 1)
    listed = {
        "request": _workshop(conn, "aanvraag", None),
        "intake": _workshop(conn, "intake", None),
        "planned": _workshop(conn, "gepland", date(2027, 1, 15)),
        # held long ago but its report never went out: still work to do
        "held, no report": _workshop(conn, "uitgevoerd", long_ago),
        "report sent a year ago today": _workshop(conn, "verslag verstuurd", date(2025, 12, 2)),
        "report sent last month": _workshop(conn, "verslag verstuurd", date(2026, 11, 3)),
    }
    left_out = {
        "report sent a year and a day ago": _workshop(conn, "verslag verstuurd", date(2025, 12, 1)),
        "report sent long ago": _workshop(conn, "verslag verstuurd", long_ago),
        "cancelled": _workshop(conn, "geannuleerd", None),
        "cancelled after planning": _workshop(conn, "geannuleerd", date(2026, 11, 20)),
    }
    current = workshops.current_ids(conn, TODAY)
    assert {k for k, wid in listed.items() if wid not in current} == set()
    assert {k for k, wid in left_out.items() if wid in current} == set()
    # the year moves on with the day
    assert listed["report sent a year ago today"] not in workshops.current_ids(
        conn, date(2026, 12, 3)
    )
    # every workshop is still a choice of the full list
    assert set(listed.values()) | set(left_out.values()) == {i for i, _ in workshops.options(conn)}


def test_a_year_back_from_a_leap_day():
    assert add_months(date(2028, 2, 29), -workshops.RECENT_MONTHS) == date(2027, 2, 28)
