"""Everything the report of one workshop shows, collected once (`collect`).

Built on the workshop snapshot of `jep.report.facts` (the same one the recommendation engine
uses), the evaluation statistics and the review of the recommendations, so every number equals
the screens'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.errors import UserError
from jep.evaluation import questionnaire
from jep.evaluation import stats as es
from jep.reference.catalog import Catalog
from jep.report import charts as charts
from jep.report import engine, facts, review, rules
from jep.store.db import now
from jep.workshop import mix, workshops


class ReportError(UserError):
    """A report action was refused; the Dutch message is safe to show."""


@dataclass
class ReportData:
    """Everything the report shows, collected once from the database."""

    workshop: workshops.WorkshopRow
    facts: facts.Facts
    intake_state: str | None
    answers: dict[str, Any]
    by_domain: pd.DataFrame
    attended: pd.DataFrame | None  # mix.attended_vs_registered, None before attendance
    desired: pd.DataFrame  # mix.desired_vs_registered
    notes: pd.DataFrame
    responses: pd.DataFrame  # evaluation_stats.responses_vs_attendance
    items: pd.DataFrame
    goals: pd.DataFrame
    grade_dist: pd.DataFrame
    grade_stats: pd.DataFrame
    likert: pd.DataFrame
    compare: pd.DataFrame
    open_answers: pd.DataFrame
    n_responses: int
    recommendations: list[engine.Recommendation]
    undecided: int
    rules: rules.RuleBase
    cat: Catalog
    q: questionnaire.Questionnaire
    number: int | None = None
    created_at: str = ""


def collect(
    db: Database,
    workshop_id: int,
    include_undecided: bool = False,
    cat: Catalog | None = None,
    q: questionnaire.Questionnaire | None = None,
    rules_: rules.RuleBase | None = None,
) -> ReportData:
    """Read everything the report of one workshop needs."""
    rules_ = rules_ or rules.rules()
    try:
        snap = facts.snapshot(db, workshop_id, cat=cat, q=q)
    except KeyError:
        raise ReportError("Dit werkatelier bestaat niet.") from None
    cat, q, pdf, data = snap.cat, snap.q, snap.participants, snap.evaluation
    known = facts.facts_of(snap)
    rv = review.review(db, workshop_id, rules_, cat=cat, q=q, facts=known)
    return ReportData(
        workshop=snap.workshop,
        facts=known,
        intake_state=snap.intake_state,
        answers=snap.intake_answers,
        by_domain=mix.by_domain(pdf, cat),
        attended=mix.attended_vs_registered(pdf, cat) if pdf["attended"].notna().any() else None,
        desired=mix.desired_vs_registered(snap.desired, pdf, cat),
        notes=snap.notes,
        responses=es.responses_vs_attendance(db, data=data, present=mix.present_count(pdf)),
        items=es.item_stats(data),
        goals=es.goal_stats(data),
        grade_dist=es.grade_distribution(data),
        grade_stats=es.grade_stats(data),
        likert=es.likert_stats(data),
        compare=es.compare_with_others(db, workshop_id, q=q, cat=cat),
        open_answers=es.open_answers(data),
        n_responses=len(data.responses),
        recommendations=rv.final(include_undecided),
        undecided=0 if include_undecided else len(rv.undecided),
        rules=rules_,
        cat=cat,
        q=q,
        created_at=now(),
    )
