"""Server-side staff sessions.

Signing in (with a password, through the `/aanmelden` route, or through single sign-on) creates a
row here; the browser holds the random session id in an HttpOnly cookie and this table holds only
its SHA-256 hash, with the account, when it was created and last seen, its absolute expiry
(`[session] max_hours`, JEP_SESSION_HOURS) and — computed from `last_seen_at` — its idle expiry
(`[session] idle_minutes`, JEP_SESSION_MINUTES). Every script run and every page load looks the
id up again (`check`), so revocation (sign-out, password change or reset, an account switched off
or demoted, an admin ending the session) takes effect on the next interaction of any open tab.

A session that went idle can be revived by entering the account's password again in the same
browser tab (`revive`), so what was typed in a form is not lost; a revoked or absolutely expired
session never comes back.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from jep.reference.catalog import catalog
from jep.store.db import last_id, write

COOKIE = "jep_sid"
"""Name of the session cookie over plain HTTP (a single user on localhost)."""
SECURE_COOKIE = "__Host-jep_sid"
"""Name over HTTPS: the `__Host-` prefix makes the browser refuse it unless it is Secure, for the
whole host (Path=/) and set by this host itself, so no sibling domain can plant one."""
BROWSER_COOKIE = "jep_browser"
"""A random id of the browser itself (HttpOnly, a year), set on the first page load; it ties a
single sign-on in one tab to an idle session in another tab of the same browser."""
METHODS = {"password": "wachtwoord", "sso": "eenmalige aanmelding (SSO)"}
TOUCH_SECONDS = 60
"""`last_seen_at` is written at most once a minute per session (one write per click is waste)."""
PURGE_AFTER = timedelta(days=7)

REVOKED_SIGNOUT = "afgemeld"
REVOKED_PASSWORD = "wachtwoord gewijzigd"
REVOKED_RESET = "wachtwoord gereset"
REVOKED_DISABLED = "account uitgeschakeld"
REVOKED_ROLE = "rol gewijzigd"
REVOKED_ADMIN = "beëindigd door beheerder"


@dataclass(frozen=True)
class Policy:
    idle_minutes: int
    max_hours: float


@dataclass(frozen=True)
class SessionUser:
    """The account behind a live (or idle) session."""

    session_id: int
    staff_id: int
    username: str
    role: str
    must_change_password: bool
    method: str


@dataclass(frozen=True)
class Check:
    """What a session id is worth now.

    `status` is 'active', 'idle' (idle expiry passed: the password revives it), 'expired'
    (absolute expiry passed), 'revoked' (`reason` says why) or 'unknown'."""

    status: str
    user: SessionUser | None = None
    reason: str | None = None

    @property
    def active(self) -> bool:
        return self.status == "active"


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value > 0 else default


def policy() -> Policy:
    """Idle and absolute expiry: data/settings.toml [session], overridden by JEP_SESSION_MINUTES
    and JEP_SESSION_HOURS."""
    s = catalog().settings.get("session", {})
    idle = _env_number("JEP_SESSION_MINUTES", float(s.get("idle_minutes", 60)))
    hours = _env_number("JEP_SESSION_HOURS", float(s.get("max_hours", 12)))
    return Policy(idle_minutes=max(1, int(idle)), max_hours=hours)


def new_token() -> str:
    """A random session id for the cookie: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sso_token(provider: str, subject: str, nonce: str) -> str:
    """The session key of a single sign-on: unique per sign-in at the identity provider (the
    nonce is new every time), so signing out ends exactly that sign-in."""
    return f"sso\x1f{provider}\x1f{subject}\x1f{nonce}"


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _parse(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_BROWSERS = (
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS", "macOS"),
    ("Linux", "Linux"),
)


def device_label(user_agent: str | None) -> str:
    """A short, recognisable description of a browser ("Firefox · Windows"), nothing more."""
    ua = user_agent or ""
    browser = next((name for key, name in _BROWSERS if key in ua), "")
    system = next((name for key, name in _SYSTEMS if key in ua), "")
    label = " · ".join(p for p in (browser, system) if p)
    return re.sub(r"[^\w ·.-]", "", label)[:40] or "onbekende browser"


def create(
    db: Database,
    staff_id: int,
    method: str,
    token: str,
    device: str = "",
    now: datetime | None = None,
    browser: str | None = None,
) -> int:
    """Store a new session for `staff_id`; returns its row id. Old dead rows are purged.

    `browser` is the browser's own random id (cookie), of which only a hash is stored."""
    if method not in METHODS:
        raise ValueError(f"unknown sign-in method {method!r}")
    stamp = _now(now)
    pol = policy()
    with write(db):
        purge(db, stamp)
        cur = db.execute(
            "INSERT INTO staff_sessions(token_hash, staff_id, method, created_at, last_seen_at, "
            "expires_at, device, browser) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                token_hash(token),
                staff_id,
                method,
                _iso(stamp),
                _iso(stamp),
                _iso(stamp + timedelta(hours=pol.max_hours)),
                device[:40],
                token_hash("browser\x1f" + browser) if browser else "",
            ],
        )
    return last_id(cur)


def purge(db: Database, now: datetime | None = None) -> int:
    """Delete rows that expired or were revoked more than a week ago (call inside a write)."""
    cutoff = _iso(_now(now) - PURGE_AFTER)
    cur = db.execute(
        "DELETE FROM staff_sessions WHERE expires_at < ? OR revoked_at < ?", [cutoff, cutoff]
    )
    return cur.rowcount


