"""Answers kept as a respondent goes: a draft per respondent, saved per section, sent once.

A respondent is a random *respondent key* (the phone keeps it in an HttpOnly cookie that the
application's own route /e sets; see app_ui/respondent.py). The database only ever holds the
SHA-256 of the workshop and that key (`responses.session_hash`), never the key, a name or anything
about the device. Every change is saved at once, per section (`save`), so a reload, a second tab
or reopening the link on the same phone continues where the respondent was (`load`). `submit`
validates the whole draft and stores it as the respondent's one response: a second submit
corrects that response instead of adding one. When the link closes the key is dropped
(`links.drop_respondent_keys`).

A new respondent is admitted only within the link's cap and the client's rate limit
(`jep.evaluation.abuse`); a refusal is counted for staff and explained to the respondent.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlite_utils import Database

from jep.evaluation import abuse
from jep.evaluation.links import RespondentLink, drop_respondent_keys, resolve_link
from jep.evaluation.questionnaire import Item, Questionnaire, questionnaire
from jep.evaluation.responses import (
    RESPONDENT,
    SaveResult,
    check_privacy,
    session_hash,
    store,
    validate_response,
)
from jep.reference.catalog import Catalog
from jep.store.db import last_id, now, write
from jep.text import as_int

SECTOR = "_sector"  # the sector question is kept as a section of its own
KEY_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
TEXT_SLACK = 200  # a draft keeps a little more than max_chars so the check at submit can say so


def new_key() -> str:
    """A new random respondent key (256 bits)."""
    return secrets.token_urlsafe(32)


def valid_key(value: object) -> bool:
    return isinstance(value, str) and bool(KEY_RE.match(value))


# ---------------------------------------------------------------- answers per section


def _clean_value(item: Item, value: Any) -> Any:
    """What a draft keeps of one answer: in range or nothing (the full check is at submit)."""
    if item.kind == "prepost":
        value = value if isinstance(value, dict) else {}
        pair = {}
        for part in ("before", "now"):
            v = as_int(value.get(part))
            pair[part] = v if v is not None and 1 <= v <= 5 else None
        return pair if any(v is not None for v in pair.values()) else None
    if item.kind in ("likert", "grade"):
        v = as_int(value)
        return v if v is not None and 1 <= v <= item.scale_max else None
    if value is None:
        return None
    text = str(value)[: item.max_chars + TEXT_SLACK]
    return text if text.strip() else None


def split(
    raw: dict[str, Any], q: Questionnaire, version: int, cat: Catalog | None = None
) -> dict[str, dict[str, Any]]:
    """A form's answers (`{"version", "sector", "items"}`) as {section id: {item id: answer}},
    cleaned; unanswered items are left out. The sector is section `SECTOR`."""
    items = raw.get("items") or {}
    out: dict[str, dict[str, Any]] = {}
    for section, in_section in q.sections_of(version):
        part = {}
        for item in in_section:
            value = _clean_value(item, items.get(item.id))
            if value is not None:
                part[item.id] = value
        out[section.id] = part
    sector = raw.get("sector")
    known = cat is None or sector in cat.sectors
    out[SECTOR] = {"sector": sector} if isinstance(sector, str) and sector and known else {}
    return out


def join(sections: dict[str, dict[str, Any]], version: int) -> dict[str, Any]:
    """The inverse of `split`: one form's answers."""
    items: dict[str, Any] = {}
    for sid, part in sections.items():
        if sid != SECTOR:
            items.update(part)
    return {"version": version, "sector": sections.get(SECTOR, {}).get("sector"), "items": items}


def changed(sections: dict[str, dict[str, Any]], baseline: dict[str, dict[str, Any]]) -> list[str]:
    """The sections whose answers differ from `baseline` (what this tab last loaded or saved):
    only those are written, so two tabs never overwrite each other's other sections."""
    return [sid for sid, part in sections.items() if part != baseline.get(sid, {})]


