"""Single sign-on (OpenID Connect through Streamlit's `st.login`, off unless configured).

Configuration lives in `.streamlit/secrets.toml` (git-ignored; `.streamlit/secrets.toml.example`
shows every key): Streamlit's own `[auth]` section (redirect_uri, cookie_secret, and client_id,
client_secret, server_metadata_url either directly or in one named `[auth.NAME]` section), plus
an optional `[sso]` section of ours: `label` (the button's text) and `provider` (which named
section, when there are several).

The identity provider vouches for an e-mail address; `jep.auth.sso_signin` maps it to the staff
account that an admin linked it to. Roles stay in the application; an unknown address is refused
(no self-registration).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

DEFAULT_LABEL = "Aanmelden met uw organisatie-account"
FRESH_SIGNIN = timedelta(minutes=10)
"""A new session is made only for an identity token issued this recently: an old Streamlit
sign-in cookie (it lives 30 days) never opens a new session by itself."""


@dataclass(frozen=True)
class SsoSettings:
    provider: str | None
    """None for the provider configured directly in [auth], else the name of [auth.NAME]."""
    label: str


def settings(secrets: Mapping[str, Any] | None) -> SsoSettings | None:
    """Single sign-on settings from the secrets, or None when single sign-on is off."""
    if not secrets:
        return None
    auth = secrets.get("auth")
    if not isinstance(auth, Mapping) or not auth.get("redirect_uri"):
        return None
    if not auth.get("cookie_secret"):
        return None
    ours = secrets.get("sso")
    ours = ours if isinstance(ours, Mapping) else {}
    named = sorted(k for k, v in auth.items() if isinstance(v, Mapping) and v.get("client_id"))
    provider = ours.get("provider")
    if provider is not None:
        if str(provider) not in named:
            return None
        provider = str(provider)
    elif auth.get("client_id"):
        provider = None
    elif named:
        provider = named[0]
    else:
        return None
    return SsoSettings(provider, str(ours.get("label") or DEFAULT_LABEL))


def is_fresh(issued_at: Any, now: datetime | None = None) -> bool:
    """Whether an identity token's `iat` (seconds since 1970) is recent enough for a new
    session (see FRESH_SIGNIN)."""
    try:
        issued = datetime.fromtimestamp(float(issued_at), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return False
    moment = now or datetime.now(UTC)
    return moment - FRESH_SIGNIN <= issued <= moment + timedelta(minutes=2)
