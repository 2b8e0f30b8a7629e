"""Planning a werkatelier: date, half-day slot, location, host, facilitators, and the status
pipeline with its rules.

`jep.workshops.set_status` stays the raw setter; every status change made by a person goes through
`change_status` here, which checks the rules inside the write transaction:

- aanvraag → intake: the voorgesprek has been submitted;
- intake → gepland: a date (today or later) and a location are known;
- gepland → uitgevoerd: not before the day itself;
- uitgevoerd → verslag verstuurd: once a report has been made (the Verslag page marks the version
  that was sent, which makes this step);
- one step back to correct a mistake (not after attendance has been marked);
- annuleren before the day is held, and heropenen a cancelled request.

Each `Transition` says what kind of step it is (forward, back, cancel, reopen), so a page can
offer the next step as the main action and keep the steps back secondary.

The time slots and the facilitators' roles are data (data/planning.toml).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.errors import UserError
from jep.fmt import fmt_date
from jep.reference.catalog import catalog
from jep.reference.toml import DATA_DIR, ID_RE, CatalogError, read_toml
from jep.store import audit
from jep.store.db import now, write
from jep.workshop import participants, workshops
from jep.workshop.workshops import STATUSES

PLAN_FIELDS = (
    "date",
    "time_slot",
    "location",
    "address",
    "host_contact",
    "facilitator_1",
    "facilitator_2",
)
TEXT_LIMITS = {
    "location": 200,
    "address": 300,
    "host_contact": 200,
    "facilitator_1": 120,
    "facilitator_2": 120,
}
MAX_YEARS_AHEAD = 2
# A workshop not yet held: people can still be invited and move up from the waiting list.
NOT_HELD = ("aanvraag", "intake", "gepland")
HELD = workshops.HELD
# (from, to) -> the action's label on the page
ACTIONS: dict[tuple[str, str], str] = {
    ("aanvraag", "intake"): "Voorgesprek is afgerond",
    ("intake", "gepland"): "Inplannen (status gepland)",
    ("gepland", "uitgevoerd"): "Markeren als uitgevoerd",
    ("uitgevoerd", "verslag verstuurd"): "Verslag versturen",
    ("gepland", "intake"): "Terug naar voorgesprek",
    ("uitgevoerd", "gepland"): "Terug naar gepland",
    ("verslag verstuurd", "uitgevoerd"): "Terug naar uitgevoerd",
    ("aanvraag", "geannuleerd"): "Annuleren",
    ("intake", "geannuleerd"): "Annuleren",
    ("gepland", "geannuleerd"): "Annuleren",
    ("geannuleerd", "aanvraag"): "Heropenen",
    ("geannuleerd", "intake"): "Heropenen",
}


class PlanningError(UserError):
    """A planning change was refused; the Dutch message is safe to show."""


class PlanConflict(PlanningError):
    """Someone else changed the same planning field since the form was loaded. `current` is
    the stored plan now, `fields` the fields both changed."""

    def __init__(self, message: str, current: dict[str, Any], fields: list[str]) -> None:
        super().__init__(message)
        self.current = current
        self.fields = fields


@dataclass(frozen=True)
class TimeSlot:
    id: str
    label: str
    start: time | None = None  # for calendar invitations (data/planning.toml, optional)
    end: time | None = None


@dataclass(frozen=True)
class PlanningConfig:
    time_slots: dict[str, TimeSlot]
    facilitator_labels: tuple[str, str]


FORWARD = "forward"
BACK = "back"
CANCEL = "cancel"
REOPEN = "reopen"
STEP_KINDS = (FORWARD, BACK, CANCEL, REOPEN)


def step_kind(current: str, target: str) -> str:
    """'forward' (the next step of the pipeline), 'back', 'cancel' or 'reopen'."""
    if target == workshops.CANCELLED:
        return CANCEL
    if current == workshops.CANCELLED:
        return REOPEN
    pipeline = workshops.PIPELINE
    return FORWARD if pipeline.index(target) > pipeline.index(current) else BACK


@dataclass(frozen=True)
class Transition:
    target: str
    label: str
    allowed: bool
    reason: str  # why not (empty when allowed)
    kind: str = FORWARD  # FORWARD, BACK, CANCEL or REOPEN


def _slot_times(raw: dict[str, Any], fname: str, sid: str) -> tuple[time | None, time | None]:
    """Optional `start` and `end` ("HH:MM") of a half-day slot; both or neither."""
    if "start" not in raw and "end" not in raw:
        return None, None
    try:
        start = time.fromisoformat(str(raw.get("start")))
        end = time.fromisoformat(str(raw.get("end")))
    except ValueError as exc:
        raise CatalogError(
            f"{fname}: dagdeel '{sid}': 'start' en 'end' moeten tijden zijn zoals \"09:00\""
        ) from exc
    if end <= start:
        raise CatalogError(f"{fname}: dagdeel '{sid}': 'end' moet na 'start' liggen")
    return start, end


def load_config(path: Path | None = None) -> PlanningConfig:
    """Load and validate data/planning.toml (CatalogError names the file and the entry)."""
    path = path or DATA_DIR / "planning.toml"
    fname = path.name
    doc = read_toml(path)
    slots = doc.get("time_slot")
    if not isinstance(slots, list) or not slots:
        raise CatalogError(f"{fname}: geen [[time_slot]]-items gevonden")
    result: dict[str, TimeSlot] = {}
    for i, s in enumerate(slots, 1):
        sid, label = s.get("id"), s.get("label")
        if not isinstance(sid, str) or not ID_RE.match(sid):
            raise CatalogError(f"{fname}: dagdeel nr. {i} heeft een ongeldig id: {s!r}")
        if not isinstance(label, str) or not label.strip():
            raise CatalogError(f"{fname}: dagdeel '{sid}' mist een label")
        if sid in result:
            raise CatalogError(f"{fname}: dagdeel '{sid}' komt twee keer voor")
        result[sid] = TimeSlot(sid, label.strip(), *_slot_times(s, fname, sid))
    fac = doc.get("facilitators")
    if not isinstance(fac, dict) or not all(
        isinstance(fac.get(k), str) and fac[k].strip() for k in ("first", "second")
    ):
        raise CatalogError(f"{fname}: [facilitators] moet 'first' en 'second' (tekst) hebben")
    return PlanningConfig(result, (fac["first"].strip(), fac["second"].strip()))


@lru_cache(maxsize=1)
def config() -> PlanningConfig:
    return load_config()


# ---------------------------------------------------------------- the plan


def _text(value: Any) -> str:
    text = "" if value is None else str(value)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def _as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def validate_plan(
    raw: dict[str, Any],
    status: str,
    today: date,
    stored_date: str | None = None,
    cfg: PlanningConfig | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean and check the planning fields for a workshop in `status`.

    Returns (clean values, errors keyed by field). A new date must not lie in the past while the
    workshop is not yet held, and not in the future once it is held.
    """
    cfg = cfg or config()
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {k: _text(raw.get(k)) or None for k in TEXT_LIMITS}
    for key, limit in TEXT_LIMITS.items():
        if clean[key] and len(clean[key]) > limit:
            errors[key] = f"Te lang (hoogstens {limit} tekens)."
    try:
        when = _as_date(raw.get("date"))
    except ValueError:
        when = None
        errors["date"] = "Geen geldige datum."
    clean["date"] = when.isoformat() if when else None
    changed = clean["date"] != (stored_date or None)
    if "date" not in errors:
        if when is None and status in ("gepland", *HELD):
            errors["date"] = "Een gepland of uitgevoerd werkatelier heeft een datum nodig."
        elif when and changed and status in NOT_HELD and when < today:
            errors["date"] = "Kies een datum vanaf vandaag."
        elif when and status in HELD and when > today:
            errors["date"] = "Een uitgevoerd werkatelier kan geen datum in de toekomst hebben."
        elif when and when > today + timedelta(days=365 * MAX_YEARS_AHEAD):
            errors["date"] = f"Kies een datum binnen {MAX_YEARS_AHEAD} jaar."
    slot = _text(raw.get("time_slot")) or None
    if slot and slot not in cfg.time_slots:
        errors["time_slot"] = "Kies een dagdeel uit de lijst."
    clean["time_slot"] = slot
    if status == "gepland" and not clean["location"] and "location" not in errors:
        errors["location"] = "Een gepland werkatelier heeft een locatie nodig."
    f1, f2 = clean["facilitator_1"], clean["facilitator_2"]
    if f1 and f2 and f1.casefold() == f2.casefold():
        errors["facilitator_2"] = "Kies twee verschillende begeleiders."
    return clean, errors


