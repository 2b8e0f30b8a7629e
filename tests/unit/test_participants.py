"""Participants: validation, seat cap and waiting list (also concurrently), edits, attendance,
import (CSV/XLSX with good and bad rows, all or nothing) and export."""

from __future__ import annotations

import csv
import dataclasses
import io
import threading
from datetime import date, timedelta

import pytest
from openpyxl import Workbook

from jep.reference.catalog import catalog
from jep.store import audit, db
from jep.workshop import participants, uploads, workshops
from jep.workshop.participants import ImportFileError, ParticipantError

TODAY = date(2026, 11, 30)
CAT = catalog()


def make_workshop(conn, status="gepland", when: date | None = None) -> int:
    wid = workshops.create_request(conn, "GM0344", "tester")
    if status != "aanvraag":
        workshops.set_status(conn, wid, status, "tester")
    if when:
        conn.execute("UPDATE workshops SET date = ? WHERE id = ?", [when.isoformat(), wid])
        conn.conn.commit()
    return wid


def person(i: int, sector="onderwijs", **extra) -> dict:
    return {"name": f"Deelnemer {i}", "organisation": "Org", "sector_id": sector, **extra}


def fill(conn, wid, n, sector="onderwijs", start=0):
    for i in range(start, start + n):
        errors, added = participants.add(conn, wid, person(i, sector), "tester", CAT)
        assert not errors, errors


def small_cap(n: int):
    return dataclasses.replace(CAT, settings={**CAT.settings, "workshop": {"max_participants": n}})


# ---------------------------------------------------------------- validation


def test_add_validates_every_field(conn):
    wid = make_workshop(conn)
    errors, added = participants.add(
        conn, wid, {"name": "  ", "sector_id": "politie", "email": "nee@"}, "t", CAT
    )
    assert added is None
    assert errors["name"] == "Vul de naam van de deelnemer in."
    assert "Onbekende sector ‘politie’" in errors["sector_id"]
    assert "geldig e-mailadres" in errors["email"]
    assert participants.seats(conn, wid, CAT).registered == 0


def test_profession_from_catalogue_sets_the_sector_and_spelling(conn):
    wid = make_workshop(conn)
    errors, added = participants.add(
        conn, wid, {"name": "Jan Agent", "profession": "WIJKAGENT"}, "t", CAT
    )
    assert not errors and added.status == "aangemeld"
    row = participants.list_df(conn, wid).iloc[0]
    assert (row["sector_id"], row["profession"]) == ("veiligheid", "wijkagent")


def test_profession_must_belong_to_the_sector(conn):
    wid = make_workshop(conn)
    errors, _ = participants.add(
        conn, wid, {"name": "X", "sector_id": "onderwijs", "profession": "wijkagent"}, "t", CAT
    )
    assert errors["profession"] == (
        "Het beroep ‘wijkagent’ hoort bij de sector Veiligheid, niet bij Onderwijs."
    )
    errors, _ = participants.add(
        conn, wid, {"name": "X", "sector_id": "Onderwijs", "profession": "rector"}, "t", CAT
    )
    assert "Onbekend beroep ‘rector’" in errors["profession"] and "docent" in errors["profession"]


def test_sector_by_name_any_case(conn):
    wid = make_workshop(conn)
    errors, _ = participants.add(
        conn, wid, {"name": "X", "sector_id": "gemeente (BELEID, oov)"}, "t", CAT
    )
    assert not errors
    assert participants.list_df(conn, wid).iloc[0]["sector_id"] == "gemeente"


