"""AppTest: the facilitators' notes page and the report page (review, own recommendations, make
the PDF, versions, mark as sent)."""

from __future__ import annotations

import pytest
from support.apptest import new_app
from support.report_data import held_workshop

from jep.report import review, versions
from jep.store import db
from jep.workshop import notes, workshops


def setup(db_file, **kwargs) -> int:
    with db.open_db(db_file) as d:
        return held_workshop(d, **kwargs)


def open_page(at, page: str, wid: int):
    at.query_params["id"] = str(wid)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> str:
    return " | ".join(str(e.value) for e in elements).replace("\\", "").replace("\u2060", "")


def submit(at, form_key: str, label: str):
    at.button(key=f"FormSubmitter:{form_key}-{label}").click().run()
    assert not at.exception, at.exception
    return at


# ---------------------------------------------------------------- notes of the day


def test_add_a_dilemma_with_errors_and_the_privacy_check(staff_app, db_file):
    wid = setup(db_file)
    at = open_page(staff_app, "app_pages/notes.py", wid)
    assert "Notities van de dag" in texts(at.title)
    key = f"nt{wid}_dilemma_0_"
    at.text_area(key=key + "text").input("Een leerling deelt filmpjes in de klas.")
    submit(at, key + "form", "Notitie toevoegen")
    assert "Kies bij welke stap van de werkwijze dit dilemma hoort." in texts(at.error)
    assert at.text_area(key=key + "text").value == "Een leerling deelt filmpjes in de klas."

    at.selectbox(key=key + "step").set_value(5)
    at.text_area(key=key + "text").input("Bel de moeder op 06-12345678 over de jongen van 15.")
    submit(at, key + "form", "Notitie toevoegen")
    assert "Mogelijk persoonsgegevens gevonden" in texts(at.warning)
    with db.open_db(db_file) as d:
        assert notes.counts(d, wid)["dilemma"] == 0  # nothing saved yet

    at.checkbox(key=key + "ok").check()
    submit(at, key + "form", "Notitie toevoegen")
    assert "Notitie toegevoegd." in texts(at.success)
    with db.open_db(db_file) as d:
        (saved,) = notes.records(notes.list_df(d, wid))
    assert (saved["kind"], saved["step"]) == ("dilemma", 5)
    assert at.text_area(key=f"nt{wid}_dilemma_1_text").value == ""  # a new, empty form


def test_knelpunt_note_edit_and_delete(staff_app, db_file):
    wid = setup(db_file)
    at = open_page(staff_app, "app_pages/notes.py", wid)
    key = f"nt{wid}_knelpunt_0_"
    submit(at, key + "form", "Notitie toevoegen")
    assert "Geef aan of het knelpunt bevestigd of nieuw is." in texts(at.error)
    at.radio(key=key + "knelpunt_status").set_value("bevestigd")
    at.selectbox(key=key + "knelpunt_id").set_value("geen-terugkoppeling")
    submit(at, key + "form", "Notitie toevoegen")
    assert "Notitie toegevoegd." in texts(at.success)
    with db.open_db(db_file) as d:
        assert notes.day_knelpunten(d, wid) == {"geen-terugkoppeling": "bevestigd"}
        note_id = int(notes.list_df(d, wid)["id"].iloc[0])

    # the edit form is on the page only once asked for, and a cancel throws the typing away
    edit = f"nt{wid}_e{note_id}_"
    assert edit + "text" not in at.session_state
    at.button(key=f"nt{wid}_edit{note_id}").click().run()
    at.text_area(key=edit + "text").input("Iets dat niet bewaard wordt.")
    at.button(key=edit + "cancel").click().run()
    assert edit + "text" not in at.session_state
    at.button(key=f"nt{wid}_edit{note_id}").click().run()
    assert at.text_area(key=edit + "text").value == ""  # the stored text again
    at.text_area(key=edit + "text").input("Partners horen niets terug na een melding.")
    submit(at, edit + "form", "Wijziging opslaan")
    assert "Notitie gewijzigd." in texts(at.success)
    assert edit + "text" not in at.session_state  # closed after the save
    with db.open_db(db_file) as d:
        assert notes.get(d, wid, note_id)["text"] == "Partners horen niets terug na een melding."

    at.button(key=f"nt{wid}_del{note_id}").click().run()
    assert "Notitie verwijderd." in texts(at.success)
    with db.open_db(db_file) as d:
        assert notes.list_df(d, wid).empty


# ---------------------------------------------------------------- the report page


