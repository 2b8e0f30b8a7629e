"""Shared UI of the follow-up (terugblik): the municipality's questionnaire (used by the contact and
by staff on the municipality's behalf), the participants' short form and the Terugblik results.

Everything a user typed is shown as plain text (st.text, tables) or through `widgets.md()`.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from app_ui import programme, session, widgets
from app_ui.cache import Connection, cached_by
from app_ui.draft_form import KEEP, DraftForm
from app_ui.widgets import md
from jep.fmt import fmt_date, fmt_num
from jep.followup import answers as fa
from jep.followup import charts as fch
from jep.followup import due as fdue
from jep.followup import participants as fp
from jep.followup import programme as fprog
from jep.followup import results as fr
from jep.followup.questionnaire import FollowupConfig, config
from jep.reference.catalog import Catalog
from jep.workshop import intake

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def _k(wid: int, name: str) -> str:
    return f"tb{wid}_{name}"


# ---------------------------------------------------------------- the Terugblik of a workshop


@cached_by(
    "workshops",
    "municipalities",
    "intakes",
    "report_versions",
    "followups",
    "followup_responses",
    "invites",
    max_entries=16,
)
def terugblik(d: Connection, workshop_id: int, today: date) -> fr.Terugblik:
    """One workshop's follow-up with its results, until one of the tables it reads changes."""
    return fr.terugblik(d, workshop_id, today, config(), session.cat())


@cached_by(
    "workshops",
    "municipalities",
    "intakes",
    "report_versions",
    "followups",
    "followup_responses",
    "invites",
    resource=True,
    max_entries=16,
)
def terugblik_charts(d: Connection, workshop_id: int, today: date) -> dict[str, tuple[Any, str]]:
    """The Terugblik's figures with their summaries (kept, shared and read-only: plotly is slow
    to build)."""
    tb = terugblik(d, workshop_id, today)
    counts = fr.status_counts(tb.recommendations, config())
    kp = tb.knelpunten
    return {
        "status": (fch.status_figure(counts), fch.describe_status(counts)),
        "knelpunten": (fch.knelpunten_figure(kp), fch.describe_knelpunten(kp)),
    }


# ---------------------------------------------------------------- the questionnaire form


def _load_into_state(wid: int, record: dict[str, Any], cfg: FollowupConfig) -> None:
    """Put the stored answers into the widgets' session state (`DraftForm.load`)."""
    s = st.session_state
    a = record["answers"]
    for key in ("name", "role", "email", "phone"):
        s[_k(wid, f"contact_{key}")] = a["contact"].get(key, "")
    for i, rec in enumerate(record["basis"]["recommendations"]):
        ans = a["recommendations"].get(rec["id"]) or {}
        s[_k(wid, f"rec{i}_status")] = ans.get("status")
        s[_k(wid, f"rec{i}_role")] = ans.get("role")
        s[_k(wid, f"rec{i}_helped")] = ans.get("helped") or ""
        s[_k(wid, f"rec{i}_blocked")] = ans.get("blocked") or ""
    for i, kp in enumerate(record["basis"]["knelpunten"]):
        ans = a["knelpunten"].get(kp["id"]) or {}
        s[_k(wid, f"kp{i}_sev")] = ans.get("severity")
        s[_k(wid, f"kp{i}_note")] = ans.get("note") or ""
    for i in range(fa.MAX_NEW):
        new = a["new_knelpunten"][i] if i < len(a["new_knelpunten"]) else {}
        s[_k(wid, f"new{i}_kid")] = new.get("knelpunt_id")
        s[_k(wid, f"new{i}_text")] = new.get("text") or ""
        s[_k(wid, f"new{i}_sev")] = new.get("severity")
    for key in intake.CONTEXT_QUESTIONS:
        s[_k(wid, f"ctx_{key}")] = a["context"].get(key)
    for key in cfg.usage:
        s[_k(wid, f"use_{key}")] = a["usage"].get(key)
    s[_k(wid, "next")] = a.get("next_workshop")
    s[_k(wid, "support")] = [x for x in a.get("support") or [] if x in cfg.support]
    s[_k(wid, "support_text")] = a.get("support_text") or ""
    s[_k(wid, "remarks")] = a.get("remarks") or ""


