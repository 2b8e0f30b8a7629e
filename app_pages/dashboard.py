"""Staff home: the programme across all workshops. At the top the filters, the key figures and
the main action (all tables in one Excel file); the details in tabs: where (pipeline and map),
who (participants), results, trends, what recurs and the follow-up (terugblik). Filters live in
the URL (?jaar=…&provincie=…&status=…&domein=…) so a view can be shared; every table can be
downloaded as CSV and Excel (each download is audited)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd
import streamlit as st

from app_ui import followup as followup_ui
from app_ui import programme, session, widgets
from app_ui.cache import Connection
from jep.fmt import fmt_date, fmt_num
from jep.programme import charts as chd
from jep.programme import dashboard as dash
from jep.programme import export
from jep.store import db

user = session.require_staff()
cat = session.cat()
DB_FILE = str(db.db_path())
FILTER_KEYS = {field: f"dash_{field}" for field in dash.PARAM_KEYS}  # widget keys
LAST = "dash_last_filters"  # the session's last filters, for when the URL has none


# ---------------------------------------------------------------- filters in the URL


def _from_url(options: dash.FilterOptions) -> dash.Filters:
    params = {k: st.query_params.get_all(k) for k in dash.PARAM_KEYS.values()}
    return dash.filters_from_params(params, options)


def _init_filters(options: dash.FilterOptions) -> None:
    """Before the widgets exist: fill them from the URL, else from this session's last view;
    drop chosen values that no longer exist (e.g. a year after demo data was removed)."""
    if all(key in st.session_state for key in FILTER_KEYS.values()):
        for field, key in FILTER_KEYS.items():
            allowed = getattr(options, field)
            kept = [v for v in st.session_state[key] if v in allowed]
            if kept != st.session_state[key]:
                st.session_state[key] = kept
        return
    f = _from_url(options)
    if f.is_empty() and st.session_state.get(LAST):
        f = dash.filters_from_params(dash.filters_to_params(st.session_state[LAST]), options)
    for field, key in FILTER_KEYS.items():
        st.session_state[key] = list(getattr(f, field))


def _sync_url(f: dash.Filters) -> None:
    wanted = dash.filters_to_params(f)
    current = {
        k: st.query_params.get_all(k)
        for k in dash.PARAM_KEYS.values()
        if st.query_params.get_all(k)
    }
    if current != wanted:
        for k in dash.PARAM_KEYS.values():
            if k in st.query_params:
                del st.query_params[k]
        for k, values in wanted.items():
            st.query_params[k] = values


def _clear_filters() -> None:
    for key in FILTER_KEYS.values():
        st.session_state[key] = []


# ---------------------------------------------------------------- blocks


def _for_screen(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Shares as whole percentages, means with one decimal and dates in Dutch, for the screen
    only (the exports keep the exact numbers and ISO dates)."""
    shown = df.copy()
    config: dict[str, Any] = {}
    for col in shown.columns:
        if col == "Datum":
            shown[col] = shown[col].map(fmt_date)
        elif str(col).startswith("Aandeel"):
            shown[col] = shown[col] * 100
            config[col] = st.column_config.NumberColumn(format="%.0f%%")
        elif pd.api.types.is_float_dtype(shown[col]):
            config[col] = st.column_config.NumberColumn(format="%.1f")
    return shown, config


def _as_text(df: pd.DataFrame) -> Any:
    """A small table for `st.table` (a plain HTML table: read by screen readers as a table, no
    grid to load): Dutch numbers, right-aligned, shares as whole percentages."""
    formats: dict[str, Any] = {}
    for col in df.columns:
        if str(col).startswith("Aandeel"):
            formats[col] = lambda x: fmt_num(None if pd.isna(x) else x * 100, 0) + "%"
        elif pd.api.types.is_integer_dtype(df[col]):
            formats[col] = chd.fmt_count
        elif pd.api.types.is_float_dtype(df[col]):
            formats[col] = fmt_num
    return df.style.format(formats).set_properties(subset=list(formats), **{"text-align": "right"})


def table_block(
    name: str, df: pd.DataFrame, f: dash.Filters, key: str, expanded: bool = False
) -> None:
    """The table behind a chart (its text alternative) with its downloads."""
    shown = dash.present(df, name)
    screen, config = _for_screen(shown)
    with st.expander(f"Tabel: {dash.TABLES[name]['title']}", expanded=expanded):
        st.dataframe(
            screen,
            hide_index=True,
            width="stretch",
            column_config=config,
            height=min(38 + 35 * max(len(screen), 1), 500),
        )
        programme.table_downloads(name, shown, dash.TABLES[name]["title"], f, user["username"], key)


def chart(name: str) -> None:
    """A cached figure with its one-line summary under it (also the chart's accessible name)."""
    with session.conn() as d:
        if name in ("goals", "evtrend"):
            fig, summary = programme.eval_chart(d, digest, filters.domains, name, scope)
        else:
            fig, summary = programme.chart(d, key, name)
    st.plotly_chart(
        fig, width="stretch", theme=None, key=f"dash_{name}", config=chd.PLOTLY_CONFIG, alt=summary
    )
    st.caption(summary)


