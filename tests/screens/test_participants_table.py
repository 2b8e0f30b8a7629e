"""AppTest: the participants table while a colleague changes the list (issue 18, item 2).

Edits, removals, attendance and waiting-list priority are keyed by the participant's id and
checked against the row the user saw: a change on someone a colleague changed or removed is
refused with a message naming that person, and nobody else is changed.
"""

from __future__ import annotations

from datetime import date, timedelta

from support.apptest import new_app, sign_in

from jep.reference.catalog import catalog
from jep.store import db
from jep.workshop import participants, workshops

CAT = catalog()


def make(db_file, n: int, status: str = "gepland", when: date | None = None) -> int:
    when = when or date.today() + timedelta(days=7)
    with db.open_db(db_file) as d:
        wid = workshops.create_request(d, "GM0344", "tester")
        d.execute(
            "UPDATE workshops SET status = ?, date = ?, location = 'Zaal' WHERE id = ?",
            [status, when.isoformat(), wid],
        )
        d.conn.commit()
        for i in range(1, n + 1):
            errors, _ = participants.add(
                d, wid, {"name": f"Persoon {i:02}", "sector_id": "onderwijs"}, "t", CAT
            )
            assert not errors
    return wid


def ids(db_file, wid: int) -> dict[str, int]:
    with db.open_db(db_file) as d:
        df = participants.list_df(d, wid)
    return dict(zip(df["name"], (int(i) for i in df["id"]), strict=True))


def rows(db_file, wid: int):
    with db.open_db(db_file) as d:
        return participants.list_df(d, wid).set_index("name")


def open_list(db_file, wid: int):
    at = sign_in(new_app())
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/participants.py").run()
    assert not at.exception, at.exception
    return at


def edit(at, key: str, edited: dict) -> None:
    at.session_state[key] = {"edited_rows": edited, "added_rows": [], "deleted_rows": []}


def page_text(at) -> str:
    return " | ".join(str(e.value) for e in [*at.error, *at.success, *at.info]).replace("\\", "")


def colleague_removes(db_file, wid: int, name: str) -> None:
    with db.open_db(db_file) as d:
        participants.remove(d, wid, ids(db_file, wid)[name], "collega", CAT)


def test_removing_after_a_colleague_removed_someone_above_removes_the_right_person(db_file):
    wid = make(db_file, 5)
    at = open_list(db_file, wid)
    colleague_removes(db_file, wid, "Persoon 02")  # the list the user sees is now stale
    edit(at, f"pt{wid}_editor_0", {2: {"remove": True}})  # the third row: Persoon 03
    at.button(key=f"pt{wid}_save").click().run()
    assert not at.exception, at.exception
    left = sorted(rows(db_file, wid).index)
    assert left == ["Persoon 01", "Persoon 04", "Persoon 05"]  # not Persoon 04


def test_editing_someone_a_colleague_changed_is_refused_and_changes_nobody(db_file):
    wid = make(db_file, 4)
    at = open_list(db_file, wid)
    with db.open_db(db_file) as d:  # a colleague corrects Persoon 03's e-mail
        errors, _ = participants.apply_changes(
            d, wid, {ids(db_file, wid)["Persoon 03"]: {"email": "p3@school.example"}}, [], "c", CAT
        )
        assert not errors
    edit(at, f"pt{wid}_editor_0", {2: {"name": "Persoon Drie"}, 0: {"organisation": "School"}})
    at.button(key=f"pt{wid}_save").click().run()
    assert not at.exception
    shown = page_text(at)
    assert "Er is niets opgeslagen" in shown
    assert "De gegevens van Persoon 03 zijn intussen door iemand anders gewijzigd" in shown
    after = rows(db_file, wid)
    assert "Persoon Drie" not in after.index
    assert after.loc["Persoon 03", "email"] == "p3@school.example"  # the colleague's change
    assert after["organisation"].isna().all()  # nobody else changed either
    # the user can reload and then make the change on the new list
    at.button(key=f"pt{wid}_editor_reload").click().run()
    assert "Er is niets opgeslagen" not in page_text(at)
    edit(at, f"pt{wid}_editor_1", {2: {"name": "Persoon Drie"}})
    at.button(key=f"pt{wid}_save").click().run()
    assert "Persoon Drie" in rows(db_file, wid).index


def test_editing_someone_a_colleague_removed_names_them(db_file):
    wid = make(db_file, 4)
    at = open_list(db_file, wid)
    colleague_removes(db_file, wid, "Persoon 02")
    edit(at, f"pt{wid}_editor_0", {1: {"name": "Persoon Twee"}, 3: {"remove": True}})
    at.button(key=f"pt{wid}_save").click().run()
    shown = page_text(at)
    assert "Persoon 02 staat niet meer op de lijst" in shown
    assert "De lijst is intussen door iemand anders gewijzigd" in shown
    assert sorted(rows(db_file, wid).index) == ["Persoon 01", "Persoon 03", "Persoon 04"]


def test_attendance_after_a_colleague_removed_someone_marks_the_right_person(db_file):
    wid = make(db_file, 4, status="uitgevoerd", when=date.today())
    at = open_list(db_file, wid)
    with db.open_db(db_file) as d:  # on the day a colleague deletes a double entry
        d.execute("DELETE FROM participants WHERE id = ?", [ids(db_file, wid)["Persoon 01"]])
        d.conn.commit()
    edit(at, f"pt{wid}_att_0", {2: {"attended": "aanwezig"}})  # Persoon 03
    at.button(key=f"pt{wid}_att_save").click().run()
    assert not at.exception
    after = rows(db_file, wid)
    assert after.loc["Persoon 03", "attended"] == 1
    assert after["attended"].isna().sum() == 2  # Persoon 02 and 04 untouched


def test_attendance_on_someone_a_colleague_marked_is_refused(db_file):
    wid = make(db_file, 3, status="uitgevoerd", when=date.today())
    at = open_list(db_file, wid)
    with db.open_db(db_file) as d:
        participants.set_attendance(
            d, wid, {ids(db_file, wid)["Persoon 02"]: True}, "c", date.today()
        )
    edit(at, f"pt{wid}_att_0", {1: {"attended": "afwezig"}, 0: {"attended": "aanwezig"}})
    at.button(key=f"pt{wid}_att_save").click().run()
    assert "De gegevens van Persoon 02 zijn intussen door iemand anders gewijzigd" in page_text(at)
    after = rows(db_file, wid)
    assert after.loc["Persoon 02", "attended"] == 1 and after["attended"].isna().sum() == 2


def test_priority_for_someone_who_already_moved_up_is_refused_by_name(db_file):
    wid = make(db_file, 17)  # 15 seats: Persoon 16 and 17 wait
    at = open_list(db_file, wid)
    at.selectbox(key=f"pt{wid}_front_0").set_value(ids(db_file, wid)["Persoon 16"]).run()
    colleague_removes(db_file, wid, "Persoon 01")  # Persoon 16 moves up meanwhile
    at.button(key=f"pt{wid}_front_go").click().run()
    assert not at.exception
    assert "De gegevens van Persoon 16 zijn intussen door iemand anders gewijzigd" in page_text(at)
    with db.open_db(db_file) as d:
        df = participants.list_df(d, wid)
    assert df[df["status"] == "wachtlijst"]["name"].tolist() == ["Persoon 17"]
