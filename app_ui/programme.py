"""The programme dashboard's figures, cached per write stamp of the tables they read, and
`warm()`, which the server runs once at start so that the first staff member who signs in
finds the home screen's figures ready instead of computing the whole programme (seconds at
national scale)."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from streamlit import runtime

from app_ui.cache import Connection, cached_by, db_file_of
from jep.evaluation import charts as che
from jep.programme import charts as chd
from jep.programme import dashboard as dash
from jep.programme import export
from jep.reference.catalog import Catalog, catalog
from jep.store import db

log = logging.getLogger("jep.web")

# The tables the programme figures read (jep.programme.dashboard's SQL); the evaluation figures
# read only these three. An evaluation coming in (a room submitting) redoes only the latter.
FIGURE_TABLES = (
    "workshops",
    "municipalities",
    "intakes",
    "intake_knelpunten",
    "intake_sectors",
    "participants",
    "recommendation_decisions",
)
EVAL_TABLES = ("evaluation_responses", "workshops", "municipalities")


@cached_by(*FIGURE_TABLES, max_entries=8)
def options(d: Connection) -> dash.FilterOptions:
    return dash.filter_options(d, catalog())


AGGREGATES: dict[str, Callable[[Connection, dash.Filters, Catalog], pd.DataFrame]] = {
    "key": dash.key_figures,
    "funnel": dash.status_funnel,
    "map": dash.municipality_map,
    "provinces": dash.provinces,
    "by_domain": dash.participants_by_domain,
    "by_sector": dash.participants_by_sector,
    "quarters": dash.quarterly,
    "knelpunten": dash.knelpunten,
    "missing": dash.missing_sectors,
    "recommendations": dash.recommendations,
    "scope": dash.scope_workshops,
}
"""The SQL aggregates of a view of the programme, by name."""


@cached_by(*FIGURE_TABLES, max_entries=64 * len(AGGREGATES), spinner="Cijfers berekenen…")
def aggregate(d: Connection, key: tuple, name: str) -> pd.DataFrame:
    """One SQL aggregate (`AGGREGATES`) of one view, keyed by the filters."""
    return AGGREGATES[name](d, dash.Filters(*key), catalog())


class Figures(Mapping[str, pd.DataFrame]):
    """The aggregates of one view, each computed (or taken from the cache) when it is first
    read: the page shows one tab, and the other tabs' aggregates wait until one of them is
    opened (a filter not chosen before computed all eleven: 170 of its 350 ms at national
    scale were for tabs not open)."""

    def __init__(self, db_file: str, key: tuple) -> None:
        self._db_file, self._key = db_file, key
        self._read: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in AGGREGATES:
            raise KeyError(name)
        if name not in self._read:
            with db.open_db(self._db_file) as d:
                self._read[name] = aggregate(d, self._key, name)
        return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(AGGREGATES)

    def __len__(self) -> int:
        return len(AGGREGATES)


def figures(d: Connection, key: tuple) -> Figures:
    """The aggregates of the view `key` (the filters as a tuple), read as they are needed."""
    return Figures(db_file_of(d), key)


@cached_by(*EVAL_TABLES, max_entries=64, spinner="Evaluaties samenvatten…")
def evaluation(
    d: Connection, scope_digest: str, domains: tuple, _scope: pd.DataFrame
) -> dict[str, Any]:
    """The evaluation figures of the workshops in view (`_scope`: id and quarter; identified by
    its digest), summed from the aggregates kept per workshop (`dash.evaluation_counts`). Keyed
    by the evaluation data and the workshops in view only: a participant edit does not redo it."""
    f = dash.Filters(domains=domains)
    data = dash.evaluation_counts(d, {"view": _scope["id"].tolist()}, f, catalog())["view"]
    return {
        **dash.evaluation_summary(data),
        "min_cell": data.q.min_cell,
        "target_now": data.q.target_now_mean,
    }


@cached_by(*EVAL_TABLES, max_entries=64, spinner="Evaluaties per kwartaal…")
def evaluation_quarters(
    d: Connection, scope_digest: str, domains: tuple, _scope: pd.DataFrame
) -> pd.DataFrame:
    """The evaluation figures per quarter of the workshops in view (the trends tab and the
    workbook only: not computed for the other tabs)."""
    return dash.evaluation_quarterly(d, _scope, dash.Filters(domains=domains), catalog())


@cached_by(*FIGURE_TABLES, resource=True, max_entries=64)
def chart(d: Connection, key: tuple, name: str) -> tuple[Any, str]:
    """One figure of one view with its one-line summary (figure, summary). Building plotly
    figures is slow, so each is kept (shared, read-only) until the data or the view changes, and
    only the open tab's figures are built."""
    figs = figures(d, key)
    if name == "map":
        return (
            chd.map_figure(figs["map"], geojson_url=chd.GEOJSON_URL),
            chd.describe_map(figs["map"]),
        )
    if name == "participants":
        return (
            chd.participants_figure(figs["by_sector"]),
            chd.describe_participants(figs["by_domain"], figs["by_sector"]),
        )
    source, build, describe = PROGRAMME_CHARTS[name]
    return build(figs[source]), describe(figs[source])


