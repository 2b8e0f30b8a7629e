"""Plotly figures of the evaluation, fed only by the DataFrames of `jep.evaluation_stats`.

Every figure has a text alternative: a `describe_*` function gives a one-line Dutch summary for
under the chart, and `table_*` gives the same numbers as a table with Dutch headings. Colours are
the Okabe–Ito palette (distinguishable with colour blindness), with at least 3:1 contrast on white
for marks and 4.5:1 for text; "vóór" and "nu" also differ in marker shape, so colour is never the
only cue. No Streamlit here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from jep.fmt import fmt_date, fmt_num

BEFORE = "#666666"  # grey, 5.7:1 on white
NOW = "#0072B2"  # blue, 5.2:1
OTHERS = "#D55E00"  # vermillion, 3.9:1 (marks)
ATTENDED = "#999999"
HIDDEN = "#D9D9D9"
TEXT = "#222222"
LIKERT = ("#D55E00", "#F0B27A", "#D9D9D9", "#7FB3D5", "#0072B2")
SAME = 0.1  # differences smaller than this count as "about the same" in the text alternatives
FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": TEXT}


X_AXIS: dict[str, Any] = {
    "showgrid": True,
    "gridcolor": "#E5E5E5",
    "zeroline": False,
    "linecolor": "#888",
    "automargin": True,
}
Y_AXIS: dict[str, Any] = {
    "showgrid": False,
    "zeroline": False,
    "linecolor": "#888",
    "automargin": True,
}


def _layout(title: str, height: int, right: int = 30) -> dict[str, Any]:
    """The layout every evaluation chart shares (without its axes)."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        "font": FONT,
        "height": height,
        "margin": {"l": 10, "r": right, "t": 60, "b": 40},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"},
        "hoverlabel": {"font": {"size": 14}},
        "separators": ",.",  # Dutch decimal comma
    }


def _base(fig: go.Figure, title: str, height: int, right: int = 30) -> go.Figure:
    fig.update_layout(_layout(title, height, right))
    fig.update_xaxes(X_AXIS)
    fig.update_yaxes(Y_AXIS)
    return fig


def fmt_grade(x: float | None) -> str:
    """A rapportcijfer statistic: '7' for a whole number, '7,5' otherwise; '—' when missing."""
    if x is None or pd.isna(x):
        return "—"
    return fmt_num(x, 0 if float(x).is_integer() else 1)


def _pct(x: float | None) -> str:
    return "—" if x is None or pd.isna(x) else f"{x:.0%}"


def _signed(x: float | None) -> str:
    if x is None or pd.isna(x):
        return "—"
    return ("+" if x > 0 else "") + fmt_num(x)


def _empty(title: str, message: str) -> go.Figure:
    fig = _base(go.Figure(), title, 180)
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _workshop_label(row: Any) -> str:
    date = fmt_date(row.date) if isinstance(row.date, str) and row.date else "zonder datum"
    return f"{row.municipality} ({date})"


# ---------------------------------------------------------------- responses and attendance


def responses_figure(df: pd.DataFrame, limit: int | None = None) -> go.Figure:
    """Bars per workshop: attendance (grey) and evaluations (blue). From responses_vs_attendance.
    With `limit`, only the latest `limit` workshops (the table holds them all)."""
    title = "Ingevulde evaluaties en aanwezigen"
    if df.empty:
        return _empty(title, "Geen werkateliers in deze selectie.")
    if limit is not None and len(df) > limit:
        title += f" (de {limit} meest recente werkateliers)"
        df = df.iloc[-limit:]
    labels = [_workshop_label(r) for r in df.itertuples(index=False)]
    att = [None if pd.isna(a) else int(a) for a in df["attendance"]]
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=att,
        name="Aanwezig",
        orientation="h",
        marker_color=ATTENDED,
        text=["onbekend" if a is None else str(a) for a in att],
        textposition="outside",
        hovertemplate="%{y}: %{x} aanwezig<extra></extra>",
    )
    fig.add_bar(
        y=labels,
        x=df["responses"],
        name="Evaluaties ingevuld",
        orientation="h",
        marker_color=NOW,
        text=[str(int(n)) for n in df["responses"]],
        textposition="outside",
        hovertemplate="%{y}: %{x} evaluaties<extra></extra>",
    )
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="aantal personen", rangemode="tozero")
    return _base(fig, title, 140 + 55 * len(df))


