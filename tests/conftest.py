"""Shared fixtures: a fresh database per test, AppTest helpers, a live server for browser tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from streamlit.testing.v1 import AppTest
from support.apptest import new_app, sign_in
from support.server import (
    ADMIN_PASSWORD,
    chromium_path,
    launch_chromium,
    running_app,
)

from jep.reference import config
from jep.store import db

ROOT = Path(__file__).resolve().parent.parent
MAIL_KEYS = (
    "JEP_SMTP_HOST",
    "JEP_SMTP_PORT",
    "JEP_SMTP_SECURITY",
    "JEP_SMTP_USER",
    "JEP_SMTP_PASSWORD",
    "JEP_SMTP_CAFILE",
    "JEP_SMTP_TIMEOUT",
    "JEP_MAIL_FROM",
    "JEP_MAIL_STAFF",
    "JEP_MAIL_POLL_SECONDS",
)


@pytest.fixture(autouse=True)
def _mail_isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the machine's mail settings or secrets.toml, and no background mail worker
    runs unless a test starts one (the mail tests run the rounds themselves)."""
    for key in MAIL_KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("JEP_MAIL_WORKER", "0")
    monkeypatch.setattr(config, "SECRETS_FILES", ())


@pytest.fixture
def db_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new, empty database for this test (JEP_DB points at it)."""
    path = tmp_path / "jep.db"
    monkeypatch.setenv("JEP_DB", str(path))
    monkeypatch.setenv("JEP_ADMIN_PASSWORD", ADMIN_PASSWORD)
    db.init_db(path)
    return path


@pytest.fixture
def conn(db_file: Path) -> Iterator[Database]:
    with db.open_db(db_file) as d:
        yield d


@pytest.fixture
def staff_app(db_file: Path) -> AppTest:
    """An AppTest with the admin signed in, on the staff home page."""
    at = sign_in(new_app())
    assert not at.exception
    assert "staff" in at.session_state
    return at


# ---------------------------------------------------------------- browser


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[dict]:
    """A real `streamlit run server.py` on a free port with its own database."""
    if not chromium_path():
        if os.environ.get("JEP_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required for browser tests here (apt-get install chromium)")
        pytest.skip("no chromium on PATH: browser tests skipped (apt-get install chromium)")
    dbp = tmp_path / "live.db"
    try:
        with running_app(dbp, log=tmp_path / "server.log") as server:
            yield {"url": server.url, "db": dbp, "env": server.env}
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture
def browser(live_server: dict) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        try:
            yield b
        finally:
            b.close()


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001 - pytest hook
    """Print the figures tests recorded with `record_property("summary", …)`, also under xdist."""
    for kind in ("passed", "failed"):
        for report in terminalreporter.getreports(kind):
            for name, value in getattr(report, "user_properties", []):
                if name == "summary":
                    terminalreporter.write_line(str(value))
