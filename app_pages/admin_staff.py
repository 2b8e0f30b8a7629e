"""Admin: staff accounts — add, switch off or on, reset a password, change the role, link an
e-mail address for single sign-on — and the open sessions of every account, which an admin can
end."""

import time

import pandas as pd
import streamlit as st

from app_ui import session, widgets
from app_ui.widgets import md
from jep import auth
from jep.access import sessions
from jep.fmt import fmt_date, fmt_moment

user = session.require_staff(admin=True)
me = user["username"]
st.title("Medewerkers")
st.caption(
    "Beheerders beheren accounts, bewaartermijnen en verwijderingen; medewerkers doen de rest. "
    "Een nieuw of gereset account krijgt een eenmalig wachtwoord dat bij de eerste aanmelding "
    "moet worden vervangen."
)

# A one-time password is shown once, right after it was made, and then forgotten.
issued = st.session_state.pop("admin_one_time", None)
if issued:
    name, password, what = issued
    st.success(f"{md(what)} Geef het eenmalige wachtwoord van **{md(name)}** veilig door:")
    st.code(password, language=None)
    st.caption("Dit wachtwoord wordt maar één keer getoond en nergens bewaard.")
widgets.show_flash("admin")

with session.conn() as d:
    accounts = auth.list_staff(d)

table = pd.DataFrame(
    [
        {
            "Gebruikersnaam": a["username"],
            "Rol": auth.ROLES.get(a["role"], a["role"]),
            "E-mail (SSO)": a["email"] or "—",
            "Status": ("actief" if a["active"] else "uitgeschakeld")
            + (" · aanmelden vertraagd" if a["locked"] else "")
            + (" · eenmalig wachtwoord" if a["must_change_password"] else ""),
            "Laatst aangemeld": fmt_date(a["last_signin"]) if a["last_signin"] else "—",
            "Aangemaakt": fmt_date(a["created_at"]),
        }
        for a in accounts
    ]
)
st.dataframe(table, hide_index=True, width="stretch")

st.subheader("Account toevoegen")
errors = st.session_state.get("admin_add_errors", {})
if st.session_state.pop("admin_add_clear", False):
    st.session_state["admin_add_name"] = ""
with st.form("add_account"):
    c1, c2 = st.columns([2, 1])
    new_name = c1.text_input(
        "Gebruikersnaam",
        max_chars=auth.USERNAME_MAX,
        help="Letters, cijfers en . _ - @",
        key="admin_add_name",
    )
    widgets.field_error(errors, "username")
    new_role = c2.selectbox(
        "Rol",
        list(auth.ROLES),  # least privileged first: Medewerker is the default
        format_func=auth.ROLES.get,
        key="admin_add_role",
    )
    add = st.form_submit_button("Account toevoegen", type="primary")
# The add just made, for a second press of the button that arrives after it (a double click, or
# a click while the page was busy): that press shows the same one-time password again instead of
# "the name exists", which hid the password the admin has to hand over.
REPEAT_SECONDS = 30
if add:
    last = st.session_state.get("admin_last_add")
    repeat = (
        last is not None
        and last["issued"][0].lower() == new_name.strip().lower()
        and time.monotonic() - last["at"] < REPEAT_SECONDS
    )
    if repeat:
        st.session_state["admin_add_errors"] = {}
        st.session_state["admin_one_time"] = last["issued"]
    else:
        try:
            with session.conn() as d:
                password = auth.add_account(d, new_name, new_role, me)
        except auth.AccountError as exc:
            st.session_state["admin_add_errors"] = {"username": str(exc)}
        else:
            issued = (new_name.strip(), password, "Account aangemaakt.")
            st.session_state["admin_add_errors"] = {}
            st.session_state["admin_add_clear"] = True
            st.session_state["admin_one_time"] = issued
            st.session_state["admin_last_add"] = {"issued": issued, "at": time.monotonic()}
    st.rerun()

st.subheader("Account wijzigen")
names = [a["username"] for a in accounts]
by_name = {a["username"]: a for a in accounts}


def _account_picked() -> None:
    st.session_state["admin_chosen"] = st.session_state.get("admin_account")