# ---------------------------------------------------------------- the page

st.title("Programma")
with session.conn() as d:
    widgets.demo_banner(d)
    options = programme.options(d)
st.caption(
    "Alle werkateliers: waar ze zijn gehouden, wie ze bereikten, wat ze opleverden en wat "
    "steeds terugkomt. De filters gelden voor alles op deze pagina en staan in de adresbalk: "
    "kopieer die om deze weergave met een collega te delen."
)

_init_filters(options)
c_year, c_prov, c_status, c_domain, c_clear = st.columns(
    [2.6, 2.7, 2.7, 2.7, 1.7], vertical_alignment="bottom"
)


def _filter(where: Any, label: str, field: str, all_label: str, **kw: Any) -> None:
    """A filter of the view: a multiselect of `options.<field>`, none chosen meaning all.
    Without Streamlit's "Select all": English, and every value chosen is the same view as none
    chosen, only computed once more."""
    where.multiselect(
        label,
        list(getattr(options, field)),
        key=FILTER_KEYS[field],
        placeholder=all_label,
        select_all=False,
        **kw,
    )


_filter(c_year, "Jaar", "years", "Alle jaren")
_filter(c_prov, "Provincie", "provinces", "Alle provincies")
_filter(
    c_status,
    "Status",
    "statuses",
    "Alle statussen",
    format_func=lambda s: dash.STATUS_LABELS.get(s, s),
)
_filter(
    c_domain,
    "Domein",
    "domains",
    "Alle domeinen",
    format_func=lambda s: options.domains.get(s, s),
    help="Werkateliers met iemand uit dit domein (aangemeld of gewenst in het voorgesprek); "
    "deelnemers en respondenten tellen dan alleen uit dit domein.",
)
c_clear.button(
    "Wissen",
    on_click=_clear_filters,
    icon=":material/filter_alt_off:",
    width="stretch",
    help="Alle filters wissen",
    key="dash_clear",
)
filters = dash.Filters(
    years=tuple(int(y) for y in st.session_state[FILTER_KEYS["years"]]),
    provinces=tuple(st.session_state[FILTER_KEYS["provinces"]]),
    statuses=tuple(st.session_state[FILTER_KEYS["statuses"]]),
    domains=tuple(st.session_state[FILTER_KEYS["domains"]]),
)
st.session_state[LAST] = filters
_sync_url(filters)
key = dataclasses.astuple(filters)
if not filters.is_empty():
    link = session.app_base_url() + "/?" + urlencode(dash.filters_to_params(filters), doseq=True)
    # a plain link (the address bar holds the same): a code block loaded its syntax highlighter
    # at the first filter of a visit, 300-400 ms of script in the browser. Quoted: nothing in
    # the address (the base URL comes from the request) can end the markdown link
    href = quote(link, safe=":/?&=%+")
    st.caption(f"Weergave: {filters.describe(cat)}. [Link naar deze weergave]({href})")

with session.conn() as d:
    figs = programme.figures(d, key)
    scope = figs["scope"]
    digest = dash.scope_digest(scope)
    evd = programme.evaluation(d, digest, filters.domains, scope)
min_cell = evd["min_cell"]
enough = evd["responses"] >= min_cell


def quarters(d: Connection) -> pd.DataFrame:
    return programme.evaluation_quarters(d, digest, filters.domains, scope)


# ---------------------------------------------------------------- the tables of this view
def _everything() -> bytes:
    """Every table of this view in one workbook; made when the button is pressed (in a thread
    of its own, outside the page's run: its own connection)."""
    with db.open_db(DB_FILE) as d:
        tables = {
            name: (dash.TABLES[name]["title"], dash.present(df, name))
            for name, df in (
                ("status", figs["funnel"]),
                ("provincies", figs["provinces"]),
                ("gemeenten", figs["map"]),
                ("deelnemers-domein", figs["by_domain"]),
                ("deelnemers-sector", figs["by_sector"]),
                ("doelen", evd["goals"] if enough else evd["goals"].iloc[0:0]),
                ("trends", figs["quarters"]),
                (
                    "trends-evaluatie",
                    programme.evaluation_quarters(d, digest, filters.domains, scope),
                ),
                ("knelpunten", figs["knelpunten"]),
                ("aanbevelingen", figs["recommendations"]),
                ("ontbrekende-sectoren", figs["missing"]),
            )
        }
        tables.update(followup_ui.programme_tables_in(d, scope))  # the Terugblik tab
        note = f"{filters.describe(cat)} · Platform JEP, {date.today().isoformat()}"
        return export.export_workbook(d, user["username"], tables, filters.as_dict(), note)


