"""AppTest: sign-in, requests and links, the intake questionnaire, access between roles."""

from datetime import date, timedelta

import pytest
from support.apptest import (
    answer_rows,
    assert_unreachable,
    bar_mark,
    message_after,
    new_app,
    open_intake_section,
    sign_in,
)

from jep import auth
from jep.store import db
from jep.workshop import intake, invites, workshops


def _request(db_file, code="GM0344"):
    with db.open_db(db_file) as d:
        wid = workshops.create_request(d, code, "tester")
        return wid, invites.issue(d, wid, "tester")


def contact_app(token):
    at = new_app()
    at.query_params["token"] = token
    return at.run()


def test_sign_in_wrong_then_right(db_file):
    at = new_app().run()
    assert at.title[0].value == "Werkateliers informatie delen"
    link = at.get("html")[0].proto.body
    assert 'href="/aanmelden?next=%2F"' in link  # signing in comes back here
    with pytest.raises(auth.SigninError, match="klopt niet"):
        sign_in(at, "admin", "fout-wachtwoord")
    assert "staff" not in at.session_state
    sign_in(at)
    assert not at.exception and at.title[0].value == "Programma"  # the staff home: dashboard


def test_one_time_password_forces_a_new_password(db_file, monkeypatch):
    from jep import auth

    with db.open_db(db_file) as d:
        auth.create_staff(d, "mira", "eenmalig-123456", must_change=True)
    at = sign_in(new_app(), "mira", "eenmalig-123456")
    assert at.title[0].value == "Account"
    assert_unreachable(at, "app_pages/workshops.py")  # only the account page is reachable
    at = sign_in(new_app(), "mira", "eenmalig-123456")
    at.text_input[0].input("eenmalig-123456")
    at.text_input[1].input("mijn-nieuwe-wachtwoord")
    at.text_input[2].input("mijn-nieuwe-wachtwoord")
    at.button[0].click().run()
    assert not at.exception
    assert at.success[0].value == "Uw wachtwoord is gewijzigd."
    at.switch_page("app_pages/workshops.py").run()  # the whole navigation is open now
    assert at.title[0].value == "Werkateliers"


def test_create_request_shows_link_once(staff_app):
    at = staff_app.switch_page("app_pages/new_request.py").run()
    at.button[0].click().run()
    assert "Kies eerst een gemeente" in at.error[0].value
    at.selectbox[0].set_value("GM0344")
    at.button[0].click().run()
    assert "Utrecht" in at.success[0].value
    url = at.code[0].value
    assert "/?token=" in url and len(url.split("token=")[1]) >= 43
    at.run()
    assert len(at.code) == 0  # shown once


def test_a_second_request_for_a_municipality_is_warned_and_needs_a_tick(staff_app, conn):
    running = workshops.create_request(conn, "GM0344", "tester")
    done = workshops.create_request(conn, "GM0363", "tester")
    workshops.set_status(conn, done, "geannuleerd", "tester")
    at = staff_app.switch_page("app_pages/new_request.py").run()
    at.selectbox[0].set_value("GM0363").run()  # only a cancelled one: no warning
    assert not at.warning
    at.selectbox[0].set_value("GM0344").run()
    assert "Voor Utrecht (Utrecht) loopt al een aanvraag" in at.warning[0].value.replace("\\", "")
    links = [e.proto for e in at.get("page_link")]
    assert any(f"Werkatelier #{running}: aanvraag" in p.label for p in links)
    at.button(key="new_request_0_go").click().run()
    assert "Er loopt al een aanvraag voor deze gemeente" in at.error[0].value
    assert len(workshops.open_requests(conn, "GM0344")) == 1  # nothing made
    at.checkbox(key="new_request_0_second").check().run()
    at.button(key="new_request_0_go").click().run()
    assert not at.exception
    assert "Aanvraag voor Utrecht (Utrecht) geregistreerd" in at.success[0].value.replace("\\", "")
    assert len(workshops.open_requests(conn, "GM0344")) == 2  # on purpose
    assert at.selectbox[0].value is None  # an empty choice for the next request