def describe_responses(df: pd.DataFrame) -> str:
    if df.empty:
        return "Geen werkateliers in deze selectie."
    total = int(df["responses"].sum())
    online, paper = int(df["online"].sum()), int(df["paper"].sum())
    if len(df) == 1:
        r = df.iloc[0]
        if pd.isna(r["attendance"]):
            head = f"{total} evaluaties ingevuld; het aantal aanwezigen is (nog) niet bekend"
        else:
            head = (
                f"{total} van de {int(r['attendance'])} aanwezigen vulden de evaluatie in"
                f" ({_pct(r['response_rate'])})"
            )
        return f"{head}; {online} online en {paper} op papier."
    known = df.dropna(subset=["response_rate"])
    rate = (
        f"; bij de {len(known)} werkateliers met bekende aanwezigheid vulde "
        f"{_pct(known['responses'].sum() / known['attendance'].sum())} van de aanwezigen in"
        if len(known) and known["attendance"].sum()
        else "; aanwezigheid niet bekend"
    )
    return f"{total} evaluaties uit {len(df)} werkateliers ({online} online, {paper} papier){rate}."


def table_responses(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Gemeente": df["municipality"],
            "Datum": [fmt_date(d) if d else "—" for d in df["date"]],
            "Aanwezig": [("onbekend" if pd.isna(a) else int(a)) for a in df["attendance"]],
            "Evaluaties": df["responses"],
            "Online": df["online"],
            "Papier": df["paper"],
            "Respons": [_pct(x) for x in df["response_rate"]],
        }
    ).astype({"Aanwezig": str})


# ---------------------------------------------------------------- rapportcijfer


def grade_figure(dist: pd.DataFrame, stats: pd.DataFrame) -> go.Figure:
    """Bars of how often each rapportcijfer 1–10 was given, with the median as a dashed line."""
    title = "Rapportcijfers"
    s = stats.iloc[0]
    if not s["n"]:
        return _empty(title, "Nog geen rapportcijfers.")
    fig = go.Figure()
    fig.add_bar(
        x=dist["grade"],
        y=dist["count"],
        marker_color=NOW,
        text=[str(c) if c else "" for c in dist["count"]],
        textposition="inside",
        insidetextanchor="end",
        textfont={"color": "white", "size": 14},
        name="aantal",
        hovertemplate="cijfer %{x}: %{y} keer<extra></extra>",
        showlegend=False,
    )
    fig.add_vline(x=s["median"], line_dash="dash", line_color=TEXT, line_width=2, layer="below")
    fig.add_annotation(
        x=s["median"],
        y=1.0,
        yref="paper",
        yanchor="bottom",
        text=f"mediaan {fmt_grade(s['median'])}",
        showarrow=False,
        font={"color": TEXT},
        bgcolor="white",
    )
    top = int(dist["count"].max())
    fig.update_xaxes(title_text="rapportcijfer", dtick=1, range=[0.4, 10.6], showgrid=False)
    fig.update_yaxes(
        title_text="aantal",
        range=[0, top * 1.25 + 0.5],
        showgrid=True,
        gridcolor="#E5E5E5",
        dtick=max(1, round(top / 5)),
        title_standoff=12,
    )
    fig = _base(fig, title, 360)
    fig.update_layout(margin={"l": 70, "t": 80})
    return fig


def describe_grades(stats: pd.DataFrame) -> str:
    s = stats.iloc[0]
    if not s["n"]:
        return "Nog geen rapportcijfers gegeven."
    missing = f"; {int(s['n_missing'])} keer niet ingevuld" if s["n_missing"] else ""
    return (
        f"{int(s['n'])} rapportcijfers: mediaan {fmt_grade(s['median'])}, gemiddeld "
        f"{fmt_num(s['mean'])} (laagste {int(s['min'])}, hoogste {int(s['max'])}){missing}."
    )


