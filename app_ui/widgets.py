"""Small Streamlit pieces shared by the screens: markdown escaping of user text, flash notices,
field errors and the privacy-guard confirmation, the workshop picker, the demo banner, the names of
statuses, and widget keys per workshop.

Everything a user or a file typed is shown through `md()` (or as plain text); nothing typed is
ever rendered as markdown or HTML.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, Literal, TypeVar

import streamlit as st
from sqlite_utils import Database

from app_ui.cache import cached_by
from app_ui.session import conn
from jep.fmt import fmt_date
from jep.privacy import guard as privacy
from jep.reference import municipalities
from jep.reference.toml import CatalogError
from jep.store import db
from jep.text import parse_int
from jep.workshop import workshops

T = TypeVar("T")

# Characters that make markdown (or Streamlit's extensions of it) anywhere in a line: emphasis,
# code, links and images, HTML, headings, tables, strikethrough, math, entities, directives.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$&:])")
# At the start of a line also list items, quotes, setext headings and rules ("- ", "+ ", "1. ",
# "2) ", "===", "---"); leading spaces would make a code block, so they become no-break spaces.
_LINE_START = re.compile(r"(?m)^([ \t]*[0-9]*)([-+=.)])")
_INDENT = re.compile(r"(?m)^[ \t]+")
# What escaping cannot stop: the renderer turns bare addresses (www.…, https://…, e-mail) into
# links and ':material/…:' into icons by searching the text after unescaping it. An invisible
# WORD JOINER (U+2060) inside each such pattern breaks the search; the text looks the same.
_BREAK = re.compile(r"(?i)(?<=www)(?=\.)|(?<=:)(?=\S)|(?=@)")
_WJ = "\u2060"


# Streamlit's date fields always use the American placeholders (its segments are rendered with
# the en-US locale): show the Dutch ones. Only the empty year segment differs (yyyy -> jjjj); the
# segment keeps its size and colour, its text is replaced by the Dutch letters.
HOUSE_STYLE = """<style>
[data-testid="stDateInput"] [role="spinbutton"][data-type="year"][data-placeholder] {
  font-size: 0 !important;
}
[data-testid="stDateInput"] [role="spinbutton"][data-type="year"][data-placeholder]::before {
  content: "jjjj";
  font-size: 0.875rem;
}
</style>"""


def house_style() -> None:
    """The few style rules every page needs (Dutch date placeholders); once per run, from app.py."""
    st.html(HOUSE_STYLE)


def md(text: object) -> str:
    """User (or file) text made safe inside markdown: shown exactly as typed, never as markdown,
    HTML, link, image or icon. The one helper for every place that shows such text."""
    plain = _BREAK.sub(_WJ, "" if text is None else str(text))
    plain = _MD_SPECIAL.sub(r"\\\1", plain)
    plain = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), plain)
    return _INDENT.sub(lambda m: "\u00a0" * len(m.group().expandtabs(4)), plain)


class Keys:
    """The widget keys of one screen for one workshop: `k = Keys("pt", 12)`, then `k("name")` ->
    "pt12_name". Keys are per workshop, so switching workshops never carries typed text over."""

    def __init__(self, screen: str, workshop_id: int | str | None = None) -> None:
        self.prefix = f"{screen}{'' if workshop_id is None else workshop_id}_"

    def __call__(self, name: str) -> str:
        return self.prefix + name


def form_prefix(scope: str) -> str:
    """Widget-key prefix of an add form: `{scope}{n}_`, where n counts the form's successful
    adds. `clear_form(scope)` moves it on, so the form starts with new, empty widgets.

    Clearing by assigning "" to the old widgets' keys (or deleting them) is not enough: the
    browser can keep the old text, so a second click stores the same thing twice, or drop text
    typed next into a field of the cleared form when another field reruns the page."""
    return f"{scope}{st.session_state.get(scope + 'gen', 0)}_"


def clear_form(scope: str) -> None:
    """Empty the add form of `scope` after a successful add (see `form_prefix`)."""
    st.session_state.pop(form_prefix(scope) + "errors", None)  # widget state goes by itself
    st.session_state[scope + "gen"] = st.session_state.get(scope + "gen", 0) + 1


def flash(scope: str, text: str, kind: str = "success", markdown: bool = False) -> None:
    """Remember a notice to show after the next rerun (`show_flash(scope)`). `text` is shown as
    plain text (names, titles and error messages may hold what a user typed); pass
    `markdown=True` only for text built here with every user part escaped by `md()`."""
    st.session_state[f"flash_{scope}"] = (kind, text if markdown else md(text))


def notice_slot() -> Any:
    """A place for a notice that comes and goes (`st.empty()`), always there so that whatever
    follows keeps its place in the page: when an element above a form disappears, the browser
    rebuilds the form's fields and loses what was being typed into them at that moment."""
    return st.empty()


