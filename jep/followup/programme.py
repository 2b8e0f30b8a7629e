"""Follow-up figures over many workshops, for the programme dashboard and the report review.

Every function takes the workshops in view as ids (the dashboard passes the workshops of its
filters, `jep.programme.dashboard.scope_workshops`), so the figures follow the same filters as the
rest of the page; without ids (the rules' track record) every workshop that counts in statistics
(demo workshops only while there are no real ones). Only submitted follow-ups count in the
results; the schedule counts every workshop whose report was sent.

Definitions
- *Implemented*: the municipality answered a status marked `implemented` (uitgevoerd); the share
  implemented is taken over the answers with a `counted` status (so "niet meer van toepassing"
  is left out).
- *Domain*: the domain of the role that picked a recommendation up (data/followup.toml); a
  recommendation nobody picked up counts under "Niet opgepakt".
- *Response rate*: of the follow-ups that are due (due date today or earlier), the share
  submitted.
- *Change in severity*: today's severity minus the intake's, per knelpunt of the catalogue named
  in the intake (negative: the knelpunt shrank).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.followup.due import schedule
from jep.followup.participants import ParticipantResults, results
from jep.followup.questionnaire import FollowupConfig, config
from jep.reference.catalog import Catalog, catalog
from jep.workshop import workshops

OWN = "Eigen aanbevelingen van medewerkers"
NOT_PICKED_UP = "Niet opgepakt"


def _ids(workshop_ids: Sequence[int] | None) -> str | None:
    return None if workshop_ids is None else json.dumps([int(i) for i in workshop_ids])


def _scope(alias: str, workshop_ids: Sequence[int] | None) -> tuple[str, list[Any]]:
    """A WHERE condition for the workshops in view; without ids, every workshop that counts in
    statistics (demo ones only while there are no real ones, `workshops.COUNTED_SQL`). An IN over
    a subquery, so SQLite builds one lookup table of the ids (a join with json_each would be
    scanned for every row)."""
    ids = _ids(workshop_ids)
    if ids is None:
        counted = workshops.counted_sql("cw")
        return f"{alias}.workshop_id IN (SELECT cw.id FROM workshops cw WHERE {counted})", []
    return f"{alias}.workshop_id IN (SELECT value FROM json_each(?))", [ids]


# ---------------------------------------------------------------- schedule


def overview(
    db: Database,
    today: date,
    workshop_ids: Sequence[int] | None = None,
    cfg: FollowupConfig | None = None,
    plan: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Counts of the schedule: sent (reports sent), due (due date today or earlier), submitted,
    overdue, todo (due, not yet overdue), later, drafts (started, not submitted), reminded,
    needs_reminder (overdue, not reminded since it became due), response_rate (submitted of due;
    None when nothing is due yet)."""
    cfg = cfg or config()
    plan = schedule(db, today, workshop_ids, cfg) if plan is None else plan
    state = plan["state"]
    is_due = pd.Series([d is not None and d <= today for d in plan["due_on"]], dtype=bool)
    due = int(is_due.sum())
    submitted_due = int(((state == "ingediend").to_numpy() & is_due.to_numpy()).sum())
    reminded = plan["reminded_on"]
    late = plan[state == "achterstallig"]
    needs = int(
        sum(
            1
            for r, d in zip(late["reminded_on"], late["due_on"], strict=True)
            if r is None or pd.isna(r) or r < d
        )
    )
    return {
        "sent": int(len(plan)),
        "due": due,
        "submitted": int((state == "ingediend").sum()),
        "overdue": int((state == "achterstallig").sum()),
        "todo": int((state == "te-doen").sum()),
        "later": int((state == "later").sum()),
        "drafts": int(plan["started"].sum()),
        "reminded": int(reminded.notna().sum()),
        "needs_reminder": needs,
        "response_rate": submitted_due / due if due else None,
    }