def normalise_plan(raw: Mapping[str, Any]) -> dict[str, str | None]:
    """Planning values as they are stored (ISO date, cleaned text, None for empty), for
    comparing a form with a stored plan. An unreadable date stays as typed."""
    out: dict[str, str | None] = {}
    for key in PLAN_FIELDS:
        value = raw.get(key)
        if key == "date":
            try:
                when = _as_date(value)
            except ValueError:
                out[key] = _text(value) or None
                continue
            out[key] = when.isoformat() if when else None
        else:
            out[key] = _text(value) or None
    return out


def stored_plan(db: Database, workshop_id: int) -> dict[str, Any]:
    """The planning fields as stored (the base a planning form starts from)."""
    row = db.execute(
        f"SELECT {', '.join(PLAN_FIELDS)} FROM workshops WHERE id = ?", [workshop_id]
    ).fetchone()
    if not row:
        raise PlanningError("Dit werkatelier bestaat niet.")
    return dict(zip(PLAN_FIELDS, row, strict=True))


def field_labels(cfg: PlanningConfig | None = None) -> dict[str, str]:
    cfg = cfg or config()
    return {
        "date": "de datum",
        "time_slot": "het dagdeel",
        "location": "de locatie",
        "address": "het adres",
        "host_contact": "de contactpersoon op de locatie",
        "facilitator_1": cfg.facilitator_labels[0].lower(),
        "facilitator_2": cfg.facilitator_labels[1].lower(),
    }


