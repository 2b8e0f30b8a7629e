"""Sign-in throttling: growing delays per account name and per client address.

Every attempt is first *reserved* in one write transaction (BEGIN IMMEDIATE), before any password
is checked: the counters of its name and its address are read, the attempt is refused when either
is still waiting, and otherwise counted as a failure right away. However many guesses arrive at
once, they pass this gate one at a time, so at most `max_failures` guesses per name (and
`address_max_failures` per address) are ever checked before the delays start. A correct password
then takes its own count back (`succeeded`).

After the free attempts each further one must wait `first_delay_seconds`, doubling up to
`lock_minutes` (data/settings.toml [signin]); the counters start again after `reset_minutes`
without failures. Nobody can lock an account out for its owner: an address that signed in to a
name successfully before (`signin_known`) is not slowed down by failures on that name from
elsewhere, only by its own.

Names and addresses are stored only as keyed hashes (the key is random per database), never as
typed. Attempts that are not worth an audit row each — unknown names, attempts refused while
waiting — are counted per address and quarter of an hour and written to the audit log as one row
when that quarter is over (`flush_summaries`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from jep.reference.catalog import catalog
from jep.store import audit
from jep.store.db import get_meta, set_meta, write

SALT_KEY = "signin_throttle_key"
WINDOW = timedelta(minutes=15)
KNOWN_FOR = timedelta(days=180)
SUMMARY_ACTION = "mislukte aanmeldingen (samengevat)"


@dataclass(frozen=True)
class Limits:
    max_failures: int
    address_max_failures: int
    first_delay_seconds: float
    max_delay_minutes: float
    reset_minutes: float


@dataclass(frozen=True)
class Reservation:
    """The gate's answer for one attempt. When `allowed`, the attempt is already counted."""

    allowed: bool
    name_key: str
    address_key: str
    wait_seconds: int = 0


def limits() -> Limits:
    s = catalog().settings["signin"]
    return Limits(
        max_failures=max(1, int(s["max_failures"])),
        address_max_failures=max(1, int(s.get("address_max_failures", 20))),
        first_delay_seconds=float(s.get("first_delay_seconds", 30)),
        max_delay_minutes=float(s["lock_minutes"]),
        reset_minutes=float(s.get("reset_minutes", 60)),
    )


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _salt(db: Database) -> bytes:
    """The random key of the hashes (made once per database; call inside a write)."""
    value = get_meta(db, SALT_KEY)
    if value is None:
        value = secrets.token_hex(32)
        set_meta(db, SALT_KEY, value)
    return bytes.fromhex(value)


