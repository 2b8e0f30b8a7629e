"""The one UI-helper module: start-up, roles, guards and small widgets shared by the pages.

Pages stay thin: they call `jep` for every rule and query and this module for what is shared.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import streamlit as st
from sqlite_utils import Database

from jep import auth
from jep import startup as startup_steps
from jep.evaluation import links as eval_links
from jep.followup import answers as followup
from jep.privacy import retention
from jep.reference.catalog import Catalog, catalog
from jep.reference.toml import CatalogError
from jep.store import audit, db
from jep.workshop import invites

T = TypeVar("T")
JEP_PHONE = "070 - 333 4558"
SESSION_TIMEOUT_MINUTES = int(os.environ.get("JEP_SESSION_MINUTES", "60"))


# ---------------------------------------------------------------- start-up


@st.cache_resource(show_spinner=False)
def _startup(db_file: str) -> str:
    """Once per server process and database: check the reference files, migrate, first admin."""
    one_time = startup_steps.prepare(db_file)  # raises CatalogError on a broken file
    if one_time:
        print(startup_steps.admin_banner(one_time), flush=True)
    return db_file


def startup() -> None:
    """Run the once-per-process start-up; a broken catalogue stops the app with its message."""
    try:
        _startup(str(db.db_path()))
        _daily(str(db.db_path()), date.today().isoformat())
        _mail_worker(str(db.db_path()))
    except CatalogError as exc:
        st.error(
            f"De toepassing kan niet starten: een referentiebestand in data/ is ongeldig.\n\n{exc}"
        )
        st.stop()


@st.cache_resource(show_spinner=False, max_entries=2)
def _daily(db_file: str, day: str) -> None:
    """Once a day per process (the meta table makes it once a day overall): retention, and
    forgetting the respondent keys of evaluations that closed, in the background so that no page
    waits for it."""
    threading.Thread(
        target=retention.run_daily,
        args=(db_file, date.fromisoformat(day)),
        name="jep-retention",
        daemon=True,
    ).start()
    threading.Thread(
        target=eval_links.drop_closed_daily,
        args=(db_file, date.fromisoformat(day)),
        name="jep-evaluation-keys",
        daemon=True,
    ).start()


@st.cache_resource(show_spinner=False)
def _mail_worker(db_file: str) -> object:
    """Once per server process and database: the background thread that delivers the outbox
    (jep.outgoing; JEP_MAIL_WORKER=0 switches it off)."""
    from jep import outgoing

    return outgoing.start(db_file)


@contextmanager
def conn() -> Iterator[Database]:
    """A database connection for this unit of work."""
    with db.open_db() as d:
        yield d


def cat() -> Catalog:
    return catalog()


# ---------------------------------------------------------------- roles and guards


def staff_user() -> dict[str, Any] | None:
    """The signed-in staff member, or None. Ends the session after inactivity."""
    user = st.session_state.get("staff")
    if not user:
        return None
    last = st.session_state.get("staff_seen")
    stamp = datetime.now(UTC)
    if last and stamp - last > timedelta(minutes=SESSION_TIMEOUT_MINUTES):
        with conn() as d:
            audit.record(d, user["username"], "sessie verlopen", "staff", user["username"])
        sign_out(reason="Uw sessie is verlopen na een periode zonder activiteit.")
        return None
    with conn() as d:  # a switched-off account or changed role takes effect at once
        current = auth.get_staff(d, user["username"])
    if current is None:
        sign_out(reason="Uw account is uitgeschakeld. Neem contact op met een beheerder.")
        return None
    user["role"] = current.role
    st.session_state["staff_seen"] = stamp
    return user


def sign_in(user: auth.Staff) -> None:
    st.session_state["staff"] = {
        "username": user.username,
        "role": user.role,
        "must_change_password": user.must_change_password,
    }
    st.session_state["staff_seen"] = datetime.now(UTC)


def sign_out(reason: str | None = None) -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    if reason:
        st.session_state["flash_signin"] = ("info", reason)


def contact_invite() -> invites.Invite | None:
    """The invite of a municipality contact: from ?token=…, kept for the session, checked anew
    on every run so that revocation and expiry take effect at once."""
    token = st.query_params.get("token")
    if token:
        st.session_state["invite_token"] = token
    token = st.session_state.get("invite_token")
    if not token:
        return None
    with conn() as d:
        return invites.resolve(d, token, purpose="intake")


def followup_invite() -> invites.Invite | None:
    """The follow-up invite of a municipality contact (?terugblik=…), kept for the session and
    checked anew on every run, as for the intake link."""
    token = st.query_params.get("terugblik")
    if token:
        st.session_state["followup_token"] = token
    token = st.session_state.get("followup_token")
    if not token:
        return None
    with conn() as d:
        return followup.resolve(d, token)


def role() -> str:
    """'respondent', 'followup-respondent', 'followup-contact', 'contact', 'invalid-link',
    'staff', 'admin' or 'anonymous'."""
    if st.query_params.get("eval"):  # evaluation link: kept for the session
        st.session_state["eval_token"] = st.query_params["eval"]
    if st.session_state.get("eval_token"):
        return "respondent"
    if st.query_params.get("nameting"):  # participants' follow-up link: kept for the session
        st.session_state["nameting_token"] = st.query_params["nameting"]
    if st.session_state.get("nameting_token"):
        return "followup-respondent"
    if st.query_params.get("terugblik") or st.session_state.get("followup_token"):
        return "followup-contact" if followup_invite() else "invalid-link"
    if st.query_params.get("token") or st.session_state.get("invite_token"):
        return "contact" if contact_invite() else "invalid-link"
    user = staff_user()
    if user:
        return user["role"]
    return "anonymous"


def require_staff(admin: bool = False) -> dict[str, Any]:
    """Top of every staff page: stop unless a staff member (or admin) is signed in."""
    user = staff_user()
    link_holder = any(
        st.session_state.get(k) for k in ("invite_token", "followup_token", "nameting_token")
    )
    if not user or link_holder:
        st.error("Deze pagina is alleen voor medewerkers van Platform JEP. Meld u eerst aan.")
        st.stop()
    if admin and user["role"] != "admin":
        st.error("Deze pagina is alleen voor beheerders.")
        st.stop()
    return user


def require_contact() -> invites.Invite:
    """Top of every municipality page: stop unless a valid invite link is in use."""
    inv = contact_invite()
    if inv is None:
        invalid_link_message()
        st.stop()
    return inv


def require_followup_contact() -> invites.Invite:
    """Top of the municipality's follow-up page: stop unless a valid follow-up link is in use."""
    inv = followup_invite()
    if inv is None:
        invalid_link_message()
        st.stop()
    return inv


def invalid_link_message() -> None:
    st.title("Deze link is niet (meer) geldig")
    st.write(
        "De link die u gebruikte bestaat niet, is verlopen of is ingetrokken. "
        f"Neem contact op met Platform JEP via **{JEP_PHONE}**; wij sturen u graag een nieuwe link."
    )


def app_base_url() -> str:
    """Base URL for links sent to others: JEP_BASE_URL, else the URL this page was opened on."""
    env = os.environ.get("JEP_BASE_URL")
    if env:
        return env.rstrip("/")
    try:
        url = st.context.url or ""
    except Exception:  # noqa: BLE001 - not available in every runtime (AppTest)
        url = ""
    if "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://{rest.split('/', 1)[0]}"
    return "http://localhost:8501"
