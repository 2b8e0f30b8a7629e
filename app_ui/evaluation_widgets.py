"""Shared UI of the evaluation pages: the questionnaire form and the chart blocks (not a page).

The questionnaire form is used by respondents (on a phone) and by staff typing in paper forms.
Every chart is shown with its text alternative (a one-line summary and a table).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from app_ui import widgets
from app_ui.cache import cached_by
from jep.evaluation import charts as ch
from jep.evaluation import questionnaire
from jep.evaluation import stats as es
from jep.reference.catalog import Catalog

# ---------------------------------------------------------------- the questionnaire form


def _key(prefix: str, *parts: str) -> str:
    return "_".join([prefix, *parts])


def load_into_state(prefix: str, raw: dict[str, Any], q: questionnaire.Questionnaire) -> None:
    """Put a stored response into the widgets' session state (to correct it)."""
    s = st.session_state
    items = raw.get("items") or {}
    for item in q.items.values():
        value = items.get(item.id)
        if item.kind == "prepost":
            value = value or {}
            s[_key(prefix, item.id, "before")] = value.get("before")
            s[_key(prefix, item.id, "now")] = value.get("now")
        elif item.kind == "open":
            s[_key(prefix, item.id)] = value or ""
        else:
            s[_key(prefix, item.id)] = value
    s[_key(prefix, "sector")] = raw.get("sector")


def collect(prefix: str, q: questionnaire.Questionnaire, version: int) -> dict[str, Any]:
    """What the form holds now, in the shape `jep.evaluation.validate_response` expects."""
    s = st.session_state
    items: dict[str, Any] = {}
    for item in q.items_of(version):
        if item.kind == "prepost":
            items[item.id] = {
                "before": s.get(_key(prefix, item.id, "before")),
                "now": s.get(_key(prefix, item.id, "now")),
            }
        else:
            items[item.id] = s.get(_key(prefix, item.id))
    return {"version": version, "sector": s.get(_key(prefix, "sector")), "items": items}


def _radio(label: str, options: list[int], key: str, **kwargs: Any) -> None:
    """A horizontal radio that starts empty (no answer) unless the state already holds one."""
    if key not in st.session_state:
        kwargs["index"] = None
    st.radio(label, options, key=key, horizontal=True, **kwargs)


def questionnaire_form(
    prefix: str,
    q: questionnaire.Questionnaire,
    cat: Catalog,
    version: int,
    errors: dict[str, str],
    privacy: dict[str, str],
    submit_label: str,
) -> bool:
    """Render the questionnaire of `version` in one form; True when it was submitted."""
    labels = q.scale_labels
    scale_help = f"1 = {labels[0]} · 5 = {labels[-1]}"
    items = q.items_of(version)
    with st.form(_key(prefix, "form"), enter_to_submit=False, border=False):
        shown_prepost_note = False
        for section in q.sections.values():
            in_section = [it for it in items if it.section == section.id]
            if not in_section:
                continue
            st.subheader(section.title, divider="gray")
            if any(it.kind == "prepost" for it in in_section) and not shown_prepost_note:
                st.markdown(q.texts["prepost"])
                shown_prepost_note = True
            if section.id == "open" or any(it.kind == "open" for it in in_section):
                st.caption(q.texts["privacy_note"])
            for item in in_section:
                key = f"item.{item.id}"
                if item.kind == "prepost":
                    st.markdown(f"**{item.text}**")
                    _radio(
                        "Vóór het werkatelier",
                        [1, 2, 3, 4, 5],
                        _key(prefix, item.id, "before"),
                        help=scale_help,
                    )
                    _radio("Nu", [1, 2, 3, 4, 5], _key(prefix, item.id, "now"), help=scale_help)
                elif item.kind == "grade":
                    _radio(
                        item.text + (" *" if item.required else ""),
                        list(range(1, 11)),
                        _key(prefix, item.id),
                        help="1 = heel slecht · 10 = uitstekend",
                    )
                elif item.kind == "likert":
                    _radio(item.text, [1, 2, 3, 4, 5], _key(prefix, item.id), help=scale_help)
                else:
                    st.text_area(
                        item.text,
                        key=_key(prefix, item.id),
                        max_chars=item.max_chars,
                        height=100,
                    )
                widgets.field_error(errors, key)
                if key in privacy:
                    st.warning(widgets.md(privacy[key]), icon=":material/privacy_tip:")
        st.subheader("Over jou", divider="gray")
        skey = _key(prefix, "sector")
        kwargs: dict[str, Any] = {} if skey in st.session_state else {"index": None}
        st.selectbox(
            q.sector_question,
            list(cat.sectors),
            format_func=lambda sid: cat.sectors[sid].name,
            key=skey,
            placeholder="Kies je sector (niet verplicht)",
            help=q.sector_help or None,
            **kwargs,
        )
        widgets.field_error(errors, "sector")
        if privacy:
            st.checkbox(
                "Ik heb mijn antwoorden gecontroleerd: er staan geen gegevens in van een jongere, "
                "gezin of collega. Toch versturen.",
                key=_key(prefix, "privacy_ok"),
            )
        widgets.field_error(errors, "form")
        return st.form_submit_button(
            submit_label, type="primary", width="stretch", key=_key(prefix, "submit")
        )