def _collect(wid: int, record: dict[str, Any], cfg: FollowupConfig) -> dict[str, Any]:
    s = st.session_state
    return {
        "contact": {
            k: s.get(_k(wid, f"contact_{k}"), "") for k in ("name", "role", "email", "phone")
        },
        "recommendations": {
            rec["id"]: {
                "status": s.get(_k(wid, f"rec{i}_status")),
                "role": s.get(_k(wid, f"rec{i}_role")),
                "helped": s.get(_k(wid, f"rec{i}_helped"), ""),
                "blocked": s.get(_k(wid, f"rec{i}_blocked"), ""),
            }
            for i, rec in enumerate(record["basis"]["recommendations"])
        },
        "knelpunten": {
            kp["id"]: {
                "severity": s.get(_k(wid, f"kp{i}_sev")),
                "note": s.get(_k(wid, f"kp{i}_note"), ""),
            }
            for i, kp in enumerate(record["basis"]["knelpunten"])
        },
        "new_knelpunten": [
            {
                "knelpunt_id": s.get(_k(wid, f"new{i}_kid")),
                "text": s.get(_k(wid, f"new{i}_text"), ""),
                "severity": s.get(_k(wid, f"new{i}_sev")),
            }
            for i in range(fa.MAX_NEW)
        ],
        "context": {k: s.get(_k(wid, f"ctx_{k}")) for k in intake.CONTEXT_QUESTIONS},
        "usage": {k: s.get(_k(wid, f"use_{k}")) for k in cfg.usage},
        "next_workshop": s.get(_k(wid, "next")),
        "support": s.get(_k(wid, "support")) or [],
        "support_text": s.get(_k(wid, "support_text"), ""),
        "remarks": s.get(_k(wid, "remarks"), ""),
    }


def _form(wid: int) -> DraftForm:
    return DraftForm(
        f"tb{wid}",
        fa.SECTIONS,
        fa.section_of,
        "Deze terugblik is intussen door iemand anders opgeslagen. Uw invoer hieronder is nog "
        "niet bewaard.",
        first_field="contact_name",
    )


def followup_form(wid: int, actor: str, as_staff: bool) -> None:
    """The follow-up questionnaire of workshop `wid` with draft save and submission: five
    sections, one open at a time, each bar showing how far it is (app_ui/draft_form.py)."""
    cfg = config()
    cat = session.cat()
    with session.conn() as d:
        record = fa.load(d, wid)
        intake_answers = _intake_answers(d, wid)
    if record is None:
        st.info("Deze terugblik is nog niet aangemaakt.")
        return
    form = _form(wid)
    form.load(
        record["version"],
        lambda: _load_into_state(wid, record, cfg),
        lambda: _collect(wid, record, cfg),
    )
    st.caption(cfg.texts["privacy_note"])
    fields = _Form(wid, record, cfg, cat, intake_answers, form.errors)
    form.draw(
        fa.section_progress(_collect(wid, record, cfg), record["basis"], cfg),
        fields.body,
        submitted=record["state"] == "ingediend",
        save=partial(_save, wid, record, actor, as_staff),
    )


