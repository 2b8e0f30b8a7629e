"""Start the application as `./run.sh` does, on a free port, for browser tests and the benchmark.

`running_app(db_path)` runs `streamlit run server.py` (app.py with its routes) with its own
database and yields a `Server` once `/_stcore/health` answers; the process is stopped afterwards.
`launch_chromium` starts Debian's Chromium through Playwright with the flags this machine needs (no
downloads, no background networking).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
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


@dataclass
class Server:
    url: str
    port: int
    proc: subprocess.Popen
    env: dict[str, str] = field(default_factory=dict)
    log: Path | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen, timeout: float = 10) -> None:
    """End a server the tests started: politely, then for good after `timeout` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch_chromium(playwright: Any) -> Any:
    """A headless Chromium browser (Debian's) through a started Playwright."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


@contextmanager
def running_app(
    db_path: Path,
    *,
    admin_password: str = ADMIN_PASSWORD,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    timeout: float = 60,
    args: list[str] | None = None,
    port: int | None = None,
    host: str = "127.0.0.1",
) -> Iterator[Server]:
    """`streamlit run server.py` on a free port with database `db_path`, as ./run.sh starts it.

    `args` go to `streamlit run` (e.g. `--server.address 127.0.0.1` behind a proxy); `host` is
    the name the URL uses (single sign-on needs `localhost`, the name its redirect URI has)."""
    port = port or free_port()
    base = f"http://{host}:{port}"
    full_env = dict(
        os.environ,
        JEP_DB=str(db_path),
        JEP_ADMIN_PASSWORD=admin_password,
        JEP_BASE_URL=base,
        **(env or {}),
    )
    full_env.setdefault("MALLOC_ARENA_MAX", "2")
    full_env.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")  # as ./run.sh
    full_env.setdefault("MALLOC_MMAP_THRESHOLD_", "4194304")
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "server.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
            *(args or []),
        ],
        cwd=ROOT,
        env=full_env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.time() + timeout
        while True:
            try:
                health = f"http://127.0.0.1:{port}/_stcore/health"
                with urllib.request.urlopen(health, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                text = log.read_text() if log else ""
                raise RuntimeError(f"streamlit did not start (exit {proc.poll()}): {text}")
            time.sleep(0.3)
        yield Server(base, port, proc, full_env, log)
    finally:
        stop(proc, timeout=15)
        if log:
            out.close()  # type: ignore[union-attr]
