"""AppTest: the outbox screen (Uitgaande berichten), and the mail pieces on shared screens: the
intake link by e-mail, "Verslag versturen" and the contact's calendar download."""

from __future__ import annotations

from support.apptest import assert_unreachable, new_app
from support.report_data import held_workshop

from jep.mail import outbox
from jep.report import versions
from jep.store import db
from jep.workshop import invites, workshops

PAGE = "app_pages/outbox.py"


def texts(elements) -> str:
    return " | ".join(str(e.value) for e in elements).replace("\\", "").replace("\u2060", "")


def queue(db_file, **kw) -> int:
    base = {"kind": "test", "to": "jan@gemeente.nl", "subject": "Hallo <b>daar</b>", "body": "x"}
    with db.open_db(db_file) as d:
        return outbox.queue(d, outbox.Draft(**{**base, **kw}), "tester")


def open_outbox(at):
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_without_a_mail_server_every_message_is_readable_and_downloadable(staff_app, db_file):
    att = outbox.Attachment("verslag.pdf", "application/pdf", b"%PDF-1.4 test")
    mail_id = queue(
        db_file, body="Beste Jan,\n**geen opmaak** <script>x</script>\n", attachments=(att,)
    )
    at = open_outbox(staff_app)
    assert at.title[0].value == "Uitgaande berichten"
    assert "Geen mailserver ingesteld" in texts(at.info)
    assert at.metric[0].value == "1"  # in het postvak
    table = at.dataframe[0].value
    assert list(table["Onderwerp"]) == ["Hallo <b>daar</b>"]
    assert list(table["Status"]) == ["alleen in het postvak"]
    at.selectbox(key="ob_pick").set_value(mail_id).run()
    assert not at.exception
    assert "Beste Jan,\n**geen opmaak** <script>x</script>" in texts(at.text)  # plain text
    labels = [b.label for b in at.get("download_button")]
    assert "Download als .eml" in labels and "Bijlage verslag.pdf" in labels
    buttons = [b.label for b in at.button]
    assert "Annuleren" in buttons and "Markeren als verzonden" in buttons
    assert "Opnieuw versturen" not in buttons  # no server to send it with
    at.button(key=f"ob_cancel_{mail_id}").click().run()
    assert "geannuleerd" in texts(at.success)
    with db.open_db(db_file) as d:
        assert outbox.get(d, mail_id)["status"] == "geannuleerd"


def test_test_message_refuses_a_bad_address_and_keeps_it(staff_app, db_file):
    at = open_outbox(staff_app)
    at.text_input(key="ob_test_to").input("jan@gemeente.nl, piet@gemeente.nl")
    at.button(key="FormSubmitter:ob_test-Testbericht klaarzetten").click().run()
    assert "maar één adres" in texts(at.error)
    assert at.text_input(key="ob_test_to").value == "jan@gemeente.nl, piet@gemeente.nl"
    with db.open_db(db_file) as d:
        assert outbox.counts(d)["postvak"] == 0
    at.text_input(key="ob_test_to").input("jan@gemeente.nl")
    at.button(key="FormSubmitter:ob_test-Testbericht klaarzetten").click().run()
    assert "Bericht klaargezet voor jan@gemeente.nl" in texts(at.success)
    with db.open_db(db_file) as d:
        assert outbox.counts(d)["postvak"] == 1