def table_grades(dist: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Rapportcijfer": dist["grade"],
            "Aantal": dist["count"],
            "Aandeel": [_pct(x) for x in dist["share"]],
        }
    )


# ---------------------------------------------------------------- pre/post items


def _dumbbell(
    rows: list[dict[str, Any]],
    title: str,
    note: str,
    height_per_row: int = 38,
    right: int = 200,
    shapes: list[dict[str, Any]] | None = None,
    annotations: list[dict[str, Any]] | None = None,
) -> go.Figure:
    """rows: {label, header (bool), before, now, right} in display order; `shapes` and
    `annotations` are added to the layout. Built as one figure from its traces and layout
    (validated once): an annotation added per row validated the layout again each time, 2-3 ms
    a row."""
    ys = list(range(len(rows)))
    ticktext = [f"<b>{r['label']}</b>" if r["header"] else r["label"] for r in rows]
    lx, ly = [], []
    for y, r in zip(ys, rows, strict=True):
        if not r["header"] and not pd.isna(r["before"]) and not pd.isna(r["now"]):
            lx += [r["before"], r["now"], None]
            ly += [y, y, None]
    data = [(y, r) for y, r in zip(ys, rows, strict=True) if not r["header"]]
    traces = [
        {
            "type": "scatter",
            "x": lx,
            "y": ly,
            "mode": "lines",
            "line": {"color": "#AAAAAA", "width": 3},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter",
            "x": [r["before"] for _, r in data],
            "y": [y for y, _ in data],
            "mode": "markers",
            "name": "Vóór het werkatelier",
            "marker": {"symbol": "circle-open", "size": 13, "color": BEFORE, "line": {"width": 3}},
            "hovertemplate": "vóór: %{x:.2f}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": [r["now"] for _, r in data],
            "y": [y for y, _ in data],
            "mode": "markers",
            "name": "Nu",
            "marker": {"symbol": "diamond", "size": 14, "color": NOW},
            "hovertemplate": "nu: %{x:.2f}<extra></extra>",
        },
    ]
    notes = [
        {
            "x": 1.0,
            "xref": "paper",
            "xanchor": "left",
            "y": y,
            "text": r["right"],
            "showarrow": False,
            "font": {"size": 13, "color": TEXT},
        }
        for y, r in data
    ]
    layout = {
        **_layout(title, 110 + height_per_row * len(rows), right=right),
        "xaxis": {**X_AXIS, "range": [0.8, 5.2], "dtick": 1, "title": {"text": note}},
        "yaxis": {**Y_AXIS, "tickvals": ys, "ticktext": ticktext, "autorange": "reversed"},
        "annotations": notes + (annotations or []),
    }
    if shapes:
        layout["shapes"] = shapes
    return go.Figure(data=traces, layout=layout)


def items_figure(items: pd.DataFrame) -> go.Figure:
    """Dumbbell per pre/post item (mean before → mean now), grouped by goal, with the share of
    respondents who improved and n on the right. From item_stats."""
    title = "Per uitspraak: vóór het werkatelier en nu"
    if items.empty or not items["n"].sum():
        return _empty(title, "Nog geen antwoorden op de vóór/nu-vragen.")
    rows: list[dict[str, Any]] = []
    for goal, g in items.groupby("goal", sort=False):
        rows.append({"label": goal, "header": True})
        for r in g.itertuples(index=False):
            missing = f", {r.n_missing} leeg" if r.n_missing else ""
            rows.append(
                {
                    "label": r.item,
                    "header": False,
                    "before": r.before_mean,
                    "now": r.now_mean,
                    "right": f"{_pct(r.share_improved)} beter · n={r.n}{missing}",
                }
            )
    return _dumbbell(
        rows, title, "gemiddelde score (1 = helemaal niet mee eens, 5 = helemaal mee eens)"
    )


