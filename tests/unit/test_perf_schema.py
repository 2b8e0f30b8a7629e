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


def test_every_write_to_a_workshops_evaluations_moves_its_own_counter(conn):
    # programme_measures() computes again the workshops whose counter moved; it must never
    # come back to a value it had (a removed workshop's id is given again to the next one).
    def counters() -> dict[int, int]:
        return dict(conn.execute("SELECT workshop_id, n FROM evaluation_writes").fetchall())

    def respond(wid: int) -> int:
        cur = conn.execute(
            "INSERT INTO evaluation_responses(workshop_id, version, source, asked, created_at, "
            "updated_at) VALUES (?, 1, 'papier', '[]', '2026-11-30', '2026-11-30')",
            [wid],
        )
        return int(cur.lastrowid or 0)

    wid = workshops.create_request(conn, "GM0344", "tester")
    other = workshops.create_request(conn, "GM0014", "tester")
    seen = [{}]

    def moved(*wids: int) -> bool:
        now, before = counters(), seen[-1]
        seen.append(now)
        return {w for w in now if now[w] != before.get(w)} == set(wids) and all(
            now[w] > before.get(w, 0) for w in wids
        )

    rid = respond(wid)
    assert moved(wid)
    respond(other)
    assert moved(other)
    conn.execute("UPDATE evaluation_responses SET revision = 2 WHERE id = ?", [rid])
    assert moved(wid)
    conn.execute("UPDATE evaluation_responses SET workshop_id = ? WHERE id = ?", [other, rid])
    assert moved(wid, other)
    conn.execute("DELETE FROM workshops WHERE id = ?", [other])  # cascades to both responses
    assert moved(other)
    assert workshops.create_request(conn, "GM0344", "tester") == other
    respond(other)
    assert moved(other)