def test_staff_notes_with_personal_data_are_not_saved_until_confirmed(staff_app, conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    at = staff_app
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/intake_review.py").run()
    at.text_area(key=f"ikn{wid}_text").input("Terugbellen op 06-12345678 over de aanpak.")
    at.button(key=f"FormSubmitter:notes_{wid}-Notities opslaan").click().run()
    assert not at.exception
    shown = " ".join(str(e.value) for e in [*at.success, *at.warning, *at.error])
    assert "opgeslagen." not in shown.replace("nog niet opgeslagen", "")
    assert "telefoonnummer" in shown  # the guard's finding
    assert intake.load(conn, wid)["staff_notes"] in (None, "")  # nothing saved
    assert at.text_area(key=f"ikn{wid}_text").value.startswith("Terugbellen")  # kept as typed
    at.checkbox(key=f"ikn{wid}_ok").check()
    at.button(key=f"FormSubmitter:notes_{wid}-Notities opslaan").click().run()
    assert "Notities opgeslagen." in [e.value for e in at.success]
    assert intake.load(conn, wid)["staff_notes"].startswith("Terugbellen op 06-12345678")


def fill_complete(at, wid):
    k = f"ik{wid}_"
    open_intake_section(at, wid, "contact")
    at.text_input(key=k + "contact_name").input("Fenna de Boer")
    at.text_input(key=k + "contact_role").input("beleidsadviseur OOV")
    at.text_input(key=k + "contact_email").input("f.deboer@utrecht.example")
    open_intake_section(at, wid, "situatie")
    for key in ("contactpunt", "pga", "convenant", "zvh", "aandachtsfunctionarissen"):
        at.radio(key=k + f"ctx_{key}").set_value("ja")
    open_intake_section(at, wid, "knelpunten")
    at.selectbox(key=k + "kp_geen-terugkoppeling_sev").set_value(4)
    open_intake_section(at, wid, "deelnemers")
    at.number_input(key=k + "sec_onderwijs").set_value(4)
    at.number_input(key=k + "sec_veiligheid").set_value(2)
    open_intake_section(at, wid, "praktisch")
    at.date_input(key=k + "date_0").set_value(date.today() + timedelta(days=40))
    at.date_input(key=k + "date_1").set_value(date.today() + timedelta(days=47))
    at.selectbox(key=k + "location_by").set_value("gemeente")
    at.selectbox(key=k + "catering_by").set_value("gemeente")


def click(at, label):
    next(b for b in at.button if b.label == label).click().run()
    return at


def test_intake_draft_saved_and_resumed(db_file):
    wid, token = _request(db_file)
    at = contact_app(token)
    assert "Utrecht" in at.title[0].value
    at.text_input(key=f"ik{wid}_contact_name").input("Fenna de Boer")
    open_intake_section(at, wid, "knelpunten")  # one section open at a time
    at.selectbox(key=f"ik{wid}_kp_dossiervorming_sev").set_value(3)
    click(at, "Concept opslaan")
    assert "Opgeslagen" in at.success[0].value
    again = contact_app(token)  # a refresh or a closed browser
    assert again.text_input(key=f"ik{wid}_contact_name").value == "Fenna de Boer"
    open_intake_section(again, wid, "knelpunten")
    assert again.selectbox(key=f"ik{wid}_kp_dossiervorming_sev").value == 3


def test_submit_with_errors_then_corrected(db_file):
    wid, token = _request(db_file)
    at = contact_app(token)
    fill_complete(at, wid)
    open_intake_section(at, wid, "contact")
    at.text_input(key=f"ik{wid}_contact_email").input("niet-een-adres")
    open_intake_section(at, wid, "deelnemers")
    at.number_input(key=f"ik{wid}_sec_jeugdhulp").set_value(12)
    click(at, "Indienen")
    errors = [e.value for e in at.error]
    assert any("geldig e-mailadres" in e for e in errors)  # the first section with one is open
    summary = [e for e in errors if "nog niets opgeslagen" in e]
    assert len(summary) == 1  # one summary, under the buttons, naming where to look
    assert "in: 1. Contactpersoon, 4. Wie nodigt u uit?" in summary[0].replace("\\", "")
    assert bar_mark(at, wid, "deelnemers", "ik") == "18 van 15 plaatsen · nakijken"
    assert bar_mark(at, wid, "situatie", "ik") == "klaar ✓"
    assert [h for h in at.get("html") if "scrollIntoView" in h.proto.body]  # to the first error
    assert at.text_input(key=f"ik{wid}_contact_name").value == "Fenna de Boer"  # kept
    open_intake_section(at, wid, "deelnemers")
    assert any("hoogstens 15 plaatsen" in e.value for e in at.error)
    assert at.number_input(key=f"ik{wid}_sec_jeugdhulp").value == 12  # kept as typed
    open_intake_section(at, wid, "contact")
    at.text_input(key=f"ik{wid}_contact_email").input("f.deboer@utrecht.example")
    open_intake_section(at, wid, "deelnemers")
    at.number_input(key=f"ik{wid}_sec_jeugdhulp").set_value(3)
    click(at, "Indienen")
    assert not at.exception
    # one green box that thanks and confirms, not two saying the same
    assert len(at.success) == 1
    assert "Dank u wel" in at.success[0].value and "ingediend op" in at.success[0].value
    with db.open_db(db_file) as d:
        assert workshops.get(d, wid)["status"] == "intake"
    # read-only summary afterwards, also in a new session
    again = contact_app(token)
    assert not again.get("form")
    assert ("Contactpersoon", "Fenna de Boer, beleidsadviseur OOV") in answer_rows(again)


def test_link_of_a_cannot_reach_b(db_file):
    wid_a, token_a = _request(db_file, "GM0344")
    wid_b, _ = _request(db_file, "GM0014")
    at = contact_app(token_a)
    at.query_params["id"] = str(wid_b)  # whatever is put in the URL
    at.session_state["workshop_id"] = wid_b  # or in the session
    at.run()
    assert "Utrecht" in at.title[0].value and "Groningen" not in at.title[0].value
    keys = {w.key for w in at.text_input}
    assert f"ik{wid_a}_contact_name" in keys and not any(f"ik{wid_b}_" in k for k in keys)
    for page in (
        "app_pages/workshops.py",
        "app_pages/intake_review.py",
        "app_pages/new_request.py",
    ):
        assert_unreachable(at, page)  # not in the contact's navigation


def test_invalid_link_shows_friendly_page(db_file):
    at = contact_app("dit-is-geen-geldige-token-0000000000000")
    assert at.title[0].value == "Deze link is niet (meer) geldig"
    assert "070 - 333 4558" in at.markdown[0].value
    assert_unreachable(at, "app_pages/contact_intake.py")


def test_revoked_link_stops_working_mid_session(db_file):
    wid, token = _request(db_file)
    at = contact_app(token)
    assert "Utrecht" in at.title[0].value
    with db.open_db(db_file) as d:
        invites.revoke(d, wid, "tester")
    at.run()
    assert at.title[0].value == "Deze link is niet (meer) geldig"


def test_anonymous_cannot_reach_staff_pages(db_file):
    at = new_app().run()
    assert_unreachable(at, "app_pages/workshops.py")


def test_staff_reads_corrects_and_reopens(db_file, staff_app):
    wid, token = _request(db_file)
    c = contact_app(token)
    fill_complete(c, wid)
    click(c, "Indienen")
    at = staff_app
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/intake_review.py").run()
    assert not at.exception
    assert ("Contactpersoon", "Fenna de Boer, beleidsadviseur OOV") in answer_rows(at)
    open_intake_section(at, wid, "praktisch")
    at.text_area(key=f"ik{wid}_remarks").input("Gebeld op maandag; aanvulling.")
    click(at, "Wijzigingen opslaan")
    assert not at.exception
    with db.open_db(db_file) as d:
        from jep.workshop import intake

        rec = intake.load(d, wid)
    assert rec["answers"]["remarks"] == "Gebeld op maandag; aanvulling."
    assert rec["updated_by"] == "admin" and rec["state"] == "ingediend"
    click(at, "Heropenen voor de gemeente")
    again = contact_app(token)
    assert any(b.label == "Indienen" for b in again.button)


def test_overview_lists_workshops(db_file, staff_app):
    _request(db_file, "GM0344")
    _request(db_file, "GM0014")
    at = staff_app.switch_page("app_pages/workshops.py").run()
    df = at.dataframe[0].value
    assert set(df["gemeente"]) == {"Utrecht", "Groningen"}


def test_privacy_guard_in_the_form(db_file):
    wid, token = _request(db_file)
    at = contact_app(token)
    open_intake_section(at, wid, "praktisch")
    at.text_area(key=f"ik{wid}_remarks").input("Het gaat om <b>Sanne</b>, BSN 111222333.")
    click(at, "Concept opslaan")
    warning = " ".join(w.value for w in at.warning)
    assert "BSN" in warning and "111222333" in warning
    marked = [m.value for m in at.markdown if "<mark" in m.value]
    assert marked and "&lt;b&gt;" in marked[0] and "<b>" not in marked[0]  # escaped, never bold
    at.checkbox(key=f"ik{wid}_privacy_ok").check()
    click(at, "Concept opslaan")
    assert "Opgeslagen" in at.success[0].value


def test_the_form_is_kept_when_the_contact_opens_the_other_page_and_comes_back(db_file):
    """Saved answers, and what was typed but not saved yet, are there again after a visit to
    *Werkatelier en deelnemers* (they once came back as empty fields and wrong defaults)."""
    wid, token = _request(db_file)
    at = contact_app(token)
    at.text_input(key=f"ik{wid}_contact_name").input("Fenna de Boer")
    open_intake_section(at, wid, "knelpunten")
    at.selectbox(key=f"ik{wid}_kp_dossiervorming_sev").set_value(3)
    click(at, "Concept opslaan")
    assert "Opgeslagen" in at.success[0].value
    open_intake_section(at, wid, "praktisch")
    at.text_area(key=f"ik{wid}_remarks").input("Nog niet opgeslagen")
    at.run()
    at.switch_page("app_pages/contact_workshop.py").run()
    assert not at.exception
    at.switch_page("app_pages/contact_intake.py").run()
    assert not at.exception and not at.error
    assert at.text_area(key=f"ik{wid}_remarks").value == "Nog niet opgeslagen"  # still open
    assert at.date_input(key=f"ik{wid}_date_0").value is None  # no default date appeared
    open_intake_section(at, wid, "contact")
    assert at.text_input(key=f"ik{wid}_contact_name").value == "Fenna de Boer"
    open_intake_section(at, wid, "knelpunten")
    assert at.selectbox(key=f"ik{wid}_kp_dossiervorming_sev").value == 3
    assert at.selectbox(key=f"ik{wid}_own_0_sev").value is None
    click(at, "Concept opslaan")
    assert "Opgeslagen" in at.success[0].value
    with db.open_db(db_file) as d:
        stored = intake.load(d, wid)["answers"]
    assert stored["contact"]["name"] == "Fenna de Boer"
    assert stored["remarks"] == "Nog niet opgeslagen"


def test_a_message_shows_at_the_row_it_is_about(db_file):
    """An own knelpunt in row 3 with rows 1 and 2 empty, a date in the third box: their messages
    show next to them, not next to the empty first row (they once did)."""
    wid, token = _request(db_file)
    k = f"ik{wid}_"
    at = contact_app(token)
    open_intake_section(at, wid, "knelpunten")
    at.text_input(key=k + "own_2_text").input("Geen vast loket")
    open_intake_section(at, wid, "praktisch")
    at.date_input(key=k + "date_2").set_value(date.today() - timedelta(days=3))
    click(at, "Concept opslaan")  # opens the first section with a message
    assert (
        message_after(at, k + "own_2_text", k + "own_2_sev")
        == "Kies een ernst van 1 tot 5 voor dit knelpunt."
    )
    assert message_after(at, k + "own_0_text", k + "own_0_sev") is None
    open_intake_section(at, wid, "praktisch")
    assert message_after(at, k + "date_2") == "Kies een datum in de toekomst."
    assert message_after(at, k + "date_0") is None
    open_intake_section(at, wid, "knelpunten")
    at.text_input(key=k + "own_2_text").input("Bel Jan Jansen op 06-12345678")
    at.selectbox(key=k + "own_2_sev").set_value(3)
    open_intake_section(at, wid, "praktisch")
    at.date_input(key=k + "date_2").set_value(date.today() + timedelta(days=30))
    click(at, "Concept opslaan")
    open_intake_section(at, wid, "knelpunten")
    assert "06-12345678" in (
        message_after(at, k + "own_2_text", k + "own_2_sev") or ""
    )  # the privacy finding
    assert any("06-12345678" in m.value and "<mark" in m.value for m in at.markdown)


def test_a_number_of_participants_above_the_maximum_is_not_dropped_without_a_word(db_file):
    """The browser does not send a number outside a field's bounds: with a maximum of 15, a
    typed 20 stayed on screen while 0 was saved as "Opgeslagen". The field has no bounds; the
    check says what is wrong next to it and saves nothing."""
    wid, token = _request(db_file)
    at = contact_app(token)
    open_intake_section(at, wid, "deelnemers")
    field = at.number_input(key=f"ik{wid}_sec_onderwijs")
    assert not field.proto.has_max and not field.proto.has_min
    field.set_value(20)
    click(at, "Concept opslaan")
    assert "Vul een aantal van 0 tot 15 in." in [e.value for e in at.error]
    assert message_after(at, f"ik{wid}_sec_onderwijs") == "Vul een aantal van 0 tot 15 in."
    assert bar_mark(at, wid, "deelnemers", "ik") == "20 van 15 plaatsen · nakijken"
    with db.open_db(db_file) as d:
        assert intake.load(d, wid)["version"] == 0


def test_a_save_refused_because_another_tab_submitted_is_not_thanked_for(db_file):
    """Two tabs of the link: one submits, the other (with a remark typed) then saves its draft.
    That save is refused; it once showed 'Dank u wel! … ingediend' as if it had been stored."""
    wid, token = _request(db_file)
    other = contact_app(token)
    open_intake_section(other, wid, "praktisch")
    other.text_area(key=f"ik{wid}_remarks").input("Graag in de middag")
    at = contact_app(token)
    fill_complete(at, wid)
    click(at, "Indienen")
    assert "Dank u wel" in at.success[0].value
    click(other, "Concept opslaan")
    assert not other.exception
    assert "Dank u wel" not in other.success[0].value
    assert "uw laatste wijzigingen zijn niet opgeslagen" in other.error[0].value
    with db.open_db(db_file) as d:
        assert intake.load(d, wid)["answers"]["remarks"] == ""


def test_the_privacy_tick_stays_when_a_save_fails_for_another_reason(db_file):
    wid, token = _request(db_file)
    at = contact_app(token)
    at.text_input(key=f"ik{wid}_contact_email").input("niet-een-adres")
    open_intake_section(at, wid, "praktisch")
    at.text_area(key=f"ik{wid}_remarks").input("Bel mij op 06-12345678.")
    click(at, "Concept opslaan")
    assert bar_mark(at, wid, "praktisch", "ik").endswith("nakijken")  # the finding is there
    open_intake_section(at, wid, "praktisch")
    assert any("telefoonnummer" in w.value for w in at.warning)
    at.checkbox(key=f"ik{wid}_privacy_ok").check()
    click(at, "Concept opslaan")  # the e-mail address is still wrong
    assert any("geldig e-mailadres" in e.value for e in at.error)
    assert at.checkbox(key=f"ik{wid}_privacy_ok").value  # still ticked
    at.text_input(key=f"ik{wid}_contact_email").input("f.deboer@utrecht.example")
    click(at, "Concept opslaan")
    assert "Opgeslagen" in at.success[0].value  # not asked again
    with db.open_db(db_file) as d:
        assert intake.load(d, wid)["answers"]["remarks"] == "Bel mij op 06-12345678."


def test_staff_are_not_told_to_come_back_through_the_link(db_file, staff_app):
    wid, _ = _request(db_file)
    at = staff_app
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/intake_review.py").run()
    at.text_input(key=f"ik{wid}_contact_name").input("Fenna de Boer")
    click(at, "Concept opslaan")
    assert [s.value for s in at.success] == ["Opgeslagen."]
