"""Dutch formatting of dates and numbers for screens and the report."""

from __future__ import annotations

from datetime import date

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


def fmt_date(value: str | date | None) -> str:
    """Dutch long date: '3 maart 2027'; '—' when empty."""
    if not value:
        return "—"
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def fmt_num(value: float | None, decimals: int = 1) -> str:
    """Dutch decimal comma: 2.6 -> '2,6'; '—' when missing."""
    if value is None or value != value:  # NaN
        return "—"
    return f"{value:.{decimals}f}".replace(".", ",")


def fmt_moment(value: str | None) -> str:
    """A stored UTC moment in Dutch local time: '3 maart 2027 14:05'; '—' when empty."""
    if not value:
        return "—"
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(ZoneInfo("Europe/Amsterdam"))
    return f"{fmt_date(local.date())} {local:%H:%M}"