class _Form:
    """The sections' fields of one follow-up (`body(section id)` draws one section)."""

    def __init__(
        self,
        wid: int,
        record: dict[str, Any],
        cfg: FollowupConfig,
        cat: Catalog,
        intake_answers: dict[str, Any],
        errors: dict[str, str],
    ) -> None:
        self.wid, self.basis, self.cfg, self.cat = wid, record["basis"], cfg, cat
        self.intake_answers, self.errors = intake_answers, errors

    def k(self, name: str) -> str:
        return _k(self.wid, name)

    def body(self, section_id: str) -> None:
        getattr(self, f"_{section_id}")()

    def _contact(self) -> None:
        errors, k = self.errors, self.k
        c1, c2 = st.columns(2)
        with c1:
            st.text_input("Naam", key=k("contact_name"), max_chars=fa.SHORT_MAX, persist_state=KEEP)
            widgets.field_error(errors, "contact.name")
            st.text_input(
                "E-mailadres (niet verplicht)",
                key=k("contact_email"),
                max_chars=fa.SHORT_MAX,
                persist_state=KEEP,
            )
            widgets.field_error(errors, "contact.email")
        with c2:
            st.text_input(
                "Functie", key=k("contact_role"), max_chars=fa.SHORT_MAX, persist_state=KEEP
            )
            widgets.field_error(errors, "contact.role")
            st.text_input(
                "Telefoonnummer (niet verplicht)",
                key=k("contact_phone"),
                max_chars=40,
                persist_state=KEEP,
            )
            widgets.field_error(errors, "contact.phone")

    def _aanbevelingen(self) -> None:
        errors, k, cfg, s = self.errors, self.k, self.cfg, st.session_state
        version = self.basis.get("report_version") or {}
        st.caption(
            f"Zoals ze in het verslag stonden dat op {fmt_date(version.get('sent_at'))} werd "
            "verstuurd. Geef per aanbeveling aan hoe ver u bent en wie hem oppakte (een rol, geen "
            "naam)."
        )
        if not self.basis["recommendations"]:
            st.info("Het verstuurde verslag bevatte geen aanbevelingen.")
        statuses = list(cfg.statuses)
        roles = list(cfg.roles)
        for i, rec in enumerate(self.basis["recommendations"]):
            with st.container(border=True):
                st.markdown(f"**Aanbeveling {rec['number']}. {md(rec['title'])}**")
                with st.expander("Tekst van de aanbeveling"):
                    st.markdown(md(rec["text"]))
                c1, c2 = st.columns(2)
                with c1:
                    st.radio(
                        "Stand van zaken",
                        statuses,
                        format_func=cfg.status_label,
                        key=k(f"rec{i}_status"),
                        persist_state=KEEP,
                        **_empty_index(k(f"rec{i}_status")),
                    )
                    widgets.field_error(errors, f"rec.{rec['id']}.status")
                with c2:
                    st.selectbox(
                        "Wie pakte het op?",
                        roles,
                        format_func=cfg.role_label,
                        key=k(f"rec{i}_role"),
                        placeholder="Kies een rol…",
                        persist_state=KEEP,
                        **_empty_index(k(f"rec{i}_role")),
                    )
                    widgets.field_error(errors, f"rec.{rec['id']}.role")
                c1, c2 = st.columns(2)
                for col, part, label in (
                    (c1, "helped", "Wat hielp?"),
                    (c2, "blocked", "Wat hinderde?"),
                ):
                    with col:
                        st.text_area(
                            label,
                            key=k(f"rec{i}_{part}"),
                            max_chars=fa.TEXT_MAX,
                            height=80,
                            persist_state=KEEP,
                        )
                        widgets.field_error(
                            errors, f"rec.{rec['id']}.{part}", s.get(k(f"rec{i}_{part}"))
                        )

    def _knelpunten(self) -> None:
        errors, k, cat, s = self.errors, self.k, self.cat, st.session_state
        st.caption(
            "In het voorgesprek noemde uw gemeente deze knelpunten. Hoe groot is elk nu? "
            "(1 = klein, 5 = groot)"
        )
        if not self.basis["knelpunten"]:
            st.info("In het voorgesprek zijn geen knelpunten met een ernst genoemd.")
        for i, kp in enumerate(self.basis["knelpunten"]):
            label = fa.knelpunt_label(kp["id"], cat, self.intake_answers)
            c1, c2 = st.columns([3, 1])
            with c1:
                st.text_input(
                    f"{md(label)} (in het voorgesprek: ernst {kp.get('before') or '—'})",
                    key=k(f"kp{i}_note"),
                    max_chars=fa.TEXT_MAX,
                    placeholder="Toelichting (niet verplicht)",
                    persist_state=KEEP,
                )
            with c2:
                widgets.severity_select(
                    "Ernst nu", k(f"kp{i}_sev"), "Kies…", start_empty=True, persist=True
                )
            widgets.field_error(errors, f"kp.{kp['id']}", s.get(k(f"kp{i}_note")))
        st.markdown("**Nieuwe knelpunten** (niet verplicht)")
        widgets.field_error(errors, "new_knelpunten")
        known = {kp["id"] for kp in self.basis["knelpunten"]}
        others = [kid for kid in cat.knelpunten if kid not in known]
        for i in range(fa.MAX_NEW):
            c1, c2, c3 = st.columns([2, 2, 1])
            with c1:
                st.selectbox(
                    f"Nieuw knelpunt {i + 1} uit de lijst",
                    others,
                    format_func=lambda kid: cat.knelpunten[kid].short,
                    key=k(f"new{i}_kid"),
                    placeholder="Kies uit de lijst…",
                    persist_state=KEEP,
                    **_empty_index(k(f"new{i}_kid")),
                )
            with c2:
                st.text_input(
                    f"… of beschrijf nieuw knelpunt {i + 1}",
                    key=k(f"new{i}_text"),
                    max_chars=fa.SHORT_MAX,
                    persist_state=KEEP,
                )
            with c3:
                widgets.severity_select(
                    "Ernst", k(f"new{i}_sev"), "—", start_empty=True, persist=True
                )
            widgets.field_error(errors, f"new.{i}", s.get(k(f"new{i}_text")))

    def _werkwijze(self) -> None:
        errors, k, cfg = self.errors, self.k, self.cfg
        answers = list(cfg.usage_answers)
        for key, item in cfg.usage.items():
            st.radio(
                item.text,
                answers,
                horizontal=True,
                format_func=lambda a: cfg.usage_answers[a].label,
                key=k(f"use_{key}"),
                persist_state=KEEP,
                **_empty_index(k(f"use_{key}")),
            )
            widgets.field_error(errors, f"usage.{key}")
        st.markdown("**De situatie in uw gemeente nu**")
        for key, question in intake.CONTEXT_QUESTIONS.items():
            before = intake.CONTEXT_ANSWERS.get(self.basis["context"].get(key) or "", "—")
            st.radio(
                f"{question} (in het voorgesprek: {before.lower()})",
                list(intake.CONTEXT_ANSWERS),
                horizontal=True,
                format_func=intake.CONTEXT_ANSWERS.get,
                key=k(f"ctx_{key}"),
                persist_state=KEEP,
                **_empty_index(k(f"ctx_{key}")),
            )
            widgets.field_error(errors, f"context.{key}")

    def _vervolg(self) -> None:
        errors, k, cfg, s = self.errors, self.k, self.cfg, st.session_state
        st.radio(
            "Wilt u nog een werkatelier, bijvoorbeeld voor andere partners?",
            list(cfg.next_answers),
            horizontal=True,
            format_func=lambda a: cfg.next_answers[a].label,
            key=k("next"),
            persist_state=KEEP,
            **_empty_index(k("next")),
        )
        widgets.field_error(errors, "next_workshop")
        st.multiselect(
            "Welke andere ondersteuning zou helpen? (niet verplicht)",
            list(cfg.support),
            format_func=lambda x: cfg.support[x].label,
            key=k("support"),
            placeholder="Kies wat past…",
            persist_state=KEEP,
            select_all=False,  # Streamlit's "Select all" is English
        )
        widgets.field_error(errors, "support")
        for name, label in (
            ("support_text", "Toelichting op de ondersteuning (niet verplicht)"),
            ("remarks", "Verder nog iets? (niet verplicht)"),
        ):
            st.text_area(label, key=k(name), max_chars=fa.TEXT_MAX, height=80, persist_state=KEEP)
            widgets.field_error(errors, name, s.get(k(name)))


