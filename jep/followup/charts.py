"""Charts of the follow-up: plotly for the screens, matplotlib for the report's addendum, both
drawn from the same DataFrames (`jep.followup.results`, `jep.followup.programme`) and with the
look of the evaluation's vóór/nu charts (the same dumbbell: an open grey circle for the intake, a
blue diamond for today, so colour is never the only cue). Every chart has a one-line Dutch text
alternative (`describe_*`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from jep.evaluation import charts as ce
from jep.fmt import fmt_num
from jep.report import charts as rc

SEVERITY_NOTE = "ernst (1 = klein, 5 = groot)"
STATUS_COLORS = ("#007A5E", "#0072B2", "#D55E00", "#999999", "#D9D9D9")


def _signed(x: float | None) -> str:
    if x is None or pd.isna(x):
        return "—"
    return ("+" if x > 0 else "") + fmt_num(x)


def _knelpunt_rows(df: pd.DataFrame, programme: bool) -> list[dict[str, Any]]:
    rows = []
    for r in df.itertuples(index=False):
        if programme:
            right = f"{_signed(r.change_mean)} · n={int(r.followups)}"
            before, after = r.before_mean, r.after_mean
        else:
            before, after = r.before, r.after
            right = "nieuw" if r.kind == "nieuw" else _signed(r.change)
        rows.append(
            {"label": r.short, "header": False, "before": before, "now": after, "right": right}
        )
    return rows


def knelpunten_figure(df: pd.DataFrame, programme: bool = False) -> go.Figure:
    """Dumbbell per knelpunt: severity in the intake → today (lower is better). `df`:
    `results.knelpunt_rows` (one workshop) or `programme.knelpunt_change` (means)."""
    title = "Knelpunten: ernst in het voorgesprek en nu"
    if df.empty:
        return ce._empty(title, "Nog geen knelpunten met een ernst van nu.")
    fig = ce._dumbbell(
        _knelpunt_rows(df, programme),
        title,
        SEVERITY_NOTE + (" · gemiddeld over de terugblikken" if programme else ""),
        right=120,
    )
    fig.data[1].name = "Voorgesprek"
    fig.data[2].name = "Nu (terugblik)"
    fig.data[1].hovertemplate = "voorgesprek: %{x:.1f}<extra></extra>"
    fig.data[2].hovertemplate = "nu: %{x:.1f}<extra></extra>"
    return fig


def describe_knelpunten(df: pd.DataFrame, programme: bool = False) -> str:
    change = "change_mean" if programme else "change"
    done = df[df[change].notna()] if len(df) else df
    if done.empty:
        return "Nog geen knelpunten met een ernst in het voorgesprek én nu."
    smaller = int((done[change] < 0).sum())
    larger = int((done[change] > 0).sum())
    best = done.loc[done[change].idxmin()]
    text = (
        f"{smaller} van {len(done)} knelpunten zijn kleiner geworden, {larger} groter. "
        f"Grootste daling: ‘{best['short']}’ ({_signed(best[change])})."
    )
    if not programme:
        new = int((df["kind"] == "nieuw").sum())
        if new:
            text += f" {new} nieuw knelpunt{'en' if new > 1 else ''} genoemd."
    return text


def status_figure(counts: pd.DataFrame) -> go.Figure:
    """One stacked bar of the recommendations per status (`results.status_counts`)."""
    title = "Aanbevelingen: stand van zaken"
    total = int(counts["count"].sum()) if len(counts) else 0
    if not total:
        return ce._empty(title, "Nog geen aanbevelingen met een stand van zaken.")
    fig = go.Figure()
    for i, r in enumerate(counts.itertuples(index=False)):
        if not r.count:
            continue
        fig.add_bar(
            x=[r.count],
            y=[""],
            orientation="h",
            name=f"{r.label} ({r.count})",
            marker={"color": STATUS_COLORS[min(i, len(STATUS_COLORS) - 1)]},
            text=[str(r.count)],
            textposition="inside",
            insidetextfont={"color": "white" if i < 3 else ce.TEXT},
            hovertemplate=f"{r.label}: {r.count}<extra></extra>",
        )
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_xaxes(title_text="aantal aanbevelingen", dtick=1 if total <= 12 else None)
    return ce._base(fig, title, 190)


def describe_status(counts: pd.DataFrame) -> str:
    total = int(counts["count"].sum()) if len(counts) else 0
    if not total:
        return "Nog geen aanbevelingen met een stand van zaken."
    parts = [f"{r.label.lower()}: {r.count}" for r in counts.itertuples(index=False) if r.count]
    return f"{total} aanbevelingen; " + ", ".join(parts) + "."


def rules_figure(df: pd.DataFrame, limit: int = 15) -> go.Figure:
    """Share implemented per recommendation rule (`programme.by_rule`), the most given first."""
    title = "Aanbevelingen: aandeel uitgevoerd bij de terugblik"
    done = df[df["counted"] > 0].head(limit)
    if done.empty:
        return ce._empty(title, "Nog geen ingevulde terugblikken.")
    done = done.iloc[::-1]
    fig = go.Figure()
    fig.add_bar(
        x=done["share_implemented"] * 100,
        y=[rc._wrap(t, 48).replace("\n", "<br>") for t in done["recommendation"]],
        orientation="h",
        marker={"color": ce.NOW},
        text=[
            f"{s:.0%} van {int(n)}"
            for s, n in zip(done["share_implemented"], done["counted"], strict=True)
        ],
        textposition="outside",
        hovertemplate="%{x:.0f}% uitgevoerd<extra></extra>",
        showlegend=False,
    )
    fig.update_xaxes(range=[0, 135], tickvals=[0, 20, 40, 60, 80, 100], title_text="% uitgevoerd")
    return ce._base(fig, title, 110 + 42 * len(done), right=40)


def describe_rules(df: pd.DataFrame) -> str:
    done = df[(df["counted"] > 0) & (df["rule_id"] != "")]
    if done.empty:
        return "Nog geen ingevulde terugblikken."
    best = done.loc[done["share_implemented"].idxmax()]
    worst = done.loc[done["share_implemented"].idxmin()]
    total = int(done["implemented"].sum())
    of = int(done["counted"].sum())
    return (
        f"{total} van {of} aanbevelingen uit de regels zijn uitgevoerd "
        f"({total / of:.0%}). Vaakst uitgevoerd: ‘{best['recommendation']}’ "
        f"({best['share_implemented']:.0%}); minst vaak: ‘{worst['recommendation']}’ "
        f"({worst['share_implemented']:.0%})."
    )


# ---------------------------------------------------------------- the report's addendum


@rc._memo  # drawn once per process for the same numbers, like the report's other charts
def knelpunten_chart(df: pd.DataFrame) -> rc.Chart:
    """The PDF's dumbbell of one workshop's knelpunten (the intake's, with a severity now)."""
    rows = _knelpunt_rows(df[df["before"].notna() & df["after"].notna()], programme=False)
    chart = rc._dumbbell(
        rows,
        "Knelpunten: ernst in het voorgesprek en nu",
        SEVERITY_NOTE,
        describe_knelpunten(df),
    )
    return chart
