"""A long questionnaire kept as a draft until it is submitted: the intake and the follow-up.

Its sections show one at a time (app_ui/sections.py), each bar with how far it is. The fields
keep what was typed for the session (`KEEP`) while their section is closed or another page is
open; nothing is saved until *Concept opslaan* or *Indienen*, which sit under the sections with
their outcome right under them. A save with errors opens the first section with one, scrolls to
it and names every section to look at. A colleague's save (another tab, staff on the phone with
the municipality) is taken over when nothing was typed here; otherwise the page says so and
offers to load it.

The form's own module draws the fields of a section and reads them (`collect`); this one keeps
the state around them under `<prefix>_<name>` keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import streamlit as st

from app_ui import sections, widgets

KEEP: Literal["session"] = "session"
"""The fields' `persist_state`: kept for the session while they are not drawn, in a closed
section and when the user opens another page and comes back."""


@dataclass(frozen=True)
class DraftForm:
    prefix: str  # the form's state keys start with it, e.g. "ik12"
    titles: Mapping[str, str]  # section id -> title, in form order
    section_of: Callable[[str], str]  # an error key -> the id of its section
    stale: str  # the warning when someone else saved since this page loaded the answers
    first_field: str  # a field every load sets: gone when the session dropped the fields

    def key(self, name: str) -> str:
        return f"{self.prefix}_{name}"

    @property
    def errors(self) -> dict[str, str]:
        return st.session_state.get(self.key("errors"), {})

    @property
    def version(self) -> int:
        """The stored version the answers on screen started from."""
        return st.session_state[self.key("version")]

    @property
    def privacy_confirmed(self) -> bool:
        return bool(st.session_state.get(self.key("privacy_ok")))

    def flagged(self, errors: Mapping[str, str]) -> list[str]:
        """The sections with an error or a privacy finding, in form order."""
        marked = {self.section_of(key) for key in errors}
        return [sid for sid in self.titles if sid in marked]

    def load(
        self, stored_version: int, put: Callable[[], None], collect: Callable[[], Any]
    ) -> None:
        """Before the fields are drawn: `put` the stored answers into their state on the first
        visit (and when the session dropped them), and again when someone else saved a newer
        version and nothing was changed here; when something was, warn and offer to load it."""
        s = st.session_state
        if self.key("version") not in s or self.key(self.first_field) not in s:
            self._put(stored_version, put, collect)
        elif s[self.key("version")] != stored_version:
            if collect() == s.get(self.key("base")):  # nothing changed here: the newest
                self._put(stored_version, put, collect)
            else:
                st.warning(self.stale)
                if st.button(
                    "Nieuwste versie laden (uw wijzigingen vervallen)", key=self.key("reload")
                ):
                    self._put(stored_version, put, collect)
                    st.rerun()

    def _put(self, version: int, put: Callable[[], None], collect: Callable[[], Any]) -> None:
        s = st.session_state
        put()
        s[self.key("version")] = version
        s[self.key("errors")] = {}
        s[self.key("base")] = collect()  # to tell later whether anything was changed here

    def draw(
        self,
        progress: Mapping[str, tuple[str, bool]],
        body: Callable[[str], None],
        submitted: bool,
        save: Callable[[bool], None],
    ) -> None:
        """The sections (the first one not complete open on the first visit), the privacy
        confirmation when needed, the two buttons and their outcome. `progress`: per section
        (mark, complete); `body(section id)` draws a section's fields; `save(submit)`: the
        buttons' callback."""
        errors = self.errors
        ids = list(self.titles)
        todo = [sid for sid in ids if not progress[sid][1]]
        shown, moved = sections.shown_section(self.prefix, ids, todo[0] if todo else ids[0])
        flagged = self.flagged(errors)
        sections.accordion(
            self.prefix,
            [sections.Section(sid, title) for sid, title in self.titles.items()],
            shown,
            body,
            lambda sid: sections.set_open(self.prefix, ids, sid),
            marks={sid: mark for sid, (mark, _) in progress.items()},
            flagged=flagged,
        )
        sections.scroll_if_moved(self.prefix, moved)
        widgets.privacy_confirm(errors, self.key("privacy_ok"))
        c1, c2, _ = st.columns([1, 1, 2])
        c1.button("Concept opslaan", key=self.key("draft"), on_click=save, args=(False,))
        c2.button(
            "Wijzigingen opslaan" if submitted else "Indienen",
            key=self.key("submit"),
            type="primary",
            on_click=save,
            args=(not submitted,),
        )
        widgets.form_feedback(self.prefix, errors, [self.titles[sid] for sid in flagged])

    def refused(self, message: str) -> None:
        """In a save callback: the save was refused as a whole (a conflict, a lock)."""
        st.session_state[self.key("errors")] = {}
        widgets.flash(self.prefix, message, kind="error")

    def saved(self, errors: dict[str, str], version: int, answers: Any, message: str) -> None:
        """In a save callback, after the save: with `errors`, open the first section with one
        and scroll to it; without, remember what was saved and show `message`."""
        s = st.session_state
        s[self.key("errors")] = errors
        if errors:
            sections.set_open(self.prefix, list(self.titles), self.flagged(errors)[0])
            widgets.scroll_to_error(self.prefix)
            return
        s[self.key("version")] = version
        s[self.key("base")] = answers
        s.pop(self.key("privacy_ok"), None)
        widgets.flash(self.prefix, message)
