"""Backups: consistent copies while writing, checked restores, the command line."""

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jep.store import audit, backup, db
from jep.workshop import workshops

ROOT = Path(__file__).resolve().parents[2]


def _count(path: Path, table: str = "workshops") -> int:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_backup_is_a_checked_self_contained_copy(db_file, conn, tmp_path):
    for code in ("GM0344", "GM0014"):
        workshops.create_request(conn, code, "tester")
    target = backup.backup(tmp_path / "kopie.db", db_file)
    assert backup.check(target) is None
    assert _count(target) == 2
    assert not Path(str(target) + "-wal").exists()  # one file, no WAL to carry along
    assert audit.entries(conn, action="backup gemaakt").iloc[0]["actor"] == "opdrachtregel"
    into_dir = backup.backup(tmp_path, db_file)
    assert into_dir.parent == tmp_path and into_dir.name.startswith("jep-backup-")
    with pytest.raises(backup.BackupError, match="database zelf"):
        backup.backup(db_file, db_file)


def test_backup_while_writers_run_is_consistent(db_file, tmp_path):
    """Writers commit a workshop and its intake together; every copy holds whole pairs."""
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            with db.open_db(db_file) as d:
                while not stop.is_set():
                    workshops.create_request(d, "GM0344", "schrijver")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        copies = [backup.backup(tmp_path / f"kopie{i}.db", db_file) for i in range(5)]
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors
    counts = []
    for copy in copies:
        assert backup.check(copy) is None
        n = _count(copy)
        assert n == _count(copy, "intakes")  # never a workshop without its intake
        with sqlite3.connect(str(copy)) as c:
            logged = c.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'aanvraag aangemaakt'"
            ).fetchone()[0]
        assert logged == n
        counts.append(n)
    assert counts == sorted(counts) and counts[-1] > 0


def test_restore_brings_the_backup_back_and_keeps_the_current_file(db_file, conn, tmp_path):
    workshops.create_request(conn, "GM0344", "tester")
    copy = backup.backup(tmp_path / "kopie.db", db_file)
    workshops.create_request(conn, "GM0014", "tester")  # made after the backup
    safety = backup.restore(copy, db_file)
    assert safety.name.startswith("jep.db.before-restore-")
    assert _count(safety) == 2 and backup.check(safety) is None
    # the connection that was open all along sees the restored data
    assert [r[0] for r in conn.execute("SELECT municipality_code FROM workshops")] == ["GM0344"]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert audit.entries(conn, action="backup teruggezet").iloc[0]["actor"] == "opdrachtregel"
    workshops.create_request(conn, "GM0363", "tester")  # and the app keeps working
    assert _count(db_file) == 2


def test_restore_refuses_what_is_not_a_good_jep_database(db_file, conn, tmp_path):
    workshops.create_request(conn, "GM0344", "tester")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"dit is geen database" * 100)
    other = tmp_path / "ander.db"
    with sqlite3.connect(str(other)) as c:
        c.execute("CREATE TABLE x (a)")
    newer = backup.backup(tmp_path / "nieuwer.db", db_file)
    with sqlite3.connect(str(newer)) as c:
        c.execute(
            "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
            "VALUES ('jep-toekomst', 'm001', '2030-01-01')"
        )
    corrupt = backup.backup(tmp_path / "kapot.db", db_file)
    with sqlite3.connect(str(corrupt)) as c:
        root = c.execute("SELECT rootpage FROM sqlite_master WHERE name = 'workshops'").fetchone()
        page_size = c.execute("PRAGMA page_size").fetchone()[0]
    raw = bytearray(corrupt.read_bytes())
    start = (root[0] - 1) * page_size
    raw[start : start + page_size] = b"\xff" * page_size  # smash the table's b-tree page
    corrupt.write_bytes(bytes(raw))
    for bad, reason in (
        (tmp_path / "bestaat-niet.db", "bestaat niet"),
        (junk, "geen SQLite"),
        (other, "geen database van deze applicatie"),
        (newer, "nieuwere versie"),
        (corrupt, "integrity_check|niet leesbaar|malformed"),
    ):
        with pytest.raises(backup.BackupError, match=reason):
            backup.restore(bad, db_file)
    assert _count(db_file) == 1  # nothing was touched
    assert not list(tmp_path.glob("*.before-restore-*"))
    assert not list(db_file.parent.glob("*.before-restore-*"))


