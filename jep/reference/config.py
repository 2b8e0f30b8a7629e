"""Deployment settings: the environment first, then `.streamlit/secrets.toml`.

The one helper for secrets (passwords, server names) that may live in either place. A missing
secrets file is normal (the embedded defaults apply); a malformed one raises `CatalogError`
naming it. Streamlit's own `st.secrets` raises when no file exists at all, and `jep/` knows no
Streamlit, so the file is read here with the standard library: the same keys work for the
server, the command line and the background worker.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from jep.reference.toml import DATA_DIR, CatalogError

ROOT = DATA_DIR.parent
SECRETS_FILES: tuple[Path, ...] = (ROOT / ".streamlit" / "secrets.toml",)
"""Where secrets are looked for (tests point this elsewhere)."""


def _secrets() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in SECRETS_FILES:
        if not path.is_file():
            continue
        try:
            with path.open("rb") as fh:
                merged.update(tomllib.load(fh))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise CatalogError(f"{path.name}: geen geldige TOML ({path}): {exc}") from exc
    return merged


def value(key: str, default: str | None = None) -> str | None:
    """`key` from the environment (when set and not empty), else from secrets.toml (top-level
    key of the same name), else `default`. Always text (numbers in the file become text)."""
    env = os.environ.get(key)
    if env is not None and env.strip():
        return env.strip()
    found = _secrets().get(key)
    if found is None or isinstance(found, dict | list):
        return default
    text = str(found).strip()
    return text or default
