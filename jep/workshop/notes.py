"""Facilitators' notes of the day: the anonymised cases and dilemmas discussed (each tied to a
step of the werkwijze), legal questions, knelpunten confirmed or newly found, and solutions the
participants proposed themselves. They feed the report and the recommendation engine.

Every free text passes the privacy guard (`jep.privacy.check_fields`) before it is saved: a
finding is an error keyed `privacy.<field>` unless the writer confirmed the text. Edits carry the
version the writer started from; a save over a newer version is refused. The same note added
twice within DUPLICATE_SECONDS (a second click) is stored once. The audit log records who changed
which note, never the text itself.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.errors import UserError
from jep.privacy import guard as privacy
from jep.reference.catalog import Catalog
from jep.store import audit
from jep.store.db import last_id, now, write
from jep.text import as_int, clean_text

DUPLICATE_SECONDS = 60
KINDS: dict[str, str] = {
    "dilemma": "Casuïstiek en dilemma’s",
    "juridisch": "Juridische vragen",
    "knelpunt": "Knelpunten",
    "oplossing": "Oplossingen van de deelnemers",
}
# Labels of the two text fields per kind ("" = the kind has no such field).
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "dilemma": ("Casus of dilemma (geanonimiseerd)", "Wat is besproken, en met welke uitkomst"),
    "juridisch": ("Vraag", "Antwoord of toelichting van de jurist"),
    "knelpunt": ("Omschrijving of toelichting", ""),
    "oplossing": ("Oplossing", "Toelichting (wie pakt het op, hoe)"),
}
KNELPUNT_STATUS: dict[str, str] = {
    "bevestigd": "bevestigd (al genoemd in het voorgesprek)",
    "nieuw": "nieuw gevonden op de dag",
}
TEXT_MAX = 2000
COLUMNS = [
    "id",
    "kind",
    "step",
    "knelpunt_id",
    "knelpunt_status",
    "text",
    "detail",
    "version",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
]


class NoteError(UserError):
    """A change to a note was refused; the Dutch message is safe to show."""


def normalise(raw: dict[str, Any]) -> dict[str, Any]:
    """What a form produced, as a note: kind, step, knelpunt_id, knelpunt_status, text, detail."""
    kind = raw.get("kind")
    clean = {
        "kind": kind,
        "step": as_int(raw.get("step")) if kind == "dilemma" else None,
        "knelpunt_id": (raw.get("knelpunt_id") or None) if kind == "knelpunt" else None,
        "knelpunt_status": (raw.get("knelpunt_status") or None) if kind == "knelpunt" else None,
        "text": clean_text(raw.get("text"), TEXT_MAX),
        "detail": clean_text(raw.get("detail"), TEXT_MAX)
        if FIELD_LABELS.get(str(kind), ("", ""))[1]
        else "",
    }
    if kind == "dilemma" and raw.get("step") not in (None, "") and clean["step"] is None:
        clean["step"] = -1  # something that is not a step number: reported by validate()
    return clean


def validate(clean: dict[str, Any], cat: Catalog) -> dict[str, str]:
    """Errors keyed by field ('kind', 'step', 'knelpunt_id', 'knelpunt_status', 'text',
    'detail'); empty when the note can be saved."""
    errors: dict[str, str] = {}
    kind = clean["kind"]
    if kind not in KINDS:
        return {"kind": "Kies wat voor notitie dit is."}
    steps = {s.number for s in cat.steps}
    if kind == "dilemma":
        if clean["step"] is None:
            errors["step"] = "Kies bij welke stap van de werkwijze dit dilemma hoort."
        elif clean["step"] not in steps:
            errors["step"] = f"Kies een stap van 1 tot en met {max(steps)}."
    if kind == "knelpunt":
        if clean["knelpunt_status"] not in KNELPUNT_STATUS:
            errors["knelpunt_status"] = "Geef aan of het knelpunt bevestigd of nieuw is."
        kid = clean["knelpunt_id"]
        if kid is not None and kid not in cat.knelpunten:
            errors["knelpunt_id"] = "Onbekend knelpunt; kies er een uit de lijst."
        if kid is None and not clean["text"]:
            errors["text"] = "Kies een knelpunt uit de lijst of beschrijf het nieuwe knelpunt."
    elif not clean["text"]:
        errors["text"] = {
            "dilemma": "Beschrijf de casus of het dilemma (zonder namen of herkenbare details).",
            "juridisch": "Schrijf de juridische vraag op.",
            "oplossing": "Beschrijf de oplossing.",
        }[kind]
    for key in ("text", "detail"):
        if len(clean[key]) > TEXT_MAX:
            errors[key] = f"Deze tekst is te lang (hoogstens {TEXT_MAX} tekens)."
    return errors


def _check(clean: dict[str, Any], cat: Catalog, privacy_confirmed: bool) -> dict[str, str]:
    errors = validate(clean, cat)
    if not privacy_confirmed:
        texts = {k: clean[k] for k in ("text", "detail") if clean[k]}
        flagged = privacy.check_fields(texts)
        errors.update({f"privacy.{k}": v for k, v in flagged.items() if k not in errors})
    return errors


def insert(
    db: Database, workshop_id: int, clean: dict[str, Any], actor: str, stamp: str | None = None
) -> int:
    """Insert a checked note (inside a transaction)."""
    stamp = stamp or now()
    cur = db.execute(
        "INSERT INTO workshop_notes(workshop_id, kind, step, knelpunt_id, knelpunt_status, text, "
        "detail, created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            workshop_id,
            clean["kind"],
            clean["step"],
            clean["knelpunt_id"],
            clean["knelpunt_status"],
            clean["text"],
            clean["detail"],
            stamp,
            actor,
            stamp,
            actor,
        ],
    )
    return last_id(cur)


def _just_added(db: Database, workshop_id: int, clean: dict[str, Any]) -> bool:
    """Whether the same note was added to this workshop in the last DUPLICATE_SECONDS (a
    second click, a second tab): then it is not stored twice."""
    since = (datetime.now(UTC) - timedelta(seconds=DUPLICATE_SECONDS)).isoformat(timespec="seconds")
    return bool(
        db.execute(
            "SELECT 1 FROM workshop_notes WHERE workshop_id = ? AND kind = ? AND step IS ? "
            "AND knelpunt_id IS ? AND knelpunt_status IS ? AND text = ? AND detail IS ? "
            "AND created_at >= ? LIMIT 1",
            [
                workshop_id,
                clean["kind"],
                clean["step"],
                clean["knelpunt_id"],
                clean["knelpunt_status"],
                clean["text"],
                clean["detail"],
                since,
            ],
        ).fetchone()
    )


def add(
    db: Database,
    workshop_id: int,
    raw: dict[str, Any],
    actor: str,
    cat: Catalog,
    privacy_confirmed: bool = False,
) -> tuple[dict[str, str], int | None]:
    """Validate and store a new note. Returns (errors by field, None) or ({}, the new id)."""
    clean = normalise(raw)
    errors = _check(clean, cat, privacy_confirmed)
    if errors:
        return errors, None
    with write(db):
        if not db.execute("SELECT 1 FROM workshops WHERE id = ?", [workshop_id]).fetchone():
            raise NoteError("Dit werkatelier bestaat niet.")
        if _just_added(db, workshop_id, clean):
            return {
                "form": "Precies deze notitie is zojuist al toegevoegd (zie hierboven); "
                "er is niets dubbel opgeslagen."
            }, None
        note_id = insert(db, workshop_id, clean, actor)
        audit.log(
            db,
            actor,
            "notitie toegevoegd",
            "workshop_note",
            note_id,
            {"werkatelier": workshop_id, "soort": clean["kind"]},
        )
    return {}, note_id


def update(
    db: Database,
    workshop_id: int,
    note_id: int,
    raw: dict[str, Any],
    expected_version: int,
    actor: str,
    cat: Catalog,
    privacy_confirmed: bool = False,
) -> dict[str, str]:
    """Change a note. The kind stays what it was. Errors by field; 'form' when someone else
    changed or deleted the note in the meantime (nothing is saved then)."""
    row = db.execute(
        "SELECT kind FROM workshop_notes WHERE id = ? AND workshop_id = ?", [note_id, workshop_id]
    ).fetchone()
    if not row:
        return {"form": "Deze notitie bestaat niet meer; iemand anders heeft haar verwijderd."}
    clean = normalise({**raw, "kind": row[0]})
    errors = _check(clean, cat, privacy_confirmed)
    if errors:
        return errors
    with write(db):
        cur = db.execute(
            "UPDATE workshop_notes SET step = ?, knelpunt_id = ?, knelpunt_status = ?, text = ?, "
            "detail = ?, version = version + 1, updated_at = ?, updated_by = ? "
            "WHERE id = ? AND workshop_id = ? AND version = ?",
            [
                clean["step"],
                clean["knelpunt_id"],
                clean["knelpunt_status"],
                clean["text"],
                clean["detail"],
                now(),
                actor,
                note_id,
                workshop_id,
                expected_version,
            ],
        )
        if cur.rowcount != 1:
            return {
                "form": "Iemand anders heeft deze notitie intussen gewijzigd. Uw tekst staat nog "
                "in het formulier: kopieer wat u wilt houden, kies Annuleren en daarna Wijzigen "
                "om de nieuwe versie te openen."
            }
        audit.log(
            db,
            actor,
            "notitie gewijzigd",
            "workshop_note",
            note_id,
            {"werkatelier": workshop_id, "soort": clean["kind"]},
        )
    return {}


def delete(db: Database, workshop_id: int, note_id: int, actor: str) -> bool:
    """Delete a note; False when it did not exist (any more)."""
    with write(db):
        cur = db.execute(
            "DELETE FROM workshop_notes WHERE id = ? AND workshop_id = ?", [note_id, workshop_id]
        )
        if cur.rowcount:
            audit.log(
                db,
                actor,
                "notitie verwijderd",
                "workshop_note",
                note_id,
                {"werkatelier": workshop_id},
            )
    return bool(cur.rowcount)


# ---------------------------------------------------------------- reading


def list_df(db: Database, workshop_id: int, kind: str | None = None) -> pd.DataFrame:
    """The notes of a workshop: by kind (in KINDS order), dilemmas by step, then oldest first.

    Columns: id, kind, step (Int64), knelpunt_id, knelpunt_status, text, detail, version,
    created_at, created_by, updated_at, updated_by."""
    where = "workshop_id = ?"
    params: list[Any] = [workshop_id]
    if kind:
        where += " AND kind = ?"
        params.append(kind)
    order = " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KINDS))
    df = pd.read_sql_query(
        f"SELECT {', '.join(COLUMNS)} FROM workshop_notes WHERE {where} "
        f"ORDER BY CASE kind {order} END, coalesce(step, 0), id",
        db.conn,
        params=params,
    )
    df["step"] = df["step"].astype("Int64")
    return df


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of `list_df` as plain dicts (step an int or None, ids and versions ints)."""
    out = []
    for rec in df.to_dict("records"):
        for key in ("knelpunt_id", "knelpunt_status", "created_by", "updated_by"):
            rec[key] = None if pd.isna(rec[key]) else str(rec[key])
        for key in ("text", "detail"):
            rec[key] = "" if pd.isna(rec[key]) else str(rec[key])
        rec["step"] = None if pd.isna(rec["step"]) else int(rec["step"])
        rec["id"], rec["version"] = int(rec["id"]), int(rec["version"])
        out.append(rec)
    return out


