"""Screens: audit (moved from test_audit.py)."""

from __future__ import annotations

from support.apptest import new_app, sign_in

from jep import auth


def test_audit_screen_lists_and_filters(staff_app):
    at = staff_app.switch_page("app_pages/audit.py").run()
    assert not at.exception
    assert at.title[0].value == "Auditlog"
    table = at.dataframe[0].value
    assert "aangemeld" in set(table["Handeling"])
    at.selectbox(key="audit_action").set_value("account aangemaakt").run()
    table = at.dataframe[0].value
    assert set(table["Handeling"]) == {"account aangemaakt"}
    at.text_input(key="audit_search").input("bestaat-niet-xyz").run()
    assert "Geen regels gevonden" in at.info[0].value


def test_staff_member_reads_the_audit_log(db_file, conn):
    auth.create_staff(conn, "medewerker", "wachtwoord-1234", role="staff")
    at = sign_in(new_app(), "medewerker", "wachtwoord-1234")
    at.switch_page("app_pages/audit.py").run()
    assert not at.exception and at.title[0].value == "Auditlog"
    shown = at.dataframe[0].value
    assert "medewerker" in set(shown["Wie"])


def test_filters_stay_as_set_after_another_page(staff_app):
    """Staff look something up, open another screen and come back: the audit log and the outbox
    keep their filters (for the session; the programme's evaluation: test_evaluation.py)."""
    at = staff_app.switch_page("app_pages/audit.py").run()
    at.selectbox(key="audit_action").set_value("account aangemaakt").run()
    at.text_input(key="audit_search").input("admin").run()
    at.switch_page("app_pages/outbox.py").run()
    at.text_input(key="ob_search").input("voorbeeld.nl").run()
    at.switch_page("app_pages/workshops.py").run()
    at.switch_page("app_pages/audit.py").run()
    assert not at.exception
    assert at.selectbox(key="audit_action").value == "account aangemaakt"
    assert at.text_input(key="audit_search").value == "admin"
    assert set(at.dataframe[0].value["Handeling"]) == {"account aangemaakt"}
    at.switch_page("app_pages/outbox.py").run()
    assert at.text_input(key="ob_search").value == "voorbeeld.nl"
