"""Demo data: realistic, clearly fictional werkateliers so every screen can be tried.

One seeder per concern, called in this order by `seed_demo` inside one transaction:

- `workshops`: workshops spread over the municipalities and three years, with their intakes
  (also the fictional names other seeders use);
- `participants`: participants of planned and held workshops, attendance, waiting lists;
- `evaluation`: anonymous evaluation responses of held workshops;
- `notes`: staff notes holding fictional personal data (for the redaction tool) and the
  facilitators' notes of the day;
- `recommendations`: recommendation decisions and own recommendations of held workshops;
- `followup`: sent report versions of the workshops whose report was sent, and follow-ups
  (submitted, drafts, none yet) for those whose follow-up is due, with participants' answers.

`seed_demo(db, scale=None, seed=…)` is deterministic for a given seed; `remove_demo` deletes it all.
`progress(done, total)`, when given, is told after each workshop of each step (the command line
shows it as a progress bar: `seed-demo --scale 10` makes 3,420 workshops).
Demo workshops carry `is_demo = 1`; the meta flag `demo_data` shows the banner. Demo and real data
never mix: `seed_demo` refuses a database that holds real workshops (`DemoRefused`), and every
statistic leaves demo workshops out once real ones exist (`jep.workshop.workshops.COUNTED_SQL`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from sqlite_utils import Database

from jep.demo import evaluation, followup, notes, participants, recommendations, workshops
from jep.demo.workshops import DEMO_ACTOR
from jep.errors import UserError
from jep.reference.catalog import catalog
from jep.store import audit
from jep.store.db import set_meta, write
from jep.workshop.workshops import real_count

SEPARATE_DB = "data/demo.db"


class DemoRefused(UserError):
    """Demo data was refused for this database; the Dutch message says what to do instead."""


def refusal(real: int) -> str:
    """Why demo data is not added to a database with `real` real workshops, and what to do."""
    what = "1 echt werkatelier" if real == 1 else f"{real} echte werkateliers"
    return (
        f"Deze database bevat {what}. Demodata komt daar niet bij, zodat verzonnen en echte "
        "gegevens nooit door elkaar lopen. Gebruik een aparte database voor de demo, "
        f"bijvoorbeeld: JEP_DB={SEPARATE_DB} python -m jep seed-demo (start de toepassing dan "
        f"ook met JEP_DB={SEPARATE_DB})."
    )


Progress = Callable[[int, int], None]
# The per-workshop steps after the workshops themselves, in order (each gets the made rows),
# with their weight in the progress: roughly their share of the time, so the bar moves evenly
# (the recommendations read every held workshop's facts back).
STEPS = (
    ("participants", 1),
    ("evaluation", 2),
    ("staff notes", 0),
    ("notes", 1),
    ("recommendations", 8),
    ("followup", 1),
)


class _Counted(list[dict[str, Any]]):
    """The made workshops, telling `progress` as a step walks through them (every seeder walks
    its list once, in order)."""

    def __init__(
        self, rows: list[dict[str, Any]], tick: Callable[[int], None], weight: int
    ) -> None:
        super().__init__(rows)
        self._tick, self._weight = tick, weight

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in super().__iter__():
            yield row
            if self._weight:
                self._tick(self._weight)


def seed_demo(
    db: Database,
    scale: float | None = None,
    seed: int = 2026,
    today: date | None = None,
    count: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Create demo data. Without `scale`: a couple of dozen workshops in scattered municipalities;
    with `scale` N: N times a national programme (round(N × 342) workshops, every municipality in
    turn). `count` overrides both. Returns how many workshops were made. `progress(done, total)`
    is called as the work advances (total: workshops × steps).

    Raises `DemoRefused` (nothing written) when the database holds real workshops."""
    cat = catalog()
    rng = random.Random(seed)
    n = workshops.workshop_count(scale, count, cat)
    national = scale is not None and count is None
    today = today or date.today()
    total = n * (1 + sum(weight for _, weight in STEPS))
    done = 0

    def tick(weight: int = 1) -> None:
        nonlocal done
        done += weight
        if progress:
            progress(done, total)

    def counted(step: str) -> _Counted:
        return _Counted(made, tick, dict(STEPS)[step])

    with write(db):
        real = real_count(db)
        if real:
            raise DemoRefused(refusal(real))
        made = workshops.seed_workshops(db, rng, cat, today, n, national, on_row=tick)
        participants.seed_demo(db, rng, counted("participants"), cat)
        evaluation.seed_demo(db, rng, counted("evaluation"), cat)
        notes.seed_staff_notes(db, rng, counted("staff notes"), cat)
        notes.seed_demo(db, rng, counted("notes"), cat)
        facts = recommendations.seed_demo(db, rng, counted("recommendations"), cat)
        followup.seed_demo(db, rng, counted("followup"), cat, today, facts)
        set_meta(db, "demo_data", "1")
        audit.log(db, DEMO_ACTOR, "demodata aangemaakt", "workshop", None, {"aantal": n})
    return n


def remove_demo(db: Database) -> int:
    """Delete every demo workshop (and through cascades its rows); clears the banner."""
    with write(db):
        cur = db.execute("DELETE FROM workshops WHERE is_demo = 1")
        set_meta(db, "demo_data", None)
        audit.log(db, "systeem", "demodata verwijderd", "workshop", None, {"aantal": cur.rowcount})
    return cur.rowcount
