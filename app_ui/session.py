"""The one UI-helper module: start-up, roles, guards and small widgets shared by the pages.

Pages stay thin: they call `jep` for every rule and query and this module for what is shared.

Who is signed in is decided anew on every script run from the browser's cookies, never from
`st.session_state`: the session cookie (set by the `/aanmelden` route, app_server/signin.py) or
Streamlit's single sign-on cookie is looked up in the `staff_sessions` table
(jep/access/sessions.py), so a refresh, a new tab or a shared link opens signed in, and a revoked
session is signed out at the next interaction of every open tab.

When a session went idle in an open tab, the page still shows (what was typed stays in its
fields) but cannot write: its database connections are read-only, a save is refused with a
notice, and a password field above the page continues the session; the save then works.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar
from urllib.parse import unquote, urlencode

import streamlit as st
from sqlite_utils import Database
from streamlit import config as st_config
from streamlit.runtime.scriptrunner import get_script_run_ctx

import jep
from jep import auth
from jep import startup as startup_steps
from jep.access import sessions, sso, throttle
from jep.evaluation import links as eval_links
from jep.followup import answers as followup
from jep.privacy import retention
from jep.reference.catalog import Catalog, catalog
from jep.reference.toml import CatalogError
from jep.store import audit, db
from jep.workshop import invites

T = TypeVar("T")
log = logging.getLogger("jep.ui.session")
JEP_PHONE = "070 - 333 4558"
STAFF_ROLES = ("staff", "admin")
TEST_COOKIES = "_apptest_cookies"
"""AppTest cannot send cookies (its `st.context.cookies` is a mock): tests put the browser's
cookies in `st.session_state[TEST_COOKIES]`. Read only while AppTest runs the script (Streamlit's
own `global.appTest` flag); a real browser session never reads it."""
NEXT_COOKIE = "jep_next"
LINK_TOKENS = {
    "eval": "eval_token",
    "nameting": "nameting_token",
    "terugblik": "followup_token",
    "token": "invite_token",
}
"""The query parameter of each kind of link for people without a staff account, and where its
token is kept for the browser session (see role())."""
LINK_PARAM = {
    "contact": "token",
    "respondent": "eval",
    "followup-contact": "terugblik",
    "followup-respondent": "nameting",
}
"""The link parameter of each link holder's role: it carries the token in every URL of that role
(refresh, bookmark), and a page load with one is never sent to the staff sign-in."""
REASONS = {
    sessions.REVOKED_SIGNOUT: "U bent afgemeld.",
    sessions.REVOKED_PASSWORD: "Het wachtwoord van uw account is gewijzigd. Meld u opnieuw aan.",
    sessions.REVOKED_RESET: "Het wachtwoord van uw account is gereset. Meld u opnieuw aan.",
    sessions.REVOKED_DISABLED: "Uw account is uitgeschakeld. Neem contact op met een beheerder.",
    sessions.REVOKED_ROLE: "Uw rol is gewijzigd. Meld u opnieuw aan.",
    sessions.REVOKED_ADMIN: "Uw sessie is beëindigd door een beheerder. Meld u opnieuw aan.",
    "expired": "Uw sessie is verlopen. Meld u opnieuw aan.",
    "idle": "Uw sessie is verlopen na een periode zonder activiteit. Meld u opnieuw aan.",
}


# ---------------------------------------------------------------- start-up


@st.cache_resource(show_spinner=False)
def _startup(db_file: str) -> str:
    """Once per server process and database: check the reference files, migrate, first admin."""
    one_time = startup_steps.prepare(db_file)  # raises CatalogError on a broken file
    if one_time:
        log.warning("%s", startup_steps.admin_banner(one_time))
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


def _daily_jobs(db_file: str, day: date) -> None:
    retention.run_daily(db_file, day)
    try:
        with db.open_db(db_file) as d:
            throttle.flush_summaries(d)
    except Exception as exc:  # noqa: BLE001 - retried the next day
        log.error("samenvatting mislukte aanmeldingen niet geschreven: %s", type(exc).__name__)


@st.cache_resource(show_spinner=False, max_entries=2)
def _daily(db_file: str, day: str) -> None:
    """Once a day per process (the meta table makes it once a day overall): retention, and
    forgetting the respondent keys of evaluations that closed, in the background so that no page
    waits for it."""
    threading.Thread(
        target=_daily_jobs,
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
    """A database connection for this unit of work (read-only while the session is idle)."""
    with db.open_db() as d:
        if st.session_state.get("_read_only"):
            d.conn.execute("PRAGMA query_only = ON")
        yield d


def cat() -> Catalog:
    return catalog()


# ---------------------------------------------------------------- cookies and single sign-on


def request_cookies() -> Mapping[str, str]:
    """The cookies this browser sent when the page was loaded (see TEST_COOKIES)."""
    if st_config.get_option("global.appTest"):
        value = st.session_state.get(TEST_COOKIES)
        return dict(value) if isinstance(value, Mapping) else {}
    try:
        return {k: v for k, v in st.context.cookies.items() if isinstance(v, str)}
    except Exception:  # noqa: BLE001 - no browser context: no cookies
        return {}


def client_address() -> str:
    """The browser's address as the server sees it (for sign-in throttling only)."""
    if st_config.get_option("global.appTest"):
        return "apptest"
    try:
        ip = st.context.ip_address
    except Exception:  # noqa: BLE001
        ip = None
    return ip if isinstance(ip, str) and ip else "lokaal"


