"""widgets.selection_key: a table's row selection belongs to the rows it was made on."""

from app_ui.widgets import selection_key


def test_same_rows_same_key_so_a_rerun_keeps_the_selection():
    assert selection_key("t", [3, 1, 2]) == selection_key("t", (3, 1, 2))


def test_other_rows_or_order_or_table_another_key():
    base = selection_key("t", [3, 1, 2])
    assert selection_key("t", [3, 1]) != base  # filtered
    assert selection_key("t", [9, 3, 1, 2]) != base  # a row added above
    assert selection_key("t", [1, 3, 2]) != base  # another order: positions differ
    assert selection_key("u", [3, 1, 2]) != base
    assert selection_key("t", [31, 2]) != selection_key("t", [3, 12])  # no run-together ids
