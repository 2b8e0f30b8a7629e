"""jep/schema/perf.py: indexes for the national-scale figures and the notes' write counter."""

from __future__ import annotations

from jep.store import stamps
from jep.workshop import workshops


def test_answers_by_kind_index_exists(conn):
    names = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'evaluation_answers'"
        )
    }
    assert "idx_evaluation_answers_kind" in names


def test_every_write_to_the_notes_changes_the_data_stamp(conn):
    # The report page caches its recommendation review by this stamp.
    wid = workshops.create_request(conn, "GM0344", "tester")
    seen = [stamps.stamp(conn, ("workshop_notes",))]
    conn.execute(
        "INSERT INTO workshop_notes(workshop_id, kind, text, created_at, updated_at) "
        "VALUES (?, 'oplossing', 'Samen een overleg starten', '2026-11-30', '2026-11-30')",
        [wid],
    )
    seen.append(stamps.stamp(conn, ("workshop_notes",)))
    conn.execute(
        "UPDATE workshop_notes SET text = 'Maandelijks overleg' WHERE workshop_id = ?", [wid]
    )
    seen.append(stamps.stamp(conn, ("workshop_notes",)))
    conn.execute("DELETE FROM workshops WHERE id = ?", [wid])  # cascades to the note
    seen.append(stamps.stamp(conn, ("workshop_notes",)))
    assert len(set(seen)) == 4
