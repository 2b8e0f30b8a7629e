"""A database made by an earlier version of the application upgrades in place.

`tests/data/db-made-by-899e357.db.gz` was made by commit 899e357 (before the code moved into
packages by concern): `python -m jep init`, then `seed-demo` with 8 workshops. Migration sets keep
their names, so opening it applies only what is new and changes no data.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from jep.report import facts
from jep.store import db

OLD = Path(__file__).parents[1] / "data" / "db-made-by-899e357.db.gz"
COUNTS = (
    "workshops",
    "intakes",
    "participants",
    "evaluation_responses",
    "evaluation_answers",
    "workshop_notes",
    "recommendation_decisions",
    "audit_log",
    "staff",
)


def _counts(d) -> dict[str, int]:
    return {t: d.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTS}


def test_database_of_the_earlier_layout_upgrades_without_change(tmp_path):
    path = tmp_path / "old.db"
    with gzip.open(OLD) as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    before = db.connect(path)
    applied_before = {
        r[0] for r in before.execute("SELECT migration_set || '/' || name FROM _sqlite_migrations")
    }
    counts_before = _counts(before)
    before.close()

    db.forget_initialised()
    with db.open_db(path) as d:
        applied = {
            r[0] for r in d.execute("SELECT migration_set || '/' || name FROM _sqlite_migrations")
        }
        assert applied_before <= applied  # nothing applied twice under another name
        assert _counts(d) == {**counts_before, "audit_log": _counts(d)["audit_log"]}
        assert _counts(d)["audit_log"] >= counts_before["audit_log"]
        wid = d.execute("SELECT id FROM workshops WHERE status = 'verslag verstuurd' LIMIT 1")
        wid = wid.fetchone()[0]
        assert facts.gather_facts(d, wid).municipality  # the new code reads the old data
    db.forget_initialised()
    with db.open_db(path) as d:  # and a second start changes nothing more
        again = {
            r[0] for r in d.execute("SELECT migration_set || '/' || name FROM _sqlite_migrations")
        }
        assert again == applied