def worklist(plan: pd.DataFrame) -> pd.DataFrame:
    """The follow-ups staff should act on: due or overdue and not submitted, most urgent first."""
    return plan[plan["state"].isin(["achterstallig", "te-doen"])].reset_index(drop=True)


# ---------------------------------------------------------------- recommendations


def _recs(db: Database, workshop_ids: Sequence[int] | None) -> pd.DataFrame:
    where, params = _scope("r", workshop_ids)
    return pd.read_sql_query(
        "SELECT r.workshop_id, r.rec_id, r.rule_id, r.owner, r.status, r.role "
        "FROM followup_recommendations r "
        "JOIN followups f ON f.workshop_id = r.workshop_id AND f.state = 'ingediend' "
        f"WHERE {where}",
        db.conn,
        params=params,
    )


def _rule_titles() -> dict[str, str]:
    try:
        from jep.report import rules

        return {r.id: r.title for r in rules.rules().rules}
    except Exception:  # noqa: BLE001 - a broken rule file must not break the figures
        return {}


def _shares(df: pd.DataFrame, by: str, cfg: FollowupConfig) -> pd.DataFrame:
    """Per group: given, answered (counted statuses), implemented, in progress and the rest."""
    implemented, counted = set(cfg.implemented), set(cfg.counted)
    status_cols = {s.id: f"n_{s.id}" for s in cfg.statuses.values()}
    if df.empty:
        cols = [by, "given", "counted", "implemented", *status_cols.values(), "share_implemented"]
        return pd.DataFrame(columns=cols)
    g = df.assign(
        given=1,
        counted=df["status"].isin(counted).astype(int),
        implemented=df["status"].isin(implemented).astype(int),
        **{col: (df["status"] == sid).astype(int) for sid, col in status_cols.items()},
    )
    out = (
        g.groupby(by, dropna=False)[["given", "counted", "implemented", *status_cols.values()]]
        .sum()
        .reset_index()
    )
    out["share_implemented"] = out["implemented"] / out["counted"].where(out["counted"] > 0)
    return out


def by_rule(
    db: Database,
    workshop_ids: Sequence[int] | None = None,
    cfg: FollowupConfig | None = None,
) -> pd.DataFrame:
    """Per recommendation rule (staff's own together in one row, rule_id ''): given (in the sent
    reports of submitted follow-ups), counted, implemented, per status, share_implemented (0–1),
    recommendation (the rule's title). Most often given first."""
    cfg = cfg or config()
    df = _recs(db, workshop_ids)
    df["rule_id"] = df["rule_id"].fillna("")
    out = _shares(df, "rule_id", cfg)
    titles = _rule_titles()
    out["recommendation"] = [titles.get(r, r) if r else OWN for r in out["rule_id"]]
    out = out.sort_values(["given", "rule_id"], ascending=[False, True], key=None)
    own_last = out["rule_id"].eq("")
    return pd.concat([out[~own_last], out[own_last]]).reset_index(drop=True)


def by_domain(
    db: Database,
    workshop_ids: Sequence[int] | None = None,
    cfg: FollowupConfig | None = None,
    cat: Catalog | None = None,
) -> pd.DataFrame:
    """Per domain of the role that picked the recommendations up (catalogue order; 'Niet
    opgepakt' last): given, counted, implemented, per status, share_implemented, domain."""
    cfg = cfg or config()
    cat = cat or catalog()
    df = _recs(db, workshop_ids)
    role_domain = {r.id: r.domain for r in cfg.roles.values()}
    df["domain_id"] = df["role"].map(role_domain).fillna("")
    out = _shares(df, "domain_id", cfg)
    order = {d: i for i, d in enumerate(cat.domains)}
    out["domain"] = [
        cat.domains[d].name if d in cat.domains else NOT_PICKED_UP for d in out["domain_id"]
    ]
    out["_ord"] = out["domain_id"].map(order).fillna(len(order))
    return out.sort_values("_ord").drop(columns="_ord").reset_index(drop=True)


