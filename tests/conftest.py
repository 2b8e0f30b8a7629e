"""Shared fixtures: a fresh database per test, AppTest helpers, a live server for browser tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from streamlit.testing.v1 import AppTest

from jep.store import db

ROOT = Path(__file__).resolve().parent.parent
ADMIN_PASSWORD = "test-wachtwoord-123"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def sign_in(at: AppTest, username: str = "admin", password: str = ADMIN_PASSWORD) -> AppTest:
    at.run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at


@pytest.fixture
def staff_app(db_file: Path) -> AppTest:
    """An AppTest with the admin signed in, on the staff home page."""
    at = sign_in(new_app())
    assert not at.exception
    assert "staff" in at.session_state
    return at


# ---------------------------------------------------------------- browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[dict]:
    """A real `streamlit run app.py` on a free port with its own database."""
    if not chromium_path():
        if os.environ.get("JEP_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required for browser tests here (apt-get install chromium)")
        pytest.skip("no chromium on PATH: browser tests skipped (apt-get install chromium)")
    port = _free_port()
    dbp = tmp_path / "live.db"
    env = dict(
        os.environ,
        JEP_DB=str(dbp),
        JEP_ADMIN_PASSWORD=ADMIN_PASSWORD,
        JEP_BASE_URL=f"http://127.0.0.1:{port}",
    )
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.terminate()
        pytest.fail("streamlit did not start: " + (tmp_path / "server.log").read_text())
    try:
        yield {"url": base, "db": dbp, "env": env}
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()


@pytest.fixture
def browser(live_server: dict) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


SHOTS = ROOT / "out" / "screenshots"


def wait_idle(page) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    page.wait_for_timeout(400)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden", timeout=90_000)


def browser_sign_in(
    page, base_url: str, username: str = "admin", password: str = ADMIN_PASSWORD
) -> None:
    """Open the app in `page` and sign in as staff; returns when the staff navigation shows."""
    page.goto(base_url)
    wait_idle(page)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    wait_idle(page)
    page.get_by_test_id("stSidebar").wait_for()


def shot(page, name: str) -> None:
    """Save a screenshot to out/screenshots/ and fail on any Streamlit exception box."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0, f"exception on {name}"


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001 - pytest hook
    """Print the figures tests recorded with `record_property("summary", …)`, also under xdist."""
    for kind in ("passed", "failed"):
        for report in terminalreporter.getreports(kind):
            for name, value in getattr(report, "user_properties", []):
                if name == "summary":
                    terminalreporter.write_line(str(value))