def _secrets() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except Exception:  # noqa: BLE001 - no secrets file at all: no secrets
        return {}


def sso_settings() -> sso.SsoSettings | None:
    """Single sign-on settings (None: off, the embedded default)."""
    return sso.settings(_secrets())


def _sso_identity() -> dict[str, Any] | None:
    """What Streamlit's `st.user` holds after single sign-on (None when not signed in so)."""
    if sso_settings() is None:
        return None
    try:
        if not st.user.is_logged_in:
            return None
        return st.user.to_dict()
    except Exception:  # noqa: BLE001 - no user information in this runtime
        return None


def _sso_check(d: Database) -> sessions.Check:
    """The session of a single sign-on; a fresh sign-in at the identity provider opens one."""
    ident = _sso_identity()
    if not ident or not ident.get("sub") or not ident.get("nonce"):
        return sessions.Check("unknown")
    key = sessions.sso_token(str(ident.get("provider")), str(ident["sub"]), str(ident["nonce"]))
    found = sessions.check(d, key)
    if found.status != "unknown" or not sso.is_fresh(ident.get("iat")):
        return found
    if st.session_state.get("_sso_refused") == key:  # said once; not again on every click
        return found
    try:
        staff = auth.sso_signin(d, ident.get("email"), ident.get("email_verified"))
    except auth.SigninError as exc:
        st.session_state["_sso_refused"] = key
        st.session_state["flash_signin"] = ("error", md(str(exc)))
        return sessions.Check("unknown")
    browser = request_cookies().get(sessions.BROWSER_COOKIE)
    sessions.create(d, staff.id, "sso", key, device=_device(), browser=browser)
    st.session_state["_sso_new"] = True
    return sessions.check(d, key)


def md(text: object) -> str:
    """`app_ui.widgets.md` (imported when called: widgets imports this module)."""
    from app_ui.widgets import md as escape

    return escape(text)


def _device() -> str:
    try:
        return sessions.device_label(st.context.headers.get("user-agent"))
    except Exception:  # noqa: BLE001
        return ""


# ---------------------------------------------------------------- roles and guards


def _this_run() -> object | None:
    """An object that is the same throughout one script run and new in the next (Streamlit
    gives every run new widget cursors); None outside a run."""
    ctx = get_script_run_ctx()
    return None if ctx is None else ctx.cursors


