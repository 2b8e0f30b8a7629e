"""The programme dashboard: every aggregate over all workshops, as SQL returning DataFrames.

All counting happens in SQLite (GROUP BY, window functions); pandas only adds labels, fills the
quarters without events and renames columns for people. The evaluation figures (median
rapportcijfer, gain per goal) are not recomputed here: they come from `jep.evaluation_stats`,
fed with the respondents of the workshops in the filters, so they equal the evaluation pages.
No Streamlit here; the page caches these results keyed by the filters and the write stamps
(`jep.store.stamps`).

Filters (`Filters`) apply to every figure:
- **years**: the year of the workshop's date, or of its request when it has no date yet (the
  same rule as the evaluation pages);
- **provinces**: the province of the municipality (the map shows only those provinces);
- **statuses**: the workshop's status;
- **domains**: workshops where the domain is involved (a registered participant from one of its
  sectors, or the sector wanted in the intake); participant and respondent counts then count only
  people from those domains' sectors, and the sector tables show only those sectors.

Definitions
- **Demo workshops** count only while there are no real ones (`workshops.COUNTED_SQL`): once a
  real werkatelier exists, every figure, table and export leaves the fictional ones out.
- A workshop is *held* when its status is 'uitgevoerd' or 'verslag verstuurd'; a municipality is
  *reached* when it has a held workshop in the filters.
- *Participants* are registered ('aangemeld', not the waiting list) in workshops that were not
  cancelled; *attended* are those marked present.
- **Map status** of a municipality: the status of its most advanced workshop in the filters,
  cancelled ones left out: none < requested ('aanvraag', 'intake') < planned < held < report sent.
  Its date is that workshop's date (the request date while it has none); participants are
  counted over all its workshops in the filters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.evaluation import stats as es
from jep.reference.catalog import Catalog, catalog
from jep.text import parse_int
from jep.workshop.workshops import CANCELLED, PIPELINE, STATUSES, counted_sql
from jep.workshop.workshops import HELD as _HELD
from jep.workshop.workshops import STATUS_LABELS as WORKSHOP_STATUS_LABELS

HELD = _HELD
UNKNOWN = "onbekend"

# Map status: (id, rank, Dutch label), least to most advanced.
MAP_STATUSES: tuple[tuple[str, int, str], ...] = (
    ("geen", 0, "Geen werkatelier"),
    ("aangevraagd", 1, "Aangevraagd"),
    ("gepland", 2, "Gepland"),
    ("uitgevoerd", 3, "Uitgevoerd"),
    ("verslag verstuurd", 4, "Verslag verstuurd"),
)
MAP_LABELS: dict[str, str] = {s: label for s, _, label in MAP_STATUSES}
STATUS_RANK: dict[str, int] = {
    "aanvraag": 1,
    "intake": 1,
    "gepland": 2,
    "uitgevoerd": 3,
    "verslag verstuurd": 4,
}
STATUS_LABELS: dict[str, str] = {  # the pages' status names, capitalised for headings
    status: label[0].upper() + label[1:] for status, label in WORKSHOP_STATUS_LABELS.items()
}

# URL query parameter per filter field (a view can be shared as a link).
PARAM_KEYS: dict[str, str] = {
    "years": "jaar",
    "provinces": "provincie",
    "statuses": "status",
    "domains": "domein",
}


# ---------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows; an empty tuple means "all"."""

    years: tuple[int, ...] = ()
    provinces: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.years or self.provinces or self.statuses or self.domains)

    def as_dict(self) -> dict[str, list[Any]]:
        """The filters in use, for the audit log of an export (Dutch keys)."""
        return {PARAM_KEYS[k]: list(getattr(self, k)) for k in PARAM_KEYS if getattr(self, k)}

    def describe(self, cat: Catalog | None = None) -> str:
        """One Dutch line: 'Alle werkateliers' or 'jaar 2025; provincie Utrecht, …'."""
        if self.is_empty():
            return "Alle werkateliers"
        cat = cat or catalog()
        parts = []
        if self.years:
            parts.append("jaar " + ", ".join(str(y) for y in self.years))
        if self.provinces:
            parts.append("provincie " + ", ".join(self.provinces))
        if self.statuses:
            parts.append("status " + ", ".join(STATUS_LABELS.get(s, s) for s in self.statuses))
        if self.domains:
            names = [cat.domains[d].name if d in cat.domains else d for d in self.domains]
            parts.append("domein " + ", ".join(names))
        return "; ".join(parts)


@dataclass(frozen=True)
class FilterOptions:
    """The values each filter can take (for the widgets and to check URL parameters)."""

    years: tuple[int, ...]
    provinces: tuple[str, ...]
    statuses: tuple[str, ...] = STATUSES
    domains: dict[str, str] = field(default_factory=dict)  # id -> name


