"""AppTest: planning a workshop, its status, adding/editing participants, attendance, the mix
warnings, and the municipality contact's workshop page."""

from __future__ import annotations

import json
from datetime import date, timedelta

from support.apptest import assert_unreachable, new_app, open_tab

from jep.fmt import fmt_date
from jep.reference.catalog import catalog
from jep.store import db
from jep.workshop import intake, invites, participants, planning, workshops

CAT = catalog()


def setup_workshop(db_file, status="intake", when=None, location=None, n=0, code="GM0344"):
    with db.open_db(db_file) as d:
        wid = workshops.create_request(d, code, "tester")
        d.execute("UPDATE intakes SET state = 'ingediend' WHERE workshop_id = ?", [wid])
        d.execute(
            "UPDATE workshops SET status = ?, date = ?, location = ? WHERE id = ?",
            [status, when.isoformat() if when else None, location, wid],
        )
        d.conn.commit()
        for i in range(n):
            participants.add(d, wid, {"name": f"Deelnemer {i}", "sector_id": "onderwijs"}, "t", CAT)
    return wid


def open_page(at, page: str, wid: int):
    at.query_params["id"] = str(wid)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> str:
    return " | ".join(e.value for e in elements).replace("\\", "").replace("\u2060", "")


# ---------------------------------------------------------------- planning


def test_plan_then_schedule(staff_app, db_file):
    wid = setup_workshop(db_file)
    at = open_page(staff_app, "app_pages/planning.py", wid)
    k = f"pl{wid}_"
    # the next step is not offered while it is impossible; the page says why
    assert not [b for b in at.button if b.key == k + "to_gepland"]
    assert "Vul eerst een datum en een locatie in" in texts(at.info)

    at.date_input(key=k + "date").set_value(date.today() - timedelta(days=2))
    at.text_input(key=k + "location").input("Stadhuis, zaal 2")
    at.button(key=f"FormSubmitter:{k}form-Planning opslaan").click().run()
    assert "Kies een datum vanaf vandaag." in texts(at.error)
    assert at.text_input(key=k + "location").value == "Stadhuis, zaal 2"  # what was typed stays

    at.date_input(key=k + "date").set_value(date.today() + timedelta(days=14))
    at.selectbox(key=k + "time_slot").set_value("middag")
    at.text_input(key=k + "facilitator_1").input("A. Adviseur")
    at.button(key=f"FormSubmitter:{k}form-Planning opslaan").click().run()
    assert not at.exception
    assert texts(at.success).count("Planning opgeslagen.") == 1
    with db.open_db(db_file) as d:
        w = workshops.get(d, wid)
    assert (w["time_slot"], w["location"], w["facilitator_1"]) == (
        "middag",
        "Stadhuis, zaal 2",
        "A. Adviseur",
    )

    at.button(key=k + "to_gepland").click().run()
    assert "Status gewijzigd naar ‘gepland’." in texts(at.success)
    assert not [b for b in at.button if b.key == k + "to_uitgevoerd"]  # not before its date
    assert "pas op of na de dag zelf" in texts(at.info)
    # the plan cannot lose its location now
    at.text_input(key=k + "location").input("")
    at.button(key=f"FormSubmitter:{k}form-Planning opslaan").click().run()
    assert "Een gepland werkatelier heeft een locatie nodig." in texts(at.error)


def test_cancel_needs_confirmation(staff_app, db_file):
    wid = setup_workshop(db_file)
    at = open_page(staff_app, "app_pages/planning.py", wid)
    k = f"pl{wid}_"
    assert at.button(key=k + "cancel").disabled
    at.checkbox(key=k + "cancel_sure").check().run()
    at.button(key=k + "cancel").click().run()
    with db.open_db(db_file) as d:
        assert workshops.get(d, wid)["status"] == "geannuleerd"
    assert at.button(key=k + "to_intake").label.startswith("Heropenen")


def test_after_the_day_the_next_step_is_the_report_and_back_steps_are_confirmed(staff_app, db_file):
    """After 'uitgevoerd' there is no "Verslag is verstuurd" button while no report exists: the
    next step points at the Verslag page and says why; going back is secondary and confirmed."""
    wid = setup_workshop(db_file, "uitgevoerd", date.today(), "Zaal")
    at = open_page(staff_app, "app_pages/planning.py", wid)
    k = f"pl{wid}_"
    assert not [b for b in at.button if b.key == k + "to_verslag verstuurd"]
    assert "nog geen verslag gemaakt" in texts(at.caption)
    primary = [b for b in at.button if b.proto.type == "primary" and (b.key or "").startswith(k)]
    assert not primary  # nothing forward can be done here now
    back = at.button(key=k + "back_gepland")
    assert back.proto.type == "secondary" and back.disabled  # confirmation first
    assert "Terug naar gepland (een stap terug)" in [e.label for e in at.expander]
    at.checkbox(key=k + "back_sure_gepland").check().run()
    at.button(key=k + "back_gepland").click().run()
    assert "Status teruggezet naar ‘gepland’." in texts(at.success)
    with db.open_db(db_file) as d:
        assert workshops.get(d, wid)["status"] == "gepland"


