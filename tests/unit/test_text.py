"""Cleaning what people type (jep.text)."""

from jep.text import as_int


def test_superscript_and_other_script_digits_are_no_whole_numbers():
    """Found by the property test of intake.normalise/validate: '²' passed str.isdigit() and
    crashed int()."""
    assert as_int("²") is None and as_int("٣") is None and as_int("-") is None
    assert as_int(" 12 ") == 12 and as_int("-3") == -3 and as_int("7") == 7
