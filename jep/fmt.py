"""Dutch formatting of dates, moments and numbers for screens and the report."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
LOCAL = ZoneInfo("Europe/Amsterdam")
"""The time zone of every moment shown to people (the database stores UTC)."""
EMPTY = "—"


def _missing(value: object) -> bool:
    return value is None or value == "" or value != value  # None, empty or NaN


def fmt_date(value: str | date | None) -> str:
    """Dutch long date: '3 maart 2027'; '—' when empty. A stored moment (ISO text with a time)
    gives its day in Dutch time."""
    if _missing(value):
        return EMPTY
    if isinstance(value, datetime):
        return fmt_date(local(value).date())
    if isinstance(value, date):
        d = value
    else:
        text = str(value)
        d = local(text).date() if len(text) > 10 else date.fromisoformat(text[:10])
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def local(value: str | datetime) -> datetime:
    """A stored moment (ISO text, UTC when it names no zone) in Dutch time."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL)


def fmt_moment(value: str | datetime | None, seconds: bool = False) -> str:
    """A stored moment in Dutch time: '30 november 2026 om 14:05' ('—' when empty)."""
    if _missing(value):
        return EMPTY
    assert value is not None
    moment = local(value)
    clock = f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}"
    return f"{fmt_date(moment.date())} om {clock}"


def fmt_progress(n: int, total: int) -> str:
    """How far a part of a form is, as its bar shows it: '2 van 3', or 'klaar ✓' when done."""
    return "klaar ✓" if n >= total else f"{n} van {total}"


def fmt_num(value: float | None, decimals: int = 1) -> str:
    """Dutch decimal comma: 2.6 -> '2,6'; '—' when missing."""
    if value is None or value != value:  # NaN
        return EMPTY
    return f"{value:.{decimals}f}".replace(".", ",")