def filter_options(db: Database, cat: Catalog | None = None) -> FilterOptions:
    """Years with workshops (newest first), provinces, statuses and domains."""
    cat = cat or catalog()
    years = [
        int(r[0])
        for r in db.execute(
            "SELECT DISTINCT CAST(substr(COALESCE(date, requested_at), 1, 4) AS INTEGER) AS y "
            f"FROM workshops w WHERE y > 0 AND {counted_sql('w')} ORDER BY y DESC"
        )
    ]
    provinces = [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT province FROM municipalities WHERE active = 1 ORDER BY province"
        )
    ]
    return FilterOptions(
        years=tuple(years),
        provinces=tuple(provinces),
        domains={d.id: d.name for d in cat.domains.values()},
    )


def _values(raw: Any) -> list[str]:
    """A query parameter as a list of strings: repeated (?a=1&a=2) or comma-separated."""
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [v.strip() for item in items for v in str(item).split(",") if v.strip()]


def filters_from_params(params: Mapping[str, Any], options: FilterOptions) -> Filters:
    """Filters from URL query parameters (jaar, provincie, status, domein). Unknown values are
    dropped, so a stale or edited link still opens; order follows the options."""
    years = set()
    for v in _values(params.get(PARAM_KEYS["years"])):
        year = parse_int(v)
        if year is not None and year in options.years:
            years.add(year)
    provinces = set(_values(params.get(PARAM_KEYS["provinces"])))
    statuses = set(_values(params.get(PARAM_KEYS["statuses"])))
    domains = set(_values(params.get(PARAM_KEYS["domains"])))
    return Filters(
        years=tuple(y for y in options.years if y in years),
        provinces=tuple(p for p in options.provinces if p in provinces),
        statuses=tuple(s for s in options.statuses if s in statuses),
        domains=tuple(d for d in options.domains if d in domains),
    )


def filters_to_params(f: Filters) -> dict[str, list[str]]:
    """URL query parameters of the filters in use (empty filters are left out)."""
    return {PARAM_KEYS[k]: [str(v) for v in getattr(f, k)] for k in PARAM_KEYS if getattr(f, k)}


def domain_sectors(cat: Catalog, domains: Sequence[str]) -> list[str]:
    """Sector ids of the given domains, in catalogue order."""
    return [s.id for s in cat.sectors.values() if s.domain in set(domains)]


# ---------------------------------------------------------------- SQL building blocks


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values)) or "NULL"


_YEAR_SQL = "CAST(substr(COALESCE(w.date, w.requested_at), 1, 4) AS INTEGER)"


def _quarter(expr: str) -> str:
    """SQL for the quarter of an ISO date: '2026-K3'."""
    return f"(substr({expr}, 1, 4) || '-K' || ((CAST(substr({expr}, 6, 2) AS INTEGER) + 2) / 3))"


