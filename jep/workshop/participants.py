"""Participants of a werkatelier: add, edit, remove, seat cap and waiting list, import, export.

Participants are adult professionals (names are allowed); nothing about young people is stored.
The number of seats comes from data/settings.toml ([workshop] max_participants). The cap is
enforced inside the write transaction (BEGIN IMMEDIATE), so two people adding the last seat at
the same moment never both get it: the second one lands on the waiting list. When a registered
participant is removed, the first one on the waiting list moves up.

Imports (CSV or .xlsx) are checked row by row; the good rows are imported in one transaction
(all or nothing) and the bad rows are listed with their reason.

Changes to people already on the list (edits, removals, attendance, waiting-list priority) are
keyed by the participant's id and carry the row as the user saw it (`Seen`: its `row_version`
and name). When a colleague changed or removed that person in the meantime, the whole change is
refused with a message naming the person, and nobody else is changed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.errors import UserError
from jep.reference.catalog import Catalog
from jep.store import audit
from jep.store.db import last_id, now, write
from jep.workshop import uploads, workshops

NAME_MAX = 120
ORG_MAX = 200
EMAIL_MAX = 200
MAX_IMPORT_BYTES = 2 * 1024 * 1024  # 2 MB
MAX_IMPORT_ROWS = uploads.MAX_ROWS  # 2000; .xlsx files are read with further limits there
EMAIL_RE = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[A-Za-z]{2,}$")
STATUSES = ("aangemeld", "wachtlijst")
FIELDS = ("name", "organisation", "sector_id", "profession", "email")
# What a row version covers: everything the participant screens show of one person (the place
# on the waiting list follows from other rows, so it is not part of it).
VERSION_FIELDS = (*FIELDS, "status", "attended")
# Statuses in which people may still move up from the waiting list (the day has not been held).
OPEN_STATUSES = ("aanvraag", "intake", "gepland")
# Statuses in which staff may still add participants; a municipality contact only while 'gepland'.
STAFF_ADD_STATUSES = ("aanvraag", "intake", "gepland", "uitgevoerd", "verslag verstuurd")
CONTACT_ADD_STATUSES = ("gepland",)
ATTENDANCE_STATUSES = ("gepland", *workshops.HELD)

# Column headings accepted in an import (lower case, spaces and hyphens removed) -> field.
HEADINGS: dict[str, str] = {
    "naam": "name",
    "name": "name",
    "volledigenaam": "name",
    "deelnemer": "name",
    "organisatie": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
    "werkgever": "organisation",
    "sector": "sector_id",
    "beroep": "profession",
    "functie": "profession",
    "profession": "profession",
    "beroepsgroep": "profession",
    "email": "email",
    "emailadres": "email",
    "mail": "email",
}
EXPORT_COLUMNS = (
    "Naam",
    "Organisatie",
    "Sector",
    "Domein",
    "Beroep",
    "E-mail",
    "Status",
    "Plaats op wachtlijst",
    "Aanwezig",
)


class ParticipantError(UserError):
    """A change to the participant list was refused; the Dutch message is safe to show."""


ImportFileError = uploads.TableFileError
"""An uploaded file cannot be read as a participant list; the Dutch message says why."""


class _Rollback(Exception):
    """Internal: undo a transaction and report these errors."""

    def __init__(self, errors: dict[int, str]) -> None:
        super().__init__("rollback")
        self.errors = errors


@dataclass(frozen=True)
class Seen:
    """A participant as the user saw them when they started a change."""

    version: str
    name: str


@dataclass(frozen=True)
class Seats:
    cap: int
    registered: int
    waiting: int

    @property
    def free(self) -> int:
        return max(0, self.cap - self.registered)


@dataclass(frozen=True)
class Added:
    id: int
    status: str
    name: str


@dataclass(frozen=True)
class RowIssue:
    row: int  # row number as the spreadsheet shows it (heading = row 1)
    name: str
    reason: str


@dataclass
class ImportCheck:
    good: list[dict[str, Any]] = field(default_factory=list)  # cleaned rows, with "row"
    bad: list[RowIssue] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    free_seats: int = 0

    @property
    def to_register(self) -> int:
        return min(len(self.good), self.free_seats)

    @property
    def to_waitlist(self) -> int:
        return len(self.good) - self.to_register


@dataclass(frozen=True)
class ImportResult:
    registered: int
    waitlisted: int

    @property
    def added(self) -> int:
        return self.registered + self.waitlisted


def cap(cat: Catalog) -> int:
    """Seats per werkatelier (data/settings.toml)."""
    return int(cat.settings["workshop"]["max_participants"])


# ---------------------------------------------------------------- validation


def _text(value: Any) -> str:
    """A cell or field as clean one-line text: no control characters, single spaces."""
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "".join(ch if ch.isprintable() else " " for ch in str(value))
    return " ".join(text.split())


def _short(text: str, limit: int = 60) -> str:
    """Text from a file as it is quoted back in a message: at most `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def match_sector(value: str, cat: Catalog) -> str | None:
    """The sector id for an id or a name (any case), or None."""
    wanted = _key(value)
    for sid, sector in cat.sectors.items():
        if wanted in (sid, _key(sector.name)):
            return sid
    return None


def _profession_sectors(value: str, cat: Catalog) -> list[tuple[str, str]]:
    """(sector id, canonical spelling) of every sector listing this profession."""
    wanted = _key(value)
    return [
        (sid, prof)
        for sid, sector in cat.sectors.items()
        for prof in sector.professions
        if _key(prof) == wanted
    ]


def validate(raw: dict[str, Any], cat: Catalog) -> tuple[dict[str, str | None], dict[str, str]]:
    """Clean one participant and check it. Returns (clean, errors keyed by field).

    Name and sector are required (the sector may be derived from a catalogue profession);
    a profession, when given, must be one of the catalogue's professions of that sector.
    """
    errors: dict[str, str] = {}
    name = _text(raw.get("name"))
    org = _text(raw.get("organisation"))
    sector_in = _text(raw.get("sector_id"))
    prof_in = _text(raw.get("profession"))
    email = _text(raw.get("email")).replace(" ", "")

    if not name:
        errors["name"] = "Vul de naam van de deelnemer in."
    elif len(name) > NAME_MAX:
        errors["name"] = f"De naam is te lang (hoogstens {NAME_MAX} tekens)."
    if len(org) > ORG_MAX:
        errors["organisation"] = f"De organisatie is te lang (hoogstens {ORG_MAX} tekens)."

    sector_id = match_sector(sector_in, cat) if sector_in else None
    if sector_in and sector_id is None:
        names = ", ".join(s.name for s in cat.sectors.values())
        errors["sector_id"] = f"Onbekende sector ‘{sector_in}’. Kies uit: {names}."
    profession: str | None = None
    if prof_in:
        found = _profession_sectors(prof_in, cat)
        in_sector = [f for f in found if sector_id is None or f[0] == sector_id]
        if not found:
            hint = (
                f" Beroepen in {cat.sectors[sector_id].name}: "
                + ", ".join(cat.sectors[sector_id].professions)
                + "."
                if sector_id
                else " Kies een beroep uit de lijst, of laat het leeg."
            )
            errors["profession"] = f"Onbekend beroep ‘{prof_in}’.{hint}"
        elif not in_sector:
            other = cat.sectors[found[0][0]].name
            errors["profession"] = (
                f"Het beroep ‘{found[0][1]}’ hoort bij de sector {other}, niet bij "
                f"{cat.sectors[sector_id].name if sector_id else '—'}."
            )
        elif sector_id is None and len({f[0] for f in in_sector}) > 1:
            errors["sector_id"] = "Dit beroep komt in meer sectoren voor: kies de sector."
        else:
            sector_id = sector_id or in_sector[0][0]
            profession = in_sector[0][1]
    if sector_id is None and "sector_id" not in errors:
        errors["sector_id"] = "Kies de sector van de deelnemer."

    if email and (len(email) > EMAIL_MAX or not EMAIL_RE.match(email)):
        errors["email"] = "Vul een geldig e-mailadres in (bijvoorbeeld naam@organisatie.nl)."
    clean: dict[str, str | None] = {
        "name": name,
        "organisation": org or None,
        "sector_id": sector_id,
        "profession": profession,
        "email": email or None,
    }
    return clean, errors


def _duplicate_error(
    db: Database, workshop_id: int, clean: dict[str, Any], exclude_id: int | None = None
) -> dict[str, str]:
    """Errors when the e-mail, or the name together with the organisation, is already listed."""
    errors: dict[str, str] = {}
    if clean.get("email"):
        row = db.execute(
            "SELECT name FROM participants WHERE workshop_id = ? AND lower(email) = lower(?) "
            "AND id IS NOT ?",
            [workshop_id, clean["email"], exclude_id],
        ).fetchone()
        if row:
            errors["email"] = f"Dit e-mailadres staat al op de lijst (bij {row[0]})."
    row = db.execute(
        "SELECT 1 FROM participants WHERE workshop_id = ? AND lower(name) = lower(?) "
        "AND lower(coalesce(organisation, '')) = lower(?) AND id IS NOT ?",
        [workshop_id, clean["name"], clean.get("organisation") or "", exclude_id],
    ).fetchone()
    if row:
        errors["name"] = "Deze deelnemer (zelfde naam en organisatie) staat al op de lijst."
    return errors


# ---------------------------------------------------------------- reading


def seats(db: Database, workshop_id: int, cat: Catalog) -> Seats:
    row = db.execute(
        "SELECT coalesce(sum(status = 'aangemeld'), 0), coalesce(sum(status = 'wachtlijst'), 0) "
        "FROM participants WHERE workshop_id = ?",
        [workshop_id],
    ).fetchone()
    return Seats(cap(cat), int(row[0]), int(row[1]))


def _plain(value: Any) -> str | None:
    """A stored or displayed value in one form for comparing: None for every kind of missing."""
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return None
    return str(int(value))  # attendance: 0 or 1, from the database or a pandas column


def row_version(row: Mapping[str, Any]) -> str:
    """A short fingerprint of what the screens show of one participant (VERSION_FIELDS): it
    changes whenever any of it changes, whoever changed it."""
    values = [_plain(row.get(k)) for k in VERSION_FIELDS]
    return hashlib.sha256(json.dumps(values).encode("utf-8")).hexdigest()[:16]


def seen_from(df: pd.DataFrame) -> dict[int, Seen]:
    """`Seen` of every participant in a list as `list_df` returned it."""
    return {
        int(pid): Seen(str(v), str(n))
        for pid, v, n in zip(df["id"], df["version"], df["name"], strict=True)
    }


def list_df(db: Database, workshop_id: int) -> pd.DataFrame:
    """The participants of one workshop: registered first (in order), then the waiting list.

    Columns: id, workshop_id, name, organisation, sector_id, profession, email, status, position,
    attended, created_at, created_by, waitlist_no (1, 2, … on the waiting list, else NA),
    version (`row_version`).
    """
    df = pd.read_sql_query(
        "SELECT id, workshop_id, name, organisation, sector_id, profession, email, status, "
        "position, attended, created_at, created_by, "
        "CASE WHEN status = 'wachtlijst' THEN row_number() OVER ("
        "PARTITION BY status = 'wachtlijst' ORDER BY position, id) END AS waitlist_no "
        "FROM participants WHERE workshop_id = ? ORDER BY status = 'wachtlijst', position, id",
        db.conn,
        params=[workshop_id],
    )
    df["attended"] = df["attended"].astype("Int64")
    df["waitlist_no"] = df["waitlist_no"].astype("Int64")
    df["version"] = [
        row_version(dict(zip(VERSION_FIELDS, r, strict=True)))
        for r in df[list(VERSION_FIELDS)].itertuples(index=False)
    ]
    return df


def attended_count(db: Database, workshop_id: int) -> int:
    return db.execute(
        "SELECT count(*) FROM participants WHERE workshop_id = ? AND attended = 1", [workshop_id]
    ).fetchone()[0]


# ---------------------------------------------------------------- writing


def _workshop_status(db: Database, workshop_id: int) -> str:
    row = db.execute("SELECT status FROM workshops WHERE id = ?", [workshop_id]).fetchone()
    if not row:
        raise ParticipantError("Dit werkatelier bestaat niet.")
    return row[0]


def _check_open(status: str, by_contact: bool) -> None:
    if by_contact and status not in CONTACT_ADD_STATUSES:
        raise ParticipantError(
            "Deelnemers aanmelden kan hier alleen zolang het werkatelier gepland is. "
            "Neem contact op met Platform JEP."
        )
    if status not in STAFF_ADD_STATUSES:
        raise ParticipantError("Dit werkatelier is geannuleerd; er kunnen geen deelnemers bij.")


def fill_seats(db: Database, workshop_id: int, seat_cap: int, actor: str) -> list[str]:
    """Move people up from the waiting list while seats are free (inside a transaction).

    Only before the day itself: after a workshop is held the lists are history.
    """
    if _workshop_status(db, workshop_id) not in OPEN_STATUSES:
        return []
    registered = db.execute(
        "SELECT count(*) FROM participants WHERE workshop_id = ? AND status = 'aangemeld'",
        [workshop_id],
    ).fetchone()[0]
    free = seat_cap - registered
    if free <= 0:
        return []
    rows = db.execute(
        "SELECT id, name FROM participants WHERE workshop_id = ? AND status = 'wachtlijst' "
        "ORDER BY position, id LIMIT ?",
        [workshop_id, free],
    ).fetchall()
    for pid, _name in rows:
        db.execute(
            "UPDATE participants SET status = 'aangemeld', updated_at = ?, updated_by = ? "
            "WHERE id = ?",
            [now(), actor, pid],
        )
        audit.log(
            db,
            actor,
            "deelnemer van wachtlijst aangemeld",
            "participant",
            pid,
            {"werkatelier": workshop_id},
        )
    return [r[1] for r in rows]


def insert_checked(
    db: Database, workshop_id: int, clean: dict[str, Any], seat_cap: int, actor: str
) -> Added:
    """Insert one checked participant (inside a transaction): a seat if one is free."""
    registered, last = db.execute(
        "SELECT coalesce(sum(status = 'aangemeld'), 0), coalesce(max(position), 0) "
        "FROM participants WHERE workshop_id = ?",
        [workshop_id],
    ).fetchone()
    status = "aangemeld" if registered < seat_cap else "wachtlijst"
    stamp = now()
    cur = db.execute(
        "INSERT INTO participants(workshop_id, name, organisation, sector_id, profession, email, "
        "status, position, created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            workshop_id,
            clean["name"],
            clean.get("organisation"),
            clean["sector_id"],
            clean.get("profession"),
            clean.get("email"),
            status,
            last + 1,
            stamp,
            actor,
            stamp,
            actor,
        ],
    )
    return Added(last_id(cur), status, clean["name"])


def add(
    db: Database,
    workshop_id: int,
    raw: dict[str, Any],
    actor: str,
    cat: Catalog,
    by_contact: bool = False,
) -> tuple[dict[str, str], Added | None]:
    """Add one participant. Returns (errors by field, None) or ({}, the new participant).

    The seat is decided inside the write transaction: registered while seats are free, otherwise
    on the waiting list. Raises ParticipantError when the workshop takes no participants.
    """
    clean, errors = validate(raw, cat)
    if errors:
        return errors, None
    seat_cap = cap(cat)
    with write(db):
        _check_open(_workshop_status(db, workshop_id), by_contact)
        errors = _duplicate_error(db, workshop_id, clean)
        if errors:
            return errors, None
        fill_seats(db, workshop_id, seat_cap, actor)
        added = insert_checked(db, workshop_id, clean, seat_cap, actor)
        audit.log(
            db,
            actor,
            "deelnemer toegevoegd",
            "participant",
            added.id,
            {"werkatelier": workshop_id, "sector": clean["sector_id"], "status": added.status},
        )
    return {}, added


def _current(db: Database, workshop_id: int) -> dict[int, dict[str, Any]]:
    """Every participant of the workshop as stored now (id -> VERSION_FIELDS)."""
    return {
        r[0]: dict(zip(("id", *VERSION_FIELDS), r, strict=True))
        for r in db.execute(
            f"SELECT id, {', '.join(VERSION_FIELDS)} FROM participants WHERE workshop_id = ?",
            [workshop_id],
        ).fetchall()
    }


def stale(
    current: Mapping[int, Mapping[str, Any]], ids: Any, seen: Mapping[int, Seen]
) -> dict[int, str]:
    """Why each of `ids` can no longer be changed as the user saw it: the person was removed or
    changed by someone else since (message by participant id, naming the person)."""
    problems: dict[int, str] = {}
    for pid in sorted({int(i) for i in ids}):
        shown = seen.get(pid)
        row = current.get(pid)
        name = shown.name if shown else (row["name"] if row else f"deelnemer {pid}")
        if row is None:
            problems[pid] = (
                f"{name} staat niet meer op de lijst: iemand anders heeft deze deelnemer "
                "intussen verwijderd."
            )
        elif shown is None or row_version(row) != shown.version:
            problems[pid] = (
                f"De gegevens van {name} zijn intussen door iemand anders gewijzigd. Laad de "
                "lijst opnieuw en kijk of uw wijziging nog nodig is."
            )
    return problems


def apply_changes(
    db: Database,
    workshop_id: int,
    edits: dict[int, dict[str, Any]],
    removals: list[int],
    actor: str,
    cat: Catalog,
    seen: Mapping[int, Seen] | None = None,
) -> tuple[dict[int, str], list[str]]:
    """Save edits and removals of the participants table in one go (all or nothing).

    `edits` maps participant id -> changed fields (of FIELDS). `seen` holds each changed
    participant as the user saw them: a person changed or removed by someone else since is an
    error. Returns (errors by participant id, names moved up from the waiting list). Nothing is
    saved when there is any error.
    """
    seat_cap = cap(cat)
    try:
        with write(db):
            promoted = _apply(db, workshop_id, edits, removals, actor, cat, seat_cap, seen)
    except _Rollback as exc:
        return exc.errors, []
    return {}, promoted


def _apply(
    db: Database,
    workshop_id: int,
    edits: dict[int, dict[str, Any]],
    removals: list[int],
    actor: str,
    cat: Catalog,
    seat_cap: int,
    seen: Mapping[int, Seen] | None,
) -> list[str]:
    """Body of apply_changes, inside its transaction; raises _Rollback on any error."""
    current = _current(db, workshop_id)
    if seen is not None:
        outdated = stale(current, [*edits, *removals], seen)
        if outdated:
            raise _Rollback(outdated)
    removals = [int(pid) for pid in removals if int(pid) in current]
    errors: dict[int, str] = {}
    cleaned: dict[int, dict[str, Any]] = {}
    for pid, change in edits.items():
        pid = int(pid)
        if pid not in current or pid in removals:
            continue
        stored = {k: current[pid][k] for k in FIELDS}
        merged = {**stored, **{k: v for k, v in change.items() if k in FIELDS}}
        if "sector_id" in change and "profession" not in change and merged["profession"]:
            # a new sector drops a profession that belongs to the old one
            new_sector = match_sector(_text(change["sector_id"]), cat)
            if new_sector and merged["profession"] not in cat.sectors[new_sector].professions:
                merged["profession"] = None
        clean, problems = validate(merged, cat)
        if problems:
            errors[pid] = " ".join(problems.values())
        else:
            cleaned[pid] = clean
    if errors:
        raise _Rollback(errors)
    for pid in removals:
        db.execute("DELETE FROM participants WHERE id = ? AND workshop_id = ?", [pid, workshop_id])
        audit.log(
            db,
            actor,
            "deelnemer verwijderd",
            "participant",
            pid,
            {"werkatelier": workshop_id, "naam": current[pid]["name"]},
        )
    for pid, clean in cleaned.items():
        changed = sorted(k for k in FIELDS if clean[k] != current[pid][k])
        if not changed:
            continue
        problems = _duplicate_error(db, workshop_id, clean, exclude_id=pid)
        if problems:
            errors[pid] = " ".join(problems.values())
            continue
        db.execute(
            "UPDATE participants SET name = ?, organisation = ?, sector_id = ?, "
            "profession = ?, email = ?, updated_at = ?, updated_by = ? "
            "WHERE id = ? AND workshop_id = ?",
            [*(clean[k] for k in FIELDS), now(), actor, pid, workshop_id],
        )
        audit.log(
            db,
            actor,
            "deelnemer gewijzigd",
            "participant",
            pid,
            {"werkatelier": workshop_id, "velden": changed},
        )
    if errors:
        raise _Rollback(errors)
    return fill_seats(db, workshop_id, seat_cap, actor) if removals else []


def remove(
    db: Database, workshop_id: int, participant_id: int, actor: str, cat: Catalog
) -> list[str]:
    """Remove one participant; returns the names that moved up from the waiting list."""
    errors, promoted = apply_changes(db, workshop_id, {}, [participant_id], actor, cat)
    if errors:  # pragma: no cover - a removal alone cannot fail validation
        raise ParticipantError(" ".join(errors.values()))
    return promoted


def to_front_of_waiting_list(
    db: Database,
    workshop_id: int,
    participant_id: int,
    actor: str,
    seen: Mapping[int, Seen] | None = None,
) -> None:
    """Give someone on the waiting list priority: first to move up when a seat frees.
    With `seen`, refused when that person was changed or removed since the user saw them."""
    with write(db):
        if seen is not None:
            problems = stale(_current(db, workshop_id), [participant_id], seen)
            if problems:
                raise ParticipantError(problems[int(participant_id)])
        row = db.execute(
            "SELECT status, name FROM participants WHERE id = ? AND workshop_id = ?",
            [participant_id, workshop_id],
        ).fetchone()
        if not row or row[0] != "wachtlijst":
            who = row[1] if row else "Deze deelnemer"
            raise ParticipantError(f"{who} staat niet op de wachtlijst.")
        first = db.execute(
            "SELECT coalesce(min(position), 1) FROM participants WHERE workshop_id = ?",
            [workshop_id],
        ).fetchone()[0]
        db.execute(
            "UPDATE participants SET position = ?, updated_at = ?, updated_by = ? WHERE id = ?",
            [first - 1, now(), actor, participant_id],
        )
        audit.log(
            db,
            actor,
            "deelnemer vooraan op wachtlijst",
            "participant",
            participant_id,
            {"werkatelier": workshop_id, "naam": row[1]},
        )


def attendance_open(workshop: dict[str, Any], today: Any) -> bool:
    """Attendance can be marked from the day of the workshop on."""
    return bool(
        workshop.get("status") in ATTENDANCE_STATUSES
        and workshop.get("date")
        and str(workshop["date"]) <= today.isoformat()
    )


def set_attendance(
    db: Database,
    workshop_id: int,
    marks: dict[int, bool | None],
    actor: str,
    today: Any,
    seen: Mapping[int, Seen] | None = None,
) -> int:
    """Mark participants present (True), absent (False) or not marked (None). Returns changes.

    With `seen`, nothing is saved when any marked person was changed or removed since the user
    saw them (ParticipantError naming them)."""
    with write(db):
        row = db.execute(
            "SELECT status, date FROM workshops WHERE id = ?", [workshop_id]
        ).fetchone()
        if not row:
            raise ParticipantError("Dit werkatelier bestaat niet.")
        if not attendance_open({"status": row[0], "date": row[1]}, today):
            raise ParticipantError(
                "Aanwezigheid kan pas worden ingevuld op of na de dag van het werkatelier."
            )
        if seen is not None:
            problems = stale(_current(db, workshop_id), marks, seen)
            if problems:
                raise ParticipantError(
                    "Er is niets opgeslagen. " + " ".join(problems[p] for p in sorted(problems))
                )
        changed = 0
        for pid, mark in marks.items():
            value = None if mark is None else int(bool(mark))
            cur = db.execute(
                "UPDATE participants SET attended = ?, updated_at = ?, updated_by = ? "
                "WHERE id = ? AND workshop_id = ? AND attended IS NOT ?",
                [value, now(), actor, int(pid), workshop_id, value],
            )
            changed += cur.rowcount
        if changed:
            present = db.execute(
                "SELECT count(*) FROM participants WHERE workshop_id = ? AND attended = 1",
                [workshop_id],
            ).fetchone()[0]
            audit.log(
                db,
                actor,
                "aanwezigheid bijgewerkt",
                "workshop",
                workshop_id,
                {"wijzigingen": changed, "aanwezig": present},
            )
    return changed


# ---------------------------------------------------------------- import


def _heading_key(text: str) -> str:
    return re.sub(r"[\s_\-.:]", "", _text(text).casefold())


def read_upload(filename: str, data: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """Read an uploaded participant list (CSV or .xlsx).

    Returns ([(row number, {field: text})], ignored column headings). Empty rows are skipped.
    Raises ImportFileError with a Dutch message for a wrong, empty, damaged or too large file.
    """
    lower = (filename or "").lower()
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            f"Het bestand is te groot ({len(data) / 1024 / 1024:.1f} MB); hoogstens "
            f"{MAX_IMPORT_BYTES // 1024 // 1024} MB. Een deelnemerslijst is meestal veel kleiner."
        )
    if lower.endswith(".xls"):
        raise ImportFileError(
            "Het oude Excel-formaat (.xls) wordt niet ondersteund. Sla het bestand op als .xlsx "
            "of als CSV."
        )
    if lower.endswith(".xlsx"):
        table: list[tuple[int, list[Any]]] = uploads.read_xlsx(data)
    elif lower.endswith((".csv", ".txt")):
        if data[:4] == b"PK\x03\x04":
            raise ImportFileError("Dit lijkt een Excel-bestand: geef het de extensie .xlsx.")
        table = uploads.read_csv(data)
    else:
        raise ImportFileError("Kies een CSV- of Excel-bestand (.csv of .xlsx).")

    rows = [(i, r) for i, r in table if any(_text(c) for c in r)]
    if not rows:
        raise ImportFileError("Het bestand is leeg.")
    head_no, head = rows[0]
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    for col, heading in enumerate(head):
        target = HEADINGS.get(_heading_key(heading)) if heading is not None else None
        if target and target not in mapping.values():
            mapping[col] = target
        elif _text(heading):
            ignored.append(_short(_text(heading)))
    if "name" not in mapping.values():
        found = ", ".join(_short(_text(h)) for h in head if _text(h)) or "geen"
        raise ImportFileError(
            "De eerste rij moet de kolomnamen bevatten, met minstens ‘Naam’ en ‘Sector’ (of "
            f"‘Beroep’). Gevonden: {found}."
        )
    if not {"sector_id", "profession"} & set(mapping.values()):
        raise ImportFileError("Er ontbreekt een kolom ‘Sector’ (of ‘Beroep’).")
    body = rows[1:]
    if len(body) > MAX_IMPORT_ROWS:
        raise ImportFileError(
            f"Het bestand heeft meer dan {MAX_IMPORT_ROWS} rijen; een werkatelier heeft er "
            "hoogstens een paar tientallen nodig. Splits of verklein de lijst."
        )
    records = [
        (no, {target: _text(r[col]) if col < len(r) else "" for col, target in mapping.items()})
        for no, r in body
    ]
    return records, ignored


def check_import(
    db: Database,
    workshop_id: int,
    records: list[tuple[int, dict[str, str]]],
    cat: Catalog,
    ignored_columns: list[str] | None = None,
) -> ImportCheck:
    """Check every row: required fields, catalogue sector/profession, duplicates (in the file
    and against the list already saved). Nothing is written."""
    result = ImportCheck(ignored_columns=list(ignored_columns or []))
    seen_emails: dict[str, int] = {}
    seen_people: dict[tuple[str, str], int] = {}
    for no, raw in records:
        clean, errors = validate(raw, cat)
        label = _short(_text(raw.get("name"))) or "—"
        if not errors:
            errors = _duplicate_error(db, workshop_id, clean)
        if not errors and clean["email"]:
            key = clean["email"].lower()
            if key in seen_emails:
                errors["email"] = f"Dit e-mailadres staat ook in rij {seen_emails[key]}."
            else:
                seen_emails[key] = no
        if not errors:
            person = (_key(clean["name"] or ""), _key(clean["organisation"] or ""))
            if person in seen_people:
                errors["name"] = (
                    f"Dezelfde naam en organisatie staan ook in rij {seen_people[person]}."
                )
            else:
                seen_people[person] = no
        if errors:
            result.bad.append(RowIssue(no, label, " ".join(errors.values())))
        else:
            result.good.append({**clean, "row": no})
    result.free_seats = seats(db, workshop_id, cat).free
    return result


def import_rows(
    db: Database,
    workshop_id: int,
    good: list[dict[str, Any]],
    actor: str,
    cat: Catalog,
    filename: str = "",
) -> ImportResult:
    """Import the checked good rows in one transaction: all of them or none.

    Rows are checked again inside the transaction (someone may have added the same person in the
    meantime); any problem rolls the whole import back with ParticipantError.
    """
    seat_cap = cap(cat)
    registered = waitlisted = 0
    with write(db):
        _check_open(_workshop_status(db, workshop_id), by_contact=False)
        fill_seats(db, workshop_id, seat_cap, actor)
        for row in good:
            clean, errors = validate(row, cat)
            errors = errors or _duplicate_error(db, workshop_id, clean)
            if errors:
                raise ParticipantError(
                    f"Rij {row.get('row', '?')} ({clean['name'] or '—'}): "
                    f"{' '.join(errors.values())} Er is niets geïmporteerd; controleer het bestand "
                    "opnieuw."
                )
            added = insert_checked(db, workshop_id, clean, seat_cap, actor)
            if added.status == "aangemeld":
                registered += 1
            else:
                waitlisted += 1
        audit.log(
            db,
            actor,
            "deelnemers geïmporteerd",
            "workshop",
            workshop_id,
            {"bestand": filename, "aangemeld": registered, "wachtlijst": waitlisted},
        )
    return ImportResult(registered, waitlisted)


def template_csv(cat: Catalog) -> bytes:
    """An example import file (semicolon separated, as Dutch Excel writes it)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";")
    w.writerow(["Naam", "Organisatie", "Sector", "Beroep", "E-mail"])
    w.writerow(
        [
            "Voorbeeld Persoon",
            "Voorbeeldschool",
            cat.sectors["onderwijs"].name
            if "onderwijs" in cat.sectors
            else next(iter(cat.sectors.values())).name,
            "",
            "voorbeeld@school.example",
        ]
    )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# ---------------------------------------------------------------- export


def _safe_cell(value: Any) -> str:
    """Plain text for a spreadsheet; a leading = + - @ is neutralised (no formula injection)."""
    text = "" if value is None or value is pd.NA else str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def export_csv(db: Database, workshop_id: int, cat: Catalog, actor: str) -> bytes:
    """The participant list as CSV (semicolon, UTF-8 with BOM for Excel). The export is logged."""
    df = list_df(db, workshop_id)
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(EXPORT_COLUMNS)
    for r in df.itertuples(index=False):
        sector = cat.sectors.get(r.sector_id)
        domain = cat.domains[sector.domain].name if sector else ""
        attended = "" if pd.isna(r.attended) else ("ja" if int(r.attended) == 1 else "nee")
        w.writerow(
            [
                _safe_cell(v)
                for v in (
                    r.name,
                    r.organisation,
                    sector.name if sector else r.sector_id,
                    domain,
                    r.profession,
                    r.email,
                    r.status,
                    "" if pd.isna(r.waitlist_no) else int(r.waitlist_no),
                    attended,
                )
            ]
        )
    with write(db):
        audit.log(
            db, actor, "deelnemerslijst geëxporteerd", "workshop", workshop_id, {"rijen": len(df)}
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