def _empty_index(key: str) -> dict[str, Any]:
    """A widget that starts without a choice, unless its state already holds one."""
    value = st.session_state.get(key)
    return {} if value is not None else {"index": None}


def _intake_answers(d: Connection, wid: int) -> dict[str, Any]:
    try:
        return intake.load(d, wid)["answers"]
    except KeyError:
        return intake.empty_answers()


def _save(wid: int, record: dict[str, Any], actor: str, as_staff: bool, submit: bool) -> None:
    """A save button's callback (before the page is drawn, so it can open the section of the
    first error): validate and store, and leave the outcome for the page."""
    cfg = config()
    form = _form(wid)
    answers = _collect(wid, record, cfg)
    try:
        with session.conn() as d:
            errors, version = fa.save(
                d,
                wid,
                answers,
                form.version,
                actor,
                session.cat(),
                submit=submit,
                as_staff=as_staff,
                privacy_confirmed=form.privacy_confirmed,
                cfg=cfg,
            )
    except fa.FollowupError as exc:
        form.refused(str(exc))
        return
    if submit:
        message = (
            "De terugblik is ingediend namens de gemeente." if as_staff else cfg.texts["thanks"]
        )
    else:
        message = "Opgeslagen." + ("" if as_staff else " U kunt later via dezelfde link verder.")
    form.saved(errors, version, answers, message)


# ---------------------------------------------------------------- results


def _table(
    df: pd.DataFrame,
    columns: dict[str, str],
    key: str | None = None,
    wide: tuple[str, ...] = (),
) -> None:
    """A read-only table with Dutch headings; the `wide` columns get the most room."""
    shown = df[[c for c in columns if c in df.columns]].rename(columns=columns)
    config = {columns[c]: st.column_config.TextColumn(width="large") for c in wide}
    st.dataframe(shown, hide_index=True, width="stretch", key=key, column_config=config)


def _score(x: Any) -> str:
    return "—" if x is None or x != x else str(int(x))


