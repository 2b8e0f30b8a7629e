"""Staff's review of the proposals per workshop.

Staff accept, reject or reword each proposal and add their own; the choices are kept per workshop
(table `recommendation_decisions`). `review(...).final` is what goes into the report: accepted
proposals (reworded where staff did so) and staff's own recommendations. Proposals nobody decided
on yet stay out unless asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from jep.evaluation import questionnaire
from jep.privacy import guard as privacy
from jep.reference.catalog import Catalog
from jep.report.engine import Recommendation, evaluate, render
from jep.report.facts import Facts, gather_facts
from jep.report.rules import OWN_PREFIX, Rule, RuleBase, rules
from jep.store import audit
from jep.store.db import last_id, now, write
from jep.text import clean_text, parse_int
from jep.workshop import notes

DECISIONS = ("aanvaard", "afgewezen")
TITLE_MAX = 200
TEXT_MAX = 3000
REASON_MAX = 1000


# ---------------------------------------------------------------- review per workshop


@dataclass(frozen=True)
class ReviewItem:
    proposal: Recommendation  # as the engine proposes it now
    current: Recommendation  # with staff's decision and rewording applied
    basis: str = ""
    note: str = ""


@dataclass(frozen=True)
class Review:
    items: tuple[ReviewItem, ...]  # engine proposals, in engine order
    own: tuple[Recommendation, ...]  # staff's own recommendations
    stale: tuple[Recommendation, ...]  # decided earlier on rules that no longer apply
    facts: Facts

    @property
    def undecided(self) -> list[Recommendation]:
        return [i.current for i in self.items if i.current.decision is None]

    @property
    def accepted(self) -> list[Recommendation]:
        return [i.current for i in self.items if i.current.decision == "aanvaard"]

    @property
    def rejected(self) -> list[Recommendation]:
        return [i.current for i in self.items if i.current.decision == "afgewezen"]

    def final(self, include_undecided: bool = False) -> list[Recommendation]:
        """What goes into the report: accepted proposals and staff's own (optionally also the
        proposals nobody decided on yet), by priority; proposals before own ones, then id."""
        chosen = self.accepted + list(self.own)
        if include_undecided:
            chosen += self.undecided
        order = {"regel": 0, "eigen": 1}
        return sorted(chosen, key=lambda r: (r.priority, order.get(r.source, 2), _id_key(r.id)))


def _id_key(ident: str) -> tuple[str, int]:
    number = parse_int(ident[len(OWN_PREFIX) :], 0) if ident.startswith(OWN_PREFIX) else None
    return (ident, 0) if number is None else (OWN_PREFIX, number)


def _decisions(db: Database, workshop_id: int) -> list[dict[str, Any]]:
    cur = db.execute(
        "SELECT id, rule_id, decision, title, text, owner, priority, reason, note "
        "FROM recommendation_decisions WHERE workshop_id = ? ORDER BY id",
        [workshop_id],
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _apply(rec: Recommendation, row: dict[str, Any] | None) -> Recommendation:
    if row is None:
        return rec
    reworded = any(row[k] is not None for k in ("title", "text", "owner", "priority"))
    return replace(
        rec,
        title=row["title"] if row["title"] is not None else rec.title,
        text=row["text"] if row["text"] is not None else rec.text,
        owner=row["owner"] if row["owner"] is not None else rec.owner,
        priority=row["priority"] if row["priority"] is not None else rec.priority,
        decision=row["decision"],
        reworded=reworded,
    )


def review(
    db: Database,
    workshop_id: int,
    rules_: RuleBase | None = None,
    cat: Catalog | None = None,
    q: questionnaire.Questionnaire | None = None,
    facts: Facts | None = None,
) -> Review:
    """The engine's proposals for this workshop with staff's decisions, and staff's own."""
    rb = rules_ or rules()
    facts = facts or gather_facts(db, workshop_id, cat=cat, q=q)
    proposals = evaluate(facts, rb)
    rows = _decisions(db, workshop_id)
    by_rule = {r["rule_id"]: r for r in rows if r["rule_id"] is not None}
    items = tuple(
        ReviewItem(
            p,
            _apply(p, by_rule.get(p.id)),
            (rule.basis if (rule := rb.get(p.id)) else ""),
            (by_rule.get(p.id) or {}).get("note") or "",
        )
        for p in proposals
    )
    proposed = {p.id for p in proposals} | {m for p in proposals for m in p.merged}
    stale = []
    for rid, row in by_rule.items():
        if rid in proposed:
            continue
        rule = rb.get(rid)
        base = Recommendation(
            rid,
            render(rule.title, facts, rule) if rule else rid,
            render(rule.text, facts, rule) if rule else "",
            rule.owner if rule else next(iter(rb.owners)),
            rule.priority if rule else max(rb.priorities),
            "",
        )
        stale.append(_apply(base, row))
    own = tuple(
        Recommendation(
            f"{OWN_PREFIX}{r['id']}",
            r["title"] or "",
            r["text"] or "",
            r["owner"] or next(iter(rb.owners)),
            int(r["priority"] or max(rb.priorities)),
            r["reason"] or "",
            source="eigen",
            decision="aanvaard",
        )
        for r in rows
        if r["rule_id"] is None
    )
    return Review(items, own, tuple(sorted(stale, key=lambda r: r.id)), facts)


