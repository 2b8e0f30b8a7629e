"""External programs some tests start (Caddy, node with oidc-provider): found, or the test is
skipped — and fails instead wherever JEP_REQUIRE_BROWSER is set (CI), so nothing is silently
left out there."""

from __future__ import annotations

import os
import shutil

import pytest

from .server import ROOT


def require(what: str, found: bool, how: str) -> None:
    if found:
        return
    if os.environ.get("JEP_REQUIRE_BROWSER"):
        pytest.fail(f"{what} is required for this test here ({how})")
    pytest.skip(f"no {what}: test skipped ({how})")


def caddy_path() -> str:
    path = shutil.which("caddy")
    require("caddy", bool(path), "apt-get install caddy")
    return str(path)


def node_with_oidc_provider() -> str:
    node = shutil.which("node")
    require("node", bool(node), "apt-get install nodejs")
    found = (ROOT / "node_modules" / "oidc-provider" / "package.json").exists()
    require("oidc-provider", found, "npm ci")
    return str(node)