def fingerprint(sections: dict[str, dict[str, Any]]) -> str:
    """A stable fingerprint of a draft's answers (to tell whether changes were sent)."""
    body = json.dumps({k: v for k, v in sections.items() if v}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def complete(item: Item, value: Any) -> bool:
    """Whether an item counts as answered for the progress shown (both halves of a pair)."""
    if item.kind == "prepost":
        return isinstance(value, dict) and None not in (value.get("before"), value.get("now"))
    return value is not None


def progress(
    sections: dict[str, dict[str, Any]], q: Questionnaire, version: int
) -> dict[str, tuple[int, int]]:
    """{section id: (answered, items)} for the progress shown per section (sector included)."""
    out = {
        section.id: (
            sum(complete(it, sections.get(section.id, {}).get(it.id)) for it in in_section),
            len(in_section),
        )
        for section, in_section in q.sections_of(version)
    }
    out[SECTOR] = (int(bool(sections.get(SECTOR))), 1)
    return out


# ---------------------------------------------------------------- the stored draft


@dataclass
class Draft:
    id: int
    workshop_id: int
    version: int
    sections: dict[str, dict[str, Any]]
    started_at: str
    submitted_at: str | None
    sent_hash: str | None

    @property
    def raw(self) -> dict[str, Any]:
        return join(self.sections, self.version)

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


@dataclass
class Saved:
    """Outcome of `save`: the draft's id, or why nothing was saved."""

    draft_id: int | None = None
    created: bool = False
    refused: str | None = None  # Dutch: the respondent was not admitted (cap or rate limit)
    throttled: bool = False  # too many saves from this client just now: try again later
    written: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.draft_id is not None


def load(db: Database, workshop_id: int, key: str | None) -> Draft | None:
    """The draft of this respondent key for the workshop, or None (unknown key, or the link
    closed since and the key was dropped)."""
    if not valid_key(key):
        return None
    row = db.execute(
        "SELECT id, version, started_at, submitted_at, sent_hash FROM evaluation_drafts "
        "WHERE session_hash = ? AND workshop_id = ?",
        [session_hash(workshop_id, str(key)), workshop_id],
    ).fetchone()
    if not row:
        return None
    sections = {
        sid: json.loads(answers) if answers else {}
        for sid, answers in db.execute(
            "SELECT section_id, answers FROM evaluation_draft_sections WHERE draft_id = ?",
            [row[0]],
        ).fetchall()
    }
    return Draft(row[0], workshop_id, row[1], sections, row[2], row[3], row[4])


def _admit(
    db: Database, link: RespondentLink, client: str | None, q: Questionnaire, cat: Catalog
) -> str | None:
    """None when a new respondent may start under this link; else the Dutch reason (counted)."""
    started = db.execute(
        "SELECT count(*) FROM evaluation_drafts WHERE workshop_id = ? AND link_id IS ?",
        [link.workshop_id, link.link_id or None],
    ).fetchone()[0]
    if started >= abuse.respondent_cap(q, abuse.present(db, link.workshop_id, cat)):
        abuse.record_refusal(db, link.workshop_id, "over_cap")
        return q.texts["over_cap"]
    if not abuse.new_respondents(q).hit(client):
        abuse.record_refusal(db, link.workshop_id, "rate_limited")
        return q.texts["rate_limited"]
    return None


def save(
    db: Database,
    link: RespondentLink,
    key: str,
    raw: dict[str, Any],
    cat: Catalog,
    *,
    sections: Iterable[str] | None = None,
    client: str | None = None,
    q: Questionnaire | None = None,
    since: dict[str, dict[str, Any]] | None = None,
) -> Saved:
    """Save the given sections of `raw` (all when None) in the respondent's draft, creating the
    draft (a new respondent: cap and rate limit apply) when it does not exist yet. The caller has
    checked that the link is open. `client` is an opaque client key (`abuse.client_key`).
    `since`: the sections as this tab last loaded or saved them; then only the answers this tab
    changed since are written into the stored section, so another tab's answers in the same
    section stay (without it the section is written as `raw` has it)."""
    q = q or questionnaire()
    if not valid_key(key):
        raise ValueError("invalid respondent key")
    version = int(raw.get("version") or q.current)
    if version not in q.versions:
        version = q.current
    parts = split(raw, q, version, cat)
    wanted = list(parts) if sections is None else [s for s in sections if s in parts]
    if not abuse.saves(q).hit(client):
        return Saved(throttled=True)
    digest = session_hash(link.workshop_id, key)
    stamp = now()
    with write(db):
        row = db.execute(
            "SELECT id FROM evaluation_drafts WHERE session_hash = ? AND workshop_id = ?",
            [digest, link.workshop_id],
        ).fetchone()
        created = row is None
        if created:
            if not any(parts[s] for s in wanted):
                return Saved()  # nothing answered yet: no respondent to start
            reason = _admit(db, link, client, q, cat)
            if reason:
                return Saved(refused=reason)
            draft_id = last_id(
                db.execute(
                    "INSERT INTO evaluation_drafts(workshop_id, link_id, session_hash, version, "
                    "started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [link.workshop_id, link.link_id or None, digest, version, stamp, stamp],
                )
            )
        else:
            draft_id = row[0]
            db.execute(
                "UPDATE evaluation_drafts SET updated_at = ?, version = ? WHERE id = ?",
                [stamp, version, draft_id],
            )
        for sid in wanted:
            part = parts[sid]
            if since is not None and not created:
                part = _merged(_stored_part(db, draft_id, sid), since.get(sid, {}), part)
            db.execute(
                "INSERT INTO evaluation_draft_sections(draft_id, section_id, answers, answered, "
                "saved_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(draft_id, section_id) DO UPDATE "
                "SET answers = excluded.answers, answered = excluded.answered, "
                "saved_at = excluded.saved_at",
                [draft_id, sid, json.dumps(part, ensure_ascii=False), len(part), stamp],
            )
    return Saved(draft_id=draft_id, created=created, written=wanted)


def _stored_part(db: Database, draft_id: int, section_id: str) -> dict[str, Any]:
    row = db.execute(
        "SELECT answers FROM evaluation_draft_sections WHERE draft_id = ? AND section_id = ?",
        [draft_id, section_id],
    ).fetchone()
    return json.loads(row[0]) if row and row[0] else {}


def _merged(stored: dict[str, Any], since: dict[str, Any], mine: dict[str, Any]) -> dict[str, Any]:
    """`stored` with the answers that differ between `since` and `mine` (this tab's changes)
    given as in `mine`: an answer this tab cleared is cleared, the others are kept."""
    out = dict(stored)
    for item in since.keys() | mine.keys():
        if mine.get(item) != since.get(item):
            if item in mine:
                out[item] = mine[item]
            else:
                out.pop(item, None)
    return out


@dataclass
class SubmitResult(SaveResult):
    """`SaveResult` plus the answers as sent (the draft, merged across tabs), for the form."""

    answers: dict[str, Any] | None = None
    closed: bool = False  # the link is closed or unknown: nothing is kept


def submit(
    db: Database,
    token: str | None,
    key: str,
    raw: dict[str, Any],
    cat: Catalog,
    *,
    sections: Collection[str] | None = None,
    client: str | None = None,
    q: Questionnaire | None = None,
    today: date | None = None,
    confirm_privacy: bool = False,
    since: dict[str, dict[str, Any]] | None = None,
) -> SubmitResult:
    """Send the respondent's answers: save what changed in this tab (`sections`), validate the
    whole draft (all tabs' answers), and store it as the respondent's one response. The link is
    resolved and its state checked again here; after it closed nothing is kept. `since`: as for
    `save`. When this tab's changes cannot be saved just now (too many saves from its address),
    nothing is sent and no answers are returned, so the form keeps what it shows."""
    q = q or questionnaire()
    link = resolve_link(db, token, today, q)
    if link is None:
        return SubmitResult(errors={"form": q.texts["unknown"]}, closed=True)
    if not link.state.open:
        drop_respondent_keys(db, link.workshop_id)
        phase_text = "not_open" if link.state.phase == "not-yet" else "closed"
        return SubmitResult(errors={"form": q.texts[phase_text]}, closed=True)
    if not valid_key(key):
        return SubmitResult(errors={"form": "Je sessie is verlopen. Laad de pagina opnieuw."})
    saved = save(db, link, key, raw, cat, sections=sections, client=client, q=q, since=since)
    if saved.refused:
        return SubmitResult(errors={"form": saved.refused})
    if saved.throttled:
        return SubmitResult(errors={"form": q.texts["not_saved_yet"]})
    draft = load(db, link.workshop_id, key)
    answers = draft.raw if draft else split_join(raw, q, cat)
    clean, errors = validate_response(answers, q, cat)
    if errors:
        return SubmitResult(errors=errors, answers=answers)
    flagged = check_privacy(clean, q)
    if flagged and not confirm_privacy:
        return SubmitResult(privacy=flagged, answers=answers)
    if draft is None:  # e.g. throttled just now: nothing of this respondent is stored yet
        return SubmitResult(
            errors={"form": "Je antwoorden konden niet worden opgeslagen. Probeer het zo opnieuw."},
            answers=answers,
        )
    with write(db):
        rid, updated = store(
            db,
            link.workshop_id,
            clean,
            q,
            source="online",
            actor=RESPONDENT,
            session=session_hash(link.workshop_id, key),
        )
        db.execute(
            "UPDATE evaluation_drafts SET submitted_at = COALESCE(submitted_at, ?), "
            "sent_hash = ? WHERE id = ?",
            [now(), fingerprint(draft.sections), draft.id],
        )
    return SubmitResult(response_id=rid, updated=updated, answers=answers)


def split_join(raw: dict[str, Any], q: Questionnaire, cat: Catalog) -> dict[str, Any]:
    """`raw` cleaned the way a draft keeps it."""
    version = int(raw.get("version") or q.current)
    if version not in q.versions:
        version = q.current
    return join(split(raw, q, version, cat), version)