def _change(x: Any) -> str:
    if x is None or x != x:
        return "—"
    return f"+{int(x)}" if x > 0 else str(int(x))


def show_chart(fig: Any, alt: str, key: str) -> None:
    st.plotly_chart(fig, theme=None, key=key, alt=alt, config=PLOTLY_CONFIG, width="stretch")
    st.caption(alt)


def results_panel(tb: fr.Terugblik, key: str) -> None:
    """The Terugblik of one workshop: recommendations with their status, knelpunten before and
    after, werkwijze and contact points, what is wanted next, and the participants' answers."""
    cfg = config()
    record = tb.record or {}
    recs = tb.recommendations
    kp = tb.knelpunten
    with session.conn() as d:
        charts = terugblik_charts(d, int(tb.workshop["id"]), date.today())
    done = kp[kp["change"].notna()] if len(kp) else kp
    c = st.columns(3)
    implemented = int(recs["status"].isin(cfg.implemented).sum()) if len(recs) else 0
    c[0].metric("Aanbevelingen uitgevoerd", f"{implemented} van {len(recs)}", border=True)
    c[1].metric(
        "Knelpunten kleiner geworden",
        f"{int((done['change'] < 0).sum())} van {len(done)}" if len(done) else "—",
        border=True,
    )
    c[2].metric("Deelnemers die terugkeken", str(tb.participants.respondents), border=True)
    if record.get("on_behalf"):
        st.caption("Ingevuld door Platform JEP namens de gemeente.")

    st.subheader("Aanbevelingen")
    show_chart(*charts["status"], f"{key}_status")
    rows = recs.assign(nr=recs["number"].map(lambda n: f"8.{n}"))
    _table(
        rows,
        {
            "nr": "Nr.",
            "title": "Aanbeveling",
            "status_label": "Stand van zaken",
            "role_label": "Opgepakt door",
            "helped": "Wat hielp",
            "blocked": "Wat hinderde",
        },
        key=f"{key}_recs",
        wide=("title",),
    )

    st.subheader("Knelpunten: voorgesprek en nu")
    show_chart(*charts["knelpunten"], f"{key}_kp")
    _table(
        kp.assign(
            kind=kp["kind"].map({"voorgesprek": "", "eigen": "eigen", "nieuw": "nieuw"}),
            before=kp["before"].map(_score),
            after=kp["after"].map(_score),
            change=kp["change"].map(_change),
        ),
        {
            "knelpunt": "Knelpunt",
            "kind": "Soort",
            "before": "Ernst voorgesprek",
            "after": "Ernst nu",
            "change": "Verschil",
        },
        key=f"{key}_kptable",
        wide=("knelpunt",),
    )

    st.subheader("Werkwijze, contactpunten en situatie")
    _table(tb.usage, {"item": "Vraag", "answer": "Antwoord"}, key=f"{key}_usage", wide=("item",))
    _table(
        tb.context,
        {"question": "Situatie in de gemeente", "before": "Voorgesprek", "now": "Nu"},
        key=f"{key}_ctx",
        wide=("question",),
    )

    st.subheader("Vervolg")
    a = record.get("answers") or {}
    st.markdown(f"**Nog een werkatelier gewenst:** {md(tb.next_workshop)}")
    if tb.support:
        st.markdown("**Gewenste ondersteuning:**\n" + "\n".join(f"- {md(x)}" for x in tb.support))
    for label, field in (
        ("Toelichting op de ondersteuning", "support_text"),
        ("Opmerkingen", "remarks"),
    ):
        if a.get(field):
            st.markdown(f"**{label}:**")
            st.text(a[field])

    st.subheader("Deelnemers")
    participants_panel(tb.participants, key)


def participants_panel(people: fp.ParticipantResults, key: str) -> None:
    cfg = config()
    if people.hidden:
        st.info(
            f"{people.respondents} deelnemer(s) vulden de korte terugblik in. Antwoorden worden "
            f"pas getoond vanaf {cfg.min_cell} deelnemers, zodat niemand herkenbaar is."
        )
        return
    st.caption(f"{people.respondents} deelnemers vulden de korte, anonieme terugblik in.")
    items = people.items.copy()
    items["mean"] = [fmt_num(x) for x in items["mean"]]
    items["share_yes"] = ["—" if x != x else f"{x:.0%}" for x in items["share_yes"]]
    items["n"] = ["—" if x != x else str(int(x)) for x in items["n"]]
    _table(
        items[items["kind"] != "open"],
        {
            "item": "Vraag",
            "n": "Antwoorden",
            "mean": "Gemiddeld (1–5)",
            "share_yes": "Aandeel ja",
            "detail": "Verdeling",
        },
        key=f"{key}_people",
        wide=("detail",),
    )
    if not people.open_answers.empty:
        st.markdown("**Open antwoorden** (alfabetisch, zonder herkomst)")
        _table(people.open_answers, {"question": "Vraag", "answer": "Antwoord"}, f"{key}_open")