def describe_items(items: pd.DataFrame) -> str:
    done = items[items["n"] > 0]
    if done.empty:
        return "Nog geen antwoorden op de vóór/nu-vragen."
    best = done.loc[done["gain_mean"].idxmax()]
    worst = done.loc[done["gain_mean"].idxmin()]
    return (
        f"Grootste vooruitgang: ‘{best['item']}’ ({_signed(best['gain_mean'])}, "
        f"{_pct(best['share_improved'])} beter); kleinste: ‘{worst['item']}’ "
        f"({_signed(worst['gain_mean'])}, {_pct(worst['share_improved'])} beter). "
        f"Aantal antwoorden per uitspraak: {int(done['n'].min())} tot {int(done['n'].max())}."
    )


def table_items(items: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Doel": items["goal"],
            "Uitspraak": items["text"],
            "n": items["n"],
            "Leeg": items["n_missing"],
            "Vóór (gem.)": [fmt_num(x) for x in items["before_mean"]],
            "Nu (gem.)": [fmt_num(x) for x in items["now_mean"]],
            "Vóór (mediaan)": [fmt_num(x) for x in items["before_median"]],
            "Nu (mediaan)": [fmt_num(x) for x in items["now_median"]],
            "Toename": [_signed(x) for x in items["gain_mean"]],
            "Beter": [_pct(x) for x in items["share_improved"]],
            "Gelijk": [_pct(x) for x in items["share_same"]],
            "Slechter": [_pct(x) for x in items["share_worse"]],
        }
    )


# ---------------------------------------------------------------- goals (programme)


def goals_figure(goals: pd.DataFrame, target_now: float) -> go.Figure:
    """Dumbbell per goal (respondents' mean before → now) with the target for "nu" as a dotted
    line and whether the goal is met on the right. From goal_stats."""
    title = "Doelen van het werkatelier: vóór en nu"
    if goals.empty or not goals["n"].sum():
        return _empty(title, "Nog geen antwoorden op de vóór/nu-vragen.")
    rows = [
        {
            "label": r.goal,
            "header": False,
            "before": r.before_mean,
            "now": r.now_mean,
            "right": ("✓ gehaald" if r.meets_target else "✗ blijft achter")
            + f" · {_pct(r.share_improved)} beter · n={r.n}",
        }
        for r in goals.itertuples(index=False)
    ]
    target_line = {
        "type": "line",
        "x0": target_now,
        "x1": target_now,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": {"dash": "dot", "color": TEXT, "width": 1.5},
    }
    target_note = {
        "x": target_now,
        "y": 1.0,
        "yref": "paper",
        "yanchor": "bottom",
        "xanchor": "left",
        "showarrow": False,
        "text": f"doel ‘nu’ ≥ {fmt_num(target_now)}",
        "font": {"size": 12, "color": TEXT},
    }
    return _dumbbell(
        rows,
        title,
        "gemiddelde score per deelnemer (1–5)",
        height_per_row=48,
        right=260,
        shapes=[target_line],
        annotations=[target_note],
    )


def describe_goals(goals: pd.DataFrame) -> str:
    done = goals[goals["n"] > 0]
    if done.empty:
        return "Nog geen antwoorden op de vóór/nu-vragen."
    met = [r.goal for r in done.itertuples() if r.meets_target]
    short = [
        f"{r.goal} ({r.target_note.removeprefix('blijft achter: ')})"
        for r in done.itertuples()
        if not r.meets_target
    ]
    parts = []
    if met:
        parts.append("Gehaald: " + ", ".join(met) + ".")
    if short:
        parts.append("Blijft achter: " + "; ".join(short) + ".")
    return " ".join(parts)


def table_goals(goals: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Doel": goals["goal"],
            "n": goals["n"],
            "Vóór (gem.)": [fmt_num(x) for x in goals["before_mean"]],
            "Nu (gem.)": [fmt_num(x) for x in goals["now_mean"]],
            "Toename": [_signed(x) for x in goals["gain_mean"]],
            "Beter": [_pct(x) for x in goals["share_improved"]],
            "Oordeel": goals["target_note"],
        }
    )


# ---------------------------------------------------------------- single 5-point items