def track_record(db: Database, cfg: FollowupConfig | None = None) -> dict[str, dict[str, Any]]:
    """Per rule id over every submitted follow-up of the programme: municipalities (given),
    counted, implemented, share (0–1 or None), shown (at least `track_min` follow-ups) and rarely
    (shown and the share below `track_rarely_below`)."""
    cfg = cfg or config()
    df = by_rule(db, None, cfg)
    out: dict[str, dict[str, Any]] = {}
    for r in df.itertuples(index=False):
        if not r.rule_id:
            continue
        share = None if pd.isna(r.share_implemented) else float(r.share_implemented)
        shown = int(r.counted) >= cfg.track_min
        out[str(r.rule_id)] = {
            "given": int(r.given),
            "counted": int(r.counted),
            "implemented": int(r.implemented),
            "share": share,
            "shown": shown,
            "rarely": shown and share is not None and share < cfg.track_rarely_below,
        }
    return out


def track_sentence(record: dict[str, Any] | None, cfg: FollowupConfig | None = None) -> str:
    """One Dutch line on a rule's track record for the review screen ('' when too few)."""
    cfg = cfg or config()
    if not record or not record["shown"]:
        return ""
    pct = "—" if record["share"] is None else f"{record['share']:.0%}"
    text = (
        f"Bij de terugblik na {cfg.due_after_months} maanden was dit advies in "
        f"{record['implemented']} van {record['counted']} gemeenten uitgevoerd ({pct})."
    )
    return ("Wordt zelden uitgevoerd. " + text) if record["rarely"] else text


# ---------------------------------------------------------------- knelpunten


def knelpunt_change(
    db: Database, workshop_ids: Sequence[int] | None = None, cat: Catalog | None = None
) -> pd.DataFrame:
    """Per catalogue knelpunt named in the intake, over submitted follow-ups with a severity then
    and now: followups, before_mean, after_mean, change_mean (after − before; negative = smaller),
    share_smaller, knelpunt (short text). Largest decrease first."""
    cat = cat or catalog()
    where, params = _scope("k", workshop_ids)
    df = pd.read_sql_query(
        "SELECT k.knelpunt_id, count(*) AS followups, avg(k.before) AS before_mean, "
        "avg(k.after) AS after_mean, avg(k.after - k.before) AS change_mean, "
        "avg(k.after < k.before) AS share_smaller "
        "FROM followup_knelpunten k "
        "JOIN followups f ON f.workshop_id = k.workshop_id AND f.state = 'ingediend' "
        f"WHERE {where} AND k.kind = 'voorgesprek' AND k.before IS NOT NULL "
        "AND k.after IS NOT NULL "
        "GROUP BY k.knelpunt_id ORDER BY change_mean, followups DESC, k.knelpunt_id",
        db.conn,
        params=params,
    )
    df["knelpunt"] = [
        cat.knelpunten[k].short if k in cat.knelpunten else k for k in df["knelpunt_id"]
    ]
    df["short"] = df["knelpunt"]
    cols = [
        "knelpunt_id",
        "knelpunt",
        "short",
        "followups",
        "before_mean",
        "after_mean",
        "change_mean",
    ]
    return df[[*cols, "share_smaller"]]


def new_knelpunten(
    db: Database, workshop_ids: Sequence[int] | None = None, cat: Catalog | None = None
) -> pd.DataFrame:
    """Catalogue knelpunten named as new in submitted follow-ups: knelpunt, followups,
    severity_mean. Most often first."""
    cat = cat or catalog()
    where, params = _scope("k", workshop_ids)
    df = pd.read_sql_query(
        "SELECT k.knelpunt_id, count(*) AS followups, avg(k.after) AS severity_mean "
        "FROM followup_knelpunten k "
        "JOIN followups f ON f.workshop_id = k.workshop_id AND f.state = 'ingediend' "
        f"WHERE {where} AND k.kind = 'nieuw' AND k.knelpunt_id NOT LIKE 'nieuw-%' "
        "GROUP BY k.knelpunt_id ORDER BY followups DESC, k.knelpunt_id",
        db.conn,
        params=params,
    )
    df["knelpunt"] = [
        cat.knelpunten[k].short if k in cat.knelpunten else k for k in df["knelpunt_id"]
    ]
    return df[["knelpunt_id", "knelpunt", "followups", "severity_mean"]]