# ---------------------------------------------------------------- the participants' form


def participant_form(prefix: str, errors: dict[str, str], privacy: dict[str, str]) -> bool:
    """The participants' short follow-up in one form; True when it was submitted."""
    cfg = config()
    with st.form(f"{prefix}_form", enter_to_submit=False, border=False):
        for item in cfg.participant_items.values():
            key = f"{prefix}_{item.id}"
            if item.kind == "likert":
                st.radio(
                    item.text,
                    [1, 2, 3, 4, 5],
                    horizontal=True,
                    key=key,
                    help="1 = helemaal niet mee eens · 5 = helemaal mee eens",
                    **_empty_index(key),
                )
            elif item.kind == "choice":
                st.radio(
                    item.text,
                    [o.id for o in item.options],
                    format_func=item.option_label,
                    key=key,
                    **_empty_index(key),
                )
            else:
                st.text_area(item.text, key=key, max_chars=fp.OPEN_MAX, height=100)
            widgets.field_error(errors, f"item.{item.id}")
            if f"item.{item.id}" in privacy:
                st.warning(md(privacy[f"item.{item.id}"]), icon=":material/privacy_tip:")
        if privacy:
            st.checkbox(
                "Ik heb mijn antwoorden gecontroleerd: er staan geen gegevens in van een jongere, "
                "gezin of collega. Toch versturen.",
                key=f"{prefix}_privacy_ok",
            )
        widgets.field_error(errors, "form")
        return st.form_submit_button("Versturen", type="primary", width="stretch")


def participant_collect(prefix: str) -> dict[str, Any]:
    return {iid: st.session_state.get(f"{prefix}_{iid}") for iid in config().participant_items}


def participant_load(prefix: str, raw: dict[str, Any]) -> None:
    """Put answers given earlier in this session into the form (to correct them)."""
    for iid, item in config().participant_items.items():
        value = raw.get(iid)
        st.session_state[f"{prefix}_{iid}"] = (value or "") if item.kind == "open" else value


# ---------------------------------------------------------------- the programme dashboard

PROGRAMME_TABLES = (
    "workshops",
    "municipalities",
    "report_versions",
    "followups",
    "followup_responses",
    "invites",
)


@cached_by(*PROGRAMME_TABLES, resource=True, max_entries=32, spinner="Terugblikken samenvatten…")
def programme_figures(
    d: Connection, scope_digest: str, today: date, _ids: tuple[int, ...]
) -> dict[str, Any]:
    """The follow-up figures of the workshops in view (`_ids`, identified by their digest), and
    their tables as people see them (`tables`: name -> (title, DataFrame))."""
    cfg = config()
    plan = fdue.schedule(d, today, _ids, cfg)
    people = fprog.participants(d, _ids, cfg)
    figs = {
        "overview": fprog.overview(d, today, plan=plan, cfg=cfg),
        "worklist": fprog.worklist(plan),
        "rules": fprog.by_rule(d, _ids, cfg),
        "domains": fprog.by_domain(d, _ids, cfg, session.cat()),
        "knelpunten": fprog.knelpunt_change(d, _ids, session.cat()),
        "participants": people.items,
        "respondents": people.respondents,
    }
    figs["tables"] = programme_tables(figs)
    work = figs["tables"]["terugblik-te-doen"][1]
    dates = ("Verslag verstuurd", "Terugblik vanaf", "Herinnering vanaf", "Link uitgegeven")
    figs["work_screen"] = work.assign(
        **{c: work[c].map(fmt_date) for c in (*dates, "Herinnerd") if c in work.columns}
    )
    figs["screens"] = {name: _for_screen(df) for name, (_, df) in figs["tables"].items()}
    return figs


