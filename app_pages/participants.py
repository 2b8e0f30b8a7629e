"""Staff: the participants of one workshop (table, add, import, attendance, export) and the mix."""

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from app_ui import session, widgets
from app_ui.cache import Connection, cached_by
from app_ui.participant_form import add_form, display_table, seat_metrics, sector_label
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.reference.toml import CatalogError
from jep.workshop import charts as charts_mix
from jep.workshop import mix, participants, planning


@cached_by("participants", "intake_sectors", resource=True)
def _mix_view(d: Connection, workshop_id: int, invites_open: bool, attendance: bool) -> dict:
    """The mix panel of one workshop (warnings, suggestions, figures; shared and read-only),
    until a participant or an intake's desired sectors change. Building plotly figures is slow,
    so a rerun only draws them."""
    cat = session.cat()
    df = participants.list_df(d, workshop_id)
    desired = planning.desired(d, workshop_id)
    table = mix.desired_vs_registered(desired, df, cat)
    view: dict = {"desired": bool(desired)}
    try:
        rules = mix.rules()
    except CatalogError as exc:
        view["rules_error"] = str(exc)
    else:
        view["warnings"] = mix.warnings(df, desired, cat, rules)
        view["suggestions"] = mix.suggestions(df, desired, cat, rules) if invites_open else []
    return {
        **view,
        "fig_domain": charts_mix.fig_by_domain(mix.by_domain(df, cat)),
        "fig_sector": charts_mix.fig_by_sector(mix.by_sector(df, cat)),
        "fig_desired": (
            charts_mix.fig_desired_vs_registered(table)
            if table[["desired", "registered"]].to_numpy().sum()
            else None
        ),
        "fig_attended": (
            charts_mix.fig_attended_vs_registered(mix.attended_vs_registered(df, cat))
            if attendance
            else None
        ),
    }


user = session.require_staff()
actor = user["username"]
st.title("Deelnemers en mix")
w = widgets.chosen_workshop()
wid = w["id"]
cat = session.cat()
today = date.today()
s = st.session_state
with session.conn() as d:
    df = participants.list_df(d, wid)
    seats = participants.seats(d, wid, cat)
    n_attended = participants.attended_count(d, wid)
attendance_open = participants.attendance_open(w, today)


def _edits_pending(state: Any) -> bool:
    return bool((state or {}).get("edited_rows"))


def _shown(table: str, pending: Callable[[Any], bool]) -> tuple[str, pd.DataFrame, bool]:
    """The list a table (or a choice) of people shows, and its widget key.

    While the user has an unsaved change in it (`pending(widget state)`) it keeps showing the
    list as they first saw it, so every change stays with the person it was made on even when a
    colleague changes the list meanwhile (the save checks each person's version). Otherwise it
    shows the stored list. Returns (key, list, whether the stored list has changed since)."""
    key = f"pt{wid}_{table}_{s.setdefault(f'pt{wid}_{table}_n', 0)}"
    shown = s.get(key + "_shown")
    if shown is None or not pending(s.get(key)):
        s[key + "_shown"] = df
        return key, df, False
    changed = list(zip(shown["id"], shown["version"], strict=True)) != list(
        zip(df["id"], df["version"], strict=True)
    )
    return key, shown, changed


def _reset(table: str) -> None:
    """Start the table afresh from the stored list (unsaved changes in it are dropped)."""
    n = s.get(f"pt{wid}_{table}_n", 0)
    s.pop(f"pt{wid}_{table}_{n}_shown", None)
    s[f"pt{wid}_{table}_n"] = n + 1
    s.pop(f"pt{wid}_edit_errors", None)


def _changed_notice(table: str) -> None:
    st.info(
        "De lijst is intussen door iemand anders gewijzigd. Uw wijzigingen hieronder horen bij "
        "de lijst zoals u die zag; bij opslaan wordt per persoon gecontroleerd of er intussen "
        "iets is veranderd.",
        icon=":material/sync_problem:",
    )
    if st.button("Lijst opnieuw laden (mijn wijzigingen vervallen)", key=f"pt{wid}_{table}_reload"):
        _reset(table)
        st.rerun()


