"""A phone's first visit: a link holder's page opened in a fresh browser on an emulated mobile
network (Chromium's network emulation: `NETWORK`), through Caddy with deploy/Caddyfile as
deployed (HTTPS, Streamlit's scripts compressed) and, for comparison, straight from the
application. What a participant scanning the QR code or a municipality's contact opening the
invite waits for before the first screen; on localhost without emulation the bytes cost
nothing, so the browser part of the benchmark cannot show it."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path
from typing import Any

NETWORK = {
    "offline": False,
    "latency": 80,  # ms round trip
    "downloadThroughput": 9_000_000 / 8,  # 9 Mbit/s
    "uploadThroughput": 3_000_000 / 8,
}
"""A modest 4G connection."""
PHONE = {"width": 390, "height": 844}


def first_visit(browser: Any, url: str, rounds: int) -> dict[str, Any]:
    """Median time (navigation until ready) and bytes transferred of `url` in a fresh context;
    `failed`: visits that did not get ready within the browser's timeout (counted, not timed)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from bench import browser as bb

    times, kbs, failed = [], [], 0
    for _ in range(rounds):
        context = browser.new_context(ignore_https_errors=True, viewport=PHONE)
        bb.install(context)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        try:
            times.append(bb.goto_ms(page, url))
            kbs.append(
                page.evaluate(
                    "performance.getEntriesByType('resource')"
                    ".reduce((a, r) => a + (r.transferSize || 0), 0) / 1024"
                )
            )
        except PlaywrightTimeout:
            failed += 1
        finally:
            context.close()
    if not times:
        return {"ms": None, "kb": None, "failed": failed}
    return {
        "ms": round(statistics.median(times)),
        "kb": round(statistics.median(kbs)),
        "failed": failed,
    }


def bench_phone(db_copy: Path, links: dict[str, str], rounds: int) -> dict[str, Any]:
    """`links` ({role: path with its token}) opened as a phone's first visit, through Caddy and
    straight from the application. Skipped without chromium or caddy."""
    from playwright.sync_api import sync_playwright

    from tests.support.caddy import running_caddy
    from tests.support.server import ADMIN_PASSWORD, chromium_path, launch_chromium, running_app
    from tests.support.tools import caddy_path

    if not chromium_path() or not caddy_path():
        return {"skipped": "geen chromium of caddy"}
    folder = Path(tempfile.mkdtemp(prefix="jep-phone-"))
    out: dict[str, Any] = {"network": NETWORK, "links": {}}
    with (
        running_app(
            db_copy,
            admin_password=ADMIN_PASSWORD,
            args=["--server.address", "127.0.0.1"],
            env={"JEP_WARM": "0"},
        ) as app,
        running_caddy(app.port, folder / "caddy") as proxy,
        sync_playwright() as p,
    ):
        browser = launch_chromium(p)
        for role, path in links.items():
            out["links"][role] = {
                "caddy": first_visit(browser, proxy.url + path, rounds),
                "direct": first_visit(browser, app.url + path, rounds),
            }
    return out