def test_backup_and_restore_commands(db_file, conn, tmp_path):
    workshops.create_request(conn, "GM0344", "tester")
    env = dict(os.environ, JEP_DB=str(db_file))
    target = tmp_path / "cli.db"

    def jep(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "jep", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )

    run = jep("backup", str(target))
    assert run.returncode == 0, run.stderr
    assert backup.check(target) is None
    workshops.create_request(conn, "GM0014", "tester")
    run = jep("restore", str(target))
    assert run.returncode == 0, run.stderr
    assert "before-restore" in run.stdout
    assert _count(db_file) == 1
    junk = tmp_path / "junk.db"
    junk.write_text("nee")
    run = jep("restore", str(junk))
    assert run.returncode == 1 and "geen SQLite" in run.stderr


def test_backup_records_the_version_and_rotation_keeps_the_newest(db_file, tmp_path, capsys):
    import jep
    from jep.__main__ import main

    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20261101T020000Z", "20261102T020000Z", "20261103T020000Z"):
        (folder / f"jep-backup-{stamp}.db").write_bytes(b"old")
    (folder / "iets-anders.db").write_bytes(b"not ours")
    assert main(["backup", str(folder), "--keep", "2"]) == 0
    out = capsys.readouterr().out
    assert f"(versie {jep.__version__})" in out
    left = sorted(p.name for p in folder.iterdir())
    assert left[0] == "iets-anders.db" and len(left) == 3  # the new one and the newest old one
    assert "jep-backup-20261103T020000Z.db" in left
    newest = max(p for p in folder.glob("jep-backup-*.db") if p.stat().st_size > 3)
    assert backup.version_of(newest) == jep.__version__
    assert main(["backup", str(tmp_path / "x.db"), "--keep", "2"]) == 1  # --keep needs a folder


def test_the_deploy_units_run_commands_that_exist():
    """Every `python -m jep …` in deploy/systemd parses with the real command line."""
    import shlex
    from pathlib import Path

    from jep.__main__ import build_parser

    found = 0
    for unit in (Path(__file__).parents[2] / "deploy" / "systemd").glob("*.service"):
        text = unit.read_text().replace("\\\n", " ")
        for line in text.splitlines():
            if line.startswith(("ExecStart=", "ExecStartPre=")) and " -m jep " in line:
                args = shlex.split(line.split(" -m jep ", 1)[1])
                build_parser().parse_args(args)
                found += 1
    assert found == 3  # init, backup, retention


def test_after_a_restore_no_kept_figure_of_the_replaced_data_comes_back(db_file, conn, tmp_path):
    """The caches (app_ui.cache.cached_by, the programme's measures for the reports) key by the
    database file and its write counters. A restore must not wind the counters back: writes after
    it would reach the same counter again and be answered with the figures of data that is gone.
    The measures, brought up to date workshop by workshop, also start afresh after a restore:
    a response there can have the same id and revision as the replaced one."""
    from support.report_data import add_response, held_workshop

    from jep.evaluation import stats

    wid = held_workshop(conn)
    add_response(conn, wid, grade=6)
    copy = backup.backup(tmp_path / "kopie.db", db_file)
    add_response(conn, wid, grade=9)
    before = stats.programme_measures(conn)  # kept for the counter after the 2nd response
    backup.restore(copy, db_file)
    add_response(conn, wid, grade=5)  # the counter would be where it was before the restore
    fresh = stats._measures_of(conn, ())  # noqa: SLF001 - computed afresh, grades only
    grade = stats.programme_measures(conn).set_index("measure").loc["rapportcijfer"]
    assert float(grade["value"]) == float(fresh.set_index("measure").loc["rapportcijfer", "value"])
    assert float(grade["value"]) != float(before.set_index("measure").loc["rapportcijfer", "value"])


def test_a_restore_stopped_after_the_copy_leaves_no_kept_figure_to_come_back(
    db_file, conn, tmp_path, monkeypatch
):
    """A restore that is stopped once the backup is in the file (a migration the restored file
    needs fails, the command is interrupted) must not leave the write counters wound back with
    the old generation: the next writes reach the counters the running application keeps the
    replaced data's measures for."""
    from support.report_data import add_response, held_workshop

    from jep.evaluation import stats

    wid = held_workshop(conn)
    add_response(conn, wid, grade=6)
    copy = backup.backup(tmp_path / "kopie.db", db_file)
    add_response(conn, wid, grade=9)
    stats.programme_measures(conn)  # kept for the counters after the 2nd response

    def stopped() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(backup.db, "forget_initialised", stopped)
    with pytest.raises(KeyboardInterrupt):
        backup.restore(copy, db_file)
    monkeypatch.undo()
    add_response(conn, wid, grade=5)  # the counters would be where they were before
    fresh = stats._measures_of(conn, ())  # noqa: SLF001 - computed afresh, grades only
    kept = stats.programme_measures(conn)
    assert list(kept["value"][kept["measure"] == "rapportcijfer"]) == list(
        fresh["value"][fresh["measure"] == "rapportcijfer"]
    )
