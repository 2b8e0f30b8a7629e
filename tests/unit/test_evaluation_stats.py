"""Aggregation of the evaluation on small, hand-computed examples (see the comments)."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlite_utils import Database

from jep.evaluation import questionnaire, responses
from jep.evaluation import stats as es
from jep.reference.catalog import catalog
from jep.store import db, stamps
from jep.store.db import write
from jep.workshop import workshops

# Two goals (a, b), a rapportcijfer, one likert and one open question. Version 1 lacks b2;
# version 2 (current) adds it.
QUESTIONNAIRE = """
current = {current}

[link]
close_after_days = 14
open_on_workshop_day = true
token_valid_days = 60

[privacy]
min_cell = 3

[targets]
now_mean = 3.5
share_improved = 0.5

[scale]
labels = ["een", "twee", "drie", "vier", "vijf"]

[respondent]
sector_question = "Sector?"

[texts]
title = "t"
subtitle = "s"
intro = "i"
prepost = "p"
privacy_note = "n"
thanks = "d"
correct = "c"
unknown = "u"
not_open = "o"
closed = "g"
saved_as_you_go = "b"
no_cookie = "k"
unsent = "v"
over_cap = "m"
rate_limited = "r"
not_saved_yet = "x"
paper_intro = "pi"
paper_qr = "pq"
paper_end = "pe"

[[section]]
id = "a"
title = "Doel A"
goal = true

[[section]]
id = "b"
title = "Doel B"
goal = true

[[section]]
id = "reactie"
title = "Reactie"

[[item]]
id = "a1"
section = "a"
kind = "prepost"
text = "{a1_text}"
short = "{a1_short}"

[[item]]
id = "a2"
section = "a"
kind = "prepost"
text = "A twee"
short = "A2"

[[item]]
id = "b1"
section = "b"
kind = "prepost"
text = "B een"
short = "B1"
{b2}
[[item]]
id = "cijfer"
section = "reactie"
kind = "grade"
text = "Cijfer?"
short = "Cijfer"
required = true

[[item]]
id = "lk"
section = "reactie"
kind = "likert"
text = "Aanbevelen?"
short = "Aanbevelen"

