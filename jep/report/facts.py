"""The facts of one workshop: one snapshot read from the database, shared by engine and PDF.

`snapshot` reads the workshop, its intake, desired sectors, participants, notes and evaluation
answers once; `facts_of` turns it into `Facts`, the plain data the recommendation engine looks at;
the report (`jep.report.content`) shows the same snapshot, so every number equals the screens'.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.evaluation import questionnaire
from jep.evaluation import stats as es
from jep.reference.catalog import Catalog, catalog
from jep.workshop import intake, mix, notes, participants, planning, workshops

# ---------------------------------------------------------------- facts


@dataclass(frozen=True)
class Facts:
    """Everything the engine looks at for one workshop. Plain data (JSON-friendly), so tests can
    build it by hand and a report version can keep a copy.

    - knelpunten: intake knelpunt id -> severity; context: question -> 'ja'/'nee'/'weet_niet'
    - basis: 'aanwezig' (attendance marked), 'aangemeld' (registered) or 'geen' (nobody yet);
      domains / sectors: count of participants on that basis per domain / sector id;
      desired: sector -> participants desired in the intake
    - items: evaluation item id -> {text, short, kind, n, before, now, gain};
      goals: goal id -> {title, n, before, now, gain}; respondents; grade_median
    - day_knelpunten: catalogue knelpunt id -> 'bevestigd' | 'nieuw' (facilitators' notes);
      note_counts: kind -> number of notes; dilemma_steps: step -> number of dilemmas
    - own_knelpunten: the knelpunten the municipality added itself [{text, severity}];
      legal_questions: the legal questions of the day [{question, answer}]
    - labels: display names {'knelpunt': {id: short}, 'question': …, 'domain': …, 'sector': …,
      'step': {str(number): title}}
    """

    municipality: str = ""
    province: str = ""
    date: str | None = None
    workshop_id: int | None = None
    knelpunten: dict[str, int] = field(default_factory=dict)
    context: dict[str, str | None] = field(default_factory=dict)
    basis: str = "geen"
    domains: dict[str, int] = field(default_factory=dict)
    sectors: dict[str, int] = field(default_factory=dict)
    desired: dict[str, int] = field(default_factory=dict)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    goals: dict[str, dict[str, Any]] = field(default_factory=dict)
    respondents: int = 0
    grade_median: float | None = None
    day_knelpunten: dict[str, str] = field(default_factory=dict)
    note_counts: dict[str, int] = field(default_factory=dict)
    dilemma_steps: dict[int, int] = field(default_factory=dict)
    own_knelpunten: list[dict[str, Any]] = field(default_factory=list)
    legal_questions: list[dict[str, str]] = field(default_factory=list)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def catalogue_labels(cat: Catalog) -> dict[str, dict[str, str]]:
    """The display names the engine's reasons use, from the catalogue."""
    return {
        "knelpunt": {k.id: k.short for k in cat.knelpunten.values()},
        "question": dict(intake.CONTEXT_QUESTIONS),
        "answer": dict(intake.CONTEXT_ANSWERS),
        "domain": {d.id: d.name for d in cat.domains.values()},
        "sector": {s.id: s.name for s in cat.sectors.values()},
        "step": {str(s.number): s.title for s in cat.steps},
    }


def _num(x: Any) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


# ---------------------------------------------------------------- the snapshot


@dataclass(frozen=True)
class Snapshot:
    """One workshop as stored, read once: what both the recommendation engine (through `Facts`)
    and the report (`jep.report.content`) look at.

    participants: `participants.list_df`; notes: `notes.list_df`; evaluation: the workshop's
    evaluation answers (`stats.load`); knelpunten: intake knelpunt id -> severity; desired: sector
    -> participants the intake asked for."""

    workshop: workshops.WorkshopRow
    intake_answers: dict[str, Any]
    intake_state: str | None
    knelpunten: dict[str, int]
    desired: dict[str, int]
    participants: pd.DataFrame
    notes: pd.DataFrame
    evaluation: es.EvalData
    cat: Catalog
    q: questionnaire.Questionnaire


def snapshot(
    db: Database,
    workshop_id: int,
    cat: Catalog | None = None,
    q: questionnaire.Questionnaire | None = None,
) -> Snapshot:
    """Read one workshop and everything recorded about it (each table once). KeyError when the
    workshop does not exist."""
    cat = cat or catalog()
    q = q or questionnaire.questionnaire()
    w = workshops.get(db, workshop_id)
    if w is None:
        raise KeyError(workshop_id)
    try:
        record = intake.load(db, workshop_id)
        answers, state = record["answers"], record["state"]
    except KeyError:
        answers, state = intake.empty_answers(), None
    knelpunten = dict(sorted(intake.severities(db, workshop_id).items()))
    return Snapshot(
        workshop=w,
        intake_answers=answers,
        intake_state=state,
        knelpunten=knelpunten,
        desired=planning.desired(db, workshop_id),
        participants=participants.list_df(db, workshop_id),
        notes=notes.list_df(db, workshop_id),
        evaluation=es.load(db, workshop_ids=[workshop_id], q=q, cat=cat),
        cat=cat,
        q=q,
    )


def facts_of(snap: Snapshot) -> Facts:
    """The facts of a snapshot (no database access)."""
    cat, w, pdf, data = snap.cat, snap.workshop, snap.participants, snap.evaluation
    context = dict(snap.intake_answers.get("context") or {})
    table = mix.attended_vs_registered(pdf, cat)
    if pdf["attended"].notna().any():
        basis, col = "aanwezig", "attended"
    elif int(table["registered"].sum()):
        basis, col = "aangemeld", "registered"
    else:
        basis, col = "geen", "registered"
    rows = es.rows_of  # plain values row by row (itertuples costs more than the statistics)
    sectors = {sid: int(n) for sid, n in rows(table, "sector_id", col)}
    domains: dict[str, int] = dict.fromkeys(cat.domains, 0)
    for did, n in rows(table, "domain_id", col):
        domains[did] = domains.get(did, 0) + int(n)
    items: dict[str, dict[str, Any]] = {}
    pp = es.item_stats(data)
    for iid, text, short, n, before, now, gain in rows(
        pp, "item_id", "text", "item", "n", "before_mean", "now_mean", "gain_mean"
    ):
        items[iid] = {
            "text": text,
            "short": short,
            "kind": "prepost",
            "n": int(n),
            "before": _num(before),
            "now": _num(now),
            "gain": _num(gain),
        }
    lk = es.likert_stats(data)
    for iid, text, short, n, mean in rows(lk, "item_id", "text", "item", "n", "mean"):
        items[iid] = {
            "text": text,
            "short": short,
            "kind": "likert",
            "n": int(n),
            "before": None,
            "now": _num(mean),
            "gain": None,
        }
    gs = es.goal_stats(data)
    goals = {
        gid: {
            "title": title,
            "n": int(n),
            "before": _num(before),
            "now": _num(now),
            "gain": _num(gain),
        }
        for gid, title, n, before, now, gain in rows(
            gs, "goal_id", "goal", "n", "before_mean", "now_mean", "gain_mean"
        )
    }
    grades = es.grade_stats(data).iloc[0]
    return Facts(
        municipality=w["municipality_name"],
        province=w["province"],
        date=w["date"],
        workshop_id=int(w["id"]),
        knelpunten=dict(snap.knelpunten),
        context=context,
        basis=basis,
        domains=domains,
        sectors=sectors,
        desired=dict(snap.desired),
        items=items,
        goals=goals,
        respondents=len(data.responses),
        grade_median=_num(grades["median"]) if grades["n"] else None,
        day_knelpunten=notes.day_knelpunten_of(snap.notes),
        note_counts=notes.counts_of(snap.notes),
        dilemma_steps=notes.dilemma_steps_of(snap.notes),
        own_knelpunten=[
            {"text": str(own.get("text") or ""), "severity": int(own.get("severity") or 0)}
            for own in snap.intake_answers.get("own_knelpunten") or []
            if own.get("text")
        ],
        legal_questions=[
            {"question": str(r["text"] or ""), "answer": str(r["detail"] or "")}
            for r in notes.records(snap.notes[snap.notes["kind"] == "juridisch"])
        ],
        labels=catalogue_labels(cat),
    )


def gather_facts(
    db: Database,
    workshop_id: int,
    cat: Catalog | None = None,
    q: questionnaire.Questionnaire | None = None,
) -> Facts:
    """The facts of one workshop, read from the database (evaluation figures through
    `jep.evaluation.stats`, the mix through `jep.workshop.mix`, so they equal the screens')."""
    return facts_of(snapshot(db, workshop_id, cat=cat, q=q))
