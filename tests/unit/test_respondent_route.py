"""The route /e that gives a phone its anonymous respondent key (an HttpOnly cookie) and then sends
it to the form. Called as Starlette calls it; the real server is exercised in the browser test."""

from __future__ import annotations

import asyncio
from http.cookies import SimpleCookie

from starlette.requests import Request

from app_ui import respondent_route
from app_ui.respondent import COOKIE
from jep.evaluation import drafts

TOKEN = "AbC_d-" + "x" * 37


def get(query: str, cookie: str | None = None, scheme: str = "http"):
    headers = [(b"host", b"jep.example")]
    if cookie is not None:
        headers.append((b"cookie", f"{COOKIE}={cookie}".encode()))
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": scheme,
        "path": "/e",
        "root_path": "",
        "query_string": query.encode(),
        "headers": headers,
        "server": ("jep.example", 443 if scheme == "https" else 80),
        "client": ("192.0.2.10", 50000),
    }
    return asyncio.run(respondent_route.start(Request(scope)))


def set_cookie(response) -> SimpleCookie:
    jar = SimpleCookie()
    jar.load(response.headers["set-cookie"])
    return jar


def test_sets_an_httponly_key_and_sends_the_phone_to_the_form():
    r = get(f"eval={TOKEN}")
    assert r.status_code == 303 and r.headers["location"] == f"./?eval={TOKEN}"
    morsel = set_cookie(r)[COOKIE]
    assert drafts.valid_key(morsel.value)
    assert morsel["httponly"] and morsel["samesite"].lower() == "lax" and morsel["path"] == "/"
    assert not morsel["secure"]  # plain http (localhost); https below
    assert int(morsel["max-age"]) == respondent_route.cookie_days() * 86400
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_keeps_the_key_the_phone_already_has():
    key = drafts.new_key()
    r = get(f"eval={TOKEN}", cookie=key)
    assert set_cookie(r)[COOKIE].value == key  # same respondent after reopening the link
    other = get(f"eval={TOKEN}", cookie="forged<script>")
    assert set_cookie(other)[COOKIE].value != "forged<script>"
    assert drafts.valid_key(set_cookie(other)[COOKIE].value)


def test_secure_cookie_over_https():
    assert set_cookie(get(f"eval={TOKEN}", scheme="https"))[COOKIE]["secure"]


def test_a_bad_token_goes_to_the_start_page_without_echo():
    for query in ("", "eval=", "eval=kort", "eval=%0d%0aSet-Cookie:%20x=1" + "a" * 30,
                  "eval=" + "a" * 201, "eval=../../etc"):  # fmt: skip
        r = get(query)
        assert r.status_code == 303 and r.headers["location"] == "./", query


def test_the_route_is_mounted_at_e():
    (route,) = respondent_route.ROUTES
    assert route.path == "/e" and "GET" in route.methods