def check(
    db: Database, token: str | None, now: datetime | None = None, touch: bool = True
) -> Check:
    """Look a session id up: its status now and, unless revoked or unknown, its account.

    An active session's `last_seen_at` is moved forward (at most once a minute) when `touch`."""
    if not token or not isinstance(token, str) or len(token) > 512:
        return Check("unknown")
    stamp = _now(now)
    row = db.execute(
        "SELECT s.id, s.staff_id, s.method, s.last_seen_at, s.expires_at, s.revoked_at, "
        "s.revoked_reason, st.username, st.role, st.must_change_password, st.active "
        "FROM staff_sessions s JOIN staff st ON st.id = s.staff_id WHERE s.token_hash = ?",
        [token_hash(token)],
    ).fetchone()
    if row is None:
        return Check("unknown")
    sid, staff_id, method, last_seen, expires, revoked, reason, name, role, must, active = row
    if revoked:
        return Check("revoked", reason=reason)
    if not active:
        return Check("revoked", reason=REVOKED_DISABLED)
    user = SessionUser(sid, staff_id, name, role, bool(must), method)
    if stamp >= _parse(expires):
        return Check("expired", user)
    idle_for = stamp - _parse(last_seen)
    if idle_for > timedelta(minutes=policy().idle_minutes):
        return Check("idle", user)
    if touch and idle_for > timedelta(seconds=TOUCH_SECONDS):
        with write(db):
            db.execute(
                "UPDATE staff_sessions SET last_seen_at = ? WHERE id = ? AND revoked_at IS NULL",
                [_iso(stamp), sid],
            )
    return Check("active", user)


def revive(db: Database, session_id: int, now: datetime | None = None) -> bool:
    """After the password was entered again: an idle session is active once more. A revoked or
    absolutely expired session stays dead (returns False)."""
    stamp = _iso(_now(now))
    with write(db):
        cur = db.execute(
            "UPDATE staff_sessions SET last_seen_at = ? "
            "WHERE id = ? AND revoked_at IS NULL AND expires_at > ?",
            [stamp, session_id, stamp],
        )
    return cur.rowcount == 1


def revive_after_sso(
    db: Database, session_id: int, browser: str | None, now: datetime | None = None
) -> bool:
    """An idle single sign-on session goes on once the same account signed in through the
    identity provider again *in the same browser* (another tab) in the last ten minutes, after
    this session went quiet. Returns whether it was revived."""
    if not browser:
        return False
    stamp = _now(now)
    row = db.execute(
        "SELECT staff_id, last_seen_at FROM staff_sessions WHERE id = ? AND revoked_at IS NULL",
        [session_id],
    ).fetchone()
    if row is None:
        return False
    fresh = db.execute(
        "SELECT 1 FROM staff_sessions WHERE staff_id = ? AND method = 'sso' AND id <> ? "
        "AND revoked_at IS NULL AND browser = ? AND created_at > ? AND created_at >= ?",
        [
            row[0],
            session_id,
            token_hash("browser\x1f" + browser),
            row[1],
            _iso(stamp - timedelta(minutes=10)),
        ],
    ).fetchone()
    return bool(fresh) and revive(db, session_id, now)


def revoke_all(
    db: Database,
    staff_id: int,
    reason: str,
    keep: int | None = None,
    now: datetime | None = None,
) -> int:
    """Revoke every live session of an account (except `keep`). Call inside a write
    transaction, so the change that calls for it and the revocation are one."""
    cur = db.execute(
        "UPDATE staff_sessions SET revoked_at = ?, revoked_reason = ? "
        "WHERE staff_id = ? AND revoked_at IS NULL AND id IS NOT ?",
        [_iso(_now(now)), reason, staff_id, keep],
    )
    return cur.rowcount


def revoke(db: Database, session_id: int, reason: str, now: datetime | None = None) -> bool:
    """Revoke one session (sign-out, or ended by an admin). True when it was still live."""
    with write(db):
        cur = db.execute(
            "UPDATE staff_sessions SET revoked_at = ?, revoked_reason = ? "
            "WHERE id = ? AND revoked_at IS NULL",
            [_iso(_now(now)), reason, session_id],
        )
    return cur.rowcount == 1


def live(db: Database, staff_id: int | None = None, now: datetime | None = None) -> list[dict]:
    """Sessions that are not revoked and not past their absolute expiry, newest first, with
    whether they are idle (they end at the next interaction unless the password is entered)."""
    stamp = _now(now)
    idle_after = timedelta(minutes=policy().idle_minutes)
    sql = (
        "SELECT s.id, st.username, s.method, s.created_at, s.last_seen_at, s.expires_at, "
        "s.device FROM staff_sessions s JOIN staff st ON st.id = s.staff_id "
        "WHERE s.revoked_at IS NULL AND s.expires_at > ?"
    )
    params: list = [_iso(stamp)]
    if staff_id is not None:
        sql += " AND s.staff_id = ?"
        params.append(staff_id)
    rows = db.execute(sql + " ORDER BY s.last_seen_at DESC", params).fetchall()
    keys = ("id", "username", "method", "created_at", "last_seen_at", "expires_at", "device")
    result = []
    for r in rows:
        item = dict(zip(keys, r, strict=True))
        item["idle"] = stamp - _parse(item["last_seen_at"]) > idle_after
        result.append(item)
    return result


def session_owner(db: Database, session_id: int) -> str | None:
    """The username a session belongs to (for the audit log when an admin ends it)."""
    row = db.execute(
        "SELECT st.username FROM staff_sessions s JOIN staff st ON st.id = s.staff_id "
        "WHERE s.id = ?",
        [session_id],
    ).fetchone()
    return row[0] if row else None
