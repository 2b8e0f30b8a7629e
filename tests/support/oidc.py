"""A real OpenID Provider (npm's oidc-provider under node) on a free local port, and the
secrets.toml that points the app's single sign-on (st.login) at it."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .server import ROOT, free_port, stop
from .tools import node_with_oidc_provider

CLIENT_ID = "jep-dashboard"
CLIENT_SECRET = "test-client-secret-0123456789abcdef"


def secrets_toml(app_url: str, issuer: str) -> str:
    return (
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        'cookie_secret = "test-cookie-secret-0123456789abcdef0123"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{CLIENT_SECRET}"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        'client_kwargs = { prompt = "login" }\n'
        "\n[sso]\n"
        'label = "Aanmelden met uw JEP-account"\n'
    )


@contextmanager
def running_provider(app_url: str, folder: Path, timeout: float = 30) -> Iterator[str]:
    """Start the provider for an app at `app_url`; yields its issuer URL."""
    node = node_with_oidc_provider()
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    log = open(folder / "oidc.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [node, str(ROOT / "tests" / "support" / "oidc_provider.mjs")],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "OIDC_PORT": str(port), "APP_URL": app_url},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://localhost:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(
                    issuer + "/.well-known/openid-configuration", timeout=2
                ):
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(
                    "oidc-provider did not start: " + (folder / "oidc.log").read_text()
                )
            time.sleep(0.1)
        yield issuer
    finally:
        stop(proc)
        log.close()
