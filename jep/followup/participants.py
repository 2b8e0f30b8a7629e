"""The participants' short follow-up: optional, anonymous (Kirkpatrick level 3).

A link (invite purpose 'terugblik-deelnemers') that the municipality's contact may forward to the
participants. Its items are data (`[[participant_item]]` of data/followup.toml). One response per
browser session: only a hash of a random session key is stored, so submitting again corrects the
same response; no name, e-mail address, organisation or sector is asked. Results of fewer than
`[privacy] min_cell` respondents are never shown (`results`).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.followup.answers import NOT_SENT, FollowupError, sent_version
from jep.followup.questionnaire import FollowupConfig, config
from jep.privacy import guard as privacy
from jep.store import audit
from jep.store.db import last_id, now, write
from jep.text import as_int, clean_text, is_blank
from jep.workshop import invites

PURPOSE = "terugblik-deelnemers"
RESPONDENT = "respondent"  # audit actor of the anonymous responses
OPEN_MAX = 1000


@dataclass
class SaveResult:
    """Errors by field ('item.<id>', 'form'), privacy findings by field; nothing stored when
    there are any."""

    errors: dict[str, str] = field(default_factory=dict)
    privacy: dict[str, str] = field(default_factory=dict)
    response_id: int | None = None
    updated: bool = False

    @property
    def ok(self) -> bool:
        return self.response_id is not None


# ---------------------------------------------------------------- the link


def issue_link(
    db: Database, workshop_id: int, actor: str, cfg: FollowupConfig | None = None
) -> str:
    """A new participants' link (an earlier one stops working); only after the report was sent.
    Returns the token, once."""
    cfg = cfg or config()
    if sent_version(db, workshop_id) is None:
        raise FollowupError(NOT_SENT)
    return invites.issue(db, workshop_id, actor, purpose=PURPOSE, days=cfg.participants_link_days)


def active_link(db: Database, workshop_id: int) -> dict[str, Any] | None:
    return invites.active_link(db, workshop_id, purpose=PURPOSE)


def revoke_link(db: Database, workshop_id: int, actor: str) -> int:
    return invites.revoke(db, workshop_id, actor, purpose=PURPOSE)


def resolve(
    db: Database, token: str | None, delay: float = invites.WRONG_TOKEN_DELAY
) -> invites.Invite | None:
    return invites.resolve(db, token, purpose=PURPOSE, delay=delay)


def link_url(base_url: str, token: str) -> str:
    """The participants' link: the app's root with ?nameting= (their only page is the default)."""
    return f"{base_url.rstrip('/')}/?nameting={token}"


# ---------------------------------------------------------------- answers


def new_session_key() -> str:
    return secrets.token_urlsafe(32)


def session_hash(workshop_id: int, session_key: str) -> str:
    return hashlib.sha256(f"terugblik:{workshop_id}:{session_key}".encode()).hexdigest()


def validate(
    raw: dict[str, Any], cfg: FollowupConfig | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """`raw` = {item id: value} (1–5, an option id or text; None/'' = not answered). Returns
    (clean answers of the answered items, errors by field)."""
    cfg = cfg or config()
    raw = raw if isinstance(raw, dict) else {}
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for item in cfg.participant_items.values():
        value = raw.get(item.id)
        key = f"item.{item.id}"
        if is_blank(value):
            continue
        if item.kind == "likert":
            v = as_int(value)
            if v is None or not 1 <= v <= 5:
                errors[key] = "Kies een waarde van 1 tot en met 5."
            else:
                clean[item.id] = v
        elif item.kind == "choice":
            if value not in {o.id for o in item.options}:
                errors[key] = "Kies een van de antwoorden."
            else:
                clean[item.id] = value
        else:
            text = clean_text(value, OPEN_MAX)
            if len(text) > OPEN_MAX:
                errors[key] = f"Je antwoord is te lang: hoogstens {OPEN_MAX} tekens."
            elif text:
                clean[item.id] = text
    return clean, errors


def check_privacy(clean: dict[str, Any], cfg: FollowupConfig | None = None) -> dict[str, str]:
    cfg = cfg or config()
    texts = {
        f"item.{iid}": v
        for iid, v in clean.items()
        if iid in cfg.participant_items and cfg.participant_items[iid].kind == "open"
    }
    return privacy.check_fields(texts)


def submit(
    db: Database,
    token: str | None,
    session_key: str,
    raw: dict[str, Any],
    cfg: FollowupConfig | None = None,
    confirm_privacy: bool = False,
    delay: float = invites.WRONG_TOKEN_DELAY,
) -> SaveResult:
    """A participant's answers through the link; a second submission from the same session
    replaces the first. The link is resolved here, so a revoked or expired link stores nothing."""
    cfg = cfg or config()
    inv = resolve(db, token, delay=delay)
    if inv is None:
        return SaveResult(errors={"form": cfg.texts["participants_unknown"]})
    clean, errors = validate(raw, cfg)
    if errors:
        return SaveResult(errors=errors)
    if not clean:
        return SaveResult(errors={"form": "Beantwoord minstens één vraag."})
    if not confirm_privacy:
        found = check_privacy(clean, cfg)
        if found:
            return SaveResult(privacy=found)
    wid = inv.workshop_id
    digest = session_hash(wid, session_key)
    stamp = now()
    with write(db):
        row = db.execute(
            "SELECT id FROM followup_responses WHERE session_hash = ? AND workshop_id = ?",
            [digest, wid],
        ).fetchone()
        if row:
            rid = int(row[0])
            db.execute(
                "UPDATE followup_responses SET revision = revision + 1, updated_at = ? "
                "WHERE id = ?",
                [stamp, rid],
            )
            db.execute("DELETE FROM followup_answers WHERE response_id = ?", [rid])
        else:
            cur = db.execute(
                "INSERT INTO followup_responses(workshop_id, session_hash, created_at, "
                "updated_at) VALUES (?, ?, ?, ?)",
                [wid, digest, stamp, stamp],
            )
            rid = last_id(cur)
        _write_answers(db, rid, clean, cfg)
        audit.log(
            db,
            RESPONDENT,
            "terugblik deelnemer gecorrigeerd" if row else "terugblik deelnemer ingevuld",
            "followup_response",
            rid,
            {"werkatelier": wid},
        )
    return SaveResult(response_id=rid, updated=bool(row))


def _write_answers(db: Database, rid: int, clean: dict[str, Any], cfg: FollowupConfig) -> None:
    for iid, value in clean.items():
        kind = cfg.participant_items[iid].kind
        db.execute(
            "INSERT INTO followup_answers(response_id, item_id, value, choice, text) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                rid,
                iid,
                value if kind == "likert" else None,
                value if kind == "choice" else None,
                value if kind == "open" else None,
            ],
        )


def session_response(db: Database, workshop_id: int, session_key: str) -> dict[str, Any] | None:
    """The answers given earlier in this browser session (to correct them), or None."""
    row = db.execute(
        "SELECT id FROM followup_responses WHERE session_hash = ? AND workshop_id = ?",
        [session_hash(workshop_id, session_key), workshop_id],
    ).fetchone()
    if not row:
        return None
    answers = db.execute(
        "SELECT item_id, value, choice, text FROM followup_answers WHERE response_id = ?",
        [row[0]],
    ).fetchall()
    return {
        iid: next(v for v in (value, choice, text) if v is not None)
        for iid, value, choice, text in answers
    }


# ---------------------------------------------------------------- results (small n hidden)


@dataclass(frozen=True)
class ParticipantResults:
    """The participants' answers of some workshops. `hidden` when fewer than `min_cell` people
    answered: then `items` and `open_answers` are empty."""

    respondents: int
    min_cell: int
    items: pd.DataFrame  # item_id, item, kind, n, mean (likert), share_yes (choice), detail
    open_answers: pd.DataFrame  # question, answer (sorted, no link to a person)

    @property
    def hidden(self) -> bool:
        return self.respondents < self.min_cell


ITEM_COLUMNS = ["item_id", "item", "kind", "n", "mean", "share_yes", "detail"]


def results(
    db: Database, workshop_ids: Sequence[int], cfg: FollowupConfig | None = None
) -> ParticipantResults:
    """Per item over the respondents of `workshop_ids`: n, the mean (1–5 items), the share who
    did it (choice items: the options in `used`) and the answers per option; open answers in
    alphabetical order. Everything is hidden below `min_cell` respondents, and so is an item
    answered by fewer than `min_cell`."""
    cfg = cfg or config()
    ids = json.dumps([int(i) for i in workshop_ids])
    n = int(
        db.execute(
            "SELECT count(*) FROM followup_responses "
            "WHERE workshop_id IN (SELECT value FROM json_each(?))",
            [ids],
        ).fetchone()[0]
    )
    empty = ParticipantResults(
        n,
        cfg.min_cell,
        pd.DataFrame(columns=ITEM_COLUMNS),
        pd.DataFrame(columns=["question", "answer"]),
    )
    if n < cfg.min_cell:
        return empty
    answers = pd.read_sql_query(
        "SELECT a.item_id, a.value, a.choice, a.text FROM followup_answers a "
        "JOIN followup_responses r ON r.id = a.response_id "
        "WHERE r.workshop_id IN (SELECT value FROM json_each(?))",
        db.conn,
        params=[ids],
    )
    rows: list[dict[str, Any]] = []
    opens: list[dict[str, str]] = []
    for item in cfg.participant_items.values():
        part = answers[answers["item_id"] == item.id]
        count = len(part)
        row: dict[str, Any] = {
            "item_id": item.id,
            "item": item.text,
            "kind": item.kind,
            "n": count,
            "mean": float("nan"),
            "share_yes": float("nan"),
            "detail": "",
        }
        if count < cfg.min_cell:
            row["detail"] = f"verborgen: minder dan {cfg.min_cell} antwoorden"
            row["n"] = float("nan") if count else 0
        elif item.kind == "likert":
            row["mean"] = float(part["value"].mean())
        elif item.kind == "choice":
            counts = part["choice"].value_counts()
            if item.used:
                row["share_yes"] = float(part["choice"].isin(item.used).mean())
            row["detail"] = " · ".join(
                f"{o.label}: {int(counts.get(o.id, 0))}" for o in item.options
            )
        else:
            row["detail"] = f"{count} antwoorden"
            opens += [{"question": item.text, "answer": t} for t in sorted(part["text"].dropna())]
        rows.append(row)
    return ParticipantResults(
        n,
        cfg.min_cell,
        pd.DataFrame(rows, columns=ITEM_COLUMNS),
        pd.DataFrame(opens, columns=["question", "answer"]),
    )