def test_duplicate_email_and_person_in_one_workshop(conn):
    wid = make_workshop(conn)
    other = make_workshop(conn)
    raw = {"name": "Anna", "organisation": "School", "sector_id": "onderwijs", "email": "a@s.nl"}
    assert participants.add(conn, wid, raw, "t", CAT)[0] == {}
    errors, _ = participants.add(conn, wid, {**raw, "name": "Bert", "email": "A@S.NL"}, "t", CAT)
    assert errors == {"email": "Dit e-mailadres staat al op de lijst (bij Anna)."}
    errors, _ = participants.add(conn, wid, {**raw, "email": ""}, "t", CAT)
    assert "zelfde naam en organisatie" in errors["name"]
    assert participants.add(conn, other, raw, "t", CAT)[0] == {}  # another workshop is fine


def test_contact_adds_only_while_planned_staff_not_when_cancelled(conn):
    wid = make_workshop(conn, status="intake")
    with pytest.raises(ParticipantError, match="zolang het werkatelier gepland is"):
        participants.add(conn, wid, person(1), "gemeente:GM0344", CAT, by_contact=True)
    assert participants.add(conn, wid, person(1), "tester", CAT)[0] == {}
    workshops.set_status(conn, wid, "gepland", "t")
    assert participants.add(conn, wid, person(2), "gemeente:GM0344", CAT, by_contact=True)[1]
    workshops.set_status(conn, wid, "geannuleerd", "t")
    with pytest.raises(ParticipantError, match="geannuleerd"):
        participants.add(conn, wid, person(3), "tester", CAT)


# ---------------------------------------------------------------- cap and waiting list


def test_sixteenth_goes_to_the_waiting_list_and_moves_up(conn):
    wid = make_workshop(conn)
    fill(conn, wid, 15)
    errors, added = participants.add(conn, wid, person(15), "t", CAT)
    assert added.status == "wachtlijst"
    _, added2 = participants.add(conn, wid, person(16), "t", CAT)
    seats = participants.seats(conn, wid, CAT)
    assert (seats.cap, seats.registered, seats.waiting, seats.free) == (15, 15, 2, 0)
    df = participants.list_df(conn, wid)
    assert list(df["waitlist_no"].dropna()) == [1, 2]
    assert list(df[df.status == "wachtlijst"]["name"]) == ["Deelnemer 15", "Deelnemer 16"]

    first = int(df.iloc[0]["id"])
    promoted = participants.remove(conn, wid, first, "t", CAT)
    assert promoted == ["Deelnemer 15"]
    df = participants.list_df(conn, wid)
    assert (df.status == "aangemeld").sum() == 15
    assert list(df[df.status == "wachtlijst"]["name"]) == ["Deelnemer 16"]
    assert int(df[df.name == "Deelnemer 16"]["waitlist_no"].iloc[0]) == 1
    actions = set(audit.entries(conn)["action"])
    assert {"deelnemer verwijderd", "deelnemer van wachtlijst aangemeld"} <= actions


def test_cap_is_data(conn):
    cat3 = small_cap(3)
    wid = make_workshop(conn)
    statuses = [participants.add(conn, wid, person(i), "t", cat3)[1].status for i in range(5)]
    assert statuses == ["aangemeld"] * 3 + ["wachtlijst"] * 2
    # a larger cap lets the waiting list move up at the next change
    participants.add(conn, wid, person(9), "t", small_cap(6))
    df = participants.list_df(conn, wid)
    assert (df.status == "aangemeld").sum() == 6


def test_no_moving_up_after_the_day(conn):
    wid = make_workshop(conn)
    fill(conn, wid, 16)
    workshops.set_status(conn, wid, "uitgevoerd", "t")
    first = int(participants.list_df(conn, wid).iloc[0]["id"])
    assert participants.remove(conn, wid, first, "t", CAT) == []
    assert participants.seats(conn, wid, CAT).waiting == 1


def race(db_file, wid: int, n: int = 2) -> list[str]:
    """`n` threads, each with its own connection, add a participant at the same moment."""
    barrier = threading.Barrier(n)
    results: list[str] = []
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        conn = db.connect(db_file)
        try:
            barrier.wait()
            _, added = participants.add(conn, wid, person(100 + i), f"staff{i}", CAT)
            results.append(added.status)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return results


