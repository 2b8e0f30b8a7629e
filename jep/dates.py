"""Calendar arithmetic shared by the concerns (retention periods, follow-up due dates, the
picker's recent workshops)."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(d: date, months: int) -> date:
    """`d` plus `months` calendar months (negative: earlier; the day clamped to the month's
    length)."""
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))
