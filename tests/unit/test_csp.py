"""The Content-Security-Policy allows exactly the inline scripts the application renders."""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib
import re
from pathlib import Path

from app_server import middleware
from app_ui import widgets

ROOT = Path(__file__).resolve().parents[2]


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_every_listed_script_is_allowed_by_its_hash():
    csp = middleware.content_security_policy()
    for snippet in widgets.INLINE_SCRIPTS:
        for body in re.findall(r"<script>(.*?)</script>", snippet, re.S):
            assert _hash(body) in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_every_script_the_pages_render_is_listed():
    """st.html(X, unsafe_allow_javascript=True) anywhere: X is a module constant in the list."""
    for path in [*ROOT.glob("app_ui/*.py"), *ROOT.glob("app_pages/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            js = [k for k in node.keywords if k.arg == "unsafe_allow_javascript"]
            if not js:
                continue
            assert path.parent.name == "app_ui", f"{path.name}: scripts belong in app_ui/widgets"
            arg = node.args[0]
            assert isinstance(arg, ast.Name), f"{path.name}: st.html with a script built inline"
            module = importlib.import_module(f"app_ui.{path.stem}")
            assert getattr(module, arg.id) in widgets.INLINE_SCRIPTS, f"{path.name}: {arg.id}"
