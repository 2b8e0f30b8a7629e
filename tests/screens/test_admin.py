"""Roles: account management by admins, guards, session time-out, admin-only pages."""

import json
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from support.apptest import assert_unreachable, new_app, session_cookie, sign_in
from support.server import ADMIN_PASSWORD

from app_ui.session import TEST_COOKIES
from jep import auth
from jep.privacy import retention
from jep.store import audit, db
from jep.workshop import intake, invites, workshops

ADMIN_PAGES = ("app_pages/admin_staff.py", "app_pages/admin_privacy.py")


@pytest.fixture
def admin(conn):
    auth.ensure_admin(conn, "beheer-wachtwoord-1")
    return "admin"


def _retention_settled() -> None:
    """Wait for the application's background retention job (started at sign-in) to finish."""
    for thread in threading.enumerate():
        if thread.name == "jep-retention":
            thread.join(timeout=30)


# ---------------------------------------------------------------- account rules


def test_add_account_gives_a_one_time_password(conn, admin):
    password = auth.add_account(conn, "  mira ", "staff", admin)
    assert len(password) >= 16
    user = auth.authenticate(conn, "mira", password, delay=0)
    assert user.role == "staff" and user.must_change_password
    row = audit.entries(conn, action="account aangemaakt").iloc[0]
    assert (row["actor"], row["entity_id"]) == ("admin", "mira")
    with pytest.raises(auth.AccountError, match="bestaat al"):
        auth.add_account(conn, "MIRA", "staff", admin)
    with pytest.raises(auth.AccountError, match="rol"):
        auth.add_account(conn, "nora", "baas", admin)
    with pytest.raises(auth.AccountError, match="letters"):
        auth.add_account(conn, "na<script>", "staff", admin)


def test_only_an_active_admin_manages_accounts(conn, admin):
    auth.add_account(conn, "mira", "staff", admin)
    for call in (
        lambda: auth.add_account(conn, "nora", "staff", "mira"),
        lambda: auth.set_active(conn, "admin", False, "mira"),
        lambda: auth.set_role(conn, "mira", "admin", "mira"),
        lambda: auth.reset_password(conn, "admin", "mira"),
        lambda: auth.add_account(conn, "nora", "staff", "onbekend"),
    ):
        with pytest.raises(auth.AccountError, match="beheerder"):
            call()


def test_deactivate_and_reactivate(conn, admin):
    pw = auth.add_account(conn, "mira", "staff", admin)
    auth.set_active(conn, "mira", False, admin)
    with pytest.raises(auth.SigninError):
        auth.authenticate(conn, "mira", pw, delay=0)
    assert auth.get_staff(conn, "mira") is None
    assert not next(a for a in auth.list_staff(conn) if a["username"] == "mira")["active"]
    auth.set_active(conn, "mira", True, admin)
    assert auth.authenticate(conn, "mira", pw, delay=0).username == "mira"
    acts = list(audit.entries(conn)["action"])
    assert "account uitgeschakeld" in acts and "account ingeschakeld" in acts


def test_admin_cannot_deactivate_self_or_the_last_admin(conn, admin):
    with pytest.raises(auth.AccountError, match="eigen account"):
        auth.set_active(conn, "admin", False, admin)
    auth.add_account(conn, "tweede", "admin", admin)
    # with two admins, one may switch off the other …
    auth.set_active(conn, "admin", False, "tweede")
    auth.set_active(conn, "admin", True, "tweede")
    # … but never demote or switch off the last active one
    auth.set_role(conn, "tweede", "staff", admin)
    with pytest.raises(auth.AccountError, match="eigen rol"):
        auth.set_role(conn, "admin", "staff", admin)
    assert [a["username"] for a in auth.list_staff(conn) if a["role"] == "admin"] == ["admin"]


def test_last_admin_rule_holds_across_two_admins(conn, admin):
    auth.add_account(conn, "tweede", "admin", admin)
    auth.set_active(conn, "tweede", False, admin)
    # 'tweede' is off, so 'admin' is the last active admin: nobody can remove it
    auth.add_account(conn, "derde", "admin", admin)
    auth.set_role(conn, "derde", "staff", admin)
    with pytest.raises(auth.AccountError, match="eigen"):
        auth.set_active(conn, "admin", False, admin)


