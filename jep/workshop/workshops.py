"""Workshops (one per werkatelier) and their status pipeline."""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict, cast

import pandas as pd
from sqlite_utils import Database

from jep.dates import add_months
from jep.errors import UserError
from jep.fmt import fmt_date
from jep.reference.catalog import Catalog, catalog
from jep.store import audit
from jep.store.db import last_id, now, write

PIPELINE = ("aanvraag", "intake", "gepland", "uitgevoerd", "verslag verstuurd")
CANCELLED = "geannuleerd"
STATUSES = (*PIPELINE, CANCELLED)
HELD = ("uitgevoerd", "verslag verstuurd")
"""The statuses of a werkatelier that took place: the one definition of 'held'."""
OPEN = ("aanvraag", "intake", "gepland")
"""The statuses of a request still running: neither held nor cancelled."""
STATUS_LABELS: dict[str, str] = {
    "aanvraag": "aanvraag",
    "intake": "voorgesprek ingediend",
    "gepland": "gepland",
    "uitgevoerd": "uitgevoerd",
    "verslag verstuurd": "verslag verstuurd",
    CANCELLED: "geannuleerd",
}
"""The one set of status names people see (picker, pages, tables, audit log)."""


def status_label(status: str) -> str:
    """The name people see for a status ('intake' -> 'voorgesprek ingediend')."""
    return STATUS_LABELS.get(status, status)


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


# ---------------------------------------------------------------- demo and real workshops

COUNTED_SQL = "({w}.is_demo = 0 OR NOT EXISTS (SELECT 1 FROM workshops r WHERE r.is_demo = 0))"
"""The workshops that count in statistics, comparisons and exports: the real ones, or the demo
ones while there are no real ones at all (so an empty or demo-only database still shows every
figure). Fill in the alias of the workshops table: `COUNTED_SQL.format(w="w")`."""


def counted_sql(alias: str = "w") -> str:
    """`COUNTED_SQL` for the workshops table under `alias` (an SQL condition)."""
    return COUNTED_SQL.format(w=alias)


def real_count(db: Database) -> int:
    """How many workshops are real (not demo)."""
    return int(db.execute("SELECT count(*) FROM workshops WHERE is_demo = 0").fetchone()[0])


def uncounted_ids(db: Database) -> set[int]:
    """The workshops left out of statistics and comparisons: the demo ones, once real ones
    exist (empty otherwise)."""
    return {
        int(r[0])
        for r in db.execute(f"SELECT id FROM workshops w WHERE NOT {counted_sql('w')}").fetchall()
    }


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


def open_requests(db: Database, municipality_code: str) -> list[dict[str, Any]]:
    """The municipality's requests still running (OPEN), the oldest first: id, status,
    requested_at, date. A new request for the same municipality is allowed, but staff are
    warned with these first."""
    rows = db.execute(
        f"SELECT id, status, requested_at, date FROM workshops WHERE municipality_code = ? "
        f"AND status IN ({', '.join('?' * len(OPEN))}) ORDER BY requested_at, id",
        [municipality_code, *OPEN],
    ).fetchall()
    return [dict(zip(("id", "status", "requested_at", "date"), r, strict=True)) for r in rows]


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


INTAKE_STATES = {"concept": "nog niet (concept)"}


def overview(
    db: Database,
    status: str | None = None,
    search: str | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """All workshops for the overview table, in the order its caption gives: the coming ones
    first (soonest on top), then those without a date (latest request first), then those whose
    date has passed (latest first); cancelled ones last. Dates in Dutch, '—' where empty.

    Columns: id, gemeente, provincie, status (the pages' names), datum, aangevraagd,
    voorgesprek (the day it was submitted, 'nog niet (concept)' or '—')."""
    day = (today or date.today()).isoformat()
    where, params = ["1 = 1"], []
    if status:
        where.append("w.status = ?")
        params.append(status)
    if search:  # the name, or another name people use for it (data/municipality_aliases.toml)
        also = [
            m.code
            for m in catalog().municipalities.values()
            if any(search.casefold() in alias.casefold() for alias in m.aliases)
        ]
        where.append(f"(m.name LIKE ? OR m.code IN ({', '.join('?' * len(also)) or 'NULL'}))")
        params += [f"%{search}%", *also]
    sql = f"""
        SELECT w.id, m.name AS gemeente, m.province AS provincie, w.status, w.date AS datum,
               w.requested_at AS aangevraagd, i.state AS voorgesprek, i.submitted_at
        FROM workshops w
        JOIN municipalities m ON m.code = w.municipality_code
        LEFT JOIN intakes i ON i.workshop_id = w.id
        WHERE {" AND ".join(where)}
        ORDER BY CASE WHEN w.status = '{CANCELLED}' THEN 3
                      WHEN w.date >= ? THEN 0
                      WHEN w.date IS NULL THEN 1 ELSE 2 END,
                 CASE WHEN w.date >= ? THEN w.date END,
                 w.date DESC, w.requested_at DESC, w.id DESC
    """
    df = pd.read_sql_query(sql, db.conn, params=[*params, day, day])
    df["status"] = df["status"].map(status_label)
    df["datum"] = df["datum"].map(fmt_date)
    df["aangevraagd"] = df["aangevraagd"].map(fmt_date)
    df["voorgesprek"] = [
        fmt_date(at) if state == "ingediend" else INTAKE_STATES.get(state, "—")
        for state, at in zip(df["voorgesprek"], df.pop("submitted_at"), strict=True)
    ]
    return df


RECENT_MONTHS = 12
"""How far back the workshop picker lists held workshops by default: the report is sent within
weeks and the follow-up (Terugblik) asked 3–6 months after the day, so a year covers the work
staff still do on a held workshop; older and cancelled ones are one switch away."""


def current_ids(db: Database, today: date | None = None) -> frozenset[int]:
    """The workshops the picker lists by default: every one still in work (a request, an intake,
    planned, held without a sent report) and every one held in the last `RECENT_MONTHS`."""
    since = add_months(today or date.today(), -RECENT_MONTHS).isoformat()
    in_work = (*OPEN, "uitgevoerd")
    rows = db.execute(
        f"SELECT id FROM workshops WHERE status IN ({', '.join('?' * len(in_work))}) "
        "OR (status = 'verslag verstuurd' AND (date IS NULL OR date >= ?))",
        [*in_work, since],
    ).fetchall()
    return frozenset(r[0] for r in rows)


def options(db: Database, cat: Catalog | None = None) -> list[tuple[int, str]]:
    """(id, label) of every workshop for a picker: "Gemeente – status – datum (#id)", with the
    status names the pages use, the date in Dutch and the other names people type for the
    municipality ("'s-Gravenhage / Den Haag – …")."""
    cat = cat or catalog()
    rows = db.execute(
        "SELECT w.id, m.name, w.status, w.date, m.code FROM workshops w "
        "JOIN municipalities m ON m.code = w.municipality_code ORDER BY m.name, w.id"
    ).fetchall()
    return [
        (
            r[0],
            f"{cat.listed_name(r[4], r[1])} – {status_label(r[2])}"
            + (f" – {fmt_date(r[3])}" if r[3] else "")
            + f" (#{r[0]})",
        )
        for r in rows
    ]
