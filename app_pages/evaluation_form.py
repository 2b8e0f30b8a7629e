"""Respondent: the anonymous evaluation form, reached only through the evaluation link (?eval=).

Made for a phone: one section open at a time (the others are bars with their progress, so a
phone draws a few tap targets, not all of them), vóór and nu as rows of tap targets, the scale's
meaning and the progress in a bar that stays in view. Every answer is saved at once, per section,
under the respondent's anonymous key (app_ui/respondent.py), so a reload, a second tab or the
link opened again on the same phone continues where the respondent was; sending stores the one
response of this respondent, and sending again corrects it.
"""

import streamlit as st

from app_ui import evaluation_widgets as ew
from app_ui import respondent, sections, session
from app_ui.widgets import md
from jep.evaluation import drafts, links, questionnaire
from jep.evaluation.responses import version_in_use
from jep.fmt import fmt_date
from jep.reference.toml import CatalogError

try:
    q = questionnaire.questionnaire()
except CatalogError:
    st.title("Evaluatie")
    st.error(
        "De vragenlijst kan op dit moment niet worden geladen. Probeer het later opnieuw of vraag "
        "de begeleiders om een papieren formulier."
    )
    st.stop()

s = st.session_state
token = s.get("eval_token")
with session.conn() as d:
    link = links.resolve_link(d, token, q=q)
    if link is not None and not link.state.open and links.has_respondent_keys(d, link.workshop_id):
        links.drop_respondent_keys(d, link.workshop_id)  # the link closed: forget the keys

if link is None or not link.state.open:
    # Nothing about any workshop or municipality on this page.
    st.title(q.texts["title"])
    if link is None:
        st.info(q.texts["unknown"], icon=":material/link_off:")
    elif link.state.phase == "not-yet":
        st.info(q.texts["not_open"], icon=":material/schedule:")
    else:
        st.info(q.texts["closed"], icon=":material/lock:")
    st.stop()

wid = link.workshop_id  # every read and write below is scoped by the link, never by the page
cat = session.cat()
who = respondent.respondent_key()
prefix = f"ev{wid}"
state_key = f"{prefix}_state"
if state_key not in s:
    with session.conn() as d:
        draft = drafts.load(d, wid, who.key)
        version = draft.version if draft else (version_in_use(d, wid, q) or q.current)
    if draft:
        ew.load_into_state(prefix, draft.raw, q)
    s[state_key] = {
        "version": version,
        "baseline": draft.sections if draft else {},  # what this tab last loaded or saved
        "submitted": bool(draft and draft.submitted),
        "sent": draft.sent_hash if draft else None,
        "errors": {},
        "privacy": {},
        "notice": None,
        "refused": None,
        "throttled": False,
    }
state = s[state_key]
version = state["version"]


def sync() -> dict:
    """Save the sections changed in this tab, then take over what another tab saved meanwhile
    (before any widget is drawn, so the widgets show it). Returns the answers per section.
    Overlapping runs of this tab take turns (`respondent.one_run_at_a_time`)."""
    with respondent.one_run_at_a_time():
        return _sync()


def _sync() -> dict:
    raw = ew.collect(prefix, q, version)
    parts = drafts.split(raw, q, version, cat)
    changed = drafts.changed(parts, state["baseline"])
    written: list[str] = []
    with session.conn() as d:
        if changed and not state["refused"]:
            out = drafts.save(
                d, link, who.key, raw, cat,
                sections=changed, client=respondent.client(), q=q, since=state["baseline"],
            )  # fmt: skip
            state["throttled"] = out.throttled
            state["refused"] = out.refused
            written = out.written
            for sid in written:
                state["baseline"][sid] = parts[sid]
        stored = drafts.load(d, wid, who.key)
    if stored:
        # what another tab saved: in sections this tab did not change, and in those it just
        # wrote (merged answer by answer); never over changes not saved yet
        theirs = [
            sid
            for sid, part in stored.sections.items()
            if (sid not in changed or sid in written) and part != state["baseline"].get(sid, {})
        ]
        if theirs:
            ew.load_into_state(prefix, stored.raw, q, only=theirs)
            for sid in theirs:
                state["baseline"][sid] = stored.sections[sid]
                parts[sid] = stored.sections[sid]
        state["submitted"], state["sent"] = stored.submitted, stored.sent_hash
    return parts