# The choice is kept apart from the widget and put back before it is drawn: an account's label
# changes with its role and status, which makes it a new widget, and the next button press was
# lost with the old one (CONTRIBUTING: a widget whose start value follows state has a key).
kept = st.session_state.get("admin_chosen")
st.session_state["admin_account"] = kept if kept in by_name else None
chosen = st.selectbox(
    "Account",
    names,
    index=None,
    on_change=_account_picked,
    placeholder="Kies een account…",
    format_func=lambda n: (
        f"{n} ({auth.ROLES.get(by_name[n]['role'])}"
        + ("" if by_name[n]["active"] else ", uitgeschakeld")
        + ")"
    ),
    key="admin_account",
)
if chosen:
    acc = by_name[chosen]
    own = chosen.lower() == me.lower()
    if own:
        st.info(
            "Dit is uw eigen account: uitschakelen of uw rol wijzigen kan een andere beheerder."
        )
    c1, c2, c3 = st.columns(3)
    action = None
    if acc["active"]:
        if c1.button("Uitschakelen", disabled=own, help="Het account kan niet meer aanmelden."):
            action = ("active", False)
    elif c1.button("Weer inschakelen"):
        action = ("active", True)
    if c2.button(
        "Wachtwoord resetten",
        help="Maakt een eenmalig wachtwoord, meldt het account overal af en heft een "
        "vertraging van het aanmelden op.",
    ):
        action = ("reset", None)
    other = "staff" if acc["role"] == "admin" else "admin"
    if c3.button(f"Maak {auth.ROLES[other].lower()}", disabled=own):
        action = ("role", other)
    if action:
        kind, value = action
        try:
            with session.conn() as d:
                if kind == "active":
                    auth.set_active(d, chosen, value, me)
                    widgets.flash(
                        "admin",
                        f"{chosen} is weer ingeschakeld."
                        if value
                        else f"{chosen} is uitgeschakeld.",
                    )
                elif kind == "reset":
                    password = auth.reset_password(d, chosen, me)
                    st.session_state["admin_one_time"] = (
                        chosen,
                        password,
                        "Wachtwoord gereset.",
                    )
                else:
                    auth.set_role(d, chosen, value, me)
                    widgets.flash("admin", f"{chosen} is nu {auth.ROLES[value].lower()}.")
        except auth.AccountError as exc:
            st.error(md(str(exc)))
        else:
            st.rerun()

    with st.form(f"admin_email_{chosen}"):
        email = st.text_input(
            "E-mailadres voor aanmelden via de organisatie (SSO)",
            value=acc["email"],
            max_chars=auth.EMAIL_MAX,
            help="Het adres dat de identiteitsprovider doorgeeft. Leeg: geen eenmalige aanmelding.",
        )
        save_email = st.form_submit_button("E-mailadres opslaan")
    if save_email:
        try:
            with session.conn() as d:
                auth.set_email(d, chosen, email, me)
        except auth.AccountError as exc:
            st.error(md(str(exc)))
        else:
            widgets.flash("admin", f"Het e-mailadres van {chosen} is opgeslagen.")
            st.rerun()

st.subheader("Open sessies")
st.caption(
    "Waar medewerkers nu zijn aangemeld. Een beëindigde sessie is bij de volgende klik in elk "
    "open tabblad afgemeld."
)
with session.conn() as d:
    live = sessions.live(d)
if not live:
    st.write("Er zijn geen open sessies.")
for s in live:
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    method = sessions.METHODS.get(s["method"], s["method"])
    since, last = fmt_moment(s["created_at"]), fmt_moment(s["last_seen_at"])
    c1.write(
        f"**{md(s['username'])}** · {md(s['device'] or 'onbekende browser')} · {md(method)} · "
        f"sinds {md(since)} · laatst actief {md(last)}" + (" · inactief" if s["idle"] else "")
    )
    own = s["id"] == user["session_id"]
    if c2.button(
        "Beëindigen",
        key=f"end_session_{s['id']}",
        disabled=own,
        help="Uw eigen sessie beëindigt u met Afmelden." if own else None,
    ):
        try:
            with session.conn() as d:
                auth.end_session(d, s["id"], me)
        except auth.AccountError as exc:
            st.error(md(str(exc)))
        else:
            widgets.flash("admin", f"De sessie van {s['username']} is beëindigd.")
            st.rerun()