# chart name: (its aggregate in `figures`, figure, one-line summary)
PROGRAMME_CHARTS = {
    "funnel": ("funnel", chd.funnel_figure, chd.describe_funnel),
    "trend": ("quarters", chd.trend_figure, chd.describe_trend),
    "knelpunten": ("knelpunten", chd.knelpunten_figure, chd.describe_knelpunten),
    "recommendations": (
        "recommendations",
        chd.recommendations_figure,
        chd.describe_recommendations,
    ),
    "missing": ("missing", chd.missing_figure, chd.describe_missing),
}


@cached_by(*EVAL_TABLES, resource=True, max_entries=32)
def eval_chart(
    d: Connection, scope_digest: str, domains: tuple, name: str, _scope: pd.DataFrame
) -> tuple[Any, str]:
    """An evaluation figure of one view (goals or the trend per quarter) with its summary."""
    if name == "goals":
        evd = evaluation(d, scope_digest, domains, _scope)
        return che.goals_figure(evd["goals"], evd["target_now"]), che.describe_goals(evd["goals"])
    evq = evaluation_quarters(d, scope_digest, domains, _scope)
    min_cell = evaluation(d, scope_digest, domains, _scope)["min_cell"]
    return chd.eval_trend_figure(evq, min_cell), chd.describe_eval_trend(evq, min_cell)


def table_downloads(
    name: str, df: pd.DataFrame, title: str, f: dash.Filters, actor: str, key: str
) -> None:
    """CSV and Excel buttons of one table of the programme (the dashboard's and its follow-up
    section's); the file is built, with the view's filters on it, and the export audited only
    when a button is pressed."""
    stamp = date.today().isoformat()
    note = f"{title} · {f.describe(catalog())} · Platform JEP, {stamp}"
    db_file = str(db.db_path())

    def build(fmt: str) -> Callable[[], bytes]:
        def make() -> bytes:
            with db.open_db(db_file) as d:
                return export.export_table(d, actor, name, df, fmt, title, f.as_dict(), note)

        return make

    row = st.container(horizontal=True)
    for fmt, label in (("csv", "CSV"), ("xlsx", "Excel")):
        row.download_button(
            f"{label} downloaden",
            data=build(fmt),
            file_name=export.file_name(name, fmt, stamp),
            mime=export.MIME[fmt],
            on_click="ignore",
            icon=":material/download:",
            key=f"{key}_{fmt}",
            width="content",
        )


HOME_CHARTS = ("funnel", "map")
"""The charts of the dashboard's first tab (Waar), the one a staff member sees after signing in."""
HOME_AGGREGATES = ("key", "scope", "funnel", "map", "provinces")
"""The aggregates of the key figures and the first tab (the rest wait until their tab opens)."""


def _warm_view(d: Connection, f: dash.Filters) -> None:
    """One view of the dashboard with the charts of its first tab, into the caches."""
    key = dataclasses.astuple(f)
    figs = figures(d, key)
    for name in HOME_AGGREGATES:
        figs[name]  # read once: computed into the cache
    scope = figs["scope"]
    evaluation(d, dash.scope_digest(scope), f.domains, scope)
    for name in HOME_CHARTS:
        chart(d, key, name)


def warm(db_file: str, wait_s: float = 30.0) -> None:
    """Compute the unfiltered dashboard with its first tab (what a staff member sees after
    signing in) into the caches, with the evaluation aggregates kept per workshop that both
    programme views sum (`evaluation_stats.workshop_counts`), once Streamlit's runtime is
    there. Only that view: other views (a year, a province) go cold at the first write anyway,
    and held ahead they cost memory. Errors are logged: a cold cache is only slower."""
    deadline = time.monotonic() + wait_s
    while not runtime.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    if not runtime.exists():
        return
    try:
        started = time.perf_counter()
        with db.open_db(db_file) as d:
            options(d)
            _warm_view(d, dash.Filters())  # also reads the evaluation aggregates per workshop
        log.info("dashboard voorbereid in %.1f s", time.perf_counter() - started)
    except Exception:  # noqa: BLE001 - the first visitor computes it instead
        log.exception("dashboard voorbereiden mislukt")


WARM_THREAD = "jep-warm"


class _NoContextNote(logging.Filter):
    """Streamlit notes every cached call outside a page's run ("missing ScriptRunContext"); in
    the warm-up thread that is expected, so it is not logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        return threading.current_thread().name != WARM_THREAD


def warm_in_background(db_file: str) -> threading.Thread:
    """`warm` in a daemon thread (the server does not wait for it)."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        _NoContextNote()
    )
    thread = threading.Thread(target=warm, args=(db_file,), name=WARM_THREAD, daemon=True)
    thread.start()
    return thread