def test_review_recommendations(staff_app, db_file):
    wid = setup(db_file, knelpunten={"geen-terugkoppeling": 4, "smal-beeld": 4})
    at = open_page(staff_app, "app_pages/report.py", wid)
    k = f"rp{wid}_"
    assert "Spreek terugkoppeling af na het delen van een signaal" in texts(at.markdown)
    assert "Omdat in het voorgesprek" in texts(at.caption)

    at.button(key=k + "acc_terugkoppeling-afspreken").click().run()
    assert "aanvaard" in texts(at.success)
    at.button(key=k + "rej_breed-beeld-extremisme").click().run()
    assert "afgewezen" in texts(at.success)

    rw = k + "rw_terugkoppeling-afspreken_"
    assert rw + "title" not in at.session_state  # the rewrite form opens on request
    at.button(key=k + "rw_start_terugkoppeling-afspreken").click().run()
    at.text_input(key=rw + "title").input("")
    submit(at, rw + "form", "Opslaan en aanvaarden")
    assert "Geef de aanbeveling een titel." in texts(at.error)
    at.text_input(key=rw + "title").input("Spreek een vaste terugkoppeling af")
    submit(at, rw + "form", "Opslaan en aanvaarden")
    assert "Herschreven en aanvaard" in texts(at.success)
    assert rw + "title" not in at.session_state  # the form closed after saving
    at.button(key=k + "rw_start_terugkoppeling-afspreken").click().run()
    assert at.text_input(key=rw + "title").value == "Spreek een vaste terugkoppeling af"
    at.button(key=rw + "cancel").click().run()
    assert rw + "title" not in at.session_state

    new = k + "new_0_"
    submit(at, new + "form", "Aanbeveling toevoegen")
    assert "Geef de aanbeveling een titel." in texts(at.error)
    at.text_input(key=new + "title").input("Plan een vervolg")
    at.text_area(key=new + "text").input("Over een half jaar met dezelfde groep.")
    at.selectbox(key=new + "owner").set_value("gemeente")
    at.selectbox(key=new + "priority").set_value(3)
    submit(at, new + "form", "Aanbeveling toevoegen")
    assert "Eigen aanbeveling toegevoegd." in texts(at.success)
    assert at.text_input(key=k + "new_1_title").value == ""  # a new, empty form

    # an own recommendation's edit form opens on request and closes after the save
    with db.open_db(db_file) as d:
        (own,) = review.review(d, wid).own
    own_key = k + f"own_{own.id}_"
    assert own_key + "title" not in at.session_state
    at.button(key=k + f"own_edit_{own.id}").click().run()
    at.text_input(key=own_key + "title").input("Plan een vervolgbijeenkomst")
    submit(at, own_key + "form", "Wijziging opslaan")
    assert "Eigen aanbeveling gewijzigd." in texts(at.success)
    assert own_key + "title" not in at.session_state

    with db.open_db(db_file) as d:
        final = review.review(d, wid).final()
    assert [r.title for r in final] == [
        "Spreek een vaste terugkoppeling af",
        "Plan een vervolgbijeenkomst",
    ]


def test_make_the_report_then_mark_it_sent(staff_app, db_file):
    wid = setup(db_file, knelpunten={"geen-terugkoppeling": 4})
    at = open_page(staff_app, "app_pages/report.py", wid)
    k = f"rp{wid}_"
    assert "Er is nog geen verslag gemaakt." in texts(at.caption)
    at.button(key=k + "accept_all").click().run()
    assert "voorstel(len) aanvaard" in texts(at.success)
    at.button(key=k + "make").click().run()
    assert not at.exception, at.exception
    with db.open_db(db_file) as d:
        made = versions.versions(d, wid)
    assert len(made) == 1 and made.iloc[0]["created_by"] == "admin"
    vid = int(made.iloc[0]["id"])
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Versie 1 downloaden (PDF)" in labels and "Downloaden" in labels

    at.button(key=k + f"sent_{vid}").click().run()
    assert "Versie 1 is gemarkeerd als verstuurd." in texts(at.success)
    with db.open_db(db_file) as d:
        assert workshops.get(d, wid)["status"] == "verslag verstuurd"
        assert versions.versions(d, wid).iloc[0]["sent_by"] == "admin"


def test_marking_sent_with_undecided_proposals_asks_first(staff_app, db_file):
    wid = setup(db_file, knelpunten={"geen-terugkoppeling": 4, "smal-beeld": 4})
    at = open_page(staff_app, "app_pages/report.py", wid)
    k = f"rp{wid}_"
    at.button(key=k + "acc_terugkoppeling-afspreken").click().run()
    at.button(key=k + "make").click().run()
    with db.open_db(db_file) as d:
        vid = int(versions.versions(d, wid).iloc[0]["id"])
        undecided = len(review.review(d, wid).undecided)
    assert undecided >= 1
    at.button(key=k + f"sent_{vid}").click().run()
    assert "nog niet beoordeeld" in texts(at.warning)
    with db.open_db(db_file) as d:
        assert workshops.get(d, wid)["status"] == "uitgevoerd"  # nothing marked yet
    at.button(key=k + f"sent_no_{vid}").click().run()
    assert "nog niet beoordeeld en" not in texts(at.warning)
    at.button(key=k + f"sent_{vid}").click().run()
    at.button(key=k + f"sent_yes_{vid}").click().run()
    assert "Versie 1 is gemarkeerd als verstuurd." in texts(at.success)
    with db.open_db(db_file) as d:
        assert workshops.get(d, wid)["status"] == "verslag verstuurd"


def test_pages_are_for_staff_only(db_file):
    at = new_app()
    at.run()
    for page in ("app_pages/notes.py", "app_pages/report.py"):
        with pytest.raises(Exception):  # noqa: B017 - not in an anonymous visitor's navigation
            at.switch_page(page).run()
