"""Evaluation responses: validated on the server, stored anonymously, or typed in from paper.

Validated on the server (ranges, lengths, required items, sector), one row per browser session
(only a hash of a random session key is stored; a second submission from the same session replaces
the first), or typed in from a paper form by staff.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.evaluation.links import resolve_link
from jep.evaluation.questionnaire import Questionnaire, questionnaire
from jep.fmt import fmt_date
from jep.privacy import guard as privacy
from jep.reference.catalog import Catalog
from jep.store import audit
from jep.store.db import last_id, now, write
from jep.text import as_int, clean_text, is_blank

# ---------------------------------------------------------------- responses


@dataclass
class SaveResult:
    """Outcome of a save: errors keyed by field ('item.<id>', 'sector', 'form'), nothing stored
    when there are any. `privacy` holds fields whose text looks like personal data; the user must
    rewrite or confirm before anything is saved."""

    errors: dict[str, str] = field(default_factory=dict)
    privacy: dict[str, str] = field(default_factory=dict)
    response_id: int | None = None
    updated: bool = False

    @property
    def ok(self) -> bool:
        return self.response_id is not None


RESPONDENT = "respondent"  # audit actor of anonymous online responses


def new_session_key() -> str:
    """A random key for one browser session; only its hash is ever stored."""
    return secrets.token_urlsafe(32)


def session_hash(workshop_id: int, session_key: str) -> str:
    return hashlib.sha256(f"evaluatie:{workshop_id}:{session_key}".encode()).hexdigest()


def validate_response(
    raw: dict[str, Any], q: Questionnaire, cat: Catalog
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check a response against its questionnaire version, on the server.

    `raw` = {"version": int, "sector": sector id or None, "items": {item id: value}} where a
    value is {"before": 1–5, "now": 1–5} (prepost), 1–5 (likert), 1–10 (grade) or text (open);
    None or "" means not answered. Returns (clean, errors); clean has the same shape with ints and
    stripped texts and only the answered items.
    """
    errors: dict[str, str] = {}
    version = as_int(raw.get("version"))
    if version not in q.versions:
        return {}, {
            "form": "De vragenlijst is intussen gewijzigd. Laad de pagina opnieuw en vul hem "
            "opnieuw in."
        }
    given = raw.get("items") or {}
    clean: dict[str, Any] = {"version": version, "sector": None, "items": {}}
    for item in q.items_of(version):
        key = f"item.{item.id}"
        value = given.get(item.id)
        if item.kind == "prepost":
            value = value if isinstance(value, dict) else {}
            b_raw, n_raw = value.get("before"), value.get("now")
            if is_blank(b_raw) and is_blank(n_raw):
                if item.required:
                    errors[key] = "Geef aan hoe het vóór het werkatelier was en hoe het nu is."
                continue
            if is_blank(b_raw) or is_blank(n_raw):
                errors[key] = "Vul zowel ‘vóór’ als ‘nu’ in, of laat allebei leeg."
                continue
            b, n = as_int(b_raw), as_int(n_raw)
            if b is None or n is None or not (1 <= b <= 5 and 1 <= n <= 5):
                errors[key] = "Kies bij ‘vóór’ en ‘nu’ een waarde van 1 tot en met 5."
                continue
            clean["items"][item.id] = {"before": b, "now": n}
        elif item.kind in ("likert", "grade"):
            top = item.scale_max
            if is_blank(value):
                if item.required:
                    errors[key] = (
                        f"Geef een rapportcijfer van 1 tot en met {top}."
                        if item.kind == "grade"
                        else "Beantwoord deze vraag."
                    )
                continue
            v = as_int(value)
            if v is None or not 1 <= v <= top:
                errors[key] = f"Kies een waarde van 1 tot en met {top}."
                continue
            clean["items"][item.id] = v
        else:  # open
            text = clean_text(value)
            if not text:
                if item.required:
                    errors[key] = "Beantwoord deze vraag."
                continue
            if len(text) > item.max_chars:
                errors[key] = (
                    f"Je antwoord is te lang: {len(text)} tekens, hoogstens {item.max_chars}."
                )
                continue
            clean["items"][item.id] = text
    sector = raw.get("sector")
    if not is_blank(sector):
        if sector not in cat.sectors:
            errors["sector"] = "Kies een sector uit de lijst."
        else:
            clean["sector"] = sector
    return clean, errors


def check_privacy(clean: dict[str, Any], q: Questionnaire) -> dict[str, str]:
    """Open answers that look like they hold personal data (BSN, date of birth, name after a cue,
    …), keyed by field; the value names what was found and quotes it as plain text."""
    found: dict[str, str] = {}
    for iid, value in clean.get("items", {}).items():
        item = q.items.get(iid)
        if item is None or item.kind != "open":
            continue
        findings = privacy.scan(value)
        if findings:
            quoted = ", ".join(f"‘{f.text}’" for f in findings[:5])
            found[f"item.{iid}"] = (
                f"{privacy.summary(findings)} ({quoted}) Haal deze gegevens weg of bevestig "
                "hieronder dat het geen gegevens van een jongere, gezin of collega zijn."
            )
    return found