def likert_figure(likert: pd.DataFrame, scale_labels: tuple[str, ...]) -> go.Figure:
    """100 % stacked bars of the reaction and intention items (1 … 5). From likert_stats."""
    title = "Reacties op het werkatelier"
    if likert.empty or not likert["n"].sum():
        return _empty(title, "Nog geen antwoorden op deze vragen.")
    fig = go.Figure()
    n = likert["n"].replace(0, np.nan)
    for k in range(1, 6):
        share = likert[f"count_{k}"] / n
        fig.add_bar(
            y=likert["item"],
            x=share,
            name=f"{k} {scale_labels[k - 1]}",
            orientation="h",
            marker_color=LIKERT[k - 1],
            marker_line={"color": "white", "width": 1},
            customdata=likert[f"count_{k}"],
            hovertemplate="%{y}: %{customdata} × " + str(k) + "<extra></extra>",
        )
    for r in likert.itertuples(index=False):
        fig.add_annotation(
            x=1.0,
            xref="paper",
            xanchor="left",
            y=r.item,
            showarrow=False,
            text=f"{_pct(r.share_agree)} eens · n={r.n}",
        )
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    fig = _base(fig, title, 240 + 50 * len(likert), right=150)
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0, "traceorder": "normal"},
        margin={"b": 90},
    )
    return fig


def describe_likert(likert: pd.DataFrame) -> str:
    done = likert[likert["n"] > 0]
    if done.empty:
        return "Nog geen antwoorden op deze vragen."
    return " · ".join(
        f"‘{r.item}’: {_pct(r.share_agree)} (helemaal) mee eens (n={r.n})"
        for r in done.itertuples()
    )


def table_likert(likert: pd.DataFrame, scale_labels: tuple[str, ...]) -> pd.DataFrame:
    out = pd.DataFrame({"Vraag": likert["text"], "n": likert["n"], "Leeg": likert["n_missing"]})
    for k in range(1, 6):
        out[f"{k} {scale_labels[k - 1]}"] = likert[f"count_{k}"]
    out["Gemiddeld"] = [fmt_num(x) for x in likert["mean"]]
    out["Mediaan"] = [fmt_num(x) for x in likert["median"]]
    return out


# ---------------------------------------------------------------- by sector


def _hidden_text(reason: str, min_cell: int) -> str:
    if reason.startswith("minder"):
        return f"verborgen<br>(<{min_cell})"
    return "verborgen<br>(terugrekenen)"


def _grey_cell(fig: go.Figure, x: int, y: int) -> None:
    """A grey box behind a hidden heat-map cell (which itself has no value)."""
    fig.add_shape(
        type="rect",
        x0=x - 0.49,
        x1=x + 0.49,
        y0=y - 0.47,
        y1=y + 0.47,
        fillcolor=HIDDEN,
        line={"width": 0},
        layer="below",
    )


