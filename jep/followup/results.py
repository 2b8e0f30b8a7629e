"""The Terugblik of one workshop: everything the staff view and the report's addendum show,
collected once (`terugblik`), so the screen and the PDF give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.followup import answers as fa
from jep.followup.due import Due, due_of
from jep.followup.participants import ParticipantResults, results
from jep.followup.questionnaire import FollowupConfig, config
from jep.reference.catalog import Catalog, catalog
from jep.workshop import intake, workshops

KNELPUNT_COLUMNS = ["knelpunt_id", "knelpunt", "short", "kind", "before", "after", "change"]
SHORT_MAX = 60


@dataclass(frozen=True)
class Terugblik:
    workshop: workshops.WorkshopRow
    due: Due | None
    record: dict[str, Any] | None  # jep.followup.answers.load
    recommendations: pd.DataFrame  # number, rec_id, title, text, owner, status, status_label,
    #                                role, role_label, helped, blocked
    knelpunten: pd.DataFrame  # KNELPUNT_COLUMNS; kind 'voorgesprek' | 'eigen' | 'nieuw'
    context: pd.DataFrame  # question, before, now (Dutch answers)
    usage: pd.DataFrame  # item, answer
    next_workshop: str  # Dutch answer or '—'
    support: list[str]  # Dutch labels
    participants: ParticipantResults

    @property
    def submitted(self) -> bool:
        return bool(self.record and self.record["state"] == "ingediend")


def recommendation_rows(record: dict[str, Any], cfg: FollowupConfig | None = None) -> pd.DataFrame:
    """The recommendations of the sent report with the municipality's answers."""
    cfg = cfg or config()
    recs = record["basis"].get("recommendations", [])
    given = record["answers"].get("recommendations", {})
    rows = []
    for r in recs:
        ans = given.get(r["id"]) or {}
        rows.append(
            {
                "number": r.get("number"),
                "rec_id": r["id"],
                "title": r.get("title", ""),
                "text": r.get("text", ""),
                "owner": r.get("owner", ""),
                "status": ans.get("status"),
                "status_label": cfg.status_label(ans.get("status")),
                "role": ans.get("role"),
                "role_label": cfg.role_label(ans.get("role")),
                "helped": ans.get("helped") or "",
                "blocked": ans.get("blocked") or "",
            }
        )
    cols = ["number", "rec_id", "title", "text", "owner", "status", "status_label", "role"]
    return pd.DataFrame(rows, columns=[*cols, "role_label", "helped", "blocked"])


def _short(text: str) -> str:
    return text if len(text) <= SHORT_MAX else text[: SHORT_MAX - 1].rstrip() + "…"


def knelpunt_rows(
    record: dict[str, Any], intake_answers: dict[str, Any], cat: Catalog
) -> pd.DataFrame:
    """Per knelpunt the severity in the intake and today (the dumbbell's data): the intake's
    knelpunten first (most severe then first), then the new ones."""
    ans = record["answers"]
    rows = []
    for kp in record["basis"].get("knelpunten", []):
        after = (ans["knelpunten"].get(kp["id"]) or {}).get("severity")
        rows.append(
            {
                "knelpunt_id": kp["id"],
                "knelpunt": fa.knelpunt_label(kp["id"], cat, intake_answers, ans),
                "short": _short(fa.knelpunt_label(kp["id"], cat, intake_answers, ans, True)),
                "kind": "eigen" if kp["id"].startswith(fa.OWN_PREFIX) else "voorgesprek",
                "before": kp.get("before"),
                "after": after,
            }
        )
    for i, new in enumerate(ans.get("new_knelpunten") or [], 1):
        kid = new.get("knelpunt_id") or f"{fa.NEW_PREFIX}{i}"
        rows.append(
            {
                "knelpunt_id": kid,
                "knelpunt": fa.knelpunt_label(kid, cat, intake_answers, ans),
                "short": _short(fa.knelpunt_label(kid, cat, intake_answers, ans, True)),
                "kind": "nieuw",
                "before": None,
                "after": new.get("severity"),
            }
        )
    df = pd.DataFrame(rows, columns=KNELPUNT_COLUMNS[:-1])
    df["before"] = pd.to_numeric(df["before"], errors="coerce").astype(float)
    df["after"] = pd.to_numeric(df["after"], errors="coerce").astype(float)
    df["change"] = df["after"] - df["before"]
    return df[KNELPUNT_COLUMNS]


def terugblik(
    db: Database,
    workshop_id: int,
    today: date | None = None,
    cfg: FollowupConfig | None = None,
    cat: Catalog | None = None,
) -> Terugblik:
    """Everything about one workshop's follow-up (KeyError when the workshop does not exist)."""
    cfg = cfg or config()
    cat = cat or catalog()
    w = workshops.get(db, workshop_id)
    if w is None:
        raise KeyError(workshop_id)
    record = fa.load(db, workshop_id)
    try:
        intake_answers = intake.load(db, workshop_id)["answers"]
    except KeyError:
        intake_answers = intake.empty_answers()
    due = due_of(db, workshop_id, today or date.today(), cfg)
    people = results(db, [workshop_id], cfg)
    if record is None:
        return Terugblik(
            w,
            due,
            None,
            recommendation_rows({"basis": {}, "answers": {}}, cfg),
            pd.DataFrame(columns=KNELPUNT_COLUMNS),
            pd.DataFrame(columns=["question", "before", "now"]),
            pd.DataFrame(columns=["item", "answer"]),
            "—",
            [],
            people,
        )
    a = record["answers"]
    context = pd.DataFrame(
        [
            {
                "question": question,
                "before": intake.CONTEXT_ANSWERS.get(
                    record["basis"]["context"].get(key) or "", "—"
                ),
                "now": intake.CONTEXT_ANSWERS.get(a["context"].get(key) or "", "—"),
            }
            for key, question in intake.CONTEXT_QUESTIONS.items()
        ],
        columns=["question", "before", "now"],
    )
    usage = pd.DataFrame(
        [
            {
                "item": item.text,
                "answer": cfg.usage_answers[a["usage"][key]].label
                if a["usage"].get(key) in cfg.usage_answers
                else "—",
            }
            for key, item in cfg.usage.items()
        ],
        columns=["item", "answer"],
    )
    nxt = a.get("next_workshop")
    return Terugblik(
        w,
        due,
        record,
        recommendation_rows(record, cfg),
        knelpunt_rows(record, intake_answers, cat),
        context,
        usage,
        cfg.next_answers[nxt].label if nxt in cfg.next_answers else "—",
        [cfg.support[s].label for s in a.get("support") or [] if s in cfg.support],
        people,
    )


def status_counts(recs: pd.DataFrame, cfg: FollowupConfig | None = None) -> pd.DataFrame:
    """How many recommendations per status (every status of the file, in its order, then
    'nog niet ingevuld'). Columns: status, label, count."""
    cfg = cfg or config()
    counts = recs["status"].value_counts(dropna=False) if len(recs) else pd.Series(dtype=int)
    rows = [
        {"status": s.id, "label": s.label, "count": int(counts.get(s.id, 0))}
        for s in cfg.statuses.values()
    ]
    missing = int(recs["status"].isna().sum()) if len(recs) else 0
    if missing:
        rows.append({"status": "", "label": "Nog niet ingevuld", "count": missing})
    return pd.DataFrame(rows, columns=["status", "label", "count"])