# ---------------------------------------------------------------- summary: key figures
k = figs["key"].iloc[0]
grade = evd["grade"].iloc[0]
reached = f"{chd.fmt_count(k['municipalities_reached'])} van {k['municipalities_total']}"
figures = [
    (
        "Werkateliers",
        chd.fmt_count(k["active"]),
        f"Niet geannuleerd, in deze selectie ({chd.fmt_count(k['cancelled'])} geannuleerd).",
    ),
    ("Uitgevoerd", chd.fmt_count(k["held"]), "Status uitgevoerd of verslag verstuurd."),
    ("Gemeenten bereikt", reached, "Gemeenten met een uitgevoerd werkatelier."),
    (
        "Deelnemers aanwezig",
        chd.fmt_count(k["attended"]),
        f"{chd.fmt_count(k['registered'])} aangemeld (niet de wachtlijst), "
        f"{chd.fmt_count(k['attended'])} als aanwezig gemarkeerd.",
    ),
    ("Evaluaties", chd.fmt_count(evd["responses"]), "Ingevulde evaluaties (online en papier)."),
    (
        "Rapportcijfer (mediaan)",
        fmt_num(grade["median"]) if enough and grade["n"] else "—",
        f"Mediaan van {chd.fmt_count(grade['n'])} rapportcijfers."
        if enough
        else f"Verborgen: minder dan {min_cell} respondenten in deze selectie.",
    ),
]
for col, (label, value, explain) in zip([*st.columns(3), *st.columns(3)], figures, strict=True):
    col.metric(label, value, help=explain, border=True)
c_text, c_all = st.columns([3, 1.3], vertical_alignment="center")
c_text.caption(
    "De details staan in de tabbladen hieronder; onder elke grafiek staat de tabel erachter, "
    "als CSV en Excel te downloaden."
)
c_all.download_button(
    "Alle tabellen downloaden (Excel)",
    data=_everything,
    file_name=export.file_name("alles", "xlsx", date.today().isoformat()),
    mime=export.MIME["xlsx"],
    on_click="ignore",
    icon=":material/download:",
    key="dl_all",
    type="primary",
    help="Alle tabellen van deze weergave in één Excel-bestand, elk op een eigen tabblad.",
    width="stretch",
)

# Only the open tab runs and is sent (a hidden tab's charts would be drawn by the browser too); the
# open tab is part of the URL, like the filters, so a shared view opens on the same tab.
tab_where, tab_who, tab_results, tab_trends, tab_recurs, tab_followup = st.tabs(
    ["Waar", "Wie", "Wat het oplevert", "Trends per kwartaal", "Wat terugkomt", "Terugblik"],
    key="tab",
    on_change="rerun",
    bind="query-params",
)

# ---------------------------------------------------------------- pipeline and map
with tab_where:
    if tab_where.open:
        left, right = st.columns([2, 3], gap="large")
        with left:
            chart("funnel")
            table_block("status", figs["funnel"], filters, "dl_status")
        with right:
            chart("map")
            table_block("gemeenten", figs["map"], filters, "dl_map")
        st.subheader("Gemeenten per provincie")
        st.caption(chd.describe_provinces(figs["provinces"]))
        provinces = dash.present(figs["provinces"], "provincies")
        st.table(_as_text(provinces), hide_index=True)
        programme.table_downloads(
            "provincies", provinces, dash.TABLES["provincies"]["title"], filters,
            user["username"], "dl_prov",
        )  # fmt: skip

# ---------------------------------------------------------------- reach
with tab_who:
    if tab_who.open:
        chart("participants")
        c1, c2 = st.columns(2)
        with c1:
            table_block("deelnemers-domein", figs["by_domain"], filters, "dl_dom")
        with c2:
            table_block("deelnemers-sector", figs["by_sector"], filters, "dl_sec")

# ---------------------------------------------------------------- results
with tab_results:
    if tab_results.open:
        if enough:
            chart("goals")
            table_block("doelen", evd["goals"], filters, "dl_goals")
        else:
            st.info(
                f"Nog te weinig evaluaties in deze selectie om te tonen (minder dan {min_cell} "
                "respondenten)."
            )

# ---------------------------------------------------------------- trends
with tab_trends:
    if tab_trends.open:
        chart("trend")
        table_block("trends", figs["quarters"], filters, "dl_trend")
        chart("evtrend")
        with session.conn() as d:
            evq = quarters(d)
        table_block("trends-evaluatie", evq, filters, "dl_evtrend")

# ---------------------------------------------------------------- what recurs
with tab_recurs:
    if tab_recurs.open:
        chart("knelpunten")
        table_block("knelpunten", figs["knelpunten"], filters, "dl_kp")
        rec = figs["recommendations"]
        if rec.empty:
            st.info(
                "Nog geen aanbevelingen: zodra medewerkers bij het verslag aanbevelingen "
                "overnemen of afwijzen, ziet u hier welke het vaakst terugkomen."
            )
        else:
            chart("recommendations")
            st.caption(
                "Geteld worden voorstellen die medewerkers hebben beoordeeld; voorstellen waarover "
                "nog niet is beslist, worden niet bewaard."
            )
            table_block("aanbevelingen", rec, filters, "dl_rec")
        chart("missing")
        table_block("ontbrekende-sectoren", figs["missing"], filters, "dl_missing")

# ---------------------------------------------------------------- follow-up (jep.followup)
with tab_followup:
    if tab_followup.open:
        followup_ui.programme_section(scope, filters, user["username"])