@cached_by(*PROGRAMME_TABLES, resource=True, max_entries=16)
def programme_charts(
    d: Connection, scope_digest: str, today: date, _ids: tuple[int, ...]
) -> dict[str, tuple[Any, str]]:
    """The follow-up figures of a view with their one-line summaries (plotly is slow to build,
    so they are kept, shared and read-only, until the data or the view changes)."""
    figs = programme_figures(d, scope_digest, today, _ids)
    rules_, kp = figs["rules"], figs["knelpunten"]
    return {
        "rules": (fch.rules_figure(rules_), fch.describe_rules(rules_)),
        "knelpunten": (
            fch.knelpunten_figure(kp, programme=True),
            fch.describe_knelpunten(kp, programme=True),
        ),
    }


@cached_by("followups", max_entries=2)
def track_records(d: Connection) -> dict[str, dict[str, Any]]:
    """Each rule's track record over every submitted follow-up (for the report review)."""
    return fprog.track_record(d, config())


def track_line(records: Any, rule_id: str) -> str:
    """Under a proposal on the report's review: how often this advice was carried out (a line of
    markdown, empty when there is no track record)."""
    record = records.get(rule_id)
    sentence = fprog.track_sentence(record)
    if not sentence:
        return ""
    icon = ":orange[:material/trending_down:]" if record["rarely"] else ":material/history:"
    return f"{icon} {md(sentence)}"


def programme_tables(figs: dict[str, Any]) -> dict[str, tuple[str, pd.DataFrame]]:
    """The follow-up tables of a view with their titles, as people see them (for downloads)."""
    cfg = config()
    people = figs["participants"]
    return {
        name: (fprog.TABLES[name]["title"], fprog.present(df, name, cfg))
        for name, df in (
            ("terugblik-te-doen", figs["worklist"]),
            ("terugblik-aanbevelingen", figs["rules"]),
            ("terugblik-domeinen", figs["domains"]),
            ("terugblik-knelpunten", figs["knelpunten"]),
            ("terugblik-deelnemers", people[people["kind"] != "open"]),
        )
    }


def _for_screen(shown: pd.DataFrame) -> pd.DataFrame:
    """Shares as whole percentages, other decimals with one decimal comma, missing as '—' (the
    exports keep the exact numbers)."""
    screen = shown.copy()
    for c in screen.columns:
        if str(c).startswith("Aandeel"):
            screen[c] = ["—" if x != x or x is None else f"{x:.0%}" for x in screen[c]]
        elif pd.api.types.is_float_dtype(screen[c]) or screen[c].dtype == object:
            screen[c] = [
                "—" if x is None or x != x else (fmt_num(x) if isinstance(x, float) else x)
                for x in screen[c]
            ]
    return screen


def _block(name: str, figs: dict[str, Any], filters: Any, actor: str, expanded: bool) -> None:
    title, shown = figs["tables"][name]
    with st.expander(f"Tabel: {title}", expanded=expanded):
        st.dataframe(figs["screens"][name], hide_index=True, width="stretch")
        programme.table_downloads(name, shown, title, filters, actor, f"dl_{name}")


