"""Screens: retention (moved from test_retention.py)."""

from __future__ import annotations

import threading
from datetime import date

from jep.privacy import retention
from jep.store import db

TODAY = date.today()


def test_application_start_runs_the_daily_job(staff_app, db_file):
    _retention_settled()
    with db.open_db(db_file) as d:
        assert retention.last_run(d) == TODAY.isoformat()


def _retention_settled() -> None:
    """Wait for the application's background retention job (started at sign-in) to finish."""
    for thread in threading.enumerate():
        if thread.name == "jep-retention":
            thread.join(timeout=30)
