"""Strict number parsing (jep.text.parse_int / as_int): only ASCII digits, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jep.text import as_int, parse_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026", 2026), (" 12 ", 12), ("-3", -3), ("0", 0), ("007", 7)],
)
def test_parse_int_reads_plain_numbers(text, expected):
    assert parse_int(text) == expected


@pytest.mark.parametrize(
    "text",
    ["²", "2²", "١٢", "１２", "½", "1.5", "1e3", "", " ", "-", "+5", "0x10", "1_000", "9" * 19],
)
def test_parse_int_refuses_what_is_not_plain_ascii_digits(text):
    assert parse_int(text) is None
    assert as_int(text) is None


def test_parse_int_bounds_and_types():
    assert parse_int("5", 1, 10) == 5
    assert parse_int("0", 1) is None
    assert parse_int("11", maximum=10) is None
    assert parse_int(None) is None
    assert parse_int(True) is None
    assert parse_int(7) == 7
    assert parse_int(["1"]) is None


@given(st.text(max_size=30))
def test_parse_int_never_raises(text):
    result = parse_int(text)
    assert result is None or str(result) == str(int(text.strip()))


def test_superscript_and_other_script_digits_are_no_whole_numbers():
    """Found by the property test of intake.normalise/validate: '²' passed str.isdigit() and
    crashed int()."""
    assert as_int("²") is None and as_int("٣") is None and as_int("-") is None
    assert as_int(" 12 ") == 12 and as_int("-3") == -3 and as_int("7") == 7