def _rule_or_fail(rb: RuleBase, rule_id: str) -> Rule:
    rule = rb.get(rule_id)
    if rule is None:
        raise ValueError(f"Onbekende aanbeveling ‘{rule_id}’.")
    return rule


def decide(
    db: Database,
    workshop_id: int,
    rule_id: str,
    decision: str | None,
    actor: str,
    rules_: RuleBase | None = None,
    note: str = "",
) -> None:
    """Accept ('aanvaard') or reject ('afgewezen') a proposal, or clear the decision (None).
    A rewording stays when the decision changes between accepted and rejected."""
    rb = rules_ or rules()
    _rule_or_fail(rb, rule_id)
    if decision is not None and decision not in DECISIONS:
        raise ValueError(f"Onbekende beslissing ‘{decision}’.")
    note = clean_text(note, notes.TEXT_MAX)[:REASON_MAX]
    with write(db):
        if decision is None:
            cur = db.execute(
                "DELETE FROM recommendation_decisions WHERE workshop_id = ? AND rule_id = ?",
                [workshop_id, rule_id],
            )
            if cur.rowcount:
                audit.log(
                    db,
                    actor,
                    "aanbeveling: beoordeling gewist",
                    "workshop",
                    workshop_id,
                    {"aanbeveling": rule_id},
                )
            return
        upsert_decision(db, workshop_id, rule_id, actor, decision=decision, note=note)
        audit.log(
            db,
            actor,
            "aanbeveling aanvaard" if decision == "aanvaard" else "aanbeveling afgewezen",
            "workshop",
            workshop_id,
            {"aanbeveling": rule_id},
        )


def upsert_decision(
    db: Database, workshop_id: int, rule_id: str, actor: str, **values: Any
) -> None:
    stamp = now()
    exists = db.execute(
        "SELECT id FROM recommendation_decisions WHERE workshop_id = ? AND rule_id = ?",
        [workshop_id, rule_id],
    ).fetchone()
    if exists:
        sets = ", ".join(f"{k} = ?" for k in values)
        db.execute(
            f"UPDATE recommendation_decisions SET {sets}, updated_at = ?, updated_by = ? "
            "WHERE id = ?",
            [*values.values(), stamp, actor, exists[0]],
        )
    else:
        cols = ", ".join(values)
        marks = ", ".join("?" * len(values))
        db.execute(
            f"INSERT INTO recommendation_decisions(workshop_id, rule_id, {cols}, created_at, "
            f"created_by, updated_at, updated_by) VALUES (?, ?, {marks}, ?, ?, ?, ?)",
            [workshop_id, rule_id, *values.values(), stamp, actor, stamp, actor],
        )


def _clean_rec(raw: dict[str, Any], rb: RuleBase, with_reason: bool) -> tuple[dict, dict]:
    """Clean and check a recommendation typed by staff: (clean, errors by field)."""
    clean = {
        "title": " ".join(clean_text(raw.get("title"), notes.TEXT_MAX).split())[: TITLE_MAX + 1],
        "text": clean_text(raw.get("text"), notes.TEXT_MAX)[: TEXT_MAX + 1],
        "owner": raw.get("owner"),
        "priority": raw.get("priority"),
        "reason": clean_text(raw.get("reason"), notes.TEXT_MAX)[: REASON_MAX + 1]
        if with_reason
        else "",
    }
    errors: dict[str, str] = {}
    if not clean["title"]:
        errors["title"] = "Geef de aanbeveling een titel."
    elif len(clean["title"]) > TITLE_MAX:
        errors["title"] = f"De titel is te lang (hoogstens {TITLE_MAX} tekens)."
    if not clean["text"]:
        errors["text"] = "Schrijf de aanbeveling uit."
    elif len(clean["text"]) > TEXT_MAX:
        errors["text"] = f"De tekst is te lang (hoogstens {TEXT_MAX} tekens)."
    if clean["owner"] not in rb.owners:
        errors["owner"] = "Kies voor wie de aanbeveling is."
    prio = clean["priority"]
    if isinstance(prio, str) and parse_int(prio) is not None:
        prio = clean["priority"] = parse_int(prio)
    if isinstance(prio, bool) or prio not in rb.priorities:
        errors["priority"] = "Kies een prioriteit."
    if len(clean["reason"] or "") > REASON_MAX:
        errors["reason"] = f"De toelichting is te lang (hoogstens {REASON_MAX} tekens)."
    return clean, errors


