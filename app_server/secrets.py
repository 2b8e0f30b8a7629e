"""Reading Streamlit's secrets without failing when there is no secrets.toml at all."""

from __future__ import annotations

from typing import Any

import streamlit as st

from jep.access import sso


def read() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except Exception:  # noqa: BLE001 - no secrets file, or an unreadable one: no secrets
        return {}


def sso_settings() -> sso.SsoSettings | None:
    return sso.settings(read())
