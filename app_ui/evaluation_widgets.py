"""Shared UI of the evaluation pages: the questionnaire form and the chart blocks (not a page).

The questionnaire form is used by respondents (on a phone) and by staff typing in paper forms.
Every chart is shown with its text alternative (a one-line summary and a table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from app_ui import sections, session, widgets
from app_ui.cache import cached_by
from jep.evaluation import charts as ch
from jep.evaluation import completion, drafts, paper, questionnaire
from jep.evaluation import stats as es
from jep.fmt import fmt_progress
from jep.reference.catalog import Catalog

# ---------------------------------------------------------------- the questionnaire form

PREPOST_PARTS = (("before", "Vóór"), ("now", "Nu"))
GRADE_HELP = "1 = heel slecht · 10 = uitstekend"
# The phone form (scoped to its containers by their keys): touch targets of at least 44 × 44 CSS
# px, little space between the blocks, and the bar with the scale's meaning and the progress
# stays in view while scrolling.
FORM_CSS = """
<style>
div:has(> .st-key-evf-bar) { position: sticky; top: 3.75rem; z-index: 5; background: #fff;
  padding: 0.25rem 0 0.35rem 0; border-bottom: 1px solid #d6dbe1; }
.st-key-evf-bar [data-testid="stProgressBarTrack"] { background: #d6dbe1; }
.st-key-evf-bar p { font-size: 0.9rem; line-height: 1.3; }
[class*="st-key-evf-"] [data-testid="stButtonGroup"] { max-width: 22rem; }
[class*="st-key-evf-"] [data-testid="stButtonGroup"] button {
  min-width: 44px; min-height: 44px; padding: 0 0.25rem; }
[class*="st-key-evf-"] [data-testid="stButtonGroup"] button[aria-checked="true"] {
  background: #1f5f8b; border-color: #1f5f8b; color: #fff; }
[class*="st-key-evf-"] [data-testid="stButtonGroup"] button[aria-checked="true"] p {
  color: #fff; font-weight: 600; }
[class*="st-key-evf-it_"] [data-testid="stMarkdownContainer"] p {
  font-size: 0.95rem; line-height: 1.3; }
[class*="st-key-evf-row_"] [data-testid="stMarkdownContainer"] p { font-size: 0.9rem; }
[class*="st-key-evf-sec_"] h3 { font-size: 1.1rem; padding: 0.1rem 0 0.7rem 0; }
.st-key-evf-submit button { min-height: 48px; }
[data-testid="stMain"] { scroll-padding-top: 7rem; }
</style>
"""
# Only on the respondent's page: a smaller title and less empty space above and below.
PHONE_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 4rem; padding-bottom: 3rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.75rem; padding-bottom: 0.25rem; }
</style>
"""


def _key(prefix: str, *parts: str) -> str:
    return "_".join([prefix, *parts])


def load_into_state(
    prefix: str,
    raw: dict[str, Any],
    q: questionnaire.Questionnaire,
    only: Iterable[str] | None = None,
) -> None:
    """Put stored answers into the widgets' session state (to continue or correct them);
    `only`: just the items of these sections (and the sector with drafts.SECTOR)."""
    s = st.session_state
    items = raw.get("items") or {}
    wanted = None if only is None else set(only)
    for item in q.items.values():
        if wanted is not None and item.section not in wanted:
            continue
        value = items.get(item.id)
        if item.kind == "prepost":
            value = value or {}
            s[_key(prefix, item.id, "before")] = value.get("before")
            s[_key(prefix, item.id, "now")] = value.get("now")
        elif item.kind == "open":
            s[_key(prefix, item.id)] = value or ""
        else:
            s[_key(prefix, item.id)] = value
    if wanted is None or drafts.SECTOR in wanted:
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


def _choice(
    label: str, options: list[int], key: str, width: Any = "content", persist: bool = False
) -> None:
    """A row of tap targets (segmented control: a radio group named `label`), empty until
    chosen; the label is for screen readers and tests, the page shows the question above it.
    `persist`: the answer is kept while the widget is not drawn (a closed section)."""
    st.segmented_control(
        label,
        options,
        key=key,
        label_visibility="collapsed",
        width=width,
        persist_state="page" if persist else None,
    )


def _item(
    prefix: str,
    item: questionnaire.Item,
    number: int | None,
    errors: dict[str, str],
    privacy: dict[str, str],
    persist: bool = False,
) -> None:
    text = widgets.md(item.text) + (" \\*" if item.required else "")
    shown = f"**{number}.** {text}" if number else text
    with st.container(key=_key("evf-it", prefix, item.id), gap=None):
        if item.kind == "prepost":
            st.markdown(shown)
            for part, label in PREPOST_PARTS:
                with st.container(
                    key=_key("evf-row", prefix, item.id, part),
                    horizontal=True,
                    gap="small",
                    vertical_alignment="center",
                ):
                    st.markdown(label, width=40)
                    _choice(
                        f"{label}: {item.text}",
                        [1, 2, 3, 4, 5],
                        _key(prefix, item.id, part),
                        "stretch",
                        persist,
                    )
        elif item.kind == "likert":
            st.markdown(shown)
            _choice(item.text, [1, 2, 3, 4, 5], _key(prefix, item.id), "stretch", persist)
        elif item.kind == "grade":
            st.markdown(f"{shown} ({GRADE_HELP})")
            _choice(item.text, list(range(1, 11)), _key(prefix, item.id), 250, persist)
        else:
            label = f"{number}. {item.text}" if number else item.text
            st.text_area(
                label,
                key=_key(prefix, item.id),
                max_chars=item.max_chars,
                height=68,
                persist_state="page" if persist else None,
            )
        key = f"item.{item.id}"
        widgets.field_error(errors, key)
        if key in privacy:
            st.warning(widgets.md(privacy[key]), icon=":material/privacy_tip:")  # quotes user text


def form_items(
    prefix: str,
    q: questionnaire.Questionnaire,
    cat: Catalog,
    version: int,
    errors: dict[str, str],
    privacy: dict[str, str],
    *,
    numbered: bool = False,
) -> None:
    """Every item of `version`, section by section in the order of the paper form (`numbered`:
    with the paper form's numbers), the scale's meaning under the title of each section that
    uses it, then the sector (staff typing in paper forms; the phone form: `phone_sections`)."""
    numbers = paper.numbering(q, version) if numbered else {}
    with st.container(key=_key("evf-form", prefix), gap="xsmall"):
        for section, items in q.sections_of(version):
            with st.container(key=_key("evf-sec", prefix, section.id), gap="xsmall"):
                st.subheader(widgets.md(section.title), anchor=False)
                _section_body(prefix, q, items, errors, privacy, numbers, scale_hint=True)
        _sector(prefix, q, cat, errors, numbers)


def _section_body(
    prefix: str,
    q: questionnaire.Questionnaire,
    items: list[questionnaire.Item],
    errors: dict[str, str],
    privacy: dict[str, str],
    numbers: dict[str, int],
    *,
    scale_hint: bool,
    persist: bool = False,
) -> None:
    if scale_hint and any(it.kind in ("prepost", "likert") for it in items):
        st.caption(q.scale_hint)
    if any(it.kind == "open" for it in items):
        st.caption(q.texts["privacy_note"])
    for item in items:
        _item(prefix, item, numbers.get(item.id), errors, privacy, persist)


def _sector(
    prefix: str,
    q: questionnaire.Questionnaire,
    cat: Catalog,
    errors: dict[str, str],
    numbers: dict[str, int],
) -> None:
    with st.container(key=_key("evf-sec", prefix, "sector"), gap="xsmall"):
        skey = _key(prefix, "sector")
        kwargs: dict[str, Any] = {} if skey in st.session_state else {"index": None}
        number = f"{len(numbers) + 1}. " if numbers else ""
        st.selectbox(
            number + q.sector_question,
            list(cat.sectors),
            format_func=lambda sid: cat.sectors[sid].name,
            key=skey,
            placeholder="Kies je sector (niet verplicht)",
            help=q.sector_help or None,
            **kwargs,
        )
        widgets.field_error(errors, "sector")


# ---------------------------------------------------------------- the phone form: one section open

# A phone draws only the open section's tap targets (app_ui/sections.py); the other sections are
# closed bars with their progress. The widgets keep their answers while their section is closed
# (`persist_state="page"`), so reading the form is the same whichever section is open.


def section_of(q: questionnaire.Questionnaire, field: str) -> str | None:
    """The section of an error or privacy key ("item.<id>"), None for the sector or the form."""
    item = q.items.get(field.removeprefix("item.")) if field.startswith("item.") else None
    return item.section if item else None


def marked_sections(
    q: questionnaire.Questionnaire,
    version: int,
    errors: Mapping[str, str],
    privacy: Mapping[str, str],
) -> list[questionnaire.Section]:
    """The sections with an error or privacy message, in form order."""
    marked = {section_of(q, f) for f in (*errors, *privacy)}
    return [sec for sec, _ in q.sections_of(version) if sec.id in marked]


def bar_marks(
    q: questionnaire.Questionnaire, version: int, done: Mapping[str, tuple[int, int]]
) -> dict[str, str]:
    """{section id: what its bar shows after the title}: its progress, or done."""
    return {section.id: fmt_progress(*done[section.id]) for section, _ in q.sections_of(version)}


def phone_sections(
    prefix: str,
    q: questionnaire.Questionnaire,
    cat: Catalog,
    version: int,
    errors: dict[str, str],
    privacy: dict[str, str],
    done: dict[str, tuple[int, int]],
    open_id: str | None,
    go: Callable[[str | None], None],
) -> None:
    """The phone form: every section a bar (title, and its progress drawn by CSS), only
    `open_id` open and drawn, a button to the next section at its end; then the sector.
    `go(section id)`: the callback that opens a section; `sections.shown_section` has run before."""
    items_of = {section.id: items for section, items in q.sections_of(version)}
    marked = marked_sections(q, version, errors, privacy)

    def body(section_id: str) -> None:
        with st.container(key=_key("evf-sec", prefix, section_id), gap="xsmall"):
            _section_body(
                prefix, q, items_of[section_id], errors, privacy, {}, scale_hint=False, persist=True
            )

    with st.container(key=_key("evf-form", prefix), gap="xsmall"):
        sections.accordion(
            prefix,
            [sections.Section(sec.id, sec.title) for sec, _ in q.sections_of(version)],
            open_id,
            body,
            go,
            marks=bar_marks(q, version, done),
            flagged=[sec.id for sec in marked],
        )
        _sector(prefix, q, cat, errors, {})


def privacy_confirm(prefix: str, privacy: dict[str, str]) -> None:
    if privacy:
        st.checkbox(
            "Ik heb mijn antwoorden gecontroleerd: er staan geen gegevens in van een jongere, "
            "gezin of collega. Toch versturen.",
            key=_key(prefix, "privacy_ok"),
        )


def questionnaire_form(
    prefix: str,
    q: questionnaire.Questionnaire,
    cat: Catalog,
    version: int,
    errors: dict[str, str],
    privacy: dict[str, str],
    submit_label: str,
) -> bool:
    """Staff typing in a paper form: the questionnaire of `version` numbered like the paper form,
    in one form (no rerun per answer); True when it was submitted."""
    st.html(FORM_CSS)
    with st.form(_key(prefix, "form"), enter_to_submit=False, border=False):
        form_items(prefix, q, cat, version, errors, privacy, numbered=True)
        privacy_confirm(prefix, privacy)
        widgets.field_error(errors, "form")
        return st.form_submit_button(
            submit_label, type="primary", width="stretch", key=_key(prefix, "submit")
        )


def progress_bar(done: dict[str, tuple[int, int]], hint: str) -> None:
    """The bar that stays in view: how far the respondent is, and the scale's meaning."""
    n = sum(a for a, _ in done.values())
    total = sum(b for _, b in done.values())
    with st.container(key="evf-bar", gap=None):
        st.progress(n / total if total else 0.0, text=f"{n} van {total} vragen beantwoord")
        st.caption(hint)


def error_banner(
    errors: dict[str, str],
    privacy: dict[str, str],
    kept: bool = False,
    places: list[str] | None = None,
) -> None:
    """What stops sending, above or below the form. `kept`: the answers are kept as a draft
    (the phone form), so the banner says they are not lost, only not sent. `places`: the titles
    of the sections with a message (the phone form shows one section at a time)."""
    where = ""
    if places:
        quoted = [f"‘{p}’" for p in places]
        where = " in " + (", ".join(quoted[:-1]) + " en " if len(quoted) > 1 else "") + quoted[-1]
    outcome = (
        "Je antwoorden zijn bewaard, maar nog niet verstuurd."
        if kept
        else "Er is nog niets opgeslagen."
    )
    if "form" in errors:
        st.error(widgets.md(errors["form"]), icon=":material/error:")
    elif errors:
        n = len(errors)
        st.error(
            f"Er {'is 1 antwoord' if n == 1 else f'zijn {n} antwoorden'} om aan te passen; zie de "
            f"{'melding' if n == 1 else 'meldingen'} bij de {'vraag' if n == 1 else 'vragen'}"
            f"{widgets.md(where)}. " + outcome,
            icon=":material/error:",
        )
    elif privacy:
        st.warning(
            f"In een open antwoord{widgets.md(where)} staat mogelijk een persoonsgegeven. Pas "
            "het aan, of bevestig onderaan dat het klopt. " + outcome,
            icon=":material/privacy_tip:",
        )


# ---------------------------------------------------------------- staff: paper form and completion

COMPLETION_REFRESH = 5  # seconds between updates of the completion figures while the link is open


def paper_form_button(workshop_id: int, url: str | None, where: Any, key: str) -> None:
    """Download of the printable paper form (built only on click), with the QR code of `url`."""

    def build() -> bytes:
        with session.conn() as d:
            return paper.paper_form(d, workshop_id, session.cat(), url).pdf

    where.download_button(
        "Papieren formulier (PDF)" if url else "Papieren formulier (PDF, zonder QR-code)",
        data=build,
        file_name=f"evaluatieformulier-{workshop_id}.pdf",
        mime="application/pdf",
        on_click="ignore",
        key=key,
        help="A4 om te printen: alle vragen in de volgorde van het online formulier.",
    )


def _count(n: int | None) -> str:
    return "minder dan 3" if n is None else str(n)


def completion_panel(workshop_id: int, q: questionnaire.Questionnaire, live: bool) -> None:
    """How the room is filling in (counts only; small counts hidden), refreshed every few
    seconds while the link is open."""

    @st.fragment(run_every=COMPLETION_REFRESH if live else None)
    def panel() -> None:
        with session.conn() as d:
            c = completion.completion(d, workshop_id, session.cat(), q)
        st.subheader("Invullen in de zaal")
        for signal in c.shared_signals:
            st.warning(
                "Deze link lijkt buiten de zaal gedeeld. " + signal + " Maak zo nodig een nieuwe "
                "link (de oude werkt dan niet meer) of sluit de evaluatie.",
                icon=":material/share:",
            )
        c1, c2, c3 = st.columns(3)
        c1.metric(
            "Ingevuld",
            f"{c.responses} van {c.present.n}",
            help=f"{c.online} online en {c.paper} op papier, van de {c.present.n} "
            f"{c.present.label()}.",
        )
        c2.metric("Nog bezig", _count(completion.suppress(c.busy, c.min_cell)))
        c3.metric(
            "Invultijd (mediaan)",
            completion.fmt_duration(c.median_seconds),
            help="Van het eerste antwoord tot versturen, online. Verborgen bij minder dan "
            f"{c.min_cell} respondenten.",
        )
        if c.started:
            st.markdown("**Waar mensen stoppen** (online)")
            st.table(
                pd.DataFrame(
                    {
                        "Tot hier gekomen": [s.label for s in c.stages],
                        "Respondenten": [_count(s.n) for s in c.stages],
                    }
                ),
                hide_index=True,
                width=480,
                border="horizontal",
            )
        st.caption(
            "Alleen aantallen; aantallen van 1 tot "
            f"{c.min_cell - 1} en een mediaan van minder dan {c.min_cell} tijden worden niet "
            "getoond. Maximaal "
            f"{c.cap} nieuwe respondenten per link."
            + (f" Ververst elke {COMPLETION_REFRESH} seconden." if live else "")
        )

    panel()


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


def chart_tabs(
    tabs: Mapping[str, tuple[str, ...]],
    key: str,
    chart: Callable[[str], tuple[Any, str, pd.DataFrame | None]],
    below: Callable[[tuple[str, ...]], None],
) -> None:
    """Charts in tabs ({label: chart keys}) of which only the open one runs, is built (`chart`:
    figure, summary and table of a key) and is sent: the browser would draw hidden tabs' charts
    too. `below(keys)` adds what else the open tab shows."""
    for tab, keys in zip(
        st.tabs(list(tabs), key=key, on_change="rerun"), tabs.values(), strict=True
    ):
        with tab:
            if not tab.open:
                continue
            for k in keys:
                show_chart(*chart(k), k)
            below(keys)


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


@cached_by("workshops", "municipalities", "evaluation_responses", max_entries=2)
def programme_filter_options(d: Database) -> dict[str, list]:
    """The years and provinces the programme's evaluation can be filtered by
    (`evaluation_stats.filter_options`), read once per change of the tables it counts."""
    return es.filter_options(d)


@cached_by(*EVAL_TABLES, max_entries=4)
def _programme_measures(d: Database) -> pd.DataFrame:
    """Per-workshop measures of the whole programme (SQL), to compare one workshop with."""
    return es.programme_measures(d)


@cached_by(*EVAL_TABLES, resource=True, spinner="Resultaten berekenen…")
def _workshop_view(d: Database, workshop_id: int) -> dict[str, Any]:
    """The figures of one workshop's results (shared, read-only); its charts are built per tab
    (`_workshop_chart`)."""
    q = questionnaire.questionnaire()
    data = es.load(d, workshop_ids=[workshop_id], q=q)
    rva = es.responses_vs_attendance(d, data=data)
    stats = es.grade_stats(data)
    view: dict[str, Any] = {"rva": rva, "stats": stats, "n": len(data.responses)}
    if not len(data.responses):
        return view
    view |= {
        "grades": es.grade_distribution(data),
        "items": es.item_stats(data),
        "goals": es.goal_stats(data),
        "likert": es.likert_stats(data),
        "sectors": es.sector_goal_stats(data),
        "sector_grades": ch.table_sector_grades(es.sector_grade_stats(data)),
        "compare": es.compare_with_others(d, workshop_id, q=q, measures=_programme_measures(d)),
        "open": es.open_answers(data),
    }
    return view


@cached_by(*EVAL_TABLES, resource=True, max_entries=64)
def _workshop_chart(d: Database, workshop_id: int, key: str) -> tuple[Any, str, pd.DataFrame]:
    """One chart of one workshop's results, built when its tab is opened and then kept."""
    return _figure(_workshop_view(d, workshop_id), key.removeprefix("ev_"))


WORKSHOP_TABS: dict[str, tuple[str, ...]] = {
    "Doelen en uitspraken": ("ev_goals", "ev_items"),
    "Rapportcijfers en reacties": ("ev_grades", "ev_likert"),
    "Per sector": ("ev_sectors",),
    "Vergelijking": ("ev_compare",),
    "Open antwoorden": (),
}
"""The tabs of one workshop's results and the charts (`_figure` kinds, prefixed) in each."""


def workshop_results(d: Database, workshop_id: int, q: questionnaire.Questionnaire) -> None:
    """One workshop's results: the key figures, then the charts in tabs of which only the open
    one is built, sent and drawn."""
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

    def below(keys: tuple[str, ...]) -> None:
        if keys == ("ev_sectors",):
            st.markdown("**Rapportcijfer per sector**")
            st.dataframe(view["sector_grades"], hide_index=True, width="stretch")
        if not keys:
            open_answers_block(view["open"], with_workshop=False)

    chart_tabs(WORKSHOP_TABS, "ev_results_tab", lambda k: _workshop_chart(d, workshop_id, k), below)


@cached_by(*EVAL_TABLES, resource=True, max_entries=16, spinner="Evaluaties samenvatten…")
def _programme_view(d: Database, year: int | None, province: str | None) -> dict[str, Any]:
    """The aggregates of the programme view for a year and province (shared, read-only), summed
    from those kept per workshop (`evaluation_stats.programme_counts`): the programme's answers
    are never held in memory. What the key figures need is computed here; each chart's own
    figures when its tab is opened (`_ProgrammeParts`)."""
    q = questionnaire.questionnaire()
    data = es.programme_counts(d, year=year, province=province, q=q)
    rva = es.responses_vs_attendance(d, data=data)
    n = int(rva["responses"].sum())
    return {"rva": rva, "stats": es.grade_stats(data), "n": n, "data": data}


PROGRAMME_PARTS: dict[str, Callable[[es.EvalCounts], Any]] = {
    "goals": es.goal_stats,
    "items": es.item_stats,
    "grades": es.grade_distribution,
    "likert": es.likert_stats,
    "sectors": es.sector_goal_stats,
    "measures": es.workshop_measures,
    "open": es.open_answers,
}
"""The figures of the programme view that belong to one tab, from its aggregates."""


class _ProgrammeParts(Mapping[str, Any]):
    """A programme view whose tab figures (`PROGRAMME_PARTS`, and the number of workshops with a
    measured gain) are computed from its aggregates when first read: a year not chosen before
    computed every tab's figures, of which the page shows one."""

    def __init__(self, view: Mapping[str, Any]) -> None:
        self._view = view
        self._made: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key in self._view:
            return self._view[key]
        if key not in self._made:
            if key == "n_measured":
                m = self["measures"]
                self._made[key] = m.loc[m["unit"] == "toename", "workshop_id"].nunique()
            else:
                self._made[key] = PROGRAMME_PARTS[key](self._view["data"])
        return self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._view, *PROGRAMME_PARTS, "n_measured"])

    def __len__(self) -> int:
        return len(self._view) + len(PROGRAMME_PARTS) + 1


@cached_by(*EVAL_TABLES, max_entries=16)
def _programme_open(d: Database, year: int | None, province: str | None) -> pd.DataFrame:
    """The open answers of the programme view (its last tab)."""
    return _ProgrammeParts(_programme_view(d, year, province))["open"]


def _joined(*texts: str | None) -> str:
    return " ".join(t for t in texts if t)


def _figure(v: dict[str, Any], kind: str) -> tuple[Any, str, pd.DataFrame]:
    """One chart of a results view `v` (one workshop's or the programme's): (figure, one-line
    summary, its table). `kind`: goals, items, grades, likert, sectors; compare (a workshop
    against the others); workshops, resp (the programme's recent workshops)."""
    q = questionnaire.questionnaire()
    if kind == "goals":
        goals = v["goals"]
        return (
            ch.goals_figure(goals, q.target_now_mean),
            ch.describe_goals(goals),
            ch.table_goals(goals),
        )
    if kind == "items":
        return (
            ch.items_figure(v["items"]),
            ch.describe_items(v["items"]),
            ch.table_items(v["items"]),
        )
    if kind == "grades":
        return (
            ch.grade_figure(v["grades"], v["stats"]),
            ch.describe_grades(v["stats"]),
            ch.table_grades(v["grades"]),
        )
    if kind == "likert":
        return (
            ch.likert_figure(v["likert"], q.scale_labels),
            ch.describe_likert(v["likert"]),
            ch.table_likert(v["likert"], q.scale_labels),
        )
    if kind == "sectors":
        return (
            ch.sector_figure(v["sectors"], q.min_cell),
            ch.describe_sectors(v["sectors"], q.min_cell),
            ch.table_sectors(v["sectors"]),
        )
    if kind == "compare":
        cmp = v["compare"]
        return ch.compare_figure(cmp), ch.describe_compare(cmp), ch.table_compare(cmp)
    if kind == "workshops":
        measures = v["measures"]
        return (
            ch.workshops_figure(measures, q.min_cell, limit=RECENT_WORKSHOPS),
            _joined(
                ch.describe_workshops(measures, q.min_cell),
                ch.recent_note(v["n_measured"], RECENT_WORKSHOPS),
            ),
            ch.table_workshops(measures, q.min_cell),
        )
    if kind == "resp":
        rva = v["rva"]
        return (
            ch.responses_figure(rva, limit=RECENT_WORKSHOPS),
            _joined(ch.describe_responses(rva), ch.recent_note(len(rva), RECENT_WORKSHOPS)),
            ch.table_responses(rva),
        )
    raise KeyError(kind)


@cached_by(*EVAL_TABLES, resource=True, max_entries=64)
def _programme_chart(
    d: Database, year: int | None, province: str | None, key: str
) -> tuple[Any, str, pd.DataFrame]:
    """One chart of the programme view, built when its tab is opened and then kept."""
    return _figure(_ProgrammeParts(_programme_view(d, year, province)), key.removeprefix("pr_"))


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

    def below(keys: tuple[str, ...]) -> None:
        if not keys:
            open_answers_block(_programme_open(d, year, province), with_workshop=True)

    chart_tabs(PROGRAMME_TABS, "evp_tab", lambda k: _programme_chart(d, year, province, k), below)


PROGRAMME_TABS: dict[str, tuple[str, ...]] = {
    "Doelen en uitspraken": ("pr_goals", "pr_items"),
    "Rapportcijfers en reacties": ("pr_grades", "pr_likert"),
    "Per sector": ("pr_sectors",),
    "Per werkatelier": ("pr_workshops", "pr_resp"),
    "Open antwoorden": (),
}
"""The tabs of the programme's evaluation and the charts of `_programme_view` in each."""