def test_planning_shows_what_the_intake_asked_for(staff_app, db_file):
    wid = setup_workshop(db_file)
    wish = date.today() + timedelta(days=30)
    with db.open_db(db_file) as d:
        answers = intake.load(d, wid)["answers"]
        answers.update(
            dates=[wish.isoformat(), (wish + timedelta(days=7)).isoformat()],
            part_of_day="middag",
            location_by="gemeente",
            catering_by="organisatie",
            sectors={"onderwijs": 3, "veiligheid": 2},
        )
        d.execute(
            "UPDATE intakes SET answers = ? WHERE workshop_id = ?", [json.dumps(answers), wid]
        )
        d.conn.commit()
    at = open_page(staff_app, "app_pages/planning.py", wid)
    shown = texts(at.markdown)
    for expected in (
        f"Voorkeursdata:** {fmt_date(wish)}",
        "Voorkeur dagdeel:** Middag (13.30–17.00 uur)",
        "Locatie geregeld door:** De gemeente",
        "Catering geregeld door:** Een partnerorganisatie",
        "Gewenste deelnemers:** 5 (Onderwijs 3, Veiligheid 2)",
    ):
        assert expected in shown, expected
    k = f"pl{wid}_"
    at.button(key=k + f"take_{wish.isoformat()}").click().run()
    assert at.date_input(key=k + "date").value == wish
    assert at.selectbox(key=k + "time_slot").value == "middag"


def test_a_failed_save_says_so_under_the_button_once(staff_app, db_file):
    wid = setup_workshop(db_file, "gepland", date.today() + timedelta(days=5), "Zaal")
    at = open_page(staff_app, "app_pages/planning.py", wid)
    k = f"pl{wid}_"
    at.text_input(key=k + "location").input("")
    at.button(key=f"FormSubmitter:{k}form-Planning opslaan").click().run()
    errors = [e.value for e in at.error]
    assert "Een gepland werkatelier heeft een locatie nodig." in errors
    assert sum("nog niets opgeslagen" in e for e in errors) == 1
    scripts = [h.proto.body for h in at.get("html") if "scrollIntoView" in h.proto.body]
    assert len(scripts) == 1  # the page scrolls to the first error, once
    at.run()
    assert not [h for h in at.get("html") if "scrollIntoView" in h.proto.body]


def test_agenda_lists_the_next_first(staff_app, db_file):
    later = setup_workshop(
        db_file, "gepland", date.today() + timedelta(days=30), "Zaal", code="GM0014"
    )
    soon = setup_workshop(
        db_file, "gepland", date.today() + timedelta(days=3), "Zaal", code="GM0363"
    )
    staff_app.switch_page("app_pages/planning.py").run()
    table = staff_app.dataframe[0].value
    assert list(table["id"])[:2] == [soon, later]


# ---------------------------------------------------------------- participants


def test_add_participant_and_waiting_list(staff_app, db_file):
    wid = setup_workshop(db_file, "gepland", date.today() + timedelta(days=7), "Zaal", n=14)
    at = open_page(staff_app, "app_pages/participants.py", wid)
    p = f"pa{wid}_0_"
    at.button(key=p + "submit").click().run()
    assert "Vul de naam van de deelnemer in." in texts(at.error)
    assert "Kies de sector van de deelnemer." in texts(at.error)

    at.text_input(key=p + "name").input("Fatima Ouali")
    at.text_input(key=p + "organisation").input("Politie Utrecht")
    at.selectbox(key=p + "sector").set_value("veiligheid").run()
    at.selectbox(key=p + "profession").set_value("wijkagent")
    at.text_input(key=p + "email").input("f.ouali@politie.example")
    at.button(key=p + "submit").click().run()
    assert not at.exception
    assert "Fatima Ouali is aangemeld." in texts(at.success)
    p = f"pa{wid}_1_"  # the form is new and empty for the next one
    assert at.text_input(key=p + "name").value == ""
    assert at.selectbox(key=p + "sector").value is None
    assert at.metric[0].value == "15 van 15"

    at.text_input(key=p + "name").input("Kees Laat")
    at.selectbox(key=p + "sector").set_value("jgz").run()
    at.button(key=p + "submit").click().run()
    assert "staat op de wachtlijst" in texts(at.warning)
    assert at.metric[2].value == "1"  # Wachtlijst
    with db.open_db(db_file) as d:
        df = participants.list_df(d, wid)
    assert df.set_index("name").loc["Kees Laat", "status"] == "wachtlijst"