def show_flash(scope: str) -> None:
    """Show (once) the notice `flash(scope, …)` left, if any, in a `notice_slot`."""
    slot = notice_slot()
    notice = st.session_state.pop(f"flash_{scope}", None)
    if notice:
        kind, text = notice
        {"success": slot.success, "error": slot.error, "warning": slot.warning, "info": slot.info}[
            kind
        ](text)


def opened_on_request(
    where: Any, flag: str, label: str, *, key: str, width: Literal["stretch", "content"] = "stretch"
) -> bool:
    """Whether an edit form that is on the page only while it is open (`flag` in the session)
    is open; while it is closed, draw the button (in `where`) that opens it. Open, it stays until
    it is saved or cancelled (`st.session_state.pop(flag)`): closing is never a side effect of a
    click elsewhere, so nothing typed in it is thrown away. A form per item, drawn hidden in an
    expander, made every run of its page slow (each one's fields are sent and built)."""
    if st.session_state.get(flag):
        return True
    if where.button(label, key=key, icon=":material/edit:", width=width):
        st.session_state[flag] = True
        st.rerun()
    return False


def edit_form(
    key: str,
    flag: str,
    submit_label: str,
    fields: Callable[[dict[str, str]], None],
    save: Callable[[bool], dict[str, str]],
    forget: Callable[[], None],
    done: tuple[str, str],
) -> None:
    """The edit form of one item, on the page while `flag` is set (`opened_on_request`): its
    `fields(errors)`, the privacy confirmation once the guard found something, and its button
    (`submit_label`). `save(privacy_confirmed)` returns the errors by field (kept in
    `key + "errors"` for the fields); without errors the form closes (`close_edit`) and `done`
    (scope, text) is flashed."""
    errors: dict[str, str] = st.session_state.get(key + "errors", {})
    with st.form(key + "form", enter_to_submit=False):
        fields(errors)
        privacy_confirm(errors, key + "ok")
        saved = st.form_submit_button(submit_label, type="primary")
    if saved:
        errors = save(bool(st.session_state.get(key + "ok")))
        if errors:
            st.session_state[key + "errors"] = errors
        else:
            close_edit(flag, forget)
            flash(*done)
        st.rerun()


def close_edit(flag: str, forget: Callable[[], None]) -> None:
    """Close an item's edit form (`opened_on_request`): `forget()` what it held, drop `flag`."""
    forget()
    st.session_state.pop(flag, None)


def cancel_edit(where: Any, key: str, flag: str, forget: Callable[[], None]) -> None:
    """*Annuleren* (in `where`) under an item's edit form: closes it, throwing away what was
    typed."""
    if where.button("Annuleren", key=key + "cancel"):
        close_edit(flag, forget)
        st.rerun()


def say_gone(
    slot: Any,
    what: str,
    flag_prefix: str,
    present: Iterable[object],
    form_key: Callable[[str], str],
    fields: tuple[str, ...],
    forget: Callable[[str], None],
) -> None:
    """Items whose edit form was open (`opened_on_request` flag `flag_prefix + id`) but that are
    no longer among `present` (someone else deleted them meanwhile): their flags are dropped,
    and in `slot` a warning says that `what` ("een notitie") was deleted, with what each form
    held (its `fields` under `form_key(id)`, to copy; then `forget(form key)`), instead of the
    form silently vanishing. Nothing is said when no form held anything."""
    ids = {str(i) for i in present}
    gone = [
        str(k)[len(flag_prefix) :]
        for k in list(st.session_state)
        if str(k).startswith(flag_prefix) and str(k)[len(flag_prefix) :] not in ids
    ]
    held = []
    for item in gone:
        st.session_state.pop(flag_prefix + item, None)
        key = form_key(item)
        held += [st.session_state.get(key + field) for field in fields]
        forget(key)
    texts = [t for t in held if t]
    if texts:
        slot.warning(
            f"Iemand anders heeft {md(what)} die u aan het wijzigen was intussen verwijderd; uw "
            "wijziging is niet opgeslagen. Wat in het formulier stond:\n\n"
            + "\n\n".join(f"> {md(t)}".replace("\n", "  \n> ") for t in texts),
            icon=":material/warning:",
        )


def take_flash(scope: str) -> tuple[str, str] | None:
    """Take the notice `flash(scope, …)` left (kind, escaped text) without showing it, for a page
    that folds it into a message of its own."""
    return st.session_state.pop(f"flash_{scope}", None)


