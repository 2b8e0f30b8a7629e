"""Tables and figures of the evaluation charts (jep.charts_eval) on hand-made inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jep.evaluation import charts as ch


def _measures(n_workshops: int, hidden: frozenset[int] = frozenset()) -> pd.DataFrame:
    """workshop_measures-shaped rows: every workshop its own municipality and date."""
    rows = []
    for w in range(1, n_workshops + 1):
        for measure, label, unit, value in (
            ("rapportcijfer", "Rapportcijfer", "cijfer", 8.0),
            ("signalen", "Signalen", "toename", 0.5),
            ("netwerk", "Netwerk", "toename", -0.25),
        ):
            small = w in hidden
            rows.append(
                {
                    "workshop_id": w,
                    "municipality": f"Gemeente {w}",
                    "province": "Utrecht",
                    "date": None if w == 2 else f"2026-{1 + w % 12:02d}-{1 + w % 27:02d}",
                    "measure": measure,
                    "measure_label": label,
                    "unit": unit,
                    "n": np.nan if small else 5.0,
                    "value": np.nan if small else value,
                    "hidden": small,
                    "hidden_reason": "minder dan 3 respondenten" if small else "",
                }
            )
    return pd.DataFrame(rows)


def test_table_workshops_has_one_row_per_workshop():
    # With municipality and date as pivot levels and dropna=False this was the cartesian product
    # of workshops × municipalities × dates (23.6 million rows for 342 workshops).
    table = ch.table_workshops(_measures(40, hidden=frozenset({3})), min_cell=3)
    assert len(table) == 40
    assert list(table.columns) == [
        "Gemeente",
        "Datum",
        "Rapportcijfer (mediaan)",
        "Signalen",
        "Netwerk",
        "Verborgen",
    ]
    first = table.iloc[0]
    assert first["Gemeente"] == "Gemeente 1"
    assert first["Rapportcijfer (mediaan)"] == "8,0"
    assert first["Signalen"] == "+0,5"
    assert first["Netwerk"] == "-0,2"
    assert table.iloc[1]["Datum"] == "—"  # workshop 2 has no date
    hidden = table.iloc[2]
    assert hidden["Gemeente"] == "Gemeente 3"  # a fully hidden workshop keeps its row
    assert hidden["Signalen"] == "—"
    assert hidden["Verborgen"] == "minder dan 3 respondenten"


def test_per_workshop_charts_show_only_the_latest_workshops():
    measures = _measures(80, hidden=frozenset({79}))
    fig = ch.workshops_figure(measures, min_cell=3, limit=30)
    heat = fig.data[0]
    assert len(heat.z) == 30 and "30 meest recente" in fig.layout.title.text
    assert list(fig.layout.yaxis.ticktext)[0].startswith("Gemeente 51 ")
    assert len(fig.layout.annotations) == 2  # the hidden workshop (79): its two goal cells
    assert len(ch.workshops_figure(measures, min_cell=3).data[0].z) == 80
    assert "30 meest recente van 80" in ch.recent_note(80, 30)
    assert ch.recent_note(20, 30) == ""
    rva = pd.DataFrame(
        {
            "workshop_id": range(1, 51),
            "municipality": [f"Gemeente {w}" for w in range(1, 51)],
            "date": ["2026-01-01"] * 50,
            "responses": [5] * 50,
            "attendance": pd.array([10] * 50, dtype="Int64"),
        }
    )
    bars = ch.responses_figure(rva, limit=30)
    assert len(bars.data[0].y) == 30 and bars.data[0].y[0].startswith("Gemeente 21 ")


def _goals() -> pd.DataFrame:
    """goal_stats-shaped rows: one goal met, one not, one without both answers."""
    return pd.DataFrame(
        {
            "goal": ["Signalen herkennen", "Netwerk kennen", "Informatie delen"],
            "n": [12, 9, 4],
            "before_mean": [2.5, 3.0, np.nan],
            "now_mean": [4.0, 3.2, np.nan],
            "share_improved": [0.75, 0.3, np.nan],
            "meets_target": [True, False, False],
        }
    )


def test_goals_figure_has_a_point_pair_per_goal_the_target_line_and_its_notes():
    fig = ch.goals_figure(_goals(), 3.5)
    lines, before, now = fig.data
    assert list(before.x[:2]) == [2.5, 3.0] and list(now.x[:2]) == [4.0, 3.2]
    assert list(lines.x) == [2.5, 4.0, None, 3.0, 3.2, None]  # no line without both answers
    assert list(fig.layout.yaxis.ticktext) == list(_goals()["goal"])
    assert fig.layout.yaxis.autorange == "reversed" and list(fig.layout.xaxis.range) == [0.8, 5.2]
    (target,) = fig.layout.shapes
    assert (target.x0, target.x1, target.yref, target.line.dash) == (3.5, 3.5, "y domain", "dot")
    notes = [a.text for a in fig.layout.annotations]
    assert notes[0] == "✓ gehaald · 75% beter · n=12"
    assert notes[1].startswith("✗ blijft achter") and notes[-1] == "doel ‘nu’ ≥ 3,5"
    assert fig.layout.height == 110 + 48 * 3 and fig.layout.margin.r == 260
    assert fig.layout.separators == ",." and fig.layout.hoverlabel.font.size == 14