class _Sql:
    """A WITH clause assembled in order, so that the parameters line up with their marks."""

    def __init__(self) -> None:
        self.ctes: list[str] = []
        self.params: list[Any] = []

    def cte(self, sql: str, params: Sequence[Any] = ()) -> _Sql:
        self.ctes.append(sql)
        self.params.extend(params)
        return self

    def query(self, db: Database, select: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        sql = ("WITH " + ",\n".join(self.ctes) + "\n" if self.ctes else "") + select
        return pd.read_sql_query(sql, db.conn, params=[*self.params, *params])


def _scope(f: Filters, cat: Catalog, people: bool = True) -> _Sql:
    """CTEs `scope` (the workshops in the filters, cancelled ones included unless filtered out)
    and `people` (their registered and waiting participants of the filtered domains, cancelled
    workshops left out)."""
    where: list[str] = [counted_sql("w")]  # demo workshops only while there are no real ones
    params: list[Any] = []
    if f.years:
        where.append(f"{_YEAR_SQL} IN ({_marks(f.years)})")
        params.extend(int(y) for y in f.years)
    if f.provinces:
        where.append(f"m.province IN ({_marks(f.provinces)})")
        params.extend(f.provinces)
    if f.statuses:
        where.append(f"w.status IN ({_marks(f.statuses)})")
        params.extend(f.statuses)
    sids = domain_sectors(cat, f.domains) if f.domains else []
    if f.domains:
        # Not correlated: one pass over each table, not one per workshop.
        where.append(
            "w.id IN (SELECT workshop_id FROM participants WHERE status = 'aangemeld' "
            f"AND sector_id IN ({_marks(sids)}) UNION SELECT workshop_id FROM intake_sectors "
            f"WHERE desired > 0 AND sector_id IN ({_marks(sids)}))"
        )
        params.extend([*sids, *sids])
    q = _Sql().cte(
        "scope AS MATERIALIZED (SELECT w.id, w.municipality_code AS code, w.status, w.date, "
        "w.requested_at, "
        "COALESCE(w.date, substr(w.requested_at, 1, 10)) AS day, m.name, m.province "
        "FROM workshops w JOIN municipalities m ON m.code = w.municipality_code "
        f"WHERE {' AND '.join(where) or '1 = 1'})",
        params,
    )
    if people:
        sector_filter = f"AND p.sector_id IN ({_marks(sids)})" if f.domains else ""
        q.cte(
            "people AS MATERIALIZED (SELECT p.workshop_id, p.sector_id, p.status, p.attended "
            "FROM participants p JOIN scope s ON s.id = p.workshop_id "
            f"WHERE s.status <> '{CANCELLED}' {sector_filter})",
            sids if f.domains else [],
        )
    return q


def _sectors_cte(q: _Sql, cat: Catalog, domains: Sequence[str] = ()) -> _Sql:
    """CTE `sec(sector_id, sector, domain_id, domain, ord, dord)` from the catalogue (`ord`: the
    sector's place, `dord`: its domain's place)."""
    dorder = {d: i for i, d in enumerate(cat.domains)}
    rows = [
        (s.id, s.name, s.domain, cat.domains[s.domain].name, i, dorder[s.domain])
        for i, s in enumerate(cat.sectors.values())
        if not domains or s.domain in domains
    ]
    cols = "sec(sector_id, sector, domain_id, domain, ord, dord)"
    if not rows:  # a VALUES list cannot be empty
        return q.cte(f"{cols} AS (SELECT 1, 1, 1, 1, 1, 1 WHERE 0)")
    values = ", ".join("(?, ?, ?, ?, ?, ?)" for _ in rows)
    return q.cte(f"{cols} AS (VALUES {values})", [v for r in rows for v in r])


_HELD_SQL = ", ".join(f"'{s}'" for s in HELD)
_RANK_SQL = (
    "CASE status "
    + " ".join(f"WHEN '{s}' THEN {r}" for s, r in STATUS_RANK.items())
    + " ELSE 0 END"
)


# ---------------------------------------------------------------- key figures and pipeline


def key_figures(db: Database, f: Filters, cat: Catalog | None = None) -> pd.DataFrame:
    """One row: workshops, active (not cancelled), held, cancelled, municipalities_reached,
    municipalities_total (active municipalities in the provinces of the filters), registered,
    attended, waiting (participants; see the module docstring)."""
    cat = cat or catalog()
    q = _scope(f, cat)
    prov = f"AND province IN ({_marks(f.provinces)})" if f.provinces else ""
    return q.query(
        db,
        "SELECT "
        "(SELECT count(*) FROM scope) AS workshops, "
        f"(SELECT count(*) FROM scope WHERE status <> '{CANCELLED}') AS active, "
        f"(SELECT count(*) FROM scope WHERE status IN ({_HELD_SQL})) AS held, "
        f"(SELECT count(*) FROM scope WHERE status = '{CANCELLED}') AS cancelled, "
        f"(SELECT count(DISTINCT code) FROM scope WHERE status IN ({_HELD_SQL})) "
        "AS municipalities_reached, "
        f"(SELECT count(*) FROM municipalities WHERE active = 1 {prov}) AS municipalities_total, "
        "(SELECT count(*) FROM people WHERE status = 'aangemeld') AS registered, "
        "(SELECT count(*) FROM people WHERE status = 'aangemeld' AND attended = 1) AS attended, "
        "(SELECT count(*) FROM people WHERE status = 'wachtlijst') AS waiting",
        list(f.provinces),
    )


def status_funnel(db: Database, f: Filters, cat: Catalog | None = None) -> pd.DataFrame:
    """The pipeline: one row per status (the five pipeline steps, then 'geannuleerd').

    Columns: status, label, count (workshops now in this status), reached (workshops in this
    step or further along; NaN for 'geannuleerd', whose last step is unknown)."""
    cat = cat or catalog()
    counts = _scope(f, cat, people=False).query(
        db, "SELECT status, count(*) AS count FROM scope GROUP BY status"
    )
    out = pd.DataFrame({"status": list(STATUSES)})
    out["label"] = out["status"].map(STATUS_LABELS)
    out = out.merge(counts, on="status", how="left")
    out["count"] = out["count"].fillna(0).astype(int)
    steps = out["status"].isin(PIPELINE)
    reached = out.loc[steps, "count"][::-1].cumsum()[::-1]
    out["reached"] = reached.reindex(out.index).astype(float)
    return out[["status", "label", "count", "reached"]]


# ---------------------------------------------------------------- municipalities and map


def _municipality_sql(f: Filters, cat: Catalog) -> _Sql:
    """CTEs up to `muni`: every active municipality (of the provinces in the filters) with its
    map rank, the date and id of its most advanced workshop, workshops and participants."""
    q = _scope(f, cat)
    q.cte(
        f"ranked AS (SELECT id, code, day, {_RANK_SQL} AS rank FROM scope "
        f"WHERE status <> '{CANCELLED}')"
    )
    q.cte(
        "best AS (SELECT code, rank, day, id, row_number() OVER (PARTITION BY code "
        "ORDER BY rank DESC, day DESC, id DESC) AS rn FROM ranked)"
    )
    q.cte("wcount AS (SELECT code, count(*) AS n FROM ranked GROUP BY code)")
    q.cte(
        "pcount AS (SELECT r.code, count(*) AS n FROM people p JOIN ranked r "
        "ON r.id = p.workshop_id WHERE p.status = 'aangemeld' GROUP BY r.code)"
    )
    prov = f"AND m.province IN ({_marks(f.provinces)})" if f.provinces else ""
    q.cte(
        "muni AS (SELECT m.code, m.name, m.province, COALESCE(b.rank, 0) AS rank, b.day AS date, "
        "b.id AS workshop_id, COALESCE(w.n, 0) AS workshops, COALESCE(p.n, 0) AS participants "
        "FROM municipalities m "
        "LEFT JOIN best b ON b.code = m.code AND b.rn = 1 "
        "LEFT JOIN wcount w ON w.code = m.code "
        "LEFT JOIN pcount p ON p.code = m.code "
        f"WHERE m.active = 1 {prov})",
        list(f.provinces),
    )
    return q


def municipality_map(db: Database, f: Filters, cat: Catalog | None = None) -> pd.DataFrame:
    """One row per active municipality (of the provinces in the filters), for the map.

    Columns: code, name, province, rank (0–4), map_status (see MAP_STATUSES), map_label, date
    (ISO date of the most advanced workshop, '' when none), workshop_id (0 when none), workshops
    (not cancelled, in the filters), participants (registered, over those workshops)."""
    cat = cat or catalog()
    df = _municipality_sql(f, cat).query(db, "SELECT * FROM muni ORDER BY name, code")
    by_rank = {rank: s for s, rank, _ in MAP_STATUSES}
    df["map_status"] = df["rank"].map(by_rank)
    df["map_label"] = df["map_status"].map(MAP_LABELS)
    df["date"] = df["date"].fillna("").astype(str)
    df["workshop_id"] = df["workshop_id"].fillna(0).astype(int)
    cols = ["code", "name", "province", "rank", "map_status", "map_label", "date"]
    return df[[*cols, "workshop_id", "workshops", "participants"]]


def provinces(db: Database, f: Filters, cat: Catalog | None = None) -> pd.DataFrame:
    """Per province: municipalities (active), requested (with any workshop in the filters, not
    cancelled), planned_or_further, reached (with a held workshop), share_reached (0–1).
    A last row 'Totaal' sums them."""
    cat = cat or catalog()
    df = _municipality_sql(f, cat).query(
        db,
        "SELECT province, count(*) AS municipalities, sum(rank >= 1) AS requested, "
        "sum(rank >= 2) AS planned_or_further, sum(rank >= 3) AS reached "
        "FROM muni GROUP BY province ORDER BY province",
    )
    total = df[["municipalities", "requested", "planned_or_further", "reached"]].sum()
    df = pd.concat([df, pd.DataFrame([{"province": "Totaal", **total.to_dict()}])])
    df = df.reset_index(drop=True)
    for col in ("municipalities", "requested", "planned_or_further", "reached"):
        df[col] = df[col].astype(int)
    df["share_reached"] = df["reached"] / df["municipalities"].where(df["municipalities"] > 0)
    return df


# ---------------------------------------------------------------- participants


def participants_by_sector(db: Database, f: Filters, cat: Catalog | None = None) -> pd.DataFrame:
    """Participants per sector (every sector of the catalogue in the filters' domains, in its
    order; sectors no longer in the catalogue last, with domain 'onbekend').

    Columns: domain_id, domain, sector_id, sector, registered, attended, waiting."""
    cat = cat or catalog()
    q = _sectors_cte(_scope(f, cat), cat, f.domains)
    q.cte(
        "pc AS (SELECT sector_id, sum(status = 'aangemeld') AS registered, "
        "sum(status = 'aangemeld' AND attended = 1) AS attended, "
        "sum(status = 'wachtlijst') AS waiting FROM people GROUP BY sector_id)"
    )
    return q.query(
        db,
        f"SELECT COALESCE(sec.domain_id, '{UNKNOWN}') AS domain_id, "
        "COALESCE(sec.domain, 'Onbekend') AS domain, ids.sector_id, "
        "COALESCE(sec.sector, ids.sector_id) AS sector, "
        "COALESCE(pc.registered, 0) AS registered, COALESCE(pc.attended, 0) AS attended, "
        "COALESCE(pc.waiting, 0) AS waiting "
        "FROM (SELECT sector_id FROM sec UNION SELECT sector_id FROM pc) ids "
        "LEFT JOIN sec ON sec.sector_id = ids.sector_id "
        "LEFT JOIN pc ON pc.sector_id = ids.sector_id "
        "ORDER BY sec.ord IS NULL, sec.ord, ids.sector_id",
    )


def participants_by_domain(db: Database, f: Filters, cat: Catalog | None = None) -> pd.DataFrame:
    """Participants per domain (the filters' domains, catalogue order; 'onbekend' last).

    Columns: domain_id, domain, registered, attended, waiting."""
    cat = cat or catalog()
    q = _sectors_cte(_scope(f, cat), cat, f.domains)
    q.cte(
        "dom AS (SELECT domain_id, min(domain) AS domain, min(dord) AS ord FROM sec "
        "GROUP BY domain_id)"
    )
    q.cte(
        "ps AS (SELECT sector_id, sum(status = 'aangemeld') AS registered, "
        "sum(status = 'aangemeld' AND attended = 1) AS attended, "
        "sum(status = 'wachtlijst') AS waiting FROM people GROUP BY sector_id)"
    )
    q.cte(
        f"pd AS (SELECT COALESCE(sec.domain_id, '{UNKNOWN}') AS domain_id, "
        "sum(ps.registered) AS registered, sum(ps.attended) AS attended, "
        "sum(ps.waiting) AS waiting FROM ps LEFT JOIN sec ON sec.sector_id = ps.sector_id "
        "GROUP BY 1)"
    )
    return q.query(
        db,
        "SELECT ids.domain_id, COALESCE(dom.domain, 'Onbekend') AS domain, "
        "COALESCE(pd.registered, 0) AS registered, COALESCE(pd.attended, 0) AS attended, "
        "COALESCE(pd.waiting, 0) AS waiting "
        "FROM (SELECT domain_id FROM dom UNION SELECT domain_id FROM pd) ids "
        "LEFT JOIN dom ON dom.domain_id = ids.domain_id "
        "LEFT JOIN pd ON pd.domain_id = ids.domain_id "
        "ORDER BY dom.ord IS NULL, dom.ord",
    )


# ---------------------------------------------------------------- trends


def _fill_quarters(df: pd.DataFrame, value_cols: Sequence[str]) -> pd.DataFrame:
    """Add the quarters between the first and the last one that have no rows (zeros)."""
    if df.empty:
        return df
    first, last = df["quarter"].min(), df["quarter"].max()
    periods = pd.period_range(
        pd.Period(first.replace("-K", "Q"), freq="Q"),
        pd.Period(last.replace("-K", "Q"), freq="Q"),
        freq="Q",
    )
    every = pd.DataFrame({"quarter": [f"{p.year}-K{p.quarter}" for p in periods]})
    out = every.merge(df, on="quarter", how="left")
    for col in value_cols:
        out[col] = out[col].fillna(0).astype(int)
    return out


def quarterly(db: Database, f: Filters, cat: Catalog | None = None) -> pd.DataFrame:
    """Per quarter ('2026-K1'), with empty quarters in between filled with zeros.

    Columns: quarter, requests (workshops requested in that quarter), held (held workshops by
    their date), participants (registered in held workshops, by the workshop's date), attended."""
    cat = cat or catalog()
    q = _scope(f, cat)
    q.cte(
        "pw AS (SELECT workshop_id, sum(status = 'aangemeld') AS registered, "
        "sum(status = 'aangemeld' AND attended = 1) AS attended FROM people GROUP BY workshop_id)"
    )
    df = q.query(
        db,
        "SELECT quarter, sum(req) AS requests, sum(held) AS held, "
        "sum(registered) AS participants, sum(attended) AS attended FROM ("
        f"SELECT {_quarter('requested_at')} AS quarter, 1 AS req, 0 AS held, 0 AS registered, "
        "0 AS attended FROM scope "
        f"UNION ALL SELECT {_quarter('s.date')}, 0, 1, COALESCE(pw.registered, 0), "
        "COALESCE(pw.attended, 0) FROM scope s LEFT JOIN pw ON pw.workshop_id = s.id "
        f"WHERE s.status IN ({_HELD_SQL}) AND s.date IS NOT NULL"
        ") GROUP BY quarter ORDER BY quarter",
    )
    cols = ["requests", "held", "participants", "attended"]
    return _fill_quarters(df, cols)[["quarter", *cols]]


# ---------------------------------------------------------------- what recurs


def knelpunten(db: Database, f: Filters, cat: Catalog | None = None) -> pd.DataFrame:
    """Knelpunten named in the intakes of the workshops in the filters (intakes that were
    submitted, or whose workshop is past the request stage), most often named first.

    Columns: knelpunt_id, knelpunt (short text; the id when no longer in the catalogue), intakes
    (naming it), share (of the intakes naming any knelpunt), severity_mean (1–5)."""
    cat = cat or catalog()
    q = _scope(f, cat, people=False)
    rows = [(k.id, k.short, i) for i, k in enumerate(cat.knelpunten.values())]
    values = ", ".join("(?, ?, ?)" for _ in rows) or "(NULL, NULL, NULL)"
    q.cte(f"kp(knelpunt_id, short, ord) AS (VALUES {values})", [v for r in rows for v in r])
    q.cte(
        "ik AS (SELECT k.workshop_id, k.knelpunt_id, k.severity FROM intake_knelpunten k "
        "JOIN scope s ON s.id = k.workshop_id JOIN intakes i ON i.workshop_id = s.id "
        "WHERE i.state = 'ingediend' OR s.status NOT IN ('aanvraag', 'geannuleerd'))"
    )
    return q.query(
        db,
        "SELECT ik.knelpunt_id, COALESCE(kp.short, ik.knelpunt_id) AS knelpunt, "
        "count(*) AS intakes, "
        "CAST(count(*) AS REAL) / (SELECT count(DISTINCT workshop_id) FROM ik) AS share, "
        "avg(ik.severity) AS severity_mean "
        "FROM ik LEFT JOIN kp ON kp.knelpunt_id = ik.knelpunt_id "
        "GROUP BY ik.knelpunt_id ORDER BY intakes DESC, severity_mean DESC, kp.ord",
    )


def missing_sectors(db: Database, f: Filters, cat: Catalog | None = None) -> pd.DataFrame:
    """Sectors most often missing from the mix of held workshops that have a participant list
    (in the filters), most often missing first.

    Columns: sector_id, sector, domain_id, domain, workshops (held, with participants), missing
    (of those, without a registered participant from the sector), share_missing (0–1), wanted
    (the intake asked for the sector), wanted_missing (asked for, yet nobody registered)."""
    cat = cat or catalog()
    q = _sectors_cte(_scope(f, cat, people=False), cat, f.domains)
    q.cte(
        f"mixw AS (SELECT s.id FROM scope s WHERE s.status IN ({_HELD_SQL}) AND EXISTS "
        "(SELECT 1 FROM participants p WHERE p.workshop_id = s.id AND p.status = 'aangemeld'))"
    )
    # Per sector, small aggregates only (no workshop × sector join): covered = held workshops
    # with someone registered from the sector; wanted = the intake asked for the sector.
    q.cte(
        "covered AS (SELECT p.sector_id, count(DISTINCT p.workshop_id) AS n FROM participants p "
        "JOIN mixw ON mixw.id = p.workshop_id WHERE p.status = 'aangemeld' GROUP BY p.sector_id)"
    )
    q.cte(
        "wanted AS (SELECT i.sector_id, count(*) AS n, sum(EXISTS (SELECT 1 FROM participants p "
        "WHERE p.workshop_id = i.workshop_id AND p.status = 'aangemeld' "
        "AND p.sector_id = i.sector_id)) AS covered FROM intake_sectors i "
        "JOIN mixw ON mixw.id = i.workshop_id WHERE i.desired > 0 GROUP BY i.sector_id)"
    )
    df = q.query(
        db,
        "SELECT sec.sector_id, sec.sector, sec.domain_id, sec.domain, "
        "(SELECT count(*) FROM mixw) AS workshops, "
        "(SELECT count(*) FROM mixw) - COALESCE(c.n, 0) AS missing, "
        "COALESCE(w.n, 0) AS wanted, COALESCE(w.n, 0) - COALESCE(w.covered, 0) AS wanted_missing "
        "FROM sec LEFT JOIN covered c ON c.sector_id = sec.sector_id "
        "LEFT JOIN wanted w ON w.sector_id = sec.sector_id "
        "WHERE (SELECT count(*) FROM mixw) > 0 "
        "ORDER BY missing DESC, wanted_missing DESC, sec.ord",
    )
    df["share_missing"] = df["missing"] / df["workshops"].where(df["workshops"] > 0)
    return df[
        [
            "sector_id",
            "sector",
            "domain_id",
            "domain",
            "workshops",
            "missing",
            "share_missing",
            "wanted",
            "wanted_missing",
        ]
    ]


# ---------------------------------------------------------------- recommendations

REC_TABLE = "recommendation_decisions"  # jep/schema/report.py
OWN_RECOMMENDATIONS = "Eigen aanbevelingen van medewerkers"
REC_COLUMNS = [
    "recommendation_id",
    "recommendation",
    "workshops",
    "proposed",
    "accepted",
    "rejected",
    "share_accepted",
]


def _table_exists(db: Database, name: str) -> bool:
    return bool(
        db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]
        ).fetchone()
    )


