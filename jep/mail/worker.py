"""The background worker: runs the rounds of outgoing mail every few seconds.

A round is a list of named steps, each `step(db)` on one connection (queue what is due, deliver,
record what was delivered); the concerns above this package supply them (`jep.outgoing`). A
failing step is reported on the server log and does not stop the others or the next round.
Several workers (server processes, `python -m jep mail send` from cron) may run at once: the
outbox's claims keep every message to one delivery.

`wake()` makes a sleeping worker of this process start its next round at once (after a button
queued a message).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from jep.store.db import open_db, set_meta, write

log = logging.getLogger("jep.mail")

Step = Callable[[Database], Any]
META_SEEN = "mail_worker_seen"
HEARTBEAT_SECONDS = 60
_wake = threading.Event()


def wake() -> None:
    """Start this process's next round now."""
    _wake.set()


def run_round(d: Database, steps: Sequence[tuple[str, Step]]) -> dict[str, Any]:
    """Run every step once on `d`; a step that raises is reported and skipped."""
    results: dict[str, Any] = {}
    for name, step in steps:
        try:
            results[name] = step(d)
        except Exception as exc:  # noqa: BLE001 - one failing step must not stop the worker
            results[name] = exc
            log.error("Uitgaande berichten: stap '%s' mislukt: %s", name, type(exc).__name__)
    return results


class Worker:
    """Rounds on `db_file` every `poll_seconds` until `stop` is set."""

    def __init__(
        self, db_file: str | Path, steps: Sequence[tuple[str, Step]], poll_seconds: float = 5.0
    ) -> None:
        self.db_file = Path(db_file)
        self.steps = list(steps)
        self.poll_seconds = poll_seconds
        self.stop = threading.Event()
        self._last_beat = 0.0

    def once(self) -> dict[str, Any] | None:
        if not self.db_file.exists():  # never create a database from the background
            return None
        with open_db(self.db_file) as d:
            results = run_round(d, self.steps)
            if time.monotonic() - self._last_beat >= HEARTBEAT_SECONDS:
                from jep.mail.outbox import stamp, utcnow

                with write(d):
                    set_meta(d, META_SEEN, stamp(utcnow()))
                self._last_beat = time.monotonic()
        return results

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.once()
            except Exception as exc:  # noqa: BLE001 - keep the worker alive; say why
                log.error("Uitgaande berichten: ronde mislukt: %s", type(exc).__name__)
            _wake.wait(self.poll_seconds)
            _wake.clear()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, name="jep-mail", daemon=True)
        thread.start()
        return thread