def participants(
    db: Database, workshop_ids: Sequence[int], cfg: FollowupConfig | None = None
) -> ParticipantResults:
    """The participants' short follow-up over the workshops in view (hidden below min_cell)."""
    return results(db, workshop_ids, cfg)


# ---------------------------------------------------------------- presentation

TABLES: dict[str, dict[str, Any]] = {
    "terugblik-te-doen": {
        "title": "Terugblikken die te doen of achterstallig zijn",
        "columns": {
            "municipality": "Gemeente",
            "province": "Provincie",
            "sent_on": "Verslag verstuurd",
            "due_on": "Terugblik vanaf",
            "remind_on": "Herinnering vanaf",
            "state_label": "Stand",
            "started": "Concept opgeslagen",
            "link_on": "Link uitgegeven",
            "reminded_on": "Herinnerd",
        },
    },
    "terugblik-aanbevelingen": {
        "title": "Aanbevelingen: hoe vaak uitgevoerd na de terugblik",
        "columns": {
            "recommendation": "Aanbeveling",
            "given": "Gegeven (ingevulde terugblikken)",
            "counted": "Met een stand van zaken",
            "implemented": "Telt als uitgevoerd",
            "share_implemented": "Aandeel uitgevoerd",
        },
    },
    "terugblik-domeinen": {
        "title": "Aanbevelingen per domein van wie ze oppakte",
        "columns": {
            "domain": "Domein",
            "given": "Aanbevelingen",
            "counted": "Met een stand van zaken",
            "implemented": "Telt als uitgevoerd",
            "share_implemented": "Aandeel uitgevoerd",
        },
    },
    "terugblik-knelpunten": {
        "title": "Knelpunten: ernst in het voorgesprek en bij de terugblik",
        "columns": {
            "knelpunt": "Knelpunt",
            "followups": "Terugblikken",
            "before_mean": "Ernst voorgesprek (gem.)",
            "after_mean": "Ernst nu (gem.)",
            "change_mean": "Verandering (gem.)",
            "share_smaller": "Aandeel kleiner geworden",
        },
    },
    "terugblik-deelnemers": {
        "title": "Terugblik van deelnemers",
        "columns": {
            "item": "Vraag",
            "n": "Antwoorden",
            "mean": "Gemiddeld (1–5)",
            "share_yes": "Aandeel ja",
            "detail": "Toelichting",
        },
    },
}


def status_columns(cfg: FollowupConfig | None = None) -> dict[str, str]:
    """The per-status count columns with their Dutch headings."""
    cfg = cfg or config()
    return {f"n_{s.id}": s.label for s in cfg.statuses.values()}


def present(df: pd.DataFrame, table: str, cfg: FollowupConfig | None = None) -> pd.DataFrame:
    """The columns people see, with Dutch headings (screen and exports); the per-status counts
    follow the recommendation tables' own columns."""
    cfg = cfg or config()
    cols = dict(TABLES[table]["columns"])
    if table in ("terugblik-aanbevelingen", "terugblik-domeinen"):
        if len(cfg.implemented) == 1:  # the status's own column says it
            cols.pop("implemented")
        share = cols.pop("share_implemented")
        cols.update(status_columns(cfg))
        cols["share_implemented"] = share
    shown = df[[c for c in cols if c in df.columns]].rename(columns=cols)
    if "Concept opgeslagen" in shown.columns:
        shown["Concept opgeslagen"] = shown["Concept opgeslagen"].map({True: "ja", False: "nee"})
    return shown.reset_index(drop=True)