def recommendations_available(db: Database) -> bool:
    """Whether recommendation decisions can be stored (the report module's table exists)."""
    return _table_exists(db, REC_TABLE)


def _rule_titles() -> dict[str, str]:
    """Rule id -> title from data/recommendations.toml; empty when it cannot be read (the
    stored titles and ids are shown instead)."""
    try:
        from jep.report import rules

        return {r.id: r.title for r in rules.rules().rules}
    except Exception:  # noqa: BLE001 - a broken rule file must not break the dashboard
        return {}


def recommendations(db: Database, f: Filters, cat: Catalog | None = None) -> pd.DataFrame:
    """The recommendations most often proposed and accepted in the workshops in the filters,
    from staff's decisions (`recommendation_decisions`): every proposal of the rule base that
    staff reviewed counts as proposed; accepted ones went into the report. Staff's own
    recommendations are counted together in one row (recommendation_id ''). Empty, with the
    columns below, while that table does not exist or holds nothing in the filters.

    Columns: recommendation_id (rule id), recommendation (its title), workshops, proposed,
    accepted, rejected, share_accepted (0–1 of proposed)."""
    if not recommendations_available(db):
        return pd.DataFrame(columns=REC_COLUMNS)
    cat = cat or catalog()
    df = _scope(f, cat, people=False).query(
        db,
        "SELECT COALESCE(r.rule_id, '') AS recommendation_id, max(r.title) AS stored_title, "
        "count(DISTINCT r.workshop_id) AS workshops, count(*) AS proposed, "
        "sum(r.decision = 'aanvaard') AS accepted, sum(r.decision = 'afgewezen') AS rejected "
        f"FROM {REC_TABLE} r JOIN scope s ON s.id = r.workshop_id "
        "GROUP BY COALESCE(r.rule_id, '') "
        "ORDER BY recommendation_id = '', proposed DESC, accepted DESC, recommendation_id",
    )
    titles = pd.Series(_rule_titles(), dtype=object)
    df["recommendation"] = (
        df["recommendation_id"]
        .map(titles)
        .fillna(df["stored_title"])
        .fillna(df["recommendation_id"])
    )
    df.loc[df["recommendation_id"] == "", "recommendation"] = OWN_RECOMMENDATIONS
    df["share_accepted"] = df["accepted"] / df["proposed"].where(df["proposed"] > 0)
    return df[REC_COLUMNS]