def _parsed(name: str, data: bytes) -> tuple[list | None, list[str], str | None]:
    """An uploaded file read once: the page reruns on every click while the file sits in the
    uploader, so the result is kept by the file's hash (records, ignored columns, refusal)."""
    digest = hashlib.sha256(data).hexdigest() + name
    kept = s.get(f"pt{wid}_parsed")
    if kept is None or kept[0] != digest:
        try:
            records, ignored = participants.read_upload(name, data)
        except participants.ImportFileError as exc:
            kept = (digest, None, [], str(exc))
        else:
            kept = (digest, records, ignored, None)
        s[f"pt{wid}_parsed"] = kept
    return kept[1], kept[2], kept[3]


def _export() -> bytes:
    """Built only when the download button is clicked; the export is logged."""
    with session.conn() as d:
        return participants.export_csv(d, wid, cat, actor)


st.markdown(
    f"**{md(w['municipality_name'])}** · status {widgets.status_label(w['status'])} · "
    f"{fmt_date(w['date']) if w['date'] else 'nog geen datum'}"
)
seat_metrics(seats, n_attended if attendance_open else None)

# ---------------------------------------------------------------- mix at a glance
st.subheader("Mix")
with session.conn() as d:
    view = _mix_view(d, wid, planning.is_open_for_invites(w["status"]), attendance_open)
if "rules_error" in view:
    st.error(f"De regels voor de mix kunnen niet worden gelezen: {md(view['rules_error'])}")
else:
    found = view["warnings"]
    for warning in found:
        getattr(st, warning.level)(md(warning.text), icon="⚠️" if warning.level != "info" else "ℹ️")
    if not found:
        st.success("De mix ziet er goed uit: alle kerndomeinen zijn vertegenwoordigd.", icon="✅")
    if view["suggestions"]:
        st.markdown("**Suggesties**\n\n" + "\n".join(f"- {md(t)}" for t in view["suggestions"]))
    if not view["desired"]:
        st.caption("In het voorgesprek zijn (nog) geen gewenste aantallen per sector opgegeven.")

tabs = ["Per domein", "Per sector", "Gewenst en aangemeld"]
if attendance_open:
    tabs.append("Aanwezig en aangemeld")
# Only the open tab's chart is sent (on_change="rerun"): the browser drew the hidden tabs'
# charts too, on every pick of a workshop.
chart_tabs = st.tabs(tabs, key=f"pt{wid}_chart_tabs", on_change="rerun")
if chart_tabs[0].open:
    chart_tabs[0].plotly_chart(view["fig_domain"], key="fig_domain")
if chart_tabs[1].open:
    chart_tabs[1].plotly_chart(view["fig_sector"], key="fig_sector")
if chart_tabs[2].open:
    if view["fig_desired"] is None:
        chart_tabs[2].info("Nog geen gewenste of aangemelde deelnemers.")
    else:
        chart_tabs[2].plotly_chart(view["fig_desired"], key="fig_desired")
if attendance_open and chart_tabs[3].open:
    chart_tabs[3].plotly_chart(view["fig_attended"], key="fig_attended")

# ---------------------------------------------------------------- the list
st.subheader("Deelnemers")
widgets.show_flash(f"pt{wid}")
# The open tab is kept on the server (on_change="rerun"; every tab still runs, so nothing typed is
# lost): when the mix above changes after an add, the browser may rebuild the tabs, and it then
# opens the tab the user was on instead of the first one (hiding the add's notice and the form).
t_list, t_add, t_import, t_attendance = st.tabs(
    ["Lijst en wijzigen", "Toevoegen", "Importeren", "Aanwezigheid"],
    key=f"pt{wid}_tabs",
    on_change="rerun",
)