def error_banner(errors: dict[str, str], privacy: dict[str, str]) -> None:
    if "form" in errors:
        st.error(widgets.md(errors["form"]), icon=":material/error:")
    elif errors:
        n = len(errors)
        st.error(
            f"Er {'is 1 antwoord' if n == 1 else f'zijn {n} antwoorden'} om aan te passen; zie de "
            "meldingen bij de vragen hieronder. Er is nog niets opgeslagen.",
            icon=":material/error:",
        )
    elif privacy:
        st.warning(
            "In een open antwoord staat mogelijk een persoonsgegeven. Pas het aan, of bevestig "
            "onderaan dat het klopt. Er is nog niets opgeslagen.",
            icon=":material/privacy_tip:",
        )


# ---------------------------------------------------------------- charts


def show_chart(fig: Any, alt: str, table: pd.DataFrame | None, key: str) -> None:
    """A chart, its one-line text alternative under it and its numbers in a table."""
    st.plotly_chart(
        fig,
        theme=None,
        key=key,
        alt=alt,
        config={"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]},
    )
    st.caption(alt)
    if table is not None and not table.empty:
        with st.expander("Tabel bij deze grafiek"):
            st.dataframe(table, hide_index=True, width="stretch")


def open_answers_block(answers: pd.DataFrame, with_workshop: bool) -> None:
    st.subheader("Open antwoorden")
    if answers.empty:
        st.caption("Nog geen open antwoorden.")
        return
    st.caption(
        "In alfabetische volgorde en zonder sector, zodat een antwoord niet naar een persoon te "
        "herleiden is. De tekst staat er zoals hij is ingevuld."
    )
    for question, group in answers.groupby("question", sort=False):
        st.markdown(f"**{question}** ({len(group)})")
        st.dataframe(
            ch.table_open(group, with_workshop=with_workshop).drop(columns=["Vraag"]),
            hide_index=True,
            width="stretch",
            column_config={"Antwoord": st.column_config.TextColumn(width="large")},
        )


# Figures and tables are cached per write stamp of the tables they read (attendance comes from
# participants), so a rerun only draws them.
EVAL_TABLES = ("evaluation_responses", "workshops", "municipalities", "participants")
RECENT_WORKSHOPS = 30  # per-workshop charts of the programme view show the latest ones


@cached_by(*EVAL_TABLES, max_entries=4)
def _programme_measures(d: Database) -> pd.DataFrame:
    """Per-workshop measures of the whole programme (SQL), to compare one workshop with."""
    return es.programme_measures(d)


@cached_by(*EVAL_TABLES, resource=True, spinner="Resultaten berekenen…")
def _workshop_view(d: Database, workshop_id: int) -> dict[str, Any]:
    """Everything the results of one workshop show (shared, read-only)."""
    q = questionnaire.questionnaire()
    data = es.load(d, workshop_ids=[workshop_id], q=q)
    rva = es.responses_vs_attendance(d, data=data)
    cmp = es.compare_with_others(d, workshop_id, q=q, measures=_programme_measures(d))
    stats = es.grade_stats(data)
    view: dict[str, Any] = {"rva": rva, "stats": stats, "n": len(data.responses), "charts": []}
    if not len(data.responses):
        return view
    grades = es.grade_distribution(data)
    items = es.item_stats(data)
    goals = es.goal_stats(data)
    likert = es.likert_stats(data)
    sectors = es.sector_goal_stats(data)
    view["charts"] = [
        (
            "ev_grades",
            ch.grade_figure(grades, stats),
            ch.describe_grades(stats),
            ch.table_grades(grades),
        ),
        ("ev_items", ch.items_figure(items), ch.describe_items(items), ch.table_items(items)),
        (
            "ev_goals",
            ch.goals_figure(goals, q.target_now_mean),
            ch.describe_goals(goals),
            ch.table_goals(goals),
        ),
        (
            "ev_likert",
            ch.likert_figure(likert, q.scale_labels),
            ch.describe_likert(likert),
            ch.table_likert(likert, q.scale_labels),
        ),
        (
            "ev_sectors",
            ch.sector_figure(sectors, q.min_cell),
            ch.describe_sectors(sectors, q.min_cell),
            ch.table_sectors(sectors),
        ),
    ]
    view["sector_grades"] = ch.table_sector_grades(es.sector_grade_stats(data))
    view["compare"] = (
        "ev_cmp",
        ch.compare_figure(cmp),
        ch.describe_compare(cmp),
        ch.table_compare(cmp),
    )
    view["open"] = es.open_answers(data)
    return view


def workshop_results(d: Database, workshop_id: int, q: questionnaire.Questionnaire) -> None:
    """All charts of one workshop."""
    view = _workshop_view(d, workshop_id)
    rva, stats = view["rva"], view["stats"]
    r = rva.iloc[0]
    c1, c2, c3 = st.columns(3)
    c1.metric("Evaluaties", int(r["responses"]))
    c2.metric("Aanwezig", "onbekend" if pd.isna(r["attendance"]) else int(r["attendance"]))
    s = stats.iloc[0]
    c3.metric("Rapportcijfer (mediaan)", "—" if not s["n"] else ch.fmt_grade(s["median"]))
    st.caption(ch.describe_responses(rva))
    if not view["n"]:
        st.info("Er zijn nog geen evaluaties ingevuld voor dit werkatelier.")
        return
    for key, fig, alt, table in view["charts"]:
        show_chart(fig, alt, table, key)
    st.markdown("**Rapportcijfer per sector**")
    st.dataframe(view["sector_grades"], hide_index=True, width="stretch")
    key, fig, alt, table = view["compare"]
    show_chart(fig, alt, table, key)
    open_answers_block(view["open"], with_workshop=False)


@cached_by(*EVAL_TABLES, resource=True, max_entries=16, spinner="Evaluaties samenvatten…")
def _programme_view(d: Database, year: int | None, province: str | None) -> dict[str, Any]:
    """Everything the programme view shows for a year and province (shared, read-only), from
    SQL aggregates: the whole programme's answers are never held in memory."""
    q = questionnaire.questionnaire()
    data = es.counts(d, year=year, province=province, q=q)
    rva = es.responses_vs_attendance(d, data=data)
    stats = es.grade_stats(data)
    n = int(rva["responses"].sum())
    view: dict[str, Any] = {"rva": rva, "stats": stats, "n": n, "charts": []}
    if not n:
        return view
    goals = es.goal_stats(data)
    items = es.item_stats(data)
    grades = es.grade_distribution(data)
    likert = es.likert_stats(data)
    sectors = es.sector_goal_stats(data)
    measures = es.workshop_measures(data)
    n_measured = measures.loc[measures["unit"] == "toename", "workshop_id"].nunique()
    view["charts"] = [
        (
            "pr_goals",
            ch.goals_figure(goals, q.target_now_mean),
            ch.describe_goals(goals),
            ch.table_goals(goals),
        ),
        ("pr_items", ch.items_figure(items), ch.describe_items(items), ch.table_items(items)),
        (
            "pr_grades",
            ch.grade_figure(grades, stats),
            ch.describe_grades(stats),
            ch.table_grades(grades),
        ),
        (
            "pr_likert",
            ch.likert_figure(likert, q.scale_labels),
            ch.describe_likert(likert),
            ch.table_likert(likert, q.scale_labels),
        ),
        (
            "pr_sectors",
            ch.sector_figure(sectors, q.min_cell),
            ch.describe_sectors(sectors, q.min_cell),
            ch.table_sectors(sectors),
        ),
        (
            "pr_workshops",
            ch.workshops_figure(measures, q.min_cell, limit=RECENT_WORKSHOPS),
            " ".join(
                t
                for t in (
                    ch.describe_workshops(measures, q.min_cell),
                    ch.recent_note(n_measured, RECENT_WORKSHOPS),
                )
                if t
            ),
            ch.table_workshops(measures, q.min_cell),
        ),
        (
            "pr_resp",
            ch.responses_figure(rva, limit=RECENT_WORKSHOPS),
            " ".join(
                t
                for t in (ch.describe_responses(rva), ch.recent_note(len(rva), RECENT_WORKSHOPS))
                if t
            ),
            ch.table_responses(rva),
        ),
    ]
    view["open"] = es.open_answers(data)
    return view


def programme_results(
    d: Database, q: questionnaire.Questionnaire, year: int | None, province: str | None
) -> None:
    """All charts over the workshops of a year and/or province."""
    view = _programme_view(d, year, province)
    rva, s = view["rva"], view["stats"].iloc[0]
    c1, c2, c3 = st.columns(3)
    c1.metric("Werkateliers", len(rva))
    c2.metric("Evaluaties", int(rva["responses"].sum()) if len(rva) else 0)
    c3.metric("Rapportcijfer (mediaan)", "—" if not s["n"] else ch.fmt_grade(s["median"]))
    if not view["n"]:
        st.info("Er zijn nog geen evaluaties in deze selectie.")
        return
    for key, fig, alt, table in view["charts"]:
        show_chart(fig, alt, table, key)
    open_answers_block(view["open"], with_workshop=True)