def get(db: Database, workshop_id: int, note_id: int) -> dict[str, Any] | None:
    df = list_df(db, workshop_id)
    found = records(df[df["id"] == note_id])
    return found[0] if found else None


def counts_of(df: pd.DataFrame) -> dict[str, int]:
    """Number of notes per kind in `list_df` rows (every kind present, 0 when none)."""
    found = df["kind"].value_counts()
    return {k: int(found.get(k, 0)) for k in KINDS}


def counts(db: Database, workshop_id: int) -> dict[str, int]:
    """Number of notes per kind of one workshop (every kind present, 0 when none)."""
    return counts_of(list_df(db, workshop_id))


def dilemma_steps_of(df: pd.DataFrame) -> dict[int, int]:
    """Number of dilemmas per werkwijze step in `list_df` rows."""
    steps = df.loc[(df["kind"] == "dilemma") & df["step"].notna(), "step"]
    return {int(s): int(n) for s, n in steps.value_counts().sort_index().items()}


def day_knelpunten_of(df: pd.DataFrame) -> dict[str, str]:
    """Catalogue knelpunten recorded on the day in `list_df` rows: id -> 'bevestigd' or 'nieuw'
    ('bevestigd' wins when both were recorded)."""
    rows = df[(df["kind"] == "knelpunt") & df["knelpunt_id"].notna()].sort_values("id")
    result: dict[str, str] = {}
    for kid, status in zip(rows["knelpunt_id"], rows["knelpunt_status"], strict=True):
        if result.get(kid) != "bevestigd":
            result[str(kid)] = status if isinstance(status, str) and status else "bevestigd"
    return result


def day_knelpunten(db: Database, workshop_id: int) -> dict[str, str]:
    """`day_knelpunten_of` one workshop's notes."""
    return day_knelpunten_of(list_df(db, workshop_id))
