"""Single sign-on (OpenID Connect through st.login) against a real OpenID Provider on localhost
(npm's oidc-provider under node): sign in and land on the page asked for, the role from the
application applied, a refresh stays signed in, sign-out at the provider, an unknown e-mail
address refused in Dutch."""

from __future__ import annotations

import pytest
from support.browser import shot, wait_idle
from support.oidc import running_provider, secrets_toml
from support.server import chromium_path, free_port, launch_chromium, running_app
from support.tools import require

from jep import auth
from jep.store import audit, db

pytestmark = pytest.mark.browser


def provider_login(page, issuer: str, name: str) -> None:
    """The provider's own (development) login page: any password; then the consent page."""
    page.wait_for_url(issuer + "/**", timeout=30_000)
    page.locator("input[name=login]").fill(name)
    page.locator("input[name=password]").fill("wat-dan-ook")
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()
    if page.url.startswith(issuer) and page.get_by_role("button", name="Continue").count():
        page.get_by_role("button", name="Continue").click()


def test_single_sign_on_with_a_real_openid_provider(tmp_path):
    require("chromium", bool(chromium_path()), "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    port = free_port()
    app_url = f"http://localhost:{port}"
    with running_provider(app_url, tmp_path / "oidc") as issuer:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(secrets_toml(app_url, issuer))
        dbp = tmp_path / "jep.db"
        with running_app(
            dbp,
            port=port,
            host="localhost",
            args=["--secrets.files", str(secrets)],
            log=tmp_path / "server.log",
        ):
            with db.open_db(dbp) as d:
                auth.create_staff(d, "anna", "lokaal-wachtwoord-1", role="staff")
                auth.set_email(d, "anna", "anna@platformjep.example", "admin")
            with sync_playwright() as p:
                browser = launch_chromium(p)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(app_url + "/planning")
                assert "/aanmelden?next=" in page.url
                page.get_by_role("link", name="Aanmelden met uw JEP-account").click()
                provider_login(page, issuer, "anna")
                page.wait_for_url(app_url + "/**", timeout=30_000)
                wait_idle(page)
                page.get_by_role("heading", name="Planning").wait_for(timeout=30_000)
                assert page.url.startswith(app_url + "/planning")
                sidebar = page.get_by_test_id("stSidebar")
                assert sidebar.get_by_role("link", name="Medewerkers").count() == 0  # staff role
                page.reload()  # a refresh stays signed in
                wait_idle(page)
                page.get_by_role("heading", name="Planning").wait_for()
                sidebar.get_by_role("link", name="Account en afmelden").click()
                wait_idle(page)
                page.get_by_text("via uw organisatie-account").wait_for()
                shot(page, "sso-01-account")
                page.get_by_role("button", name="Afmelden", exact=True).click()
                page.wait_for_url(issuer + "/**", timeout=30_000)  # signing out at the provider
                page.locator("button[name=logout]").click()
                page.get_by_label("Wachtwoord").wait_for(timeout=30_000)  # our sign-in page
                assert page.url.startswith(app_url + "/aanmelden")

                other = browser.new_page(viewport={"width": 1280, "height": 900})
                other.goto(app_url + "/aanmelden")
                other.get_by_role("link", name="Aanmelden met uw JEP-account").click()
                provider_login(other, issuer, "onbekend")
                other.wait_for_url(app_url + "/**", timeout=30_000)
                wait_idle(other)
                other.get_by_text("hoort niet bij een medewerkersaccount").wait_for()
                assert other.get_by_test_id("stSidebar").count() == 0
                shot(other, "sso-02-unknown-address")
                browser.close()
            with db.open_db(dbp) as d:
                assert audit.count(d, action="aangemeld (SSO)") == 1
                assert audit.count(d, action="aanmelding via SSO geweigerd") == 1
                assert audit.count(d, action="afgemeld") == 1