def test_only_the_open_mix_tab_sends_its_chart(staff_app, db_file):
    wid = setup_workshop(db_file, "gepland", date.today() + timedelta(days=7), "Zaal", n=3)
    at = open_page(staff_app, "app_pages/participants.py", wid)

    def shown():
        return [c.proto.id for c in at.get("plotly_chart")]

    first = shown()
    assert len(first) == 1  # the per-domain chart; the hidden tabs' charts are not sent
    open_tab(at, "Per sector", f"pt{wid}_chart_tabs")
    assert not at.exception
    assert len(shown()) == 1 and shown() != first  # now the per-sector chart, alone
    open_tab(at, "Gewenst en aangemeld", f"pt{wid}_chart_tabs")
    assert len(shown()) + len(at.info) >= 1  # its chart, or the note that nothing is wanted yet


def test_warning_changes_when_the_missing_domain_arrives(staff_app, db_file):
    wid = setup_workshop(db_file, "gepland", date.today() + timedelta(days=7), "Zaal", n=3)
    at = open_page(staff_app, "app_pages/participants.py", wid)
    # a rule about the mix is a warning, not an error
    assert "Nog niemand aangemeld uit Jeugd en Veiligheid." in texts(at.warning)
    assert not at.error
    p = f"pa{wid}_0_"
    at.text_input(key=p + "name").input("Rob Agent")
    at.selectbox(key=p + "sector").set_value("veiligheid").run()
    at.button(key=p + "submit").click().run()
    assert "Nog niemand aangemeld uit Jeugd." in texts(at.warning)
    assert "Nog niemand aangemeld uit Jeugd en Veiligheid." not in texts(at.warning)


