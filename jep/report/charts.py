"""Charts of the PDF report, drawn with matplotlib (Agg, no browser) from the same DataFrames that
feed the plotly charts on screen (`jep.mix`, `jep.evaluation_stats`), so the numbers are equal.

Each function returns a `Chart`: PNG bytes, its size in millimetres and a Dutch text alternative
(for the PDF's alt text; the evaluation charts use the screens' own one-line summaries from
`jep.charts_eval`). Colours are those of the screens (Okabe–Ito, colour-blind safe); "vóór" and
"nu" also differ in marker shape. No Streamlit, no pyplot global state (thread-safe).
matplotlib is imported on the first chart drawn (about 30 MB of a server's memory that a session
without a report never needs).
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

import pandas as pd

from jep.evaluation import charts as ce
from jep.fmt import fmt_num
from jep.workshop.charts import SERIES_COLORS, domain_color

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 150
WIDTH_IN = 6.7  # 170 mm, the text width of the report
MM_PER_IN = 25.4
TEXT = ce.TEXT
GRID = "#E5E5E5"
FONT_SIZE = 9


@dataclass(frozen=True)
class Chart:
    png: bytes
    width_mm: float
    height_mm: float
    alt: str


_CACHE: OrderedDict[bytes, Chart] = OrderedDict()
_CACHE_SIZE = 48
_LOCK = threading.Lock()


def _digest(value: Any) -> bytes:
    if isinstance(value, pd.DataFrame):
        hashed = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        return hashed + repr(list(value.columns)).encode()
    return repr(value).encode()


def _memo(fn: Callable[..., Chart]) -> Callable[..., Chart]:
    """Drawing is the slow part of a report: the same data gives the same chart, so a chart is
    drawn once per process for the same numbers (bounded cache)."""

    @wraps(fn)
    def wrapper(*args: Any) -> Chart:
        h = hashlib.sha256(fn.__name__.encode())
        for arg in args:
            h.update(_digest(arg))
        key = h.digest()
        with _LOCK:
            if key in _CACHE:
                _CACHE.move_to_end(key)
                return _CACHE[key]
        chart = fn(*args)
        with _LOCK:
            _CACHE[key] = chart
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
        return chart

    return wrapper


def _figure(height_in: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _integer_ticks() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _text_in(fig: Figure, lines: list[str], size: float, bold: bool = False) -> float:
    """Width in inches of the widest of these texts (each may hold line breaks); measured with
    the renderer's font metrics, which is much cheaper than a layout engine."""
    from matplotlib.font_manager import FontProperties

    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas has it
    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    widest = 0.0
    for text in lines:
        for line in str(text).split("\n"):
            if line:
                w, _, _ = renderer.get_text_width_height_descent(line, prop, ismath=False)
                widest = max(widest, w)
    return widest / fig.dpi


def _axes(fig: Figure, left: float, right: float, top: float, bottom: float):  # noqa: ANN202
    """Axes placed by margins in inches."""
    w, h = fig.get_size_inches()
    return fig.add_axes((left / w, bottom / h, 1 - (left + right) / w, 1 - (top + bottom) / h))


def _style(ax) -> None:  # noqa: ANN001 - a matplotlib Axes
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#888888")
    ax.tick_params(colors=TEXT, labelsize=FONT_SIZE)
    ax.xaxis.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)