def ensure_snapshot(db: Database, q: Questionnaire, version: int) -> None:
    """Store a copy of `version` the first time it is used (inside the caller's transaction)."""
    db.execute(
        "INSERT OR IGNORE INTO evaluation_questionnaires(version, definition, stored_at) "
        "VALUES (?, ?, ?)",
        [version, json.dumps(q.definition(version), ensure_ascii=False), now()],
    )


def _write_answers(db: Database, response_id: int, clean: dict[str, Any], q: Questionnaire) -> None:
    db.execute("DELETE FROM evaluation_answers WHERE response_id = ?", [response_id])
    for iid, value in clean["items"].items():
        kind = q.items[iid].kind
        before = value["before"] if kind == "prepost" else None
        score = value["now"] if kind == "prepost" else (value if kind != "open" else None)
        text = value if kind == "open" else None
        db.execute(
            "INSERT INTO evaluation_answers(response_id, item_id, kind, before, value, text) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [response_id, iid, kind, before, score, text],
        )


def store(
    db: Database,
    workshop_id: int,
    clean: dict[str, Any],
    q: Questionnaire,
    *,
    source: str,
    actor: str,
    session: str | None = None,
    response_id: int | None = None,
    log: bool = True,
) -> tuple[int, bool]:
    """Insert or replace one response (inside the caller's write transaction)."""
    version = clean["version"]
    ensure_snapshot(db, q, version)
    asked = json.dumps(list(q.version(version).items))
    stamp = now()
    existing = None
    if session is not None:
        existing = db.execute(
            "SELECT id FROM evaluation_responses WHERE session_hash = ? AND workshop_id = ?",
            [session, workshop_id],
        ).fetchone()
    elif response_id is not None:
        existing = db.execute(
            "SELECT id FROM evaluation_responses WHERE id = ? AND workshop_id = ? "
            "AND source = 'papier'",
            [response_id, workshop_id],
        ).fetchone()
        if existing is None:
            raise KeyError(response_id)
    if existing:
        rid = existing[0]
        db.execute(
            "UPDATE evaluation_responses SET version = ?, sector_id = ?, asked = ?, "
            "revision = revision + 1, updated_at = ?, entered_by = COALESCE(?, entered_by) "
            "WHERE id = ?",
            [version, clean["sector"], asked, stamp, None if session else actor, rid],
        )
    else:
        cur = db.execute(
            "INSERT INTO evaluation_responses(workshop_id, version, source, session_hash, "
            "sector_id, asked, created_at, updated_at, entered_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                workshop_id,
                version,
                source,
                session,
                clean["sector"],
                asked,
                stamp,
                stamp,
                None if source == "online" else actor,
            ],
        )
        rid = last_id(cur)
    _write_answers(db, rid, clean, q)
    if not log:
        return rid, bool(existing)
    audit.log(
        db,
        actor,
        ("evaluatie gecorrigeerd" if existing else "evaluatie ingevuld")
        + (" (papier)" if source == "papier" else ""),
        "evaluation_response",
        rid,
        {"werkatelier": workshop_id, "versie": version},
    )
    return rid, bool(existing)


def submit_online(
    db: Database,
    token: str | None,
    session_key: str,
    raw: dict[str, Any],
    cat: Catalog,
    *,
    q: Questionnaire | None = None,
    today: date | None = None,
    confirm_privacy: bool = False,
) -> SaveResult:
    """A respondent's submission through the link. The link is resolved and its state checked
    again here; the same session submitting twice replaces its own earlier answer."""
    q = q or questionnaire()
    link = resolve_link(db, token, today, q)
    if link is None:
        return SaveResult(errors={"form": q.texts["unknown"]})
    if not link.state.open:
        phase_text = "not_open" if link.state.phase == "not-yet" else "closed"
        return SaveResult(errors={"form": q.texts[phase_text]})
    if not session_key or len(session_key) < 20:
        return SaveResult(errors={"form": "Je sessie is verlopen. Laad de pagina opnieuw."})
    clean, errors = validate_response(raw, q, cat)
    if errors:
        return SaveResult(errors=errors)
    flagged = check_privacy(clean, q)
    if flagged and not confirm_privacy:
        return SaveResult(privacy=flagged)
    with write(db):
        rid, updated = store(
            db,
            link.workshop_id,
            clean,
            q,
            source="online",
            actor=RESPONDENT,
            session=session_hash(link.workshop_id, session_key),
        )
    return SaveResult(response_id=rid, updated=updated)