def test_two_staff_take_the_last_seat_at_once(db_file):
    """Concurrent: 14 registered, two connections add at the same moment -> one seat, one wait."""
    for _round in range(4):
        with db.open_db(db_file) as d:
            wid = make_workshop(d)
            fill(d, wid, 14)
        assert sorted(race(db_file, wid)) == ["aangemeld", "wachtlijst"]
        with db.open_db(db_file) as d:
            assert participants.seats(d, wid, CAT).registered == 15


def test_many_at_once_never_exceed_the_cap(db_file):
    with db.open_db(db_file) as d:
        wid = make_workshop(d)
        fill(d, wid, 10)
    results = race(db_file, wid, n=8)
    assert sorted(results) == ["aangemeld"] * 5 + ["wachtlijst"] * 3
    with db.open_db(db_file) as d:
        df = participants.list_df(d, wid)
    assert (df.status == "aangemeld").sum() == 15
    assert df["position"].is_unique


# ---------------------------------------------------------------- edits


def test_apply_changes_all_or_nothing(conn):
    wid = make_workshop(conn)
    fill(conn, wid, 3)
    ids = list(participants.list_df(conn, wid)["id"])
    errors, _ = participants.apply_changes(
        conn,
        wid,
        {ids[0]: {"name": "Nieuwe Naam"}, ids[1]: {"sector_id": "bestaat-niet"}},
        [ids[2]],
        "t",
        CAT,
    )
    assert list(errors) == [ids[1]] and "Onbekende sector" in errors[ids[1]]
    df = participants.list_df(conn, wid)
    assert len(df) == 3 and "Nieuwe Naam" not in set(df["name"])  # nothing saved

    errors, _ = participants.apply_changes(
        conn, wid, {ids[0]: {"name": "Nieuwe Naam", "sector_id": "veiligheid"}}, [ids[2]], "t", CAT
    )
    assert errors == {}
    df = participants.list_df(conn, wid)
    assert len(df) == 2
    assert df[df.id == ids[0]].iloc[0][["name", "sector_id"]].tolist() == [
        "Nieuwe Naam",
        "veiligheid",
    ]


def test_edit_to_a_duplicate_email_is_refused(conn):
    wid = make_workshop(conn)
    participants.add(conn, wid, person(1, email="een@org.nl"), "t", CAT)
    participants.add(conn, wid, person(2, email="twee@org.nl"), "t", CAT)
    ids = list(participants.list_df(conn, wid)["id"])
    errors, _ = participants.apply_changes(
        conn, wid, {ids[1]: {"email": "EEN@org.nl"}}, [], "t", CAT
    )
    assert "staat al op de lijst" in errors[ids[1]]
    assert set(participants.list_df(conn, wid)["email"]) == {"een@org.nl", "twee@org.nl"}


def test_edits_are_scoped_to_the_workshop(conn):
    wid, other = make_workshop(conn), make_workshop(conn)
    fill(conn, other, 1)
    foreign = int(participants.list_df(conn, other).iloc[0]["id"])
    participants.apply_changes(conn, wid, {foreign: {"name": "Gekaapt"}}, [foreign], "t", CAT)
    assert participants.list_df(conn, other).iloc[0]["name"] == "Deelnemer 0"


# ---------------------------------------------------------------- attendance


def test_attendance_only_from_the_day(conn):
    wid = make_workshop(conn, when=TODAY + timedelta(days=3))
    fill(conn, wid, 3)
    ids = list(participants.list_df(conn, wid)["id"])
    with pytest.raises(ParticipantError, match="op of na de dag"):
        participants.set_attendance(conn, wid, {ids[0]: True}, "t", TODAY)
    assert (
        participants.set_attendance(
            conn, wid, {ids[0]: True, ids[1]: False, ids[2]: None}, "t", TODAY + timedelta(days=3)
        )
        == 2
    )
    # the evaluation counts attendance exactly like this
    n = conn.execute(
        "SELECT count(*) FROM participants WHERE workshop_id=? AND attended=1", [wid]
    ).fetchone()[0]
    assert n == 1 == participants.attended_count(conn, wid)
    assert participants.list_df(conn, wid)["attended"].tolist()[:2] == [1, 0]


