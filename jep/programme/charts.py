"""Plotly figures of the programme dashboard, fed only by the DataFrames of `jep.dashboard`.

Every figure has a text alternative: a `describe_*` function gives a one-line Dutch summary for
under the chart (the page also shows the table). Colours are colour-blind safe: the map uses five
steps of the viridis scale (ordered light to dark, so the order reads without colour too, and the
hover names the status); the other charts use Okabe–Ito colours with at least 3:1 contrast on
white, and series also differ in marker shape or carry their numbers as text. No Streamlit here.
"""

from __future__ import annotations

import html
import json
import textwrap
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jep.evaluation.stats import GRADE
from jep.fmt import fmt_date, fmt_num
from jep.programme.dashboard import MAP_STATUSES
from jep.reference.toml import DATA_DIR
from jep.workshop.charts import domain_color

TEXT = "#222222"
GRID = "#E5E5E5"
BLUE = "#0072B2"  # 5.2:1 on white
VERMILLION = "#D55E00"  # 3.9:1
GREEN = "#007A5E"  # darker bluish green, 5.0:1
PURPLE = "#A6557F"  # darker reddish purple, 4.9:1
SERIES = (BLUE, VERMILLION, GREEN, PURPLE, "#000000")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x")
FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": TEXT}
# Map status id -> fill colour (viridis; "geen" a light grey).
MAP_COLORS: dict[str, str] = {
    "geen": "#E4E4E4",
    "aangevraagd": "#FDE725",
    "gepland": "#35B779",
    "uitgevoerd": "#31688E",
    "verslag verstuurd": "#440154",
}
MAP_CREDIT = "Bron: CBS, PDOK"
# plotly.js loads a base map ("world_110m") before drawing any geo chart, from cdn.plot.ly unless
# told otherwise. The map hides the base map, so an empty one served by the app itself
# (static/plotly-topojson/, Streamlit's static serving) is enough: no request leaves the server.
# Relative, so it also works under a base path. Pass as `config=` to st.plotly_chart.
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "topojsonURL": "app/static/plotly-topojson/",
}
GEOJSON_FILE = DATA_DIR / "municipalities.geojson"
# The same boundaries served by the app itself (static/, a copy of GEOJSON_FILE that a test keeps
# equal): a map that refers to them by URL is a few kilobytes, which the browser draws from its
# cached copy, instead of 200 KB of shapes copied and serialised on every run of the page.
GEOJSON_URL = "app/static/municipalities.geojson"


# ---------------------------------------------------------------- helpers


AXIS: dict[str, Any] = {
    "gridcolor": GRID,
    "linecolor": "#888",
    "zeroline": False,
    "automargin": True,
}


