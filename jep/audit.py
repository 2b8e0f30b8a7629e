"""Audit log: who did what, when. Rows are append-only (triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.db import now


def log(
    db: Database,
    actor: str,
    action: str,
    entity: str | None = None,
    entity_id: Any = None,
    detail: dict[str, Any] | str | None = None,
) -> None:
    """Append one audit row. `actor` is a staff username, 'gemeente:GMxxxx' or 'systeem'."""
    if isinstance(detail, dict):
        detail = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
    db.execute(
        "INSERT INTO audit_log(at, actor, action, entity, entity_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [now(), actor, action, entity, None if entity_id is None else str(entity_id), detail],
    )


def entries(
    db: Database,
    actor: str | None = None,
    action: str | None = None,
    since: str | None = None,
    limit: int = 500,
) -> pd.DataFrame:
    """Latest audit rows, newest first, optionally filtered."""
    where, params = ["1 = 1"], []
    if actor:
        where.append("actor = ?")
        params.append(actor)
    if action:
        where.append("action = ?")
        params.append(action)
    if since:
        where.append("at >= ?")
        params.append(since)
    sql = (
        "SELECT at, actor, action, entity, entity_id, detail FROM audit_log "
        f"WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT ?"
    )
    return pd.read_sql_query(sql, db.conn, params=[*params, limit])


def record(
    db: Database,
    actor: str,
    action: str,
    entity: str | None = None,
    entity_id: Any = None,
    detail: dict[str, Any] | str | None = None,
) -> None:
    """`log` in a transaction of its own, for actions that write nothing else."""
    from jep.db import write

    with write(db):
        log(db, actor, action, entity, entity_id, detail)