# ---------------------------------------------------------------- import

GOOD_AND_BAD = (
    "\ufeffNaam;Organisatie;Sector;Beroep;E-mail;Opmerking\n"
    "Fatima Ouali;Politie Utrecht;Veiligheid;wijkagent;f.ouali@politie.example;x\n"
    ";School;Onderwijs;docent;leeg@school.example;\n"
    "Kees Jansen;Stadsschool;onderwijs;Docent;k.jansen@school.example;\n"
    "Piet Bol;Sportclub;Sport;;piet@sport.example;\n"
    "Ria Smit;Jeugdteam;;jeugdhulpverlener;r.smit@jeugd.example;\n"
    "Tom Dubbel;Stadsschool;Onderwijs;;K.JANSEN@school.example;\n"
    "Lies Vos;GGD;jgz;tandarts;;\n"
    ";;;;;\n"
    "Ahmed Ait;Gemeente;Gemeente (beleid, OOV);ambtenaar OOV;geen-mail;\n"
)


def read(text: str, name="lijst.csv"):
    return participants.read_upload(name, text.encode("utf-8"))


def test_import_checks_every_row_and_imports_the_good_ones(conn):
    wid = make_workshop(conn)
    records, ignored = read(GOOD_AND_BAD)
    assert ignored == ["Opmerking"]
    check = participants.check_import(conn, wid, records, CAT, ignored)
    assert [g["name"] for g in check.good] == ["Fatima Ouali", "Kees Jansen", "Ria Smit"]
    assert check.good[2]["sector_id"] == "jeugdhulp"  # derived from the profession
    bad = {b.row: b for b in check.bad}
    assert sorted(bad) == [3, 5, 7, 8, 10]  # row numbers as the spreadsheet shows them
    assert "Vul de naam" in bad[3].reason
    assert "Onbekende sector ‘Sport’" in bad[5].reason
    assert "ook in rij 4" in bad[7].reason
    assert "Onbekend beroep ‘tandarts’" in bad[8].reason
    assert "e-mailadres" in bad[10].reason
    assert (check.to_register, check.to_waitlist) == (3, 0)

    result = participants.import_rows(conn, wid, check.good, "tester", CAT, "lijst.csv")
    assert (result.registered, result.waitlisted) == (3, 0)
    assert len(participants.list_df(conn, wid)) == 3
    # importing the same file again: every good row is now a duplicate
    again = participants.check_import(conn, wid, records, CAT)
    assert again.good == [] and len(again.bad) == 8
    assert "deelnemers geïmporteerd" in set(audit.entries(conn)["action"])


def test_import_is_all_or_nothing(conn):
    wid = make_workshop(conn)
    fill(conn, wid, 2)
    records, _ = read(GOOD_AND_BAD)
    check = participants.check_import(conn, wid, records, CAT)
    # meanwhile someone else adds one of the people in the file
    participants.add(conn, wid, {**check.good[1], "email": "k.jansen@school.example"}, "x", CAT)
    with pytest.raises(ParticipantError, match="Rij 4 .*niets geïmporteerd"):
        participants.import_rows(conn, wid, check.good, "tester", CAT)
    assert len(participants.list_df(conn, wid)) == 3  # the 2 + the one added, nothing else


def test_import_beyond_the_cap_fills_the_waiting_list(conn):
    wid = make_workshop(conn)
    fill(conn, wid, 13)
    lines = ["naam,sector"] + [f"Import {i},veiligheid" for i in range(4)]
    check = participants.check_import(conn, wid, read("\n".join(lines))[0], CAT)
    assert (check.to_register, check.to_waitlist) == (2, 2)
    result = participants.import_rows(conn, wid, check.good, "t", CAT)
    assert (result.registered, result.waitlisted) == (2, 2)


