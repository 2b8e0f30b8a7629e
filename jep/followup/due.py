"""When a follow-up is due: a set time after the report was first sent, a reminder some days later.

A workshop gets a follow-up once one of its report versions was marked as sent
(`report_versions.sent_at`); the due date counts from the first time a report was sent
(`[timing] due_after_months` of data/followup.toml), the reminder from the due date
(`reminder_after_days`). States, in order:

- `later`: not yet due;
- `te-doen`: due, the reminder moment not yet reached;
- `achterstallig`: the reminder moment passed without a submitted follow-up;
- `ingediend`: the municipality (or staff on its behalf) submitted it.

`started` says whether a draft was saved. Only sent reports are read (an index on when they were
sent), never the stored PDFs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from sqlite_utils import Database

from jep.dates import add_months
from jep.followup.questionnaire import FollowupConfig, config

STATES: dict[str, str] = {
    "later": "Nog niet aan de beurt",
    "te-doen": "Te doen",
    "achterstallig": "Achterstallig",
    "ingediend": "Ingediend",
}
LINK_PURPOSE = "terugblik"  # the municipality's follow-up link (jep.workshop.invites)
COLUMNS = [
    "workshop_id",
    "municipality",
    "code",
    "province",
    "sent_on",
    "due_on",
    "remind_on",
    "state",
    "state_label",
    "started",
    "link_on",
    "reminded_on",
    "submitted_on",
]


@dataclass(frozen=True)
class Due:
    workshop_id: int
    sent_on: date
    due_on: date
    remind_on: date
    state: str
    started: bool = False
    reminded_on: date | None = None
    submitted_on: date | None = None

    @property
    def label(self) -> str:
        return STATES[self.state]

    @property
    def needs_reminder(self) -> bool:
        """Overdue and not reminded since it became due."""
        return self.state == "achterstallig" and (
            self.reminded_on is None or self.reminded_on < self.due_on
        )


def _day(value: object) -> date | None:
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def dates_for(sent_on: date, cfg: FollowupConfig | None = None) -> tuple[date, date]:
    """(due date, reminder date) of a report first sent on `sent_on`."""
    cfg = cfg or config()
    due_on = add_months(sent_on, cfg.due_after_months)
    return due_on, due_on + timedelta(days=cfg.reminder_after_days)


def state_for(due_on: date, remind_on: date, today: date, submitted: bool) -> str:
    if submitted:
        return "ingediend"
    if today < due_on:
        return "later"
    if today < remind_on:
        return "te-doen"
    return "achterstallig"


def _rows(db: Database, workshop_ids: Sequence[int] | None) -> pd.DataFrame:
    scope = ""
    params: list[object] = []
    if workshop_ids is not None:  # an IN list SQLite can look up (a json_each join is scanned)
        scope = "AND workshop_id IN (SELECT value FROM json_each(?)) "
        params.append(json.dumps([int(i) for i in workshop_ids]))
    return pd.read_sql_query(
        "SELECT s.workshop_id, m.name AS municipality, m.code, m.province, s.sent_at, "
        "f.state, f.version, f.reminded_at, f.submitted_at, l.link_at "
        "FROM (SELECT workshop_id, min(sent_at) AS sent_at FROM report_versions "
        f"      WHERE sent_at IS NOT NULL {scope}GROUP BY workshop_id) s "
        "JOIN workshops w ON w.id = s.workshop_id "
        "JOIN municipalities m ON m.code = w.municipality_code "
        "LEFT JOIN followups f ON f.workshop_id = s.workshop_id "
        "LEFT JOIN (SELECT workshop_id, max(created_at) AS link_at FROM invites "
        "           WHERE purpose = ? GROUP BY workshop_id) l ON l.workshop_id = s.workshop_id "
        "ORDER BY s.workshop_id",
        db.conn,
        params=[*params, LINK_PURPOSE],
    )


def schedule(
    db: Database,
    today: date,
    workshop_ids: Sequence[int] | None = None,
    cfg: FollowupConfig | None = None,
) -> pd.DataFrame:
    """Every workshop with a sent report (of `workshop_ids`, or all) and its follow-up dates and
    state, the most urgent first (overdue, due, later, submitted; then by due date).

    Columns: workshop_id, municipality, code, province, sent_on, due_on, remind_on (dates),
    state, state_label, started (a draft was saved), link_on (last follow-up link handed out),
    reminded_on, submitted_on (dates or None)."""
    cfg = cfg or config()
    raw = _rows(db, workshop_ids)
    if raw.empty:
        return pd.DataFrame(columns=COLUMNS)
    sent = [_day(v) for v in raw["sent_at"]]
    dates = [dates_for(s, cfg) if s else (None, None) for s in sent]
    submitted = raw["state"].eq("ingediend")
    out = pd.DataFrame(
        {
            "workshop_id": raw["workshop_id"].astype(int),
            "municipality": raw["municipality"],
            "code": raw["code"],
            "province": raw["province"],
            "sent_on": sent,
            "due_on": [d for d, _ in dates],
            "remind_on": [r for _, r in dates],
            "state": [
                state_for(d, r, today, bool(s)) if d and r else "later"
                for (d, r), s in zip(dates, submitted, strict=True)
            ],
            "started": raw["version"].fillna(0).astype(int).gt(0) & ~submitted,
            "link_on": [_day(v) for v in raw["link_at"]],
            "reminded_on": [_day(v) for v in raw["reminded_at"]],
            "submitted_on": [_day(v) for v in raw["submitted_at"]],
        }
    )
    out["state_label"] = out["state"].map(STATES)
    order = {"achterstallig": 0, "te-doen": 1, "later": 2, "ingediend": 3}
    out = out.sort_values(
        ["state", "due_on", "workshop_id"], key=lambda c: c.map(order) if c.name == "state" else c
    )
    return out[COLUMNS].reset_index(drop=True)


def due_of(
    db: Database, workshop_id: int, today: date, cfg: FollowupConfig | None = None
) -> Due | None:
    """The follow-up dates and state of one workshop; None while its report was never sent."""
    df = schedule(db, today, [workshop_id], cfg)
    if df.empty:
        return None
    r = df.iloc[0]
    return Due(
        int(r["workshop_id"]),
        r["sent_on"],
        r["due_on"],
        r["remind_on"],
        str(r["state"]),
        bool(r["started"]),
        r["reminded_on"],
        r["submitted_on"],
    )
