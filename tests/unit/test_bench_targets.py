"""The benchmark's judgement of a screen (bench/run.py `row_targets`): which targets it misses."""

from __future__ import annotations

from bench.run import row_targets


def test_a_screen_within_every_target_misses_none():
    row = {"run_ms": 40, "ratio": 1.2, "browser_ms": 800, "interaction_ms": 300}
    assert row_targets(row) == []


def test_each_target_is_judged_on_its_own():
    assert row_targets({"run_ms": 151}) == ["server"]
    assert row_targets({"ratio": 1.31}) == ["floor"]
    assert row_targets({"browser_ms": 1001}) == ["browser"]
    assert row_targets({"interaction_ms": 501}) == ["interaction"]
    assert row_targets({"problem": "TimeoutError"}) == ["error"]


def test_the_deliberate_pause_of_an_unknown_link_is_not_counted_as_work():
    row = {"run_ms": 305, "pause_ms": 300, "browser_ms": 1020}
    assert row_targets(row) == []
    assert row_targets({**row, "browser_ms": 1301}) == ["browser"]
    assert row_targets({**row, "pause_ms": 0}) == ["server", "browser"]
