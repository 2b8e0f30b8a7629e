"""Audit log: who did what, when. Rows are append-only (triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.store.db import now, write


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


def _where(
    actor: str | None,
    action: str | None,
    since: str | None,
    until: str | None = None,
    search: str | None = None,
) -> tuple[str, list[Any]]:
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if actor:
        where.append("actor = ?")
        params.append(actor)
    if action:
        where.append("action = ?")
        params.append(action)
    if since:
        where.append("at >= ?")
        params.append(str(since))
    if until:
        # `until` is a day (or a moment): everything up to and including that day
        where.append("substr(at, 1, ?) <= ?")
        params.extend([len(str(until)), str(until)])
    if search:
        cols = ("actor", "action", "entity", "entity_id", "detail")
        where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in cols) + ")")
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.extend([f"%{escaped}%"] * len(cols))
    return " AND ".join(where), params


def entries(
    db: Database,
    actor: str | None = None,
    action: str | None = None,
    since: str | None = None,
    limit: int | None = 500,
    *,
    until: str | None = None,
    search: str | None = None,
) -> pd.DataFrame:
    """Latest audit rows, newest first, optionally filtered.

    `since`/`until` are ISO days or moments (both inclusive); `search` looks in the entity id and
    the detail. `limit=None` returns every matching row.
    """
    where, params = _where(actor, action, since, until, search)
    sql = (
        "SELECT at, actor, action, entity, entity_id, detail FROM audit_log "
        f"WHERE {where} ORDER BY id DESC"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return pd.read_sql_query(sql, db.conn, params=params)


def count(
    db: Database,
    actor: str | None = None,
    action: str | None = None,
    since: str | None = None,
    *,
    until: str | None = None,
    search: str | None = None,
) -> int:
    """How many audit rows match the filters."""
    where, params = _where(actor, action, since, until, search)
    return db.execute(f"SELECT count(*) FROM audit_log WHERE {where}", params).fetchone()[0]


def actors(db: Database) -> list[str]:
    """Every actor in the log, alphabetically (for a filter)."""
    return [r[0] for r in db.execute("SELECT DISTINCT actor FROM audit_log ORDER BY actor")]


def actions(db: Database) -> list[str]:
    """Every action in the log, alphabetically (for a filter)."""
    return [r[0] for r in db.execute("SELECT DISTINCT action FROM audit_log ORDER BY action")]


ENTITY_LABELS = {
    "staff": "account",
    "workshop": "werkatelier",
    "municipality": "gemeente",
    "audit_log": "auditlog",
    "database": "database",
    "evaluation_response": "evaluatie",
    "participant": "deelnemer",
}


def for_display(df: pd.DataFrame) -> pd.DataFrame:
    """Audit rows for a screen: readable times (UTC), Dutch column names, no 'None'."""
    out = df.copy()
    out["at"] = out["at"].str.replace("T", " ", regex=False).str.slice(0, 19)
    out["entity"] = out["entity"].map(lambda e: ENTITY_LABELS.get(e, e) if e else "")
    out = out.fillna("")
    return out.rename(
        columns={
            "at": "Tijdstip (UTC)",
            "actor": "Wie",
            "action": "Handeling",
            "entity": "Soort",
            "entity_id": "Onderwerp",
            "detail": "Details",
        }
    )


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A cell value that a spreadsheet will not run as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(df: pd.DataFrame) -> bytes:
    """CSV bytes for spreadsheets: UTF-8 with BOM, `;`-separated (Dutch Excel), formula-safe."""
    safe = df.copy()
    for col in safe.columns:
        if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(csv_safe)
    return safe.to_csv(index=False, sep=";").encode("utf-8-sig")


def export_csv(
    db: Database,
    exported_by: str,
    actor: str | None = None,
    action: str | None = None,
    since: str | None = None,
    *,
    until: str | None = None,
    search: str | None = None,
) -> bytes:
    """Every audit row matching the filters as CSV. The export itself is logged first, so the
    file contains its own export row."""
    filters = {"actor": actor, "action": action, "van": since, "tot": until, "zoek": search}
    with write(db):
        log(
            db,
            exported_by,
            "auditlog geëxporteerd",
            "audit_log",
            None,
            {k: v for k, v in filters.items() if v},
        )
    df = entries(db, actor, action, since, None, until=until, search=search)
    return to_csv(df)


def record(
    db: Database,
    actor: str,
    action: str,
    entity: str | None = None,
    entity_id: Any = None,
    detail: dict[str, Any] | str | None = None,
) -> None:
    """`log` in a transaction of its own, for actions that write nothing else."""
    with write(db):
        log(db, actor, action, entity, entity_id, detail)