# ---------------------------------------------------------------- evaluation


def scope_workshops(db: Database, f: Filters, cat: Catalog | None = None) -> pd.DataFrame:
    """The workshops in the filters: id, status, day (date or request date), quarter."""
    cat = cat or catalog()
    return _scope(f, cat, people=False).query(
        db, f"SELECT id, status, day, {_quarter('day')} AS quarter FROM scope ORDER BY id"
    )


def scope_digest(scope: pd.DataFrame) -> str:
    """A short fingerprint of `scope_workshops` (ids and quarters), for a cache key."""
    hashed = pd.util.hash_pandas_object(scope[["id", "quarter"]], index=False)
    return hashlib.sha256(hashed.to_numpy().tobytes()).hexdigest()[:32]


def evaluation_counts(
    db: Database, groups: Mapping[Any, Sequence[int]], f: Filters, cat: Catalog | None = None
) -> dict[Any, es.EvalCounts]:
    """The evaluation aggregates of each group of workshops (the view, its quarters), summed
    from those the application keeps per workshop (`evaluation_stats.workshop_counts`); with a
    domain filter only the respondents who gave a sector of those domains."""
    sectors = domain_sectors(cat or catalog(), f.domains) if f.domains else None
    return es.workshop_counts(db, groups, sectors)


