"""Notes of the day: the same note added twice in a row is stored once (issue 17, item 3)."""

from __future__ import annotations

from jep.reference.catalog import catalog
from jep.workshop import notes, workshops

CAT = catalog()


def test_an_identical_note_within_a_minute_is_refused(conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    raw = {"kind": "oplossing", "text": "Een vast aanspreekpunt per school.", "detail": ""}
    errors, first = notes.add(conn, wid, raw, "a", CAT)
    assert not errors and first
    errors, second = notes.add(conn, wid, raw, "b", CAT)  # a second click or a second tab
    assert second is None and "zojuist al toegevoegd" in errors["form"]
    assert len(notes.list_df(conn, wid)) == 1
    # another text, another kind or another workshop is a new note
    assert notes.add(conn, wid, {**raw, "text": "Iets anders."}, "a", CAT)[1]
    other = workshops.create_request(conn, "GM0363", "tester")
    assert notes.add(conn, other, raw, "a", CAT)[1]
    # a minute later the same text may be noted again (it was said twice on the day)
    conn.execute("UPDATE workshop_notes SET created_at = '2020-01-01T00:00:00+00:00'")
    conn.conn.commit()
    assert notes.add(conn, wid, raw, "a", CAT)[1]
