"""Limits on an evaluation link: a cap on new respondents and per-client rate limits.

An evaluation link is meant for the people in the room. It accepts at most
`max(present × respondents_per_present, present + respondents_extra)` new online respondents
(`respondent_cap`), where *present* is the attendance once it is marked, else the registered
participants, else the seats of a werkatelier. Per client address at most
`new_respondents_per_client` new respondents an hour and `saves_per_client_per_minute` saves are
accepted (a room often shares one Wi-Fi address, so these are generous; they stop scripts).

The rate limits live in this process's memory (the application runs as one process): client
addresses are kept only as a keyed hash with a random per-process salt, never written anywhere,
and forgotten when their window has passed. Refusals are counted per workshop in the database
(`evaluation_refusals`, counts only) so staff can see a link that looks shared outside the room.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from jep.evaluation.questionnaire import Questionnaire
from jep.reference.catalog import Catalog
from jep.store.db import now

_SALT = secrets.token_bytes(32)
MAX_CLIENTS = 50_000  # memory bound: the least recently seen clients are forgotten first


def client_key(address: str | None) -> str | None:
    """A client address as an opaque key (HMAC with a per-process salt); None when unknown."""
    if not address:
        return None
    return hmac.new(_SALT, address.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]


class SlidingWindow:
    """At most `limit` events per `window` seconds per key; thread-safe, in memory."""

    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, key: str | None) -> bool:
        """Count one event for `key`; False (and not counted) when the key is over its limit.
        An unknown client (None) is not limited here (the cap still applies)."""
        if key is None:
            return True
        t = self.clock()
        with self._lock:
            events = self._events.get(key)
            if events is None:
                events = self._events[key] = deque()
                while len(self._events) > MAX_CLIENTS:
                    self._events.popitem(last=False)
            self._events.move_to_end(key)
            while events and events[0] <= t - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(t)
            return True

    def reset(self) -> None:
        with self._lock:
            self._events.clear()


_limiters: dict[tuple[str, int, float], SlidingWindow] = {}
_limiters_lock = threading.Lock()


def limiter(name: str, limit: int, window: float) -> SlidingWindow:
    """The process-wide limiter `name` with this limit and window (a changed setting gets a new
    one)."""
    with _limiters_lock:
        return _limiters.setdefault((name, limit, window), SlidingWindow(limit, window))


def new_respondents(q: Questionnaire) -> SlidingWindow:
    return limiter("new-respondents", q.new_respondents_per_client, 3600.0)


def saves(q: Questionnaire) -> SlidingWindow:
    return limiter("saves", q.saves_per_client_per_minute, 60.0)


def reset_all() -> None:
    """Tests: forget every client."""
    with _limiters_lock:
        for lim in _limiters.values():
            lim.reset()


# ---------------------------------------------------------------- the cap


@dataclass(frozen=True)
class Present:
    """How many people the evaluation is for, and where that number comes from."""

    n: int
    kind: str  # 'aanwezig' (attendance marked), 'aangemeld' (registered) or 'plaatsen' (seats)

    def label(self) -> str:
        return {"aanwezig": "aanwezigen", "aangemeld": "aangemelden", "plaatsen": "plaatsen"}[
            self.kind
        ]


def present(db: Database, workshop_id: int, cat: Catalog) -> Present:
    """The attendance once marked, else the registered participants, else the seats."""
    attended, marked, registered = db.execute(
        "SELECT count(*) FILTER (WHERE attended = 1), count(attended), "
        "count(*) FILTER (WHERE status = 'aangemeld') FROM participants WHERE workshop_id = ?",
        [workshop_id],
    ).fetchone()
    if marked:
        return Present(int(attended), "aanwezig")
    if registered:
        return Present(int(registered), "aangemeld")
    return Present(int(cat.settings["workshop"]["max_participants"]), "plaatsen")


def respondent_cap(q: Questionnaire, people: Present) -> int:
    """The most new online respondents one link accepts."""
    return max(math.ceil(people.n * q.respondents_per_present), people.n + q.respondents_extra)


def record_refusal(db: Database, workshop_id: int, kind: str) -> None:
    """Count one refused new respondent ('over_cap' or 'rate_limited'), inside the caller's
    write transaction."""
    if kind not in ("over_cap", "rate_limited"):
        raise ValueError(kind)
    db.execute(
        f"INSERT INTO evaluation_refusals(workshop_id, {kind}, last_at) VALUES (?, 1, ?) "
        f"ON CONFLICT(workshop_id) DO UPDATE SET {kind} = {kind} + 1, last_at = excluded.last_at",
        [workshop_id, now()],
    )


def refusals(db: Database, workshop_id: int) -> tuple[int, int]:
    """(over_cap, rate_limited) refusals of the workshop so far."""
    row = db.execute(
        "SELECT over_cap, rate_limited FROM evaluation_refusals WHERE workshop_id = ?",
        [workshop_id],
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)
