"""Long forms as a row of bars with one section open: only the open section is drawn.

A browser pays for every widget it draws (a form of 70 fields costs a second or more before the
first field can be used, on a phone more), so a long form shows each section as a bar with its
progress and draws the fields of the open one alone. Tapping a bar opens it and closes the
others; a *Volgende: …* button at the end of a section opens the next one.

The fields must keep their value while their section is closed (`persist_state`), so reading
the form is the same whichever section is open. A bar's label is part of its identity: a new
label would redraw the open section and lose text being typed, so labels stay the titles and
the progress after them is drawn by a style sheet (`bar_css`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from app_ui import widgets


@dataclass(frozen=True)
class Section:
    id: str
    title: str


def open_key(prefix: str, section_id: str) -> str:
    """The session key of a section's bar (True while it is open)."""
    return f"{prefix}_open_{section_id}"


def opened_now(prefix: str, ids: Iterable[str], shown: str | None) -> str | None:
    """Which section is open after the user's last click: a bar opened since the last run
    (`shown`: the section open then), else the same one, or None when they closed it."""
    s = st.session_state
    for sid in ids:
        if sid != shown and s.get(open_key(prefix, sid)):
            return sid
    if shown is not None and s.get(open_key(prefix, shown)) is False:
        return None
    return shown


def set_open(prefix: str, ids: Iterable[str], section_id: str | None) -> None:
    """Open `section_id` and close the others (before the bars are drawn, or in a callback).
    Every bar is written, also when its state does not change: a value written here is sent
    to the browser to be taken over, so the bars on screen always end as the page says (with
    only the changed ones written, a browser test once saw *Volgende* not open its section)."""
    for sid in ids:
        st.session_state[open_key(prefix, sid)] = sid == section_id


def bar_css(prefix: str, marks: Mapping[str, str], flagged: Iterable[str]) -> str:
    """The marks (`{section id: text}`) as CSS text after each bar's title; the `flagged`
    sections (with a message to look at) add "· nakijken", in red. Section ids and marks are
    ours, never typed by a user."""
    red = set(flagged)
    rules = []
    for sid, mark in marks.items():
        colour = "#b42318" if sid in red else "#4b5563"
        mark = f"{mark} · nakijken" if sid in red else mark
        rules.append(
            f'.st-key-{open_key(prefix, sid)} summary [data-testid="stMarkdownContainer"] p::after'
            f' {{ content: " · {mark}"; color: {colour}; font-weight: 400; }}'
        )
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def shown_section(prefix: str, ids: Sequence[str], first: str | None) -> tuple[str | None, bool]:
    """The section open in this run, and whether it was opened just now (then the page brings it
    into view: `scroll_if_moved`). `first`: the one to open on the first run of this form in
    the session. Call before the bars are drawn."""
    s = st.session_state
    key = f"{prefix}_shown"
    if key not in s:
        shown, moved = first, False
    else:
        before = s[key]
        shown = opened_now(prefix, ids, before)
        moved = shown not in (None, before)
    s[key] = shown
    set_open(prefix, ids, shown)
    return shown, moved


def scroll_if_moved(prefix: str, moved: bool) -> None:
    """Bring the section just opened to the top of the screen (the one above it closed, so the
    page moved under the user's finger); not when the page scrolls to an error instead."""
    if moved and not widgets.error_scroll_pending(prefix):
        widgets.scroll_to_open_section(prefix)


def accordion(
    prefix: str,
    sections: Sequence[Section],
    shown: str | None,
    body: Callable[[str], None],
    go: Callable[[str | None], None],
    marks: Mapping[str, str] | None = None,
    flagged: Iterable[str] = (),
) -> None:
    """Every section a bar (its title, then its mark drawn by CSS); only `shown` open and drawn
    by `body(section id)`, with a button to the next section at its end. `go(section id)`: the
    callback that opens a section. `shown_section` (or `set_open`) has run before."""
    if marks:
        st.html(bar_css(prefix, marks, flagged))
    with st.container(key=f"oneopen-{prefix}", gap="xsmall"):
        for i, section in enumerate(sections):
            okey = open_key(prefix, section.id)
            with st.expander(widgets.md(section.title), key=okey, on_change="rerun") as bar:
                if not bar.open:
                    continue
                body(section.id)
                if i + 1 < len(sections):
                    nxt = sections[i + 1]
                    st.button(
                        f"Volgende: {widgets.md(nxt.title)}",
                        key=f"{prefix}_next_{section.id}",
                        icon=":material/arrow_downward:",
                        on_click=go,
                        args=(nxt.id,),
                    )