def _shown_value(key: str, value: Any, cfg: PlanningConfig) -> str:
    if not value:
        return "leeg"
    if key == "date":
        return fmt_date(value)
    if key == "time_slot" and value in cfg.time_slots:
        return cfg.time_slots[value].label
    return f"‘{value}’"


def save_plan(
    db: Database,
    workshop_id: int,
    raw: dict[str, Any],
    actor: str,
    today: date,
    cfg: PlanningConfig | None = None,
    base: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """Validate and store the planning fields. Returns errors by field (nothing saved then).

    `base` is the stored plan the form was loaded with. Then only the fields the user changed
    are written, so a colleague's change made since to another field is kept; a field both
    changed raises PlanConflict (nothing saved)."""
    cfg = cfg or config()
    with write(db):
        row = db.execute(
            f"SELECT status, {', '.join(PLAN_FIELDS)} FROM workshops WHERE id = ?", [workshop_id]
        ).fetchone()
        if not row:
            raise PlanningError("Dit werkatelier bestaat niet.")
        status, stored = row[0], dict(zip(PLAN_FIELDS, row[1:], strict=True))
        if base is not None:
            raw = _merge(raw, base, stored, cfg)
        clean, errors = validate_plan(raw, status, today, stored["date"], cfg)
        if errors:
            return errors
        changed = [k for k in PLAN_FIELDS if clean[k] != stored[k]]
        if changed:
            db.execute(
                f"UPDATE workshops SET {', '.join(f'{k} = ?' for k in PLAN_FIELDS)}, "
                "updated_at = ? WHERE id = ?",
                [*(clean[k] for k in PLAN_FIELDS), now(), workshop_id],
            )
            audit.log(
                db,
                actor,
                "planning gewijzigd",
                "workshop",
                workshop_id,
                {"velden": changed, "datum": clean["date"]},
            )
    return {}


def _merge(
    raw: Mapping[str, Any],
    base: Mapping[str, Any],
    stored: Mapping[str, Any],
    cfg: PlanningConfig,
) -> dict[str, Any]:
    """The form's values where the user changed them (against `base`), the stored ones
    elsewhere; PlanConflict when someone else changed a field the user changed too."""
    mine = normalise_plan(raw)
    before = normalise_plan(base)
    now_stored = normalise_plan(stored)
    both = [
        k
        for k in PLAN_FIELDS
        if mine[k] != before[k] and now_stored[k] != before[k] and mine[k] != now_stored[k]
    ]
    if both:
        labels = field_labels(cfg)
        changed = "; ".join(f"{labels[k]} (nu {_shown_value(k, stored[k], cfg)})" for k in both)
        raise PlanConflict(
            f"Iemand anders heeft intussen ook dit gewijzigd: {changed}. Er is niets "
            "opgeslagen; uw invoer staat nog in het formulier. Kies de juiste waarde en sla "
            "opnieuw op.",
            dict(stored),
            both,
        )
    return {k: raw.get(k) if mine[k] != before[k] else stored[k] for k in PLAN_FIELDS}


def clashes(
    db: Database,
    workshop_id: int,
    when: date | str | None,
    time_slot: str | None,
    facilitators: list[str | None],
) -> list[str]:
    """Notes (not errors) when a facilitator is also planned elsewhere on that day and slot."""
    names = [_text(f) for f in facilitators if _text(f)]
    if not when or not names:
        return []
    day = _as_date(when)
    rows = db.execute(
        "SELECT m.name, w.time_slot, w.facilitator_1, w.facilitator_2 FROM workshops w "
        "JOIN municipalities m ON m.code = w.municipality_code "
        "WHERE w.id <> ? AND w.date = ? AND w.status <> 'geannuleerd'",
        [workshop_id, day.isoformat() if day else None],
    ).fetchall()
    notes = []
    for municipality, slot, f1, f2 in rows:
        if time_slot and slot and slot != time_slot:
            continue
        for name in names:
            if name.casefold() in {(f or "").casefold() for f in (f1, f2)}:
                notes.append(
                    f"{name} is op {fmt_date(day)} ook ingepland bij het werkatelier in "
                    f"{municipality}."
                )
    return notes


# ---------------------------------------------------------------- status pipeline


def _facts(db: Database, workshop_id: int) -> dict[str, Any]:
    row = db.execute(
        "SELECT w.status, w.date, w.location, i.state, "
        "(SELECT count(*) FROM participants p WHERE p.workshop_id = w.id "
        " AND p.attended IS NOT NULL), "
        "(SELECT count(*) FROM report_versions v WHERE v.workshop_id = w.id) "
        "FROM workshops w LEFT JOIN intakes i ON i.workshop_id = w.id WHERE w.id = ?",
        [workshop_id],
    ).fetchone()
    if not row:
        raise PlanningError("Dit werkatelier bestaat niet.")
    return {
        "status": row[0],
        "date": row[1],
        "location": row[2],
        "intake_state": row[3],
        "attendance_marked": row[4] > 0,
        "reports": row[5],
    }


def _reason(facts: dict[str, Any], target: str, today: date) -> str:
    """Why moving to `target` is not allowed now ('' when it is)."""
    current = facts["status"]
    if (current, target) not in ACTIONS:
        return f"Van ‘{current}’ kan niet naar ‘{target}’."
    when = _as_date(facts["date"])
    if target == "intake" and current == "aanvraag" and facts["intake_state"] != "ingediend":
        return "Het voorgesprek is nog niet ingediend (of ingevuld namens de gemeente)."
    if target == "intake" and current == "geannuleerd" and facts["intake_state"] != "ingediend":
        return "Het voorgesprek was nog niet ingediend: heropen als aanvraag."
    if target == "aanvraag" and facts["intake_state"] == "ingediend":
        return "Het voorgesprek is al ingediend: heropen als voorgesprek."
    if target == "gepland":
        missing = [
            label
            for label, ok in (("een datum", when), ("een locatie", facts["location"]))
            if not ok
        ]
        if missing:
            return f"Vul eerst {' en '.join(missing)} in bij de planning."
        if when and when < today:
            return f"De datum ({fmt_date(when)}) ligt in het verleden; kies eerst een nieuwe datum."
    if target == "uitgevoerd" and current == "gepland":
        if not when:
            return "Er is nog geen datum."
        if when > today:
            return f"Dit kan pas op of na de dag zelf ({fmt_date(when)})."
    if target == "verslag verstuurd" and not facts["reports"]:
        return (
            "Er is nog geen verslag gemaakt. Maak het verslag op de pagina Verslag en markeer "
            "daar de versie die u verstuurt."
        )
    back = current in ("gepland", "uitgevoerd") and target in ("intake", "gepland")
    if back and facts["attendance_marked"]:
        return "De aanwezigheid is al ingevuld; maak die eerst leeg."
    return ""


def transitions(db: Database, workshop_id: int, today: date) -> list[Transition]:
    """Every status change offered from the current status, with whether it is allowed now."""
    facts = _facts(db, workshop_id)
    result = []
    for (src, target), label in ACTIONS.items():
        if src != facts["status"]:
            continue
        if src == "geannuleerd":  # reopen into the state that matches the intake
            wanted = "intake" if facts["intake_state"] == "ingediend" else "aanvraag"
            if target != wanted:
                continue
        reason = _reason(facts, target, today)
        kind = step_kind(src, target)
        result.append(Transition(target, label, not reason, reason, kind))
    return result


def change_status(db: Database, workshop_id: int, target: str, actor: str, today: date) -> None:
    """Move the workshop to `target` when the rules allow it; PlanningError says why not."""
    if target not in STATUSES:
        raise PlanningError(f"Onbekende status ‘{target}’.")
    with write(db):
        facts = _facts(db, workshop_id)
        reason = _reason(facts, target, today)
        if reason:
            raise PlanningError(reason)
        db.execute(
            "UPDATE workshops SET status = ?, updated_at = ? WHERE id = ?",
            [target, now(), workshop_id],
        )
        audit.log(
            db,
            actor,
            "status gewijzigd",
            "workshop",
            workshop_id,
            {"van": facts["status"], "naar": target},
        )
        if target in NOT_HELD:  # seats may have been freed while the lists were history
            participants.fill_seats(db, workshop_id, participants.cap(catalog()), actor)


def is_open_for_invites(status: str) -> bool:
    """Whether inviting more people still makes sense (the day has not been held)."""
    return status in NOT_HELD


# ---------------------------------------------------------------- reading


def desired(db: Database, workshop_id: int) -> dict[str, int]:
    """Participants per sector the municipality asked for in the intake."""
    rows = db.execute(
        "SELECT sector_id, desired FROM intake_sectors WHERE workshop_id = ? AND desired > 0",
        [workshop_id],
    ).fetchall()
    return {r[0]: int(r[1]) for r in rows}


def schedule(db: Database, today: date, include_cancelled: bool = False) -> pd.DataFrame:
    """Every workshop with its planning: the next ones first, then undated, then past ones
    (latest first), cancelled ones last (or left out). Status names and dates as people read
    them ('voorgesprek ingediend', '1 december 2026', '—')."""
    cfg = config()
    day = today.isoformat()
    where = "" if include_cancelled else "WHERE w.status <> 'geannuleerd'"
    df = pd.read_sql_query(
        f"""
        SELECT w.id, m.name AS gemeente, w.status, w.date AS datum, w.time_slot AS dagdeel,
               w.location AS locatie, w.facilitator_1, w.facilitator_2,
               (SELECT count(*) FROM participants p
                 WHERE p.workshop_id = w.id AND p.status = 'aangemeld') AS aangemeld,
               (SELECT count(*) FROM participants p
                 WHERE p.workshop_id = w.id AND p.status = 'wachtlijst') AS wachtlijst
        FROM workshops w JOIN municipalities m ON m.code = w.municipality_code
        {where}
        ORDER BY CASE WHEN w.status = 'geannuleerd' THEN 3
                      WHEN w.date >= :day THEN 0
                      WHEN w.date IS NULL THEN 1 ELSE 2 END,
                 CASE WHEN w.date >= :day THEN w.date END,
                 w.date DESC, w.requested_at DESC
        """,
        db.conn,
        params={"day": day},
    )
    df["status"] = df["status"].map(workshops.status_label)
    df["datum"] = df["datum"].map(fmt_date)
    df["dagdeel"] = df["dagdeel"].map(
        lambda s: cfg.time_slots[s].label if s in cfg.time_slots else (s or "")
    )
    df["begeleiders"] = [  # missing text is NaN in pandas 3's string columns, not None
        " · ".join(x for x in (a, b) if isinstance(x, str) and x)
        for a, b in zip(df.pop("facilitator_1"), df.pop("facilitator_2"), strict=True)
    ]
    return df
