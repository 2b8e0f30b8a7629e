"""Planning a workshop: the plan's fields, the status pipeline rules, the schedule, demo data."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from jep import demo
from jep.reference.catalog import catalog
from jep.reference.toml import CatalogError
from jep.report import versions
from jep.store import audit
from jep.workshop import participants, planning, workshops
from jep.workshop.planning import PlanningError

TODAY = date(2026, 11, 30)
CAT = catalog()


def new(conn, code="GM0344", status="aanvraag", submitted=False) -> int:
    wid = workshops.create_request(conn, code, "tester")
    if submitted:
        conn.execute("UPDATE intakes SET state = 'ingediend' WHERE workshop_id = ?", [wid])
        conn.conn.commit()
    if status != "aanvraag":
        workshops.set_status(conn, wid, status, "tester")
    return wid


def plan(**kw) -> dict:
    base = {
        "date": TODAY + timedelta(days=20),
        "time_slot": "ochtend",
        "location": "Stadhuis, zaal 2",
        "address": "Stadsplateau 1, Utrecht",
        "host_contact": "Mo Bakker, 030 - 000 0000",
        "facilitator_1": "A. Adviseur",
        "facilitator_2": "J. Jurist",
    }
    return {**base, **kw}


# ---------------------------------------------------------------- the plan


def test_save_plan_against_a_base_writes_only_what_the_user_changed(conn):
    wid = new(conn, status="intake", submitted=True)
    assert planning.save_plan(conn, wid, plan(), "tester", TODAY) == {}
    base = planning.stored_plan(conn, wid)
    assert base["date"] == (TODAY + timedelta(days=20)).isoformat()
    # a colleague changes the location; this form changes the second facilitator
    assert planning.save_plan(conn, wid, plan(location="Zaal 3"), "collega", TODAY) == {}
    form = plan(facilitator_2="K. Jurist")  # still shows the old location
    assert planning.save_plan(conn, wid, form, "tester", TODAY, base=base) == {}
    w = workshops.get(conn, wid)
    assert (w["location"], w["facilitator_2"]) == ("Zaal 3", "K. Jurist")
    # both changed the date: refused, nothing written
    base = planning.stored_plan(conn, wid)
    later = TODAY + timedelta(days=30)
    assert planning.save_plan(conn, wid, plan(date=later), "collega", TODAY) == {}
    with pytest.raises(planning.PlanConflict, match="de datum") as caught:
        planning.save_plan(conn, wid, plan(date=TODAY + timedelta(days=40)), "t", TODAY, base=base)
    assert caught.value.fields == ["date"]
    assert workshops.get(conn, wid)["date"] == later.isoformat()
    # the same new value from both sides is no conflict
    assert planning.save_plan(conn, wid, plan(date=later), "t", TODAY, base=base) == {}


def test_save_plan_and_audit(conn):
    wid = new(conn, status="intake", submitted=True)
    assert planning.save_plan(conn, wid, plan(), "tester", TODAY) == {}
    w = workshops.get(conn, wid)
    assert (w["date"], w["time_slot"], w["location"]) == (
        "2026-12-20",
        "ochtend",
        "Stadhuis, zaal 2",
    )
    entry = audit.entries(conn, action="planning gewijzigd").iloc[0]
    assert "location" in entry["detail"] and entry["actor"] == "tester"


@pytest.mark.parametrize(
    ("status", "change", "field", "message"),
    [
        ("intake", {"date": TODAY - timedelta(days=1)}, "date", "vanaf vandaag"),
        ("intake", {"date": "31-02-2027"}, "date", "Geen geldige datum"),
        ("intake", {"date": TODAY + timedelta(days=800)}, "date", "binnen 2 jaar"),
        ("intake", {"time_slot": "nacht"}, "time_slot", "dagdeel"),
        ("intake", {"facilitator_2": "a. adviseur"}, "facilitator_2", "twee verschillende"),
        ("intake", {"location": "x" * 201}, "location", "hoogstens 200"),
        ("gepland", {"date": None}, "date", "heeft een datum nodig"),
        ("gepland", {"location": "  "}, "location", "locatie nodig"),
        ("uitgevoerd", {"date": TODAY + timedelta(days=1)}, "date", "geen datum in de toekomst"),
    ],
)
def test_plan_rules(conn, status, change, field, message):
    wid = new(conn, status=status, submitted=True)
    errors = planning.save_plan(conn, wid, plan(**change), "tester", TODAY)
    assert message in errors[field]
    assert workshops.get(conn, wid)["location"] is None  # nothing saved


def test_a_past_date_may_stay_while_other_fields_change(conn):
    wid = new(conn, status="gepland", submitted=True)
    conn.execute("UPDATE workshops SET date = '2026-11-01', location = 'Zaal' WHERE id = ?", [wid])
    conn.conn.commit()
    errors = planning.save_plan(conn, wid, plan(date=date(2026, 11, 1)), "t", TODAY)
    assert errors == {}


def test_empty_plan_is_fine_before_planning(conn):
    wid = new(conn)
    assert planning.save_plan(conn, wid, {}, "t", TODAY) == {}


def test_facilitator_clash_is_noted(conn):
    a = new(conn, status="intake", submitted=True)
    b = new(conn, code="GM0363", status="intake", submitted=True)
    planning.save_plan(conn, a, plan(), "t", TODAY)
    notes = planning.clashes(conn, b, TODAY + timedelta(days=20), "ochtend", ["A. ADVISEUR", None])
    assert notes == [
        "A. ADVISEUR is op 20 december 2026 ook ingepland bij het werkatelier in Utrecht."
    ]
    assert planning.clashes(conn, b, TODAY + timedelta(days=20), "middag", ["A. Adviseur"]) == []


# ---------------------------------------------------------------- status pipeline


def allowed(conn, wid, today=TODAY) -> dict[str, str]:
    return {t.target: t.reason for t in planning.transitions(conn, wid, today)}


def test_intake_needs_a_submitted_voorgesprek(conn):
    wid = new(conn)
    with pytest.raises(PlanningError, match="nog niet ingediend"):
        planning.change_status(conn, wid, "intake", "t", TODAY)
    assert set(allowed(conn, wid)) == {"intake", "geannuleerd"}
    with pytest.raises(PlanningError, match="kan niet naar"):
        planning.change_status(conn, wid, "gepland", "t", TODAY)


def test_gepland_needs_a_date_and_a_location(conn):
    wid = new(conn, status="intake", submitted=True)
    assert allowed(conn, wid)["gepland"] == "Vul eerst een datum en een locatie in bij de planning."
    planning.save_plan(conn, wid, {"date": TODAY + timedelta(days=5)}, "t", TODAY)
    assert allowed(conn, wid)["gepland"] == "Vul eerst een locatie in bij de planning."
    planning.save_plan(conn, wid, plan(), "t", TODAY)
    planning.change_status(conn, wid, "gepland", "t", TODAY)
    assert workshops.get(conn, wid)["status"] == "gepland"
    entry = audit.entries(conn, action="status gewijzigd").iloc[0]
    assert '"naar": "gepland"' in entry["detail"]


def test_not_uitgevoerd_before_its_date(conn):
    wid = new(conn, status="intake", submitted=True)
    planning.save_plan(conn, wid, plan(date=TODAY + timedelta(days=3)), "t", TODAY)
    planning.change_status(conn, wid, "gepland", "t", TODAY)
    with pytest.raises(PlanningError, match="pas op of na de dag zelf"):
        planning.change_status(conn, wid, "uitgevoerd", "t", TODAY)
    planning.change_status(conn, wid, "uitgevoerd", "t", TODAY + timedelta(days=3))
    versions.create_version(conn, wid, "t")
    planning.change_status(conn, wid, "verslag verstuurd", "t", TODAY + timedelta(days=30))
    assert set(allowed(conn, wid, TODAY + timedelta(days=30))) == {"uitgevoerd"}


def test_report_sent_needs_a_report_and_steps_say_their_kind(conn):
    """After 'uitgevoerd' the next step is sending the report, which needs one first; the steps
    back are told apart from the step forward, so the page can keep them secondary."""
    wid = new(conn, status="intake", submitted=True)
    planning.save_plan(conn, wid, plan(date=TODAY), "t", TODAY)
    kinds = {t.target: t.kind for t in planning.transitions(conn, wid, TODAY)}
    assert kinds == {"gepland": "forward", "geannuleerd": "cancel"}
    planning.change_status(conn, wid, "gepland", "t", TODAY)
    kinds = {t.target: t.kind for t in planning.transitions(conn, wid, TODAY)}
    assert kinds == {"uitgevoerd": "forward", "intake": "back", "geannuleerd": "cancel"}
    planning.change_status(conn, wid, "uitgevoerd", "t", TODAY)
    options = {t.target: t for t in planning.transitions(conn, wid, TODAY)}
    assert (options["verslag verstuurd"].kind, options["gepland"].kind) == ("forward", "back")
    assert not options["verslag verstuurd"].allowed
    assert "nog geen verslag gemaakt" in options["verslag verstuurd"].reason
    with pytest.raises(PlanningError, match="nog geen verslag gemaakt"):
        planning.change_status(conn, wid, "verslag verstuurd", "t", TODAY)
    versions.create_version(conn, wid, "t")
    assert allowed(conn, wid)["verslag verstuurd"] == ""


def test_back_steps_and_attendance(conn):
    wid = new(conn, status="intake", submitted=True)
    planning.save_plan(conn, wid, plan(date=TODAY), "t", TODAY)
    planning.change_status(conn, wid, "gepland", "t", TODAY)
    planning.change_status(conn, wid, "uitgevoerd", "t", TODAY)
    assert allowed(conn, wid)["gepland"] == ""  # a same-day correction
    participants.add(conn, wid, {"name": "P", "sector_id": "onderwijs"}, "t", CAT)
    pid = int(participants.list_df(conn, wid).iloc[0]["id"])
    participants.set_attendance(conn, wid, {pid: True}, "t", TODAY)
    assert "aanwezigheid is al ingevuld" in allowed(conn, wid)["gepland"]


def test_cancel_and_reopen(conn):
    wid = new(conn, status="intake", submitted=True)
    planning.change_status(conn, wid, "geannuleerd", "t", TODAY)
    options = planning.transitions(conn, wid, TODAY)
    assert [(t.target, t.label, t.allowed) for t in options] == [("intake", "Heropenen", True)]
    planning.change_status(conn, wid, "intake", "t", TODAY)
    other = new(conn)
    planning.change_status(conn, other, "geannuleerd", "t", TODAY)
    assert [t.target for t in planning.transitions(conn, other, TODAY)] == ["aanvraag"]


def test_reopening_lets_the_waiting_list_move_up(conn):
    cat = catalog()
    wid = new(conn, status="gepland", submitted=True)
    for i in range(16):
        participants.add(conn, wid, {"name": f"P{i}", "sector_id": "onderwijs"}, "t", cat)
    planning.change_status(conn, wid, "geannuleerd", "t", TODAY)
    first = int(participants.list_df(conn, wid).iloc[0]["id"])
    participants.remove(conn, wid, first, "t", cat)
    assert participants.seats(conn, wid, cat).waiting == 1  # lists are frozen while cancelled
    planning.change_status(conn, wid, "intake", "t", TODAY)
    assert participants.seats(conn, wid, cat).waiting == 0


def test_unknown_status_and_workshop(conn):
    with pytest.raises(PlanningError, match="Onbekende status"):
        planning.change_status(conn, 1, "klaar", "t", TODAY)
    with pytest.raises(PlanningError, match="bestaat niet"):
        planning.change_status(conn, 999, "intake", "t", TODAY)


# ---------------------------------------------------------------- schedule and data


def test_schedule_shows_the_next_ones_first(conn):
    def at(days, code, status="gepland"):
        wid = new(conn, code=code, status=status)
        when = (TODAY + timedelta(days=days)).isoformat() if days is not None else None
        conn.execute("UPDATE workshops SET date = ? WHERE id = ?", [when, wid])
        conn.conn.commit()
        return wid

    past_old, past_new = at(-60, "GM0014"), at(-5, "GM0034")
    soon, later, undated = at(3, "GM0344"), at(40, "GM0363"), at(None, "GM0599", "intake")
    cancelled = at(1, "GM0518", "geannuleerd")
    df = planning.schedule(conn, TODAY)
    assert list(df["id"]) == [soon, later, undated, past_new, past_old]
    df = planning.schedule(conn, TODAY, include_cancelled=True)
    assert list(df["id"])[-1] == cancelled


def test_schedule_lists_facilitators_when_only_some_workshops_have_them(conn):
    # pandas 3 reads a text column with some NULLs as a string column holding NaN (truthy).
    planned = new(conn, code="GM0344", status="intake", submitted=True)
    planning.save_plan(conn, planned, plan(facilitator_2=""), "tester", TODAY)
    new(conn, code="GM0363")
    df = planning.schedule(conn, TODAY).set_index("id")
    assert df.loc[planned, "begeleiders"] == "A. Adviseur"
    assert set(df["begeleiders"]) == {"A. Adviseur", ""}


def test_desired_comes_from_the_intake(conn):
    wid = new(conn)
    conn.execute(
        "INSERT INTO intake_sectors(workshop_id, sector_id, desired) VALUES (?, 'veiligheid', 2)",
        [wid],
    )
    conn.conn.commit()
    assert planning.desired(conn, wid) == {"veiligheid": 2}


def test_config_file_is_checked(tmp_path: Path):
    assert set(planning.config().time_slots) == {"ochtend", "middag"}
    bad = tmp_path / "planning.toml"
    bad.write_text('[[time_slot]]\nid = "Ochtend!"\nlabel = "x"\n')
    with pytest.raises(CatalogError, match="planning.toml: dagdeel nr. 1"):
        planning.load_config(bad)
    bad.write_text('[[time_slot]]\nid = "ochtend"\nlabel = "x"\n')
    with pytest.raises(CatalogError, match=r"planning.toml: \[facilitators\]"):
        planning.load_config(bad)


def test_demo_participants(conn):
    demo.seed_demo(conn, count=40, today=TODAY)
    rows = conn.execute(
        "SELECT w.status, p.name, p.status, p.attended, p.sector_id FROM participants p "
        "JOIN workshops w ON w.id = p.workshop_id"
    ).fetchall()
    assert rows
    assert all(r[1].endswith("(demo)") for r in rows)
    assert all(r[4] in CAT.sectors for r in rows)
    assert {r[0] for r in rows} <= {"gepland", "uitgevoerd", "verslag verstuurd"}
    held = [r for r in rows if r[0] != "gepland" and r[2] == "aangemeld"]
    assert held and all(r[3] in (0, 1) for r in held)
    per = conn.execute(
        "SELECT max(n) FROM (SELECT count(*) n FROM participants WHERE status = 'aangemeld' "
        "GROUP BY workshop_id)"
    ).fetchone()[0]
    assert per <= participants.cap(CAT)
    demo.remove_demo(conn)
    assert conn.execute("SELECT count(*) FROM participants").fetchone()[0] == 0