def test_import_xlsx(conn):
    wid = make_workshop(conn)
    wb = Workbook()
    ws = wb.active
    ws.append(["Naam", "Sector", "Beroep", "E-mailadres"])
    ws.append(["Eva Docent", "Onderwijs", "mentor", "eva@school.example"])
    ws.append(["Rob Agent", None, "politie", None])
    ws.append(["Zonder Sector", None, None, None])
    buf = io.BytesIO()
    wb.save(buf)
    records, _ = participants.read_upload("Lijst.XLSX", buf.getvalue())
    check = participants.check_import(conn, wid, records, CAT)
    assert [g["sector_id"] for g in check.good] == ["onderwijs", "veiligheid"]
    assert [(b.row, b.name) for b in check.bad] == [(4, "Zonder Sector")]
    assert "Kies de sector" in check.bad[0].reason


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("lijst.pdf", b"%PDF-1.4", "Kies een CSV- of Excel-bestand"),
        ("lijst.xls", b"\xd0\xcf\x11\xe0", "oude Excel-formaat"),
        ("lijst.xlsx", b"geen zip", "geen geldig Excel-bestand"),
        ("lijst.csv", b"PK\x03\x04rest", "extensie .xlsx"),
        ("lijst.csv", b"naam\x00\x01\x02", "niet als CSV-tekst"),
        ("lijst.csv", b"\n ; ;\n", "leeg"),
        ("lijst.csv", b"voornaam;achternaam\nA;B\n", "Gevonden: voornaam, achternaam"),
        ("lijst.csv", b"naam;organisatie\nA;B\n", "kolom ‘Sector"),
        ("lijst.csv", b"x" * (participants.MAX_IMPORT_BYTES + 1), "te groot"),
    ],
)
def test_bad_files_get_a_clear_message(name, data, message):
    with pytest.raises(ImportFileError, match=message):
        participants.read_upload(name, data)


def test_too_many_rows():
    text = "naam;sector\n" + "".join(
        f"P{i};onderwijs\n" for i in range(participants.MAX_IMPORT_ROWS + 1)
    )
    with pytest.raises(ImportFileError, match="meer dan 2000 rijen"):
        read(text)
    assert len(read("naam;sector\n" + "P;onderwijs\n" * 2000)[0]) == 2000


