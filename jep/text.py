"""Cleaning what people type: one place for the rules every form shares."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Invisible characters that text needs: zero-width (non-)joiners build emoji sequences such as
# 👩‍👩‍👧 and shape Persian or Indic script. Other format characters (bidi overrides that can
# disguise text, zero-width spaces) and control characters are dropped.
_KEEP = frozenset("\n\t\u200c\u200d")


def _clean_char(ch: str) -> str:
    if ch in _KEEP or ch.isprintable():
        return ch
    kind = unicodedata.category(ch)
    if kind == "Zs":  # no-break and other spaces become a plain space
        return " "
    return "\n" if kind in ("Zl", "Zp") else ""


def clean_text(value: Any, limit: int | None = None) -> str:
    """Free text as stored: control and disguising characters dropped (newlines, tabs and emoji
    joiners stay), stripped, and cut at `limit + 1` characters so that a length check can still
    tell the user it was too long."""
    text = "" if value is None else str(value)
    text = "".join(_clean_char(ch) for ch in text).strip()
    return text if limit is None else text[: limit + 1]


# ASCII digits only: str.isdigit() also accepts "²" or "١٢", which int() refuses or reads as a
# number nobody typed. At most 18 digits, far below int()'s own limit on long strings.
_INT_RE = re.compile(r"-?[0-9]{1,18}")


def parse_int(value: Any, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """A whole number from text (a query parameter, a form value, a setting): optional minus
    sign and ASCII digits, surrounding spaces allowed; None for anything else or outside
    [minimum, maximum]. A Python int (not a bool) is taken as it is. Never raises."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None
    return number


def as_int(value: Any) -> int | None:
    """A whole number from a form value (int, integral float or digits, optionally negative);
    None for anything else, booleans included."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return parse_int(value)


def is_blank(value: Any) -> bool:
    """None, or text with nothing but white space (an answer not given)."""
    return value is None or (isinstance(value, str) and not value.strip())