def sector_figure(sectors: pd.DataFrame, min_cell: int) -> go.Figure:
    """Heat map of the mean gain (now − before) per sector and goal; hidden cells are grey and say
    so. From sector_goal_stats."""
    title = "Toename per sector en doel (nu − vóór)"
    if sectors.empty:
        return _empty(title, "Nog geen antwoorden met een sector.")
    goals = list(dict.fromkeys(sectors["goal"]))
    names = list(dict.fromkeys(sectors["sector"]))
    z = np.full((len(names), len(goals)), np.nan)
    text = [["" for _ in goals] for _ in names]
    for r in sectors.itertuples(index=False):
        i, j = names.index(r.sector), goals.index(r.goal)
        if not r.hidden:
            z[i, j] = r.gain_mean
            text[i][j] = f"{_signed(r.gain_mean)}<br>n={int(r.n)}"
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=goals,
            y=names,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 13, "color": TEXT},
            colorscale=[[0, "#F4C9A8"], [1 / 3, "#F7F7F7"], [1, "#6FA8D6"]],
            zmin=-1,
            zmax=2,
            xgap=3,
            ygap=3,
            hoverongaps=False,
            colorbar={"title": {"text": "toename"}, "thickness": 12},
            hovertemplate="%{y} · %{x}: %{z:.2f}<extra></extra>",
        )
    )
    # Cells without a value (hidden): grey boxes with their text.
    for r in sectors[sectors["hidden"]].itertuples(index=False):
        _grey_cell(fig, goals.index(r.goal), names.index(r.sector))
        fig.add_annotation(
            x=r.goal,
            y=r.sector,
            text=_hidden_text(r.hidden_reason, min_cell),
            showarrow=False,
            font={"size": 12, "color": TEXT},
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", showgrid=False)
    fig = _base(fig, title, 150 + 58 * len(names))
    fig.update_layout(margin={"t": 100})
    if sectors["hidden"].any():
        fig.add_annotation(
            x=0,
            y=-0.02,
            xref="paper",
            yref="paper",
            yanchor="top",
            xanchor="left",
            showarrow=False,
            font={"size": 12, "color": TEXT},
            text=f"Grijs: verborgen, want minder dan {min_cell} respondenten<br>"
            "(of nodig om zo’n kleine groep niet terug te kunnen rekenen).",
        )
        fig.update_layout(margin={"b": 80})
    return fig


def describe_sectors(sectors: pd.DataFrame, min_cell: int) -> str:
    if sectors.empty:
        return "Nog geen antwoorden met een sector."
    small = int((sectors["hidden_reason"].str.startswith("minder")).sum())
    second = int((sectors["hidden"] & ~sectors["hidden_reason"].str.startswith("minder")).sum())
    shown = sectors[~sectors["hidden"]]
    parts = [f"Gemiddelde toename per sector en doel voor {sectors['sector'].nunique()} sectoren."]
    if len(shown):
        top = shown.loc[shown["gain_mean"].idxmax()]
        parts.append(f"Hoogste: {top['sector']} bij {top['goal']} ({_signed(top['gain_mean'])}).")
    if small:
        parts.append(f"{small} vak(ken) verborgen: minder dan {min_cell} respondenten.")
    if second:
        parts.append(
            f"{second} vak(ken) extra verborgen zodat een kleine groep niet terug te rekenen is."
        )
    return " ".join(parts)


def table_sectors(sectors: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Sector": sectors["sector"],
            "Doel": sectors["goal"],
            "n": [
                "verborgen" if h else str(int(n))
                for h, n in zip(sectors["hidden"], sectors["n"], strict=True)
            ],
            "Vóór (gem.)": [fmt_num(x) for x in sectors["before_mean"]],
            "Nu (gem.)": [fmt_num(x) for x in sectors["now_mean"]],
            "Toename": [_signed(x) for x in sectors["gain_mean"]],
            "Beter": [_pct(x) for x in sectors["share_improved"]],
            "Verborgen": [r or "" for r in sectors["hidden_reason"]],
        }
    )


def table_sector_grades(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Sector": df["sector"],
            "Respondenten": [
                "verborgen" if h else str(int(n))
                for h, n in zip(df["hidden"], df["n"], strict=True)
            ],
            "Rapportcijfer (mediaan)": [fmt_num(x) for x in df["grade_median"]],
            "Rapportcijfer (gem.)": [fmt_num(x) for x in df["grade_mean"]],
            "Verborgen": df["hidden_reason"],
        }
    )


# ---------------------------------------------------------------- against other workshops


def compare_figure(cmp: pd.DataFrame) -> go.Figure:
    """Paired bars per goal: this workshop's mean gain against the average of the other
    workshops. From compare_with_others (the rapportcijfer row is in the text alternative)."""
    title = "Dit werkatelier en het gemiddelde van de andere werkateliers"
    goals = cmp[cmp["unit"] == "toename"]
    if goals.empty or (goals["this_n"] == 0).all():
        return _empty(title, "Nog geen antwoorden om te vergelijken.")
    fig = go.Figure()
    fig.add_bar(
        y=goals["measure_label"],
        x=goals["this_value"],
        name="Dit werkatelier",
        orientation="h",
        marker_color=NOW,
        text=[_signed(x) for x in goals["this_value"]],
        textposition="outside",
    )
    fig.add_bar(
        y=goals["measure_label"],
        x=goals["others_value"],
        name="Gemiddelde andere werkateliers",
        orientation="h",
        marker_color=OTHERS,
        marker_pattern_shape="/",
        text=[_signed(x) for x in goals["others_value"]],
        textposition="outside",
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="gemiddelde toename (nu − vóór) op de schaal 1–5")
    return _base(fig, title, 160 + 70 * len(goals))


