"""Audit log: who did what, when. Rows are append-only (triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.fmt import fmt_date, fmt_moment
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


# Field and table identifiers that details name, in Dutch.
FIELD_LABELS = {
    "date": "datum",
    "time_slot": "dagdeel",
    "location": "locatie",
    "address": "adres",
    "host_contact": "contactpersoon op de locatie",
    "facilitator_1": "eerste begeleider",
    "facilitator_2": "tweede begeleider",
    "name": "naam",
    "organisation": "organisatie",
    "sector_id": "sector",
    "profession": "beroep",
    "email": "e-mailadres",
    "status": "status",
    "title": "titel",
    "text": "tekst",
    "owner": "voor wie",
    "priority": "prioriteit",
    "reason": "waarom",
    "csv": "CSV",
    "xlsx": "Excel",
}


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value) if value else "—"
    if isinstance(value, dict):
        return "; ".join(f"{_value(k)} {_value(v)}" for k, v in value.items()) if value else "—"
    text = str(value)
    if _ISO_DAY.match(text):
        return fmt_date(text)
    if _ISO_MOMENT.match(text):
        return fmt_moment(text)
    return FIELD_LABELS.get(text, text)


def describe_detail(detail: str | None, statuses: Mapping[str, str] | None = None) -> str:
    """The detail of an audit row as readable Dutch: "van ‘voorgesprek ingediend’ naar
    ‘gepland’ · velden: datum, locatie" instead of JSON (`statuses`: the names of the workshop
    statuses). Text that is not a JSON object is returned as it is."""
    if not isinstance(detail, str) or not detail:  # None, or NaN from a pandas column
        return ""
    try:
        data = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(data, dict):
        return _value(data)
    names = statuses or {}
    parts, done = [], set()
    if "van" in data and "naar" in data:
        old, new = (names.get(str(data[k]), _value(data[k])) for k in ("van", "naar"))
        parts.append(f"van ‘{old}’ naar ‘{new}’")
        done = {"van", "naar"}
    for key, value in data.items():
        if key in done or (isinstance(value, dict | list) and not value):
            continue  # said already, or an empty list of filters or fields
        parts.append(f"{key}: {_value(value)}")
    return " · ".join(parts)


def for_display(df: pd.DataFrame, statuses: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Audit rows for a screen: the moment in Dutch time, details as readable Dutch, Dutch
    column names, no 'None'."""
    out = df.copy()
    out["at"] = out["at"].map(lambda at: fmt_moment(at, seconds=True))
    out["entity"] = out["entity"].map(lambda e: ENTITY_LABELS.get(e, e) if e else "")
    out["detail"] = out["detail"].map(lambda detail: describe_detail(detail, statuses))
    out = out.fillna("")
    return out.rename(
        columns={
            "at": "Tijdstip",
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
