"""The HTTP side of the real server (`streamlit run server.py`, as ./run.sh starts it), without a
browser: the sign-in route, its CSRF and redirect checks, throttling under parallel guesses,
forged and revoked cookies, the sign-in gate, security headers, /healthz and the closed metrics.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from support.server import ADMIN_PASSWORD, Server, running_app

from jep import auth
from jep.access import sessions
from jep.store import audit, db
from jep.workshop import invites, workshops


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def header(self, name: str) -> str:
        return self.headers.get(name) or ""

    def cookies(self) -> dict[str, str]:
        """The Set-Cookie lines by cookie name."""
        return {line.split("=", 1)[0]: line for line in self.headers.get_all("set-cookie") or []}


@dataclass
class Client:
    """A tiny HTTP client that keeps cookies and never follows redirects."""

    server: Server
    jar: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        page_load: bool = True,
    ) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        sent = dict(headers or {})
        if page_load:
            sent.setdefault("Sec-Fetch-Dest", "document")
            sent.setdefault("Sec-Fetch-Site", "same-origin")
        if self.jar:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=sent)
        resp = conn.getresponse()
        reply = Reply(resp.status, resp.headers, resp.read().decode("utf-8", "replace"))
        conn.close()
        for line in resp.headers.get_all("set-cookie") or []:
            cookie = SimpleCookie(line)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.jar.pop(name, None)
                else:
                    self.jar[name] = morsel.value
        return reply

    def get(self, path: str, **kw) -> Reply:
        return self.request("GET", path, **kw)

    def sign_in(self, username: str, password: str, next_url: str = "/", **kw) -> Reply:
        form_page = self.get("/aanmelden?" + urlencode({"next": next_url}))
        csrf = re.search(r'name="csrf" value="([^"]+)"', form_page.body).group(1)
        return self.request(
            "POST",
            "/aanmelden",
            form={"csrf": csrf, "next": next_url, "username": username, "password": password},
            **kw,
        )


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_app(tmp_path / "jep.db", log=tmp_path / "server.log") as srv:
        yield srv


def test_signed_out_page_loads_go_to_the_sign_in_page(server):
    c = Client(server)
    r = c.get("/planning?id=3")
    assert r.status == 303 and r.header("location") == "/aanmelden?next=/planning%3Fid%3D3"
    assert c.get("/").header("location") == "/aanmelden?next=/"
    # links for people without an account, files, Streamlit's own paths and scripts pass
    assert c.get("/?token=abc").status == 200
    assert c.get("/?eval=abc").status == 200
    assert c.get("/?terugblik=abc").status == 200  # the municipality's follow-up link
    assert c.get("/?nameting=abc").status == 200  # the participants' follow-up link
    assert c.get("/static/missing.js", page_load=False).status != 303
    assert c.get("/planning", page_load=False).status == 200  # not a page load
    # a page path that does not exist, and the own path of a default page, go to "/"
    assert c.get("/bestaat-niet?token=x").header("location") == "/?token=x"
    assert c.get("/overzicht").header("location") == "/"
    assert c.get("/terugblik?terugblik=x").header("location") == "/?terugblik=x"
    # a path below a page (a mistyped link) too; Streamlit's own deeper paths pass
    assert c.get("/werkatelier/x?token=x").header("location") == "/?token=x"
    assert c.get("/a/b/c").header("location") == "/"
    assert c.get("/_stcore/health").status == 200
    assert c.get("/auth/login").status != 303
    assert c.get("/nameting?nameting=x").header("location") == "/?nameting=x"
    # the staff follow-up page needs the session
    assert c.get("/followup?id=1").header("location") == "/aanmelden?next=/followup%3Fid%3D1"


def test_sign_in_sets_an_httponly_session_cookie_and_goes_to_next(server):
    c = Client(server)
    r = c.sign_in("admin", ADMIN_PASSWORD, "/planning?id=3")
    assert r.status == 303 and r.header("location") == "/planning?id=3"
    line = r.cookies()[sessions.COOKIE]
    assert "HttpOnly" in line and "SameSite=lax" in line and "Secure" not in line
    assert "Path=/" in line and "Max-Age=43200" in line
    token = c.jar[sessions.COOKIE]
    with db.open_db(server.env["JEP_DB"]) as d:
        stored = d.execute("SELECT token_hash FROM staff_sessions").fetchone()[0]
    assert token not in stored and stored == sessions.token_hash(token)
    # signed in: the staff page loads, and the sign-in page sends straight on
    assert c.get("/planning?id=3").status == 200
    assert c.get("/aanmelden?next=/workshops").header("location") == "/workshops"


def test_wrong_password_keeps_the_name_and_sets_no_session(server):
    c = Client(server)
    r = c.sign_in("admin", "fout-wachtwoord")
    assert r.status == 401 and "klopt niet" in r.body
    assert 'value="admin"' in r.body and "fout-wachtwoord" not in r.body
    assert sessions.COOKIE not in c.jar


def test_sign_in_form_refuses_cross_site_posts_and_missing_tokens(server):
    c = Client(server)
    r = c.sign_in("admin", ADMIN_PASSWORD, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status == 403 and sessions.COOKIE not in c.jar
    r = c.sign_in(
        "admin", ADMIN_PASSWORD, headers={"Origin": "http://evil.example"}, page_load=False
    )
    assert r.status == 403
    # a post without the form's token (another site's form cannot know it)
    r = c.request(
        "POST", "/aanmelden", form={"username": "admin", "password": ADMIN_PASSWORD, "next": "/"}
    )
    assert r.status == 400 and "verlopen" in r.body and sessions.COOKIE not in c.jar
    r = Client(server).request(
        "POST",
        "/aanmelden",
        form={"csrf": "geraden", "username": "admin", "password": ADMIN_PASSWORD},
        headers={"Cookie": "jep_csrf=anders"},
    )
    assert r.status == 400


@pytest.mark.parametrize(
    "target",
    ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_next_never_leaves_the_site(server, target):
    r = Client(server).sign_in("admin", ADMIN_PASSWORD, target)
    assert r.status == 303 and r.header("location") == "/"


def test_forged_expired_and_revoked_cookies_sign_nobody_in(server):
    good = Client(server)
    good.sign_in("admin", ADMIN_PASSWORD)
    token = good.jar[sessions.COOKIE]
    for forged in ("", "x", token[:-2] + "xx", "a" * 5000, "'; DROP TABLE staff; --"):
        c = Client(server, {sessions.COOKIE: forged})
        assert c.get("/planning").status == 303
    with db.open_db(server.env["JEP_DB"]) as d:  # expired
        d.execute("UPDATE staff_sessions SET expires_at = '2000-01-01T00:00:00+00:00'")
        d.conn.commit()
    assert Client(server, {sessions.COOKIE: token}).get("/planning").status == 303
    good.sign_in("admin", ADMIN_PASSWORD)
    token = good.jar[sessions.COOKIE]
    assert good.get("/planning").status == 200
    with db.open_db(server.env["JEP_DB"]) as d:  # revoked (a reset), then replayed
        auth.reset_password(d, "admin", "admin")
    assert Client(server, {sessions.COOKIE: token}).get("/planning").status == 303
    # a cookie made with another server's secret is just an unknown id here
    other = sessions.new_token()
    assert Client(server, {sessions.COOKIE: other}).get("/").status == 303


def test_fifty_guesses_at_once_through_the_sign_in_route(server):
    """Issue 18.1, through the real route: at most five passwords are checked."""
    with db.open_db(server.env["JEP_DB"]) as d:
        auth.create_staff(d, "mira", "het-echte-wachtwoord")
    forms = []
    for _ in range(50):
        c = Client(server)
        page = c.get("/aanmelden")
        forms.append((c, re.search(r'name="csrf" value="([^"]+)"', page.body).group(1)))
    start = threading.Barrier(50)

    def guess(i: int) -> int:
        c, csrf = forms[i]
        start.wait()
        form = {"csrf": csrf, "next": "/", "username": "mira", "password": f"gok-{i:03d}-xyz"}
        return c.request("POST", "/aanmelden", form=form).status

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(guess, range(50)))
    assert statuses.count(401) == 5 and statuses.count(429) == 45
    with db.open_db(server.env["JEP_DB"]) as d:
        assert audit.count(d, action="aanmelding mislukt") == 5
    # the right password waits too (from this address), and says how long in Dutch
    r = Client(server).sign_in("mira", "het-echte-wachtwoord")
    assert r.status == 429 and re.search(r"Probeer het over \d+ seconden opnieuw", r.body)


def test_a_thousand_wrong_sign_ins_from_many_names(server):
    """A bounded flood: the address is slowed down, nothing is locked for good, the server keeps
    answering, and the audit log gets one summary instead of a thousand rows."""
    c = Client(server)
    csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/aanmelden").body).group(1)

    def guess(i: int) -> int:
        form = {"csrf": csrf, "next": "/", "username": f"naam{i}", "password": "fout-fout"}
        return Client(server, dict(c.jar)).request("POST", "/aanmelden", form=form).status

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(guess, range(1000)))
        health = Client(server).get("/healthz", page_load=False)  # still answering meanwhile
    assert health.status == 200
    assert statuses.count(401) == 20 and statuses.count(429) == 980
    with db.open_db(server.env["JEP_DB"]) as d:
        assert audit.count(d, action="aanmelding mislukt") == 0


def test_security_headers_everywhere_and_metrics_closed(server):
    c = Client(server)
    for path in ("/", "/aanmelden", "/healthz", "/_stcore/health", "/static/missing.js"):
        r = c.get(path, page_load=path != "/static/missing.js")
        csp = r.header("content-security-policy")
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp, path
        assert "unsafe-eval" not in csp.replace("wasm-unsafe-eval", "")
        assert r.header("referrer-policy") == "no-referrer", path
        assert r.header("x-content-type-options") == "nosniff", path
        assert r.header("strict-transport-security") == "", path  # only over HTTPS
    for path in ("/_stcore/metrics", "//_stcore/metrics/", "/_stcore/%6detrics"):
        assert c.get(path, page_load=False).status == 404, path


def test_healthz(server):
    r = Client(server).get("/healthz", page_load=False)
    assert r.status == 200 and json.loads(r.body) == {
        "status": "ok",
        "database": "ok",
        "migrations": "actueel",
    }
    with db.open_db(server.env["JEP_DB"]) as d:
        d.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'jep-access'")
        d.conn.commit()
    r = Client(server).get("/healthz", page_load=False)
    assert r.status == 503 and json.loads(r.body)["migrations"] == "niet actueel"


def test_an_invite_link_is_not_sent_to_the_sign_in_page(server):
    with db.open_db(server.env["JEP_DB"]) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        token = invites.issue(d, wid, "tester")
    r = Client(server).get(f"/?token={token}")
    assert r.status == 200 and "<!doctype html>" in r.body.lower()


def test_the_server_prepares_the_staff_home_at_start(tmp_path):
    """At start the server counts the whole programme for the staff home in the background
    (app_ui.programme.warm), so that the first sign-in does not wait for it; JEP_WARM=0 does
    not. Streamlit's note about calls outside a page's run is not logged for it."""
    import time

    from jep import demo

    path = tmp_path / "jep.db"
    db.init_db(path)
    with db.open_db(path) as d:
        demo.seed_demo(d, count=20, seed=3)
    for warm, expected in (("1", True), ("0", False)):
        log = tmp_path / f"server-{warm}.log"
        with running_app(path, log=log, env={"JEP_WARM": warm}):
            deadline = time.monotonic() + (60 if expected else 3)
            while time.monotonic() < deadline and "dashboard voorbereid" not in log.read_text():
                time.sleep(0.2)
        text = log.read_text()
        assert ("dashboard voorbereid" in text) is expected, text[-2000:]
        assert "voorbereiden mislukt" not in text
        assert "Thread 'jep-warm'" not in text
