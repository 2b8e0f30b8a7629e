"""The deployment path: the application behind Caddy with deploy/Caddyfile (`tls internal` on
localhost), reached over HTTPS by a real browser — sign in, a Secure HttpOnly session cookie,
the websocket, the security headers, an invite link, /healthz and the closed metrics."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from support.browser import shot, wait_idle
from support.caddy import running_caddy
from support.server import ADMIN_PASSWORD, chromium_path, launch_chromium, running_app
from support.tools import require

from jep.access import sessions
from jep.store import db
from jep.workshop import invites, workshops

pytestmark = pytest.mark.browser


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


def test_behind_caddy_over_https(tmp_path):
    require("chromium", bool(chromium_path()), "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    dbp = tmp_path / "jep.db"
    with (
        running_app(
            dbp, args=["--server.address", "127.0.0.1"], log=tmp_path / "server.log"
        ) as server,
        running_caddy(server.port, tmp_path / "caddy") as proxy,
    ):
        ctx = proxy.ssl_context()
        with urllib.request.urlopen(proxy.url + "/healthz", context=ctx, timeout=10) as r:
            assert r.status == 200 and json.load(r)["status"] == "ok"
            assert r.headers["strict-transport-security"].startswith("max-age=")
            assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
            assert r.headers["referrer-policy"] == "no-referrer"
            assert r.headers["x-content-type-options"] == "nosniff"
            assert "uvicorn" not in (r.headers.get("server") or "")
        opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=ctx), NoRedirect)
        request = urllib.request.Request(proxy.url + "/", headers={"Sec-Fetch-Dest": "document"})
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(request, timeout=10)
        assert redirect.value.code == 303
        assert redirect.value.headers["location"] == "/aanmelden?next=/"
        with pytest.raises(urllib.error.HTTPError) as metrics:
            opener.open(proxy.url + "/_stcore/metrics", timeout=10)
        assert metrics.value.code == 404
        # Streamlit serves its own scripts uncompressed; Caddy compresses them (2.8 MB → 1.2 MB
        # for a phone's first visit)
        with opener.open(proxy.url + "/?token=x", timeout=10) as page_html:
            main_js = re.search(r'src="\./(static/js/index[^"]+\.js)"', page_html.read().decode())
        assert main_js, "Streamlit's main script on the page"
        for base, compressed in ((proxy.url, True), (server.url, False)):
            request = urllib.request.Request(
                f"{base}/{main_js[1]}", headers={"Accept-Encoding": "zstd, gzip"}
            )
            with opener.open(request, timeout=10) as js:
                encoding = js.headers.get("content-encoding")
            assert (encoding in ("zstd", "gzip")) is compressed, (base, encoding)

        with db.open_db(dbp) as d:
            wid = workshops.create_request(d, "GM0344", "tester")
            token = invites.issue(d, wid, "tester")
        with sync_playwright() as p:
            browser = launch_chromium(p)
            context = browser.new_context(
                ignore_https_errors=True, viewport={"width": 1280, "height": 900}
            )
            page = context.new_page()
            sockets: list[str] = []
            page.on("websocket", lambda ws: sockets.append(ws.url))
            violations: list[str] = []
            page.on(
                "console",
                lambda m: (
                    violations.append(m.text) if "Content Security Policy" in m.text else None
                ),
            )
            page.goto(proxy.url + "/workshops")
            page.get_by_label("Gebruikersnaam").fill("admin")
            page.get_by_label("Wachtwoord").fill(ADMIN_PASSWORD)
            page.get_by_role("button", name="Aanmelden").click()
            wait_idle(page)
            assert page.url == proxy.url + "/workshops"
            page.get_by_role("heading", name="Werkateliers").wait_for()
            jar = {c["name"]: c for c in context.cookies()}
            cookie = jar[sessions.SECURE_COOKIE]  # the __Host- name over HTTPS
            assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Lax"
            assert sessions.COOKIE not in jar
            assert all(c["secure"] for c in jar.values()), jar  # Streamlit's own too
            assert any(url.startswith("wss://localhost:") for url in sockets)
            # the websocket carries a click: another page runs
            page.get_by_test_id("stSidebar").get_by_role("link", name="Planning").click()
            wait_idle(page)
            page.get_by_role("heading", name="Planning").wait_for()
            shot(page, "deploy-01-https-planning")
            # an invite link in a fresh browser: the contact's page, over HTTPS
            contact = browser.new_context(ignore_https_errors=True).new_page()
            contact.goto(f"{proxy.url}/?token={token}")
            wait_idle(contact)
            assert contact.locator("h1").first.inner_text().startswith("Voorgesprek werkatelier")
            assert not violations, violations
            browser.close()