def _layout(title: str, height: int) -> dict[str, Any]:
    """The layout every chart of the programme shares (without its axes)."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        "font": FONT,
        "height": height,
        "margin": {"l": 10, "r": 30, "t": 70, "b": 40},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"},
        "hoverlabel": {"font": {"size": 14}},
        "separators": ",.",  # Dutch: decimal comma, thousands point
    }


def _base(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(_layout(title, height))
    fig.update_xaxes(AXIS)
    fig.update_yaxes(AXIS)
    return fig


def _empty(title: str, message: str) -> go.Figure:
    fig = _base(go.Figure(), title, 200)
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _pct(x: Any) -> str:
    return "—" if x is None or pd.isna(x) else f"{x:.0%}"


def fmt_count(x: Any) -> str:
    """Whole number with a Dutch thousands separator: 12.345."""
    return "—" if x is None or pd.isna(x) else f"{int(x):,}".replace(",", ".")


_n = fmt_count


def _signed(x: Any) -> str:
    if x is None or pd.isna(x):
        return "—"
    return ("+" if x > 0 else "") + fmt_num(x)


def _label(text: Any, width: int = 42) -> str:
    """An axis label for plotly: HTML-escaped (plotly renders some tags; names and titles can be
    typed by staff) and wrapped over lines of about `width` characters."""
    return "<br>".join(textwrap.wrap(html.escape(str(text), quote=False), width)) or "—"


def _list_nl(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


# ---------------------------------------------------------------- pipeline


def funnel_figure(funnel: pd.DataFrame) -> go.Figure:
    """Funnel of the pipeline: how many workshops reached each step (from status_funnel); the
    text on each bar also says how many are in that step now. Cancelled ones in a note."""
    title = "Pijplijn: werkateliers per stap"
    steps = funnel[funnel["reached"].notna()]
    if steps.empty or not steps["reached"].max():
        return _empty(title, "Geen werkateliers in deze selectie.")
    text = [
        f"{_n(r.reached)} (nu {_n(r.count)})" for r in steps.itertuples(index=False)
    ]  # five rows
    funnel_trace = {
        "type": "funnel",
        "y": steps["label"].to_numpy(),
        "x": steps["reached"].to_numpy(),
        "text": text,
        "textinfo": "text",
        "textposition": "inside",
        "marker": {"color": BLUE},
        "connector": {"fillcolor": "#CFE3F1"},
        "insidetextfont": {"color": "white"},
        "hovertemplate": "%{y}: %{x} tot deze stap gekomen<extra></extra>",
    }
    layout = _layout(title + "<br><sup>tot deze stap gekomen (nu in deze stap)</sup>", 380)
    layout["margin"]["t"] = 80
    # one figure from its trace and layout: each update afterwards validates again (30 ms)
    return go.Figure(
        data=[funnel_trace],
        layout={**layout, "xaxis": AXIS, "yaxis": {**AXIS, "gridcolor": "white"}},
    )


def describe_funnel(funnel: pd.DataFrame) -> str:
    steps = funnel[funnel["reached"].notna()]
    total = int(steps["reached"].max()) if len(steps) else 0
    cancelled = int(funnel.loc[~funnel["reached"].notna(), "count"].sum())
    if not total:
        return "Geen werkateliers in deze selectie" + (
            f" ({cancelled} geannuleerd)." if cancelled else "."
        )
    reached = {r.status: int(r.reached) for r in steps.itertuples(index=False)}
    now = ", ".join(f"{r.label.lower()} {_n(r.count)}" for r in steps.itertuples(index=False))
    return (
        f"{_n(total)} werkateliers: {_n(reached.get('gepland', 0))} kwamen tot de planning, "
        f"{_n(reached.get('uitgevoerd', 0))} zijn uitgevoerd en voor "
        f"{_n(reached.get('verslag verstuurd', 0))} is het verslag verstuurd. "
        f"Nu: {now}; {_n(cancelled)} geannuleerd."
    )


# ---------------------------------------------------------------- map


@lru_cache(maxsize=2)
def _geojson(path: str) -> dict[str, Any]:
    with Path(path).open(encoding="utf-8") as fh:
        return json.load(fh)


def load_geojson(path: Path | str = GEOJSON_FILE) -> dict[str, Any]:
    """The municipal boundaries (CBS 2025 via PDOK; feature id = GMxxxx code), read once."""
    return _geojson(str(path))


def map_figure(
    muni: pd.DataFrame, geojson: dict[str, Any] | None = None, geojson_url: str | None = None
) -> go.Figure:
    """Choropleth of the municipalities coloured by their map status (from municipality_map).
    Hover: name, status, date, participants, workshops. Zooms to the municipalities shown (a
    province filter zooms in). Credits the source of the boundaries.

    The shapes go inside the figure (only those shown), or with `geojson_url` (GEOJSON_URL) the
    figure names the served file and the browser loads it once; either way only the
    municipalities of `muni` are drawn.

    Built as one figure from its trace and layout (validated once), not with plotly express
    and updates afterwards: each update validates again, and a year not shown before waited
    45-65 ms for this figure instead of 8."""
    title = "Kaart: status van het werkatelier per gemeente"
    if muni.empty:
        return _empty(title, "Geen gemeenten in deze selectie.")
    gj: dict[str, Any] | str
    if geojson_url:
        gj = geojson_url
    else:
        gj = geojson if geojson is not None else load_geojson()
        codes = set(muni["code"])
        # Only the shapes shown travel to the browser (a province filter sends a fraction).
        gj = {**gj, "features": [ft for ft in gj["features"] if ft.get("id") in codes]}
    datum = muni["date"].map(lambda d: fmt_date(d) if d else "—")
    hover = muni.assign(datum=datum)[
        ["map_label", "datum", "participants", "workshops", "province"]
    ]
    ranks = [rank for _, rank, _ in MAP_STATUSES]
    scale = []
    for i, (sid, _rank, _) in enumerate(MAP_STATUSES):  # stepwise: one colour per status
        lo, hi = i / len(ranks), (i + 1) / len(ranks)
        scale += [(lo, MAP_COLORS[sid]), (hi, MAP_COLORS[sid])]
    trace = {
        "type": "choropleth",
        "geojson": gj,
        "featureidkey": "id",
        "locations": muni["code"].to_numpy(),
        "z": muni["rank"].to_numpy(),
        "coloraxis": "coloraxis",
        "geo": "geo",
        "name": "",
        "hovertext": muni["name"].to_numpy(),
        "customdata": hover.to_numpy(),
        "marker": {"line": {"color": "white", "width": 0.4}},
        "hovertemplate": (
            "<b>%{hovertext}</b> (%{customdata[4]})<br>%{customdata[0]}"
            "<br>Datum: %{customdata[1]}<br>Deelnemers: %{customdata[2]}"
            "<br>Werkateliers: %{customdata[3]}<extra></extra>"
        ),
    }
    layout = {
        "geo": {
            "domain": {"x": [0.26, 1], "y": [0, 1]},
            "projection": {"type": "mercator"},
            "fitbounds": "locations",
            "visible": False,
        },
        "coloraxis": {
            "colorbar": {
                "title": {"text": "Status"},
                "tickvals": ranks,
                "ticktext": [label for _, _, label in MAP_STATUSES],
                "lenmode": "pixels",
                "len": 230,
                "thickness": 18,
                "x": 0.0,
                "xanchor": "left",
                "y": 0.98,
                "yanchor": "top",
                "outlinewidth": 0,
            },
            "colorscale": scale,
            "cmin": min(ranks) - 0.5,
            "cmax": max(ranks) + 0.5,
            "autocolorscale": False,
        },
        "legend": {"tracegroupgap": 0},
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        "font": FONT,
        "height": 560,
        "margin": {"l": 0, "r": 0, "t": 50, "b": 30},
        "paper_bgcolor": "white",
        "separators": ",.",
        "hoverlabel": {"font": {"size": 14}},
        "annotations": [
            {
                "text": MAP_CREDIT,
                "showarrow": False,
                "x": 1,
                "y": 0,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "right",
                "yanchor": "top",
                "font": {"size": 12, "color": "#555555"},
            }
        ],
    }
    return go.Figure(data=[trace], layout=layout)


def describe_map(muni: pd.DataFrame) -> str:
    if muni.empty:
        return "Geen gemeenten in deze selectie."
    counts = muni["map_status"].value_counts()
    parts = [
        f"{label.lower()} {_n(counts.get(sid, 0))}" for sid, _, label in reversed(MAP_STATUSES)
    ]
    return (
        f"{_n(len(muni))} gemeenten naar hun verst gevorderde werkatelier: "
        + ", ".join(parts)
        + "."
    )


def describe_provinces(prov: pd.DataFrame) -> str:
    rows = prov[prov["province"] != "Totaal"]
    total = prov[prov["province"] == "Totaal"]
    if rows.empty or total.empty:
        return "Geen gemeenten in deze selectie."
    t = total.iloc[0]
    best = rows.sort_values(["share_reached", "reached"], ascending=False).iloc[0]
    line = (
        f"{_n(t.reached)} van de {_n(t.municipalities)} gemeenten bereikt "
        f"({_pct(t.share_reached)})."
    )
    if len(rows) > 1 and best.reached:
        line += f" Het hoogste aandeel: {best.province} ({_pct(best.share_reached)})."
    return line


# ---------------------------------------------------------------- participants


def participants_figure(by_sector: pd.DataFrame) -> go.Figure:
    """Horizontal bars: registered participants per sector, coloured by domain (the colours of
    the mix page), attended in the text."""
    title = "Deelnemers per sector"
    if by_sector.empty or not by_sector["registered"].sum():
        return _empty(title, "Geen deelnemers in deze selectie.")
    fig = go.Figure()
    for domain_id, part in by_sector.groupby("domain_id", sort=False):
        fig.add_bar(
            y=[_label(x) for x in part["sector"]],
            x=part["registered"],
            orientation="h",
            name=str(part["domain"].iloc[0]),
            marker_color=domain_color(str(domain_id)),
            text=[
                f"{_n(r.registered)} (aanwezig {_n(r.attended)})"
                for r in part.itertuples(index=False)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x} aangemeld<extra></extra>",
        )
    _base(fig, title, max(300, 150 + 38 * len(by_sector)))
    fig.update_layout(
        barmode="relative",
        margin={"r": 140, "t": 110},
        legend={"y": 1.02, "yanchor": "bottom", "x": 0, "xanchor": "left"},
    )
    fig.update_yaxes(autorange="reversed", automargin=True, gridcolor="white")
    fig.update_xaxes(title_text="aangemelde deelnemers", rangemode="tozero")
    return fig


def describe_participants(by_domain: pd.DataFrame, by_sector: pd.DataFrame) -> str:
    total = int(by_domain["registered"].sum()) if len(by_domain) else 0
    if not total:
        return "Geen deelnemers in deze selectie."
    att = int(by_domain["attended"].sum())
    doms = by_domain[by_domain["registered"] > 0].sort_values("registered", ascending=False)
    dom_txt = ", ".join(f"{r.domain} {_n(r.registered)}" for r in doms.itertuples(index=False))
    top = by_sector.sort_values("registered", ascending=False).iloc[0]
    return (
        f"{_n(total)} deelnemers aangemeld, {_n(att)} aanwezig. Per domein: {dom_txt}. "
        f"De grootste sector is {top.sector} ({_n(top.registered)})."
    )


# ---------------------------------------------------------------- trends


def trend_figure(quarters: pd.DataFrame) -> go.Figure:
    """Per quarter: requests and held workshops (bars) and attended participants (line, right
    axis). From quarterly."""
    title = "Werkateliers en deelnemers per kwartaal"
    if quarters.empty:
        return _empty(title, "Geen werkateliers in deze selectie.")
    fig = go.Figure()
    fig.add_bar(
        x=quarters["quarter"], y=quarters["requests"], name="Aanvragen", marker_color=VERMILLION
    )
    fig.add_bar(x=quarters["quarter"], y=quarters["held"], name="Uitgevoerd", marker_color=BLUE)
    fig.add_scatter(
        x=quarters["quarter"],
        y=quarters["participants"],
        name="Deelnemers (aangemeld, uitgevoerde werkateliers)",
        mode="lines+markers",
        marker={"symbol": "diamond", "size": 9, "color": GREEN},
        line={"color": GREEN, "width": 2.5},
        yaxis="y2",
    )
    _base(fig, title, 400)
    fig.update_layout(
        barmode="group",
        yaxis={"title": {"text": "werkateliers"}, "rangemode": "tozero", "tickformat": "d"},
        yaxis2={
            "title": {"text": "deelnemers"},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            "tickmode": "auto",
            "tickformat": "d",
        },
        margin={"r": 60, "t": 90},
    )
    fig.update_xaxes(type="category", title_text="kwartaal")
    return fig


def describe_trend(quarters: pd.DataFrame) -> str:
    if quarters.empty:
        return "Geen werkateliers in deze selectie."
    busiest = quarters.sort_values(["held", "quarter"], ascending=[False, False]).iloc[0]
    return (
        f"Van {quarters['quarter'].iloc[0]} tot {quarters['quarter'].iloc[-1]}: "
        f"{_n(quarters['requests'].sum())} aanvragen, {_n(quarters['held'].sum())} uitgevoerd, "
        f"{_n(quarters['participants'].sum())} deelnemers. Meeste uitgevoerd in "
        f"{busiest.quarter} ({_n(busiest.held)})."
    )


def eval_trend_figure(evq: pd.DataFrame, min_cell: int) -> go.Figure:
    """Per quarter, two panels on one time axis: the median rapportcijfer (top) and the mean
    gain per goal (bottom), each line with its own colour, dash and marker. Hidden quarters
    (fewer than min_cell respondents) are gaps. From evaluation_quarterly."""
    title = "Rapportcijfer en toename per doel, per kwartaal"
    shown = evq[~evq["hidden"]] if len(evq) else evq
    if shown.empty:
        return _empty(
            title, f"Nog geen kwartaal met minstens {min_cell} respondenten in deze selectie."
        )
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        row_heights=[0.4, 0.6],
        subplot_titles=("Rapportcijfer (mediaan)", "Toename nu − vóór per doel (gemiddeld)"),
    )
    quarters = sorted(evq["quarter"].unique())
    goal_no = 0
    for measure, part in evq.groupby("measure", sort=False):
        part = part.set_index("quarter").reindex(quarters)
        grade = measure == GRADE
        k = 0 if grade else goal_no + 1
        fig.add_scatter(
            x=quarters,
            y=part["value"],
            name=str(evq.loc[evq["measure"] == measure, "measure_label"].iloc[0]),
            mode="lines+markers",
            marker={"symbol": SYMBOLS[k % len(SYMBOLS)], "size": 9},
            line={
                "color": "#000000" if grade else SERIES[goal_no % 4],
                "width": 3 if grade else 2,
                "dash": "solid" if grade else ("solid", "dash", "dot", "dashdot")[goal_no % 4],
            },
            connectgaps=False,
            showlegend=not grade,
            hovertemplate="%{x}: %{y:.1f}<extra>%{fullData.name}</extra>",
            row=1 if grade else 2,
            col=1,
        )
        goal_no += 0 if grade else 1
    _base(fig, title, 620)
    fig.update_layout(margin={"t": 110}, legend={"y": 1.06})
    grades = shown.loc[shown["measure"] == GRADE, "value"]
    low = min(4.0, float(grades.min()) - 0.5) if len(grades) else 4.0
    fig.update_yaxes(range=[low, 10.4], dtick=1, title_text="cijfer", row=1, col=1)
    fig.update_yaxes(
        title_text="toename (1–5)", zeroline=True, zerolinecolor="#888", dtick=0.5, row=2, col=1
    )
    fig.update_xaxes(type="category")
    fig.update_xaxes(title_text="kwartaal", row=2, col=1)
    fig.update_annotations(font={"size": 14}, x=0, xanchor="left")
    return fig


def describe_eval_trend(evq: pd.DataFrame, min_cell: int) -> str:
    shown = evq[~evq["hidden"]] if len(evq) else evq
    grade = shown[shown["measure"] == GRADE]
    if grade.empty:
        return f"Nog geen kwartaal met minstens {min_cell} respondenten."
    lo, hi = grade["value"].min(), grade["value"].max()
    hidden = int(evq.loc[evq["measure"] == GRADE, "hidden"].sum())
    line = (
        f"Mediaan rapportcijfer per kwartaal tussen {fmt_num(lo)} en {fmt_num(hi)} "
        f"({len(grade)} {'kwartaal' if len(grade) == 1 else 'kwartalen'})."
    )
    gains = shown[shown["measure"] != GRADE]
    if len(gains):
        mean = gains.groupby("measure_label")["value"].mean().sort_values()
        line += (
            f" Gemiddelde toename per kwartaal het laagst bij {mean.index[0]} "
            f"({_signed(mean.iloc[0])}), het hoogst bij {mean.index[-1]} "
            f"({_signed(mean.iloc[-1])})."
        )
    if hidden:
        word = "kwartaal" if hidden == 1 else "kwartalen"
        line += f" {hidden} {word} met minder dan {min_cell} respondenten verborgen."
    return line


# ---------------------------------------------------------------- what recurs


def knelpunten_figure(kp: pd.DataFrame) -> go.Figure:
    """Horizontal bars: how many intakes named each knelpunt; the text gives the share and the
    average severity."""
    title = "Knelpunten die het vaakst genoemd worden"
    if kp.empty:
        return _empty(title, "Nog geen knelpunten in de voorgesprekken van deze selectie.")
    fig = go.Figure(
        go.Bar(
            y=[_label(k) for k in kp["knelpunt"]],
            x=kp["intakes"],
            orientation="h",
            marker_color=BLUE,
            text=[
                f"{_n(r.intakes)} ({_pct(r.share)}) · ernst {fmt_num(r.severity_mean)}"
                for r in kp.itertuples(index=False)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x} voorgesprekken<extra></extra>",
        )
    )
    _base(fig, title, max(300, 100 + 34 * len(kp)))
    fig.update_layout(margin={"r": 170})
    fig.update_yaxes(autorange="reversed", automargin=True, gridcolor="white")
    fig.update_xaxes(title_text="voorgesprekken die het noemen", rangemode="tozero")
    return fig


def describe_knelpunten(kp: pd.DataFrame) -> str:
    if kp.empty:
        return "Nog geen knelpunten in de voorgesprekken van deze selectie."
    top = kp.head(3)
    worst = kp.sort_values("severity_mean", ascending=False).iloc[0]
    items = [f"{r.knelpunt} ({_pct(r.share)})" for r in top.itertuples(index=False)]
    return (
        f"Het vaakst genoemd: {_list_nl(items)}. Gemiddeld het ernstigst: {worst.knelpunt} "
        f"({fmt_num(worst.severity_mean)} op 5)."
    )


def recommendations_figure(rec: pd.DataFrame, top: int = 10) -> go.Figure:
    """Grouped horizontal bars of the most often proposed recommendations: proposed and
    accepted."""
    title = "Aanbevelingen: voorgesteld en overgenomen"
    if rec.empty:
        return _empty(title, "Nog geen aanbevelingen.")
    part = rec.head(top)
    labels = [_label(r) for r in part["recommendation"]]
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=part["proposed"],
        orientation="h",
        name="Voorgesteld en beoordeeld",
        marker_color="#767676",  # 4.5:1
        text=part["proposed"],
        textposition="outside",
    )
    fig.add_bar(
        y=labels,
        x=part["accepted"],
        orientation="h",
        name="Overgenomen",
        marker_color=BLUE,
        text=part["accepted"],
        textposition="outside",
    )
    _base(fig, title, max(320, 120 + 52 * len(part)))
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", automargin=True, gridcolor="white")
    fig.update_xaxes(title_text="werkateliers", rangemode="tozero")
    return fig


def describe_recommendations(rec: pd.DataFrame) -> str:
    if rec.empty:
        return "Nog geen aanbevelingen."
    rules = rec[rec["recommendation_id"] != ""]
    if rules.empty:
        return f"Alleen eigen aanbevelingen van medewerkers ({_n(rec['accepted'].sum())})."
    top = rules.iloc[0]
    acc = rules.sort_values(["share_accepted", "proposed"], ascending=False).iloc[0]
    return (
        f"Het vaakst voorgesteld: {top.recommendation} ({_n(top.proposed)}×, "
        f"{_pct(top.share_accepted)} overgenomen). Het vaakst overgenomen naar verhouding: "
        f"{acc.recommendation} ({_pct(acc.share_accepted)})."
    )


def missing_figure(ms: pd.DataFrame) -> go.Figure:
    """Horizontal bars: share of held workshops without anyone from the sector."""
    title = "Sectoren die het vaakst ontbreken in de mix"
    if ms.empty:
        return _empty(title, "Nog geen uitgevoerde werkateliers met deelnemers in deze selectie.")
    fig = go.Figure(
        go.Bar(
            y=[_label(x) for x in ms["sector"]],
            x=ms["share_missing"],
            orientation="h",
            marker_color=[domain_color(str(d)) for d in ms["domain_id"]],
            text=[
                f"{_n(r.missing)} van {_n(r.workshops)}"
                + (f" · {_n(r.wanted_missing)}× gewenst" if r.wanted_missing else "")
                for r in ms.itertuples(index=False)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: ontbrak in %{x:.0%}<extra></extra>",
        )
    )
    _base(fig, title, max(300, 100 + 34 * len(ms)))
    fig.update_layout(margin={"r": 170})
    fig.update_yaxes(autorange="reversed", automargin=True, gridcolor="white")
    fig.update_xaxes(
        title_text="aandeel uitgevoerde werkateliers zonder deze sector",
        tickformat=".0%",
        range=[0, 1],
    )
    return fig


def describe_missing(ms: pd.DataFrame) -> str:
    if ms.empty:
        return "Nog geen uitgevoerde werkateliers met deelnemers in deze selectie."
    top = ms.head(3)
    items = [f"{r.sector} ({_pct(r.share_missing)})" for r in top.itertuples(index=False)]
    line = (
        f"In {_n(ms['workshops'].iloc[0])} uitgevoerde werkateliers ontbrak het vaakst: "
        f"{_list_nl(items)}."
    )
    wanted = ms.sort_values("wanted_missing", ascending=False).iloc[0]
    if wanted.wanted_missing:
        line += (
            f" Vaakst gewenst in het voorgesprek en toch afwezig: {wanted.sector} "
            f"({_n(wanted.wanted_missing)}×)."
        )
    return line