def programme_section(scope: pd.DataFrame, filters: Any, actor: str) -> None:
    """The dashboard's follow-up section for the workshops in view (`scope`: the dashboard's
    `scope_workshops`): due and overdue follow-ups, share of the advice carried out per rule and
    per domain of who picked it up, the change in severity per knelpunt, the participants."""
    from jep.programme import dashboard as dash

    cfg = config()
    ids = tuple(int(i) for i in scope["id"])
    digest = dash.scope_digest(scope)
    with session.conn() as d:
        figs = programme_figures(d, digest, date.today(), ids)
        charts = programme_charts(d, digest, date.today(), ids)
    tables = figs["tables"]
    o = figs["overview"]
    rate = "—" if o["response_rate"] is None else f"{o['response_rate']:.0%}"
    rules_ = figs["rules"]
    counted = int(rules_["counted"].sum()) if len(rules_) else 0
    share = f"{int(rules_['implemented'].sum()) / counted:.0%}" if counted else "—"
    cols = st.columns(4)
    cols[0].metric(
        "Terugblik te doen",
        str(o["todo"] + o["overdue"]),
        help=f"Aan de beurt ({cfg.due_after_months} maanden na het verslag) en niet ingediend; "
        f"{o['overdue']} daarvan achterstallig (herinnering na {cfg.reminder_after_days} dagen).",
        border=True,
    )
    cols[1].metric(
        "Achterstallig",
        str(o["overdue"]),
        help=f"Herinnering nodig: {o['needs_reminder']}.",
        border=True,
    )
    cols[2].metric(
        "Respons terugblik",
        rate,
        help=f"{o['submitted']} ingediend van {o['due']} die aan de beurt zijn of waren.",
        border=True,
    )
    cols[3].metric(
        "Advies uitgevoerd",
        share,
        help="Van de aanbevelingen met een stand van zaken in ingediende terugblikken "
        "(‘niet meer van toepassing’ telt niet mee).",
        border=True,
    )

    work = figs["worklist"]
    st.subheader("Te doen en achterstallig")
    if work.empty:
        st.caption("Geen terugblikken die aan de beurt zijn zonder ingevuld te zijn.")
    else:
        shown = tables["terugblik-te-doen"][1]
        event = st.dataframe(
            figs["work_screen"],
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key=widgets.selection_key("dash_followup_work", work["workshop_id"]),
        )
        rows = event.selection.rows if event else []
        if rows:
            wid = int(work.iloc[rows[0]]["workshop_id"])
            st.page_link(
                "app_pages/followup.py",
                label=f"Open de terugblik van {md(work.iloc[rows[0]]['municipality'])}",
                icon=":material/event_repeat:",
                query_params={"id": str(wid)},
            )
        else:
            st.caption("Selecteer een rij om de terugblik van dat werkatelier te openen.")
        title = fprog.TABLES["terugblik-te-doen"]["title"]
        programme.table_downloads(
            "terugblik-te-doen", shown, title, filters, actor, "dl_terugblik-te-doen"
        )

    st.subheader("Wat er met de aanbevelingen gebeurde")
    show_chart(*charts["rules"], "dash_followup_rules")
    _block("terugblik-aanbevelingen", figs, filters, actor, False)
    _block("terugblik-domeinen", figs, filters, actor, True)

    st.subheader("Knelpunten: voorgesprek en terugblik")
    show_chart(*charts["knelpunten"], "dash_followup_kp")
    _block("terugblik-knelpunten", figs, filters, actor, False)

    st.subheader("Deelnemers, een tijd na het werkatelier")
    if figs["respondents"] < cfg.min_cell:
        st.caption(
            f"Minder dan {cfg.min_cell} deelnemers vulden de korte terugblik in deze selectie in; "
            "de antwoorden blijven verborgen."
        )
    else:
        st.caption(f"{figs['respondents']} deelnemers vulden de korte, anonieme terugblik in.")
        _block("terugblik-deelnemers", figs, filters, actor, True)


def programme_tables_in(d: Connection, scope: pd.DataFrame) -> dict[str, tuple[str, pd.DataFrame]]:
    """`programme_tables` of the workshops in view (cached), for the dashboard's workbook
    (`d`: the caller's connection; the workbook is made outside the page's run)."""
    from jep.programme import dashboard as dash

    ids = tuple(int(i) for i in scope["id"])
    return dict(programme_figures(d, dash.scope_digest(scope), date.today(), ids)["tables"])


def report_note(wid: int) -> None:
    """On the report page: say that a submitted follow-up goes into the report."""
    with session.conn() as d:
        tb = terugblik(d, wid, date.today())
    if tb.submitted:
        st.info(
            "Er is een ingediende terugblik: het verslag krijgt een hoofdstuk ‘Terugblik’ en "
            "toont de aanbevelingen zoals ze verstuurd zijn.",
            icon=":material/event_repeat:",
        )


# ---------------------------------------------------------------- the link by e-mail


def link_mail_form(wid: int, actor: str, token_key: str) -> None:
    """On the staff Terugblik page: hand out a new follow-up link and mail it in one go. The new
    link also lands in `token_key` of the session, where the page shows it once."""
    from app_ui import mail as mail_ui
    from jep.followup import mail as followup_mail
    from jep.mail import worker as mail_worker
    from jep.mail.errors import MailError

    s = st.session_state
    k = f"tbm{wid}_"
    widgets.show_flash(k + "notice")
    to = mail_ui.new_link_address(
        k,
        lambda d: followup_mail.contact_address(d, wid),
        lambda d, to: followup_mail.recently_invited(d, wid, to),
    )
    if to is None:
        return
    try:
        with session.conn() as d:
            token = fa.issue_link(d, wid, actor)
            mail_id = followup_mail.invitation(
                d, wid, to, fa.link_url(session.app_base_url(), token), actor
            )
    except (MailError, fa.FollowupError) as exc:
        widgets.flash(k + "notice", str(exc), kind="error")
        st.rerun()
    mail_worker.wake()
    widgets.flash(k + "notice", mail_ui.queued_text(mail_id, to))
    s[token_key] = token
    st.rerun()