# Once, after a save that found errors: bring the first error of the forms into view (an
# st.form, or a form with one section open: app_ui/sections.py).
_SCROLL_TO_ERROR = """<script>
(() => {
  const toFirstError = (smooth) => {
    const alerts = document.querySelectorAll(
      ['[data-testid="stForm"]', '[class*="st-key-oneopen-"]'].flatMap((form) => [
        form + ' [data-testid="stAlertContentError"]',
        form + ' [data-testid="stAlertContentWarning"]']).join(', '));
    if (!alerts.length) return;
    const box = alerts[0].closest('[data-testid="stElementContainer"]');
    const r = box.getBoundingClientRect();
    if (smooth || r.bottom < 0 || r.top > window.innerHeight) {
      box.scrollIntoView({block: "center", behavior: smooth ? "smooth" : "auto"});
    }
  };
  setTimeout(() => toFirstError(true), 150);
  setTimeout(() => toFirstError(false), 900);  // once more if the page moved it out of view
})();
</script>"""
_SCROLL_TO_OPEN_SECTION = """<script>
setTimeout(() => {
  const open = document.querySelector('[class*="st-key-oneopen-"] details[open]');
  if (open) open.scrollIntoView({block: "start", behavior: "smooth"});
}, 150);
</script>"""
INLINE_SCRIPTS: tuple[str, ...] = (_SCROLL_TO_ERROR, _SCROLL_TO_OPEN_SECTION)
"""Every snippet shown with `st.html(..., unsafe_allow_javascript=True)`: the
Content-Security-Policy allows exactly these scripts, by their hash (app_server/middleware.py);
a script that is not listed here does not run."""


def form_feedback(scope: str, errors: dict[str, str], places: Iterable[str] = ()) -> None:
    """Right under a form's buttons, where the user is: the notice of the last save, or what
    still has to be fixed (and in which `places`: the titles of the form's sections with a
    message); after a save with errors (`scroll_to_error(scope)`) the page scrolls once to the
    first of them."""
    show_flash(scope)
    if errors:
        n = len(errors)
        places = list(places)
        st.error(
            f"Er is nog niets opgeslagen: {'1 punt' if n == 1 else f'{n} punten'} om aan te "
            "passen, zie de meldingen bij de velden"
            + (f" in: {md(', '.join(places))}." if places else "."),
            icon=":material/error:",
        )
    if st.session_state.pop(f"scroll_{scope}", False):
        with _fresh_element(f"scroll-error-{scope}"):
            st.html(_SCROLL_TO_ERROR, unsafe_allow_javascript=True)


def filter_select(
    where: Any,
    label: str,
    options: Iterable[Any],
    key: str,
    placeholder: str,
    format_func: Callable[[Any], Any] = str,
) -> Any:
    """A filter of a staff list in `where` (a column): nothing chosen means all. It stays as set
    for the session when staff open another page and come back; a choice no longer among the
    options (e.g. gone with the retention period) falls back to all."""
    return where.selectbox(
        label,
        list(options),
        index=None,
        format_func=format_func,
        placeholder=placeholder,
        key=key,
        persist_state="session",
    )


def _fresh_element(name: str) -> Any:
    """A container for one of the `INLINE_SCRIPTS`, with a new key each time (numbered per
    `name`): an element the browser already has does not run its script again (a second failed
    save, a second section opened in a row)."""
    key = f"{name}_n"
    n = st.session_state[key] = st.session_state.get(key, 0) + 1
    return st.container(key=f"{name}-{n}")


def scroll_to_open_section(scope: str) -> None:
    """A form with one section open (app_ui/sections.py): bring the section just opened to the
    top of the screen (the one above it closed, so the page moved under the user's finger)."""
    with _fresh_element(f"scroll-open-{scope}"):
        st.html(_SCROLL_TO_OPEN_SECTION, unsafe_allow_javascript=True)


def scroll_to_error(scope: str) -> None:
    """Ask `form_feedback(scope, …)` to scroll to the first error after the next rerun."""
    st.session_state[f"scroll_{scope}"] = True


def error_scroll_pending(scope: str) -> bool:
    """Whether `form_feedback(scope, …)` will scroll to an error in this run."""
    return bool(st.session_state.get(f"scroll_{scope}"))


@cached_by("workshops", max_entries=2)
def _real_workshops(d: Database) -> int:
    return workshops.real_count(d)


