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