[[item]]
id = "open1"
section = "reactie"
kind = "open"
text = "Wat neem je mee?"
short = "Meenemen"
max_chars = 200
{versions}
"""
B2 = """
[[item]]
id = "b2"
section = "b"
kind = "prepost"
text = "B twee"
short = "B2 oud"
"""
V1 = '\n[[version]]\nnumber = 1\nitems = ["a1", "a2", "b1", "cijfer", "lk", "open1"]\n'
V2 = '\n[[version]]\nnumber = 2\nitems = ["a1", "a2", "b1", "b2", "cijfer", "lk", "open1"]\n'
V3 = '\n[[version]]\nnumber = 3\nitems = ["a1", "a2", "b1", "cijfer", "lk", "open1"]\n'


def write_q(
    tmp_path: Path, name: str = "evaluation.toml", **kw: str
) -> questionnaire.Questionnaire:
    values = {
        "current": "2",
        "a1_text": "A een",
        "a1_short": "A1",
        "b2": B2,
        "versions": V1 + V2,
        **kw,
    }
    path = tmp_path / name
    path.write_text(QUESTIONNAIRE.format(**values), encoding="utf-8")
    return questionnaire.load_questionnaire(path)


@pytest.fixture
def q(tmp_path: Path) -> questionnaire.Questionnaire:
    return write_q(tmp_path)


def new_workshop(conn: Database, code: str = "GM0014", status: str = "uitgevoerd") -> int:
    wid = workshops.create_request(conn, code, "test")
    conn.execute("UPDATE workshops SET status = ?, date = '2026-11-20' WHERE id = ?", [status, wid])
    return wid


def pp(before: int, now: int) -> dict[str, int]:
    return {"before": before, "now": now}


def add(
    conn: Database, q: questionnaire.Questionnaire, wid: int, version: int, sector, **items
) -> int:
    raw = {"version": version, "sector": sector, "items": items}
    res = responses.save_paper(conn, wid, raw, "tester", catalog(), q=q)
    assert res.ok, res.errors
    return res.response_id


@pytest.fixture
def w1(conn: Database, q: questionnaire.Questionnaire) -> int:
    """Four respondents, two questionnaire versions (hand-computed numbers in the tests)."""
    wid = new_workshop(conn)
    add(conn, q, wid, 1, "jeugdhulp", a1=pp(2, 4), a2=pp(3, 3), b1=pp(1, 2), cijfer=8, lk=4,
        open1="Veel geleerd")  # fmt: skip
    add(conn, q, wid, 1, "jeugdhulp", a1=pp(3, 4), b1=pp(2, 2), cijfer=7, lk=5)
    add(conn, q, wid, 2, "onderwijs", a1=pp(4, 3), a2=pp(2, 4), b2=pp(1, 3), cijfer=9,
        open1="Meer casussen")  # fmt: skip
    add(conn, q, wid, 2, None, a1=pp(1, 3), a2=pp(2, 5), b1=pp(3, 4), b2=pp(2, 2), cijfer=6, lk=3)
    return wid


@pytest.fixture
def w2(conn: Database, q: questionnaire.Questionnaire) -> int:
    """Eight respondents: 3 jeugdhulp, 4 onderwijs, 1 veiligheid; only a1 (2 → 4) and a grade."""
    wid = new_workshop(conn, "GM0363")
    sectors = ["jeugdhulp"] * 3 + ["onderwijs"] * 4 + ["veiligheid"]
    for sector, grade in zip(sectors, [7, 7, 8, 8, 8, 9, 9, 10], strict=True):
        add(conn, q, wid, 2, sector, a1=pp(2, 4), cijfer=grade)
    return wid


def row(df: pd.DataFrame, **where) -> pd.Series:
    mask = np.ones(len(df), dtype=bool)
    for col, value in where.items():
        mask &= (df[col] == value).to_numpy()
    assert mask.sum() == 1, where
    return df[mask].iloc[0]


# ---------------------------------------------------------------- items, grades, goals


def test_item_stats_hand_computed(conn, q, w1):
    items = es.item_stats(conn, workshop_ids=[w1], q=q)
    assert list(items["item_id"]) == ["a1", "a2", "b1", "b2"]
    a1 = row(items, item_id="a1")
    # before 2,3,4,1 / now 4,4,3,3 / differences 2,1,-1,2
    assert (a1.n_asked, a1.n, a1.n_missing) == (4, 4, 0)
    assert a1.before_mean == 2.5 and a1.now_mean == 3.5
    assert a1.before_median == 2.5 and a1.now_median == 3.5
    assert a1.gain_mean == 1.0
    assert (a1.improved, a1.share_improved, a1.share_same, a1.share_worse) == (3, 0.75, 0, 0.25)
    a2 = row(items, item_id="a2")
    # R2 left it blank: before 3,2,2 / now 3,4,5 / differences 0,2,3
    assert (a2.n_asked, a2.n, a2.n_missing) == (4, 3, 1)
    assert a2.before_mean == pytest.approx(7 / 3) and a2.before_median == 2
    assert a2.now_mean == 4 and a2.now_median == 4
    assert a2.share_improved == pytest.approx(2 / 3) and a2.share_same == pytest.approx(1 / 3)
    b1 = row(items, item_id="b1")
    assert (b1.n, b1.n_missing, b1.now_median) == (3, 1, 2)
    assert b1.now_mean == pytest.approx(8 / 3)


def test_items_of_a_newer_version_do_not_count_older_respondents_as_missing(conn, q, w1):
    b2 = row(es.item_stats(conn, workshop_ids=[w1], q=q), item_id="b2")
    # only the two version-2 respondents were asked b2
    assert (b2.n_asked, b2.n, b2.n_missing) == (2, 2, 0)
    assert (b2.before_mean, b2.now_mean, b2.share_improved) == (1.5, 2.5, 0.5)


def test_grades_hand_computed(conn, q, w1):
    dist = es.grade_distribution(conn, workshop_ids=[w1], q=q)
    assert list(dist["grade"]) == list(range(1, 11))
    assert list(dist["count"]) == [0, 0, 0, 0, 0, 1, 1, 1, 1, 0]
    assert dist["share"].sum() == pytest.approx(1) and dist.loc[5, "share"] == 0.25
    s = es.grade_stats(conn, workshop_ids=[w1], q=q).iloc[0]
    assert (s["n"], s["n_missing"], s["median"], s["mean"], s["min"], s["max"]) == (
        4, 0, 7.5, 7.5, 6, 9
    )  # fmt: skip


def test_goal_stats_are_per_respondent(conn, q, w1):
    goals = es.goal_stats(conn, workshop_ids=[w1], q=q)
    a = row(goals, goal_id="a")
    # respondent scores before/now: 2.5/3.5, 3/4, 3/3.5, 1.5/4 → means 2.5 and 3.75; all improved
    assert (a.n, a.before_mean, a.now_mean, a.gain_mean, a.share_improved) == (
        4, 2.5, 3.75, 1.25, 1.0
    )  # fmt: skip
    assert a.meets_target and a.target_note == "gehaald"
    b = row(goals, goal_id="b")
    # 1/2, 2/2, 1/3 (b2), 2.5/3 → 1.625 and 2.5; R2 did not improve
    assert (b.n, b.before_mean, b.now_mean, b.share_improved) == (4, 1.625, 2.5, 0.75)
    assert b.gain_mean == pytest.approx(0.875)
    assert not b.meets_target and "onder 3,5" in b.target_note


def test_likert_stats(conn, q, w1):
    lk = row(es.likert_stats(conn, workshop_ids=[w1], q=q), item_id="lk")
    assert (lk.n_asked, lk.n, lk.n_missing, lk["mean"], lk["median"]) == (4, 3, 1, 4, 4)
    assert lk.share_agree == pytest.approx(2 / 3)
    assert [lk[f"count_{k}"] for k in range(1, 6)] == [0, 0, 1, 1, 1]


def test_open_answers_alphabetical_without_sector(conn, q, w1):
    op = es.open_answers(conn, workshop_ids=[w1], q=q)
    assert list(op["answer"]) == ["Meer casussen", "Veel geleerd"]
    assert "sector_id" not in op.columns and set(op["question"]) == {"Meenemen"}


# ---------------------------------------------------------------- suppression


def test_suppress_hides_small_cells_and_what_would_reveal_them():
    df = pd.DataFrame(
        {
            "goal": ["g1"] * 3 + ["g2"] * 4 + ["g3"] * 2 + ["g4"],
            "cell": ["A", "B", "C", "A", "B", "C", "D", "A", "B", "A"],
            "n": [5, 4, 2, 6, 1, 1, 7, 3, 3, 2],
            "mean": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0],
        }
    )
    out = es.suppress(df, ["mean"], min_cell=3, group="goal")
    hidden = {(r.goal, r.cell): r.hidden_reason for r in out.itertuples() if r.hidden}
    small, second = "minder dan 3 respondenten", es.REASON_SECONDARY
    assert hidden == {
        ("g1", "C"): small,  # n = 2
        ("g1", "B"): second,  # else C = total − A − B
        ("g2", "B"): small,
        ("g2", "C"): small,  # together only 2: one more
        ("g2", "A"): second,
        ("g4", "A"): small,
    }
    assert out[out["hidden"]]["mean"].isna().all() and out[out["hidden"]]["n"].isna().all()
    assert out[~out["hidden"]]["mean"].tolist() == [1.0, 7.0, 8.0, 9.0]


def test_sector_breakdown_hides_cells_below_three(conn, q, w2):
    sec = es.sector_goal_stats(conn, workshop_ids=[w2], q=q)
    assert set(sec["goal_id"]) == {"a"}  # nobody answered goal b
    onderwijs = row(sec, sector_id="onderwijs")
    assert not onderwijs.hidden and onderwijs.n == 4 and onderwijs.gain_mean == 2.0
    veiligheid = row(sec, sector_id="veiligheid")
    assert veiligheid.hidden and veiligheid.hidden_reason == "minder dan 3 respondenten"
    assert math.isnan(veiligheid.gain_mean) and math.isnan(veiligheid.n)
    jeugd = row(sec, sector_id="jeugdhulp")  # n = 3, hidden so veiligheid cannot be derived
    assert jeugd.hidden and jeugd.hidden_reason == es.REASON_SECONDARY
    grades = es.sector_grade_stats(conn, workshop_ids=[w2], q=q)
    assert row(grades, sector_id="onderwijs").grade_median == 8.5
    assert row(grades, sector_id="veiligheid").hidden


def test_sector_breakdown_of_a_small_workshop_is_all_hidden(conn, q, w1):
    sec = es.sector_goal_stats(conn, workshop_ids=[w1], q=q)
    assert sec["hidden"].all()
    assert set(sec["sector"]) == {
        "Jeugdhulp & jeugdbescherming",
        "Onderwijs",
        es.NO_SECTOR,
    }


# ---------------------------------------------------------------- against the others, attendance


def test_compare_with_others(conn, q, w1, w2):
    w3 = new_workshop(conn, "GM0344")  # two respondents: too few to count as "other workshop"
    add(conn, q, w3, 2, None, a1=pp(1, 1), cijfer=1)
    add(conn, q, w3, 2, None, a1=pp(1, 1), cijfer=1)
    cmp = es.compare_with_others(conn, w1, q=q)
    grade = row(cmp, measure="rapportcijfer")
    assert (grade.this_value, grade.this_n, grade.others_value, grade.others_workshops) == (
        7.5, 4, 8.0, 1
    )  # fmt: skip
    a = row(cmp, measure="a")
    assert (a.this_value, a.others_value, a.others_n) == (1.25, 2.0, 8)
    b = row(cmp, measure="b")
    assert b.this_value == pytest.approx(0.875) and b.others_workshops == 0
    assert math.isnan(b.others_value)


@pytest.mark.parametrize("scope", [{}, {"year": 2026}, {"first": True}])
def test_sql_counts_give_the_same_figures_as_the_loaded_answers(conn, q, w1, w2, scope):
    w3 = new_workshop(conn, "GM0344")
    add(conn, q, w3, 1, "veiligheid", a1=pp(5, 5), b1=pp(4, 5), cijfer=10, lk=2, open1="Kort")
    if scope.pop("first", False):
        scope = {"workshop_ids": [w1]}
    data, agg = es.load(conn, q=q, **scope), es.counts(conn, q=q, **scope)
    assert len(agg.values) < len(data.answers)  # aggregated, not every answer
    for fn in (
        es.grade_distribution,
        es.grade_stats,
        es.item_stats,
        es.goal_stats,
        es.likert_stats,
        es.sector_goal_stats,
        es.workshop_measures,
        es.open_answers,
    ):
        pd.testing.assert_frame_equal(fn(data), fn(agg), obj=fn.__name__)
    pd.testing.assert_frame_equal(
        es.responses_vs_attendance(conn, data=data), es.responses_vs_attendance(conn, data=agg)
    )


def test_programme_measures_in_sql_match_the_per_workshop_figures(conn, q, w1, w2):
    w3 = new_workshop(conn, "GM0344")
    add(conn, q, w3, 2, None, a1=pp(1, 2), cijfer=5)
    sql = es.programme_measures(conn, q=q).sort_values(["workshop_id", "measure"])
    pw = es._per_workshop(es.load(conn, q=q))
    pw = pw[pw["n"] > 0].sort_values(["workshop_id", "measure"])
    pd.testing.assert_frame_equal(sql.reset_index(drop=True), pw.reset_index(drop=True))
    # medians of an even (8, 7, 9, 6) and an odd number of grades
    assert row(sql, workshop_id=w1, measure="rapportcijfer").value == 7.5
    assert row(sql, workshop_id=w3, measure="rapportcijfer").value == 5
    assert row(sql, workshop_id=w1, measure="b").value == pytest.approx(0.875)


def test_programme_measures_are_kept_until_an_evaluation_is_written(conn, q, w1):
    def grade_of_w1() -> float:
        return row(es.programme_measures(conn, q=q), workshop_id=w1, measure="rapportcijfer").value

    assert grade_of_w1() == 7.5
    kept = es.programme_measures(conn, q=q)
    kept.loc[:, "value"] = 0.0  # a caller changing its copy does not change the kept one
    assert grade_of_w1() == 7.5
    rid = add(conn, q, w1, 2, None, a1=pp(1, 2), cijfer=10)  # a new response
    assert grade_of_w1() == 8
    corrected = responses.save_paper(  # a paper form corrected: only its answers change
        conn, w1, {"version": 2, "sector": None, "items": {"a1": pp(1, 2), "cijfer": 1}},
        "tester", catalog(), q=q, response_id=rid,
    )  # fmt: skip
    assert corrected.ok and grade_of_w1() == 7
    assert responses.delete_response(conn, w1, rid, "tester")
    assert grade_of_w1() == 7.5
    with pytest.raises(RuntimeError), write(conn):  # rolled back: nothing of it is kept
        conn.execute(
            "DELETE FROM evaluation_responses WHERE id = "
            "(SELECT min(id) FROM evaluation_responses WHERE workshop_id = ?)",
            [w1],
        )
        assert grade_of_w1() == 7  # grades 7, 9 and 6 are left
        raise RuntimeError("rolled back")
    assert grade_of_w1() == 7.5
    add(conn, q, w1, 2, None, a1=pp(1, 2), cijfer=10)  # the stamp the rolled-back write had
    assert grade_of_w1() == 8


def test_after_evaluations_come_in_only_their_workshops_are_computed_again(
    conn, q, w1, w2, monkeypatch
):
    """The programme's measures kept for the reports are brought up to date workshop by
    workshop: after an evaluation of one workshop only that one is queried, and the result is
    the same as computing the whole programme afresh (also after a correction, a removal, a
    workshop's first and its last evaluation)."""
    w3 = new_workshop(conn, "GM0344")
    queried: list[list[int] | None] = []
    measures_of = es._measures_of

    def spy(db, pairs, workshop_ids=None):
        queried.append(workshop_ids)
        return measures_of(db, pairs, workshop_ids)

    monkeypatch.setattr(es, "_measures_of", spy)

    def check() -> pd.DataFrame:
        kept = es.programme_measures(conn, q=q)
        pairs = tuple(sorted({(p[0], p[1]) for p in _pairs(conn, q)}))
        pd.testing.assert_frame_equal(
            kept.sort_values(["workshop_id", "measure"]).reset_index(drop=True),
            measures_of(conn, pairs).sort_values(["workshop_id", "measure"]).reset_index(drop=True),
        )
        return kept

    check()
    assert queried == [None]  # the first time: the whole programme
    queried.clear()
    check()
    assert queried == []  # nothing written: nothing queried
    rid = add(conn, q, w3, 2, None, a1=pp(1, 2), cijfer=5)  # w3's first evaluation
    check()
    assert queried == [[w3]]
    queried.clear()
    add(conn, q, w1, 2, None, a1=pp(2, 4), cijfer=9)
    corrected = responses.save_paper(
        conn, w3, {"version": 2, "sector": None, "items": {"a1": pp(3, 3), "cijfer": 2}},
        "tester", catalog(), q=q, response_id=rid,
    )  # fmt: skip
    assert corrected.ok
    kept = check()
    assert queried == [[w1, w3]]
    assert row(kept, workshop_id=w3, measure="rapportcijfer").value == 2
    queried.clear()
    assert responses.delete_response(conn, w3, rid, "tester")  # w3's last evaluation
    kept = check()
    # w3 is asked again (its write counter moved) and has nothing left
    assert queried == [[w3]] and w3 not in set(kept["workshop_id"])


def _same_counts(a: es.EvalCounts, b: es.EvalCounts) -> None:
    for name in ("workshops", "sources", "asked", "values", "grades", "scores", "open"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_programme_counts_kept_per_workshop_are_the_sql_counts_row_for_row(
    conn, q, w1, w2, monkeypatch
):
    """The programme's evaluation per year and province sums what is kept per workshop: the
    same frames as `counts` in SQL, in the same order, for every scope, and still after
    evaluations are added, corrected and removed, for which only their workshop is read."""
    w3 = new_workshop(conn, "GM0344")  # Utrecht, another year
    conn.execute("UPDATE workshops SET date = '2025-03-02' WHERE id = ?", [w3])
    add(conn, q, w3, 1, "veiligheid", a1=pp(5, 5), b1=pp(4, 5), cijfer=10, lk=2, open1="Kort")
    new_workshop(conn, "GM0363", status="gepland")  # not held, no evaluations: not in scope
    read: list[list[int] | None] = []
    parts_of = es._workshop_parts

    def spy(db, workshop_ids, goal_items):
        read.append(workshop_ids)
        return parts_of(db, workshop_ids, goal_items)

    monkeypatch.setattr(es, "_workshop_parts", spy)
    scopes = [{}, {"year": 2026}, {"year": 2025}, {"province": "Utrecht"}, {"year": 1999}]

    def check() -> None:
        for scope in scopes:
            _same_counts(es.programme_counts(conn, q=q, **scope), es.counts(conn, q=q, **scope))

    check()
    assert read == [None]  # the whole programme once, then only sums
    read.clear()
    rid = add(conn, q, w3, 2, "onderwijs", a1=pp(1, 4), b2=pp(2, 2), cijfer=4, open1="Ja")
    check()
    assert read == [[w3]]
    read.clear()
    corrected = responses.save_paper(
        conn, w1, {"version": 2, "sector": None, "items": {"a1": pp(3, 3), "cijfer": 2}},
        "tester", catalog(), q=q,
        response_id=int(conn.execute(
            "SELECT min(id) FROM evaluation_responses WHERE workshop_id = ?", [w1]
        ).fetchone()[0]),
    )  # fmt: skip
    assert corrected.ok
    assert responses.delete_response(conn, w3, rid, "tester")
    check()
    assert read == [[w1, w3]]
    kept = es.programme_counts(conn, q=q)
    kept.values.loc[:, "n"] = 0  # a caller changing what it got does not change what is kept
    check()


@pytest.mark.parametrize("sectors", [None, ["jeugdhulp", "veiligheid"]])
def test_workshop_counts_per_group_and_sector_give_the_figures_of_the_loaded_answers(
    conn, q, w1, w2, sectors
):
    """The dashboard's view and its quarters: groups of workshops summed from what is kept,
    with its domain filter as sectors (respondents without a sector then left out)."""
    w3 = new_workshop(conn, "GM0344")
    add(conn, q, w3, 1, "veiligheid", a1=pp(5, 5), b1=pp(4, 5), cijfer=10, lk=2, open1="Kort")
    groups = {"w1": [w1], "all": [w1, w2, w3], "none": []}
    got = es.workshop_counts(conn, groups, sectors, q=q)
    for key, ids in groups.items():
        data = es.load(conn, workshop_ids=ids, q=q)
        if sectors is not None:
            data = replace(
                data,
                responses=data.responses[data.responses["sector_id"].isin(sectors)],
                answers=data.answers[data.answers["sector_id"].isin(sectors)],
            )
        for fn in (es.grade_stats, es.goal_stats, es.item_stats, es.likert_stats,
                   es.grade_distribution, es.open_answers):  # fmt: skip
            pd.testing.assert_frame_equal(  # an empty load's columns are untyped
                fn(got[key]), fn(data), obj=f"{key} {fn.__name__}", check_dtype=bool(ids)
            )
        assert got[key].sources["n"].sum() == len(data.responses)


def _pairs(conn, q):
    meta = es.item_meta(conn, q)
    goals = {g.id for g in q.goals}
    return [
        (str(r.item_id), str(r.goal_id))
        for r in meta.itertuples(index=False)
        if r.kind == "prepost" and r.goal_id in goals
    ]


def test_a_stamp_of_a_table_without_a_write_counter_is_refused(conn):
    with pytest.raises(ValueError, match="schrijfteller"):
        stamps.stamp(conn, ("no_such_table",))


def test_workshop_measures_hide_small_workshops(conn, q, w1, w2):
    w3 = new_workshop(conn, "GM0344")
    add(conn, q, w3, 2, None, a1=pp(1, 2), cijfer=5)
    m = es.workshop_measures(conn, q=q)
    grade3 = row(m, workshop_id=w3, measure="rapportcijfer")
    assert grade3.hidden and math.isnan(grade3.value)
    assert row(m, workshop_id=w2, measure="rapportcijfer").value == 8
    assert row(m, workshop_id=w1, measure="a").value == 1.25


def test_attendance_from_participants(conn, q, w1, w2):
    for k in range(6):
        conn.execute(
            "INSERT INTO participants(workshop_id, name, sector_id, status, attended) "
            "VALUES (?, ?, 'jeugdhulp', 'aangemeld', ?)",
            [w1, f"Deelnemer {k} (test)", 0 if k == 5 else 1],
        )
    rva = es.responses_vs_attendance(conn, workshop_ids=[w1, w2], q=q)
    one = row(rva, workshop_id=w1)
    assert (one.responses, one.paper, one.online, one.attendance) == (4, 4, 0, 5)
    assert one.response_rate == 0.8
    two = row(rva, workshop_id=w2)
    assert pd.isna(two.attendance) and math.isnan(two.response_rate)
    assert es.attendance(Database(memory=True), w1) is None  # no participants table at all
    conn.execute(
        "INSERT INTO participants(workshop_id, name, sector_id, status) "
        "VALUES (?, 'Nog niet afgevinkt (test)', 'jgz', 'aangemeld')",
        [w2],
    )
    assert es.attendance(conn, w2) is None  # registered, but presence not marked yet
    assert es.attendance_by_workshop(conn, [w1, w2, 999]) == {w1: 5, w2: None}


def test_empty_scope(conn, q):
    wid = new_workshop(conn)
    data = es.load(conn, workshop_ids=[wid], q=q)
    assert es.item_stats(data).empty and es.sector_goal_stats(data).empty
    assert es.grade_stats(data).iloc[0]["n"] == 0
    assert es.goal_stats(data)["n"].tolist() == [0, 0]
    assert es.grade_stats(data)["median"].isna().all()


def test_filters_by_year_and_province(conn, q, w1, w2):
    conn.execute("UPDATE workshops SET date = '2025-05-01' WHERE id = ?", [w2])
    assert es.load(conn, year=2026, q=q).workshops["workshop_id"].tolist() == [w1]
    assert es.load(conn, year=2025, q=q).workshops["workshop_id"].tolist() == [w2]
    province = catalog().municipalities["GM0363"].province  # Amsterdam
    assert es.load(conn, province=province, q=q).workshops["workshop_id"].tolist() == [w2]
    opts = es.filter_options(conn)
    assert opts["years"] == [2026, 2025] and province in opts["provinces"]


# ---------------------------------------------------------------- versions


def test_a_changed_questionnaire_keeps_older_answers_and_labels(conn, q, w1, tmp_path):
    before = es.item_stats(conn, workshop_ids=[w1], q=q)
    # Version 3: b2 dropped (its definition removed from the file), a1 reworded, version 1 gone.
    q3 = write_q(
        tmp_path,
        "v3.toml",
        current="3",
        a1_text="A een, anders gezegd",
        a1_short="A1 nieuw",
        b2="",
        versions=V2.replace('"b2", ', "") + V3,
    )
    after = es.item_stats(conn, workshop_ids=[w1], q=q3)
    assert list(after["item_id"]) == ["a1", "a2", "b1", "b2"]
    num = ["n_asked", "n", "n_missing", "before_mean", "now_mean", "share_improved"]
    pd.testing.assert_frame_equal(before[num], after[num])
    assert row(after, item_id="b2")["item"] == "B2 oud"  # label from the stored snapshot
    assert row(after, item_id="a1")["item"] == "A1 nieuw"
    assert set(responses.stored_definitions(conn)) == {1, 2}
    assert [i["id"] for i in responses.stored_definitions(conn)[1]["items"]] == [
        "a1", "a2", "b1", "cijfer", "lk", "open1"
    ]  # fmt: skip


def test_fast_paths_equal_the_pandas_ones(conn):
    """The per-workshop shortcuts (scores per respondent in one Python pass, asked counts from
    the shared lists) give exactly the frames of the plain pandas versions, on demo data with
    blanks, paper forms and several sectors."""
    from jep import demo

    demo.seed_demo(conn, count=40, seed=5)
    ids = [r[0] for r in conn.execute("SELECT id FROM workshops ORDER BY id")]
    for scope in [[i] for i in ids[:25]] + [ids, []]:
        data = es.load(conn, workshop_ids=scope)
        pd.testing.assert_frame_equal(
            es._respondent_goal_scores(data),
            es._respondent_goal_scores_pandas(data),
            check_exact=True,
        )
        pd.testing.assert_series_equal(
            es._asked_counts(data), es._asked(data).groupby("item_id").size()
        )


def _fresh(conn, q) -> pd.DataFrame:
    """The programme's measures computed afresh over the whole programme (nothing kept)."""
    pairs = tuple((p[0], p[1]) for p in _pairs(conn, q))
    return es._measures_of(conn, pairs)


def test_a_form_removed_and_typed_in_again_within_the_same_second_is_not_missed(
    conn, q, w1, monkeypatch
):
    """Timestamps have one-second resolution and a removed response's id is given again to the
    next one (no AUTOINCREMENT): removing the newest form and typing in another for the same
    workshop within the second leaves count, sum of ids, sum of revisions and the newest
    updated_at as they were. The report's comparison must still see the new answers."""
    second = db.now()
    monkeypatch.setattr(responses, "now", lambda: second)  # all of it within this second
    rid = add(conn, q, w1, 2, None, a1=pp(1, 2), cijfer=10)
    pd.testing.assert_frame_equal(es.programme_measures(conn, q=q), _fresh(conn, q))
    assert responses.delete_response(conn, w1, rid, "tester")  # typed in wrongly: removed
    again = add(conn, q, w1, 2, None, a1=pp(1, 2), cijfer=1)  # and typed in again
    assert again == rid
    assert row(_fresh(conn, q), workshop_id=w1, measure="rapportcijfer").value == 7
    pd.testing.assert_frame_equal(es.programme_measures(conn, q=q), _fresh(conn, q))


def test_a_workshop_removed_and_its_id_given_again_is_not_mistaken_for_the_old_one(
    conn, q, w1, monkeypatch
):
    """Removing a workshop removes its evaluations (ON DELETE CASCADE) and the next workshop
    gets its id again: within the same second its first evaluation looks like the old one's."""
    second = db.now()
    monkeypatch.setattr(responses, "now", lambda: second)
    old = new_workshop(conn, "GM0344")
    add(conn, q, old, 2, None, a1=pp(1, 5), cijfer=10)
    pd.testing.assert_frame_equal(es.programme_measures(conn, q=q), _fresh(conn, q))
    with write(conn):
        conn.execute("DELETE FROM workshops WHERE id = ?", [old])
    new = new_workshop(conn, "GM0344")
    assert new == old
    add(conn, q, new, 2, None, a1=pp(5, 1), cijfer=1)
    pd.testing.assert_frame_equal(es.programme_measures(conn, q=q), _fresh(conn, q))