with t_list:
    editor_key, shown, list_changed = _shown("editor", _edits_pending)
    with st.container():  # always there, so the table below keeps its place (and its edits)
        if list_changed:
            _changed_notice("editor")
    if shown.empty:
        st.info("Nog geen deelnemers. Voeg ze toe of importeer de uitnodigingslijst.")
    else:
        seen = participants.seen_from(shown)
        professions = sorted({p for sec in cat.sectors.values() for p in sec.professions})
        sector_names = {sid: sector.name for sid, sector in cat.sectors.items()}
        edit = pd.DataFrame(
            {
                "name": shown["name"],
                "organisation": shown["organisation"],
                "sector": [sector_names.get(x, x) for x in shown["sector_id"]],
                "profession": shown["profession"],
                "email": shown["email"],
                "status": display_table(shown, cat)["Status"],
                "remove": False,
            }
        )
        st.caption(
            "Pas cellen aan en kies **Wijzigingen opslaan**. Vink *Verwijderen* aan om iemand "
            "af te melden; de eerste op de wachtlijst schuift dan door."
        )
        st.data_editor(
            edit,
            key=editor_key,
            hide_index=True,
            width="stretch",
            num_rows="fixed",
            placeholder="—",
            disabled=["status"],
            column_config={
                "name": st.column_config.TextColumn(
                    "Naam", required=True, max_chars=participants.NAME_MAX
                ),
                "organisation": st.column_config.TextColumn(
                    "Organisatie", max_chars=participants.ORG_MAX
                ),
                "sector": st.column_config.SelectboxColumn(
                    "Sector", options=list(sector_names.values()), required=True
                ),
                "profession": st.column_config.SelectboxColumn("Beroep", options=professions),
                "email": st.column_config.TextColumn("E-mail"),
                "status": st.column_config.TextColumn("Status"),
                "remove": st.column_config.CheckboxColumn("Verwijderen", width="small"),
            },
        )
        errors = s.get(f"pt{wid}_edit_errors", {})
        if errors:
            names = {pid: seen[pid].name if pid in seen else str(pid) for pid in errors}
            st.error(
                "Er is niets opgeslagen. Pas deze rijen aan:\n\n"
                + "\n".join(  # a message about someone changed meanwhile names them itself
                    f"- {md(msg)}" if names[pid] in msg else f"- {md(names[pid])}: {md(msg)}"
                    for pid, msg in errors.items()
                )
            )
        c1, c2 = st.columns([1, 1])
        if c1.button("Wijzigingen opslaan", type="primary", key=f"pt{wid}_save"):
            state = s.get(editor_key) or {}
            ids = list(shown["id"])
            edits: dict[int, dict] = {}
            removals: list[int] = []
            for idx, change in (state.get("edited_rows") or {}).items():
                pid = int(ids[int(idx)])
                change = dict(change)
                if change.pop("remove", False):
                    removals.append(pid)
                if "sector" in change:
                    change["sector_id"] = change.pop("sector")
                if change:
                    edits[pid] = change
            with session.conn() as d:
                errors, promoted = participants.apply_changes(
                    d, wid, edits, removals, actor, cat, seen=seen
                )
            s[f"pt{wid}_edit_errors"] = errors
            if not errors:
                _reset("editor")
                message = "Wijzigingen opgeslagen."
                if removals:
                    message += f" {len(removals)} deelnemer(s) verwijderd."
                if promoted:
                    message += " Van de wachtlijst aangemeld: " + ", ".join(promoted) + "."
                widgets.flash(f"pt{wid}", message)
            st.rerun()
        # The choice keeps its own list while someone is chosen: options that change under a
        # chosen value would move the choice to another person.
        front_key, queue, _ = _shown("front", lambda chosen: chosen is not None)
        waiting = queue[queue["status"] == "wachtlijst"].set_index("id")
        if not waiting.empty:
            with c2.popover("Voorrang op de wachtlijst"):
                pid = st.selectbox(
                    "Wie schuift als eerste door?",
                    list(waiting.index),
                    index=None,
                    format_func=lambda i: (
                        f"{waiting.loc[i, 'name']} – "
                        + sector_label(cat, waiting.loc[i, "sector_id"])
                    ),
                    key=front_key,
                    placeholder="Kies een deelnemer op de wachtlijst…",
                )
                if st.button("Vooraan zetten", key=f"pt{wid}_front_go", disabled=pid is None):
                    front_seen = participants.seen_from(queue)
                    try:
                        with session.conn() as d:
                            participants.to_front_of_waiting_list(
                                d, wid, int(pid), actor, seen=front_seen
                            )
                    except participants.ParticipantError as exc:
                        widgets.flash(f"pt{wid}", str(exc), kind="error")
                    else:
                        widgets.flash(
                            f"pt{wid}",
                            f"{front_seen[int(pid)].name} staat nu vooraan op de wachtlijst.",
                        )
                    _reset("front")
                    st.rerun()
        st.download_button(
            "Deelnemerslijst downloaden (CSV)",
            data=_export,
            file_name=f"deelnemers-werkatelier-{wid}.csv",
            mime="text/csv",
            on_click="ignore",
            icon="⬇️",
        )


