"""All aggregation of the evaluation, as pandas DataFrames (no plotting, no Streamlit).

The screens (plotly, `jep.charts_eval`) and the PDF report (matplotlib) draw from these same
tables, so a number never differs between screen and paper. Column names are part of the API and
documented per function; they are English snake_case, labels for people are in Dutch.

Every function takes either a database connection plus a scope (`workshop_ids`, `year`,
`province`), an `EvalData` made once with `load(...)` (every answer; cheaper when a page draws many
charts of one workshop), or an `EvalCounts` made once with `counts(...)` (the same figures from
SQL aggregates – counts per distinct answer and scores per respondent – without holding every
answer: for the whole programme, hundreds of thousands of them):

    data = load(d, workshop_ids=[12])
    items = item_stats(data)
    programme = counts(d, year=2026)
    goals = goal_stats(programme)

All statistics are computed from those aggregates, whichever source they came from, so the
numbers are the same either way.

Definitions
- A **respondent** is one response (online or paper). Items are matched across questionnaire
  versions by id; a respondent counts for an item only if their version asked it (`n_asked`),
  and `n_missing = n_asked − n` are those who left it blank.
- **Pre/post items**: `n` counts respondents who gave both "vóór" and "nu". *Improved* means
  now > before on that item. **Goal scores** are per respondent: the mean of their answered items
  of that goal, before and now; a respondent improved on a goal when their now-score is higher.
- **Suppression**: in breakdowns (by sector, by workshop) a cell with fewer than `min_cell`
  (data/evaluation.toml, 3) respondents is hidden: its numbers become missing, `hidden` is True and
  `hidden_reason` says why. When one hidden cell could be worked out from the total and the other
  cells, the next smallest cell is hidden too (reason: terugrekenen).
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlite_utils import Database

from jep.evaluation import kept
from jep.evaluation.questionnaire import Questionnaire, questionnaire
from jep.evaluation.responses import stored_definitions
from jep.reference.catalog import Catalog, catalog
from jep.store import memory
from jep.text import parse_int
from jep.workshop.workshops import HELD, counted_sql, uncounted_ids

NO_SECTOR = "Niet opgegeven"
REASON_SMALL = "minder dan {n} respondenten"
REASON_SECONDARY = "verborgen zodat een kleine groep niet terug te rekenen is"
GRADE = "rapportcijfer"


# ---------------------------------------------------------------- loading


@dataclass(frozen=True)
class EvalData:
    """The raw material of one scope, loaded once.

    - `workshops`: workshop_id, municipality, province, date, status (the workshops in scope)
    - `responses`: response_id, workshop_id, version, source, sector_id, asked (list of item ids)
    - `answers`: response_id, workshop_id, sector_id, item_id, kind, before, value, text
    - `meta`: item_id, section, goal_id (None unless a goal), goal, kind, short, text, order
    """

    workshops: pd.DataFrame
    responses: pd.DataFrame
    answers: pd.DataFrame
    meta: pd.DataFrame
    q: Questionnaire
    cat: Catalog


def _scope_sql(
    workshop_ids: int | Sequence[int] | None, year: int | None, province: str | None
) -> tuple[str, list[Any]]:
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if workshop_ids is not None:
        ids = [workshop_ids] if isinstance(workshop_ids, int) else [int(i) for i in workshop_ids]
        if not ids:
            where.append("0")
        else:
            where.append(f"w.id IN ({', '.join('?' * len(ids))})")
            params.extend(ids)
    if year is not None:
        where.append("substr(COALESCE(w.date, w.requested_at), 1, 4) = ?")
        params.append(f"{int(year):04d}")
    if province:
        where.append("m.province = ?")
        params.append(province)
    return " AND ".join(where), params


def item_meta(db: Database, q: Questionnaire | None = None) -> pd.DataFrame:
    """Every item ever asked: the current file first (in the current version's order), then
    items only found in older versions or in the database's questionnaire snapshots.

    Columns: item_id, section, goal_id, goal, kind, short, text, order."""
    q = q or questionnaire()
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(iid: str, section: str, kind: str, short: str, text: str, goal: str | None) -> None:
        if iid in seen:
            return
        seen.add(iid)
        rows.append(
            {
                "item_id": iid,
                "section": section,
                "goal_id": section if goal is not None else None,
                "goal": goal,
                "kind": kind,
                "short": short,
                "text": text,
                "order": len(rows),
            }
        )

    ordered = list(q.version().items) + [
        i for v in sorted(q.versions, reverse=True) for i in q.version(v).items
    ]
    for iid in ordered:
        it = q.items[iid]
        sec = q.sections[it.section]
        add(iid, it.section, it.kind, it.short, it.text, sec.title if sec.goal else None)
    for _version, definition in sorted(stored_definitions(db).items(), reverse=True):
        sections = definition.get("sections", {})
        for it in definition.get("items", []):
            sec = sections.get(it["section"], {})
            goal = sec.get("title", it["section"]) if sec.get("goal") else None
            if it["section"] in q.sections and q.sections[it["section"]].goal:
                goal = q.sections[it["section"]].title
            add(it["id"], it["section"], it["kind"], it["short"], it["text"], goal)
    return pd.DataFrame(
        rows, columns=["item_id", "section", "goal_id", "goal", "kind", "short", "text", "order"]
    )


def _scope_workshops(
    db: Database,
    workshop_ids: int | Sequence[int] | None,
    year: int | None,
    province: str | None,
) -> pd.DataFrame:
    """The workshops of a scope: workshop_id, municipality, province, date, status."""
    where, params = _scope_sql(workshop_ids, year, province)
    if workshop_ids is None:  # the programme: demo workshops only while there are no real ones
        where += (
            f" AND {counted_sql('w')} AND (w.status IN ({', '.join('?' * len(HELD))}) OR EXISTS "
            "(SELECT 1 FROM evaluation_responses r WHERE r.workshop_id = w.id))"
        )
        params = [*params, *HELD]
    return pd.read_sql_query(
        "SELECT w.id AS workshop_id, m.name AS municipality, m.province, w.date, w.status "
        f"FROM workshops w JOIN municipalities m ON m.code = w.municipality_code WHERE {where} "
        "ORDER BY COALESCE(w.date, w.requested_at), w.id",
        db.conn,
        params=params,
    )


def load(
    db: Database,
    workshop_ids: int | Sequence[int] | None = None,
    year: int | None = None,
    province: str | None = None,
    q: Questionnaire | None = None,
    cat: Catalog | None = None,
) -> EvalData:
    """Load the responses of a scope: given workshops, and/or a year and province.

    Without `workshop_ids` the scope is every workshop that took place (status 'uitgevoerd' or
    'verslag verstuurd') or has at least one response. The year is that of the workshop date
    (of the request when there is no date)."""
    q = q or questionnaire()
    cat = cat or catalog()
    workshops = _scope_workshops(db, workshop_ids, year, province)
    ids = workshops["workshop_id"].astype(int).tolist()
    marks = ", ".join("?" * len(ids)) or "NULL"
    responses = pd.read_sql_query(
        "SELECT id AS response_id, workshop_id, version, source, sector_id, asked "
        f"FROM evaluation_responses WHERE workshop_id IN ({marks}) ORDER BY id",
        db.conn,
        params=ids,
    )
    # Respondents of one questionnaire version were asked the same items: parse each distinct
    # list once and share it (read-only), instead of a list of strings per respondent.
    parsed: dict[str, list[str]] = {}
    responses["asked"] = [
        parsed.get(a) or parsed.setdefault(a, json.loads(a)) for a in responses["asked"]
    ]
    answers = _read_typed(
        db,
        "SELECT a.response_id, r.workshop_id, r.sector_id, a.item_id, a.kind, a.before, "
        "a.value, a.text FROM evaluation_answers a "
        "JOIN evaluation_responses r ON r.id = a.response_id "
        f"WHERE r.workshop_id IN ({marks}) ORDER BY a.response_id, a.item_id",
        ids,
        ANSWER_TYPES,
    )
    if len(answers) >= BIG_LOAD_ROWS:
        memory.give_back()  # what reading the rows freed (see jep.store.memory)
    return EvalData(workshops, responses, answers, item_meta(db, q), q, cat)


ANSWER_TYPES = {
    "response_id": "int64",
    "workshop_id": "int64",
    "sector_id": "str",
    "item_id": "str",
    "kind": "str",
    "before": "float64",
    "value": "float64",
    "text": "str",
}
CHUNK_ROWS = 20_000
BIG_LOAD_ROWS = 50_000  # a load of the whole programme, not of one workshop


def _read_typed(
    db: Database, sql: str, params: Sequence[Any] | dict[str, Any], types: dict[str, str]
) -> pd.DataFrame:
    """A query's rows as a DataFrame with the given column types, read in chunks: the whole
    programme has hundreds of thousands of answers, and reading them in one go holds every row as
    Python objects at once (four times the memory of the finished frame)."""
    cur = db.execute(sql, params if isinstance(params, dict) else list(params))
    chunks: dict[str, list[pd.Series]] = {c: [] for c in types}
    while rows := cur.fetchmany(CHUNK_ROWS):
        part = pd.DataFrame.from_records(rows, columns=list(types)).astype(types)
        for c in types:
            chunks[c].append(part[c])
        del part
    if not chunks[next(iter(types))]:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in types.items()})
    # joined column by column, each column's chunks let go once joined: at most one column is
    # held twice (joining whole frames held the whole result twice)
    columns = {}
    for c in types:
        columns[c] = pd.concat(chunks[c], ignore_index=True)
        chunks[c].clear()
    return pd.DataFrame(columns, copy=False)


@dataclass(frozen=True)
class EvalCounts:
    """The aggregates every statistic of a scope is computed from (see `counts`).

    - `workshops`: as in EvalData
    - `sources`: workshop_id, source ('online'/'papier'), n (responses)
    - `asked`: item_id, n (respondents whose questionnaire version asked the item)
    - `values`: item_id, kind, before, value, n (answers per distinct combination; before/value
      NaN when not given; open answers left out)
    - `grades`: workshop_id, value, n (rapportcijfer answers per workshop and value)
    - `scores`: response_id, workshop_id, sector_id, goal_id, before, now (per respondent and
      goal: the mean "vóór" and "nu" over the goal's items with both answers)
    - `open`: item_id, workshop_id, text (open answers with text, in response order)
    - `meta`, `q`, `cat`: as in EvalData
    """

    workshops: pd.DataFrame
    sources: pd.DataFrame
    asked: pd.DataFrame
    values: pd.DataFrame
    grades: pd.DataFrame
    scores: pd.DataFrame
    open: pd.DataFrame
    meta: pd.DataFrame
    q: Questionnaire
    cat: Catalog


Source = Database | EvalData | EvalCounts
VALUE_TYPES = {
    "item_id": "str",
    "kind": "str",
    "before": "float64",
    "value": "float64",
    "n": "int64",
}
SOURCE_TYPES = {"workshop_id": "int64", "source": "str", "n": "int64"}
OPEN_TYPES = {"item_id": "str", "workshop_id": "int64", "text": "str"}
GRADE_TYPES = {"workshop_id": "int64", "value": "float64", "n": "int64"}
SCORE_TYPES = {
    "response_id": "int64",
    "workshop_id": "int64",
    "sector_id": "str",
    "goal_id": "str",
    "before": "float64",
    "now": "float64",
}


def counts(
    db: Database,
    workshop_ids: int | Sequence[int] | None = None,
    year: int | None = None,
    province: str | None = None,
    q: Questionnaire | None = None,
    cat: Catalog | None = None,
) -> EvalCounts:
    """The aggregates of a scope (as in `load`), computed in SQL: a few thousand rows for the
    whole programme instead of every answer."""
    q = q or questionnaire()
    cat = cat or catalog()
    meta = item_meta(db, q)
    workshops = _scope_workshops(db, workshop_ids, year, province)
    params: dict[str, Any] = {"scope": json.dumps(workshops["workshop_id"].astype(int).tolist())}
    # The scope's respondents first, so that only their answers are read.
    rs = (
        "WITH rs AS (SELECT r.id, r.workshop_id, r.sector_id FROM evaluation_responses r "
        "WHERE r.workshop_id IN (SELECT value FROM json_each(:scope))) "
    )
    in_rs = "a.response_id IN (SELECT id FROM rs)"

    def query(sql: str, types: dict[str, str]) -> pd.DataFrame:
        return _read_typed(db, sql, params, types)

    scores = _goal_scores(db, rs, in_rs, params, _goal_items(meta))
    # Respondents of one questionnaire version were asked the same list: count the lists.
    lists = query(
        rs + "SELECT r.asked, count(*) AS n FROM evaluation_responses r "
        "WHERE r.id IN (SELECT id FROM rs) GROUP BY r.asked",
        {"asked": "str", "n": "int64"},
    )
    return EvalCounts(
        workshops=workshops,
        sources=query(
            rs + "SELECT r.workshop_id, r.source, count(*) AS n FROM evaluation_responses r "
            "WHERE r.id IN (SELECT id FROM rs) GROUP BY r.workshop_id, r.source",
            SOURCE_TYPES,
        ),
        asked=_asked_of_lists(lists),
        values=query(
            rs + "SELECT a.item_id, a.kind, a.before, a.value, count(*) AS n "
            f"FROM evaluation_answers a WHERE {in_rs} "
            "AND a.kind IN ('prepost', 'likert', 'grade') "
            "GROUP BY a.item_id, a.kind, a.before, a.value",
            VALUE_TYPES,
        ),
        grades=query(
            rs + "SELECT rs.workshop_id, a.value, count(*) AS n "
            "FROM evaluation_answers a JOIN rs ON rs.id = a.response_id "
            "WHERE a.kind = 'grade' GROUP BY rs.workshop_id, a.value",
            GRADE_TYPES,
        ),
        scores=scores,
        open=query(
            rs + "SELECT a.item_id, rs.workshop_id, a.text "
            "FROM evaluation_answers a JOIN rs ON rs.id = a.response_id "
            "WHERE a.kind = 'open' AND a.text IS NOT NULL ORDER BY a.response_id, a.item_id",
            {"item_id": "str", "workshop_id": "int64", "text": "str"},
        ),
        meta=meta,
        q=q,
        cat=cat,
    )


def _asked_of_lists(lists: pd.DataFrame) -> pd.DataFrame:
    """`EvalCounts.asked` from the item lists respondents were asked (asked: the JSON list,
    n: respondents; in the order of the lists' text)."""
    asked: dict[str, int] = {}
    for text, n in zip(lists["asked"], lists["n"], strict=True):
        for item_id in json.loads(text):
            asked[item_id] = asked.get(item_id, 0) + int(n)
    return pd.DataFrame(
        {"item_id": pd.Series(list(asked), dtype="str"), "n": list(asked.values())}
    ).astype({"n": "int64"})


def programme_counts(
    db: Database,
    year: int | None = None,
    province: str | None = None,
    q: Questionnaire | None = None,
    cat: Catalog | None = None,
) -> EvalCounts:
    """`counts` of the programme (its held workshops, of a year and/or province) from the
    aggregates of every workshop, kept in memory (`kept.per_workshop`): a year not asked before
    sums what is kept (30-60 ms at scale 10) instead of reading some 100,000 answers again
    (250 ms); an evaluation coming in reads that workshop's answers only. The same frames as
    `counts` on the same scope, row for row."""
    q = q or questionnaire()
    meta = item_meta(db, q)
    workshops = _scope_workshops(db, None, year, province)
    narrowed = _narrowed(_kept_parts(db, meta), workshops, None)
    return _summed(narrowed, workshops, meta, q, cat or catalog())


def workshop_counts(
    db: Database,
    groups: Mapping[Hashable, Sequence[int]],
    sectors: Sequence[str] | None = None,
    q: Questionnaire | None = None,
    cat: Catalog | None = None,
) -> dict[Hashable, EvalCounts]:
    """`counts` of each group of workshops (e.g. the dashboard's view, or its quarters), summed
    from the aggregates kept per workshop; with `sectors` only the respondents who gave one of
    those sectors (the dashboard's domain filter). The scope is narrowed once for all groups."""
    q, cat = q or questionnaire(), cat or catalog()
    meta = item_meta(db, q)
    every = sorted({int(i) for ids in groups.values() for i in ids})
    workshops = _scope_workshops(db, every, None, None)
    narrowed = _narrowed(_kept_parts(db, meta), workshops, sectors)
    out = {}
    for key, ids in groups.items():
        own = workshops[workshops["workshop_id"].isin([int(i) for i in ids])]
        part = narrowed if len(groups) == 1 else _narrowed(narrowed, own, None)
        out[key] = _summed(part, own.reset_index(drop=True), meta, q, cat)
    return out


def _kept_parts(db: Database, meta: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The aggregates of every workshop (`_workshop_parts`) for the questionnaire's items
    `meta`, kept (`kept.per_workshop`)."""
    goal_items = _goal_items(meta)
    return kept.per_workshop(
        db,
        ("counts", tuple(tuple(pair) for pair in goal_items)),
        lambda d, ids: _workshop_parts(d, ids, goal_items),
        _splice_parts,
    )


def _goal_items(meta: pd.DataFrame) -> list[list[str]]:
    return meta.dropna(subset=["goal_id"])[["item_id", "goal_id"]].values.tolist()


def _narrowed(
    parts: dict[str, pd.DataFrame], workshops: pd.DataFrame, sectors: Sequence[str] | None
) -> dict[str, pd.DataFrame]:
    """The rows of the kept `parts` of these workshops (and, with `sectors`, of respondents who
    gave one of them)."""
    ids = workshops["workshop_id"].astype(int).to_numpy()
    out = {}
    for name, df in parts.items():
        keep = df["workshop_id"].isin(ids)
        if sectors is not None:
            keep &= df["sector_id"].isin(list(sectors))
        out[name] = df[keep]
    return out


def _summed(
    parts: dict[str, pd.DataFrame],
    workshops: pd.DataFrame,
    meta: pd.DataFrame,
    q: Questionnaire,
    cat: Catalog,
) -> EvalCounts:
    """An EvalCounts from narrowed per-workshop `parts`: summed over the workshops and sectors
    and in the order and types `counts` gives. Summed on the kept categories first (the whole
    programme's 260,000 value rows), then typed and ordered (a few hundred)."""

    def summed(df: pd.DataFrame, by: list[str], types: dict[str, str]) -> pd.DataFrame:
        grouped = df.groupby(by, sort=False, dropna=False, observed=True)["n"].sum()
        return _ordered(grouped.reset_index().astype(types), by)

    values = parts["values"]
    return EvalCounts(
        workshops=workshops,
        sources=summed(parts["sources"], ["workshop_id", "source"], SOURCE_TYPES),
        asked=_asked_of_lists(summed(parts["lists"], ["asked"], {"asked": "str"})),
        values=summed(values, ["item_id", "kind", "before", "value"], VALUE_TYPES),
        grades=summed(values[values["kind"] == "grade"], ["workshop_id", "value"], GRADE_TYPES),
        scores=_ordered(parts["scores"].astype(SCORE_TYPES), ["response_id", "goal_id"]),
        open=_ordered(parts["open"], ["response_id", "item_id"])[["item_id", "workshop_id", "text"]]
        .astype(OPEN_TYPES)
        .reset_index(drop=True),
        meta=meta,
        q=q,
        cat=cat,
    )


def _ordered(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """`df` in the order SQL groups it (by `by`, missing values first)."""
    return df.sort_values(by, kind="stable", na_position="first").reset_index(drop=True)


def _workshop_parts(
    db: Database, workshop_ids: list[int] | None, goal_items: list[list[str]]
) -> dict[str, pd.DataFrame]:
    """The aggregates of `counts` per workshop and sector (a workshop_id and sector_id on every
    row), of every workshop with evaluations or of `workshop_ids`: lists (asked, n), sources,
    values (VALUE_TYPES), scores, open (with its response_id, for the order)."""
    only = ""
    # the answers with their respondent: for a few workshops read from their respondents (a
    # plain join would read every answer of the kinds); for all, by kind in the answers' order
    answers = "evaluation_answers a JOIN rs ON rs.id = a.response_id"
    if workshop_ids is not None:
        only = "WHERE r.workshop_id IN (SELECT value FROM json_each(:ws))"
        answers = "rs CROSS JOIN evaluation_answers a ON a.response_id = rs.id"
    params: dict[str, Any] = {"ws": json.dumps(workshop_ids or [])}
    rs = f"WITH rs AS (SELECT r.id, r.workshop_id, r.sector_id FROM evaluation_responses r {only}) "

    def query(sql: str, types: dict[str, str]) -> pd.DataFrame:
        return _read_typed(db, rs + sql, params, types)

    parts = {
        "lists": query(
            "SELECT r.workshop_id, r.sector_id, r.asked, count(*) AS n FROM evaluation_responses r "
            "WHERE r.id IN (SELECT id FROM rs) GROUP BY r.workshop_id, r.sector_id, r.asked",
            {"workshop_id": "int32", "sector_id": "str", "asked": "str", "n": "int32"},
        ),
        "sources": query(
            "SELECT r.workshop_id, r.sector_id, r.source, count(*) AS n "
            "FROM evaluation_responses r WHERE r.id IN (SELECT id FROM rs) "
            "GROUP BY r.workshop_id, r.sector_id, r.source",
            {"workshop_id": "int32", "sector_id": "str", "source": "str", "n": "int32"},
        ),
        # before and value are whole numbers (1-10): exact as float32, half the memory
        "values": query(
            "SELECT rs.workshop_id, rs.sector_id, a.item_id, a.kind, a.before, a.value, "
            f"count(*) AS n FROM {answers} WHERE a.kind IN ('prepost', 'likert', 'grade') "
            "GROUP BY rs.workshop_id, rs.sector_id, a.item_id, a.kind, a.before, a.value",
            {
                "workshop_id": "int32",
                "sector_id": "str",
                "item_id": "str",
                "kind": "str",
                "before": "float32",
                "value": "float32",
                "n": "int32",
            },
        ),
        "scores": _goal_scores(db, rs, "a.response_id IN (SELECT id FROM rs)", params, goal_items),
        "open": query(
            "SELECT a.response_id, a.item_id, rs.workshop_id, rs.sector_id, a.text "
            f"FROM {answers} WHERE a.kind = 'open' AND a.text IS NOT NULL",
            {
                "response_id": "int64",
                "item_id": "str",
                "workshop_id": "int32",
                "sector_id": "str",
                "text": "str",
            },
        ),
    }
    if workshop_ids is None:
        memory.give_back()  # what reading the whole programme freed (see jep.store.memory)
    return {name: _compact(name, df) for name, df in parts.items()}


SUMMED_PARTS = frozenset({"lists", "sources", "values"})
KEPT_AS_CATEGORY = frozenset({"asked", "source", "item_id", "kind", "sector_id"})
"""The columns of the summed parts kept as categories."""


def _compact(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Part `name` to be kept for long: in the summed parts the few distinct ids as categories
    (a fifth of the memory of as many strings: the programme's 260,000 value rows 12 -> 5 MB;
    strings again once summed). The rows per respondent (scores, open) keep their strings:
    they are not summed, and converting them on every view cost more than they save."""
    if name not in SUMMED_PARTS:
        return df
    return df.astype({c: "category" for c in KEPT_AS_CATEGORY.intersection(df.columns)})


def _splice_parts(
    parts: dict[str, pd.DataFrame], changed: list[int], fresh: dict[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """The kept parts with the rows of the `changed` workshops replaced by `fresh` ones."""
    return {
        name: _compact(name, kept.replace_rows(df, changed, fresh[name]))
        for name, df in parts.items()
    }


def _goal_scores(
    db: Database,
    rs: str,
    in_rs: str,
    params: dict[str, Any],
    goal_items: list[list[str]],
) -> pd.DataFrame:
    """Per respondent and goal: the mean "vóór" and "nu" of the goal's items they answered both
    of (SCORE_TYPES), ordered by respondent and goal. One row per respondent from SQL, a pair of
    columns per goal: grouped by respondent alone, SQLite reads the answers in the order of its
    index, where grouping by respondent and goal sorted them all first (twice the time)."""
    goals = sorted({goal for _, goal in goal_items})
    if not goals:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in SCORE_TYPES.items()})
    params = dict(params)
    columns = []
    for g, goal in enumerate(goals):
        items = [item for item, of in goal_items if of == goal]
        marks = ", ".join(f":g{g}i{i}" for i in range(len(items)))
        params.update({f"g{g}i{i}": item for i, item in enumerate(items)})
        columns.append(
            f"avg(CASE WHEN a.item_id IN ({marks}) THEN a.before END) AS b{g}, "
            f"avg(CASE WHEN a.item_id IN ({marks}) THEN a.value END) AS v{g}"
        )
    wide = pd.read_sql_query(
        rs + f", s AS (SELECT a.response_id, {', '.join(columns)} FROM evaluation_answers a "
        f"WHERE {in_rs} AND a.kind = 'prepost' AND a.before IS NOT NULL "
        "AND a.value IS NOT NULL GROUP BY a.response_id) "
        "SELECT s.*, rs.workshop_id, rs.sector_id FROM s JOIN rs ON rs.id = s.response_id",
        db.conn,
        params=params,
    )
    long = [
        pd.DataFrame(
            {
                "response_id": wide["response_id"],
                "workshop_id": wide["workshop_id"],
                "sector_id": wide["sector_id"],
                "goal_id": goal,
                "before": wide[f"b{g}"],
                "now": wide[f"v{g}"],
            }
        ).dropna(subset=["before"])
        for g, goal in enumerate(goals)
    ]
    out = pd.concat(long, ignore_index=True).sort_values(["response_id", "goal_id"], kind="stable")
    return out.astype(SCORE_TYPES).reset_index(drop=True)


def counts_of(data: EvalData) -> EvalCounts:
    """The aggregates of loaded answers (the same as `counts` on the same scope)."""
    return EvalCounts(
        workshops=data.workshops,
        sources=_sources(data),
        asked=_asked_counts(data).rename("n").reset_index(),
        values=_values(data),
        grades=_grades(data),
        scores=_respondent_goal_scores(data),
        open=_open(data),
        meta=data.meta,
        q=data.q,
        cat=data.cat,
    )


def _data(source: Database | EvalData, **scope: Any) -> EvalData:
    return source if isinstance(source, EvalData) else load(source, **scope)


def _src(source: Source, **scope: Any) -> EvalData | EvalCounts:
    """Loaded answers or aggregates as given; from a database, the (cheaper) aggregates."""
    if isinstance(source, (EvalData, EvalCounts)):
        return source
    return counts(source, **scope)


def _sources(src: EvalData | EvalCounts) -> pd.DataFrame:
    if isinstance(src, EvalCounts):
        return src.sources
    g = src.responses.groupby(["workshop_id", "source"], sort=False).size()
    return g.rename("n").reset_index()


def _values(src: EvalData | EvalCounts, kind: str | None = None) -> pd.DataFrame:
    """Answers per distinct (item_id, kind, before, value): n; of one `kind`, or all but open."""
    if isinstance(src, EvalCounts):
        return src.values if kind is None else src.values[src.values["kind"] == kind]
    a = src.answers
    a = a[a["kind"] != "open"] if kind is None else a[a["kind"] == kind]
    g = a.groupby(["item_id", "kind", "before", "value"], dropna=False, sort=False).size()
    return g.rename("n").reset_index()


def _grades(src: EvalData | EvalCounts) -> pd.DataFrame:
    if isinstance(src, EvalCounts):
        return src.grades
    g = _grade_rows(src).groupby(["workshop_id", "value"], dropna=False, sort=False).size()
    return g.rename("n").reset_index()


def _scores(src: EvalData | EvalCounts) -> pd.DataFrame:
    return src.scores if isinstance(src, EvalCounts) else _respondent_goal_scores(src)


def _open(src: EvalData | EvalCounts) -> pd.DataFrame:
    if isinstance(src, EvalCounts):
        return src.open
    a = src.answers
    return a[(a["kind"] == "open") & a["text"].notna()][["item_id", "workshop_id", "text"]]


def _asked_n(src: EvalData | EvalCounts) -> pd.Series:
    """Respondents asked each item: item_id → n."""
    if isinstance(src, EvalCounts):
        return src.asked.set_index("item_id")["n"]
    return _asked_counts(src)


def _wmean(values: pd.Series, weights: pd.Series) -> float:
    """Mean of values given `weights` times each (missing values left out); NaN when none."""
    v, w = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    keep = ~np.isnan(v)
    n = w[keep].sum()
    return float((v[keep] * w[keep]).sum() / n) if n else float("nan")


def _wmedian(values: pd.Series, weights: pd.Series) -> float:
    """Median of values given `weights` times each (missing values left out), as pandas takes
    it: the middle value, or the mean of the two middle ones; NaN when none."""
    v, w = np.asarray(values, dtype=float), np.asarray(weights, dtype=np.int64)
    keep = ~np.isnan(v) & (w > 0)
    v, w = v[keep], w[keep]
    n = int(w.sum())
    if not n:
        return float("nan")
    order = np.argsort(v, kind="stable")
    v, cum = v[order], np.cumsum(w[order])
    low, high = v[np.searchsorted(cum, (n + 1) // 2)], v[np.searchsorted(cum, n // 2 + 1)]
    return float((low + high) / 2)


def _wsum(mask: pd.Series | np.ndarray, weights: pd.Series | np.ndarray) -> int:
    return int(weights[mask].sum())


def _columns(df: pd.DataFrame, key: str, *floats: str) -> tuple[np.ndarray, ...]:
    """The `key` column (as objects) and the `floats` columns of a frame as numpy arrays: the
    per-item and per-goal loops below select rows with a numpy mask (microseconds) instead of a
    pandas filter (a tenth of a millisecond each, which added up on every report and page)."""
    return (
        df[key].to_numpy(dtype=object),
        *(df[c].to_numpy(dtype=float) for c in floats),
    )


def rows_of(df: pd.DataFrame, *cols: str) -> Iterator[tuple[Any, ...]]:
    """The values of `cols`, row by row, as plain Python values: what `itertuples` gives, at a
    fraction of its cost on small frames (it builds a Series per column of the frame)."""
    return zip(*(df[c].tolist() for c in cols), strict=True)


def _amean(a: np.ndarray) -> float:
    """Mean of an array as pandas takes it (missing values left out); NaN when none."""
    keep = ~np.isnan(a)
    n = int(keep.sum())
    if not n:
        return float("nan")
    return float((a if n == len(a) else a[keep]).sum() / n)


def _asked(data: EvalData) -> pd.DataFrame:
    """(response_id, workshop_id, sector_id, item_id) for every item a respondent was asked."""
    r = data.responses[["response_id", "workshop_id", "sector_id", "asked"]]
    ex = r.explode("asked").dropna(subset=["asked"]).rename(columns={"asked": "item_id"})
    return ex.reset_index(drop=True)


def _median(s: pd.Series) -> float:
    return float(s.median()) if len(s) else float("nan")


def _mean(s: pd.Series) -> float:
    return float(s.mean()) if len(s) else float("nan")


# ---------------------------------------------------------------- suppression


def suppress(
    df: pd.DataFrame,
    value_cols: Sequence[str],
    min_cell: int,
    group: str | None = None,
    n_col: str = "n",
) -> pd.DataFrame:
    """Hide small cells of a breakdown. Adds `hidden` (bool) and `hidden_reason` (str, "" when
    shown); hidden rows get missing values in `value_cols` and `n_col`.

    Within each `group` (e.g. one goal across sectors; the whole table when None): every cell with
    0 < n < min_cell is hidden; then, while exactly one cell is hidden or the hidden cells together
    hold fewer than min_cell respondents, the smallest shown cell is hidden as well, so that no
    small group can be worked out from the total and the other cells."""
    out = df.copy()
    out["hidden"] = False
    out["hidden_reason"] = ""
    if out.empty:
        return out
    groups = [out.index] if group is None else [g.index for _, g in out.groupby(group, sort=False)]
    small = REASON_SMALL.format(n=min_cell)
    for idx in groups:
        n = out.loc[idx, n_col].fillna(0)
        primary = [i for i in idx if 0 < n[i] < min_cell]
        out.loc[primary, ["hidden", "hidden_reason"]] = [True, small]
        hidden = set(primary)
        shown = sorted((i for i in idx if i not in hidden and n[i] > 0), key=lambda i: n[i])
        while hidden and shown and (len(hidden) == 1 or sum(n[i] for i in hidden) < min_cell):
            extra = shown.pop(0)
            out.loc[extra, ["hidden", "hidden_reason"]] = [True, REASON_SECONDARY]
            hidden.add(extra)
    cols = [*value_cols, n_col]
    mask = out["hidden"]
    for col in cols:
        out[col] = out[col].astype(float)
    out.loc[mask, cols] = np.nan
    return out


# ---------------------------------------------------------------- responses and attendance


def attendance(db: Database, workshop_id: int) -> int | None:
    """Participants marked present (`attended = 1`), from the participants table; None when
    unknown: no such table, or nobody of this workshop marked present or absent yet."""
    return attendance_by_workshop(db, [workshop_id]).get(workshop_id)


def attendance_by_workshop(db: Database, workshop_ids: Sequence[int]) -> dict[int, int | None]:
    """`attendance` of many workshops in one query: {workshop_id: present or None}; workshops
    without participants are left out (their attendance is unknown)."""
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'participants'"
    ).fetchone()
    if not exists or not len(workshop_ids):
        return {}
    rows = db.execute(
        "SELECT workshop_id, count(*) FILTER (WHERE attended = 1), count(attended) "
        "FROM participants WHERE workshop_id IN (SELECT value FROM json_each(?)) "
        "GROUP BY workshop_id",
        [json.dumps([int(i) for i in workshop_ids])],
    ).fetchall()
    return {int(w): (int(present) if marked else None) for w, present, marked in rows}


def responses_vs_attendance(
    db: Database,
    data: EvalData | EvalCounts | None = None,
    present: int | None = None,
    **scope: Any,
) -> pd.DataFrame:
    """Per workshop in scope: responses against attendance.

    Columns: workshop_id, municipality, province, date, status, responses, online, paper,
    attendance (nullable Int64; <NA> = unknown), response_rate (responses / attendance; NaN when
    attendance is unknown or 0). `present`: the attendance of a single workshop in scope when the
    caller already knows it (None: read it)."""
    src = data if data is not None else counts(db, **scope)
    w = src.workshops.copy()
    by_source = _sources(src).pivot_table(
        index="workshop_id", columns="source", values="n", aggfunc="sum", fill_value=0
    )
    per_workshop = pd.DataFrame(
        {
            "responses": by_source.sum(axis=1),
            "online": by_source.get("online", 0),
            "paper": by_source.get("papier", 0),
        },
        index=by_source.index,
    )
    w = w.merge(per_workshop, how="left", left_on="workshop_id", right_index=True)
    for col in ("responses", "online", "paper"):
        w[col] = w[col].fillna(0).astype(int)
    ids = w["workshop_id"].astype(int).tolist()
    present_by: dict[int, int | None]
    if present is not None and len(ids) == 1:
        present_by = {ids[0]: present}
    else:
        present_by = attendance_by_workshop(db, ids)
    w["attendance"] = pd.array([present_by.get(int(i)) for i in w["workshop_id"]], dtype="Int64")
    att = w["attendance"].astype("Float64")
    rate = w["responses"] / att.where(att > 0)
    w["response_rate"] = rate.astype(float)
    return w[
        [
            "workshop_id",
            "municipality",
            "province",
            "date",
            "status",
            "responses",
            "online",
            "paper",
            "attendance",
            "response_rate",
        ]
    ].reset_index(drop=True)


# ---------------------------------------------------------------- rapportcijfer


def _grade_rows(data: EvalData) -> pd.DataFrame:
    return data.answers[data.answers["kind"] == "grade"]


def grade_distribution(source: Source, **scope: Any) -> pd.DataFrame:
    """How often each rapportcijfer was given. Always ten rows (1 … 10).

    Columns: grade (1–10), count, share (of those who gave a grade; 0 when nobody did)."""
    g = _values(_src(source, **scope), "grade")
    g = g[g["value"].notna()]
    per_grade = g.groupby(g["value"].astype(int))["n"].sum().reindex(range(1, 11), fill_value=0)
    total = int(per_grade.sum())
    return pd.DataFrame(
        {
            "grade": list(range(1, 11)),
            "count": per_grade.to_numpy(dtype=int),
            "share": (per_grade / total).to_numpy(dtype=float) if total else np.zeros(10),
        }
    )


def grade_stats(source: Source, **scope: Any) -> pd.DataFrame:
    """One row: n (grades given), n_asked, n_missing, median, mean, min, max."""
    src = _src(source, **scope)
    g = _values(src, "grade")
    n = int(g["n"].sum())
    asked = _asked_n(src)
    grade_items = src.meta.loc[src.meta["kind"] == "grade", "item_id"]
    n_asked = int(asked.reindex(grade_items).fillna(0).sum())
    given = g[g["value"].notna() & (g["n"] > 0)]["value"]
    return pd.DataFrame(
        [
            {
                "n": n,
                "n_asked": n_asked,
                "n_missing": n_asked - n,
                "median": _wmedian(g["value"], g["n"]),
                "mean": _wmean(g["value"], g["n"]),
                "min": float(given.min()) if len(given) else float("nan"),
                "max": float(given.max()) if len(given) else float("nan"),
            }
        ]
    )


# ---------------------------------------------------------------- items and goals


def _asked_counts(data: EvalData) -> pd.Series:
    """Respondents asked each item (item_id → n, sorted by item_id as a groupby gives it);
    counted from the shared lists, without exploding them into a frame."""
    # Respondents of one version share one list object (see `load`): count the lists first.
    lists: dict[int, list[Any]] = {}
    times: dict[int, int] = {}
    for asked in data.responses["asked"]:
        if isinstance(asked, list):
            key = id(asked)
            lists[key] = asked
            times[key] = times.get(key, 0) + 1
    counts: dict[str, int] = {}
    for key, asked in lists.items():
        for item_id in asked:
            if item_id is not None:
                counts[item_id] = counts.get(item_id, 0) + times[key]
    keys = sorted(counts)
    # the index an exploded column's groupby gives: strings, or float64 when empty
    index = pd.Index(keys, name="item_id", dtype="str" if keys else "float64")
    return pd.Series([counts[k] for k in keys], index=index, dtype="int64")


def item_stats(source: Source, **scope: Any) -> pd.DataFrame:
    """Per pre/post item ("vóór" / "nu"), in questionnaire order, grouped by goal.

    Columns: goal_id, goal, item_id, item (short label), text, order, n_asked, n (both answers
    given), n_missing, before_mean, now_mean, before_median, now_median, gain_mean (now − before),
    improved (count), share_improved, share_same, share_worse (shares of n; NaN when n = 0).
    Items no respondent in scope was asked are left out."""
    src = _src(source, **scope)
    meta = src.meta[src.meta["kind"] == "prepost"]
    asked = _asked_n(src)
    pp = _values(src, "prepost")
    pp = pp[pp["n"] > 0].dropna(subset=["before", "value"])
    asked_n = asked.to_dict()
    ids, befores, values = _columns(pp, "item_id", "before", "value")
    weights = pp["n"].to_numpy(dtype=np.int64)
    rows = []
    for goal_id, goal, item_id, short, text, order in rows_of(
        meta, "goal_id", "goal", "item_id", "short", "text", "order"
    ):
        n_asked = int(asked_n.get(item_id, 0))
        sel = ids == item_id
        if not n_asked and not sel.any():
            continue
        before, value, w = befores[sel], values[sel], weights[sel]
        n = int(w.sum())
        diff = value - before
        rows.append(
            {
                "goal_id": goal_id,
                "goal": goal,
                "item_id": item_id,
                "item": short,
                "text": text,
                "order": order,
                "n_asked": max(n_asked, n),
                "n": n,
                "n_missing": max(n_asked - n, 0),
                "before_mean": _wmean(before, w),
                "now_mean": _wmean(value, w),
                "before_median": _wmedian(before, w),
                "now_median": _wmedian(value, w),
                "gain_mean": _wmean(diff, w),
                "improved": _wsum(diff > 0, w),
                "share_improved": _wsum(diff > 0, w) / n if n else float("nan"),
                "share_same": _wsum(diff == 0, w) / n if n else float("nan"),
                "share_worse": _wsum(diff < 0, w) / n if n else float("nan"),
            }
        )
    cols = [
        "goal_id",
        "goal",
        "item_id",
        "item",
        "text",
        "order",
        "n_asked",
        "n",
        "n_missing",
        "before_mean",
        "now_mean",
        "before_median",
        "now_median",
        "gain_mean",
        "improved",
        "share_improved",
        "share_same",
        "share_worse",
    ]
    return pd.DataFrame(rows, columns=cols)


def _respondent_goal_scores(data: EvalData) -> pd.DataFrame:
    """Per respondent and goal: mean before and now over the goal's answered items.

    Columns: response_id, workshop_id, sector_id, goal_id, before, now."""
    if len(data.answers) > SCORES_IN_PANDAS:
        return _respondent_goal_scores_pandas(data)
    # A workshop's few hundred answers: one pass in Python (a merge and a groupby cost more in
    # pandas' overhead than in work). Same rows, order and values as the pandas version: the
    # answers are whole numbers, so the sums are exact and the means equal.
    a = data.answers
    goal_of = {
        i: g
        for i, g in zip(data.meta["item_id"], data.meta["goal_id"], strict=True)
        if isinstance(g, str)
    }
    groups: dict[tuple[int, str], list[Any]] = {}
    for rid, wid, sid, item, kind, before, value in zip(
        a["response_id"].to_numpy(),
        a["workshop_id"].to_numpy(),
        a["sector_id"].to_numpy(dtype=object),
        a["item_id"].to_numpy(dtype=object),
        a["kind"].to_numpy(dtype=object),
        a["before"].to_numpy(dtype=float),
        a["value"].to_numpy(dtype=float),
        strict=True,
    ):
        goal = goal_of.get(item)
        if kind != "prepost" or goal is None or np.isnan(before) or np.isnan(value):
            continue
        g = groups.get((rid, goal))
        if g is None:
            groups[(rid, goal)] = [wid, sid, before, value, 1]
        else:
            g[2] += before
            g[3] += value
            g[4] += 1
    if not groups:
        return pd.DataFrame(
            columns=["response_id", "workshop_id", "sector_id", "goal_id", "before", "now"]
        )
    return pd.DataFrame(
        {
            "response_id": pd.Series([k[0] for k in groups], dtype=a["response_id"].dtype),
            "goal_id": pd.Series([k[1] for k in groups], dtype=_goal_dtype(data)),
            "workshop_id": pd.Series([g[0] for g in groups.values()], dtype=a["workshop_id"].dtype),
            "sector_id": pd.Series([g[1] for g in groups.values()], dtype=a["sector_id"].dtype),
            "before": [g[2] / g[4] for g in groups.values()],
            "now": [g[3] / g[4] for g in groups.values()],
        }
    )


SCORES_IN_PANDAS = 5_000  # answers: above this the pandas version is the faster one


def _goal_dtype(data: EvalData) -> Any:
    return data.meta["goal_id"].dtype


def _respondent_goal_scores_pandas(data: EvalData) -> pd.DataFrame:
    # Grouped with numpy on integer codes (respondent × goal), from only the rows the scores
    # need: a pandas merge and groupby on the text columns of the programme's answers took
    # ~45 MB at national scale for a moment. Same rows, order (first appearance) and values as
    # the Python version: the answers are whole numbers, so the sums are exact.
    a = data.answers
    meta = data.meta.dropna(subset=["goal_id"])
    goal_of = dict(zip(meta["item_id"], meta["goal_id"], strict=True))
    item_codes, items = pd.factorize(a["item_id"])
    goals = sorted(set(goal_of.values()))
    index_of = {g: i for i, g in enumerate(goals)}
    # the last entry answers code -1 (an answer without item)
    goal_of_item = np.array([index_of.get(goal_of.get(i), -1) for i in items] + [-1])
    goal = goal_of_item[item_codes]
    keep = np.flatnonzero(
        (a["kind"] == "prepost").to_numpy(dtype=bool)
        & a["before"].notna().to_numpy()
        & a["value"].notna().to_numpy()
        & (goal >= 0)
    )
    if not len(keep):
        return pd.DataFrame(
            columns=["response_id", "workshop_id", "sector_id", "goal_id", "before", "now"]
        )
    rid = a["response_id"].to_numpy()[keep]
    pair = rid * len(goals) + goal[keep]
    uniq, first, inverse = np.unique(pair, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # groups in order of first appearance
    count = np.bincount(inverse)
    before = np.bincount(inverse, weights=a["before"].to_numpy()[keep]) / count
    now = np.bincount(inverse, weights=a["value"].to_numpy()[keep]) / count
    rows = keep[first[order]]  # each group's first answer: its workshop and sector
    return pd.DataFrame(
        {
            "response_id": pd.Series(rid[first[order]], dtype=a["response_id"].dtype),
            "goal_id": pd.Series(
                [goals[i] for i in uniq[order] % len(goals)], dtype=_goal_dtype(data)
            ),
            "workshop_id": pd.Series(
                a["workshop_id"].to_numpy()[rows], dtype=a["workshop_id"].dtype
            ),
            "sector_id": a["sector_id"].iloc[rows].reset_index(drop=True),
            "before": before[order],
            "now": now[order],
        }
    )


def _goal_rows(scores: pd.DataFrame, q: Questionnaire) -> list[dict[str, Any]]:
    goal_ids, befores, nows = _columns(scores, "goal_id", "before", "now")
    rows = []
    for goal in q.goals:
        sel = goal_ids == goal.id
        before, now = befores[sel], nows[sel]
        n = len(before)
        diff = now - before
        rows.append(
            {
                "goal_id": goal.id,
                "goal": goal.title,
                "n": n,
                "before_mean": _amean(before),
                "now_mean": _amean(now),
                "gain_mean": _amean(diff),
                "share_improved": float((diff > 0).mean()) if n else float("nan"),
            }
        )
    return rows


def goal_stats(source: Source, **scope: Any) -> pd.DataFrame:
    """Per goal of the werkatelier (signalen, weten wat mag, zorgvuldig delen, netwerk), on
    respondent goal scores.

    Columns: goal_id, goal, n (respondents with at least one answered item of the goal),
    before_mean, now_mean, gain_mean, share_improved, meets_target (bool: now_mean and
    share_improved reach the targets in data/evaluation.toml), target_note (Dutch)."""
    src = _src(source, **scope)
    q = src.q
    df = pd.DataFrame(
        _goal_rows(_scores(src), q),
        columns=["goal_id", "goal", "n", "before_mean", "now_mean", "gain_mean", "share_improved"],
    )
    meets, notes = [], []
    for r in df.itertuples(index=False):
        if not r.n:
            meets.append(False)
            notes.append("geen antwoorden")
            continue
        short = []
        if r.now_mean < q.target_now_mean:
            short.append(f"score ‘nu’ onder {q.target_now_mean:g}".replace(".", ","))
        if r.share_improved < q.target_share_improved:
            short.append(f"minder dan {q.target_share_improved:.0%} vooruitgegaan")
        meets.append(not short)
        notes.append("gehaald" if not short else "blijft achter: " + "; ".join(short))
    df["meets_target"] = pd.Series(meets, dtype=bool)
    df["target_note"] = pd.Series(notes, dtype=object)
    return df


def likert_stats(source: Source, **scope: Any) -> pd.DataFrame:
    """Per single 5-point item (reaction, intention).

    Columns: section, item_id, item, text, order, n_asked, n, n_missing, mean, median,
    share_agree (share of 4 or 5), count_1 … count_5."""
    src = _src(source, **scope)
    meta = src.meta[src.meta["kind"] == "likert"]
    asked = _asked_n(src)
    lk = _values(src, "likert")
    lk = lk[lk["n"] > 0].dropna(subset=["value"])
    asked_n = asked.to_dict()
    ids, values = _columns(lk, "item_id", "value")
    weights = lk["n"].to_numpy(dtype=np.int64)
    rows = []
    for section, item_id, short, text, order in rows_of(
        meta, "section", "item_id", "short", "text", "order"
    ):
        n_asked = int(asked_n.get(item_id, 0))
        sel = ids == item_id
        if not n_asked and not sel.any():
            continue
        a, w = values[sel], weights[sel]
        n = int(w.sum())
        row = {
            "section": section,
            "item_id": item_id,
            "item": short,
            "text": text,
            "order": order,
            "n_asked": max(n_asked, n),
            "n": n,
            "n_missing": max(n_asked - n, 0),
            "mean": _wmean(a, w),
            "median": _wmedian(a, w),
            "share_agree": _wsum(a >= 4, w) / n if n else float("nan"),
        }
        for k in range(1, 6):
            row[f"count_{k}"] = _wsum(a == k, w)
        rows.append(row)
    cols = [
        "section",
        "item_id",
        "item",
        "text",
        "order",
        "n_asked",
        "n",
        "n_missing",
        "mean",
        "median",
        "share_agree",
    ] + [f"count_{k}" for k in range(1, 6)]
    return pd.DataFrame(rows, columns=cols)


# ---------------------------------------------------------------- by sector


def _sector_label(cat: Catalog, sid: Any) -> str:
    if sid is None or (isinstance(sid, float) and np.isnan(sid)) or sid == "":
        return NO_SECTOR
    return cat.sectors[sid].name if sid in cat.sectors else str(sid)


def _sector_order(cat: Catalog) -> dict[str, int]:
    order = {sid: i for i, sid in enumerate(cat.sectors)}
    order[""] = len(order)
    return order


def sector_goal_stats(source: Source, **scope: Any) -> pd.DataFrame:
    """Goal scores by the respondents' sector, with small cells hidden per goal.

    Columns: sector_id ("" = not given), sector, goal_id, goal, n, before_mean, now_mean,
    gain_mean, share_improved, hidden, hidden_reason. Only sectors with respondents appear."""
    data = _src(source, **scope)
    scores = _scores(data).copy()
    scores["sector_id"] = scores["sector_id"].fillna("").astype(str)
    order = _sector_order(data.cat)
    rows = []
    for sid in sorted(scores["sector_id"].unique(), key=lambda s: order.get(s, 999)):
        for r in _goal_rows(scores[scores["sector_id"] == sid], data.q):
            if r["n"]:
                rows.append({"sector_id": sid, "sector": _sector_label(data.cat, sid), **r})
    cols = [
        "sector_id",
        "sector",
        "goal_id",
        "goal",
        "n",
        "before_mean",
        "now_mean",
        "gain_mean",
        "share_improved",
    ]
    df = pd.DataFrame(rows, columns=cols)
    return suppress(
        df,
        ["before_mean", "now_mean", "gain_mean", "share_improved"],
        data.q.min_cell,
        group="goal_id",
    )


def sector_grade_stats(source: Database | EvalData, **scope: Any) -> pd.DataFrame:
    """Rapportcijfer and response count by sector, small cells hidden.

    Columns: sector_id ("" = not given), sector, n (respondents), n_grade, grade_median,
    grade_mean, hidden, hidden_reason. `n` is the cell size used for hiding."""
    data = _data(source, **scope)
    r = data.responses.copy()
    r["sector_id"] = r["sector_id"].fillna("").astype(str)
    g = _grade_rows(data)[["response_id", "value"]]
    r = r.merge(g, on="response_id", how="left")
    order = _sector_order(data.cat)
    rows = []
    for sid in sorted(r["sector_id"].unique(), key=lambda s: order.get(s, 999)):
        s = r[r["sector_id"] == sid]
        grades = s["value"].dropna()
        rows.append(
            {
                "sector_id": sid,
                "sector": _sector_label(data.cat, sid),
                "n": len(s),
                "n_grade": len(grades),
                "grade_median": _median(grades),
                "grade_mean": _mean(grades),
            }
        )
    df = pd.DataFrame(
        rows, columns=["sector_id", "sector", "n", "n_grade", "grade_median", "grade_mean"]
    )
    return suppress(df, ["n_grade", "grade_median", "grade_mean"], data.q.min_cell)


# ---------------------------------------------------------------- per workshop


def _per_workshop(data: EvalData | EvalCounts) -> pd.DataFrame:
    """Long table: workshop_id, measure, n, value (median grade; mean gain per goal)."""
    if isinstance(data, EvalData):
        rows = _grade_rows(data)[["workshop_id", "value"]]
    else:  # one row per answer again (a few numbers each), for pandas' median
        rows = data.grades.loc[data.grades.index.repeat(data.grades["n"]), ["workshop_id", "value"]]
    g = rows.groupby("workshop_id")["value"].agg(n="size", value="median")
    g["measure"] = GRADE
    scores = _scores(data)
    gain = (scores["now"] - scores["before"]).rename("gain")
    s = (
        scores.assign(gain=gain)
        .groupby(["workshop_id", "goal_id"])["gain"]
        .agg(n="size", value="mean")
        .reset_index()
        .rename(columns={"goal_id": "measure"})
    )
    measures = [GRADE, *(goal.id for goal in data.q.goals)]
    full = pd.MultiIndex.from_product(
        [data.workshops["workshop_id"].tolist(), measures], names=["workshop_id", "measure"]
    )
    found = pd.concat([g.reset_index(), s], ignore_index=True).set_index(["workshop_id", "measure"])
    out = found.reindex(full).reset_index()
    out["measure"] = out["measure"].astype(str)
    out["n"] = out["n"].fillna(0).astype(int)
    out["value"] = out["value"].astype(float)
    return out[["workshop_id", "measure", "n", "value"]]


def _measure_labels(q: Questionnaire) -> dict[str, str]:
    return {GRADE: "Rapportcijfer", **{g.id: g.title for g in q.goals}}


def workshop_measures(source: Source, **scope: Any) -> pd.DataFrame:
    """Per workshop in scope: the median rapportcijfer and the mean gain per goal, with cells of
    fewer than min_cell respondents hidden (workshops are a breakdown too).

    Columns: workshop_id, municipality, province, date, measure ('rapportcijfer' or a goal id),
    measure_label, unit ('cijfer' or 'toename'), n, value, hidden, hidden_reason."""
    data = _src(source, **scope)
    pw = _per_workshop(data).merge(
        data.workshops[["workshop_id", "municipality", "province", "date"]], on="workshop_id"
    )
    labels = _measure_labels(data.q)
    pw["measure_label"] = pw["measure"].map(labels)
    pw["unit"] = np.where(pw["measure"] == GRADE, "cijfer", "toename")
    pw = pw[pw["n"] > 0]
    # Hide per workshop only (no secondary suppression: workshops are not summed to a total
    # that would reveal one of them, and each workshop's own page shows its figures anyway).
    out = pw.copy()
    small = out["n"] < data.q.min_cell
    out["hidden"] = small.astype(bool)
    out["hidden_reason"] = np.where(small, REASON_SMALL.format(n=data.q.min_cell), "")
    out["n"] = out["n"].astype(float)
    out["value"] = out["value"].astype(float)
    out.loc[small, ["n", "value"]] = np.nan
    cols = [
        "workshop_id",
        "municipality",
        "province",
        "date",
        "measure",
        "measure_label",
        "unit",
        "n",
        "value",
        "hidden",
        "hidden_reason",
    ]
    return out[cols].reset_index(drop=True)


def programme_measures(db: Database, q: Questionnaire | None = None) -> pd.DataFrame:
    """Per workshop with answers, over the whole programme: the median rapportcijfer and the mean
    gain (now − before) per goal of the current questionnaire, aggregated in SQL – the same
    numbers as `workshop_measures` before hiding, without loading every answer.

    A respondent's gain on a goal is the mean of their "nu" answers minus the mean of their
    "vóór" answers on the goal's items (both given). Long table: workshop_id, measure
    ('rapportcijfer' or a goal id), n (respondents), value; measures nobody answered in a
    workshop are left out."""
    q = q or questionnaire()
    meta = item_meta(db, q)
    goals = {g.id for g in q.goals}
    pairs = tuple(
        (str(r.item_id), str(r.goal_id))
        for r in meta.itertuples(index=False)
        if r.kind == "prepost" and r.goal_id in goals
    )
    return _programme_measures(db, pairs)


def _programme_measures(db: Database, pairs: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """`programme_measures` for the item → goal `pairs` of the questionnaire, kept per database
    (`kept.per_workshop`): a report compares its workshop with the programme (at scale 10 a
    query of 0.3 s over every answer); an evaluation coming in costs one workshop's query."""

    def splice(measures: pd.DataFrame, changed: list[int], fresh: pd.DataFrame) -> pd.DataFrame:
        return _in_order(kept.replace_rows(measures, changed, fresh))

    return kept.per_workshop(
        db, ("measures", pairs), lambda d, ids: _measures_of(d, pairs, ids), splice
    ).copy()


def _in_order(measures: pd.DataFrame) -> pd.DataFrame:
    """The rapportcijfer rows first, then the goals', each by workshop and measure."""
    order = measures.assign(_gain=measures["measure"] != GRADE).sort_values(
        ["_gain", "workshop_id", "measure"], kind="stable"
    )
    return order.drop(columns="_gain").reset_index(drop=True)


def _measures_of(
    db: Database, pairs: tuple[tuple[str, str], ...], workshop_ids: list[int] | None = None
) -> pd.DataFrame:
    """The measures of `programme_measures` in SQL, of every workshop or of `workshop_ids`."""
    only = (
        "" if workshop_ids is None else "AND r.workshop_id IN (SELECT value FROM json_each(:ws)) "
    )
    params: dict[str, Any] = {"ws": json.dumps(workshop_ids or [])}
    grade = pd.read_sql_query(
        f"""
        WITH g AS (
            SELECT r.workshop_id, a.value,
                   row_number() OVER (
                       PARTITION BY r.workshop_id ORDER BY a.value IS NULL, a.value) AS k,
                   count(a.value) OVER (PARTITION BY r.workshop_id) AS m
            FROM evaluation_answers a JOIN evaluation_responses r ON r.id = a.response_id
            WHERE a.kind = 'grade' {only}
        )
        SELECT workshop_id, count(*) AS n,
               avg(CASE WHEN k IN ((m + 1) / 2, (m + 2) / 2) THEN value END) AS value
        FROM g GROUP BY workshop_id
        """,
        db.conn,
        params=params,
    )
    grade.insert(1, "measure", GRADE)
    if pairs:
        # Item → goal as a CASE expression (a join on a json_each table is read per answer).
        whens = []
        for i, (item_id, goal_id) in enumerate(pairs):
            params[f"i{i}"], params[f"g{i}"] = item_id, goal_id
            whens.append(f"WHEN :i{i} THEN :g{i}")
        gain = pd.read_sql_query(
            "WITH scores AS (SELECT r.workshop_id, "
            f"CASE a.item_id {' '.join(whens)} END AS goal_id, "
            "avg(a.value) - avg(a.before) AS gain "
            "FROM evaluation_answers a JOIN evaluation_responses r ON r.id = a.response_id "
            "WHERE a.kind = 'prepost' AND a.before IS NOT NULL AND a.value IS NOT NULL "
            f"{only}GROUP BY a.response_id, goal_id) "
            "SELECT workshop_id, goal_id AS measure, count(*) AS n, avg(gain) AS value "
            "FROM scores WHERE goal_id IS NOT NULL GROUP BY workshop_id, goal_id",
            db.conn,
            params=params,
        )
    else:
        gain = pd.DataFrame(columns=["workshop_id", "measure", "n", "value"])
    out = pd.concat([grade, gain], ignore_index=True)
    out["workshop_id"] = out["workshop_id"].astype(int)
    out["measure"] = out["measure"].astype(str)
    out["n"] = out["n"].astype(int)
    out["value"] = out["value"].astype(float)
    return _in_order(out[["workshop_id", "measure", "n", "value"]])


def compare_with_others(
    db: Database,
    workshop_id: int,
    q: Questionnaire | None = None,
    cat: Catalog | None = None,
    measures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """This workshop against the average of all other workshops (each workshop counts once; only
    workshops with at least min_cell respondents for that measure take part; demo workshops only
    while there are no real ones).

    `measures` is `programme_measures(db, q)` when the caller has it already (e.g. cached).
    Rows: 'rapportcijfer' (median grade per workshop) and one per goal (mean gain now − before).
    Columns: measure, measure_label, unit ('cijfer'/'toename'), this_value, this_n,
    others_value, others_workshops, others_n (respondents in those workshops)."""
    q = q or questionnaire()
    pw = programme_measures(db, q) if measures is None else measures
    leave_out = uncounted_ids(db)  # demo workshops, once real ones exist
    labels = _measure_labels(q)
    rows = []
    for measure, label in labels.items():
        m = pw[pw["measure"] == measure]
        this = m[m["workshop_id"] == workshop_id]
        others = m[
            (m["workshop_id"] != workshop_id)
            & (m["n"] >= q.min_cell)
            & ~m["workshop_id"].isin(leave_out)
        ]
        rows.append(
            {
                "measure": measure,
                "measure_label": label,
                "unit": "cijfer" if measure == GRADE else "toename",
                "this_value": float(this["value"].iloc[0]) if len(this) else float("nan"),
                "this_n": int(this["n"].iloc[0]) if len(this) else 0,
                "others_value": _mean(others["value"]),
                "others_workshops": len(others),
                "others_n": int(others["n"].sum()),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "measure",
            "measure_label",
            "unit",
            "this_value",
            "this_n",
            "others_value",
            "others_workshops",
            "others_n",
        ],
    )


# ---------------------------------------------------------------- open answers


def open_answers(source: Source, **scope: Any) -> pd.DataFrame:
    """Every open answer, per question, in alphabetical order (not in the order given, and without
    the sector, so that an answer cannot be linked to a person).

    Columns: item_id, question, workshop_id, municipality, answer."""
    data = _src(source, **scope)
    op = (
        _open(data)
        .merge(data.meta[["item_id", "short", "order"]], on="item_id")
        .merge(data.workshops[["workshop_id", "municipality"]], on="workshop_id")
    )
    op = op.rename(columns={"short": "question", "text": "answer"})
    op["_key"] = op["answer"].str.casefold()
    op = op.sort_values(["order", "_key"], kind="stable")
    return op[["item_id", "question", "workshop_id", "municipality", "answer"]].reset_index(
        drop=True
    )


# ---------------------------------------------------------------- headline figures


def filter_options(db: Database) -> dict[str, list]:
    """Years (newest first) and provinces of the workshops the programme view can show."""
    rows = db.execute(
        "SELECT DISTINCT substr(COALESCE(w.date, w.requested_at), 1, 4), m.province "
        "FROM workshops w JOIN municipalities m ON m.code = w.municipality_code "
        f"WHERE {counted_sql('w')} AND (w.status IN ({', '.join('?' * len(HELD))}) OR EXISTS "
        "(SELECT 1 FROM evaluation_responses r WHERE r.workshop_id = w.id))",
        list(HELD),
    ).fetchall()
    years = sorted({y for r in rows if (y := parse_int(r[0])) is not None}, reverse=True)
    return {"years": years, "provinces": sorted({r[1] for r in rows})}
