"""Invite links: random 256-bit tokens, stored only as a SHA-256 hash, with expiry and revocation.

A resolved invite carries the workshop and municipality it belongs to; every query a link holder
makes is scoped by those, never by a value from the page.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from jep.reference.catalog import catalog
from jep.store import audit
from jep.store.db import now, write
from jep.text import parse_int

TOKEN_BYTES = 32  # 256 bits
WRONG_TOKEN_DELAY = 0.3  # seconds; slows down guessing


@dataclass(frozen=True)
class Invite:
    id: int
    workshop_id: int
    municipality_code: str
    municipality_name: str
    purpose: str
    expires_at: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def expiry_days() -> int:
    days = parse_int(os.environ.get("JEP_INVITE_DAYS"), 1, 3660)
    if days is not None:
        return days
    return int(catalog().settings["invite"]["expiry_days"])


def issue(
    db: Database,
    workshop_id: int,
    actor: str,
    purpose: str = "intake",
    days: int | None = None,
) -> str:
    """Revoke the workshop's active links for `purpose` and create a new one. Returns the token.

    The token is returned once and never stored; only its hash is.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires = datetime.now(UTC) + timedelta(days=days or expiry_days())
    with write(db):
        db.execute(
            "UPDATE invites SET revoked_at = ? "
            "WHERE workshop_id = ? AND purpose = ? AND revoked_at IS NULL",
            [now(), workshop_id, purpose],
        )
        db.execute(
            "INSERT INTO invites(workshop_id, purpose, token_hash, created_at, created_by, "
            "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                workshop_id,
                purpose,
                hash_token(token),
                now(),
                actor,
                expires.isoformat(timespec="seconds"),
            ],
        )
        audit.log(db, actor, "link uitgegeven", "workshop", workshop_id, {"doel": purpose})
    return token


def revoke(db: Database, workshop_id: int, actor: str, purpose: str = "intake") -> int:
    """Revoke all active links of a workshop for `purpose`; returns how many."""
    with write(db):
        cur = db.execute(
            "UPDATE invites SET revoked_at = ? "
            "WHERE workshop_id = ? AND purpose = ? AND revoked_at IS NULL",
            [now(), workshop_id, purpose],
        )
        audit.log(db, actor, "link ingetrokken", "workshop", workshop_id, {"doel": purpose})
    return cur.rowcount


def resolve(
    db: Database, token: str | None, purpose: str = "intake", delay: float = WRONG_TOKEN_DELAY
) -> Invite | None:
    """The valid invite for `token`, or None when unknown, expired, revoked or for another purpose.

    A miss waits `delay` seconds so that guessing tokens is slow.
    """
    if token and 20 <= len(token) <= 200:
        digest = hash_token(token)
        row = db.execute(
            "SELECT i.id, i.workshop_id, w.municipality_code, m.name, i.purpose, i.expires_at, "
            "i.revoked_at, i.token_hash FROM invites i JOIN workshops w ON w.id = i.workshop_id "
            "JOIN municipalities m ON m.code = w.municipality_code WHERE i.token_hash = ?",
            [digest],
        ).fetchone()
        if (
            row
            and hmac.compare_digest(row[7], digest)
            and row[4] == purpose
            and row[6] is None
            and row[5] > datetime.now(UTC).isoformat(timespec="seconds")
        ):
            return Invite(row[0], row[1], row[2], row[3], row[4], row[5])
    if delay:
        time.sleep(delay)
    return None


def active_link(db: Database, workshop_id: int, purpose: str = "intake") -> dict | None:
    """Facts of the workshop's current link (never the token, which is not stored)."""
    row = db.execute(
        "SELECT created_at, created_by, expires_at FROM invites WHERE workshop_id = ? "
        "AND purpose = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1",
        [workshop_id, purpose, datetime.now(UTC).isoformat(timespec="seconds")],
    ).fetchone()
    if not row:
        return None
    return {"created_at": row[0], "created_by": row[1], "expires_at": row[2]}