def _done(fig: Figure, alt: str) -> Chart:
    """The figure as PNG; its size is what was drawn (at most the text width)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white", pil_kwargs={"compress_level": 1})
    w, h = fig.canvas.get_width_height()
    return Chart(buf.getvalue(), w / DPI * MM_PER_IN, h / DPI * MM_PER_IN, alt)


def _wrap(label: str, width: int = 34) -> str:
    """Break a long axis label over lines at spaces."""
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


# ---------------------------------------------------------------- participants


def domain_counts(by_domain: pd.DataFrame, attended: pd.DataFrame | None) -> pd.DataFrame:
    """Per domain: registered (from `mix.by_domain`) and attended (the sum per domain of
    `mix.attended_vs_registered`; NA when attendance is not marked). Columns: domain_id, domain,
    core, registered, attended."""
    out = by_domain[["domain_id", "domain", "core", "registered"]].copy()
    if attended is None:
        out["attended"] = pd.NA
    else:
        per = attended.groupby("domain_id")["attended"].sum()
        out["attended"] = [int(per.get(d, 0)) for d in out["domain_id"]]
    return out.reset_index(drop=True)


def describe_domains(counts: pd.DataFrame) -> str:
    has_att = counts["attended"].notna().all()
    col = "attended" if has_att else "registered"
    total = int(counts[col].sum())
    if not total and not int(counts["registered"].sum()):
        return "Nog geen deelnemers aangemeld."
    parts = [f"{r.domain} {int(getattr(r, col))}" for r in counts.itertuples(index=False)]
    what = "aanwezig" if has_att else "aangemeld"
    missing = [r.domain for r in counts.itertuples(index=False) if r.core and not getattr(r, col)]
    tail = f" Niet vertegenwoordigd: {', '.join(missing)}." if missing else ""
    return f"Deelnemers per domein ({what}, totaal {total}): {'; '.join(parts)}.{tail}"


@_memo
def domains_chart(counts: pd.DataFrame) -> Chart:
    """Horizontal bars per domain: registered and (after the day) present. Core domains ★."""
    has_att = counts["attended"].notna().all()
    n = len(counts)
    labels = [f"{r.domain} ★" if r.core else r.domain for r in counts.itertuples(index=False)]
    fig = _figure(1.25 + 0.3 * n * (1.6 if has_att else 1) + (0.3 if has_att else 0))
    left = _text_in(fig, labels, FONT_SIZE) + 0.2
    ax = _axes(fig, left, 0.3, 0.4, 0.55 + (0.3 if has_att else 0))
    _style(ax)
    ys = list(range(n))
    height = 0.38 if has_att else 0.6
    reg_y = [y - height / 2 for y in ys] if has_att else ys
    reg_colors = (
        SERIES_COLORS["registered"] if has_att else [domain_color(d) for d in counts["domain_id"]]
    )
    bars = ax.barh(reg_y, counts["registered"], height=height, color=reg_colors, label="Aangemeld")
    ax.bar_label(bars, padding=3, fontsize=FONT_SIZE, color=TEXT)
    if has_att:
        bars = ax.barh(
            [y + height / 2 for y in ys],
            counts["attended"].astype(int),
            height=height,
            color=SERIES_COLORS["attended"],
            label="Aanwezig",
        )
        ax.bar_label(bars, padding=3, fontsize=FONT_SIZE, color=TEXT)
    ax.set_yticks(ys, labels)
    ax.invert_yaxis()
    top = max(1, int(counts["registered"].max() or 0), int(counts["attended"].fillna(0).max()))
    ax.set_xlim(0, top * 1.15 + 0.5)
    ax.xaxis.set_major_locator(_integer_ticks())
    ax.set_xlabel("deelnemers", fontsize=FONT_SIZE, color=TEXT)
    ax.set_title("Deelnemers per domein (★ = kerndomein)", loc="left", fontsize=11, color=TEXT)
    if has_att:
        fig.legend(loc="lower center", fontsize=FONT_SIZE, frameon=False, ncols=2)
    return _done(fig, describe_domains(counts))


# ---------------------------------------------------------------- evaluation


def _dumbbell(
    rows: list[dict], title: str, note: str, alt: str, target: float | None = None
) -> Chart:
    """rows: {label, header, before, now, right}; one line per row, headers in bold. The
    figures on the right (share improved, n) are the tick labels of a second y axis."""
    n = len(rows)
    fig = _figure(1.35 + 0.27 * n)
    labels = [_wrap(r["label"]) for r in rows]
    left = _text_in(fig, labels, FONT_SIZE - 0.5, bold=True) + 0.15
    right_w = _text_in(fig, [r.get("right", "") for r in rows], FONT_SIZE - 0.5) + 0.25
    ax = _axes(fig, left, right_w, 0.45, 0.8)
    _style(ax)
    ys = list(range(n))
    for y, r in zip(ys, rows, strict=True):
        if r["header"]:
            continue
        before, now = r["before"], r["now"]
        if pd.notna(before) and pd.notna(now):
            ax.plot([before, now], [y, y], color="#AAAAAA", linewidth=2.5, zorder=1)
        if pd.notna(before):
            ax.scatter(
                [before],
                [y],
                s=40,
                facecolors="white",
                edgecolors=ce.BEFORE,
                linewidths=2,
                zorder=2,
            )
        if pd.notna(now):
            ax.scatter([now], [y], s=44, marker="D", color=ce.NOW, zorder=3)
    ax.set_yticks(ys, labels, fontsize=FONT_SIZE - 0.5)
    for tick, r in zip(ax.get_yticklabels(), rows, strict=True):
        if r["header"]:
            tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    ylim = (n - 0.5, -0.7)
    ax.set_ylim(*ylim)
    ax.set_xlim(0.8, 5.2)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_xlabel(note, fontsize=FONT_SIZE - 0.5, color=TEXT)
    side = ax.get_yaxis_transform()  # x in axes fraction, y in data
    for y, r in zip(ys, rows, strict=True):
        if r.get("right"):
            ax.text(
                1.02,
                y,
                r["right"],
                transform=side,
                va="center",
                fontsize=FONT_SIZE - 0.5,
                color=TEXT,
                clip_on=False,
            )
    if target is not None:
        ax.axvline(target, color=TEXT, linestyle=":", linewidth=1, zorder=0)
        ax.annotate(
            f"doel ‘nu’ ≥ {fmt_num(target)}",
            xy=(target, 0),
            xycoords=("data", "axes fraction"),
            xytext=(3, 3),
            textcoords="offset points",
            fontsize=FONT_SIZE - 1,
            color=TEXT,
        )
    ax.scatter([], [], s=40, facecolors="white", edgecolors=ce.BEFORE, linewidths=2, label="Vóór")
    ax.scatter([], [], s=44, marker="D", color=ce.NOW, label="Nu")
    fig.legend(loc="lower center", ncols=2, fontsize=FONT_SIZE, frameon=False)
    fig.suptitle(
        title,
        x=0.01,
        y=1 - 0.06 / fig.get_size_inches()[1],
        ha="left",
        va="top",
        fontsize=11,
        color=TEXT,
    )
    return _done(fig, alt)


@_memo
def goals_chart(goals: pd.DataFrame, target_now: float) -> Chart:
    """Before → now per goal (from `evaluation_stats.goal_stats`), with the target for 'nu'."""
    done = goals[goals["n"] > 0]
    rows = [
        {
            "label": r.goal,
            "header": False,
            "before": r.before_mean,
            "now": r.now_mean,
            "right": ("✓ gehaald" if r.meets_target else "✗ blijft achter")
            + f" · {ce._pct(r.share_improved)} beter · n={r.n}",
        }
        for r in done.itertuples(index=False)
    ]
    return _dumbbell(
        rows,
        "Doelen van het werkatelier: vóór en nu",
        "gemiddelde score per deelnemer (1–5)",
        ce.describe_goals(goals),
        target=target_now,
    )


@_memo
def items_chart(items: pd.DataFrame) -> Chart:
    """Before → now per statement, grouped by goal (from `evaluation_stats.item_stats`)."""
    rows: list[dict] = []
    for goal, g in items[items["n"] > 0].groupby("goal", sort=False):
        rows.append({"label": goal, "header": True})
        for r in g.itertuples(index=False):
            rows.append(
                {
                    "label": r.item,
                    "header": False,
                    "before": r.before_mean,
                    "now": r.now_mean,
                    "right": f"{ce._pct(r.share_improved)} beter · n={r.n}",
                }
            )
    return _dumbbell(
        rows,
        "Per uitspraak: vóór het werkatelier en nu",
        "gemiddelde score (1 = helemaal niet mee eens, 5 = helemaal mee eens)",
        ce.describe_items(items),
    )


@_memo
def grades_chart(dist: pd.DataFrame, stats: pd.DataFrame) -> Chart:
    """How often each rapportcijfer was given (from `grade_distribution`), median dashed."""
    fig = _figure(2.3)
    ax = _axes(fig, 0.55, 0.15, 0.4, 0.5)
    _style(ax)
    ax.xaxis.grid(False)
    ax.yaxis.grid(True, color=GRID, linewidth=0.8)
    bars = ax.bar(dist["grade"], dist["count"], color=ce.NOW, width=0.7, zorder=2)
    ax.bar_label(
        bars,
        labels=[str(c) if c else "" for c in dist["count"]],
        label_type="center",
        fontsize=FONT_SIZE,
        color="white",
        fontweight="bold",
    )
    s = stats.iloc[0]
    if s["n"]:
        ax.axvline(s["median"], color=TEXT, linestyle="--", linewidth=1, zorder=1)
        ax.annotate(
            f"mediaan {fmt_num(s['median'], 1 if s['median'] % 1 else 0)}",
            xy=(s["median"], 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(4, -10),
            textcoords="offset points",
            fontsize=FONT_SIZE,
            color=TEXT,
        )
    ax.set_xticks(range(1, 11))
    ax.set_xlim(0.4, 10.6)
    top = int(dist["count"].max() or 0)
    ax.set_ylim(0, max(1, top) * 1.3)
    ax.yaxis.set_major_locator(_integer_ticks())
    ax.set_xlabel("rapportcijfer", fontsize=FONT_SIZE, color=TEXT)
    ax.set_ylabel("aantal", fontsize=FONT_SIZE, color=TEXT)
    ax.set_title("Rapportcijfers", loc="left", fontsize=11, color=TEXT)
    return _done(fig, ce.describe_grades(stats))
