"""Plotly figures of the participant mix, drawn from the tables of `jep.mix` (no Streamlit).

Colours: one per domain (colour-blind safe, Okabe–Ito); the same mapping serves the report.
Every figure has a title, axis titles in Dutch and the numbers as text on the bars.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

DOMAIN_COLORS: dict[str, str] = {
    "jeugd": "#0072B2",
    "onderwijs": "#E69F00",
    "veiligheid": "#009E73",
    "sociaal": "#CC79A7",
    "overig": "#999999",
    "onbekend": "#555555",
}
FALLBACK_COLORS = ("#56B4E9", "#D55E00", "#F0E442", "#000000")
SERIES_COLORS = {"desired": "#BBBBBB", "registered": "#1f5f8b", "attended": "#009E73"}
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13)


def domain_color(domain_id: str) -> str:
    if domain_id in DOMAIN_COLORS:
        return DOMAIN_COLORS[domain_id]
    return FALLBACK_COLORS[sum(map(ord, domain_id)) % len(FALLBACK_COLORS)]


def _layout(fig: go.Figure, title: str, n_rows: int, x_title: str) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", y=0.98, yanchor="top"),
        font=FONT,
        height=max(240, 120 + 34 * n_rows),
        margin=dict(l=10, r=30, t=80, b=40),
        plot_bgcolor="white",
        legend=dict(
            orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, traceorder="normal"
        ),
        bargap=0.25,
    )
    fig.update_xaxes(
        title_text=x_title, dtick=1, rangemode="tozero", gridcolor="#e5e5e5", zeroline=True
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def fig_by_domain(table: pd.DataFrame) -> go.Figure:
    """Registered participants per domain (from `mix.by_domain`); core domains marked ★."""
    labels = [f"{r.domain} ★" if r.core else r.domain for r in table.itertuples(index=False)]
    fig = go.Figure(
        go.Bar(
            x=table["registered"],
            y=labels,
            orientation="h",
            marker_color=[domain_color(d) for d in table["domain_id"]],
            text=table["registered"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x} aangemeld<extra></extra>",
            name="Aangemeld",
        )
    )
    return _layout(fig, "Aangemeld per domein (★ = kerndomein)", len(table), "deelnemers")


def fig_by_sector(table: pd.DataFrame, hide_empty: bool = False) -> go.Figure:
    """Registered (and waiting) participants per sector, coloured by domain (`mix.by_sector`)."""
    if hide_empty:
        table = table[(table["registered"] > 0) | (table["waiting"] > 0)]
    fig = go.Figure()
    for did, part in table.groupby("domain_id", sort=False):
        fig.add_bar(
            x=part["registered"],
            y=part["sector"],
            orientation="h",
            marker_color=domain_color(str(did)),
            text=part["registered"],
            textposition="outside",
            cliponaxis=False,
            name=str(part["domain"].iloc[0]),
            hovertemplate="%{y}: %{x} aangemeld<extra>%{fullData.name}</extra>",
        )
    if int(table["waiting"].sum()):
        fig.add_bar(
            x=table["waiting"],
            y=table["sector"],
            orientation="h",
            marker=dict(color="white", line=dict(color="#555555", width=1), pattern_shape="/"),
            name="Wachtlijst",
            hovertemplate="%{y}: %{x} op de wachtlijst<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=list(table["sector"]))
    return _layout(fig, "Aangemeld per sector", len(table), "deelnemers")


def fig_desired_vs_registered(table: pd.DataFrame, hide_empty: bool = True) -> go.Figure:
    """Desired in the intake versus registered, per sector (`mix.desired_vs_registered`)."""
    if hide_empty:
        table = table[(table["desired"] > 0) | (table["registered"] > 0)]
    fig = go.Figure()
    fig.add_bar(
        x=table["desired"],
        y=table["sector"],
        orientation="h",
        name="Gewenst (voorgesprek)",
        marker_color=SERIES_COLORS["desired"],
        text=table["desired"],
        textposition="outside",
        cliponaxis=False,
    )
    fig.add_bar(
        x=table["registered"],
        y=table["sector"],
        orientation="h",
        name="Aangemeld",
        marker_color=SERIES_COLORS["registered"],
        text=table["registered"],
        textposition="outside",
        cliponaxis=False,
    )
    fig.update_layout(barmode="group")
    return _layout(fig, "Gewenst versus aangemeld per sector", 2 * len(table), "deelnemers")


def fig_attended_vs_registered(table: pd.DataFrame, hide_empty: bool = True) -> go.Figure:
    """Registered versus attended per sector, after the day (`mix.attended_vs_registered`)."""
    if hide_empty:
        table = table[(table["registered"] > 0) | (table["attended"] > 0)]
    fig = go.Figure()
    for key, label in (("registered", "Aangemeld"), ("attended", "Aanwezig")):
        fig.add_bar(
            x=table[key],
            y=table["sector"],
            orientation="h",
            name=label,
            marker_color=SERIES_COLORS[key],
            text=table[key],
            textposition="outside",
            cliponaxis=False,
        )
    fig.update_layout(barmode="group")
    return _layout(fig, "Aangemeld versus aanwezig per sector", 2 * len(table), "deelnemers")
