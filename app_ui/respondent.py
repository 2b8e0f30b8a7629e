"""The anonymous respondent of the evaluation form: one place that says who is answering.

`respondent_key()` is the only function the form asks. In a browser the key is the HttpOnly
cookie `jep_respondent`, which the application's own route /e sets (`app_ui/respondent_route.py`,
mounted by `server.py`); the QR code and the link point to that route, so the key survives a
reload, a second tab and reopening the link on the same phone. Without the cookie (cookies
blocked, or a link to /?eval=… typed by hand) the key lives in this browser tab only, as before.

Under AppTest (`global.appTest` is only true while AppTest runs the script) cookies cannot be
set, so tests hand in a key and a client address through session state (`TEST_KEY`,
`TEST_CLIENT`): the narrow seam, unreachable in production.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st
from streamlit import config
from streamlit.runtime.scriptrunner import get_script_run_ctx

from jep.evaluation import abuse, drafts

COOKIE = "jep_respondent"
TEST_KEY = "_apptest_respondent_key"
TEST_CLIENT = "_apptest_client_address"
TAB_KEY = "eval_session_key"


@dataclass(frozen=True)
class RespondentKey:
    key: str
    lasting: bool  # True: from the cookie (kept on this phone); False: this browser tab only


def _apptest() -> bool:
    return bool(config.get_option("global.appTest"))


def respondent_key() -> RespondentKey:
    """The respondent's key: the cookie when the phone has one, else one for this tab."""
    if _apptest():
        value = st.session_state.get(TEST_KEY)
    else:
        try:
            value = st.context.cookies.get(COOKIE)
        except Exception:  # noqa: BLE001 - no request context (a bare script run)
            value = None
    if drafts.valid_key(value):
        return RespondentKey(str(value), True)
    s = st.session_state
    if not drafts.valid_key(s.get(TAB_KEY)):
        s[TAB_KEY] = drafts.new_key()
    return RespondentKey(s[TAB_KEY], False)


def client() -> str | None:
    """An opaque key of the client's address for the rate limits (never stored), or None."""
    if _apptest():
        address = st.session_state.get(TEST_CLIENT)
    else:
        try:
            address = st.context.ip_address
        except Exception:  # noqa: BLE001
            address = None
    return abuse.client_key(address if isinstance(address, str) else None)


class _Turn:
    """A lock that can be weakly referenced (a plain lock cannot)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()


_turns: weakref.WeakValueDictionary[str, _Turn] = weakref.WeakValueDictionary()
_turns_guard = threading.Lock()


@contextmanager
def one_run_at_a_time() -> Iterator[None]:
    """Around code that saves answers and updates what this tab last saved.

    On a tap Streamlit starts a new run of the page at once ("fast reruns") while the previous
    run goes on until its next Streamlit call, so two runs of one browser tab can overlap. Here
    they take turns; a run that was superseded stops when it gets its turn (a session-state read
    is where Streamlit stops it), so an older run never writes after a newer one."""
    ctx = get_script_run_ctx()
    session = ctx.session_id if ctx is not None else ""
    with _turns_guard:
        turn = _turns.get(session)
        if turn is None:
            turn = _turns[session] = _Turn()
    with turn.lock:
        _ = TAB_KEY in st.session_state  # Streamlit stops a superseded run here
        yield
