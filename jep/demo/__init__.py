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
Demo workshops carry `is_demo = 1`; the meta flag `demo_data` shows the banner.
"""

from __future__ import annotations

import random
from datetime import date

from sqlite_utils import Database

from jep.demo import evaluation, followup, notes, participants, recommendations, workshops
from jep.demo.workshops import DEMO_ACTOR
from jep.reference.catalog import catalog
from jep.store import audit
from jep.store.db import set_meta, write


def seed_demo(
    db: Database,
    scale: float | None = None,
    seed: int = 2026,
    today: date | None = None,
    count: int | None = None,
) -> int:
    """Create demo data. Without `scale`: a couple of dozen workshops in scattered municipalities;
    with `scale` N: N times a national programme (round(N × 342) workshops, every municipality in
    turn). `count` overrides both. Returns how many workshops were made."""
    cat = catalog()
    rng = random.Random(seed)
    n = workshops.workshop_count(scale, count, cat)
    national = scale is not None and count is None
    today = today or date.today()
    with write(db):
        made = workshops.seed_workshops(db, rng, cat, today, n, national)
        participants.seed_demo(db, rng, made, cat)
        evaluation.seed_demo(db, rng, made, cat)
        notes.seed_staff_notes(db, rng, made, cat)
        notes.seed_demo(db, rng, made, cat)
        facts = recommendations.seed_demo(db, rng, made, cat)
        followup.seed_demo(db, rng, made, cat, today, facts)
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