def test_reset_password_lifts_a_lock(conn, admin):
    pw = auth.add_account(conn, "mira", "staff", admin)
    for _ in range(5):
        with pytest.raises(auth.SigninError):
            auth.authenticate(conn, "mira", "fout", delay=0)
    assert next(a for a in auth.list_staff(conn) if a["username"] == "mira")["locked"]
    new = auth.reset_password(conn, "mira", admin)
    assert new != pw
    with pytest.raises(auth.SigninError):
        auth.authenticate(conn, "mira", pw, delay=0)
    user = auth.authenticate(conn, "mira", new, delay=0)
    assert user.must_change_password
    with pytest.raises(auth.AccountError, match="bestaat niet"):
        auth.reset_password(conn, "niemand", admin)


def test_role_change_is_audited(conn, admin):
    auth.add_account(conn, "mira", "staff", admin)
    auth.set_role(conn, "mira", "admin", admin)
    row = audit.entries(conn, action="rol gewijzigd").iloc[0]
    assert '"naar": "admin"' in row["detail"] and row["entity_id"] == "mira"
    assert auth.get_staff(conn, "mira").role == "admin"


# ---------------------------------------------------------------- navigation and guards


def _staff_app(conn, name="medewerker", password="wachtwoord-1234"):
    auth.create_staff(conn, name, password, role="staff")
    return sign_in(new_app(), name, password)


def test_staff_member_cannot_reach_admin_pages(db_file, conn):
    at = _staff_app(conn)
    assert not at.exception
    for page in ADMIN_PAGES:
        assert_unreachable(at, page)  # not in a staff member's navigation
    at.switch_page("app_pages/audit.py").run()  # the audit log is for all staff
    assert at.title[0].value == "Auditlog"


def test_anonymous_and_contact_cannot_reach_admin_pages(db_file):
    at = new_app().run()
    for page in (*ADMIN_PAGES, "app_pages/audit.py"):
        assert_unreachable(at, page)


def test_admin_page_guard_stops_a_staff_session(db_file, conn):
    """The page's own guard: even when run directly, a staff member gets no admin page."""
    from conftest import ROOT
    from streamlit.testing.v1 import AppTest

    auth.create_staff(conn, "medewerker", "wachtwoord-1234", role="staff")
    for page in ADMIN_PAGES:
        at = AppTest.from_file(str(ROOT / page), default_timeout=60)
        at.session_state[TEST_COOKIES] = session_cookie("medewerker", "wachtwoord-1234")
        at.run()
        assert "alleen voor beheerders" in at.error[0].value
        assert not at.title