def demo_banner(d: Database) -> None:
    if db.get_meta(d, "demo_data") == "1":
        apart = (
            " Er staan ook echte werkateliers in: de verzonnen tellen niet mee in cijfers, "
            "vergelijkingen en exports."
            if _real_workshops(d)
            else ""
        )
        st.warning(
            "**Demodata**: deze omgeving bevat verzonnen werkateliers en voorgesprekken om mee te "
            f"oefenen. Gebruik ze niet als echte gegevens.{apart}",
            icon=":material/science:",
        )


SEVERITY_LABELS = {1: "1 – klein", 2: "2", 3: "3 – gemiddeld", 4: "4", 5: "5 – groot"}
"""How severe a knelpunt is (intake and follow-up), labelled at both ends of the scale."""


def severity_select(
    label: str, key: str, placeholder: str, start_empty: bool = False, persist: bool = False
) -> None:
    """The choice of a knelpunt's severity 1–5 under `key`. `start_empty`: no choice until the
    user makes one (unless the session already holds one). `persist`: the choice is kept for the
    session while the field is not drawn (a closed section, another page)."""
    empty = {"index": None} if start_empty and st.session_state.get(key) is None else {}
    st.selectbox(
        label,
        list(SEVERITY_LABELS),
        key=key,
        format_func=SEVERITY_LABELS.get,
        placeholder=placeholder,
        persist_state="session" if persist else None,
        **empty,
    )


def field_error(errors: dict[str, str], key: str, text: str | None = None) -> None:
    """Show the error of one field right under it (plain text, never HTML).

    A privacy-guard finding for the field (`privacy.<key>`) is shown as a warning, with `text`
    (the field's current value) repeated and the findings highlighted; all of it HTML-escaped.
    """
    if key in errors:
        st.error(md(errors[key]), icon=":material/error:")
    pkey = f"privacy.{key}"
    if pkey in errors:  # the finding quotes what was typed
        st.warning(md(errors[pkey]), icon=":material/shield_person:")
        if text:
            # Escaped by highlight_html; one HTML block without blank lines, so no Markdown either.
            marked = privacy.highlight_html(text, privacy.scan(text)).replace("\n", "<br>")
            st.markdown(f"<div>{marked}</div>", unsafe_allow_html=True)


_ANSWERS_CSS = """<style>
dl.jep-answers {
  display: grid; grid-template-columns: 2fr 3fr; gap: 0.35rem 1rem; margin: 0; padding: 0;
}
dl.jep-answers dt { font-weight: 400; color: #4b5563; margin: 0; padding: 0; }
dl.jep-answers dd { margin: 0; padding: 0; overflow-wrap: anywhere; }
@media (max-width: 640px) {
  dl.jep-answers { grid-template-columns: 1fr; gap: 0 0; }
  dl.jep-answers dd { margin-bottom: 0.6rem; }
}
</style>"""


def answer_list(rows: Iterable[tuple[str, str]]) -> None:
    """Read-only questions and answers as one element (a definition list, two columns, one on a
    phone): every text HTML-escaped, so what a user typed shows as typed (no Markdown, no HTML,
    line breaks kept, an address copies as it is); one element instead of two per row, which
    the browser draws at once."""
    items = "".join(
        f"<dt>{html.escape(question)}</dt><dd>{html.escape(answer).replace(chr(10), '<br>')}</dd>"
        for question, answer in rows
    )
    st.html(f'{_ANSWERS_CSS}<dl class="jep-answers">{items}</dl>')


def privacy_confirm(errors: dict[str, str], key: str) -> None:
    """The 'I checked it' box, shown when the privacy guard found something in this form, and
    while it is ticked (a save that failed for another reason keeps the tick)."""
    if any(k.startswith("privacy.") for k in errors) or st.session_state.get(key):
        st.checkbox(
            "Ik heb de gemarkeerde tekst gecontroleerd: het zijn geen gegevens van een jongere, "
            "gezin of collega. Toch opslaan.",
            key=key,
        )


@cached_by("municipalities", max_entries=2)
def municipality_options(d: Database) -> tuple[tuple[str, str], ...]:
    """(code, "Name (Province)") of every active municipality, sorted by name (once per change
    of the table, not on every run of a screen that offers the choice)."""
    return tuple(municipalities.municipality_options(d))


@cached_by("workshops", "municipalities", max_entries=4)
def _workshop_options(d: Database, today: date) -> tuple[list[int], dict[int, str], frozenset[int]]:
    """The picker's choices: every workshop of the programme, with the ones listed by default
    (in work or held in the last year; `today` is part of the key, so the year moves on)."""
    opts = workshops.options(d)
    return [o[0] for o in opts], dict(opts), workshops.current_ids(d, today)