with t_add:
    if w["status"] == "geannuleerd":
        st.info("Dit werkatelier is geannuleerd; er kunnen geen deelnemers bij.")
    else:
        add_form(wid, actor, by_contact=False)

with t_import:
    if w["status"] == "geannuleerd":
        st.info("Dit werkatelier is geannuleerd; er kunnen geen deelnemers bij.")
    else:
        st.write(
            "Importeer de uitnodigingslijst van de gemeente als CSV- of Excel-bestand (.xlsx). "
            "Kolommen: **Naam**, **Organisatie**, **Sector**, **Beroep**, **E-mail** (Sector of "
            "Beroep is genoeg). Elke rij wordt gecontroleerd; alleen de goede rijen worden "
            "geïmporteerd, en dat in één keer."
        )
        st.download_button(
            "Voorbeeldbestand (CSV)",
            data=participants.template_csv(cat),
            file_name="deelnemers-voorbeeld.csv",
            mime="text/csv",
            on_click="ignore",
        )
        up_key = f"pt{wid}_upload_{s.get(f'pt{wid}_upload_n', 0)}"
        upload = st.file_uploader(
            "Deelnemerslijst",
            type=["csv", "xlsx"],
            key=up_key,
            max_upload_size=participants.MAX_IMPORT_BYTES // (1024 * 1024),
            help=f"Hoogstens {participants.MAX_IMPORT_BYTES // (1024 * 1024)} MB en "
            f"{participants.MAX_IMPORT_ROWS} rijen.",
        )
        if upload is not None:
            records, ignored, problem = _parsed(upload.name, upload.getvalue())
            if problem:
                st.error(md(problem))
            if records is not None:
                with session.conn() as d:
                    check = participants.check_import(d, wid, records, cat, ignored)
                if ignored:
                    st.caption("Genegeerde kolommen: " + ", ".join(md(c) for c in ignored))
                if check.bad:
                    st.warning(
                        f"{len(check.bad)} rij(en) worden niet geïmporteerd. Pas ze aan in het "
                        "bestand en importeer ze daarna opnieuw, of voeg ze los toe."
                    )
                    if len(check.bad) <= 30:  # a list wraps long reasons; a table cuts them
                        st.markdown(
                            "\n".join(
                                f"- **Rij {b.row}** ({md(b.name)}): {md(b.reason)}"
                                for b in check.bad
                            )
                        )
                    else:
                        st.dataframe(
                            pd.DataFrame(
                                [(b.row, b.name, b.reason) for b in check.bad],
                                columns=["Rij", "Naam", "Reden"],
                            ),
                            hide_index=True,
                            width="stretch",
                            column_config={"Reden": st.column_config.TextColumn(width="large")},
                        )
                if check.good:
                    st.info(
                        f"{len(check.good)} goede rij(en): {check.to_register} worden aangemeld"
                        + (
                            f", {check.to_waitlist} komen op de wachtlijst (er zijn "
                            f"{check.free_seats} plaatsen vrij)."
                            if check.to_waitlist
                            else "."
                        )
                    )
                    good = pd.DataFrame(check.good)
                    st.dataframe(
                        display_table(good.assign(status="aangemeld", waitlist_no=pd.NA), cat).drop(
                            columns=["Status"]
                        ),
                        hide_index=True,
                        width="stretch",
                        placeholder="—",
                    )
                    if st.button(
                        f"{len(check.good)} deelnemer(s) importeren",
                        type="primary",
                        key=f"pt{wid}_import_go",
                    ):
                        try:
                            with session.conn() as d:
                                result = participants.import_rows(
                                    d, wid, check.good, actor, cat, upload.name
                                )
                        except participants.ParticipantError as exc:
                            st.error(md(str(exc)))
                        else:
                            s[f"pt{wid}_upload_n"] = s.get(f"pt{wid}_upload_n", 0) + 1
                            widgets.flash(
                                f"pt{wid}",
                                f"{result.added} deelnemer(s) geïmporteerd: {result.registered} "
                                f"aangemeld, {result.waitlisted} op de wachtlijst.",
                            )
                            st.rerun()
                elif not check.bad:
                    st.info("Het bestand bevat geen deelnemers.")