def _once_per_run(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, called at most once per script run (kept in the session under `name`): the
    role, the page guard and the page all ask who the visitor is, and each answer is a lookup in
    the database. Outside a run it is called every time."""
    run = _this_run()
    memo = st.session_state.get(name)
    if run is not None and memo is not None and memo[0] is run:
        return memo[1]
    value = compute()
    st.session_state[name] = (run, value)
    return value


def _session_check() -> sessions.Check:
    """The staff session of this browser, looked up once per script run."""
    return _once_per_run("_session_check", _lookup_session)


def _lookup_session() -> sessions.Check:
    """The staff session of this browser (password cookie first, then single sign-on)."""
    cookies = request_cookies()
    token = cookies.get(sessions.SECURE_COOKIE) or cookies.get(sessions.COOKIE)
    with db.open_db() as d:
        found = sessions.check(d, token) if token else sessions.Check("unknown")
        if found.status in ("unknown", "revoked", "expired"):
            via_sso = _sso_check(d)
            if via_sso.status != "unknown" or found.status == "unknown":
                found = via_sso
    return found


def _as_dict(user: sessions.SessionUser) -> dict[str, Any]:
    return {
        "username": user.username,
        "role": user.role,
        "must_change_password": user.must_change_password,
        "method": user.method,
        "session_id": user.session_id,
    }


def staff_user() -> dict[str, Any] | None:
    """The signed-in staff member of this run, or None (checked against the database)."""
    found = _session_check()
    seen = st.session_state.get("_session_id")
    if found.status == "idle" and found.user and seen == found.user.session_id:
        user = _as_dict(found.user)
        user["idle"] = True
        _note_idle(found.user)
        st.session_state["staff"] = user
        return user
    if not found.active or found.user is None:
        _signed_out(found)
        return None
    st.session_state["_session_id"] = found.user.session_id
    st.session_state.pop("_idle_noted", None)
    user = _as_dict(found.user)
    st.session_state["staff"] = user
    return user


def _note_idle(user: sessions.SessionUser) -> None:
    if st.session_state.get("_idle_noted") != user.session_id:
        st.session_state["_idle_noted"] = user.session_id
        with db.open_db() as d:
            audit.record(d, user.username, "sessie verlopen", "staff", user.username)


def _signed_out(found: sessions.Check) -> None:
    """Forget a staff session that ended while this tab was open, and say why."""
    if st.session_state.get("_session_id") is None:
        st.session_state.pop("staff", None)
        return
    reason = found.reason if found.status == "revoked" else found.status
    if found.status == "idle" and found.user:
        _note_idle(found.user)
    for key in list(st.session_state.keys()):
        if key not in (TEST_COOKIES,):
            del st.session_state[key]
    text = REASONS.get(reason or "", REASONS["expired"])
    st.session_state["flash_signin"] = ("info", text)


def sign_out() -> None:
    """End this browser's staff session (every tab), audited; single sign-on also signs out at
    the identity provider."""
    user = st.session_state.get("staff") or {}
    session_id = user.get("session_id")
    if session_id:
        with db.open_db() as d:
            sessions.revoke(d, session_id, sessions.REVOKED_SIGNOUT)
            audit.record(d, user["username"], "afgemeld", "staff", user["username"])
    for key in list(st.session_state.keys()):
        if key != TEST_COOKIES:
            del st.session_state[key]
    st.session_state["flash_signin"] = ("info", REASONS[sessions.REVOKED_SIGNOUT])
    if user.get("method") == "sso" and not st_config.get_option("global.appTest"):
        st.logout()  # sends the browser to the provider's sign-out; a rerun would drop that
        st.stop()


def is_idle() -> bool:
    """Whether this run's staff session is idle (the page may show but not write)."""
    return bool((st.session_state.get("staff") or {}).get("idle"))


def contact_invite() -> invites.Invite | None:
    """The invite of a municipality contact: from ?token=…, kept for the session, checked anew
    on every run so that revocation and expiry take effect at once."""
    token = st.query_params.get("token")
    if token:
        st.session_state["invite_token"] = token
    token = st.session_state.get("invite_token")
    if not token:
        return None

    def lookup() -> invites.Invite | None:
        with conn() as d:
            return invites.resolve(d, token, purpose="intake")

    return _once_per_run("_contact_invite", lookup)


def followup_invite() -> invites.Invite | None:
    """The follow-up invite of a municipality contact (?terugblik=…), kept for the session and
    checked anew on every run, as for the intake link."""
    token = st.query_params.get("terugblik")
    if token:
        st.session_state["followup_token"] = token
    token = st.session_state.get("followup_token")
    if not token:
        return None

    def lookup() -> invites.Invite | None:
        with conn() as d:
            return followup.resolve(d, token)

    return _once_per_run("_followup_invite", lookup)


def role() -> str:
    """'respondent', 'followup-respondent', 'followup-contact', 'contact', 'invalid-link',
    'staff', 'admin' or 'anonymous'.

    A link (evaluation, participants' follow-up, invite or follow-up invite) decides the role of
    its tab, whatever staff session the browser also has: a staff session is never used through
    a link, nor a link's access on a staff page."""
    st.session_state["_read_only"] = False
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
        st.session_state["_read_only"] = bool(user.get("idle"))
        return user["role"]
    return "anonymous"


def require_staff(admin: bool = False) -> dict[str, Any]:
    """Top of every staff page: stop unless a staff member (or admin) is signed in."""
    user = staff_user()
    link_holder = any(st.session_state.get(k) for k in LINK_TOKENS.values())
    if not user or link_holder:
        st.error("Deze pagina is alleen voor medewerkers van Platform JEP. Meld u eerst aan.")
        st.stop()
    if admin and user["role"] != "admin":
        st.error("Deze pagina is alleen voor beheerders.")
        st.stop()
    st.session_state["_read_only"] = bool(user.get("idle"))
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
    if not isinstance(url, str):
        url = ""
    if "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://{rest.split('/', 1)[0]}"
    return "http://localhost:8501"


# ---------------------------------------------------------------- navigation


def signin_url(path: str = "") -> str:
    """The sign-in route, coming back to this page (`path`) with its query parameters."""
    params = {k: st.query_params.get_all(k) for k in st.query_params if k != "sso"}
    query = urlencode(params, doseq=True)
    target = "/" + path.strip("/") + (f"?{query}" if query else "")
    return "/aanmelden?" + urlencode({"next": target})


def sso_next() -> tuple[str, dict[str, str]] | None:
    """Where a fresh single sign-on should go on to (remembered by /aanmelden/sso), once."""
    if not st.session_state.pop("_sso_new", False):
        return None
    raw = request_cookies().get(NEXT_COOKIE)
    if not raw:
        return None
    target = unquote(raw)
    if not target.startswith("/") or target.startswith("//"):
        return None
    path, _, query = target.partition("?")
    params = {}
    for part in query.split("&") if query else []:
        key, _, value = part.partition("=")
        if key and key not in params:
            params[unquote(key)] = unquote(value.replace("+", " "))
    return path.strip("/"), params


def link_params(role_name: str) -> dict[str, str]:
    """The query parameter that keeps a link holder's token in the URL of every page of their
    role (empty for staff and anonymous visitors)."""
    param = LINK_PARAM.get(role_name)
    token = st.session_state.get(LINK_TOKENS[param]) if param else None
    return {param: token} if param and token else {}


def elsewhere(role_name: str, default_path: str) -> Callable[[], None]:
    """The page behind another role's page path, for this user: where they belong instead of
    Streamlit's English "Page not found"."""

    def page() -> None:
        st.switch_page(default_path, query_params=link_params(role_name) or None)

    return page


def contact_sidebar(specs: list, token: str) -> None:
    """A municipality contact's navigation: every link keeps the invite token in the URL, so a
    refresh or a bookmark of any of their pages still works."""
    with st.sidebar:
        for spec in specs:
            st.page_link(
                spec.path, label=md(spec.title), icon=spec.icon, query_params={"token": token}
            )


def staff_footer() -> None:
    st.sidebar.caption(f"Werkatelier-dashboard · versie {md(jep.__version__)}")


# ---------------------------------------------------------------- idle sessions


def reauth_panel() -> None:
    """Above an idle session's page: continue the session with the password (a single sign-on
    goes through the identity provider again)."""
    user = st.session_state.get("staff") or {}
    box = st.container(border=True)
    box.warning(
        "Uw sessie is verlopen na een periode zonder activiteit. Wat u hebt ingevuld, blijft "
        "staan, maar wordt pas opgeslagen als u zich opnieuw aanmeldt.",
        icon=":material/lock_clock:",
    )
    notice = st.session_state.pop("_reauth_error", None)
    if user.get("method") == "sso":
        _reauth_sso(box, user, notice)
        return
    with box.form("reauth", enter_to_submit=True):
        st.text_input("Gebruikersnaam", value=user.get("username", ""), disabled=True)
        password = st.text_input(
            "Wachtwoord", type="password", autocomplete="current-password", key="reauth_password"
        )
        if notice:
            st.error(md(notice))
        go_on = st.form_submit_button("Opnieuw aanmelden", type="primary")
    if go_on:
        with db.open_db() as d:
            try:
                auth.confirm_password(d, user["username"], password, address=client_address())
            except auth.SigninError as exc:
                st.session_state["_reauth_error"] = str(exc)
            else:
                sessions.revive(d, user["session_id"])
                st.session_state["_reauth_done"] = True
        st.session_state.pop("reauth_password", None)
        st.rerun()


def _reauth_sso(box: Any, user: dict[str, Any], notice: str | None) -> None:
    """Single sign-on goes through the identity provider, which would reload this page: it
    happens in a new tab, and this tab goes on once that sign-in is done (same browser)."""
    settings = sso_settings()
    label = settings.label if settings else "Opnieuw aanmelden"
    box.write(
        "1. Meld u opnieuw aan in een nieuw tabblad. 2. Kom terug naar dit tabblad en klik op "
        "*Doorgaan*."
    )
    page = st.session_state.get("_page") or ""
    box.link_button(f"{label} (nieuw tabblad)", "/aanmelden/sso?next=/" + page)
    if notice:
        box.error(md(notice))
    if box.button("Doorgaan", type="primary", key="reauth_sso_done"):
        with db.open_db() as d:
            browser = request_cookies().get(sessions.BROWSER_COOKIE)
            ok = sessions.revive_after_sso(d, user["session_id"], browser)
        if ok:
            st.session_state["_reauth_done"] = True
        else:
            st.session_state["_reauth_error"] = (
                "U bent nog niet opnieuw aangemeld. Meld u eerst aan in het nieuwe tabblad en "
                "klik daarna hier op Doorgaan."
            )
        st.rerun()


def reauth_notice() -> None:
    if st.session_state.pop("_reauth_done", False):
        st.success(
            "U bent weer aangemeld. Wat u had ingevuld, staat er nog: klik nogmaals op de knop "
            "om het op te slaan.",
            icon=":material/lock_open:",
        )


def run_page(page: Any, pages_changed: bool) -> None:
    """Run the page; a write refused because the session is idle becomes a notice (and one
    rerun, so every field of the page is drawn again with what was typed)."""
    refused = st.session_state.pop("_write_refused", False)
    if refused:
        st.error(
            "Niet opgeslagen: uw sessie was verlopen. Meld u hierboven opnieuw aan en klik dan "
            "nogmaals op de knop.",
            icon=":material/error:",
        )
    try:
        page.run()
    except sqlite3.OperationalError as exc:
        if not (is_idle() and "readonly" in str(exc).replace(" ", "")):
            raise
        if refused or pages_changed:
            st.stop()
        st.session_state["_write_refused"] = True
        st.toast("Niet opgeslagen: meld u bovenaan de pagina opnieuw aan.", icon=":material/lock:")
        st.rerun()
