"""Workshops (one per werkatelier) and their status pipeline."""

from __future__ import annotations

from typing import TypedDict, cast

import pandas as pd
from sqlite_utils import Database

from jep.errors import UserError
from jep.store import audit
from jep.store.db import last_id, now, write

PIPELINE = ("aanvraag", "intake", "gepland", "uitgevoerd", "verslag verstuurd")
CANCELLED = "geannuleerd"
STATUSES = (*PIPELINE, CANCELLED)
HELD = ("uitgevoerd", "verslag verstuurd")
"""The statuses of a werkatelier that took place: the one definition of 'held'."""


class WorkshopRow(TypedDict):
    """One workshop as `get` returns it: the stored row plus its municipality's name and province.
    Dates are ISO text (None until planned)."""

    id: int
    municipality_code: str
    municipality_name: str
    province: str
    status: str
    requested_at: str
    created_by: str | None
    date: str | None
    time_slot: str | None
    location: str | None
    address: str | None
    host_contact: str | None
    facilitator_1: str | None
    facilitator_2: str | None
    updated_at: str | None
    is_demo: int


class WorkshopError(UserError):
    """A change to a workshop was refused; the message is Dutch and safe to show."""


def create_request(db: Database, municipality_code: str, actor: str) -> int:
    """Register a municipality's request: a workshop in status 'aanvraag' with an empty intake."""
    with write(db):
        if not db.execute(
            "SELECT 1 FROM municipalities WHERE code = ? AND active = 1", [municipality_code]
        ).fetchone():
            raise WorkshopError("Kies een bestaande gemeente.")
        stamp = now()
        cur = db.execute(
            "INSERT INTO workshops(municipality_code, status, requested_at, created_by, "
            "updated_at) VALUES (?, 'aanvraag', ?, ?, ?)",
            [municipality_code, stamp, actor, stamp],
        )
        wid = last_id(cur)
        db.execute("INSERT INTO intakes(workshop_id, updated_at) VALUES (?, ?)", [wid, stamp])
        audit.log(
            db, actor, "aanvraag aangemaakt", "workshop", wid, {"gemeente": municipality_code}
        )
    return wid


def get(db: Database, workshop_id: int) -> WorkshopRow | None:
    row = db.execute(
        "SELECT w.*, m.name AS municipality_name, m.province FROM workshops w "
        "JOIN municipalities m ON m.code = w.municipality_code WHERE w.id = ?",
        [workshop_id],
    ).fetchone()
    if not row:
        return None
    cols = [c[0] for c in db.execute("SELECT w.*, 1, 2 FROM workshops w LIMIT 0").description]
    cols[-2:] = ["municipality_name", "province"]
    return cast(WorkshopRow, dict(zip(cols, row, strict=True)))


def set_status(db: Database, workshop_id: int, status: str, actor: str) -> None:
    """Set a status without checks (the planning rules live in jep.planning)."""
    if status not in STATUSES:
        raise WorkshopError(f"Onbekende status '{status}'.")
    with write(db):
        old = db.execute("SELECT status FROM workshops WHERE id = ?", [workshop_id]).fetchone()
        if not old:
            raise WorkshopError("Dit werkatelier bestaat niet.")
        db.execute(
            "UPDATE workshops SET status = ?, updated_at = ? WHERE id = ?",
            [status, now(), workshop_id],
        )
        audit.log(
            db, actor, "status gewijzigd", "workshop", workshop_id, {"van": old[0], "naar": status}
        )


def overview(db: Database, status: str | None = None, search: str | None = None) -> pd.DataFrame:
    """All workshops with municipality, status, dates and intake state; next ones first."""
    where, params = ["1 = 1"], []
    if status:
        where.append("w.status = ?")
        params.append(status)
    if search:
        where.append("m.name LIKE ?")
        params.append(f"%{search}%")
    sql = f"""
        SELECT w.id, m.name AS gemeente, m.province AS provincie, w.status,
               substr(w.requested_at, 1, 10) AS aangevraagd, w.date AS datum,
               i.state AS voorgesprek, substr(i.submitted_at, 1, 10) AS ingediend
        FROM workshops w
        JOIN municipalities m ON m.code = w.municipality_code
        LEFT JOIN intakes i ON i.workshop_id = w.id
        WHERE {" AND ".join(where)}
        ORDER BY (w.date IS NULL), w.date, w.requested_at DESC
    """
    return pd.read_sql_query(sql, db.conn, params=params)


def options(db: Database) -> list[tuple[int, str]]:
    """(id, label) of every workshop for a picker: "Gemeente – status – datum"."""
    rows = db.execute(
        "SELECT w.id, m.name, w.status, w.date FROM workshops w "
        "JOIN municipalities m ON m.code = w.municipality_code ORDER BY m.name, w.id"
    ).fetchall()
    return [
        (r[0], f"{r[1]} – {r[2]}" + (f" – {r[3]}" if r[3] else "") + f" (#{r[0]})") for r in rows
    ]