def describe_compare(cmp: pd.DataFrame) -> str:
    grade = cmp[cmp["unit"] == "cijfer"]
    parts = []
    if len(grade) and grade.iloc[0]["this_n"]:
        g = grade.iloc[0]
        others = (
            f"tegen gemiddeld {fmt_num(g['others_value'])} bij {int(g['others_workshops'])} "
            "andere werkateliers"
            if g["others_workshops"]
            else "(nog geen andere werkateliers om mee te vergelijken)"
        )
        parts.append(f"Rapportcijfer (mediaan) {fmt_grade(g['this_value'])} {others}.")
    goals = cmp[(cmp["unit"] == "toename") & (cmp["this_n"] > 0) & (cmp["others_workshops"] > 0)]
    diff = {r.measure_label: r.this_value - r.others_value for r in goals.itertuples()}
    higher = [k for k, v in diff.items() if v >= SAME]
    lower = [k for k, v in diff.items() if v <= -SAME]
    same = [k for k, v in diff.items() if abs(v) < SAME]
    if higher:
        parts.append("Meer vooruitgang dan gemiddeld bij: " + ", ".join(higher) + ".")
    if lower:
        parts.append("Minder vooruitgang dan gemiddeld bij: " + ", ".join(lower) + ".")
    if same:
        parts.append("Ongeveer gelijk (verschil kleiner dan 0,1) bij: " + ", ".join(same) + ".")
    return " ".join(parts) or "Nog geen antwoorden om te vergelijken."


def table_compare(cmp: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Maat": [
                f"{label} ({'mediaan cijfer' if unit == 'cijfer' else 'toename'})"
                for label, unit in zip(cmp["measure_label"], cmp["unit"], strict=True)
            ],
            "Dit werkatelier": [fmt_num(x) for x in cmp["this_value"]],
            "n": cmp["this_n"],
            "Andere werkateliers (gem.)": [fmt_num(x) for x in cmp["others_value"]],
            "Aantal andere werkateliers": cmp["others_workshops"],
        }
    )


# ---------------------------------------------------------------- per workshop (programme)


def recent_note(total: int, limit: int | None) -> str:
    """The sentence under a per-workshop chart that shows only the latest `limit` workshops."""
    if limit is None or total <= limit:
        return ""
    return (
        f"De grafiek toont de {limit} meest recente van {total} werkateliers; de tabel bevat ze "
        "allemaal. Kies een jaar of provincie om andere werkateliers te zien."
    )


def _recent_ids(frame: pd.DataFrame, limit: int | None) -> list[Any]:
    """Workshop ids in the frame's order (oldest first), the last `limit` of them."""
    ids = list(dict.fromkeys(frame["workshop_id"]))
    return ids if limit is None else ids[-limit:]