def test_xlsx_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PART_BYTES", 10)
    wb = Workbook()
    wb.active.append(["Naam", "Sector"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ImportFileError, match="te groot of te ingewikkeld"):
        participants.read_upload("a.xlsx", buf.getvalue())


# ---------------------------------------------------------------- export


def test_export_csv_round_trips_and_neutralises_formulas(conn):
    wid = make_workshop(conn)
    participants.add(
        conn,
        wid,
        {
            "name": "=HYPERLINK(1)",
            "organisation": "@org",
            "sector_id": "veiligheid",
            "profession": "wijkagent",
            "email": "w@p.example",
        },
        "t",
        CAT,
    )
    data = participants.export_csv(conn, wid, CAT, "tester")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(participants.EXPORT_COLUMNS)
    assert rows[1][:7] == [
        "'=HYPERLINK(1)",
        "'@org",
        "Veiligheid",
        "Veiligheid",
        "wijkagent",
        "w@p.example",
        "aangemeld",
    ]
    assert "deelnemerslijst geëxporteerd" in set(audit.entries(conn)["action"])
    # the export can be imported again (extra columns are ignored)
    records, ignored = participants.read_upload("export.csv", data)
    assert "Status" in ignored and records[0][1]["sector_id"] == "Veiligheid"


def test_participants_go_with_their_workshop(conn):
    wid = make_workshop(conn)
    fill(conn, wid, 2)
    conn.execute("DELETE FROM workshops WHERE id = ?", [wid])
    assert conn.execute("SELECT count(*) FROM participants").fetchone()[0] == 0


def test_priority_on_the_waiting_list(conn):
    wid = make_workshop(conn)
    fill(conn, wid, 17)
    df = participants.list_df(conn, wid)
    last = int(df[df.waitlist_no == 2]["id"].iloc[0])
    participants.to_front_of_waiting_list(conn, wid, last, "t")
    df = participants.list_df(conn, wid)
    assert df[df.waitlist_no == 1]["name"].iloc[0] == "Deelnemer 16"
    promoted = participants.remove(conn, wid, int(df.iloc[0]["id"]), "t", CAT)
    assert promoted == ["Deelnemer 16"]
    with pytest.raises(ParticipantError, match="niet op de wachtlijst"):
        participants.to_front_of_waiting_list(conn, wid, int(df.iloc[1]["id"]), "t")


def test_changing_the_sector_drops_a_profession_of_the_old_sector(conn):
    wid = make_workshop(conn)
    participants.add(conn, wid, person(1, profession="docent"), "t", CAT)
    pid = int(participants.list_df(conn, wid).iloc[0]["id"])
    errors, _ = participants.apply_changes(
        conn, wid, {pid: {"sector_id": "Veiligheid"}}, [], "t", CAT
    )
    assert errors == {}
    row = participants.list_df(conn, wid).iloc[0]
    assert (row["sector_id"], row["profession"]) == ("veiligheid", None)


# ---------------------------------------------------------------- changes checked by version


def test_row_version_follows_what_the_screens_show(conn):
    wid = make_workshop(conn, "uitgevoerd", TODAY)
    fill(conn, wid, 2)
    before = participants.list_df(conn, wid).set_index("name")["version"]
    assert before.nunique() == 2
    first = int(participants.list_df(conn, wid)["id"].iloc[0])
    participants.set_attendance(conn, wid, {first: True}, "t", TODAY)
    after = participants.list_df(conn, wid).set_index("name")["version"]
    assert after["Deelnemer 0"] != before["Deelnemer 0"]  # attendance is part of it
    assert after["Deelnemer 1"] == before["Deelnemer 1"]
    row = conn.execute(
        f"SELECT {', '.join(participants.VERSION_FIELDS)} FROM participants WHERE id = ?", [first]
    ).fetchone()
    stored = dict(zip(participants.VERSION_FIELDS, row, strict=True))
    assert participants.row_version(stored) == after["Deelnemer 0"]  # same from SQL or pandas


def test_changes_on_a_stale_row_are_refused_all_or_nothing(conn):
    wid = make_workshop(conn, "gepland", TODAY)
    fill(conn, wid, 3)
    df = participants.list_df(conn, wid)
    seen = participants.seen_from(df)
    a, b, c = (int(i) for i in df["id"])
    assert (
        participants.apply_changes(conn, wid, {b: {"email": "b@x.example"}}, [], "c", CAT)[0] == {}
    )
    errors, _ = participants.apply_changes(
        conn, wid, {a: {"name": "Nieuw"}, b: {"name": "Ook nieuw"}}, [c], "t", CAT, seen=seen
    )
    assert list(errors) == [b] and "Deelnemer 1" in errors[b]
    assert sorted(participants.list_df(conn, wid)["name"]) == [
        "Deelnemer 0",
        "Deelnemer 1",
        "Deelnemer 2",
    ]
    participants.remove(conn, wid, c, "c", CAT)
    errors, _ = participants.apply_changes(conn, wid, {}, [c], "t", CAT, seen=seen)
    assert errors == {
        c: "Deelnemer 2 staat niet meer op de lijst: iemand anders heeft deze "
        "deelnemer intussen verwijderd."
    }
    with pytest.raises(ParticipantError, match="Deelnemer 2 staat niet meer op de lijst"):
        participants.set_attendance(conn, wid, {c: True}, "t", TODAY, seen=seen)