def evaluation_summary(data: es.EvalCounts) -> dict[str, Any]:
    """Headline evaluation figures of a view's aggregates (`evaluation_counts`), from
    `evaluation_stats`.

    Keys: responses (int), workshops (with at least one response), grade (the one-row
    `grade_stats`), goals (`goal_stats`; a goal answered by fewer than min_cell respondents
    keeps its n but has its numbers blanked and target_note 'verborgen: …')."""
    goals = es.goal_stats(data)
    small = (goals["n"] > 0) & (goals["n"] < data.q.min_cell)
    cols = ["before_mean", "now_mean", "gain_mean", "share_improved"]
    goals.loc[small, cols] = float("nan")
    goals.loc[small, "meets_target"] = False
    goals.loc[small, "target_note"] = "verborgen: " + es.REASON_SMALL.format(n=data.q.min_cell)
    return {
        "responses": int(data.sources["n"].sum()),
        "workshops": int(data.sources["workshop_id"].nunique()),
        "grade": es.grade_stats(data),
        "goals": goals,
    }


def evaluation_quarterly(
    db: Database,
    quarters: pd.DataFrame,
    f: Filters,
    cat: Catalog | None = None,
    min_cell: int | None = None,
) -> pd.DataFrame:
    """Per quarter of the workshop date: the median rapportcijfer and the mean gain per goal,
    computed by `evaluation_stats` on that quarter's respondents (of the filter's domains).
    Quarters with fewer than `min_cell` respondents for a measure are hidden (value NaN,
    `hidden` True).

    `quarters` maps the view's workshops to quarters (columns id, quarter; `scope_workshops`).
    Columns: quarter, measure ('rapportcijfer' or a goal id), measure_label, n (NaN when
    hidden), value, hidden."""
    cols = ["quarter", "measure", "measure_label", "n", "value", "hidden"]
    groups = {str(k): ids.tolist() for k, ids in quarters.groupby("quarter")["id"]}
    counts = evaluation_counts(db, groups, f, cat)
    rows: list[dict[str, Any]] = []
    for quarter in sorted(counts):
        part = counts[quarter]
        if part.sources.empty:  # no respondents in this quarter
            continue
        g = es.grade_stats(part).iloc[0]
        rows.append({"quarter": quarter, "measure": es.GRADE, "n": g["n"], "value": g["median"]})
        goals = es.goal_stats(part)
        rows += [
            {"quarter": quarter, "measure": r.goal_id, "n": r.n, "value": r.gain_mean}
            for r in goals.itertuples(index=False)
        ]
    if not rows:
        return pd.DataFrame(columns=cols)
    q = next(iter(counts.values())).q
    min_cell = q.min_cell if min_cell is None else min_cell
    labels = {es.GRADE: "Rapportcijfer (mediaan)", **{g.id: g.title for g in q.goals}}
    out = pd.DataFrame(rows)
    out["measure_label"] = out["measure"].map(labels)
    out["n"] = out["n"].astype(float)
    out["value"] = out["value"].astype(float)
    out["hidden"] = out["n"] < min_cell
    out.loc[out["hidden"], ["n", "value"]] = float("nan")  # like the other breakdowns
    return out[cols]


