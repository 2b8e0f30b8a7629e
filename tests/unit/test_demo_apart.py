"""Demo data never mixes with real data: `seed-demo` refuses a database with real workshops, and
every statistic, comparison and export leaves demo workshops out once real ones exist."""

from __future__ import annotations

import pytest
from support.report_data import add_response, held_workshop

from jep import __main__ as cli
from jep import demo
from jep.evaluation import stats as es
from jep.programme import dashboard as dash
from jep.programme import export
from jep.report import content
from jep.workshop import workshops


def _counts(d) -> tuple[int, int]:
    total = d.execute("SELECT count(*) FROM workshops").fetchone()[0]
    fictional = d.execute("SELECT count(*) FROM workshops WHERE is_demo = 1").fetchone()[0]
    return total, fictional


def test_seed_demo_refuses_a_database_with_real_workshops(conn):
    workshops.create_request(conn, "GM0344", "tester")
    with pytest.raises(demo.DemoRefused) as caught:
        demo.seed_demo(conn, count=6)
    message = str(caught.value)
    assert "1 echt werkatelier" in message
    assert "JEP_DB=data/demo.db" in message
    assert _counts(conn) == (1, 0)  # nothing written
    assert conn.execute("SELECT value FROM meta WHERE key = 'demo_data'").fetchone() is None


def test_seed_demo_command_says_why_and_fails(conn, capsys):
    workshops.create_request(conn, "GM0344", "tester")
    workshops.create_request(conn, "GM0363", "tester")
    assert cli.main(["seed-demo"]) == 1
    err = capsys.readouterr().err
    assert "2 echte werkateliers" in err and "data/demo.db" in err
    assert _counts(conn) == (2, 0)


def test_demo_on_an_empty_database_still_fills_every_figure(conn):
    demo.seed_demo(conn, count=24, seed=7)
    assert workshops.uncounted_ids(conn) == set()
    figures = dash.key_figures(conn, dash.Filters()).iloc[0]
    assert figures["workshops"] == 24
    assert dash.filter_options(conn).years
    assert len(es.counts(conn).workshops) > 0


@pytest.fixture
def mixed(conn):
    """Demo data first, then the real programme starts: one held real workshop with 3
    evaluations."""
    demo.seed_demo(conn, count=24, seed=7)
    real = held_workshop(conn, "GM0344")
    for grade in (6, 7, 8):
        add_response(conn, real, {"sig-herkennen": (2, 4)}, grade=grade)
    return conn, real


def test_programme_dashboard_counts_only_real_workshops(mixed):
    d, real = mixed
    fictional = {r[0] for r in d.execute("SELECT id FROM workshops WHERE is_demo = 1")}
    assert workshops.uncounted_ids(d) == fictional
    f = dash.Filters()
    figures = dash.key_figures(d, f).iloc[0]
    assert (figures["workshops"], figures["held"], figures["municipalities_reached"]) == (1, 1, 1)
    assert figures["registered"] == 5  # the real workshop's participants only
    assert dash.scope_workshops(d, f)["id"].tolist() == [real]
    assert dash.filter_options(d).years == (2026,)
    reached = dash.municipality_map(d, f)
    assert reached[reached["map_status"] != "geen"]["code"].tolist() == ["GM0344"]
    assert int(dash.status_funnel(d, f)["count"].sum()) == 1
    assert int(dash.participants_by_sector(d, f)["registered"].sum()) == 5
    assert dash.recommendations(d, f).empty  # demo decisions are left out
    # the programme's evaluation figures (dashboard and "Evaluaties programma")
    scope = dash.scope_workshops(d, f)
    data = dash.evaluation_counts(d, {"view": scope["id"].tolist()}, f)["view"]
    assert dash.evaluation_summary(data)["responses"] == 3
    assert es.counts(d).workshops["workshop_id"].tolist() == [real]
    assert es.load(d).workshops["workshop_id"].tolist() == [real]
    assert es.filter_options(d)["provinces"] == ["Utrecht"]


def test_exports_leave_demo_workshops_out(mixed):
    d, real = mixed
    f = dash.Filters()
    table = dash.present(dash.municipality_map(d, f), "gemeenten")
    csv = export.export_table(d, "tester", "gemeenten", table, "csv", "Gemeenten", {}, "")
    text = csv.decode("utf-8-sig")
    shown = [line for line in text.splitlines() if "Geen werkatelier" not in line]
    assert any("Utrecht" in line for line in shown)
    names = {
        r[0]
        for r in d.execute(
            "SELECT m.name FROM workshops w JOIN municipalities m ON m.code = w.municipality_code "
            "WHERE w.is_demo = 1 AND w.municipality_code <> 'GM0344'"
        )
    }
    assert not any(name in line for name in names for line in shown)


def test_report_compares_only_with_real_workshops(mixed):
    d, real = mixed
    cmp = es.compare_with_others(d, real)
    assert cmp["others_workshops"].max() == 0
    assert content.collect(d, real).compare["others_workshops"].max() == 0
    # a second real workshop with enough evaluations is compared with
    other = held_workshop(d, "GM0363")
    for grade in (5, 6, 7):
        add_response(d, other, {"sig-herkennen": (1, 2)}, grade=grade)
    cmp = es.compare_with_others(d, real)
    grade_row = cmp[cmp["measure"] == "rapportcijfer"].iloc[0]
    assert grade_row["others_workshops"] == 1 and grade_row["others_value"] == 6.0


def test_seed_demo_reports_progress_to_the_end(conn):
    """seed-demo's progress bar is fed after every workshop of every step, up to its total."""
    seen: list[tuple[int, int]] = []
    demo.seed_demo(conn, count=6, seed=3, progress=lambda done, total: seen.append((done, total)))
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and len(set(dones)) == len(dones)
    assert seen[-1][0] == seen[-1][1] == 6 * (1 + sum(w for _, w in demo.STEPS))