def _idle(minutes: int) -> None:
    """Make every session look as if its last activity was `minutes` ago."""
    moment = (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat(timespec="seconds")
    with db.open_db() as d:
        d.execute("UPDATE staff_sessions SET last_seen_at = ?", [moment])
        d.conn.commit()


def test_idle_session_keeps_what_was_typed_and_saves_after_the_password(staff_app, db_file):
    from tests.screens.test_planning import open_page, setup_workshop

    wid = setup_workshop(db_file)
    at = open_page(staff_app, "app_pages/planning.py", wid)
    _idle(61)
    at.text_input(key=f"pl{wid}_location").input("Stadhuis, zaal 2")
    at.button(key=f"FormSubmitter:pl{wid}_form-Planning opslaan").click().run()
    assert not at.exception
    assert "Niet opgeslagen: uw sessie was verlopen" in at.error[0].value
    assert "sessie is verlopen" in at.warning[0].value
    assert at.text_input(key=f"pl{wid}_location").value == "Stadhuis, zaal 2"  # kept
    with db.open_db() as d:
        assert d.execute("SELECT location FROM workshops WHERE id = ?", [wid]).fetchone() == (None,)
        assert audit.count(d, action="sessie verlopen") == 1
    # a wrong password: refused, still nothing lost
    at.text_input(key="reauth_password").input("fout-wachtwoord")
    at.button(key="FormSubmitter:reauth-Opnieuw aanmelden").click().run()
    assert "klopt niet" in at.error[0].value
    assert at.text_input(key=f"pl{wid}_location").value == "Stadhuis, zaal 2"
    # the right one: the session goes on, the typed value is still there and now saves
    at.text_input(key="reauth_password").input(ADMIN_PASSWORD)
    at.button(key="FormSubmitter:reauth-Opnieuw aanmelden").click().run()
    assert "weer aangemeld" in at.success[0].value
    assert at.text_input(key=f"pl{wid}_location").value == "Stadhuis, zaal 2"
    at.button(key=f"FormSubmitter:pl{wid}_form-Planning opslaan").click().run()
    assert not at.exception and not at.error
    with db.open_db() as d:
        assert d.execute("SELECT location FROM workshops WHERE id = ?", [wid]).fetchone() == (
            "Stadhuis, zaal 2",
        )


def test_idle_session_in_a_new_tab_signs_in_again(staff_app):
    cookies = dict(staff_app.session_state[TEST_COOKIES])
    _idle(61)
    at = new_app()
    at.session_state[TEST_COOKIES] = cookies  # a new tab: the same cookie, a new session
    at.run()
    assert at.title[0].value == "Werkateliers informatie delen"  # the sign-in page
    assert "staff" not in at.session_state


def test_session_stays_within_the_time_limit(staff_app):
    at = staff_app
    _idle(59)
    at.switch_page("app_pages/audit.py").run()
    assert at.title[0].value == "Auditlog" and "staff" in at.session_state
    assert not at.warning


def test_session_ends_after_its_absolute_lifetime(staff_app):
    with db.open_db() as d:
        d.execute("UPDATE staff_sessions SET expires_at = '2000-01-01T00:00:00+00:00'")
        d.conn.commit()
    staff_app.run()
    assert "staff" not in staff_app.session_state
    assert "verlopen" in staff_app.info[0].value


def test_a_new_tab_and_a_shared_link_open_signed_in(staff_app, db_file):
    cookies = dict(staff_app.session_state[TEST_COOKIES])
    at = new_app()
    at.session_state[TEST_COOKIES] = cookies
    at.query_params["provincie"] = "Utrecht"
    at.run()
    assert at.title[0].value == "Programma" and not at.exception


def test_sign_out_ends_the_session_in_every_tab(staff_app):
    cookies = dict(staff_app.session_state[TEST_COOKIES])
    other = new_app()
    other.session_state[TEST_COOKIES] = cookies
    other.run()
    at = staff_app.switch_page("app_pages/account.py").run()
    [b for b in at.button if b.label == "Afmelden"][0].click().run()
    assert "afgemeld" in at.info[0].value and "staff" not in at.session_state
    other.run()  # the other tab's next interaction
    assert "staff" not in other.session_state
    assert "afgemeld" in other.info[0].value
    with db.open_db() as d:
        assert audit.count(d, action="afgemeld") == 1


def test_switched_off_account_is_signed_out_at_once(db_file, conn):
    auth.ensure_admin(conn, "x-wachtwoord-123")
    at = _staff_app(conn)
    at.switch_page("app_pages/audit.py").run()
    auth.set_active(conn, "medewerker", False, "admin")
    at.run()
    assert "staff" not in at.session_state
    assert "uitgeschakeld" in at.info[0].value


def test_demoted_admin_loses_admin_pages_at_once(db_file, conn):
    auth.ensure_admin(conn, "x-wachtwoord-123")
    auth.create_staff(conn, "tweede", "wachtwoord-1234", role="admin")
    at = sign_in(new_app(), "tweede", "wachtwoord-1234")
    at.switch_page("app_pages/admin_staff.py").run()
    assert at.title[0].value == "Medewerkers"
    auth.set_role(conn, "tweede", "staff", "admin")
    at.run()  # the demotion ended the session: signed out at the next interaction
    assert "staff" not in at.session_state
    assert "rol is gewijzigd" in at.info[0].value
    sign_in(at, "tweede", "wachtwoord-1234")
    assert at.session_state["staff"]["role"] == "staff"
    assert_unreachable(at, "app_pages/admin_staff.py")


# ---------------------------------------------------------------- admin screens


def test_admin_staff_page_adds_an_account_and_shows_the_password_once(staff_app):
    at = staff_app.switch_page("app_pages/admin_staff.py").run()
    assert not at.exception and at.title[0].value == "Medewerkers"
    assert "admin" in set(at.dataframe[0].value["Gebruikersnaam"])
    at.text_input(key="admin_add_name").input("bad name!")
    at.button[0].click().run()
    assert "Gebruik alleen letters" in at.error[0].value
    assert at.text_input(key="admin_add_name").value == "bad name!"  # what was typed stays
    at.text_input(key="admin_add_name").input("nieuwe.collega")
    at.button[0].click().run()
    assert not at.exception
    password = at.code[0].value
    assert "Account aangemaakt" in at.success[0].value and len(password) >= 16
    assert "nieuwe.collega" in set(at.dataframe[0].value["Gebruikersnaam"])
    at.run()
    assert not at.code  # shown once
    other = sign_in(new_app(), "nieuwe.collega", password)
    assert other.title[0].value == "Account"  # must choose an own password first


def test_admin_staff_page_deactivates_resets_and_changes_role(staff_app, db_file):
    with db.open_db() as d:
        auth.create_staff(d, "mira", "wachtwoord-1234", actor="admin")
    at = staff_app.switch_page("app_pages/admin_staff.py").run()
    at.selectbox(key="admin_account").set_value("mira").run()
    labels = [b.label for b in at.button]
    at.button[labels.index("Uitschakelen")].click().run()
    assert "uitgeschakeld" in at.success[0].value
    at.selectbox(key="admin_account").set_value("mira").run()
    labels = [b.label for b in at.button]
    at.button[labels.index("Weer inschakelen")].click().run()
    at.selectbox(key="admin_account").set_value("mira").run()
    labels = [b.label for b in at.button]
    at.button[labels.index("Maak beheerder")].click().run()
    assert "beheerder" in at.success[0].value
    at.selectbox(key="admin_account").set_value("mira").run()
    labels = [b.label for b in at.button]
    at.button[labels.index("Wachtwoord resetten")].click().run()
    assert "Wachtwoord gereset" in at.success[0].value and at.code[0].value
    with db.open_db() as d:
        acts = set(audit.entries(d)["action"])
        assert {"account uitgeschakeld", "account ingeschakeld", "rol gewijzigd"} <= acts
        assert "wachtwoord gereset" in acts


def test_a_second_press_of_add_shows_the_same_password_not_an_error(staff_app):
    """A double click (or a click while the page was busy) sends the add twice, with the name
    still in the browser's form: the second press must not hide the one-time password behind
    "the name exists"."""
    at = staff_app.switch_page("app_pages/admin_staff.py").run()
    at.text_input(key="admin_add_name").input("dubbel.klik")
    at.button[0].click().run()
    password = at.code[0].value
    at.text_input(key="admin_add_name").input("dubbel.klik")  # the second press's form
    at.button[0].click().run()
    assert not at.error, [e.value for e in at.error]
    assert at.code and at.code[0].value == password
    with db.open_db() as d:
        assert [a["username"] for a in auth.list_staff(d)].count("dubbel.klik") == 1
    at.text_input(key="admin_add_name").input("Dubbel.Klik")  # a real second add later on is
    at.session_state["admin_last_add"]["at"] -= 60  # refused as before
    at.button[0].click().run()
    assert "bestaat al" in at.error[0].value


def test_the_chosen_account_stays_through_actions_that_change_its_label(staff_app):
    """Switching an account off or changing its role changes its label in the picker; each next
    press must still act on it (the next one was lost, and the picker emptied)."""
    with db.open_db() as d:
        auth.create_staff(d, "mira", "wachtwoord-1234", actor="admin")
    at = staff_app.switch_page("app_pages/admin_staff.py").run()
    at.selectbox(key="admin_account").set_value("mira").run()  # picked once only
    for press in ("Uitschakelen", "Maak beheerder", "Weer inschakelen", "Maak medewerker"):
        labels = [b.label for b in at.button]
        assert press in labels, (press, labels)
        at.button[labels.index(press)].click().run()
        assert not at.exception
        assert at.selectbox(key="admin_account").value == "mira", press
    with db.open_db() as d:
        mira = next(a for a in auth.list_staff(d) if a["username"] == "mira")
    assert mira["active"] and mira["role"] == "staff"
    with db.open_db() as d:
        changes = list(audit.entries(d)["action"])
    assert changes.count("rol gewijzigd") == 2


def test_admin_cannot_switch_off_own_account_on_the_page(staff_app):
    at = staff_app.switch_page("app_pages/admin_staff.py").run()
    at.selectbox(key="admin_account").set_value("admin").run()
    assert "eigen account" in at.info[0].value
    buttons = {b.label: b for b in at.button}
    assert buttons["Uitschakelen"].disabled and buttons["Maak medewerker"].disabled


def _old_reported_workshop(d) -> int:
    wid = workshops.create_request(d, "GM0344", "tester")
    answers = intake.empty_answers()
    answers["contact"] = {"name": "Fenna Boer", "role": "OOV", "email": "f@x.nl", "phone": ""}
    answers["remarks"] = "Bel de moeder op 06-12345678."
    # stored as if confirmed past the privacy guard (or saved before it existed)
    d.execute("UPDATE intakes SET answers = ? WHERE workshop_id = ?", [json.dumps(answers), wid])
    # report sent long ago (set directly: an audited status change would be dated today)
    d.execute(
        "UPDATE workshops SET status = 'verslag verstuurd', updated_at = '2020-01-01' WHERE id = ?",
        [wid],
    )
    d.conn.commit()
    return wid


def test_admin_privacy_page_retention_preview_and_apply(staff_app, db_file):
    _retention_settled()
    with db.open_db() as d:
        wid = _old_reported_workshop(d)
        d.execute("DELETE FROM meta WHERE key = 'retention_last_run'")
        d.conn.commit()
    at = staff_app.switch_page("app_pages/admin_privacy.py").run()
    assert not at.exception and at.title[0].value == "Privacy en bewaartermijnen"
    rules = at.dataframe[0].value
    assert "voorgesprek-contact" in set(rules["Regel"])
    at.button[0].click().run()  # preview
    assert "Contactgegevens" in at.warning[0].value
    with db.open_db() as d:
        assert intake.load(d, wid)["answers"]["contact"]["name"] == "Fenna Boer"
    labels = [b.label for b in at.button]
    at.button[labels.index("Nu toepassen")].click().run()
    assert "Bewaartermijnen toegepast" in at.success[0].value
    with db.open_db() as d:
        assert intake.load(d, wid)["answers"]["contact"]["name"] == ""
        assert retention.last_run(d) == date.today().isoformat()
        assert audit.entries(d, action="bewaartermijn toegepast").iloc[0]["actor"] == "admin"


def test_admin_privacy_page_erase_needs_the_typed_name(staff_app, db_file):
    _retention_settled()
    with db.open_db() as d:
        wid = workshops.create_request(d, "GM0344", "tester")
    at = staff_app.switch_page("app_pages/admin_privacy.py").run()
    at.selectbox(key="access_code").set_value("GM0344").run()
    assert any(b.label == "Gegevens downloaden (ZIP)" for b in at.get("download_button"))
    at.selectbox(key="erase_code").set_value("GM0344").run()
    at.radio[0].set_value("wissen")
    at.text_input(key="erase_confirm").input("Utrecht?")
    submit = next(b for b in at.button if b.label == "Uitvoeren")
    submit.click().run()
    assert "precies over (Utrecht)" in at.error[0].value
    with db.open_db() as d:
        assert workshops.get(d, wid) is not None
    at.text_input(key="erase_confirm").input("utrecht")
    next(b for b in at.button if b.label == "Uitvoeren").click().run()
    assert "gewist" in at.success[0].value
    with db.open_db() as d:
        assert workshops.get(d, wid) is None
        assert audit.entries(d, action="gemeente gewist").iloc[0]["entity_id"] == "GM0344"


def test_admin_privacy_page_redacts_stored_text(staff_app, db_file):
    _retention_settled()
    with db.open_db() as d:
        wid = _old_reported_workshop(d)
    at = staff_app.switch_page("app_pages/admin_privacy.py").run()
    next(b for b in at.button if b.label == "Opgeslagen tekst doorzoeken").click().run()
    assert not at.exception
    assert "1 tekst(en)" in at.warning[0].value
    next(b for b in at.button if b.label == "Redigeren").click().run()
    assert "geredigeerd" in at.success[0].value
    with db.open_db() as d:
        remarks = intake.load(d, wid)["answers"]["remarks"]
        assert "06-12345678" not in remarks and "verwijderd]" in remarks
    assert "Niets gevonden" in at.success[-1].value


def test_a_new_account_is_a_staff_member_unless_chosen_otherwise(staff_app):
    """Issue 17.5: the role picker starts at the least privileged role."""
    at = staff_app.switch_page("app_pages/admin_staff.py").run()
    assert at.selectbox(key="admin_add_role").value == "staff"
    at.text_input(key="admin_add_name").input("nieuwe.collega")
    [b for b in at.button if b.label == "Account toevoegen"][0].click().run()
    with db.open_db() as d:
        assert auth.get_staff(d, "nieuwe.collega").role == "staff"


def test_admin_sees_open_sessions_and_ends_one(staff_app, db_file):
    with db.open_db() as d:
        auth.create_staff(d, "mira", "wachtwoord-1234")
    mira = sign_in(new_app(), "mira", "wachtwoord-1234")
    at = staff_app.switch_page("app_pages/admin_staff.py").run()
    texts = " ".join(m.value for m in at.markdown)
    assert "mira" in texts and "AppTest" in texts
    ends = [b for b in at.button if b.label == "Beëindigen"]
    assert len(ends) == 2 and sum(b.disabled for b in ends) == 1  # not one's own
    [b for b in ends if not b.disabled][0].click().run()
    assert "sessie van mira is beëindigd" in at.success[0].value
    mira.run()  # mira's next interaction
    assert "staff" not in mira.session_state
    assert "beëindigd door een beheerder" in mira.info[0].value


def test_admin_links_an_email_address_for_single_sign_on(staff_app, db_file):
    with db.open_db() as d:
        auth.create_staff(d, "anna", "wachtwoord-1234")
    at = staff_app.switch_page("app_pages/admin_staff.py").run()
    at.selectbox(key="admin_account").set_value("anna").run()
    field = [t for t in at.text_input if t.label.startswith("E-mailadres")][0]
    field.input("geen adres")
    [b for b in at.button if b.label == "E-mailadres opslaan"][0].click().run()
    assert "geldig e-mailadres" in at.error[0].value
    field = [t for t in at.text_input if t.label.startswith("E-mailadres")][0]
    field.input("anna@platformjep.example")
    [b for b in at.button if b.label == "E-mailadres opslaan"][0].click().run()
    assert "opgeslagen" in at.success[0].value
    assert "anna@platformjep.example" in set(at.dataframe[0].value["E-mail (SSO)"])


def test_sso_user_in_apptest_gets_a_session_and_an_unknown_one_is_refused(db_file):
    secrets = {
        "auth": {
            "redirect_uri": "http://localhost:8501/oauth2callback",
            "cookie_secret": "x" * 32,
            "client_id": "c",
            "client_secret": "s",
            "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
        }
    }
    with db.open_db() as d:
        auth.ensure_admin(d, ADMIN_PASSWORD)
        auth.create_staff(d, "anna", "wachtwoord-1234")
        auth.set_email(d, "anna", "anna@platformjep.example", "admin")
    now = datetime.now(UTC).timestamp()

    def app_for(email: str, nonce: str, browser: str = "browser-1"):
        at = new_app()
        at.session_state[TEST_COOKIES] = {"jep_browser": browser}
        for key, value in secrets.items():
            at.secrets[key] = value
        at.user = {
            "is_logged_in": True,
            "email": email,
            "email_verified": True,
            "sub": email.split("@")[0],
            "nonce": nonce,
            "iat": now,
            "provider": "default",
        }
        return at.run()

    at = app_for("anna@platformjep.example", "n1")
    assert at.title[0].value == "Programma" and at.session_state["staff"]["method"] == "sso"
    at.switch_page("app_pages/account.py").run()
    assert "organisatie-account" in at.info[0].value
    other = app_for("iemand@example.org", "n2")
    assert "hoort niet bij een medewerkersaccount" in other.error[0].value
    assert "staff" not in other.session_state

    # the session goes idle in the first tab; signing in again in a new tab of the same browser
    # lets the first tab go on, with what was typed still there
    _idle(61)
    at.switch_page("app_pages/audit.py").run()
    assert "sessie is verlopen" in at.warning[0].value
    at.button(key="reauth_sso_done").click().run()
    assert "nog niet opnieuw aangemeld" in at.error[0].value
    app_for("anna@platformjep.example", "n3", browser="andere-browser")  # elsewhere: no
    at.button(key="reauth_sso_done").click().run()
    assert "nog niet opnieuw aangemeld" in at.error[0].value
    app_for("anna@platformjep.example", "n4")  # a new tab of this browser
    at.button(key="reauth_sso_done").click().run()
    assert "weer aangemeld" in at.success[0].value and not at.warning


@pytest.mark.parametrize("value", ["abc", "999999", "-1", "1; DROP TABLE staff", "²", ""])
def test_a_tampered_id_in_a_shared_link_is_ignored(staff_app, value):
    with db.open_db() as d:
        workshops.create_request(d, "GM0344", "tester")
    at = staff_app
    at.query_params["id"] = value
    at.switch_page("app_pages/planning.py").run()
    assert not at.exception and at.title[0].value == "Planning"
    assert at.selectbox[0].value is None  # nothing picked for the visitor


def test_staff_pages_show_the_version_and_link_pages_do_not(staff_app, db_file):
    import jep

    footer = f"Werkatelier-dashboard · versie {jep.__version__}"
    shown = [c.value.replace("\\", "") for c in staff_app.sidebar.caption]  # md() escapes
    assert footer in shown
    with db.open_db(db_file) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        token = invites.issue(d, wid, "tester")
    at = new_app()
    at.query_params["token"] = token
    at.run()
    assert not at.exception
    assert footer not in [c.value.replace("\\", "") for c in at.sidebar.caption]


@pytest.mark.parametrize("kind", ["token", "eval", "terugblik", "nameting"])
def test_a_staff_session_is_never_used_through_a_link(db_file, kind):
    """A browser with a live staff session opens a link (invite, evaluation, the follow-ups):
    that tab is the link's, and no staff page is reachable from it."""
    from support.followup_data import sent_workshop

    from jep.evaluation import links as eval_links
    from jep.followup import answers as fa
    from jep.followup import participants as fp

    cookies = session_cookie()
    with db.open_db(db_file) as d:
        wid, _ = sent_workshop(d, "GM0344")
        token = {
            "token": lambda: invites.issue(d, wid, "tester"),
            "eval": lambda: eval_links.issue_link(d, wid, "tester"),
            "terugblik": lambda: fa.issue_link(d, wid, "tester"),
            "nameting": lambda: fp.issue_link(d, wid, "tester"),
        }[kind]()
    at = new_app()
    at.session_state[TEST_COOKIES] = cookies
    at.query_params[kind] = token
    at.run()
    assert not at.exception
    assert "staff" not in at.session_state and at.title[0].value != "Programma"
    for page in ("app_pages/dashboard.py", "app_pages/followup.py", "app_pages/admin_staff.py"):
        assert_unreachable(at, page)