def _key(salt: bytes, kind: str, value: str) -> str:
    digest = hmac.new(salt, f"{kind}\x1f{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}:{digest[:40]}"


def delay_after(failures: int, free: int, lim: Limits) -> timedelta | None:
    """How long to wait after `failures` counted failures when `free` are allowed without."""
    if failures < free:
        return None
    seconds = lim.first_delay_seconds * 2 ** min(failures - free, 30)
    return timedelta(seconds=min(seconds, lim.max_delay_minutes * 60))


def window_start(moment: datetime) -> str:
    minute = moment.minute - moment.minute % int(WINDOW.total_seconds() // 60)
    return _iso(moment.replace(minute=minute, second=0, microsecond=0))


def reserve(db: Database, name: str, address: str, now: datetime | None = None) -> Reservation:
    """The gate before a password check (see the module doc). One write transaction."""
    stamp = now or datetime.now(UTC)
    lim = limits()
    with write(db):
        salt = _salt(db)
        name_key = _key(salt, "n", name.strip().lower())
        address_key = _key(salt, "a", address or "onbekend")
        stale = _iso(stamp - timedelta(minutes=lim.reset_minutes))
        db.execute("DELETE FROM signin_throttle WHERE last_failure_at < ?", [stale])
        _flush_locked(db, stamp)
        known = db.execute(
            "SELECT 1 FROM signin_known WHERE name_key = ? AND address_key = ? "
            "AND last_success_at >= ?",
            [name_key, address_key, _iso(stamp - KNOWN_FOR)],
        ).fetchone()
        rows = {
            key: (failures, blocked)
            for key, failures, blocked in db.execute(
                "SELECT key, failures, blocked_until FROM signin_throttle WHERE key IN (?, ?)",
                [name_key, address_key],
            )
        }
        waits = []
        for key in (address_key,) if known else (name_key, address_key):
            blocked = rows.get(key, (0, None))[1]
            if blocked and blocked > _iso(stamp):
                waits.append(datetime.fromisoformat(blocked) - stamp)
        if waits:
            _count_locked(db, address_key, stamp, refused=1)
            wait = max(1, int(max(waits).total_seconds() + 0.999))
            return Reservation(False, name_key, address_key, wait)
        for key, free in ((name_key, lim.max_failures), (address_key, lim.address_max_failures)):
            failures = rows.get(key, (0, None))[0] + 1
            wait_for = delay_after(failures, free, lim)
            db.execute(
                "INSERT INTO signin_throttle(key, failures, last_failure_at, blocked_until) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                "failures = excluded.failures, last_failure_at = excluded.last_failure_at, "
                "blocked_until = excluded.blocked_until",
                [key, failures, _iso(stamp), _iso(stamp + wait_for) if wait_for else None],
            )
    return Reservation(True, name_key, address_key)


def succeeded(db: Database, res: Reservation, now: datetime | None = None) -> None:
    """A reserved attempt had the right password (call inside a write transaction): the name's
    count is cleared, the address gets its one count back, and the pair becomes known."""
    stamp = now or datetime.now(UTC)
    lim = limits()
    db.execute("DELETE FROM signin_throttle WHERE key = ?", [res.name_key])
    row = db.execute(
        "SELECT failures FROM signin_throttle WHERE key = ?", [res.address_key]
    ).fetchone()
    if row:
        failures = max(0, row[0] - 1)
        wait_for = delay_after(failures, lim.address_max_failures, lim)
        db.execute(
            "UPDATE signin_throttle SET failures = ?, blocked_until = ? WHERE key = ?",
            [failures, _iso(stamp + wait_for) if wait_for else None, res.address_key],
        )
    db.execute(
        "INSERT INTO signin_known(name_key, address_key, last_success_at) VALUES (?, ?, ?) "
        "ON CONFLICT(name_key, address_key) DO UPDATE SET "
        "last_success_at = excluded.last_success_at",
        [res.name_key, res.address_key, _iso(stamp)],
    )


def count_anonymous(db: Database, res: Reservation, now: datetime | None = None) -> None:
    """A failure that gets no audit row of its own (call inside a write transaction)."""
    _count_locked(db, res.address_key, now or datetime.now(UTC), failures=1)


def _count_locked(
    db: Database, address_key: str, stamp: datetime, failures: int = 0, refused: int = 0
) -> None:
    db.execute(
        "INSERT INTO signin_summaries(address_key, window_start, failures, refused) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(address_key, window_start) DO UPDATE SET "
        "failures = failures + excluded.failures, refused = refused + excluded.refused",
        [address_key, window_start(stamp), failures, refused],
    )


def _flush_locked(db: Database, stamp: datetime) -> int:
    """Write one audit row per finished (address, quarter) summary and delete it."""
    current = window_start(stamp)
    rows = db.execute(
        "SELECT address_key, window_start, failures, refused FROM signin_summaries "
        "WHERE window_start < ? ORDER BY window_start",
        [current],
    ).fetchall()
    for address_key, start, failures, refused in rows:
        end = _iso(datetime.fromisoformat(start) + WINDOW)
        audit.log(
            db,
            "anoniem",
            SUMMARY_ACTION,
            "aanmelding",
            None,
            {
                "van": start,
                "tot": end,
                "mislukt (onbekende naam)": failures,
                "geweigerd (te veel pogingen)": refused,
                "adres (versleuteld)": address_key.split(":", 1)[1][:12],
            },
        )
    if rows:
        db.execute("DELETE FROM signin_summaries WHERE window_start < ?", [current])
    return len(rows)


def flush_summaries(db: Database, now: datetime | None = None) -> int:
    """Write the summaries of finished quarters to the audit log (the daily job calls this)."""
    with write(db):
        return _flush_locked(db, now or datetime.now(UTC))


def waiting(db: Database, name: str, now: datetime | None = None) -> bool:
    """Whether sign-ins to `name` from unknown addresses are waiting now (the admin screen)."""
    stamp = now or datetime.now(UTC)
    value = get_meta(db, SALT_KEY)
    if value is None:
        return False
    key = _key(bytes.fromhex(value), "n", name.strip().lower())
    row = db.execute("SELECT blocked_until FROM signin_throttle WHERE key = ?", [key]).fetchone()
    return bool(row and row[0] and row[0] > _iso(stamp))


def clear_name(db: Database, name: str) -> None:
    """Lift the delays on a name (a password reset; call inside a write transaction)."""
    key = _key(_salt(db), "n", name.strip().lower())
    db.execute("DELETE FROM signin_throttle WHERE key = ?", [key])
