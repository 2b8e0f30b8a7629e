"""Trust: the audit log keeps every row for at least a year.

The core schema refuses every UPDATE and DELETE of audit rows. Retention (jep.retention) must be
able to remove rows older than the configured period, so the delete trigger is replaced by one
that still refuses to delete any row younger than one year, whatever the application asks.
UPDATE stays refused always.
"""

from sqlite_utils import Database, Migrations

ORDER = 90
migrations = Migrations("jep-trust")


@migrations()
def m001_audit_keep_one_year(db: Database) -> None:
    for sql in (
        "DROP TRIGGER IF EXISTS audit_log_no_delete",
        "CREATE TRIGGER audit_log_no_delete_recent BEFORE DELETE ON audit_log "
        "WHEN old.at >= strftime('%Y-%m-%dT%H:%M:%S', 'now', '-1 year') "
        "BEGIN SELECT RAISE(ABORT, 'audit log rows younger than a year cannot be deleted'); END",
        "CREATE INDEX IF NOT EXISTS idx_audit_actor ON audit_log(actor)",
        "CREATE INDEX IF NOT EXISTS idx_audit_action ON audit_log(action)",
    ):
        db.execute(sql)