def save_paper(
    db: Database,
    workshop_id: int,
    raw: dict[str, Any],
    actor: str,
    cat: Catalog,
    *,
    q: Questionnaire | None = None,
    response_id: int | None = None,
    confirm_privacy: bool = False,
) -> SaveResult:
    """Staff: type in (or correct, with `response_id`) one paper evaluation form. Paper forms are
    accepted whether or not the link is open."""
    q = q or questionnaire()
    clean, errors = validate_response(raw, q, cat)
    if errors:
        return SaveResult(errors=errors)
    flagged = check_privacy(clean, q)
    if flagged and not confirm_privacy:
        return SaveResult(privacy=flagged)
    with write(db):
        if not db.execute("SELECT 1 FROM workshops WHERE id = ?", [workshop_id]).fetchone():
            raise KeyError(workshop_id)
        rid, updated = store(
            db, workshop_id, clean, q, source="papier", actor=actor, response_id=response_id
        )
    return SaveResult(response_id=rid, updated=updated)


def _raw_of(db: Database, response_id: int) -> dict[str, Any]:
    row = db.execute(
        "SELECT version, sector_id FROM evaluation_responses WHERE id = ?", [response_id]
    ).fetchone()
    if not row:
        raise KeyError(response_id)
    items: dict[str, Any] = {}
    for iid, kind, before, value, text in db.execute(
        "SELECT item_id, kind, before, value, text FROM evaluation_answers WHERE response_id = ?",
        [response_id],
    ).fetchall():
        if kind == "prepost":
            items[iid] = {"before": before, "now": value}
        elif kind == "open":
            items[iid] = text
        else:
            items[iid] = value
    return {"version": row[0], "sector": row[1], "items": items}


def session_response(db: Database, workshop_id: int, session_key: str) -> dict[str, Any] | None:
    """The answer this browser session gave for the workshop (to correct it), or None."""
    row = db.execute(
        "SELECT id FROM evaluation_responses WHERE session_hash = ? AND workshop_id = ?",
        [session_hash(workshop_id, session_key), workshop_id],
    ).fetchone()
    return _raw_of(db, row[0]) if row else None


def paper_response(db: Database, workshop_id: int, response_id: int) -> dict[str, Any]:
    """A paper form of this workshop, to correct it (KeyError for anything else)."""
    row = db.execute(
        "SELECT 1 FROM evaluation_responses WHERE id = ? AND workshop_id = ? AND source = 'papier'",
        [response_id, workshop_id],
    ).fetchone()
    if not row:
        raise KeyError(response_id)
    return _raw_of(db, response_id)


def responses_list(db: Database, workshop_id: int) -> pd.DataFrame:
    """The workshop's responses without their content (anonymous): id, source, created_at,
    updated_at (the day in Dutch), revision, entered_by ('—' for an online answer). Sector and
    answers are left out on purpose: a single row with its sector could point to one person."""
    df = pd.read_sql_query(
        "SELECT id, source, created_at, updated_at, revision, entered_by "
        "FROM evaluation_responses WHERE workshop_id = ? ORDER BY id",
        db.conn,
        params=[workshop_id],
    )
    for col in ("created_at", "updated_at"):
        df[col] = df[col].map(fmt_date)
    df["entered_by"] = [x if isinstance(x, str) and x else "—" for x in df["entered_by"]]
    return df


def delete_response(db: Database, workshop_id: int, response_id: int, actor: str) -> bool:
    """Staff: remove one response (a mistyped paper form, an obvious junk answer)."""
    with write(db):
        cur = db.execute(
            "DELETE FROM evaluation_responses WHERE id = ? AND workshop_id = ?",
            [response_id, workshop_id],
        )
        if cur.rowcount:
            audit.log(
                db,
                actor,
                "evaluatie verwijderd",
                "evaluation_response",
                response_id,
                {"werkatelier": workshop_id},
            )
    return bool(cur.rowcount)


def stored_definitions(db: Database) -> dict[int, dict[str, Any]]:
    """The questionnaire snapshots kept in the database, by version."""
    return {
        v: json.loads(d)
        for v, d in db.execute(
            "SELECT version, definition FROM evaluation_questionnaires"
        ).fetchall()
    }


def version_in_use(db: Database, workshop_id: int, q: Questionnaire | None = None) -> int | None:
    """The questionnaire version the workshop's evaluation uses: that of its latest response when
    the file still defines it; None when it has none yet (callers then use the current version
    and say so). Online form, paper form and typed-in paper screen all follow it, so one
    workshop's answers stay comparable."""
    q = q or questionnaire()
    row = db.execute(
        "SELECT version FROM evaluation_responses WHERE workshop_id = ? "
        "ORDER BY updated_at DESC, id DESC LIMIT 1",
        [workshop_id],
    ).fetchone()
    return row[0] if row and row[0] in q.versions else None