def test_a_failure_shows_the_server_answer_and_can_be_retried(staff_app, db_file, monkeypatch):
    monkeypatch.setenv("JEP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("JEP_SMTP_SECURITY", "none")
    monkeypatch.setenv("JEP_MAIL_FROM", "werkateliers@platformjep.test")
    mail_id = queue(db_file)
    with db.open_db(db_file) as d:
        outbox.claim_next(d, "w")
        outbox.finish_failed(d, mail_id, "550 5.1.1 Deze postbus bestaat niet", True, "w")
    at = open_outbox(staff_app)
    assert "Mailserver 127.0.0.1:25 (none)" in texts(at.success)
    assert at.metric[3].value == "1"
    at.selectbox(key="ob_pick").set_value(mail_id).run()
    assert "550 5.1.1 Deze postbus bestaat niet" in texts(at.error)
    at.button(key=f"ob_retry_{mail_id}").click().run()
    assert "weer in de wachtrij" in texts(at.success)
    with db.open_db(db_file) as d:
        assert outbox.get(d, mail_id)["status"] == "wachtrij"


def test_invalid_mail_settings_are_shown_not_crashed(staff_app, monkeypatch):
    monkeypatch.setenv("JEP_SMTP_HOST", "mail.example.nl")  # no JEP_MAIL_FROM
    at = open_outbox(staff_app)
    assert "JEP_MAIL_FROM" in texts(at.error)


def test_filters(staff_app, db_file):
    queue(db_file, subject="Eerste")
    queue(db_file, subject="Tweede", to="piet@school.nl")
    at = open_outbox(staff_app)
    at.text_input(key="ob_search").input("piet@").run()
    assert list(at.dataframe[0].value["Onderwerp"]) == ["Tweede"]
    at.text_input(key="ob_search").input("niemand").run()
    assert "Niets gevonden." in texts(at.info)


def test_only_staff_reach_the_outbox(db_file):
    assert_unreachable(new_app().run(), PAGE)  # not in an anonymous user's navigation
    with db.open_db(db_file) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        token = invites.issue(d, wid, "tester")
    contact = new_app()
    contact.query_params["token"] = token
    assert_unreachable(contact.run(), PAGE)  # nor in a municipality contact's


# ---------------------------------------------------------------- shared screens


def test_new_request_mails_the_link_when_an_address_is_given(staff_app, db_file):
    at = staff_app.switch_page("app_pages/new_request.py").run()
    at.selectbox[0].set_value("GM0344")
    at.text_input(key="new_request_0_email").input("contact@utrecht")
    at.button[0].click().run()
    assert "geen geldig e-mailadres" in texts(at.error)
    assert at.text_input(key="new_request_0_email").value == "contact@utrecht"
    with db.open_db(db_file) as d:
        assert workshops.overview(d).empty  # nothing made
    at.text_input(key="new_request_0_email").input("contact@utrecht.nl")
    at.button[0].click().run()
    assert not at.exception
    assert "Bericht klaargezet voor contact@utrecht.nl" in texts(at.success)
    token = at.code[0].value.rsplit("token=", 1)[1]
    with db.open_db(db_file) as d:
        [row] = outbox.listing(d).to_dict("records")
        assert row["kind"] == "intake-uitnodiging" and row["to_addr"] == "contact@utrecht.nl"
        assert token in outbox.get(d, row["id"])["body"]  # the link the page showed


def test_intake_page_reissues_and_mails_a_link(staff_app, db_file):
    with db.open_db(db_file) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        invites.issue(d, wid, "tester")
    at = staff_app
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/intake_review.py").run()
    k = f"im{wid}_"
    at.text_input(key=k + "to").input("nee")
    at.button(key=f"FormSubmitter:{k}form-Nieuwe link uitgeven en mailen").click().run()
    assert "geen geldig e-mailadres" in texts(at.error)
    at.text_input(key=k + "to").input("contact@utrecht.nl")
    at.button(key=f"FormSubmitter:{k}form-Nieuwe link uitgeven en mailen").click().run()
    assert not at.exception
    assert "Bericht klaargezet voor contact@utrecht.nl" in texts(at.success)
    token = at.code[0].value.rsplit("token=", 1)[1]
    at.button(key=f"FormSubmitter:{k}form-Nieuwe link uitgeven en mailen").click().run()  # twice
    assert "zojuist al een nieuwe link" in texts(at.error)
    with db.open_db(db_file) as d:
        assert invites.resolve(d, token, delay=0).workshop_id == wid  # still the valid one
        [row] = outbox.listing(d).to_dict("records")
        assert token in outbox.get(d, row["id"])["body"]


def test_report_page_sends_the_chosen_version(staff_app, db_file):
    with db.open_db(db_file) as d:
        wid = held_workshop(d)
        made = versions.create_version(d, wid, "tester")
    at = staff_app
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/report.py").run()
    assert not at.exception
    k = f"rs{wid}_"
    assert at.text_input(key=k + "to").value == "anna@gemeente.example"  # from the intake
    at.text_input(key=k + "to").input("anna@gemeente")
    at.button(key=f"FormSubmitter:{k}form-Verslag versturen").click().run()
    assert "geen geldig e-mailadres" in texts(at.error)
    at.text_input(key=k + "to").input("anna@utrecht.nl")
    at.button(key=f"FormSubmitter:{k}form-Verslag versturen").click().run()
    assert not at.exception
    assert "Bericht klaargezet voor anna@utrecht.nl" in texts(at.success)
    at.button(key=f"FormSubmitter:{k}form-Verslag versturen").click().run()  # pressed twice
    assert "staat al klaar om naar anna@utrecht.nl te gaan" in texts(at.error)
    with db.open_db(db_file) as d:
        [row] = outbox.listing(d).to_dict("records")
        assert row["kind"] == "verslag"
        [att] = outbox.attachments(d, row["id"])
        assert att.content == versions.version_pdf(d, wid, made["id"])[1]
    assert "alleen in het postvak" in texts(at.markdown)


def test_contact_page_offers_the_calendar_file(db_file):
    with db.open_db(db_file) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        token = invites.issue(d, wid, "tester")
        d.execute(
            "UPDATE workshops SET status = 'gepland', date = date('now', '+10 days'), "
            "location = 'Stadhuis', time_slot = 'middag' WHERE id = ?",
            [wid],
        )
        d.conn.commit()
    at = new_app()
    at.query_params["token"] = token
    at.run()
    at.switch_page("app_pages/contact_workshop.py").run()
    assert not at.exception
    assert [b.label for b in at.get("download_button")] == ["In mijn agenda zetten (.ics)"]
