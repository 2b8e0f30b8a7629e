"""Programme dashboard aggregates on a small hand-made programme (numbers worked out below).

Workshops (municipality, status, date, requested):
  A  Groningen  verslag verstuurd  2025-03-10  2024-12-01   intake concept
  B  Groningen  aanvraag           —           2026-02-01   intake concept
  C  Utrecht    gepland            2026-12-15  2026-09-01
  D  Utrecht    geannuleerd        —           2025-05-01   intake concept
  E  Amsterdam  uitgevoerd         2025-06-20  2025-02-01
  F  Amsterdam  intake             —           2026-10-01   intake ingediend
Participants (registered unless noted; attended 1/0/None):
  A  onderwijs 1, onderwijs 1, jeugdhulp 0, welzijn on the waiting list
  C  jeugdhulp None ×2
  D  onderwijs ×3 (cancelled workshop: never counted)
  E  veiligheid 1, onderwijs None
Intake sectors: A wants onderwijs 2 and veiligheid 2; E wants jgz 1.
Knelpunten: A juridische-kaders 4, geen-terugkoppeling 2 · E juridische-kaders 5 ·
  F geen-terugkoppeling 3, meldstructuur-onbekend 1 · B juridische-kaders 1 and
  D meldstructuur-onbekend 5 (both not counted: request stage / cancelled, intake not submitted).
Evaluations: A grades 6, 8, 9 (onderwijs, onderwijs, jeugdhulp) · E grades 7, 10 (veiligheid,
  no sector).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlite_utils import Database

from jep.evaluation import questionnaire, responses
from jep.evaluation import stats as es
from jep.programme import dashboard as dash
from jep.reference.catalog import catalog
from jep.store import db, stamps

CAT = catalog()
F0 = dash.Filters()


def _workshop(d: Database, code: str, status: str, when: str | None, requested: str) -> int:
    stamp = f"{requested}T09:00:00+00:00"
    cur = d.execute(
        "INSERT INTO workshops(municipality_code, status, requested_at, date, updated_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [code, status, stamp, when, stamp],
    )
    d.execute("INSERT INTO intakes(workshop_id, updated_at) VALUES (?, ?)", [cur.lastrowid, stamp])
    return cur.lastrowid


def _person(d: Database, wid: int, sector: str, attended: int | None, status="aangemeld") -> None:
    d.execute(
        "INSERT INTO participants(workshop_id, name, sector_id, status, attended) "
        "VALUES (?, 'Deelnemer (test)', ?, ?, ?)",
        [wid, sector, status, attended],
    )


def _response(d: Database, wid: int, sector: str | None, grade: int, before: int, now: int) -> None:
    raw = {
        "version": questionnaire.questionnaire().current,
        "sector": sector,
        "items": {
            "rapportcijfer": grade,
            "sig-herkennen": {"before": before, "now": now},
            "net-wie": {"before": before, "now": min(5, now + 1)},
        },
    }
    res = responses.save_paper(d, wid, raw, "tester", CAT)
    assert res.ok, res.errors


@pytest.fixture
def prog(conn: Database) -> dict[str, int]:
    with db.write(conn):
        w = {
            "A": _workshop(conn, "GM0014", "verslag verstuurd", "2025-03-10", "2024-12-01"),
            "B": _workshop(conn, "GM0014", "aanvraag", None, "2026-02-01"),
            "C": _workshop(conn, "GM0344", "gepland", "2026-12-15", "2026-09-01"),
            "D": _workshop(conn, "GM0344", "geannuleerd", None, "2025-05-01"),
            "E": _workshop(conn, "GM0363", "uitgevoerd", "2025-06-20", "2025-02-01"),
            "F": _workshop(conn, "GM0363", "intake", None, "2026-10-01"),
        }
        conn.execute("UPDATE intakes SET state = 'ingediend' WHERE workshop_id = ?", [w["F"]])
        for sector, att in (("onderwijs", 1), ("onderwijs", 1), ("jeugdhulp", 0)):
            _person(conn, w["A"], sector, att)
        _person(conn, w["A"], "welzijn", None, status="wachtlijst")
        _person(conn, w["C"], "jeugdhulp", None)
        _person(conn, w["C"], "jeugdhulp", None)
        for _ in range(3):
            _person(conn, w["D"], "onderwijs", None)
        _person(conn, w["E"], "veiligheid", 1)
        _person(conn, w["E"], "onderwijs", None)
        for wid, sector, n in (
            (w["A"], "onderwijs", 2),
            (w["A"], "veiligheid", 2),
            (w["E"], "jgz", 1),
        ):
            conn.execute(
                "INSERT INTO intake_sectors(workshop_id, sector_id, desired) VALUES (?, ?, ?)",
                [wid, sector, n],
            )
        for wid, kid, sev in (
            (w["A"], "juridische-kaders", 4),
            (w["A"], "geen-terugkoppeling", 2),
            (w["E"], "juridische-kaders", 5),
            (w["F"], "geen-terugkoppeling", 3),
            (w["F"], "meldstructuur-onbekend", 1),
            (w["B"], "juridische-kaders", 1),
            (w["D"], "meldstructuur-onbekend", 5),
        ):
            conn.execute(
                "INSERT INTO intake_knelpunten(workshop_id, knelpunt_id, severity) "
                "VALUES (?, ?, ?)",
                [wid, kid, sev],
            )
    for sector, grade, before, now in (
        ("onderwijs", 6, 2, 4),
        ("onderwijs", 8, 3, 4),
        ("jeugdhulp", 9, 1, 3),
    ):
        _response(conn, w["A"], sector, grade, before, now)
    _response(conn, w["E"], "veiligheid", 7, 2, 2)
    _response(conn, w["E"], None, 10, 3, 5)
    return w


def one(df: pd.DataFrame, col: str, value: Any) -> pd.Series:
    rows = df[df[col] == value]
    assert len(rows) == 1, (col, value, df)
    return rows.iloc[0]


# ---------------------------------------------------------------- filters


def test_filters_round_trip_through_url_params(conn, prog):
    opts = dash.filter_options(conn, CAT)
    assert opts.years == (2026, 2025)  # date, else the request's year; newest first
    assert "Utrecht" in opts.provinces and len(opts.provinces) == 12
    f = dash.Filters(years=(2025,), provinces=("Groningen", "Utrecht"), statuses=("gepland",),
                     domains=("jeugd",))  # fmt: skip
    params = dash.filters_to_params(f)
    assert params == {
        "jaar": ["2025"],
        "provincie": ["Groningen", "Utrecht"],
        "status": ["gepland"],
        "domein": ["jeugd"],
    }
    assert dash.filters_from_params(params, opts) == f
    assert dash.filters_to_params(F0) == {}


def test_filters_from_params_drop_unknown_values_and_accept_commas(conn, prog):
    opts = dash.filter_options(conn, CAT)
    f = dash.filters_from_params(
        {
            "jaar": ["1999", "abc", "2026,2025"],
            "provincie": "Utrecht,Atlantis",
            "status": ["kapot", "uitgevoerd"],
            "domein": ["<script>", "veiligheid"],
        },
        opts,
    )
    assert f == dash.Filters((2026, 2025), ("Utrecht",), ("uitgevoerd",), ("veiligheid",))
    assert dash.filters_from_params({}, opts).is_empty()
    assert f.as_dict()["provincie"] == ["Utrecht"]
    assert f.describe(CAT) == (
        "jaar 2026, 2025; provincie Utrecht; status Uitgevoerd; domein Veiligheid"
    )
    assert F0.describe(CAT) == "Alle werkateliers"


# ---------------------------------------------------------------- key figures and funnel


def test_key_figures(conn, prog):
    k = dash.key_figures(conn, F0, CAT).iloc[0]
    assert (k.workshops, k.active, k.held, k.cancelled) == (6, 5, 2, 1)
    assert (k.municipalities_reached, k.municipalities_total) == (2, 342)
    # D's three participants belong to a cancelled workshop; the waiting list is apart
    assert (k.registered, k.attended, k.waiting) == (7, 3, 1)


def test_key_figures_with_filters(conn, prog):
    k = dash.key_figures(conn, dash.Filters(years=(2025,)), CAT).iloc[0]
    assert (k.workshops, k.held, k.cancelled, k.registered) == (3, 2, 1, 5)  # A, D, E
    k = dash.key_figures(conn, dash.Filters(provinces=("Utrecht",)), CAT).iloc[0]
    assert (k.workshops, k.municipalities_reached, k.municipalities_total) == (2, 0, 26)
    assert k.registered == 2  # C's two
    k = dash.key_figures(conn, dash.Filters(statuses=("uitgevoerd", "verslag verstuurd")), CAT)
    assert (k.iloc[0].workshops, k.iloc[0].municipalities_reached) == (2, 2)


def test_domain_filter_scopes_workshops_and_people(conn, prog):
    f = dash.Filters(domains=("veiligheid",))
    ids = set(dash.scope_workshops(conn, f, CAT)["id"])
    # E has a veiligheid participant; A asked for veiligheid in the intake (nobody came)
    assert ids == {prog["A"], prog["E"]}
    k = dash.key_figures(conn, f, CAT).iloc[0]
    assert (k.workshops, k.registered, k.attended) == (2, 1, 1)  # only E's wijkagent counts


def test_status_funnel(conn, prog):
    fu = dash.status_funnel(conn, F0, CAT)
    assert list(fu["status"]) == [
        "aanvraag",
        "intake",
        "gepland",
        "uitgevoerd",
        "verslag verstuurd",
        "geannuleerd",
    ]
    assert list(fu["count"]) == [1, 1, 1, 1, 1, 1]
    assert list(fu["reached"][:5]) == [5, 4, 3, 2, 1]
    assert math.isnan(fu["reached"].iloc[5])
    fu = dash.status_funnel(conn, dash.Filters(statuses=("gepland",)), CAT)
    assert list(fu["count"]) == [0, 0, 1, 0, 0, 0]


# ---------------------------------------------------------------- map status rules


def test_map_status_is_the_most_advanced_workshop(conn, prog):
    m = dash.municipality_map(conn, F0, CAT)
    assert len(m) == 342
    gron = one(m, "code", "GM0014")
    # A (report sent) beats B (request); date and participants as in the module docstring
    assert (gron.map_status, gron["rank"], gron.date, gron.workshop_id) == (
        "verslag verstuurd",
        4,
        "2025-03-10",
        prog["A"],
    )
    assert (gron.workshops, gron.participants, gron.map_label) == (2, 3, "Verslag verstuurd")
    utr = one(m, "code", "GM0344")  # the cancelled D is left out
    assert (utr.map_status, utr.date, utr.workshops, utr.participants) == (
        "gepland",
        "2026-12-15",
        1,
        2,
    )
    ams = one(m, "code", "GM0363")
    assert (ams.map_status, ams.date, ams.participants) == ("uitgevoerd", "2025-06-20", 2)
    rot = one(m, "code", "GM0599")
    assert (rot.map_status, rot["rank"], rot.date, rot.workshops, rot.participants) == (
        "geen",
        0,
        "",
        0,
        0,
    )
    assert rot.map_label == "Geen werkatelier"


def test_map_status_rules_under_filters(conn, prog):
    m = dash.municipality_map(conn, dash.Filters(statuses=("aanvraag", "intake")), CAT)
    # requests without a date show the request's day
    assert one(m, "code", "GM0014")[["map_status", "date"]].tolist() == [
        "aangevraagd",
        "2026-02-01",
    ]
    assert one(m, "code", "GM0363").map_status == "aangevraagd"  # F: intake counts as requested
    assert one(m, "code", "GM0344").map_status == "geen"
    m = dash.municipality_map(conn, dash.Filters(statuses=("geannuleerd",)), CAT)
    assert set(m["map_status"]) == {"geen"}  # a cancelled workshop colours nothing
    m = dash.municipality_map(conn, dash.Filters(years=(2026,)), CAT)
    assert one(m, "code", "GM0014").map_status == "aangevraagd"  # only B is in 2026
    m = dash.municipality_map(conn, dash.Filters(provinces=("Utrecht",)), CAT)
    assert len(m) == 26 and set(m["province"]) == {"Utrecht"}


def test_provinces(conn, prog):
    p = dash.provinces(conn, F0, CAT)
    gron = one(p, "province", "Groningen")
    assert (gron.municipalities, gron.requested, gron.planned_or_further, gron.reached) == (
        10,
        1,
        1,
        1,
    )
    assert gron.share_reached == pytest.approx(0.1)
    utr = one(p, "province", "Utrecht")
    assert (utr.requested, utr.planned_or_further, utr.reached) == (1, 1, 0)
    total = one(p, "province", "Totaal")
    assert (total.municipalities, total.requested, total.reached) == (342, 3, 2)
    assert list(p["province"])[-1] == "Totaal"
    p = dash.provinces(conn, dash.Filters(provinces=("Noord-Holland",)), CAT)
    assert list(p["province"]) == ["Noord-Holland", "Totaal"]


# ---------------------------------------------------------------- participants


def test_participants_by_sector_and_domain(conn, prog):
    s = dash.participants_by_sector(conn, F0, CAT)
    assert list(s["sector_id"]) == list(CAT.sectors)  # every sector, catalogue order
    assert one(s, "sector_id", "onderwijs")[["registered", "attended", "waiting"]].tolist() == [
        3,
        2,
        0,
    ]
    assert one(s, "sector_id", "jeugdhulp")[["registered", "attended"]].tolist() == [3, 0]
    assert one(s, "sector_id", "welzijn")[["registered", "waiting"]].tolist() == [0, 1]
    assert one(s, "sector_id", "veiligheid").domain == "Veiligheid"
    d = dash.participants_by_domain(conn, F0, CAT)
    assert list(d["domain_id"]) == list(CAT.domains)
    assert one(d, "domain_id", "jeugd")[["registered", "attended", "waiting"]].tolist() == [3, 0, 1]
    assert one(d, "domain_id", "onderwijs").registered == 3
    assert one(d, "domain_id", "sociaal").registered == 0
    assert d["registered"].sum() == s["registered"].sum() == 7


def test_participants_domain_filter_and_unknown_sector(conn, prog):
    s = dash.participants_by_sector(conn, dash.Filters(domains=("jeugd",)), CAT)
    assert set(s["domain_id"]) == {"jeugd"}
    assert one(s, "sector_id", "jeugdhulp").registered == 3  # A (1) and C (2)
    with db.write(conn):  # a sector that was removed from sectors.toml
        _person(conn, prog["E"], "verdwenen-sector", 1)
    s = dash.participants_by_sector(conn, F0, CAT)
    last = s.iloc[-1]
    assert (last.sector_id, last.sector, last.domain_id, last.registered) == (
        "verdwenen-sector",
        "verdwenen-sector",
        "onbekend",
        1,
    )
    d = dash.participants_by_domain(conn, F0, CAT)
    assert (d.iloc[-1].domain_id, d.iloc[-1].domain, d.iloc[-1].registered) == (
        "onbekend",
        "Onbekend",
        1,
    )


# ---------------------------------------------------------------- trends


def test_quarterly(conn, prog):
    q = dash.quarterly(conn, F0, CAT)
    assert list(q["quarter"]) == [
        "2024-K4",
        "2025-K1",
        "2025-K2",
        "2025-K3",
        "2025-K4",
        "2026-K1",
        "2026-K2",
        "2026-K3",
        "2026-K4",
    ]
    by = q.set_index("quarter")
    assert by["requests"].to_dict() == {
        "2024-K4": 1,  # A
        "2025-K1": 1,  # E
        "2025-K2": 1,  # D
        "2025-K3": 0,
        "2025-K4": 0,
        "2026-K1": 1,  # B
        "2026-K2": 0,
        "2026-K3": 1,  # C
        "2026-K4": 1,  # F
    }
    assert by.loc["2025-K1"].tolist() == [1, 1, 3, 2]  # requests, held (A), registered, attended
    assert by.loc["2025-K2"].tolist() == [1, 1, 2, 1]  # E
    assert by["held"].sum() == 2
    q = dash.quarterly(conn, dash.Filters(provinces=("Zeeland",)), CAT)
    assert q.empty and list(q.columns) == ["quarter", "requests", "held", "participants",
                                           "attended"]  # fmt: skip


# ---------------------------------------------------------------- what recurs


def test_knelpunten(conn, prog):
    k = dash.knelpunten(conn, F0, CAT)
    assert list(k["knelpunt_id"]) == [
        "juridische-kaders",
        "geen-terugkoppeling",
        "meldstructuur-onbekend",
    ]
    assert list(k["intakes"]) == [2, 2, 1]
    assert list(k["severity_mean"]) == [4.5, 2.5, 1.0]
    assert k["share"].tolist() == pytest.approx([2 / 3, 2 / 3, 1 / 3])  # of A, E, F
    assert k["knelpunt"].iloc[0] == CAT.knelpunten["juridische-kaders"].short
    k = dash.knelpunten(conn, dash.Filters(years=(2025,)), CAT)
    assert k.set_index("knelpunt_id")["severity_mean"].to_dict() == {
        "juridische-kaders": 4.5,
        "geen-terugkoppeling": 2.0,
    }


def test_missing_sectors(conn, prog):
    ms = dash.missing_sectors(conn, F0, CAT)
    by = ms.set_index("sector_id")
    assert set(by["workshops"]) == {2}  # A and E: held, with participants
    assert by.loc["onderwijs", "missing"] == 0
    assert by.loc["jeugdhulp", "missing"] == 1
    assert by.loc["veiligheid", ["missing", "wanted", "wanted_missing"]].tolist() == [1, 1, 1]
    assert by.loc["jgz", ["missing", "wanted", "wanted_missing"]].tolist() == [2, 1, 1]
    assert by.loc["welzijn", "missing"] == 2  # only on the waiting list
    assert by.loc["veiligheid", "share_missing"] == 0.5
    # most often missing first; asked-for-yet-missing breaks ties
    assert ms["sector_id"].iloc[0] == "jgz"
    assert list(ms["sector_id"])[-3:] == ["veiligheid", "jeugdhulp", "onderwijs"]
    ms = dash.missing_sectors(conn, dash.Filters(domains=("veiligheid",)), CAT)
    assert list(ms["sector_id"]) == ["veiligheid"]
    assert dash.missing_sectors(conn, dash.Filters(statuses=("gepland",)), CAT).empty


# ---------------------------------------------------------------- recommendations


def _decide(conn: Database, wid: int, rule: str | None, decision: str, title=None) -> None:
    conn.execute(
        "INSERT INTO recommendation_decisions(workshop_id, rule_id, decision, title, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, '2025-01-01', '2025-01-01')",
        [wid, rule, decision, title],
    )


def test_recommendations_given_and_accepted(conn, prog):
    from jep.report import rules

    first = rules.rules().rules[0]
    with db.write(conn):
        _decide(conn, prog["A"], first.id, "aanvaard")
        _decide(conn, prog["E"], first.id, "afgewezen")
        _decide(conn, prog["A"], "oude-regel", "aanvaard", title="Een oude regel")
        _decide(conn, prog["E"], None, "aanvaard", title="Eigen")
        _decide(conn, prog["A"], None, "aanvaard", title="Eigen 2")
    r = dash.recommendations(conn, F0, CAT)
    assert list(r["recommendation_id"]) == [first.id, "oude-regel", ""]
    top = r.iloc[0]
    assert (top.recommendation, top.workshops, top.proposed, top.accepted, top.rejected) == (
        first.title,
        2,
        2,
        1,
        1,
    )
    assert top.share_accepted == 0.5
    assert r.iloc[1].recommendation == "Een oude regel"  # no longer in the rule base
    assert (r.iloc[2].recommendation, r.iloc[2].accepted) == (dash.OWN_RECOMMENDATIONS, 2)
    r = dash.recommendations(conn, dash.Filters(years=(2025,), provinces=("Noord-Holland",)), CAT)
    assert r[["recommendation_id", "proposed", "accepted"]].values.tolist() == [
        [first.id, 1, 0],
        ["", 1, 1],
    ]


def test_recommendations_without_the_table(conn, prog):
    assert dash.recommendations_available(conn)
    assert dash.recommendations(conn, F0, CAT).empty  # table there, nothing decided yet
    conn.execute("DROP TABLE recommendation_decisions")
    assert not dash.recommendations_available(conn)
    r = dash.recommendations(conn, F0, CAT)
    assert r.empty and list(r.columns) == dash.REC_COLUMNS
    assert stamps.stamp(conn, stamps.WATCHED)  # still works


# ---------------------------------------------------------------- evaluation (reused)


def view_counts(conn, ids, f: dash.Filters):
    return dash.evaluation_counts(conn, {"view": list(ids)}, f, CAT)["view"]


def test_evaluation_figures_come_from_evaluation_stats(conn, prog):
    ids = dash.scope_workshops(conn, F0, CAT)["id"]
    s = dash.evaluation_summary(view_counts(conn, ids, F0))
    assert (s["responses"], s["workshops"]) == (5, 2)
    assert s["grade"].iloc[0]["median"] == 8.0  # 6, 7, 8, 9, 10
    direct = es.goal_stats(conn, workshop_ids=[prog["A"], prog["E"]])
    pd.testing.assert_frame_equal(s["goals"], direct)
    pd.testing.assert_frame_equal(
        s["grade"], es.grade_stats(conn, workshop_ids=[prog["A"], prog["E"]])
    )


def test_evaluation_filters(conn, prog):
    f = dash.Filters(domains=("veiligheid",))
    ids = dash.scope_workshops(conn, f, CAT)["id"]
    s = dash.evaluation_summary(view_counts(conn, ids, f))
    assert s["responses"] == 1 and s["grade"].iloc[0]["median"] == 7.0  # only the wijkagent
    f = dash.Filters(provinces=("Groningen",))
    ids = dash.scope_workshops(conn, f, CAT)["id"]
    s = dash.evaluation_summary(view_counts(conn, ids, f))
    assert s["responses"] == 3 and s["grade"].iloc[0]["median"] == 8.0
    signalen = one(s["goals"], "goal_id", "signalen")
    assert signalen.gain_mean == pytest.approx((2 + 1 + 2) / 3)


def test_evaluation_quarterly_hides_small_quarters(conn, prog):
    scope = dash.scope_workshops(conn, F0, CAT)
    evq = dash.evaluation_quarterly(conn, scope, F0, CAT)
    grade = evq[evq["measure"] == es.GRADE].set_index("quarter")
    assert list(grade.index) == ["2025-K1", "2025-K2"]
    assert grade.loc["2025-K1", "value"] == 8.0 and not grade.loc["2025-K1", "hidden"]
    assert grade.loc["2025-K2", "hidden"]  # E: two respondents, fewer than 3
    assert math.isnan(grade.loc["2025-K2", "value"]) and math.isnan(grade.loc["2025-K2", "n"])
    sig = evq[(evq["measure"] == "signalen") & (evq["quarter"] == "2025-K1")].iloc[0]
    assert sig.value == pytest.approx(5 / 3) and sig.measure_label == "Signalen"
    empty = dash.evaluation_quarterly(conn, scope.iloc[0:0], F0, CAT)
    assert empty.empty
    # a domain filter counts only its respondents per quarter too (E's wijkagent: one, hidden)
    safety = dash.evaluation_quarterly(conn, scope, dash.Filters(domains=("veiligheid",)), CAT)
    assert safety["hidden"].all() and set(safety["quarter"]) == {"2025-K2"}


# ---------------------------------------------------------------- data stamp


EVAL = ("evaluation_responses", "workshops", "municipalities")


def test_data_stamp_changes_on_every_write(conn, prog):
    s0 = stamps.stamp(conn, stamps.WATCHED)
    e0 = stamps.stamp(conn, EVAL)
    assert stamps.stamp(conn, stamps.WATCHED) == s0  # reading changes nothing
    with db.write(conn):
        _person(conn, prog["C"], "ggz", None)
    s1 = stamps.stamp(conn, stamps.WATCHED)
    assert s1 != s0
    assert stamps.stamp(conn, EVAL) == e0  # participants: not evaluation
    conn.execute("UPDATE workshops SET status = 'uitgevoerd' WHERE id = ?", [prog["C"]])
    conn.conn.commit()  # a direct update without updated_at or audit row still counts
    s2 = stamps.stamp(conn, stamps.WATCHED)
    assert s2 != s1 and stamps.stamp(conn, EVAL) != e0
    conn.execute("DELETE FROM workshops WHERE id = ?", [prog["D"]])  # cascades count too
    conn.conn.commit()
    assert stamps.stamp(conn, stamps.WATCHED) != s2
    e1 = stamps.stamp(conn, EVAL)
    _response(conn, prog["E"], None, 5, 1, 2)
    assert stamps.stamp(conn, EVAL) != e1


# ---------------------------------------------------------------- presentation


def test_present_gives_dutch_headings(conn, prog):
    shown = dash.present(dash.knelpunten(conn, F0, CAT), "knelpunten")
    assert list(shown.columns) == [
        "Knelpunt",
        "Voorgesprekken",
        "Aandeel voorgesprekken",
        "Gemiddelde ernst (1–5)",
    ]
    for name in dash.TABLES:
        assert dash.TABLES[name]["title"]


# ---------------------------------------------------------------- charts (text alternatives)


def test_map_figure_colours_each_status_and_credits_the_source(conn, prog):
    from jep.programme import charts as chd

    m = dash.municipality_map(conn, F0, CAT)
    fig = chd.map_figure(m)
    assert len(fig.data) == 1 and fig.data[0].type == "choropleth"  # one copy of the shapes
    trace = fig.data[0]
    assert trace.featureidkey == "id" and len(trace.locations) == 342
    assert len(trace.geojson["features"]) == 342
    assert chd.MAP_CREDIT in [a.text for a in fig.layout.annotations]
    bar = fig.layout.coloraxis.colorbar
    assert list(bar.ticktext) == [label for _, _, label in dash.MAP_STATUSES]
    assert fig.layout.geo.fitbounds == "locations" and fig.layout.geo.visible is False
    line = chd.describe_map(m)
    assert line.startswith("342 gemeenten") and "verslag verstuurd 1" in line
    assert "geen werkatelier 339" in line
    utrecht = chd.map_figure(dash.municipality_map(conn, dash.Filters(provinces=("Utrecht",)), CAT))
    assert len(utrecht.data[0].geojson["features"]) == 26  # only the shapes shown are sent


def test_every_chart_has_a_summary_and_copes_with_nothing(conn, prog):
    from jep.programme import charts as chd

    none = dash.Filters(provinces=("Zeeland",))
    for f in (F0, none):
        funnel = dash.status_funnel(conn, f, CAT)
        q = dash.quarterly(conn, f, CAT)
        kp = dash.knelpunten(conn, f, CAT)
        ms = dash.missing_sectors(conn, f, CAT)
        sec = dash.participants_by_sector(conn, f, CAT)
        dom = dash.participants_by_domain(conn, f, CAT)
        rec = dash.recommendations(conn, f, CAT)
        for fig, line in (
            (chd.funnel_figure(funnel), chd.describe_funnel(funnel)),
            (chd.trend_figure(q), chd.describe_trend(q)),
            (chd.knelpunten_figure(kp), chd.describe_knelpunten(kp)),
            (chd.missing_figure(ms), chd.describe_missing(ms)),
            (chd.participants_figure(sec), chd.describe_participants(dom, sec)),
            (chd.recommendations_figure(rec), chd.describe_recommendations(rec)),
        ):
            assert fig.layout.title.text and line.endswith(".")
    assert chd.describe_funnel(dash.status_funnel(conn, F0, CAT)).startswith(
        "5 werkateliers: 3 kwamen tot de planning, 2 zijn uitgevoerd"
    )
    assert chd.describe_knelpunten(dash.knelpunten(conn, F0, CAT)).startswith(
        "Het vaakst genoemd: Juridische kaders onduidelijk (67%)"
    )
    assert chd.describe_trend(dash.quarterly(conn, none, CAT)) == (
        "Geen werkateliers in deze selectie."
    )


def test_chart_labels_are_escaped():
    from jep.programme import charts as chd

    rec = pd.DataFrame(
        [["x", "<b>Vet</b> & <a href='javascript:alert(1)'>klik</a>", 1, 1, 1, 0, 1.0]],
        columns=dash.REC_COLUMNS,
    )
    fig = chd.recommendations_figure(rec)
    label = fig.data[0].y[0]
    assert "<b>" not in label and "<a" not in label and "&lt;b&gt;" in label


def test_eval_trend_figure_marks_hidden_quarters_as_gaps(conn, prog):
    from jep.programme import charts as chd

    scope = dash.scope_workshops(conn, F0, CAT)
    evq = dash.evaluation_quarterly(conn, scope, F0, CAT)
    fig = chd.eval_trend_figure(evq, 3)
    grade = next(t for t in fig.data if t.name == "Rapportcijfer (mediaan)")
    assert list(grade.x) == ["2025-K1", "2025-K2"]
    assert grade.y[0] == 8.0 and math.isnan(grade.y[1])
    line = chd.describe_eval_trend(evq, 3)
    assert "(1 kwartaal)" in line and "1 kwartaal met minder dan 3 respondenten" in line


# ---------------------------------------------------------------- exports


def test_exports_are_formula_safe_and_audited(conn):
    import io

    from openpyxl import load_workbook

    from jep.programme import export

    df = pd.DataFrame({"Naam": ['=HYPERLINK("x")', "gewoon"], "Aandeel": [0.25, None]})
    raw = export.export_table(conn, "tester", "proef", df, "csv", filters={"jaar": [2025]})
    assert raw.decode("utf-8-sig").splitlines()[1].startswith("\"'=HYPERLINK")
    xlsx = export.export_table(conn, "tester", "proef", df, "xlsx", title="Proef: a/b", note="n")
    ws = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert ws.title == "Proef- a-b" and ws["A1"].value == "n"
    assert ws["A4"].value == '\'=HYPERLINK("x")' and ws["A4"].data_type == "s"
    assert ws["B4"].value == 0.25 and ws["B4"].number_format == "0%" and ws["B5"].value is None
    rows = conn.execute(
        "SELECT actor, action, entity, entity_id, detail FROM audit_log "
        "WHERE action = 'dashboard geëxporteerd' ORDER BY id"
    ).fetchall()
    assert [r[:4] for r in rows] == [("tester", export.ACTION, "dashboard", "proef")] * 2
    assert '"rijen": 2' in rows[0][4] and '"jaar": [2025]' in rows[0][4]
    with pytest.raises(ValueError):
        export.export_table(conn, "tester", "proef", df, "pdf")
    assert export.sheet_name("x" * 40, {"x" * 31}) == "x" * 27 + " (2)"


def test_goals_answered_by_too_few_are_blanked(conn, prog):
    # E only: two respondents
    s = dash.evaluation_summary(view_counts(conn, [prog["E"]], F0))
    sig = one(s["goals"], "goal_id", "signalen")
    assert sig.n == 2 and math.isnan(sig.now_mean) and math.isnan(sig.gain_mean)
    assert sig.target_note == "verborgen: minder dan 3 respondenten" and not sig.meets_target


def test_map_by_url_names_the_served_boundaries(conn, prog):
    """The dashboard's map refers to the boundaries the app serves (static/, equal to data/)
    instead of carrying them: the figure stays small, the same municipalities are drawn."""
    from jep.programme import charts as chd

    root = Path(__file__).resolve().parents[2]
    served = root / "static" / Path(chd.GEOJSON_URL).name
    assert chd.GEOJSON_URL.startswith("app/static/")
    assert served.read_bytes() == chd.GEOJSON_FILE.read_bytes()
    m = dash.municipality_map(conn, F0, CAT)
    inline, by_url = chd.map_figure(m), chd.map_figure(m, geojson_url=chd.GEOJSON_URL)
    assert by_url.data[0].geojson == chd.GEOJSON_URL
    assert list(by_url.data[0].locations) == list(inline.data[0].locations)
    assert len(by_url.to_json()) < len(inline.to_json()) / 5