def workshops_figure(measures: pd.DataFrame, min_cell: int, limit: int | None = None) -> go.Figure:
    """Heat map of the mean gain per workshop and goal (programme view); hidden cells grey.
    From workshop_measures. With `limit`, only the latest `limit` workshops (a heat map of
    thousands of rows is unreadable and slow to draw; the table holds them all)."""
    title = "Toename per werkatelier en doel"
    m = measures[measures["unit"] == "toename"]
    if m.empty:
        return _empty(title, "Nog geen antwoorden in deze selectie.")
    total = m["workshop_id"].nunique()
    ids = _recent_ids(m, limit)
    if len(ids) < total:
        title += f" (de {len(ids)} meest recente)"
        m = m[m["workshop_id"].isin(ids)]
    frame = m.drop_duplicates("workshop_id")
    row_of = {w: i for i, w in enumerate(frame["workshop_id"])}
    rows = [_workshop_label(r) for r in frame.itertuples(index=False)]
    goals = list(dict.fromkeys(m["measure_label"]))
    col_of = {g: j for j, g in enumerate(goals)}
    z = np.full((len(rows), len(goals)), np.nan)
    text = [["" for _ in goals] for _ in rows]
    hidden_cells = []
    for r in m.itertuples(index=False):
        i, j = row_of[r.workshop_id], col_of[r.measure_label]
        if r.hidden:
            hidden_cells.append((i, j))
        else:
            z[i, j] = r.value
            text[i][j] = _signed(r.value)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=goals,
            y=list(range(len(rows))),
            text=text,
            texttemplate="%{text}",
            textfont={"size": 12, "color": TEXT},
            colorscale=[[0, "#F4C9A8"], [1 / 3, "#F7F7F7"], [1, "#6FA8D6"]],
            zmin=-1,
            zmax=2,
            xgap=2,
            ygap=2,
            hoverongaps=False,
            colorbar={"title": {"text": "toename"}, "thickness": 12},
            customdata=[[label] * len(goals) for label in rows],
            hovertemplate="%{customdata} · %{x}: %{z:.2f}<extra></extra>",
        )
    )
    for i, j in hidden_cells:
        _grey_cell(fig, j, i)
        fig.add_annotation(
            x=goals[j],
            y=i,
            text=f"verborgen (<{min_cell})",
            showarrow=False,
            font={"size": 12, "color": TEXT},
        )
    # Rows by position, labelled with the workshop (two workshops may share a label).
    fig.update_yaxes(
        autorange="reversed", tickmode="array", tickvals=list(range(len(rows))), ticktext=rows
    )
    fig.update_xaxes(side="top", showgrid=False)
    fig = _base(fig, title, 150 + 30 * len(rows))
    fig.update_layout(margin={"t": 100})
    return fig


def describe_workshops(measures: pd.DataFrame, min_cell: int) -> str:
    m = measures[measures["unit"] == "toename"]
    if m.empty:
        return "Nog geen antwoorden in deze selectie."
    n_w = m["workshop_id"].nunique()
    hidden = m[m["hidden"]]["workshop_id"].nunique()
    shown = m[~m["hidden"]]
    text = f"Gemiddelde toename per doel voor {n_w} werkateliers."
    if len(shown):
        low = shown.groupby("measure_label")["value"].mean().idxmin()
        text += f" Over de werkateliers heen het laagst bij: {low}."
    if hidden:
        text += f" {hidden} werkatelier(s) verborgen: minder dan {min_cell} respondenten."
    return text


def table_workshops(measures: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """One row per workshop (in the order of `measures`), one column per measure.

    Pivoted on the workshop id alone: the municipality and date are attributes of the workshop,
    not index levels (with `dropna=False` extra levels would give every combination of workshop,
    municipality and date – millions of empty rows for a national programme)."""
    first = measures.drop_duplicates("workshop_id")[["workshop_id", "municipality", "date"]]
    labels = list(dict.fromkeys(measures["measure_label"]))
    wide = measures.pivot_table(
        index="workshop_id",
        columns="measure_label",
        values="value",
        aggfunc="first",
        dropna=False,  # keep workshops whose every cell is hidden (NaN)
    ).reindex(columns=labels)
    out = first.merge(wide, how="left", left_on="workshop_id", right_index=True)
    for col in labels:
        if col == "Rapportcijfer":
            out[col] = [fmt_num(x) for x in out[col]]
        else:
            out[col] = [_signed(x) for x in out[col]]
    out["date"] = [fmt_date(d) if isinstance(d, str) and d else "—" for d in out["date"]]
    hidden = measures.groupby("workshop_id")["hidden"].any()
    out["Verborgen"] = [
        f"minder dan {min_cell} respondenten" if hidden.get(w) else "" for w in out["workshop_id"]
    ]
    out = out.rename(columns={"municipality": "Gemeente", "date": "Datum"})
    if "Rapportcijfer" in out.columns:
        out = out.rename(columns={"Rapportcijfer": "Rapportcijfer (mediaan)"})
    return out.drop(columns=["workshop_id"]).reset_index(drop=True)


def table_open(answers: pd.DataFrame, with_workshop: bool = False) -> pd.DataFrame:
    cols = {"question": "Vraag", "answer": "Antwoord"}
    if with_workshop:
        cols = {"question": "Vraag", "municipality": "Gemeente", "answer": "Antwoord"}
    return answers[list(cols)].rename(columns=cols)