def _privacy(clean: dict[str, Any], errors: dict[str, str]) -> dict[str, str]:
    texts = {k: clean[k] for k in ("title", "text", "reason") if clean.get(k)}
    flagged = privacy.check_fields(texts)
    return {f"privacy.{k}": v for k, v in flagged.items() if k not in errors}


def reword(
    db: Database,
    workshop_id: int,
    rule_id: str,
    raw: dict[str, Any],
    actor: str,
    rules_: RuleBase | None = None,
    facts: Facts | None = None,
    privacy_confirmed: bool = False,
) -> dict[str, str]:
    """Accept a proposal with staff's own wording (title, text, owner, priority). What equals
    the rule's own rendering is not stored as a rewording. Errors by field; nothing saved then."""
    rb = rules_ or rules()
    rule = _rule_or_fail(rb, rule_id)
    clean, errors = _clean_rec(raw, rb, with_reason=False)
    if not privacy_confirmed:
        errors.update(_privacy(clean, errors))
    if errors:
        return errors
    facts = facts or gather_facts(db, workshop_id)
    original = {
        "title": render(rule.title, facts, rule),
        "text": render(rule.text, facts, rule),
        "owner": rule.owner,
        "priority": rule.priority,
    }
    values = {k: (None if clean[k] == original[k] else clean[k]) for k in original}
    with write(db):
        upsert_decision(db, workshop_id, rule_id, actor, decision="aanvaard", **values)
        audit.log(
            db,
            actor,
            "aanbeveling herschreven",
            "workshop",
            workshop_id,
            {
                "aanbeveling": rule_id,
                "velden": sorted(k for k, v in values.items() if v is not None),
            },
        )
    return {}


def reset_wording(db: Database, workshop_id: int, rule_id: str, actor: str) -> None:
    """Back to the rule's own wording (the decision stays)."""
    with write(db):
        cur = db.execute(
            "UPDATE recommendation_decisions SET title = NULL, text = NULL, owner = NULL, "
            "priority = NULL, updated_at = ?, updated_by = ? WHERE workshop_id = ? AND rule_id = ?",
            [now(), actor, workshop_id, rule_id],
        )
        if cur.rowcount:
            audit.log(
                db,
                actor,
                "aanbeveling: oorspronkelijke tekst terug",
                "workshop",
                workshop_id,
                {"aanbeveling": rule_id},
            )


def accept_all_open(
    db: Database, workshop_id: int, actor: str, rules_: RuleBase | None = None
) -> int:
    """Accept every proposal nobody decided on yet; returns how many."""
    rb = rules_ or rules()
    open_ids = [r.id for r in review(db, workshop_id, rb).undecided]
    with write(db):
        for rid in open_ids:
            upsert_decision(db, workshop_id, rid, actor, decision="aanvaard")
        if open_ids:
            audit.log(
                db,
                actor,
                "aanbevelingen aanvaard",
                "workshop",
                workshop_id,
                {"aanbevelingen": open_ids},
            )
    return len(open_ids)