def send() -> None:
    """The send button (a callback: runs before the page, so the widgets can show the answers
    as sent, merged across tabs)."""
    with respondent.one_run_at_a_time():
        _send()


ids = [section.id for section, _ in q.sections_of(version)]


def go(section_id: str | None) -> None:
    """Open one section (None: close them all), as a callback before the page is drawn."""
    sections.set_open(prefix, ids, section_id)


def _send() -> None:
    raw = ew.collect(prefix, q, version)
    parts = drafts.split(raw, q, version, cat)
    with session.conn() as d:
        result = drafts.submit(
            d,
            token,
            who.key,
            raw,
            cat,
            sections=drafts.changed(parts, state["baseline"]),
            client=respondent.client(),
            q=q,
            confirm_privacy=bool(s.get(f"{prefix}_privacy_ok")),
            since=state["baseline"],
        )
    state["errors"], state["privacy"] = result.errors, result.privacy
    if result.answers is not None:
        ew.load_into_state(prefix, result.answers, q)
        state["baseline"] = drafts.split(result.answers, q, version, cat)
    if result.ok:
        state["notice"] = "Je wijzigingen zijn opgeslagen." if result.updated else q.texts["thanks"]
        s.pop(f"{prefix}_privacy_ok", None)
        go(None)
    else:  # open the first section with something to look at
        marked = ew.marked_sections(q, version, result.errors, result.privacy)
        if marked:
            go(marked[0].id)


parts = sync()
done = drafts.progress(parts, q, version)
places = [sec.title for sec in ew.marked_sections(q, version, state["errors"], state["privacy"])]
# on this tab's first run the first section not yet answered opens
todo = [sid for sid in ids if done[sid][0] < done[sid][1]]
shown, moved = sections.shown_section(prefix, ids, todo[0] if todo else None)
st.html(ew.FORM_CSS + ew.PHONE_CSS)
st.title(q.texts["title"])
st.caption(
    f"Gemeente {md(link.municipality_name)}"
    + (f" · {fmt_date(link.workshop_date)}" if link.workshop_date else "")
)
notice = state["notice"]
if notice:
    st.success(notice, icon=":material/check_circle:")
if state["refused"]:
    st.warning(state["refused"], icon=":material/block:")
if state["submitted"]:
    st.info(q.texts["correct"])
else:
    st.write(q.texts["intro"])
if not who.lasting:
    st.caption(q.texts["no_cookie"])
elif not state["submitted"]:
    st.caption(q.texts["saved_as_you_go"])
ew.error_banner(state["errors"], state["privacy"], kept=True, places=places)
ew.progress_bar(done, q.scale_hint)

ew.phone_sections(prefix, q, cat, version, state["errors"], state["privacy"], done, shown, go)
sections.scroll_if_moved(prefix, moved)
ew.privacy_confirm(prefix, state["privacy"])
# The button is at the bottom of a long page on a phone: repeat the outcome next to it.
if notice:
    st.success(notice, icon=":material/check_circle:")
    state["notice"] = None
ew.error_banner(state["errors"], state["privacy"], kept=True, places=places)
if state["refused"]:
    st.warning(state["refused"], icon=":material/block:")
elif state["submitted"] and drafts.fingerprint(parts) != state["sent"]:
    st.caption(q.texts["unsent"])
elif state["throttled"]:
    st.caption("Je antwoorden worden zo opgeslagen.")
with st.container(key="evf-submit"):
    st.button(
        "Wijzigingen opslaan" if state["submitted"] else "Versturen",
        type="primary",
        width="stretch",
        key=f"{prefix}_submit",
        on_click=send,
    )