with t_attendance:
    if not attendance_open:
        when = fmt_date(w["date"]) if w["date"] else "de dag van het werkatelier"
        st.info(f"Aanwezigheid kunt u invullen vanaf {when}.")
    elif df.empty:
        st.info("Er zijn geen deelnemers om af te vinken.")
    else:
        att_key, marked, att_changed = _shown("att", _edits_pending)
        with st.container():
            if att_changed:
                _changed_notice("att")
        att_seen = participants.seen_from(marked)
        labels = {1: "aanwezig", 0: "afwezig"}
        att = pd.DataFrame(
            {
                "name": marked["name"],
                "sector": [sector_label(cat, x) for x in marked["sector_id"]],
                "status": display_table(marked, cat)["Status"],
                "attended": [
                    labels.get(int(v)) if pd.notna(v) else None for v in marked["attended"]
                ],
            }
        )
        st.data_editor(
            att,
            key=att_key,
            hide_index=True,
            placeholder="—",
            width="stretch",
            disabled=["name", "sector", "status"],
            column_config={
                "name": st.column_config.TextColumn("Naam"),
                "sector": st.column_config.TextColumn("Sector"),
                "status": st.column_config.TextColumn("Status"),
                "attended": st.column_config.SelectboxColumn(
                    "Aanwezig", options=["aanwezig", "afwezig"]
                ),
            },
        )
        c1, c2 = st.columns(2)
        marks: dict[int, bool | None] | None = None
        if c1.button("Aanwezigheid opslaan", type="primary", key=f"pt{wid}_att_save"):
            state = s.get(att_key) or {}
            ids = list(marked["id"])
            marks = {
                int(ids[int(idx)]): (
                    None if change["attended"] is None else change["attended"] == "aanwezig"
                )
                for idx, change in (state.get("edited_rows") or {}).items()
                if "attended" in change
            }
        if c2.button("Alle aangemelden zonder vinkje: aanwezig", key=f"pt{wid}_att_all"):
            todo = marked[(marked["status"] == "aangemeld") & marked["attended"].isna()]
            marks = {int(pid): True for pid in todo["id"]}
        if marks is not None:
            try:
                with session.conn() as d:
                    n = participants.set_attendance(d, wid, marks, actor, today, seen=att_seen)
            except participants.ParticipantError as exc:
                st.error(md(str(exc)))
            else:
                _reset("att")
                widgets.flash(f"pt{wid}", f"Aanwezigheid opgeslagen ({n} wijziging(en)).")
                st.rerun()
