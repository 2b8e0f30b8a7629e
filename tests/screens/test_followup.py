"""AppTest: the follow-up (terugblik) – the staff page, the municipality's page through its link,
the participants' short form, and who can reach what."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from support.apptest import (
    assert_unreachable,
    bar_mark,
    click_download,
    message_after,
    new_app,
    open_followup_section,
    open_tab,
)
from support.followup_data import sent_workshop
from support.report_data import held_workshop

from jep import demo
from jep.followup import answers as fa
from jep.followup import due
from jep.followup import participants as fp
from jep.followup import programme as fprog
from jep.report import review, versions
from jep.store import db
from jep.workshop import invites


def _sent(db_file, code="GM0344"):
    with db.open_db(db_file) as d:
        wid, _ = sent_workshop(d, code)
    return wid


def _token(db_file, wid):
    with db.open_db(db_file) as d:
        return fa.issue_link(d, wid, "tester")


def contact_app(token):
    at = new_app()
    at.query_params["terugblik"] = token
    return at.run()


def click(at, label):
    next(b for b in at.button if b.label == label).click().run()
    return at


def texts(at) -> str:
    return " ".join(
        str(e.value)
        for kind in ("success", "info", "warning", "error", "markdown", "caption")
        for e in getattr(at, kind)
    ).replace("\u2060", "")  # md() breaks addresses and links with an invisible word joiner


def fill(at, wid, n_recs=3, n_kp=4):
    k = f"tb{wid}_"
    open_followup_section(at, wid, "contact")
    at.text_input(key=k + "contact_name").input("Fenna de Boer")
    at.text_input(key=k + "contact_role").input("beleidsadviseur OOV")
    open_followup_section(at, wid, "aanbevelingen")
    at.radio(key=k + "rec0_status").set_value("uitgevoerd")
    at.selectbox(key=k + "rec0_role").set_value("contactpunt")
    at.text_area(key=k + "rec0_helped").input("Steun van de wethouder.")
    for i in range(1, n_recs):
        at.radio(key=k + f"rec{i}_status").set_value("nog-niet-gestart")
    open_followup_section(at, wid, "knelpunten")
    for i in range(n_kp):
        at.selectbox(key=k + f"kp{i}_sev").set_value(2)
    open_followup_section(at, wid, "werkwijze")
    for r in at.radio:
        if r.key and (r.key.startswith(k + "use_") or r.key.startswith(k + "ctx_")):
            r.set_value("ja" if r.key.startswith(k + "ctx_") else "soms")
    open_followup_section(at, wid, "vervolg")
    at.radio(key=k + "next").set_value("ja")


# ---------------------------------------------------------------- the municipality


def test_contact_saves_a_draft_resumes_and_submits(db_file):
    wid = _sent(db_file)
    token = _token(db_file, wid)
    at = contact_app(token)
    assert not at.exception
    assert at.title[0].value == "Terugblik op het werkatelier – gemeente Utrecht"
    k = f"tb{wid}_"
    at.text_input(key=k + "contact_name").input("Fenna de Boer")
    open_followup_section(at, wid, "aanbevelingen")  # one section open at a time
    at.radio(key=k + "rec0_status").set_value("in-gang-gezet")
    click(at, "Concept opslaan")
    assert "Opgeslagen" in at.success[0].value

    again = contact_app(token)  # a refresh or a closed browser
    assert again.text_input(key=k + "contact_name").value == "Fenna de Boer"
    assert bar_mark(again, wid, "aanbevelingen", "tb") == "0 van 3"  # a role is still missing
    open_followup_section(again, wid, "aanbevelingen")
    assert again.radio(key=k + "rec0_status").value == "in-gang-gezet"
    click(again, "Indienen")
    errors = [e.value for e in again.error]
    assert any("Vul de functie in" in e for e in errors)  # the first section with one is open
    summary = next(e for e in errors if "nog niets opgeslagen" in e).replace("\\", "")
    assert "in: 1. Wie vult dit in?, 2. De aanbevelingen uit het verslag, 3." in summary
    assert bar_mark(again, wid, "knelpunten", "tb") == "0 van 4 · nakijken"
    assert again.text_input(key=k + "contact_name").value == "Fenna de Boer"  # kept
    open_followup_section(again, wid, "aanbevelingen")
    assert any("Geef aan wie de aanbeveling oppakte" in e.value for e in again.error)
    open_followup_section(again, wid, "knelpunten")
    assert any("hoe groot dit knelpunt nu is" in e.value for e in again.error)

    fill(again, wid)
    # no English "Select all" in the list of support options (Streamlit's bulk option)
    assert again.multiselect and all(m.proto.select_all == 0 for m in again.multiselect)
    click(again, "Indienen")
    assert not again.exception
    assert "De terugblik is ingediend" in again.success[0].value
    with db.open_db(db_file) as d:
        record = fa.load(d, wid)
    assert record["state"] == "ingediend" and record["submitted_by"] == "gemeente:GM0344"
    later = contact_app(token)
    assert not any(b.label == "Indienen" for b in later.button)
    shown = later.dataframe[0].value
    assert "Uitgevoerd" in set(shown["Stand van zaken"])


def test_a_message_about_a_new_knelpunt_shows_at_its_row(db_file):
    """A new knelpunt described in row 2 with row 1 empty: its message shows next to row 2, not
    next to the empty row 1 (it once did)."""
    wid = _sent(db_file)
    at = contact_app(_token(db_file, wid))
    k = f"tb{wid}_"
    open_followup_section(at, wid, "knelpunten")
    at.text_input(key=k + "new1_text").input("Geen zicht op online radicalisering")
    click(at, "Concept opslaan")
    row = (k + "new1_kid", k + "new1_text", k + "new1_sev")
    assert message_after(at, *row) == "Kies een ernst van 1 tot 5 voor dit knelpunt."
    assert message_after(at, k + "new0_kid", k + "new0_text", k + "new0_sev") is None


def test_a_follow_up_link_of_a_cannot_reach_b(db_file):
    a, b = _sent(db_file, "GM0344"), _sent(db_file, "GM0014")
    token_a = _token(db_file, a)
    _token(db_file, b)
    at = contact_app(token_a)
    at.query_params["id"] = str(b)  # whatever is put in the URL
    at.session_state["workshop_id"] = b  # or in the session
    at.run()
    assert "Utrecht" in at.title[0].value and "Groningen" not in texts(at)
    keys = {w.key for w in at.text_input}
    assert f"tb{a}_contact_name" in keys and not any(f"tb{b}_" in key for key in keys)
    for page in (
        "app_pages/followup.py",
        "app_pages/workshops.py",
        "app_pages/contact_intake.py",
        "app_pages/dashboard.py",
    ):
        assert_unreachable(at, page)


def test_intake_and_follow_up_links_are_not_interchangeable(db_file):
    wid = _sent(db_file)
    with db.open_db(db_file) as d:
        intake_token = invites.issue(d, wid, "tester")
    at = contact_app(intake_token)
    assert at.title[0].value == "Deze link is niet (meer) geldig"
    follow = _token(db_file, wid)
    at = new_app()
    at.query_params["token"] = follow
    at.run()
    assert at.title[0].value == "Deze link is niet (meer) geldig"


def test_revoked_follow_up_link_stops_working_mid_session(db_file):
    wid = _sent(db_file)
    token = _token(db_file, wid)
    at = contact_app(token)
    assert "Utrecht" in at.title[0].value
    with db.open_db(db_file) as d:
        fa.revoke_link(d, wid, "tester")
    at.run()
    assert at.title[0].value == "Deze link is niet (meer) geldig"


def test_contact_makes_a_participants_link(db_file):
    wid = _sent(db_file)
    at = contact_app(_token(db_file, wid))
    click(at, "Deelnemerslink maken")
    url = at.code[0].value
    assert "/?nameting=" in url
    at.run()
    assert not at.code  # shown once
    with db.open_db(db_file) as d:
        assert fp.resolve(d, url.split("nameting=")[1], delay=0).workshop_id == wid


# ---------------------------------------------------------------- participants


def participant_app(token):
    at = new_app()
    at.query_params["nameting"] = token
    return at.run()


def test_participant_answers_and_corrects(db_file):
    wid = _sent(db_file)
    with db.open_db(db_file) as d:
        token = fp.issue_link(d, wid, "tester")
    at = participant_app(token)
    assert at.title[0].value == "Terugblik voor deelnemers"
    assert "Utrecht" in at.caption[0].value
    p = f"nm{wid}_"
    at.radio(key=p + "werkwijze-gebruikt").set_value("vaker")
    at.radio(key=p + "weet-bij-wie").set_value(4)
    at.text_area(key=p + "anders-gedaan").input("Bel Sanne op 06-12345678")
    at.button[0].click().run()
    assert "persoonsgegeven" in " ".join(w.value for w in at.warning)
    at.text_area(key=p + "anders-gedaan").input("Eerst anoniem advies gevraagd.")
    at.button[0].click().run()
    assert "Dank je wel" in at.success[0].value
    at.radio(key=p + "weet-bij-wie").set_value(5)
    at.button[0].click().run()
    assert "Je wijzigingen zijn opgeslagen." in at.success[0].value
    with db.open_db(db_file) as d:
        assert d.execute("SELECT count(*) FROM followup_responses").fetchone()[0] == 1
        assert (
            d.execute(
                "SELECT value FROM followup_answers WHERE item_id = 'weet-bij-wie'"
            ).fetchone()[0]
            == 5
        )
    assert_unreachable(at, "app_pages/followup.py")
    assert_unreachable(at, "app_pages/contact_followup.py")


def test_unknown_participants_link(db_file):
    at = participant_app("geen-geldige-link-" + "0" * 30)
    assert at.title[0].value == "Terugblik voor deelnemers"
    assert "bestaat niet" in at.info[0].value
    assert not at.radio


# ---------------------------------------------------------------- staff


def staff_page(staff_app, wid):
    at = staff_app
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/followup.py").run()
    assert not at.exception
    return at


def test_staff_page_refuses_a_workshop_whose_report_was_not_sent(db_file, staff_app):
    with db.open_db(db_file) as d:
        wid = held_workshop(d)
    at = staff_page(staff_app, wid)
    assert "nog geen verslag verstuurd" in at.info[0].value
    assert not at.tabs and not any(b.label == "Link uitgeven" for b in at.button)


def test_staff_hands_out_the_link_once(db_file, staff_app):
    wid = _sent(db_file)
    at = staff_page(staff_app, wid)
    assert "Nog niet aan de beurt" in at.info[0].value
    click(at, "Link uitgeven")
    url = at.code[0].value
    assert "/?terugblik=" in url
    at.run()
    assert not at.code
    assert "Er is een geldige link" in texts(at)
    contact = contact_app(url.split("terugblik=")[1])
    assert "Utrecht" in contact.title[0].value


def test_staff_mails_a_new_link(db_file, staff_app):
    wid = _sent(db_file)
    at = staff_page(staff_app, wid)
    k = f"tbm{wid}_"
    assert at.text_input(key=k + "to").value == "anna@gemeente.example"  # the intake's contact
    at.text_input(key=k + "to").input("geen adres")
    click(at, "Nieuwe link uitgeven en mailen")
    assert at.text_input(key=k + "to").value == "geen adres"  # kept, with the reason
    assert any("e-mailadres" in e.value for e in at.error)
    at.text_input(key=k + "to").input("fenna@utrecht.example")
    click(at, "Nieuwe link uitgeven en mailen")
    assert not at.exception
    assert "Bericht klaargezet voor fenna@utrecht.example" in texts(at)
    url = at.code[0].value
    assert "/?terugblik=" in url
    with db.open_db(db_file) as d:
        rows = d.execute("SELECT kind, to_addr, body FROM mail_messages").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("terugblik-uitnodiging", "fenna@utrecht.example")]
    assert url in rows[0][2]
    click(at, "Nieuwe link uitgeven en mailen")  # a second click right away
    assert "zojuist al een nieuwe link" in " ".join(e.value for e in at.error)
    with db.open_db(db_file) as d:
        assert d.execute("SELECT count(*) FROM mail_messages").fetchone()[0] == 1


def test_staff_fills_it_in_on_behalf_and_makes_the_addendum(db_file, staff_app):
    wid = _sent(db_file)
    at = staff_page(staff_app, wid)
    click(at, "Terugblik aanmaken en invullen")
    assert at.toggle(key=f"stb{wid}_fill").value  # straight on to the form
    fill(at, wid)
    click(at, "Indienen")
    assert not at.exception
    assert "ingediend namens de gemeente" in texts(at)
    assert "door Platform JEP namens de gemeente" in at.success[0].value
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Aanbevelingen uitgevoerd"] == "1 van 3"
    assert metrics["Knelpunten kleiner geworden"] == "3 van 4"
    click(at, "Verslag met terugblik maken (PDF)")
    assert not at.exception
    assert "Versie 2 met terugblik is bewaard." in texts(at)
    with db.open_db(db_file) as d:
        assert list(versions.versions(d, wid)["number"]) == [2, 1]
        assert fa.load(d, wid)["on_behalf"] == 1


def test_staff_records_a_reminder_and_notes(db_file, staff_app):
    wid = _sent(db_file)
    _token(db_file, wid)
    at = staff_page(staff_app, wid)
    click(at, "Herinnering verstuurd (vastleggen)")
    assert "De herinnering is vastgelegd." in texts(at)
    at.text_area[-1].input("Gebeld; BSN 111222333 genoemd.")
    next(b for b in at.button if b.label == "Notities opslaan").click().run()
    assert "BSN" in " ".join(w.value for w in at.warning)
    at.checkbox(key=f"stb{wid}_notes_ok").check()
    next(b for b in at.button if b.label == "Notities opslaan").click().run()
    with db.open_db(db_file) as d:
        record = fa.load(d, wid)
    assert record["reminded_at"] and record["staff_notes"].startswith("Gebeld")


# ---------------------------------------------------------------- programme and report review


def test_dashboard_shows_follow_ups_with_the_filters_and_exports_them(staff_app, db_file, deferred):
    with db.open_db(db_file) as d:
        demo.seed_demo(d, seed=3)
        plan = due.schedule(d, date.today())
    at = open_tab(staff_app.run(), "Terugblik")  # the dashboard's tab
    assert not at.exception
    m = {x.label: x.value for x in at.metric}
    late = plan[plan["state"].isin(["te-doen", "achterstallig"])]
    assert m["Terugblik te doen"] == str(len(late))
    assert m["Achterstallig"] == str(int((plan["state"] == "achterstallig").sum()))
    work = next(df.value for df in at.dataframe if "Terugblik vanaf" in df.value.columns)
    assert sorted(work["Gemeente"]) == sorted(late["municipality"])

    province = late["province"].iloc[0]
    at.multiselect(key="dash_provinces").set_value([province]).run()
    assert not at.exception
    work = next(df.value for df in at.dataframe if "Terugblik vanaf" in df.value.columns)
    assert set(work["Provincie"]) == {province}
    assert "provincie" in at.query_params

    raw = click_download(at, deferred, "dl_terugblik-aanbevelingen_csv")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Aanbeveling" and rows[0][-1] == "Aandeel uitgevoerd"
    with db.open_db(db_file) as d:
        log = d.execute(
            "SELECT entity_id, detail FROM audit_log WHERE action = 'dashboard geëxporteerd'"
        ).fetchall()
    assert log[-1][0] == "terugblik-aanbevelingen"
    assert json.loads(log[-1][1])["filters"] == {"provincie": [province]}


def test_report_review_shows_how_often_advice_was_carried_out(staff_app, db_file):
    with db.open_db(db_file) as d:
        demo.seed_demo(d, seed=3)
        records = fprog.track_record(d)
        wid = d.execute(
            "SELECT id FROM workshops WHERE status IN ('uitgevoerd', 'verslag verstuurd') "
            "ORDER BY status = 'uitgevoerd' DESC, id LIMIT 1"
        ).fetchone()[0]
        proposals = [i.proposal.id for i in review.review(d, wid).items]
    shown = [r for r in proposals if records.get(r, {}).get("shown")]
    assert shown, "the demo gives the rules a track record"
    at = staff_app
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/report.py").run()
    assert not at.exception
    captions = " | ".join(c.value for c in at.caption)
    for rid in shown:
        assert fprog.track_sentence(records[rid]) in captions.replace("\\", "")
    rarely = [r for r in shown if records[r]["rarely"]]
    if rarely:
        assert "Wordt zelden uitgevoerd." in captions


def test_staff_typing_is_kept_across_pages_and_a_colleagues_save_is_taken_over(db_file, staff_app):
    wid = _sent(db_file)
    token = _token(db_file, wid)
    at = staff_page(staff_app, wid)
    at.toggle(key=f"stb{wid}_fill").set_value(True).run()
    at.text_input(key=f"tb{wid}_contact_name").input("Nog niet opgeslagen").run()
    at.switch_page("app_pages/planning.py").run()
    at = staff_page(at, wid)
    at.toggle(key=f"stb{wid}_fill").set_value(True).run()
    assert not at.exception and not at.error
    assert at.text_input(key=f"tb{wid}_contact_name").value == "Nog niet opgeslagen"
    # a field left alone here: what the contact saves meanwhile shows without a warning
    contact = contact_app(token)
    contact.text_input(key=f"tb{wid}_contact_role").input("beleidsadviseur OOV")
    click(contact, "Concept opslaan")
    at.run()
    assert any("intussen door iemand anders opgeslagen" in w.value for w in at.warning)
    click(at, "Nieuwste versie laden (uw wijzigingen vervallen)")
    assert at.text_input(key=f"tb{wid}_contact_role").value == "beleidsadviseur OOV"
    assert at.text_input(key=f"tb{wid}_contact_name").value == ""
    contact.text_input(key=f"tb{wid}_contact_name").input("Fenna de Boer")
    click(contact, "Concept opslaan")
    at.run()
    assert not at.warning  # nothing typed here since: the newest is simply shown
    assert at.text_input(key=f"tb{wid}_contact_name").value == "Fenna de Boer"
