"""Indexes for the programme-wide figures at national scale (found with the benchmark, bench/).

Each index names the query it serves; they change no data and can be dropped again by a later
migration if a query changes.
"""

from sqlite_utils import Database, Migrations

ORDER = 90
migrations = Migrations("jep-perf")


@migrations()
def m001_evaluation_answers_by_kind(db: Database) -> None:
    # evaluation_stats.counts() and programme_measures(): the answers of one kind (grade,
    # pre/post, likert, open) of the respondents in view, with item and scores, read from the
    # index alone (without it every answer row of every kind is visited).
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_evaluation_answers_kind "
        "ON evaluation_answers(kind, response_id, item_id, before, value)"
    )