def add_own(
    db: Database,
    workshop_id: int,
    raw: dict[str, Any],
    actor: str,
    rules_: RuleBase | None = None,
    privacy_confirmed: bool = False,
) -> tuple[dict[str, str], str | None]:
    """Add a recommendation of staff's own (title, text, owner, priority, optional reason).
    Returns (errors by field, None) or ({}, its id 'eigen-<n>')."""
    rb = rules_ or rules()
    clean, errors = _clean_rec(raw, rb, with_reason=True)
    if not privacy_confirmed:
        errors.update(_privacy(clean, errors))
    if errors:
        return errors, None
    stamp = now()
    since = (datetime.now(UTC) - timedelta(seconds=notes.DUPLICATE_SECONDS)).isoformat(
        timespec="seconds"
    )
    with write(db):
        twice = db.execute(
            "SELECT 1 FROM recommendation_decisions WHERE workshop_id = ? AND rule_id IS NULL "
            "AND title = ? AND text = ? AND created_at >= ? LIMIT 1",
            [workshop_id, clean["title"], clean["text"], since],
        ).fetchone()
        if twice:  # a second click or a second tab: stored once
            return {
                "form": "Precies deze aanbeveling is zojuist al toegevoegd; er is niets dubbel "
                "opgeslagen."
            }, None
        cur = db.execute(
            "INSERT INTO recommendation_decisions(workshop_id, rule_id, decision, title, text, "
            "owner, priority, reason, created_at, created_by, updated_at, updated_by) "
            "VALUES (?, NULL, 'aanvaard', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                workshop_id,
                clean["title"],
                clean["text"],
                clean["owner"],
                clean["priority"],
                clean["reason"],
                stamp,
                actor,
                stamp,
                actor,
            ],
        )
        own_id = f"{OWN_PREFIX}{last_id(cur)}"
        audit.log(
            db, actor, "eigen aanbeveling toegevoegd", "workshop", workshop_id, {"id": own_id}
        )
    return {}, own_id


def _own_rowid(own_id: str) -> int:
    number = parse_int(own_id[len(OWN_PREFIX) :], 0) if own_id.startswith(OWN_PREFIX) else None
    if number is None:
        raise ValueError(f"Geen eigen aanbeveling: ‘{own_id}’.")
    return number


OWN_FIELDS = ("title", "text", "owner", "priority", "reason")


def _plain(value: Any) -> str:
    """A stored or shown field value for comparing (None and "" alike, 2 and "2" alike)."""
    return "" if value is None else str(value)


def update_own(
    db: Database,
    workshop_id: int,
    own_id: str,
    raw: dict[str, Any],
    actor: str,
    rules_: RuleBase | None = None,
    privacy_confirmed: bool = False,
    expected: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """Change one of staff's own recommendations. Errors by field ('form' when it is gone, or
    when it no longer holds the `expected` title, text, owner, priority and reason – what the
    edit form started from: someone else changed it meanwhile, and nothing is saved then)."""
    rb = rules_ or rules()
    rowid = _own_rowid(own_id)
    clean, errors = _clean_rec(raw, rb, with_reason=True)
    if not privacy_confirmed:
        errors.update(_privacy(clean, errors))
    if errors:
        return errors
    with write(db):
        if expected is not None:
            row = db.execute(
                f"SELECT {', '.join(OWN_FIELDS)} FROM recommendation_decisions "
                "WHERE id = ? AND workshop_id = ? AND rule_id IS NULL",
                [rowid, workshop_id],
            ).fetchone()
            if row and [_plain(v) for v in row] != [_plain(expected.get(f)) for f in OWN_FIELDS]:
                return {
                    "form": "Iemand anders heeft deze aanbeveling intussen gewijzigd. Uw tekst "
                    "staat nog in het formulier: kopieer wat u wilt houden, kies Annuleren en "
                    "daarna Wijzigen om de nieuwe versie te openen."
                }
        cur = db.execute(
            "UPDATE recommendation_decisions SET title = ?, text = ?, owner = ?, priority = ?, "
            "reason = ?, updated_at = ?, updated_by = ? "
            "WHERE id = ? AND workshop_id = ? AND rule_id IS NULL",
            [
                clean["title"],
                clean["text"],
                clean["owner"],
                clean["priority"],
                clean["reason"],
                now(),
                actor,
                rowid,
                workshop_id,
            ],
        )
        if cur.rowcount != 1:
            return {"form": "Deze aanbeveling bestaat niet meer."}
        audit.log(db, actor, "eigen aanbeveling gewijzigd", "workshop", workshop_id, {"id": own_id})
    return {}


def delete_own(db: Database, workshop_id: int, own_id: str, actor: str) -> bool:
    rowid = _own_rowid(own_id)
    with write(db):
        cur = db.execute(
            "DELETE FROM recommendation_decisions WHERE id = ? AND workshop_id = ? "
            "AND rule_id IS NULL",
            [rowid, workshop_id],
        )
        if cur.rowcount:
            audit.log(
                db, actor, "eigen aanbeveling verwijderd", "workshop", workshop_id, {"id": own_id}
            )
    return bool(cur.rowcount)