def test_edit_and_remove_in_the_table(staff_app, db_file):
    wid = setup_workshop(db_file, "gepland", date.today() + timedelta(days=7), "Zaal", n=16)
    at = open_page(staff_app, "app_pages/participants.py", wid)
    key = f"pt{wid}_editor_0"
    at.session_state[key] = {
        "edited_rows": {1: {"sector": "Bestaat niet"}, 0: {"remove": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=f"pt{wid}_save").click().run()
    assert "Er is niets opgeslagen" in texts(at.error) and "Onbekende sector" in texts(at.error)
    with db.open_db(db_file) as d:
        assert len(participants.list_df(d, wid)) == 16

    at.session_state[key] = {
        "edited_rows": {1: {"sector": "Veiligheid", "name": "Nieuwe Naam"}, 0: {"remove": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=f"pt{wid}_save").click().run()
    assert not at.exception
    message = texts(at.success)
    assert "1 deelnemer(s) verwijderd" in message
    assert "Van de wachtlijst aangemeld: Deelnemer 15." in message
    with db.open_db(db_file) as d:
        df = participants.list_df(d, wid).set_index("name")
    assert "Deelnemer 0" not in df.index
    assert df.loc["Nieuwe Naam", "sector_id"] == "veiligheid"
    assert (df["status"] == "aangemeld").sum() == 15


def test_attendance_after_the_day(staff_app, db_file):
    future = setup_workshop(db_file, "gepland", date.today() + timedelta(days=7), "Zaal", n=2)
    at = open_page(staff_app, "app_pages/participants.py", future)
    assert "Aanwezigheid kunt u invullen vanaf" in texts(at.info)

    held = setup_workshop(db_file, "uitgevoerd", date.today(), "Zaal", n=3, code="GM0363")
    at = open_page(at, "app_pages/participants.py", held)
    at.session_state[f"pt{held}_att_0"] = {
        "edited_rows": {0: {"attended": "afwezig"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=f"pt{held}_att_save").click().run()
    at.button(key=f"pt{held}_att_all").click().run()
    assert not at.exception
    with db.open_db(db_file) as d:
        assert list(participants.list_df(d, held)["attended"]) == [0, 1, 1]
        assert participants.attended_count(d, held) == 2


def test_staff_pages_need_sign_in(db_file):
    at = new_app().run()
    for page in ("app_pages/planning.py", "app_pages/participants.py"):
        assert_unreachable(at, page)  # not in the anonymous navigation


# ---------------------------------------------------------------- municipality contact


def contact(db_file, wid):
    with db.open_db(db_file) as d:
        token = invites.issue(d, wid, "tester")
    at = new_app()
    at.query_params["token"] = token
    at.run()
    at.switch_page("app_pages/contact_workshop.py").run()
    assert not at.exception
    return at


def test_contact_sees_not_planned_yet(db_file):
    wid = setup_workshop(db_file, "intake")
    at = contact(db_file, wid)
    assert "nog niet gepland" in texts(at.info)
    assert not at.dataframe


def test_contact_sees_the_plan_and_adds_within_the_cap(db_file):
    when = date.today() + timedelta(days=10)
    wid = setup_workshop(db_file, "gepland", when, "Raadzaal", n=15)
    other = setup_workshop(db_file, "gepland", when, "Elders", n=1, code="GM0363")
    at = contact(db_file, wid)
    assert "Raadzaal" in texts(at.markdown)
    names = set(at.dataframe[0].value["Naam"])
    assert "Deelnemer 14" in names and len(names) == 15
    assert "E-mail" not in at.dataframe[0].value.columns
    p = f"pa{wid}_0_"
    at.text_input(key=p + "name").input("Gemeente Gast")
    at.selectbox(key=p + "sector").set_value("gemeente").run()
    at.button(key=p + "submit").click().run()
    assert "staat op de wachtlijst" in texts(at.warning)
    at.run()  # the list on the screen is cached per change of the participants: shown at once
    assert "Gemeente Gast" in set(at.dataframe[0].value["Naam"])
    with db.open_db(db_file) as d:
        df = participants.list_df(d, wid).set_index("name")
        assert df.loc["Gemeente Gast", "created_by"] == "gemeente:GM0344"
        assert len(participants.list_df(d, other)) == 1  # the other workshop is untouched
    # the URL cannot point the contact at another workshop
    at.query_params["id"] = str(other)
    at.run()
    assert "Elders" not in texts(at.markdown)


def test_contact_cannot_add_after_the_day(db_file):
    wid = setup_workshop(db_file, "uitgevoerd", date.today() - timedelta(days=1), "Zaal", n=2)
    at = contact(db_file, wid)
    assert len(at.dataframe[0].value) == 2
    assert not [b for b in at.button if (b.key or "").startswith(f"pa{wid}_")]
    assert "aanmelden kan niet meer" in texts(at.caption)
    assert_unreachable(
        at, "app_pages/participants.py"
    )  # staff pages are not in the contact navigation


def test_a_stale_planning_form_keeps_a_colleagues_change(staff_app, db_file):
    wid = setup_workshop(db_file, "gepland", date.today() + timedelta(days=9), "Zaal 1")
    at = open_page(staff_app, "app_pages/planning.py", wid)
    k = f"pl{wid}_"
    with db.open_db(db_file) as d:  # a colleague moves the workshop to another room
        base = planning.stored_plan(d, wid)
        assert not planning.save_plan(
            d, wid, {**base, "location": "Zaal 3"}, "collega", date.today()
        )
    at.text_input(key=k + "facilitator_1").input("A. Adviseur")
    at.button(key=f"FormSubmitter:{k}form-Planning opslaan").click().run()
    assert not at.exception
    assert "Intussen door iemand anders gewijzigd en behouden: de locatie." in texts(at.success)
    with db.open_db(db_file) as d:
        w = workshops.get(d, wid)
    assert (w["location"], w["facilitator_1"]) == ("Zaal 3", "A. Adviseur")
    assert at.text_input(key=k + "location").value == "Zaal 3"  # the form shows it now


def test_the_same_planning_field_changed_twice_is_refused_then_resaved(staff_app, db_file):
    wid = setup_workshop(db_file, "gepland", date.today() + timedelta(days=9), "Zaal 1")
    at = open_page(staff_app, "app_pages/planning.py", wid)
    k = f"pl{wid}_"
    with db.open_db(db_file) as d:
        base = planning.stored_plan(d, wid)
        changed = {**base, "location": "Zaal 3", "address": "Markt 2"}
        assert not planning.save_plan(d, wid, changed, "collega", date.today())
    at.text_input(key=k + "location").input("Raadzaal")
    at.button(key=f"FormSubmitter:{k}form-Planning opslaan").click().run()
    assert not at.exception
    message = texts(at.error)
    assert "Iemand anders heeft intussen ook dit gewijzigd: de locatie (nu ‘Zaal 3’)" in message
    with db.open_db(db_file) as d:
        assert workshops.get(d, wid)["location"] == "Zaal 3"  # nothing overwritten
    assert at.text_input(key=k + "location").value == "Raadzaal"  # what was typed stays
    assert at.text_input(key=k + "address").value == "Markt 2"  # the colleague's new address
    at.button(key=f"FormSubmitter:{k}form-Planning opslaan").click().run()  # a deliberate choice
    assert "Planning opgeslagen." in texts(at.success)
    with db.open_db(db_file) as d:
        w = workshops.get(d, wid)
    assert (w["location"], w["address"]) == ("Raadzaal", "Markt 2")