# ---------------------------------------------------------------- presentation

# Dutch column headings of every table, for the screen and the exports.
TABLES: dict[str, dict[str, Any]] = {
    "status": {
        "title": "Werkateliers per status",
        "columns": {"label": "Status", "count": "Nu in deze status", "reached": "Tot hier gekomen"},
    },
    "provincies": {
        "title": "Gemeenten per provincie",
        "columns": {
            "province": "Provincie",
            "municipalities": "Gemeenten",
            "requested": "Met aanvraag of verder",
            "planned_or_further": "Gepland of verder",
            "reached": "Bereikt (uitgevoerd)",
            "share_reached": "Aandeel bereikt",
        },
    },
    "gemeenten": {
        "title": "Gemeenten en hun werkatelier",
        "columns": {
            "code": "Code",
            "name": "Gemeente",
            "province": "Provincie",
            "map_label": "Status",
            "date": "Datum",
            "workshops": "Werkateliers",
            "participants": "Deelnemers",
        },
    },
    "deelnemers-domein": {
        "title": "Deelnemers per domein",
        "columns": {
            "domain": "Domein",
            "registered": "Aangemeld",
            "attended": "Aanwezig",
            "waiting": "Wachtlijst",
        },
    },
    "deelnemers-sector": {
        "title": "Deelnemers per sector",
        "columns": {
            "domain": "Domein",
            "sector": "Sector",
            "registered": "Aangemeld",
            "attended": "Aanwezig",
            "waiting": "Wachtlijst",
        },
    },
    "doelen": {
        "title": "Resultaat per doel (vóór en nu)",
        "columns": {
            "goal": "Doel",
            "n": "Respondenten",
            "before_mean": "Vóór (gem.)",
            "now_mean": "Nu (gem.)",
            "gain_mean": "Toename",
            "share_improved": "Aandeel vooruitgegaan",
            "target_note": "Oordeel",
        },
    },
    "trends": {
        "title": "Werkateliers en deelnemers per kwartaal",
        "columns": {
            "quarter": "Kwartaal",
            "requests": "Aanvragen",
            "held": "Uitgevoerd",
            "participants": "Deelnemers (aangemeld)",
            "attended": "Aanwezig",
        },
    },
    "trends-evaluatie": {
        "title": "Rapportcijfer en toename per kwartaal",
        "columns": {
            "quarter": "Kwartaal",
            "measure_label": "Maat",
            "n": "Respondenten",
            "value": "Waarde",
        },
    },
    "knelpunten": {
        "title": "Knelpunten die het vaakst genoemd worden",
        "columns": {
            "knelpunt": "Knelpunt",
            "intakes": "Voorgesprekken",
            "share": "Aandeel voorgesprekken",
            "severity_mean": "Gemiddelde ernst (1–5)",
        },
    },
    "aanbevelingen": {
        "title": "Aanbevelingen die het vaakst voorgesteld en overgenomen worden",
        "columns": {
            "recommendation": "Aanbeveling",
            "workshops": "Werkateliers",
            "proposed": "Voorgesteld en beoordeeld",
            "accepted": "Overgenomen",
            "rejected": "Afgewezen",
            "share_accepted": "Aandeel overgenomen",
        },
    },
    "ontbrekende-sectoren": {
        "title": "Sectoren die het vaakst ontbreken",
        "columns": {
            "sector": "Sector",
            "domain": "Domein",
            "workshops": "Uitgevoerde werkateliers",
            "missing": "Ontbrak",
            "share_missing": "Aandeel ontbrak",
            "wanted_missing": "Gewenst in voorgesprek, toch ontbrak",
        },
    },
}


def present(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """The columns of `table` that people see, with Dutch headings (screen and exports)."""
    cols = TABLES[table]["columns"]
    return df[[c for c in cols if c in df.columns]].rename(columns=cols).reset_index(drop=True)