def selection_key(name: str, ids: Iterable[object]) -> str:
    """Key of a table with a row selection (`on_select`): a selection is a row position, so the
    key follows the rows shown; another filter, or a row a colleague added, starts without a
    selection instead of selecting whatever row is at that position now."""
    digest = hashlib.sha1("\x1f".join(map(str, ids)).encode()).hexdigest()[:16]
    return f"{name}_{digest}"


PICKER_KEY = "workshop_picker"
PICKER_ALL_KEY = "workshop_picker_all"
LONG_LIST_FILTER: Literal["contains"] = "contains"
"""How the workshop picker is searched while typing: the options that contain the typed text, in
their own order (by municipality). Streamlit's default (fuzzy: the typed letters in order,
anywhere, best match first) listed nearly every workshop for 'Ede' and took 2.5 × the browser's
script time per key over 3,420 workshops. The municipality choices keep fuzzy: their labels
hold the province, so 'Utrecht' contains every municipality of that province, and fuzzy puts
the city first."""


def _picked() -> None:
    """The user picked a workshop: it becomes the page's choice and goes into the URL."""
    chosen = st.session_state.get(PICKER_KEY)
    st.session_state["workshop_id"] = chosen
    if chosen is not None:
        st.query_params["id"] = str(chosen)
    elif "id" in st.query_params:  # cleared: the page waits for a choice again
        del st.query_params["id"]


def pick_workshop(d: Database, label: str = "Werkatelier") -> dict[str, Any] | None:
    """Workshop picker shared by the workshop pages; the choice is kept in the URL (?id=) and
    follows to the next workshop page.

    The widget has a key and gets its value from the URL before it is drawn: a keyless picker
    whose position came from the URL was a new widget in the run after a pick (a keyless
    widget's identity includes its position), so every other pick was lost."""
    ids, labels, current_ids = _workshop_options(d, date.today())
    if not ids:
        st.info("Er zijn nog geen werkateliers. Maak eerst een aanvraag aan.")
        return None
    current = parse_int(st.query_params.get("id")) or parse_int(st.session_state.get("workshop_id"))
    wanted = current if current in labels else None
    # every run, before the widget: a link, another page's pick, a bad ?id= (after a pick the
    # callback has put it in the URL, so this is the pick itself)
    st.session_state[PICKER_KEY] = wanted
    box, switch = st.columns([5, 1], vertical_alignment="bottom")
    everything = switch.toggle(
        "Alle",
        key=PICKER_ALL_KEY,
        persist_state="session",
        help=f"Ook de werkateliers van meer dan {workshops.RECENT_MONTHS} maanden geleden en "
        "de geannuleerde. Zonder dit staan in de lijst de lopende werkateliers en die van "
        f"de laatste {workshops.RECENT_MONTHS} maanden.",
    )
    # Fewer choices is a faster page: the browser rebuilds the list on every pick (3,420 at
    # ten times today's programme: 130 ms a pick). The workshop of a link is always listed.
    listed = ids if everything else [i for i in ids if i in current_ids or i == wanted]
    chosen = box.selectbox(
        label,
        listed,
        index=None,
        key=PICKER_KEY,
        on_change=_picked,
        format_func=lambda i: labels[i],
        placeholder="Kies een werkatelier…",
        filter_mode=LONG_LIST_FILTER,
    )
    if chosen is None:
        return None
    st.session_state["workshop_id"] = chosen
    if st.query_params.get("id") != str(chosen):
        st.query_params["id"] = str(chosen)
    return workshops.get(d, chosen)


def chosen_workshop() -> dict[str, Any]:
    """Top of a workshop page: demo banner and the workshop picker; the page stops until a
    workshop is chosen."""
    with conn() as d:
        demo_banner(d)
        w = pick_workshop(d)
    if w is None:
        st.stop()
    return w


def reference_data(load: Callable[[], T], what: str) -> T:
    """`load()` a reference file of data/; when it is broken, say which and stop the page."""
    try:
        return load()
    except CatalogError as exc:
        st.error(f"{md(what)} in data/ is ongeldig; pas het bestand aan.\n\n{md(exc)}")
        st.stop()


def link_state(link: dict[str, Any] | None) -> None:
    """One line on a contact's link (the intake's or the follow-up's): when it was handed out, by
    whom and until when it works, or that there is none."""
    if link:
        st.write(
            f"Er is een geldige link, uitgegeven op {fmt_date(link['created_at'])} door "
            f"{md(link['created_by'])}, geldig tot {fmt_date(link['expires_at'])}."
        )
    else:
        st.write("Er is geen geldige link (nooit uitgegeven, verlopen of ingetrokken).")


def status_label(status: str) -> str:
    """The name of a status as every page and the picker show it."""
    return workshops.status_label(status)
